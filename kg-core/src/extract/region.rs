//! The `region` recognizer: named places from the gazetteer
//! `data/lexicon/regions.tsv`.
//!
//! Every full name and short form of the gazetteer is searched for at once
//! (the lexicon scan, [`super::scan`]). A hit counts only where it is a word
//! of its own: it must start and end on a jieba token boundary (or a change
//! between CJK and other script), so 高要 inside 提高要素 is not 高要区.
//! Among the hits that remain the longest wins, so 深圳市 beats 深圳 and
//! 连云港 beats 连云. The mention is named by the full name (深圳市) and
//! carries the surface short form (深圳) as an alias, which holds everywhere.
//!
//! Not regions, following `spec/entities.md`:
//! - anything inside a 《》 title (a region inside a policy or newspaper name);
//! - 中国 used as a fixed modifier (中国式现代化, 中国特色, 中国标准, 数字中国):
//!   it is a region only where it names the place (在中国, 中国的, 中国愿同…);
//! - a short form that is part of a site's name (丽水机场, 宣威水库) or
//!   opens a quoted name (“长阳创谷”, county short forms only);
//! - deictic and generic words (我国, 全国, 各地, 东部地区) are simply not in
//!   the gazetteer.
//!
//! A place prefixed by its parent (江苏连云港, 深圳南山区) gives two mentions,
//! one for each place. A full name shared by several places (南山区 in 深圳市
//! and 鹤岗市) needs no choice: the graph keys regions by name.
//!
//! A region inside an organization's name (深圳 in 深圳数据交易所) is left to
//! the extractor's overlap resolution: the longer organization span wins.
//!
//! The gazetteer and the word-boundary helpers are shared with the
//! organization recognizer, which uses regions as the proper-name heads of
//! names like 广东省人民政府.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::scan::{self, Lexicon, LexiconHits};
use super::{ArticleState, EntityKind, Mention, Recognizer, SentenceView};
use crate::lexicon;
use crate::normalize::normalize_name;
use crate::segment::Token;

/// Finds `region` mentions.
#[derive(Debug, Default)]
pub struct RegionRecognizer {}

impl RegionRecognizer {
    /// A recognizer with the bundled lexicons.
    pub fn new() -> Self {
        // Build the lexicons now rather than on the first sentence.
        scan::warm_up();
        Self::default()
    }
}

impl Recognizer for RegionRecognizer {
    fn kind(&self) -> EntityKind {
        EntityKind::Region
    }

    fn recognize(
        &self,
        sentence: &SentenceView<'_>,
        _state: &mut ArticleState,
        out: &mut Vec<Mention>,
    ) {
        let text = sentence.text;
        let bounds = word_boundaries(sentence);
        let titles = title_spans(text);
        let gaz = gazetteer();
        let mut hits: Vec<RegionHit> = gaz
            .hits(sentence.hits)
            .into_iter()
            .filter(|h| bounds.at(h.start) && bounds.at(h.end))
            .filter(|h| !inside_any(&titles, h.start, h.end))
            .filter(|h| !is_fixed_modifier(sentence, h))
            .filter(|h| !(gaz.is_short(h) && names_a_site(&text[h.end..])))
            .filter(|h| {
                !(gaz.is_short(h) && gaz.entries[h.entry].county && opens_a_quoted_name(text, h))
            })
            .collect();
        // Longest first, then leftmost: the same choice the extractor makes
        // between kinds, applied among the region hits themselves.
        hits.sort_by(|a, b| {
            (b.end - b.start)
                .cmp(&(a.end - a.start))
                .then(a.start.cmp(&b.start))
        });
        let mut kept: Vec<&RegionHit> = Vec::new();
        for h in &hits {
            if !kept.iter().any(|k| h.start < k.end && k.start < h.end) {
                kept.push(h);
            }
        }
        kept.sort_by_key(|h| h.start);
        for h in kept {
            let entry = &gaz.entries[h.entry];
            let mut m = Mention::new(EntityKind::Region, entry.name.clone(), h.start, h.end);
            let surface = &text[h.start..h.end];
            if surface != entry.name {
                m = m.with_alias(surface);
            }
            out.push(m);
        }
    }
}

