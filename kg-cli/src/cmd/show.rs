//! `kg show`: an entity's card.

use std::io::Write;
use std::process::ExitCode;

use kg_core::NeighborQuery;

use super::GraphArg;

/// Show everything known about one entity.
///
/// The card gives the entity's kind, canonical name, aliases, mentions,
/// the documents that mention it, for a metric every value stated (with
/// qualifier, year, region and the sentence), and its strongest neighbours.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The entity: a name or alias, Simplified or Traditional.
    #[arg(value_parser = super::parse_term)]
    term: String,
    /// Show at most N neighbours (0 for all).
    #[arg(long, value_name = "N", default_value_t = 10)]
    top: usize,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    #[command(flatten)]
    graph: GraphArg,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum Format {
    /// A card, for reading.
    Text,
    /// One JSON object.
    Json,
}

/// Runs `kg show`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let graph = args.graph.load()?;
    let node = graph.resolve(&args.term)?;
    let query = NeighborQuery {
        top: args.top,
        ..NeighborQuery::default()
    };
    let card = graph.card(node, &query);
    let mut out = super::stdout();
    if let Format::Json = args.format {
        writeln!(out, "{}", serde_json::to_string_pretty(&card)?)?;
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }

    writeln!(out, "{}", card.name)?;
    let field = |label: &str, value: &str| format!("  {label:<10} {value}");
    let kind = format!("{} ({})", card.kind, card.kind.label_zh());
    writeln!(out, "{}", field("kind", &kind))?;
    let aliases = if card.aliases.is_empty() {
        "-".to_string()
    } else {
        card.aliases.join(", ")
    };
    writeln!(out, "{}", field("aliases", &aliases))?;
    writeln!(out, "{}", field("mentions", &card.mentions.to_string()))?;
    writeln!(
        out,
        "{}",
        field("documents", &format!("{}", card.documents.len()))
    )?;
    for doc in &card.documents {
        writeln!(out, "    {doc}")?;
    }
    if !card.observations.is_empty() {
        writeln!(out, "\n  values stated ({})", card.observations.len())?;
        for o in &card.observations {
            let details: Vec<&str> = [o.qualifier, o.year, o.region]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect();
            let details = if details.is_empty() {
                String::new()
            } else {
                format!(" ({})", details.join(", "))
            };
            writeln!(out, "    {}{details}", o.value)?;
            writeln!(
                out,
                "      {}, sentence {}: {}",
                o.document, o.sentence.record.index, o.sentence.text
            )?;
        }
    }
    let units = super::unit_names(&graph).1;
    if card.neighbors.is_empty() {
        writeln!(out, "\n  no neighbours")?;
    } else {
        writeln!(out, "\n  strongest neighbours")?;
        let table = super::neighbor_table(units, &card.neighbors);
        table.write(&mut out, 4)?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
