"""Word lists and precompiled patterns for the fact extractor (see docs/extract.md).

Everything here describes the *language* of Chinese plan reports, statistical bulletins and
government work reports (units, role cues, scope and time words); nothing is tied to one text.
"""

from __future__ import annotations

import re
from typing import Any, Final

from planwatch.extract._edges import EdgeChars
from planwatch.model import chinese as C
from planwatch.model.verdict import PHRASE_PATTERNS

try:  # the parse tree of a pattern: its widest match (Tail)
    # (typeshed has no stub for the private re._parser module)
    from re import _parser as _sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - other Python versions
    _sre_parse = None


class Tail:
    """A ``$``-anchored pattern searched only in the last characters where a match can start.

    ``search(s)`` returns exactly what ``pattern.search(s)`` returns (the leftmost match, which
    ends at the end of ``s``), without trying every earlier start position; ``cut(s)`` is
    ``pattern.sub("", s)`` for such a pattern (at most one non-empty match, at the end)."""

    __slots__ = ("re", "width")

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.re = pattern
        self.width: int | None = None
        if _sre_parse is not None:
            try:
                hi = _sre_parse.parse(pattern.pattern, pattern.flags).getwidth()[1]
            except Exception:  # pragma: no cover - private parser changed
                hi = None
            self.width = hi if hi is not None and hi < 4096 else None

    def search(self, s: str) -> re.Match[str] | None:
        w = self.width
        if w is None or len(s) <= w:
            return self.re.search(s)
        return self.re.search(s, len(s) - w)

    def cut(self, s: str) -> str:
        m = self.search(s)
        return s[:m.start()] if m else s

FULLWIDTH: Final = C.FULLWIDTH
ASCII_DIGITS: Final = frozenset("0123456789")
FULLWIDTH_PAIRS: Final = tuple((chr(k), v) for k, v in FULLWIDTH.items() if chr(k) != v)

CN_DIGITS: Final = "零〇一二两三四五六七八九"
CN_NUMERAL_CHARS: Final = CN_DIGITS + "十百千万亿"



# Base units (without magnitude), longest first inside the alternation.
_BASES = [
    "微克/立方米", "毫克/立方米", "元/平方米", "元/立方米", "元/千瓦时", "元/吨", "元/人", "元/月", "元/年",
    "元/日", "元/亩", "元/户", "公里/小时", "吨/年", "吨/日", "立方米/日", "千瓦时/年",
    "吨标准煤", "吨标煤", "标准箱", "标箱", "平方公里", "平方千米", "平方米", "立方米", "千瓦时", "兆瓦时",
    "千伏安", "千伏", "千瓦", "兆瓦", "吉瓦", "公顷", "公里", "千米", "千克", "公斤", "美元", "欧元", "港元", "日元",
    "个基点", "基点", "个千分点", "千分点", "分贝", "场次", "条段", "人次", "户次", "件次", "架次", "车次", "航次", "家次", "批次", "个工作日", "工作日", "小时", "分钟",
    "元", "人", "户", "家", "个", "件", "项", "张", "份", "次", "处", "批", "名", "所", "座", "套",
    "台", "辆", "条", "只", "头", "株", "棵", "宗", "起", "场", "位", "床", "单", "例", "篇", "吨",
    "亩", "米", "天", "岁", "艘", "架", "列", "斤", "部", "册", "种", "间", "期", "栋", "幢", "块", "盏", "对", "瓦", "度",
    "分", "秒", "克", "席", "口", "段", "担", "眼", "孔", "%", "‰", "倍", "成", "km", "kg", "kWh", "kW", "MW", "GW", "TEU",
]
#: compound per-units X/Y (公斤/亩 · 元/人 · 千瓦时/户): a quantity per acre, head, household or period
_PER_NUM: Final = ("元", "公斤", "千克", "斤", "吨", "千瓦时", "立方米", "克", "人", "户")
_PER_DEN: Final = ("亩", "人", "户", "月", "年", "日", "平方米", "公顷")
_BASES += [f"{n}/{d}" for n in _PER_NUM for d in _PER_DEN if n != d and f"{n}/{d}" not in _BASES]
#: the base units most numbers of a report carry, by their first character (tried first, see literal_trie)
_COMMON_FIRST: Final = "%元个人家项亩吨户公平倍件次台套座所名千立辆条处张份批场床标艘"


def literal_trie(words: list[str], first: str = "") -> str:
    """A pattern matching exactly what the alternation of ``words`` sorted longest first matches, and in the
    same order of preference, written as a trie: literals that can match at one position are prefixes of
    each other, and at each node the trie tries the longer continuation before the end of a shorter word,
    so the engine meets the same candidates in the same order. The characters of ``first`` are tried
    first at the top (the engine tests the alternatives of a branch in turn: a frequent unit is found after
    a few tests instead of a hundred)."""
    trie: dict[str, Any] = {}
    for word in set(words):
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, Any], rank: str) -> str:
        kids = sorted((ch for ch in node if ch), key=lambda ch: (rank.find(ch) % (len(rank) + 1), ch))
        if not kids:
            return ""
        parts = [re.escape(ch) + emit(node[ch], "") for ch in kids]
        body = parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(trie, first)


BASE_ALT: Final = literal_trie(_BASES, _COMMON_FIRST)

#: Right after a number: percentage points, or [余/多][magnitude][余/多][base unit], then a qualifier.
UNIT_RE: Final = re.compile(
    r"(?:(?P<pp>个百分点|百分点)"
    # 千 is no magnitude where a unit starts with it (千瓦时 is not 千 + 瓦)
    r"|(?P<q1>余|多)?(?P<mag>万亿|千万|百万|十万|亿|万|千(?!瓦|米|克|伏)|百)?(?P<q2>余|多)?(?P<base>" + BASE_ALT + r")?)"
    r"(?P<post>左右|以上|以内|以下|及以上|多|余)?"
)

#: characters a unit can start with (a Chinese numeral followed by none of them is no number)
UNIT_FIRST: Final = frozenset({b[0] for b in _BASES} | set("个百余多万亿千"))

#: an Arabic number with a magnitude inside it: 1万2千(公里) = 12000 · 5千(多亿元) = 5000 (then 多亿元)
INNER_MAGNITUDE_RE: Final = re.compile(r"[0-9]+(?:万[0-9]千|[千百](?=[多余][万亿]))")
#: the noun that makes a bare 万/亿 a count of people or households (农村低收入人口减少85万 → 万人 ·
#: 新增5G用户1.2亿 → 亿户 · 又有26万农民工落户城镇 → 万人), after the number or just before it
PEOPLE_NOUN: Final = r"(?:人口|人员|农民工|群众|居民|职工|劳动力|学生|游客|旅客|乘客|人才|患者|老人|儿童|妇女|工人|农民)"
HOUSEHOLD_NOUN: Final = r"(?:用户|农户|住户|商户|家庭|个体户)"
IMPLIED_AFTER_RE: Final = re.compile(r"[\u4e00-\u9fff]{0,3}?(?:(?P<people>" + PEOPLE_NOUN + ")|(?P<households>" + HOUSEHOLD_NOUN + "))")
IMPLIED_BEFORE_RE: Final = re.compile(r"(?:(?P<people>" + PEOPLE_NOUN + ")|(?P<households>" + HOUSEHOLD_NOUN + r"))"
                               r"[\u4e00-\u9fff]{0,4}$")

