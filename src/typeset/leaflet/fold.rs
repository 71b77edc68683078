//! Folded leaflets: one sheet, printed on both sides, folded into panels.
//!
//! A bifold halves an A4 sheet into two A5 panels per side. A trifold (a
//! letter fold) makes three panels of 100, 100 and 97 mm per side; the 97 mm
//! panel folds in, so it must be the narrowest. The outside of the sheet is
//! page 1, the inside page 2. Reading order on the folded sheet: the front
//! cover, then (trifold) the inside flap, then the inside panels; the back
//! panel closes with the quote, the call to action and the QR code.
//!
//! A sheet has a fixed number of panels: when the points do not fit, the
//! body type shrinks in half-point steps down to the theme's minimum; past
//! that the sheet says by how much it overflows, and tailoring decides
//! which optional points to leave out.

use crate::base::Overflow;
use crate::diag::Diagnostic;
use crate::tailor::Document;
use crate::theme::Theme;

use super::super::fit::Ladder;
use super::super::flow::{self, Block, Frames};
use super::super::page::{Page, Rect, heading_outline, set_part};
use super::super::setter::{Setter, document_layout, scaled};
use super::super::text::fonts::FontBook;
use super::{Leaflet, Styles, blank_page, body_blocks, closing_block, draw_cover, quote_block};

pub use crate::base::Fold;

/// Where each part of a folded leaflet goes: (page, panel).
#[derive(Debug, Clone, PartialEq)]
pub struct Panels {
    /// The front cover.
    pub cover: (usize, Rect),
    /// The panels the talking points flow through, in reading order.
    pub flow: Vec<(usize, Rect)>,
    /// The back panel.
    pub back: (usize, Rect),
}

/// The panels of a sheet `w` × `h` (landscape) folded as `fold`.
pub fn panels(fold: Fold, w: f32, h: f32) -> Panels {
    let panel = |page: usize, x: f32, width: f32| (page, Rect::new(x, 0.0, width, h));
    match fold {
        Fold::Trifold => {
            // 97 mm of an A4's 297 for the panel that folds in; the same
            // share of any other sheet.
            let narrow = w * 97.0 / 297.0;
            let wide = (w - narrow) / 2.0;
            Panels {
                cover: panel(0, narrow + wide, wide),
                flow: vec![
                    panel(0, 0.0, narrow),
                    panel(1, 0.0, wide),
                    panel(1, wide, wide),
                    panel(1, 2.0 * wide, narrow),
                ],
                back: panel(0, narrow, wide),
            }
        }
        Fold::Bifold | Fold::None => Panels {
            cover: panel(0, w / 2.0, w / 2.0),
            flow: vec![panel(1, 0.0, w / 2.0), panel(1, w / 2.0, w / 2.0)],
            back: panel(0, 0.0, w / 2.0),
        },
    }
}

/// Where each page of the sheet folds: the panel edges inside the page.
fn fold_lines(panels: &Panels) -> [[Option<f32>; 2]; 2] {
    let mut folds: [[Option<f32>; 2]; 2] = [[None; 2]; 2];
    let all = panels.flow.iter().chain([&panels.cover, &panels.back]);
    for &(page, rect) in all {
        let slot = &mut folds[page.min(1)];
        let known = slot.iter().flatten().any(|x: &f32| (x - rect.x).abs() < 0.5);
        if let (true, Some(free)) = (rect.x > 0.5 && !known, slot.iter_mut().find(|f| f.is_none())) {
            *free = Some(rect.x);
        }
    }
    folds
}

/// Frames inside a list of panels; past the last, frames on pages that do
/// not exist, so the flow can say how much did not fit.
struct PanelFrames {
    /// The text areas, in order.
    areas: Vec<(usize, Rect)>,
}

impl Frames for PanelFrames {
    fn frame(&self, n: usize) -> (usize, Rect) {
        match self.areas.get(n) {
            Some(&area) => area,
            None => {
                let (page, last) = self.areas[self.areas.len() - 1];
                (page + 1 + n - self.areas.len(), last)
            }
        }
    }
}

