//! The load stage: reads a project folder into a typed, validated [`Project`].
//!
//! This is the only stage that reads input files. It reports every problem it
//! finds (all files, all problems of each file), each with file:line:column.

pub mod fields;
mod files;
mod fonts;
pub mod markup;
mod meetings;
mod pictures;
mod reader;
pub mod strings_lock;
pub mod theme;
mod validate;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::diag::{Diagnostic, Place, SourceFile};
use crate::project::{Audience, Fact, Format, Handout, Point, Project, Quote, Reading, Variant};
use files::{FileError, MAX_TEXT_BYTES, ProjectDir};
use reader::{FileContext, TableReader, lang_value, langs_value, names_value};

pub use files::display_path;
pub use pictures::{MAX_PIXELS, PRINT_SIDE};

/// What loading a project gives: the project when it is usable, and every
/// diagnostic (errors and warnings) found on the way.
#[derive(Debug)]
pub struct Loaded {
    /// The project; `None` when any error was found.
    pub project: Option<Project>,
    /// Errors and warnings, grouped by file, in file order.
    pub diagnostics: Vec<Diagnostic>,
}

/// Loads the project in folder `root`.
pub fn load(root: &Path) -> Loaded {
    load_with_theme(root, None)
}

/// The project folder and what has been read from it: every file of a load
/// goes through here.
struct Inputs {
    /// The project folder.
    dir: ProjectDir,
    /// Pictures read so far, by path.
    pictures: pictures::Pictures,
}

/// Loads the project in folder `root`, with `theme_file` (from `--theme`)
/// applied over the project's own `theme.toml`.
pub fn load_with_theme(root: &Path, theme_file: Option<&Path>) -> Loaded {
    load_checked(root, theme_file, true)
}

/// Loads the project for its translators: a missing translation is what
/// they are about to write, so it stops nothing; every other problem does.
pub fn load_for_translation(root: &Path) -> Loaded {
    load_checked(root, None, false)
}

/// Loads a project; `translations` says whether a missing translation is a
/// problem.
fn load_checked(root: &Path, theme_file: Option<&Path>, translations: bool) -> Loaded {
    let mut diagnostics = Vec::new();
    let Some(dir) = open_project(root, &mut diagnostics) else {
        return Loaded {
            project: None,
            diagnostics,
        };
    };
    let mut inputs = Inputs {
        dir,
        pictures: pictures::Pictures::default(),
    };
    let fonts = fonts::project_fonts(&inputs.dir, &mut diagnostics);
    let families: Vec<String> = fonts.iter().map(|f| f.family.clone()).collect();
    let theme = project_theme(&inputs.dir, theme_file, &families, &mut diagnostics);
    let pptx_template = theme
        .deck
        .pptx_template
        .as_ref()
        .and_then(|name| pptx_template(&inputs.dir, name, &mut diagnostics));
    let Some(handout_file) = read_source(&inputs.dir, Path::new("handout.toml"), &mut diagnostics) else {
        return Loaded {
            project: None,
            diagnostics,
        };
    };
    let cx = FileContext::new(handout_file);
    let parts = cx.parse().map(|doc| {
        let mut top = TableReader::root(&cx, &doc);
        let handout = top.table("handout").and_then(|t| read_handout(t, &mut inputs));
        if handout.is_none() && top.get("handout").is_none() {
            cx.error(0..0, "missing the [handout] table");
        }
        let promised = handout.as_ref().map(|h| h.languages.clone()).unwrap_or_default();
        // Ids and tags are gathered even from points with other errors, so a
        // duplicate is reported together with those errors, and a tag of a
        // point with a typo is still known.
        let mut seen = Seen::default();
        let tables = top.tables("point");
        if let Some(extra) = tables.get(limits::POINTS) {
            cx.report(
                Diagnostic::error(
                    &cx.place(extra.span.clone()),
                    format!("a handout has at most {} talking points", limits::POINTS),
                )
                .with_help("split the campaign into several handouts"),
            );
        }
        let points: Vec<Point> = tables
            .into_iter()
            .take(limits::POINTS)
            .filter_map(|t| read_point(t, &mut inputs, &mut seen))
            .collect();
        for d in validate::duplicates("point", seen.ids.iter()) {
            cx.report(d);
        }
        let quotes: Vec<Quote> = top.tables("quote").into_iter().filter_map(read_quote).collect();
        let base = ProfileBase {
            promised: &promised,
            theme: &theme,
            families: &families,
        };
        let audiences: Vec<Audience> = top
            .tables("audience")
            .into_iter()
            .filter_map(|t| read_audience(t, &base))
            .collect();
        top.finish();
        (handout, points, quotes, audiences, seen.tags)
    });
    diagnostics.extend(cx.into_diagnostics());
    let promised = parts
        .as_ref()
        .and_then(|p| p.0.as_ref())
        .map(|h| h.languages.clone())
        .unwrap_or_default();

    let base = ProfileBase {
        promised: &promised,
        theme: &theme,
        families: &families,
    };
    let mut audiences = Vec::new();
    for path in audience_files(&inputs.dir, &mut diagnostics) {
        if let Some(file) = read_source(&inputs.dir, &path, &mut diagnostics) {
            let cx = FileContext::new(file);
            if let Some(doc) = cx.parse() {
                audiences.extend(read_profile(TableReader::root(&cx, &doc), &base));
            }
            diagnostics.extend(cx.into_diagnostics());
        }
    }

    let meetings = meetings::read(&inputs.dir, &mut diagnostics);
    let strings_lock = strings_lock::read(&inputs.dir, &mut diagnostics);

    let Some((Some(handout), points, quotes, inline_audiences, tags)) = parts else {
        return Loaded {
            project: None,
            diagnostics,
        };
    };
    audiences.extend(inline_audiences);
    // A profile without `languages` is built in every language the handout promises.
    for audience in audiences.iter_mut().filter(|a| a.languages.is_empty()) {
        audience.languages = handout.languages.clone();
    }
    audiences.sort_by(|a, b| a.id.value.cmp(&b.id.value));
    let audience_ids: Vec<&str> = audiences.iter().map(|a| a.id.value.as_str()).collect();
    diagnostics.extend(meetings::validate(&meetings, &audience_ids));
    let project = Project {
        root: root.to_path_buf(),
        handout,
        points,
        quotes,
        audiences,
        theme,
        meetings,
        fonts,
        strings_lock,
        pptx_template,
    };
    diagnostics.extend(validate::validate(&project, &tags, translations));
    let failed = diagnostics.iter().any(Diagnostic::is_error);
    Loaded {
        project: (!failed).then_some(project),
        diagnostics,
    }
}

