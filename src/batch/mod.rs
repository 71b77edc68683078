//! The batch: the matrix of audience × language × format, run in parallel,
//! each job tailored, typeset, exported and written atomically.

pub mod manifest;
mod out;
pub mod report;
mod shard;
mod workspace;

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::base::Overflow;
use crate::diag::{Diagnostic, did_you_mean};
use crate::export::pdf::{self, PdfFonts};
use crate::export::pptx;
use crate::project::{Audience, Format, Lang, Project};
use crate::tailor::{self, Document};
use crate::theme::Theme;
use crate::typeset::deck::SlideInfo;
use crate::typeset::leaflet::Leaflet;
use crate::typeset::page::Layout;
use crate::typeset::text::fonts::FontBook;
use crate::typeset::{deck, impose, leaflet, notes, preflight};

pub use out::{OutDir, remove_live_temporaries};
pub use shard::Shard;
pub use workspace::{Workspace, font_coverage};

/// What the user asked to build; `None` means "what the profiles say".
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Request {
    /// Audience ids.
    pub audiences: Option<Vec<String>>,
    /// Languages.
    pub langs: Option<Vec<Lang>>,
    /// Products.
    pub formats: Option<Vec<Format>>,
    /// Build one leaflet per scheduled meeting instead.
    pub meetings: bool,
    /// Build only this part of the jobs.
    pub shard: Option<Shard>,
}

/// One product to make.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Job {
    /// Audience id.
    pub audience: String,
    /// Language.
    pub lang: Lang,
    /// Product.
    pub format: Format,
    /// The meeting a meeting leaflet is for.
    pub meeting: Option<String>,
}

impl Job {
    /// The `format` of `audience`'s document in `lang`, not for a meeting.
    pub fn new(audience: &str, lang: Lang, format: Format) -> Self {
        Self {
            audience: audience.into(),
            lang,
            format,
            meeting: None,
        }
    }
}

/// The jobs for `request`, in a stable order (audience, language), only
/// those of its shard if it names one (which may be none). An error here is
/// a usage error: the request names something that does not exist.
pub fn plan(project: &Project, request: &Request) -> Result<Vec<Job>, String> {
    let jobs = plan_all(project, request)?;
    Ok(match request.shard {
        Some(shard) => shard.part(jobs),
        None => jobs,
    })
}

/// Every job `request` asks for, whatever its shard.
fn plan_all(project: &Project, request: &Request) -> Result<Vec<Job>, String> {
    twice(
        "--audience",
        request.audiences.iter().flatten().map(String::as_str),
    )?;
    twice("--lang", request.langs.iter().flatten().map(|l| l.code()))?;
    twice("--format", request.formats.iter().flatten().map(|f| f.name()))?;
    let audiences: Vec<&Audience> = match &request.audiences {
        None => project.audiences.iter().collect(),
        Some(ids) => ids
            .iter()
            .map(|id| {
                project.audience(id).ok_or_else(|| {
                    let names = project.audiences.iter().map(|a| a.id.value.as_str());
                    match did_you_mean(id, names) {
                        Some(best) => format!("unknown audience `{id}`; did you mean `{best}`?"),
                        None => format!("unknown audience `{id}`"),
                    }
                })
            })
            .collect::<Result<_, _>>()?,
    };
    if request.meetings {
        return meeting_jobs(project, &audiences, request);
    }
    let mut jobs = Vec::new();
    for audience in audiences {
        let formats = request.formats.as_ref().unwrap_or(&audience.formats);
        for lang in job_langs(audience, request.langs.as_deref()) {
            for &format in formats {
                jobs.push(Job {
                    audience: audience.id.value.clone(),
                    lang,
                    format,
                    meeting: None,
                });
            }
        }
    }
    if jobs.is_empty() {
        return Err("nothing to build: no selected audience is built in the selected languages".into());
    }
    Ok(jobs)
}

/// A name given twice on the command line would build (and write) the same
/// documents twice, at once.
fn twice<'a>(option: &str, names: impl Iterator<Item = &'a str>) -> Result<(), String> {
    let mut seen = std::collections::BTreeSet::new();
    for name in names {
        if !seen.insert(name) {
            return Err(format!("{option} names `{name}` twice"));
        }
    }
    Ok(())
}

