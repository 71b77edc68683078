//! Editable PowerPoint decks: one slide per PDF slide with the tailored
//! document's words as real text, notes on notes pages, the language on
//! every run, a complete package, the same bytes every time, and an
//! organiser's template used by its layout names.

mod common;

use std::collections::BTreeMap;
use std::io::{Read, Write as _};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use common::{build_into, build_ok, copy_dir, example};
use handout::project::{Lang, Project};
use handout::tailor::{Document, tailor};
use handout::typeset::deck::bullets;
use quick_xml::Reader;
use quick_xml::events::Event;

/// The second example project.
fn tax_example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("handouts/small-business-tax-2027")
}

/// Both examples built as PDF and PowerPoint decks in every language once.
fn built() -> &'static PathBuf {
    static BUILT: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, out) = BUILT.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        for project in [example(), tax_example()] {
            let (project, out) = (project.to_str().unwrap(), out.to_str().unwrap());
            let args = [
                "build",
                project,
                "--format",
                "deck,pptx",
                "--lang",
                "kk,ru,en,kk-latn",
                "--out",
                out,
            ];
            let output = common::handout(&args);
            assert!(
                output.status.success(),
                "{}",
                String::from_utf8_lossy(&output.stderr)
            );
        }
        (dir, out)
    });
    out
}

/// Loads a project through the library.
fn load(root: &Path) -> Project {
    handout::load::load(root).project.expect("the example loads")
}

/// Every deck a build of `project` makes: audience, language, the tailored
/// document, and the paths of the PDF and the PowerPoint file.
fn decks(project: &Project, out: &Path) -> Vec<(String, Lang, Document, PathBuf, PathBuf)> {
    let id = &project.handout.id.value;
    let mut found = Vec::new();
    for audience in &project.audiences {
        let mut langs = audience.languages.clone();
        if langs.contains(&Lang::Kk) {
            langs.push(Lang::KkLatn);
        }
        for lang in langs {
            let who = &audience.id.value;
            let stem = out.join(format!("{id}/{who}/{id}-{who}-{}-deck", lang.code()));
            let doc = tailor(project, audience, lang);
            found.push((
                who.clone(),
                lang,
                doc,
                stem.with_extension("pdf"),
                stem.with_extension("pptx"),
            ));
        }
    }
    found
}

/// A PowerPoint file's parts.
struct Package {
    /// Part name (no leading slash) to bytes.
    parts: BTreeMap<String, Vec<u8>>,
    /// The order the zip lists them in.
    order: Vec<String>,
}

/// A relationship, its target resolved to a part name.
#[derive(Debug)]
struct Rel {
    id: String,
    kind: String,
    target: String,
    external: bool,
}

/// A shape of a slide: its placeholder type (`obj` for a content
/// placeholder without one) and the text of each paragraph.
#[derive(Debug)]
struct Shape {
    placeholder: Option<String>,
    paragraphs: Vec<String>,
}

impl Shape {
    fn text(&self) -> String {
        self.paragraphs.join(" ")
    }
}

impl Package {
    fn open(path: &Path) -> Self {
        let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
        let mut parts = BTreeMap::new();
        let mut order = Vec::new();
        for i in 0..zip.len() {
            let mut file = zip.by_index(i).unwrap();
            let name = file.name().unwrap().to_string();
            let mut data = Vec::new();
            file.read_to_end(&mut data).unwrap();
            order.push(name.clone());
            parts.insert(name, data);
        }
        Self { parts, order }
    }

    fn text(&self, name: &str) -> &str {
        std::str::from_utf8(self.parts.get(name).unwrap_or_else(|| panic!("no part {name}"))).unwrap()
    }

    fn rels(&self, part: &str) -> Vec<Rel> {
        let (folder, file) = part.rsplit_once('/').unwrap_or(("", part));
        let name = if folder.is_empty() {
            format!("_rels/{file}.rels")
        } else {
            format!("{folder}/_rels/{file}.rels")
        };
        let Some(bytes) = self.parts.get(&name) else {
            return Vec::new();
        };
        elements(std::str::from_utf8(bytes).unwrap())
            .into_iter()
            .filter(|(n, _)| n == "Relationship")
            .map(|(_, a)| {
                let external = a.get("TargetMode").is_some_and(|m| m == "External");
                let target = &a["Target"];
                Rel {
                    id: a["Id"].clone(),
                    kind: a["Type"].rsplit('/').next().unwrap().to_owned(),
                    target: if external {
                        target.clone()
                    } else {
                        resolve(part, target)
                    },
                    external,
                }
            })
            .collect()
    }

    /// The slide parts in the presentation's order.
    fn slides(&self) -> Vec<String> {
        let rels = self.rels("ppt/presentation.xml");
        elements(self.text("ppt/presentation.xml"))
            .into_iter()
            .filter(|(n, _)| n == "sldId")
            .map(|(_, a)| {
                rels.iter()
                    .find(|r| r.id == a["r:id"])
                    .expect("slide relationship")
                    .target
                    .clone()
            })
            .collect()
    }

