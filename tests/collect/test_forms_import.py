"""A department's form: generated, filled with openpyxl, imported all-or-nothing, every problem
named by file, sheet and cell."""

from __future__ import annotations

import json
from pathlib import Path

from openpyxl import load_workbook

from tests.collect.conftest import fill_form, form_layout, make_form, observations

VALUE, GROWTH, UNIT, STATUS = "本期数值", "同比增长（%）", "单位", "定性情况"


def test_form_lists_the_departments_indicators_with_protection_and_validation(example_db_url, tmp_path):
    path = make_form(example_db_url, tmp_path, "商务局", period="2025H1")
    wb = load_workbook(path)
    ws = wb.worksheets[0]
    header, columns = form_layout(ws)
    codes = [ws.cell(r, columns["planwatch:indicator"]).value for r in range(header + 1, ws.max_row + 1)]
    assert "retail_sales" in codes and "trade" in codes and "gdp" not in codes
    retail = codes.index("retail_sales") + header + 1
    assert ws.cell(retail, columns[UNIT]).value == "亿元"
    assert ws.cell(retail, columns[VALUE]).value == 402.25          # the stored 2025H1 figure, prefilled
    assert ws.protection.sheet is True
    assert ws.cell(retail, columns["指标名称"]).protection.locked is True
    assert ws.cell(retail, columns[VALUE]).protection.locked is False
    code_letter = ws.cell(header, columns["planwatch:indicator"]).column_letter
    assert ws.column_dimensions[code_letter].hidden
    kinds = {dv.type for dv in ws.data_validations.dataValidation}
    assert {"decimal", "list"} <= kinds
    meta = [s for s in wb.worksheets if s.sheet_state == "hidden"]
    assert meta and {"region", "period", "department"} <= {meta[0].cell(r, 1).value for r in range(1, 10)}
    assert "填报说明" in wb.sheetnames


def test_filled_form_imports_and_appears_in_status(example_db_url, tmp_path, cli):
    path = make_form(example_db_url, tmp_path, "商务局")
    fill_form(path, {"retail_sales": {VALUE: 470.52, GROWTH: 5.2}, "trade": {VALUE: 1102.3, GROWTH: 10.5}})
    result = cli("import", str(path), "--db", example_db_url)
    assert result.exit_code == 0, result.stderr
    assert "新增 2 条" in result.stdout
    status = cli("status", "--region", "吴江区", "--period", "2025年1—7月", "--format", "json", "--db", example_db_url)
    rows = {r["code"]: r for r in json.loads(status.stdout)["rows"]}
    assert rows["retail_sales"]["value"] == "470.52" and rows["retail_sales"]["growth"] == "5.2"
    assert rows["trade"]["value"] == "1102.3"
    obs = observations(example_db_url, "2025M01-07")["retail_sales"]
    assert obs.source.kind.value == "import"
    assert obs.source.locator.startswith(f"{path.name}!填报表!")
    assert obs.source.user == "本机管理员"


def test_renamed_sheet_and_reordered_rows_still_import(example_db_url, tmp_path, cli):
    path = make_form(example_db_url, tmp_path, "商务局")
    wb = load_workbook(path)
    ws = wb.worksheets[0]
    ws.protection.sheet = False
    header, columns = form_layout(ws)
    first, second = header + 1, header + 2
    for c in range(1, ws.max_column + 1):   # swap the first two indicator rows
        a, b = ws.cell(first, c), ws.cell(second, c)
        a.value, b.value = b.value, a.value
    ws.title = "六月数据"
    wb.save(path)
    fill_form(path, {"retail_sales": {VALUE: 470.52}, "trade": {VALUE: 1102.3}}, sheet="六月数据")
    assert cli("import", str(path), "--db", example_db_url).exit_code == 0
    stored = observations(example_db_url, "2025M01-07")
    assert stored["retail_sales"].value == stored["retail_sales"].value.__class__("470.52")
    assert str(stored["trade"].value) == "1102.3"


def _refused(cli, url, path, cell, words, *, code=2):
    result = cli("import", str(path), "--db", url)
    assert result.exit_code == code, result.stdout
    lines = [line for line in result.stderr.splitlines() if f"单元格 {cell}" in line]
    assert lines, result.stderr
    assert any(all(w in line for w in words) for line in lines), result.stderr
    assert path.name in lines[0] and "工作表" in lines[0]
    return result


def test_text_in_a_number_cell_is_refused_with_its_cell(example_db_url, tmp_path, cli):
    path = make_form(example_db_url, tmp_path, "商务局")
    cells = fill_form(path, {"retail_sales": {VALUE: "四百七十"}})
    _refused(cli, example_db_url, path, cells["retail_sales"][VALUE], ["不是数字"])
    assert "retail_sales" not in observations(example_db_url, "2025M01-07")


