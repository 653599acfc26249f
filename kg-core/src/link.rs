//! Stage 5, **link**: mentions into a [`KnowledgeGraph`].
//!
//! Entities are merged by kind and normalized canonical name. Two entities
//! that occur in the same unit of text — a sentence by default, or a
//! paragraph, or a block of N sentences ([`Window`]) — are linked; the link
//! counts units and documents, keeps every unit as [`Evidence`], and gets an
//! association score, NPMI, once all documents are in.
//!
//! A unit that names more than [`MAX_ENTITIES_PER_UNIT`] distinct entities
//! (a table run together into one line, say) links only its first ones, so
//! one giant unit cannot make the number of pairs explode.

use std::collections::HashMap;

use rustc_hash::FxHashMap;

use petgraph::graph::{EdgeIndex, NodeIndex, UnGraph};

use crate::extract::{EntityKind, Extraction, Observation};
use crate::graph::{
    DocumentCount, DocumentInfo, Entity, Evidence, KnowledgeGraph, Link, MetricObservation,
    SentenceRecord, SentenceTable, Window,
};
use crate::normalize::{normalize_name, NormalizedDocument};

pub use crate::merge::merge;

/// Most distinct entities one unit links pairwise (the rest are still
/// counted as mentions).
pub const MAX_ENTITIES_PER_UNIT: usize = 64;

/// Accumulates documents into a graph. Feed it with [`Linker::add`], then
/// call [`Linker::finish`].
///
/// ```
/// use kg_core::{normalize, Document, Extractor, Linker, Window};
/// let extractor = Extractor::new();
/// let mut linker = Linker::new(Window::Sentence);
/// let doc = normalize::normalize(&Document::from_text("a", "数据要素赋能数字经济。"));
/// linker.add(&doc, &extractor.extract(&doc));
/// let graph = linker.finish();
/// assert_eq!(graph.documents().len(), 1);
/// ```
#[derive(Debug)]
pub struct Linker {
    window: Window,
    graph: UnGraph<Entity, Link>,
    nodes: FxHashMap<(EntityKind, String), NodeIndex>,
    /// Per kind, the names as mentioned (before [`normalize_name`]) already
    /// resolved to a node: most mentions repeat a name, and this spares
    /// normalizing it again on the serial part of a build.
    seen: [FxHashMap<String, NodeIndex>; EntityKind::ALL.len()],
    edges: FxHashMap<(NodeIndex, NodeIndex), EdgeIndex>,
    /// Per node: units that mention it (the marginal counts of NPMI).
    node_units: Vec<u64>,
    /// Per edge: the last document that supported it.
    edge_last_doc: Vec<u32>,
    documents: Vec<DocumentInfo>,
    sentences: SentenceTable,
    units: u64,
}

impl Linker {
    /// An empty linker using `window` as the co-occurrence unit.
    pub fn new(window: Window) -> Linker {
        Linker {
            window,
            graph: UnGraph::default(),
            nodes: FxHashMap::default(),
            seen: Default::default(),
            edges: FxHashMap::default(),
            node_units: Vec::new(),
            edge_last_doc: Vec::new(),
            documents: Vec::new(),
            sentences: SentenceTable::default(),
            units: 0,
        }
    }

    fn node(&mut self, kind: EntityKind, name: &str) -> NodeIndex {
        if let Some(&n) = self.seen[kind as usize].get(name) {
            return n;
        }
        let key = (kind, normalize_name(name));
        let n = match self.nodes.get(&key) {
            Some(&n) => n,
            None => self.add_node(key, name),
        };
        self.seen[kind as usize].insert(name.to_string(), n);
        n
    }

    fn add_node(&mut self, key: (EntityKind, String), name: &str) -> NodeIndex {
        let kind = key.0;
        let n = self.graph.add_node(Entity {
            kind,
            name: name.to_string(),
            aliases: Vec::new(),
            mentions: 0,
            units: 0,
            documents: Vec::new(),
            document_counts: Vec::new(),
            observations: Vec::new(),
        });
        self.nodes.insert(key, n);
        self.node_units.push(0);
        n
    }

