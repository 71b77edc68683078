//! The typeset stage: a [`Document`](crate::tailor::Document) and a theme in,
//! pages of positioned glyph runs, shapes and links out. Pure: no files.

pub mod deck;
pub mod fit;
pub mod flow;
pub mod hyphenate;
pub mod impose;
pub mod leaflet;
pub mod notes;
pub mod page;
pub mod preflight;
pub mod qr;
pub mod setter;
pub mod text;
