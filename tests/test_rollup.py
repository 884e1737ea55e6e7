"""下级合计 in SQL: flows and stocks summed over the direct children (one GROUP BY), the growth of the
sum only when every reporting child has last year's figure, rates not summed, units converted, the
region's own figure beside it — on both databases, with numbers checked by hand."""

from __future__ import annotations

from decimal import Decimal

from planwatch.services.rollup import region_rollup, rollup_as_dict
from planwatch.store import open_database, save_plan
from tests.rollup_data import county_plan


def test_rollup_of_a_county_sums_flows_and_stocks_and_never_rates(db_url: str) -> None:
    db = open_database(db_url)
    with db.transaction() as conn:
        save_plan(conn, county_plan())
    rollup = region_rollup(db, region="样本县", period="2025H1")
    assert [c.name for c in rollup.children] == ["样本1镇", "样本2镇", "样本3镇"]
    flow = rollup.row("flow")
    assert flow is not None and flow.rule == "sum"
    assert (flow.reporting, flow.children) == (3, 3)
    assert str(flow.total) == "9.75"                              # 3.5 + 4.25 + 2.00
    assert flow.growth == Decimal("8.3")                          # 9.75 ÷ (3.0 + 4.0 + 2.0) − 1 = 8.33%
    assert flow.own_value == Decimal("10.0") and flow.difference == Decimal("0.25")   # the county's own figure wins
    stock = rollup.row("stock")
    assert stock is not None and stock.rule == "stock_sum"
    assert (stock.reporting, str(stock.total)) == (2, "2.0")      # 1.2 + 0.8; 样本3镇 has not reported
    assert stock.growth is None and "并非所有" in stock.growth_note  # 样本2镇 has no 2024 figure
    assert stock.difference is None                               # not every town reports
    rate = rollup.row("rate")
    assert rate is not None and not rate.aggregable and rate.total is None and "不能相加" in rate.note
    mixed = rollup.row("mixed")
    assert mixed is not None and mixed.total == Decimal("2.0")    # 1.5 亿元 + 5000 万元
    as_dict = rollup_as_dict(rollup)
    assert as_dict["rows"][0]["total"] == "9.75" and as_dict["rows"][0]["growth"] == "8.3"
    db.dispose()


def test_a_town_has_no_children_to_sum(db_url: str) -> None:
    db = open_database(db_url)
    with db.transaction() as conn:
        save_plan(conn, county_plan())
    rollup = region_rollup(db, region="样本1镇", period="2025H1")
    assert rollup.children == () and all(r.total is None and r.reporting == 0 for r in rollup.rows)
    assert rollup.row("flow").own_value == Decimal("3.5")  # type: ignore[union-attr]
    db.dispose()
