//! Stage 6, **store**: save and load a [`KnowledgeGraph`].
//!
//! A graph file is a small header followed by two sections: the graph
//! (entities, links, evidence ids, documents, sentence positions) in
//! postcard, a compact serde encoding, and then the text of the kept
//! sentences, end to end as raw UTF-8:
//!
//! | bytes | what |
//! |---|---|
//! | 8 | magic `kg-graph` |
//! | 4 | format version, little-endian ([`FORMAT_VERSION`]) |
//! | 8 | graph section length, little-endian |
//! | 4 | CRC-32 of the graph section, little-endian |
//! | 8 | text section length, little-endian |
//! | 4 | CRC-32 of the text section, little-endian |
//! | … | graph section |
//! | … | text section |
//!
//! The text is most of a large graph's bytes. Kept apart, it loads with one
//! read into one buffer, with no per-sentence allocation or decoding, so a
//! query on the graph of a 200 MB corpus pays for the graph, not the text.
//!
//! Loading checks the magic, the version, both lengths and both checksums,
//! and that every id and text offset points inside what the file holds, so
//! a truncated, damaged, foreign or outdated file is refused with a message
//! that says which and what to do. The text is not checked to be UTF-8
//! (a pass over the largest part of the file): kg only writes UTF-8, and a
//! hand-made file with recomputed checksums that holds other bytes shows
//! them as U+FFFD.
//! Saving writes a temporary file beside the target and renames it, so an
//! interrupted save leaves the old file intact.

use std::io::{Read, Write};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::error::{Error, Result};
use crate::graph::KnowledgeGraph;

/// The magic bytes every graph file starts with.
pub const MAGIC: &[u8; 8] = b"kg-graph";
/// The version of the file format this library reads and writes.
pub const FORMAT_VERSION: u32 = 4;
const HEADER_LEN: usize = 8 + 4 + 8 + 4 + 8 + 4;

/// What the header says: section lengths and checksums.
struct Header {
    graph_len: u64,
    graph_crc: u32,
    text_len: u64,
    text_crc: u32,
}

/// The graph section of a file: everything but the sentence text.
fn encode(graph: &KnowledgeGraph) -> Result<Vec<u8>> {
    // Grown from empty, the buffer is copied at every doubling (a third of
    // the encoding's time on a large graph). Room for about what it takes
    // up front (1.2 to 1.9 times what the bundled, external and generated
    // corpora take): sentence records and evidence are most of it, and
    // room never used is address space, not memory.
    let evidence: usize = graph.graph().edge_weights().map(|l| l.evidence.len()).sum();
    let room = 16 * graph.sentences().len()
        + 8 * evidence
        + 128 * graph.graph().node_count()
        + 32 * graph.graph().edge_count();
    postcard::to_extend(graph, Vec::with_capacity(room))
        .map_err(|e| Error::Export(format!("cannot encode the graph: {e}")))
}

/// Writes the header and both sections.
fn write_sections(out: &mut dyn Write, payload: &[u8], text: &[u8]) -> std::io::Result<()> {
    out.write_all(MAGIC)?;
    out.write_all(&FORMAT_VERSION.to_le_bytes())?;
    out.write_all(&(payload.len() as u64).to_le_bytes())?;
    out.write_all(&crc32fast::hash(payload).to_le_bytes())?;
    out.write_all(&(text.len() as u64).to_le_bytes())?;
    out.write_all(&crc32fast::hash(text).to_le_bytes())?;
    out.write_all(payload)?;
    out.write_all(text)
}

/// Encodes a graph into bytes (header and sections).
///
/// ```
/// let g = kg_core::GraphBuilder::new().build_from_texts([("a", "数据要素与数字经济。")]);
/// let bytes = kg_core::store::to_bytes(&g).unwrap();
/// let back = kg_core::store::from_bytes(&bytes, "in-memory").unwrap();
/// assert_eq!(back.graph().node_count(), g.graph().node_count());
/// assert!(kg_core::store::from_bytes(&bytes[..bytes.len() - 1], "cut").is_err());
/// ```
pub fn to_bytes(graph: &KnowledgeGraph) -> Result<Vec<u8>> {
    let payload = encode(graph)?;
    let text = &graph.sentences.text;
    let mut out = Vec::with_capacity(HEADER_LEN + payload.len() + text.len());
    write_sections(&mut out, &payload, text)
        .map_err(|e| Error::Export(format!("cannot encode the graph: {e}")))?;
    Ok(out)
}

