//! The tailoring rule pinned down: selection, order, ties, variants, quotes.

use super::*;
use crate::load::tests::project;

/// A handout whose points carry the given (id, tags, priority).
fn handout(points: &[(&str, &[&str], u32)]) -> String {
    let mut toml = String::from(
        "[handout]\nid = \"t\"\nlanguages = [\"kk\", \"ru\", \"en\"]\ntitle = { kk = \"А\", ru = \"Б\", en = \"C\" }\n",
    );
    for (id, tags, priority) in points {
        let tags: Vec<String> = tags.iter().map(|t| format!("{t:?}")).collect();
        toml.push_str(&format!(
            "\n[[point]]\nid = \"{id}\"\ntags = [{}]\npriority = {priority}\n\
             title = {{ kk = \"{id} kk\", ru = \"{id} ru\", en = \"{id} en\" }}\n\
             body = {{ kk = \"Мәтін {id}.\", ru = \"Текст {id}.\", en = \"Text {id}.\" }}\n",
            tags.join(", ")
        ));
    }
    toml
}

/// An audience profile.
fn audience(interests: &[&str], exclude: &[&str], max_points: Option<usize>) -> String {
    let list = |tags: &[&str]| {
        tags.iter()
            .map(|t| format!("{t:?}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut toml = format!(
        "[audience]\nid = \"a\"\nname = {{ kk = \"А\", ru = \"А\", en = \"A\" }}\ninterests = [{}]\nexclude = [{}]\n",
        list(interests),
        list(exclude)
    );
    if let Some(n) = max_points {
        toml.push_str(&format!("max_points = {n}\n"));
    }
    toml
}

/// The ids of the kept points.
fn kept(points: &[(&str, &[&str], u32)], audience_toml: &str) -> Vec<String> {
    let p = project(&handout(points), &[audience_toml]);
    let doc = tailor(&p, &p.audiences[0], Lang::En);
    doc.points.iter().map(|p| p.id.clone()).collect()
}

#[test]
fn priority_one_comes_first_then_interest_rank() {
    let points: &[(&str, &[&str], u32)] = &[
        ("tax", &["business"], 2),
        ("school", &["education"], 2),
        ("rights", &["rights"], 1),
        ("market", &["local"], 3),
    ];
    let a = audience(&["local", "business"], &[], None);
    assert_eq!(kept(points, &a), ["rights", "market", "tax", "school"]);
}

#[test]
fn ties_in_interest_rank_go_by_priority_then_source_order() {
    let points: &[(&str, &[&str], u32)] = &[
        ("b3", &["business"], 3),
        ("b2", &["business"], 2),
        ("b2-later", &["business"], 2),
        ("none", &["other"], 2),
    ];
    let a = audience(&["business"], &[], None);
    assert_eq!(kept(points, &a), ["b2", "b2-later", "b3", "none"]);
}

#[test]
fn the_best_interest_of_any_tag_counts() {
    let points: &[(&str, &[&str], u32)] = &[("x", &["c", "a"], 2), ("y", &["b"], 2)];
    let a = audience(&["a", "b", "c"], &[], None);
    assert_eq!(kept(points, &a), ["x", "y"]);
}

#[test]
fn exclusion_wins_even_over_priority_one() {
    let points: &[(&str, &[&str], u32)] = &[("faith", &["religion"], 1), ("law", &["rights"], 2)];
    let a = audience(&["rights"], &["religion"], None);
    assert_eq!(kept(points, &a), ["law"]);
}

#[test]
fn max_points_keeps_the_best_ranked_and_reports_the_rest() {
    let points: &[(&str, &[&str], u32)] = &[
        ("a", &["x"], 2),
        ("b", &["y"], 2),
        ("c", &["z"], 1),
        ("d", &["x"], 3),
    ];
    let p = project(&handout(points), &[&audience(&["x", "y", "z"], &[], Some(2))]);
    let doc = tailor(&p, &p.audiences[0], Lang::Ru);
    let ids: Vec<&str> = doc.points.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["c", "a"]);
    assert_eq!(doc.dropped, ["d", "b"]);
}

#[test]
fn priority_one_points_are_never_cut_by_max_points() {
    let points: &[(&str, &[&str], u32)] = &[("a", &["x"], 1), ("b", &["x"], 1), ("c", &["x"], 2)];
    let a = audience(&["x"], &[], Some(1));
    assert_eq!(kept(points, &a), ["a", "b"]);
}

#[test]
fn variants_replace_the_body_and_append_the_extra() {
    let mut toml = handout(&[("p", &["x"], 1)]);
    toml.push_str(
        "[point.audience.a]\nbody = { kk = \"Жаңа.\", ru = \"Новый.\", en = \"New body.\" }\n\
         extra = { kk = \"Сізге.\", ru = \"Вам.\", en = \"For you.\" }\n",
    );
    let p = project(&toml, &[&audience(&["x"], &[], None)]);
    let doc = tailor(&p, &p.audiences[0], Lang::En);
    assert_eq!(doc.points[0].body.value, "New body.");
    assert_eq!(doc.points[0].extra.as_ref().unwrap().value, "For you.");
}

#[test]
fn the_quote_shares_an_interest_else_is_the_first() {
    let mut toml = handout(&[("p", &["x"], 1), ("q", &["w"], 2)]);
    for (text, tag) in [("First", "y"), ("Second", "x")] {
        toml.push_str(&format!(
            "[[quote]]\ntext = {{ kk = \"{text}\", ru = \"{text}\", en = \"{text}\" }}\ntags = [\"{tag}\"]\n"
        ));
    }
    let quote = |interest: &str| {
        let p = project(&toml, &[&audience(&[interest], &[], None)]);
        tailor(&p, &p.audiences[0], Lang::En).quote.unwrap().text.value
    };
    assert_eq!(quote("x"), "\u{201c}Second\u{201d}");
    assert_eq!(quote("w"), "\u{201c}First\u{201d}");
}

#[test]
fn quotations_inside_a_quote_take_the_nested_marks() {
    let mut toml = handout(&[("p", &["x"], 1)]);
    toml.push_str(
        "[[quote]]\ntext = { kk = 'Біз \"Жаңа заң\" деп атадық', ru = 'Мы назвали его \"Новый закон\"', en = 'We called it \"the new law\"' }\n",
    );
    let p = project(&toml, &[&audience(&["x"], &[], None)]);
    let quote = |lang| tailor(&p, &p.audiences[0], lang).quote.unwrap().text.value;
    assert_eq!(quote(Lang::Ru), "«Мы\u{a0}назвали его „Новый закон“»");
    assert_eq!(quote(Lang::Kk), "«Біз “Жаңа заң” деп атадық»");
    assert_eq!(
        quote(Lang::En),
        "\u{201c}We called it \u{2018}the new law\u{2019}\u{201d}"
    );
}

#[test]
fn a_quotation_opened_in_bold_closes_outside_it() {
    let p = project(
        &handout(&[("p", &["x"], 1)]).replace("Мәтін p.", "**\\\"Маңызды** сөз\\\" бар."),
        &[&audience(&["x"], &[], None)],
    );
    let body = tailor(&p, &p.audiences[0], Lang::Kk).points[0].body.clone();
    let spans = &body.rich.paras[0].spans;
    assert_eq!(spans[0].text, "«Маңызды");
    assert!(spans[0].bold);
    assert_eq!(spans[1].text, " сөз» бар.");
    assert!(!spans[1].bold);
}

#[test]
fn headings_are_rich_text_not_literal_stars() {
    let p = project(
        &handout(&[("p", &["x"], 1)]).replace("kk = \"p kk\"", "kk = \"*Жаңа* p\""),
        &[&audience(&["x"], &[], None)],
    );
    let title = tailor(&p, &p.audiences[0], Lang::Kk).points[0].title.clone();
    assert_eq!(title.value, "Жаңа p");
    assert!(title.rich.paras[0].spans[0].italic);
}

#[test]
fn kk_latn_is_transliterated_from_kk_when_not_written() {
    let p = project(&handout(&[("p", &["x"], 1)]), &[&audience(&["x"], &[], None)]);
    let doc = tailor(&p, &p.audiences[0], Lang::KkLatn);
    assert_eq!(doc.points[0].body.value, "Mätın p.");
    assert_eq!(doc.lang, Lang::KkLatn);
}

/// The document of `points` for one audience interested in x, y and z in
/// that order, with a quote.
fn ranked(points: &[(&str, &[&str], u32)]) -> Document {
    let mut toml = handout(points);
    toml.push_str("\n[[quote]]\ntext = { kk = \"Сөз.\", ru = \"Слово.\", en = \"Word.\" }\n");
    let p = project(&toml, &[&audience(&["x", "y", "z"], &[], None)]);
    tailor(&p, &p.audiences[0], Lang::En)
}

/// What a sheet holding points whose weights (the digit in their id) add
/// up to at most `room` answers: the ids it set, or by how much they
/// overflow. Counts its tries in `tries`.
type Answer = Result<Result<Vec<String>, Overflow>, Diagnostic>;
fn sheet(room: u32, tries: &std::cell::Cell<usize>) -> impl FnMut(&Document) -> Answer + '_ {
    move |doc: &Document| {
        tries.set(tries.get() + 1);
        let ids: Vec<String> = doc.points.iter().map(|p| p.id.clone()).collect();
        let weight: u32 = ids.iter().map(|id| id[1..].parse::<u32>().unwrap()).sum();
        Ok(if weight <= room {
            Ok(ids)
        } else {
            Err(Overflow {
                by: (weight - room) as f32,
                size: 8.5,
                place: None,
            })
        })
    }
}

