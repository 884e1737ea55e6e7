"""The status engine: where each indicator stands for a region and period.

One typed result (:class:`StatusTable`) that the CLI, the report and the web all read. Pure:
it takes model objects and returns results; it never reads the database. The rules are listed
in docs/status.md; every row names the rule that produced its verdict (``rule``), says it in
Chinese with the numbers (``explanation``) and keeps the numbers (``inputs``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from enum import Enum
from typing import TYPE_CHECKING, Any

from planwatch.analyze.derived import DerivedValue, derived_values
from planwatch.analyze.numbers import HUNDRED, fmt, pct, percent, stated_interval
from planwatch.model import (
    Comparison,
    Direction,
    Indicator,
    Measure,
    NumericGoal,
    Observation,
    Period,
    Plan,
    Region,
    Target,
)
from planwatch.model.units import convert_or_none

if TYPE_CHECKING:
    from planwatch.analyze.outlook import Outlook
    from planwatch.analyze.projects import ProjectSummary


class Verdict(str, Enum):
    """The word a reader sees for one indicator. ``tone`` drives colour; the word reads without it."""

    AHEAD = "超序时"
    ON_SCHEDULE = "达序时"
    BEHIND = "滞后序时"
    MET = "达标"
    NEAR = "基本达标"
    NOT_MET = "未达标"
    REPORTED = "按报告"
    TO_ASSESS = "待评估"
    ANNUAL_ONLY = "年度数据"
    MISSING = "缺数"
    NO_TARGET = "目标未设定"

    @property
    def tone(self) -> str:
        """good / warn / bad / neutral."""
        return {
            Verdict.AHEAD: "good", Verdict.ON_SCHEDULE: "good", Verdict.MET: "good",
            Verdict.NEAR: "warn", Verdict.BEHIND: "bad", Verdict.NOT_MET: "bad",
        }.get(self, "neutral")

    @property
    def is_lagging(self) -> bool:
        return self in (Verdict.BEHIND, Verdict.NOT_MET, Verdict.NEAR)


_SEVERITY = {"bad": 3, "warn": 2, "neutral": 1, "good": 0}


@dataclass(frozen=True)
class Rules:
    """The configurable bands (from :class:`planwatch.settings.Settings`).

    ``about_band``: points a “左右” target tolerates (5.5%左右 → 5.0–6.0); for level targets in
    other units it is read as a relative band in % of the target. ``on_schedule_band``: points
    within which completion counts as 达序时."""

    about_band: Decimal = Decimal("0.5")
    on_schedule_band: Decimal = Decimal("0")

    @classmethod
    def of(cls, settings: Any) -> Rules:
        return cls(Decimal(str(settings.about_band)), Decimal(str(settings.on_schedule_band)))


@dataclass(frozen=True)
class IndicatorStatus:
    """One indicator's standing. Percentages are in % (57.4, not 0.574).

    ``rule`` names the rule that produced the verdict and ``explanation`` says it in Chinese
    with the inputs, so that every verdict can be explained (``planwatch status --explain``)."""

    indicator: Indicator
    observation: Observation | None
    target: Target | None
    verdict: Verdict
    rule: str
    explanation: str
    completion: Decimal | None = None          # actual ÷ annual target, %
    time_progress: Decimal | None = None       # 序时进度, %
    gap_points: Decimal | None = None          # completion − 序时进度, percentage points
    growth_gap: Decimal | None = None          # actual growth − target growth, points
    double_half: bool | None = None            # 双过半 at mid-year, where it applies
    derived_value: Decimal | None = None       # value computed from the plan's formula
    inputs: dict[str, str] = field(default_factory=dict)
    derived_error: str | None = None           # why the formula could not be evaluated
    cross_check: str | None = None             # stated 占年度计划% vs computed, when they disagree

    @property
    def code(self) -> str:
        return self.indicator.code


@dataclass(frozen=True)
class DoubleHalf:
    """双过半 over a chosen set of indicators at mid-year.

    ``assessed`` are the indicators with a 双过半 judgement (a level target on a flow or count, or
    a growth target); ``missed`` those that did not achieve it; ``not_assessed`` the rest of the
    set (annual data, missing figures, no numeric target)."""

    set_label: str
    achieved: tuple[str, ...]
    missed: tuple[str, ...]
    not_assessed: tuple[str, ...]

    @property
    def assessed(self) -> int:
        return len(self.achieved) + len(self.missed)

    @property
    def headline(self) -> str:
        if not self.assessed:
            return f"{self.set_label}中没有可判断双过半的指标（需要年度数值目标和上半年数据）"
        text = (f"{self.assessed}项{self.set_label}中有{len(self.missed)}项未实现双过半"
                if self.missed else f"{self.assessed}项{self.set_label}全部实现双过半")
        if self.not_assessed:
            text += f"，另有{len(self.not_assessed)}项无法判断"
        return text

    def as_dict(self) -> dict[str, object]:
        return {"set": self.set_label, "assessed": self.assessed, "achieved": list(self.achieved),
                "missed": list(self.missed), "not_assessed": list(self.not_assessed), "headline": self.headline}


@dataclass(frozen=True)
class StatusTable:
    """The status of a plan's indicators for one region and period, with the key-project groups
    (``projects``), the 双过半 count at mid-year (``double_half``) and the year-end outlook."""

    plan_title: str
    region: Region
    period: Period
    time_progress: Decimal
    rows: tuple[IndicatorStatus, ...]
    projects: ProjectSummary | None = None
    double_half: DoubleHalf | None = None
    outlook: tuple[Outlook, ...] = ()

    def by_category(self) -> dict[str, list[IndicatorStatus]]:
        out: dict[str, list[IndicatorStatus]] = {}
        for row in self.rows:
            out.setdefault(row.indicator.category, []).append(row)
        return out

    def counts(self) -> dict[Verdict, int]:
        out: dict[Verdict, int] = {}
        for row in self.rows:
            out[row.verdict] = out.get(row.verdict, 0) + 1
        return out

    def row(self, code: str) -> IndicatorStatus | None:
        for row in self.rows:
            if row.indicator.code == code:
                return row
        return None

    def lagging(self) -> list[IndicatorStatus]:
        return [row for row in self.rows if row.verdict.is_lagging]

    def outlook_for(self, code: str) -> Outlook | None:
        for item in self.outlook:
            if item.indicator.code == code:
                return item
        return None


# --------------------------------------------------------------------------- helpers
def schedule_verdict(completion: Decimal, time_progress: Decimal, band: Decimal) -> tuple[Verdict, Decimal]:
    """超序时 / 达序时 / 滞后序时 and the gap in points (completion − 序时进度)."""
    gap = (completion - time_progress).quantize(Decimal("0.01"))
    if abs(gap) <= band:
        return Verdict.ON_SCHEDULE, gap
    return (Verdict.AHEAD if gap > 0 else Verdict.BEHIND), gap


def _effective(goal: NumericGoal, direction: Direction) -> Comparison:
    """达到 (a level to reach) reads by direction: ≥ for higher-is-better, ≤ for lower, ≈ for bands."""
    if goal.comparison is Comparison.EXACT:
        return {Direction.HIGHER: Comparison.AT_LEAST, Direction.LOWER: Comparison.AT_MOST,
                Direction.BAND: Comparison.ABOUT}[direction]
    return goal.comparison


def meets(actual: Decimal, goal: NumericGoal, direction: Direction, about_band: Decimal,
          *, points: bool) -> tuple[bool, str]:
    """Whether ``actual`` meets ``goal`` and the test in words (≥ 5, 5.0–6.0, > 0 …).
    ``points``: the band of 左右 is absolute (growth rates, % levels), else relative to the goal."""
    comparison = _effective(goal, direction)
    value = goal.value
    if comparison is Comparison.POSITIVE:
        return actual > 0, "> 0（正增长）"
    assert value is not None
    if comparison is Comparison.AT_LEAST:
        return actual >= value, f"≥ {fmt(value)}"
    if comparison is Comparison.AT_MOST:
        return actual <= value, f"≤ {fmt(value)}"
    if comparison is Comparison.RANGE:
        upper = goal.upper if goal.upper is not None else value
        return value <= actual <= upper, f"{fmt(value)}—{fmt(upper)}"
    band = about_band if points else abs(value) * about_band / HUNDRED
    low, high = value - band, value + band
    return low <= actual <= high, f"{fmt(low)}—{fmt(high)}（“左右”容差 ±{fmt(band)}）"


# --------------------------------------------------------------------------- qualitative words
_ANNUAL_WORDS = ("年度数据", "无半年度预计数", "无半年度数据")
_POSITIVE = ("完成上级下达任务", "完成市下达", "完成省下达", "完成上级", "达到序时进度", "达序时", "超序时",
             "超时序", "超过序时", "提前完成", "已完成", "全部完成", "达标", "未发生重特大", "未发生较大",
             "保持稳定", "基本同步", "同步", "按序时推进", "符合预期", "快于预期", "进展顺利")
_NEGATIVE = ("滞后", "未完成", "未达到", "未实现", "推进缓慢", "慢于序时", "慢序时", "低于序时", "欠进度",
             "未达标", "低于预期", "发生重特大")
_DOWN = ("降低", "下降", "减少", "回落")


def classify_status(text: str, indicator: Indicator, target_phrase: str | None = None) -> tuple[Verdict, str]:
    """A verdict from a reported status text, only where the words allow; else 待评估."""
    clean = re.sub(r"\s+", "", text)
    if target_phrase and re.sub(r"\s+", "", target_phrase) in clean:
        return Verdict.MET, f"报告所述“{text}”与目标“{target_phrase}”一致"
    negative = [w for w in _NEGATIVE if w in clean and not (w == "发生重特大" and "未发生重特大" in clean)]
    if negative:
        verdict = Verdict.BEHIND if any(w in clean for w in ("序时", "进度", "滞后")) else Verdict.NOT_MET
        return verdict, f"报告所述“{text}”含“{negative[0]}”"
    positive = [w for w in _POSITIVE if w in clean]
    if positive:
        return Verdict.MET, f"报告所述“{text}”含“{positive[0]}”，按措辞判为达标"
    comparative = any(w in clean for w in ("慢于", "快于", "低于", "高于", "略"))
    if indicator.direction is Direction.LOWER and any(w in clean for w in _DOWN) and not comparative:
        word = next(w for w in _DOWN if w in clean)
        return Verdict.MET, f"报告所述“{text}”：{indicator.name}越小越好，“{word}”为向好"
    return Verdict.TO_ASSESS, f"报告所述“{text}”，措辞不足以判断，待评估"


# --------------------------------------------------------------------------- one indicator
def indicator_status(indicator: Indicator, observation: Observation | None,  # noqa: C901
                     target: Target | None, period: Period, *, rules: Rules | None = None,
                     derived: DerivedValue | None = None) -> IndicatorStatus:
    """Judge one indicator (rules in docs/status.md, in the order applied here)."""
    rules = rules or Rules()
    tp = percent(period.elapsed_share)
    base: dict[str, Any] = {"time_progress": tp}
    inputs: dict[str, str] = {"统计期": period.label, "序时进度": f"{fmt(tp)}%"}
    if target is not None:
        inputs["目标"] = target.describe()
    derived_value = derived.value if derived is not None else None
    if derived is not None:
        base["derived_value"] = derived_value
        if derived.error:
            base["derived_error"] = derived.error
            inputs["公式"] = derived.readable
        elif derived.value is not None:
            inputs["公式"] = derived.readable
            inputs["公式计算值"] = f"{fmt(derived.value)}{derived.unit}"
            inputs.update({f"公式输入·{k}": v for k, v in derived.inputs.items()})

    def result(verdict: Verdict, rule: str, explanation: str, **extra: Any) -> IndicatorStatus:
        return IndicatorStatus(indicator, observation, target, verdict, rule, explanation,
                               inputs=inputs, **{**base, **extra})

    # 1. annual-only indicators before December: not assessable, never "missed"
    if indicator.is_annual_only and period.last_month < 12:
        return result(Verdict.ANNUAL_ONLY, "annual_only",
                      f"{indicator.name}为年度数据，{period.short_label}无统计数，不作判断")
    if observation is not None and observation.status and not observation.has_numbers and \
            any(w in observation.status for w in _ANNUAL_WORDS):
        inputs["报告所述"] = observation.status
        return result(Verdict.ANNUAL_ONLY, "reported_annual_only",
                      f"报告称{indicator.name}“{observation.status}”，不作判断")

    # 2. derived indicators: a unit mismatch in the formula is said plainly
    if derived is not None and derived.error and (observation is None or observation.value is None):
        return result(Verdict.TO_ASSESS, "derived_unit_error", derived.explain())

    actual = observation.value if observation is not None else None
    actual_unit = (observation.unit if observation is not None else None) or indicator.unit
    if actual is None and derived_value is not None:
        actual, actual_unit = derived_value, indicator.unit
        inputs["实际（公式计算）"] = f"{fmt(derived_value)}{indicator.unit}"
    elif actual is not None:
        inputs["实际"] = f"{observation.qualifier if observation and observation.qualifier in ('超', '近', '约') else ''}" \
                       f"{actual}{actual_unit}"
    if observation is not None and observation.growth is not None:
        inputs["增长"] = f"{observation.growth}%"
    if observation is not None and observation.plan_completion is not None:
        inputs["报告所述占年度计划"] = f"{observation.plan_completion}%"
    if observation is not None and observation.status:
        inputs["报告所述"] = observation.status
    derived_note = ""
    if derived is not None and derived.ok and observation is not None and observation.value is not None:
        assert derived_value is not None
        low, high = stated_interval(observation.value)
        if not (low - Decimal("0.01") <= derived_value <= high + Decimal("0.01")):
            derived_note = f"；注意：按公式计算为{fmt(derived_value)}{indicator.unit}，与所报{observation.value}不一致"
            base["cross_check"] = derived_note.removeprefix("；注意：")

    # 3. missing figures
    if observation is None and actual is None:
        if derived is not None and derived.missing:
            return result(Verdict.MISSING, "missing", derived.explain())
        return result(Verdict.MISSING, "missing", f"{period.label}没有{indicator.name}的数据")

    # 4. no target: a reported status may still be classified by its words
    if target is None:
        if observation is not None and observation.status:
            verdict, why = classify_status(observation.status, indicator)
            if verdict is Verdict.TO_ASSESS:
                return result(Verdict.REPORTED, "reported_status", f"报告所述：{observation.status}（计划未设定目标）")
            return result(verdict, "qualitative_words", why + "（计划未设定目标）")
        computed = f"；{derived.explain()}" if derived is not None and derived.ok else ""
        return result(Verdict.NO_TARGET, "no_target", "计划未设定年度目标，无法判断进度" + computed + derived_note)

    # 5. qualitative targets: judged only by the reported words
    if target.is_qualitative:
        status_text = observation.status if observation is not None else None
        if status_text:
            verdict, why = classify_status(status_text, indicator, target.qualitative)
            return result(verdict, "qualitative_words" if verdict is not Verdict.TO_ASSESS else "qualitative_unclear",
                          f"定性目标“{target.qualitative}”：{why}")
        return result(Verdict.TO_ASSESS, "qualitative_no_words",
                      f"定性目标“{target.qualitative}”，报告只给出数字（{inputs.get('实际', '')}），需人工评估")

    parts: list[tuple[Verdict, str, str]] = []     # (verdict, rule, explanation)
    extra: dict[str, Any] = {}

    # 6. level target
    if target.level is not None:
        parts.append(_level_part(indicator, observation, actual, actual_unit, target.level, period, tp, rules,
                                 inputs, extra))
    # 7. growth target
    if target.growth is not None:
        parts.append(_growth_part(indicator, observation, target.growth, rules, inputs, extra))

    if not parts:
        return result(Verdict.TO_ASSESS, "to_assess", f"目标：{target.describe()}")
    # the worse verdict leads; both explanations are kept
    parts.sort(key=lambda p: -_SEVERITY[p[0].tone])
    verdict, rule, _ = parts[0]
    if verdict in (Verdict.MISSING, Verdict.TO_ASSESS) and len(parts) > 1 and \
            parts[1][0] not in (Verdict.MISSING, Verdict.TO_ASSESS):
        verdict, rule, _ = parts[1]
    explanation = "；".join(p[2] for p in parts) + derived_note
    if period.last_month == 6 and period.is_year_to_date:
        dh = extra.get("_double_half")
        if dh is not None:
            explanation += "；" + ("实现双过半" if dh else "未实现双过半")
    double_half = extra.pop("_double_half", None)
    return result(verdict, rule, explanation, double_half=double_half if period.last_month == 6 else None, **extra)


def _level_part(indicator: Indicator, observation: Observation | None, actual: Decimal | None,
                actual_unit: str, goal: NumericGoal, period: Period, tp: Decimal, rules: Rules,
                inputs: dict[str, str], extra: dict[str, Any]) -> tuple[Verdict, str, str]:
    cumulative = indicator.measure in (Measure.FLOW, Measure.COUNT) and period.is_year_to_date
    stated = observation.plan_completion if observation is not None else None
    converted = convert_or_none(actual, actual_unit, goal.unit) if actual is not None else None
    if actual is not None and converted is None:
        return Verdict.TO_ASSESS, "unit_mismatch", \
            f"实际单位“{actual_unit}”与目标单位“{goal.unit}”不可换算，无法判断"
    goal_text = goal.describe()
    if cumulative and goal.comparison not in (Comparison.RANGE, Comparison.POSITIVE, Comparison.ABOUT) \
            and goal.value is not None and goal.value > 0:
        # cumulative flow against the annual amount: completion vs 序时进度
        completion = pct(converted, goal.value) if converted is not None else None
        rule = "completion_vs_schedule"
        note = ""
        if completion is None and stated is not None:
            completion, rule = stated, "stated_completion_vs_schedule"
            note = "（无累计数，取报告所述）"
        elif completion is not None and stated is not None:
            low, high = stated_interval(stated)
            if not (low <= completion <= high):
                note = f"（报告所述占年度计划{stated}%与计算值{fmt(completion)}%不一致）"
                extra["cross_check"] = f"报告所述占年度计划{stated}%，按{actual}{actual_unit}÷{fmt(goal.value)}{goal.unit}计算为{fmt(completion)}%"
            else:
                note = f"（与报告所述{stated}%一致）"
        if completion is None:
            return Verdict.MISSING, "missing", f"缺少{indicator.name}的累计数，无法计算完成率"
        inputs["完成率"] = f"{fmt(completion)}%"
        extra["completion"] = completion
        extra["_double_half"] = completion >= 50
        lower = _effective(goal, indicator.direction) is Comparison.AT_MOST
        gap = (completion - tp).quantize(Decimal("0.01"))
        extra["gap_points"] = gap
        formula = (f"{actual}{actual_unit} ÷ {fmt(goal.value)}{goal.unit}" if converted is not None
                   else f"报告所述占年度计划{stated}%")
        if lower:
            # a cap on a cumulative amount (控制在…以内): using less than the elapsed share is good
            ok = completion <= tp + rules.on_schedule_band
            extra["_double_half"] = None
            verdict = Verdict.MET if ok else Verdict.NOT_MET
            return verdict, "cap_vs_schedule", (
                f"总量控制目标{goal_text}：累计{formula} = {fmt(completion)}%{note}，序时进度{fmt(tp)}%，"
                f"{'未超过' if ok else '超过'}序时用量{fmt(abs(gap))}个百分点")
        verdict, gap = schedule_verdict(completion, tp, rules.on_schedule_band)
        word = {Verdict.AHEAD: f"超序时进度{fmt(gap)}个百分点", Verdict.BEHIND: f"低于序时进度{fmt(-gap)}个百分点",
                Verdict.ON_SCHEDULE: f"与序时进度相差{fmt(abs(gap))}个百分点，在±{fmt(rules.on_schedule_band)}之内"}[verdict]
        return verdict, rule, (f"完成率 = {formula} = {fmt(completion)}%{note}，序时进度{fmt(tp)}%，{word}")
    if cumulative and goal.value is not None and goal.value <= 0 and goal.comparison not in (Comparison.RANGE,):
        # zero or negative annual amount: a share of it means nothing, judge by the comparison
        if converted is None:
            return Verdict.MISSING, "missing", f"缺少{indicator.name}的数据"
        ok, test = meets(converted, goal, indicator.direction, rules.about_band, points=goal.unit == "%")
        return (Verdict.MET if ok else Verdict.NOT_MET), "zero_or_negative_target", (
            f"年度目标为{goal_text}（零或负数），完成率无意义，按比较方式判断：实际{fmt(converted)}{goal.unit}，"
            f"要求{test}，{'符合' if ok else '不符合'}")
    # a level, rate or band to reach (PM2.5 ≤ 35, 优良天数比例 ≥ 80%, 收入倍差 ≤ 1.9)
    if converted is None:
        return Verdict.MISSING, "missing", f"缺少{indicator.name}的数值，无法与目标{goal_text}比较"
    points = goal.unit in ("%", "个百分点")
    ok, test = meets(converted, goal, indicator.direction, rules.about_band, points=points)
    direction = {Direction.LOWER: "越小越好", Direction.BAND: "区间指标", Direction.HIGHER: "越大越好"}[indicator.direction]
    where = "" if period.last_month == 12 else f"（{period.short_label}数，以年末为准）"
    return (Verdict.MET if ok else Verdict.NOT_MET), "level_vs_target", (
        f"{indicator.name}（{direction}）实际{fmt(converted, 4)}{goal.unit}{where}，目标{goal_text}，要求{test}，"
        f"{'符合' if ok else '不符合'}")


def _growth_part(indicator: Indicator, observation: Observation | None, goal: NumericGoal, rules: Rules,
                 inputs: dict[str, str], extra: dict[str, Any]) -> tuple[Verdict, str, str]:
    growth = observation.growth if observation is not None else None
    goal_text = goal.describe()
    if growth is None:
        return Verdict.MISSING, "missing", f"目标为增长{goal_text}，但缺少增长率"
    ok, test = meets(growth, goal, Direction.HIGHER if indicator.direction is not Direction.LOWER else Direction.LOWER,
                     rules.about_band, points=True)
    if goal.value is not None:
        gap = (growth - goal.value).quantize(Decimal("0.01"))
        extra["growth_gap"] = gap
        gap_text = (f"高于目标{fmt(gap)}个百分点" if gap > 0 else
                    f"低于目标{fmt(-gap)}个百分点" if gap < 0 else "与目标持平")
    else:
        gap_text = ""
    if "_double_half" not in extra or extra["_double_half"] is None:
        extra["_double_half"] = ok
    elif extra["_double_half"] is not None:
        extra["_double_half"] = bool(extra["_double_half"]) and ok
    sign = "增长" if growth >= 0 else "下降"
    text = f"实际{sign}{fmt(abs(growth))}%，目标增长{goal_text}，要求{test}，{'符合' if ok else '不符合'}"
    if gap_text:
        text += f"（{gap_text}）"
    return (Verdict.MET if ok else Verdict.NOT_MET), "growth_vs_target", text


# --------------------------------------------------------------------------- the table
def double_half_summary(rows: Iterable[IndicatorStatus], set_label: str = "主要指标",
                        codes: Sequence[str] | None = None) -> DoubleHalf:
    """双过半 count over ``codes`` (default: the headline indicators; all when none is headline)."""
    rows = list(rows)
    if codes is not None:
        chosen = [r for r in rows if r.indicator.code in set(codes)]
    else:
        chosen = [r for r in rows if r.indicator.headline] or rows
    achieved = tuple(r.indicator.name for r in chosen if r.double_half is True)
    missed = tuple(r.indicator.name for r in chosen if r.double_half is False)
    rest = tuple(r.indicator.name for r in chosen if r.double_half is None)
    return DoubleHalf(set_label, achieved, missed, rest)


def status_table(plan: Plan, region: Region, period: Period, *, rules: Rules | None = None,
                 history: Sequence[Observation] = (), with_projects: bool = True) -> StatusTable:
    """The status of every indicator of ``plan`` for ``region`` and ``period``; with the project
    groups, the 双过半 count (mid-year only) and the year-end outlook (``history``: observations
    of earlier years for the same region, used for seasonal shares)."""
    rules = rules or Rules()
    observations = {o.indicator: o for o in plan.observations
                    if o.region == region.code and o.period.same_span(period)}
    targets = {t.indicator: t for t in plan.targets if t.region == region.code}
    derived = derived_values(plan, region, period)
    rows = tuple(indicator_status(ind, observations.get(ind.code), targets.get(ind.code), period,
                                  rules=rules, derived=derived.get(ind.code))
                 for ind in plan.indicators)
    projects = None
    if with_projects:
        from planwatch.analyze.projects import project_status

        projects = project_status(plan, region, period, rules=rules)
        if not projects.groups and not projects.towns and not projects.departments:
            projects = None
    double_half = double_half_summary(rows) if period.last_month == 6 and period.is_year_to_date else None
    from planwatch.analyze.outlook import outlook_for_plan

    outlook = outlook_for_plan(plan, region, period, history=history, rules=rules)
    return StatusTable(plan.title, region, period, percent(period.elapsed_share), rows, projects, double_half,
                       outlook)


# --------------------------------------------------------------------------- JSON views
def _text(value: object) -> str | None:
    return None if value is None else str(value)


def row_as_dict(row: IndicatorStatus) -> dict[str, object]:
    """A JSON-ready view of one row (numbers as strings, exactly as stated)."""
    obs, ind = row.observation, row.indicator
    return {
        "code": ind.code, "name": ind.name, "category": ind.category, "unit": ind.unit,
        "headline": ind.headline, "nature": ind.nature.value, "frequency": ind.frequency.value,
        "value": _text(obs.value) if obs else None, "value_unit": obs.unit if obs else None,
        "growth": _text(obs.growth) if obs else None,
        "growth_basis": obs.growth_basis.value if obs and obs.growth_basis else None,
        "share": _text(obs.share) if obs else None, "plan_completion": _text(obs.plan_completion) if obs else None,
        "status_text": obs.status if obs else None, "estimate": obs.estimate if obs else False,
        "target": row.target.describe() if row.target else None,
        "verdict": row.verdict.value, "tone": row.verdict.tone, "rule": row.rule, "explanation": row.explanation,
        "completion": _text(row.completion), "time_progress": _text(row.time_progress),
        "gap_points": _text(row.gap_points), "growth_gap": _text(row.growth_gap), "double_half": row.double_half,
        "derived_value": _text(row.derived_value), "inputs": dict(row.inputs),
        "derived_error": row.derived_error, "cross_check": row.cross_check,
        "lagging": row.verdict.is_lagging,
    }


def table_as_dict(table: StatusTable) -> dict[str, object]:
    from planwatch.analyze.outlook import outlook_as_dict
    from planwatch.analyze.projects import projects_as_dict

    return {
        "plan": table.plan_title, "region": {"code": table.region.code, "name": table.region.name},
        "period": {"code": table.period.code, "label": table.period.label},
        "time_progress": str(table.time_progress),
        "counts": {verdict.value: n for verdict, n in table.counts().items()},
        "rows": [row_as_dict(row) for row in table.rows],
        "double_half": table.double_half.as_dict() if table.double_half else None,
        "projects": projects_as_dict(table.projects) if table.projects else None,
        "outlook": [outlook_as_dict(o) for o in table.outlook],
    }


def lagging_only(table: StatusTable) -> StatusTable:
    """The same table with only what is behind (rows, project groups, towns, departments)."""
    from planwatch.analyze.projects import lagging_projects

    return replace(table, rows=tuple(table.lagging()),
                   projects=lagging_projects(table.projects) if table.projects else None)