#: One pass over the text finds every candidate number (Arabic or Chinese numerals). A run of Chinese
#: numerals is a candidate only before a possible unit or when it ends in 万/亿 (一体化, 三年行动 and
#: “十五五” never are); the atomic group keeps a shorter prefix of a rejected run from matching instead.
NUMBER_RE: Final = re.compile(
    r"[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?"
    r"|(?>[零〇一二两三四五六七八九十百千万亿]+(?:点[零〇一二三四五六七八九]+)?)"
    r"(?:(?<=[万亿])|(?=[" + re.escape("".join(sorted(UNIT_FIRST))) + r"]))"
)

COUNT_UNITS: Final = frozenset("口 段 眼 孔 个 项 家 所 座 条 名 户 只 批 件 处 辆 台 套 位 张 艘 架 列 部 宗 起 场 例 篇 种 间 栋 幢 块 盏 株 棵 批次 期".split())
PERCENT_LIKE: Final = frozenset({"%", "‰", "倍", "成"})

# Sentence boundaries and clause boundaries.
SENTENCE_RE: Final = re.compile("[^" + re.escape(C.SENTENCE_BREAKS) + "]+")
CLAUSE_CHARS: Final = frozenset(C.CLAUSE_MARKS)
LIST_CHARS: Final = frozenset(C.LIST_MARK)
OPEN_QUOTES: Final = C.QUOTE_PAIRS
CLOSE_QUOTES: Final = frozenset(C.QUOTE_PAIRS.values())
OPEN_PARENS: Final = frozenset(C.OPEN_BRACKETS)
CLOSE_PARENS: Final = frozenset(C.CLOSE_BRACKETS)

# ---- role cues (matched at the end of the text left of a number) ----------------------------

#: plan completion: 占年度计划 · 完成年度计划 · 占年计划的 · 完成全年计划目标的 · 占预算的 · 完成年度目标任务的
#: … · 占年度计划投资的 · and the completed share of a named task or amount: 完成年度化债任务的 · 完成总工程量的
PLAN_RE: Final = re.compile(
    r"(?:占|完成|达到|达|为|相当于|不足|不到|低于)(?:了)?(?:年度|全年|年|本年|当年|全年度)?[^，,。；占]{0,4}?(?:计划|预算|目标)"
    r"(?:目标|任务|数|投资|总投资|进度)*(?:的)?$"
    r"|占计划(?:新开工|新建|开工|竣工|实施)?[^，,。；占的]{0,6}?(?:项目|任务|工程)的$"
    r"|完成(?:了)?(?:年度|全年|本年|当年)?(?P<ref>[^，,。；占的]{0,6}?(?:任务|工程量|工作量))的$"
)
#: a completion rate is progress against the plan (完成固定资产投资5.6亿元，完成率112.4%), unlike the
#: measurement rates (达标率, 开工率)
PLAN_RATE_RE: Final = re.compile(r"完成率(?:仅为|仅|只有|已达|分别为|分别)?(?:为|达到|达)?$")
#: a task named only by who set it (完成省下达年度任务的 · 完成全年目标任务的): the topic's own plan
GENERIC_TASK_RE: Final = re.compile(r"(?:上级|国家|省|市|区|县|州|镇)?(?:下达|确定|核定)?的?(?:年度|全年)?(?:目标)?任务")
#: the measure at the end of a topic, replaced by the amount a plan completion names (…完成投资 → …工程量)
TOPIC_MEASURE_RE: Final = re.compile(r"(?:累计)?(?:完成)?(?:投资|总投资|产值|产量)$")
#: share: 占比 · 占…比重/比例/份额 · 占…的
SHARE_PP_RE: Final = re.compile(r"占比$")
#: the share of the topic put to a purpose: 用于产业发展的比重 (a share without 占)
SHARE_USE_RE: Final = re.compile(r"(?P<use>(?:用于|投向|投入|来自|来源于)[^，,、占]{1,12}?)的?(?:比重|比例|占比)$")
#: a clause whose subject achieves or completes something (上半年市级重大项目实现了完成投资…增长)
AGENT_CLAUSE_RE: Final = re.compile(r"(?P<agent>[^，,、“”]{2,20}?)(?:实现了|完成了|实现)")
#: nouns too generic to name a count alone (114个项目): the topic's things of that kind
GENERIC_NOUNS: Final = frozenset({"项目", "企业"})
#: the scope a list of sectors opens with (规模以上工业战略性新兴产业、…), and how a sector's name ends
SECTOR_SCOPE_RE: Final = re.compile(r"(?:规模以上工业|规上工业|限额以上)")
SECTOR_END_RE: Final = re.compile(r"(?:产业|行业|制造业|服务业)$")
#: the generic head of a listed thing (项目, 企业 …): a bare modifier before it in a list takes it
GENERIC_HEAD_RE: Final = re.compile(r"(?:项目|企业|工程|基地|园区)$")
#: a threshold + 的 + (noun) + 有 + a count: the threshold classes the counted things (超300万元的乡镇有8个)
CLASS_BEFORE_COUNT_RE: Final = re.compile(r"的[\u4e00-\u9fff]{0,6}?有(?=[0-9一二两三四五六七八九十])")
#: what a number of years measures (受教育年限 · 预期寿命): the 年 after it is a unit, not a date
DURATION_LEFT_RE: Final = re.compile(r"(?:年限|寿命|期限|工龄)[^，,、；。]{0,6}$")
#: a money threshold of a class (超300万元 · 5亿元以上)
THRESHOLD_RE: Final = re.compile(r"(?:超过|超|逾|不足|低于)?[0-9]+(?:\.[0-9]+)?[万亿千百]*元(?:以上|以下|及以上)?")
#: a number-less clause stating a trend of its subject (民间投资稳步回升 · 工业投资较快增长): the bare figure after it
TREND_CLAUSE_RE: Final = re.compile(r"(?P<subj>[\u4e00-\u9fffA-Za-z（）()]{2,16}?)(?:继续|持续|稳步|快速|较快|明显|平稳|小幅|大幅|逐步)?"
                             r"(?:回升|回落|增长|提升|提高|下降|向好|加快|放缓|扩大|收窄)")
#: a span of time (前两年, 近三年, “十一五”以来, 一季度)
SPAN_OF_TIME_RE: Final = re.compile(r"[年月]|季度|“[^”]*五”")
#: a share written as an equivalent of a total (相当于全市生产总值的比例达到2.52%)
EQUIVALENT_SHARE_RE: Final = re.compile(r"相当于(?P<of>[^，,、]{1,16}?)的?(?:比例|比重)(?:达到|达|为)?$")
SHARE_RE: Final = re.compile(r"占(?!地(?!区)|用|领|有)(?P<of>[^占]{0,30}?)(?:的)?(?:比重|比例|份额|比)?$")

