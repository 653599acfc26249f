//! Merging graphs built from shards of a corpus.
//!
//! A corpus too large for one machine is built in pieces — one `kg build`
//! per shard, anywhere — and the partial graphs are merged. Nodes are
//! matched by kind and normalized name, as the linker matches mentions;
//! counts add up, aliases are unioned, documents and sentences of the later
//! graph are renumbered after those of the earlier one, and NPMI is
//! recomputed from the summed counts. Merging the shards of a corpus, in
//! order, gives the graph of the whole corpus; in any order, the same graph
//! up to document order.

use std::collections::HashMap;

use petgraph::graph::{EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef;

use crate::error::{Error, Result};
use crate::extract::EntityKind;
use crate::graph::{Entity, Evidence, KnowledgeGraph, Link, MetricObservation, SentenceRecord};
use crate::link::score;
use crate::normalize::normalize_name;

impl KnowledgeGraph {
    /// Adds `other` to this graph: the graph of both corpora together.
    ///
    /// Fails if the two were built with different co-occurrence windows.
    ///
    /// ```
    /// use kg_core::GraphBuilder;
    /// let a = "国家数据局推动数据要素市场化配置改革。";
    /// let b = "数据要素是数字经济的关键。";
    /// let mut merged = GraphBuilder::new().build_from_texts([("a", a)]);
    /// merged.merge(&GraphBuilder::new().build_from_texts([("b", b)]))?;
    /// let whole = GraphBuilder::new().build_from_texts([("a", a), ("b", b)]);
    /// assert_eq!(merged.documents(), whole.documents());
    /// assert_eq!(merged.units(), whole.units());
    /// let node = merged.find("数据要素").unwrap();
    /// assert_eq!(merged.entity(node), whole.entity(whole.find("数据要素").unwrap()));
    /// # Ok::<(), kg_core::Error>(())
    /// ```
    pub fn merge(&mut self, other: &KnowledgeGraph) -> Result<()> {
        if self.window != other.window {
            return Err(Error::Merge(format!(
                "the graphs were built with different windows ({} and {}); rebuild them with the same --window",
                self.window, other.window
            )));
        }
        // The totals must fit the u32 ids, so that no id below overflows.
        let doc_offset = u32::try_from(self.documents.len())
            .ok()
            .filter(|&n| {
                u32::try_from(other.documents.len()).is_ok_and(|m| n.checked_add(m).is_some())
            })
            .ok_or_else(|| Error::Merge("too many documents".into()))?;
        let sentence_offset = u32::try_from(self.sentences.len())
            .ok()
            .filter(|&n| {
                u32::try_from(other.sentences.len()).is_ok_and(|m| n.checked_add(m).is_some())
            })
            .ok_or_else(|| Error::Merge("too many sentences".into()))?;

        let mut nodes: HashMap<(EntityKind, String), NodeIndex> = self
            .graph
            .node_indices()
            .map(|n| ((self.graph[n].kind, normalize_name(&self.graph[n].name)), n))
            .collect();
        let mut map = Vec::with_capacity(other.graph.node_count());
        for n in other.graph.node_indices() {
            let e = &other.graph[n];
            let key = (e.kind, normalize_name(&e.name));
            let target = *nodes.entry(key).or_insert_with(|| {
                self.graph.add_node(Entity {
                    kind: e.kind,
                    name: e.name.clone(),
                    aliases: Vec::new(),
                    mentions: 0,
                    units: 0,
                    documents: Vec::new(),
                    document_counts: Vec::new(),
                    observations: Vec::new(),
                })
            });
            let t = &mut self.graph[target];
            t.mentions = t.mentions.saturating_add(e.mentions);
            t.units = t.units.saturating_add(e.units);
            t.documents
                .extend(e.documents.iter().map(|d| d + doc_offset));
            t.document_counts.extend_from_slice(&e.document_counts);
            for a in &e.aliases {
                if *a != t.name && !t.aliases.contains(a) {
                    t.aliases.push(a.clone());
                }
            }
            t.aliases.sort();
            t.observations
                .extend(e.observations.iter().map(|o| MetricObservation {
                    observation: o.observation.clone(),
                    sentence: o.sentence + sentence_offset,
                }));
            map.push(target);
        }

        let mut edges: HashMap<(NodeIndex, NodeIndex), EdgeIndex> = self
            .graph
            .edge_references()
            .map(|e| (ordered(e.source(), e.target()), e.id()))
            .collect();
        for edge in other.graph.edge_references() {
            let key = ordered(map[edge.source().index()], map[edge.target().index()]);
            let id = *edges
                .entry(key)
                .or_insert_with(|| self.graph.add_edge(key.0, key.1, Link::default()));
            let from = edge.weight();
            let link = &mut self.graph[id];
            link.count = link.count.saturating_add(from.count);
            link.documents = link.documents.saturating_add(from.documents);
            link.evidence
                .extend(from.evidence.iter().map(|ev| Evidence {
                    first: ev.first + sentence_offset,
                    last: ev.last + sentence_offset,
                }));
        }

        self.documents.extend(other.documents.iter().cloned());
        for (i, s) in other.sentences.records.iter().enumerate() {
            let record = SentenceRecord {
                document: s.document + doc_offset,
                ..*s
            };
            self.sentences.push_from(&other.sentences, i, record);
        }
        // Counts saturate rather than overflow: a graph file is data, and
        // summing two crafted counts must not panic.
        self.units = self.units.saturating_add(other.units);
        self.rescore();
        self.reindex();
        Ok(())
    }

    /// Recomputes every link's NPMI from the counts.
    fn rescore(&mut self) {
        let n = self.units.max(1) as f64;
        for edge in self.graph.edge_indices() {
            let Some((a, b)) = self.graph.edge_endpoints(edge) else {
                continue;
            };
            let na = self.graph[a].units as f64;
            let nb = self.graph[b].units as f64;
            score(&mut self.graph[edge], na, nb, n);
        }
    }
}

fn ordered(a: NodeIndex, b: NodeIndex) -> (NodeIndex, NodeIndex) {
    if a < b {
        (a, b)
    } else {
        (b, a)
    }
}

/// Merges graphs, in order, into one: the graph of all their corpora.
///
/// ```
/// use kg_core::{link::merge, GraphBuilder};
/// let a = GraphBuilder::new().build_from_texts([("a", "数据要素赋能数字经济。")]);
/// let b = GraphBuilder::new().build_from_texts([("b", "数字经济与实体经济深度融合。")]);
/// let all = merge([a, b])?;
/// assert_eq!(all.documents().len(), 2);
/// assert!(merge(Vec::new()).is_err());
/// # Ok::<(), kg_core::Error>(())
/// ```
pub fn merge(graphs: impl IntoIterator<Item = KnowledgeGraph>) -> Result<KnowledgeGraph> {
    let mut graphs = graphs.into_iter();
    let mut all = graphs
        .next()
        .ok_or_else(|| Error::Merge("no graphs given".into()))?;
    for g in graphs {
        all.merge(&g)?;
    }
    Ok(all)
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::extract::Observation;
    use crate::graph::Window;
    use crate::GraphBuilder;

    /// Found by the `graph_file` fuzz target: a graph file (checksum
    /// right) whose counts are near the maximum made merging panic with an
    /// overflow. Counts now saturate.
    #[test]
    fn huge_counts_saturate_instead_of_overflowing() {
        let mut g = GraphBuilder::new().build_from_texts([("a", "数据要素赋能数字经济。")]);
        g.units = u64::MAX - 1;
        let n = g.graph.node_indices().next().unwrap();
        g.graph[n].mentions = u32::MAX;
        g.graph[n].units = u64::MAX;
        let e = g.graph.edge_indices().next().unwrap();
        g.graph[e].count = u32::MAX;
        g.graph[e].documents = u32::MAX;
        let mut twice = g.clone();
        twice.merge(&g).unwrap();
        assert_eq!(twice.units(), u64::MAX);
        assert_eq!(twice.entity(n).mentions, u32::MAX);
        assert_eq!(twice.link(e).count, u32::MAX);
        assert_eq!(twice.documents().len(), 2);
    }

    /// A sentence named by its document and index, so that evidence compares
    /// across graphs whose documents are numbered differently.
    type SentenceKey = (String, u32, String);

    #[derive(Debug, PartialEq)]
    struct CanonicalNode {
        key: (EntityKind, String),
        aliases: Vec<String>,
        mentions: u32,
        units: u64,
        documents: Vec<String>,
        observations: Vec<(Observation, SentenceKey)>,
    }

    #[derive(Debug, PartialEq)]
    struct CanonicalLink {
        ends: ((EntityKind, String), (EntityKind, String)),
        count: u32,
        documents: u32,
        npmi: u64,
        evidence: Vec<(SentenceKey, SentenceKey)>,
    }

    /// The graph with every id replaced by what it names, everything sorted:
    /// equal for two graphs that differ only in node, edge and document order.
    fn canonical(g: &KnowledgeGraph) -> (Vec<CanonicalNode>, Vec<CanonicalLink>, u64, Vec<String>) {
        let sentence = |id: u32| -> SentenceKey {
            let s = g.sentences().get(id as usize).unwrap();
            let document = g.documents()[s.record.document as usize].name.clone();
            (document, s.record.index, s.text.into_owned())
        };
        let key = |n: NodeIndex| (g.entity(n).kind, normalize_name(&g.entity(n).name));
        let mut nodes: Vec<CanonicalNode> = g
            .graph()
            .node_indices()
            .map(|n| {
                let e = g.entity(n);
                let mut documents: Vec<String> = e
                    .documents
                    .iter()
                    .map(|&d| g.documents()[d as usize].name.clone())
                    .collect();
                documents.sort();
                let mut observations: Vec<_> = e
                    .observations
                    .iter()
                    .map(|o| (o.observation.clone(), sentence(o.sentence)))
                    .collect();
                observations.sort_by(|a, b| a.1.cmp(&b.1).then(a.0.value.cmp(&b.0.value)));
                CanonicalNode {
                    key: key(n),
                    aliases: e.aliases.clone(),
                    mentions: e.mentions,
                    units: e.units,
                    documents,
                    observations,
                }
            })
            .collect();
        nodes.sort_by(|a, b| a.key.cmp(&b.key));
        let mut links: Vec<CanonicalLink> = g
            .graph()
            .edge_references()
            .map(|e| {
                let (a, b) = (key(e.source()), key(e.target()));
                let l = e.weight();
                let mut evidence: Vec<_> = l
                    .evidence
                    .iter()
                    .map(|ev| (sentence(ev.first), sentence(ev.last)))
                    .collect();
                evidence.sort();
                CanonicalLink {
                    ends: if a < b { (a, b) } else { (b, a) },
                    count: l.count,
                    documents: l.documents,
                    npmi: l.npmi.to_bits(),
                    evidence,
                }
            })
            .collect();
        links.sort_by(|a, b| a.ends.cmp(&b.ends));
        let mut documents: Vec<String> = g.documents().iter().map(|d| d.name.clone()).collect();
        documents.sort();
        (nodes, links, g.units(), documents)
    }

    fn corpus() -> Vec<PathBuf> {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../data/corpus");
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .expect("the bundled corpus")
            .map(|e| e.expect("a directory entry").path())
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        files.sort();
        files
    }

    fn build(files: &[PathBuf]) -> KnowledgeGraph {
        GraphBuilder::new()
            .build_from_paths(files)
            .expect("the corpus builds")
            .graph
    }

    #[test]
    fn shards_merge_into_the_whole() {
        let files = corpus();
        assert!(files.len() >= 3);
        let whole = build(&files);
        let a = build(&files[..1]);
        let b = build(&files[1..3]);
        let c = build(&files[3..]);

        // In corpus order, the merge is the whole graph, ids and all.
        let merged = merge([a.clone(), b.clone(), c.clone()]).unwrap();
        assert_eq!(merged.documents(), whole.documents());
        assert_eq!(merged.sentences(), whole.sentences());
        assert_eq!(canonical(&merged), canonical(&whole));
        for n in whole.graph().node_indices() {
            let e = whole.entity(n);
            let m = merged
                .find_all(&e.name)
                .iter()
                .find(|&&m| merged.entity(m).kind == e.kind)
                .copied()
                .unwrap();
            assert_eq!(merged.entity(m), e);
        }
        assert!(whole.graph().edge_count() > 0);

        // Associative and commutative, up to document order.
        let ab_c = merge([merge([a.clone(), b.clone()]).unwrap(), c.clone()]).unwrap();
        let a_bc = merge([a.clone(), merge([b.clone(), c.clone()]).unwrap()]).unwrap();
        let cba = merge([c.clone(), b.clone(), a.clone()]).unwrap();
        let bac = merge([b, a, c]).unwrap();
        for other in [&ab_c, &a_bc, &cba, &bac] {
            assert_eq!(canonical(other), canonical(&whole));
        }
    }

    #[test]
    fn saved_shards_keep_what_merge_needs() {
        let files = corpus();
        let a = build(&files[..2]);
        let back = crate::store::from_bytes(&crate::store::to_bytes(&a).unwrap(), "a").unwrap();
        let mut merged = back;
        merged.merge(&build(&files[2..])).unwrap();
        assert_eq!(canonical(&merged), canonical(&build(&files)));
    }

    #[test]
    fn different_windows_do_not_merge() {
        let text = [("a", "数据要素赋能数字经济。")];
        let mut a = GraphBuilder::new().build_from_texts(text);
        let b = GraphBuilder::new()
            .window(Window::Paragraph)
            .build_from_texts(text);
        let err = a.merge(&b).unwrap_err().to_string();
        assert!(err.contains("different windows"), "{err}");
        assert_eq!(a.documents().len(), 1);
    }
}
