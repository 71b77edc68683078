//! Imposition: the leaflet's pages placed on the sheets a printer prints.
//! Two copies side by side, cut apart after printing (an office printer
//! makes two A5 leaflets from each A4 sheet), or a saddle-stitched booklet
//! whose folded sheets read in order.

use crate::theme::Imposition;

use super::page::{Item, Layout, Page, Print, Rect, Role};

/// `layout` imposed as `how` says.
pub fn impose(layout: Layout, how: Imposition) -> Layout {
    match how {
        Imposition::None => layout,
        Imposition::TwoUp => two_up(layout),
        Imposition::Booklet => booklet(layout),
    }
}

/// Each page twice, side by side on a sheet twice as wide, with cut marks
/// between the copies. Front and back sheets mirror nothing: both halves
/// are the same page, so duplex on either edge keeps them aligned.
fn two_up(layout: Layout) -> Layout {
    let pages = layout
        .pages
        .iter()
        .map(|page| {
            let mut copy = page.scaled_into(Rect::new(page.width, 0.0, page.width, page.height));
            // A screen reader reads the leaflet once.
            for item in &mut copy {
                if let Item::Text(run) = item {
                    run.tag.role = Role::Artifact;
                }
            }
            sheet(
                page,
                [page.items.clone(), copy].concat(),
                Some(page.width),
                [None, None],
            )
        })
        .collect();
    Layout { pages, ..layout }
}

/// The pages ordered for a saddle-stitched booklet: padded with blank
/// pages to a multiple of four, each sheet side holding a pair (last and
/// first outside, and so on inwards), folded in the middle.
fn booklet(layout: Layout) -> Layout {
    let Some(first) = layout.pages.first() else {
        return layout;
    };
    let blank = Page {
        items: Vec::new(),
        ..first.clone()
    };
    let mut pages = layout.pages.clone();
    while !pages.len().is_multiple_of(4) {
        pages.push(blank.clone());
    }
    let n = pages.len();
    let mut sheets = Vec::new();
    for i in 0..n / 4 {
        for (left, right) in [(n - 1 - 2 * i, 2 * i), (2 * i + 1, n - 2 - 2 * i)] {
            let (l, r) = (&pages[left], &pages[right]);
            let items = [
                l.items.clone(),
                r.scaled_into(Rect::new(l.width, 0.0, r.width, r.height)),
            ]
            .concat();
            sheets.push(sheet(l, items, None, [Some(l.width), None]));
        }
    }
    // Bookmarks point at the sheet side that holds their page.
    let side = |page: usize| {
        (0..sheets.len())
            .find(|&s| {
                let i = s / 2;
                let pair = if s % 2 == 0 {
                    [n - 1 - 2 * i, 2 * i]
                } else {
                    [2 * i + 1, n - 2 - 2 * i]
                };
                pair.contains(&page)
            })
            .unwrap_or(0)
    };
    let outline = layout
        .outline
        .iter()
        .map(|e| super::page::OutlineEntry {
            page: side(e.page),
            ..e.clone()
        })
        .collect();
    Layout {
        pages: sheets,
        outline,
        ..layout
    }
}

/// A sheet two pages wide holding `items`, with crop marks, a cut between
/// the halves or a fold in the middle.
fn sheet(page: &Page, items: Vec<Item>, cut: Option<f32>, folds: [Option<f32>; 2]) -> Page {
    Page {
        width: page.width * 2.0,
        height: page.height,
        items,
        print: Print {
            crop_marks: true,
            cut,
            folds,
            ..page.print
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::Color;

    /// A page with one filled rectangle marking which page it is.
    fn page(n: u8) -> Page {
        Page {
            width: 420.0,
            height: 595.0,
            print: Print::default(),
            items: vec![Item::Fill {
                rects: vec![Rect::new(10.0, 10.0, 10.0, 10.0)],
                color: Color::rgb(n, 0, 0),
            }],
        }
    }

    /// Which pages a sheet side holds, left to right, by their marks.
    fn holds(sheet: &Page) -> Vec<u8> {
        let mut marks: Vec<(f32, u8)> = sheet
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Fill { rects, color } => Some((rects[0].x, color.r)),
                _ => None,
            })
            .collect();
        marks.sort_by(|a, b| a.0.total_cmp(&b.0));
        marks.into_iter().map(|m| m.1).collect()
    }

    fn layout(pages: u8) -> Layout {
        Layout {
            pages: (1..=pages).map(page).collect(),
            outline: Vec::new(),
            title: String::new(),
            author: None,
            lang: "en".into(),
        }
    }

    #[test]
    fn two_up_prints_each_page_twice_on_a_sheet_twice_as_wide() {
        let sheets = impose(layout(2), Imposition::TwoUp).pages;
        assert_eq!(sheets.iter().map(holds).collect::<Vec<_>>(), [[1, 1], [2, 2]]);
        assert!(
            sheets
                .iter()
                .all(|s| s.width == 840.0 && s.print.cut == Some(420.0))
        );
    }

    #[test]
    fn a_booklet_of_six_pages_pads_to_eight_and_pairs_them_for_folding() {
        let sheets = impose(layout(6), Imposition::Booklet).pages;
        // Blank pages 7 and 8 hold nothing; read as printed, front then back.
        let sides: Vec<Vec<u8>> = sheets.iter().map(holds).collect();
        assert_eq!(sides, [vec![1], vec![2], vec![6, 3], vec![4, 5]]);
        assert_eq!(sheets.len(), 4);
    }
}