_DEC: Final = "下降|降低|减少|回落|下滑|下跌|削减|缩减|萎缩|收窄|缩小|放缓|减缓|降幅为|降幅|减产|少|降|减|跌"
_INC: Final = "增长|增加|提高|提升|上升|上涨|增产|加快|增幅为|增幅|增速为|增速|涨幅为|涨幅|扩大|净增|多|增|涨|年均增长|增长率为|增长率"
#: a change of a rate of decrease: 降幅扩大3.2个百分点 is a drop (−3.2), 降幅收窄 a rise
FALL_RATE_RE: Final = re.compile(r"降幅[^，,]{0,8}$")
CUE_RE: Final = re.compile(r"(?P<cue>" + _DEC + "|" + _INC + r")(?:了)?$")
DECREASE: Final = frozenset(_DEC.split("|"))
#: cues that, opening a clause with no subject, move the level the previous clause stated (，提高3.8公斤)
LEVEL_MOVE_CUES: Final = frozenset({"提高", "提升", "增加", "下降", "降低", "减少", "增产", "减产", "上升", "回落"})
#: a level reached: 提升至705元 · 提高到 · 下降到 (value, not change)
TO_LEVEL_RE: Final = re.compile(r"(?:" + _DEC + "|" + _INC + r"|拓展|扩展|跃升|稳定|保持|控制)(?:至|到|在)$")
#: gap to a reference: 高于预期目标0.2个百分点 · 低于全省1.1个百分点 · 快于
GAP_RE: Final = re.compile(r"(?P<dir>高于|低于|高出|低出|快于|慢于|超出|超过|超|落后|滞后)(?P<ref>[^，,]{0,16})$")
GAP_NEG: Final = frozenset({"低于", "低出", "慢于", "落后", "滞后", "低", "慢"})
#: the same with the reference between 比/较 and a bare comparative: 比年度预期目标（7%）高0.2个百分点
COMPARE_GAP_RE: Final = re.compile(r"(?:(?:比|较)(?P<ref>[^，,]{1,16}?)|^[）)]\s*)(?P<dir>高|低|快|慢)$")
#: the comparison before a cue: 比上年 · 较去年底 · 同比 · 与上年相比
COMPARE_RE: Final = re.compile(
    r"(?:同比|环比|(?:按)?(?:同|可比)口径(?:计算)?(?:同比)?|(?:剔除|扣除)[^，,]{1,12}?(?:因素|影响)?后(?:同比)?|(?:比|较|与|和)(?:(?:上年|去年)(?:执行数|预算数|决算数|完成数|实际数)|上年|去年|上一年|年初|上年末|年末|去年底|去年末|上年底|上年同期|去年同期|上年同月|去年同月|上年同季|同期"
    r"|上月|上季度|上半年|一季度|前三季度|前两个月|[0-9]{1,2}[—\-–~～][0-9]{1,2}月|[0-9]{4}年(?:底|末|同期|全年)?|全国|全省|全市|全区|全国平均(?:水平)?|全省平均(?:水平)?"
    r"|全市平均(?:水平)?)(?:同期)?(?:相比)?(?:同口径|可比口径)?)$"
)
#: a price basis in brackets between a cue and its number (比上年增长(可比价)9.8%)
#: an addend opening a subject (加上调入资金… · 扣除…): the total after it is the topic's
ADDEND_RE: Final = re.compile(r"(?:加上|减去|再加上)(?=[\u4e00-\u9fff]{2})")
EDITOR_NOTE_RE: Final = re.compile(r"[（(]下同[)）]")
BASIS_BRACKET_RE: Final = re.compile(r"[（(](?:按)?(?:可比价|不变价|现价)(?:格)?(?:计算)?[)）]$")
#: units of length, area and volume: a noun right after them is the thing measured (建成200公里农村公路)
MEASURED_AFTER_UNITS: Final = frozenset({"公里", "千米", "米", "亩", "公顷", "平方米", "平方公里", "平方千米", "立方米"})
#: the verbs of building or doing before a length or area whose noun follows (计划建成|200公里农村公路)
BUILD_VERB_END_RE: Final = re.compile(r"(?:建成|新建|改建|扩建|修建|建设|改造|铺设|完成|实施|新增|打造|整治|治理|种植|造林|流转"
                               r"|开发|硬化|绿化|疏浚|清理|恢复|修复|加固|加固达标)$")
#: qualifiers written before the number
PREQUAL_RE: Final = re.compile(r"(?P<q>超过|超出|超|接近|将近|近|约|逾|不足|不到|突破|高达|多达|达到|达|共计|合计|总计|累计|共|计|为|是|有|：|:|\s)$")
#: a qualifier that makes a bare magnitude a round number: 超千亿元 · 近百个 · 近万人 (not 数百, 千亿级)
ROUND_QUAL_RE: Final = re.compile(r"(?:超过|超|近|接近|将近|逾|约|突破|上)$")
PREQUAL_KEEP: Final = {"超过": "超", "超出": "超", "超": "超", "接近": "近", "将近": "近", "近": "近", "约": "约",
                "逾": "超", "不足": "不足", "不到": "不足", "突破": "超"}

#: target wording
#: the words that announce a target (TARGET_RE finds them; a name that is one of them names nothing)
TARGET_WORDS: Final = ("预期目标", "目标值", "目标为", "目标是", "计划目标", "年度目标", "力争", "确保")
TARGET_RE: Final = re.compile("(?:" + "|".join(TARGET_WORDS) + ")")
TARGET_WORD_SET: Final = frozenset(TARGET_WORDS)
#: a target set by a higher level opening a subject (市级下达目标1.16亿元 · 市定任务到资16亿元 · 2022市级下达
#: 年度目标3100万元): the number is a target, the name is what follows the phrase or else the topic
SET_TARGET_RE: Final = re.compile(r"(?:\d{4}年?)?(?:[省市县区州镇乡]级?|上级)(?:下达|下发|确定|核定|分解|定)的?"
                           r"(?:年度|全年|半年|本年|今年)?(?:目标任务|目标|任务)(?:数|值)?")
#: what a SET_TARGET_RE match starts with besides a decimal digit (its \d{4}年 is optional)
SET_TARGET_FIRST: Final = frozenset("省市县区州镇乡上")
#: a run-in heading: a short noun phrase standing as its own sentence at a line start (规模以上工业。 · 财政收入。),
#: the topic of the numbers after it on that line
HEADING_TOPIC_RE: Final = re.compile(r"[\u4e00-\u9fff]{2,10}")
#: words no run-in heading holds (a sentence of its own with a verb: 经济稳步增长。)
HEADING_VERB_RE: Final = re.compile(r"[是有为在将把对了着增降升稳保持实完推进加强提高]")
#: target words that are verbs before their subject (确保全年城镇新增就业…), not nouns after it (…预期目标为)
TARGET_VERBS: Final = frozenset({"力争", "确保"})
#: a comparison word left before a bracketed target: 高于年度目标（5.5%）
GAP_WORD_RE: Final = re.compile(r"(?:高于|低于|高出|低出|快于|慢于|超出|超过|符合|达到|接近|好于|优于|不及|比|较|与)"
                         r"(?:年度|全年|本年|今年|上级)?$")
