//! The `organization` recognizer: named bodies.
//!
//! Three sources of candidates, all kept only where they are words of their
//! own (jieba token boundaries, see [`super::region`]):
//!
//! 1. **Lexicon** `data/lexicon/organizations.tsv`: Party and state organs,
//!    ministries, courts, academies, universities, SOEs, companies, media,
//!    international bodies. The canonical name is the row's name; an
//!    abbreviation found in the text (工信部) is given as an alias.
//! 2. **Suffix rule**: a noun phrase ending in an institutional suffix
//!    (部, 局, 委员会, 办公厅, 中心, 大学, 研究院, 实验室, 协会, 公司, 银行,
//!    交易所, 法院, 人民政府 …) whose head is a proper name: a region
//!    (深圳, 广东省), a national prefix (国家, 中国, 中央, 中共, 全国), a
//!    lexicon organization (腾讯 + 研究院), or the administrative 省/市/县
//!    of a provincial document (省大数据局). The phrase is built from jieba
//!    tokens leftwards from the suffix and stops at punctuation, function
//!    words and verbs, so 依托鹏城实验室 does not take 依托. Generic groups
//!    (各有关部门, 地方政府, 商业银行, 国家重点实验室, 数据中心) have no
//!    proper head or only generic words and are rejected. The canonical name
//!    is the text's own full name.
//! 3. **Abbreviations the text defines**: `X(简称“Y”)` makes Y an alias of X
//!    everywhere; `X(以下简称“Y”)` makes Y mean X for the rest of the article
//!    only (kept in [`ArticleState::aliases`]).
//!
//! Not organizations: a name strictly inside a 《》 title (中共中央 in
//! 《中共中央关于……的决定》), and an organ named only as part of a meeting
//! (国务院常务会议, 十四届全国人大二次会议): meetings are no entities.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use regex::Regex;

use super::region::{self, Boundaries};
use super::scan::{self, Lexicon, LexiconHits};
use super::{ArticleState, EntityKind, Mention, Recognizer, SentenceView};
use crate::lexicon;
use crate::normalize::normalize_name;
use crate::segment::Token;

/// Finds `organization` mentions.
#[derive(Debug, Default)]
pub struct OrganizationRecognizer {}

impl OrganizationRecognizer {
    /// A recognizer with the bundled lexicons.
    pub fn new() -> Self {
        // Build the lexicons now rather than on the first sentence.
        scan::warm_up();
        Self::default()
    }
}

impl Recognizer for OrganizationRecognizer {
    fn kind(&self) -> EntityKind {
        EntityKind::Organization
    }

    fn recognize(
        &self,
        sentence: &SentenceView<'_>,
        state: &mut ArticleState,
        out: &mut Vec<Mention>,
    ) {
        let ctx = Context::new(sentence);
        let hits = lexicon_hits(&ctx);
        let mut found = lexicon_mentions(&ctx, &hits);
        found.extend(suffix_mentions(&ctx, &hits));
        found.retain(|m| !ctx.excluded(m.start, m.end));
        define_abbreviations(&ctx, &mut found, state);
        // An abbreviation the article defined means what it was defined as,
        // whatever the other rules make of the same words.
        let defined = article_alias_mentions(&ctx, state);
        found.retain(|m| !defined.iter().any(|d| (d.start, d.end) == (m.start, m.end)));
        found.extend(defined);
        out.extend(found);
    }
}

/// What the rules look at in one sentence.
struct Context<'a> {
    text: &'a str,
    tokens: &'a [Token<'a>],
    hits: &'a LexiconHits,
    bounds: Boundaries<'a>,
    titles: Vec<(usize, usize)>,
}

