//! Diagnostics: errors and warnings that point at a place in a source file.
//!
//! Every stage reports problems as [`Diagnostic`]s. The load stage attaches a
//! [`Place`] to every value it reads, so that later stages (a glyph missing
//! from every font, a point that does not fit) can still name the file, line
//! and column the text came from.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anstyle::{AnsiColor, Color, Style};

use crate::project::Lang;

/// A source file kept in memory for the lifetime of a build, so diagnostics
/// can quote the offending line.
#[derive(Debug)]
pub struct SourceFile {
    /// The path as the user should see it (relative to where they ran us, if possible).
    pub path: PathBuf,
    /// The whole file.
    pub text: String,
    /// Byte offset of the start of every line.
    line_starts: Vec<usize>,
}

impl SourceFile {
    /// Wraps file contents read from `path`.
    pub fn new(path: impl Into<PathBuf>, text: String) -> Arc<Self> {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Arc::new(Self {
            path: path.into(),
            text,
            line_starts,
        })
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let start = self.line_starts[line];
        let col = self.text[start..offset].chars().count() + 1;
        (line + 1, col)
    }

    /// Byte offset where a 1-based line starts.
    pub fn line_start(&self, line: usize) -> usize {
        self.line_starts[(line.max(1) - 1).min(self.line_starts.len() - 1)]
    }

    /// The text of a 1-based line, without its line break.
    pub fn line(&self, line: usize) -> &str {
        let start = self.line_starts[line - 1];
        let end = self.line_starts.get(line).copied().unwrap_or(self.text.len());
        self.text[start..end].trim_end_matches(['\n', '\r'])
    }
}

/// A span of bytes in a source file.
#[derive(Debug, Clone)]
pub struct Place {
    /// The file the span lies in.
    pub file: Arc<SourceFile>,
    /// Byte range inside the file.
    pub span: Range<usize>,
}

impl Place {
    /// A place covering `span` of `file`.
    pub fn new(file: &Arc<SourceFile>, span: Range<usize>) -> Self {
        Self {
            file: file.clone(),
            span,
        }
    }

    /// A place for a file as a whole (its first character), for problems that
    /// concern the file rather than a value in it.
    pub fn file_start(file: &Arc<SourceFile>) -> Self {
        Self::new(file, 0..0)
    }

    /// Whether `other` is the same span of the same file.
    pub fn is(&self, other: &Place) -> bool {
        Arc::ptr_eq(&self.file, &other.file) && self.span == other.span
    }

    /// `path:line:column` of the start of the span.
    pub fn location(&self) -> String {
        let (line, col) = self.file.line_col(self.span.start);
        format!("{}:{line}:{col}", self.file.path.display())
    }
}

impl PartialEq for Place {
    fn eq(&self, other: &Self) -> bool {
        self.is(other)
    }
}

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    /// The build cannot produce a correct output.
    Error,
    /// The output is produced, but the user should know something.
    Warning,
}

/// The documents a warning is about, so that a build shows it only when it
/// makes one of them. Empty lists mean every audience, every language.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Concerns {
    /// Audience ids.
    pub audiences: Vec<String>,
    /// Languages; Kazakh also concerns the documents in Kazakh Latin script,
    /// which are made from the Kazakh text.
    pub langs: Vec<Lang>,
}

impl Concerns {
    /// Whether a document of `audience` in `lang` is concerned.
    pub fn covers(&self, audience: &str, lang: Lang) -> bool {
        let lang_ok = self.langs.is_empty()
            || self.langs.contains(&lang)
            || (lang == Lang::KkLatn && self.langs.contains(&Lang::Kk));
        lang_ok && (self.audiences.is_empty() || self.audiences.iter().any(|a| a == audience))
    }
}

/// One problem, with where it is and what to do about it.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong, and what was expected.
    pub message: String,
    /// Where, when the problem has a place in a source file.
    pub place: Option<Place>,
    /// A hint such as "did you mean `title`?".
    pub help: Option<String>,
    /// Which documents it is about; every document when `None`. Boxed, as
    /// few diagnostics carry it and every result of a batch holds one.
    pub concerns: Option<Box<Concerns>>,
}

