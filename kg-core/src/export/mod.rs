//! Stage 8, **export**: the graph as DOT for Graphviz, CSV tables, GraphML
//! and node-link JSON.
//!
//! Every format exports the same part of the graph, chosen by
//! [`ExportOptions`] and computed once by [`select`]; every one names an entity
//! by its stable id, [`node_id`] (`n` and its node index), so the DOT
//! picture, the CSV tables and the evidence rows can be joined.
//!
//! ```
//! use kg_core::export::{self, ExportOptions};
//!
//! let graph = kg_core::GraphBuilder::new()
//!     .build_from_texts([("a.txt", "数据要素赋能数字经济。数字经济与新质生产力。")]);
//! let mut dot = Vec::new();
//! export::dot::write_dot(&graph, &ExportOptions::default(), &mut dot)?;
//! assert!(String::from_utf8_lossy(&dot).contains("label=\"数据要素\""));
//!
//! let mut nodes = Vec::new();
//! export::csv::write_nodes(&graph, &ExportOptions::default(), Default::default(), &mut nodes)?;
//! assert!(String::from_utf8_lossy(&nodes).starts_with("Id,Label,Kind,"));
//! # Ok::<(), std::io::Error>(())
//! ```

use petgraph::graph::{EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef;

use crate::extract::EntityKind;
use crate::graph::KnowledgeGraph;

pub mod csv;
pub mod dot;
pub mod gexf;
pub mod graphml;
pub mod json;

/// Which part of the graph to export, so a picture stays readable.
///
/// ```
/// let o = kg_core::export::ExportOptions::default();
/// assert_eq!((o.top, o.min_count), (None, 1));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportOptions {
    /// Keep only the N most mentioned entities (all when `None`).
    pub top: Option<usize>,
    /// Keep only links with at least this many units together. Above 1,
    /// entities left without any link are dropped too, since a picture of
    /// strong links gains nothing from a cloud of lone nodes.
    pub min_count: u32,
    /// Keep only these kinds (all when empty).
    pub kinds: Vec<EntityKind>,
    /// Keep only the neighbourhood of an entity (see [`KnowledgeGraph::ego`]).
    pub ego: Option<EgoOptions>,
    /// The link measure exports call `weight` (the CSV `Weight` column,
    /// GraphML and JSON `weight`, DOT line width): units together by default.
    pub weight: crate::query::SortBy,
    /// DOT: draw each community as a cluster (laid out with `fdp`, which
    /// draws clusters) instead of colouring kinds only.
    pub clusters: bool,
}

/// The neighbourhood to export: [`ExportOptions::ego`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EgoOptions {
    /// The entity at the centre.
    pub centre: NodeIndex,
    /// Links away from it.
    pub depth: usize,
    /// Links followed from each entity, strongest first (all when 0).
    pub fan_out: usize,
}

impl Default for ExportOptions {
    fn default() -> Self {
        ExportOptions {
            top: None,
            min_count: 1,
            kinds: Vec::new(),
            ego: None,
            weight: crate::query::SortBy::Count,
            clusters: false,
        }
    }
}

/// The part of a graph that [`ExportOptions`] keep.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Selection {
    /// Kept entities, most mentioned first (ties by name).
    pub nodes: Vec<NodeIndex>,
    /// Kept links between kept entities, in edge-index order.
    pub edges: Vec<EdgeIndex>,
    /// The community of each kept entity (parallel to `nodes`): the ids
    /// `kg communities` prints for the same kinds and minimum count.
    pub communities: Vec<Option<usize>>,
}