/// One leaflet per meeting of the selected audiences and per language.
fn meeting_jobs(project: &Project, audiences: &[&Audience], request: &Request) -> Result<Vec<Job>, String> {
    if request.formats.as_ref().is_some_and(|f| f != &[Format::Leaflet]) {
        return Err("--meetings builds leaflets only; leave out --format or use --format leaflet".into());
    }
    if project.meetings.is_empty() {
        return Err("--meetings: the project has no meetings.toml or meetings.csv".into());
    }
    let mut jobs = Vec::new();
    for meeting in &project.meetings {
        let Some(audience) = audiences.iter().find(|a| a.id.value == meeting.audience.value) else {
            continue;
        };
        for lang in job_langs(audience, request.langs.as_deref()) {
            jobs.push(Job {
                audience: audience.id.value.clone(),
                lang,
                format: Format::Leaflet,
                meeting: Some(meeting.id.value.clone()),
            });
        }
    }
    if jobs.is_empty() {
        return Err("nothing to build: no meeting is for the selected audiences and languages".into());
    }
    Ok(jobs)
}

/// The languages to build `audience` in: its own, or those of them the user
/// asked for (`kk-latn` counts as available wherever `kk` is).
fn job_langs(audience: &Audience, wanted: Option<&[Lang]>) -> Vec<Lang> {
    let has = |l: Lang| {
        audience.languages.contains(&l) || (l == Lang::KkLatn && audience.languages.contains(&Lang::Kk))
    };
    match wanted {
        None => audience.languages.clone(),
        Some(langs) => langs.iter().copied().filter(|&l| has(l)).collect(),
    }
}

/// Everything a job needs that is shared by all jobs of a batch.
pub struct Shared<'a> {
    /// The project.
    pub project: &'a Project,
    /// The project's theme; an audience may have its own
    /// ([`Shared::theme_for`]).
    pub theme: &'a Theme,
    /// Fonts for shaping.
    pub book: &'a FontBook,
    /// Fonts for embedding.
    pub fonts: &'a PdfFonts,
    /// The PowerPoint template, read on the first editable deck of a batch
    /// (so a broken template stops only the decks that need it).
    template: std::sync::OnceLock<Result<pptx::Template, Diagnostic>>,
}

impl<'a> Shared<'a> {
    /// Everything shared for `project`, in its own theme.
    pub fn new(project: &'a Project, book: &'a FontBook, fonts: &'a PdfFonts) -> Self {
        Self {
            project,
            theme: &project.theme,
            book,
            fonts,
            template: std::sync::OnceLock::new(),
        }
    }

