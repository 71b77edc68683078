//! One leaflet per scheduled meeting, with the venue, the meeting's own
//! date and time, and the speaker on the cover.

mod common;

use common::{build_ok, example, handout, plain, project, text_layer, words};
use handout::tailor::dates;

#[test]
fn every_meeting_gets_a_leaflet_in_each_language_of_its_audience() {
    let build = build_ok(&example(), &["--meetings"]);
    let out = build.out.clone();
    let project = project();
    assert!(!project.meetings.is_empty());
    for meeting in &project.meetings {
        let audience = project.audience(&meeting.audience.value).unwrap();
        for &lang in &audience.languages {
            let path = out.join(format!(
                "constitution-2026/{a}/constitution-2026-{a}-{m}-{l}-leaflet.pdf",
                a = audience.id.value,
                m = meeting.id.value,
                l = lang.code()
            ));
            let layer = words(&text_layer(&path)).join(" ");
            let expect = |text: &str, what: &str| {
                let wanted = words(text).join(" ");
                assert!(
                    layer.contains(&wanted),
                    "{}: no {what} {wanted:?}",
                    path.display()
                );
            };
            expect(&plain(&meeting.venue.get(lang).unwrap().value), "venue");
            expect(&dates::format(meeting.date, lang), "meeting date");
            expect(&meeting.time.as_ref().unwrap().value, "time");
            if let Some(speaker) = &meeting.speaker {
                expect(&plain(&speaker.get(lang).unwrap().value), "speaker");
            }
        }
    }
    let manifest = std::fs::read_to_string(out.join("manifest.json")).unwrap();
    assert!(
        manifest.contains("\"meeting\": \"green-bazaar-0214\""),
        "{manifest}"
    );
}

#[test]
fn a_meeting_for_an_unknown_audience_is_reported_where_it_is_written() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("audiences")).unwrap();
    std::fs::write(
        dir.path().join("handout.toml"),
        "[handout]\nid = \"m\"\nlanguages = [\"en\"]\ntitle = { en = \"T\" }\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("audiences/a.toml"),
        "[audience]\nid = \"traders\"\nname = { en = \"Traders\" }\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("meetings.toml"),
        "[[meeting]]\nid = \"m1\"\naudience = \"trader\"\ndate = 2026-02-12\nvenue = { en = \"Bazaar\" }\n",
    )
    .unwrap();
    let result = handout(&["check", dir.path().to_str().unwrap()]);
    let stderr = String::from_utf8(result.stderr).unwrap();
    assert_eq!(result.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("unknown audience `trader`") && stderr.contains("meetings.toml:3:12"),
        "{stderr}"
    );
    assert!(stderr.contains("did you mean `traders`?"), "{stderr}");
}
