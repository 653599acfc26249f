//! The `metric` recognizer: quantitative indicators stated with a value.
//!
//! A metric is found from its value outwards. Every number with a unit (or a
//! bare magnitude such as `3300万`, or a share written `百分之十五`) is a
//! candidate value; Chinese numerals are rewritten the way statistics write
//! them (`二万八千亿元` → `2.8万亿元`). The indicator is then looked for in the
//! clause around the value:
//!
//! * **after the value** (`培育340余个具有影响力的平台`,
//!   `1万亿元超长期特别国债`): a count or an amount followed by a noun counts
//!   that noun; a vague noun (`4个方面`) means the value is no statistic;
//! * **before the value** (`数字经济核心产业增加值超过12万亿元`): the words
//!   between indicator and value are qualifiers (超过, 同比增长, 比上年增长,
//!   快于…, kept in the observation), the noun phrase before them is cut at
//!   punctuation, verbs, time words and earlier values, and trimmed of
//!   deictic lead words (我国, 全国, 其中);
//! * **restated** (`利润1.02万亿元,同比增长7.2%`, `从7248亿元提高到8865亿元`):
//!   a clause with only a qualifier and a value restates the indicator
//!   before it.
//!
//! `A和B分别增长5%、6%` gives each value its own indicator. Values that are
//! not statistics are dropped: a value that modifies a noun (`500亿元的基金`,
//! `30万千瓦级`), slogans in quotation marks (`“3个100万”`), legal norms
//! (`处5万元以上50万元以下罚款`, `不得低于…百分之六十`), and any value
//! without an indicator (8章38条, 25篇).

use std::collections::HashMap;
use std::sync::OnceLock;

use regex::Regex;

use super::{ArticleState, EntityKind, Mention, Observation, Recognizer, SentenceView};
use crate::lexicon;

/// Units of measure: money, shares, physical quantities.
const MEASURE_UNITS: &[&str] = &[
    "万亿元",
    "亿元",
    "万元",
    "千元",
    "元",
    "万亿美元",
    "亿美元",
    "万美元",
    "美元",
    "亿欧元",
    "欧元",
    "亿港元",
    "港元",
    "个百分点",
    "百分点",
    "%",
    "‰",
    "倍",
    "成",
    "吨标准煤",
    "万吨",
    "亿吨",
    "吨",
    "万千瓦时",
    "亿千瓦时",
    "千瓦时",
    "万千瓦",
    "亿千瓦",
    "千瓦",
    "兆瓦",
    "吉瓦",
    "GWh",
    "MWh",
    "TWh",
    "kWh",
    "GW",
    "MW",
    "kW",
    "EFLOPS",
    "PFLOPS",
    "TFLOPS",
    "泽字节",
    "艾字节",
    "拍字节",
    "ZB",
    "EB",
    "PB",
    "TB",
    "Gbps",
    "Mbps",
    "标箱",
    "TEU",
    "公里",
    "千米",
    "平方公里",
    "平方米",
    "立方米",
    "微克/立方米",
    "亩",
    "公顷",
    "斤",
    "公斤",
    "千克",
    "万米",
    "米",
    "个工作日",
    "工作日",
    "小时",
    "分钟",
];

/// Units of time: such a value never counts the noun after it
/// (`240小时过境免签政策`).
const TIME_UNITS: &[&str] = &["个工作日", "工作日", "小时", "分钟"];

/// Classifiers of counted things.
const COUNT_UNITS: &[&str] = &[
    "台(套)", "套(间)", "人次", "户次", "场次", "个", "家", "项", "件", "台", "套", "次", "人",
    "户", "类", "所", "座", "部", "种", "名", "位", "辆", "架", "艘", "颗", "例", "宗", "笔", "款",
    "张", "场", "门",
];

/// A classifier followed by one of these characters is the start of a
/// word, not a unit: 人口, 个月, 家庭, 所以.
const UNIT_WORDS: &[(char, &str)] = &[
    ('人', "口民员才均类士群工们"),
    ('个', "月人体性"),
    ('家', "庭族乡长"),
    ('次', "数"),
    ('类', "型别"),
    ('种', "类植子"),
    ('名', "单称义"),
    ('位', "置于"),
    ('场', "所景地"),
    ('所', "以有在属"),
    ('门', "户槛类"),
    ('部', "门分署"),
    ('件', "事"),
    ('台', "阶风"),
    ('户', "籍口型"),
    ('例', "如"),
    ('款', "项"),
    ('张', "力"),
];

/// Qualifiers written right after the value.
const QUALIFIERS_AFTER: &[&str] = &["左右", "以上", "以下", "以内", "之多", "上下"];

/// Words between an indicator and its value that qualify the value.
/// Single characters in `TOKEN_QUALIFIERS` count only as whole words.
const QUALIFIERS_BEFORE: &[&str] = &[
    "同比增长",
    "同比下降",
    "同比提高",
    "同比减少",
    "环比增长",
    "环比下降",
    "年均增长",
    "平均增长",
    "增长",
    "增加",
    "提高",
    "提升",
    "下降",
    "减少",
    "降低",
    "上涨",
    "上升",
    "回落",
    "扩大",
    "缩小",
    "缩短",
    "压缩",
    "精简",
    "缩减",
    "削减",
    "压减",
    "新增",
    "增至",
    "增加到",
    "增长到",
    "提高到",
    "提高至",
    "提升到",
    "提升至",
    "上升到",
    "上升至",
    "下降到",
    "下降至",
    "减少到",
    "减少至",
    "缩小到",
    "缩小至",
    "降至",
    "降到",
    "跃升到",
    "跃升至",
    "跃升",
    "升至",
    "达到",
    "达",
    "已达",
    "超过",
    "超出",
    "超",
    "突破",
    "跨越",
    "迈上",
    "迈入",
    "站上",
    "约为",
    "约",
    "近",
    "逾",
    "接近",
    "将近",
    "高达",
    "多达",
    "为",
    "是",
    "占",
    "占到",
    "仅为",
    "仅",
    "不到",
    "不足",
    "至少",
    "不低于",
    "不少于",
    "不超过",
    "不高于",
    "共计",
    "合计",
    "总计",
    "累计",
    "共有",
    "共",
    "已有",
    "有",
    "分别为",
    "分别达到",
    "分别达",
    "分别",
    "均为",
    "均",
    "平均为",
    "平均达",
    "平均",
    "年均",
    "保持在",
    "保持",
    "稳定在",
    "控制在",
    "维持在",
    "拟按",
    "按",
    "在",
    "净增",
    "净增加",
    "净减少",
    "日均",
    "高于",
    "低于",
    "完成",
    "实现",
    "从",
    "了",
    "已",
    "已经",
    "再",
    "预计",
    "力争",
];

/// Qualifiers that are common inside words when not cut as words.
const TOKEN_QUALIFIERS: &[&str] = &[
    "为", "是", "占", "有", "了", "已", "按", "从", "均", "再", "在",
];

/// Words before a value that make its clause a legal norm, not a statistic.
/// Single characters count only as whole words.
const NORM_WORDS: &[&str] = &[
    "不得",
    "应当",
    "应按",
    "并处",
    "处以",
    "可以处",
    "可处",
    "是指",
    "罚款",
    "应",
    "得",
    "处",
];

/// Words after a value that make it a legal norm (a fine, a cap).
const NORM_AFTER: &[&str] = &[
    "罚款",
    "罚锾",
    "罚金",
    "滞纳金",
    "滞报金",
    "怠报金",
    "为限",
    "限度",
    "范围",
    "计算",
    "总额内",
];

/// Words that end what comes before an indicator: reporting verbs,
/// connectives, deictic words. The indicator follows the last one.
const CUT_WORDS: &[&str] = &[
    "显示",
    "表明",
    "数据显示",
    "统计显示",
    "其中",
    "达到",
    "推动",
    "助力",
    "带动",
    "通过",
    "使",
    "使得",
    "让",
    "将",
    "把",
    "对",
    "从",
    "至今",
    "截至",
    "截止",
    "以来",
    "目前",
    "当前",
    "已经",
    "已",
    "累计",
    "同期",
    "分别",
    "其",
    "并",
    "并且",
    "同时",
    "此外",
    "另外",
    "均",
    "都",
    "预计",
    "力争",
    "确保",
    "到",
    "至",
    "而",
    "是",
    "为",
    "有",
    "即",
];

/// Verbs never part of an indicator before its value
/// (`累计建成省级重点工业互联网平台161个`). Verbs that also make nouns
/// (服务, 开放, 建设) are left out.
const CUT_VERBS: &[&str] = &[
    "建成", "培育", "推动", "带动", "发布", "拥有", "引进", "吸引", "认定", "打造", "形成", "创建",
    "设立", "培养", "开通", "汇聚", "举办", "获得", "涌现", "孵化", "新建", "建有", "设有", "涵盖",
    "组建", "制定", "修订", "出台", "推出", "收录", "带来", "创造", "提请", "审议", "批准", "安排",
    "争取", "开展", "实施", "下达", "交付", "记录", "选派", "获批",
];

/// Light verbs whose object is the indicator of their subject:
/// `轻工企业实现营业收入` is `轻工企业营业收入`.
const JOIN_VERBS: &[&str] = &["实现", "完成"];

/// Verbs that take a counted object (`建成700家5G工厂`).
const COUNT_VERBS: &[&str] = &[
    "建成", "建设", "培育", "覆盖", "接入", "连接", "服务", "带动", "推动", "有", "拥有", "发布",
    "发行", "增发", "安排", "新增", "引进", "吸引", "吸纳", "惠及", "支持", "实施", "开展", "认定",
    "打造", "形成", "创建", "设立", "建立", "培养", "培训", "帮扶", "救助", "资助", "投入", "开通",
    "部署", "汇聚", "归集", "开放", "接待", "举办", "签约", "获得", "获批", "涌现", "集聚", "聚集",
    "孵化", "注册", "办理", "受理", "减免", "淘汰", "改造", "解决", "安置", "新建", "建有", "布局",
    "设有", "涵盖", "组建", "实现", "完成", "制定", "修订", "出台", "推出", "收录", "上线", "落地",
    "吸收", "带来", "创造", "提供", "争取", "投产", "开工", "启动", "选派", "引育",
];

