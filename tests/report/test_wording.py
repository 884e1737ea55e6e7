"""Figures are written as clauses: verbs by measure type or the plan's phrase, a count with its
amount, parts with 其中, growth rates together with 分别; headings are the plan's category text."""

from __future__ import annotations

from pathlib import Path

PLAN = """\
plan: {region: "320509", year: 2025, title: 示例区2025年国民经济和社会发展计划}
regions:
  - {code: "320509", name: 示例区, level: 县区}
categories: [发展质效/工业经济稳中有进]
task_groups:
  - {code: reforms, name: 重点改革, count: 12, category: 发展质效/工业经济稳中有进, phrase: "推进{}重点改革"}
indicators:
  - {code: big, name: 规上工业增加值, unit: 亿元, category: 发展质效/工业经济稳中有进}
  - {code: small, name: 规下工业增加值, unit: 亿元, category: 发展质效/工业经济稳中有进}
  - {code: out, name: 工业产值, unit: 亿元, category: 发展质效/工业经济稳中有进}
  - {code: projects, name: 技改项目, unit: 个, measure: 计数, category: 发展质效/工业经济稳中有进}
  - {code: projects_inv, name: 技改项目完成投资, unit: 亿元, category: 发展质效/工业经济稳中有进}
  - {code: spend, name: 研发支出, unit: 亿元, category: 发展质效/工业经济稳中有进}
  - {code: spend_part, name: 企业研发支出, unit: 亿元, parent: spend, category: 发展质效/工业经济稳中有进}
  - {code: plants, name: 新增智能工厂, unit: 家, measure: 计数, category: 发展质效/工业经济稳中有进}
  - {code: green, name: 新增绿色工厂, unit: 家, measure: 计数, category: 发展质效/工业经济稳中有进, phrase: 、绿色工厂}
  - {code: land, name: 盘活低效用地, unit: 亩, measure: 计数, category: 发展质效/工业经济稳中有进, phrase: "盘活{}低效用地"}
observations:
  - {indicator: big, region: "320509", period: 2025H1, growth: 9.1, growth_basis: 不变价}
  - {indicator: small, region: "320509", period: 2025H1, growth: 6.0, growth_basis: 不变价}
  - {indicator: out, region: "320509", period: 2025H1, value: 100.50, growth: -1.2}
  - {indicator: projects, region: "320509", period: 2025H1, value: 23}
  - {indicator: projects_inv, region: "320509", period: 2025H1, value: 7.57}
  - {indicator: spend, region: "320509", period: 2025H1, value: 12.00}
  - {indicator: spend_part, region: "320509", period: 2025H1, value: 9.00, share: 75.0, share_of: 研发支出}
  - {indicator: plants, region: "320509", period: 2025H1, value: 34}
  - {indicator: green, region: "320509", period: 2025H1, value: 22}
  - {indicator: land, region: "320509", period: 2025H1, value: 300}
"""


def test_clauses_of_a_subsection(sqlite_url: str, tmp_path: Path) -> None:
    from planwatch.report import document as doc
    from planwatch.services.plans import load_plan
    from planwatch.services.report import report_document
    from planwatch.store import open_database

    (tmp_path / "plan").mkdir()
    (tmp_path / "plan" / "plan.yaml").write_text(PLAN, encoding="utf-8")
    db = open_database(sqlite_url)
    load_plan(db, tmp_path / "plan")
    document, _ = report_document(db, region="示例区", period="2025H1", charts=False)
    db.dispose()
    paragraph = next(p for p in document.paragraphs() if p.startswith("1."))
    assert paragraph == (
        "1.工业经济稳中有进。推进12项重点改革。上半年，全区规上、规下工业增加值分别增长9.1%、6.0%（不变价）；"
        "完成工业产值100.50亿元，下降1.2%；技改项目23个，完成投资7.57亿元；"
        "完成研发支出12.00亿元，其中企业研发支出9.00亿元，占比75.0%；"
        "新增智能工厂34家、绿色工厂22家；盘活300亩低效用地。")
    headings = [b.text for b in document.blocks if isinstance(b, doc.Heading)]
    assert "（一）发展质效" in headings
