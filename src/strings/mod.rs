//! The translation round trip: `handout strings export` gives translators an
//! XLIFF 2.0 file with every text a language needs, and `handout strings
//! import` writes their translations back into the project's TOML files,
//! keeping every comment and every other byte, and records in
//! `strings.lock` which source text each translation was made from.

mod write_back;
pub mod xliff;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use crate::batch::OutDir;
use crate::diag::{Diagnostic, Place, SourceFile, did_you_mean};
use crate::load::fields::{Field, Texts, localized_fields};
use crate::load::strings_lock::STRINGS_LOCK;
use crate::load::{self, display_path};
use crate::project::{Lang, Project};
use write_back::{Edit, Translation};
use xliff::{FileGroup, Segment, Unit, Xliff};

/// The largest XLIFF file read: far more than every text of a handout in
/// every language, and a bound on what one import can make us parse.
pub const MAX_XLIFF_BYTES: u64 = 32 * 1024 * 1024;

/// An export: the XLIFF text and what it holds.
#[derive(Debug)]
pub struct Exported {
    /// The XLIFF 2.0 document.
    pub xliff: String,
    /// Units written.
    pub units: usize,
    /// Units that already have a current translation.
    pub translated: usize,
    /// Units whose translation is stale.
    pub stale: usize,
    /// Fields left out, with why (no text in the source language).
    pub warnings: Vec<Diagnostic>,
}

/// Loads the project for translation work.
fn open(root: &Path) -> Result<Project, Vec<Diagnostic>> {
    let loaded = load::load_for_translation(root);
    match loaded.project {
        Some(project) => Ok(project),
        None => Err(loaded
            .diagnostics
            .into_iter()
            .filter(Diagnostic::is_error)
            .collect()),
    }
}

/// The language translated from when none is named: the handout's fallback,
/// else the first language it promises other than `target`.
fn default_source(project: &Project, target: Lang) -> Option<Lang> {
    project.handout.fallback.filter(|&l| l != target).or_else(|| {
        project
            .handout
            .languages
            .iter()
            .copied()
            .find(|&l| l != target && l != Lang::KkLatn)
    })
}

/// Whether `field` is printed in `lang`.
fn needed_in(field: &Field<'_>, lang: Lang) -> bool {
    field.langs.contains(&lang) || (lang == Lang::KkLatn && field.langs.contains(&Lang::Kk))
}

/// The project file `place` is in, relative to the project folder.
fn project_file(root: &Path, place: &Place) -> PathBuf {
    let shown = display_path(root);
    place
        .file
        .path
        .strip_prefix(&shown)
        .map_or_else(|_| place.file.path.clone(), Path::to_path_buf)
}

/// `handout strings export`: every field `target` needs, with its text in
/// `from` (by default the fallback or first other language), its existing
/// translation, and where it appears.
pub fn export(root: &Path, target: Lang, from: Option<Lang>) -> Result<Exported, Vec<Diagnostic>> {
    let project = open(root)?;
    let Some(source) = from.or_else(|| default_source(&project, target)) else {
        return Err(vec![Diagnostic::plain(
            None,
            format!("the handout promises no language other than {target} to translate from"),
        )]);
    };
    if source == target {
        return Err(vec![Diagnostic::plain(
            None,
            format!("--from {source} is the language being translated into"),
        )]);
    }
    let mut exported = Exported {
        xliff: String::new(),
        units: 0,
        translated: 0,
        stale: 0,
        warnings: Vec::new(),
    };
    let mut files: BTreeMap<PathBuf, Vec<Unit>> = BTreeMap::new();
    for field in localized_fields(&project).iter().filter(|f| needed_in(f, target)) {
        let Some(unit) = export_unit(&project, field, source, target, &mut exported) else {
            continue;
        };
        files
            .entry(project_file(root, field.texts.place()))
            .or_default()
            .push(unit);
    }
    let files = files
        .into_iter()
        .map(|(original, units)| FileGroup {
            original: original.to_string_lossy().replace('\\', "/"),
            units,
        })
        .collect();
    exported.xliff = Xliff {
        source,
        target,
        files,
    }
    .to_xml();
    Ok(exported)
}