/// One row's worth of what a gazetteer pattern stands for.
#[derive(Debug)]
pub(super) struct RegionEntry {
    /// Canonical (full) name, normalized.
    pub(super) name: String,
    /// County level (县, 区, 县级市): the tier whose short forms are most
    /// often ordinary words or parts of other names.
    county: bool,
}

/// A gazetteer hit in a sentence (byte offsets).
#[derive(Debug, Clone, Copy)]
pub(super) struct RegionHit {
    pub(super) start: usize,
    pub(super) end: usize,
    /// Index into [`Gazetteer::entries`].
    pub(super) entry: usize,
    /// Index of the pattern that matched.
    pattern: usize,
}

/// Every full name and short form of `regions.tsv`, searchable at once.
pub(super) struct Gazetteer {
    /// Every form, searched for by [`super::scan`].
    patterns: Vec<String>,
    /// Pattern index → entry index.
    pattern_entry: Vec<usize>,
    /// Pattern index → whether it is a short form (深圳) rather than the
    /// full name (深圳市).
    pattern_short: Vec<bool>,
    pub(super) entries: Vec<RegionEntry>,
}

impl std::fmt::Debug for Gazetteer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Gazetteer")
            .field("patterns", &self.pattern_entry.len())
            .finish_non_exhaustive()
    }
}

impl Gazetteer {
    fn build() -> Gazetteer {
        let mut entries: Vec<RegionEntry> = Vec::new();
        let mut entry_of_name: HashMap<String, usize> = HashMap::new();
        let mut patterns: Vec<String> = Vec::new();
        let mut pattern_entry: Vec<usize> = Vec::new();
        let mut pattern_short: Vec<bool> = Vec::new();
        let mut seen_pattern: HashMap<String, usize> = HashMap::new();
        // The bundled lexicon is checked by tests; a broken file yields an
        // empty gazetteer rather than a panic in the pipeline.
        let rows = lexicon::REGIONS.rows(2).unwrap_or_default();
        for row in &rows {
            let name = normalize_name(row.get(0));
            if name.is_empty() {
                continue;
            }
            // A full name under several parents (南山区 in 深圳市 and 鹤岗市)
            // is one node: the graph keys regions by name.
            let entry = *entry_of_name.entry(name.clone()).or_insert_with(|| {
                entries.push(RegionEntry {
                    name: name.clone(),
                    county: row.get(1) == "county",
                });
                entries.len() - 1
            });
            let forms =
                std::iter::once(name.clone()).chain(row.list(3).into_iter().map(normalize_name));
            for form in forms {
                if form.chars().count() < 2 || seen_pattern.contains_key(&form) {
                    continue;
                }
                seen_pattern.insert(form.clone(), entry);
                pattern_short.push(form != name);
                patterns.push(form);
                pattern_entry.push(entry);
            }
        }
        Gazetteer {
            patterns,
            pattern_entry,
            pattern_short,
            entries,
        }
    }

    /// Every occurrence of every name, overlapping ones included (the
    /// caller filters by word boundaries before choosing the longest, so
    /// that 广州市 rejected inside 广州市长 still leaves 广州).
    pub(super) fn hits(&self, found: &LexiconHits) -> Vec<RegionHit> {
        found
            .of(Lexicon::Region)
            .filter_map(|h| {
                Some(RegionHit {
                    start: h.start,
                    end: h.end,
                    entry: *self.pattern_entry.get(h.pattern)?,
                    pattern: h.pattern,
                })
            })
            .collect()
    }

    /// Whether the hit is a short form rather than a full name.
    pub(super) fn is_short(&self, hit: &RegionHit) -> bool {
        self.pattern_short
            .get(hit.pattern)
            .copied()
            .unwrap_or(false)
    }
}

/// Every full name and short form, for [`super::scan`].
pub(super) fn patterns() -> &'static [String] {
    &gazetteer().patterns
}

/// The gazetteer, built once.
pub(super) fn gazetteer() -> &'static Gazetteer {
    static GAZETTEER: OnceLock<Gazetteer> = OnceLock::new();
    GAZETTEER.get_or_init(Gazetteer::build)
}

