"""Web fixtures: the app over the example database (in-process client) and a real uvicorn server
on a free port for the browser tests."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture(scope="module")
def web_db_file(example_db_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    import shutil

    copy = tmp_path_factory.mktemp("web") / "example.sqlite"
    shutil.copyfile(example_db_file, copy)
    return copy


@pytest.fixture(scope="module")
def app(web_db_file: Path):  # type: ignore[no-untyped-def]
    from planwatch.settings import Settings
    from planwatch.web.app import create_app

    return create_app(Settings(database_url=f"sqlite:///{web_db_file}", secret_key="test-secret"))


@pytest.fixture(scope="module")
def client(app):  # type: ignore[no-untyped-def]
    from fastapi.testclient import TestClient

    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def live_server(web_db_file: Path) -> Iterator[str]:
    """A real uvicorn server in a thread, serving the example; yields its base URL."""
    import uvicorn

    from planwatch.settings import Settings
    from planwatch.web.app import create_app

    port = free_port()
    app = create_app(Settings(database_url=f"sqlite:///{web_db_file}", secret_key="test-secret"))
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
