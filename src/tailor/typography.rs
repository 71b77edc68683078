//! Per-language typography applied to source text (SPEC §4): quotes,
//! apostrophes, dashes, no-break spaces, digit grouping and ellipses.
//!
//! The text is inline Markdown and stays inline Markdown that parses the same
//! way: list markers, backslash escapes, code spans, link targets and bare
//! URLs are copied as written, emphasis stars are never touched, and every
//! replacement swaps punctuation for punctuation and a space for a space, so
//! the stars' left/right flanking (which decides emphasis) cannot change.
//!
//! One pass, left to right, over the characters. Every rule writes only what
//! it would itself leave alone (a typographic quote reads back as the quote it
//! is, a no-break space is no longer a plain space), so applying the pass to
//! its own output changes nothing.

use crate::base::rich::{Para, Rich, Span};
use crate::project::Lang;

/// NO-BREAK SPACE: keeps a word on the same line as its neighbour.
const NBSP: char = '\u{a0}';
/// NARROW NO-BREAK SPACE: separates digit groups without letting them part.
const NNBSP: char = '\u{202f}';
/// Hyphens and dashes that, spaced on both sides, become the language's dash;
/// longest first, so `--` is not read as `-` followed by `-`.
const DASHES: [&str; 5] = ["---", "--", "-", "\u{2013}", "\u{2014}"];
/// Opening brackets and dashes: a quote mark after them opens a quotation,
/// and a spaced dash cannot follow them.
const OPENERS: &str = "([{-\u{2013}\u{2014}";
/// Characters after which an enclitic still has a word to lean on.
const CLOSERS: &str = ")]»”“’\"'";
/// Signs whose number follows them and must not be carried to the next line.
const TIE_AFTER: &str = "№§";
/// Unit signs written after a number, which must stay on its line.
const UNITS: &str = "%‰°₸₽$€£";
/// Sentence punctuation that ends a bare URL rather than belonging to it.
const URL_TRAILERS: &str = ".,:;!?\"'*»”’…";

/// How one language sets its text.
struct Style {
    /// Opening and closing quotes: outer level, then nested level.
    quotes: [(char, char); 2],
    /// The dash a spaced hyphen becomes.
    dash: char,
    /// Whether a word of one or two letters is tied to the word after it.
    tie_short_words: bool,
    /// Short particles tied to the word before them instead (lowercase).
    enclitics: &'static [&'static str],
    /// Whether integers of five or more digits are grouped by threes.
    group_digits: bool,
    /// Whether a quotation opened with a single quote keeps single marks.
    single_stays_single: bool,
    /// Whether a full stop ending a quotation stands after its closing
    /// marks («…сказал».), as Russian and Kazakh place it.
    stop_after_quotes: bool,
}

/// Russian: «…„…“…», em dash, bound prepositions, grouped digits.
static RU: Style = Style {
    quotes: [('«', '»'), ('„', '“')],
    dash: '—',
    tie_short_words: true,
    enclitics: &["же", "ли", "ль", "бы"],
    group_digits: true,
    single_stays_single: false,
    stop_after_quotes: true,
};

/// Kazakh in Cyrillic: like Russian but nested quotes are “…” and the
/// enclitics are the question, additive and contrastive particles.
static KK: Style = Style {
    quotes: [('«', '»'), ('“', '”')],
    enclitics: &[
        "ма", "ме", "ба", "бе", "па", "пе", "да", "де", "та", "те", "ше", "ша",
    ],
    ..RU
};

/// Kazakh in the Latin alphabet: Kazakh rules, enclitics in Latin letters.
static KK_LATN: Style = Style {
    enclitics: &[
        "ma", "me", "ba", "be", "pa", "pe", "da", "de", "ta", "te", "şe", "şa",
    ],
    ..KK
};

/// English: “…‘…’…”, spaced en dash, no bound short words, digits as written.
static EN: Style = Style {
    quotes: [('“', '”'), ('‘', '’')],
    dash: '\u{2013}',
    tie_short_words: false,
    enclitics: &[],
    group_digits: false,
    single_stays_single: true,
    stop_after_quotes: false,
};

/// The style table entry for `lang`.
fn style(lang: Lang) -> &'static Style {
    match lang {
        Lang::Ru => &RU,
        Lang::Kk => &KK,
        Lang::KkLatn => &KK_LATN,
        Lang::En => &EN,
    }
}

/// Applies the typographic conventions of `lang` to inline Markdown source.
pub fn apply(lang: Lang, text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut scanner = Scanner::new(&chars, lang, true);
    let mut i = 0;
    while i < chars.len() {
        i = scanner.step(i);
    }
    scanner.out
}

/// Applies the typographic conventions of `lang` to rich text. The rules
/// see the whole text at once, across spans, so a quotation opened in bold
/// and closed outside it still pairs up. With `quoted`, the text is a
/// quotation in itself: it gets the language's outer marks, and quotations
/// inside it take the nested ones.
pub fn apply_rich(lang: Lang, rich: &Rich, quoted: bool) -> Rich {
    let style = style(lang);
    // The spans' text in a row, paragraphs apart as in the source; each
    // span remembers where its characters are.
    let mut chars: Vec<char> = Vec::new();
    let mut ranges: Vec<Vec<(usize, usize)>> = Vec::new();
    for (n, para) in rich.paras.iter().enumerate() {
        if n > 0 {
            chars.extend(['\n', '\n']);
        }
        let mut spans = Vec::new();
        for span in &para.spans {
            let start = chars.len();
            chars.extend(span.text.chars());
            spans.push((start, chars.len()));
        }
        ranges.push(spans);
    }
    if quoted {
        chars.insert(0, style.quotes[0].0);
        chars.push(style.quotes[0].1);
        for (start, end) in ranges.iter_mut().flatten() {
            *start += 1;
            *end += 1;
        }
        if let Some(first) = ranges.iter_mut().flatten().next() {
            first.0 = 0;
        }
        if let Some(last) = ranges.iter_mut().flatten().last() {
            last.1 = chars.len();
        }
    }
    let mut scanner = Scanner::new(&chars, lang, false);
    // Where each step began in the source and in the output: a span's
    // output is what the steps that began inside it wrote.
    let mut steps: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        steps.push((i, scanner.out.len()));
        i = scanner.step(i);
    }
    let out = scanner.out;
    let at = |source: usize| {
        steps
            .iter()
            .find(|&&(from, _)| from >= source)
            .map_or(out.len(), |&(_, o)| o)
    };
    let paras = rich
        .paras
        .iter()
        .zip(&ranges)
        .map(|(para, spans)| Para {
            marker: para.marker.clone(),
            spans: para
                .spans
                .iter()
                .zip(spans)
                .map(|(span, &(start, end))| Span {
                    text: out[at(start)..at(end)].to_owned(),
                    ..span.clone()
                })
                .collect(),
        })
        .collect();
    Rich { paras }
}

