//! `strings.lock`: for every translation written by `handout strings
//! import`, a hash of the source text it was made from. When the source
//! changes later, the translation is stale, and `check` and `build` say so.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::files::ProjectDir;
use crate::diag::{Diagnostic, SourceFile};
use crate::project::Lang;

/// The lock file's name in the project folder.
pub const STRINGS_LOCK: &str = "strings.lock";

/// What the lock file says at its top.
const HEADER: &str = "# Written by `handout strings import`: for each translation, the language\n\
# it was translated from and a hash of that source text. When the source\n\
# changes, `handout check` reports the translation as stale. Keep this file\n\
# in version control beside the TOML files; do not edit it by hand.\n\n";

/// Where one translation came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Origin {
    /// The code of the language it was translated from.
    pub from: String,
    /// [`source_hash`] of the source text it was translated from.
    pub source: String,
}

/// Every translation's origin: by language code, then by field path
/// (`point.preamble.body`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct StringsLock {
    /// Language code → field path → origin.
    pub langs: BTreeMap<String, BTreeMap<String, Origin>>,
}

impl StringsLock {
    /// The origin of the `lang` translation of the field at `path`.
    pub fn origin(&self, lang: Lang, path: &str) -> Option<&Origin> {
        self.langs.get(lang.code())?.get(path)
    }

    /// Records that the `lang` translation of `path` was made from `source`
    /// in `from`.
    pub fn record(&mut self, lang: Lang, path: &str, from: Lang, source: &str) {
        self.langs.entry(lang.code().to_owned()).or_default().insert(
            path.to_owned(),
            Origin {
                from: from.code().to_owned(),
                source: source_hash(source),
            },
        );
    }

    /// The file's text: a table per language, a line per translation.
    pub fn to_toml(&self) -> String {
        let mut doc = toml_edit::DocumentMut::new();
        for (lang, origins) in &self.langs {
            let mut table = toml_edit::Table::new();
            for (path, origin) in origins {
                let mut line = toml_edit::InlineTable::new();
                line.insert("from", origin.from.as_str().into());
                line.insert("source", origin.source.as_str().into());
                table.insert(path, toml_edit::value(line));
            }
            doc.insert(lang, toml_edit::Item::Table(table));
        }
        format!("{HEADER}{doc}")
    }
}

/// A short, stable fingerprint of a source text: the first 16 hex digits of
/// its SHA-256. Stable across versions and machines, unlike std's hasher.
pub fn source_hash(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    digest.iter().take(8).map(|b| format!("{b:02x}")).collect()
}

/// Reads the project's `strings.lock`, if it has one; a damaged file is an
/// error at its place.
pub(super) fn read(dir: &ProjectDir, diagnostics: &mut Vec<Diagnostic>) -> StringsLock {
    let name = Path::new(STRINGS_LOCK);
    if !dir.exists(name) {
        return StringsLock::default();
    }
    let Some(file) = super::read_source(dir, name, diagnostics) else {
        return StringsLock::default();
    };
    parse(&file).unwrap_or_else(|d| {
        diagnostics.push(d);
        StringsLock::default()
    })
}

/// Parses a lock file's text.
fn parse(file: &std::sync::Arc<SourceFile>) -> Result<StringsLock, Diagnostic> {
    toml::from_str(&file.text).map_err(|e| {
        let place = crate::diag::Place::new(file, e.span().unwrap_or(0..0));
        Diagnostic::error(&place, format!("strings.lock is damaged: {}", e.message())).with_help(
            "restore it from version control, or delete it (every translation then counts as current)",
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hash_is_that_of_sha256() {
        // SHA-256("abc") = ba7816bf8f01cfea 414140de5dae2223 …
        assert_eq!(source_hash("abc"), "ba7816bf8f01cfea");
    }

    #[test]
    fn a_lock_reads_back_as_written() {
        let mut lock = StringsLock::default();
        lock.record(Lang::Kk, "point.preamble.body", Lang::Ru, "Текст.");
        lock.record(Lang::En, "handout.title", Lang::Ru, "Заголовок");
        let text = lock.to_toml();
        assert!(text.contains("[kk]\n\"point.preamble.body\" = "), "{text}");
        let back = parse(&SourceFile::new("strings.lock", text)).unwrap();
        assert_eq!(back, lock);
        assert_eq!(back.origin(Lang::Kk, "point.preamble.body").unwrap().from, "ru");
    }

    #[test]
    fn a_damaged_lock_is_an_error_at_its_line() {
        let file = SourceFile::new("strings.lock", "[kk]\n\"x\" = 3\n".into());
        let d = parse(&file).unwrap_err();
        assert!(d.to_string().contains("strings.lock:2:"), "{d}");
    }
}
