//! The `concept` recognizer and the ranking of an article's concepts.
//!
//! A concept is a domain term of the policy discourse (数据要素, 新质生产力,
//! 工业互联网平台). Two sources propose them:
//!
//! 1. the curated lexicon `data/lexicon/concepts.txt`, matched on word
//!    boundaries;
//! 2. noun-phrase compounds of jieba words that end in a head noun of the
//!    discourse (产业, 平台, 体系, 基础设施 …): 农产品流通大数据平台,
//!    文旅产业数字化转型. Their modifiers must be content words: not in
//!    `stopwords.txt` (verbs, function words, vague words), not a place or
//!    organization name, not a number.
//!
//! Neither source decides salience: [`ConceptRecognizer::rank`] orders an
//! article's concepts by frequency × specificity, so a compound seen once
//! sinks below the lexicon terms the article keeps returning to.

use std::sync::OnceLock;

use compact_str::CompactString;

use super::scan::{self, Lexicon, LexiconHits};
use super::{ArticleState, EntityKind, Mention, Recognizer, SentenceView};
use crate::lexicon;
use crate::normalize::normalize_name;

// Fx hashing: these sets are probed for every word of every sentence, and
// their keys are lexicon entries, not input an attacker could choose.
type HashMap<K, V> = rustc_hash::FxHashMap<K, V>;
type HashSet<K> = rustc_hash::FxHashSet<K>;

/// Word classes, bits of [`ConceptRecognizer::classes`].
const HEAD: u8 = 1;
const LEXICON: u8 = 2;
const STOP: u8 = 4;
const TAKEN: u8 = 8;

/// Words that end a domain noun phrase. Kept short and specific: a generic
/// head (工作, 问题, 方面) would turn every phrase into a "concept".
const HEADS: &[&str] = &[
    "产业",
    "经济",
    "平台",
    "体系",
    "市场",
    "技术",
    "数据",
    "基础设施",
    "设施",
    "集群",
    "模式",
    "场景",
    "服务",
    "能力",
    "机制",
    "制度",
    "生态",
    "系统",
    "生态系统",
    "网络",
    "工厂",
    "要素",
    "资源",
    "资产",
    "产品",
    "安全",
    "治理",
    "转型",
    "空间",
    "业态",
    "产业链",
    "供应链",
    "价值链",
    "品牌",
    "消费",
    "创新",
    "融合",
    "终端",
    "装备",
    "金融",
    "贸易",
    "政务",
    "标准",
    "效应",
    "韧性",
    "算力",
    "人才",
    "模型",
    "大模型",
    "算法",
    "芯片",
    "软件",
    "机器人",
    "互联网",
    "电商",
    "企业",
    "制造",
    "制造业",
    "服务业",
    "农业",
    "文旅",
    "物流",
    "能源",
    "应用",
    "技能",
    "素养",
    "赛道",
    "园区",
    "动能",
];

/// Lexicon terms ending so are processes said of something (未来产业高质量
/// 发展 is "the future industries' high-quality development"), so they do
/// not end a compound.
const PREDICATE_ENDS: &[&str] = &["发展", "升级"];

/// Heads that are also verbs: a compound does not start with one, since
/// there it governs an object (服务数字中国, 创新数字金融).
const VERBAL_HEADS: &[&str] = &[
    "服务", "创新", "融合", "治理", "应用", "转型", "制造", "消费", "安全",
];
/// Other content words that act as verbs at the start of a phrase.
const VERBAL_STARTS: &[&str] = &[
    "管理", "运营", "监管", "共享", "开放", "激励", "配置", "定位", "保护", "支付", "采集", "分配",
    "管控", "链接", "升级", "交换", "识别",
];

/// Most words in a compound; longer runs are lists, not terms.
const MAX_COMPOUND_WORDS: usize = 4;
/// Most characters in a compound.
const MAX_COMPOUND_CHARS: usize = 12;

