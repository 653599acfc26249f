//! The `programme` recognizer.
//!
//! A programme is a proper-named initiative or a named national strategy
//! (spec: `programme`). A proper name is what separates “东数西算”工程 from a
//! generic 数字化转型行动, so only these are taken:
//!
//! 1. **A quoted head with a programme suffix after it**: “东数西算”工程,
//!    “数据要素×”三年行动, “一县一业”强县富民工程, “清朗”专项行动. The name
//!    drops the quotation marks and keeps the suffix (东数西算工程); the
//!    quoted head is an alias.
//! 2. **A quoted name that ends with the suffix itself**: “千万工程”,
//!    “碳达峰十大行动”, 阳泉“六大工程”, and a quoted directive such as
//!    “实施农业品牌精品培育计划” without its leading verb; metaphors such as
//!    “头号工程” or “系统工程” are not names.
//! 3. **The lexicon** `programmes.tsv`: national strategies (乡村振兴战略,
//!    扩大内需战略), named initiatives and their short forms (东数西算,
//!    人工智能+), found unquoted; short forms of fewer than four characters
//!    only inside quotation marks.
//! 4. **What the article has named**: after “一县一业”强县富民工程, a later
//!    “一县一业” in quotation marks, or the full name unquoted, is the same
//!    programme (remembered in [`ArticleState::aliases`]).

use std::collections::HashMap;
use std::sync::OnceLock;

use regex::Regex;

use super::scan::{self, Lexicon};
use super::{ArticleState, EntityKind, Mention, Recognizer, SentenceView};
use crate::lexicon;
use crate::normalize::normalize_name;

/// Programme suffixes, longest first so that 行动计划 wins over 行动.
const SUFFIXES: &str = "专项行动|攻坚行动|行动计划|工程|行动|战略|计划|倡议";

/// Characters after a suffix that make it part of another word: 工程师,
/// 战略性, 计划单列, 计划经济, 工程化.
const BLOCKING_NEXT: &[char] = &[
    '师', '性', '院', '学', '局', '部', '书', '化', '单', '经', '生', '署', '处', '队', '款',
];

/// Characters that cannot sit between a quoted head and its suffix: they
/// show that the words after the quote are a clause (“人工智能+”并非简单的
/// 产业计划), not the rest of a name.
const CLAUSE_CHARS: &[char] = &[
    '的', '和', '与', '及', '等', '在', '是', '为', '了', '对', '将', '把', '被', '从', '向', '以',
    '并', '也', '都', '而', '或', '要', '给', '让', '使', '由', '于', '其', '这', '那', '之', '作',
    '如', '到', '中',
];

/// Characters that make a quoted text ending in a suffix a clause rather
/// than a name (“以实际行动” has none of them, but is caught as generic).
const STEM_CLAUSE_CHARS: &[char] = &[
    '的', '是', '了', '把', '被', '这', '那', '和', '与', '及', '等', '或', '在',
];

/// Heads that make a quoted 工程/战略/行动 a metaphor or a generic phrase.
const GENERIC_HEADS: &[&str] = &[
    "头号",
    "一号",
    "一把手",
    "系统",
    "民心",
    "德政",
    "形象",
    "面子",
    "政绩",
    "豆腐渣",
    "良心",
    "基础",
    "重大",
    "重点",
    "专项",
    "国家",
    "发展",
    "总体",
    "长期",
    "整体",
    "核心",
    "全面",
    "民生",
    "示范",
    "关键",
    "基础性",
    "战略",
    "行动",
    "具体",
    "这项",
    "此项",
    "该项",
];

/// Words between the head and the suffix that show the suffix belongs to
/// something else: “十四五”规划重大工程 is a plan's project list.
const BLOCKING_MIDDLE: &[&str] = &["规划", "时期", "期间", "以来", "建设"];

/// A quotation: “…”, 「…」 or the inner ‘…’.
fn quote_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new("“([^“”\n]{1,30})”|「([^「」\n]{1,30})」|‘([^‘’\n]{1,30})’")
            .expect("valid regex")
    })
}

/// What may follow a quoted head: a short modifier and a suffix.
fn after_quote_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(&format!(r"^([\p{{Han}}0-9.]{{0,6}}?)({SUFFIXES})")).expect("valid regex")
    })
}

