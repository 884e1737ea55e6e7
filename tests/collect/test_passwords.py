"""Passwords and tokens are never stored or logged in clear; logins are rate limited; cookies are
HttpOnly and SameSite."""

from __future__ import annotations

import io
import logging
import sys
from pathlib import Path

from tests.collect.conftest import PASSWORD, add_user, login

SECRET = "Zebra-Quartz-7731-lantern"


def test_user_add_with_password_stdin_stores_only_an_argon2_hash(sqlite_url, cli, monkeypatch, caplog):
    caplog.set_level(logging.DEBUG)
    monkeypatch.setattr(sys, "stdin", io.StringIO(SECRET + "\n"))
    result = cli("user", "add", "统计小李", "--role", "reporter", "--department", "统计局", "--password-stdin",
                 "--db", sqlite_url)
    assert result.exit_code == 0, result.stderr
    token = cli("token", "create", "统计小李", "--db", sqlite_url).stdout.strip()
    assert token.startswith("pwt_")
    listing = cli("user", "list", "--db", sqlite_url)
    assert "统计小李" in listing.stdout and "统计局" in listing.stdout

    from planwatch.services.users import authenticate, user_for_token
    from planwatch.store import open_database

    db = open_database(sqlite_url)
    assert authenticate(db, "统计小李", SECRET).department == "统计局"
    assert user_for_token(db, token).name == "统计小李"
    db.dispose()
    path = Path(sqlite_url.removeprefix("sqlite:///"))
    stored = b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*"))
    assert b"$argon2id$" in stored
    for clear in (SECRET, token):
        assert clear.encode() not in stored
        assert clear not in caplog.text
        assert clear not in result.stdout + result.stderr + listing.stdout


def test_short_passwords_and_bad_roles_are_refused(sqlite_url, cli, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO("short\n"))
    result = cli("user", "add", "甲", "--role", "admin", "--password-stdin", "--db", sqlite_url)
    assert result.exit_code == 2 and "至少" in result.stderr
    monkeypatch.setattr(sys, "stdin", io.StringIO(SECRET + "\n"))
    result = cli("user", "add", "乙", "--role", "reporter", "--password-stdin", "--db", sqlite_url)
    assert result.exit_code == 2 and "部门" in result.stderr
    assert SECRET not in result.stderr


def test_disabled_user_and_its_tokens_stop_working(example_db_url, cli, web):
    add_user(example_db_url, "统计小李", "reporter", "统计局")
    token = cli("token", "create", "统计小李", "--db", example_db_url).stdout.strip()
    headers = {"Authorization": f"Bearer {token}"}
    assert web.get("/api/v1/me", headers=headers).json()["department"] == "统计局"
    assert cli("user", "disable", "统计小李", "--db", example_db_url).exit_code == 0
    assert web.get("/api/v1/me", headers=headers).status_code == 401
    assert login(web, "统计小李").status_code == 401


def test_login_sets_safe_cookies_and_is_rate_limited(example_db_url, web, caplog):
    caplog.set_level(logging.DEBUG)
    add_user(example_db_url, "统计小李", "reporter", "统计局")
    response = login(web, "统计小李")
    assert response.status_code == 303 and response.headers["location"] == "/collect"
    cookies = [v for k, v in response.headers.multi_items() if k == "set-cookie"]
    session = next(c for c in cookies if c.startswith("planwatch_session="))
    assert "HttpOnly" in session and "samesite=lax" in session.lower()
    assert PASSWORD not in session
    assert web.get("/api/v1/me").json()["name"] == "统计小李"
    web.cookies.clear()
    for _ in range(5):
        assert login(web, "统计小李", "wrong-password-1").status_code == 401
    blocked = login(web, "统计小李")       # even the right password, for a while
    assert blocked.status_code == 429 and "次数过多" in blocked.text
    assert PASSWORD not in caplog.text and "wrong-password-1" not in caplog.text


def test_forged_session_cookie_is_ignored(example_db_url, web):
    add_user(example_db_url, "统计小李", "reporter", "统计局")
    web.cookies.set("planwatch_session", "eyJ1aWQiOjF9.forged.signature")
    assert web.get("/api/v1/me").status_code == 401
