//! The `handout` command line: parses arguments, calls the library, prints
//! diagnostics and a summary. No layout logic lives here.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::{Args, Parser, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};

use handout::batch::{self, Request, Shard, Workspace, report};
use handout::diag::Diagnostic;
use handout::project::{Format, Lang};
use handout::theme::Standards;

/// Print-ready leaflets from TOML talking points, tailored per audience, in
/// Kazakh, Russian and English.
#[derive(Parser)]
#[command(name = "handout", version, about, after_help = EXAMPLES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// What to build and where: shared by `build` and `watch`.
#[derive(Args)]
struct Selection {
    /// The project folder.
    #[arg(default_value = ".")]
    project: PathBuf,
    /// Only these audiences (comma-separated ids).
    #[arg(long, value_delimiter = ',')]
    audience: Option<Vec<String>>,
    /// Only these languages: kk, ru, en, kk-latn (comma-separated).
    #[arg(long, value_delimiter = ',', value_parser = parse_lang)]
    lang: Option<Vec<Lang>>,
    /// Only these products: leaflet, deck, notes, handout3, pptx (comma-separated).
    #[arg(long, value_delimiter = ',', value_parser = parse_format)]
    format: Option<Vec<Format>>,
    /// Output folder.
    #[arg(long, default_value = "out")]
    out: PathBuf,
    /// A theme file applied over the project's theme.toml.
    #[arg(long)]
    theme: Option<PathBuf>,
    /// One leaflet per scheduled meeting (meetings.toml or meetings.csv).
    #[arg(long)]
    meetings: bool,
    /// Write and check every PDF to these standards, e.g. `a-2b,ua-1`
    /// (a-2b, a-2u, a-2a, a-3b, a-3u, a-3a, ua-1); over the theme's `[pdf] standard`.
    #[arg(long, value_parser = parse_standards)]
    pdf_standard: Option<Standards>,
}

impl Selection {
    /// The documents asked for.
    fn request(&self) -> Request {
        Request {
            audiences: self.audience.clone(),
            langs: self.lang.clone(),
            formats: self.format.clone(),
            meetings: self.meetings,
            shard: None,
        }
    }
}

#[derive(Subcommand)]
enum Command {
    /// Build every audience × language × format (or those selected).
    #[command(after_help = BUILD_EXAMPLES)]
    Build {
        #[command(flatten)]
        selection: Selection,
        /// Documents built at once (default: one per core).
        #[arg(long, value_parser = clap::value_parser!(u16).range(1..))]
        jobs: Option<u16>,
        /// Build only the K-th of N disjoint parts of the documents (e.g.
        /// 2/4), to spread a campaign over machines.
        #[arg(long, value_name = "K/N", value_parser = |s: &str| s.parse::<Shard>())]
        shard: Option<Shard>,
        /// Print nothing but errors.
        #[arg(long, short, conflicts_with = "verbose")]
        quiet: bool,
        /// Also print the points each document kept and dropped.
        #[arg(long, short)]
        verbose: bool,
    },
    #[command(after_help = "Example:\n  handout watch town-hall --audience pensioners --format leaflet")]
    /// Rebuild on every save of the project's files; errors are printed and
    /// the last good documents stay in place.
    Watch {
        #[command(flatten)]
        selection: Selection,
    },
    #[command(
        after_help = "Example (after copying every part's documents into campaign/):\n  handout merge campaign part-1/manifest.json part-2/manifest.json"
    )]
    /// Merge the manifests of builds made elsewhere (e.g. the shards of a
    /// campaign built on several machines) into one folder's manifest, once
    /// their documents have been copied there.
    Merge {
        /// The folder that holds every part's documents.
        out: PathBuf,
        /// The manifest.json of each part.
        #[arg(required = true)]
        parts: Vec<PathBuf>,
    },
    /// Hand texts to translators as XLIFF 2.0 and take their translations back.
    Strings {
        #[command(subcommand)]
        action: StringsAction,
    },
    /// Show every document's pages in a browser, on this computer only
    /// (127.0.0.1), refreshed on every save.
    #[command(
        after_help = "Example:\n  handout preview town-hall --port 8035   then open http://127.0.0.1:8035/"
    )]
    Preview {
        /// The project folder.
        #[arg(default_value = ".")]
        project: PathBuf,
        /// The port to listen on (0: any free port).
        #[arg(long, default_value_t = 8035)]
        port: u16,
        /// A theme file applied over the project's theme.toml.
        #[arg(long)]
        theme: Option<PathBuf>,
    },
    /// Create a new project from a small example that builds as it is.
    New {
        /// Folder to create.
        name: PathBuf,
    },
    /// List the fonts a build can use and what each covers.
    Fonts {
        /// The project folder.
        #[arg(default_value = ".")]
        project: PathBuf,
    },
    #[command(
        after_help = "Example:\n  handout check handouts/constitution-2026 && handout build handouts/constitution-2026"
    )]
    /// Validate everything a build would, and write nothing.
    Check {
        /// The project folder.
        #[arg(default_value = ".")]
        project: PathBuf,
        /// A theme file applied over the project's theme.toml.
        #[arg(long)]
        theme: Option<PathBuf>,
    },
}

