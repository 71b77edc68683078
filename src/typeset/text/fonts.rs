//! Fonts: the faces a build may use, parsed once and shared by every job.

use std::str::FromStr;
use std::sync::{Arc, OnceLock};

use rustybuzz::{Face, ShapePlan};

use crate::project::Lang;

/// Index of a face in the [`FontBook`].
pub type FaceId = usize;

/// The built-in faces, compiled into the binary so a build needs no system fonts.
const BUILT_IN: [(&str, bool, bool, &[u8]); 8] = [
    (
        "Noto Serif",
        false,
        false,
        include_bytes!("../../../fonts/NotoSerif-Regular.ttf"),
    ),
    (
        "Noto Serif",
        true,
        false,
        include_bytes!("../../../fonts/NotoSerif-Bold.ttf"),
    ),
    (
        "Noto Serif",
        false,
        true,
        include_bytes!("../../../fonts/NotoSerif-Italic.ttf"),
    ),
    (
        "Noto Serif",
        true,
        true,
        include_bytes!("../../../fonts/NotoSerif-BoldItalic.ttf"),
    ),
    (
        "Noto Sans",
        false,
        false,
        include_bytes!("../../../fonts/NotoSans-Regular.ttf"),
    ),
    (
        "Noto Sans",
        true,
        false,
        include_bytes!("../../../fonts/NotoSans-Bold.ttf"),
    ),
    (
        "Noto Sans",
        false,
        true,
        include_bytes!("../../../fonts/NotoSans-Italic.ttf"),
    ),
    (
        "Noto Sans",
        true,
        true,
        include_bytes!("../../../fonts/NotoSans-BoldItalic.ttf"),
    ),
];

/// The bytes of a font file: compiled in, or read from a project's `fonts/`.
#[derive(Clone)]
pub enum FontFile {
    /// A built-in face.
    Static(&'static [u8]),
    /// A project's face, shared by every job of a build.
    Shared(Arc<Vec<u8>>),
}

impl FontFile {
    /// The bytes.
    pub fn bytes(&self) -> &[u8] {
        match self {
            FontFile::Static(bytes) => bytes,
            FontFile::Shared(bytes) => bytes,
        }
    }
}

self_cell::self_cell!(
    /// A parsed face together with the file it reads from.
    struct ParsedFace {
        owner: FontFile,
        #[covariant]
        dependent: Face,
    }
);

/// One font face and the metrics layout needs.
pub struct FontFace {
    /// Family name, as themes refer to it.
    pub family: String,
    /// Whether this is a bold face.
    pub bold: bool,
    /// Whether this is an italic face.
    pub italic: bool,
    /// The font file and the face parsed from it.
    parsed: ParsedFace,
    /// Font units per em, to turn shaped advances into points.
    pub units_per_em: f32,
    /// Ascender as a fraction of the em.
    pub ascender: f32,
    /// Cap height as a fraction of the em.
    pub cap_height: f32,
    /// Which characters below U+0500 (Latin and Cyrillic) have a glyph, one
    /// bit each: the fallback check runs for every character of every text.
    common: Box<[u64; COMMON_CHARS / 64]>,
}

/// Characters whose coverage is kept as a bit set.
const COMMON_CHARS: usize = 0x500;

impl FontFace {
    /// Parses a face; `None` when the bytes are not a usable font.
    fn parse(family: &str, bold: bool, italic: bool, file: FontFile) -> Option<Self> {
        let parsed = ParsedFace::try_new(file, |file| Face::from_slice(file.bytes(), 0).ok_or(())).ok()?;
        let face = parsed.borrow_dependent();
        let units_per_em = face.units_per_em() as f32;
        let ascender = f32::from(face.ascender()) / units_per_em;
        let cap_height = face.capital_height().map_or(0.7, |h| f32::from(h) / units_per_em);
        let mut common = Box::new([0u64; COMMON_CHARS / 64]);
        for (i, c) in (0..COMMON_CHARS as u32).filter_map(char::from_u32).enumerate() {
            if face.glyph_index(c).is_some() {
                common[i / 64] |= 1 << (i % 64);
            }
        }
        Some(Self {
            common,
            family: family.to_owned(),
            bold,
            italic,
            parsed,
            units_per_em,
            ascender,
            cap_height,
        })
    }

    /// The parsed face, for shaping and metrics.
    pub fn face(&self) -> &Face<'_> {
        self.parsed.borrow_dependent()
    }

    /// The font file, for embedding.
    pub fn file(&self) -> &FontFile {
        self.parsed.borrow_owner()
    }

    /// Whether the face has a glyph for `c`.
    pub fn covers(&self, c: char) -> bool {
        let i = c as usize;
        if i < COMMON_CHARS {
            return self.common[i / 64] & (1 << (i % 64)) != 0;
        }
        self.face().glyph_index(c).is_some()
    }

    /// "Noto Serif Bold Italic".
    pub fn name(&self) -> String {
        let style = match (self.bold, self.italic) {
            (false, false) => "",
            (true, false) => " Bold",
            (false, true) => " Italic",
            (true, true) => " Bold Italic",
        };
        format!("{}{style}", self.family)
    }
}

/// Scripts whose shaping plans are kept: those of Kazakh, Russian and English.
const PLANNED_SCRIPTS: [rustybuzz::Script; 2] = [rustybuzz::script::CYRILLIC, rustybuzz::script::LATIN];

/// Shaping plans kept per face, for each language and planned script.
type Plans = [OnceLock<ShapePlan>; Lang::ALL.len() * PLANNED_SCRIPTS.len()];

/// Every face available to a build.
pub struct FontBook {
    /// The faces; a [`FaceId`] indexes this.
    faces: Vec<FontFace>,
    /// Shaping plans, made on first use: compiling a plan costs as much as
    /// shaping a short paragraph, and a leaflet shapes hundreds of runs.
    plans: Vec<Plans>,
}

