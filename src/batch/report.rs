//! What a batch tells its user: only the warnings about documents being
//! made, each once per document, and a summary line.

use std::collections::HashSet;
use std::fmt;
use std::sync::Mutex;
use std::time::Duration;

use super::{Job, Written, job_name};
use crate::diag::Diagnostic;
use crate::project::Lang;

/// `diagnostics` without the warnings that concern none of `jobs` (a
/// missing translation for an audience or language not being built).
/// Errors always stay: they stop the whole build.
pub fn for_jobs(diagnostics: Vec<Diagnostic>, jobs: &[Job]) -> Vec<Diagnostic> {
    diagnostics
        .into_iter()
        .filter(|d| d.is_error() || jobs.iter().any(|j| d.concerns_document(&j.audience, j.lang)))
        .collect()
}

/// A document in one language: its deck, notes and handout3 are made from
/// the same slides, and share their warnings.
type DocumentKey = (String, Option<String>, Lang);

/// Lets each warning through once per document, however many of its
/// products carry it; safe to use from every worker of a batch.
#[derive(Debug, Default)]
pub struct OncePerDocument {
    /// The warnings let through, by document and message.
    seen: Mutex<HashSet<(DocumentKey, String)>>,
}

impl OncePerDocument {
    /// The warnings of `job` not yet let through for its document.
    pub fn first_seen<'w>(&self, job: &Job, warnings: &'w [Diagnostic]) -> Vec<&'w Diagnostic> {
        let mut seen = match self.seen.lock() {
            Ok(seen) => seen,
            Err(poisoned) => poisoned.into_inner(),
        };
        // The message names its product ("… kk notes: …"); the same slide
        // shrunk in the notes is the same warning as in the deck.
        let prefix = format!("{}: ", job_name(job));
        let document = (job.audience.clone(), job.meeting.clone(), job.lang);
        warnings
            .iter()
            .filter(|w| {
                let message = w.to_string();
                let message = message.replacen(&prefix, "", 1);
                seen.insert((document.clone(), message))
            })
            .collect()
    }

    /// How many warnings were let through.
    pub fn count(&self) -> usize {
        match self.seen.lock() {
            Ok(seen) => seen.len(),
            Err(poisoned) => poisoned.into_inner().len(),
        }
    }
}

/// The last line of a build.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// Documents written.
    pub documents: usize,
    /// Their pages.
    pub pages: usize,
    /// Documents that failed.
    pub failed: usize,
    /// Warnings shown.
    pub warnings: usize,
    /// How long the build took.
    pub elapsed: Duration,
}

impl Summary {
    /// The summary of `results`, with the warnings shown and the time taken.
    pub fn of(results: &[Result<Written, Diagnostic>], warnings: usize, elapsed: Duration) -> Self {
        let written = results.iter().filter_map(|r| r.as_ref().ok());
        Self {
            documents: written.clone().count(),
            pages: written.map(|w| w.pages).sum(),
            failed: results.iter().filter(|r| r.is_err()).count(),
            warnings,
            elapsed,
        }
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let plural = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        write!(
            f,
            "built {}, {} in {:.2} s",
            plural(self.documents, "document", "documents"),
            plural(self.pages, "page", "pages"),
            self.elapsed.as_secs_f64()
        )?;
        if self.failed > 0 {
            write!(f, "; {} failed", self.failed)?;
        }
        write!(f, "; {}", plural(self.warnings, "warning", "warnings"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::Format;

    fn job(audience: &str, lang: Lang, format: Format) -> Job {
        Job::new(audience, lang, format)
    }

    #[test]
    fn a_warning_shows_only_when_a_document_it_concerns_is_built() {
        let about_b =
            Diagnostic::note("b's intro falls back to ru").concerning(vec!["b".into()], vec![Lang::En]);
        let general = Diagnostic::note("for everyone");
        let error = Diagnostic::plain(None, "broken").concerning(vec!["b".into()], vec![]);
        let all = vec![about_b, general, error];
        let shown = |jobs: &[Job]| -> Vec<String> {
            for_jobs(all.clone(), jobs)
                .iter()
                .map(|d| d.message.clone())
                .collect()
        };
        assert_eq!(
            shown(&[job("a", Lang::En, Format::Leaflet)]),
            ["for everyone", "broken"]
        );
        assert_eq!(
            shown(&[job("b", Lang::Kk, Format::Leaflet)]),
            ["for everyone", "broken"]
        );
        assert_eq!(
            shown(&[job("b", Lang::En, Format::Deck)]),
            ["b's intro falls back to ru", "for everyone", "broken"]
        );
    }

    #[test]
    fn a_decks_warning_is_shown_once_for_deck_notes_and_handout() {
        let once = OncePerDocument::default();
        let shrunk = |job: &Job| vec![Diagnostic::note("slide 3 shrunk to 20 pt").about(&job_name(job))];
        let deck = job("a", Lang::Kk, Format::Deck);
        let notes = job("a", Lang::Kk, Format::Notes);
        let other = job("a", Lang::Ru, Format::Notes);
        assert_eq!(once.first_seen(&deck, &shrunk(&deck)).len(), 1);
        assert_eq!(once.first_seen(&notes, &shrunk(&notes)).len(), 0);
        assert_eq!(
            once.first_seen(&other, &shrunk(&other)).len(),
            1,
            "another language is another document"
        );
        assert_eq!(once.count(), 2);
    }

    #[test]
    fn the_summary_counts_documents_pages_failures_and_warnings() {
        let summary = Summary {
            documents: 28,
            pages: 131,
            failed: 1,
            warnings: 1,
            elapsed: Duration::from_millis(2410),
        };
        assert_eq!(
            summary.to_string(),
            "built 28 documents, 131 pages in 2.41 s; 1 failed; 1 warning"
        );
    }
}
