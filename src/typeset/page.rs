//! The laid-out result every product produces and the exporter reads:
//! pages of positioned glyph runs, filled shapes and links.
//!
//! Geometry is in PostScript points, origin top-left, y down.

use std::ops::Range;

use super::text::fonts::FaceId;

pub use crate::base::Color;

/// An axis-aligned rectangle.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    /// Left edge.
    pub x: f32,
    /// Top edge.
    pub y: f32,
    /// Width.
    pub w: f32,
    /// Height.
    pub h: f32,
}

impl Rect {
    /// The largest rectangle of height/width ratio `aspect` centred in this one.
    pub fn fit(&self, aspect: f32) -> Rect {
        let (w, h) = if self.h / self.w.max(0.001) > aspect {
            (self.w, self.w * aspect)
        } else {
            (self.h / aspect.max(0.001), self.h)
        };
        Rect::new(self.x + (self.w - w) / 2.0, self.y + (self.h - h) / 2.0, w, h)
    }

    /// A rectangle from its top-left corner and size.
    pub const fn new(x: f32, y: f32, w: f32, h: f32) -> Self {
        Self { x, y, w, h }
    }

    /// Right edge.
    pub fn right(&self) -> f32 {
        self.x + self.w
    }

    /// Bottom edge.
    pub fn bottom(&self) -> f32 {
        self.y + self.h
    }

    /// Whether `other` lies inside this rectangle, allowing `tolerance`
    /// points for rounding.
    pub fn contains(&self, other: &Rect, tolerance: f32) -> bool {
        other.x >= self.x - tolerance
            && other.y >= self.y - tolerance
            && other.right() <= self.right() + tolerance
            && other.bottom() <= self.bottom() + tolerance
    }
}

/// What a piece of text is in the document's logical structure, which a
/// screen reader follows. Page furniture (footers, page numbers, labels
/// repeated on every page) is none of these.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Role {
    /// Not part of the content: read past.
    #[default]
    Artifact,
    /// The document's title.
    Title,
    /// A talking point's heading, a slide's title.
    Heading,
    /// A paragraph.
    Paragraph,
    /// An item of a bulleted list.
    ListItem,
    /// The quote.
    Quote,
    /// A highlighted box: "what this means for you", the closing box.
    Aside,
}

/// A run's place in the logical structure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Tag {
    /// What the text is.
    pub role: Role,
    /// The part of the sheet it belongs to, in reading order: a folded
    /// sheet is read cover, inside, back, whatever page each is on.
    pub part: u8,
    /// Whether the run begins a new element (a paragraph's first run).
    pub starts: bool,
}

/// One element of the logical structure: a title, a heading, a paragraph,
/// a list item, a picture; the items that show it, in reading order.
#[derive(Debug, Clone, PartialEq)]
pub struct Element {
    /// What it is; a picture is a figure.
    pub role: Role,
    /// (page, index among the page's items) of each piece.
    pub pieces: Vec<(usize, usize)>,
}

impl Element {
    /// Whether this is a picture rather than text.
    pub fn is_figure(&self, pages: &[Page]) -> bool {
        self.pieces
            .first()
            .is_some_and(|&(page, item)| matches!(pages[page].items[item], Item::Image { .. }))
    }

    /// The text the element shows.
    pub fn text(&self, pages: &[Page]) -> String {
        let mut out = String::new();
        let (mut divided, mut line) = (false, None);
        for &(page, item) in &self.pieces {
            if let Item::Text(run) = &pages[page].items[item] {
                // Lines are joined by a space, unless a word was divided.
                let new_line = line != Some((page, run.y.to_bits()));
                if new_line && !out.is_empty() && !divided && !out.ends_with([' ', '-', '/']) {
                    out.push(' ');
                }
                line = Some((page, run.y.to_bits()));
                divided = run.text.ends_with('\u{ad}');
                out.push_str(run.text.trim_end_matches('\u{ad}'));
            }
        }
        out.trim().to_owned()
    }
}

