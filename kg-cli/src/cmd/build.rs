//! `kg build`: text files into a graph file.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use indicatif::{ProgressBar, ProgressStyle};
use kg_core::{GraphBuilder, Window};

use crate::interrupt::Interrupt;

/// Build a graph file from text files and directories.
///
/// Reads every file named and every file under every directory named
/// (recursively, hidden files skipped), in UTF-8, UTF-16 with a BOM, GBK or
/// GB18030, and writes the graph to FILE, replacing it atomically. Query it
/// with `kg neighbors TERM --graph FILE`. The bundled corpus needs no
/// build: its graph is built into kg.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Text files and directories to read.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Write the graph to this file.
    #[arg(short, long, value_name = "FILE", default_value = "kg.graph")]
    output: PathBuf,
    /// The unit of co-occurrence: sentence, paragraph, or a number N for
    /// blocks of N sentences.
    #[arg(long, value_name = "sentence|paragraph|N", default_value = "sentence", value_parser = parse_window)]
    window: Window,
    /// Fail on a file that is not text instead of skipping it.
    #[arg(long)]
    strict: bool,
    /// Worker threads for reading and extraction (default: one per core).
    /// With more than one, files are linked in order on a thread of their
    /// own as the workers finish them; with 1, everything runs on one thread.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    threads: Option<u16>,
}

/// `Window` accepts a number, which a `ValueEnum` cannot express.
fn parse_window(s: &str) -> Result<Window, String> {
    s.parse()
}

/// Runs `kg build`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let interrupt = Interrupt::install()?;
    let mut builder = GraphBuilder::new()
        .window(args.window)
        .strict(args.strict)
        .cancel_flag(interrupt.flag());
    if let Some(threads) = args.threads {
        builder = builder.threads(usize::from(threads));
    }
    let bar = if super::stderr_is_terminal() {
        let bar = ProgressBar::new(0);
        bar.set_style(
            ProgressStyle::with_template("{spinner} [{bar:30}] {pos}/{len} files, {msg}")
                .context("progress bar template")?
                .progress_chars("=> "),
        );
        bar.set_message("reading");
        // Large files take a while each; the spinner shows kg is alive.
        bar.enable_steady_tick(std::time::Duration::from_millis(120));
        bar
    } else {
        ProgressBar::hidden()
    };
    let build = builder.build_from_paths_with_progress(&args.paths, |p| {
        bar.set_length(p.total as u64);
        bar.set_position(p.done as u64);
        bar.set_message(format!("{:.1} MB", p.bytes as f64 / 1e6));
    });
    bar.finish_and_clear();
    let build = match build {
        Err(kg_core::Error::Cancelled) => return Ok(interrupt.report("build", &args.output)),
        other => other?,
    };
    for warning in &build.warnings {
        eprintln!("kg: warning: {warning}");
    }
    let graph = &build.graph;
    if graph.documents().is_empty() {
        anyhow::bail!(
            "no text files found; nothing written to {}",
            args.output.display()
        );
    }
    match kg_core::store::save_unless(graph, &args.output, &interrupt.flag()) {
        Err(kg_core::Error::Cancelled) => return Ok(interrupt.report("build", &args.output)),
        other => other?,
    }
    let mut out = super::stdout();
    writeln!(
        out,
        "{}: {}, {}, {} ({} window)",
        args.output.display(),
        super::count(graph.documents().len(), "document", "documents"),
        super::count(graph.graph().node_count(), "entity", "entities"),
        super::count(graph.graph().edge_count(), "link", "links"),
        graph.window()
    )?;
    out.flush()?;
    // The process ends next: freeing a large graph allocation by allocation
    // takes tens of milliseconds that the system does at once on exit.
    std::mem::forget(build);
    Ok(ExitCode::SUCCESS)
}
