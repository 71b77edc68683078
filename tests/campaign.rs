//! A campaign: audiences with their own themes, builds into one folder that
//! share one manifest, and shards that together make the whole build.

mod common;

use std::path::{Path, PathBuf};

use common::{build_ok, copy_dir};

/// The trifold example project.
fn tax_example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("handouts/small-business-tax-2027")
}

/// A copy of the trifold example in which the large-print audience asks
/// for flat leaflets in its own profile.
fn with_flat_audience(dir: &Path) -> PathBuf {
    let project = dir.join("tax");
    copy_dir(&tax_example(), &project);
    let profile = project.join("audiences/older-proprietors.toml");
    let mut text = std::fs::read_to_string(&profile).unwrap();
    text.push_str("\n[theme.leaflet]\nfold = \"none\"\ncolumns = 1\n");
    std::fs::write(&profile, text).unwrap();
    project
}

/// Width and height of a PDF page's MediaBox, in points.
fn page_size(pdf: &lopdf::Document, page: lopdf::ObjectId) -> (f32, f32) {
    let dict = pdf.get_dictionary(page).unwrap();
    let b: Vec<f32> = dict
        .get(b"MediaBox")
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o.as_float().unwrap())
        .collect();
    (b[2] - b[0], b[3] - b[1])
}

#[test]
fn an_audience_with_its_own_fold_gets_flat_leaflets_beside_the_projects_trifolds() {
    let dir = tempfile::tempdir().unwrap();
    let project = with_flat_audience(dir.path());
    let build = build_ok(&project, &["--format", "leaflet"]);
    let root = build.out.join("small-business-tax-2027");
    let mut seen = 0;
    for (audience, langs) in [
        ("older-proprietors", &["kk", "ru"][..]),
        ("market-traders", &["kk", "ru"][..]),
        ("couriers-drivers", &["ru", "kk", "en"][..]),
        ("accountants", &["ru"][..]),
    ] {
        let flat = audience == "older-proprietors";
        let fold = if flat { "none" } else { "trifold" };
        for lang in langs {
            let name = format!("small-business-tax-2027-{audience}-{lang}-leaflet-{fold}.pdf");
            let path = root.join(audience).join(&name);
            let pdf = lopdf::Document::load(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
            let pages = pdf.get_pages();
            for (&n, &id) in &pages {
                let (w, h) = page_size(&pdf, id);
                // A4 with 3 mm bleed: 216 × 303 mm portrait when flat; the
                // trifold sheet lies in landscape.
                if flat {
                    assert!(w < h, "{name} page {n} is {w}×{h}: not a flat portrait page");
                } else {
                    assert!(w > h, "{name} page {n} is {w}×{h}: not a folded sheet");
                }
            }
            if !flat {
                assert_eq!(
                    pages.len(),
                    2,
                    "{name}: a trifold is one sheet, outside and inside"
                );
            }
            seen += 1;
        }
    }
    assert_eq!(seen, 8);
    // The flat audience is flat by its own choice, not set flat because
    // large print could not fill a trifold.
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(build.out.join("manifest.json")).unwrap()).unwrap();
    for file in manifest["files"].as_array().unwrap() {
        let warnings = file["warnings"].to_string();
        assert!(
            !warnings.contains("set flat instead"),
            "{}: {warnings}",
            file["path"]
        );
    }
}

#[test]
fn without_audience_themes_leaflet_names_carry_no_fold() {
    let build = build_ok(
        &tax_example(),
        &["--format", "leaflet", "--audience", "accountants"],
    );
    let path = build
        .out
        .join("small-business-tax-2027/accountants/small-business-tax-2027-accountants-ru-leaflet.pdf");
    assert!(path.is_file(), "{}", path.display());
}