#: a percentage cut written before what is cut (压减非刚性支出15%): a negative growth of that thing
CUT_LEAD_RE: Final = re.compile(r"(?:压减|削减|压降|缩减|核减)(?P<rest>[^，,、；。]{2,20})$")
#: a rate of change named before 分别 (增幅3—6月份分别为…), with the periods the numbers are of
RATE_NOUN_RE: Final = re.compile(r"(?P<rate>增幅|增速|涨幅|降幅|增长率)(?P<period>[^，,、]{0,12}?)$")
#: a run of numbers each written with 个 whose last one closes with 百分点 (拉动0.9个、2.4个、3.1个百分点)
POINTS_LIST_RE: Final = re.compile(r"(?:[、和][0-9]+(?:\.[0-9]+)?个)*[、和][0-9]+(?:\.[0-9]+)?个?百分点")
#: a name that is itself a growth rate: 经济增长 · 增速
GROWTH_NAME_RE: Final = re.compile(r"(?:增长|增速|增幅)$")
#: a number that a target noun follows: 高于5%左右的预期目标 · 控制在3.5%的目标以内
TARGET_AFTER_RE: Final = re.compile(r"的?(?:预期|年度|全年|计划|调控|控制)?目标")
TARGET_MAX: Final = 8   # longer than any TARGET_RE match (for scanning a line piece by piece)

# ---- subject cleaning ------------------------------------------------------------------------

_TIME: Final = (r"(?:[0-9]{4}年(?:度)?|今年以来|今年|去年|全年|上半年|下半年|前三季度|一季度|二季度|三季度|四季度|第[一二三四]季度"
         r"|[0-9一二三四五六七八九十]+[—\-–~～至到][0-9一二三四五六七八九十]+月(?:份)?|[0-9一二三四五六七八九十]+月(?:份|底|末)?"
         r"|当月|当季|单月|本月|年末|年底|年初|期末|截至目前|截至[^，,]{0,8}(?:底|末)|目前|同期|当年|本年)")
_SCOPE: Final = r"(?:" + C.alternation(C.SCOPE_WORDS) + ")"
#: the scope words kept in a fact's ``scope`` (the whole of a place: 全区, 全市 …)
WHOLE_SCOPES: Final = tuple(w for w in C.SCOPE_WORDS if w.startswith("全"))
#: adverbs and action verbs that open a clause but are not part of what is measured
#: (稳步实施农业农村重点项目 → 农业农村重点项目; 作出行政处罚 → 行政处罚); 新增/新建… stay (SPECIFIC_RE)
_MANNER: Final = "稳步|有序|扎实|加快|全力|积极|持续|顺利|全面|深入|大力|有效"   # manner adverbs before a verb
_ADVERB: Final = r"(?:" + _MANNER + r"|分别|累计|共)"
_ACTION: Final = (r"(?:实施|开展|推出|作出|做出|签发|发放|接待|建设(?!用地|项目|工程|规模|进度|资金|任务)"
           r")")
_LEAD_VERB: Final = (r"(?:力争|确保|拥有|完成|实现|达到|累计|共计|合计|总计|预计(?:可|能|将|有望)?|共有|共|实际完成|其中|现已|目前已|已经|正在|"
              r"已(?=完成|实现|$)|有(?![效机色线序关形力利望些的])(?=[\u4e00-\u9fff]{2})|"
              + _ADVERB + "?" + _ACTION
              + r"|，|,|\s|：|:)")
#: framing adverbials that open a clause but name nothing: the calculation basis (按不变价格计算,
#: 经初步核算), the span (“十四五”以来), the adjustment (剔除…因素后可比), the comparison (同比,
#: 与上年相比): the number then belongs to the topic
_FRAME: Final = (r"(?:按[^，,、]{1,8}?计算|经(?:初步)?核算|[^，,、]{1,8}?以来|(?:剔除|扣除)[^，,、]{1,14}?后(?:可比)?"
          r"|与上年(?:同期)?相比|同比)")
LEAD_RE: Final = re.compile(r"^(?:" + _TIME + "|" + _SCOPE + "|" + _FRAME + "|" + _LEAD_VERB + r")+")
#: LEAD_RE without the one alternative that can start with any character ([^，,、]{1,8}?以来): the same match
#: wherever 以来 does not occur, and then only where the first character is one of LEAD_FIRST (names._strip_ends)
LEAD_FAST_RE: Final = re.compile(r"^(?:" + _TIME + "|" + _SCOPE + "|" + _FRAME.replace(r"|[^，,、]{1,8}?以来", "") + "|"
                                 + _LEAD_VERB + r")+")
#: a cause inserted between subject and predicate: 高端装备产业受整机订单回落影响 → 高端装备产业
CAUSE_RE: Final = re.compile(r"(?:受|因)[^，,、]{1,14}?(?:影响|拖累)")
#: a limit or task named with the authority that set it (控制在省核定的债务限额 → 债务限额)
AUTH_LEAD_RE: Final = re.compile(r"(?:(?:控制|保持|稳定)在)?(?:上级|国家|省|市|区|县|州)?(?:核定|下达|批准|确定)的")
#: a streak before a level (连续五年保持在八成以上): a period, not part of the name
STREAK_RE: Final = re.compile(r"连续[0-9一二两三四五六七八九十]+(?:个)?(?:年|月|季度)$")
#: an action verb at the end of a stripped lead: it stays when its object alone is too short to name
#: anything (接待游客, 发放贷款), as the verb and object are then the name
ACTION_END_RE: Final = re.compile(r"(?:实施|开展|推出|作出|做出|签发|发放|接待|建设)$")
TIME_SCOPE_RE: Final = re.compile(r"^(?:" + _TIME + "|" + _SCOPE + r"|，|,|\s)+")
#: the characters a match of LEAD_FAST_RE and of TIME_SCOPE_RE starts with (a cheap test before the match)
LEAD_FIRST: Final = EdgeChars(LEAD_FAST_RE, last=False)
TIME_SCOPE_FIRST: Final = EdgeChars(TIME_SCOPE_RE, last=False)
TRAIL_RE: Final = re.compile(r"(?:(?<![自理缘事])由|再|超额|完成|已经|(?<=[\u4e00-\u9fff]{2})(?:继续|仍然|依然|仍)|(?<=[\u4e00-\u9fff]{2})已|实现|为|达到|达|是|有|共计|合计|总计|累计|共|计|约|超过|超|近|接近|将近|逾|突破|：|:|的|\s|，|,|、|分别|均|各)+$")
#: a clause that opens with its verb (实现利润总额…): its subject is the previous sentence's agent
VERB_FIRST_RE: Final = re.compile(r"(?:累计|共)?(?:实现|完成)")
#: 预计 near the start of a clause (used with .match at the clause start)
ESTIMATE_RE: Final = re.compile(r"[^，,]{0,6}?预计")
#: 完成/实现 between a subject and its measured noun (电子信息业完成规上产值 → 电子信息业规上产值);
#: not the term 完成投资
MID_VERB_RE: Final = re.compile(r"(?<=[\u4e00-\u9fff])(?:(?:累计|共)(?=完成投资)|(?:累计|共)?(?:完成|实现)(?!投资|率|情况|任务)(?=[\u4e00-\u9fff]))")
#: a leading phrase with a partner or focus before the verb (携手青浦、嘉善累计推出… · 聚焦“…”开展…):
#: the name starts after the verb
PREP_RE: Final = re.compile(
    r"\s*(?:携手|联合|会同|协同|联同|聚焦|围绕|针对|依托)[^，,。；]{1,24}?" + _ADVERB + "?" + r"(?:推出|开展|实施|完成|实现|形成|打造|举办)")
