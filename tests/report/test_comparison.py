"""With targets, the report says what is behind 序时进度 or target and by how much."""

from __future__ import annotations

from pathlib import Path

PLAN = """\
plan: {region: "320509", year: 2025, title: 示例区2025年国民经济和社会发展计划}
regions:
  - {code: "320509", name: 示例区, level: 县区}
categories: [经济发展, 重点工作/有效投资]
indicators:
  - {code: gdp, name: 地区生产总值, unit: 亿元, category: 经济发展, price_basis: 不变价, headline: true}
  - {code: fai, name: 全社会固定资产投资, unit: 亿元, category: 经济发展, headline: true}
  - {code: signed, name: 签约项目, unit: 个, category: 重点工作/有效投资, measure: 计数}
targets:
  - {indicator: gdp, region: "320509", level: {value: 2600, unit: 亿元, comparison: 达到}}
  - {indicator: fai, region: "320509", growth: {value: 8, unit: "%", comparison: 以上}}
observations:
  - {indicator: gdp, region: "320509", period: 2025H1, value: 1285.41, growth: 6.1, growth_basis: 不变价}
  - {indicator: fai, region: "320509", period: 2025H1, value: 396.40, growth: 7.4}
  - {indicator: signed, region: "320509", period: 2025H1, value: 145}
"""


def test_behind_schedule_and_target_with_the_gaps(sqlite_url: str, tmp_path: Path) -> None:
    from planwatch.services.plans import load_plan
    from planwatch.services.report import report_document
    from planwatch.store import open_database

    (tmp_path / "plan").mkdir()
    (tmp_path / "plan" / "plan.yaml").write_text(PLAN, encoding="utf-8")
    db = open_database(sqlite_url)
    load_plan(db, tmp_path / "plan")
    document, _ = report_document(db, region="示例区", period="2025H1", charts=False)
    text = "\n".join(document.paragraphs())
    # 1285.41 ÷ 2600 = 49.44%, printed as an office prints it (one decimal): 49.4%, 0.6 points behind 50%
    assert "地区生产总值完成年度目标的49.4%，低于序时进度0.6个百分点" in text
    # growth 7.4% against 8%以上: 0.6 points short
    assert "全社会固定资产投资增长7.4%，目标为" in text and "相差0.6个百分点" in text
    assert "未设定量化的年度目标" not in text
    assert "**" not in text
    table = next(b for b in document.blocks if type(b).__name__ == "Table")
    gdp = next(r for r in table.rows if r[0] == "地区生产总值")
    assert gdp[2] == "2600亿元" and gdp[5] == "49.4"
    db.dispose()