/// Shown under `handout --help`.
const EXAMPLES: &str = "\
Examples:
  handout new town-hall                    a project that builds as it is
  handout build town-hall                  every document of every audience, into out/
  handout check town-hall                  everything a build does, writing nothing
  handout watch town-hall                  rebuild on every save
  handout fonts town-hall                  fonts and the languages they cover

Exit codes: 0 success (warnings allowed), 1 errors in the project, 2 a wrong command line.";

/// Shown under `handout build --help`.
const BUILD_EXAMPLES: &str = "\
Examples:
  handout build handouts/constitution-2026 --audience entrepreneurs --lang kk --format leaflet
  handout build handouts/constitution-2026 --out campaign
  handout build handouts/constitution-2026 --meetings --out campaign     (adds to the same manifest)
  handout build handouts/constitution-2026 --out part-2 --shard 2/4      (one machine of four)
  handout build handouts/constitution-2026 --quiet                       (only errors)";

/// `handout strings …`.
#[derive(Subcommand)]
enum StringsAction {
    /// Write every text a language needs, with its source text, its
    /// translation so far and where it appears, as XLIFF 2.0.
    #[command(
        after_help = "Example:\n  handout strings export handouts/constitution-2026 --lang en --from ru -o en.xlf"
    )]
    Export {
        /// The project folder.
        #[arg(default_value = ".")]
        project: PathBuf,
        /// The language to translate into: kk, ru, en or kk-latn.
        #[arg(long, value_parser = parse_lang)]
        lang: Lang,
        /// The language to translate from (default: the handout's fallback,
        /// else the first other language it promises).
        #[arg(long, value_parser = parse_lang)]
        from: Option<Lang>,
        /// The XLIFF file to write (default: standard output).
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Write the translations of an XLIFF 2.0 file into the project's TOML
    /// files, keeping their comments and layout.
    #[command(after_help = "Example:\n  handout strings import handouts/constitution-2026 en.xlf")]
    Import {
        /// The project folder.
        project: PathBuf,
        /// The translated XLIFF file.
        file: PathBuf,
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
            selection,
            jobs,
            shard,
            quiet,
            verbose,
        } => {
            let output = Output { quiet, verbose };
            interrupt_cleanly();
            match worker_pool(jobs, output) {
                Ok(pool) => pool.install(|| build(&selection, shard, output)),
                Err(e) => {
                    error(&format!("cannot start worker threads: {e}"));
                    ExitCode::from(CONTENT_ERROR)
                }
            }
        }
        Command::Check { project, theme } => check(&project, theme.as_deref()),
        Command::Watch { selection } => watch(&selection),
        Command::Merge { out, parts } => merge(&out, &parts),
        Command::Strings { action } => strings(action),
        Command::Preview { project, port, theme } => preview(&project, port, theme.as_deref()),
        Command::New { name } => match handout::scaffold::create(&name) {
            Ok(()) => {
                println!(
                    "created {}; build it with: handout build {}",
                    name.display(),
                    name.display()
                );
                ExitCode::SUCCESS
            }
            Err(message) => {
                error(&message);
                ExitCode::from(USAGE_ERROR)
            }
        },
        Command::Fonts { project } => {
            let (coverage, problems) = batch::font_coverage(&project);
            report(&problems);
            print!("{coverage}");
            if problems.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(CONTENT_ERROR)
            }
        }
    }
}

