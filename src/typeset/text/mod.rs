//! Setting one paragraph: collect styled text, shape it, find break
//! opportunities, break into lines, and finalize the lines into glyph runs.

pub mod fonts;
pub mod linebreak;
pub mod shape;

use std::ops::Range;

use crate::base::rich::Para;
use crate::diag::{Diagnostic, Place};
use crate::project::Lang;
use crate::typeset::hyphenate;
use crate::typeset::page::{Color, GlyphRun, PlacedGlyph, Rect, Role, Tag};
use fonts::{FaceId, FontBook};
use linebreak::{Fragment, Joint, Measure};
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
    /// Language, for shaping and hyphenation.
    pub lang: Lang,
    /// Divide words at line ends.
    pub hyphenate: bool,
    /// What the text is, for the document's structure; a list item when
    /// the paragraph has a marker.
    pub role: Role,
}

impl ParaStyle {
    /// This style for text of another role.
    pub fn as_role(self, role: Role) -> Self {
        Self { role, ..self }
    }
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
    /// Whether the line ends in a divided word.
    pub hyphenated: bool,
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
    let measure = Measure {
        width: width - indent,
        justify: style.align == Align::Justify,
        size: style.size,
    };
    let segments_with = |extra: &[usize]| {
        linebreak::split_oversized(
            linebreak::segments(&text.text, &glyphs, extra),
            &glyphs,
            measure.width,
        )
    };
    // A web address may end a line before one of its slashes (never with
    // a hyphen, which a reader would type).
    let slashes = address_breaks(&text.text);
    let segments = segments_with(&slashes);
    let hyphen_width = |i: usize| soft_hyphen(book, glyphs[i].face, style.size).1;
    let whole_words = |_: Range<usize>| Vec::new();
    let hyphens = |range: Range<usize>| word_breaks(style.lang, &text.text, range);
    let points: &dyn Fn(Range<usize>) -> Vec<usize> = if style.hyphenate { &hyphens } else { &whole_words };
    let mut frags = linebreak::fragments(&text.text, &glyphs, &segments, &whole_words, &hyphen_width);
    // Words whole if the spaces allow; else divided where that helps;
    // else, as a last resort, a short word may end a line after all.
    let mut breaks = linebreak::break_lines_within(&frags, measure, linebreak::PRETOLERANCE);
    if breaks.is_none() && style.hyphenate {
        frags = linebreak::fragments(&text.text, &glyphs, &segments, &hyphens, &hyphen_width);
        breaks = linebreak::break_lines_within(&frags, measure, linebreak::MAX_RATIO);
    }
    if breaks.is_none() && measure.justify {
        let mut extra = short_word_ties(&text.text);
        extra.extend(&slashes);
        let untied = segments_with(&extra);
        frags = linebreak::fragments(&text.text, &glyphs, &untied, points, &hyphen_width);
    }
    let breaks = breaks.unwrap_or_else(|| linebreak::break_lines(&frags, measure));
    let cx = LineContext {
        book,
        text: &text,
        glyphs: &glyphs,
        style,
        width: measure.width,
        indent,
    };
    let mut lines: Vec<Line> = breaks
        .iter()
        .enumerate()
        .map(|(i, range)| cx.finalize(&frags[range.clone()], i + 1 == breaks.len()))
        .collect();
    if let Some(last) = lines.last_mut().and_then(|l| l.runs.last_mut()) {
        end_with_word_boundary(book, last);
    }
    if let (Some(marker), Some(first)) = (&para.marker, lines.first_mut()) {
        first.runs.insert(0, marker_run(book, marker, style, place)?);
    }
    let role = match style.role {
        Role::Paragraph if para.marker.is_some() => Role::ListItem,
        role => role,
    };
    for (i, run) in lines.iter_mut().flat_map(|l| &mut l.runs).enumerate() {
        run.tag = Tag {
            role,
            part: 0,
            starts: i == 0,
        };
    }
    Ok(lines)
}

/// Byte offsets just after the no-break spaces that tie a one- or
/// two-letter word to the next (ru/kk "в\u{a0}городе"): where a justified
/// line may end when nothing else avoids a gaping one.
fn short_word_ties(text: &str) -> Vec<usize> {
    let mut out = Vec::new();
    for (i, c) in text.char_indices() {
        if c != '\u{a0}' {
            continue;
        }
        let before: Vec<char> = text[..i].chars().rev().take(3).collect();
        let letters = before.iter().take_while(|c| c.is_alphabetic()).count();
        let starts_word = before.get(letters).is_none_or(|c| !c.is_alphanumeric());
        let next_is_word = text[i + c.len_utf8()..]
            .chars()
            .next()
            .is_some_and(char::is_alphabetic);
        if (1..=2).contains(&letters) && starts_word && next_is_word {
            out.push(i + c.len_utf8());
        }
    }
    out
}

