//! The few words the products print themselves, in each language.

use crate::project::Lang;

/// Fixed wording printed around the user's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Labels {
    /// Heading of an audience's "what this means for you" box.
    pub for_you: String,
    /// Lead-in before the web address.
    pub learn_more: String,
    /// "Page" in page footers.
    pub page: String,
    /// Title of the quote slide.
    pub quote: String,
    /// Heading of speaker notes.
    pub notes: String,
    /// Heading of the meeting box.
    pub meeting: String,
    /// "Speaker" in the meeting box.
    pub speaker: String,
}

/// The labels for `lang`.
pub fn labels(lang: Lang) -> Labels {
    let (for_you, learn_more, page, quote, notes, meeting, speaker) = match lang {
        Lang::Kk => (
            "Бұл сіз үшін нені білдіреді",
            "Толығырақ",
            "бет",
            "Дәйексөз",
            "Баяндамашыға ескертпе",
            "Кездесу",
            "Баяндамашы",
        ),
        Lang::Ru => (
            "Что это значит для вас",
            "Подробнее",
            "стр.",
            "Цитата",
            "Заметки докладчика",
            "Встреча",
            "Выступает",
        ),
        Lang::En => (
            "What this means for you",
            "Learn more",
            "page",
            "Quote",
            "Speaker notes",
            "Meeting",
            "Speaker",
        ),
        Lang::KkLatn => {
            let kk = labels(Lang::Kk);
            let latin = super::kk_latn::transliterate;
            return Labels {
                for_you: latin(&kk.for_you),
                learn_more: latin(&kk.learn_more),
                page: latin(&kk.page),
                quote: latin(&kk.quote),
                notes: latin(&kk.notes),
                meeting: latin(&kk.meeting),
                speaker: latin(&kk.speaker),
            };
        }
    };
    Labels {
        for_you: for_you.into(),
        learn_more: learn_more.into(),
        page: page.into(),
        quote: quote.into(),
        notes: notes.into(),
        meeting: meeting.into(),
        speaker: speaker.into(),
    }
}
