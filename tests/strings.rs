//! The translation round trip: export to XLIFF, translate, import back into
//! the TOML files without disturbing them, and learn which translations
//! went stale.

mod common;

use std::path::{Path, PathBuf};

use common::{copy_dir, example, handout};

/// A copy of the example project, and a place for XLIFF files.
fn copy() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("p");
    copy_dir(&example(), &project);
    (dir, project)
}

/// Runs `handout ARGS…`; it must succeed. Gives stderr.
fn ok(args: &[&str]) -> String {
    let output = handout(args);
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(output.status.success(), "{args:?}: {stderr}");
    stderr
}

/// `strings export` of `project`'s English from Russian into `xlf`; the XLIFF.
fn export_en(project: &str, xlf: &Path) -> String {
    ok(&[
        "strings",
        "export",
        project,
        "--lang",
        "en",
        "--from",
        "ru",
        "-o",
        xlf.to_str().unwrap(),
    ]);
    std::fs::read_to_string(xlf).unwrap()
}

/// `xliff` with the target of unit `id` replaced by `text`.
fn retarget(xliff: &str, id: &str, text: &str) -> String {
    let unit = xliff
        .find(&format!("<unit id=\"{id}\">"))
        .unwrap_or_else(|| panic!("no unit {id}"));
    let open = unit + xliff[unit..].find("<target>").unwrap() + "<target>".len();
    let close = open + xliff[open..].find("</target>").unwrap();
    format!("{}{text}{}", &xliff[..open], &xliff[close..])
}

/// Every file of a project folder with its bytes.
fn files(project: &Path) -> Vec<(String, Vec<u8>)> {
    common::files_below(project)
        .into_iter()
        .map(|name| {
            let bytes = std::fs::read(project.join(&name)).unwrap();
            (name, bytes)
        })
        .collect()
}

#[test]
fn an_edited_target_changes_only_its_text_and_keeps_every_comment() {
    let (dir, project) = copy();
    let xlf = dir.path().join("en.xlf");
    let p = project.to_str().unwrap();
    let exported = export_en(p, &xlf);
    assert!(
        exported.contains("<unit id=\"point.preamble.title\">"),
        "{exported}"
    );
    assert!(exported.contains("<source>Обновлённая преамбула: главные ценности</source>"));
    assert!(exported.contains("<target>The updated preamble: core values</target>"));
    assert!(
        exported.contains("handout.toml:26:9"),
        "the note says where the text is"
    );

    let before = files(&project);
    let edited = retarget(&exported, "point.preamble.title", "The preamble, renewed");
    std::fs::write(&xlf, edited).unwrap();
    ok(&["strings", "import", p, xlf.to_str().unwrap()]);

    let after = files(&project);
    let old = "\"The updated preamble: core values\"";
    for ((name, was), (name_after, now)) in before.iter().zip(&after) {
        assert_eq!(name, name_after);
        if name == "handout.toml" {
            let was = String::from_utf8(was.clone()).unwrap();
            assert_eq!(was.matches(old).count(), 1);
            let expected = was.replace(old, "\"The preamble, renewed\"");
            assert_eq!(String::from_utf8(now.clone()).unwrap(), expected);
        } else {
            assert_eq!(was, now, "{name} changed");
        }
    }
    // Besides: the lock file that remembers the source of the new text.
    let lock = std::fs::read_to_string(project.join("strings.lock")).unwrap();
    assert!(lock.contains("\n[en]\n"), "{lock}");
    assert!(
        lock.contains("\n\"point.preamble.title\" = { from = \"ru\", source = \""),
        "{lock}"
    );
    assert_eq!(after.len(), before.len() + 1);
}

