//! `kg export`: the graph as DOT, a rendered picture, CSV, GraphML or JSON.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use kg_core::export::csv::CsvProfile;
use kg_core::export::dot::Picture;
use kg_core::export::{self, EgoOptions, ExportOptions};
use kg_core::store::FileWriter;
use kg_core::KnowledgeGraph;

use super::{GraphArg, KindArg};
use crate::interrupt::Interrupt;

/// Export the graph as DOT (Graphviz), a picture (SVG, PNG, PDF), CSV
/// tables, GraphML or node-link JSON.
///
/// DOT is an undirected Graphviz graph with Chinese labels, a CJK font
/// (Noto Sans CJK SC, with fallbacks), kinds told apart by shape and colour,
/// node size by mentions and edge width by sentences together; it lays out
/// with neato: `kg export --format dot --top 60 | dot -Tsvg > kg.svg`. It
/// shows the 100 most mentioned entities unless --top says otherwise, and
/// a legend of kinds. svg, png and pdf run Graphviz (installed apart:
/// `apt-get install graphviz fonts-noto-cjk`) on that DOT: `kg export
/// --format svg --ego 数据要素 -o 数据要素.svg`.
///
/// GraphML (Gephi, Cytoscape, yEd, networkx), GEXF (Gephi) and JSON (networkx's
/// node-link form) carry every attribute, typed, with each entity's
/// community. Without -o they go to standard output.
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
    /// Export only the neighbourhood of this entity (as `kg ego` lists it).
    #[arg(long, value_name = "TERM", value_parser = super::parse_term)]
    ego: Option<String>,
    /// With --ego: how many links away to go.
    #[arg(long, value_name = "N", default_value_t = 1, requires = "ego")]
    depth: usize,
    /// With --ego: follow at most N links from each entity, strongest first
    /// (0 for all).
    #[arg(long, value_name = "N", default_value_t = 10, requires = "ego")]
    fan_out: usize,
    /// The link measure written as `weight` (CSV Weight, GraphML and JSON
    /// weight) and drawn as line width.
    #[arg(long, value_enum, default_value_t)]
    weight: super::WeightArg,
    /// Pictures: draw each community (as `kg communities` finds them) as a
    /// cluster.
    #[arg(long)]
    clusters: bool,
    #[command(flatten)]
    graph: GraphArg,
}

