//! The bad-input corpus: every file in `tests/bad/cases/` is a small change to
//! the project in `tests/bad/base/`, with the command to run, the exit code
//! and the words and file:line:col the message must have. Every case also
//! checks what must hold for any input: no panic, no byte from outside the
//! project in any output or message, nothing written outside `--out`, and
//! (when the command fails) no document written, unless the case says the
//! build is partial, in which case every document written is whole.
//!
//! A case file:
//!
//! ```text
//! # A meetings.csv id with `..` is refused at its line.
//! run: check                      (or: build, build --meetings, …)
//! exit: 1
//! expect: meetings.csv:2:1        (each `expect:` must appear in the output)
//! partial: yes                    (optional: some documents may be written)
//! --- meetings.csv                (a file's new content, to the next `---`)
//! id,audience,date,…
//! --- remove meetings.toml        (delete a file of the base)
//! --- link images/logo.png -> OUTSIDE/secret.png   (a symbolic link)
//! --- make fonts/cut.ttf = cut-font   (a generated file, see `generated`)
//! --- crlf handout.toml           (the base file with Windows line ends)
//! ```

mod common;

use std::path::{Path, PathBuf};

/// Written into every outside file: it must never come back.
const MARKER: &str = "OUTSIDE-MARKER-6b1f0c";

/// One parsed case.
#[derive(Debug, Default)]
struct Case {
    /// The file, for messages.
    name: String,
    /// Arguments after `handout`; the project folder is added after the subcommand.
    run: Vec<String>,
    /// Expected exit code.
    exit: i32,
    /// Words the output must contain.
    expect: Vec<String>,
    /// Documents may be written although the command fails.
    partial: bool,
    /// Changes to the base project.
    changes: Vec<Change>,
}

/// A change to the base project.
#[derive(Debug)]
enum Change {
    Write(String, String),
    Remove(String),
    Link(String, String),
    Make(String, String),
    Crlf(String),
    Bom(String),
}

fn parse(name: &str, text: &str) -> Case {
    let mut case = Case {
        name: name.to_owned(),
        ..Case::default()
    };
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        if let Some(header) = line.strip_prefix("--- ") {
            let mut words = header.splitn(2, ' ');
            let (verb, rest) = (words.next().unwrap(), words.next().unwrap_or("").trim());
            let change = match verb {
                "remove" => Change::Remove(rest.into()),
                "crlf" => Change::Crlf(rest.into()),
                "bom" => Change::Bom(rest.into()),
                "link" => {
                    let (from, to) = rest.split_once(" -> ").expect("link FROM -> TO");
                    Change::Link(from.into(), to.into())
                }
                "make" => {
                    let (path, kind) = rest.split_once(" = ").expect("make PATH = KIND");
                    Change::Make(path.into(), kind.into())
                }
                path => {
                    let mut body = String::new();
                    while let Some(next) = lines.next_if(|l| !l.starts_with("--- ")) {
                        body.push_str(next);
                        body.push('\n');
                    }
                    Change::Write(path.into(), body)
                }
            };
            case.changes.push(change);
        } else if let Some(run) = line.strip_prefix("run:") {
            case.run = run.split_whitespace().map(String::from).collect();
        } else if let Some(exit) = line.strip_prefix("exit:") {
            case.exit = exit.trim().parse().expect("exit: a number");
        } else if let Some(expect) = line.strip_prefix("expect:") {
            case.expect.push(expect.trim().to_owned());
        } else if let Some(partial) = line.strip_prefix("partial:") {
            case.partial = partial.trim() == "yes";
        }
    }
    assert!(!case.run.is_empty(), "{name}: no `run:` line");
    case
}