/// Where words may start and end in a sentence: jieba's token edges, the
/// sentence's ends, and every change between CJK and other characters.
///
/// Asked only at the edges of lexicon hits, so each answer is worked out
/// when asked (two binary searches, two characters) rather than for every
/// byte of every sentence up front.
#[derive(Debug, Clone, Copy)]
pub(super) struct Boundaries<'a> {
    text: &'a str,
    /// In order and not overlapping, so their starts and ends are sorted.
    tokens: &'a [Token<'a>],
}

impl Boundaries<'_> {
    /// Whether byte offset `i` is a word boundary.
    pub(super) fn at(&self, i: usize) -> bool {
        let text = self.text;
        if i == 0 || i == text.len() {
            return true;
        }
        if i > text.len() || !text.is_char_boundary(i) {
            return false;
        }
        let tokens = self.tokens;
        if tokens.binary_search_by_key(&i, |t| t.start).is_ok()
            || tokens.binary_search_by_key(&i, |t| t.end).is_ok()
        {
            return true;
        }
        let before = text[..i].chars().next_back().is_some_and(is_cjk);
        let after = text[i..].chars().next().is_some_and(is_cjk);
        before != after
    }
}

/// The word boundaries of a sentence.
pub(super) fn word_boundaries<'a>(sentence: &SentenceView<'a>) -> Boundaries<'a> {
    Boundaries {
        text: sentence.text,
        tokens: sentence.tokens,
    }
}

/// Whether `c` is a CJK ideograph.
pub(super) fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

/// The byte ranges of the contents of 《…》 titles in a sentence.
pub(super) fn title_spans(text: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    // Most sentences cite no title; the search for 《 is a memchr.
    if !text.contains('《') {
        return spans;
    }
    let mut open: Option<usize> = None;
    let mut depth = 0usize;
    for (i, c) in text.char_indices() {
        match c {
            '《' => {
                if depth == 0 {
                    open = Some(i + c.len_utf8());
                }
                depth += 1;
            }
            '》' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    if let Some(s) = open.take() {
                        spans.push((s, i));
                    }
                }
            }
            _ => {}
        }
    }
    spans
}

/// Whether `start..end` lies within one of `spans`.
pub(super) fn inside_any(spans: &[(usize, usize)], start: usize, end: usize) -> bool {
    spans.iter().any(|&(s, e)| s <= start && end <= e)
}

/// Sites named after a place (凤凰机场, 玉龙水库, 浦江上山遗址…): the place
/// is part of the site's name, not a mention of its own (spec: 敦煌 inside
/// 敦煌壁画). Only short forms: a full name (永嘉县) names the place.
#[rustfmt::skip]
const SITE_WORDS: &[&str] = &[
    "机场", "国际机场", "水库", "遗址", "墓群", "古城", "古镇", "古港", "梯田", "核电", "大桥",
    "景区", "港", "站", "火车站", "高铁站", "码头", "窑", "石窟", "壁画",
];

/// Whether the text right after a place name makes it part of a site's name.
fn names_a_site(after: &str) -> bool {
    SITE_WORDS.iter().any(|w| after.starts_with(w))
}

/// “长阳创谷”: a county's short form that opens a quoted name is part of
/// that name.
fn opens_a_quoted_name(text: &str, hit: &RegionHit) -> bool {
    text[..hit.start].ends_with(['“', '"', '「'])
        && text[hit.end..].chars().next().is_some_and(is_cjk)
}

/// Words that may follow 中国 when it names the country: function words,
/// adverbs and verbs of a subject (中国愿同…, 中国将…, 中国的…).
#[rustfmt::skip]
const CHINA_FOLLOWERS: &[&str] = &[
    "的", "与", "和", "同", "及", "以及", "跟", "在", "是", "已", "已经", "将", "将会", "会",
    "愿", "愿意", "愿同", "为", "对", "向", "把", "也", "都", "还", "正", "正在", "仍",
    "仍然", "始终", "一直", "坚定", "坚定不移", "坚持", "致力于", "不", "没有", "从", "有",
    "拥有", "等", "之", "则", "就", "又", "更", "最", "作为", "成为", "境内", "境外",
    "大陆", "国内", "以外", "以内", "加入", "提出", "发布", "举办", "实现", "目前", "当前",
    "现在", "今天", "一道", "一起", "共同", "首次", "率先", "积极", "同样", "历来",
    "主张", "支持", "反对", "欢迎", "高度", "深化", "推动", "始终不渝",
];

