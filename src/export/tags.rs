//! The logical structure of a document as krilla's tag tree: each piece
//! of content is marked as it is drawn, then the pieces are gathered into
//! the elements typeset named, in reading order.

use std::collections::HashMap;
use std::num::NonZeroU16;

use krilla::surface::Surface;
use krilla::tagging::{
    Artifact, ArtifactType, ContentTag, Identifier, ListNumbering, Node, SpanTag, Tag, TagGroup, TagKind,
    TagTree,
};

use crate::typeset::page::{Element, Item, Page, Role, elements};

/// The marks made while drawing: an identifier per piece of content, and
/// the link annotations of each page.
#[derive(Default)]
pub struct Marked {
    /// (page, item) → the marked content.
    content: HashMap<(usize, usize), Identifier>,
    /// (page, address, annotation), in the order made.
    links: Vec<(usize, String, Identifier)>,
}

impl Marked {
    /// Starts marking `item`, the `index`-th of page `page`: as content
    /// when typeset gave it a role (or it is a described picture), else as
    /// page furniture. Returns whether a mark was started, which the
    /// caller ends after drawing.
    pub fn start(&mut self, surface: &mut Surface<'_>, page: usize, index: usize, item: &Item) -> bool {
        let furniture = |kind| ContentTag::Artifact(Artifact::with_kind(kind));
        let tag = match item {
            Item::Link { .. } => return false,
            Item::Text(run) if run.tag.role == Role::Artifact => furniture(ArtifactType::Footer),
            Item::Text(_) => ContentTag::Span(SpanTag::empty()),
            Item::Image { picture, .. } if picture.alt.is_some() => ContentTag::Other,
            Item::Image { .. } | Item::Fill { .. } => furniture(ArtifactType::Layout),
        };
        let artifact = matches!(tag, ContentTag::Artifact(_));
        let id = surface.start_tagged(tag);
        if !artifact {
            self.content.insert((page, index), id);
        }
        true
    }

    /// Records the link annotation `id` to `url` on `page`.
    pub fn link(&mut self, page: usize, url: String, id: Identifier) {
        self.links.push((page, url, id));
    }

    /// The tag tree of `pages`. Every marked piece and every annotation
    /// has exactly one place in it, as krilla requires.
    pub fn tree(mut self, pages: &[Page]) -> TagTree {
        let mut tree = TagTree::new();
        let mut container: Option<(Role, TagGroup)> = None;
        let mut first_heading = true;
        for element in elements(pages) {
            let group = self.group(&element, pages, &mut first_heading);
            let role = element.role;
            let wrapper = match role {
                Role::ListItem => Some(TagKind::from(Tag::L(ListNumbering::Disc))),
                Role::Quote => Some(Tag::BlockQuote.into()),
                Role::Aside => Some(Tag::Section.into()),
                _ => None,
            };
            // Items of one list, lines of one quote, parts of one box go
            // into one container.
            match (&mut container, wrapper) {
                (Some((r, c)), Some(_)) if *r == role && !element.is_figure(pages) => c.push(group),
                (_, Some(kind)) => {
                    if let Some((_, done)) = container.take() {
                        tree.push(done);
                    }
                    let mut c = TagGroup::new(kind);
                    c.push(group);
                    container = Some((role, c));
                }
                (_, None) => {
                    if let Some((_, done)) = container.take() {
                        tree.push(done);
                    }
                    tree.push(group);
                }
            }
        }
        if let Some((_, done)) = container.take() {
            tree.push(done);
        }
        // An annotation whose text was not found (a QR code's) is still a
        // link in the document.
        for (_, url, id) in self.links.drain(..) {
            let mut link = TagGroup::new(TagKind::from(Tag::Link).with_alt_text(Some(url)));
            link.push(id);
            tree.push(link);
        }
        tree
    }

    /// The tag group of one element, its runs as leaves; a run that is a
    /// link is wrapped with the page's annotation to the same address.
    fn group(&mut self, element: &Element, pages: &[Page], first_heading: &mut bool) -> TagGroup {
        let kind: TagKind = if element.is_figure(pages) {
            let alt = element
                .pieces
                .first()
                .and_then(|&(p, i)| match &pages[p].items[i] {
                    Item::Image { picture, .. } => picture.alt.clone(),
                    _ => None,
                });
            Tag::Figure(alt).into()
        } else {
            match element.role {
                Role::Title | Role::Heading => {
                    // The first heading is the document's H1, the rest H2:
                    // a slide deck's title slide, a leaflet's cover.
                    let level = if element.role == Role::Title || *first_heading {
                        1
                    } else {
                        2
                    };
                    *first_heading = false;
                    let level = NonZeroU16::new(level).expect("levels are 1 and 2");
                    Tag::Hn(level, Some(element.text(pages))).into()
                }
                Role::ListItem => Tag::LI.into(),
                _ => Tag::P.into(),
            }
        };
        let mut children: Vec<Node> = Vec::new();
        for &(page, item) in &element.pieces {
            let Some(id) = self.content.remove(&(page, item)) else {
                continue;
            };
            let url = match &pages[page].items[item] {
                Item::Text(run) => run.link.clone(),
                _ => None,
            };
            let annotation = url.and_then(|url| {
                let at = self.links.iter().position(|(p, u, _)| *p == page && *u == url)?;
                Some(self.links.remove(at))
            });
            match annotation {
                Some((_, url, annotation)) => {
                    let mut link = TagGroup::new(TagKind::from(Tag::Link).with_alt_text(Some(url)));
                    link.push(id);
                    link.push(annotation);
                    children.push(link.into());
                }
                None => children.push(id.into()),
            }
        }
        if element.role == Role::ListItem {
            let body = TagGroup::with_children(Tag::LBody, children);
            return TagGroup::with_children(kind, vec![body.into()]);
        }
        TagGroup::with_children(kind, children)
    }
}