    /// The part a slide's relationship of `kind` leads to.
    fn related(&self, part: &str, kind: &str) -> Option<String> {
        self.rels(part)
            .into_iter()
            .find(|r| r.kind == kind)
            .map(|r| r.target)
    }

    /// The name of the layout a slide is on.
    fn layout_name(&self, slide: &str) -> String {
        let layout = self
            .related(slide, "slideLayout")
            .expect("every slide has a layout");
        elements(self.text(&layout))
            .into_iter()
            .find(|(n, _)| n == "cSld")
            .and_then(|(_, a)| a.get("name").cloned())
            .unwrap_or_default()
    }
}

/// A relationship target relative to its source part's folder.
fn resolve(source: &str, target: &str) -> String {
    if let Some(absolute) = target.strip_prefix('/') {
        return absolute.to_owned();
    }
    let mut path: Vec<&str> = source.split('/').collect();
    path.pop();
    for piece in target.split('/') {
        match piece {
            ".." => {
                path.pop();
            }
            "." => {}
            name => path.push(name),
        }
    }
    path.join("/")
}

/// Every element's local name and attributes, in document order.
fn elements(xml: &str) -> Vec<(String, BTreeMap<String, String>)> {
    let mut reader = Reader::from_str(xml);
    let mut out = Vec::new();
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) | Event::Empty(e) => {
                let attrs = e
                    .attributes()
                    .map(|a| {
                        let a = a.unwrap();
                        let value = quick_xml::escape::unescape(&a.value).unwrap().into_owned();
                        (a.key.as_ref().to_owned(), value)
                    })
                    .collect();
                out.push((e.local_name().as_ref().to_owned(), attrs));
            }
            Event::Eof => return out,
            _ => {}
        }
    }
}

/// The shapes of a slide or notes part with their paragraphs' text.
fn shapes(xml: &str) -> Vec<Shape> {
    let mut reader = Reader::from_str(xml);
    let mut out: Vec<Shape> = Vec::new();
    let mut in_text = false;
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) if e.local_name().as_ref() == "sp" => out.push(Shape {
                placeholder: None,
                paragraphs: Vec::new(),
            }),
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "ph" => {
                let kind = e.try_get_attribute("type").unwrap().map(|a| a.value.into_owned());
                if let Some(shape) = out.last_mut() {
                    shape.placeholder = Some(kind.unwrap_or_else(|| "obj".into()));
                }
            }
            Event::Start(e) if e.local_name().as_ref() == "p" => {
                if let Some(shape) = out.last_mut() {
                    shape.paragraphs.push(String::new());
                }
            }
            Event::Start(e) if e.local_name().as_ref() == "t" => in_text = true,
            Event::End(e) if e.local_name().as_ref() == "t" => in_text = false,
            Event::Text(t) if in_text => push(&mut out, &t),
            Event::GeneralRef(r) if in_text => {
                let name = r.to_string();
                let c = match name.as_str() {
                    "amp" => "&",
                    "lt" => "<",
                    "gt" => ">",
                    "quot" => "\"",
                    "apos" => "'",
                    other => panic!("unexpected entity {other}"),
                };
                push(&mut out, c);
            }
            Event::Eof => return out,
            _ => {}
        }
    }
}

/// Appends text to the last paragraph of the last shape.
fn push(shapes: &mut [Shape], text: &str) {
    if let Some(p) = shapes.last_mut().and_then(|s| s.paragraphs.last_mut()) {
        p.push_str(text);
    }
}

/// Text with every run of spaces made one space.
fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The slide's title text.
fn title_of(shapes: &[Shape]) -> Option<String> {
    shapes
        .iter()
        .find(|s| matches!(s.placeholder.as_deref(), Some("title" | "ctrTitle")))
        .map(Shape::text)
}

/// Every problem of a package: parts without a content type, overrides for
/// parts that are not there, relationships to missing parts.
fn package_problems(p: &Package) -> Vec<String> {
    let mut problems = Vec::new();
    if p.order.first().map(String::as_str) != Some("[Content_Types].xml") {
        problems.push("[Content_Types].xml is not the first entry".into());
    }
    let types = elements(p.text("[Content_Types].xml"));
    let defaults: Vec<String> = types
        .iter()
        .filter(|(n, _)| n == "Default")
        .map(|(_, a)| a["Extension"].to_lowercase())
        .collect();
    let overrides: Vec<String> = types
        .iter()
        .filter(|(n, _)| n == "Override")
        .map(|(_, a)| a["PartName"].trim_start_matches('/').to_owned())
        .collect();
    for part in overrides.iter().filter(|o| !p.parts.contains_key(*o)) {
        problems.push(format!("{part} has a content type but is not in the package"));
    }
    for name in p.parts.keys().filter(|n| *n != "[Content_Types].xml") {
        let ext = name
            .rsplit_once('.')
            .map(|(_, e)| e.to_lowercase())
            .unwrap_or_default();
        if !overrides.contains(name) && !defaults.contains(&ext) {
            problems.push(format!("{name} has no content type"));
        }
        if name.ends_with(".rels") {
            let folder = name.split("_rels/").next().unwrap();
            let source = format!(
                "{folder}{}",
                name.rsplit('/').next().unwrap().trim_end_matches(".rels")
            );
            for r in p.rels(&source) {
                if !r.external && !p.parts.contains_key(&r.target) {
                    problems.push(format!(
                        "{name}: {} leads to {}, which is missing",
                        r.id, r.target
                    ));
                }
            }
        }
    }
    problems
}

