//! Scheduled meetings: `meetings.toml` (`[[meeting]]` tables) or
//! `meetings.csv` with the columns id, audience, date, time, venue_kk,
//! venue_ru, venue_en, speaker_kk, speaker_ru, speaker_en.

use std::path::Path;
use std::sync::Arc;

use crate::diag::{Diagnostic, SourceFile};
use crate::project::{Date, Lang, Localized, Meeting, Text};

use super::files::ProjectDir;
use super::reader::{FileContext, TableReader, checked_id};

/// Reads the project's meetings file, if it has one.
pub fn read(dir: &ProjectDir, diagnostics: &mut Vec<Diagnostic>) -> Vec<Meeting> {
    let (toml, csv) = (Path::new("meetings.toml"), Path::new("meetings.csv"));
    let (path, is_toml) = match (dir.exists(toml), dir.exists(csv)) {
        (true, true) => {
            diagnostics.push(
                Diagnostic::plain(
                    None,
                    format!(
                        "both {} and {} list meetings; which one is meant?",
                        dir.display(toml).display(),
                        dir.display(csv).display()
                    ),
                )
                .with_help("keep one of the two files"),
            );
            return Vec::new();
        }
        (true, false) => (toml, true),
        (false, true) => (csv, false),
        (false, false) => return Vec::new(),
    };
    let Some(file) = super::read_source(dir, path, diagnostics) else {
        return Vec::new();
    };
    let meetings = if is_toml {
        from_toml(file.clone(), diagnostics)
    } else {
        from_csv(&file, diagnostics)
    };
    let broken = diagnostics
        .iter()
        .any(|d| d.is_error() && d.place.as_ref().is_some_and(|p| Arc::ptr_eq(&p.file, &file)));
    if meetings.is_empty() && !broken {
        diagnostics.push(
            Diagnostic::error(
                &crate::diag::Place::file_start(&file),
                "this file lists no meetings",
            )
            .with_help("add a meeting, or remove the file"),
        );
    }
    meetings
}

/// `[[meeting]]` tables.
fn from_toml(file: Arc<SourceFile>, diagnostics: &mut Vec<Diagnostic>) -> Vec<Meeting> {
    let cx = FileContext::new(file);
    let mut meetings = Vec::new();
    if let Some(doc) = cx.parse() {
        let mut top = TableReader::root(&cx, &doc);
        for mut t in top.tables("meeting") {
            let id = t.id("id", true);
            let audience = t.id("audience", true);
            let date = t.date("date");
            if date.is_none() && t.get("date").is_none() {
                cx.error(t.span.clone(), "missing key `date` in [[meeting]]");
            }
            let time = t.string("time", false).filter(|time| checked_time(&cx, time));
            let venue = t.short("venue", true, super::limits::LINE);
            let speaker = t.short("speaker", false, super::limits::NAME);
            t.finish();
            if let (Some(id), Some(audience), Some(date), Some(venue)) = (id, audience, date, venue) {
                meetings.push(Meeting {
                    id,
                    audience,
                    date,
                    time,
                    venue,
                    speaker,
                });
            }
        }
        top.finish();
    }
    diagnostics.extend(cx.into_diagnostics());
    meetings
}

/// Whether a time is `HH:MM` on a 24-hour clock; reports it if not.
fn checked_time(cx: &FileContext, time: &Text) -> bool {
    let ok = time.value.split_once(':').is_some_and(|(h, m)| {
        let two_digits = |s: &str| s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit());
        two_digits(h) && two_digits(m) && h < "24" && m < "60"
    });
    if !ok {
        cx.report(Diagnostic::error(
            &time.place,
            format!(
                "`time` must be a 24-hour time written HH:MM, like \"09:30\" or \"18:00\", found {:?}",
                time.value
            ),
        ));
    }
    ok
}

/// The CSV columns, in the order the spec lists them.
const COLUMNS: [&str; 10] = [
    "id",
    "audience",
    "date",
    "time",
    "venue_kk",
    "venue_ru",
    "venue_en",
    "speaker_kk",
    "speaker_ru",
    "speaker_en",
];

