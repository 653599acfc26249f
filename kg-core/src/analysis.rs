//! Whole-graph questions: statistics, search, rankings (PageRank,
//! betweenness), the strongest path between two entities and ego networks.

use std::cmp::Ordering;
use std::collections::{HashMap, VecDeque};

use petgraph::graph::{EdgeIndex, NodeIndex, UnGraph};
use petgraph::visit::EdgeRef;
use serde::Serialize;

use crate::error::{Error, Result};
use crate::extract::EntityKind;
use crate::graph::{KnowledgeGraph, SentenceRef};
use crate::normalize::normalize_name;

/// Damping factor of [`KnowledgeGraph::pagerank`], the usual 0.85.
pub const DAMPING: f64 = 0.85;

/// Size figures of a graph: what `kg stats` prints.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stats {
    /// Entities in all.
    pub nodes: usize,
    /// Entities of each kind, in [`EntityKind::ALL`] order (kinds with none
    /// included); in JSON, an object from kind to count.
    #[serde(serialize_with = "as_map")]
    pub nodes_per_kind: Vec<(EntityKind, usize)>,
    /// Links.
    pub edges: usize,
    /// Links over possible links, `2E / (N (N - 1))`; 0 below two nodes.
    pub density: f64,
    /// Connected components (an isolated entity is one).
    pub components: usize,
    /// Source documents.
    pub documents: usize,
    /// Evidence sentences kept.
    pub sentences: usize,
    /// Co-occurrence units.
    pub units: u64,
}

/// Serializes pairs as a map, keeping their order.
fn as_map<S: serde::Serializer>(
    pairs: &[(EntityKind, usize)],
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    s.collect_map(pairs.iter().map(|(k, n)| (k, n)))
}

/// What [`KnowledgeGraph::top`] ranks by.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RankBy {
    /// Times mentioned.
    #[default]
    Mentions,
    /// Documents that mention it.
    Documents,
    /// Number of linked entities.
    Degree,
    /// Weighted PageRank (weights: units together), see [`KnowledgeGraph::pagerank`].
    Pagerank,
    /// Betweenness centrality (hops), see [`KnowledgeGraph::betweenness`].
    Betweenness,
}

/// One entity in a ranking.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Ranked {
    /// Its node.
    #[serde(skip)]
    pub node: NodeIndex,
    /// Its canonical name.
    pub name: String,
    /// Its kind.
    pub kind: EntityKind,
    /// The value ranked by.
    pub value: f64,
}

/// One hop of a [`KnowledgeGraph::path`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hop<'a> {
    /// The entity the hop leaves.
    pub from: &'a str,
    /// The entity it reaches.
    pub to: &'a str,
    /// Units together.
    pub count: u32,
    /// Jaccard index of the link.
    pub jaccard: f64,
    /// The document of the supporting sentence.
    pub document: &'a str,
    /// One supporting sentence (the first in corpus order).
    pub sentence: SentenceRef<'a>,
}

/// A subgraph around one entity: what [`KnowledgeGraph::ego`] returns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ego {
    /// The kept nodes with their distance in hops from the centre (the centre first, at 0).
    pub nodes: Vec<(NodeIndex, usize)>,
    /// Every link among the kept nodes.
    pub edges: Vec<EdgeIndex>,
}

impl KnowledgeGraph {
    /// Counts nodes per kind, edges, components, documents and sentences.
    ///
    /// ```
    /// let g = kg_core::GraphBuilder::new().build_from_texts([("a", "数据要素赋能数字经济。")]);
    /// let s = g.stats();
    /// assert_eq!((s.nodes, s.edges, s.components, s.documents), (2, 1, 1, 1));
    /// assert_eq!(s.density, 1.0);
    /// ```
    pub fn stats(&self) -> Stats {
        let nodes = self.graph.node_count();
        let edges = self.graph.edge_count();
        let nodes_per_kind = EntityKind::ALL
            .iter()
            .map(|&k| {
                let n = self.graph.node_weights().filter(|e| e.kind == k).count();
                (k, n)
            })
            .collect();
        let density = if nodes > 1 {
            2.0 * edges as f64 / (nodes as f64 * (nodes as f64 - 1.0))
        } else {
            0.0
        };
        Stats {
            nodes,
            nodes_per_kind,
            edges,
            density,
            components: petgraph::algo::connected_components(&self.graph),
            documents: self.documents.len(),
            sentences: self.sentences.len(),
            units: self.units,
        }
    }

