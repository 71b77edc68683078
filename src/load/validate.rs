//! Checks that span files: duplicate ids, tags and audiences that must exist,
//! and translations that a promised language needs.

use std::collections::{BTreeSet, HashMap};

use crate::diag::{Diagnostic, Place};
use crate::project::{Id, Lang, Localized, Project};

/// Every cross-file problem of `project`.
/// `tags` are those of every `[[point]]`, also of points not read whole.
pub fn validate(project: &Project, tags: &[Id]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    out.extend(duplicates("audience", project.audiences.iter().map(|a| &a.id)));
    known_tags(project, tags, &mut out);
    variant_audiences(project, &mut out);
    translations(project, &mut out);
    excluded_essentials(project, &mut out);
    audiences_with_points(project, &mut out);
    out
}

/// An error for every id that was already used.
pub fn duplicates<'a>(kind: &str, ids: impl Iterator<Item = &'a Id>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut seen: HashMap<&str, &Place> = HashMap::new();
    for id in ids {
        if let Some(first) = seen.get(id.value.as_str()) {
            out.push(
                Diagnostic::error(&id.place, format!("duplicate {kind} id `{}`", id.value))
                    .with_help(format!("the first `{}` is at {}", id.value, first.location())),
            );
        } else {
            seen.insert(&id.value, &id.place);
        }
    }
    out
}

/// Audiences may only name tags that some point or quote carries: a tag
/// nobody uses is almost always a typo that would silently select nothing.
fn known_tags(project: &Project, point_tags: &[Id], out: &mut Vec<Diagnostic>) {
    let tags: BTreeSet<&str> = point_tags
        .iter()
        .chain(project.quotes.iter().flat_map(|q| &q.tags))
        .map(|t| t.value.as_str())
        .collect();
    let choices: Vec<&str> = tags.iter().copied().collect();
    for audience in &project.audiences {
        for tag in audience.interests.iter().chain(&audience.exclude) {
            if !tags.contains(tag.value.as_str()) {
                out.push(
                    Diagnostic::error(
                        &tag.place,
                        format!(
                            "audience `{}` names the unknown tag `{}`",
                            audience.id.value, tag.value
                        ),
                    )
                    .suggest(&tag.value, &choices),
                );
            }
        }
    }
}

/// `[point.audience.NAME]` must name an audience profile.
fn variant_audiences(project: &Project, out: &mut Vec<Diagnostic>) {
    let names: Vec<&str> = project.audiences.iter().map(|a| a.id.value.as_str()).collect();
    for point in &project.points {
        for variant in &point.variants {
            if !names.contains(&variant.audience.value.as_str()) {
                out.push(
                    Diagnostic::error(
                        &variant.audience.place,
                        format!(
                            "point `{}` has a variant for the unknown audience `{}`",
                            point.id.value, variant.audience.value
                        ),
                    )
                    .suggest(&variant.audience.value, &names),
                );
            }
        }
    }
}

/// Every text a build needs must exist in the languages it is built in;
/// with a fallback language, a gap is a warning instead. Texts no build
/// prints in a language (an audience's English name when it builds only
/// Kazakh and Russian) are not required in it.
fn translations(project: &Project, out: &mut Vec<Diagnostic>) {
    let fallback = project.handout.fallback;
    for need in localized_fields(project) {
        for &lang in &need.langs {
            if (need.covers)(lang) {
                continue;
            }
            let message = format!("missing {lang} translation of {}", need.field);
            match fallback {
                Some(fb) if (need.covers)(fb) => out.push(Diagnostic::warning(
                    need.place,
                    format!("{message}; using the {fb} text"),
                )),
                _ => out.push(Diagnostic::error(need.place, message).with_help(format!(
                    "add `{} = \"…\"` (an empty or blank text counts as missing)",
                    lang.code()
                ))),
            }
        }
    }
}

/// A localised field, and the languages some build prints it in.
struct Need<'a> {
    /// How a user finds it, e.g. "`title` of point `preamble`".
    field: String,
    /// Whether it has a text in a language.
    covers: Box<dyn Fn(Lang) -> bool + 'a>,
    /// Where it is.
    place: &'a Place,
    /// The languages it is needed in.
    langs: Vec<Lang>,
}

