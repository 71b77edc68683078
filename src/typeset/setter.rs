//! Setting text fields into lines: the small toolkit every product (leaflet,
//! deck, notes) composes its blocks with.

use crate::diag::{Diagnostic, Place};

use crate::tailor::Document;

use crate::base::rich::{Para, Span};
use crate::project::Text;

use super::fit::{Fitted, Ladder};
use super::flow::Block;
use super::page::{Layout, OutlineEntry, Page};
use super::text::fonts::FontBook;
use super::text::{Line, ParaStyle, set_paragraph};

/// Sets text into lines of the column width.
pub struct Setter<'a> {
    /// Fonts.
    pub book: &'a FontBook,
    /// Width of a column.
    pub column_w: f32,
}

impl Setter<'_> {
    /// Sets the paragraphs of `text` at `width`; one line list per paragraph.
    pub fn paras(&self, text: &Text, style: &ParaStyle, width: f32) -> Result<Vec<Vec<Line>>, Diagnostic> {
        text.rich
            .paras
            .iter()
            .map(|para| set_paragraph(self.book, para, style, width, &text.place))
            .collect()
    }

    /// Sets display text (a title, a name) as one paragraph at `width`,
    /// keeping its bold, italics and links.
    pub fn line(&self, text: &Text, style: &ParaStyle, width: f32) -> Result<Vec<Line>, Diagnostic> {
        set_paragraph(self.book, &text.rich.line(), style, width, &text.place)
    }

    /// Sets plain text (no Markdown) as one paragraph at `width`.
    pub fn plain(
        &self,
        text: &str,
        place: &Place,
        style: &ParaStyle,
        width: f32,
    ) -> Result<Vec<Line>, Diagnostic> {
        set_paragraph(self.book, &Para::plain(text, None), style, width, place)
    }

    /// `style` at the largest size of `ladder` at which every word of
    /// `text` fits `width`: display text in a narrow box shrinks rather
    /// than having a word cut in two.
    pub fn fit_words(
        &self,
        text: &str,
        place: &Place,
        style: &ParaStyle,
        width: f32,
        ladder: Ladder,
    ) -> Result<Fitted<ParaStyle>, Diagnostic> {
        // Words joined by a no-break space ("не\u{a0}өзгереді") must fit
        // together: the line breaker will not part them.
        let breakable = |c: char| c.is_whitespace() && !matches!(c, '\u{a0}' | '\u{202f}' | '\u{2007}');
        ladder.fit(|size| {
            let style = scaled(style, size);
            let mut widest: f32 = 0.0;
            for word in text.split(breakable).filter(|w| !w.is_empty()) {
                widest = widest.max(self.natural_width(word, place, &style)?);
            }
            Ok((style, widest - width))
        })
    }

    /// `style` at the largest size of `ladder` that sets all of `text` on
    /// one line of `width`: a value such as "09:00–18:00" or
    /// "15 000 000 ₸" shrinks rather than wraps.
    pub fn fit_line(
        &self,
        text: &str,
        place: &Place,
        style: &ParaStyle,
        width: f32,
        ladder: Ladder,
    ) -> Result<Fitted<ParaStyle>, Diagnostic> {
        ladder.fit(|size| {
            let style = scaled(style, size);
            let natural = self.natural_width(text, place, &style)?;
            Ok((style, natural - width))
        })
    }

    /// The width of `text` set on one line, however long.
    fn natural_width(&self, text: &str, place: &Place, style: &ParaStyle) -> Result<f32, Diagnostic> {
        let lines = self.plain(text, place, style, f32::MAX / 4.0)?;
        Ok(lines
            .iter()
            .map(|l| l.runs.iter().map(|r| r.x + r.width()).fold(0.0, f32::max))
            .fold(0.0, f32::max))
    }

    /// One block per paragraph of `text`, each `gap` below the previous.
    pub fn blocks(
        &self,
        text: &Text,
        style: &ParaStyle,
        first_gap: f32,
        gap: f32,
    ) -> Result<Vec<Block>, Diagnostic> {
        Ok(self
            .paras(text, style, self.column_w)?
            .into_iter()
            .enumerate()
            .map(|(i, lines)| Block {
                lines,
                space_before: if i == 0 { first_gap } else { gap },
                ..Default::default()
            })
            .collect())
    }
}

/// `style` at `size`, its leading scaled with it.
pub fn scaled(style: &ParaStyle, size: f32) -> ParaStyle {
    ParaStyle {
        size,
        leading: (style.leading * size / style.size).round(),
        ..style.clone()
    }
}

/// An empty line of the given height, for spacing inside a block.
pub fn spacer(height: f32) -> Line {
    Line {
        runs: Vec::new(),
        leading: height,
        ascent: 0.0,
        hyphenated: false,
    }
}

/// A web address as a link showing it without its `https://`, after a
/// lead-in such as "Learn more: ".
pub fn web_address(lead_in: Option<&str>, url: &str) -> Para {
    let mut para = Para::default();
    if let Some(lead_in) = lead_in {
        para.push(Span::plain(format!("{lead_in}: ")));
    }
    para.push(Span {
        link: Some(url.to_owned()),
        ..Span::plain(url.trim_start_matches("https://"))
    });
    para
}

/// A laid-out document with the metadata of `doc`: title (with the
/// audience), author (the organiser) and language.
pub fn document_layout(doc: &Document, pages: Vec<Page>, outline: Vec<OutlineEntry>) -> Layout {
    Layout {
        pages,
        outline,
        title: format!("{} — {}", doc.title.value, doc.audience_name.value),
        author: doc.organiser.as_ref().map(|o| o.value.clone()),
        lang: doc.lang.bcp47().to_owned(),
    }
}

/// Fills a footer template: `{title}`, `{organiser}`, `{date}`,
/// `{audience}`, `{page}`, `{pages}`. Parts separated by `·` that come out
/// empty (a handout without an organiser) are left out with their separator.
pub fn fill_template(template: &str, doc: &Document, page: usize, pages: usize) -> String {
    let filled = template
        .replace("{title}", &doc.title.value)
        .replace(
            "{organiser}",
            &doc.organiser
                .as_ref()
                .map(|o| o.value.clone())
                .unwrap_or_default(),
        )
        .replace("{date}", doc.date.as_deref().unwrap_or_default())
        .replace("{audience}", &doc.audience_name.value)
        .replace("{page}", &page.to_string())
        .replace("{pages}", &pages.to_string());
    filled
        .split('·')
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(" · ")
}

/// The date and organiser shown under a cover's title, in that order.
pub fn cover_details(doc: &Document) -> Vec<String> {
    doc.date
        .iter()
        .cloned()
        .chain(doc.organiser.iter().map(|o| o.value.clone()))
        .collect()
}
