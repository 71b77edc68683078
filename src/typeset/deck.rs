//! The slide deck: a title slide, one slide per kept talking point (bullets,
//! or a big number beside them), a quote slide and a closing slide with the
//! call to action and a QR code. Bullets that do not fit shrink step by step
//! down to the theme's minimum, then continue on further slides.

use crate::diag::{Diagnostic, Place};
use crate::tailor::{DocPoint, Document};
use crate::theme::Theme;

use super::fit::Ladder;
use super::flow;
use super::page::{Color, Item, Layout, OutlineEntry, Page, Rect, Role};
use super::qr;
use super::setter::{Setter, cover_details, document_layout, fill_template, web_address};
use super::text::fonts::FontBook;
use super::text::{Align, Line, ParaStyle, set_paragraph};
use crate::base::rich::Para;
use crate::project::{Picture, Text, WebAddress};

/// A laid-out deck and what the other products need to know about it.
#[derive(Debug, Clone)]
pub struct Deck {
    /// One page per slide.
    pub layout: Layout,
    /// Per slide: its title and the speaker's notes.
    pub slides: Vec<SlideInfo>,
    /// Shrinks and splits, each naming the point.
    pub warnings: Vec<Diagnostic>,
}

/// What a slide is about.
#[derive(Debug, Clone)]
pub struct SlideInfo {
    /// The slide's title (also its bookmark).
    pub title: String,
    /// Speaker notes, if any.
    pub notes: Option<Text>,
    /// What the slide shows, by its role: what an editable deck rebuilds
    /// the slide from, since glyph positions are no use to an editor.
    pub content: SlideContent,
    /// The footer as printed on the slide; the title and closing slides
    /// have none.
    pub footer: Option<String>,
}

/// What a slide shows, by the role the slide plays in the talk.
#[derive(Debug, Clone)]
pub enum SlideContent {
    /// The opening slide: the document's title on the brand colour.
    Title {
        /// Line under the title.
        subtitle: Option<Text>,
        /// The audience's name.
        audience: Text,
        /// Date and organiser, in that order.
        details: Vec<String>,
        /// The organiser's logo.
        logo: Option<Picture>,
    },
    /// A talking point, or a continuation of one.
    Point {
        /// The bullets on this slide.
        bullets: Vec<SlideBullet>,
        /// Size the bullets were set at (the theme's, or smaller to fit).
        size: f32,
        /// The big number beside the bullets (first slide of a point only).
        fact: Option<SlideFact>,
        /// The picture beside the bullets.
        image: Option<Picture>,
    },
    /// The quote and who said it.
    Quote {
        /// The quoted words.
        text: Text,
        /// Who said them.
        author: Option<Text>,
    },
    /// The call to action, contacts and the web address with its QR code.
    Closing {
        /// The closing line.
        call: Option<Text>,
        /// Contact lines.
        contacts: Option<Text>,
        /// The web address.
        url: Option<WebAddress>,
    },
}

/// A bullet as shown on one slide.
#[derive(Debug, Clone, PartialEq)]
pub struct SlideBullet {
    /// Its words on this slide.
    pub text: String,
    /// Whether it goes on from the previous slide (so it has no marker).
    pub continued: bool,
}

/// A big number and its label.
#[derive(Debug, Clone)]
pub struct SlideFact {
    /// The number.
    pub value: Text,
    /// What it counts.
    pub label: Text,
    /// Size the number was set at to fit beside the bullets.
    pub size: f32,
}

/// A set bullet: its lines.
type Bullet = Vec<Line>;

/// Space around the slide's content.
const MARGIN: f32 = 48.0;
/// Height kept free at the foot of content slides for the footer.
const FOOTER_H: f32 = 40.0;
/// Steps in which autofit shrinks the bullets.
const SHRINK_STEP: f32 = 2.0;
/// Size of a fact's value on its slide: a number read from the back of a hall.
const FACT_SIZE: f32 = 120.0;
/// How much larger than the reader's floor slide type is, so a slide
/// printed a landscape A4 page wide (about 0.79 of its size) keeps it.
pub const THUMBNAIL_MARGIN: f32 = 1.3;

/// Size of a quote on its slide when it has room.
const QUOTE_SIZE: f32 = 34.0;

