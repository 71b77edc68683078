//! XLIFF 2.0, the exchange format of translation tools (OmegaT, Trados,
//! memoQ, Weblate, Poedit through a converter): writing it for export,
//! reading it back, every problem at its line and column.

use std::ops::Range;
use std::sync::Arc;

use quick_xml::Reader;
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesStart, BytesText, Event};

use crate::diag::{Diagnostic, Place, SourceFile};
use crate::project::Lang;

/// The XLIFF 2.0 namespace.
const NAMESPACE: &str = "urn:oasis:names:tc:xliff:document:2.0";

/// A translation file: units grouped by the project file they come from.
#[derive(Debug, Clone, PartialEq)]
pub struct Xliff {
    /// The language translated from.
    pub source: Lang,
    /// The language translated into.
    pub target: Lang,
    /// The groups, one per project file.
    pub files: Vec<FileGroup>,
}

/// The units of one project file.
#[derive(Debug, Clone, PartialEq)]
pub struct FileGroup {
    /// The project file, relative to the project folder.
    pub original: String,
    /// Its units, in file order.
    pub units: Vec<Unit>,
}

/// One localised field.
#[derive(Debug, Clone, PartialEq)]
pub struct Unit {
    /// The field's path, e.g. `point.preamble.body`.
    pub id: String,
    /// Where the field appears and who reads it, for the translator.
    pub notes: Vec<String>,
    /// One segment per text: one for a text, one per item of a list.
    pub segments: Vec<Segment>,
    /// Where the unit is in the XLIFF file it was read from.
    pub span: Range<usize>,
}

/// A source text and its translation.
#[derive(Debug, Clone, PartialEq)]
pub struct Segment {
    /// The text to translate, as written in the TOML (inline Markdown).
    pub source: String,
    /// The translation, if there is one.
    pub target: Option<String>,
    /// `translated` for a current translation, `initial` otherwise.
    pub state: Option<String>,
}

impl Xliff {
    /// The document as XLIFF 2.0 text.
    pub fn to_xml(&self) -> String {
        let mut writer = Writer::new_with_indent(Vec::new(), b' ', 2);
        let written = self.write(&mut writer);
        // Writing into memory cannot fail.
        debug_assert!(written.is_ok());
        let mut text = String::from_utf8(writer.into_inner()).unwrap_or_default();
        text.push('\n');
        text
    }

    /// Writes the document.
    fn write(&self, w: &mut Writer<Vec<u8>>) -> std::io::Result<()> {
        w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
        w.create_element("xliff")
            .with_attributes([
                ("xmlns", NAMESPACE),
                ("version", "2.0"),
                ("srcLang", self.source.bcp47()),
                ("trgLang", self.target.bcp47()),
            ])
            .write_inner_content(|w| {
                for (n, file) in self.files.iter().enumerate() {
                    let id = format!("f{}", n + 1);
                    w.create_element("file")
                        .with_attributes([("id", id.as_str()), ("original", file.original.as_str())])
                        .write_inner_content(|w| file.units.iter().try_for_each(|u| u.write(w)))?;
                }
                Ok(())
            })?;
        Ok(())
    }
}

impl Unit {
    /// Writes one `<unit>`.
    fn write(&self, w: &mut Writer<Vec<u8>>) -> std::io::Result<()> {
        w.create_element("unit")
            .with_attribute(("id", self.id.as_str()))
            .write_inner_content(|w| {
                if !self.notes.is_empty() {
                    w.create_element("notes").write_inner_content(|w| {
                        for note in &self.notes {
                            w.create_element("note")
                                .write_text_content(BytesText::new(note))?;
                        }
                        Ok(())
                    })?;
                }
                for (n, segment) in self.segments.iter().enumerate() {
                    let id = (n + 1).to_string();
                    let mut start = w.create_element("segment").with_attribute(("id", id.as_str()));
                    if let Some(state) = &segment.state {
                        start = start.with_attribute(("state", state.as_str()));
                    }
                    start.write_inner_content(|w| {
                        w.create_element("source")
                            .write_text_content(BytesText::new(&segment.source))?;
                        if let Some(target) = &segment.target {
                            w.create_element("target")
                                .write_text_content(BytesText::new(target))?;
                        }
                        Ok(())
                    })?;
                }
                Ok(())
            })?;
        Ok(())
    }
}

