//! The shared vocabulary every stage may use: nouns that carry no stage's
//! logic. Nothing here imports from load, tailor, typeset or export.

pub mod rich;

/// A colour: sRGB for the screen, and the CMYK a print shop gets when a
/// theme asks for it (given as `cmyk(c, m, y, k)`, or derived).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Color {
    /// Red.
    pub r: u8,
    /// Green.
    pub g: u8,
    /// Blue.
    pub b: u8,
    /// Cyan, magenta, yellow and black in per cent, when given as such.
    pub given_cmyk: Option<[u8; 4]>,
}

impl Color {
    /// A colour from its components.
    pub const fn rgb(r: u8, g: u8, b: u8) -> Self {
        Self {
            r,
            g,
            b,
            given_cmyk: None,
        }
    }

    /// A colour given for print, in per cent of each ink; its screen
    /// colour is the naive conversion.
    pub fn cmyk(c: u8, m: u8, y: u8, k: u8) -> Self {
        let ink = |v: u8| f32::from(v.min(100)) / 100.0;
        let screen = |v: u8| ((1.0 - ink(v)) * (1.0 - ink(k)) * 255.0).round() as u8;
        Self {
            given_cmyk: Some([c, m, y, k].map(|v| v.min(100))),
            ..Self::rgb(screen(c), screen(m), screen(y))
        }
    }

    /// Parses `cmyk(c, m, y, k)` with each ink in per cent (0 to 100).
    pub fn from_cmyk(text: &str) -> Option<Self> {
        let inner = text.trim().strip_prefix("cmyk(")?.strip_suffix(')')?;
        let inks: Vec<u8> = inner
            .split(',')
            .map(|v| {
                v.trim()
                    .trim_end_matches('%')
                    .parse::<u8>()
                    .ok()
                    .filter(|v| *v <= 100)
            })
            .collect::<Option<_>>()?;
        let [c, m, y, k] = inks[..] else {
            return None;
        };
        Some(Self::cmyk(c, m, y, k))
    }

    /// The inks of this colour in per cent: as given, or converted from
    /// its RGB with black taking the grey part.
    pub fn inks(self) -> [u8; 4] {
        if let Some(given) = self.given_cmyk {
            return given;
        }
        let [r, g, b] = [self.r, self.g, self.b].map(|v| f32::from(v) / 255.0);
        let k = 1.0 - r.max(g).max(b);
        if k >= 1.0 {
            return [0, 0, 0, 100];
        }
        let ink = |v: f32| ((1.0 - v - k) / (1.0 - k) * 100.0).round() as u8;
        [ink(r), ink(g), ink(b), (k * 100.0).round() as u8]
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
        let mixed = Color::rgb(m(self.r, other.r), m(self.g, other.g), m(self.b, other.b));
        // Tints of a colour given in inks stay in those inks.
        match (self.given_cmyk, other.given_cmyk) {
            (None, None) => mixed,
            _ => {
                let (a, b) = (self.inks(), other.inks());
                Color {
                    given_cmyk: Some([0, 1, 2, 3].map(|i| m(a[i], b[i]))),
                    ..mixed
                }
            }
        }
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

/// Content that does not fit its space even at the smallest type allowed:
/// what typeset answers when asked to lay out more than the sheet holds.
#[derive(Debug, Clone)]
pub struct Overflow {
    /// Points of text beyond the space.
    pub by: f32,
    /// The type size of that last try.
    pub size: f32,
    /// Where the text that did not fit comes from, when one element did not.
    pub place: Option<crate::diag::Place>,
}
