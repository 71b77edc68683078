//! The tailor stage: one audience, one language.
//!
//! A pure function from the loaded [`Project`] to a [`Document`]: it selects
//! and orders the talking points by the audience's interests (SPEC §1.3),
//! applies audience variants, picks the language (transliterating `kk-latn`
//! when it was not written), and applies each language's typography to the
//! text. Nothing here knows about geometry.

pub mod dates;
pub mod fit;
pub mod kk_latn;
mod labels;
mod select;
pub mod typography;

use std::borrow::Cow;

use rayon::prelude::*;

use crate::project::{Audience, Lang, Localized, Meeting, Picture, Project, Reading, Text, WebAddress};

pub use labels::Labels;
pub use select::select_points;

/// Everything one leaflet or deck says, in one language, for one audience.
#[derive(Debug, Clone)]
pub struct Document {
    /// The language of every text below.
    pub lang: Lang,
    /// The handout id, for file names and metadata.
    pub handout_id: String,
    /// The audience id, for file names.
    pub audience_id: String,
    /// Main title.
    pub title: Text,
    /// Line under the title.
    pub subtitle: Option<Text>,
    /// The audience's name, printed on the cover.
    pub audience_name: Text,
    /// Publication date, written out in the document's language.
    pub date: Option<String>,
    /// Publisher, also the PDF author.
    pub organiser: Option<Text>,
    /// Web address for the QR code and the closing box.
    pub url: Option<WebAddress>,
    /// The organiser's logo.
    pub logo: Option<Picture>,
    /// Contact lines.
    pub contacts: Option<Text>,
    /// The audience's opening paragraph.
    pub intro: Option<Text>,
    /// The kept talking points, in display order.
    pub points: Vec<DocPoint>,
    /// Ids of points left out because of the audience's `max_points`.
    pub dropped: Vec<String>,
    /// The quote chosen for this audience.
    pub quote: Option<DocQuote>,
    /// The closing line.
    pub call_to_action: Option<Text>,
    /// Standard or large print.
    pub reading: Reading,
    /// Fixed wording in the document's language.
    pub labels: Labels,
    /// The meeting this leaflet is for, if it is a meeting leaflet.
    pub meeting: Option<DocMeeting>,
}

/// A meeting, resolved for one language.
#[derive(Debug, Clone)]
pub struct DocMeeting {
    /// The meeting's id.
    pub id: String,
    /// Where.
    pub venue: Text,
    /// When: the date in the language's words, and the time.
    pub when: String,
    /// Who speaks.
    pub speaker: Option<Text>,
}

/// A talking point resolved for one audience and language.
#[derive(Debug, Clone)]
pub struct DocPoint {
    /// The point's id.
    pub id: String,
    /// 1 = essential; larger = optional.
    pub priority: u32,
    /// Heading.
    pub title: Text,
    /// Body (inline Markdown), after the audience variant.
    pub body: Text,
    /// "What this means for you", from the audience variant.
    pub extra: Option<Text>,
    /// Slide bullets as written (empty: derive from the body).
    pub bullets: Vec<Text>,
    /// Speaker notes.
    pub notes: Option<Text>,
    /// Big number and its label.
    pub fact: Option<(Text, Text)>,
    /// Picture shown beside the bullets on the point's slide.
    pub image: Option<Picture>,
}

/// A quote resolved for one language.
#[derive(Debug, Clone)]
pub struct DocQuote {
    /// The quoted words, in the language's quotation marks.
    pub text: Text,
    /// Who said them.
    pub author: Option<Text>,
}

/// Builds the document for `audience` in `lang`.
pub fn tailor(project: &Project, audience: &Audience, lang: Lang) -> Document {
    let language = Language {
        lang,
        fallback: project.handout.fallback,
    };
    let h = &project.handout;
    let selection = select_points(project, audience);
    // Typography runs over every text; points are independent, so in parallel.
    let points = selection
        .kept
        .par_iter()
        .map(|&i| {
            let p = &project.points[i];
            let variant = p.variants.iter().find(|v| v.audience.value == audience.id.value);
            let body = variant.and_then(|v| v.body.as_ref()).unwrap_or(&p.body);
            DocPoint {
                id: p.id.value.clone(),
                priority: p.priority,
                title: language.text(&p.title),
                body: language.text(body),
                extra: variant.and_then(|v| v.extra.as_ref()).map(|e| language.text(e)),
                bullets: p.bullets.as_ref().map(|b| language.list(b)).unwrap_or_default(),
                notes: p.notes.as_ref().map(|n| language.text(n)),
                fact: p
                    .fact
                    .as_ref()
                    .map(|f| (f.value.clone(), language.text(&f.label))),
                image: p
                    .image
                    .as_ref()
                    .map(|pic| language.described(pic, p.image_alt.as_ref())),
            }
        })
        .collect();
    let quote = select::quote_for(project, audience).map(|q| DocQuote {
        text: language.quotation(&q.text),
        author: q.author.as_ref().map(|a| language.text(a)),
    });
    Document {
        lang,
        handout_id: h.id.value.clone(),
        audience_id: audience.id.value.clone(),
        title: language.text(&h.title),
        subtitle: h.subtitle.as_ref().map(|s| language.text(s)),
        audience_name: language.text(&audience.name),
        date: h.date.map(|d| dates::format(d, lang)),
        organiser: h.organiser.as_ref().map(|o| language.text(o)),
        url: h.url.clone(),
        logo: h
            .logo
            .as_ref()
            .map(|pic| language.described(pic, h.logo_alt.as_ref())),
        contacts: h.contacts.as_ref().map(|c| language.text(c)),
        intro: audience.intro.as_ref().map(|t| language.text(t)),
        points,
        dropped: selection
            .dropped
            .iter()
            .map(|&i| project.points[i].id.value.clone())
            .collect(),
        quote,
        call_to_action: audience.call_to_action.as_ref().map(|t| language.text(t)),
        reading: audience.reading,
        labels: labels::labels(lang),
        meeting: None,
    }
}