/// The worker threads: one per core, or `--jobs` of them up to the number
/// of cores (more would only wait for each other and cost memory).
fn worker_pool(jobs: Option<u16>, output: Output) -> Result<rayon::ThreadPool, rayon::ThreadPoolBuildError> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let wanted = jobs.map_or(cores, usize::from);
    if wanted > cores && !output.quiet {
        eprintln!("warning: --jobs {wanted} is more than the {cores} cores here; using {cores}");
    }
    rayon::ThreadPoolBuilder::new()
        .num_threads(wanted.min(cores))
        .build()
}

/// On Ctrl-C or a termination signal, removes the temporary files being
/// written before exiting, so an interrupted build leaves only whole files.
fn interrupt_cleanly() {
    let handler = || {
        batch::remove_live_temporaries();
        eprintln!("interrupted; documents already written are complete, the rest were not written");
        std::process::exit(130);
    };
    if let Err(e) = ctrlc::set_handler(handler) {
        eprintln!("warning: cannot catch Ctrl-C ({e}); an interrupted build may leave temporary files");
    }
}

/// Parses a `--lang` value.
fn parse_lang(code: &str) -> Result<Lang, String> {
    Lang::from_code(code).ok_or_else(|| format!("unknown language `{code}` (expected kk, ru, en or kk-latn)"))
}

/// Parses a `--format` value.
fn parse_standards(list: &str) -> Result<Standards, String> {
    Standards::parse(list)
        .map_err(|name| format!("unknown PDF standard `{name}` (expected {})", Standards::NAMES))
}

fn parse_format(name: &str) -> Result<Format, String> {
    Format::from_name(name)
        .ok_or_else(|| format!("unknown format `{name}` (expected leaflet, deck, notes, handout3 or pptx)"))
}

/// Opens the project. Without a workspace every diagnostic is printed;
/// with one, its warnings come back for the caller to print once it knows
/// which documents it makes.
fn open(root: &Path, theme: Option<&Path>) -> (Option<Workspace>, Vec<Diagnostic>) {
    let (workspace, diagnostics) = Workspace::open(root, theme);
    if workspace.is_none() {
        report(&diagnostics);
        return (None, Vec::new());
    }
    (workspace, diagnostics)
}

/// Prints an error that has no place in a file, like a diagnostic.
fn error(message: &str) {
    report([&Diagnostic::plain(None, message)]);
}

/// Prints diagnostics to stderr, in colour on a terminal.
fn report<'a>(diagnostics: impl IntoIterator<Item = &'a Diagnostic>) {
    for d in diagnostics {
        anstream::eprint!("{}", d.styled());
    }
}

/// How much `build` prints.
#[derive(Clone, Copy)]
struct Output {
    /// Only errors.
    quiet: bool,
    /// Points kept and dropped too.
    verbose: bool,
}

