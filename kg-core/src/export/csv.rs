//! CSV export: the graph as three tables, RFC 4180, UTF-8 without a BOM.
//!
//! | table | one row per | columns |
//! |---|---|---|
//! | nodes | entity | `id,label,kind,aliases,mentions,documents` |
//! | edges | link | `source,target,source_label,target_label,count,documents,npmi` |
//! | evidence | sentence behind a link | `source,target,document,sentence,start,end,text` |
//!
//! `id`, `source` and `target` are the ids of [`super::node_id`], the same
//! as in the DOT export; `id,label` and `source,target` are also the
//! columns Gephi's spreadsheet import looks for. `aliases` are joined with
//! `;`. `count` is the number of units (sentences, by default) together,
//! `documents` the number of documents; `npmi` the association score.
//! Evidence rows give the document's name, the sentence's index in it, the
//! sentence's character offsets in the original file and its normalized
//! text; a unit of several sentences gives a row for each.

use std::io::{self, Write};

use super::{node_id, select, ExportOptions};
use crate::graph::KnowledgeGraph;

/// Writes the entities that `opts` keep, most mentioned first.
///
/// ```
/// let g = kg_core::GraphBuilder::new().build_from_texts([("a", "数据要素赋能数字经济。数据要素。")]);
/// let mut out = Vec::new();
/// kg_core::export::csv::write_nodes(&g, &Default::default(), &mut out).unwrap();
/// let text = String::from_utf8(out).unwrap();
/// assert_eq!(text.lines().next(), Some("id,label,kind,aliases,mentions,documents"));
/// assert!(text.contains(",数据要素,concept,,2,1\n"));
/// ```
pub fn write_nodes(
    graph: &KnowledgeGraph,
    opts: &ExportOptions,
    out: impl Write,
) -> io::Result<()> {
    nodes(graph, opts, out).map_err(into_io)
}

fn nodes(graph: &KnowledgeGraph, opts: &ExportOptions, out: impl Write) -> ::csv::Result<()> {
    let g = graph.graph();
    let mut w = ::csv::Writer::from_writer(out);
    w.write_record(["id", "label", "kind", "aliases", "mentions", "documents"])?;
    for n in select(graph, opts).nodes {
        let e = &g[n];
        w.write_record([
            node_id(n).as_str(),
            &e.name,
            e.kind.as_str(),
            &e.aliases.join(";"),
            &e.mentions.to_string(),
            &e.documents.len().to_string(),
        ])?;
    }
    w.flush()?;
    Ok(())
}

/// Writes the links that `opts` keep.
///
/// ```
/// let g = kg_core::GraphBuilder::new().build_from_texts([("a", "数据要素赋能数字经济。")]);
/// let mut out = Vec::new();
/// kg_core::export::csv::write_edges(&g, &Default::default(), &mut out).unwrap();
/// let mut rows = csv::Reader::from_reader(out.as_slice());
/// let row = rows.records().next().unwrap().unwrap();
/// assert_eq!(&row[2], "数据要素");
/// assert_eq!(&row[4], "1");
/// ```
pub fn write_edges(
    graph: &KnowledgeGraph,
    opts: &ExportOptions,
    out: impl Write,
) -> io::Result<()> {
    edges(graph, opts, out).map_err(into_io)
}

fn edges(graph: &KnowledgeGraph, opts: &ExportOptions, out: impl Write) -> ::csv::Result<()> {
    let g = graph.graph();
    let mut w = ::csv::Writer::from_writer(out);
    w.write_record([
        "source",
        "target",
        "source_label",
        "target_label",
        "count",
        "documents",
        "npmi",
    ])?;
    for edge in select(graph, opts).edges {
        let Some((a, b)) = g.edge_endpoints(edge) else {
            continue;
        };
        let link = &g[edge];
        w.write_record([
            node_id(a).as_str(),
            &node_id(b),
            &g[a].name,
            &g[b].name,
            &link.count.to_string(),
            &link.documents.to_string(),
            &format!("{:.4}", link.npmi),
        ])?;
    }
    w.flush()?;
    Ok(())
}

