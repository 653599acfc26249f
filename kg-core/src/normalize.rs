//! Stage 2, **normalize**: a raw [`Document`] into clean [`Sentence`]s.
//!
//! In order, for every line of the document:
//!
//! 1. Unicode NFKC (full-width letters, digits and punctuation become
//!    half-width) and Traditional → Simplified with OpenCC's `t2s` tables
//!    (through the pure-Rust `ferrous-opencc`), so `數據要素` and `数据要素`
//!    are the same string from here on;
//! 2. page furniture is dropped: disclaimers (免责声明), navigation words,
//!    editor and review lines, web addresses, 本文由……转载 lines, time
//!    stamps, and lines of an appended English translation;
//! 3. stray `?` runs (left where a scraper lost spaces) become paragraph
//!    breaks, white space runs fold to one space;
//! 4. compilations are split into articles: by a 目录 whose titles recur as
//!    lines, else by short title lines;
//! 5. paragraphs are split into sentences at 。！？；… and line ends, with a
//!    cap on sentence length so one giant "sentence" cannot blow up linking.
//!
//! Every [`Sentence`] keeps the character offsets of its span in the
//! original text, so evidence can quote what the user's file says.

use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

use crate::read::Document;

/// Longest sentence, in characters, before it is cut at a comma (or hard).
pub const MAX_SENTENCE_CHARS: usize = 400;

/// One sentence of normalized text, with where it came from.
///
/// ```
/// use kg_core::{normalize, Document};
/// let doc = normalize::normalize(&Document::from_text("a", "數據要素。新質生產力！"));
/// assert_eq!(doc.sentences[0].text, "数据要素。");
/// assert_eq!((doc.sentences[1].start, doc.sentences[1].end), (5, 11));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    /// The normalized text (NFKC, Simplified), page furniture removed.
    pub text: String,
    /// Index of the article within its document (0 for a single article).
    pub article: u32,
    /// Index of the paragraph within its document.
    pub paragraph: u32,
    /// Character offset in the original document where the sentence starts.
    pub start: u32,
    /// Character offset in the original document just past its end.
    pub end: u32,
}

/// An article of a document: a compilation holds many.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    /// Its title line, when one was recognized.
    pub title: Option<String>,
    /// The range of its sentences in [`NormalizedDocument::sentences`].
    pub sentences: std::ops::Range<usize>,
}

/// A document after normalization: articles and sentences.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NormalizedDocument {
    /// The source's name, as in [`Document::name`].
    pub name: String,
    /// Articles in order; at least one when there is any text.
    pub articles: Vec<Article>,
    /// All sentences in order.
    pub sentences: Vec<Sentence>,
    /// The year it was written, if its name or text says (see [`document_year`]).
    pub year: Option<u16>,
}

/// Converts text to the one form every stage compares: NFKC and Simplified.
///
/// White space is kept; see [`normalize_name`] for names.
///
/// ```
/// assert_eq!(kg_core::normalize::normalize_text("數據要素，ＡＩ"), "数据要素,AI");
/// ```
pub fn normalize_text(text: &str) -> String {
    // Names are normalized per mention while linking: most are already
    // NFKC, and the quick check spares the copy through the normalizer.
    // A text of starters each its own NFKC form is NFKC (the quick check
    // says so, without a table lookup per character of every sentence).
    if text.chars().all(is_nfkc_starter)
        || unicode_normalization::is_nfkc_quick(text.chars())
            == unicode_normalization::IsNormalized::Yes
    {
        return t2s(text);
    }
    let nfkc: String = text.nfkc().collect();
    t2s(&nfkc)
}

/// The comparison key of an entity name: [`normalize_text`] with all white
/// space removed, as the spec's matching rules say.
///
/// ```
/// use kg_core::normalize::normalize_name;
/// assert_eq!(normalize_name(" 數據 要素 "), "数据要素");
/// assert_eq!(normalize_name("《电子印章管理办法》"), "《电子印章管理办法》");
/// ```
pub fn normalize_name(name: &str) -> String {
    let text = normalize_text(name);
    // Names rarely hold white space: then the normalized text is the key.
    if !text.contains(char::is_whitespace) {
        return text;
    }
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

fn opencc() -> Option<&'static ferrous_opencc::OpenCC> {
    static CONVERTER: OnceLock<Option<ferrous_opencc::OpenCC>> = OnceLock::new();
    CONVERTER
        .get_or_init(|| {
            ferrous_opencc::OpenCC::from_config(ferrous_opencc::config::BuiltinConfig::T2s).ok()
        })
        .as_ref()
}

/// Traditional → Simplified. Pure ASCII and text that is already Simplified
/// pass through unchanged.
fn t2s(text: &str) -> String {
    t2s_if_needed(text).unwrap_or_else(|| text.to_string())
}

/// [`t2s`], or `None` when the text is certainly unchanged by it.
fn t2s_if_needed(text: &str) -> Option<String> {
    // The tables are compiled into the binary; failing to load them is a
    // build defect, and leaving text unconverted is the safe fallback.
    let cc = opencc()?;
    // Most input is Simplified already, and OpenCC's dictionary walk is the
    // costliest step of normalization: convert only text that holds a
    // character OpenCC would change on its own.
    if text.chars().all(|c| !changes_alone(cc, c)) {
        return None;
    }
    Some(cc.convert(text))
}

