//! The `policy` recognizer.
//!
//! A policy is a named official document (spec: `policy`). It is found in
//! four ways:
//!
//! 1. **Titles in 《》 or 〈〉.** A title is a policy when it ends with a
//!    document-type word (法, 条例, 办法, 规划, 意见, 通知, 决定, 协定 …),
//!    possibly followed by a version or status suffix ((2023—2024年), 2.0,
//!    (试行), (草案)), or when the lexicon knows it (《中国制造2025》).
//!    Books, films, classics and newspapers rarely end with such a word;
//!    the few that do are in a stop list. A title naming national organs
//!    (中共中央 国务院关于……的意见) is named by its 关于 part, the full title
//!    kept as an alias, so that both spellings meet in one node.
//! 2. **Definitions** right after a title, `(以下简称《办法》)`, `(简称“Y”)`,
//!    `(下称《Y》)`: Y is remembered in [`ArticleState::aliases`] for the
//!    rest of the article and resolves to the title; it is never a global
//!    alias. A bare short title (《办法》, 《意见》) with no definition
//!    resolves to the article's latest policy of that type.
//! 3. **The lexicon** `policies.tsv`: well-known documents and their
//!    nicknames (数据二十条, 十四五规划, 政府工作报告, 2025年中央一号文件) found
//!    unquoted; national laws, whose 《X法》 becomes 中华人民共和国X法.
//! 4. **Bare law names** in legal style (依公司法设立): only lexicon law
//!    names, named as written, since a bare citation does not say whose
//!    law it is — unless the article has already cited the full title.

use std::collections::HashMap;
use std::sync::OnceLock;

use regex::Regex;

use super::scan::{self, Lexicon};
use super::{ArticleState, EntityKind, Mention, Recognizer, SentenceView};
use crate::lexicon;
use crate::normalize::normalize_name;

/// Prefix of the keys in [`ArticleState::aliases`] that remember the
/// article's latest policy of a document type (`办法`, `意见` …), for bare
/// short titles such as 《意见》. The NUL keeps them from ever matching text.
const LATEST_KEY: &str = "\u{0}policy-latest:";

/// The People's Republic prefix of national laws and regulations.
const PRC: &str = "中华人民共和国";

/// Document-type words a policy title ends with, longest first where one
/// ends another. `法` and `报告` have extra checks (see [`is_policy_title`]).
const DOC_TYPES: &[&str] = &[
    "条例",
    "规定",
    "办法",
    "细则",
    "规则",
    "规程",
    "规划",
    "纲要",
    "方案",
    "计划",
    "意见",
    "通知",
    "通告",
    "公告",
    "决定",
    "决议",
    "指南",
    "指引",
    "目录",
    "规范",
    "要求",
    "标准",
    "公报",
    "建议",
    "措施",
    "清单",
    "协定",
    "公约",
    "条约",
    "议定书",
    "宪法",
    "法典",
    "章程",
    "准则",
    "守则",
    "导则",
    "要点",
    "批复",
    "倡议",
    "联合声明",
    "宣言",
    "的函",
    "报告",
    "法",
    "战略",
    "政策",
    "制度",
];

/// Titles made only of these words (with the modifiers of [`generic_re`])
/// name no document by themselves: 《办法》 is whatever the article calls so.
const GENERIC_TYPES: &[&str] = &[
    "法", "条例", "规定", "办法", "细则", "规则", "规划", "纲要", "方案", "计划", "意见", "通知",
    "决定", "决议", "指南", "指引", "目录", "规范", "要求", "标准", "公报", "建议", "措施", "清单",
    "协定", "公约", "报告", "要点", "战略", "政策", "制度", "章程", "准则",
];

/// Titles that end like a document but are books, classics, films or
/// works of art (compared after [`normalize_name`]).
const STOP_TITLES: &[&str] = &[
    "孙子兵法",
    "兵法",
    "共产党宣言",
    "独立宣言",
    "国富论",
    "资本论",
    "竞争战略",
    "货币政策",
    "求是",
    "人民日报",
    "山海经",
    "黑神话:悟空",
    "论语",
    "道德经",
    "史记",
];

