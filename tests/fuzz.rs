//! Property-based fuzzing of the two ways input reaches the tool.
//!
//! - `loader`: the example's files damaged at random (bytes changed,
//!   inserted, cut) must load into a project or into diagnostics, never
//!   panic or hang.
//! - `pipeline`: valid projects whose texts are random (any script, any
//!   length, Markdown, numbers, addresses) must give for every product either
//!   a clear error or a PDF that re-parses with finite numbers.
//!
//! `cargo test` runs a few deterministic cases of each. A long run:
//!
//! ```sh
//! HANDOUT_FUZZ_SECONDS=1800 cargo test --release --test fuzz -- --nocapture loader
//! HANDOUT_FUZZ_SECONDS=1800 cargo test --release --test fuzz -- --nocapture pipeline
//! ```
//!
//! prints how many cases ran and, on a failure, the shrunk input; each
//! input found so far is kept below as a regression test.

mod common;

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};

use handout::batch::{self, Job, Shared};
use handout::export::pdf::PdfFonts;
use handout::project::Format;
use handout::typeset::text::fonts::FontBook;

/// Runs `test` over `strategy`: `cases` deterministic cases, or random ones
/// for HANDOUT_FUZZ_SECONDS seconds.
fn fuzz<S: Strategy>(
    name: &str,
    strategy: S,
    cases: u32,
    test: impl Fn(S::Value) -> Result<(), TestCaseError>,
) where
    S::Value: std::fmt::Debug,
{
    let budget = std::env::var("HANDOUT_FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse::<u64>().ok())
        .map(Duration::from_secs);
    let Some(budget) = budget else {
        let mut runner = TestRunner::new_with_rng(
            Config {
                cases,
                ..Config::default()
            },
            proptest::test_runner::TestRng::deterministic_rng(proptest::test_runner::RngAlgorithm::ChaCha),
        );
        if let Err(e) = runner.run(&strategy, &test) {
            panic!("{name}: {e}");
        }
        return;
    };
    let start = Instant::now();
    let mut executed = 0u64;
    while start.elapsed() < budget {
        let mut runner = TestRunner::new(Config {
            cases: 64,
            failure_persistence: None,
            ..Config::default()
        });
        if let Err(e) = runner.run(&strategy, &test) {
            panic!("{name}: after {executed} cases: {e}");
        }
        executed += 64;
    }
    println!(
        "{name}: {executed} cases in {:.0} s without a failure",
        start.elapsed().as_secs_f64()
    );
}

/// The example's files a damaged project is made from.
fn example_files() -> Vec<(&'static str, Vec<u8>)> {
    let root = common::example();
    let read = |p: &str| std::fs::read(root.join(p)).unwrap();
    vec![
        ("handout.toml", read("handout.toml")),
        ("audiences/students.toml", read("audiences/students.toml")),
        ("meetings.toml", read("meetings.toml")),
        (
            "theme.toml",
            b"[leaflet]\nfold = \"trifold\"\nbody_size = \"10pt\"\n[deck]\nfooter = \"{page}/{pages}\"\n"
                .to_vec(),
        ),
        (
            "meetings.csv",
            "id,audience,date,time,venue_kk,venue_ru,venue_en\nm1,students,2026-02-12,11:00,Зал,Зал,Hall\n"
                .as_bytes()
                .to_vec(),
        ),
    ]
}

/// One change to a file: at a fraction of its length, cut, insert or overwrite.
#[derive(Debug, Clone)]
enum Damage {
    /// Keep only the bytes before the point.
    Cut(f64),
    /// Insert bytes at the point.
    Insert(f64, Vec<u8>),
    /// Overwrite bytes from the point.
    Overwrite(f64, Vec<u8>),
}

/// Bytes worth inserting: TOML punctuation, odd characters, invalid UTF-8.
fn nasty_bytes() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        prop::collection::vec(any::<u8>(), 1..8),
        prop::sample::select(vec![
            b"\"".to_vec(),
            b"[[point]]\n".to_vec(),
            b"= ".to_vec(),
            b"\n".to_vec(),
            b"{".to_vec(),
            b"\\u0000".to_vec(),
            b"\xEF\xBB\xBF".to_vec(),
            b"\r\n".to_vec(),
            b"../../etc/passwd".to_vec(),
            b"\xFF\xFE".to_vec(),
            "Әңғүұқөһі".as_bytes().to_vec(),
            b"99999999999999999999".to_vec(),
            b"-1".to_vec(),
            b"0pt".to_vec(),
            b"nan".to_vec(),
            b"inf".to_vec(),
        ]),
    ]
}

fn damage() -> impl Strategy<Value = Damage> {
    prop_oneof![
        (0.0..1.0f64).prop_map(Damage::Cut),
        (0.0..1.0f64, nasty_bytes()).prop_map(|(at, b)| Damage::Insert(at, b)),
        (0.0..1.0f64, nasty_bytes()).prop_map(|(at, b)| Damage::Overwrite(at, b)),
    ]
}

