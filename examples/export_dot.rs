//! Build a graph and write it as DOT for Graphviz, keeping the N most
//! mentioned entities so the picture stays readable.
//!
//! ```sh
//! cargo run --example export_dot -- data/corpus 40 > corpus.dot
//! dot -Tsvg corpus.dot > corpus.svg
//! ```

use kg_core::export::{dot, ExportOptions};
use kg_core::GraphBuilder;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let corpus = args
        .next()
        .unwrap_or_else(|| concat!(env!("CARGO_MANIFEST_DIR"), "/../data/corpus").to_string());
    let top: usize = args.next().map_or(Ok(40), |n| n.parse())?;

    let graph = GraphBuilder::new()
        .build_from_paths(&[corpus.as_str()])?
        .graph;
    let options = ExportOptions {
        top: Some(top),
        min_count: 2,
        ..ExportOptions::default()
    };
    // Any io::Write will do: a file, a socket, a Vec<u8>.
    let stdout = std::io::stdout();
    dot::write_dot(&graph, &options, &mut stdout.lock())?;
    Ok(())
}
