//! `manifest.json`: the report of everything in an output folder. Every build
//! into a folder merges what it made into the manifest already there, under
//! a lock, so a campaign's documents, its meeting leaflets and the parts of
//! a sharded build, made one after another or at once, end in one report.

use std::collections::BTreeSet;
use std::io;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::{Job, OutDir, Written};
use crate::diag::Diagnostic;

/// The manifest's name in the output folder.
pub const MANIFEST: &str = "manifest.json";
/// The lock file beside it: held while a build reads, merges and writes
/// the manifest, so concurrent builds never lose each other's entries.
pub const LOCK: &str = ".manifest.lock";

/// The whole report. Lists are sorted, so the file diffs well between builds.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    /// The tool and version that last wrote it.
    pub tool: String,
    /// The handouts that have documents in the folder.
    pub handouts: Vec<String>,
    /// Every document in the folder, by path.
    pub files: Vec<FileEntry>,
    /// Documents whose latest build failed.
    pub errors: Vec<ErrorEntry>,
    /// Sums over `files`.
    pub totals: Totals,
}

/// Which document an entry is about: the same document keeps this
/// identity in every build, whatever its file is named.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Document {
    /// The handout's id.
    pub handout: String,
    /// The audience's id.
    pub audience: String,
    /// The meeting's id, for a meeting leaflet.
    pub meeting: Option<String>,
    /// The language code.
    pub lang: String,
    /// The product name.
    pub format: String,
}

impl Document {
    /// The document a job makes.
    fn of(handout: &str, job: &Job) -> Self {
        Self {
            handout: handout.to_owned(),
            audience: job.audience.clone(),
            meeting: job.meeting.clone(),
            lang: job.lang.code().to_owned(),
            format: job.format.name().to_owned(),
        }
    }
}

/// A document written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FileEntry {
    /// Path relative to the output folder, with `/` between names.
    pub path: String,
    /// Which document it is.
    #[serde(flatten)]
    pub document: Document,
    /// Number of pages.
    pub pages: usize,
    /// Size in bytes.
    pub bytes: usize,
    /// Points kept, in order.
    pub kept: Vec<String>,
    /// Points left out.
    pub dropped: Vec<String>,
    /// Warnings, as printed.
    pub warnings: Vec<String>,
    /// The presenter-console file beside a deck.
    pub pdfpc: Option<String>,
}

/// A document that failed in its latest build.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ErrorEntry {
    /// Which document it is.
    #[serde(flatten)]
    pub document: Document,
    /// The error, as printed.
    pub message: String,
}

/// Sums over the files listed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Totals {
    /// Documents.
    pub files: usize,
    /// Pages.
    pub pages: usize,
    /// Bytes.
    pub bytes: usize,
}

impl Manifest {
    /// The report of one build: `results` are those of `jobs`, in order.
    pub fn of_build(
        handout: &str,
        jobs: &[Job],
        results: &[Result<Written, Diagnostic>],
        out: &Path,
    ) -> Self {
        let relative = |p: &Path| {
            p.strip_prefix(out)
                .unwrap_or(p)
                .to_string_lossy()
                .replace('\\', "/")
        };
        let message = |d: &Diagnostic| d.to_string().trim_end().to_owned();
        let mut manifest = Manifest::default();
        for (job, result) in jobs.iter().zip(results) {
            let document = Document::of(handout, job);
            match result {
                Ok(w) => manifest.files.push(FileEntry {
                    path: relative(&w.path),
                    document,
                    pages: w.pages,
                    bytes: w.bytes,
                    kept: w.kept.clone(),
                    dropped: w.dropped.clone(),
                    warnings: w.warnings.iter().map(message).collect(),
                    pdfpc: w.pdfpc.as_deref().map(relative),
                }),
                Err(e) => manifest.errors.push(ErrorEntry {
                    document,
                    message: message(e),
                }),
            }
        }
        manifest.settle();
        manifest
    }

    /// `fresh` merged over this report: a file written again replaces its
    /// entry, a document built again (well or not) loses its old error, and
    /// entries of files no longer in the folder (`present` says which are)
    /// are dropped, so the manifest lists exactly what the folder holds.
    pub fn merge(mut self, fresh: Manifest, present: impl Fn(&str) -> bool) -> Manifest {
        let paths: BTreeSet<&str> = fresh.files.iter().map(|f| f.path.as_str()).collect();
        let built: BTreeSet<&Document> = fresh
            .files
            .iter()
            .map(|f| &f.document)
            .chain(fresh.errors.iter().map(|e| &e.document))
            .collect();
        self.files
            .retain(|f| !paths.contains(f.path.as_str()) && present(&f.path));
        self.errors.retain(|e| !built.contains(&e.document));
        self.files.extend(fresh.files);
        self.errors.extend(fresh.errors);
        self.settle();
        self
    }

