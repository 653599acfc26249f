//! Measuring extraction against hand-annotated gold articles.
//!
//! The gold format and the matching rules are those of
//! `spec/entities.md`: entities match by kind and normalized name (the gold
//! name or any of its aliases); metric observations match by equal value and
//! an indicator that contains the other; optional gold entries neither count
//! as misses nor as errors; concepts are scored as recall against the first
//! [`CONCEPT_CUTOFF`] ranked concepts.

use std::collections::BTreeMap;
use std::io::BufRead;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::extract::{EntityKind, Extractor};
use crate::normalize::{self, normalize_name};
use crate::read::Document;

/// How many ranked concepts of an article are scored.
pub const CONCEPT_CUTOFF: usize = 30;

/// One article's extraction, in the shape of the gold files; this is what
/// `kg extract` prints, one JSON object a line.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ArticleExtraction {
    /// The article's id.
    pub id: String,
    /// Distinct policy, programme, region and organization entities.
    pub entities: Vec<EntityRecord>,
    /// Metric observations.
    pub metrics: Vec<MetricRecord>,
    /// Concepts, most salient first.
    pub concepts: Vec<String>,
}

/// An entity as the gold files list it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntityRecord {
    /// The kind.
    pub kind: EntityKind,
    /// The canonical name.
    pub name: String,
    /// Other names.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Gold only: finding it is not required.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub optional: bool,
}

/// A metric observation as the gold files list it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MetricRecord {
    /// The indicator's name.
    pub indicator: String,
    /// Gold only: other names of the indicator.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// Value with unit.
    pub value: String,
    /// Qualifier words.
    #[serde(default)]
    pub qualifier: String,
    /// Year, when stated.
    #[serde(default)]
    pub year: String,
    /// Region, when stated.
    #[serde(default)]
    pub region: String,
    /// Gold only: finding it is not required.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub optional: bool,
}

/// A gold article: its text and what should be found in it.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldArticle {
    /// Its id.
    pub id: String,
    /// Its text.
    pub text: String,
    /// Its entities.
    #[serde(default)]
    pub entities: Vec<EntityRecord>,
    /// Its metric observations.
    #[serde(default)]
    pub metrics: Vec<MetricRecord>,
    /// Its key concepts.
    #[serde(default)]
    pub concepts: Vec<String>,
}

/// Reads a JSON-lines file of `{"id", "text", …}` records (gold files, or
/// any file with those two fields).
pub fn read_jsonl<T: serde::de::DeserializeOwned>(path: &Path) -> Result<Vec<T>> {
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let mut out = Vec::new();
    for (i, line) in std::io::BufReader::new(file).lines().enumerate() {
        let line = line.map_err(|e| Error::io(path, e))?;
        let line = line.trim_start_matches('\u{feff}');
        if line.trim().is_empty() {
            continue;
        }
        let record = serde_json::from_str(line)
            .map_err(|e| Error::parse(path, i + 1, format!("not a valid record: {e}")))?;
        out.push(record);
    }
    Ok(out)
}

/// Extracts one article's text into the gold shape.
///
/// ```
/// let ex = kg_core::Extractor::new();
/// let a = kg_core::eval::extract_article(&ex, "x", "数据要素是新型生产要素。");
/// assert_eq!(a.id, "x");
/// assert!(a.concepts.contains(&"数据要素".to_string()));
/// ```
pub fn extract_article(extractor: &Extractor, id: &str, text: &str) -> ArticleExtraction {
    let doc = normalize::normalize_article(&Document::from_text(id, text));
    let extraction = extractor.extract(&doc);
    let mut entities: Vec<EntityRecord> = Vec::new();
    let mut metrics = Vec::new();
    for m in extraction.iter() {
        match m.kind {
            EntityKind::Concept => {}
            EntityKind::Metric => {
                if let Some(o) = &m.observation {
                    metrics.push(MetricRecord {
                        indicator: m.name.clone(),
                        value: o.value.clone(),
                        qualifier: o.qualifier.clone(),
                        year: o.year.clone(),
                        region: o.region.clone(),
                        ..MetricRecord::default()
                    });
                }
            }
            kind => match entities
                .iter_mut()
                .find(|e| e.kind == kind && e.name == m.name)
            {
                Some(e) => {
                    for a in &m.aliases {
                        if !e.aliases.contains(a) {
                            e.aliases.push(a.clone());
                        }
                    }
                }
                None => entities.push(EntityRecord {
                    kind,
                    name: m.name.clone(),
                    aliases: m.aliases.clone(),
                    optional: false,
                }),
            },
        }
    }
    ArticleExtraction {
        id: id.to_string(),
        entities,
        metrics,
        concepts: extractor.rank_concepts(&extraction.mentions),
    }
}

