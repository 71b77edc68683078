//! Composition of every product of both example projects, every audience,
//! language and fold, read off the laid-out pages with oracles of their
//! own: geometry from the page and the runs, words from the runs' text,
//! never from the code that placed them.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use handout::batch::{Job, Shared, layout};
use handout::export::pdf::PdfFonts;
use handout::project::{Format, Lang, Project, Reading};
use handout::typeset::page::{Color, GlyphRun, Item, Layout, Page, Rect, Role};
use handout::typeset::text::fonts::FontBook;

/// One laid-out product.
struct Product {
    /// "project fold audience/lang format".
    name: String,
    lang: Lang,
    format: Format,
    fold: &'static str,
    reading: Reading,
    layout: Layout,
    /// Fill of the "what this means for you" boxes.
    box_fill: Color,
    /// The label at the head of each such box.
    box_label: String,
    /// What preflight said about it.
    preflight: Vec<String>,
}

/// Both example projects.
fn examples() -> Vec<std::path::PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("handouts");
    vec![
        root.join("constitution-2026"),
        root.join("small-business-tax-2027"),
    ]
}

/// Every product of `dir` with the leaflet folded as `fold`; decks and
/// their companions only once per project (the fold does not touch them).
fn products(dir: &Path, fold: &'static str, with_decks: bool, problems: &mut Vec<String>) -> Vec<Product> {
    let theme_dir = tempfile::tempdir().unwrap();
    let theme = theme_dir.path().join("fold.toml");
    std::fs::write(&theme, format!("[leaflet]\nfold = \"{fold}\"\n")).unwrap();
    let loaded = handout::load::load_with_theme(dir, Some(&theme));
    let project: Project = loaded.project.expect("the example loads");
    let book = FontBook::with_project(&project.fonts);
    let fonts = PdfFonts::new(&book).unwrap();
    let shared = Shared::new(&project, &book, &fonts);
    let name = dir.file_name().unwrap().to_string_lossy().into_owned();
    let mut out = Vec::new();
    for audience in &project.audiences {
        for &lang in &audience.languages {
            for format in Format::ALL {
                if format != Format::Leaflet && !with_decks {
                    continue;
                }
                let job = Job {
                    audience: audience.id.value.clone(),
                    lang,
                    format,
                    meeting: None,
                };
                let label = format!("{name} {fold} {}/{lang} {}", audience.id.value, format.name());
                match layout(&shared, &job) {
                    Ok(r) => out.push(Product {
                        name: label,
                        lang,
                        format,
                        fold,
                        reading: audience.reading,
                        box_fill: project.theme.colors.box_fill(),
                        box_label: r.doc.labels.for_you.to_uppercase(),
                        preflight: r
                            .warnings
                            .iter()
                            .map(|w| w.message.clone())
                            .filter(|m| m.starts_with("preflight"))
                            .collect(),
                        layout: r.layout,
                    }),
                    Err(e) => problems.push(format!("{label}: does not lay out: {}", e.message)),
                }
            }
        }
    }
    out
}

/// Every product of both examples in every fold.
fn all_products(problems: &mut Vec<String>) -> Vec<Product> {
    let mut all = Vec::new();
    for dir in examples() {
        for (i, fold) in ["none", "bifold", "trifold"].into_iter().enumerate() {
            all.extend(products(&dir, fold, i == 0, problems));
        }
    }
    all
}

/// The runs of each text line: runs sharing a baseline and a frame.
fn lines(page: &Page) -> Vec<Vec<&GlyphRun>> {
    let mut out: Vec<Vec<&GlyphRun>> = Vec::new();
    for run in page.runs() {
        match out.last_mut() {
            Some(line) if (line[0].y - run.y).abs() < 0.01 && line[0].frame == run.frame => line.push(run),
            _ => out.push(vec![run]),
        }
    }
    out
}

