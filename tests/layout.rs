//! Laid-out pages keep every glyph inside the box it was set in, and every
//! box inside the page.

mod common;

use common::{leaflet_layouts, project};
use handout::typeset::page::{Item, Rect};

#[test]
fn no_text_leaves_its_column_or_the_page() {
    let project = project();
    for (audience, lang, layout) in leaflet_layouts(&project) {
        let layout = layout.unwrap();
        for (n, page) in layout.pages.iter().enumerate() {
            let page_box = Rect::new(0.0, 0.0, page.width, page.height);
            let mut runs = 0;
            for item in &page.items {
                let Item::Text(run) = item else { continue };
                runs += 1;
                let ink = run.bounds();
                let context = format!("{audience}/{lang} page {} run {:?}", n + 1, run.text);
                assert!(
                    page_box.contains(&run.frame, 0.01),
                    "{context}: frame {:?} off the page",
                    run.frame
                );
                // Horizontally the advances must stay inside the frame; a
                // tenth of a point allows for float rounding.
                assert!(
                    ink.x >= run.frame.x - 0.1 && ink.right() <= run.frame.right() + 0.1,
                    "{context}: {ink:?} sticks out of {:?}",
                    run.frame
                );
                assert!(
                    run.y >= run.frame.y && run.y <= run.frame.bottom() + run.size * 0.3,
                    "{context}: baseline {} outside {:?}",
                    run.y,
                    run.frame
                );
            }
            assert!(runs > 0, "{audience}/{lang}: page {} is empty", n + 1);
        }
        // The last page's columns end at about the same height.
        let last = layout.pages.last().unwrap();
        let column_w = layout.pages[0].runs().map(|r| r.frame.w).fold(0.0, f32::max);
        let mut bottoms: Vec<(f32, f32)> = Vec::new();
        for run in last
            .runs()
            .filter(|r| r.frame.w > column_w * 0.6 && r.frame.w < column_w * 1.01)
        {
            match bottoms.iter_mut().find(|(x, _)| (x - run.frame.x).abs() < 30.0) {
                Some((_, bottom)) => *bottom = bottom.max(run.y),
                None => bottoms.push((run.frame.x, run.y)),
            }
        }
        if let [(_, a), (_, b), ..] = bottoms[..] {
            assert!(
                (a - b).abs() < 60.0,
                "{audience}/{lang}: last page columns end at {a} and {b}"
            );
        }
    }
}

#[test]
fn folded_panels_keep_their_text_inside() {
    let dir = tempfile::tempdir().unwrap();
    for fold in ["bifold", "trifold"] {
        let theme = dir.path().join(format!("{fold}.toml"));
        std::fs::write(
            &theme,
            format!("[leaflet]\nfold = \"{fold}\"\nmargin = \"8mm\"\n"),
        )
        .unwrap();
        let loaded = handout::load::load_with_theme(&common::example(), Some(&theme));
        let project = loaded.project.unwrap();
        for (audience, lang, layout) in leaflet_layouts(&project) {
            // Essentials that do not fit are an error, tested elsewhere.
            let Ok(layout) = layout else { continue };
            // Large print that cannot fold is set flat (tested elsewhere).
            if project.audience(&audience).unwrap().reading.enlarged() {
                continue;
            }
            for page in &layout.pages {
                assert!(page.width > page.height, "{fold}: the sheet is landscape");
                let sheet = Rect::new(0.0, 0.0, page.width, page.height);
                for run in page.runs() {
                    let ink = run.bounds();
                    assert!(
                        sheet.contains(&run.frame, 0.01),
                        "{fold} {audience}/{lang}: {:?}",
                        run.text
                    );
                    assert!(
                        ink.right() <= run.frame.right() + 0.1,
                        "{fold} {audience}/{lang}: {:?}",
                        run.text
                    );
                }
            }
        }
    }
}