/// The unit of one field, counted in `exported`; `None` (with a warning)
/// when the field has no text in `source`.
fn export_unit(
    project: &Project,
    field: &Field<'_>,
    source: Lang,
    target: Lang,
    exported: &mut Exported,
) -> Option<Unit> {
    if field.texts.text(source).is_none() {
        exported.warnings.push(Diagnostic::warning(
            field.texts.place(),
            format!(
                "{} has no {source} text to translate from; it is not in the file",
                field.name
            ),
        ));
        return None;
    }
    let sources = items(field.texts, source)?;
    let targets = items(field.texts, target).unwrap_or_default();
    let stale = field.stale_source(project, target).is_some();
    let translated = !targets.is_empty() && !stale;
    let state = if translated { "translated" } else { "initial" };
    exported.units += 1;
    exported.translated += usize::from(translated);
    exported.stale += usize::from(stale);
    let (line, col) = field.texts.place().file.line_col(field.texts.place().span.start);
    let mut notes = vec![format!(
        "{} at {}:{line}:{col}",
        field.name,
        project_file(&project.root, field.texts.place()).display()
    )];
    if !field.audiences.is_empty() {
        notes.push(format!("read by: {}", field.audiences.join(", ")));
    }
    if stale {
        notes.push(format!(
            "the {source} source changed since this translation was written"
        ));
    }
    let segments = sources
        .into_iter()
        .enumerate()
        .map(|(i, source)| Segment {
            source,
            target: targets.get(i).cloned(),
            state: Some(state.to_owned()),
        })
        .collect();
    Some(Unit {
        id: field.path.clone(),
        notes,
        segments,
        span: 0..0,
    })
}

/// The texts of a field in exactly `lang`: one, or a list's items.
fn items(texts: Texts<'_>, lang: Lang) -> Option<Vec<String>> {
    match texts {
        Texts::One(l) => l.get(lang).map(|t| vec![t.value.clone()]),
        Texts::List(l) => l
            .get(lang)
            .map(|items| items.iter().map(|t| t.value.clone()).collect()),
    }
}

/// Writes `text` to `path` (a file the user named, wherever it is) through
/// a temporary file beside it, so a reader never sees half of it.
pub fn write_file(path: &Path, text: &str) -> std::io::Result<()> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = path.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
    let written = std::fs::write(&temp, text).and_then(|()| std::fs::rename(&temp, path));
    if written.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    written
}

/// How far the translation into one language is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress {
    /// The language.
    pub lang: Lang,
    /// Texts a build prints in it.
    pub needed: usize,
    /// Of those, the paths of the ones with no translation.
    pub missing: Vec<String>,
    /// Of those, the paths of translations whose source changed since.
    pub stale: Vec<String>,
}

impl std::fmt::Display for Progress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {} texts", self.lang, self.needed)?;
        if self.missing.is_empty() && self.stale.is_empty() {
            return write!(f, ", all translated and current");
        }
        write!(f, ", {} missing, {} stale", self.missing.len(), self.stale.len())
    }
}

/// For every language the handout promises, which texts are missing and
/// which translations are stale; `None` if the project cannot be read.
pub fn progress(root: &Path) -> Option<Vec<Progress>> {
    let project = open(root).ok()?;
    let fields = localized_fields(&project);
    let langs = project
        .handout
        .languages
        .iter()
        .copied()
        .filter(|&l| l != Lang::KkLatn);
    Some(
        langs
            .map(|lang| {
                let needed: Vec<&Field<'_>> = fields.iter().filter(|f| needed_in(f, lang)).collect();
                Progress {
                    lang,
                    needed: needed.len(),
                    missing: needed
                        .iter()
                        .filter(|f| !f.texts.covers(lang))
                        .map(|f| f.path.clone())
                        .collect(),
                    stale: needed
                        .iter()
                        .filter(|f| f.stale_source(&project, lang).is_some())
                        .map(|f| f.path.clone())
                        .collect(),
                }
            })
            .collect(),
    )
}

/// What an import changed.
#[derive(Debug, Default)]
pub struct Imported {
    /// The fields whose translation was written or changed.
    pub changed: Vec<String>,
    /// The project files rewritten.
    pub files: Vec<PathBuf>,
}

