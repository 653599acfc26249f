//! `kg top`: the entities that rank highest.

use std::process::ExitCode;

use kg_core::RankBy;

use super::{Format, GraphArg, KindArg, Table};

/// Rank entities by mentions, documents, degree, PageRank or betweenness.
///
/// PageRank weighs links by sentences together (damping 0.85); degree and
/// betweenness count links, and `--min-count` prunes weak links first.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// What to rank by.
    #[arg(long, value_enum, default_value_t = By::Mentions)]
    by: By,
    /// Only entities of this kind (repeat for several).
    #[arg(long, value_enum, value_name = "KIND")]
    kind: Vec<KindArg>,
    /// Show the N highest (0 for all).
    #[arg(long, value_name = "N", default_value_t = 20)]
    top: usize,
    /// Ignore links seen in fewer than N sentences.
    #[arg(long, value_name = "N", default_value_t = 1)]
    min_count: u32,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    format: Format,
    #[command(flatten)]
    graph: GraphArg,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum By {
    /// Times mentioned.
    Mentions,
    /// Documents that mention it.
    Documents,
    /// Entities linked to it.
    Degree,
    /// Weighted PageRank.
    Pagerank,
    /// Betweenness centrality.
    Betweenness,
}

/// Runs `kg top`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let mut graph = args.graph.load_without_text()?;
    if args.min_count > 1 {
        graph = graph.prune(args.min_count);
    }
    let by = match args.by {
        By::Mentions => RankBy::Mentions,
        By::Documents => RankBy::Documents,
        By::Degree => RankBy::Degree,
        By::Pagerank => RankBy::Pagerank,
        By::Betweenness => RankBy::Betweenness,
    };
    let ranked = graph.top(by, &super::kinds(&args.kind), args.top);
    let value = match args.by {
        By::Mentions => "mentions",
        By::Documents => "documents",
        By::Degree => "degree",
        By::Pagerank => "pagerank",
        By::Betweenness => "betweenness",
    };
    let mut table = Table::new(&[
        ("rank", true),
        ("name", false),
        ("kind", false),
        (value, true),
    ]);
    for (i, r) in ranked.iter().enumerate() {
        let v = match args.by {
            By::Pagerank => format!("{:.5}", r.value),
            By::Betweenness => format!("{:.1}", r.value),
            _ => format!("{}", r.value),
        };
        table.row(vec![
            (i + 1).to_string(),
            r.name.clone(),
            r.kind.to_string(),
            v,
        ]);
    }
    let json = serde_json::json!({ "by": value, "entities": ranked });
    super::emit(args.format, None, &table, &json)?;
    if ranked.is_empty() {
        eprintln!("kg: no entity passes the filters");
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}
