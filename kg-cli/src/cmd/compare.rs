//! `kg compare`: what changed between two graphs.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;

use super::{Format, KindArg, Table, WeightArg};

/// Compare two graph files — say, of the 2024 and of the 2025 documents.
///
/// Without TERM: the entities that appeared in the second graph and those
/// that vanished from it, most mentioned first. With TERM: the links of
/// TERM that strengthened or weakened most, by --sort (the Jaccard index by
/// default: a share, so it compares across corpora of different sizes; a
/// link absent from a graph counts as 0). Build the two graphs with `kg build`, or with the
/// same files and `--doc`/`--year` filters (see `kg build --help`).
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The earlier graph.
    #[arg(value_name = "BEFORE.kg")]
    before: PathBuf,
    /// The later graph.
    #[arg(value_name = "AFTER.kg")]
    after: PathBuf,
    /// Compare this entity's links instead.
    #[arg(value_parser = super::parse_term)]
    term: Option<String>,
    /// The link measure to compare.
    #[arg(long, value_enum, default_value_t = WeightArg::Jaccard)]
    sort: WeightArg,
    /// Only links seen in at least N sentences in one of the graphs.
    #[arg(long, value_name = "N", default_value_t = 1)]
    min_count: u32,
    /// Only entities of this kind (repeat for several).
    #[arg(long, value_enum, value_name = "KIND")]
    kind: Vec<KindArg>,
    /// Show at most N rows of each list (0 for all).
    #[arg(long, value_name = "N", default_value_t = 20)]
    top: usize,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    format: Format,
}

/// Runs `kg compare`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let load = |p: &PathBuf| {
        kg_core::store::load(p).with_context(|| format!("cannot load the graph {}", p.display()))
    };
    let (before, after) = (load(&args.before)?, load(&args.after)?);
    let kinds = super::kinds(&args.kind);
    let keep = |k: kg_core::EntityKind| kinds.is_empty() || kinds.contains(&k);
    let cap = |n: usize| if args.top == 0 { n } else { args.top.min(n) };
    match &args.term {
        None => {
            let mut c = before.compare(&after);
            c.appeared.retain(|e| keep(e.kind));
            c.vanished.retain(|e| keep(e.kind));
            let mut table = Table::new(&[
                ("change", false),
                ("name", false),
                ("kind", false),
                ("mentions", true),
                ("documents", true),
            ]);
            let (na, nv) = (c.appeared.len(), c.vanished.len());
            for (label, list) in [("appeared", &c.appeared), ("vanished", &c.vanished)] {
                for e in &list[..cap(list.len())] {
                    table.row(vec![
                        label.to_string(),
                        e.name.clone(),
                        e.kind.to_string(),
                        e.mentions.to_string(),
                        e.documents.to_string(),
                    ]);
                }
            }
            let title = format!(
                "{} → {}: {na} appeared, {nv} vanished, {} in both",
                args.before.display(),
                args.after.display(),
                c.kept
            );
            super::emit(args.format, Some(&title), &table, &c)?;
        }
        Some(term) => {
            let mut links = before.compare_links(&after, term, args.sort.into())?;
            links.retain(|l| {
                keep(l.kind)
                    && l.change != 0.0
                    && l.count_before.max(l.count_after) >= args.min_count
            });
            let (up, down): (Vec<_>, Vec<_>) = links.into_iter().partition(|l| l.change > 0.0);
            let mut table = Table::new(&[
                ("change", false),
                ("neighbour", false),
                ("kind", false),
                ("before", true),
                ("after", true),
                ("sentences before", true),
                ("sentences after", true),
            ]);
            for (label, list) in [("stronger", &up), ("weaker", &down)] {
                for l in &list[..cap(list.len())] {
                    table.row(vec![
                        label.to_string(),
                        l.name.clone(),
                        l.kind.to_string(),
                        super::f3(l.before),
                        super::f3(l.after),
                        l.count_before.to_string(),
                        l.count_after.to_string(),
                    ]);
                }
            }
            let title = format!(
                "links of {term}: {} stronger, {} weaker in {}",
                up.len(),
                down.len(),
                args.after.display()
            );
            let json = serde_json::json!({
                "term": term,
                "measure": kg_core::SortBy::from(args.sort),
                "stronger": up,
                "weaker": down,
            });
            super::emit(args.format, Some(&title), &table, &json)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
