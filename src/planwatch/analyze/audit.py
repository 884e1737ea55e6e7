"""Arithmetic audit of a report text (``planwatch check``): every share, rate and plan completion
the text states is recomputed from other numbers it states, 其中 parts are checked against their
whole, and (when a plan is given) stated figures are compared with the store.

Pairing is by meaning, never by position alone:

- **share** (占X比重 p%): the part is the fact's own value; the total is the fact whose indicator
  *is* X — X comes from the slot's ``of`` or from the text's own words 占…比重 before the share;
  a share whose name reads “A占B比重” pairs A and B the same way; 其中…占比 takes the whole named
  before 其中;
- **rate** (开工率, 整改率 …): the numerator is the nearest preceding figure in the same sentence
  whose name carries the rate's verb (开工, 整改 …), the denominator the figure in the same unit
  just before it (148个新开工项目已开工84个 → 84 ÷ 148); a rate stated for N counted things
  (11个断面…比例90.9%) is checked for an integer k with k ÷ N giving the stated figure;
- **plan completion** (占年度计划p%): a plan amount stated in the same sentence, else the plan's
  own amount from the store (``Reference``);
- **其中**: the parts after 其中 against the whole before it with the same unit.

Tolerance: a stated result stands for its rounding or truncation to the last digit it shows
(49.4 → 49.35–49.50); inputs stand for ± half their last digit (余/超: up to one digit more). A
check passes when the computed range meets the stated range. What cannot be recomputed is listed
as unverifiable, never passed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum
from typing import TypedDict, Unpack

from planwatch.analyze.numbers import (
    fmt,
    input_interval,
    overlaps,
    places_of,
    ratio_interval,
    stated_interval,
)
from planwatch.model import Indicator, Observation, Period, Target
from planwatch.model.chinese import FULL_STOPS, NAME_LEAD_VERBS, SCOPE_WORDS, SENTENCE_BREAKS, sentence_bounds
from planwatch.model.chinese import name_key as chinese_name_key
from planwatch.model.fact import Fact, Slot
from planwatch.model.units import UnitError, convert_or_none, parse_unit


class Outcome(str, Enum):
    PASS = "PASS"
    MISMATCH = "MISMATCH"
    UNVERIFIABLE = "无法核对"


@dataclass(frozen=True)
class Place:
    start: int
    end: int
    line: int
    column: int
    sentence: str

    def __str__(self) -> str:
        return f"{self.line}:{self.column}"


@dataclass(frozen=True)
class Check:
    """One recomputation: what the text says, how it was recomputed and whether it agrees."""

    kind: str                  # 占比 / 比率 / 计划完成 / 其中 / 个数比例 / 与数据库比对 / 序时进度
    outcome: Outcome
    claim: str                 # 服务业增加值占GDP比重49.4%
    place: Place
    stated: Decimal | None = None
    computed: Decimal | None = None
    formula: str = ""          # 635.01亿元 ÷ 1285.41亿元 × 100 = 49.40%
    tolerance: str = ""
    note: str = ""
    numbers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class AuditResult:
    checks: tuple[Check, ...]
    facts_read: int

    def of(self, outcome: Outcome) -> list[Check]:
        return [c for c in self.checks if c.outcome is outcome]

    @property
    def passed(self) -> list[Check]:
        return self.of(Outcome.PASS)

    @property
    def mismatches(self) -> list[Check]:
        return self.of(Outcome.MISMATCH)

    @property
    def unverifiable(self) -> list[Check]:
        return self.of(Outcome.UNVERIFIABLE)

    @property
    def exit_code(self) -> int:
        return 1 if self.mismatches else 0


# --------------------------------------------------------------------------- reference (store)
@dataclass(frozen=True)
class StoredFigure:
    """What the store holds for the indicator a fact was matched to (by the ingest rule)."""

    indicator: Indicator
    observation: Observation | None
    target: Target | None = None


@dataclass(frozen=True)
class PlanAmount:
    """The annual plan amount a 占年度计划 claim refers to (a project group's or a level target)."""

    label: str
    amount: Decimal
    unit: str
    derived: bool = False
    note: str | None = None


@dataclass(frozen=True)
class Reference:
    """Store data for a region and period, keyed by the index of the fact in the list audited."""

    period: Period | None = None
    figures: dict[int, StoredFigure] = field(default_factory=dict)
    plan_amounts: dict[int, PlanAmount] = field(default_factory=dict)


# --------------------------------------------------------------------------- text helpers
#: besides the scope words and name-lead verbs: a total named 全社会… or 全部… is the same total
_TOTAL_PREFIXES = (*SCOPE_WORDS, *NAME_LEAD_VERBS, "全社会", "全部")


def name_key(name: str) -> str:
    """Normalised name for pairing totals (``planwatch.model.chinese.name_key``, and 全社会/全部
    dropped), with 规模以上 → 规上, GDP → 地区生产总值, 总产值 → 产值."""
    text = chinese_name_key(name, _TOTAL_PREFIXES)
    text = text.replace("规模以上", "规上").replace("GDP", "地区生产总值")
    if text == "生产总值":
        text = "地区生产总值"
    return text.replace("总产值", "产值").replace("总额", "额")


def _place(text: str, start: int, end: int) -> Place:
    line = text.count("\n", 0, start) + 1
    column = start - (text.rfind("\n", 0, start) + 1) + 1
    s0, s1 = sentence_bounds(text, start)
    sentence = text[s0:s1].strip()
    if len(sentence) > 120:
        a = max(s0, start - 50)
        sentence = ("…" if a > s0 else "") + text[a:min(s1, end + 50)].strip() + ("…" if end + 50 < s1 else "")
    return Place(start, end, line, column, sentence)


def _base(unit: str) -> tuple[str, int] | None:
    try:
        u = parse_unit(unit)
    except UnitError:
        return None
    return u.base, u.factor


def _factor(unit: str) -> int:
    """The factor of a unit the caller already knows to parse (through _to_base or _same_base)."""
    base = _base(unit)
    assert base is not None, unit
    return base[1]


def _to_base(slot: Slot) -> tuple[Decimal, Decimal] | None:
    """The interval of a slot's number in base units."""
    info = _base(slot.unit)
    if info is None:
        return None
    low, high = input_interval(Decimal(slot.number), slot.qualifier)
    return low * info[1], high * info[1]


def _same_base(a: Slot, b: Slot) -> bool:
    x, y = _base(a.unit), _base(b.unit)
    return x is not None and y is not None and x[0] == y[0]


def _is_pct(slot: Slot) -> bool:
    return slot.unit.strip() in ("%", "％")


def _n(slot: Slot) -> str:
    """1.46万份, 超31万人, 5.31万余处 — as a report writes it."""
    unit = slot.unit
    if slot.qualifier in ("余", "多"):
        magnitude = next((m for m in ("万亿", "亿", "万", "千", "百") if unit.startswith(m) and len(unit) > len(m)), "")
        unit = f"{magnitude}{slot.qualifier}{unit[len(magnitude):]}" if magnitude else f"{unit}{slot.qualifier}"
        if not magnitude:
            return f"{slot.number}{slot.qualifier}{slot.unit}"
    prefix = slot.qualifier if slot.qualifier in ("超", "近", "约") else ""
    return f"{prefix}{slot.number}{unit}"


def _tolerance(stated: Decimal, computed: tuple[Decimal, Decimal], unit: str = "%") -> str:
    low, high = stated_interval(stated)
    return (f"所述{stated}{unit}精确到{'整数' if places_of(stated) == 0 else f'{places_of(stated)}位小数'}，"
            f"可代表{fmt(low, 3)}—{fmt(high, 3)}{unit}（四舍五入或截尾）；按输入精度计算值在"
            f"{fmt(computed[0], 3)}—{fmt(computed[1], 3)}{unit}")


@dataclass
class _F:
    """A fact with its index and the text offsets used for pairing."""

    index: int
    fact: Fact

    @property
    def start(self) -> int:
        return self.fact.start

    @property
    def key(self) -> str:
        return name_key(self.fact.indicator)

    @property
    def value(self) -> Slot | None:
        v = self.fact.value
        return None if v is None or v.target else v


class _CheckDetails(TypedDict, total=False):
    """The optional fields of a Check, as keywords of ``_Auditor.add``."""

    stated: Decimal | None
    computed: Decimal | None
    formula: str
    tolerance: str
    note: str
    numbers: dict[str, str]


class _Auditor:
    def __init__(self, text: str, facts: Sequence[Fact], reference: Reference | None) -> None:
        self.text = text
        self.items = [_F(i, f) for i, f in enumerate(facts)]
        self.reference = reference or Reference()
        self.checks: list[Check] = []

    # ------------------------------------------------------------------ helpers
    def add(self, kind: str, outcome: Outcome, claim: str, slot_span: tuple[int, int],
            **kw: Unpack[_CheckDetails]) -> None:
        self.checks.append(Check(kind, outcome, claim, _place(self.text, *slot_span), **kw))

    def in_sentence(self, pos: int, ends: str = SENTENCE_BREAKS) -> list[_F]:
        s0, s1 = sentence_bounds(self.text, pos, ends)
        return [f for f in self.items if s0 <= f.start < s1]

    def find_total(self, key: str, near: int, like: Slot | None) -> _F | None:
        """The fact whose indicator is the named total, with a value (nearest to ``near``)."""
        found = [f for f in self.items if f.value is not None and not _is_pct(f.value) and f.key == key
                 and (like is None or _same_base(f.value, like))]
        if not found:
            return None
        return min(found, key=lambda f: (abs(f.start - near), f.start > near))

    def ratio(self, kind: str, claim: str, stated: Slot, num: Slot, den: Slot, num_name: str, den_name: str,
              note: str = "") -> None:
        a, b = _to_base(num), _to_base(den)
        stated_n = Decimal(stated.number)
        formula_head = f"{_n(num)} ÷ {_n(den)} × 100"
        if a is None or b is None or not _same_base(num, den):
            self.add(kind, Outcome.UNVERIFIABLE, claim, stated.span, stated=stated_n,
                     formula=formula_head, note=f"单位不可换算（{num.unit} 与 {den.unit}）")
            return
        interval = ratio_interval(a, b)
        if interval is None:
            self.add(kind, Outcome.UNVERIFIABLE, claim, stated.span, stated=stated_n, formula=formula_head,
                     note="分母不为正数")
            return
        point = (Decimal(num.number) * _factor(num.unit)) / (Decimal(den.number) * _factor(den.unit)) * 100
        ok = overlaps(interval, stated_interval(stated_n))
        self.add(kind, Outcome.PASS if ok else Outcome.MISMATCH, claim, stated.span, stated=stated_n,
                 computed=point.quantize(Decimal("0.0001")),
                 formula=f"{formula_head} = {point.quantize(Decimal(1).scaleb(-max(2, places_of(stated_n) + 1))):f}%",
                 tolerance=_tolerance(stated_n, interval), note=note,
                 numbers={num_name: _n(num), den_name: _n(den), "所述": f"{stated.number}%"})

    # ------------------------------------------------------------------ shares
    def total_words(self, item: _F, share: Slot) -> str | None:
        if share.of:
            return share.of
        s0, _ = sentence_bounds(self.text, share.span[0], SENTENCE_BREAKS + "，,")
        value = item.value
        begin = value.span[1] if value is not None and value.span[1] <= share.span[0] else s0
        segment = self.text[max(begin, s0):share.span[0]]
        at = segment.rfind("占")
        if at == -1:
            return None
        words = segment[at + 1:]
        words = re.sub(r"(的)?(比重|比例)?(为|达到|达|约|超过|超)?$", "", words)
        return None if words in ("", "比") else words

    def shares(self) -> None:
        for item in self.items:
            share = item.fact.share
            if share is None or share.target:
                continue
            name = item.fact.indicator
            total = self.total_words(item, share)
            claim = f"{name}占{total}比重{share.number}%" if total else f"{name}占比{share.number}%"
            if total is None:
                # 其中…占比: the whole is named before 其中 in the same sentence
                s0, _ = sentence_bounds(self.text, share.span[0], FULL_STOPS + "\n")
                head = self.text[s0:share.span[0]]
                if "其中" in head:
                    cut = s0 + head.rfind("其中")
                    wholes = [f for f in self.items if s0 <= f.start < cut and f.value is not None
                              and not _is_pct(f.value)]
                    if wholes and item.value is not None:
                        before = wholes[-1]
                        assert before.value is not None
                        self.ratio("占比", f"{name}占{before.fact.indicator}比重{share.number}%", share, item.value,
                                   before.value, name, before.fact.indicator)
                        continue
                self.add("占比", Outcome.UNVERIFIABLE, claim, share.span, stated=Decimal(share.number),
                         note="文中未给出占比的分子或总数")
                continue
            part_value, part_note = item.value, ""
            if part_value is None or _is_pct(part_value):
                # the part's amount may be stated elsewhere under the same indicator name
                other = self.find_total(item.key, share.span[0], None)
                if other is None or other.value is None:
                    self.add("占比", Outcome.UNVERIFIABLE, claim, share.span, stated=Decimal(share.number),
                             note=f"文中未给出{name}的数值")
                    continue
                part_value = other.value
                part_note = f"分子取文中另一处“{other.fact.indicator}”（{_place(self.text, *other.value.span)}）；"
            whole = self.find_total(name_key(total), share.span[0], part_value)
            if whole is None or whole.value is None:
                self.add("占比", Outcome.UNVERIFIABLE, claim, share.span, stated=Decimal(share.number),
                         note=f"文中未给出“{total}”的数值")
                continue
            self.ratio("占比", claim, share, part_value, whole.value, name, whole.fact.indicator,
                       note=f"{part_note}总数取文中“{whole.fact.indicator}”（{_place(self.text, *whole.value.span)}）")

    _SHARE_NAME = re.compile(r"^(?P<part>.+?)占(?P<total>.+?)(?:的)?(?:比重|比例)$")

    def named_shares(self) -> None:
        """Indicators whose name is a share (高新技术产业产值占规模以上工业产值比重 63.4%)."""
        for item in self.items:
            value = item.value
            if value is None or not _is_pct(value) or item.fact.share is not None:
                continue
            match = self._SHARE_NAME.match(unicodedata.normalize("NFKC", item.fact.indicator))
            if not match:
                continue
            claim = f"{item.fact.indicator}{value.number}%"
            part = self.find_total(name_key(match["part"]), value.span[0], None)
            whole = self.find_total(name_key(match["total"]), value.span[0], part.value if part else None)
            if part is None or whole is None or part.value is None or whole.value is None:
                missing = "、".join(n for n, f in ((match["part"], part), (match["total"], whole)) if f is None)
                self.add("占比", Outcome.UNVERIFIABLE, claim, value.span, stated=Decimal(value.number),
                         note=f"文中未给出{missing}的数值")
                continue
            self.ratio("占比", claim, value, part.value, whole.value, part.fact.indicator, whole.fact.indicator,
                       note="分子、分母按指标名称中的“占…比重”在文中查找")

    # ------------------------------------------------------------------ rates
    @staticmethod
    def stem(name: str) -> str | None:
        key = name_key(name)
        if key.endswith("比例") or not key.endswith("率") or key.endswith("增长率") or key.endswith("增速"):
            return None
        body = key[:-1]
        return body[-2:] if len(body) >= 2 else None

    def rates(self) -> None:
        for item in self.items:
            value = item.value
            if value is None or not _is_pct(value) or item.fact.share is not None:
                continue
            key = name_key(item.fact.indicator)
            if self._SHARE_NAME.match(key) or not key.endswith(("率", "比例")) or key.endswith(("增长率", "增速", "增长")):
                continue
            claim = f"{item.fact.indicator}{value.number}%"
            before = [f for f in self.in_sentence(value.span[0]) if f.start < value.span[0]
                      and f.value is not None and not _is_pct(f.value)]
            if self.named_rate(item, value, claim, before) or self.count_rate(item, value, claim, before):
                continue
            self.add("比率", Outcome.UNVERIFIABLE, claim, value.span, stated=Decimal(value.number),
                     note="文中未给出计算该比率所需的分子和分母")

    def named_rate(self, item: _F, value: Slot, claim: str, before: list[_F]) -> bool:
        """开工率: the numerator is the nearest figure before it whose name carries the rate's verb, the
        denominator the figure in the same unit just before that (checked when both are found)."""
        stem = self.stem(item.fact.indicator)
        numerator = next((f for f in reversed(before) if stem in f.key), None) if stem else None
        if numerator is None:
            return False
        num = _value_of(numerator)
        rest = [f for f in before if f.start < numerator.start and f.value is not None and _same_base(f.value, num)]
        if not rest:
            return False
        den = rest[-1]
        self.ratio("比率", claim, value, num, _value_of(den), numerator.fact.indicator, den.fact.indicator,
                   note=f"分子为名称含“{stem}”的{numerator.fact.indicator}，分母为其前同单位的{den.fact.indicator}")
        return True

    _COUNTABLE = ("个", "家", "项", "处", "所", "座", "条", "件", "户", "名", "人")

    def rate_count(self, value: Slot, before: list[_F]) -> tuple[_F, int] | None:
        """The N counted things a rate is over (11个断面…比例90.9%): the last whole count before it, with no
        other amount between, whose noun the text names right after the count; else None."""
        counts = [f for f in before if f.value is not None and f.value.unit in self._COUNTABLE
                  and Decimal(f.value.number) == Decimal(f.value.number).to_integral_value()
                  and not f.value.qualifier]
        if not counts:
            return None
        count = counts[-1]
        cv = _value_of(count)
        if any(f.value is not None and not _is_pct(f.value) for f in self.items if count.start < f.start < value.span[0]):
            return None
        follow = name_key(self.text[cv.span[1] + len(cv.unit):cv.span[1] + 30])
        if not count.key or not follow.startswith(count.key[:2]):
            return None
        return count, int(Decimal(cv.number))

    def count_rate(self, item: _F, value: Slot, claim: str, before: list[_F]) -> bool:
        """A rate over N counted things (11个断面…比例90.9%): some integer k of N must give it."""
        found = self.rate_count(value, before)
        if found is None:
            return False
        count, n = found
        stated = Decimal(value.number)
        low, high = stated_interval(stated)
        hits = [k for k in range(n + 1) if low <= Decimal(k) / n * 100 <= high] if n else []
        numbers = {"总数": _n(_value_of(count)), "所述": f"{stated}%"}
        if hits:
            k = hits[0]
            point = Decimal(k) / n * 100
            self.add("个数比例", Outcome.PASS, claim, value.span, stated=stated, computed=point.quantize(Decimal("0.0001")),
                     formula=f"{k} ÷ {n} × 100 = {fmt(point, max(2, places_of(stated) + 1))}%",
                     tolerance=f"{n}个{count.fact.indicator}中须有整数个符合：所述{stated}%可代表{fmt(low, 3)}—{fmt(high, 3)}%",
                     note=f"即{n}个{count.fact.indicator}中{k}个", numbers=numbers)
            return True
        near = min(range(n + 1), key=lambda k: abs(Decimal(k) / n * 100 - stated)) if n else 0
        self.add("个数比例", Outcome.MISMATCH, claim, value.span, stated=stated,
                 computed=(Decimal(near) / n * 100).quantize(Decimal("0.0001")) if n else None,
                 formula=f"{near} ÷ {n} × 100 = {fmt(Decimal(near) / n * 100, 2) if n else '—'}%（最接近的整数）",
                 tolerance=f"所述{stated}%可代表{fmt(low, 3)}—{fmt(high, 3)}%，{n}个中没有整数个能得到",
                 numbers=numbers)
        return True

    # ------------------------------------------------------------------ plan completion
    def completions(self) -> None:
        for item in self.items:
            stated = item.fact.plan_completion
            if stated is None or stated.target:
                continue
            name = item.fact.indicator
            claim = f"{name}占年度计划{stated.number}%"
            value = item.value
            if value is None:
                self.add("计划完成", Outcome.UNVERIFIABLE, claim, stated.span, stated=Decimal(stated.number),
                         note=f"文中未给出{name}的完成数")
                continue
            plans = [f for f in self.in_sentence(stated.span[0], FULL_STOPS + "\n") if f is not item and f.value is not None
                     and "计划" in f.key and _same_base(f.value, value)]
            if plans:
                plan = min(plans, key=lambda f: abs(f.start - stated.span[0]))
                assert plan.value is not None
                self.ratio("计划完成", claim, stated, value, plan.value, name, plan.fact.indicator,
                           note="年度计划取同句所述")
                continue
            amount = self.reference.plan_amounts.get(item.index)
            if amount is None:
                self.add("计划完成", Outcome.UNVERIFIABLE, claim, stated.span, stated=Decimal(stated.number),
                         note="文中未给出年度计划数（可用 --region/--period 与计划比对）")
                continue
            if amount.derived:
                self.add("计划完成", Outcome.UNVERIFIABLE, claim, stated.span, stated=Decimal(stated.number),
                         note=f"计划中的{amount.label}年度计划{amount.amount}{amount.unit}是由这一比例推算的，不能独立核对")
                continue
            plan_slot = Slot(amount.amount, amount.unit, stated.span)
            self.ratio("计划完成", claim, stated, value, plan_slot, name, f"{amount.label}年度计划（计划库）",
                       note=f"年度计划取计划库：{amount.label}{amount.amount}{amount.unit}")

    # ------------------------------------------------------------------ 其中
    def parts(self) -> None:
        done: set[tuple[int, int]] = set()
        for match in re.finditer("其中", self.text):
            s0, s1 = sentence_bounds(self.text, match.start(), FULL_STOPS + "\n")
            if (s0, s1) in done:
                continue
            done.add((s0, s1))
            wholes = [f for f in self.items if s0 <= f.start < match.start() and f.value is not None
                      and not _is_pct(f.value)]
            parts = [f for f in self.items if match.end() <= f.start < s1 and f.value is not None
                     and not _is_pct(f.value)]
            if not wholes or not parts:
                continue
            for index, members in self.part_groups(wholes, parts).items():
                self.part_sum(self.items[index], members)

    def part_groups(self, wholes: list[_F], parts: list[_F]) -> dict[int, list[_F]]:
        """The 其中 parts by the whole they belong to (same base unit, longest common name ending); a part
        in another unit than every whole is listed as unverifiable."""
        groups: dict[int, list[_F]] = {}
        for part in parts:
            assert part.value is not None
            same = [w for w in wholes if w.value is not None and _same_base(w.value, part.value)]
            if not same:
                if any(w.value is not None and _base(w.value.unit) and _base(part.value.unit) for w in wholes):
                    self.add("其中", Outcome.UNVERIFIABLE, f"其中{part.fact.indicator}{_n(part.value)}",
                             part.value.span, note=f"与总数单位不同（{part.value.unit}），无法比较")
                continue
            whole = max(same, key=lambda w: (_common_suffix(w.key, part.key), w.start))
            groups.setdefault(whole.index, []).append(part)
        return groups

    def part_sum(self, whole: _F, members: list[_F]) -> None:
        """The sum of the parts against their whole."""
        assert whole.value is not None
        w = _to_base(whole.value)
        values = [_value_of(p) for p in members]
        intervals = [i for i in (_to_base(v) for v in values) if i is not None]
        if w is None or len(intervals) < len(values):
            return
        low = sum((i[0] for i in intervals), Decimal(0))
        high = sum((i[1] for i in intervals), Decimal(0))
        labels = {p.fact.indicator: _n(v) for p, v in zip(members, values, strict=True)}
        names = " + ".join(f"{p.fact.indicator}{_n(v)}" for p, v in zip(members, values, strict=True))
        ok = low <= w[1]
        total = sum((Decimal(v.number) * _factor(v.unit) for v in values), Decimal(0)) / Decimal(_factor(whole.value.unit))
        if not ok:
            note = "其中各部分之和超过总数"
        else:
            note = "各部分之和等于总数" if overlaps((low, high), w) and len(members) > 1 else "部分不大于总数"
        self.add("其中", Outcome.PASS if ok else Outcome.MISMATCH,
                 f"{whole.fact.indicator}{_n(whole.value)}，其中{names.replace(' + ', '、')}", values[0].span,
                 stated=Decimal(whole.value.number), computed=total,
                 formula=f"{names} = {fmt(total, 4)}{whole.value.unit} {'≤' if ok else '>'} "
                         f"{whole.fact.indicator}{_n(whole.value)}",
                 tolerance="各数按所述精度±半个末位（余、超按多一个末位）", note=note,
                 numbers={"总数": _n(whole.value), **labels})

    # ------------------------------------------------------------------ store
    def store(self) -> None:
        stated_by: dict[tuple[str, str], list[tuple[Decimal, Slot]]] = {}
        for index, figure in self.reference.figures.items():
            for slot_name, slot in self.items[index].fact.slots():
                if not slot.target:
                    stated_by.setdefault((figure.indicator.code, slot_name), []).append((Decimal(slot.number), slot))
        for index, figure in self.reference.figures.items():
            item = self.items[index]
            for slot_name, slot in item.fact.slots():
                if slot.target:
                    self.target_check(item, figure, slot_name, slot)
                elif figure.observation is not None:
                    self.store_check(item, figure, slot_name, slot,
                                     stated_by.get((figure.indicator.code, slot_name), []))

    def store_check(self, item: _F, figure: StoredFigure, slot_name: str, slot: Slot,
                    stated: list[tuple[Decimal, Slot]]) -> None:
        """One stated figure against the stored observation (``stated``: the same slot of every fact
        matched to the same indicator)."""
        obs = figure.observation
        assert obs is not None
        found = _stored(obs, figure, slot_name, slot)
        if found is None:
            return
        stored, unit = found
        said = Decimal(slot.number)
        if slot_name == "value" and unit:
            converted = convert_or_none(said, slot.unit, unit)
            if converted is None:
                return
            said = converted
        ok = said == stored
        same = [o for n, o in stated if n == stored and o is not slot] if not ok else []
        if same:
            # the same name states the stored figure elsewhere: this one is another 口径
            self.add("与数据库比对", Outcome.UNVERIFIABLE, f"{item.fact.indicator}{_n(slot)}", slot.span,
                     stated=Decimal(slot.number), computed=stored,
                     note=f"同名指标在{_place(self.text, *same[0].span)}所述{_n(same[0])}与库中一致；"
                          f"此处数字可能是另一口径，无法确定对应指标")
            return
        self.add("与数据库比对", Outcome.PASS if ok else Outcome.MISMATCH,
                 f"{item.fact.indicator}{_n(slot)}", slot.span, stated=Decimal(slot.number), computed=stored,
                 formula=f"文中 {_n(slot)}，库中{figure.indicator.name}（{obs.period.label}）{stored}{unit or ''}",
                 tolerance="须完全相等", note="" if ok else "文中数字与库中数据不同",
                 numbers={"文中": _n(slot), "库中": f"{stored}{unit or ''}"})

    def target_check(self, item: _F, figure: StoredFigure, slot_name: str, slot: Slot) -> None:
        target = figure.target
        goal = None if target is None else (target.growth if slot_name == "growth" else target.level)
        if goal is None or goal.value is None:
            return
        ok = Decimal(slot.number) == goal.value
        self.add("与目标比对", Outcome.PASS if ok else Outcome.MISMATCH, f"{item.fact.indicator}目标{_n(slot)}",
                 slot.span, stated=Decimal(slot.number), computed=goal.value,
                 formula=f"文中目标 {_n(slot)}，计划目标 {goal.describe()}", tolerance="须完全相等",
                 numbers={"文中": _n(slot), "计划": goal.describe()})

    def schedule(self) -> None:
        """超序时进度X个百分点: completion − 序时进度 of the reference period."""
        period = self.reference.period
        if period is None:
            return
        tp = Decimal(period.last_month) / 12 * 100
        for item in self.items:
            change, stated = item.fact.change, item.fact.plan_completion
            if change is None or stated is None or "百分点" not in change.unit:
                continue
            between = self.text[stated.span[1]:change.span[0]]
            if not re.search(r"序时|时间进度|时序进度|均衡进度", between):
                continue
            sign = Decimal(-1) if re.search(r"低于|慢于|落后", between) else Decimal(1)
            gap = Decimal(stated.number) - tp
            claim_value = sign * Decimal(change.number)
            ok = overlaps((gap - Decimal("0.05"), gap + Decimal("0.05")), stated_interval(claim_value))
            self.add("序时进度", Outcome.PASS if ok else Outcome.MISMATCH,
                     f"{item.fact.indicator}{'超' if sign > 0 else '低于'}序时进度{change.number}个百分点", change.span,
                     stated=claim_value, computed=gap.quantize(Decimal("0.01")),
                     formula=f"{stated.number}% − 序时进度{fmt(tp)}%（{period.label}）= {fmt(gap)}个百分点",
                     tolerance=_tolerance(claim_value, (gap, gap), "个百分点"))


def _stored(obs: Observation, figure: StoredFigure, slot_name: str, slot: Slot) -> tuple[Decimal, str | None] | None:
    """The stored number for a slot and its unit (a share stored as the value of a % indicator), or None."""
    stored = getattr(obs, slot_name)
    unit = obs.unit if slot_name == "value" else "%"
    if slot_name == "share" and stored is None and obs.value is not None and figure.indicator.unit == "%":
        stored, unit = obs.value, "%"
    if slot_name == "change":
        unit = obs.change_unit or slot.unit
    return None if stored is None else (stored, unit)


def _value_of(item: _F) -> Slot:
    """The value of a fact already known to have one (a 其中 part, grouped by its value's unit)."""
    assert item.value is not None
    return item.value


def _common_suffix(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n


def audit_facts(text: str, facts: Sequence[Fact], *, reference: Reference | None = None) -> AuditResult:
    """Recompute every claim of ``text`` that its ``facts`` allow (see the module rule)."""
    auditor = _Auditor(text, facts, reference)
    auditor.shares()
    auditor.named_shares()
    auditor.rates()
    auditor.completions()
    auditor.parts()
    auditor.schedule()
    auditor.store()
    checks = sorted(auditor.checks, key=lambda c: (c.place.start, c.kind))
    return AuditResult(tuple(checks), len(facts))


def check_as_dict(check: Check) -> dict[str, object]:
    return {
        "kind": check.kind, "outcome": check.outcome.value, "claim": check.claim,
        "stated": None if check.stated is None else str(check.stated),
        "computed": None if check.computed is None else str(check.computed),
        "formula": check.formula, "tolerance": check.tolerance, "note": check.note,
        "place": {"line": check.place.line, "column": check.place.column, "start": check.place.start,
                  "end": check.place.end, "sentence": check.place.sentence},
        "numbers": dict(check.numbers),
    }


def audit_as_dict(result: AuditResult) -> dict[str, object]:
    return {
        "facts": result.facts_read, "passed": len(result.passed), "mismatches": len(result.mismatches),
        "unverifiable": len(result.unverifiable), "checks": [check_as_dict(c) for c in result.checks],
    }
