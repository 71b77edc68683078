//! `handout watch`: the project's source files, watched for saves.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use notify_debouncer_mini::notify::{RecommendedWatcher, RecursiveMode};
use notify_debouncer_mini::{DebounceEventResult, Debouncer, new_debouncer};

/// How long after the last save a rebuild starts: editors write a file in
/// several steps, and one rebuild per save is enough.
const SETTLE: Duration = Duration::from_millis(150);

/// Saves of a project's inputs (TOML, images, fonts), in batches.
pub struct Changes {
    /// Keeps the watcher alive.
    _debouncer: Debouncer<RecommendedWatcher>,
    /// Debounced events.
    events: Receiver<DebounceEventResult>,
}

impl Changes {
    /// Starts watching the project folder `root`.
    pub fn watch(root: &Path) -> Result<Self, String> {
        let (tx, events) = channel();
        let mut debouncer = new_debouncer(SETTLE, tx).map_err(|e| format!("cannot watch files: {e}"))?;
        debouncer
            .watcher()
            .watch(root, RecursiveMode::Recursive)
            .map_err(|e| format!("cannot watch {}: {e}", root.display()))?;
        Ok(Self {
            _debouncer: debouncer,
            events,
        })
    }

    /// Waits for the next saves of input files; `None` when watching stopped.
    /// Files a build writes (PDFs, the manifest, temporary files) are not
    /// inputs, so an output folder inside the project does not loop.
    pub fn next(&self) -> Option<Result<Vec<PathBuf>, String>> {
        loop {
            let batch = match self.events.recv().ok()? {
                Ok(events) => events,
                Err(e) => return Some(Err(format!("watching failed: {e}"))),
            };
            let mut inputs: Vec<PathBuf> = batch
                .into_iter()
                .map(|e| e.path)
                .filter(|p| is_input(p))
                .collect();
            inputs.sort();
            inputs.dedup();
            if !inputs.is_empty() {
                return Some(Ok(inputs));
            }
        }
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

    #[test]
    fn only_inputs_trigger_a_rebuild() {
        assert!(is_input(Path::new("p/handout.toml")));
        assert!(is_input(Path::new("p/images/logo.PNG")));
        assert!(!is_input(Path::new("p/out/x.pdf")));
        assert!(!is_input(Path::new("p/out/manifest.json")));
        assert!(!is_input(Path::new("p/.handout-abc.tmp")));
        assert!(!is_input(Path::new("p/.handout.toml.swp")));
    }
}
