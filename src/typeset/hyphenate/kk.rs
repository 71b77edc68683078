//! Kazakh word division («тасымал») for Cyrillic and the 2021 Latin alphabet.
//!
//! The model, in the order the code applies it:
//!
//! * A word is divided only between syllables, and every syllable holds one
//!   vowel letter, so exactly one break is considered between two consecutive
//!   vowels. Breaks are then filtered: at least two letters stay on each side
//!   (which also forbids leaving or carrying a lone vowel, «ала-қан», not
//!   «а-лақан»), and no break goes before ь or ъ.
//! * Vowels are а ә е ё и о ө ұ ү ы і э ю я, and у except when it is the
//!   glide \[w\]. Kazakh у is \[ʊw\]/\[ʏw\] after a consonant (ту-ыс, су-ық, ба-ру)
//!   but a plain \[w\] after a vowel (тау, да-уыс, ау-ру) and at the start of a
//!   word before a vowel (уа-қыт); as a glide it counts as a consonant, which
//!   puts it on the next line between vowels (да-уыс, са-уат). й is always a
//!   consonant, so it too is carried (за-йыр-лы). и is always a vowel: native
//!   words never write it after a vowel (they write й), and after a consonant
//!   it is \[ɯj\]/\[ɪj\], a syllable of its own (қи-ын, би-ік). ю and я are
//!   \[jʊw\]/\[ja\]; treating them as vowels gives the same breaks as carrying
//!   their \[j\] (қи-ял, са-я-сат).
//! * Between two vowels the last consonant goes to the next line: V-CV,
//!   VC-CV, and of three consonants two stay (айт-ты, құ-мырс-қа), because a
//!   native syllable never starts with two consonants. The one exception is
//!   the morpheme «-стан» after a consonant (Қа-зақ-стан, Өз-бек-стан), where
//!   the convention keeps the borrowed morpheme whole. Two adjacent vowels
//!   are split (мә-де-ни-ет).
//! * Russian loanwords break by Russian syllables, from `hypher`'s Russian
//!   patterns (Кон-сти-ту-ция, not Конс-ти-ту-ци-я). A word is taken as a
//!   loanword if it has a letter native words never use (ё ц ч щ ъ ь э в ф),
//!   ю or я after a consonant (бюджет), two consonants at its start
//!   (президент, стратегия), or о after the first syllable (демократия,
//!   прокурор), since native о only stands in the first syllable. The
//!   patterns know nothing of ә ғ қ ң ө ұ ү һ і, so next to those letters, in
//!   the Kazakh suffixes of a loanword (Се-нат-қа, ми-нистр-лі-гі), the
//!   Kazakh rule above decides instead. So it does where the patterns go
//!   wrong on Kazakh ground: two vowels part (ави-а-ция), a suffix after the
//!   stem's final я or after a cluster is carried whole (ау-ди-то-ри-я-да,
//!   слайд-ты, слайд-тар). In a loanword у is a vowel, except after a vowel
//!   and before a consonant, where it is a glide closing its syllable
//!   (Еу-ро-па, ау-ди-тор).
//! * A surname or patronymic in -ов, -ев, -ова, -ева, -ович, -евич, -овна,
//!   -евна is a Kazakh stem with a Russian ending: when the stem alone has no
//!   mark of a loanword, the whole word follows the Kazakh rules
//!   (Дәу-ле-тов, Сау-ран-ба-ев).
//! * Words with an upper-case letter after the first (ҚР, БҰҰ, ҚазҰУ, and
//!   all-caps words generally) are abbreviations and never break; a word
//!   holding a digit or any non-letter never breaks, nor does one of four
//!   letters or fewer; each part of a hyphenated compound is divided on its
//!   own (ты-ныс-тір-ші-лі-гін).
//! * Latin words are read back into Cyrillic first, so both scripts share one
//!   rule set. The 2021 alphabet is ambiguous in places, resolved thus: `i` is
//!   й after a vowel (ai = ай) and и otherwise; `ia`, `iu`, `io` at the start
//!   or after a vowel are я, ю, ё; `ch` is ч; `ts` is ц at the start or
//!   before `i` (Konstitutsiia: native т+с is never followed by и), and т+с
//!   before the other vowels of native suffixes, a y ı (aitsa, prezidentsız).
//!   Before e or o it may be either (ketse = кетсе, dotsent = доцент): it is
//!   ц in a word that is a loanword by the markers above (protsent, vitse),
//!   and otherwise its gap gets no break at all.

