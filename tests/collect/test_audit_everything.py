"""Every change is audited and ``planwatch history`` shows it (issue 13, finding 8): plan content
written by ``load`` (an indicator renamed, a new target), period transitions, users and tokens;
filtered by object, user and period."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from tests.collect.conftest import PASSWORD
from tests.conftest import EXAMPLE, run_cli


def _history(db_url: str, *args: str) -> list[dict[str, Any]]:
    result = run_cli("history", *args, "--format", "json", "--db", db_url)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def _changed_example(tmp_path: Path) -> Path:
    """The example with 地区生产总值 renamed and a GDP growth target added, as a planner would edit it."""
    plan = tmp_path / "plan"
    shutil.copytree(EXAMPLE, plan)
    indicators = plan / "indicators.yaml"
    text = indicators.read_text(encoding="utf-8")
    assert "{code: gdp, name: 地区生产总值," in text
    indicators.write_text(text.replace("{code: gdp, name: 地区生产总值,", "{code: gdp, name: 地区生产总值（GDP）,"),
                          encoding="utf-8")
    (plan / "targets.yaml").write_text('targets:\n  - {indicator: gdp, region: "320509", growth: {value: 5.5, '
                                       "comparison: 左右}}\n", encoding="utf-8")
    return plan


def test_a_load_audits_plan_content_renames_and_new_targets(example_db_url: str, tmp_path: Path) -> None:
    first = _history(example_db_url, "gdp")
    assert {(e["kind"], e["action"]) for e in first} == {("indicators", "insert"), ("observations", "insert")}
    assert run_cli("load", str(_changed_example(tmp_path)), "--db", example_db_url).exit_code == 0

    entries = _history(example_db_url, "gdp")
    rename = [e for e in entries if e["kind"] == "indicators" and e["action"] == "update"]
    assert len(rename) == 1
    assert rename[0]["old"]["name"] == "地区生产总值" and rename[0]["new"]["name"] == "地区生产总值（GDP）"
    assert rename[0]["user"].startswith("os:") and "载入计划文件" in rename[0]["reason"]
    [target] = [e for e in entries if e["kind"] == "targets"]
    assert target["action"] == "insert" and target["object"] == "gdp@320509"
    assert target["new"]["growth_value"] == "5.5"
    # one target alone, by its key
    assert [e["object"] for e in _history(example_db_url, "gdp@320509")] == ["gdp@320509"]

    table = run_cli("history", "gdp", "--db", example_db_url)
    assert "name: 地区生产总值 → 地区生产总值（GDP）" in table.stdout
    assert "目标 gdp@320509" in table.stdout

    # project groups, their progress and task lists were audited by the first load too (the example has
    # no single projects or tasks)
    kinds = {e["kind"] for e in _history(example_db_url, "--limit", "5000")}
    assert {"plans", "regions", "documents", "indicators", "project_groups", "project_progress", "task_groups",
            "observations", "targets"} <= kinds


def test_transitions_users_and_tokens_are_shown_and_filtered(example_db_url: str) -> None:
    def cli(*args: str) -> Any:
        result = run_cli(*args, "--db", example_db_url)
        assert result.exit_code == 0, result.stderr
        return result

    import sys
    from io import StringIO

    real_stdin = sys.stdin
    sys.stdin = StringIO(PASSWORD + "\n")
    try:
        cli("user", "add", "统计小李", "--role", "reporter", "--department", "统计局", "--password-stdin")
    finally:
        sys.stdin = real_stdin
    cli("token", "create", "统计小李", "--label", "脚本")
    cli("period", "submit", "--period", "2025H1", "--as", "统计小李")
    cli("period", "reopen", "--period", "2025H1", "--reason", "数据有误")
    cli("user", "disable", "统计小李")

    about_li = _history(example_db_url, "统计小李")
    assert [(e["kind"], e["action"]) for e in about_li] == [
        ("users", "insert"), ("api_tokens", "insert"), ("users", "update")]
    assert about_li[-1]["old"]["active"] is True and about_li[-1]["new"]["active"] is False

    by_li = _history(example_db_url, "--user", "统计小李")
    assert [(e["kind"], e["new"]["state"]) for e in by_li] == [("period_states", "已提交")]

    workflow = _history(example_db_url, "--kind", "period_states", "--period", "2025年上半年")
    assert [(e["old"]["state"], e["new"]["state"]) for e in workflow] == [("填报中", "已提交"), ("已提交", "填报中")]
    assert workflow[1]["reason"] == "数据有误"
    assert _history(example_db_url, "--kind", "period_states", "--period", "2025Q1") == []

    table = cli("history", "--kind", "users").stdout
    assert "用户 统计小李" in table and "active: True → False" in table


def test_an_unknown_object_or_kind_is_a_clear_error(example_db_url: str) -> None:
    unknown = run_cli("history", "没有这个东西", "--db", example_db_url)
    assert unknown.exit_code == 2 and "没有“没有这个东西”的修改记录" in unknown.stderr
    bad_kind = run_cli("history", "--kind", "nothing", "--db", example_db_url)
    assert bad_kind.exit_code == 2 and "未知的对象类型“nothing”" in bad_kind.stderr
