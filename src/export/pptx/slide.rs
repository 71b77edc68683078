//! One slide's part and its notes page: each piece of the slide's content
//! in its layout's placeholder (or, where the layout has none, in a text
//! box where the built-in design puts it), pictures and the QR code as
//! pictures, links as relationships.

use std::collections::BTreeMap;

use crate::base::rich::{Para, Rich};
use crate::project::{Picture, PictureKind, WebAddress};
use crate::typeset::deck::{SlideBullet, SlideContent, SlideFact, SlideInfo};

use super::builtin::{SHAPE_TREE_START, xfrm};
use super::design::{COLUMN_GAP, Design, Frame, PICTURE_SHARE};
use super::package::{Relationship, rel};
use super::template::{Layout, Placeholder};
use super::xml::{NAMESPACES, Xml, emu};

/// What every slide of a deck shares.
pub struct Context<'a> {
    /// The language tag of every run (`kk-KZ`).
    pub lang: &'static str,
    /// Families named in the runs (sans, serif), when the template is ours.
    pub fonts: Option<(&'a str, &'a str)>,
    /// The built-in design at the template's slide size.
    pub design: Design,
    /// The theme's bullet size, to tell a shrunk slide from the others.
    pub body_size: f32,
    /// The colour of QR code modules.
    pub qr_dark: crate::base::Color,
    /// The template's slide width over the PDF deck's: a big number set to
    /// fit its column on the PDF slide must fit a narrower column here.
    pub scale: f32,
}

/// The relationships of a part being written.
#[derive(Debug, Default)]
pub struct Rels {
    /// In order of first use.
    pub list: Vec<Relationship>,
}

impl Rels {
    /// The id of a relationship to `target`, added on first use.
    pub fn id(&mut self, kind: &str, target: &str, external: bool) -> String {
        if let Some(r) = self.list.iter().find(|r| r.kind == kind && r.target == target) {
            return r.id.clone();
        }
        let id = format!("rId{}", self.list.len() + 1);
        self.list.push(Relationship {
            id: id.clone(),
            kind: kind.to_owned(),
            target: target.to_owned(),
            external,
        });
        id
    }
}

/// Pictures of the deck, each stored once however many slides show it.
#[derive(Debug, Default)]
pub struct Media {
    /// Part name by what the picture is (its file, or a QR code's address).
    names: BTreeMap<String, String>,
    /// The parts, in order of first use.
    pub parts: Vec<(String, Vec<u8>)>,
    /// Part names the template already uses.
    taken: std::collections::BTreeSet<String>,
}

impl Media {
    /// No pictures yet, none named like a part of the template.
    pub fn new(taken: std::collections::BTreeSet<String>) -> Self {
        Self {
            taken,
            ..Self::default()
        }
    }

    /// The part name of a picture, stored on first use; `make` gives its bytes.
    fn part(&mut self, key: String, ext: &str, make: impl FnOnce() -> Vec<u8>) -> String {
        if let Some(name) = self.names.get(&key) {
            return name.clone();
        }
        let name = (1..)
            .map(|n| format!("ppt/media/image{n}.{ext}"))
            .find(|n| !self.taken.contains(n))
            .expect("some number is free");
        self.taken.insert(name.clone());
        self.parts.push((name.clone(), make()));
        self.names.insert(key, name.clone());
        name
    }
}

/// How a paragraph begins.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Start {
    /// With the placeholder's bullet, at the first level.
    Bullet,
    /// Where a bullet's text would start, without a marker: a bullet
    /// going on from the previous slide.
    Continued,
    /// Flush, without a marker.
    Plain,
}

/// A run of text and what it sets over its placeholder's style.
#[derive(Debug, Clone, Default)]
struct Run {
    /// The words.
    text: String,
    /// Bold.
    bold: bool,
    /// Italic.
    italic: bool,
    /// Size in points.
    size: Option<f32>,
    /// A scheme colour name.
    color: Option<&'static str>,
    /// Set in the serif family (quotes), when fonts are named.
    serif: bool,
    /// A web address the run links to.
    link: Option<String>,
}

impl Run {
    /// Plain words.
    fn plain(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            ..Self::default()
        }
    }
}

/// A paragraph.
#[derive(Debug, Clone)]
struct Paragraph {
    /// How it begins.
    start: Start,
    /// Its runs.
    runs: Vec<Run>,
}

impl Paragraph {
    /// One run, flush.
    fn plain(run: Run) -> Self {
        Self {
            start: Start::Plain,
            runs: vec![run],
        }
    }

