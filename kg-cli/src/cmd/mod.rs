//! The subcommands, one file each, and what they share: the `--graph`
//! option and the embedded graph, entity terms, `--kind`, output and tables.

use std::io::{self, BufWriter, IsTerminal, StdoutLock, Write};
use std::path::PathBuf;

use anyhow::Context;
use kg_core::{EntityKind, KnowledgeGraph};
use unicode_width::UnicodeWidthStr;

pub mod build;
pub mod eval;
pub mod export;
pub mod extract;
pub mod merge;
pub mod neighbors;
pub mod show;
pub mod why;

/// The graph of `data/corpus/*.txt`, built by `build.rs` at compile time.
static BUNDLED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/corpus.kg"));

/// `--graph FILE`, shared by every query.
#[derive(Debug, Clone, clap::Args)]
pub struct GraphArg {
    /// Query this graph file (made with `kg build`) instead of the bundled
    /// corpus's graph, which is built into kg.
    #[arg(long, value_name = "FILE")]
    graph: Option<PathBuf>,
}

impl GraphArg {
    /// Loads the named graph, or decodes the bundled one.
    pub fn load(&self) -> anyhow::Result<KnowledgeGraph> {
        match &self.graph {
            Some(path) => kg_core::store::load(path).context("cannot load the graph"),
            None => kg_core::store::from_bytes(BUNDLED, "the bundled corpus graph")
                .context("cannot load the graph built into kg (rebuild kg)"),
        }
    }
}

/// An entity kind on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum KindArg {
    /// A named official document (政策文件).
    Policy,
    /// A named initiative or strategy (行动/工程/战略).
    #[value(alias = "program")]
    Programme,
    /// A quantitative indicator with values (指标).
    Metric,
    /// A named body (机构).
    #[value(alias = "org", alias = "organisation")]
    Organization,
    /// A named place (地区).
    Region,
    /// A domain term (概念).
    Concept,
}

impl From<KindArg> for EntityKind {
    fn from(k: KindArg) -> EntityKind {
        match k {
            KindArg::Policy => EntityKind::Policy,
            KindArg::Programme => EntityKind::Programme,
            KindArg::Metric => EntityKind::Metric,
            KindArg::Organization => EntityKind::Organization,
            KindArg::Region => EntityKind::Region,
            KindArg::Concept => EntityKind::Concept,
        }
    }
}

/// Converts repeated `--kind` flags.
pub fn kinds(args: &[KindArg]) -> Vec<EntityKind> {
    args.iter().map(|&k| k.into()).collect()
}

/// clap's value parser for an entity term: an empty term, or one holding
/// control characters, is a usage error (exit 2) before any graph loads.
pub fn parse_term(s: &str) -> Result<String, String> {
    if s.trim().is_empty() {
        return Err("the term is empty".into());
    }
    if s.chars().any(char::is_control) {
        return Err("the term holds control characters".into());
    }
    Ok(s.to_string())
}

/// Buffered standard output. Every command writes through it with `?`, so
/// a closed pipe surfaces as an error that `main` turns into a quiet exit.
/// (JSON is serialized to a string before it is written: serde_json's
/// errors would hide the I/O error's kind.)
pub fn stdout() -> Stdout {
    Stdout(BufWriter::new(io::stdout().lock()))
}

/// Standard output whose errors say so, keeping their kind.
#[derive(Debug)]
pub struct Stdout(BufWriter<StdoutLock<'static>>);

fn on_stdout(e: io::Error) -> io::Error {
    io::Error::new(e.kind(), format!("cannot write to standard output: {e}"))
}

impl Write for Stdout {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.write(buf).map_err(on_stdout)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.flush().map_err(on_stdout)
    }
}

/// Whether the error is a write to a closed pipe (directly, or through
/// the csv crate, whose errors do not expose their I/O cause as a source).
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    let broken = |e: &io::Error| e.kind() == io::ErrorKind::BrokenPipe;
    err.chain().any(|e| {
        e.downcast_ref::<io::Error>().is_some_and(broken)
            || e.downcast_ref::<csv::Error>()
                .is_some_and(|e| matches!(e.kind(), csv::ErrorKind::Io(io) if broken(io)))
    })
}

