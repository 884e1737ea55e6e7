"""Web fixtures: the app over the example database (in-process client) and a real uvicorn server
on a free port for the browser tests."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest


@pytest.fixture(scope="module")
def web_db_file(example_db_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    import shutil

    copy = tmp_path_factory.mktemp("web") / "example.sqlite"
    shutil.copyfile(example_db_file, copy)
    return copy


@pytest.fixture(scope="module")
def admin_token(web_db_file: Path) -> str:
    """An API token of an admin user of the web database (server mode needs a user for every read)."""
    from planwatch.services.users import add_user, create_token
    from planwatch.store import open_database

    db = open_database(f"sqlite:///{web_db_file}")
    try:
        add_user(db, "接口管理员", "admin", "web-test-password-1")
        return create_token(db, "接口管理员", label="tests")
    finally:
        db.dispose()


@pytest.fixture(scope="module")
def app(web_db_file: Path):  # type: ignore[no-untyped-def]
    from planwatch.settings import Settings
    from planwatch.web.app import create_app

    return create_app(Settings(database_url=f"sqlite:///{web_db_file}", secret_key="test-secret"))


@pytest.fixture(scope="module")
def client(app, admin_token: str):  # type: ignore[no-untyped-def]
    """A client that sends an admin's API token with every request."""
    from fastapi.testclient import TestClient

    with TestClient(app, raise_server_exceptions=False,
                    headers={"Authorization": f"Bearer {admin_token}"}) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def anonymous(app):  # type: ignore[no-untyped-def]
    from fastapi.testclient import TestClient

    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def live_server(web_db_file: Path) -> Iterator[str]:
    """A real uvicorn server in a thread on loopback in local mode (the single local admin, as
    ``planwatch demo`` runs it), serving the example; yields its base URL."""
    from planwatch.settings import Settings
    from planwatch.web.app import create_app

    app = create_app(Settings(database_url=f"sqlite:///{web_db_file}", secret_key="test-secret", local_mode=True,
                              host="127.0.0.1"))
    app.state.bind_host = "127.0.0.1"
    with serving(app) as url:
        yield url


@contextmanager
def serving(app: Any) -> Iterator[str]:
    """``app`` served by a real uvicorn server in a thread on a free loopback port; yields its base URL."""
    import uvicorn

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
