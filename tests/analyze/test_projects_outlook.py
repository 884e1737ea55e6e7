from __future__ import annotations

from decimal import Decimal

from planwatch.analyze.status import Verdict
from planwatch.services.status import region_status


def test_project_groups_towns_departments(rules_db) -> None:  # type: ignore[no-untyped-def]
    projects = region_status(rules_db, period="2025H1").projects
    city, district = projects.groups
    assert city.verdict is Verdict.BEHIND and city.completion == Decimal("45") and city.gap_points == Decimal("-5")
    assert city.start_rate == Decimal("75") and city.rank == 2
    # the district group has no progress row of its own: summed over its projects
    assert district.completed_investment == Decimal("32.5") and district.verdict is Verdict.AHEAD
    assert district.new_start_count == 2 and district.new_starts_started == 1
    towns = {t.name: t for t in projects.towns}
    assert towns["乙镇"].rank == 1 and towns["甲镇"].rank == 2
    departments = {d.name: d for d in projects.departments}
    assert departments["水务局"].verdict is Verdict.BEHIND and departments["水务局"].start_rate == Decimal("0")
    assert "1个低于序时进度" in projects.headline


def test_outlook_without_history_is_pro_rata_and_flags_risk(rules_db) -> None:  # type: ignore[no-untyped-def]
    table = region_status(rules_db, period="2025H1")
    revenue = table.outlook_for("revenue")
    assert revenue.method == "pro_rata" and revenue.projected == Decimal("240.00") and revenue.at_risk is True
    assert "未考虑季节性" in revenue.assumption
    fai = table.outlook_for("fai")
    assert fai.method == "pro_rata" and fai.projected == Decimal("460.00")
    assert fai.projected_growth is None and "缺少上年全年数" in fai.explanation


def test_outlook_with_history_uses_the_same_period_share(rules_db_with_history) -> None:  # type: ignore[no-untyped-def]
    fai = region_status(rules_db_with_history, period="2025H1").outlook_for("fai")
    # 2024: 200 of 420 in H1 = 47.62 % → 230 ÷ 47.62 % = 483.0
    assert fai.method == "history" and fai.years == (2024,)
    assert fai.projected == Decimal("483.00") and fai.at_risk is False
    assert fai.projected_growth == Decimal("15.00")
    assert "2024年47.6%" in fai.assumption