    /// Entities whose name or an alias contains `text` (after
    /// normalization, so Traditional forms match), most mentioned first,
    /// then by name. An empty text matches nothing.
    ///
    /// ```
    /// let g = kg_core::GraphBuilder::new().build_from_texts([("a", "数据要素赋能数字经济。")]);
    /// let hits: Vec<&str> = g.search("數據").iter().map(|&n| g.entity(n).name.as_str()).collect();
    /// assert_eq!(hits, ["数据要素"]);
    /// assert!(g.search("").is_empty());
    /// ```
    pub fn search(&self, text: &str) -> Vec<NodeIndex> {
        let key = normalize_name(text);
        if key.is_empty() {
            return Vec::new();
        }
        let mut hits: Vec<NodeIndex> = self
            .graph
            .node_indices()
            .filter(|&n| {
                let e = &self.graph[n];
                std::iter::once(&e.name)
                    .chain(&e.aliases)
                    .any(|name| normalize_name(name).contains(&key))
            })
            .collect();
        hits.sort_by(|&a, &b| {
            let (ea, eb) = (&self.graph[a], &self.graph[b]);
            eb.mentions
                .cmp(&ea.mentions)
                .then_with(|| ea.name.cmp(&eb.name))
        });
        hits
    }

    /// Weighted PageRank of every node (indexed by node index), with
    /// damping [`DAMPING`]: a node passes its rank to its neighbours in
    /// proportion to the units they share; an isolated node spreads its
    /// rank over all. The ranks sum to 1.
    ///
    /// ```
    /// // A star: the centre holds most of the rank.
    /// let g = kg_core::GraphBuilder::new()
    ///     .build_from_texts([("a", "数据要素赋能数字经济。数据要素与新质生产力。")]);
    /// let pr = g.pagerank();
    /// let centre = g.find("数据要素").unwrap().index();
    /// assert!(pr.iter().enumerate().all(|(i, &r)| i == centre || r < pr[centre]));
    /// assert!((pr.iter().sum::<f64>() - 1.0).abs() < 1e-9);
    /// ```
    pub fn pagerank(&self) -> Vec<f64> {
        pagerank(&self.graph, |e| e.count as f64, DAMPING)
    }

    /// Betweenness centrality of every node (indexed by node index): the
    /// number of shortest paths (in hops) between other pairs that pass
    /// through it, each pair counted once, by Brandes' algorithm.
    ///
    /// ```
    /// // A path 数据要素 — 数字经济 — 新质生产力: only the middle lies between.
    /// let g = kg_core::GraphBuilder::new()
    ///     .build_from_texts([("a", "数据要素赋能数字经济。数字经济与新质生产力。")]);
    /// let b = g.betweenness();
    /// assert_eq!(b[g.find("数字经济").unwrap().index()], 1.0);
    /// assert_eq!(b[g.find("数据要素").unwrap().index()], 0.0);
    /// ```
    pub fn betweenness(&self) -> Vec<f64> {
        betweenness(&self.graph)
    }

    /// The `n` entities (all when 0) of the given kinds (all when empty)
    /// ranked highest by `by`; ties by name.
    ///
    /// ```
    /// use kg_core::analysis::RankBy;
    /// let g = kg_core::GraphBuilder::new()
    ///     .build_from_texts([("a", "数据要素赋能数字经济。数据要素与新质生产力。")]);
    /// let top = g.top(RankBy::Degree, &[], 1);
    /// assert_eq!((top[0].name.as_str(), top[0].value), ("数据要素", 2.0));
    /// ```
    pub fn top(&self, by: RankBy, kinds: &[EntityKind], n: usize) -> Vec<Ranked> {
        let values: Vec<f64> = match by {
            RankBy::Mentions => self
                .graph
                .node_weights()
                .map(|e| e.mentions as f64)
                .collect(),
            RankBy::Documents => self
                .graph
                .node_weights()
                .map(|e| e.documents.len() as f64)
                .collect(),
            RankBy::Degree => self
                .graph
                .node_indices()
                .map(|n| self.graph.edges(n).count() as f64)
                .collect(),
            RankBy::Pagerank => self.pagerank(),
            RankBy::Betweenness => self.betweenness(),
        };
        let mut out: Vec<Ranked> = self
            .graph
            .node_indices()
            .filter(|&node| kinds.is_empty() || kinds.contains(&self.graph[node].kind))
            .map(|node| Ranked {
                node,
                name: self.graph[node].name.clone(),
                kind: self.graph[node].kind,
                value: values[node.index()],
            })
            .collect();
        out.sort_by(|a, b| {
            b.value
                .partial_cmp(&a.value)
                .unwrap_or(Ordering::Equal)
                .then_with(|| a.name.cmp(&b.name))
        });
        if n > 0 {
            out.truncate(n);
        }
        out
    }

