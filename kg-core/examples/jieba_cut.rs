//! The baseline `kg build` is measured against: jieba-rs segmentation alone.
//!
//! ```sh
//! cargo run --release -p kg-core --example jieba_cut -- [--threads N] PATH...
//! ```
//!
//! It loads the same dictionary `kg build` segments with (jieba-rs's default
//! dictionary plus kg's lexicons, through [`kg_core::Segmenter`]), reads every
//! file under the paths, and cuts each line with HMM on, in parallel over
//! files with rayon, as `kg build` does. Reading is included (kg reads too);
//! nothing else is done with the words but count them. It prints
//! `files bytes words seconds MB/s` on one line; the time excludes the
//! dictionary load, which is printed separately.

use std::path::PathBuf;
use std::time::Instant;

use rayon::prelude::*;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut threads = None;
    let mut paths = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--threads" {
            let n = args.next().ok_or("--threads needs a number")?;
            threads = Some(n.parse::<usize>()?.max(1));
        } else {
            paths.push(PathBuf::from(arg));
        }
    }
    if paths.is_empty() {
        return Err("usage: jieba_cut [--threads N] PATH...".into());
    }
    let mut files = Vec::new();
    for path in &paths {
        for entry in walkdir::WalkDir::new(path).follow_links(true) {
            let entry = entry?;
            if entry.file_type().is_file() {
                files.push(entry.into_path());
            }
        }
    }
    files.sort();

    let loaded = Instant::now();
    let segmenter = kg_core::Segmenter::new();
    let load = loaded.elapsed().as_secs_f64();

    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads.unwrap_or(0))
        .build()?;
    let started = Instant::now();
    let (bytes, words) = pool.install(|| {
        files
            .par_iter()
            .map(|path| {
                // Lossy like kg's reader: a stray bad byte must not stop a benchmark.
                let raw = std::fs::read(path).unwrap_or_default();
                let text = String::from_utf8_lossy(&raw);
                let words: usize = text.lines().map(|line| segmenter.cut(line).len()).sum();
                (raw.len(), words)
            })
            .reduce(|| (0, 0), |a, b| (a.0 + b.0, a.1 + b.1))
    });
    let secs = started.elapsed().as_secs_f64();
    eprintln!("dictionary load {load:.3} s");
    println!(
        "{} files {} bytes {} words {:.3} s {:.1} MB/s",
        files.len(),
        bytes,
        words,
        secs,
        bytes as f64 / 1e6 / secs.max(1e-9)
    );
    Ok(())
}
