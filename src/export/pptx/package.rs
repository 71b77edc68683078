//! The Open Packaging Conventions under a PowerPoint file: named parts in a
//! zip, a `[Content_Types].xml` naming each part's type, and relationship
//! parts linking them. Reading is for organisers' templates, so it is
//! bounded and every failure is a sentence, never a panic.

use std::collections::BTreeMap;
use std::io::{Cursor, Read, Write};

use quick_xml::Reader;
use quick_xml::escape::unescape;
use quick_xml::events::{BytesStart, Event};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

use super::xml::Xml;

/// Most parts a template may have: real templates have a few hundred.
const MAX_PARTS: usize = 4000;
/// Most bytes a template may unpack to, so a zip bomb is refused.
const MAX_UNPACKED: u64 = 256 * 1024 * 1024;

/// Where the content types are listed.
pub const CONTENT_TYPES: &str = "[Content_Types].xml";

/// Relationship types, by the part they lead to.
pub mod rel {
    /// The presentation, from the package.
    pub const DOCUMENT: &str =
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument";
    /// Core properties (title, author, language).
    pub const CORE: &str =
        "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties";
    /// Application properties.
    pub const APP: &str =
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties";
    /// A slide master.
    pub const MASTER: &str =
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/slideMaster";
    /// A slide layout.
    pub const LAYOUT: &str =
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/slideLayout";
    /// A slide.
    pub const SLIDE: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/slide";
    /// The notes master.
    pub const NOTES_MASTER: &str =
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/notesMaster";
    /// A slide's notes page.
    pub const NOTES_SLIDE: &str =
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/notesSlide";
    /// A theme.
    pub const THEME: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme";
    /// A picture.
    pub const IMAGE: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image";
    /// A web link.
    pub const HYPERLINK: &str =
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink";
    /// Presentation properties.
    pub const PRES_PROPS: &str =
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/presProps";
    /// View properties.
    pub const VIEW_PROPS: &str =
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/viewProps";
    /// Table styles.
    pub const TABLE_STYLES: &str =
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/tableStyles";
}

/// Content types, by part.
pub mod kind {
    /// Relationship parts.
    pub const RELS: &str = "application/vnd.openxmlformats-package.relationships+xml";
    /// The presentation.
    pub const PRESENTATION: &str =
        "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml";
    /// A slide.
    pub const SLIDE: &str = "application/vnd.openxmlformats-officedocument.presentationml.slide+xml";
    /// A slide master.
    pub const MASTER: &str = "application/vnd.openxmlformats-officedocument.presentationml.slideMaster+xml";
    /// A slide layout.
    pub const LAYOUT: &str = "application/vnd.openxmlformats-officedocument.presentationml.slideLayout+xml";
    /// The notes master.
    pub const NOTES_MASTER: &str =
        "application/vnd.openxmlformats-officedocument.presentationml.notesMaster+xml";
    /// A notes page.
    pub const NOTES_SLIDE: &str =
        "application/vnd.openxmlformats-officedocument.presentationml.notesSlide+xml";
    /// A theme.
    pub const THEME: &str = "application/vnd.openxmlformats-officedocument.theme+xml";
    /// Presentation properties.
    pub const PRES_PROPS: &str = "application/vnd.openxmlformats-officedocument.presentationml.presProps+xml";
    /// View properties.
    pub const VIEW_PROPS: &str = "application/vnd.openxmlformats-officedocument.presentationml.viewProps+xml";
    /// Table styles.
    pub const TABLE_STYLES: &str =
        "application/vnd.openxmlformats-officedocument.presentationml.tableStyles+xml";
    /// Core properties.
    pub const CORE: &str = "application/vnd.openxmlformats-package.core-properties+xml";
    /// Application properties.
    pub const APP: &str = "application/vnd.openxmlformats-officedocument.extended-properties+xml";
}

/// One relationship of a part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Relationship {
    /// Its id within the part, as the part's markup refers to it.
    pub id: String,
    /// What the target is (a URI of [`rel`]).
    pub kind: String,
    /// The target, relative to the source part's folder, or a web address.
    pub target: String,
    /// Whether the target is outside the package (a web link).
    pub external: bool,
}

