//! Reading typed values out of a parsed TOML document while collecting every
//! problem, not just the first.
//!
//! serde's derive stops at the first error, but a designer who misspelled a
//! key and forgot a translation wants to hear about both at once. So we parse
//! into toml's spanned document tree and walk it ourselves: each
//! [`TableReader`] remembers which keys were asked for, and reports the rest
//! as unknown keys with a "did you mean" hint.

use std::cell::RefCell;
use std::ops::Range;
use std::sync::Arc;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::diag::{Diagnostic, Place, SourceFile};
use crate::project::{Date, Id, Lang, Localized, Text};

/// One TOML file being read, and the problems found in it so far.
pub struct FileContext {
    /// The file.
    pub file: Arc<SourceFile>,
    /// Problems found, in the order found.
    diagnostics: RefCell<Vec<Diagnostic>>,
}

impl FileContext {
    /// Starts reading `file`.
    pub fn new(file: Arc<SourceFile>) -> Self {
        Self {
            file,
            diagnostics: RefCell::new(Vec::new()),
        }
    }

    /// A place in this file.
    pub fn place(&self, span: Range<usize>) -> Place {
        Place::new(&self.file, span)
    }

    /// Records a problem.
    pub fn report(&self, diagnostic: Diagnostic) {
        self.diagnostics.borrow_mut().push(diagnostic);
    }

    /// Records an error at `span`.
    pub fn error(&self, span: Range<usize>, message: impl Into<String>) {
        self.report(Diagnostic::error(&self.place(span), message));
    }

    /// The problems found, in file order.
    pub fn into_diagnostics(self) -> Vec<Diagnostic> {
        let mut diagnostics = self.diagnostics.into_inner();
        diagnostics.sort_by_key(|d| d.place.as_ref().map_or(0, |p| p.span.start));
        diagnostics
    }

    /// Parses the file as TOML; a syntax error is reported and gives `None`.
    pub fn parse(&self) -> Option<Spanned<DeTable<'_>>> {
        match DeTable::parse(&self.file.text) {
            Ok(table) => Some(table),
            Err(e) => {
                let span = e.span().unwrap_or(0..0);
                let message = e.message().trim_end().replace('\n', "; ");
                // A string left open swallows the rest of its line, and the
                // parser only notices on the next one: point at the quote.
                if let Some(quote) = self.open_quote_before(span.start) {
                    self.report(
                        Diagnostic::error(&self.place(quote..quote + 1), "malformed TOML: this string is never closed")
                            .with_help("end the text with `\"` on the same line, or use `\"\"\"` for text over several lines"),
                    );
                    return None;
                }
                let d = Diagnostic::error(&self.place(span.clone()), format!("malformed TOML: {message}"));
                self.report(match self.header_hint(span.start, &message) {
                    Some(help) => d.with_help(help),
                    None => d,
                });
                None
            }
        }
    }
}

impl FileContext {
    /// Where a basic string opens without closing, on the line before the
    /// error at `offset` (or on its own line), if one does. Lines with
    /// triple quotes are left alone: multi-line strings span lines on purpose.
    fn open_quote_before(&self, offset: usize) -> Option<usize> {
        let (line, _) = self.file.line_col(offset);
        let candidates = [line.saturating_sub(1), line].into_iter().filter(|&l| l >= 1);
        for l in candidates {
            let text = self.file.line(l);
            if text.contains("\"\"\"") || text.contains("\'\'\'") {
                continue;
            }
            let start = self.file.line_start(l);
            let mut open = None;
            let mut escaped = false;
            for (i, c) in text.char_indices() {
                match c {
                    '#' if open.is_none() => break,
                    '\\' if open.is_some() && !escaped => {
                        escaped = true;
                        continue;
                    }
                    '"' if !escaped => open = if open.is_some() { None } else { Some(start + i) },
                    _ => {}
                }
                escaped = false;
            }
            if open.is_some() {
                return open;
            }
        }
        None
    }