#: an enumeration summed up by a class count (A、B、小餐饮三类场所 → 三类场所)
CLASS_SUM_RE: Final = re.compile(r"[一二两三四五六七八九十]+(?:类|种|大类)[\u4e00-\u9fff“]")
#: an enumeration closed by 等 + its class noun (用地、资金、审批等问题) is one name
ETC_RE: Final = re.compile(r"等[\u4e00-\u9fff]{1,6}(?:余|多|近|约|超|共|达)?$")
#: a campaign or field modifier in front of the measured object (消防安全专项火灾隐患 → 火灾隐患)
CORE_LEAD_RE: Final = re.compile(r"^(?:排查|摸排|检查|发现|查处)并?(?=[\u4e00-\u9fff“]{2})")
CAMPAIGN_RE: Final = re.compile(r"^[^，,、]{2,8}?专项(?=[\u4e00-\u9fff]{2})")
#: a capacity measured by an amount: 粮食综合生产能力产量保持稳定 → 粮食综合生产能力 + 产量保持稳定
CAPACITY_ATTR_RE: Final = re.compile(r"(?<=能力)(?:产量|总量|规模)$")

#: a fund's balance is of the fund, not of its income or spending (社会保险基金预算支出… 收支结余 →
#: 社会保险基金收支结余)
BALANCE_ATTR_RE: Final = re.compile(r"(?:当期|当年)?(?:(?:收支|滚存|累计)?结余|结转)")
FUND_MEASURE_RE: Final = re.compile(r"(?:预算)?(?:收入|支出)$")
#: words with which a clause subject is only an attribute of the topic: 总投资 · 面积 · 覆盖 …
ATTR_RE: Final = re.compile(
    r"^(?:完成)?(?:当期|当年)?(?:用于|投向|(?:已|未|尚未)(?:开工|竣工|完工|建成|投产|开业|落地|到位|签约)$|协议(?:总)?投资|协议金额|注册资本|注册资金|水质|增速|增幅|涨幅|降幅|总投资|投资|惠及|受益|带动|计划投资|面积|建筑面积|占地面积|金额|总额|覆盖|人数|数量|规模(?!以上|以下)|总量|营业收入|营收|收入|"
    r"支出|待遇|整改|产量|产值|总产值|税收|利润|资金|收支结余|滚存结余|结余|户数|人次|容量|增加值|实际到账|到账|合同额|交易额|成交额|营业额|个数|家数|比例)"
)
#: a clause subject that is only a rate, a progress or a state of the sentence's entity, written after
#: the entity was named: 省控断面…，达标率为95.2% · 中央直达资金43.0亿元，已分配下达41.6亿元，分配进度96.7%
CLAUSE_ATTR_RE: Final = re.compile(r"(?:(?:已|未|尚未)[\u4e00-\u9fff]{1,4}|[\u4e00-\u9fff]{0,5}(?:率|进度))")
#: the measure an entity's name ends in (一般工业固体废物|产生量, 新增地方政府债券|额度)
ENTITY_MEASURE_RE: Final = re.compile(r"(?:产生量|排放量|消费量|用量|产量|总量|余额|额度|总额|规模|[\u4e00-\u9fff]{0,3}(?:率|比例))$")
#: a specific verb that belongs in the name (新增智能工厂) and carries over a 、 list
_SPECIFIC: Final = "新增|新建|新开工|新设立|新认定|新引进|新培育|新招引|新签约|新改建|新改扩建|新创建|新获批"
SPECIFIC_RE: Final = re.compile(r"(?:" + _SPECIFIC + r")$")
SPECIFIC_START_RE: Final = re.compile(r"^(?:" + _SPECIFIC + r")")

#: measures of a subject (规上工业企业|营业收入, 生产安全事故|起数), and a coordinated part that is only a
#: measure (利润总额, 死亡人数) and so shares the subject of the first part
_MEASURES: Final = "主营业务收入|营业收入|利润总额|总产值|增加值|利润|产值|产量|营收|收入|支出|面积|金额|总额"
_COUNT_MEASURES: Final = "人数|起数|户数|次数|件数|家数|个数|人次"
MEASURE_TAIL_RE: Final = re.compile(r"(?:" + _MEASURES + "|" + _COUNT_MEASURES + r")$")
BARE_MEASURE_RE: Final = re.compile(r"(?:" + _MEASURES + r")|[\u4e00-\u9fff]{0,3}(?:" + _COUNT_MEASURES + ")")
#: a predicate after a counted noun that selects some of them (入选全国百强县, 实现增长, 未开工), or a
#: shortfall against a reference (完成投资不足年度计划的50%)
SELECT_PRED_RE: Final = re.compile(r"(?:入选|获评|获批|列入|纳入|通过|(?:实现|比上年|同比)(?:正)?增长|(?:已|未|尚未|仍未)[\u4e00-\u9fff])")
#: a condition the counted things meet, with its own subject (5个设区市|PM2.5浓度达到国家二级标准)
MEMBER_PRED_RE: Final = re.compile(r"[^，,。；、]{1,12}?(?:达到|未达到|未完成|优于|好于|达标)")
SHORT_OF_RE: Final = re.compile(r"不足|低于|未达到|未达")
#: a verb between an amount and the count it supports (新增专项债券7.5亿元，支持12个重点项目): the count
#: is named with the amount's subject and the verb
SUPPORT_END_RE: Final = re.compile(r"(?:支持|带动|撬动|扶持|保障|吸引)$")
SUPPORT_VERBS: Final = frozenset({"支持", "带动", "撬动", "扶持", "保障", "吸引"})
#: an action done for the counted people (为2860名老年人开展免费体检): the verb leaves the name
BENEFIT_VERB_RE: Final = re.compile(r"开展|提供|实施|发放|办理")
#: the fund an amount is of, written after it (中央财政安排500亿元专项资金), with the verb before it
FUND_AFTER_RE: Final = re.compile(r"[\u4e00-\u9fff]{0,6}?(?:专项资金|资金|债券|补助|补贴|奖补|贷款|基金|经费)(?=$|[，,。；;、])")
FUND_VERB_RE: Final = re.compile(r"(?:安排|下达|拨付|筹集|争取|发放|投入|落实|兑现|下拨|统筹)$")
#: the purpose an amount is put to, written after it (统筹资金2.85亿元支持乡村振兴)
PURPOSE_RE: Final = re.compile(r"(?:支持|用于|投向|扶持)[\u4e00-\u9fff]{2,12}$")
#: where the noun after a count stops: 5个省重大项目|完成投资
RIGHT_STOP_RE: Final = re.compile(
    r"中有|有(?=[0-9一二两三四五六七八九十])|完成|实现|全部|均|已|达到|达|为|是|累计|共(?!建|享|治|同|富)|获评|获得|获|入选|落地|通过|占|增长|同比|比上年|较上年|总投资|分别|和|及|与|等|"
    r"水质|正在|顺利|基本|按期|稳步|有序|加快|开工建设|建成投用|投入使用|投产|签约|实施|完工|"
    r"尚未|仍未|未完成|未达|未开工|未投入|未实现|未建成"
)
#: adverb + verb phrase at the end of a clause used as a topic (十大民生实事项目稳步推进)
#: a superlative predicate ending a clause used as a topic (水口片区贡献最大，… → 水口片区)
SUPERLATIVE_RE: Final = re.compile(r"(?:贡献|增长|增速|增幅|规模|总量|数量|产值|投资)?(?:最大|最多|最快|最高|最强|最优|居首|领先)$")
TOPIC_TRAIL_RE: Final = re.compile(r"(?:" + _MANNER + r")?(?:推进|实施|推动|开展|建设|落实|进行)?(?:常态化|常态长效化|制度化|规范化|长效化)?$")
TOPIC_LEAD_RE: Final = re.compile(r"^(?:" + _MANNER + r"|统筹|着力)?(?:推进|实施|推动|开展|组织|落实)")