/// Words ending in 法 that are not laws: 方法, 做法, 书法 ….
const NOT_LAW_ENDINGS: &[&str] = &[
    "方法", "做法", "看法", "想法", "说法", "写法", "手法", "兵法", "书法", "画法", "魔法", "算法",
    "技法", "语法", "用法", "疗法", "戏法", "心法", "功法", "笔法", "章法", "司法", "执法", "立法",
    "违法", "守法", "普法", "依法", "大法",
];

/// Markers of an official report (政府工作报告, 统计公报, 计划执行情况的报告);
/// other titles ending in 报告 are studies or books.
const OFFICIAL_REPORT_MARKERS: &[&str] = &[
    "政府工作报告",
    "工作报告",
    "统计",
    "执行情况",
    "审计",
    "党的",
    "代表大会上的报告",
];

/// Characters after a bare law name that show it is part of another word:
/// 公司法人, 统计法规, 公司法定代表人.
const LAW_BLOCKING_NEXT: &[char] = &[
    '人', '规', '律', '院', '官', '理', '治', '制', '务', '定', '学', '则', '案', '典', '令', '条',
    '庭', '宝',
];

/// Modifiers a short generic title may carry (实施意见, 管理办法 …).
fn generic_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        let types = GENERIC_TYPES.join("|");
        Regex::new(&format!(
            "^(?:实施|指导|工作|管理|若干|行动|总体|专项|三年|发展|暂行|试行|具体|配套|有关|相关|本)*(?:{types})$"
        ))
        .expect("valid regex")
    })
}

/// A title in 《》 or 〈〉 (不 nested: the inner 〈〉 of a 《》 title is found
/// too, and loses to the longer outer span).
fn title_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new("《([^《》\n]{1,150})》|〈([^〈〉\n]{1,150})〉").expect("valid regex")
    })
}

/// An alias definition right after a title: `(以下简称《办法》)`,
/// `,简称“Y”`, `(下称Y)`.
fn definition_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r#"^\s*[(,]?\s*(?:以下简称为|以下简称|以下称为|以下称|下称|简称)\s*:?\s*(?:《([^《》]{1,30})》|〈([^〈〉]{1,30})〉|[“"「]([^”"」]{1,30})[”"」]|([\p{Han}A-Za-z0-9+×]{1,16})\s*\))"#,
        )
        .expect("valid regex")
    })
}

/// Version and status suffixes after the document type: (2023—2024年),
/// (试行), (草案), (2024年版), 2.0, V2.0.
fn suffix_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?:\s*\([^()]{1,24}\)|\s*[Vv]?\d+(?:\.\d+)+|\s*\d{4}年?版?|\s*\d{4}年本)$")
            .expect("valid regex")
    })
}

/// A law cited in legal style without 《》: a citing verb, the law's name,
/// then an article number or 规定/之限制 (不受国有财产法之限制, 依所得税法
/// 第七十一条). Both anchors are needed: 依法 or 按照……办法 alone say
/// nothing about a law's name.
fn legal_citation_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?:依据|依照|按照|适用|准用|不受|违反|依)(\p{Han}{2,12}?(?:法|条例))(?:第[一二三四五六七八九十百零〇0-9]+条|之?有关规定|之?规定|之限制)",
        )
        .expect("valid regex")
    })
}

/// National organs whose documents are named by their 关于 part.
fn national_organs_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"^(?:(?:中共中央办公厅|国务院办公厅|中共中央|中华人民共和国国务院|国务院|全国人民代表大会常务委员会|全国人民代表大会|全国人大常委会|中央军事委员会|中央军委)[\s、]*)+(关于.+)$",
        )
        .expect("valid regex")
    })
}

/// Any issuing body before 关于 (浙江省人民政府关于…, 中共浙江省委关于…).
fn local_organs_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"^[\p{Han}\s、]{2,40}?(?:委员会|人民政府|政府|办公厅|办公室|省委|市委|县委|党委|总局|总署|中央|部|局|委|厅|署|院|行)[\s、]*(关于\p{Han}.+)$",
        )
        .expect("valid regex")
    })
}

/// One document of the lexicon.
#[derive(Debug, Clone)]
struct Entry {
    name: String,
    aliases: Vec<String>,
}

/// What a bare (unbracketed) lexicon match stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Bare {
    /// A full name or a nickname: the entry's canonical name.
    Name(usize),
    /// A short law name (数据安全法, 公司法): named as written unless the
    /// article has tied it to a full title.
    Law,
}

/// Finds `policy` mentions.
#[derive(Debug)]
pub struct PolicyRecognizer {
    lexicon: &'static PolicyLexicon,
}