/// Verbs that are part of what is counted (`接入62个部门` counts 接入部门).
const DEFINING_VERBS: &[&str] = &[
    "覆盖", "接入", "连接", "服务", "惠及", "吸纳", "接待", "新增", "带动", "培训", "帮扶", "救助",
    "资助", "安置", "减免",
];

/// Words after a counted noun that are its predicate, not part of it.
const NOUN_STOPS: &[&str] = &[
    "部署",
    "建设",
    "上线",
    "受益",
    "参与",
    "投产",
    "落地",
    "开工",
    "实现",
    "完成",
    "获得",
    "通过",
    "进入",
    "入选",
    "入围",
    "纳入",
    "参加",
    "位居",
    "居",
    "占",
    "在",
    "被",
    "已",
    "正在",
    "将",
    "全覆盖",
    "全",
    "全部",
    "正式",
    "顺利",
    "相继",
    "陆续",
    "覆盖",
    "开展",
    "支持",
    "用于",
    "受到",
    "达到",
    "达",
    "提供",
    "享受",
    "得到",
    "为",
    "是",
    "中",
    "以上",
    "以下",
    "左右",
    "同比",
    "比",
    "增长",
    "下降",
    "或",
    "共",
    "累计",
    "分别",
    "深化",
    "推进",
    "实施",
    "打造",
    "创建",
    "探索",
    "率先",
    "提升",
    "加强",
    "推动",
    "加快",
    "帮扶",
    "支援",
    "加入",
    "提请",
    "圆满",
    "基本",
    "全面",
    "均",
    "都",
    "已经",
    "成功",
    "首次",
    "持续",
    "不断",
    "稳步",
    "到",
];

/// Lead words trimmed off the front of an indicator.
const LEAD_WORDS: &[&str] = &[
    "其中", "全国", "我国", "全省", "全市", "全区", "全县", "我省", "我市", "我区", "本市", "全年",
    "今年", "去年", "当年", "每年", "目前", "当前", "同时", "此外", "另外", "而且", "并且", "已经",
    "累计", "累积", "至今", "全部", "总体", "整体", "截至", "截止", "完成", "实现", "上述", "例如",
    "比如", "如", "共", "约", "其", "该", "这", "的", "并", "且", "也", "还", "已", "使", "让",
    "将", "把", "对", "从", "而", "即",
];

/// Words trimmed off the end of an indicator: adverbs and particles.
const TAIL_WORDS: &[&str] = &[
    "累积",
    "广泛",
    "有效",
    "全面",
    "不断",
    "成功",
    "先后",
    "陆续",
    "相继",
    "逐步",
    "初步",
    "基本",
    "共同",
    "积极",
    "大力",
    "直接",
    "间接",
    "主要",
    "连续",
    "每年",
    "已经",
    "进一步",
    "持续",
    "稳步",
    "累计",
    "分别",
    "总计",
    "合计",
    "预计",
    "力争",
    "平均",
    "年均",
    "同比",
    "环比",
    "的",
    "了",
    "也",
    "已",
    "均",
    "都",
    "将",
    "共",
    "还",
    "仍",
    "拟",
    "约",
    "新",
    "首次",
    "再次",
    "首度",
    "历史性",
    "要",
];

/// Indicators too vague to stand alone; after another indicator in the
/// same sentence they extend it (`…支出` + `增速`).
const GENERIC: &[&str] = &[
    "数量", "数", "规模", "总量", "总额", "比重", "占比", "比例", "增速", "增幅", "增长", "增量",
    "速度", "金额", "人数", "个数", "水平", "价值", "数据", "指标", "目标", "合计", "总计", "共计",
    "平均",
];

/// Counted nouns that are parts of the text, not things in the world
/// (`4个方面`, `九项重点任务`): the value is no statistic.
const VAGUE_NOUNS: &[&str] = &[
    "方面", "部分", "环节", "领域", "阶段", "层面", "任务", "措施", "举措", "方式", "原则", "要求",
    "目标", "重点", "问题", "类别", "批次", "方向", "步骤", "途径", "维度", "种类", "条件", "情形",
    "情况", "事项", "内容", "功能", "作用", "意见", "建议",
];

/// Nouns after a value that mark a milestone passed (`迈上3万亿元台阶`):
/// the indicator is before the value.
const MILESTONES: &[&str] = &["台阶", "大台阶", "大关", "关口", "关"];

/// Counted nouns that need their verb or predicate (`接入部门`,
/// `部署建设试验区的省份`).
const BARE_NOUNS: &[&str] = &[
    "部门", "省份", "省", "企业", "城市", "地区", "地方", "单位", "家庭", "学生", "人", "个人",
    "项目", "用户", "机构", "国家", "县", "市", "区", "个", "家", "次", "人次", "户", "群众",
    "居民", "职工", "农民", "人口", "平台", "产品", "设备", "工厂", "省市", "乡镇", "村",
];

/// Verbs that, alone, are no indicator (`用好240小时…`, `选派1200名…`).
const VERB_ONLY: &[&str] = &[
    "用好",
    "巩固",
    "推进",
    "加快",
    "落实",
    "提质",
    "升级",
    "补充",
    "维护",
    "更新",
    "谋划",
    "深入",
    "整合",
    "引育",
    "选派",
    "加快推进",
    "提质升级",
    "先",
    "再",
    "又",
    "还",
];

/// Words after a place name that make it part of an organization's name.
const ORG_HEADS: &[&str] = &[
    "省委",
    "市委",
    "区委",
    "县委",
    "党委",
    "人民",
    "政府",
    "人大",
    "政协",
    "大学",
    "日报",
    "银行",
    "电视台",
    "联合会",
    "协会",
    "公司",
    "集团",
    "发改委",
    "统计局",
    "委员会",
    "厅",
    "局",
    "委",
    "办",
    "学院",
    "研究院",
    "商会",
    "证券",
    "交易所",
];

/// Measure nouns shared by the parts of `A和B数量分别…`.
const SHARED_SUFFIXES: &[&str] = &[
    "数量",
    "比重",
    "占比",
    "规模",
    "总量",
    "总额",
    "增速",
    "增幅",
    "比例",
    "人数",
    "个数",
    "吞吐量",
    "产量",
    "销量",
    "增加值",
    "营收",
    "收入",
    "产值",
    "投资",
    "人次",
];

/// Modifiers that come in pairs and share their head noun:
/// `城镇和农村居民人均可支配收入`.
const PAIRED_MODIFIERS: &[&str] = &[
    "城镇", "农村", "城市", "乡村", "城乡", "东部", "中部", "西部", "东北", "国内", "国外", "境内",
    "境外", "国有", "民营", "外资", "中央", "地方", "省级", "市级", "县级", "男性", "女性", "进口",
    "出口", "线上", "线下", "一产", "二产", "三产",
];

/// Endings that make a part of `A和B…` an indicator already.
const MEASURE_ENDINGS: &[&str] = &[
    "数", "量", "率", "额", "值", "比", "重", "模", "速", "幅", "例", "入", "出", "资", "营收",
    "次", "费", "价", "度",
];

static QUALIFIERS_SORTED: OnceLock<Vec<&'static str>> = OnceLock::new();
static COUNT_VERBS_SORTED: OnceLock<Vec<&'static str>> = OnceLock::new();

/// A word list sorted longest first (built once), so that the longest word
/// that fits is found first.
fn longest_first(
    cell: &'static OnceLock<Vec<&'static str>>,
    words: &'static [&'static str],
) -> &'static [&'static str] {
    cell.get_or_init(|| {
        let mut sorted = words.to_vec();
        sorted.sort_by_key(|w| std::cmp::Reverse(w.len()));
        sorted
    })
}

fn value_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        let mut units: Vec<&str> = MEASURE_UNITS.iter().chain(COUNT_UNITS).copied().collect();
        units.sort_by_key(|u| std::cmp::Reverse(u.len()));
        let units: Vec<String> = units.iter().map(|u| regex::escape(u)).collect();
        let pattern = format!(
            concat!(
                r"(?P<cur>新台币|人民币|港币)?",
                r"(?:(?P<pct>百分之|千分之)",
                r"(?P<pnum>[0-9]+(?:\.[0-9]+)?|[〇零一二两三四五六七八九十百千]+(?:点[〇零一二三四五六七八九]+)?)",
                r"|(?P<num>[0-9]+(?:,[0-9]{{3}})*(?:\.[0-9]+)?",
                r"|[〇零一二两三四五六七八九十百千万亿]+(?:点[〇零一二三四五六七八九]+)?)",
                r"(?P<a1>余|多)?(?P<mag>万亿|千亿|百亿|亿|千万|百万|十万|万)?(?P<a2>余|多)?",
                r"(?P<unit>(?:{})(?:/(?:人|月|年|天|日|户|吨|亩|平方米|立方米|千瓦时))?)?)",
                r"(?P<post>{})?"
            ),
            units.join("|"),
            QUALIFIERS_AFTER.join("|")
        );
        Regex::new(&pattern).expect("valid regex")
    })
}

/// Comparison prefixes of a change word: 同比, 比上年, 较“十三五”时期, 8年.
fn comparison_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(concat!(
            r"(?:同比|环比|(?:相较于|相较|相比于|相比|较之|比|较)[^,:;、()。!?比较重例率][^,:;、()。!?]{0,11}",
            r"|(?:近)?(?:[0-9]+|[一二两三四五六七八九十]+)年(?:来|间)?)$"
        ))
        .expect("valid regex")
    })
}

/// `快于居民人均消费增速` before `2.4个百分点`: a comparison is a qualifier.
fn comparative_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?:快于|慢于|高于|低于|多于|少于)[^,:;、()。!?]{1,24}$").expect("valid regex")
    })
}

/// `为“十三五”时期的` before `2.2倍`: the base of a ratio is a qualifier.
fn ratio_base_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"(?:为|是|相当于)[^,:;、()。!?]{1,15}的$").expect("valid regex"))
}

/// A time word right before the value (`提升到2025年的57.7%`).
fn value_time_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"(?:19|20)[0-9]{2}年(?:底|末)?的?$").expect("valid regex"))
}

/// `于年度终了日` before a value: when it is measured.
fn at_time_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"于[^,:;、()。!?于]{1,10}(?:日|时|前|后|末|底)$").expect("valid regex")
    })
}

