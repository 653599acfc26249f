//! The one error type of `kg-core`.
//!
//! Every error names what failed and where: a file path, a line, a byte
//! offset. Messages read `PATH: line N: problem` so a user can go straight to
//! the spot, in the style of the `csv` crate's errors.

use std::path::PathBuf;

/// A `Result` whose error is [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// An error from any stage of the pipeline.
///
/// ```
/// use kg_core::Error;
/// let err = Error::not_text("photo.png", "it holds NUL bytes");
/// assert_eq!(err.to_string(), "photo.png: not a text file: it holds NUL bytes");
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Reading or writing a file failed.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// The file is not text in any encoding kg reads.
    #[error("{}: not a text file: {reason}", path.display())]
    NotText {
        /// The file.
        path: PathBuf,
        /// Why it was judged not to be text.
        reason: String,
    },
    /// A lexicon or gold file has a malformed line.
    #[error("{}: line {line}: {problem}", path.display())]
    Parse {
        /// The file.
        path: PathBuf,
        /// 1-based line number.
        line: usize,
        /// What is wrong with the line.
        problem: String,
    },
    /// A graph file could not be loaded.
    #[error("{}: {problem}", path.display())]
    BadGraph {
        /// The graph file.
        path: PathBuf,
        /// What is wrong with it and what to do.
        problem: String,
    },
    /// A query named an entity the graph does not hold.
    #[error("no entity named '{}' in the graph{}", shorten(.term), suggest(.suggestions))]
    NotFound {
        /// The term as the user gave it.
        term: String,
        /// The nearest names the graph does hold, best first.
        suggestions: Vec<String>,
    },
    /// A query was malformed (an empty term, say).
    #[error("invalid query: {0}")]
    InvalidQuery(String),
    /// Graphs that cannot be merged (built with different windows, say).
    #[error("cannot merge: {0}")]
    Merge(String),
    /// Rendering or exporting failed.
    #[error("export failed: {0}")]
    Export(String),
    /// The work was stopped through a cancel flag
    /// ([`GraphBuilder::cancel_flag`](crate::GraphBuilder::cancel_flag),
    /// [`store::save_unless`](crate::store::save_unless)) before it was
    /// done; nothing was written.
    #[error("cancelled before the work was done; nothing was written")]
    Cancelled,
}

/// A term as an error message quotes it: at most [`QUOTE_CHARS`]
/// characters, so a 10,000-character query does not fill the terminal.
fn shorten(term: &str) -> String {
    match term.char_indices().nth(QUOTE_CHARS) {
        Some((end, _)) => format!("{}… ({} characters)", &term[..end], term.chars().count()),
        None => term.to_string(),
    }
}

/// How much of a term an error message quotes.
const QUOTE_CHARS: usize = 40;

fn suggest(suggestions: &[String]) -> String {
    if suggestions.is_empty() {
        String::new()
    } else {
        format!("; did you mean: {}?", suggestions.join(", "))
    }
}

impl Error {
    /// An I/O error on `path`.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    /// A file that is not text.
    pub fn not_text(path: impl Into<PathBuf>, reason: impl Into<String>) -> Self {
        Error::NotText {
            path: path.into(),
            reason: reason.into(),
        }
    }

    /// A malformed line in a data file.
    pub fn parse(path: impl Into<PathBuf>, line: usize, problem: impl Into<String>) -> Self {
        Error::Parse {
            path: path.into(),
            line,
            problem: problem.into(),
        }
    }

    /// A graph file that cannot be used.
    pub fn bad_graph(path: impl Into<PathBuf>, problem: impl Into<String>) -> Self {
        Error::BadGraph {
            path: path.into(),
            problem: problem.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_terms_are_quoted_shortened() {
        let err = Error::NotFound {
            term: "数".repeat(10_000),
            suggestions: vec!["数据要素".into()],
        };
        let msg = err.to_string();
        assert!(msg.contains("… (10000 characters)"), "{msg}");
        assert!(msg.chars().count() < 120, "{msg}");
        assert!(msg.ends_with("did you mean: 数据要素?"), "{msg}");
        let short = Error::NotFound {
            term: "数据".into(),
            suggestions: vec![],
        };
        assert_eq!(short.to_string(), "no entity named '数据' in the graph");
    }
}