def test_a_changed_unit_is_refused(example_db_url, tmp_path, cli):
    path = make_form(example_db_url, tmp_path, "商务局")
    cells = fill_form(path, {"retail_sales": {VALUE: 4705200, UNIT: "万元"}})
    _refused(cli, example_db_url, path, cells["retail_sales"][UNIT], ["单位应为“亿元”"])


def test_negative_amount_and_impossible_growth_are_refused(example_db_url, tmp_path, cli):
    path = make_form(example_db_url, tmp_path, "商务局")
    cells = fill_form(path, {"retail_sales": {VALUE: -3}, "trade": {VALUE: 1000, GROWTH: -130}})
    result = _refused(cli, example_db_url, path, cells["retail_sales"][VALUE], ["不能为负数"])
    assert f"单元格 {cells['trade'][GROWTH]}" in result.stderr and "-100%" in result.stderr


def test_a_share_above_100_percent_is_refused(example_db_url, tmp_path, cli):
    path = make_form(example_db_url, tmp_path, "统计局")
    cells = fill_form(path, {"mfg_va_share": {VALUE: 145.0}})
    _refused(cli, example_db_url, path, cells["mfg_va_share"][VALUE], ["比重", "0—100%"])


def test_a_cumulative_figure_may_not_fall_within_the_year(example_db_url, tmp_path, cli):
    # 1—7月 社零 below the stored 上半年 402.25
    path = make_form(example_db_url, tmp_path, "商务局")
    cells = fill_form(path, {"retail_sales": {VALUE: 390.1}})
    _refused(cli, example_db_url, path, cells["retail_sales"][VALUE], ["累计数", "小于", "上半年"])


def test_a_part_may_not_exceed_its_whole(example_db_url, tmp_path, cli):
    path = make_form(example_db_url, tmp_path, "商务局")
    cells = fill_form(path, {"signed_projects": {VALUE: 40}, "domestic_signed_projects": {VALUE: 52}})
    _refused(cli, example_db_url, path, cells["domestic_signed_projects"][VALUE], ["其中项", "大于总量"])


LAST_YEAR_PLAN = """plan: {region: "320509", year: 2024}
regions:
  - {code: "320000", name: 江苏省, level: 省}
  - {code: "320500", name: 苏州市, level: 市, parent: "320000"}
  - {code: "320509", name: 吴江区, level: 县区, parent: "320500"}
indicators:
  - {code: retail_sales, name: 社会消费品零售总额, unit: 亿元, category: 经济发展, department: 商务局}
observations:
  - {indicator: retail_sales, period: "PERIOD", value: VALUE}
"""


def _load_last_year(cli, db_url, tmp_path, period, value):  # type: ignore[no-untyped-def]
    """Last year's same-period figure, stored with last year's plan (a 2025 plan holds 2025 figures only)."""
    path = tmp_path / "plan-2024.yaml"
    path.write_text(LAST_YEAR_PLAN.replace("PERIOD", period).replace("VALUE", value), encoding="utf-8")
    result = cli("load", str(path), "--db", db_url)
    assert result.exit_code == 0, result.stderr


def test_growth_inconsistent_with_last_year_needs_explicit_acceptance(example_db_url, tmp_path, cli):
    _load_last_year(cli, example_db_url, tmp_path, "2024年1—7月", "450.00")
    path = make_form(example_db_url, tmp_path, "商务局")
    cells = fill_form(path, {"retail_sales": {VALUE: 470.52, GROWTH: 9.8}})   # 470.52 / 450.00 is +4.6%
    result = _refused(cli, example_db_url, path, cells["retail_sales"][GROWTH], ["上年同期", "4.6%"])
    assert "--accept-warnings" in result.stderr
    assert "retail_sales" not in observations(example_db_url, "2025M01-07")
    accepted = cli("import", str(path), "--accept-warnings", "--db", example_db_url)
    assert accepted.exit_code == 0, accepted.stderr
    assert str(observations(example_db_url, "2025M01-07")["retail_sales"].growth) == "9.8"


def test_growth_within_stated_precision_is_accepted(example_db_url, tmp_path, cli):
    _load_last_year(cli, example_db_url, tmp_path, "2024M01-07", "450.00")
    path = make_form(example_db_url, tmp_path, "商务局")
    fill_form(path, {"retail_sales": {VALUE: 470.52, GROWTH: 4.6}})
    result = cli("import", str(path), "--db", example_db_url)
    assert result.exit_code == 0, result.stderr


def test_a_tampered_indicator_code_of_another_department_is_refused(example_db_url, tmp_path, cli):
    path = make_form(example_db_url, tmp_path, "商务局")
    wb = load_workbook(path)
    ws = wb.worksheets[0]
    header, columns = form_layout(ws)
    code_cell = ws.cell(header + 1, columns["planwatch:indicator"])
    code_cell.value = "gdp"
    ws.cell(header + 1, columns[VALUE]).value = 1500
    wb.save(path)
    _refused(cli, example_db_url, path, code_cell.coordinate, ["不属于本表的填报部门商务局"])