impl<'a> Context<'a> {
    fn new(sentence: &SentenceView<'a>) -> Context<'a> {
        Context {
            text: sentence.text,
            tokens: sentence.tokens,
            hits: sentence.hits,
            bounds: region::word_boundaries(sentence),
            titles: region::title_spans(sentence.text),
        }
    }

    /// A span strictly inside a 《》 title, or an organ named as part of a
    /// meeting, is no organization mention.
    fn excluded(&self, start: usize, end: usize) -> bool {
        let in_title = self
            .titles
            .iter()
            .any(|&(s, e)| s <= start && end <= e && (s, e) != (start, end));
        // 浙江省政府工作报告: the organ is part of the report's title.
        let report = self.text[end..].starts_with("工作报告");
        in_title || report || names_a_meeting(self.text, start, end)
    }

    /// The index of the token that contains byte `i` (or starts at it).
    fn token_at(&self, i: usize) -> Option<usize> {
        self.tokens.iter().position(|t| t.start <= i && i < t.end)
    }
}

/// 国务院常务会议, 中共中央政治局会议, 十四届全国人大二次会议: the organ
/// names a meeting.
fn names_a_meeting(text: &str, start: usize, end: usize) -> bool {
    static AFTER: OnceLock<Regex> = OnceLock::new();
    static BEFORE: OnceLock<Regex> = OnceLock::new();
    let after = AFTER.get_or_init(|| {
        Regex::new(r"^(第?[一二三四五六七八九十\d]+次)?(常务|全体|专题|扩大)?(会议|全会|全体会议)")
            .expect("valid regex")
    });
    let before =
        BEFORE.get_or_init(|| Regex::new(r"第?[一二三四五六七八九十\d]+届$").expect("valid regex"));
    after.is_match(&text[end..]) || before.is_match(&text[..start])
}

// ---------------------------------------------------------------------------
// 1. Lexicon
// ---------------------------------------------------------------------------

/// The organization lexicon: names and aliases, searchable at once.
struct OrgLexicon {
    /// Names and aliases, searched for by [`super::scan`].
    patterns: Vec<String>,
    /// Pattern index → canonical name.
    canonical: Vec<String>,
}

fn org_lexicon() -> &'static OrgLexicon {
    static LEXICON: OnceLock<OrgLexicon> = OnceLock::new();
    LEXICON.get_or_init(|| {
        let mut patterns = Vec::new();
        let mut canonical = Vec::new();
        let mut seen: HashSet<String> = HashSet::new();
        for row in lexicon::ORGANIZATIONS.rows(1).unwrap_or_default() {
            let name = normalize_name(row.get(0));
            let forms =
                std::iter::once(name.clone()).chain(row.list(1).into_iter().map(normalize_name));
            for form in forms {
                if form.chars().count() < 2 || !seen.insert(form.clone()) {
                    continue;
                }
                patterns.push(form);
                canonical.push(name.clone());
            }
        }
        OrgLexicon {
            patterns,
            canonical,
        }
    })
}

/// Every name and alias of the lexicon, for [`super::scan`].
pub(super) fn patterns() -> &'static [String] {
    &org_lexicon().patterns
}

/// Every lexicon hit that starts a word, overlapping ones included (the
/// heads of longer names: 欧盟 in jieba's single word 欧盟委员会).
fn lexicon_hits(ctx: &Context<'_>) -> Vec<Mention> {
    let lex = org_lexicon();
    ctx.hits
        .of(Lexicon::Organization)
        .filter(|h| ctx.bounds.at(h.start))
        .filter_map(|h| {
            let (s, e) = (h.start, h.end);
            let name = lex.canonical.get(h.pattern)?;
            Some(
                Mention::new(EntityKind::Organization, name.clone(), s, e)
                    .with_alias(&ctx.text[s..e]),
            )
        })
        .collect()
}

/// Lexicon hits that are words of their own, longest first among
/// overlapping ones.
fn lexicon_mentions(ctx: &Context<'_>, hits: &[Mention]) -> Vec<Mention> {
    let mut hits: Vec<&Mention> = hits
        .iter()
        .filter(|m| ctx.bounds.at(m.end))
        // 工信部门 is "departments of industry and IT", not 工信部.
        .filter(|m| !(ctx.text[..m.end].ends_with('部') && ctx.text[m.end..].starts_with('门')))
        .collect();
    hits.sort_by(|a, b| {
        (b.end - b.start)
            .cmp(&(a.end - a.start))
            .then(a.start.cmp(&b.start))
    });
    let mut kept: Vec<Mention> = Vec::new();
    for h in hits {
        if !kept.iter().any(|k| h.start < k.end && k.start < h.end) {
            kept.push(h.clone());
        }
    }
    kept.sort_by_key(|m| m.start);
    kept
}

// ---------------------------------------------------------------------------
// 2. Suffix rule
// ---------------------------------------------------------------------------

