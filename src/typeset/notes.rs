//! Products made from a deck: the speaker's notes (a page per slide, the
//! slide on top and its notes below), the presenter-console `.pdfpc` file,
//! and the audience handout with three slides per page and lines to write on.

use serde_json::json;

use crate::diag::Diagnostic;
use crate::tailor::Document;
use crate::theme::{MM, Theme};

use super::deck::Deck;
use super::fit::Ladder;
use super::flow::{self, Frames};
use super::page::{Color, Item, Layout, OutlineEntry, Page, Rect, Role};
use super::setter::Setter;
use super::text::fonts::FontBook;
use super::text::{Align, ParaStyle};

/// A4 portrait.
const A4: (f32, f32) = (210.0 * MM, 297.0 * MM);

/// The paper for `doc`: A4 portrait; landscape for clear and large print,
/// where each slide fills the page's width so its type, scaled down, stays
/// above the reader's floor (slides for such readers are set at least
/// [`super::deck::THUMBNAIL_MARGIN`] times the floor).
fn paper(doc: &Document) -> (f32, f32) {
    if doc.reading.enlarged() { (A4.1, A4.0) } else { A4 }
}
/// Page margin of notes and handouts.
const MARGIN: f32 = 15.0 * MM;

/// The speaker's version: per slide an A4 page with the slide on top and its
/// notes below, continued on further pages when long.
pub fn notes(deck: &Deck, doc: &Document, theme: &Theme, book: &FontBook) -> Result<Layout, Diagnostic> {
    let paper = paper(doc);
    let width = paper.0 - 2.0 * MARGIN;
    let set = Setter {
        book,
        column_w: width,
    };
    let heading = text_style(
        doc,
        theme,
        theme.fonts.heading.clone(),
        12.0_f32.max(doc.reading.smallest_type()),
        true,
        theme.colors.heading(),
    );
    let slide_h = width * deck_ratio(deck);
    let mut pages = Vec::new();
    let mut outline = Vec::new();
    let count = deck.layout.pages.len();
    for (n, (slide, info)) in deck.layout.pages.iter().zip(&deck.slides).enumerate() {
        let mut first = blank(paper);
        draw_slide(slide, Rect::new(MARGIN, MARGIN, width, slide_h), &mut first);
        let title = format!("{} {}/{count} · {}", doc.labels.notes, n + 1, info.title);
        // The notes start under the slide when their heading and two lines
        // fit there; else (a slide a landscape page wide, for clear and
        // large print) on the next page, never a heading alone at a foot.
        let below = MARGIN + slide_h + 24.0;
        let floor = NOTES_SIZE.max(doc.reading.body_size());
        let needed = heading.leading + 8.0 + 2.0 * (floor * 1.4).round();
        let frames = NotesFrames {
            first_top: (paper.1 - MARGIN - 24.0 - below >= needed).then_some(below),
            paper,
        };
        let room = frames.frame(0).1.h;
        let blocks_at = |size: f32| -> Result<Vec<flow::Block>, Diagnostic> {
            // Read at arm's length while speaking: a large sans face.
            let body = text_style(
                doc,
                theme,
                theme.fonts.heading.clone(),
                size,
                false,
                theme.colors.text,
            );
            let mut blocks = vec![flow::Block {
                lines: set.plain(&title, &doc.title.place, &heading, width)?,
                keep_with_next: true,
                ..Default::default()
            }];
            if let Some(text) = &info.notes {
                blocks.extend(set.blocks(text, &body, 8.0, body.leading * 0.5)?);
            }
            Ok(blocks)
        };
        // Short notes are set larger, to fill the page under the slide;
        // long ones continue on further pages at the notes size.
        let blocks = Ladder::new(NOTES_SIZE * 1.5, 1.0, floor)
            .fit(|size| {
                let blocks = blocks_at(size)?;
                let by = match flow::measure(&blocks, &frames, false) {
                    Ok(end) if end.frame == 0 => end.used - room,
                    _ => f32::INFINITY,
                };
                Ok((blocks, by))
            })?
            .value;
        let mut slide_pages = vec![first];
        let mut ignored = Vec::new();
        flow::flow(
            &blocks,
            &frames,
            &mut slide_pages,
            &|| blank(paper),
            &mut ignored,
            false,
        )
        .map_err(|o| {
            Diagnostic::plain(
                None,
                format!("the notes of slide {} overflow a page by {:.0} pt", n + 1, o.by),
            )
        })?;
        outline.push(OutlineEntry {
            title: info.title.clone(),
            page: pages.len(),
            y: 0.0,
        });
        pages.extend(slide_pages);
    }
    number_pages(&mut pages, doc, theme, &set)?;
    Ok(Layout {
        pages,
        outline,
        title: format!("{} — {}", deck.layout.title, doc.labels.notes),
        author: deck.layout.author.clone(),
        lang: deck.layout.lang.clone(),
    })
}

