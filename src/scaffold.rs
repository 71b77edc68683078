//! `handout new`: a small project that builds as it is, to start from.

use std::path::Path;

/// The files of a new project: path inside the project, contents.
const FILES: [(&str, &str); 3] = [
    ("handout.toml", include_str!("../templates/new/handout.toml")),
    (
        "audiences/general.toml",
        include_str!("../templates/new/audiences/general.toml"),
    ),
    ("theme.toml", include_str!("../templates/new/theme.toml")),
];

/// Creates a new project in folder `dir`, which must not exist yet; its
/// handout id is the folder's name.
pub fn create(dir: &Path) -> Result<(), String> {
    if dir.exists() {
        return Err(format!("{} already exists; choose a new name", dir.display()));
    }
    let id: String = dir
        .file_name()
        .map(|n| {
            n.to_string_lossy()
                .chars()
                .map(|c| if c.is_alphanumeric() { c } else { '-' })
                .collect()
        })
        .filter(|id: &String| !id.is_empty())
        .ok_or_else(|| format!("{} is not a usable project name", dir.display()))?;
    for (path, text) in FILES {
        let target = dir.join(path);
        let parent = target.parent().unwrap_or(dir);
        std::fs::create_dir_all(parent).map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        let text = text.replace("id = \"my-handout\"", &format!("id = \"{id}\""));
        std::fs::write(&target, text).map_err(|e| format!("cannot write {}: {e}", target.display()))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_project_loads_without_problems() {
        let dir = tempfile::tempdir().unwrap();
        let project = dir.path().join("town hall");
        create(&project).unwrap();
        let loaded = crate::load::load(&project);
        let problems: Vec<String> = loaded.diagnostics.iter().map(ToString::to_string).collect();
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(loaded.project.unwrap().handout.id.value, "town-hall");
        assert!(create(&project).unwrap_err().contains("already exists"));
    }
}
