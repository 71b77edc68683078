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

/// Cuts a shaped paragraph into segments at every break opportunity, and
/// also at `extra` byte offsets (sorted).
pub fn segments(text: &str, glyphs: &[ShapedGlyph], extra: &[usize]) -> Vec<Segment> {
    let mut out = Vec::new();
    let mut text_start = 0;
    let mut glyph_start = 0;
    // Line feeds were turned into spaces when the text was collected, so
    // mandatory and allowed opportunities are alike here.
    let mut ends: Vec<usize> = linebreaks(text)
        .map(|(end, _)| end)
        .filter(|&end| end == text.len() || !super::kept_together(text, end))
        .chain(extra.iter().copied().filter(|&e| e > 0 && e < text.len()))
        .collect();
    ends.sort_unstable();
    ends.dedup();
    for end in ends {
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

/// What follows a fragment, and what happens if a line ends there.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Joint {
    /// Inter-word space (or nothing, after an explicit hyphen): a line may
    /// end here and the space vanishes.
    Glue {
        /// Width of the space.
        space: f32,
        /// End of the space's glyphs.
        glyphs_end: usize,
        /// End of the space's text.
        text_end: usize,
    },
    /// A hyphenation point inside a word: a line may end here with a hyphen.
    Hyphen {
        /// Width of the hyphen that is added.
        width: f32,
    },
    /// End of the paragraph.
    End,
}

/// A piece of a paragraph that is never divided: a word, or the part of a
/// word between hyphenation points.
#[derive(Debug, Clone, PartialEq)]
pub struct Fragment {
    /// Glyphs of the piece (without a following space).
    pub glyphs: Range<usize>,
    /// Width of those glyphs.
    pub width: f32,
    /// Width of no-break spaces inside the piece, which justification
    /// stretches like any other space.
    pub inner_space: f32,
    /// End of the piece's text (without a following space).
    pub text_end: usize,
    /// Number of glyphs other than spaces, which justification may spread
    /// by a hair when spaces alone would gape.
    pub letters: usize,
    /// Number of letters (not digits or punctuation) in the piece's text.
    pub alphabetic: usize,
    /// What follows.
    pub joint: Joint,
}

/// Divides segments into fragments at the hyphenation points `hyphens`
/// gives for a box's text range (absolute byte offsets). `hyphen_width`
/// gives the width of a hyphen set after glyph `i`.
pub fn fragments(
    text: &str,
    glyphs: &[ShapedGlyph],
    segments: &[Segment],
    hyphens: &dyn Fn(Range<usize>) -> Vec<usize>,
    hyphen_width: &dyn Fn(usize) -> f32,
) -> Vec<Fragment> {
    let is_nbsp = |g: &ShapedGlyph| text[g.cluster..].starts_with('\u{a0}');
    let measure = |r: Range<usize>| {
        let width = glyphs[r.clone()].iter().map(|g| g.advance).sum();
        let inner = glyphs[r.clone()]
            .iter()
            .filter(|g| is_nbsp(g))
            .map(|g| g.advance)
            .sum();
        (width, inner, glyphs[r].iter().filter(|g| !is_nbsp(g)).count())
    };
    let alphabetic = |from: usize, to: usize| {
        text.get(from..to.max(from))
            .map_or(0, |t| t.chars().filter(|c| c.is_alphabetic()).count())
    };
    let mut out = Vec::new();
    let mut text_start = 0;
    for (n, seg) in segments.iter().enumerate() {
        let box_end = seg.glyphs.start + seg.box_glyphs;
        let mut start = seg.glyphs.start;
        for at in hyphens(text_start..seg.box_text_end) {
            // Only where a glyph cluster starts: never inside a ligature.
            let Some(cut) =
                (start + 1..box_end).find(|&i| glyphs[i].cluster == at && glyphs[i - 1].cluster != at)
            else {
                continue;
            };
            let (width, inner_space, letters) = measure(start..cut);
            out.push(Fragment {
                glyphs: start..cut,
                width,
                inner_space,
                text_end: at,
                letters,
                alphabetic: alphabetic(glyphs[start].cluster, at),
                joint: Joint::Hyphen {
                    width: hyphen_width(cut - 1),
                },
            });
            start = cut;
        }
        let (width, inner_space, letters) = measure(start..box_end);
        let joint = if n + 1 == segments.len() {
            Joint::End
        } else {
            Joint::Glue {
                space: seg.space,
                glyphs_end: seg.glyphs.end,
                text_end: seg.text_end,
            }
        };
        out.push(Fragment {
            glyphs: start..box_end,
            width,
            inner_space,
            text_end: seg.box_text_end,
            letters,
            alphabetic: glyphs
                .get(start)
                .filter(|_| start < box_end)
                .map_or(0, |g| alphabetic(g.cluster, seg.box_text_end)),
            joint,
        });
        text_start = seg.text_end;
    }
    out
}

/// The line measure and how lines are filled.
#[derive(Debug, Clone, Copy)]
pub struct Measure {
    /// Line width.
    pub width: f32,
    /// Justified (spaces stretch and shrink) or ragged right.
    pub justify: bool,
    /// Font size, which scales the ragged-right allowance.
    pub size: f32,
}

/// Widest word gap of a justified line, in ems; a line that would need more
/// is left at its natural spacing.
pub const LOOSEST_GAP: f32 = 0.6;

/// The most a justified space may grow, as a multiple of its stretch (half
/// its width): 2.2 lets a space reach 2.1 times its natural width, under
/// 0.6 em in the body faces.
pub const MAX_RATIO: f32 = 2.2;
/// Demerits for each line, so fewer lines are preferred.
const LINE_PENALTY: f32 = 10.0;
/// Penalty for ending a line with a hyphen (TeX's \hyphenpenalty): a
/// divided word costs about what a line stretched to a ratio of 2.3 does,
/// so the breaker takes a looser line (its spaces still under 0.6 em)
/// before it divides a word. Tuned on both example projects to about one
/// body line in five hyphenated in Kazakh and Russian, one in twelve in
/// English.
const HYPHEN_PENALTY: f32 = 1200.0;
/// Extra demerits for two hyphenated lines in a row.
const DOUBLE_HYPHEN: f32 = 20_000.0;
/// Extra demerits for a hyphen on the line before the last (TeX's
/// \finalhyphendemerits).
const FINAL_HYPHEN: f32 = 200_000.0;
/// Extra demerits for a last line that is nothing but a divided word's
/// tail ("сұра-/ңыз."): never within the tolerance, and past it only when
/// nothing else can be done.
const RUNT: f32 = 1.0e9;
/// Letters of a tail that would be a runt.
const RUNT_LETTERS: usize = 3;
/// Extra demerits for a tight line next to a loose one.
const FITNESS_JUMP: f32 = 3000.0;

/// Chooses line ends by total fit (Knuth and Plass): the set of breaks with
/// the least total demerits over the whole paragraph, so loose lines are
/// avoided everywhere rather than pushed to the end. Returns each line as a
/// range of fragments. When no set of breaks keeps every space within
/// bounds, the best set with looser lines is taken instead; a line is never
/// made wider than the measure unless a single fragment already is.
pub fn break_lines(frags: &[Fragment], measure: Measure) -> Vec<Range<usize>> {
    if frags.is_empty() {
        return Vec::new();
    }
    optimal(frags, measure, MAX_RATIO)
        .or_else(|| optimal(frags, measure, f32::INFINITY))
        .unwrap_or_else(|| std::iter::once(0..frags.len()).collect())
}

/// The stretch ratio a paragraph must manage without hyphenation for its
/// words to be left whole: spaces at most 1.8× their width (TeX's
/// pretolerance, at a badness of about 400). Hyphenation is only tried for paragraphs that
/// cannot, which keeps divided words rare and saves the hyphenator's time.
pub const PRETOLERANCE: f32 = 1.6;

/// Line ends with no line looser than `tolerance`, if such breaks exist.
pub fn break_lines_within(frags: &[Fragment], measure: Measure, tolerance: f32) -> Option<Vec<Range<usize>>> {
    if frags.is_empty() {
        return Some(Vec::new());
    }
    optimal(frags, measure, tolerance)
}

/// Most lines in a row that may end in a hyphen: a ladder of hyphens down
/// the right edge is a classic flaw.
const MAX_HYPHEN_STREAK: usize = 2;
/// Search states per break: fitness class of the line ending there (4) ×
/// hyphenated lines in a row ending there (0 to the streak limit).
const STATES: usize = 4 * (MAX_HYPHEN_STREAK + 1);

/// The best breaks with no line's stretch ratio above `tolerance`.
fn optimal(frags: &[Fragment], measure: Measure, tolerance: f32) -> Option<Vec<Range<usize>>> {
    let n = frags.len();
    let mut search = Search {
        frags,
        tolerance,
        best: vec![[f32::INFINITY; STATES]; n + 1],
        from: vec![[(0, 0); STATES]; n + 1],
    };
    search.best[0][state(1, 0)] = 0.0;
    for j in 1..=n {
        let end = &frags[j - 1];
        if j < n && end.joint == Joint::End {
            continue;
        }
        let hyphenated = matches!(end.joint, Joint::Hyphen { .. }) && j < n;
        let mut line = LineSums::default();
        for i in (0..j).rev() {
            line.prepend(&frags[i], i + 1 < j);
            if i > 0 && matches!(frags[i - 1].joint, Joint::End) {
                break;
            }
            let natural = line.width + if hyphenated { hyphen_width(end) } else { 0.0 };
            let Some(ratio) = ratio(natural, &line, measure, j == n) else {
                if i + 1 < j {
                    break;
                }
                // A lone fragment wider than the line: take it, badly.
                search.consider(i, j, 10_000.0, 3);
                continue;
            };
            if ratio <= tolerance {
                // Past the tolerance (the last resort) badness keeps
                // growing, so the least loose of the bad lines is taken.
                let badness =
                    (100.0 * ratio.abs().powi(3)).min(if tolerance.is_finite() { 10_000.0 } else { 1.0e12 });
                search.consider(i, j, badness, fitness(ratio));
            }
        }
    }
    search.lines()
}

/// The search state for fitness `class` after `streak` hyphenated lines.
fn state(class: usize, streak: usize) -> usize {
    class * (MAX_HYPHEN_STREAK + 1) + streak
}

/// The dynamic programme of total-fit line breaking.
struct Search<'a> {
    /// The paragraph.
    frags: &'a [Fragment],
    /// The loosest stretch ratio allowed.
    tolerance: f32,
    /// `best[j][s]`: least demerits of lines covering `frags[..j]`, ending
    /// in state `s`.
    best: Vec<[f32; STATES]>,
    /// `from[j][s]`: start of that last line, and the state before it.
    from: Vec<[(usize, usize); STATES]>,
}