/// A quotation that has been opened and not yet closed.
#[derive(Clone, Copy)]
struct Quote {
    /// The mark that pairs with the one that opened it (» for «, “ for „).
    closer: char,
    /// 0 for the outer marks of the style, 1 for the nested ones.
    level: usize,
}

/// What a quote mark or apostrophe turns out to be where it stands.
enum Mark {
    /// Opens a quotation.
    Open,
    /// Closes the innermost quotation.
    Close,
    /// An apostrophe inside or at the end of a word.
    Apostrophe,
    /// Cannot be decided (spaces on both sides); left as written.
    Keep,
}

/// A digit run, possibly continued by space-separated groups of three.
#[derive(Clone, Copy)]
struct Number {
    /// Index of the first digit.
    start: usize,
    /// Index just past the last digit.
    end: usize,
    /// How many digits, not counting the spaces between groups.
    digits: usize,
    /// Written in groups separated by spaces (`10 000`).
    spaced: bool,
    /// Followed by more space-separated digits that are not a group of
    /// three, as in a phone number: not a single quantity.
    sequence: bool,
}

/// The state of one pass over the source characters.
struct Scanner<'a> {
    /// The source text.
    s: &'a [char],
    /// The language's conventions.
    style: &'static Style,
    /// The text produced so far.
    out: String,
    /// Open quotations, innermost last.
    open: Vec<Quote>,
    /// Index of the last opening quote mark: a mark right after it opens too.
    last_open: Option<usize>,
    /// A failed link-target search reached this index; `](` before it is not
    /// searched again, which keeps the pass linear.
    no_link_before: usize,
    /// Whether the text is Markdown source, whose syntax is copied as
    /// written; rich text's words have none.
    markdown: bool,
}

impl<'a> Scanner<'a> {
    /// A pass over `s` in the style of `lang`.
    fn new(s: &'a [char], lang: Lang, markdown: bool) -> Self {
        Self {
            s,
            style: style(lang),
            out: String::with_capacity(s.len() + s.len() / 4),
            open: Vec::new(),
            last_open: None,
            no_link_before: 0,
            markdown,
        }
    }
}

