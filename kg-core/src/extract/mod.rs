//! Stage 4, **extract**: sentences into [`Mention`]s of the six entity kinds.
//!
//! Each kind has a [`Recognizer`] in its own module. For every article the
//! [`Extractor`] walks the sentences in order, asks every recognizer for
//! candidate mentions, and resolves overlaps: one span has one kind, a longer
//! span beats a shorter one inside it (深圳 inside 深圳特区报 is not a region),
//! and between equal spans the more specific kind wins, in the order of
//! [`EntityKind`] (policy, programme, metric, organization, region, concept).
//!
//! Recognizers may remember things for the rest of an article in an
//! [`ArticleState`]: aliases defined with 以下简称 hold only inside the
//! article that defines them.
//!
//! Each sentence is segmented once (jieba) and scanned once for the names
//! of every bundled lexicon ([`LexiconHits`]: one automaton for regions,
//! organizations, concepts, policy and programme names); every recognizer
//! reads the same words and hits from its [`SentenceView`].

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::normalize::NormalizedDocument;
use crate::segment::{Segmenter, Token};

mod concept;
mod metric;
mod organization;
mod policy;
mod programme;
mod region;
mod scan;

pub use concept::ConceptRecognizer;
pub use metric::MetricRecognizer;
pub use organization::OrganizationRecognizer;
pub use policy::PolicyRecognizer;
pub use programme::ProgrammeRecognizer;
pub use region::RegionRecognizer;
pub use scan::LexiconHits;

/// The six kinds of entity, in the order of precedence when two fit one span.
///
/// ```
/// use kg_core::EntityKind;
/// assert_eq!("region".parse::<EntityKind>(), Ok(EntityKind::Region));
/// assert_eq!(EntityKind::Policy.to_string(), "policy");
/// assert!(EntityKind::Policy < EntityKind::Concept);
/// ```
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    /// A named official document (政策文件).
    Policy,
    /// A named initiative or strategy (行动/工程/战略).
    Programme,
    /// A quantitative indicator stated with a value (指标).
    Metric,
    /// A named body (机构).
    Organization,
    /// A named place (地区).
    Region,
    /// A domain term (概念); the default.
    #[default]
    Concept,
}

impl EntityKind {
    /// All kinds, in order of precedence.
    pub const ALL: [EntityKind; 6] = [
        EntityKind::Policy,
        EntityKind::Programme,
        EntityKind::Metric,
        EntityKind::Organization,
        EntityKind::Region,
        EntityKind::Concept,
    ];

    /// The lowercase English name used in files and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Policy => "policy",
            EntityKind::Programme => "programme",
            EntityKind::Metric => "metric",
            EntityKind::Organization => "organization",
            EntityKind::Region => "region",
            EntityKind::Concept => "concept",
        }
    }

    /// The Chinese label, for legends and tables.
    ///
    /// ```
    /// assert_eq!(kg_core::EntityKind::Region.label_zh(), "地区");
    /// ```
    pub fn label_zh(self) -> &'static str {
        match self {
            EntityKind::Policy => "政策文件",
            EntityKind::Programme => "行动/工程/战略",
            EntityKind::Metric => "指标",
            EntityKind::Organization => "机构",
            EntityKind::Region => "地区",
            EntityKind::Concept => "概念",
        }
    }
}

impl std::fmt::Display for EntityKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for EntityKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        EntityKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| format!("unknown entity kind '{s}' (expected one of policy, programme, metric, organization, region, concept)"))
    }
}

/// A value stated for a metric: `超过12万亿元` in 2023, say.
///
/// ```
/// use kg_core::Observation;
/// let o = Observation { value: "12万亿元".into(), qualifier: "超过".into(), year: "2023".into(), region: String::new() };
/// assert_eq!(o.value, "12万亿元");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Observation {
    /// Number with its unit, as written but normalized: `12万亿元`, `22.4%`.
    pub value: String,
    /// Words that qualify the value: 超过, 约, 左右, 同比增长 (`;`-joined).
    pub qualifier: String,
    /// The year the value is for, when stated (`2023`).
    pub year: String,
    /// The region the value is for, canonical name, when stated.
    pub region: String,
}

