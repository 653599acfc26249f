//! What changed between two graphs — say, of the 2024 and of the 2025
//! documents: entities that appeared or vanished, and the links of one
//! entity that strengthened or weakened most. The question of research on
//! policy change, which co-occurrence tools leave to hand work.
//!
//! Entities are matched by kind and normalized name, as [`crate::link::merge`]
//! matches them, so graphs built separately compare correctly.

use std::collections::HashMap;

use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;
use serde::Serialize;

use crate::error::{Error, Result};
use crate::extract::EntityKind;
use crate::graph::KnowledgeGraph;
use crate::normalize::normalize_name;
use crate::query::SortBy;

/// An entity in one graph and not the other.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EntityChange {
    /// Its name.
    pub name: String,
    /// Its kind.
    pub kind: EntityKind,
    /// Mentions in the graph that has it.
    pub mentions: u32,
    /// Documents of that graph that mention it.
    pub documents: usize,
}

/// The entities of two graphs, compared.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Comparison {
    /// Entities of `after` that `before` lacks, most mentioned first.
    pub appeared: Vec<EntityChange>,
    /// Entities of `before` that `after` lacks, most mentioned first.
    pub vanished: Vec<EntityChange>,
    /// Entities in both.
    pub kept: usize,
}

/// One link of an entity, in two graphs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LinkChange {
    /// The neighbour's name.
    pub name: String,
    /// Its kind.
    pub kind: EntityKind,
    /// Units together before (0 when the link is absent).
    pub count_before: u32,
    /// Units together after.
    pub count_after: u32,
    /// The link's weight before, under the chosen measure (absent: 0).
    pub before: f64,
    /// Its weight after.
    pub after: f64,
    /// `after - before`.
    pub change: f64,
}

type Key = (EntityKind, String);

fn keys(g: &KnowledgeGraph) -> HashMap<Key, NodeIndex> {
    g.graph
        .node_indices()
        .map(|n| ((g.graph[n].kind, normalize_name(&g.graph[n].name)), n))
        .collect()
}

fn change(g: &KnowledgeGraph, n: NodeIndex) -> EntityChange {
    let e = &g.graph[n];
    EntityChange {
        name: e.name.clone(),
        kind: e.kind,
        mentions: e.mentions,
        documents: e.documents.len(),
    }
}

fn only_in(a: &KnowledgeGraph, b: &HashMap<Key, NodeIndex>) -> Vec<EntityChange> {
    let mut out: Vec<EntityChange> = keys(a)
        .into_iter()
        .filter(|(k, _)| !b.contains_key(k))
        .map(|(_, n)| change(a, n))
        .collect();
    out.sort_by(|x, y| {
        y.mentions
            .cmp(&x.mentions)
            .then_with(|| x.name.cmp(&y.name))
    });
    out
}

impl KnowledgeGraph {
    /// The entities that `after` has and `self` lacks, and the reverse.
    ///
    /// ```
    /// let before = kg_core::GraphBuilder::new().build_from_texts([("2024", "数据要素赋能数字经济。")]);
    /// let after = kg_core::GraphBuilder::new().build_from_texts([("2025", "数据要素与新质生产力。")]);
    /// let c = before.compare(&after);
    /// assert_eq!(c.appeared[0].name, "新质生产力");
    /// assert_eq!(c.vanished[0].name, "数字经济");
    /// assert_eq!(c.kept, 1);
    /// ```
    pub fn compare(&self, after: &KnowledgeGraph) -> Comparison {
        let (mine, theirs) = (keys(self), keys(after));
        let kept = mine.keys().filter(|k| theirs.contains_key(*k)).count();
        Comparison {
            appeared: only_in(after, &mine),
            vanished: only_in(self, &theirs),
            kept,
        }
    }

