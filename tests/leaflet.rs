//! End-to-end: the example handout builds into leaflets whose PDFs a reader
//! can trust: every word searchable in order, fonts embedded as subsets, the
//! right document language, identical bytes for identical input.

mod common;

use std::collections::BTreeSet;
use std::path::PathBuf;

use common::{build_ok, built, example, find_in_order, handout, matrix, plain, project, text_layer, words};
use handout::project::{Format, Lang};
use handout::tailor::tailor;
use lopdf::{Document, Object};

/// The leaflet file for an audience and language.
fn leaflet_path(audience: &str, lang: Lang) -> PathBuf {
    built().out.join(format!(
        "constitution-2026/{audience}/constitution-2026-{audience}-{}-leaflet.pdf",
        lang.code()
    ))
}

#[test]
fn the_example_builds_a_leaflet_for_every_audience_and_language() {
    let project = project();
    let jobs = matrix(&project);
    assert!(jobs.len() >= 7, "only {} leaflets in the example", jobs.len());
    for (audience, lang) in &jobs {
        let path = leaflet_path(audience, *lang);
        assert!(path.is_file(), "missing {}", path.display());
        assert!(
            built().stdout.contains(path.to_str().unwrap()),
            "no summary line for {}",
            path.display()
        );
    }
}

#[test]
fn every_word_of_title_and_kept_points_is_in_the_text_layer_in_order() {
    let project = project();
    for (audience, lang) in matrix(&project) {
        let doc = tailor(&project, project.audience(&audience).unwrap(), lang);
        let layer = words(&text_layer(&leaflet_path(&audience, lang)));
        let context = format!("{audience}/{lang}");
        let mut at = find_in_order(&layer, &words(&plain(&doc.title.value)), 0)
            .unwrap_or_else(|w| panic!("{context}: title word {w:?} missing"));
        assert!(!doc.points.is_empty(), "{context}: no points kept");
        for point in &doc.points {
            for field in [Some(&point.title), Some(&point.body), point.extra.as_ref()]
                .into_iter()
                .flatten()
            {
                at = find_in_order(&layer, &words(&plain(&field.value)), at).unwrap_or_else(|w| {
                    panic!(
                        "{context}: word {w:?} of point `{}` missing or out of order",
                        point.id
                    )
                });
            }
        }
    }
}

#[test]
fn fonts_are_embedded_as_subsets() {
    let project = project();
    for (audience, lang) in matrix(&project) {
        let pdf = Document::load(leaflet_path(&audience, lang)).unwrap();
        let mut seen = 0;
        for object in pdf.objects.values() {
            let Ok(dict) = object.as_dict() else { continue };
            if dict.get(b"Type").and_then(Object::as_name).ok() != Some(b"FontDescriptor") {
                continue;
            }
            seen += 1;
            let name =
                String::from_utf8_lossy(dict.get(b"FontName").unwrap().as_name().unwrap()).into_owned();
            let (tag, _) = name
                .split_once('+')
                .unwrap_or_else(|| panic!("{name} is not a subset"));
            assert!(
                tag.len() == 6 && tag.chars().all(|c| c.is_ascii_uppercase()),
                "{name}"
            );
            assert!(
                dict.has(b"FontFile2") || dict.has(b"FontFile3"),
                "{name} is not embedded"
            );
        }
        assert!(seen >= 2, "{audience}/{lang}: only {seen} fonts");
    }
}

#[test]
fn document_language_title_and_author_are_set() {
    let project = project();
    for (audience, lang) in matrix(&project) {
        let pdf = Document::load(leaflet_path(&audience, lang)).unwrap();
        let catalog = pdf.catalog().unwrap();
        let tag = catalog.get(b"Lang").unwrap().as_str().unwrap();
        assert_eq!(tag, lang.bcp47().as_bytes(), "{audience}/{lang}");
        let info = pdf.trailer.get(b"Info").and_then(Object::as_reference).unwrap();
        let info = pdf.get_dictionary(info).unwrap();
        assert!(info.has(b"Title") && info.has(b"Author"), "{audience}/{lang}");
    }
}