/// Opens the project folder; a folder that is missing or holds no
/// `handout.toml` gets a message that says what a project folder is.
fn open_project(root: &Path, diagnostics: &mut Vec<Diagnostic>) -> Option<ProjectDir> {
    let shown = display_path(root);
    let dir = match ProjectDir::open(root) {
        Ok(dir) => dir,
        Err(e) => {
            let message = match e.kind() {
                std::io::ErrorKind::NotFound => {
                    format!("the project folder `{}` does not exist", shown.display())
                }
                _ => format!("cannot open the project folder `{}`: {e}", shown.display()),
            };
            diagnostics.push(Diagnostic::plain(None, message).with_help(format!(
                "name the folder that holds handout.toml, or create a project with `handout new {}`",
                shown.display()
            )));
            return None;
        }
    };
    if !dir.exists(Path::new("handout.toml")) {
        diagnostics.push(
            Diagnostic::plain(None, format!("`{}` has no handout.toml", shown.display())).with_help(
                "a project folder holds handout.toml and audiences/; name that folder, \
                 or create one with `handout new NAME`",
            ),
        );
        return None;
    }
    Some(dir)
}

/// The built-in theme, overridden by the project's `theme.toml` if there is
/// one, then by `theme_file`.
fn project_theme(
    dir: &ProjectDir,
    theme_file: Option<&Path>,
    fonts: &[String],
    diagnostics: &mut Vec<Diagnostic>,
) -> crate::theme::Theme {
    let mut theme = theme::built_in();
    let own = Path::new("theme.toml");
    if dir.exists(own)
        && let Some(file) = read_source(dir, own, diagnostics)
    {
        diagnostics.extend(theme::apply(file, &mut theme, fonts));
    }
    // A file named on the command line is the user's own choice, so it is
    // read where it is, inside the project or not.
    if let Some(path) = theme_file {
        let file = std::fs::File::open(path).and_then(|f| {
            let mut bytes = Vec::new();
            std::io::Read::read_to_end(&mut std::io::Read::take(f, MAX_TEXT_BYTES + 1), &mut bytes)?;
            Ok(bytes)
        });
        match file {
            Ok(bytes) if bytes.len() as u64 > MAX_TEXT_BYTES => diagnostics.push(Diagnostic::plain(
                Some(path),
                format!("cannot read: {}", FileError::TooLarge(MAX_TEXT_BYTES)),
            )),
            Ok(bytes) => match source_text(display_path(path), bytes) {
                Ok(file) => diagnostics.extend(theme::apply(file, &mut theme, fonts)),
                Err(d) => diagnostics.push(d),
            },
            Err(e) => diagnostics.push(Diagnostic::plain(Some(path), format!("cannot read: {e}"))),
        }
    }
    theme
}