/// The language tag of every run (and paragraph end) of a part.
fn run_langs(xml: &str) -> Vec<Option<String>> {
    elements(xml)
        .into_iter()
        .filter(|(n, _)| n == "rPr" || n == "endParaRPr")
        .map(|(_, a)| a.get("lang").cloned())
        .collect()
}

/// The tag a language's runs must carry.
fn office_tag(lang: Lang) -> &'static str {
    match lang {
        Lang::Kk => "kk-KZ",
        Lang::Ru => "ru-RU",
        Lang::En => "en-US",
        Lang::KkLatn => "kk-Latn-KZ",
    }
}

/// Pages of a PDF.
fn pdf_pages(path: &Path) -> usize {
    lopdf::Document::load(path).unwrap().get_pages().len()
}

#[test]
fn every_deck_of_both_examples_has_an_editable_twin_with_the_documents_words() {
    let out = built();
    for root in [example(), tax_example()] {
        let project = load(&root);
        for (audience, lang, doc, pdf, pptx) in decks(&project, out) {
            let name = format!("{audience}/{}", lang.code());
            let p = Package::open(&pptx);
            let slides = p.slides();
            assert_eq!(slides.len(), pdf_pages(&pdf), "{name}: one slide per PDF slide");
            let shown: Vec<Vec<Shape>> = slides.iter().map(|s| shapes(p.text(s))).collect();
            let titles: Vec<String> = shown.iter().map(|s| title_of(s).unwrap_or_default()).collect();
            assert_eq!(
                squash(&titles[0]),
                squash(&doc.title.value),
                "{name}: the title slide"
            );
            let mut at = 1;
            for point in &doc.points {
                // The point's slide and its continuations, in order.
                let first = (at..titles.len())
                    .find(|&i| titles[i].starts_with(point.title.value.as_str()))
                    .unwrap_or_else(|| {
                        panic!("{name}: no slide titled {:?} after slide {at}", point.title.value)
                    });
                let last = (first..titles.len())
                    .take_while(|&i| titles[i].starts_with(point.title.value.as_str()))
                    .last()
                    .unwrap();
                let body: String = shown[first..=last]
                    .iter()
                    .flatten()
                    .filter(|s| s.placeholder.as_deref() != Some("title"))
                    .map(Shape::text)
                    .collect::<Vec<_>>()
                    .join(" ");
                let body = squash(&body);
                for (bullet, _) in bullets(point) {
                    assert!(
                        body.contains(&squash(&bullet)),
                        "{name}: bullet {bullet:?} of `{}` is not on its slides",
                        point.id
                    );
                }
                if let Some((value, label)) = &point.fact {
                    assert!(
                        body.contains(&squash(&value.value)) && body.contains(&squash(&label.value)),
                        "{name}: the fact of `{}`",
                        point.id
                    );
                }
                if let Some(notes) = &point.notes {
                    let page = p
                        .related(&slides[first], "notesSlide")
                        .unwrap_or_else(|| panic!("{name}: `{}` has no notes page", point.id));
                    let text = squash(
                        &shapes(p.text(&page))
                            .iter()
                            .map(Shape::text)
                            .collect::<Vec<_>>()
                            .join(" "),
                    );
                    for para in &notes.rich.paras {
                        assert!(
                            text.contains(&squash(&para.plain_text())),
                            "{name}: notes of `{}`",
                            point.id
                        );
                    }
                }
                at = last + 1;
            }
            let closing = shown.last().unwrap();
            let closing_text = squash(&closing.iter().map(Shape::text).collect::<Vec<_>>().join(" "));
            if let Some(call) = &doc.call_to_action {
                assert_eq!(
                    squash(&titles[titles.len() - 1]),
                    squash(&call.rich.plain_text()),
                    "{name}: the call to action"
                );
            }
            for line in doc.contacts.iter().flat_map(|c| &c.rich.paras) {
                assert!(
                    closing_text.contains(&squash(&line.plain_text())),
                    "{name}: contact {line:?}"
                );
            }
            if let Some(quote) = &doc.quote {
                let text = squash(
                    &shown
                        .iter()
                        .flatten()
                        .map(Shape::text)
                        .collect::<Vec<_>>()
                        .join(" "),
                );
                assert!(
                    text.contains(&squash(&quote.text.rich.plain_text())),
                    "{name}: the quote"
                );
            }
            for (n, slide) in slides.iter().enumerate() {
                let langs = run_langs(p.text(slide));
                assert!(
                    !langs.is_empty() && langs.iter().all(|l| l.as_deref() == Some(office_tag(lang))),
                    "{name}: slide {} runs: {langs:?}",
                    n + 1
                );
            }
            let core = p.text("docProps/core.xml");
            assert!(
                core.contains(&format!("<dc:language>{}</dc:language>", office_tag(lang))),
                "{name}: {core}"
            );
            assert!(
                core.contains(&quick_xml::escape::escape(doc.title.value.as_str()).into_owned()),
                "{name}: the title in the properties"
            );
            let problems = package_problems(&p);
            assert!(problems.is_empty(), "{name}: {problems:#?}");
        }
    }
}

