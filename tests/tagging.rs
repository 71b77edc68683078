//! Tagged PDF read back with a PDF parser: every product of both examples
//! carries its structure for screen readers, is written to PDF/A-2b and
//! PDF/UA-1 when asked, and keeps page furniture out of the structure.

mod common;

use std::path::{Path, PathBuf};

use lopdf::content::Content;
use lopdf::{Document, Object};

/// Both example projects.
fn examples() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("handouts");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(root)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    dirs.sort();
    dirs
}

/// A structure element: its type, its /Alt, its /T.
#[derive(Debug)]
struct Node {
    kind: String,
    alt: Option<String>,
    title: Option<String>,
}

/// A PDF text string as Rust text (UTF-16 with a BOM, or bytes).
fn text(o: &Object) -> Option<String> {
    let Object::String(bytes, _) = o else {
        return None;
    };
    if bytes.starts_with(&[0xFE, 0xFF]) {
        let units: Vec<u16> = bytes[2..]
            .chunks(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        return String::from_utf16(&units).ok();
    }
    Some(String::from_utf8_lossy(bytes).into_owned())
}

/// Every structure element of `doc`, depth first from the root.
fn structure(doc: &Document) -> Vec<Node> {
    let catalog = doc.catalog().unwrap();
    let root = catalog
        .get_deref(b"StructTreeRoot", doc)
        .expect("a structure tree");
    let mut out = Vec::new();
    let mut stack = vec![root.clone()];
    while let Some(node) = stack.pop() {
        let Ok(dict) = node.as_dict() else { continue };
        if let Ok(Object::Name(kind)) = dict.get(b"S") {
            out.push(Node {
                kind: String::from_utf8_lossy(kind).into_owned(),
                alt: dict.get(b"Alt").ok().and_then(text),
                title: dict.get(b"T").ok().and_then(text),
            });
        }
        let kids = match dict.get(b"K") {
            Ok(Object::Array(kids)) => kids.clone(),
            Ok(kid) => vec![kid.clone()],
            Err(_) => Vec::new(),
        };
        for kid in kids.into_iter().rev() {
            let kid = match kid {
                Object::Reference(r) => doc.get_object(r).unwrap().clone(),
                other => other,
            };
            stack.push(kid);
        }
    }
    out
}

/// Whether some page shows text inside an /Artifact marked section: page
/// numbers and footers are furniture.
fn text_in_artifacts(doc: &Document) -> bool {
    doc.get_pages().values().any(|&page| {
        let content = Content::decode(&doc.get_page_content(page)).unwrap();
        let mut inside = Vec::new();
        for op in &content.operations {
            match op.operator.as_str() {
                "BDC" | "BMC" => {
                    inside.push(matches!(op.operands.first(), Some(Object::Name(n)) if n == b"Artifact"))
                }
                "EMC" => {
                    inside.pop();
                }
                "Tj" | "TJ" if inside.last() == Some(&true) => return true,
                _ => {}
            }
        }
        false
    })
}

/// The points kept in each document, from the manifest.
fn kept(out: &Path) -> Vec<(String, usize)> {
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("manifest.json")).unwrap()).unwrap();
    manifest["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap().to_owned(),
                f["kept"].as_array().map_or(0, Vec::len),
            )
        })
        .collect()
}

