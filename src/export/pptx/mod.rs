//! The deck as an editable PowerPoint file (OOXML, written with zip and
//! quick-xml): one slide per PDF slide on a named layout of the built-in
//! template or of the organiser's, real text in placeholders, speaker notes
//! on notes pages. The only code that knows PresentationML.

mod builtin;
mod design;
mod package;
mod slide;
mod template;
mod xml;

use quick_xml::Reader;
use quick_xml::events::Event;

use crate::project::Lang;
use crate::theme::Theme;
use crate::typeset::deck::{SlideContent, SlideInfo};

use package::{Package, Relationship, kind, rel, relative};
use slide::{Context, Media, Rels, Slide};
use xml::Xml;

pub use template::Template;

/// What a deck is made of, for export.
pub struct Deck<'a> {
    /// Per slide, in order: its role, content and notes.
    pub slides: &'a [SlideInfo],
    /// The document's title.
    pub title: &'a str,
    /// Its author (the organiser).
    pub author: Option<&'a str>,
    /// Its language.
    pub lang: Lang,
    /// The theme the PDF deck was laid out in.
    pub theme: &'a Theme,
}

/// A written deck.
#[derive(Debug)]
pub struct Pptx {
    /// The file.
    pub bytes: Vec<u8>,
    /// Layouts the template lacks, and what was used instead.
    pub warnings: Vec<String>,
}

/// The role a slide plays, which picks its layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// The opening slide.
    Title,
    /// Bullets (and perhaps a picture).
    Point,
    /// A big number beside bullets.
    Fact,
    /// The quote.
    Quote,
    /// The call to action.
    Closing,
}

impl Role {
    /// The role of a slide.
    fn of(content: &SlideContent) -> Self {
        match content {
            SlideContent::Title { .. } => Role::Title,
            SlideContent::Point { fact: Some(_), .. } => Role::Fact,
            SlideContent::Point { .. } => Role::Point,
            SlideContent::Quote { .. } => Role::Quote,
            SlideContent::Closing { .. } => Role::Closing,
        }
    }

    /// The layout it goes on, then those tried when a template lacks it.
    fn layouts(self) -> &'static [&'static str] {
        match self {
            Role::Title => &["Title Slide", "Title Only", "Title and Content", "Blank"],
            Role::Point => &["Title and Content", "Two Content", "Title Only", "Blank"],
            Role::Fact => &[
                "Two Content",
                "Comparison",
                "Title and Content",
                "Title Only",
                "Blank",
            ],
            Role::Quote => &[
                "Quote",
                "Section Header",
                "Title Only",
                "Title and Content",
                "Blank",
            ],
            Role::Closing => &["Section Header", "Title Only", "Title and Content", "Blank"],
        }
    }

    /// How a warning names the slides of this role.
    fn slides(self) -> &'static str {
        match self {
            Role::Title => "the title slide",
            Role::Point => "point slides",
            Role::Fact => "slides with a big number",
            Role::Quote => "the quote slide",
            Role::Closing => "the closing slide",
        }
    }
}

/// The language tag PowerPoint's proofing tools and screen readers know.
fn office_lang(lang: Lang) -> &'static str {
    match lang {
        Lang::Kk => "kk-KZ",
        Lang::Ru => "ru-RU",
        Lang::En => "en-US",
        Lang::KkLatn => "kk-Latn-KZ",
    }
}