/// Lays out the deck for `doc`.
pub fn deck(doc: &Document, theme: &Theme, book: &FontBook) -> Result<Deck, Diagnostic> {
    let mut draft = DeckDraft {
        doc,
        theme,
        set: Setter {
            book,
            column_w: theme.deck.width - 2.0 * MARGIN,
        },
        pages: Vec::new(),
        slides: Vec::new(),
        warnings: Vec::new(),
    };
    draft.title_slide()?;
    for point in &doc.points {
        draft.point_slides(point)?;
    }
    if let Some(quote) = &doc.quote {
        draft.quote_slide(quote)?;
    }
    draft.closing_slide()?;
    draft.footers()?;
    let outline = draft
        .slides
        .iter()
        .enumerate()
        .map(|(page, s)| OutlineEntry {
            title: s.title.clone(),
            page,
            y: 0.0,
        })
        .collect();
    Ok(Deck {
        layout: document_layout(doc, draft.pages, outline),
        slides: draft.slides,
        warnings: draft.warnings,
    })
}

/// The bullets of a point as shown on slides: the written ones, or the first
/// sentence of each paragraph and list item of the body.
pub fn bullets(point: &DocPoint) -> Vec<(String, Place)> {
    if !point.bullets.is_empty() {
        return point
            .bullets
            .iter()
            .map(|b| (b.value.clone(), b.place.clone()))
            .collect();
    }
    point
        .body
        .rich
        .paras
        .iter()
        .map(|para| {
            (
                as_bullet(&first_sentence(&para.plain_text())),
                point.body.place.clone(),
            )
        })
        .filter(|(text, _)| !text.is_empty())
        .collect()
}

/// A sentence or list item made into a slide bullet: it starts with a
/// capital and carries no list punctuation (`;`, `,`, `:`) at its end, which
/// belongs to a list running through a paragraph, not to a slide.
fn as_bullet(text: &str) -> String {
    let trimmed = text.trim().trim_end_matches([';', ',', ':']).trim_end();
    let mut chars = trimmed.chars();
    match chars.next() {
        Some(first) if first.is_lowercase() => first.to_uppercase().chain(chars).collect(),
        _ => trimmed.to_owned(),
    }
}

/// The first sentence of `text`: up to the first `.`, `!`, `?` or `…`
/// followed by a space, so a bullet is always whole words.
fn first_sentence(text: &str) -> String {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        let ends = matches!(c, '.' | '!' | '?' | '…');
        let then_space = chars.get(k + 1).is_none_or(|&(_, n)| n.is_whitespace());
        if ends && then_space {
            return text[..i + c.len_utf8()].trim().to_owned();
        }
    }
    text.trim().to_owned()
}

/// The deck while it is made: the slides so far, set one after another.
struct DeckDraft<'a> {
    /// The document.
    doc: &'a Document,
    /// The theme.
    theme: &'a Theme,
    /// Text setter at the slide's content width.
    set: Setter<'a>,
    /// The slides so far.
    pages: Vec<Page>,
    /// Their titles and notes.
    slides: Vec<SlideInfo>,
    /// Shrinks and splits.
    warnings: Vec<Diagnostic>,
}