#[test]
fn two_builds_give_identical_bytes() {
    let again = build_ok(&example(), &[]);
    let project = project();
    for (audience, lang) in matrix(&project) {
        let name = leaflet_path(&audience, lang);
        let other = again.out.join(name.strip_prefix(&built().out).unwrap());
        assert!(
            std::fs::read(&name).unwrap() == std::fs::read(&other).unwrap(),
            "{} differs between builds",
            name.display()
        );
    }
}

#[test]
fn leaflets_stay_small() {
    let project = project();
    for (audience, lang) in matrix(&project) {
        let size = std::fs::metadata(leaflet_path(&audience, lang)).unwrap().len();
        // A tagged leaflet: its structure tree for screen readers is about
        // a fifth of the file.
        assert!(size < 100 * 1024, "{audience}/{lang} is {size} bytes");
    }
}

#[test]
fn the_build_writes_exactly_every_profiles_documents() {
    let project = project();
    let mut expected = BTreeSet::new();
    for audience in &project.audiences {
        for lang in &audience.languages {
            for format in &audience.formats {
                let stem = format!("constitution-2026-{}-{}", audience.id.value, lang.code());
                expected.insert(format!("{stem}-{}.pdf", format.name()));
                if matches!(format, Format::Deck | Format::Notes) {
                    expected.insert(format!("{stem}-deck.pdfpc"));
                }
            }
        }
    }
    let mut found = BTreeSet::new();
    for audience in std::fs::read_dir(built().out.join("constitution-2026")).unwrap() {
        for file in std::fs::read_dir(audience.unwrap().path()).unwrap() {
            found.insert(file.unwrap().file_name().into_string().unwrap());
        }
    }
    assert_eq!(found, expected);
}

#[test]
fn selecting_audience_and_language_builds_only_those() {
    let one = build_ok(
        &example(),
        &[
            "--audience",
            "entrepreneurs",
            "--lang",
            "ru",
            "--format",
            "leaflet",
        ],
    );
    let stdout = String::from_utf8(one.output.stdout.clone()).unwrap();
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    assert!(
        one.out
            .join("constitution-2026/entrepreneurs/constitution-2026-entrepreneurs-ru-leaflet.pdf")
            .is_file()
    );
}

#[test]
fn an_unknown_audience_is_a_usage_error() {
    let result = handout(&["build", example().to_str().unwrap(), "--audience", "entrepreneur"]);
    assert_eq!(result.status.code(), Some(2));
    let stderr = String::from_utf8(result.stderr).unwrap();
    assert!(stderr.contains("did you mean `entrepreneurs`?"), "{stderr}");
}

#[test]
fn a_print_shop_theme_adds_bleed_trim_box_and_crop_marks() {
    let dir = tempfile::tempdir().unwrap();
    let theme = dir.path().join("print.toml");
    std::fs::write(&theme, "[leaflet]\nbleed = \"3mm\"\ncrop_marks = true\n").unwrap();
    let args = [
        "--theme",
        theme.to_str().unwrap(),
        "--audience",
        "students",
        "--lang",
        "en",
        "--format",
        "leaflet",
    ];
    let build = build_ok(&example(), &args);
    let out = build.out.clone();
    let pdf =
        Document::load(out.join("constitution-2026/students/constitution-2026-students-en-leaflet.pdf"))
            .unwrap();
    let mm = 72.0 / 25.4;
    for (_, id) in pdf.get_pages() {
        let page = pdf.get_dictionary(id).unwrap();
        let rect = |key: &[u8]| -> Vec<f32> {
            let array = page.get(key).unwrap().as_array().unwrap();
            array.iter().map(|o| o.as_float().unwrap()).collect()
        };
        let (media, trim, bleed) = (rect(b"MediaBox"), rect(b"TrimBox"), rect(b"BleedBox"));
        let size = |r: &[f32]| (r[2] - r[0], r[3] - r[1]);
        let (w, h) = size(&trim);
        assert!(
            (w - 210.0 * mm).abs() < 0.1 && (h - 297.0 * mm).abs() < 0.1,
            "trim {trim:?}"
        );
        let (bw, bh) = size(&bleed);
        assert!(
            (bw - w - 6.0 * mm).abs() < 0.1 && (bh - h - 6.0 * mm).abs() < 0.1,
            "bleed {bleed:?}"
        );
        assert!(size(&media).0 > bw + 20.0, "no room for crop marks: {media:?}");
    }
}