/// Weight of a compound occurrence relative to a lexicon term's.
const COMPOUND_WEIGHT: f64 = 0.45;
/// Weight of an occurrence inside a longer concept (数据要素 in
/// 数据要素市场): the shorter term is still being talked about.
const NESTED_WEIGHT: f64 = 0.5;
/// Specificity gained per character beyond two (up to eight): 数据要素市场化
/// 配置 says more about an article than 算法.
const LENGTH_WEIGHT: f64 = 0.15;
/// Boost for the lexicon's core concepts: an indexer names 全要素生产率 as a
/// key concept of an article that mentions it once, not 未来材料.
const CORE_BOOST: f64 = 1.3;
/// Weight of a concept that occurs in every article of the reference
/// corpus, relative to a rare one.
const IDF_FLOOR: f64 = 0.85;
/// Boost for concepts of the article's first sentence (its title, when the
/// article has one, or its lead).
const LEAD_BOOST: f64 = 1.5;

/// Finds domain concepts: lexicon terms and head-noun compounds.
#[derive(Debug)]
pub struct ConceptRecognizer {
    /// The lexicon's terms, searched for by [`super::scan`]; its sets.
    lexicon: &'static ConceptLexicon,
    /// Every head, lexicon term, stopword and name of another kind (never
    /// a concept, never a modifier in a compound), with the bits of what it
    /// is: one probe per word instead of four.
    ///
    /// Keys are inline strings (up to 24 bytes, eight Chinese
    /// characters): probed for every word, a `String` key's bytes sat in
    /// another cache line than its slot, and that miss was most of the cost.
    classes: HashMap<CompactString, u8>,
    /// Document frequency of concepts in the reference corpus, and the
    /// number of its articles.
    df: HashMap<String, u32>,
    articles: u32,
}

/// The bundled concept lexicon and stopwords, read once for all
/// recognizers and for [`super::scan`].
#[derive(Debug)]
struct ConceptLexicon {
    /// Terms in lexicon order, stopwords and one-character entries left out.
    terms: Vec<String>,
    terms_set: HashSet<String>,
    /// Terms marked `core`: the central concepts of the discourse.
    core: HashSet<String>,
    stopwords: HashSet<String>,
}

fn concept_lexicon() -> &'static ConceptLexicon {
    static LEXICON: OnceLock<ConceptLexicon> = OnceLock::new();
    LEXICON.get_or_init(|| {
        let stopwords: HashSet<String> = lexicon::STOPWORDS
            .words()
            .unwrap_or_default()
            .into_iter()
            .map(normalize_name)
            .collect();
        let mut terms: Vec<String> = Vec::new();
        let mut terms_set = HashSet::default();
        let mut core = HashSet::default();
        let rows = lexicon::parse_rows(lexicon::CONCEPTS.name, lexicon::CONCEPTS.text, false, 1);
        for row in rows.unwrap_or_default() {
            let w = normalize_name(row.get(0));
            if w.chars().count() < 2 || stopwords.contains(&w) {
                continue;
            }
            if row.get(1) == "core" {
                core.insert(w.clone());
            }
            if terms_set.insert(w.clone()) {
                terms.push(w);
            }
        }
        ConceptLexicon {
            terms,
            terms_set,
            core,
            stopwords,
        }
    })
}

/// The lexicon's terms, for [`super::scan`].
pub(super) fn patterns() -> &'static [String] {
    &concept_lexicon().terms
}

impl Default for ConceptRecognizer {
    fn default() -> Self {
        Self::new()
    }
}