/// Reads a TOML or CSV file of the project; reports a missing or unreadable file.
fn read_source(
    dir: &ProjectDir,
    relative: &Path,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Arc<SourceFile>> {
    let shown = dir.display(relative);
    match dir.read(relative, MAX_TEXT_BYTES) {
        Ok(bytes) => match source_text(shown, bytes) {
            Ok(file) => Some(file),
            Err(d) => {
                diagnostics.push(d);
                None
            }
        },
        Err(e) => {
            let d = Diagnostic::plain(Some(&shown), format!("cannot read: {e}"));
            diagnostics.push(match e {
                FileError::Outside => d.with_help(
                    "a project's files must be inside its folder; copy the file in instead of linking to it",
                ),
                _ => d,
            });
            None
        }
    }
}

/// A file's bytes as text: UTF-8, with a leading byte-order mark dropped so
/// columns count from the first visible character. Invalid UTF-8 is an
/// error at the line and column of the first bad byte.
fn source_text(path: PathBuf, mut bytes: Vec<u8>) -> Result<Arc<SourceFile>, Diagnostic> {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(SourceFile::new(path, text)),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            // The bad byte is one replacement character in the text shown.
            let end = at + text[at..].chars().next().map_or(0, char::len_utf8);
            let file = SourceFile::new(path, text);
            Err(
                Diagnostic::error(&Place::new(&file, at..end), "this file is not valid UTF-8 text")
                    .with_help("save the file as UTF-8 (in most editors: Save with Encoding → UTF-8)"),
            )
        }
    }
}

/// The audience profiles in `audiences/`, sorted by name so builds are reproducible.
fn audience_files(dir: &ProjectDir, diagnostics: &mut Vec<Diagnostic>) -> Vec<PathBuf> {
    let folder = Path::new("audiences");
    match dir.list(folder, &["toml"]) {
        Ok(files) => files,
        Err(e) => {
            let d = Diagnostic::plain(Some(&dir.display(folder)), format!("cannot read: {e}"));
            diagnostics.push(d);
            Vec::new()
        }
    }
}

/// The longest texts accepted, in characters: display texts must fit the
/// one place they are printed; prose is bounded only so that no file can
/// make a build run for minutes.
pub mod limits {
    /// Titles of the handout and of points.
    pub const TITLE: usize = 200;
    /// The handout's subtitle.
    pub const SUBTITLE: usize = 300;
    /// Organiser, audience, author, speaker names.
    pub const NAME: usize = 150;
    /// A fact's label.
    pub const LABEL: usize = 150;
    /// One-line texts: contacts, a call to action.
    pub const LINE: usize = 400;
    /// Bodies, notes, intros, quotes.
    pub const PROSE: usize = 20_000;
    /// A fact's value: a number or a short range, set large on one line.
    pub const FACT: usize = 24;
    /// Talking points in one handout: far more than any leaflet or deck
    /// holds, and a bound on pages and slides.
    pub const POINTS: usize = 500;
}

/// A fact's value: short, so it can be set large on one line.
fn fact_value(f: &mut TableReader<'_, '_>) -> Option<crate::project::Text> {
    let value = f.string("value", true)?;
    let n = value.value.chars().count();
    if value.value.trim().is_empty() || n > limits::FACT {
        f.cx.report(
            Diagnostic::error(
                &value.place,
                format!("a fact's `value` must be 1–{} characters, found {n}", limits::FACT),
            )
            .with_help("a fact is a short value such as \"145\", \"3 %\" or \"09:00–18:00\"; put the rest in its label"),
        );
        return None;
    }
    Some(value)
}

/// What every `[[point]]` named, whether or not it was read whole.
#[derive(Default)]
struct Seen {
    /// Point ids.
    ids: Vec<crate::project::Id>,
    /// Tags.
    tags: Vec<crate::project::Id>,
}

