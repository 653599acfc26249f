//! The [`KnowledgeGraph`]: entities as nodes, co-occurrence links as edges,
//! in a petgraph [`UnGraph`], with the documents and sentences that are the
//! evidence for every link.

use std::borrow::Cow;
use std::collections::HashMap;

use petgraph::graph::{EdgeIndex, NodeIndex, UnGraph};
use serde::{Deserialize, Serialize};

use crate::extract::{EntityKind, Observation};
use crate::normalize::normalize_name;

/// A node: one entity, merged over every mention in the corpus.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// The kind.
    pub kind: EntityKind,
    /// The canonical name.
    pub name: String,
    /// Other names seen for it (short forms, abbreviations, nicknames), sorted.
    pub aliases: Vec<String>,
    /// How many times it is mentioned.
    pub mentions: u32,
    /// How many co-occurrence units mention it (the marginal count of NPMI;
    /// kept so that merged graphs can recompute scores).
    pub units: u64,
    /// Ids of the documents that mention it, sorted (see [`KnowledgeGraph::documents`]).
    pub documents: Vec<u32>,
    /// Its mentions and units in each of those documents, in the same
    /// order: what lets a subset of the documents be scored exactly
    /// (see [`KnowledgeGraph::restrict`]).
    pub document_counts: Vec<DocumentCount>,
    /// For a metric: every value stated, with its sentence.
    pub observations: Vec<MetricObservation>,
}

/// An entity's share of one document.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentCount {
    /// Times it is mentioned in the document.
    pub mentions: u32,
    /// Co-occurrence units of the document that mention it.
    pub units: u32,
}

/// One statement of a metric's value, and where it was made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MetricObservation {
    /// Value, qualifier, year and region.
    pub observation: Observation,
    /// The sentence (an index into [`KnowledgeGraph::sentences`]).
    pub sentence: u32,
}

/// One unit of text in which two entities occur together.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    /// First sentence of the unit (index into [`KnowledgeGraph::sentences`]).
    pub first: u32,
    /// Last sentence of the unit; equal to `first` for the sentence window.
    pub last: u32,
}

/// An edge: two entities linked by co-occurrence.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Link {
    /// Number of units (sentences, by default) where both occur.
    pub count: u32,
    /// Number of documents where both occur in one unit.
    pub documents: u32,
    /// Normalized pointwise mutual information, in [-1, 1].
    pub npmi: f64,
    /// Jaccard index of the two entities' units: `n_ab / (n_a + n_b - n_ab)`, in (0, 1].
    pub jaccard: f64,
    /// Association strength (van Eck and Waltman's, as VOSviewer normalizes):
    /// units together over the number expected by chance, `n_ab · N / (n_a · n_b)`;
    /// 1 means as often as chance.
    pub strength: f64,
    /// Every supporting unit.
    pub evidence: Vec<Evidence>,
}

/// A source document of the graph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentInfo {
    /// Its name (a path relative to the corpus root, or a caller's name).
    pub name: String,
    /// Titles of its articles, in order (`None` where a title was not found).
    pub articles: Vec<Option<String>>,
    /// Number of sentences it contributed.
    pub sentences: u32,
    /// Number of co-occurrence units it contributed.
    pub units: u64,
    /// The year it was written, where it can be read from its name or its
    /// text (see [`crate::normalize::document_year`]).
    pub year: Option<u16>,
}

/// Where a kept sentence comes from: its document and position. Its text
/// is in the [`SentenceTable`] beside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SentenceRecord {
    /// Document id (index into [`KnowledgeGraph::documents`]).
    pub document: u32,
    /// Article index within the document.
    pub article: u32,
    /// Sentence index within the document.
    pub index: u32,
    /// Character offset in the original document text.
    pub start: u32,
    /// Character offset just past the sentence in the original text.
    pub end: u32,
}

/// A kept sentence: its position and its text, borrowed from the graph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SentenceRef<'a> {
    /// Where it comes from (serialized as fields of its own: `document`,
    /// `article`, `index`, `start`, `end`).
    #[serde(flatten)]
    pub record: SentenceRecord,
    /// The sentence. Borrowed; only a damaged graph file could hold bytes
    /// that are not UTF-8, and those show as U+FFFD.
    pub text: Cow<'a, str>,
}

