"""The judgement rules, one floor below the status orchestrator: completion against 序时进度,
an actual figure against a goal (with 左右 read one-sided by direction), two growths in step.

Each function returns a :class:`Judgement` — the verdict word from
:class:`planwatch.model.verdict.Verdict`, the rule's name, the clause that explains it with its
numbers, and the gap in points. The status engine, the key-project summary and the year-end
outlook all call these; nothing above them re-derives a verdict. docs/status.md lists every rule
with a worked example.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from planwatch.analyze.numbers import HUNDRED, fmt, places_of
from planwatch.model import Comparison, Direction, Indicator, NumericGoal, Period
from planwatch.model.formatting import stated
from planwatch.model.verdict import Verdict

ONE_DECIMAL = 1


@dataclass(frozen=True)
class Rules:
    """The configurable bands (from :class:`planwatch.settings.Settings`), in points unless said.

    - ``growth_band``: what “左右” tolerates on a growth rate (5.5%左右 met from 5.3%);
    - ``level_band``: what “左右” tolerates on a level in % (城镇化率70%左右);
    - ``level_band_relative``: what “左右” tolerates on other levels, in % of the target
      (粮食产量100万吨左右 with 1 → 99–101万吨);
    - ``schedule_band``: within how many points of 序时进度 a completion counts as 达序时;
    - ``in_step_band``: within how many points two growths are 基本同步.

    An indicator's own ``about_band`` (plan file) overrides the 左右 band for its targets."""

    growth_band: Decimal = Decimal("0.2")
    level_band: Decimal = Decimal("0.5")
    level_band_relative: Decimal = Decimal("1")
    schedule_band: Decimal = Decimal("0")
    in_step_band: Decimal = Decimal("0.5")

    @classmethod
    def of(cls, settings: Any) -> Rules:
        def d(name: str, default: Decimal) -> Decimal:
            value = getattr(settings, name, None)
            return default if value is None else Decimal(str(value))

        base = cls()
        return cls(d("about_band", base.growth_band), d("about_band_level", base.level_band),
                   d("about_band_relative", base.level_band_relative), d("on_schedule_band", base.schedule_band),
                   d("in_step_band", base.in_step_band))

    def about_band(self, goal: NumericGoal, indicator: Indicator | None = None) -> Decimal:
        """The tolerance of a 左右 goal, in the goal's unit (points for rates in %)."""
        if indicator is not None and indicator.about_band is not None:
            return indicator.about_band
        if goal.slot == "growth":
            return self.growth_band
        if goal.unit in ("%", "个百分点", "‰"):
            return self.level_band
        value = abs(goal.value) if goal.value is not None else Decimal(0)
        return value * self.level_band_relative / HUNDRED


@dataclass(frozen=True)
class Judgement:
    """One rule's answer: ``verdict``, ``rule`` (its name), ``text`` (the clause with numbers),
    ``gap`` (points: completion − 序时进度, or actual − goal), ``test`` (the requirement in
    symbols, e.g. "≥ 5.3"), ``met`` (whether the goal is met, where that question applies)."""

    verdict: Verdict
    rule: str
    text: str
    gap: Decimal | None = None
    test: str | None = None
    met: bool | None = None


_QUANTA = {places: Decimal(1).scaleb(-places) for places in range(-2, 11)}


