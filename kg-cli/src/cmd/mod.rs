//! The subcommands, one file each, and what they share: the `--graph`
//! option and the embedded graph, entity terms, `--kind`, output and tables.

use std::io::{self, BufWriter, IsTerminal, StdoutLock, Write};
use std::path::PathBuf;

use anyhow::Context;
use kg_core::{EntityKind, KnowledgeGraph};
use unicode_width::UnicodeWidthStr;

pub mod build;
pub mod communities;
pub mod compare;
pub mod ego;
pub mod eval;
pub mod export;
pub mod extract;
pub mod merge;
pub mod neighbors;
pub mod path;
pub mod search;
pub mod show;
pub mod stats;
pub mod top;
pub mod why;

/// The graph of `data/corpus/*.txt`, built by `build.rs` at compile time.
static BUNDLED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/corpus.kg"));

/// `--graph FILE` and the document filters, shared by every query and export.
#[derive(Debug, Clone, clap::Args)]
pub struct GraphArg {
    /// Query this graph file (made with `kg build`) instead of the bundled
    /// corpus's graph, which is built into kg.
    #[arg(long, value_name = "FILE")]
    graph: Option<PathBuf>,
    /// Only the documents whose name matches this glob (repeat for several):
    /// `--doc '*2025*'`. Counts and scores are recomputed as if the graph
    /// had been built from those documents alone.
    #[arg(long, value_name = "GLOB")]
    doc: Vec<String>,
    /// Only the documents of this year, or of a range of years
    /// (`--year 2024-2025`), as read from their names or datelines;
    /// documents without a year are left out.
    #[arg(long, value_name = "YEAR[-YEAR]", value_parser = parse_years)]
    year: Option<(u16, u16)>,
}

/// `2025` or `2024-2025`.
fn parse_years(s: &str) -> Result<(u16, u16), String> {
    let year = |y: &str| {
        y.trim()
            .parse::<u16>()
            .map_err(|_| format!("'{y}' is not a year; write e.g. 2025 or 2024-2025"))
    };
    match s.split_once(['-', ':', '–']) {
        Some((a, b)) => Ok((year(a)?, year(b)?)),
        None => year(s).map(|y| (y, y)),
    }
}

impl GraphArg {
    /// Loads the named graph, or decodes the bundled one, and keeps the
    /// documents the filters ask for.
    pub fn load(&self) -> anyhow::Result<KnowledgeGraph> {
        self.load_with(|p| kg_core::store::load(p))
    }

    /// [`GraphArg::load`] without the sentences' text, for queries that
    /// print no evidence: a large graph file loads in half the memory.
    pub fn load_without_text(&self) -> anyhow::Result<KnowledgeGraph> {
        self.load_with(|p| kg_core::store::load_without_text(p))
    }

    fn load_with(
        &self,
        load: fn(&std::path::Path) -> kg_core::Result<KnowledgeGraph>,
    ) -> anyhow::Result<KnowledgeGraph> {
        let graph = match &self.graph {
            Some(path) => load(path).context("cannot load the graph")?,
            None => kg_core::store::from_bytes(BUNDLED, "the bundled corpus graph")
                .context("cannot load the graph built into kg (rebuild kg)")?,
        };
        let filter = kg_core::DocumentFilter::new(&self.doc, self.year)?;
        if !filter.is_active() {
            return Ok(graph);
        }
        let sub = graph.restrict(&filter);
        if sub.documents().is_empty() {
            let years: Vec<String> = {
                let mut y: Vec<u16> = graph.documents().iter().filter_map(|d| d.year).collect();
                y.sort_unstable();
                y.dedup();
                y.iter().map(u16::to_string).collect()
            };
            anyhow::bail!(
                "no document passes the filters (--doc, --year); the graph's documents are {} and their years {}",
                graph
                    .documents()
                    .iter()
                    .take(5)
                    .map(|d| d.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
                    + if graph.documents().len() > 5 { ", …" } else { "" },
                if years.is_empty() { "unknown".to_string() } else { years.join(", ") }
            );
        }
        Ok(sub)
    }
}

/// How a query prints its answer.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// An aligned table, for reading.
    #[default]
    Table,
    /// CSV with a header row, for spreadsheets and scripts.
    Csv,
    /// JSON, for scripts (the shapes are documented in docs/json.md).
    Json,
}

/// A link weight on the command line: what `--sort` and `--weight` take.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum WeightArg {
    /// Units (sentences) together.
    #[default]
    Count,
    /// NPMI, from -1 to 1 (0: as often together as chance).
    #[value(alias = "npmi")]
    Score,
    /// Jaccard index of the two entities' sentences.
    Jaccard,
    /// Association strength, observed over expected (VOSviewer's).
    Strength,
}

impl From<WeightArg> for kg_core::SortBy {
    fn from(w: WeightArg) -> Self {
        match w {
            WeightArg::Count => kg_core::SortBy::Count,
            WeightArg::Score => kg_core::SortBy::Score,
            WeightArg::Jaccard => kg_core::SortBy::Jaccard,
            WeightArg::Strength => kg_core::SortBy::Strength,
        }
    }
}

/// Writes an answer: `table` as an aligned table (after `title`, if any)
/// or as CSV, or `json` as pretty JSON.
pub fn emit(
    format: Format,
    title: Option<&str>,
    table: &Table,
    json: &impl serde::Serialize,
) -> anyhow::Result<()> {
    let mut out = stdout();
    match format {
        Format::Table => {
            if let Some(title) = title {
                writeln!(out, "{title}")?;
                if !table.rows.is_empty() {
                    writeln!(out)?;
                }
            }
            if !table.rows.is_empty() {
                table.write(&mut out, 0)?;
            }
        }
        Format::Csv => {
            let mut w = csv::Writer::from_writer(&mut out);
            w.write_record(&table.header)?;
            for row in &table.rows {
                w.write_record(row)?;
            }
            w.flush()?;
        }
        Format::Json => writeln!(out, "{}", serde_json::to_string_pretty(json)?)?,
    }
    out.flush()?;
    Ok(())
}

/// A float for tables: three decimals.
pub fn f3(x: f64) -> String {
    format!("{x:.3}")
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
