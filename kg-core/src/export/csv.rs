//! CSV export (to be written).
