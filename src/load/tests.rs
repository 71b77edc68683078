//! Load tests: what a project folder turns into, and what it is refused for.

use super::*;
use crate::project::Lang;

/// Loads a project made of `handout_toml` and audience files.
pub fn load_str(handout_toml: &str, audiences: &[&str]) -> Loaded {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("audiences")).unwrap();
    std::fs::write(dir.path().join("handout.toml"), handout_toml).unwrap();
    for (i, a) in audiences.iter().enumerate() {
        std::fs::write(dir.path().join(format!("audiences/a{i}.toml")), a).unwrap();
    }
    load(dir.path())
}

/// Loads a project that must be valid.
pub fn project(handout_toml: &str, audiences: &[&str]) -> Project {
    let loaded = load_str(handout_toml, audiences);
    let messages: Vec<String> = loaded.diagnostics.iter().map(ToString::to_string).collect();
    loaded
        .project
        .unwrap_or_else(|| panic!("project does not load:\n{}", messages.join("\n")))
}

/// Error messages of a project that must be refused.
fn errors(handout_toml: &str, audiences: &[&str]) -> Vec<String> {
    let loaded = load_str(handout_toml, audiences);
    assert!(loaded.project.is_none(), "the project loaded");
    loaded
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.message.clone())
        .collect()
}

const HEAD: &str = r#"[handout]
id = "demo"
languages = ["kk", "ru"]
title = { kk = "Атау", ru = "Название" }
"#;

const POINT: &str = r#"
[[point]]
id = "p"
tags = ["rights"]
title = { kk = "Құқық", ru = "Право" }
body = { kk = "Мәтін.", ru = "Текст." }
"#;

#[test]
fn a_minimal_project_loads_with_defaults() {
    let p = project(&format!("{HEAD}{POINT}"), &[]);
    assert_eq!(p.handout.languages, vec![Lang::Kk, Lang::Ru]);
    assert_eq!(p.points[0].priority, 1);
    assert!(p.audiences.is_empty());
}

#[test]
fn an_audience_without_languages_gets_the_handouts() {
    let audience = r#"[audience]
id = "all"
name = { kk = "Барлығы", ru = "Все" }
"#;
    let p = project(&format!("{HEAD}{POINT}"), &[audience]);
    assert_eq!(p.audiences[0].languages, vec![Lang::Kk, Lang::Ru]);
    assert_eq!(p.audiences[0].formats, vec![Format::Leaflet]);
}

#[test]
fn wrong_types_are_named_with_what_was_expected() {
    let toml = format!("{HEAD}{POINT}").replace("tags = [\"rights\"]", "tags = \"rights\"\npriority = 0");
    let errors = errors(&toml, &[]);
    assert!(
        errors
            .iter()
            .any(|e| e == "expected an array for `tags`, found string"),
        "{errors:?}"
    );
    assert!(
        errors
            .iter()
            .any(|e| e.contains("`priority` must be a whole number of at least 1")),
        "{errors:?}"
    );
}

#[test]
fn a_fallback_turns_missing_translations_into_warnings() {
    let toml =
        format!("{HEAD}fallback = \"ru\"\n{POINT}").replace("title = { kk = \"Құқық\", ", "title = { ");
    let loaded = load_str(&toml, &[]);
    assert!(loaded.project.is_some());
    let warning = loaded
        .diagnostics
        .iter()
        .find(|d| !d.is_error())
        .expect("a warning");
    assert!(
        warning.message.contains("missing kk translation") && warning.message.contains("using the ru text")
    );
}

#[test]
fn variants_must_name_a_known_audience() {
    let toml =
        format!("{HEAD}{POINT}[point.audience.traders]\nextra = {{ kk = \"Қосымша\", ru = \"Доп.\" }}\n");
    let errors = errors(&toml, &[]);
    assert!(
        errors.iter().any(|e| e.contains("unknown audience `traders`")),
        "{errors:?}"
    );
}

#[test]
fn audience_languages_must_be_promised_by_the_handout() {
    let audience = r#"[audience]
id = "guests"
name = { kk = "Қонақтар", ru = "Гости" }
languages = ["en"]
"#;
    let errors = errors(&format!("{HEAD}{POINT}"), &[audience]);
    assert!(errors.iter().any(|e| e.contains("wants en")), "{errors:?}");
}

#[test]
fn a_missing_handout_file_is_an_error_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let loaded = load(dir.path());
    assert!(loaded.project.is_none());
    assert!(loaded.diagnostics[0].message.contains("has no handout.toml"));
}