/// The lexicon's tables, built once for all recognizers and for
/// [`super::scan`].
#[derive(Debug)]
struct PolicyLexicon {
    entries: Vec<Entry>,
    /// Normalized name or alias → entry.
    index: HashMap<String, usize>,
    /// Unbracketed matcher over the lexicon's names and safe aliases.
    /// Names searched for unbracketed, by [`super::scan`].
    patterns: Vec<String>,
    bare_targets: Vec<Bare>,
}

fn policy_lexicon() -> &'static PolicyLexicon {
    static LEXICON: OnceLock<PolicyLexicon> = OnceLock::new();
    LEXICON.get_or_init(|| {
        let mut entries = Vec::new();
        let mut index = HashMap::new();
        let mut patterns: Vec<String> = Vec::new();
        let mut bare_targets = Vec::new();
        for row in lexicon::POLICIES.rows(1).unwrap_or_default() {
            let i = entries.len();
            let entry = Entry {
                name: row.get(0).to_owned(),
                aliases: row.list(1).into_iter().map(str::to_owned).collect(),
            };
            for n in std::iter::once(&entry.name).chain(&entry.aliases) {
                let key = normalize_name(n);
                index.entry(key.clone()).or_insert(i);
                let unquoted = strip_quotes(&key);
                if unquoted != key {
                    index.entry(unquoted).or_insert(i);
                }
            }
            let mut add = |surface: &str, target: Bare| {
                if !surface.is_empty() && !patterns.iter().any(|p| p == surface) {
                    patterns.push(surface.to_owned());
                    bare_targets.push(target);
                }
            };
            // A spaced title (关于进一步深化农村改革 扎实推进…) may be written
            // with or without its space; the sentence text keeps what was
            // written.
            let squeezed: String = entry.name.chars().filter(|c| !c.is_whitespace()).collect();
            add(&squeezed, Bare::Name(i));
            add(&entry.name, Bare::Name(i));
            for a in &entry.aliases {
                let chars = a.chars().count();
                if is_short_law(a, &entry.name) {
                    if chars >= 3 {
                        add(a, Bare::Law);
                    }
                } else if chars >= 4 {
                    add(a, Bare::Name(i));
                }
            }
            entries.push(entry);
        }
        PolicyLexicon {
            entries,
            index,
            patterns,
            bare_targets,
        }
    })
}

/// The names searched for unbracketed, for [`super::scan`].
pub(super) fn patterns() -> &'static [String] {
    &policy_lexicon().patterns
}

impl Default for PolicyRecognizer {
    fn default() -> Self {
        Self::new()
    }
}

impl PolicyRecognizer {
    /// A recognizer with the bundled lexicons.
    pub fn new() -> Self {
        scan::warm_up();
        PolicyRecognizer {
            lexicon: policy_lexicon(),
        }
    }

    /// Remembers that this article is the document `title`; returns its
    /// canonical name.
    fn remember_document(&self, title: &str, state: &mut ArticleState) -> String {
        let t = title.trim().trim_start_matches('#').trim();
        let name = self
            .lookup(t)
            .map_or_else(|| t.to_owned(), |e| e.name.clone());
        state
            .aliases
            .insert(normalize_name(t), (EntityKind::Policy, name.clone()));
        remember_latest(&name, state);
        name
    }

    /// The lexicon entry a title or name stands for, if any.
    fn lookup(&self, title: &str) -> Option<&Entry> {
        let key = normalize_name(title);
        let found = self
            .lexicon
            .index
            .get(&key)
            .or_else(|| self.lexicon.index.get(&strip_quotes(&key)))
            .or_else(|| self.lexicon.index.get(&format!("{PRC}{key}")));
        found.and_then(|&i| self.lexicon.entries.get(i))
    }