/// Generated files: damaged fonts and pictures, and files that carry the
/// outside marker.
fn generated(kind: &str) -> Vec<u8> {
    let font =
        || std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts/NotoSans-Regular.ttf")).unwrap();
    let jpeg = || {
        let image = image::RgbImage::from_pixel(64, 48, image::Rgb([200, 30, 30]));
        let mut out = std::io::Cursor::new(Vec::new());
        image.write_to(&mut out, image::ImageFormat::Jpeg).unwrap();
        out.into_inner()
    };
    let png = |w: u32, h: u32| {
        let image = image::RgbaImage::from_pixel(w, h, image::Rgba([0, 0, 0, 255]));
        let mut out = std::io::Cursor::new(Vec::new());
        image.write_to(&mut out, image::ImageFormat::Png).unwrap();
        out.into_inner()
    };
    match kind {
        "font" => font(),
        "cut-font" => {
            let f = font();
            f[..f.len() / 3].to_vec()
        }
        // A table directory that claims more than the file holds.
        "bad-loca-font" => {
            let mut f = font();
            let n = u16::from_be_bytes([f[4], f[5]]) as usize;
            for i in 0..n {
                let record = 12 + 16 * i;
                if &f[record..record + 4] == b"loca" {
                    f[record + 12..record + 16].copy_from_slice(&u32::MAX.to_be_bytes());
                }
            }
            f
        }
        "not-a-font" => b"this is not a font".to_vec(),
        "jpeg" => jpeg(),
        "cut-jpeg" => {
            let j = jpeg();
            j[..j.len() * 2 / 3].to_vec()
        }
        "cut-png" => {
            let p = png(64, 64);
            p[..p.len() - 30].to_vec()
        }
        "huge-png" => png(11_000, 11_000),
        "text" => b"plain text, not a picture".to_vec(),
        "marker" => format!("{MARKER}\nsecond line\n").into_bytes(),
        "marker-toml" => format!("[audience]\nid = \"{MARKER}\"\n# {MARKER}\n").into_bytes(),
        // The base handout.toml with a 0xFF byte on line 3, column 10.
        "bad-utf8-toml" => bad_utf8("id = \"base\"", "id = \"bas"),
        // The same after Cyrillic letters: line 6, column 22 in characters.
        "bad-utf8-cyrillic-toml" => bad_utf8("title = { kk = \"Салық", "title = { kk = \"Салық"),
        // A meetings.csv saved in Windows-1251: line 2, column 29 is the first bad byte.
        "cp1251-csv" => {
            let mut f =
                b"id,audience,date,time,venue_kk,venue_ru,venue_en\nm1,traders,2026-02-12,11:00,".to_vec();
            f.extend([0xC1, 0xE0, 0xE7, 0xE0, 0xF0]);
            f.extend(b",x,\n");
            f
        }
        // The base handout.toml and 3000 more points after it.
        "many-points-toml" => {
            let mut text = String::from_utf8(bad_utf8("", "")[1..].to_vec()).unwrap();
            for i in 0..3000 {
                text.push_str(&format!(
                    "\n[[point]]\nid = \"p{i}\"\ntags = [\"online\"]\npriority = 3\ntitle = {{ kk = \"Т{i}\", ru = \"Т{i}\", en = \"T{i}\" }}\nbody = {{ kk = \"Мәтін.\", ru = \"Текст.\", en = \"Text.\" }}\n"
                ));
            }
            text.into_bytes()
        }
        // The base handout.toml padded with comments to 9 MB.
        "huge-toml" => {
            let mut text = bad_utf8("", "")[1..].to_vec();
            while text.len() < 9 << 20 {
                text.extend_from_slice(
                    b"# padding padding padding padding padding padding padding padding\n",
                );
            }
            text
        }
        other => panic!("unknown generated file kind {other}"),
    }
}

/// The base handout.toml with a 0xFF byte put after `prefix` in the first
/// line that starts with `line`.
fn bad_utf8(line: &str, prefix: &str) -> Vec<u8> {
    let text =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad/base/handout.toml"))
            .unwrap();
    let at = text.find(line).expect("the line is in the base handout.toml") + prefix.len();
    let mut bytes = text.into_bytes();
    bytes.insert(at, 0xFF);
    bytes
}