/// Institutional suffixes that end an organization's name.
#[rustfmt::skip]
pub(super) const SUFFIXES: &[&str] = &[
    "委员会", "管委会", "委", "办公厅", "办公室", "部", "局", "署", "厅", "中心", "大学",
    "学院", "研究院", "研究所", "实验室", "科学院", "工程院", "设计院", "医院", "学校",
    "党校", "协会", "联合会", "学会", "商会", "促进会", "基金会", "公司", "集团", "银行",
    "交易所", "法院", "检察院", "兵团", "政府", "报社", "日报", "电视台", "出版社",
    "网信办", "金融办", "大数据办", "扶贫办", "港澳办", "台办", "侨办", "编办", "分行",
    "支行", "分局", "管理处",
];

/// Words that end in a suffix but are no organization (布局, 东部, 部署).
#[rustfmt::skip]
const NOT_SUFFIX_WORDS: &[&str] = &[
    "东部", "西部", "南部", "北部", "中部", "内部", "外部", "全部", "局部", "干部", "总部",
    "本部", "头部", "底部", "顶部", "腹部", "背部", "面部", "各部", "支部", "俱乐部",
    "中西部", "东中西部", "西南部", "东南部", "西北部", "东北部", "上部", "下部", "前部",
    "后部", "大部", "一部", "细部", "尾部", "端部", "格局", "布局", "大局", "全局", "开局",
    "结局", "时局", "僵局", "当局", "棋局", "变局", "破局", "定局", "残局", "终局", "骗局",
    "常委", "编委", "村委", "居委", "大厅", "餐厅", "展厅", "客厅", "舞厅", "门厅", "部署",
    "签署", "布署", "市中心", "城市中心", "重心", "核心", "子公司", "母公司",
];

/// Words a name never contains: function words and the verbs that come
/// before or after an organization in policy prose. Scanning leftwards from
/// a suffix stops at them.
#[rustfmt::skip]
const STOP_WORDS: &[&str] = &[
    "的", "地", "得", "及", "以及", "或", "或者", "并", "并且", "等", "等等", "在",
    "于", "由", "对", "向", "从", "自", "为", "以", "把", "被", "将", "要", "应", "应当", "可",
    "可以", "能", "是", "有", "也", "都", "还", "又", "再", "就", "则", "而", "但", "及其",
    "其", "之", "各", "各级", "各类", "相关", "有关", "该", "本", "此", "这", "那", "其他",
    "其它", "所有", "一些", "部分", "多个", "一批", "一系列", "推进", "推动", "加快", "加强",
    "支持", "鼓励", "引导", "依托", "发挥", "打造", "构建", "完善", "健全", "培育", "实施",
    "落实", "开展", "负责", "牵头", "会同", "指导", "印发", "发布", "出台", "制定",
    "提出", "指出", "强调", "要求", "表示", "认为", "举办", "召开", "成立", "组建", "设立",
    "建立", "成为", "作为", "形成", "实现", "提升", "提高", "参与", "参加", "进入", "入选",
    "获得", "获批", "批准", "同意", "授权", "委托", "携手", "共建", "围绕", "聚焦", "面向",
    "通过", "利用", "采用", "运用", "提供", "承担", "承办", "主办", "协办", "举行", "统筹",
    "深化", "优化", "规范", "确保", "做好", "抓好", "深入", "全面", "积极", "持续", "不断",
    "大力", "着力", "进一步", "加大", "扩大", "推出", "上线", "建成", "依法", "按照", "根据",
    "依据", "结合", "包括", "例如", "比如", "如", "即", "经", "报", "送", "给", "让", "使",
    "使用", "接入", "连接", "联系", "配合", "协同", "督促", "组织", "领导", "带领", "主持",
    "审议", "通过", "出席", "考察", "调研", "视察", "来到", "走进", "位于", "设在", "隶属",
    "所属", "下属", "旗下", "我国", "我省", "我市", "全国", "全省", "全市", "当地", "本地",
    "地方", "国内", "国外", "境内", "境外", "海外", "一", "一个", "个", "家", "所", "座", "级",
    "会商", "商请", "征求", "报请", "提请", "报送", "报告", "备案", "核定", "审核", "审批",
    "认定", "评估", "监督", "检查", "赋予", "给予", "获", "获评", "入围", "揭牌", "筹建",
    "升本", "招生", "建校", "支撑", "带动", "吸引", "引进", "对接", "融入", "申建", "争创",
];

