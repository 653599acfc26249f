//! [`GraphBuilder`]: the whole pipeline, read → normalize → extract → link,
//! behind one csv-style builder.

use std::ops::Range;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use rayon::prelude::*;

use crate::error::{Error, Result};
use crate::extract::{Extraction, Extractor};
use crate::graph::{KnowledgeGraph, Window};
use crate::link::Linker;
use crate::normalize::{self, NormalizedDocument};
use crate::read::{self, Document, SourceFile, Warning};

/// Progress of a build, reported after each document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// Documents done.
    pub done: usize,
    /// Documents in all.
    pub total: usize,
    /// Bytes of input done.
    pub bytes: u64,
}

/// A graph and what the build could not use.
#[derive(Debug)]
pub struct Build {
    /// The graph.
    pub graph: KnowledgeGraph,
    /// Files skipped or decoded with replacement characters.
    pub warnings: Vec<Warning>,
}

/// Builds a [`KnowledgeGraph`] from texts or files.
///
/// ```
/// use kg_core::{GraphBuilder, Window};
/// let graph = GraphBuilder::new()
///     .window(Window::Paragraph)
///     .build_from_texts([("a.txt", "数据要素。数字经济。\n新质生产力。")]);
/// assert_eq!(graph.window(), Window::Paragraph);
/// assert_eq!(graph.units(), 2);
/// ```
#[derive(Debug, Clone, Default)]
pub struct GraphBuilder {
    window: Window,
    strict: bool,
    threads: Option<usize>,
    cancel: Option<Arc<AtomicBool>>,
}

/// Input bytes read, normalized and extracted at once before they are
/// linked: enough to keep every thread busy, small enough that memory
/// grows with the graph, not with the corpus.
const BATCH_BYTES: u64 = 16 << 20;

impl GraphBuilder {
    /// A builder with the defaults: sentence window, lenient reading.
    pub fn new() -> GraphBuilder {
        GraphBuilder::default()
    }

    /// Sets the co-occurrence window.
    ///
    /// ```
    /// let b = kg_core::GraphBuilder::new().window(kg_core::Window::Sentences(3));
    /// # let _ = b;
    /// ```
    pub fn window(mut self, window: Window) -> GraphBuilder {
        self.window = window;
        self
    }

    /// With `strict`, a file inside a directory that is not text is an
    /// error instead of a warning.
    ///
    /// ```
    /// let dir = tempfile::tempdir().unwrap();
    /// std::fs::write(dir.path().join("x.png"), b"\x89PNG\r\n\x1a\n").unwrap();
    /// assert!(kg_core::GraphBuilder::new().strict(true).build_from_paths(&[dir.path()]).is_err());
    /// let build = kg_core::GraphBuilder::new().build_from_paths(&[dir.path()]).unwrap();
    /// assert_eq!(build.warnings.len(), 1);
    /// ```
    pub fn strict(mut self, strict: bool) -> GraphBuilder {
        self.strict = strict;
        self
    }

    /// Sets the number of worker threads (default: one per core). With
    /// more than one, a batch of files is linked on the calling thread
    /// while the workers process the next; with one, the build runs on one
    /// thread at a time.
    ///
    /// ```
    /// let g = kg_core::GraphBuilder::new().threads(1).build_from_texts([("a", "数据要素。")]);
    /// assert_eq!(g.documents().len(), 1);
    /// ```
    pub fn threads(mut self, threads: usize) -> GraphBuilder {
        self.threads = Some(threads.max(1));
        self
    }

    /// Lets another thread (a Ctrl-C handler, say) stop a build from paths:
    /// once `flag` is true, the build stops before the next file and
    /// returns [`Error::Cancelled`]. A file being read when the flag is set
    /// is finished first; [`GraphBuilder::build_from_texts`] is not
    /// cancellable.
    ///
    /// ```
    /// use std::sync::{atomic::AtomicBool, Arc};
    /// let dir = tempfile::tempdir().unwrap();
    /// std::fs::write(dir.path().join("a.txt"), "数据要素。").unwrap();
    /// let flag = Arc::new(AtomicBool::new(true));
    /// let builder = kg_core::GraphBuilder::new().cancel_flag(Arc::clone(&flag));
    /// let result = builder.build_from_paths(&[dir.path()]);
    /// assert!(matches!(result, Err(kg_core::Error::Cancelled)));
    /// flag.store(false, std::sync::atomic::Ordering::Relaxed);
    /// assert!(builder.build_from_paths(&[dir.path()]).is_ok());
    /// ```
    pub fn cancel_flag(mut self, flag: Arc<AtomicBool>) -> GraphBuilder {
        self.cancel = Some(flag);
        self
    }

    fn cancelled(&self) -> bool {
        self.cancel
            .as_ref()
            .is_some_and(|flag| flag.load(Ordering::Relaxed))
    }

