//! `handout watch` end to end: a saved edit shows up in the PDF.

mod common;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{copy_dir, example, text_layer};

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

/// How many documents a watcher has reported writing so far.
fn builds(log: &Path) -> usize {
    std::fs::read_to_string(log)
        .unwrap_or_default()
        .lines()
        .filter(|l| l.starts_with("wrote "))
        .count()
}

#[test]
fn an_untouched_project_is_built_once_and_a_save_rebuilds_once() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("project");
    copy_dir(&example(), &project);
    // The output inside the project: the watcher must not react to what it
    // writes, nor to its own reads of the inputs.
    let out = project.join("out");
    let log = dir.path().join("watch.log");
    let _watcher = Stop(
        Command::new(env!("CARGO_BIN_EXE_handout"))
            .args(["watch", project.to_str().unwrap(), "--audience", "students"])
            .args([
                "--lang",
                "en",
                "--format",
                "leaflet",
                "--out",
                out.to_str().unwrap(),
            ])
            .stdout(std::fs::File::create(&log).unwrap())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    wait_for("the first build", || builds(&log) == 1);
    std::thread::sleep(Duration::from_secs(10));
    assert_eq!(builds(&log), 1, "rebuilt without an edit");

    let toml = project.join("audiences/students.toml");
    let source = std::fs::read_to_string(&toml).unwrap();
    std::fs::write(&toml, format!("{source}\n# an edit\n")).unwrap();
    wait_for("the rebuild", || builds(&log) == 2);
    std::thread::sleep(Duration::from_secs(3));
    assert_eq!(builds(&log), 2, "one save, more than one rebuild");
}
