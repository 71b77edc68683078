//! The load stage: reads a project folder into a typed, validated [`Project`].
//!
//! This is the only stage that reads input files. It reports every problem it
//! finds (all files, all problems of each file), each with file:line:column.

mod meetings;
mod reader;
pub mod theme;
mod validate;

use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use crate::diag::{Diagnostic, SourceFile};
use crate::project::{Audience, Fact, Format, Handout, Point, Project, Quote, Reading, Variant};
use reader::{FileContext, TableReader, lang_value, langs_value, names_value};

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

/// Loads the project in folder `root`, with `theme_file` (from `--theme`)
/// applied over the project's own `theme.toml`.
pub fn load_with_theme(root: &Path, theme_file: Option<&Path>) -> Loaded {
    let mut diagnostics = Vec::new();
    let fonts = project_fonts(root, &mut diagnostics);
    let families: Vec<String> = fonts.iter().map(|f| f.family.clone()).collect();
    let theme = project_theme(root, theme_file, &families, &mut diagnostics);
    let handout_path = root.join("handout.toml");
    let Some(handout_file) = read_source(&handout_path, &mut diagnostics) else {
        return Loaded {
            project: None,
            diagnostics,
        };
    };
    let cx = FileContext::new(handout_file);
    let parts = cx.parse().map(|doc| {
        let mut top = TableReader::root(&cx, &doc);
        let handout = top.table("handout").and_then(|t| read_handout(t, root));
        if handout.is_none() && top.get("handout").is_none() {
            cx.error(0..0, "missing the [handout] table");
        }
        // Ids are gathered even from points with other errors, so a
        // duplicate is reported together with those errors.
        let mut point_ids = Vec::new();
        let points: Vec<Point> = top
            .tables("point")
            .into_iter()
            .filter_map(|t| read_point(t, root, &mut point_ids))
            .collect();
        for d in validate::duplicates("point", point_ids.iter()) {
            cx.report(d);
        }
        let quotes: Vec<Quote> = top.tables("quote").into_iter().filter_map(read_quote).collect();
        let audiences: Vec<Audience> = top
            .tables("audience")
            .into_iter()
            .filter_map(read_audience)
            .collect();
        top.finish();
        (handout, points, quotes, audiences)
    });
    diagnostics.extend(cx.into_diagnostics());

    let mut audiences = Vec::new();
    for path in audience_files(root, &mut diagnostics) {
        if let Some(file) = read_source(&path, &mut diagnostics) {
            let cx = FileContext::new(file);
            if let Some(doc) = cx.parse() {
                let mut top = TableReader::root(&cx, &doc);
                match top.table("audience") {
                    Some(t) => audiences.extend(read_audience(t)),
                    None if top.get("audience").is_none() => cx.error(0..0, "missing the [audience] table"),
                    None => {}
                }
                top.finish();
            }
            diagnostics.extend(cx.into_diagnostics());
        }
    }

    let meetings = meetings::read(root, &mut diagnostics);

    let Some((Some(handout), points, quotes, inline_audiences)) = parts else {
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
    };
    diagnostics.extend(validate::validate(&project));
    let failed = diagnostics.iter().any(Diagnostic::is_error);
    Loaded {
        project: (!failed).then_some(project),
        diagnostics,
    }
}

/// The built-in theme, overridden by the project's `theme.toml` if there is
/// one, then by `theme_file`.
fn project_theme(
    root: &Path,
    theme_file: Option<&Path>,
    fonts: &[String],
    diagnostics: &mut Vec<Diagnostic>,
) -> crate::theme::Theme {
    let mut theme = theme::built_in();
    let own = root.join("theme.toml");
    let files = own
        .is_file()
        .then_some(own.as_path())
        .into_iter()
        .chain(theme_file);
    for path in files {
        if let Some(file) = read_source(path, diagnostics) {
            diagnostics.extend(theme::apply(file, &mut theme, fonts));
        }
    }
    theme
}

/// The fonts in the project's `fonts/` folder (`.ttf`, `.otf`), sorted by
/// file name; a file that is not a usable font is an error.
pub fn project_fonts(root: &Path, diagnostics: &mut Vec<Diagnostic>) -> Vec<crate::project::ProjectFont> {
    let Ok(entries) = std::fs::read_dir(root.join("fonts")) else {
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension()
                .is_some_and(|x| x.eq_ignore_ascii_case("ttf") || x.eq_ignore_ascii_case("otf"))
        })
        .collect();
    paths.sort();
    let mut fonts = Vec::new();
    for path in paths {
        let bytes = match std::fs::read(&path) {
            Ok(bytes) => bytes,
            Err(e) => {
                diagnostics.push(Diagnostic::plain(Some(&path), format!("cannot read: {e}")));
                continue;
            }
        };
        let Ok(face) = rustybuzz::ttf_parser::Face::parse(&bytes, 0) else {
            diagnostics.push(Diagnostic::plain(
                Some(&path),
                "not a font: expected a TrueType or OpenType file",
            ));
            continue;
        };
        let family = face_family(&face).unwrap_or_else(|| {
            path.file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default()
        });
        let (bold, italic) = (face.is_bold(), face.is_italic());
        fonts.push(crate::project::ProjectFont {
            path,
            bytes: std::sync::Arc::new(bytes),
            family,
            bold,
            italic,
        });
    }
    fonts
}