/// Whether OpenCC's `t2s` changes `c` when it stands alone.
///
/// Asked for every character of the input: OpenCC is only asked the first
/// time a character is seen.
#[inline]
fn changes_alone(cc: &ferrous_opencc::OpenCC, c: char) -> bool {
    static CHANGES: CharMemo = CharMemo::new();
    !c.is_ascii() && CHANGES.get(c, || ask_opencc(cc, c))
}

#[cold]
fn ask_opencc(cc: &ferrous_opencc::OpenCC, c: char) -> bool {
    let mut buf = [0u8; 4];
    let alone: &str = c.encode_utf8(&mut buf);
    cc.convert(alone) != alone
}

/// Whether `c` is its own NFKC form. Punctuation and the rest are asked
/// of the NFKC tables once per character.
#[inline]
fn is_nfkc_alone(c: char) -> bool {
    static STABLE: CharMemo = CharMemo::new();
    is_plain_or(c, &STABLE, || {
        unicode_normalization::is_nfkc_quick(std::iter::once(c))
            == unicode_normalization::IsNormalized::Yes
    })
}

/// Whether `c` is its own NFKC form and a starter (canonical combining
/// class 0): a text of such characters needs no NFKC, whatever their order.
#[inline]
fn is_nfkc_starter(c: char) -> bool {
    static STARTER: CharMemo = CharMemo::new();
    is_plain_or(c, &STARTER, || {
        is_nfkc_alone(c) && unicode_normalization::char::canonical_combining_class(c) == 0
    })
}

/// True for ASCII and unified ideographs, nearly every character of the
/// input, which are their own NFKC form and starters; any other character
/// is asked of `memo` (`compute` the first time).
#[inline]
fn is_plain_or(c: char, memo: &CharMemo, compute: impl FnOnce() -> bool) -> bool {
    c.is_ascii() || ('\u{4e00}'..='\u{9fff}').contains(&c) || memo.get(c, compute)
}

/// A yes-or-no fact about characters, remembered per character of the
/// Basic Multilingual Plane once computed (astral characters are computed
/// every time). Threads share it: a fact computed twice is the same fact.
struct CharMemo {
    seen: OnceLock<Box<[AtomicU8]>>,
}

impl CharMemo {
    const UNKNOWN: u8 = 0;
    const NO: u8 = 1;
    const YES: u8 = 2;

    const fn new() -> CharMemo {
        CharMemo {
            seen: OnceLock::new(),
        }
    }

    #[inline]
    fn get(&self, c: char, compute: impl FnOnce() -> bool) -> bool {
        let seen = self
            .seen
            .get_or_init(|| (0..=0xFFFF).map(|_| AtomicU8::new(Self::UNKNOWN)).collect());
        let Some(slot) = seen.get(u32::from(c) as usize) else {
            return compute();
        };
        match slot.load(Ordering::Relaxed) {
            Self::NO => false,
            Self::YES => true,
            _ => {
                let fact = compute();
                slot.store(if fact { Self::YES } else { Self::NO }, Ordering::Relaxed);
                fact
            }
        }
    }
}

/// Where each character of a normalized line came from: the character
/// offset in the original document, stored as the points where the
/// mapping stops running one to one (a line NFKC and `t2s` leave alone
/// has one point, however long it is).
#[derive(Debug, Default)]
struct Origins {
    /// `(index, origin)`: character `index` of the line, and those after
    /// it up to the next point, come from `origin`, `origin + 1`, ….
    points: Vec<(u32, u32)>,
    /// Characters mapped.
    len: u32,
}

impl Origins {
    /// `len` characters from `start`, `start + 1`, …: one point at most.
    fn run(start: u32, len: u32) -> Origins {
        Origins {
            points: if len > 0 {
                vec![(0, start)]
            } else {
                Vec::new()
            },
            len,
        }
    }

    /// Maps the next character of the line to `origin`.
    fn push(&mut self, origin: u32) {
        let runs_on = self
            .points
            .last()
            .is_some_and(|&(i, o)| o.checked_add(self.len - i) == Some(origin));
        if !runs_on {
            self.points.push((self.len, origin));
        }
        self.len += 1;
    }

    fn len(&self) -> usize {
        self.len as usize
    }

    /// The origin of character `index` (which must be below `len`).
    fn at(&self, index: usize) -> u32 {
        let k = self.points.partition_point(|&(i, _)| i as usize <= index);
        let (i, o) = self.points[k.saturating_sub(1)];
        o + (index as u32 - i)
    }

    /// The origins of all characters, in order.
    fn iter(&self) -> impl Iterator<Item = u32> + '_ {
        self.points.iter().enumerate().flat_map(|(k, &(i, o))| {
            let next = self.points.get(k + 1).map_or(self.len, |p| p.0);
            (0..next - i).map(move |d| o + d)
        })
    }
}

