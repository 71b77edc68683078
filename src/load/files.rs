//! The one way into a project: every input file is opened through a handle
//! rooted at the project folder, read once, and its bytes are what the build
//! uses. A path written in a TOML file cannot reach outside the project,
//! whether by `..`, an absolute path or a symbolic link, and since the same
//! open both checks and reads, swapping a file for a link between a check and
//! a read gains nothing.

use std::io::Read;
use std::path::{Component, Path, PathBuf};

use cap_std::ambient_authority;
use cap_std::fs::Dir;

/// Largest TOML or CSV file read: far beyond any real project, and small
/// enough that a stray multi-gigabyte file cannot exhaust memory.
pub const MAX_TEXT_BYTES: u64 = 8 * 1024 * 1024;
/// Largest picture or font file read.
pub const MAX_BINARY_BYTES: u64 = 64 * 1024 * 1024;

/// Why a project file could not be read.
#[derive(Debug)]
pub enum FileError {
    /// No such file.
    NotFound,
    /// The path, or a link on the way, leads outside the project folder.
    Outside,
    /// A folder where a file was expected.
    Folder,
    /// Larger than the limit for its kind, in bytes.
    TooLarge(u64),
    /// Any other failure of the operating system.
    Io(std::io::Error),
}

impl std::fmt::Display for FileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FileError::NotFound => f.write_str("file not found"),
            FileError::Outside => f.write_str("it leads outside the project folder"),
            FileError::Folder => f.write_str("it is a folder, not a file"),
            FileError::TooLarge(limit) => write!(f, "the file is larger than {} MB", limit / (1024 * 1024)),
            FileError::Io(e) => write!(f, "{e}"),
        }
    }
}

/// An open project folder.
#[derive(Debug)]
pub struct ProjectDir {
    /// The folder as the user named it, for messages.
    root: PathBuf,
    /// The capability every read goes through.
    dir: Dir,
}

impl ProjectDir {
    /// Opens the project folder `root`.
    pub fn open(root: &Path) -> std::io::Result<Self> {
        let dir = Dir::open_ambient_dir(root, ambient_authority())?;
        Ok(Self {
            root: root.to_path_buf(),
            dir,
        })
    }

    /// The path of a project file as the user should see it in messages.
    pub fn display(&self, relative: &Path) -> PathBuf {
        display_path(&self.root.join(relative))
    }

    /// Reads a whole file, at most `limit` bytes.
    pub fn read(&self, relative: &Path, limit: u64) -> Result<Vec<u8>, FileError> {
        if leaves_lexically(relative) {
            return Err(FileError::Outside);
        }
        let file = self.dir.open(relative).map_err(|e| self.classify(relative, e))?;
        let meta = file.metadata().map_err(FileError::Io)?;
        if meta.is_dir() {
            return Err(FileError::Folder);
        }
        let mut bytes = Vec::with_capacity(meta.len().min(limit) as usize);
        file.take(limit + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| self.classify(relative, e))?;
        if bytes.len() as u64 > limit {
            return Err(FileError::TooLarge(limit));
        }
        Ok(bytes)
    }

    /// Whether `relative` names something in the project (a file, a folder,
    /// or a link, wherever it leads), so a link out of the project is
    /// refused rather than taken for a missing optional file.
    pub fn exists(&self, relative: &Path) -> bool {
        self.dir.symlink_metadata(relative).is_ok()
    }

