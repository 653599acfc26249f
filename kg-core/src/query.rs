//! Stage 7, **query**: what analysts ask of a [`KnowledgeGraph`].

use std::cmp::Ordering;

use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;
use serde::Serialize;

use crate::error::{Error, Result};
use crate::extract::EntityKind;
use crate::graph::{KnowledgeGraph, SentenceRef};
use crate::normalize::normalize_name;

/// How to order neighbours.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SortBy {
    /// By the number of units together (ties by score).
    #[default]
    Count,
    /// By the association score, NPMI (ties by count).
    Score,
    /// By the Jaccard index (ties by count).
    Jaccard,
    /// By association strength, observed over expected (ties by count).
    Strength,
}

/// Options of [`KnowledgeGraph::neighbors`].
///
/// ```
/// let q = kg_core::NeighborQuery { top: 5, ..Default::default() };
/// assert_eq!(q.min_count, 1);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NeighborQuery {
    /// Only these kinds (all when empty).
    pub kinds: Vec<EntityKind>,
    /// At most this many (0 for all).
    pub top: usize,
    /// Only links with at least this many units together.
    pub min_count: u32,
    /// The order.
    pub sort: SortBy,
}

impl Default for NeighborQuery {
    fn default() -> Self {
        NeighborQuery {
            kinds: Vec::new(),
            top: 20,
            min_count: 1,
            sort: SortBy::Count,
        }
    }
}

/// A neighbour of an entity and the strength of their link.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Neighbor {
    /// The neighbour's node.
    #[serde(skip)]
    pub node: NodeIndex,
    /// Its canonical name.
    pub name: String,
    /// Its kind.
    pub kind: EntityKind,
    /// Units (sentences, by default) together.
    pub count: u32,
    /// Documents together.
    pub documents: u32,
    /// Association score (NPMI).
    pub score: f64,
    /// Jaccard index of the link.
    pub jaccard: f64,
    /// Association strength of the link (1 = as often as chance).
    pub strength: f64,
}

/// The sentences behind a link, grouped by unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EvidenceView<'a> {
    /// The document's name.
    pub document: &'a str,
    /// The sentences of the unit, in order.
    pub sentences: Vec<SentenceRef<'a>>,
}

impl KnowledgeGraph {
    /// Finds the node for a user's term, or says what was meant.
    ///
    /// An empty term is an [`Error::InvalidQuery`]; an unknown one an
    /// [`Error::NotFound`] carrying suggestions.
    ///
    /// ```
    /// let g = kg_core::GraphBuilder::new().build_from_texts([("a", "数据要素与数字经济。")]);
    /// assert!(g.resolve("數據要素").is_ok());
    /// match g.resolve("数据要") {
    ///     Err(kg_core::Error::NotFound { suggestions, .. }) => assert_eq!(suggestions[0], "数据要素"),
    ///     other => panic!("{other:?}"),
    /// }
    /// ```
    pub fn resolve(&self, term: &str) -> Result<NodeIndex> {
        let key = normalize_name(term);
        if key.is_empty() {
            return Err(Error::InvalidQuery("the term is empty".into()));
        }
        if key.chars().any(char::is_control) {
            return Err(Error::InvalidQuery(
                "the term holds control characters".into(),
            ));
        }
        self.find(&key).ok_or_else(|| Error::NotFound {
            term: term.to_string(),
            suggestions: self.suggestions(term, 5),
        })
    }

