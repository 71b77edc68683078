//! The project's own fonts (`fonts/*.ttf`, `*.otf`), read through the project
//! folder and checked the way shaping will use them, so a damaged file is an
//! error at the file before any document is made.

use std::path::Path;
use std::sync::Arc;

use rustybuzz::ttf_parser::{Face, RawFace, name_id};

use crate::diag::Diagnostic;
use crate::project::ProjectFont;

use super::files::{FileError, MAX_BINARY_BYTES, ProjectDir};

/// Letters every face must draw: a face that cannot draw Latin or Cyrillic
/// letters is not a text face for any of our languages.
const PROBE: &str = "AaZzБбЯя";

/// The fonts in the project's `fonts/` folder, sorted by file name; a file
/// that is not a usable font is an error.
pub fn project_fonts(dir: &ProjectDir, diagnostics: &mut Vec<Diagnostic>) -> Vec<ProjectFont> {
    let folder = Path::new("fonts");
    let files = match dir.list(folder, &["ttf", "otf"]) {
        Ok(files) => files,
        Err(e) => {
            diagnostics.push(refused(dir, folder, &e));
            return Vec::new();
        }
    };
    let mut fonts = Vec::new();
    for relative in files {
        let path = dir.display(&relative);
        let bytes = match dir.read(&relative, MAX_BINARY_BYTES) {
            Ok(bytes) => bytes,
            Err(e) => {
                diagnostics.push(refused(dir, &relative, &e));
                continue;
            }
        };
        let face = match sound_face(&bytes) {
            Ok(face) => face,
            Err(why) => {
                diagnostics.push(
                    Diagnostic::plain(Some(&path), format!("not a usable font: {why}")).with_help(
                        "replace the file with a complete TrueType or OpenType font, or remove it",
                    ),
                );
                continue;
            }
        };
        let family = face_family(&face).unwrap_or_else(|| {
            relative
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default()
        });
        let (bold, italic) = (face.is_bold(), face.is_italic());
        fonts.push(ProjectFont {
            path,
            bytes: Arc::new(bytes),
            family,
            bold,
            italic,
        });
    }
    fonts
}

/// A file refused before it could be read as a font.
fn refused(dir: &ProjectDir, relative: &Path, error: &FileError) -> Diagnostic {
    let d = Diagnostic::plain(Some(&dir.display(relative)), format!("cannot read: {error}"));
    match error {
        FileError::Outside => {
            d.with_help("copy the fonts into the project's fonts/ folder instead of linking to them")
        }
        _ => d,
    }
}

/// Parses a face and checks what a parse alone does not: every table lies
/// inside the file (a cut-off file still has its table directory), and the
/// face draws the probe letters with real outlines.
fn sound_face(bytes: &[u8]) -> Result<Face<'_>, String> {
    let raw = RawFace::parse(bytes, 0).map_err(|e| format!("{e}"))?;
    for record in raw.table_records {
        let end = u64::from(record.offset) + u64::from(record.length);
        if end > bytes.len() as u64 {
            return Err(format!(
                "the file is cut short: its `{}` table ends at byte {end}, but the file has {} bytes",
                String::from_utf8_lossy(&record.tag.to_bytes()),
                bytes.len()
            ));
        }
    }
    let face = Face::parse(bytes, 0).map_err(|e| format!("{e}"))?;
    if face.units_per_em() == 0 || face.number_of_glyphs() < 2 {
        return Err("it has no glyphs".into());
    }
    for c in PROBE.chars() {
        let Some(glyph) = face.glyph_index(c) else {
            continue;
        };
        let mut sink = OutlineSink;
        let drawn = face.outline_glyph(glyph, &mut sink).is_some();
        let advance = face.glyph_hor_advance(glyph).is_some();
        if !drawn || !advance {
            return Err(format!("its glyph for {c:?} is damaged"));
        }
    }
    if !PROBE.chars().any(|c| face.glyph_index(c).is_some()) {
        return Err("it has no Latin or Cyrillic letters".into());
    }
    Ok(face)
}

/// Discards outlines: the probe only asks whether one can be read.
struct OutlineSink;

impl rustybuzz::ttf_parser::OutlineBuilder for OutlineSink {
    fn move_to(&mut self, _: f32, _: f32) {}
    fn line_to(&mut self, _: f32, _: f32) {}
    fn quad_to(&mut self, _: f32, _: f32, _: f32, _: f32) {}
    fn curve_to(&mut self, _: f32, _: f32, _: f32, _: f32, _: f32, _: f32) {}
    fn close(&mut self) {}
}

/// The family name a face declares: its typographic family, else its family.
fn face_family(face: &Face<'_>) -> Option<String> {
    [name_id::TYPOGRAPHIC_FAMILY, name_id::FAMILY]
        .into_iter()
        .find_map(|id| {
            face.names()
                .into_iter()
                .filter(|n| n.name_id == id && n.is_unicode())
                .find_map(|n| {
                    // Unicode names are UTF-16, big-endian.
                    let units: Vec<u16> = n
                        .name
                        .chunks_exact(2)
                        .map(|c| u16::from_be_bytes([c[0], c[1]]))
                        .collect();
                    String::from_utf16(&units).ok()
                })
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SANS: &[u8] = include_bytes!("../../fonts/NotoSans-Regular.ttf");

    #[test]
    fn a_whole_font_is_sound() {
        let face = sound_face(SANS).unwrap();
        assert_eq!(face_family(&face).as_deref(), Some("Noto Sans"));
    }

    #[test]
    fn a_cut_off_font_is_refused_naming_the_table() {
        let why = sound_face(&SANS[..SANS.len() / 2]).err().unwrap();
        assert!(why.contains("cut short"), "{why}");
        assert!(sound_face(b"not a font at all").is_err());
    }
}
