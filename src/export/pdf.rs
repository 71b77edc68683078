//! Pages to PDF bytes with krilla. The only code that knows the PDF library.

use std::sync::{Arc, OnceLock};

use krilla::Document;
use krilla::SerializeSettings;
use krilla::action::{Action, LinkAction};
use krilla::annotation::{Annotation, LinkAnnotation, Target};
use krilla::color::separation::{self, SeparationColorant, SeparationSpace};
use krilla::color::{cmyk, rgb};
use krilla::configure::{ConfigurationBuilder, validate};
use krilla::destination::XyzDestination;
use krilla::error::KrillaError;
use krilla::geom::{PathBuilder, Point, Size, Transform};
use krilla::image::Image;
use krilla::metadata::{DateTime, Metadata};
use krilla::num::NormalizedF32;
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::paint::{Fill, Paint};
use krilla::surface::Surface;
use krilla::tagging::{Artifact, ArtifactType, ContentTag};
use krilla::text::{Font, GlyphId, KrillaGlyph};

use crate::diag::Diagnostic;
use crate::theme::Standards;

use super::tags;
use crate::project::{Picture, PictureKind};
use crate::typeset::page::{CROP_MARK_GAP, CROP_MARK_LEN, Color, GlyphRun, Item, Layout, Page, Rect};
use crate::typeset::text::fonts::{FontBook, FontFace, FontFile};

/// The fonts of a [`FontBook`] prepared for PDF embedding. Shared by every
/// document of a process (krilla fonts are cheap to clone); each is made on
/// first use, since a leaflet needs four of the eight faces and a
/// one-document build should not pay for the rest.
pub struct PdfFonts {
    /// The font files, indexed like the book.
    data: Vec<FontFile>,
    /// The krilla font of each face, once made.
    fonts: Vec<OnceLock<Font>>,
}

impl PdfFonts {
    /// Prepares to embed the faces of `book`. The project's own faces are
    /// tried first the way export will use them (read by the PDF library,
    /// then subset), so a damaged font is one error naming the font rather
    /// than a failure in every document.
    pub fn new(book: &FontBook) -> Result<Self, Vec<Diagnostic>> {
        let data: Vec<FontFile> = book.faces().iter().map(|f| f.file().clone()).collect();
        let problems: Vec<Diagnostic> = book
            .faces()
            .iter()
            .filter(|f| matches!(f.file(), FontFile::Shared(_)))
            .filter_map(|face| {
                probe(face).err().map(|why| {
                    Diagnostic::plain(
                        None,
                        format!(
                            "the font {} in the project's fonts/ folder cannot be embedded: {why}",
                            face.name()
                        ),
                    )
                    .with_help("replace the file with a complete TrueType or OpenType font, or remove it")
                })
            })
            .collect();
        if !problems.is_empty() {
            return Err(problems);
        }
        let fonts = data.iter().map(|_| OnceLock::new()).collect();
        Ok(Self { data, fonts })
    }

    /// The krilla font of a face.
    fn font(&self, face: usize) -> Font {
        self.fonts[face]
            .get_or_init(|| {
                let data: krilla::Data = match &self.data[face] {
                    FontFile::Static(bytes) => (*bytes).into(),
                    FontFile::Shared(bytes) => bytes.clone().into(),
                };
                Font::new(data, 0).expect("faces in the book were parsed already")
            })
            .clone()
    }
}

/// Reads a face with the PDF library and subsets it to a few letters.
fn probe(face: &FontFace) -> Result<(), String> {
    let bytes = face.file().bytes();
    if Font::new(bytes.to_vec().into(), 0).is_none() {
        return Err("the PDF library cannot read it".into());
    }
    let mut glyphs: Vec<u16> = "AaБбӘә0"
        .chars()
        .filter_map(|c| face.face().glyph_index(c).map(|g| g.0))
        .collect();
    glyphs.push(0);
    glyphs.sort_unstable();
    glyphs.dedup();
    let remapper = subsetter::GlyphRemapper::new_from_glyphs_sorted(&glyphs);
    subsetter::subset(bytes, 0, &remapper)
        .map(|_| ())
        .map_err(|e| format!("subsetting failed ({e})"))
}

