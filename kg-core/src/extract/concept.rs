//! The `concept` recognizer and the ranking of an article's concepts.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, MatchKind};

use super::{ArticleState, EntityKind, Mention, Recognizer, SentenceView};
use crate::lexicon;

/// Finds domain concepts from the bundled lexicon.
#[derive(Debug)]
pub struct ConceptRecognizer {
    terms: Vec<String>,
    matcher: Option<AhoCorasick>,
}

impl Default for ConceptRecognizer {
    fn default() -> Self {
        Self::new()
    }
}

impl ConceptRecognizer {
    /// A recognizer with the bundled concept lexicon.
    pub fn new() -> Self {
        let terms: Vec<String> = lexicon::CONCEPTS
            .words()
            .unwrap_or_default()
            .into_iter()
            .map(str::to_string)
            .collect();
        let matcher = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&terms)
            .ok();
        ConceptRecognizer { terms, matcher }
    }

    /// Ranks the concepts of an article's sentences, most salient first.
    pub fn rank(&self, sentences: &[Vec<Mention>]) -> Vec<String> {
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for m in sentences.iter().flatten() {
            if m.kind == EntityKind::Concept {
                *counts.entry(m.name.as_str()).or_default() += 1;
            }
        }
        let mut ranked: Vec<(&str, usize)> = counts.into_iter().collect();
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        ranked.into_iter().map(|(n, _)| n.to_string()).collect()
    }
}

impl Recognizer for ConceptRecognizer {
    fn kind(&self) -> EntityKind {
        EntityKind::Concept
    }

    fn recognize(
        &self,
        sentence: &SentenceView<'_>,
        _state: &mut ArticleState,
        out: &mut Vec<Mention>,
    ) {
        let Some(matcher) = &self.matcher else { return };
        for m in matcher.find_iter(sentence.text) {
            let name = &self.terms[m.pattern().as_usize()];
            out.push(Mention::new(
                EntityKind::Concept,
                name.clone(),
                m.start(),
                m.end(),
            ));
        }
    }
}
