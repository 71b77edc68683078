//! Pictures named in TOML files: read through the project folder, decoded
//! once per build however many points name them, refused when damaged or too
//! large to decode safely, and scaled down to print resolution so that no
//! later stage holds more pixels than a page can show.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use image::{DynamicImage, ImageFormat, ImageReader};

use crate::project::{Picture, PictureKind};

use super::files::{FileError, MAX_BINARY_BYTES, ProjectDir};

/// Most pixels decoded for one picture: 40 megapixels, 160 MB as RGBA. A
/// larger file (a 470 KB PNG can claim 11 000 × 11 000) is refused before
/// any pixel is decoded.
pub const MAX_PIXELS: u64 = 40_000_000;

/// Longest side kept after decoding: 300 dpi across 8 inches, more than the
/// widest place a picture takes on a page or a slide.
pub const PRINT_SIDE: u32 = 2400;

/// Why a picture cannot be used.
#[derive(Debug, Clone)]
pub enum Refused {
    /// The path, or a link on it, leads outside the project folder.
    Outside,
    /// Missing, damaged, too large, or not a picture: the message says which.
    Unusable(String),
}

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refused::Outside => f.write_str("it leads outside the project folder"),
            Refused::Unusable(message) => f.write_str(message),
        }
    }
}

/// Every picture read in one load, by the path that names it.
#[derive(Default)]
pub struct Pictures {
    /// What each path gave: the picture or the reason it was refused.
    seen: HashMap<PathBuf, Result<Picture, Refused>>,
}

impl Pictures {
    /// The picture at `relative`, read and decoded on first use.
    pub fn get(&mut self, dir: &ProjectDir, relative: &Path) -> Result<Picture, Refused> {
        let key = normalize(relative);
        self.seen
            .entry(key.clone())
            .or_insert_with(|| read(dir, &key))
            .clone()
    }
}

/// `images/../images/a.png` and `images/a.png` are one file.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            // A `..` above the project stays, for the folder to refuse.
            std::path::Component::ParentDir if !out.pop() => return path.to_path_buf(),
            std::path::Component::ParentDir => {}
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// Reads, checks and decodes one picture.
fn read(dir: &ProjectDir, relative: &Path) -> Result<Picture, Refused> {
    let shown = dir.display(relative);
    let bytes = match dir.read(relative, MAX_BINARY_BYTES) {
        Ok(bytes) => bytes,
        Err(FileError::Outside) => return Err(Refused::Outside),
        Err(e) => return Err(Refused::Unusable(format!("cannot use {}: {e}", shown.display()))),
    };
    decode(shown, bytes).map_err(Refused::Unusable)
}

/// Checks and decodes a picture file's bytes.
fn decode(shown: PathBuf, bytes: Vec<u8>) -> Result<Picture, String> {
    let name = shown.display();
    let (kind, format) = match image::guess_format(&bytes) {
        Ok(ImageFormat::Png) => (PictureKind::Png, ImageFormat::Png),
        Ok(ImageFormat::Jpeg) => (PictureKind::Jpeg, ImageFormat::Jpeg),
        _ => return Err(format!("{name} is not a PNG or JPEG image")),
    };
    if kind == PictureKind::Jpeg && !jpeg_is_complete(&bytes) {
        return Err(format!("{name} is damaged: the JPEG data ends early"));
    }
    let mut reader = ImageReader::with_format(std::io::Cursor::new(&bytes), format);
    let (width, height) = reader
        .into_dimensions()
        .map_err(|e| format!("{name} is damaged or unreadable: {e}"))?;
    let pixels = u64::from(width) * u64::from(height);
    if pixels > MAX_PIXELS {
        return Err(format!(
            "{name} is {width} × {height} pixels ({} megapixels); at most {} megapixels are decoded \
             safely, so scale it down (print needs about {PRINT_SIDE} pixels on the longest side)",
            pixels / 1_000_000,
            MAX_PIXELS / 1_000_000
        ));
    }
    reader = ImageReader::with_format(std::io::Cursor::new(&bytes), format);
    let mut limits = image::Limits::default();
    limits.max_alloc = Some(MAX_PIXELS * 4 + 64 * 1024 * 1024);
    reader.limits(limits);
    let decoded = reader
        .decode()
        .map_err(|e| format!("{name} is damaged or unreadable: {e}"))?;
    let (bytes, width, height) = if width.max(height) > PRINT_SIDE {
        scaled(&decoded, format).map_err(|e| format!("cannot scale {name} down: {e}"))?
    } else {
        (bytes, width, height)
    };
    Ok(Picture {
        path: shown,
        bytes: Arc::new(bytes),
        kind,
        width,
        height,
        alt: None,
        place: None,
    })
}