/// Verbs that also end organ names (城乡建设局, 生产建设兵团): they stop the
/// leftward scan unless the suffix follows them directly.
const VERBS_IN_NAMES: &[&str] = &["建设"];

/// Words that make a name generic when they are all it has between its
/// national head and its suffix (国家重点实验室, 国家工程技术研究中心).
#[rustfmt::skip]
const GENERIC_WORDS: &[&str] = &[
    "重点", "工程", "技术", "工程技术", "研究", "创新", "产业", "主管", "国有", "商业",
    "政策性", "大型", "中小", "民营", "外资", "龙头", "骨干", "专业", "科研", "数据", "大数据",
    "行业", "企业", "金融", "级", "省级", "市级", "县级", "有关", "相关", "职能", "监管",
    "管理", "行政", "部委", "机关", "人民", "地方", "基层", "公共", "服务", "综合", "区域",
    "医疗",
];

/// What a centre must be a centre of to be a body rather than a facility or
/// a designation (深圳市大数据资源管理中心 vs 数据中心, 国际航运中心,
/// 区域医疗中心); a government data centre (政务大数据中心) is a body too.
#[rustfmt::skip]
const CENTRE_KINDS: &[&str] = &[
    "管理", "服务", "信息", "研究", "监测", "检测", "评估", "认证", "应急", "指挥", "技术",
    "交流", "促进", "协调", "培训", "档案", "统计", "网络", "安全", "发展", "鉴定", "登记",
    "结算", "清算", "征信", "保障", "宣传", "咨询", "标准", "计量", "测评", "事务", "审计",
    "评审", "核查", "资讯", "新闻", "编辑", "调查", "预报", "救援",
];

/// National heads of names: 国家统计局, 中国轻工业联合会, 中共深圳市委.
const NATIONAL_HEADS: &[&str] = &["国家", "中国", "中华", "中央", "中共", "全国"];

/// Person titles that jieba may glue to the suffix (学院院长).
#[rustfmt::skip]
const TITLES_AFTER: &[&str] = &[
    "院长", "长", "主任", "书记", "党组", "副", "负责人", "部长", "局长", "厅长", "委员",
    "主席", "理事长", "会长", "校长", "行长", "董事长", "总经理", "研究员", "教授",
];

/// What heads a suffix phrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Head {
    /// A region name (深圳, 广东省, 美国).
    Region,
    /// 国家, 中国, 中央, 中共, 全国.
    National,
    /// 省/市/县 of a provincial or city document (省大数据局).
    Admin,
    /// A lexicon organization (腾讯 in 腾讯研究院).
    Organization,
}

/// Characters after 省/市/县/区 that make an ordinary word of it (省级, 市场,
/// 县城) or a bare organ (省委, 市政府 are only deictic).
const ADMIN_NOT_BEFORE: &str = "级份内外会长直属域里委区县市场城情块民值面力钱乡别分间位";

/// The head that starts at byte `p`, if any: its end and kind (a lexicon
/// organization before a region before a national or administrative word).
fn heads_at(
    ctx: &Context<'_>,
    p: usize,
    suffix_start: usize,
    regions: &[region::RegionHit],
    orgs: &[Mention],
) -> Option<(usize, Head)> {
    // A name heads a longer one when it is a word of its own (深圳/市委) or
    // jieba kept it inside the longer name's word (深圳市政府, 欧盟委员会);
    // not when it straddles other words (和县 in 和/县城/学校).
    let own_word = |end: usize| {
        ctx.bounds.at(end)
            || ctx
                .token_at(p)
                .is_some_and(|i| ctx.tokens[i].end >= suffix_start)
    };
    if let Some(m) = orgs
        .iter()
        .filter(|m| m.start == p && own_word(m.end))
        .max_by_key(|m| m.end)
    {
        return Some((m.end, Head::Organization));
    }
    if let Some(h) = regions
        .iter()
        .filter(|h| h.start == p && own_word(h.end))
        .max_by_key(|h| h.end)
    {
        return Some((h.end, Head::Region));
    }
    let rest = &ctx.text[p..];
    for head in NATIONAL_HEADS {
        if rest.starts_with(head) && own_word(p + head.len()) {
            return Some((p + head.len(), Head::National));
        }
    }
    let mut chars = rest.chars();
    let counted = ctx.text[..p].chars().next_back().is_some_and(|c| {
        c.is_ascii_digit() || "个各每全本该一二三四五六七八九十百千万两几多数".contains(c)
    });
    if let (Some(c), Some(next)) = (chars.next(), chars.next()) {
        if !counted
            && matches!(c, '省' | '市' | '县' | '区')
            && is_name_char(next)
            && !ADMIN_NOT_BEFORE.contains(next)
        {
            return Some((p + c.len_utf8(), Head::Admin));
        }
    }
    None
}

