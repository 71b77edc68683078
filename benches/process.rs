//! Whole-process speed and memory of `handout build` on the example, as an
//! organiser or expert runs it: one leaflet, and the full matrix with one
//! and two jobs. Run with `cargo bench` (release build).

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

/// Wall time and peak resident memory (KiB) of one run.
#[expect(
    clippy::zombie_processes,
    reason = "the child is reaped by wait4, which also gives its peak memory"
)]
fn run(args: &[&str]) -> (Duration, i64) {
    let start = Instant::now();
    let child = Command::new(env!("CARGO_BIN_EXE_handout"))
        .args(args)
        .spawn()
        .expect("the handout binary starts");
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: a zeroed rusage is a valid value for wait4 to fill in.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `pid` is our own child, not yet waited for; the pointers are valid.
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let elapsed = start.elapsed();
    assert!(waited == pid && status == 0, "handout {args:?} failed");
    (elapsed, usage.ru_maxrss)
}

/// Runs `args` `n` times; prints min and median time and the peak memory.
fn measure(label: &str, n: usize, args: &[&str]) -> Duration {
    let mut times = Vec::new();
    let mut peak = 0;
    for _ in 0..n {
        let (time, rss) = run(args);
        times.push(time);
        peak = peak.max(rss);
    }
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!(
        "  {label:<34} min {:>7.1} ms   median {:>7.1} ms   peak {:>5.1} MB",
        ms(times[0]),
        ms(times[n / 2]),
        peak as f64 / 1024.0
    );
    times[n / 2]
}

fn main() {
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("handouts/constitution-2026");
    let example = example.to_str().expect("a UTF-8 path");
    let out = tempfile::tempdir().expect("a temporary folder");
    let out = out.path().to_str().expect("a UTF-8 path");
    let one = [
        "build",
        example,
        "--audience",
        "entrepreneurs",
        "--lang",
        "kk",
        "--format",
        "leaflet",
        "--out",
        out,
        "-q",
    ];
    let all = |jobs: &'static str| ["build", example, "--out", out, "-q", "--jobs", jobs];
    println!("handout build, whole process:");
    measure("one leaflet (kk, entrepreneurs)", 21, &one);
    let serial = measure("full matrix, 1 job", 21, &all("1"));
    let parallel = measure("full matrix, 2 jobs", 21, &all("2"));
    println!(
        "  speed-up from 1 to 2 jobs: {:.2}×",
        serial.as_secs_f64() / parallel.as_secs_f64()
    );
}