    /// A hint for the commonest TOML slip: `[point]` where each talking
    /// point needs `[[point]]`, which TOML reports as a duplicate key.
    fn header_hint(&self, offset: usize, message: &str) -> Option<String> {
        if !message.contains("duplicate key") {
            return None;
        }
        let (line, _) = self.file.line_col(offset);
        let header = self.file.line(line).trim();
        let name = header.trim_start_matches('[').trim_end_matches(']').trim();
        let repeated = ["point", "quote", "meeting", "audience"];
        repeated.contains(&name).then(|| {
            format!(
                "each `{name}` starts with `[[{name}]]` (two brackets); a single `[{name}]` may appear \
                 only once and cannot be mixed with `[[{name}]]`"
            )
        })
    }
}

/// A TOML value with its span.
pub type Value<'i> = Spanned<DeValue<'i>>;

/// Reads the keys of one TOML table.
pub struct TableReader<'c, 'i> {
    /// The file the table is in.
    pub cx: &'c FileContext,
    /// The table.
    table: &'c DeTable<'i>,
    /// Where the table is (its header or inline braces).
    pub span: Range<usize>,
    /// How to name the table in messages, e.g. "[[point]]".
    pub name: String,
    /// Keys asked for so far; every other key is unknown.
    known: Vec<&'static str>,
}

impl<'c, 'i> TableReader<'c, 'i> {
    /// Reads `value` as a table named `name`; reports an error if it is not one.
    pub fn new(cx: &'c FileContext, value: &'c Value<'i>, name: impl Into<String>) -> Option<Self> {
        let name = name.into();
        match value.get_ref() {
            DeValue::Table(table) => Some(Self {
                cx,
                table,
                span: value.span(),
                name,
                known: Vec::new(),
            }),
            other => {
                cx.error(
                    value.span(),
                    format!("expected a table for {name}, found {}", other.type_str()),
                );
                None
            }
        }
    }

    /// Reads the document root.
    pub fn root(cx: &'c FileContext, root: &'c Spanned<DeTable<'i>>) -> Self {
        Self {
            cx,
            table: root.get_ref(),
            span: 0..0,
            name: "the top level".into(),
            known: Vec::new(),
        }
    }

    /// The raw value of `key`, marking the key as known.
    pub fn get(&mut self, key: &'static str) -> Option<&'c Value<'i>> {
        self.known.push(key);
        self.table.get(key)
    }

    /// Like [`Self::get`], but reports a missing key when `required`.
    fn get_or_report(&mut self, key: &'static str, required: bool) -> Option<&'c Value<'i>> {
        let value = self.get(key);
        if value.is_none() && required {
            self.cx
                .error(self.span.clone(), format!("missing key `{key}` in {}", self.name));
        }
        value
    }

    /// A string value.
    pub fn string(&mut self, key: &'static str, required: bool) -> Option<Text> {
        let value = self.get_or_report(key, required)?;
        string_value(self.cx, value, key)
    }

    /// An identifier that may become part of a file name ([`Id::new`]).
    pub fn id(&mut self, key: &'static str, required: bool) -> Option<Id> {
        let value = self.get_or_report(key, required)?;
        let text = string_value(self.cx, value, key)?;
        checked_id(self.cx, key, text)
    }

    /// A list of topic tags, each named once.
    pub fn tags(&mut self, key: &'static str) -> Vec<Id> {
        let Some(value) = self.get(key) else {
            return Vec::new();
        };
        let tags: Vec<Id> = array_items(self.cx, value, key)
            .iter()
            .filter_map(|item| {
                let text = string_value(self.cx, item, key)?;
                Id::tag(&text.value, text.place.clone())
                    .map_err(|e| {
                        self.cx.report(Diagnostic::error(
                            &text.place,
                            format!("`{key}` has {:?}, but {}", text.value, e.reason),
                        ))
                    })
                    .ok()
            })
            .collect();
        once_each(self.cx, key, tags.iter().map(|t| (t.value.as_str(), &t.place)));
        tags
    }