fn is_name_char(c: char) -> bool {
    region::is_cjk(c) || c.is_ascii_alphanumeric()
}

/// Phrases ending in an institutional suffix and headed by a proper name.
fn suffix_mentions(ctx: &Context<'_>, lexicon_found: &[Mention]) -> Vec<Mention> {
    let text = ctx.text;
    // Region names can head a name (深圳市数据局); looked up only once a
    // sentence has a suffix that ends a word, which most sentences lack.
    let mut regions: Option<Vec<region::RegionHit>> = None;
    let mut out: Vec<Mention> = Vec::new();
    for m in ctx.hits.of(Lexicon::OrganizationSuffix) {
        let (suffix_start, end) = (m.start, m.end);
        let Some(last) = ctx.token_at(end - 1) else {
            continue;
        };
        let tok = ctx.tokens[last];
        // The suffix must end the word, or be followed only by a person's
        // title jieba glued to it (学院院长).
        if !ctx.bounds.at(end)
            && !TITLES_AFTER
                .iter()
                .any(|t| text[end..tok.end].starts_with(t))
        {
            continue;
        }
        let word = &text[tok.start..end];
        if NOT_SUFFIX_WORDS.iter().any(|w| word.ends_with(w)) {
            continue;
        }
        let regions = regions.get_or_insert_with(|| {
            region::gazetteer()
                .hits(ctx.hits)
                .into_iter()
                .filter(|h| ctx.bounds.at(h.start))
                .collect()
        });
        let Some((start, head_end, head)) =
            leftmost_head(ctx, last, suffix_start, regions, lexicon_found)
        else {
            continue;
        };
        if !acceptable_middle(ctx, head, head_end, suffix_start, &text[suffix_start..end]) {
            continue;
        }
        if &text[suffix_start..end] == "中心"
            && !CENTRE_KINDS
                .iter()
                .any(|k| text[..suffix_start].ends_with(k))
            && !text[start..end].contains("政务")
        {
            continue;
        }
        let surface = &text[start..end];
        let mut mention = Mention::new(EntityKind::Organization, surface, start, end);
        // 华为公司, 国家电网公司: a lexicon name plus a company word is that
        // organization under its canonical name.
        if head == Head::Organization
            && matches!(
                &text[head_end..end],
                "公司" | "集团" | "有限公司" | "集团公司" | "股份有限公司"
            )
        {
            if let Some(org) = lexicon_found
                .iter()
                .find(|o| o.start == start && o.end == head_end)
            {
                mention = Mention::new(EntityKind::Organization, org.name.clone(), start, end)
                    .with_alias(surface);
            }
        }
        if surface.chars().count() >= 3
            && !out
                .iter()
                .any(|o| o.start == mention.start && o.end == mention.end)
        {
            out.push(mention);
        }
    }
    out
}