/// One line after character normalization, with a map back to the original.
struct Line {
    text: String,
    origin: Origins,
}

impl Line {
    /// An empty line with room for `bytes` of text.
    fn with_capacity(bytes: usize) -> Line {
        Line {
            text: String::with_capacity(bytes),
            origin: Origins::default(),
        }
    }

    fn push(&mut self, c: char, origin: u32) {
        self.text.push(c);
        self.origin.push(origin);
    }

    fn is_empty(&self) -> bool {
        self.text.is_empty()
    }
}

/// A normalized line, and whether it may hold white space (false only when
/// it is known to hold none).
fn normalize_line(line: &str, line_start: u32) -> (Line, bool) {
    one_to_one_line(line, line_start).unwrap_or_else(|| (general_line(line, line_start), true))
}

/// Any line: NFKC per character, then `t2s`, with the offsets spread when
/// a phrase conversion changes the length.
fn general_line(line: &str, line_start: u32) -> Line {
    let mut out = Line::with_capacity(line.len());
    for (i, c) in line.chars().enumerate() {
        let at = line_start + i as u32;
        // Per-character NFKC keeps the offset map exact; composition across
        // characters only matters for combining marks, rare in Chinese text.
        if is_nfkc_alone(c) {
            out.push(c, at);
            continue;
        }
        for n in std::iter::once(c).nfkc() {
            out.push(n, at);
        }
    }
    let Some(converted) = t2s_if_needed(&out.text) else {
        return out;
    };
    let n = out.origin.len();
    let m = converted.chars().count();
    if m == n {
        out.text = converted;
    } else if m > 0 {
        // A phrase conversion changed the length: spread the offsets.
        let n = n.max(1);
        let mut spread = Origins::default();
        for i in 0..m {
            spread.push(out.origin.at((i * n / m).min(n - 1)));
        }
        out = Line {
            text: converted,
            origin: spread,
        };
    }
    out
}

/// The normalized line when NFKC maps each of its characters to one
/// character and `t2s` changes none: nearly every line of Chinese text,
/// whose characters are ASCII, unified ideographs and full-width
/// punctuation. One pass instead of the general per-character NFKC, and
/// the offset map stays one to one.
fn one_to_one_line(line: &str, line_start: u32) -> Option<(Line, bool)> {
    let cc = opencc();
    let mut chars = 0u32;
    let mut same = true;
    // Whether it holds white space, told in this pass so that folding
    // spaces need not look again.
    let mut spaced = false;
    for c in line.chars() {
        chars += 1;
        if c.is_ascii() {
            spaced |= matches!(c, '\t'..='\r' | ' ');
            continue;
        }
        if is_kept(cc, c) {
            continue;
        }
        let n = nfkc_one(c)?;
        if cc.is_some_and(|cc| changes_alone(cc, n)) {
            return None;
        }
        spaced |= n.is_whitespace();
        same &= n == c;
    }
    let text = if same {
        line.to_string()
    } else {
        line.chars().filter_map(nfkc_one).collect()
    };
    let line = Line {
        text,
        origin: Origins::run(line_start, chars),
    };
    Some((line, spaced))
}

/// Whether `c` is its own NFKC form, not white space, and `t2s` leaves it
/// alone: nearly every character of a line, told by one look-up instead
/// of three.
#[inline]
fn is_kept(cc: Option<&ferrous_opencc::OpenCC>, c: char) -> bool {
    static KEPT: CharMemo = CharMemo::new();
    KEPT.get(c, || {
        nfkc_one(c) == Some(c) && !c.is_whitespace() && !cc.is_some_and(|cc| changes_alone(cc, c))
    })
}

/// The NFKC form of `c` when it is one character and cheap to tell:
/// `c` itself for a character NFKC leaves alone, the ASCII form of a
/// full-width one (，→ ,), a space for the ideographic space.
#[inline]
fn nfkc_one(c: char) -> Option<char> {
    match c {
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(u32::from(c) - 0xfee0),
        '\u{3000}' => Some(' '),
        _ if is_nfkc_alone(c) => Some(c),
        _ => None,
    }
}

/// Normalizes a document into articles and sentences.
///
/// ```
/// use kg_core::{normalize, Document};
/// let text = "目录\n- 甲文\n- 乙文\n甲文\n数据要素很重要。\n乙文\n新质生产力。\n免责声明\n";
/// let doc = normalize::normalize(&Document::from_text("c.txt", text));
/// assert_eq!(doc.articles.len(), 2);
/// assert_eq!(doc.articles[1].title.as_deref(), Some("乙文"));
/// // Titles are sentences too (they name the subject); the TOC is not.
/// let texts: Vec<&str> = doc.sentences.iter().map(|s| s.text.as_str()).collect();
/// assert_eq!(texts, ["甲文", "数据要素很重要。", "乙文", "新质生产力。"]);
/// ```
pub fn normalize(doc: &Document) -> NormalizedDocument {
    normalize_with(doc, true)
}