    /// The theme of `audience`'s documents: its profile's, or the project's.
    pub fn theme_for(&self, audience: &'a Audience) -> &'a Theme {
        audience.theme.as_ref().unwrap_or(self.theme)
    }

    /// The template editable decks are put on: the organiser's, or the
    /// built-in one in the theme's colours and fonts.
    fn template(&self) -> Result<&pptx::Template, Diagnostic> {
        let read = || {
            let (width, height) = (self.theme.deck.width, self.theme.deck.height);
            let Some(file) = &self.project.pptx_template else {
                return Ok(pptx::Template::built_in(self.theme, width, height));
            };
            pptx::Template::read(&file.bytes, &file.name.value).map_err(|why| {
                Diagnostic::error(
                    &file.name.place,
                    format!("the PowerPoint template {:?} cannot be used: {why}", file.name.value),
                )
                .with_help("open it in PowerPoint or LibreOffice Impress and save it again as .pptx, or remove `pptx_template`")
            })
        };
        self.template.get_or_init(read).as_ref().map_err(Clone::clone)
    }
}

/// A file written by a job.
#[derive(Debug, Clone)]
pub struct Written {
    /// The job.
    pub job: Job,
    /// Where the file is.
    pub path: PathBuf,
    /// Number of pages.
    pub pages: usize,
    /// File size in bytes.
    pub bytes: usize,
    /// Points kept, in order.
    pub kept: Vec<String>,
    /// Points left out.
    pub dropped: Vec<String>,
    /// What the user should know (shrunk or split slides, …).
    pub warnings: Vec<Diagnostic>,
    /// The presenter-console file written beside the deck, if any.
    pub pdfpc: Option<PathBuf>,
}

/// A job laid out, before export.
#[derive(Debug, Clone)]
pub struct Rendered {
    /// The tailored document.
    pub doc: Document,
    /// The pages.
    pub layout: Layout,
    /// Warnings about this product.
    pub warnings: Vec<Diagnostic>,
    /// The presenter-console notes that go beside a deck.
    pub pdfpc: Option<String>,
    /// What each slide of a deck shows (empty for leaflets).
    pub slides: Vec<SlideInfo>,
}

/// Tailors and lays out one job, without writing anything (`check` stops
/// here), with what preflight finds on its pages among the warnings.
pub fn layout(shared: &Shared<'_>, job: &Job) -> Result<Rendered, Diagnostic> {
    let mut rendered = typeset_job(shared, job)?;
    let floor = rendered.doc.reading.smallest_type();
    let findings = preflight::preflight(&rendered.layout, floor, job.format == Format::Leaflet);
    rendered.warnings.extend(
        findings
            .into_iter()
            .map(|f| Diagnostic::note(format!("preflight: {f}"))),
    );
    Ok(rendered)
}

/// Tailors and lays out one job.
fn typeset_job(shared: &Shared<'_>, job: &Job) -> Result<Rendered, Diagnostic> {
    let audience = shared
        .project
        .audience(&job.audience)
        .ok_or_else(|| Diagnostic::plain(None, format!("unknown audience `{}`", job.audience)))?;
    let doc = match &job.meeting {
        Some(id) => shared
            .project
            .meetings
            .iter()
            .find(|m| &m.id.value == id)
            .and_then(|m| tailor::tailor_meeting(shared.project, m, job.lang))
            .ok_or_else(|| Diagnostic::plain(None, format!("unknown meeting `{id}`")))?,
        None => tailor::tailor(shared.project, audience, job.lang),
    };
    let (theme, book) = (shared.theme_for(audience), shared.book);
    if job.format == Format::Leaflet {
        let (doc, leaflet) = fitted_leaflet(doc, theme, book)?;
        return Ok(Rendered {
            doc,
            layout: leaflet.layout,
            warnings: leaflet.warnings,
            pdfpc: None,
            slides: Vec::new(),
        });
    }
    let slides = deck::deck(&doc, theme, book)?;
    let layout = match job.format {
        Format::Notes => notes::notes(&slides, &doc, theme, book)?,
        Format::Handout3 => notes::handout3(&slides, &doc, theme, book)?,
        _ => slides.layout.clone(),
    };
    // The presenter console reads notes from a file beside the deck.
    let pdfpc = matches!(job.format, Format::Deck | Format::Notes).then(|| notes::pdfpc(&slides));
    Ok(Rendered {
        doc,
        layout,
        warnings: slides.warnings,
        pdfpc,
        slides: slides.slides,
    })
}

/// The leaflet of `doc` with as many of its points as the sheet holds
/// (SPEC §1.3), and the document cut to them.
fn fitted_leaflet(doc: Document, theme: &Theme, book: &FontBook) -> Result<(Document, Leaflet), Diagnostic> {
    // Only clear and large print fall back to the whole document.
    let whole = doc.reading.enlarged().then(|| doc.clone());
    match tailor::fit::drop_to_fit(doc, |d| leaflet::leaflet(d, theme, book))? {
        Ok(mut cut) => {
            cut.warnings.append(&mut cut.laid_out.warnings);
            cut.laid_out.warnings = cut.warnings;
            Ok((cut.doc, cut.laid_out))
        }
        // Clear and large print cannot shrink to fit: rather than fail the
        // evening before a meeting, such readers get the flat leaflet with
        // every point, as many pages as the text needs.
        Err(over) if let Some(whole) = whole => {
            let mut flat = leaflet::flat(&whole, theme, book)?;
            flat.warnings.push(Diagnostic::note(format!(
                "{}; the {} print leaflet is set flat instead",
                overflow_message(&over),
                if whole.reading == crate::project::Reading::Large { "large" } else { "clear" }
            )));
            Ok((whole, flat))
        }
        Err(over) => Err(Diagnostic::plain(None, overflow_message(&over)).with_help(
            "shorten the essential points, mark some as optional (priority 2), or set a smaller `min_body_size` in the theme",
        )),
    }
}

/// What an overflowing folded sheet tells the organiser.
fn overflow_message(over: &Overflow) -> String {
    format!(
        "the essential points do not fit the folded sheet even at {} pt: they overflow by {:.0} pt ({:.0} mm)",
        over.size,
        over.by,
        over.by / crate::theme::MM
    )
}

/// A job made, ready to write: the file's bytes and what goes beside them.
pub struct Product {
    /// The job laid out.
    pub rendered: Rendered,
    /// The PDF, or the PowerPoint file.
    pub bytes: Vec<u8>,
}

/// How a document is named in messages: audience, meeting, language, product.
pub fn job_name(job: &Job) -> String {
    match &job.meeting {
        Some(m) => format!("{} {m} {} {}", job.audience, job.lang.code(), job.format.name()),
        None => format!("{} {} {}", job.audience, job.lang.code(), job.format.name()),
    }
}

/// The PDF of a laid-out job, written to the theme's standards and
/// colour model. Imposition places a leaflet's pages on printed sheets; it
/// comes after preflight, which judges the pages as read.
fn pdf_bytes(
    shared: &Shared<'_>,
    job: &Job,
    layout: &Layout,
    created: Option<i64>,
) -> Result<Vec<u8>, Diagnostic> {
    // Colour model and imposition may be an audience's own; the standards
    // hold for the whole project (`--pdf-standard` sets them there).
    let pdf = match shared.project.audience(&job.audience) {
        Some(audience) => &shared.theme_for(audience).pdf,
        None => &shared.theme.pdf,
    };
    let imposed;
    let layout = match job.format {
        Format::Leaflet if pdf.imposition != crate::theme::Imposition::None => {
            imposed = impose::impose(layout.clone(), pdf.imposition);
            &imposed
        }
        _ => layout,
    };
    let options = pdf::Options {
        created,
        standards: shared.theme.pdf.standards,
        cmyk: pdf.cmyk,
    };
    pdf::export(layout, shared.fonts, &options).map_err(|e| Diagnostic::plain(None, e))
}

/// Lays out and exports one job without writing anything: what `check` runs
/// for every document, and what `build` writes. A panic inside is caught and
/// becomes this document's error, so one bug cannot stop a batch. Problems
/// name the document, since a batch makes many.
pub fn produce(shared: &Shared<'_>, job: &Job, created: Option<i64>) -> Result<Product, Diagnostic> {
    let name = job_name(job);
    let made = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let mut rendered = layout(shared, job)?;
        if let Some(problem) = rendered.layout.problem() {
            return Err(Diagnostic::plain(None, problem));
        }

        let bytes = match job.format {
            Format::Pptx => editable_deck(shared, &mut rendered, created)?,
            _ => pdf_bytes(shared, job, &rendered.layout, created)?,
        };
        rendered.warnings = std::mem::take(&mut rendered.warnings)
            .into_iter()
            .map(|w| w.about(&name))
            .collect();
        Ok(Product { rendered, bytes })
    }));
    match made {
        Ok(result) => result.map_err(|d| d.about(&name)),
        Err(panic) => {
            let what = panic
                .downcast_ref::<String>()
                .map(String::as_str)
                .or_else(|| panic.downcast_ref::<&str>().copied())
                .unwrap_or("unknown failure");
            Err(Diagnostic::plain(
                None,
                format!("{name}: internal error while making this document ({what}); please report it"),
            ))
        }
    }
}