# ---- statuses --------------------------------------------------------------------------------

STATUS_RE: Final = re.compile(
    r"(?:与(?:上年|去年)(?:同期)?相比)?"
    r"(?:完成(?:上级|国家|省|市|区|县|州)?(?:下达|确定)?的?[^，,。；]{0,12}?(?:目标)?任务"
    r"|(?:总体|基本)?保持(?:基本)?(?:稳定|平稳|平衡|正增长|稳中有升)|总体稳定|基本稳定|基本平衡|稳中有升|稳中有降"
    r"|与经济增长(?:基本)?同步|(?:基本)?同步增长"
    r"|稳步(?:降低|下降|提高|提升|增长)|有所(?:提高|提升|下降|降低|改善)"
    r"|未发生[^，,。；]{0,20}事故|零发生"
    r"|持续(?:减少|下降|降低|改善|向好|增长|提升|提高)|(?:同比|环比|与上年同期|与上年|与去年|与上月|与上季度|与上半年|与一季度|与前三季度)?(?:基本)?持平"
    r"|与(?:预期目标|预算|年初预算|计划|年度计划)(?:基本)?持平|(?:基本)?符合预期(?:目标)?|控制在(?:年度)?预期目标(?:以内|之内|内)|未达(?:到)?预期(?:目标)?"
    r"|不降反升|不升反降|不增反降|不减反增|(?:完成|达到|快于|符合)(?:时间)?序时进度(?:要求)?|达到预期(?:目标)?|实现预期目标|好于预期(?:目标)?|只增不减"
    r"|(?:超额|提前|全面)完成(?:年度|全年)?(?:预期)?目标|(?:全部|全面|如期|按期)完成|动态清零"
    r"|总体(?:为)?(?:优|良好|较好)|得到(?:有效|充分|切实)?(?:保障|落实|控制|遏制)"
    r"|保持在[^，,。；]{1,12}(?:范围|区间)内)$"
)
#: "unchanged against the previous period" (与上月持平): after a number it restates that number's comparison
FLAT_AFTER_NUMBER_RE: Final = re.compile(r"(?:同比|环比|与上年同期|与上年|与去年|与上月|与上季度|与上半年|与一季度|与前三季度)(?:基本)?持平")
#: the last character of every STATUS_RE match (a clause ending otherwise is no status)
STATUS_LAST: Final = EdgeChars(STATUS_RE, last=True)
#: a status phrase that refers to a plan, target, task, expectation or schedule (完成上级下达任务, 符合预期,
#: 与经济增长同步 …); the others describe a trend (保持稳定, 持续改善, 未发生…事故 …) and are a status only
#: where the text lists indicators' results (see statuses._Scan)
REFERENCE_RE: Final = re.compile(r"任务|预期|目标|序时|计划|同步|完成")
#: a subject that names a measured quantity (社会消费品零售总额, 居民消费价格, 用水量, 等级 …): its trend is
#: its status wherever it is written
MEASURED_RE: Final = re.compile(r"(?:总额|总量|价格|指数|量|率|比例|比重|收入|支出|收支|产值|增加值|投资|面积|产量|浓度|天数"
                         r"|等级|质量|人数|规模|数|能力|余额|供给|水平)$")
#: the last character of every verdict phrase of the shared vocabulary (model.verdict)
_VERDICT_EDGES: Final = tuple(EdgeChars(p, last=True) for p in PHRASE_PATTERNS)
VERDICT_LAST: Final = EdgeChars.of_any(*_VERDICT_EDGES)
#: the verdict hints compiled so far, by last character (verdict_hint)
_VERDICT_HINTS: Final[dict[str, re.Pattern[str]]] = {}


def verdict_hint(last: str) -> re.Pattern[str]:
    """Any verdict phrase of the shared vocabulary that can end with ``last`` (one search before
    model.verdict.find_verdicts runs its patterns on a clause ending with ``last``: a phrase ending the
    clause ends with that character, so only the patterns whose last characters hold it can give one,
    17 of 35 at most). Compiled on first use (start-up time)."""
    hint = _VERDICT_HINTS.get(last)
    if hint is None:
        hint = _VERDICT_HINTS[last] = re.compile("|".join(
            "(?:" + p.pattern.replace("(?P<points>", "(?:") + ")"
            for p, edge in zip(PHRASE_PATTERNS, _VERDICT_EDGES, strict=True) if last in edge))
    return hint


#: the last character of any status phrase (a trend of STATUS_RE or a verdict)
STATUS_END: Final = EdgeChars.of_any(STATUS_LAST, VERDICT_LAST)
#: an enumerated problem or measure (一是…，二是…): its wording describes, it reports no result
ENUM_RE: Final = re.compile(r"[一二三四五六七八九十]+是")
STATUS_SKIP_RE: Final = re.compile(r"^(?:确保|力争|努力|奋力|全力|推动|坚决|全面|加快|推进|持续|坚持|深入|着力|切实|进一步|不断|积极"
                            r"|拖累|导致|致使|使得|带动"
                            r"|主要(?:经济)?指标|各项(?:经济)?指标|(?:国民经济|经济|经济社会)(?:运行|发展)?(?:总体|整体)?(?:平稳|稳定|向好|良好)|[\u4e00-\u9fff]{0,8}主要目标任务$"
                            r"|(?:[省市区县镇]级)?[一二三四五六七八九十]+[件项大]\S{0,4}?(?:实事|工程|行动))")
#: a status subject that is only a manner adverb names no indicator (较好完成了全年各项目标任务)
STATUS_ADVERB_RE: Final = re.compile(r"(?:较好|圆满|顺利|基本|全面|超额|提前)地?")
#: what an ANNUAL_RE phrase always holds (a cheap test before the pattern)
ANNUAL_HINT_RE: Final = re.compile("数据|指标|计数")
ANNUAL_RE: Final = re.compile(
    r"(?:均为|均属|均系|为|属于|系)(?P<st>(?:年度|年报|全年)(?:统计)?(?:数据|指标)[^。；;\n]*"
    r"|(?:暂)?无(?:半年度|季度|月度)(?:预计数|数据|统计数)[^。；;\n]*)$"
)

# ---- exclusions --------------------------------------------------------------------------------

ASCII_LETTER: Final = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
RANGE_CHARS: Final = frozenset("-—–~～至")
#: the characters before / after a number that some exclusion rule (facts._excluded) looks for
EXCL_PREV: Final = frozenset(ASCII_LETTER | RANGE_CHARS | set("+＋/×*第每.:：”（("))
EXCL_NEXT: Final = frozenset(RANGE_CHARS | set("+＋:：、.．)）"))
BARE_OK_RE: Final = re.compile(r"(?:(?:指数|系数|评分|得分|比值|PMI)(?:[（(][A-Za-z]{1,8}[)）])?|收入比|[\u4e00-\u9fff]比(?=缩小|扩大|下降|降至))"
                        r"(?:为|达|达到|是|(?:缩小|扩大|下降|降|上升|提高)(?:至|到)|由[0-9.]+(?:缩小|扩大|下降|降)(?:至|到))?$")