/// How a document is written.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// The creation date (taken from SOURCE_DATE_EPOCH by the caller);
    /// without it the PDF carries no date, so the same input always gives
    /// the same bytes.
    pub created: Option<i64>,
    /// The standards to write to; krilla checks them and refuses a
    /// document that breaks one.
    pub standards: Standards,
    /// Colours as CMYK rather than RGB.
    pub cmyk: bool,
}

/// Writes `layout` as a tagged PDF: its structure (title, headings,
/// paragraphs, lists, quote, boxes, described pictures, links) in reading
/// order, page furniture marked as such.
pub fn export(layout: &Layout, fonts: &PdfFonts, options: &Options) -> Result<Vec<u8>, String> {
    let mut document = Document::new_with(settings(options)?);
    let mut marked = tags::Marked::default();
    // Smoothing a small logo printed large looks better, but PDF/A forbids
    // asking a viewer to.
    let smooth = options.standards.archival.is_none();
    for (index, page_layout) in layout.pages.iter().enumerate() {
        let mut page = document.start_page_with(page_settings(page_layout)?);
        let offset = page_layout.print.slug();
        let shift = |r: Rect| Rect::new(r.x + offset, r.y + offset, r.w, r.h);
        let mut links = Vec::new();
        {
            let mut surface = page.surface();
            surface.push_transform(&Transform::from_translate(offset, offset));
            for (i, item) in page_layout.items.iter().enumerate() {
                let tag = marked.start(&mut surface, index, i, item, &layout.lang);
                match item {
                    Item::Text(run) => draw_run(&mut surface, run, fonts, options.cmyk),
                    Item::Fill { rects, color } => {
                        fill_rects(&mut surface, rects, paint(*color, options.cmyk))
                    }
                    Item::Link { rect, url } => links.push((shift(*rect), url.clone())),
                    Item::Image { rect, picture } => draw_picture(&mut surface, *rect, picture, smooth)?,
                }
                if tag {
                    surface.end_tagged();
                }
            }
            surface.pop();
            if page_layout.print.crop_marks {
                surface.start_tagged(ContentTag::Artifact(Artifact::with_kind(ArtifactType::Page)));
                fill_rects(&mut surface, &crop_marks(page_layout), registration());
                surface.end_tagged();
            }
            surface.finish();
        }
        for (rect, url) in links {
            if let Some(r) = krilla_rect(rect) {
                let target = Target::Action(Action::Link(LinkAction::new(url.clone())));
                let annotation = Annotation::new_link(LinkAnnotation::new(r, target), Some(url.clone()));
                marked.link(index, url, page.add_tagged_annotation(annotation));
            }
        }
        page.finish();
    }
    document.set_tag_tree(marked.tree(&layout.pages));
    document.set_outline(outline(layout));
    // An archive needs to know when a document was made; a build that
    // asks for reproducible bytes gives its own date.
    let created = options.created.or_else(|| {
        options.standards.archival.map(|_| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs() as i64)
        })
    });
    document.set_metadata(metadata(layout, created));
    document.finish().map_err(|e| match e {
        KrillaError::Validation(errors) => format!(
            "the PDF does not meet its standard: {}",
            errors
                .iter()
                .map(|(e, _)| format!("{e:?}"))
                .collect::<Vec<_>>()
                .join("; ")
        ),
        e => format!("PDF export failed: {e:?}"),
    })
}

/// krilla's settings for `options`: tagging always on, the validators of
/// the standards asked for.
fn settings(options: &Options) -> Result<SerializeSettings, String> {
    let mut configuration = ConfigurationBuilder::new();
    if let Some(archival) = options.standards.archival {
        configuration = configuration.with_archival_validator(match archival {
            crate::theme::Archival::A2b => validate::Archival::A2_B,
            crate::theme::Archival::A2u => validate::Archival::A2_U,
            crate::theme::Archival::A2a => validate::Archival::A2_A,
            crate::theme::Archival::A3b => validate::Archival::A3_B,
            crate::theme::Archival::A3u => validate::Archival::A3_U,
            crate::theme::Archival::A3a => validate::Archival::A3_A,
        });
    }
    if options.standards.accessible {
        configuration = configuration.with_accessibility_validator(validate::Accessibility::UA1);
    }
    let configuration = configuration
        .finish()
        .map_err(|e| format!("these PDF standards cannot be combined: {e:?}"))?;
    Ok(SerializeSettings {
        enable_tagging: true,
        configuration,
        ..SerializeSettings::default()
    })
}

