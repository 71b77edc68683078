//! Rich text: what a text field says once its Markdown is read (SPEC §1.1).
//! Load builds it, tailor sets its typography, typeset lays it out; nobody
//! after load sees Markdown syntax.

/// A run of text with one style.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    /// The words.
    pub text: String,
    /// Set in bold.
    pub bold: bool,
    /// Set in italics.
    pub italic: bool,
    /// Target of a link around this text.
    pub link: Option<String>,
}

impl Span {
    /// Unstyled text.
    pub fn plain(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            bold: false,
            italic: false,
            link: None,
        }
    }

    /// Whether `other` has the same style, so the two can be one span.
    fn same_style(&self, other: &Span) -> bool {
        self.bold == other.bold && self.italic == other.italic && self.link == other.link
    }
}

/// A paragraph or a list item.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Para {
    /// Marker of a list item ("•", or "3." in numbered lists); `None` for a paragraph.
    pub marker: Option<String>,
    /// The text, in order.
    pub spans: Vec<Span>,
}

impl Para {
    /// A paragraph of unstyled text, with an optional list marker.
    pub fn plain(text: &str, marker: Option<&str>) -> Self {
        Self {
            marker: marker.map(str::to_owned),
            spans: vec![Span::plain(text)],
        }
    }

    /// The paragraph's text without styling.
    pub fn plain_text(&self) -> String {
        self.spans.iter().map(|s| s.text.as_str()).collect()
    }

    /// Appends a span, merging it into the last one when the style is the same.
    pub fn push(&mut self, span: Span) {
        match self.spans.last_mut() {
            Some(last) if last.same_style(&span) => last.text.push_str(&span.text),
            _ => self.spans.push(span),
        }
    }
}

/// A text field: paragraphs and list items.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Rich {
    /// The paragraphs, in order.
    pub paras: Vec<Para>,
}

impl Rich {
    /// One paragraph of unstyled text.
    pub fn plain(text: &str) -> Self {
        Self {
            paras: vec![Para::plain(text, None)],
        }
    }

    /// The words without styling, paragraphs joined by a space: for titles
    /// in metadata, file names and messages.
    pub fn plain_text(&self) -> String {
        self.line().plain_text()
    }

    /// The whole text as one paragraph, for display text (a heading, a
    /// title, a name) that is set as one block: list markers stay as the
    /// words they were written as, paragraphs are joined by a space.
    pub fn line(&self) -> Para {
        let mut line = Para::default();
        for (i, para) in self.paras.iter().enumerate() {
            if i > 0 {
                line.push(Span::plain(" "));
            }
            if let Some(marker) = &para.marker {
                line.push(Span::plain(format!("{marker} ")));
            }
            for span in &para.spans {
                line.push(span.clone());
            }
        }
        line
    }

    /// Whether there is no word at all.
    pub fn is_empty(&self) -> bool {
        self.paras
            .iter()
            .all(|p| p.spans.iter().all(|s| s.text.trim().is_empty()))
    }

    /// The same text with `f` applied to every span's words.
    pub fn map_text(&self, f: impl Fn(&str) -> String) -> Rich {
        Rich {
            paras: self
                .paras
                .iter()
                .map(|p| Para {
                    marker: p.marker.clone(),
                    spans: p
                        .spans
                        .iter()
                        .map(|s| Span {
                            text: f(&s.text),
                            ..s.clone()
                        })
                        .collect(),
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_read_as_one_line_keeps_its_markers_as_words() {
        let rich = Rich {
            paras: vec![Para::plain("Intro:", None), Para::plain("first", Some("1."))],
        };
        assert_eq!(rich.plain_text(), "Intro: 1. first");
    }

    #[test]
    fn spans_of_one_style_merge() {
        let mut para = Para::default();
        para.push(Span::plain("a"));
        para.push(Span::plain("b"));
        para.push(Span {
            bold: true,
            ..Span::plain("c")
        });
        assert_eq!(para.spans.len(), 2);
        assert_eq!(para.spans[0].text, "ab");
    }
}