/// Normalizes a document known to hold one article (a record of a JSON-lines
/// file, say): no article splitting, so aliases defined anywhere in it hold
/// throughout.
///
/// ```
/// use kg_core::{normalize, Document};
/// let text = "第一部分标题很短\n这是一段足够长的正文,用来说明文章的内容,长度超过六十个字符才会被当作正文段落来看待,这里再补充一些文字。";
/// assert_eq!(normalize::normalize_article(&Document::from_text("a", text)).articles.len(), 1);
/// ```
pub fn normalize_article(doc: &Document) -> NormalizedDocument {
    normalize_with(doc, false)
}

fn normalize_with(doc: &Document, split: bool) -> NormalizedDocument {
    let lines = clean_lines(&doc.text);
    let (articles_lines, titles) = if split {
        split_articles(&lines)
    } else {
        (std::iter::once(0..lines.len()).collect(), vec![None])
    };
    let mut sentences = Vec::new();
    let mut articles = Vec::new();
    let mut paragraph = 0u32;
    for (a, (range, title)) in articles_lines.iter().zip(titles).enumerate() {
        let first = sentences.len();
        for line in &lines[range.clone()] {
            split_sentences(line, a as u32, paragraph, &mut sentences);
            paragraph += 1;
        }
        if sentences.len() > first || title.is_some() {
            articles.push(Article {
                title,
                sentences: first..sentences.len(),
            });
        }
    }
    if articles.is_empty() && !sentences.is_empty() {
        articles.push(Article {
            title: None,
            sentences: 0..sentences.len(),
        });
    }
    // Article indices in sentences must match positions in `articles`.
    for (i, article) in articles.iter().enumerate() {
        for s in &mut sentences[article.sentences.clone()] {
            s.article = i as u32;
        }
    }
    NormalizedDocument {
        name: doc.name.clone(),
        articles,
        sentences,
        year: document_year(&doc.name, &doc.text),
    }
}

/// The year a document was written, read from the first source that has
/// one: a year in its file name (`2024-work-report.txt`,
/// `digest-2025q1.txt`), then a full date near its start (a dateline:
/// `2025年9月27日`, `2025-09-27`), then a date in its last lines (the
/// signature date of an official document). A bare `2024年` is not
/// enough: texts cite years (`2024年政府工作报告`) that are not theirs.
///
/// ```
/// use kg_core::normalize::document_year;
/// assert_eq!(document_year("reports/2024-work-report.txt", ""), Some(2024));
/// assert_eq!(document_year("a.txt", "标题\n2025年9月27日,国务院办公厅印发"), Some(2025));
/// assert_eq!(document_year("a.txt", "2024年政府工作报告提出"), None);
/// assert_eq!(document_year("a.txt", "正文。\n\n国务院\n2023年12月1日"), Some(2023));
/// ```
pub fn document_year(name: &str, text: &str) -> Option<u16> {
    let file = name.rsplit(['/', '\\']).next().unwrap_or(name);
    if let Some(y) = year_in_name(file) {
        return Some(y);
    }
    let head: String = text.chars().take(HEAD_CHARS).collect();
    if let Some(y) = date_year(&head) {
        return Some(y);
    }
    // The last HEAD_CHARS characters, found from the end rather than by
    // counting the whole text.
    let tail_start = text
        .char_indices()
        .rev()
        .nth(HEAD_CHARS - 1)
        .map_or(0, |(i, _)| i);
    date_year(&text[tail_start..])
}

/// How far into a text, from either end, a dateline is looked for.
const HEAD_CHARS: usize = 300;

/// A run of exactly four digits 1949–2099 in a file name, not part of a
/// longer number.
fn year_in_name(file: &str) -> Option<u16> {
    let bytes = file.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        if i - start == 4 {
            let y: u16 = file[start..i].parse().ok()?;
            if (1949..=2099).contains(&y) {
                return Some(y);
            }
        }
    }
    None
}

/// The year of the first full date (`YYYY年M月`, `YYYY-MM-DD`, `YYYY/MM/DD`,
/// `YYYY.MM.DD`) in `text`, after normalization (so full-width digits count).
fn date_year(text: &str) -> Option<u16> {
    static DATE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let re = DATE.get_or_init(|| {
        regex::Regex::new(r"(?:^|[^0-9])((?:19|20)[0-9]{2})(?:年[0-9〇一二三四五六七八九十]{1,2}月|[-/.][01]?[0-9][-/.][0-3]?[0-9](?:[^0-9]|$))")
            .expect("valid regex")
    });
    let text = normalize_text(text);
    re.captures(&text)
        .and_then(|c| c.get(1))
        .and_then(|m| m.as_str().parse().ok())
        .filter(|y| (1949..=2099).contains(y))
}

