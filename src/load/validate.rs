//! Checks that span files: duplicate ids, tags and audiences that must exist,
//! and translations that a promised language needs.

use std::collections::{BTreeSet, HashMap};

use super::fields::sees;
use crate::diag::{Diagnostic, Place};
use crate::project::{Id, Lang, Project};

/// Every cross-file problem of `project`.
/// `tags` are those of every `[[point]]`, also of points not read whole;
/// `translations` says whether to look for missing translations.
pub fn validate(project: &Project, tags: &[Id], translations: bool) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    out.extend(duplicates("audience", project.audiences.iter().map(|a| &a.id)));
    known_tags(project, tags, &mut out);
    variant_audiences(project, &mut out);
    if translations {
        missing_translations(project, &mut out);
    }
    stale_translations(project, &mut out);
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
fn missing_translations(project: &Project, out: &mut Vec<Diagnostic>) {
    let fallback = project.handout.fallback;
    for need in super::fields::localized_fields(project) {
        for &lang in &need.langs {
            if need.texts.covers(lang) {
                continue;
            }
            let message = format!("missing {lang} translation of {}", need.name);
            match fallback {
                Some(fb) if need.texts.covers(fb) => out.push(
                    Diagnostic::warning(need.texts.place(), format!("{message}; using the {fb} text"))
                        .concerning(need.audiences.clone(), vec![lang]),
                ),
                _ => out.push(Diagnostic::error(need.texts.place(), message).with_help(format!(
                    "add `{} = \"…\"` (an empty or blank text counts as missing)",
                    lang.code()
                ))),
            }
        }
    }
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

/// A translation whose source text changed since it was written (by the
/// hash `strings.lock` keeps of that source) may no longer say the same.
fn stale_translations(project: &Project, out: &mut Vec<Diagnostic>) {
    for field in super::fields::localized_fields(project) {
        for lang in Lang::ALL {
            let (Some(from), Some(place)) = (field.stale_source(project, lang), field.texts.place_of(lang))
            else {
                continue;
            };
            out.push(
                Diagnostic::warning(
                    place,
                    format!(
                        "the {lang} translation of {} is stale: its {from} source changed since it was translated",
                        field.name
                    ),
                )
                .with_help(format!(
                    "update it, e.g. through `handout strings export --lang {lang} --from {from}` and `handout strings import`"
                ))
                .concerning(field.audiences.clone(), vec![lang]),
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
                out.push(
                    Diagnostic::warning(
                        place,
                        format!(
                            "audience `{}` excludes the priority-1 point `{}` (tag `{}`)",
                            audience.id.value, point.id.value, tag.value
                        ),
                    )
                    .concerning(vec![audience.id.value.clone()], Vec::new()),
                );
            }
        }
    }
}