/// The family name a face declares: its typographic family, else its family.
fn face_family(face: &rustybuzz::ttf_parser::Face<'_>) -> Option<String> {
    use rustybuzz::ttf_parser::name_id;
    [name_id::TYPOGRAPHIC_FAMILY, name_id::FAMILY]
        .into_iter()
        .find_map(|id| {
            face.names()
                .into_iter()
                .filter(|n| n.name_id == id && n.is_unicode())
                .find_map(|n| {
                    // Unicode names are UTF-16, big-endian.
                    let units: Vec<u16> = n
                        .name
                        .chunks_exact(2)
                        .map(|c| u16::from_be_bytes([c[0], c[1]]))
                        .collect();
                    String::from_utf16(&units).ok()
                })
        })
}

/// Reads a file into memory; reports a missing or unreadable file.
fn read_source(path: &Path, diagnostics: &mut Vec<Diagnostic>) -> Option<Arc<SourceFile>> {
    match std::fs::read(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => Some(SourceFile::new(display_path(path), text)),
            Err(_) => {
                diagnostics.push(Diagnostic::plain(Some(path), "not valid UTF-8 text"));
                None
            }
        },
        Err(e) => {
            diagnostics.push(Diagnostic::plain(Some(path), format!("cannot read: {e}")));
            None
        }
    }
}

/// The path as the user would write it: relative to the working folder when
/// the file lies below it.
fn display_path(path: &Path) -> PathBuf {
    std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| path.to_path_buf())
}

/// The audience profiles in `audiences/`, sorted by name so builds are reproducible.
fn audience_files(root: &Path, diagnostics: &mut Vec<Diagnostic>) -> Vec<PathBuf> {
    let dir = root.join("audiences");
    let entries = match std::fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Vec::new(),
        Err(e) => {
            diagnostics.push(Diagnostic::plain(Some(&dir), format!("cannot read: {e}")));
            return Vec::new();
        }
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    files
}

/// Reads `[handout]`.
fn read_handout(mut t: TableReader<'_, '_>, root: &Path) -> Option<Handout> {
    let cx = t.cx;
    let id = t.id("id", true);
    let languages = match t.get("languages") {
        Some(v) => langs_value(cx, v, "languages"),
        None => {
            cx.error(t.span.clone(), "missing key `languages` in [handout]");
            Vec::new()
        }
    };
    if languages.is_empty() && t.get("languages").is_some() {
        cx.error(t.span.clone(), "`languages` must name at least one language");
    }
    let fallback = t.get("fallback").and_then(|v| lang_value(cx, v, "fallback"));
    let date = t.date("date");
    let title = t.localized("title", true);
    let subtitle = t.localized("subtitle", false);
    let organiser = t.localized("organiser", false);
    let logo = t.string("logo", false).and_then(|p| picture(cx, root, &p));
    let url = t.string("url", false).and_then(|u| checked_url(cx, u));
    let contacts = t.localized("contacts", false);
    // Every key is read before the first `?`, so none is reported as unknown
    // just because an earlier one was missing.
    t.finish();
    Some(Handout {
        id: id?,
        languages,
        date,
        title: title?,
        subtitle,
        organiser,
        logo,
        url,
        contacts,
        fallback,
    })
}

/// Reads one `[[point]]`.
fn read_point(mut t: TableReader<'_, '_>, root: &Path, ids: &mut Vec<crate::project::Id>) -> Option<Point> {
    let cx = t.cx;
    let id = t.id("id", true);
    ids.extend(id.clone());
    let fact = t.table("fact").and_then(|mut f| {
        let (value, label) = (f.string("value", true), f.localized("label", true));
        f.finish();
        Some(Fact {
            value: value?,
            label: label?,
        })
    });
    let variants = t.table("audience").map(read_variants).unwrap_or_default();
    let tags = t.ids("tags");
    let priority = t.positive("priority").map_or(1, |(p, _)| p);
    let title = t.localized("title", true);
    let body = t.localized("body", true);
    let bullets = t.localized_list("bullets");
    let notes = t.localized("notes", false);
    let image = t.string("image", false).and_then(|p| picture(cx, root, &p));
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
                body: v.localized("body", false),
                extra: v.localized("extra", false),
            };
            v.finish();
            Some(variant)
        })
        .collect()
}

/// Reads one `[[quote]]`.
fn read_quote(mut t: TableReader<'_, '_>) -> Option<Quote> {
    let (text, author, tags) = (
        t.localized("text", true),
        t.localized("author", false),
        t.ids("tags"),
    );
    t.finish();
    Some(Quote {
        text: text?,
        author,
        tags,
    })
}

