"""The workbench through HTTP (server mode, real sessions): the entry grid's check and save, the
department workflow with its permissions and audit rows, locks that cover towns, completeness,
the review queue and the downloads."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import pytest

PERIOD = "2025M01-09"      # 1—9月: 上半年's figures are the last period


@pytest.fixture
def db_url(example_db_file: Path, tmp_path: Path) -> str:
    import shutil

    copy = tmp_path / "workbench.sqlite"
    shutil.copyfile(example_db_file, copy)
    from planwatch.services.users import add_user
    from planwatch.store import open_database

    db = open_database(f"sqlite:///{copy}")
    add_user(db, "统计小李", "reporter", "reporter-pass-1", department="统计局")
    add_user(db, "商务小王", "reporter", "reporter-pass-2", department="商务局")
    add_user(db, "审核老王", "reviewer", "reviewer-pass-1")
    add_user(db, "管理员甲", "admin", "admin-pass-001")
    db.dispose()
    return f"sqlite:///{copy}"


@pytest.fixture
def app(db_url: str):  # type: ignore[no-untyped-def]
    from planwatch.settings import Settings
    from planwatch.web.app import create_app

    return create_app(Settings(database_url=db_url, secret_key="workbench-secret"))


def _login(app, name: str, password: str):  # type: ignore[no-untyped-def]
    from fastapi.testclient import TestClient

    client = TestClient(app, raise_server_exceptions=False)
    page = client.get("/login")
    token = client.cookies.get("planwatch_csrf")
    assert page.status_code == 200 and token
    response = client.post("/login", data={"name": name, "password": password, "csrf_token": token},
                           follow_redirects=False)
    assert response.status_code == 303, response.text
    client.headers["X-CSRF-Token"] = client.cookies.get("planwatch_csrf") or ""
    return client


@pytest.fixture
def reporter(app) -> Iterator:  # type: ignore[no-untyped-def]
    with _login(app, "统计小李", "reporter-pass-1") as client:
        yield client


@pytest.fixture
def reviewer(app) -> Iterator:  # type: ignore[no-untyped-def]
    with _login(app, "审核老王", "reviewer-pass-1") as client:
        yield client


def _rows(**values: dict[str, str]) -> list[dict[str, str]]:
    return [{"indicator": code, **fields} for code, fields in values.items()]


def _body(rows: list[dict[str, str]], **extra: object) -> dict[str, object]:
    return {"region": "吴江区", "period": PERIOD, "department": "统计局", "rows": rows, **extra}


def test_grid_check_locates_each_problem_at_its_cell_in_chinese(reporter) -> None:  # type: ignore[no-untyped-def]
    rows = _rows(gdp={"value": "abc"}, mfg_va_share={"value": "145"}, private_va={"value": "800", "growth": "-101"})
    problems = reporter.post("/api/v1/grid/check", json=_body(rows)).json()["problems"]
    by_cell = {(p["indicator"], p["field"]): p for p in problems}
    assert by_cell[("gdp", "value")]["message"] == "本期数值“abc”不是数字"
    assert "0—100%" in by_cell[("mfg_va_share", "value")]["message"]
    assert "低于 -100%" in by_cell[("private_va", "growth")]["message"]
    assert all(p["severity"] == "error" for p in problems)
    # 1—9月 below 上半年's 1285.41 is refused by the cumulative rule, named at the value
    smaller = reporter.post("/api/v1/grid/check", json=_body(_rows(gdp={"value": "1200"}))).json()["problems"]
    assert [(p["indicator"], p["field"], p["code"]) for p in smaller] == [("gdp", "value", "cumulative")]
    fine = reporter.post("/api/v1/grid/check", json=_body(_rows(gdp={"value": "1950.20", "growth": "5.8"})))
    assert fine.json() == {"problems": []}
    # nothing was written by checking
    state = reporter.get(f"/collect/grid?region=吴江区&period={PERIOD}&department=统计局")
    assert 'data-state="未填报"' in state.text


def test_a_reporter_sees_only_their_department_and_cannot_check_another(app, reporter) -> None:  # type: ignore[no-untyped-def]
    page = reporter.get("/collect/grid?region=吴江区")
    assert page.status_code == 200
    assert "<option selected>统计局</option>" in page.text and "<option>商务局</option>" not in page.text
    other = reporter.post("/api/v1/grid/save", json={**_body(_rows(retail_sales={"value": "600"})),
                                                    "department": "商务局"})
    assert other.status_code == 403
    # the grid of a department writes that department's figures only, whoever saves it
    with _login(app, "审核老王", "reviewer-pass-1") as reviewer:
        foreign = reviewer.post("/api/v1/grid/save", json=_body(_rows(retail_sales={"value": "600"})))
        assert foreign.status_code == 422 and "不在统计局的填报表中" in foreign.json()["error"]["message"]
        checked = reviewer.post("/api/v1/grid/check", json=_body(_rows(retail_sales={"value": "600"})))
        assert [p["code"] for p in checked.json()["problems"]] == ["wrong_department"]


def test_workflow_save_submit_return_fix_approve_lock(app, reporter, reviewer, db_url) -> None:  # type: ignore[no-untyped-def]
    saved = reporter.post("/api/v1/grid/save", json=_body(_rows(gdp={"value": "1950.20", "growth": "5.8"})))
    assert saved.status_code == 200, saved.text
    assert saved.json()["state"] == "填报中" and saved.json()["filled"] == 1
    # a reporter may not approve
    denied = reporter.post("/api/v1/datasets/approve", json=_body([]))
    assert denied.status_code == 403
    submitted = reporter.post("/api/v1/grid/save", json=_body(_rows(private_va={"value": "1360.5"}), submit=True))
    assert submitted.json().get("state") == "已提交", submitted.text
    # submitted: the reporter cannot change it any more (409), the review queue lists it
    late = reporter.post("/api/v1/grid/save", json=_body(_rows(gdp={"value": "1951"})))
    assert late.status_code == 409 and "等待审核" in late.json()["error"]["message"], late.text
    queue = reviewer.get("/collect/review")
    assert "统计局 · 吴江区2025年1—9月" in queue.text
    assert "1285.41" in queue.text      # last period's value beside the new one
    # return one value with a comment
    returned = reviewer.post("/api/v1/datasets/return", json={**_body([]), "returned": {"gdp": "与季度快报不一致，请核实"}})
    assert returned.json()["state"] == "退回" and returned.json()["returned"] == {"gdp": "与季度快报不一致，请核实"}
    grid = reporter.get(f"/collect/grid?region=吴江区&period={PERIOD}&department=统计局")
    assert "退回意见：与季度快报不一致，请核实" in grid.text
    fixed = reporter.post("/api/v1/grid/save", json=_body(_rows(gdp={"value": "1948.60", "growth": "5.8"}), submit=True))
    assert fixed.json()["state"] == "已提交" and fixed.json()["returned"] == {}
    queue = reviewer.get("/collect/review")
    assert "已修改" in queue.text
    assert reviewer.post("/api/v1/datasets/lock", json=_body([])).status_code == 422   # approve first
    assert reviewer.post("/api/v1/datasets/approve", json=_body([])).json()["state"] == "已审核"
    assert reviewer.post("/api/v1/datasets/lock", json=_body([])).json()["state"] == "已锁定"
    # locked: nobody writes, not even a reviewer; reopening needs an admin
    refused = reviewer.post("/api/v1/observations", json={"indicator": "gdp", "region": "吴江区", "period": PERIOD,
                                                          "value": "1948.70"})
    assert refused.status_code == 409
    assert reviewer.post("/api/v1/datasets/reopen", json={**_body([]), "comment": "更正"}).status_code == 403
    # every step is in the audit trail
    from planwatch.services.history import audit_trail
    from planwatch.store import open_database

    db = open_database(db_url)
    try:
        steps = [(e.new or {}).get("state") for e in audit_trail(db, kind="dataset_states")]
    finally:
        db.dispose()
    assert sorted(steps) == sorted(["填报中", "已提交", "退回", "已提交", "已审核", "已锁定"])


def test_a_district_lock_also_locks_its_towns(app, reviewer, db_url) -> None:  # type: ignore[no-untyped-def]
    town = {"indicator": "gdp", "region": "松陵街道", "period": PERIOD, "value": "300"}
    assert reviewer.post("/api/v1/observations", json=town).status_code == 200
    for action in ("submit", "review", "lock"):
        response = reviewer.post(f"/api/v1/periods/{action}", json={"region": "吴江区", "period": PERIOD})
        assert response.status_code == 200, response.text
    refused = reviewer.post("/api/v1/observations", json={**town, "value": "301"})
    assert refused.status_code == 409 and "上级地区已锁定" in refused.json()["error"]["message"]
    page = reviewer.get("/collect/completeness?region=吴江区&by=towns&department=统计局")
    row = page.text.split("<th scope=\"row\">松陵街道</th>", 1)[1].split("</tr>", 1)[0]
    assert "已锁定" in row


def test_completeness_counts_cells_filled_per_department_and_period(app, reporter, reviewer) -> None:  # type: ignore[no-untyped-def]
    from planwatch.services.datasets import completeness, expected

    reporter.post("/api/v1/grid/save", json=_body(_rows(gdp={"value": "1950.20"}, private_va={"value": "1360.5"})))
    page = reviewer.get("/collect/completeness?region=吴江区")
    assert page.status_code == 200
    cells = page.text.split("<th scope=\"row\">统计局</th>", 1)[1].split("</tr>", 1)[0]
    from planwatch.store import open_database

    db = open_database(str(app.state.settings.database_url))
    try:
        result = completeness(db, region="吴江区")
    finally:
        db.dispose()
    column = [p.code for p in result.periods].index(PERIOD)
    row = next(r for r in result.rows if r.key == "统计局")
    cell = row.cells[column]
    assert cell is not None and cell.state.value == "填报中" and cell.filled == 2
    wanted = [i for i in result.selection.plan.indicators if i.department == "统计局" and expected(i, cell.period)]
    assert cell.expected == len(wanted) and f"2/{len(wanted)}" in cells
    # periods come from the plan (monthly indicators: 1—N月), not only those with figures
    assert "2025M01-08" in [p.code for p in result.periods]


def test_downloads_are_xlsx_with_numbers_and_csv_with_bom(reviewer) -> None:  # type: ignore[no-untyped-def]
    from openpyxl import load_workbook

    response = reviewer.get("/export/status.xlsx?region=吴江区&period=2025H1")
    assert response.status_code == 200
    assert "attachment" in response.headers["content-disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    headers = [c.value for c in sheet[2]]
    assert headers[:6] == ["指标代码", "指标", "类别", "单位", "本期数值", "同比增长（%）"] and "判断" in headers
    gdp = next(row for row in sheet.iter_rows(min_row=3, values_only=True) if row[0] == "gdp")
    assert gdp[4] == pytest.approx(1285.41) and isinstance(gdp[4], float) and gdp[3] == "亿元"
    assert gdp[headers.index("判断")]          # the status engine's word
    text = reviewer.get("/export/status.csv?region=吴江区&period=2025H1").content
    assert text.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(text.decode("utf-8-sig"))))
    assert next(r for r in rows if r["指标代码"] == "gdp")["本期数值"] == "1285.41"
    assert reviewer.get("/export/status.pdf").status_code == 422


def _form(client) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {"csrf_token": client.cookies.get("planwatch_csrf") or ""}


def test_admins_manage_users_and_tokens_on_the_web_and_each_change_is_audited(app, reviewer, db_url) -> None:  # type: ignore[no-untyped-def]
    assert reviewer.get("/admin/users").status_code == 403
    with _login(app, "管理员甲", "admin-pass-001") as admin:
        page = admin.get("/admin/users")
        assert page.status_code == 200 and 'data-user="统计小李"' in page.text

        def act(**fields: str):  # type: ignore[no-untyped-def]
            return admin.post("/admin/users", data={**_form(admin), **fields})

        refused = act(action="add", name="工信小赵", role="reporter", department="工信局", password="short")
        assert refused.status_code == 422 and "密码至少 8 个字符" in refused.text
        added = act(action="add", name="工信小赵", role="reporter", department="工信局", password="gongxin-pass-1")
        assert added.status_code == 200 and "已添加用户“工信小赵”" in added.text
        made = act(action="token", name="工信小赵", label="脚本")
        token = made.text.split('class="new-token">', 1)[1].split("</code>", 1)[0]
        assert token.startswith("pwt_")
        from fastapi.testclient import TestClient

        with TestClient(app, headers={"Authorization": f"Bearer {token}"}) as script:
            assert script.get("/api/v1/me").json()["department"] == "工信局"
            changed = act(action="role", name="工信小赵", role="reporter", department="商务局")
            assert "商务局" in changed.text
            assert script.get("/api/v1/me").json()["department"] == "商务局"
            assert "作废“工信小赵”的 1 个令牌" in act(action="revoke", name="工信小赵").text
            assert script.get("/api/v1/me").status_code == 401
        assert "已停用" in act(action="disable", name="工信小赵").text
        assert act(action="password", name="工信小赵", password="new-password-2").status_code == 200
    from planwatch.services.history import audit_trail
    from planwatch.store import open_database

    db = open_database(db_url)
    try:
        trail = [(e.kind, e.user) for e in audit_trail(db, target="工信小赵")]
    finally:
        db.dispose()
    assert trail.count(("users", "管理员甲")) == 4 and trail.count(("api_tokens", "管理员甲")) == 2


def test_the_indicator_page_shows_the_same_period_of_earlier_years(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import json

    from fastapi.testclient import TestClient

    from planwatch.services.plans import load_plan
    from planwatch.services.users import add_user, create_token
    from planwatch.settings import Settings
    from planwatch.store import open_database
    from planwatch.web.app import create_app

    plans = Path(__file__).resolve().parents[1] / "data" / "plans"
    url = f"sqlite:///{tmp_path / 'years.sqlite'}"
    db = open_database(url)
    load_plan(db, plans / "rules-2024")
    load_plan(db, plans / "rules-2025")
    add_user(db, "读者", "viewer", "viewer-pass-01")
    token = create_token(db, "读者")
    db.dispose()
    app = create_app(Settings(database_url=url, secret_key="years"))
    with TestClient(app, headers={"Authorization": f"Bearer {token}"}) as client:
        page = client.get("/indicators/fai", params={"region": "测试区", "period": "2025H1"}).text
    section = page.split('id="same-h"', 1)[1].split("</section>", 1)[0]
    assert "历年同期（上半年）" in section
    rows = section.split("<tbody>", 1)[1]
    assert rows.index("2024年上半年") < rows.index("2025年上半年") and "200<span" in rows
    chart = json.loads(section.split('id="same-period-chart">', 1)[1].split("</script>", 1)[0])
    assert chart["years"] == ["2024年上半年", "2025年上半年"] and chart["values"][0] == 200.0
    # the overview gains a 上年同期 column once last year is stored
    with TestClient(app, headers={"Authorization": f"Bearer {token}"}) as client:
        overview = client.get("/", params={"region": "测试区", "period": "2025H1"}).text
    assert '<th scope="col" class="num">上年同期</th>' in overview
    fai_row = overview.split('<th scope="row"><a href="/indicators/fai', 1)[1].split("</tr>", 1)[0]
    assert "200<span" in fai_row
