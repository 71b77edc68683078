//! The export stage: laid-out pages to file formats.

pub mod pdf;
pub mod png;
pub mod pptx;
mod tags;
