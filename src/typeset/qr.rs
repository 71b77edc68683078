//! QR codes drawn as vector squares, crisp at any print size.

use qrcode::{EcLevel, QrCode};

use super::page::{Color, Item, Rect};

/// Quiet zone around the code, in modules; scanners need at least 2 to find
/// the code on a busy background.
const QUIET: usize = 2;

/// Draws a QR code of `data` filling `area` (a square): a light background
/// with the quiet zone, then the dark modules, one rectangle per horizontal
/// run of modules. Empty when the data is too long for a QR code.
pub fn draw(data: &str, area: Rect, dark: Color, light: Color) -> Vec<Item> {
    let Ok(code) = QrCode::with_error_correction_level(data, EcLevel::M) else {
        return Vec::new();
    };
    let n = code.width();
    let module = area.w.min(area.h) / (n + 2 * QUIET) as f32;
    let origin = (area.x + QUIET as f32 * module, area.y + QUIET as f32 * module);
    let mut rects = Vec::new();
    for y in 0..n {
        let mut x = 0;
        while x < n {
            if code[(x, y)] == qrcode::Color::Dark {
                let start = x;
                while x < n && code[(x, y)] == qrcode::Color::Dark {
                    x += 1;
                }
                rects.push(Rect::new(
                    origin.0 + start as f32 * module,
                    origin.1 + y as f32 * module,
                    (x - start) as f32 * module,
                    module,
                ));
            } else {
                x += 1;
            }
        }
    }
    vec![
        Item::Fill {
            rects: vec![area],
            color: light,
        },
        Item::Fill { rects, color: dark },
    ]
}

/// The module matrix of the QR code of `data` (true = dark), for checking
/// what was drawn.
pub fn modules(data: &str) -> Option<Vec<Vec<bool>>> {
    let code = QrCode::with_error_correction_level(data, EcLevel::M).ok()?;
    let n = code.width();
    Some(
        (0..n)
            .map(|y| (0..n).map(|x| code[(x, y)] == qrcode::Color::Dark).collect())
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drawn_squares_reproduce_the_module_matrix() {
        let url = "https://example.kz/referendum";
        let items = draw(
            url,
            Rect::new(10.0, 20.0, 58.0, 58.0),
            Color::rgb(0, 0, 0),
            Color::rgb(255, 255, 255),
        );
        let Item::Fill { rects, .. } = &items[1] else {
            panic!("second item is the dark modules");
        };
        let matrix = modules(url).unwrap();
        let n = matrix.len();
        let module = 58.0 / (n + 2 * QUIET) as f32;
        let mut drawn = vec![vec![false; n]; n];
        for r in rects {
            let y = ((r.y - 20.0) / module).round() as usize - QUIET;
            let x0 = ((r.x - 10.0) / module).round() as usize - QUIET;
            let len = (r.w / module).round() as usize;
            for cell in &mut drawn[y][x0..x0 + len] {
                *cell = true;
            }
        }
        assert_eq!(drawn, matrix);
    }
}