fn apply(bytes: &mut Vec<u8>, damage: &Damage) {
    let at = |f: f64| ((bytes.len() as f64) * f) as usize;
    match damage {
        Damage::Cut(f) => bytes.truncate(at(*f)),
        Damage::Insert(f, b) => {
            let i = at(*f);
            bytes.splice(i..i, b.iter().copied());
        }
        Damage::Overwrite(f, b) => {
            let i = at(*f);
            let end = (i + b.len()).min(bytes.len());
            bytes.splice(i..end, b.iter().copied());
        }
    }
}

/// Writes `files` into a fresh folder.
fn project_folder(files: &[(&str, Vec<u8>)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("audiences")).unwrap();
    std::fs::create_dir_all(dir.path().join("images")).unwrap();
    std::fs::copy(
        common::example().join("images/logo.png"),
        dir.path().join("images/logo.png"),
    )
    .unwrap();
    for (name, bytes) in files {
        std::fs::write(dir.path().join(name), bytes).unwrap();
    }
    dir
}

/// Loads a damaged example: diagnostics or a project, never a panic.
fn load_damaged(which: usize, damages: &[Damage]) -> Result<(), TestCaseError> {
    let mut files = example_files();
    let which = which % files.len();
    for d in damages {
        apply(&mut files[which].1, d);
    }
    // Only one of the two meeting files is read; keep the one damaged.
    files.retain(|(n, _)| !n.starts_with("meetings.") || *n == files_name(which));
    let dir = project_folder(&files);
    let loaded = handout::load::load(dir.path());
    if let Some(project) = &loaded.project {
        let _ = batch::plan(project, &batch::Request::default());
    }
    for d in &loaded.diagnostics {
        // Rendering a diagnostic quotes its line: it must not panic either.
        let _ = d.to_string();
    }
    Ok(())
}

/// The name of the example file at `index`, or the TOML meetings file.
fn files_name(index: usize) -> &'static str {
    match example_files()[index].0 {
        name @ ("meetings.toml" | "meetings.csv") => name,
        _ => "meetings.toml",
    }
}

#[test]
fn loader() {
    fuzz(
        "loader",
        (0usize..5, prop::collection::vec(damage(), 1..4)),
        24,
        |(which, damages)| load_damaged(which, &damages),
    );
}

/// Text from the scripts users write in, with what trips typesetters up.
fn any_text(max: usize) -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "Қазақстан",
        "Республикасының",
        "жеке",
        "кәсіпкерлердің",
        "тіркелгендігіңізді",
        "Конституция",
        "предпринимателей",
        "the",
        "reform",
        "of",
        "и",
        "в",
        "10 000",
        "1990-жылдары",
        "10 000-нан",
        "№ 5",
        "07:00–20:00",
        "3 %",
        "15 000 000 ₸",
        "\"quoted\"",
        "«тырнақша»",
        " - ",
        "—",
        "…",
        "**bold**",
        "*italic*",
        "[link](https://example.kz/a/very/long/path/that/goes/on/and/on)",
        "info@example.kz",
        "https://example.kz/salyq/2027/retail-tax-registration-guide",
        "\n\n",
        "\n- ",
        "'",
        "(",
        ")",
        ";",
        "Ünïcödé",
        "\u{00AD}",
        "\u{200B}",
        "İ",
        "ǅ",
        "ﬁ",
        "a",
        "Ә",
        "x",
    ]);
    prop::collection::vec(pieces, 1..max).prop_map(|v| {
        let text = v.join(" ");
        if text.trim().is_empty() { "x".into() } else { text }
    })
}

/// A valid project with random texts.
#[derive(Debug, Clone)]
struct RandomProject {
    title: String,
    name: String,
    call: String,
    body: String,
    extra: String,
    fact: String,
    quote: String,
    url_path: String,
    fold: &'static str,
    large: bool,
}

fn random_project() -> impl Strategy<Value = RandomProject> {
    // Texts within the documented limits, so most projects load and the
    // fuzzing reaches layout and export.
    let fact = prop::sample::select(vec![
        "145",
        "3 %",
        "09:00–18:00",
        "15 000 000 ₸",
        "1990",
        "50+",
        "07:00–20:00",
        "2027",
        "1/3",
        "0",
    ])
    .prop_map(String::from);
    (
        (any_text(5), any_text(4), any_text(16)),
        any_text(200),
        any_text(40),
        fact,
        any_text(30),
        "[a-z0-9/-]{0,60}",
        prop::sample::select(vec!["none", "bifold", "trifold"]),
        any::<bool>(),
    )
        .prop_map(
            |((title, name, call), body, extra, fact, quote, url_path, fold, large)| RandomProject {
                title,
                name,
                call,
                body,
                extra,
                fact,
                quote,
                url_path,
                fold,
                large,
            },
        )
}

