"""Target statements (主要预期目标) → :class:`planwatch.model.Target` records with character spans.

A plan or a government work report states its year's targets in a list such as

    今年经济社会发展的主要预期目标：地区生产总值增长5%以上；一般公共预算收入保持正增长；社会消费品零售
    总额超1000亿元；高新技术产业产值占比稳定在70%以上；居民人均可支配收入与经济增长基本同步；城镇调查失业率
    5.5%左右；单位GDP能耗降低完成省下达任务。

``extract_targets(text, region=…, year=…)`` reads such lists. The rules:

1. **Where.** A *target zone* starts after a trigger (主要预期目标, 预期目标, 主要目标, 发展目标, 目标任务 …
   followed by 是/为/如下/：) and runs to the end of that sentence (the first 。 or the line end). When the
   trigger line holds no target (a heading, or “…主要预期目标如下：”), the zone continues over the next lines
   for as long as they state targets (a short sub-heading between them is skipped). Outside zones, a
   parenthetical “（预期目标为8.5%以上）” / “目标为…” gives a target for the subject of its sentence.
2. **Clauses.** A zone is split into items at ；;。 and line ends, items into clauses at ，, and 、 before a
   verb; a clause without a subject (“，增长5%左右”) keeps the previous clause's indicator.
3. **Predicates**, the first found wins; the indicator is the words before it, without list markers,
   scope words (全区, 全市 …), years and leading verbs (确保, 力争, 实现 …):
   - growth: 增长/增速/增幅/提高/提升/上升 (also 同比, 比上年, 年均) + a percentage → ``growth``;
     保持正增长/实现正增长 → ``growth`` with comparison 正增长 and no number;
   - decrease: 下降/降低/减少/削减/压减 + a number → ``level`` of the indicator named with the verb
     (单位GDP能耗降低 3%), as plan indicators are named;
   - level: a number with its unit, after an optional verb (达到, 超, 突破, 稳定在, 控制在 …) → ``level``;
     提高到/降至/增加到 … are levels too;
   - words only: 与经济增长基本同步, 完成(省/市/上级)下达(的)任务, 保持稳定, 稳步降低, 持续改善, 只增不减 … →
     ``qualitative``.
4. **Comparison**: a suffix (以上, 左右, 以内, 以下, 上下) wins over a prefix (不低于, 超, 突破, 高于 →
   以上; 控制在, 不超过, 不高于, 低于 → 以内; 约 → 左右; 达到, 稳定在, 保持在 → 达到); two numbers joined by
   —/-/~/至/到 are a 区间 (``value`` the lower, ``upper`` the upper bound); a bare number is 达到.
5. Several subjects sharing one predicate (进出口总额、实际使用外资均增长5%; A和B分别增长5%和6%) give one
   target each. One indicator stated twice in a clause chain (突破1500亿元、增长5%左右) is one target with
   both a level and a growth goal.

Numbers keep their written precision; a target the text does not state is not produced.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from planwatch.extract.numbers import token_at
from planwatch.model import chinese as C
from planwatch.model.source import Source, SourceKind
from planwatch.model.target import Comparison, NumericGoal, Target
from planwatch.model.units import BASE_UNITS, MAGNITUDES


@dataclass(frozen=True, slots=True)
class TargetFinding:
    """One target read from a text: the :class:`Target` (``indicator`` holds the name as worded until
    a plan maps it to a code), the indicator name, the unit of its number, and ``spans`` — ``[start,
    end)`` character spans keyed ``indicator``, ``level``, ``level_upper``, ``growth``, ``growth_upper``
    and ``qualitative`` — plus the span of the clause that states it."""

    target: Target
    indicator: str
    unit: str | None
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)
    sentence: tuple[int, int] | None = None
    comparison_words: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        return self.target.text or ""

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"indicator": self.indicator}
        for name in ("level", "growth"):
            goal: NumericGoal | None = getattr(self.target, name)
            if goal is None:
                continue
            item: dict[str, Any] = {"comparison": goal.comparison.value, "unit": goal.unit}
            if goal.value is not None:
                item["number"] = _json_number(goal.value)
            if goal.upper is not None:
                item["upper"] = _json_number(goal.upper)
            if name in self.spans:
                item["span"] = list(self.spans[name])
            if f"{name}_upper" in self.spans:
                item["upper_span"] = list(self.spans[f"{name}_upper"])
            out[name] = item
        if self.target.qualitative:
            out["qualitative"] = {"text": self.target.qualitative, "span": list(self.spans.get("qualitative", ()))}
        if "indicator" in self.spans:
            out["indicator_span"] = list(self.spans["indicator"])
        if self.sentence:
            out["sentence"] = list(self.sentence)
        out["text"] = self.text
        return out


def _json_number(number: Decimal) -> int | float:
    return int(number) if number == number.to_integral_value() and "." not in str(number) else float(number)


# ------------------------------------------------------------------------------------------ vocabulary

# Same-length normalisation: every offset stays valid.
# (the toolkit's one-to-one map, and the punctuation the patterns below are written with in ASCII)
_HALF_WIDTH: dict[int, str | int | None] = {**C.FULLWIDTH, **str.maketrans("～：；，（）", "~:;,()")}


def _half_width(text: str) -> str:
    return text.translate(_HALF_WIDTH)


_TARGET_UNITS = sorted((u for u in BASE_UNITS if u not in ("年", "月")), key=len, reverse=True)
_MAGNITUDE = "|".join(p for p, _ in MAGNITUDES)
_UNIT = (r"(?:%|‰|个百分点|百分点|倍|(?:" + _MAGNITUDE + r")?(?:"
         + "|".join(re.escape(u) for u in _TARGET_UNITS if u not in ("%", "‰", "个百分点", "倍")) + r"))")
_NUM = r"\d+(?:\.\d+)?"
#: a number in Chinese numerals; a 万/亿 after it is the magnitude of its unit (两万人 → 两 + 万人), and
#: the fact extractor's number reader (``numbers.token_at``) decides whether it is a number at all
_CN_NUM = r"[零〇一二两三四五六七八九十百千]+(?:点[零〇一二三四五六七八九]+)?"

_GROWTH_VERBS = ("同比增长", "比上年增长", "比去年增长", "年均增长", "增长", "增速", "增幅", "提高", "提升", "上升", "增加")
_DECREASE_VERBS = ("累计下降", "年均下降", "下降", "降低", "减少", "削减", "压减", "压降")
_LEVEL_VERBS = ("提高到", "提高至", "提升到", "提升至", "上升到", "上升至", "增加到", "增加至", "增长到", "增长至",
                "增至", "降低到", "降低至", "下降到", "下降至", "减少到", "减少至", "降至", "降到", "保持在",
                "稳定在", "控制在", "维持在", "达到", "超过", "突破", "实现", "完成", "力争", "争取", "确保",
                "达", "超", "为", "在", "有")
# Comparison words, read by Comparison.from_words except the few it does not know.
_PREFIX_COMPARISON = {
    w: Comparison.from_words(w)
    for w in ("不低于", "不少于", "高于", "大于", "至少", "超过", "超", "突破", "不超过", "不高于", "低于", "小于",
              "控制在", "约", "达到", "稳定在", "保持在", "维持在")
}
_SUFFIX_COMPARISON = {w: Comparison.from_words(w)
                      for w in ("以上", "左右", "上下", "以内", "之内", "以下")}

_ALT = lambda words: "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))  # noqa: E731

_PREDICATE = re.compile(
    r"(?P<verb>" + _ALT((*_LEVEL_VERBS, *_GROWTH_VERBS, *_DECREASE_VERBS)) + r")?"
    r"(?P<cmp>" + _ALT((*_PREFIX_COMPARISON, "保持", "稳定")) + r")?"
    r"(?<![\dA-Za-z.+\-/])(?P<num>" + _NUM + "|" + _CN_NUM + r")(?P<unit>" + _UNIT + r")?"
    r"(?:(?P<dash>[-—–~至到])(?P<num2>" + _NUM + r")(?P<unit2>" + _UNIT + r")?)?"
    r"(?P<suf>" + _ALT(_SUFFIX_COMPARISON) + r")?"
)
_POSITIVE = re.compile(r"(?:(?:保持|实现|确保|力争)(?:稳定)?)?正增长")
_QUALITATIVE = re.compile(
    r"(?:(?:基本|继续|保持)?[与和同](?:经济|地区生产总值|GDP)(?:增长|发展)?(?:基本)?同步(?:增长)?"
    r"|[同与][^，,；;。]{1,16}?(?:相匹配|相适应|相协调|基本匹配)"
    r"|(?:全面|确保|按期|努力)?完成(?:国家|省|市|区|县|省市|上级|省里|市里|年度)?(?:下达|下达的|下发的|规定的|确定的)?"
    r"(?:年度)?(?:目标)?任务"
    r"|(?:保持|总体|基本|持续)?(?:稳定|平稳)(?:增长|运行)?(?=$|[，,；;。、])"
    r"|稳中有(?:升|进|降|增)|稳步(?:提高|提升|降低|下降|增长|增加|扩大|改善)"
    r"|持续(?:改善|提升|提高|下降|降低|优化|增加|好转|增长)|(?:进一步|明显|显著|有效)(?:提高|提升|改善|降低|下降|增强)"
    r"|只增不减|(?:确保)?不(?:减少|下降|降低)|保持(?:在)?合理区间|基本(?:平衡|持平)|收支平衡"
    r"|(?:达到|符合)(?:国家|省|市|上级)?(?:要求|标准|考核要求)"
    r"|(?:不|未)发生(?:重特大|较大及以上|重大)[\u4e00-\u9fff]{0,12}事故)"
)

_TRIGGER = re.compile(
    r"(?:主要|预期|发展|计划|调控|奋斗|年度|总体|主要预期|各项)目标(?:任务)?"
    r"(?:建议|初步)?(?:安排|设定|确定|拟定)?(?:为|是|如下|建议为|确定为|设定为|安排为)?(?:[：:]|(?=[ \t　]*$))",
    re.M,
)
_INLINE_TARGET = re.compile(r"[（(][^（）()]{0,12}?(?:预期|计划|年度)?目标(?:值)?(?:为|是)?[^（）()]{0,40}[)）]")

_MARKER = re.compile(r"^\s*(?:[（(]?(?:[一二三四五六七八九十]{1,3}|\d{1,2})[)）、.．]|[①-⑳]|[-•·●○◎◆◇■□▲△▶►★☆▪◦‣*]+"
                     r"|第[一二三四五六七八九十]+[，、])\s*")
_CHAPTER = re.compile(r"\s*(?:[一二三四五六七八九十]{1,3}、|第[一二三四五六七八九十]+[章部分节])")
_LEADING = re.compile(r"^(?:其中|全年|今年|明年|去年|上年|当年|本年|\d{4}年|到\d{4}年(?:底|末)?|"
                      + C.alternation(C.SCOPE_WORDS) + "|"
                      r"确保|力争|争取|努力|实现|完成|达到|主要是|包括|即|要|预计|计划|推动|促进|"
                      r"[，,、：:\s])+")
_TRAILING = re.compile(r"(?:保持|实现|达到|确保|力争|争取|要|在|的|均|都|分别|总量为|为|同比|比上年|比去年|年均|预计|拟按|拟|按|"
                       r"[，,、：:\s(（])+$")
_SUBJECT_LIST = re.compile(r"[、]|和|及|与")
_SENTENCE_END = C.FULL_STOPS
_ITEM_SPLIT = re.compile("[" + re.escape(C.SENTENCE_BREAKS) + "]")


# ------------------------------------------------------------------------------------------ reading

def extract_targets(text: str, *, region: str, year: int) -> list[TargetFinding]:
    """Targets stated in ``text`` for ``region`` and ``year``, in text order (see the module rules)."""
    if not text:
        return []
    norm = _half_width(text)
    findings: list[TargetFinding] = []
    zones = list(_zones(norm))
    for start, end in zones:
        findings.extend(_read_zone(norm, text, start, end, region, year))
    findings.extend(_inline_targets(norm, text, zones, region, year))
    findings.sort(key=lambda f: (f.sentence or (0, 0))[0])
    return findings


def target_zones(text: str) -> list[tuple[int, int]]:
    """The ``[start, end)`` spans of ``text`` that state targets (rule 1): a targets paragraph such as
    ``今年主要预期目标是…`` or next year's targets in a results report. Ingest stores nothing from them."""
    return list(_zones(_half_width(text))) if text else []