    /// A whole number from `min` to `max`; anything else is refused, never
    /// clamped, so a designer's `columns = 7` does not silently become 6.
    pub fn count(&mut self, key: &'static str, min: u32, max: u32) -> Option<u32> {
        let value = self.get(key)?;
        let parsed = value
            .get_ref()
            .as_integer()
            .and_then(|i| i64::from_str_radix(i.as_str(), i.radix()).ok());
        match parsed {
            Some(n) if n >= i64::from(min) && n <= i64::from(max) => Some(n as u32),
            Some(n) if max == u32::MAX => {
                self.cx.error(
                    value.span(),
                    format!("`{key}` must be a whole number of at least {min}, found {n}"),
                );
                None
            }
            Some(n) => {
                self.cx.error(
                    value.span(),
                    format!("`{key}` must be a whole number from {min} to {max}, found {n}"),
                );
                None
            }
            None => {
                report_type(self.cx, value, key, "a whole number");
                None
            }
        }
    }

    /// A boolean.
    pub fn boolean(&mut self, key: &'static str) -> Option<bool> {
        let value = self.get(key)?;
        let b = value.get_ref().as_bool();
        if b.is_none() {
            report_type(self.cx, value, key, "true or false");
        }
        b
    }

    /// A number (integer or float) within `bounds`.
    pub fn number(&mut self, key: &'static str, bounds: Bounds) -> Option<f32> {
        let value = self.get(key)?;
        let n = match value.get_ref() {
            DeValue::Float(f) => f.as_str().parse::<f32>().ok(),
            DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix()).ok().map(|n| n as f32),
            _ => None,
        };
        match n {
            Some(n) if bounds.contains(n) => Some(n),
            Some(n) => {
                self.cx.error(
                    value.span(),
                    format!("`{key}` must be {}, found {n}", bounds.describe()),
                );
                None
            }
            None => {
                report_type(self.cx, value, key, "a number");
                None
            }
        }
    }

    /// A length such as `"12mm"`, `"10pt"`, `"1.5cm"` or `"0.5in"`, in
    /// points, within `bounds`.
    pub fn length(&mut self, key: &'static str, bounds: Bounds) -> Option<f32> {
        let text = self.string(key, false)?;
        match parse_length(&text.value) {
            Some(pt) if bounds.contains(pt) => Some(pt),
            Some(_) => {
                self.cx.report(Diagnostic::error(
                    &text.place,
                    format!(
                        "`{key}` = {:?} is out of range: it must be {}",
                        text.value,
                        bounds.describe()
                    ),
                ));
                None
            }
            None => {
                self.cx.report(
                    Diagnostic::error(&text.place, format!("`{key}` = {:?} is not a length", text.value))
                        .with_help("write a number with a unit: \"12mm\", \"10pt\", \"1.5cm\" or \"0.5in\""),
                );
                None
            }
        }
    }

    /// A colour `"#RRGGBB"`.
    pub fn color(&mut self, key: &'static str) -> Option<crate::base::Color> {
        let text = self.string(key, false)?;
        let color =
            crate::base::Color::from_hex(&text.value).or_else(|| crate::base::Color::from_cmyk(&text.value));
        if color.is_none() {
            self.cx.report(
                Diagnostic::error(&text.place, format!("`{key}` = {:?} is not a colour", text.value)).with_help(
                    "write colours as \"#RRGGBB\", for example \"#00AFCA\", or as inks in per cent, \"cmyk(100, 0, 20, 10)\"",
                ),
            );
        }
        color
    }

    /// One of a fixed set of words.
    pub fn choice(&mut self, key: &'static str, choices: &[&'static str]) -> Option<(&'static str, Text)> {
        let text = self.string(key, false)?;
        match choices.iter().find(|c| **c == text.value) {
            Some(c) => Some((c, text)),
            None => {
                self.cx.report(
                    Diagnostic::error(&text.place, format!("unknown value {:?} for `{key}`", text.value))
                        .suggest(&text.value, choices),
                );
                None
            }
        }
    }

    /// A list of strings, each listed once.
    pub fn texts(&mut self, key: &'static str) -> Option<Vec<Text>> {
        let value = self.get(key)?;
        let texts: Vec<Text> = array_items(self.cx, value, key)
            .iter()
            .filter_map(|v| string_value(self.cx, v, key))
            .collect();
        once_each(self.cx, key, texts.iter().map(|t| (t.value.as_str(), &t.place)));
        Some(texts)
    }

    /// A TOML local date such as `2026-02-12`.
    pub fn date(&mut self, key: &'static str) -> Option<Date> {
        let value = self.get(key)?;
        match value.get_ref() {
            DeValue::Datetime(dt) if dt.time.is_none() && dt.date.is_some() => {
                let d = dt.date.as_ref()?;
                Some(Date {
                    year: d.year,
                    month: d.month,
                    day: d.day,
                })
            }
            _ => {
                report_type(self.cx, value, key, "a date like 2026-02-12");
                None
            }
        }
    }

    /// A sub-table.
    pub fn table(&mut self, key: &'static str) -> Option<TableReader<'c, 'i>> {
        let value = self.get(key)?;
        let name = match self.bare_name() {
            "the top level" => format!("[{key}]"),
            parent => format!("[{parent}.{key}]"),
        };
        TableReader::new(self.cx, value, name)
    }

    /// An array of tables (`[[point]]`).
    pub fn tables(&mut self, key: &'static str) -> Vec<TableReader<'c, 'i>> {
        let Some(value) = self.get(key) else {
            return Vec::new();
        };
        if value.get_ref().as_table().is_some() {
            self.cx.report(
                Diagnostic::error(
                    &self.cx.place(value.span()),
                    format!("`[{key}]` is a single table, but each {key} is one of a list"),
                )
                .with_help(format!("write `[[{key}]]` (two brackets) before each {key}")),
            );
            return Vec::new();
        }
        array_items(self.cx, value, key)
            .iter()
            .filter_map(|item| TableReader::new(self.cx, item, format!("[[{key}]]")))
            .collect()
    }

    /// The entries of a table whose keys are names chosen by the user
    /// (`[point.audience.NAME]`), with the span of each key.
    pub fn entries(&self) -> impl Iterator<Item = (&'c str, Range<usize>, &'c Value<'i>)> {
        self.table
            .iter()
            .map(|(k, v)| (k.get_ref().as_ref(), k.span(), v))
    }

    /// A localised text: `{ kk = "…", ru = "…" }`.
    pub fn localized(&mut self, key: &'static str, required: bool) -> Option<Localized> {
        let value = self.get_or_report(key, required)?;
        localized_value(self.cx, value, key, |cx, v, key| {
            // A refused link is reported once; the text is kept so it is
            // not also reported as a missing translation.
            string_value(cx, v, key).inspect(|text| {
                safe_links(cx, text);
            })
        })
    }

    /// A localised text of at most `max` characters in every language:
    /// display text (titles, names, labels) that has one place on a cover
    /// or a slide and must fit it.
    pub fn short(&mut self, key: &'static str, required: bool, max: usize) -> Option<Localized> {
        let localized = self.localized(key, required)?;
        let mut fits = true;
        for (lang, text) in &localized.entries {
            let n = text.value.chars().count();
            if n > max {
                fits = false;
                self.cx.report(
                    Diagnostic::error(
                        &text.place,
                        format!(
                            "the {lang} `{key}` has {n} characters; at most {max} fit where it is printed"
                        ),
                    )
                    .with_help(if max >= 1000 {
                        "split it between several points"
                    } else {
                        "shorten it; longer explanations belong in a point's body"
                    }),
                );
            }
        }
        fits.then_some(localized)
    }

    /// A localised list of texts: `{ kk = ["…"], ru = ["…"] }`.
    pub fn localized_list(&mut self, key: &'static str) -> Option<Localized<Vec<Text>>> {
        let value = self.get(key)?;
        localized_value(self.cx, value, key, |cx, item, key| {
            Some(
                array_items(cx, item, key)
                    .iter()
                    .filter_map(|v| string_value(cx, v, key))
                    .collect(),
            )
        })
    }

    /// Reports every key that was never asked for.
    pub fn finish(self) {
        for key in self.table.keys() {
            let key_name: &str = key.get_ref();
            if self.known.contains(&key_name) {
                continue;
            }
            self.cx.report(
                Diagnostic::error(
                    &self.cx.place(key.span()),
                    format!("unknown key `{key_name}` in {}", self.name),
                )
                .suggest(key_name, &self.known),
            );
        }
    }

    /// The table name without brackets, for naming sub-tables.
    fn bare_name(&self) -> &str {
        self.name.trim_matches(['[', ']'])
    }
}