/// The content of `pages` as elements in reading order: by part of the
/// sheet, then page, then the order things were set. Footers, page numbers,
/// fills and undescribed pictures are left out: they are page furniture.
pub fn elements(pages: &[Page]) -> Vec<Element> {
    let mut pieces: Vec<(u8, usize, usize, Role, bool)> = Vec::new();
    for (p, page) in pages.iter().enumerate() {
        for (i, item) in page.items.iter().enumerate() {
            match item {
                Item::Text(run) if run.tag.role != Role::Artifact => {
                    pieces.push((run.tag.part, p, i, run.tag.role, run.tag.starts));
                }
                Item::Image { picture, .. } if picture.alt.is_some() => {
                    pieces.push((0, p, i, Role::Paragraph, true))
                }
                _ => {}
            }
        }
    }
    pieces.sort_by_key(|&(part, page, item, ..)| (part, page, item));
    let mut out: Vec<Element> = Vec::new();
    for (_, page, item, role, starts) in pieces {
        let figure = matches!(pages[page].items[item], Item::Image { .. });
        match out.last_mut() {
            Some(last) if !starts && !figure && last.role == role && !last.is_figure(pages) => {
                last.pieces.push((page, item));
            }
            _ => out.push(Element {
                role,
                pieces: vec![(page, item)],
            }),
        }
    }
    out
}

/// The bookmarks of `pages`: one per heading, where it stands.
pub fn heading_outline(pages: &[Page]) -> Vec<OutlineEntry> {
    elements(pages)
        .into_iter()
        .filter(|e| e.role == Role::Heading)
        .filter_map(|e| {
            let &(page, item) = e.pieces.first()?;
            let Item::Text(run) = &pages[page].items[item] else {
                return None;
            };
            Some(OutlineEntry {
                title: e.text(pages),
                page,
                y: (run.y - run.size).max(0.0),
            })
        })
        .collect()
}

/// Puts the text among `items` in `part` of the sheet's reading order.
pub fn set_part(items: &mut [Item], part: u8) {
    for item in items {
        if let Item::Text(run) = item {
            run.tag.part = part;
        }
    }
}

/// A glyph placed in a run.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedGlyph {
    /// Glyph id in the run's face.
    pub id: u16,
    /// Advance to the next glyph (already including any justification).
    pub advance: f32,
    /// Horizontal offset from the pen position.
    pub x_offset: f32,
    /// Vertical offset, up positive.
    pub y_offset: f32,
    /// The bytes of the run's `text` this glyph stands for.
    pub range: Range<usize>,
}

/// Glyphs of one face, size and colour on one baseline, with the text they
/// show so the PDF's text layer gives it back exactly.
#[derive(Debug, Clone, PartialEq)]
pub struct GlyphRun {
    /// Pen position at the start of the baseline.
    pub x: f32,
    /// Baseline.
    pub y: f32,
    /// The face.
    pub face: FaceId,
    /// Font size in points.
    pub size: f32,
    /// Fill colour.
    pub color: Color,
    /// The glyphs.
    pub glyphs: Vec<PlacedGlyph>,
    /// The source text the glyphs show.
    pub text: String,
    /// Link target, when the run is a link.
    pub link: Option<String>,
    /// The box the run was laid out in (a column, a panel, a title block):
    /// the run must never leave it.
    pub frame: Rect,
    /// Its place in the logical structure.
    pub tag: Tag,
}

impl GlyphRun {
    /// Total advance.
    pub fn width(&self) -> f32 {
        self.glyphs.iter().map(|g| g.advance).sum()
    }

    /// The run's ink box, approximated from the font size: from the ascender
    /// line to the descender line, across the advances.
    pub fn bounds(&self) -> Rect {
        Rect::new(self.x, self.y - self.size * 0.8, self.width(), self.size)
    }
}

/// Something drawn on a page.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// Text.
    Text(GlyphRun),
    /// Rectangles filled with one colour (bands, rules, boxes, QR modules).
    Fill {
        /// The rectangles.
        rects: Vec<Rect>,
        /// Their colour.
        color: Color,
    },
    /// A picture filling a rectangle (its aspect ratio already respected).
    Image {
        /// Where.
        rect: Rect,
        /// What.
        picture: crate::project::Picture,
    },
    /// A clickable area opening a web address.
    Link {
        /// The area.
        rect: Rect,
        /// The address.
        url: String,
    },
}