/// Columns every row needs.
const REQUIRED: [&str; 3] = ["id", "audience", "date"];

/// Rows of `meetings.csv`.
fn from_csv(file: &Arc<SourceFile>, diagnostics: &mut Vec<Diagnostic>) -> Vec<Meeting> {
    let cx = FileContext::new(file.clone());
    let meetings = csv_rows(&cx);
    diagnostics.extend(cx.into_diagnostics());
    meetings
}

/// Reads the header and every row, reporting problems into `cx`.
fn csv_rows(cx: &FileContext) -> Vec<Meeting> {
    let text = &cx.file.text;
    if text.trim().is_empty() {
        cx.error(
            0..0,
            format!(
                "meetings.csv is empty; its first line names the columns: {}",
                COLUMNS.join(",")
            ),
        );
        return Vec::new();
    }
    let mut reader = csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(text.as_bytes());
    let header = match reader.headers() {
        Ok(h) => h.clone(),
        Err(e) => {
            cx.error(0..0, format!("malformed CSV: {e}"));
            return Vec::new();
        }
    };
    let header_end = text.find('\n').unwrap_or(text.len());
    for column in header.iter().filter(|c| !COLUMNS.contains(&c.trim())) {
        let at = text[..header_end].find(column).unwrap_or(0);
        cx.report(
            Diagnostic::error(
                &cx.place(at..at + column.len()),
                format!("unknown column `{column}`"),
            )
            .suggest(column, &COLUMNS),
        );
    }
    let missing: Vec<&str> = REQUIRED
        .into_iter()
        .filter(|r| !header.iter().any(|h| h.trim() == *r))
        .collect();
    if !missing.is_empty() || !header.iter().any(|h| h.trim().starts_with("venue_")) {
        cx.report(
            Diagnostic::error(
                &cx.place(0..header_end),
                "the header lacks columns every meeting needs",
            )
            .with_help(format!("the first line names the columns: {}", COLUMNS.join(","))),
        );
        return Vec::new();
    }
    let mut meetings = Vec::new();
    for record in reader.records() {
        match record {
            Ok(row) => meetings.extend(csv_meeting(cx, &header, &row)),
            Err(e) => {
                let at = e.position().map_or(0, |p| p.byte() as usize).min(text.len());
                match unclosed_quote(&text[at..]) {
                    Some(quote) => cx.report(
                        Diagnostic::error(
                            &cx.place(at + quote..at + quote + 1),
                            "this quote opens a field that is never closed",
                        )
                        .with_help(
                            "close the field with another `\"`; write a quote inside a field as `\"\"`",
                        ),
                    ),
                    None => match e.kind() {
                        csv::ErrorKind::UnequalLengths {
                            expected_len, len, ..
                        } => cx.error(
                            at..at,
                            format!("this row has {len} fields, but the header names {expected_len} columns"),
                        ),
                        _ => cx.error(at..at, format!("malformed CSV: {e}")),
                    },
                }
                // After a broken quote the rest of the file is one field.
                break;
            }
        }
    }
    meetings
}

/// Where a quote that is never closed opens in `rest`, if one does.
fn unclosed_quote(rest: &str) -> Option<usize> {
    let mut open = None;
    for (i, c) in rest.char_indices() {
        if c == '"' {
            open = if open.is_some() { None } else { Some(i) };
        }
    }
    open
}

/// Byte offsets of the fields of the row that starts `line`, honouring quotes.
fn field_starts(line: &str) -> Vec<usize> {
    let mut starts = vec![0];
    let mut quoted = false;
    for (i, c) in line.char_indices() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => starts.push(i + 1),
            '\n' if !quoted => break,
            _ => {}
        }
    }
    starts
}