/// Where the reader is inside the document.
#[derive(Debug, Default)]
struct Cursor {
    /// Languages from `<xliff>`.
    langs: Option<(Lang, Lang)>,
    /// The unit being read.
    unit: Option<Unit>,
    /// The segment being read.
    segment: Option<Segment>,
    /// The text of the `<source>`, `<target>` or `<note>` being read, and which.
    text: Option<(String, Holder)>,
    /// The current `<file>`.
    file: Option<FileGroup>,
    /// Every file read.
    files: Vec<FileGroup>,
}

/// The element whose text is being read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Holder {
    /// `<source>`.
    Source,
    /// `<target>`.
    Target,
    /// `<note>` of a unit.
    Note,
}

/// Reads an XLIFF 2.0 file; every problem comes back with its place.
pub fn parse(file: &Arc<SourceFile>) -> Result<Xliff, Vec<Diagnostic>> {
    let mut reader = Reader::from_str(&file.text);
    let mut cursor = Cursor::default();
    let mut problems = Vec::new();
    loop {
        let start = reader.buffer_position() as usize;
        let event = match reader.read_event() {
            Ok(event) => event,
            Err(e) => {
                let at = reader.error_position() as usize;
                problems.push(Diagnostic::error(
                    &Place::new(file, at..at + 1),
                    format!("malformed XLIFF: {e}"),
                ));
                return Err(problems);
            }
        };
        let span = start..reader.buffer_position() as usize;
        let place = Place::new(file, span.clone());
        match event {
            Event::Start(e) => open(&mut cursor, &e, span, &place, &mut problems),
            Event::Empty(e) => {
                open(&mut cursor, &e, span, &place, &mut problems);
                close(&mut cursor, e.local_name().as_ref());
            }
            Event::End(e) => close(&mut cursor, e.local_name().as_ref()),
            Event::Text(t) => {
                if let Some((text, _)) = &mut cursor.text {
                    text.push_str(&t.xml10_content());
                }
            }
            Event::CData(t) => {
                if let Some((text, _)) = &mut cursor.text {
                    text.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c.to_string()),
                    _ => quick_xml::escape::resolve_xml_entity(&r.xml10_content()).map(str::to_owned),
                };
                match (resolved, &mut cursor.text) {
                    (Some(s), Some((text, _))) => text.push_str(&s),
                    (None, _) => problems.push(Diagnostic::error(
                        &place,
                        format!("unknown entity `&{};`", r.xml10_content()),
                    )),
                    _ => {}
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let Some((source, target)) = cursor.langs else {
        problems.push(Diagnostic::error(
            &Place::file_start(file),
            "this is not an XLIFF 2.0 file: it has no <xliff> element with srcLang and trgLang",
        ));
        return Err(problems);
    };
    if problems.is_empty() {
        Ok(Xliff {
            source,
            target,
            files: cursor.files,
        })
    } else {
        Err(problems)
    }
}

/// An element opens.
fn open(
    cursor: &mut Cursor,
    e: &BytesStart<'_>,
    span: Range<usize>,
    place: &Place,
    problems: &mut Vec<Diagnostic>,
) {
    let attribute = |name: &str| {
        e.try_get_attribute(name).ok().flatten().and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned())
        })
    };
    match e.local_name().as_ref() {
        "xliff" => {
            if attribute("version").as_deref() != Some("2.0") {
                problems.push(
                    Diagnostic::error(place, "only XLIFF 2.0 is read (`version=\"2.0\"`)").with_help(
                        "export the file again with `handout strings export`, or save it as XLIFF 2.0",
                    ),
                );
            }
            let mut lang = |key: &str| {
                let value = attribute(key).unwrap_or_default();
                let lang = Lang::ALL
                    .into_iter()
                    .find(|l| l.bcp47().eq_ignore_ascii_case(&value));
                if lang.is_none() {
                    problems.push(Diagnostic::error(
                        place,
                        format!("`{key}` is {value:?}; expected kk, ru, en or kk-Latn"),
                    ));
                }
                lang
            };
            let (source, target) = (lang("srcLang"), lang("trgLang"));
            cursor.langs = source.zip(target);
        }
        "file" => {
            cursor.file = Some(FileGroup {
                original: attribute("original").unwrap_or_default(),
                units: Vec::new(),
            });
        }
        "unit" => {
            cursor.unit = Some(Unit {
                id: attribute("id").unwrap_or_default(),
                notes: Vec::new(),
                segments: Vec::new(),
                span,
            });
        }
        "segment" => {
            cursor.segment = Some(Segment {
                source: String::new(),
                target: None,
                state: attribute("state"),
            });
        }
        "source" if cursor.segment.is_some() => cursor.text = Some((String::new(), Holder::Source)),
        "target" if cursor.segment.is_some() => cursor.text = Some((String::new(), Holder::Target)),
        "note" if cursor.unit.is_some() => cursor.text = Some((String::new(), Holder::Note)),
        _ => {}
    }
}