/// One occurrence of an entity in a sentence.
///
/// Offsets are **byte** offsets into the sentence's normalized text and
/// always lie on character boundaries, so `&sentence.text[m.start..m.end]`
/// is the surface text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// The kind.
    pub kind: EntityKind,
    /// The canonical name (spec: full title without 《》, full region name…).
    pub name: String,
    /// Byte offset of the surface text in the sentence.
    pub start: usize,
    /// Byte offset just past the surface text.
    pub end: usize,
    /// Other names of the same entity that hold everywhere (short forms,
    /// abbreviations, quoted nicknames). Names defined only for one article
    /// (以下简称) are not listed here.
    pub aliases: Vec<String>,
    /// For a metric: the value stated. Boxed: a build holds a batch's
    /// mentions at once, nearly all of them without one, and the four
    /// strings inline would double the size of every mention.
    pub observation: Option<Box<Observation>>,
}

impl Mention {
    /// A mention with no aliases and no observation.
    ///
    /// ```
    /// use kg_core::{EntityKind, Mention};
    /// let m = Mention::new(EntityKind::Region, "深圳市", 0, 6);
    /// assert_eq!(m.name, "深圳市");
    /// ```
    pub fn new(kind: EntityKind, name: impl Into<String>, start: usize, end: usize) -> Mention {
        Mention {
            kind,
            name: name.into(),
            start,
            end,
            aliases: Vec::new(),
            observation: None,
        }
    }

    /// Adds an alias (builder style).
    pub fn with_alias(mut self, alias: impl Into<String>) -> Mention {
        let alias = alias.into();
        if alias != self.name && !self.aliases.contains(&alias) {
            self.aliases.push(alias);
        }
        self
    }
}

/// A sentence as recognizers see it: its text, its words and the lexicon
/// names in it.
///
/// ```
/// use kg_core::extract::{ArticleState, LexiconHits, Recognizer, RegionRecognizer, SentenceView};
/// let text = "深圳市发布数据条例。";
/// let tokens = kg_core::Segmenter::new().cut(text);
/// let view = SentenceView { text, tokens: &tokens, hits: &LexiconHits::scan(text), index: 0 };
/// let mut found = Vec::new();
/// RegionRecognizer::new().recognize(&view, &mut ArticleState::default(), &mut found);
/// assert_eq!(found[0].name, "深圳市");
/// ```
#[derive(Debug, Clone, Copy)]
pub struct SentenceView<'a> {
    /// Normalized sentence text.
    pub text: &'a str,
    /// jieba's words, with byte offsets into `text`, in order (recognizers
    /// binary-search their edges).
    pub tokens: &'a [Token<'a>],
    /// Every lexicon name in `text`, found in one scan for all recognizers.
    pub hits: &'a LexiconHits,
    /// Index of the sentence within its article.
    pub index: usize,
}

/// What recognizers remember while they read one article.
#[derive(Debug, Default, Clone)]
pub struct ArticleState {
    /// Aliases defined in this article (以下简称《办法》): normalized alias →
    /// (kind, canonical name).
    pub aliases: HashMap<String, (EntityKind, String)>,
    /// The most recent year stated (`2024年`), for metric observations.
    pub year: Option<String>,
    /// The article's title, when known.
    pub title: Option<String>,
}

/// A recognizer of one entity kind.
///
/// Implementations are built once and shared read-only across threads.
pub trait Recognizer: Send + Sync {
    /// The kind it recognizes (the main one: a recognizer may also emit
    /// another kind it is certain of).
    fn kind(&self) -> EntityKind;

    /// Pushes candidate mentions found in `sentence` onto `out`.
    fn recognize(
        &self,
        sentence: &SentenceView<'_>,
        state: &mut ArticleState,
        out: &mut Vec<Mention>,
    );
}

/// The mentions of one document, sentence by sentence, after overlap
/// resolution. [`Extractor::article_concepts`] ranks each article's
/// concepts from them.
#[derive(Debug, Clone, Default)]
pub struct Extraction {
    /// `mentions[i]` are the mentions of sentence `i` of the document, in
    /// order of position.
    pub mentions: Vec<Vec<Mention>>,
}

impl Extraction {
    /// All mentions of the document in order.
    pub fn iter(&self) -> impl Iterator<Item = &Mention> {
        self.mentions.iter().flatten()
    }
}

