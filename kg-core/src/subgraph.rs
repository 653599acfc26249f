//! Subsets of a graph: the graph of some of its documents ("the 2025
//! texts only"), and the graph without its weak links. Every query and
//! export runs on such a subset when the user asks for one.
//!
//! A document subset is exact, not an approximation: every entity keeps
//! its mentions and units per document ([`crate::graph::DocumentCount`])
//! and every link its evidence, so counts and association scores are
//! recomputed as if the graph had been built from those documents alone.

use std::collections::HashMap;

use globset::{Glob, GlobSet, GlobSetBuilder};
use petgraph::graph::{NodeIndex, UnGraph};
use petgraph::visit::EdgeRef;

use crate::error::{Error, Result};
use crate::graph::{
    DocumentInfo, Entity, Evidence, KnowledgeGraph, Link, MetricObservation, SentenceRecord,
    SentenceTable,
};
use crate::link::score;

/// Which documents to keep: those whose name matches any of the globs (all
/// when there are none) and whose year lies in the range (any year, and
/// documents without one, when there is none).
///
/// ```
/// use kg_core::subgraph::DocumentFilter;
/// let f = DocumentFilter::new(&["*2025*"], Some((2024, 2025)))?;
/// assert!(f.is_active());
/// assert!(!DocumentFilter::default().is_active());
/// # Ok::<(), kg_core::Error>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct DocumentFilter {
    globs: Option<GlobSet>,
    years: Option<(u16, u16)>,
}

impl DocumentFilter {
    /// A filter from glob patterns on document names (`*` matches across
    /// `/` too, so `*2025*` finds `reports/2025-plan.txt`) and an inclusive
    /// range of years. A malformed glob is an [`Error::InvalidQuery`].
    pub fn new(globs: &[impl AsRef<str>], years: Option<(u16, u16)>) -> Result<DocumentFilter> {
        let globs = if globs.is_empty() {
            None
        } else {
            let mut set = GlobSetBuilder::new();
            for g in globs {
                let g = g.as_ref();
                set.add(Glob::new(g).map_err(|e| {
                    Error::InvalidQuery(format!("invalid document glob '{g}': {e}"))
                })?);
            }
            Some(
                set.build()
                    .map_err(|e| Error::InvalidQuery(e.to_string()))?,
            )
        };
        if let Some((from, to)) = years {
            if from > to {
                return Err(Error::InvalidQuery(format!(
                    "the year range {from}-{to} is empty; write the earlier year first"
                )));
            }
        }
        Ok(DocumentFilter { globs, years })
    }

    /// Whether the filter keeps less than everything.
    pub fn is_active(&self) -> bool {
        self.globs.is_some() || self.years.is_some()
    }

    /// Whether `doc` passes. The glob is tried on the whole name and on
    /// the file name alone, so `2025*` matches `corpus/2025-plan.txt`.
    ///
    /// ```
    /// use kg_core::graph::DocumentInfo;
    /// use kg_core::subgraph::DocumentFilter;
    /// let doc = |name: &str, year| DocumentInfo {
    ///     name: name.into(), articles: vec![], sentences: 0, units: 0, year,
    /// };
    /// let f = DocumentFilter::new(&["2025*"], None)?;
    /// assert!(f.matches(&doc("corpus/2025-plan.txt", None)));
    /// assert!(!f.matches(&doc("corpus/2024-plan.txt", None)));
    /// let f = DocumentFilter::new(&[] as &[&str], Some((2025, 2025)))?;
    /// assert!(f.matches(&doc("a.txt", Some(2025))));
    /// assert!(!f.matches(&doc("b.txt", None)));
    /// # Ok::<(), kg_core::Error>(())
    /// ```
    pub fn matches(&self, doc: &DocumentInfo) -> bool {
        let name_ok = self.globs.as_ref().is_none_or(|set| {
            let file = doc.name.rsplit(['/', '\\']).next().unwrap_or(&doc.name);
            set.is_match(&doc.name) || set.is_match(file)
        });
        let year_ok = self
            .years
            .is_none_or(|(from, to)| doc.year.is_some_and(|y| (from..=to).contains(&y)));
        name_ok && year_ok
    }
}

