//! `kg path`: the strongest chain of links between two entities.

use std::process::ExitCode;

use serde::Serialize;

use super::{Format, GraphArg, KindArg, Table, WeightArg};

/// Find the strongest path between two entities, each hop with a sentence.
///
/// The strongest path is the one whose links' Jaccard indexes (or another
/// --weight, scaled by its greatest value) have the greatest product: it
/// prefers two strong links to one weak one. Each hop shows the first
/// sentence that supports it. Exits 1 when no path joins the two.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Where the path starts: a name or alias.
    #[arg(value_parser = super::parse_term)]
    from: String,
    /// Where it ends.
    #[arg(value_parser = super::parse_term)]
    to: String,
    /// Only pass through entities of this kind (repeat for several); the
    /// two ends may be of any kind.
    #[arg(long, value_enum, value_name = "KIND")]
    kind: Vec<KindArg>,
    /// The link measure that makes a path strong.
    #[arg(long, value_enum, default_value_t = WeightArg::Jaccard)]
    weight: WeightArg,
    /// Only use links seen in at least N sentences.
    #[arg(long, value_name = "N", default_value_t = 1)]
    min_count: u32,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    format: Format,
    #[command(flatten)]
    graph: GraphArg,
}

#[derive(Serialize)]
struct HopOut<'a> {
    from: &'a str,
    to: &'a str,
    count: u32,
    jaccard: f64,
    document: &'a str,
    sentence_index: u32,
    sentence: &'a str,
}

/// Runs `kg path`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let mut graph = args.graph.load()?;
    let kinds = super::kinds(&args.kind);
    if args.min_count > 1 || !kinds.is_empty() {
        let (a, b) = (graph.resolve(&args.from)?, graph.resolve(&args.to)?);
        graph = graph.retain(
            |n, e| n == a || n == b || kinds.is_empty() || kinds.contains(&e.kind),
            args.min_count,
        );
    }
    let (a, b) = (graph.resolve(&args.from)?, graph.resolve(&args.to)?);
    if a == b {
        anyhow::bail!(
            "'{}' and '{}' are both {}",
            args.from,
            args.to,
            graph.entity(a).name
        );
    }
    let hops = graph.path_by(a, b, args.weight.into())?;
    let out: Vec<HopOut> = hops
        .iter()
        .map(|h| HopOut {
            from: h.from,
            to: h.to,
            count: h.count,
            jaccard: h.jaccard,
            document: h.document,
            sentence_index: h.sentence.record.index,
            sentence: &h.sentence.text,
        })
        .collect();
    let mut table = Table::new(&[
        ("from", false),
        ("to", false),
        (super::unit_names(&graph).1, true),
        ("jaccard", true),
        ("evidence", false),
    ]);
    for h in &out {
        table.row(vec![
            h.from.to_string(),
            h.to.to_string(),
            h.count.to_string(),
            super::f3(h.jaccard),
            format!("{} #{}: {}", h.document, h.sentence_index, h.sentence),
        ]);
    }
    let title = format!(
        "{} → {}: {}",
        graph.entity(a).name,
        graph.entity(b).name,
        super::count(out.len(), "hop", "hops")
    );
    let json = serde_json::json!({
        "from": graph.entity(a).name,
        "to": graph.entity(b).name,
        "hops": out,
    });
    super::emit(args.format, Some(&title), &table, &json)?;
    Ok(ExitCode::SUCCESS)
}
