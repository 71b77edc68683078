//! The look of the products: fonts, colours, paper and type sizes.
//!
//! A built-in default is compiled in; a project's `theme.toml` overrides any
//! subset of it.

use crate::base::Color;

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
    /// Headings, labels and quotes; the primary colour darkened if unset.
    pub heading: Option<Color>,
    /// The cover band and closing box; the primary colour darkened if unset.
    pub band: Option<Color>,
    /// Background of highlighted boxes; a tint of the primary colour if unset.
    pub box_fill: Option<Color>,
}

/// Leaflet settings.
#[derive(Debug, Clone)]
pub struct LeafletTheme {
    /// Trimmed page width in points.
    pub paper_width: f32,
    /// Trimmed page height in points.
    pub paper_height: f32,
    /// Unfolded, bifold or trifold.
    pub fold: crate::base::Fold,
    /// Number of columns for unfolded leaflets.
    pub columns: usize,
    /// Page margin on every side.
    pub margin: f32,
    /// Space between columns.
    pub gutter: f32,
    /// How far colour at the page edge runs past the trim (0 for office printers).
    pub bleed: f32,
    /// Crop marks outside the bleed.
    pub crop_marks: bool,
    /// Body text size.
    pub body_size: f32,
    /// Smallest body size a leaflet may shrink to.
    pub min_body_size: f32,
    /// Line spacing as a multiple of the body size.
    pub leading: f32,
    /// Size of talking-point headings relative to the body size.
    pub heading_scale: f32,
    /// Justify body text.
    pub justify: bool,
    /// Hyphenate body text.
    pub hyphenate: bool,
    /// Space between paragraphs.
    pub paragraph_spacing: f32,
    /// Where the logo goes on the cover band.
    pub logo: LogoPlace,
    /// Left part of the page footer: `{title}`, `{organiser}`, `{date}`,
    /// `{audience}`, `{page}`, `{pages}`; the page number stands at the right.
    pub footer: String,
}

/// Where the logo sits on a leaflet's cover band.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LogoPlace {
    /// At the band's right end.
    #[default]
    Right,
    /// At the band's left end, before the title.
    Left,
    /// Not shown on the leaflet.
    None,
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
    /// The organiser's PowerPoint template, relative to the project folder.
    pub pptx_template: Option<crate::project::Text>,
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

impl Colors {
    /// The primary colour darkened until small text in it reads well on paper.
    pub fn primary_dark(&self) -> Color {
        self.primary.mix(Color::rgb(0, 0, 0), 0.45)
    }

    /// The primary colour lightened into a tint for box backgrounds.
    pub fn primary_tint(&self) -> Color {
        self.primary.mix(self.background, 0.88)
    }

    /// Colour of headings, labels and quotes.
    pub fn heading(&self) -> Color {
        self.heading.unwrap_or_else(|| self.primary_dark())
    }

    /// Colour of the cover band, the closing box and the title slide.
    pub fn band(&self) -> Color {
        self.band.unwrap_or_else(|| self.primary_dark())
    }

    /// Background of highlighted boxes.
    pub fn box_fill(&self) -> Color {
        self.box_fill.unwrap_or_else(|| self.primary_tint())
    }
}
