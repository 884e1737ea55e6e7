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
