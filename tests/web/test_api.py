"""The JSON API over the example database: real numbers from the 吴江区 2025 first-half report,
filters, and errors in one JSON shape with the right status."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import REFERENCE_REPORT, require_shared


def error_of(response) -> dict:  # type: ignore[no-untyped-def]
    body = response.json()
    assert set(body) == {"error"}, body
    assert body["error"]["message"], body
    return body["error"]


def test_regions_and_plans(client) -> None:  # type: ignore[no-untyped-def]
    regions = {r["name"]: r for r in client.get("/api/v1/regions").json()}
    assert regions["吴江区"]["code"] == "320509"
    assert regions["同里镇"]["parent"] == "320509"
    plans = client.get("/api/v1/plans").json()
    assert [(p["region_name"], p["year"]) for p in plans] == [("吴江区", 2025)]


def test_status_has_the_reported_figures_exactly_as_stated(client) -> None:  # type: ignore[no-untyped-def]
    status = client.get("/api/v1/status").json()
    assert status["region"] == {"code": "320509", "name": "吴江区"}
    assert status["period"]["code"] == "2025H1"
    rows = {r["code"]: r for r in status["rows"]}
    assert (rows["gdp"]["value"], rows["gdp"]["growth"], rows["gdp"]["unit"]) == ("1285.41", "6.1", "亿元")
    assert rows["industrial_output"]["value"] == "2836.10"          # the trailing zero is kept
    assert sum(status["counts"].values()) == len(status["rows"])
    for row in status["rows"]:
        assert row["verdict"] and row["tone"] in {"good", "warn", "bad", "neutral"}


def test_status_region_and_period_in_any_written_form(client) -> None:  # type: ignore[no-untyped-def]
    default = client.get("/api/v1/status").json()
    for params in ({"region": "320509", "period": "2025年上半年"}, {"region": "吴江区", "period": "2025年1—6月"}):
        same = client.get("/api/v1/status", params=params).json()
        assert [r["value"] for r in same["rows"]] == [r["value"] for r in default["rows"]]


def test_indicator_detail_points_at_the_source_sentence(client) -> None:  # type: ignore[no-untyped-def]
    detail = client.get("/api/v1/indicators/gdp").json()
    assert detail["indicator"]["name"] == "地区生产总值"
    [point] = detail["history"]
    assert point["observation"]["value"] == "1285.41"
    excerpt = point["excerpt"]
    cited = {s["slot"]: s["text"] for s in excerpt["segments"] if s["slot"]}
    assert cited == {"value": "1285.41", "growth": "6.1"}
    text = require_shared(REFERENCE_REPORT).read_text(encoding="utf-8")
    assert text[excerpt["start"]:excerpt["end"]] == excerpt["text"]
    assert detail["status"]["code"] == "gdp"


def test_observations_filtered_by_indicator_period_and_region(client) -> None:  # type: ignore[no-untyped-def]
    gdp = client.get("/api/v1/observations", params={"indicator": "gdp"}).json()
    assert [(o["value"], o["period"]["code"], o["region"]) for o in gdp] == [("1285.41", "2025H1", "320509")]
    assert gdp[0]["source"]["spans"]["value"] == [274, 281]
    half = client.get("/api/v1/observations", params={"period": "2025年1—6月", "region": "吴江区"}).json()
    assert len(half) > 100 and {o["region"] for o in half} == {"320509"}
    assert client.get("/api/v1/observations", params={"period": "2025Q3"}).json() == []


def test_projects_with_progress_and_filters(client) -> None:  # type: ignore[no-untyped-def]
    result = client.get("/api/v1/projects").json()
    groups = {g["code"]: g for g in result["groups"]}
    provincial = groups["provincial"]
    assert (provincial["project_count"], provincial["progress"]["completed"]) == (5, "11.72")
    assert provincial["progress"]["completion"] == "63.4" and provincial["progress"]["completion_stated"]
    assert provincial["progress"]["verdict"] == "超序时"
    city_only = client.get("/api/v1/projects", params={"level": "市"}).json()
    assert [g["code"] for g in city_only["groups"]] == ["city"]
    assert "省" in result["options"]["level"]


def test_tasks_and_comparison_say_what_exists(client) -> None:  # type: ignore[no-untyped-def]
    tasks = {g["code"]: g for g in client.get("/api/v1/tasks").json()}
    assert tasks["reforms"]["count"] == 23
    compare = client.get("/api/v1/compare").json()
    assert len(compare["regions"]) == 8
    assert set(compare["regions_without_figures"]) == {r["code"] for r in compare["regions"]}
    assert "均无指标数据" in compare["message"]


def test_extract_text_and_file(client) -> None:  # type: ignore[no-untyped-def]
    pytest.importorskip("planwatch.extract.facts")
    sentence = "上半年，全区完成地区生产总值1285.41亿元，同比增长6.1%。"
    facts = client.post("/api/v1/extract", json={"text": sentence}).json()
    gdp = next(f for f in facts["facts"] if f["indicator"] == "地区生产总值")
    start, end = gdp["value"]["span"]
    assert sentence[start:end] == "1285.41"
    upload = client.post("/api/v1/extract/file", files={"file": ("r.txt", sentence.encode("utf-8"), "text/plain")})
    assert upload.json()["facts"] == facts["facts"]


def test_check_finds_a_wrong_figure(client) -> None:  # type: ignore[no-untyped-def]
    pytest.importorskip("planwatch.services.check")
    text = "上半年，全区完成地区生产总值1285.41亿元，同比增长6.1%。"
    right = client.post("/api/v1/check", json={"text": text, "region": "吴江区", "period": "2025H1"}).json()
    assert right["ok"] and right["mismatches"] == 0
    wrong = client.post("/api/v1/check", json={"text": text.replace("1285.41", "1258.41"),
                                               "region": "吴江区", "period": "2025H1"}).json()
    assert not wrong["ok"] and wrong["mismatches"] >= 1
    bad = next(c for c in wrong["checks"] if c["outcome"] == "MISMATCH")
    assert text.replace("1285.41", "1258.41")[bad["place"]["start"]:bad["place"]["end"]] == "1258.41"


def test_report_download(client) -> None:  # type: ignore[no-untyped-def]
    pytest.importorskip("planwatch.services.report")
    listing = client.get("/api/v1/reports").json()
    assert listing["available"] and {f["format"] for f in listing["formats"]} == {"docx", "md", "html"}
    md = client.get("/api/v1/reports/md")
    assert md.status_code == 200 and md.headers["content-type"].startswith("text/markdown")
    assert "1285.41" in md.text
    assert "attachment" in md.headers["content-disposition"]
    docx = client.get(next(f["url"] for f in listing["formats"] if f["format"] == "docx"))
    assert docx.content[:2] == b"PK"


@pytest.mark.parametrize(("url", "status", "words"), [
    ("/api/v1/indicators/no_such_indicator", 404, "no_such_indicator"),
    ("/api/v1/status?region=火星区", 404, "火星区"),
    ("/api/v1/status?period=上个世纪", 422, "统计期"),
    ("/api/v1/observations?indicator=nope", 404, "nope"),
    ("/api/v1/projects?level=国", 422, "level"),
    ("/api/v1/reports/exe", 422, "fmt"),
    ("/api/v1/no/such/route", 404, "找不到"),
])
def test_errors_are_json_with_a_plain_message_and_status(client, url: str, status: int, words: str) -> None:  # type: ignore[no-untyped-def]
    response = client.get(url)
    assert response.status_code == status
    error = error_of(response)
    assert words in error["message"] + " ".join(p["text"] for p in error["problems"])


def test_bad_request_bodies_are_422(client) -> None:  # type: ignore[no-untyped-def]
    response = client.post("/api/v1/extract", json={"text": ""})
    assert response.status_code == 422
    assert error_of(response)["problems"][0]["location"]["field"] == "text"
    assert client.post("/api/v1/check", content=b"not json", headers={"content-type": "application/json"}).status_code == 422


def test_pages_render_in_chinese_and_errors_as_pages(client) -> None:  # type: ignore[no-untyped-def]
    html = {"accept": "text/html"}
    overview = client.get("/", headers=html)
    assert overview.status_code == 200 and "1285.41" in overview.text and 'lang="zh-CN"' in overview.text
    for path in ("/indicators", "/indicators/gdp", "/projects", "/tasks", "/compare", "/reports"):
        assert client.get(path, headers=html).status_code == 200, path
    missing = client.get("/indicators/nope", headers=html)
    assert missing.status_code == 404 and "text/html" in missing.headers["content-type"]
    assert "计划中没有指标" in missing.text


def test_openapi_documents_every_operation(client) -> None:  # type: ignore[no-untyped-def]
    spec = client.get("/openapi.json").json()
    paths = spec["paths"]
    for path in ("/api/v1/regions", "/api/v1/plans", "/api/v1/indicators", "/api/v1/observations", "/api/v1/status",
                 "/api/v1/projects", "/api/v1/tasks", "/api/v1/reports/{fmt}", "/api/v1/extract", "/api/v1/check"):
        assert path in paths, path
    status_200 = paths["/api/v1/status"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    assert status_200 == {"$ref": "#/components/schemas/StatusOut"}
    assert "ErrorOut" in str(paths["/api/v1/status"]["get"]["responses"]["404"])


def test_static_echarts_is_served_locally(client) -> None:  # type: ignore[no-untyped-def]
    vendor = Path(__file__).resolve().parents[2] / "src/planwatch/web/static/vendor/echarts.min.js"
    if not vendor.exists():
        pytest.skip("ECharts is copied from node_modules by scripts/setup; run it first")
    response = client.get("/static/vendor/echarts.min.js")
    assert response.status_code == 200 and b"echarts" in response.content[:5000]


def test_results_are_reused_only_until_the_data_changes(example_db_url: str) -> None:
    from dataclasses import replace
    from decimal import Decimal

    from fastapi.testclient import TestClient

    from planwatch.settings import Settings
    from planwatch.store import open_database, read_observations, save_observations
    from planwatch.web.app import create_app

    def gdp(client) -> str:  # type: ignore[no-untyped-def]
        rows = client.get("/api/v1/status").json()["rows"]
        return next(r["value"] for r in rows if r["code"] == "gdp")

    local = Settings(database_url=example_db_url, local_mode=True)    # the local admin: no login needed
    with TestClient(create_app(local), client=("127.0.0.1", 50000)) as client:
        assert gdp(client) == "1285.41"
        assert gdp(client) == "1285.41"
        writer = open_database(example_db_url)   # another connection, as the CLI would be
        with writer.transaction() as conn:
            [obs] = read_observations(conn, 1, indicator="gdp")
            save_observations(conn, 1, [replace(obs, value=Decimal("1290.00"))])
        writer.dispose()
        assert gdp(client) == "1290.00"