use hypher::{Lang, hyphenate};

use super::SHORTEST_DIVIDED;

/// Longest word part, in letters, that is divided; longer ones get no breaks.
const MAX_UNITS: usize = 64;
/// Fewest letters on either side of a break.
const MIN_SIDE: usize = 2;
/// Russian endings of Kazakh surnames and patronymics: the stem before them
/// is a Kazakh word and breaks by Kazakh rules (Дәу-ле-тов, Сау-ран-ба-ев).
const SURNAME_ENDINGS: [&str; 8] = ["ов", "ев", "ова", "ева", "ович", "евич", "овна", "евна"];

/// Byte offsets inside `word` where a hyphen may be inserted, ascending.
pub fn break_points(word: &str) -> Vec<usize> {
    let mut out = Vec::new();
    if !word.chars().all(|c| c.is_alphabetic() || is_hyphen(c)) {
        return out;
    }
    let mut start = 0;
    for (i, c) in word.char_indices() {
        if is_hyphen(c) {
            divide_part(&word[start..i], start, &mut out);
            start = i + c.len_utf8();
        }
    }
    divide_part(&word[start..], start, &mut out);
    out
}

/// Whether breaking `word` at byte offset `at` is a valid Kazakh syllable break.
pub fn is_valid_break(word: &str, at: usize) -> bool {
    break_points(word).binary_search(&at).is_ok()
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}')
}