impl FontBook {
    /// The faces compiled into the binary.
    pub fn built_in() -> Self {
        let faces = BUILT_IN
            .iter()
            .map(|&(family, bold, italic, data)| {
                FontFace::parse(family, bold, italic, FontFile::Static(data))
                    .expect("the built-in fonts are valid TrueType files")
            })
            .collect();
        Self::new(faces)
    }

    /// The project's fonts, then the built-in ones: a project font of the
    /// same family as a built-in one is preferred.
    pub fn with_project(fonts: &[crate::project::ProjectFont]) -> Self {
        let mut book = Self::built_in();
        let mut faces: Vec<FontFace> = fonts
            .iter()
            .filter_map(|f| FontFace::parse(&f.family, f.bold, f.italic, FontFile::Shared(f.bytes.clone())))
            .collect();
        faces.append(&mut book.faces);
        Self::new(faces)
    }

    /// A book of `faces`.
    fn new(faces: Vec<FontFace>) -> Self {
        let plans = faces
            .iter()
            .map(|_| std::array::from_fn(|_| OnceLock::new()))
            .collect();
        Self { faces, plans }
    }

    /// The shaping plan for `face`, `lang` and `script` (left to right), if
    /// the script is one whose plans are kept.
    pub fn plan(&self, face: FaceId, lang: Lang, script: Option<rustybuzz::Script>) -> Option<&ShapePlan> {
        let s = PLANNED_SCRIPTS.iter().position(|p| Some(*p) == script)?;
        let l = Lang::ALL.iter().position(|x| *x == lang)?;
        Some(self.plans[face][l * PLANNED_SCRIPTS.len() + s].get_or_init(|| {
            let language = rustybuzz::Language::from_str(lang.code()).ok();
            ShapePlan::new(
                self.faces[face].face(),
                rustybuzz::Direction::LeftToRight,
                script,
                language.as_ref(),
                &[],
            )
        }))
    }

    /// The face with this id.
    pub fn face(&self, id: FaceId) -> &FontFace {
        &self.faces[id]
    }

    /// All faces, indexed by [`FaceId`].
    pub fn faces(&self) -> &[FontFace] {
        &self.faces
    }

    /// A table of the faces and whether each covers the letters of Kazakh,
    /// Russian, English and Kazakh in Latin script, and the tenge sign.
    pub fn coverage_report(&self) -> String {
        const KAZAKH: &str = "ӘәҒғҚқҢңӨөҰұҮүҺһІі";
        const RUSSIAN: &str = "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдеёжзийклмнопрстуфхцчшщъыьэюя";
        // Every letter a Kazakh text can become in Latin script: the
        // transliteration of the whole Kazakh Cyrillic alphabet.
        let latin = crate::tailor::kk_latn::transliterate(&format!("{KAZAKH}{RUSSIAN}"));
        let scripts: [(&str, &str); 5] = [
            ("kk", KAZAKH),
            ("ru", RUSSIAN),
            ("en", "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"),
            ("kk-latn", &latin),
            ("₸", "₸"),
        ];
        let row = |name: &str, cells: &mut dyn Iterator<Item = String>| {
            let mut line = format!("{name:<24}");
            for cell in cells {
                line.push_str(&format!(" {cell:<7}"));
            }
            line.trim_end().to_owned() + "\n"
        };
        let mut out = row("face", &mut scripts.iter().map(|(name, _)| (*name).to_owned()));
        for face in &self.faces {
            let mut marks = scripts.iter().map(|(_, letters)| {
                match letters.chars().filter(|&c| !face.covers(c)).count() {
                    0 => "yes".to_owned(),
                    missing => format!("-{missing}"),
                }
            });
            out.push_str(&row(&face.name(), &mut marks));
        }
        out
    }

    /// The face of `family` closest to the wanted style: exact, else the same
    /// weight, else the family's regular face.
    pub fn select(&self, family: &str, bold: bool, italic: bool) -> Option<FaceId> {
        let in_family = || {
            self.faces
                .iter()
                .enumerate()
                .filter(move |(_, f)| f.family.eq_ignore_ascii_case(family))
        };
        let score = |f: &FontFace| (f.bold == bold) as u8 * 2 + (f.italic == italic) as u8;
        in_family()
            .max_by_key(|(i, f)| (score(f), usize::MAX - i))
            .map(|(i, _)| i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_families_themes_may_name_are_the_ones_compiled_in() {
        let mut families: Vec<&str> = BUILT_IN.iter().map(|f| f.0).collect();
        families.dedup();
        assert_eq!(families, crate::base::BUILT_IN_FAMILIES);
    }

    #[test]
    fn built_in_faces_cover_kazakh_russian_and_english() {
        let book = FontBook::built_in();
        let sample = "ӘәҒғҚқҢңӨөҰұҮүҺһІі ЁёЯя Qq Ğğ Ññ Şş Ūū İı № ₸ «» — \u{a0}\u{202f}";
        for face in book.faces() {
            for c in sample.chars().filter(|c| !c.is_whitespace()) {
                assert!(face.covers(c), "{} lacks {c:?}", face.name());
            }
        }
    }

    #[test]
    fn select_prefers_exact_style_then_weight() {
        let book = FontBook::built_in();
        let bold_italic = book.select("Noto Sans", true, true).unwrap();
        assert_eq!(book.face(bold_italic).name(), "Noto Sans Bold Italic");
        let regular = book.select("noto serif", false, false).unwrap();
        assert_eq!(book.face(regular).name(), "Noto Serif");
        assert!(book.select("Comic Sans", false, false).is_none());
    }
}