/// Every part by name (no leading slash), with the content types.
#[derive(Debug, Clone, Default)]
pub struct Package {
    /// Part name to bytes.
    pub parts: BTreeMap<String, Vec<u8>>,
    /// Extension to content type, for parts without an override.
    pub defaults: BTreeMap<String, String>,
    /// Part name to content type.
    pub overrides: BTreeMap<String, String>,
}

impl Package {
    /// Reads a zip into parts, refusing archives too large to be a
    /// template.
    pub fn read(bytes: &[u8]) -> Result<Self, String> {
        let mut zip =
            ZipArchive::new(Cursor::new(bytes)).map_err(|e| format!("it is not a zip archive ({e})"))?;
        if zip.len() > MAX_PARTS {
            return Err(format!("it has more than {MAX_PARTS} parts"));
        }
        let mut package = Package::default();
        let mut unpacked = 0;
        for i in 0..zip.len() {
            let mut file = zip
                .by_index(i)
                .map_err(|e| format!("its zip archive is damaged ({e})"))?;
            if file.is_dir() {
                continue;
            }
            let name = file
                .name()
                .map_err(|e| format!("its zip archive is damaged ({e})"))?
                .trim_start_matches('/')
                .to_owned();
            let mut data = Vec::new();
            (&mut file)
                .take(MAX_UNPACKED - unpacked + 1)
                .read_to_end(&mut data)
                .map_err(|e| format!("the part {name} cannot be unpacked ({e})"))?;
            unpacked += data.len() as u64;
            if unpacked > MAX_UNPACKED {
                return Err(format!(
                    "it unpacks to more than {} MB",
                    MAX_UNPACKED / (1024 * 1024)
                ));
            }
            package.parts.insert(name, data);
        }
        let types = package
            .parts
            .remove(CONTENT_TYPES)
            .ok_or("it has no [Content_Types].xml, so it is not an Office file")?;
        package.read_content_types(&types)?;
        Ok(package)
    }

    /// The text of a part, if it is there and is UTF-8.
    pub fn text(&self, name: &str) -> Result<&str, String> {
        let bytes = self
            .parts
            .get(name)
            .ok_or_else(|| format!("the part {name} is missing"))?;
        std::str::from_utf8(bytes).map_err(|_| format!("the part {name} is not UTF-8 text"))
    }

    /// The relationships of `part` (`""` for the package's own).
    pub fn relationships(&self, part: &str) -> Result<Vec<Relationship>, String> {
        let name = rels_name(part);
        if !self.parts.contains_key(&name) {
            return Ok(Vec::new());
        }
        read_relationships(self.text(&name)?).map_err(|e| format!("{name}: {e}"))
    }

    /// Adds or replaces a part with its content type.
    pub fn put(&mut self, name: &str, kind: &str, bytes: Vec<u8>) {
        self.overrides.insert(name.to_owned(), kind.to_owned());
        self.parts.insert(name.to_owned(), bytes);
    }

    /// Adds a part whose type comes from its extension.
    pub fn put_by_extension(&mut self, name: &str, bytes: Vec<u8>) {
        self.parts.insert(name.to_owned(), bytes);
    }

    /// Sets the relationships of `part`.
    pub fn put_relationships(&mut self, part: &str, relationships: &[Relationship]) {
        self.parts
            .insert(rels_name(part), write_relationships(relationships).into_bytes());
    }

    /// Removes a part and its relationships.
    pub fn remove(&mut self, name: &str) {
        self.parts.remove(name);
        self.parts.remove(&rels_name(name));
        self.overrides.remove(name);
    }

    /// A part name `{stem}{n}.{ext}` not yet taken, counting from 1.
    pub fn free_name(&self, stem: &str, ext: &str) -> String {
        (1..)
            .map(|n| format!("{stem}{n}.{ext}"))
            .find(|name| !self.parts.contains_key(name))
            .expect("some number is free")
    }

