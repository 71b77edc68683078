//! The one way out: every file a build writes goes through a handle rooted
//! at the output folder, under a relative path made only of checked ids, and
//! lands by rename from a temporary file, so nothing is written outside
//! `--out` and no reader ever sees half a document.

use std::io::Write;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

use cap_std::ambient_authority;
use cap_std::fs::{Dir, OpenOptions, OpenOptionsExt};

/// Temporary files start with this, then the writing process's id.
const TEMP_PREFIX: &str = ".handout-";
/// Temporary files end with this.
const TEMP_SUFFIX: &str = ".tmp";
/// How deep below the output folder documents are written
/// (`{handout}/{audience}/file`): the sweep looks no deeper.
const DEPTH: usize = 3;

/// Temporary files being written right now, by full path. This is the one
/// piece of process-wide state: a signal handler has nothing else to reach
/// them through, and they must go when the user presses Ctrl-C.
static LIVE: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Numbers temporary files within this process.
static NEXT: AtomicU64 = AtomicU64::new(0);

/// Removes every temporary file this process is writing. Called from the
/// SIGINT/SIGTERM handler before the process exits.
pub fn remove_live_temporaries() {
    let live = match LIVE.lock() {
        Ok(live) => live.clone(),
        Err(poisoned) => poisoned.into_inner().clone(),
    };
    for path in live {
        let _ = std::fs::remove_file(path);
    }
}

/// An output folder, opened for writing.
#[derive(Debug)]
pub struct OutDir {
    /// The folder as the user named it.
    root: PathBuf,
    /// The capability every write goes through.
    dir: Dir,
}

impl OutDir {
    /// Creates the folder if needed and opens it.
    pub fn open(root: &Path) -> std::io::Result<Self> {
        std::fs::create_dir_all(root)?;
        let dir = Dir::open_ambient_dir(root, ambient_authority())?;
        Ok(Self {
            root: root.to_path_buf(),
            dir,
        })
    }

    /// The folder as the user named it.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The full path of a file in the folder, for messages and the manifest.
    pub fn path(&self, relative: &Path) -> PathBuf {
        self.root.join(relative)
    }

    /// Writes `bytes` to `relative` atomically: a temporary file beside it,
    /// synced, then renamed into place. `relative` must be plain names only.
    pub fn write(&self, relative: &Path, bytes: &[u8]) -> std::io::Result<PathBuf> {
        if relative.as_os_str().is_empty()
            || !relative.components().all(|c| matches!(c, Component::Normal(_)))
        {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                format!(
                    "refusing to write {} outside the output folder",
                    relative.display()
                ),
            ));
        }
        let parent = relative.parent().unwrap_or(Path::new(""));
        if !parent.as_os_str().is_empty() {
            self.dir.create_dir_all(parent)?;
        }
        let temp = parent.join(format!(
            "{TEMP_PREFIX}{}-{}{TEMP_SUFFIX}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        let full = self.root.join(&temp);
        live(|l| l.push(full.clone()));
        let result = self
            .write_temp(&temp, bytes)
            .and_then(|()| self.dir.rename(&temp, &self.dir, relative));
        if result.is_err() {
            let _ = self.dir.remove_file(&temp);
        }
        live(|l| l.retain(|p| p != &full));
        result.map(|()| self.path(relative))
    }

    /// Writes and syncs the temporary file.
    fn write_temp(&self, temp: &Path, bytes: &[u8]) -> std::io::Result<()> {
        let mut options = OpenOptions::new();
        options.write(true).create_new(true);
        // An ordinary document, readable by others, like any file the user saves.
        options.mode(0o644);
        let mut file = self.dir.open_with(temp, &options)?;
        file.write_all(bytes)?;
        file.sync_all()
    }

    /// Reads a text file of the folder (the manifest a build merges into).
    pub fn read_text(&self, relative: &Path) -> std::io::Result<String> {
        self.dir.read_to_string(relative)
    }

    /// Whether the folder holds a file at `relative`.
    pub fn holds(&self, relative: &Path) -> bool {
        self.dir.metadata(relative).is_ok_and(|m| m.is_file())
    }

    /// Takes an exclusive lock on the file `relative` (created if needed),
    /// waiting while another process holds it; the lock lasts as long as
    /// the file returned is open. The file itself stays, empty.
    pub fn lock(&self, relative: &Path) -> std::io::Result<std::fs::File> {
        let mut options = OpenOptions::new();
        options.write(true).create(true).truncate(false);
        options.mode(0o644);
        let file = self.dir.open_with(relative, &options)?.into_std();
        file.lock()?;
        Ok(file)
    }

    /// Removes temporary files left by builds that were killed (their
    /// process is gone); returns how many were removed.
    pub fn sweep(&self) -> usize {
        sweep_dir(&self.dir, 0)
    }
}