use crate::base::Overflow;
use crate::diag::Diagnostic;
use fit::drop_to_fit;

#[test]
fn a_sheet_with_room_keeps_every_point_after_one_try() {
    let doc = ranked(&[("e1", &["x"], 1), ("a2", &["y"], 2), ("b3", &["z"], 3)]);
    let tries = std::cell::Cell::new(0);
    let cut = drop_to_fit(doc, sheet(10, &tries)).unwrap().unwrap();
    assert_eq!(cut.laid_out, ["e1", "a2", "b3"]);
    assert!(cut.doc.dropped.is_empty() && cut.warnings.is_empty());
    assert_eq!(tries.get(), 1);
}

#[test]
fn a_long_point_goes_while_a_lower_ranked_short_one_stays() {
    // Room for 5: the essential (1) and the long second-ranked point (7)
    // do not go together, the third-ranked short one (2) does.
    let doc = ranked(&[("e1", &["x"], 1), ("a7", &["y"], 2), ("b2", &["z"], 2)]);
    let cut = drop_to_fit(doc, sheet(5, &Default::default())).unwrap().unwrap();
    let kept: Vec<&str> = cut.doc.points.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(kept, ["e1", "b2"]);
    assert_eq!(cut.laid_out, ["e1", "b2"]);
    assert_eq!(cut.doc.dropped, ["a7"]);
    assert_eq!(cut.warnings.len(), 1);
    assert!(
        cut.warnings[0].message.contains("`a7`"),
        "{:?}",
        cut.warnings[0].message
    );
    // The quote did not stand in the way and stays.
    assert!(cut.doc.quote.is_some());
}

#[test]
fn essential_points_that_do_not_fit_are_the_answer() {
    let doc = ranked(&[("e4", &["x"], 1), ("f4", &["y"], 1), ("a1", &["z"], 2)]);
    let over = drop_to_fit(doc, sheet(5, &Default::default()))
        .unwrap()
        .unwrap_err();
    assert_eq!(over.by, 3.0);
}

#[test]
fn the_quote_goes_first_when_it_is_what_does_not_fit() {
    let doc = ranked(&[("e1", &["x"], 1), ("a2", &["y"], 2), ("b1", &["z"], 2)]);
    let quote_place = doc.quote.as_ref().unwrap().text.place.clone();
    let lay_out = |doc: &Document| {
        Ok(match &doc.quote {
            Some(_) => Err(Overflow {
                by: 4.0,
                size: 8.5,
                place: Some(quote_place.clone()),
            }),
            None => Ok(doc.points.len()),
        })
    };
    let cut = drop_to_fit(doc, lay_out).unwrap().unwrap();
    assert!(cut.doc.quote.is_none());
    assert_eq!((cut.laid_out, cut.doc.dropped.len()), (3, 0));
    assert!(cut.warnings[0].message.contains("quote"));
}