/// A line's text.
fn text(line: &[&GlyphRun]) -> String {
    line.iter().map(|r| r.text.as_str()).collect()
}

/// Letters at the end of `s`.
fn trailing_word(s: &str) -> String {
    let word: Vec<char> = s.chars().rev().take_while(|c| !c.is_whitespace()).collect();
    word.into_iter().rev().collect()
}

/// Whether two ink boxes overlap by more than a hair.
fn overlap(a: &Rect, b: &Rect) -> bool {
    let w = a.right().min(b.right()) - a.x.max(b.x);
    let h = a.bottom().min(b.bottom()) - a.y.max(b.y);
    w > 0.5 && h > 0.25 * a.h.min(b.h)
}

/// Geometry: every run inside its frame and the page, no two lines on top
/// of each other.
fn check_geometry(p: &Product, problems: &mut Vec<String>) {
    for (n, page) in p.layout.pages.iter().enumerate() {
        let sheet = Rect::new(0.0, 0.0, page.width, page.height);
        let runs: Vec<&GlyphRun> = page.runs().collect();
        for run in &runs {
            let ink = run.bounds();
            if !sheet.contains(&ink, 0.5)
                || ink.right() > run.frame.right() + 0.1
                || ink.x < run.frame.x - 0.1
            {
                problems.push(format!(
                    "{} p{}: {:?} leaves its box or the page",
                    p.name,
                    n + 1,
                    run.text
                ));
            }
        }
        for (i, a) in runs.iter().enumerate() {
            for b in &runs[i + 1..] {
                if (a.y - b.y).abs() > 0.01
                    && !a.text.trim().is_empty()
                    && !b.text.trim().is_empty()
                    && overlap(&a.bounds(), &b.bounds())
                {
                    problems.push(format!(
                        "{} p{}: {:?} overlaps {:?}",
                        p.name,
                        n + 1,
                        a.text,
                        b.text
                    ));
                }
            }
        }
    }
}

/// Folded sheets: every panel of every side carries text.
fn check_panels(p: &Product, problems: &mut Vec<String>) {
    let panels = match p.fold {
        "bifold" => 2,
        "trifold" => 3,
        _ => return,
    };
    for (n, page) in p.layout.pages.iter().enumerate() {
        // Large print that cannot fold is set flat, on portrait pages.
        if page.width < page.height {
            continue;
        }
        for k in 0..panels {
            let (from, to) = (
                page.width * k as f32 / panels as f32,
                page.width * (k + 1) as f32 / panels as f32,
            );
            let chars: usize = page
                .runs()
                .filter(|r| r.x >= from - 1.0 && r.x < to - 1.0)
                .map(|r| r.text.chars().filter(|c| c.is_alphanumeric()).count())
                .sum();
            if chars < 40 {
                problems.push(format!(
                    "{} side {} panel {}: blank ({chars} letters)",
                    p.name,
                    n + 1,
                    k + 1
                ));
            }
        }
    }
}

/// A flat leaflet's last page is not a near-empty page after a full one:
/// it holds at least a fifth of the letters of the page before it.
fn check_last_page(p: &Product, problems: &mut Vec<String>) {
    let portrait: Vec<&Page> = p.layout.pages.iter().filter(|pg| pg.width < pg.height).collect();
    if p.format != Format::Leaflet || portrait.len() < 2 {
        return;
    }
    let letters = |page: &Page| -> usize {
        page.runs()
            .filter(|r| r.tag.role != Role::Artifact)
            .map(|r| r.text.chars().filter(|c| c.is_alphanumeric()).count())
            .sum()
    };
    let (before, last) = (
        letters(portrait[portrait.len() - 2]),
        letters(portrait[portrait.len() - 1]),
    );
    if last * 5 < before {
        problems.push(format!(
            "{}: the last page holds {last} letters after {before} on the page before",
            p.name
        ));
    }
}