/// One CSV row as a meeting.
fn csv_meeting(cx: &FileContext, header: &csv::StringRecord, row: &csv::StringRecord) -> Option<Meeting> {
    let text = &cx.file.text;
    let start = row.position().map_or(0, |p| p.byte() as usize).min(text.len());
    let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let starts = field_starts(&text[start..]);
    let row_place = cx.place(start..line_end);
    // Each value's place is its own cell, so an error points at the column.
    let cell = |i: usize| {
        let from = start + starts.get(i).copied().unwrap_or(0);
        let to = starts.get(i + 1).map_or(line_end, |&n| start + n - 1).max(from);
        cx.place(from..to)
    };
    let field = |name: &str| -> Option<Text> {
        let i = header.iter().position(|h| h.trim() == name)?;
        let value = row.get(i)?.trim();
        (!value.is_empty()).then(|| super::markup::text(value.to_owned(), cell(i)))
    };
    let required = |name: &str| {
        let value = field(name);
        if value.is_none() {
            cx.report(Diagnostic::error(
                &row_place,
                format!("missing `{name}` in this row"),
            ));
        }
        value
    };
    let localized = |prefix: &str| {
        let entries: Vec<(Lang, Text)> = [Lang::Kk, Lang::Ru, Lang::En]
            .into_iter()
            .filter_map(|l| field(&format!("{prefix}_{}", l.code())).map(|t| (l, t)))
            .collect();
        (!entries.is_empty()).then(|| Localized {
            entries,
            place: row_place.clone(),
        })
    };
    let id = required("id").and_then(|t| checked_id(cx, "id", t));
    let audience = required("audience").and_then(|t| checked_id(cx, "audience", t));
    let date = required("date").and_then(|d| {
        let parsed = parse_date(&d.value);
        if parsed.is_none() {
            cx.report(Diagnostic::error(
                &d.place,
                format!(
                    "`date` must be a date written YYYY-MM-DD, like 2026-02-12, found {:?}",
                    d.value
                ),
            ));
        }
        parsed
    });
    let time = field("time").filter(|t| checked_time(cx, t));
    let venue = localized("venue");
    if venue.is_none() {
        cx.report(Diagnostic::error(
            &row_place,
            "missing the venue (venue_kk, venue_ru, venue_en) in this row",
        ));
    }
    Some(Meeting {
        id: id?,
        audience: audience?,
        date: date?,
        time,
        venue: venue?,
        speaker: localized("speaker"),
    })
}

/// A `YYYY-MM-DD` date that exists.
fn parse_date(text: &str) -> Option<Date> {
    let shape = text.len() == 10
        && text.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if !shape {
        return None;
    }
    let mut parts = text.split('-');
    let year: u16 = parts.next()?.parse().ok()?;
    let month: u8 = parts.next()?.parse().ok()?;
    let day: u8 = parts.next()?.parse().ok()?;
    let leap = year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
    let days = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    let valid = parts.next().is_none()
        && (1..=12).contains(&month)
        && day >= 1
        && day <= days[usize::from(month) - 1];
    valid.then_some(Date { year, month, day })
}