/// Hyphenation points (absolute byte offsets) inside the words of
/// `text[range]`: each run of letters is divided on its own, so punctuation
/// and quotes around a word never hide it from the hyphenator.
fn word_breaks(lang: Lang, text: &str, range: Range<usize>) -> Vec<usize> {
    let mut out = Vec::new();
    let piece = &text[range.clone()];
    let mut word_start = None;
    for (i, c) in piece.char_indices().chain(std::iter::once((piece.len(), ' '))) {
        match (c.is_alphabetic(), word_start) {
            (true, None) => word_start = Some(i),
            (false, Some(start)) => {
                let word = &piece[start..i];
                // A word glued to digits or an explicit hyphen is left to
                // the break opportunities it already has.
                let attached = piece[..start].ends_with(|c: char| c.is_ascii_digit() || c == '-')
                    || piece[i..].starts_with(|c: char| c.is_ascii_digit() || c == '-');
                let (from, to) = (range.start + start, range.start + i);
                if !attached && !in_address(text, from, to) {
                    out.extend(
                        hyphenate::break_points(lang, word)
                            .into_iter()
                            .map(|b| range.start + start + b),
                    );
                }
                word_start = None;
            }
            _ => {}
        }
    }
    out
}

/// Whether the letters `text[from..to]` belong to a web or e-mail address:
/// the run of non-space characters around them has `://`, `@`, `www.` or a
/// `/` after a dot. An address divided by a hyphen would be typed wrongly.
fn in_address(text: &str, from: usize, to: usize) -> bool {
    let start = text[..from]
        .char_indices()
        .rfind(|(_, c)| c.is_whitespace())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let end = text[to..]
        .find(char::is_whitespace)
        .map_or(text.len(), |i| to + i);
    let token = &text[start..end];
    token.contains("://")
        || token.contains('@')
        || token.contains("www.")
        || token.find('.').is_some_and(|dot| token[dot..].contains('/'))
}

/// Byte offsets before each single slash of a web address, past its
/// `scheme://` (as the Chicago Manual breaks them): where a line may end
/// inside an address without a hyphen.
fn address_breaks(text: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut start = 0;
    for token in text.split_inclusive(char::is_whitespace) {
        let word = token.trim_end();
        if !word.is_empty() && in_address(text, start, start + word.len()) {
            let path_from = word.find("://").map_or(0, |i| i + 3);
            for (i, c) in word.char_indices().skip_while(|&(i, _)| i < path_from) {
                let at_end = word[i + 1..]
                    .trim_end_matches(['.', ',', ';', ':', ')', '»'])
                    .is_empty();
                if c == '/' && i > path_from && !at_end {
                    out.push(start + i);
                }
            }
        }
        start += token.len();
    }
    out
}

/// Whether a line may not end at byte `at`, though Unicode allows it:
/// after a hyphen that follows a number (`1990-жылдары`, `10 000-нан`:
/// the letters belong to the number), and after an en dash closed up on
/// both sides, which joins a range (`07:00–20:00`, `пн–пт`) that reads as
/// one value.
pub fn kept_together(text: &str, at: usize) -> bool {
    number_suffix_hyphen(text, at) || closed_range_dash(text, at)
}

/// An en dash with no space before or after it, ending at `at`.
fn closed_range_dash(text: &str, at: usize) -> bool {
    let Some(rest) = text[..at].strip_suffix('\u{2013}') else {
        return false;
    };
    let touches = |c: Option<char>| c.is_some_and(|c| !c.is_whitespace());
    touches(rest.chars().next_back()) && touches(text[at..].chars().next())
}

/// A hyphen after a number, ending at `at`.
fn number_suffix_hyphen(text: &str, at: usize) -> bool {
    let before = &text[..at];
    let Some(rest) = before.strip_suffix(['-', '\u{2011}']) else {
        return false;
    };
    rest.ends_with(|c: char| c.is_ascii_digit() || c == '%')
}

/// The glyph and advance of the hyphen drawn where a word is divided: the
/// font's soft-hyphen glyph, so the text layer says U+00AD (invisible to
/// search and copy) rather than a hard hyphen inside the word.
fn soft_hyphen(book: &FontBook, face: FaceId, size: f32) -> (u16, f32) {
    let f = book.face(face);
    let glyph = f
        .face()
        .glyph_index('\u{ad}')
        .or_else(|| f.face().glyph_index('-'))
        .map_or(0, |g| g.0);
    let advance = f
        .face()
        .glyph_hor_advance(rustybuzz::ttf_parser::GlyphId(glyph))
        .map_or(0.0, |a| f32::from(a) * size / f.units_per_em);
    (glyph, advance)
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

/// What finalizing a line of a paragraph needs.
struct LineContext<'a> {
    /// Fonts.
    book: &'a FontBook,
    /// The paragraph's text.
    text: &'a Collected,
    /// The paragraph's glyphs.
    glyphs: &'a [ShapedGlyph],
    /// Its style.
    style: &'a ParaStyle,
    /// The measure (without the indent).
    width: f32,
    /// Indent of every line (list items).
    indent: f32,
}

