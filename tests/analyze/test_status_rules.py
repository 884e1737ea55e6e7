"""Every status rule on the fixture plan tests/data/plans/rules-2025 (a fictional 测试区)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from planwatch.analyze.status import Verdict
from planwatch.services.status import region_status


@pytest.fixture
def table(rules_db):  # type: ignore[no-untyped-def]
    return region_status(rules_db, region="测试区", period="2025H1")


def test_cumulative_flow_against_schedule(table) -> None:  # type: ignore[no-untyped-def]
    fai = table.row("fai")
    assert fai.verdict is Verdict.AHEAD and fai.rule == "completion_vs_schedule"
    assert fai.completion == Decimal("57.5") and fai.gap_points == Decimal("7.5")
    assert "230亿元 ÷ 400亿元" in fai.explanation and "超序时进度7.5个百分点" in fai.explanation
    revenue = table.row("revenue")
    assert revenue.verdict is Verdict.BEHIND and revenue.gap_points == Decimal("-10")
    assert "低于序时进度10个百分点" in revenue.explanation
    assert revenue.inputs["序时进度"] == "50%"


def test_on_schedule_band_is_configurable(rules_db) -> None:  # type: ignore[no-untyped-def]
    from planwatch.settings import Settings

    wide = region_status(rules_db, period="2025H1", settings=Settings(on_schedule_band=8))
    assert wide.row("fai").verdict is Verdict.ON_SCHEDULE
    assert wide.row("revenue").verdict is Verdict.BEHIND


def test_stated_plan_completion_is_used_and_cross_checked(table) -> None:  # type: ignore[no-untyped-def]
    key = table.row("key_invest")
    assert key.verdict is Verdict.BEHIND and key.rule == "stated_completion_vs_schedule"
    assert key.completion == Decimal("48.0")
    retail = table.row("retail")
    assert retail.completion == Decimal("52.5")
    assert retail.cross_check and "55.0" in retail.cross_check and "52.5" in retail.cross_check


def test_growth_targets_by_comparison(table) -> None:  # type: ignore[no-untyped-def]
    gdp = table.row("gdp")                                        # 5%以上, actual 5.8: 0.8 points above
    assert gdp.verdict is Verdict.EXCEEDED and gdp.growth_gap == Decimal("0.8")
    assert "高于目标0.8个百分点" in gdp.explanation
    assert table.row("trade").verdict is Verdict.NOT_MET          # 正增长, actual −1.2
    cpi = table.row("cpi")                                        # a ceiling: 3%左右 on 越小越好, actual 3.4 > 3.2
    assert cpi.verdict is Verdict.NOT_MET and "≤ 3.2" in cpi.explanation
    low = table.row("cpi_low")                                    # 越大越好 3%左右, actual 2.3 < 2.8
    assert low.verdict is Verdict.NOT_MET and "≥ 2.8" in low.explanation


def test_about_band_is_configurable(rules_db) -> None:  # type: ignore[no-untyped-def]
    from planwatch.settings import Settings

    wide = region_status(rules_db, period="2025H1", settings=Settings(about_band=1.0))
    assert wide.row("cpi_low").verdict is Verdict.MET
    assert wide.row("cpi").verdict is Verdict.MET


def test_levels_ranges_bands_and_lower_is_better(table) -> None:  # type: ignore[no-untyped-def]
    assert table.row("pm25").verdict is Verdict.MET                # 33.3 ≤ 35
    ratio = table.row("income_ratio")
    assert ratio.verdict is Verdict.NOT_MET and "≤ 1.9" in ratio.explanation   # 达到 on a 越小越好 → ≤
    assert table.row("energy_cut").verdict is Verdict.MET          # reduction 3.2 ≥ 3
    assert table.row("jobless").verdict is Verdict.MET             # band indicator: 4.8 within 4.5 ± 0.5
    assert table.row("jobless_range").verdict is Verdict.NOT_MET   # 5.2 outside 4—5


def test_zero_and_negative_targets_are_judged_by_comparison(table) -> None:  # type: ignore[no-untyped-def]
    for code in ("accidents", "coal_change"):
        row = table.row(code)
        assert row.rule == "zero_or_negative_target" and row.verdict is Verdict.MET
        assert row.completion is None and "完成率无意义" in row.explanation


def test_qualitative_targets_only_where_words_allow(table) -> None:  # type: ignore[no-untyped-def]
    assert table.row("farmland").verdict is Verdict.MET
    unclear = table.row("income_sync")          # 略慢于经济增长: not classifiable by words
    assert unclear.verdict is Verdict.TO_ASSESS
    numbers_only = table.row("safety")
    assert numbers_only.verdict is Verdict.TO_ASSESS and numbers_only.rule == "qualitative_no_words"


def test_annual_only_and_missing(table) -> None:  # type: ignore[no-untyped-def]
    assert table.row("rd_share").verdict is Verdict.ANNUAL_ONLY
    missing = table.row("smart_factories")
    assert missing.verdict is Verdict.MISSING and not missing.verdict.is_lagging


def test_derived_formula_and_unit_mismatch(table) -> None:  # type: ignore[no-untyped-def]
    share = table.row("services_share")
    assert share.derived_value is not None and share.derived_value.quantize(Decimal("0.01")) == Decimal("52.00")
    bad = table.row("services_per_person")
    assert bad.verdict is Verdict.TO_ASSESS and bad.rule == "derived_unit_error"
    assert "不能相加" in bad.explanation and "单位不一致" in bad.explanation
    mixed = table.row("total_invest_mix")
    assert "美元" in mixed.explanation


def test_double_half_count_over_headline_indicators(table) -> None:  # type: ignore[no-untyped-def]
    dh = table.double_half
    assert set(dh.missed) == {"一般公共预算收入", "进出口总额", "重点项目投资", "居民消费价格指数涨幅"}
    assert dh.headline.startswith(f"{dh.assessed}项主要指标中有4项未实现“双过半”")
    assert "总量" in dh.headline and "增速" in dh.headline
    assert "研发经费支出占GDP比重" in dh.not_assessed


def test_no_double_half_outside_mid_year(rules_db) -> None:  # type: ignore[no-untyped-def]
    from planwatch.analyze.status import status_table
    from planwatch.services.plans import select

    selection = select(rules_db, period="2025H1")
    from planwatch.model import Period

    q1 = status_table(selection.plan, selection.region, Period.parse("2025Q1"))
    assert q1.double_half is None


def test_every_row_is_explained(table) -> None:  # type: ignore[no-untyped-def]
    for row in table.rows:
        assert row.rule and row.explanation and row.inputs.get("统计期")


def test_lagging_only(table) -> None:  # type: ignore[no-untyped-def]
    from planwatch.analyze.status import lagging_only

    lag = lagging_only(table)
    assert {r.code for r in lag.rows} == {"revenue", "trade", "key_invest", "cpi", "cpi_low", "income_ratio",
                                          "jobless_range"}
    assert [g.name for g in lag.projects.groups] == ["市重点项目"]