    /// The mention for the title `title` (without 《》) at `start..end`,
    /// or `None` when it is not a policy.
    fn title_mention(
        &self,
        title: &str,
        start: usize,
        end: usize,
        state: &ArticleState,
    ) -> Option<Mention> {
        let title = title.trim();
        let key = normalize_name(title);
        // Article-scoped definitions first: 《办法》 after (以下简称《办法》).
        if let Some((EntityKind::Policy, name)) = state.aliases.get(&key) {
            return Some(Mention::new(EntityKind::Policy, name.clone(), start, end));
        }
        if generic_re().is_match(&key) {
            return latest_of_type(&key, state)
                .map(|name| Mention::new(EntityKind::Policy, name, start, end));
        }
        if let Some(entry) = self.lookup(title) {
            return Some(entry_mention(entry, title, start, end));
        }
        if !is_policy_title(title) {
            return None;
        }
        if let Some(c) = national_organs_re().captures(title) {
            let short = c.get(1).map_or(title, |m| m.as_str()).trim();
            if let Some(entry) = self.lookup(short) {
                return Some(entry_mention(entry, title, start, end));
            }
            return Some(
                Mention::new(EntityKind::Policy, short, start, end)
                    .with_alias(title)
                    .with_alias(strip_quotes(short)),
            );
        }
        let mut m =
            Mention::new(EntityKind::Policy, title, start, end).with_alias(strip_quotes(title));
        if let Some(c) = local_organs_re().captures(title) {
            if let Some(short) = c.get(1) {
                m = m.with_alias(short.as_str().trim());
            }
        }
        if let Some(short) = title.strip_prefix(PRC) {
            if short.ends_with('法') || short.ends_with("条例") {
                m = m.with_alias(short);
            }
        }
        Some(m)
    }
}

/// The mention of a lexicon entry written as `surface`.
fn entry_mention(entry: &Entry, surface: &str, start: usize, end: usize) -> Mention {
    let mut m = Mention::new(EntityKind::Policy, entry.name.clone(), start, end);
    if normalize_name(surface) != normalize_name(&entry.name) {
        m = m.with_alias(surface.trim());
    }
    for a in &entry.aliases {
        m = m.with_alias(a.clone());
    }
    m
}

/// Whether `alias` is the short form of the national law `name`
/// (数据安全法 of 中华人民共和国数据安全法), or a law cited by its own name.
fn is_short_law(alias: &str, name: &str) -> bool {
    (alias.ends_with('法') || alias.ends_with("条例") || alias.ends_with("法典"))
        && name.ends_with(alias)
}

/// Removes quotation marks inside a name: “十四五”规划 → 十四五规划.
fn strip_quotes(s: &str) -> String {
    s.chars()
        .filter(|c| !matches!(c, '“' | '”' | '"' | '「' | '」' | '‘' | '’' | '『' | '』'))
        .collect()
}

/// The title without its trailing version and status suffixes.
fn strip_suffixes(title: &str) -> &str {
    let mut t = title.trim();
    while let Some(m) = suffix_re().find(t) {
        if m.start() == 0 {
            break;
        }
        t = t[..m.start()].trim_end();
    }
    t
}

/// Whether a 《》 title names an official document (see the module docs).
fn is_policy_title(title: &str) -> bool {
    let key = normalize_name(title);
    let chars = key.chars().count();
    if !(2..=120).contains(&chars) || STOP_TITLES.contains(&key.as_str()) {
        return false;
    }
    // Article titles and quotations carry sentence punctuation.
    if key.contains([',', '!', '?', ';', '。']) {
        return false;
    }
    let core = strip_suffixes(title);
    let core = normalize_name(core);
    let Some(kind) = DOC_TYPES.iter().find(|t| core.ends_with(**t)) else {
        return false;
    };
    let head_chars = core.chars().count() - kind.chars().count();
    match *kind {
        "法" => {
            head_chars >= 2
                && !NOT_LAW_ENDINGS.iter().any(|w| core.ends_with(w))
                && !STOP_TITLES.contains(&core.as_str())
        }
        "报告" => {
            OFFICIAL_REPORT_MARKERS.iter().any(|w| core.contains(w)) || core.starts_with("关于")
        }
        // 《货币政策》《竞争战略》 are books; a document says whose strategy
        // or which policies: 《国家创新驱动发展战略纲要》 ends in 纲要 anyway.
        "战略" | "政策" | "制度" => {
            core.starts_with("关于") || core.contains("若干") || head_chars >= 6
        }
        _ => head_chars >= 1,
    }
}

/// The article's latest policy of the type `generic` (意见, 实施方案 …).
fn latest_of_type(generic: &str, state: &ArticleState) -> Option<String> {
    let found = |t: &str| match state.aliases.get(&format!("{LATEST_KEY}{t}")) {
        Some((EntityKind::Policy, name)) => Some(name.clone()),
        _ => None,
    };
    found(generic).or_else(|| {
        GENERIC_TYPES
            .iter()
            .filter(|t| generic.ends_with(**t))
            .max_by_key(|t| t.len())
            .and_then(|t| found(t))
    })
}