#[test]
fn the_closing_slide_links_the_address_and_its_qr_code_scans() {
    let out = built();
    let project = load(&example());
    let url = project
        .handout
        .url
        .clone()
        .expect("the example has an address")
        .url;
    let (_, _, _, _, pptx) = decks(&project, out).into_iter().next().unwrap();
    let p = Package::open(&pptx);
    let closing = p.slides().pop().unwrap();
    let rels = p.rels(&closing);
    assert!(
        rels.iter()
            .any(|r| r.kind == "hyperlink" && r.external && r.target == url),
        "{rels:?}"
    );
    let xml = p.text(&closing);
    let link_ids: Vec<&str> = rels
        .iter()
        .filter(|r| r.kind == "hyperlink")
        .map(|r| r.id.as_str())
        .collect();
    assert!(
        elements(xml)
            .iter()
            .any(|(n, a)| n == "hlinkClick" && link_ids.contains(&a["r:id"].as_str())),
        "the address is clickable"
    );
    let picture = rels
        .iter()
        .find(|r| r.kind == "image")
        .expect("the QR code is a picture");
    let image = image::load_from_memory(&p.parts[&picture.target])
        .unwrap()
        .to_luma8();
    let (w, h) = (image.width() as usize, image.height() as usize);
    let mut prepared =
        rqrr::PreparedImage::prepare_from_greyscale(w, h, |x, y| image.get_pixel(x as u32, y as u32).0[0]);
    let grids = prepared.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code");
    assert_eq!(grids[0].decode().unwrap().1, url);
}

#[test]
fn building_twice_gives_the_same_bytes() {
    let args = ["--format", "pptx", "--audience", "students", "--lang", "kk"];
    let (a, b) = (build_ok(&example(), &args), build_ok(&example(), &args));
    let file = "constitution-2026/students/constitution-2026-students-kk-deck.pptx";
    let (a, b) = (
        std::fs::read(a.out.join(file)).unwrap(),
        std::fs::read(b.out.join(file)).unwrap(),
    );
    assert!(a.len() > 10_000);
    assert!(a == b, "two builds of one deck differ");
}

#[test]
fn an_audience_can_ask_for_the_editable_deck_alone() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("p");
    copy_dir(&example(), &project);
    let profile = project.join("audiences/students.toml");
    let text = std::fs::read_to_string(&profile).unwrap();
    std::fs::write(
        &profile,
        text.replace(
            "formats = [\"leaflet\", \"deck\", \"notes\"]",
            "formats = [\"pptx\"]",
        ),
    )
    .unwrap();
    let build = build_ok(&project, &["--audience", "students", "--lang", "en"]);
    let folder = build.out.join("constitution-2026/students");
    let names: Vec<String> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["constitution-2026-students-en-deck.pptx"]);
    let manifest = std::fs::read_to_string(build.out.join("manifest.json")).unwrap();
    assert!(
        manifest.contains("\"format\": \"pptx\"") && manifest.contains("-en-deck.pptx"),
        "{manifest}"
    );
}

