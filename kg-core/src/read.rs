//! Stage 1, **read**: files and directories of text into [`Document`]s.
//!
//! Policy texts arrive in every encoding an office has used: UTF-8 with or
//! without a byte-order mark, UTF-16 with a BOM, GBK and GB18030. The
//! encoding is detected per file (BOM first, then strict UTF-8, then
//! `chardetng`), and the text decoded with `encoding_rs`. A file that is not
//! text at all (an image, an archive) is refused by name; inside a directory
//! it is skipped with a [`Warning`].

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// One input text, decoded to a Rust `String`.
///
/// ```
/// use kg_core::Document;
/// let doc = Document::from_text("note.txt", "数据要素是新型生产要素。");
/// assert_eq!(doc.name, "note.txt");
/// assert_eq!(doc.encoding, "UTF-8");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// A short, stable name for the source: the path relative to the
    /// directory it was found in, or the name the caller gave.
    pub name: String,
    /// Where it was read from, when it came from a file.
    pub path: Option<PathBuf>,
    /// The decoded text, exactly as the file says (not yet normalized).
    pub text: String,
    /// The encoding it was decoded from (`UTF-8`, `GBK`, `UTF-16LE`, …).
    pub encoding: &'static str,
}

impl Document {
    /// A document from text already in memory.
    pub fn from_text(name: impl Into<String>, text: impl Into<String>) -> Document {
        Document {
            name: name.into(),
            path: None,
            text: text.into(),
            encoding: "UTF-8",
        }
    }
}

/// Something kg could not use but that did not stop the run.
///
/// ```
/// use kg_core::read::Warning;
/// let w = Warning::new("a/b.png", "skipped: not a text file");
/// assert_eq!(w.to_string(), "a/b.png: skipped: not a text file");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// The file or directory concerned (displayed lossily if not UTF-8).
    pub path: PathBuf,
    /// What happened.
    pub message: String,
}

impl Warning {
    /// A warning about `path`.
    pub fn new(path: impl Into<PathBuf>, message: impl Into<String>) -> Warning {
        Warning {
            path: path.into(),
            message: message.into(),
        }
    }
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.message)
    }
}

/// A file found by [`collect_files`], with the name its document will carry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    /// Where it is.
    pub path: PathBuf,
    /// Its path relative to the directory it was found in, with `/`
    /// separators (lossy where the name is not UTF-8).
    pub name: String,
}

/// The text files named by `paths`: files as given, directories walked
/// recursively (symlinks followed, loops reported) in a stable order.
///
/// Returns each file with the name it should carry, plus warnings for
/// entries that could not be visited. A path that does not exist is an error.
///
/// ```
/// let dir = tempfile::tempdir().unwrap();
/// std::fs::create_dir(dir.path().join("sub")).unwrap();
/// std::fs::write(dir.path().join("sub/a.txt"), "数据").unwrap();
/// let (files, warnings) = kg_core::read::collect_files(&[dir.path()]).unwrap();
/// assert_eq!(files.len(), 1);
/// assert_eq!(files[0].name, "sub/a.txt");
/// assert!(warnings.is_empty());
/// ```
pub fn collect_files<P: AsRef<Path>>(paths: &[P]) -> Result<(Vec<SourceFile>, Vec<Warning>)> {
    let mut files = Vec::new();
    let mut warnings = Vec::new();
    for root in paths {
        let root = root.as_ref();
        let meta = std::fs::metadata(root).map_err(|e| Error::io(root, e))?;
        if !meta.is_dir() {
            let name = root
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| root.to_string_lossy().into_owned());
            files.push(SourceFile {
                path: root.to_path_buf(),
                name,
            });
            continue;
        }
        let walker = walkdir::WalkDir::new(root)
            .follow_links(true)
            .sort_by_file_name();
        for entry in walker {
            match entry {
                Ok(entry) => {
                    if !entry.file_type().is_file() {
                        continue;
                    }
                    let path = entry.path();
                    if is_hidden(path.strip_prefix(root).unwrap_or(path)) {
                        continue;
                    }
                    let rel = path.strip_prefix(root).unwrap_or(path);
                    let name = rel
                        .components()
                        .map(|c| c.as_os_str().to_string_lossy())
                        .collect::<Vec<_>>()
                        .join("/");
                    files.push(SourceFile {
                        path: path.to_path_buf(),
                        name,
                    });
                }
                Err(err) => {
                    let path = err.path().unwrap_or(root).to_path_buf();
                    let message = if err.loop_ancestor().is_some() {
                        "skipped: symbolic link loop".to_string()
                    } else {
                        format!("skipped: {err}")
                    };
                    warnings.push(Warning::new(path, message));
                }
            }
        }
    }
    Ok((files, warnings))
}