/// Reads an `[audience]` table.
fn read_audience(mut t: TableReader<'_, '_>) -> Option<Audience> {
    let cx = t.cx;
    let id = t.id("id", true);
    let name = t.localized("name", true);
    let languages = t
        .get("languages")
        .map(|v| langs_value(cx, v, "languages"))
        .unwrap_or_default();
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
        "large" => Some(Reading::Large),
        other => {
            cx.report(
                crate::diag::Diagnostic::error(&r.place, format!("unknown reading {other:?}"))
                    .suggest(other, &["standard", "large"]),
            );
            None
        }
    });
    let interests = t.ids("interests");
    let exclude = t.ids("exclude");
    let max_points = t.positive("max_points").map(|(n, _)| n as usize);
    let intro = t.localized("intro", false);
    let call_to_action = t.localized("call_to_action", false);
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
    })
}

/// Checks a web address: printed and encoded as a QR code, so it must be one
/// a phone can open, and short enough for a QR code.
fn checked_url(cx: &FileContext, url: crate::project::Text) -> Option<crate::project::WebAddress> {
    let ok = (url.value.starts_with("https://") || url.value.starts_with("http://"))
        && !url.value.contains(char::is_whitespace);
    if !ok {
        cx.report(Diagnostic::error(
            &url.place,
            format!(
                "`url` must be a web address starting with https:// or http://, found {:?}",
                url.value
            ),
        ));
        return None;
    }
    let address = crate::project::WebAddress::new(&url.value);
    if address.is_none() {
        cx.report(Diagnostic::error(
            &url.place,
            "`url` is too long to be encoded as a QR code",
        ));
    }
    address
}

/// Largest picture accepted, in pixels per side: beyond print resolution for
/// any leaflet, and a guard against images that decompress into gigabytes.
const MAX_PIXELS_PER_SIDE: u32 = 12_000;

/// Reads and checks a picture named in a TOML file: inside the project, a
/// PNG or JPEG that decodes, of a sane size.
fn picture(cx: &FileContext, root: &Path, text: &crate::project::Text) -> Option<crate::project::Picture> {
    use crate::project::{Picture, PictureKind};
    let path = project_path(cx, root, text)?;
    let refuse = |message: String| {
        cx.report(Diagnostic::error(&text.place, message));
        None
    };
    let bytes = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(e) => return refuse(format!("cannot read {}: {e}", path.display())),
    };
    let kind = match image::guess_format(&bytes) {
        Ok(image::ImageFormat::Png) => PictureKind::Png,
        Ok(image::ImageFormat::Jpeg) => PictureKind::Jpeg,
        _ => return refuse(format!("{} is not a PNG or JPEG image", path.display())),
    };
    let mut reader = image::ImageReader::new(std::io::Cursor::new(&bytes));
    reader.set_format(if kind == PictureKind::Png {
        image::ImageFormat::Png
    } else {
        image::ImageFormat::Jpeg
    });
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(MAX_PIXELS_PER_SIDE);
    limits.max_image_height = Some(MAX_PIXELS_PER_SIDE);
    limits.max_alloc = Some(512 * 1024 * 1024);
    reader.limits(limits);
    match reader.decode() {
        Ok(decoded) => Some(Picture {
            path,
            bytes: std::sync::Arc::new(bytes),
            kind,
            width: decoded.width(),
            height: decoded.height(),
        }),
        Err(image::ImageError::Limits(_)) => refuse(format!(
            "{} is too large to use safely: at most {MAX_PIXELS_PER_SIDE} pixels per side",
            path.display()
        )),
        Err(e) => refuse(format!("{} is damaged or unreadable: {e}", path.display())),
    }
}

/// Resolves a path written in a TOML file against the project folder, refusing
/// anything that could reach outside it.
fn project_path(cx: &FileContext, root: &Path, text: &crate::project::Text) -> Option<PathBuf> {
    let relative = Path::new(&text.value);
    let escapes = relative.is_absolute()
        || relative
            .components()
            .any(|c| !matches!(c, Component::Normal(_) | Component::CurDir));
    if escapes {
        cx.report(
            Diagnostic::error(
                &text.place,
                format!("the path {:?} leaves the project folder", text.value),
            )
            .with_help("write paths relative to the project folder, without `..`"),
        );
        return None;
    }
    let full = root.join(relative);
    let inside = match (full.canonicalize(), root.canonicalize()) {
        (Ok(real), Ok(real_root)) => real.starts_with(real_root),
        _ => {
            cx.report(Diagnostic::error(
                &text.place,
                format!("file not found: {}", full.display()),
            ));
            return None;
        }
    };
    if !inside {
        cx.report(Diagnostic::error(
            &text.place,
            format!(
                "the path {:?} is a link that leads outside the project folder",
                text.value
            ),
        ));
        return None;
    }
    Some(full)
}

#[cfg(test)]
pub(crate) mod tests;
