//! Shared helpers for the end-to-end tests: build the example once through
//! the command line, read PDFs back with Rust PDF readers.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use handout::load::markup;
use handout::project::{Lang, Project};

/// The example project shipped in the repository.
pub fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("handouts/constitution-2026")
}

/// Copies the folder `from` into `to`.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, target).unwrap();
        }
    }
}

/// Runs the `handout` binary. Whatever a build wrote, failed or not, must
/// be sound PDFs.
pub fn handout(args: &[&str]) -> Output {
    let output = Command::new(env!("CARGO_BIN_EXE_handout"))
        .args(args)
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .expect("the handout binary runs");
    if args.first() == Some(&"build")
        && let Some(i) = args.iter().position(|a| *a == "--out")
        && let Some(out) = args.get(i + 1)
    {
        assert_sound_pdfs(Path::new(out));
    }
    output
}

/// A build into a fresh temporary folder.
pub struct Build {
    /// Keeps the folder alive.
    pub dir: tempfile::TempDir,
    /// The output folder.
    pub out: PathBuf,
    /// What the process reported.
    pub output: Output,
}

impl Build {
    /// What the build printed on stderr.
    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.output.stderr).into_owned()
    }
}

/// Runs `handout build PROJECT ARGS… --out TEMP/out`.
pub fn build_into(project: &Path, args: &[&str]) -> Build {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let mut all = vec!["build", project.to_str().unwrap()];
    all.extend_from_slice(args);
    all.extend(["--out", out.to_str().unwrap()]);
    let output = handout(&all);
    Build { dir, out, output }
}

/// Like [`build_into`], and the build must succeed with sound PDFs.
pub fn build_ok(project: &Path, args: &[&str]) -> Build {
    let build = build_into(project, args);
    assert!(build.output.status.success(), "build failed: {}", build.stderr());
    assert_sound_pdfs(&build.out);
    build
}

/// Every file below `dir` (links not followed), relative to it, sorted.
pub fn files_below(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for path in std::fs::read_dir(&d).unwrap().map(|e| e.unwrap().path()) {
            let meta = std::fs::symlink_metadata(&path).unwrap();
            if meta.is_dir() {
                stack.push(path);
            } else if meta.is_file() {
                out.push(path.strip_prefix(dir).unwrap().to_string_lossy().into_owned());
            }
        }
    }
    out.sort();
    out
}

/// Every PDF below `folder` re-parses, and every number in its page
/// contents and page boxes is finite: a PDF viewer given `NaN` shows
/// nothing or refuses the file.
pub fn assert_sound_pdfs(folder: &Path) {
    let mut stack = vec![folder.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for path in entries.flatten().map(|e| e.path()) {
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|x| x == "pdf") {
                assert_sound_pdf(&std::fs::read(&path).unwrap(), &path.display().to_string());
            }
        }
    }
}

/// One PDF re-parses with finite numbers; `name` is for the message.
pub fn assert_sound_pdf(bytes: &[u8], name: &str) {
    use lopdf::Object;
    let doc = lopdf::Document::load_mem(bytes).unwrap_or_else(|e| panic!("{name} does not parse: {e}"));
    let finite = |o: &Object| match o {
        Object::Real(r) => r.is_finite(),
        _ => true,
    };
    for (n, id) in doc.get_pages() {
        let page = doc.get_dictionary(id).unwrap();
        for key in [&b"MediaBox"[..], b"TrimBox", b"BleedBox"] {
            if let Ok(Object::Array(values)) = page.get(key) {
                assert!(
                    values.iter().all(finite),
                    "{name} page {n}: a page box is not finite"
                );
            }
        }
        let content = doc.get_page_content(id);
        let ops = lopdf::content::Content::decode(&content)
            .unwrap_or_else(|e| panic!("{name} page {n}: content does not parse: {e}"));
        for op in &ops.operations {
            assert!(
                op.operands.iter().all(finite),
                "{name} page {n}: `{}` has a number that is not finite",
                op.operator
            );
        }
    }
}

/// A PowerPoint file opens as a zip whose content types come first and
/// whose every XML part is well formed; `name` is for the message.
pub fn assert_sound_pptx(bytes: &[u8], name: &str) {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .unwrap_or_else(|e| panic!("{name} is not a zip: {e}"));
    assert_eq!(
        zip.by_index(0).unwrap().name().unwrap(),
        "[Content_Types].xml",
        "{name}"
    );
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).unwrap();
        let part_name = part.name().unwrap().to_string();
        if !(part_name.ends_with(".xml") || part_name.ends_with(".rels")) {
            continue;
        }
        let mut text = String::new();
        part.read_to_string(&mut text)
            .unwrap_or_else(|e| panic!("{name}: {part_name} is not UTF-8: {e}"));
        let mut reader = quick_xml::Reader::from_str(&text);
        loop {
            match reader.read_event() {
                Ok(quick_xml::events::Event::Eof) => break,
                Ok(_) => {}
                Err(e) => panic!("{name}: {part_name} is not well-formed XML: {e}"),
            }
        }
    }
}

