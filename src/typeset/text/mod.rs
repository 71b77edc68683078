//! Setting one paragraph: collect styled text, shape it, find break
//! opportunities, break into lines, and finalize the lines into glyph runs.

pub mod fonts;
pub mod linebreak;
pub mod shape;

use std::ops::Range;

use crate::diag::{Diagnostic, Place};
use crate::typeset::markup::Para;
use crate::typeset::page::{Color, GlyphRun, PlacedGlyph, Rect};
use fonts::{FaceId, FontBook};
use linebreak::Segment;
use shape::ShapedGlyph;

/// How lines are aligned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// Flush left, ragged right.
    Left,
    /// Flush left and right; the last line flush left.
    Justify,
    /// Centred.
    Center,
}

/// The typographic settings of a paragraph.
#[derive(Debug, Clone)]
pub struct ParaStyle {
    /// Font family of the text.
    pub family: String,
    /// Families tried, in order, for characters the main family lacks.
    pub fallback: Vec<String>,
    /// Set the whole paragraph in bold (headings).
    pub bold: bool,
    /// Set the whole paragraph in italics (quotes).
    pub italic: bool,
    /// Font size in points.
    pub size: f32,
    /// Distance between baselines.
    pub leading: f32,
    /// Text colour.
    pub color: Color,
    /// Colour of link text.
    pub link_color: Color,
    /// Alignment.
    pub align: Align,
    /// Language code for shaping (and, later, hyphenation).
    pub lang: &'static str,
}

/// A set line: glyph runs relative to the line's left end and baseline.
#[derive(Debug, Clone)]
pub struct Line {
    /// The runs, x relative to the line start, y = 0 on the baseline.
    pub runs: Vec<GlyphRun>,
    /// Distance from the previous baseline.
    pub leading: f32,
    /// Height above the baseline the line needs (for the first line of a frame).
    pub ascent: f32,
}

/// Sets `para` into lines of at most `width` points. `place` is where the
/// text came from, for reporting characters no font can draw.
pub fn set_paragraph(
    book: &FontBook,
    para: &Para,
    style: &ParaStyle,
    width: f32,
    place: &Place,
) -> Result<Vec<Line>, Diagnostic> {
    let text = Collected::new(para);
    let glyphs = shape_spans(book, &text, style, place)?;
    let indent = if para.marker.is_some() {
        style.size * 1.2
    } else {
        0.0
    };
    let segments =
        linebreak::split_oversized(linebreak::segments(&text.text, &glyphs), &glyphs, width - indent);
    let breaks = linebreak::break_lines(&segments, width - indent);
    let mut lines: Vec<Line> = breaks
        .iter()
        .enumerate()
        .map(|(i, range)| {
            let last = i + 1 == breaks.len();
            finalize_line(
                &text,
                &glyphs,
                &segments[range.clone()],
                style,
                width - indent,
                indent,
                last,
            )
        })
        .collect();
    if let Some(last) = lines.last_mut().and_then(|l| l.runs.last_mut()) {
        end_with_word_boundary(book, last);
    }
    if let (Some(marker), Some(first)) = (&para.marker, lines.first_mut()) {
        first.runs.insert(0, marker_run(book, marker, style, place)?);
    }
    Ok(lines)
}

/// The paragraph's text in one string, with the style of each span.
struct Collected {
    /// All spans' text; newlines replaced by spaces.
    text: String,
    /// For each span: its byte range in `text`, bold, italic, link.
    spans: Vec<(Range<usize>, bool, bool, Option<String>)>,
}

impl Collected {
    /// Collects the spans of `para`.
    fn new(para: &Para) -> Self {
        let mut text = String::new();
        let mut spans = Vec::new();
        for span in &para.spans {
            let start = text.len();
            text.push_str(&span.text.replace(['\n', '\r', '\t'], " "));
            spans.push((start..text.len(), span.bold, span.italic, span.link.clone()));
        }
        Self { text, spans }
    }

    /// The index of the span holding byte `at`.
    fn span_at(&self, at: usize) -> usize {
        self.spans
            .iter()
            .position(|(r, ..)| r.contains(&at))
            .unwrap_or(self.spans.len().saturating_sub(1))
    }
}

/// The faces to try for a style: its family first, then the fallbacks.
fn face_chain(book: &FontBook, style: &ParaStyle, bold: bool, italic: bool) -> Vec<FaceId> {
    std::iter::once(&style.family)
        .chain(&style.fallback)
        .filter_map(|family| book.select(family, bold, italic))
        .collect()
}

/// Shapes every span with its style's faces.
fn shape_spans(
    book: &FontBook,
    text: &Collected,
    style: &ParaStyle,
    place: &Place,
) -> Result<Vec<ShapedGlyph>, Diagnostic> {
    let mut glyphs = Vec::with_capacity(text.text.len());
    for (range, bold, italic, _) in &text.spans {
        let faces = face_chain(book, style, style.bold || *bold, style.italic || *italic);
        if faces.is_empty() {
            return Err(Diagnostic::error(
                place,
                format!("font family {:?} not found", style.family),
            ));
        }
        let shaped = shape::shape(book, &faces, &text.text, range.clone(), style.size, style.lang).map_err(
            |missing| {
                Diagnostic::error(
                    place,
                    format!(
                        "no font can draw the character {:?} (U+{:04X}); tried {}",
                        missing.ch, missing.ch as u32, missing.fonts
                    ),
                )
                .with_help("remove the character, or add a font that has it to the theme's fallback list")
            },
        )?;
        glyphs.extend(shaped);
    }
    Ok(glyphs)
}