impl ConceptRecognizer {
    /// A recognizer with the bundled concept lexicon and stopwords.
    pub fn new() -> Self {
        let ConceptLexicon {
            terms_set,
            stopwords,
            ..
        } = concept_lexicon();
        scan::warm_up();
        let mut taken = HashSet::default();
        if let Ok(rows) = lexicon::REGIONS.rows(1) {
            for row in rows {
                taken.insert(normalize_name(row.get(0)));
                for s in row.list(3) {
                    taken.insert(normalize_name(s));
                }
            }
        }
        taken.extend(lexicon::entity_names().map(normalize_name));
        let mut df = HashMap::default();
        let mut articles = 1;
        if let Ok(rows) = lexicon::CONCEPT_DF.rows(2) {
            for row in rows {
                let n = row.get(1).parse::<u32>().unwrap_or(0);
                if row.get(0) == "*" {
                    articles = n.max(1);
                } else {
                    df.insert(row.get(0).to_string(), n);
                }
            }
        }
        let mut classes: HashMap<CompactString, u8> = HashMap::default();
        for (set, bit) in [(terms_set, LEXICON), (stopwords, STOP), (&taken, TAKEN)] {
            for w in set.iter() {
                *classes.entry(CompactString::from(w.as_str())).or_default() |= bit;
            }
        }
        for w in HEADS {
            *classes.entry(CompactString::from(*w)).or_default() |= HEAD;
        }
        // A lexicon concept that is also another kind's name stays a
        // candidate: overlap resolution lets the more specific kind win.
        ConceptRecognizer {
            lexicon: concept_lexicon(),
            classes,
            df,
            articles,
        }
    }

    /// Whether `name` is a term of the bundled lexicon.
    pub fn is_lexicon_term(&self, name: &str) -> bool {
        self.lexicon.terms_set.contains(name)
    }

    /// Whether `word` is listed in `stopwords.txt`.
    pub fn is_stopword(&self, word: &str) -> bool {
        self.lexicon.stopwords.contains(word)
    }