/// The sheet: the trimmed page with room around it for the bleed and crop
/// marks, and the TrimBox and BleedBox that tell a print shop where to cut.
fn page_settings(page: &Page) -> Result<PageSettings, String> {
    let print = page.print;
    let slug = print.slug();
    let size = Size::from_wh(page.width + 2.0 * slug, page.height + 2.0 * slug).ok_or("page has no area")?;
    let mut settings = PageSettings::new(size);
    if slug > 0.0 {
        let trim = krilla_rect(Rect::new(slug, slug, page.width, page.height));
        let b = print.bleed;
        let bleed = krilla_rect(Rect::new(
            slug - b,
            slug - b,
            page.width + 2.0 * b,
            page.height + 2.0 * b,
        ));
        settings = settings.with_trim_box(trim).with_bleed_box(bleed);
    }
    Ok(settings)
}

/// Thin lines at the four corners of the trim, outside the bleed, in sheet
/// coordinates.
pub(super) fn crop_marks(page: &Page) -> Vec<Rect> {
    let slug = page.print.slug();
    let away = page.print.bleed + CROP_MARK_GAP;
    let hair = 0.3;
    let mut marks = Vec::new();
    for (x, dx) in [(slug, -1.0), (slug + page.width, 1.0)] {
        for (y, dy) in [(slug, -1.0), (slug + page.height, 1.0)] {
            let from_x = if dx < 0.0 {
                x - away - CROP_MARK_LEN
            } else {
                x + away
            };
            let from_y = if dy < 0.0 {
                y - away - CROP_MARK_LEN
            } else {
                y + away
            };
            marks.push(Rect::new(from_x, y - hair / 2.0, CROP_MARK_LEN, hair));
            marks.push(Rect::new(x - hair / 2.0, from_y, hair, CROP_MARK_LEN));
        }
    }
    // A cut between two copies: the same hairlines above and below it.
    if let Some(cut) = page.print.cut {
        let x = slug + cut - hair / 2.0;
        marks.push(Rect::new(x, slug - away - CROP_MARK_LEN, hair, CROP_MARK_LEN));
        marks.push(Rect::new(x, slug + page.height + away, hair, CROP_MARK_LEN));
    }
    // Fold marks: dashed, so nobody cuts on them.
    let dash = CROP_MARK_LEN / 5.0;
    for fold in page.print.folds.iter().flatten() {
        let x = slug + fold - hair / 2.0;
        for k in [0.0, 2.0, 4.0] {
            marks.push(Rect::new(x, slug - away - CROP_MARK_LEN + k * dash, hair, dash));
            marks.push(Rect::new(x, slug + page.height + away + k * dash, hair, dash));
        }
    }
    marks
}

/// Draws one glyph run.
fn draw_run(surface: &mut Surface<'_>, run: &GlyphRun, fonts: &PdfFonts, cmyk: bool) {
    // krilla wants advances and offsets per unit of font size.
    let glyphs: Vec<KrillaGlyph> = run
        .glyphs
        .iter()
        .map(|g| {
            KrillaGlyph::new(
                GlyphId::new(u32::from(g.id)),
                g.advance / run.size,
                g.x_offset / run.size,
                g.y_offset / run.size,
                0.0,
                g.range.clone(),
                None,
            )
        })
        .collect();
    surface.set_fill(Some(fill(paint(run.color, cmyk))));
    surface.draw_glyphs(
        Point::from_xy(run.x, run.y),
        &glyphs,
        fonts.font(run.face),
        &run.text,
        run.size,
        false,
    );
}

