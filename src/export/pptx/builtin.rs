//! The built-in template, written from the theme: a slide master whose
//! colour scheme is the theme's palette and whose fonts are its families,
//! with the layouts PowerPoint users know by name (Title Slide, Title and
//! Content, Two Content, Section Header, Quote, Title Only, Blank) drawn from
//! the [`Design`]. An organiser who edits the colour scheme or fonts in
//! PowerPoint recolours every slide.

use crate::base::Color;
use crate::theme::Theme;

use super::design::{Design, Frame};
use super::package::{Package, Relationship, kind, rel};
use super::xml::{NAMESPACES, Xml, emu};

/// Notes pages are portrait A4-ish, as PowerPoint's own.
pub const NOTES_SIZE: (i64, i64) = (6_858_000, 9_144_000);

/// White, for text on the brand band.
const WHITE: &str = "FFFFFF";

/// `RRGGBB`.
pub fn hex(c: Color) -> String {
    format!("{:02X}{:02X}{:02X}", c.r, c.g, c.b)
}

/// The built-in template's parts for a slide of `cx` × `cy` EMU.
pub fn package(theme: &Theme, cx: i64, cy: i64) -> Package {
    let design = Design::for_slide(cx, cy);
    let mut package = Package::default();
    package.defaults.insert("rels".into(), kind::RELS.into());
    package.defaults.insert("xml".into(), "application/xml".into());
    let layouts = layouts(theme, &design);
    package.put(
        "ppt/presentation.xml",
        kind::PRESENTATION,
        presentation(cx, cy).into_bytes(),
    );
    let master = "ppt/slideMasters/slideMaster1.xml";
    package.put_relationships("", &[link("rId1", rel::DOCUMENT, "ppt/presentation.xml")]);
    package.put_relationships(
        "ppt/presentation.xml",
        &[
            link("rId1", rel::MASTER, "slideMasters/slideMaster1.xml"),
            link("rId2", rel::THEME, "theme/theme1.xml"),
            link("rId3", rel::PRES_PROPS, "presProps.xml"),
            link("rId4", rel::VIEW_PROPS, "viewProps.xml"),
            link("rId5", rel::TABLE_STYLES, "tableStyles.xml"),
        ],
    );
    package.put(
        "ppt/theme/theme1.xml",
        kind::THEME,
        theme_part("Handout", theme).into_bytes(),
    );
    package.put(
        master,
        kind::MASTER,
        slide_master(theme, &design, layouts.len()).into_bytes(),
    );
    let mut master_rels: Vec<Relationship> = (1..=layouts.len())
        .map(|n| {
            link(
                &format!("rId{n}"),
                rel::LAYOUT,
                &format!("../slideLayouts/slideLayout{n}.xml"),
            )
        })
        .collect();
    master_rels.push(link(
        &format!("rId{}", layouts.len() + 1),
        rel::THEME,
        "../theme/theme1.xml",
    ));
    package.put_relationships(master, &master_rels);
    for (n, layout) in layouts.into_iter().enumerate() {
        let name = format!("ppt/slideLayouts/slideLayout{}.xml", n + 1);
        package.put(&name, kind::LAYOUT, layout.into_bytes());
        package.put_relationships(
            &name,
            &[link("rId1", rel::MASTER, "../slideMasters/slideMaster1.xml")],
        );
    }
    let props = |root: &str| format!("{}<{root} {}/>", super::xml::DECLARATION, namespaces());
    package.put(
        "ppt/presProps.xml",
        kind::PRES_PROPS,
        props("p:presentationPr").into_bytes(),
    );
    package.put(
        "ppt/viewProps.xml",
        kind::VIEW_PROPS,
        VIEW_PROPS.as_bytes().to_vec(),
    );
    package.put(
        "ppt/tableStyles.xml",
        kind::TABLE_STYLES,
        TABLE_STYLES.as_bytes().to_vec(),
    );
    package
}

