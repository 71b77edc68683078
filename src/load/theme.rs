//! Themes: the built-in `themes/default.toml`, then a project's
//! `theme.toml`, then `--theme FILE`, each overriding any subset of keys.

use std::sync::Arc;

use crate::base::Color;
use crate::base::{BUILT_IN_FAMILIES, Fold};
use crate::diag::{Diagnostic, SourceFile};
use crate::theme::{
    Colors, DeckTheme, Fonts, Imposition, LeafletTheme, LogoPlace, MM, PdfTheme, Standards, Theme,
};

use super::reader::{Bounds, FileContext, TableReader};

/// The built-in theme's source, compiled into the binary.
pub const DEFAULT_THEME: &str = include_str!("../../themes/default.toml");

/// The built-in theme.
pub fn built_in() -> Theme {
    over(placeholder(0))
}

/// The built-in file applied over `theme`.
fn over(mut theme: Theme) -> Theme {
    let problems = apply(
        SourceFile::new("themes/default.toml", DEFAULT_THEME.to_owned()),
        &mut theme,
        &[],
    );
    assert!(
        problems.is_empty(),
        "the built-in theme is valid: {}",
        problems.iter().map(ToString::to_string).collect::<String>()
    );
    theme
}

/// The shape of a theme before any file has chosen its values. The built-in
/// file sets every key over it; a test fills two different placeholders and
/// checks that nothing of either survives.
fn placeholder(v: u8) -> Theme {
    let (length, flag, word, color) = (f32::from(v), v % 2 == 1, v.to_string(), Color::rgb(v, v, v));
    Theme {
        fonts: Fonts {
            body: word.clone(),
            heading: word.clone(),
            fallback: vec![word.clone()],
        },
        colors: Colors {
            primary: color,
            accent: color,
            text: color,
            background: color,
            heading: None,
            band: None,
            box_fill: None,
        },
        leaflet: LeafletTheme {
            paper_width: length,
            paper_height: length,
            fold: if flag { Fold::Bifold } else { Fold::None },
            columns: usize::from(v) + 1,
            margin: length,
            gutter: length,
            bleed: length,
            crop_marks: flag,
            body_size: length,
            min_body_size: length,
            leading: length,
            heading_scale: length,
            justify: flag,
            hyphenate: flag,
            paragraph_spacing: length,
            logo: if flag { LogoPlace::Left } else { LogoPlace::Right },
            footer: word.clone(),
        },
        deck: DeckTheme {
            width: length,
            height: length,
            title_size: length,
            min_title_size: length,
            body_size: length,
            min_body_size: length,
            max_bullets: usize::from(v) + 1,
            footer: word,
            pptx_template: None,
        },
        pdf: PdfTheme {
            standards: Standards {
                archival: flag.then_some(crate::theme::Archival::A2b),
                accessible: flag,
            },
            cmyk: flag,
            imposition: if flag { Imposition::TwoUp } else { Imposition::None },
        },
    }
}

/// Applies the keys of a theme file to `theme`; returns every problem found
/// (unknown keys with suggestions, wrong types, absurd lengths, fonts that
/// are neither built in nor among the project's `fonts`).
pub fn apply(file: Arc<SourceFile>, theme: &mut Theme, fonts: &[String]) -> Vec<Diagnostic> {
    let cx = FileContext::new(file);
    if let Some(doc) = cx.parse() {
        apply_sections(TableReader::root(&cx, &doc), theme, fonts, Sections::Project);
    }
    cx.into_diagnostics()
}

/// Which sections a theme may have where it is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Sections {
    /// A theme file: every section.
    Project,
    /// An audience's `[theme]`: every section but `[pdf]`, since the PDF
    /// standards (also set by `--pdf-standard`) hold for the whole project.
    Audience,
}

/// Applies the sections of a theme (`[fonts]`, `[colors]`, `[leaflet]`,
/// `[deck]`, `[print]`, and for a project `[pdf]`) held by `top`: a theme
/// file's top level, or the `[theme]` table of an audience profile.
/// Problems are reported in `top`'s file.
pub(super) fn apply_sections(
    mut top: TableReader<'_, '_>,
    theme: &mut Theme,
    fonts: &[String],
    sections: Sections,
) {
    if let Some(t) = top.table("fonts") {
        families(t, theme, fonts);
    }
    if let Some(t) = top.table("colors") {
        colors(t, theme);
    }
    if let Some(t) = top.table("leaflet") {
        leaflet(t, theme);
    }
    if let Some(t) = top.table("deck") {
        deck(t, theme);
    }
    if sections == Sections::Project
        && let Some(t) = top.table("pdf")
    {
        pdf(t, theme);
    }
    if let Some(t) = top.table("print") {
        print(t, theme);
    }
    top.finish();
}