/// The languages `audience` is built in, as languages whose text is needed
/// (`kk-latn` is made from Kazakh).
fn text_langs(langs: &[Lang]) -> Vec<Lang> {
    let mut out: Vec<Lang> = langs
        .iter()
        .map(|&l| if l == Lang::KkLatn { Lang::Kk } else { l })
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Whether `audience` ever sees `point`: exclusion is the only rule that
/// removes a point for good (a cap or a full sheet depends on the build).
fn sees(audience: &crate::project::Audience, point: &crate::project::Point) -> bool {
    !point
        .tags
        .iter()
        .any(|t| audience.exclude.iter().any(|e| e.value == t.value))
}

/// Every localised field of the project, with the languages it is needed in.
fn localized_fields(project: &Project) -> Vec<Need<'_>> {
    fn field<'a, T>(name: String, l: &'a Localized<T>, langs: &[Lang]) -> Need<'a> {
        Need {
            field: name,
            covers: Box::new(move |lang| l.covers(lang)),
            place: &l.place,
            langs: langs.to_vec(),
        }
    }
    let h = &project.handout;
    let everyone: Vec<&crate::project::Audience> = project.audiences.iter().collect();
    let langs_of = |audiences: &[&crate::project::Audience]| {
        if project.audiences.is_empty() {
            return text_langs(&h.languages);
        }
        text_langs(
            &audiences
                .iter()
                .flat_map(|a| a.languages.iter().copied())
                .collect::<Vec<_>>(),
        )
    };
    let all = langs_of(&everyone);
    let mut fields = vec![field("`title`".into(), &h.title, &all)];
    let optional = [
        ("subtitle", &h.subtitle),
        ("organiser", &h.organiser),
        ("contacts", &h.contacts),
    ];
    for (name, value) in optional {
        fields.extend(value.as_ref().map(|l| field(format!("`{name}`"), l, &all)));
    }
    fields.extend(h.logo_alt.as_ref().map(|l| field("`logo.alt`".into(), l, &all)));
    for p in &project.points {
        let id = &p.id.value;
        let viewers: Vec<&crate::project::Audience> =
            project.audiences.iter().filter(|a| sees(a, p)).collect();
        let langs = if project.audiences.is_empty() {
            all.clone()
        } else {
            langs_of(&viewers)
        };
        fields.push(field(format!("`title` of point `{id}`"), &p.title, &langs));
        fields.push(field(format!("`body` of point `{id}`"), &p.body, &langs));
        fields.extend(
            p.bullets
                .as_ref()
                .map(|l| field(format!("`bullets` of point `{id}`"), l, &langs)),
        );
        fields.extend(
            p.image_alt
                .as_ref()
                .map(|l| field(format!("`image.alt` of point `{id}`"), l, &langs)),
        );
        fields.extend(
            p.notes
                .as_ref()
                .map(|l| field(format!("`notes` of point `{id}`"), l, &langs)),
        );
        fields.extend(
            p.fact
                .as_ref()
                .map(|f| field(format!("`fact.label` of point `{id}`"), &f.label, &langs)),
        );
        for v in &p.variants {
            let who = &v.audience.value;
            let langs = project
                .audience(who)
                .filter(|a| sees(a, p))
                .map_or_else(Vec::new, |a| text_langs(&a.languages));
            fields.extend(
                v.body
                    .as_ref()
                    .map(|l| field(format!("`body` of point `{id}` for `{who}`"), l, &langs)),
            );
            fields.extend(
                v.extra
                    .as_ref()
                    .map(|l| field(format!("`extra` of point `{id}` for `{who}`"), l, &langs)),
            );
        }
    }
    for (i, q) in project.quotes.iter().enumerate() {
        fields.push(field(format!("`text` of quote {}", i + 1), &q.text, &all));
        fields.extend(
            q.author
                .as_ref()
                .map(|l| field(format!("`author` of quote {}", i + 1), l, &all)),
        );
    }
    for m in &project.meetings {
        let id = &m.id.value;
        let langs = project
            .audience(&m.audience.value)
            .map_or_else(Vec::new, |a| text_langs(&a.languages));
        fields.push(field(format!("`venue` of meeting `{id}`"), &m.venue, &langs));
        fields.extend(
            m.speaker
                .as_ref()
                .map(|l| field(format!("`speaker` of meeting `{id}`"), l, &langs)),
        );
    }
    for a in &project.audiences {
        let id = &a.id.value;
        let langs = text_langs(&a.languages);
        fields.push(field(format!("`name` of audience `{id}`"), &a.name, &langs));
        fields.extend(
            a.intro
                .as_ref()
                .map(|l| field(format!("`intro` of audience `{id}`"), l, &langs)),
        );
        fields.extend(
            a.call_to_action
                .as_ref()
                .map(|l| field(format!("`call_to_action` of audience `{id}`"), l, &langs)),
        );
    }
    fields
}

/// An audience that excludes every point would get an empty document.
fn audiences_with_points(project: &Project, out: &mut Vec<Diagnostic>) {
    if project.points.is_empty() {
        return;
    }
    for audience in &project.audiences {
        if !project.points.iter().any(|p| sees(audience, p)) {
            let place = audience.exclude.first().map_or(&audience.id.place, |e| &e.place);
            out.push(
                Diagnostic::error(
                    place,
                    format!("audience `{}` excludes every talking point", audience.id.value),
                )
                .with_help("its documents would be empty; exclude fewer tags"),
            );
        }
    }
}

/// Exclusion wins even over priority 1, which is allowed but worth a warning.
fn excluded_essentials(project: &Project, out: &mut Vec<Diagnostic>) {
    for audience in &project.audiences {
        for point in project.points.iter().filter(|p| p.priority == 1) {
            if let Some(tag) = point
                .tags
                .iter()
                .find(|t| audience.exclude.iter().any(|e| e.value == t.value))
            {
                let place = audience
                    .exclude
                    .iter()
                    .find(|e| e.value == tag.value)
                    .map_or(&audience.id.place, |e| &e.place);
                out.push(Diagnostic::warning(
                    place,
                    format!(
                        "audience `{}` excludes the priority-1 point `{}` (tag `{}`)",
                        audience.id.value, point.id.value, tag.value
                    ),
                ));
            }
        }
    }
}