/// Remembers `name` as the article's latest policy of each type it ends
/// with (a 管理办法 is the latest 办法 and the latest 管理办法).
fn remember_latest(name: &str, state: &mut ArticleState) {
    let core = normalize_name(strip_suffixes(name));
    for t in GENERIC_TYPES {
        if core.ends_with(t) {
            state.aliases.insert(
                format!("{LATEST_KEY}{t}"),
                (EntityKind::Policy, name.to_owned()),
            );
        }
    }
    // The two-word form too (管理办法, 实施意见, 行动计划).
    let chars: Vec<char> = core.chars().collect();
    if chars.len() > 4 {
        let tail: String = chars[chars.len() - 4..].iter().collect();
        if generic_re().is_match(&tail) {
            state.aliases.insert(
                format!("{LATEST_KEY}{tail}"),
                (EntityKind::Policy, name.to_owned()),
            );
        }
    }
}

/// Whether an article title or a heading line names a document itself
/// (浙江省数字经济促进条例 over the text of that regulation). Stricter than
/// a 《》 title: no enumeration (三、发展规划), a legal or planning document
/// type, and at least four characters before it.
fn title_is_document(title: &str) -> bool {
    let t = title.trim().trim_start_matches('#').trim();
    if t.contains(char::is_whitespace)
        || t.contains(['《', '》', '“', '”', ':', '|', '丨', '、', ',', '。'])
        || enumeration_re().is_match(t)
        || !is_policy_title(t)
        || generic_re().is_match(&normalize_name(t))
    {
        return false;
    }
    let core = strip_suffixes(t);
    [
        "法", "条例", "办法", "规定", "细则", "规划", "纲要", "方案", "意见", "通知", "决定",
    ]
    .iter()
    .find(|k| core.ends_with(**k))
    .is_some_and(|k| core.chars().count() >= k.chars().count() + 4)
}

/// Verbs that make a short line a sentence about a document, not its
/// heading: 出台外商投资法实施条例.
fn heading_verb_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new("^(?:出台|制定|修订|修改|印发|发布|实施|贯彻|落实|学习|起草|审议|通过|废止|施行|执行|推动|推进)")
            .expect("valid regex")
    })
}

/// Heading numbers: 一、 (一) 1. 第一章 第3条.
fn enumeration_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"^(?:[一二三四五六七八九十]+、|\(|[0-9]+[.、]|第\s*[一二三四五六七八九十百0-9]+\s*[章节条编])")
            .expect("valid regex")
    })
}

impl Recognizer for PolicyRecognizer {
    fn kind(&self) -> EntityKind {
        EntityKind::Policy
    }

