//! The leaflet: a cover band with title and audience, then the intro, the
//! talking points, the quote and a closing box flowing through the columns.

use crate::base::Overflow;
use crate::diag::Diagnostic;
use crate::tailor::{DocPoint, Document};
use crate::theme::{LogoPlace, Theme};

use rayon::prelude::*;

use super::fit::Ladder;
use super::flow::{self, Backdrop, Block, Frames};
use super::page::{Color, Item, Layout, Page, Print, Rect, Role};
use super::qr;
use super::setter::{Setter, cover_details, document_layout, fill_template, spacer, web_address};
use super::text::fonts::FontBook;
use super::text::{Align, Line, ParaStyle};
use crate::base::rich::{Para, Span};

mod fold;

pub use fold::Fold;

/// A laid-out leaflet and what the organiser should know about it.
#[derive(Debug, Clone)]
pub struct Leaflet {
    /// The pages.
    pub layout: Layout,
    /// Shrunk type.
    pub warnings: Vec<Diagnostic>,
}

/// Lays out the leaflet for `doc`: unfolded pages in columns, as many as
/// the text needs, or a folded sheet of panels when the theme says so; a
/// sheet that cannot hold everything says by how much.
pub fn leaflet(
    doc: &Document,
    theme: &Theme,
    book: &FontBook,
) -> Result<Result<Leaflet, Overflow>, Diagnostic> {
    match theme.leaflet.fold {
        Fold::None => flat(doc, theme, book).map(Ok),
        fold => fold::folded(doc, theme, book, fold),
    }
}

/// The leaflet for `doc` in pages of columns, whatever the theme's fold.
pub fn flat(doc: &Document, theme: &Theme, book: &FontBook) -> Result<Leaflet, Diagnostic> {
    Ok(Leaflet {
        layout: unfolded(doc, theme, book)?,
        warnings: Vec::new(),
    })
}

/// Pages of columns, as many as the text needs.
fn unfolded(doc: &Document, theme: &Theme, book: &FontBook) -> Result<Layout, Diagnostic> {
    let styles = Styles::new(doc, theme, theme.leaflet.body_size);
    let lt = &theme.leaflet;
    let content_w = lt.paper_width - 2.0 * lt.margin;
    let column_w = (content_w - lt.gutter * (lt.columns - 1) as f32) / lt.columns as f32;
    let setter = Setter { book, column_w };

    let mut cover = blank_page(theme);
    let whole = Rect::new(0.0, 0.0, lt.paper_width, lt.paper_height);
    // The cover, the body and the tail are set independently, in parallel.
    let (cover_bottom, (body, tail)) = rayon::join(
        || draw_cover(doc, theme, &styles, book, &mut cover, whole),
        || {
            rayon::join(
                || body_blocks(doc, theme, &styles, &setter, true),
                || tail_blocks(doc, theme, &styles, &setter),
            )
        },
    );
    let cover_bottom = cover_bottom?;
    let mut blocks = body?;
    blocks.extend(tail?);
    let frames = |cap: Option<(usize, f32)>| Columns {
        first_top: cover_bottom,
        margin: lt.margin,
        column_w,
        gutter: lt.gutter,
        columns: lt.columns,
        bottom: lt.paper_height - lt.margin - FOOTER,
        cap,
    };
    // Trying out layouts costs arithmetic only: nothing is drawn until the
    // final one.
    let pages_for = |keep_groups: bool, cap: Option<(usize, f32)>| {
        let columns = frames(cap);
        flow::measure(&blocks, &columns, keep_groups).map(|end| columns.frame(end.frame).0 + 1)
    };
    let page_count = pages_for(false, None).map_err(|o| o.error(&blocks, "leaflet page"))?;
    // Talking points stay whole in a column when they can, unless that
    // costs a page.
    let keep_groups = pages_for(true, None).is_ok_and(|pages| pages <= page_count);
    let last = page_count - 1;
    let bottom = lt.paper_height - lt.margin - FOOTER;
    // Balance the end: the lowest column bottom, from page `from` on, that
    // still holds the rest in as many pages, found by bisection.
    let lowest_bottom = |from: usize| {
        let fits = |b: f32| pages_for(keep_groups, Some((from, b))).is_ok_and(|pages| pages == page_count);
        let top = if from == 0 { cover_bottom } else { lt.margin };
        let (mut low, mut high) = (top, bottom);
        while high - low > 1.0 {
            let mid = (low + high) / 2.0;
            if fits(mid) { high = mid } else { low = mid }
        }
        fits(high).then_some((from, high, (high - top) / (bottom - top)))
    };
    // A last page under a third full shares the last two pages' text
    // instead: both end at the same height.
    let cap = match lowest_bottom(last) {
        Some((_, _, fill)) if fill < 1.0 / 3.0 && last > 0 => lowest_bottom(last - 1).or(lowest_bottom(last)),
        cap => cap,
    }
    .map(|(from, b, _)| (from, b));
    let mut pages = vec![cover];
    let mut outline = Vec::new();
    let blank = || blank_page(theme);
    flow::flow(
        &blocks,
        &frames(cap),
        &mut pages,
        &blank,
        &mut outline,
        keep_groups,
    )
    .map_err(|o| o.error(&blocks, "leaflet page"))?;
    draw_footers(doc, theme, &styles, book, &mut pages)?;
    Ok(document_layout(doc, pages, outline))
}

