//! Decks, speaker notes and audience handouts: every bullet on its slide,
//! the right number of slides, nothing off the slide, autofit that shrinks
//! then splits, presenter notes for the right pages, and a QR code that scans.

mod common;

use std::path::{Path, PathBuf};

use common::{build_ok, example, matrix, project, words};
use handout::project::Lang;
use handout::tailor::tailor;
use handout::typeset::deck::{bullets, deck};
use handout::typeset::page::{Item, Rect};
use handout::typeset::text::fonts::FontBook;

/// Builds `formats` for `project_dir`; the build, its output folder and stderr.
fn build(project_dir: &Path, formats: &str) -> (common::Build, PathBuf, String) {
    let build = build_ok(project_dir, &["--format", formats]);
    let (out, stderr) = (build.out.clone(), build.stderr());
    (build, out, stderr)
}

/// The path of a product of the example.
fn product(out: &Path, audience: &str, lang: Lang, format: &str) -> PathBuf {
    out.join(format!(
        "constitution-2026/{audience}/constitution-2026-{audience}-{}-{format}.pdf",
        lang.code()
    ))
}

/// Whether every word of `needle` occurs in `haystack`.
fn all_words_in(needle: &str, haystack: &[String]) -> Result<(), String> {
    words(needle)
        .into_iter()
        .find(|w| !haystack.contains(w))
        .map_or(Ok(()), Err)
}

#[test]
fn every_audience_and_language_gets_deck_notes_and_handout_with_each_bullet_on_its_slide() {
    let (_dir, out, _) = build(&example(), "deck,notes,handout3");
    let project = project();
    let (theme, book) = (handout::load::theme::built_in(), FontBook::built_in());
    for (audience, lang) in matrix(&project) {
        for format in ["deck", "notes", "handout3"] {
            let path = product(&out, &audience, lang, format);
            assert!(path.is_file(), "missing {}", path.display());
        }
        let doc = tailor(&project, project.audience(&audience).unwrap(), lang);
        let slides = deck(&doc, &theme, &book).unwrap();
        let splits = slides
            .slides
            .iter()
            .filter(|s| s.title.ends_with("(2/2)"))
            .count();
        let expected = 1 + doc.points.len() + splits + usize::from(doc.quote.is_some()) + 1;
        let pages = pdf_extract::extract_text_by_pages(product(&out, &audience, lang, "deck")).unwrap();
        assert_eq!(pages.len(), expected, "{audience}/{lang}: slide count");
        assert_eq!(slides.layout.pages.len(), expected);
        for (n, point) in doc.points.iter().enumerate() {
            // Slide 0 is the title slide; the example needs no splits.
            let slide = words(&pages[n + 1]);
            for (bullet, _) in bullets(point) {
                if let Err(word) = all_words_in(&bullet, &slide) {
                    panic!(
                        "{audience}/{lang}: {word:?} of a bullet of `{}` is not on slide {}",
                        point.id,
                        n + 2
                    );
                }
            }
        }
        for (n, page) in slides.layout.pages.iter().enumerate() {
            let slide = Rect::new(0.0, 0.0, page.width, page.height);
            for run in page.runs() {
                assert!(
                    slide.contains(&run.frame, 0.01),
                    "{audience}/{lang} slide {}: {:?}",
                    n + 1,
                    run.text
                );
                let ink = run.bounds();
                assert!(
                    ink.x >= run.frame.x - 0.1 && ink.right() <= run.frame.right() + 0.1,
                    "{:?}",
                    run.text
                );
                assert!(
                    slide.contains(&run.bounds(), 0.1),
                    "{audience}/{lang} slide {}: {:?} off the slide",
                    n + 1,
                    run.text
                );
            }
        }
    }
}

#[test]
fn the_pdfpc_file_holds_the_notes_of_the_right_slides() {
    let (_dir, out, _) = build(&example(), "deck");
    let project = project();
    let doc = tailor(&project, project.audience("students").unwrap(), Lang::Ru);
    let pdfpc = product(&out, "students", Lang::Ru, "deck").with_extension("pdfpc");
    let json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(pdfpc).unwrap()).unwrap();
    assert_eq!(json["pdfpcFormat"], 2);
    let pages = json["pages"].as_array().unwrap();
    for (n, point) in doc.points.iter().enumerate() {
        let notes = &point.notes.as_ref().unwrap().value;
        let page = pages
            .iter()
            .find(|p| p["idx"] == n + 1)
            .unwrap_or_else(|| panic!("no notes for slide {}", n + 2));
        assert_eq!(page["note"].as_str().unwrap(), notes, "notes of `{}`", point.id);
    }
}

#[test]
fn the_closing_slide_qr_code_scans_to_the_handout_url() {
    let project = project();
    let doc = tailor(&project, project.audience("entrepreneurs").unwrap(), Lang::Kk);
    let slides = deck(&doc, &handout::load::theme::built_in(), &FontBook::built_in()).unwrap();
    let closing = slides.layout.pages.last().unwrap();
    let modules = closing
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Fill { rects, .. } if rects.len() > 50 => Some(rects),
            _ => None,
        })
        .next()
        .expect("the closing slide has a QR code");
    // Rasterise the squares at 2 px per point on white, as a camera would see them.
    let (x0, y0) = modules
        .iter()
        .fold((f32::MAX, f32::MAX), |(x, y), r| (x.min(r.x), y.min(r.y)));
    let (x1, y1) = modules.iter().fold((0.0f32, 0.0f32), |(x, y), r| {
        (x.max(r.right()), y.max(r.bottom()))
    });
    let (pad, scale) = (20.0, 2.0);
    let (w, h) = (
        ((x1 - x0 + 2.0 * pad) * scale) as usize,
        ((y1 - y0 + 2.0 * pad) * scale) as usize,
    );
    let mut pixels = vec![255u8; w * h];
    for r in modules {
        let (left, top) = (
            ((r.x - x0 + pad) * scale) as usize,
            ((r.y - y0 + pad) * scale) as usize,
        );
        let (right, bottom) = (
            ((r.right() - x0 + pad) * scale) as usize,
            ((r.bottom() - y0 + pad) * scale) as usize,
        );
        for y in top..bottom {
            pixels[y * w + left..y * w + right].fill(0);
        }
    }
    let mut image = rqrr::PreparedImage::prepare_from_greyscale(w, h, |x, y| pixels[y * w + x]);
    let grids = image.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code");
    let (_, content) = grids[0].decode().unwrap();
    assert_eq!(content, project.handout.url.unwrap().url);
}