/// Time expressions: the indicator starts after the last one.
fn time_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(concat!(
            r"(?:(?:截至|截止|到)?(?:19|20)[0-9]{2}年(?:度)?(?:[0-9]{1,2}月(?:份|底|末)?)?",
            r"(?:底|末|初|上半年|下半年|前三季度|一季度|二季度|三季度|四季度)?",
            r"|(?:中华民国)?[一二三四五六七八九十百零〇]+年度(?:起)?",
            r"|“?十[一二三四五六七八九]五”?时期",
            r"|[0-9]{1,2}月(?:份|底|末)|上半年|下半年|前三季度|前两个月|一季度|二季度|三季度|四季度",
            r"|近年来|近年|近期|日前|至今|以来|每年|每月|今明两年|(?:今后|未来)[一二三四五]年",
            r"|连续(?:[0-9]+|[一二两三四五六七八九十]+)年)"
        ))
        .expect("valid regex")
    })
}

fn year_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"((?:19|20)[0-9]{2})年").expect("valid regex"))
}

/// What kind of quantity a value is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ValueKind {
    /// A count of things (`62个`, `3300万`).
    Count,
    /// Money.
    Money,
    /// A share or a rate (`%`, `个百分点`, `倍`, `成`).
    Share,
    /// Any other unit of measure.
    Measure,
}

/// A value found in a sentence.
#[derive(Debug, Clone)]
struct Value {
    /// Byte offsets of the value, qualifiers after it included.
    start: usize,
    end: usize,
    /// Number with unit, normalized.
    text: String,
    /// Qualifiers written inside or after the value (余, 多, 左右).
    post: Vec<String>,
    kind: ValueKind,
    /// A duration: never counts a noun after it.
    time: bool,
    /// Where the unit ends (before 左右, 以上…).
    unit_end: usize,
}

/// Finds `metric` mentions.
#[derive(Debug, Default)]
pub struct MetricRecognizer {
    regions: RegionForms,
}

/// A region name or short form, its canonical name and its level
/// (country, province, prefecture, macro).
type RegionForm = (String, String, &'static str);

/// Region names and short forms, looked up by the text they start: every
/// sentence with a value asks which region it begins with.
#[derive(Debug, Default)]
struct RegionForms {
    /// Longest first, then in lexicon order.
    list: Vec<RegionForm>,
    /// Form → its positions in `list`.
    by_form: HashMap<String, Vec<usize>>,
    /// Length in bytes of the longest form.
    longest: usize,
}

impl RegionForms {
    fn new(mut list: Vec<RegionForm>) -> RegionForms {
        list.sort_by_key(|(form, _, _)| std::cmp::Reverse(form.len()));
        let mut by_form: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, (form, _, _)) in list.iter().enumerate() {
            by_form.entry(form.clone()).or_default().push(i);
        }
        let longest = list.first().map_or(0, |(form, _, _)| form.len());
        RegionForms {
            list,
            by_form,
            longest,
        }
    }

    /// The first form in `list` order that `text` starts with and `keep`
    /// accepts: the longest, as `list` is longest first.
    fn prefix_of(&self, text: &str, keep: impl Fn(&RegionForm) -> bool) -> Option<&RegionForm> {
        let mut limit = self.longest.min(text.len());
        while !text.is_char_boundary(limit) {
            limit -= 1;
        }
        // Every character end up to `limit`, longest prefix first.
        let ends = std::iter::once(limit).chain(text[..limit].char_indices().rev().map(|(i, _)| i));
        ends.filter(|&end| end > 0)
            .filter_map(|end| self.by_form.get(&text[..end]))
            .flatten()
            .map(|&i| &self.list[i])
            .find(|form| keep(form))
    }

    fn contains(&self, name: &str) -> bool {
        self.by_form.contains_key(name)
    }
}

impl MetricRecognizer {
    /// A recognizer with the bundled lexicons.
    pub fn new() -> Self {
        let mut regions = Vec::new();
        if let Ok(rows) = lexicon::REGIONS.rows(2) {
            for row in rows {
                if !matches!(row.get(1), "country" | "province" | "prefecture" | "macro") {
                    continue;
                }
                let name = row.get(0).to_string();
                for form in std::iter::once(row.get(0)).chain(row.list(3)) {
                    if form.chars().count() >= 2 {
                        regions.push((form.to_string(), name.clone(), row.get(1)));
                    }
                }
            }
        }
        MetricRecognizer {
            regions: RegionForms::new(regions),
        }
    }

    /// The canonical region a sentence is about, when it begins (after time
    /// words) with a region name: `2024年,广东省培育…`.
    fn subject_region(&self, text: &str) -> Option<String> {
        let mut at = 0;
        loop {
            let rest = &text[at..];
            if let Some(m) = time_re().find(rest).filter(|m| m.start() == 0) {
                at += m.end();
            } else if let Some(c) = rest.chars().next().filter(|c| ",:、 ".contains(*c)) {
                at += c.len_utf8();
            } else if let Some(w) = ["例如", "其中", "此外", "同时", "在"]
                .iter()
                .find(|w| rest.starts_with(**w))
            {
                at += w.len();
            } else {
                break;
            }
        }
        let rest = &text[at..];
        let (form, name, level) = self.regions.prefix_of(rest, |_| true)?;
        // 广东省委, 北京市人民政府, 浙江大学: a body, not the place; 中国 at
        // the start of a sentence is mostly 中国…协会.
        let next = &rest[form.len()..];
        let body = ORG_HEADS.iter().any(|h| next.starts_with(h));
        (*level != "country" && !body).then(|| name.clone())
    }

    /// A region at the start of an indicator (`广东省数字经济增加值`): its
    /// length in bytes and canonical name. Provinces and macro-regions by
    /// any name, cities by full name only (宁波舟山港 is a port).
    ///
    /// A list of places (`河南和四川的数据生产量`) is taken out whole, and
    /// gives no single region.
    fn region_prefix(&self, name: &str) -> Option<(usize, Option<String>)> {
        let (form, canonical, _) =
            self.regions
                .prefix_of(name, |(form, canonical, level)| match *level {
                    "province" | "macro" => true,
                    "prefecture" => form == canonical,
                    _ => false,
                })?;
        let mut at = form.len();
        let mut count = 1;
        loop {
            let rest = &name[at..];
            let Some(conj) = ["和", "与", "及", "、"]
                .iter()
                .find(|c| rest.starts_with(**c))
            else {
                break;
            };
            let after = &rest[conj.len()..];
            let Some((next, _, _)) = self
                .regions
                .prefix_of(after, |(_, _, level)| *level != "county")
            else {
                break;
            };
            at += conj.len() + next.len();
            count += 1;
        }
        for w in ["等地", "等", "的"] {
            if name[at..].starts_with(w) {
                at += w.len();
            }
        }
        let rest = &name[at..];
        let body = ORG_HEADS.iter().any(|h| rest.starts_with(h));
        let region = (count == 1).then(|| canonical.clone());
        (rest.chars().count() >= 2 && !body).then_some((at, region))
    }

    fn is_region(&self, name: &str) -> bool {
        self.regions.contains(name)
    }
}

impl Recognizer for MetricRecognizer {
    fn kind(&self) -> EntityKind {
        EntityKind::Metric
    }

    fn recognize(
        &self,
        sentence: &SentenceView<'_>,
        state: &mut ArticleState,
        out: &mut Vec<Mention>,
    ) {
        let text = sentence.text;
        let years = stated_years(text);
        let values = find_values(text);
        if !values.is_empty() && !is_title(text, state) {
            let region = self.subject_region(text).unwrap_or_default();
            let mut clause = Clause::new(sentence, values);
            let mut taken: Vec<(usize, usize)> = Vec::new();
            for i in 0..clause.values.len() {
                let Some(found) = clause.indicator(self, i) else {
                    continue;
                };
                let v = &clause.values[i];
                let year = years
                    .iter()
                    .rev()
                    .find(|(at, _)| *at < v.start)
                    .map(|(_, y)| y.clone())
                    .or_else(|| state.year.clone())
                    .unwrap_or_default();
                let mut qualifiers = found.qualifiers;
                qualifiers.extend(v.post.iter().cloned());
                let observation = Observation {
                    value: found.value.clone().unwrap_or_else(|| v.text.clone()),
                    qualifier: qualifiers.join(";"),
                    year,
                    region: found.region.clone().unwrap_or_else(|| region.clone()),
                };
                let all = std::iter::once((found.name, found.start, found.end)).chain(found.also);
                for (name, mut start, mut end) in all {
                    // Two observations on one stretch of text would lose one
                    // to overlap resolution: the later one is anchored on
                    // its value instead.
                    if taken.iter().any(|(s, e)| start < *e && *s < end) {
                        (start, end) = (v.start, v.end);
                    }
                    taken.push((start, end));
                    out.push(Mention {
                        kind: EntityKind::Metric,
                        name,
                        start,
                        end,
                        aliases: Vec::new(),
                        observation: Some(Box::new(observation.clone())),
                    });
                }
            }
        }
        if let Some((_, y)) = years.last() {
            state.year = Some(y.clone());
        }
    }
}

/// A sentence that is the article's title is not read for metrics.
fn is_title(text: &str, state: &ArticleState) -> bool {
    use crate::normalize::normalize_name;
    state
        .title
        .as_deref()
        .is_some_and(|t| normalize_name(t) == normalize_name(text))
}

/// Years stated in a sentence (`2023年`), outside document titles in 《》.
fn stated_years(text: &str) -> Vec<(usize, String)> {
    // Most sentences state no year; a substring test is cheaper than the
    // regex's search.
    if !text.contains('年') {
        return Vec::new();
    }
    year_re()
        .find_iter(text)
        .filter_map(|m| {
            let before = &text[..m.start()];
            if before.ends_with(|c: char| c.is_ascii_digit()) {
                return None;
            }
            let open = before.rfind('《');
            let close = before.rfind('》');
            if open.is_some() && (close.is_none() || close < open) {
                return None;
            }
            // The year is the match without its 年 (the pattern's group,
            // without running the capture engine for it).
            Some((m.start(), m.as_str().strip_suffix('年')?.to_string()))
        })
        .collect()
}

fn is_cn_digit(c: char) -> bool {
    "〇零一二两三四五六七八九".contains(c)
}