/// `handout build`.
fn build(selection: &Selection, shard: Option<Shard>, output: Output) -> ExitCode {
    let started = Instant::now();
    let (Some(mut workspace), warnings) = open(&selection.project, selection.theme.as_deref()) else {
        return ExitCode::from(CONTENT_ERROR);
    };
    if let Some(standards) = selection.pdf_standard {
        let problems = workspace.require(standards);
        report(&problems);
        if problems.iter().any(Diagnostic::is_error) {
            return ExitCode::from(CONTENT_ERROR);
        }
    }
    let request = Request {
        shard,
        ..selection.request()
    };
    let jobs = match workspace.plan(&request) {
        Ok(jobs) => jobs,
        Err(message) => {
            error(&message);
            return ExitCode::from(USAGE_ERROR);
        }
    };
    if let (Some(shard), true) = (shard, jobs.is_empty()) {
        if !output.quiet {
            eprintln!("shard {shard} has no documents: there are fewer documents than shards");
        }
        return ExitCode::SUCCESS;
    }
    let warnings = report::for_jobs(warnings, &jobs);
    if !output.quiet {
        report(&warnings);
    }
    let out = match batch::OutDir::open(&selection.out) {
        Ok(out) => out,
        Err(e) => {
            let why = if selection.out.is_file() {
                "it is a file, not a folder".to_owned()
            } else {
                e.to_string()
            };
            error(&format!(
                "cannot use the output folder {}: {why}; nothing was written",
                selection.out.display()
            ));
            return ExitCode::from(CONTENT_ERROR);
        }
    };
    out.sweep();
    // A bar only for a person watching; logs and pipes get plain lines.
    let bar = (!output.quiet && std::io::stderr().is_terminal()).then(|| {
        let bar = ProgressBar::new(jobs.len() as u64);
        bar.set_style(
            ProgressStyle::with_template("{bar:40} {pos}/{len} {wide_msg}")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        bar
    });
    let once = report::OncePerDocument::default();
    let done = |job: &batch::Job, result: &Result<batch::Written, Diagnostic>| {
        let Ok(written) = result else {
            if let Some(bar) = &bar {
                bar.inc(1);
            }
            return;
        };
        let fresh = once.first_seen(job, &written.warnings);
        match &bar {
            Some(bar) => {
                bar.suspend(|| print_written(written, &fresh, output));
                bar.set_message(batch::job_name(job));
                bar.inc(1);
            }
            None => print_written(written, &fresh, output),
        }
    };
    let (results, manifest_failed) = workspace.build(&jobs, &out, &done);
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    let mut failed = false;
    if let Some(error) = manifest_failed {
        report([&error]);
        failed = true;
    }
    // Errors come last, all of them, where they are seen.
    let errors: Vec<&Diagnostic> = results.iter().filter_map(|r| r.as_ref().err()).collect();
    report(errors.iter().copied());
    if !errors.is_empty() {
        error(&format!(
            "{} of {} documents failed; the other {} were written",
            errors.len(),
            results.len(),
            results.len() - errors.len()
        ));
        failed = true;
    }
    if !output.quiet {
        let shown = warnings.len() + once.count();
        eprintln!("{}", report::Summary::of(&results, shown, started.elapsed()));
    }
    if failed {
        ExitCode::from(CONTENT_ERROR)
    } else {
        ExitCode::SUCCESS
    }
}

/// `handout watch`: build, then rebuild after every save until stopped.
fn watch(selection: &Selection) -> ExitCode {
    let root = &selection.project;
    let output = Output {
        quiet: false,
        verbose: false,
    };
    let changes = match handout::watch::Changes::watch(root, selection.theme.as_deref()) {
        Ok(changes) => changes,
        Err(message) => {
            error(&message);
            return ExitCode::from(CONTENT_ERROR);
        }
    };
    interrupt_cleanly();
    build(selection, None, output);
    eprintln!("watching {} for changes (Ctrl-C to stop)", root.display());
    while let Some(batch) = changes.next() {
        match batch {
            Ok(paths) => {
                let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
                eprintln!("[{}] changed: {}", clock(), names.join(", "));
                let started = std::time::Instant::now();
                // Errors are printed by the build; the last good files stay.
                build(selection, None, output);
                eprintln!(
                    "[{}] rebuilt in {:.2} s",
                    clock(),
                    started.elapsed().as_secs_f64()
                );
            }
            Err(message) => error(&message),
        }
    }
    ExitCode::SUCCESS
}

/// The time of day (UTC) as HH:MM:SS, for watch's log lines.
fn clock() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    format!("{:02}:{:02}:{:02}", secs / 3600 % 24, secs / 60 % 60, secs % 60)
}

/// The line for a written file, its warnings not yet shown for its
/// document, and with `--verbose` its points.
fn print_written(w: &batch::Written, warnings: &[&Diagnostic], output: Output) {
    if output.quiet {
        return;
    }
    let done = anstyle::Style::new()
        .bold()
        .fg_color(Some(anstyle::AnsiColor::Green.into()));
    anstream::println!(
        "{done}wrote{done:#} {}  ({} page{}, {} KB)",
        w.path.display(),
        w.pages,
        if w.pages == 1 { "" } else { "s" },
        w.bytes.div_ceil(1024)
    );
    report(warnings.iter().copied());
    if output.verbose {
        println!("  kept: {}", w.kept.join(", "));
        if !w.dropped.is_empty() {
            println!("  dropped: {}", w.dropped.join(", "));
        }
    }
}