/// How much larger than the theme's body size a folded sheet with room
/// may set its type.
const GROWTH: f32 = 1.2;

/// The text area of a panel, inside its margins.
fn inset(panel: Rect, margin: f32) -> Rect {
    Rect::new(
        panel.x + margin,
        panel.y + margin,
        panel.w - 2.0 * margin,
        panel.h - 2.0 * margin,
    )
}

/// Lays out a folded leaflet at the largest body size, from a fifth above
/// the theme's down to its minimum, at which everything fits; or says by
/// how much it does not fit even at the minimum, and whether it is the
/// back panel (the quote) that is too full.
pub(super) fn folded(
    doc: &Document,
    theme: &Theme,
    book: &FontBook,
    fold: Fold,
) -> Result<Result<Leaflet, Overflow>, Diagnostic> {
    let lt = &theme.leaflet;
    let (w, h) = (
        lt.paper_width.max(lt.paper_height),
        lt.paper_width.min(lt.paper_height),
    );
    let layout = panels(fold, w, h);
    // Clear and large print never go below their own floor: every size
    // under it would set the same sheet again.
    let (wanted, floor) = if doc.reading.enlarged() {
        let body = doc.reading.body_size();
        (lt.body_size.max(body), body)
    } else {
        (lt.body_size, lt.min_body_size)
    };
    // A sheet is a fixed space: text that leaves panels half empty at the
    // theme's size is set larger, by up to a fifth, to fill them.
    let ladder = Ladder::new((wanted * GROWTH * 2.0).floor() / 2.0, 0.5, floor);
    let fitted = ladder.fit(|size| {
        let tried = attempt(doc, theme, book, &layout, (w, h), size)?;
        let by = tried.as_ref().err().map_or(0.0, |over| over.by);
        Ok((tried, by))
    })?;
    let size = fitted.size;
    Ok(match fitted.value {
        Ok(pages) => {
            let warnings = (size < wanted)
                .then(|| {
                    Diagnostic::note(format!(
                        "body text set at {size} pt instead of {wanted} pt to fit the folded sheet"
                    ))
                })
                .into_iter()
                .collect();
            Ok(Leaflet {
                layout: {
                    let outline = heading_outline(&pages);
                    document_layout(doc, pages, outline)
                },
                warnings,
            })
        }
        Err(over) => Err(Overflow {
            by: over.by,
            size,
            place: over
                .back
                .then(|| doc.quote.as_ref().map(|q| q.text.place.clone()))
                .flatten(),
        }),
    })
}

/// By how much a try overflowed, and whether the back panel did.
struct Over {
    /// Points of text that did not fit.
    by: f32,
    /// The back panel (quote and closing box) was too full.
    back: bool,
}