/// The presenter-console file (pdfpc's JSON format): the notes of each slide
/// of the deck, by page index.
pub fn pdfpc(deck: &Deck) -> String {
    let pages: Vec<_> = deck
        .slides
        .iter()
        .enumerate()
        .filter_map(|(idx, s)| {
            let note = &s.notes.as_ref()?.value;
            Some(json!({ "idx": idx, "label": (idx + 1).to_string(), "overlay": 0, "note": note }))
        })
        .collect();
    let file = json!({ "pdfpcFormat": 2, "disableMarkdown": true, "pages": pages });
    serde_json::to_string_pretty(&file).expect("a JSON value always serialises")
}

/// Size of the speaker's notes.
const NOTES_SIZE: f32 = 14.0;

/// The audience copy: three slides per A4 page down the left, ruled lines
/// to write on to their right, page numbers at the foot.
pub fn handout3(deck: &Deck, doc: &Document, theme: &Theme, book: &FontBook) -> Result<Layout, Diagnostic> {
    let paper = paper(doc);
    // Clear and large print: one slide a page, a page wide, lines below.
    let (per_page, share) = if doc.reading.enlarged() {
        (1, 1.0)
    } else {
        (3, 0.52)
    };
    let content_w = paper.0 - 2.0 * MARGIN;
    let row_h = (paper.1 - 2.0 * MARGIN - 24.0) / per_page as f32;
    let slide_w = content_w * share;
    let slide_h = slide_w * deck_ratio(deck);
    // Dark enough that an office laser printer does not drop the lines.
    let rule = theme.colors.text.mix(theme.colors.background, 0.55);
    let mut pages = Vec::new();
    let mut outline = Vec::new();
    for (n, (slide, info)) in deck.layout.pages.iter().zip(&deck.slides).enumerate() {
        if n % per_page == 0 {
            pages.push(blank(paper));
        }
        let page = pages.last_mut().expect("a page was just added");
        let top = MARGIN + (n % per_page) as f32 * row_h;
        draw_slide(slide, Rect::new(MARGIN, top, slide_w, slide_h), page);
        // Lines beside a slide that leaves room, else below it.
        let (lines_x, lines_top) = if share < 1.0 {
            (MARGIN + slide_w + 6.0 * MM, top)
        } else {
            (MARGIN, top + slide_h)
        };
        let lines: Vec<Rect> = (1..)
            .map(|k| lines_top + k as f32 * 8.0 * MM)
            .take_while(|y| *y <= top + row_h - 10.0 * MM)
            .map(|y| Rect::new(lines_x, y, MARGIN + content_w - lines_x, 0.6))
            .collect();
        page.items.push(Item::Fill {
            rects: lines,
            color: rule,
        });
        outline.push(OutlineEntry {
            title: info.title.clone(),
            page: pages.len() - 1,
            y: top,
        });
    }
    let set = Setter {
        book,
        column_w: content_w,
    };
    number_pages(&mut pages, doc, theme, &set)?;
    Ok(Layout {
        pages,
        outline,
        title: deck.layout.title.clone(),
        author: deck.layout.author.clone(),
        lang: deck.layout.lang.clone(),
    })
}

