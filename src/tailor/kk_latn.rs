//! Kazakh Cyrillic → Latin transliteration, 2021 alphabet.
//!
//! The 2021 alphabet has 31 letters: A Ä B D E F G Ğ H I İ J K L M N Ñ O Ö P
//! Q R S Ş T U Ū Ü V Y Z. Its pairs are Turkish-style: I/ı is і, İ/i is и and
//! й, Y/y is ы. Every one of the 42 Cyrillic letters has a row in `LETTERS`;
//! the letters the 2021 alphabet has no place for are spelled out:
//!
//! * Ё → io, Ю → iu, Я → ia: they are \[jo\], \[jʊw\], \[ja\], and the 2021 letter
//!   for \[j\] is i (as for й), so their capitals start with İ, not I, which
//!   would read as і (Юрист → İurist).
//! * Ц → ts and Ч → ch: the sounds of the Russian words they occur in; the
//!   alphabet has no C otherwise, so `ch` stays unambiguous.
//! * Щ → şş: it is a long \[ʃː\] in the Russian words it comes from.
//! * Ъ and Ь are dropped: they spell no sound of their own (объект → obekt).
//! * Э → e: the alphabet keeps one letter for \[e\].
//! * Һ → h, the same letter as Х: the 2021 alphabet merges them.
//!
//! A capital with a two-letter spelling is written all-caps inside an
//! all-caps word (ЮНЕСКО → İUNESKO) and title-case otherwise (Цех → Tseh).
//! Anything that is not a Kazakh Cyrillic letter passes through unchanged.

/// One Cyrillic letter and its Latin spellings.
struct Letter {
    lower: char,
    upper: char,
    latin: &'static str,
    title: &'static str,
    caps: &'static str,
}

const fn letter(
    lower: char,
    upper: char,
    latin: &'static str,
    title: &'static str,
    caps: &'static str,
) -> Letter {
    Letter {
        lower,
        upper,
        latin,
        title,
        caps,
    }
}

/// The 42 letters of the Kazakh Cyrillic alphabet in alphabetical order.
const LETTERS: [Letter; 42] = [
    letter('а', 'А', "a", "A", "A"),
    letter('ә', 'Ә', "ä", "Ä", "Ä"),
    letter('б', 'Б', "b", "B", "B"),
    letter('в', 'В', "v", "V", "V"),
    letter('г', 'Г', "g", "G", "G"),
    letter('ғ', 'Ғ', "ğ", "Ğ", "Ğ"),
    letter('д', 'Д', "d", "D", "D"),
    letter('е', 'Е', "e", "E", "E"),
    letter('ё', 'Ё', "io", "İo", "İO"),
    letter('ж', 'Ж', "j", "J", "J"),
    letter('з', 'З', "z", "Z", "Z"),
    letter('и', 'И', "i", "İ", "İ"),
    letter('й', 'Й', "i", "İ", "İ"),
    letter('к', 'К', "k", "K", "K"),
    letter('қ', 'Қ', "q", "Q", "Q"),
    letter('л', 'Л', "l", "L", "L"),
    letter('м', 'М', "m", "M", "M"),
    letter('н', 'Н', "n", "N", "N"),
    letter('ң', 'Ң', "ñ", "Ñ", "Ñ"),
    letter('о', 'О', "o", "O", "O"),
    letter('ө', 'Ө', "ö", "Ö", "Ö"),
    letter('п', 'П', "p", "P", "P"),
    letter('р', 'Р', "r", "R", "R"),
    letter('с', 'С', "s", "S", "S"),
    letter('т', 'Т', "t", "T", "T"),
    letter('у', 'У', "u", "U", "U"),
    letter('ұ', 'Ұ', "ū", "Ū", "Ū"),
    letter('ү', 'Ү', "ü", "Ü", "Ü"),
    letter('ф', 'Ф', "f", "F", "F"),
    letter('х', 'Х', "h", "H", "H"),
    letter('һ', 'Һ', "h", "H", "H"),
    letter('ц', 'Ц', "ts", "Ts", "TS"),
    letter('ч', 'Ч', "ch", "Ch", "CH"),
    letter('ш', 'Ш', "ş", "Ş", "Ş"),
    letter('щ', 'Щ', "şş", "Şş", "ŞŞ"),
    letter('ъ', 'Ъ', "", "", ""),
    letter('ы', 'Ы', "y", "Y", "Y"),
    letter('і', 'І', "ı", "I", "I"),
    letter('ь', 'Ь', "", "", ""),
    letter('э', 'Э', "e", "E", "E"),
    letter('ю', 'Ю', "iu", "İu", "İU"),
    letter('я', 'Я', "ia", "İa", "İA"),
];

