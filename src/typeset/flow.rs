//! Flow: blocks of set lines poured into a sequence of frames (columns on
//! pages), keeping headings with what follows, never leaving a single line
//! of a paragraph alone at a column's foot or head, and keeping boxes whole.

use super::page::{Color, Item, OutlineEntry, Page, Rect};
use super::text::Line;

/// A background box drawn behind a block (and behind each part of it when
/// the block is split across frames).
#[derive(Debug, Clone, Copy)]
pub struct Backdrop {
    /// Fill of the box.
    pub fill: Option<Color>,
    /// A bar down the box's left edge.
    pub bar: Option<Color>,
    /// Space between the box edge and its lines, on every side.
    pub padding: f32,
}

/// Lines that belong together: a heading, a paragraph, a box.
#[derive(Debug, Clone, Default)]
pub struct Block {
    /// The set lines.
    pub lines: Vec<Line>,
    /// Space above the block (dropped at the top of a frame).
    pub space_before: f32,
    /// Keep on the same frame as the first lines of the next block (headings).
    pub keep_with_next: bool,
    /// Never split across frames (boxes).
    pub together: bool,
    /// Stays in the frame where the block before it ends, with at least
    /// two of its lines (a point's box is never parted from its point).
    pub follows: bool,
    /// Box behind the block.
    pub backdrop: Option<Backdrop>,
    /// Extra drawing relative to the block's top-left corner (a QR code);
    /// only for blocks kept together.
    pub extras: Vec<Item>,
    /// Minimum height of the block's content, for blocks whose extras are
    /// taller than their lines.
    pub min_height: f32,
    /// Bookmark for the block.
    pub outline: Option<String>,
    /// How many blocks from this one form a unit (a talking point) that
    /// should start a new frame rather than be split, when it fits in one.
    pub group: usize,
}

impl Block {
    /// Padding on each side, or none.
    fn padding(&self) -> f32 {
        self.backdrop.map_or(0.0, |b| b.padding)
    }

    /// Height of lines `range` of this block, with padding.
    fn height_of(&self, lines: std::ops::Range<usize>) -> f32 {
        let content: f32 = self.lines[lines].iter().map(|l| l.leading).sum();
        content.max(self.min_height) + 2.0 * self.padding()
    }

    /// Height of the whole block.
    fn height(&self) -> f32 {
        self.height_of(0..self.lines.len())
    }
}

/// The frames text flows through: frame `n` is on page `.0` at rect `.1`.
pub trait Frames {
    /// The `n`-th frame.
    fn frame(&self, n: usize) -> (usize, Rect);
}

/// A block that cannot be placed in any frame.
#[derive(Debug, Clone, PartialEq)]
pub struct Overflow {
    /// Index of the block.
    pub block: usize,
    /// By how many points it is too tall for an empty frame.
    pub by: f32,
}

impl Overflow {
    /// The error for a block too tall for any `container` ("leaflet page",
    /// "panel"), naming the talking point it belongs to, or quoting it.
    pub fn error(&self, blocks: &[Block], container: &str) -> crate::diag::Diagnostic {
        let titled = blocks[..=self.block.min(blocks.len().saturating_sub(1))]
            .iter()
            .rev()
            .find_map(|b| b.outline.clone());
        let quoted = || {
            let text: String = blocks
                .get(self.block)
                .into_iter()
                .flat_map(|b| &b.lines)
                .flat_map(|l| &l.runs)
                .map(|r| r.text.as_str())
                .collect::<String>()
                .chars()
                .take(40)
                .collect();
            format!("the text “{}…”", text.trim())
        };
        let what = match titled {
            Some(title) => format!("a block of the point “{title}”"),
            None => quoted(),
        };
        crate::diag::Diagnostic::plain(
            None,
            format!(
                "{what} is taller than a {container} by {:.0} pt ({:.0} mm) and cannot be split; shorten it",
                self.by,
                self.by / crate::theme::MM
            ),
        )
    }
}

/// Where the flow ended: frames used and the final position.
#[derive(Debug, Clone, PartialEq)]
pub struct FlowEnd {
    /// Index of the last frame that received content.
    pub frame: usize,
    /// Height used in that frame.
    pub used: f32,
}

/// Pours `blocks` into `frames`, drawing onto `pages` (created as needed,
/// `blank` gives a new empty page). With `keep_groups`, a group of blocks
/// that does not fit in what is left of a frame but fits in the next one
/// moves there whole. Returns where it ended.
pub fn flow(
    blocks: &[Block],
    frames: &dyn Frames,
    pages: &mut Vec<Page>,
    blank: &dyn Fn() -> Page,
    outline: &mut Vec<OutlineEntry>,
    keep_groups: bool,
) -> Result<FlowEnd, Overflow> {
    let mut canvas = Canvas {
        pages,
        blank,
        outline,
    };
    pour(blocks, frames, Some(&mut canvas), keep_groups)
}