/// Writes `deck` on `template`. `created` (seconds since 1970, from
/// SOURCE_DATE_EPOCH) dates the file; without it the file has no date,
/// so identical input gives identical bytes.
pub fn export(deck: &Deck<'_>, template: &Template, created: Option<i64>) -> Result<Pptx, String> {
    let mut package = template.package.clone();
    for (ext, kind) in [
        ("png", "image/png"),
        ("jpeg", "image/jpeg"),
        ("rels", kind::RELS),
        ("xml", "application/xml"),
    ] {
        package.defaults.entry(ext.into()).or_insert_with(|| kind.into());
    }
    let (cx, cy) = template.size;
    let fonts = (deck.theme.fonts.heading.as_str(), deck.theme.fonts.body.as_str());
    let context = Context {
        lang: office_lang(deck.lang),
        fonts: template.built_in.then_some(fonts),
        design: design::Design::for_slide(cx, cy),
        body_size: deck.theme.deck.body_size,
        qr_dark: deck.theme.colors.band(),
        scale: cx as f32 / xml::emu(deck.theme.deck.width) as f32,
    };
    let (notes_master, added_master) = match &template.notes_master {
        Some(part) => (part.clone(), false),
        None => (add_notes_master(&mut package, deck.theme, cx, cy), true),
    };
    let mut media = Media::new(package.parts.keys().cloned().collect());
    let mut warnings = Vec::new();
    let mut slide_parts = Vec::new();
    for (n, info) in deck.slides.iter().enumerate() {
        let layout = pick_layout(template, Role::of(&info.content), &mut warnings);
        let name = format!("ppt/slides/slide{}.xml", n + 1);
        let mut slide = Slide::new(&context, &relative(&name, &layout.part));
        slide.fill(info, layout, &mut media);
        if let Some(notes) = info.notes.as_ref().filter(|t| !t.rich.is_empty()) {
            let notes_name = format!("ppt/notesSlides/notesSlide{}.xml", n + 1);
            let mut rels = Rels::default();
            rels.id(rel::NOTES_MASTER, &relative(&notes_name, &notes_master), false);
            rels.id(rel::SLIDE, &relative(&notes_name, &name), false);
            let page = slide::notes_page(&notes.rich, &context, &mut rels);
            package.put(&notes_name, kind::NOTES_SLIDE, page.into_bytes());
            package.put_relationships(&notes_name, &rels.list);
            slide
                .rels
                .id(rel::NOTES_SLIDE, &relative(&name, &notes_name), false);
        }
        let rels = std::mem::take(&mut slide.rels.list);
        package.put(&name, kind::SLIDE, slide.finish().into_bytes());
        package.put_relationships(&name, &rels);
        slide_parts.push(name);
    }
    for (name, bytes) in media.parts {
        package.put_by_extension(&name, bytes);
    }
    link_slides(
        &mut package,
        template,
        &slide_parts,
        added_master.then_some(notes_master.as_str()),
    )?;
    properties(&mut package, deck, &template.presentation, created);
    Ok(Pptx {
        bytes: package.write()?,
        warnings,
    })
}

/// The layout for a role: the first of its names the template has, with a
/// warning when that is not the role's own; else the template's first.
fn pick_layout<'t>(template: &'t Template, role: Role, warnings: &mut Vec<String>) -> &'t template::Layout {
    let names = role.layouts();
    let found = names.iter().find_map(|name| template.layout(name));
    let layout = found.unwrap_or(&template.layouts[0]);
    if !layout.name.eq_ignore_ascii_case(names[0]) {
        let warning = format!(
            "{} has no layout named \"{}\"; {} use \"{}\" instead",
            template.name,
            names[0],
            role.slides(),
            layout.name
        );
        if !warnings.contains(&warning) {
            warnings.push(warning);
        }
    }
    layout
}

/// Adds the built-in notes master (and its theme); returns its part name.
fn add_notes_master(package: &mut Package, theme: &Theme, cx: i64, cy: i64) -> String {
    let (master, master_theme) = builtin::notes_master(theme, cx, cy);
    let name = package.free_name("ppt/notesMasters/notesMaster", "xml");
    let theme_name = package.free_name("ppt/theme/theme", "xml");
    package.put(&name, kind::NOTES_MASTER, master.into_bytes());
    package.put(&theme_name, kind::THEME, master_theme.into_bytes());
    package.put_relationships(
        &name,
        &[Relationship {
            id: "rId1".into(),
            kind: rel::THEME.into(),
            target: relative(&name, &theme_name),
            external: false,
        }],
    );
    name
}