/// The sentences a graph keeps as evidence, indexed by sentence id.
///
/// Their texts sit end to end in one buffer, not one `String` each: a large
/// corpus keeps millions of sentences, and one buffer is one allocation to
/// build, one section of the graph file to write, and one read to load,
/// with no per-sentence decoding (see [`crate::store`]).
///
/// ```
/// let g = kg_core::GraphBuilder::new().build_from_texts([("a", "数据要素赋能数字经济。")]);
/// let s = g.sentences().get(0).unwrap();
/// assert_eq!(s.text, "数据要素赋能数字经济。");
/// assert_eq!((s.record.start, s.record.end), (0, 11));
/// assert_eq!(g.sentences().len(), 1);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SentenceTable {
    pub(crate) records: Vec<SentenceRecord>,
    /// Byte offset just past each sentence's text in `text`.
    pub(crate) ends: Vec<u64>,
    /// Stored as its own section of a graph file, not through serde.
    #[serde(skip)]
    pub(crate) text: Vec<u8>,
}

impl SentenceTable {
    /// Number of sentences.
    pub fn len(&self) -> usize {
        self.records.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// The positions of all sentences, indexed by sentence id.
    pub fn records(&self) -> &[SentenceRecord] {
        &self.records
    }

    /// Sentence `id`, or `None` past the end.
    pub fn get(&self, id: usize) -> Option<SentenceRef<'_>> {
        Some(SentenceRef {
            record: *self.records.get(id)?,
            text: self.text_of(id),
        })
    }

    /// The text of sentence `id`; empty past the end.
    pub fn text_of(&self, id: usize) -> Cow<'_, str> {
        String::from_utf8_lossy(self.bytes_of(id))
    }

    /// The stored bytes of sentence `id`; empty past the end.
    fn bytes_of(&self, id: usize) -> &[u8] {
        let start = match id.checked_sub(1) {
            Some(prev) => self.ends.get(prev).copied(),
            None => Some(0),
        };
        start
            .zip(self.ends.get(id).copied())
            .and_then(|(a, b)| {
                self.text
                    .get(usize::try_from(a).ok()?..usize::try_from(b).ok()?)
            })
            .unwrap_or_default()
    }

    /// Sentences `first..=last`, or `None` unless all exist.
    pub fn range(&self, first: u32, last: u32) -> Option<Vec<SentenceRef<'_>>> {
        let (first, last) = (first as usize, last as usize);
        if first > last || last >= self.len() {
            return None;
        }
        (first..=last).map(|i| self.get(i)).collect()
    }

    /// All sentences in id order.
    pub fn iter(&self) -> impl Iterator<Item = SentenceRef<'_>> {
        (0..self.len()).filter_map(|i| self.get(i))
    }

    pub(crate) fn push(&mut self, record: SentenceRecord, text: &str) {
        self.push_bytes(record, text.as_bytes());
    }

    /// Appends sentence `id` of `other` with a new record, its bytes copied
    /// as they are.
    pub(crate) fn push_from(&mut self, other: &SentenceTable, id: usize, record: SentenceRecord) {
        self.push_bytes(record, other.bytes_of(id));
    }

    fn push_bytes(&mut self, record: SentenceRecord, text: &[u8]) {
        self.records.push(record);
        self.text.extend_from_slice(text);
        self.ends.push(self.text.len() as u64);
    }
}

/// How text is cut into units for co-occurrence.
///
/// ```
/// use kg_core::Window;
/// assert_eq!("paragraph".parse::<Window>(), Ok(Window::Paragraph));
/// assert_eq!("3".parse::<Window>(), Ok(Window::Sentences(3)));
/// assert_eq!(Window::default(), Window::Sentence);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Window {
    /// Each sentence is a unit (the default).
    #[default]
    Sentence,
    /// Each paragraph is a unit.
    Paragraph,
    /// Consecutive blocks of N sentences within an article are units.
    Sentences(u32),
}

impl std::str::FromStr for Window {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "sentence" => Ok(Window::Sentence),
            "paragraph" => Ok(Window::Paragraph),
            n => match n.parse::<u32>() {
                Ok(1) => Ok(Window::Sentence),
                Ok(n) if n > 1 => Ok(Window::Sentences(n)),
                _ => Err(format!("invalid window '{s}': expected sentence, paragraph or a number of sentences ≥ 1")),
            },
        }
    }
}

