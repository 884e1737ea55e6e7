"""A long chart is drawn in parts that fit a page: at most BARS_PER_CHART bars each, captioned
（续） with the first part's number, on one value axis."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

from PIL import Image

from planwatch.model import (
    Comparison,
    Indicator,
    NumericGoal,
    Observation,
    Period,
    Plan,
    Region,
    RegionLevel,
    Target,
)
from planwatch.report import charts
from planwatch.report.render import make_document
from planwatch.services.plans import select
from planwatch.services.status import status_for
from planwatch.store import open_database, save_plan

INDICATORS = 45   # three parts: 20, 20 and 5 bars
TYPE_AREA_MM = (156, 225)   # GB/T 9704 type area
PLACED_WIDTH_MM = 150


def _plan() -> Plan:
    region = Region("990001", "样本区", RegionLevel.COUNTY)
    indicators = [Indicator(f"ind{i:02d}", f"样本指标{i}", "亿元", "类别", order=i) for i in range(INDICATORS)]
    targets = [Target(ind.code, region.code, 2025, level=NumericGoal(Decimal(100), "亿元", Comparison.AT_LEAST))
               for ind in indicators]
    period = Period.year_to_date(2025, 6)
    # completion 30 % … 74 %: the last indicator's bar is the longest of all parts
    observations = [Observation(ind.code, region.code, period, value=Decimal(30 + i), unit="亿元")
                    for i, ind in enumerate(indicators)]
    return Plan(region=region.code, year=2025, title="样本区2025年计划", regions=(region,), categories=("类别",),
                indicators=tuple(indicators), targets=tuple(targets), observations=tuple(observations))


def test_a_long_chart_is_drawn_in_parts_that_fit_a_page(tmp_path: Path) -> None:
    db = open_database(f"sqlite:///{tmp_path / 'parts.db'}")
    with db.transaction() as conn:
        save_plan(conn, _plan())
    selection = select(db, region="样本区", period=Period.year_to_date(2025, 6).code)
    document = make_document(selection.plan, selection.region, selection.period, status_for(selection))
    figures = [b for b in document.blocks if type(b).__name__ == "Figure"]
    parts = [f for f in figures if f.key.startswith("indicators")]
    assert [f.key for f in parts] == ["indicators", "indicators-2", "indicators-3"]
    assert parts[0].caption.startswith("图1") and "（续）" not in parts[0].caption
    assert all(f.caption.startswith("图1") and f.caption.endswith("（续）") for f in parts[1:])
    heights = []
    for figure in parts:
        image = Image.open(io.BytesIO(figure.png))
        height_mm = PLACED_WIDTH_MM * image.height / image.width
        assert height_mm < TYPE_AREA_MM[1] - 15, f"{figure.key} is {height_mm:.0f} mm high at {PLACED_WIDTH_MM} mm wide"
        heights.append(image.height)
    assert heights[0] == heights[1] > heights[2], "20, 20 and 5 bars"
    db.dispose()


def test_the_parts_share_one_value_axis() -> None:
    bars = [charts.Bar(f"指标{i}", Decimal(10 + 10 * i)) for i in range(25)]
    whole = charts.x_limits(bars, Decimal("50"))
    assert whole == charts.x_limits(bars[20:], Decimal("50"))            # the longest bar is in part 2
    assert charts.x_limits(bars[:20], Decimal("50")) != whole           # part 1 alone would scale otherwise