impl KnowledgeGraph {
    /// The graph of the documents that `filter` keeps, as if it had been
    /// built from them alone: entities and links found only elsewhere are
    /// gone, counts, evidence and scores are recomputed.
    ///
    /// ```
    /// use kg_core::subgraph::DocumentFilter;
    /// let g = kg_core::GraphBuilder::new().build_from_texts([
    ///     ("2024.txt", "数据要素赋能数字经济。"),
    ///     ("2025.txt", "数据要素与新质生产力。数据要素赋能数字经济。"),
    /// ]);
    /// let only_2025 = g.restrict(&DocumentFilter::new(&["2025*"], None)?);
    /// assert_eq!(only_2025.documents().len(), 1);
    /// assert_eq!(only_2025.entity(only_2025.find("数据要素").unwrap()).mentions, 2);
    /// let only_2024 = g.restrict(&DocumentFilter::new(&[] as &[&str], Some((2024, 2024)))?);
    /// assert!(only_2024.find("新质生产力").is_none());
    /// # Ok::<(), kg_core::Error>(())
    /// ```
    pub fn restrict(&self, filter: &DocumentFilter) -> KnowledgeGraph {
        // Old document id → new, u32::MAX when dropped.
        let mut doc_map = vec![u32::MAX; self.documents.len()];
        let mut documents = Vec::new();
        let mut units = 0;
        for (i, d) in self.documents.iter().enumerate() {
            if filter.matches(d) {
                doc_map[i] = documents.len() as u32;
                units += d.units;
                documents.push(d.clone());
            }
        }
        let mut sentence_map = vec![u32::MAX; self.sentences.len()];
        let mut sentences = SentenceTable::default();
        for (i, s) in self.sentences.records.iter().enumerate() {
            let d = doc_map[s.document as usize];
            if d != u32::MAX {
                sentence_map[i] = sentences.len() as u32;
                let record = SentenceRecord { document: d, ..*s };
                sentences.push_from(&self.sentences, i, record);
            }
        }

        let mut graph: UnGraph<Entity, Link> = UnGraph::default();
        let mut node_map: HashMap<NodeIndex, NodeIndex> = HashMap::new();
        for node in self.graph.node_indices() {
            let e = &self.graph[node];
            let mut kept = Entity {
                documents: Vec::new(),
                document_counts: Vec::new(),
                observations: Vec::new(),
                mentions: 0,
                units: 0,
                ..e.clone()
            };
            for (d, c) in e.documents.iter().zip(&e.document_counts) {
                let new = doc_map[*d as usize];
                if new != u32::MAX {
                    kept.documents.push(new);
                    kept.document_counts.push(*c);
                    kept.mentions += c.mentions;
                    kept.units += u64::from(c.units);
                }
            }
            if kept.documents.is_empty() {
                continue;
            }
            kept.observations = e
                .observations
                .iter()
                .filter_map(|o| {
                    let s = *sentence_map.get(o.sentence as usize)?;
                    (s != u32::MAX).then(|| MetricObservation {
                        observation: o.observation.clone(),
                        sentence: s,
                    })
                })
                .collect();
            node_map.insert(node, graph.add_node(kept));
        }
        let n = units.max(1) as f64;
        for edge in self.graph.edge_references() {
            let (Some(&a), Some(&b)) = (node_map.get(&edge.source()), node_map.get(&edge.target()))
            else {
                continue;
            };
            let mut link = Link::default();
            let mut last_doc = u32::MAX;
            for ev in &edge.weight().evidence {
                let (Some(&first), Some(&last)) = (
                    sentence_map.get(ev.first as usize),
                    sentence_map.get(ev.last as usize),
                ) else {
                    continue;
                };
                if first == u32::MAX || last == u32::MAX {
                    continue;
                }
                link.count += 1;
                link.evidence.push(Evidence { first, last });
                // Evidence is in corpus order, so a document's units are adjacent.
                let doc = sentences.records[first as usize].document;
                if doc != last_doc {
                    last_doc = doc;
                    link.documents += 1;
                }
            }
            if link.count == 0 {
                continue;
            }
            score(&mut link, graph[a].units as f64, graph[b].units as f64, n);
            graph.add_edge(a, b, link);
        }
        let mut out = KnowledgeGraph {
            graph,
            documents,
            sentences,
            units,
            window: self.window,
            index: HashMap::new(),
        };
        out.reindex();
        out
    }

    /// The graph without links seen in fewer than `min_count` units (the
    /// entities stay): what pruning does before paths, rankings and
    /// communities are computed.
    ///
    /// ```
    /// let g = kg_core::GraphBuilder::new()
    ///     .build_from_texts([("a", "数据要素赋能数字经济。数据要素赋能数字经济。数据要素与新质生产力。")]);
    /// let strong = g.prune(2);
    /// assert_eq!((strong.graph().node_count(), strong.graph().edge_count()), (3, 1));
    /// ```
    pub fn prune(&self, min_count: u32) -> KnowledgeGraph {
        self.retain(|_, _| true, min_count)
    }

