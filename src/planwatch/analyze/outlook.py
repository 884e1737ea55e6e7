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

import functools
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
    return obs.period.is_full_year


def uses_history(period: Period, earlier: Period) -> bool:
    """Whether the outlook for ``period`` reads a figure of ``earlier`` (an earlier year's full
    year, or its period ending in the same month)."""
    return earlier.year < period.year and earlier.first_month == 1 and (
        earlier.last_month == 12 or earlier.last_month == period.last_month)


def _history(indicator: Indicator, period: Period, history: Sequence[Observation]
             ) -> tuple[dict[int, Decimal], dict[int, Decimal]]:
    """From earlier years: the full-year figure by year, and the same period's share of it (%)."""
    unit = indicator.unit
    earlier = [o for o in history if o.indicator == indicator.code and o.value is not None
               and uses_history(period, o.period)]
    annual_by_year: dict[int, Decimal] = {}
    for obs in earlier:
        value = convert_or_none(obs.value, obs.unit, unit) if _annual(obs) and obs.value is not None else None
        if value is not None:
            annual_by_year[obs.period.year] = value
    shares: dict[int, Decimal] = {}
    for obs in earlier:
        if obs.period.first_month != 1 or obs.period.last_month != period.last_month or obs.value is None:
            continue
        annual = annual_by_year.get(obs.period.year)
        value = convert_or_none(obs.value, obs.unit, unit)
        if annual and value is not None and annual > 0:
            shares[obs.period.year] = value / annual * HUNDRED
    return annual_by_year, shares


def _share(period: Period, shares: dict[int, Decimal], ytd: Decimal, unit: str
           ) -> tuple[Decimal, str, str, tuple[int, ...]]:
    """(share %, method, assumption in words, years used) of the projection."""
    label = period.short_label
    if shares:
        years = tuple(sorted(shares))
        share = sum(shares.values(), Decimal(0)) / len(shares)
        each = "、".join(f"{y}年{fmt(shares[y], 1)}%" for y in years)
        return share, "history", (f"按往年{label}占全年比重推算（{each}，平均{fmt(share, 1)}%）："
                                  f"{fmt(ytd)}{unit} ÷ {fmt(share, 1)}%"), years
    share, shown = _pro_rata(period)
    return share, "pro_rata", (f"无往年同期与全年数据，按时间进度线性推算（{label}占全年{period.last_month}/12 = "
                               f"{shown}%，未考虑季节性）：{fmt(ytd)}{unit} ÷ {shown}%"), ()


@functools.lru_cache(maxsize=256)
def _pro_rata(period: Period) -> tuple[Decimal, str]:
    """The share of the year done by the period's end, pro rata (%), and as shown."""
    share = Decimal(period.last_month) / Decimal(12) * HUNDRED
    return share, fmt(share, 1)


def _risk_words(ok: bool) -> str:
    return "预计可以完成" if ok else "有完不成的风险"


def project_year_end(indicator: Indicator, observation: Observation | None,
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
    annual_by_year, shares = _history(indicator, period, history)
    share, method, assumption, years = _share(period, shares, ytd, unit)
    projected = (ytd / share * HUNDRED).quantize(Decimal("0.01"))
    risks: list[bool] = []
    growth: Decimal | None = None
    judgements: list[str] = []
    level = target.level if target is not None else None
    goal_value = convert_or_none(projected, unit, level.unit) if level is not None and level.value is not None else None
    if level is not None and goal_value is not None:
        judged = judge_goal(goal_value, level, indicator.direction, rules, indicator=indicator)
        risks.append(not judged.met)
        judgements.append(f"预计全年{fmt(goal_value)}{level.unit}，目标{level.describe()}（要求{judged.test}），"
                          + _risk_words(bool(judged.met)))
    if target is not None and target.growth is not None:
        last = annual_by_year.get(period.year - 1)
        if last:
            growth = ((projected / last - 1) * HUNDRED).quantize(Decimal("0.01"))
            judged = judge_goal(growth, target.growth, indicator.direction, rules, indicator=indicator)
            risks.append(not judged.met)
            judgements.append(f"按上年全年{fmt(last)}{unit}，预计全年增长{fmt(growth)}%，目标{target.growth.describe()}"
                              f"（要求{judged.test}），" + _risk_words(bool(judged.met)))
        else:
            judgements.append("缺少上年全年数，无法推算全年增速")
    explanation = f"{indicator.name}：{assumption} = {fmt(projected)}{unit}"
    if judgements:
        explanation += "；" + "；".join(judgements)
    return Outlook(indicator, period, ytd, unit, projected, method, share.quantize(Decimal("0.01")), years,
                   assumption, target, any(risks) if risks else None, growth, explanation)


def outlook_for_plan(plan: Plan, region: Region, period: Period, *, history: Sequence[Observation] = (),
                     rules: Rules | None = None) -> tuple[Outlook, ...]:
    observations = {o.indicator: o for o in plan.observations
                    if o.region == region.code and o.period == period}
    targets = {t.indicator: t for t in plan.targets if t.region == region.code}
    mine: dict[str, list[Observation]] = {}    # by indicator, once (not every indicator through all of it)
    for o in history:
        if o.region == region.code:
            mine.setdefault(o.indicator, []).append(o)
    out = []
    for indicator in plan.indicators:
        target = targets.get(indicator.code)
        if target is None or (target.level is None and target.growth is None):
            continue   # without a numeric target there is nothing to be at risk
        item = project_year_end(indicator, observations.get(indicator.code), target, period,
                                mine.get(indicator.code, ()), rules=rules)
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