impl DeckDraft<'_> {
    /// A sans-serif style; never below the audience's floor (clear and
    /// large print read from the back of a hall too).
    fn sans(&self, size: f32, bold: bool, color: Color) -> ParaStyle {
        let size = size.max(self.floor());
        ParaStyle {
            family: self.theme.fonts.heading.clone(),
            fallback: self.theme.fonts.fallback.clone(),
            bold,
            italic: false,
            size,
            leading: (size * 1.22).round(),
            color,
            link_color: color,
            align: Align::Left,
            lang: self.doc.lang,
            hyphenate: false,
            role: Role::Paragraph,
        }
    }

    /// The smallest type on a slide for this reader: their floor, with
    /// room to print the slide a page wide in notes and handouts.
    fn floor(&self) -> f32 {
        self.doc.reading.smallest_type() * THUMBNAIL_MARGIN
    }

    /// Sizes from `start` down to `floor`, never below the reader's
    /// smallest type.
    fn ladder(&self, start: f32, floor: f32) -> Ladder {
        Ladder::new(start, SHRINK_STEP, floor.max(self.floor()))
    }

    /// A new slide, filled with `background`.
    fn new_slide(&mut self, background: Color, info: SlideInfo) -> &mut Page {
        let (w, h) = (self.theme.deck.width, self.theme.deck.height);
        self.slides.push(info);
        self.pages.push(Page {
            print: Default::default(),
            width: w,
            height: h,
            items: vec![Item::Fill {
                rects: vec![Rect::new(0.0, 0.0, w, h)],
                color: background,
            }],
        });
        self.pages.last_mut().expect("a slide was just added")
    }

    /// The title slide: title and subtitle on the brand colour, the audience,
    /// date and organiser under an accent stripe.
    fn title_slide(&mut self) -> Result<(), Diagnostic> {
        let doc = self.doc;
        let (w, h) = (self.theme.deck.width, self.theme.deck.height);
        let colors = self.theme.colors;
        let white = Color::rgb(255, 255, 255);
        let width = w - 2.0 * MARGIN;
        let title = self.set.plain(
            &doc.title.value,
            &doc.title.place,
            &self.sans(44.0, true, white).as_role(Role::Title),
            width,
        )?;
        let subtitle = match &doc.subtitle {
            Some(s) => self
                .set
                .plain(&s.value, &s.place, &self.sans(22.0, false, white), width)?,
            None => Vec::new(),
        };
        let audience = self.set.plain(
            &doc.audience_name.value,
            &doc.audience_name.place,
            &self.sans(26.0, true, colors.accent),
            width,
        )?;
        let details = cover_details(doc);
        let meta = self.set.plain(
            &details.join("  ·  "),
            &doc.title.place,
            &self.sans(18.0, false, white),
            width,
        )?;
        let stripe = h * 0.62;
        let logo = doc.logo.clone();
        let title_h = height(&title) + height(&subtitle) + 10.0;
        let info = SlideInfo {
            title: doc.title.value.clone(),
            notes: doc.intro.clone(),
            content: SlideContent::Title {
                subtitle: doc.subtitle.clone(),
                audience: doc.audience_name.clone(),
                details,
                logo: logo.clone(),
            },
            footer: None,
        };
        let page = self.new_slide(colors.band(), info);
        page.items.push(Item::Fill {
            rects: vec![Rect::new(0.0, stripe, w, 8.0)],
            color: colors.accent,
        });
        if let Some(picture) = logo {
            let area = Rect::new(w - MARGIN - 160.0, MARGIN, 160.0, 72.0);
            let rect = area.fit(picture.aspect());
            // Right-aligned in its corner.
            let rect = Rect::new(area.right() - rect.w, area.y, rect.w, rect.h);
            page.items.push(Item::Image { rect, picture });
        }
        let top = (stripe - 28.0 - title_h).max(MARGIN);
        stack(
            &[(&title, 10.0), (&subtitle, 0.0)],
            Rect::new(MARGIN, top, width, 0.0),
            page,
        );
        let below = stripe + 8.0 + 28.0;
        stack(
            &[(&audience, 8.0), (&meta, 0.0)],
            Rect::new(MARGIN, below, width, 0.0),
            page,
        );
        Ok(())
    }

    /// The slide title at the top of a content slide, shrinking a long title
    /// to at most two lines (down to the theme's smallest title size). Returns the lines and where the body may start.
    fn slide_title(&self, text: &str, place: &Place) -> Result<(Vec<Line>, f32), Diagnostic> {
        let deck = &self.theme.deck;
        let width = deck.width - 2.0 * MARGIN;
        let fitted = self.ladder(deck.title_size, deck.min_title_size).fit(|size| {
            let style = self
                .sans(size, true, self.theme.colors.heading())
                .as_role(Role::Heading);
            let lines = self.set.plain(text, place, &style, width)?;
            let beyond_two: f32 = lines.iter().skip(2).map(|l| l.leading).sum();
            Ok((lines, beyond_two))
        })?;
        let bottom = MARGIN * 0.75 + height(&fitted.value);
        Ok((fitted.value, bottom + 30.0))
    }

    /// One slide for a point, or more when its bullets do not fit.
    fn point_slides(&mut self, point: &DocPoint) -> Result<(), Diagnostic> {
        let deck = self.theme.deck.clone();
        let title = point.title.value.clone();
        let (title_lines, body_top) = self.slide_title(&title, &point.title.place)?;
        let content_w = deck.width - 2.0 * MARGIN;
        let fact_w = if point.fact.is_some() {
            content_w * 0.36
        } else {
            0.0
        };
        // A picture takes the right 40% of a slide without a big number.
        let picture_w = if point.image.is_some() && fact_w == 0.0 {
            content_w * 0.4
        } else {
            0.0
        };
        let left_w = if fact_w > 0.0 { fact_w + 32.0 } else { 0.0 };
        let right_w = if picture_w > 0.0 { picture_w + 32.0 } else { 0.0 };
        let body = Rect::new(
            MARGIN + left_w,
            body_top,
            content_w - left_w - right_w,
            deck.height - FOOTER_H - body_top - 12.0,
        );
        let picture_area = Rect::new(MARGIN + content_w - picture_w, body_top, picture_w, body.h);
        let items = bullets(point);
        let (size, chunks) = self.fit_bullets(point, &items, body)?;
        let count = chunks.len();
        let shown = shown_bullets(&items, &chunks);
        for ((n, chunk), bullets) in chunks.into_iter().enumerate().zip(shown) {
            let numbered = if count > 1 {
                format!("{title} ({}/{count})", n + 1)
            } else {
                title.clone()
            };
            let heading = if count > 1 {
                self.slide_title(&numbered, &point.title.place)?.0
            } else {
                title_lines.clone()
            };
            let accent = self.theme.colors.accent;
            let fact = match (&point.fact, n) {
                (Some((value, label)), 0) => Some(self.fact_lines(value, label, fact_w)?),
                _ => None,
            };
            let info = SlideInfo {
                title: numbered,
                notes: if n == 0 { point.notes.clone() } else { None },
                content: SlideContent::Point {
                    bullets,
                    size,
                    fact: point
                        .fact
                        .as_ref()
                        .zip(fact.as_ref())
                        .map(|((value, label), (number, _))| SlideFact {
                            value: value.clone(),
                            label: label.clone(),
                            size: number
                                .iter()
                                .flat_map(|l| &l.runs)
                                .map(|r| r.size)
                                .fold(0.0, f32::max),
                        }),
                    image: point.image.clone().filter(|_| picture_w > 0.0),
                },
                footer: None,
            };
            let page = self.new_slide(self.theme.colors.background, info);
            flow::place_lines(
                &heading,
                Rect::new(MARGIN, MARGIN * 0.75, deck.width - 2.0 * MARGIN, height(&heading)),
                page,
            );
            page.items.push(Item::Fill {
                rects: vec![Rect::new(
                    MARGIN,
                    MARGIN * 0.75 + height(&heading) + 10.0,
                    80.0,
                    5.0,
                )],
                color: accent,
            });
            // The content sits in the optical middle of the space under the
            // title, not at its top: a short slide is not top-heavy.
            let fact_h = fact.as_ref().map_or(0.0, |(n, l)| height(n) + 8.0 + height(l));
            let content_h = bullets_height(&chunk, size).max(fact_h);
            let drop = ((body.h - content_h) * 0.4).max(0.0);
            let body = Rect::new(body.x, body.y + drop, body.w, body.h - drop);
            if let Some((number, label)) = fact {
                let top = body.y + ((content_h - fact_h) * 0.5).max(0.0);
                flow::place_lines(&number, Rect::new(MARGIN, top, fact_w, height(&number)), page);
                let label_top = top + height(&number) + 8.0;
                flow::place_lines(&label, Rect::new(MARGIN, label_top, fact_w, height(&label)), page);
            }
            place_bullets(&chunk, body, size, page);
            if let (Some(picture), true) = (&point.image, picture_w > 0.0) {
                page.items.push(Item::Image {
                    rect: picture_area.fit(picture.aspect()),
                    picture: picture.clone(),
                });
            }
        }
        Ok(())
    }

    /// The big number and its label for a fact slide.
    fn fact_lines(
        &self,
        value: &crate::project::Text,
        label: &crate::project::Text,
        width: f32,
    ) -> Result<(Vec<Line>, Vec<Line>), Diagnostic> {
        let colors = self.theme.colors;
        // A fact is never smaller than a slide title: it is the slide's point.
        let ladder = Ladder::new(FACT_SIZE, 0.5, self.theme.deck.title_size.max(self.floor()));
        let fitted = self.set.fit_line(
            &value.value,
            &value.place,
            &self.sans(FACT_SIZE, true, colors.primary),
            width,
            ladder,
        )?;
        if !fitted.fits() {
            return Err(Diagnostic::error(
                &value.place,
                format!(
                    "the fact {:?} does not fit beside the bullets even at {} pt",
                    value.value, fitted.size
                ),
            )
            .with_help("a fact is a short value such as \"145\", \"3 %\" or \"09:00–18:00\"; put the rest in its label"));
        }
        let style = fitted.value;
        let number = self
            .set
            .plain(&value.value, &value.place, &style, f32::MAX / 4.0)?;
        let text = self.set.plain(
            &label.value,
            &label.place,
            &self.sans(24.0, false, colors.text),
            width,
        )?;
        Ok((number, text))
    }

    /// Sets the bullets into `area`: at the body size when they fit, else at
    /// the largest size down to the minimum that fits; else split over
    /// several slides at the minimum. Every shrink and split is a warning.
    fn fit_bullets(
        &mut self,
        point: &DocPoint,
        items: &[(String, Place)],
        area: Rect,
    ) -> Result<(f32, Vec<Vec<Bullet>>), Diagnostic> {
        let deck = self.theme.deck.clone();
        let too_many = items.len() > deck.max_bullets;
        let fitted = self.ladder(deck.body_size, deck.min_body_size).fit(|size| {
            let set = self.set_bullets(items, size, area.w)?;
            let by = if too_many {
                f32::INFINITY
            } else {
                bullets_height(&set, size) - area.h
            };
            Ok((set, by))
        })?;
        let size = fitted.size;
        self.warn_shrunk(point, size);
        if fitted.fits() {
            return Ok((size, vec![fitted.value]));
        }
        let chunks = split_bullets(fitted.value, size, area.h, deck.max_bullets);
        self.warn(
            point,
            format!(
                "does not fit one slide at {size} pt; continued over {} slides",
                chunks.len()
            ),
        );
        Ok((size, chunks))
    }

    /// Records that a point's bullets were set below the body size.
    fn warn_shrunk(&mut self, point: &DocPoint, size: f32) {
        let body = self.theme.deck.body_size;
        if size < body {
            self.warn(
                point,
                format!("bullets shrunk from {body} pt to {size} pt to fit the slide"),
            );
        }
    }

    /// Records a warning about a point.
    fn warn(&mut self, point: &DocPoint, message: String) {
        self.warnings.push(Diagnostic::warning(
            &point.title.place,
            format!("point `{}`: {message}", point.id),
        ));
    }

    /// Sets every bullet at `size`.
    fn set_bullets(
        &self,
        items: &[(String, Place)],
        size: f32,
        width: f32,
    ) -> Result<Vec<Bullet>, Diagnostic> {
        let style = ParaStyle {
            leading: (size * 1.25).round(),
            link_color: self.theme.colors.primary,
            ..self.sans(size, false, self.theme.colors.text)
        };
        items
            .iter()
            .map(|(text, place)| {
                set_paragraph(self.set.book, &Para::plain(text, Some("•")), &style, width, place)
            })
            .collect()
    }

    /// The quote in large italics with its author.
    fn quote_slide(&mut self, quote: &crate::tailor::DocQuote) -> Result<(), Diagnostic> {
        let (w, h) = (self.theme.deck.width, self.theme.deck.height);
        let colors = self.theme.colors;
        let width = w - 2.0 * MARGIN - 60.0;
        let labels = &self.doc.labels;
        let room = h - 2.0 * MARGIN - 100.0;
        let lines = self
            .ladder(QUOTE_SIZE, self.theme.deck.min_body_size)
            .fit(|size| {
                let style = ParaStyle {
                    family: self.theme.fonts.body.clone(),
                    italic: true,
                    leading: (size * 1.3).round(),
                    role: Role::Quote,
                    ..self.sans(size, false, colors.heading())
                };
                let lines = self.set.line(&quote.text, &style, width)?;
                let by = height(&lines) - room;
                Ok((lines, by))
            })?
            .value;
        let author = match &quote.author {
            Some(a) => self.set.plain(
                &format!("— {}", a.value),
                &a.place,
                &self.sans(20.0, false, colors.text).as_role(Role::Quote),
                width,
            )?,
            None => Vec::new(),
        };
        let info = SlideInfo {
            title: labels.quote.clone(),
            notes: None,
            content: SlideContent::Quote {
                text: quote.text.clone(),
                author: quote.author.clone(),
            },
            footer: None,
        };
        let page = self.new_slide(colors.box_fill(), info);
        let parts: [(&[Line], f32); 2] = [(&lines, 24.0), (&author, 0.0)];
        let top = ((h - FOOTER_H - stack_height(&parts)) / 2.0).max(MARGIN);
        page.items.push(Item::Fill {
            rects: vec![Rect::new(MARGIN, top, 8.0, height(&lines))],
            color: colors.accent,
        });
        stack(&parts, Rect::new(MARGIN + 40.0, top, width, 0.0), page);
        Ok(())
    }

    /// Call to action, contacts and the web address with its QR code.
    fn closing_slide(&mut self) -> Result<(), Diagnostic> {
        let doc = self.doc;
        let (w, h) = (self.theme.deck.width, self.theme.deck.height);
        let colors = self.theme.colors;
        let white = Color::rgb(255, 255, 255);
        let qr_size = if doc.url.is_some() { 230.0 } else { 0.0 };
        let width = w - 2.0 * MARGIN - if qr_size > 0.0 { qr_size + 48.0 } else { 0.0 };
        let call = match &doc.call_to_action {
            Some(c) => self.set.line(c, &self.sans(40.0, true, white), width)?,
            None => Vec::new(),
        };
        let contacts = match &doc.contacts {
            Some(c) => self.set.paras(c, &self.sans(20.0, false, white), width)?.concat(),
            None => Vec::new(),
        };
        let url = match &doc.url {
            Some(u) => set_paragraph(
                self.set.book,
                &web_address(None, &u.url),
                &self.sans(24.0, true, colors.accent),
                width,
                &doc.title.place,
            )?,
            None => Vec::new(),
        };
        let title = doc
            .call_to_action
            .as_ref()
            .map_or_else(|| doc.title.value.clone(), |c| c.value.clone());
        let content = SlideContent::Closing {
            call: doc.call_to_action.clone(),
            contacts: doc.contacts.clone(),
            url: doc.url.clone(),
        };
        let info = SlideInfo {
            title,
            notes: None,
            content,
            footer: None,
        };
        let page = self.new_slide(colors.band(), info);
        let parts: [(&[Line], f32); 3] = [(&call, 28.0), (&contacts, 16.0), (&url, 0.0)];
        let top = ((h - stack_height(&parts)) / 2.0).max(MARGIN);
        stack(&parts, Rect::new(MARGIN, top, width, 0.0), page);
        if let Some(u) = &doc.url {
            let area = Rect::new(w - MARGIN - qr_size, (h - qr_size) / 2.0, qr_size, qr_size);
            page.items.extend(qr::draw(&u.qr, area, colors.band(), white));
            page.items.push(Item::Link {
                rect: area,
                url: u.url.clone(),
            });
        }
        Ok(())
    }

    /// Footer and slide number on every slide but the first and the last.
    fn footers(&mut self) -> Result<(), Diagnostic> {
        let doc = self.doc;
        let count = self.pages.len();
        let style = self
            .sans(
                12.0,
                false,
                self.theme.colors.text.mix(self.theme.colors.background, 0.45),
            )
            .as_role(Role::Artifact);
        let width = self.theme.deck.width - 2.0 * MARGIN;
        let top = self.theme.deck.height - FOOTER_H + 8.0;
        for n in 1..count.saturating_sub(1) {
            let text = fill_template(&self.theme.deck.footer, doc, n + 1, count);
            let lines = self.set.plain(&text, &doc.title.place, &style, width)?;
            self.slides[n].footer = Some(text);
            flow::place_lines(
                &lines[..1.min(lines.len())],
                Rect::new(MARGIN, top, width, style.leading),
                &mut self.pages[n],
            );
        }
        Ok(())
    }
}

