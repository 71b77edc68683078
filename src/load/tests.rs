//! Load tests: what a project folder turns into, and what it is refused for.

use super::*;
use crate::project::Lang;

/// Loads a project made of `handout_toml` and audience files.
pub fn load_str(handout_toml: &str, audiences: &[&str]) -> Loaded {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("audiences")).unwrap();
    std::fs::write(dir.path().join("handout.toml"), handout_toml).unwrap();
    for (i, a) in audiences.iter().enumerate() {
        std::fs::write(dir.path().join(format!("audiences/a{i}.toml")), a).unwrap();
    }
    load(dir.path())
}

/// Loads a project that must be valid.
pub fn project(handout_toml: &str, audiences: &[&str]) -> Project {
    let loaded = load_str(handout_toml, audiences);
    let messages: Vec<String> = loaded.diagnostics.iter().map(ToString::to_string).collect();
    loaded
        .project
        .unwrap_or_else(|| panic!("project does not load:\n{}", messages.join("\n")))
}

/// Error messages of a project that must be refused.
fn errors(handout_toml: &str, audiences: &[&str]) -> Vec<String> {
    let loaded = load_str(handout_toml, audiences);
    assert!(loaded.project.is_none(), "the project loaded");
    loaded
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.message.clone())
        .collect()
}

const HEAD: &str = r#"[handout]
id = "demo"
languages = ["kk", "ru"]
title = { kk = "Атау", ru = "Название" }
"#;

const POINT: &str = r#"
[[point]]
id = "p"
tags = ["rights"]
title = { kk = "Құқық", ru = "Право" }
body = { kk = "Мәтін.", ru = "Текст." }
"#;

#[test]
fn a_minimal_project_loads_with_defaults() {
    let p = project(&format!("{HEAD}{POINT}"), &[]);
    assert_eq!(p.handout.languages, vec![Lang::Kk, Lang::Ru]);
    assert_eq!(p.points[0].priority, 1);
    assert!(p.audiences.is_empty());
}

#[test]
fn an_audience_without_languages_gets_the_handouts() {
    let audience = r#"[audience]
id = "all"
name = { kk = "Барлығы", ru = "Все" }
"#;
    let p = project(&format!("{HEAD}{POINT}"), &[audience]);
    assert_eq!(p.audiences[0].languages, vec![Lang::Kk, Lang::Ru]);
    assert_eq!(p.audiences[0].formats, vec![Format::Leaflet]);
}

#[test]
fn wrong_types_are_named_with_what_was_expected() {
    let toml = format!("{HEAD}{POINT}").replace("tags = [\"rights\"]", "tags = \"rights\"\npriority = 0");
    let errors = errors(&toml, &[]);
    assert!(
        errors
            .iter()
            .any(|e| e == "expected an array for `tags`, found string"),
        "{errors:?}"
    );
    assert!(
        errors
            .iter()
            .any(|e| e.contains("`priority` must be a positive whole number")),
        "{errors:?}"
    );
}

#[test]
fn a_fallback_turns_missing_translations_into_warnings() {
    let toml =
        format!("{HEAD}fallback = \"ru\"\n{POINT}").replace("title = { kk = \"Құқық\", ", "title = { ");
    let loaded = load_str(&toml, &[]);
    assert!(loaded.project.is_some());
    let warning = loaded
        .diagnostics
        .iter()
        .find(|d| !d.is_error())
        .expect("a warning");
    assert!(
        warning.message.contains("missing kk translation") && warning.message.contains("using the ru text")
    );
}

#[test]
fn variants_must_name_a_known_audience() {
    let toml =
        format!("{HEAD}{POINT}[point.audience.traders]\nextra = {{ kk = \"Қосымша\", ru = \"Доп.\" }}\n");
    let errors = errors(&toml, &[]);
    assert!(
        errors.iter().any(|e| e.contains("unknown audience `traders`")),
        "{errors:?}"
    );
}

#[test]
fn audience_languages_must_be_promised_by_the_handout() {
    let audience = r#"[audience]
id = "guests"
name = { kk = "Қонақтар", ru = "Гости" }
languages = ["en"]
"#;
    let errors = errors(&format!("{HEAD}{POINT}"), &[audience]);
    assert!(errors.iter().any(|e| e.contains("wants en")), "{errors:?}");
}

#[test]
fn a_missing_handout_file_is_an_error_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let loaded = load(dir.path());
    assert!(loaded.project.is_none());
    assert!(loaded.diagnostics[0].message.contains("cannot read"));
}