/// Marks an empty slot of [`INDEX`].
const NONE: u8 = u8::MAX;

/// For each code point of the Cyrillic block U+0400–U+04FF, its row in
/// [`LETTERS`], with the top bit set for a capital.
const INDEX: [u8; 256] = build_index();

const fn build_index() -> [u8; 256] {
    let mut index = [NONE; 256];
    let mut row = 0;
    while row < LETTERS.len() {
        index[LETTERS[row].lower as usize - 0x400] = row as u8;
        index[LETTERS[row].upper as usize - 0x400] = row as u8 | 0x80;
        row += 1;
    }
    index
}

/// The row of `c` in [`LETTERS`] and whether `c` is a capital.
fn lookup(c: char) -> Option<(&'static Letter, bool)> {
    let offset = (c as u32).checked_sub(0x400).filter(|&o| o < 0x100)?;
    let entry = INDEX[offset as usize];
    (entry != NONE).then(|| (&LETTERS[usize::from(entry & 0x7f)], entry & 0x80 != 0))
}

/// Transliterates Kazakh Cyrillic text into the Latin alphabet of 2021.
pub fn transliterate(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut prev = None;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let next = chars.peek().copied();
        match lookup(c) {
            Some((letter, false)) => out.push_str(letter.latin),
            Some((letter, true)) if in_caps_word(prev, next) => out.push_str(letter.caps),
            Some((letter, true)) => out.push_str(letter.title),
            None => out.push(c),
        }
        prev = Some(c);
    }
    out
}

/// Whether a capital between `prev` and `next` belongs to an all-caps word.
///
/// The following letter decides; at the end of a word the preceding one
/// does, so that a final capital of an all-caps word (ТМЦ) is all-caps too.
fn in_caps_word(prev: Option<char>, next: Option<char>) -> bool {
    match next.filter(|c| c.is_alphabetic()) {
        Some(n) => n.is_uppercase(),
        None => prev.is_some_and(|p| p.is_alphabetic() && p.is_uppercase()),
    }
}

#[cfg(test)]
mod tests {
    use super::transliterate;