    /// A rich paragraph's spans as runs, flush.
    fn rich(para: &Para, style: &Run) -> Self {
        let runs = para
            .spans
            .iter()
            .map(|span| Run {
                text: span.text.clone(),
                bold: style.bold || span.bold,
                italic: style.italic || span.italic,
                link: span.link.clone(),
                ..style.clone()
            })
            .collect();
        Self {
            start: Start::Plain,
            runs,
        }
    }
}

/// Every paragraph of rich text, flush.
fn rich_paragraphs(rich: &Rich, style: &Run) -> Vec<Paragraph> {
    rich.paras.iter().map(|p| Paragraph::rich(p, style)).collect()
}

/// The parts of a slide's text bodies, in the order of the layout's text
/// placeholders, each with the frame the built-in design gives it.
type Bodies = Vec<(Vec<Paragraph>, Frame)>;

/// A slide being written.
pub struct Slide<'a> {
    /// The deck's settings.
    cx: &'a Context<'a>,
    /// The shapes so far.
    shapes: Xml,
    /// The next shape id (1 is the shape tree).
    next_id: u32,
    /// Its relationships.
    pub rels: Rels,
}

impl<'a> Slide<'a> {
    /// A slide on `layout`, whose part is `layout_target` from the slide.
    pub fn new(cx: &'a Context<'a>, layout_target: &str) -> Self {
        let mut rels = Rels::default();
        rels.id(rel::LAYOUT, layout_target, false);
        Self {
            cx,
            shapes: Xml::fragment(),
            next_id: 2,
            rels,
        }
    }

    /// Fills the slide with `info` on `layout`; pictures go into `media`.
    pub fn fill(&mut self, info: &SlideInfo, layout: &Layout, media: &mut Media) {
        let d = self.cx.design;
        let title_frame = match &info.content {
            SlideContent::Title { .. } => d.cover_title(),
            SlideContent::Quote { .. } => d.quote_label(),
            SlideContent::Closing { .. } => d.closing_title(),
            SlideContent::Point { .. } => d.title(),
        };
        let title = match &info.content {
            SlideContent::Closing { call: Some(call), .. } => rich_paragraphs(&call.rich, &Run::default()),
            _ => vec![Paragraph::plain(Run::plain(&info.title))],
        };
        self.text(layout.title(), title, title_frame, None);
        let bodies = self.bodies(&info.content, media);
        let placeholders = layout.texts();
        // Too few placeholders for the content: every part in a box of its
        // own, so none lands on top of another.
        let fits = placeholders.len() >= bodies.len();
        let picture = matches!(
            &info.content,
            SlideContent::Point {
                image: Some(_),
                fact: None,
                ..
            }
        );
        for (n, (paragraphs, frame)) in bodies.into_iter().enumerate() {
            let placeholder = placeholders.get(n).copied().filter(|_| fits);
            // Beside a picture the bullets keep the left of their frame.
            let narrowed = picture.then(|| {
                placeholder
                    .and_then(|p| p.frame)
                    .unwrap_or(frame)
                    .left_part(1.0 - PICTURE_SHARE, emu(COLUMN_GAP))
            });
            self.text(placeholder, paragraphs, frame, narrowed);
        }
        if let SlideContent::Point {
            image: Some(image),
            fact: None,
            ..
        } = &info.content
        {
            let area = placeholders
                .first()
                .and_then(|p| p.frame)
                .filter(|_| fits)
                .unwrap_or(d.body())
                .right_part(PICTURE_SHARE, emu(COLUMN_GAP));
            self.picture(media, image, area, &info.title);
        }
        if let Some(footer) = &info.footer {
            let run = Run::plain(footer);
            self.text(layout.footer(), vec![Paragraph::plain(run)], d.footer(), None);
        }
    }

