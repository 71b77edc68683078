//! QR codes drawn as vector squares, crisp at any print size.

use super::page::{Color, Item, Rect};

/// Quiet zone around the code, in modules; scanners need at least 2 to find
/// the code on a busy background.
pub const QUIET: usize = 2;

/// Draws the QR code `modules` (row by row, true = dark) filling `area` (a
/// square): a light background with the quiet zone, then the dark modules,
/// one rectangle per horizontal run of modules.
pub fn draw(modules: &[Vec<bool>], area: Rect, dark: Color, light: Color) -> Vec<Item> {
    let n = modules.len();
    if n == 0 {
        return Vec::new();
    }
    let dark_at = |x: usize, y: usize| modules[y].get(x).copied().unwrap_or(false);
    let module = area.w.min(area.h) / (n + 2 * QUIET) as f32;
    let origin = (area.x + QUIET as f32 * module, area.y + QUIET as f32 * module);
    let mut rects = Vec::new();
    for y in 0..n {
        let mut x = 0;
        while x < n {
            if dark_at(x, y) {
                let start = x;
                while x < n && dark_at(x, y) {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drawn_squares_reproduce_the_module_matrix() {
        let address = crate::project::WebAddress::new("https://example.kz/referendum").unwrap();
        let items = draw(
            &address.qr,
            Rect::new(10.0, 20.0, 58.0, 58.0),
            Color::rgb(0, 0, 0),
            Color::rgb(255, 255, 255),
        );
        let Item::Fill { rects, .. } = &items[1] else {
            panic!("second item is the dark modules");
        };
        let matrix = address.qr.as_ref().clone();
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