/// The range a number or length may take, and the unit to name it in.
#[derive(Debug, Clone, Copy)]
pub struct Bounds {
    /// Smallest value, in points for lengths.
    pub min: f32,
    /// Largest value.
    pub max: f32,
    /// How the range is named: "pt", "mm" or "" for plain numbers.
    pub unit: &'static str,
}

impl Bounds {
    /// A range of type sizes or small lengths, named in points.
    pub const fn pt(min: f32, max: f32) -> Self {
        Self { min, max, unit: "pt" }
    }

    /// A range of page lengths, given and named in millimetres.
    pub const fn mm(min: f32, max: f32) -> Self {
        Self {
            min: min * 72.0 / 25.4,
            max: max * 72.0 / 25.4,
            unit: "mm",
        }
    }

    /// A range of plain numbers (a scale or a factor).
    pub const fn plain(min: f32, max: f32) -> Self {
        Self { min, max, unit: "" }
    }

    /// Whether `n` is in range (a small tolerance for unit conversion).
    fn contains(self, n: f32) -> bool {
        n.is_finite() && n >= self.min - 1e-3 && n <= self.max + 1e-3
    }

    /// "between 6 pt and 48 pt".
    fn describe(self) -> String {
        let shown = |n: f32| match self.unit {
            "mm" => format!("{} mm", (n * 25.4 / 72.0 * 10.0).round() / 10.0),
            "pt" => format!("{n} pt"),
            _ => format!("{n}"),
        };
        format!("between {} and {}", shown(self.min), shown(self.max))
    }
}

