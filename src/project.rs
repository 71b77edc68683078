//! The typed, validated project: what the load stage produces and every later
//! stage reads. Every human-readable value keeps the [`Place`] it came from.

use std::fmt;
use std::path::PathBuf;

use crate::base::rich::Rich;
use crate::diag::Place;

/// A language the tool can typeset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Lang {
    /// Kazakh in Cyrillic script.
    Kk,
    /// Russian.
    Ru,
    /// English.
    En,
    /// Kazakh in the Latin alphabet of 2021; derived from `Kk` when absent.
    KkLatn,
}

impl Lang {
    /// Every language, in the order they are listed to users.
    pub const ALL: [Lang; 4] = [Lang::Kk, Lang::Ru, Lang::En, Lang::KkLatn];

    /// The code used in TOML files, on the command line and in file names.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Kk => "kk",
            Lang::Ru => "ru",
            Lang::En => "en",
            Lang::KkLatn => "kk-latn",
        }
    }

    /// The BCP 47 tag written into the PDF's /Lang.
    pub fn bcp47(self) -> &'static str {
        match self {
            Lang::KkLatn => "kk-Latn",
            other => other.code(),
        }
    }

    /// Parses a language code.
    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.code() == code)
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A string value together with where it was written.
#[derive(Debug, Clone)]
pub struct Text {
    /// The text as written (inline Markdown); in a tailored document, its
    /// words without markup after the language's typography.
    pub value: String,
    /// What the text says, its Markdown read: what every later stage sets.
    pub rich: Rich,
    /// Where the value is in its source file.
    pub place: Place,
    /// In a tailored document, the language the text is in when it is not
    /// the document's (a translation missing, its fallback shown).
    pub lang: Option<Lang>,
}

/// A value given once per language: `{ kk = "…", ru = "…", en = "…" }`.
#[derive(Debug, Clone)]
pub struct Localized<T = Text> {
    /// The translations present, in the order written.
    pub entries: Vec<(Lang, T)>,
    /// Where the whole table is, for "missing translation" errors.
    pub place: Place,
}

impl<T> Localized<T> {
    /// The translation for exactly `lang`, if written.
    pub fn get(&self, lang: Lang) -> Option<&T> {
        self.entries.iter().find(|(l, _)| *l == lang).map(|(_, t)| t)
    }

    /// Whether a translation for `lang` exists or can be derived
    /// (`kk-latn` from `kk`).
    pub fn covers(&self, lang: Lang) -> bool {
        self.get(lang).is_some() || (lang == Lang::KkLatn && self.get(Lang::Kk).is_some())
    }
}

/// An identifier (handout, point, audience, meeting) with its place. Ids
/// become file names, so the one constructor, [`Id::new`], admits only
/// `a-z`, `0-9` and `-`, 1 to [`Id::MAX_LEN`] characters, starting with a
/// letter or digit; tags are looser names made with [`Id::tag`].
#[derive(Debug, Clone)]
pub struct Id {
    /// The identifier.
    pub value: String,
    /// Where it was written.
    pub place: Place,
}

impl Id {
    /// Longest id. Three ids with a language and a product stay far below
    /// the 255 bytes a file name may have.
    pub const MAX_LEN: usize = 64;

    /// Checks an id that may become part of a file name; the error says what
    /// is wrong and, where one exists, offers a safe spelling.
    pub fn new(value: &str, place: Place) -> Result<Id, IdError> {
        let safe = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-';
        let valid = !value.is_empty()
            && value.len() <= Self::MAX_LEN
            && value.chars().all(safe)
            && !value.starts_with('-');
        if valid {
            return Ok(Id {
                value: value.to_owned(),
                place,
            });
        }
        let reason = if value.is_empty() {
            "it is empty".to_owned()
        } else if value.chars().count() > Self::MAX_LEN {
            format!("it has {} characters", value.chars().count())
        } else if let Some(c) = value.chars().find(|&c| !safe(c)) {
            format!("it contains {c:?}")
        } else {
            "it starts with `-`".to_owned()
        };
        Err(IdError {
            reason,
            suggestion: Self::slug(value),
        })
    }

