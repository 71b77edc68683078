//! `handout watch` end to end: a saved edit shows up in the PDF.

mod common;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{example, text_layer};

/// Copies the folder `from` into `to`.
fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, target).unwrap();
        }
    }
}

/// Waits up to 30 s for `ready` to hold.
fn wait_for(what: &str, ready: impl Fn() -> bool) {
    let start = Instant::now();
    while !ready() {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "timed out waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Stops the watcher however the test ends.
struct Stop(std::process::Child);

impl Drop for Stop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn saving_a_toml_file_rebuilds_the_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("project");
    copy_dir(&example(), &project);
    let out = dir.path().join("out");
    let _watcher = Stop(
        Command::new(env!("CARGO_BIN_EXE_handout"))
            .args([
                "watch",
                project.to_str().unwrap(),
                "--audience",
                "students",
                "--lang",
                "en",
            ])
            .args(["--format", "leaflet", "--out", out.to_str().unwrap()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let pdf = out.join("constitution-2026/students/constitution-2026-students-en-leaflet.pdf");
    wait_for("the first build", || pdf.is_file());
    let before = std::fs::read(&pdf).unwrap();
    assert!(!text_layer(&pdf).contains("Revised"));

    let source = std::fs::read_to_string(project.join("handout.toml")).unwrap();
    let edited = source.replace(
        "en = \"Constitutional reform 2026: the essentials\"",
        "en = \"Revised reform guide\"",
    );
    assert_ne!(
        source, edited,
        "the example's English title changed; update this test"
    );
    std::fs::write(project.join("handout.toml"), edited).unwrap();
    wait_for("the rebuild", || {
        std::fs::read(&pdf).is_ok_and(|now| now != before)
    });
    assert!(text_layer(&pdf).contains("Revised reform guide"));
}