/// The leaflet for a scheduled meeting: its audience's document, with the
/// meeting's venue, date, time and speaker, and the meeting's date in place
/// of the publication date.
pub fn tailor_meeting(project: &Project, meeting: &Meeting, lang: Lang) -> Option<Document> {
    let audience = project.audience(&meeting.audience.value)?;
    let mut doc = tailor(project, audience, lang);
    let language = Language {
        lang,
        fallback: project.handout.fallback,
    };
    let date = dates::format(meeting.date, lang);
    let when = match &meeting.time {
        Some(time) => format!("{date}, {}", time.value),
        None => date.clone(),
    };
    doc.date = Some(date);
    doc.meeting = Some(DocMeeting {
        id: meeting.id.value.clone(),
        venue: language.text(&meeting.venue),
        when,
        speaker: meeting.speaker.as_ref().map(|s| language.text(s)),
    });
    Some(doc)
}

/// Picks one language out of localised values.
struct Language {
    /// The language wanted.
    lang: Lang,
    /// The language used where a translation is missing.
    fallback: Option<Lang>,
}

impl Language {
    /// The text in this language with its typography applied.
    fn text(&self, value: &Localized) -> Text {
        self.styled(value, false)
    }

    /// A quotation in this language: its marks are part of its typography.
    fn quotation(&self, value: &Localized) -> Text {
        self.styled(value, true)
    }

    /// The text in this language, typography applied, quoted or not.
    fn styled(&self, value: &Localized, quoted: bool) -> Text {
        match self.pick(value) {
            Some((lang, raw)) => set_text(lang, &raw, quoted),
            None => Text {
                value: String::new(),
                rich: Default::default(),
                place: value.place.clone(),
            },
        }
    }

    /// `picture` with its description in this language, if it has one.
    fn described(&self, picture: &Picture, alt: Option<&Localized>) -> Picture {
        Picture {
            alt: alt.map(|a| self.text(a).value).filter(|a| !a.trim().is_empty()),
            ..picture.clone()
        }
    }

    /// Every text of a localised list.
    fn list(&self, value: &Localized<Vec<Text>>) -> Vec<Text> {
        let Some((lang, items)) = self.pick(value) else {
            return Vec::new();
        };
        items.iter().map(|t| set_text(lang, t, false)).collect()
    }

    /// The language actually used and its value: the wanted language, else
    /// `kk-latn` transliterated from `kk`, else the fallback. Load validation
    /// makes sure one of these exists for every promised language; `None`
    /// only for tables with no entry at all.
    fn pick<'a, T: Clone + Transliterate>(&self, value: &'a Localized<T>) -> Option<(Lang, Cow<'a, T>)> {
        if let Some(v) = value.get(self.lang) {
            return Some((self.lang, Cow::Borrowed(v)));
        }
        if let (Lang::KkLatn, Some(v)) = (self.lang, value.get(Lang::Kk)) {
            return Some((Lang::KkLatn, Cow::Owned(v.to_latin())));
        }
        self.fallback
            .and_then(|f| value.get(f).map(|v| (f, v)))
            .or_else(|| value.entries.first().map(|(l, v)| (*l, v)))
            .map(|(lang, v)| (lang, Cow::Borrowed(v)))
    }
}

/// Values that can be turned from Kazakh Cyrillic into Kazakh Latin.
trait Transliterate {
    /// The same value in the Latin alphabet.
    fn to_latin(&self) -> Self;
}

impl Transliterate for Text {
    fn to_latin(&self) -> Self {
        Text {
            value: kk_latn::transliterate(&self.value),
            rich: self.rich.map_text(kk_latn::transliterate),
            place: self.place.clone(),
        }
    }
}

/// `text` with the typography of `lang`; its plain words are what the
/// document's `value` holds from here on.
fn set_text(lang: Lang, text: &Text, quoted: bool) -> Text {
    let rich = typography::apply_rich(lang, &text.rich, quoted);
    Text {
        value: rich.plain_text(),
        rich,
        place: text.place.clone(),
    }
}

impl Transliterate for Vec<Text> {
    fn to_latin(&self) -> Self {
        self.iter().map(Transliterate::to_latin).collect()
    }
}

#[cfg(test)]
mod tests;