/// Points in a length written with a unit.
pub fn parse_length(text: &str) -> Option<f32> {
    let text = text.trim();
    let split = text.find(|c: char| c.is_ascii_alphabetic()).unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let n: f32 = number.trim().parse().ok()?;
    let factor = match unit.trim() {
        "pt" => 1.0,
        "mm" => 72.0 / 25.4,
        "cm" => 72.0 / 2.54,
        "in" => 72.0,
        "" if n == 0.0 => 1.0,
        _ => return None,
    };
    (n.is_finite()).then_some(n * factor)
}

/// Reports that `value` has the wrong type.
fn report_type(cx: &FileContext, value: &Value<'_>, key: &str, expected: &str) {
    cx.error(
        value.span(),
        format!(
            "expected {expected} for `{key}`, found {}",
            value.get_ref().type_str()
        ),
    );
}

/// Reads a string. Control characters (NUL, escapes such as `\u0007`) are
/// refused at the string: they print as nothing or as boxes, and some
/// readers cut the text at a NUL.
fn string_value(cx: &FileContext, value: &Value<'_>, key: &str) -> Option<Text> {
    let Some(raw) = value.get_ref().as_str() else {
        report_type(cx, value, key, "a string");
        return None;
    };
    // A file saved with Windows line ends gives the same text as one without.
    let text = if raw.contains('\r') {
        raw.replace("\r\n", "\n")
    } else {
        raw.to_owned()
    };
    let place = cx.place(value.span());
    if let Some(c) = text.chars().find(|&c| c.is_control() && c != '\n' && c != '\t') {
        cx.report(
            Diagnostic::error(
                &place,
                format!("`{key}` contains the control character U+{:04X}", u32::from(c)),
            )
            .with_help("remove it; line breaks and tabs are the only control characters allowed in text"),
        );
        // Kept without it, so the same text is not also reported missing;
        // the error already stops the build.
        let cleaned = text
            .chars()
            .filter(|&c| !c.is_control() || c == '\n' || c == '\t')
            .collect();
        return Some(super::markup::text(cleaned, place));
    }
    Some(super::markup::text(text, place))
}