/// Space reserved at the foot of every page for the footer line.
const FOOTER: f32 = 16.0;

/// The paragraph styles of a leaflet.
#[derive(Clone)]
struct Styles {
    /// Talking-point body text.
    body: ParaStyle,
    /// The audience's intro paragraph.
    intro: ParaStyle,
    /// Talking-point headings.
    heading: ParaStyle,
    /// Small capitals-like label over boxes.
    label: ParaStyle,
    /// Text inside the "for you" box.
    boxed: ParaStyle,
    /// The quotation.
    quote: ParaStyle,
    /// Quote author, footer, meta lines.
    small: ParaStyle,
    /// Cover title.
    title: ParaStyle,
    /// Cover subtitle.
    subtitle: ParaStyle,
    /// Closing call to action.
    call: ParaStyle,
    /// The smallest type allowed anywhere on the sheet: clear and large
    /// print set nothing, footers and labels included, below it.
    floor: f32,
}

impl Styles {
    /// Derives every style from the theme and the audience's reading needs.
    fn new(doc: &Document, theme: &Theme, body_size: f32) -> Self {
        let colors = &theme.colors;
        let large = doc.reading.enlarged();
        // Large print: at least 14 pt, ragged right (no stretched spaces to
        // trip over), more leading.
        let body_size = body_size.max(doc.reading.body_size());
        let floor = doc.reading.smallest_type();
        let leading_factor = theme.leaflet.leading * if large { 1.05 } else { 1.0 };
        let align = if theme.leaflet.justify && !large {
            Align::Justify
        } else {
            Align::Left
        };
        let base = ParaStyle {
            family: theme.fonts.body.clone(),
            fallback: theme.fonts.fallback.clone(),
            bold: false,
            italic: false,
            size: body_size,
            leading: (body_size * leading_factor).round(),
            color: colors.text,
            link_color: colors.heading(),
            align,
            lang: doc.lang,
            // Large print is never hyphenated: a divided word is one more
            // thing to trip over.
            hyphenate: theme.leaflet.hyphenate && !large,
            role: Role::Paragraph,
        };
        let sans = |size: f32, bold: bool, color: Color| ParaStyle {
            family: theme.fonts.heading.clone(),
            size: size.max(floor),
            leading: (size.max(floor) * 1.25).round(),
            bold,
            color,
            align: Align::Left,
            hyphenate: false,
            ..base.clone()
        };
        let scaled = |factor: f32| {
            let size = (body_size * factor).max(floor);
            ParaStyle {
                size,
                leading: (size * leading_factor).round(),
                ..base.clone()
            }
        };
        // Small text is set in the body face, not the heading face's regular
        // weight: the leaflet then embeds four faces instead of five, which
        // keeps a tagged trilingual leaflet with a logo under 100 KB.
        let small = |size: f32, italic: bool, color: Color| ParaStyle {
            size: size.max(floor),
            italic,
            leading: (size.max(floor) * 1.3).round(),
            color,
            align: Align::Left,
            hyphenate: false,
            ..base.clone()
        };
        let white = Color::rgb(255, 255, 255);
        Self {
            intro: ParaStyle {
                italic: false,
                ..scaled(1.12)
            },
            heading: ParaStyle {
                role: Role::Heading,
                ..sans(body_size * theme.leaflet.heading_scale, true, colors.heading())
            },
            label: ParaStyle {
                role: Role::Aside,
                ..sans(body_size * 0.8, true, colors.heading())
            },
            boxed: ParaStyle {
                role: Role::Aside,
                ..scaled(0.95)
            },
            quote: ParaStyle {
                italic: true,
                color: colors.heading(),
                align: Align::Left,
                // Display text: a divided word in a pull quote reads as a slip.
                hyphenate: false,
                role: Role::Quote,
                ..scaled(1.2)
            },
            small: small(body_size * 0.85, false, colors.text.mix(colors.background, 0.35)),
            title: ParaStyle {
                role: Role::Title,
                ..sans(if large { 30.0 } else { 26.0 }, true, white)
            },
            subtitle: small(if large { 15.5 } else { 13.5 }, true, white),
            call: ParaStyle {
                role: Role::Aside,
                ..sans(body_size * 1.25, true, white)
            },
            body: base,
            floor,
        }
    }
}

