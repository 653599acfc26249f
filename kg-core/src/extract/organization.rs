//! The `organization` recognizer.

use super::{ArticleState, EntityKind, Mention, Recognizer, SentenceView};

/// Finds `organization` mentions.
#[derive(Debug, Default)]
pub struct OrganizationRecognizer {}

impl OrganizationRecognizer {
    /// A recognizer with the bundled lexicons.
    pub fn new() -> Self {
        Self::default()
    }
}

impl Recognizer for OrganizationRecognizer {
    fn kind(&self) -> EntityKind {
        EntityKind::Organization
    }

    fn recognize(
        &self,
        _sentence: &SentenceView<'_>,
        _state: &mut ArticleState,
        _out: &mut Vec<Mention>,
    ) {
    }
}