/// Writes the sentences behind the links that `opts` keep.
///
/// ```
/// let g = kg_core::GraphBuilder::new().build_from_texts([("a.txt", "前言。数据要素赋能数字经济。")]);
/// let mut out = Vec::new();
/// kg_core::export::csv::write_evidence(&g, &Default::default(), &mut out).unwrap();
/// let mut rows = csv::Reader::from_reader(out.as_slice());
/// let row = rows.records().next().unwrap().unwrap();
/// assert_eq!(&row[2], "a.txt");
/// assert_eq!((&row[3], &row[4], &row[5]), ("1", "3", "14"));
/// assert_eq!(&row[6], "数据要素赋能数字经济。");
/// ```
pub fn write_evidence(
    graph: &KnowledgeGraph,
    opts: &ExportOptions,
    out: impl Write,
) -> io::Result<()> {
    evidence(graph, opts, out).map_err(into_io)
}

fn evidence(graph: &KnowledgeGraph, opts: &ExportOptions, out: impl Write) -> ::csv::Result<()> {
    let g = graph.graph();
    let mut w = ::csv::Writer::from_writer(out);
    w.write_record([
        "source", "target", "document", "sentence", "start", "end", "text",
    ])?;
    for edge in select(graph, opts).edges {
        let Some((a, b)) = g.edge_endpoints(edge) else {
            continue;
        };
        let (source, target) = (node_id(a), node_id(b));
        for ev in &g[edge].evidence {
            let Some(sentences) = graph.sentences().get(ev.first as usize..=ev.last as usize)
            else {
                continue;
            };
            for s in sentences {
                let document = graph
                    .documents()
                    .get(s.document as usize)
                    .map_or("", |d| d.name.as_str());
                w.write_record([
                    source.as_str(),
                    &target,
                    document,
                    &s.index.to_string(),
                    &s.start.to_string(),
                    &s.end.to_string(),
                    &s.text,
                ])?;
            }
        }
    }
    w.flush()?;
    Ok(())
}

/// The csv crate's own conversion wraps I/O errors as `Other`, which would
/// hide a closed pipe from callers; unwrap them instead.
fn into_io(err: ::csv::Error) -> io::Error {
    if !matches!(err.kind(), ::csv::ErrorKind::Io(_)) {
        return io::Error::other(err);
    }
    match err.into_kind() {
        ::csv::ErrorKind::Io(e) => e,
        kind => io::Error::other(format!("{kind:?}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::GraphBuilder;

    #[test]
    fn cells_with_commas_quotes_and_newlines_round_trip() {
        let g = GraphBuilder::new()
            .build_from_texts([("a,\"b\".txt", "数据要素赋能数字经济,推动\"新质生产力\"。")]);
        let mut out = Vec::new();
        write_evidence(&g, &ExportOptions::default(), &mut out).unwrap();
        let mut r = ::csv::Reader::from_reader(out.as_slice());
        let rows: Vec<::csv::StringRecord> = r.records().map(Result::unwrap).collect();
        assert!(!rows.is_empty());
        assert!(rows.iter().all(|row| row.len() == 7));
        assert_eq!(&rows[0][2], "a,\"b\".txt");
        assert!(rows[0][6].contains("\"新质生产力\""));
    }

    #[test]
    fn tables_agree_on_ids() {
        let g = GraphBuilder::new()
            .build_from_texts([("a", "数据要素赋能数字经济。数字经济与新质生产力。")]);
        let opts = ExportOptions::default();
        let (mut nodes, mut edges) = (Vec::new(), Vec::new());
        write_nodes(&g, &opts, &mut nodes).unwrap();
        write_edges(&g, &opts, &mut edges).unwrap();
        let ids: Vec<String> = ::csv::Reader::from_reader(nodes.as_slice())
            .records()
            .map(|r| r.unwrap()[0].to_string())
            .collect();
        assert_eq!(ids.len(), g.graph().node_count());
        for row in ::csv::Reader::from_reader(edges.as_slice()).records() {
            let row = row.unwrap();
            assert!(ids.contains(&row[0].to_string()) && ids.contains(&row[1].to_string()));
        }
    }
}
