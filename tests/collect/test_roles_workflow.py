"""Roles, the period workflow and the audit trail, through the CLI, the API and the web pages."""

from __future__ import annotations

import json

from tests.collect.conftest import PASSWORD, add_user, csrf_from, fill_form, login, make_form, observations

VALUE, GROWTH = "本期数值", "同比增长（%）"


# ---------------------------------------------------------------------------- department ownership
def test_commerce_reporter_cannot_change_statistics_figures_via_cli(example_db_url, tmp_path, cli):
    add_user(example_db_url, "商务小王", "reporter", "商务局")
    path = make_form(example_db_url, tmp_path, "统计局", period="2025H1")
    cells = fill_form(path, {"gdp": {VALUE: 1300.0}})
    result = cli("import", str(path), "--as", "商务小王", "--db", example_db_url)
    assert result.exit_code == 2
    assert "无权修改" in result.stderr and "统计局" in result.stderr
    assert str(observations(example_db_url, "2025H1")["gdp"].value) == "1285.41"
    # a CSV does not get round it either
    csv = tmp_path / "gdp.csv"
    csv.write_text("indicator,region,period,value,unit,growth,note,source\ngdp,吴江区,2025H1,1300,亿元,,,\n",
                   encoding="utf-8")
    result = cli("import", str(csv), "--as", "商务小王", "--db", example_db_url)
    assert result.exit_code == 2 and "第 2 行" in result.stderr
    # while its own indicators go in
    own = make_form(example_db_url, tmp_path, "商务局")
    del cells
    fill_form(own, {"retail_sales": {VALUE: 470.52}})
    assert cli("import", str(own), "--as", "商务小王", "--db", example_db_url).exit_code == 0
    assert observations(example_db_url, "2025M01-07")["retail_sales"].source.user == "商务小王"


def test_commerce_reporter_gets_403_from_the_api(example_db_url, web, cli):
    add_user(example_db_url, "商务小王", "reporter", "商务局")
    token = cli("token", "create", "商务小王", "--db", example_db_url).stdout.strip()
    headers = {"Authorization": f"Bearer {token}"}
    denied = web.post("/api/v1/observations", headers=headers,
                      json={"indicator": "gdp", "region": "吴江区", "period": "2025H1", "value": "1300"})
    assert denied.status_code == 403, denied.text
    assert denied.json()["error"]["problems"][0]["code"] == "forbidden"
    assert str(observations(example_db_url, "2025H1")["gdp"].value) == "1285.41"
    ok = web.post("/api/v1/observations", headers=headers,
                  json={"observations": [{"indicator": "retail_sales", "region": "吴江区", "period": "2025M01-07",
                                          "value": "470.52", "growth": "5.2"}]})
    assert ok.status_code == 200, ok.text
    assert ok.json()["inserted"] == 1
    assert observations(example_db_url, "2025M01-07")["retail_sales"].source.kind.value == "user"
    assert web.post("/api/v1/observations", json={"indicator": "gdp", "period": "2025H1"}).status_code == 401
    assert web.post("/api/v1/observations", headers={"Authorization": "Bearer pwt_wrong"},
                    json={"indicator": "gdp", "period": "2025H1"}).status_code == 401


def test_commerce_reporter_gets_403_from_the_web_form(example_db_url, web, tmp_path):
    add_user(example_db_url, "商务小王", "reporter", "商务局")
    assert login(web, "商务小王").status_code == 303
    path = make_form(example_db_url, tmp_path, "统计局", period="2025H1")
    cells = fill_form(path, {"gdp": {VALUE: 1300.0}})
    page = web.get("/collect/upload")
    assert page.status_code == 200
    response = web.post("/collect/upload", data={"csrf_token": csrf_from(page.text)},
                        files={"files": (path.name, path.read_bytes(), "application/octet-stream")})
    assert response.status_code == 403
    assert cells["gdp"][VALUE].replace("G", "L") in response.text or "无权修改" in response.text
    assert "无权修改" in response.text
    entry = web.get("/collect/entry")
    response = web.post("/collect/entry", data={"csrf_token": csrf_from(entry.text), "indicator": "gdp",
                                                "region": "吴江区", "period": "2025H1", "value": "1300"})
    assert response.status_code == 403
    assert str(observations(example_db_url, "2025H1")["gdp"].value) == "1285.41"


def test_upload_page_shows_problems_with_cells_and_writes_with_a_valid_form(example_db_url, web, tmp_path):
    add_user(example_db_url, "统计小李", "reporter", "统计局")
    login(web, "统计小李")
    path = make_form(example_db_url, tmp_path, "统计局", period="2025H1")
    cells = fill_form(path, {"mfg_va_share": {VALUE: 145}})
    page = web.get("/collect/upload")
    bad = web.post("/collect/upload", data={"csrf_token": csrf_from(page.text)},
                   files={"files": (path.name, path.read_bytes(), "application/octet-stream")})
    assert bad.status_code == 422
    assert cells["mfg_va_share"][VALUE] in bad.text and "0—100%" in bad.text
    fill_form(path, {"mfg_va_share": {VALUE: 45.5}})
    good = web.post("/collect/upload", data={"csrf_token": csrf_from(page.text)},
                    files={"files": (path.name, path.read_bytes(), "application/octet-stream")})
    assert good.status_code == 200 and "导入完成" in good.text
    assert str(observations(example_db_url, "2025H1")["mfg_va_share"].value) == "45.5"