impl Diagnostic {
    /// An error at a place.
    pub fn error(place: &Place, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Error,
            message: message.into(),
            place: Some(place.clone()),
            help: None,
            concerns: None,
        }
    }

    /// A warning at a place.
    pub fn warning(place: &Place, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Warning,
            ..Self::error(place, message)
        }
    }

    /// An error about a file as a whole or about no file at all.
    pub fn plain(path: Option<&Path>, message: impl Into<String>) -> Self {
        let message = message.into();
        Self {
            severity: Severity::Error,
            message: match path {
                Some(path) => format!("{}: {message}", path.display()),
                None => message,
            },
            place: None,
            help: None,
            concerns: None,
        }
    }

    /// A warning about no file in particular (a document as a whole).
    pub fn note(message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Warning,
            ..Self::plain(None, message)
        }
    }

    /// Adds a hint.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Says which documents it is about: those of `audiences` in `langs`
    /// (empty lists for all).
    pub fn concerning(mut self, audiences: Vec<String>, langs: Vec<Lang>) -> Self {
        self.concerns = Some(Box::new(Concerns { audiences, langs }));
        self
    }

    /// Whether it is about a document of `audience` in `lang`.
    pub fn concerns_document(&self, audience: &str, lang: Lang) -> bool {
        self.concerns.as_ref().is_none_or(|c| c.covers(audience, lang))
    }

    /// The diagnostic with colour for a terminal: `anstream` strips it again
    /// where colour is not wanted (a pipe, a file, `NO_COLOR`).
    pub fn styled(&self) -> impl fmt::Display + '_ {
        Styled(self, &COLOURED)
    }

    /// Adds "did you mean …?" for a misspelled `name`, or lists the `choices`.
    pub fn suggest(self, name: &str, choices: &[&str]) -> Self {
        match did_you_mean(name, choices.iter().copied()) {
            Some(best) => self.with_help(format!("did you mean `{best}`?")),
            None if choices.is_empty() => self,
            None => self.with_help(format!("expected one of: {}", choices.join(", "))),
        }
    }

    /// Prefixes the message with what it is about (the document a build
    /// problem belongs to).
    pub fn about(mut self, subject: &str) -> Self {
        self.message = format!("{subject}: {}", self.message);
        self
    }

    /// Whether this is an error (as opposed to a warning).
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// How the parts of a diagnostic look.
struct Styles {
    /// "error".
    error: Style,
    /// "warning".
    warning: Style,
    /// The message after the label.
    message: Style,
    /// Arrows, bars and line numbers.
    gutter: Style,
    /// The carets under the offending text.
    caret: Style,
}

/// Plain text: the manifest, messages compared in tests.
const PLAIN: Styles = Styles {
    error: Style::new(),
    warning: Style::new(),
    message: Style::new(),
    gutter: Style::new(),
    caret: Style::new(),
};

/// The colours compilers use: red errors, yellow warnings, blue gutters.
const COLOURED: Styles = Styles {
    error: Style::new().bold().fg_color(Some(Color::Ansi(AnsiColor::Red))),
    warning: Style::new().bold().fg_color(Some(Color::Ansi(AnsiColor::Yellow))),
    message: Style::new().bold(),
    gutter: Style::new().bold().fg_color(Some(Color::Ansi(AnsiColor::Blue))),
    caret: Style::new().bold().fg_color(Some(Color::Ansi(AnsiColor::Red))),
};

/// A diagnostic rendered in some styles.
struct Styled<'a>(&'a Diagnostic, &'a Styles);

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        Styled(self, &PLAIN).fmt(f)
    }
}