/// Applies `opts` to `graph`: first the neighbourhood, if asked for, then
/// the kinds (the centre of a neighbourhood stays), then the `top` most
/// mentioned entities, then the links between them with at least
/// `min_count` units together. Communities are found on the graph of the
/// kinds and links kept, before `top` and the neighbourhood.
///
/// Runs in O(V log V + E), plus the Louvain method's near-linear time.
///
/// ```
/// use kg_core::export::{select, ExportOptions};
/// let g = kg_core::GraphBuilder::new()
///     .build_from_texts([("a", "数据要素赋能数字经济。数据要素与新质生产力。")]);
/// let all = select(&g, &ExportOptions::default());
/// assert_eq!((all.nodes.len(), all.edges.len()), (3, 2));
/// assert_eq!(g.entity(all.nodes[0]).name, "数据要素");
/// let top = select(&g, &ExportOptions { top: Some(1), ..Default::default() });
/// assert_eq!((top.nodes.len(), top.edges.len()), (1, 0));
/// let strong = select(&g, &ExportOptions { min_count: 2, ..Default::default() });
/// assert!(strong.nodes.is_empty() && strong.edges.is_empty());
/// ```
pub fn select(graph: &KnowledgeGraph, opts: &ExportOptions) -> Selection {
    let g = graph.graph();
    let kind_ok = |n: NodeIndex| opts.kinds.is_empty() || opts.kinds.contains(&g[n].kind);
    let mut nodes: Vec<NodeIndex> = match opts.ego {
        Some(ego) => graph
            .ego(ego.centre, ego.depth, ego.fan_out)
            .nodes
            .into_iter()
            .map(|(n, _)| n)
            .filter(|&n| n == ego.centre || kind_ok(n))
            .collect(),
        None => g.node_indices().filter(|&n| kind_ok(n)).collect(),
    };
    nodes.sort_by(|&a, &b| {
        g[b].mentions
            .cmp(&g[a].mentions)
            .then_with(|| g[a].name.cmp(&g[b].name))
            .then(a.cmp(&b))
    });
    if let Some(top) = opts.top {
        nodes.truncate(top);
    }
    let mut kept = vec![false; g.node_count()];
    for &n in &nodes {
        kept[n.index()] = true;
    }
    let edges: Vec<EdgeIndex> = g
        .edge_references()
        .filter(|e| {
            kept[e.source().index()]
                && kept[e.target().index()]
                && e.weight().count >= opts.min_count
        })
        .map(|e| e.id())
        .collect();
    if opts.min_count > 1 {
        let mut linked = vec![false; g.node_count()];
        for &e in &edges {
            if let Some((a, b)) = g.edge_endpoints(e) {
                linked[a.index()] = true;
                linked[b.index()] = true;
            }
        }
        nodes.retain(|n| linked[n.index()] || opts.ego.is_some_and(|e| e.centre == *n));
    }
    // Communities of the kinds and links kept, as `kg communities` finds
    // them; `retain` keeps node order, so the i-th kept node is node i.
    let sub = graph.retain(|n, _| kind_ok(n), opts.min_count);
    let found = sub.communities(crate::query::SortBy::Count);
    let mut community = vec![None; g.node_count()];
    let mut next = 0;
    for n in g.node_indices() {
        if kind_ok(n) {
            community[n.index()] = found.membership.get(next).copied().flatten();
            next += 1;
        }
    }
    let communities = nodes.iter().map(|n| community[n.index()]).collect();
    Selection {
        nodes,
        edges,
        communities,
    }
}

/// A link's weight under `measure` as export text: an integer for counts,
/// six decimals otherwise.
///
/// ```
/// use kg_core::{export::weight_text, Link, SortBy};
/// let link = Link { count: 3, jaccard: 0.25, ..Default::default() };
/// assert_eq!(weight_text(SortBy::Count, &link), "3");
/// assert_eq!(weight_text(SortBy::Jaccard, &link), "0.250000");
/// ```
pub fn weight_text(measure: crate::query::SortBy, link: &crate::graph::Link) -> String {
    match measure {
        crate::query::SortBy::Count => link.count.to_string(),
        m => format!("{:.6}", m.weight(link)),
    }
}

/// The id an entity carries in every export: `n` and its node index, ASCII
/// so no tool has to quote it, and stable for a given graph file.
///
/// ```
/// use petgraph::graph::NodeIndex;
/// assert_eq!(kg_core::export::node_id(NodeIndex::new(7)), "n7");
/// ```
pub fn node_id(node: NodeIndex) -> String {
    format!("n{}", node.index())
}