/// Reports every Markdown link in `text` whose scheme is not allowed, at
/// the link where it can be found.
fn safe_links(cx: &FileContext, text: &Text) {
    use pulldown_cmark::{Event, Parser, Tag};
    for event in Parser::new(&text.value) {
        let Event::Start(Tag::Link { dest_url, .. }) = event else {
            continue;
        };
        if crate::project::link_scheme_allowed(&dest_url) {
            continue;
        }
        let span = text.place.span.clone();
        let at = cx.file.text[span.clone()]
            .find(dest_url.as_ref())
            .map_or(span.clone(), |i| span.start + i..span.start + i + dest_url.len());
        cx.report(
            Diagnostic::error(
                &cx.place(at),
                format!("the link target {:?} is not allowed", dest_url.as_ref()),
            )
            .with_help(format!(
                "links may use {} (e.g. https://example.kz, mailto:info@example.kz, tel:+77000000000)",
                crate::project::LINK_SCHEMES.join(", ")
            )),
        );
    }
}

/// Checks an id through the one constructor, reporting what is wrong with it.
pub fn checked_id(cx: &FileContext, key: &str, text: Text) -> Option<Id> {
    match Id::new(&text.value, text.place.clone()) {
        Ok(id) => Some(id),
        Err(e) => {
            let d = Diagnostic::error(
                &text.place,
                format!(
                    "`{key}` must be 1–{} characters of a-z, 0-9 and `-`, starting with a letter \
                     or digit (ids become file names), but {}",
                    Id::MAX_LEN,
                    e.reason
                ),
            );
            cx.report(match e.suggestion {
                Some(s) => d.with_help(format!("write it as \"{s}\"")),
                None => d,
            });
            None
        }
    }
}

/// Reports every entry of a list that was already listed.
pub fn once_each<'a>(cx: &FileContext, key: &str, items: impl Iterator<Item = (&'a str, &'a Place)>) {
    let mut seen: Vec<(&str, &Place)> = Vec::new();
    for (value, place) in items {
        match seen.iter().find(|(v, _)| *v == value) {
            Some((_, first)) => cx.report(
                Diagnostic::error(place, format!("`{key}` lists {value:?} twice"))
                    .with_help(format!("it is listed first at {}; remove one", first.location())),
            ),
            None => seen.push((value, place)),
        }
    }
}

/// The items of an array value; reports a non-array.
fn array_items<'c, 'i>(cx: &FileContext, value: &'c Value<'i>, key: &str) -> Vec<&'c Value<'i>> {
    match value.get_ref().as_array() {
        Some(array) => array.iter().collect(),
        None => {
            report_type(cx, value, key, "an array");
            Vec::new()
        }
    }
}

