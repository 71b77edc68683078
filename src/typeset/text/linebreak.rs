//! Line breaking: the paragraph as segments between break opportunities
//! (UAX #14), and the choice of where lines end.

use std::ops::Range;

use unicode_linebreak::linebreaks;

use super::shape::ShapedGlyph;

/// The stretch of a paragraph between two break opportunities: a word (the
/// box) and the spaces after it.
#[derive(Debug, Clone, PartialEq)]
pub struct Segment {
    /// The segment's glyphs in the paragraph's glyph list.
    pub glyphs: Range<usize>,
    /// How many of those glyphs belong to the box (the rest are trailing spaces).
    pub box_glyphs: usize,
    /// Width of the box.
    pub width: f32,
    /// Width of the trailing spaces.
    pub space: f32,
    /// Byte offset in the text where the box ends and the spaces begin.
    pub box_text_end: usize,
    /// Byte offset in the text where the segment (spaces included) ends.
    pub text_end: usize,
}

/// Cuts a shaped paragraph into segments at every break opportunity.
pub fn segments(text: &str, glyphs: &[ShapedGlyph]) -> Vec<Segment> {
    let mut out = Vec::new();
    let mut text_start = 0;
    let mut glyph_start = 0;
    // Line feeds were turned into spaces when the text was collected, so
    // mandatory and allowed opportunities are alike here.
    for (end, _) in linebreaks(text) {
        let glyph_end = glyph_start + glyphs[glyph_start..].partition_point(|g| g.cluster < end);
        let box_text_end = text_start + text[text_start..end].trim_end().len();
        let box_glyphs = glyphs[glyph_start..glyph_end].partition_point(|g| g.cluster < box_text_end);
        let advance = |r: Range<usize>| glyphs[r].iter().map(|g| g.advance).sum::<f32>();
        out.push(Segment {
            glyphs: glyph_start..glyph_end,
            box_glyphs,
            width: advance(glyph_start..glyph_start + box_glyphs),
            space: advance(glyph_start + box_glyphs..glyph_end),
            box_text_end,
            text_end: end,
        });
        text_start = end;
        glyph_start = glyph_end;
    }
    out
}

/// Splits any segment wider than `width` between its glyph clusters, so a
/// word longer than the line still never sticks out of it.
pub fn split_oversized(segments: Vec<Segment>, glyphs: &[ShapedGlyph], width: f32) -> Vec<Segment> {
    let mut out = Vec::with_capacity(segments.len());
    for seg in segments {
        if seg.width <= width {
            out.push(seg);
            continue;
        }
        let box_end = seg.glyphs.start + seg.box_glyphs;
        let mut start = seg.glyphs.start;
        let mut w = 0.0;
        for i in seg.glyphs.start..box_end {
            let starts_cluster = i == start || glyphs[i].cluster != glyphs[i - 1].cluster;
            if starts_cluster && i > start && w + glyphs[i].advance > width {
                out.push(Segment {
                    glyphs: start..i,
                    box_glyphs: i - start,
                    width: w,
                    space: 0.0,
                    box_text_end: glyphs[i].cluster,
                    text_end: glyphs[i].cluster,
                });
                start = i;
                w = 0.0;
            }
            w += glyphs[i].advance;
        }
        out.push(Segment {
            glyphs: start..seg.glyphs.end,
            box_glyphs: box_end - start,
            width: w,
            space: seg.space,
            box_text_end: seg.box_text_end,
            text_end: seg.text_end,
        });
    }
    out
}

/// Chooses line ends: each line is a range of segments whose boxes and inner
/// spaces fit in `width`. First fit: fill each line as far as it goes.
pub fn break_lines(segments: &[Segment], width: f32) -> Vec<Range<usize>> {
    let mut lines = Vec::new();
    let mut start = 0;
    let mut used = 0.0;
    for (i, seg) in segments.iter().enumerate() {
        let gap = if i > start { segments[i - 1].space } else { 0.0 };
        if i > start && used + gap + seg.width > width {
            lines.push(start..i);
            start = i;
            used = seg.width;
        } else {
            used += gap + seg.width;
        }
    }
    if start < segments.len() {
        lines.push(start..segments.len());
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One glyph per character, 10 pt wide, 5 pt for spaces.
    fn mono(text: &str) -> Vec<ShapedGlyph> {
        text.char_indices()
            .map(|(i, c)| ShapedGlyph {
                face: 0,
                id: 1,
                advance: if c == ' ' { 5.0 } else { 10.0 },
                x_offset: 0.0,
                y_offset: 0.0,
                cluster: i,
            })
            .collect()
    }

    #[test]
    fn segments_are_words_with_their_spaces() {
        let text = "ab  cde f";
        let segs = segments(text, &mono(text));
        assert_eq!(segs.len(), 3);
        assert_eq!((segs[0].width, segs[0].space), (20.0, 10.0));
        assert_eq!(segs[0].box_text_end, 2);
        assert_eq!((segs[1].width, segs[1].space), (30.0, 5.0));
        assert_eq!(segs[2].glyphs, 8..9);
    }

    #[test]
    fn lines_never_exceed_the_width() {
        let text = "aa bb cc dd ee ff gg";
        let glyphs = mono(text);
        let segs = segments(text, &glyphs);
        let lines = break_lines(&segs, 75.0);
        // "aa bb cc" is 20+5+20+5+20 = 70.
        assert_eq!(lines, vec![0..3, 3..6, 6..7]);
    }

    #[test]
    fn an_overlong_word_is_cut_to_fit() {
        let text = "abcdefghij x";
        let glyphs = mono(text);
        let segs = split_oversized(segments(text, &glyphs), &glyphs, 35.0);
        assert!(segs.iter().all(|s| s.width <= 35.0));
        let total: usize = segs.iter().map(|s| s.glyphs.len()).sum();
        assert_eq!(total, glyphs.len());
    }
}
