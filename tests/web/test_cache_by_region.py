"""Caching that survives writes: a write to one town recomputes that town's cached views and leaves
every other town's served from the cache (counted by the app's ResultCache); a write no writer
scoped (a plan header changed by hand) makes every view stale; the cache never holds more than its
configured size. On both databases, through HTTP."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import text

from planwatch.services.collect import write_observations
from planwatch.services.users import LOCAL_ADMIN, add_user, create_token
from planwatch.settings import Settings
from planwatch.store import open_database, save_plan
from planwatch.store import queries as q
from planwatch.web.app import create_app
from tests.rollup_data import county_plan


@pytest.fixture
def county(db_url: str) -> Any:  # type: ignore[no-untyped-def]
    from fastapi.testclient import TestClient

    db = open_database(db_url)
    with db.transaction() as conn:
        save_plan(conn, county_plan())
    add_user(db, "缓存测试", "admin", "cache-test-password-1")
    token = create_token(db, "缓存测试", label="tests")
    app = create_app(Settings(database_url=db_url, secret_key="test-secret", cache_entries=3))
    with TestClient(app, raise_server_exceptions=False, headers={"Authorization": f"Bearer {token}"}) as client:
        yield db, app, client
    db.dispose()


def _flow(client: Any, town: str) -> str:
    response = client.get("/api/v1/status", params={"region": town, "period": "2025H1"})
    assert response.status_code == 200, response.text
    return next(r["value"] for r in response.json()["rows"] if r["code"] == "flow")


def test_a_write_to_one_town_leaves_the_other_towns_cached_view_valid(county: Any) -> None:
    db, app, client = county
    cache = app.state.results
    assert (_flow(client, "样本1镇"), _flow(client, "样本2镇")) == ("3.5", "4.25")
    before = cache.stats()
    write_observations(db, [{"indicator": "flow", "region": "990101", "period": "2025H1", "value": "3.9"}],
                       actor=LOCAL_ADMIN)
    assert _flow(client, "样本2镇") == "4.25"          # untouched town: served from the cache
    after_other = cache.stats()
    assert (after_other["hits"], after_other["misses"]) == (before["hits"] + 1, before["misses"])
    assert _flow(client, "样本1镇") == "3.9"           # the written town: recomputed, with the new figure
    after_written = cache.stats()
    assert after_written["misses"] == before["misses"] + 1
    # the county's roll-up reads its towns: recomputed too, and right
    rollup = client.get("/api/v1/rollup", params={"region": "样本县", "period": "2025H1"}).json()
    assert next(r for r in rollup["rows"] if r["code"] == "flow")["total"] == "10.15"   # 3.9 + 4.25 + 2.00


def test_an_unscoped_write_makes_every_view_stale(county: Any) -> None:
    db, app, client = county
    _flow(client, "样本2镇")
    misses = app.state.results.stats()["misses"]
    with db.transaction() as conn:                    # a data table written without naming its scope
        conn.execute(text("UPDATE plans SET title = '改名的计划'"))
    with db.connect() as conn:
        assert q.any_version(conn)[0] >= 1            # "everything" was raised when it committed
    response = client.get("/api/v1/status", params={"region": "样本2镇", "period": "2025H1"})
    assert response.json()["plan"] == "改名的计划"
    assert app.state.results.stats()["misses"] == misses + 1


def test_the_cache_holds_at_most_its_configured_size(county: Any) -> None:
    _db, app, client = county
    for town in ("样本1镇", "样本2镇", "样本3镇", "样本县", "样本1镇"):
        _flow(client, town)
    stats = app.state.results.stats()
    assert stats["size"] == 3 and stats["entries"] <= 3 and stats["evictions"] >= 2


def test_the_comparison_page_shows_the_towns_sum_beside_the_countys_own_figure(county: Any) -> None:
    _db, _app, client = county
    page = client.get("/compare", params={"region": "样本县", "period": "2025H1", "indicator": ["flow", "rate"]},
                      headers={"Accept": "text/html"})
    assert page.status_code == 200, page.text
    assert "下级合计" in page.text and "9.75" in page.text and "3/3 个已报" in page.text
    assert "合计增长 8.3%（现价）" in page.text and "样本县（本级公布）" in page.text and "不可加总" in page.text
    api = client.get("/api/v1/rollup", params={"region": "样本县", "period": "2025H1"})
    assert api.status_code == 200 and api.json()["rows"][2]["aggregable"] is False     # 样本比率: a rate
