//! The preview server as a browser sees it: the list of documents, page
//! pictures, overlays, and new pictures after a save.

mod common;

use std::io::{BufRead, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::{copy_dir, example};

/// A running `handout preview`, stopped when dropped.
struct Server {
    child: Child,
    /// `127.0.0.1:PORT`.
    address: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts the preview of `project` on a free port.
fn start(project: &std::path::Path) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_handout"))
        .args(["preview", project.to_str().unwrap(), "--port", "0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    std::io::BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let url = line
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .unwrap_or_else(|| panic!("{line}"));
    let address = url.trim_start_matches("http://").trim_end_matches('/').to_owned();
    assert!(
        address.starts_with("127.0.0.1:"),
        "listens on loopback only: {address}"
    );
    Server { child, address }
}

/// GETs `path`: the status and the body.
fn get(server: &Server, path: &str) -> (u16, Vec<u8>) {
    get_as(server, &server.address, path)
}

/// GETs `path` with the Host header `host`.
fn get_as(server: &Server, host: &str, path: &str) -> (u16, Vec<u8>) {
    fetch(&server.address, host, path)
}

/// GETs `path` from `address` with the Host header `host`.
fn fetch(address: &str, host: &str, path: &str) -> (u16, Vec<u8>) {
    let mut stream = TcpStream::connect(address).unwrap();
    write!(stream, "GET {path} HTTP/1.0\r\nHost: {host}\r\n\r\n").unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    let split = response.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
    let head = String::from_utf8_lossy(&response[..split]).into_owned();
    let status = head.split_whitespace().nth(1).unwrap().parse().unwrap();
    (status, response[split + 4..].to_vec())
}

/// The text of a page.
fn text(server: &Server, path: &str) -> String {
    let (status, body) = get(server, path);
    assert_eq!(status, 200, "{path}");
    String::from_utf8(body).unwrap()
}

#[test]
fn the_page_lists_documents_shows_pictures_and_follows_a_save() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("p");
    copy_dir(&example(), &project);
    let server = start(&project);

    let index = text(&server, "/");
    let first = index
        .find("<img src=\"/page/")
        .expect("the list shows page pictures");
    let src = &index[first + "<img src=\"".len()..];
    let src = &src[..src.find('"').unwrap()];
    for lang in ["<th>kk</th>", "<th>ru</th>", "<th>en</th>"] {
        assert!(index.contains(lang), "languages side by side: {lang}");
    }
    assert!(index.contains("entrepreneurs · leaflet"), "{index}");

    let (status, png) = get(&server, src);
    assert_eq!(status, 200);
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "a PNG picture");
    let picture = image::load_from_memory(&png).unwrap();
    assert!(picture.width() > 300 && picture.height() > 300);

    let doc = src.trim_start_matches("/page/");
    let doc = &doc[..doc.find('/').unwrap()];
    let page = text(&server, &format!("/doc/{doc}"));
    for overlay in [
        "id=\"trim\"",
        "id=\"bleed\"",
        "id=\"fold\"",
        "id=\"safe\"",
        "class=\"box trim\"",
    ] {
        assert!(page.contains(overlay), "{overlay}: {page}");
    }
    assert_eq!(get(&server, "/page/9999/1.png").0, 404);
    // Another site's name for this address gets nothing.
    assert_eq!(get_as(&server, "evil.example:80", "/").0, 403);

    // A save: the title changes, and so does the picture of its page.
    let version: u64 = text(&server, "/version").parse().unwrap();
    let toml = project.join("handout.toml");
    let source = std::fs::read_to_string(&toml).unwrap();
    let title = "Конституциялық реформа – 2026: ең бастысы";
    assert!(source.contains(title), "the example's Kazakh title");
    // A page asks to hear of the next reload; the answer comes with it.
    let address = server.address.clone();
    let waiting = std::thread::spawn(move || {
        let (_, body) = fetch(&address, &address, &format!("/version?after={version}"));
        (Instant::now(), String::from_utf8(body).unwrap())
    });
    std::thread::sleep(Duration::from_millis(100));
    let saved = Instant::now();
    std::fs::write(
        &toml,
        source.replacen(title, "Конституциялық реформа: басқа тақырып", 1),
    )
    .unwrap();
    let mut changed = None;
    while saved.elapsed() < Duration::from_secs(2) {
        let now: u64 = text(&server, "/version").parse().unwrap();
        if now != version {
            let fresh = src.replace(&format!("?v={version}"), &format!("?v={now}"));
            let (status, new_png) = get(&server, &fresh);
            if status == 200 && new_png != png {
                changed = Some(saved.elapsed());
                break;
            }
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let took = changed.expect("a new picture within 2 s of the save");
    eprintln!("save to new page picture: {} ms", took.as_millis());
    let (heard, answer) = waiting.join().unwrap();
    assert_ne!(
        answer,
        version.to_string(),
        "the waiting page hears the new version"
    );
    let heard = heard.duration_since(saved);
    assert!(
        heard < Duration::from_secs(2),
        "heard of the save after {heard:?}"
    );
    eprintln!("save to the page hearing of it: {} ms", heard.as_millis());
}