    /// Adds one document and its extraction.
    pub fn add(&mut self, doc: &NormalizedDocument, extraction: &Extraction) {
        let doc_id = self.documents.len() as u32;
        self.documents.push(DocumentInfo {
            name: doc.name.clone(),
            articles: doc.articles.iter().map(|a| a.title.clone()).collect(),
            sentences: doc.sentences.len() as u32,
            units: 0,
            year: doc.year,
        });
        // Mentions: nodes, counts, aliases; observations wait for sentence ids.
        let mut sentence_nodes: Vec<Vec<NodeIndex>> = Vec::with_capacity(doc.sentences.len());
        let mut observations = Vec::new();
        for (i, mentions) in extraction.mentions.iter().enumerate() {
            let mut here = Vec::new();
            for m in mentions {
                let n = self.node(m.kind, &m.name);
                let e = &mut self.graph[n];
                e.mentions += 1;
                if e.documents.last() != Some(&doc_id) {
                    e.documents.push(doc_id);
                    e.document_counts.push(DocumentCount::default());
                }
                if let Some(c) = e.document_counts.last_mut() {
                    c.mentions += 1;
                }
                for a in &m.aliases {
                    if *a != e.name && !e.aliases.contains(a) {
                        e.aliases.push(a.clone());
                    }
                }
                if let Some(obs) = &m.observation {
                    observations.push((n, Observation::clone(obs), i));
                }
                if !here.contains(&n) {
                    here.push(n);
                }
            }
            sentence_nodes.push(here);
        }

        // Units of co-occurrence and their members.
        let mut linked_units = Vec::new();
        let mut doc_units = 0;
        for range in units(doc, self.window) {
            self.units += 1;
            doc_units += 1;
            let mut members: Vec<NodeIndex> = Vec::new();
            for nodes in sentence_nodes.get(range.clone()).unwrap_or_default() {
                for &n in nodes {
                    if !members.contains(&n) {
                        members.push(n);
                    }
                }
            }
            for &n in &members {
                self.node_units[n.index()] += 1;
                // Members come from this document's mentions, so its count is the last.
                if let Some(c) = self.graph[n].document_counts.last_mut() {
                    c.units += 1;
                }
            }
            if members.len() >= 2 {
                members.truncate(MAX_ENTITIES_PER_UNIT);
                linked_units.push((range, members));
            }
        }

        if let Some(d) = self.documents.last_mut() {
            d.units = doc_units;
        }

        // Sentences kept as evidence get global ids in document order, so
        // the sentences of one unit are a contiguous run of ids.
        let mut needed = vec![false; doc.sentences.len()];
        for (range, _) in &linked_units {
            needed[range.clone()].iter_mut().for_each(|n| *n = true);
        }
        for (_, _, i) in &observations {
            needed[*i] = true;
        }
        let mut ids = vec![u32::MAX; doc.sentences.len()];
        for (i, s) in doc.sentences.iter().enumerate() {
            if !needed[i] {
                continue;
            }
            ids[i] = self.sentences.len() as u32;
            self.sentences.push(
                SentenceRecord {
                    document: doc_id,
                    article: s.article,
                    index: i as u32,
                    start: s.start,
                    end: s.end,
                },
                &s.text,
            );
        }
        for (n, observation, i) in observations {
            self.graph[n].observations.push(MetricObservation {
                observation,
                sentence: ids[i],
            });
        }

        for (range, members) in linked_units {
            let first = ids[range.start];
            let last = ids[range.end - 1];
            let evidence = Evidence { first, last };
            for (k, &a) in members.iter().enumerate() {
                for &b in &members[k + 1..] {
                    let key = if a < b { (a, b) } else { (b, a) };
                    let edge = match self.edges.get(&key) {
                        Some(&e) => e,
                        None => {
                            let e = self.graph.add_edge(key.0, key.1, Link::default());
                            self.edges.insert(key, e);
                            self.edge_last_doc.push(u32::MAX);
                            e
                        }
                    };
                    let link = &mut self.graph[edge];
                    link.count += 1;
                    link.evidence.push(evidence);
                    if self.edge_last_doc[edge.index()] != doc_id {
                        self.edge_last_doc[edge.index()] = doc_id;
                        link.documents += 1;
                    }
                }
            }
        }
    }

    /// Computes the association scores and returns the graph.
    pub fn finish(mut self) -> KnowledgeGraph {
        let n = self.units.max(1) as f64;
        for edge in self.graph.edge_indices() {
            let Some((a, b)) = self.graph.edge_endpoints(edge) else {
                continue;
            };
            let na = self.node_units[a.index()] as f64;
            let nb = self.node_units[b.index()] as f64;
            score(&mut self.graph[edge], na, nb, n);
        }
        for node in self.graph.node_indices() {
            let e = &mut self.graph[node];
            e.aliases.sort();
            e.units = self.node_units[node.index()];
        }
        let mut graph = KnowledgeGraph {
            graph: self.graph,
            documents: self.documents,
            sentences: self.sentences,
            units: self.units,
            window: self.window,
            index: HashMap::new(),
        };
        graph.reindex();
        graph
    }
}

/// Jaccard index of two sets of units from their sizes and overlap; 0 when
/// both are empty.
fn jaccard(both: f64, a: f64, b: f64) -> f64 {
    let union = a + b - both;
    if union > 0.0 {
        both / union
    } else {
        0.0
    }
}