    /// Sorts the lists and recomputes what derives from them.
    fn settle(&mut self) {
        self.files.sort_by(|a, b| a.path.cmp(&b.path));
        self.errors.sort_by(|a, b| a.document.cmp(&b.document));
        let handouts: BTreeSet<&str> = self
            .files
            .iter()
            .map(|f| f.document.handout.as_str())
            .chain(self.errors.iter().map(|e| e.document.handout.as_str()))
            .collect();
        self.handouts = handouts.into_iter().map(str::to_owned).collect();
        self.tool = format!("handout {}", env!("CARGO_PKG_VERSION"));
        self.totals = Totals {
            files: self.files.len(),
            pages: self.files.iter().map(|f| f.pages).sum(),
            bytes: self.files.iter().map(|f| f.bytes).sum(),
        };
    }

    /// The manifest as written: pretty JSON with a final line break.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a manifest always serialises") + "\n"
    }
}

/// Why a manifest could not be merged.
#[derive(Debug)]
pub enum MergeError {
    /// Reading, locking or writing failed.
    Io(io::Error),
    /// The manifest in the folder is not one this tool wrote.
    Unreadable(String),
}

impl MergeError {
    /// The problem as a diagnostic about the manifest in `out`.
    pub fn diagnostic(&self, out: &OutDir) -> Diagnostic {
        let path = out.path(Path::new(MANIFEST));
        match self {
            MergeError::Io(e) => Diagnostic::plain(Some(&path), format!("cannot write the manifest: {e}")),
            MergeError::Unreadable(why) => Diagnostic::plain(
                Some(&path),
                format!("the manifest already in the folder cannot be read ({why}), so it was left as it is"),
            )
            .with_help("move it away or delete it; the next build writes a new one listing what it builds"),
        }
    }
}

/// Reads a manifest, also one written by an earlier version, which named
/// its one handout at the top and gave its errors as bare messages.
pub fn read(text: &str) -> serde_json::Result<Manifest> {
    let mut value: serde_json::Value = serde_json::from_str(text)?;
    if let Some(handout) = value.get("handout").cloned().filter(serde_json::Value::is_string) {
        for file in value["files"].as_array_mut().into_iter().flatten() {
            if let Some(entry) = file.as_object_mut() {
                entry.entry("handout").or_insert_with(|| handout.clone());
            }
        }
        // Bare messages name no document, so no later build could clear
        // them: the next build of each document reports its own.
        if value["errors"]
            .as_array()
            .is_some_and(|e| e.iter().all(serde_json::Value::is_string))
        {
            value["errors"] = serde_json::json!([]);
        }
        if value.get("handouts").is_none() {
            value["handouts"] = serde_json::json!([handout]);
        }
    }
    serde_json::from_value(value)
}

/// Merges `fresh` into the manifest of `out` under its lock: read, merge,
/// write atomically, then unlock. Other builds into the same folder wait
/// for the lock, so none loses another's entries.
pub fn merge_into(out: &OutDir, fresh: Manifest) -> Result<Manifest, MergeError> {
    let _lock = out.lock(Path::new(LOCK)).map_err(MergeError::Io)?;
    let name = Path::new(MANIFEST);
    let old = match out.read_text(name) {
        Ok(text) => read(&text).map_err(|e| MergeError::Unreadable(e.to_string()))?,
        Err(e) if e.kind() == io::ErrorKind::NotFound => Manifest::default(),
        Err(e) => return Err(MergeError::Io(e)),
    };
    let merged = old.merge(fresh, |path| out.holds(Path::new(path)));
    out.write(name, merged.to_json().as_bytes())
        .map_err(MergeError::Io)?;
    Ok(merged)
}