    /// The zip: `[Content_Types].xml` first, then every part by name, all
    /// dated 1980-01-01, so identical decks are identical files.
    pub fn write(&self) -> Result<Vec<u8>, String> {
        let options = SimpleFileOptions::default()
            .compression_method(CompressionMethod::Deflated)
            .last_modified_time(zip::DateTime::default())
            .unix_permissions(0o644);
        let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
        let types = self.content_types();
        let mut put = |name: &str, bytes: &[u8]| -> Result<(), String> {
            zip.start_file(name, options).map_err(|e| e.to_string())?;
            zip.write_all(bytes).map_err(|e| e.to_string())
        };
        put(CONTENT_TYPES, types.as_bytes())?;
        for (name, bytes) in &self.parts {
            put(name, bytes)?;
        }
        Ok(zip.finish().map_err(|e| e.to_string())?.into_inner())
    }

    /// `[Content_Types].xml` for the parts there are: defaults for the
    /// extensions in use, overrides for the parts present.
    fn content_types(&self) -> String {
        let mut xml = Xml::part();
        xml.open(
            "Types",
            &[(
                "xmlns",
                "http://schemas.openxmlformats.org/package/2006/content-types",
            )],
        );
        for (ext, kind) in &self.defaults {
            let used = self.parts.keys().any(|p| extension(p) == ext.as_str());
            if used || ext == "rels" || ext == "xml" {
                xml.empty("Default", &[("Extension", ext), ("ContentType", kind)]);
            }
        }
        for (part, kind) in &self.overrides {
            if self.parts.contains_key(part) {
                xml.empty(
                    "Override",
                    &[("PartName", &format!("/{part}")), ("ContentType", kind)],
                );
            }
        }
        xml.close("Types");
        xml.finish()
    }

