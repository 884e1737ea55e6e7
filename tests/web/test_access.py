"""Reading needs a login in server mode (issue 13, finding 3): every page, API route, download and
extract/check, walked from the app's own route table. ``anonymous_read`` opens the read-only GETs
only when set; sessions end at logout and when the user is disabled (and stay ended when re-enabled)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.collect.conftest import PASSWORD, add_user, csrf_from

PUBLIC = {"/login", "/logout", "/api/docs", "/docs", "/openapi.json", "/favicon.ico"}
PATH_VALUES = {"{code}": "gdp", "{fmt}": "md", "{indicator}": "gdp", "{action}": "submit"}


def _routes(app: Any) -> list[tuple[str, str]]:
    """(method, path) of every route of the routers the app mounts (and of the app itself)."""
    from fastapi.routing import APIRoute

    from planwatch.web import api, auth, collect, pages
    from planwatch.web.app import API_PREFIX

    out = []
    mounted = [(API_PREFIX, r) for r in api.router.routes] + [
        ("", r) for router in (auth.router, collect.router, pages.router) for r in router.routes] + [
        ("", r) for r in app.routes]
    for prefix, route in mounted:
        if not isinstance(route, APIRoute) or prefix + route.path in PUBLIC:
            continue
        path = prefix + route.path
        for placeholder, value in PATH_VALUES.items():
            path = path.replace(placeholder, value)
        for method in sorted(route.methods - {"HEAD"}):
            out.append((method, path))
    return out


def _server_app(db_file: Path, **settings: Any) -> Any:
    from planwatch.settings import Settings
    from planwatch.web.app import create_app

    return create_app(Settings(database_url=f"sqlite:///{db_file}", secret_key="access-test", **settings))


@pytest.fixture
def db_file(example_db_file: Path, tmp_path: Path) -> Path:
    import shutil

    copy = tmp_path / "access.sqlite"
    shutil.copyfile(example_db_file, copy)
    return copy


def test_the_route_walk_covers_pages_api_downloads_and_extract_check(app: Any) -> None:
    routes = set(_routes(app))
    for expected in [("GET", "/"), ("GET", "/indicators/gdp"), ("GET", "/api/v1/status"),
                     ("GET", "/api/v1/reports/md"), ("POST", "/api/v1/extract"), ("POST", "/api/v1/check/file"),
                     ("POST", "/reports/check"), ("GET", "/collect/form"), ("GET", "/api/v1/history/gdp")]:
        assert expected in routes


def test_in_server_mode_nothing_is_answered_without_a_login(db_file: Path) -> None:
    from fastapi.testclient import TestClient

    app = _server_app(db_file)
    with TestClient(app, raise_server_exceptions=False, client=("10.0.0.7", 40000)) as anonymous:
        for method, path in _routes(app):
            response = anonymous.request(method, path, follow_redirects=False)
            if path.startswith("/api/"):
                assert response.status_code == 401, (method, path, response.status_code)
                assert response.json()["error"]["code"] == "not_authenticated"
            else:
                assert response.status_code == 303, (method, path, response.status_code)
                assert response.headers["location"].startswith("/login?next=")
        # what stays public: the login page, the API description, static assets
        assert anonymous.get("/login").status_code == 200
        assert anonymous.get("/openapi.json").status_code == 200
        assert anonymous.get("/static/style.css").status_code == 200


def test_anonymous_read_opens_only_read_only_gets_and_only_when_set(db_file: Path) -> None:
    from fastapi.testclient import TestClient

    app = _server_app(db_file, anonymous_read=True)
    with TestClient(app, raise_server_exceptions=False) as anonymous:
        for path in ("/", "/indicators", "/indicators/gdp", "/projects", "/tasks", "/compare", "/reports"):
            assert anonymous.get(path).status_code == 200, path
        status = anonymous.get("/api/v1/status")
        assert status.status_code == 200 and any(r["value"] == "1285.41" for r in status.json()["rows"])
        assert anonymous.get("/api/v1/reports/md").status_code == 200
        # never without a user: extract/check, collection, history
        assert anonymous.post("/api/v1/extract", json={"text": "地区生产总值1285.41亿元"}).status_code == 401
        assert anonymous.post("/api/v1/check", json={"text": "地区生产总值1285.41亿元"}).status_code == 401
        assert anonymous.get("/api/v1/history/gdp").status_code == 401
        assert anonymous.get("/collect", follow_redirects=False).status_code == 303
        assert anonymous.post("/reports/check", data={"text": "x"}, follow_redirects=False).status_code == 303


def _login(client: Any, name: str) -> None:
    page = client.get("/login")
    response = client.post("/login", data={"name": name, "password": PASSWORD, "csrf_token": csrf_from(page.text),
                                           "next": "/"}, follow_redirects=False)
    assert response.status_code == 303


def _with_cookie(app: Any, cookie: str) -> Any:
    from fastapi.testclient import TestClient

    return TestClient(app, raise_server_exceptions=False, cookies={"planwatch_session": cookie})


def test_a_session_ends_at_logout_even_for_a_copied_cookie(db_file: Path) -> None:
    from fastapi.testclient import TestClient

    url = f"sqlite:///{db_file}"
    add_user(url, "只读老王", "viewer")
    app = _server_app(db_file)
    with TestClient(app, raise_server_exceptions=False) as browser:
        _login(browser, "只读老王")
        cookie = browser.cookies["planwatch_session"]
        assert browser.get("/api/v1/me").json()["name"] == "只读老王"
        with _with_cookie(app, cookie) as copy:
            assert copy.get("/api/v1/status").status_code == 200
        csrf = csrf_from(browser.get("/collect").text)
        assert browser.post("/logout", data={"csrf_token": csrf}, follow_redirects=False).status_code == 303
    with _with_cookie(app, cookie) as copy:
        assert copy.get("/api/v1/status").status_code == 401
        assert copy.get("/", follow_redirects=False).status_code == 303


def test_disabling_a_user_ends_their_sessions_and_enabling_does_not_revive_them(db_file: Path) -> None:
    from fastapi.testclient import TestClient

    from planwatch.services.users import set_active
    from planwatch.store import open_database

    url = f"sqlite:///{db_file}"
    add_user(url, "审核老赵", "reviewer")
    app = _server_app(db_file)
    with TestClient(app, raise_server_exceptions=False) as browser:
        _login(browser, "审核老赵")
        cookie = browser.cookies["planwatch_session"]
    db = open_database(url)
    try:
        set_active(db, "审核老赵", False)
        with _with_cookie(app, cookie) as copy:
            assert copy.get("/api/v1/status").status_code == 401
        set_active(db, "审核老赵", True)
        with _with_cookie(app, cookie) as copy:
            assert copy.get("/api/v1/status").status_code == 401
        with TestClient(app, raise_server_exceptions=False) as again:   # a new login works again
            _login(again, "审核老赵")
            assert again.get("/api/v1/status").status_code == 200
    finally:
        db.dispose()