    /// Every letter of the alphabet: Cyrillic lower, upper, Latin lower,
    /// capital standing alone, capital inside an all-caps word.
    const ALPHABET: [(&str, &str, &str, &str, &str); 42] = [
        ("а", "А", "a", "A", "A"),
        ("ә", "Ә", "ä", "Ä", "Ä"),
        ("б", "Б", "b", "B", "B"),
        ("в", "В", "v", "V", "V"),
        ("г", "Г", "g", "G", "G"),
        ("ғ", "Ғ", "ğ", "Ğ", "Ğ"),
        ("д", "Д", "d", "D", "D"),
        ("е", "Е", "e", "E", "E"),
        ("ё", "Ё", "io", "İo", "İO"),
        ("ж", "Ж", "j", "J", "J"),
        ("з", "З", "z", "Z", "Z"),
        ("и", "И", "i", "İ", "İ"),
        ("й", "Й", "i", "İ", "İ"),
        ("к", "К", "k", "K", "K"),
        ("қ", "Қ", "q", "Q", "Q"),
        ("л", "Л", "l", "L", "L"),
        ("м", "М", "m", "M", "M"),
        ("н", "Н", "n", "N", "N"),
        ("ң", "Ң", "ñ", "Ñ", "Ñ"),
        ("о", "О", "o", "O", "O"),
        ("ө", "Ө", "ö", "Ö", "Ö"),
        ("п", "П", "p", "P", "P"),
        ("р", "Р", "r", "R", "R"),
        ("с", "С", "s", "S", "S"),
        ("т", "Т", "t", "T", "T"),
        ("у", "У", "u", "U", "U"),
        ("ұ", "Ұ", "ū", "Ū", "Ū"),
        ("ү", "Ү", "ü", "Ü", "Ü"),
        ("ф", "Ф", "f", "F", "F"),
        ("х", "Х", "h", "H", "H"),
        ("һ", "Һ", "h", "H", "H"),
        ("ц", "Ц", "ts", "Ts", "TS"),
        ("ч", "Ч", "ch", "Ch", "CH"),
        ("ш", "Ш", "ş", "Ş", "Ş"),
        ("щ", "Щ", "şş", "Şş", "ŞŞ"),
        ("ъ", "Ъ", "", "", ""),
        ("ы", "Ы", "y", "Y", "Y"),
        ("і", "І", "ı", "I", "I"),
        ("ь", "Ь", "", "", ""),
        ("э", "Э", "e", "E", "E"),
        ("ю", "Ю", "iu", "İu", "İU"),
        ("я", "Я", "ia", "İa", "İA"),
    ];

    fn is_cyrillic(c: char) -> bool {
        ('\u{400}'..='\u{52f}').contains(&c)
    }

    #[test]
    fn every_lower_case_letter() {
        for (lower, _, latin, _, _) in ALPHABET {
            assert_eq!(transliterate(lower), latin, "{lower}");
        }
    }

    #[test]
    fn every_capital_alone() {
        for (_, upper, _, title, _) in ALPHABET {
            assert_eq!(transliterate(upper), title, "{upper}");
        }
    }

    #[test]
    fn every_capital_in_an_all_caps_word() {
        for (_, upper, _, _, caps) in ALPHABET {
            let word = format!("Б{upper}Б {upper}Б Б{upper}");
            let expected = format!("B{caps}B {caps}B B{caps}");
            assert_eq!(transliterate(&word), expected, "{upper}");
        }
    }

    #[test]
    fn every_capital_at_the_start_of_a_word() {
        for (_, upper, _, title, _) in ALPHABET {
            let word = format!("{upper}ба");
            assert_eq!(transliterate(&word), format!("{title}ba"), "{upper}");
        }
    }

    #[test]
    fn the_alphabet_has_42_distinct_letters() {
        let mut letters: Vec<&str> = ALPHABET.iter().map(|row| row.0).collect();
        letters.sort_unstable();
        letters.dedup();
        assert_eq!(letters.len(), 42);
    }

    #[test]
    fn sentences() {
        let cases = [
            (
                "Қазақстан Республикасының Конституциясы",
                "Qazaqstan Respublikasynyñ Konstitutsiiasy",
            ),
            ("Жаңа Конституция", "Jaña Konstitutsiia"),
            (
                "Күшті Президент – ықпалды Парламент – есеп беретін Үкімет",
                "Küştı Prezident – yqpaldy Parlament – esep beretın Ükımet",
            ),
            ("Әділетті Қазақстан", "Ädılettı Qazaqstan"),
            (
                "Адам құқықтары мен бостандықтары",
                "Adam qūqyqtary men bostandyqtary",
            ),
            ("Жергілікті өзін-өзі басқару", "Jergılıktı özın-özı basqaru"),
            (
                "Зайырлы, демократиялық мемлекет",
                "Zaiyrly, demokratiialyq memleket",
            ),
            ("Тәуелсіздік күні", "Täuelsızdık künı"),
            ("Ұлттық құрылтай", "Ūlttyq qūryltai"),
            ("Шығыс Қазақстан облысы", "Şyğys Qazaqstan oblysy"),
            ("Жоғарғы Сот пен прокуратура", "Joğarğy Sot pen prokuratura"),
            ("Щучинск пен Чебоксары", "Şşuchinsk pen Cheboksary"),
            ("Объект пен съезд", "Obekt pen sezd"),
            ("Ерік-жігер мен ел бірлігі", "Erık-jıger men el bırlıgı"),
            ("Һижра мен Хан", "Hijra men Han"),
            ("Ілияс пен Ясауи", "Iliias pen İasaui"),
            ("Ёлка, юрист, эксперт", "İolka, iurist, ekspert"),
        ];
        for (cyrillic, latin) in cases {
            assert_eq!(transliterate(cyrillic), latin);
        }
    }