impl std::fmt::Display for Window {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Window::Sentence => f.write_str("sentence"),
            Window::Paragraph => f.write_str("paragraph"),
            Window::Sentences(n) => write!(f, "{n}"),
        }
    }
}

/// The knowledge graph of a corpus.
///
/// Build one with [`crate::GraphBuilder`]; save and load it with
/// [`crate::store`]; ask it questions with the methods in [`crate::query`].
///
/// Its serde implementation is the *graph section* of a graph file: it
/// leaves out the sentences' text, which [`crate::store`] writes as a
/// section of its own. To save, send or copy a whole graph, use
/// [`crate::store::save`] or [`crate::store::to_bytes`]; a graph decoded
/// through serde alone has empty sentence texts.
///
/// ```
/// let graph = kg_core::GraphBuilder::new()
///     .build_from_texts([("a.txt", "国家数据局指出,数据要素是发展数字经济的关键。")]);
/// let node = graph.find("数据要素").unwrap();
/// assert_eq!(graph.entity(node).name, "数据要素");
/// assert!(graph.graph().edge_count() > 0);
/// ```
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct KnowledgeGraph {
    pub(crate) graph: UnGraph<Entity, Link>,
    pub(crate) documents: Vec<DocumentInfo>,
    pub(crate) sentences: SentenceTable,
    /// Number of co-occurrence units in the corpus (the N of NPMI).
    pub(crate) units: u64,
    pub(crate) window: Window,
    /// Normalized name or alias → nodes that carry it, most mentioned first.
    #[serde(skip)]
    pub(crate) index: HashMap<String, Vec<NodeIndex>>,
}

impl KnowledgeGraph {
    /// The petgraph graph, for algorithms kg does not wrap.
    pub fn graph(&self) -> &UnGraph<Entity, Link> {
        &self.graph
    }

    /// The entity at `node`.
    pub fn entity(&self, node: NodeIndex) -> &Entity {
        &self.graph[node]
    }

    /// The link at `edge`.
    pub fn link(&self, edge: EdgeIndex) -> &Link {
        &self.graph[edge]
    }

    /// The source documents, indexed by document id.
    pub fn documents(&self) -> &[DocumentInfo] {
        &self.documents
    }

    /// The evidence sentences, indexed by sentence id.
    pub fn sentences(&self) -> &SentenceTable {
        &self.sentences
    }

    /// Number of co-occurrence units (sentences, by default).
    pub fn units(&self) -> u64 {
        self.units
    }

    /// The co-occurrence window the graph was built with.
    pub fn window(&self) -> Window {
        self.window
    }

    /// The node whose name or alias is `term` (after normalization, so
    /// Traditional forms and full-width letters find it too). When several
    /// carry the name, the most mentioned wins.
    pub fn find(&self, term: &str) -> Option<NodeIndex> {
        self.index
            .get(&normalize_name(term))
            .and_then(|v| v.first().copied())
    }

    /// Every node whose name or alias is `term`.
    pub fn find_all(&self, term: &str) -> &[NodeIndex] {
        self.index
            .get(&normalize_name(term))
            .map_or(&[], Vec::as_slice)
    }

    /// Rebuilds the name index (after loading or merging).
    pub(crate) fn reindex(&mut self) {
        let mut index: HashMap<String, Vec<NodeIndex>> = HashMap::new();
        for node in self.graph.node_indices() {
            let e = &self.graph[node];
            let keys = std::iter::once(&e.name)
                .chain(&e.aliases)
                .map(|n| normalize_name(n));
            for key in keys {
                let v = index.entry(key).or_default();
                if !v.contains(&node) {
                    v.push(node);
                }
            }
        }
        for v in index.values_mut() {
            // Exact names first, then the most mentioned.
            v.sort_by_key(|&n| std::cmp::Reverse(self.graph[n].mentions));
        }
        for (key, v) in index.iter_mut() {
            if let Some(pos) = v
                .iter()
                .position(|&n| normalize_name(&self.graph[n].name) == *key)
            {
                let exact = v.remove(pos);
                v.insert(0, exact);
            }
        }
        self.index = index;
    }
}
