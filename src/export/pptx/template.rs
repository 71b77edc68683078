//! A template: the masters, layouts and theme a deck's slides are put on,
//! read from an organiser's `.pptx` or `.potx` (their own slides dropped) or
//! written from the theme. Layouts are found by name, placeholders by type.

use std::collections::{BTreeSet, VecDeque};

use crate::theme::Theme;

use super::builtin;
use super::design::Frame;
use super::package::{Element, Package, elements, rel, resolve};

/// A template ready to put slides on.
#[derive(Debug, Clone)]
pub struct Template {
    /// The parts kept: presentation, masters, layouts, themes, properties.
    pub package: Package,
    /// The presentation part's name.
    pub presentation: String,
    /// Every layout of every master, in the masters' order.
    pub layouts: Vec<Layout>,
    /// Slide size in EMU.
    pub size: (i64, i64),
    /// The notes master's part, when the template has one.
    pub notes_master: Option<String>,
    /// How warnings name it: its file, or "the built-in template".
    pub name: String,
    /// Whether it is the built-in template, whose fonts are the theme's.
    pub built_in: bool,
}

/// A slide layout.
#[derive(Debug, Clone)]
pub struct Layout {
    /// Its name, as PowerPoint shows it.
    pub name: String,
    /// Its part.
    pub part: String,
    /// Its placeholders, in order.
    pub placeholders: Vec<Placeholder>,
}

/// A placeholder of a layout.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placeholder {
    /// `title`, `body`, `ftr`, …; `None` means a content (`obj`) placeholder.
    pub kind: Option<String>,
    /// Its index, which a slide's placeholder names to inherit from it.
    pub idx: Option<String>,
    /// Where it is, when the layout or its master says.
    pub frame: Option<Frame>,
}

impl Placeholder {
    /// A title placeholder (`title` or `ctrTitle`).
    pub fn is_title(&self) -> bool {
        matches!(self.kind.as_deref(), Some("title" | "ctrTitle"))
    }

    /// A placeholder that takes text: content, body or subtitle.
    pub fn takes_text(&self) -> bool {
        matches!(self.kind.as_deref(), None | Some("obj" | "body" | "subTitle"))
    }

    /// The footer placeholder.
    pub fn is_footer(&self) -> bool {
        self.kind.as_deref() == Some("ftr")
    }
}

impl Layout {
    /// Its title placeholder.
    pub fn title(&self) -> Option<&Placeholder> {
        self.placeholders.iter().find(|p| p.is_title())
    }

    /// Its text placeholders, in order.
    pub fn texts(&self) -> Vec<&Placeholder> {
        self.placeholders.iter().filter(|p| p.takes_text()).collect()
    }

    /// Its footer placeholder.
    pub fn footer(&self) -> Option<&Placeholder> {
        self.placeholders.iter().find(|p| p.is_footer())
    }
}

impl Template {
    /// The built-in template for slides of `width` × `height` points.
    pub fn built_in(theme: &Theme, width: f32, height: f32) -> Self {
        let size = (super::xml::emu(width), super::xml::emu(height));
        let package = builtin::package(theme, size.0, size.1);
        let mut template = Self::from_package(package, "the built-in template")
            .expect("the built-in template is well formed");
        template.built_in = true;
        template
    }

    /// Reads an organiser's template; the error says what is wrong with it.
    pub fn read(bytes: &[u8], name: &str) -> Result<Self, String> {
        Self::from_package(Package::read(bytes)?, name)
    }

    /// The layout named `name`, compared without case.
    pub fn layout(&self, name: &str) -> Option<&Layout> {
        self.layouts.iter().find(|l| l.name.eq_ignore_ascii_case(name))
    }

    /// A template from its parts: the presentation found through the
    /// package's relationships, everything its slides alone reached dropped.
    fn from_package(mut package: Package, name: &str) -> Result<Self, String> {
        let presentation = package
            .relationships("")?
            .into_iter()
            .find(|r| r.kind == super::package::rel::DOCUMENT)
            .map(|r| resolve("", &r.target))
            .ok_or("it has no presentation in it")?;
        if !package
            .kind_of(&presentation)
            .is_some_and(|k| k.contains("presentationml"))
        {
            return Err("it is not a PowerPoint presentation or template".into());
        }
        keep_reachable(&mut package, &presentation)?;
        // A .potx or .ppsx says so in its main part's type; the deck is a
        // presentation, which PowerPoint opens under a .pptx name.
        package.overrides.insert(
            presentation.clone(),
            super::package::kind::PRESENTATION.to_owned(),
        );
        let size = slide_size(package.text(&presentation)?)?;
        let pres_rels = package.relationships(&presentation)?;
        let mut layouts = Vec::new();
        for master in pres_rels.iter().filter(|r| r.kind == rel::MASTER) {
            let master = resolve(&presentation, &master.target);
            let inherited =
                placeholders(&elements(package.text(&master)?).map_err(|e| format!("{master}: {e}"))?);
            for layout in package
                .relationships(&master)?
                .iter()
                .filter(|r| r.kind == rel::LAYOUT)
            {
                let part = resolve(&master, &layout.target);
                layouts.push(read_layout(&package, &part, &inherited)?);
            }
        }
        if layouts.is_empty() {
            return Err("it has no slide layouts; save it from PowerPoint's Slide Master view".into());
        }
        let notes_master = pres_rels
            .iter()
            .find(|r| r.kind == rel::NOTES_MASTER)
            .map(|r| resolve(&presentation, &r.target));
        Ok(Self {
            package,
            presentation,
            layouts,
            size,
            notes_master,
            name: name.to_owned(),
            built_in: false,
        })
    }
}