    /// Names close to `term`: first the entities whose name or alias
    /// contains it ([`KnowledgeGraph::search`], most mentioned first), then
    /// those whose name is contained in it, then those most alike character
    /// by character; more mentioned entities first among equals.
    ///
    /// ```
    /// let g = kg_core::GraphBuilder::new().build_from_texts([("a", "数据要素赋能数字经济。")]);
    /// assert_eq!(g.suggestions("数据", 5), ["数据要素"]);
    /// ```
    pub fn suggestions(&self, term: &str, n: usize) -> Vec<String> {
        let key = normalize_name(term);
        if key.is_empty() {
            return Vec::new();
        }
        let mut out: Vec<String> = Vec::new();
        for node in self.search(&key) {
            let name = &self.graph[node].name;
            if !out.contains(name) {
                out.push(name.clone());
            }
            if out.len() == n {
                return out;
            }
        }
        let key_chars = key.chars().count();
        let mut scored: Vec<(f64, u32, &str)> = Vec::new();
        for node in self.graph.node_indices() {
            let e = &self.graph[node];
            let mut best = 0.0f64;
            for name in std::iter::once(&e.name).chain(&e.aliases) {
                let norm = normalize_name(name);
                let s = if norm.contains(&key) {
                    0.0 // already listed by search
                } else if key.contains(&norm) && norm.chars().count() >= 2 {
                    1.5 + norm.chars().count() as f64 / key_chars.max(1) as f64
                } else {
                    strsim::normalized_levenshtein(&key, &norm)
                };
                best = best.max(s);
            }
            if best >= 0.4 {
                scored.push((best, e.mentions, &e.name));
            }
        }
        scored.sort_by(|a, b| {
            b.0.partial_cmp(&a.0)
                .unwrap_or(Ordering::Equal)
                .then(b.1.cmp(&a.1))
                .then(a.2.cmp(b.2))
        });
        for (_, _, name) in scored {
            if out.len() == n {
                break;
            }
            if !out.iter().any(|o| o == name) {
                out.push(name.to_string());
            }
        }
        out
    }

    /// The entities linked to `node`, strongest first.
    ///
    /// ```
    /// use kg_core::{GraphBuilder, NeighborQuery};
    /// let g = GraphBuilder::new().build_from_texts([("a", "数据要素赋能数字经济。数据要素与新质生产力。")]);
    /// let n = g.neighbors(g.find("数据要素").unwrap(), &NeighborQuery::default());
    /// assert_eq!(n.len(), 2);
    /// assert!(n.iter().all(|x| x.count == 1));
    /// ```
    pub fn neighbors(&self, node: NodeIndex, query: &NeighborQuery) -> Vec<Neighbor> {
        let mut out: Vec<Neighbor> = self
            .graph
            .edges(node)
            .filter_map(|edge| {
                let other = if edge.source() == node {
                    edge.target()
                } else {
                    edge.source()
                };
                let e = &self.graph[other];
                let link = edge.weight();
                let keep = link.count >= query.min_count
                    && (query.kinds.is_empty() || query.kinds.contains(&e.kind));
                keep.then(|| Neighbor {
                    node: other,
                    name: e.name.clone(),
                    kind: e.kind,
                    count: link.count,
                    documents: link.documents,
                    score: link.npmi,
                    jaccard: link.jaccard,
                    strength: link.strength,
                })
            })
            .collect();
        out.sort_by(|a, b| {
            let by_count = b.count.cmp(&a.count);
            let desc = |x: f64, y: f64| y.partial_cmp(&x).unwrap_or(Ordering::Equal);
            let by_score = desc(a.score, b.score);
            match query.sort {
                SortBy::Count => by_count.then(by_score),
                SortBy::Score => by_score.then(by_count),
                SortBy::Jaccard => desc(a.jaccard, b.jaccard).then(by_count),
                SortBy::Strength => desc(a.strength, b.strength).then(by_count),
            }
            .then_with(|| a.name.cmp(&b.name))
        });
        if query.top > 0 {
            out.truncate(query.top);
        }
        out
    }

    /// The units of text that link `a` and `b`, in corpus order; empty
    /// when they are not linked.
    ///
    /// ```
    /// let g = kg_core::GraphBuilder::new().build_from_texts([("a", "数据要素赋能数字经济。")]);
    /// let why = g.why(g.find("数据要素").unwrap(), g.find("数字经济").unwrap());
    /// assert_eq!(why[0].sentences[0].text, "数据要素赋能数字经济。");
    /// ```
    pub fn why(&self, a: NodeIndex, b: NodeIndex) -> Vec<EvidenceView<'_>> {
        let Some(edge) = self.graph.find_edge(a, b) else {
            return Vec::new();
        };
        self.graph[edge]
            .evidence
            .iter()
            .filter_map(|ev| {
                let sentences = self.sentences.range(ev.first, ev.last)?;
                let doc = self
                    .documents
                    .get(sentences.first()?.record.document as usize)?;
                Some(EvidenceView {
                    document: &doc.name,
                    sentences,
                })
            })
            .collect()
    }
}