impl Search<'_> {
    /// Whether a line ending before fragment `k` ends with a hyphen.
    fn hyphen_at(&self, k: usize) -> bool {
        k > 0 && k < self.frags.len() && matches!(self.frags[k - 1].joint, Joint::Hyphen { .. })
    }

    /// Records the line `i..j` wherever it improves the best way to reach `j`.
    fn consider(&mut self, i: usize, j: usize, badness: f32, class: usize) {
        let n = self.frags.len();
        let hyphenated = self.hyphen_at(j);
        let mut demerits = (LINE_PENALTY + badness).powi(2);
        if hyphenated {
            demerits += HYPHEN_PENALTY.powi(2);
            if self.hyphen_at(i) {
                demerits += DOUBLE_HYPHEN;
            }
        }
        if j == n && self.hyphen_at(i) {
            let tail_alone = self.frags[i].alphabetic <= RUNT_LETTERS
                && self.frags[i + 1..j].iter().all(|f| f.letters == 0);
            if tail_alone && self.tolerance.is_finite() {
                return;
            }
            demerits += if tail_alone { RUNT } else { FINAL_HYPHEN };
        }
        for prev in 0..STATES {
            let before = self.best[i][prev];
            let (prev_class, prev_streak) = (prev / (MAX_HYPHEN_STREAK + 1), prev % (MAX_HYPHEN_STREAK + 1));
            let streak = if hyphenated { prev_streak + 1 } else { 0 };
            if !before.is_finite() || streak > MAX_HYPHEN_STREAK {
                continue;
            }
            let jump = if i > 0 && prev_class.abs_diff(class) > 1 {
                FITNESS_JUMP
            } else {
                0.0
            };
            let total = before + demerits + jump;
            let s = state(class, streak);
            if total < self.best[j][s] {
                self.best[j][s] = total;
                self.from[j][s] = (i, prev);
            }
        }
    }

    /// The lines of the best solution, if any reaches the paragraph's end.
    fn lines(&self) -> Option<Vec<Range<usize>>> {
        let n = self.frags.len();
        let (mut s, total) = (0..STATES)
            .map(|s| (s, self.best[n][s]))
            .min_by(|a, b| a.1.total_cmp(&b.1))?;
        if !total.is_finite() {
            return None;
        }
        let mut lines = Vec::new();
        let mut j = n;
        while j > 0 {
            let (i, prev) = self.from[j][s];
            lines.push(i..j);
            j = i;
            s = prev;
        }
        lines.reverse();
        Some(lines)
    }
}

