//! Dates written out the way each language writes them in running text.

use crate::project::{Date, Lang};

/// Kazakh month names (nominative: the form used after "жылғы").
const KK_MONTHS: [&str; 12] = [
    "қаңтар",
    "ақпан",
    "наурыз",
    "сәуір",
    "мамыр",
    "маусым",
    "шілде",
    "тамыз",
    "қыркүйек",
    "қазан",
    "қараша",
    "желтоқсан",
];

/// Russian month names in the genitive, as in «12 февраля».
const RU_MONTHS: [&str; 12] = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
];

/// English month names.
const EN_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// `date` in `lang`: «2026 жылғы 12 ақпан», «12 февраля 2026 г.»,
/// «12 February 2026». The number and the word after it are joined by a
/// no-break space so a line break never parts them.
pub fn format(date: Date, lang: Lang) -> String {
    const NBSP: char = '\u{a0}';
    let m = usize::from(date.month.clamp(1, 12)) - 1;
    let (y, d) = (date.year, date.day);
    match lang {
        Lang::Kk => format!("{y}{NBSP}жылғы {d}{NBSP}{}", KK_MONTHS[m]),
        Lang::KkLatn => super::kk_latn::transliterate(&format(date, Lang::Kk)),
        Lang::Ru => format!("{d}{NBSP}{} {y}{NBSP}г.", RU_MONTHS[m]),
        Lang::En => format!("{d}{NBSP}{} {y}", EN_MONTHS[m]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(year: u16, month: u8, day: u8) -> Date {
        Date { year, month, day }
    }

    #[test]
    fn each_language_writes_the_date_its_own_way() {
        let d = date(2026, 2, 12);
        let plain = |lang| format(d, lang).replace('\u{a0}', " ");
        assert_eq!(plain(Lang::Kk), "2026 жылғы 12 ақпан");
        assert_eq!(plain(Lang::Ru), "12 февраля 2026 г.");
        assert_eq!(plain(Lang::En), "12 February 2026");
        assert_eq!(plain(Lang::KkLatn), "2026 jylğy 12 aqpan");
    }

    #[test]
    fn numbers_stay_with_their_words() {
        assert_eq!(
            format(date(2026, 3, 22), Lang::Kk),
            "2026\u{a0}жылғы 22\u{a0}наурыз"
        );
        assert_eq!(format(date(2026, 12, 1), Lang::Ru), "1\u{a0}декабря 2026\u{a0}г.");
    }
}