fn cn_digit(c: char) -> Option<u128> {
    Some(match c {
        '〇' | '零' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

/// The value of a Chinese numeral (`二万八千亿`, `一百十二`), if it is one.
fn parse_cn(s: &str) -> Option<u128> {
    if s.is_empty() {
        return None;
    }
    // Digit by digit (二〇二三) when there is no multiplier at all.
    if s.chars().count() > 1 && s.chars().all(is_cn_digit) {
        return s.chars().try_fold(0u128, |acc, c| {
            acc.checked_mul(10)?.checked_add(cn_digit(c)?)
        });
    }
    // Checked arithmetic: a run of 亿亿亿… must not overflow.
    let (mut total, mut section, mut num) = (0u128, 0u128, 0u128);
    for c in s.chars() {
        if let Some(d) = cn_digit(c) {
            num = d;
            continue;
        }
        match c {
            '十' | '百' | '千' => {
                let unit = match c {
                    '十' => 10,
                    '百' => 100,
                    _ => 1000,
                };
                section = section.checked_add(num.max(1).checked_mul(unit)?)?;
                num = 0;
            }
            '万' => {
                section = section.checked_add(num)?.max(1).checked_mul(10_000)?;
                num = 0;
            }
            '亿' => {
                let part = total.checked_add(section)?.checked_add(num)?;
                total = part.max(1).checked_mul(100_000_000)?;
                section = 0;
                num = 0;
            }
            _ => return None,
        }
    }
    total.checked_add(section)?.checked_add(num)
}

/// Writes a whole number the way Chinese statistics do: `2.8万亿`, `100万`.
fn format_cn(n: u128) -> String {
    let scaled = |div: u128, suffix: &str| -> String {
        let int = n / div;
        let rem = n % div;
        if rem == 0 {
            return format!("{int}{suffix}");
        }
        let width = div.ilog10() as usize;
        let frac = format!("{rem:0width$}");
        format!("{int}.{}{suffix}", frac.trim_end_matches('0'))
    };
    if n >= 1_000_000_000_000 {
        scaled(1_000_000_000_000, "万亿")
    } else if n >= 100_000_000 {
        scaled(100_000_000, "亿")
    } else if n >= 10_000 {
        scaled(10_000, "万")
    } else {
        n.to_string()
    }
}

fn magnitude(mag: &str) -> u128 {
    match mag {
        "万亿" => 1_000_000_000_000,
        "千亿" => 100_000_000_000,
        "百亿" => 10_000_000_000,
        "亿" => 100_000_000,
        "千万" => 10_000_000,
        "百万" => 1_000_000,
        "十万" => 100_000,
        "万" => 10_000,
        _ => 1,
    }
}

/// A Chinese numeral as statistics write it, with its integer value.
fn cn_number(s: &str) -> Option<(String, u128)> {
    if let Some((int, frac)) = s.split_once('点') {
        let int_v = parse_cn(int)?;
        let frac: String = frac
            .chars()
            .filter_map(|c| cn_digit(c).map(|d| d.to_string()))
            .collect();
        return Some((format!("{int_v}.{frac}"), int_v));
    }
    let v = parse_cn(s)?;
    Some((format_cn(v), v))
}

/// One number match, before range merging and validation.
#[derive(Debug, Clone)]
struct Raw {
    start: usize,
    end: usize,
    /// Currency written before the number (新台币).
    currency: String,
    /// The number with magnitude, normalized (`2.8万亿`, `15`).
    number: String,
    unit: String,
    percent: bool,
    chinese: bool,
    /// Value of a Chinese numeral, for plausibility checks.
    cn_value: u128,
    post: Vec<String>,
}

/// The Chinese numerals of [`value_re`]'s `num` group.
const VALUE_NUMERALS: [char; 17] = [
    '〇', '零', '一', '二', '两', '三', '四', '五', '六', '七', '八', '九', '十', '百', '千', '万',
    '亿',
];

/// The named groups of one [`value_re`] match.
enum ValueGroups<'t> {
    /// A match of digits or Chinese numerals alone (the 一 of 统一, a
    /// year's digits): most matches. Its only group is `num`, the whole
    /// match, so the capture engine is not run for it.
    Bare(&'t str),
    Captured(regex::Captures<'t>),
}

impl<'t> ValueGroups<'t> {
    fn of(m: regex::Match<'t>, text: &'t str) -> Option<ValueGroups<'t>> {
        let bare = m
            .as_str()
            .chars()
            .all(|c| c.is_ascii_digit() || VALUE_NUMERALS.contains(&c));
        if bare {
            return Some(ValueGroups::Bare(m.as_str()));
        }
        // From the match's start the leftmost match is this one again.
        value_re()
            .captures_at(text, m.start())
            .map(ValueGroups::Captured)
    }

    fn get(&self, name: &str) -> &'t str {
        match self {
            ValueGroups::Bare(whole) => {
                if name == "num" {
                    whole
                } else {
                    ""
                }
            }
            ValueGroups::Captured(c) => c.name(name).map_or("", |g| g.as_str()),
        }
    }
}

fn raw_values(text: &str) -> Vec<Raw> {
    let mut out = Vec::new();
    for m in value_re().find_iter(text) {
        let Some(c) = ValueGroups::of(m, text) else {
            continue;
        };
        if let ValueGroups::Bare(number) = c {
            // A number alone (no unit, percent or qualifier) is no value
            // (`validate`) unless it ends in a magnitude (3300万), and it
            // joins no other unless a range dash touches it (三至五年). Most
            // matches are such numbers (the 一 of 统一, 进一步): skipping
            // them here spares their strings.
            let dash = RANGE_DASHES
                .iter()
                .any(|d| text[..m.start()].ends_with(d) || text[m.end()..].starts_with(d));
            if !dash && !number.ends_with(['万', '亿']) {
                continue;
            }
        }
        let group = |name: &str| c.get(name);
        let mut post: Vec<String> = [group("a1"), group("a2")]
            .iter()
            .filter(|a| !a.is_empty())
            .map(|a| a.to_string())
            .collect();
        let (number, unit, percent, chinese, cn_value) = if !group("pct").is_empty() {
            let p = group("pnum");
            let (number, chinese, value) = if p.starts_with(|c: char| c.is_ascii_digit()) {
                (p.to_string(), false, 0)
            } else {
                let Some((s, v)) = cn_number(p) else { continue };
                (s, true, v)
            };
            let unit = if group("pct") == "千分之" {
                "‰"
            } else {
                "%"
            };
            (number, unit.to_string(), true, chinese, value)
        } else {
            let num = group("num");
            let mag = group("mag");
            if num.starts_with(|c: char| c.is_ascii_digit()) {
                let digits = num.replace(',', "");
                (
                    format!("{digits}{mag}"),
                    group("unit").to_string(),
                    false,
                    false,
                    0,
                )
            } else {
                // A Chinese numeral starts with a digit or 十: 千万 alone is
                // the adverb "by all means", 万余 is vague.
                let first = num.chars().next().unwrap_or(' ');
                if !(is_cn_digit(first) || first == '十') {
                    continue;
                }
                let Some((number, value)) = cn_number(num) else {
                    continue;
                };
                // 六成, 近三成: shares in tenths are written in words.
                let number = if group("unit") == "成" {
                    num.to_string()
                } else if mag.is_empty() {
                    number
                } else if num.contains('点') {
                    format!("{number}{mag}")
                } else {
                    format_cn(value.saturating_mul(magnitude(mag)))
                };
                (number, group("unit").to_string(), false, true, value)
            }
        };
        if !group("post").is_empty() {
            post.push(group("post").to_string());
        }
        out.push(Raw {
            start: m.start(),
            end: m.end(),
            currency: group("cur").to_string(),
            number,
            unit,
            percent,
            chinese,
            cn_value,
            post,
        });
    }
    out
}

fn unit_kind(unit: &str, percent: bool) -> Option<ValueKind> {
    let base = unit.split('/').next().unwrap_or(unit);
    if percent || ["%", "‰", "个百分点", "百分点", "倍", "成"].contains(&base) {
        Some(ValueKind::Share)
    } else if base.ends_with('元') {
        Some(ValueKind::Money)
    } else if COUNT_UNITS.contains(&base) {
        Some(ValueKind::Count)
    } else if MEASURE_UNITS.contains(&base) {
        Some(ValueKind::Measure)
    } else {
        None
    }
}

/// What joins two numbers into a range: 2500万至3000万, 5%—5.5%.
const RANGE_DASHES: [&str; 7] = ["至", "到", "-", "—", "~", "～", "－"];

/// The values of a sentence: numbers with a unit, ranges merged.
fn find_values(text: &str) -> Vec<Value> {
    let raws = raw_values(text);
    let mut out = Vec::new();
    let mut i = 0;
    while i < raws.len() {
        let mut r = raws[i].clone();
        // 2500万至3000万, 5%—5.5%: one value.
        if let Some(next) = raws.get(i + 1) {
            let gap = &text[r.end..next.start];
            let dash = RANGE_DASHES.contains(&gap) && r.post.is_empty();
            // 5万元以上50万元以下, 一百万元以上、十亿元以下: a range too.
            let bounds = ["", "、", ","].contains(&gap)
                && r.post == ["以上"]
                && next.post.last().is_some_and(|p| p == "以下");
            if dash || bounds {
                let number = format!("{}{}至{}", r.number, r.unit, next.number);
                r = Raw {
                    start: r.start,
                    number,
                    currency: r.currency.clone(),
                    post: next
                        .post
                        .iter()
                        .filter(|p| *p != "以下" || dash)
                        .cloned()
                        .collect(),
                    ..next.clone()
                };
                i += 1;
            }
        }
        i += 1;
        if let Some(v) = validate(text, &r) {
            out.push(v);
        }
    }
    out
}

fn validate(text: &str, r: &Raw) -> Option<Value> {
    let before = text[..r.start].chars().next_back();
    let rest = &text[r.end..];
    let after = rest.chars().next();
    // Part of a code or a name (C919, 5G, IPv6, PM2.5), an ordinal (第一).
    if before.is_some_and(|c| c.is_ascii_alphanumeric() || ".第-/".contains(c)) {
        return None;
    }
    let ascii_unit = r.unit.ends_with(|c: char| c.is_ascii_alphabetic());
    if (r.unit.is_empty() || ascii_unit) && after.is_some_and(|c| c.is_ascii_alphanumeric()) {
        return None;
    }
    // 最后一公里 is an idiom; 30万千瓦级, 3人制 are grades, not amounts;
    // 246百亿亿次 is a magnitude this reader does not parse.
    if text[..r.start].ends_with("最后")
        || ["级", "制", "型", "式", "万", "亿"]
            .iter()
            .any(|w| rest.starts_with(w))
    {
        return None;
    }
    let kind = match unit_kind(&r.unit, r.percent) {
        Some(k) => k,
        // A bare magnitude (3300万) counts something.
        None if r.unit.is_empty()
            && !r.chinese
            && (r.number.ends_with('万') || r.number.ends_with('亿')) =>
        {
            ValueKind::Count
        }
        None => return None,
    };
    if r.unit == "成" {
        // 六成, 七成以上; not 一成不变 or 3年成为.
        let ok_next = after.is_none_or(|c| !is_cjk(c))
            || !r.post.is_empty()
            || ["以上", "左右", "多"].iter().any(|w| rest.starts_with(w));
        if !ok_next || (r.chinese && r.cn_value > 10) {
            return None;
        }
    }
    if r.chinese && !r.percent && kind == ValueKind::Count && r.cn_value < 100 {
        // 两个, 三项, 十大: enumerations, not statistics.
        return None;
    }
    if r.chinese && matches!(kind, ValueKind::Money | ValueKind::Measure) && r.cn_value < 10 {
        // 三元融合, 二元经济结构: not amounts.
        return None;
    }
    let mut post = r.post.clone();
    post.dedup();
    Some(Value {
        start: r.start,
        end: r.end,
        text: format!("{}{}{}", r.currency, r.number, r.unit),
        post,
        kind,
        time: TIME_UNITS.contains(&r.unit.as_str()),
        unit_end: r.end
            - r.post
                .last()
                .filter(|p| QUALIFIERS_AFTER.contains(&p.as_str()))
                .map_or(0, |p| p.len()),
    })
}

fn is_cjk(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3400}'..='\u{4dbf}').contains(&c)
}

fn is_boundary(c: char) -> bool {
    ",:;、()。!?《》[]【】{}<>|".contains(c) || c.is_whitespace()
}

fn has_word_char(s: &str) -> bool {
    s.chars().any(|c| is_cjk(c) || c.is_ascii_alphabetic())
}

/// A name without quotation marks and parenthetical notes:
/// `72家“灯塔工厂”` counts 灯塔工厂.
fn clean_name(s: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    for c in s.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            _ if "“”‘’\"'《》「」『』 ".contains(c) => {}
            _ => out.push(c),
        }
    }
    out
}