fn is_hidden(rel: &Path) -> bool {
    rel.components()
        .any(|c| c.as_os_str().to_string_lossy().starts_with('.'))
}

/// Reads and decodes one file.
///
/// ```
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("gbk.txt");
/// // 数据要素 in GBK.
/// std::fs::write(&path, [0xCA, 0xFD, 0xBE, 0xDD, 0xD2, 0xAA, 0xCB, 0xD8]).unwrap();
/// let (doc, _warnings) = kg_core::read::read_file(&path, "gbk.txt").unwrap();
/// assert_eq!(doc.text, "数据要素");
/// assert_eq!(doc.encoding, "GBK");
/// ```
pub fn read_file(path: &Path, name: &str) -> Result<(Document, Vec<Warning>)> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let mut warnings = Vec::new();
    let (text, encoding) = decode(&bytes).map_err(|reason| Error::not_text(path, reason))?;
    if let Some(offset) = encoding.lossy_at {
        warnings.push(Warning::new(
            path,
            format!(
                "invalid {} at byte {offset}: replaced with U+FFFD",
                encoding.name
            ),
        ));
    }
    Ok((
        Document {
            name: name.to_string(),
            path: Some(path.to_path_buf()),
            text,
            encoding: encoding.name,
        },
        warnings,
    ))
}

/// What [`decode`] found out about the bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Detected {
    /// The encoding's name (`UTF-8`, `GBK`, `UTF-16LE`, …).
    pub name: &'static str,
    /// For UTF-8 with invalid sequences, the byte offset of the first one.
    pub lossy_at: Option<usize>,
}

/// Decodes bytes of unknown encoding, or says why they are not text.
///
/// ```
/// use kg_core::read::decode;
/// let (text, enc) = decode("\u{feff}数据".as_bytes()).unwrap();
/// assert_eq!((text.as_str(), enc.name), ("数据", "UTF-8"));
/// assert!(decode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").is_err());
/// ```
pub fn decode(bytes: &[u8]) -> std::result::Result<(String, Detected), String> {
    if let Some((encoding, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        let lossy_at = had_errors
            .then(|| first_malformed(encoding, &bytes[bom_len..]).map(|at| bom_len + at))
            .flatten();
        return Ok((
            text.into_owned(),
            Detected {
                name: encoding.name(),
                lossy_at,
            },
        ));
    }
    if let Some(kind) = binary_signature(bytes) {
        return Err(format!("it looks like {kind}"));
    }
    if bytes.contains(&0) {
        return Err("it holds NUL bytes (binary data, or UTF-16 without a byte-order mark)".into());
    }
    // Valid UTF-8, nearly every file, is told apart with SIMD: the standard
    // library's check costs ten times as much on Chinese text.
    match simdutf8::compat::from_utf8(bytes) {
        Ok(text) => Ok((
            text.to_owned(),
            Detected {
                name: "UTF-8",
                lossy_at: None,
            },
        )),
        Err(err) => {
            let first_bad = err.valid_up_to();
            // A file that is UTF-8 but for a few damaged bytes is still UTF-8:
            // decode it with replacement characters rather than guessing a
            // legacy encoding and garbling everything. Read as UTF-8, GBK
            // text is mostly invalid sequences and only by chance a valid
            // multi-byte character; damaged UTF-8 is the other way round.
            // A few characters can be either, by chance: those need a clear
            // majority of high bytes in valid characters.
            let (invalid, valid) = utf8_sequences(bytes);
            let multibyte = bytes.iter().filter(|&&b| b >= 0x80).count();
            if (valid >= 8 && invalid * 4 <= valid) || invalid * 20 < multibyte {
                let text = String::from_utf8_lossy(bytes).into_owned();
                return Ok((
                    text,
                    Detected {
                        name: "UTF-8",
                        lossy_at: Some(first_bad),
                    },
                ));
            }
            let mut detector = chardetng::EncodingDetector::new();
            detector.feed(bytes, true);
            let mut encoding = detector.guess(Some(b"cn"), true);
            if encoding == encoding_rs::GBK {
                // GB18030 is a superset of GBK and decodes every GBK file.
                encoding = encoding_rs::GB18030;
            }
            let (text, _, had_errors) = encoding.decode(bytes);
            let name = if encoding == encoding_rs::GB18030 && !had_errors {
                "GBK"
            } else {
                encoding.name()
            };
            if control_ratio_too_high(&text) {
                return Err("it holds control characters rather than text".into());
            }
            Ok((
                text.into_owned(),
                Detected {
                    name,
                    lossy_at: had_errors
                        .then(|| first_malformed(encoding, bytes))
                        .flatten(),
                },
            ))
        }
    }
}

/// The byte offset of the first malformed sequence of `bytes` in
/// `encoding`, if any.
fn first_malformed(encoding: &'static encoding_rs::Encoding, bytes: &[u8]) -> Option<usize> {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(
        decoder
            .max_utf8_buffer_length_without_replacement(bytes.len())
            .unwrap_or(bytes.len().saturating_mul(3)),
    );
    let (result, read) = decoder.decode_to_string_without_replacement(bytes, &mut out, true);
    match result {
        encoding_rs::DecoderResult::Malformed(bad, after) => {
            Some(read.saturating_sub(bad as usize + after as usize))
        }
        _ => None,
    }
}

