"""`planwatch ingest` of an execution report whose sentences mix results, verdicts, targets and other
periods (issue 11 item 8): only results of the ingested period are stored; targets, figures of other periods
and 重点项目 completion that no project or group can take are listed, never guessed. Our own text, invented
numbers, on the 吴江区 example plan."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

REPORT = """吴江区2025年上半年国民经济和社会发展计划执行情况的报告
一、上半年计划执行情况
上半年，全区地区生产总值完成1201.5亿元，增长6.3%，高于预期目标0.3个百分点。一季度，全区一般公共预算收入增长4.1%。1—5月，进出口总额增长8.2%。社会消费品零售总额增长5.5%，低于年度目标（6%左右）。
区重点项目完成投资150.2亿元，完成年度计划的56.3%；其中甲镇、乙镇分别完成年度计划的81.25%、77.40%。
二、下半年主要预期目标
全区地区生产总值增长6%左右，一般公共预算收入增长5%。
"""


def _ingest(db, tmp_path: Path, dry_run: bool):  # type: ignore[no-untyped-def]
    from planwatch.services.observations import ingest_text

    path = tmp_path / "mixed-2025h1.txt"
    path.write_text(REPORT, encoding="utf-8")
    return ingest_text(db, path, region="吴江区", period="2025H1", dry_run=dry_run)


def test_only_results_of_the_period_are_stored_and_the_rest_is_listed(example_db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    matches = _ingest(example_db, tmp_path, dry_run=True).matches
    stored = {o.indicator: o for o in matches.observations}
    assert set(stored) == {"gdp", "retail_sales"}
    gdp = stored["gdp"]
    # the gap to the target is kept with the growth (the status engine implies the target 6.0 from it)
    assert (gdp.value, gdp.growth, gdp.target_gap, gdp.change) == (Decimal("1201.5"), Decimal("6.3"), Decimal("0.3"), None)
    assert REPORT[slice(*gdp.source.spans["target_gap"])] == "0.3"
    assert stored["retail_sales"].growth == Decimal("5.5")
    # figures of another period are conflicts, not stored under 2025H1
    assert {(c.fact.indicator, c.stated, c.period.code if c.period else None) for c in matches.period_conflicts} == {
        ("一般公共预算收入", "一季度", "2025Q1"), ("进出口总额", "1—5月", "2025M01-05")}
    # the target beside a result and the targets paragraph are listed, not stored
    listed = [(f.indicator, str(slot.number)) for f in matches.targets for _, slot in f.slots()
              if slot.target or REPORT.index("二、下半年") < slot.span[0]]
    assert listed == [("社会消费品零售总额", "6"), ("地区生产总值", "6"), ("一般公共预算收入", "5")]
    assert not any(REPORT.index("二、下半年") < o.source.spans[k][0] for o in matches.observations for k in o.source.spans)
    # 重点项目 completion: the district group takes its own; the towns have no project or group
    assert [(p.subject, p.is_group, p.completed_investment, p.stated_completion) for p in matches.progress] == [
        ("district", True, Decimal("150.2"), Decimal("56.3"))]
    assert [(u.fact.indicator, str(u.fact.plan_completion.number)) for u in matches.unplaced] == [  # type: ignore[union-attr]
        ("甲镇", "81.25"), ("乙镇", "77.40")]


def test_a_written_ingest_stores_the_group_progress_and_audits_it(example_db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from planwatch.store.collect import read_audit
    from planwatch.store.plans import plan_id_for, read_plan

    result = _ingest(example_db, tmp_path, dry_run=False)
    assert result.changes is not None
    written = result.changes.inserted.get("project_progress", 0) + result.changes.updated.get("project_progress", 0)
    assert written == 1
    with example_db.connect() as conn:
        plan = read_plan(conn, plan_id_for(conn, "320509", 2025) or 0)
        audit = read_audit(conn, subject="project_progress", object_key="district")
    progress = [p for p in plan.project_progress if p.subject == "district" and p.period.code == "2025H1"]
    assert [(p.completed_investment, p.stated_completion) for p in progress] == [(Decimal("150.2"), Decimal("56.3"))]
    assert audit and audit[-1].reason == "从报告文本导入 mixed-2025h1.txt"


def test_cli_lists_conflicts_targets_and_unplaced_project_figures(cli, example_db_url: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "mixed-2025h1.txt"
    path.write_text(REPORT, encoding="utf-8")
    result = cli("ingest", str(path), "--region", "吴江区", "--period", "2025H1", "--dry-run", "--db", example_db_url)
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "句中统计期与 --period 不同的 2 条事实" in out and "原文“一季度”（2025年一季度）" in out
    assert "目标表述" in out and "未能归入项目或项目组的项目完成情况 2 条" in out