/// Where the flow ends, without drawing anything: for trying out frame
/// sizes (balancing columns) at the cost of arithmetic only.
pub fn measure(blocks: &[Block], frames: &dyn Frames, keep_groups: bool) -> Result<FlowEnd, Overflow> {
    pour(blocks, frames, None, keep_groups)
}

/// What a flow draws onto.
struct Canvas<'a> {
    /// The pages, added as needed.
    pages: &'a mut Vec<Page>,
    /// Makes a new page.
    blank: &'a dyn Fn() -> Page,
    /// Bookmarks.
    outline: &'a mut Vec<OutlineEntry>,
}

/// The flow, drawing onto `canvas` if given.
fn pour(
    blocks: &[Block],
    frames: &dyn Frames,
    mut canvas: Option<&mut Canvas<'_>>,
    keep_groups: bool,
) -> Result<FlowEnd, Overflow> {
    let mut cursor = Cursor { frame: 0, used: 0.0 };
    for (index, block) in blocks.iter().enumerate() {
        if cursor.used > 0.0 {
            cursor.used += block.space_before;
        }
        if keep_groups && block.group > 1 && cursor.used > 0.0 {
            let whole = group_height(&blocks[index..(index + block.group).min(blocks.len())]);
            let here = frames.frame(cursor.frame).1.h;
            let fits_next = whole <= frames.frame(cursor.frame + 1).1.h;
            // Moving on leaves the rest of this frame empty: worth it for a
            // small gap, not for a column that is a third blank.
            let gap_is_small = here - cursor.used <= here * MAX_GROUP_GAP;
            if cursor.used + whole > here && fits_next && gap_is_small {
                cursor.next();
            }
        }
        let need = first_part_height(blocks, index);
        if cursor.used > 0.0 && cursor.used + need > frames.frame(cursor.frame).1.h {
            cursor.next();
        }
        let room = frames.frame(cursor.frame).1.h;
        if block.together && block.height() > room {
            return Err(Overflow {
                block: index,
                by: block.height() - room,
            });
        }
        // A block may wait for the next frame only if nothing before it
        // insisted on its company (a heading).
        let may_wait = cursor.used > 0.0 && !(index > 0 && blocks[index - 1].keep_with_next);
        let reserve = blocks
            .get(index + 1)
            .filter(|next| next.follows)
            .map_or(0.0, |next| next.space_before + next.height());
        place_block(
            block,
            frames,
            &mut cursor,
            canvas.as_deref_mut(),
            may_wait,
            reserve,
        );
    }
    Ok(FlowEnd {
        frame: cursor.frame,
        used: cursor.used,
    })
}

/// The largest share of a frame left empty to keep a group whole.
const MAX_GROUP_GAP: f32 = 0.25;

/// Height of consecutive blocks set one after the other.
fn group_height(blocks: &[Block]) -> f32 {
    blocks
        .iter()
        .enumerate()
        .map(|(i, b)| b.height() + if i > 0 { b.space_before } else { 0.0 })
        .sum()
}

/// Position in the frame sequence.
struct Cursor {
    /// Current frame.
    frame: usize,
    /// Height used in it.
    used: f32,
}

impl Cursor {
    /// Moves to the top of the next frame.
    fn next(&mut self) {
        self.frame += 1;
        self.used = 0.0;
    }
}

/// The height that must fit before a block may start in a frame: all of a
/// block kept together; a heading plus two lines of what follows; two lines
/// of a paragraph (no orphans).
fn first_part_height(blocks: &[Block], index: usize) -> f32 {
    let block = &blocks[index];
    if block.together {
        return block.height();
    }
    let own = if block.keep_with_next {
        block.height()
    } else {
        block.height_of(0..first_part(block))
    };
    match blocks.get(index + 1) {
        Some(next) if block.keep_with_next => own + next.space_before + first_part_height(blocks, index + 1),
        _ => own,
    }
}

