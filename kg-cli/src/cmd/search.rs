//! `kg search`: entities whose name contains a text.

use std::process::ExitCode;

use serde::Serialize;

use super::{Format, GraphArg, KindArg, Table};

/// Find entities whose name or an alias contains TEXT.
///
/// Matching ignores Simplified/Traditional and full-width differences:
/// `kg search 數據` finds 数据要素. The same search gives the suggestions an
/// unknown term gets elsewhere. Exits 1 when nothing matches.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The text to look for.
    #[arg(value_parser = super::parse_term)]
    text: String,
    /// Only entities of this kind (repeat for several).
    #[arg(long, value_enum, value_name = "KIND")]
    kind: Vec<KindArg>,
    /// Show at most N entities (0 for all).
    #[arg(long, value_name = "N", default_value_t = 20)]
    top: usize,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    format: Format,
    #[command(flatten)]
    graph: GraphArg,
}

#[derive(Serialize)]
struct Hit<'a> {
    name: &'a str,
    kind: kg_core::EntityKind,
    mentions: u32,
    documents: usize,
    aliases: &'a [String],
}

/// Runs `kg search`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let graph = args.graph.load()?;
    let kinds = super::kinds(&args.kind);
    let mut hits: Vec<Hit> = graph
        .search(&args.text)
        .into_iter()
        .map(|n| graph.entity(n))
        .filter(|e| kinds.is_empty() || kinds.contains(&e.kind))
        .map(|e| Hit {
            name: &e.name,
            kind: e.kind,
            mentions: e.mentions,
            documents: e.documents.len(),
            aliases: &e.aliases,
        })
        .collect();
    let total = hits.len();
    if args.top > 0 {
        hits.truncate(args.top);
    }
    let mut table = Table::new(&[
        ("name", false),
        ("kind", false),
        ("mentions", true),
        ("documents", true),
        ("aliases", false),
    ]);
    for h in &hits {
        table.row(vec![
            h.name.to_string(),
            h.kind.to_string(),
            h.mentions.to_string(),
            h.documents.to_string(),
            h.aliases.join("; "),
        ]);
    }
    let title = format!("'{}': {} of {total} entities", args.text, hits.len());
    let json = serde_json::json!({ "text": args.text, "total": total, "entities": hits });
    super::emit(args.format, Some(&title), &table, &json)?;
    if hits.is_empty() {
        eprintln!("kg: no entity's name contains '{}'", args.text);
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}
