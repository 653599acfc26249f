//! Stage 8, **export**: the graph as DOT for Graphviz and as CSV tables.

use crate::extract::EntityKind;

pub mod csv;
pub mod dot;

/// Which part of the graph to export, so a picture stays readable.
///
/// ```
/// let o = kg_core::export::ExportOptions::default();
/// assert_eq!((o.top, o.min_count), (None, 1));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportOptions {
    /// Keep only the N most mentioned entities (all when `None`).
    pub top: Option<usize>,
    /// Keep only links with at least this many units together.
    pub min_count: u32,
    /// Keep only these kinds (all when empty).
    pub kinds: Vec<EntityKind>,
}

impl Default for ExportOptions {
    fn default() -> Self {
        ExportOptions {
            top: None,
            min_count: 1,
            kinds: Vec::new(),
        }
    }
}
