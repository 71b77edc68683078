//! The `handout` command line: parses arguments, calls the library, prints
//! diagnostics and a summary. No layout logic lives here.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use handout::batch::{self, Request, Shared};
use handout::diag::Diagnostic;
use handout::export::pdf::PdfFonts;
use handout::load;
use handout::project::{Format, Lang, Project};
use handout::theme::Theme;
use handout::typeset::text::fonts::FontBook;

/// Print-ready leaflets from TOML talking points, tailored per audience, in
/// Kazakh, Russian and English.
#[derive(Parser)]
#[command(name = "handout", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build leaflets for every audience × language (or those selected).
    Build {
        /// The project folder.
        #[arg(default_value = ".")]
        project: PathBuf,
        /// Only these audiences (comma-separated ids).
        #[arg(long, value_delimiter = ',')]
        audience: Option<Vec<String>>,
        /// Only these languages: kk, ru, en, kk-latn (comma-separated).
        #[arg(long, value_delimiter = ',', value_parser = parse_lang)]
        lang: Option<Vec<Lang>>,
        /// Only these products: leaflet, deck, notes, handout3 (comma-separated).
        #[arg(long, value_delimiter = ',', value_parser = parse_format)]
        format: Option<Vec<Format>>,
        /// Output folder.
        #[arg(long, default_value = "out")]
        out: PathBuf,
    },
    /// Validate everything a build would, and write nothing.
    Check {
        /// The project folder.
        #[arg(default_value = ".")]
        project: PathBuf,
    },
}

/// Exit code for content errors (the project's files are wrong).
const CONTENT_ERROR: u8 = 1;
/// Exit code for usage errors (the command line is wrong).
const USAGE_ERROR: u8 = 2;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build {
            project,
            audience,
            lang,
            format,
            out,
        } => build(
            &project,
            Request {
                audiences: audience,
                langs: lang,
                formats: format,
            },
            &out,
        ),
        Command::Check { project } => check(&project),
    }
}

/// Parses a `--lang` value.
fn parse_lang(code: &str) -> Result<Lang, String> {
    Lang::from_code(code).ok_or_else(|| format!("unknown language `{code}` (expected kk, ru, en or kk-latn)"))
}

/// Parses a `--format` value.
fn parse_format(name: &str) -> Result<Format, String> {
    Format::from_name(name)
        .ok_or_else(|| format!("unknown format `{name}` (expected leaflet, deck, notes or handout3)"))
}

/// Loads the project, printing every diagnostic; `None` if it has errors.
fn load_project(root: &std::path::Path) -> Option<Project> {
    let loaded = load::load(root);
    report(&loaded.diagnostics);
    loaded.project
}

/// Prints diagnostics to stderr.
fn report(diagnostics: &[Diagnostic]) {
    for d in diagnostics {
        eprintln!("{d}");
    }
}

/// `handout build`.
fn build(root: &std::path::Path, request: Request, out: &std::path::Path) -> ExitCode {
    let Some(project) = load_project(root) else {
        return ExitCode::from(CONTENT_ERROR);
    };
    let jobs = match batch::plan(&project, &request) {
        Ok(jobs) => jobs,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::from(USAGE_ERROR);
        }
    };
    let (theme, book) = (Theme::default(), FontBook::built_in());
    let fonts = PdfFonts::new(&book);
    let shared = Shared {
        project: &project,
        theme: &theme,
        book: &book,
        fonts: &fonts,
    };
    let mut failed = false;
    for result in batch::build(&shared, &jobs, out) {
        match result {
            Ok(w) => {
                println!(
                    "wrote {}  ({} page{}, {} KB)",
                    w.path.display(),
                    w.pages,
                    if w.pages == 1 { "" } else { "s" },
                    w.bytes.div_ceil(1024)
                );
                report(&w.warnings);
            }
            Err(d) => {
                failed = true;
                eprintln!("{d}");
            }
        }
    }
    if failed {
        ExitCode::from(CONTENT_ERROR)
    } else {
        ExitCode::SUCCESS
    }
}

/// `handout check`: load and lay out every job, write nothing.
fn check(root: &std::path::Path) -> ExitCode {
    let Some(project) = load_project(root) else {
        return ExitCode::from(CONTENT_ERROR);
    };
    let Ok(jobs) = batch::plan(&project, &Request::default()) else {
        println!("ok: {} (nothing to build)", root.display());
        return ExitCode::SUCCESS;
    };
    let (theme, book) = (Theme::default(), FontBook::built_in());
    let fonts = PdfFonts::new(&book);
    let shared = Shared {
        project: &project,
        theme: &theme,
        book: &book,
        fonts: &fonts,
    };
    let mut errors = Vec::new();
    for job in &jobs {
        match batch::layout(&shared, job) {
            Ok(rendered) => report(&rendered.warnings),
            Err(e) => errors.push(e),
        }
    }
    report(&errors);
    if errors.is_empty() {
        println!("ok: {} ({} documents would be built)", root.display(), jobs.len());
        ExitCode::SUCCESS
    } else {
        ExitCode::from(CONTENT_ERROR)
    }
}
