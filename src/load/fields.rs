//! Every localised field of a project, with the languages a build prints it
//! in: what validation checks for missing translations, and what a
//! translator is given (`handout strings`).

use crate::diag::Place;
use crate::project::{Audience, Lang, Localized, Point, Project, Text};

/// The texts of one field: one per language, or a list per language
/// (slide bullets).
#[derive(Debug, Clone, Copy)]
pub enum Texts<'a> {
    /// A text per language.
    One(&'a Localized),
    /// A list of texts per language.
    List(&'a Localized<Vec<Text>>),
}

impl<'a> Texts<'a> {
    /// Whether a translation for `lang` exists or can be derived.
    pub fn covers(self, lang: Lang) -> bool {
        match self {
            Texts::One(l) => l.covers(lang),
            Texts::List(l) => l.covers(lang),
        }
    }

    /// The text written for exactly `lang` (never derived); a list's
    /// items one per line.
    pub fn text(self, lang: Lang) -> Option<String> {
        match self {
            Texts::One(l) => l.get(lang).map(|t| t.value.clone()),
            Texts::List(l) => l.get(lang).map(|items| {
                items
                    .iter()
                    .map(|t| t.value.as_str())
                    .collect::<Vec<_>>()
                    .join("\n")
            }),
        }
    }

    /// Where the text for exactly `lang` is written, if it is.
    pub fn place_of(self, lang: Lang) -> Option<&'a Place> {
        match self {
            Texts::One(l) => l.get(lang).map(|t| &t.place),
            Texts::List(l) => l.get(lang).map(|_| &l.place),
        }
    }

    /// Where the field's table is.
    pub fn place(self) -> &'a Place {
        match self {
            Texts::One(l) => &l.place,
            Texts::List(l) => &l.place,
        }
    }
}

impl Field<'_> {
    /// The language the `lang` translation was made from, when
    /// `strings.lock` knows it and that source text has changed since.
    pub fn stale_source(&self, project: &Project, lang: Lang) -> Option<Lang> {
        let origin = project.strings_lock.origin(lang, &self.path)?;
        let from = Lang::from_code(&origin.from)?;
        self.texts.place_of(lang)?;
        let source = self.texts.text(from)?;
        (super::strings_lock::source_hash(&source) != origin.source).then_some(from)
    }
}

/// A localised field and who reads it.
#[derive(Debug, Clone)]
pub struct Field<'a> {
    /// Its path, e.g. `point.preamble.body`: the id a translator's tool
    /// shows and hands back.
    pub path: String,
    /// How a user finds it, e.g. "`body` of point `preamble`".
    pub name: String,
    /// Its texts.
    pub texts: Texts<'a>,
    /// The languages some build prints it in.
    pub langs: Vec<Lang>,
    /// The audiences whose documents print it; empty for every audience.
    pub audiences: Vec<String>,
}

/// The languages of `langs` as languages whose text is needed: `kk-latn`
/// is made from Kazakh.
pub fn text_langs(langs: &[Lang]) -> Vec<Lang> {
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
pub fn sees(audience: &Audience, point: &Point) -> bool {
    !point
        .tags
        .iter()
        .any(|t| audience.exclude.iter().any(|e| e.value == t.value))
}

/// Collects fields.
struct Fields<'a> {
    /// The fields so far, in file order within each kind.
    list: Vec<Field<'a>>,
}

impl<'a> Fields<'a> {
    /// Adds a field read by `audiences` (empty: everyone) in `langs`.
    fn add(&mut self, path: String, name: String, texts: Texts<'a>, langs: &[Lang], audiences: &[&Audience]) {
        self.list.push(Field {
            path,
            name,
            texts,
            langs: langs.to_vec(),
            audiences: audiences.iter().map(|a| a.id.value.clone()).collect(),
        });
    }

    /// Adds an optional field of one text per language.
    fn add_one(
        &mut self,
        path: String,
        name: String,
        texts: Option<&'a Localized>,
        langs: &[Lang],
        audiences: &[&Audience],
    ) {
        if let Some(texts) = texts {
            self.add(path, name, Texts::One(texts), langs, audiences);
        }
    }
}