def test_forms_need_the_csrf_token_and_pages_need_a_login(example_db_url, web, tmp_path):
    anonymous = web.get("/collect/upload", follow_redirects=False)
    assert anonymous.status_code == 303 and anonymous.headers["location"].startswith("/login")
    add_user(example_db_url, "统计小李", "reporter", "统计局")
    login(web, "统计小李")
    response = web.post("/collect/entry", data={"indicator": "gdp", "period": "2025H1", "value": "1300",
                                                "csrf_token": "forged"})
    assert response.status_code == 403
    assert str(observations(example_db_url, "2025H1")["gdp"].value) == "1285.41"


def test_viewer_cannot_write(example_db_url, web):
    add_user(example_db_url, "领导", "viewer")
    login(web, "领导")
    page = web.get("/collect/entry")
    response = web.post("/collect/entry", data={"csrf_token": csrf_from(page.text), "indicator": "gdp",
                                                "region": "吴江区", "period": "2025H1", "value": "1300"})
    assert response.status_code == 403


# ---------------------------------------------------------------------------- workflow
def test_a_locked_period_refuses_edits_until_an_admin_reopens_it(example_db_url, tmp_path, cli, web):
    add_user(example_db_url, "发改委老赵", "reviewer")
    add_user(example_db_url, "统计小李", "reporter", "统计局")
    period = ["--region", "吴江区", "--period", "2025H1", "--db", example_db_url]
    assert cli("period", "lock", *period).exit_code == 2            # not reviewed yet
    assert cli("period", "submit", *period, "--as", "统计小李").exit_code == 0
    assert cli("period", "review", *period, "--as", "统计小李").exit_code == 2   # a reporter may not review
    assert cli("period", "review", *period, "--as", "发改委老赵").exit_code == 0
    locked = cli("period", "lock", *period, "--as", "发改委老赵")
    assert locked.exit_code == 0 and "已锁定" in locked.stdout

    path = make_form(example_db_url, tmp_path, "统计局", period="2025H1")
    fill_form(path, {"gdp": {VALUE: 1290.0}})
    refused = cli("import", str(path), "--db", example_db_url)
    assert refused.exit_code == 2 and "已锁定" in refused.stderr
    token = cli("token", "create", "统计小李", "--db", example_db_url).stdout.strip()
    api = web.post("/api/v1/observations", headers={"Authorization": f"Bearer {token}"},
                   json={"indicator": "gdp", "region": "吴江区", "period": "2025年1—6月", "value": "1290"})
    assert api.status_code == 409, api.text                      # 1—6月 is the same span as 上半年
    assert str(observations(example_db_url, "2025H1")["gdp"].value) == "1285.41"

    assert cli("period", "reopen", *period, "--reason", "统计局更正", "--as", "发改委老赵").exit_code == 2
    no_reason = cli("period", "reopen", *period, "--reason", " ")
    assert no_reason.exit_code == 2 and "理由" in no_reason.stderr
    assert cli("period", "reopen", *period, "--reason", "统计局更正GDP").exit_code == 0
    assert cli("import", str(path), "--db", example_db_url).exit_code == 0
    assert str(observations(example_db_url, "2025H1")["gdp"].value) == "1290"


def test_period_buttons_on_the_web(example_db_url, web):
    add_user(example_db_url, "发改委老赵", "reviewer")
    login(web, "发改委老赵")
    page = web.get("/collect/period", params={"region": "吴江区", "period": "2025H1"})
    assert page.status_code == 200 and "填报中" in page.text and "提交" in page.text
    token = csrf_from(page.text)
    for action, state in (("submit", "已提交"), ("review", "已审核"), ("lock", "已锁定")):
        response = web.post("/collect/period", data={"csrf_token": token, "action": action, "region": "320509",
                                                     "period": "2025H1"})
        assert response.status_code == 200 and state in response.text
    refused = web.post("/collect/period", data={"csrf_token": token, "action": "reopen", "region": "320509",
                                                "period": "2025H1", "reason": "改"})
    assert refused.status_code == 403
    state = web.get("/api/v1/periods/state", params={"region": "吴江区", "period": "2025H1"}).json()
    assert state["state"] == "已锁定"


