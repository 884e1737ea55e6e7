"""One validation of values for every door (issue 13, findings 1, 6 and 7): plan files (`load`),
forms and CSV (`import`), the JSON API and the web entry form refuse the same numbers and texts
with a located Chinese message (exit 2 / HTTP 422), on SQLite and PostgreSQL alike, and nothing
is written."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.collect.conftest import PASSWORD, add_user, csrf_from, fill_form, login, make_form
from tests.conftest import EXAMPLE, run_cli

VALUE, GROWTH = "本期数值", "同比增长（%）"
# (what is written, the words of the message): too large, not finite, too many digits, too many decimals
BAD_NUMBERS = [("9e999", "超出允许范围"), ("1e400", "超出允许范围"), ("1" * 400, "位数过多"),
               ("-1E+16", "超出允许范围"), ("0.1234567", "小数位数过多"), ("NaN", "不是有限的数")]


@pytest.fixture
def example_url(db_url: str) -> str:
    """The example loaded into a fresh database on each backend."""
    assert run_cli("load", str(EXAMPLE), "--db", db_url).exit_code == 0
    return db_url


def _gdp(db_url: str) -> Any:
    from planwatch.model import Period
    from planwatch.store import open_database
    from planwatch.store.plans import list_plans, read_observations

    db = open_database(db_url)
    try:
        with db.connect() as conn:
            found = read_observations(conn, list_plans(conn)[0].id, period=Period.parse("2025H1").code)
            return next(o for o in found if o.indicator == "gdp")
    finally:
        db.dispose()


def _copy_example(tmp_path: Path) -> Path:
    plan = tmp_path / "plan"
    shutil.copytree(EXAMPLE, plan)
    return plan


def _replace_in_example(tmp_path: Path, old: str, new: str, file: str = "observations-2025h1.yaml") -> Path:
    plan = _copy_example(tmp_path)
    path = plan / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return plan


# ---------------------------------------------------------------------------- plan files (load)
@pytest.mark.parametrize(("written", "words"), BAD_NUMBERS, ids=[w[:12] for w, _ in BAD_NUMBERS])
def test_load_refuses_numbers_out_of_range(db_url: str, tmp_path: Path, cli, written: str, words: str) -> None:  # type: ignore[no-untyped-def]
    plan = _replace_in_example(tmp_path, "value: 1285.41", f"value: {written}")
    result = cli("load", str(plan), "--db", db_url)
    assert result.exit_code == 2, result.stderr
    assert "observations-2025h1.yaml，第 4 行，字段 observations[1].value" in result.stderr
    assert words in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr) < 1000        # a 400-digit number is not echoed whole


def test_load_refuses_a_nul_and_an_overlong_title_on_both_databases(db_url: str, tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    plan = _replace_in_example(tmp_path, "growth: 6.1,", 'growth: 6.1, note: "a\\0b",')
    result = cli("load", str(plan), "--db", db_url)
    assert result.exit_code == 2 and "observations[1].note" in result.stderr and "U+0000" in result.stderr
    plan = _copy_example(tmp_path / "b")
    (plan / "more-tasks.yaml").write_text(f"tasks:\n  - {{code: t1, group: reforms, title: {'长' * 301}}}\n",
                                          encoding="utf-8")
    result = cli("load", str(plan), "--db", db_url)
    assert result.exit_code == 2, result.stderr
    assert "文字过长（301 个字符，最多 300 个）" in result.stderr and "title" in result.stderr
    assert "sqlalchemy" not in result.stderr.lower() and "内部错误" not in result.stderr


def test_load_refuses_a_count_beyond_the_database_integer(db_url: str, tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    plan = _replace_in_example(tmp_path, "project_count: ", "project_count: 99999999999", file="projects.yaml")
    result = cli("load", str(plan), "--db", db_url)
    assert result.exit_code == 2 and "project_count" in result.stderr and "数值太大" in result.stderr


# ---------------------------------------------------------------------------- CSV and forms (import)
@pytest.mark.parametrize(("written", "words"), BAD_NUMBERS, ids=[w[:12] for w, _ in BAD_NUMBERS])
def test_csv_import_refuses_numbers_out_of_range(example_url: str, tmp_path: Path, cli, written: str,
                                                words: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "figures.csv"
    path.write_text(f"indicator,region,period,value,unit,growth,note,source\ngdp,吴江区,2025H1,1290,亿元,{written},,\n",
                    encoding="utf-8")
    result = cli("import", str(path), "--db", example_url)
    assert result.exit_code == 2
    assert "figures.csv，第 2 行，字段 growth" in result.stderr and words in result.stderr
    assert str(_gdp(example_url).value) == "1285.41"


def test_csv_import_refuses_text_the_database_cannot_hold(example_url: str, tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "figures.csv"
    path.write_bytes("indicator,region,period,value,note,status\n"
                     f"gdp,吴江区,2025H1,1290,a\x00b,{'稳' * 301}\n".encode())
    result = cli("import", str(path), "--db", example_url)
    assert result.exit_code == 2, result.stderr
    assert "字段 note" in result.stderr and "U+0000" in result.stderr
    assert "字段 status" in result.stderr and "最多 300 个" in result.stderr
    assert "内部错误" not in result.stderr


@pytest.mark.parametrize("cell", ["9e999", 10**20, "1" * 400, 1.5e300], ids=["9e999", "10^20", "400-digits", "1.5e300"])
def test_form_import_refuses_numbers_out_of_range(example_url: str, tmp_path: Path, cli, cell: Any) -> None:  # type: ignore[no-untyped-def]
    path = make_form(example_url, tmp_path, "统计局", period="2025H1")
    where = fill_form(path, {"gdp": {VALUE: cell}})
    result = cli("import", str(path), "--db", example_url)
    assert result.exit_code == 2, result.stderr
    assert f"单元格 {where['gdp'][VALUE]}" in result.stderr and "本期数值" in result.stderr
    assert str(_gdp(example_url).value) == "1285.41"


def test_form_formula_without_a_cached_value_is_reported(example_url: str, tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    """openpyxl (like other generators) saves a formula without its result: never dropped silently."""
    path = make_form(example_url, tmp_path, "统计局", period="2025H1")
    where = fill_form(path, {"gdp": {VALUE: "=1000+290", GROWTH: 6.2}})
    result = cli("import", str(path), "--db", example_url)
    assert result.exit_code == 2, result.stdout
    assert f"单元格 {where['gdp'][VALUE]}" in result.stderr and "公式" in result.stderr and "计算结果" in result.stderr
    assert str(_gdp(example_url).growth) == "6.1"


# ---------------------------------------------------------------------------- load and import agree
SAME_RULES = [  # (indicator, period, field, written, words)
    ("gdp", "2025H1", "value", "-5", "不能为负数"),
    ("gdp", "2025H1", "growth", "-101", "低于 -100%"),
    ("mfg_va_share", "2025H1", "value", "101", "应在 0—100% 之间"),
]


@pytest.mark.parametrize(("indicator", "period", "field", "written", "words"), SAME_RULES,
                         ids=[r[4] for r in SAME_RULES])
def test_load_and_import_refuse_the_same_values(db_url: str, tmp_path: Path, cli, indicator: str, period: str,
                                                field: str, written: str, words: str) -> None:  # type: ignore[no-untyped-def]
    plan = _copy_example(tmp_path)
    extra = plan / "extra.yaml"
    extra.write_text(f"observations:\n  - {{indicator: {indicator}, period: 2025M01-05, {field}: {written}}}\n",
                     encoding="utf-8")
    loaded = cli("load", str(plan), "--db", db_url)
    assert loaded.exit_code == 2 and words in loaded.stderr and f"observations[1].{field}" in loaded.stderr
    extra.unlink()
    assert cli("load", str(plan), "--db", db_url).exit_code == 0
    csv = tmp_path / "figures.csv"
    csv.write_text(f"indicator,region,period,{field}\n{indicator},吴江区,2025M01-05,{written}\n", encoding="utf-8")
    imported = cli("import", str(csv), "--db", db_url)
    assert imported.exit_code == 2 and words in imported.stderr and f"字段 {field}" in imported.stderr


def test_a_change_amount_may_be_negative_through_every_door(db_url: str, tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    plans = Path(__file__).resolve().parents[1] / "data" / "plans"
    assert cli("load", str(plans / "rules-2025"), "--db", db_url).exit_code == 0   # 煤炭消费量变化 −12万吨
    csv = tmp_path / "figures.csv"
    csv.write_text("indicator,region,period,value\ncoal_change,测试区,2025M01-07,-11\n", encoding="utf-8")
    result = cli("import", str(csv), "--db", db_url)
    assert result.exit_code == 0, result.stderr


def test_import_refuses_a_period_outside_the_plan_year(example_url: str, tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    csv = tmp_path / "figures.csv"
    csv.write_text("indicator,region,period,value\ngdp,吴江区,2031H1,1300\n", encoding="utf-8")
    result = cli("import", str(csv), "--db", example_url)
    assert result.exit_code == 2
    assert "figures.csv，第 2 行，字段 period" in result.stderr and "不在计划年度 2025 内" in result.stderr


# ---------------------------------------------------------------------------- the API and the web entry form
@pytest.fixture
def api(example_url: str):  # type: ignore[no-untyped-def]
    from fastapi.testclient import TestClient

    from planwatch.settings import Settings
    from planwatch.web.app import create_app

    add_user(example_url, "统计小李", "reporter", "统计局")
    token = run_cli("token", "create", "统计小李", "--db", example_url).stdout.strip()
    app = create_app(Settings(database_url=example_url, secret_key="test-secret-key"))
    with TestClient(app, raise_server_exceptions=False) as client:
        client.headers["Authorization"] = f"Bearer {token}"
        yield client


@pytest.mark.parametrize("body", ['{"indicator": "gdp", "period": "2025H1", "value": "9e999"}',
                                  '{"indicator": "gdp", "period": "2025H1", "value": 1e400}',
                                  '{"indicator": "gdp", "period": "2025H1", "value": ' + "1" * 400 + "}",
                                  '{"indicator": "gdp", "period": "2025H1", "value": "1290", "note": "a\\u0000b"}',
                                  '{"indicator": "gdp", "period": "2025H1", "status": "' + "稳" * 301 + '"}'],
                         ids=["9e999", "1e400", "400-digits", "nul", "long-status"])
def test_api_refuses_with_422_and_the_field(api, example_url: str, body: str) -> None:  # type: ignore[no-untyped-def]
    answer = api.post("/api/v1/observations", content=body, headers={"Content-Type": "application/json"})
    assert answer.status_code == 422, answer.text
    problems = answer.json()["error"]["problems"]
    assert problems and problems[0]["location"]["field"].startswith("[0].")
    assert str(_gdp(example_url).value) == "1285.41"
    # the dashboard still answers
    assert api.get("/api/v1/status", params={"period": "2025H1"}).status_code == 200


def test_api_write_without_growth_keeps_the_stored_growth(api, example_url: str) -> None:  # type: ignore[no-untyped-def]
    before = _gdp(example_url)
    assert str(before.growth) == "6.1"
    answer = api.post("/api/v1/observations", json={"indicator": "gdp", "period": "2025H1", "value": "1290.00"})
    assert answer.status_code == 200, answer.text
    after = _gdp(example_url)
    assert str(after.value) == "1290.00" and str(after.growth) == "6.1" and after.growth_basis == before.growth_basis
    cleared = api.post("/api/v1/observations", json={"indicator": "gdp", "period": "2025H1", "growth": None})
    assert cleared.status_code == 200, cleared.text
    assert _gdp(example_url).growth is None and str(_gdp(example_url).value) == "1290.00"


def test_web_entry_form_refuses_an_out_of_range_value(web) -> None:  # type: ignore[no-untyped-def]
    from tests.collect.conftest import add_user as add

    add(web.app.state.settings.database_url, "统计小王", "reporter", "统计局")
    assert login(web, "统计小王", PASSWORD).status_code in (302, 303)
    page = web.get("/collect/entry")
    answer = web.post("/collect/entry", data={"indicator": "gdp", "period": "2025H1", "value": "9e999",
                                              "csrf_token": csrf_from(page.text)})
    assert answer.status_code == 422 and "超出允许范围" in answer.text


# ---------------------------------------------------------------------------- report text (ingest)
def test_ingest_refuses_a_figure_beyond_the_limits_read_from_a_report(example_url: str, tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    report = tmp_path / "report.txt"
    report.write_text("上半年执行情况\n全区实现地区生产总值" + "9" * 30 + "亿元，同比增长6.1%。\n", encoding="utf-8")
    result = cli("ingest", str(report), "--region", "吴江区", "--period", "2025H1", "--db", example_url)
    assert result.exit_code == 2, result.stdout + result.stderr
    assert "report.txt，第 2 行" in result.stderr and "超出允许范围" in result.stderr
    assert str(_gdp(example_url).value) == "1285.41"


def test_api_write_of_a_note_keeps_a_stored_figure_in_another_unit(db_url: str, tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    from fastapi.testclient import TestClient

    from planwatch.settings import Settings
    from planwatch.web.app import create_app

    plan = _copy_example(tmp_path)
    (plan / "extra.yaml").write_text("observations:\n  - {indicator: gdp, period: 2025M01-05, value: 1000000, unit: 万元}\n",
                                     encoding="utf-8")
    assert cli("load", str(plan), "--db", db_url).exit_code == 0
    add_user(db_url, "统计小李", "reporter", "统计局")
    token = cli("token", "create", "统计小李", "--db", db_url).stdout.strip()
    with TestClient(create_app(Settings(database_url=db_url, secret_key="test-secret-key"))) as client:
        headers = {"Authorization": f"Bearer {token}"}
        noted = client.post("/api/v1/observations", headers=headers,
                            json={"indicator": "gdp", "period": "2025M01-05", "note": "快报"})
        assert noted.status_code == 200, noted.text
        from planwatch.model import Period
        from planwatch.store import open_database
        from planwatch.store.plans import list_plans, read_observations

        db = open_database(db_url)
        with db.connect() as conn:
            obs = read_observations(conn, list_plans(conn)[0].id, period=Period.parse("2025M01-05").code)[0]
        db.dispose()
        assert (str(obs.value), obs.unit, obs.note) == ("1000000", "万元", "快报")
