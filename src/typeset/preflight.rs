//! Preflight: what a print designer would circle on a proof, read off the
//! laid-out pages alone (not off the rules that made them), so a flaw that
//! slips past composition is still reported before anything is printed.

use super::page::{GlyphRun, Layout, Page};

/// A page or panel filled less than this share of its height is reported.
const UNDER_FILLED: f32 = 1.0 / 3.0;

/// Findings about a laid-out product: each says its page and what is wrong.
/// `floor` is the smallest type the audience may be given (0 for none);
/// `pages_fill` asks that every page or panel but a flat last page be at
/// least a third full (leaflets; a slide may be sparse on purpose).
pub fn preflight(layout: &Layout, floor: f32, pages_fill: bool) -> Vec<String> {
    let mut found = Vec::new();
    let count = layout.pages.len();
    for (n, page) in layout.pages.iter().enumerate() {
        let at = format!("page {}", n + 1);
        small_type(page, floor, &at, &mut found);
        divided_addresses(page, &at, &mut found);
        // The last page of a flat document may end early; every panel of a
        // folded sheet is read, so each must carry its share.
        let panels = panels(page);
        if pages_fill && (panels.len() > 1 || n + 1 < count) {
            for (k, (from, to)) in panels.iter().enumerate() {
                let filled = filled_share(page, *from, *to);
                if filled < UNDER_FILLED {
                    let place = if panels.len() > 1 {
                        format!("{at}, panel {}", k + 1)
                    } else {
                        at.clone()
                    };
                    found.push(format!("{place} is only {:.0} % full", filled * 100.0));
                }
            }
        }
    }
    found
}

/// Reports text smaller than `floor`.
fn small_type(page: &Page, floor: f32, at: &str, found: &mut Vec<String>) {
    let smallest = page
        .runs()
        .filter(|r| !r.text.trim().is_empty())
        .map(|r| r.size)
        .fold(f32::INFINITY, f32::min);
    if smallest < floor - 0.01 {
        found.push(format!(
            "{at} has text at {smallest:.1} pt, below this audience's {floor} pt"
        ));
    }
}

/// Reports web and e-mail addresses divided by a hyphen at a line end.
fn divided_addresses(page: &Page, at: &str, found: &mut Vec<String>) {
    for run in page.runs() {
        let Some(head) = run.text.trim_end().strip_suffix('\u{ad}') else {
            continue;
        };
        let word = head.rsplit(char::is_whitespace).next().unwrap_or(head);
        if word.contains("://") || word.contains('@') || word.contains("www.") || word.contains('/') {
            found.push(format!("{at}: the address {word:?} is divided by a hyphen"));
        }
    }
}

/// The horizontal spans of a page's panels: the whole page, or the parts
/// between its fold lines.
fn panels(page: &Page) -> Vec<(f32, f32)> {
    let mut edges = vec![0.0];
    edges.extend(page.print.folds.iter().flatten().copied());
    edges.push(page.width);
    edges.sort_by(f32::total_cmp);
    edges.windows(2).map(|w| (w[0], w[1])).collect()
}

/// How much of the height between the highest and the page's foot the text
/// of the panel from `from` to `to` reaches down: 0 for a blank panel.
fn filled_share(page: &Page, from: f32, to: f32) -> f32 {
    let inside = |r: &&GlyphRun| r.x >= from - 0.5 && r.x < to - 0.5 && !r.text.trim().is_empty();
    let lowest = page.runs().filter(inside).map(|r| r.y).fold(0.0, f32::max);
    lowest / page.height
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::Color;
    use crate::typeset::page::{Item, Print, Rect};

    fn run(text: &str, x: f32, y: f32, size: f32) -> Item {
        Item::Text(GlyphRun {
            x,
            y,
            face: 0,
            size,
            color: Color::rgb(0, 0, 0),
            glyphs: Vec::new(),
            text: text.into(),
            link: None,
            frame: Rect::new(x, y - size, 100.0, size),
            tag: Default::default(),
        })
    }

    fn page(items: Vec<Item>, folds: [Option<f32>; 2]) -> Page {
        Page {
            width: 840.0,
            height: 595.0,
            items,
            print: Print {
                folds,
                ..Print::default()
            },
        }
    }

    fn layout(pages: Vec<Page>) -> Layout {
        Layout {
            pages,
            outline: Vec::new(),
            title: String::new(),
            author: None,
            lang: "kk".into(),
        }
    }

    #[test]
    fn a_blank_panel_and_small_type_are_found() {
        let folds = [Some(280.0), Some(560.0)];
        let sheet = page(
            vec![run("cover", 300.0, 500.0, 14.0), run("flap", 10.0, 550.0, 10.0)],
            folds,
        );
        let found = preflight(&layout(vec![sheet]), 14.0, true);
        assert!(
            found.iter().any(|f| f == "page 1, panel 3 is only 0 % full"),
            "{found:?}"
        );
        assert!(found.iter().any(|f| f.contains("10.0 pt")), "{found:?}");
        assert_eq!(found.len(), 2, "{found:?}");
    }

    #[test]
    fn a_flat_last_page_may_end_early_but_not_an_earlier_one() {
        let short = || page(vec![run("end", 40.0, 100.0, 10.0)], [None, None]);
        let found = preflight(&layout(vec![short(), short()]), 0.0, true);
        assert_eq!(found, vec!["page 1 is only 17 % full".to_owned()]);
    }

    #[test]
    fn a_divided_address_is_found() {
        let sheet = page(
            vec![run("see example.kz/sta\u{ad}", 40.0, 500.0, 10.0)],
            [None, None],
        );
        let found = preflight(&layout(vec![sheet]), 0.0, true);
        assert_eq!(found.len(), 1, "{found:?}");
    }
}