fn is_vague(noun: &str) -> bool {
    VAGUE_NOUNS
        .iter()
        .any(|w| noun.ends_with(w) && noun.chars().count() <= w.chars().count() + 1)
}

/// An indicator found for a value.
#[derive(Debug, Clone)]
struct Found {
    name: String,
    start: usize,
    end: usize,
    qualifiers: Vec<String>,
    /// Other indicators with the same value (`A、B均增长8%`).
    also: Vec<(String, usize, usize)>,
    /// The region named in the indicator, taken out of it.
    region: Option<String>,
    /// The value, when the unit is a noun after it (`810万标准机架`).
    value: Option<String>,
}

/// The noun after a value.
enum After {
    None,
    /// `4个方面`: the value counts a part of the text.
    Vague,
    Noun(usize, usize),
}

/// The values of one sentence and what earlier values leave to later ones.
struct Clause<'a> {
    text: &'a str,
    tokens: Vec<(usize, usize, &'a str)>,
    /// Byte offsets where a token starts or ends.
    cuts: Vec<usize>,
    values: Vec<Value>,
    /// The last indicator, for a value that restates it.
    prev: Option<(String, ValueKind)>,
    /// The verb and subject of the last value-first count (`接入62个部门、
    /// 31个省级地方`).
    prev_count: Option<(String, String)>,
    /// Indicators handed out by `A和B分别…`, for the values that follow.
    pending: Vec<(String, usize, usize)>,
    /// End of the last value that was a metric, or of the noun it counts.
    last_end: usize,
}

impl<'a> Clause<'a> {
    fn new(s: &SentenceView<'a>, mut values: Vec<Value>) -> Self {
        let mut cuts: Vec<usize> = s.tokens.iter().flat_map(|t| [t.start, t.end]).collect();
        cuts.sort_unstable();
        cuts.dedup();
        // A unit that is the start of a longer word is no unit: 14亿人口,
        // 5个月, 100万家庭.
        values.retain(|v| {
            let unit_last = s.text[..v.unit_end].chars().next_back().unwrap_or(' ');
            let next = s.text[v.unit_end..].chars().next().unwrap_or(' ');
            !(v.unit_end == v.end
                && UNIT_WORDS
                    .iter()
                    .any(|(u, tails)| *u == unit_last && tails.contains(next)))
        });
        Clause {
            text: s.text,
            tokens: s.tokens.iter().map(|t| (t.start, t.end, t.word)).collect(),
            cuts,
            values,
            prev: None,
            prev_count: None,
            pending: Vec::new(),
            last_end: usize::MAX,
        }
    }

    fn at_cut(&self, pos: usize) -> bool {
        pos == 0 || self.cuts.binary_search(&pos).is_ok()
    }