/// One try at `size`: the pages, or by how much the text overflowed.
fn attempt(
    doc: &Document,
    theme: &Theme,
    book: &FontBook,
    panels: &Panels,
    sheet: (f32, f32),
    size: f32,
) -> Result<Result<Vec<Page>, Over>, Diagnostic> {
    let lt = &theme.leaflet;
    let styles = Styles::new(doc, theme, size);
    let column_w = panels.flow[0].1.w.min(panels.flow[1].1.w) - 2.0 * lt.margin;
    let set = Setter { book, column_w };
    let blank = || Page {
        width: sheet.0,
        height: sheet.1,
        ..blank_page(theme)
    };
    let mut pages = vec![blank(), blank()];
    for (page, folds) in pages.iter_mut().zip(fold_lines(panels)) {
        page.print.folds = folds;
    }
    // A cover taller than its panel (a long title and a meeting box in large
    // print) first sets its title smaller, down to the body size; beyond
    // that it is an overflow like any other.
    let panel_bottom = panels.cover.1.bottom() - lt.margin;
    let title = Ladder::new(styles.title.size, 2.0, styles.body.size).fit(|size| {
        let cover_styles = Styles {
            title: scaled(&styles.title, size),
            ..styles.clone()
        };
        let mut page = pages[0].clone();
        let bottom = draw_cover(doc, theme, &cover_styles, book, &mut page, panels.cover.1)?;
        Ok(((page, bottom), bottom - panel_bottom))
    })?;
    let cover_bottom = title.value.1;
    if !title.fits() {
        return Ok(Err(Over {
            by: title.by,
            back: false,
        }));
    }
    pages[0] = title.value.0;
    let body = body_blocks(doc, theme, &styles, &set, false)?;
    let quote = match &doc.quote {
        Some(q) => vec![quote_block(theme, &styles, &set, q)?],
        None => Vec::new(),
    };
    let closing = closing_block(doc, theme, &styles, &set)?;
    let mut areas: Vec<(usize, Rect)> = panels
        .flow
        .iter()
        .map(|&(page, p)| (page, inset(p, lt.margin)))
        .collect();
    // The intro sits on the cover under the title when it fits there, else
    // it opens the inside.
    let cover = inset(panels.cover.1, lt.margin);
    let below_title = Rect::new(cover.x, cover_bottom, cover.w, cover.bottom() - cover_bottom);
    let intro = match &doc.intro {
        Some(intro) => set.blocks(intro, &styles.intro, 0.0, lt.paragraph_spacing)?,
        None => Vec::new(),
    };
    let mut overflow = 0.0;
    let on_cover = PanelFrames {
        areas: vec![(panels.cover.0, below_title)],
    };
    let inside = if below_title.h <= 0.0 || pour(&intro, on_cover, &mut pages)? > 0.0 {
        [intro, body].concat()
    } else {
        body
    };
    let areas = balanced(&inside, std::mem::take(&mut areas));
    // The sheet is read cover, inside, back, whatever page each is on.
    let drawn = |pages: &[Page]| pages.iter().map(|p| p.items.len()).collect::<Vec<_>>();
    let before_inside = drawn(&pages);
    overflow += pour(&inside, PanelFrames { areas }, &mut pages)?;
    let before_back = drawn(&pages);
    let back_over = back_panel(
        &quote,
        closing,
        inset(panels.back.1, lt.margin),
        panels.back.0,
        &mut pages,
    )?;
    overflow += back_over;
    for (page, (inside, back)) in pages.iter_mut().zip(before_inside.into_iter().zip(before_back)) {
        set_part(&mut page.items[inside..back], 1);
        set_part(&mut page.items[back..], 2);
    }

    Ok(if overflow > 0.0 {
        Err(Over {
            by: overflow,
            back: back_over > 0.0,
        })
    } else {
        Ok(pages)
    })
}

/// The panels cut to the same share of their height, the smallest share
/// that still holds all of `blocks`: text that would leave the last panels
/// empty spreads over all of them instead, every panel about as full.
fn balanced(blocks: &[Block], areas: Vec<(usize, Rect)>) -> Vec<(usize, Rect)> {
    let count = areas.len();
    let cut = |share: f32| PanelFrames {
        areas: areas
            .iter()
            .map(|&(page, r)| (page, Rect::new(r.x, r.y, r.w, r.h * share)))
            .collect(),
    };
    let fits = |share: f32| flow::measure(blocks, &cut(share), false).is_ok_and(|end| end.frame < count);
    if !fits(1.0) {
        return areas;
    }
    let (mut low, mut high) = (0.3, 1.0);
    while high - low > 0.01 {
        let mid = (low + high) / 2.0;
        if fits(mid) { high = mid } else { low = mid }
    }
    cut(high).areas
}