/// Lines of normalized text that carry content, furniture removed.
fn clean_lines(text: &str) -> Vec<Line> {
    let mut out = Vec::new();
    let mut offset = 0u32;
    for raw in text.split_inclusive('\n') {
        let start = offset;
        offset += raw.chars().count() as u32;
        let raw = raw.trim_end_matches(['\n', '\r']);
        let (line, may_be_spaced) = normalize_line(raw, start);
        for piece in split_stray_marks(line) {
            let (piece, spaced) = fold_spaces(piece, may_be_spaced);
            if piece.is_empty() {
                continue;
            }
            // Without white space the line is its own compact form, and its
            // length is known from its offset map.
            debug_assert_eq!(piece.origin.len(), piece.text.chars().count());
            let chars = (!spaced).then(|| piece.origin.len());
            match classify(&piece.text, chars) {
                LineKind::Content => out.push(piece),
                LineKind::Furniture => {}
                LineKind::EndOfText => return out,
            }
        }
    }
    out
}

/// Splits a line at stray `?` runs: two or more `?` in a row, or a `?`
/// that starts the line or follows a space. A scraper left those where
/// spaces or paragraph breaks were; a `?` right after text is a question.
fn split_stray_marks(line: Line) -> Vec<Line> {
    // Nearly every line has no `?`: it is one piece as it is.
    if !line.text.contains('?') {
        return if line.is_empty() {
            Vec::new()
        } else {
            vec![line]
        };
    }
    let chars: Vec<(char, u32)> = line.text.chars().zip(line.origin.iter()).collect();
    let mut pieces = Vec::new();
    let mut current = Line::with_capacity(0);
    let n = chars.len();
    let mut i = 0;
    while i < n {
        if chars[i].0 == '?' {
            let mut j = i;
            while j < n && (chars[j].0 == '?' || chars[j].0 == ' ') {
                j += 1;
            }
            let qs = chars[i..j].iter().filter(|&&(c, _)| c == '?').count();
            let after_space = i == 0 || chars[i - 1].0 == ' ';
            if qs >= 2 || after_space {
                if !current.is_empty() {
                    pieces.push(std::mem::replace(&mut current, Line::with_capacity(0)));
                }
                i = j;
                continue;
            }
        }
        current.push(chars[i].0, chars[i].1);
        i += 1;
    }
    if !current.is_empty() {
        pieces.push(current);
    }
    pieces
}

/// Trims a line and folds runs of white space into one space; says
/// whether the line had any white space (and may still have some).
/// `may_be_spaced` is false for a line known to hold none.
fn fold_spaces(line: Line, may_be_spaced: bool) -> (Line, bool) {
    // Without white space there is nothing to fold or trim.
    if !may_be_spaced || !line.text.contains(char::is_whitespace) {
        return (line, false);
    }
    let kept = line.text.trim_end();
    let mut out = Line::with_capacity(kept.len());
    for (c, o) in kept.chars().zip(line.origin.iter()) {
        let space = c.is_whitespace();
        if space && (out.is_empty() || out.text.ends_with(' ')) {
            continue;
        }
        out.push(if space { ' ' } else { c }, o);
    }
    (out, true)
}

enum LineKind {
    Content,
    Furniture,
    /// A disclaimer or site footer: nothing after it is the article.
    EndOfText,
}

/// Lines up to this many characters that give a web address are page
/// furniture (footers, source lines); longer ones are prose.
const URL_LINE_CHARS: usize = 200;

/// What a line is; `chars` is its length in characters when it is known
/// to hold no white space.
fn classify(line: &str, chars: Option<usize>) -> LineKind {
    const END_MARKERS: &[&str] = &[
        "免责声明",
        "版权声明",
        "相关报道:",
        "相关阅读",
        "推荐阅读",
        "翻译:",
        "译文:",
        "英文翻译",
    ];
    // Only short lines are furniture: a long line that happens to start
    // with one of these words is prose.
    const FURNITURE_PREFIXES: &[&str] = &[
        "编辑",
        "责任编辑",
        "责编",
        "审读",
        "校对",
        "二审",
        "三审",
        "来源:",
        "时间:",
        "发布时间",
        "字号",
        "【字号",
        "收录于",
        "(作者:",
        "客服微信",
        "微信公众号",
        "扫一扫",
        "分享到",
        "【法宝引证码】",
        "原文链接",
        "上一篇",
        "下一篇",
        "返回顶部",
        "本网站",
    ];
    const NAVIGATION: &[&str] = &[
        "首页", "下载", "打印", "全屏", "收藏", "分享", "摘要", "提要", "目录", "返回", "更多",
        "加大", "还原", "减小", "关闭",
    ];
    let (compact, chars): (std::borrow::Cow<str>, usize) = match chars {
        Some(n) => (line.into(), n),
        None if line.contains(char::is_whitespace) => {
            let compact: String = line.chars().filter(|c| !c.is_whitespace()).collect();
            let n = compact.chars().count();
            (compact.into(), n)
        }
        None => (line.into(), line.chars().count()),
    };
    if END_MARKERS.iter().any(|m| compact.starts_with(m)) {
        return LineKind::EndOfText;
    }
    // A footer or source line gives a web address (原文链接:https://…); a
    // long paragraph that cites one is still prose, and dropping it would
    // lose the whole paragraph.
    let cites_url =
        compact.contains("www.") || compact.contains("http://") || compact.contains("https://");
    if cites_url && chars <= URL_LINE_CHARS {
        return LineKind::Furniture;
    }
    let short = chars <= 60;
    if short && FURNITURE_PREFIXES.iter().any(|p| compact.starts_with(p)) {
        return LineKind::Furniture;
    }
    if compact.starts_with("本文") && compact.contains("转载") {
        return LineKind::Furniture;
    }
    if NAVIGATION.contains(&compact.as_ref()) {
        return LineKind::Furniture;
    }
    // Time stamps and page numbers: no letter of any script.
    if !compact.chars().any(|c| c.is_alphabetic()) {
        return LineKind::Furniture;
    }
    // An appended English translation is not Chinese text to extract from.
    // ASCII letters are single bytes, so a byte count finds them; most
    // lines have none and need no count of ideographs.
    let latin = compact.bytes().filter(u8::is_ascii_alphabetic).count();
    if latin > 0 && compact.chars().filter(|&c| is_cjk(c)).count() * 4 < latin {
        return LineKind::Furniture;
    }
    LineKind::Content
}