#[test]
fn a_bullet_too_long_for_one_slide_goes_on_without_a_marker_and_a_picture_sits_beside_the_bullets() {
    let dir = tempfile::tempdir().unwrap();
    let sentence = "Every citizen may read the draft, send written proposals, attend the public hearings in their district and ask the working group for a reasoned answer";
    let long = format!("{}.", [sentence; 12].join(", and then "));
    image::RgbImage::from_pixel(64, 48, image::Rgb([0, 120, 160]))
        .save(dir.path().join("hall.png"))
        .unwrap();
    std::fs::create_dir_all(dir.path().join("audiences")).unwrap();
    std::fs::write(
        dir.path().join("handout.toml"),
        format!(
            "[handout]\nid = \"long\"\nlanguages = [\"en\"]\ntitle = {{ en = \"A long point\" }}\n\n\
             [[point]]\nid = \"drafting\"\ntags = [\"x\"]\ntitle = {{ en = \"How the draft was discussed\" }}\nbody = {{ en = \"Short.\" }}\n\
             bullets = {{ en = [\"Short first bullet\", \"{long}\", \"{long}\"] }}\n\n\
             [[point]]\nid = \"hall\"\ntags = [\"x\"]\ntitle = {{ en = \"The hall\" }}\nbody = {{ en = \"Where we meet.\" }}\nimage = \"hall.png\"\n"
        ),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("audiences/all.toml"),
        "[audience]\nid = \"all\"\nname = { en = \"All\" }\nformats = [\"deck\", \"pptx\"]\n",
    )
    .unwrap();
    let build = build_ok(dir.path(), &[]);
    let pdf = build.out.join("long/all/long-all-en-deck.pdf");
    let p = Package::open(&pdf.with_extension("pptx"));
    let slides = p.slides();
    assert_eq!(slides.len(), pdf_pages(&pdf));
    let point: Vec<String> = slides
        .iter()
        .filter(|s| title_of(&shapes(p.text(s))).is_some_and(|t| t.starts_with("How the draft")))
        .cloned()
        .collect();
    assert!(point.len() >= 2, "the point continues on another slide");
    let body: Vec<String> = point
        .iter()
        .flat_map(|s| {
            shapes(p.text(s))
                .into_iter()
                .filter(|s| s.placeholder.as_deref() == Some("obj"))
                .flat_map(|s| s.paragraphs)
        })
        .collect();
    let joined = squash(&body.join(" "));
    assert!(joined.starts_with("Short first bullet"), "{joined}");
    assert_eq!(
        joined.matches(&squash(&long)).count(),
        2,
        "both long bullets whole across the slides: {joined}"
    );
    let continued = "<a:pPr lvl=\"0\" indent=\"0\"><a:buNone/></a:pPr>";
    let opens_continued = point[1..].iter().any(|s| {
        let xml = p.text(s);
        let body = xml.find("<p:ph idx=\"1\"/>").unwrap();
        xml[body..]
            .find("<a:pPr")
            .map(|i| &xml[body + i..])
            .is_some_and(|rest| rest.starts_with(continued))
    });
    assert!(
        opens_continued,
        "a slide goes on with the rest of a bullet, without a marker"
    );
    assert!(
        p.text(&point[0]).contains("sz=\"1800\""),
        "the bullets at the size the deck shrank them to"
    );
    let hall = slides
        .iter()
        .find(|s| title_of(&shapes(p.text(s))).as_deref() == Some("The hall"))
        .unwrap();
    let image = p.related(hall, "image").expect("the picture is on its slide");
    assert_eq!(p.parts[&image][..8], *b"\x89PNG\r\n\x1a\n");
    let xml = p.text(hall);
    assert!(
        xml.contains("<p:pic>") && xml.contains("<p:ph idx=\"1\"/></p:nvPr></p:nvSpPr><p:spPr><a:xfrm>"),
        "bullets narrowed beside the picture: {xml}"
    );
}

/// The namespaces of PresentationML parts.
const NS: &str = "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" xmlns:p=\"http://schemas.openxmlformats.org/presentationml/2006/main\"";

/// A relationships part.
fn rels_part(rels: &[(&str, &str, &str)]) -> String {
    let list: String = rels
        .iter()
        .map(|(id, kind, target)| {
            format!("<Relationship Id=\"{id}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/{kind}\" Target=\"{target}\"/>")
        })
        .collect();
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">{list}</Relationships>"
    )
}

/// A placeholder shape with a position.
fn placeholder(id: u32, ph: &str, (x, y, w, h): (u32, u32, u32, u32)) -> String {
    format!(
        "<p:sp><p:nvSpPr><p:cNvPr id=\"{id}\" name=\"ph{id}\"/><p:cNvSpPr/><p:nvPr>{ph}</p:nvPr></p:nvSpPr><p:spPr><a:xfrm><a:off x=\"{x}\" y=\"{y}\"/><a:ext cx=\"{w}\" cy=\"{h}\"/></a:xfrm></p:spPr><p:txBody><a:bodyPr/><a:lstStyle/><a:p/></p:txBody></p:sp>"
    )
}

/// Shapes in a tree.
fn tree(shapes: &str) -> String {
    format!(
        "<p:cSld NAME><p:spTree><p:nvGrpSpPr><p:cNvPr id=\"1\" name=\"\"/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr/>{shapes}</p:spTree></p:cSld>"
    )
}

