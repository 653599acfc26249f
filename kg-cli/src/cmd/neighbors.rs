//! `kg neighbors`: the entities most strongly linked to one.

use std::io::Write;
use std::process::ExitCode;

use kg_core::{Neighbor, NeighborQuery, SortBy};
use serde::Serialize;

use super::{GraphArg, KindArg};

/// List the entities most strongly linked to one.
///
/// TERM may be the canonical name, any alias, or a Traditional or
/// full-width form: `數據要素` finds 数据要素. The table gives each
/// neighbour's kind, the sentences and documents the two share, and their
/// association score (NPMI, from -1 to 1; 0 means no more often together
/// than chance).
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The entity: a name or alias, Simplified or Traditional.
    #[arg(value_parser = super::parse_term)]
    term: String,
    /// Only neighbours of this kind (repeat for several).
    #[arg(long, value_enum, value_name = "KIND")]
    kind: Vec<KindArg>,
    /// Show at most N neighbours (0 for all).
    #[arg(long, value_name = "N", default_value_t = 20)]
    top: usize,
    /// Only links seen in at least N sentences.
    #[arg(long, value_name = "N", default_value_t = 1)]
    min_count: u32,
    /// Order by sentences together, or by an association measure.
    #[arg(long, value_enum, default_value_t = Sort::Count)]
    sort: Sort,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    #[command(flatten)]
    graph: GraphArg,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum Sort {
    /// Most sentences together first.
    Count,
    /// Highest NPMI first.
    #[value(alias = "npmi")]
    Score,
    /// Highest Jaccard index first.
    Jaccard,
    /// Highest association strength (observed over expected) first.
    Strength,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum Format {
    /// An aligned table, for reading.
    Table,
    /// CSV with a header row: name,kind,count,documents,score.
    Csv,
    /// One JSON object: the entity and its neighbours.
    Json,
}

#[derive(Serialize)]
struct JsonOut<'a> {
    name: &'a str,
    kind: kg_core::EntityKind,
    neighbors: &'a [Neighbor],
}

/// Runs `kg neighbors`. Exits 1 when the entity is unknown or has no
/// neighbour that passes the filters.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let query = NeighborQuery {
        kinds: super::kinds(&args.kind),
        top: 0,
        min_count: args.min_count,
        sort: match args.sort {
            Sort::Count => SortBy::Count,
            Sort::Score => SortBy::Score,
            Sort::Jaccard => SortBy::Jaccard,
            Sort::Strength => SortBy::Strength,
        },
    };
    let graph = args.graph.load_without_text()?;
    let node = graph.resolve(&args.term)?;
    let entity = graph.entity(node);
    let mut neighbors = graph.neighbors(node, &query);
    let total = neighbors.len();
    if args.top > 0 {
        neighbors.truncate(args.top);
    }

    let mut out = super::stdout();
    match args.format {
        Format::Table => {
            let units = super::unit_names(&graph).1;
            writeln!(
                out,
                "{} ({}): {} of {} neighbours, by {}",
                entity.name,
                entity.kind,
                neighbors.len(),
                total,
                match args.sort {
                    Sort::Count => format!("{units} together"),
                    Sort::Score => "association score".to_string(),
                    Sort::Jaccard => "Jaccard index".to_string(),
                    Sort::Strength => "association strength".to_string(),
                }
            )?;
            if !neighbors.is_empty() {
                let table = super::neighbor_table(units, &neighbors);
                writeln!(out)?;
                table.write(&mut out, 0)?;
            }
        }
        Format::Csv => {
            let mut w = csv::Writer::from_writer(&mut out);
            w.write_record(["name", "kind", "count", "documents", "score"])?;
            for n in &neighbors {
                w.write_record([
                    n.name.as_str(),
                    n.kind.as_str(),
                    &n.count.to_string(),
                    &n.documents.to_string(),
                    &format!("{:.3}", n.score),
                ])?;
            }
            w.flush()?;
        }
        Format::Json => {
            let json = JsonOut {
                name: &entity.name,
                kind: entity.kind,
                neighbors: &neighbors,
            };
            writeln!(out, "{}", serde_json::to_string_pretty(&json)?)?;
        }
    }
    out.flush()?;
    if neighbors.is_empty() {
        eprintln!(
            "kg: {} has no neighbours{}",
            entity.name,
            if args.kind.is_empty() && args.min_count <= 1 {
                ""
            } else {
                " that pass the filters"
            }
        );
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}