/// Sets `target` when `value` was given.
fn set<T>(target: &mut T, value: Option<T>) {
    if let Some(v) = value {
        *target = v;
    }
}

/// `[fonts]`: family names must be fonts the build has.
fn families(mut t: TableReader<'_, '_>, theme: &mut Theme, project: &[String]) {
    let mut families = BUILT_IN_FAMILIES.to_vec();
    families.extend(project.iter().map(String::as_str));
    families.sort_unstable();
    families.dedup();
    let known = |t: &TableReader<'_, '_>, name: &crate::project::Text| {
        if families.iter().any(|f| f.eq_ignore_ascii_case(&name.value)) {
            return true;
        }
        t.cx.report(
            Diagnostic::error(&name.place, format!("font family {:?} not found", name.value))
                .suggest(&name.value, &families),
        );
        false
    };
    let body = t.string("body", false).filter(|n| known(&t, n));
    let heading = t.string("heading", false).filter(|n| known(&t, n));
    set(&mut theme.fonts.body, body.map(|n| n.value));
    set(&mut theme.fonts.heading, heading.map(|n| n.value));
    if let Some(fallback) = t.texts("fallback") {
        let all_known = fallback.iter().filter(|n| known(&t, n)).count() == fallback.len();
        if all_known {
            theme.fonts.fallback = fallback.into_iter().map(|n| n.value).collect();
        }
    }
    t.finish();
}

/// `[colors]`.
fn colors(mut t: TableReader<'_, '_>, theme: &mut Theme) {
    let c = &mut theme.colors;
    set(&mut c.primary, t.color("primary"));
    set(&mut c.accent, t.color("accent"));
    set(&mut c.text, t.color("text"));
    set(&mut c.background, t.color("background"));
    c.heading = t.color("heading").or(c.heading);
    c.band = t.color("band").or(c.band);
    c.box_fill = t.color("box").or(c.box_fill);
    t.finish();
}

/// Body text of leaflets: from fine print to a poster.
const LEAFLET_BODY: Bounds = Bounds::pt(6.0, 48.0);
/// Line spacing, as a multiple of the type size.
const LEADING: Bounds = Bounds::plain(1.0, 3.0);
/// Point headings relative to the body.
const HEADING_SCALE: Bounds = Bounds::plain(1.0, 4.0);
/// Slide titles: readable from the back of a hall, and no larger than a slide.
const SLIDE_TITLE: Bounds = Bounds::pt(16.0, 120.0);
/// Slide bullets.
const SLIDE_BODY: Bounds = Bounds::pt(10.0, 96.0);
/// Most columns on a flat leaflet page.
const MAX_COLUMNS: u32 = 6;
/// Most bullets on one slide.
const MAX_BULLETS: u32 = 20;
/// Longest footer template: a footer is one line.
const MAX_FOOTER_CHARS: usize = 160;
/// What a footer template may name.
pub const FOOTER_FIELDS: [&str; 6] = ["title", "organiser", "date", "audience", "page", "pages"];

/// `[leaflet]`.
fn leaflet(mut t: TableReader<'_, '_>, theme: &mut Theme) {
    let l = &mut theme.leaflet;
    if let Some(text) = t.string("paper", false) {
        match paper(&text.value) {
            Some((w, h)) => (l.paper_width, l.paper_height) = (w, h),
            None => t.cx.report(
                Diagnostic::error(&text.place, format!("unknown paper {:?}", text.value))
                    .with_help("use A4, A5, Letter or a size like \"210mm x 297mm\""),
            ),
        }
    }
    if let Some((fold, _)) = t.choice("fold", &["none", "bifold", "trifold"]) {
        l.fold = match fold {
            "bifold" => Fold::Bifold,
            "trifold" => Fold::Trifold,
            _ => Fold::None,
        };
    }
    set(
        &mut l.columns,
        t.count("columns", 1, MAX_COLUMNS).map(|n| n as usize),
    );
    set(&mut l.margin, t.length("margin", Bounds::mm(0.0, 100.0)));
    set(&mut l.gutter, t.length("gutter", Bounds::mm(0.0, 50.0)));
    set(&mut l.bleed, t.length("bleed", Bounds::mm(0.0, 10.0)));
    set(&mut l.crop_marks, t.boolean("crop_marks"));
    set(&mut l.body_size, t.length("body_size", LEAFLET_BODY));
    set(&mut l.min_body_size, t.length("min_body_size", LEAFLET_BODY));
    set(&mut l.leading, t.number("leading", LEADING));
    set(&mut l.heading_scale, t.number("heading_scale", HEADING_SCALE));
    set(&mut l.justify, t.boolean("justify"));
    set(
        &mut l.paragraph_spacing,
        t.length("paragraph_spacing", Bounds::pt(0.0, 50.0)),
    );
    set(&mut l.footer, footer(&mut t));
    if let Some((place, _)) = t.choice("logo", &["right", "left", "none"]) {
        l.logo = match place {
            "left" => LogoPlace::Left,
            "none" => LogoPlace::None,
            _ => LogoPlace::Right,
        };
    }
    set(&mut l.hyphenate, t.boolean("hyphenate"));
    let span = t.span.clone();
    if 2.0 * l.margin + 20.0 * MM > l.paper_width.min(l.paper_height) {
        t.cx.error(
            span.clone(),
            "the page is too small for its margins: less than 20 mm would be left for text",
        );
    }
    if l.min_body_size > l.body_size {
        t.cx.error(span.clone(), "`min_body_size` is larger than `body_size`");
    }
    let columns = l.columns as f32;
    let column = (l.paper_width - 2.0 * l.margin - l.gutter * (columns - 1.0)) / columns;
    if l.fold == Fold::None && column < 25.0 * MM {
        t.cx.error(
            span,
            format!("the columns would be {:.0} mm wide; use fewer columns or a smaller gutter (at least 25 mm each)", column / MM),
        );
    }
    t.finish();
}

