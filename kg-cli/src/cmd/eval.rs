//! `kg eval`: precision, recall and F1 per kind against a gold file.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use kg_core::eval;

/// Arguments of `kg eval`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The gold file (JSON lines, as in spec/entities.md).
    #[arg(long)]
    gold: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    /// Also list every false positive and false negative.
    #[arg(long, short)]
    verbose: bool,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum Format {
    Table,
    Json,
}

/// Runs `kg eval`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let gold: Vec<eval::GoldArticle> = eval::read_jsonl(&args.gold)
        .with_context(|| format!("cannot read the gold file {}", args.gold.display()))?;
    let extractor = kg_core::Extractor::new();
    let report = eval::evaluate(&extractor, &gold);
    match args.format {
        Format::Json => println!("{}", serde_json::to_string_pretty(&report)?),
        Format::Table => {
            println!(
                "{:<14}{:>10}{:>8}{:>8}{:>6}{:>6}{:>6}",
                "kind", "precision", "recall", "F1", "tp", "fp", "fn"
            );
            for (kind, s) in &report.kinds {
                println!(
                    "{:<14}{:>10.3}{:>8.3}{:>8.3}{:>6}{:>6}{:>6}",
                    kind, s.precision, s.recall, s.f1, s.tp, s.fp, s.fn_
                );
            }
            println!(
                "concept recall (first {}): {:.3}",
                eval::CONCEPT_CUTOFF,
                report.concept_recall
            );
        }
    }
    if args.verbose {
        for m in &report.misses {
            eprintln!("{}\t{}\t{}\t{}", m.id, m.kind, m.what, m.name);
        }
    }
    Ok(ExitCode::SUCCESS)
}