/// What a batch tells the one who runs it about each job as it finishes.
pub type Done<'a> = &'a (dyn Fn(&Job, &Result<Written, Diagnostic>) + Sync);

/// The PowerPoint file of a laid-out deck; layouts its template lacks are
/// among the deck's warnings.
fn editable_deck(
    shared: &Shared<'_>,
    rendered: &mut Rendered,
    created: Option<i64>,
) -> Result<Vec<u8>, Diagnostic> {
    let template = shared.template()?;
    let deck = pptx::Deck {
        slides: &rendered.slides,
        title: &rendered.layout.title,
        author: rendered.layout.author.as_deref(),
        lang: rendered.doc.lang,
        theme: shared.theme,
    };
    let written = pptx::export(&deck, template, created).map_err(|e| Diagnostic::plain(None, e))?;
    let at = shared.project.pptx_template.as_ref().map(|t| &t.name.place);
    rendered
        .warnings
        .extend(written.warnings.into_iter().map(|w| match at {
            Some(place) => Diagnostic::warning(place, w),
            None => Diagnostic::note(w),
        }));
    Ok(written.bytes)
}

/// Runs every job in parallel, writing into `out`; `done` hears of each job
/// as it finishes (for progress and "wrote" lines). One failing job does not
/// stop the others. Results come back in job order.
pub fn build(
    shared: &Shared<'_>,
    jobs: &[Job],
    out: &OutDir,
    done: Done<'_>,
) -> Vec<Result<Written, Diagnostic>> {
    let created = source_date_epoch();
    jobs.par_iter()
        .map(|job| {
            let result = produce(shared, job, created).and_then(|product| write(shared, job, out, product));
            done(job, &result);
            result
        })
        .collect()
}