/// Precision, recall and F1 of one kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Scores {
    /// tp / (tp + fp).
    pub precision: f64,
    /// tp / (tp + fn).
    pub recall: f64,
    /// Harmonic mean of precision and recall.
    pub f1: f64,
    /// True positives.
    pub tp: usize,
    /// False positives.
    pub fp: usize,
    /// False negatives.
    #[serde(rename = "fn")]
    pub fn_: usize,
}

impl Scores {
    fn from_counts(tp: usize, fp: usize, fn_: usize) -> Scores {
        let ratio = |a: usize, b: usize| if b == 0 { 1.0 } else { a as f64 / b as f64 };
        let precision = ratio(tp, tp + fp);
        let recall = ratio(tp, tp + fn_);
        let f1 = if precision + recall == 0.0 {
            0.0
        } else {
            2.0 * precision * recall / (precision + recall)
        };
        Scores {
            precision,
            recall,
            f1,
            tp,
            fp,
            fn_,
        }
    }
}

/// One wrong or missed item, for finding what to improve.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Miss {
    /// The article.
    pub id: String,
    /// The kind (`concept` for a missed concept).
    pub kind: String,
    /// `fp` (found, not in gold) or `fn` (in gold, not found).
    pub what: &'static str,
    /// The name (for metrics: `indicator = value`).
    pub name: String,
}

/// The result of an evaluation.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Report {
    /// Scores per kind (policy, programme, region, organization, metric).
    pub kinds: BTreeMap<String, Scores>,
    /// Share of gold concepts found among the first [`CONCEPT_CUTOFF`].
    pub concept_recall: f64,
    /// Every false positive and false negative.
    #[serde(skip)]
    pub misses: Vec<Miss>,
}