/// Reads `[handout]`.
fn read_handout(mut t: TableReader<'_, '_>, inputs: &mut Inputs) -> Option<Handout> {
    let cx = t.cx;
    let id = t.id("id", true);
    let languages = match t.get("languages") {
        Some(v) => langs_value(cx, v, "languages"),
        None => {
            cx.error(t.span.clone(), "missing key `languages` in [handout]");
            Vec::new()
        }
    };
    let fallback = t.get("fallback").and_then(|v| lang_value(cx, v, "fallback"));
    let date = t.date("date");
    let title = t.short("title", true, limits::TITLE);
    let subtitle = t.short("subtitle", false, limits::SUBTITLE);
    let organiser = t.short("organiser", false, limits::NAME);
    let (logo, logo_alt) = picture_ref(&mut t, "logo", inputs);
    let url = t.string("url", false).and_then(|u| checked_url(cx, u));
    let contacts = t.short("contacts", false, limits::LINE);
    // Every key is read before the first `?`, so none is reported as unknown
    // just because an earlier one was missing.
    t.finish();
    if languages.is_empty() {
        return None;
    }
    Some(Handout {
        id: id?,
        languages,
        date,
        title: title?,
        subtitle,
        organiser,
        logo,
        logo_alt,
        url,
        contacts,
        fallback,
    })
}

/// Reads one `[[point]]`.
fn read_point(mut t: TableReader<'_, '_>, inputs: &mut Inputs, seen: &mut Seen) -> Option<Point> {
    let id = t.id("id", true);
    seen.ids.extend(id.clone());
    let fact = t.table("fact").and_then(|mut f| {
        let (value, label) = (fact_value(&mut f), f.short("label", true, limits::LABEL));
        f.finish();
        Some(Fact {
            value: value?,
            label: label?,
        })
    });
    let variants = t.table("audience").map(read_variants).unwrap_or_default();
    let tags = t.tags("tags");
    seen.tags.extend(tags.iter().cloned());
    let priority = t.count("priority", 1, u32::MAX).unwrap_or(1);
    let title = t.short("title", true, limits::TITLE);
    let body = t.short("body", true, limits::PROSE);
    let bullets = t.localized_list("bullets");
    let notes = t.short("notes", false, limits::PROSE);
    let (image, image_alt) = picture_ref(&mut t, "image", inputs);
    t.finish();
    Some(Point {
        id: id?,
        tags,
        priority,
        title: title?,
        body: body?,
        bullets,
        notes,
        fact,
        image,
        image_alt,
        variants,
    })
}

/// Reads `[point.audience.NAME]` tables.
fn read_variants(t: TableReader<'_, '_>) -> Vec<Variant> {
    let cx = t.cx;
    // Every key is an audience name, so none is unknown here; the names are
    // checked against the audience profiles in validation.
    t.entries()
        .filter_map(|(name, span, value)| {
            let mut v = TableReader::new(cx, value, format!("[point.audience.{name}]"))?;
            let variant = Variant {
                audience: crate::project::Id {
                    value: name.to_owned(),
                    place: cx.place(span),
                },
                body: v.short("body", false, limits::PROSE),
                extra: v.short("extra", false, limits::PROSE),
            };
            v.finish();
            Some(variant)
        })
        .collect()
}

/// Reads one `[[quote]]`.
fn read_quote(mut t: TableReader<'_, '_>) -> Option<Quote> {
    let (text, author, tags) = (
        t.short("text", true, limits::PROSE),
        t.short("author", false, limits::NAME),
        t.tags("tags"),
    );
    t.finish();
    Some(Quote {
        text: text?,
        author,
        tags,
    })
}

/// What every audience profile is read against.
struct ProfileBase<'a> {
    /// The languages the handout promises.
    promised: &'a [crate::project::Lang],
    /// The project's theme, which a profile's `[theme]` sections override.
    theme: &'a crate::theme::Theme,
    /// The families of the project's own fonts.
    families: &'a [String],
}

/// Reads an audience file: its `[audience]` table and, after it, the
/// optional `[theme.*]` sections for this audience's documents.
fn read_profile(mut top: TableReader<'_, '_>, base: &ProfileBase<'_>) -> Option<Audience> {
    let cx = top.cx;
    let audience = match top.table("audience") {
        Some(t) => read_audience(t, base),
        None => {
            if top.get("audience").is_none() {
                cx.error(0..0, "missing the [audience] table");
            }
            None
        }
    };
    let theme = top.table("theme").map(|t| audience_theme(t, base));
    top.finish();
    let mut audience = audience?;
    if let Some(theme) = theme {
        if audience.theme.is_some() {
            cx.error(
                0..0,
                "the theme is given twice: as [theme.*] and as [audience.theme.*]; keep one",
            );
        }
        audience.theme = Some(theme);
    }
    Some(audience)
}

