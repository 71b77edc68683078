//! Writing OOXML: elements appended to a string, every text and attribute
//! value escaped by quick-xml, so no user text can break the markup.

use quick_xml::escape::escape;

/// The XML declaration every part starts with.
pub const DECLARATION: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

/// DrawingML, PresentationML and relationship namespaces, declared on the
/// root element of every slide-like part.
pub const NAMESPACES: [(&str, &str); 3] = [
    ("xmlns:a", "http://schemas.openxmlformats.org/drawingml/2006/main"),
    (
        "xmlns:r",
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    ),
    (
        "xmlns:p",
        "http://schemas.openxmlformats.org/presentationml/2006/main",
    ),
];

/// A part being written.
#[derive(Debug, Default)]
pub struct Xml {
    /// The markup so far.
    out: String,
}

impl Xml {
    /// A part: the declaration, nothing else yet.
    pub fn part() -> Self {
        Self {
            out: DECLARATION.to_owned(),
        }
    }

    /// A fragment to be spliced into a part.
    pub fn fragment() -> Self {
        Self::default()
    }

    /// `<name attrs…>`.
    pub fn open(&mut self, name: &str, attrs: &[(&str, &str)]) -> &mut Self {
        self.tag(name, attrs);
        self.out.push('>');
        self
    }

    /// `<name attrs…/>`.
    pub fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) -> &mut Self {
        self.tag(name, attrs);
        self.out.push_str("/>");
        self
    }

    /// `</name>`.
    pub fn close(&mut self, name: &str) -> &mut Self {
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push('>');
        self
    }

    /// `<name attrs…>text</name>`.
    pub fn leaf(&mut self, name: &str, attrs: &[(&str, &str)], text: &str) -> &mut Self {
        self.open(name, attrs).text(text).close(name)
    }

    /// Character data, escaped.
    pub fn text(&mut self, text: &str) -> &mut Self {
        self.out.push_str(&escape(text));
        self
    }

    /// Markup written elsewhere (a fragment, or a constant of this module).
    pub fn raw(&mut self, markup: &str) -> &mut Self {
        self.out.push_str(markup);
        self
    }

    /// The markup.
    pub fn finish(self) -> String {
        self.out
    }

    /// The opening of a tag with its attributes, escaped.
    fn tag(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.out.push('<');
        self.out.push_str(name);
        for (key, value) in attrs {
            self.out.push(' ');
            self.out.push_str(key);
            self.out.push_str("=\"");
            self.out.push_str(&escape(*value));
            self.out.push('"');
        }
    }
}

/// Points to English Metric Units, the unit of every OOXML length.
pub fn emu(points: f32) -> i64 {
    (f64::from(points) * 12700.0).round() as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_attributes_are_escaped() {
        let mut xml = Xml::fragment();
        xml.leaf("a:t", &[("name", "\"Tom\" & <Jerry>")], "a < b & c");
        assert_eq!(
            xml.finish(),
            "<a:t name=\"&quot;Tom&quot; &amp; &lt;Jerry&gt;\">a &lt; b &amp; c</a:t>"
        );
    }
}
