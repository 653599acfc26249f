//! `kg eval`: precision, recall and F1 per kind against a gold file.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use kg_core::eval;

/// Measure extraction against a gold file.
///
/// Extracts every article of the gold file and scores the result by the
/// matching rules of spec/entities.md: per kind, precision, recall and F1
/// with true positives, false positives and false negatives; for concepts,
/// recall within the first ranked ones. JSON: {"kinds": {"policy":
/// {"precision", "recall", "f1", "tp", "fp", "fn"}, …}, "concept_recall"}.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The gold file (JSON lines, as in spec/entities.md).
    #[arg(long, value_name = "FILE")]
    gold: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    /// Also list every false positive and false negative on standard error
    /// (id, kind, fp|fn, name; tab-separated).
    #[arg(long, short)]
    verbose: bool,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum Format {
    /// An aligned table.
    Table,
    /// One JSON object.
    Json,
}

/// Runs `kg eval`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let gold: Vec<eval::GoldArticle> = eval::read_jsonl(&args.gold)
        .with_context(|| format!("cannot read the gold file {}", args.gold.display()))?;
    let extractor = kg_core::Extractor::new();
    let report = eval::evaluate(&extractor, &gold);
    let mut out = super::stdout();
    match args.format {
        Format::Json => writeln!(out, "{}", serde_json::to_string_pretty(&report)?)?,
        Format::Table => {
            writeln!(
                out,
                "{:<14}{:>10}{:>8}{:>8}{:>6}{:>6}{:>6}",
                "kind", "precision", "recall", "F1", "tp", "fp", "fn"
            )?;
            for (kind, s) in &report.kinds {
                writeln!(
                    out,
                    "{:<14}{:>10.3}{:>8.3}{:>8.3}{:>6}{:>6}{:>6}",
                    kind, s.precision, s.recall, s.f1, s.tp, s.fp, s.fn_
                )?;
            }
            writeln!(
                out,
                "concept recall (first {}): {:.3}",
                eval::CONCEPT_CUTOFF,
                report.concept_recall
            )?;
        }
    }
    out.flush()?;
    if args.verbose {
        for m in &report.misses {
            eprintln!("{}\t{}\t{}\t{}", m.id, m.kind, m.what, m.name);
        }
    }
    Ok(ExitCode::SUCCESS)
}