/// An organiser's 4:3 template as PowerPoint saves one (typed as a .potx
/// template, as many are handed around under a .pptx name): a master in the
/// brand's dark red, layouts named "Title Slide", "Title and Content" and
/// "Brand Statement" (no "Two Content", "Quote" or "Section Header"), one
/// sample slide with a picture, and no notes master.
fn organiser_template() -> Vec<u8> {
    let title = placeholder(2, "<p:ph type=\"title\"/>", (457200, 274638, 8229600, 1143000));
    let body = placeholder(3, "<p:ph idx=\"1\"/>", (457200, 1600200, 8229600, 4525963));
    let layouts = [
        (
            "Title Slide",
            "title",
            format!(
                "{}{}",
                placeholder(
                    2,
                    "<p:ph type=\"ctrTitle\"/>",
                    (685800, 2130425, 7772400, 1470025)
                ),
                placeholder(
                    3,
                    "<p:ph type=\"subTitle\" idx=\"1\"/>",
                    (1371600, 3886200, 6400800, 1752600)
                )
            ),
        ),
        ("Title and Content", "obj", format!("{title}{body}")),
        (
            "Brand Statement",
            "cust",
            format!(
                "{title}<p:sp><p:nvSpPr><p:cNvPr id=\"3\" name=\"Statement\"/><p:cNvSpPr/><p:nvPr><p:ph type=\"body\" idx=\"1\"/></p:nvPr></p:nvSpPr><p:spPr/></p:sp>"
            ),
        ),
    ];
    let layout_ids: String = (1..=layouts.len())
        .map(|n| {
            format!(
                "<p:sldLayoutId id=\"{}\" r:id=\"rId{n}\"/>",
                2147483648u64 + n as u64
            )
        })
        .collect();
    let mut parts: Vec<(String, String)> = vec![
        (
            "[Content_Types].xml".into(),
            format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Default Extension=\"png\" ContentType=\"image/png\"/><Override PartName=\"/ppt/presentation.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.presentationml.template.main+xml\"/><Override PartName=\"/ppt/slideMasters/slideMaster1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.presentationml.slideMaster+xml\"/>{}<Override PartName=\"/ppt/slides/slide1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.presentationml.slide+xml\"/><Override PartName=\"/ppt/theme/theme1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.theme+xml\"/></Types>",
                (1..=layouts.len()).map(|n| format!("<Override PartName=\"/ppt/slideLayouts/slideLayout{n}.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.presentationml.slideLayout+xml\"/>")).collect::<String>()
            ),
        ),
        ("_rels/.rels".into(), rels_part(&[("rId1", "officeDocument", "ppt/presentation.xml")])),
        (
            "ppt/presentation.xml".into(),
            format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?><p:presentation {NS}><p:sldMasterIdLst><p:sldMasterId id=\"2147483648\" r:id=\"rId1\"/></p:sldMasterIdLst><p:sldIdLst><p:sldId id=\"256\" r:id=\"rId3\"/></p:sldIdLst><p:sldSz cx=\"9144000\" cy=\"6858000\" type=\"screen4x3\"/><p:notesSz cx=\"6858000\" cy=\"9144000\"/></p:presentation>"),
        ),
        ("ppt/_rels/presentation.xml.rels".into(), rels_part(&[("rId1", "slideMaster", "slideMasters/slideMaster1.xml"), ("rId2", "theme", "theme/theme1.xml"), ("rId3", "slide", "slides/slide1.xml")])),
        (
            "ppt/slideMasters/slideMaster1.xml".into(),
            format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?><p:sldMaster {NS}>{}<p:clrMap bg1=\"lt1\" tx1=\"dk1\" bg2=\"lt2\" tx2=\"dk2\" accent1=\"accent1\" accent2=\"accent2\" accent3=\"accent3\" accent4=\"accent4\" accent5=\"accent5\" accent6=\"accent6\" hlink=\"hlink\" folHlink=\"folHlink\"/><p:sldLayoutIdLst>{layout_ids}</p:sldLayoutIdLst><p:txStyles><p:titleStyle><a:lvl1pPr><a:defRPr sz=\"4400\"/></a:lvl1pPr></p:titleStyle><p:bodyStyle><a:lvl1pPr marL=\"342900\" indent=\"-342900\"><a:buChar char=\"–\"/><a:defRPr sz=\"2800\"/></a:lvl1pPr></p:bodyStyle><p:otherStyle/></p:txStyles></p:sldMaster>", tree(&format!("{title}{body}")).replace(" NAME", "")),
        ),
        (
            "ppt/slideMasters/_rels/slideMaster1.xml.rels".into(),
            rels_part(&[("rId1", "slideLayout", "../slideLayouts/slideLayout1.xml"), ("rId2", "slideLayout", "../slideLayouts/slideLayout2.xml"), ("rId3", "slideLayout", "../slideLayouts/slideLayout3.xml"), ("rId4", "theme", "../theme/theme1.xml")]),
        ),
        (
            "ppt/theme/theme1.xml".into(),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><a:theme xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" name=\"Brand\"><a:themeElements><a:clrScheme name=\"Brand\"><a:dk1><a:srgbClr val=\"000000\"/></a:dk1><a:lt1><a:srgbClr val=\"FFFFFF\"/></a:lt1><a:dk2><a:srgbClr val=\"7A0000\"/></a:dk2><a:lt2><a:srgbClr val=\"F2F2F2\"/></a:lt2><a:accent1><a:srgbClr val=\"C00000\"/></a:accent1><a:accent2><a:srgbClr val=\"404040\"/></a:accent2><a:accent3><a:srgbClr val=\"A5A5A5\"/></a:accent3><a:accent4><a:srgbClr val=\"FFC000\"/></a:accent4><a:accent5><a:srgbClr val=\"5B9BD5\"/></a:accent5><a:accent6><a:srgbClr val=\"70AD47\"/></a:accent6><a:hlink><a:srgbClr val=\"C00000\"/></a:hlink><a:folHlink><a:srgbClr val=\"7A0000\"/></a:folHlink></a:clrScheme><a:fontScheme name=\"Brand\"><a:majorFont><a:latin typeface=\"Georgia\"/><a:ea typeface=\"\"/><a:cs typeface=\"\"/></a:majorFont><a:minorFont><a:latin typeface=\"Verdana\"/><a:ea typeface=\"\"/><a:cs typeface=\"\"/></a:minorFont></a:fontScheme><a:fmtScheme name=\"Brand\"><a:fillStyleLst><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill></a:fillStyleLst><a:lnStyleLst><a:ln/><a:ln/><a:ln/></a:lnStyleLst><a:effectStyleLst><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle></a:effectStyleLst><a:bgFillStyleLst><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill></a:bgFillStyleLst></a:fmtScheme></a:themeElements></a:theme>".into(),
        ),
        (
            "ppt/slides/slide1.xml".into(),
            format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?><p:sld {NS}>{}</p:sld>", tree("<p:sp><p:nvSpPr><p:cNvPr id=\"2\" name=\"t\"/><p:cNvSpPr/><p:nvPr><p:ph type=\"title\"/></p:nvPr></p:nvSpPr><p:spPr/><p:txBody><a:bodyPr/><a:p><a:r><a:t>TEMPLATE SAMPLE SLIDE</a:t></a:r></a:p></p:txBody></p:sp>").replace(" NAME", "")),
        ),
        ("ppt/slides/_rels/slide1.xml.rels".into(), rels_part(&[("rId1", "slideLayout", "../slideLayouts/slideLayout2.xml"), ("rId2", "image", "../media/sample.png")])),
        ("ppt/media/sample.png".into(), "not really a picture".into()),
    ];
    for (n, (name, kind, shapes)) in layouts.iter().enumerate() {
        let n = n + 1;
        parts.push((
            format!("ppt/slideLayouts/slideLayout{n}.xml"),
            format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?><p:sldLayout {NS} type=\"{kind}\">{}</p:sldLayout>", tree(shapes).replace("NAME", &format!("name=\"{name}\""))),
        ));
        parts.push((
            format!("ppt/slideLayouts/_rels/slideLayout{n}.xml.rels"),
            rels_part(&[("rId1", "slideMaster", "../slideMasters/slideMaster1.xml")]),
        ));
    }
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, text) in parts {
        zip.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// A copy of the first example whose theme names `template`, written as
/// `brand.pptx` beside it when given.
fn with_template(template: Option<&[u8]>) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("p");
    copy_dir(&example(), &project);
    std::fs::write(
        project.join("theme.toml"),
        "[deck]\npptx_template = \"brand.pptx\"\n",
    )
    .unwrap();
    if let Some(bytes) = template {
        std::fs::write(project.join("brand.pptx"), bytes).unwrap();
    }
    (dir, project)
}