    fn pool(&self) -> Option<rayon::ThreadPool> {
        let threads = self.threads?;
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .ok()
    }

    /// Builds from `(name, text)` pairs held in memory.
    pub fn build_from_texts<I, N, T>(&self, texts: I) -> KnowledgeGraph
    where
        I: IntoIterator<Item = (N, T)>,
        N: Into<String>,
        T: Into<String>,
    {
        let docs: Vec<Document> = texts
            .into_iter()
            .map(|(n, t)| Document::from_text(n, t))
            .collect();
        let extractor = Extractor::new();
        let work = || {
            docs.par_iter()
                .map(|doc| {
                    let doc = normalize::normalize(doc);
                    let extraction = extractor.extract(&doc);
                    (doc, extraction)
                })
                .collect::<Vec<_>>()
        };
        let done = match self.pool() {
            Some(pool) => pool.install(work),
            None => work(),
        };
        let mut linker = Linker::new(self.window);
        for (doc, extraction) in &done {
            linker.add(doc, extraction);
        }
        linker.finish()
    }

    /// Builds from files and directories (walked recursively).
    pub fn build_from_paths<P: AsRef<Path>>(&self, paths: &[P]) -> Result<Build> {
        self.build_from_paths_with_progress(paths, |_| {})
    }

    /// Builds from files and directories, calling `progress` after each file.
    ///
    /// A file named directly that cannot be read is an error; inside a
    /// directory it is skipped with a warning (unless [`GraphBuilder::strict`]).
    pub fn build_from_paths_with_progress<P: AsRef<Path>>(
        &self,
        paths: &[P],
        mut progress: impl FnMut(Progress),
    ) -> Result<Build> {
        let named: Vec<&Path> = paths.iter().map(AsRef::as_ref).collect();
        let (files, warnings) = read::collect_files(&named)?;
        if self.cancelled() {
            return Err(Error::Cancelled);
        }
        // Batches of files, each processed in parallel and then linked in
        // order, so the graph does not depend on scheduling.
        let mut batches = Vec::new();
        let mut next = 0;
        while next < files.len() {
            let mut end = next;
            let mut batch_bytes = 0u64;
            while end < files.len() && (end == next || batch_bytes < BATCH_BYTES) {
                batch_bytes += std::fs::metadata(&files[end].path).map_or(0, |m| m.len());
                end += 1;
            }
            batches.push(next..end);
            next = end;
        }
        // Built with the first batch's reading and normalizing, which do not
        // need it: its dictionaries take a few hundred milliseconds.
        let mut extractor: Option<Extractor> = None;
        let mut linked = Linked {
            linker: Linker::new(self.window),
            warnings,
            progress: Progress {
                done: 0,
                total: files.len(),
                bytes: 0,
            },
        };
        let pool = self.pool();
        // One thread means one: nothing runs beside it, so a batch is
        // processed and then linked (a scheduler's one-core slot, say, gets
        // one core's worth of work).
        if self.threads == Some(1) {
            for range in batches {
                let results = self.process(&files[range.clone()], &mut extractor, &pool);
                self.link(&files[range], results, &named, &mut linked, &mut progress)?;
            }
        } else {
            // While the pool reads, normalizes and extracts one batch, this
            // thread links the one before: linking is serial, and would
            // otherwise leave the pool idle.
            let mut pending: Option<(Range<usize>, Vec<Result<Processed>>)> = None;
            for batch in batches.into_iter().map(Some).chain([None]) {
                let (processed, linked_ok) = std::thread::scope(|scope| {
                    let worker = batch.clone().map(|range| {
                        let (batch, extractor, pool) = (&files[range], &mut extractor, &pool);
                        scope.spawn(move || self.process(batch, extractor, pool))
                    });
                    let done = match pending.take() {
                        Some((range, results)) => {
                            self.link(&files[range], results, &named, &mut linked, &mut progress)
                        }
                        None => Ok(()),
                    };
                    let processed = worker.map(|w| match w.join() {
                        Ok(results) => results,
                        Err(panic) => std::panic::resume_unwind(panic),
                    });
                    (processed, done)
                });
                linked_ok?;
                pending = batch.zip(processed);
            }
        }
        Ok(Build {
            graph: linked.linker.finish(),
            warnings: linked.warnings,
        })
    }
}

/// A file read, normalized and extracted, with its warnings and size.
type Processed = (NormalizedDocument, Extraction, Vec<Warning>, u64);

/// What linking gathers, batch after batch.
struct Linked {
    linker: Linker,
    warnings: Vec<Warning>,
    progress: Progress,
}