    fn recognize(
        &self,
        sentence: &SentenceView<'_>,
        state: &mut ArticleState,
        out: &mut Vec<Mention>,
    ) {
        let text = sentence.text;
        // The article's title, or a heading line that is a title by
        // itself (# 网络数据安全管理条例), names the document the text is.
        if sentence.index == 0 {
            if let Some(title) = state.title.clone() {
                if title_is_document(&title) {
                    self.remember_document(&title, state);
                }
            }
        }
        let start = text.len()
            - text
                .trim_start_matches(|c: char| c == '#' || c.is_whitespace())
                .len();
        // A heading has no sentence-final punctuation and no leading verb.
        let line = text[start..].trim_end();
        if !line.is_empty()
            && !line.ends_with(['。', '!', '?', ';'])
            && !heading_verb_re().is_match(line)
            && title_is_document(line)
        {
            let name = self.remember_document(line, state);
            out.push(Mention::new(
                EntityKind::Policy,
                name,
                start,
                start + line.len(),
            ));
        }

        // 1–2. Titles, and the definitions that follow them.
        let mut title_spans: Vec<(usize, usize)> = Vec::new();
        for (whole, inner) in super::bracketed(title_re(), text) {
            let inner = &text[inner];
            title_spans.push((whole.start, whole.end));
            let Some(m) = self.title_mention(inner, whole.start, whole.end, state) else {
                continue;
            };
            let name = m.name.clone();
            let was_generic = generic_re().is_match(&normalize_name(inner));
            out.push(m);
            if let Some(d) = definition_re().captures(&text[whole.end..]) {
                if let Some(alias) = (1..=4).find_map(|i| d.get(i)) {
                    let key = normalize_name(alias.as_str());
                    if !key.is_empty() && key != normalize_name(&name) {
                        state
                            .aliases
                            .insert(key, (EntityKind::Policy, name.clone()));
                    }
                }
            }
            if !was_generic {
                remember_latest(&name, state);
                // A national law cited in full ties its short form to it
                // for the rest of the article.
                if let Some(short) = name.strip_prefix(PRC) {
                    state
                        .aliases
                        .entry(normalize_name(short))
                        .or_insert((EntityKind::Policy, name.clone()));
                }
            }
        }
        let inside_title =
            |s: usize, e: usize| title_spans.iter().any(|&(ts, te)| s < te && ts < e);

        // 3–4. The lexicon, unbracketed.
        for hit in sentence.hits.leftmost_longest(Lexicon::Policy) {
            let (s, e) = (hit.start, hit.end);
            if inside_title(s, e) {
                continue;
            }
            let surface = &text[s..e];
            match self.lexicon.bare_targets.get(hit.pattern) {
                Some(Bare::Name(i)) => {
                    if let Some(entry) = self.lexicon.entries.get(*i) {
                        let m = entry_mention(entry, surface, s, e);
                        remember_latest(&m.name, state);
                        out.push(m);
                    }
                }
                Some(Bare::Law) => {
                    // 外商投资法实施条例 is the law's implementing
                    // regulation, a document of its own.
                    if let Some(rule) = ["实施条例", "实施细则", "实施办法"]
                        .iter()
                        .find(|r| text[e..].starts_with(**r))
                    {
                        let e = e + rule.len();
                        out.push(Mention::new(EntityKind::Policy, &text[s..e], s, e));
                        continue;
                    }
                    let next = text[e..].chars().next();
                    if next.is_some_and(|c| LAW_BLOCKING_NEXT.contains(&c)) {
                        continue;
                    }
                    let name = match state.aliases.get(&normalize_name(surface)) {
                        Some((EntityKind::Policy, full)) => full.clone(),
                        _ => surface.to_owned(),
                    };
                    out.push(Mention::new(EntityKind::Policy, name, s, e));
                }
                None => {}
            }
        }

        // Laws cited in legal style that the lexicon does not know. Each
        // names a 法 or a 条例; most sentences hold neither, which a memchr
        // tells sooner than the pattern's search from every 依.
        let cites_law = text.contains('法') || text.contains("条例");
        let citations = cites_law.then(|| legal_citation_re().captures_iter(text));
        for c in citations.into_iter().flatten() {
            let Some(law) = c.get(1) else { continue };
            let name = law.as_str();
            let head = name.trim_end_matches("条例").trim_end_matches('法');
            if inside_title(law.start(), law.end())
                || head.contains(['之', '及', '或', '和', '与', '等', '的'])
                // 依境外所得来源国税法: some country's law, not a named one.
                || ["境外", "外国", "来源", "所在", "当地"].iter().any(|w| head.contains(w))
                || ["本", "同", "该", "各", "其", "前", "原", "相关", "有关", "上述", "下列"]
                    .iter()
                    .any(|p| name.starts_with(p))
                || NOT_LAW_ENDINGS.iter().any(|w| name.ends_with(w))
                || name.ends_with("办法")
            {
                continue;
            }
            let canonical = match state.aliases.get(&normalize_name(name)) {
                Some((EntityKind::Policy, full)) => full.clone(),
                _ => name.to_owned(),
            };
            out.push(Mention::new(
                EntityKind::Policy,
                canonical,
                law.start(),
                law.end(),
            ));
        }

        // Names this article defined (以下简称“Y”, the document's own
        // title), unbracketed: short ones only inside quotation marks.
        for (key, (kind, name)) in &state.aliases {
            if *kind != EntityKind::Policy || key.starts_with('\u{0}') {
                continue;
            }
            let long = key.chars().count() >= 4;
            for (s, _) in text.match_indices(key.as_str()) {
                let e = s + key.len();
                if inside_title(s, e) {
                    continue;
                }
                let quoted = text[..s].ends_with(['“', '「', '"'])
                    && text[e..].starts_with(['”', '」', '"']);
                if long || quoted {
                    out.push(Mention::new(EntityKind::Policy, name.clone(), s, e));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::LexiconHits;
    use crate::normalize::normalize_text;

    /// Runs the recognizer over sentences of one article: (name, surface).
    fn run(sentences: &[&str]) -> Vec<(String, String)> {
        run_titled(None, sentences)
    }

    fn run_titled(title: Option<&str>, sentences: &[&str]) -> Vec<(String, String)> {
        let r = PolicyRecognizer::new();
        let mut state = ArticleState {
            title: title.map(str::to_owned),
            ..ArticleState::default()
        };
        let mut found = Vec::new();
        for (index, s) in sentences.iter().enumerate() {
            let text = normalize_text(s);
            let view = SentenceView {
                text: &text,
                tokens: &[],
                hits: &LexiconHits::scan(&text),
                index,
            };
            let mut out = Vec::new();
            r.recognize(&view, &mut state, &mut out);
            for m in longest_first(out) {
                found.push((m.name.clone(), text[m.start..m.end].to_owned()));
            }
        }
        found
    }

    /// The candidates the extractor would keep: longest spans first, no
    /// overlaps, in text order.
    fn longest_first(mut out: Vec<Mention>) -> Vec<Mention> {
        out.sort_by_key(|m| std::cmp::Reverse(m.end - m.start));
        let mut kept: Vec<Mention> = Vec::new();
        for m in out {
            if !kept.iter().any(|k| m.start < k.end && k.start < m.end) {
                kept.push(m);
            }
        }
        kept.sort_by_key(|m| m.start);
        kept
    }

    fn names(found: &[(String, String)]) -> Vec<&str> {
        found.iter().map(|(n, _)| n.as_str()).collect()
    }

    #[test]
    fn titles_with_a_document_type_are_policies() {
        let f = run(&["工信部印发《关于推动轻工业高质量发展的指导意见》《轻工业稳增长工作方案（2023—2024年）》等。"]);
        assert_eq!(
            names(&f),
            [
                "关于推动轻工业高质量发展的指导意见",
                "轻工业稳增长工作方案(2023—2024年)"
            ]
        );
        let f = run(&["网信办等六部门联合印发的《数字乡村建设指南2.0》指出"]);
        assert_eq!(names(&f), ["数字乡村建设指南2.0"]);
        let f = run(&["加快落实《数字经济伙伴关系协定》和《全面与进步跨太平洋伙伴关系协定》。"]);
        assert_eq!(names(&f).len(), 2);
    }

    #[test]
    fn books_films_and_journals_are_not_policies() {
        let f = run(&[
            "《求是》杂志发表文章,《人民日报》评论,《山海经》《黑神话：悟空》《藏海传》火爆。",
            "读《孙子兵法》《资本论》,看《我的大观园》《三打白骨精》。",
            "《中国数字经济发展研究报告》发布。",
        ]);
        assert!(f.is_empty(), "{f:?}");
    }

    #[test]
    fn organ_prefixed_titles_are_named_by_their_guanyu_part() {
        let r = PolicyRecognizer::new();
        let m = r
            .title_mention(
                "中共中央办公厅 国务院办公厅关于加快推进乡村人才振兴的意见",
                0,
                3,
                &ArticleState::default(),
            )
            .expect("a policy");
        assert_eq!(m.name, "关于加快推进乡村人才振兴的意见");
        assert!(m
            .aliases
            .contains(&"中共中央办公厅 国务院办公厅关于加快推进乡村人才振兴的意见".to_owned()));
        // Known to the lexicon: its canonical name and nickname.
        let m = r
            .title_mention(
                "中共中央 国务院关于构建数据基础制度更好发挥数据要素作用的意见",
                0,
                3,
                &ArticleState::default(),
            )
            .expect("a policy");
        assert_eq!(m.name, "关于构建数据基础制度更好发挥数据要素作用的意见");
        assert!(m.aliases.contains(&"数据二十条".to_owned()));
        // A local body keeps its name in the title.
        let m = r
            .title_mention(
                "浙江省人民政府关于加快发展数字经济的意见",
                0,
                3,
                &ArticleState::default(),
            )
            .expect("a policy");
        assert_eq!(m.name, "浙江省人民政府关于加快发展数字经济的意见");
    }

    #[test]
    fn yixia_jiancheng_is_scoped_to_the_article() {
        let f = run(&[
            "国务院办公厅印发《电子印章管理办法》（以下简称《办法》）。",
            "《办法》共8章38条。",
        ]);
        assert_eq!(names(&f), ["电子印章管理办法"; 3]);
        // Another article does not know 《办法》.
        assert!(run(&["《办法》共8章38条。"]).is_empty());
        let f = run(&[
            "《关于构建数据基础制度更好发挥数据要素作用的意见》(简称“数据新政”)发布。",
            "“数据新政”明确提出。",
        ]);
        assert_eq!(f.last().map(|x| x.1.as_str()), Some("数据新政"));
    }

    #[test]
    fn scoped_aliases_are_not_global_aliases() {
        let r = PolicyRecognizer::new();
        let mut state = ArticleState::default();
        let text = "印发《电子印章管理办法》(以下简称《办法》)。";
        let view = SentenceView {
            text,
            tokens: &[],
            hits: &LexiconHits::scan(text),
            index: 0,
        };
        let mut out = Vec::new();
        r.recognize(&view, &mut state, &mut out);
        assert!(out.iter().all(|m| !m.aliases.contains(&"办法".to_owned())));
        assert!(state.aliases.contains_key("办法"));
    }

    #[test]
    fn short_generic_titles_resolve_to_the_latest_document_of_that_type() {
        let f = run(&[
            "中办、国办印发《关于加快公共数据资源开发利用的意见》。",
            "《意见》提出,扩大公共数据资源供给。",
        ]);
        assert_eq!(names(&f), ["关于加快公共数据资源开发利用的意见"; 2]);
    }

    #[test]
    fn national_laws_get_their_full_name() {
        let f = run(&["依据《电子签名法》《中华人民共和国密码法》。"]);
        assert_eq!(
            names(&f),
            ["中华人民共和国电子签名法", "中华人民共和国密码法"]
        );
    }

    #[test]
    fn bare_law_names_need_the_lexicon_and_a_word_boundary() {
        let f = run(&["公司：指依公司法设立之公司,依所得稅法规定计算。"]);
        assert_eq!(names(&f), ["公司法", "所得税法"]);
        // 公司法人 is a legal person, not the company law; 依法 is no law.
        assert!(run(&["公司法人依法登记,遵守统计法规。"]).is_empty());
        assert_eq!(
            names(&run(&["出台外商投资法实施条例。"])),
            ["外商投资法实施条例"]
        );
        // Once the article cites the full title, the short form is that law.
        let f = run(&["根据《中华人民共和国数据安全法》制定。", "数据安全法规定。"]);
        assert_eq!(names(&f), ["中华人民共和国数据安全法"; 2]);
    }

    #[test]
    fn lexicon_nicknames_and_official_reports() {
        let f = run(&["应切实把“数据二十条”落到实处,“十四五”规划对此作出部署。"]);
        assert_eq!(
            names(&f),
            [
                "关于构建数据基础制度更好发挥数据要素作用的意见",
                "中华人民共和国国民经济和社会发展第十四个五年规划和2035年远景目标纲要"
            ]
        );
        let f = run(&["今年的《政府工作报告》提出,2025年中央一号文件提出。"]);
        assert_eq!(f[0].0, "政府工作报告");
        assert_eq!(f[1].0, "关于进一步深化农村改革 扎实推进乡村全面振兴的意见");
        // A report that is not an official one.
        assert!(run(&["《2024年全球人工智能发展报告》显示"]).is_empty());
    }

    #[test]
    fn the_article_title_can_be_the_document() {
        let f = run_titled(
            Some("浙江省数字经济促进条例"),
            &["浙江省数字经济促进条例", "本条例自2021年3月1日起施行。"],
        );
        assert_eq!(names(&f), ["浙江省数字经济促进条例"]);
        // A heading line that is a title by itself.
        let f = run(&[
            "# 网络数据安全管理条例",
            "## 第一章 总 则",
            "广东省公共数据管理办法",
        ]);
        assert_eq!(
            names(&f),
            ["网络数据安全管理条例", "广东省公共数据管理办法"]
        );
        assert!(run(&["三、发展规划", "第一章 总则", "修订网络安全管理条例"]).is_empty());
        // A news headline is not a document.
        let f = run_titled(Some("加快形成新质生产力"), &["加快形成新质生产力"]);
        assert!(f.is_empty());
    }
}