/// A PNG of `width` × `height` pixels claimed in its header (the pixel data
/// stays 1 × 1: decoders must refuse on the header alone).
fn png_claiming(width: u32, height: u32) -> Vec<u8> {
    let mut bytes = Vec::new();
    let pixel = image::GrayImage::from_pixel(1, 1, image::Luma([0]));
    pixel
        .write_to(&mut std::io::Cursor::new(&mut bytes), image::ImageFormat::Png)
        .unwrap();
    // IHDR data starts after the 8-byte signature, 4-byte length and 4-byte type.
    bytes[16..20].copy_from_slice(&width.to_be_bytes());
    bytes[20..24].copy_from_slice(&height.to_be_bytes());
    let crc = crc32(&bytes[12..29]);
    bytes[29..33].copy_from_slice(&crc.to_be_bytes());
    bytes
}

/// CRC-32 as PNG chunks use it.
fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &byte in data {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

#[test]
fn pictures_must_be_sound_images_of_a_sane_size() {
    let cases: [(&str, Vec<u8>, &str); 3] = [
        (
            "text.png",
            b"not a picture".to_vec(),
            "is not a PNG or JPEG image",
        ),
        (
            "cut.png",
            png_claiming(1, 1)[..40].to_vec(),
            "is damaged or unreadable",
        ),
        ("bomb.png", png_claiming(50_000, 50_000), "at most 40 megapixels"),
    ];
    for (name, bytes, expected) in cases {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(name), bytes).unwrap();
        std::fs::write(
            dir.path().join("handout.toml"),
            format!("{HEAD}logo = \"{name}\"\n{POINT}"),
        )
        .unwrap();
        let loaded = load(dir.path());
        let messages: Vec<String> = loaded.diagnostics.iter().map(|d| d.to_string()).collect();
        assert!(
            messages
                .iter()
                .any(|m| m.contains(expected) && m.contains("handout.toml:5:8")),
            "{name}: {messages:?}"
        );
    }
}

#[test]
fn a_sound_picture_keeps_its_size_and_bytes() {
    let dir = tempfile::tempdir().unwrap();
    image::RgbImage::from_pixel(40, 20, image::Rgb([200, 10, 10]))
        .save(dir.path().join("flag.png"))
        .unwrap();
    std::fs::write(
        dir.path().join("handout.toml"),
        format!("{HEAD}logo = \"flag.png\"\n{POINT}"),
    )
    .unwrap();
    let project = load(dir.path()).project.unwrap();
    let logo = project.handout.logo.unwrap();
    assert_eq!(
        (logo.width, logo.height, logo.kind),
        (40, 20, crate::project::PictureKind::Png)
    );
    assert!((logo.aspect() - 0.5).abs() < 1e-6);
}

#[test]
fn an_audience_theme_changes_only_what_it_names_for_that_audience() {
    let plain = "[audience]\nid = \"plain\"\nname = { kk = \"А\", ru = \"А\" }\ninterests = [\"rights\"]\n";
    let flat = "[audience]\nid = \"flat\"\nname = { kk = \"Б\", ru = \"Б\" }\ninterests = [\"rights\"]\n\
                [theme.leaflet]\nfold = \"none\"\nbody_size = \"14pt\"\n[theme.colors]\nprimary = \"#112233\"\n";
    let inline = format!(
        "{HEAD}{POINT}\n[[audience]]\nid = \"inline\"\nname = {{ kk = \"В\", ru = \"В\" }}\n\
         [audience.theme.deck]\nmax_bullets = 3\n"
    );
    let p = project(&inline, &[plain, flat]);
    let theme = |id: &str| p.theme_for(p.audience(id).unwrap());
    assert!(p.audience("plain").unwrap().theme.is_none());
    let (own, base) = (theme("flat"), &p.theme);
    assert_eq!(own.leaflet.fold, crate::base::Fold::None);
    assert_eq!(own.leaflet.body_size, 14.0);
    assert_eq!(own.colors.primary, crate::base::Color::rgb(0x11, 0x22, 0x33));
    // Everything it does not name is the project's.
    assert_eq!(own.leaflet.margin, base.leaflet.margin);
    assert_eq!(own.deck.max_bullets, base.deck.max_bullets);
    assert_eq!(theme("inline").deck.max_bullets, 3);
    assert_eq!(base.deck.max_bullets, 6);
}

#[test]
fn an_audience_theme_given_twice_is_refused() {
    let twice = "[audience]\nid = \"a\"\nname = { kk = \"А\", ru = \"А\" }\ninterests = [\"rights\"]\n\
                 [audience.theme.leaflet]\nfold = \"none\"\n[theme.leaflet]\nfold = \"bifold\"\n";
    let found = errors(&format!("{HEAD}{POINT}"), &[twice]);
    assert!(
        found.iter().any(|e| e.contains("the theme is given twice")),
        "{found:?}"
    );
}
