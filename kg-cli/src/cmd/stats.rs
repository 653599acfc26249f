//! `kg stats`: the size of the graph.

use std::process::ExitCode;

use super::{Format, GraphArg, Table};

/// Count the graph: entities per kind, links, density, connected
/// components, documents, sentences.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    format: Format,
    #[command(flatten)]
    graph: GraphArg,
}

/// Runs `kg stats`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let graph = args.graph.load_without_text()?;
    let s = graph.stats();
    let mut table = Table::new(&[("measure", false), ("value", true)]);
    let mut row = |k: &str, v: String| table.row(vec![k.to_string(), v]);
    row("entities", s.nodes.to_string());
    for (kind, n) in &s.nodes_per_kind {
        row(&format!("  {kind}"), n.to_string());
    }
    row("links", s.edges.to_string());
    row("density", format!("{:.5}", s.density));
    row("components", s.components.to_string());
    row("documents", s.documents.to_string());
    row("sentences kept", s.sentences.to_string());
    row(
        &format!("{} (units)", super::unit_names(&graph).1),
        s.units.to_string(),
    );
    super::emit(args.format, None, &table, &s)?;
    Ok(ExitCode::SUCCESS)
}