impl Scanner<'_> {
    /// Handles the text at `i` and returns where the next step starts.
    fn step(&mut self, i: usize) -> usize {
        if let Some(end) = self.verbatim_end(i) {
            self.copy(i, end);
            return end;
        }
        match self.s[i] {
            '"' | '\'' | '«' | '»' | '„' | '“' | '”' | '‘' | '’' => self.quote(i),
            ' ' | NBSP => self.space(i),
            '.' => self.ellipsis(i),
            c if c.is_ascii_digit() => self.number(i),
            c => {
                self.out.push(c);
                i + 1
            }
        }
    }

    /// Copies the source from `start` to `end` unchanged.
    fn copy(&mut self, start: usize, end: usize) {
        self.out.extend(&self.s[start..end]);
    }

    /// The end of Markdown syntax or an address starting at `i`, which no
    /// rule may change.
    fn verbatim_end(&mut self, i: usize) -> Option<usize> {
        if (i == 0 || self.s[i - 1] == '\n')
            && let Some(end) = self.block_start(i)
        {
            return Some(end);
        }
        let s = self.s;
        if !self.markdown {
            return url_end(s, i);
        }
        match s[i] {
            '\\' => s
                .get(i + 1)
                .is_some_and(char::is_ascii_punctuation)
                .then_some(i + 2),
            '`' => Some(code_span_end(s, i)),
            '(' if i > 0 && s[i - 1] == ']' && i >= self.no_link_before => self.link_target_end(i),
            _ => url_end(s, i),
        }
    }

    /// At a line start: forgets open quotations where a new block begins (an
    /// unbalanced quote must not leak into the next paragraph or item) and
    /// returns the end of the line's list marker or indentation.
    fn block_start(&mut self, i: usize) -> Option<usize> {
        if !self.markdown {
            // Rich text's paragraphs are apart; its words have no markers.
            if at(self.s, i) == Some('\n') {
                self.open.clear();
                self.last_open = None;
            }
            return None;
        }
        let end = new_block(self.s, i)?;
        self.open.clear();
        self.last_open = None;
        (end > i).then_some(end)
    }

    /// The end of the link target `(…)` opening at `i`: balanced parentheses
    /// on one line, as Markdown link destinations are in practice.
    fn link_target_end(&mut self, i: usize) -> Option<usize> {
        let mut depth = 0usize;
        let mut j = i;
        while let Some(c) = at(self.s, j) {
            match c {
                '\n' => break,
                '\\' => j += 1,
                '(' => depth += 1,
                ')' => {
                    depth -= 1;
                    if depth == 0 {
                        return Some(j + 1);
                    }
                }
                _ => {}
            }
            j += 1;
        }
        self.no_link_before = j;
        None
    }

    /// The nearest index before `i` that is not an emphasis star: stars are
    /// invisible to the rules that look at neighbouring letters.
    fn prev_idx(&self, i: usize) -> Option<usize> {
        (i.saturating_sub(4)..i).rev().find(|&p| self.s[p] != '*')
    }

    /// The nearest index after `i` that is not an emphasis star.
    fn next_idx(&self, i: usize) -> Option<usize> {
        (i + 1..self.s.len().min(i + 5)).find(|&n| self.s[n] != '*')
    }

    /// Writes the quote mark or apostrophe at `i` in the language's style.
    fn quote(&mut self, i: usize) -> usize {
        match self.mark(i) {
            Mark::Open => self.open_quote(i, self.s[i]),
            Mark::Close => self.close_quote(i),
            Mark::Apostrophe => self.out.push('’'),
            Mark::Keep => self.out.push(self.s[i]),
        }
        i + 1
    }

    /// Closes the innermost quotation with the mark at `i`. Where the
    /// language puts a full stop after the marks, a stop just before them
    /// moves out past every mark that closes here («…„…“».).
    fn close_quote(&mut self, i: usize) {
        let level = self.open.pop().map_or(0, |q| q.level);
        let stop = self.style.stop_after_quotes
            && self.out.ends_with('.')
            && !self.out.ends_with("..")
            && self.sentence_ends_after(i);
        if stop {
            self.out.pop();
        }
        self.out.push(self.style.quotes[level].1);
        if !stop {
            return;
        }
        // A mark closing an outer quotation next carries the stop further
        // out in its turn; a stop already written after the marks stays
        // the only one.
        if self.next_idx(i).map(|n| self.s[n]) != Some('.') {
            self.out.push('.');
        }
    }

    /// Whether the sentence ends with the quote marks from `i` on: the text
    /// ends there, or a stop follows, or a new sentence. A quotation in
    /// mid-sentence («Приду.» сказал) is left as written.
    fn sentence_ends_after(&self, i: usize) -> bool {
        // Marks that close what is still open: what else follows decides.
        let open = !self.open.is_empty();
        let closing = |c: char| {
            c == '*' || open && (c == '"' || self.style.quotes.iter().any(|q| q.1 == c && q.0 != c))
        };
        let mut rest = self.s[i + 1..].iter().copied().skip_while(|&c| closing(c));
        match rest.next() {
            None | Some('.') => true,
            Some(c) if c.is_whitespace() => rest
                .find(|c| !c.is_whitespace())
                .is_none_or(|c| c.is_uppercase() || !c.is_alphabetic()),
            Some(_) => false,
        }
    }

    /// Whether a full stop at this point would follow a quotation that
    /// ended in its own ?, ! or …: the language then writes no stop
    /// («Придёте?» not «Придёте?».).
    fn stop_after_closed_sentence(&self) -> bool {
        if !self.style.stop_after_quotes {
            return false;
        }
        let closers: Vec<char> = self.style.quotes.iter().map(|q| q.1).collect();
        let mut tail = self
            .out
            .chars()
            .rev()
            .skip_while(|c| closers.contains(c) || *c == '*');
        self.out.chars().next_back().is_some_and(|c| closers.contains(&c))
            && matches!(tail.next(), Some('?' | '!' | '…'))
    }

    /// Opens a quotation with the mark `c` at `i`.
    fn open_quote(&mut self, i: usize, c: char) {
        let level = self.next_level(c);
        self.out.push(self.style.quotes[level].0);
        let closer = match c {
            '«' => '»',
            '„' => '“',
            '“' => '”',
            '‘' => '’',
            other => other,
        };
        self.open.push(Quote { level, closer });
        self.last_open = Some(i);
    }

    /// The level a quotation opened by `c` takes: the other one than the
    /// enclosing quotation's, except English single marks, which stay nested.
    fn next_level(&self, c: char) -> usize {
        let single = matches!(c, '\'' | '‘' | '’');
        match self.open.last() {
            _ if single && self.style.single_stays_single => 1,
            Some(outer) => 1 - outer.level,
            None => 0,
        }
    }

    /// Decides what the mark at `i` is. The language's own marks for the
    /// current nesting mean what they mean, so a second pass reads the first
    /// pass's output as it was written; other marks that only go one way
    /// (« „ ‘ » ”) mean that; straight and ambiguous ones (“ is opening in
    /// English and closing in Russian) are decided by what stands around
    /// them, except that a double mark with nothing to close opens
    /// (`сказал:"Да"`).
    fn mark(&self, i: usize) -> Mark {
        let c = self.s[i];
        let prev = i.checked_sub(1).map(|p| self.s[p]);
        let next = at(self.s, i + 1);
        let single = matches!(c, '\'' | '’');
        if single && prev.is_some_and(char::is_alphanumeric) && next.is_some_and(char::is_alphabetic) {
            return Mark::Apostrophe;
        }
        let opening = self.opening_context(i);
        if self.closes_top(c, opening, next) {
            return Mark::Close;
        }
        match c {
            _ if c == self.style.quotes[self.next_level(c)].0 => Mark::Open,
            '«' | '„' | '‘' => Mark::Open,
            '»' | '”' => Mark::Close,
            _ if opening && next.is_none_or(char::is_whitespace) => Mark::Keep,
            '"' | '“' if opening || self.open.is_empty() => Mark::Open,
            '"' | '“' => Mark::Close,
            _ if opening && (c == '’' || next.is_some_and(|n| n.is_ascii_digit())) => Mark::Apostrophe,
            _ if opening => Mark::Open,
            _ if prev.is_some_and(char::is_alphanumeric) => Mark::Apostrophe,
            _ => Mark::Keep,
        }
    }

    /// Whether `c` closes the innermost quotation: it is the language's
    /// closing mark for that level, or the partner of the mark that opened
    /// it (`„…“` in Kazakh text), which if ambiguous must follow a word. A ’
    /// before a letter or digit after a space is an apostrophe (’90s).
    fn closes_top(&self, c: char, opening: bool, next: Option<char>) -> bool {
        let Some(top) = self.open.last() else {
            return false;
        };
        let own = c == self.style.quotes[top.level].1;
        let partner = c == top.closer;
        let elision = c == '’' && opening && next.is_some_and(char::is_alphanumeric);
        let ambiguous = matches!(c, '"' | '\'' | '“' | '‘' | '’');
        own && !elision || partner && !(opening && ambiguous)
    }

    /// Whether a quote mark at `i` stands where quotations open: at the start,
    /// after a space, a bracket, a dash or another opening mark.
    fn opening_context(&self, i: usize) -> bool {
        match self.prev_idx(i) {
            None => true,
            Some(p) => {
                let c = self.s[p];
                self.last_open == Some(p) || c.is_whitespace() || OPENERS.contains(c)
            }
        }
    }

    /// Writes the space at `i`: the start of a spaced dash, a no-break space
    /// where a line must not break, or itself.
    fn space(&mut self, i: usize) -> usize {
        if let Some(len) = self.spaced_dash(i) {
            self.out.push(NBSP);
            self.out.push(self.style.dash);
            return i + 1 + len;
        }
        let tie = self.s[i] == ' ' && self.ties(i);
        self.out.push(if tie { NBSP } else { self.s[i] });
        i + 1
    }

    /// The length of the hyphen or dash after the space at `i` when it stands
    /// between words: a word (not another dash) before, a space or line end after.
    fn spaced_dash(&self, i: usize) -> Option<usize> {
        let before = self.s[i.checked_sub(1)?];
        if before.is_whitespace() || OPENERS.contains(before) {
            return None;
        }
        let dash = DASHES.iter().find(|d| starts_with(self.s, i + 1, d))?;
        let len = dash.chars().count();
        at(self.s, i + 1 + len)
            .is_none_or(char::is_whitespace)
            .then_some(len)
    }

    /// Whether the plain space at `i` must not break: after № or §, between a
    /// number and its word or unit, and (ru/kk) after a short word or before
    /// an enclitic particle.
    fn ties(&self, i: usize) -> bool {
        let (Some(p), Some(n)) = (self.prev_idx(i), self.next_idx(i)) else {
            return false;
        };
        let (before, after) = (self.s[p], self.s[n]);
        if before.is_whitespace() || after.is_whitespace() {
            return false;
        }
        let closes = CLOSERS.contains(before) && self.last_open != Some(p);
        let leans = before.is_alphanumeric() || closes;
        TIE_AFTER.contains(before)
            || before.is_ascii_digit() && (after.is_alphabetic() || UNITS.contains(after))
            || self.style.tie_short_words && (self.short_word_ends(p) || leans && self.enclitic_starts(n))
    }

    /// Whether a word of one or two letters, not an enclitic, ends at `p`.
    fn short_word_ends(&self, p: usize) -> bool {
        let letters = self.s[..=p].iter().rev().take(3);
        let len = letters.take_while(|c| c.is_alphabetic()).count();
        let start = p + 1 - len;
        (1..=2).contains(&len) && starts_word(self.s, start) && !self.is_enclitic(start, p + 1)
    }

    /// Whether an enclitic particle (же, ли; ма, да…) starts at `n`.
    fn enclitic_starts(&self, n: usize) -> bool {
        let end = n + self.s[n..]
            .iter()
            .take(3)
            .take_while(|c| c.is_alphabetic())
            .count();
        end > n && ends_word(self.s, end) && self.is_enclitic(n, end)
    }

    /// Whether the letters from `start` to `end` spell one of the enclitics.
    fn is_enclitic(&self, start: usize, end: usize) -> bool {
        let word = &self.s[start..end];
        (self.style.enclitics.iter()).any(|e| word.iter().flat_map(|c| c.to_lowercase()).eq(e.chars()))
    }

    /// Writes the dot at `i`, or an ellipsis for exactly three dots.
    fn ellipsis(&mut self, i: usize) -> usize {
        let dot = |k: usize| at(self.s, k) == Some('.');
        if !(i > 0 && dot(i - 1)) && dot(i + 1) && dot(i + 2) && !dot(i + 3) {
            self.out.push('…');
            i + 3
        } else {
            if !self.stop_after_closed_sentence() {
                self.out.push('.');
            }
            i + 1
        }
    }

    /// Writes the number at `i`: grouped, as a range with an en dash, or as
    /// written when it is part of a date, code, phone number or decimal part.
    fn number(&mut self, i: usize) -> usize {
        let s = self.s;
        let first = scan_number(s, i);
        let second = hyphen_digit(s, first.end).then(|| scan_number(s, first.end + 1));
        let last = second.unwrap_or(first);
        if first.sequence
            || last.sequence
            || hyphen_digit(s, last.end)
            || attached_before(s, i)
            || attached_after(s, last.end)
        {
            let end = chain_end(s, last.end);
            self.copy(i, end);
            return end;
        }
        self.group(first);
        if let Some(second) = second {
            self.out.push('\u{2013}');
            self.group(second);
        }
        last.end
    }

    /// Writes `n` grouped by threes where the language groups it, else as written.
    fn group(&mut self, n: Number) {
        let long = n.spaced || n.digits >= 5;
        if !(self.style.group_digits && long) || self.s[n.start] == '0' {
            return self.copy(n.start, n.end);
        }
        let digits = self.s[n.start..n.end].iter().filter(|c| c.is_ascii_digit());
        for (k, &d) in digits.enumerate() {
            if k > 0 && (n.digits - k).is_multiple_of(3) {
                self.out.push(NNBSP);
            }
            self.out.push(d);
        }
    }
}

