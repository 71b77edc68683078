//! Batches: the manifest matches what is on disk, one failing document does
//! not stop the others, and a killed build never leaves a truncated PDF.

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use common::{build_ok, example, files_below, handout};

#[test]
fn the_manifest_lists_exactly_the_files_on_disk_with_their_pages() {
    let build = build_ok(&example(), &[]);
    let out = build.out.clone();
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("manifest.json")).unwrap()).unwrap();
    // Beside the manifest, the empty file builds lock while they merge it.
    let mut listed = vec!["manifest.json".to_owned(), ".manifest.lock".to_owned()];
    let mut pages = BTreeMap::new();
    for file in manifest["files"].as_array().unwrap() {
        let path = file["path"].as_str().unwrap().to_owned();
        pages.insert(path.clone(), file["pages"].as_u64().unwrap());
        listed.push(path);
        if let Some(pdfpc) = file["pdfpc"].as_str().filter(|p| !listed.iter().any(|l| l == p)) {
            listed.push(pdfpc.to_owned());
        }
        assert!(file["kept"].as_array().is_some_and(|k| !k.is_empty()));
    }
    listed.sort();
    assert_eq!(files_below(&out), listed);
    for (path, count) in pages {
        let pdf = lopdf::Document::load(out.join(&path)).unwrap();
        assert_eq!(pdf.get_pages().len() as u64, count, "{path}");
    }
    assert_eq!(
        manifest["totals"]["files"],
        manifest["files"].as_array().unwrap().len()
    );
    assert!(manifest["errors"].as_array().unwrap().is_empty());
}