#[test]
fn an_organisers_template_is_used_by_its_layout_names_and_a_missing_layout_falls_back_with_a_warning() {
    let (_dir, project) = with_template(Some(&organiser_template()));
    let build = build_ok(
        &project,
        &[
            "--format",
            "deck,pptx",
            "--audience",
            "entrepreneurs",
            "--lang",
            "ru",
        ],
    );
    let stderr = build.stderr();
    assert!(stderr.contains("has no layout named \"Two Content\""), "{stderr}");
    assert!(
        stderr.contains("has no layout named \"Quote\"")
            && stderr.contains("has no layout named \"Section Header\""),
        "{stderr}"
    );
    assert!(
        stderr.contains("theme.toml:2:"),
        "the warning points at the template's name: {stderr}"
    );
    let pdf = build
        .out
        .join("constitution-2026/entrepreneurs/constitution-2026-entrepreneurs-ru-deck.pdf");
    let p = Package::open(&pdf.with_extension("pptx"));
    let slides = p.slides();
    assert_eq!(slides.len(), pdf_pages(&pdf));
    assert_eq!(p.layout_name(&slides[0]), "Title Slide");
    assert_eq!(p.layout_name(&slides[1]), "Title and Content");
    for slide in &slides {
        let name = p.layout_name(slide);
        assert!(
            ["Title Slide", "Title and Content"].contains(&name.as_str()),
            "{slide} is on {name}"
        );
        assert!(
            !p.text(slide).contains("Noto Sans"),
            "the organiser's fonts rule their template"
        );
    }
    let themes: String = p
        .parts
        .keys()
        .filter(|k| k.starts_with("ppt/theme/"))
        .map(|k| p.text(k))
        .collect();
    assert!(
        themes.contains("C00000") && themes.contains("Georgia"),
        "the organiser's colours and fonts"
    );
    assert!(
        elements(p.text("ppt/presentation.xml"))
            .iter()
            .any(|(n, a)| n == "sldSz" && a["cx"] == "9144000"),
        "the template's 4:3 size"
    );
    let layouts: Vec<String> = p
        .parts
        .keys()
        .filter(|k| k.starts_with("ppt/slideLayouts/slideLayout"))
        .map(|k| p.text(k).to_owned())
        .collect();
    assert!(
        layouts.iter().any(|l| l.contains("Brand Statement")),
        "the template's own layouts stay for the organiser"
    );
    let everything: String = p
        .parts
        .iter()
        .filter(|(k, _)| k.ends_with(".xml"))
        .map(|(k, _)| p.text(k))
        .collect();
    assert!(
        !everything.contains("TEMPLATE SAMPLE SLIDE") && !p.parts.contains_key("ppt/media/sample.png"),
        "the template's own slides are gone"
    );
    let project_doc = load(&project);
    let doc = tailor(
        &project_doc,
        project_doc.audience("entrepreneurs").unwrap(),
        Lang::Ru,
    );
    let texts: String = slides
        .iter()
        .flat_map(|s| shapes(p.text(s)))
        .map(|s| s.text())
        .collect::<Vec<_>>()
        .join(" ");
    for point in &doc.points {
        assert!(texts.contains(&point.title.value), "{:?}", point.title.value);
        for (bullet, _) in bullets(point) {
            assert!(squash(&texts).contains(&squash(&bullet)), "{bullet:?}");
        }
    }
    let noted = doc.points.iter().filter(|p| p.notes.is_some()).count();
    let pages = slides
        .iter()
        .filter(|s| p.related(s, "notesSlide").is_some())
        .count();
    assert!(
        noted > 0 && pages >= noted,
        "notes pages on a template without a notes master"
    );
    let types = elements(p.text("[Content_Types].xml"));
    let main = types
        .iter()
        .find(|(_, a)| a.get("PartName").is_some_and(|n| n == "/ppt/presentation.xml"))
        .unwrap();
    assert!(
        main.1["ContentType"].ends_with("presentation.main+xml"),
        "a presentation, not a template: {main:?}"
    );
    let problems = package_problems(&p);
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn a_template_that_cannot_be_used_is_an_error_at_its_name_and_no_deck_is_written() {
    let mut no_layouts = Vec::new();
    {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(&mut no_layouts));
        let options = zip::write::SimpleFileOptions::default();
        zip.start_file("[Content_Types].xml", options).unwrap();
        zip.write_all(b"<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Override PartName=\"/ppt/presentation.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml\"/></Types>").unwrap();
        zip.start_file("_rels/.rels", options).unwrap();
        zip.write_all(rels_part(&[("rId1", "officeDocument", "ppt/presentation.xml")]).as_bytes())
            .unwrap();
        zip.start_file("ppt/presentation.xml", options).unwrap();
        zip.write_all(
            format!("<p:presentation {NS}><p:sldSz cx=\"9144000\" cy=\"6858000\"/></p:presentation>")
                .as_bytes(),
        )
        .unwrap();
        zip.finish().unwrap();
    }
    let cases: [(Option<&[u8]>, &str); 3] = [
        (None, "file not found"),
        (Some(b"PK\x03\x04 this is no zip"), "not a zip archive"),
        (Some(&no_layouts), "no slide layouts"),
    ];
    for (bytes, reason) in cases {
        let (_dir, project) = with_template(bytes);
        let build = build_into(
            &project,
            &[
                "--format",
                "leaflet,pptx",
                "--audience",
                "students",
                "--lang",
                "en",
            ],
        );
        let stderr = build.stderr();
        assert_eq!(build.output.status.code(), Some(1), "{stderr}");
        assert!(
            stderr.contains("theme.toml:2:") && stderr.contains(reason),
            "{reason}: {stderr}"
        );
        assert!(
            !stderr.contains("internal error") && !stderr.contains("panicked"),
            "{stderr}"
        );
        let folder = build.out.join("constitution-2026/students");
        let written: Vec<String> = std::fs::read_dir(&folder)
            .map(|d| {
                d.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        assert!(
            written
                .iter()
                .all(|n| !n.ends_with(".pptx") && !n.contains(".tmp")),
            "{reason}: {written:?}"
        );
    }
}
