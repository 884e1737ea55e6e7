"""A county of three towns with hand-checkable figures (the roll-up and cache tests share it)."""

from __future__ import annotations

from decimal import Decimal

from planwatch.model import (
    Comparison,
    Indicator,
    Measure,
    NumericGoal,
    Observation,
    Period,
    Plan,
    Region,
    RegionLevel,
    Target,
)

COUNTY = Region("990100", "样本县", RegionLevel.COUNTY)
TOWNS = [Region(f"9901{t:02d}", f"样本{t}镇", RegionLevel.TOWN, COUNTY.code) for t in (1, 2, 3)]
H1, LAST_H1 = Period(2025, 1, 6), Period(2024, 1, 6)
INDICATORS = (
    Indicator("flow", "样本产值", "亿元", "类别", measure=Measure.FLOW, headline=True, order=1),
    Indicator("stock", "样本人数", "万人", "类别", measure=Measure.STOCK, order=2),
    Indicator("rate", "样本比率", "%", "类别", measure=Measure.RATE, order=3),
    Indicator("mixed", "样本收入", "亿元", "类别", measure=Measure.FLOW, order=4),
)


def _obs(indicator: str, region: Region, period: Period, value: str, unit: str) -> Observation:
    return Observation(indicator, region.code, period, value=Decimal(value), unit=unit)


def county_plan() -> Plan:
    a, b, c = TOWNS
    observations = [
        _obs("flow", COUNTY, H1, "10.0", "亿元"),
        _obs("flow", a, H1, "3.5", "亿元"), _obs("flow", b, H1, "4.25", "亿元"), _obs("flow", c, H1, "2.00", "亿元"),
        _obs("flow", a, LAST_H1, "3.0", "亿元"), _obs("flow", b, LAST_H1, "4.0", "亿元"),
        _obs("flow", c, LAST_H1, "2.0", "亿元"),
        _obs("stock", a, H1, "1.2", "万人"), _obs("stock", b, H1, "0.8", "万人"), _obs("stock", a, LAST_H1, "1.0", "万人"),
        _obs("rate", a, H1, "50", "%"), _obs("rate", b, H1, "60", "%"),
        _obs("mixed", a, H1, "1.5", "亿元"), _obs("mixed", b, H1, "5000", "万元"),
    ]
    targets = [Target("flow", r.code, 2025, level=NumericGoal(Decimal(20), "亿元", Comparison.AT_LEAST))
               for r in (COUNTY, *TOWNS)]
    return Plan(region=COUNTY.code, year=2025, title="样本县2025年计划", regions=(COUNTY, *TOWNS), categories=("类别",),
                indicators=INDICATORS, targets=tuple(targets), observations=tuple(observations))