/// Every localised field of the project, with the languages it is needed in.
pub fn localized_fields(project: &Project) -> Vec<Field<'_>> {
    let h = &project.handout;
    let langs_of = |audiences: &[&Audience]| {
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
    let all = langs_of(&project.audiences.iter().collect::<Vec<_>>());
    let mut f = Fields { list: Vec::new() };
    f.add_one(
        "handout.title".into(),
        "`title`".into(),
        Some(&h.title),
        &all,
        &[],
    );
    for (key, value) in [
        ("subtitle", &h.subtitle),
        ("organiser", &h.organiser),
        ("contacts", &h.contacts),
    ] {
        f.add_one(
            format!("handout.{key}"),
            format!("`{key}`"),
            value.as_ref(),
            &all,
            &[],
        );
    }
    f.add_one(
        "handout.logo.alt".into(),
        "`logo.alt`".into(),
        h.logo_alt.as_ref(),
        &all,
        &[],
    );
    for p in &project.points {
        point_fields(&mut f, project, p, &all, &langs_of);
    }
    for (i, q) in project.quotes.iter().enumerate() {
        let n = i + 1;
        f.add_one(
            format!("quote.{n}.text"),
            format!("`text` of quote {n}"),
            Some(&q.text),
            &all,
            &[],
        );
        f.add_one(
            format!("quote.{n}.author"),
            format!("`author` of quote {n}"),
            q.author.as_ref(),
            &all,
            &[],
        );
    }
    for m in &project.meetings {
        let (id, audience) = (&m.id.value, project.audience(&m.audience.value));
        let langs = audience.map_or_else(Vec::new, |a| text_langs(&a.languages));
        let who: Vec<&Audience> = audience.into_iter().collect();
        f.add_one(
            format!("meeting.{id}.venue"),
            format!("`venue` of meeting `{id}`"),
            Some(&m.venue),
            &langs,
            &who,
        );
        f.add_one(
            format!("meeting.{id}.speaker"),
            format!("`speaker` of meeting `{id}`"),
            m.speaker.as_ref(),
            &langs,
            &who,
        );
    }
    for a in &project.audiences {
        let (id, langs) = (&a.id.value, text_langs(&a.languages));
        f.add_one(
            format!("audience.{id}.name"),
            format!("`name` of audience `{id}`"),
            Some(&a.name),
            &langs,
            &[a],
        );
        for (key, value) in [("intro", &a.intro), ("call_to_action", &a.call_to_action)] {
            f.add_one(
                format!("audience.{id}.{key}"),
                format!("`{key}` of audience `{id}`"),
                value.as_ref(),
                &langs,
                &[a],
            );
        }
    }
    f.list
}

/// The fields of one talking point and of its audience variants.
fn point_fields<'a>(
    f: &mut Fields<'a>,
    project: &'a Project,
    p: &'a Point,
    all: &[Lang],
    langs_of: &dyn Fn(&[&Audience]) -> Vec<Lang>,
) {
    let id = &p.id.value;
    let viewers: Vec<&Audience> = project.audiences.iter().filter(|a| sees(a, p)).collect();
    let langs = if project.audiences.is_empty() {
        all.to_vec()
    } else {
        langs_of(&viewers)
    };
    // Every audience that sees the point reads it: listing them would only
    // matter when some are excluded.
    let readers: &[&Audience] = if viewers.len() == project.audiences.len() {
        &[]
    } else {
        &viewers
    };
    let name = |key: &str| format!("`{key}` of point `{id}`");
    f.add_one(
        format!("point.{id}.title"),
        name("title"),
        Some(&p.title),
        &langs,
        readers,
    );
    f.add_one(
        format!("point.{id}.body"),
        name("body"),
        Some(&p.body),
        &langs,
        readers,
    );
    if let Some(bullets) = &p.bullets {
        f.add(
            format!("point.{id}.bullets"),
            name("bullets"),
            Texts::List(bullets),
            &langs,
            readers,
        );
    }
    f.add_one(
        format!("point.{id}.image.alt"),
        name("image.alt"),
        p.image_alt.as_ref(),
        &langs,
        readers,
    );
    f.add_one(
        format!("point.{id}.notes"),
        name("notes"),
        p.notes.as_ref(),
        &langs,
        readers,
    );
    f.add_one(
        format!("point.{id}.fact.label"),
        name("fact.label"),
        p.fact.as_ref().map(|fact| &fact.label),
        &langs,
        readers,
    );
    for v in &p.variants {
        let who = &v.audience.value;
        let audience: Vec<&Audience> = project.audience(who).filter(|a| sees(a, p)).into_iter().collect();
        let langs = audience
            .first()
            .map_or_else(Vec::new, |a| text_langs(&a.languages));
        for (key, value) in [("body", &v.body), ("extra", &v.extra)] {
            f.add_one(
                format!("point.{id}.audience.{who}.{key}"),
                format!("`{key}` of point `{id}` for `{who}`"),
                value.as_ref(),
                &langs,
                &audience,
            );
        }
    }
}
