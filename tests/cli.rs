//! The command line as a new user meets it: what a build prints, and when.

mod common;

use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use common::{build_into, example, handout};

/// The trifold example, which has warnings (points left out of full sheets).
fn tax_example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("handouts/small-business-tax-2027")
}

#[test]
fn a_quiet_build_of_a_project_with_warnings_prints_nothing() {
    let loud = build_into(&tax_example(), &[]);
    assert!(
        loud.stderr().contains("warning:"),
        "the project has warnings: {}",
        loud.stderr()
    );
    let quiet = build_into(&tax_example(), &["--quiet"]);
    assert!(quiet.output.status.success());
    assert_eq!(quiet.stderr(), "");
    assert_eq!(String::from_utf8_lossy(&quiet.output.stdout), "");
}

#[test]
fn a_quiet_build_still_prints_its_errors() {
    let build = build_into(&example(), &["--quiet", "--audience", "nobody"]);
    assert_eq!(build.output.status.code(), Some(2));
    assert!(
        build.stderr().contains("unknown audience `nobody`"),
        "{}",
        build.stderr()
    );
}

/// The warning messages of a build's stderr, without the product each names.
fn warning_messages(stderr: &str, document: &str) -> Vec<String> {
    let products = ["deck: ", "notes: ", "handout3: "];
    stderr
        .lines()
        .filter_map(|l| l.strip_prefix(&format!("warning: {document} ")))
        .map(|rest| {
            products
                .iter()
                .find_map(|p| rest.strip_prefix(p))
                .unwrap_or(rest)
                .to_owned()
        })
        .collect()
}

#[test]
fn a_decks_warning_is_printed_once_though_notes_and_handout_share_it() {
    let dir = tempfile::tempdir().unwrap();
    // Bullets start far too large for their slides, so each shrinks.
    let theme = dir.path().join("big.toml");
    std::fs::write(&theme, "[deck]\nbody_size = \"60pt\"\nmin_body_size = \"20pt\"\n").unwrap();
    let theme = theme.to_str().unwrap();
    let args = ["--theme", theme, "--audience", "students", "--lang", "en"];
    let deck_only = build_into(&example(), &[&args[..], &["--format", "deck"]].concat());
    let expected = warning_messages(&deck_only.stderr(), "students en");
    assert!(!expected.is_empty(), "the deck warns: {}", deck_only.stderr());
    let all = build_into(
        &example(),
        &[&args[..], &["--format", "deck,notes,handout3"]].concat(),
    );
    let mut printed = warning_messages(&all.stderr(), "students en");
    printed.sort();
    let mut unique = printed.clone();
    unique.dedup();
    assert_eq!(printed, unique, "a warning was printed twice: {}", all.stderr());
    for warning in &expected {
        assert!(printed.contains(warning), "missing {warning:?}: {}", all.stderr());
    }
}

/// A project whose audience `b` has no English intro, with Russian as the
/// fallback: a warning that concerns b's English documents only.
fn fallback_project(dir: &Path) -> PathBuf {
    let project = dir.join("p");
    std::fs::create_dir_all(project.join("audiences")).unwrap();
    std::fs::write(
        project.join("handout.toml"),
        "[handout]\nid = \"t\"\nlanguages = [\"ru\", \"en\"]\nfallback = \"ru\"\ntitle = { ru = \"Заголовок\", en = \"Title\" }\n\n\
         [[point]]\nid = \"p\"\ntags = [\"x\"]\ntitle = { ru = \"Пункт\", en = \"Point\" }\nbody = { ru = \"Текст.\", en = \"Body.\" }\n",
    )
    .unwrap();
    for (id, intro) in [
        ("a", "{ ru = \"Привет.\", en = \"Hello.\" }"),
        ("b", "{ ru = \"Привет.\" }"),
    ] {
        std::fs::write(
            project.join(format!("audiences/{id}.toml")),
            format!("[audience]\nid = \"{id}\"\nname = {{ ru = \"{id}\", en = \"{id}\" }}\ninterests = [\"x\"]\nintro = {intro}\n"),
        )
        .unwrap();
    }
    project
}