/// Reads and checks the header from the first bytes of a file of `total`
/// bytes.
fn read_header(head: &[u8], total: u64, name: &Path) -> Result<Header> {
    let bad = |problem: String| Error::bad_graph(name, problem);
    if head.len() < MAGIC.len() || &head[..MAGIC.len()] != MAGIC {
        return Err(bad("not a kg graph file (it does not start with 'kg-graph'); build one with `kg build PATH -o FILE`".into()));
    }
    let u32_at = |at: usize| {
        head.get(at..at + 4)
            .and_then(|b| b.try_into().ok())
            .map(u32::from_le_bytes)
    };
    let u64_at = |at: usize| {
        head.get(at..at + 8)
            .and_then(|b| b.try_into().ok())
            .map(u64::from_le_bytes)
    };
    let truncated = || {
        bad("the file is truncated (shorter than its header); rebuild it with `kg build`".into())
    };
    let version = u32_at(8).ok_or_else(truncated)?;
    if version != FORMAT_VERSION {
        return Err(bad(format!(
            "graph format version {version}, but this kg reads version {FORMAT_VERSION}; rebuild it with `kg build`"
        )));
    }
    let header = Header {
        graph_len: u64_at(12).ok_or_else(truncated)?,
        graph_crc: u32_at(20).ok_or_else(truncated)?,
        text_len: u64_at(24).ok_or_else(truncated)?,
        text_crc: u32_at(32).ok_or_else(truncated)?,
    };
    let present = total.saturating_sub(HEADER_LEN as u64);
    let expected = header.graph_len.checked_add(header.text_len);
    match expected {
        Some(len) if present < len => Err(bad(format!(
            "the file is truncated: {present} of {len} payload bytes present; rebuild it with `kg build`"
        ))),
        Some(len) if present > len => Err(bad("the file has trailing bytes after the graph; it is damaged, rebuild it with `kg build`".into())),
        Some(_) => Ok(header),
        None => Err(bad("the header is damaged (impossible section lengths); rebuild it with `kg build`".into())),
    }
}

fn damaged(name: &Path) -> Error {
    Error::bad_graph(
        name,
        "checksum mismatch: the file is damaged; rebuild it with `kg build`",
    )
}

/// Checks the graph section against the header and decodes it; the
/// sentence text is added by the caller.
fn decode_graph(header: &Header, payload: &[u8], name: &Path) -> Result<KnowledgeGraph> {
    if crc32fast::hash(payload) != header.graph_crc {
        return Err(damaged(name));
    }
    postcard::from_bytes(payload).map_err(|e| {
        Error::bad_graph(
            name,
            format!("the graph cannot be decoded ({e}); rebuild it with `kg build`"),
        )
    })
}

/// Checks the text section against the header.
fn check_text(header: &Header, text: &[u8], name: &Path) -> Result<()> {
    check_text_crc(header, crc32fast::hash(text), name)
}

/// Checks the text section's checksum, however it was computed.
fn check_text_crc(header: &Header, crc: u32, name: &Path) -> Result<()> {
    if crc == header.text_crc {
        Ok(())
    } else {
        Err(damaged(name))
    }
}

/// Checks that every id a decoded graph holds is valid, given the length
/// of its text section, and builds its name index.
fn finish(mut graph: KnowledgeGraph, text_len: u64, name: &Path) -> Result<KnowledgeGraph> {
    check_references(&graph, text_len).map_err(|problem| {
        Error::bad_graph(
            name,
            format!("the graph is inconsistent ({problem}); rebuild it with `kg build`"),
        )
    })?;
    graph.reindex();
    Ok(graph)
}

