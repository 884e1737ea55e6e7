"""Tables in report text (issue 11, item 2): row header × column header names the fact, the unit
comes from the header or a 单位 line, 比上年±% columns are growth with - as negative."""

from __future__ import annotations

from decimal import Decimal

from planwatch.extract import extract_facts
from planwatch.extract.tables import find_tables


def _by_name(text: str) -> dict[str, dict]:
    out = {}
    for fact in extract_facts(text):
        data = fact.to_json()
        out[(data["indicator"], data.get("region"))] = data
    return out


def _number(text: str, slot: dict) -> str:
    start, end = slot["span"]
    return text[start:end]


def test_pipe_table_from_the_issue() -> None:
    text = ("表3 主要农作物产量\n品种 | 面积(亩) | 比上年±% | 总产(吨) | 比上年±%\n"
            "玉米 | 41250 | -2.35 | 18730 | 1.4\n")
    facts = _by_name(text)
    area, crop = facts[("玉米面积", None)], facts[("玉米总产", None)]
    assert (area["value"]["number"], area["value"]["unit"]) == (41250, "亩")
    assert area["growth"]["number"] == -2.35 and _number(text, area["growth"]) == "2.35"
    assert (crop["value"]["number"], crop["value"]["unit"], crop["growth"]["number"]) == (18730, "吨", 1.4)
    assert len(facts) == 2


def test_markdown_rule_and_tab_separated_rows() -> None:
    markdown = "| 指标 | 数值(亿元) | 增长% |\n|---|---:|---:|\n| 工业投资 | 166.06 | 15.8 |\n| 技改投资 | 80.5 | -3.2 |\n"
    facts = _by_name(markdown)
    assert facts[("工业投资", None)]["value"]["number"] == 166.06
    assert facts[("技改投资", None)]["growth"]["number"] == -3.2
    tabbed = "指标\t本期（万元）\t同比±%\n税收收入\t51230\t6.4\n非税收入\t8120\t-12.5\n"
    facts = _by_name(tabbed)
    assert facts[("税收收入", None)]["value"] == {"number": 51230, "exact": "51230", "unit": "万元",
                                                 "span": [tabbed.index("51230"), tabbed.index("51230") + 5]}
    assert facts[("非税收入", None)]["growth"]["number"] == -12.5


def test_one_cell_per_line_table_of_places_names_the_region() -> None:
    text = ("全市经济平稳运行。\n\n附表:2024年1—9月各县区地区生产总值及增速\n\n县 区\n\n绝对数\n\n(亿元)\n\n"
            "比上年同期增长\n\n(%)\n\n甲 县\n\n210.45\n\n5.1\n\n乙 区\n\n98.07\n\n-0.6\n")
    facts = _by_name(text)
    first, second = facts[("地区生产总值", "甲县")], facts[("地区生产总值", "乙区")]
    assert (first["value"]["number"], first["value"]["unit"], first["growth"]["number"]) == (210.45, "亿元", 5.1)
    assert second["growth"]["number"] == -0.6
    assert all(f["table"] for f in facts.values())


def test_sector_rows_of_a_gdp_table_are_value_added_and_the_unit_line_applies() -> None:
    text = ("表1  2024年地区生产总值\n\n(单位:万元)\n\n指   标\n\n2024\n\n同比±%\n\n生产总值(GDP)\n\n"
            "3820411\n\n6.2\n\n交通运输、仓储和邮政业\n\n98120\n\n-1.4\n\n金融业\n\n110233\n\n4.0\n")
    facts = _by_name(text)
    assert facts[("生产总值", None)]["value"]["unit"] == "万元"
    assert facts[("交通运输、仓储和邮政业增加值", None)]["growth"]["number"] == -1.4
    assert facts[("金融业增加值", None)]["value"]["number"] == 110233


def test_prose_around_a_table_is_read_as_before_and_the_table_only_once() -> None:
    prose = "全县完成地区生产总值228.4亿元，增长7.5%。"
    table = "\n品种 | 面积(亩) | 比上年±%\n小麦 | 3200 | 1.5\n"
    facts = extract_facts(prose + table)
    names = [f.indicator for f in facts]
    assert names.count("地区生产总值") == 1 and names.count("小麦面积") == 1
    spans = [slot.span for f in facts for _, slot in f.slots()]
    assert len(spans) == len(set(spans)) == 4


def test_lists_of_short_lines_are_not_tables() -> None:
    text = "一、综合\n\n经济稳步增长\n\n二、农业\n\n粮食增产\n"
    assert find_tables(text) == []
    text = "指标\n\n2024\n\n说明\n"          # too few rows
    assert find_tables(text) == []


def test_a_table_cell_decimal_keeps_its_precision() -> None:
    facts = extract_facts("品种 | 面积(亩)\n甲 | 19.20\n乙 | 3\n")
    assert facts[0].value is not None and facts[0].value.number == Decimal("19.20")


def test_tables_in_docx_and_html_are_read(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from docx import Document

    from planwatch.extract.text import read_text

    document = Document()
    document.add_paragraph("表2 主要工业产品产量")
    table = document.add_table(rows=3, cols=3)
    for r, row in enumerate([("产品", "产量(万吨)", "比上年±%"), ("钢材", "120.5", "-4.2"), ("水泥", "310", "2.0")]):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    path = tmp_path / "t.docx"
    document.save(str(path))
    facts = _by_name(read_text(path))
    assert facts[("钢材产量", None)]["value"]["unit"] == "万吨"
    assert facts[("钢材产量", None)]["growth"]["number"] == -4.2
    html = tmp_path / "t.html"
    html.write_text("<p>表4 财政收入</p><table><tr><th>项目</th><th>金额（亿元）</th><th>增长%</th></tr>"
                    "<tr><td>税收收入</td><td>45.6</td><td>3.3</td></tr>"
                    "<tr><td>非税收入</td><td>9.8</td><td>-7.0</td></tr></table>", encoding="utf-8")
    facts = _by_name(read_text(html))
    assert facts[("税收收入", None)]["value"]["number"] == 45.6
    assert facts[("非税收入", None)]["growth"]["number"] == -7.0
