//! Communities: clusters of entities more linked among themselves than
//! with the rest, found by the Louvain method (Blondel et al. 2008) and
//! scored by Newman's modularity.
//!
//! kg carries its own implementation because no maintained crate runs on a
//! petgraph graph: the Louvain crates found either bring a graph type of
//! their own (graphrs, rust-igraph, still alpha) or are unmaintained. It is
//! deterministic — nodes are visited in index order and ties go to the
//! lower community — so the same graph always gets the same clusters,
//! which reproducible research needs. It is checked against partitions
//! known by hand: two cliques joined by a bridge, a planted-partition
//! graph, and Zachary's karate club.

use petgraph::graph::{NodeIndex, UnGraph};
use petgraph::visit::EdgeRef;
use serde::Serialize;

use crate::graph::{KnowledgeGraph, Link};
use crate::query::SortBy;

/// One cluster of a [`Communities`] partition.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Community {
    /// Its id: communities are numbered from 0, largest first (by members,
    /// then by mentions).
    pub id: usize,
    /// Its members, most central first: by the weight of their links inside
    /// the community, then by mentions, then by name.
    #[serde(skip)]
    pub members: Vec<NodeIndex>,
    /// The summed weight of the links inside it.
    pub internal_weight: f64,
}

/// A partition of a graph into communities: what `kg communities` prints.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Communities {
    /// The community id of every node, indexed by node index; `None` for
    /// an entity without links (weighing more than 0), which belongs to none.
    pub membership: Vec<Option<usize>>,
    /// The communities, largest first.
    pub communities: Vec<Community>,
    /// Newman's modularity of the partition, in [-1/2, 1).
    pub modularity: f64,
}

impl SortBy {
    /// The value of `link` under this measure, as a non-negative weight:
    /// what weighted algorithms (communities, PageRank) and exports use.
    /// NPMI below 0 (less often together than chance) weighs 0.
    ///
    /// ```
    /// use kg_core::{Link, SortBy};
    /// let link = Link { count: 3, npmi: -0.2, jaccard: 0.5, ..Default::default() };
    /// assert_eq!(SortBy::Count.weight(&link), 3.0);
    /// assert_eq!(SortBy::Score.weight(&link), 0.0);
    /// assert_eq!(SortBy::Jaccard.weight(&link), 0.5);
    /// ```
    pub fn weight(self, link: &Link) -> f64 {
        let w = match self {
            SortBy::Count => link.count as f64,
            SortBy::Score => link.npmi,
            SortBy::Jaccard => link.jaccard,
            SortBy::Strength => link.strength,
        };
        if w.is_finite() {
            w.max(0.0)
        } else {
            0.0
        }
    }
}

impl KnowledgeGraph {
    /// Clusters the graph with the Louvain method, links weighted by
    /// `weight` (units together is the usual choice), at resolution 1.
    /// Entities without links belong to no community.
    ///
    /// ```
    /// use kg_core::SortBy;
    /// let g = kg_core::GraphBuilder::new().build_from_texts([(
    ///     "a",
    ///     "数据要素赋能数字经济。东数西算与算力网络。",
    /// )]);
    /// let c = g.communities(SortBy::Count);
    /// assert_eq!(c.communities.len(), 2);
    /// assert_eq!(c.membership.iter().flatten().count(), 4);
    /// let first = c.membership[g.find("数据要素").unwrap().index()];
    /// assert_eq!(first, c.membership[g.find("数字经济").unwrap().index()]);
    /// assert_ne!(first, c.membership[g.find("算力网络").unwrap().index()]);
    /// assert!((c.modularity - 0.5).abs() < 1e-9);
    /// ```
    pub fn communities(&self, weight: SortBy) -> Communities {
        let g = &self.graph;
        let found = louvain(g, |l| weight.weight(l), 1.0);
        let modularity = modularity(g, |l| weight.weight(l), &found);
        let k = found.iter().max().map_or(0, |&m| m + 1);
        // Weight inside the community (per node and per community), and
        // whether a node has any weighted link at all.
        let mut strength = vec![0.0; g.node_count()];
        let mut linked = vec![false; g.node_count()];
        let mut internal = vec![0.0; k];
        for e in g.edge_references() {
            let (a, b) = (e.source().index(), e.target().index());
            let w = weight.weight(e.weight());
            if w > 0.0 {
                linked[a] = true;
                linked[b] = true;
            }
            if found[a] == found[b] {
                strength[a] += w;
                strength[b] += w;
                internal[found[a]] += w;
            }
        }
        let mut groups: Vec<Vec<NodeIndex>> = vec![Vec::new(); k];
        for node in g.node_indices() {
            if linked[node.index()] {
                groups[found[node.index()]].push(node);
            }
        }
        let mentions = |v: &[NodeIndex]| v.iter().map(|&n| g[n].mentions as u64).sum::<u64>();
        let mut order: Vec<usize> = (0..k).filter(|&c| !groups[c].is_empty()).collect();
        order.sort_by(|&a, &b| {
            groups[b]
                .len()
                .cmp(&groups[a].len())
                .then(mentions(&groups[b]).cmp(&mentions(&groups[a])))
                .then(a.cmp(&b))
        });
        let mut membership = vec![None; g.node_count()];
        let mut communities = Vec::with_capacity(order.len());
        for (id, &old) in order.iter().enumerate() {
            let mut members = std::mem::take(&mut groups[old]);
            for m in &members {
                membership[m.index()] = Some(id);
            }
            members.sort_by(|&a, &b| {
                strength[b.index()]
                    .total_cmp(&strength[a.index()])
                    .then(g[b].mentions.cmp(&g[a].mentions))
                    .then_with(|| g[a].name.cmp(&g[b].name))
            });
            communities.push(Community {
                id,
                members,
                internal_weight: internal[old],
            });
        }
        Communities {
            membership,
            communities,
            modularity,
        }
    }
}