/// A project folder made from the base and a case's changes, and a folder
/// outside it holding files with the marker.
struct Scene {
    _dir: tempfile::TempDir,
    project: PathBuf,
    outside: PathBuf,
    out: PathBuf,
}

fn scene(case: &Case) -> Scene {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("project");
    let outside = dir.path().join("outside");
    let out = dir.path().join("out");
    common::copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad/base"),
        &project,
    );
    std::fs::create_dir_all(outside.join("folder")).unwrap();
    for name in [
        "secret.txt",
        "secret.png",
        "secret.ttf",
        "secret.toml",
        "secret.csv",
        "folder/x.toml",
        "folder/x.ttf",
    ] {
        let kind = if name.ends_with(".toml") {
            "marker-toml"
        } else {
            "marker"
        };
        std::fs::write(outside.join(name), generated(kind)).unwrap();
    }
    let resolve = |p: &str| match p.strip_prefix("OUTSIDE/") {
        Some(rest) => outside.join(rest),
        None if p == "OUTSIDE" => outside.clone(),
        None => PathBuf::from(p),
    };
    for change in &case.changes {
        match change {
            Change::Write(path, body) => {
                let path = project.join(path);
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::fs::write(path, body.replace("{MARKER}", MARKER)).unwrap();
            }
            Change::Remove(path) => {
                let path = project.join(path);
                if path.is_dir() {
                    std::fs::remove_dir_all(path).unwrap();
                } else {
                    std::fs::remove_file(path).unwrap();
                }
            }
            Change::Link(from, to) => {
                let from = project.join(from);
                std::fs::create_dir_all(from.parent().unwrap()).unwrap();
                let _ = std::fs::remove_file(&from);
                let _ = std::fs::remove_dir_all(&from);
                #[cfg(unix)]
                std::os::unix::fs::symlink(resolve(to), &from).unwrap();
            }
            Change::Make(path, kind) => {
                let path = project.join(path);
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::fs::write(path, generated(kind)).unwrap();
            }
            Change::Crlf(path) => {
                let path = project.join(path);
                let text = std::fs::read_to_string(&path).unwrap();
                std::fs::write(&path, text.replace('\n', "\r\n")).unwrap();
            }
            Change::Bom(path) => {
                let path = project.join(path);
                let text = std::fs::read_to_string(&path).unwrap();
                std::fs::write(&path, format!("\u{feff}{text}")).unwrap();
            }
        }
    }
    Scene {
        _dir: dir,
        project,
        outside,
        out,
    }
}

/// Every file below `dir` (not following links), with its bytes.
fn files(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut all = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for path in entries.flatten().map(|e| e.path()) {
            let meta = std::fs::symlink_metadata(&path).unwrap();
            if meta.is_dir() {
                stack.push(path);
            } else if meta.is_file() {
                all.push((path.clone(), std::fs::read(&path).unwrap()));
            }
        }
    }
    all.sort();
    all
}

