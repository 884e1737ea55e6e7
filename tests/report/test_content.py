"""The drafted report's content against the reference report (吴江区 2025 上半年)."""

from __future__ import annotations

import difflib
import re
from pathlib import Path

from planwatch.report.context import headline_lines
from tests.conftest import REFERENCE_REPORT
from tests.report.conftest import normalise, reference_headlines


def _diff(expected: list[str], actual: list[str]) -> str:
    return "\n".join(difflib.unified_diff(expected, actual, "reference", "generated", lineterm=""))


def test_headline_list_reproduces_every_reference_line(example_document) -> None:  # type: ignore[no-untyped-def]
    expected, _ = reference_headlines()
    actual = [normalise(line) for line in headline_lines(example_document)]
    assert len(expected) == 35
    assert actual == expected, "headline lines differ:\n" + _diff(expected, actual)


def test_numbers_and_units_of_each_headline_line_are_the_reference_ones(example_document) -> None:  # type: ignore[no-untyped-def]
    number_unit = re.compile(r"-?\d+(?:\.\d+)?(?:%|[^\d，；。、（）%]{0,3})")
    expected, _ = reference_headlines()
    actual = [normalise(line) for line in headline_lines(example_document)]
    problems = [f"line {i + 1}: reference {number_unit.findall(e)} generated {number_unit.findall(a)}"
                for i, (e, a) in enumerate(zip(expected, actual, strict=False))
                if number_unit.findall(e) != number_unit.findall(a)]
    assert not problems, "\n".join(problems)


def test_annual_only_sentence_is_the_reference_one(example_document) -> None:  # type: ignore[no-untyped-def]
    _, sentence = reference_headlines()
    texts = [normalise(t) for t in example_document.paragraphs()]
    assert sentence in texts


def test_project_paragraph_reproduces_the_three_key_project_lists(example_document) -> None:  # type: ignore[no-untyped-def]
    reference = Path(REFERENCE_REPORT).read_text(encoding="utf-8")
    found = re.findall(r"(\d+)个(省重大项目|市重点项目|区重点项目)(?:投资)?完成投资([\d.]+)亿元，占年度计划([\d.]+)%", reference)
    assert [f[0] for f in found] == ["5", "57", "323"]
    text = "\n".join(example_document.paragraphs())
    for count, name, invested, share in found:
        assert f"{count}个{name}完成投资{invested}亿元，占年度计划{share}%" in text, name
    assert "4个新开工项目全部开工" in text
    assert "16个新开工项目全部开工" in text
    assert "148个新开工项目已开工84个，开工率56.8%" in text


def test_report_structure_title_sections_placeholder_and_appendix(example_document) -> None:  # type: ignore[no-untyped-def]
    from planwatch.report import document as doc

    assert example_document.title == "吴江区2025年国民经济和社会发展计划上半年执行情况的报告"
    headings = [b.text for b in example_document.blocks if isinstance(b, doc.Heading)]
    assert headings[0] == "一、2025年国民经济和社会发展计划上半年执行情况"
    part_two = headings.index("二、下半年国民经济和社会发展工作安排")
    five = ["（一）", "（二）", "（三）", "（四）", "（五）"]
    assert [h[:3] for h in headings[:part_two] if h.startswith("（")] == five
    assert "（一）聚焦实体经济，区域能级持续提升" in headings
    # section 二 is the example's approved 下一步打算 materials: the reference's five parts
    assert [h[:3] for h in headings[part_two:] if h.startswith("（")] == five
    assert "（一）全力落实国家战略，缔结示范窗口建设新成果" in headings[part_two:]
    placeholders = [b for b in example_document.blocks if isinstance(b, doc.Paragraph) and b.kind == "placeholder"]
    # the 困难挑战 paragraph and section 二 come from the example's approved materials: nothing left to edit
    assert placeholders == []
    tables = [b for b in example_document.blocks if isinstance(b, doc.Table)]
    assert len(tables) == 1
    table = tables[0]
    assert table.columns == ("指标", "单位", "年度目标", "实际", "增长%", "完成%", "判断")
    gdp = next(r for r in table.rows if r[0] == "地区生产总值")
    assert gdp[1:5] == ("亿元", "—", "1285.41", "6.1")
    assert next(r for r in table.rows if r[0] == "规上工业总产值")[3] == "2836.10"