    /// The strongest path from `a` to `b`: the one whose links' Jaccard
    /// indexes have the greatest product (Dijkstra on `-ln jaccard`), each
    /// hop with its first supporting sentence. [`Error::NotFound`] when no
    /// path joins them; `a == b` is an [`Error::InvalidQuery`].
    ///
    /// ```
    /// let g = kg_core::GraphBuilder::new()
    ///     .build_from_texts([("a", "数据要素赋能数字经济。数字经济与新质生产力。")]);
    /// let path = g.path(g.find("数据要素").unwrap(), g.find("新质生产力").unwrap())?;
    /// let names: Vec<_> = path.iter().map(|h| (h.from, h.to)).collect();
    /// assert_eq!(names, [("数据要素", "数字经济"), ("数字经济", "新质生产力")]);
    /// assert_eq!(path[1].sentence.text, "数字经济与新质生产力。");
    /// # Ok::<(), kg_core::Error>(())
    /// ```
    pub fn path(&self, a: NodeIndex, b: NodeIndex) -> Result<Vec<Hop<'_>>> {
        self.path_by(a, b, crate::query::SortBy::Jaccard)
    }

    /// The strongest path from `a` to `b` by another link measure: the one
    /// whose links' weights, scaled into (0, 1] by the greatest weight in
    /// the graph, have the greatest product. NPMI at or below 0 (no more
    /// often together than chance) is not a path.
    ///
    /// ```
    /// use kg_core::SortBy;
    /// let g = kg_core::GraphBuilder::new()
    ///     .build_from_texts([("a", "数据要素赋能数字经济。数字经济与新质生产力。")]);
    /// let (a, b) = (g.find("数据要素").unwrap(), g.find("新质生产力").unwrap());
    /// assert_eq!(g.path_by(a, b, SortBy::Count)?.len(), 2);
    /// # Ok::<(), kg_core::Error>(())
    /// ```
    pub fn path_by(
        &self,
        a: NodeIndex,
        b: NodeIndex,
        weight: crate::query::SortBy,
    ) -> Result<Vec<Hop<'_>>> {
        let max = self
            .graph
            .edge_weights()
            .map(|l| weight.weight(l))
            .fold(0.0, f64::max);
        if a == b {
            return Err(Error::InvalidQuery(
                "the two ends of the path are the same entity".into(),
            ));
        }
        let found = petgraph::algo::astar(
            &self.graph,
            a,
            |n| n == b,
            |e| {
                if max > 0.0 {
                    cost(weight.weight(e.weight()) / max)
                } else {
                    f64::INFINITY
                }
            },
            |_| 0.0,
        );
        let no_path = || Error::NotFound {
            term: format!(
                "a path from {} to {}",
                self.graph[a].name, self.graph[b].name
            ),
            suggestions: Vec::new(),
        };
        let (_, nodes) = found.ok_or_else(no_path)?;
        let mut hops = Vec::with_capacity(nodes.len().saturating_sub(1));
        for pair in nodes.windows(2) {
            let (x, y) = (pair[0], pair[1]);
            let edge = self.graph.find_edge(x, y).ok_or_else(no_path)?;
            let link = &self.graph[edge];
            let sentence = link
                .evidence
                .first()
                .and_then(|ev| self.sentences.get(ev.first as usize))
                .ok_or_else(no_path)?;
            let document = self
                .documents
                .get(sentence.record.document as usize)
                .map_or("", |d| d.name.as_str());
            hops.push(Hop {
                from: &self.graph[x].name,
                to: &self.graph[y].name,
                count: link.count,
                jaccard: link.jaccard,
                document,
                sentence,
            });
        }
        Ok(hops)
    }

    /// The neighbourhood of `centre` up to `depth` hops: from every kept
    /// node, its `top` strongest links (by units together; all when 0) lead
    /// one hop further. Every link among the kept nodes is included.
    ///
    /// ```
    /// let g = kg_core::GraphBuilder::new()
    ///     .build_from_texts([("a", "数据要素赋能数字经济。数字经济与新质生产力。")]);
    /// let ego = g.ego(g.find("数据要素").unwrap(), 1, 0);
    /// assert_eq!(ego.nodes.len(), 2);
    /// assert_eq!(g.ego(g.find("数据要素").unwrap(), 2, 0).nodes.len(), 3);
    /// ```
    pub fn ego(&self, centre: NodeIndex, depth: usize, top: usize) -> Ego {
        let mut dist: HashMap<NodeIndex, usize> = HashMap::from([(centre, 0)]);
        let mut order = vec![(centre, 0)];
        let mut queue = VecDeque::from([centre]);
        while let Some(node) = queue.pop_front() {
            let d = dist[&node];
            if d >= depth {
                continue;
            }
            let mut next: Vec<(u32, &str, NodeIndex)> = self
                .graph
                .edges(node)
                .map(|e| {
                    let other = if e.source() == node {
                        e.target()
                    } else {
                        e.source()
                    };
                    (e.weight().count, self.graph[other].name.as_str(), other)
                })
                .collect();
            next.sort_by(|x, y| y.0.cmp(&x.0).then_with(|| x.1.cmp(y.1)));
            if top > 0 {
                next.truncate(top);
            }
            for (_, _, other) in next {
                if let std::collections::hash_map::Entry::Vacant(slot) = dist.entry(other) {
                    slot.insert(d + 1);
                    order.push((other, d + 1));
                    queue.push_back(other);
                }
            }
        }
        let edges = self
            .graph
            .edge_references()
            .filter(|e| dist.contains_key(&e.source()) && dist.contains_key(&e.target()))
            .map(|e| e.id())
            .collect();
        Ego {
            nodes: order,
            edges,
        }
    }
}

