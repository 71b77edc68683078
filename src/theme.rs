//! The look of the products: fonts, colours, paper and type sizes.
//!
//! A built-in default is compiled in; a project's `theme.toml` overrides any
//! subset of it.

use crate::typeset::page::Color;

/// Millimetres to points.
pub const MM: f32 = 72.0 / 25.4;

/// Font families by role.
#[derive(Debug, Clone)]
pub struct Fonts {
    /// Body text.
    pub body: String,
    /// Headings, labels, the cover.
    pub heading: String,
    /// Tried in order for characters the main family lacks.
    pub fallback: Vec<String>,
}

/// The palette.
#[derive(Debug, Clone, Copy)]
pub struct Colors {
    /// Brand colour: bands, rules, headings.
    pub primary: Color,
    /// Highlight colour: thin accents.
    pub accent: Color,
    /// Body text.
    pub text: Color,
    /// Paper.
    pub background: Color,
}

/// Leaflet settings.
#[derive(Debug, Clone)]
pub struct LeafletTheme {
    /// Trimmed page width in points.
    pub paper_width: f32,
    /// Trimmed page height in points.
    pub paper_height: f32,
    /// Number of columns for unfolded leaflets.
    pub columns: usize,
    /// Page margin on every side.
    pub margin: f32,
    /// Space between columns.
    pub gutter: f32,
    /// Body text size.
    pub body_size: f32,
    /// Smallest body size a leaflet may shrink to.
    pub min_body_size: f32,
    /// Justify body text.
    pub justify: bool,
    /// Hyphenate body text.
    pub hyphenate: bool,
}

/// Slide deck settings.
#[derive(Debug, Clone)]
pub struct DeckTheme {
    /// Slide width in points.
    pub width: f32,
    /// Slide height in points.
    pub height: f32,
    /// Slide title size.
    pub title_size: f32,
    /// Bullet text size.
    pub body_size: f32,
    /// Smallest size autofit may shrink bullets to; beyond it a point
    /// continues on another slide.
    pub min_body_size: f32,
    /// Most bullets on one slide.
    pub max_bullets: usize,
    /// Footer template: `{organiser}`, `{date}`, `{page}`, `{pages}`, `{audience}`.
    pub footer: String,
}

/// A complete theme.
#[derive(Debug, Clone)]
pub struct Theme {
    /// Font families.
    pub fonts: Fonts,
    /// Colours.
    pub colors: Colors,
    /// Leaflet settings.
    pub leaflet: LeafletTheme,
    /// Deck settings.
    pub deck: DeckTheme,
}

impl Default for Theme {
    /// The built-in theme: Noto Serif body and Noto Sans headings on A4 in two
    /// columns, in the sky blue and gold of the Kazakh flag.
    fn default() -> Self {
        Self {
            fonts: Fonts {
                body: "Noto Serif".into(),
                heading: "Noto Sans".into(),
                fallback: vec!["Noto Sans".into()],
            },
            colors: Colors {
                primary: Color::rgb(0x00, 0xAF, 0xCA),
                accent: Color::rgb(0xFE, 0xC5, 0x0C),
                text: Color::rgb(0x1A, 0x1A, 0x1A),
                background: Color::rgb(0xFF, 0xFF, 0xFF),
            },
            leaflet: LeafletTheme {
                paper_width: 210.0 * MM,
                paper_height: 297.0 * MM,
                columns: 2,
                margin: 15.0 * MM,
                gutter: 7.0 * MM,
                body_size: 10.0,
                min_body_size: 8.5,
                justify: true,
                hyphenate: true,
            },
            // 16:9 at the size presentation programs use (13.33 × 7.5 in).
            deck: DeckTheme {
                width: 960.0,
                height: 540.0,
                title_size: 40.0,
                body_size: 26.0,
                min_body_size: 18.0,
                max_bullets: 6,
                footer: "{organiser} · {date} · {page}/{pages}".into(),
            },
        }
    }
}

impl Colors {
    /// The primary colour darkened until small text in it reads well on paper.
    pub fn primary_dark(&self) -> Color {
        self.primary.mix(Color::rgb(0, 0, 0), 0.45)
    }

    /// The primary colour lightened into a tint for box backgrounds.
    pub fn primary_tint(&self) -> Color {
        self.primary.mix(self.background, 0.88)
    }
}