/// Width, stretch and shrink of a candidate line, built from its end backwards.
#[derive(Default)]
struct LineSums {
    /// Natural width of boxes and inner spaces.
    width: f32,
    /// Total width of stretchable spaces.
    spaces: f32,
    /// Number of letters.
    letters: usize,
}

impl LineSums {
    /// Adds `frag` at the line's start; `glue_inside` when the space after it
    /// lies inside the line.
    fn prepend(&mut self, frag: &Fragment, glue_inside: bool) {
        self.width += frag.width;
        self.spaces += frag.inner_space;
        self.letters += frag.letters;
        if let (true, Joint::Glue { space, .. }) = (glue_inside, frag.joint) {
            self.width += space;
            self.spaces += space;
        }
    }
}

/// Width of the hyphen after `frag`.
fn hyphen_width(frag: &Fragment) -> f32 {
    match frag.joint {
        Joint::Hyphen { width } => width,
        _ => 0.0,
    }
}

/// How far a line's spaces must stretch (positive) or shrink (negative),
/// relative to what they can; `None` if the line cannot fit at all.
fn ratio(natural: f32, line: &LineSums, measure: Measure, last: bool) -> Option<f32> {
    // Spaces stretch by half and shrink by a third of their width, as in TeX.
    let shrink = if measure.justify { line.spaces / 3.0 } else { 0.0 };
    if natural > measure.width + 0.01 {
        return (shrink > 0.0 && natural - shrink <= measure.width)
            .then(|| (measure.width - natural) / shrink);
    }
    if last {
        return Some(0.0);
    }
    let stretch = if measure.justify {
        justify_stretch(line.spaces, line.letters, measure.size)
    } else {
        // Ragged right: the space left at the line end is what varies; a
        // few ems of it are normal.
        3.0 * measure.size
    };
    Some((measure.width - natural) / stretch)
}