/// A quoted name ending in a suffix, with an optional leading directive
/// verb (“实施农业品牌精品培育计划”).
fn quoted_name_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(&format!(
            r"^(?:(?:深入|全面|组织|加快|持续|大力|积极)?(?:实施|开展|推进|推动|启动|落实))?(.+?)({SUFFIXES})$"
        ))
        .expect("valid regex")
    })
}

/// Plan periods (十四五, 十五五): “十四五”规划重大工程 names no programme.
fn period_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new("^十[一二三四五六七八九]?五$").expect("valid regex"))
}

/// A strategy the text says is carried out: 实施扩大内需战略, 深入实施
/// 就业优先战略. Of the programme suffixes only 战略 is safe unquoted: an
/// unquoted 实施……行动/工程 is as often a generic activity.
fn implemented_strategy_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"实施(\p{Han}{2,12}?战略)").expect("valid regex"))
}

/// Characters after 战略 that make it part of another word or phrase:
/// 战略性, 战略部署, 战略布局, 战略任务, 战略机遇.
const STRATEGY_BLOCKING_NEXT: &[char] = &[
    '性', '部', '布', '任', '目', '意', '机', '支', '资', '举', '选', '方', '高', '全', '定', '合',
    '储', '腹', '物', '科', '需', '地', '区', '规', '纲', '研', '重', '新', '要',
];

/// One programme of the lexicon.
#[derive(Debug, Clone)]
struct Entry {
    name: String,
    aliases: Vec<String>,
}

/// Finds `programme` mentions.
#[derive(Debug)]
pub struct ProgrammeRecognizer {
    lexicon: &'static ProgrammeLexicon,
}

/// The lexicon's tables, built once for all recognizers and for
/// [`super::scan`].
#[derive(Debug)]
struct ProgrammeLexicon {
    entries: Vec<Entry>,
    /// Normalized name or alias (also without quotation marks) → entry.
    index: HashMap<String, usize>,
    /// Unquoted matcher over names and aliases of four or more characters.
    /// Names searched for unbracketed, by [`super::scan`].
    patterns: Vec<String>,
    bare_targets: Vec<usize>,
}

fn programme_lexicon() -> &'static ProgrammeLexicon {
    static LEXICON: OnceLock<ProgrammeLexicon> = OnceLock::new();
    LEXICON.get_or_init(|| {
        let mut entries = Vec::new();
        let mut index = HashMap::new();
        let mut patterns: Vec<String> = Vec::new();
        let mut bare_targets = Vec::new();
        for row in lexicon::PROGRAMMES.rows(1).unwrap_or_default() {
            let i = entries.len();
            let entry = Entry {
                name: row.get(0).to_owned(),
                aliases: row.list(1).into_iter().map(str::to_owned).collect(),
            };
            for n in std::iter::once(&entry.name).chain(&entry.aliases) {
                let key = normalize_name(n);
                index.entry(strip_quotes(&key)).or_insert(i);
                index.entry(key).or_insert(i);
                if n.chars().count() >= 4 && !patterns.contains(n) {
                    patterns.push(n.clone());
                    bare_targets.push(i);
                }
            }
            entries.push(entry);
        }
        ProgrammeLexicon {
            entries,
            index,
            patterns,
            bare_targets,
        }
    })
}

/// The names searched for unbracketed, for [`super::scan`].
pub(super) fn patterns() -> &'static [String] {
    &programme_lexicon().patterns
}

impl Default for ProgrammeRecognizer {
    fn default() -> Self {
        Self::new()
    }
}

impl ProgrammeRecognizer {
    /// A recognizer with the bundled lexicons.
    pub fn new() -> Self {
        scan::warm_up();
        ProgrammeRecognizer {
            lexicon: programme_lexicon(),
        }
    }

    /// The lexicon entry a name stands for, if any.
    fn lookup(&self, name: &str) -> Option<&Entry> {
        let key = normalize_name(name);
        self.lexicon
            .index
            .get(&key)
            .or_else(|| self.lexicon.index.get(&strip_quotes(&key)))
            .and_then(|&i| self.lexicon.entries.get(i))
    }