/// Whether `c` is a CJK ideograph.
pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{20000}'..='\u{2A6DF}' | '\u{F900}'..='\u{FAFF}')
}

fn has_terminal(line: &str) -> bool {
    line.contains(['。', '!', '?', ';', '…'])
}

/// A short line with no sentence punctuation: a title or a heading. `n` is
/// its length in characters.
fn is_title_like(line: &str, n: usize) -> bool {
    (4..=40).contains(&n) && !has_terminal(line) && !line.ends_with([',', ':', '、'])
}

/// A section heading inside an article: 一、 (一) 1. 第一章 and the like.
fn is_numbered_heading(line: &str) -> bool {
    let first: Vec<char> = line.chars().take(4).collect();
    let numeral = |c: char| "一二三四五六七八九十".contains(c) || c.is_ascii_digit();
    match first.as_slice() {
        [a, '、', ..] | [a, '.', ..] if numeral(*a) => true,
        ['(', a, ..] if numeral(*a) => true,
        ['第', ..] => true,
        [a, b, '、', ..] if numeral(*a) && numeral(*b) => true,
        ['#', ..] => true,
        _ => false,
    }
}

type ArticleSplit = (Vec<std::ops::Range<usize>>, Vec<Option<String>>);

/// Finds article boundaries among content lines.
fn split_articles(lines: &[Line]) -> ArticleSplit {
    let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
    // A table of contents: consecutive list lines ("- title") near the top
    // whose titles recur later as lines of their own.
    let toc: Vec<String> = texts
        .iter()
        .take(200)
        .filter_map(|t| t.strip_prefix("- ").or_else(|| t.strip_prefix("-")))
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
        .collect();
    let mut starts: Vec<(usize, Option<String>)> = Vec::new();
    if toc.len() >= 2 {
        let mut next = 0;
        for (i, t) in texts.iter().enumerate() {
            if t.starts_with('-') {
                continue;
            }
            if next < toc.len() && *t == toc[next] {
                starts.push((i, Some(t.to_string())));
                next += 1;
            } else if let Some(k) = toc[next.min(toc.len())..].iter().position(|x| x == t) {
                // A title recurring out of order still starts an article.
                starts.push((i, Some(t.to_string())));
                next += k + 1;
            }
        }
    }
    if starts.len() < 2 {
        starts.clear();
        // No usable table of contents. The first line, when it looks like
        // a title, titles the first article. After that a title-like line
        // followed by a long paragraph starts an article when the previous
        // one has had room to be one (section headings come every few
        // paragraphs), and right after a byline (作者:…), which closes
        // a signed contribution, even when it is numbered (二、…).
        let mut since = 0usize;
        let mut after_byline = false;
        // A line's length in characters is its offset map's.
        let chars = |i: usize| lines.get(i).map_or(0, |l: &Line| l.origin.len());
        for (i, t) in texts.iter().enumerate() {
            let next_long = chars(i + 1) > 60;
            let title_like = is_title_like(t, chars(i));
            let title = title_like && next_long;
            if i == 0 && title_like {
                starts.push((i, Some(t.to_string())));
            } else if title
                && (after_byline || (!is_numbered_heading(t) && since >= MIN_ARTICLE_CHARS))
            {
                starts.push((i, Some(t.to_string())));
                since = 0;
            }
            after_byline = is_byline(t);
            since += chars(i);
        }
    }
    let mut ranges = Vec::new();
    let mut titles = Vec::new();
    let first_start = starts.first().map_or(lines.len(), |s| s.0);
    // Text before the first title (a compilation's cover, a TOC) is its own
    // untitled article when it holds sentences; TOC lines carry none.
    let head: Vec<usize> = (0..first_start)
        .filter(|&i| !texts[i].starts_with('-'))
        .collect();
    if !head.is_empty() {
        ranges.push(0..first_start);
        titles.push(None);
    }
    for (k, (start, title)) in starts.iter().enumerate() {
        let end = starts.get(k + 1).map_or(lines.len(), |s| s.0);
        ranges.push(*start..end);
        titles.push(title.clone());
    }
    (ranges, titles)
}

/// Characters an article has at least before a title-like line may start
/// another (without a table of contents or a byline to go by).
const MIN_ARTICLE_CHARS: usize = 2000;