    /// The text bodies of a slide by its role, and the pictures of the title
    /// and closing slides.
    fn bodies(&mut self, content: &SlideContent, media: &mut Media) -> Bodies {
        let d = self.cx.design;
        match content {
            SlideContent::Title {
                subtitle,
                audience,
                details,
                logo,
            } => {
                if let Some(logo) = logo {
                    self.picture(media, logo, d.logo(), "");
                }
                let mut paragraphs: Vec<Paragraph> = subtitle
                    .iter()
                    .map(|s| Paragraph::plain(Run::plain(&s.value)))
                    .collect();
                paragraphs.push(Paragraph::plain(Run {
                    bold: true,
                    size: Some(26.0),
                    color: Some("accent2"),
                    ..Run::plain(&audience.value)
                }));
                if !details.is_empty() {
                    paragraphs.push(Paragraph::plain(Run {
                        size: Some(18.0),
                        ..Run::plain(details.join("  ·  "))
                    }));
                }
                vec![(paragraphs, d.cover_details())]
            }
            SlideContent::Point {
                bullets, size, fact, ..
            } => {
                let shrunk = (*size < self.cx.body_size).then_some(*size);
                let bullets = (bullet_paragraphs(bullets, shrunk), d.body());
                match fact {
                    Some(fact) => {
                        let number = fact_paragraphs(fact, self.cx.scale);
                        vec![(number, d.fact()), (bullets.0, d.beside_fact())]
                    }
                    None => vec![bullets],
                }
            }
            SlideContent::Quote { text, author } => {
                let words = Run {
                    serif: true,
                    ..Run::default()
                };
                let mut bodies = vec![(vec![Paragraph::rich(&text.rich.line(), &words)], d.quote())];
                if let Some(author) = author {
                    let line = Paragraph::plain(Run::plain(format!("— {}", author.value)));
                    bodies.push((vec![line], d.quote_author()));
                }
                bodies
            }
            SlideContent::Closing { contacts, url, .. } => {
                let mut paragraphs = contacts
                    .as_ref()
                    .map(|c| rich_paragraphs(&c.rich, &Run::default()))
                    .unwrap_or_default();
                if let Some(url) = url {
                    self.qr(media, url);
                    paragraphs.push(Paragraph::plain(Run {
                        bold: true,
                        size: Some(24.0),
                        link: Some(url.url.clone()),
                        ..Run::plain(url.url.trim_start_matches("https://"))
                    }));
                }
                vec![(paragraphs, d.closing_body())]
            }
        }
    }

    /// A text shape: in `placeholder` when there is one (at `moved` if
    /// given), else a text box at `frame`. Nothing is written for no text.
    fn text(
        &mut self,
        placeholder: Option<&Placeholder>,
        paragraphs: Vec<Paragraph>,
        frame: Frame,
        moved: Option<Frame>,
    ) {
        if paragraphs
            .iter()
            .all(|p| p.runs.iter().all(|r| r.text.trim().is_empty()))
        {
            return;
        }
        let id = self.next_id.to_string();
        self.next_id += 1;
        let body = self.paragraphs(&paragraphs, placeholder.is_none());
        let x = &mut self.shapes;
        x.open("p:sp", &[]).open("p:nvSpPr", &[]);
        match placeholder {
            Some(p) => {
                x.empty("p:cNvPr", &[("id", &id), ("name", &format!("Placeholder {id}"))]);
                x.raw("<p:cNvSpPr><a:spLocks noGrp=\"1\"/></p:cNvSpPr>");
                let mut attrs = Vec::new();
                if let Some(kind) = &p.kind {
                    attrs.push(("type", kind.as_str()));
                }
                if let Some(idx) = &p.idx {
                    attrs.push(("idx", idx.as_str()));
                }
                x.open("p:nvPr", &[])
                    .empty("p:ph", &attrs)
                    .close("p:nvPr")
                    .close("p:nvSpPr");
                match moved {
                    Some(f) => x.raw(&format!("<p:spPr>{}</p:spPr>", xfrm(f))),
                    None => x.raw("<p:spPr/>"),
                };
                x.raw("<p:txBody><a:bodyPr><a:normAutofit/></a:bodyPr><a:lstStyle/>");
            }
            None => {
                x.empty("p:cNvPr", &[("id", &id), ("name", &format!("Text {id}"))]);
                x.raw("<p:cNvSpPr txBox=\"1\"/><p:nvPr/></p:nvSpPr>");
                x.raw(&format!(
                    "<p:spPr>{}<a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom><a:noFill/></p:spPr>",
                    xfrm(moved.unwrap_or(frame))
                ));
                x.raw("<p:txBody><a:bodyPr wrap=\"square\" lIns=\"0\" tIns=\"0\" rIns=\"0\" bIns=\"0\"><a:normAutofit/></a:bodyPr><a:lstStyle/>");
            }
        }
        x.raw(&body).raw("</p:txBody></p:sp>");
    }

    /// Paragraphs as DrawingML, links added to the slide's relationships.
    fn paragraphs(&mut self, paragraphs: &[Paragraph], in_box: bool) -> String {
        paragraph_markup(paragraphs, self.cx, &mut self.rels, in_box)
    }