    /// A topic tag: letters of any script, digits, `-` and `_`, at most
    /// [`Id::MAX_LEN`] characters. Tags never reach a file name.
    pub fn tag(value: &str, place: Place) -> Result<Id, IdError> {
        let valid = !value.is_empty()
            && value.chars().count() <= Self::MAX_LEN
            && value.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '_');
        if valid {
            Ok(Id {
                value: value.to_owned(),
                place,
            })
        } else {
            Err(IdError {
                reason: "a tag is 1–64 letters, digits, `-` or `_`".into(),
                suggestion: None,
            })
        }
    }

    /// `value` made safe: lower case, other characters as `-`, trimmed.
    fn slug(value: &str) -> Option<String> {
        let mut slug = String::new();
        for c in value.chars().flat_map(char::to_lowercase) {
            if c.is_ascii_lowercase() || c.is_ascii_digit() {
                slug.push(c);
            } else if !slug.ends_with('-') {
                slug.push('-');
            }
        }
        let slug: String = slug.trim_matches('-').chars().take(Self::MAX_LEN).collect();
        let slug = slug.trim_end_matches('-').to_owned();
        (!slug.is_empty()).then_some(slug)
    }
}

/// Why a value is not an id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdError {
    /// What is wrong with it.
    pub reason: String,
    /// A safe spelling of it, when one can be made.
    pub suggestion: Option<String>,
}

/// A calendar date from a TOML date value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    /// Year, e.g. 2026.
    pub year: u16,
    /// Month, 1–12.
    pub month: u8,
    /// Day of the month, 1–31.
    pub day: u8,
}

/// The products a build can make.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Format {
    /// The print leaflet.
    Leaflet,
    /// The slide deck.
    Deck,
    /// Speaker notes, one page per slide.
    Notes,
    /// Audience copy with three slides per page.
    Handout3,
    /// The deck as an editable PowerPoint file.
    Pptx,
}

impl Format {
    /// Every format.
    pub const ALL: [Format; 5] = [
        Format::Leaflet,
        Format::Deck,
        Format::Notes,
        Format::Handout3,
        Format::Pptx,
    ];

    /// The name used in TOML, on the command line and in file names.
    pub fn name(self) -> &'static str {
        match self {
            Format::Leaflet => "leaflet",
            Format::Deck => "deck",
            Format::Notes => "notes",
            Format::Handout3 => "handout3",
            Format::Pptx => "pptx",
        }
    }

    /// Parses a format name.
    pub fn from_name(name: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.name() == name)
    }
}

/// How an audience reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Reading {
    /// Normal body size, justified and hyphenated per theme.
    #[default]
    Standard,
    /// Clear print (UKAAF): body of at least 14 pt, ragged right, no
    /// hyphenation.
    Clear,
    /// Large print for older readers: bigger type, ragged right, no hyphenation.
    Large,
}

impl Reading {
    /// Whether text is set for readers with low vision: larger, ragged
    /// right, never hyphenated.
    pub fn enlarged(self) -> bool {
        self != Reading::Standard
    }

    /// The smallest type this reader is given anywhere: labels, footers
    /// and contacts included; 0 for no floor. UKAAF's clear print sets
    /// nothing below 12 pt, its large print nothing below 14 pt.
    pub fn smallest_type(self) -> f32 {
        match self {
            Reading::Standard => 0.0,
            Reading::Clear => 12.0,
            Reading::Large => 14.0,
        }
    }

    /// The smallest body text this reader is given: 14 pt in clear
    /// print, 16 pt in large print; 0 for no floor.
    pub fn body_size(self) -> f32 {
        match self {
            Reading::Standard => 0.0,
            Reading::Clear => 14.0,
            Reading::Large => 16.0,
        }
    }
}

/// Link schemes a leaflet may carry: web pages, e-mail and telephone.
/// `javascript:`, `file:` and the rest never become clickable.
pub const LINK_SCHEMES: [&str; 4] = ["https", "http", "mailto", "tel"];

/// Whether a link target uses one of the [`LINK_SCHEMES`], with something
/// after the scheme (`https://` alone links nowhere).
pub fn link_scheme_allowed(target: &str) -> bool {
    let Some((scheme, rest)) = target.split_once(':') else {
        return false;
    };
    let scheme = scheme.to_ascii_lowercase();
    match scheme.as_str() {
        "http" | "https" => rest.strip_prefix("//").is_some_and(|r| web_host(r).is_some()),
        "mailto" | "tel" => !rest.trim().is_empty() && !rest.contains(char::is_whitespace),
        _ => false,
    }
}

