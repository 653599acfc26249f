//! [`GraphBuilder`]: the whole pipeline, read → normalize → extract → link,
//! behind one csv-style builder.

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc, Condvar, Mutex, PoisonError};

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
    /// [`BATCH_BYTES`] unless a test sets a smaller one (0: the default).
    batch_bytes: u64,
}

/// Input bytes read but not yet linked, at most (or one file, if larger):
/// enough to keep every thread busy, small enough that memory grows with
/// the graph, not with the corpus. The first batch of this size is also
/// what is read and normalized while the extractor loads its dictionaries.
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
    /// more than one, the calling thread links files, in order, as the
    /// workers finish them; with one, the calling thread reads, extracts
    /// and links each file in turn, and no other thread runs.
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

    /// A smaller batch, so that a test's few small files stream.
    #[cfg(test)]
    fn with_batch_bytes(mut self, bytes: u64) -> GraphBuilder {
        self.batch_bytes = bytes;
        self
    }

    fn batch_bytes(&self) -> u64 {
        if self.batch_bytes == 0 {
            BATCH_BYTES
        } else {
            self.batch_bytes
        }
    }

    /// Whether a file of `size` bytes may be read while `taken` bytes are
    /// read and not yet linked: within the batch, or alone.
    fn has_room(&self, taken: u64, size: u64) -> bool {
        taken == 0 || taken + size <= self.batch_bytes()
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
        let pool = self.pool();
        let extractor = install(&pool, Extractor::new_in_parallel);
        let work = || {
            docs.par_iter()
                .map(|doc| {
                    let doc = normalize::normalize(doc);
                    let extraction = extractor.extract(&doc);
                    (doc, extraction)
                })
                .collect::<Vec<_>>()
        };
        let done = install(&pool, work);
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
        let mut linked = Linked {
            linker: Linker::new(self.window),
            warnings,
            progress: Progress {
                done: 0,
                total: files.len(),
                bytes: 0,
            },
        };
        // Files are linked in order, so the graph does not depend on
        // scheduling.
        if self.threads == Some(1) {
            // One thread means one: nothing runs beside it (a scheduler's
            // one-core slot, say, gets one core's worth of work), so each
            // file is read, extracted and linked in turn, while its text is
            // still in cache.
            let extractor = Extractor::new();
            for file in &files {
                let result = self.prepare(file).map(|p| extract(&extractor, p));
                self.link_one(file, result, &named, &mut linked, &mut progress)?;
            }
        } else if !files.is_empty() {
            // The first files, up to BATCH_BYTES, are read and normalized
            // beside the extractor's loading; then every file streams
            // through the pool (the first files to be extracted, the rest to
            // be read too) while this thread links, in order, each file as
            // soon as it and those before it are done.
            let sizes: Vec<u64> = files
                .iter()
                .map(|f| std::fs::metadata(&f.path).map_or(0, |m| m.len()))
                .collect();
            let mut first = 0;
            let mut first_bytes = 0u64;
            while first < files.len() && self.has_room(first_bytes, sizes[first]) {
                first_bytes += sizes[first];
                first += 1;
            }
            let pool = self.pool();
            let (extractor, prepared) = self.prepare_beside_extractor(&files[..first], &pool);
            let stream = Stream {
                files: &files,
                sizes: &sizes,
                extractor: &extractor,
                pool: &pool,
            };
            self.stream(stream, prepared, &named, &mut linked, &mut progress)?;
        }
        Ok(Build {
            graph: linked.linker.finish(),
            warnings: linked.warnings,
        })
    }
}

/// A file read and normalized, with its warnings and size.
type Prepared = (NormalizedDocument, Vec<Warning>, u64);

/// A file read, normalized and extracted, with its warnings and size.
type Processed = (NormalizedDocument, Extraction, Vec<Warning>, u64);

/// Extracts the mentions of a prepared file.
fn extract(extractor: &Extractor, (doc, warnings, size): Prepared) -> Processed {
    let extraction = extractor.extract(&doc);
    (doc, extraction, warnings, size)
}

/// What linking gathers, file after file.
struct Linked {
    linker: Linker,
    warnings: Vec<Warning>,
    progress: Progress,
}

/// The files of a streamed build and what processing them takes.
struct Stream<'a> {
    files: &'a [SourceFile],
    sizes: &'a [u64],
    extractor: &'a Extractor,
    pool: &'a Option<rayon::ThreadPool>,
}

