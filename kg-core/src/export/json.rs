//! Node-link JSON export: the document `networkx.node_link_graph` reads
//! (networkx ≥ 3.4 names the link list `edges`, as here) and web graph
//! libraries load with a line of glue (D3's force layout calls the list
//! `links`: `data.links = data.edges`).
//!
//! The shape is stable; scripts may rely on it:
//!
//! ```json
//! {"directed": false, "multigraph": false,
//!  "graph": {"name": "kg", "window": "sentence", "units": 2070},
//!  "nodes": [{"id": "n0", "label": "数据要素", "kind": "concept",
//!             "aliases": [], "mentions": 75, "documents": 4, "community": 2}],
//!  "edges": [{"source": "n0", "target": "n1", "weight": 3.0, "count": 3,
//!             "documents": 2, "npmi": 0.21, "jaccard": 0.04, "strength": 3.1}]}
//! ```
//!
//! `community` is `null` for an entity without links; `weight` is the
//! measure [`ExportOptions::weight`] chooses (by default it repeats
//! `count`), the attribute graph tools weigh by default.

use std::io::{self, Write};

use serde::Serialize;

use super::{node_id, select, ExportOptions};
use crate::extract::EntityKind;
use crate::graph::KnowledgeGraph;

#[derive(Serialize)]
struct Document<'a> {
    directed: bool,
    multigraph: bool,
    graph: GraphInfo,
    nodes: Vec<NodeOut<'a>>,
    edges: Vec<EdgeOut>,
}

#[derive(Serialize)]
struct GraphInfo {
    name: &'static str,
    window: String,
    units: u64,
}

#[derive(Serialize)]
struct NodeOut<'a> {
    id: String,
    label: &'a str,
    kind: EntityKind,
    aliases: &'a [String],
    mentions: u32,
    documents: usize,
    community: Option<usize>,
}

#[derive(Serialize)]
struct EdgeOut {
    source: String,
    target: String,
    weight: f64,
    count: u32,
    documents: u32,
    npmi: f64,
    jaccard: f64,
    strength: f64,
}

/// Writes the part of `graph` that `opts` keep as node-link JSON.
///
/// ```
/// let g = kg_core::GraphBuilder::new().build_from_texts([("a", "数据要素赋能数字经济。")]);
/// let mut out = Vec::new();
/// kg_core::export::json::write_json(&g, &Default::default(), &mut out)?;
/// let doc: serde_json::Value = serde_json::from_slice(&out).unwrap();
/// let labels: Vec<&str> = doc["nodes"].as_array().unwrap().iter().filter_map(|n| n["label"].as_str()).collect();
/// assert!(labels.contains(&"数据要素"));
/// assert_eq!(doc["edges"][0]["source"], "n0");
/// assert_eq!(doc["directed"], false);
/// # Ok::<(), std::io::Error>(())
/// ```
pub fn write_json(graph: &KnowledgeGraph, opts: &ExportOptions, out: impl Write) -> io::Result<()> {
    let sel = select(graph, opts);
    let g = graph.graph();
    let doc = Document {
        directed: false,
        multigraph: false,
        graph: GraphInfo {
            name: "kg",
            window: graph.window().to_string(),
            units: graph.units(),
        },
        nodes: sel
            .nodes
            .iter()
            .zip(&sel.communities)
            .map(|(&n, &community)| {
                let e = &g[n];
                NodeOut {
                    id: node_id(n),
                    label: &e.name,
                    kind: e.kind,
                    aliases: &e.aliases,
                    mentions: e.mentions,
                    documents: e.documents.len(),
                    community,
                }
            })
            .collect(),
        edges: sel
            .edges
            .iter()
            .filter_map(|&edge| {
                let (a, b) = g.edge_endpoints(edge)?;
                let l = &g[edge];
                Some(EdgeOut {
                    source: node_id(a),
                    target: node_id(b),
                    weight: opts.weight.weight(l),
                    count: l.count,
                    documents: l.documents,
                    npmi: l.npmi,
                    jaccard: l.jaccard,
                    strength: l.strength,
                })
            })
            .collect(),
    };
    let mut out = io::BufWriter::new(out);
    // `From` keeps an I/O error's kind (a closed pipe stays `BrokenPipe`).
    serde_json::to_writer_pretty(&mut out, &doc).map_err(io::Error::from)?;
    out.write_all(b"\n")?;
    out.flush()
}