/// Lists the slides (and an added notes master) in the presentation and
/// its relationships, in place of the template's own slides.
fn link_slides(
    package: &mut Package,
    template: &Template,
    slides: &[String],
    notes_master: Option<&str>,
) -> Result<(), String> {
    let presentation = &template.presentation;
    let mut rels: Vec<Relationship> = package
        .relationships(presentation)?
        .into_iter()
        .filter(|r| r.kind != rel::SLIDE && (notes_master.is_none() || r.kind != rel::NOTES_MASTER))
        .collect();
    let mut next = rels
        .iter()
        .filter_map(|r| r.id.strip_prefix("rId")?.parse::<u32>().ok())
        .max()
        .unwrap_or(0);
    let mut add = |rels: &mut Vec<Relationship>, kind: &str, part: &str| {
        next += 1;
        let id = format!("rId{next}");
        rels.push(Relationship {
            id: id.clone(),
            kind: kind.into(),
            target: relative(presentation, part),
            external: false,
        });
        id
    };
    let master_id = notes_master.map(|part| add(&mut rels, rel::NOTES_MASTER, part));
    let slide_ids: Vec<String> = slides
        .iter()
        .map(|part| add(&mut rels, rel::SLIDE, part))
        .collect();
    let text = package.text(presentation)?.to_owned();
    let rewritten = rewrite_presentation(&text, &slide_ids, master_id.as_deref())
        .map_err(|e| format!("the template's presentation part: {e}"))?;
    package.parts.insert(presentation.clone(), rewritten.into_bytes());
    package.put_relationships(presentation, &rels);
    Ok(())
}

/// Children of the presentation dropped with the template's slides: its
/// slide list, custom shows and sections name slides that are gone.
const DROPPED: [&str; 4] = ["sldIdLst", "custShowLst", "extLst", "notesMasterIdLst"];

/// The presentation part with `slides` (relationship ids) as its slide
/// list and, if given, the notes master added.
fn rewrite_presentation(text: &str, slides: &[String], notes_master: Option<&str>) -> Result<String, String> {
    let ns = "xmlns:p=\"http://schemas.openxmlformats.org/presentationml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"";
    let mut list = Xml::fragment();
    list.raw(&format!("<p:sldIdLst {ns}>"));
    for (n, id) in slides.iter().enumerate() {
        list.empty("p:sldId", &[("id", &(256 + n).to_string()), ("r:id", id)]);
    }
    list.close("p:sldIdLst");
    let list = list.finish();
    let master = notes_master
        .map(|id| format!("<p:notesMasterIdLst {ns}><p:notesMasterId r:id=\"{id}\"/></p:notesMasterIdLst>"));
    let mut reader = Reader::from_str(text);
    let mut writer = quick_xml::Writer::new(Vec::new());
    let mut depth = 0usize;
    let mut skipping: Option<usize> = None;
    let mut listed = false;
    let keeps_master = notes_master.is_none();
    loop {
        let event = reader.read_event().map_err(|e| e.to_string())?;
        let local = |e: &quick_xml::events::BytesStart<'_>| e.local_name().as_ref().to_owned();
        let dropped = |name: &str| DROPPED.contains(&name) && !(keeps_master && name == "notesMasterIdLst");
        match &event {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) if skipping.is_none() && depth == 1 => {
                let name = local(e);
                if !listed && (name == "sldSz" || name == "notesSz") {
                    writer.get_mut().extend_from_slice(list.as_bytes());
                    listed = true;
                }
                if dropped(&name) {
                    if matches!(event, Event::Start(_)) {
                        skipping = Some(depth);
                        depth += 1;
                    }
                    continue;
                }
            }
            Event::End(e) if depth == 1 && skipping.is_none() && !listed => {
                // The presentation closes without a size: the list goes last.
                let _ = e;
                writer.get_mut().extend_from_slice(list.as_bytes());
                listed = true;
            }
            _ => {}
        }
        let is_master_list_end =
            matches!(&event, Event::End(e) if depth == 2 && e.local_name().as_ref() == "sldMasterIdLst");
        match &event {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
        if let Some(level) = skipping {
            if matches!(event, Event::End(_)) && depth == level {
                skipping = None;
            }
            continue;
        }
        writer.write_event(event).map_err(|e| e.to_string())?;
        if is_master_list_end && let Some(master) = &master {
            writer.get_mut().extend_from_slice(master.as_bytes());
        }
    }
    String::from_utf8(writer.into_inner()).map_err(|e| e.to_string())
}