/// Decodes a graph from bytes; `name` is used in error messages.
pub fn from_bytes(bytes: &[u8], name: impl AsRef<Path>) -> Result<KnowledgeGraph> {
    let name = name.as_ref();
    let header = read_header(bytes, bytes.len() as u64, name)?;
    // read_header checked that both sections fit exactly.
    let (payload, text) = bytes[HEADER_LEN..].split_at(header.graph_len as usize);
    check_text(&header, text, name)?;
    let mut graph = decode_graph(&header, payload, name)?;
    graph.sentences.text = text.to_vec();
    finish(graph, header.text_len, name)
}

/// Every id the graph holds names something it holds. The checksum only
/// proves the payload is what was written, and queries and merges index
/// documents and sentences by these ids.
fn check_references(graph: &KnowledgeGraph, text_len: u64) -> std::result::Result<(), String> {
    let documents = graph.documents.len();
    let sentences = graph.sentences.len();
    let bad_document = |d: u32| d as usize >= documents;
    let bad_sentence = |s: u32| s as usize >= sentences;
    let table = &graph.sentences;
    if table.ends.len() != table.records.len()
        || table.ends.windows(2).any(|w| w[0] > w[1])
        || table.ends.last().copied().unwrap_or(0) != text_len
    {
        return Err(format!(
            "sentence text offsets do not match the {text_len} bytes of text"
        ));
    }
    if let Some(s) = table.records.iter().find(|s| bad_document(s.document)) {
        return Err(format!(
            "a sentence of document {}, of {documents}",
            s.document
        ));
    }
    for e in graph.graph.node_weights() {
        if let Some(d) = e.documents.iter().find(|&&d| bad_document(d)) {
            return Err(format!(
                "entity '{}' in document {d}, of {documents}",
                e.name
            ));
        }
        // Document subsets (`restrict`) read the counts beside each document.
        if e.document_counts.len() != e.documents.len() {
            return Err(format!(
                "entity '{}' has counts for {} documents but lists {}",
                e.name,
                e.document_counts.len(),
                e.documents.len()
            ));
        }
        if let Some(o) = e.observations.iter().find(|o| bad_sentence(o.sentence)) {
            return Err(format!(
                "a value of '{}' in sentence {}, of {sentences}",
                e.name, o.sentence
            ));
        }
    }
    for link in graph.graph.edge_weights() {
        if let Some(ev) = link
            .evidence
            .iter()
            .find(|ev| ev.first > ev.last || bad_sentence(ev.last))
        {
            return Err(format!(
                "evidence in sentences {}..={}, of {sentences}",
                ev.first, ev.last
            ));
        }
    }
    Ok(())
}

/// Loads a graph file.
///
/// Each section is read straight into its own buffer, sized from the
/// header once the header has been checked against the file's length. The
/// text is read and checked on a second thread while the graph section is
/// decoded: on a large graph these are the two halves of the wait.
pub fn load(path: impl AsRef<Path>) -> Result<KnowledgeGraph> {
    load_file(path.as_ref(), true)
}

/// Loads a graph file without its sentence text, for queries that show no
/// evidence (neighbours, statistics, rankings, communities): on a large
/// graph the text is most of the file, and not holding it halves the
/// memory. Every sentence's text reads as empty; use [`load`] for anything
/// that shows or writes evidence. Everything is checked as [`load`] checks
/// it, the text section's checksum too (read through a small buffer).
///
/// ```
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("g.kg");
/// let g = kg_core::GraphBuilder::new().build_from_texts([("a", "数据要素赋能数字经济。")]);
/// kg_core::store::save(&g, &path).unwrap();
/// let light = kg_core::store::load_without_text(&path).unwrap();
/// assert_eq!(light.graph().node_count(), g.graph().node_count());
/// assert_eq!(light.sentences().text_of(0), "");
/// ```
pub fn load_without_text(path: impl AsRef<Path>) -> Result<KnowledgeGraph> {
    load_file(path.as_ref(), false)
}