/// The host of the part of a web address after `//`: letters, digits, `-`
/// and `.`, with an optional port; `None` if there is none.
pub fn web_host(after_slashes: &str) -> Option<&str> {
    let end = after_slashes.find(['/', '?', '#']).unwrap_or(after_slashes.len());
    let authority = &after_slashes[..end];
    let host = authority.split_once(':').map_or(authority, |(h, port)| {
        if port.bytes().all(|b| b.is_ascii_digit()) {
            h
        } else {
            ""
        }
    });
    let valid = !host.is_empty()
        && !host.starts_with(['.', '-'])
        && !host.ends_with(['.', '-'])
        && host.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '.');
    valid.then_some(host)
}

/// A web address and its QR code, encoded once when the project loads.
#[derive(Debug, Clone, PartialEq)]
pub struct WebAddress {
    /// The address.
    pub url: String,
    /// The QR code's modules, row by row (true = dark).
    pub qr: std::sync::Arc<Vec<Vec<bool>>>,
}

impl WebAddress {
    /// The address with its QR code; `None` if it is too long for one.
    pub fn new(url: &str) -> Option<Self> {
        use qrcode::{EcLevel, QrCode};
        let code = QrCode::with_error_correction_level(url, EcLevel::M).ok()?;
        let n = code.width();
        let rows = (0..n)
            .map(|y| (0..n).map(|x| code[(x, y)] == qrcode::Color::Dark).collect())
            .collect();
        Some(Self {
            url: url.to_owned(),
            qr: std::sync::Arc::new(rows),
        })
    }
}

/// A picture file's encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PictureKind {
    /// PNG.
    Png,
    /// JPEG, embedded in the PDF as it is.
    Jpeg,
}

/// A checked picture: decoded once at load (so a corrupt or oversized file
/// is refused there, with its place), kept as the original bytes.
#[derive(Debug, Clone, PartialEq)]
pub struct Picture {
    /// The file, for messages.
    pub path: PathBuf,
    /// The file's bytes.
    pub bytes: std::sync::Arc<Vec<u8>>,
    /// PNG or JPEG.
    pub kind: PictureKind,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// What the picture shows, for readers who cannot see it, in the
    /// document's language; none for a decorative picture. Set by tailoring.
    pub alt: Option<String>,
    /// Where the picture is named, for messages about it.
    pub place: Option<crate::diag::Place>,
}

impl Picture {
    /// Height per unit of width.
    pub fn aspect(&self) -> f32 {
        self.height as f32 / self.width.max(1) as f32
    }
}

/// The `[handout]` table.
#[derive(Debug, Clone)]
pub struct Handout {
    /// Identifier used in file names.
    pub id: Id,
    /// The languages the handout promises.
    pub languages: Vec<Lang>,
    /// Publication date.
    pub date: Option<Date>,
    /// Main title.
    pub title: Localized,
    /// Line under the title.
    pub subtitle: Option<Localized>,
    /// Who publishes the handout; also the PDF author.
    pub organiser: Option<Localized>,
    /// Logo, shown on the cover and the title slide.
    pub logo: Option<Picture>,
    /// What the logo shows, for readers who cannot see it; without it the
    /// logo is decorative.
    pub logo_alt: Option<Localized>,
    /// Web address printed as text and QR code.
    pub url: Option<WebAddress>,
    /// Contact lines for the back of the leaflet.
    pub contacts: Option<Localized>,
    /// Language used where a translation is missing, with a warning.
    pub fallback: Option<Lang>,
}

/// A big number shown as a callout, e.g. 145 deputies.
#[derive(Debug, Clone)]
pub struct Fact {
    /// The number or short value, e.g. "145".
    pub value: Text,
    /// What the number counts.
    pub label: Localized,
}

/// An audience-specific change to a talking point.
#[derive(Debug, Clone)]
pub struct Variant {
    /// The audience the variant is for.
    pub audience: Id,
    /// Replaces the point's body.
    pub body: Option<Localized>,
    /// Appended after the body: "what this means for you".
    pub extra: Option<Localized>,
}

/// A talking point.
#[derive(Debug, Clone)]
pub struct Point {
    /// Identifier, unique in the handout.
    pub id: Id,
    /// Topic tags matched against audience interests.
    pub tags: Vec<Id>,
    /// 1 = always included; larger numbers are optional, lower first.
    pub priority: u32,
    /// Heading.
    pub title: Localized,
    /// Leaflet text (inline Markdown).
    pub body: Localized,
    /// Slide bullets; derived from the body when absent.
    pub bullets: Option<Localized<Vec<Text>>>,
    /// Speaker notes.
    pub notes: Option<Localized>,
    /// Big-number callout.
    pub fact: Option<Fact>,
    /// Picture, relative to the project folder.
    pub image: Option<Picture>,
    /// What the picture shows, for readers who cannot see it.
    pub image_alt: Option<Localized>,
    /// Per-audience variants.
    pub variants: Vec<Variant>,
}