/// The notes master and its theme, for decks whose template has none.
pub fn notes_master(theme: &Theme, cx: i64, cy: i64) -> (String, String) {
    let (w, h) = NOTES_SIZE;
    // The slide picture across the top, in the slide's proportions.
    let image_w = w - 2 * 381_000;
    let image_h = (image_w as f64 * cy as f64 / cx as f64).round() as i64;
    let image = Frame {
        x: 381_000,
        y: 685_800,
        w: image_w,
        h: image_h,
    };
    let body_y = image.y + image.h + 457_200;
    let body = Frame {
        x: 685_800,
        y: body_y,
        w: w - 2 * 685_800,
        h: h - body_y - 685_800,
    };
    let mut xml = Xml::part();
    xml.raw(&format!("<p:notesMaster {}>", namespaces()));
    xml.raw("<p:cSld><p:bg><p:bgPr><a:solidFill><a:schemeClr val=\"bg1\"/></a:solidFill><a:effectLst/></p:bgPr></p:bg><p:spTree>");
    xml.raw(SHAPE_TREE_START);
    xml.raw(&format!(
        "<p:sp><p:nvSpPr><p:cNvPr id=\"2\" name=\"Slide Image Placeholder 1\"/><p:cNvSpPr><a:spLocks noGrp=\"1\" noRot=\"1\" noChangeAspect=\"1\"/></p:cNvSpPr><p:nvPr><p:ph type=\"sldImg\" idx=\"2\"/></p:nvPr></p:nvSpPr><p:spPr>{}<a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom><a:noFill/><a:ln w=\"12700\"><a:solidFill><a:schemeClr val=\"tx1\"/></a:solidFill></a:ln></p:spPr></p:sp>",
        xfrm(image)
    ));
    xml.raw(&placeholder(
        3,
        "Notes Placeholder 2",
        &[("type", "body"), ("sz", "quarter"), ("idx", "3")],
        body,
        "<a:bodyPr/>",
        "",
    ));
    xml.raw("</p:spTree></p:cSld>");
    xml.raw(CLR_MAP);
    xml.raw(&format!(
        "<p:notesStyle><a:lvl1pPr marL=\"0\" algn=\"l\">{}</a:lvl1pPr></p:notesStyle></p:notesMaster>",
        default_run(1200, false, "tx1", "+mn")
    ));
    (xml.finish(), theme_part("Handout notes", theme))
}

/// A relationship inside the package.
fn link(id: &str, kind: &str, target: &str) -> Relationship {
    Relationship {
        id: id.into(),
        kind: kind.into(),
        target: target.into(),
        external: false,
    }
}