/// The blocks of the leaflet body (with the audience's intro when `intro`),
/// in reading order.
fn body_blocks(
    doc: &Document,
    theme: &Theme,
    s: &Styles,
    set: &Setter<'_>,
    intro: bool,
) -> Result<Vec<Block>, Diagnostic> {
    // Sections are set independently (shaping dominates the time), so they
    // are set in parallel and joined in reading order.
    let gap = theme.leaflet.paragraph_spacing;
    let sections: Vec<Section<'_>> = intro
        .then_some(doc.intro.as_ref())
        .flatten()
        .map(Section::Intro)
        .into_iter()
        .chain(doc.points.iter().map(Section::Point))
        .collect();
    let parts: Vec<Vec<Block>> = sections
        .par_iter()
        .map(|section| match section {
            Section::Intro(intro) => set.blocks(intro, &s.intro, 0.0, gap),
            Section::Point(point) => point_blocks(point, doc, theme, s, set),
        })
        .collect::<Result<_, _>>()?;
    Ok(parts.concat())
}

/// The end of the leaflet: the quote and the closing box.
fn tail_blocks(
    doc: &Document,
    theme: &Theme,
    s: &Styles,
    set: &Setter<'_>,
) -> Result<Vec<Block>, Diagnostic> {
    let mut blocks = Vec::new();
    if let Some(quote) = &doc.quote {
        blocks.push(quote_block(theme, s, set, quote)?);
    }
    blocks.extend(closing_block(doc, theme, s, set)?);
    Ok(blocks)
}