fn is_byline(line: &str) -> bool {
    line.starts_with("作者:") || line.starts_with("文/") || line.starts_with("□")
}

fn split_sentences(line: &Line, article: u32, paragraph: u32, out: &mut Vec<Sentence>) {
    let text = line.text.as_str();
    // TOC entries and titles are lines without terminal punctuation; they
    // are still sentences (a title names the article's subject).
    if text.starts_with("- ") {
        return;
    }
    let n = line.origin.len();
    // Character index and byte offset where the current sentence starts.
    let (mut start, mut start_byte) = (0, 0);
    let mut chars = text.char_indices().peekable();
    let mut i = 0;
    while let Some((at, c)) = chars.next() {
        let mut end_byte = at + c.len_utf8();
        let mut cut = matches!(c, '。' | '!' | '?' | ';' | '…');
        if cut {
            // Keep runs of terminators and closing quotes with the sentence,
            // as long as it stays within the cap; the rest of a long run
            // starts the next one (and is dropped there, holding no letter).
            while let Some(&(next_at, next)) = chars.peek() {
                if i + 1 - start >= MAX_SENTENCE_CHARS
                    || !matches!(
                        next,
                        '。' | '!' | '?' | ';' | '…' | '”' | '’' | '」' | '』' | ')'
                    )
                {
                    break;
                }
                chars.next();
                i += 1;
                end_byte = next_at + next.len_utf8();
            }
        }
        if !cut && i + 1 - start >= MAX_SENTENCE_CHARS {
            cut = true;
        } else if !cut && i + 1 - start >= MAX_SENTENCE_CHARS / 2 && c == ',' {
            // Over half the cap: a comma is a good enough place to cut,
            // checked only when no terminal punctuation came.
            let mut rest = text[end_byte..].chars().take(MAX_SENTENCE_CHARS / 2);
            cut = !rest.any(|c| matches!(c, '。' | '!' | '?' | ';'));
        }
        if cut || i + 1 == n {
            push_sentence(
                line,
                (start, start_byte),
                (i + 1, end_byte),
                article,
                paragraph,
                out,
            );
            (start, start_byte) = (i + 1, end_byte);
        }
        i += 1;
    }
}

