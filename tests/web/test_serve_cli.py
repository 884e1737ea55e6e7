"""``planwatch serve`` through the CLI boundary: a busy port is a plain message and exit 2."""

from __future__ import annotations

import socket


def test_serve_on_a_busy_port_says_so(cli, example_db_url: str) -> None:  # type: ignore[no-untyped-def]
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = cli("serve", "--port", str(port), "--db", example_db_url)
    assert result.exit_code == 2
    assert f"端口 {port} 已被占用" in result.stderr
    assert "Traceback" not in result.stderr


def test_serve_with_two_workers_answers_and_stops_on_ctrl_c(example_db_url: str) -> None:
    """``--workers 2``: worker processes built from the environment answer the API with the same
    status as the service, and Ctrl+C (SIGINT) stops the server and its workers."""
    import os
    import signal
    import subprocess
    import sys
    import time
    from pathlib import Path

    import httpx

    from planwatch.services.status import region_status, table_as_dict
    from planwatch.store import open_database

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "PLANWATCH_LOCAL_MODE": "true", "PLANWATCH_SECRET_KEY": "test"}
    server = subprocess.Popen([str(Path(sys.executable).with_name("planwatch")), "serve", "--db", example_db_url,
                               "--port", str(port), "--workers", "2"], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        body = None
        deadline = time.monotonic() + 60
        while body is None and time.monotonic() < deadline and server.poll() is None:
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/api/v1/status", params={"period": "2025H1"})
                body = response.json() if response.status_code == 200 else None
            except httpx.HTTPError:
                time.sleep(0.2)
        assert body is not None, server.stderr.read().decode() if server.poll() is not None else "no answer"
        db = open_database(example_db_url)
        expected = table_as_dict(region_status(db, period="2025H1"))
        db.dispose()
        assert body["region"] == expected["region"] and body["counts"] == expected["counts"]
        assert [r["verdict"] for r in body["rows"]] == [r["verdict"] for r in expected["rows"]]
    finally:
        server.send_signal(signal.SIGINT)
        code = server.wait(timeout=30)
    assert code == 0
    assert "Traceback" not in server.stderr.read().decode()
