"""The status engine: where each indicator stands for a region and period.

One typed result (:class:`StatusTable`) that the CLI, the report and the web all read. Pure:
it takes model objects and returns results; it never reads the database. The judgement rules
themselves live one floor down in :mod:`planwatch.analyze.verdicts` and the verdict words in
:mod:`planwatch.model.verdict`; this module decides which rule applies to which indicator,
in the order listed in docs/status.md. Every row names the rule that produced its verdict
(``rule``), says it in Chinese with the numbers (``explanation``) and keeps them (``inputs``).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from planwatch.analyze.derived import DerivedValue, derived_values
from planwatch.analyze.numbers import fmt, pct, places_of, stated_interval
from planwatch.analyze.outlook import Outlook, outlook_as_dict, outlook_for_plan
from planwatch.analyze.projects import ProjectSummary, lagging_projects, project_status, projects_as_dict
from planwatch.analyze.verdicts import (
    Judgement,
    Rules,
    completion_places,
    effective_comparison,
    implied_annual,
    judge_cap_schedule,
    judge_goal,
    judge_in_step,
    judge_schedule,
    judge_stated_gap,
    quantize,
    time_progress,
)
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
from planwatch.model.formatting import fixed, stated
from planwatch.model.observation import FieldProblem, stored_number_problems
from planwatch.model.units import convert_or_none
from planwatch.model.verdict import Verdict, read_verdict, worst

__all__ = [
    "DoubleHalf", "GoalResult", "IndicatorStatus", "PlanCount", "Rules", "StatusTable", "Verdict",
    "double_half_summary", "indicator_over_periods", "indicator_status", "lagging_only", "periods_read", "plan_count", "row_as_dict",
    "status_table",
    "table_as_dict",
]

_ANNUAL_WORDS = ("年度数据", "无半年度预计数", "无半年度数据")
_DOWN = ("降低", "下降", "减少", "回落")
_GDP_NAMES = ("地区生产总值", "GDP", "生产总值", "国内生产总值")


@dataclass(frozen=True)
class GoalResult:
    """One goal of a target and how the figure stands against it (确保 and 争取 tiers, a superior's goal)."""

    goal: NumericGoal
    judgement: Judgement

    @property
    def label(self) -> str:
        return self.goal.label


@dataclass(frozen=True)
class IndicatorStatus:
    """One indicator's standing. Percentages are in % (57.4, not 0.574).

    ``verdict`` is the judgement; ``word`` is what a reader sees (the verdict, or the target's
    own phrase such as 完成上级下达任务, with 待核数 when a reported verdict has no figures behind
    it). ``period`` is the period judged: a quarterly indicator in a 1—7月 table is judged on its
    1—6月 figure against 50%."""

    indicator: Indicator
    observation: Observation | None
    target: Target | None
    verdict: Verdict
    rule: str
    explanation: str
    completion: Decimal | None = None          # actual ÷ annual target, % (at ``completion_places``)
    time_progress: Decimal | None = None       # 序时进度 of ``period``, %
    gap_points: Decimal | None = None          # completion − 序时进度, percentage points
    growth_gap: Decimal | None = None          # actual growth − target growth, points
    double_half: bool | None = None            # 双过半 at mid-year, where it applies
    double_half_basis: str | None = None       # what 双过半 counted: 总量 (completion ≥ 50%) or 增速 (growth target met)
    derived_value: Decimal | None = None       # value computed from the plan's formula (indicator precision)
    inputs: dict[str, str] = field(default_factory=dict)
    derived_error: str | None = None           # why the formula could not be evaluated
    cross_check: str | None = None             # stated 占年度计划% vs computed, when they disagree
    label: str | None = None                   # a word to show instead of the verdict's (完成上级下达任务)
    needs_figures: bool = False                # a reported verdict with no figures: 待核数
    goals: tuple[GoalResult, ...] = ()
    implied_target: str | None = None          # a target implied by the report (value ÷ 占年计划, growth − gap)
    period: Period | None = None
    completion_places: int = 1

    @property
    def code(self) -> str:
        return self.indicator.code

    @property
    def word(self) -> str:
        text = self.label or self.verdict.value
        return f"{text}（待核数）" if self.needs_figures else text

    @property
    def lagging(self) -> bool:
        return self.verdict.is_lagging

    @property
    def completion_text(self) -> str | None:
        """Completion as printed: one decimal, or the stated figure's precision (57.4, 45.0, 63.40)."""
        return None if self.completion is None else fixed(self.completion, self.completion_places)


@dataclass(frozen=True)
class DoubleHalf:
    """双过半 over a chosen set of indicators at mid-year, labelled by what it counted.

    ``by_amount``: indicators judged by 总量 (cumulative completion ≥ 50% of an annual amount);
    ``by_growth``: indicators judged by 增速 (the growth target met at mid-year). ``missed`` are the
    names of those that did not achieve it; ``not_assessed`` the rest of the set (annual data,
    missing figures, no numeric target)."""

    set_label: str
    achieved: tuple[str, ...]
    missed: tuple[str, ...]
    not_assessed: tuple[str, ...]
    by_amount: tuple[str, ...] = ()
    by_growth: tuple[str, ...] = ()
    by_report: tuple[str, ...] = ()

    @property
    def assessed(self) -> int:
        return len(self.achieved) + len(self.missed)

    @property
    def headline(self) -> str:
        """The sentence a report uses: 12项主要指标中有3项未实现“双过半”（总量9项、增速3项）."""
        if not self.assessed:
            return f"{self.set_label}中没有可判断“双过半”的指标"
        basis = "、".join(f"{word}{len(names)}项" for word, names in
                          (("总量", self.by_amount), ("增速", self.by_growth), ("报告所述", self.by_report)) if names)
        text = (f"{self.assessed}项{self.set_label}中有{len(self.missed)}项未实现“双过半”"
                if self.missed else f"{self.assessed}项{self.set_label}全部实现“双过半”")
        return f"{text}（按{basis}判断）" if basis else text

    def as_dict(self) -> dict[str, object]:
        return {"set": self.set_label, "assessed": self.assessed, "achieved": list(self.achieved),
                "missed": list(self.missed), "not_assessed": list(self.not_assessed),
                "by_amount": list(self.by_amount), "by_growth": list(self.by_growth),
                "by_report": list(self.by_report), "headline": self.headline}


@dataclass(frozen=True)
class PlanCount:
    """The plan-wide count over the headline indicators: how many are on or ahead, how many lag."""

    set_label: str
    good: tuple[str, ...]
    lagging: tuple[str, ...]
    not_assessed: tuple[str, ...]

    @property
    def assessed(self) -> int:
        return len(self.good) + len(self.lagging)

    @property
    def headline(self) -> str:
        """《N项主要指标中M项达到或超过序时进度（预期目标），K项滞后》."""
        if not self.assessed:
            return ""
        text = f"{self.assessed}项{self.set_label}中{len(self.good)}项达到或超过序时进度（预期目标）"
        return text + (f"，{len(self.lagging)}项滞后" if self.lagging else "")

    def as_dict(self) -> dict[str, object]:
        return {"set": self.set_label, "assessed": self.assessed, "good": list(self.good),
                "lagging": list(self.lagging), "not_assessed": list(self.not_assessed), "headline": self.headline}


@dataclass(frozen=True)
class StatusTable:
    """The status of a plan's indicators for one region and period, with the key-project groups
    (``projects``), the 双过半 count at mid-year (``double_half``), the plan-wide count and the
    year-end outlook."""

    plan_title: str
    region: Region
    period: Period
    time_progress: Decimal
    rows: tuple[IndicatorStatus, ...]
    projects: ProjectSummary | None = None
    double_half: DoubleHalf | None = None
    outlook: tuple[Outlook, ...] = ()
    count: PlanCount | None = None

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


# --------------------------------------------------------------------------- one indicator
@dataclass
class _Case:
    """What one indicator is judged on, gathered once and handed to each rule in turn."""

    indicator: Indicator
    observation: Observation | None
    target: Target | None
    period: Period
    rules: Rules
    derived: DerivedValue | None
    in_step_reference: tuple[Indicator, Observation | None] | None
    inputs: dict[str, str]
    base: dict[str, Any]
    actual: Decimal | None = None
    actual_unit: str = ""
    note: str = ""          # appended to every explanation (formula disagreement, quarterly figure)

    def result(self, verdict: Verdict, rule: str, explanation: str, **extra: Any) -> IndicatorStatus:
        return IndicatorStatus(self.indicator, self.observation, self.target, verdict, rule,
                               explanation + self.note, inputs=self.inputs, **{**self.base, **extra})

    @property
    def status_text(self) -> str | None:
        return self.observation.status if self.observation is not None else None


def _case(indicator: Indicator, observation: Observation | None, target: Target | None, period: Period,
          rules: Rules, derived: DerivedValue | None, judged_period: Period | None,
          in_step_reference: tuple[Indicator, Observation | None] | None) -> _Case:
    judged = judged_period or period
    tp, label, shown = _schedule_of(judged)
    inputs: dict[str, str] = {"统计期": label, "序时进度": shown}
    base: dict[str, Any] = {"time_progress": tp, "period": judged}
    if target is not None:
        inputs["目标"] = target.describe()
    case = _Case(indicator, observation, target, judged, rules, derived, in_step_reference, inputs, base)
    if judged != period:
        case.note = f"（{indicator.name}为{indicator.frequency.value}数据，取{judged.short_label}数，按其序时进度判断）"
    if derived is not None:
        _derived_inputs(case, derived)
    _actual_inputs(case)
    return case


@functools.lru_cache(maxsize=256)
def _schedule_of(period: Period) -> tuple[Decimal, str, str]:
    """(序时进度 at one decimal, the period's label, 序时进度 as shown): the same for every indicator."""
    tp = quantize(time_progress(period), 1)
    return tp, period.label, f"{fmt(tp, 1)}%"


def _derived_inputs(case: _Case, derived: DerivedValue) -> None:
    places = case.indicator.display_places
    value = quantize(derived.value, places) if derived.value is not None else None
    case.base["derived_value"] = value
    case.inputs["公式"] = derived.readable
    if derived.error:
        case.base["derived_error"] = derived.error
    elif value is not None:
        case.inputs["公式计算值"] = f"{fmt(value, places)}{derived.unit}"
        case.inputs.update({f"公式输入·{k}": v for k, v in derived.inputs.items()})


def _actual_inputs(case: _Case) -> None:
    obs, indicator = case.observation, case.indicator
    derived_value = case.base.get("derived_value")
    case.actual = obs.value if obs is not None else None
    case.actual_unit = (obs.unit if obs is not None else None) or indicator.unit
    if case.actual is None and derived_value is not None:
        case.actual, case.actual_unit = derived_value, indicator.unit
        case.inputs["实际（公式计算）"] = f"{fmt(derived_value, indicator.display_places)}{indicator.unit}"
    elif obs is not None and obs.value is not None:
        qualifier = obs.qualifier if obs.qualifier in ("超", "近", "约") else ""
        case.inputs["实际"] = f"{qualifier}{obs.value}{case.actual_unit}"
    if obs is None:
        return
    if obs.growth is not None:
        case.inputs["增长"] = f"{obs.growth}%"
    if obs.plan_completion is not None:
        case.inputs["报告所述占年度计划"] = f"{obs.plan_completion}%"
    if obs.status:
        case.inputs["报告所述"] = obs.status
    if obs.target_gap is not None:
        case.inputs["报告所述与目标之差"] = f"{obs.target_gap}"
    derived = case.derived
    if derived is not None and derived.ok and obs.value is not None and derived_value is not None:
        low, high = stated_interval(obs.value)
        if not (low - Decimal("0.01") <= derived_value <= high + Decimal("0.01")):
            message = f"按公式计算为{fmt(derived_value, indicator.display_places)}{indicator.unit}，与所报{obs.value}不一致"
            case.base["cross_check"] = message
            case.note += "；注意：" + message


def indicator_status(indicator: Indicator, observation: Observation | None, target: Target | None,
                     period: Period, *, rules: Rules | None = None, derived: DerivedValue | None = None,
                     judged_period: Period | None = None,
                     in_step_reference: tuple[Indicator, Observation | None] | None = None) -> IndicatorStatus:
    """Judge one indicator: the first rule of docs/status.md that applies gives the verdict."""
    invalid = stored_number_problems(observation) if observation is not None else []
    return _judge(indicator, observation, target, period, invalid, rules=rules, derived=derived,
                  judged_period=judged_period, in_step_reference=in_step_reference)


def _judge(indicator: Indicator, observation: Observation | None, target: Target | None, period: Period,
           invalid: Sequence[FieldProblem], *, rules: Rules | None, derived: DerivedValue | None,
           judged_period: Period | None,
           in_step_reference: tuple[Indicator, Observation | None] | None) -> IndicatorStatus:
    """:func:`indicator_status` with the observation's stored-number problems already known."""
    if invalid:
        return _invalid_stored_value(indicator, target, judged_period or period, invalid)
    case = _case(indicator, observation, target, period, rules or Rules(), derived, judged_period,
                 in_step_reference)
    for rule in (_annual_only, _derived_error, _missing, _no_target, _qualitative, _reported_only, _numeric):
        found = rule(case)
        if found is not None:
            return found
    raise AssertionError("the numeric rule always answers")   # pragma: no cover


# --------------------------------------------------------------------------- rules, in order
def _invalid_stored_value(indicator: Indicator, target: Target | None, period: Period,
                          problems: Sequence[FieldProblem]) -> IndicatorStatus:
    """0. A number no door accepts today (an older version stored it): an error on this row, never
    a computation (nor a failing page)."""
    what = "；".join(p.message for p in problems)
    return IndicatorStatus(indicator, None, target, Verdict.TO_ASSESS, "invalid_stored_value",
                           f"数据有误：{indicator.name}{period.label}的{what}，未参与判断；请更正后重新填报",
                           time_progress=quantize(time_progress(period), 1), period=period, label="数据有误",
                           inputs={"统计期": period.label, "数据有误": what})


def without_invalid_values(plan: Plan) -> Plan:
    """``plan`` without the observations holding a number no door accepts today, for the
    computations across indicators (formulas, outlook, 同步 references)."""
    kept = tuple(o for o in plan.observations if not stored_number_problems(o))
    return plan if len(kept) == len(plan.observations) else replace(plan, observations=kept)


def _annual_only(case: _Case) -> IndicatorStatus | None:
    """1. Annual-only indicators before December, or a report saying 年度数据: never lagging."""
    if case.indicator.is_annual_only and case.period.last_month < 12:
        return case.result(Verdict.ANNUAL_ONLY, "annual_only",
                           f"{case.indicator.name}为年度数据，{case.period.short_label}无统计数，不作判断")
    obs = case.observation
    if obs is not None and obs.status and not obs.has_numbers and any(w in obs.status for w in _ANNUAL_WORDS):
        return case.result(Verdict.ANNUAL_ONLY, "reported_annual_only",
                           f"报告称{case.indicator.name}“{obs.status}”，不作判断")
    return None


def _derived_error(case: _Case) -> IndicatorStatus | None:
    """2. A formula with a unit error and no reported value is said plainly."""
    if case.derived is not None and case.derived.error and (case.observation is None or case.observation.value is None):
        return case.result(Verdict.TO_ASSESS, "derived_unit_error", case.derived.explain())
    return None


def _missing(case: _Case) -> IndicatorStatus | None:
    """3. No figure, no status words and no computable formula → 缺数."""
    obs = case.observation
    empty = obs is None or (not obs.has_numbers and not obs.status and obs.target_gap is None)
    if empty and case.actual is None:
        if case.derived is not None and case.derived.missing:
            return case.result(Verdict.MISSING, "missing", case.derived.explain())
        return case.result(Verdict.MISSING, "missing", f"{case.period.label}没有{case.indicator.name}的数据")
    return None


def _no_target(case: _Case) -> IndicatorStatus | None:
    """4. No target: a stated 占年计划 share, a stated gap to the target, reported verdict words."""
    if case.target is not None:
        return None
    obs = case.observation
    if obs is not None and obs.plan_completion is not None and _is_cumulative(case):
        return _stated_share(case, obs)
    if obs is not None and obs.target_gap is not None:
        implied = _stated_gap(case, obs)
        if implied is not None:
            return implied
    if case.status_text:
        phrase = read_verdict(case.status_text)
        if phrase is not None:
            return case.result(phrase.verdict, "reported_verdict",
                               f"报告所述“{case.status_text}”含“{phrase.text}”（计划未设定目标）",
                               label=None if phrase.verdict is not Verdict.MET else phrase.text)
        return case.result(Verdict.REPORTED, "reported_status", f"报告所述：{case.status_text}（计划未设定目标）")
    computed = f"；{case.derived.explain()}" if case.derived is not None and case.derived.ok else ""
    return case.result(Verdict.NO_TARGET, "no_target", "计划未设定年度目标，无法判断进度" + computed)


def _is_cumulative(case: _Case) -> bool:
    return case.indicator.measure in (Measure.FLOW, Measure.COUNT) and case.period.is_year_to_date


def _stated_share(case: _Case, obs: Observation) -> IndicatorStatus:
    """A stated 占年计划 share with no level target: judged against 序时进度, counted for 双过半,
    and the annual target it implies shown (marked as derived)."""
    stated = obs.plan_completion
    assert stated is not None
    places = completion_places(stated)
    judgement = judge_schedule(stated, case.period, case.rules, places=places)
    implied = None
    if obs.value is not None:
        annual = implied_annual(obs.value, stated)
        if annual is not None:
            implied = f"{fmt(annual, places_of(obs.value))}{obs.unit or case.indicator.unit}（由{obs.value}"\
                      f"{obs.unit or case.indicator.unit}与占年计划{stated}%推算）"
            case.inputs["推算年度目标"] = implied
    text = f"报告所述占年度计划{stated}%，{judgement.text}" + (f"；推算年度目标约{implied}" if implied else "")
    return case.result(judgement.verdict, "stated_share_vs_schedule", text + _double_half_words(case, stated),
                       completion=quantize(stated, places), completion_places=places, gap_points=judgement.gap,
                       implied_target=implied, **_double_half_fields(case, stated >= 50, "总量"))


def _stated_gap(case: _Case, obs: Observation) -> IndicatorStatus | None:
    """A stated gap to the target (增长10.2%，高于预期目标0.2个百分点) implies the target (10%)."""
    gap = obs.target_gap
    assert gap is not None
    if obs.growth is not None:
        implied, what = obs.growth - gap, "增长"
    elif obs.value is not None and (obs.unit or case.indicator.unit) in ("%", "‰"):
        implied, what = obs.value - gap, ""
    else:
        return None
    judgement = judge_stated_gap(gap, "%")
    target_text = f"{what}{fmt(implied)}%（由报告所述与目标之差推算）"
    case.inputs["推算目标"] = target_text
    extra: dict[str, Any] = {"implied_target": target_text}
    if what:
        extra["growth_gap"] = gap
    return case.result(judgement.verdict, "stated_target_gap",
                       f"报告所述{judgement.text}，推算目标为{target_text}", **extra)


def _qualitative(case: _Case) -> IndicatorStatus | None:
    """5. Qualitative targets: 同步 by the two growths; else the reported words."""
    target = case.target
    if target is None or not target.is_qualitative:
        return None
    phrase_text = target.qualitative or ""
    if case.in_step_reference is not None:
        judged = _in_step(case, phrase_text)
        if judged is not None:
            return judged
    text = case.status_text
    if not text:
        return case.result(Verdict.TO_ASSESS, "qualitative_no_words",
                           f"定性目标“{phrase_text}”，报告只给出数字（{case.inputs.get('实际', '')}），需人工评估")
    clean = "".join(text.split())
    if phrase_text and "".join(phrase_text.split()) in clean:
        return case.result(Verdict.MET, "qualitative_words", f"定性目标“{phrase_text}”：报告所述“{text}”与目标一致",
                           label=phrase_text)
    phrase = read_verdict(text)
    if phrase is not None:
        label = phrase_text if phrase.verdict is Verdict.MET and phrase_text else None
        return case.result(phrase.verdict, "qualitative_words",
                           f"定性目标“{phrase_text}”：报告所述“{text}”含“{phrase.text}”", label=label)
    if case.indicator.direction is Direction.LOWER and any(w in clean for w in _DOWN) and \
            not any(w in clean for w in ("慢于", "快于", "低于", "高于", "略")):
        word = next(w for w in _DOWN if w in clean)
        return case.result(Verdict.MET, "qualitative_words",
                           f"定性目标“{phrase_text}”：报告所述“{text}”：{case.indicator.name}越小越好，“{word}”为向好",
                           label=phrase_text or None)
    return case.result(Verdict.TO_ASSESS, "qualitative_unclear",
                       f"定性目标“{phrase_text}”：报告所述“{text}”，措辞不足以判断，待评估")


def _in_step(case: _Case, phrase_text: str) -> IndicatorStatus | None:
    assert case.in_step_reference is not None
    other, other_obs = case.in_step_reference
    own = case.observation.growth if case.observation is not None else None
    theirs = other_obs.growth if other_obs is not None else None
    if own is None or theirs is None:
        return None
    judgement = judge_in_step(own, theirs, other.name, case.rules)
    case.inputs[f"{other.name}增长"] = f"{theirs}%"
    label = phrase_text if judgement.verdict is Verdict.MET else None
    return case.result(judgement.verdict, "in_step", f"定性目标“{phrase_text}”：{judgement.text}",
                       growth_gap=judgement.gap, label=label)


def _reported_only(case: _Case) -> IndicatorStatus | None:
    """6. A verdict-only observation (进展顺利) on a numeric target: the reported verdict, 待核数."""
    obs = case.observation
    if obs is None or obs.has_numbers or case.actual is not None or not obs.status:
        return None
    phrase = read_verdict(obs.status)
    if phrase is None:
        return case.result(Verdict.REPORTED, "reported_status", f"报告所述：{obs.status}（无数字，待核数）",
                           needs_figures=True)
    return case.result(phrase.verdict, "reported_verdict",
                       f"报告所述“{obs.status}”含“{phrase.text}”（无数字，待核数）", needs_figures=True,
                       **_double_half_fields(case, phrase.double_half, "报告"))


def _numeric(case: _Case) -> IndicatorStatus:
    """7–9. Numeric targets: every goal judged; the primary goals decide, the worse one leads."""
    target = case.target
    assert target is not None
    primary: list[tuple[Judgement, str, dict[str, Any]]] = []
    results: list[GoalResult] = []
    for goal in target.goals:
        judgement, text, extra = (_level(case, goal) if goal.slot == "level" else _growth(case, goal))
        results.append(GoalResult(goal, judgement))
        if goal in (target.level, target.growth):
            primary.append((judgement, text, extra))
    if not primary:
        return case.result(Verdict.TO_ASSESS, "to_assess", f"目标：{target.describe()}", goals=tuple(results))
    verdict = worst([j.verdict for j, _, _ in primary])
    lead = next(p for p in primary if p[0].verdict is verdict)
    merged: dict[str, Any] = {}
    for _, _, extra in primary:
        merged.update({k: v for k, v in extra.items() if k != "_double_half"})
    explanation = "；".join(text for _, text, _ in primary)
    others = [r for r in results if r.goal not in (target.level, target.growth)]
    if others:
        explanation += "；" + "；".join(f"对照{r.label}{r.goal.describe()}：{r.judgement.text}"
                                       f"（{'达到' if r.judgement.met else '未达到'}）" for r in others)
    double_half = _combine_double_half([extra.get("_double_half") for _, _, extra in primary])
    if double_half is not None:
        merged.update(_double_half_fields(case, *double_half))
        explanation += _double_half_words(case, None, double_half[0])
    return case.result(verdict, lead[0].rule, explanation, goals=tuple(results), **merged)


def _combine_double_half(parts: list[tuple[bool, str] | None]) -> tuple[bool, str] | None:
    """All judged goals must achieve 双过半; the basis names what was counted (总量、增速)."""
    judged = [p for p in parts if p is not None]
    if not judged:
        return None
    return all(ok for ok, _ in judged), "、".join(sorted({basis for _, basis in judged}))


def _double_half_fields(case: _Case, achieved: bool | None, basis: str) -> dict[str, Any]:
    if not case.period.is_first_half or achieved is None:
        return {}
    return {"double_half": achieved, "double_half_basis": basis}


def _double_half_words(case: _Case, completion: Decimal | None, achieved: bool | None = None) -> str:
    if not case.period.is_first_half:
        return ""
    if achieved is None and completion is not None:
        achieved = completion >= 50
    return "" if achieved is None else "；" + ("实现“双过半”" if achieved else "未实现“双过半”")


# --------------------------------------------------------------------------- numeric goals
def _level(case: _Case, goal: NumericGoal) -> tuple[Judgement, str, dict[str, Any]]:
    """A level goal: completion against 序时进度 for cumulative flows and counts; a direct
    comparison for rates, stocks and bands."""
    indicator, obs = case.indicator, case.observation
    stated = obs.plan_completion if obs is not None else None
    converted = convert_or_none(case.actual, case.actual_unit, goal.unit) if case.actual is not None else None
    goal_text = goal.describe()
    if case.actual is not None and converted is None:
        j = _plain(Verdict.TO_ASSESS, "unit_mismatch")
        return j, f"实际单位“{case.actual_unit}”与目标单位“{goal.unit}”不可换算，无法判断", {}
    cumulative = _is_cumulative(case) and goal.comparison is not Comparison.POSITIVE
    if cumulative and goal.value is not None and goal.value > 0:
        return _completion(case, goal, converted, stated)
    if converted is None:
        j = _plain(Verdict.MISSING, "missing")
        return j, f"缺少{indicator.name}的数值，无法与{goal.label}{goal_text}比较", {}
    judgement = judge_goal(converted, goal, indicator.direction, case.rules, indicator=indicator)
    if cumulative:   # zero or negative annual amount: a share of it means nothing
        j = replace(judgement, rule="zero_or_negative_target")
        return j, (f"年度目标为{goal_text}（零或负数），完成率无意义，按比较方式判断：实际{fmt(converted)}{goal.unit}，"
                   f"要求{judgement.test}，{_met_word(judgement)}"), {}
    direction = indicator.direction.value if indicator.direction is not Direction.BAND else "区间指标"
    where = "" if case.period.last_month == 12 else f"（{case.period.short_label}数，以年末为准）"
    j = replace(judgement, rule="level_vs_target")
    return j, (f"{indicator.name}（{direction}）实际{fmt(converted, 4)}{goal.unit}{where}，{goal.label}{goal_text}，"
               f"要求{judgement.test}，{_met_word(judgement)}（{judgement.text}）"), {}


def _completion(case: _Case, goal: NumericGoal, converted: Decimal | None,
                stated: Decimal | None) -> tuple[Judgement, str, dict[str, Any]]:
    """Cumulative flow against the annual amount: completion = actual ÷ target vs 序时进度."""
    assert goal.value is not None
    places = completion_places(stated)
    computed = pct(converted, goal.value) if converted is not None else None
    note, rule = "", "completion_vs_schedule"
    extra: dict[str, Any] = {}
    if computed is None and stated is not None:
        computed, rule, note = stated, "stated_completion_vs_schedule", "（无累计数，取报告所述）"
    elif computed is not None and stated is not None:
        low, high = stated_interval(stated)
        if low <= computed <= high:
            note = f"（与报告所述{stated}%一致）"
        else:
            note = f"（报告所述占年度计划{stated}%与计算值{fmt(computed, places)}%不一致）"
            extra["cross_check"] = (f"报告所述占年度计划{stated}%，按{case.actual}{case.actual_unit}÷"
                                    f"{fmt(goal.value)}{goal.unit}计算为{fmt(computed, places)}%")
    if computed is None:
        j = _plain(Verdict.MISSING, "missing")
        return j, f"缺少{case.indicator.name}的累计数，无法计算完成率", {}
    completion = quantize(computed, places)
    completion_text = fmt(completion, places)
    formula = (f"{case.actual}{case.actual_unit} ÷ {fmt(goal.value)}{goal.unit}" if converted is not None
               else f"报告所述占年度计划{stated}%")
    case.inputs["完成率"] = f"{completion_text}%"
    extra.update(completion=completion, completion_places=places)
    if effective_comparison(goal, case.indicator.direction) is Comparison.AT_MOST or \
            case.indicator.direction is Direction.LOWER:
        judgement = judge_cap_schedule(computed, case.period, case.rules, places=places)
        extra["gap_points"] = judgement.gap
        return judgement, (f"总量控制{goal.label}{goal.describe()}：累计{formula} = {completion_text}%{note}，"
                           f"{judgement.text}"), extra
    judgement = judge_schedule(computed, case.period, case.rules, places=places)
    if rule != "completion_vs_schedule" and judgement.rule == "completion_vs_schedule":
        judgement = replace(judgement, rule=rule)
    extra["gap_points"] = judgement.gap
    extra["_double_half"] = (completion >= 50, "总量")
    label = "" if goal.is_primary_kind and goal.tier is None else f"（{goal.label}）"
    return judgement, f"完成率{label} = {formula} = {completion_text}%{note}，{judgement.text}", extra


def _growth(case: _Case, goal: NumericGoal) -> tuple[Judgement, str, dict[str, Any]]:
    """A growth goal: the growth rate against the goal in points, 左右 one-sided by direction."""
    obs = case.observation
    growth = obs.growth if obs is not None else None
    if growth is None:
        return _plain(Verdict.MISSING, "missing"), f"目标为{goal.describe()}，但缺少增长率", {}
    direction = Direction.LOWER if case.indicator.direction is Direction.LOWER else (
        Direction.BAND if case.indicator.direction is Direction.BAND else Direction.HIGHER)
    judgement = judge_goal(growth, goal, direction, case.rules, indicator=case.indicator)
    judgement = replace(judgement, rule="growth_vs_target")
    extra: dict[str, Any] = {"_double_half": (bool(judgement.met), "增速")}
    if goal.value is not None and goal.is_primary_kind:
        extra["growth_gap"] = growth - goal.value
    sign = "增长" if growth >= 0 else "下降"
    text = (f"实际{sign}{stated(abs(growth))}%，{goal.label}{goal.describe()}，要求{judgement.test}，"
            f"{_met_word(judgement)}（{judgement.text}）")
    return judgement, text, extra


def _met_word(judgement: Judgement) -> str:
    return {Verdict.EXCEEDED: "超过预期", Verdict.MET: "符合"}.get(judgement.verdict, "未达到")


def _plain(verdict: Verdict, rule: str) -> Judgement:
    return Judgement(verdict, rule, "")


# --------------------------------------------------------------------------- the table
def double_half_summary(rows: Iterable[IndicatorStatus], set_label: str = "主要指标",
                        codes: Sequence[str] | None = None) -> DoubleHalf:
    """双过半 count over ``codes`` (default: the headline indicators; all when none is headline)."""
    chosen = _chosen(rows, codes)
    achieved = tuple(r.indicator.name for r in chosen if r.double_half is True)
    missed = tuple(r.indicator.name for r in chosen if r.double_half is False)
    rest = tuple(r.indicator.name for r in chosen if r.double_half is None)
    judged = [r for r in chosen if r.double_half is not None]

    def basis(word: str) -> tuple[str, ...]:
        return tuple(r.indicator.name for r in judged if word in (r.double_half_basis or ""))

    return DoubleHalf(set_label, achieved, missed, rest, basis("总量"), basis("增速"), basis("报告"))


def plan_count(rows: Iterable[IndicatorStatus], set_label: str = "主要指标",
               codes: Sequence[str] | None = None) -> PlanCount:
    """How many of the headline indicators (or ``codes``) are on or ahead, and how many lag."""
    chosen = _chosen(rows, codes)
    good = tuple(r.indicator.name for r in chosen if r.verdict.tone == "good")
    lagging = tuple(r.indicator.name for r in chosen if r.verdict.is_lagging)
    rest = tuple(r.indicator.name for r in chosen if not r.verdict.is_judgement)
    return PlanCount(set_label, good, lagging, rest)


def _chosen(rows: Iterable[IndicatorStatus], codes: Sequence[str] | None) -> list[IndicatorStatus]:
    rows = list(rows)
    if codes is not None:
        wanted = set(codes)
        return [r for r in rows if r.indicator.code in wanted]
    return [r for r in rows if r.indicator.headline] or rows


def _judged_period(indicator: Indicator, period: Period) -> Period:
    """A quarterly (half-yearly) indicator in a 1—N月 period is judged on its last quarter's figure."""
    if not (indicator.is_reported_sub_annually and period.is_year_to_date):
        return period
    last = indicator.last_reported(period.last_month)
    return Period.year_to_date(period.year, last) if 0 < last < period.last_month else period


def periods_read(indicators: Iterable[Indicator], period: Period) -> set[Period]:
    """The periods of its own plan whose figures :func:`status_table` reads for ``period``: the
    period itself and each indicator's judged period (a quarterly indicator's last quarter)."""
    return {period, *(_judged_period(ind, period) for ind in indicators)}


def _in_step_reference(plan: Plan, target: Target | None,
                       observations: dict[tuple[str, Period], Observation],
                       period: Period) -> tuple[Indicator, Observation | None] | None:
    """The indicator a 同步 target follows: named in the plan (``in_step_with``), or the GDP
    indicator when the phrase says 与经济增长…同步."""
    if target is None or not target.is_qualitative:
        return None
    code = target.in_step_with
    other = plan.indicator(code) if code else None
    if other is None and "同步" in (target.qualitative or "") and "经济增长" in (target.qualitative or ""):
        other = next((i for i in plan.indicators if any(n in _GDP_NAMES for n in i.names)), None)
    if other is None:
        return None
    judged = _judged_period(other, period)
    return other, observations.get((other.code, period)) or observations.get((other.code, judged))


def _rows(plan: Plan, region: Region, period: Period, rules: Rules,
          only: Sequence[Indicator] | None = None, clean: Plan | None = None) -> list[IndicatorStatus]:
    """``clean``: ``without_invalid_values(plan)`` when the caller has it already."""
    observations = {(o.indicator, o.period): o for o in plan.observations if o.region == region.code}
    clean = without_invalid_values(plan) if clean is None else clean
    valid = {(o.indicator, o.period): o for o in clean.observations if o.region == region.code}
    targets = {t.indicator: t for t in plan.targets if t.region == region.code}
    derived = derived_values(clean, region, period)
    rows = []
    for ind in only if only is not None else plan.indicators:
        judged = _judged_period(ind, period)
        obs = observations.get((ind.code, period)) or observations.get((ind.code, judged))
        target = targets.get(ind.code)
        # (``clean is plan``: no stored number of the plan is invalid, nothing to check again)
        invalid = stored_number_problems(obs) if obs is not None and clean is not plan else []
        rows.append(_judge(ind, obs, target, period, invalid, rules=rules, derived=derived.get(ind.code),
                           judged_period=judged, in_step_reference=_in_step_reference(clean, target, valid, period)))
    return rows


def status_table(plan: Plan, region: Region, period: Period, *, rules: Rules | None = None,
                 history: Sequence[Observation] = (), with_projects: bool = True) -> StatusTable:
    """The status of every indicator of ``plan`` for ``region`` and ``period``; with the project
    groups, the 双过半 count (mid-year only), the plan-wide count and the year-end outlook
    (``history``: observations of earlier years for the same region, used for seasonal shares)."""
    rules = rules or Rules()
    clean = without_invalid_values(plan)
    rows = _rows(plan, region, period, rules, clean=clean)
    projects = None
    if with_projects:
        projects = project_status(plan, region, period, rules=rules)
        if not projects.groups and not projects.towns and not projects.departments and not projects.projects:
            projects = None
    double_half = double_half_summary(rows) if period.is_first_half else None
    outlook = outlook_for_plan(clean, region, period,
                               history=[o for o in history if not stored_number_problems(o)], rules=rules)
    return StatusTable(plan.title, region, period, quantize(time_progress(period), 1), tuple(rows), projects,
                       double_half, outlook, plan_count(rows))


def indicator_over_periods(plan: Plan, region: Region, indicator: Indicator, periods: Iterable[Period], *,
                           rules: Rules | None = None) -> list[IndicatorStatus]:
    """One indicator's status in each of ``periods`` (its history on the indicator page), by the
    same rules as :func:`status_table`."""
    rules = rules or Rules()
    clean = without_invalid_values(plan)
    return [_rows(plan, region, period, rules, only=[indicator], clean=clean)[0] for period in periods]


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
        "verdict": row.verdict.value, "word": row.word, "tone": row.verdict.tone, "rule": row.rule,
        "explanation": row.explanation,
        "completion": row.completion_text, "time_progress": _text(row.time_progress),
        "period": row.period.code if row.period else None,
        "gap_points": _text(row.gap_points), "growth_gap": _text(row.growth_gap), "double_half": row.double_half,
        "double_half_basis": row.double_half_basis,
        "derived_value": _text(row.derived_value), "inputs": dict(row.inputs),
        "derived_error": row.derived_error, "cross_check": row.cross_check,
        "implied_target": row.implied_target, "needs_figures": row.needs_figures,
        "goals": [{"label": g.label, "goal": g.goal.describe(), "verdict": g.judgement.verdict.value,
                   "met": g.judgement.met, "gap": _text(g.judgement.gap)} for g in row.goals],
        "lagging": row.verdict.is_lagging,
    }


def table_as_dict(table: StatusTable) -> dict[str, object]:
    return {
        "plan": table.plan_title, "region": {"code": table.region.code, "name": table.region.name},
        "period": {"code": table.period.code, "label": table.period.label},
        "time_progress": str(table.time_progress),
        "counts": {verdict.value: n for verdict, n in table.counts().items()},
        "rows": [row_as_dict(row) for row in table.rows],
        "double_half": table.double_half.as_dict() if table.double_half else None,
        "count": table.count.as_dict() if table.count else None,
        "projects": projects_as_dict(table.projects) if table.projects else None,
        "outlook": [outlook_as_dict(o) for o in table.outlook],
    }


def lagging_only(table: StatusTable) -> StatusTable:
    """The same table with only what is behind (rows, project groups, towns, departments)."""
    return replace(table, rows=tuple(table.lagging()),
                   projects=lagging_projects(table.projects) if table.projects else None)