/// Line ends: no hyphen inside an address or after a number, no range
/// parted at its dash, no
/// paragraph ending in a fragment of three letters or fewer, no loose line.
fn check_line_ends(
    p: &Product,
    problems: &mut Vec<String>,
    loose: &mut Vec<String>,
    shares: &mut BTreeMap<Lang, (usize, usize)>,
) {
    // Body text is what most lines are set in.
    let mut sizes: BTreeMap<u32, usize> = BTreeMap::new();
    for page in &p.layout.pages {
        for line in lines(page) {
            *sizes.entry((line[0].size * 10.0).round() as u32).or_default() += 1;
        }
    }
    let body = sizes
        .iter()
        .max_by_key(|(_, n)| **n)
        .map_or(0.0, |(s, _)| *s as f32 / 10.0);
    for page in &p.layout.pages {
        let lines = lines(page);
        for (i, line) in lines.iter().enumerate() {
            let t = text(line);
            let hyphenated = t.ends_with('\u{ad}');
            let last = trailing_word(t.trim_end_matches('\u{ad}'));
            if hyphenated
                && (last.contains('/') || last.contains('@') || last.contains("www") || last.contains(".kz"))
            {
                problems.push(format!("{}: an address is hyphenated: {last:?}", p.name));
            }
            if (hyphenated || t.ends_with('-'))
                && last
                    .trim_end_matches(['-', '\u{ad}'])
                    .ends_with(|c: char| c.is_ascii_digit())
            {
                problems.push(format!(
                    "{}: a number is parted from its suffix: {last:?}",
                    p.name
                ));
            }
            // Display text (titles, headings, the quote) is never divided.
            let role = line[0].tag.role;
            if hyphenated && matches!(role, Role::Title | Role::Heading | Role::Quote) {
                problems.push(format!("{}: display text divided: {t:?}", p.name));
            }
            // A range closed up round its en dash ("07:00–20:00") is one value.
            if t.ends_with('–')
                && !t.trim_end_matches('–').ends_with(char::is_whitespace)
                && lines
                    .get(i + 1)
                    .is_some_and(|next| !text(next).starts_with(char::is_whitespace))
            {
                problems.push(format!("{}: a range is parted at its dash: {last:?}", p.name));
            }
            if hyphenated && let Some(next) = lines.get(i + 1) {
                let rest = text(next);
                let letters = rest.chars().filter(|c| c.is_alphabetic()).count();
                if !rest.trim().contains(char::is_whitespace) && letters <= 3 {
                    problems.push(format!(
                        "{}: a paragraph ends in the fragment {rest:?} after {last:?}",
                        p.name
                    ));
                }
            }
            let widest = line
                .iter()
                .flat_map(|run| {
                    run.glyphs
                        .iter()
                        .filter(|g| run.text[g.range.clone()].starts_with(' '))
                        .map(|g| g.advance / run.size)
                })
                .fold(0.0, f32::max);
            if widest > 0.6 + 0.001 {
                loose.push(format!("{}: a loose line ({widest:.2} em gap): {t:?}", p.name));
            }
            if p.format == Format::Leaflet && (line[0].size - body).abs() < 0.05 {
                let entry = shares.entry(p.lang).or_default();
                entry.0 += usize::from(hyphenated);
                entry.1 += 1;
            }
        }
    }
}

/// Large print (UKAAF): nothing below 14 pt in any product, the slides
/// printed in notes and handouts included, and body text of at least 16 pt.
fn check_large_print(p: &Product, problems: &mut Vec<String>) {
    if p.reading != Reading::Large {
        return;
    }
    let mut sizes: BTreeMap<u32, usize> = BTreeMap::new();
    for run in p.layout.pages.iter().flat_map(|page| page.runs()) {
        if run.text.trim().is_empty() {
            continue;
        }
        // Page furniture (page numbers, footers) is not body text.
        if run.tag.role != Role::Artifact {
            *sizes.entry((run.size * 10.0).round() as u32).or_default() += run.text.len();
        }
        if run.size < 13.99 {
            problems.push(format!(
                "{}: {:?} at {:.1} pt in large print",
                p.name, run.text, run.size
            ));
        }
    }
    // Body text is the size most of the text is set in.
    let body = sizes
        .iter()
        .max_by_key(|(_, n)| **n)
        .map_or(0.0, |(s, _)| *s as f32 / 10.0);
    if body < 15.99 {
        problems.push(format!("{}: body text at {body:.1} pt in large print", p.name));
    }
}