SYSTEM_WORDS = ("目标未设定", "无法判断", "本报告不作", "暂无数据", "待评估", "缺数", "无法与序时进度比较")


def test_no_sentence_about_the_system_reaches_the_report(example_document) -> None:  # type: ignore[no-untyped-def]
    from planwatch.report import document as doc

    texts = [b.text for b in example_document.blocks if isinstance(b, doc.Paragraph | doc.Heading)]
    cells = [c for b in example_document.blocks if isinstance(b, doc.Table) for row in b.rows for c in row]
    found = [(w, t) for t in [*texts, *cells] for w in SYSTEM_WORDS if w in t]
    assert not found, found


def test_comparisons_in_the_office_words_from_the_status_engine(example_db, example_document) -> None:  # type: ignore[no-untyped-def]
    from planwatch.services.plans import select
    from planwatch.services.status import status_for

    table = status_for(select(example_db, region="吴江区", period="2025H1"), db=example_db)
    text = "\n".join(example_document.paragraphs())
    # the plan-wide count is the engine's PlanCount, never re-derived in the report
    assert table.count is not None and table.count.assessed and not table.count.lagging
    assert f"上半年，{len(table.count.good)}项主要指标达到或超过序时进度（预期目标）。" in text
    # every project list ahead of 序时进度, by the engine's points, in plan order
    assert table.projects is not None
    points = "、".join(g.gap_text for g in table.projects.groups)
    assert points == "13.4、22.5、7.4、7.3"
    assert ("省重大项目、市重点项目、区重点项目和十大民生实事项目完成投资占年度计划的比例均超序时进度，"
            "分别超13.4、22.5、7.4和7.3个百分点。") in text


def test_thematic_figures_are_stored_numbers_unrounded(example_document) -> None:  # type: ignore[no-untyped-def]
    text = "\n".join(example_document.paragraphs())
    assert "农林牧渔业总产值25.60亿元，增长6.2%" in text
    assert "新材料产业完成规上产值811.70亿元，增长13.8%" in text
    assert "入企检查频次下降50.3%" in text
    assert "排查消防安全专项火灾隐患5.31万余处" in text


def test_part_two_from_a_file_replaces_the_placeholder(example_db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from planwatch.services.report import read_part_two, report_document

    part = tmp_path / "part2.txt"
    part.write_text("（一）全力落实国家战略\n推进106项示范区年度重点工作。\n", encoding="utf-8")
    document, _ = report_document(example_db, region="吴江区", period="2025H1",
                                  part_two_text=read_part_two(part), charts=False)
    texts = document.paragraphs()
    assert "推进106项示范区年度重点工作。" in texts
    assert "（一）全力落实国家战略" in texts
    assert not any("待填写" in t for t in texts)


def test_challenges_and_part_two_from_files_through_the_cli(cli, example_db_url, tmp_path) -> None:  # type: ignore[no-untyped-def]
    challenges = tmp_path / "困难.txt"
    challenges.write_text("同时，发展中还面临若干困难挑战，主要是：外部环境更趋复杂严峻。\n", encoding="utf-8")
    part_two = tmp_path / "下半年.md"
    part_two.write_text("（一）全力落实国家战略\n推进106项示范区年度重点工作。\n", encoding="utf-8")
    out = tmp_path / "r.md"
    result = cli("report", "--db", example_db_url, "-p", "2025H1", "-f", "md", "-o", str(out),
                 "--challenges", str(challenges), "--part-two", str(part_two))
    assert result.exit_code == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert "〔待编辑〕" not in text
    one, two = text.split("二、下半年国民经济和社会发展工作安排")
    assert "同时，发展中还面临若干困难挑战，主要是：外部环境更趋复杂严峻。" in one
    assert "推进106项示范区年度重点工作。" in two
    missing = cli("report", "--db", example_db_url, "-p", "2025H1", "-f", "md", "-o", str(out),
                  "--challenges", str(tmp_path / "无.txt"))
    assert missing.exit_code == 2 and "找不到困难挑战文件" in missing.stderr