/// The path cost of a link of weight `j` in (0, 1]: `-ln j`, so the
/// cheapest path has the greatest product of weights.
fn cost(j: f64) -> f64 {
    if j > 0.0 {
        (-j.ln()).max(0.0)
    } else {
        f64::INFINITY
    }
}

/// Weighted PageRank by power iteration on an undirected graph.
fn pagerank<N, E>(g: &UnGraph<N, E>, weight: impl Fn(&E) -> f64, damping: f64) -> Vec<f64> {
    let n = g.node_count();
    if n == 0 {
        return Vec::new();
    }
    let strength: Vec<f64> = g
        .node_indices()
        .map(|v| g.edges(v).map(|e| weight(e.weight())).sum())
        .collect();
    let mut rank = vec![1.0 / n as f64; n];
    for _ in 0..200 {
        let dangling: f64 = (0..n)
            .filter(|&i| strength[i] <= 0.0)
            .map(|i| rank[i])
            .sum();
        let base = (1.0 - damping) / n as f64 + damping * dangling / n as f64;
        let mut next = vec![base; n];
        for e in g.edge_references() {
            let w = weight(e.weight());
            let (s, t) = (e.source().index(), e.target().index());
            if s == t {
                next[s] += damping * rank[s] * w / strength[s];
                continue;
            }
            next[t] += damping * rank[s] * w / strength[s];
            next[s] += damping * rank[t] * w / strength[t];
        }
        let delta: f64 = next.iter().zip(&rank).map(|(a, b)| (a - b).abs()).sum();
        rank = next;
        if delta < 1e-12 {
            break;
        }
    }
    rank
}

