"""下级合计: the sum of a region's direct children's figures, shown beside the region's own.

A region's own published figure always wins; the roll-up is a cross-check next to it, with the
number of children reporting, and never replaces it (docs/status.md, "下级合计"). The sums are
computed in SQL (store.queries: one GROUP BY over the children's rows for the period, one over the
children reporting both the period and the same period a year earlier), never by loading every
town into Python. Which indicators add up is decided by their measure:

- 累计流量 and 计数 (GDP, investment, revenue, counts): the year-to-date figures add up;
- 存量 (a level at a date): the children's period-end levels add up;
- 比率 (rates, shares, per-capita figures) and 定性: not aggregable — a sum of rates means nothing,
  and a rate of the whole needs each child's numerator and denominator.

The growth of the sum is ``sum(current) ÷ sum(a year earlier) − 1``, only when every reporting
child also has its figure of a year earlier; it is at current prices (a sum of amounts), so it is
not comparable with a published growth at constant prices (不变价), and is labelled so.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from planwatch.model import Indicator, Measure, Period, Region
from planwatch.model.units import convert_or_none
from planwatch.services.plans import catalog, select
from planwatch.store import Database, queries

_RULES = {
    Measure.FLOW: ("sum", "累计值可相加：下级合计为各下级同期累计值之和"),
    Measure.COUNT: ("sum", "计数可相加：下级合计为各下级同期累计数之和"),
    Measure.STOCK: ("stock_sum", "存量按期末值相加：下级合计为各下级期末值之和"),
    Measure.RATE: ("not_aggregable", "比率、占比、人均等相对数不能相加（需各下级的分子和分母重新计算），不做下级合计"),
    Measure.QUALITATIVE: ("not_aggregable", "定性指标没有可相加的数值，不做下级合计"),
}
HUNDRED = Decimal(100)


@dataclass(frozen=True)
class RollupRow:
    """One indicator: the region's own figure, its children's sum and how many of them report."""

    indicator: Indicator
    rule: str                        # sum | stock_sum | not_aggregable
    note: str                        # the rule in words
    own_value: Decimal | None        # the region's own published figure, in the indicator's unit
    own_growth: Decimal | None
    children: int                    # direct children of the region
    reporting: int = 0               # children with a figure for the period
    total: Decimal | None = None     # their sum, in the indicator's unit
    growth: Decimal | None = None    # growth of the sum (current prices), %, one decimal
    growth_note: str = ""
    difference: Decimal | None = None   # own − total, when every child reports

    @property
    def aggregable(self) -> bool:
        return self.rule != "not_aggregable"


@dataclass(frozen=True)
class Rollup:
    region: Region
    period: Period
    plan_title: str
    children: tuple[Region, ...]
    rows: tuple[RollupRow, ...]

    def row(self, code: str) -> RollupRow | None:
        return next((r for r in self.rows if r.indicator.code == code), None)


def _converted(groups: list[Any], indicator: Indicator, total_of: str = "total",
               unit_of: str = "unit") -> Decimal | None:
    """The sum of per-unit group sums in the indicator's unit (None when a unit does not convert)."""
    out = Decimal(0)
    for group in groups:
        value = convert_or_none(getattr(group, total_of), getattr(group, unit_of), indicator.unit)
        if value is None:
            return None
        out += value
    return out


def _growth(indicator: Indicator, reporting: int, sources: list[list[queries.PairSum]]) -> tuple[Decimal | None, str]:
    """Growth of the sum from the first source in which every reporting child has last year's figure."""
    for pairs in sources:
        mine = [p for p in pairs if p.indicator == indicator.code]
        if sum(p.reporting for p in mine) != reporting or not mine:
            continue
        current = _converted(mine, indicator)
        previous = _converted(mine, indicator, "previous_total", "previous_unit")
        if current is None or previous is None or previous <= 0:
            return None, "上年同期合计无法换算或不为正，不推算合计增速"
        growth = ((current / previous - 1) * HUNDRED).quantize(Decimal("0.1"))
        return growth, "按下级现价合计推算（合计 ÷ 上年同期合计 − 1），与不变价增速不可直接比较"
    return None, "并非所有已报下级都有上年同期数，不推算合计增速"


def region_rollup(db: Database, *, region: str | None = None, period: str | None = None) -> Rollup:
    """The roll-up of ``region``'s direct children for ``period`` (defaults as for the status)."""
    sel = select(db, region=region, period=period, own_region_only=True, for_status=True)
    tree, code, when = sel.regions, sel.region.code, sel.period
    children = tuple(tree.children(code))
    own = {o.indicator: o for o in sel.plan.observations if o.period == when}
    earlier = Period(when.year - 1, when.first_month, when.last_month).code
    with db.connect() as conn:
        sums = queries.children_sums(conn, sel.plan_id, code, when.code)
        lineage = {code, *(a.code for a in tree.ancestors(code))}
        sources = [queries.children_pair_sums(conn, sel.plan_id, sel.plan_id, code, when.code, earlier)]
        sources += [queries.children_pair_sums(conn, sel.plan_id, ref.id, code, when.code, earlier)
                    for ref in catalog(db, conn).plans if ref.year == when.year - 1 and ref.region in lineage]
    rows = []
    for indicator in sel.plan.indicators:
        rule, note = _RULES[indicator.measure]
        obs = own.get(indicator.code)
        own_value = convert_or_none(obs.value, obs.unit, indicator.unit) if obs and obs.value is not None else None
        base = RollupRow(indicator, rule, note, own_value, obs.growth if obs else None, len(children))
        groups = [g for g in sums if g.indicator == indicator.code]
        if rule == "not_aggregable" or not groups:
            rows.append(base)
            continue
        reporting = sum(g.reporting for g in groups)
        total = _converted(groups, indicator)
        if total is None:
            rows.append(replace(base, rule="not_aggregable", note="下级的计量单位不同且无法换算，不做下级合计",
                                reporting=reporting))
            continue
        growth, growth_note = _growth(indicator, reporting, sources)
        difference = own_value - total if own_value is not None and reporting == len(children) else None
        rows.append(replace(base, reporting=reporting, total=total, growth=growth, growth_note=growth_note,
                            difference=difference))
    return Rollup(sel.region, when, sel.plan.title, children, tuple(rows))


def _text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def rollup_as_dict(rollup: Rollup) -> dict[str, Any]:
    """JSON-ready (numbers as strings, exactly as summed)."""
    return {
        "plan": rollup.plan_title, "region": {"code": rollup.region.code, "name": rollup.region.name},
        "period": {"code": rollup.period.code, "label": rollup.period.label},
        "children": [{"code": c.code, "name": c.name} for c in rollup.children],
        "rows": [{"code": r.indicator.code, "name": r.indicator.name, "unit": r.indicator.unit,
                  "measure": r.indicator.measure.value, "rule": r.rule, "aggregable": r.aggregable, "note": r.note,
                  "own_value": _text(r.own_value), "own_growth": _text(r.own_growth), "children": r.children,
                  "reporting": r.reporting, "total": _text(r.total), "growth": _text(r.growth),
                  "growth_note": r.growth_note, "difference": _text(r.difference)} for r in rollup.rows],
    }