fn load_file(path: &Path, keep_text: bool) -> Result<KnowledgeGraph> {
    let io = |e| Error::io(path, e);
    let file = std::fs::File::open(path).map_err(io)?;
    let meta = file.metadata().map_err(io)?;
    if !meta.is_file() || cfg!(not(unix)) {
        // A pipe (`--graph /dev/stdin`, `<(…)`) has no size to check the
        // header against and cannot be read at two places at once: read it
        // whole, in order.
        let mut bytes = Vec::new();
        (&file).read_to_end(&mut bytes).map_err(io)?;
        let mut graph = from_bytes(&bytes, path)?;
        if !keep_text {
            graph.sentences.text = Vec::new();
        }
        return Ok(graph);
    }
    let total = meta.len();
    let mut head = vec![0; HEADER_LEN.min(usize::try_from(total).unwrap_or(HEADER_LEN))];
    read_at(&file, &mut head, 0).map_err(io)?;
    let header = read_header(&head, total, path)?;
    // Both sections are read from the one open file at their own offsets,
    // so a file replaced on disk meanwhile cannot mix into this one.
    let section = |offset: u64, len: u64| -> Result<Vec<u8>> {
        let len = usize::try_from(len)
            .map_err(|_| Error::bad_graph(path, "a section is too large for this machine"))?;
        let mut buf = vec![0; len];
        read_at(&file, &mut buf, offset).map_err(io)?;
        Ok(buf)
    };
    let text_at = HEADER_LEN as u64 + header.graph_len;
    let (graph, text) = std::thread::scope(|scope| {
        let text = scope.spawn(|| {
            if keep_text {
                let text = section(text_at, header.text_len)?;
                check_text(&header, &text, path)?;
                return Ok(text);
            }
            // Checked all the same, through a small buffer: a damaged file
            // is refused whatever the query.
            let mut hasher = crc32fast::Hasher::new();
            let mut buf = vec![0; 1 << 18];
            let mut at = 0;
            while at < header.text_len {
                let n = (header.text_len - at).min(buf.len() as u64) as usize;
                read_at(&file, &mut buf[..n], text_at + at).map_err(io)?;
                hasher.update(&buf[..n]);
                at += n as u64;
            }
            check_text_crc(&header, hasher.finalize(), path).map(|()| Vec::new())
        });
        let graph = section(HEADER_LEN as u64, header.graph_len)
            .and_then(|payload| decode_graph(&header, &payload, path));
        let text = text
            .join()
            .unwrap_or_else(|_| Err(Error::bad_graph(path, "reading the sentence text failed")));
        (graph, text)
    });
    let mut graph = graph?;
    graph.sentences.text = text?;
    finish(graph, header.text_len, path)
}

/// Fills `buf` from `offset` of `file` without moving a shared file
/// position, so two threads can read one file at once.
#[cfg(unix)]
fn read_at(file: &std::fs::File, buf: &mut [u8], offset: u64) -> std::io::Result<()> {
    use std::os::unix::fs::FileExt;
    file.read_exact_at(buf, offset)
}

/// Elsewhere `load` reads the whole file in order instead.
#[cfg(not(unix))]
fn read_at(file: &std::fs::File, buf: &mut [u8], offset: u64) -> std::io::Result<()> {
    use std::io::{Seek, SeekFrom};
    let mut file = file;
    file.seek(SeekFrom::Start(offset))?;
    file.read_exact(buf)
}

/// Saves a graph file atomically: the old file, if any, stays intact until
/// the new one is complete.
///
/// ```
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("corpus.kg");
/// let g = kg_core::GraphBuilder::new().build_from_texts([("a", "数据要素。")]);
/// kg_core::store::save(&g, &path).unwrap();
/// assert_eq!(kg_core::store::load(&path).unwrap().documents().len(), 1);
/// ```
pub fn save(graph: &KnowledgeGraph, path: impl AsRef<Path>) -> Result<()> {
    save_unless(graph, path, &AtomicBool::new(false))
}