/// Merges the manifests `parts` (each a file written by a build, e.g. of one
/// shard on another machine) into the manifest of `out`, whose documents
/// must already have been copied there: entries of files the folder does
/// not hold are left out.
pub fn merge_parts(out: &OutDir, parts: &[std::path::PathBuf]) -> Result<Manifest, Diagnostic> {
    let mut combined = Manifest::default();
    for part in parts {
        // Files named on the command line are the user's own choice, read
        // where they are.
        let text = std::fs::read_to_string(part)
            .map_err(|e| Diagnostic::plain(Some(part), format!("cannot read: {e}")))?;
        let manifest: Manifest = read(&text)
            .map_err(|e| Diagnostic::plain(Some(part), format!("not a manifest written by handout: {e}")))?;
        combined = combined.merge(manifest, |_| true);
    }
    merge_into(out, combined).map_err(|e| e.diagnostic(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn document(audience: &str, lang: &str) -> Document {
        Document {
            handout: "h".into(),
            audience: audience.into(),
            meeting: None,
            lang: lang.into(),
            format: "leaflet".into(),
        }
    }

    fn file(path: &str, audience: &str, lang: &str, pages: usize) -> FileEntry {
        FileEntry {
            path: path.into(),
            document: document(audience, lang),
            pages,
            bytes: 100,
            kept: vec!["p".into()],
            dropped: Vec::new(),
            warnings: Vec::new(),
            pdfpc: None,
        }
    }

    fn report(files: Vec<FileEntry>, errors: Vec<ErrorEntry>) -> Manifest {
        let mut m = Manifest {
            files,
            errors,
            ..Manifest::default()
        };
        m.settle();
        m
    }

    #[test]
    fn a_merge_keeps_other_documents_and_replaces_those_built_again() {
        let old = report(
            vec![
                file("h/a/a-kk.pdf", "a", "kk", 2),
                file("h/b/b-kk.pdf", "b", "kk", 2),
            ],
            vec![ErrorEntry {
                document: document("c", "kk"),
                message: "c failed".into(),
            }],
        );
        let fresh = report(
            vec![
                file("h/b/b-kk.pdf", "b", "kk", 3),
                file("h/c/c-kk.pdf", "c", "kk", 1),
            ],
            Vec::new(),
        );
        let merged = old.merge(fresh, |_| true);
        let listed: Vec<(&str, usize)> = merged.files.iter().map(|f| (f.path.as_str(), f.pages)).collect();
        assert_eq!(
            listed,
            [("h/a/a-kk.pdf", 2), ("h/b/b-kk.pdf", 3), ("h/c/c-kk.pdf", 1)]
        );
        assert!(merged.errors.is_empty(), "c was built again, and well");
        assert_eq!((merged.totals.files, merged.totals.pages), (3, 6));
        assert_eq!(merged.handouts, ["h"]);
    }

    #[test]
    fn a_failure_is_listed_beside_the_documents_last_good_file() {
        let old = report(vec![file("h/a/a-kk.pdf", "a", "kk", 2)], Vec::new());
        let fresh = report(
            Vec::new(),
            vec![ErrorEntry {
                document: document("a", "kk"),
                message: "a failed".into(),
            }],
        );
        let merged = old.merge(fresh, |_| true);
        assert_eq!(merged.files.len(), 1, "the file from before is still there");
        assert_eq!(merged.errors[0].message, "a failed");
    }

    #[test]
    fn entries_of_files_that_are_gone_are_dropped() {
        let old = report(
            vec![
                file("h/a/a-kk.pdf", "a", "kk", 2),
                file("h/a/a-ru.pdf", "a", "ru", 2),
            ],
            Vec::new(),
        );
        let merged = old.merge(Manifest::default(), |path| path.ends_with("ru.pdf"));
        assert_eq!(merged.files.len(), 1);
        assert_eq!(merged.files[0].path, "h/a/a-ru.pdf");
    }

    #[test]
    fn a_manifest_of_the_earlier_format_is_read() {
        let earlier = r#"{"tool": "handout 0.1.0", "handout": "h", "errors": ["a kk deck: broken"],
            "files": [{"path": "h/a/h-a-kk-leaflet.pdf", "audience": "a", "meeting": null, "lang": "kk",
            "format": "leaflet", "pages": 2, "bytes": 100, "kept": ["p"], "dropped": [], "warnings": [], "pdfpc": null}],
            "totals": {"files": 1, "pages": 2, "bytes": 100}}"#;
        let m = read(earlier).unwrap();
        assert_eq!(m.files, [file("h/a/h-a-kk-leaflet.pdf", "a", "kk", 2)]);
        assert!(m.errors.is_empty());
        assert_eq!(m.handouts, ["h"]);
    }

    #[test]
    fn the_manifest_reads_back_as_written() {
        let m = report(vec![file("h/a/a-kk.pdf", "a", "kk", 2)], Vec::new());
        let back: Manifest = serde_json::from_str(&m.to_json()).unwrap();
        assert_eq!(back, m);
        let json: serde_json::Value = serde_json::from_str(&m.to_json()).unwrap();
        assert_eq!(
            json["files"][0]["audience"], "a",
            "the document's fields sit in the entry"
        );
    }
}
