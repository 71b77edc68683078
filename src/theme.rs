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
    /// Smallest size a long slide title shrinks to, to stay within two lines.
    pub min_title_size: f32,
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

/// The archival standards (PDF/A) a document may be written to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Archival {
    /// PDF/A-2b: looks the same in decades.
    A2b,
    /// PDF/A-2u: also every character's text is recoverable.
    A2u,
    /// PDF/A-2a: also tagged for accessibility.
    A2a,
    /// PDF/A-3b.
    A3b,
    /// PDF/A-3u.
    A3u,
    /// PDF/A-3a.
    A3a,
}

/// The standards a document is written to and checked against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Standards {
    /// PDF/A, for archives.
    pub archival: Option<Archival>,
    /// PDF/UA-1, for screen readers.
    pub accessible: bool,
}

impl Standards {
    /// The standard named by `name` (`a-2b`, `ua-1`, …) added to these;
    /// `None` for an unknown name.
    pub fn with(mut self, name: &str) -> Option<Self> {
        let archival = match name.trim().to_ascii_lowercase().as_str() {
            "ua-1" => {
                self.accessible = true;
                return Some(self);
            }
            "a-2b" => Archival::A2b,
            "a-2u" => Archival::A2u,
            "a-2a" => Archival::A2a,
            "a-3b" => Archival::A3b,
            "a-3u" => Archival::A3u,
            "a-3a" => Archival::A3a,
            _ => return None,
        };
        self.archival = Some(archival);
        Some(self)
    }

    /// The standards of a comma-separated list such as `a-2b,ua-1`, or the
    /// first name that is not one.
    pub fn parse(list: &str) -> Result<Self, String> {
        list.split(',')
            .filter(|n| !n.trim().is_empty())
            .try_fold(Self::default(), |s, name| {
                s.with(name).ok_or_else(|| name.trim().to_owned())
            })
    }

    /// The names this accepts, for messages.
    pub const NAMES: &'static str = "a-2b, a-2u, a-2a, a-3b, a-3u, a-3a, ua-1";
}

/// PDF and print-shop settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PdfTheme {
    /// The standards every document is written to.
    pub standards: Standards,
    /// Colours written as CMYK for offset printing rather than RGB.
    pub cmyk: bool,
    /// How leaflet pages are placed on the printed sheets.
    pub imposition: Imposition,
}

/// How leaflet pages go onto printed sheets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Imposition {
    /// One page per sheet side, as laid out.
    #[default]
    None,
    /// Two copies of an A5 (or A6) page side by side on each A4 (A5) sheet,
    /// cut apart after printing.
    TwoUp,
    /// Pages ordered and paired for a saddle-stitched booklet.
    Booklet,
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
    /// PDF standards and print settings.
    pub pdf: PdfTheme,
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
