//! Writing translations into a TOML file without touching anything else:
//! its comments, its order, its spacing and every other value stay byte for
//! byte as they were.

use std::ops::Range;

use toml_edit::{Array, Document, DocumentMut, Item, Value};

/// One step from a document's root to a value.
#[derive(Debug, Clone, PartialEq)]
enum Step {
    /// A key of a table.
    Key(String),
    /// An item of an array (of tables).
    Index(usize),
}

/// A translation to write: into the localised table that starts at byte
/// `at` of the file, under the language key `lang`.
#[derive(Debug, Clone, PartialEq)]
pub struct Edit {
    /// Where the localised table (`{ kk = "…", ru = "…" }`) starts.
    pub at: usize,
    /// The language code, the key to set.
    pub lang: String,
    /// The text, or a list's items.
    pub text: Translation,
}

/// What a field holds in one language.
#[derive(Debug, Clone, PartialEq)]
pub enum Translation {
    /// A text.
    One(String),
    /// A list of texts (slide bullets).
    List(Vec<String>),
}

/// `text` with `edits` applied; an edit whose table cannot be found is
/// returned as the error, by its position in `edits`.
pub fn apply(text: &str, edits: &[Edit]) -> Result<String, usize> {
    let parsed: Document<&str> = Document::parse(text).map_err(|_| 0usize)?;
    let mut paths = Vec::with_capacity(edits.len());
    for (n, edit) in edits.iter().enumerate() {
        let mut path = Vec::new();
        if !find(parsed.as_item(), edit.at, &mut path) {
            return Err(n);
        }
        paths.push(path);
    }
    let mut doc: DocumentMut = text.parse().map_err(|_| 0usize)?;
    for (n, (edit, path)) in edits.iter().zip(paths).enumerate() {
        let item = walk(doc.as_item_mut(), &path).ok_or(n)?;
        set(item, edit).ok_or(n)?;
    }
    Ok(doc.to_string())
}

/// Whether the value starting at `at` lies below `item`; `path` then leads to it.
fn find(item: &Item, at: usize, path: &mut Vec<Step>) -> bool {
    if starts_at(item.span(), at) {
        return true;
    }
    match item {
        Item::Table(t) => t
            .iter()
            .any(|(k, v)| descend(path, Step::Key(k.to_owned()), |p| find(v, at, p))),
        Item::ArrayOfTables(a) => a.iter().enumerate().any(|(i, t)| {
            descend(path, Step::Index(i), |p| {
                starts_at(t.span(), at)
                    || t.iter()
                        .any(|(k, v)| descend(p, Step::Key(k.to_owned()), |p| find(v, at, p)))
            })
        }),
        Item::Value(v) => find_value(v, at, path),
        Item::None => false,
    }
}

/// Like [`find`], inside a value (inline tables hold the localised texts).
fn find_value(value: &Value, at: usize, path: &mut Vec<Step>) -> bool {
    if starts_at(value.span(), at) {
        return true;
    }
    match value {
        Value::InlineTable(t) => t
            .iter()
            .any(|(k, v)| descend(path, Step::Key(k.to_owned()), |p| find_value(v, at, p))),
        _ => false,
    }
}

/// Pushes `step`, runs `f`, and pops the step again unless `f` found it.
fn descend(path: &mut Vec<Step>, step: Step, f: impl FnOnce(&mut Vec<Step>) -> bool) -> bool {
    path.push(step);
    let found = f(path);
    if !found {
        path.pop();
    }
    found
}

/// Whether a span starts at `at`.
fn starts_at(span: Option<Range<usize>>, at: usize) -> bool {
    span.is_some_and(|s| s.start == at)
}

/// The item at `path`.
fn walk<'d>(mut item: &'d mut Item, path: &[Step]) -> Option<&'d mut Item> {
    let mut steps = path.iter();
    while let Some(step) = steps.next() {
        item = match step {
            Step::Key(k) => item.get_mut(k.as_str())?,
            // A table of an array is left through one of its keys.
            Step::Index(i) => {
                let table = item.as_array_of_tables_mut()?.get_mut(*i)?;
                let Some(Step::Key(k)) = steps.next() else {
                    return None;
                };
                table.get_mut(k.as_str())?
            }
        };
    }
    Some(item)
}

/// Sets the edit's language in the localised table `item`, keeping the
/// spacing around a value it replaces.
fn set(item: &mut Item, edit: &Edit) -> Option<()> {
    let mut value = match &edit.text {
        Translation::One(text) => Value::from(text.as_str()),
        Translation::List(items) => Value::Array(items.iter().map(String::as_str).collect::<Array>()),
    };
    let table = item.as_table_like_mut()?;
    if let Some(Item::Value(old)) = table.get_mut(&edit.lang) {
        *value.decor_mut() = old.decor().clone();
        *old = value;
        return Some(());
    }
    value.decor_mut().set_prefix(" ");
    match item.as_inline_table_mut() {
        // In `{ ru = "…" }` the space before `}` belongs to the last value:
        // it moves to the new last one.
        Some(inline) => {
            if let Some((_, last)) = inline.iter_mut().last() {
                if let Some(suffix) = last.decor().suffix().cloned() {
                    value.decor_mut().set_suffix(suffix);
                }
                last.decor_mut().set_suffix("");
            }
            inline.insert(&edit.lang, value);
        }
        None => {
            item.as_table_like_mut()?.insert(&edit.lang, Item::Value(value));
        }
    }
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "# The handout.\n[handout]\ntitle = { kk = \"Атау\",   ru = \"Название\" }  # kept\n\n\
                        [[point]]\nid = \"a\"\nbody = { ru = \"Один\" }\n\n[[point]]\nid = \"b\"\n# before\nbody = { ru = \"Два\" }\n";

    fn edit(at_text: &str, nth: usize, lang: &str, text: Translation) -> Edit {
        let at = TEXT.match_indices(at_text).nth(nth).unwrap().0;
        Edit {
            at,
            lang: lang.into(),
            text,
        }
    }

    #[test]
    fn a_replaced_text_changes_nothing_else() {
        let e = edit("{ kk", 0, "kk", Translation::One("Жаңа атау".into()));
        let out = apply(TEXT, &[e]).unwrap();
        assert_eq!(out, TEXT.replace("\"Атау\"", "\"Жаңа атау\""));
    }

    #[test]
    fn an_added_text_goes_at_the_end_of_its_table() {
        let e = edit("{ ru = \"Два", 0, "kk", Translation::One("Екі".into()));
        let out = apply(TEXT, &[e]).unwrap();
        assert_eq!(
            out,
            TEXT.replace("{ ru = \"Два\" }", "{ ru = \"Два\", kk = \"Екі\" }")
        );
        let list = edit(
            "{ ru = \"Один",
            0,
            "en",
            Translation::List(vec!["One".into(), "Two".into()]),
        );
        let out = apply(TEXT, &[list]).unwrap();
        assert!(
            out.contains("body = { ru = \"Один\", en = [\"One\", \"Two\"] }"),
            "{out}"
        );
    }

    #[test]
    fn a_place_that_holds_no_table_is_refused() {
        let e = Edit {
            at: 3,
            lang: "kk".into(),
            text: Translation::One("x".into()),
        };
        assert_eq!(apply(TEXT, &[e]), Err(0));
    }
}
