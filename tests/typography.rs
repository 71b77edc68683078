//! Typography of the example leaflets: justified lines without gaping
//! spaces, Kazakh hyphenation that follows the syllable rules, and Kazakh in
//! Latin script built from the Cyrillic source.

mod common;

use common::{build_ok, example, find_in_order, leaflet_layouts, plain, project, text_layer, words};
use handout::project::{Lang, Project};
use handout::tailor::{kk_latn, tailor};
use handout::typeset::hyphenate::kk;
use handout::typeset::page::{GlyphRun, Layout};
use handout::typeset::text::fonts::FontBook;

/// Lays out every leaflet of the example.
fn layouts(project: &Project) -> Vec<(String, Lang, Layout)> {
    leaflet_layouts(project)
        .into_iter()
        .map(|(a, l, layout)| (a, l, layout.unwrap()))
        .collect()
}

/// The runs of each text line, in reading order: runs sharing a baseline
/// and a frame.
fn lines(layout: &Layout) -> Vec<Vec<&GlyphRun>> {
    let mut out: Vec<Vec<&GlyphRun>> = Vec::new();
    for page in &layout.pages {
        for run in page.runs() {
            match out.last_mut() {
                Some(line) if line[0].y == run.y && line[0].frame == run.frame => line.push(run),
                _ => out.push(vec![run]),
            }
        }
    }
    out
}

/// The character a glyph of `run` stands for.
fn char_of(run: &GlyphRun, index: usize) -> Option<char> {
    run.text[run.glyphs[index].range.clone()].chars().next()
}

#[test]
fn justified_lines_never_open_a_word_gap_wider_than_six_tenths_of_an_em() {
    let project = project();
    let book = FontBook::built_in();
    let mut checked = 0;
    for (audience, lang, layout) in layouts(&project) {
        for line in lines(&layout) {
            let end = line.iter().map(|r| r.x + r.width()).fold(0.0, f32::max);
            let frame = line[0].frame;
            // Only lines set to the full measure were stretched; a
            // paragraph's last line keeps natural spaces.
            if (frame.right() - end).abs() > 0.05 {
                continue;
            }
            for run in &line {
                let face = &book.face(run.face);
                for (i, glyph) in run.glyphs.iter().enumerate() {
                    if !matches!(char_of(run, i), Some(' ' | '\u{a0}')) || glyph.advance == 0.0 {
                        continue;
                    }
                    let natural = face
                        .face()
                        .glyph_hor_advance(rustybuzz::ttf_parser::GlyphId(glyph.id))
                        .map(|a| f32::from(a) * run.size / face.units_per_em)
                        .unwrap();
                    checked += 1;
                    assert!(
                        glyph.advance <= 0.6 * run.size + 0.01 && glyph.advance >= 0.6 * natural,
                        "{audience}/{lang}: a space of {:.2} pt (natural {natural:.2}) in {:?}",
                        glyph.advance,
                        run.text
                    );
                }
            }
        }
    }
    assert!(checked > 500, "only {checked} justified spaces checked");
}

#[test]
fn kazakh_leaflets_hyphenate_and_only_between_syllables() {
    let project = project();
    for (audience, lang, layout) in layouts(&project) {
        if lang != Lang::Kk {
            continue;
        }
        // Large print is set without hyphenation on purpose.
        let large = project.audience(&audience).unwrap().reading == handout::project::Reading::Large;
        let runs: Vec<&GlyphRun> = layout.pages.iter().flat_map(|p| p.runs()).collect();
        let mut divided = 0;
        for (i, run) in runs.iter().enumerate() {
            let Some(head) = run.text.strip_suffix('\u{ad}') else {
                continue;
            };
            let before: String = head
                .chars()
                .rev()
                .take_while(|c| c.is_alphabetic())
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            let after: String = runs[i + 1]
                .text
                .chars()
                .take_while(|c| c.is_alphabetic())
                .collect();
            let word = format!("{before}{after}");
            assert!(
                kk::is_valid_break(&word, before.len()),
                "{audience}: {before}-{after} is not a Kazakh syllable break"
            );
            divided += 1;
        }
        if large {
            assert_eq!(divided, 0, "{audience}: large print was hyphenated");
        } else {
            assert!(
                divided > 0,
                "{audience}: the Kazakh leaflet has no hyphenated line"
            );
        }
    }
}

#[test]
fn the_kazakh_latin_leaflet_is_the_transliterated_kazakh_one() {
    let build = build_ok(&example(), &["--audience", "entrepreneurs", "--lang", "kk-latn"]);
    let out = build.out.clone();
    let pdf = out.join("constitution-2026/entrepreneurs/constitution-2026-entrepreneurs-kk-latn-leaflet.pdf");
    let layer = text_layer(&pdf);
    assert!(
        !layer.chars().any(|c| ('\u{400}'..='\u{4ff}').contains(&c)),
        "Cyrillic left in the Latin leaflet"
    );
    let layer = words(&layer);

    let project = project();
    let kazakh = tailor(&project, project.audience("entrepreneurs").unwrap(), Lang::Kk);
    let mut expected = vec![plain(&kazakh.title.value)];
    for point in &kazakh.points {
        expected.push(plain(&point.title.value));
        expected.push(plain(&point.body.value));
    }
    let expected = words(&kk_latn::transliterate(&expected.join(" ")));
    if let Err(word) = find_in_order(&layer, &expected, 0) {
        panic!("{word:?} is not in the Latin leaflet (in order)");
    }
}
