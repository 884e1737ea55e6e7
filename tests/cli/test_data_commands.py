from __future__ import annotations

import json

from tests.conftest import EXAMPLE


def test_load_then_status_shows_the_first_half_table(cli, sqlite_url: str) -> None:  # type: ignore[no-untyped-def]
    loaded = cli("load", str(EXAMPLE), "--db", sqlite_url)
    assert loaded.exit_code == 0, loaded.stderr
    assert "新增" in loaded.stdout
    shown = cli("status", "--db", sqlite_url, "--region", "吴江区", "--period", "2025年上半年")
    assert shown.exit_code == 0, shown.stderr
    assert "1285.41" in shown.stdout and "地区生产总值" in shown.stdout
    assert "年度数据" in shown.stdout and "目标未设定" in shown.stdout


def test_reload_reports_no_change(cli, sqlite_url: str) -> None:  # type: ignore[no-untyped-def]
    cli("load", str(EXAMPLE), "--db", sqlite_url)
    again = cli("load", str(EXAMPLE), "--db", sqlite_url)
    assert "新增 0 条，更新 0 条" in again.stdout


def test_status_json_carries_numbers_as_written(cli, example_db_url: str) -> None:  # type: ignore[no-untyped-def]
    result = cli("status", "--db", example_db_url, "--format", "json")
    data = json.loads(result.stdout)
    rows = {r["code"]: r for r in data["rows"]}
    assert rows["industrial_output"]["value"] == "2836.10"
    assert data["period"]["code"] == "2025H1"


def test_status_on_an_empty_database_says_what_to_do(cli, sqlite_url: str) -> None:  # type: ignore[no-untyped-def]
    result = cli("status", "--db", sqlite_url)
    assert result.exit_code == 2
    assert "planwatch load" in result.stderr


def test_unknown_region_and_bad_period_exit_2(cli, example_db_url: str) -> None:  # type: ignore[no-untyped-def]
    assert cli("status", "--db", example_db_url, "--region", "火星").exit_code == 2
    bad = cli("status", "--db", example_db_url, "--period", "2025H9")
    assert bad.exit_code == 2 and "统计期" in bad.stderr
