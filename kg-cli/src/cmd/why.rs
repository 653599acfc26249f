//! `kg why`: the sentences that link two entities.

use std::io::Write;
use std::process::ExitCode;

use super::GraphArg;

/// Show the sentences that link two entities.
///
/// Prints each unit of text (a sentence, unless the graph was built with
/// another `--window`) in which both entities occur, with the document it
/// comes from and the sentence's number in it. Exits 1 when the two are
/// never mentioned together.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// One entity: a name or alias, Simplified or Traditional.
    #[arg(value_parser = super::parse_term)]
    a: String,
    /// The other entity.
    #[arg(value_parser = super::parse_term)]
    b: String,
    /// Show at most N sentences (0 for all).
    #[arg(long, value_name = "N", default_value_t = 20)]
    limit: usize,
    /// Output format: table and csv give one row per sentence.
    #[arg(long, value_enum, default_value_t)]
    format: super::Format,
    #[command(flatten)]
    graph: GraphArg,
}

/// Runs `kg why`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let graph = args.graph.load()?;
    let a = graph.resolve(&args.a)?;
    let b = graph.resolve(&args.b)?;
    let (name_a, name_b) = (&graph.entity(a).name, &graph.entity(b).name);
    if a == b {
        anyhow::bail!("'{}' and '{}' are both {name_a}", args.a, args.b);
    }
    let (unit, units_plural) = super::unit_names(&graph);
    let units = graph.why(a, b);
    if units.is_empty() {
        eprintln!("kg: {name_a} and {name_b} are not linked: no {unit} mentions both");
        return Ok(ExitCode::from(1));
    }
    let documents = units
        .iter()
        .map(|u| u.document)
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    let shown = if args.limit == 0 {
        units.len()
    } else {
        args.limit.min(units.len())
    };
    if args.format != super::Format::Table {
        let mut table = super::Table::new(&[
            ("document", false),
            ("sentence", true),
            ("start", true),
            ("end", true),
            ("text", false),
        ]);
        let mut json_units = Vec::new();
        for ev in &units[..shown] {
            let mut sentences = Vec::new();
            for s in &ev.sentences {
                table.row(vec![
                    ev.document.to_string(),
                    s.record.index.to_string(),
                    s.record.start.to_string(),
                    s.record.end.to_string(),
                    s.text.to_string(),
                ]);
                sentences.push(serde_json::json!({
                    "index": s.record.index, "start": s.record.start, "end": s.record.end, "text": s.text,
                }));
            }
            json_units.push(serde_json::json!({ "document": ev.document, "sentences": sentences }));
        }
        let json = serde_json::json!({
            "a": name_a, "b": name_b, "count": units.len(), "documents": documents,
            "units": json_units,
        });
        super::emit(args.format, None, &table, &json)?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut out = super::stdout();
    writeln!(
        out,
        "{name_a} — {name_b}: {} in {}",
        super::count(units.len(), unit, units_plural),
        super::count(documents, "document", "documents")
    )?;
    for ev in &units[..shown] {
        let Some(first) = ev.sentences.first() else {
            continue;
        };
        writeln!(out, "\n{}, sentence {}:", ev.document, first.record.index)?;
        for s in &ev.sentences {
            writeln!(out, "  {}", s.text)?;
        }
    }
    if shown < units.len() {
        writeln!(
            out,
            "\n… {} more (--limit 0 shows all)",
            units.len() - shown
        )?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