/// Height of groups of lines set one below the other, each followed by its gap.
fn stack_height(parts: &[(&[Line], f32)]) -> f32 {
    parts.iter().map(|(lines, gap)| height(lines) + gap).sum()
}

/// Places groups of lines one below the other from the top-left of `at`
/// (its width is the measure), each followed by its gap.
fn stack(parts: &[(&[Line], f32)], at: Rect, page: &mut Page) {
    let mut top = at.y;
    for (lines, gap) in parts {
        flow::place_lines(lines, Rect::new(at.x, top, at.w, height(lines)), page);
        top += height(lines) + gap;
    }
}

/// Total height of lines.
fn height(lines: &[Line]) -> f32 {
    lines.iter().map(|l| l.leading).sum()
}

/// Space between bullets.
fn bullet_gap(size: f32) -> f32 {
    size * 0.8
}

/// Height of set bullets with the gaps between them.
fn bullets_height(bullets: &[Vec<Line>], size: f32) -> f32 {
    let lines: f32 = bullets.iter().map(|b| height(b)).sum();
    lines + bullet_gap(size) * bullets.len().saturating_sub(1) as f32
}

/// Divides set bullets into slides: whole bullets while they fit, at most
/// `max` per slide; a bullet taller than a slide continues line by line.
fn split_bullets(bullets: Vec<Vec<Line>>, size: f32, room: f32, max: usize) -> Vec<Vec<Bullet>> {
    let mut pieces = Vec::new();
    for bullet in bullets {
        if height(&bullet) <= room {
            pieces.push(bullet);
            continue;
        }
        let mut part = Vec::new();
        let mut used = 0.0;
        for line in bullet {
            if !part.is_empty() && used + line.leading > room {
                pieces.push(std::mem::take(&mut part));
                used = 0.0;
            }
            used += line.leading;
            part.push(line);
        }
        pieces.push(part);
    }
    let mut chunks: Vec<Vec<Bullet>> = Vec::new();
    for piece in pieces {
        let fits = chunks.last().is_some_and(|chunk| {
            chunk.len() < max && bullets_height(chunk, size) + bullet_gap(size) + height(&piece) <= room
        });
        match chunks.last_mut() {
            Some(chunk) if fits => chunk.push(piece),
            _ => chunks.push(vec![piece]),
        }
    }
    chunks
}

