//! Speed of the pipeline's pure stages on the example handout: laying out
//! one A4 leaflet (tailor + typeset, files already loaded), exporting it,
//! and hyphenation throughput per language. Run with `cargo bench`.

use std::path::Path;
use std::time::{Duration, Instant};

use handout::export::pdf::{self, PdfFonts};
use handout::project::Lang;
use handout::tailor::tailor;
use handout::typeset::deck::deck;
use handout::typeset::hyphenate;
use handout::typeset::leaflet::leaflet;
use handout::typeset::text::fonts::FontBook;

/// Median time of `runs` calls of `f`.
fn median(runs: usize, mut f: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort();
    times[runs / 2]
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("handouts/constitution-2026");
    let project = handout::load::load(&root).project.expect("the example loads");
    let theme = handout::load::theme::built_in();
    let book = FontBook::built_in();
    let fonts = PdfFonts::new(&book).expect("the built-in fonts embed");
    let audience = project
        .audience("entrepreneurs")
        .expect("the example has entrepreneurs");

    println!("leaflet for individual entrepreneurs (median of 200 runs):");
    for lang in [Lang::Kk, Lang::Ru, Lang::En, Lang::KkLatn] {
        let tailored = median(200, || {
            let doc = tailor(&project, audience, lang);
            std::hint::black_box(leaflet(&doc, &theme, &book).expect("lays out").expect("fits"));
        });
        let doc = tailor(&project, audience, lang);
        let laid_out = median(200, || {
            std::hint::black_box(leaflet(&doc, &theme, &book).expect("lays out").expect("fits"));
        });
        let layout = leaflet(&doc, &theme, &book)
            .expect("lays out")
            .expect("a flat leaflet always fits")
            .layout;
        let export_time = median(50, || {
            std::hint::black_box(pdf::export(&layout, &fonts, &Default::default()).expect("exports"));
        });
        let ms = |d: Duration| d.as_secs_f64() * 1e3;
        println!(
            "  {:<8} layout {:>5.2} ms (with tailoring {:>5.2} ms)   export {:>5.2} ms   ({} pages)",
            lang.code(),
            ms(laid_out),
            ms(tailored),
            ms(export_time),
            layout.pages.len()
        );
    }

    let students = project.audience("students").expect("the example has students");
    println!("deck for university students (median of 200 runs):");
    for lang in [Lang::Kk, Lang::Ru, Lang::En] {
        let doc = tailor(&project, students, lang);
        let time = median(200, || {
            std::hint::black_box(deck(&doc, &theme, &book).expect("lays out"));
        });
        let slides = deck(&doc, &theme, &book).expect("lays out").layout.pages.len();
        println!(
            "  {:<8} {:>6.2} ms for {slides} slides",
            lang.code(),
            time.as_secs_f64() * 1e3
        );
    }

    println!("hyphenation throughput (words of the example, repeated to 1 million):");
    for lang in [Lang::Kk, Lang::Ru, Lang::En, Lang::KkLatn] {
        let doc = tailor(&project, audience, lang);
        let text: String = doc
            .points
            .iter()
            .flat_map(|p| p.body.rich.paras.clone())
            .map(|p| p.plain_text())
            .collect::<Vec<_>>()
            .join(" ");
        let words: Vec<&str> = text
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| !w.is_empty())
            .collect();
        let total = 1_000_000;
        let start = Instant::now();
        let mut breaks = 0;
        for word in words.iter().cycle().take(total) {
            breaks += hyphenate::break_points(lang, std::hint::black_box(word)).len();
        }
        let elapsed = start.elapsed().as_secs_f64();
        println!(
            "  {:<8} {:>5.2} M words/s   ({} distinct words, {:.2} breaks per word)",
            lang.code(),
            total as f64 / elapsed / 1e6,
            words.len(),
            breaks as f64 / total as f64
        );
    }
}