/// Adds the breaks of one hyphen-free part that starts at byte `base`.
fn divide_part(part: &str, base: usize, out: &mut Vec<usize>) {
    let Some(word) = Word::parse(part) else {
        return;
    };
    if part.chars().count() < SHORTEST_DIVIDED || word.is_abbreviation() {
        return;
    }
    let loan = word.is_loan();
    let classes = word.classify(loan);
    let russian = if loan { word.russian_breaks() } else { 0 };
    let mut prev = None;
    for (i, class) in classes[..word.len].iter().enumerate() {
        if *class != Class::Vowel {
            continue;
        }
        if let Some(a) = prev {
            let at = word.gap_break(&classes, a, i, loan, russian);
            if let Some(p) = at.filter(|&p| word.allows(&classes, p)) {
                out.push(base + word.units[p].start);
            }
        }
        prev = Some(i);
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Vowel,
    Consonant,
    /// ь and ъ: no syllable of their own, and they never start a line.
    Sign,
}

/// One letter of the word, spelled as its lower-case Cyrillic equivalent.
#[derive(Clone, Copy)]
struct Unit {
    start: usize,
    cyr: char,
    upper: bool,
    /// Latin `s` of a `ts` that may be ц or т+с: outside loanwords, its gap gets no break.
    ambiguous: bool,
}

const BLANK: Unit = Unit {
    start: 0,
    cyr: '\0',
    upper: false,
    ambiguous: false,
};

struct Word {
    units: [Unit; MAX_UNITS],
    len: usize,
}

impl Word {
    fn parse(part: &str) -> Option<Word> {
        let mut word = Word {
            units: [BLANK; MAX_UNITS],
            len: 0,
        };
        let first = part.chars().next()?;
        if ('\u{400}'..='\u{4ff}').contains(&first) {
            word.parse_cyrillic(part)?;
        } else {
            word.parse_latin(part)?;
        }
        Some(word)
    }

    fn push(&mut self, unit: Unit) -> Option<()> {
        *self.units.get_mut(self.len)? = unit;
        self.len += 1;
        Some(())
    }

    fn parse_cyrillic(&mut self, part: &str) -> Option<()> {
        for (start, c) in part.char_indices() {
            let cyr = cyrillic_lower(c)?;
            let upper = cyr != c;
            self.push(Unit {
                start,
                cyr,
                upper,
                ambiguous: false,
            })?;
        }
        Some(())
    }

    fn parse_latin(&mut self, part: &str) -> Option<()> {
        let mut letters = [(0, '\0', false); MAX_UNITS];
        let mut n = 0;
        for (start, c) in part.char_indices() {
            let (lower, upper) = latin_lower(c)?;
            *letters.get_mut(n)? = (start, lower, upper);
            n += 1;
        }
        let at = |i: usize| if i < n { letters[i].1 } else { '\0' };
        let mut i = 0;
        while i < n {
            let (start, c, upper) = letters[i];
            let (cyr, width) = self.latin_unit(c, at(i + 1), at(i + 2), i == 0)?;
            let ambiguous = c == 's' && i > 0 && at(i - 1) == 't' && matches!(at(i + 1), 'e' | 'o');
            self.push(Unit {
                start,
                cyr,
                upper,
                ambiguous,
            })?;
            i += width;
        }
        if self.is_loan() {
            self.merge_ts();
        }
        Some(())
    }

    /// Reads every ambiguous т+с of a loanword as ц.
    fn merge_ts(&mut self) {
        let mut kept = 0;
        for i in 0..self.len {
            let unit = self.units[i];
            if unit.ambiguous {
                self.units[kept - 1].cyr = 'ц';
            } else {
                self.units[kept] = unit;
                kept += 1;
            }
        }
        self.len = kept;
    }

    /// The Cyrillic letter spelled by Latin `c` and how many Latin letters it takes.
    fn latin_unit(&self, c: char, next: char, after: char, first: bool) -> Option<(char, usize)> {
        let after_vowel = self.len > 0 && is_vowel_letter(self.units[self.len - 1].cyr);
        Some(match (c, next) {
            ('c', 'h') => ('ч', 2),
            ('t', 's') if first || after == 'i' => ('ц', 2),
            ('i', 'a') if first || after_vowel => ('я', 2),
            ('i', 'u') if first || after_vowel => ('ю', 2),
            ('i', 'o') if first || after_vowel => ('ё', 2),
            ('i', _) if after_vowel => ('й', 1),
            ('i', _) => ('и', 1),
            _ => (latin_to_cyrillic(c)?, 1),
        })
    }

    fn is_abbreviation(&self) -> bool {
        self.units[1..self.len].iter().any(|u| u.upper)
    }

    /// Whether the word is a loanword, a Kazakh surname with a Russian
    /// ending being a Kazakh word.
    fn is_loan(&self) -> bool {
        let surname_stem = SURNAME_ENDINGS.iter().find_map(|ending| {
            let stem = self.len.checked_sub(ending.chars().count())?;
            (stem >= MIN_SIDE && self.spells(stem, ending)).then_some(stem)
        });
        match surname_stem {
            Some(stem) => self.has_loan_letters(stem),
            None => self.has_loan_letters(self.len),
        }
    }

    /// Whether the first `len` units hold a mark of a loanword.
    fn has_loan_letters(&self, len: usize) -> bool {
        let units = &self.units[..len];
        let mut seen_vowel = false;
        for (i, unit) in units.iter().enumerate() {
            let c = unit.cyr;
            if matches!(c, 'ё' | 'ц' | 'ч' | 'щ' | 'ъ' | 'ь' | 'э' | 'в' | 'ф') {
                return true;
            }
            if matches!(c, 'ю' | 'я') && i > 0 && is_consonant_letter(units[i - 1].cyr) {
                return true;
            }
            if c == 'о' && seen_vowel {
                return true;
            }
            seen_vowel |= is_vowel_letter(c);
        }
        units.len() >= 2 && is_consonant_letter(units[0].cyr) && is_consonant_letter(units[1].cyr)
    }

    fn classify(&self, loan: bool) -> [Class; MAX_UNITS] {
        let mut classes = [Class::Consonant; MAX_UNITS];
        for i in 0..self.len {
            classes[i] = match self.units[i].cyr {
                'ь' | 'ъ' => Class::Sign,
                'у' if !loan && self.u_is_glide(i, &classes) => Class::Consonant,
                'у' if loan && self.u_closes_syllable(i, &classes) => Class::Consonant,
                c if is_vowel_letter(c) => Class::Vowel,
                _ => Class::Consonant,
            };
        }
        classes
    }

    fn u_is_glide(&self, i: usize, classes: &[Class]) -> bool {
        if i == 0 {
            let next = self.units[1].cyr;
            self.len > 1 && next != 'у' && is_vowel_letter(next)
        } else {
            classes[i - 1] == Class::Vowel
        }
    }

    /// In a loanword у is a vowel, except after a vowel and before a
    /// consonant, where it is a glide closing the syllable (Еу-ро-па, ау-ди-тор).
    fn u_closes_syllable(&self, i: usize, classes: &[Class]) -> bool {
        i > 0
            && classes[i - 1] == Class::Vowel
            && i + 1 < self.len
            && is_consonant_letter(self.units[i + 1].cyr)
    }

    /// The break, given as the index of the unit it precedes, between vowels `a` and `b`.
    fn gap_break(&self, classes: &[Class], a: usize, b: usize, loan: bool, russian: u64) -> Option<usize> {
        if self.units[a + 1..b].iter().any(|u| u.ambiguous) {
            return None;
        }
        if loan && !self.kazakh_letter_near(a, b) && !self.kazakh_gap(classes, a, b) {
            // Where patterns put two breaks in one gap, a Russian stem ends in a
            // cluster (министр-лік) and only the last break is a syllable edge.
            // Where they put none, the gap is no Russian one: a Kazakh suffix
            // follows (слайд-тар).
            let mask = russian & (u64::MAX << (a + 1)) & (u64::MAX >> (63 - b));
            if mask != 0 {
                return Some(63 - mask.leading_zeros() as usize);
            }
        }
        self.kazakh_break(classes, a, b)
    }

    /// Gaps of a loanword that Russian patterns would misplace: two vowels,
    /// which part as in Kazakh (ави-а-ция); a у-glide (Еу-ро-па); a Kazakh
    /// suffix after the stem's final я (ау-ди-то-ри-я-да); and a cluster
    /// before ы, which only a Kazakh suffix brings (слайд-ты).
    fn kazakh_gap(&self, classes: &[Class], a: usize, b: usize) -> bool {
        let gap = &self.units[a + 1..b];
        let consonants = classes[a + 1..b]
            .iter()
            .filter(|&&c| c == Class::Consonant)
            .count();
        gap.is_empty()
            || gap.iter().any(|u| u.cyr == 'у')
            || self.units[a].cyr == 'я'
            || (self.units[b].cyr == 'ы' && consonants >= 2)
    }

    fn kazakh_break(&self, classes: &[Class], a: usize, b: usize) -> Option<usize> {
        let consonants = (a + 1..b).filter(|&i| classes[i] == Class::Consonant);
        let (count, last) = consonants.fold((0, None), |(n, _), i| (n + 1, Some(i)));
        let Some(last) = last else {
            return Some(b);
        };
        if count >= 3 && self.spells(last - 1, "стан") {
            return Some(last - 1);
        }
        Some(last)
    }

    fn spells(&self, from: usize, text: &str) -> bool {
        let mut units = self.units[from..self.len].iter();
        text.chars().all(|c| units.next().is_some_and(|u| u.cyr == c))
    }

    /// Whether a letter unknown to the Russian patterns stands in the gap or at its vowels.
    fn kazakh_letter_near(&self, a: usize, b: usize) -> bool {
        self.units[a..=b]
            .iter()
            .any(|u| matches!(u.cyr, 'ә' | 'ғ' | 'қ' | 'ң' | 'ө' | 'ұ' | 'ү' | 'һ' | 'і'))
    }

    /// Bit `i` is set when the Russian patterns allow a break before unit `i`.
    fn russian_breaks(&self) -> u64 {
        let mut buf = [0u8; 4 * MAX_UNITS];
        let mut n = 0;
        for unit in &self.units[..self.len] {
            n += unit.cyr.encode_utf8(&mut buf[n..]).len();
        }
        let Ok(text) = core::str::from_utf8(&buf[..n]) else {
            return 0;
        };
        let mut mask = 0;
        let mut index = 0;
        for syllable in hyphenate(text, Lang::Russian) {
            if index > 0 {
                mask |= 1 << index;
            }
            index += syllable.chars().count();
        }
        mask
    }

    fn allows(&self, classes: &[Class], p: usize) -> bool {
        p >= MIN_SIDE && self.len - p >= MIN_SIDE && classes[p] != Class::Sign
    }
}

fn is_vowel_letter(c: char) -> bool {
    matches!(
        c,
        'а' | 'ә' | 'е' | 'ё' | 'и' | 'о' | 'ө' | 'у' | 'ұ' | 'ү' | 'ы' | 'і' | 'э' | 'ю' | 'я'
    )
}

fn is_consonant_letter(c: char) -> bool {
    !is_vowel_letter(c) && !matches!(c, 'ь' | 'ъ')
}

/// Lower-cases a letter of the Kazakh Cyrillic alphabet; `None` for anything else.
fn cyrillic_lower(c: char) -> Option<char> {
    let lower = match c {
        'А'..='Я' => char::from_u32(c as u32 + 0x20)?,
        'Ё' => 'ё',
        'І' => 'і',
        'Ә' | 'Ғ' | 'Қ' | 'Ң' | 'Ө' | 'Ұ' | 'Ү' | 'Һ' => char::from_u32(c as u32 + 1)?,
        _ => c,
    };
    let kazakh = matches!(
        lower,
        'а'..='я' | 'ё' | 'і' | 'ә' | 'ғ' | 'қ' | 'ң' | 'ө' | 'ұ' | 'ү' | 'һ'
    );
    kazakh.then_some(lower)
}

/// Lower-cases a letter of the 2021 Latin alphabet (I/ı and İ/i are distinct).
fn latin_lower(c: char) -> Option<(char, bool)> {
    let pair = match c {
        'I' => ('ı', true),
        'İ' => ('i', true),
        'A'..='Z' => (c.to_ascii_lowercase(), true),
        'Ä' => ('ä', true),
        'Ğ' => ('ğ', true),
        'Ñ' => ('ñ', true),
        'Ö' => ('ö', true),
        'Ş' => ('ş', true),
        'Ū' => ('ū', true),
        'Ü' => ('ü', true),
        'a'..='z' | 'ä' | 'ğ' | 'ñ' | 'ö' | 'ş' | 'ū' | 'ü' | 'ı' => (c, false),
        _ => return None,
    };
    Some(pair)
}

/// The Cyrillic letter a single Latin letter stands for, where that is unambiguous.
fn latin_to_cyrillic(c: char) -> Option<char> {
    Some(match c {
        'a' => 'а',
        'ä' => 'ә',
        'b' => 'б',
        'd' => 'д',
        'e' => 'е',
        'f' => 'ф',
        'g' => 'г',
        'ğ' => 'ғ',
        'h' => 'х',
        'ı' => 'і',
        'i' => 'и',
        'j' => 'ж',
        'k' => 'к',
        'l' => 'л',
        'm' => 'м',
        'n' => 'н',
        'ñ' => 'ң',
        'o' => 'о',
        'ö' => 'ө',
        'p' => 'п',
        'q' => 'қ',
        'r' => 'р',
        's' => 'с',
        'ş' => 'ш',
        't' => 'т',
        'u' => 'у',
        'ū' => 'ұ',
        'ü' => 'ү',
        'v' => 'в',
        'y' => 'ы',
        'z' => 'з',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::{break_points, is_valid_break};

    /// Kazakh words in Cyrillic, `-` marking every allowed break and `=` a
    /// hyphen that belongs to the word.
    const CYRILLIC: &[&str] = &[
        // The examples of SPEC §4 and of the orthography rules.
        "мек-теп",
        "ор-на-лас-ты-ру",
        "ала-қан",
        "да-уыс",
        "са-уат",
        "құ-мырс-қа",
        "Қа-зақ-стан",
        "пар-ла-мент",
        "ре-фе-рен-дум",
        "Кон-сти-ту-ция",
        "айт-ты",
        "Ұлт-тық",
        // A constitutional-reform leaflet.
        "аза-мат",
        "аза-мат-тар",
        "аза-мат-тық",
        "құ-қық",
        "құ-қық-та-ры",
        "бос-тан-дық",
        "бос-тан-дық-та-ры",
        "тә-уел-сіз",
        "тә-уел-сіз-дік",
        "еге-мен-дік",
        "де-пу-тат",
        "де-пу-тат-та-ры",
        "пре-зи-дент",
        "Пре-зи-дент-тің",
        "пре-зи-дент-сіз",
        "үкі-мет",
        "мем-ле-кет",
        "мем-ле-кет-тік",
        "за-йыр-лы",
        "бі-лім",
        "ерік-ті",
        "ха-лық",
        "хал-қы",
        "ке-ңес",
        "бас-та-ма",
        "тал-қы-лау",
        "жер-гі-лік-ті",
        "бас-қа-ру",
        "кә-сіп-кер",
        "мен-шік",
        "же-ке-мен-шік",
        "пар-ла-мент-ке",
        "Мә-жі-ліс",
        "Се-нат",
        "Се-нат-қа",
        "се-на-тор-лар",
        "ми-нистр",
        "ми-нистр-лі-гі",
        "ре-фе-рен-дум-ға",
        "Кон-сти-ту-ци-я-сы",
        "Кон-сти-ту-ци-я-лық",
        "ре-фор-ма",
        "ре-фор-ма-лар",
        "де-мо-кра-тия",
        "де-мо-кра-ти-я-лық",
        "про-ку-ра-ту-ра",
        "про-ку-рор",
        "су-дья",
        "кан-ди-дат",
        "кан-ди-да-ту-ра",
        "Рес-пуб-ли-ка",
        "Рес-пуб-ли-ка-сы-ның",
        "құ-жат",
        "құ-жат-тар",
        "заң-на-ма",
        "заң-ды",
        "заң-сыз-дық",
        "сай-лау",
        "сай-лау-шы",
        "да-уыс-тар",
        "да-уыс-қа",
        "са-уал-на-ма",
        "қа-был-дау",
        "қа-был-дан-ды",
        "ұсы-ныс",
        "ұсы-ныс-тар",
        "өз-ге-ріс",
        "өз-ге-ріс-тер",
        "тү-зе-ту",
        "тү-зе-ту-лер",
        "мін-дет",
        "мін-дет-ті",
        "ке-піл-дік",
        "ке-лі-сім",
        "ше-шім",
        "ше-шім-дер",
        "өкі-лет-ті",
        "өкі-лет-тік",
        "әкім-дік",
        "әкім-ші-лік",
        "ау-дан",
        "об-лыс",
        "тұр-ғын-дар",
        "тұ-рақ-ты-лық",
        "бей-біт-ші-лік",
        "ын-ты-мақ",
        "әді-лет-ті",
        "күш-ті",
        "ық-пал-ды",
        "ер-кін-дік",
        "жа-уап-кер-ші-лік",
        "ха-лы-қа-ра-лық",
        "қо-ғам",
        "қо-ғам-дық",
        "ұйым-дас-ты-ру",
        "ата-ме-ке-ні-міз",
        "ара-сын-да",
        "елі-міз",
        "ті-ке-лей",
        "та-ра-ту",
        "ба-қы-лау",
        "ар-на-йы",
        "жо-ға-ры",
        "тө-ра-ға",
        "ор-тақ",
        "бас-шы",
        "жи-на-лыс",
        "са-тыл-май-ды",
        // Loanwords broken by Russian syllables.
        "ком-па-ния",
        "ком-па-ни-я-лар",
        "ин-фор-ма-ция",
        "ли-цен-зи-я-лау",
        "эко-но-ми-ка",
        "эко-но-ми-ка-лық",
        "цифр-лық",
        "элек-трон-дық",
        "фильм-дер",
        "объ-ект",
        "ста-тья",
        "бюд-жет",
        "ин-фра-құ-ры-лым",
        "ин-ве-сти-ци-я-лар",
        "стра-те-ги-я-лық",
        "Еу-ро-па",
        "Ре-сей",
        "ком-му-нист",
        "сце-на-рий",
        "кон-фе-рен-ция",
        // у, и, й, ю, я as glides and vowels.
        "ауыл",
        "ауыл-дық",
        "ауыл-дар",
        "ба-уыр",
        "та-уық",
        "жа-уап",
        "ден-сау-лық",
        "уа-қыт",
        "қи-ын-дық",
        "са-я-сат",
        "мә-де-ни-ет",
        "оқи-ға",
        "оқу-шы",
        "ша-ру-а-шы-лы-ғы",
        "әлеу-мет-тік",
        "ұйым",
        // Everyday words.
        "мұ-ға-лім",
        "ба-ла-лар",
        "от-ба-сы",
        "жас-тар",
        "ғы-лым",
        "өнер-кә-сіп",
        "ең-бек",
        "ең-бе-ка-қы",
        "жұ-мыс-шы",
        "дәс-түр",
        "бі-рін-ші",
        "екін-ші",
        "үшін-ші",
        "ана-ның",
        "бақ-ша",
        "қой-шы",
        "тау-лы",
        "тау-да",
        // Place names.
        "Ас-та-на",
        "Ал-ма-ты",
        "Шым-кент",
        "Қа-ра-ған-ды",
        "Түр-кіс-тан",
        "Өз-бек-стан",
        "Ау-ған-стан",
        "Қа-зақ-стан-да-ғы",
        "Қы-зы-лор-да",
        "Ақ-мо-ла",
        "Ақор-да",
        "Пав-ло-дар",
        "Ақ-тө-бе",
        "Қос-та-най",
        "Аты-рау",
        "Маң-ғыс-тау",
        "Се-мей",
        "Та-раз",
        // Case does not matter.
        "қа-зақ-стан",
        "Мек-теп",
        // Hyphenated compounds: each part is divided on its own.
        "өзін=өзі",
        "ата=ана",
        "вице=ми-нистр",
        "ерік=жі-гер",
        "БҰҰ=ның",
        "ҚР=дың",
        "Еу-ро-па=Азия",
        "ты-ныс=тір-ші-лі-гін",
        "ақ=ни-ет-ті",
        // Surnames: a Kazakh stem with a Russian suffix.
        "Дәу-ле-тов",
        "Дәу-ле-то-ва",
        "Сау-ран-ба-ев",
        "Сау-ран-ба-е-ва",
        "Нұр-ла-но-ва",
        "Қа-йы-ров",
        "Әуе-зов",
        "То-қа-ев",
        "Дәу-ле-то-вич",
        // A у-glide closes a syllable before a consonant, loanwords too.
        "Еу-ро-па-лық",
        "ау-ди-то-рия",
        "ау-ди-тор",
        "пау-за",
        "лау-ре-ат",
        // Kazakh suffixes on loan stems, and vowel pairs of loanwords.
        "ау-ди-то-ри-я-да",
        "ави-а-ция",
        "ави-а-ци-я-сы",
        "слайд-ты",
        "слайд-тар",
        "фильм-дер",
        "сайт-қа",
        "сайт-ты",
        "банк-тер",
    ];

    /// Words that never break: one syllable, abbreviations, too short.
    const UNBROKEN: &[&str] = &[
        // Four letters or fewer: a break would leave two letters a side,
        // which reads as a stutter, not a division.
        "неке",
        "ауру",
        "туыс",
        "суық",
        "қиын",
        "биік",
        "тиіс",
        "жиын",
        "қиял",
        "тілі",
        "алма",
        "бала",
        "Jaña",
        "qiyn",
        "suyq",
        "тең",
        "бір",
        "сөз",
        "жыл",
        "заң",
        "әр",
        "үй",
        "ел",
        "ой",
        "мен",
        "бұл",
        "шың",
        "тау",
        "жаз",
        "күз",
        "қыс",
        "жер",
        "су",
        "іс",
        "дос",
        "жол",
        "таң",
        "шарт",
        "өрт",
        "ант",
        "ата",
        "ана",
        "ұя",
        "ала",
        "одақ",
        "ауыл",
        "оқуы",
        "ҚР",
        "БҰҰ",
        "ЕАЭО",
        "ЮНЕСКО",
        "ТМД",
        "ҰҚК",
        "ҚазҰУ",
        "ЖОО",
        "ҚАЗАҚСТАН",
        "МЕКТЕП",
        "ТМЦ",
        "юрист",
        "съезд",
        "А",
        "",
    ];

    /// Words that hold something other than letters.
    const NOT_WORDS: &[&str] = &[
        "12-ші",
        "2026ж",
        "ҚР2",
        "мек.теп",
        "мек теп",
        "ор,на",
        "Wi-Fi",
        "мек\u{ad}теп",
        "ﬁlm",
        "сөзǆ",
        "қазақ'",
    ];

    /// Kazakh words in the 2021 Latin alphabet.
    const LATIN: &[&str] = &[
        "mek-tep",
        "Qa-zaq-stan",
        "or-na-las-ty-ru",
        "ala-qan",
        "da-uys",
        "sa-uat",
        "qū-myrs-qa",
        "bı-lım",
        "aza-mat",
        "tä-uel-sız-dık",
        "par-la-ment",
        "Kon-sti-tu-tsiia",
        "Kon-sti-tu-tsi-ia-sy",
        "Res-pub-li-ka-sy-nyñ",
        "Pre-zi-dent",
        "pre-zi-dent-sız",
        "Küş-tı",
        "yq-pal-dy",
        "za-iyr-ly",
        "ūiym-das-ty-ru",
        "jer-gı-lık-tı",
        "ait-ty",
        "ait-sa",
        "sa-ia-sat",
        "Şym-kent",
        "Ädı-let-tı",
        "Qy-zy-lor-da",
        "MEKTEP",
        "cham-pi-on",
        "özın=özı",
        "İurist",
        "ketse",
        "dotsent",
        "kontsert",
        "pro-tsent",
        "vi-tse=mi-nistr",
        "litsen-zi-ia-lau",
        "QR",
        "BŪŪ",
        "ŪQK",
    ];

    /// The word a table entry spells and the byte offsets of its breaks.
    fn parse(entry: &str) -> (String, Vec<usize>) {
        let mut word = String::new();
        let mut breaks = Vec::new();
        for c in entry.chars() {
            match c {
                '-' => breaks.push(word.len()),
                '=' => word.push('-'),
                _ => word.push(c),
            }
        }
        (word, breaks)
    }

    fn check_table(table: &[&str]) {
        let mut failures = Vec::new();
        for entry in table {
            let (word, expected) = parse(entry);
            let got = break_points(&word);
            if got != expected {
                failures.push(format!("{entry}: got {}", show(&word, &got)));
            }
        }
        assert!(failures.is_empty(), "\n{}", failures.join("\n"));
    }

    fn show(word: &str, breaks: &[usize]) -> String {
        let mut out = String::new();
        let mut last = 0;
        for &b in breaks {
            out.push_str(&word[last..b]);
            out.push('-');
            last = b;
        }
        out + &word[last..]
    }

    #[test]
    fn cyrillic_words() {
        assert!(CYRILLIC.len() >= 150);
        check_table(CYRILLIC);
    }

    #[test]
    fn latin_words() {
        check_table(LATIN);
    }

    #[test]
    fn unbroken_words() {
        for word in UNBROKEN.iter().chain(NOT_WORDS) {
            assert_eq!(break_points(word), Vec::<usize>::new(), "{word}");
        }
    }

    #[test]
    fn very_long_words_are_left_whole() {
        let word = "мек".repeat(30);
        assert!(break_points(&word).is_empty());
        assert_eq!(break_points(&"мек".repeat(20)).len(), 19);
    }

    /// Breaks fall on character boundaries, ascend, and leave two letters
    /// and a vowel on each side within the hyphen-free part.
    fn assert_well_formed(word: &str) {
        let breaks = break_points(word);
        assert!(breaks.windows(2).all(|w| w[0] < w[1]), "{word}");
        for &at in &breaks {
            assert!(
                word.is_char_boundary(at) && at > 0 && at < word.len(),
                "{word} {at}"
            );
            let left = word[..at].rsplit('-').next().unwrap_or("");
            let right = word[at..].split('-').next().unwrap_or("");
            assert!(left.chars().count() >= 2, "{word} {at}");
            assert!(right.chars().count() >= 2, "{word} {at}");
            assert!(is_valid_break(word, at), "{word} {at}");
        }
        for at in 0..=word.len() {
            assert_eq!(is_valid_break(word, at), breaks.contains(&at), "{word} {at}");
        }
    }

    #[test]
    fn breaks_are_well_formed() {
        for entry in CYRILLIC.iter().chain(LATIN).chain(UNBROKEN) {
            assert_well_formed(&parse(entry).0);
        }
    }

    #[test]
    fn random_letter_runs_are_well_formed() {
        let letters: Vec<char> = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюяАҚЮ-"
            .chars()
            .chain("aäbdefgğhıijklmnñoöpqrsştuūüvyzİIQ".chars())
            .collect();
        let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
        for _ in 0..20_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let len = 1 + (seed % 14) as usize;
            let script = if seed & 0x100 == 0 {
                0..47
            } else {
                47..letters.len()
            };
            let word: String = (0..len)
                .map(|i| {
                    let pick = (seed >> (i * 4 + 9)) as usize ^ i.wrapping_mul(0x9e37);
                    letters[script.start + pick % script.len()]
                })
                .collect();
            assert_well_formed(&word);
        }
    }
}
