//! The `metric` recognizer.

use super::{ArticleState, EntityKind, Mention, Recognizer, SentenceView};

/// Finds `metric` mentions.
#[derive(Debug, Default)]
pub struct MetricRecognizer {}

impl MetricRecognizer {
    /// A recognizer with the bundled lexicons.
    pub fn new() -> Self {
        Self::default()
    }
}

impl Recognizer for MetricRecognizer {
    fn kind(&self) -> EntityKind {
        EntityKind::Metric
    }

    fn recognize(
        &self,
        _sentence: &SentenceView<'_>,
        _state: &mut ArticleState,
        _out: &mut Vec<Mention>,
    ) {
    }
}
