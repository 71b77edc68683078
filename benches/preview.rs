//! What the preview does after a save, without the watcher's settling
//! delay: read the project and fonts again, make one leaflet and render its
//! pages. Run with `cargo bench --bench preview` (release build).

use std::path::Path;
use std::time::{Duration, Instant};

use handout::preview::Preview;
use handout::project::{Format, Lang};

/// Min and median of `n` runs of `f`, printed under `label`.
fn measure(label: &str, n: usize, mut f: impl FnMut()) {
    let mut times: Vec<Duration> = (0..n)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!(
        "  {label:<44} min {:>6.1} ms   median {:>6.1} ms",
        ms(times[0]),
        ms(times[n / 2])
    );
}

/// Copies the folder `from` into `to`.
fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("a folder");
    for entry in std::fs::read_dir(from).expect("the example").flatten() {
        let (path, target) = (entry.path(), to.join(entry.file_name()));
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, target).expect("a copy");
        }
    }
}

fn main() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let example = dir.path().join("constitution-2026");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("handouts/constitution-2026"),
        &example,
    );
    let toml = example.join("handout.toml");
    let source = std::fs::read_to_string(&toml).expect("handout.toml");
    let title = "Конституциялық реформа – 2026: ең бастысы";
    assert!(source.contains(title));
    let preview = Preview::new(&example, None);
    let leaflet = preview
        .documents()
        .iter()
        .position(|j| j.format == Format::Leaflet && j.lang == Lang::Kk && j.meeting.is_none())
        .expect("the example has a Kazakh leaflet");
    println!("preview, one Kazakh leaflet of {}:", example.display());
    measure("reload the project and fonts", 10, || preview.reload());
    measure("reload, make the leaflet (its PDF unchanged)", 10, || {
        preview.reload();
        let made = preview
            .document(leaflet)
            .expect("a document")
            .expect("it is made");
        assert!(!made.pictures.is_empty());
    });
    // A save that changes the title: the leaflet's pictures are new.
    let mut n = 0;
    measure("save a new title, reload, make and render", 10, || {
        n += 1;
        std::fs::write(&toml, source.replacen(title, &format!("Реформа – {n}"), 1)).expect("a save");
        preview.reload();
        let made = preview
            .document(leaflet)
            .expect("a document")
            .expect("it is made");
        assert!(!made.pictures.is_empty());
    });
}
