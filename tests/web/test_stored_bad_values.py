"""A value that got into the store by an older version (no door accepts it today) never makes a
page, the API or the report fail: the status engine reports it as an error on that row.
On SQLite and PostgreSQL: the row is written straight into the observations table."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

PLANS = Path(__file__).resolve().parents[1] / "data" / "plans"
# (indicator, column, stored text): fai and retail have level targets, gdp a growth target; 40 characters
# is the longest number text PostgreSQL stores (a 400-digit one SQLite would take is refused as well)
BAD = [("fai", "value", "9e999"), ("retail", "value", "9" * 40), ("gdp", "growth", "NaN"),
       ("revenue", "value", "1E+400"), ("trade", "value", "1E+999999999")]


@pytest.fixture
def bad_db_url(db_url: str) -> str:
    from planwatch.services.plans import load_plan
    from planwatch.store import open_database

    db = open_database(db_url)
    try:
        load_plan(db, PLANS / "rules-2025")
        with db.transaction() as conn:
            for indicator, column, stored in BAD:
                done = conn.execute(text(f"UPDATE observations SET {column} = :v WHERE indicator = :i"),
                                    {"v": stored, "i": indicator})
                assert done.rowcount == 1
    finally:
        db.dispose()
    return db_url


@pytest.fixture
def bad_client(bad_db_url: str):  # type: ignore[no-untyped-def]
    from fastapi.testclient import TestClient

    from planwatch.services.users import add_user, create_token
    from planwatch.settings import Settings
    from planwatch.store import open_database
    from planwatch.web.app import create_app

    db = open_database(bad_db_url)     # server mode reads need a user: an admin's API token
    try:
        add_user(db, "读者", "admin", "bad-values-password")
        token = create_token(db, "读者")
    finally:
        db.dispose()
    app = create_app(Settings(database_url=bad_db_url, secret_key="test-secret"))
    with TestClient(app, raise_server_exceptions=False, headers={"Authorization": f"Bearer {token}"}) as client:
        yield client


def test_status_api_reports_each_bad_value_as_an_error_on_its_row(bad_client) -> None:  # type: ignore[no-untyped-def]
    answer = bad_client.get("/api/v1/status", params={"region": "测试区", "period": "2025H1"})
    assert answer.status_code == 200, answer.text
    rows = {r["code"]: r for r in answer.json()["rows"]}
    for indicator, _column, _ in BAD:
        row = rows[indicator]
        assert row["rule"] == "invalid_stored_value", row
        assert row["verdict"] == "待评估" and "数据有误" in row["explanation"], row
    assert rows["fai"]["value"] is None                     # never shown as if it were a figure
    assert rows["pm25"]["verdict"] == "达标"                 # the other rows are judged as ever


@pytest.mark.parametrize("path", ["/", "/indicators", "/indicators/fai", "/indicators/gdp", "/api/v1/indicators/fai",
                                  "/api/v1/observations", "/compare", "/reports"])
def test_pages_and_api_answer(bad_client, path: str) -> None:  # type: ignore[no-untyped-def]
    answer = bad_client.get(path, params={"region": "测试区", "period": "2025H1"})
    assert answer.status_code == 200, answer.text[:2000]


def test_status_page_names_the_error(bad_client) -> None:  # type: ignore[no-untyped-def]
    page = bad_client.get("/", params={"region": "测试区", "period": "2025H1"})
    assert "数据有误" in page.text


@pytest.mark.parametrize("fmt", ["md", "docx", "html"])
def test_report_downloads(bad_client, fmt: str) -> None:  # type: ignore[no-untyped-def]
    answer = bad_client.get(f"/api/v1/reports/{fmt}", params={"region": "测试区", "period": "2025H1"})
    assert answer.status_code == 200, answer.text[:2000]


def test_cli_status_and_report(bad_db_url: str, tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    status = cli("status", "--region", "测试区", "--period", "2025H1", "--format", "json", "--db", bad_db_url)
    assert status.exit_code == 0, status.stderr
    assert "invalid_stored_value" in status.stdout
    report = cli("report", "--region", "测试区", "--period", "2025H1", "--format", "md", "-o",
                 str(tmp_path / "r.md"), "--db", bad_db_url)
    assert report.exit_code == 0, report.stderr