/// Newman's modularity of `membership` (a community id per node index) on
/// `g` with edge weights `weight`: the fraction of weight inside
/// communities minus the fraction expected if links were placed at random
/// with the same degrees. 0 for a graph without weight.
///
/// ```
/// use petgraph::graph::UnGraph;
/// // Two triangles joined by one edge, split in the middle: 5/14.
/// let g = UnGraph::<(), f64>::from_edges(&[
///     (0, 1, 1.0), (1, 2, 1.0), (0, 2, 1.0),
///     (3, 4, 1.0), (4, 5, 1.0), (3, 5, 1.0), (2, 3, 1.0),
/// ]);
/// let q = kg_core::community::modularity(&g, |w| *w, &[0, 0, 0, 1, 1, 1]);
/// assert!((q - 5.0 / 14.0).abs() < 1e-12);
/// ```
pub fn modularity<N, E>(
    g: &UnGraph<N, E>,
    weight: impl Fn(&E) -> f64,
    membership: &[usize],
) -> f64 {
    let k = membership.iter().max().map_or(0, |&m| m + 1);
    let mut inside = vec![0.0; k];
    let mut total = vec![0.0; k];
    let mut m = 0.0;
    for e in g.edge_references() {
        let w = weight(e.weight());
        let (a, b) = (
            membership[e.source().index()],
            membership[e.target().index()],
        );
        m += w;
        total[a] += w;
        total[b] += w;
        if a == b {
            inside[a] += w;
        }
    }
    if m <= 0.0 {
        return 0.0;
    }
    inside
        .iter()
        .zip(&total)
        .map(|(i, t)| i / m - (t / (2.0 * m)).powi(2))
        .sum()
}

/// A weighted graph as adjacency lists, with self-loops apart: the form
/// each Louvain level works on.
struct Level {
    /// Neighbours and weights, without self-loops; each edge in both lists.
    adj: Vec<Vec<(usize, f64)>>,
    /// Self-loop weight of each node (the weight inside an aggregated community).
    own: Vec<f64>,
}

impl Level {
    /// Weighted degree: a self-loop counts twice, as in modularity's `k_i`.
    fn degree(&self, i: usize) -> f64 {
        2.0 * self.own[i] + self.adj[i].iter().map(|&(_, w)| w).sum::<f64>()
    }
}

/// The Louvain method: a community id per node index.
///
/// ```
/// use petgraph::graph::UnGraph;
/// let g = UnGraph::<(), f64>::from_edges(&[
///     (0, 1, 1.0), (1, 2, 1.0), (0, 2, 1.0),
///     (3, 4, 1.0), (4, 5, 1.0), (3, 5, 1.0), (2, 3, 1.0),
/// ]);
/// let m = kg_core::community::louvain(&g, |w| *w, 1.0);
/// assert_eq!(m, [0, 0, 0, 1, 1, 1]);
/// ```
pub fn louvain<N, E>(g: &UnGraph<N, E>, weight: impl Fn(&E) -> f64, resolution: f64) -> Vec<usize> {
    let n = g.node_count();
    let mut level = Level {
        adj: vec![Vec::new(); n],
        own: vec![0.0; n],
    };
    for e in g.edge_references() {
        let w = weight(e.weight());
        if w <= 0.0 || !w.is_finite() {
            continue;
        }
        let (a, b) = (e.source().index(), e.target().index());
        if a == b {
            level.own[a] += w;
        } else {
            level.adj[a].push((b, w));
            level.adj[b].push((a, w));
        }
    }
    // membership[node] = the node of the current level it belongs to.
    let mut membership: Vec<usize> = (0..n).collect();
    loop {
        let (moved, community) = move_nodes(&level, resolution);
        if !moved {
            break;
        }
        let (next, renumber) = aggregate(&level, &community);
        for m in membership.iter_mut() {
            *m = renumber[community[*m]];
        }
        level = next;
    }
    canonical(&membership)
}

