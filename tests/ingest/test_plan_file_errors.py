"""One test per kind of plan-file error: each names the file, the line and the field, in Chinese,
the CLI exits 2, and nothing is written."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from planwatch.errors import InputError
from planwatch.ingest.plan_file import read_plan

HEADER = """\
plan: {region: "320509", year: 2025, title: 测试计划}
regions:
  - {code: "320509", name: 吴江区, level: 县区}
  - {code: t1, name: 平望镇, level: 乡镇街道, parent: "320509"}
  - {code: "110000", name: 北京市, level: 省}
documents:
  - {code: doc, title: 报告, text: "全区完成地区生产总值1285.41亿元，增长6.1%。"}
indicators:
  - {code: gdp, name: 地区生产总值, unit: 亿元, category: 经济}
"""


def write(tmp_path: Path, body: str) -> Path:
    """A plan folder: the valid header in plan.yaml and the case under test in case.yaml."""
    folder = tmp_path / "plan"
    folder.mkdir(exist_ok=True)
    (folder / "plan.yaml").write_text(HEADER, encoding="utf-8")
    (folder / "case.yaml").write_text(textwrap.dedent(body), encoding="utf-8")
    return folder


def problems_of(path: Path) -> list[str]:
    with pytest.raises(InputError) as info:
        read_plan(path)
    return [str(p) for p in info.value.problems] or [info.value.message]


def test_valid_file_reads(tmp_path: Path) -> None:
    plan = read_plan(write(tmp_path, """\
        observations:
          - {indicator: gdp, period: 2025H1, value: 1285.41, growth: 6.1,
             source: {document: doc, spans: {value: [10, 17], growth: [22, 25]}}}
        """))
    assert str(plan.observations[0].value) == "1285.41"


def test_a_material_takes_its_text_from_the_document_span(tmp_path: Path) -> None:
    plan = read_plan(write(tmp_path, """\
        materials:
          - {code: m1, department: 统计局, period: 2025年上半年, kind: 亮点,
             source: {document: doc, spans: {text: [0, 10]}}}
          - {code: m2, department: 统计局, period: 2025H1, kind: 存在问题, text: 统计力量不足, state: 待审核}
        """))
    first, second = plan.materials
    assert (first.text, first.kind.value, first.state.value, first.period.code) == ("全区完成地区生产总值", "工作进展与亮点",
                                                                                "已通过", "2025H1")
    assert first.source is not None and first.source.spans == {"text": (0, 10)}
    assert (second.kind.value, second.state.value, second.author) == ("存在问题", "待审核", "统计局")


CASES = [
    ("yaml_syntax", "observations: [\n", "YAML 格式错误", None),
    ("duplicate_key", "observations:\n  - {indicator: gdp, indicator: gdp, period: 2025H1}\n", "键“indicator”重复", None),
    ("unknown_field", "indicators:\n  - {code: x, name: X, unit: 亿元, category: 经济, colour: red}\n", "未知字段", "colour"),
    ("missing_field", "indicators:\n  - {code: x, name: X, category: 经济}\n", "缺少必填字段", "unit"),
    ("bad_enum", "indicators:\n  - {code: x, name: X, unit: 亿元, category: 经济, nature: 必须性}\n", "取值“必须性”无效", "nature"),
    ("unknown_unit", "indicators:\n  - {code: x, name: X, unit: 亿圆, category: 经济}\n", "未知的计量单位“亿圆”", "unit"),
    ("duplicate_code", "indicators:\n  - {code: gdp, name: GDP2, unit: 亿元, category: 经济}\n", "代码“gdp”重复", "code"),
    ("target_unknown_indicator", "targets:\n  - {indicator: nope, growth: {value: 5, comparison: 以上}}\n",
     "目标所指指标“nope”未定义", "indicator"),
    ("observation_unknown_indicator", "observations:\n  - {indicator: nope, period: 2025H1, value: 1}\n",
     "观测值所指指标“nope”未定义", "indicator"),
    ("period_outside_year", "observations:\n  - {indicator: gdp, period: 2024H1, value: 1}\n",
     "不在计划年度 2025 内", "period"),
    ("bad_period", "observations:\n  - {indicator: gdp, period: 2025H3, value: 1}\n", "无法识别统计期", "period"),
    ("region_not_in_hierarchy", "observations:\n  - {indicator: gdp, region: 上海市, period: 2025H1, value: 1}\n",
     "地区“上海市”不在地区列表", "region"),
    ("region_outside_plan", "observations:\n  - {indicator: gdp, region: \"110000\", period: 2025H1, value: 1}\n",
     "不属于计划地区", "region"),
    ("span_mismatch", "observations:\n  - {indicator: gdp, period: 2025H1, value: 1285.40,\n"
                      "     source: {document: doc, spans: {value: [10, 17]}}}\n", "第 10—17 字是“1285.41”", "spans"),
    ("unknown_document", "observations:\n  - {indicator: gdp, period: 2025H1, value: 1,\n"
                         "     source: {document: nodoc}}\n", "来源文档“nodoc”未在 documents 中定义", "document"),
    ("not_a_number", "observations:\n  - {indicator: gdp, period: 2025H1, value: 很多}\n", "“很多”不是数字", "value"),
    ("incompatible_unit", "observations:\n  - {indicator: gdp, period: 2025H1, value: 1, unit: 万人}\n",
     "不可换算", "unit"),
    ("duplicate_observation", "observations:\n  - {indicator: gdp, period: 2025H1, value: 1}\n"
                              "  - {indicator: gdp, period: 2025年上半年, value: 2}\n", "观测值重复", "indicator"),
    ("formula_unknown_indicator", "indicators:\n  - {code: share, name: 占比, unit: \"%\", category: 经济,"
                                  " formula: gdp / nothing * 100}\n", "公式引用了未定义的指标“nothing”", "formula"),
    ("material_bad_kind", "materials:\n  - {code: m1, department: 统计局, period: 2025H1, kind: 心得, text: 一段。}\n",
     "材料类型“心得”无效", "kind"),
    ("material_without_text", "materials:\n  - {code: m1, department: 统计局, period: 2025H1, kind: 亮点}\n",
     "材料需要 text", None),
    ("material_text_not_at_span", "materials:\n  - {code: m1, department: 统计局, period: 2025H1, kind: 亮点,"
                                  " text: 全区完成地区生产总值,\n     source: {document: doc, spans: {text: [0, 4]}}}\n",
     "不一致", "spans"),
    ("material_duplicate_code", "materials:\n  - {code: m1, department: 统计局, period: 2025H1, kind: 亮点, text: 一。}\n"
                                "  - {code: m1, department: 统计局, period: 2025H1, kind: 亮点, text: 二。}\n",
     "代码“m1”重复", "code"),
]


@pytest.mark.parametrize(("kind", "body", "message", "field"), CASES, ids=[c[0] for c in CASES])
def test_each_error_names_file_line_and_field(tmp_path: Path, kind: str, body: str, message: str,
                                              field: str | None) -> None:
    problems = problems_of(write(tmp_path, body))
    text = "\n".join(problems)
    assert message in text
    assert "case.yaml" in text
    assert "行" in text  # a line number is given
    if field:
        assert field in text


def test_every_problem_is_reported_not_only_the_first(tmp_path: Path) -> None:
    problems = problems_of(write(tmp_path, """\
        observations:
          - {indicator: nope, period: 2025H1, value: 1}
          - {indicator: gdp, period: 2024H1, value: 1}
          - {indicator: gdp, region: 火星, period: 2025H1, value: 1}
        """))
    assert len(problems) == 3


def test_line_numbers_point_at_the_offending_entry(tmp_path: Path) -> None:
    path = write(tmp_path, "observations:\n  - {indicator: gdp, period: 2025H1, value: 1}\n"
                           "  - {indicator: nope, period: 2025H1, value: 1}\n")
    line_of_bad_entry = 3
    assert f"第 {line_of_bad_entry} 行" in problems_of(path)[0]


def test_cli_load_of_a_bad_file_exits_2_and_writes_nothing(tmp_path: Path, cli, sqlite_url: str) -> None:  # type: ignore[no-untyped-def]
    path = write(tmp_path, "observations:\n  - {indicator: gdp, period: 2025H1, value: 1}\n"
                           "  - {indicator: nope, period: 2025H1, value: 1}\n")
    result = cli("load", str(path), "--db", sqlite_url)
    assert result.exit_code == 2
    assert "nope" in result.stderr and "Traceback" not in result.stderr
    from planwatch.store import list_plans, open_database

    db = open_database(sqlite_url)
    with db.connect() as conn:
        assert list_plans(conn) == []
