//! Where each part of a slide goes in the built-in design, for a slide of
//! any size: the built-in layouts are drawn from these frames, and on an
//! organiser's layout that lacks a placeholder the text goes into a box at
//! the same place, so nothing of a slide is ever lost. The proportions are
//! those of the PDF deck (`typeset::deck`): 48 pt margins on 960 × 540.

use super::xml::emu;

/// A box on the slide, in EMU.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Frame {
    /// Left edge.
    pub x: i64,
    /// Top edge.
    pub y: i64,
    /// Width.
    pub w: i64,
    /// Height.
    pub h: i64,
}

impl Frame {
    /// A frame from points.
    pub fn points(x: f32, y: f32, w: f32, h: f32) -> Self {
        Self {
            x: emu(x),
            y: emu(y),
            w: emu(w.max(1.0)),
            h: emu(h.max(1.0)),
        }
    }

    /// The largest frame of height `aspect` × width inside this one, at its
    /// top right: pictures keep their proportions.
    pub fn fit_right(self, aspect: f32) -> Frame {
        let aspect = f64::from(aspect.max(0.01));
        let (w, h) = (self.w as f64, self.h as f64);
        let (fw, fh) = if w * aspect <= h {
            (w, w * aspect)
        } else {
            (h / aspect, h)
        };
        Frame {
            x: self.x + (w - fw).round() as i64,
            y: self.y,
            w: fw.round() as i64,
            h: fh.round() as i64,
        }
    }

    /// The frame's left `share` (0–1), less half a gap.
    pub fn left_part(self, share: f64, gap: i64) -> Frame {
        Frame {
            w: (self.w as f64 * share).round() as i64 - gap / 2,
            ..self
        }
    }

    /// The frame's right `share` (0–1), less half a gap.
    pub fn right_part(self, share: f64, gap: i64) -> Frame {
        let w = (self.w as f64 * share).round() as i64 - gap / 2;
        Frame {
            x: self.x + self.w - w,
            w,
            ..self
        }
    }
}

/// Space around the slide's content.
const MARGIN: f32 = 48.0;
/// Height kept at the foot of content slides for the footer.
const FOOTER_H: f32 = 40.0;
/// Side of the QR code on the closing slide, as on the PDF slide.
const QR_SIDE: f32 = 230.0;
/// Share of the content width a big number takes, as on the PDF slide.
pub const FACT_SHARE: f64 = 0.36;
/// Share of the content width bullets keep beside a picture.
pub const PICTURE_SHARE: f64 = 0.4;
/// Space between two columns of content.
pub const COLUMN_GAP: f32 = 32.0;

/// The frames of a slide of `w` × `h` points.
#[derive(Debug, Clone, Copy)]
pub struct Design {
    /// Slide width in points.
    pub w: f32,
    /// Slide height in points.
    pub h: f32,
}

impl Design {
    /// The design for a slide of `cx` × `cy` EMU.
    pub fn for_slide(cx: i64, cy: i64) -> Self {
        Self {
            w: cx as f32 / 12700.0,
            h: cy as f32 / 12700.0,
        }
    }

    /// Width inside the margins.
    fn inner(&self) -> f32 {
        self.w - 2.0 * MARGIN
    }

    /// Title of a content slide: two lines of 40 pt, sitting on the rule.
    pub fn title(&self) -> Frame {
        Frame::points(MARGIN, 20.0, self.inner(), 100.0)
    }

    /// The short accent rule under a content slide's title.
    pub fn rule(&self) -> Frame {
        Frame::points(MARGIN, 124.0, 80.0, 5.0)
    }

    /// Bullets of a content slide.
    pub fn body(&self) -> Frame {
        let top = 142.0;
        Frame::points(MARGIN, top, self.inner(), self.h - FOOTER_H - 12.0 - top)
    }

    /// The big number's column.
    pub fn fact(&self) -> Frame {
        self.body().left_part(FACT_SHARE, 0)
    }

    /// The bullets beside a big number.
    pub fn beside_fact(&self) -> Frame {
        self.body().right_part(1.0 - FACT_SHARE, emu(COLUMN_GAP) * 2)
    }