AGE_OK_RE: Final = re.compile(r"(?:寿命|年龄)(?:为|达|达到|是|(?:提高|提升|增加|延长)(?:到|至))?$")
CLASS_AFTER_RE: Final = re.compile(r"(?:以上|以下|及以上)[\u4e00-\u9fff](?<![的，])")
CHANGE_CUES: Final = frozenset({"增加", "减少", "增产", "减产", "净增", "净减", "下降", "降低", "回落"})
#: a capacity written in a project's name: 年产|20万吨锂电正极材料项目 · 日处理|500吨垃圾焚烧发电工程
CAPACITY_LEFT_RE: Final = re.compile(r"(?:年产|年处理|年加工|年吞吐|年产能|年设计产能|日产|日处理|设计产能)$")
CAPACITY_LAST: Final = EdgeChars(CAPACITY_LEFT_RE, last=True)
#: 完成 + a percentage with no plan named (铺架完成90% · 完成任务数120%): the share of the planned work done
DONE_SHARE_RE: Final = re.compile(r"(?<![总计共])完成(?:任务数|任务量|工作量|进度)?$")
#: a growth named after its rate (保持40%以上增长 · 实现5%的增长)
GROWTH_AFTER_RE: Final = re.compile(r"(?:以上|左右)?(?:的)?(?:增长|增速)")
#: a contribution named as a noun with 为 (拉动GDP增长分别为0.3、4.5个百分点): its size is a value
CONTRIBUTION_RE: Final = re.compile(r"拉动[^，,；。]{0,10}?(?:分别)?为")
#: ordinals of a list sharing the last one's head (第一、二、三产业)
ORDINAL_RE: Final = re.compile(r"第?[一二三四五六七八九十]")
ORDINAL_LAST_RE: Final = re.compile(r"第?(?P<n>[一二三四五六七八九十])(?P<head>[\u4e00-\u9fff][^、，,]{1,15})")
#: the gap to a target before its number (高于预期目标0.2个百分点 · 比年度目标（5.5%）高0.6个百分点)
TARGET_GAP_RE: Final = re.compile(r"(?:高于|低于|超过|超出|快于|慢于|好于|高出|低出|比|较)(?:年度|全年|年初|省定|市定|上级下达的?)?"
                           r"(?:预期)?(?:增长)?目标(?:值)?(?:[（(][^）)]{0,12}[）)])?(?:高|低|快|慢)?$")
#: a clause naming a set whose members the next clause counts: 今年计划开工项目中，有158个已开工
SET_CLAUSE_RE: Final = re.compile(r"(?P<x>[^，,、0-9]{2,20})中")
#: the predicate a member meets: a state (已开工, 未完工, 实现增长 …)
SET_MEMBER_PRED_RE: Final = re.compile(r"(?:已|未|尚未|实现|完成|达到|超过|全部|均)")
#: what a voltage classes (the number is part of the facility's name): 220千伏输变电工程 · 1000千伏特高压交流工程
VOLTAGE_CLASS_RE: Final = re.compile(r"(?:特高压|超高压|输变电|变电站|变电|输电|线路|交流|直流|电网|主变|开关站)")
NAMED_PROJECT_RE: Final = re.compile(r"[\u4e00-\u9fffA-Za-z“”]{1,20}?(?:项目|工程|基地|生产线|产业园)")
#: a programme named by its count: 十件民生实事 · 五项行动 · 十大工程
PROGRAMME_RE: Final = re.compile(r"[\u4e00-\u9fff]{0,4}?(?:实事|民生工程|行动|攻坚战|战役|专项行动)")
#: a slogan counted by a Chinese numeral: 守住两条底线 · 落实八项规定精神 · 四个意识 · 两个确保
SLOGAN_RE: Final = re.compile(r"[\u4e00-\u9fff]{0,2}?(?:底线|红线|规定|原则|精神|方针|意识|自信|维护|确保|基本|坚持|必须)")
#: the ordinals of a meeting: 十二届七次、八次、九次全会
MEETING_RE: Final = re.compile(r"(?:、[一二三四五六七八九十]+次)*(?:全会|全体会议|会议|常委会)")
#: letters glued before a number that are a code with it (PM2.5, NO2, M2 …), unlike an abbreviation that
#: names what the number measures (GDP612.3亿元, CPI …)
CODE_LETTERS: Final = frozenset({"PM", "NO", "SO", "CO", "NH", "COD", "BOD", "TP", "TN", "AQI", "G", "O", "M"})
#: the numbers of a list after the first, and the unit after the last (0.21、-3.4、2.05个百分点)
LIST_TAIL_RE: Final = re.compile(r"(?:[、和]\s?[-−]?[0-9]+(?:\.[0-9]+)?)+")
HEADING_RE: Final = re.compile(r"\s*(?:[（(][一二三四五六七八九十0-9]+[)）]|[一二三四五六七八九十]+、|[0-9]+[.．、]|——)")
#: a list marker at the start of a clause (3.外贸进出口保持稳定): never part of a name
LIST_MARK_RE: Final = re.compile(r"\s*(?:[（(][一二三四五六七八九十0-9]+[)）]|[一二三四五六七八九十]+、|[0-9]+[.．、](?![0-9]))")
FULLWIDTH_RE: Final = re.compile("[" + re.escape("".join(w for w, _ in FULLWIDTH_PAIRS)) + "]")
#: quotes and brackets (a sentence without them has all its clause and list marks at the top level)
_NESTING: Final = "".join(C.QUOTE_PAIRS) + "".join(C.QUOTE_PAIRS.values()) + C.OPEN_BRACKETS + C.CLOSE_BRACKETS
NESTING_RE: Final = re.compile("[" + re.escape(_NESTING) + "]")
CLAUSE_RE: Final = re.compile("[" + re.escape(C.CLAUSE_MARKS) + "]")
LIST_RE: Final = re.compile("、")
#: the characters _quote_spans looks at (quotes, brackets, clause and list marks)
SPECIAL_RE: Final = re.compile("[" + re.escape(_NESTING + C.CLAUSE_MARKS + C.LIST_MARK) + "]")