/// The project's theme with an audience's `[theme.*]` sections over it.
fn audience_theme(t: TableReader<'_, '_>, base: &ProfileBase<'_>) -> crate::theme::Theme {
    let mut theme = base.theme.clone();
    theme::apply_sections(t, &mut theme, base.families, theme::Sections::Audience);
    theme
}

/// Reads an `[audience]` table; a `theme` table inside it
/// (`[audience.theme.leaflet]`) overrides the project's theme.
fn read_audience(mut t: TableReader<'_, '_>, base: &ProfileBase<'_>) -> Option<Audience> {
    let cx = t.cx;
    let promised = base.promised;
    let theme = t.table("theme").map(|section| audience_theme(section, base));
    let id = t.id("id", true);
    let name = t.short("name", true, limits::NAME);
    let placed = t
        .get("languages")
        .map(|v| reader::langs_placed(cx, v, "languages"))
        .unwrap_or_default();
    for (lang, place) in &placed {
        let derivable = *lang == crate::project::Lang::KkLatn && promised.contains(&crate::project::Lang::Kk);
        if !promised.is_empty() && !promised.contains(lang) && !derivable {
            cx.report(Diagnostic::error(
                place,
                format!(
                    "audience `{}` wants {lang}, but the handout's languages are {}",
                    id.as_ref().map_or("?", |i| i.value.as_str()),
                    promised.iter().map(|l| l.code()).collect::<Vec<_>>().join(", ")
                ),
            ));
        }
    }
    let languages: Vec<crate::project::Lang> = placed.into_iter().map(|(l, _)| l).collect();
    let formats = match t.get("formats") {
        Some(v) => names_value(
            cx,
            v,
            "formats",
            &Format::ALL.map(Format::name),
            Format::from_name,
        ),
        None => vec![Format::Leaflet],
    };
    let reading = t.string("reading", false).and_then(|r| match r.value.as_str() {
        "standard" => Some(Reading::Standard),
        "clear" => Some(Reading::Clear),
        "large" => Some(Reading::Large),
        other => {
            cx.report(
                crate::diag::Diagnostic::error(&r.place, format!("unknown reading {other:?}"))
                    .suggest(other, &["standard", "clear", "large"]),
            );
            None
        }
    });
    let interests = t.tags("interests");
    let exclude = t.tags("exclude");
    let max_points = t.count("max_points", 1, u32::MAX).map(|n| n as usize);
    let intro = t.short("intro", false, limits::PROSE);
    let call_to_action = t.short("call_to_action", false, limits::LINE);
    t.finish();
    Some(Audience {
        id: id?,
        name: name?,
        languages,
        formats,
        interests,
        exclude,
        max_points,
        reading: reading.unwrap_or_default(),
        intro,
        call_to_action,
        theme,
    })
}

/// Longest web address accepted: it is printed for readers to type in, and
/// encoded as a QR code a phone must read from paper.
pub const MAX_URL_CHARS: usize = 200;

/// Checks a web address: printed and encoded as a QR code, so it must be one
/// a phone can open, and short enough to print and to scan.
fn checked_url(cx: &FileContext, url: crate::project::Text) -> Option<crate::project::WebAddress> {
    let value = url.value.as_str();
    let web = value
        .split_once("://")
        .filter(|(scheme, _)| matches!(scheme.to_ascii_lowercase().as_str(), "http" | "https"));
    let problem = match web {
        None => Some("`url` must be a web address starting with https:// or http://".to_owned()),
        Some(_) if value.contains(char::is_whitespace) => Some("`url` must not contain spaces".to_owned()),
        Some((_, rest)) if crate::project::web_host(rest).is_none() => {
            Some("`url` has no host name after the scheme".to_owned())
        }
        Some(_) if value.chars().count() > MAX_URL_CHARS => Some(format!(
            "`url` has {} characters; at most {MAX_URL_CHARS} can be printed and scanned",
            value.chars().count()
        )),
        Some(_) => None,
    };
    if let Some(problem) = problem {
        cx.report(
            Diagnostic::error(&url.place, format!("{problem}, found {value:?}"))
                .with_help("write a full address such as \"https://example.kz/referendum\"; use a short link for long ones"),
        );
        return None;
    }
    let address = crate::project::WebAddress::new(value);
    if address.is_none() {
        cx.report(Diagnostic::error(
            &url.place,
            "`url` is too long to be encoded as a QR code",
        ));
    }
    address
}

