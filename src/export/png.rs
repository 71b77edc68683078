//! Pages as pictures: the laid-out pages drawn with tiny-skia, for the
//! preview. The same items the PDF is written from, drawn the same way:
//! filled rectangles, pictures, and glyphs from the very outlines the PDF
//! embeds.

use image::ImageEncoder;
use rayon::prelude::*;
use rustybuzz::ttf_parser::{GlyphId, OutlineBuilder};
use tiny_skia::{FillRule, Paint, PathBuilder, Pixmap, Transform};

use crate::typeset::page::{Color, GlyphRun, Item, Page, Rect};
use crate::typeset::text::fonts::FontBook;

use super::pdf::crop_marks;

/// Every page of `pages` as a PNG, `scale` pixels per point, the sheet
/// with its bleed and marks around the trim.
pub fn pages(pages: &[Page], book: &FontBook, scale: f32) -> Option<Vec<Vec<u8>>> {
    // Pages are independent: drawn side by side on every core.
    pages
        .par_iter()
        .map(|page| png(&draw(page, book, scale)?))
        .collect()
}

/// One page drawn.
fn draw(page: &Page, book: &FontBook, scale: f32) -> Option<Pixmap> {
    let slug = page.print.slug();
    let (w, h) = (page.width + 2.0 * slug, page.height + 2.0 * slug);
    let mut pixmap = Pixmap::new((w * scale).ceil() as u32, (h * scale).ceil() as u32)?;
    pixmap.fill(tiny_skia::Color::WHITE);
    let sheet = Transform::from_scale(scale, scale);
    let trim = sheet.pre_translate(slug, slug);
    for item in &page.items {
        match item {
            Item::Fill { rects, color } => fill(&mut pixmap, rects, *color, trim),
            Item::Image { rect, picture } => picture_into(&mut pixmap, *rect, &picture.bytes, trim),
            Item::Text(run) => glyphs(&mut pixmap, run, book, trim),
            Item::Link { .. } => {}
        }
    }
    if page.print.crop_marks {
        fill(&mut pixmap, &crop_marks(page), Color::rgb(0, 0, 0), sheet);
    }
    Some(pixmap)
}

/// A solid paint of `color`.
fn paint(color: Color) -> Paint<'static> {
    let mut paint = Paint::default();
    paint.set_color_rgba8(color.r, color.g, color.b, 255);
    paint.anti_alias = true;
    paint
}

/// Rectangles filled with one colour.
fn fill(pixmap: &mut Pixmap, rects: &[Rect], color: Color, at: Transform) {
    let mut path = PathBuilder::new();
    for r in rects {
        if let Some(rect) = tiny_skia::Rect::from_xywh(r.x, r.y, r.w, r.h) {
            path.push_rect(rect);
        }
    }
    if let Some(path) = path.finish() {
        pixmap.fill_path(&path, &paint(color), FillRule::Winding, at, None);
    }
}

/// A picture scaled into `rect`; one that does not decode is left out
/// (load has refused damaged files already).
fn picture_into(pixmap: &mut Pixmap, rect: Rect, bytes: &[u8], at: Transform) {
    let Ok(decoded) = image::load_from_memory(bytes) else {
        return;
    };
    let rgba = decoded.to_rgba8();
    let (pw, ph) = rgba.dimensions();
    // tiny-skia draws premultiplied colour.
    let data: Vec<u8> = rgba
        .pixels()
        .flat_map(|p| {
            let [r, g, b, a] = p.0;
            let m = |c: u8| ((u16::from(c) * u16::from(a) + 127) / 255) as u8;
            [m(r), m(g), m(b), a]
        })
        .collect();
    let Some(size) = tiny_skia::IntSize::from_wh(pw, ph) else {
        return;
    };
    let Some(picture) = Pixmap::from_vec(data, size) else {
        return;
    };
    let place = at
        .pre_translate(rect.x, rect.y)
        .pre_scale(rect.w / pw as f32, rect.h / ph as f32);
    let quality = tiny_skia::PixmapPaint {
        quality: tiny_skia::FilterQuality::Bilinear,
        ..Default::default()
    };
    pixmap.draw_pixmap(0, 0, picture.as_ref(), &quality, place, None);
}

/// Glyph outlines collected into one path in page points: each glyph's
/// font units scaled and set at its pen position, y turned down.
struct Outline {
    /// The path so far.
    path: PathBuilder,
    /// Where the glyph's origin stands on the page.
    origin: (f32, f32),
    /// Points per font unit.
    units: f32,
}

impl Outline {
    /// A font-unit point on the page.
    fn at(&self, x: f32, y: f32) -> (f32, f32) {
        (self.origin.0 + x * self.units, self.origin.1 - y * self.units)
    }
}