impl GraphBuilder {
    /// Reads, normalizes and extracts a batch of files in parallel; builds
    /// the extractor alongside the first batch's reading.
    fn process(
        &self,
        batch: &[SourceFile],
        extractor: &mut Option<Extractor>,
        pool: &Option<rayon::ThreadPool>,
    ) -> Vec<Result<Processed>> {
        let prepare = || {
            batch
                .par_iter()
                .with_max_len(1)
                .map(|file| {
                    // Once cancelled, the rest of the batch is skipped
                    // instead of read: that is most of the wait.
                    if self.cancelled() {
                        return Err(Error::Cancelled);
                    }
                    read::read_file(&file.path, &file.name).map(|(doc, warnings)| {
                        let size = doc.text.len() as u64;
                        (normalize::normalize(&doc), warnings, size)
                    })
                })
                .collect::<Vec<_>>()
        };
        let (ex, prepared) = match extractor.take() {
            Some(ex) => (ex, install(pool, prepare)),
            None => install(pool, || rayon::join(Extractor::new, prepare)),
        };
        let extractor = extractor.insert(ex);
        install(pool, || {
            prepared
                .into_par_iter()
                // One file per task: rayon otherwise hands out runs of
                // files, and a thread whose run ends early sits idle while
                // another works through the rest of its run.
                .with_max_len(1)
                .map(|r| {
                    r.map(|(doc, warnings, size)| {
                        let extraction = extractor.extract(&doc);
                        (doc, extraction, warnings, size)
                    })
                })
                .collect()
        })
    }

    /// Links a processed batch in file order, reporting progress per file.
    fn link(
        &self,
        batch: &[SourceFile],
        results: Vec<Result<Processed>>,
        named: &[&Path],
        linked: &mut Linked,
        progress: &mut impl FnMut(Progress),
    ) -> Result<()> {
        for (file, result) in batch.iter().zip(results) {
            if self.cancelled() {
                return Err(Error::Cancelled);
            }
            match result {
                Ok((doc, extraction, w, size)) => {
                    linked.warnings.extend(w);
                    linked.progress.bytes += size;
                    linked.linker.add(&doc, &extraction);
                }
                Err(err) if self.strict || named.contains(&file.path.as_path()) => return Err(err),
                Err(err) => linked.warnings.push(Warning::new(
                    &file.path,
                    format!("skipped: {}", strip_path(&err.to_string(), &file.path)),
                )),
            }
            linked.progress.done += 1;
            progress(linked.progress);
        }
        Ok(())
    }
}

/// Runs `work` in `pool`, or in rayon's global pool when there is none.
fn install<R: Send>(pool: &Option<rayon::ThreadPool>, work: impl FnOnce() -> R + Send) -> R {
    match pool {
        Some(pool) => pool.install(work),
        None => work(),
    }
}

/// Error messages start with the path; a warning already carries it.
fn strip_path(message: &str, path: &Path) -> String {
    let prefix = format!("{}: ", path.display());
    message.strip_prefix(&prefix).unwrap_or(message).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_thread_and_several_build_the_same_graph() {
        let dir = tempfile::tempdir().unwrap();
        let texts = [
            "国家数据局推进数据要素市场化配置改革。深圳市发布《数据条例》。",
            "“东数西算”工程加快实施,数字经济核心产业增加值达到12万亿元。",
            "新质生产力与数据要素、数字经济深度融合。",
        ];
        for (i, text) in texts.iter().enumerate() {
            std::fs::write(dir.path().join(format!("{i}.txt")), text).unwrap();
        }
        let bytes = |threads: usize| {
            let build = GraphBuilder::new()
                .threads(threads)
                .build_from_paths(&[dir.path()])
                .unwrap();
            crate::store::to_bytes(&build.graph).unwrap()
        };
        let one = bytes(1);
        assert!(one.len() > 100);
        assert_eq!(one, bytes(2));
        assert_eq!(one, bytes(3));
    }

    #[test]
    fn a_flag_set_mid_build_stops_it_before_the_next_file() {
        let dir = tempfile::tempdir().unwrap();
        for i in 0..3 {
            std::fs::write(dir.path().join(format!("{i}.txt")), "数据要素。").unwrap();
        }
        // The pipelined build (default threads) and the one-thread one.
        for builder in [GraphBuilder::new(), GraphBuilder::new().threads(1)] {
            let flag = Arc::new(AtomicBool::new(false));
            let builder = builder.cancel_flag(Arc::clone(&flag));
            let mut seen = 0;
            let result = builder.build_from_paths_with_progress(&[dir.path()], |p| {
                seen = p.done;
                flag.store(true, Ordering::Relaxed);
            });
            assert!(matches!(result, Err(Error::Cancelled)), "{result:?}");
            assert_eq!(seen, 1);
            flag.store(false, Ordering::Relaxed);
            let build = builder.build_from_paths(&[dir.path()]).unwrap();
            assert_eq!(build.graph.documents().len(), 3);
        }
    }
}