/// How many entities a DOT picture shows unless `--top` says otherwise.
const DOT_TOP: usize = 100;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    /// Graphviz DOT.
    Dot,
    /// A picture drawn by Graphviz: SVG.
    Svg,
    /// A picture drawn by Graphviz: PNG.
    Png,
    /// A picture drawn by Graphviz: PDF.
    Pdf,
    /// nodes.csv, edges.csv and evidence.csv.
    Csv,
    /// GraphML, typed attributes.
    Graphml,
    /// GEXF 1.2, Gephi's own format.
    Gexf,
    /// Node-link JSON (networkx, web graph libraries).
    Json,
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
    let picture = match args.format {
        Format::Svg => Some(Picture::Svg),
        Format::Png => Some(Picture::Png),
        Format::Pdf => Some(Picture::Pdf),
        _ => None,
    };
    if matches!(args.format, Format::Png | Format::Pdf)
        && args.output.is_none()
        && std::io::stdout().is_terminal()
    {
        anyhow::bail!(
            "a {} picture is binary and would garble the terminal: write it to a file with -o FILE",
            if args.format == Format::Png {
                "PNG"
            } else {
                "PDF"
            }
        );
    }
    let graph = args.graph.load()?;
    // A picture of thousands of nodes is neither readable nor quick to lay
    // out; tables have no such limit.
    let top = match args.top {
        Some(0) => None,
        Some(n) => Some(n),
        None if picture.is_some() || args.format == Format::Dot => Some(DOT_TOP),
        None => None,
    };
    let ego = match &args.ego {
        Some(term) => Some(EgoOptions {
            centre: graph.resolve(term)?,
            depth: args.depth,
            fan_out: args.fan_out,
        }),
        None => None,
    };
    let opts = ExportOptions {
        top,
        min_count: args.min_count,
        kinds: super::kinds(&args.kind),
        ego,
        weight: args.weight.into(),
        clusters: args.clusters,
    };
    let write = |w: &mut dyn Write| -> anyhow::Result<()> {
        match args.format {
            Format::Dot => export::dot::write_dot(&graph, &opts, w)?,
            Format::Graphml => export::graphml::write_graphml(&graph, &opts, w)?,
            Format::Gexf => export::gexf::write_gexf(&graph, &opts, w)?,
            Format::Json => export::json::write_json(&graph, &opts, w)?,
            Format::Svg | Format::Png | Format::Pdf => {
                let picture = picture.unwrap_or(Picture::Svg);
                w.write_all(&export::dot::render(&graph, &opts, picture)?)?;
            }
            Format::Csv => anyhow::bail!("csv export needs a directory: -o DIR"),
        }
        Ok(())
    };
    let output = match (args.format, &args.output) {
        (Format::Csv, None) => anyhow::bail!("csv export needs a directory: -o DIR"),
        (_, None) => {
            // Nothing to clean up on stdout: Ctrl-C may end kg at once.
            let mut out = super::stdout();
            write(&mut out)?;
            out.flush()?;
            return Ok(ExitCode::SUCCESS);
        }
        (_, Some(output)) => output,
    };
    let interrupt = Interrupt::install()?;
    let written = if args.format == Format::Csv {
        write_csv(&graph, &opts, args.profile.into(), output, &interrupt)
    } else {
        // Rendered in memory first, so a failed Graphviz run or a Ctrl-C
        // while rendering leaves the file as it was.
        let mut bytes = Vec::new();
        let rendered = write(&mut bytes);
        if interrupt.is_set() {
            return Ok(interrupt.report("export", output));
        }
        rendered?;
        kg_core::store::write_atomically_unless(output, &interrupt.flag(), |w| w.write_all(&bytes))
            .map_err(anyhow::Error::from)
    };
    match written {
        Err(err) if interrupt.is_set() || cancelled(&err) => Ok(interrupt.report("export", output)),
        Err(err) => Err(err),
        Ok(()) => Ok(ExitCode::SUCCESS),
    }
}

fn cancelled(err: &anyhow::Error) -> bool {
    matches!(
        err.downcast_ref::<kg_core::Error>(),
        Some(kg_core::Error::Cancelled)
    )
}

/// Writes nodes.csv, edges.csv and evidence.csv into `dir` as a set:
/// streamed into temporary files and renamed into place only when all
/// three are written, unless Ctrl-C came first.
fn write_csv(
    graph: &KnowledgeGraph,
    opts: &ExportOptions,
    profile: CsvProfile,
    dir: &Path,
    interrupt: &Interrupt,
) -> anyhow::Result<()> {
    let existed = dir.exists();
    std::fs::create_dir_all(dir)
        .with_context(|| format!("cannot create the directory {}", dir.display()))?;
    let (nodes, edges, evidence) = (
        dir.join("nodes.csv"),
        dir.join("edges.csv"),
        dir.join("evidence.csv"),
    );
    let files: Vec<(&Path, FileWriter)> = vec![
        (
            &nodes,
            Box::new(|w| export::csv::write_nodes(graph, opts, profile, w)),
        ),
        (
            &edges,
            Box::new(|w| export::csv::write_edges(graph, opts, profile, w)),
        ),
        (
            &evidence,
            Box::new(|w| export::csv::write_evidence(graph, opts, profile, w)),
        ),
    ];
    let written = kg_core::store::write_files_atomically_unless(files, &interrupt.flag());
    if written.is_err() && !existed {
        // Only if still empty: nothing of the user's is removed.
        let _ = std::fs::remove_dir(dir);
    }
    Ok(written?)
}