/// Drops every part not reached from the presentation except through its
/// slides (and their notes): the template's own slides, their pictures,
/// its thumbnail and document properties. A relationship to a part that
/// is not there is an error, since the deck would carry it on.
fn keep_reachable(package: &mut Package, presentation: &str) -> Result<(), String> {
    let skipped = [rel::SLIDE, rel::NOTES_SLIDE];
    let mut kept = BTreeSet::from([presentation.to_owned()]);
    let mut queue = VecDeque::from([presentation.to_owned()]);
    while let Some(part) = queue.pop_front() {
        for r in package.relationships(&part)? {
            if r.external || skipped.contains(&r.kind.as_str()) {
                continue;
            }
            let target = resolve(&part, &r.target);
            if !package.parts.contains_key(&target) {
                return Err(format!("{part} names the part {target}, which is missing"));
            }
            if kept.insert(target.clone()) {
                queue.push_back(target);
            }
        }
    }
    let rels: BTreeSet<String> = kept.iter().map(|p| super::package::rels_name(p)).collect();
    package
        .parts
        .retain(|name, _| kept.contains(name) || rels.contains(name));
    package.overrides.retain(|name, _| kept.contains(name));
    Ok(())
}

/// The slide size from the presentation's `sldSz`.
fn slide_size(presentation: &str) -> Result<(i64, i64), String> {
    let found = elements(presentation)
        .map_err(|e| format!("the presentation: {e}"))?
        .into_iter()
        .find(|e| e.name == "sldSz");
    let number = |e: &Element, key| e.get(key).and_then(|v| v.parse::<i64>().ok()).filter(|v| *v > 0);
    match found {
        Some(e) => match (number(&e, "cx"), number(&e, "cy")) {
            (Some(cx), Some(cy)) => Ok((cx, cy)),
            _ => Err("its slide size is not readable".into()),
        },
        // PowerPoint's default when the size is left out.
        None => Ok((9_144_000, 6_858_000)),
    }
}

/// A layout's name and placeholders; a placeholder without a position of
/// its own takes its master's of the same type.
fn read_layout(package: &Package, part: &str, inherited: &[Placeholder]) -> Result<Layout, String> {
    let elements = elements(package.text(part)?).map_err(|e| format!("{part}: {e}"))?;
    let name = elements
        .iter()
        .find(|e| e.name == "cSld")
        .and_then(|e| e.get("name"))
        .unwrap_or("")
        .to_owned();
    let mut placeholders = placeholders(&elements);
    for p in &mut placeholders {
        if p.frame.is_none() {
            let same_role = |q: &&Placeholder| {
                (q.is_title() && p.is_title()) || (q.takes_text() && p.takes_text()) || q.kind == p.kind
            };
            p.frame = inherited.iter().find(same_role).and_then(|q| q.frame);
        }
    }
    Ok(Layout {
        name,
        part: part.to_owned(),
        placeholders,
    })
}

/// The placeholders among a part's shapes, with their positions.
fn placeholders(elements: &[Element]) -> Vec<Placeholder> {
    let mut out = Vec::new();
    for (i, shape) in elements.iter().enumerate() {
        if !matches!(shape.name.as_str(), "sp" | "pic" | "graphicFrame") {
            continue;
        }
        let inside: Vec<&Element> = elements[i + 1..]
            .iter()
            .take_while(|e| e.depth > shape.depth)
            .collect();
        let Some(ph) = inside.iter().find(|e| e.name == "ph") else {
            continue;
        };
        let number =
            |e: Option<&&Element>, key| e.and_then(|e| e.get(key)).and_then(|v| v.parse::<i64>().ok());
        let off = inside.iter().find(|e| e.name == "off");
        let ext = inside.iter().find(|e| e.name == "ext" && e.get("cx").is_some());
        let frame = match (
            number(off, "x"),
            number(off, "y"),
            number(ext, "cx"),
            number(ext, "cy"),
        ) {
            (Some(x), Some(y), Some(w), Some(h)) if w > 0 && h > 0 => Some(Frame { x, y, w, h }),
            _ => None,
        };
        out.push(Placeholder {
            kind: ph.get("type").map(str::to_owned),
            idx: ph.get("idx").map(str::to_owned),
            frame,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_template_has_the_layouts_powerpoint_users_know() {
        let theme = crate::load::theme::built_in();
        let template = Template::built_in(&theme, 960.0, 540.0);
        for name in [
            "Title Slide",
            "Title and Content",
            "Two Content",
            "Section Header",
            "Quote",
            "Title Only",
            "Blank",
        ] {
            assert!(template.layout(name).is_some(), "{name}");
        }
        assert_eq!(template.size, (12_192_000, 6_858_000));
        let content = template.layout("Title and Content").unwrap();
        assert!(content.title().is_some() && content.texts().len() == 1 && content.footer().is_some());
        assert_eq!(template.layout("two content").unwrap().texts().len(), 2);
    }
}
