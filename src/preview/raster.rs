//! Pages as pictures for the preview: the PDF bytes a build writes,
//! rendered by hayro, so the preview shows exactly what is printed.

use hayro::hayro_interpret::InterpreterSettings;
use hayro::hayro_syntax::Pdf;
use hayro::vello_cpu::color::palette::css::WHITE;
use hayro::{PixmapSettings, RenderCache, RenderSettings, render};

/// Pixels per point: 1.5 gives 150 % of the page's size in CSS pixels at
/// 72 pt to the inch, sharp enough to read body text on a screen.
pub const SCALE: f32 = 1.5;

/// Every page of `pdf` as a PNG; `None` if the bytes are not a PDF hayro reads.
pub fn pages(pdf: &[u8]) -> Option<Vec<Vec<u8>>> {
    let pdf = Pdf::new(pdf.to_vec()).ok()?;
    let cache = RenderCache::new();
    let interpreter = InterpreterSettings::default();
    let settings = RenderSettings::default();
    let pixmap = PixmapSettings {
        x_scale: SCALE,
        y_scale: SCALE,
        bg_color: WHITE,
    };
    pdf.pages()
        .iter()
        .map(|page| {
            let rendered = render(page, &cache, &interpreter, &settings, &pixmap);
            png(
                rendered.width().into(),
                rendered.height().into(),
                rendered.data_as_u8_slice(),
            )
        })
        .collect()
}

/// RGBA pixels (on a white background, so fully opaque) as a PNG.
fn png(width: u32, height: u32, rgba: &[u8]) -> Option<Vec<u8>> {
    use image::ImageEncoder;
    let mut out = Vec::new();
    image::codecs::png::PngEncoder::new_with_quality(
        &mut out,
        image::codecs::png::CompressionType::Fast,
        image::codecs::png::FilterType::Sub,
    )
    .write_image(rgba, width, height, image::ExtendedColorType::Rgba8)
    .ok()?;
    Some(out)
}