impl fmt::Display for Styled<'_> {
    /// Renders the diagnostic the way compilers do:
    ///
    /// ```text
    /// error: unknown key `titel` in [[point]]
    ///   --> handout.toml:12:1
    ///    |
    /// 12 | titel = { kk = "…" }
    ///    | ^^^^^
    ///    = help: did you mean `title`?
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Styled(d, s) = *self;
        let (label, style) = match d.severity {
            Severity::Error => ("error", s.error),
            Severity::Warning => ("warning", s.warning),
        };
        let (g, m) = (s.gutter, s.message);
        writeln!(f, "{style}{label}{style:#}{m}: {}{m:#}", d.message)?;
        if let Some(place) = &d.place {
            let (line, col) = place.file.line_col(place.span.start);
            let text = place.file.line(line);
            let gutter = line.to_string().len();
            let pad = " ".repeat(gutter);
            writeln!(f, "{pad}{g}-->{g:#} {}", place.location())?;
            writeln!(f, "{pad} {g}|{g:#}")?;
            writeln!(f, "{g}{line} |{g:#} {text}")?;
            let line_chars = text.chars().count();
            // A span that does not fall on character boundaries (it never
            // should) underlines one character rather than failing.
            let span_chars = place
                .file
                .text
                .get(place.span.clone())
                .unwrap_or("")
                .lines()
                .next()
                .map_or(1, |s| s.chars().count().max(1));
            let width = span_chars.min(line_chars.saturating_sub(col - 1).max(1));
            let c = s.caret;
            writeln!(
                f,
                "{pad} {g}|{g:#} {}{c}{}{c:#}",
                " ".repeat(col - 1),
                "^".repeat(width)
            )?;
        }
        if let Some(help) = &d.help {
            writeln!(f, "  {g}={g:#} {m}help{m:#}: {help}")?;
        }
        Ok(())
    }
}

/// The closest candidate to a misspelled name, if any is close enough to be
/// a plausible typo.
pub fn did_you_mean<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(name, c), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters_not_bytes() {
        let file = SourceFile::new("a.toml", "x = 1\nтитул = 2\n".into());
        let offset = file.text.find('2').unwrap();
        assert_eq!(file.line_col(offset), (2, 9));
        assert_eq!(file.line(2), "титул = 2");
    }

    #[test]
    fn rendering_shows_location_line_and_caret() {
        let file = SourceFile::new("h.toml", "[point]\ntitel = 1\n".into());
        let d = Diagnostic::error(&Place::new(&file, 8..13), "unknown key `titel`")
            .with_help("did you mean `title`?");
        let text = d.to_string();
        assert!(text.contains("--> h.toml:2:1"), "{text}");
        assert!(text.contains("2 | titel = 1"), "{text}");
        assert!(text.contains("  | ^^^^^\n"), "{text}");
        assert!(text.contains("did you mean `title`?"), "{text}");
    }

    #[test]
    fn the_coloured_rendering_says_the_same_as_the_plain_one() {
        let file = SourceFile::new("h.toml", "[point]\ntitel = 1\n".into());
        let d = Diagnostic::error(&Place::new(&file, 8..13), "unknown key `titel`")
            .with_help("did you mean `title`?");
        let coloured = d.styled().to_string();
        assert!(coloured.contains("\x1b[1m\x1b[31merror"), "{coloured:?}");
        let mut plain = Vec::new();
        let mut stripped = anstream::StripStream::new(&mut plain);
        std::io::Write::write_all(&mut stripped, coloured.as_bytes()).unwrap();
        assert_eq!(String::from_utf8(plain).unwrap(), d.to_string());
    }

    #[test]
    fn a_warning_concerns_the_documents_it_names() {
        let w = Diagnostic::note("x").concerning(vec!["a".into()], vec![Lang::Kk]);
        assert!(w.concerns_document("a", Lang::Kk));
        assert!(
            w.concerns_document("a", Lang::KkLatn),
            "Latin Kazakh is made from the Kazakh text"
        );
        assert!(!w.concerns_document("a", Lang::Ru));
        assert!(!w.concerns_document("b", Lang::Kk));
        assert!(Diagnostic::note("y").concerns_document("b", Lang::En));
    }

    #[test]
    fn suggestions_only_for_near_misses() {
        let keys = ["title", "subtitle", "body"];
        assert_eq!(did_you_mean("titel", keys), Some("title"));
        assert_eq!(did_you_mean("colour", keys), None);
    }
}