/// Boxes: each one whole (its label at its head, so a part without one is
/// the rest of a split box) and with lines of its point above it in the
/// same column (not stranded at the top of a column, page or panel).
fn check_boxes(p: &Product, problems: &mut Vec<String>) {
    if p.format != Format::Leaflet {
        return;
    }
    for (n, page) in p.layout.pages.iter().enumerate() {
        let boxes = page.items.iter().filter_map(|item| match item {
            Item::Fill { rects, color } if *color == p.box_fill => Some(rects.iter()),
            _ => None,
        });
        for rect in boxes.flatten().filter(|r| r.h > 10.0 && r.w > 60.0) {
            let inside = |r: &&GlyphRun| rect.contains(&Rect::new(r.x, r.y - 1.0, 1.0, 1.0), 0.5);
            let first = page.runs().filter(inside).min_by(|a, b| a.y.total_cmp(&b.y));
            if !first.is_some_and(|r| !r.text.trim().is_empty() && p.box_label.starts_with(r.text.trim())) {
                problems.push(format!(
                    "{} p{}: a box is split: {:?} heads a part",
                    p.name,
                    n + 1,
                    first.map(|r| &r.text)
                ));
            }
            let above = page
                .runs()
                .filter(|r| (r.frame.x - rect.x).abs() < 1.0 && r.y < rect.y && r.y > rect.y - 40.0)
                .count();
            if above == 0 {
                problems.push(format!(
                    "{} p{}: a box is parted from its point (top of a column)",
                    p.name,
                    n + 1
                ));
            }
        }
    }
}

#[test]
fn every_product_of_both_examples_is_composed_cleanly() {
    let mut problems = Vec::new();
    let products = all_products(&mut problems);
    assert!(products.len() > 50, "only {} products", products.len());
    let mut shares = BTreeMap::new();
    let mut loose = Vec::new();
    for p in &products {
        check_geometry(p, &mut problems);
        check_panels(p, &mut problems);
        check_last_page(p, &mut problems);
        check_line_ends(p, &mut problems, &mut loose, &mut shares);
        check_large_print(p, &mut problems);
        check_boxes(p, &mut problems);
        problems.extend(p.preflight.iter().map(|f| format!("{}: {f}", p.name)));
    }
    for (lang, (hyphenated, total)) in &shares {
        let share = *hyphenated as f32 / (*total).max(1) as f32;
        let goal = match lang {
            Lang::Kk | Lang::KkLatn => 0.25,
            Lang::Ru => 0.20,
            Lang::En => 0.12,
        };
        eprintln!(
            "{lang}: {hyphenated} of {total} body lines hyphenated ({:.1} %)",
            share * 100.0
        );
        if share > goal {
            problems.push(format!(
                "{lang}: {:.1} % of body lines hyphenated, goal {:.0} %",
                share * 100.0,
                goal * 100.0
            ));
        }
    }
    // A word gap over 0.6 em is a flaw in any line.
    let justified: usize = shares.values().map(|(_, total)| total).sum();
    eprintln!(
        "{} of {justified} body lines have a word gap over 0.6 em",
        loose.len()
    );
    problems.extend(loose);
    for p in &problems {
        eprintln!("{p}");
    }
    assert!(
        problems.is_empty(),
        "{} composition problems (listed above)",
        problems.len()
    );
}