#[test]
fn one_failing_document_does_not_stop_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("p");
    std::fs::create_dir_all(project.join("audiences")).unwrap();
    std::fs::write(
        project.join("handout.toml"),
        "[handout]\nid = \"t\"\nlanguages = [\"en\"]\ntitle = { en = \"Title\" }\n\n[[point]]\nid = \"p\"\ntags = [\"x\"]\ntitle = { en = \"Point\" }\nbody = { en = \"Body.\" }\n",
    )
    .unwrap();
    let audience = |id: &str, intro: &str| {
        format!(
            "[audience]\nid = \"{id}\"\nname = {{ en = \"{id}\" }}\ninterests = [\"x\"]\nintro = {{ en = \"{intro}\" }}\n"
        )
    };
    std::fs::write(project.join("audiences/good.toml"), audience("good", "Hello.")).unwrap();
    // No font has this character: the document cannot be set.
    std::fs::write(
        project.join("audiences/bad.toml"),
        audience("bad", "Hello \u{1F642}."),
    )
    .unwrap();
    let out = dir.path().join("out");
    let result = handout(&["build", project.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    let stderr = String::from_utf8(result.stderr).unwrap();
    assert_eq!(result.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("U+1F642") && stderr.contains("bad.toml:"),
        "{stderr}"
    );
    assert!(out.join("t/good/t-good-en-leaflet.pdf").is_file());
    assert!(!out.join("t/bad/t-bad-en-leaflet.pdf").exists());
    let manifest = std::fs::read_to_string(out.join("manifest.json")).unwrap();
    assert!(manifest.contains("U+1F642"), "{manifest}");
}

#[test]
fn a_killed_build_leaves_no_truncated_pdf() {
    let dir = tempfile::tempdir().unwrap();
    for delay in [5, 15, 30, 50, 80] {
        let out = dir.path().join(format!("out{delay}"));
        let mut child = Command::new(env!("CARGO_BIN_EXE_handout"))
            .args([
                "build",
                example().to_str().unwrap(),
                "--jobs",
                "1",
                "--out",
                out.to_str().unwrap(),
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay));
        child.kill().unwrap(); // SIGKILL on Unix
        child.wait().unwrap();
        if !out.exists() {
            continue;
        }
        for file in files_below(&out).iter().filter(|f| f.ends_with(".pdf")) {
            let bytes = std::fs::read(out.join(file)).unwrap();
            assert!(bytes.trim_ascii_end().ends_with(b"%%EOF"), "{file} is truncated");
            assert!(lopdf::Document::load_mem(&bytes).is_ok(), "{file} does not parse");
        }
    }
}

#[test]
fn a_new_project_builds_as_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("x");
    let created = handout(&["new", project.to_str().unwrap()]);
    assert!(
        created.status.success(),
        "{}",
        String::from_utf8_lossy(&created.stderr)
    );
    let out = dir.path().join("out");
    let built = handout(&["build", project.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&built.stderr);
    assert!(built.status.success(), "{stderr}");
    // Only the summary: no warning on a fresh project.
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.ends_with("; 0 warnings\n"),
        "warnings on a fresh project: {stderr}"
    );
    assert!(out.join("x/general/x-general-kk-leaflet.pdf").is_file());
    assert!(out.join("x/general/x-general-en-deck.pdf").is_file());
    let again = handout(&["new", project.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(2));
}

#[test]
fn empty_texts_and_overlong_words_still_build_every_product() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("edge");
    std::fs::create_dir_all(project.join("audiences")).unwrap();
    std::fs::write(
        project.join("handout.toml"),
        "[handout]\nid = \"edge\"\nlanguages = [\"en\"]\ntitle = { en = \"T\" }\n\n\
         [[point]]\nid = \"empty\"\ntags = [\"x\"]\ntitle = { en = \"E\" }\nbody = { en = \"-\" }\nbullets = { en = [] }\n\n\
         [[point]]\nid = \"long\"\ntags = [\"x\"]\ntitle = { en = \"https://example.kz/a/very/long/path/that/fits/no/column/or/slide/at/all/anywhere\" }\n\
         body = { en = \"Averyveryveryveryveryveryveryveryveryveryveryveryveryveryverylongword and **bold**.\" }\n",
    )
    .unwrap();
    std::fs::write(
        project.join("audiences/a.toml"),
        "[audience]\nid = \"a\"\nname = { en = \"A\" }\nformats = [\"leaflet\", \"deck\", \"notes\", \"handout3\"]\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    let mut child = Command::new(env!("CARGO_BIN_EXE_handout"))
        .args(["build", project.to_str().unwrap(), "--out", out.to_str().unwrap()])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = std::time::Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > Duration::from_secs(30) {
            child.kill().unwrap();
            panic!("the build did not finish");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success());
    assert_eq!(
        files_below(&out).iter().filter(|f| f.ends_with(".pdf")).count(),
        4
    );
}

/// Temporary files (`.handout-*.tmp`) below `dir`.
fn temporaries(dir: &Path) -> Vec<String> {
    if !dir.exists() {
        return Vec::new();
    }
    files_below(dir)
        .into_iter()
        .filter(|f| f.ends_with(".tmp"))
        .collect()
}

#[test]
fn interrupted_or_killed_builds_leave_no_temporary_file_after_the_next_build() {
    let dir = tempfile::tempdir().unwrap();
    for (signal, delay) in [
        (libc::SIGINT, 20),
        (libc::SIGINT, 60),
        (libc::SIGKILL, 20),
        (libc::SIGKILL, 60),
    ] {
        let out = dir.path().join(format!("out-{signal}-{delay}"));
        let mut child = Command::new(env!("CARGO_BIN_EXE_handout"))
            .args(["build", example().to_str().unwrap(), "--jobs", "1"])
            .args(["--out", out.to_str().unwrap()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay));
        // SAFETY: the pid is our own child's, still unreaped.
        unsafe { libc::kill(child.id() as i32, signal) };
        child.wait().unwrap();
        if signal == libc::SIGINT {
            assert!(
                temporaries(&out).is_empty(),
                "after Ctrl-C: {:?}",
                temporaries(&out)
            );
        }
        let again = handout(&[
            "build",
            example().to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ]);
        assert!(again.status.success());
        assert!(
            temporaries(&out).is_empty(),
            "after the next build: {:?}",
            temporaries(&out)
        );
    }
}

#[test]
fn a_stale_temporary_file_is_swept_by_the_next_build() {
    let built = build_ok(&example(), &["--audience", "students", "--format", "leaflet"]);
    // What a build killed mid-write leaves: a temporary named by a process
    // that no longer runs.
    let stale = built
        .out
        .join("constitution-2026/students/.handout-4194999-3.tmp");
    std::fs::write(&stale, b"%PDF-1.7 half").unwrap();
    let again = handout(&[
        "build",
        example().to_str().unwrap(),
        "--audience",
        "students",
        "--format",
        "leaflet",
        "--out",
        built.out.to_str().unwrap(),
    ]);
    assert!(again.status.success());
    assert!(!stale.exists());
}

#[test]
fn more_jobs_than_cores_are_capped_with_a_warning() {
    let build = build_ok(&example(), &["--jobs", "65535", "--audience", "students"]);
    assert!(build.stderr().contains("more than the"), "{}", build.stderr());
}