    /// The mention of `name` (quote-free) written at `start..end`, with
    /// `head` (the quoted part) as an alias; the lexicon's name wins.
    fn named(&self, name: &str, head: &str, start: usize, end: usize) -> Mention {
        match self.lookup(name) {
            Some(entry) => entry_mention(entry, start, end).with_alias(head),
            None => Mention::new(EntityKind::Programme, name, start, end).with_alias(head),
        }
    }
}

/// The mention of a lexicon entry.
fn entry_mention(entry: &Entry, start: usize, end: usize) -> Mention {
    let mut m = Mention::new(EntityKind::Programme, entry.name.clone(), start, end);
    for a in &entry.aliases {
        let a = strip_quotes(a);
        if !a.is_empty() {
            m = m.with_alias(a);
        }
    }
    m
}

/// Removes quotation marks: “东数西算”工程 → 东数西算工程.
fn strip_quotes(s: &str) -> String {
    s.chars()
        .filter(|c| !matches!(c, '“' | '”' | '"' | '「' | '」' | '‘' | '’' | '『' | '』'))
        .collect()
}

/// Whether a quoted head can be part of a programme name: short, no clause
/// punctuation, not a plan period.
fn plausible_head(head: &str) -> bool {
    let n = head.chars().count();
    (2..=16).contains(&n)
        && !head.contains([',', '。', ';', ':', '!', '?', '“', '”'])
        && !period_re().is_match(head)
        && !GENERIC_HEADS.contains(&head)
}

/// Remembers a programme's name and head for the rest of the article.
/// Heads of one or two characters (“双碳”战略) are too generic to stand for
/// the programme elsewhere.
fn remember(state: &mut ArticleState, name: &str, head: Option<&str>) {
    let head = head.filter(|h| h.chars().count() >= 3);
    for key in std::iter::once(name).chain(head) {
        let key = normalize_name(key);
        if !key.is_empty() {
            state
                .aliases
                .entry(key)
                .or_insert((EntityKind::Programme, name.to_owned()));
        }
    }
}

impl Recognizer for ProgrammeRecognizer {
    fn kind(&self) -> EntityKind {
        EntityKind::Programme
    }