#[test]
fn a_text_in_a_table_of_its_own_is_replaced_in_place() {
    let (dir, project) = copy();
    let xlf = dir.path().join("en.xlf");
    let p = project.to_str().unwrap();
    let exported = export_en(p, &xlf);
    let new_body = "The preamble opens the Constitution.\n\n- unity;\n- harmony.";
    std::fs::write(&xlf, retarget(&exported, "point.preamble.body", new_body)).unwrap();
    let comments = |text: &str| -> Vec<String> {
        text.lines()
            .filter(|l| l.trim_start().starts_with('#'))
            .map(str::to_owned)
            .collect()
    };
    let was = std::fs::read_to_string(project.join("handout.toml")).unwrap();
    ok(&["strings", "import", p, xlf.to_str().unwrap()]);
    let now = std::fs::read_to_string(project.join("handout.toml")).unwrap();
    assert_eq!(comments(&now), comments(&was));
    let loaded = handout::load::load(&project);
    let project = loaded.project.expect("the project still loads");
    let point = project.points.iter().find(|p| p.id.value == "preamble").unwrap();
    assert_eq!(
        point.body.get(handout::project::Lang::En).unwrap().value,
        new_body
    );
    let old_ru = common::project().points[0]
        .body
        .get(handout::project::Lang::Ru)
        .unwrap()
        .value
        .clone();
    assert_eq!(point.body.get(handout::project::Lang::Ru).unwrap().value, old_ru);
}

#[test]
fn check_reports_a_translation_whose_source_changed() {
    let (dir, project) = copy();
    let xlf = dir.path().join("en.xlf");
    let p = project.to_str().unwrap();
    let exported = export_en(p, &xlf);
    std::fs::write(
        &xlf,
        retarget(&exported, "point.preamble.title", "The preamble, renewed"),
    )
    .unwrap();
    ok(&["strings", "import", p, xlf.to_str().unwrap()]);
    let stale = "the en translation of `title` of point `preamble` is stale";
    assert!(!ok(&["check", p]).contains(stale), "fresh after the import");

    let toml = project.join("handout.toml");
    let text = std::fs::read_to_string(&toml).unwrap();
    std::fs::write(
        &toml,
        text.replace("Обновлённая преамбула: главные ценности", "Новая преамбула"),
    )
    .unwrap();
    let stderr = ok(&["check", p]);
    assert!(stderr.contains(stale), "{stderr}");
    assert!(stderr.contains("handout.toml:26:"), "at the stale text: {stderr}");
    assert!(
        stderr.contains("translations en: ") && stderr.contains(" texts, 0 missing, 1 stale"),
        "{stderr}"
    );
    // The Kazakh translation was never imported: nothing is known of it.
    assert!(
        !stderr.contains("kk translation of `title` of point `preamble` is stale"),
        "{stderr}"
    );
    // The next export marks it for the translator.
    let again = handout(&["strings", "export", p, "--lang", "en", "--from", "ru"]);
    let again = String::from_utf8(again.stdout).unwrap();
    let unit = &again[again.find("<unit id=\"point.preamble.title\">").unwrap()..];
    let unit = &unit[..unit.find("</unit>").unwrap()];
    assert!(
        unit.contains("state=\"initial\"") && unit.contains("source changed"),
        "{unit}"
    );
}