/// Turns the segments of one line into glyph runs: justified if asked, and
/// with the spaces at the line's end set to no width: invisible, but still
/// in the text layer, so a reader's copy or search sees a word boundary
/// where the line broke.
fn finalize_line(
    text: &Collected,
    glyphs: &[ShapedGlyph],
    segments: &[Segment],
    style: &ParaStyle,
    width: f32,
    indent: f32,
    last: bool,
) -> Line {
    let Some((first, end)) = segments.first().zip(segments.last()) else {
        return Line {
            runs: Vec::new(),
            leading: style.leading,
            ascent: style.size * 0.8,
        };
    };
    let line_glyphs = first.glyphs.start..end.glyphs.start + end.box_glyphs;
    let natural: f32 = glyphs[line_glyphs.clone()].iter().map(|g| g.advance).sum();
    let is_space = |g: &ShapedGlyph| matches!(text.text[g.cluster..].chars().next(), Some(' ' | '\u{a0}'));
    let spaces = glyphs[line_glyphs.clone()].iter().filter(|g| is_space(g)).count();
    let extra_per_space = match style.align {
        Align::Justify if !last && spaces > 0 => ((width - natural) / spaces as f32).max(0.0),
        _ => 0.0,
    };
    let start_x = indent
        + match style.align {
            Align::Center => ((width - natural) / 2.0).max(0.0),
            _ => 0.0,
        };
    // The last line of a paragraph ends the paragraph's text; other lines
    // keep their trailing spaces (at zero width).
    let (all_glyphs, line_end) = if last {
        (line_glyphs.clone(), end.box_text_end)
    } else {
        (first.glyphs.start..end.glyphs.end, end.text_end)
    };
    let mut runs: Vec<GlyphRun> = Vec::new();
    // Byte offset in the paragraph where each run's text starts.
    let mut bases: Vec<usize> = Vec::new();
    let mut x = start_x;
    for i in all_glyphs.clone() {
        let g = &glyphs[i];
        let trailing = i >= line_glyphs.end;
        let link = &text.spans[text.span_at(g.cluster)].3;
        let cluster_end = cluster_end(glyphs, i, all_glyphs.end, line_end);
        let advance = match (trailing, is_space(g)) {
            (true, _) => 0.0,
            (false, true) => g.advance + extra_per_space,
            (false, false) => g.advance,
        };
        let continues = runs.last().zip(bases.last()).is_some_and(|(r, &base)| {
            r.face == g.face && &r.link == link && g.cluster <= base + r.text.len()
        });
        if !continues {
            bases.push(g.cluster);
            runs.push(GlyphRun {
                x,
                y: 0.0,
                face: g.face,
                size: style.size,
                color: if link.is_some() {
                    style.link_color
                } else {
                    style.color
                },
                glyphs: Vec::new(),
                text: String::new(),
                link: link.clone(),
                frame: Rect::new(0.0, 0.0, 0.0, 0.0),
            });
        }
        let (run, base) = (
            runs.last_mut().expect("a run exists"),
            *bases.last().expect("a base exists"),
        );
        if cluster_end > base + run.text.len() {
            run.text.push_str(&text.text[base + run.text.len()..cluster_end]);
        }
        run.glyphs.push(PlacedGlyph {
            id: g.id,
            advance,
            x_offset: g.x_offset,
            y_offset: g.y_offset,
            range: g.cluster - base..cluster_end - base,
        });
        x += advance;
    }
    Line {
        runs,
        leading: style.leading,
        ascent: style.size * 0.8,
    }
}

/// End of the text cluster of glyph `i`: the next larger cluster start among
/// the following glyphs of the line, else the end of the line's text.
fn cluster_end(glyphs: &[ShapedGlyph], i: usize, glyphs_end: usize, text_end: usize) -> usize {
    let start = glyphs[i].cluster;
    glyphs[i + 1..glyphs_end]
        .iter()
        .map(|g| g.cluster)
        .find(|&c| c > start)
        .unwrap_or(text_end)
}

/// Ends a paragraph's last run with an invisible, zero-width space, so that
/// text extractors never glue the paragraph's last word to the next
/// paragraph's first, whatever their heuristics for line ends.
fn end_with_word_boundary(book: &FontBook, run: &mut GlyphRun) {
    let Some(space) = book.face(run.face).face.glyph_index(' ') else {
        return;
    };
    let at = run.text.len();
    run.text.push(' ');
    run.glyphs.push(PlacedGlyph {
        id: space.0,
        advance: 0.0,
        x_offset: 0.0,
        y_offset: 0.0,
        range: at..at + 1,
    });
}

/// The list marker ("•", "2.") as a run at the line start.
fn marker_run(
    book: &FontBook,
    marker: &str,
    style: &ParaStyle,
    place: &Place,
) -> Result<GlyphRun, Diagnostic> {
    let para = Para {
        marker: None,
        spans: vec![crate::typeset::markup::Span {
            text: marker.to_owned(),
            bold: false,
            italic: false,
            link: None,
        }],
    };
    let text = Collected::new(&para);
    let glyphs = shape_spans(book, &text, style, place)?;
    let segments = linebreak::segments(&text.text, &glyphs);
    let line = finalize_line(&text, &glyphs, &segments, style, f32::MAX, 0.0, true);
    let mut run = line.runs.into_iter().next().expect("a marker has glyphs");
    run.color = style.link_color;
    Ok(run)
}
