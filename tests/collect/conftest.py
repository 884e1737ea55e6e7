"""Helpers for the collection tests: fill a generated form the way a department would (openpyxl),
create users through the service, and a web client on the real app."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import run_cli

PASSWORD = "correct-horse-battery-9"


def make_form(db_url: str, tmp_path: Path, department: str, period: str = "2025M01-07",
              name: str | None = None) -> Path:
    out = tmp_path / (name or f"{department}-{period}.xlsx")
    result = run_cli("form", "--region", "吴江区", "--period", period, "--department", department, "-o", str(out),
                     "--db", db_url)
    assert result.exit_code == 0, result.stderr
    return out


def form_layout(ws: Any) -> tuple[int, dict[str, int]]:
    """The header row and column of each header text of a form's data sheet (found by the hidden marker)."""
    for r in range(1, 20):
        values = {c: ws.cell(r, c).value for c in range(1, 20)}
        if "planwatch:indicator" in values.values():
            return r, {str(v): c for c, v in values.items() if v is not None}
    raise AssertionError("no form header")


def fill_form(path: Path, figures: dict[str, dict[str, Any]], *, sheet: str | None = None) -> dict[str, dict[str, str]]:
    """Type figures into a form: {code: {"本期数值": 1.5, "同比增长（%）": 2, "单位": "万元", ...}}.
    Returns the coordinate of each filled cell: {code: {header: "G7"}}."""
    from openpyxl import load_workbook

    wb = load_workbook(path)
    ws = wb[sheet] if sheet else wb.worksheets[0]
    header, columns = form_layout(ws)
    code_col = columns["planwatch:indicator"]
    where: dict[str, dict[str, str]] = {}
    rows = {ws.cell(r, code_col).value: r for r in range(header + 1, ws.max_row + 1)}
    for code, values in figures.items():
        r = rows[code]
        for head, value in values.items():
            cell = ws.cell(r, columns[head])
            cell.value = value
            where.setdefault(code, {})[head] = cell.coordinate
    wb.save(path)
    return where


def add_user(db_url: str, name: str, role: str, department: str | None = None) -> None:
    from planwatch.services.users import add_user as add
    from planwatch.store import open_database

    db = open_database(db_url)
    try:
        add(db, name, role, PASSWORD, department=department)
    finally:
        db.dispose()


def observations(db_url: str, period: str) -> dict[str, Any]:
    from planwatch.model import Period
    from planwatch.store import open_database
    from planwatch.store.plans import list_plans, read_observations

    db = open_database(db_url)
    try:
        with db.connect() as conn:
            plan = list_plans(conn)[0]
            return {o.indicator: o for o in read_observations(conn, plan.id, period=Period.parse(period).code)}
    finally:
        db.dispose()


CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf_from(html: str) -> str:
    match = CSRF_RE.search(html)
    assert match, "no CSRF token on the page"
    return match.group(1)


@pytest.fixture
def web(example_db_url: str):  # type: ignore[no-untyped-def]
    from fastapi.testclient import TestClient

    from planwatch.settings import Settings
    from planwatch.web.app import create_app

    app = create_app(Settings(database_url=example_db_url, secret_key="test-secret-key"))
    with TestClient(app) as client:
        yield client


def login(client: Any, name: str, password: str = PASSWORD) -> Any:
    page = client.get("/login")
    return client.post("/login", data={"name": name, "password": password, "csrf_token": csrf_from(page.text),
                                       "next": "/collect"}, follow_redirects=False)