/// The project's files.
fn project_files(p: &RandomProject) -> Vec<(&'static str, Vec<u8>)> {
    let s = |t: &str| toml::Value::String(t.to_owned()).to_string();
    let all = |t: &str| format!("{{ kk = {}, ru = {}, en = {} }}", s(t), s(t), s(t));
    let handout = format!(
        "[handout]\nid = \"fuzz\"\nlanguages = [\"kk\", \"ru\", \"en\"]\ndate = 2026-02-12\n\
         title = {}\norganiser = {}\nurl = \"https://example.kz/{}\"\nlogo = \"images/logo.png\"\n\
         contacts = {}\n\n[[point]]\nid = \"p1\"\ntags = [\"t\"]\ntitle = {}\nbody = {}\n\
         fact = {{ value = {}, label = {} }}\n[point.audience.a]\nextra = {}\n\n\
         [[point]]\nid = \"p2\"\ntags = [\"t\"]\npriority = 2\ntitle = {}\nbody = {}\n\n\
         [[quote]]\ntext = {}\nauthor = {}\n",
        all(&p.title),
        all(&p.name),
        p.url_path.trim_matches('/'),
        all(&p.call),
        all(&p.title),
        all(&p.body),
        s(&p.fact),
        all(&p.name),
        all(&p.extra),
        all(&p.title),
        all(&p.body),
        all(&p.quote),
        all(&p.name),
    );
    let audience = format!(
        "[audience]\nid = \"a\"\nname = {}\nformats = [\"leaflet\", \"deck\", \"notes\", \"handout3\"]\n\
         reading = \"{}\"\nintro = {}\ncall_to_action = {}\n",
        all(&p.name),
        if p.large { "large" } else { "standard" },
        all(&p.extra),
        all(&p.call),
    );
    let theme = format!("[leaflet]\nfold = \"{}\"\n", p.fold);
    vec![
        ("handout.toml", handout.into_bytes()),
        ("audiences/a.toml", audience.into_bytes()),
        ("theme.toml", theme.into_bytes()),
    ]
}

/// Cases whose project loaded, and products that became PDFs, in this run.
static LOADED: AtomicU64 = AtomicU64::new(0);
/// Products exported and re-parsed.
static BUILT: AtomicU64 = AtomicU64::new(0);

/// Every product of a random project: a clear error or a sound PDF.
fn build_random(p: &RandomProject, fonts: &(FontBook, PdfFonts)) -> Result<(), TestCaseError> {
    let dir = project_folder(&project_files(p));
    let loaded = handout::load::load(dir.path());
    let Some(project) = loaded.project else {
        if std::env::var_os("HANDOUT_FUZZ_SHOW").is_some() {
            for d in &loaded.diagnostics {
                eprintln!("{d}");
            }
        }
        return Ok(());
    };
    LOADED.fetch_add(1, Ordering::Relaxed);
    let shared = Shared::new(&project, &fonts.0, &fonts.1);
    for lang in [
        handout::project::Lang::Kk,
        handout::project::Lang::En,
        handout::project::Lang::KkLatn,
    ] {
        for format in Format::ALL {
            let job = Job {
                audience: "a".into(),
                lang,
                format,
                meeting: None,
            };
            match batch::produce(&shared, &job, None) {
                Ok(product) => {
                    if std::env::var_os("HANDOUT_FUZZ_SHOW").is_some() {
                        eprintln!("built {}", batch::job_name(&job));
                    }
                    BUILT.fetch_add(1, Ordering::Relaxed);
                    match format {
                        Format::Pptx => common::assert_sound_pptx(&product.bytes, &batch::job_name(&job)),
                        _ => common::assert_sound_pdf(&product.bytes, &batch::job_name(&job)),
                    }
                }
                Err(e) => {
                    let message = e.to_string();
                    if std::env::var_os("HANDOUT_FUZZ_SHOW").is_some() {
                        eprintln!("{message}");
                    }
                    prop_assert!(!message.contains("internal error"), "{message}");
                }
            }
        }
    }
    Ok(())
}

#[test]
fn pipeline() {
    let book = FontBook::with_project(&[]);
    let pdf = PdfFonts::new(&book).expect("the built-in fonts embed");
    let fonts = (book, pdf);
    fuzz("pipeline", random_project(), 4, |p| build_random(&p, &fonts));
    println!(
        "pipeline: {} projects loaded, {} PDFs made and re-parsed",
        LOADED.load(Ordering::Relaxed),
        BUILT.load(Ordering::Relaxed)
    );
}

#[test]
fn damaged_files_found_by_fuzzing_load_cleanly() {
    // Inputs kept from fuzzing runs, replayed on every test run.
    let cases: Vec<(usize, Vec<Damage>)> = vec![(0, vec![Damage::Cut(0.5)])];
    for (which, damages) in cases {
        load_damaged(which, &damages).unwrap();
    }
}