/// Reads a table of language code → value.
fn localized_value<'c, 'i, T>(
    cx: &FileContext,
    value: &'c Value<'i>,
    key: &str,
    read: impl Fn(&FileContext, &'c Value<'i>, &str) -> Option<T>,
) -> Option<Localized<T>> {
    let Some(table) = value.get_ref().as_table() else {
        report_type(
            cx,
            value,
            key,
            "a table of languages like { kk = \"…\", ru = \"…\" }",
        );
        return None;
    };
    let mut entries = Vec::new();
    for (code, item) in table.iter() {
        let code_str: &str = code.get_ref();
        match Lang::from_code(code_str) {
            // Blank text is no translation: it would print an empty title.
            Some(_) if item.get_ref().as_str().is_some_and(|s| s.trim().is_empty()) => {}
            Some(lang) => {
                if let Some(v) = read(cx, item, &format!("{key}.{code_str}")) {
                    entries.push((lang, v));
                }
            }
            None => {
                cx.report(
                    Diagnostic::error(
                        &cx.place(code.span()),
                        format!("unknown language `{code_str}` in `{key}`"),
                    )
                    .suggest(code_str, &Lang::ALL.map(Lang::code)),
                );
            }
        }
    }
    // Source order, so messages and fallbacks are stable.
    entries.sort_by_key(|(lang, _)| *lang);
    Some(Localized {
        entries,
        place: cx.place(value.span()),
    })
}

/// Reads a language code value (e.g. `fallback = "ru"`).
pub fn lang_value(cx: &FileContext, value: &Value<'_>, key: &str) -> Option<Lang> {
    let text = string_value(cx, value, key)?;
    let lang = Lang::from_code(&text.value);
    if lang.is_none() {
        cx.report(
            Diagnostic::error(
                &text.place,
                format!("unknown language {:?} in `{key}`", text.value),
            )
            .suggest(&text.value, &Lang::ALL.map(Lang::code)),
        );
    }
    lang
}

/// Reads a list of language codes.
pub fn langs_value(cx: &FileContext, value: &Value<'_>, key: &str) -> Vec<Lang> {
    langs_placed(cx, value, key).into_iter().map(|(l, _)| l).collect()
}

/// Reads a list of language codes, each with its place; an empty list is
/// an error (it would build nothing).
pub fn langs_placed(cx: &FileContext, value: &Value<'_>, key: &str) -> Vec<(Lang, Place)> {
    if value.get_ref().as_array().is_some_and(|a| a.is_empty()) {
        cx.error(
            value.span(),
            format!("`{key}` is empty; name at least one of: kk, ru, en, kk-latn"),
        );
    }
    let items = array_items(cx, value, key);
    let places: Vec<Place> = items.iter().map(|v| cx.place(v.span())).collect();
    let langs: Vec<(Lang, &Place)> = items
        .iter()
        .zip(&places)
        .filter_map(|(item, place)| Some((lang_value(cx, item, key)?, place)))
        .collect();
    once_each(cx, key, langs.iter().map(|(l, p)| (l.code(), *p)));
    langs.into_iter().map(|(l, p)| (l, p.clone())).collect()
}

/// Reads a list of names checked by `parse` (formats, …), reporting unknown ones.
pub fn names_value<T>(
    cx: &FileContext,
    value: &Value<'_>,
    key: &str,
    choices: &[&'static str],
    parse: impl Fn(&str) -> Option<T>,
) -> Vec<T> {
    let texts: Vec<Text> = array_items(cx, value, key)
        .iter()
        .filter_map(|item| string_value(cx, item, key))
        .collect();
    once_each(cx, key, texts.iter().map(|t| (t.value.as_str(), &t.place)));
    if texts.is_empty() && value.get_ref().as_array().is_some() {
        cx.error(
            value.span(),
            format!("`{key}` is empty; name at least one of: {}", choices.join(", ")),
        );
    }
    texts
        .iter()
        .filter_map(|text| {
            let parsed = parse(&text.value);
            if parsed.is_none() {
                cx.report(
                    Diagnostic::error(&text.place, format!("unknown value {:?} in `{key}`", text.value))
                        .suggest(&text.value, choices),
                );
            }
            parsed
        })
        .collect()
}
