"""``planwatch status`` on the example and on the rule fixture."""

from __future__ import annotations

import csv
import io
import json

from tests.analyze.conftest import PLANS


def test_example_shows_project_groups_against_schedule(cli, example_db_url: str) -> None:  # type: ignore[no-untyped-def]
    result = cli("status", "--db", example_db_url, "--region", "吴江区", "--period", "2025H1")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "序时进度 50%" in out
    for name, completion in (("省重大项目", "63.4%"), ("市重点项目", "72.5%"), ("区重点项目", "57.4%"),
                             ("十大民生实事项目", "57.3%")):
        line = next(row for row in out.splitlines() if name in row and completion in row)
        assert "超序时" in line
    assert "56.8%（84/148）" in out
    assert "4个项目组完成情况均达到或超过序时进度" in out
    assert "年度数据" in out and "达标" in out


def test_example_json_has_projects_and_explanations(cli, example_db_url: str) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(cli("status", "--db", example_db_url, "--format", "json").stdout)
    groups = {g["code"]: g for g in data["projects"]["groups"]}
    assert groups["district"]["verdict"] == "超序时" and groups["district"]["gap_points"] == "7.4"
    assert groups["district"]["start_rate"] == "56.8"            # 84 ÷ 148, printed as the report prints it
    rows = {r["code"]: r for r in data["rows"]}
    assert rows["rd_share"]["verdict"] == "年度数据"
    # no target in the plan and no verdict words: the report's own sentence, not an invented 达标
    assert rows["work_safety"]["verdict"] == "按报告" and "未发生重特大" in rows["work_safety"]["explanation"]
    assert rows["hitech_share"]["derived_value"] is not None


def _load_rules(cli, sqlite_url: str) -> None:  # type: ignore[no-untyped-def]
    assert cli("load", str(PLANS / "rules-2025"), "--db", sqlite_url).exit_code == 0


def test_lagging_and_explain(cli, sqlite_url: str) -> None:  # type: ignore[no-untyped-def]
    _load_rules(cli, sqlite_url)
    result = cli("status", "--db", sqlite_url, "--lagging", "--explain")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "一般公共预算收入" in out and "滞后序时" in out and "120亿元 ÷ 300亿元" in out
    assert "地区生产总值" not in out.split("双过半")[0]          # met indicators are left out
    assert "completion_vs_schedule" in out                        # the rule is shown with --explain
    assert "主要指标中有4项未实现“双过半”" in out
    assert "市重点项目" in out and "区重点项目" not in out          # only the lagging group
    assert "有风险" in out


def test_csv_has_verdict_words_and_groups(cli, sqlite_url: str) -> None:  # type: ignore[no-untyped-def]
    _load_rules(cli, sqlite_url)
    result = cli("status", "--db", sqlite_url, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    by_code = {(r["kind"], r["code"]): r for r in rows}
    assert by_code[("指标", "revenue")]["verdict"] == "滞后序时"
    assert by_code[("指标", "revenue")]["gap_points"] == "-10.0"
    assert by_code[("项目组", "city")]["verdict"] == "滞后序时"


def test_a_town_without_figures_defaults_to_the_plans_latest_period(cli, example_db_url: str) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(cli("status", "--db", example_db_url, "--region", "桃源镇", "--format", "json").stdout)
    assert data["region"]["name"] == "桃源镇" and data["period"]["code"] == "2025H1"
    verdicts = {row["verdict"] for row in data["rows"]}
    assert verdicts <= {"缺数", "年度数据"}     # the example has no town figures: nothing is invented


def test_report_says_each_step_on_stderr_and_only_the_result_on_stdout(cli, example_db_url: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    result = cli("report", "--db", example_db_url, "--format", "md", "-o", str(tmp_path))
    assert result.exit_code == 0, result.stderr
    assert "正在起草报告" in result.stderr and "正在写出" in result.stderr
    assert result.stdout.strip().startswith("已生成报告：") and "正在" not in result.stdout