/// Checks meetings against the project: known audiences, unique ids.
pub fn validate(meetings: &[Meeting], audiences: &[&str]) -> Vec<Diagnostic> {
    let mut out = super::validate::duplicates("meeting", meetings.iter().map(|m| &m.id));
    for m in meetings
        .iter()
        .filter(|m| !audiences.contains(&m.audience.value.as_str()))
    {
        out.push(
            Diagnostic::error(
                &m.audience.place,
                format!(
                    "meeting `{}` is for the unknown audience `{}`",
                    m.id.value, m.audience.value
                ),
            )
            .suggest(&m.audience.value, audiences),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(name: &str, text: &str) -> (Vec<Meeting>, Vec<String>) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(name), text).unwrap();
        let mut diagnostics = Vec::new();
        let meetings = read(&ProjectDir::open(dir.path()).unwrap(), &mut diagnostics);
        (meetings, diagnostics.iter().map(ToString::to_string).collect())
    }

    #[test]
    fn toml_and_csv_give_the_same_meeting() {
        let (from_toml, problems) = load(
            "meetings.toml",
            "[[meeting]]\nid = \"m1\"\naudience = \"a\"\ndate = 2026-02-12\ntime = \"11:00\"\nvenue = { kk = \"Базар\", ru = \"Рынок\", en = \"Bazaar\" }\n",
        );
        assert!(problems.is_empty(), "{problems:?}");
        let (from_csv, problems) = load(
            "meetings.csv",
            "id,audience,date,time,venue_kk,venue_ru,venue_en,speaker_kk,speaker_ru,speaker_en\nm1,a,2026-02-12,11:00,Базар,Рынок,Bazaar,,,\n",
        );
        assert!(problems.is_empty(), "{problems:?}");
        for m in [&from_toml[0], &from_csv[0]] {
            assert_eq!(
                (m.id.value.as_str(), m.date),
                (
                    "m1",
                    Date {
                        year: 2026,
                        month: 2,
                        day: 12
                    }
                )
            );
            assert_eq!(m.venue.get(Lang::Ru).unwrap().value, "Рынок");
            assert!(m.speaker.is_none());
        }
    }

    #[test]
    fn bad_rows_are_reported_with_their_line() {
        let (meetings, problems) = load(
            "meetings.csv",
            "id,audience,date,time,venue_kk,venue_ru,venue_en\nm1,a,2026-02-30,25:00,Базар,Рынок,Bazaar\n",
        );
        assert!(meetings.is_empty());
        assert!(
            problems
                .iter()
                .any(|p| p.contains("2026-02-30") && p.contains("meetings.csv:2:6")),
            "{problems:?}"
        );
        assert!(problems.iter().any(|p| p.contains("25:00")), "{problems:?}");
    }

    const HEADER: &str = "id,audience,date,time,venue_kk,venue_ru,venue_en\n";

    #[test]
    fn csv_ids_that_are_not_file_names_are_refused_at_their_cell() {
        let long = "a".repeat(65);
        for (id, why) in [
            ("../../../../tmp/x", "contains '.'"),
            ("a/b", "contains '/'"),
            (long.as_str(), "65 characters"),
            ("Bazaar", "contains 'B'"),
        ] {
            let (meetings, problems) = load(
                "meetings.csv",
                &format!("{HEADER}{id},a,2026-02-12,11:00,Базар,Рынок,Bazaar\n"),
            );
            assert!(meetings.is_empty(), "{id}");
            let all = problems.join("\n");
            assert!(
                all.contains("meetings.csv:2:1") && all.contains(why),
                "{id}: {all}"
            );
        }
    }

    #[test]
    fn times_and_dates_are_strict() {
        for (row, bad) in [
            ("m1,a,2026-02-12,+9:+5,Б,Р,B", "+9:+5"),
            ("m1,a,2026-02-12,9:00,Б,Р,B", "9:00"),
            ("m1,a,+2026-2-3,11:00,Б,Р,B", "+2026-2-3"),
            ("m1,a,2026-2-3,11:00,Б,Р,B", "2026-2-3"),
        ] {
            let (_, problems) = load("meetings.csv", &format!("{HEADER}{row}\n"));
            assert!(problems.iter().any(|p| p.contains(bad)), "{row}: {problems:?}");
        }
    }

    #[test]
    fn an_unclosed_quote_and_an_empty_file_say_what_is_wrong() {
        let (_, problems) = load(
            "meetings.csv",
            &format!("{HEADER}m1,a,2026-02-12,11:00,\"Базар,Рынок,Bazaar\nm2,a,2026-02-12,11:00,Б,Р,B\n"),
        );
        let all = problems.join("\n");
        assert!(
            all.contains("never closed") && all.contains("meetings.csv:2:23"),
            "{all}"
        );
        let (_, problems) = load("meetings.csv", "");
        assert!(
            problems.join("").contains("meetings.csv is empty"),
            "{problems:?}"
        );
    }
}