    /// Reads the defaults and overrides of a template.
    fn read_content_types(&mut self, text: &[u8]) -> Result<(), String> {
        let text =
            std::str::from_utf8(text).map_err(|_| "its [Content_Types].xml is not UTF-8".to_owned())?;
        for element in elements(text).map_err(|e| format!("[Content_Types].xml: {e}"))? {
            match element.name.as_str() {
                "Default" => {
                    if let (Some(ext), Some(kind)) = (element.get("Extension"), element.get("ContentType")) {
                        self.defaults.insert(ext.to_ascii_lowercase(), kind.to_owned());
                    }
                }
                "Override" => {
                    if let (Some(part), Some(kind)) = (element.get("PartName"), element.get("ContentType")) {
                        self.overrides
                            .insert(part.trim_start_matches('/').to_owned(), kind.to_owned());
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }
}

/// The content type a part has: its override, else its extension's default.
impl Package {
    /// The content type of `name`, if the package says.
    pub fn kind_of(&self, name: &str) -> Option<&str> {
        self.overrides
            .get(name)
            .or_else(|| self.defaults.get(&extension(name).to_ascii_lowercase()))
            .map(String::as_str)
    }
}

/// The extension of a part name.
fn extension(name: &str) -> &str {
    name.rsplit_once('.').map_or("", |(_, ext)| ext)
}

/// The relationships part of `part`: `a/b.xml` → `a/_rels/b.xml.rels`.
pub fn rels_name(part: &str) -> String {
    match part.rsplit_once('/') {
        Some((folder, file)) => format!("{folder}/_rels/{file}.rels"),
        None => format!("_rels/{part}.rels"),
    }
}

/// The part a relationship of `source` leads to.
pub fn resolve(source: &str, target: &str) -> String {
    if let Some(absolute) = target.strip_prefix('/') {
        return absolute.to_owned();
    }
    let mut path: Vec<&str> = source.split('/').collect();
    path.pop();
    for piece in target.split('/') {
        match piece {
            ".." => {
                path.pop();
            }
            "." | "" => {}
            name => path.push(name),
        }
    }
    path.join("/")
}

/// `target` as written in a relationship of `source`: relative to its folder.
pub fn relative(source: &str, target: &str) -> String {
    let from: Vec<&str> = source.split('/').collect();
    let from = &from[..from.len() - 1];
    let to: Vec<&str> = target.split('/').collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut out: Vec<&str> = vec![".."; from.len() - common];
    out.extend(&to[common..]);
    out.join("/")
}

/// Parses a relationships part.
fn read_relationships(text: &str) -> Result<Vec<Relationship>, String> {
    Ok(elements(text)?
        .into_iter()
        .filter(|e| e.name == "Relationship")
        .filter_map(|e| {
            Some(Relationship {
                id: e.get("Id")?.to_owned(),
                kind: e.get("Type")?.to_owned(),
                target: e.get("Target")?.to_owned(),
                external: e.get("TargetMode") == Some("External"),
            })
        })
        .collect())
}

/// A relationships part.
fn write_relationships(relationships: &[Relationship]) -> String {
    let mut xml = Xml::part();
    xml.open(
        "Relationships",
        &[(
            "xmlns",
            "http://schemas.openxmlformats.org/package/2006/relationships",
        )],
    );
    for r in relationships {
        let mut attrs = vec![
            ("Id", r.id.as_str()),
            ("Type", r.kind.as_str()),
            ("Target", r.target.as_str()),
        ];
        if r.external {
            attrs.push(("TargetMode", "External"));
        }
        xml.empty("Relationship", &attrs);
    }
    xml.close("Relationships");
    xml.finish()
}

/// An element's name (without prefix) and attributes (unescaped).
#[derive(Debug, Clone)]
pub struct Element {
    /// Local name.
    pub name: String,
    /// Attributes by their qualified name, in order.
    pub attrs: Vec<(String, String)>,
    /// How deep it is (the root is 0).
    pub depth: usize,
}

impl Element {
    /// An attribute by its qualified name (`type`, `r:id`).
    pub fn get(&self, key: &str) -> Option<&str> {
        self.attrs.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }

    /// Reads an element's start tag.
    fn of(start: &BytesStart<'_>, depth: usize) -> Result<Self, String> {
        let name = start.local_name().as_ref().to_owned();
        let mut attrs = Vec::new();
        for attr in start.attributes() {
            let attr = attr.map_err(|e| e.to_string())?;
            let key = attr.key.as_ref().to_owned();
            let value = unescape(&attr.value).map_err(|e| e.to_string())?.into_owned();
            attrs.push((key, value));
        }
        Ok(Self { name, attrs, depth })
    }
}

/// Every element of a part in document order, with its depth: enough to
/// read names, placeholders and geometry without a schema.
pub fn elements(text: &str) -> Result<Vec<Element>, String> {
    let mut reader = Reader::from_str(text);
    let mut out = Vec::new();
    let mut depth = 0;
    loop {
        match reader.read_event() {
            Ok(Event::Start(start)) => {
                out.push(Element::of(&start, depth)?);
                depth += 1;
            }
            Ok(Event::Empty(start)) => out.push(Element::of(&start, depth)?),
            Ok(Event::End(_)) => depth = depth.saturating_sub(1),
            Ok(Event::Eof) => return Ok(out),
            Ok(_) => {}
            Err(e) => {
                return Err(format!(
                    "malformed XML at byte {} ({e})",
                    reader.buffer_position()
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_resolve_against_the_source_folder_and_back() {
        assert_eq!(
            resolve("ppt/slides/slide1.xml", "../slideLayouts/slideLayout2.xml"),
            "ppt/slideLayouts/slideLayout2.xml"
        );
        assert_eq!(resolve("", "ppt/presentation.xml"), "ppt/presentation.xml");
        assert_eq!(
            resolve("ppt/presentation.xml", "/ppt/theme/theme1.xml"),
            "ppt/theme/theme1.xml"
        );
        assert_eq!(
            relative("ppt/slides/slide1.xml", "ppt/media/image1.png"),
            "../media/image1.png"
        );
        assert_eq!(
            relative("ppt/presentation.xml", "ppt/slides/slide3.xml"),
            "slides/slide3.xml"
        );
        assert_eq!(relative("", "ppt/presentation.xml"), "ppt/presentation.xml");
    }

    #[test]
    fn rels_live_beside_their_part() {
        assert_eq!(
            rels_name("ppt/presentation.xml"),
            "ppt/_rels/presentation.xml.rels"
        );
        assert_eq!(rels_name(""), "_rels/.rels");
    }

    #[test]
    fn what_is_not_a_zip_is_refused_in_words() {
        assert!(Package::read(b"PK\x03\x04 broken").unwrap_err().contains("zip"));
        assert!(
            Package::read(b"plain text")
                .unwrap_err()
                .contains("not a zip archive")
        );
    }
}