/// The logo's descriptions as the project's handout.toml writes them.
fn logo_alts(project: &Path) -> Vec<String> {
    let source = std::fs::read_to_string(project.join("handout.toml")).unwrap();
    let handout: toml::Value = toml::from_str(&source).unwrap();
    handout["handout"]["logo"]["alt"]
        .as_table()
        .unwrap()
        .values()
        .map(|v| v.as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn every_product_of_both_examples_is_tagged_and_meets_pdf_a_and_ua() {
    for project in examples() {
        let build = common::build_ok(&project, &["--pdf-standard", "a-2b,ua-1"]);
        let files = kept(&build.out);
        let logo_alts = logo_alts(&project);
        assert!(files.len() > 5, "{}: {files:?}", project.display());
        for (path, points) in files {
            let bytes = std::fs::read(build.out.join(&path)).unwrap();
            let doc = Document::load_mem(&bytes).unwrap();
            let nodes = structure(&doc);
            let count = |kind: &str| nodes.iter().filter(|n| n.kind == kind).count();
            assert_eq!(count("H1"), 1, "{path}: one title heading");
            let h1 = nodes.iter().find(|n| n.kind == "H1").unwrap();
            assert!(
                h1.title.as_ref().is_some_and(|t| t.chars().count() > 5),
                "{path}: {h1:?}"
            );
            // Every kept point has its heading (decks: a slide title each,
            // continuation slides included).
            assert!(
                count("H2") >= points,
                "{path}: {} headings for {points} points",
                count("H2")
            );
            // The logo is described, on the cover and the title slide.
            let figures: Vec<&Node> = nodes.iter().filter(|n| n.kind == "Figure").collect();
            assert!(!figures.is_empty(), "{path}: no figure");
            assert!(
                figures.iter().all(|f| f
                    .alt
                    .as_ref()
                    .is_some_and(|a| logo_alts.contains(&a.replace('\u{a0}', " ")))),
                "{path}: {figures:?} (the project says {logo_alts:?})"
            );
            assert!(count("P") > 0 && count("Link") > 0, "{path}: {nodes:?}");
            let text = String::from_utf8_lossy(&bytes);
            assert!(
                text.contains("<pdfuaid:part>1</pdfuaid:part>"),
                "{path}: no PDF/UA id"
            );
            assert!(
                text.contains("<pdfaid:part>2</pdfaid:part>"),
                "{path}: no PDF/A id"
            );
            let folded = path.contains("small-business") && path.ends_with("leaflet.pdf");
            if !folded {
                assert!(text_in_artifacts(&doc), "{path}: footers are not artifacts");
            }
        }
    }
}

#[test]
fn without_a_standard_documents_are_still_tagged() {
    let build = common::build_ok(&common::example(), &["--audience", "students", "--lang", "ru"]);
    for (path, _) in kept(&build.out) {
        let doc = Document::load_mem(&std::fs::read(build.out.join(&path)).unwrap()).unwrap();
        let nodes = structure(&doc);
        assert!(nodes.iter().any(|n| n.kind == "H1"), "{path}");
        assert!(nodes.iter().any(|n| n.kind == "LI"), "{path}: lists are tagged");
    }
}

/// A copy of the first example whose first point shows a picture, written
/// with `alt` or without.
fn with_point_picture(alt: bool) -> (tempfile::TempDir, PathBuf, usize) {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("p");
    common::copy_dir(&common::example(), &project);
    let file = project.join("handout.toml");
    let source = std::fs::read_to_string(&file).unwrap();
    let at = source.find("[[point]]").unwrap();
    let line_end = at + source[at..].find('\n').unwrap() + 1;
    let picture = if alt {
        "image = { path = \"images/logo.png\", alt = { kk = \"Күн\", ru = \"Солнце\", en = \"A sun\" } }\n"
    } else {
        "image = \"images/logo.png\"\n"
    };
    let line = source[..line_end].lines().count() + 1;
    std::fs::write(
        &file,
        format!("{}{picture}{}", &source[..line_end], &source[line_end..]),
    )
    .unwrap();
    (dir, project, line)
}

#[test]
fn a_picture_without_alt_is_refused_under_pdf_ua_at_its_line() {
    let (_dir, project, line) = with_point_picture(false);
    let build = common::build_into(&project, &["--pdf-standard", "ua-1"]);
    assert_eq!(build.output.status.code(), Some(1), "{}", build.stderr());
    assert!(
        build.stderr().contains(&format!("handout.toml:{line}:")),
        "{}",
        build.stderr()
    );
    assert!(!build.out.join("manifest.json").exists(), "nothing is written");
    // Without the standard it is a warning, and the build goes on.
    let build = common::build_ok(&project, &["--format", "deck"]);
    assert!(build.stderr().contains("no description"), "{}", build.stderr());

    let (_dir, project, _) = with_point_picture(true);
    let build = common::build_ok(
        &project,
        &["--pdf-standard", "ua-1", "--format", "deck", "--lang", "en"],
    );
    let deck = kept(&build.out)
        .into_iter()
        .map(|(p, _)| p)
        .find(|p| p.ends_with("deck.pdf"))
        .unwrap();
    let doc = Document::load_mem(&std::fs::read(build.out.join(deck)).unwrap()).unwrap();
    assert!(
        structure(&doc)
            .iter()
            .any(|n| n.kind == "Figure" && n.alt.as_deref() == Some("A sun"))
    );
}
