//! A project opened for work: loaded, known to have audiences, its fonts
//! ready for shaping and embedding. Every command starts here, so the
//! command line never reaches into a stage.

use std::path::Path;

use crate::diag::Diagnostic;
use crate::export::pdf::PdfFonts;
use crate::load;
use crate::project::Project;
use crate::theme::Standards;
use crate::typeset::text::fonts::FontBook;

use super::manifest::{self, Manifest};
use super::{Job, OutDir, Request, Shared, Written};

/// A loaded project and its fonts.
pub struct Workspace {
    project: Project,
    book: FontBook,
    fonts: PdfFonts,
}

impl Workspace {
    /// Loads the project at `root` (with `theme` over its own theme) and
    /// prepares its fonts. Every diagnostic comes back, warnings too; there is
    /// no workspace when any of them is an error, when the project has no
    /// audience, or when a project font cannot be embedded.
    pub fn open(root: &Path, theme: Option<&Path>) -> (Option<Self>, Vec<Diagnostic>) {
        let loaded = load::load_with_theme(root, theme);
        let mut diagnostics = loaded.diagnostics;
        let Some(project) = loaded.project else {
            return (None, diagnostics);
        };
        if project.audiences.is_empty() {
            diagnostics.push(
                Diagnostic::plain(
                    None,
                    "the project has no audience profile; every document is made for an audience",
                )
                .with_help("add audiences/NAME.toml with an [audience] table"),
            );
            return (None, diagnostics);
        }
        let pictures = undescribed_pictures(&project, project.theme.pdf.standards.accessible);
        let refused = pictures.iter().any(Diagnostic::is_error);
        diagnostics.extend(pictures);
        if refused {
            return (None, diagnostics);
        }
        let book = FontBook::with_project(&project.fonts);
        match PdfFonts::new(&book) {
            Ok(fonts) => (Some(Self { project, book, fonts }), diagnostics),
            Err(problems) => {
                diagnostics.extend(problems);
                (None, diagnostics)
            }
        }
    }

    /// Writes every document to `standards` instead of the theme's. Under
    /// PDF/UA a picture that carries meaning needs a description: a point's
    /// picture without `alt` is an error at the line naming it.
    pub fn require(&mut self, standards: Standards) -> Vec<Diagnostic> {
        let was_accessible = self.project.theme.pdf.standards.accessible;
        self.project.theme.pdf.standards = standards;
        // Opening warned about these already.
        if !standards.accessible || was_accessible {
            return Vec::new();
        }
        undescribed_pictures(&self.project, true)
    }

    /// The loaded project.
    pub fn project(&self) -> &Project {
        &self.project
    }

    /// What the jobs of a batch share.
    pub fn shared(&self) -> Shared<'_> {
        Shared::new(&self.project, &self.book, &self.fonts)
    }

    /// The jobs `request` asks for; an error names a selection that matches
    /// nothing.
    pub fn plan(&self, request: &Request) -> Result<Vec<Job>, String> {
        super::plan(&self.project, request)
    }

    /// Every document a build could make, meeting leaflets included.
    pub fn every_job(&self) -> Vec<Job> {
        let mut jobs = self.plan(&Request::default()).unwrap_or_default();
        if !self.project.meetings.is_empty() {
            let meetings = Request {
                meetings: true,
                ..Request::default()
            };
            jobs.extend(self.plan(&meetings).unwrap_or_default());
        }
        jobs
    }

    /// Builds `jobs` into `out` in parallel and merges what was made into
    /// the folder's manifest; `done` hears of each job as it finishes. The
    /// manifest's own error, if any, comes back beside the documents' results.
    pub fn build(
        &self,
        jobs: &[Job],
        out: &OutDir,
        done: super::Done<'_>,
    ) -> (Vec<Result<Written, Diagnostic>>, Option<Diagnostic>) {
        let results = super::build(&self.shared(), jobs, out, done);
        let handout = &self.project.handout.id.value;
        let fresh = Manifest::of_build(handout, jobs, &results, out.root());
        let failed = manifest::merge_into(out, fresh).err().map(|e| e.diagnostic(out));
        (results, failed)
    }

    /// Every job made but not written: the errors and the warnings a build
    /// would give.
    pub fn check(&self, jobs: &[Job]) -> (Vec<Diagnostic>, Vec<Diagnostic>) {
        super::check(&self.shared(), jobs)
    }
}

/// `handout fonts`: which fonts cover which languages, for the project at
/// `root` (its own fonts included), with any problem loading them.
pub fn font_coverage(root: &Path) -> (String, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let fonts = load::project_fonts(root, &mut problems);
    (FontBook::with_project(&fonts).coverage_report(), problems)
}

/// A diagnostic for each point picture without a description: a warning,
/// or an error when the documents must be accessible.
pub fn undescribed_pictures(project: &Project, accessible: bool) -> Vec<Diagnostic> {
    project
        .points
        .iter()
        .filter(|p| p.image_alt.is_none())
        .filter_map(|p| {
            let place = p.image.as_ref()?.place.as_ref()?;
            let message = format!(
                "the picture of point `{}` has no description for readers who cannot see it",
                p.id.value
            );
            let d = if accessible {
                Diagnostic::error(place, format!("{message}, which PDF/UA requires"))
            } else {
                Diagnostic::warning(place, message)
            };
            Some(d.with_help(
                "write it as image = { path = \"…\", alt = { kk = \"…\", ru = \"…\", en = \"…\" } }",
            ))
        })
        .collect()
}