/// The example, built once per test binary into a temporary folder.
pub struct Built {
    /// Keeps the folder alive.
    _dir: tempfile::TempDir,
    /// The output folder.
    pub out: PathBuf,
    /// What the build printed.
    pub stdout: String,
}

/// Builds the example (all audiences × languages) once.
pub fn built() -> &'static Built {
    static BUILT: OnceLock<Built> = OnceLock::new();
    BUILT.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        let result = handout(&[
            "build",
            example().to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ]);
        assert!(
            result.status.success(),
            "build failed: {}",
            String::from_utf8_lossy(&result.stderr)
        );
        assert_sound_pdfs(&out);
        Built {
            _dir: dir,
            out,
            stdout: String::from_utf8(result.stdout).unwrap(),
        }
    })
}

/// Loads the example project through the library.
pub fn project() -> Project {
    let loaded = handout::load::load(&example());
    let errors: Vec<String> = loaded.diagnostics.iter().map(|d| d.to_string()).collect();
    loaded
        .project
        .unwrap_or_else(|| panic!("example does not load:\n{}", errors.join("\n")))
}

/// Every (audience, language) the example builds by default.
pub fn matrix(project: &Project) -> Vec<(String, Lang)> {
    project
        .audiences
        .iter()
        .flat_map(|a| a.languages.iter().map(move |&l| (a.id.value.clone(), l)))
        .collect()
}

/// Every leaflet of `project` laid out (not exported), by audience and
/// language.
pub fn leaflet_layouts(
    project: &Project,
) -> Vec<(
    String,
    Lang,
    Result<handout::typeset::page::Layout, handout::diag::Diagnostic>,
)> {
    use handout::batch::{Job, Shared, layout};
    let book = handout::typeset::text::fonts::FontBook::with_project(&project.fonts);
    let fonts = handout::export::pdf::PdfFonts::new(&book).expect("the built-in fonts embed");
    let shared = Shared::new(project, &book, &fonts);
    matrix(project)
        .into_iter()
        .map(|(audience, lang)| {
            let job = Job {
                audience: audience.clone(),
                lang,
                format: handout::project::Format::Leaflet,
                meeting: None,
            };
            let laid_out = layout(&shared, &job).map(|r| r.layout);
            (audience, lang, laid_out)
        })
        .collect()
}

/// Inline Markdown without markup.
pub fn plain(source: &str) -> String {
    markup::parse(source)
        .paras
        .iter()
        .map(|p| p.plain_text())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Words of a text, split on any kind of space, as a reader's search sees them.
///
/// pdf-extract guesses word gaps from glyph positions, and where a bold or
/// italic word meets the punctuation after it (two font runs) it guesses a
/// gap that is not there (pdftotext does not). Punctuation that starts a
/// token is therefore joined to the word before it, on both sides of a
/// comparison.
///
/// A word hyphenated at a line end carries a soft hyphen (U+00AD) in the
/// text layer, which readers' search and copy treat as invisible: the two
/// halves are one word.
pub fn words(text: &str) -> Vec<String> {
    let mut joined = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\u{ad}' {
            while chars.next_if(|c| c.is_whitespace()).is_some() {}
        } else {
            joined.push(c);
        }
    }
    let mut out: Vec<String> = Vec::new();
    for token in joined
        .split(|c: char| c.is_whitespace() || c == '\u{202f}')
        .filter(|w| !w.is_empty())
    {
        let closes = token.starts_with([',', '.', ';', ':', '!', '?', ')', '»', '\u{201d}', '\u{2019}']);
        match out.last_mut() {
            Some(last) if closes => last.push_str(token),
            _ => out.push(token.to_owned()),
        }
    }
    out
}

/// The text layer of a PDF, as a Rust extractor reads it.
pub fn text_layer(pdf: &Path) -> String {
    pdf_extract::extract_text(pdf).unwrap_or_else(|e| panic!("cannot extract {}: {e}", pdf.display()))
}

/// Finds `needle` as a subsequence of `haystack` starting at `from`; returns
/// the index after its last word, or the first word that was not found.
/// A compound broken at its own hyphen at a line end ("жан-" + "жақты")
/// counts as the whole word.
pub fn find_in_order(haystack: &[String], needle: &[String], from: usize) -> Result<usize, String> {
    let mut at = from;
    for word in needle {
        let found = (at..haystack.len()).find_map(|i| {
            let w = &haystack[i];
            if w == word {
                return Some(i + 1);
            }
            let next = haystack.get(i + 1)?;
            (w.ends_with('-') && format!("{w}{next}") == *word).then_some(i + 2)
        });
        match found {
            Some(next) => at = next,
            None => return Err(word.clone()),
        }
    }
    Ok(at)
}