/// `[deck]`.
fn deck(mut t: TableReader<'_, '_>, theme: &mut Theme) {
    let d = &mut theme.deck;
    if let Some((aspect, _)) = t.choice("aspect", &["16:9", "4:3"]) {
        (d.width, d.height) = if aspect == "4:3" {
            (720.0, 540.0)
        } else {
            (960.0, 540.0)
        };
    }
    set(&mut d.title_size, t.length("title_size", SLIDE_TITLE));
    set(&mut d.min_title_size, t.length("min_title_size", SLIDE_TITLE));
    set(&mut d.body_size, t.length("body_size", SLIDE_BODY));
    set(&mut d.min_body_size, t.length("min_body_size", SLIDE_BODY));
    set(
        &mut d.max_bullets,
        t.count("max_bullets", 1, MAX_BULLETS).map(|n| n as usize),
    );
    set(&mut d.footer, footer(&mut t));
    if let Some(path) = t.string("pptx_template", false) {
        d.pptx_template = Some(path);
    }
    if d.min_body_size > d.body_size {
        t.cx.error(t.span.clone(), "`min_body_size` is larger than `body_size`");
    }
    if d.min_title_size > d.title_size {
        t.cx.error(t.span.clone(), "`min_title_size` is larger than `title_size`");
    }
    t.finish();
}

/// `[pdf]`: the standards every document is written to.
fn pdf(mut t: TableReader<'_, '_>, theme: &mut Theme) {
    if let Some(names) = t.texts("standard") {
        let mut standards = Standards::default();
        for name in &names {
            match standards.with(&name.value) {
                Some(s) => standards = s,
                None => t.cx.report(
                    Diagnostic::error(&name.place, format!("unknown PDF standard {:?}", name.value))
                        .with_help(format!("write any of {}", Standards::NAMES)),
                ),
            }
        }
        theme.pdf.standards = standards;
    }
    t.finish();
}

/// `[print]`: colour model and imposition for the print shop.
fn print(mut t: TableReader<'_, '_>, theme: &mut Theme) {
    if let Some((color, _)) = t.choice("color", &["rgb", "cmyk"]) {
        theme.pdf.cmyk = color == "cmyk";
    }
    if let Some((imposition, _)) = t.choice("imposition", &["none", "2-up", "booklet"]) {
        theme.pdf.imposition = match imposition {
            "2-up" => Imposition::TwoUp,
            "booklet" => Imposition::Booklet,
            _ => Imposition::None,
        };
    }
    t.finish();
}

/// A footer template: one short line whose `{placeholders}` are all known.
fn footer(t: &mut TableReader<'_, '_>) -> Option<String> {
    let text = t.string("footer", false)?;
    if text.value.chars().count() > MAX_FOOTER_CHARS || text.value.contains('\n') {
        t.cx.report(Diagnostic::error(
            &text.place,
            format!("`footer` must be one line of at most {MAX_FOOTER_CHARS} characters"),
        ));
        return None;
    }
    let mut ok = true;
    let mut rest = text.value.as_str();
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        let name = &rest[open + 1..open + close];
        if !FOOTER_FIELDS.contains(&name) {
            ok = false;
            t.cx.report(
                Diagnostic::error(&text.place, format!("unknown footer placeholder `{{{name}}}`"))
                    .suggest(name, &FOOTER_FIELDS),
            );
        }
        rest = &rest[open + close + 1..];
    }
    ok.then_some(text.value)
}