/// Phase one: moves single nodes to the neighbouring community that gains
/// most modularity until no move gains. Returns whether any node moved and
/// each node's community.
fn move_nodes(level: &Level, resolution: f64) -> (bool, Vec<usize>) {
    let n = level.adj.len();
    let degree: Vec<f64> = (0..n).map(|i| level.degree(i)).collect();
    let two_m: f64 = degree.iter().sum();
    let mut community: Vec<usize> = (0..n).collect();
    if two_m <= 0.0 {
        return (false, community);
    }
    let mut total = degree.clone();
    // Weight from the node being moved to each community, reset after use.
    let mut to = vec![0.0; n];
    let mut touched: Vec<usize> = Vec::new();
    let mut moved_any = false;
    loop {
        let mut moved = false;
        for i in 0..n {
            let own = community[i];
            for &(j, w) in &level.adj[i] {
                let c = community[j];
                if to[c] == 0.0 {
                    touched.push(c);
                }
                to[c] += w;
            }
            total[own] -= degree[i];
            // Gain of joining c, up to terms that do not depend on c.
            let gain = |c: usize, to_c: f64| to_c - resolution * total[c] * degree[i] / two_m;
            let mut best = own;
            let mut best_gain = gain(own, to[own]);
            touched.sort_unstable();
            for &c in &touched {
                let g = gain(c, to[c]);
                // A small margin keeps rounding from moving nodes back and forth.
                if g > best_gain + 1e-12 {
                    best = c;
                    best_gain = g;
                }
            }
            for &c in &touched {
                to[c] = 0.0;
            }
            touched.clear();
            total[best] += degree[i];
            if best != own {
                community[i] = best;
                moved = true;
                moved_any = true;
            }
        }
        if !moved {
            break;
        }
    }
    (moved_any, community)
}

/// Phase two: one node per community, links summed, inside weight as a
/// self-loop. Returns the new level and the renumbering of communities.
fn aggregate(level: &Level, community: &[usize]) -> (Level, Vec<usize>) {
    let n = level.adj.len();
    let mut renumber = vec![usize::MAX; n];
    let mut k = 0;
    for &c in community {
        if renumber[c] == usize::MAX {
            renumber[c] = k;
            k += 1;
        }
    }
    let mut own = vec![0.0; k];
    let mut between: std::collections::BTreeMap<(usize, usize), f64> = Default::default();
    for i in 0..n {
        let ci = renumber[community[i]];
        own[ci] += level.own[i];
        for &(j, w) in &level.adj[i] {
            // Each undirected edge appears twice; count it from its lower end.
            if j < i {
                continue;
            }
            let cj = renumber[community[j]];
            if ci == cj {
                own[ci] += w;
            } else {
                *between.entry((ci.min(cj), ci.max(cj))).or_default() += w;
            }
        }
    }
    let mut adj = vec![Vec::new(); k];
    for ((a, b), w) in between {
        adj[a].push((b, w));
        adj[b].push((a, w));
    }
    (Level { adj, own }, renumber)
}