/// The character at `i`, if any.
fn at(s: &[char], i: usize) -> Option<char> {
    s.get(i).copied()
}

/// The first index from `i` on whose character fails `pred`.
fn run_end(s: &[char], i: usize, pred: impl Fn(char) -> bool) -> usize {
    i + s
        .get(i..)
        .map_or(0, |rest| rest.iter().take_while(|&&c| pred(c)).count())
}

/// Whether `pat` is written at `i`, ignoring ASCII case.
fn starts_with(s: &[char], i: usize, pat: &str) -> bool {
    let mut k = i;
    pat.chars().all(|p| {
        k += 1;
        at(s, k - 1).is_some_and(|c| c.eq_ignore_ascii_case(&p))
    })
}

/// Whether `c` may separate digit groups (`10 000`, `10 000`).
fn is_group_space(c: Option<char>) -> bool {
    matches!(c, Some(' ' | NBSP | NNBSP | '\u{2009}'))
}

/// Whether a hyphen followed by a digit stands at `i`.
fn hyphen_digit(s: &[char], i: usize) -> bool {
    at(s, i) == Some('-') && at(s, i + 1).is_some_and(|c| c.is_ascii_digit())
}

/// Whether exactly three digits stand at `i`.
fn three_digits(s: &[char], i: usize) -> bool {
    run_end(s, i, |c| c.is_ascii_digit()) == i + 3
}

