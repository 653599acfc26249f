//! The `programme` recognizer.

use super::{ArticleState, EntityKind, Mention, Recognizer, SentenceView};

/// Finds `programme` mentions.
#[derive(Debug, Default)]
pub struct ProgrammeRecognizer {}

impl ProgrammeRecognizer {
    /// A recognizer with the bundled lexicons.
    pub fn new() -> Self {
        Self::default()
    }
}

impl Recognizer for ProgrammeRecognizer {
    fn kind(&self) -> EntityKind {
        EntityKind::Programme
    }

    fn recognize(
        &self,
        _sentence: &SentenceView<'_>,
        _state: &mut ArticleState,
        _out: &mut Vec<Mention>,
    ) {
    }
}