    fn token_at(&self, pos: usize) -> Option<&'a str> {
        self.tokens
            .iter()
            .find(|(s, _, _)| *s == pos)
            .map(|(_, _, w)| *w)
    }

    /// Start of the clause that ends at `pos`. Quoted and bracketed text is
    /// inside the clause; with `wide`, so are lists joined by 、.
    fn clause_start(&self, pos: usize, wide: bool) -> usize {
        let mut depth = 0usize;
        for (i, c) in self.text[..pos].char_indices().rev() {
            match c {
                '”' | ')' => depth += 1,
                '“' | '(' if depth > 0 => depth -= 1,
                _ if depth > 0 => {}
                '、' if wide => {}
                _ if is_boundary(c) => return i + c.len_utf8(),
                _ => {}
            }
        }
        0
    }

    /// Whether a value follows the last one in a list (`62个部门、31个…`,
    /// `16%和36%`).
    fn in_list(&self, start: usize) -> bool {
        self.last_end <= start
            && ["、", "和", "及", "与", "以及", "或"].contains(&&self.text[self.last_end..start])
    }

    fn indicator(&mut self, rec: &MetricRecognizer, i: usize) -> Option<Found> {
        let v = self.values[i].clone();
        let list = self.in_list(v.start);
        // A list continues only a value that was a metric: 或新台币三亿元
        // after a rejected share is no restatement.
        self.last_end = usize::MAX;
        if !list {
            self.pending.clear();
        }
        if self.not_a_statistic(&v) {
            return None;
        }
        let found = self.find(rec, i, list);
        if found.is_some() && self.last_end == usize::MAX {
            self.last_end = v.end;
        }
        found
    }

    fn find(&mut self, rec: &MetricRecognizer, i: usize, list: bool) -> Option<Found> {
        let v = self.values[i].clone();
        let text = self.text;
        if list && !self.pending.is_empty() {
            let (name, start, end) = self.pending.remove(0);
            return Some(Found {
                name,
                start,
                end,
                qualifiers: Vec::new(),
                also: Vec::new(),
                region: None,
                value: None,
            });
        }
        let floor = self.clause_start(v.start, false);
        let (pos, qualifiers, respectively) = self.strip_qualifiers(floor, v.start, v.kind);
        // 从7248亿元提高到8865亿元: the second value restates the first.
        let from_prev = i > 0 && pos == self.values[i - 1].end;

        // Value first: 建成700家5G工厂, 接入62个部门、31个省级地方.
        let mut unit_noun = None;
        match self.noun_after(&v) {
            After::Vague => return None,
            // 机架总规模超过810万标准机架: the noun is the unit of a bare
            // number whose indicator comes first.
            After::Noun(ns, ne)
                if v.unit_end == v.start + v.text.len()
                    && v.text.ends_with(['万', '亿'])
                    && ne - ns <= 12
                    && self.trim(floor, pos).is_some_and(|(s, e)| {
                        MEASURE_ENDINGS.iter().any(|m| text[s..e].ends_with(m))
                    }) =>
            {
                unit_noun = Some(format!("{}{}", v.text, clean_name(&text[ns..ne])));
                self.last_end = ne;
            }
            After::Noun(ns, ne) if v.kind != ValueKind::Share && !v.time => {
                let verb = match self.verb_before(floor, pos) {
                    Some((vs, ve)) => {
                        let subject = self.trim(floor, vs).map(|(s, e)| clean_name(&text[s..e]));
                        Some((text[vs..ve].to_string(), subject.unwrap_or_default()))
                    }
                    None if list => self.prev_count.clone(),
                    None => None,
                };
                if let Some(found) = self.value_first(rec, (ns, ne), verb, &qualifiers, v.kind) {
                    self.last_end = ne;
                    return Some(found);
                }
            }
            _ => {}
        }
        if from_prev {
            return self.inherit(&v, qualifiers, true);
        }

        // The indicator before the value.
        if respectively {
            let wide = self.clause_start(v.start, true);
            if let Some(found) = self.distribute(i, wide, pos, &qualifiers) {
                return Some(found);
            }
        }
        // 接待游客人次、旅游总花费均增长8%: one value for each.
        if qualifiers.first().is_some_and(|q| q.starts_with('均')) {
            let wide = self.clause_start(v.start, true);
            if let Some(mut named) = self.parts(wide, pos) {
                let (name, start, end) = named.remove(0);
                self.prev = Some((name.clone(), v.kind));
                return Some(Found {
                    name,
                    start,
                    end,
                    qualifiers,
                    also: named,
                    region: None,
                    value: None,
                });
            }
        }
        let Some((mut s, e)) = self.trim(floor, pos) else {
            return self.inherit(&v, qualifiers, list);
        };
        let mut name = clean_name(&text[s..e]);
        // 规模以上轻工企业实现营业收入 → 规模以上轻工企业营业收入.
        if let Some((js, je)) = self.join_verb(s, e) {
            let object = clean_name(&text[je..e]);
            match self.trim(floor, js) {
                Some((ss, se)) if !object.is_empty() => {
                    name = format!("{}{object}", clean_name(&text[ss..se]));
                    s = ss;
                }
                _ => {
                    name = object;
                    s = je;
                }
            }
        }
        // 广东省数字经济增加值: the region is the observation's, not the
        // indicator's.
        let mut region = None;
        if let Some((len, canonical)) = rec.region_prefix(&name) {
            let prefix = name[..len].to_string();
            name = name[len..].to_string();
            if text[s..e].starts_with(&prefix) {
                s += len;
            }
            region = canonical;
        }
        // 超过原定的近2万亿元规模: a reference value, not the indicator's.
        if ["超过", "高于", "低于", "快于", "慢于", "多于", "少于"]
            .iter()
            .any(|w| name.starts_with(w))
        {
            return None;
        }
        if name.ends_with('等') {
            // 贵州能源大方燃煤发电等12个: examples of what is counted.
            return None;
        }
        if name.chars().count() < 2
            || !has_word_char(&name)
            || rec.is_region(&name)
            || self.only_verbs(s, e)
        {
            return self.inherit(&v, qualifiers, list);
        }
        // 占居民人均消费支出的比重: the share of the indicator before it.
        if name.starts_with('占') || name.starts_with('比') || GENERIC.contains(&name.as_str()) {
            let (prev, _) = self.prev.clone()?;
            name = format!("{prev}{name}");
        }
        // 支出金额百分之十五, 实收出资总额百分之三十: a share of an amount
        // (a legal base), not a value of it.
        if v.kind == ValueKind::Share
            && pos == v.start
            && ["额", "所得", "面积", "价值", "价款", "现值", "资本"]
                .iter()
                .any(|w| name.ends_with(w))
        {
            return None;
        }
        // 数据生产总量占全球数据总量的26.67%.
        let measured = ["比重", "比例", "份额", "比", "率", "重"]
            .iter()
            .any(|m| name.ends_with(m));
        if v.kind == ValueKind::Share && name.contains('占') && !measured {
            name = name.replace("占到", "占");
            name.push_str("比重");
        }
        self.prev = Some((name.clone(), v.kind));
        self.prev_count = None;
        Some(Found {
            name,
            start: s,
            end: e,
            qualifiers,
            also: Vec::new(),
            region,
            value: unit_noun,
        })
    }

    /// Values that state no statistic: a value modifying a noun (`500亿元的
    /// 基金`), a slogan (`“3个100万”`), a legal norm.
    fn not_a_statistic(&self, v: &Value) -> bool {
        let text = self.text;
        let rest = &text[v.end..];
        // 30亿元以上项目, 240小时过境免签政策, 15分钟生活圈: a threshold or
        // a duration that names a kind of thing.
        let noun_follows = rest.starts_with(is_cjk) && !self.verb_at(v.end);
        let threshold =
            v.kind != ValueKind::Count && v.post.iter().any(|p| p == "以上" || p == "以下");
        if noun_follows && (threshold || v.time) {
            return true;
        }
        if let Some(c) = rest.chars().next().filter(|c| *c == '的' || *c == '之') {
            if rest[c.len_utf8()..].starts_with(is_cjk) {
                return true;
            }
        }
        // A short quotation around the value.
        if let (Some(open), Some(close)) = (text[..v.start].rfind('“'), rest.find('”')) {
            let inside = &text[open..v.end + close];
            if !inside[3..].contains(['“', '”']) && inside.chars().count() <= 12 {
                return true;
            }
        }
        let after = rest.trim_start_matches(['之', '的']);
        if NORM_AFTER.iter().any(|w| after.starts_with(w)) {
            return true;
        }
        let floor = self.clause_start(v.start, true);
        let head = &text[floor..v.start];
        let norm = NORM_WORDS.iter().any(|w| {
            if w.chars().count() > 1 {
                head.contains(w)
            } else {
                self.tokens
                    .iter()
                    .any(|(s, e, t)| *s >= floor && *e <= v.start && t == w)
            }
        });
        if norm {
            return true;
        }
        // A condition (`处理1000万人以上个人信息的,`) ends in 的 or 者.
        let end = rest.find(is_boundary).unwrap_or(rest.len());
        let clause = &rest[..end];
        !clause.is_empty() && (clause.ends_with('的') || clause.ends_with('者'))
    }

    /// Whether a verb or a qualifier starts at `at` (not a noun).
    fn verb_at(&self, at: usize) -> bool {
        let rest = &self.text[at..];
        QUALIFIERS_BEFORE
            .iter()
            .any(|q| q.chars().count() > 1 && rest.starts_with(q))
            || self.token_at(at).is_some_and(|w| {
                COUNT_VERBS.contains(&w) || CUT_VERBS.contains(&w) || NOUN_STOPS.contains(&w)
            })
    }

    /// A clause with only qualifiers and a value restates the last
    /// indicator: allowed after a qualifier (同比增长), in a list, or in a
    /// 从…到… pair, and for a share or a value of the same kind.
    fn inherit(&mut self, v: &Value, qualifiers: Vec<String>, allowed: bool) -> Option<Found> {
        let (name, kind) = self.prev.clone()?;
        let allowed = allowed || !qualifiers.is_empty();
        if !allowed || !(v.kind == kind || v.kind == ValueKind::Share) {
            return None;
        }
        Some(Found {
            name,
            start: v.start,
            end: v.end,
            qualifiers,
            also: Vec::new(),
            region: None,
            value: None,
        })
    }

    /// Qualifier words right before the value: where the indicator may end,
    /// the qualifiers, and whether 分别 was among them.
    fn strip_qualifiers(
        &self,
        floor: usize,
        end: usize,
        kind: ValueKind,
    ) -> (usize, Vec<String>, bool) {
        let text = self.text;
        let mut pos = end;
        let mut found: Vec<String> = Vec::new();
        let mut respectively = false;
        let quals = longest_first(&QUALIFIERS_SORTED, QUALIFIERS_BEFORE);
        for _ in 0..10 {
            let head = &text[floor..pos];
            if let Some(m) = value_time_re()
                .find(head)
                .or_else(|| at_time_re().find(head))
            {
                pos = floor + m.start();
                continue;
            }
            if let Some(m) = comparative_re().find(head) {
                if m.start() > 0 || found.is_empty() {
                    found.push(m.as_str().to_string());
                    pos = floor + m.start();
                    continue;
                }
            }
            if kind == ValueKind::Share {
                if let Some(m) = ratio_base_re().find(head).filter(|m| m.start() > 0) {
                    found.push(m.as_str().to_string());
                    pos = floor + m.start();
                    continue;
                }
            }
            let q = quals.iter().find(|q| {
                head.ends_with(**q) && (!TOKEN_QUALIFIERS.contains(q) || self.at_cut(pos - q.len()))
            });
            let Some(q) = q else { break };
            pos -= q.len();
            respectively |= q.starts_with("分别");
            let mut word = q.to_string();
            // 比上年增长, 同比增长, 8年增长了.
            if let Some(m) = comparison_re().find(&text[floor..pos]) {
                word = format!("{}{word}", m.as_str());
                pos = floor + m.start();
            }
            match (word.as_str(), found.last_mut()) {
                ("了", Some(last)) => *last = format!("了{last}"),
                ("了", None) => {}
                _ => found.push(word),
            }
        }
        found.reverse();
        // 相较于2022年分别增长了: 分别 may sit inside a comparison.
        respectively |= found.iter().any(|q| q.contains("分别"));
        let found = found.into_iter().map(|q| q.replace("了了", "了")).collect();
        (pos, found, respectively)
    }

    /// A verb that takes a counted object, ending at `pos`.
    fn verb_before(&self, floor: usize, pos: usize) -> Option<(usize, usize)> {
        let head = &self.text[floor..pos];
        let verbs = longest_first(&COUNT_VERBS_SORTED, COUNT_VERBS);
        verbs
            .iter()
            .find(|w| head.ends_with(**w) && self.at_cut(pos - w.len()))
            .map(|w| (pos - w.len(), pos))
    }

    /// The noun counted by a value, right after it: `62个部门`.
    fn noun_after(&self, v: &Value) -> After {
        let text = self.text;
        let start = v.end;
        let mut end = start;
        let mut quoted = false;
        for (i, c) in text[start..].char_indices() {
            let at = start + i;
            match c {
                '“' => quoted = true,
                '”' => quoted = false,
                _ if quoted => {}
                _ if is_boundary(c) => break,
                _ if at > start
                    && self.at_cut(at)
                    && self.token_at(at).is_some_and(|w| NOUN_STOPS.contains(&w)) =>
                {
                    break
                }
                _ if at > start && self.list_break(at) => break,
                _ => {}
            }
            // 100所海拔1500米以上农村中小学: another number inside the noun
            // makes it a chain of modifiers, not a counted noun.
            let prev_alpha = text[..at].ends_with(|p: char| p.is_ascii_alphabetic());
            if at > start && c.is_ascii_digit() && !prev_alpha && !quoted {
                return After::None;
            }
            if self.values.iter().any(|o| o.start == at) || at - start >= 60 {
                break;
            }
            end = at + c.len_utf8();
        }
        if end <= start {
            return After::None;
        }
        let noun = clean_name(&text[start..end]);
        let Some(first) = noun.chars().next() else {
            return After::None;
        };
        if self
            .token_at(start)
            .is_some_and(|w| NOUN_STOPS.contains(&w))
        {
            return After::None;
        }
        // 12个百亿元项目, 6个百万羽蛋鸡养殖项目: a magnitude modifies the noun.
        let second = noun.chars().nth(1).unwrap_or(' ');
        let numeral = !text[start..].starts_with('“')
            && ((is_cn_digit(first) && "个项家批十百千万亿".contains(second))
                || "十百千万亿".contains(first));
        if !(is_cjk(first) || first.is_ascii_alphanumeric())
            || "在于为是将以和与等则了或及并而内时起间来到至左右余多年月日".contains(first)
            || numeral
            || MILESTONES.iter().any(|m| noun == *m || noun.starts_with(m))
        {
            return After::None;
        }
        // 从7248亿元提高到…: a change, not a noun; 17个重点传统制造业增加值:
        // the count is part of an indicator.
        let change = QUALIFIERS_BEFORE
            .iter()
            .any(|q| q.chars().count() > 1 && noun.starts_with(q));
        let measure = [
            "增加值",
            "产值",
            "收入",
            "营收",
            "总额",
            "规模",
            "比重",
            "占比",
            "产量",
            "增速",
            "总量",
        ]
        .iter()
        .any(|m| noun.ends_with(m));
        if change || measure {
            return After::None;
        }
        if is_vague(&noun) {
            return After::Vague;
        }
        After::Noun(start, end)
    }

    /// 和/及/与 between two counted nouns ends the first; a short modifier
    /// before it (省级和城市的平台) does not.
    fn list_break(&self, at: usize) -> bool {
        let rest = &self.text[at..];
        let Some(w) = ["以及", "和", "及", "与"]
            .iter()
            .find(|w| rest.starts_with(**w))
        else {
            return false;
        };
        let before = self.text[..at]
            .chars()
            .rev()
            .take_while(|c| is_cjk(*c) || "“”".contains(*c))
            .count();
        before >= 3 && self.at_cut(at + w.len())
    }

    fn value_first(
        &mut self,
        rec: &MetricRecognizer,
        (ns, ne): (usize, usize),
        verb: Option<(String, String)>,
        qualifiers: &[String],
        kind: ValueKind,
    ) -> Option<Found> {
        let noun = clean_name(&self.text[ns..ne]);
        if noun.chars().count() < 2 && verb.is_none() || rec.is_region(&noun) {
            return None;
        }
        let (verb_word, subject) = verb.clone().unwrap_or_default();
        let defining = DEFINING_VERBS.contains(&verb_word.as_str());
        let name = if BARE_NOUNS.contains(&noun.as_str()) {
            // 10个省份部署建设试验区: 部署建设试验区的省份.
            if let Some(predicate) = self.predicate_after(ne) {
                format!("{predicate}的{noun}")
            } else if verb_word.is_empty() {
                return None;
            } else if !subject.is_empty() && subject.chars().count() <= 20 {
                format!("{subject}{verb_word}{noun}")
            } else {
                format!("{verb_word}{noun}")
            }
        } else if defining {
            format!("{verb_word}{noun}")
        } else {
            noun
        };
        if verb.is_some() {
            self.prev_count = verb;
        }
        let mut qualifiers = qualifiers.to_vec();
        if !verb_word.is_empty() && !defining {
            qualifiers.insert(0, verb_word);
        }
        self.prev = Some((name.clone(), kind));
        Some(Found {
            name,
            start: ns,
            end: ne,
            qualifiers,
            also: Vec::new(),
            region: None,
            value: None,
        })
    }

    /// The verb phrase after a counted noun, to the end of the clause:
    /// `部署建设国家数据要素综合试验区`.
    fn predicate_after(&self, from: usize) -> Option<String> {
        let rest = &self.text[from..];
        let end = rest.find(is_boundary).unwrap_or(rest.len());
        let mut vp = &rest[..end];
        for lead in ["已经", "已", "正在", "将", "均", "都", "也"] {
            vp = vp.strip_prefix(lead).unwrap_or(vp);
        }
        let vp_start = from + end - vp.len();
        let verb_first = self.token_at(vp_start).is_some_and(|w| {
            COUNT_VERBS.contains(&w)
                || CUT_VERBS.contains(&w)
                || [
                    "部署", "受益", "参与", "入选", "入围", "纳入", "参加", "深化", "推进",
                ]
                .contains(&w)
        });
        let vp: String = clean_name(vp).replace('了', "");
        let n = vp.chars().count();
        (verb_first && (2..=20).contains(&n) && vp.chars().all(is_cjk)).then_some(vp)
    }

    /// The indicator noun phrase in `[floor, pos)`: after the last cut word,
    /// time word or earlier value, lead and tail words trimmed.
    fn trim(&self, floor: usize, pos: usize) -> Option<(usize, usize)> {
        let text = self.text;
        let mut e = self.trim_tail(floor, pos);
        let mut s = floor;
        // Words and values inside quotation marks are part of a name.
        // The span test first: it is cheap, and most of the sentence's
        // words are outside the span.
        for (ts, te, w) in &self.tokens {
            if *ts < s || *te > e {
                continue;
            }
            let cut = (CUT_WORDS.contains(w) || CUT_VERBS.contains(w)) && !JOIN_VERBS.contains(w);
            // 占到: one verb in two words.
            if cut && !text[..*ts].ends_with('占') && !self.quoted(floor, *ts) {
                s = *te;
            }
        }
        for v in &self.values {
            if v.start >= s && v.end <= e && !self.quoted(floor, v.start) {
                s = v.end;
            }
        }
        while let Some(m) = time_re().find(&text[s..e]) {
            s += m.end();
        }
        for _ in 0..6 {
            let before = (s, e);
            if let Some(w) = LEAD_WORDS.iter().find(|w| text[s..e].starts_with(**w)) {
                if self.at_cut(s + w.len()) || w.chars().count() > 1 {
                    s += w.len();
                }
            }
            e = self.trim_tail(s, e);
            while let Some(c) = text[s..e].chars().next().filter(|c| "”\"' 、".contains(*c)) {
                s += c.len_utf8();
            }
            if (s, e) == before {
                break;
            }
        }
        (s < e).then_some((s, e))
    }

    /// Whether `at` is inside quotation marks opened after `floor`.
    fn quoted(&self, floor: usize, at: usize) -> bool {
        let head = &self.text[floor..at];
        head.matches('“').count() > head.matches('”').count()
    }

    /// Tail words and time words off the end: in 体系已接入, 已 must not
    /// hide the subject; 粮食综合生产能力每年 keeps its head.
    fn trim_tail(&self, s: usize, mut e: usize) -> usize {
        loop {
            let head = &self.text[s..e];
            if let Some(w) = TAIL_WORDS.iter().find(|w| {
                head.ends_with(**w) && (self.at_cut(e - w.len()) || w.chars().count() > 1)
            }) {
                e -= w.len();
            } else if let Some(m) = time_re()
                .find_iter(head)
                .last()
                .filter(|m| m.end() == head.len() && m.start() > 0)
            {
                e = s + m.start();
            } else {
                return e;
            }
        }
    }

    /// Whether `[s, e)` holds only verbs (`用好`, `加快推进`).
    fn only_verbs(&self, s: usize, e: usize) -> bool {
        let words: Vec<&str> = self
            .tokens
            .iter()
            .filter(|(ts, te, _)| *ts >= s && *te <= e)
            .map(|(_, _, w)| *w)
            .collect();
        let covered: usize = words.iter().map(|w| w.len()).sum();
        covered == e - s
            && words
                .iter()
                .all(|w| VERB_ONLY.contains(w) || COUNT_VERBS.contains(w) || CUT_VERBS.contains(w))
    }

    /// A join verb (实现) inside `[s, e)` with words on both sides.
    fn join_verb(&self, s: usize, e: usize) -> Option<(usize, usize)> {
        self.tokens
            .iter()
            .rfind(|(ts, te, w)| *ts > s && *te < e && JOIN_VERBS.contains(w))
            .map(|(ts, te, _)| (*ts, *te))
    }

    /// `A和B数量分别…V1、V2`: each value gets its part of the noun phrase.
    fn distribute(
        &mut self,
        i: usize,
        floor: usize,
        pos: usize,
        qualifiers: &[String],
    ) -> Option<Found> {
        let text = self.text;
        let mut chain = 1;
        while let Some(next) = self.values.get(i + chain) {
            let gap = &text[self.values[i + chain - 1].end..next.start];
            if !["、", "和", "及", "与", "以及", "或"].contains(&gap) {
                break;
            }
            chain += 1;
        }
        if chain < 2 {
            return None;
        }
        let mut named = self.parts(floor, pos)?;
        if named.len() != chain {
            return None;
        }
        let (name, start, end) = named.remove(0);
        self.pending = named;
        self.prev = Some((name.clone(), self.values[i].kind));
        Some(Found {
            name,
            start,
            end,
            qualifiers: qualifiers.to_vec(),
            also: Vec::new(),
            region: None,
            value: None,
        })
    }

    /// The coordinated indicators of `A、B和C…`, each completed with what
    /// they share: 城镇和农村居民人均可支配收入 gives 城镇居民人均可支配收入;
    /// 数据技术企业和数据应用企业数量 gives 数据技术企业数量.
    fn parts(&self, floor: usize, pos: usize) -> Option<Vec<(String, usize, usize)>> {
        let text = self.text;
        let (s, e) = self.trim(floor, pos)?;
        let mut parts: Vec<(usize, usize)> = Vec::new();
        let mut at = s;
        let mut quoted = false;
        for (j, c) in text[s..e].char_indices() {
            let p = s + j;
            match c {
                '“' => quoted = true,
                '”' => quoted = false,
                _ if !quoted && "和与及、".contains(c) && (c == '、' || self.at_cut(p)) => {
                    parts.push((at, p));
                    at = p + c.len_utf8();
                }
                _ => {}
            }
        }
        parts.push((at, e));
        parts.retain(|(a, b)| a < b);
        if parts.len() < 2 {
            return None;
        }
        let names: Vec<String> = parts
            .iter()
            .map(|(a, b)| clean_name(&text[*a..*b]))
            .collect();
        let last = names.last()?.clone();
        let last_len = last.chars().count();
        let short = names[..names.len() - 1]
            .iter()
            .map(|n| n.chars().count())
            .max()?;
        let paired = names[..names.len() - 1]
            .iter()
            .all(|n| PAIRED_MODIFIERS.contains(&n.as_str()));
        let last_head: String = last.chars().take(short).collect();
        let named: Vec<String> = if paired
            && PAIRED_MODIFIERS.contains(&last_head.as_str())
            && last_len >= short + 2
        {
            let head: String = last.chars().skip(short).collect();
            names
                .iter()
                .map(|n| {
                    if *n == last {
                        n.clone()
                    } else {
                        format!("{n}{head}")
                    }
                })
                .collect()
        } else {
            let suffix = SHARED_SUFFIXES.iter().find(|x| last.ends_with(**x));
            names
                .iter()
                .map(|n| match suffix {
                    Some(x) if *n != last && !MEASURE_ENDINGS.iter().any(|m| n.ends_with(m)) => {
                        format!("{n}{x}")
                    }
                    _ => n.clone(),
                })
                .collect()
        };
        Some(
            named
                .into_iter()
                .zip(parts)
                .map(|(n, (a, b))| (n, a, b))
                .collect(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::LexiconHits;
    use crate::segment::Segmenter;

    #[test]
    fn bare_numbers_have_the_groups_the_capture_engine_gives() {
        let text = "统一推进2023年数字经济增加值达到12万亿元,同比增长百分之八点五,\
                    三千五百万余人、约1,234.5亿元、六成、第一、千方百计、一二三四万亿、5%至7%";
        let re = value_re();
        let names: Vec<&str> = re.capture_names().flatten().collect();
        let mut bare = 0;
        for m in re.find_iter(text) {
            let ours = ValueGroups::of(m, text).unwrap();
            bare += usize::from(matches!(ours, ValueGroups::Bare(_)));
            let theirs = re.captures_at(text, m.start()).unwrap();
            assert_eq!(theirs.get(0).unwrap().range(), m.range());
            for name in &names {
                let want = theirs.name(name).map_or("", |g| g.as_str());
                assert_eq!(ours.get(name), want, "group {name} of {}", m.as_str());
            }
        }
        assert!(bare >= 3, "{bare}");
    }

    #[test]
    fn bare_numbers_count_only_in_ranges_or_with_a_magnitude() {
        let values =
            |text: &str| -> Vec<String> { find_values(text).into_iter().map(|v| v.text).collect() };
        assert!(values("统一推进进一步一体化,2023").is_empty());
        assert_eq!(
            values("新增用户3300万,同比增长8至10个百分点"),
            ["3300万", "8至10个百分点"]
        );
        assert_eq!(values("投资三十至五十亿元,时长5年至10"), ["30至50亿元"]);
        assert_eq!(values("经费3—5亿元"), ["3至5亿元"]);
    }

    /// Built once: the segmenter loads every lexicon.
    fn tools() -> &'static (Segmenter, MetricRecognizer) {
        static TOOLS: OnceLock<(Segmenter, MetricRecognizer)> = OnceLock::new();
        TOOLS.get_or_init(|| (Segmenter::new(), MetricRecognizer::new()))
    }

    fn run(sentences: &[&str]) -> Vec<(String, Observation)> {
        let (seg, rec) = tools();
        let mut state = ArticleState::default();
        let mut out = Vec::new();
        for (index, text) in sentences.iter().enumerate() {
            let text = crate::normalize::normalize_text(text);
            let tokens = seg.cut(&text);
            let view = SentenceView {
                text: &text,
                tokens: &tokens,
                hits: &LexiconHits::scan(&text),
                index,
            };
            let mut found = Vec::new();
            rec.recognize(&view, &mut state, &mut found);
            for m in found {
                assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
                if let Some(o) = m.observation {
                    out.push((m.name, *o));
                }
            }
        }
        out
    }

    fn pairs(sentences: &[&str]) -> Vec<(String, String)> {
        run(sentences)
            .into_iter()
            .map(|(n, o)| (n, o.value))
            .collect()
    }

    fn pair(name: &str, value: &str) -> (String, String) {
        (name.to_string(), value.to_string())
    }

    #[test]
    fn chinese_numerals_are_written_as_statistics_write_them() {
        assert_eq!(parse_cn("二万八千亿"), Some(2_800_000_000_000));
        assert_eq!(parse_cn("一百十二"), Some(112));
        assert_eq!(parse_cn("十五"), Some(15));
        assert_eq!(parse_cn("二〇二三"), Some(2023));
        assert_eq!(parse_cn("万x"), None);
        // No overflow panics on absurd input.
        assert_eq!(parse_cn(&"九".repeat(60)), None);
        assert!(parse_cn(&"亿".repeat(40)).is_none());
        assert_eq!(format_cn(2_800_000_000_000), "2.8万亿");
        assert_eq!(format_cn(1_000_000), "100万");
        assert_eq!(format_cn(15_000), "1.5万");
        assert_eq!(
            pairs(&["中央财政安排二万八千亿元转移支付。"]),
            [pair("转移支付", "2.8万亿元")]
        );
        assert_eq!(
            pairs(&["营利事业所得税税率为百分之十五。"]),
            [pair("营利事业所得税税率", "15%")]
        );
        assert_eq!(
            pairs(&["各年度出资总额達新臺幣三億元。"]),
            [pair("各年度出资总额", "新台币3亿元")]
        );
    }

    #[test]
    fn indicator_before_value_with_qualifiers_apart() {
        let found = run(&["2023年数字经济核心产业增加值超过12万亿元。"]);
        assert_eq!(found.len(), 1);
        let (name, o) = &found[0];
        assert_eq!(name, "数字经济核心产业增加值");
        assert_eq!(
            (o.value.as_str(), o.qualifier.as_str(), o.year.as_str()),
            ("12万亿元", "超过", "2023")
        );
        let found = run(&["数字经济核心产业增加值占国内生产总值比重达10%左右;"]);
        assert_eq!(found[0].1.value, "10%");
        assert_eq!(found[0].1.qualifier, "达;左右");
        let found = run(&["2023年,我国服务零售额比上年增长20%。"]);
        assert_eq!(found[0].0, "服务零售额");
        assert_eq!(found[0].1.qualifier, "比上年增长");
    }

    #[test]
    fn restated_indicators() {
        assert_eq!(
            pairs(&["我国规模以上轻工企业实现营业收入16.52万亿元,利润1.02万亿元,同比增长7.2%。"]),
            [
                pair("规模以上轻工企业营业收入", "16.52万亿元"),
                pair("利润", "1.02万亿元"),
                pair("利润", "7.2%"),
            ]
        );
        assert_eq!(
            pairs(&["一般公共预算收入从7248亿元提高到8865亿元。"]),
            [
                pair("一般公共预算收入", "7248亿元"),
                pair("一般公共预算收入", "8865亿元"),
            ]
        );
        assert_eq!(
            pairs(&["我国居民人均服务性消费支出6200元,占居民消费的比重为45.6%。"]),
            [
                pair("居民人均服务性消费支出", "6200元"),
                pair("居民人均服务性消费支出占居民消费的比重", "45.6%"),
            ]
        );
    }

    #[test]
    fn two_values_in_one_sentence_each_with_its_indicator() {
        assert_eq!(
            pairs(&["5G网络人口覆盖率和行政村通5G比例分别达到62.9%、80.1%。"]),
            [
                pair("5G网络人口覆盖率", "62.9%"),
                pair("行政村通5G比例", "80.1%")
            ]
        );
        assert_eq!(
            pairs(&["利用大模型的数据技术企业和数据应用企业数量分别同比增长57.21%、37.14%。"]),
            [
                pair("利用大模型的数据技术企业数量", "57.21%"),
                pair("数据应用企业数量", "37.14%"),
            ]
        );
        assert_eq!(
            pairs(&["城镇和农村居民人均可支配收入分别增长4.3%和5.5%。"]),
            [
                pair("城镇居民人均可支配收入", "4.3%"),
                pair("农村居民人均可支配收入", "5.5%"),
            ]
        );
        assert_eq!(
            pairs(&["接待游客人次、旅游总花费均增长8%以上。"]),
            [pair("接待游客人次", "8%"), pair("旅游总花费", "8%")]
        );
    }

    #[test]
    fn value_before_its_indicator() {
        assert_eq!(
            pairs(&["今年发行1万亿元超长期特别国债。"]),
            [pair("超长期特别国债", "1万亿元")]
        );
        assert_eq!(
            pairs(&["国家政务数据共享交换体系已接入62个部门、31个省级地方和新疆生产建设兵团。"]),
            [
                pair("国家政务数据共享交换体系接入部门", "62个"),
                pair("接入省级地方", "31个"),
            ]
        );
        assert_eq!(
            pairs(&["我国已累计建成700家5G工厂、72家“灯塔工厂”,培育340余个具有影响力的平台。"]),
            [
                pair("5G工厂", "700家"),
                pair("灯塔工厂", "72家"),
                pair("具有影响力的平台", "340个"),
            ]
        );
        assert_eq!(
            pairs(&["当前,我国在北京、辽宁、贵州10个省份部署建设国家数据要素综合试验区。"]),
            [pair("部署建设国家数据要素综合试验区的省份", "10个")]
        );
    }

    #[test]
    fn ranges_shares_in_tenths_and_units() {
        assert_eq!(
            pairs(&["项目总投资2500万至3000万元。"]),
            [pair("项目总投资", "2500万至3000万元")]
        );
        assert_eq!(
            pairs(&["全省生产总值增长5%—5.5%。"]),
            [pair("生产总值", "5%至5.5%")]
        );
        let found = run(&["数据生产量占到全国的近六成。"]);
        assert_eq!(found[0].1.value, "六成");
        assert_eq!(
            pairs(&["连接工业设备超9600万台(套)。"]),
            [pair("连接工业设备", "9600万台(套)")]
        );
        assert_eq!(
            pairs(&["全国数据生产总量达41.06泽字节(ZB)。"]),
            [pair("数据生产总量", "41.06泽字节")]
        );
    }

    #[test]
    fn year_and_region_come_from_the_article_and_the_subject() {
        let found = run(&[
            "2024年,全国数据生产总量达41.06泽字节;",
            "数字经济核心产业增加值占国内生产总值比重达10%左右;",
        ]);
        assert_eq!(found[1].1.year, "2024");
        let found = run(&["2024年,广东省培育9个跨行业跨领域工业互联网平台。"]);
        assert_eq!(found[0].1.region, "广东省");
        let found = run(&["江苏制造业数字化研发设计工具普及率达91.2%。"]);
        assert_eq!(found[0].0, "制造业数字化研发设计工具普及率");
        assert_eq!(found[0].1.region, "江苏省");
        // 中国 at the start names a body here, and is no subject region.
        let found = run(&["中国轻工业联合会数据显示,轻工企业利润1.02万亿元。"]);
        assert_eq!(found[0].1.region, "");
    }

    #[test]
    fn no_metric_without_an_indicator_or_a_statistic() {
        for s in [
            "该办法共8章38条,自2024年1月1日起施行。",
            "国家数据局印发25篇典型案例。",
            "电子商务交易额居全球第一,联系电话010-12345678。",
            "包括资源供给、过程管理、应用创新、环境营造4个方面。",
            "要抓好九项重点任务,推进“5G+工业互联网”建设。",
            "深入推进“3个100万”工程。",
            "首期规模500亿元的科创基金签约落地。",
            "对我们这样一个拥有14亿人口的国家来说,十分不易。",
            "用好240小时过境免签政策。",
            "可以并处10万元以上100万元以下罚款。",
            "产业用地所占面积,不得低于全区土地总面积百分之六十。",
            "打通信息服务的最后1公里。",
            "是指注册用户5000万以上的网络平台。",
        ] {
            assert_eq!(pairs(&[s]), [], "{s}");
        }
    }
}