    /// The links of `term` in `self` and in `after`, measured by `weight`,
    /// greatest change first (strengthened and weakened alike; split them
    /// by the sign of [`LinkChange::change`]). A link absent from one graph
    /// weighs 0 there. [`Error::NotFound`] when neither graph knows `term`.
    ///
    /// ```
    /// use kg_core::SortBy;
    /// let before = kg_core::GraphBuilder::new()
    ///     .build_from_texts([("2024", "数据要素赋能数字经济。数据要素与数字经济。")]);
    /// let after = kg_core::GraphBuilder::new()
    ///     .build_from_texts([("2025", "数据要素赋能数字经济。数据要素与新质生产力。")]);
    /// let links = before.compare_links(&after, "数据要素", SortBy::Count)?;
    /// let changes: Vec<_> = links.iter().map(|l| (l.name.as_str(), l.change)).collect();
    /// assert_eq!(changes, [("数字经济", -1.0), ("新质生产力", 1.0)]);
    /// # Ok::<(), kg_core::Error>(())
    /// ```
    pub fn compare_links(
        &self,
        after: &KnowledgeGraph,
        term: &str,
        weight: SortBy,
    ) -> Result<Vec<LinkChange>> {
        let (a, b) = (self.find(term), after.find(term));
        if a.is_none() && b.is_none() {
            let mut suggestions = self.suggestions(term, 5);
            for s in after.suggestions(term, 5) {
                if !suggestions.contains(&s) {
                    suggestions.push(s);
                }
            }
            return Err(Error::NotFound {
                term: term.to_string(),
                suggestions,
            });
        }
        // Neighbour key → (name, kind, count and weight before, after).
        let mut links: HashMap<Key, LinkChange> = HashMap::new();
        let mut collect = |g: &KnowledgeGraph, node: Option<NodeIndex>, is_after: bool| {
            let Some(node) = node else { return };
            for e in g.graph.edges(node) {
                let other = if e.source() == node {
                    e.target()
                } else {
                    e.source()
                };
                let o = &g.graph[other];
                let entry = links
                    .entry((o.kind, normalize_name(&o.name)))
                    .or_insert_with(|| LinkChange {
                        name: o.name.clone(),
                        kind: o.kind,
                        count_before: 0,
                        count_after: 0,
                        before: 0.0,
                        after: 0.0,
                        change: 0.0,
                    });
                let w = e.weight();
                if is_after {
                    entry.count_after = w.count;
                    entry.after = weight.weight(w);
                } else {
                    entry.count_before = w.count;
                    entry.before = weight.weight(w);
                }
            }
        };
        collect(self, a, false);
        collect(after, b, true);
        let mut out: Vec<LinkChange> = links
            .into_values()
            .map(|mut l| {
                l.change = l.after - l.before;
                l
            })
            .collect();
        out.sort_by(|x, y| {
            y.change
                .abs()
                .total_cmp(&x.change.abs())
                .then(x.change.total_cmp(&y.change))
                .then_with(|| x.name.cmp(&y.name))
        });
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use crate::{GraphBuilder, SortBy};

    #[test]
    fn identical_graphs_have_no_changes() {
        let g = GraphBuilder::new()
            .build_from_texts([("a", "数据要素赋能数字经济。国家数据局推动数据要素。")]);
        let c = g.compare(&g);
        assert!(c.appeared.is_empty() && c.vanished.is_empty());
        assert_eq!(c.kept, g.graph().node_count());
        let links = g.compare_links(&g, "数据要素", SortBy::Score).unwrap();
        assert_eq!(links.len(), 2);
        assert!(links.iter().all(|l| l.change == 0.0 && l.before == l.after));
    }

    #[test]
    fn a_term_known_to_neither_is_not_found() {
        let g = GraphBuilder::new().build_from_texts([("a", "数据要素赋能数字经济。")]);
        let err = g.compare_links(&g, "数据要", SortBy::Count).unwrap_err();
        assert!(
            matches!(err, crate::Error::NotFound { ref suggestions, .. } if suggestions.contains(&"数据要素".to_string()))
        );
    }

    #[test]
    fn a_term_in_one_graph_only_has_links_on_one_side() {
        let before = GraphBuilder::new().build_from_texts([("a", "数字经济与新质生产力。")]);
        let after = GraphBuilder::new().build_from_texts([("b", "数据要素赋能数字经济。")]);
        let links = before
            .compare_links(&after, "数据要素", SortBy::Count)
            .unwrap();
        assert_eq!(links.len(), 1);
        assert_eq!((links[0].count_before, links[0].count_after), (0, 1));
    }
}