/// Runs every recognizer over documents. Build once; it is `Sync`.
///
/// ```
/// use kg_core::{normalize, Document, EntityKind, Extractor};
/// let extractor = Extractor::new();
/// let doc = normalize::normalize(&Document::from_text("a", "国家数据局:数据要素是新型生产要素。"));
/// let found = extractor.extract(&doc);
/// assert!(found.iter().any(|m| m.kind == EntityKind::Concept && m.name == "数据要素"));
/// ```
pub struct Extractor {
    segmenter: Segmenter,
    recognizers: Vec<Box<dyn Recognizer>>,
    concepts: ConceptRecognizer,
}

impl std::fmt::Debug for Extractor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Extractor")
            .field("recognizers", &self.recognizers.len())
            .finish_non_exhaustive()
    }
}

impl Default for Extractor {
    fn default() -> Self {
        Self::new()
    }
}

impl Extractor {
    /// An extractor with the bundled lexicons and all six recognizers.
    pub fn new() -> Extractor {
        Extractor {
            segmenter: Segmenter::new(),
            recognizers: Extractor::recognizers(),
            concepts: ConceptRecognizer::new(),
        }
    }

    /// [`Extractor::new`], with the recognizers' lexicons and automata
    /// built beside jieba's dictionary (most of the wait) when a thread of
    /// the current rayon pool is free. For the builder, which calls it
    /// inside its own pool; a public constructor that waits inside
    /// `rayon::join` could deadlock a caller that builds it in a `OnceLock`
    /// from rayon tasks.
    pub(crate) fn new_in_parallel() -> Extractor {
        let (segmenter, (recognizers, concepts)) = rayon::join(Segmenter::new, || {
            (Extractor::recognizers(), ConceptRecognizer::new())
        });
        Extractor {
            segmenter,
            recognizers,
            concepts,
        }
    }

    fn recognizers() -> Vec<Box<dyn Recognizer>> {
        vec![
            Box::new(PolicyRecognizer::new()),
            Box::new(ProgrammeRecognizer::new()),
            Box::new(MetricRecognizer::new()),
            Box::new(OrganizationRecognizer::new()),
            Box::new(RegionRecognizer::new()),
        ]
    }

    /// The segmenter the extractor uses.
    pub fn segmenter(&self) -> &Segmenter {
        &self.segmenter
    }

    /// Ranks the concepts of a run of sentences' mentions, most salient
    /// first.
    pub fn rank_concepts(&self, mentions: &[Vec<Mention>]) -> Vec<String> {
        self.concepts.rank(mentions)
    }

    /// Each article's concept names, most salient first, ranked from the
    /// mentions [`Extractor::extract`] found in `doc`.
    ///
    /// Ranking is asked for apart from extraction: building a graph does
    /// not use it, and it costs about a tenth of extraction.
    ///
    /// ```
    /// use kg_core::{normalize, Document, Extractor};
    /// let ex = Extractor::new();
    /// let doc = normalize::normalize(&Document::from_text("a", "发展数字经济,培育数据要素市场。"));
    /// let concepts = ex.article_concepts(&doc, &ex.extract(&doc));
    /// assert!(concepts[0].contains(&"数字经济".to_string()));
    /// ```
    pub fn article_concepts(
        &self,
        doc: &NormalizedDocument,
        extraction: &Extraction,
    ) -> Vec<Vec<String>> {
        doc.articles
            .iter()
            .map(|a| {
                let mentions = extraction.mentions.get(a.sentences.clone()).unwrap_or(&[]);
                self.rank_concepts(mentions)
            })
            .collect()
    }

    /// Extracts the mentions of a normalized document.
    pub fn extract(&self, doc: &NormalizedDocument) -> Extraction {
        let mut mentions = Vec::with_capacity(doc.sentences.len());
        let mut candidates = Vec::new();
        let mut hits = LexiconHits::default();
        for article in &doc.articles {
            let mut state = ArticleState {
                title: article.title.clone(),
                ..ArticleState::default()
            };
            for (index, sentence) in doc.sentences[article.sentences.clone()].iter().enumerate() {
                let tokens = self.segmenter.cut(&sentence.text);
                hits.rescan(&sentence.text);
                let view = SentenceView {
                    text: &sentence.text,
                    tokens: &tokens,
                    hits: &hits,
                    index,
                };
                candidates.clear();
                for r in &self.recognizers {
                    r.recognize(&view, &mut state, &mut candidates);
                }
                self.concepts.recognize(&view, &mut state, &mut candidates);
                mentions.push(resolve_overlaps(&sentence.text, &mut candidates));
            }
        }
        Extraction { mentions }
    }
}