    /// The graph of the entities `keep` accepts and of their links seen in
    /// at least `min_count` units. Scores stay as they are: they measure
    /// co-occurrence in the text, which leaving entities out does not change.
    ///
    /// ```
    /// use kg_core::EntityKind;
    /// let g = kg_core::GraphBuilder::new()
    ///     .build_from_texts([("a", "国家数据局推动数据要素与数字经济。")]);
    /// let concepts = g.retain(|_, e| e.kind == EntityKind::Concept, 1);
    /// assert_eq!(concepts.graph().node_count(), 2);
    /// assert!(concepts.find("国家数据局").is_none());
    /// ```
    pub fn retain(
        &self,
        keep: impl Fn(NodeIndex, &Entity) -> bool,
        min_count: u32,
    ) -> KnowledgeGraph {
        let graph = self.graph.filter_map(
            |n, e| keep(n, e).then(|| e.clone()),
            |_, l| (l.count >= min_count).then(|| l.clone()),
        );
        let mut out = KnowledgeGraph {
            graph,
            documents: self.documents.clone(),
            sentences: self.sentences.clone(),
            units: self.units,
            window: self.window,
            index: HashMap::new(),
        };
        out.reindex();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::GraphBuilder;

    fn corpus() -> KnowledgeGraph {
        GraphBuilder::new().build_from_texts([
            (
                "a/2024-x.txt",
                "数据要素赋能数字经济。国家数据局推动数据要素市场建设。",
            ),
            (
                "b/2025-y.txt",
                "数据要素与新质生产力。数据要素赋能数字经济。",
            ),
            ("c/z.txt", "东数西算与算力网络。"),
        ])
    }

    /// The subset of a graph equals the graph built from those documents
    /// alone: the promise that makes filters exact.
    #[test]
    fn restrict_equals_building_the_subset() {
        let texts = [
            (
                "a/2024-x.txt",
                "数据要素赋能数字经济。国家数据局推动数据要素市场建设。",
            ),
            (
                "b/2025-y.txt",
                "数据要素与新质生产力。数据要素赋能数字经济。",
            ),
        ];
        let alone = GraphBuilder::new().build_from_texts(texts);
        let filter = DocumentFilter::new(&["a/*", "b/*"], None).unwrap();
        let sub = corpus().restrict(&filter);
        assert_eq!(sub.documents(), alone.documents());
        assert_eq!(sub.sentences(), alone.sentences());
        assert_eq!(sub.units(), alone.units());
        assert_eq!(sub.graph().node_count(), alone.graph().node_count());
        assert_eq!(sub.graph().edge_count(), alone.graph().edge_count());
        for e in alone.graph().edge_references() {
            let (a, b) = (
                &alone.entity(e.source()).name,
                &alone.entity(e.target()).name,
            );
            let (x, y) = (sub.find(a).unwrap(), sub.find(b).unwrap());
            let link = sub.link(sub.graph().find_edge(x, y).unwrap());
            let want = e.weight();
            assert_eq!((link.count, link.documents), (want.count, want.documents));
            assert_eq!(link.evidence, want.evidence);
            assert!((link.npmi - want.npmi).abs() < 1e-12);
            assert!((link.jaccard - want.jaccard).abs() < 1e-12);
            assert!((link.strength - want.strength).abs() < 1e-12);
        }
        for n in alone.graph().node_indices() {
            let want = alone.entity(n);
            let got = sub.entity(sub.find(&want.name).unwrap());
            assert_eq!(got, want);
        }
    }

    #[test]
    fn years_come_from_names() {
        let g = corpus();
        let years: Vec<_> = g.documents().iter().map(|d| d.year).collect();
        assert_eq!(years, [Some(2024), Some(2025), None]);
        let only = g.restrict(&DocumentFilter::new(&[] as &[&str], Some((2025, 2025))).unwrap());
        assert_eq!(only.documents().len(), 1);
        assert!(only.find("国家数据局").is_none());
        assert_eq!(only.entity(only.find("数据要素").unwrap()).mentions, 2);
    }

    #[test]
    fn nothing_kept_is_an_empty_graph() {
        let g = corpus().restrict(&DocumentFilter::new(&["nothing*"], None).unwrap());
        assert_eq!(g.graph().node_count(), 0);
        assert_eq!(g.units(), 0);
        assert!(g.sentences().is_empty());
    }

    #[test]
    fn bad_filters_are_usage_errors() {
        assert!(matches!(
            DocumentFilter::new(&["a[b"], None),
            Err(Error::InvalidQuery(_))
        ));
        assert!(matches!(
            DocumentFilter::new(&[] as &[&str], Some((2025, 2024))),
            Err(Error::InvalidQuery(_))
        ));
    }
}