/// The streamed files' queue: the next one to take, the bytes read (or
/// taken to be read) but not yet linked, and whether linking has stopped
/// (an error or a cancel).
struct Queue {
    next: usize,
    in_flight: u64,
    stop: bool,
    /// The first files, read and normalized already (each taken once).
    prepared: Vec<Option<Result<Prepared>>>,
}

impl GraphBuilder {
    /// Reads and normalizes one file, unless the build is cancelled.
    fn prepare(&self, file: &SourceFile) -> Result<Prepared> {
        // Once cancelled, the rest of the files are skipped instead of
        // read: that is most of the wait.
        if self.cancelled() {
            return Err(Error::Cancelled);
        }
        read::read_file(&file.path, &file.name).map(|(doc, warnings)| {
            let size = doc.text.len() as u64;
            (normalize::normalize(&doc), warnings, size)
        })
    }

    /// Builds the extractor while the pool's other threads read and
    /// normalize a batch, which does not need it: jieba's dictionary alone
    /// takes about a tenth of a second (0.09 to 0.16 s on a 2-core VM).
    fn prepare_beside_extractor(
        &self,
        batch: &[SourceFile],
        pool: &Option<rayon::ThreadPool>,
    ) -> (Extractor, Vec<Result<Prepared>>) {
        let read = || {
            batch
                .par_iter()
                // One file per task: rayon otherwise hands out runs of
                // files, and a thread whose run ends early sits idle while
                // another works through the rest of its run.
                .with_max_len(1)
                .map(|file| self.prepare(file))
                .collect()
        };
        install(pool, || rayon::join(Extractor::new_in_parallel, read))
    }

    /// Streams every file through the pool while this thread links them.
    /// The pool's threads take files in order (extracting the `prepared`
    /// first files, reading the rest too) and this thread links each as
    /// soon as it and those before it are done, so only the last file or
    /// two are linked after the pool has finished, and no thread waits for
    /// another's slowest file.
    fn stream(
        &self,
        stream: Stream<'_>,
        prepared: Vec<Result<Prepared>>,
        named: &[&Path],
        linked: &mut Linked,
        progress: &mut impl FnMut(Progress),
    ) -> Result<()> {
        let files = stream.files;
        let queue = Mutex::new(Queue {
            next: 0,
            // The prepared files are in memory already.
            in_flight: stream.sizes.iter().take(prepared.len()).sum(),
            stop: false,
            prepared: prepared.into_iter().map(Some).collect(),
        });
        let room = Condvar::new();
        let (tx, rx) = mpsc::channel();
        std::thread::scope(|scope| {
            let (queue, room, stream) = (&queue, &room, &stream);
            let workers = scope.spawn(move || {
                install(stream.pool, || {
                    rayon::scope(|s| {
                        for _ in 0..rayon::current_num_threads() {
                            let tx = tx.clone();
                            s.spawn(move |_| self.work(stream, queue, room, tx));
                        }
                    })
                })
            });
            // A panic on either side must not leave the other waiting.
            let _stop = StopOnPanic(queue, room);
            let mut link_all = || -> Result<()> {
                // Results come roughly in order; those ahead of a slower
                // file wait here for it.
                let mut ahead: Vec<Option<Result<Processed>>> = Vec::new();
                ahead.resize_with(files.len(), || None);
                let mut at = 0;
                for (i, result) in &rx {
                    if let Some(slot) = ahead.get_mut(i) {
                        *slot = Some(result);
                    }
                    while let Some(result) = ahead.get_mut(at).and_then(Option::take) {
                        self.link_one(&files[at], result, named, linked, progress)?;
                        let mut q = lock(queue);
                        q.in_flight -= stream.sizes[at];
                        room.notify_all();
                        at += 1;
                    }
                }
                Ok(())
            };
            let outcome = link_all();
            if outcome.is_err() {
                lock(queue).stop = true;
                room.notify_all();
            }
            if let Err(panic) = workers.join() {
                std::panic::resume_unwind(panic);
            }
            outcome
        })
    }