/// Scores an extractor against gold articles.
pub fn evaluate(extractor: &Extractor, gold: &[GoldArticle]) -> Report {
    let kinds = [
        EntityKind::Policy,
        EntityKind::Programme,
        EntityKind::Region,
        EntityKind::Organization,
    ];
    let mut counts: BTreeMap<EntityKind, (usize, usize, usize)> = BTreeMap::new();
    let mut misses = Vec::new();
    let (mut concepts_found, mut concepts_total) = (0usize, 0usize);
    for article in gold {
        let got = extract_article(extractor, &article.id, &article.text);
        // Entities: one-to-one matching per kind.
        let names = |e: &EntityRecord| -> Vec<String> {
            std::iter::once(&e.name)
                .chain(&e.aliases)
                .map(|n| normalize_name(n))
                .collect()
        };
        let mut matched = vec![false; article.entities.len()];
        for p in &got.entities {
            let key = normalize_name(&p.name);
            let hit = article.entities.iter().enumerate().find(|(i, g)| {
                !matched[*i] && g.kind == p.kind && !g.optional && names(g).contains(&key)
            });
            let c = counts.entry(p.kind).or_default();
            match hit {
                Some((i, _)) => {
                    matched[i] = true;
                    c.0 += 1;
                }
                None => {
                    let optional = article
                        .entities
                        .iter()
                        .any(|g| g.optional && names(g).contains(&key));
                    let duplicate = article
                        .entities
                        .iter()
                        .any(|g| g.kind == p.kind && names(g).contains(&key));
                    if !optional && !duplicate {
                        c.1 += 1;
                        misses.push(Miss {
                            id: article.id.clone(),
                            kind: p.kind.to_string(),
                            what: "fp",
                            name: p.name.clone(),
                        });
                    }
                }
            }
        }
        for (i, g) in article.entities.iter().enumerate() {
            if !matched[i] && !g.optional {
                counts.entry(g.kind).or_default().2 += 1;
                misses.push(Miss {
                    id: article.id.clone(),
                    kind: g.kind.to_string(),
                    what: "fn",
                    name: g.name.clone(),
                });
            }
        }
        // Metrics.
        let c = counts.entry(EntityKind::Metric).or_default();
        let mut used = vec![false; article.metrics.len()];
        for p in &got.metrics {
            let value = normalize_name(&p.value);
            let indicator = normalize_name(&p.indicator);
            let hit = article.metrics.iter().enumerate().find(|(i, g)| {
                !used[*i]
                    && normalize_name(&g.value) == value
                    && std::iter::once(&g.indicator).chain(&g.aliases).any(|n| {
                        let n = normalize_name(n);
                        !n.is_empty()
                            && !indicator.is_empty()
                            && (n.contains(&indicator) || indicator.contains(&n))
                    })
            });
            match hit {
                Some((i, g)) => {
                    used[i] = true;
                    if !g.optional {
                        c.0 += 1;
                    }
                }
                None => {
                    c.1 += 1;
                    misses.push(Miss {
                        id: article.id.clone(),
                        kind: "metric".into(),
                        what: "fp",
                        name: format!("{} = {}", p.indicator, p.value),
                    });
                }
            }
        }
        for (i, g) in article.metrics.iter().enumerate() {
            if !used[i] && !g.optional {
                c.2 += 1;
                misses.push(Miss {
                    id: article.id.clone(),
                    kind: "metric".into(),
                    what: "fn",
                    name: format!("{} = {}", g.indicator, g.value),
                });
            }
        }
        // Concepts.
        let top: Vec<String> = got
            .concepts
            .iter()
            .take(CONCEPT_CUTOFF)
            .map(|c| normalize_name(c))
            .collect();
        for g in &article.concepts {
            concepts_total += 1;
            if top.contains(&normalize_name(g)) {
                concepts_found += 1;
            } else {
                misses.push(Miss {
                    id: article.id.clone(),
                    kind: "concept".into(),
                    what: "fn",
                    name: g.clone(),
                });
            }
        }
    }
    let mut report = Report {
        misses,
        concept_recall: if concepts_total == 0 {
            1.0
        } else {
            concepts_found as f64 / concepts_total as f64
        },
        ..Report::default()
    };
    for kind in kinds.into_iter().chain([EntityKind::Metric]) {
        let (tp, fp, fn_) = counts.get(&kind).copied().unwrap_or_default();
        report
            .kinds
            .insert(kind.to_string(), Scores::from_counts(tp, fp, fn_));
    }
    report
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_from_counts() {
        let s = Scores::from_counts(8, 2, 2);
        assert!((s.precision - 0.8).abs() < 1e-9);
        assert!((s.recall - 0.8).abs() < 1e-9);
        assert!((s.f1 - 0.8).abs() < 1e-9);
        assert_eq!(Scores::from_counts(0, 0, 0).f1, 1.0);
        assert_eq!(Scores::from_counts(0, 3, 0).f1, 0.0);
    }

    #[test]
    fn optional_and_alias_matching() {
        let gold: Vec<GoldArticle> = serde_json::from_str(
            r#"[{"id":"t","text":"国家推进东数西算工程。","entities":[
                {"kind":"programme","name":"东数西算工程","aliases":["东数西算"]},
                {"kind":"programme","name":"一网通办","aliases":[],"optional":true}],
               "metrics":[],"concepts":[]}]"#,
        )
        .unwrap();
        let report = evaluate(&Extractor::new(), &gold);
        let p = report.kinds["programme"];
        assert_eq!((p.tp, p.fp, p.fn_), (1, 0, 0), "{:?}", report.misses);
    }
}