/// Places one block from the cursor on, splitting it across frames if needed.
/// `reserve` is the room the block after it needs beside its end.
fn place_block(
    block: &Block,
    frames: &dyn Frames,
    cursor: &mut Cursor,
    mut canvas: Option<&mut Canvas<'_>>,
    may_wait: bool,
    reserve: f32,
) {
    // An empty block (a heading whose text is empty) takes no room.
    if block.lines.is_empty() {
        return;
    }
    let mut start = 0;
    loop {
        let (page, rect) = frames.frame(cursor.frame);
        let mut count = lines_that_fit(block, start, rect.h - cursor.used, may_wait && start == 0);
        let remaining = block.lines.len() - start;
        if count == remaining
            && reserve > 0.0
            && cursor.used > 0.0
            && cursor.used + block.height_of(start..start + count) + reserve > rect.h + 0.01
        {
            count = carry_over(block, start, may_wait);
        }
        if count == 0 {
            cursor.next();
            continue;
        }
        let top = rect.y + cursor.used;
        let height = block.height_of(start..start + count);
        if let Some(canvas) = canvas.as_deref_mut() {
            while canvas.pages.len() <= page {
                canvas.pages.push((canvas.blank)());
            }
            if let (0, Some(title)) = (start, &block.outline) {
                canvas.outline.push(OutlineEntry {
                    title: title.clone(),
                    page,
                    y: top,
                });
            }
            draw_part(
                block,
                start..start + count,
                rect,
                top,
                height,
                &mut canvas.pages[page],
            );
        }
        cursor.used += height;
        start += count;
        if start >= block.lines.len() {
            return;
        }
        cursor.next();
    }
}

/// How many lines from `start` go into `space`, keeping at least two lines on
/// each side of a split (no widows, no orphans) when the paragraph allows it,
/// and not splitting after a divided word (the reader would hunt for its
/// end in another column or on another page). When no split satisfies that
/// and `may_wait`, none: the block starts in the next frame. Otherwise at
/// least one line, so the flow makes progress.
fn lines_that_fit(block: &Block, start: usize, space: f32, may_wait: bool) -> usize {
    let remaining = block.lines.len() - start;
    if block.together {
        return remaining;
    }
    let mut fit = 0;
    while fit < remaining && block.height_of(start..start + fit + 1) <= space + 0.01 {
        fit += 1;
    }
    if fit == remaining {
        return fit;
    }
    if remaining >= 4 && remaining - fit < 2 {
        fit = remaining - 2;
    }
    let divided = |n: usize| n > 0 && block.lines[start + n - 1].hyphenated;
    while fit > 2 && divided(fit) {
        fit -= 1;
    }
    if may_wait && (fit < 2 || divided(fit)) {
        return 0;
    }
    fit.max(1)
}

/// How many of the last lines from `start` stay when the block that
/// follows does not fit beside the end: all but two go, which keep the
/// next block company in the next frame, if that leaves two behind (or one
/// of a part already split); else none, and the whole rest moves on.
fn carry_over(block: &Block, start: usize, may_wait: bool) -> usize {
    let remaining = block.lines.len() - start;
    let mut keep = remaining.saturating_sub(2);
    while keep > 0 && block.lines[start + keep - 1].hyphenated {
        keep -= 1;
    }
    let enough = keep >= 2 || (start > 0 && keep >= 1);
    if enough {
        keep
    } else if may_wait || start > 0 {
        0
    } else {
        remaining
    }
}

/// The fewest lines a paragraph may start a frame with: two, or more while
/// the last of them ends in a divided word.
fn first_part(block: &Block) -> usize {
    let n = block.lines.len();
    (2..n).find(|&k| !block.lines[k - 1].hyphenated).unwrap_or(n)
}

/// Draws lines `range` of `block` into `frame` from `top`.
fn draw_part(
    block: &Block,
    range: std::ops::Range<usize>,
    frame: Rect,
    top: f32,
    height: f32,
    page: &mut Page,
) {
    let pad = block.padding();
    let area = Rect::new(frame.x, top, frame.w, height);
    if let Some(backdrop) = block.backdrop {
        if let Some(fill) = backdrop.fill {
            page.items.push(Item::Fill {
                rects: vec![area],
                color: fill,
            });
        }
        if let Some(bar) = backdrop.bar {
            page.items.push(Item::Fill {
                rects: vec![Rect::new(frame.x, top, 2.5, height)],
                color: bar,
            });
        }
    }
    let text_frame = Rect::new(frame.x + pad, top + pad, frame.w - 2.0 * pad, height - 2.0 * pad);
    place_lines(&block.lines[range], text_frame, page);
    for extra in &block.extras {
        page.items.push(offset_item(extra, frame.x, top));
    }
}

/// Places `lines` top to bottom in `frame`, from its top edge, adding a
/// clickable area over every link.
pub fn place_lines(lines: &[Line], frame: Rect, page: &mut Page) {
    let mut top = frame.y;
    for line in lines {
        let baseline = top + baseline_offset(line);
        for run in &line.runs {
            let mut run = run.clone();
            run.x += frame.x;
            run.y = baseline;
            run.frame = frame;
            if let Some(url) = &run.link {
                page.items.push(Item::Link {
                    rect: run.bounds(),
                    url: url.clone(),
                });
            }
            page.items.push(Item::Text(run));
        }
        top += line.leading;
    }
}

/// Where the baseline sits in a line box: the text centred in its leading,
/// measured so the x-height sits in the middle.
pub fn baseline_offset(line: &Line) -> f32 {
    let size = line.runs.first().map_or(line.ascent / 0.8, |r| r.size);
    line.leading / 2.0 + size * 0.3
}

