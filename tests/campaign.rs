//! A campaign: audiences with their own themes, builds into one folder that
//! share one manifest, and shards that together make the whole build.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use common::{build_ok, copy_dir, example, handout};

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

/// The files below `dir`, relative to it, without the manifest's lock file.
fn files_below(dir: &Path) -> BTreeSet<String> {
    common::files_below(dir)
        .into_iter()
        .filter(|f| f != ".manifest.lock")
        .collect()
}

/// The manifest of `out`.
fn manifest(out: &Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(out.join("manifest.json")).unwrap()).unwrap()
}

/// The paths a manifest lists: documents and presenter files, and itself.
fn listed(manifest: &serde_json::Value) -> BTreeSet<String> {
    let mut listed = BTreeSet::from(["manifest.json".to_owned()]);
    for file in manifest["files"].as_array().unwrap() {
        listed.insert(file["path"].as_str().unwrap().to_owned());
        if let Some(pdfpc) = file["pdfpc"].as_str() {
            listed.insert(pdfpc.to_owned());
        }
    }
    listed
}

/// Runs `handout build PROJECT ARGS… --out OUT`, which must succeed.
fn build_in(project: &Path, out: &Path, args: &[&str]) -> String {
    let mut all = vec!["build", project.to_str().unwrap(), "--out", out.to_str().unwrap()];
    all.extend_from_slice(args);
    let output = handout(&all);
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(output.status.success(), "{all:?}: {stderr}");
    stderr
}

#[test]
fn a_build_and_a_meetings_build_into_one_folder_share_one_manifest() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("campaign");
    build_in(&example(), &out, &[]);
    let documents = manifest(&out)["files"].as_array().unwrap().len();
    build_in(&example(), &out, &["--meetings"]);
    let m = manifest(&out);
    assert_eq!(
        listed(&m),
        files_below(&out),
        "the manifest lists every file in the folder"
    );
    let files = m["files"].as_array().unwrap();
    let meetings = files.iter().filter(|f| !f["meeting"].is_null()).count();
    assert!(
        meetings > 0 && files.len() == documents + meetings,
        "{} files",
        files.len()
    );
    assert_eq!(m["totals"]["files"], files.len());
    let pages: u64 = files.iter().map(|f| f["pages"].as_u64().unwrap()).sum();
    assert_eq!(m["totals"]["pages"], pages);
    // Building the same documents again adds nothing twice.
    build_in(&example(), &out, &["--meetings"]);
    assert_eq!(manifest(&out)["files"], m["files"]);
}

#[test]
fn builds_running_at_once_into_one_folder_lose_no_entry() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("campaign");
    let audiences: Vec<String> = common::project()
        .audiences
        .iter()
        .map(|a| a.id.value.clone())
        .collect();
    let mut running: Vec<std::process::Child> = audiences
        .iter()
        .flat_map(|a| [(a, "leaflet"), (a, "deck")])
        .map(|(a, format)| {
            std::process::Command::new(env!("CARGO_BIN_EXE_handout"))
                .args([
                    "build",
                    example().to_str().unwrap(),
                    "--out",
                    out.to_str().unwrap(),
                ])
                .args(["--audience", a, "--format", format, "--jobs", "1"])
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in &mut running {
        assert!(child.wait().unwrap().success());
    }
    let m = manifest(&out);
    assert_eq!(listed(&m), files_below(&out));
    let formats: BTreeSet<(String, String)> = m["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["audience"].as_str().unwrap().to_owned(),
                f["format"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    for a in &audiences {
        for format in ["leaflet", "deck"] {
            assert!(
                formats.contains(&(a.clone(), format.to_owned())),
                "{a} {format} missing"
            );
        }
    }
}

#[test]
fn two_shards_together_make_exactly_the_whole_build() {
    let dir = tempfile::tempdir().unwrap();
    let (whole, halves) = (dir.path().join("whole"), dir.path().join("halves"));
    let project = with_flat_audience(dir.path());
    build_in(&project, &whole, &[]);
    build_in(&project, &halves, &["--shard", "1/2"]);
    let first = files_below(&halves);
    build_in(&project, &halves, &["--shard", "2/2"]);
    let both = files_below(&halves);
    assert_eq!(both, files_below(&whole));
    assert!(
        first.len() > 1 && first.len() < both.len(),
        "the first shard built {} files",
        first.len()
    );
    assert_eq!(manifest(&halves)["files"], manifest(&whole)["files"]);
    for path in both.iter().filter(|p| p.ends_with(".pdf")) {
        assert_eq!(
            std::fs::read(halves.join(path)).unwrap(),
            std::fs::read(whole.join(path)).unwrap(),
            "{path}"
        );
    }
}

#[test]
fn shards_built_in_separate_folders_merge_into_one_manifest() {
    let dir = tempfile::tempdir().unwrap();
    let whole = dir.path().join("whole");
    build_in(&example(), &whole, &[]);
    let campaign = dir.path().join("campaign");
    let mut parts = Vec::new();
    for k in 1..=3 {
        let part = dir.path().join(format!("part-{k}"));
        build_in(&example(), &part, &["--shard", &format!("{k}/3")]);
        copy_dir(&part, &campaign);
        parts.push(part.join("manifest.json"));
    }
    let mut args = vec!["merge".to_owned(), campaign.to_str().unwrap().to_owned()];
    args.extend(parts.iter().map(|p| p.to_str().unwrap().to_owned()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let output = handout(&args);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(manifest(&campaign)["files"], manifest(&whole)["files"]);
    assert_eq!(listed(&manifest(&campaign)), files_below(&campaign));
}

#[test]
fn a_shard_that_is_no_shard_is_a_usage_error() {
    for bad in ["0/2", "3/2", "two"] {
        let build = common::build_into(&example(), &["--shard", bad]);
        assert_eq!(build.output.status.code(), Some(2), "{bad}: {}", build.stderr());
        assert!(build.stderr().contains("not a shard"), "{}", build.stderr());
    }
}