/// `handout strings import`: the translations of `xliff_path` written into
/// the project's TOML files. Nothing is written when any unit is wrong.
pub fn import(root: &Path, xliff_path: &Path) -> Result<Imported, Vec<Diagnostic>> {
    let project = open(root)?;
    let file = read_xliff(xliff_path)?;
    let document = xliff::parse(&file)?;
    let fields = localized_fields(&project);
    let by_path: HashMap<&str, &Field<'_>> = fields.iter().map(|f| (f.path.as_str(), f)).collect();
    let mut plan = Plan {
        root,
        xliff: &document,
        lock: project.strings_lock.clone(),
        edits: BTreeMap::new(),
        changed: Vec::new(),
    };
    let mut problems = Vec::new();
    // Where each unit id was first given.
    let mut first: HashMap<&str, usize> = HashMap::new();
    for unit in document.files.iter().flat_map(|f| &f.units) {
        let place = Place::new(&file, unit.span.clone());
        if let Some(&at) = first.get(unit.id.as_str()) {
            problems.push(
                Diagnostic::error(&place, format!("unit `{}` is given twice", unit.id)).with_help(format!(
                    "it is first given at {}; keep one",
                    Place::new(&file, at..at).location()
                )),
            );
            continue;
        }
        first.insert(&unit.id, unit.span.start);
        let Some(field) = by_path.get(unit.id.as_str()) else {
            let d = Diagnostic::error(
                &place,
                format!("unknown unit id `{}`: the project has no such text", unit.id),
            );
            problems.push(match did_you_mean(&unit.id, by_path.keys().copied()) {
                Some(best) => d.with_help(format!(
                    "did you mean `{best}`? ids are the fields' paths, as exported"
                )),
                None => d.with_help("ids are the fields' paths, as `handout strings export` writes them"),
            });
            continue;
        };
        if let Err(message) = plan.take(field, unit) {
            problems.push(Diagnostic::error(&place, message));
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut imported = Imported {
        changed: plan.changed,
        files: Vec::new(),
    };
    write_files(root, &plan.edits, &mut imported)?;
    if plan.lock != project.strings_lock {
        let fail = |e: std::io::Error| {
            vec![Diagnostic::plain(
                Some(&root.join(STRINGS_LOCK)),
                format!("cannot write: {e}"),
            )]
        };
        let dir = OutDir::open(root).map_err(fail)?;
        dir.write(Path::new(STRINGS_LOCK), plan.lock.to_toml().as_bytes())
            .map_err(fail)?;
    }
    Ok(imported)
}

/// What an import will write, gathered unit by unit before anything is.
struct Plan<'a> {
    /// The project folder.
    root: &'a Path,
    /// The file being imported.
    xliff: &'a Xliff,
    /// The lock file as it will be.
    lock: crate::load::strings_lock::StringsLock,
    /// The edits, by project file.
    edits: BTreeMap<PathBuf, Vec<Edit>>,
    /// The fields whose text changes.
    changed: Vec<String>,
}

impl Plan<'_> {
    /// Plans the translation `unit` carries for `field`; the error says
    /// why the unit cannot be imported.
    fn take(&mut self, field: &Field<'_>, unit: &Unit) -> Result<(), String> {
        let Some(translation) = translation(field, unit)? else {
            return Ok(());
        };
        let target = self.xliff.target;
        let file = project_file(self.root, field.texts.place());
        let unchanged = items(field.texts, target).as_deref() == Some(translation.texts());
        if !unchanged && file.extension().is_some_and(|x| x == "csv") {
            let column = field.path.rsplit('.').next().unwrap_or("");
            return Err(format!(
                "{} is in meetings.csv, which import does not rewrite; write it into its {column}_{} column",
                field.name,
                target.code()
            ));
        }
        // An unchanged translation keeps the origin it has: importing a
        // stale one again must not make it current.
        if unchanged && self.lock.origin(target, &field.path).is_some() {
            return Ok(());
        }
        let source: Vec<&str> = unit.segments.iter().map(|s| s.source.as_str()).collect();
        self.lock
            .record(target, &field.path, self.xliff.source, &source.join("\n"));
        if !unchanged {
            self.changed.push(field.path.clone());
            self.edits.entry(file).or_default().push(Edit {
                at: field.texts.place().span.start,
                lang: target.code().to_owned(),
                text: translation,
            });
        }
        Ok(())
    }
}