# ---------------------------------------------------------------------------- audit trail
def test_every_change_has_an_audit_entry(example_db_url, tmp_path, cli, web):
    add_user(example_db_url, "统计小李", "reporter", "统计局")
    path = make_form(example_db_url, tmp_path, "统计局", period="2025H1")
    fill_form(path, {"gdp": {VALUE: 1290.5, GROWTH: 6.2}, "private_va": {VALUE: 900.1}})
    assert cli("import", str(path), "--as", "统计小李", "--db", example_db_url).exit_code == 0
    token = cli("token", "create", "统计小李", "--db", example_db_url).stdout.strip()
    api = web.post("/api/v1/observations", headers={"Authorization": f"Bearer {token}"},
                   json={"indicator": "small_industrial_va", "region": "吴江区", "period": "2025H1",
                         "value": "120.5", "growth": "6"})
    assert api.status_code == 200, api.text
    assert cli("period", "submit", "--period", "2025H1", "--as", "统计小李", "--db", example_db_url).exit_code == 0

    history = json.loads(cli("history", "gdp", "--region", "吴江区", "--period", "2025H1", "--format", "json",
                             "--db", example_db_url).stdout)
    # the example's load wrote the figure first (audited as the OS account), then the form changed it
    assert [e["action"] for e in history] == ["insert", "update"]
    assert history[0]["user"].startswith("os:") and history[0]["new"]["value"] == "1285.41"
    entry = history[1]
    assert entry["user"] == "统计小李" and entry["action"] == "update"
    assert entry["old"]["value"] == "1285.41" and entry["new"]["value"] == "1290.5"
    assert entry["old"]["growth"] == "6.1" and entry["new"]["growth"] == "6.2"
    assert path.name in entry["source"]
    table = cli("history", "地区生产总值", "--db", example_db_url)
    assert "1285.41 → 1290.5" in table.stdout and "统计小李" in table.stdout

    from planwatch.store import open_database
    from planwatch.store.collect import read_audit

    db = open_database(example_db_url)
    with db.connect() as conn:
        rows = read_audit(conn)
    db.dispose()
    observation_rows = {(r.indicator, r.action) for r in rows
                        if r.subject == "observations" and not r.user.startswith("os:")}
    assert observation_rows == {("gdp", "update"), ("private_va", "update"), ("small_industrial_va", "update")}
    assert any(r.subject == "period_states" and r.new == {"state": "已提交"} for r in rows)
    assert all(r.user for r in rows)

    login(web, "统计小李")
    page = web.get("/collect/history", params={"indicator": "gdp", "region": "吴江区"})
    assert page.status_code == 200 and "1285.41" in page.text and "1290.5" in page.text
    api_history = web.get("/api/v1/history/gdp", headers={"Authorization": f"Bearer {token}"})
    assert api_history.status_code == 200 and api_history.json()["entries"][-1]["new"]["value"] == "1290.5"


def test_unchanged_reimport_writes_no_audit_rows(example_db_url, tmp_path, cli):
    path = make_form(example_db_url, tmp_path, "统计局", period="2025H1")   # prefilled with the stored figures
    result = cli("import", str(path), "--db", example_db_url)
    assert result.exit_code == 0 and "新增 0 条，更新 0 条" in result.stdout
    history = json.loads(cli("history", "gdp", "--kind", "observations", "--format", "json",
                             "--db", example_db_url).stdout)
    assert [e["action"] for e in history] == ["insert"]     # only the example's own load


def test_local_admin_without_login_only_on_loopback(example_db_url):
    from fastapi.testclient import TestClient

    from planwatch.settings import Settings
    from planwatch.web.app import create_app

    settings = Settings(database_url=example_db_url, host="127.0.0.1", local_mode=True)
    app = create_app(settings)
    with TestClient(app, client=("127.0.0.1", 50000)) as local:
        assert local.get("/api/v1/me").json()["name"] == "本机管理员"
        proxied = local.get("/api/v1/me", headers={"X-Forwarded-For": "10.0.0.8"})
        assert proxied.status_code == 401
    with TestClient(app, client=("10.1.2.3", 50000)) as remote:
        assert remote.get("/api/v1/me").status_code == 401
    settings.host = "0.0.0.0"
    with TestClient(create_app(settings), client=("127.0.0.1", 50000)) as bound_elsewhere:
        assert bound_elsewhere.get("/api/v1/me").status_code == 401
    assert PASSWORD  # (users are not needed in local mode)


def test_collect_home_form_download_and_period_api(example_db_url, web, cli):
    add_user(example_db_url, "商务小王", "reporter", "商务局")
    add_user(example_db_url, "发改委老赵", "reviewer")
    login(web, "商务小王")
    home = web.get("/collect", params={"region": "吴江区", "period": "2025H1"})
    assert home.status_code == 200 and "商务局" in home.text and "统计局" not in home.text
    download = web.get("/collect/form", params={"region": "吴江区", "period": "2025H1", "department": "商务局"})
    assert download.status_code == 200 and download.content[:2] == b"PK"
    token = cli("token", "create", "发改委老赵", "--db", example_db_url).stdout.strip()
    headers = {"Authorization": f"Bearer {token}"}
    submitted = web.post("/api/v1/periods/review", headers=headers, json={"region": "吴江区", "period": "2025H1"})
    assert submitted.status_code == 422                         # still 填报中
    assert web.post("/api/v1/periods/submit", headers=headers,
                    json={"region": "吴江区", "period": "2025H1"}).json()["state"] == "已提交"
    # a session-authenticated JSON call without the CSRF header is refused
    assert web.post("/api/v1/periods/review", json={"region": "吴江区", "period": "2025H1"}).status_code == 403
