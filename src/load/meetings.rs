//! Scheduled meetings: `meetings.toml` (`[[meeting]]` tables) or
//! `meetings.csv` with the columns id, audience, date, time, venue_kk,
//! venue_ru, venue_en, speaker_kk, speaker_ru, speaker_en.

use std::path::Path;
use std::sync::Arc;

use crate::diag::{Diagnostic, SourceFile};
use crate::project::{Date, Id, Lang, Localized, Meeting, Text};

use super::reader::{FileContext, TableReader};

/// Reads the project's meetings file, if it has one.
pub fn read(root: &Path, diagnostics: &mut Vec<Diagnostic>) -> Vec<Meeting> {
    let toml = root.join("meetings.toml");
    let csv = root.join("meetings.csv");
    let (path, is_toml) = match (toml.is_file(), csv.is_file()) {
        (true, _) => (toml, true),
        (false, true) => (csv, false),
        (false, false) => return Vec::new(),
    };
    match super::read_source(&path, diagnostics) {
        Some(file) if is_toml => from_toml(file, diagnostics),
        Some(file) => from_csv(&file, diagnostics),
        None => Vec::new(),
    }
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
            let venue = t.localized("venue", true);
            let speaker = t.localized("speaker", false);
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
    let ok = time
        .value
        .split_once(':')
        .and_then(|(h, m)| Some((h.parse::<u8>().ok()?, m.parse::<u8>().ok()?, m.len())))
        .is_some_and(|(h, m, len)| h < 24 && m < 60 && len == 2);
    if !ok {
        cx.report(Diagnostic::error(
            &time.place,
            format!("`time` must be a time like \"11:00\", found {:?}", time.value),
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

/// Rows of `meetings.csv`.
fn from_csv(file: &Arc<SourceFile>, diagnostics: &mut Vec<Diagnostic>) -> Vec<Meeting> {
    let cx = FileContext::new(file.clone());
    let mut reader = csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(file.text.as_bytes());
    let header = match reader.headers() {
        Ok(h) => h.clone(),
        Err(e) => {
            cx.error(0..0, format!("malformed CSV: {e}"));
            diagnostics.extend(cx.into_diagnostics());
            return Vec::new();
        }
    };
    for column in header.iter().filter(|c| !COLUMNS.contains(c)) {
        cx.report(
            Diagnostic::error(&cx.place(0..0), format!("unknown column `{column}`"))
                .suggest(column, &COLUMNS),
        );
    }
    let mut meetings = Vec::new();
    for record in reader.records() {
        match record {
            Ok(row) => meetings.extend(csv_meeting(&cx, &header, &row)),
            Err(e) => {
                let at = e.position().map_or(0, |p| p.byte() as usize);
                cx.error(at..at, format!("malformed CSV: {e}"));
            }
        }
    }
    diagnostics.extend(cx.into_diagnostics());
    meetings
}

/// One CSV row as a meeting.
fn csv_meeting(cx: &FileContext, header: &csv::StringRecord, row: &csv::StringRecord) -> Option<Meeting> {
    let start = row.position().map_or(0, |p| p.byte() as usize);
    let line_end = cx.file.text[start..]
        .find('\n')
        .map_or(cx.file.text.len(), |i| start + i);
    let place = cx.place(start..line_end);
    let field = |name: &str| -> Option<Text> {
        let i = header.iter().position(|h| h == name)?;
        let value = row.get(i)?.trim();
        (!value.is_empty()).then(|| Text {
            value: value.to_owned(),
            place: place.clone(),
        })
    };
    let required = |name: &str| {
        let value = field(name);
        if value.is_none() {
            cx.report(Diagnostic::error(&place, format!("missing `{name}` in this row")));
        }
        value
    };
    let id = |t: Text| Id {
        value: t.value,
        place: t.place,
    };
    let localized = |prefix: &str| {
        let entries: Vec<(Lang, Text)> = [Lang::Kk, Lang::Ru, Lang::En]
            .into_iter()
            .filter_map(|l| field(&format!("{prefix}_{}", l.code())).map(|t| (l, t)))
            .collect();
        (!entries.is_empty()).then(|| Localized {
            entries,
            place: place.clone(),
        })
    };
    let date = required("date").and_then(|d| {
        let parsed = parse_date(&d.value);
        if parsed.is_none() {
            cx.report(Diagnostic::error(
                &place,
                format!("`date` must be a date like 2026-02-12, found {:?}", d.value),
            ));
        }
        parsed
    });
    let time = field("time").filter(|t| checked_time(cx, t));
    let venue = localized("venue");
    if venue.is_none() {
        cx.report(Diagnostic::error(
            &place,
            "missing the venue (venue_kk, venue_ru, venue_en) in this row",
        ));
    }
    Some(Meeting {
        id: id(required("id")?),
        audience: id(required("audience")?),
        date: date?,
        time,
        venue: venue?,
        speaker: localized("speaker"),
    })
}

/// A `YYYY-MM-DD` date that exists.
fn parse_date(text: &str) -> Option<Date> {
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
        let meetings = read(dir.path(), &mut diagnostics);
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
                .any(|p| p.contains("2026-02-30") && p.contains("meetings.csv:2:1")),
            "{problems:?}"
        );
        assert!(problems.iter().any(|p| p.contains("25:00")), "{problems:?}");
    }
}