    /// The footer line.
    pub fn footer(&self) -> Frame {
        Frame::points(MARGIN, self.h - FOOTER_H + 4.0, self.inner(), 24.0)
    }

    /// Where the brand stripe of the title slide runs.
    pub fn stripe(&self) -> Frame {
        Frame::points(0.0, self.h * 0.62, self.w, 8.0)
    }

    /// The document's title above the stripe.
    pub fn cover_title(&self) -> Frame {
        let bottom = self.h * 0.62 - 20.0;
        Frame::points(MARGIN, MARGIN + 40.0, self.inner(), bottom - MARGIN - 40.0)
    }

    /// Subtitle, audience, date and organiser below the stripe.
    pub fn cover_details(&self) -> Frame {
        let top = self.h * 0.62 + 8.0 + 20.0;
        Frame::points(MARGIN, top, self.inner(), self.h - top - 24.0)
    }

    /// The logo's corner on the title slide.
    pub fn logo(&self) -> Frame {
        Frame::points(self.w - MARGIN - 160.0, MARGIN - 16.0, 160.0, 72.0)
    }

    /// The small heading of the quote slide.
    pub fn quote_label(&self) -> Frame {
        Frame::points(MARGIN, 24.0, self.inner(), 36.0)
    }

    /// The quoted words.
    pub fn quote(&self) -> Frame {
        Frame::points(
            MARGIN + 40.0,
            80.0,
            self.inner() - 100.0,
            self.h - 80.0 - FOOTER_H - 86.0,
        )
    }

    /// The accent bar beside the quote.
    pub fn quote_bar(&self) -> Frame {
        let quote = self.quote();
        Frame {
            x: emu(MARGIN),
            w: emu(8.0),
            ..quote
        }
    }

    /// Who said it.
    pub fn quote_author(&self) -> Frame {
        Frame::points(
            MARGIN + 40.0,
            self.h - FOOTER_H - 76.0,
            self.inner() - 100.0,
            56.0,
        )
    }

    /// Width of the closing slide's text, beside the QR code.
    fn closing_w(&self) -> f32 {
        self.inner() - QR_SIDE - 48.0
    }

    /// The call to action.
    pub fn closing_title(&self) -> Frame {
        Frame::points(MARGIN, MARGIN, self.closing_w(), self.h / 2.0 - MARGIN)
    }

    /// Contacts and the web address under the call to action.
    pub fn closing_body(&self) -> Frame {
        let top = self.h / 2.0 + 12.0;
        Frame::points(MARGIN, top, self.closing_w(), self.h - top - MARGIN)
    }

    /// The QR code.
    pub fn qr(&self) -> Frame {
        Frame::points(
            self.w - MARGIN - QR_SIDE,
            (self.h - QR_SIDE) / 2.0,
            QR_SIDE,
            QR_SIDE,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_picture_keeps_its_proportions_at_the_top_right() {
        let area = Frame {
            x: 0,
            y: 0,
            w: 400,
            h: 300,
        };
        assert_eq!(
            area.fit_right(0.5),
            Frame {
                x: 0,
                y: 0,
                w: 400,
                h: 200
            }
        );
        assert_eq!(
            area.fit_right(1.5),
            Frame {
                x: 200,
                y: 0,
                w: 200,
                h: 300
            }
        );
    }

    #[test]
    fn every_frame_lies_on_the_slide() {
        for design in [Design { w: 960.0, h: 540.0 }, Design { w: 720.0, h: 540.0 }] {
            let (w, h) = (emu(design.w), emu(design.h));
            for f in [
                design.title(),
                design.body(),
                design.fact(),
                design.beside_fact(),
                design.footer(),
                design.cover_title(),
                design.cover_details(),
                design.logo(),
                design.quote(),
                design.quote_author(),
                design.closing_title(),
                design.closing_body(),
                design.qr(),
            ] {
                assert!(f.x >= 0 && f.y >= 0 && f.x + f.w <= w && f.y + f.h <= h, "{f:?}");
                assert!(f.w > 0 && f.h > 0, "{f:?}");
            }
        }
    }
}