/// The words of each bullet (or part of one) on each slide of a point, in
/// the order [`split_bullets`] dealt them out. A part is matched to its
/// source text by the letters its lines show, so the words are exactly the
/// written ones; the marker run that opens a bullet's first line is not
/// among them.
fn shown_bullets(items: &[(String, Place)], chunks: &[Vec<Bullet>]) -> Vec<Vec<SlideBullet>> {
    let mut item = 0;
    let mut taken = 0;
    let mut slides = Vec::new();
    for chunk in chunks {
        let mut shown = Vec::new();
        for piece in chunk {
            let Some((text, _)) = items.get(item) else {
                break;
            };
            let starts = taken == 0;
            let letters: usize = piece
                .iter()
                .enumerate()
                .flat_map(|(i, line)| line.runs.iter().skip(usize::from(starts && i == 0)))
                .map(|run| run.text.chars().filter(|c| !c.is_whitespace()).count())
                .sum();
            let end = after_letters(text, taken, letters);
            shown.push(SlideBullet {
                text: text[taken..end].trim().to_owned(),
                continued: !starts,
            });
            taken = end;
            if text[end..].trim().is_empty() {
                (item, taken) = (item + 1, 0);
            }
        }
        slides.push(shown);
    }
    slides
}

/// The byte offset in `text` after `letters` more non-space characters
/// from `from`.
fn after_letters(text: &str, from: usize, letters: usize) -> usize {
    let mut left = letters;
    for (i, c) in text[from..].char_indices() {
        if left == 0 {
            return from + i;
        }
        if !c.is_whitespace() {
            left -= 1;
        }
    }
    text.len()
}

/// Places bullets top to bottom in `area`.
fn place_bullets(bullets: &[Vec<Line>], area: Rect, size: f32, page: &mut Page) {
    let mut top = area.y;
    for bullet in bullets {
        flow::place_lines(bullet, Rect::new(area.x, top, area.w, height(bullet)), page);
        top += height(bullet) + bullet_gap(size);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derived_bullets_start_with_a_capital_and_drop_list_punctuation() {
        assert_eq!(
            as_bullet("единство и солидарность народа;"),
            "Единство и солидарность народа"
        );
        assert_eq!(as_bullet("ұлтаралық келісім,"), "Ұлтаралық келісім");
        assert_eq!(as_bullet("Already fine."), "Already fine.");
        assert_eq!(as_bullet("«quoted» start:"), "«quoted» start");
    }
}