/// Whether the error is the user's mistake in how kg was called.
pub fn is_usage_error(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        matches!(
            e.downcast_ref::<kg_core::Error>(),
            Some(kg_core::Error::InvalidQuery(_))
        )
    })
}

/// Whether progress bars should be drawn.
pub fn stderr_is_terminal() -> bool {
    io::stderr().is_terminal()
}

/// A plain text table whose columns line up for CJK text too.
#[derive(Debug)]
pub struct Table {
    header: Vec<String>,
    /// Per column: right-aligned (numbers) or not.
    right: Vec<bool>,
    rows: Vec<Vec<String>>,
}

impl Table {
    /// A table with these columns; `right` marks right-aligned ones.
    pub fn new(columns: &[(&str, bool)]) -> Table {
        Table {
            header: columns.iter().map(|(h, _)| h.to_string()).collect(),
            right: columns.iter().map(|&(_, r)| r).collect(),
            rows: Vec::new(),
        }
    }

    /// Adds a row (as many cells as columns).
    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    /// Writes the table, `indent` spaces in, two spaces between columns.
    pub fn write(&self, out: &mut impl Write, indent: usize) -> io::Result<()> {
        let mut widths: Vec<usize> = self.header.iter().map(|h| h.width()).collect();
        for row in &self.rows {
            for (w, cell) in widths.iter_mut().zip(row) {
                *w = (*w).max(cell.width());
            }
        }
        for row in std::iter::once(&self.header).chain(&self.rows) {
            let mut line = " ".repeat(indent);
            let last = row.len().saturating_sub(1);
            for (i, cell) in row.iter().enumerate() {
                let pad = " ".repeat(widths[i].saturating_sub(cell.width()));
                if self.right[i] {
                    line.push_str(&pad);
                    line.push_str(cell);
                } else {
                    line.push_str(cell);
                    if i != last {
                        line.push_str(&pad);
                    }
                }
                if i != last {
                    line.push_str("  ");
                }
            }
            writeln!(out, "{line}")?;
        }
        Ok(())
    }
}

/// The neighbour table of `kg neighbors` and `kg show`; `units` heads the
/// count column ("sentences together", …).
pub fn neighbor_table(units: &str, neighbors: &[kg_core::Neighbor]) -> Table {
    let mut table = Table::new(&[
        ("name", false),
        ("kind", false),
        (units, true),
        ("documents", true),
        ("score", true),
    ]);
    for n in neighbors {
        table.row(vec![
            n.name.clone(),
            n.kind.to_string(),
            n.count.to_string(),
            n.documents.to_string(),
            format!("{:.3}", n.score),
        ]);
    }
    table
}

/// The name of the co-occurrence unit, singular and plural.
pub fn unit_names(graph: &KnowledgeGraph) -> (&'static str, &'static str) {
    match graph.window() {
        kg_core::Window::Sentence => ("sentence", "sentences"),
        kg_core::Window::Paragraph => ("paragraph", "paragraphs"),
        kg_core::Window::Sentences(_) => ("window", "windows"),
    }
}

/// `n` and a noun in the number it needs: `1 entity`, `2 entities`.
pub fn count(n: usize, singular: &str, plural: &str) -> String {
    if n == 1 {
        format!("1 {singular}")
    } else {
        format!("{n} {plural}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_aligns_cjk_by_display_width() {
        let mut t = Table::new(&[("name", false), ("n", true)]);
        t.row(vec!["数据要素".into(), "3".into()]);
        t.row(vec!["AI".into(), "12".into()]);
        let mut out = Vec::new();
        t.write(&mut out, 0).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(text, "name       n\n数据要素   3\nAI        12\n");
    }

    #[test]
    fn terms_are_checked() {
        assert!(parse_term("").is_err());
        assert!(parse_term(" \t").is_err());
        assert!(parse_term("数据\u{7}").is_err());
        assert_eq!(parse_term("數據要素").unwrap(), "數據要素");
    }
}