#[test]
fn an_unknown_unit_is_refused_at_its_line_and_nothing_is_written() {
    let (dir, project) = copy();
    let xlf = dir.path().join("en.xlf");
    let p = project.to_str().unwrap();
    ok(&[
        "strings",
        "export",
        p,
        "--lang",
        "en",
        "-o",
        xlf.to_str().unwrap(),
    ]);
    let exported = std::fs::read_to_string(&xlf).unwrap();
    let edited = retarget(&exported, "point.preamble.title", "Changed").replace(
        "<unit id=\"point.preamble.notes\">",
        "<unit id=\"point.preambel.notes\">",
    );
    let line = edited
        .lines()
        .position(|l| l.contains("point.preambel.notes"))
        .unwrap()
        + 1;
    std::fs::write(&xlf, &edited).unwrap();
    let before = files(&project);
    let output = handout(&["strings", "import", p, xlf.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains(&format!("en.xlf:{line}:5")), "{stderr}");
    assert!(
        stderr.contains("unknown unit id `point.preambel.notes`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("did you mean `point.preamble.notes`?"),
        "{stderr}"
    );
    assert_eq!(files(&project), before, "nothing was written");
}

#[test]
fn missing_translations_are_exported_empty_and_imported_into_place() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("p");
    std::fs::create_dir_all(project.join("audiences")).unwrap();
    let handout_toml = "# A handout half translated.\n[handout]\nid = \"t\"\nlanguages = [\"ru\", \"en\"]\n\
                        title = { ru = \"Заголовок\", en = \"Title\" }\n\n[[point]]\nid = \"p\"\ntags = [\"x\"]\n\
                        title = { ru = \"Пункт\", en = \"Point\" }\nbody = { ru = \"Текст.\" }   # English to come\n";
    std::fs::write(project.join("handout.toml"), handout_toml).unwrap();
    std::fs::write(
        project.join("audiences/a.toml"),
        "[audience]\nid = \"a\"\nname = { ru = \"А\", en = \"A\" }\ninterests = [\"x\"]\n",
    )
    .unwrap();
    let p = project.to_str().unwrap();
    let check = handout(&["check", p]);
    assert_eq!(check.status.code(), Some(1), "a missing translation is an error");
    let stderr = String::from_utf8_lossy(&check.stderr);
    assert!(
        stderr.contains("missing en translation of `body` of point `p`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("translations en: 4 texts, 1 missing, 0 stale"),
        "{stderr}"
    );
    assert!(
        stderr.contains("translations ru: 4 texts, all translated and current"),
        "{stderr}"
    );

    let exported = handout(&["strings", "export", p, "--lang", "en"]);
    assert!(
        exported.status.success(),
        "{}",
        String::from_utf8_lossy(&exported.stderr)
    );
    let xliff = String::from_utf8(exported.stdout).unwrap();
    let unit = &xliff[xliff.find("<unit id=\"point.p.body\">").unwrap()..];
    let unit = &unit[..unit.find("</unit>").unwrap()];
    assert!(
        unit.contains("<source>Текст.</source>") && !unit.contains("<target>"),
        "{unit}"
    );
    let translated = xliff.replace(
        "<source>Текст.</source>",
        "<source>Текст.</source>\n<target>Text &amp; more.</target>",
    );
    let xlf = dir.path().join("en.xlf");
    std::fs::write(&xlf, translated).unwrap();
    ok(&["strings", "import", p, xlf.to_str().unwrap()]);
    assert_eq!(
        std::fs::read_to_string(project.join("handout.toml")).unwrap(),
        handout_toml.replace(
            "{ ru = \"Текст.\" }",
            "{ ru = \"Текст.\", en = \"Text & more.\" }"
        )
    );
    ok(&["check", p]);
}

#[test]
fn a_unit_given_twice_or_a_meeting_from_csv_is_refused() {
    let (dir, project) = copy();
    let xlf = dir.path().join("en.xlf");
    let p = project.to_str().unwrap();
    ok(&[
        "strings",
        "export",
        p,
        "--lang",
        "en",
        "-o",
        xlf.to_str().unwrap(),
    ]);
    let exported = std::fs::read_to_string(&xlf).unwrap();
    let unit = &exported[exported.find("    <unit id=\"point.preamble.title\">").unwrap()..];
    let unit = &unit[..unit.find("</unit>").unwrap() + "</unit>\n".len()];
    std::fs::write(&xlf, exported.replacen(unit, &format!("{unit}{unit}"), 1)).unwrap();
    let output = handout(&["strings", "import", p, xlf.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("unit `point.preamble.title` is given twice"));

    let tax = dir.path().join("tax");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("handouts/small-business-tax-2027"),
        &tax,
    );
    let t = tax.to_str().unwrap();
    let exported = handout(&["strings", "export", t, "--lang", "en", "--from", "ru"]);
    let exported = String::from_utf8(exported.stdout).unwrap();
    let id = &exported[exported.find("<unit id=\"meeting.").unwrap() + "<unit id=\"".len()..];
    let id = &id[..id.find('"').unwrap()];
    let edited = retarget(&exported, id, "Somewhere else");
    std::fs::write(&xlf, edited).unwrap();
    let before = files(&tax);
    let output = handout(&["strings", "import", t, xlf.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("meetings.csv, which import does not rewrite"),
        "{stderr}"
    );
    assert_eq!(files(&tax), before);
}
