//! Hyphenation: where a word may be divided at a line end.
//!
//! English and Russian use the TeX patterns compiled into `hypher`; Kazakh
//! (both scripts) uses our own syllable rules in [`kk`], since no pattern set
//! for it exists. The script of the word decides which applies: an English
//! name inside Russian text is divided by English patterns.

pub mod kk;

use crate::project::Lang;

/// Shortest word (or compound part) that is divided: with two letters a side, a break in
/// a word of four reads as a stutter, not a division.
const SHORTEST_DIVIDED: usize = 5;

/// Names of this country that English patterns divide against their
/// spelling ("Kaza-khstan"): divided as TeX's `\hyphenation` would.
const ENGLISH_NAMES: [&str; 9] = [
    "ka-zakh-stan",
    "ka-zakh",
    "ma-zhi-lis",
    "ak-or-da",
    "as-ta-na",
    "al-ma-ty",
    "shym-kent",
    "ka-ra-gan-da",
    "kyzyl-or-da",
];

/// Byte offsets inside `word` (a run of letters) where a hyphen may go,
/// ascending. Words that must not be divided give none.
pub fn break_points(lang: Lang, word: &str) -> Vec<usize> {
    if word.chars().count() < SHORTEST_DIVIDED {
        return Vec::new();
    }
    let latin = word.chars().all(|c| c.is_ascii_alphabetic());
    if latin && let Some(breaks) = english_name(word) {
        return breaks;
    }
    match (lang, latin) {
        (Lang::Kk | Lang::KkLatn, _) => kk::break_points(word),
        (_, true) => patterns(word, hypher::Lang::English, 2, 3),
        (_, false) => patterns(word, hypher::Lang::Russian, 2, 2),
    }
}

/// The breaks of a listed name, alone or in the plural.
fn english_name(word: &str) -> Option<Vec<usize>> {
    ENGLISH_NAMES.iter().find_map(|entry| {
        let mut breaks = Vec::new();
        let mut rest = word;
        for part in entry.split('-') {
            if rest.len() < word.len() {
                breaks.push(word.len() - rest.len());
            }
            let head = rest.get(..part.len()).filter(|h| h.eq_ignore_ascii_case(part))?;
            rest = &rest[head.len()..];
        }
        matches!(rest, "" | "s").then_some(breaks)
    })
}

/// Breaks from TeX patterns, keeping at least `left` letters before and
/// `right` after each; abbreviations (a capital after the first letter)
/// are never divided.
fn patterns(word: &str, lang: hypher::Lang, left: usize, right: usize) -> Vec<usize> {
    if word.chars().skip(1).any(char::is_uppercase) {
        return Vec::new();
    }
    let letters = word.chars().count();
    let mut out = Vec::new();
    let mut offset = 0;
    let mut count = 0;
    let syllables: Vec<&str> = hypher::hyphenate(word, lang).collect();
    for syllable in &syllables[..syllables.len().saturating_sub(1)] {
        offset += syllable.len();
        count += syllable.chars().count();
        if count >= left && letters - count >= right {
            out.push(offset);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The word with hyphens at its break points.
    fn shown(lang: Lang, word: &str) -> String {
        let mut out = String::new();
        let mut last = 0;
        for at in break_points(lang, word) {
            out.push_str(&word[last..at]);
            out.push('-');
            last = at;
        }
        out + &word[last..]
    }

    #[test]
    fn russian_and_english_follow_their_patterns() {
        assert_eq!(shown(Lang::Ru, "конституция"), "кон-сти-ту-ция");
        assert_eq!(shown(Lang::Ru, "парламент"), "пар-ла-мент");
        assert_eq!(shown(Lang::En, "parliament"), "par-lia-ment");
        assert_eq!(shown(Lang::En, "constitution"), "con-sti-tu-tion");
    }

    #[test]
    fn kazakh_names_in_english_keep_their_letter_pairs() {
        assert_eq!(shown(Lang::En, "Kazakhstan"), "Ka-zakh-stan");
        assert_eq!(shown(Lang::En, "Kazakhs"), "Ka-zakhs");
        assert_eq!(shown(Lang::En, "Kazakh"), "Ka-zakh");
    }

    #[test]
    fn words_of_four_letters_stay_whole_in_every_language() {
        for (lang, word) in [
            (Lang::Ru, "небо"),
            (Lang::Ru, "знание"),
            (Lang::En, "also"),
            (Lang::En, "open"),
        ] {
            let letters = word.chars().count();
            assert_eq!(break_points(lang, word).is_empty(), letters <= 4, "{word}");
        }
    }

    #[test]
    fn the_script_chooses_the_patterns() {
        assert_eq!(shown(Lang::Ru, "referendum"), shown(Lang::En, "referendum"));
    }

    #[test]
    fn short_words_and_abbreviations_stay_whole() {
        assert_eq!(shown(Lang::En, "into"), "into");
        assert_eq!(shown(Lang::Ru, "СНГ"), "СНГ");
        assert_eq!(shown(Lang::Kk, "ҚР"), "ҚР");
    }

    #[test]
    fn kazakh_uses_its_own_syllable_rules() {
        assert_eq!(shown(Lang::Kk, "мектеп"), "мек-теп");
        assert_eq!(shown(Lang::KkLatn, "mektep"), "mek-tep");
    }
}