/// Draws a picture into `rect`. JPEG bytes go into the PDF as they are.
fn draw_picture(
    surface: &mut Surface<'_>,
    rect: Rect,
    picture: &Picture,
    smooth: bool,
) -> Result<(), String> {
    let data: Arc<Vec<u8>> = picture.bytes.clone();
    let image = match picture.kind {
        PictureKind::Png => Image::from_png(data.into(), smooth),
        PictureKind::Jpeg => Image::from_jpeg(data.into(), smooth),
    }
    .map_err(|e| format!("cannot embed {}: {e}", picture.path.display()))?;
    let Some(size) = Size::from_wh(rect.w, rect.h) else {
        return Ok(());
    };
    surface.push_transform(&Transform::from_translate(rect.x, rect.y));
    surface.draw_image(image, size);
    surface.pop();
    Ok(())
}

/// Fills rectangles with one paint, as a single path.
fn fill_rects(surface: &mut Surface<'_>, rects: &[Rect], paint: Paint) {
    let mut builder = PathBuilder::new();
    for rect in rects.iter().filter_map(|r| krilla_rect(*r)) {
        builder.push_rect(rect);
    }
    if let Some(path) = builder.finish() {
        surface.set_fill(Some(fill(paint)));
        surface.draw_path(&path);
    }
}

/// `color` as paint: RGB, or the inks of a CMYK print.
fn paint(color: Color, cmyk: bool) -> Paint {
    if cmyk {
        let [c, m, y, k] = color.inks().map(|v| (f32::from(v) * 2.55).round() as u8);
        cmyk::Color::new(c, m, y, k).into()
    } else {
        rgb::Color::new(color.r, color.g, color.b).into()
    }
}

/// The registration colour of crop and fold marks: every ink at full, so
/// the marks print on each plate.
fn registration() -> Paint {
    // A grey fallback needs no CMYK profile, which PDF/A would ask for.
    let black = krilla::color::luma::Color::new(0);
    let space = SeparationSpace::new(SeparationColorant::AllColorants, black.into());
    krilla::color::Color::from(separation::Color::new(255, space)).into()
}

/// An opaque fill of `paint`.
fn fill(paint: Paint) -> Fill {
    Fill {
        paint,
        opacity: NormalizedF32::ONE,
        rule: Default::default(),
    }
}

/// Our rectangle as krilla's; `None` for empty ones.
fn krilla_rect(r: Rect) -> Option<krilla::geom::Rect> {
    krilla::geom::Rect::from_xywh(r.x, r.y, r.w, r.h)
}

/// Bookmarks.
fn outline(layout: &Layout) -> Outline {
    let mut outline = Outline::new();
    for entry in &layout.outline {
        let slug = layout.pages.get(entry.page).map_or(0.0, |p| p.print.slug());
        let destination = XyzDestination::new(entry.page, Point::from_xy(0.0, entry.y + slug));
        outline.push_child(OutlineNode::new(entry.title.clone(), destination));
    }
    outline
}

/// Title, author, language and, when reproducible builds ask for one, a date.
fn metadata(layout: &Layout, created: Option<i64>) -> Metadata {
    let mut metadata = Metadata::new()
        .title(layout.title.clone())
        .language(layout.lang.clone())
        .creator(format!("handout {}", env!("CARGO_PKG_VERSION")));
    if let Some(author) = &layout.author {
        metadata = metadata.authors(vec![author.clone()]);
    }
    if let Some(date) = created.and_then(date_time) {
        metadata = metadata.creation_date(date);
    }
    metadata
}

/// A Unix timestamp as a UTC date and time.
fn date_time(epoch: i64) -> Option<DateTime> {
    let days = epoch.div_euclid(86_400);
    let secs = epoch.rem_euclid(86_400);
    // Civil-from-days (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    Some(
        DateTime::new(u16::try_from(year).ok()?)
            .month(month as u8)
            .day(day as u8)
            .hour((secs / 3600) as u8)
            .minute((secs % 3600 / 60) as u8)
            .second((secs % 60) as u8)
            .utc_offset_hour(0)
            .utc_offset_minute(0),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_dates_convert() {
        let d = date_time(1_770_854_400).unwrap(); // 2026-02-12 00:00:00 UTC
        let text = format!("{d:?}");
        assert!(
            text.contains("2026") && text.contains("month: Some(2)") && text.contains("day: Some(12)"),
            "{text}"
        );
    }
}