/// How much letters may spread at a stretch ratio of 1, per letter, in ems.
/// At the tolerance limit this is 0.02 em: invisible to the eye, but in a
/// narrow column with few spaces it keeps them from gaping.
const LETTER_STRETCH: f32 = 0.01;
/// The most letters ever spread, in ems, on a line no break within the
/// tolerance could avoid: tracking this slight does not show as spaced
/// letters.
const LAST_RESORT_LETTER: f32 = 0.06;

/// Stretchability of a justified line: spaces by half their width, and
/// letters by a hair.
pub fn justify_stretch(spaces: f32, letters: usize, size: f32) -> f32 {
    spaces / 2.0 + letters as f32 * LETTER_STRETCH * size
}

/// How a justified line's gap is shared out: extra width per point of
/// space, and per letter.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Spread {
    /// Added to each space, per point of its width (negative: shrink).
    pub per_space_pt: f32,
    /// Added to each letter.
    pub per_letter: f32,
}

/// Shares `gap` (positive: too short; negative: too long) among `spaces`
/// points of space and `letters` letters. Spaces first grow to 1.5× their
/// width, then letters take what is left up to their limit, then spaces
/// again up to 2×: letter spacing only where spaces alone would gape, which
/// also keeps most lines free of per-glyph positioning in the PDF. A line
/// that still falls short (only when no better breaks existed) spreads its
/// letters further rather than open holes between words.
pub fn spread(gap: f32, spaces: f32, letters: usize, size: f32) -> Spread {
    if spaces <= 0.0 && letters == 0 {
        return Spread::default();
    }
    if gap < 0.0 {
        return Spread {
            per_space_pt: if spaces > 0.0 { gap / spaces } else { 0.0 },
            per_letter: 0.0,
        };
    }
    // Spaces first, to half their width; then letters, by at most their
    // share at the tolerance; then spaces take the rest. Letters never
    // spread further, so no word reads as s p a c e d: a line past the
    // tolerance has wide gaps, and one with no space stays short.
    let first = gap.min(spaces / 2.0);
    let letter_room = letters as f32 * LETTER_STRETCH * size * MAX_RATIO;
    let mut to_letters = (gap - first).min(letter_room);
    let mut to_spaces = first + (gap - first - to_letters).min(spaces / 2.0 * (MAX_RATIO - 1.0));
    // Past the tolerance: letters a little more, then only spaces.
    let last_resort = letters as f32 * LAST_RESORT_LETTER * size;
    to_letters += (gap - to_spaces - to_letters)
        .min(last_resort - to_letters)
        .max(0.0);
    if spaces > 0.0 {
        to_spaces = gap - to_letters;
    }
    Spread {
        per_space_pt: if spaces > 0.0 { to_spaces / spaces } else { 0.0 },
        per_letter: if letters > 0 {
            to_letters / letters as f32
        } else {
            0.0
        },
    }
}

