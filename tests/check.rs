//! `handout check` reports every problem of a project at once, each with
//! file:line:column, and never writes anything.

mod common;

use std::path::Path;

use common::{example, handout};

/// Writes a small project into `dir`.
fn write_project(dir: &Path, handout_toml: &str, audience_toml: &str) {
    std::fs::create_dir_all(dir.join("audiences")).unwrap();
    std::fs::write(dir.join("handout.toml"), handout_toml).unwrap();
    std::fs::write(dir.join("audiences/traders.toml"), audience_toml).unwrap();
}

/// Writes the smallest valid project: one Russian title and one audience.
fn write_minimal_project(dir: &Path) {
    let handout_toml = "[handout]\nid = \"demo\"\nlanguages = [\"ru\"]\ntitle = { ru = \"Название\" }\n";
    write_project(
        dir,
        handout_toml,
        "[audience]\nid = \"a\"\nname = { ru = \"Все\" }\n",
    );
}

const AUDIENCE: &str = r#"[audience]
id = "traders"
name = { kk = "Саудагерлер", ru = "Торговцы" }
languages = ["kk", "ru"]
interests = ["business"]
"#;

#[test]
fn check_reports_a_typo_a_missing_translation_and_a_duplicate_id_together() {
    let dir = tempfile::tempdir().unwrap();
    let handout_toml = r#"[handout]
id = "demo"
languages = ["kk", "ru"]
title = { kk = "Жаңа Конституция", ru = "Новая Конституция" }

[[point]]
id = "taxes"
tags = ["business"]
titel = { kk = "Салық", ru = "Налоги" }
body = { kk = "Мәтін.", ru = "Текст." }

[[point]]
id = "taxes"
tags = ["business"]
title = { ru = "Налоги снова" }
body = { kk = "Мәтін.", ru = "Текст." }
"#;
    write_project(dir.path(), handout_toml, AUDIENCE);
    let result = handout(&["check", dir.path().to_str().unwrap()]);
    let stderr = String::from_utf8(result.stderr).unwrap();
    assert_eq!(result.status.code(), Some(1), "{stderr}");
    let file = dir.path().join("handout.toml");
    let at = |line: usize, col: usize| format!("{}:{line}:{col}", file.display());
    // The misspelled key, with a suggestion.
    assert!(stderr.contains("unknown key `titel`"), "{stderr}");
    assert!(stderr.contains(&at(9, 1)), "{stderr}");
    assert!(stderr.contains("did you mean `title`?"), "{stderr}");
    // The missing Kazakh title of the second point.
    assert!(
        stderr.contains("missing kk translation of `title` of point `taxes`"),
        "{stderr}"
    );
    assert!(stderr.contains(&at(15, 9)), "{stderr}");
    // The duplicate id, pointing at the second one.
    assert!(stderr.contains("duplicate point id `taxes`"), "{stderr}");
    assert!(stderr.contains(&at(13, 6)), "{stderr}");
    // The offending line is quoted.
    assert!(stderr.contains("titel = { kk = \"Салық\""), "{stderr}");
}

#[test]
fn check_passes_on_the_example_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let result = std::process::Command::new(env!("CARGO_BIN_EXE_handout"))
        .args(["check", example().to_str().unwrap()])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn malformed_toml_is_reported_with_its_place() {
    let dir = tempfile::tempdir().unwrap();
    write_project(
        dir.path(),
        "[handout]\nid = \"demo\"\ntitle = { kk = \"x\" \n",
        AUDIENCE,
    );
    let result = handout(&["check", dir.path().to_str().unwrap()]);
    let stderr = String::from_utf8(result.stderr).unwrap();
    assert_eq!(result.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("malformed TOML"), "{stderr}");
    assert!(stderr.contains("handout.toml:3:"), "{stderr}");
}

#[test]
fn unknown_languages_tags_and_escaping_paths_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let handout_toml = r#"[handout]
id = "demo"
languages = ["kk", "kz"]
title = { kk = "Атау", ru = "Название" }
logo = "../secret.png"

[[point]]
id = "taxes"
tags = ["business"]
title = { kk = "Салық", ru = "Налоги" }
body = { kk = "Мәтін.", ru = "Текст." }
"#;
    let audience = AUDIENCE.replace("[\"business\"]", "[\"busines\"]");
    write_project(dir.path(), handout_toml, &audience);
    let result = handout(&["check", dir.path().to_str().unwrap()]);
    let stderr = String::from_utf8(result.stderr).unwrap();
    assert_eq!(result.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("unknown language \"kz\""), "{stderr}");
    assert!(stderr.contains("outside the project folder"), "{stderr}");
    assert!(
        stderr.contains("unknown tag `busines`") && stderr.contains("did you mean `business`?"),
        "{stderr}"
    );
}

#[test]
fn a_theme_with_a_misspelled_key_fails_with_a_suggestion() {
    let dir = tempfile::tempdir().unwrap();
    write_minimal_project(dir.path());
    std::fs::write(
        dir.path().join("theme.toml"),
        "[colors]\nprimary = \"#8A1538\"\n\n[leaflet]\nbody_sise = \"11pt\"\n",
    )
    .unwrap();
    let result = handout(&["check", dir.path().to_str().unwrap()]);
    let stderr = String::from_utf8(result.stderr).unwrap();
    assert_eq!(result.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("unknown key `body_sise` in [leaflet]"),
        "{stderr}"
    );
    assert!(
        stderr.contains("theme.toml:5:1") && stderr.contains("did you mean `body_size`?"),
        "{stderr}"
    );
}

#[test]
fn project_fonts_are_listed_and_broken_ones_refused() {
    let dir = tempfile::tempdir().unwrap();
    write_minimal_project(dir.path());
    std::fs::create_dir(dir.path().join("fonts")).unwrap();
    let noto = Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts/NotoSans-Bold.ttf");
    std::fs::copy(noto, dir.path().join("fonts/Brand.ttf")).unwrap();
    let listed = handout(&["fonts", dir.path().to_str().unwrap()]);
    let table = String::from_utf8(listed.stdout).unwrap();
    assert!(listed.status.success());
    assert_eq!(table.lines().count(), 1 + 9, "{table}");
    let header: Vec<&str> = table.lines().next().unwrap().split_whitespace().collect();
    assert_eq!(header, ["face", "kk", "ru", "en", "kk-latn", "₸"]);
    assert!(
        table
            .lines()
            .skip(1)
            .all(|l| l.split_whitespace().filter(|w| *w == "yes").count() == 5),
        "Noto covers every language, Kazakh in Latin script too: {table}"
    );
    assert!(
        table.lines().nth(1).unwrap().starts_with("Noto Sans Bold"),
        "{table}"
    );

    std::fs::write(dir.path().join("fonts/broken.ttf"), b"not a font at all").unwrap();
    std::fs::write(dir.path().join("theme.toml"), "[fonts]\nbody = \"Brand Sans\"\n").unwrap();
    let result = handout(&["check", dir.path().to_str().unwrap()]);
    let stderr = String::from_utf8(result.stderr).unwrap();
    assert_eq!(result.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("broken.ttf: not a usable font"), "{stderr}");
    assert!(
        stderr.contains("font family \"Brand Sans\" not found"),
        "{stderr}"
    );
}