/// Renumbers communities in order of their first node, so equal partitions
/// compare equal.
fn canonical(membership: &[usize]) -> Vec<usize> {
    let mut renumber = std::collections::HashMap::new();
    membership
        .iter()
        .map(|&m| {
            let next = renumber.len();
            *renumber.entry(m).or_insert(next)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn graph(n: usize, edges: &[(usize, usize)]) -> UnGraph<(), f64> {
        let mut g = UnGraph::with_capacity(n, edges.len());
        for _ in 0..n {
            g.add_node(());
        }
        for &(a, b) in edges {
            g.add_edge(NodeIndex::new(a), NodeIndex::new(b), 1.0);
        }
        g
    }

    fn clique(nodes: std::ops::Range<usize>, edges: &mut Vec<(usize, usize)>) {
        for a in nodes.clone() {
            for b in a + 1..nodes.end {
                edges.push((a, b));
            }
        }
    }

    #[test]
    fn two_cliques_joined_by_a_bridge() {
        let mut edges = Vec::new();
        clique(0..4, &mut edges);
        clique(4..8, &mut edges);
        edges.push((3, 4));
        let g = graph(8, &edges);
        let m = louvain(&g, |w| *w, 1.0);
        assert_eq!(m, [0, 0, 0, 0, 1, 1, 1, 1]);
        // Each side: 6 edges inside, degree sum 13, m = 13.
        let q = modularity(&g, |w| *w, &m);
        assert!((q - (12.0 / 13.0 - 0.5)).abs() < 1e-12, "{q}");
    }

    #[test]
    fn planted_partition_is_recovered() {
        // 4 groups of 10; a fixed pseudo-random draw links pairs inside a
        // group with probability 0.7 and across groups with 0.03.
        let mut state: u64 = 0x2545_F491_4F6C_DD1D;
        let mut draw = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 11) as f64 / (1u64 << 53) as f64
        };
        let mut edges = Vec::new();
        for a in 0..40 {
            for b in a + 1..40 {
                let p = if a / 10 == b / 10 { 0.7 } else { 0.03 };
                if draw() < p {
                    edges.push((a, b));
                }
            }
        }
        let g = graph(40, &edges);
        let m = louvain(&g, |w| *w, 1.0);
        let planted: Vec<usize> = (0..40).map(|i| i / 10).collect();
        assert_eq!(m, planted);
        assert!(modularity(&g, |w| *w, &m) > 0.6);
    }

    /// Zachary's karate club (1977), 34 members, 78 ties.
    const KARATE: [(usize, usize); 78] = [
        (0, 1),
        (0, 2),
        (0, 3),
        (0, 4),
        (0, 5),
        (0, 6),
        (0, 7),
        (0, 8),
        (0, 10),
        (0, 11),
        (0, 12),
        (0, 13),
        (0, 17),
        (0, 19),
        (0, 21),
        (0, 31),
        (1, 2),
        (1, 3),
        (1, 7),
        (1, 13),
        (1, 17),
        (1, 19),
        (1, 21),
        (1, 30),
        (2, 3),
        (2, 7),
        (2, 8),
        (2, 9),
        (2, 13),
        (2, 27),
        (2, 28),
        (2, 32),
        (3, 7),
        (3, 12),
        (3, 13),
        (4, 6),
        (4, 10),
        (5, 6),
        (5, 10),
        (5, 16),
        (6, 16),
        (8, 30),
        (8, 32),
        (8, 33),
        (9, 33),
        (13, 33),
        (14, 32),
        (14, 33),
        (15, 32),
        (15, 33),
        (18, 32),
        (18, 33),
        (19, 33),
        (20, 32),
        (20, 33),
        (22, 32),
        (22, 33),
        (23, 25),
        (23, 27),
        (23, 29),
        (23, 32),
        (23, 33),
        (24, 25),
        (24, 27),
        (24, 31),
        (25, 31),
        (26, 29),
        (26, 33),
        (27, 33),
        (28, 31),
        (28, 33),
        (29, 32),
        (29, 33),
        (30, 32),
        (30, 33),
        (31, 32),
        (31, 33),
        (32, 33),
    ];

    #[test]
    fn karate_club() {
        let g = graph(34, &KARATE);
        // The split the club actually made (Mr. Hi's side); networkx gives
        // its modularity as 0.358234714.
        let hi = [0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 12, 13, 16, 17, 19, 21];
        let split: Vec<usize> = (0..34).map(|i| usize::from(!hi.contains(&i))).collect();
        let q = modularity(&g, |w| *w, &split);
        assert!((q - 0.358_234_714_003_944_8).abs() < 1e-12, "{q}");
        // The best partition known has 0.4198; Louvain reaches 0.41 or more
        // and never puts the two leaders, 0 and 33, together.
        let m = louvain(&g, |w| *w, 1.0);
        let q = modularity(&g, |w| *w, &m);
        assert!(q > 0.41 && q < 0.4199, "{q}");
        assert_ne!(m[0], m[33]);
    }

    #[test]
    fn no_edges_no_weight() {
        let g = graph(3, &[]);
        assert_eq!(louvain(&g, |w| *w, 1.0), [0, 1, 2]);
        assert_eq!(modularity(&g, |w| *w, &[0, 1, 2]), 0.0);
        let empty = graph(0, &[]);
        assert!(louvain(&empty, |w| *w, 1.0).is_empty());
    }

    #[test]
    fn resolution_above_one_splits_more() {
        let mut edges = Vec::new();
        clique(0..4, &mut edges);
        clique(4..8, &mut edges);
        edges.push((3, 4));
        let g = graph(8, &edges);
        let coarse = louvain(&g, |w| *w, 0.01);
        assert!(coarse.iter().all(|&c| c == 0), "{coarse:?}");
        let fine = louvain(&g, |w| *w, 10.0);
        assert!(fine.iter().max() > Some(&1), "{fine:?}");
    }
}