    /// Ranks the concepts of an article's sentences, most salient first.
    ///
    /// A name scores `ln(1 + tf) × specificity × boosts × rarity`:
    ///
    /// - `tf` counts an occurrence 1 for a lexicon term and
    ///   [`COMPOUND_WEIGHT`] for a compound (less certain to be a term),
    ///   plus [`NESTED_WEIGHT`] for each occurrence inside a longer concept
    ///   (数据要素 in 数据要素市场), C-value style: see below;
    /// - specificity grows with length ([`LENGTH_WEIGHT`] a character);
    /// - concepts of the first sentence (the title when the article has
    ///   one, else the lead) get [`LEAD_BOOST`], and the lexicon's `core`
    ///   terms [`CORE_BOOST`];
    /// - rarity is the concept's inverse document frequency over the
    ///   reference corpus (`concept_df.tsv`), floored at [`IDF_FLOOR`], so
    ///   umbrella terms every article uses (数字技术) sink a little.
    ///
    /// Lexicon terms that only occur inside longer concepts are ranked too
    /// (实体经济 in 实体经济数字化转型), so the list is every concept the
    /// article talks about, not only the spans the graph keeps.
    pub fn rank(&self, sentences: &[Vec<Mention>]) -> Vec<String> {
        let mut own: HashMap<&str, f64> = HashMap::default();
        let mut lead: HashSet<&str> = HashSet::default();
        for (i, sentence) in sentences.iter().enumerate() {
            for m in sentence {
                if m.kind != EntityKind::Concept {
                    continue;
                }
                *own.entry(m.name.as_str()).or_default() += 1.0;
                if i == 0 {
                    lead.insert(m.name.as_str());
                }
            }
        }
        // Occurrences inside longer concepts: lexicon terms inside any name,
        // and shorter names inside longer ones. term -> (containing name,
        // its count), for every longer concept that contains the term.
        let mut parents: HashMap<&str, Vec<(&str, f64)>> = HashMap::default();
        let mut found = LexiconHits::default();
        // Only a substring as long as some name can be one: most lookups
        // are skipped without hashing.
        let lengths = ByteLengths::of(own.keys().copied());
        let mut bounds: Vec<usize> = Vec::new();
        let mut inside: HashSet<&str> = HashSet::default();
        for (&name, &count) in &own {
            found.rescan(name);
            for m in found.of(Lexicon::Concept) {
                let Some(term) = self.lexicon.terms.get(m.pattern) else {
                    continue;
                };
                if term.len() < name.len() {
                    inside.insert(term.as_str());
                }
            }
            // Every shorter name found inside this one, by looking up each
            // of its proper substrings: linear in the number of names, where
            // testing every pair was quadratic and dominated long articles.
            bounds.clear();
            bounds.extend(name.char_indices().map(|(i, _)| i));
            bounds.push(name.len());
            for (a, &from) in bounds.iter().enumerate() {
                for &to in &bounds[a + 1..] {
                    if to - from == name.len() {
                        break;
                    }
                    if !lengths.may_hold(to - from) {
                        continue;
                    }
                    if let Some((&other, _)) = own.get_key_value(&name[from..to]) {
                        inside.insert(other);
                    }
                }
            }
            for term in inside.drain() {
                parents.entry(term).or_default().push((name, count));
            }
        }
        // As in C-value term extraction, a term seen only inside one longer
        // lexicon term that narrows it (信息基础设施 in 新型信息基础设施) is
        // part of that term, not a concept of its own. It is one when it
        // occurs inside several different terms (公共数据 in 公共数据开放,
        // 公共数据授权运营 …), inside a compound (数智化转型 in 轻工业数智化
        // 转型), or as the modifier of a longer term's head (数字孪生 in
        // 数字孪生技术: the article is about digital twins).
        let mut nested: HashMap<&str, f64> = HashMap::default();
        for (&term, list) in &parents {
            let independent = list.len() >= 2;
            let credit: f64 = list
                .iter()
                .filter(|(p, _)| {
                    independent || !self.lexicon.terms_set.contains(*p) || p.starts_with(term)
                })
                .map(|(_, c)| c)
                .sum();
            if credit > 0.0 {
                nested.insert(term, credit);
            }
        }
        let names: HashSet<&str> = own.keys().chain(nested.keys()).copied().collect();
        let mut ranked: Vec<(&str, f64)> = names
            .into_iter()
            .map(|name| {
                let weight = if self.lexicon.terms_set.contains(name) {
                    1.0
                } else {
                    COMPOUND_WEIGHT
                };
                let tf = weight * own.get(name).copied().unwrap_or_default()
                    + NESTED_WEIGHT * nested.get(name).copied().unwrap_or_default();
                let chars = name.chars().count() as f64;
                let specificity = 1.0 + LENGTH_WEIGHT * (chars - 2.0).clamp(0.0, 6.0);
                let mut boost = if lead.contains(name) { LEAD_BOOST } else { 1.0 };
                if self.lexicon.core.contains(name) {
                    boost *= CORE_BOOST;
                }
                (name, tf.ln_1p() * specificity * boost * self.rarity(name))
            })
            .collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(b.0)));
        ranked.into_iter().map(|(n, _)| n.to_string()).collect()
    }

    /// How rare a concept is across the reference corpus, in (0, 1]:
    /// 1 for a concept of at most one article, IDF_FLOOR for one of every
    /// article. Umbrella terms (数字技术, 高质量发展) every article mentions
    /// say less about any one of them.
    fn rarity(&self, name: &str) -> f64 {
        let n = f64::from(self.articles);
        let df = f64::from(self.df.get(name).copied().unwrap_or(1).max(1));
        let idf = ((n + 1.0) / (df + 1.0)).ln() / ((n + 1.0) / 2.0).ln().max(f64::EPSILON);
        IDF_FLOOR + (1.0 - IDF_FLOOR) * idf.clamp(0.0, 1.0)
    }

    /// The [`ConceptRecognizer::classes`] bits of `word`.
    fn class(&self, word: &str) -> u8 {
        self.classes.get(word).copied().unwrap_or(0)
    }

    /// Whether a word of class `class` may stand inside a compound noun
    /// phrase. Never one of a single character (push_compounds relies on
    /// it).
    fn is_content_word(&self, word: &str, class: u8) -> bool {
        if class & (HEAD | LEXICON) != 0 {
            return true;
        }
        if class & (STOP | TAKEN) != 0 {
            return false;
        }
        // Only ASCII terms and words of ideographs qualify, and their
        // lengths follow from their byte lengths: one byte an ASCII
        // character, three an ideograph of the ranges `is_han` accepts.
        let ascii_term = word.bytes().all(|b| b.is_ascii_alphanumeric())
            && word.bytes().any(|b| b.is_ascii_alphabetic());
        if ascii_term {
            // 5G, AI, IPv6: short technical tokens, not English prose.
            return (2..=5).contains(&word.len());
        }
        if !word.chars().all(is_han) {
            return false;
        }
        let chars = word.len() / 3;
        if chars < 2 || is_quantity(word) {
            return false;
        }
        // jieba keeps some phrases whole (全面实现, 不断丰富, 依赖于): a word
        // that opens with a stopword or ends in 于 is a predicate.
        if chars >= 3 {
            let prefix = word.char_indices().nth(2).map_or(word, |(i, _)| &word[..i]);
            if self.class(prefix) & STOP != 0 || word.ends_with('于') {
                return false;
            }
        }
        true
    }

    /// Whether `word` would be a verb at the start of a compound.
    fn is_verbal_start(&self, word: &str) -> bool {
        VERBAL_HEADS.contains(&word) || VERBAL_STARTS.contains(&word)
    }

    /// Whether a word of class `class` may end a compound.
    fn is_head(&self, word: &str, class: u8) -> bool {
        class & HEAD != 0
            || (class & LEXICON != 0 && !PREDICATE_ENDS.iter().any(|e| word.ends_with(e)))
    }

    fn is_acceptable(&self, name: &str, class: u8) -> bool {
        name.chars().nth(1).is_some() && class & (STOP | TAKEN) == 0
    }

    fn push_lexicon_matches(&self, sentence: &SentenceView<'_>, out: &mut Vec<Mention>) {
        // Tokens are in order and tile the sentence, so their starts and
        // ends are sorted: a binary search beats hashing every offset.
        let tokens = sentence.tokens;
        let starts_at = |i: usize| tokens.binary_search_by_key(&i, |t| t.start).is_ok();
        let ends_at = |i: usize| tokens.binary_search_by_key(&i, |t| t.end).is_ok();
        for m in sentence.hits.of(Lexicon::Concept) {
            let Some(name) = self.lexicon.terms.get(m.pattern) else {
                continue;
            };
            // A two-character term must be a word of its own: 链主 is not in
            // 产业链主体. Longer terms are distinctive enough anywhere.
            if name.chars().nth(2).is_none() && !(starts_at(m.start) && ends_at(m.end)) {
                continue;
            }
            out.push(Mention::new(
                EntityKind::Concept,
                name.clone(),
                m.start,
                m.end,
            ));
        }
    }

    fn push_compounds(&self, sentence: &SentenceView<'_>, out: &mut Vec<Mention>) {
        let tokens = sentence.tokens;
        let mut run_start = 0;
        for j in 0..tokens.len() {
            let word = tokens[j].word;
            // A one-character word is never a content word (heads and
            // lexicon terms have two or more): the class table, the
            // costliest probe of this loop, need not be asked.
            if word.chars().nth(1).is_none() {
                run_start = j + 1;
                continue;
            }
            let class = self.class(word);
            if !self.is_content_word(word, class) {
                run_start = j + 1;
                continue;
            }
            if !self.is_head(word, class) {
                continue;
            }
            let mut i = run_start.max((j + 1).saturating_sub(MAX_COMPOUND_WORDS));
            while i < j && self.is_verbal_start(tokens[i].word) {
                i += 1;
            }
            while i < j {
                let (start, end) = (tokens[i].start, tokens[j].end);
                let Some(name) = sentence.text.get(start..end) else {
                    break;
                };
                if name.chars().count() > MAX_COMPOUND_CHARS {
                    i += 1;
                    continue;
                }
                let class = self.class(name);
                if self.is_acceptable(name, class) {
                    if class & LEXICON == 0 {
                        out.push(Mention::new(EntityKind::Concept, name, start, end));
                    }
                    break;
                }
                i += 1;
            }
        }
    }
}