    /// One of the pool's threads in a streamed build: takes the next file
    /// (a prepared one at once; one still to read once the bytes read and
    /// not yet linked leave room for it), processes it and sends it to the
    /// linking thread, until none is left.
    fn work(
        &self,
        stream: &Stream<'_>,
        queue: &Mutex<Queue>,
        room: &Condvar,
        tx: mpsc::Sender<(usize, Result<Processed>)>,
    ) {
        let _stop = StopOnPanic(queue, room);
        loop {
            let (i, prepared) = {
                let mut q = lock(queue);
                loop {
                    let i = q.next;
                    let Some(&size) = stream.sizes.get(i).filter(|_| !q.stop) else {
                        return;
                    };
                    if let Some(slot) = q.prepared.get_mut(i) {
                        let prepared = slot.take();
                        q.next += 1;
                        break (i, prepared);
                    }
                    if self.has_room(q.in_flight, size) {
                        q.in_flight += size;
                        q.next += 1;
                        break (i, None);
                    }
                    q = room.wait(q).unwrap_or_else(PoisonError::into_inner);
                }
            };
            let prepared = match prepared {
                // Once cancelled, a prepared file is not extracted either.
                Some(_) if self.cancelled() => Err(Error::Cancelled),
                Some(prepared) => prepared,
                None => self.prepare(&stream.files[i]),
            };
            let result = prepared.map(|p| extract(stream.extractor, p));
            if tx.send((i, result)).is_err() {
                return;
            }
        }
    }

    /// Links one processed file, reporting progress.
    fn link_one(
        &self,
        file: &SourceFile,
        result: Result<Processed>,
        named: &[&Path],
        linked: &mut Linked,
        progress: &mut impl FnMut(Progress),
    ) -> Result<()> {
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
        Ok(())
    }
}

/// Stops a streamed build's queue when its thread unwinds: the pool's
/// threads must not wait for room that the linking thread will never make,
/// nor the linking thread for a file that will never come.
struct StopOnPanic<'a>(&'a Mutex<Queue>, &'a Condvar);

impl Drop for StopOnPanic<'_> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            lock(self.0).stop = true;
            self.1.notify_all();
        }
    }
}

/// Locks the queue; a thread that panicked holding it leaves nothing half
/// done (its panic reaches the caller through the pool).
fn lock(queue: &Mutex<Queue>) -> std::sync::MutexGuard<'_, Queue> {
    queue.lock().unwrap_or_else(PoisonError::into_inner)
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

    /// Forty small files, a few of them not text, in a directory.
    fn many_files() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let texts = [
            "国家数据局推进数据要素市场化配置改革。深圳市发布《数据条例》。",
            "“东数西算”工程加快实施,数字经济核心产业增加值达到12万亿元。",
            "新质生产力与数据要素、数字经济深度融合。阳泉市建设算力中心。",
        ];
        for i in 0..40 {
            let path = dir.path().join(format!("{i:02}.txt"));
            if i % 13 == 7 {
                std::fs::write(path, b"\x89PNG\r\n\x1a\n\0\0").unwrap();
            } else {
                std::fs::write(path, texts[i % 3].repeat(1 + i % 4)).unwrap();
            }
        }
        dir
    }

    #[test]
    fn a_streamed_build_is_the_one_thread_build() {
        let dir = many_files();
        let build = |builder: GraphBuilder| {
            let build = builder.build_from_paths(&[dir.path()]).unwrap();
            let warnings: Vec<String> = build.warnings.iter().map(|w| w.to_string()).collect();
            (crate::store::to_bytes(&build.graph).unwrap(), warnings)
        };
        let one = build(GraphBuilder::new().threads(1));
        assert_eq!(one.1.len(), 3, "{:?}", one.1);
        // A batch of a few hundred bytes: the first holds a few files, the
        // rest stream, and the threads often wait for room.
        for (threads, batch) in [(2, 300), (3, 1), (2, 5000)] {
            let streamed = GraphBuilder::new().threads(threads).with_batch_bytes(batch);
            assert!(build(streamed) == one, "{threads} threads, batch {batch}");
        }
        let strict = GraphBuilder::new()
            .threads(2)
            .with_batch_bytes(300)
            .strict(true);
        assert!(strict.build_from_paths(&[dir.path()]).is_err());
    }

    #[test]
    fn a_streamed_build_stops_at_the_flag() {
        let dir = many_files();
        let flag = Arc::new(AtomicBool::new(false));
        let builder = GraphBuilder::new()
            .threads(2)
            .with_batch_bytes(300)
            .cancel_flag(Arc::clone(&flag));
        let mut seen = 0;
        let result = builder.build_from_paths_with_progress(&[dir.path()], |p| {
            seen = p.done;
            if p.done == 25 {
                flag.store(true, Ordering::Relaxed);
            }
        });
        assert!(matches!(result, Err(Error::Cancelled)), "{result:?}");
        assert_eq!(seen, 25);
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
