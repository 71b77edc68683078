//! Folded leaflets: a trifold sheet of two A4 landscape pages that holds
//! every kept point, leaves out optional points only when full (and says
//! so), and refuses essentials that cannot fit, saying by how much.

mod common;

use std::path::Path;

use common::{build_into, example, find_in_order, plain, project, text_layer, words};
use handout::project::{Lang, Reading};
use handout::tailor::tailor;

/// Builds the leaflets of `project_dir` with `theme_toml` as the theme.
fn build(dir: &Path, project_dir: &Path, theme_toml: &str) -> common::Build {
    let theme = dir.join("fold.toml");
    std::fs::write(&theme, theme_toml).unwrap();
    build_into(
        project_dir,
        &["--theme", theme.to_str().unwrap(), "--format", "leaflet"],
    )
}

#[test]
fn a_trifold_sheet_holds_the_kept_points_and_reports_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let result = build(
        dir.path(),
        &example(),
        "[leaflet]\nfold = \"trifold\"\nmargin = \"8mm\"\n",
    );
    assert!(result.output.status.success(), "{}", result.stderr());
    let out = result.out.clone();
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("manifest.json")).unwrap()).unwrap();
    let project = project();
    for file in manifest["files"].as_array().unwrap() {
        let path = out.join(file["path"].as_str().unwrap());
        let pdf = lopdf::Document::load(&path).unwrap();
        let (audience, lang) = (file["audience"].as_str().unwrap(), file["lang"].as_str().unwrap());
        let warned = |what: &str| {
            file["warnings"]
                .as_array()
                .unwrap()
                .iter()
                .any(|w| w.as_str().unwrap().contains(what))
        };
        // Large print cannot shrink to fit a sheet: it is set flat, and says so.
        if project.audience(audience).unwrap().reading == Reading::Large && warned("set flat instead") {
            assert!(pdf.get_pages().len() >= 2, "{}", path.display());
            continue;
        }
        assert_eq!(pdf.get_pages().len(), 2, "{}: outside and inside", path.display());
        let lang = Lang::from_code(lang).unwrap();
        let doc = tailor(&project, project.audience(audience).unwrap(), lang);
        let kept: Vec<&str> = file["kept"]
            .as_array()
            .unwrap()
            .iter()
            .map(|k| k.as_str().unwrap())
            .collect();
        let dropped = file["dropped"].as_array().unwrap();
        for id in dropped.iter().map(|d| d.as_str().unwrap()) {
            let reported = file["warnings"]
                .as_array()
                .unwrap()
                .iter()
                .any(|w| w.as_str().unwrap().contains(id));
            let by_cap = doc.dropped.iter().any(|d| d == id);
            assert!(reported || by_cap, "{audience}/{lang}: `{id}` left out silently");
        }
        let layer = words(&text_layer(&path));
        for point in doc.points.iter().filter(|p| kept.contains(&p.id.as_str())) {
            for field in [&point.title, &point.body] {
                if let Err(word) = find_in_order(&layer, &words(&plain(&field.value)), 0) {
                    panic!("{audience}/{lang}: {word:?} of `{}` is missing", point.id);
                }
            }
        }
        assert!(
            doc.points
                .iter()
                .filter(|p| p.priority == 1)
                .all(|p| kept.contains(&p.id.as_str()))
        );
    }
}

#[test]
fn essentials_that_cannot_fit_are_an_error_with_the_overflow() {
    let dir = tempfile::tempdir().unwrap();
    let project_dir = dir.path().join("p");
    std::fs::create_dir_all(project_dir.join("audiences")).unwrap();
    let body = "Every citizen may read the draft and send a proposal. ".repeat(60);
    let points: String = (1..=3)
        .map(|i| {
            format!(
                "[[point]]\nid = \"p{i}\"\ntags = [\"x\"]\npriority = 1\ntitle = {{ en = \"Point {i}\" }}\nbody = {{ en = \"{body}\" }}\n\n"
            )
        })
        .collect();
    std::fs::write(
        project_dir.join("handout.toml"),
        format!("[handout]\nid = \"big\"\nlanguages = [\"en\"]\ntitle = {{ en = \"Big\" }}\n\n{points}"),
    )
    .unwrap();
    std::fs::write(
        project_dir.join("audiences/all.toml"),
        "[audience]\nid = \"all\"\nname = { en = \"All\" }\n",
    )
    .unwrap();
    let result = build(dir.path(), &project_dir, "[leaflet]\nfold = \"bifold\"\n");
    let stderr = result.stderr();
    assert_eq!(result.output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("all en leaflet: the essential points do not fit the folded sheet"),
        "{stderr}"
    );
    assert!(stderr.contains("overflow by"), "{stderr}");
    assert!(!result.out.join("big/all/big-all-en-leaflet.pdf").exists());
}