    fn recognize(
        &self,
        sentence: &SentenceView<'_>,
        state: &mut ArticleState,
        out: &mut Vec<Mention>,
    ) {
        let text = sentence.text;
        let mut found: Vec<Mention> = Vec::new();
        for (whole, inner) in super::bracketed(quote_re(), text) {
            let head = text[inner.clone()].trim();
            // 1. “东数西算”工程: head, a short modifier, the suffix.
            if plausible_head(head) {
                if let Some(a) = after_quote_re().captures(&text[whole.end..]) {
                    let middle = a.get(1).map_or("", |m| m.as_str());
                    let suffix_end = whole.end + a.get(0).map_or(0, |m| m.end());
                    let next = text[suffix_end..].chars().next();
                    let suffix = a.get(2).map_or("", |m| m.as_str());
                    let clause = middle.contains(CLAUSE_CHARS)
                        || BLOCKING_MIDDLE.iter().any(|w| middle.contains(w));
                    // “四个全面”战略布局 is a layout, not a strategy's name.
                    let blocked = next.is_some_and(|ch| {
                        BLOCKING_NEXT.contains(&ch)
                            || (suffix == "战略" && STRATEGY_BLOCKING_NEXT.contains(&ch))
                    });
                    if !clause && !blocked {
                        let name = format!(
                            "{}{}{}",
                            strip_quotes(head),
                            middle,
                            a.get(2).map_or("", |m| m.as_str())
                        );
                        let m = self.named(&name, &strip_quotes(head), whole.start, suffix_end);
                        remember(state, &m.name, Some(head));
                        found.push(m);
                        continue;
                    }
                }
            }
            // 2. “千万工程”, “实施农业品牌精品培育计划”.
            if let Some(q) = quoted_name_re().captures(&strip_quotes(head)) {
                let (Some(stem), Some(suffix)) = (q.get(1), q.get(2)) else {
                    continue;
                };
                let stem = stem.as_str();
                let n = stem.chars().count();
                let generic = GENERIC_HEADS.contains(&stem)
                    || stem.contains(STEM_CLAUSE_CHARS)
                    || stem.contains([',', '。', ';', ':', '!', '?']);
                // The closing quotation mark ends the name: “双高建设计划”院校.
                if (2..=14).contains(&n) && !generic {
                    let name = format!("{stem}{}", suffix.as_str());
                    // The span leaves out a leading verb (实施) when the
                    // name is written as it is, without inner quotes.
                    let end = inner.start + text[inner.clone()].trim_end().len();
                    let start = if head.ends_with(name.as_str()) {
                        end - name.len()
                    } else {
                        inner.start
                    };
                    let m = match self.lookup(&name) {
                        Some(entry) => entry_mention(entry, start, end),
                        None => Mention::new(EntityKind::Programme, name, start, end),
                    };
                    remember(state, &m.name, None);
                    found.push(m);
                    continue;
                }
            }
            // 3–4. A quoted short form the lexicon or the article knows.
            let key = normalize_name(head);
            if let Some(entry) = self.lookup(&key) {
                found.push(entry_mention(entry, inner.start, inner.end));
            } else if let Some((EntityKind::Programme, name)) = state.aliases.get(&key) {
                found.push(Mention::new(
                    EntityKind::Programme,
                    name.clone(),
                    inner.start,
                    inner.end,
                ));
            }
        }

        // 1b. 实施扩大内需战略. Most sentences name no strategy: a substring
        // test spares them the regex and its capture slots.
        let strategies = text
            .contains("战略")
            .then(|| implemented_strategy_re().captures_iter(text));
        for c in strategies.into_iter().flatten() {
            let Some(name) = c.get(1) else { continue };
            let head = name.as_str().trim_end_matches("战略");
            let next = text[name.end()..].chars().next();
            if head.contains(CLAUSE_CHARS)
                || head.starts_with(['好', '了'])
                || GENERIC_HEADS.contains(&head)
                || next.is_some_and(|ch| STRATEGY_BLOCKING_NEXT.contains(&ch))
            {
                continue;
            }
            let m = match self.lookup(name.as_str()) {
                Some(entry) => entry_mention(entry, name.start(), name.end()),
                None => Mention::new(
                    EntityKind::Programme,
                    name.as_str(),
                    name.start(),
                    name.end(),
                ),
            };
            remember(state, &m.name, None);
            found.push(m);
        }

        // 3. The lexicon, unquoted.
        for hit in sentence.hits.leftmost_longest(Lexicon::Programme) {
            // “X+” and “X×” short forms also end longer words (工业互联网+
            // 产业集群 is not the 互联网+ initiative): only at the start
            // of a quotation.
            let surface = &text[hit.start..hit.end];
            if surface.ends_with(['+', '×']) && !text[..hit.start].ends_with(['“', '「', '‘'])
            {
                continue;
            }
            if let Some(entry) = self
                .lexicon
                .bare_targets
                .get(hit.pattern)
                .and_then(|&i| self.lexicon.entries.get(i))
            {
                found.push(entry_mention(entry, hit.start, hit.end));
            }
        }

        // 4. Full names the article has introduced, unquoted. Short ones
        // (“提质行动”) also end longer phrases (稳岗扩容提质行动): those
        // only in quotation marks, above.
        for (key, (kind, name)) in &state.aliases {
            // The cheap tests first: this runs for every alias of the
            // article on every sentence.
            if *kind != EntityKind::Programme
                || key.chars().count() < 6
                || !text.contains(key.as_str())
                || (key != name && key != &normalize_name(name))
            {
                continue;
            }
            for (s, _) in text.match_indices(key.as_str()) {
                found.push(Mention::new(
                    EntityKind::Programme,
                    name.clone(),
                    s,
                    s + key.len(),
                ));
            }
        }
        out.extend(found);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::LexiconHits;
    use crate::normalize::normalize_text;

    /// Runs the recognizer over the sentences of one article:
    /// (name, surface) of every candidate.
    fn run(sentences: &[&str]) -> Vec<(String, String)> {
        let r = ProgrammeRecognizer::new();
        let mut state = ArticleState::default();
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
    /// overlaps.
    fn longest_first(mut out: Vec<Mention>) -> Vec<Mention> {
        out.sort_by_key(|m| std::cmp::Reverse(m.end - m.start));
        let mut kept: Vec<Mention> = Vec::new();
        for m in out {
            if !kept.iter().any(|k| m.start < k.end && k.start < m.end) {
                kept.push(m);
            }
        }
        kept
    }

    fn names(found: &[(String, String)]) -> Vec<&str> {
        let mut n: Vec<&str> = found.iter().map(|(n, _)| n.as_str()).collect();
        n.sort_unstable();
        n.dedup();
        n
    }

    #[test]
    fn quoted_head_with_suffix() {
        assert_eq!(names(&run(&["开展“人工智能+”行动。"])), ["人工智能+行动"]);
        assert_eq!(
            names(&run(&[
                "深入实施“工业强基2.0”工程,推动实施“一县一业”强县富民工程。"
            ])),
            ["一县一业强县富民工程", "工业强基2.0工程"]
        );
        assert_eq!(names(&run(&["开展“清朗”专项行动。"])), ["清朗专项行动"]);
        let r = ProgrammeRecognizer::new();
        let mut state = ArticleState::default();
        let mut out = Vec::new();
        let text = "实施“数据要素×”三年行动";
        let view = SentenceView {
            text,
            tokens: &[],
            hits: &LexiconHits::scan(text),
            index: 0,
        };
        r.recognize(&view, &mut state, &mut out);
        let m = out.iter().find(|m| m.start == "实施".len()).expect("found");
        assert_eq!(m.name, "数据要素×三年行动");
        assert!(m.aliases.contains(&"数据要素×".to_owned()));
    }

    #[test]
    fn clauses_and_plan_periods_are_not_names() {
        assert!(run(&["“十四五”规划重大工程顺利推进。"]).is_empty());
        assert!(run(&["协调推进“四个全面”战略布局。"]).is_empty());
        assert!(run(&["把“四化”作为主战略,“智改数转”为工程师所熟悉。"]).is_empty());
        assert!(run(&["这是“一把手”工程,也是“头号工程”,是一项“系统工程”。"]).is_empty());
    }

    #[test]
    fn quoted_names_ending_in_a_suffix() {
        assert_eq!(names(&run(&["阳泉实施“六大工程”。"])), ["六大工程"]);
        assert_eq!(
            names(&run(&["推进“千万工程”,开展“碳达峰十大行动”。"])),
            ["千村示范、万村整治工程", "碳达峰十大行动"]
        );
        assert_eq!(
            names(&run(&[
                "提出“实施农业品牌精品培育计划”。",
                "已组织开展三批农业品牌精品培育计划。"
            ])),
            ["农业品牌精品培育计划"]
        );
    }

    #[test]
    fn lexicon_strategies_and_short_forms() {
        assert_eq!(
            names(&run(&[
                "是实施扩大内需战略的重要环节,国家通过东数西算统筹算力。"
            ])),
            ["东数西算工程", "扩大内需战略"]
        );
        // A bare quoted short form maps to its programme…
        assert_eq!(
            names(&run(&["以“人工智能+”赋能未来产业。"])),
            ["人工智能+行动"]
        );
        // …and one the article introduced.
        let f = run(&[
            "推动实施“一县一业”强县富民工程。",
            "各地因地制宜开展“一县一业”。",
        ]);
        assert_eq!(f.len(), 2);
        assert_eq!(names(&f), ["一县一业强县富民工程"]);
        // A strategy the text says is carried out.
        assert_eq!(
            names(&run(&["深入实施强化比较优势战略。"])),
            ["强化比较优势战略"]
        );
        assert!(run(&["实施国家战略,实施战略性新兴产业集群工程,实施好发展战略部署。"]).is_empty());
        // 工业互联网+ is not 互联网+.
        assert!(run(&["推广“工业互联网+产业集群”模式。"]).is_empty());
        // A short quoted name is not found inside a longer phrase.
        let f = run(&["实施营养改善计划“提质行动”。", "开展稳岗扩容提质行动。"]);
        assert_eq!(f.len(), 1);
        // Generic activities are concepts.
        assert!(run(&["推进数字化转型行动,实施乡村振兴,加快产业升级。"]).is_empty());
    }
}
