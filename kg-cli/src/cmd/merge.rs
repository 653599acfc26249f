//! `kg merge`: graph files of corpus shards into one graph file.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;

use crate::interrupt::Interrupt;

/// Merge graph files built from shards of a corpus into one.
///
/// Each FILE is a graph made with `kg build` from part of a corpus, on this
/// machine or any other, all with the same --window. Entities are matched
/// by kind and name, counts summed and scores recomputed, so the result is
/// the graph `kg build` would make of all the parts together; the order of
/// the files only changes the order of the documents.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Graph files to merge, in order.
    #[arg(required = true, value_name = "FILE")]
    graphs: Vec<PathBuf>,
    /// Write the merged graph to this file.
    #[arg(short, long, value_name = "FILE", required = true)]
    output: PathBuf,
}

/// Runs `kg merge`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let interrupt = Interrupt::install()?;
    let mut merged: Option<kg_core::KnowledgeGraph> = None;
    for path in &args.graphs {
        if interrupt.is_set() {
            return Ok(interrupt.report("merge", &args.output));
        }
        let graph = kg_core::store::load(path).context("cannot load a graph to merge")?;
        match &mut merged {
            None => merged = Some(graph),
            Some(all) => all
                .merge(&graph)
                .with_context(|| format!("{}", path.display()))?,
        }
    }
    let graph = merged.context("no graph files given")?;
    match kg_core::store::save_unless(&graph, &args.output, &interrupt.flag()) {
        Err(kg_core::Error::Cancelled) => return Ok(interrupt.report("merge", &args.output)),
        other => other?,
    }
    let mut out = super::stdout();
    writeln!(
        out,
        "{}: {}, {}, {} ({} window), from {}",
        args.output.display(),
        super::count(graph.documents().len(), "document", "documents"),
        super::count(graph.graph().node_count(), "entity", "entities"),
        super::count(graph.graph().edge_count(), "link", "links"),
        graph.window(),
        super::count(args.graphs.len(), "graph", "graphs"),
    )?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