/// Scans tokens leftwards from the one holding the suffix and returns the
/// leftmost head reachable without crossing a stop word or punctuation:
/// (start, end of head, kind).
fn leftmost_head(
    ctx: &Context<'_>,
    last: usize,
    suffix_start: usize,
    regions: &[region::RegionHit],
    orgs: &[Mention],
) -> Option<(usize, usize, Head)> {
    const MAX_BYTES: usize = 24 * 3;
    let end = ctx.tokens[last].end;
    let mut best = None;
    let mut j = last;
    loop {
        let tok = ctx.tokens[j];
        if let Some((head_end, head)) = heads_at(ctx, tok.start, suffix_start, regions, orgs) {
            if head_end <= suffix_start {
                best = Some((tok.start, head_end, head));
            }
        }
        if j == 0 {
            break;
        }
        let prev = ctx.tokens[j - 1];
        if end - prev.start > MAX_BYTES
            || !prev.word.chars().all(is_name_char)
            || STOP_WORDS.contains(&prev.word)
            || (VERBS_IN_NAMES.contains(&prev.word) && j != last)
        {
            break;
        }
        // 和/与 join the words of one name (工业和信息化局, 经济与管理学院)
        // unless they join names or organs (教育部和工信部, 深圳和香港,
        // 中央和省委).
        if prev.word == "和" || prev.word == "与" {
            let before = if j >= 2 { ctx.tokens[j - 2].word } else { "" };
            if heads_at(ctx, tok.start, suffix_start, regions, orgs).is_some()
                || tok.word.starts_with(['省', '市', '县', '区', '州'])
                || NATIONAL_HEADS.contains(&before)
                || SUFFIXES.iter().any(|s| before.ends_with(s))
                || before.ends_with("会议")
            {
                break;
            }
        }
        // 贵州省委省政府: a new organ of the same place starts at 省/市/县.
        if tok.word.starts_with(['省', '市', '县'])
            && SUFFIXES.iter().any(|s| prev.word.ends_with(s))
        {
            break;
        }
        j -= 1;
    }
    best
}

/// Suffixes a bare region may carry (深圳大学, 深圳市政府, 贵州省委); other
/// suffixes need words between (深圳市中心 is a place, 深圳市数据局 a body).
#[rustfmt::skip]
const BARE_REGION_SUFFIXES: &[&str] = &[
    "大学", "学院", "政府", "委", "党校", "日报", "电视台", "银行", "海关", "法院", "检察院",
    "管委会",
];

/// The words between a head and its suffix must make the name specific.
fn acceptable_middle(
    ctx: &Context<'_>,
    head: Head,
    head_end: usize,
    suffix_start: usize,
    suffix: &str,
) -> bool {
    let words: Vec<&str> = ctx
        .tokens
        .iter()
        .filter(|t| t.end > head_end && t.start < suffix_start)
        .map(|t| &ctx.text[t.start.max(head_end)..t.end.min(suffix_start)])
        .collect();
    let middle_empty = head_end >= suffix_start;
    match head {
        // 华为公司, 腾讯研究院: the organization's own part or company word.
        Head::Organization => true,
        Head::Region => !middle_empty || BARE_REGION_SUFFIXES.contains(&suffix),
        // 国家实验室, 省政府, 国家重点实验室: generic.
        Head::National | Head::Admin => {
            // 国家X中心, 国家X实验室 are designations (国家区域医疗中心,
            // 国家重点实验室); the real ones are in the lexicon.
            let designation = head == Head::National && matches!(suffix, "中心" | "实验室");
            // 省/市/县 alone do not head schools and hospitals (县城学校).
            let institution =
                head == Head::Admin && matches!(suffix, "学校" | "大学" | "学院" | "医院");
            let too_long = head == Head::Admin && suffix_start - head_end > 10 * 3;
            // An association of a trade is named by the trade alone
            // (中国企业联合会, 中国金融学会).
            let association = matches!(suffix, "协会" | "联合会" | "学会" | "商会" | "促进会");
            !middle_empty
                && !designation
                && !institution
                && !too_long
                && !words.is_empty()
                && (association || !words.iter().all(|w| GENERIC_WORDS.contains(w)))
        }
    }
}

// ---------------------------------------------------------------------------
// 3. Abbreviations defined by the text
// ---------------------------------------------------------------------------