/// The back panel: the quote from the top, the closing box (call to
/// action, contacts, QR code) at the foot, where a reader turning the
/// sheet over finds it. Returns how much did not fit.
fn back_panel(
    quote: &[Block],
    closing: Option<Block>,
    area: Rect,
    page: usize,
    pages: &mut Vec<Page>,
) -> Result<f32, Diagnostic> {
    let Some(closing) = closing else {
        return pour(
            quote,
            PanelFrames {
                areas: vec![(page, area)],
            },
            pages,
        );
    };
    let tall = PanelFrames {
        areas: vec![(page, Rect::new(area.x, area.y, area.w, f32::MAX / 4.0))],
    };
    let height = |blocks: &[Block]| {
        flow::measure(blocks, &tall, false)
            .map(|end| end.used)
            .map_err(|o| o.error(blocks, "panel"))
    };
    let closing = [closing];
    let closing_h = height(&closing)?;
    let quote_h = if quote.is_empty() {
        0.0
    } else {
        height(quote)? + closing[0].space_before
    };
    // Too full: say by how much, so the sheet drops the quote or shrinks.
    let over = quote_h + closing_h - area.h;
    if over > 0.0 {
        return Ok(over);
    }
    if !quote.is_empty() {
        let upper = Rect::new(area.x, area.y, area.w, area.h - closing_h);
        pour(
            quote,
            PanelFrames {
                areas: vec![(page, upper)],
            },
            pages,
        )?;
    }
    let lower = Rect::new(area.x, area.bottom() - closing_h, area.w, closing_h);
    pour(
        &closing,
        PanelFrames {
            areas: vec![(page, lower)],
        },
        pages,
    )
}

/// Pours blocks into panels; returns how much text went past the last one.
fn pour(blocks: &[Block], frames: PanelFrames, pages: &mut Vec<Page>) -> Result<f32, Diagnostic> {
    let count = frames.areas.len();
    let mut outline = Vec::new();
    let mut scratch = pages.clone();
    let end = flow::flow(
        blocks,
        &frames,
        &mut scratch,
        &|| pages[0].clone(),
        &mut outline,
        false,
    )
    .map_err(|o| o.error(blocks, "panel"))?;
    if end.frame >= count {
        return Ok(end.used.max(1.0) + (end.frame - count) as f32 * frames.areas[0].1.h);
    }
    scratch.truncate(pages.len());
    *pages = scratch;
    Ok(0.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::theme::MM;

    #[test]
    fn a_trifold_a4_has_panels_of_100_100_and_97_mm() {
        let (w, h) = (297.0 * MM, 210.0 * MM);
        let p = panels(Fold::Trifold, w, h);
        let mm = |r: &Rect| (r.w / MM).round();
        let inside: Vec<f32> = p.flow[1..].iter().map(|(_, r)| mm(r)).collect();
        assert_eq!(inside, [100.0, 100.0, 97.0]);
        assert_eq!(mm(&p.flow[0].1), 97.0, "the inside flap is the narrow panel");
        assert_eq!((p.cover.0, mm(&p.cover.1)), (0, 100.0));
        assert!(
            (p.cover.1.right() - w).abs() < 0.01,
            "the cover is the outside right panel"
        );
        assert_eq!((p.back.0, p.back.1.x / MM), (0, 97.0));
    }

    #[test]
    fn fold_lines_are_the_inner_panel_edges() {
        let folds = fold_lines(&panels(Fold::Trifold, 297.0 * MM, 210.0 * MM));
        let mm = |f: [Option<f32>; 2]| {
            let mut v: Vec<f32> = f.iter().flatten().map(|x| (x / MM).round()).collect();
            v.sort_by(f32::total_cmp);
            v
        };
        assert_eq!(mm(folds[0]), [97.0, 197.0], "outside");
        assert_eq!(mm(folds[1]), [100.0, 200.0], "inside");
    }

    #[test]
    fn a_bifold_halves_the_sheet() {
        let p = panels(Fold::Bifold, 297.0 * MM, 210.0 * MM);
        assert_eq!(p.flow.len(), 2);
        assert!(
            p.flow
                .iter()
                .all(|(page, r)| *page == 1 && (r.w / MM - 148.5).abs() < 0.01)
        );
        assert_eq!(p.cover.0, 0);
    }
}
