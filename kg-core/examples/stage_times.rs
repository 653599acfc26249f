//! Where `kg build`'s time goes, stage by stage and recognizer by
//! recognizer, on one thread: a guide for profiling (issue 6).
//!
//! ```sh
//! cargo run --release -p kg-core --example stage_times -- PATH...
//! ```
//!
//! Each stage runs over the whole corpus before the next, and each
//! recognizer over every sentence on its own, so the lines add up to about
//! a single-threaded `kg build` (less walking the directory and saving);
//! the last lines time the [`Extractor`] doing all of extraction at once.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use kg_core::extract::{
    ArticleState, ConceptRecognizer, LexiconHits, MetricRecognizer, OrganizationRecognizer,
    PolicyRecognizer, ProgrammeRecognizer, Recognizer, RegionRecognizer, SentenceView,
};
use kg_core::{normalize, read, Extractor, Linker, Segmenter, Window};

fn timed<T>(label: &str, work: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let out = work();
    println!("{label:<30} {:>7.3} s", start.elapsed().as_secs_f64());
    out
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let paths: Vec<PathBuf> = std::env::args().skip(1).map(PathBuf::from).collect();
    if paths.is_empty() {
        return Err("usage: stage_times PATH...".into());
    }
    let named: Vec<&Path> = paths.iter().map(PathBuf::as_path).collect();
    let (files, _) = read::collect_files(&named)?;
    let docs = timed("read", || {
        files
            .iter()
            .filter_map(|f| read::read_file(&f.path, &f.name).ok().map(|(d, _)| d))
            .collect::<Vec<_>>()
    });
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    println!("{:<30} {:>7.1} MB", "text", bytes as f64 / 1e6);
    let normalized = timed("normalize", || {
        docs.iter().map(normalize::normalize).collect::<Vec<_>>()
    });
    let sentences = || normalized.iter().flat_map(|d| &d.sentences);

    let segmenter = timed("Segmenter::new", Segmenter::new);
    let tokens = timed("segment (jieba)", || {
        sentences()
            .map(|s| segmenter.cut(&s.text))
            .collect::<Vec<_>>()
    });
    let hits = timed("scan lexicons (first: builds)", || {
        sentences()
            .map(|s| LexiconHits::scan(&s.text))
            .collect::<Vec<_>>()
    });
    timed("scan lexicons (again)", || {
        sentences().for_each(|s| drop(LexiconHits::scan(&s.text)))
    });

    let recognizers: [(&str, Box<dyn Recognizer>); 6] = [
        ("policy", Box::new(PolicyRecognizer::new())),
        ("programme", Box::new(ProgrammeRecognizer::new())),
        ("metric", Box::new(MetricRecognizer::new())),
        ("organization", Box::new(OrganizationRecognizer::new())),
        ("region", Box::new(RegionRecognizer::new())),
        ("concept", Box::new(ConceptRecognizer::new())),
    ];
    let mut spent = [Duration::ZERO; 6];
    let mut out = Vec::new();
    let mut at = 0;
    for doc in &normalized {
        for article in &doc.articles {
            let mut state = ArticleState {
                title: article.title.clone(),
                ..ArticleState::default()
            };
            for (index, i) in article.sentences.clone().enumerate() {
                let view = SentenceView {
                    text: &doc.sentences[i].text,
                    tokens: &tokens[at + i],
                    hits: &hits[at + i],
                    index,
                };
                for ((_, r), spent) in recognizers.iter().zip(&mut spent) {
                    let start = Instant::now();
                    r.recognize(&view, &mut state, &mut out);
                    *spent += start.elapsed();
                }
                out.clear();
            }
        }
        at += doc.sentences.len();
    }
    for ((name, _), t) in recognizers.iter().zip(&spent) {
        println!("  recognize {name:<19} {:>7.3} s", t.as_secs_f64());
    }

    let extractor = timed("Extractor::new", Extractor::new);
    let extractions = timed("extract (all, with jieba)", || {
        normalized
            .iter()
            .map(|d| extractor.extract(d))
            .collect::<Vec<_>>()
    });
    timed("link", || {
        let mut linker = Linker::new(Window::Sentence);
        for (d, e) in normalized.iter().zip(&extractions) {
            linker.add(d, e);
        }
        linker.finish()
    });
    Ok(())
}
