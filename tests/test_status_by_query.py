"""Status by query: reading only the region's own observations — and, for ``region_status``, only
the periods the rules read, with only the earlier years' periods the outlook reads — gives exactly
the status that reading the whole plan (and every earlier year's figures) gives: on the example
(district and every town, every period) and on a synthetic district of towns with targets, monthly
and quarterly figures and an earlier year."""

from __future__ import annotations

from decimal import Decimal

from planwatch.analyze.status import status_table
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
from planwatch.model.indicator import Frequency
from planwatch.services.plans import select
from planwatch.services.status import region_status, status_for, table_as_dict
from planwatch.store import list_plans, open_database, read_observations, save_plan


def _whole_status(db, region: str, period: str) -> dict:  # type: ignore[no-untyped-def]
    """The status as the first engine computed it: the whole plan, every earlier year's figures."""
    whole = select(db, region=region, period=period)
    with db.engine.connect() as conn:
        history = [o for ref in list_plans(conn) if ref.year < whole.period.year
                   for o in read_observations(conn, ref.id, region=whole.region.code)]
    return table_as_dict(status_table(whole.plan, whole.region, whole.period, history=history))


def _same_status_everywhere(db, regions: list[str], periods: list[str]) -> int:  # type: ignore[no-untyped-def]
    compared = 0
    for region in regions:
        for period in periods:
            expected = _whole_status(db, region, period)
            own = select(db, region=region, period=period, own_region_only=True)
            assert {o.region for o in own.plan.observations} <= {own.region.code}
            assert table_as_dict(status_for(own, db=db)) == expected, (region, period)
            narrow = select(db, region=region, period=period, own_region_only=True, for_status=True)
            assert {o.period for o in narrow.plan.observations} <= {o.period for o in own.plan.observations}
            assert table_as_dict(region_status(db, region=region, period=period)) == expected, (region, period)
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
    indicators = [Indicator(f"ind{i}", f"样本指标{i}", "亿元", "类别", headline=True, order=i,
                            frequency=Frequency.QUARTERLY if i % 3 == 0 else Frequency.MONTHLY) for i in range(8)]
    targets = [Target(ind.code, region.code, 2025, level=NumericGoal(Decimal(100 + i), "亿元", Comparison.AT_LEAST),
                      growth=NumericGoal(Decimal("5"), "%", Comparison.ABOUT))
               for i, ind in enumerate(indicators) for region in [district, *towns]]
    months = [Period.year_to_date(2025, m) for m in (3, 6, 7, 9)]
    observations = [Observation(ind.code, region.code, period,
                                value=(Decimal(20 + i + r) * period.last_month / 3).quantize(Decimal("0.01")),
                                unit="亿元", growth=Decimal(40 + 3 * r - i) / 10)
                    for r, region in enumerate([district, *towns]) for i, ind in enumerate(indicators)
                    for period in months]
    plan = Plan(region=district.code, year=2025, title="样本区2025年计划", regions=(district, *towns),
                categories=("类别",), indicators=tuple(indicators), targets=tuple(targets),
                observations=tuple(observations))
    # the year before: year-to-date figures (the outlook reads those ending in the same month and the year)
    earlier_periods = [*(Period.year_to_date(2024, m) for m in (3, 6, 7, 9, 11)), Period.whole_year(2024)]
    earlier = Plan(region=district.code, year=2024, title="样本区2024年计划", regions=(district, *towns),
                   categories=("类别",), indicators=tuple(indicators),
                   observations=tuple(Observation(ind.code, region.code, period, unit="亿元",
                                                  value=(Decimal(18 + i + r) * period.last_month / 3).quantize(Decimal("0.01")))
                                      for r, region in enumerate([district, *towns]) for i, ind in enumerate(indicators)
                                      for period in earlier_periods))
    db = open_database(db_url)
    with db.transaction() as conn:
        save_plan(conn, earlier)
        save_plan(conn, plan)
    codes = [district.code, *(t.code for t in towns)]
    assert _same_status_everywhere(db, codes, [p.code for p in months]) == 24
    table = region_status(db, region="样本1镇", period="2025M01-07")
    assert any(o.method == "history" for o in table.outlook)          # the earlier year was read
    narrow = select(db, region="样本1镇", period="2025M01-07", own_region_only=True, for_status=True)
    assert {o.period.code for o in narrow.plan.observations} == {"2025M01-07", "2025H1"}   # quarterly: 1—6月
    db.dispose()
