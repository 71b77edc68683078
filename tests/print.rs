//! Print-shop output read back: CMYK colour, marks in registration colour,
//! two A5 copies on each A4 sheet.

mod common;

use std::path::{Path, PathBuf};

use lopdf::content::Content;
use lopdf::{Document, Object};

/// Builds the English students' leaflet of the example with `theme`
/// applied; the PDF.
fn leaflet_with(theme: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("print.toml");
    std::fs::write(&file, theme).unwrap();
    let build = common::build_ok(
        &common::example(),
        &[
            "--theme",
            file.to_str().unwrap(),
            "--audience",
            "students",
            "--lang",
            "en",
            "--format",
            "leaflet",
        ],
    );
    let pdf = build
        .out
        .join("constitution-2026/students/constitution-2026-students-en-leaflet.pdf");
    assert!(pdf.exists());
    // Keep the build folder alive with the theme's.
    let kept = dir.path().join("leaflet.pdf");
    std::fs::copy(&pdf, &kept).unwrap();
    (dir, kept)
}

/// The operators of every page's content.
fn operators(pdf: &Path) -> Vec<String> {
    let doc = Document::load(pdf).unwrap();
    doc.get_pages()
        .values()
        .flat_map(|&page| Content::decode(&doc.get_page_content(page)).unwrap().operations)
        .map(|op| op.operator)
        .collect()
}

/// Whether some object is a /Separation colour space for /All colorants.
fn has_registration_colour(pdf: &Path) -> bool {
    let doc = Document::load(pdf).unwrap();
    doc.objects.values().any(|o| match o {
        Object::Array(items) => {
            matches!(items.first(), Some(Object::Name(n)) if n == b"Separation")
                && matches!(items.get(1), Some(Object::Name(n)) if n == b"All")
        }
        _ => false,
    })
}

#[test]
fn a_cmyk_theme_writes_only_cmyk_colours_and_marks_in_registration_colour() {
    let (_dir, pdf) = leaflet_with(
        "[leaflet]\nbleed = \"3mm\"\ncrop_marks = true\n\n[colors]\nprimary = \"cmyk(100, 0, 20, 10)\"\n\n[print]\ncolor = \"cmyk\"\n",
    );
    let ops = operators(&pdf);
    assert!(
        !ops.iter().any(|o| o == "rg" || o == "RG"),
        "RGB colour in the page content"
    );
    assert!(ops.iter().any(|o| o == "k"), "no CMYK fill");
    assert!(
        has_registration_colour(&pdf),
        "crop marks are not in registration colour"
    );

    // The same leaflet in RGB says so, so the test above can fail.
    let (_dir, rgb) = leaflet_with("[leaflet]\nbleed = \"3mm\"\ncrop_marks = true\n");
    assert!(operators(&rgb).iter().any(|o| o == "rg"));
}

#[test]
fn two_up_puts_two_a5_copies_on_each_a4_landscape_sheet() {
    let (_dir, pdf) = leaflet_with("[leaflet]\npaper = \"A5\"\n\n[print]\nimposition = \"2-up\"\n");
    let doc = Document::load(&pdf).unwrap();
    let mm = |pt: f32| pt * 25.4 / 72.0;
    for (n, &page) in doc.get_pages().values().enumerate() {
        let dict = doc.get_dictionary(page).unwrap();
        let trim: Vec<f32> = dict
            .get(b"TrimBox")
            .or_else(|_| dict.get(b"MediaBox"))
            .unwrap()
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_float().unwrap())
            .collect();
        let (w, h) = (mm(trim[2] - trim[0]), mm(trim[3] - trim[1]));
        assert!(
            (w - 297.0).abs() < 1.5 && (h - 210.0).abs() < 1.0,
            "sheet {n}: {w:.0} × {h:.0} mm"
        );
    }
    // Both copies are there: the cover's subtitle (on the cover alone)
    // twice, the whole text twice over.
    let text = common::text_layer(&pdf);
    let subtitle = "Lawyers and experts explain in plain language";
    assert_eq!(text.matches(subtitle).count(), 2, "{text}");
}