/// Everything the graph knows about one entity: what `kg show` prints.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EntityCard<'a> {
    /// The canonical name.
    pub name: &'a str,
    /// The kind.
    pub kind: EntityKind,
    /// Other names, sorted.
    pub aliases: &'a [String],
    /// How many times it is mentioned.
    pub mentions: u32,
    /// Names of the documents that mention it, in corpus order.
    pub documents: Vec<&'a str>,
    /// For a metric: every value stated, in corpus order.
    pub observations: Vec<ObservationView<'a>>,
    /// Its strongest neighbours.
    pub neighbors: Vec<Neighbor>,
}

/// A metric observation with the sentence that states it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ObservationView<'a> {
    /// Value with its unit.
    pub value: &'a str,
    /// Qualifier words (`;`-joined), or empty.
    pub qualifier: &'a str,
    /// Year, or empty.
    pub year: &'a str,
    /// Region, or empty.
    pub region: &'a str,
    /// The document's name.
    pub document: &'a str,
    /// The sentence.
    pub sentence: SentenceRef<'a>,
}

impl KnowledgeGraph {
    /// The card of `node`, with its neighbours chosen by `query`.
    ///
    /// ```
    /// use kg_core::{GraphBuilder, NeighborQuery};
    /// let g = GraphBuilder::new()
    ///     .build_from_texts([("a.txt", "数据要素赋能数字经济。"), ("b.txt", "数据要素。")]);
    /// let card = g.card(g.resolve("數據要素")?, &NeighborQuery { top: 10, ..Default::default() });
    /// assert_eq!(card.name, "数据要素");
    /// assert_eq!((card.mentions, card.documents), (2, vec!["a.txt", "b.txt"]));
    /// assert_eq!(card.neighbors[0].name, "数字经济");
    /// # Ok::<(), kg_core::Error>(())
    /// ```
    pub fn card(&self, node: NodeIndex, query: &NeighborQuery) -> EntityCard<'_> {
        let e = &self.graph[node];
        let documents = e
            .documents
            .iter()
            .filter_map(|&d| self.documents.get(d as usize))
            .map(|d| d.name.as_str())
            .collect();
        let observations = e
            .observations
            .iter()
            .filter_map(|o| {
                let sentence = self.sentences.get(o.sentence as usize)?;
                let document = self.documents.get(sentence.record.document as usize)?;
                Some(ObservationView {
                    value: &o.observation.value,
                    qualifier: &o.observation.qualifier,
                    year: &o.observation.year,
                    region: &o.observation.region,
                    document: &document.name,
                    sentence,
                })
            })
            .collect();
        EntityCard {
            name: &e.name,
            kind: e.kind,
            aliases: &e.aliases,
            mentions: e.mentions,
            documents,
            observations,
            neighbors: self.neighbors(node, query),
        }
    }
}

#[cfg(test)]
mod card_tests {
    use crate::extract::{EntityKind, Extraction, Mention, Observation};
    use crate::normalize::normalize;
    use crate::{Document, Linker, NeighborQuery, Window};

    #[test]
    fn card_lists_observations_with_their_sentences() {
        let doc = normalize(&Document::from_text(
            "r.txt",
            "前言。数字经济核心产业增加值超过12万亿元。",
        ));
        let last = doc.sentences.len() - 1;
        let mut mentions = vec![Vec::new(); doc.sentences.len()];
        let mut metric = Mention::new(EntityKind::Metric, "数字经济核心产业增加值", 0, 33);
        metric.observation = Some(Box::new(Observation {
            value: "12万亿元".into(),
            qualifier: "超过".into(),
            year: "2023".into(),
            region: String::new(),
        }));
        mentions[last] = vec![metric, Mention::new(EntityKind::Concept, "数字经济", 0, 12)];
        let mut linker = Linker::new(Window::Sentence);
        linker.add(&doc, &Extraction { mentions });
        let g = linker.finish();
        let card = g.card(
            g.resolve("数字经济核心产业增加值").unwrap(),
            &NeighborQuery::default(),
        );
        assert_eq!(card.kind, EntityKind::Metric);
        assert_eq!(card.observations.len(), 1);
        let o = &card.observations[0];
        assert_eq!((o.value, o.qualifier, o.year), ("12万亿元", "超过", "2023"));
        assert_eq!(o.document, "r.txt");
        assert_eq!(o.sentence.text, "数字经济核心产业增加值超过12万亿元。");
        assert_eq!(card.neighbors[0].name, "数字经济");
    }
}