/// Paper sizes by name, or `"W x H"` with units.
fn paper(name: &str) -> Option<(f32, f32)> {
    match name.to_ascii_lowercase().as_str() {
        "a4" => Some((210.0 * MM, 297.0 * MM)),
        "a5" => Some((148.0 * MM, 210.0 * MM)),
        "letter" => Some((612.0, 792.0)),
        custom => {
            let (w, h) = custom.split_once('x')?;
            let (w, h) = (super::reader::parse_length(w)?, super::reader::parse_length(h)?);
            (w >= 50.0 * MM && h >= 50.0 * MM && w <= 2000.0 * MM && h <= 2000.0 * MM).then_some((w, h))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(text: &str) -> Vec<String> {
        let mut theme = built_in();
        apply(SourceFile::new("theme.toml", text.to_owned()), &mut theme, &[])
            .iter()
            .map(|d| d.to_string())
            .collect()
    }

    #[test]
    fn the_built_in_file_sets_every_value_of_a_theme() {
        let (a, b) = (over(placeholder(3)), over(placeholder(200)));
        assert_eq!(format!("{a:?}"), format!("{b:?}"));
        assert!(!format!("{a:?}").contains("\"200\""));
    }

    #[test]
    fn the_built_in_theme_matches_the_documented_defaults() {
        let theme = built_in();
        assert_eq!(theme.fonts.body, "Noto Serif");
        assert!((theme.leaflet.margin - 15.0 * MM).abs() < 0.01);
        assert_eq!((theme.deck.width, theme.deck.height), (960.0, 540.0));
        assert_eq!(theme.deck.max_bullets, 6);
    }

    #[test]
    fn a_theme_overrides_only_what_it_names() {
        let mut theme = built_in();
        let text = "[leaflet]\nmargin = \"20mm\"\npaper = \"A5\"\n[colors]\nprimary = \"#112233\"\n[deck]\naspect = \"4:3\"\n";
        assert!(apply(SourceFile::new("t.toml", text.into()), &mut theme, &[]).is_empty());
        assert!((theme.leaflet.margin - 20.0 * MM).abs() < 0.01);
        assert!((theme.leaflet.paper_width - 148.0 * MM).abs() < 0.01);
        assert_eq!(theme.colors.primary, crate::base::Color::rgb(0x11, 0x22, 0x33));
        assert_eq!(theme.deck.width, 720.0);
        assert_eq!(theme.fonts.heading, "Noto Sans");
    }

    #[test]
    fn designer_keys_for_colours_spacing_logo_and_footer() {
        let mut theme = built_in();
        let text = "[colors]\nheading = \"#112233\"\nbox = \"#FFEEDD\"\n[leaflet]\nparagraph_spacing = \"8pt\"\nlogo = \"left\"\nfooter = \"{organiser} · {page}/{pages}\"\n";
        assert!(apply(SourceFile::new("t.toml", text.into()), &mut theme, &[]).is_empty());
        let c = theme.colors;
        assert_eq!(c.heading(), crate::base::Color::rgb(0x11, 0x22, 0x33));
        assert_eq!(c.box_fill(), crate::base::Color::rgb(0xFF, 0xEE, 0xDD));
        assert_eq!(
            c.band(),
            c.primary_dark(),
            "unset colours derive from the primary"
        );
        assert_eq!(theme.leaflet.paragraph_spacing, 8.0);
        assert_eq!(theme.leaflet.logo, LogoPlace::Left);
        assert!(theme.leaflet.footer.contains("{organiser}"));
    }

    #[test]
    fn a_misspelled_key_is_an_error_with_a_suggestion() {
        let found = problems("[leaflet]\nmargn = \"12mm\"\n");
        assert_eq!(found.len(), 1);
        assert!(found[0].contains("unknown key `margn` in [leaflet]"), "{found:?}");
        assert!(
            found[0].contains("theme.toml:2:1") && found[0].contains("did you mean `margin`?"),
            "{found:?}"
        );
    }

    #[test]
    fn absurd_lengths_and_colours_are_refused() {
        assert!(problems("[leaflet]\nmargin = \"-3mm\"\n")[0].contains("out of range"));
        assert!(problems("[leaflet]\nmargin = \"120mm\"\n")[0].contains("out of range"));
        assert!(problems("[leaflet]\nmargin = \"96mm\"\n")[0].contains("too small for its margins"));
        assert!(problems("[leaflet]\nbody_size = \"ten\"\n")[0].contains("not a length"));
        assert!(problems("[colors]\ntext = \"red\"\n")[0].contains("not a colour"));
        assert!(problems("[leaflet]\ncolumns = 6\ngutter = \"30mm\"\n")[0].contains("columns would be"));
        assert!(problems("[leaflet]\nfold = \"zigzag\"\n")[0].contains("unknown value"));
    }
}