/// A project shaped to stress slides: a 60-character title, a fact that is
/// a time range, a point of twelve bullets, in three languages.
fn stress_project(dir: &Path) {
    let bullets = |lang: &str| {
        (1..=12)
            .map(|n| format!("\"{lang} bullet number {n} with a few more words to wrap\""))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let toml = format!(
        r#"[handout]
id = "stress"
languages = ["kk", "ru", "en"]
title = {{ kk = "Салық кеңсесінің жұмыс уақыты", ru = "Часы работы налоговой", en = "Tax office hours" }}
url = "https://example.kz/salyq/2027/tirkelu-nusqaulyghy"

[[point]]
id = "hours"
tags = ["dates"]
title = {{ kk = "Салық басқармасы жұмыс күндері қай уақытта қабылдайды", ru = "Когда налоговое управление принимает посетителей по будням", en = "When the district tax office takes visitors on working days" }}
body = {{ kk = "Кеңсе дүйсенбіден жұмаға дейін ашық.", ru = "Управление открыто с понедельника по пятницу.", en = "The office is open Monday to Friday." }}
fact = {{ value = "09:00–18:00", label = {{ kk = "дүйсенбі–жұма", ru = "понедельник–пятница", en = "Monday to Friday" }} }}

[[point]]
id = "steps"
tags = ["dates"]
title = {{ kk = "Он екі қадам", ru = "Двенадцать шагов", en = "Twelve steps" }}
body = {{ kk = "Қадамдар.", ru = "Шаги.", en = "Steps." }}
bullets = {{ kk = [{kk}], ru = [{ru}], en = [{en}] }}
notes = {{ kk = "Әр қадамды түсіндіріңіз.", ru = "Объясните каждый шаг.", en = "Explain each step." }}
"#,
        kk = bullets("Қадам"),
        ru = bullets("Шаг"),
        en = bullets("Step"),
    );
    std::fs::create_dir_all(dir.join("audiences")).unwrap();
    std::fs::write(dir.join("handout.toml"), toml).unwrap();
    std::fs::write(
        dir.join("audiences/all.toml"),
        "[audience]\nid = \"all\"\nname = { kk = \"Барлығы\", ru = \"Все\", en = \"Everyone\" }\n\
         languages = [\"kk\", \"ru\", \"en\"]\nformats = [\"leaflet\", \"deck\", \"notes\", \"handout3\"]\n\
         interests = [\"dates\"]\n",
    )
    .unwrap();
}

#[test]
fn a_time_range_fact_a_long_title_and_twelve_bullets_stay_inside_every_product() {
    let dir = tempfile::tempdir().unwrap();
    stress_project(dir.path());
    let mut problems = Vec::new();
    let products = products(dir.path(), "none", true, &mut problems);
    // Five products (leaflet, deck, notes, handout3, pptx) in three languages.
    assert_eq!(products.len(), 15, "{problems:?}");
    for p in &products {
        check_geometry(p, &mut problems);
        if p.format == Format::Deck {
            // The fact's value is on one line, whole.
            let whole = p
                .layout
                .pages
                .iter()
                .flat_map(|page| page.runs())
                .any(|r| r.text.trim() == "09:00–18:00");
            if !whole {
                problems.push(format!("{}: the fact is not on one line", p.name));
            }
            // Slides are not top-heavy: the lowest text of the fact slide
            // reaches below the middle of the slide.
            let page = &p.layout.pages[1];
            let lowest = page
                .runs()
                .filter(|r| r.size > 20.0)
                .map(|r| r.y)
                .fold(0.0, f32::max);
            if lowest < page.height * 0.5 {
                problems.push(format!(
                    "{}: slide 2 is top-heavy (text ends at {lowest:.0} of {:.0})",
                    p.name, page.height
                ));
            }
        }
    }
    for p in &problems {
        eprintln!("{p}");
    }
    assert!(problems.is_empty(), "{} problems (listed above)", problems.len());
}
