"""``planwatch serve``: run the web dashboard and the JSON API (uvicorn)."""

from __future__ import annotations

from typing import Annotated

import typer

from planwatch.cli._app import DbOption, app, console, settings_for


@app.command()
def serve(
    host: Annotated[str | None, typer.Option("--host", help="监听地址（默认 127.0.0.1，或 PLANWATCH_HOST）。",
                                             show_default=False)] = None,
    port: Annotated[int | None, typer.Option("--port", help="端口（默认 8000，或 PLANWATCH_PORT）。",
                                             show_default=False, min=1, max=65535)] = None,
    db: DbOption = None,
    workers: Annotated[int, typer.Option("--workers", help="工作进程数（默认 1）；多个进程共用一个端口，各自缓存计算结果。",
                                         min=1, max=64)] = 1,
) -> None:
    """启动仪表盘网页和数据接口（/api/v1），按 Ctrl+C 停止。

    示例：planwatch serve --port 8000 --db planwatch.sqlite --workers 2
    """
    from planwatch.services.database import open_database
    from planwatch.web.app import serve as run_server

    settings = settings_for(db)
    database = open_database(settings.database_url)  # fail here, with a message, if the database is unusable
    out = console()

    def ready(url: str) -> None:
        out.print(f"仪表盘已启动：{url}（数据接口 {url}api/v1，说明 {url}api/docs）。按 Ctrl+C 停止。")

    try:
        run_server(settings, host, port, database=database, on_ready=ready, workers=workers)
    finally:
        database.dispose()
