//! Build a graph from a directory of policy texts and ask it questions.
//!
//! ```sh
//! cargo run --example build_and_query -- data/corpus 数据要素
//! ```
//!
//! Without arguments it reads the bundled corpus and asks about 数据要素.

use kg_core::{GraphBuilder, NeighborQuery, SortBy};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let corpus = args
        .next()
        .unwrap_or_else(|| concat!(env!("CARGO_MANIFEST_DIR"), "/../data/corpus").to_string());
    let term = args.next().unwrap_or_else(|| "数据要素".to_string());

    // Stages 1–5: read, normalize, segment, extract, link.
    let build = GraphBuilder::new().build_from_paths(&[corpus.as_str()])?;
    for warning in &build.warnings {
        eprintln!("warning: {warning}");
    }
    let graph = build.graph;
    println!(
        "{} entities, {} links from {} documents",
        graph.graph().node_count(),
        graph.graph().edge_count(),
        graph.documents().len()
    );

    // Stage 7: query. `resolve` accepts aliases and Traditional forms.
    let node = graph.resolve(&term)?;
    let query = NeighborQuery {
        top: 10,
        sort: SortBy::Count,
        ..NeighborQuery::default()
    };
    println!("neighbours of {}:", graph.entity(node).name);
    let neighbors = graph.neighbors(node, &query);
    for n in &neighbors {
        println!(
            "  {}\t{}\t{} sentences\tNPMI {:.3}",
            n.name, n.kind, n.count, n.score
        );
    }

    // The evidence behind the strongest link.
    if let Some(first) = neighbors.first() {
        if let Some(unit) = graph.why(node, first.node).first() {
            println!(
                "why {} ~ {}: [{}]",
                graph.entity(node).name,
                first.name,
                unit.document
            );
            for s in &unit.sentences {
                println!("  {}", s.text);
            }
        }
    }
    Ok(())
}
