//! `kg ego`: the neighbourhood of an entity as a subgraph.

use std::process::ExitCode;

use serde::Serialize;

use super::{Format, GraphArg, KindArg, Table};

/// Print the neighbourhood of an entity: the entities within --depth links
/// of it, each reached through the --top strongest links of the one
/// before, and the links among them.
///
/// `kg export --ego TERM` draws the same subgraph.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The entity at the centre.
    #[arg(value_parser = super::parse_term)]
    term: String,
    /// How many links away to go.
    #[arg(long, value_name = "N", default_value_t = 1)]
    depth: usize,
    /// Follow at most N links from each entity, strongest first (0 for all).
    #[arg(long, value_name = "N", default_value_t = 10)]
    top: usize,
    /// Only entities of this kind around the centre (repeat for several).
    #[arg(long, value_enum, value_name = "KIND")]
    kind: Vec<KindArg>,
    /// Only links seen in at least N sentences.
    #[arg(long, value_name = "N", default_value_t = 1)]
    min_count: u32,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    format: Format,
    #[command(flatten)]
    graph: GraphArg,
}

#[derive(Serialize)]
struct NodeOut<'a> {
    name: &'a str,
    kind: kg_core::EntityKind,
    distance: usize,
    mentions: u32,
}

#[derive(Serialize)]
struct EdgeOut<'a> {
    source: &'a str,
    target: &'a str,
    count: u32,
    npmi: f64,
    jaccard: f64,
}

/// Runs `kg ego`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let mut graph = args.graph.load_without_text()?;
    let kinds = super::kinds(&args.kind);
    if args.min_count > 1 || !kinds.is_empty() {
        let centre = graph.resolve(&args.term)?;
        graph = graph.retain(
            |n, e| n == centre || kinds.is_empty() || kinds.contains(&e.kind),
            args.min_count,
        );
    }
    let centre = graph.resolve(&args.term)?;
    let ego = graph.ego(centre, args.depth, args.top);
    let nodes: Vec<NodeOut> = ego
        .nodes
        .iter()
        .map(|&(n, distance)| {
            let e = graph.entity(n);
            NodeOut {
                name: &e.name,
                kind: e.kind,
                distance,
                mentions: e.mentions,
            }
        })
        .collect();
    let g = graph.graph();
    let edges: Vec<EdgeOut> = ego
        .edges
        .iter()
        .filter_map(|&e| {
            let (a, b) = g.edge_endpoints(e)?;
            let l = graph.link(e);
            Some(EdgeOut {
                source: &graph.entity(a).name,
                target: &graph.entity(b).name,
                count: l.count,
                npmi: l.npmi,
                jaccard: l.jaccard,
            })
        })
        .collect();
    let mut table = Table::new(&[
        ("distance", true),
        ("name", false),
        ("kind", false),
        ("mentions", true),
    ]);
    for n in &nodes {
        table.row(vec![
            n.distance.to_string(),
            n.name.to_string(),
            n.kind.to_string(),
            n.mentions.to_string(),
        ]);
    }
    let title = format!(
        "{} within {}: {}, {} among them",
        graph.entity(centre).name,
        super::count(args.depth, "link", "links"),
        super::count(nodes.len(), "entity", "entities"),
        super::count(edges.len(), "link", "links"),
    );
    let json = serde_json::json!({
        "centre": graph.entity(centre).name,
        "depth": args.depth,
        "nodes": nodes,
        "edges": edges,
    });
    super::emit(args.format, Some(&title), &table, &json)?;
    Ok(ExitCode::SUCCESS)
}