/// Read as UTF-8: the number of invalid sequences, and of valid characters
/// of more than one byte.
fn utf8_sequences(mut bytes: &[u8]) -> (usize, usize) {
    // In bytes already checked to be UTF-8, every multi-byte character
    // starts with one byte of 0xC0 or above, and no other byte does.
    let multibyte = |valid: &[u8]| valid.iter().filter(|&&b| b >= 0xC0).count();
    let mut invalid = 0;
    let mut valid = 0;
    loop {
        match std::str::from_utf8(bytes) {
            Ok(_) => return (invalid, valid + multibyte(bytes)),
            Err(err) => {
                invalid += 1;
                valid += multibyte(&bytes[..err.valid_up_to()]);
                let skip = err.valid_up_to()
                    + err
                        .error_len()
                        .unwrap_or(bytes.len() - err.valid_up_to())
                        .max(1);
                bytes = &bytes[skip.min(bytes.len())..];
            }
        }
    }
}

fn control_ratio_too_high(text: &str) -> bool {
    let total = text.chars().count().max(1);
    let control = text
        .chars()
        .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}'))
        .count();
    control * 10 > total
}

fn binary_signature(bytes: &[u8]) -> Option<&'static str> {
    const SIGNATURES: &[(&[u8], &str)] = &[
        (b"\x89PNG", "a PNG image"),
        (b"\xFF\xD8\xFF", "a JPEG image"),
        (b"GIF8", "a GIF image"),
        (b"PK\x03\x04", "a ZIP archive (or a .docx/.xlsx file)"),
        (
            b"%PDF",
            "a PDF file (convert it to text first, e.g. with pdftotext)",
        ),
        (b"\x1F\x8B", "a gzip archive"),
        (
            b"\xD0\xCF\x11\xE0",
            "an old Office document (convert it to text first)",
        ),
        (b"\x7FELF", "an executable"),
        (b"kg-graph", "a kg graph file (pass it with --graph)"),
    ];
    SIGNATURES
        .iter()
        .find(|(magic, _)| bytes.starts_with(magic))
        .map(|(_, kind)| *kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_utf16_with_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "数据要素".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        let (text, enc) = decode(&bytes).unwrap();
        assert_eq!(text, "数据要素");
        assert_eq!(enc.name, "UTF-16LE");
    }

    #[test]
    fn damaged_utf8_is_still_utf8_with_offset() {
        let mut bytes = "数据要素是新型生产要素，".repeat(10).into_bytes();
        bytes.insert(30, 0xFF);
        let (text, enc) = decode(&bytes).unwrap();
        assert_eq!(enc.name, "UTF-8");
        assert_eq!(enc.lossy_at, Some(30));
        assert!(text.contains('\u{FFFD}'));
    }

    #[test]
    fn a_short_utf8_file_with_a_bad_byte_stays_utf8() {
        // Few characters, so a ratio of bad bytes to all high bytes would
        // call it a legacy encoding and garble the good part.
        let mut bytes = "数据要素".as_bytes().to_vec();
        bytes.push(0xFF);
        bytes.extend_from_slice("赋能数字经济。".as_bytes());
        let (text, enc) = decode(&bytes).unwrap();
        assert_eq!(enc.name, "UTF-8");
        assert_eq!(enc.lossy_at, Some(12));
        assert_eq!(text, "数据要素\u{FFFD}赋能数字经济。");
    }

    /// Every short run of real text, in GBK, is read as GBK: a few GBK
    /// bytes can form valid UTF-8 by chance, and must not outvote the rest.
    /// The same runs in UTF-8 with one damaged byte stay UTF-8 once they
    /// hold eight characters.
    #[test]
    fn short_gbk_is_not_taken_for_damaged_utf8() {
        let text = include_str!("../../data/corpus/digest-2025q1-digital-economy.txt");
        let chars: Vec<char> = text
            .chars()
            .filter(|c| !c.is_whitespace())
            .take(1500)
            .collect();
        for width in 3..=12 {
            for window in chars.windows(width) {
                let s: String = window.iter().collect();
                let (gbk, _, unmappable) = encoding_rs::GBK.encode(&s);
                // Bytes that are valid UTF-8 as well (25篇: 32 35 C6 AA) are
                // UTF-8; no decoder can tell.
                if unmappable || std::str::from_utf8(&gbk).is_ok() {
                    continue;
                }
                let (_, enc) = decode(&gbk).unwrap();
                assert_ne!(enc.name, "UTF-8", "{s:?} in GBK read as UTF-8");
                if width >= 8 && s.chars().filter(|c| !c.is_ascii()).count() >= 8 {
                    // A stray byte between two characters.
                    let middle = s.char_indices().nth(width / 2).map_or(0, |(i, _)| i);
                    let mut damaged = s.clone().into_bytes();
                    damaged.insert(middle, 0xFF);
                    let (_, enc) = decode(&damaged).unwrap();
                    assert_eq!(enc.name, "UTF-8", "{s:?} with a bad byte");
                }
            }
        }
    }

    #[test]
    fn damaged_gbk_says_where() {
        let (bytes, _, _) = encoding_rs::GBK.encode("数据要素是新型生产要素,数字经济加快发展。");
        let mut bytes = bytes.into_owned();
        // A lead byte followed by a byte no GB18030 trail can be.
        bytes.insert(8, 0x81);
        bytes.insert(9, 0x20);
        let (text, enc) = decode(&bytes).unwrap();
        assert_eq!(enc.name, "gb18030");
        assert_eq!(enc.lossy_at, Some(8));
        assert!(text.starts_with("数据要素\u{FFFD}"), "{text}");
    }

    #[test]
    fn shared_gbk_file_decodes_like_its_utf8_copy() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/external");
        let gbk = dir.join("2020-national-government-work-report-transcript.gbk.txt");
        let utf8 = dir.join("2020-national-government-work-report-transcript.txt");
        if !gbk.exists() {
            // shared/ is beside the checkout in CI, where it must be found.
            assert!(
                std::env::var_os("CI").is_none(),
                "{} missing in CI",
                gbk.display()
            );
            return;
        }
        let (doc, _) = read_file(&gbk, "gbk").unwrap();
        let expected = std::fs::read_to_string(utf8).unwrap();
        assert_eq!(doc.encoding, "GBK");
        assert_eq!(doc.text, expected);
    }
}
