//! `kg export`: the graph as DOT or CSV.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use kg_core::export::csv::CsvProfile;
use kg_core::export::{self, ExportOptions};
use kg_core::KnowledgeGraph;

use super::{GraphArg, KindArg};

/// Export the graph as DOT (Graphviz) or CSV tables.
///
/// DOT is an undirected Graphviz graph with Chinese labels, a CJK font
/// (Noto Sans CJK SC, with fallbacks), kinds told apart by shape and colour,
/// node size by mentions and edge width by sentences together; it lays out
/// with neato: `kg export --format dot --top 60 | dot -Tsvg > kg.svg`. It
/// shows the 100 most mentioned entities unless --top says otherwise.
///
/// CSV writes three tables into the directory given with -o (created if
/// missing): nodes.csv, edges.csv and evidence.csv (the sentence behind
/// every link), in one of three profiles: tool (the default: Gephi's
/// headers, UTF-8 without a BOM, values untouched, what Gephi and scripts
/// need), excel (a BOM so Excel shows the Chinese, formula-like text
/// neutralized with a leading ') or neo4j (neo4j-admin import headers).
/// Files are replaced atomically.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Output format.
    #[arg(long, value_enum)]
    format: Format,
    /// Write to this file (dot; default: standard output) or into this
    /// directory (csv; required).
    #[arg(short, long, value_name = "PATH", required_if_eq("format", "csv"))]
    output: Option<PathBuf>,
    /// Keep only the N most mentioned entities (0 for all) [default: 100
    /// for dot, all for csv].
    #[arg(long, value_name = "N")]
    top: Option<usize>,
    /// Keep only links seen in at least N sentences (and, above 1, only
    /// entities that keep a link).
    #[arg(long, value_name = "N", default_value_t = 1)]
    min_count: u32,
    /// Keep only entities of this kind (repeat for several).
    #[arg(long, value_enum, value_name = "KIND")]
    kind: Vec<KindArg>,
    /// Whom the CSV tables are for.
    #[arg(long, value_enum, default_value_t = Profile::Tool)]
    profile: Profile,
    #[command(flatten)]
    graph: GraphArg,
}

/// How many entities a DOT picture shows unless `--top` says otherwise.
const DOT_TOP: usize = 100;

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum Format {
    /// Graphviz DOT.
    Dot,
    /// nodes.csv, edges.csv and evidence.csv.
    Csv,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum Profile {
    /// Gephi, scripts: no BOM, values untouched, Gephi's headers.
    Tool,
    /// Excel, LibreOffice: a BOM, formula-like text neutralized.
    Excel,
    /// neo4j-admin import headers (:ID, :START_ID, typed properties).
    Neo4j,
}

impl From<Profile> for CsvProfile {
    fn from(p: Profile) -> Self {
        match p {
            Profile::Tool => CsvProfile::Tool,
            Profile::Excel => CsvProfile::Excel,
            Profile::Neo4j => CsvProfile::Neo4j,
        }
    }
}

/// Runs `kg export`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    // A picture of thousands of nodes is neither readable nor quick to lay
    // out; tables have no such limit.
    let top = match (args.top, args.format) {
        (Some(0), _) => None,
        (Some(n), _) => Some(n),
        (None, Format::Dot) => Some(DOT_TOP),
        (None, Format::Csv) => None,
    };
    let opts = ExportOptions {
        top,
        min_count: args.min_count,
        kinds: super::kinds(&args.kind),
    };
    let graph = args.graph.load()?;
    match (args.format, &args.output) {
        (Format::Dot, None) => {
            let mut out = super::stdout();
            export::dot::write_dot(&graph, &opts, &mut out)?;
            out.flush()?;
        }
        (Format::Dot, Some(path)) => {
            kg_core::store::write_atomically(path, |w| export::dot::write_dot(&graph, &opts, w))?;
        }
        (Format::Csv, Some(dir)) => write_csv(&graph, &opts, args.profile.into(), dir)?,
        (Format::Csv, None) => anyhow::bail!("csv export needs a directory: -o DIR"),
    }
    Ok(ExitCode::SUCCESS)
}

fn write_csv(
    graph: &KnowledgeGraph,
    opts: &ExportOptions,
    profile: CsvProfile,
    dir: &Path,
) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir)
        .with_context(|| format!("cannot create the directory {}", dir.display()))?;
    kg_core::store::write_atomically(&dir.join("nodes.csv"), |w| {
        export::csv::write_nodes(graph, opts, profile, w)
    })?;
    kg_core::store::write_atomically(&dir.join("edges.csv"), |w| {
        export::csv::write_edges(graph, opts, profile, w)
    })?;
    kg_core::store::write_atomically(&dir.join("evidence.csv"), |w| {
        export::csv::write_evidence(graph, opts, profile, w)
    })?;
    Ok(())
}
