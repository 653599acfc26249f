//! The bundled lexicons under `data/lexicon/`, compiled into the library.
//!
//! Each file is UTF-8 text: `#` lines are comments, blank lines are
//! skipped, a TSV file's first non-comment line is its header. The loader
//! reports the file and line of any malformed entry, and refuses a BOM
//! (it would silently glue itself to the first entry).
//! `data/lexicon/README.md` gives each file's source and how to regenerate it.

use std::path::Path;

use crate::error::{Error, Result};

/// A lexicon file: its name (for error messages) and its text.
#[derive(Debug, Clone, Copy)]
pub struct LexiconFile {
    /// The file name under `data/lexicon/`.
    pub name: &'static str,
    /// The file's contents.
    pub text: &'static str,
}

macro_rules! lexicon {
    ($name:literal) => {
        LexiconFile {
            name: $name,
            text: include_str!(concat!("../../data/lexicon/", $name)),
        }
    };
}

/// China's administrative divisions, countries and macro-regions.
pub const REGIONS: LexiconFile = lexicon!("regions.tsv");
/// Organizations with their abbreviations.
pub const ORGANIZATIONS: LexiconFile = lexicon!("organizations.tsv");
/// Named programmes and strategies with their aliases.
pub const PROGRAMMES: LexiconFile = lexicon!("programmes.tsv");
/// Well-known policy documents with their nicknames.
pub const POLICIES: LexiconFile = lexicon!("policies.tsv");
/// Domain concepts.
pub const CONCEPTS: LexiconFile = lexicon!("concepts.txt");
/// Words that are never concepts.
pub const STOPWORDS: LexiconFile = lexicon!("stopwords.txt");
/// The jieba user dictionary.
pub const SEGMENT: LexiconFile = lexicon!("segment.txt");
/// Document frequencies of concepts in a reference corpus (generated).
pub const CONCEPT_DF: LexiconFile = lexicon!("concept_df.tsv");

/// Every bundled lexicon, for tests and tools that check them all.
pub const ALL: [LexiconFile; 8] = [
    REGIONS,
    ORGANIZATIONS,
    PROGRAMMES,
    POLICIES,
    CONCEPTS,
    STOPWORDS,
    SEGMENT,
    CONCEPT_DF,
];

/// Every name and alias of the organization, programme and policy
/// lexicons: words jieba must keep whole and concepts must not claim.
///
/// ```
/// assert!(kg_core::lexicon::entity_names().any(|n| n == "国务院"));
/// ```
pub fn entity_names() -> impl Iterator<Item = &'static str> {
    [ORGANIZATIONS, PROGRAMMES, POLICIES]
        .into_iter()
        .flat_map(|file| file.rows(1).unwrap_or_default())
        .flat_map(|row| std::iter::once(row.get(0)).chain(row.list(1)))
}

/// One data line of a lexicon: its 1-based line number and its fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row<'a> {
    /// 1-based line number in the file.
    pub line: usize,
    /// Tab-separated fields, trimmed (a one-column file has one field).
    pub fields: Vec<&'a str>,
}

impl<'a> Row<'a> {
    /// Field `i`, or `""` when the line is shorter.
    pub fn get(&self, i: usize) -> &'a str {
        self.fields.get(i).copied().unwrap_or("")
    }

    /// Field `i` split at commas into non-empty items.
    pub fn list(&self, i: usize) -> Vec<&'a str> {
        self.get(i)
            .split([',', '，'])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect()
    }
}

impl LexiconFile {
    /// The data rows of a TSV lexicon, header skipped, checked to have at
    /// least `min_fields` non-empty leading fields.
    ///
    /// ```
    /// let rows = kg_core::lexicon::ORGANIZATIONS.rows(1).unwrap();
    /// assert!(rows.iter().any(|r| r.get(0) == "国务院"));
    /// ```
    pub fn rows(&self, min_fields: usize) -> Result<Vec<Row<'static>>> {
        parse_rows(self.name, self.text, true, min_fields)
    }

    /// The entries of a one-column lexicon (word lists).
    ///
    /// ```
    /// let words = kg_core::lexicon::STOPWORDS.words().unwrap();
    /// assert!(words.contains(&"进一步"));
    /// ```
    pub fn words(&self) -> Result<Vec<&'static str>> {
        Ok(parse_rows(self.name, self.text, false, 1)?
            .into_iter()
            .map(|r| r.get(0))
            .collect())
    }
}

/// Parses lexicon text; `name` is used in error messages.
///
/// ```
/// use kg_core::lexicon::parse_rows;
/// let rows = parse_rows("x.tsv", "# c\nname\taliases\n甲\t乙,丙\n", true, 1).unwrap();
/// assert_eq!(rows[0].list(1), ["乙", "丙"]);
/// let err = parse_rows("x.tsv", "name\n\t乙\n", true, 1).unwrap_err();
/// assert_eq!(err.to_string(), "data/lexicon/x.tsv: line 2: expected at least 1 non-empty field(s)");
/// ```
pub fn parse_rows<'a>(
    name: &str,
    text: &'a str,
    header: bool,
    min_fields: usize,
) -> Result<Vec<Row<'a>>> {
    let path = Path::new("data/lexicon").join(name);
    if text.starts_with('\u{feff}') {
        return Err(Error::parse(
            path,
            1,
            "starts with a byte-order mark; save it as UTF-8 without BOM",
        ));
    }
    let mut rows = Vec::new();
    let mut seen_header = !header;
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if !seen_header {
            seen_header = true;
            continue;
        }
        let fields: Vec<&str> = line.split('\t').map(str::trim).collect();
        if fields
            .iter()
            .take(min_fields)
            .filter(|f| !f.is_empty())
            .count()
            < min_fields
        {
            return Err(Error::parse(
                path,
                i + 1,
                format!("expected at least {min_fields} non-empty field(s)"),
            ));
        }
        rows.push(Row {
            line: i + 1,
            fields,
        });
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bundled_lexicon_loads() {
        for file in ALL {
            let is_tsv = file.name.ends_with(".tsv");
            let rows = if is_tsv {
                file.rows(1).map(|r| r.len())
            } else {
                file.words().map(|w| w.len())
            };
            let n = rows.unwrap_or_else(|e| panic!("{e}"));
            assert!(n > 0, "{} is empty", file.name);
        }
    }
}