/// The number starting at `i`. A run of at most three digits takes the
/// groups of three that follow it after spaces.
fn scan_number(s: &[char], i: usize) -> Number {
    let run = run_end(s, i, |c| c.is_ascii_digit());
    let mut end = run;
    if run - i <= 3 {
        while is_group_space(at(s, end)) && three_digits(s, end + 1) {
            end += 4;
        }
    }
    let sequence = is_group_space(at(s, end)) && at(s, end + 1).is_some_and(|c| c.is_ascii_digit());
    let end = if sequence { run } else { end };
    let spaced = end > run;
    let digits = run - i + (end - run) / 4 * 3;
    Number {
        start: i,
        end,
        digits,
        spaced,
        sequence,
    }
}

/// The end of digits joined by hyphens (a date, a phone number) from `i`.
fn chain_end(s: &[char], mut i: usize) -> usize {
    while hyphen_digit(s, i) {
        i = run_end(s, i + 1, |c| c.is_ascii_digit());
    }
    i
}

/// Whether the digits at `i` continue something else: a word or code
/// (`A12345`, `COVID-19`), a decimal part or time (`3,14159`, `10:30`), a
/// number after № (an identifier, not a quantity), or a later part of a
/// digit sequence written with spaces (a phone number).
fn attached_before(s: &[char], i: usize) -> bool {
    let Some(p) = i.checked_sub(1) else {
        return false;
    };
    let (c, b) = (s[p], p.checked_sub(1).map(|q| s[q]));
    c.is_alphanumeric()
        || "_+@#/\\№".contains(c)
        || ".,:-".contains(c) && b.is_some_and(char::is_alphanumeric)
        || is_group_space(Some(c)) && b.is_some_and(|b| b.is_ascii_digit() || b == '№')
}

/// Whether the digits ending at `e` run on into a word or code (`5G`,
/// `12345/2026`, `10:30`).
fn attached_after(s: &[char], e: usize) -> bool {
    let Some(c) = at(s, e) else {
        return false;
    };
    let digit_next = at(s, e + 1).is_some_and(|c| c.is_ascii_digit());
    c.is_alphanumeric() || "_@".contains(c) || "/:".contains(c) && digit_next
}

/// Whether a word starts at `i` rather than continuing a hyphenated,
/// apostrophised or dotted one (из-за, д’Арк, ex.kz).
fn starts_word(s: &[char], i: usize) -> bool {
    let Some(p) = i.checked_sub(1) else {
        return true;
    };
    let joined = "-'’.".contains(s[p]) && p > 0 && s[p - 1].is_alphanumeric();
    !s[p].is_alphanumeric() && !joined
}

/// Whether a word ends at `e` rather than going on after a hyphen or apostrophe.
fn ends_word(s: &[char], e: usize) -> bool {
    let Some(c) = at(s, e) else {
        return true;
    };
    let joined = "-'’".contains(c) && at(s, e + 1).is_some_and(char::is_alphanumeric);
    !c.is_alphanumeric() && !joined
}

/// If the line starting at `i` begins a new block (blank, or a list item),
/// the end of its indentation and list marker.
fn new_block(s: &[char], i: usize) -> Option<usize> {
    let body = run_end(s, i, |c| c == ' ' || c == '\t');
    if matches!(at(s, body), None | Some('\n' | '\r')) {
        return Some(body);
    }
    let digits = run_end(s, body, |c| c.is_ascii_digit());
    let after = match at(s, body) {
        Some('-' | '*' | '+') => body + 1,
        _ if (1..=9).contains(&(digits - body)) && matches!(at(s, digits), Some('.' | ')')) => digits + 1,
        _ => return None,
    };
    matches!(at(s, after), Some(' ' | '\t')).then_some(after + 1)
}

/// The end of the code span opened by the backtick run at `i`, or of the run
/// alone when no run of the same length closes it within the block.
fn code_span_end(s: &[char], i: usize) -> usize {
    let open = run_end(s, i, |c| c == '`');
    let mut j = open;
    while j < s.len() && !(s[j] == '\n' && new_block(s, j + 1).is_some()) {
        if s[j] != '`' {
            j += 1;
            continue;
        }
        let close = run_end(s, j, |c| c == '`');
        if close - j == open - i {
            return close;
        }
        j = close;
    }
    open
}