impl OutlineBuilder for Outline {
    fn move_to(&mut self, x: f32, y: f32) {
        let (x, y) = self.at(x, y);
        self.path.move_to(x, y);
    }
    fn line_to(&mut self, x: f32, y: f32) {
        let (x, y) = self.at(x, y);
        self.path.line_to(x, y);
    }
    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        let ((x1, y1), (x, y)) = (self.at(x1, y1), self.at(x, y));
        self.path.quad_to(x1, y1, x, y);
    }
    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        let ((x1, y1), (x2, y2), (x, y)) = (self.at(x1, y1), self.at(x2, y2), self.at(x, y));
        self.path.cubic_to(x1, y1, x2, y2, x, y);
    }
    fn close(&mut self) {
        self.path.close();
    }
}

/// The glyphs of one run, from their outlines, filled as one path: one
/// fill per run rather than per glyph keeps a page to a few milliseconds.
fn glyphs(pixmap: &mut Pixmap, run: &GlyphRun, book: &FontBook, at: Transform) {
    let face = book.face(run.face);
    let mut outline = Outline {
        path: PathBuilder::new(),
        origin: (run.x, run.y),
        units: run.size / face.units_per_em,
    };
    let mut pen = run.x;
    for g in &run.glyphs {
        outline.origin = (pen + g.x_offset, run.y - g.y_offset);
        let _ = face.face().outline_glyph(GlyphId(g.id), &mut outline);
        pen += g.advance;
    }
    if let Some(path) = outline.path.finish() {
        pixmap.fill_path(&path, &paint(run.color), FillRule::Winding, at, None);
    }
}

/// A drawn page as PNG bytes.
fn png(pixmap: &Pixmap) -> Option<Vec<u8>> {
    // The page is opaque on white, so its premultiplied pixels are plain RGBA.
    let mut out = Vec::new();
    image::codecs::png::PngEncoder::new_with_quality(
        &mut out,
        image::codecs::png::CompressionType::Fast,
        image::codecs::png::FilterType::Sub,
    )
    .write_image(
        pixmap.data(),
        pixmap.width(),
        pixmap.height(),
        image::ExtendedColorType::Rgba8,
    )
    .ok()?;
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::typeset::page::Print;

    #[test]
    fn a_filled_rectangle_is_drawn_where_it_stands_at_the_scale_asked() {
        let page = Page {
            width: 100.0,
            height: 50.0,
            print: Print::default(),
            items: vec![Item::Fill {
                rects: vec![Rect::new(10.0, 10.0, 20.0, 10.0)],
                color: Color::rgb(200, 0, 0),
            }],
        };
        let pixmap = draw(&page, &FontBook::built_in(), 2.0).unwrap();
        assert_eq!((pixmap.width(), pixmap.height()), (200, 100));
        let at = |x: u32, y: u32| pixmap.pixel(x, y).unwrap();
        // Inside the rectangle (20–60 px across, 20–40 down) red, outside white.
        assert_eq!((at(40, 30).red(), at(40, 30).green()), (200, 0));
        assert_eq!((at(5, 5).red(), at(5, 5).green()), (255, 255));
    }

    #[test]
    fn text_leaves_ink_on_its_baseline() {
        use crate::typeset::text::{Align, ParaStyle, set_paragraph};
        let book = FontBook::built_in();
        let theme = crate::load::theme::built_in();
        let style = ParaStyle {
            family: theme.fonts.body.clone(),
            fallback: theme.fonts.fallback.clone(),
            bold: true,
            italic: false,
            size: 20.0,
            leading: 24.0,
            color: Color::rgb(0, 0, 0),
            link_color: Color::rgb(0, 0, 0),
            align: Align::Left,
            lang: crate::project::Lang::Kk,
            hyphenate: false,
            role: crate::typeset::page::Role::Paragraph,
        };
        let place = crate::diag::Place::file_start(&crate::diag::SourceFile::new("t", String::new()));
        let lines = set_paragraph(
            &book,
            &crate::base::rich::Para::plain("ӘӘ", None),
            &style,
            200.0,
            &place,
        )
        .unwrap();
        let mut page = Page {
            width: 100.0,
            height: 40.0,
            print: Print::default(),
            items: Vec::new(),
        };
        crate::typeset::flow::place_lines(&lines, Rect::new(10.0, 5.0, 80.0, 30.0), &mut page);
        let pixmap = draw(&page, &book, 1.0).unwrap();
        let dark = pixmap.pixels().iter().filter(|p| p.red() < 100).count();
        assert!(dark > 50, "only {dark} dark pixels");
        // Nothing above the text's top or left of its frame.
        assert!((0..100).all(|x| pixmap.pixel(x, 1).unwrap().red() == 255));
    }
}