/// Pushes the sentence between two (character index, byte offset)
/// positions of `line`, trimmed of spaces, unless it holds no letter or
/// digit.
fn push_sentence(
    line: &Line,
    (mut from, mut from_byte): (usize, usize),
    (mut to, mut to_byte): (usize, usize),
    article: u32,
    paragraph: u32,
    out: &mut Vec<Sentence>,
) {
    let bytes = line.text.as_bytes();
    while from < to && bytes[from_byte] == b' ' {
        (from, from_byte) = (from + 1, from_byte + 1);
    }
    while to > from && bytes[to_byte - 1] == b' ' {
        (to, to_byte) = (to - 1, to_byte - 1);
    }
    if from == to {
        return;
    }
    let text = &line.text[from_byte..to_byte];
    if !text.chars().any(|c| c.is_alphanumeric()) {
        return;
    }
    let start = line.origin.at(from);
    let last = line.origin.at(to - 1);
    // The sentence ends where the next character's source begins, so that
    // it covers characters normalization dropped after it.
    let end = Some(to)
        .filter(|&to| to < line.origin.len())
        .map(|to| line.origin.at(to))
        .filter(|&o| o > last)
        .unwrap_or(last + 1);
    out.push(Sentence {
        text: text.to_string(),
        article,
        paragraph,
        start,
        end,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(text: &str) -> NormalizedDocument {
        normalize(&Document::from_text("t", text))
    }

    #[test]
    fn a_signature_date_counts_only_in_the_last_lines() {
        let body = "数字经济发展迅速。".repeat(100);
        assert_eq!(
            document_year("a.txt", &format!("{body}\n国务院\n2023年12月1日")),
            Some(2023)
        );
        // 301 characters after the date: it is no longer in the tail.
        let late = format!("{body}\n2023年12月1日\n{}", "数".repeat(HEAD_CHARS + 1));
        assert_eq!(document_year("a.txt", &late), None);
        let short = format!("{}2023年12月1日", "数".repeat(HEAD_CHARS - 12));
        assert_eq!(document_year("a.txt", &short), Some(2023));
    }

    #[test]
    fn combining_marks_out_of_order_are_reordered() {
        // Each mark is its own NFKC form, but not a starter: the pair in
        // the wrong canonical order is not NFKC.
        assert_eq!(normalize_text("数\u{59A}\u{316}"), "数\u{316}\u{59A}");
        assert_eq!(normalize_text("数\u{316}\u{59A}"), "数\u{316}\u{59A}");
    }

    #[test]
    fn remembered_char_facts_are_the_computed_ones() {
        let cc = opencc().expect("t2s tables load");
        for c in [
            '數',
            '数',
            '，',
            '…',
            '。',
            '《',
            '①',
            '\u{3000}',
            'a',
            '\u{20000}',
            '\u{2F800}',
            '\u{316}',
            '\u{59A}',
            '\u{85}',
            '\u{2028}',
            '\u{A0}',
        ] {
            for _ in 0..2 {
                let mut buf = [0u8; 4];
                let alone: &str = c.encode_utf8(&mut buf);
                assert_eq!(changes_alone(cc, c), cc.convert(alone) != alone, "{c}");
                let quick = unicode_normalization::is_nfkc_quick(std::iter::once(c))
                    == unicode_normalization::IsNormalized::Yes;
                assert_eq!(is_nfkc_alone(c), quick, "{c}");
                let starter =
                    quick && unicode_normalization::char::canonical_combining_class(c) == 0;
                assert_eq!(is_nfkc_starter(c), starter, "{c}");
                let kept =
                    nfkc_one(c) == Some(c) && !c.is_whitespace() && cc.convert(alone) == alone;
                assert_eq!(is_kept(Some(cc), c), kept, "{c}");
            }
        }
    }

    #[test]
    fn the_one_to_one_path_agrees_with_the_general_one() {
        // (line, whether it holds white space)
        let lines = [
            ("数据要素,AI与5G", false),
            ("推进数字经济，加快建设：（一）数字中国！", false),
            ("全角ＡＢＣ１２３\u{3000}空格", true),
            ("数据 要素", true),
            ("数据\t要素", true),
            ("数据\u{2028}要素", true),
            ("", false),
        ];
        for (line, spaced) in lines {
            let (fast, fast_spaced) = one_to_one_line(line, 7).expect("one to one");
            let general = general_line(line, 7);
            assert_eq!(fast.text, general.text, "{line}");
            assert_eq!(fast.origin.points, general.origin.points, "{line}");
            assert_eq!(fast.origin.len, general.origin.len, "{line}");
            assert_eq!(fast_spaced, spaced, "{line}");
            assert_eq!(
                fast_spaced,
                fast.text.contains(char::is_whitespace),
                "{line}"
            );
        }
        // Traditional text and compatibility ideographs take the general path.
        assert!(one_to_one_line("數據要素", 0).is_none());
        assert!(one_to_one_line("\u{f900}", 0).is_none());
        assert!(one_to_one_line("①", 0).is_none());
    }

    #[test]
    fn offsets_point_into_the_original() {
        let original = "第一句。\n　　數據要素，很重要！";
        let doc = norm(original);
        let chars: Vec<char> = original.chars().collect();
        let s = &doc.sentences[1];
        let quoted: String = chars[s.start as usize..s.end as usize].iter().collect();
        assert_eq!(quoted, "數據要素，很重要！");
        assert_eq!(s.text, "数据要素,很重要!");
    }

    #[test]
    fn stray_question_marks_become_paragraphs() {
        let doc = norm("? ? 第一段。 ????第二段有问题吗?是的。");
        let texts: Vec<&str> = doc.sentences.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(texts, ["第一段。", "第二段有问题吗?", "是的。"]);
        assert_ne!(doc.sentences[0].paragraph, doc.sentences[1].paragraph);
    }

    #[test]
    fn furniture_and_translation_are_dropped() {
        let doc = norm(
            "正文第一句。\n编辑 李斌 审读 秦天\n03-31 07:38\nwww.example.com\nFirst, integrated development is insufficient.\n本文由某网转载\n正文第二句。\n免责声明\n未经许可不得转载。",
        );
        let texts: Vec<&str> = doc.sentences.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(texts, ["正文第一句。", "正文第二句。"]);
    }

    #[test]
    fn a_long_paragraph_citing_a_web_address_is_kept() {
        let paragraph = format!(
            "{}详见https://www.gov.cn/zhengce/。{}",
            "推进数据要素市场化配置改革,".repeat(10),
            "培育全国一体化数据市场。".repeat(5)
        );
        let doc = norm(&format!("原文链接:https://www.gov.cn/a.html\n{paragraph}"));
        assert!(doc.sentences.len() > 1, "{:?}", doc.sentences);
        assert!(doc
            .sentences
            .iter()
            .all(|s| !s.text.starts_with("原文链接")));
        assert!(doc
            .sentences
            .iter()
            .any(|s| s.text.contains("全国一体化数据市场")));
    }

    #[test]
    fn long_runs_are_capped() {
        let doc = norm(&"数据".repeat(5000));
        assert!(doc.sentences.len() >= 20);
        assert!(doc
            .sentences
            .iter()
            .all(|s| s.text.chars().count() <= MAX_SENTENCE_CHARS));
    }

    #[test]
    fn a_run_of_terminators_at_the_cap_does_not_overflow_it() {
        // 399 characters, then a terminator run: the first terminator is the
        // 400th character, the rest may not push the sentence past the cap.
        let text = format!("{}?。!”数据要素。", "数".repeat(MAX_SENTENCE_CHARS - 1));
        let doc = norm(&text);
        let lens: Vec<usize> = doc
            .sentences
            .iter()
            .map(|s| s.text.chars().count())
            .collect();
        assert_eq!(lens, [MAX_SENTENCE_CHARS, "数据要素。".chars().count()]);
    }
}
