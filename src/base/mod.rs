//! The shared vocabulary every stage may use: nouns that carry no stage's
//! logic. Nothing here imports from load, tailor, typeset or export.

pub mod rich;

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Color {
    /// Red.
    pub r: u8,
    /// Green.
    pub g: u8,
    /// Blue.
    pub b: u8,
}

impl Color {
    /// A colour from its components.
    pub const fn rgb(r: u8, g: u8, b: u8) -> Self {
        Self { r, g, b }
    }

    /// Parses `#RRGGBB`.
    pub fn from_hex(hex: &str) -> Option<Self> {
        let digits = hex.strip_prefix('#')?;
        if digits.len() != 6 || !digits.is_ascii() {
            return None;
        }
        let channel = |i: usize| u8::from_str_radix(&digits[i..i + 2], 16).ok();
        Some(Self::rgb(channel(0)?, channel(2)?, channel(4)?))
    }

    /// This colour mixed with `other`; `amount` 0 keeps self, 1 gives other.
    pub fn mix(self, other: Color, amount: f32) -> Color {
        let m = |a: u8, b: u8| (f32::from(a) + (f32::from(b) - f32::from(a)) * amount).round() as u8;
        Color::rgb(m(self.r, other.r), m(self.g, other.g), m(self.b, other.b))
    }
}

/// How a leaflet sheet is folded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Fold {
    /// Flat pages in columns.
    #[default]
    None,
    /// In half: four panels.
    Bifold,
    /// In three (letter fold): six panels.
    Trifold,
}

impl Fold {
    /// The name used in themes and in file names.
    pub fn name(self) -> &'static str {
        match self {
            Fold::None => "none",
            Fold::Bifold => "bifold",
            Fold::Trifold => "trifold",
        }
    }
}

/// The font families compiled into the binary, as themes name them.
pub const BUILT_IN_FAMILIES: [&str; 2] = ["Noto Serif", "Noto Sans"];
