"""Year-end outlook: the annual figure projected from the year-to-date one.

Method, stated in every result's ``assumption``:

- **history** — when earlier years give both the same period's figure and the full-year figure
  (2024年上半年 and 2024年全年), the year-to-date share of the annual total is averaged over
  those years and the projection is ``YTD ÷ average share`` (seasonality kept);
- **pro rata** — otherwise ``YTD ÷ (months elapsed ÷ 12)`` (no seasonality).

A target is *at risk* when the projection does not meet it (level targets), or when the projected
growth over last year's full-year figure does not meet a growth target. Nothing is projected for
rates, stocks, qualitative or annual-only indicators, nor for a full year.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from planwatch.analyze.numbers import HUNDRED, fmt
from planwatch.analyze.verdicts import Rules, judge_goal
from planwatch.model import Indicator, Measure, Observation, Period, Plan, Region, Target
from planwatch.model.units import convert_or_none


@dataclass(frozen=True)
class Outlook:
    indicator: Indicator
    period: Period
    ytd: Decimal
    unit: str
    projected: Decimal
    method: str                      # "history" | "pro_rata"
    share: Decimal                   # % of the annual total assumed to be done by the period's end
    years: tuple[int, ...]           # the years whose shares were used
    assumption: str
    target: Target | None = None
    at_risk: bool | None = None
    projected_growth: Decimal | None = None
    explanation: str = ""


def _annual(obs: Observation) -> bool:
    return obs.period.first_month == 1 and obs.period.last_month == 12


def project_year_end(indicator: Indicator, observation: Observation | None,  # noqa: C901
                     target: Target | None, period: Period, history: Sequence[Observation] = (), *,
                     rules: Rules | None = None) -> Outlook | None:
    """The projection for one indicator, or None where no projection applies."""
    rules = rules or Rules()
    if indicator.measure not in (Measure.FLOW, Measure.COUNT) or indicator.is_annual_only:
        return None
    if observation is None or observation.value is None or not period.is_year_to_date or period.last_month >= 12:
        return None
    unit = indicator.unit
    ytd = convert_or_none(observation.value, observation.unit, unit)
    if ytd is None:
        return None
    shares: dict[int, Decimal] = {}
    annual_by_year: dict[int, Decimal] = {}
    for obs in history:
        if obs.indicator != indicator.code or obs.period.year >= period.year or obs.value is None:
            continue
        if _annual(obs):
            value = convert_or_none(obs.value, obs.unit, unit)
            if value is not None:
                annual_by_year[obs.period.year] = value
    for obs in history:
        if obs.indicator != indicator.code or obs.value is None or obs.period.year >= period.year:
            continue
        if obs.period.first_month == 1 and obs.period.last_month == period.last_month:
            annual = annual_by_year.get(obs.period.year)
            value = convert_or_none(obs.value, obs.unit, unit)
            if annual and value is not None and annual > 0:
                shares[obs.period.year] = value / annual * HUNDRED
    label = period.short_label
    if shares:
        years = tuple(sorted(shares))
        share = sum(shares.values(), Decimal(0)) / len(shares)
        each = "、".join(f"{y}年{fmt(shares[y], 1)}%" for y in years)
        assumption = (f"按往年{label}占全年比重推算（{each}，平均{fmt(share, 1)}%）："
                      f"{fmt(ytd)}{unit} ÷ {fmt(share, 1)}%")
        method = "history"
    else:
        years = ()
        share = Decimal(period.last_month) / Decimal(12) * HUNDRED
        assumption = (f"无往年同期与全年数据，按时间进度线性推算（{label}占全年{period.last_month}/12 = "
                      f"{fmt(share, 1)}%，未考虑季节性）：{fmt(ytd)}{unit} ÷ {fmt(share, 1)}%")
        method = "pro_rata"
    projected = (ytd / share * HUNDRED).quantize(Decimal("0.01"))
    at_risk: bool | None = None
    growth: Decimal | None = None
    judgements: list[str] = []
    if target is not None and target.level is not None and target.level.value is not None:
        goal_value = convert_or_none(projected, unit, target.level.unit)
        if goal_value is not None:
            judged = judge_goal(goal_value, target.level, indicator.direction, rules, indicator=indicator)
            ok, test = bool(judged.met), judged.test
            at_risk = not ok
            judgements.append(f"预计全年{fmt(goal_value)}{target.level.unit}，目标{target.level.describe()}（要求{test}），"
                              + ("有完不成的风险" if not ok else "预计可以完成"))
    if target is not None and target.growth is not None:
        last = annual_by_year.get(period.year - 1)
        if last:
            growth = ((projected / last - 1) * HUNDRED).quantize(Decimal("0.01"))
            judged = judge_goal(growth, target.growth, indicator.direction, rules, indicator=indicator)
            ok, test = bool(judged.met), judged.test
            at_risk = (at_risk or False) or not ok
            judgements.append(f"按上年全年{fmt(last)}{unit}，预计全年增长{fmt(growth)}%，目标{target.growth.describe()}"
                              f"（要求{test}），" + ("有完不成的风险" if not ok else "预计可以完成"))
        else:
            judgements.append("缺少上年全年数，无法推算全年增速")
    explanation = f"{indicator.name}：{assumption} = {fmt(projected)}{unit}"
    if judgements:
        explanation += "；" + "；".join(judgements)
    return Outlook(indicator, period, ytd, unit, projected, method, share.quantize(Decimal("0.01")), years,
                   assumption, target, at_risk, growth, explanation)


def outlook_for_plan(plan: Plan, region: Region, period: Period, *, history: Sequence[Observation] = (),
                     rules: Rules | None = None) -> tuple[Outlook, ...]:
    observations = {o.indicator: o for o in plan.observations
                    if o.region == region.code and o.period == period}
    targets = {t.indicator: t for t in plan.targets if t.region == region.code}
    mine = [o for o in history if o.region == region.code]
    out = []
    for indicator in plan.indicators:
        target = targets.get(indicator.code)
        if target is None or (target.level is None and target.growth is None):
            continue   # without a numeric target there is nothing to be at risk
        item = project_year_end(indicator, observations.get(indicator.code), target, period,
                                mine, rules=rules)
        if item is not None:
            out.append(item)
    return tuple(out)


def outlook_as_dict(o: Outlook) -> dict[str, object]:
    return {
        "code": o.indicator.code, "name": o.indicator.name, "unit": o.unit, "ytd": str(o.ytd),
        "projected": str(o.projected), "method": o.method, "share": str(o.share), "years": list(o.years),
        "assumption": o.assumption, "target": o.target.describe() if o.target else None, "at_risk": o.at_risk,
        "projected_growth": None if o.projected_growth is None else str(o.projected_growth),
        "explanation": o.explanation,
    }
