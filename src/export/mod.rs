//! The export stage: laid-out pages to file formats.

pub mod pdf;
mod tags;