impl Translation {
    /// The texts, one for a text, the items of a list.
    fn texts(&self) -> &[String] {
        match self {
            Translation::One(text) => std::slice::from_ref(text),
            Translation::List(items) => items,
        }
    }
}

/// The translation a unit carries for `field`: `None` when it has none
/// (no target, or only blank ones); an error when its shape does not fit.
fn translation(field: &Field<'_>, unit: &Unit) -> Result<Option<Translation>, String> {
    let targets: Vec<Option<&str>> = unit
        .segments
        .iter()
        .map(|s| s.target.as_deref().filter(|t| !t.trim().is_empty()))
        .collect();
    if targets.iter().all(Option::is_none) {
        return Ok(None);
    }
    match field.texts {
        Texts::One(_) if targets.len() == 1 => Ok(targets[0].map(|t| Translation::One(t.to_owned()))),
        Texts::One(_) => Err(format!(
            "unit `{}` has {} segments, but {} is one text",
            unit.id,
            targets.len(),
            field.name
        )),
        Texts::List(_) => match targets.iter().position(Option::is_none) {
            Some(n) => Err(format!(
                "segment {} of unit `{}` has no target: {} is a list, written whole",
                n + 1,
                unit.id,
                field.name
            )),
            None => Ok(Some(Translation::List(
                targets.into_iter().flatten().map(str::to_owned).collect(),
            ))),
        },
    }
}

/// Reads the XLIFF file named on the command line, wherever it is.
fn read_xliff(path: &Path) -> Result<std::sync::Arc<SourceFile>, Vec<Diagnostic>> {
    let refuse = |message: String| vec![Diagnostic::plain(Some(path), message)];
    let file = std::fs::File::open(path).map_err(|e| refuse(format!("cannot read: {e}")))?;
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(&mut std::io::Read::take(file, MAX_XLIFF_BYTES + 1), &mut bytes)
        .map_err(|e| refuse(format!("cannot read: {e}")))?;
    if bytes.len() as u64 > MAX_XLIFF_BYTES {
        return Err(refuse(format!(
            "larger than {} MB; split the translation",
            MAX_XLIFF_BYTES >> 20
        )));
    }
    let text =
        String::from_utf8(bytes).map_err(|_| refuse("not UTF-8 text; save the XLIFF as UTF-8".into()))?;
    Ok(SourceFile::new(display_path(path), text))
}

/// Applies the edits of each file and writes it atomically. A file whose
/// bytes changed since the project was loaded is left alone.
fn write_files(
    root: &Path,
    edits: &BTreeMap<PathBuf, Vec<Edit>>,
    imported: &mut Imported,
) -> Result<(), Vec<Diagnostic>> {
    let dir =
        OutDir::open(root).map_err(|e| vec![Diagnostic::plain(Some(root), format!("cannot open: {e}"))])?;
    let mut updated = Vec::new();
    for (relative, file_edits) in edits {
        let shown = root.join(relative);
        let fail = |message: String| vec![Diagnostic::plain(Some(&display_path(&shown)), message)];
        let text = dir
            .read_text(relative)
            .map_err(|e| fail(format!("cannot read: {e}")))?;
        // A byte-order mark is kept as it was; the loader reads past it.
        let (bom, body) = match text.strip_prefix('\u{feff}') {
            Some(body) => ("\u{feff}", body),
            None => ("", text.as_str()),
        };
        let new = write_back::apply(body, file_edits).map_err(|n| {
            fail(format!(
                "cannot find where to write the {} translation (the file changed since it was read?)",
                file_edits.get(n).map_or("", |e| e.lang.as_str())
            ))
        })?;
        updated.push((relative, format!("{bom}{new}")));
    }
    for (relative, text) in updated {
        dir.write(relative, text.as_bytes()).map_err(|e| {
            vec![Diagnostic::plain(
                Some(&root.join(relative)),
                format!("cannot write: {e}"),
            )]
        })?;
        imported.files.push(relative.clone());
    }
    Ok(())
}
