//! `kg communities`: clusters of entities.

use std::process::ExitCode;

use serde::Serialize;

use super::{Format, GraphArg, KindArg, Table, WeightArg};

/// Find clusters of entities linked more among themselves than with the
/// rest (the Louvain method), each with its most central members, and the
/// modularity of the partition (above 0.3 is usually taken as clear
/// structure).
///
/// Entities without any link are left out. The ids are those that
/// `kg export` writes, so a picture can colour or cluster by them.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The link weight to cluster by.
    #[arg(long, value_enum, default_value_t)]
    weight: WeightArg,
    /// Cluster only entities of this kind (repeat for several).
    #[arg(long, value_enum, value_name = "KIND")]
    kind: Vec<KindArg>,
    /// Only links seen in at least N sentences.
    #[arg(long, value_name = "N", default_value_t = 1)]
    min_count: u32,
    /// Show at most N members of each community (0 for all).
    #[arg(long, value_name = "N", default_value_t = 8)]
    members: usize,
    /// Show at most N communities (0 for all).
    #[arg(long, value_name = "N", default_value_t = 20)]
    top: usize,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    format: Format,
    #[command(flatten)]
    graph: GraphArg,
}

#[derive(Serialize)]
struct CommunityOut<'a> {
    id: usize,
    size: usize,
    internal_weight: f64,
    members: Vec<&'a str>,
}

/// Runs `kg communities`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let graph = args.graph.load_without_text()?;
    let kinds = super::kinds(&args.kind);
    let graph = graph.retain(
        |_, e| kinds.is_empty() || kinds.contains(&e.kind),
        args.min_count,
    );
    let c = graph.communities(args.weight.into());
    let shown = if args.top == 0 {
        c.communities.len()
    } else {
        args.top.min(c.communities.len())
    };
    let out: Vec<CommunityOut> = c.communities[..shown]
        .iter()
        .map(|com| {
            let n = if args.members == 0 {
                com.members.len()
            } else {
                args.members.min(com.members.len())
            };
            CommunityOut {
                id: com.id,
                size: com.members.len(),
                internal_weight: com.internal_weight,
                members: com.members[..n]
                    .iter()
                    .map(|&m| graph.entity(m).name.as_str())
                    .collect(),
            }
        })
        .collect();
    let mut table = Table::new(&[
        ("id", true),
        ("size", true),
        ("members, most central first", false),
    ]);
    for com in &out {
        let more = if com.size > com.members.len() {
            " …"
        } else {
            ""
        };
        table.row(vec![
            com.id.to_string(),
            com.size.to_string(),
            com.members.join(" ") + more,
        ]);
    }
    let title = format!(
        "{} of {} linked entities, modularity {:.3}",
        super::count(c.communities.len(), "community", "communities"),
        c.membership.iter().flatten().count(),
        c.modularity
    );
    let json = serde_json::json!({
        "modularity": c.modularity,
        "communities": out,
    });
    super::emit(args.format, Some(&title), &table, &json)?;
    if c.communities.is_empty() {
        eprintln!("kg: no linked entity passes the filters");
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}
