//! The `policy` recognizer.

use super::{ArticleState, EntityKind, Mention, Recognizer, SentenceView};

/// Finds `policy` mentions.
#[derive(Debug, Default)]
pub struct PolicyRecognizer {}

impl PolicyRecognizer {
    /// A recognizer with the bundled lexicons.
    pub fn new() -> Self {
        Self::default()
    }
}

impl Recognizer for PolicyRecognizer {
    fn kind(&self) -> EntityKind {
        EntityKind::Policy
    }

    fn recognize(
        &self,
        _sentence: &SentenceView<'_>,
        _state: &mut ArticleState,
        _out: &mut Vec<Mention>,
    ) {
    }
}