/// What a print shop needs around a page.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Print {
    /// How far colour that touches the page edge runs past the trim.
    pub bleed: f32,
    /// Draw crop marks outside the bleed.
    pub crop_marks: bool,
    /// Where the sheet folds, as distances from the page's left edge; drawn
    /// as dashed fold marks beside the crop marks.
    pub folds: [Option<f32>; 2],
    /// Where the sheet is cut between two copies, from its left edge;
    /// drawn as crop marks.
    pub cut: Option<f32>,
}

impl Print {
    /// Space around the trimmed page on the sheet: the bleed, and room for
    /// crop marks beyond it.
    pub fn slug(&self) -> f32 {
        self.bleed
            + if self.crop_marks {
                CROP_MARK_GAP + CROP_MARK_LEN + 2.0
            } else {
                0.0
            }
    }
}

/// Distance of crop marks from the trim edge beyond the bleed.
pub const CROP_MARK_GAP: f32 = 3.0;
/// Length of a crop mark.
pub const CROP_MARK_LEN: f32 = 14.0;

/// One laid-out page.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    /// Width of the trimmed page.
    pub width: f32,
    /// Height of the trimmed page.
    pub height: f32,
    /// What is drawn, in painting (and reading) order. Shapes that bleed
    /// reach beyond the page box by up to `print.bleed`.
    pub items: Vec<Item>,
    /// Bleed and crop marks.
    pub print: Print,
}

impl Page {
    /// The text runs on the page, in reading order.
    pub fn runs(&self) -> impl Iterator<Item = &GlyphRun> {
        self.items.iter().filter_map(|i| match i {
            Item::Text(run) => Some(run),
            _ => None,
        })
    }
}

impl Page {
    /// Everything on the page, scaled and moved to fill `dest` (whose aspect
    /// ratio should match the page's): how notes and handouts show a slide
    /// as vector content rather than a picture.
    pub fn scaled_into(&self, dest: Rect) -> Vec<Item> {
        let k = dest.w / self.width;
        let place = |r: &Rect| Rect::new(dest.x + r.x * k, dest.y + r.y * k, r.w * k, r.h * k);
        self.items
            .iter()
            .map(|item| match item {
                Item::Fill { rects, color } => Item::Fill {
                    rects: rects.iter().map(place).collect(),
                    color: *color,
                },
                Item::Link { rect, url } => Item::Link {
                    rect: place(rect),
                    url: url.clone(),
                },
                Item::Image { rect, picture } => Item::Image {
                    rect: place(rect),
                    picture: picture.clone(),
                },
                Item::Text(run) => Item::Text(GlyphRun {
                    x: dest.x + run.x * k,
                    y: dest.y + run.y * k,
                    size: run.size * k,
                    glyphs: run
                        .glyphs
                        .iter()
                        .map(|g| PlacedGlyph {
                            advance: g.advance * k,
                            x_offset: g.x_offset * k,
                            y_offset: g.y_offset * k,
                            ..g.clone()
                        })
                        .collect(),
                    frame: place(&run.frame),
                    ..run.clone()
                }),
            })
            .collect()
    }
}

/// An entry of the PDF outline (bookmarks).
#[derive(Debug, Clone, PartialEq)]
pub struct OutlineEntry {
    /// Shown in the viewer's sidebar.
    pub title: String,
    /// Page index.
    pub page: usize,
    /// Top of the target on that page.
    pub y: f32,
}

/// A whole laid-out document, ready for export.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    /// The pages.
    pub pages: Vec<Page>,
    /// Bookmarks.
    pub outline: Vec<OutlineEntry>,
    /// Document title (PDF metadata).
    pub title: String,
    /// Document author (PDF metadata).
    pub author: Option<String>,
    /// BCP 47 language tag (PDF /Lang).
    pub lang: String,
}