# $-anchored patterns searched from the end only (see Tail)
T_PLAN: Final = Tail(PLAN_RE)
T_SHARE_PP: Final = Tail(SHARE_PP_RE)
T_SHARE: Final = Tail(SHARE_RE)
T_CUE: Final = Tail(CUE_RE)
T_TO_LEVEL: Final = Tail(TO_LEVEL_RE)
T_GAP: Final = Tail(GAP_RE)
T_COMPARE: Final = Tail(COMPARE_RE)
T_PREQUAL: Final = Tail(PREQUAL_RE)
T_TRAIL: Final = Tail(TRAIL_RE)
T_TOPIC_TRAIL: Final = Tail(TOPIC_TRAIL_RE)
T_SPECIFIC: Final = Tail(SPECIFIC_RE)
T_STATUS: Final = Tail(STATUS_RE)
T_CAPACITY: Final = Tail(CAPACITY_ATTR_RE)
T_GAP_WORD: Final = Tail(GAP_WORD_RE)
T_GROWTH_NAME: Final = Tail(GROWTH_NAME_RE)
T_PLAN_RATE: Final = Tail(PLAN_RATE_RE)
T_COMPARE_GAP: Final = Tail(COMPARE_GAP_RE)
T_SHARE_USE: Final = Tail(SHARE_USE_RE)
#: the characters a match of these $-anchored patterns can end with (a cheap test before the search)
PREQUAL_LAST: Final = EdgeChars(PREQUAL_RE, last=True)
CUE_LAST: Final = EdgeChars(CUE_RE, last=True)
TO_LEVEL_LAST: Final = EdgeChars(TO_LEVEL_RE, last=True)
TRAIL_LAST: Final = EdgeChars(TRAIL_RE, last=True)
COMPARE_GAP_LAST: Final = EdgeChars(COMPARE_GAP_RE, last=True)
#: the characters a match of these patterns can start with
RIGHT_STOP_FIRST: Final = EdgeChars(RIGHT_STOP_RE, last=False)
PREP_FIRST: Final = EdgeChars(PREP_RE, last=False)
TARGET_AFTER_FIRST: Final = EdgeChars(TARGET_AFTER_RE, last=False)
PURPOSE_FIRST: Final = EdgeChars(PURPOSE_RE, last=False)
#: a sentence without a match here has no number token (an Arabic digit, or a Chinese numeral
#: followed by a possible unit start, see facts._tokens)
NUM_HINT_RE: Final = re.compile(
    "[0-9]|[" + CN_NUMERAL_CHARS + "][" + re.escape("".join(sorted(UNIT_FIRST))) + "]")
#: a sentence without a match here has no status clause (STATUS_RE ends a clause with one of STATUS_LAST)
STATUS_HINT_RE: Final = re.compile(STATUS_END.char_class() + r"\s*(?:[，,：:]|$)")
#: indicators listed before a verdict they share: A、B、C等5项指标 · X、Y等约束类指标 (one status each)
#: a comparison figure in brackets after the reference it belongs to (高于全省平均增幅(11%)8.9个百分点): the growth
#: of the reference's own figure (全省 + the topic); the gap after it is the topic's change
TARGET_WORD_RE: Final = re.compile(r"目标|预期|计划|任务")
REF_BRACKET_RE: Final = re.compile(r"(?P<gap>高于|低于|快于|慢于|超过|超出|高出|低出)(?P<ref>[\u4e00-\u9fff]{1,8}?)"
                            r"(?:平均)?(?:增幅|增速|涨幅|增长|水平)?(?:[（(])$")
#: the 除 of 除A、B等5项指标…外 (the excepted ones are listed like any others)
EXCEPT_LEAD_RE: Final = re.compile(r"^(?:[^，,、]{0,8}?，)?除了?")
LISTED_RE: Final = re.compile(r"(?P<items>[^，,。；]+?、[^，,。；]+?)等(?:[0-9一二三四五六七八九十]+[项个类])?[\u4e00-\u9fff]{0,6}?指标"
                       r"(?:仍然|依然|仍|均|都|已|继续|全部|基本)?")
#: verdicts that may follow a count in the same clause (全省9条主要江河干流水质总体为优)
STATUS_NUMBERED_RE: Final = re.compile(r"总体|得到|保持在")
#: the set a later count picks its members from: 12个|区县中有 · 22项|主要指标中， · 14项|指标有
SET_FRAME_RE: Final = re.compile(r"(?P<x>[^，,。；、中有\d]{1,12})(?:中有|中[，,]|有(?=[0-9一二两三四五六七八九十]|$))")
#: a class word closing a 、 list (A、B、C三大主导产业): it counts the parts, it names none of them
CLASS_WORD_RE: Final = re.compile(r"[一二两三四五六七八九十]+(?:大|个|项|类|种|家)[\u4e00-\u9fff]{0,4}?(?P<head>产业|行业|板块|领域|企业)?$")
#: 均 closing a list of names, with the verb it may take (进出口总额和出口额均|增长 · A和B均保持|100%)
EACH_END_RE: Final = re.compile(r"均(?:保持在|稳定在|控制在|保持|为|达到|达|突破|超过|超)?\s*$")
#: a class word of places after the last of a 、 list (甲、乙、丙、丁四市经济总量): it counts the places, and
#: what follows it is each place's measure
PLACE_CLASS_RE: Final = re.compile(r"(?P<item>.{1,10}?)[一二两三四五六七八九十]+(?:个)?(?:市|县|区|镇|乡|街道|地|省|国|园区)(?P<rest>.+)")
#: what joins the two ends of a range (5%—5.5%)
RANGE_JOINS: Final = frozenset({"—", "-", "–", "~", "～", "至", "到", "——"})
#: a status subject ending in a pledge word is a promise, not a result (我们将奋力|完成全年目标任务)
PLEDGE_END_RE: Final = re.compile(r"(?:奋力|努力|全力|力争|确保|争取)$")
#: a coded name (PM2.5, COD) after a counted noun starts what the counted things did
CODED_NAME_RE: Final = re.compile(r"[A-Za-z]+[0-9]")

#: compound names that 分别 splits into two: 存贷款余额 → 存款余额, 贷款余额 · 进出口 → 进口, 出口
COMPOUNDS: Final = (("存贷款", ("存款", "贷款")), ("存贷", ("存款", "贷款")), ("进出口", ("进口", "出口")),
             ("收支", ("收入", "支出")), ("城乡居民", ("城镇居民", "农村居民")))
#: the place a task was done in, written between 完成 and the count (完成安置区|3500套房屋的交付工作)
DONE_PLACE_RE: Final = re.compile(r"(?:完成|实现)(?P<place>[\u4e00-\u9fff]{2,6})$")
#: two periods listed before a name that 分别 gives a number each (前三季度和全年工业产值)
PERIOD_PAIR_RE: Final = re.compile("^(?P<p1>" + _TIME + ")(?:和|、|及|与)(?P<p2>" + _TIME + ")(?P<rest>.+)$")
#: a statistical scope that opens a name and is shared by the siblings listed after it
LIMIT_SCOPE_RE: Final = re.compile(r"(?:限额以上|规模以上|规上|限上)(?:单位|企业)?")
#: the head of a measure whose bare sibling (贷款余额 after 金融机构本外币存款余额) shares the fuller name's subject
SIBLING_MEASURE_RE: Final = re.compile(r"(?:余额|总额|收入|支出|产量|产值|面积|里程|人数)$")
#: a clause that only states a policy or measure (加大重点外贸企业帮扶力度 · 以旧换新政策持续显效): it names
#: nothing that a number after it measures
MEASURE_CLAUSE_RE: Final = re.compile(
    r"\s*(?:(?:进一步|持续|继续)?(?:加大|加强|强化|深化|优化|完善|落实|强化)[^，,。；]{1,20}?(?:力度|措施|支持|保障|服务|举措)"
    r"|[^，,。；]{1,16}?(?:政策|措施|举措)(?:持续|不断|逐步|加快)?(?:显效|见效|发力|落地见效|落地))\s*")

#: the characters a match of these patterns starts with (a cheap test before a ``match``/``fullmatch`` at a string's start)
ATTR_FIRST: Final = EdgeChars(ATTR_RE, last=False)
ADDEND_FIRST: Final = EdgeChars(ADDEND_RE, last=False)
THRESHOLD_FIRST: Final = EdgeChars(THRESHOLD_RE, last=False)