/// Height of a slide per point of width.
fn deck_ratio(deck: &Deck) -> f32 {
    deck.layout
        .pages
        .first()
        .map_or(9.0 / 16.0, |p| p.height / p.width)
}

/// An empty page of `paper`.
fn blank(paper: (f32, f32)) -> Page {
    Page {
        print: Default::default(),
        width: paper.0,
        height: paper.1,
        items: Vec::new(),
    }
}

/// A slide drawn into `dest` with a hairline border, so a white slide still
/// reads as a slide on white paper.
fn draw_slide(slide: &Page, dest: Rect, page: &mut Page) {
    page.items.extend(slide.scaled_into(dest));
    let (x, y, w, h, t) = (dest.x, dest.y, dest.w, dest.h, 0.5);
    page.items.push(Item::Fill {
        rects: vec![
            Rect::new(x, y, w, t),
            Rect::new(x, y + h - t, w, t),
            Rect::new(x, y, t, h),
            Rect::new(x + w - t, y, t, h),
        ],
        color: Color::rgb(0x99, 0x99, 0x99),
    });
}

/// A text style for notes and handouts.
fn text_style(
    doc: &Document,
    theme: &Theme,
    family: String,
    size: f32,
    bold: bool,
    color: Color,
) -> ParaStyle {
    ParaStyle {
        family,
        fallback: theme.fonts.fallback.clone(),
        bold,
        italic: false,
        size,
        leading: (size * 1.4).round(),
        color,
        link_color: theme.colors.heading(),
        align: Align::Left,
        lang: doc.lang,
        // Speakers and note-takers read these pages in passing: no word is divided.
        hyphenate: false,
        role: Role::Paragraph,
    }
}

/// "page n/N" at the foot of every page, with the document title.
fn number_pages(
    pages: &mut [Page],
    doc: &Document,
    theme: &Theme,
    set: &Setter<'_>,
) -> Result<(), Diagnostic> {
    let count = pages.len();
    let style = text_style(
        doc,
        theme,
        theme.fonts.heading.clone(),
        8.0_f32.max(doc.reading.smallest_type()),
        false,
        theme.colors.text.mix(theme.colors.background, 0.4),
    )
    .as_role(Role::Artifact);
    let paper = paper(doc);
    let top = paper.1 - MARGIN - style.leading + 8.0;
    let width = paper.0 - 2.0 * MARGIN;
    for (i, page) in pages.iter_mut().enumerate() {
        let text = format!(
            "{} · {} {}/{count}",
            doc.title.value.clone(),
            doc.labels.page,
            i + 1
        );
        let lines = set.plain(&text, &doc.title.place, &style, width)?;
        flow::place_lines(
            &lines[..1.min(lines.len())],
            Rect::new(MARGIN, top, width, style.leading),
            page,
        );
    }
    Ok(())
}

/// Where notes flow: below the slide on its first page, then whole pages.
struct NotesFrames {
    /// Top of the notes on the slide's page; `None` when they begin on the
    /// next page.
    first_top: Option<f32>,
    /// The paper.
    paper: (f32, f32),
}

impl Frames for NotesFrames {
    fn frame(&self, n: usize) -> (usize, Rect) {
        let (page, top) = match (self.first_top, n) {
            (Some(top), 0) => (0, top),
            (Some(_), n) => (n, MARGIN),
            (None, n) => (n + 1, MARGIN),
        };
        (
            page,
            Rect::new(
                MARGIN,
                top,
                self.paper.0 - 2.0 * MARGIN,
                self.paper.1 - MARGIN - 24.0 - top,
            ),
        )
    }
}