/// Slack for rounding when asking whether text stays on its page.
const PAGE_TOLERANCE: f32 = 0.5;

impl Layout {
    /// What would make the document unprintable, if anything: a number that
    /// is not finite (a bug, never to be written into a PDF), or text that
    /// reaches past the page edge. The message quotes the text, so the user
    /// can find the field it came from.
    pub fn problem(&self) -> Option<String> {
        for (n, page) in self.pages.iter().enumerate() {
            let sheet = Rect::new(0.0, 0.0, page.width, page.height);
            if !finite_rect(&sheet) || page.width <= 0.0 || page.height <= 0.0 {
                return Some(format!("page {} has no printable size", n + 1));
            }
            for item in &page.items {
                if let Some(problem) = item_problem(item, &sheet) {
                    return Some(format!("page {}: {problem}", n + 1));
                }
            }
        }
        None
    }
}

/// Whether every coordinate of a rectangle is a finite number.
fn finite_rect(r: &Rect) -> bool {
    [r.x, r.y, r.w, r.h].iter().all(|v| v.is_finite())
}

/// The problem with one item on a page of size `sheet`, if any.
fn item_problem(item: &Item, sheet: &Rect) -> Option<String> {
    match item {
        Item::Fill { rects, .. } => rects
            .iter()
            .any(|r| !finite_rect(r))
            .then(|| "a shape has a position that is not a number".into()),
        Item::Link { rect, .. } | Item::Image { rect, .. } if !finite_rect(rect) => {
            Some("a picture or link has a position that is not a number".into())
        }
        Item::Link { .. } | Item::Image { .. } => None,
        Item::Text(run) => {
            let numbers = [run.x, run.y, run.size].into_iter().chain(
                run.glyphs
                    .iter()
                    .flat_map(|g| [g.advance, g.x_offset, g.y_offset]),
            );
            let finite = numbers.into_iter().all(f32::is_finite) && run.size > 0.0;
            if !finite {
                return Some(format!(
                    "the text {} has a size or position that is not a number",
                    excerpt(&run.text)
                ));
            }
            (!sheet.contains(&run.bounds(), PAGE_TOLERANCE)).then(|| {
                format!(
                    "the text {} would be drawn outside the page; shorten it",
                    excerpt(&run.text)
                )
            })
        }
    }
}

/// The start of a text, quoted, for messages.
fn excerpt(text: &str) -> String {
    let short: String = text.chars().take(40).collect();
    if short.len() < text.len() {
        format!("“{}…”", short.trim_end())
    } else {
        format!("“{short}”")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_parse_and_mix() {
        let c = Color::from_hex("#00AFCA").unwrap();
        assert_eq!(c, Color::rgb(0, 0xAF, 0xCA));
        assert_eq!(Color::from_hex("00AFCA"), None);
        assert_eq!(Color::from_hex("#00AFC"), None);
        assert_eq!(c.mix(Color::rgb(255, 255, 255), 1.0), Color::rgb(255, 255, 255));
    }

    #[test]
    fn scaling_a_page_keeps_proportions() {
        let page = Page {
            print: Print::default(),
            width: 200.0,
            height: 100.0,
            items: vec![Item::Fill {
                rects: vec![Rect::new(100.0, 50.0, 100.0, 50.0)],
                color: Color::rgb(0, 0, 0),
            }],
        };
        let items = page.scaled_into(Rect::new(10.0, 20.0, 100.0, 50.0));
        assert_eq!(
            items,
            vec![Item::Fill {
                rects: vec![Rect::new(60.0, 45.0, 50.0, 25.0)],
                color: Color::rgb(0, 0, 0)
            }]
        );
    }

    #[test]
    fn containment_allows_tolerance() {
        let outer = Rect::new(0.0, 0.0, 100.0, 100.0);
        assert!(outer.contains(&Rect::new(0.0, 0.0, 100.05, 10.0), 0.1));
        assert!(!outer.contains(&Rect::new(50.0, 0.0, 51.0, 10.0), 0.1));
    }
}