    #[test]
    fn all_caps_words() {
        let cases = [
            ("ҚР", "QR"),
            ("БҰҰ", "BŪŪ"),
            ("ЕАЭО", "EAEO"),
            ("ЮНЕСКО", "İUNESKO"),
            ("ЦСКА", "TSSKA"),
            ("ТМЦ", "TMTS"),
            ("ШЫҰ", "ŞYŪ"),
            ("ЖАҢА КОНСТИТУЦИЯ", "JAÑA KONSTİTUTSİİA"),
            ("ЮНЕСКО-ның", "İUNESKO-nyñ"),
            ("ҚазЦИК", "QazTSİK"),
            ("ОБЪЕКТ", "OBEKT"),
            ("ЩИТ", "ŞŞİT"),
            ("ЧЕХИЯ", "CHEHİİA"),
        ];
        for (cyrillic, latin) in cases {
            assert_eq!(transliterate(cyrillic), latin);
        }
    }

    #[test]
    fn title_case_words() {
        let cases = [
            ("Юрист", "İurist"),
            ("Цифрлық", "Tsifrlyq"),
            ("Чемпионат", "Chempionat"),
            ("Щука", "Şşuka"),
            ("Ёж", "İoj"),
            ("Ян", "İan"),
            ("Ілім", "Ilım"),
            ("Ине", "İne"),
            ("Ю.", "İu."),
            ("Я Ю", "İa İu"),
        ];
        for (cyrillic, latin) in cases {
            assert_eq!(transliterate(cyrillic), latin);
        }
    }

    #[test]
    fn other_characters_pass_through() {
        let cases = [
            ("", ""),
            ("2026 жылғы 12 ақпан", "2026 jylğy 12 aqpan"),
            ("«Ата Заң» — “негіз”", "«Ata Zañ» — “negız”"),
            ("10\u{202f}000 теңге", "10\u{202f}000 teñge"),
            ("ел\u{a0}мен", "el\u{a0}men"),
            ("мем\u{ad}ле\u{ad}кет", "mem\u{ad}le\u{ad}ket"),
            ("Wi-Fi желісі", "Wi-Fi jelısı"),
            ("a+b=c; №5 (x)", "a+b=c; №5 (x)"),
            ("Їжак", "Їjak"),
        ];
        for (cyrillic, latin) in cases {
            assert_eq!(transliterate(cyrillic), latin);
        }
    }

    #[test]
    fn no_cyrillic_survives_in_kazakh_text() {
        let letters: Vec<char> = ALPHABET
            .iter()
            .flat_map(|row| [row.0, row.1])
            .flat_map(str::chars)
            .chain([' ', '-', ',', '\u{a0}'])
            .collect();
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        for _ in 0..2000 {
            let mut text = String::new();
            for _ in 0..24 {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                text.push(letters[(seed % letters.len() as u64) as usize]);
            }
            let latin = transliterate(&text);
            assert!(!latin.chars().any(is_cyrillic), "{text} → {latin}");
        }
        let all: String = letters.iter().collect();
        assert!(!transliterate(&all).chars().any(is_cyrillic));
    }
}