/// Brandes' betweenness on hop counts; each unordered pair counted once.
fn betweenness<N, E>(g: &UnGraph<N, E>) -> Vec<f64> {
    let n = g.node_count();
    let mut centrality = vec![0.0; n];
    let mut stack = Vec::with_capacity(n);
    let mut preds: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut sigma = vec![0.0f64; n];
    let mut dist = vec![-1i64; n];
    let mut delta = vec![0.0f64; n];
    let mut queue = VecDeque::new();
    for s in 0..n {
        stack.clear();
        for i in 0..n {
            preds[i].clear();
            sigma[i] = 0.0;
            dist[i] = -1;
            delta[i] = 0.0;
        }
        sigma[s] = 1.0;
        dist[s] = 0;
        queue.push_back(s);
        while let Some(v) = queue.pop_front() {
            stack.push(v);
            for w in g.neighbors(NodeIndex::new(v)) {
                let w = w.index();
                if dist[w] < 0 {
                    dist[w] = dist[v] + 1;
                    queue.push_back(w);
                }
                if dist[w] == dist[v] + 1 {
                    sigma[w] += sigma[v];
                    preds[w].push(v);
                }
            }
        }
        while let Some(w) = stack.pop() {
            for &v in &preds[w] {
                delta[v] += sigma[v] / sigma[w] * (1.0 + delta[w]);
            }
            if w != s {
                centrality[w] += delta[w];
            }
        }
    }
    // Every pair was counted from both ends.
    centrality.iter().map(|c| c / 2.0).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn graph(n: usize, edges: &[(u32, u32, f64)]) -> UnGraph<(), f64> {
        let mut g = UnGraph::new_undirected();
        for _ in 0..n {
            g.add_node(());
        }
        for &(a, b, w) in edges {
            g.add_edge(NodeIndex::new(a as usize), NodeIndex::new(b as usize), w);
        }
        g
    }

    #[test]
    fn pagerank_of_a_star_matches_the_hand_solution() {
        // Centre C, three leaves L: L = 0.15/4 + 0.85 C/3, C = 0.15/4 + 0.85·3L,
        // so C = 0.133125 / 0.2775.
        let g = graph(4, &[(0, 1, 1.0), (0, 2, 1.0), (0, 3, 1.0)]);
        let pr = pagerank(&g, |w| *w, 0.85);
        let centre = 0.133125 / 0.2775;
        assert!((pr[0] - centre).abs() < 1e-9, "{pr:?}");
        for leaf in &pr[1..] {
            assert!((leaf - (1.0 - centre) / 3.0).abs() < 1e-9);
        }
    }

    #[test]
    fn pagerank_of_a_regular_graph_is_uniform() {
        // Every node of a cycle has degree 2: the stationary rank is 1/n each.
        let g = graph(
            5,
            &[
                (0, 1, 1.0),
                (1, 2, 1.0),
                (2, 3, 1.0),
                (3, 4, 1.0),
                (4, 0, 1.0),
            ],
        );
        for r in pagerank(&g, |w| *w, 0.85) {
            assert!((r - 0.2).abs() < 1e-12);
        }
    }

    #[test]
    fn pagerank_follows_weights() {
        // 0 — 1 heavy, 0 — 2 light: 1 gets more of 0's rank than 2 does.
        let g = graph(3, &[(0, 1, 9.0), (0, 2, 1.0)]);
        let pr = pagerank(&g, |w| *w, 0.85);
        assert!(pr[1] > pr[2]);
        assert!((pr.iter().sum::<f64>() - 1.0).abs() < 1e-9);
    }

    #[test]
    fn betweenness_of_textbook_graphs() {
        // Star with four leaves: the centre lies on all C(4,2) = 6 leaf pairs.
        let star = graph(5, &[(0, 1, 1.0), (0, 2, 1.0), (0, 3, 1.0), (0, 4, 1.0)]);
        assert_eq!(betweenness(&star), vec![6.0, 0.0, 0.0, 0.0, 0.0]);
        // Path 0-1-2-3-4: node i lies between i·(4-i) pairs.
        let path = graph(5, &[(0, 1, 1.0), (1, 2, 1.0), (2, 3, 1.0), (3, 4, 1.0)]);
        assert_eq!(betweenness(&path), vec![0.0, 3.0, 4.0, 3.0, 0.0]);
        // A 4-cycle: each pair of opposite nodes has two shortest paths,
        // so each node gets half of one pair.
        let cycle = graph(4, &[(0, 1, 1.0), (1, 2, 1.0), (2, 3, 1.0), (3, 0, 1.0)]);
        assert_eq!(betweenness(&cycle), vec![0.5; 4]);
    }

    fn hand_built() -> KnowledgeGraph {
        // A — B strongly (3 sentences), B — D strongly, A — C — D weakly,
        // and A — D directly but once among many: the strongest path is A B D.
        crate::GraphBuilder::new().build_from_texts([(
            "a.txt",
            "数据要素赋能数字经济。数据要素与数字经济。数据要素推动数字经济。\
             数字经济发展新质生产力。数字经济培育新质生产力。数字经济与新质生产力。\
             数据要素与人工智能。人工智能与新质生产力。\
             数据要素。数据要素。新质生产力。新质生产力。数据要素与新质生产力。",
        )])
    }

    #[test]
    fn strongest_path_prefers_strong_links_over_fewer_hops() {
        let g = hand_built();
        let find = |t| g.find(t).unwrap();
        let direct = g
            .link(
                g.graph()
                    .find_edge(find("数据要素"), find("新质生产力"))
                    .unwrap(),
            )
            .jaccard;
        let path = g.path(find("数据要素"), find("新质生产力")).unwrap();
        let hops: Vec<_> = path.iter().map(|h| (h.from, h.to, h.count)).collect();
        assert_eq!(
            hops,
            [("数据要素", "数字经济", 3), ("数字经济", "新质生产力", 3)],
            "direct jaccard {direct}"
        );
        assert_eq!(path[0].sentence.text, "数据要素赋能数字经济。");
        assert_eq!(path[1].sentence.text, "数字经济发展新质生产力。");
        assert!(matches!(
            g.path(find("数据要素"), find("数据要素")),
            Err(Error::InvalidQuery(_))
        ));
    }

    #[test]
    fn no_path_between_components_is_not_found() {
        let g = crate::GraphBuilder::new()
            .build_from_texts([("a", "数据要素赋能数字经济。人工智能与新质生产力。")]);
        let err = g.path(g.find("数据要素").unwrap(), g.find("人工智能").unwrap());
        assert!(matches!(err, Err(Error::NotFound { .. })));
        assert_eq!(g.stats().components, 2);
    }

    #[test]
    fn ego_limits_the_fan_out() {
        let g = hand_built();
        let centre = g.find("数据要素").unwrap();
        let one = g.ego(centre, 1, 1);
        let names: Vec<_> = one
            .nodes
            .iter()
            .map(|&(n, d)| (g.entity(n).name.as_str(), d))
            .collect();
        assert_eq!(names, [("数据要素", 0), ("数字经济", 1)]);
        assert_eq!(one.edges.len(), 1);
        let all = g.ego(centre, 1, 0);
        assert_eq!(all.nodes.len(), 4);
        assert_eq!(all.edges.len(), g.graph().edge_count());
    }

    #[test]
    fn association_measures_match_their_formulas() {
        let g = hand_built();
        let (a, b) = (g.find("数据要素").unwrap(), g.find("数字经济").unwrap());
        let (na, nb) = (g.entity(a).units as f64, g.entity(b).units as f64);
        // 数据要素 is in 3 + 1 + 2 + 1 = 7 sentences, 数字经济 in 6, 3 together, of 13.
        assert_eq!((na, nb, g.units()), (7.0, 6.0, 13));
        let link = g.link(g.graph().find_edge(a, b).unwrap());
        assert!((link.jaccard - 3.0 / 10.0).abs() < 1e-12);
        assert!((link.strength - 3.0 * 13.0 / 42.0).abs() < 1e-12);
    }

    #[test]
    fn top_filters_kinds_and_ranks() {
        let g = hand_built();
        let top = g.top(RankBy::Mentions, &[], 2);
        assert_eq!(top[0].name, "数据要素");
        assert_eq!(top[0].value, 7.0);
        assert!(g.top(RankBy::Degree, &[EntityKind::Region], 0).is_empty());
        let bt = g.top(RankBy::Betweenness, &[], 0);
        assert_eq!(bt.len(), 4);
    }
}
