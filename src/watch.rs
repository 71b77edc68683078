//! `handout watch`: the project's source files, watched for saves.
//!
//! Only changes of content count: a file written, created, removed or
//! renamed. Reading a file (which a build does to every input) also raises
//! events on some systems; reacting to those would rebuild forever.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::Duration;

use notify::event::{EventKind, ModifyKind};
use notify::{RecommendedWatcher, RecursiveMode, Watcher};

/// How long after the last save a rebuild starts: editors write a file in
/// several steps, and one rebuild per save is enough.
const SETTLE: Duration = Duration::from_millis(150);

/// Saves of a project's inputs (TOML, CSV, images, fonts) and of an extra
/// theme file, in batches.
pub struct Changes {
    /// Keeps the watcher alive.
    _watcher: RecommendedWatcher,
    /// Raw events.
    events: Receiver<notify::Result<notify::Event>>,
    /// A theme file outside the project, watched by its exact path.
    theme: Option<PathBuf>,
}

impl Changes {
    /// Starts watching the project folder `root` and, if given, `theme`.
    pub fn watch(root: &Path, theme: Option<&Path>) -> Result<Self, String> {
        let (tx, events) = channel();
        let mut watcher = notify::recommended_watcher(tx).map_err(|e| format!("cannot watch files: {e}"))?;
        watcher
            .watch(root, RecursiveMode::Recursive)
            .map_err(|e| format!("cannot watch {}: {e}", root.display()))?;
        let theme = match theme {
            Some(path) => {
                let full =
                    std::path::absolute(path).map_err(|e| format!("cannot watch {}: {e}", path.display()))?;
                // Editors replace a file by renaming a new one over it, so
                // the folder is watched, not the file.
                let folder = full.parent().unwrap_or(Path::new("/"));
                watcher
                    .watch(folder, RecursiveMode::NonRecursive)
                    .map_err(|e| format!("cannot watch {}: {e}", path.display()))?;
                Some(full)
            }
            None => None,
        };
        Ok(Self {
            _watcher: watcher,
            events,
            theme,
        })
    }

    /// Waits for the next saves of input files; `None` when watching stopped.
    /// Files a build writes (PDFs, the manifest, temporary files) are not
    /// inputs, so an output folder inside the project does not loop.
    pub fn next(&self) -> Option<Result<Vec<PathBuf>, String>> {
        let mut changed = Vec::new();
        loop {
            let event = if changed.is_empty() {
                self.events.recv().ok()?
            } else {
                match self.events.recv_timeout(SETTLE) {
                    Ok(event) => event,
                    Err(RecvTimeoutError::Timeout) => break,
                    Err(RecvTimeoutError::Disconnected) => return None,
                }
            };
            match event {
                Ok(event) if changes_content(&event.kind) => changed.extend(
                    event
                        .paths
                        .into_iter()
                        .filter(|p| is_input(p) || self.theme.as_deref() == Some(p.as_path())),
                ),
                Ok(_) => {}
                Err(e) => return Some(Err(format!("watching failed: {e}"))),
            }
        }
        changed.sort();
        changed.dedup();
        Some(Ok(changed))
    }
}

/// Whether an event says a file's content or name changed (not that it was
/// opened, read or had its times touched).
fn changes_content(kind: &EventKind) -> bool {
    match kind {
        EventKind::Create(_) | EventKind::Remove(_) => true,
        EventKind::Modify(ModifyKind::Data(_) | ModifyKind::Name(_) | ModifyKind::Any) => true,
        EventKind::Modify(_) | EventKind::Access(_) | EventKind::Any | EventKind::Other => false,
    }
}

/// Whether a changed file is one a build reads.
fn is_input(path: &Path) -> bool {
    let hidden = path
        .file_name()
        .is_some_and(|n| n.to_string_lossy().starts_with('.'));
    let ext = path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase());
    let input = matches!(
        ext.as_deref(),
        Some("toml" | "csv" | "png" | "jpg" | "jpeg" | "ttf" | "otf")
    );
    input && !hidden
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{AccessKind, AccessMode, CreateKind, DataChange, MetadataKind};

    #[test]
    fn only_inputs_trigger_a_rebuild() {
        assert!(is_input(Path::new("p/handout.toml")));
        assert!(is_input(Path::new("p/images/logo.PNG")));
        assert!(!is_input(Path::new("p/out/x.pdf")));
        assert!(!is_input(Path::new("p/out/manifest.json")));
        assert!(!is_input(Path::new("p/.handout-abc.tmp")));
        assert!(!is_input(Path::new("p/.handout.toml.swp")));
    }

    #[test]
    fn reads_are_not_changes() {
        assert!(!changes_content(&EventKind::Access(AccessKind::Open(
            AccessMode::Read
        ))));
        assert!(!changes_content(&EventKind::Access(AccessKind::Close(
            AccessMode::Read
        ))));
        assert!(!changes_content(&EventKind::Modify(ModifyKind::Metadata(
            MetadataKind::AccessTime
        ))));
        assert!(changes_content(&EventKind::Modify(ModifyKind::Data(
            DataChange::Content
        ))));
        assert!(changes_content(&EventKind::Create(CreateKind::File)));
    }
}