    /// A picture fitted into `area` (top right), described by `alt`.
    fn picture(&mut self, media: &mut Media, picture: &Picture, area: Frame, alt: &str) {
        let ext = match picture.kind {
            PictureKind::Png => "png",
            PictureKind::Jpeg => "jpeg",
        };
        let part = media.part(picture.path.display().to_string(), ext, || picture.bytes.to_vec());
        let frame = area.fit_right(picture.aspect());
        self.pic(&part, frame, alt, None);
    }

    /// The QR code of the web address, which also links to it.
    fn qr(&mut self, media: &mut Media, url: &WebAddress) {
        let dark = self.cx.qr_dark;
        let part = media.part(format!("qr {}", url.url), "png", || qr_png(&url.qr, dark));
        let link = self.rels.id(rel::HYPERLINK, &url.url, true);
        self.pic(
            &part,
            self.cx.design.qr(),
            &format!("QR code: {}", url.url),
            Some(&link),
        );
    }

    /// A picture shape showing the media part `part`.
    fn pic(&mut self, part: &str, frame: Frame, alt: &str, link: Option<&str>) {
        let embed = self.rels.id(
            rel::IMAGE,
            &format!("../media/{}", part.trim_start_matches("ppt/media/")),
            false,
        );
        let id = self.next_id.to_string();
        self.next_id += 1;
        let x = &mut self.shapes;
        x.open("p:pic", &[]).open("p:nvPicPr", &[]);
        x.open(
            "p:cNvPr",
            &[("id", &id), ("name", &format!("Picture {id}")), ("descr", alt)],
        );
        if let Some(link) = link {
            x.empty("a:hlinkClick", &[("r:id", link)]);
        }
        x.close("p:cNvPr");
        x.raw("<p:cNvPicPr><a:picLocks noChangeAspect=\"1\"/></p:cNvPicPr><p:nvPr/></p:nvPicPr>");
        x.raw(&format!(
            "<p:blipFill><a:blip r:embed=\"{embed}\"/><a:stretch><a:fillRect/></a:stretch></p:blipFill><p:spPr>{}<a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></p:spPr></p:pic>",
            xfrm(frame)
        ));
    }

    /// The slide part.
    pub fn finish(self) -> String {
        part("p:sld", &self.shapes.finish())
    }
}

/// A slide-like part with its shapes.
fn part(root: &str, shapes: &str) -> String {
    let mut xml = Xml::part();
    xml.open(root, &NAMESPACES);
    xml.raw("<p:cSld><p:spTree>").raw(SHAPE_TREE_START).raw(shapes);
    xml.raw("</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr>");
    xml.close(root);
    xml.finish()
}

/// The notes page of a slide: the slide's picture and the notes under it.
pub fn notes_page(notes: &Rich, cx: &Context<'_>, rels: &mut Rels) -> String {
    let body = paragraph_markup(&rich_paragraphs(notes, &Run::default()), cx, rels, false);
    let shapes = format!(
        "<p:sp><p:nvSpPr><p:cNvPr id=\"2\" name=\"Slide Image\"/><p:cNvSpPr><a:spLocks noGrp=\"1\" noRot=\"1\" noChangeAspect=\"1\"/></p:cNvSpPr><p:nvPr><p:ph type=\"sldImg\"/></p:nvPr></p:nvSpPr><p:spPr/></p:sp><p:sp><p:nvSpPr><p:cNvPr id=\"3\" name=\"Notes\"/><p:cNvSpPr><a:spLocks noGrp=\"1\"/></p:cNvSpPr><p:nvPr><p:ph type=\"body\" idx=\"1\"/></p:nvPr></p:nvSpPr><p:spPr/><p:txBody><a:bodyPr/><a:lstStyle/>{body}</p:txBody></p:sp>"
    );
    part("p:notes", &shapes)
}

/// Bullets as paragraphs at the first level; a continued bullet without
/// its marker. `size` when the deck shrank them to fit.
fn bullet_paragraphs(bullets: &[SlideBullet], size: Option<f32>) -> Vec<Paragraph> {
    bullets
        .iter()
        .map(|b| Paragraph {
            start: if b.continued {
                Start::Continued
            } else {
                Start::Bullet
            },
            runs: vec![Run {
                size,
                ..Run::plain(&b.text)
            }],
        })
        .collect()
}

