//! The `region` recognizer.

use super::{ArticleState, EntityKind, Mention, Recognizer, SentenceView};

/// Finds `region` mentions.
#[derive(Debug, Default)]
pub struct RegionRecognizer {}

impl RegionRecognizer {
    /// A recognizer with the bundled lexicons.
    pub fn new() -> Self {
        Self::default()
    }
}

impl Recognizer for RegionRecognizer {
    fn kind(&self) -> EntityKind {
        EntityKind::Region
    }

    fn recognize(
        &self,
        _sentence: &SentenceView<'_>,
        _state: &mut ArticleState,
        _out: &mut Vec<Mention>,
    ) {
    }
}