/// `X(简称“Y”)` / `X(以下简称“Y”)` right after an organization mention.
fn define_abbreviations(ctx: &Context<'_>, found: &mut [Mention], state: &mut ArticleState) {
    static DEF: OnceLock<Regex> = OnceLock::new();
    let def = DEF.get_or_init(|| {
        Regex::new(r#"^\((以下简称|以下称|下称|简称)[:“"‘']?([^”"’'()]{2,20}?)[”"’']?\)"#)
            .expect("valid regex")
    });
    let text = ctx.text;
    // The longest mention ending at each '(' defines the abbreviation.
    let mut best: HashMap<usize, usize> = HashMap::new();
    for (i, m) in found.iter().enumerate() {
        if text[m.end..].starts_with('(') {
            let e = best.entry(m.end).or_insert(i);
            if found[*e].end - found[*e].start < m.end - m.start {
                *e = i;
            }
        }
    }
    for (end, i) in best {
        let Some(c) = def.captures(&text[end..]) else {
            continue;
        };
        let (Some(kind), Some(abbr)) = (c.get(1), c.get(2)) else {
            continue;
        };
        let abbr = abbr.as_str();
        let name = found[i].name.clone();
        if kind.as_str() == "简称" {
            let m = std::mem::replace(
                &mut found[i],
                Mention::new(EntityKind::Organization, "", 0, 0),
            );
            found[i] = m.with_alias(abbr);
        }
        state
            .aliases
            .insert(normalize_name(abbr), (EntityKind::Organization, name));
    }
}

/// Later uses of an abbreviation the article defined.
fn article_alias_mentions(ctx: &Context<'_>, state: &ArticleState) -> Vec<Mention> {
    let mut out = Vec::new();
    for (alias, (kind, name)) in &state.aliases {
        if *kind != EntityKind::Organization || alias.is_empty() {
            continue;
        }
        for (s, _) in ctx.text.match_indices(alias.as_str()) {
            let e = s + alias.len();
            // The definition itself, inside its parentheses, is not a use.
            let defining = ctx.text[..s].ends_with(['“', '"', '‘'])
                && ctx.text[..s].contains("简称")
                || ctx.text[..s].ends_with("简称")
                || ctx.text[..s].ends_with("下称");
            if defining || !(ctx.bounds.at(s) && ctx.bounds.at(e)) || ctx.excluded(s, e) {
                continue;
            }
            out.push(Mention::new(EntityKind::Organization, name.clone(), s, e));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::Segmenter;

    fn run(texts: &[&str]) -> Vec<(String, String, Vec<String>)> {
        static SEG: OnceLock<Segmenter> = OnceLock::new();
        let seg = SEG.get_or_init(Segmenter::new);
        let r = OrganizationRecognizer::new();
        let mut state = ArticleState::default();
        let mut all = Vec::new();
        for text in texts {
            let text = crate::normalize::normalize_text(text);
            let tokens = seg.cut(&text);
            let view = SentenceView {
                text: &text,
                tokens: &tokens,
                hits: &LexiconHits::scan(&text),
                index: 0,
            };
            let mut out = Vec::new();
            r.recognize(&view, &mut state, &mut out);
            // What the extractor keeps: longest first, no overlaps.
            out.sort_by(|a, b| {
                (b.end - b.start)
                    .cmp(&(a.end - a.start))
                    .then(a.start.cmp(&b.start))
            });
            let mut kept: Vec<Mention> = Vec::new();
            for m in out {
                if !kept.iter().any(|k| m.start < k.end && k.start < m.end) {
                    kept.push(m);
                }
            }
            kept.sort_by_key(|m| m.start);
            all.extend(
                kept.into_iter()
                    .map(|m| (text[m.start..m.end].to_string(), m.name, m.aliases)),
            );
        }
        all
    }

    fn names(text: &str) -> Vec<String> {
        run(&[text]).into_iter().map(|(_, n, _)| n).collect()
    }

    #[test]
    fn lexicon_names_and_abbreviations() {
        let found = run(&["工业和信息化部、中央网信办等十一部门联合印发"]);
        assert_eq!(found[0].1, "工业和信息化部");
        assert_eq!(
            found[1],
            (
                "中央网信办".into(),
                "中央网络安全和信息化委员会办公室".into(),
                vec!["中央网信办".into()]
            )
        );
        assert_eq!(found.len(), 2);
        assert_eq!(
            names("人社部、最高法等部门"),
            ["人力资源和社会保障部", "最高人民法院"]
        );
        assert_eq!(names("发挥华为、腾讯等企业技术优势"), ["华为", "腾讯"]);
    }

    #[test]
    fn suffix_rule_needs_a_proper_head() {
        assert_eq!(
            names("发挥深圳数据交易所国家级平台作用"),
            ["深圳数据交易所"]
        );
        assert_eq!(
            names("广东财经大学数字经济学院院长"),
            ["广东财经大学数字经济学院"]
        );
        assert_eq!(
            names("广东省哲学社科重点实验室(广东财经大学)执行主任"),
            ["广东省哲学社科重点实验室", "广东财经大学"]
        );
        assert_eq!(names("中国轻工业联合会日前发布数据"), ["中国轻工业联合会"]);
        assert_eq!(names("中国企业联合会发布榜单"), ["中国企业联合会"]);
        assert_eq!(names("中央民族大学"), ["中央民族大学"]);
        assert!(names("区块链研究院成立").is_empty());
        assert_eq!(
            names("深圳市委宣传部和广东省人民政府办公厅"),
            ["深圳市委宣传部", "广东省人民政府办公厅"]
        );
        assert_eq!(names("贵州省委省政府"), ["贵州省委"]);
    }

    #[test]
    fn generic_groups_are_not_organizations() {
        for text in [
            "各地区各有关部门要加强",
            "国家重点实验室和全国重点实验室",
            "商业银行和地方政府",
            "国家工业互联网大数据中心体系已覆盖31个省份",
            "优化产业布局,形成新格局,作出部署",
            "推动东部地区和中西部",
            "建设智算中心、超算中心",
            "各大数据交易所上架了",
        ] {
            assert!(names(text).is_empty(), "{text}: {:?}", names(text));
        }
    }

    #[test]
    fn names_stop_at_verbs_and_coordination() {
        assert_eq!(
            names("宁波东方理工大学建设世界一流新型研究型大学"),
            ["宁波东方理工大学"]
        );
        assert!(names("中央主管机关会商交通部后报行政院核定").is_empty());
        assert!(names("必须严格遵循中央和省委明确的重大原则").is_empty());
        assert!(names("办好特殊教育,加强乡镇寄宿制学校和县城学校建设").is_empty());
        assert!(names("在30个县建设运营现代农事综合服务中心").is_empty());
        assert_eq!(
            names("省发展改革委会同省工业和信息化厅"),
            ["省发展改革委", "省工业和信息化厅"]
        );
        assert_eq!(
            names("深圳市住房和城乡建设局发布"),
            ["深圳市住房和城乡建设局"]
        );
        assert_eq!(names("贵州农商联合银行挂牌运营"), ["贵州农商联合银行"]);
        assert_eq!(names("北京大学光华管理学院"), ["北京大学光华管理学院"]);
        assert_eq!(names("通过省政务大数据中心发布"), ["省政务大数据中心"]);
        assert!(names("省政府和市委").is_empty(), "bare deictic organs");
    }

    #[test]
    fn designations_and_sites_are_not_bodies() {
        for text in [
            "推进5个国家区域医疗中心建设",
            "加快建设遵义省域副中心",
            "建强义乌全球数贸中心",
            "宁波舟山国际航运中心发展指数",
            "实施科技强农机械强农行动",
        ] {
            assert!(names(text).is_empty(), "{text}: {:?}", names(text));
        }
    }

    #[test]
    fn company_words_after_a_lexicon_name_keep_its_canonical_name() {
        let found = run(&["国家电网公司和华为公司"]);
        assert_eq!(found[0].1, "国家电网有限公司");
        assert_eq!(found[1].1, "华为");
    }

    #[test]
    fn meetings_and_titles_hide_organs() {
        assert!(names("2026年浙江省政府工作报告").is_empty());
        assert!(names("在第十四届全国人民代表大会第二次会议上").is_empty());
        assert!(names("国务院常务会议审议通过").is_empty());
        assert!(names("《中共中央关于进一步全面深化改革的决定》").is_empty());
        assert_eq!(names("《深圳特区报》报道"), ["深圳特区报"]);
        assert_eq!(names("中共中央、国务院印发"), ["中共中央", "国务院"]);
    }

    #[test]
    fn abbreviations_defined_by_the_text() {
        let found = run(&[
            "中国人工智能产业发展联盟研究院(简称“智盟院”)发布报告",
            "深圳市大数据资源管理中心(以下简称“中心”)负责",
            "中心将开放数据,智盟院参与",
        ]);
        assert_eq!(found[0].1, "中国人工智能产业发展联盟研究院");
        assert!(found[0].2.contains(&"智盟院".to_string()));
        assert_eq!(found[1].1, "深圳市大数据资源管理中心");
        assert!(found[1].2.is_empty(), "以下简称 is no global alias");
        assert_eq!(
            found[2],
            ("中心".into(), "深圳市大数据资源管理中心".into(), vec![])
        );
        assert_eq!(found[3].1, "中国人工智能产业发展联盟研究院");
        assert_eq!(found.len(), 4);
    }
}
