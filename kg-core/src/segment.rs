//! Stage 3, **segment**: sentences into words with jieba-rs.
//!
//! Out of the box jieba splits the terms kg is about (数据要素 → 数据 / 要素,
//! 东数西算 → 东 / 数 / 西 / 算). The [`Segmenter`] therefore loads the bundled
//! user dictionary `data/lexicon/segment.txt` and every name of the entity
//! lexicons, each with a frequency high enough to win. Two traps of jieba's
//! own dictionary loader are avoided here: a line without a frequency would
//! load with frequency 0 and never win, and a BOM would glue itself to the
//! first entry; [`crate::lexicon`] refuses BOMs, and entries without a
//! frequency get [`Segmenter::DEFAULT_FREQ`].

use crate::error::{Error, Result};
use crate::lexicon::{self, LexiconFile};

/// A word of a sentence, with its character offsets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'a> {
    /// The word, a slice of the sentence.
    pub word: &'a str,
    /// Byte offset of the word in the sentence.
    pub start: usize,
    /// Byte offset just past the word.
    pub end: usize,
}

/// jieba-rs with kg's domain lexicon loaded. Build once, share read-only.
///
/// ```
/// let seg = kg_core::Segmenter::new();
/// let words: Vec<&str> = seg.cut("激活数据要素潜能").iter().map(|t| t.word).collect();
/// assert!(words.contains(&"数据要素"));
/// ```
pub struct Segmenter {
    jieba: jieba_rs::Jieba,
}

impl std::fmt::Debug for Segmenter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Segmenter").finish_non_exhaustive()
    }
}

impl Default for Segmenter {
    fn default() -> Self {
        Self::new()
    }
}

impl Segmenter {
    /// Frequency given to lexicon entries that do not state one: high enough
    /// that jieba keeps the word whole against its parts.
    pub const DEFAULT_FREQ: usize = 20_000;

    /// jieba's default dictionary plus every bundled lexicon.
    ///
    /// The bundled lexicons are checked by tests, so a malformed line here is
    /// a build defect; such a line is skipped rather than aborting.
    pub fn new() -> Segmenter {
        let mut seg = Segmenter {
            jieba: jieba_rs::Jieba::new(),
        };
        let _ = seg.load_user_dict(lexicon::SEGMENT);
        for file in [lexicon::CONCEPTS] {
            if let Ok(words) = file.words() {
                for w in words {
                    seg.add_word(w);
                }
            }
        }
        for name in lexicon::entity_names() {
            seg.add_word(name);
        }
        seg
    }

    /// Adds one word with [`Segmenter::DEFAULT_FREQ`].
    ///
    /// ```
    /// let mut seg = kg_core::Segmenter::new();
    /// seg.add_word("智改数转网联");
    /// assert_eq!(seg.cut("推进智改数转网联")[1].word, "智改数转网联");
    /// ```
    pub fn add_word(&mut self, word: &str) {
        let word = word.trim();
        if !word.is_empty() && !word.contains(char::is_whitespace) {
            self.jieba.add_word(word, Some(Self::DEFAULT_FREQ), None);
        }
    }

    /// Loads a jieba user dictionary: `word [frequency] [tag]` per line.
    pub fn load_user_dict(&mut self, file: LexiconFile) -> Result<()> {
        for row in lexicon::parse_rows(file.name, file.text, false, 1)? {
            let mut parts = row.get(0).split_whitespace();
            let Some(word) = parts.next() else { continue };
            let freq = match parts.next() {
                Some(f) => f.parse::<usize>().map_err(|_| {
                    Error::parse(
                        std::path::Path::new("data/lexicon").join(file.name),
                        row.line,
                        format!("frequency '{f}' is not a whole number"),
                    )
                })?,
                None => Self::DEFAULT_FREQ,
            };
            let tag = parts.next();
            self.jieba.add_word(word, Some(freq.max(1)), tag);
        }
        Ok(())
    }

    /// Cuts a sentence into words (HMM on, for unknown words).
    pub fn cut<'a>(&self, sentence: &'a str) -> Vec<Token<'a>> {
        self.jieba
            .cut(sentence, true)
            .into_iter()
            .map(|t| Token {
                word: t.word,
                start: t.byte_start,
                end: t.byte_end,
            })
            .collect()
    }

    /// Whether jieba's dictionary (with the lexicons) holds `word`.
    pub fn has_word(&self, word: &str) -> bool {
        self.jieba.has_word(word)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexicon_words_come_out_whole() {
        let seg = Segmenter::new();
        for text in ["国家推进东数西算工程建设", "充分发挥数据要素作用"] {
            let words: Vec<&str> = seg.cut(text).iter().map(|t| t.word).collect();
            assert!(
                words.contains(&"东数西算")
                    || words.contains(&"东数西算工程")
                    || words.contains(&"数据要素"),
                "{words:?}"
            );
        }
    }

    #[test]
    fn every_segment_lexicon_word_is_kept_whole() {
        let seg = Segmenter::new();
        let rows = lexicon::SEGMENT.words().unwrap();
        for line in rows {
            let word = line.split_whitespace().next().unwrap();
            let words: Vec<&str> = seg.cut(word).iter().map(|t| t.word).collect();
            assert_eq!(words, [word], "segment.txt entry split");
        }
    }

    #[test]
    fn offsets_are_bytes_on_char_boundaries() {
        let seg = Segmenter::new();
        let text = "数字经济,AI与数据要素";
        for t in seg.cut(text) {
            assert_eq!(&text[t.start..t.end], t.word);
        }
    }
}