/// Words before 中国 that make a slogan of it (数字中国, 美丽中国).
#[rustfmt::skip]
const CHINA_SLOGAN_HEADS: &[&str] = &[
    "数字", "美丽", "平安", "健康", "法治", "智慧", "书香", "网络", "文化", "体育",
    "交通", "质量", "教育", "科技", "海洋", "航天", "制造", "投资", "信用", "诚信",
    "幸福", "活力", "绿色", "人文", "创新", "智造", "品牌", "乡村", "魅力", "美好",
    "新时代", "现代",
];

/// 中国 as a fixed modifier rather than the place: followed directly by a
/// noun (中国式, 中国特色, 中国标准) or the head of a slogan (数字中国).
fn is_fixed_modifier(sentence: &SentenceView<'_>, hit: &RegionHit) -> bool {
    let text = sentence.text;
    if &text[hit.start..hit.end] != "中国" {
        return false;
    }
    let prev = sentence.tokens.iter().find(|t| t.end == hit.start);
    if prev.is_some_and(|t| CHINA_SLOGAN_HEADS.contains(&t.word)) {
        return true;
    }
    // 中国(上海)自由贸易试验区, 中国(温州)国际园林博览会: part of a name.
    static PAREN_NAME: OnceLock<regex::Regex> = OnceLock::new();
    let paren_name = PAREN_NAME
        .get_or_init(|| regex::Regex::new(r"^\([\p{Han}]{2,5}\)\p{Han}").expect("valid regex"));
    if paren_name.is_match(&text[hit.end..]) {
        return true;
    }
    let next = sentence.tokens.iter().find(|t| t.start == hit.end);
    match next {
        None => false,
        Some(t) => {
            let first = t.word.chars().next().unwrap_or(' ');
            if !is_cjk(first) {
                return false; // punctuation, a dash (中国—东盟), digits
            }
            !CHINA_FOLLOWERS.contains(&t.word)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::Segmenter;

    fn regions(text: &str) -> Vec<(String, String, Vec<String>)> {
        static SEG: OnceLock<Segmenter> = OnceLock::new();
        let seg = SEG.get_or_init(Segmenter::new);
        let text = crate::normalize::normalize_text(text);
        let tokens = seg.cut(&text);
        let view = SentenceView {
            text: &text,
            tokens: &tokens,
            hits: &LexiconHits::scan(&text),
            index: 0,
        };
        let mut out = Vec::new();
        RegionRecognizer::new().recognize(&view, &mut ArticleState::default(), &mut out);
        out.into_iter()
            .map(|m| (text[m.start..m.end].to_string(), m.name, m.aliases))
            .collect()
    }

    fn names(text: &str) -> Vec<String> {
        regions(text).into_iter().map(|(_, n, _)| n).collect()
    }

    #[test]
    fn full_names_and_short_forms_with_the_short_form_as_alias() {
        let found = regions("深圳作为我国数字经济重镇,与贵州省合作");
        assert_eq!(
            found[0],
            ("深圳".into(), "深圳市".into(), vec!["深圳".into()])
        );
        assert_eq!(found[1], ("贵州省".into(), "贵州省".into(), vec![]));
        assert_eq!(found.len(), 2, "我国 is deictic: {found:?}");
    }

    #[test]
    fn longest_name_wins_and_prefixed_districts_give_both() {
        assert_eq!(names("在江苏连云港"), ["江苏省", "连云港市"]);
        assert_eq!(
            names("在深圳南山区、福田区布局"),
            ["深圳市", "南山区", "福田区"]
        );
        assert_eq!(
            names("广东、江苏、浙江等地"),
            ["广东省", "江苏省", "浙江省"]
        );
    }

    #[test]
    fn macro_regions_and_zones() {
        assert_eq!(
            names("加大在长三角、成渝等区域布局"),
            ["长三角", "成渝地区双城经济圈"]
        );
        assert_eq!(
            names("依托河套深港科技创新合作区"),
            ["河套深港科技创新合作区"]
        );
        assert_eq!(names("建设粤港澳大湾区"), ["粤港澳大湾区"]);
        assert_eq!(
            names("推动深圳与香港高校合作"),
            ["深圳市", "香港特别行政区"]
        );
    }

    #[test]
    fn a_match_must_be_a_word_of_its_own() {
        assert!(names("提高要素配置效率").is_empty());
        assert!(names("推进全国统一大市场建设,各地区要落实").is_empty());
    }

    #[test]
    fn a_short_form_naming_a_site_is_not_a_region() {
        assert_eq!(names("嘉兴南湖机场、丽水机场建成投运"), ["嘉兴市"]);
        assert!(names("推进宣威水库建设").is_empty());
        assert!(names("上海杨浦区“长阳创谷”将老厂房改造")
            .iter()
            .all(|n| n != "长阳土家族自治县"));
        assert_eq!(names("永嘉县、苍南县调出"), ["永嘉县", "苍南县"]);
    }

    #[test]
    fn nothing_inside_titles() {
        assert!(names("《深圳经济特区数据条例》公布").is_empty());
        assert_eq!(names("深圳公布《深圳经济特区数据条例》"), ["深圳市"]);
    }

    #[test]
    fn china_as_modifier_is_not_a_region() {
        assert!(names("以中国式现代化全面推进中华民族伟大复兴").is_empty());
        assert!(names("坚持中国特色社会主义,推动中国标准与国际标准互认").is_empty());
        assert!(names("助力网络强国和数字中国建设").is_empty());
        assert_eq!(names("中国愿同国际社会一道"), ["中国"]);
        assert_eq!(names("在中国,数据要素"), ["中国"]);
        assert_eq!(names("中国的数字经济规模"), ["中国"]);
        assert!(names("积极申建中国(贵州)自由贸易试验区")
            .iter()
            .all(|n| n != "中国"));
    }

    #[test]
    fn boundaries_come_from_tokens_and_script_changes() {
        let text = "AI在深圳";
        let tokens = [
            crate::segment::Token {
                word: "AI",
                start: 0,
                end: 2,
            },
            crate::segment::Token {
                word: "在",
                start: 2,
                end: 5,
            },
            crate::segment::Token {
                word: "深圳",
                start: 5,
                end: 11,
            },
        ];
        let view = SentenceView {
            text,
            tokens: &tokens,
            hits: &LexiconHits::scan(text),
            index: 0,
        };
        let b = word_boundaries(&view);
        assert!(b.at(0) && b.at(2) && b.at(5) && b.at(11));
        assert!(!b.at(8) && !b.at(99));
    }

    #[test]
    fn boundaries_are_token_edges_and_script_changes_at_every_offset() {
        let seg = crate::segment::Segmenter::new();
        for text in [
            "推进5G网络和IPv6在深圳市的规模部署,AI+制造",
            "《数据安全法》第3条:ABC公司(北京)",
            "",
        ] {
            let tokens = seg.cut(text);
            let hits = LexiconHits::scan(text);
            let view = SentenceView {
                text,
                tokens: &tokens,
                hits: &hits,
                index: 0,
            };
            let b = word_boundaries(&view);
            // Every offset, the way the rule reads: token edges, ends, and
            // the start of a character whose script differs from the last.
            let mut want = vec![false; text.len() + 2];
            want[0] = true;
            want[text.len()] = true;
            for t in &tokens {
                want[t.start] = true;
                want[t.end] = true;
            }
            let chars: Vec<(usize, char)> = text.char_indices().collect();
            for w in chars.windows(2) {
                if is_cjk(w[0].1) != is_cjk(w[1].1) {
                    want[w[1].0] = true;
                }
            }
            for (i, &w) in want.iter().enumerate() {
                assert_eq!(b.at(i), w, "{text:?} at {i}");
            }
        }
    }

    #[test]
    fn title_spans_cover_the_contents() {
        let t = "《甲》和《乙《丙》》";
        let spans = title_spans(t);
        assert_eq!(spans.len(), 2);
        assert_eq!(&t[spans[0].0..spans[0].1], "甲");
        assert_eq!(&t[spans[1].0..spans[1].1], "乙《丙》");
    }
}