/// A picture given as a path, or as `{ path = "…", alt = { kk = "…", … } }`.
fn picture_ref(
    t: &mut TableReader<'_, '_>,
    key: &'static str,
    inputs: &mut Inputs,
) -> (Option<crate::project::Picture>, Option<crate::project::Localized>) {
    let cx = t.cx;
    let Some(value) = t.get(key) else {
        return (None, None);
    };
    if value.get_ref().as_table().is_none() {
        let path = t.string(key, false);
        return (path.and_then(|p| picture(cx, inputs, &p)), None);
    }
    let Some(mut table) = t.table(key) else {
        return (None, None);
    };
    let path = table.string("path", true);
    let alt = table.short("alt", false, limits::LINE);
    table.finish();
    (path.and_then(|p| picture(cx, inputs, &p)), alt)
}

/// Reads a picture named in a TOML file; a picture that cannot be used is an
/// error at the value that names it.
fn picture(
    cx: &FileContext,
    inputs: &mut Inputs,
    text: &crate::project::Text,
) -> Option<crate::project::Picture> {
    let refuse = |message: String, help: Option<&str>| {
        let d = Diagnostic::error(&text.place, message);
        cx.report(match help {
            Some(help) => d.with_help(help),
            None => d,
        });
        None
    };
    let relative = Path::new(&text.value);
    if text.value.trim().is_empty() {
        return refuse(
            "the picture's path is empty".into(),
            Some("name a PNG or JPEG file, e.g. \"images/logo.png\", or remove the key"),
        );
    }
    if relative.is_absolute() {
        return refuse(
            format!(
                "the path {:?} is absolute; it must lie inside the project folder",
                text.value
            ),
            Some("write paths relative to the project folder, e.g. \"images/logo.png\""),
        );
    }
    match inputs.pictures.get(&inputs.dir, relative) {
        Ok(picture) => Some(crate::project::Picture {
            place: Some(text.place.clone()),
            ..picture
        }),
        Err(pictures::Refused::Outside) => refuse(
            format!("the path {:?} leads outside the project folder", text.value),
            Some("copy the picture into the project (e.g. into images/) and name it from there"),
        ),
        Err(pictures::Refused::Unusable(message)) => refuse(message, None),
    }
}

/// Reads the PowerPoint template a theme names, from inside the project
/// folder; a template that cannot be read is an error at the name. Whether
/// it is a usable template is for the export to say, which knows the format.
fn pptx_template(
    dir: &ProjectDir,
    name: &crate::project::Text,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<crate::project::TemplateFile> {
    let refuse = |message: String, help: &str| Diagnostic::error(&name.place, message).with_help(help);
    let relative = Path::new(&name.value);
    let extension = relative.extension().and_then(|x| x.to_str()).unwrap_or("");
    let problem = if name.value.trim().is_empty() || relative.is_absolute() {
        Some(refuse(
            format!(
                "`pptx_template` {:?} is not a path inside the project folder",
                name.value
            ),
            "write the path relative to the project folder, e.g. \"brand.pptx\"",
        ))
    } else if !["pptx", "potx"].iter().any(|x| extension.eq_ignore_ascii_case(x)) {
        Some(refuse(
            format!("`pptx_template` {:?} is not a PowerPoint file", name.value),
            "name a .pptx or .potx file saved by PowerPoint, LibreOffice or Keynote",
        ))
    } else {
        match dir.read(relative, files::MAX_BINARY_BYTES) {
            Ok(bytes) => {
                return Some(crate::project::TemplateFile {
                    name: name.clone(),
                    bytes: Arc::new(bytes),
                });
            }
            Err(e) => Some(refuse(
                format!("cannot read the PowerPoint template {:?}: {e}", name.value),
                "put the template in the project folder and name it from there, or remove `pptx_template`",
            )),
        }
    };
    diagnostics.extend(problem);
    None
}

/// The fonts in the project's `fonts/` folder (for `handout fonts`).
pub fn project_fonts(root: &Path, diagnostics: &mut Vec<Diagnostic>) -> Vec<crate::project::ProjectFont> {
    match ProjectDir::open(root) {
        Ok(dir) => fonts::project_fonts(&dir, diagnostics),
        Err(e) => {
            diagnostics.push(Diagnostic::plain(
                Some(root),
                format!("cannot open the project folder: {e}"),
            ));
            Vec::new()
        }
    }
}

#[cfg(test)]
pub(crate) mod tests;