#[test]
fn an_overlong_point_shrinks_then_continues_on_a_second_slide_with_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let sentence = "Every citizen may read the draft, send written proposals, attend the public hearings in their district and ask the working group for a reasoned answer";
    let bullets: Vec<String> = (1..=6)
        .map(|i| format!("\"Bullet {i}: {sentence}, and then {sentence}.\""))
        .collect();
    let toml = format!(
        r#"[handout]
id = "long"
languages = ["en"]
title = {{ en = "A long point" }}

[[point]]
id = "drafting"
tags = ["participation"]
title = {{ en = "How the draft was discussed" }}
body = {{ en = "Short body." }}
bullets = {{ en = [{}] }}
"#,
        bullets.join(", ")
    );
    std::fs::create_dir_all(dir.path().join("audiences")).unwrap();
    std::fs::write(dir.path().join("handout.toml"), toml).unwrap();
    std::fs::write(
        dir.path().join("audiences/all.toml"),
        "[audience]\nid = \"all\"\nname = { en = \"Everyone\" }\nformats = [\"deck\"]\ninterests = [\"participation\"]\n",
    )
    .unwrap();
    let (_out_dir, out, stderr) = build(dir.path(), "deck");
    assert!(
        stderr.contains("point `drafting`: bullets shrunk from 26 pt to 18 pt"),
        "{stderr}"
    );
    assert!(
        stderr.contains("point `drafting`: does not fit one slide at 18 pt; continued over 2 slides"),
        "{stderr}"
    );
    let pdf = out.join("long/all/long-all-en-deck.pdf");
    let pages = pdf_extract::extract_text_by_pages(&pdf).unwrap();
    // Title, two slides for the point, closing.
    assert_eq!(pages.len(), 4);
    assert!(words(&pages[1]).join(" ").contains("(1/2)"));
    assert!(words(&pages[2]).join(" ").contains("(2/2)"));
    let all: Vec<String> = words(&pages.concat());
    for bullet in &bullets {
        if let Err(word) = all_words_in(bullet.trim_matches('"'), &all) {
            panic!("{word:?} was lost");
        }
    }
}

#[test]
fn pictures_appear_on_their_slide_and_the_logo_on_the_covers() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("audiences")).unwrap();
    image::RgbImage::from_pixel(64, 48, image::Rgb([0, 120, 160]))
        .save(dir.path().join("hall.png"))
        .unwrap();
    image::RgbImage::from_pixel(32, 32, image::Rgb([250, 200, 10]))
        .save(dir.path().join("logo.png"))
        .unwrap();
    std::fs::write(
        dir.path().join("handout.toml"),
        "[handout]\nid = \"pic\"\nlanguages = [\"en\"]\ntitle = { en = \"Pictures\" }\nlogo = \"logo.png\"\n\n\
         [[point]]\nid = \"hall\"\ntags = [\"x\"]\ntitle = { en = \"The hall\" }\nbody = { en = \"Where we meet.\" }\nimage = \"hall.png\"\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("audiences/all.toml"),
        "[audience]\nid = \"all\"\nname = { en = \"All\" }\nformats = [\"leaflet\", \"deck\"]\n",
    )
    .unwrap();
    let loaded = handout::load::load(dir.path());
    let project = loaded.project.unwrap();
    let doc = tailor(&project, &project.audiences[0], Lang::En);
    let slides = deck(&doc, &handout::load::theme::built_in(), &FontBook::built_in()).unwrap();
    let images_on = |page: usize| {
        slides.layout.pages[page]
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Image { rect, picture } => Some((*rect, picture.width)),
                _ => None,
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(images_on(0).len(), 1, "the logo on the title slide");
    let on_point = images_on(1);
    assert_eq!(on_point.len(), 1, "the picture on its point's slide");
    let (rect, width) = on_point[0];
    assert_eq!(width, 64);
    assert!(
        (rect.h / rect.w - 0.75).abs() < 0.01,
        "the picture keeps its proportions"
    );
    let slide = Rect::new(
        0.0,
        0.0,
        slides.layout.pages[1].width,
        slides.layout.pages[1].height,
    );
    assert!(slide.contains(&rect, 0.01));

    let (_out_dir, out, _) = build(dir.path(), "leaflet,deck");
    for file in ["pic/all/pic-all-en-leaflet.pdf", "pic/all/pic-all-en-deck.pdf"] {
        let pdf = lopdf::Document::load(out.join(file)).unwrap();
        let images = pdf
            .objects
            .values()
            .filter(|o| {
                o.as_stream().is_ok_and(|s| {
                    s.dict
                        .get(b"Subtype")
                        .is_ok_and(|t| t.as_name().is_ok_and(|n| n == b"Image"))
                })
            })
            .count();
        assert!(images >= 1, "{file} embeds no image");
    }
}