fn is_han(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}')
}

fn is_numeral(c: char) -> bool {
    const NUMERALS: [char; 18] = [
        '〇', '零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '百', '千', '万',
        '亿', '两', '几',
    ];
    NUMERALS.contains(&c)
}

/// A number word: 二十, 万余家, 三大, 百余个.
fn is_quantity(word: &str) -> bool {
    let Some(last) = word.chars().last() else {
        return false;
    };
    let numerals = word.chars().filter(|&c| is_numeral(c)).count();
    numerals == word.chars().count()
        || (numerals > 0
            && (word.contains(['余', '多', '第'])
                || "家个项条种批次名位所座台套件年月日元大类".contains(last)))
}

impl Recognizer for ConceptRecognizer {
    fn kind(&self) -> EntityKind {
        EntityKind::Concept
    }

    fn recognize(
        &self,
        sentence: &SentenceView<'_>,
        _state: &mut ArticleState,
        out: &mut Vec<Mention>,
    ) {
        self.push_lexicon_matches(sentence, out);
        self.push_compounds(sentence, out);
    }
}

/// Which byte lengths a set of names has: a bit per length below 128,
/// longer lengths always "may be held".
struct ByteLengths(u128);

impl ByteLengths {
    fn of<'a>(names: impl Iterator<Item = &'a str>) -> ByteLengths {
        ByteLengths(
            names
                .filter(|n| n.len() < 128)
                .fold(0, |bits, n| bits | 1 << n.len()),
        )
    }

    fn may_hold(&self, len: usize) -> bool {
        len >= 128 || self.0 & 1 << len != 0
    }
}