/// Saves a graph file atomically unless `cancel` becomes true first: then
/// it returns [`Error::Cancelled`], the temporary file is removed and the
/// old file, if any, stays as it was. A Ctrl-C during a save thus leaves
/// either the old file or the complete new one, never a temporary file.
///
/// ```
/// use std::sync::atomic::AtomicBool;
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("corpus.kg");
/// let g = kg_core::GraphBuilder::new().build_from_texts([("a", "数据要素。")]);
/// let err = kg_core::store::save_unless(&g, &path, &AtomicBool::new(true)).unwrap_err();
/// assert!(matches!(err, kg_core::Error::Cancelled));
/// assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
/// kg_core::store::save_unless(&g, &path, &AtomicBool::new(false)).unwrap();
/// assert!(path.exists());
/// ```
pub fn save_unless(
    graph: &KnowledgeGraph,
    path: impl AsRef<Path>,
    cancel: &AtomicBool,
) -> Result<()> {
    let payload = encode(graph)?;
    write_atomically_or_cancel(path.as_ref(), Some(cancel), |w| {
        write_sections(w, &payload, &graph.sentences.text)
    })
}

/// Writes a file atomically: `write` fills a temporary file in the same
/// directory, which is then renamed over `path`. On any error the temporary
/// file is removed and `path` is untouched.
///
/// ```
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("out.txt");
/// kg_core::store::write_atomically(&path, |w| w.write_all(b"ok")).unwrap();
/// assert_eq!(std::fs::read(&path).unwrap(), b"ok");
/// use std::io::Write;
/// ```
pub fn write_atomically(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<()> {
    write_atomically_or_cancel(path, None, write)
}

/// [`write_atomically`], unless `cancel` is set (by a Ctrl-C handler, say)
/// before the file is renamed into place: then the temporary file is
/// removed, `path` is untouched and the result is [`Error::Cancelled`].
///
/// ```
/// use std::sync::atomic::{AtomicBool, Ordering};
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("out.txt");
/// let cancel = AtomicBool::new(false);
/// let result = kg_core::store::write_atomically_unless(&path, &cancel, |w| {
///     cancel.store(true, Ordering::SeqCst); // Ctrl-C while writing
///     w.write_all(b"half")
/// });
/// assert!(matches!(result, Err(kg_core::Error::Cancelled)));
/// assert!(!path.exists());
/// assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
/// use std::io::Write;
/// ```
pub fn write_atomically_unless(
    path: &Path,
    cancel: &AtomicBool,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<()> {
    write_atomically_or_cancel(path, Some(cancel), write)
}

fn write_atomically_or_cancel(
    path: &Path,
    cancel: Option<&AtomicBool>,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<()> {
    let cancelled = || cancel.is_some_and(|c| c.load(Ordering::SeqCst));
    if cancelled() {
        return Err(Error::Cancelled);
    }
    let tmp = prepare(path, write)?;
    // The last moment to back out: returning drops `tmp`, which deletes it.
    if cancelled() {
        return Err(Error::Cancelled);
    }
    tmp.persist(path).map_err(|e| Error::io(path, e.error))?;
    Ok(())
}

/// What fills one file of [`write_files_atomically_unless`].
pub type FileWriter<'a> = Box<dyn FnOnce(&mut dyn Write) -> std::io::Result<()> + 'a>;

/// Writes several files as a set: each is filled in a temporary file beside
/// its path, and only when all are written, and `cancel` is still unset,
/// are they renamed into place one after another. On an error or a cancel
/// before that, every temporary file is removed and every path keeps what
/// it had. (The renames themselves are not one atomic step; they take
/// microseconds.)
///
/// ```
/// use std::sync::atomic::AtomicBool;
/// use kg_core::store::{write_files_atomically_unless, FileWriter};
/// let dir = tempfile::tempdir().unwrap();
/// let (a, b) = (dir.path().join("a.csv"), dir.path().join("b.csv"));
/// let files: Vec<(&std::path::Path, FileWriter)> = vec![
///     (&a, Box::new(|w| w.write_all(b"a"))),
///     (&b, Box::new(|_| Err(std::io::Error::other("disk full")))),
/// ];
/// assert!(write_files_atomically_unless(files, &AtomicBool::new(false)).is_err());
/// assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0); // not even a.csv
/// use std::io::Write;
/// ```
pub fn write_files_atomically_unless<'a>(
    files: Vec<(&'a Path, FileWriter<'a>)>,
    cancel: &AtomicBool,
) -> Result<()> {
    let cancelled = || cancel.load(Ordering::SeqCst);
    let mut ready = Vec::with_capacity(files.len());
    for (path, write) in files {
        if cancelled() {
            return Err(Error::Cancelled);
        }
        ready.push((path, prepare(path, write)?));
    }
    if cancelled() {
        return Err(Error::Cancelled);
    }
    for (path, tmp) in ready {
        tmp.persist(path).map_err(|e| Error::io(path, e.error))?;
    }
    Ok(())
}

/// Fills a temporary file beside `path`, ready to be renamed over it.
fn prepare(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<tempfile::NamedTempFile> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    // A rename would replace a device (`/dev/full`), a pipe or a directory
    // entry with a plain file; only regular files are replaced.
    if let Ok(meta) = std::fs::metadata(path) {
        if !meta.is_file() {
            return Err(Error::io(
                path,
                std::io::Error::new(
                    std::io::ErrorKind::InvalidInput,
                    "not a regular file (a device, directory or pipe); give the path of a file to write",
                ),
            ));
        }
    }
    let mut builder = tempfile::Builder::new();
    builder.prefix(".kg-tmp-");
    // A temporary file is private (0600) by default; the output should get
    // the permissions a plain create would give it (or keep the replaced
    // file's), not stay unreadable to the rest of the team.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let permissions = std::fs::metadata(path)
            .map(|m| m.permissions())
            .unwrap_or_else(|_| std::fs::Permissions::from_mode(0o666));
        builder.permissions(permissions);
    }
    let mut tmp = builder.tempfile_in(dir).map_err(|e| {
        // tempfile's error names the temporary file, which means nothing to
        // the user; say what is wrong with the directory instead.
        let reason = match e.kind() {
            std::io::ErrorKind::NotFound => {
                format!("the directory {} does not exist", dir.display())
            }
            std::io::ErrorKind::PermissionDenied => {
                format!("no permission to create a file in {}", dir.display())
            }
            _ => return Error::io(path, e),
        };
        Error::io(path, std::io::Error::new(e.kind(), reason))
    })?;
    {
        let mut buf = std::io::BufWriter::new(tmp.as_file_mut());
        write(&mut buf).map_err(|e| Error::io(path, e))?;
        buf.flush().map_err(|e| Error::io(path, e))?;
    }
    tmp.as_file().sync_all().map_err(|e| Error::io(path, e))?;
    Ok(tmp)
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_set_of_files_cancelled_midway_leaves_the_old_set() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a.csv"), dir.path().join("b.csv"));
        std::fs::write(&a, "old a").unwrap();
        std::fs::write(&b, "old b").unwrap();
        let cancel = AtomicBool::new(false);
        let files: Vec<(&Path, FileWriter)> = vec![
            (&a, Box::new(|w| w.write_all(b"new a"))),
            (
                &b,
                Box::new(|w| {
                    cancel.store(true, Ordering::SeqCst); // Ctrl-C while writing b
                    w.write_all(b"new b")
                }),
            ),
        ];
        let result = super::write_files_atomically_unless(files, &cancel);
        assert!(matches!(result, Err(Error::Cancelled)), "{result:?}");
        assert_eq!(std::fs::read_to_string(&a).unwrap(), "old a");
        assert_eq!(std::fs::read_to_string(&b).unwrap(), "old b");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
    }

    #[test]
    fn only_regular_files_are_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("sub");
        std::fs::create_dir(&sub).unwrap();
        let err = super::write_atomically(&sub, |w| w.write_all(b"x")).unwrap_err();
        assert!(err.to_string().contains("not a regular file"), "{err}");
        assert!(sub.is_dir());
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1, "a temporary file was left");
    }

    use super::*;
    use crate::GraphBuilder;

    fn sample() -> Vec<u8> {
        let g = GraphBuilder::new().build_from_texts([("a", "国家数据局推进数据要素市场建设。")]);
        to_bytes(&g).unwrap()
    }

    #[test]
    fn refuses_foreign_truncated_flipped_and_old_files() {
        let good = sample();
        let msg = |b: &[u8]| from_bytes(b, "g.kg").unwrap_err().to_string();
        assert!(msg(b"hello world").contains("not a kg graph file"));
        assert!(msg(&good[..good.len() - 3]).contains("truncated"));
        let mut flipped = good.clone();
        let last = flipped.len() - 1;
        flipped[last] ^= 0x40;
        assert!(msg(&flipped).contains("checksum mismatch"));
        let mut old = good.clone();
        old[8] = 0;
        assert!(msg(&old).contains("format version 0"));
        assert!(msg(&good[..10]).contains("truncated"));
        assert!(from_bytes(&good, "g.kg").is_ok());
    }

    #[test]
    fn a_graph_loads_without_its_text_and_is_still_checked() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("g.kg");
        let good = sample();
        std::fs::write(&path, &good).unwrap();
        let full = load(&path).unwrap();
        let light = load_without_text(&path).unwrap();
        assert_eq!(light.graph.node_count(), full.graph.node_count());
        assert_eq!(light.graph.edge_count(), full.graph.edge_count());
        assert_eq!(light.sentences.len(), full.sentences.len());
        assert!(!full.sentences.text_of(0).is_empty());
        assert_eq!(light.sentences.text_of(0), "");
        for e in full.graph.node_weights() {
            assert!(light.find(&e.name).is_some(), "{}", e.name);
        }
        // The header still has to match the file, and the graph section
        // its checksum.
        std::fs::write(&path, &good[..good.len() - 3]).unwrap();
        let err = load_without_text(&path).unwrap_err().to_string();
        assert!(err.contains("truncated"), "{err}");
        let mut flipped = good.clone();
        flipped[HEADER_LEN + 2] ^= 0x40;
        std::fs::write(&path, &flipped).unwrap();
        let err = load_without_text(&path).unwrap_err().to_string();
        assert!(err.contains("checksum mismatch"), "{err}");
        let mut flipped = good.clone();
        let last = flipped.len() - 1;
        flipped[last] ^= 0x40;
        std::fs::write(&path, &flipped).unwrap();
        let err = load_without_text(&path).unwrap_err().to_string();
        assert!(err.contains("checksum mismatch"), "{err}");
    }

    #[cfg(unix)]
    #[test]
    fn saved_files_get_ordinary_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.csv");
        write_atomically(&path, |w| w.write_all(b"a")).unwrap();
        let fresh = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        let plain = dir.path().join("plain");
        std::fs::write(&plain, b"a").unwrap();
        let expected = std::fs::metadata(&plain).unwrap().permissions().mode() & 0o777;
        assert_eq!(fresh, expected);
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        write_atomically(&path, |w| w.write_all(b"b")).unwrap();
        let kept = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(kept, 0o640);
    }

    /// Found by the `graph_file` fuzz target: a payload whose checksum is
    /// right but whose ids point past the documents or sentences it holds
    /// loaded, and a merge or query then indexed out of range.
    #[test]
    fn refuses_graphs_whose_ids_point_nowhere() {
        let fresh = || GraphBuilder::new().build_from_texts([("a", "数据要素赋能数字经济。")]);
        let refused = |g: &KnowledgeGraph| {
            let bytes = to_bytes(g).unwrap();
            from_bytes(&bytes, "g.kg").unwrap_err().to_string()
        };
        let node = fresh().graph.node_indices().next().unwrap();
        let edge = fresh().graph.edge_indices().next().unwrap();

        let mut g = fresh();
        g.graph[node].documents.push(7);
        let msg = refused(&g);
        assert!(
            msg.contains("inconsistent") && msg.contains("document 7"),
            "{msg}"
        );
        assert!(
            msg.starts_with("g.kg: ") && msg.contains("kg build"),
            "{msg}"
        );

        let mut g = fresh();
        g.sentences.records[0].document = 1;
        assert!(refused(&g).contains("inconsistent"));

        let mut g = fresh();
        g.graph[edge].evidence[0].last = 5;
        assert!(refused(&g).contains("sentences 0..=5"));

        let mut g = fresh();
        g.graph[edge].evidence[0].first = 1;
        assert!(refused(&g).contains("inconsistent"));
    }

    #[test]
    fn failed_save_leaves_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.kg");
        std::fs::write(&path, b"old").unwrap();
        let err = write_atomically(&path, |_| Err(std::io::Error::other("boom")));
        assert!(err.is_err());
        assert_eq!(std::fs::read(&path).unwrap(), b"old");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