/// A JPEG is whole when its last scan is followed by the end-of-image
/// marker; decoders quietly fill a cut-off file with grey.
fn jpeg_is_complete(bytes: &[u8]) -> bool {
    let last = |marker: u8| bytes.windows(2).rposition(|w| w == [0xFF, marker]);
    match (last(0xDA), last(0xD9)) {
        (Some(scan), Some(end)) => end > scan,
        _ => false,
    }
}

/// The picture at print resolution, encoded as before.
fn scaled(image: &DynamicImage, format: ImageFormat) -> image::ImageResult<(Vec<u8>, u32, u32)> {
    let small = image.resize(PRINT_SIDE, PRINT_SIDE, image::imageops::FilterType::Triangle);
    let mut out = std::io::Cursor::new(Vec::new());
    match format {
        ImageFormat::Jpeg => {
            let rgb = DynamicImage::ImageRgb8(small.to_rgb8());
            rgb.write_with_encoder(image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90))?;
        }
        _ => small.write_to(&mut out, ImageFormat::Png)?,
    }
    Ok((out.into_inner(), small.width(), small.height()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(width: u32, height: u32) -> Vec<u8> {
        let image = image::RgbaImage::from_pixel(width, height, image::Rgba([10, 20, 30, 255]));
        let mut out = std::io::Cursor::new(Vec::new());
        image.write_to(&mut out, ImageFormat::Png).unwrap();
        out.into_inner()
    }

    fn jpeg(width: u32, height: u32) -> Vec<u8> {
        let image = image::RgbImage::from_pixel(width, height, image::Rgb([200, 20, 30]));
        let mut out = std::io::Cursor::new(Vec::new());
        image.write_to(&mut out, ImageFormat::Jpeg).unwrap();
        out.into_inner()
    }

    fn folder(files: &[(&str, Vec<u8>)]) -> (tempfile::TempDir, ProjectDir) {
        let root = tempfile::tempdir().unwrap();
        for (name, bytes) in files {
            std::fs::write(root.path().join(name), bytes).unwrap();
        }
        let dir = ProjectDir::open(root.path()).unwrap();
        (root, dir)
    }

    #[test]
    fn truncated_files_are_refused() {
        let whole = jpeg(64, 64);
        let cut_jpeg = whole[..whole.len() * 2 / 3].to_vec();
        let whole_png = png(64, 64);
        let cut_png = whole_png[..whole_png.len() - 20].to_vec();
        let (_root, dir) = folder(&[("a.jpg", whole), ("b.jpg", cut_jpeg), ("c.png", cut_png)]);
        let mut pictures = Pictures::default();
        assert!(pictures.get(&dir, Path::new("a.jpg")).is_ok());
        let b = pictures.get(&dir, Path::new("b.jpg")).unwrap_err().to_string();
        assert!(b.contains("ends early"), "{b}");
        let c = pictures.get(&dir, Path::new("c.png")).unwrap_err().to_string();
        assert!(c.contains("damaged"), "{c}");
    }

    #[test]
    fn huge_pictures_are_refused_with_their_size_before_decoding() {
        // A real 11 000 × 11 000 PNG compresses to a few hundred kilobytes.
        let (_root, dir) = folder(&[("big.png", png(11_000, 11_000))]);
        let message = Pictures::default().get(&dir, Path::new("big.png")).unwrap_err();
        let message = message.to_string();
        assert!(message.contains("11000 × 11000"), "{message}");
        assert!(message.contains("at most 40 megapixels"), "{message}");
    }

    #[test]
    fn large_pictures_are_scaled_to_print_resolution() {
        let (_root, dir) = folder(&[("wide.png", png(4800, 1200))]);
        let picture = Pictures::default().get(&dir, Path::new("wide.png")).unwrap();
        assert_eq!((picture.width, picture.height), (2400, 600));
        let decoded = image::load_from_memory(&picture.bytes).unwrap();
        assert_eq!(decoded.width(), 2400);
    }

    #[test]
    fn one_file_named_twice_is_read_once() {
        let (root, dir) = folder(&[("a.png", png(8, 8))]);
        let mut pictures = Pictures::default();
        let first = pictures.get(&dir, Path::new("a.png")).unwrap();
        std::fs::remove_file(root.path().join("a.png")).unwrap();
        let again = pictures.get(&dir, Path::new("./a.png")).unwrap();
        assert!(Arc::ptr_eq(&first.bytes, &again.bytes));
    }
}