/// Every job made but not written, in parallel: the errors (each naming its
/// document) and the warnings `build` would give, each once per document.
pub fn check(shared: &Shared<'_>, jobs: &[Job]) -> (Vec<Diagnostic>, Vec<Diagnostic>) {
    let results: Vec<Result<Product, Diagnostic>> =
        jobs.par_iter().map(|job| produce(shared, job, None)).collect();
    let once = report::OncePerDocument::default();
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    for (job, result) in jobs.iter().zip(results) {
        match result {
            Ok(product) => {
                let fresh = once.first_seen(job, &product.rendered.warnings);
                warnings.extend(fresh.into_iter().cloned());
            }
            Err(e) => errors.push(e),
        }
    }
    (errors, warnings)
}

/// Writes a made job (and the deck's .pdfpc beside it).
fn write(shared: &Shared<'_>, job: &Job, out: &OutDir, product: Product) -> Result<Written, Diagnostic> {
    let relative = output_path(shared.project, job);
    let failed = |path: &Path, e: std::io::Error| {
        Diagnostic::plain(Some(&out.path(path)), format!("cannot write: {e}")).about(&job_name(job))
    };
    let path = out
        .write(&relative, &product.bytes)
        .map_err(|e| failed(&relative, e))?;
    let rendered = product.rendered;
    let mut pdfpc = None;
    if let Some(text) = &rendered.pdfpc {
        let deck = Job {
            format: Format::Deck,
            ..job.clone()
        };
        let beside = output_path(shared.project, &deck).with_extension("pdfpc");
        pdfpc = Some(
            out.write(&beside, text.as_bytes())
                .map_err(|e| failed(&beside, e))?,
        );
    }
    Ok(Written {
        job: job.clone(),
        path,
        pages: rendered.layout.pages.len(),
        bytes: product.bytes.len(),
        kept: rendered.doc.points.iter().map(|p| p.id.clone()).collect(),
        dropped: rendered.doc.dropped.clone(),
        warnings: rendered.warnings,
        pdfpc,
    })
}

/// `{handout}/{audience}/{handout}-{audience}-{lang}-{format}.pdf` inside
/// the output folder; for a meeting, `…-{audience}-{meeting}-{lang}-leaflet.pdf`;
/// the editable deck is `…-{lang}-deck.pptx`, beside the PDF deck. When the
/// project's leaflets are not all folded alike, a leaflet's name ends in its
/// fold (`…-leaflet-trifold.pdf`), so a campaign folder holds each variant
/// under its own name. Every part is a checked id, a language code, a
/// product or a fold name.
pub fn output_path(project: &Project, job: &Job) -> PathBuf {
    let handout = &project.handout.id.value;
    let who = match &job.meeting {
        Some(meeting) => format!("{}-{meeting}", job.audience),
        None => job.audience.clone(),
    };
    let fold = project
        .audience(&job.audience)
        .filter(|_| job.format == Format::Leaflet && folds_differ(project))
        .map(|a| format!("-{}", project.theme_for(a).leaflet.fold.name()))
        .unwrap_or_default();
    let (product, extension) = match job.format {
        Format::Pptx => ("deck", "pptx"),
        other => (other.name(), "pdf"),
    };
    Path::new(handout).join(&job.audience).join(format!(
        "{handout}-{who}-{}-{product}{fold}.{extension}",
        job.lang.code(),
    ))
}

/// Whether the project's audiences fold their leaflets in more than one
/// way. It depends on the project alone, never on what one build selects,
/// so a document has the same name in every build and every shard.
fn folds_differ(project: &Project) -> bool {
    let mut folds = project
        .audiences
        .iter()
        .map(|a| project.theme_for(a).leaflet.fold);
    let first = folds.next();
    folds.any(|f| Some(f) != first)
}

/// The creation time for reproducible builds, from SOURCE_DATE_EPOCH.
fn source_date_epoch() -> Option<i64> {
    std::env::var("SOURCE_DATE_EPOCH").ok()?.trim().parse().ok()
}