/// The package's relationships and its document properties: title,
/// author, language, slide count; a date only from `created`.
fn properties(package: &mut Package, deck: &Deck<'_>, presentation: &str, created: Option<i64>) {
    let link = |id: &str, kind: &str, target: &str| Relationship {
        id: id.into(),
        kind: kind.into(),
        target: target.into(),
        external: false,
    };
    package.put_relationships(
        "",
        &[
            link("rId1", rel::DOCUMENT, presentation),
            link("rId2", rel::CORE, "docProps/core.xml"),
            link("rId3", rel::APP, "docProps/app.xml"),
        ],
    );
    let mut core = Xml::part();
    core.open(
        "cp:coreProperties",
        &[
            (
                "xmlns:cp",
                "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
            ),
            ("xmlns:dc", "http://purl.org/dc/elements/1.1/"),
            ("xmlns:dcterms", "http://purl.org/dc/terms/"),
            ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
        ],
    );
    core.leaf("dc:title", &[], deck.title);
    if let Some(author) = deck.author {
        core.leaf("dc:creator", &[], author);
    }
    core.leaf("dc:language", &[], office_lang(deck.lang));
    if let Some(seconds) = created {
        let stamp = w3c_date(seconds);
        for key in ["dcterms:created", "dcterms:modified"] {
            core.leaf(key, &[("xsi:type", "dcterms:W3CDTF")], &stamp);
        }
    }
    core.close("cp:coreProperties");
    package.put("docProps/core.xml", kind::CORE, core.finish().into_bytes());
    let notes = deck.slides.iter().filter(|s| s.notes.is_some()).count();
    let mut app = Xml::part();
    app.open(
        "Properties",
        &[(
            "xmlns",
            "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
        )],
    );
    app.leaf("Application", &[], concat!("handout ", env!("CARGO_PKG_VERSION")));
    app.leaf("Slides", &[], &deck.slides.len().to_string());
    app.leaf("Notes", &[], &notes.to_string());
    app.close("Properties");
    package.put("docProps/app.xml", kind::APP, app.finish().into_bytes());
}

/// Seconds since 1970 as `YYYY-MM-DDThh:mm:ssZ`.
fn w3c_date(seconds: i64) -> String {
    let (days, rest) = (seconds.div_euclid(86_400), seconds.rem_euclid(86_400));
    // Days to a civil date (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_written_in_utc() {
        assert_eq!(w3c_date(0), "1970-01-01T00:00:00Z");
        assert_eq!(w3c_date(1_772_323_200), "2026-03-01T00:00:00Z");
        assert_eq!(w3c_date(951_782_400 + 3661), "2000-02-29T01:01:01Z");
    }

    #[test]
    fn the_slide_list_replaces_the_templates_and_the_notes_master_follows_the_masters() {
        let text = "<p:presentation xmlns:p=\"p\" xmlns:r=\"r\"><p:sldMasterIdLst><p:sldMasterId id=\"1\" r:id=\"rId1\"/></p:sldMasterIdLst><p:sldIdLst><p:sldId id=\"256\" r:id=\"rId9\"/></p:sldIdLst><p:sldSz cx=\"1\" cy=\"1\"/><p:notesSz cx=\"1\" cy=\"1\"/><p:extLst><p:ext uri=\"x\"><p14:sectionLst/></p:ext></p:extLst></p:presentation>";
        let out = rewrite_presentation(text, &["rId3".into(), "rId4".into()], Some("rId2")).unwrap();
        assert!(!out.contains("rId9") && !out.contains("sectionLst"), "{out}");
        let master = out.find("notesMasterId r:id=\"rId2\"").unwrap();
        let list = out.find("r:id=\"rId3\"").unwrap();
        assert!(out.find("</p:sldMasterIdLst>").unwrap() < master && master < list);
        assert!(list < out.find("<p:sldSz").unwrap());
        assert!(out.contains("<p:sldId id=\"257\" r:id=\"rId4\"/>"));
    }
}