/// A quotation printed on leaflets and decks.
#[derive(Debug, Clone)]
pub struct Quote {
    /// The quoted words.
    pub text: Localized,
    /// Who said them.
    pub author: Option<Localized>,
    /// Topic tags, matched against audience interests.
    pub tags: Vec<Id>,
}

/// An audience profile.
#[derive(Debug, Clone)]
pub struct Audience {
    /// Identifier used in file names.
    pub id: Id,
    /// Name printed on the cover.
    pub name: Localized,
    /// Languages built by default.
    pub languages: Vec<Lang>,
    /// Formats built by default.
    pub formats: Vec<Format>,
    /// Tags, most important first.
    pub interests: Vec<Id>,
    /// Tags never shown to this audience.
    pub exclude: Vec<Id>,
    /// Cap on the number of talking points.
    pub max_points: Option<usize>,
    /// Standard or large print.
    pub reading: Reading,
    /// Opening paragraph.
    pub intro: Option<Localized>,
    /// Closing line.
    pub call_to_action: Option<Localized>,
    /// The look of this audience's documents, when its profile overrides
    /// parts of the project's theme; `None` for the project's own.
    pub theme: Option<crate::theme::Theme>,
}

/// A scheduled meeting: one leaflet per meeting and language, with the
/// venue, date, time and speaker on the cover.
#[derive(Debug, Clone)]
pub struct Meeting {
    /// Identifier, used in file names.
    pub id: Id,
    /// The audience the meeting is for.
    pub audience: Id,
    /// The day of the meeting.
    pub date: Date,
    /// Start time as written, `HH:MM`.
    pub time: Option<Text>,
    /// Where.
    pub venue: Localized,
    /// Who speaks.
    pub speaker: Option<Localized>,
}

/// A font file from the project's `fonts/` folder.
#[derive(Debug, Clone)]
pub struct ProjectFont {
    /// The file.
    pub path: PathBuf,
    /// Its bytes.
    pub bytes: std::sync::Arc<Vec<u8>>,
    /// Family name, as themes refer to it.
    pub family: String,
    /// A bold face.
    pub bold: bool,
    /// An italic face.
    pub italic: bool,
}

/// A loaded, validated project.
#[derive(Debug, Clone)]
pub struct Project {
    /// The project folder.
    pub root: PathBuf,
    /// Metadata.
    pub handout: Handout,
    /// Talking points in source order.
    pub points: Vec<Point>,
    /// Quotes in source order.
    pub quotes: Vec<Quote>,
    /// Audience profiles, sorted by id.
    pub audiences: Vec<Audience>,
    /// The look: the built-in theme with the project's overrides.
    pub theme: crate::theme::Theme,
    /// Scheduled meetings, in source order.
    pub meetings: Vec<Meeting>,
    /// Fonts from the project's `fonts/` folder, used before the built-in ones.
    pub fonts: Vec<ProjectFont>,
    /// Where each translation written by `handout strings import` came from.
    pub strings_lock: crate::load::strings_lock::StringsLock,
    /// The organiser's PowerPoint template named by `[deck] pptx_template`.
    pub pptx_template: Option<TemplateFile>,
}

/// A PowerPoint template read from the project folder.
#[derive(Clone)]
pub struct TemplateFile {
    /// The path as written in the theme, and where it was written.
    pub name: Text,
    /// The file's bytes.
    pub bytes: std::sync::Arc<Vec<u8>>,
}

impl fmt::Debug for TemplateFile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "TemplateFile({:?}, {} bytes)",
            self.name.value,
            self.bytes.len()
        )
    }
}

impl Project {
    /// The audience with the given id.
    pub fn audience(&self, id: &str) -> Option<&Audience> {
        self.audiences.iter().find(|a| a.id.value == id)
    }

    /// The theme of `audience`'s documents: its own, or the project's.
    pub fn theme_for<'a>(&'a self, audience: &'a Audience) -> &'a crate::theme::Theme {
        audience.theme.as_ref().unwrap_or(&self.theme)
    }
}