def _line_at(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end < 0 else end


def _zones(text: str) -> Iterator[tuple[int, int]]:
    done = 0
    for match in _TRIGGER.finditer(text):
        if match.start() < done:
            continue
        start, end = _line_at(text, match.start())
        zone_start = match.end()
        stop = _sentence_end(text, zone_start, end)
        if _has_target(text, zone_start, stop):
            yield zone_start, stop
            done = end
            continue
        # a heading or “…如下：”: the targets follow on the next lines
        skipped, done = 0, end
        pos = end + 1
        while pos < len(text) and skipped <= 2:
            s, e = _line_at(text, pos)
            pos = e + 1
            if not text[s:e].strip():
                continue
            if _has_target(text, s, e):
                yield s, e
                skipped, done = 0, e
            elif e - s <= 30 and not _TRIGGER.search(text, s, e) and not _CHAPTER.match(text, s, e):
                skipped += 1
            else:
                break


def _sentence_end(text: str, start: int, end: int) -> int:
    depth = 0
    for i in range(start, end):
        ch = text[i]
        if ch in "（(":
            depth += 1
        elif ch in "）)":
            depth = max(0, depth - 1)
        elif ch in _SENTENCE_END and depth == 0:
            return i
    return end


def _has_target(text: str, start: int, end: int) -> bool:
    chunk = text[start:end]
    return any(_parse_clause(chunk, 0, None) for chunk in _ITEM_SPLIT.split(chunk) if chunk.strip())


@dataclass
class _Goal:
    kind: str                      # level / growth / qualitative
    number: str | None = None
    upper: str | None = None
    unit: str | None = None
    comparison: Comparison | None = None
    words: tuple[str, ...] = ()
    span: tuple[int, int] | None = None
    upper_span: tuple[int, int] | None = None
    text: str | None = None        # qualitative phrase
    verb: str | None = None        # a decrease verb that names the indicator
    end: int = 0                   # end of the predicate's words (以上, 万吨 …)
    bare: bool = False             # no verb before the number (…增长5%和6%: the 6%)


@dataclass
class _Clause:
    names: list[tuple[str, tuple[int, int]]]
    goals: list[_Goal]
    span: tuple[int, int]
    each: bool = False             # 分别: goals pair with names


def _read_zone(norm: str, original: str, start: int, end: int, region: str, year: int) -> list[TargetFinding]:
    out: list[TargetFinding] = []
    pos = start
    for item in _ITEM_SPLIT.split(norm[start:end]):
        item_start = pos
        pos += len(item) + 1
        if not item.strip():
            continue
        clauses = _clauses(item, item_start)
        out.extend(_findings(clauses, original, region, year))
    return out


_BRACKET = re.compile(r"\(([^()]{2,40})\)")


def _bracket_clauses(item: str, offset: int) -> tuple[str, list[_Clause]]:
    """Brackets bound to their clause: one with a subject of its own (一般公共预算收入增长5%（全口径税收增长4%）)
    is its own target and is taken out of the item; one with only a predicate (地区生产总值（增长5.5%左右）) is
    read as part of the clause it stands in. Offsets are kept (the brackets become spaces)."""
    own: list[_Clause] = []
    for m in _BRACKET.finditer(item):
        inner = _parse_clause(m.group(1), offset + m.start(1), None)
        if inner is not None and _first_predicate(item[:m.start()], 0) is not None:
            own.append(inner)
            item = item[:m.start()] + " " * (m.end() - m.start()) + item[m.end():]
        elif inner is None and _first_predicate(m.group(1), 0) is not None:
            item = item[:m.start()] + " " + m.group(1) + " " + item[m.end():]
    return item, own


def _clauses(item: str, offset: int) -> list[_Clause]:
    """Split an item at commas; a clause without a subject continues the previous one."""
    out: list[_Clause] = []
    pos = 0
    item, bracketed = (_bracket_clauses(item, offset) if "(" in item else (item, []))
    for part in re.split(r"[,，]", item):
        part_start = pos
        pos += len(part) + 1
        clause = _parse_clause(part, offset + part_start, out[-1] if out else None)
        if clause is None:
            continue
        if out and clause.names is out[-1].names:
            out[-1].goals.extend(clause.goals)
            out[-1].span = (out[-1].span[0], clause.span[1])
        else:
            out.append(clause)
    return sorted(out + bracketed, key=lambda c: c.span[0]) if bracketed else out


def _parse_clause(part: str, offset: int, previous: _Clause | None) -> _Clause | None:
    """Subject + predicate(s) of one comma-separated clause; None when it states no target."""
    first = _first_predicate(part, 0)
    if first is None:
        return None
    goal, pred_start, pred_end = first
    subject_end = pred_start
    goals = [goal]
    pos = pred_end
    while True:  # 突破1500亿元、增长5%左右
        skip = re.match(r"[、和并且同时，, ]*", part[pos:])
        nxt = _first_predicate(part, pos + (skip.end() if skip else 0), anchored=True)
        if nxt is None:
            break
        follower = nxt[0]
        if follower.bare and goals[-1].kind in ("growth", "level") and follower.unit == goals[-1].unit:
            follower.kind, follower.verb = goals[-1].kind, goals[-1].verb   # 分别增长5%和6%
        goals.append(follower)
        pos = nxt[2]
    for g in goals:
        g.end += offset
        g.span = (g.span[0] + offset, g.span[1] + offset) if g.span else None
        g.upper_span = (g.upper_span[0] + offset, g.upper_span[1] + offset) if g.upper_span else None
    names = _subjects(part, 0, subject_end, offset, goals)
    if names is None:
        if previous is None:
            return None
        return _Clause(previous.names, goals, (offset, offset + pos))
    each = "分别" in part[max(0, subject_end - 3):subject_end + 3]
    return _Clause(names, goals, (names[0][1][0], offset + pos), each)


def _first_predicate(part: str, start: int, anchored: bool = False) -> tuple[_Goal, int, int] | None:
    """The earliest predicate at or after ``start``: (goal, predicate start, end), spans relative to part."""
    candidates: list[tuple[int, int, _Goal]] = []
    for regex in (_POSITIVE, _QUALITATIVE):
        m = regex.match(part, start) if anchored else regex.search(part, start)
        if m and m.group().strip():
            kind = "growth" if regex is _POSITIVE else "qualitative"
            goal = _Goal(kind, comparison=Comparison.POSITIVE if kind == "growth" else None,
                         words=("正增长",) if kind == "growth" else (), span=(m.start(), m.end()),
                         text=m.group())
            candidates.append((m.start(), m.end(), goal))
    numeric = _numeric_predicate(part, start, anchored)
    if numeric is not None:
        candidates.append(numeric)
    if not candidates:
        return None
    begin, end, goal = min(candidates, key=lambda c: (c[0], -c[1]))
    goal.end = end
    return goal, begin, end


def _numeric_predicate(part: str, start: int, anchored: bool) -> tuple[int, int, _Goal] | None:
    pos = start
    while pos <= len(part):
        m = _PREDICATE.match(part, pos) if anchored else _PREDICATE.search(part, pos)
        if m is None:
            return None
        goal = _numeric_goal(part, m)
        if goal is not None:
            return m.start(), m.end(), goal
        if anchored:
            return None
        pos = m.start("num") + len(m.group("num"))
    return None


def _numeric_goal(part: str, m: re.Match[str]) -> _Goal | None:
    num = _goal_number(part, m)
    if num is None:
        return None
    unit, num2, unit2 = m.group("unit"), m.group("num2"), m.group("unit2")
    verb, cmp_word, suffix = m.group("verb") or "", m.group("cmp") or "", m.group("suf") or ""
    unit = (unit or unit2 or "").replace("百分点", "个百分点").replace("个个", "个")
    kind = _goal_kind(verb, unit)
    goal = _Goal(kind, number=num, upper=num2, unit=unit,
                 comparison=_comparison(verb, cmp_word, suffix, num2 is not None and bool(m.group("dash"))),
                 words=tuple(w for w in (verb, cmp_word, suffix) if w),
                 span=(m.start("num"), m.end("num")),
                 upper_span=(m.start("num2"), m.end("num2")) if num2 else None)
    goal.bare = not verb and not cmp_word
    goal.verb = verb if verb in _DECREASE_VERBS or (verb in _GROWTH_VERBS and kind == "level") else None
    if kind == "qualitative":
        goal.text = m.group()
        goal.span = (m.start(), m.end())
    return goal


def _goal_number(part: str, m: re.Match[str]) -> str | None:
    """The number of a predicate match as a decimal string, or None when it states no target."""
    if _inside_quotes(part, m.start("num")) or not _stands_alone(part, m):
        return None
    if m.group("num2") is not None and m.group("unit2") is None and m.group("unit") is None:
        return None
    num = m.group("num")
    return num if num[0] in "0123456789" else _chinese_number(part, m)


def _chinese_number(part: str, m: re.Match[str]) -> str | None:
    """城镇新增就业两万人以上: a number in Chinese numerals with a unit, read by the facts' number reader
    (一批, 十件民生实事, 两位数 … are no numbers), as a decimal string; or None."""
    tok = token_at(part, m.start("num"))
    if tok is None or m.group("unit") is None or tok.end != m.end("num"):
        return None
    return str(tok.number)


def _stands_alone(part: str, m: re.Match[str]) -> bool:
    """Not a number that is part of a name or a date (5G, 3岁, “4+2+1”, 2026年), and not a bare number
    (a bare number says too little to be a target)."""
    after = part[m.end():m.end() + 1]
    unit = m.group("unit")
    if not m.group("suf") and after and (after.isalnum() and not after.isdigit() or after in "+."):
        if unit is None or after.isascii():
            return False
    return not (unit is None and m.group("num2") is None and not m.group("suf"))


def _goal_kind(verb: str, unit: str) -> str:
    if verb in _GROWTH_VERBS and unit == "%":
        return "growth"
    if verb in _GROWTH_VERBS and unit == "个百分点":
        return "qualitative"  # a change in percentage points: kept as words (Target has no change goal)
    return "level"


def _comparison(verb: str, cmp_word: str, suffix: str, is_range: bool) -> Comparison:
    """A suffix (以上 …) wins over a prefix (不低于 …); two numbers make a range; bare is 达到."""
    if is_range:
        return Comparison.RANGE
    if suffix:
        return _SUFFIX_COMPARISON[suffix]
    for word in (cmp_word, verb):
        if word in _PREFIX_COMPARISON:
            return _PREFIX_COMPARISON[word]
    if verb in ("降至", "降到", "降低到", "降低至", "下降到", "下降至", "减少到", "减少至"):
        return Comparison.AT_MOST
    return Comparison.EXACT


def _inside_quotes(part: str, pos: int) -> bool:
    before = part[:pos]
    return before.count("“") > before.count("”") or before.count("\"") % 2 == 1 or before.count("「") > before.count("」")


def _subjects(part: str, start: int, end: int, offset: int,
              goals: list[_Goal]) -> list[tuple[str, tuple[int, int]]] | None:
    """The indicator name(s) before the predicate, trimmed, with their spans; None when empty."""
    s, e = start, end
    m = _MARKER.match(part, s, e) if s < e else None
    if m:
        s = m.end()
    m = _LEADING.match(part, s, e)
    if m:
        s = m.end()
    m = _TRAILING.search(part[s:e])
    if m:
        e = s + m.start()
    subject = part[s:e]
    if len(subject) < 2 or not re.search(r"[\u4e00-\u9fffA-Za-z]", subject) or re.fullmatch(r"[\d.%]+", subject):
        return None
    pieces: list[tuple[str, tuple[int, int]]] = []
    shared = re.search(r"(?:均|都|分别)$", part[:end].rstrip()) or any(
        g.kind == "qualitative" for g in goals) or len(goals) > 1
    splitter = r"、" if not shared else r"、|和|及"
    if re.search(splitter, subject) and not re.search(r"与(?:经济|地区生产总值|GDP)", part):
        pos = s
        for piece in re.split(splitter, subject):
            if len(piece.strip()) >= 2:
                pieces.append((piece, (offset + pos, offset + pos + len(piece))))
            pos += len(piece) + 1 if not piece.endswith(("和", "及")) else len(piece)
        if len(pieces) > 1 and all(len(p[0]) >= 2 for p in pieces):
            return _fix_piece_spans(part, pieces, offset)
    return [(subject, (offset + s, offset + e))]


def _fix_piece_spans(part: str, pieces: list[tuple[str, tuple[int, int]]],
                     offset: int) -> list[tuple[str, tuple[int, int]]]:
    """Recompute each piece's span by searching it in order (separators differ in length)."""
    out, pos = [], pieces[0][1][0] - offset
    for name, _ in pieces:
        found = part.find(name, pos)
        if found < 0:
            return [(name, span) for name, span in pieces]
        out.append((name, (offset + found, offset + found + len(name))))
        pos = found + len(name)
    return out


def _findings(clauses: list[_Clause], original: str, region: str, year: int) -> list[TargetFinding]:
    out: list[TargetFinding] = []
    for clause in clauses:
        names = clause.names
        if clause.each and len(names) > 1 and len(clause.goals) == len(names):
            pairs = [(name, [goal]) for name, goal in zip(names, clause.goals, strict=True)]
        else:
            pairs = [(name, clause.goals) for name in names]
        for name, goals in pairs:
            finding = _finding(name, goals, clause.span, original, region, year)
            if finding is not None:
                out.append(finding)
    return out


def _decimal(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)   # text matched _NUM: always a valid number


@dataclass
class _Goals:
    """The goals of one indicator gathered from its clause: the first level and growth, the
    qualitative words, the comparison words and the spans."""

    indicator: str
    spans: dict[str, tuple[int, int]]
    level: NumericGoal | None = None
    growth: NumericGoal | None = None
    qualitative: list[str] = field(default_factory=list)
    words: list[str] = field(default_factory=list)
    unit: str | None = None

    def add(self, goal: _Goal, span: tuple[int, int]) -> None:
        if goal.verb and goal.kind == "level" and not self.indicator.endswith(goal.verb):
            if self.level is None and not self.qualitative:
                self.indicator += _short_verb(goal.verb)   # 单位GDP能耗降低 3%
        if goal.kind == "qualitative":
            self.qualitative.append(goal.text or "")
            self.spans.setdefault("qualitative", goal.span or span)
            return
        numeric = NumericGoal(_decimal(goal.number), goal.unit or ("%" if goal.kind == "growth" else ""),
                              goal.comparison or Comparison.EXACT, _decimal(goal.upper),
                              slot="growth" if goal.kind == "growth" else "level")
        self.words.extend(goal.words)
        if goal.kind == "growth" and self.growth is None:
            self.growth = numeric
            self._spans("growth", goal)
            self.unit = self.unit or (None if goal.comparison is Comparison.POSITIVE else "%")
        elif goal.kind == "level" and self.level is None:
            self.level = numeric
            self.unit = goal.unit or None
            self._spans("level", goal)

    def _spans(self, name: str, goal: _Goal) -> None:
        if goal.span:
            self.spans[name] = goal.span
        if goal.upper_span:
            self.spans[f"{name}_upper"] = goal.upper_span


def _finding(name: tuple[str, tuple[int, int]], goals: list[_Goal], span: tuple[int, int], original: str,
             region: str, year: int) -> TargetFinding | None:
    got = _Goals(name[0], {"indicator": name[1]})
    for goal in goals:
        got.add(goal, span)
    if got.level is None and got.growth is None and not got.qualitative:
        return None
    spans = got.spans
    start = min(s for s, _ in spans.values())
    end = max([e for _, e in spans.values()] + [g.end for g in goals])
    target = Target(indicator=got.indicator, region=region, year=year, level=got.level, growth=got.growth,
                    qualitative="；".join(got.qualitative) or None, text=original[start:end],
                    source=Source(SourceKind.DOCUMENT, spans={k: v for k, v in spans.items() if k != "indicator"}))
    return TargetFinding(target, got.indicator, got.unit, spans, (span[0], max(span[1], end)), tuple(got.words))


def _short_verb(verb: str) -> str:
    return verb[2:] if verb.startswith(("累计", "年均")) else verb


# ------------------------------------------------------------------------------------- inline targets

def _inline_targets(norm: str, original: str, zones: list[tuple[int, int]], region: str,
                    year: int) -> list[TargetFinding]:
    """“地区生产总值增长9.3%（预期目标为8.5%以上）”: a target for the subject of the sentence."""
    out: list[TargetFinding] = []
    for m in _INLINE_TARGET.finditer(norm):
        if any(s <= m.start() < e for s, e in zones):
            continue
        inner_start = m.start() + 1
        inner = norm[inner_start:m.end() - 1]
        head = re.match(r"[^（）()]*?目标(?:值)?(?:为|是)?", inner)
        if head is None:
            continue
        body_start = inner_start + head.end()
        predicate = _first_predicate(norm[:m.end() - 1], body_start, anchored=True)
        if predicate is None:
            continue
        goal = predicate[0]
        # the subject: the clause before the parenthesis, up to its own predicate
        clause_start = max(norm.rfind(ch, 0, m.start()) for ch in "，,；;。\n：:") + 1
        before = norm[clause_start:m.start()]
        stated = _first_predicate(before, 0)
        if stated is None:
            continue
        stated_goal, subject_end = stated[0], stated[1]
        names = _subjects(before, 0, subject_end, clause_start, [goal])
        if not names:
            continue
        if goal.kind == "level" and stated_goal.kind == "growth" and (goal.unit or "%") == "%":
            goal.kind = "growth"  # （预期目标为8.5%以上） after a growth rate is a growth target
        finding = _finding(names[0], [goal], (clause_start, m.end()), original, region, year)
        if finding is not None:
            out.append(finding)
    return out


__all__ = ["TargetFinding", "extract_targets"]