/// Runs one case; returns what is wrong with it, if anything.
fn run(case: &Case) -> Result<(), String> {
    let scene = scene(case);
    let before_outside = files(&scene.outside);
    let before_project = files(&scene.project);
    let mut args: Vec<String> = vec![case.run[0].clone(), scene.project.display().to_string()];
    args.extend(case.run[1..].iter().cloned());
    if case.run[0] == "build" {
        args.extend(["--out".into(), scene.out.display().to_string()]);
    }
    let argv: Vec<&str> = args.iter().map(String::as_str).collect();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_handout"))
        .args(&argv)
        .current_dir(scene.project.parent().unwrap())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    if std::env::var_os("BAD_SHOW").is_some() {
        eprintln!("===== {} (exit {:?})\n{said}", case.name, output.status.code());
    }
    let mut problems = Vec::new();
    if output.status.code() != Some(case.exit) {
        problems.push(format!("exit {:?}, expected {}", output.status.code(), case.exit));
    }
    for words in &case.expect {
        if !said.contains(words.as_str()) {
            problems.push(format!("the output lacks {words:?}"));
        }
    }
    if said.contains("panicked") || said.contains("RUST_BACKTRACE") {
        problems.push("it panicked".into());
    }
    if said.contains(MARKER) {
        problems.push("a message quotes an outside file".into());
    }
    if files(&scene.outside) != before_outside {
        problems.push("a file outside the project and --out changed".into());
    }
    if files(&scene.project) != before_project {
        problems.push("the project folder changed".into());
    }
    let written = files(&scene.out);
    if written
        .iter()
        .any(|(_, bytes)| bytes.windows(MARKER.len()).any(|w| w == MARKER.as_bytes()))
    {
        problems.push("an output file carries bytes from outside the project".into());
    }
    let pdfs = written
        .iter()
        .filter(|(p, _)| p.extension().is_some_and(|x| x == "pdf"));
    for (path, bytes) in pdfs.clone() {
        let whole = std::panic::catch_unwind(|| common::assert_sound_pdf(bytes, &path.display().to_string()));
        if whole.is_err() {
            problems.push(format!("{} is not a sound PDF", path.display()));
        }
    }
    if case.exit != 0 && !case.partial && pdfs.count() > 0 {
        problems.push("documents were written although the command failed".into());
    }
    if written.iter().any(|(p, _)| p.to_string_lossy().ends_with(".tmp")) {
        problems.push("a temporary file was left".into());
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{}: {}\n--- output:\n{said}",
            case.name,
            problems.join("; ")
        ))
    }
}

fn cases() -> Vec<Case> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad/cases");
    let mut names: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "case"))
        .collect();
    names.sort();
    names
        .iter()
        .map(|p| {
            parse(
                &p.file_name().unwrap().to_string_lossy(),
                &std::fs::read_to_string(p).unwrap(),
            )
        })
        .collect()
}

#[test]
fn the_base_project_builds_cleanly() {
    let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad/base");
    let build = common::build_ok(&base, &["--meetings"]);
    assert!(!build.stderr().contains("warning:"), "{}", build.stderr());
}

#[test]
fn every_bad_input_gets_its_message_and_breaks_nothing() {
    use rayon::prelude::*;
    let cases = cases();
    let failures: Vec<String> = cases.par_iter().filter_map(|c| run(c).err()).collect();
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n\n")
    );
    assert!(cases.len() >= 80, "the corpus has only {} cases", cases.len());
}

#[test]
fn crlf_and_bom_projects_give_the_same_pdfs_as_lf_ones() {
    let plain = scene(&Case::default());
    let mut changes = Vec::new();
    for file in [
        "handout.toml",
        "audiences/traders.toml",
        "audiences/drivers.toml",
        "meetings.toml",
    ] {
        changes.push(Change::Crlf(file.into()));
        changes.push(Change::Bom(file.into()));
    }
    let windows = scene(&Case {
        changes,
        ..Case::default()
    });
    let build = |s: &Scene| {
        let out = common::handout(&[
            "build",
            s.project.to_str().unwrap(),
            "--out",
            s.out.to_str().unwrap(),
        ]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        files(&s.out)
            .into_iter()
            .filter(|(p, _)| p.extension().is_some_and(|x| x == "pdf"))
            .map(|(p, b)| (p.strip_prefix(&s.out).unwrap().to_path_buf(), b))
            .collect::<Vec<_>>()
    };
    let (a, b) = (build(&plain), build(&windows));
    assert!(!a.is_empty());
    assert_eq!(a.len(), b.len());
    for ((pa, ba), (pb, bb)) in a.iter().zip(&b) {
        assert_eq!(pa, pb);
        assert!(
            ba == bb,
            "{} differs between LF and CRLF+BOM sources",
            pa.display()
        );
    }
}