    /// The names of the files in the folder `relative` whose extension is one
    /// of `extensions` (compared without case), sorted; a missing folder has
    /// none.
    pub fn list(&self, relative: &Path, extensions: &[&str]) -> Result<Vec<PathBuf>, FileError> {
        let entries = match self.dir.read_dir(relative) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(self.classify(relative, e)),
        };
        let mut files = Vec::new();
        for entry in entries {
            let name = PathBuf::from(entry.map_err(FileError::Io)?.file_name());
            let wanted = name
                .extension()
                .and_then(|x| x.to_str())
                .is_some_and(|x| extensions.iter().any(|e| x.eq_ignore_ascii_case(e)));
            let hidden = name.to_string_lossy().starts_with('.');
            if wanted && !hidden {
                files.push(relative.join(name));
            }
        }
        files.sort();
        Ok(files)
    }

    /// Tells an escape from other failures: the capability refuses a path
    /// that leaves the folder with an error of its own.
    fn classify(&self, relative: &Path, error: std::io::Error) -> FileError {
        match error.kind() {
            std::io::ErrorKind::NotFound => FileError::NotFound,
            std::io::ErrorKind::IsADirectory => FileError::Folder,
            _ if error.to_string().contains("outside") => FileError::Outside,
            // Without openat2, a link out may surface as a plain denial;
            // look at the link itself to tell.
            std::io::ErrorKind::PermissionDenied
                if self
                    .dir
                    .symlink_metadata(relative)
                    .is_ok_and(|m| m.file_type().is_symlink()) =>
            {
                FileError::Outside
            }
            _ => FileError::Io(error),
        }
    }
}

/// Whether a path written by a user leaves the folder before any link is
/// followed: absolute, or more `..` than folders.
fn leaves_lexically(path: &Path) -> bool {
    let mut depth = 0i32;
    for component in path.components() {
        match component {
            Component::Normal(_) => depth += 1,
            Component::CurDir => {}
            Component::ParentDir => {
                depth -= 1;
                if depth < 0 {
                    return true;
                }
            }
            Component::RootDir | Component::Prefix(_) => return true,
        }
    }
    false
}

/// The path as the user would write it: relative to the working folder when
/// the file lies below it.
pub fn display_path(path: &Path) -> PathBuf {
    std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project() -> (tempfile::TempDir, tempfile::TempDir, ProjectDir) {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.txt"), "OUTSIDE-MARKER").unwrap();
        let root = tempfile::tempdir().unwrap();
        std::fs::create_dir(root.path().join("images")).unwrap();
        std::fs::write(root.path().join("images/a.png"), "inside").unwrap();
        let dir = ProjectDir::open(root.path()).unwrap();
        (outside, root, dir)
    }

    #[test]
    fn reads_inside_and_through_dot_dot_that_stays_inside() {
        let (_o, _r, dir) = project();
        assert_eq!(dir.read(Path::new("images/a.png"), 100).unwrap(), b"inside");
        assert_eq!(
            dir.read(Path::new("images/../images/a.png"), 100).unwrap(),
            b"inside"
        );
    }

    #[test]
    fn refuses_paths_and_links_that_leave() {
        let (outside, root, dir) = project();
        let secret = outside.path().join("secret.txt");
        assert!(matches!(
            dir.read(Path::new("../x"), 100),
            Err(FileError::Outside)
        ));
        assert!(matches!(dir.read(&secret, 100), Err(FileError::Outside)));
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(&secret, root.path().join("images/link.png")).unwrap();
            std::os::unix::fs::symlink(outside.path(), root.path().join("fonts")).unwrap();
            assert!(matches!(
                dir.read(Path::new("images/link.png"), 100),
                Err(FileError::Outside)
            ));
            assert!(matches!(
                dir.list(Path::new("fonts"), &["ttf"]),
                Err(FileError::Outside)
            ));
            assert!(dir.exists(Path::new("images/link.png")));
        }
    }

    #[test]
    fn limits_and_folders() {
        let (_o, _r, dir) = project();
        assert!(matches!(
            dir.read(Path::new("images/a.png"), 3),
            Err(FileError::TooLarge(3))
        ));
        assert!(matches!(
            dir.read(Path::new("images"), 100),
            Err(FileError::Folder)
        ));
        assert!(matches!(
            dir.read(Path::new("nope.toml"), 100),
            Err(FileError::NotFound)
        ));
    }
}
