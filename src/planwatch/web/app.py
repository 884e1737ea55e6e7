"""The FastAPI application: JSON API under /api/v1, zh-CN pages, the collection routes, static
assets (ECharts vendored from npm, no CDN), and one error boundary.

``create_app(settings)`` builds the app; the Database is opened once at start-up (or passed in)
and handed to routes by dependency injection. ``serve(settings, host, port)`` runs it with uvicorn.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from planwatch.errors import Location, PlanwatchError, Problem
from planwatch.services.database import Database
from planwatch.settings import Settings

API_PREFIX = "/api/v1"

API_DESCRIPTION = """planwatch 的 HTTP 接口：地区、计划、指标、观测值（可按地区、统计期、指标筛选）、
指标状态表（序时进度判断）、重点项目、重点工作、报告生成与下载、文本抽取（extract）和报告核对（check）。

数字一律按原文精度以字符串给出（如 "1285.41"）；未知的数为 null。
除登录页和本说明外，所有接口都需要登录：浏览器会话，或请求头 `Authorization: Bearer <API 令牌>`（planwatch token create 生成）。

出错时返回 `{"error": {"message": "…", "problems": [...]}}`：401 未登录，422 输入有误，404 找不到，403 无权限，
409 已锁定，413 上传内容过大。"""


def _wants_html(request: Request) -> bool:
    path = request.url.path
    if path.startswith("/api/") or path in ("/openapi.json", "/docs"):
        return False
    return "text/html" in request.headers.get("accept", "")


def _problem_json(problem: Problem) -> dict[str, Any]:
    out: dict[str, Any] = {"message": problem.message, "severity": problem.severity, "code": problem.code,
                           "text": str(problem)}
    if problem.location is not None:
        out["location"] = {k: v for k, v in {
            "file": problem.location.file, "line": problem.location.line, "sheet": problem.location.sheet,
            "cell": problem.location.cell, "field": problem.location.field}.items() if v is not None}
    return out


def error_response(request: Request, status: int, message: str, problems: list[Problem],
                   code: str = "error") -> Response:
    if _wants_html(request):
        from planwatch.web.templating import templates

        return templates.TemplateResponse(
            request, "error.html", {"status": status, "message": message, "problems": problems, "page": None},
            status_code=status)
    body = {"error": {"message": message, "code": code, "problems": [_problem_json(p) for p in problems]}}
    return JSONResponse(body, status_code=status)


async def _planwatch_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, PlanwatchError)
    return error_response(request, exc.status, exc.message, exc.problems, exc.code)


async def _validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    problems = []
    for err in exc.errors():
        where = ".".join(str(part) for part in err.get("loc", ()) if part not in ("body", "query", "path"))
        problems.append(Problem(_validation_message(err), Location(field=where or None), code=err.get("type", "invalid")))
    return error_response(request, 422, "请求参数有误", problems, "invalid_input")


def _validation_message(err: dict[str, Any]) -> str:
    kind = err.get("type", "")
    if kind == "missing":
        return "缺少必填项"
    if kind.startswith("int") or kind.startswith("float") or kind.startswith("decimal"):
        return "应为数字"
    if kind == "string_too_long":
        return "文字过长"
    if kind in ("enum", "literal_error"):
        return "取值不在允许范围内：" + str(err.get("ctx", {}).get("expected", ""))
    return str(err.get("msg", "取值有误"))


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    if exc.status_code == 404:
        message = "找不到该页面或资源"
    elif exc.status_code == 405:
        message = "不支持该请求方法"
    else:
        message = str(exc.detail) if exc.detail else "请求无法完成"
    response = error_response(request, exc.status_code, message, [], "http_error")
    for key, value in (exc.headers or {}).items():
        response.headers[key] = value
    return response


async def _unexpected_error(request: Request, exc: Exception) -> Response:
    import logging

    logging.getLogger("planwatch.web").exception("unexpected error on %s", request.url.path)
    return error_response(request, 500, f"内部错误（请报告此问题）：{type(exc).__name__}", [], "internal")


def create_app(settings: Settings | None = None, *, database: Database | None = None) -> FastAPI:
    """The planwatch web app. ``database`` (already open) takes precedence over
    ``settings.database_url``; an app that opens its own database disposes it at shutdown."""
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if app.state.database is None:
            from planwatch.services.database import open_database

            app.state.database = open_database(settings.database_url)
            app.state.owns_database = True
        try:
            yield
        finally:
            if app.state.owns_database and app.state.database is not None:
                app.state.database.dispose()
                app.state.database = None

    app = FastAPI(
        title="planwatch",
        version=_version(),
        summary="国民经济和社会发展计划执行监测",
        description=API_DESCRIPTION,
        lifespan=lifespan,
        docs_url=None,      # served below from /static/vendor (no CDN)
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.database = database
    app.state.owns_database = False
    from planwatch.web.deps import ResultCache

    app.state.results = ResultCache(settings.cache_entries)

    app.add_exception_handler(PlanwatchError, _planwatch_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected_error)

    from fastapi import Depends

    from planwatch.web import admin, api, auth, collect, materials, pages, workbench
    from planwatch.web.schemas import AUTH_ERRORS
    from planwatch.web.templating import STATIC_DIR

    # Reading needs a user too (a session, a token, or local mode); see web/auth.py.
    app.include_router(api.router, prefix=API_PREFIX, dependencies=[Depends(auth.api_reader)],
                       responses={401: AUTH_ERRORS[401]})
    app.include_router(auth.router)
    app.include_router(collect.router)
    app.include_router(materials.router)
    app.include_router(workbench.router)
    app.include_router(admin.router)
    app.include_router(pages.router, dependencies=[Depends(auth.page_reader)])
    app.mount("/static", StaticFiles(directory=str(STATIC_DIR)), name="static")
    _add_public_routes(app)
    # the header links to the departments' written materials once that page is part of the app
    app.state.has_materials = any(getattr(route, "path", "") == "/materials" for route in app.routes)

    from planwatch.web.uploads import BodyLimit

    app.add_middleware(BodyLimit)   # 413 before a huge body is spooled to disk

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Response:
        response = await call_next(request)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        if request.url.path.startswith("/static/"):
            response.headers.setdefault("Cache-Control", "public, max-age=3600")
        if response.status_code == 200 and request.url.path.startswith(DOWNLOADS):
            # tells the page's busy indicator (static/tables.js) that the download has arrived
            response.set_cookie("planwatch_download", "done", max_age=60, path="/", samesite="lax")
        return response

    return app


SWAGGER_UI = "/static/vendor/swagger-ui"
DOWNLOADS = ("/api/v1/reports/", "/export/")


def _add_public_routes(app: FastAPI) -> None:
    """What anyone may fetch: Swagger UI at /api/docs (and /docs), from the copy planwatch ships so
    that it works offline, and the favicon."""
    from fastapi.openapi.docs import get_swagger_ui_html
    from fastapi.responses import RedirectResponse

    @app.get("/api/docs", include_in_schema=False)
    def api_docs() -> HTMLResponse:
        return get_swagger_ui_html(openapi_url="/openapi.json", title="planwatch 数据接口",
                                   swagger_js_url=f"{SWAGGER_UI}/swagger-ui-bundle.js",
                                   swagger_css_url=f"{SWAGGER_UI}/swagger-ui.css",
                                   swagger_favicon_url=f"{SWAGGER_UI}/favicon-32x32.png")

    @app.get("/docs", include_in_schema=False)
    def docs_redirect() -> Response:
        return RedirectResponse("/api/docs", status_code=307)

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        return RedirectResponse("/static/favicon.svg", status_code=301)


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("planwatch")
    except Exception:  # running from a source tree without metadata
        return "0"


def serve(settings: Settings | None = None, host: str | None = None, port: int | None = None, *,
          database: Database | None = None, on_ready: Any = None, workers: int = 1) -> None:
    """Run the dashboard with uvicorn until interrupted. ``on_ready(url)`` is called once the
    server listens (``planwatch demo`` prints the URL there).

    ``workers`` > 1 runs that many uvicorn worker processes on the one port: each builds its app
    from the environment (:func:`app_from_env`; this process passes the database URL, host and
    port there) and keeps its own cache, and ``database`` is not shared with them."""
    import uvicorn

    settings = settings or Settings()
    host = host or settings.host
    port = port if port is not None else settings.port
    _check_port(host, port)
    if workers > 1:
        import os

        os.environ.update({"PLANWATCH_DATABASE_URL": settings.database_url, "PLANWATCH_HOST": host,
                           "PLANWATCH_PORT": str(port)})
        if on_ready is not None:
            _call_when_listening(host, port, on_ready, url_for(host, port))
        uvicorn.run("planwatch.web.app:app_from_env", factory=True, host=host, port=port, workers=workers,
                    log_level="warning", access_log=False)
        return
    app = create_app(settings, database=database)
    app.state.bind_host = host     # local mode (no login) holds only while bound to loopback
    config = uvicorn.Config(app, host=host, port=port, log_level="warning", access_log=False)
    server = uvicorn.Server(config)
    if on_ready is not None:
        _call_when_started(server, on_ready, url_for(host, port))
    server.run()


def app_from_env() -> FastAPI:
    """The app of one worker process of ``serve(workers=N)``: settings from the environment, bound
    to PLANWATCH_HOST."""
    settings = Settings.from_env()
    app = create_app(settings)
    app.state.bind_host = settings.host
    return app


def _check_port(host: str, port: int) -> None:
    """Say plainly, before uvicorn tries, when the address cannot be used."""
    import socket

    from planwatch.errors import InputError

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            if exc.errno == 98 or "in use" in str(exc):
                raise InputError(f"端口 {port} 已被占用：请用 --port 换一个端口，或先停止占用它的程序") from None
            raise InputError(f"无法在 {host}:{port} 上启动服务：{exc.strerror or exc}") from None


def url_for(host: str, port: int) -> str:
    shown = "127.0.0.1" if host in ("0.0.0.0", "::", "") else host
    if ":" in shown:
        shown = f"[{shown}]"
    return f"http://{shown}:{port}/"


def _call_when_started(server: Any, callback: Any, url: str) -> None:
    import threading
    import time

    def wait() -> None:
        while not server.started and not server.should_exit:
            time.sleep(0.05)
        if server.started:
            callback(url)

    threading.Thread(target=wait, daemon=True).start()


def _call_when_listening(host: str, port: int, callback: Any, url: str) -> None:
    """Call ``callback(url)`` once something answers on the port (the workers of ``serve``)."""
    import socket
    import threading
    import time

    target = "127.0.0.1" if host in ("0.0.0.0", "") else ("::1" if host == "::" else host)

    def wait() -> None:
        for _ in range(1200):
            try:
                with socket.create_connection((target, port), timeout=1):
                    callback(url)
                    return
            except OSError:
                time.sleep(0.05)

    threading.Thread(target=wait, daemon=True).start()


__all__ = ["API_PREFIX", "HTMLResponse", "app_from_env", "create_app", "serve", "url_for"]
