//! [`GraphBuilder`]: the whole pipeline, read → normalize → extract → link,
//! behind one csv-style builder.

use std::path::Path;

use crate::error::Result;
use crate::extract::Extractor;
use crate::graph::{KnowledgeGraph, Window};
use crate::link::Linker;
use crate::normalize;
use crate::read::{self, Document, Warning};

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
}

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

    /// Builds from `(name, text)` pairs held in memory.
    pub fn build_from_texts<I, N, T>(&self, texts: I) -> KnowledgeGraph
    where
        I: IntoIterator<Item = (N, T)>,
        N: Into<String>,
        T: Into<String>,
    {
        let extractor = Extractor::new();
        let mut linker = Linker::new(self.window);
        for (name, text) in texts {
            let doc = normalize::normalize(&Document::from_text(name, text));
            linker.add(&doc, &extractor.extract(&doc));
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
        let (files, mut warnings) = read::collect_files(&named)?;
        let extractor = Extractor::new();
        let mut linker = Linker::new(self.window);
        let total = files.len();
        let mut bytes = 0u64;
        for (done, file) in files.iter().enumerate() {
            let (path, name) = (&file.path, &file.name);
            let direct = named.contains(&path.as_path());
            match read::read_file(path, name) {
                Ok((doc, w)) => {
                    warnings.extend(w);
                    bytes += doc.text.len() as u64;
                    let doc = normalize::normalize(&doc);
                    linker.add(&doc, &extractor.extract(&doc));
                }
                Err(err) if direct || self.strict => return Err(err),
                Err(err) => warnings.push(Warning::new(
                    path,
                    format!("skipped: {}", strip_path(&err.to_string(), path)),
                )),
            }
            progress(Progress {
                done: done + 1,
                total,
                bytes,
            });
        }
        Ok(Build {
            graph: linker.finish(),
            warnings,
        })
    }
}

/// Error messages start with the path; a warning already carries it.
fn strip_path(message: &str, path: &Path) -> String {
    let prefix = format!("{}: ", path.display());
    message.strip_prefix(&prefix).unwrap_or(message).to_string()
}