def quantize(value: Decimal, places: int) -> Decimal:
    return value.quantize(_QUANTA.get(places) or Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def completion_places(stated: Decimal | None = None) -> int:
    """Completion rates are shown at one decimal, or at the precision of a stated figure that gives more."""
    return max(ONE_DECIMAL, places_of(stated)) if stated is not None else ONE_DECIMAL


@functools.lru_cache(maxsize=256)
def time_progress(period: Period) -> Decimal:
    """序时进度 in %, exact to four decimals (1—7月 → 58.3333)."""
    share = period.elapsed_share
    return (Decimal(share.numerator) * HUNDRED / Decimal(share.denominator)).quantize(Decimal("0.0001"))


# --------------------------------------------------------------------------- against 序时进度
def judge_schedule(completion: Decimal, period: Period, rules: Rules, *, places: int = ONE_DECIMAL) -> Judgement:
    """A cumulative completion (% of the annual target) against 序时进度, compared at the precision
    the office prints (one decimal by default): 58.31% at 1—7月 (序时58.3%) is 达序时.
    ``text`` is the clause after the completion figure (序时进度50%，超序时进度7.5个百分点).

    At year end: above 100% → 超额完成, 100% (within the band) → 达标, below → 未达标.
    Before December, 100% or more → 提前完成全年任务."""
    shown = quantize(completion, places)
    schedule, at = _schedule_at(period, places)
    gap = shown - schedule
    band = rules.schedule_band
    if period.last_month == 12:
        over = shown - HUNDRED
        if abs(over) <= band:
            return Judgement(Verdict.MET, "year_end_completion", "完成年度目标", over, "≥ 100%", True)
        if over > 0:
            return Judgement(Verdict.OVERACHIEVED, "year_end_completion",
                             f"超额完成年度目标，超出{fmt(over, places)}个百分点", over, "≥ 100%", True)
        return Judgement(Verdict.NOT_MET, "year_end_completion",
                         f"未完成年度目标，差{fmt(-over, places)}个百分点", over, "≥ 100%", False)
    if shown >= HUNDRED:
        return Judgement(Verdict.COMPLETED_EARLY, "completed_early", f"{at}，已提前完成全年任务", gap, "≥ 100%", True)
    if abs(gap) <= band:
        tail = "达到序时进度" if gap == 0 else f"与序时进度相差{fmt(abs(gap), places)}个百分点，在±{fmt(band)}之内"
        return Judgement(Verdict.ON_SCHEDULE, "completion_vs_schedule", f"{at}，{tail}", gap, None, True)
    if gap > 0:
        return Judgement(Verdict.AHEAD, "completion_vs_schedule", f"{at}，超序时进度{fmt(gap, places)}个百分点", gap,
                         None, True)
    return Judgement(Verdict.BEHIND, "completion_vs_schedule", f"{at}，低于序时进度{fmt(-gap, places)}个百分点", gap,
                     None, False)


@functools.lru_cache(maxsize=256)
def _schedule_at(period: Period, places: int) -> tuple[Decimal, str]:
    """序时进度 at ``places`` and as the clause says it (序时进度50.0%)."""
    schedule = quantize(time_progress(period), places)
    return schedule, f"序时进度{fmt(schedule, places)}%"


def judge_cap_schedule(completion: Decimal, period: Period, rules: Rules, *, places: int = ONE_DECIMAL) -> Judgement:
    """A cap on a cumulative amount (总量控制在…以内): using no more than the elapsed share is good."""
    shown = quantize(completion, places)
    schedule = quantize(time_progress(period), places)
    gap = shown - schedule
    ok = gap <= rules.schedule_band
    word = "未超过" if ok else "超过"
    return Judgement(Verdict.MET if ok else Verdict.NOT_MET, "cap_vs_schedule",
                     f"序时进度{fmt(schedule, places)}%，{word}序时用量{fmt(abs(gap), places)}个百分点", gap,
                     f"≤ {fmt(schedule, places)}%", ok)


# --------------------------------------------------------------------------- against a goal
def effective_comparison(goal: NumericGoal, direction: Direction) -> Comparison:
    """达到 (a level to reach) reads by direction: ≥ for 越大越好, ≤ for 越小越好, ≈ for 区间."""
    if goal.comparison is Comparison.EXACT:
        return {Direction.HIGHER: Comparison.AT_LEAST, Direction.LOWER: Comparison.AT_MOST,
                Direction.BAND: Comparison.ABOUT}[direction]
    return goal.comparison


def _gap_words(gap: Decimal, unit: str, label: str) -> str:
    points = unit in ("%", "个百分点")
    step = "个百分点" if points else unit
    if gap > 0:
        return f"高于{label}{fmt(gap)}{step}"
    if gap < 0:
        return f"低于{label}{fmt(-gap)}{step}"
    return f"与{label}持平"


def judge_goal(actual: Decimal, goal: NumericGoal, direction: Direction, rules: Rules, *,
               indicator: Indicator | None = None) -> Judgement:
    """An actual growth rate or level against one goal.

    - 以上: met from the goal; beyond the 左右 band above it → 超过预期.
    - 以内 (and 达到 on 越小越好): met up to the goal.
    - 左右: one-sided by direction — 越大越好 met from goal − band (above goal + band → 超过预期,
      never a miss); 越小越好 (ceilings: CPI 涨幅, 失业率, 能耗) met up to goal + band; 区间
      indicators two-sided.
    - 区间: met inside; above the range on a 越大越好 indicator → 超过预期.
    - 正增长: met above zero."""
    comparison = effective_comparison(goal, direction)
    if comparison is Comparison.POSITIVE:
        ok = actual > 0
        return Judgement(Verdict.MET if ok else Verdict.NOT_MET, "positive_growth",
                         f"{'实现' if ok else '未实现'}正增长", actual, "> 0", ok)
    assert goal.value is not None
    band = rules.about_band(goal, indicator)
    if comparison is Comparison.RANGE:
        return _judge_range(actual, goal, direction)
    if comparison is Comparison.ABOUT:
        return _judge_about(actual, goal, direction, band)
    value = goal.value
    gap = actual - value
    words = _gap_words(gap, goal.unit, goal.label)
    if comparison is Comparison.AT_LEAST:
        ok = actual >= value
        verdict = (Verdict.EXCEEDED if gap > band else Verdict.MET) if ok else Verdict.NOT_MET
        return Judgement(verdict, "goal_at_least", words, gap, f"≥ {fmt(value)}", ok)
    ok = actual <= value
    return Judgement(Verdict.MET if ok else Verdict.NOT_MET, "goal_at_most", words, gap, f"≤ {fmt(value)}", ok)


def _judge_range(actual: Decimal, goal: NumericGoal, direction: Direction) -> Judgement:
    assert goal.value is not None
    value = goal.value
    upper = goal.upper if goal.upper is not None else value
    test = f"{fmt(value)}—{fmt(upper)}"
    if value <= actual <= upper:
        return Judgement(Verdict.MET, "goal_range", f"在{test}{goal.unit}之内", actual - value, test, True)
    if actual > upper and direction is Direction.HIGHER:
        return Judgement(Verdict.EXCEEDED, "goal_range", f"高于区间上限{fmt(actual - upper)}", actual - upper, test, True)
    if actual < value and direction is Direction.LOWER:
        return Judgement(Verdict.MET, "goal_range", f"低于区间下限{fmt(value - actual)}（越小越好）", actual - value,
                         test, True)
    return Judgement(Verdict.NOT_MET, "goal_range", f"不在{test}{goal.unit}之内", actual - value, test, False)


def _judge_about(actual: Decimal, goal: NumericGoal, direction: Direction, band: Decimal) -> Judgement:
    """左右, one-sided by direction (see :func:`judge_goal`)."""
    assert goal.value is not None
    value = goal.value
    gap = actual - value
    words = _gap_words(gap, goal.unit, goal.label)
    tolerance = f"（“左右”容差±{fmt(band)}）"
    if direction is Direction.HIGHER:
        low = value - band
        if actual < low:
            return Judgement(Verdict.NOT_MET, "goal_about", words + tolerance, gap, f"≥ {fmt(low)}", False)
        verdict = Verdict.EXCEEDED if actual > value + band else Verdict.MET
        return Judgement(verdict, "goal_about", words + (tolerance if verdict is Verdict.MET and gap else ""), gap,
                         f"≥ {fmt(low)}", True)
    if direction is Direction.LOWER:
        high = value + band
        ok = actual <= high
        return Judgement(Verdict.MET if ok else Verdict.NOT_MET, "goal_about", words + tolerance, gap,
                         f"≤ {fmt(high)}", ok)
    low, high = value - band, value + band
    ok = low <= actual <= high
    return Judgement(Verdict.MET if ok else Verdict.NOT_MET, "goal_about", words + tolerance, gap,
                     f"{fmt(low)}—{fmt(high)}", ok)


# --------------------------------------------------------------------------- two growths in step
def judge_in_step(growth: Decimal, reference: Decimal, reference_name: str, rules: Rules) -> Judgement:
    """居民收入与经济增长基本同步: the two growths of the same period within ``in_step_band``."""
    gap = growth - reference
    band = rules.in_step_band
    # The two growths as their sources state them (5.0, not 5).
    base = f"增长{stated(growth)}%，{reference_name}增长{stated(reference)}%"
    if abs(gap) <= band:
        return Judgement(Verdict.MET, "in_step", f"{base}，基本同步（相差{fmt(abs(gap))}个百分点，容差±{fmt(band)}）",
                         gap, f"|差| ≤ {fmt(band)}", True)
    if gap > 0:
        return Judgement(Verdict.EXCEEDED, "in_step", f"{base}，快于{reference_name}{fmt(gap)}个百分点", gap,
                         f"|差| ≤ {fmt(band)}", True)
    return Judgement(Verdict.NOT_MET, "in_step", f"{base}，慢于{reference_name}{fmt(-gap)}个百分点", gap,
                     f"|差| ≤ {fmt(band)}", False)


def judge_stated_gap(gap: Decimal, unit: str) -> Judgement:
    """A report's own gap to its target (高于预期目标0.2个百分点 → +0.2): above → 超过预期, none → 达标, below → 未达标."""
    words = _gap_words(gap, unit, "预期目标")
    if gap > 0:
        return Judgement(Verdict.EXCEEDED, "stated_target_gap", words, gap, None, True)
    if gap == 0:
        return Judgement(Verdict.MET, "stated_target_gap", words, gap, None, True)
    return Judgement(Verdict.NOT_MET, "stated_target_gap", words, gap, None, False)


def implied_annual(value: Decimal, share: Decimal) -> Decimal | None:
    """The annual target a stated 占年计划 share implies (value ÷ share × 100), to the value's precision."""
    if share <= 0:
        return None
    return quantize(value / share * HUNDRED, places_of(value))