/// An element closes.
fn close(cursor: &mut Cursor, name: &str) {
    match name {
        "source" | "target" | "note" => match (cursor.text.take(), &mut cursor.segment, &mut cursor.unit) {
            (Some((text, Holder::Source)), Some(segment), _) => segment.source = text,
            (Some((text, Holder::Target)), Some(segment), _) => segment.target = Some(text),
            (Some((text, Holder::Note)), _, Some(unit)) => unit.notes.push(text),
            _ => {}
        },
        "segment" => {
            if let (Some(segment), Some(unit)) = (cursor.segment.take(), &mut cursor.unit) {
                unit.segments.push(segment);
            }
        }
        "unit" => {
            if let (Some(unit), Some(file)) = (cursor.unit.take(), &mut cursor.file) {
                file.units.push(unit);
            }
        }
        "file" => cursor.files.extend(cursor.file.take()),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Xliff {
        Xliff {
            source: Lang::Ru,
            target: Lang::KkLatn,
            files: vec![FileGroup {
                original: "handout.toml".into(),
                units: vec![Unit {
                    id: "point.preamble.body".into(),
                    notes: vec!["handout.toml:12:8".into()],
                    segments: vec![
                        Segment {
                            source: "Права & <свободы>\n\n**жирный**".into(),
                            target: Some("Quqyqtar \"1\"".into()),
                            state: Some("translated".into()),
                        },
                        Segment {
                            source: "Второй".into(),
                            target: None,
                            state: Some("initial".into()),
                        },
                    ],
                    span: 0..0,
                }],
            }],
        }
    }

    #[test]
    fn what_is_written_reads_back() {
        let xml = sample().to_xml();
        assert!(xml.contains("<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" srcLang=\"ru\" trgLang=\"kk-Latn\">"), "{xml}");
        assert!(xml.contains("Права &amp; &lt;свободы&gt;"), "{xml}");
        let mut back = parse(&SourceFile::new("t.xlf", xml)).unwrap();
        for unit in back.files.iter_mut().flat_map(|f| f.units.iter_mut()) {
            unit.span = 0..0;
        }
        assert_eq!(back, sample());
    }

    #[test]
    fn a_unit_knows_its_line() {
        let xml = sample().to_xml();
        let file = SourceFile::new("t.xlf", xml);
        let back = parse(&file).unwrap();
        let span = back.files[0].units[0].span.clone();
        assert_eq!(file.line_col(span.start).0, 4, "{}", file.text);
    }

    #[test]
    fn broken_files_are_refused_at_their_place() {
        let broken = SourceFile::new(
            "t.xlf",
            "<xliff version=\"2.0\" srcLang=\"ru\" trgLang=\"kk\">\n<file>\n</xliff>\n".into(),
        );
        let problems = parse(&broken).unwrap_err();
        assert!(
            problems[0].to_string().contains("malformed XLIFF"),
            "{}",
            problems[0]
        );
        let old = SourceFile::new(
            "t.xlf",
            "<xliff version=\"1.2\" srcLang=\"ru\" trgLang=\"de\"></xliff>".into(),
        );
        let problems: Vec<String> = parse(&old).unwrap_err().iter().map(ToString::to_string).collect();
        assert!(
            problems.iter().any(|p| p.contains("only XLIFF 2.0")),
            "{problems:?}"
        );
        assert!(
            problems.iter().any(|p| p.contains("`trgLang` is \"de\"")),
            "{problems:?}"
        );
    }
}