/// Sets a link's association scores from its count, the unit counts of its
/// two entities (`a`, `b`) and the number of units `n`. Building and
/// merging both score through here, so the two always agree.
pub(crate) fn score(link: &mut Link, a: f64, b: f64, n: f64) {
    let c = link.count as f64;
    link.npmi = npmi(c, a, b, n);
    link.jaccard = jaccard(c, a, b);
    link.strength = if a > 0.0 && b > 0.0 {
        c * n / (a * b)
    } else {
        0.0
    };
}

/// Normalized pointwise mutual information of two events.
///
/// `joint` units hold both, `a` and `b` units hold each, of `n` units in
/// all. The result lies in [-1, 1]: 1 when the two always occur together,
/// 0 when independent, -1 in the limit of never together.
///
/// ```
/// use kg_core::link::npmi;
/// assert!((npmi(10.0, 10.0, 10.0, 100.0) - 1.0).abs() < 1e-9);
/// assert!(npmi(1.0, 10.0, 10.0, 100.0).abs() < 1e-9); // independent
/// ```
pub fn npmi(joint: f64, a: f64, b: f64, n: f64) -> f64 {
    if joint <= 0.0 || a <= 0.0 || b <= 0.0 || n <= 0.0 {
        return -1.0;
    }
    let p_ab = joint / n;
    let p_a = a / n;
    let p_b = b / n;
    if p_ab >= 1.0 {
        return 1.0;
    }
    let pmi = (p_ab / (p_a * p_b)).ln();
    (pmi / -p_ab.ln()).clamp(-1.0, 1.0)
}

/// The units of co-occurrence of a document, as ranges of sentence indices.
fn units(doc: &NormalizedDocument, window: Window) -> Vec<std::ops::Range<usize>> {
    let n = doc.sentences.len();
    match window {
        Window::Sentence => (0..n).map(|i| i..i + 1).collect(),
        Window::Paragraph => group_by(doc, |s| (s.article, s.paragraph), usize::MAX),
        Window::Sentences(k) => group_by(doc, |s| (s.article, 0), k.max(1) as usize),
    }
}

fn group_by(
    doc: &NormalizedDocument,
    key: impl Fn(&crate::normalize::Sentence) -> (u32, u32),
    max_len: usize,
) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 1..=doc.sentences.len() {
        let boundary = i == doc.sentences.len()
            || key(&doc.sentences[i]) != key(&doc.sentences[start])
            || i - start >= max_len;
        if boundary {
            if start < i {
                out.push(start..i);
            }
            start = i;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::Mention;
    use crate::normalize::{Article, Sentence};

    fn doc(sentences: &[(&str, u32)]) -> NormalizedDocument {
        NormalizedDocument {
            name: "d".into(),
            articles: vec![Article {
                title: None,
                sentences: 0..sentences.len(),
            }],
            sentences: sentences
                .iter()
                .map(|(t, p)| Sentence {
                    text: t.to_string(),
                    article: 0,
                    paragraph: *p,
                    start: 0,
                    end: t.chars().count() as u32,
                })
                .collect(),
            year: None,
        }
    }

    fn concept(name: &str) -> Mention {
        Mention::new(EntityKind::Concept, name, 0, name.len())
    }

    #[test]
    fn counts_and_evidence_by_window() {
        let d = doc(&[("甲乙", 0), ("甲", 0), ("乙丙", 1)]);
        let ex = Extraction {
            mentions: vec![
                vec![concept("甲"), concept("乙")],
                vec![concept("甲")],
                vec![concept("乙"), concept("丙")],
            ],
        };
        let mut l = Linker::new(Window::Sentence);
        l.add(&d, &ex);
        let g = l.finish();
        assert_eq!(g.units(), 3);
        assert_eq!(g.graph().edge_count(), 2);
        let a = g.find("甲").unwrap();
        let b = g.find("乙").unwrap();
        let e = g.graph().find_edge(a, b).unwrap();
        assert_eq!(g.link(e).count, 1);
        assert_eq!(g.entity(a).mentions, 2);
        let ev = g.link(e).evidence[0];
        assert_eq!(g.sentences().text_of(ev.first as usize), "甲乙");

        let mut l = Linker::new(Window::Paragraph);
        l.add(&d, &ex);
        let g = l.finish();
        assert_eq!(g.units(), 2);
        let e = g
            .graph()
            .find_edge(g.find("甲").unwrap(), g.find("乙").unwrap())
            .unwrap();
        assert_eq!(g.link(e).count, 1);
        let ev = g.link(e).evidence[0];
        assert_eq!((ev.first, ev.last), (0, 1));
    }

    #[test]
    fn npmi_bounds() {
        assert_eq!(npmi(0.0, 1.0, 1.0, 10.0), -1.0);
        assert!(npmi(5.0, 5.0, 5.0, 5.0) == 1.0);
        let x = npmi(2.0, 4.0, 6.0, 100.0);
        assert!(x > 0.0 && x < 1.0);
    }
}