/// Fitness class of a line: tight, decent, loose, very loose.
fn fitness(ratio: f32) -> usize {
    match ratio {
        r if r < -0.5 => 0,
        r if r <= 0.5 => 1,
        r if r <= 1.0 => 2,
        _ => 3,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One glyph per character, 10 pt wide, 5 pt for spaces.
    fn mono(text: &str) -> Vec<ShapedGlyph> {
        // Ten-point glyphs at size 10: letter stretch is 0.1 pt each.
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
        let segs = segments(text, &mono(text), &[]);
        assert_eq!(segs.len(), 3);
        assert_eq!((segs[0].width, segs[0].space), (20.0, 10.0));
        assert_eq!(segs[0].box_text_end, 2);
        assert_eq!((segs[1].width, segs[1].space), (30.0, 5.0));
        assert_eq!(segs[2].glyphs, 8..9);
    }

    /// Fragments of `text` with no hyphenation.
    fn words(text: &str, glyphs: &[ShapedGlyph]) -> Vec<Fragment> {
        fragments(
            text,
            glyphs,
            &segments(text, glyphs, &[]),
            &|_| Vec::new(),
            &|_| 5.0,
        )
    }

    fn measure(width: f32, justify: bool) -> Measure {
        Measure {
            width,
            justify,
            size: 10.0,
        }
    }

    #[test]
    fn lines_never_exceed_the_width() {
        let text = "aa bb cc dd ee ff gg";
        let glyphs = mono(text);
        let frags = words(text, &glyphs);
        for width in [45.0, 50.0, 75.0, 100.0] {
            for line in break_lines(&frags, measure(width, true)) {
                let natural: f32 =
                    frags[line.clone()].iter().map(|f| f.width).sum::<f32>() + 5.0 * (line.len() - 1) as f32;
                // Spaces may shrink by a third: 5 pt → 3.33 pt.
                assert!(
                    natural - (line.len() - 1) as f32 * 5.0 / 3.0 <= width,
                    "{line:?} at {width}"
                );
            }
        }
    }

    #[test]
    fn total_fit_avoids_a_loose_line_that_first_fit_would_leave() {
        // First fit at 62 pt: "aaa bb cc" (65: too wide) → "aaa bb" / "cc dddd" …
        // Total fit balances the lines instead of filling the first ones.
        let text = "aaa bb cc dddd e ff";
        let glyphs = mono(text);
        let frags = words(text, &glyphs);
        let lines = break_lines(&frags, measure(80.0, true));
        assert_eq!(lines, vec![0..3, 3..6]);
    }

    #[test]
    fn hyphenation_points_are_used_when_they_help() {
        let text = "aaaa bbbbbbbb";
        let glyphs = mono(text);
        let segs = segments(text, &glyphs, &[]);
        let frags = fragments(
            text,
            &glyphs,
            &segs,
            &|r| if r.start == 5 { vec![9] } else { vec![] },
            &|_| 5.0,
        );
        assert_eq!(frags.len(), 3);
        assert!(matches!(frags[1].joint, Joint::Hyphen { .. }));
        // 40 + 5 + 40 + hyphen 5 = 90 fits in 92; without the hyphen the
        // first line would hold one word in 92 pt and be hopelessly loose.
        let lines = break_lines(&frags, measure(92.0, true));
        assert_eq!(lines, vec![0..2, 2..3]);
    }

    #[test]
    fn spaces_grow_first_letters_only_when_spaces_would_gape() {
        // 10 pt of space, 10 letters at 10 pt: letters may take 0.2 pt each.
        let small = spread(4.0, 10.0, 10, 10.0);
        assert_eq!((small.per_space_pt, small.per_letter), (0.4, 0.0));
        // Past half their width, the letters take their share (0.022 em
        // each at most) before the spaces grow on.
        let large = spread(10.0, 10.0, 10, 10.0);
        assert!((large.per_letter - 0.22).abs() < 1e-5);
        assert!((large.per_space_pt - 0.78).abs() < 1e-5);
        // Beyond both limits letters take up to 0.06 em, spaces the rest.
        let extreme = spread(20.0, 10.0, 10, 10.0);
        assert!((extreme.per_letter - 0.6).abs() < 1e-5);
        assert!((extreme.per_space_pt - 1.4).abs() < 1e-5);
        let one_word = spread(20.0, 0.0, 10, 10.0);
        assert!((one_word.per_letter - 0.6).abs() < 1e-5);
        let tight = spread(-2.0, 10.0, 10, 10.0);
        assert_eq!((tight.per_space_pt, tight.per_letter), (-0.2, 0.0));
    }

    #[test]
    fn ragged_lines_do_not_hyphenate_when_not_given_points() {
        let text = "aa bb cc dd ee ff gg hh";
        let glyphs = mono(text);
        let lines = break_lines(&words(text, &glyphs), measure(60.0, false));
        assert!(lines.len() >= 3);
    }

    #[test]
    fn an_overlong_word_is_cut_to_fit() {
        let text = "abcdefghij x";
        let glyphs = mono(text);
        let segs = split_oversized(segments(text, &glyphs, &[]), &glyphs, 35.0);
        assert!(segs.iter().all(|s| s.width <= 35.0));
        let total: usize = segs.iter().map(|s| s.glyphs.len()).sum();
        assert_eq!(total, glyphs.len());
    }
}
