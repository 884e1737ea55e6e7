"""Status by query: reading only the region's own observations gives exactly the status that
reading the whole plan gives — on the example (district and every town, every period) and on a
synthetic district of towns with targets and monthly figures."""

from __future__ import annotations

from decimal import Decimal

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
from planwatch.services.plans import select
from planwatch.services.status import status_for, table_as_dict
from planwatch.store import open_database, save_plan


def _same_status_everywhere(db, regions: list[str], periods: list[str]) -> int:  # type: ignore[no-untyped-def]
    compared = 0
    for region in regions:
        for period in periods:
            whole = select(db, region=region, period=period)
            own = select(db, region=region, period=period, own_region_only=True)
            assert {o.region for o in own.plan.observations} <= {own.region.code}
            assert table_as_dict(status_for(own, db=db)) == table_as_dict(status_for(whole, db=db)), (region, period)
            compared += 1
    return compared


def test_example_status_is_the_same_by_query(example_db) -> None:  # type: ignore[no-untyped-def]
    whole = select(example_db)
    regions = [r.code for r in whole.plan.regions if r.code in {whole.plan.region, *(t.code for t in whole.regions.descendants(whole.plan.region))}]
    periods = sorted({o.period for o in whole.plan.observations})
    assert len(regions) > 1 and periods
    assert _same_status_everywhere(example_db, regions, [p.code for p in periods]) == len(regions) * len(periods)


def test_default_period_is_the_regions_latest_by_query(example_db) -> None:  # type: ignore[no-untyped-def]
    whole = select(example_db, region="松陵街道")
    own = select(example_db, region="松陵街道", own_region_only=True)
    assert own.period == whole.period


def test_synthetic_district_status_is_the_same_by_query(db_url: str) -> None:
    district = Region("990001", "样本区", RegionLevel.COUNTY)
    towns = [Region(f"9901{t:02d}", f"样本{t}镇", RegionLevel.TOWN, district.code) for t in range(1, 6)]
    indicators = [Indicator(f"ind{i}", f"样本指标{i}", "亿元", "类别", headline=True, order=i) for i in range(8)]
    targets = [Target(ind.code, region.code, 2025, level=NumericGoal(Decimal(100 + i), "亿元", Comparison.AT_LEAST),
                      growth=NumericGoal(Decimal("5"), "%", Comparison.ABOUT))
               for i, ind in enumerate(indicators) for region in [district, *towns]]
    months = [Period.year_to_date(2025, m) for m in (3, 6, 9)]
    observations = [Observation(ind.code, region.code, period, value=Decimal(20 + i + r) * period.last_month / 3,
                                unit="亿元", growth=Decimal(40 + 3 * r - i) / 10)
                    for r, region in enumerate([district, *towns]) for i, ind in enumerate(indicators)
                    for period in months]
    plan = Plan(region=district.code, year=2025, title="样本区2025年计划", regions=(district, *towns),
                categories=("类别",), indicators=tuple(indicators), targets=tuple(targets),
                observations=tuple(observations))
    db = open_database(db_url)
    with db.transaction() as conn:
        save_plan(conn, plan)
    codes = [district.code, *(t.code for t in towns)]
    assert _same_status_everywhere(db, codes, [p.code for p in months]) == 18
    db.dispose()