/// The end of a bare URL (`scheme://…` or `www.…`) starting at `i`, leaving
/// out sentence punctuation and an unbalanced `)` that follow it.
fn url_end(s: &[char], i: usize) -> Option<usize> {
    let scheme_char = |c: char| c.is_ascii_alphanumeric() || "+-.".contains(c);
    if i > 0 && scheme_char(s[i - 1]) || !s[i].is_ascii_alphabetic() {
        return None;
    }
    let scheme = run_end(s, i, scheme_char);
    if !starts_with(s, scheme, "://") && !starts_with(s, i, "www.") {
        return None;
    }
    let mut end = run_end(s, i, |c| !c.is_whitespace());
    let mut depth: isize = (s[i..end].iter())
        .map(|&c| match c {
            '(' => 1,
            ')' => -1,
            _ => 0,
        })
        .sum();
    while let Some(&c) = s[i..end].last() {
        if c == ')' && depth < 0 {
            depth += 1;
        } else if !URL_TRAILERS.contains(c) {
            break;
        }
        end -= 1;
    }
    Some(end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use Lang::{En, Kk, KkLatn, Ru};

    /// One example: language, source, expected result. In both strings `~`
    /// stands for a no-break space and `^` for a narrow no-break space.
    type Case = (Lang, &'static str, &'static str);

    /// Spells out the `~` and `^` shorthands.
    fn vis(s: &str) -> String {
        s.replace('~', "\u{a0}").replace('^', "\u{202f}")
    }

    /// Asserts every case of a table.
    fn check(cases: &[Case]) {
        for &(lang, source, expected) in cases {
            let got = apply(lang, &vis(source));
            assert_eq!(got, vis(expected), "{lang}: {source:?}");
        }
    }

    /// Rule 1: quotes by language, nested by depth, typographic quotes respected.
    const QUOTES: &[Case] = &[
        (Ru, r#""Закон""#, "«Закон»"),
        (Ru, r#"«Закон "о выборах"»"#, "«Закон „о~выборах“»"),
        (
            Ru,
            r#"Он сказал: "Это "важно" сейчас""#,
            "Он~сказал: «Это „важно“ сейчас»",
        ),
        (
            Ru,
            r#""Три "уровня "вложенности" цитат" тут""#,
            "«Три „уровня «вложенности» цитат“ тут»",
        ),
        (Ru, "“Закон” и „закон“", "«Закон» и~«закон»"),
        (Ru, "«Закон “о выборах”»", "«Закон „о~выборах“»"),
        (Ru, "'Слово' здесь", "«Слово» здесь"),
        (Ru, r#"("скобки")"#, "(«скобки»)"),
        (Ru, r#"Он сказал:"Да""#, "Он~сказал:«Да»"),
        (Ru, "«Слово »", "«Слово »"),
        (Kk, r#""Сайлау""#, "«Сайлау»"),
        (
            Kk,
            r#""Заң "сайлау туралы" күшіне енді""#,
            "«Заң “сайлау туралы” күшіне енді»",
        ),
        (Kk, r#"«Заң "сайлау"» қабылданды"#, "«Заң “сайлау”» қабылданды"),
        (Kk, "„Заң“", "«Заң»"),
        (Kk, "«Заң „сайлау“ туралы»", "«Заң “сайлау” туралы»"),
        (KkLatn, r#""Sailau""#, "«Sailau»"),
        (
            KkLatn,
            r#""Zañ "sailau turaly" küşıne endı""#,
            "«Zañ “sailau turaly” küşıne endı»",
        ),
        (KkLatn, r#"("mysal")"#, "(«mysal»)"),
        (En, r#""Vote""#, "“Vote”"),
        (
            En,
            r#"She said "the "new" law" today"#,
            "She said “the ‘new’ law” today",
        ),
        (En, "the 'new' law", "the ‘new’ law"),
        (En, r#"'a "b" c'"#, "‘a “b” c’"),
        (En, "«Law»", "“Law”"),
        (En, r#"a " b"#, r#"a " b"#),
    ];

    /// Rule 2: straight apostrophes become ’.
    const APOSTROPHES: &[Case] = &[
        (En, "don't", "don’t"),
        (En, "the students' rights", "the students’ rights"),
        (En, "in the '90s", "in the ’90s"),
        (En, r#""it's""#, "“it’s”"),
        (Ru, "д'Артаньян", "д’Артаньян"),
        (Ru, "О'Коннор пришёл", "О’Коннор пришёл"),
        (Ru, "Жанна д'Арк", "Жанна д’Арк"),
        (Kk, "О'Нил келді", "О’Нил келді"),
        (Kk, "Жанна д'Арк", "Жанна д’Арк"),
        (Kk, "Джонс' кітабы", "Джонс’ кітабы"),
        (KkLatn, "O'Nil keldı", "O’Nil keldı"),
        (KkLatn, "Janna d'Ark", "Janna d’Ark"),
        (KkLatn, "Jons' kıtaby", "Jons’ kıtaby"),
    ];

    /// Rule 3: spaced hyphens become dashes, ranges en dashes; words, bullets
    /// and dates stay.
    const DASHES_: &[Case] = &[
        (Ru, "Сайлау - это долг", "Сайлау~— это долг"),
        (Ru, "Москва -- столица", "Москва~— столица"),
        (Ru, "Выбор – право", "Выбор~— право"),
        (Ru, "Выбор — право", "Выбор~— право"),
        (Ru, "кто-то", "кто-то"),
        (Ru, "- пункт - важно", "- пункт~— важно"),
        (Ru, "слово -\nслово", "слово~—\nслово"),
        (Kk, "Сайлау - міндет", "Сайлау~— міндет"),
        (Kk, "өзін-өзі", "өзін-өзі"),
        (Kk, "Бұл -- заң", "Бұл~— заң"),
        (Kk, "- тармақ", "- тармақ"),
        (KkLatn, "Sailau - mındet", "Sailau~— mındet"),
        (KkLatn, "özın-özı", "özın-özı"),
        (KkLatn, "Būl -- zañ", "Būl~— zañ"),
        (En, "vote - it matters", "vote~– it matters"),
        (En, "vote -- now", "vote~– now"),
        (En, "vote — now", "vote~– now"),
        (En, "well-known", "well-known"),
        (En, "- item", "- item"),
        (Ru, "в 2020-2026 годах", "в~2020–2026~годах"),
        (Ru, "тел. 8-701-123-45-67", "тел. 8-701-123-45-67"),
        (Ru, "COVID-19", "COVID-19"),
        (Kk, "2020-2026 жылдары", "2020–2026~жылдары"),
        (Kk, "1-2-сынып", "1–2-сынып"),
        (KkLatn, "2020-2026 jyldary", "2020–2026~jyldary"),
        (En, "pages 10-15", "pages 10–15"),
        (En, "2026-02-12", "2026-02-12"),
    ];

    /// Rule 4: short words tie to the next word, enclitics to the previous one.
    const SHORT_WORDS: &[Case] = &[
        (Ru, "в доме", "в~доме"),
        (Ru, "Я и ты", "Я~и~ты"),
        (Ru, "Голосуйте на выборах", "Голосуйте на~выборах"),
        (Ru, "Он же сказал", "Он~же сказал"),
        (Ru, "Придёт ли он", "Придёт~ли он"),
        (Ru, "из-за дождя", "из-за дождя"),
        (Ru, "В **доме** и *саду*", "В~**доме** и~*саду*"),
        (Ru, "в\nдоме", "в\nдоме"),
        (Kk, "ол келді", "ол~келді"),
        (Kk, "Сен де келесің бе?", "Сен~де келесің~бе?"),
        (Kk, "Бұл да заң", "Бұл~да заң"),
        (Kk, "Ал сен ше?", "Ал~сен~ше?"),
        (KkLatn, "ol keldı", "ol~keldı"),
        (KkLatn, "Sen de kelesıñ be?", "Sen~de kelesıñ~be?"),
        (KkLatn, "Būl da zañ", "Būl~da zañ"),
        (KkLatn, "Al sen şe?", "Al~sen~şe?"),
        (En, "a cat and I am in it", "a cat and I am in it"),
    ];

    /// Rule 5: the space after № (and §) does not break.
    const NUMERO: &[Case] = &[
        (Ru, "Закон № 5", "Закон №~5"),
        (Ru, "№5", "№5"),
        (Ru, "№ 12345", "№~12345"),
        (Kk, "Заң № 12", "Заң №~12"),
        (Kk, "№ 7 учаске", "№~7~учаске"),
        (Kk, "№3", "№3"),
        (KkLatn, "Zañ № 12", "Zañ №~12"),
        (KkLatn, "№ 7 uchaske", "№~7~uchaske"),
        (KkLatn, "№3", "№3"),
        (En, "Law № 7", "Law №~7"),
        (En, "Decree § 3", "Decree §~3"),
        (En, "№3", "№3"),
    ];

    /// Rule 6: ru/kk group five or more digits by threes; en keeps digits as written.
    const GROUPING: &[Case] = &[
        (Ru, "10000", "10^000"),
        (Ru, "10 000", "10^000"),
        (Ru, "10~000", "10^000"),
        (Ru, "1 000", "1^000"),
        (Ru, "1234567", "1^234^567"),
        (Ru, "2026", "2026"),
        (Ru, "12345,67", "12^345,67"),
        (Ru, "3,14159", "3,14159"),
        (Ru, "A12345", "A12345"),
        (Ru, "050000 Алматы", "050000~Алматы"),
        (Ru, "8 701 123 45 67", "8 701 123 45 67"),
        (Ru, "+7 701 123 4567", "+7 701 123 4567"),
        (Ru, "10000-20000", "10^000–20^000"),
        (Ru, "см. https://ex.kz/12345", "см. https://ex.kz/12345"),
        (Kk, "15000 адам", "15^000~адам"),
        (Kk, "1 500 000 теңге", "1^500^000~теңге"),
        (Kk, "10000-ға жуық", "10^000-ға жуық"),
        (Kk, "2026", "2026"),
        (Kk, "12345/2026", "12345/2026"),
        (KkLatn, "15000 adam", "15^000~adam"),
        (KkLatn, "1 500 000", "1^500^000"),
        (KkLatn, "1995", "1995"),
        (En, "10,000", "10,000"),
        (En, "10000", "10000"),
        (En, "10 000", "10 000"),
    ];

    /// Rule 7: a number stays with the word or unit after it.
    const NUMBER_WORD: &[Case] = &[
        (Ru, "70 км", "70~км"),
        (Ru, "145 депутатов", "145~депутатов"),
        (Ru, "12 февраля", "12~февраля"),
        (Ru, "5 %", "5~%"),
        (Kk, "22 наурыз", "22~наурыз"),
        (Kk, "1000 ₸", "1000~₸"),
        (Kk, "**70** км", "**70**~км"),
        (KkLatn, "22 nauryz", "22~nauryz"),
        (KkLatn, "70 km", "70~km"),
        (KkLatn, "145 deputat", "145~deputat"),
        (En, "145 deputies", "145~deputies"),
        (En, "12 February", "12~February"),
        (En, "5 %", "5~%"),
        (En, "5 + 3", "5 + 3"),
    ];

    /// Rule 8: exactly three dots become an ellipsis.
    const ELLIPSIS: &[Case] = &[
        (Ru, "И так далее...", "И~так далее…"),
        (Ru, "Ну... да", "Ну… да"),
        (Ru, "....", "...."),
        (Kk, "Және т.б...", "Және т.б…"),
        (Kk, "[...]", "[…]"),
        (Kk, "Иә...", "Иә…"),
        (KkLatn, "İä...", "İä…"),
        (KkLatn, "[...]", "[…]"),
        (KkLatn, "....", "...."),
        (En, "Wait... what", "Wait… what"),
        (En, "[...]", "[…]"),
        (En, "....", "...."),
    ];

    /// Markdown syntax, code, link targets and bare URLs come out unchanged.
    const MARKDOWN: &[Case] = &[
        (Ru, r#""**важно**""#, "«**важно**»"),
        (Ru, r#"**"важно"**"#, "**«важно»**"),
        (Kk, r#"*"маңызды"*"#, "*«маңызды»*"),
        (Ru, r#"- "текст""#, "- «текст»"),
        (En, "  - \"text\" - more", "  - “text”~– more"),
        (
            Kk,
            "Кіріспе:\n- \"бір\"\n  - екі - үш",
            "Кіріспе:\n- «бір»\n  - екі~— үш",
        ),
        (Ru, "1. \"Пункт\"\n12345. пункт", "1. «Пункт»\n12345. пункт"),
        (
            Ru,
            r#"["сайт"](https://ex.kz/a-b--c)"#,
            "[«сайт»](https://ex.kz/a-b--c)",
        ),
        (
            Ru,
            r#"[сайт](/a-b "t - 10000...")"#,
            r#"[сайт](/a-b "t - 10000...")"#,
        ),
        (Ru, "`a - \"b\" 10000...`", "`a - \"b\" 10000...`"),
        (Ru, r#"\"не кавычки\""#, r#"\"не~кавычки\""#),
        (Ru, "(https://ex.kz/a_(b)) и", "(https://ex.kz/a_(b)) и"),
        (
            En,
            "see https://ex.kz/a-b--c...d, 10000 votes",
            "see https://ex.kz/a-b--c...d, 10000~votes",
        ),
        (En, "**www.example.kz** - site", "**www.example.kz**~– site"),
        (Ru, "в\nдоме и\nсаду", "в\nдоме и\nсаду"),
        (Ru, "\"открыта\n\n\"новая\"", "«открыта\n\n«новая»"),
    ];

    /// Rule 1 (end): a full stop ending a quotation stands after the
    /// closing marks in Russian and Kazakh, and after a ?, ! or … inside
    /// them there is no stop; English keeps what was written.
    const FULL_STOPS: &[Case] = &[
        (Ru, "Он сказал: «Приду.»", "Он~сказал: «Приду»."),
        (Ru, "Он сказал: «Приду.».", "Он~сказал: «Приду»."),
        (Ru, "Он спросил: «Придёте?».", "Он~спросил: «Придёте?»"),
        (Ru, "«Закон \"о выборах.\"»", "«Закон „о~выборах“»."),
        (Kk, "Ол: «Келемін.» Сосын кетті.", "Ол: «Келемін». Сосын кетті."),
        (Kk, "Ол: «Келемін.» деді.", "Ол: «Келемін.» деді."),
        (Kk, "«Не дейсіз?».", "«Не~дейсіз?»"),
        (Ru, "«Итак...»", "«Итак…»"),
        (En, "He said: “I will.”", "He said: “I will.”"),
    ];

    /// Rule 1, the full stop.
    #[test]
    fn the_full_stop_stands_where_each_language_puts_it_with_quotes() {
        check(FULL_STOPS);
    }

    /// Every table above.
    const ALL: [&[Case]; 10] = [
        FULL_STOPS,
        QUOTES,
        APOSTROPHES,
        DASHES_,
        SHORT_WORDS,
        NUMERO,
        GROUPING,
        NUMBER_WORD,
        ELLIPSIS,
        MARKDOWN,
    ];

    /// Rule 1.
    #[test]
    fn quotes_follow_each_language_and_nest() {
        check(QUOTES);
    }

    /// Rule 2.
    #[test]
    fn straight_apostrophes_become_typographic() {
        check(APOSTROPHES);
    }

    /// Rule 3.
    #[test]
    fn spaced_hyphens_become_dashes_and_ranges_en_dashes() {
        check(DASHES_);
    }

    /// Rule 4.
    #[test]
    fn short_words_and_enclitics_are_tied() {
        check(SHORT_WORDS);
    }

    /// Rule 5.
    #[test]
    fn numero_keeps_its_number() {
        check(NUMERO);
    }

    /// Rule 6.
    #[test]
    fn long_numbers_are_grouped_in_ru_and_kk() {
        check(GROUPING);
    }

    /// Rule 7.
    #[test]
    fn numbers_stay_with_their_words() {
        check(NUMBER_WORD);
    }

    /// Rule 8.
    #[test]
    fn three_dots_become_an_ellipsis() {
        check(ELLIPSIS);
    }

    /// Syntax and addresses are out of the rules' reach.
    #[test]
    fn markdown_and_addresses_are_left_alone() {
        check(MARKDOWN);
    }

    /// Typography applied to its own output changes nothing.
    #[test]
    fn applying_twice_changes_nothing() {
        for &(lang, source, _) in ALL.iter().copied().flatten() {
            let once = apply(lang, &vis(source));
            assert_eq!(apply(lang, &once), once, "{lang}: {source:?}");
        }
    }

    /// Pseudo-random strings over characters that trip the rules up, from a
    /// fixed-seed linear congruential generator.
    fn tricky_strings() -> impl Iterator<Item = String> {
        const ALPHABET: &[char] = &[
            '"', '\'', '-', ' ', ' ', '*', '[', ']', '(', ')', '1', '0', '5', 'a', 'в', 'и', 'ж', 'е', '«',
            '»', '„', '“', '”', '‘', '’', '\n', '.', '`', '\\', NBSP, '–', '№', ':', '/', 'h', 't',
        ];
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = move || {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (state >> 33) as usize
        };
        (0..600).map(move |_| {
            let len = next() % 48;
            (0..len).map(|_| ALPHABET[next() % ALPHABET.len()]).collect()
        })
    }

    /// The characters that carry Markdown structure, in order.
    fn syntax(text: &str) -> String {
        text.chars().filter(|c| "*[]()`\\\n".contains(*c)).collect()
    }

    /// No input makes `apply` panic or disturb the Markdown structure; in
    /// ru/kk even nonsense is idempotent. (English is idempotent on sensible
    /// text only: its ’ is both the apostrophe and the nested closing quote,
    /// so in nonsense a second pass can read one as the other.)
    #[test]
    fn never_panics_and_keeps_markdown_syntax() {
        for text in tricky_strings() {
            for lang in Lang::ALL {
                let out = apply(lang, &text);
                assert_eq!(syntax(&out), syntax(&text), "{lang}: {text:?}");
                if lang != En {
                    assert_eq!(apply(lang, &out), out, "{lang}: {text:?}");
                }
            }
        }
    }
}