/// The matches of a pattern whose every match opens and closes with one
/// bracket character (《…》, “…”), as byte ranges of the whole match and of
/// what is between the brackets.
///
/// The pattern's capture group for the inside is not asked for: the
/// inside is the match without its first and last character, and finding
/// matches alone skips the capture engine, ten times the cost of the
/// search on sentences full of titles.
fn bracketed<'t>(
    re: &'t regex::Regex,
    text: &'t str,
) -> impl Iterator<Item = (std::ops::Range<usize>, std::ops::Range<usize>)> + 't {
    re.find_iter(text).filter_map(|m| {
        let s = m.as_str();
        let open = s.chars().next()?.len_utf8();
        let close = s.chars().next_back()?.len_utf8();
        (s.len() >= open + close).then(|| (m.range(), m.start() + open..m.end() - close))
    })
}

/// Keeps the longest, most specific candidates that do not overlap.
///
/// Metric mentions are kept apart: an indicator may contain a region or a
/// concept, and those are still suppressed inside it; but a metric never
/// suppresses a longer policy title that contains it.
fn resolve_overlaps(text: &str, candidates: &mut Vec<Mention>) -> Vec<Mention> {
    candidates.sort_by(|a, b| {
        (b.end - b.start)
            .cmp(&(a.end - a.start))
            .then(a.kind.cmp(&b.kind))
            .then(a.start.cmp(&b.start))
    });
    let mut kept: Vec<Mention> = Vec::new();
    for c in candidates.drain(..) {
        let valid = c.start < c.end
            && text.is_char_boundary(c.start)
            && text.is_char_boundary(c.end)
            && c.end <= text.len();
        if !valid || c.name.trim().is_empty() {
            continue;
        }
        let overlaps = kept.iter().any(|k| c.start < k.end && k.start < c.end);
        if !overlaps {
            kept.push(c);
        }
    }
    kept.sort_by_key(|m| (m.start, m.end));
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longer_span_wins_and_kind_breaks_ties() {
        let text = "深圳特区报";
        let mut c = vec![
            Mention::new(EntityKind::Region, "深圳市", 0, 6),
            Mention::new(EntityKind::Organization, "深圳特区报", 0, text.len()),
        ];
        let kept = resolve_overlaps(text, &mut c);
        assert_eq!(kept.len(), 1);
        assert_eq!(kept[0].kind, EntityKind::Organization);

        let mut c = vec![
            Mention::new(EntityKind::Concept, "数据要素", 0, 12),
            Mention::new(EntityKind::Programme, "数据要素", 0, 12),
        ];
        assert_eq!(
            resolve_overlaps("数据要素", &mut c)[0].kind,
            EntityKind::Programme
        );
    }

    #[test]
    fn bracketed_insides_are_the_capture_groups() {
        let re = regex::Regex::new("《([^《》\n]{1,150})》|“([^“”\n]{1,30})”").unwrap();
        let text = "依据《数据安全法》和“东数西算”工程,《》与“”不算,《未闭合";
        let ours: Vec<_> = bracketed(&re, text).collect();
        let theirs: Vec<_> = re
            .captures_iter(text)
            .map(|c| {
                let inner = c.get(1).or_else(|| c.get(2)).unwrap();
                (c.get(0).unwrap().range(), inner.range())
            })
            .collect();
        assert_eq!(ours.len(), 2);
        assert_eq!(ours, theirs);
    }

    #[test]
    fn mentions_stay_small() {
        // Millions are alive at once while a large batch is linked.
        assert!(std::mem::size_of::<Mention>() <= 88);
    }

    #[test]
    fn bad_offsets_are_dropped_not_panicked_on() {
        let mut c = vec![Mention::new(EntityKind::Concept, "x", 1, 2)];
        assert!(resolve_overlaps("数据", &mut c).is_empty());
    }
}