/// The namespace declarations of slide-like parts.
fn namespaces() -> String {
    NAMESPACES
        .iter()
        .map(|(k, v)| format!("{k}=\"{v}\""))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The presentation with its master and no slides yet.
fn presentation(cx: i64, cy: i64) -> String {
    let (nx, ny) = NOTES_SIZE;
    format!(
        "{}<p:presentation {} saveSubsetFonts=\"1\"><p:sldMasterIdLst><p:sldMasterId id=\"2147483648\" r:id=\"rId1\"/></p:sldMasterIdLst><p:sldSz cx=\"{cx}\" cy=\"{cy}\"/><p:notesSz cx=\"{nx}\" cy=\"{ny}\"/></p:presentation>",
        super::xml::DECLARATION,
        namespaces()
    )
}

/// The colour mapping of master and notes master: the scheme as named.
const CLR_MAP: &str = "<p:clrMap bg1=\"lt1\" tx1=\"dk1\" bg2=\"lt2\" tx2=\"dk2\" accent1=\"accent1\" accent2=\"accent2\" accent3=\"accent3\" accent4=\"accent4\" accent5=\"accent5\" accent6=\"accent6\" hlink=\"hlink\" folHlink=\"folHlink\"/>";

/// The group properties that open every shape tree.
pub const SHAPE_TREE_START: &str = "<p:nvGrpSpPr><p:cNvPr id=\"1\" name=\"\"/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"0\" cy=\"0\"/><a:chOff x=\"0\" y=\"0\"/><a:chExt cx=\"0\" cy=\"0\"/></a:xfrm></p:grpSpPr>";

/// Default view settings.
const VIEW_PROPS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<p:viewPr xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" xmlns:p=\"http://schemas.openxmlformats.org/presentationml/2006/main\"><p:normalViewPr><p:restoredLeft sz=\"15620\"/><p:restoredTop sz=\"94660\"/></p:normalViewPr><p:gridSpacing cx=\"76200\" cy=\"76200\"/></p:viewPr>";

/// No table styles of our own: PowerPoint's default.
const TABLE_STYLES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<a:tblStyleLst xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" def=\"{5C22544A-7EE6-4342-B048-85BDC9FD1C3A}\"/>";

/// `<a:xfrm>` of a frame.
pub fn xfrm(f: Frame) -> String {
    format!(
        "<a:xfrm><a:off x=\"{}\" y=\"{}\"/><a:ext cx=\"{}\" cy=\"{}\"/></a:xfrm>",
        f.x, f.y, f.w, f.h
    )
}

/// A placeholder shape of a layout or master.
fn placeholder(
    id: u32,
    name: &str,
    ph: &[(&str, &str)],
    frame: Frame,
    body_pr: &str,
    levels: &str,
) -> String {
    let mut xml = Xml::fragment();
    xml.open("p:sp", &[]).open("p:nvSpPr", &[]);
    xml.empty("p:cNvPr", &[("id", &id.to_string()), ("name", name)]);
    xml.raw("<p:cNvSpPr><a:spLocks noGrp=\"1\"/></p:cNvSpPr>");
    xml.open("p:nvPr", &[])
        .empty("p:ph", ph)
        .close("p:nvPr")
        .close("p:nvSpPr");
    xml.raw(&format!("<p:spPr>{}</p:spPr>", xfrm(frame)));
    xml.raw(&format!(
        "<p:txBody>{body_pr}<a:lstStyle>{levels}</a:lstStyle><a:p><a:endParaRPr lang=\"en-US\"/></a:p></p:txBody></p:sp>"
    ));
    xml.finish()
}

/// A filled rectangle drawn on a layout (the stripe, rules and bars).
fn bar(id: u32, name: &str, frame: Frame, color: &str) -> String {
    format!(
        "<p:sp><p:nvSpPr><p:cNvPr id=\"{id}\" name=\"{name}\"/><p:cNvSpPr/><p:nvPr userDrawn=\"1\"/></p:nvSpPr><p:spPr>{}<a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom>{color}<a:ln><a:noFill/></a:ln></p:spPr></p:sp>",
        xfrm(frame)
    )
}

/// A solid fill of a scheme colour.
fn scheme(name: &str) -> String {
    format!("<a:solidFill><a:schemeClr val=\"{name}\"/></a:solidFill>")
}

/// A solid fill of an RGB colour.
fn rgb(hex: &str) -> String {
    format!("<a:solidFill><a:srgbClr val=\"{hex}\"/></a:solidFill>")
}

/// Run defaults: size in hundredths of a point, weight, a colour (a scheme
/// name, or six hex digits), and the theme font (`+mj` headings, `+mn` body).
fn default_run(size: u32, bold: bool, color: &str, font: &str) -> String {
    let fill = if color.len() == 6 && color.chars().all(|c| c.is_ascii_hexdigit()) {
        rgb(color)
    } else {
        scheme(color)
    };
    format!(
        "<a:defRPr sz=\"{size}\" b=\"{}\" kern=\"1200\">{fill}<a:latin typeface=\"{font}-lt\"/><a:ea typeface=\"{font}-ea\"/><a:cs typeface=\"{font}-cs\"/></a:defRPr>",
        u8::from(bold)
    )
}

/// Level-one text without a bullet.
fn plain_level(size: u32, bold: bool, italic: bool, color: &str, font: &str) -> String {
    let run = default_run(size, bold, color, font);
    let run = if italic {
        run.replacen("kern=\"1200\"", "i=\"1\" kern=\"1200\"", 1)
    } else {
        run
    };
    format!(
        "<a:lvl1pPr marL=\"0\" indent=\"0\"><a:lnSpc><a:spcPct val=\"95000\"/></a:lnSpc><a:spcBef><a:spcPts val=\"600\"/></a:spcBef><a:buNone/>{run}</a:lvl1pPr>"
    )
}

/// Body text frame that shrinks its text rather than overflow.
const FIT: &str = "<a:bodyPr lIns=\"0\" tIns=\"0\" rIns=\"0\" bIns=\"0\"><a:normAutofit/></a:bodyPr>";
/// The same, anchored at the bottom (titles sit on what follows them).
const FIT_BOTTOM: &str =
    "<a:bodyPr lIns=\"0\" tIns=\"0\" rIns=\"0\" bIns=\"0\" anchor=\"b\"><a:normAutofit/></a:bodyPr>";
/// The same, centred vertically.
const FIT_MIDDLE: &str =
    "<a:bodyPr lIns=\"0\" tIns=\"0\" rIns=\"0\" bIns=\"0\" anchor=\"ctr\"><a:normAutofit/></a:bodyPr>";

/// Hundredths of a point of a theme length in points.
fn centi(points: f32) -> u32 {
    (points * 100.0).round() as u32
}

/// The footer placeholder, in a colour between text and paper.
fn footer(theme: &Theme, design: &Design, id: u32) -> String {
    let color = hex(theme.colors.text.mix(theme.colors.background, 0.45));
    placeholder(
        id,
        "Footer Placeholder",
        &[("type", "ftr"), ("sz", "quarter"), ("idx", "11")],
        design.footer(),
        FIT,
        &plain_level(1200, false, false, &color, "+mn"),
    )
}

/// A layout part: its name, type, background and shapes.
fn layout(name: &str, kind: &str, background: Option<&str>, shapes: &[String]) -> String {
    let bg = background.map_or_else(String::new, |fill| {
        format!("<p:bg><p:bgPr>{fill}<a:effectLst/></p:bgPr></p:bg>")
    });
    format!(
        "{}<p:sldLayout {} type=\"{kind}\" preserve=\"1\"><p:cSld name=\"{name}\">{bg}<p:spTree>{SHAPE_TREE_START}{}</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sldLayout>",
        super::xml::DECLARATION,
        namespaces(),
        shapes.concat()
    )
}

/// The layouts, in the order PowerPoint lists them.
fn layouts(theme: &Theme, d: &Design) -> Vec<String> {
    let title_size = centi(theme.deck.title_size);
    let title = |id| placeholder(id, "Title", &[("type", "title")], d.title(), FIT_BOTTOM, "");
    let rule = bar(20, "Accent Rule", d.rule(), &scheme("accent2"));
    let band = scheme("accent3");
    vec![
        layout(
            "Title Slide",
            "title",
            Some(&band),
            &[
                bar(20, "Stripe", d.stripe(), &scheme("accent2")),
                placeholder(
                    2,
                    "Title",
                    &[("type", "ctrTitle")],
                    d.cover_title(),
                    FIT_BOTTOM,
                    &plain_level(4400, true, false, WHITE, "+mj"),
                ),
                placeholder(
                    3,
                    "Subtitle",
                    &[("type", "subTitle"), ("idx", "1")],
                    d.cover_details(),
                    FIT,
                    &plain_level(2200, false, false, WHITE, "+mn"),
                ),
            ],
        ),
        layout(
            "Title and Content",
            "obj",
            None,
            &[
                title(2),
                rule.clone(),
                placeholder(3, "Content", &[("idx", "1")], d.body(), FIT, ""),
                footer(theme, d, 4),
            ],
        ),
        layout(
            "Two Content",
            "twoObj",
            None,
            &[
                title(2),
                rule.clone(),
                placeholder(
                    3,
                    "Left Content",
                    &[("sz", "half"), ("idx", "1")],
                    d.fact(),
                    FIT,
                    "",
                ),
                placeholder(
                    4,
                    "Right Content",
                    &[("sz", "half"), ("idx", "2")],
                    d.beside_fact(),
                    FIT,
                    "",
                ),
                footer(theme, d, 5),
            ],
        ),
        layout(
            "Section Header",
            "secHead",
            Some(&band),
            &[
                placeholder(
                    2,
                    "Title",
                    &[("type", "title")],
                    d.closing_title(),
                    FIT_BOTTOM,
                    &plain_level(title_size, true, false, WHITE, "+mj"),
                ),
                placeholder(
                    3,
                    "Text",
                    &[("type", "body"), ("idx", "1")],
                    d.closing_body(),
                    FIT,
                    &plain_level(2000, false, false, WHITE, "+mn"),
                ),
            ],
        ),
        layout(
            "Quote",
            "cust",
            Some(&scheme("bg2")),
            &[
                placeholder(
                    2,
                    "Title",
                    &[("type", "title")],
                    d.quote_label(),
                    FIT_BOTTOM,
                    &plain_level(1800, true, false, "tx2", "+mj"),
                ),
                bar(20, "Quote Bar", d.quote_bar(), &scheme("accent2")),
                placeholder(
                    3,
                    "Quote",
                    &[("type", "body"), ("idx", "1")],
                    d.quote(),
                    FIT_MIDDLE,
                    &plain_level(3400, false, true, "tx2", "+mn"),
                ),
                placeholder(
                    4,
                    "Author",
                    &[("type", "body"), ("sz", "quarter"), ("idx", "2")],
                    d.quote_author(),
                    FIT,
                    &plain_level(2000, false, false, "tx1", "+mj"),
                ),
                footer(theme, d, 5),
            ],
        ),
        layout(
            "Title Only",
            "titleOnly",
            None,
            &[title(2), rule, footer(theme, d, 4)],
        ),
        layout("Blank", "blank", None, &[]),
    ]
}

/// The slide master: background, the title, body and footer placeholders,
/// and the text styles every layout inherits.
fn slide_master(theme: &Theme, d: &Design, layouts: usize) -> String {
    let size = |points: f32| centi(points);
    let body = size(theme.deck.body_size);
    let indent = emu(theme.deck.body_size * 1.2);
    let gap = size(theme.deck.body_size * 0.8);
    let bullet = |level: u8, sz: u32, margin: i64| {
        format!(
            "<a:lvl{level}pPr marL=\"{margin}\" indent=\"-{indent}\" algn=\"l\"><a:lnSpc><a:spcPct val=\"92000\"/></a:lnSpc><a:spcBef><a:spcPts val=\"{gap}\"/></a:spcBef><a:buClr><a:schemeClr val=\"accent1\"/></a:buClr><a:buFont typeface=\"{}\"/><a:buChar char=\"•\"/>{}</a:lvl{level}pPr>",
            quick_xml::escape::escape(theme.fonts.heading.as_str()),
            default_run(sz, false, "tx1", "+mn")
        )
    };
    let ids: String = (1..=layouts)
        .map(|n| {
            format!(
                "<p:sldLayoutId id=\"{}\" r:id=\"rId{n}\"/>",
                2_147_483_648u64 + n as u64
            )
        })
        .collect();
    let mut xml = Xml::part();
    xml.raw(&format!("<p:sldMaster {}>", namespaces()));
    xml.raw(&format!(
        "<p:cSld><p:bg><p:bgPr>{}<a:effectLst/></p:bgPr></p:bg><p:spTree>{SHAPE_TREE_START}",
        scheme("bg1")
    ));
    xml.raw(&placeholder(
        2,
        "Title Placeholder",
        &[("type", "title")],
        d.title(),
        FIT_BOTTOM,
        "",
    ));
    xml.raw(&placeholder(
        3,
        "Text Placeholder",
        &[("type", "body"), ("idx", "1")],
        d.body(),
        FIT,
        "",
    ));
    xml.raw(&footer(theme, d, 4));
    xml.raw("</p:spTree></p:cSld>");
    xml.raw(CLR_MAP);
    xml.raw(&format!("<p:sldLayoutIdLst>{ids}</p:sldLayoutIdLst>"));
    xml.raw(&format!(
        "<p:txStyles><p:titleStyle><a:lvl1pPr algn=\"l\"><a:lnSpc><a:spcPct val=\"90000\"/></a:lnSpc><a:buNone/>{}</a:lvl1pPr></p:titleStyle>",
        default_run(size(theme.deck.title_size), true, "tx2", "+mj")
    ));
    xml.raw(&format!(
        "<p:bodyStyle>{}{}</p:bodyStyle>",
        bullet(1, body, indent),
        bullet(2, size(theme.deck.body_size * 0.85), indent * 2)
    ));
    xml.raw(&format!(
        "<p:otherStyle><a:lvl1pPr>{}</a:lvl1pPr></p:otherStyle></p:txStyles></p:sldMaster>",
        default_run(1800, false, "tx1", "+mn")
    ));
    xml.finish()
}

/// A theme part: the palette as a colour scheme, the families as fonts.
fn theme_part(name: &str, theme: &Theme) -> String {
    let c = &theme.colors;
    let scheme = [
        ("dk1", c.text),
        ("lt1", c.background),
        ("dk2", c.heading()),
        ("lt2", c.box_fill()),
        ("accent1", c.primary),
        ("accent2", c.accent),
        ("accent3", c.band()),
        ("accent4", c.primary_tint()),
        ("accent5", c.primary_dark()),
        ("accent6", c.text.mix(c.background, 0.45)),
        // Links are read on the band of the closing slide: the accent colour.
        ("hlink", c.accent),
        ("folHlink", c.accent),
    ];
    let colors: String = scheme
        .iter()
        .map(|(slot, color)| format!("<a:{slot}><a:srgbClr val=\"{}\"/></a:{slot}>", hex(*color)))
        .collect();
    let font = |family: &str| {
        let family = quick_xml::escape::escape(family);
        format!("<a:latin typeface=\"{family}\"/><a:ea typeface=\"\"/><a:cs typeface=\"{family}\"/>")
    };
    let mut xml = Xml::part();
    xml.open("a:theme", &[("xmlns:a", NAMESPACES[0].1), ("name", name)]);
    xml.raw("<a:themeElements>");
    xml.raw(&format!(
        "<a:clrScheme name=\"{}\">{colors}</a:clrScheme>",
        quick_xml::escape::escape(name)
    ));
    xml.raw(&format!(
        "<a:fontScheme name=\"{}\"><a:majorFont>{}</a:majorFont><a:minorFont>{}</a:minorFont></a:fontScheme>",
        quick_xml::escape::escape(name),
        font(&theme.fonts.heading),
        font(&theme.fonts.heading)
    ));
    xml.raw(FORMAT_SCHEME);
    xml.raw("</a:themeElements><a:objectDefaults/><a:extraClrSchemeLst/>");
    xml.close("a:theme");
    xml.finish()
}

/// Fills, lines and effects for shapes a user draws: plain, since every
/// shape of ours sets its own.
const FORMAT_SCHEME: &str = "<a:fmtScheme name=\"Handout\"><a:fillStyleLst><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill><a:solidFill><a:schemeClr val=\"phClr\"><a:tint val=\"50000\"/></a:schemeClr></a:solidFill><a:solidFill><a:schemeClr val=\"phClr\"><a:shade val=\"80000\"/></a:schemeClr></a:solidFill></a:fillStyleLst><a:lnStyleLst><a:ln w=\"6350\"><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill></a:ln><a:ln w=\"12700\"><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill></a:ln><a:ln w=\"19050\"><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill></a:ln></a:lnStyleLst><a:effectStyleLst><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle></a:effectStyleLst><a:bgFillStyleLst><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill><a:solidFill><a:schemeClr val=\"phClr\"><a:tint val=\"95000\"/></a:schemeClr></a:solidFill><a:solidFill><a:schemeClr val=\"phClr\"><a:shade val=\"90000\"/></a:schemeClr></a:solidFill></a:bgFillStyleLst></a:fmtScheme>";