impl LineContext<'_> {
    /// Turns the fragments of one line into glyph runs: justified if asked,
    /// ending in a hyphen where a word was divided, and with the space at the
    /// line's end kept at no width: invisible, but in the text layer, so copy
    /// and search see a word boundary where the line broke.
    fn finalize(&self, frags: &[Fragment], last: bool) -> Line {
        let (style, glyphs, text) = (self.style, self.glyphs, &self.text.text);
        let mut line = Line {
            runs: Vec::new(),
            leading: style.leading,
            ascent: style.size * 0.8,
            hyphenated: false,
        };
        let Some((first, end)) = frags.first().zip(frags.last()) else {
            return line;
        };
        let boxes = first.glyphs.start..end.glyphs.end;
        let (glyph_end, text_end, hyphen) = match (last, end.joint) {
            (
                false,
                Joint::Glue {
                    glyphs_end, text_end, ..
                },
            ) => (glyphs_end, text_end, None),
            (false, Joint::Hyphen { .. }) => (
                boxes.end,
                end.text_end,
                Some(soft_hyphen(self.book, glyphs[boxes.end - 1].face, style.size)),
            ),
            _ => (boxes.end, end.text_end, None),
        };
        let natural: f32 =
            glyphs[boxes.clone()].iter().map(|g| g.advance).sum::<f32>() + hyphen.map_or(0.0, |h| h.1);
        let is_space = |g: &ShapedGlyph| text[g.cluster..].starts_with([' ', '\u{a0}']);
        let spread = self.spread(boxes.clone(), natural, last, &is_space);
        let centring = match style.align {
            Align::Center => ((self.width - natural) / 2.0).max(0.0),
            _ => 0.0,
        };
        // Byte offset in the paragraph where each run's text starts.
        let mut bases: Vec<usize> = Vec::new();
        let mut x = self.indent + centring;
        for i in boxes.start..glyph_end {
            let g = &glyphs[i];
            let link = &self.text.spans[self.text.span_at(g.cluster)].3;
            let cluster_end = cluster_end(glyphs, i, glyph_end, text_end);
            let advance = match i >= boxes.end {
                true => 0.0,
                false if is_space(g) => g.advance * (1.0 + spread.per_space_pt),
                false if i + 1 < boxes.end => g.advance + spread.per_letter,
                false => g.advance,
            };
            let continues = line.runs.last().zip(bases.last()).is_some_and(|(r, &base)| {
                r.face == g.face && &r.link == link && g.cluster <= base + r.text.len()
            });
            if !continues {
                bases.push(g.cluster);
                line.runs.push(GlyphRun {
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
                    tag: Tag::default(),
                });
            }
            let (run, base) = (
                line.runs.last_mut().expect("a run exists"),
                *bases.last().expect("a base exists"),
            );
            if cluster_end > base + run.text.len() {
                run.text.push_str(&text[base + run.text.len()..cluster_end]);
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
        line.hyphenated = hyphen.is_some();
        if let (Some((id, advance)), Some(run)) = (hyphen, line.runs.last_mut()) {
            let at = run.text.len();
            run.text.push('\u{ad}');
            run.glyphs.push(PlacedGlyph {
                id,
                advance,
                x_offset: 0.0,
                y_offset: 0.0,
                range: at..at + '\u{ad}'.len_utf8(),
            });
        }
        line
    }
}

impl LineContext<'_> {
    /// How the line `boxes` is spread to exactly the measure; nothing for
    /// lines left natural: not justified, or a paragraph's last line that fits.
    fn spread(
        &self,
        boxes: Range<usize>,
        natural: f32,
        last: bool,
        is_space: &dyn Fn(&ShapedGlyph) -> bool,
    ) -> linebreak::Spread {
        if self.style.align != Align::Justify || (last && natural <= self.width) {
            return linebreak::Spread::default();
        }
        let glyphs = &self.glyphs[boxes];
        let (spaces, widest) = glyphs
            .iter()
            .filter(|g| is_space(g))
            .fold((0.0, 0.0_f32), |(sum, widest), g| {
                (sum + g.advance, widest.max(g.advance))
            });
        // The last letter's spacing would only push the line's end out.
        let letters = glyphs.iter().filter(|g| !is_space(g)).count().saturating_sub(1);
        let spread = linebreak::spread(self.width - natural, spaces, letters, self.style.size);
        // A line no break could fill without gaping holes between its words
        // (an unbreakable "10 000-нан" after a full line) is set at its
        // natural spacing instead: one short line reads better than a river.
        if widest * (1.0 + spread.per_space_pt) > linebreak::LOOSEST_GAP * self.style.size {
            return linebreak::Spread::default();
        }
        spread
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
    let Some(space) = book.face(run.face).face().glyph_index(' ') else {
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
    let para = Para::plain(marker, None);
    let plain = ParaStyle {
        align: Align::Left,
        hyphenate: false,
        color: style.link_color,
        ..style.clone()
    };
    let lines = set_paragraph(book, &para, &plain, f32::MAX, place)?;
    let mut run = lines
        .into_iter()
        .flat_map(|l| l.runs)
        .next()
        .ok_or_else(|| Diagnostic::error(place, "empty list marker"))?;
    // The marker ends no paragraph: drop the word boundary set_paragraph added.
    if run.text.ends_with(' ') {
        run.text.pop();
        run.glyphs.pop();
    }
    Ok(run)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn breaks(text: &str) -> Vec<usize> {
        word_breaks(Lang::En, text, 0..text.len())
    }

    #[test]
    fn addresses_are_never_divided() {
        for text in [
            "see https://example.kz/referendum/stations now",
            "write to information@example.kz now",
            "example.kz/referendum/stations",
            "www.referendumstations.kz",
            "№\u{a0}https://example.kz/salyq/tirkelgendiginizdi",
        ] {
            assert_eq!(breaks(text), Vec::<usize>::new(), "{text}");
        }
        // An ordinary long word beside them still is.
        assert!(!breaks("constitutional").is_empty());
    }

    #[test]
    fn a_number_keeps_its_suffix_on_its_line() {
        assert!(number_suffix_hyphen("1990-", 5));
        assert!(number_suffix_hyphen("10 000-", "10 000-".len()));
        assert!(!number_suffix_hyphen("жан-", "жан-".len()));
        assert!(!number_suffix_hyphen("1990", 4));
    }

    #[test]
    fn a_closed_up_range_stays_on_one_line() {
        let dash = |s: &str| s.find('–').unwrap() + '–'.len_utf8();
        for range in ["07:00–20:00", "пн–пт", "2026–2027 жылдары"] {
            assert!(kept_together(range, dash(range)), "{range}");
        }
        // A spaced dash between clauses still lets the line end after it.
        let clause = "Декларация – раз в год";
        assert!(!kept_together(clause, dash(clause)));
    }

    #[test]
    fn a_paragraph_never_ends_in_a_fragment_of_three_letters() {
        let book = FontBook::built_in();
        let theme = crate::load::theme::built_in();
        let style = ParaStyle {
            family: theme.fonts.body.clone(),
            fallback: theme.fonts.fallback.clone(),
            size: 10.0,
            leading: 13.0,
            bold: false,
            italic: false,
            color: Color::rgb(0, 0, 0),
            link_color: Color::rgb(0, 0, 0),
            align: Align::Justify,
            lang: Lang::Kk,
            hyphenate: true,
            role: Role::Paragraph,
        };
        let place = Place::file_start(&crate::diag::SourceFile::new("t", String::new()));
        let para = Para::plain("реформаның негізгі ережелерімен танысыңыз;", Some("•"));
        // Widths at which the natural break leaves "ңыз;" alone.
        for width in [238.0, 240.0, 243.0, 245.0] {
            let lines = set_paragraph(&book, &para, &style, width, &place).unwrap();
            let last: String = lines
                .last()
                .unwrap()
                .runs
                .iter()
                .map(|r| r.text.as_str())
                .collect();
            let letters = last.chars().filter(|c| c.is_alphabetic()).count();
            assert!(
                lines.len() == 1 || last.trim().contains(' ') || letters > 3,
                "at {width} pt the paragraph ends in {last:?}"
            );
        }
    }

    #[test]
    fn addresses_may_end_a_line_before_a_slash_only() {
        let text = "see https://example.kz/salyq/2027/guide, or mail info@example.kz";
        let at: Vec<&str> = address_breaks(text).iter().map(|&i| &text[i..]).collect();
        assert_eq!(at.len(), 3, "{at:?}");
        assert!(at.iter().all(|rest| rest.starts_with('/')), "{at:?}");
        assert!(at[0].starts_with("/salyq"));
        assert!(address_breaks("plain words and 1/2 of them").is_empty());
    }
}