/// A part of the leaflet body that is set on its own.
enum Section<'a> {
    /// The audience's intro.
    Intro(&'a crate::project::Text),
    /// A talking point.
    Point(&'a DocPoint),
}

/// Heading, body paragraphs and the audience box of one talking point.
fn point_blocks(
    point: &DocPoint,
    doc: &Document,
    theme: &Theme,
    s: &Styles,
    set: &Setter<'_>,
) -> Result<Vec<Block>, Diagnostic> {
    let gap = theme.leaflet.paragraph_spacing;
    let mut blocks = vec![Block {
        lines: set.line(&point.title, &s.heading, set.column_w)?,
        space_before: s.body.leading * 1.1,
        keep_with_next: true,
        outline: Some(point.title.value.clone()),
        ..Default::default()
    }];
    blocks.extend(set.blocks(&point.body, &s.body, s.body.leading * 0.25, gap)?);
    if let Some(extra) = &point.extra {
        let padding = 7.0;
        let inner = set.column_w - 2.0 * padding;
        let mut lines = set.plain(&doc.labels.for_you.to_uppercase(), &extra.place, &s.label, inner)?;
        lines.push(spacer(2.0));
        for (i, para) in set.paras(extra, &s.boxed, inner)?.into_iter().enumerate() {
            if i > 0 {
                lines.push(spacer(gap));
            }
            lines.extend(para);
        }
        blocks.push(Block {
            lines,
            space_before: gap * 1.5,
            backdrop: Some(Backdrop {
                fill: Some(theme.colors.box_fill()),
                bar: Some(theme.colors.primary),
                padding,
            }),
            together: true,
            follows: true,
            ..Default::default()
        });
    }
    blocks[0].group = blocks.len();
    Ok(blocks)
}

/// The quote in the language's quotation marks, with its author.
fn quote_block(
    theme: &Theme,
    s: &Styles,
    set: &Setter<'_>,
    quote: &crate::tailor::DocQuote,
) -> Result<Block, Diagnostic> {
    let padding = 9.0;
    let inner = set.column_w - 2.0 * padding;
    let mut lines: Vec<Line> = set.paras(&quote.text, &s.quote, inner)?.concat();
    if let Some(author) = &quote.author {
        lines.push(spacer(4.0));
        let style = ParaStyle {
            role: Role::Quote,
            ..s.small.clone()
        };
        lines.extend(set.plain(&format!("— {}", author.value), &author.place, &style, inner)?);
    }
    // A quote reads as one thought: keep it whole unless it is long enough
    // that a column break inside it is the lesser evil.
    let together = lines.len() <= 12;
    Ok(Block {
        lines,
        space_before: s.body.leading * 1.4,
        together,
        backdrop: Some(Backdrop {
            fill: None,
            bar: Some(theme.colors.accent),
            padding,
        }),
        ..Default::default()
    })
}

/// The closing box: call to action, contacts, web address and its QR code.
fn closing_block(
    doc: &Document,
    theme: &Theme,
    s: &Styles,
    set: &Setter<'_>,
) -> Result<Option<Block>, Diagnostic> {
    if doc.call_to_action.is_none() && doc.contacts.is_none() && doc.url.is_none() {
        return Ok(None);
    }
    let padding = 10.0;
    let qr_size = if doc.url.is_some() { 64.0 } else { 0.0 };
    let white = Color::rgb(255, 255, 255);
    let light = ParaStyle {
        color: white,
        link_color: white,
        role: Role::Aside,
        ..s.small.clone()
    };
    // The QR code stands beside the text when the contacts' words (an
    // e-mail address, a phone number) fit beside it; else above the text,
    // which then has the box's whole width: an address is never cut.
    let full = set.column_w - 2.0 * padding;
    let beside = full - if qr_size > 0.0 { qr_size + 8.0 } else { 0.0 };
    let fits_beside = match &doc.contacts {
        Some(c) => set
            .fit_words(
                &c.value,
                &c.place,
                &light,
                beside,
                Ladder::new(light.size, 1.0, light.size),
            )?
            .fits(),
        None => true,
    };
    let (inner, qr_at) = if fits_beside {
        (
            beside,
            Rect::new(set.column_w - padding - qr_size, padding, qr_size, qr_size),
        )
    } else {
        (full, Rect::new(padding, padding, qr_size, qr_size))
    };
    let mut lines = Vec::new();
    if !fits_beside && qr_size > 0.0 {
        lines.push(spacer(qr_size + 8.0));
    }
    if let Some(call) = &doc.call_to_action {
        // The call is never set smaller than the smallest body text.
        let ladder = Ladder::new(s.call.size, 1.0, theme.leaflet.min_body_size.max(s.floor));
        let style = set
            .fit_words(&call.value, &call.place, &s.call, inner, ladder)?
            .value;
        for para in set.paras(call, &style, inner)? {
            lines.extend(para);
        }
        lines.push(spacer(6.0));
    }
    if let Some(contacts) = &doc.contacts {
        for para in set.paras(contacts, &light, inner)? {
            lines.extend(para);
        }
    }
    let mut extras = Vec::new();
    if let Some(url) = &doc.url {
        let place = doc.title.place.clone();
        lines.push(spacer(3.0));
        let link = web_address(Some(&doc.labels.learn_more), &url.url);
        lines.extend(super::text::set_paragraph(
            set.book, &link, &light, inner, &place,
        )?);
        extras.extend(qr::draw(&url.qr, qr_at, theme.colors.band(), white));
        extras.push(Item::Link {
            rect: qr_at,
            url: url.url.clone(),
        });
    }
    Ok(Some(Block {
        lines,
        space_before: s.body.leading * 1.5,
        together: true,
        backdrop: Some(Backdrop {
            fill: Some(theme.colors.band()),
            bar: Some(theme.colors.accent),
            padding,
        }),
        extras,
        min_height: qr_size,
        ..Default::default()
    }))
}

/// The audience (in bold), date and organiser under the cover band: on one
/// line, parted by "·", when they fit it; else each on lines of its own, so
/// no line starts or ends with a separator.
fn meta_lines(
    doc: &Document,
    book: &FontBook,
    style: &ParaStyle,
    width: f32,
) -> Result<Vec<Line>, Diagnostic> {
    let place = &doc.audience_name.place;
    let audience = Span {
        bold: true,
        ..Span::plain(doc.audience_name.value.clone())
    };
    let details = cover_details(doc);
    let mut one_line = Para::default();
    one_line.push(audience.clone());
    if !details.is_empty() {
        one_line.push(Span::plain(format!("  ·  {}", details.join("  ·  "))));
    }
    let lines = super::text::set_paragraph(book, &one_line, style, width, place)?;
    if lines.len() <= 1 {
        return Ok(lines);
    }
    let mut lines = Vec::new();
    let parts = std::iter::once(audience).chain(details.into_iter().map(Span::plain));
    for span in parts {
        let mut para = Para::default();
        para.push(span);
        lines.extend(super::text::set_paragraph(book, &para, style, width, place)?);
    }
    Ok(lines)
}

/// Draws the cover band (title, subtitle) and the line under it (audience,
/// date, organiser). Returns where the columns start.
fn draw_cover(
    doc: &Document,
    theme: &Theme,
    s: &Styles,
    book: &FontBook,
    page: &mut Page,
    area: Rect,
) -> Result<f32, Diagnostic> {
    let lt = &theme.leaflet;
    let width = area.w - 2.0 * lt.margin;
    let left = area.x + lt.margin;
    let set = Setter {
        book,
        column_w: width,
    };
    // On a full page the title keeps off the right edge; a panel is narrow
    // enough already.
    // The logo sits at the band's right end; the title keeps clear of it.
    let place = theme.leaflet.logo;
    let logo = doc
        .logo
        .as_ref()
        .filter(|_| place != LogoPlace::None)
        .map(|picture| {
            let h = 52.0;
            let w = (h / picture.aspect()).min(width * 0.3);
            (picture, w, w * picture.aspect())
        });
    let logo_room = logo.map_or(0.0, |(_, w, _)| w + 12.0);
    let measure = if area.w > 400.0 && logo.is_none() {
        width * 0.85
    } else {
        width
    } - logo_room;
    // A title too big for its longest word on a narrow panel shrinks rather
    // than breaking that word.
    // Not below a point's heading: the title stays the largest type.
    let ladder = Ladder::new(s.title.size, 1.0, s.heading.size);
    let title_style = set
        .fit_words(&doc.title.value, &doc.title.place, &s.title, measure, ladder)?
        .value;
    let mut band_lines = set.line(&doc.title, &title_style, measure)?;
    if let Some(sub) = &doc.subtitle {
        band_lines.push(spacer(5.0));
        band_lines.extend(set.line(sub, &s.subtitle, measure)?);
    }
    let band_top = lt.margin * 1.1;
    let text_h: f32 = band_lines
        .iter()
        .map(|l| l.leading)
        .sum::<f32>()
        .max(logo.map_or(0.0, |l| l.2));
    let band_h = band_top + text_h + lt.margin * 0.9;
    // The band runs off the page edges, through the bleed, so trimming
    // never leaves a white sliver.
    let b = lt.bleed;
    let band_left = if area.x <= 0.0 { area.x - b } else { area.x };
    let band_right = if area.right() >= page.width - 0.01 {
        area.right() + b
    } else {
        area.right()
    };
    page.items.push(Item::Fill {
        rects: vec![Rect::new(band_left, -b, band_right - band_left, band_h + b)],
        color: theme.colors.band(),
    });
    page.items.push(Item::Fill {
        rects: vec![Rect::new(band_left, band_h, band_right - band_left, 4.0)],
        color: theme.colors.accent,
    });
    let text_left = if place == LogoPlace::Left {
        left + logo_room
    } else {
        left
    };
    let frame = Rect::new(text_left, band_top, width - logo_room, text_h);
    flow::place_lines(&band_lines, frame, page);
    if let Some((picture, w, h)) = logo {
        let x = if place == LogoPlace::Left {
            left
        } else {
            left + width - w
        };
        page.items.push(Item::Image {
            rect: Rect::new(x, band_top, w, h),
            picture: picture.clone(),
        });
    }

    let meta_style = ParaStyle {
        color: theme.colors.heading(),
        size: s.small.size * 1.15,
        leading: (s.small.size * 1.15 * 1.35).round(),
        ..s.small.clone()
    };
    let meta_lines = meta_lines(doc, book, &meta_style, width)?;
    let meta_top = band_h + 4.0 + 10.0;
    let meta_h: f32 = meta_lines.iter().map(|l| l.leading).sum();
    flow::place_lines(&meta_lines, Rect::new(left, meta_top, width, meta_h), page);
    let rule_y = meta_top + meta_h + 6.0;
    page.items.push(Item::Fill {
        rects: vec![Rect::new(left, rule_y, width, 0.6)],
        color: theme.colors.primary.mix(theme.colors.background, 0.5),
    });
    match &doc.meeting {
        Some(meeting) => meeting_box(
            doc,
            meeting,
            theme,
            s,
            &set,
            Rect::new(left, rule_y + 10.0, width, 0.0),
            page,
        ),
        None => Ok(rule_y + 12.0),
    }
}

/// The box on the cover of a meeting leaflet: where, when and who speaks.
/// Returns where the columns start below it.
fn meeting_box(
    doc: &Document,
    meeting: &crate::tailor::DocMeeting,
    theme: &Theme,
    s: &Styles,
    set: &Setter<'_>,
    at: Rect,
    page: &mut Page,
) -> Result<f32, Diagnostic> {
    let padding = 8.0;
    let inner = at.w - 2.0 * padding;
    let place = &meeting.venue.place;
    let strong = ParaStyle {
        size: s.small.size * 1.35,
        leading: (s.small.size * 1.35 * 1.3).round(),
        bold: true,
        color: theme.colors.text,
        role: Role::Aside,
        ..s.small.clone()
    };
    let plain_style = ParaStyle {
        bold: false,
        ..strong.clone()
    };
    let mut lines = set.plain(&doc.labels.meeting.to_uppercase(), place, &s.label, inner)?;
    lines.push(spacer(2.0));
    lines.extend(set.line(&meeting.venue, &strong, inner)?);
    lines.extend(set.plain(&meeting.when, place, &plain_style, inner)?);
    if let Some(speaker) = &meeting.speaker {
        let text = format!("{}: {}", doc.labels.speaker, speaker.value);
        lines.extend(set.plain(&text, &speaker.place, &plain_style, inner)?);
    }
    let height: f32 = lines.iter().map(|l| l.leading).sum::<f32>() + 2.0 * padding;
    page.items.push(Item::Fill {
        rects: vec![Rect::new(at.x, at.y, at.w, height)],
        color: theme.colors.accent.mix(theme.colors.background, 0.75),
    });
    page.items.push(Item::Fill {
        rects: vec![Rect::new(at.x, at.y, 3.0, height)],
        color: theme.colors.accent,
    });
    flow::place_lines(
        &lines,
        Rect::new(at.x + padding, at.y + padding, inner, height - 2.0 * padding),
        page,
    );
    Ok(at.y + height + 14.0)
}

/// Footer on every page: organiser on the left, page number on the right.
fn draw_footers(
    doc: &Document,
    theme: &Theme,
    s: &Styles,
    book: &FontBook,
    pages: &mut [Page],
) -> Result<(), Diagnostic> {
    let lt = &theme.leaflet;
    let width = lt.paper_width - 2.0 * lt.margin;
    let set = Setter {
        book,
        column_w: width,
    };
    let count = pages.len();
    let style = ParaStyle {
        size: (s.small.size * 0.9).max(s.floor),
        role: Role::Artifact,
        ..s.small.clone()
    };
    let top = lt.paper_height - lt.margin - style.leading + 4.0;
    for (i, page) in pages.iter_mut().enumerate() {
        page.items.push(Item::Fill {
            rects: vec![Rect::new(lt.margin, top - 5.0, width, 0.5)],
            color: theme.colors.primary.mix(theme.colors.background, 0.5),
        });
        let left = fill_template(&lt.footer, doc, i + 1, count);
        let lines = set.plain(&left, &doc.title.place, &style, width * 0.75)?;
        // A footer too long for one line is left out rather than cut.
        if lines.len() == 1 {
            flow::place_lines(
                &lines,
                Rect::new(lt.margin, top, width * 0.75, style.leading),
                page,
            );
        }
        let number = format!("{} {}/{}", doc.labels.page, i + 1, count);
        let right = set.plain(&number, &doc.title.place, &style, width * 0.2)?;
        let w = right
            .first()
            .map_or(0.0, |l| l.runs.iter().map(|r| r.width()).sum());
        let x = lt.margin + width - w;
        flow::place_lines(&right, Rect::new(x, top, w, style.leading), page);
    }
    Ok(())
}

/// A new page of the leaflet's paper size.
fn blank_page(theme: &Theme) -> Page {
    Page {
        print: Print {
            bleed: theme.leaflet.bleed,
            crop_marks: theme.leaflet.crop_marks,
            ..Print::default()
        },
        width: theme.leaflet.paper_width,
        height: theme.leaflet.paper_height,
        items: Vec::new(),
    }
}

/// The columns of an unfolded leaflet: below the cover on page one, full
/// height on the pages after it.
struct Columns {
    /// Top of the columns on the first page.
    first_top: f32,
    /// Page margin.
    margin: f32,
    /// Column width.
    column_w: f32,
    /// Space between columns.
    gutter: f32,
    /// Number of columns.
    columns: usize,
    /// Bottom of the columns.
    bottom: f32,
    /// A higher bottom for the columns of one page (balancing the last).
    cap: Option<(usize, f32)>,
}

impl Frames for Columns {
    fn frame(&self, n: usize) -> (usize, Rect) {
        let page = n / self.columns;
        let column = n % self.columns;
        let top = if page == 0 { self.first_top } else { self.margin };
        let bottom = match self.cap {
            Some((from, b)) if page >= from => b.min(self.bottom),
            _ => self.bottom,
        };
        let x = self.margin + column as f32 * (self.column_w + self.gutter);
        (page, Rect::new(x, top, self.column_w, (bottom - top).max(0.0)))
    }
}