/// `item` moved by `(dx, dy)`.
fn offset_item(item: &Item, dx: f32, dy: f32) -> Item {
    let shift = |r: &Rect| Rect::new(r.x + dx, r.y + dy, r.w, r.h);
    match item {
        Item::Fill { rects, color } => Item::Fill {
            rects: rects.iter().map(shift).collect(),
            color: *color,
        },
        Item::Link { rect, url } => Item::Link {
            rect: shift(rect),
            url: url.clone(),
        },
        Item::Image { rect, picture } => Item::Image {
            rect: shift(rect),
            picture: picture.clone(),
        },
        Item::Text(run) => {
            let mut run = run.clone();
            run.x += dx;
            run.y += dy;
            run.frame = shift(&run.frame);
            Item::Text(run)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two 100-pt-tall columns per page.
    struct TwoColumns;

    impl Frames for TwoColumns {
        fn frame(&self, n: usize) -> (usize, Rect) {
            (n / 2, Rect::new((n % 2) as f32 * 60.0, 0.0, 50.0, 100.0))
        }
    }

    fn lines(n: usize) -> Vec<Line> {
        (0..n)
            .map(|_| Line {
                runs: Vec::new(),
                leading: 10.0,
                ascent: 8.0,
                hyphenated: false,
            })
            .collect()
    }

    /// An empty test page.
    fn blank() -> Page {
        Page {
            print: Default::default(),
            width: 200.0,
            height: 200.0,
            items: Vec::new(),
        }
    }

    fn run(blocks: &[Block]) -> (Result<FlowEnd, Overflow>, Vec<Page>) {
        let mut pages = Vec::new();
        let mut outline = Vec::new();
        let end = flow(blocks, &TwoColumns, &mut pages, &blank, &mut outline, false);
        (end, pages)
    }

    #[test]
    fn a_heading_moves_with_its_paragraph() {
        let blocks = [
            Block {
                lines: lines(9),
                ..Default::default()
            },
            Block {
                lines: lines(1),
                keep_with_next: true,
                ..Default::default()
            },
            Block {
                lines: lines(5),
                ..Default::default()
            },
        ];
        let (end, _) = run(&blocks);
        // 9 lines leave room for the heading but not for two lines after it.
        assert_eq!(end.unwrap(), FlowEnd { frame: 1, used: 60.0 });
    }

    #[test]
    fn no_single_line_is_left_at_the_head_of_a_column() {
        let blocks = [
            Block {
                lines: lines(5),
                ..Default::default()
            },
            Block {
                lines: lines(6),
                ..Default::default()
            },
        ];
        // 5 + 5 would fit, leaving 1 widow line; the split leaves 2 instead.
        let (end, _) = run(&blocks);
        assert_eq!(end.unwrap(), FlowEnd { frame: 1, used: 20.0 });
    }

    #[test]
    fn a_talking_point_moves_whole_when_little_space_is_left() {
        let point = |group| Block {
            lines: lines(4),
            group,
            ..Default::default()
        };
        let blocks = [
            Block {
                lines: lines(8),
                ..Default::default()
            },
            point(1),
        ];
        let mut pages = Vec::new();
        let end = flow(&blocks, &TwoColumns, &mut pages, &blank, &mut Vec::new(), true).unwrap();
        // Two lines are left: without a group the point splits 2 + 2.
        assert_eq!(end, FlowEnd { frame: 1, used: 20.0 });
        let both = [blocks[0].clone(), Block { group: 2, ..point(0) }, point(0)];
        let end = flow(&both, &TwoColumns, &mut pages, &blank, &mut Vec::new(), true).unwrap();
        // The group of 8 lines does not fit the 2 left: it starts column 2.
        assert_eq!(end, FlowEnd { frame: 1, used: 80.0 });
    }

    #[test]
    fn a_box_taller_than_a_frame_is_an_overflow() {
        let blocks = [Block {
            lines: lines(12),
            together: true,
            ..Default::default()
        }];
        let (end, _) = run(&blocks);
        assert_eq!(end.unwrap_err(), Overflow { block: 0, by: 20.0 });
    }

    #[test]
    fn empty_blocks_take_no_room() {
        let blocks = [
            Block::default(),
            Block {
                lines: lines(3),
                ..Default::default()
            },
            Block::default(),
        ];
        let (end, _) = run(&blocks);
        assert_eq!(end.unwrap(), FlowEnd { frame: 0, used: 30.0 });
    }

    #[test]
    fn pages_are_added_as_text_flows() {
        let blocks = [Block {
            lines: lines(35),
            ..Default::default()
        }];
        let (end, pages) = run(&blocks);
        assert_eq!(end.unwrap().frame, 3);
        assert_eq!(pages.len(), 2);
    }
}
