//! The inline Markdown subset of text fields (SPEC §1.1): paragraphs,
//! `- ` bullet lists, `**bold**`, `*italic*` and `[text](url)` links.
//! Anything else Markdown would do (headings, code, HTML) is kept as plain
//! text, so no word of the source is ever lost.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use crate::base::rich::{Para, Rich, Span};
use crate::diag::Place;
use crate::project::Text;

/// A text field as written at `place`, its Markdown read once.
pub fn text(value: String, place: Place) -> Text {
    Text {
        rich: parse(&value),
        value,
        place,
        lang: None,
    }
}

/// Parses a text field into paragraphs and list items.
pub fn parse(source: &str) -> Rich {
    let mut state = State::default();
    for event in Parser::new(source) {
        state.event(event);
    }
    state.finish_para();
    Rich { paras: state.paras }
}

/// Parser state while walking the events.
#[derive(Default)]
struct State {
    /// Finished paragraphs.
    paras: Vec<Para>,
    /// The paragraph being filled.
    current: Para,
    /// Nesting of strong emphasis.
    bold: usize,
    /// Nesting of emphasis.
    italic: usize,
    /// The enclosing link target.
    link: Option<String>,
    /// Next number of each open list; `None` for bullet lists.
    lists: Vec<Option<u64>>,
}

impl State {
    /// Handles one parser event.
    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(Tag::Strong) => self.bold += 1,
            Event::End(TagEnd::Strong) => self.bold = self.bold.saturating_sub(1),
            Event::Start(Tag::Emphasis) => self.italic += 1,
            Event::End(TagEnd::Emphasis) => self.italic = self.italic.saturating_sub(1),
            // Only schemes a reader's device can open safely become links;
            // the load stage refuses the others with their place.
            Event::Start(Tag::Link { dest_url, .. }) => {
                self.link = crate::project::link_scheme_allowed(&dest_url).then(|| dest_url.into_string())
            }
            Event::End(TagEnd::Link) => self.link = None,
            Event::Start(Tag::List(start)) => self.lists.push(start),
            Event::End(TagEnd::List(_)) => {
                self.finish_para();
                self.lists.pop();
            }
            Event::Start(Tag::Item) => {
                self.finish_para();
                let marker = match self.lists.last_mut() {
                    Some(Some(n)) => {
                        *n += 1;
                        format!("{}.", *n - 1)
                    }
                    _ => "•".to_owned(),
                };
                self.current.marker = Some(marker);
            }
            // A paragraph inside a list item continues the item.
            Event::Start(Tag::Paragraph | Tag::Heading { .. } | Tag::CodeBlock(_))
            | Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::CodeBlock)
                if self.current.marker.is_none() =>
            {
                self.finish_para()
            }
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => self.push_text(&t),
            Event::SoftBreak | Event::HardBreak => self.push_text(" "),
            _ => {}
        }
    }

    /// Appends text in the current style, merging with the previous span when
    /// the style is the same.
    fn push_text(&mut self, text: &str) {
        self.current.push(Span {
            text: text.to_owned(),
            bold: self.bold > 0,
            italic: self.italic > 0,
            link: self.link.clone(),
        });
    }

    /// Ends the current paragraph, dropping it if it holds no text.
    fn finish_para(&mut self) {
        let para = std::mem::take(&mut self.current);
        if para.spans.iter().any(|s| !s.text.trim().is_empty()) {
            self.paras.push(para);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_and_styles() {
        let paras = parse("Бірінші **маңызды** сөз және *курсив*.\n\nЕкінші абзац.").paras;
        assert_eq!(paras.len(), 2);
        assert_eq!(paras[0].plain_text(), "Бірінші маңызды сөз және курсив.");
        assert!(paras[0].spans[1].bold && !paras[0].spans[1].italic);
        assert!(paras[0].spans[3].italic);
        assert_eq!(paras[1].marker, None);
    }

    #[test]
    fn bullets_and_links() {
        let paras = parse("Кіріспе:\n\n- бірінші\n- екінші [сайт](https://example.kz)\n").paras;
        assert_eq!(paras.len(), 3);
        assert_eq!(paras[1].marker.as_deref(), Some("•"));
        assert_eq!(paras[2].spans[1].link.as_deref(), Some("https://example.kz"));
        assert_eq!(paras[2].plain_text(), "екінші сайт");
    }

    #[test]
    fn line_breaks_inside_a_paragraph_become_spaces() {
        let paras = parse("one\ntwo").paras;
        assert_eq!(paras[0].plain_text(), "one two");
    }

    #[test]
    fn other_markdown_keeps_its_words() {
        let paras = parse("# Heading\n\n1. first\n2. second").paras;
        assert_eq!(paras[0].plain_text(), "Heading");
        assert_eq!(paras[1].marker.as_deref(), Some("1."));
        assert_eq!(paras[2].marker.as_deref(), Some("2."));
    }
}