/// `handout strings export` and `import`.
fn strings(action: StringsAction) -> ExitCode {
    match action {
        StringsAction::Export {
            project,
            lang,
            from,
            output,
        } => match handout::strings::export(&project, lang, from) {
            Ok(exported) => {
                report(&exported.warnings);
                let written = match &output {
                    Some(path) => handout::strings::write_file(path, &exported.xliff),
                    None => std::io::Write::write_all(&mut std::io::stdout(), exported.xliff.as_bytes()),
                };
                if let Err(e) = written {
                    error(&format!("cannot write the XLIFF file: {e}"));
                    return ExitCode::from(CONTENT_ERROR);
                }
                eprintln!(
                    "{} texts for {lang}: {} translated, {} stale, {} to translate",
                    exported.units,
                    exported.translated,
                    exported.stale,
                    exported.units - exported.translated - exported.stale
                );
                ExitCode::SUCCESS
            }
            Err(problems) => {
                report(&problems);
                ExitCode::from(CONTENT_ERROR)
            }
        },
        StringsAction::Import { project, file } => match handout::strings::import(&project, &file) {
            Ok(imported) => {
                for path in &imported.files {
                    println!("wrote {}", project.join(path).display());
                }
                eprintln!("{} translations written or changed", imported.changed.len());
                ExitCode::SUCCESS
            }
            Err(problems) => {
                report(&problems);
                error("nothing was written");
                ExitCode::from(CONTENT_ERROR)
            }
        },
    }
}

/// `handout preview`: serve the pages, and reload the project on each save.
fn preview(root: &Path, port: u16, theme: Option<&Path>) -> ExitCode {
    let changes = match handout::watch::Changes::watch(root, theme) {
        Ok(changes) => changes,
        Err(message) => {
            error(&message);
            return ExitCode::from(CONTENT_ERROR);
        }
    };
    let preview = std::sync::Arc::new(handout::preview::Preview::new(root, theme));
    let reloading = preview.clone();
    std::thread::spawn(move || {
        while let Some(batch) = changes.next() {
            if batch.is_ok() {
                reloading.reload();
            }
        }
    });
    let served = handout::preview::serve(preview, port, |address| {
        println!("preview of {} at {address} (Ctrl-C to stop)", root.display());
    });
    match served {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            error(&message);
            ExitCode::from(USAGE_ERROR)
        }
    }
}

/// `handout merge`: parts' manifests into the folder's own.
fn merge(out: &Path, parts: &[PathBuf]) -> ExitCode {
    if !out.is_dir() {
        error(&format!(
            "{} is not a folder; copy the parts' documents into it first",
            out.display()
        ));
        return ExitCode::from(USAGE_ERROR);
    }
    let merged = batch::OutDir::open(out)
        .map_err(|e| Diagnostic::plain(Some(out), format!("cannot open: {e}")))
        .and_then(|dir| batch::manifest::merge_parts(&dir, parts));
    match merged {
        Ok(manifest) => {
            println!(
                "merged {} manifests into {}: {} documents, {} pages",
                parts.len(),
                out.join(batch::manifest::MANIFEST).display(),
                manifest.totals.files,
                manifest.totals.pages
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(CONTENT_ERROR)
        }
    }
}

/// `handout check`: everything a build would do, meeting leaflets
/// included, short of writing files.
fn check(root: &Path, theme: Option<&Path>) -> ExitCode {
    let (workspace, warnings) = open(root, theme);
    // Translators and organisers see at a glance how far each language is,
    // also when missing texts stop the build.
    for progress in handout::strings::progress(root).unwrap_or_default() {
        eprintln!("translations {progress}");
    }
    let Some(workspace) = workspace else {
        return ExitCode::from(CONTENT_ERROR);
    };
    report(&warnings);
    let jobs = workspace.every_job();
    if jobs.is_empty() {
        println!("ok: {} (nothing to build)", root.display());
        return ExitCode::SUCCESS;
    }
    let (errors, warnings) = workspace.check(&jobs);
    report(&warnings);
    report(&errors);
    if errors.is_empty() {
        println!("ok: {} ({} documents would be built)", root.display(), jobs.len());
        ExitCode::SUCCESS
    } else {
        error(&format!(
            "{} of {} documents would fail",
            errors.len(),
            jobs.len()
        ));
        ExitCode::from(CONTENT_ERROR)
    }
}
