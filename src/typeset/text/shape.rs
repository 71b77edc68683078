//! Shaping: text to positioned glyphs with rustybuzz, kerning and ligatures
//! on, falling back per character to the next face that has a glyph.

use std::ops::Range;
use std::str::FromStr;

use rustybuzz::{Language, UnicodeBuffer};

use super::fonts::{FaceId, FontBook};
use crate::project::Lang;

/// One shaped glyph. Lengths are in points at the size it was shaped at.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ShapedGlyph {
    /// The face the glyph comes from.
    pub face: FaceId,
    /// Glyph id in that face.
    pub id: u16,
    /// Horizontal advance.
    pub advance: f32,
    /// Horizontal offset from the pen position.
    pub x_offset: f32,
    /// Vertical offset from the baseline (up is positive, as in fonts).
    pub y_offset: f32,
    /// Byte offset in the shaped text of the cluster this glyph belongs to.
    pub cluster: usize,
}

/// A character that none of the faces can draw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingGlyph {
    /// The character.
    pub ch: char,
    /// Its byte offset in the text.
    pub offset: usize,
    /// The faces that were tried, by name.
    pub fonts: String,
}

/// Shapes `text[range]` with `faces` (primary first, then fallbacks) at
/// `size` points. Glyph clusters are byte offsets into the whole `text`.
pub fn shape(
    book: &FontBook,
    faces: &[FaceId],
    text: &str,
    range: Range<usize>,
    size: f32,
    lang: Lang,
) -> Result<Vec<ShapedGlyph>, MissingGlyph> {
    let mut glyphs = Vec::with_capacity(range.len());
    for (face, run) in face_runs(book, faces, text, range)? {
        shape_run(book, face, text, run, size, lang, &mut glyphs);
    }
    Ok(glyphs)
}

/// Splits `text[range]` into runs that one face can draw entirely.
fn face_runs(
    book: &FontBook,
    faces: &[FaceId],
    text: &str,
    range: Range<usize>,
) -> Result<Vec<(FaceId, Range<usize>)>, MissingGlyph> {
    let mut runs: Vec<(FaceId, Range<usize>)> = Vec::new();
    for (i, c) in text[range.clone()].char_indices() {
        let at = range.start + i;
        let face = if is_invisible(c) {
            // Invisible characters go with whatever face is current, so they
            // never split a run (and never need a glyph).
            runs.last().map_or(faces[0], |r| r.0)
        } else {
            *faces
                .iter()
                .find(|&&f| book.face(f).covers(c))
                .ok_or_else(|| MissingGlyph {
                    ch: c,
                    offset: at,
                    fonts: faces
                        .iter()
                        .map(|&f| book.face(f).name())
                        .collect::<Vec<_>>()
                        .join(", "),
                })?
        };
        match runs.last_mut() {
            Some((f, r)) if *f == face => r.end = at + c.len_utf8(),
            _ => runs.push((face, at..at + c.len_utf8())),
        }
    }
    Ok(runs)
}

/// Characters that shaping hides: they need no glyph of their own.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{ad}' | '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}')
}

/// Shapes one single-face run, appending to `out`.
fn shape_run(
    book: &FontBook,
    face_id: FaceId,
    text: &str,
    run: Range<usize>,
    size: f32,
    lang: Lang,
    out: &mut Vec<ShapedGlyph>,
) {
    let face = book.face(face_id);
    let mut buffer = UnicodeBuffer::new();
    buffer.push_str(&text[run.clone()]);
    if let Ok(language) = Language::from_str(lang.code()) {
        buffer.set_language(language);
    }
    buffer.guess_segment_properties();
    let shaped = match book.plan(face_id, lang, Some(buffer.script())) {
        Some(plan) => rustybuzz::shape_with_plan(face.face(), plan, buffer),
        None => rustybuzz::shape(face.face(), &[], buffer),
    };
    let scale = size / face.units_per_em;
    for (info, pos) in shaped.glyph_infos().iter().zip(shaped.glyph_positions()) {
        out.push(ShapedGlyph {
            face: face_id,
            id: info.glyph_id as u16,
            advance: pos.x_advance as f32 * scale,
            x_offset: pos.x_offset as f32 * scale,
            y_offset: pos.y_offset as f32 * scale,
            cluster: run.start + info.cluster as usize,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn serif(book: &FontBook) -> Vec<FaceId> {
        vec![book.select("Noto Serif", false, false).unwrap()]
    }

    #[test]
    fn kerning_tightens_av() {
        let book = FontBook::built_in();
        let faces = serif(&book);
        let width = |s: &str| -> f32 {
            shape(&book, &faces, s, 0..s.len(), 10.0, Lang::En)
                .unwrap()
                .iter()
                .map(|g| g.advance)
                .sum()
        };
        assert!(width("AV") < width("A") + width("V") - 0.1);
    }

    #[test]
    fn clusters_are_offsets_into_the_whole_text() {
        let book = FontBook::built_in();
        let text = "Жаңа Конституция";
        let start = text.find('К').unwrap();
        let glyphs = shape(&book, &serif(&book), text, start..text.len(), 10.0, Lang::Kk).unwrap();
        assert_eq!(glyphs[0].cluster, start);
        assert_eq!(glyphs.len(), "Конституция".chars().count());
    }

    #[test]
    fn a_character_no_face_has_is_reported() {
        let book = FontBook::built_in();
        let text = "ok \u{1F600}";
        let err = shape(&book, &serif(&book), text, 0..text.len(), 10.0, Lang::En).unwrap_err();
        assert_eq!(err.ch, '\u{1F600}');
        assert_eq!(err.offset, 3);
        assert!(err.fonts.contains("Noto Serif"));
    }
}