#[test]
fn warnings_are_printed_only_for_documents_being_built() {
    let dir = tempfile::tempdir().unwrap();
    let project = fallback_project(dir.path());
    let warning = "missing en translation of `intro` of audience `b`";
    let other = build_into(&project, &["--audience", "a"]);
    assert!(other.output.status.success(), "{}", other.stderr());
    assert!(!other.stderr().contains(warning), "{}", other.stderr());
    let russian = build_into(&project, &["--audience", "b", "--lang", "ru"]);
    assert!(!russian.stderr().contains(warning), "{}", russian.stderr());
    let english = build_into(&project, &["--audience", "b", "--lang", "en"]);
    assert!(english.stderr().contains(warning), "{}", english.stderr());
    let check = handout(&["check", project.to_str().unwrap()]);
    assert!(
        String::from_utf8_lossy(&check.stderr).contains(warning),
        "check reports everything"
    );
}

#[test]
fn each_file_is_reported_as_soon_as_it_is_written_and_a_summary_ends_the_build() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let mut child = Command::new(env!("CARGO_BIN_EXE_handout"))
        .args([
            "build",
            example().to_str().unwrap(),
            "--jobs",
            "1",
            "--out",
            out.to_str().unwrap(),
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = std::io::BufReader::new(child.stdout.take().unwrap()).lines();
    let first = lines.next().unwrap().unwrap();
    assert!(first.starts_with("wrote "), "{first}");
    // The manifest is written after the last document: the first line came
    // while the batch was still running.
    assert!(
        !out.join("manifest.json").exists(),
        "the first line came only after the whole batch"
    );
    let rest: Vec<String> = lines.map(Result::unwrap).collect();
    let status = child.wait().unwrap();
    assert!(status.success());
    let mut stderr = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut stderr).unwrap();
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("manifest.json")).unwrap()).unwrap();
    let files = manifest["files"].as_array().unwrap().len();
    assert_eq!(1 + rest.len(), files, "one line per document");
    let summary = stderr.lines().last().unwrap();
    let expected = format!(
        "built {files} documents, {} pages in ",
        manifest["totals"]["pages"]
    );
    assert!(
        summary.starts_with(&expected),
        "{summary:?}, expected {expected:?}…"
    );
    assert!(
        summary.ends_with(" warnings") || summary.ends_with(" warning"),
        "{summary}"
    );
}

/// Runs a failing check with `vars` set, and gives its stderr.
fn check_stderr(vars: &[(&str, &str)]) -> String {
    let mut command = Command::new(env!("CARGO_BIN_EXE_handout"));
    command.args(["check", "/nonexistent-project-folder"]);
    command
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("CLICOLOR");
    for (k, v) in vars {
        command.env(k, v);
    }
    String::from_utf8(command.output().unwrap().stderr).unwrap()
}

#[test]
fn colour_only_where_it_is_wanted() {
    let piped = check_stderr(&[]);
    assert!(piped.starts_with("error: "), "{piped:?}");
    assert!(!piped.contains('\u{1b}'), "no colour into a pipe: {piped:?}");
    let forced = check_stderr(&[("CLICOLOR_FORCE", "1")]);
    assert!(forced.contains("\u{1b}[1m\u{1b}[31merror"), "{forced:?}");
    let refused = check_stderr(&[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]);
    assert!(!refused.contains('\u{1b}'), "NO_COLOR wins: {refused:?}");
}

#[test]
fn help_shows_examples() {
    for args in [&["--help"][..], &["build", "--help"][..]] {
        let help = String::from_utf8(handout(args).stdout).unwrap();
        assert!(help.contains("Examples:\n  handout "), "{args:?}: {help}");
    }
}