#[cfg(test)]
mod tests {
    use std::sync::OnceLock;

    use super::*;
    use crate::segment::Segmenter;

    fn shared() -> &'static (Segmenter, ConceptRecognizer) {
        static SHARED: OnceLock<(Segmenter, ConceptRecognizer)> = OnceLock::new();
        SHARED.get_or_init(|| (Segmenter::new(), ConceptRecognizer::new()))
    }

    #[test]
    fn han_characters_are_three_bytes() {
        // is_content_word reads a word's length off its byte length.
        for c in ['\u{3400}', '\u{4dbf}', '\u{4e00}', '\u{9fff}'] {
            assert!(is_han(c));
            assert_eq!(c.len_utf8(), 3);
        }
        assert!(!is_han('\u{20000}'));
    }

    /// The concepts the extractor would keep: longest non-overlapping spans.
    fn concepts(text: &str) -> Vec<String> {
        let (seg, recognizer) = shared();
        let tokens = seg.cut(text);
        let view = SentenceView {
            text,
            tokens: &tokens,
            hits: &LexiconHits::scan(text),
            index: 0,
        };
        let mut out = Vec::new();
        recognizer.recognize(&view, &mut ArticleState::default(), &mut out);
        for m in &out {
            assert_eq!(
                text.get(m.start..m.end).map(normalize_name),
                Some(m.name.clone())
            );
        }
        out.sort_by_key(|m| std::cmp::Reverse(m.end - m.start));
        let mut kept: Vec<Mention> = Vec::new();
        for m in out {
            if !kept.iter().any(|k| m.start < k.end && k.start < m.end) {
                kept.push(m);
            }
        }
        kept.sort_by_key(|m| m.start);
        kept.into_iter().map(|m| m.name).collect()
    }

    fn rank(sentences: &[&[&str]]) -> Vec<String> {
        let sentences: Vec<Vec<Mention>> = sentences
            .iter()
            .map(|names| {
                names
                    .iter()
                    .map(|n| Mention::new(EntityKind::Concept, *n, 0, n.len()))
                    .collect()
            })
            .collect();
        shared().1.rank(&sentences)
    }

    #[test]
    fn byte_lengths_answer_for_every_length() {
        let long = "数".repeat(50);
        let lengths = ByteLengths::of(["数据", "数据要素", long.as_str()].into_iter());
        for len in 0..200 {
            assert_eq!(
                lengths.may_hold(len),
                len == 6 || len == 12 || len >= 128,
                "{len}"
            );
        }
    }

    #[test]
    fn no_single_character_is_a_content_word() {
        // push_compounds skips one-character words without asking.
        let (_, recognizer) = shared();
        assert!(HEADS.iter().all(|h| h.chars().count() >= 2));
        assert!(recognizer
            .lexicon
            .terms
            .iter()
            .all(|t| t.chars().count() >= 2));
        for word in ["的", "数", "A", "5", "化", ","] {
            assert!(!recognizer.is_content_word(word, recognizer.class(word)));
        }
    }

    #[test]
    fn lexicon_terms_are_found() {
        assert_eq!(
            concepts("充分发挥数据要素作用,发展新质生产力"),
            ["数据要素", "新质生产力"]
        );
        assert_eq!(concepts("加快发展数字经济"), ["数字经济"]);
        assert_eq!(concepts("推进数实融合"), ["数实融合"]);
    }

    #[test]
    fn compounds_end_in_a_head_noun() {
        assert_eq!(
            concepts("建设农产品流通大数据平台"),
            ["农产品流通大数据平台"]
        );
        assert_eq!(concepts("推进文旅产业数字化转型"), ["文旅产业数字化转型"]);
        assert_eq!(concepts("完善乡村数字基础设施"), ["乡村数字基础设施"]);
        assert_eq!(concepts("构建数字时代信任体系"), ["数字时代信任体系"]);
        assert_eq!(concepts("部署IPv6网络"), ["IPv6网络"]);
    }

    #[test]
    fn verbs_vague_words_and_places_do_not_join_compounds() {
        // 推动 is a verb, 深圳 a place, 发展 a vague word.
        assert_eq!(concepts("推动深圳数字经济发展"), ["数字经济"]);
        assert_eq!(concepts("我国数字经济规模"), ["数字经济规模"]);
        assert!(concepts("进一步解决重要问题").is_empty());
        // Verbs the dictionary tags as such, and heads used as verbs.
        assert_eq!(concepts("压实电子印章管理责任"), ["电子印章"]);
        assert_eq!(concepts("更好服务数字中国建设"), ["数字中国"]);
        assert_eq!(concepts("全面实现数字化转型"), ["数字化转型"]);
    }

    #[test]
    fn numbers_do_not_join_compounds() {
        assert_eq!(concepts("累计建成万余家智能工厂"), ["智能工厂"]);
    }

    #[test]
    fn processes_do_not_end_compounds() {
        // "the future industries' high-quality development" is no term.
        assert_eq!(
            concepts("推动未来产业高质量发展"),
            ["未来产业", "高质量发展"]
        );
    }

    #[test]
    fn short_terms_must_be_whole_words() {
        assert!(!concepts("完善产业链主体责任").contains(&"链主".to_string()));
        assert_eq!(concepts("发挥链主企业作用"), ["链主企业"]);
    }

    #[test]
    fn no_stopword_or_single_character_is_a_concept() {
        for text in ["一方面要推动发展,另一方面要解决问题", "进一步发挥重要作用"]
        {
            for c in concepts(text) {
                assert!(c.chars().count() > 1 && !shared().1.is_stopword(&c), "{c}");
            }
        }
    }

    #[test]
    fn ranking_prefers_frequent_lexicon_terms_over_one_off_compounds() {
        let ranked = rank(&[
            &["数据要素"],
            &["数据要素", "某某平台"],
            &["数据要素市场"],
            &["算力"],
        ]);
        assert_eq!(ranked[0], "数据要素");
        assert_eq!(ranked.last().map(String::as_str), Some("某某平台"));
    }

    #[test]
    fn nested_terms_count_unless_a_longer_term_narrows_them() {
        let ranked = rank(&[
            &[],
            &["新型信息基础设施"],
            &["新型信息基础设施", "数字孪生技术"],
            &["数字孪生技术"],
        ]);
        // 数字孪生技术 is about 数字孪生; 信息基础设施 is only ever part of
        // the narrower 新型信息基础设施.
        assert!(ranked.contains(&"数字孪生".to_string()), "{ranked:?}");
        assert!(!ranked.contains(&"信息基础设施".to_string()), "{ranked:?}");
    }

    #[test]
    fn core_concepts_and_the_lead_come_first() {
        assert_eq!(rank(&[&[], &["未来材料"], &["隐私计算"]])[0], "隐私计算");
        assert_eq!(rank(&[&["未来材料"], &["隐私计算"]])[0], "未来材料");
    }
}
