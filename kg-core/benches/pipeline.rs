//! Micro-benchmarks of the pipeline stages on the bundled corpus:
//! normalize, segment, the lexicon scan, extract (segment, scan and all
//! recognizers) and link, one document set at a time.
//!
//! ```sh
//! cargo bench -p kg-core --bench pipeline            # all stages
//! cargo bench -p kg-core --bench pipeline -- extract # one stage
//! ```
//!
//! Throughput is reported in bytes of input text per second, so the stages
//! compare with each other and with `scripts/bench.sh`'s end-to-end MB/s.

use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use kg_core::extract::LexiconHits;
use kg_core::{normalize, Document, Extractor, Linker, Window};

/// The bundled corpus, read once, as `(name, text)`.
fn corpus() -> Vec<Document> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../data/corpus");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    paths.sort();
    paths
        .into_iter()
        .filter_map(|p| {
            let text = std::fs::read_to_string(&p).ok()?;
            let name = p.file_name()?.to_string_lossy().into_owned();
            Some(Document::from_text(name, text))
        })
        .collect()
}

fn stages(c: &mut Criterion) {
    let docs = corpus();
    let bytes: u64 = docs.iter().map(|d| d.text.len() as u64).sum();
    let extractor = Extractor::new();
    let normalized: Vec<_> = docs.iter().map(normalize::normalize).collect();
    let extracted: Vec<_> = normalized.iter().map(|d| extractor.extract(d)).collect();

    let mut group = c.benchmark_group("stage");
    group.throughput(Throughput::Bytes(bytes));
    group.sample_size(10);
    group.bench_function("normalize", |b| {
        b.iter(|| docs.iter().map(normalize::normalize).collect::<Vec<_>>())
    });
    group.bench_function("segment", |b| {
        b.iter(|| {
            normalized
                .iter()
                .flat_map(|d| &d.sentences)
                .map(|s| extractor.segmenter().cut(&s.text).len())
                .sum::<usize>()
        })
    });
    group.bench_function("scan", |b| {
        let mut hits = LexiconHits::default();
        b.iter(|| {
            for s in normalized.iter().flat_map(|d| &d.sentences) {
                hits.rescan(&s.text);
            }
        })
    });
    group.bench_function("extract", |b| {
        b.iter(|| {
            normalized
                .iter()
                .map(|d| extractor.extract(d))
                .collect::<Vec<_>>()
        })
    });
    group.bench_function("link", |b| {
        b.iter(|| {
            let mut linker = Linker::new(Window::Sentence);
            for (doc, extraction) in normalized.iter().zip(&extracted) {
                linker.add(doc, extraction);
            }
            linker.finish()
        })
    });
    group.finish();

    // Start-up: what every `kg build`, `kg extract` and `kg eval` pays once.
    let mut group = c.benchmark_group("startup");
    group.sample_size(10);
    group.bench_function("extractor_new", |b| b.iter(Extractor::new));
    group.finish();
}

criterion_group!(benches, stages);
criterion_main!(benches);