/// The big number in the brand colour and its label under it, the number
/// at its PDF size times `scale`.
fn fact_paragraphs(fact: &SlideFact, scale: f32) -> Vec<Paragraph> {
    let number = Run {
        bold: true,
        size: Some((fact.size * scale.min(1.0)).floor()),
        color: Some("accent1"),
        ..Run::plain(&fact.value.value)
    };
    let label = Run {
        size: Some(24.0),
        ..Run::plain(&fact.label.value)
    };
    vec![Paragraph::plain(number), Paragraph::plain(label)]
}

/// Hanging indent of bullets in a text box, which has no outline style to
/// inherit one from: a quarter inch, as PowerPoint's own.
const BOX_INDENT: &str = "228600";

/// Paragraphs as DrawingML: every run in the deck's language, with the
/// theme's families when the template is ours. In a text box (`in_box`)
/// bullets carry their own marker and indent.
fn paragraph_markup(paragraphs: &[Paragraph], cx: &Context<'_>, rels: &mut Rels, in_box: bool) -> String {
    let mut x = Xml::fragment();
    for p in paragraphs {
        x.open("a:p", &[]);
        match (p.start, in_box) {
            (Start::Bullet, false) => x.empty("a:pPr", &[("lvl", "0")]),
            (Start::Continued, false) => x.raw("<a:pPr lvl=\"0\" indent=\"0\"><a:buNone/></a:pPr>"),
            (Start::Bullet, true) => x.raw(&format!(
                "<a:pPr lvl=\"0\" marL=\"{BOX_INDENT}\" indent=\"-{BOX_INDENT}\"><a:buChar char=\"•\"/></a:pPr>"
            )),
            (Start::Continued, true) => {
                x.raw(&format!("<a:pPr lvl=\"0\" marL=\"{BOX_INDENT}\" indent=\"0\"><a:buNone/></a:pPr>"))
            }
            (Start::Plain, _) => x.raw("<a:pPr marL=\"0\" indent=\"0\"><a:buNone/></a:pPr>"),
        };
        let mut last_size = None;
        for run in p.runs.iter().filter(|r| !r.text.is_empty()) {
            let size = run.size.map(|s| ((s * 100.0).round() as u32).to_string());
            last_size = size.clone();
            let mut attrs = vec![("lang", cx.lang)];
            if let Some(size) = &size {
                attrs.push(("sz", size));
            }
            if run.bold {
                attrs.push(("b", "1"));
            }
            if run.italic {
                attrs.push(("i", "1"));
            }
            attrs.push(("dirty", "0"));
            x.open("a:r", &[]).open("a:rPr", &attrs);
            if let Some(color) = run.color {
                x.raw(&format!(
                    "<a:solidFill><a:schemeClr val=\"{color}\"/></a:solidFill>"
                ));
            }
            if let Some((sans, serif)) = cx.fonts {
                let family = if run.serif { serif } else { sans };
                x.empty("a:latin", &[("typeface", family)])
                    .empty("a:cs", &[("typeface", family)]);
            }
            if let Some(link) = &run.link {
                let id = rels.id(rel::HYPERLINK, link, true);
                x.empty("a:hlinkClick", &[("r:id", &id)]);
            }
            x.close("a:rPr").leaf("a:t", &[], &run.text).close("a:r");
        }
        let mut end = vec![("lang", cx.lang)];
        if let Some(size) = &last_size {
            end.push(("sz", size));
        }
        x.empty("a:endParaRPr", &end).close("a:p");
    }
    x.finish()
}

/// Pixels per module of a QR code picture: sharp when projected large.
const QR_MODULE_PX: u32 = 12;

/// A QR code as a PNG: dark modules on white, with the quiet zone the PDF
/// slide draws.
fn qr_png(modules: &[Vec<bool>], dark: crate::base::Color) -> Vec<u8> {
    let quiet = crate::typeset::qr::QUIET as u32;
    let n = modules.len() as u32;
    let side = (n + 2 * quiet) * QR_MODULE_PX;
    let image = image::RgbImage::from_fn(side, side, |x, y| {
        let (mx, my) = (x / QR_MODULE_PX, y / QR_MODULE_PX);
        let on = mx >= quiet
            && my >= quiet
            && modules
                .get((my - quiet) as usize)
                .and_then(|row| row.get((mx - quiet) as usize))
                .copied()
                .unwrap_or(false);
        if on {
            image::Rgb([dark.r, dark.g, dark.b])
        } else {
            image::Rgb([255, 255, 255])
        }
    });
    let mut bytes = Vec::new();
    image
        .write_to(&mut std::io::Cursor::new(&mut bytes), image::ImageFormat::Png)
        .expect("encoding a picture in memory cannot fail");
    bytes
}