/// Runs `f` on the list of live temporary files.
fn live(f: impl FnOnce(&mut Vec<PathBuf>)) {
    match LIVE.lock() {
        Ok(mut l) => f(&mut l),
        Err(poisoned) => f(&mut poisoned.into_inner()),
    }
}

/// Sweeps one folder and the folders below it, down to [`DEPTH`].
fn sweep_dir(dir: &Dir, depth: usize) -> usize {
    let Ok(entries) = dir.entries() else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() && depth + 1 < DEPTH {
            if let Ok(sub) = entry.open_dir() {
                removed += sweep_dir(&sub, depth + 1);
            }
        } else if kind.is_file() && stale(&name.to_string_lossy()) && dir.remove_file(&name).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// Whether a file name is a temporary file of a process that is gone.
fn stale(name: &str) -> bool {
    let Some(middle) = name
        .strip_prefix(TEMP_PREFIX)
        .and_then(|n| n.strip_suffix(TEMP_SUFFIX))
    else {
        return false;
    };
    match middle.split('-').next().and_then(|pid| pid.parse::<u32>().ok()) {
        Some(pid) => pid != std::process::id() && !alive(pid),
        // Names without a process id come from older versions, which never
        // leave one behind on purpose.
        None => true,
    }
}

/// Whether a process with this id is running.
fn alive(pid: u32) -> bool {
    if cfg!(target_os = "linux") {
        Path::new(&format!("/proc/{pid}")).exists()
    } else {
        // Without /proc, keep the file: a stale one costs a few bytes, a
        // removed live one costs a document.
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_land_inside_and_leave_no_temporary() {
        let root = tempfile::tempdir().unwrap();
        let out = OutDir::open(root.path()).unwrap();
        let path = out.write(Path::new("h/a/file.pdf"), b"%PDF").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"%PDF");
        let names: Vec<_> = std::fs::read_dir(root.path().join("h/a"))
            .unwrap()
            .flatten()
            .collect();
        assert_eq!(names.len(), 1);
    }

    #[test]
    fn paths_that_leave_are_refused() {
        let root = tempfile::tempdir().unwrap();
        let out = OutDir::open(&root.path().join("out")).unwrap();
        for bad in ["../x.pdf", "/tmp/x.pdf", "a/../../x.pdf", ""] {
            assert!(out.write(Path::new(bad), b"x").is_err(), "{bad}");
        }
        #[cfg(unix)]
        {
            let outside = tempfile::tempdir().unwrap();
            std::os::unix::fs::symlink(outside.path(), root.path().join("out/h")).unwrap();
            assert!(out.write(Path::new("h/x.pdf"), b"x").is_err());
            assert_eq!(std::fs::read_dir(outside.path()).unwrap().count(), 0);
        }
    }

    #[test]
    fn the_sweep_removes_temporaries_of_dead_processes_only() {
        let root = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(root.path().join("h/a")).unwrap();
        let dead = root.path().join("h/a/.handout-4294967-0.tmp");
        let old = root.path().join("h/.handout-Xq12ab.tmp");
        let mine = root
            .path()
            .join(format!("h/a/.handout-{}-9.tmp", std::process::id()));
        let doc = root.path().join("h/a/doc.pdf");
        for p in [&dead, &old, &mine, &doc] {
            std::fs::write(p, b"").unwrap();
        }
        let out = OutDir::open(root.path()).unwrap();
        assert_eq!(out.sweep(), 2);
        assert!(!dead.exists() && !old.exists());
        assert!(mine.exists() && doc.exists());
    }
}