def test_one_bad_row_among_many_writes_nothing(example_db_url, tmp_path, cli):
    path = make_form(example_db_url, tmp_path, "商务局")
    h1 = observations(example_db_url, "2025H1")
    codes = ["retail_sales", "trade", "fdi_used", "first_stores", "signed_projects", "signed_investment",
             "new_foreign_enterprises", "contracted_fdi", "overseas_projects", "overseas_investment"]
    # above each stored 上半年 figure, so that every cumulative check passes
    good = {c: float(h1[c].value) * 1.2 if c in h1 and h1[c].value is not None else 50.5 for c in codes}
    cells = fill_form(path, {code: {VALUE: v} for code, v in good.items()} | {"tariff_reduction": {VALUE: "待定"}})
    second = make_form(example_db_url, tmp_path, "统计局")
    fill_form(second, {"gdp": {VALUE: 1500.2, GROWTH: 6.0}})
    before = observations(example_db_url, "2025M01-07")
    result = cli("import", str(second), str(path), "--db", example_db_url)
    assert result.exit_code == 2
    assert f"单元格 {cells['tariff_reduction'][VALUE]}" in result.stderr
    assert observations(example_db_url, "2025M01-07") == before == {}
    # fixing the cell lets the whole lot in
    fill_form(path, {"tariff_reduction": {VALUE: 2.9}})
    assert cli("import", str(second), str(path), "--db", example_db_url).exit_code == 0
    assert len(observations(example_db_url, "2025M01-07")) == len(good) + 2


def test_a_file_that_is_not_a_form_is_refused(example_db_url, tmp_path, cli):
    from openpyxl import Workbook

    path = tmp_path / "random.xlsx"
    Workbook().save(path)
    result = cli("import", str(path), "--db", example_db_url)
    assert result.exit_code == 2 and "不是 planwatch 填报表" in result.stderr


def test_csv_exchange_round_trip(example_db_url, tmp_path, cli, sqlite_url):
    exported = cli("export-csv", "--region", "吴江区", "--period", "2025H1", "--db", example_db_url)
    assert exported.exit_code == 0
    header = exported.stdout.splitlines()[0]
    assert header.startswith("\ufeff指标,地区,统计期,本期数值,单位,同比增长（%）,备注,来源")   # Excel opens it as UTF-8
    assert "retail_sales,320509,2025H1,402.25,亿元,5.0" in exported.stdout
    changed = exported.stdout.replace("retail_sales,320509,2025H1,402.25", "retail_sales,320509,2025H1,403.25")
    path = tmp_path / "exchange.csv"
    path.write_text(changed, encoding="utf-8")
    result = cli("import", str(path), "--db", example_db_url)     # the Chinese headers read back
    assert result.exit_code == 0, result.stderr
    assert "更新 1 条" in result.stdout
    assert str(observations(example_db_url, "2025H1")["retail_sales"].value) == "403.25"


def test_csv_export_in_english_headers_and_gb18030(example_db_url, tmp_path, cli):
    path = tmp_path / "gb.csv"
    result = cli("export-csv", "--region", "吴江区", "--period", "2025H1", "--headers", "en", "--encoding", "gb18030",
                 "-o", str(path), "--db", example_db_url)
    assert result.exit_code == 0, result.stderr
    text = path.read_bytes().decode("gb18030")
    assert text.startswith("indicator,region,period,value,unit,growth,note,source")
    assert "retail_sales,320509,2025H1,402.25,亿元,5.0" in text
    refused = cli("export-csv", "--encoding", "latin-1", "--db", example_db_url)
    assert refused.exit_code == 2 and "不支持的编码" in refused.stderr


def test_csv_problems_name_the_line(example_db_url, tmp_path, cli):
    path = tmp_path / "bad.csv"
    path.write_text("indicator,region,period,value,unit,growth,note,source\n"
                    "retail_sales,吴江区,2025M01-07,470.52,亿元,5.2,,\n"
                    "no_such_thing,吴江区,2025M01-07,1,亿元,,,\n"
                    "trade,吴江区,2025年13月,1,亿元,,,\n", encoding="utf-8")
    result = cli("import", str(path), "--db", example_db_url)
    assert result.exit_code == 2
    assert "第 3 行" in result.stderr and "no_such_thing" in result.stderr
    assert "第 4 行" in result.stderr
    assert observations(example_db_url, "2025M01-07") == {}


def test_form_for_unknown_department(example_db_url, tmp_path, cli):
    result = cli("form", "--period", "2025H1", "--department", "不存在局", "-o", str(tmp_path / "x.xlsx"),
                 "--db", example_db_url)
    assert result.exit_code == 2 and "不存在局" in result.stderr
    assert not Path(tmp_path / "x.xlsx").exists()
