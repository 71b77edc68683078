//! `handout` turns TOML-described talking points and audience profiles into
//! print-ready PDF leaflets, tailored per audience, in Kazakh, Russian and
//! English.
//!
//! The pipeline runs one way, each stage a module:
//! [`load`] → [`tailor`] → [`typeset`] → [`export`], with [`batch`] running
//! the matrix of audiences × languages × formats.

pub mod base;
pub mod batch;
pub mod diag;
pub mod export;
pub mod load;
pub mod preview;
pub mod project;
pub mod scaffold;
pub mod strings;
pub mod tailor;
pub mod theme;
pub mod typeset;
pub mod watch;
