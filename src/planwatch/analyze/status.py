"""The status engine: where each indicator stands for a region and period.

One typed result (:class:`StatusTable`) that the CLI, the report and the web all read. Pure:
it takes model objects and returns results; it never reads the database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum

from planwatch.model import (
    Indicator,
    Observation,
    Period,
    Plan,
    Region,
    Target,
)


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

    @property
    def code(self) -> str:
        return self.indicator.code


@dataclass(frozen=True)
class StatusTable:
    """The status of a plan's indicators for one region and period."""

    plan_title: str
    region: Region
    period: Period
    time_progress: Decimal
    rows: tuple[IndicatorStatus, ...]

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


def _percent(fraction: object) -> Decimal:
    from fractions import Fraction

    assert isinstance(fraction, Fraction)
    return (Decimal(fraction.numerator) / Decimal(fraction.denominator) * 100).quantize(Decimal("0.01"))


def indicator_status(indicator: Indicator, observation: Observation | None, target: Target | None,
                     period: Period) -> IndicatorStatus:
    """Judge one indicator. (Interim rules: reported status text, annual-only, missing, no target.)"""
    time_progress = _percent(period.elapsed_share)
    if indicator.is_annual_only and period.last_month < 12:
        return IndicatorStatus(indicator, observation, target, Verdict.ANNUAL_ONLY, "annual_only",
                               f"{indicator.name}为年度数据，{period.short_label}无统计数，不作判断",
                               time_progress=time_progress)
    if observation is None:
        return IndicatorStatus(indicator, None, target, Verdict.MISSING, "missing",
                               f"{period.label}没有{indicator.name}的数据", time_progress=time_progress)
    if target is None:
        if observation.status and not observation.has_numbers:
            return IndicatorStatus(indicator, observation, None, Verdict.REPORTED, "reported_status",
                                   f"报告所述：{observation.status}", time_progress=time_progress)
        return IndicatorStatus(indicator, observation, None, Verdict.NO_TARGET, "no_target",
                               "计划未设定年度目标，无法判断进度", time_progress=time_progress)
    return IndicatorStatus(indicator, observation, target, Verdict.TO_ASSESS, "to_assess",
                           f"目标：{target.describe()}", time_progress=time_progress)


def status_table(plan: Plan, region: Region, period: Period) -> StatusTable:
    """The status of every indicator of ``plan`` for ``region`` and ``period``."""
    observations = {o.indicator: o for o in plan.observations
                    if o.region == region.code and o.period.same_span(period)}
    targets = {t.indicator: t for t in plan.targets if t.region == region.code}
    rows = tuple(indicator_status(ind, observations.get(ind.code), targets.get(ind.code), period)
                 for ind in plan.indicators)
    return StatusTable(plan.title, region, period, _percent(period.elapsed_share), rows)


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
    }


def table_as_dict(table: StatusTable) -> dict[str, object]:
    return {
        "plan": table.plan_title, "region": {"code": table.region.code, "name": table.region.name},
        "period": {"code": table.period.code, "label": table.period.label},
        "time_progress": str(table.time_progress),
        "counts": {verdict.value: n for verdict, n in table.counts().items()},
        "rows": [row_as_dict(row) for row in table.rows],
    }
