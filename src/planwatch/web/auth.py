"""Authentication for the web app: login/logout pages, signed session cookies, CSRF tokens on forms,
Bearer API tokens, and the dependencies other routes use.

- ``current_user`` (dependency): the signed-in user, or 401. ``optional_user``: the user or None.
  ``page_user``: for HTML pages — redirects to /login when nobody is signed in.
- Session: cookie ``planwatch_session`` signed with itsdangerous (``settings.secret_key``; a random
  per-process key when unset), HttpOnly, SameSite=Lax, Secure over https, 8 hours. It carries a random
  session id whose hash is stored (``web_sessions``): logout deletes it, disabling the user or changing
  their password deletes all of theirs, so a copied cookie stops working on the server at once.
- Reading: in server mode every page, API route, download and extract/check needs a user
  (``page_reader`` / ``api_reader``); ``settings.anonymous_read`` (off by default) lets anonymous
  visitors make read-only GET requests to the dashboard pages and the read API — never
  extract/check, collection or history.
- CSRF: double submit — cookie ``planwatch_csrf`` (HttpOnly) and the hidden field ``csrf_token`` on
  every form (or the ``X-CSRF-Token`` header for JSON calls made with the session cookie).
  Requests authenticated by ``Authorization: Bearer <token>`` need no CSRF token.
- Local mode: when ``settings.local_mode`` is true, the server is bound to a loopback address and the
  request comes from one (and through no proxy), the built-in local administrator is used without login.
  A server bound elsewhere always requires login.
"""

from __future__ import annotations

import secrets
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from planwatch.errors import PermissionDenied, PlanwatchError
from planwatch.services.users import LOCAL_ADMIN, TooManyAttempts, User
from planwatch.web.deps import get_db, get_settings
from planwatch.web.schemas import AUTH_ERRORS

router = APIRouter(responses=AUTH_ERRORS)

SESSION_COOKIE = "planwatch_session"
CSRF_COOKIE = "planwatch_csrf"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"
SESSION_MAX_AGE = 8 * 3600
LOOPBACK = {"127.0.0.1", "::1", "localhost"}


class NotAuthenticated(PlanwatchError):
    status = 401
    code = "not_authenticated"


# ---------------------------------------------------------------------------- session
def _secret(request: Request) -> str:
    key = get_settings(request).secret_key
    if key:
        return key
    state = request.app.state
    if not getattr(state, "planwatch_session_secret", None):
        state.planwatch_session_secret = secrets.token_urlsafe(32)
    return state.planwatch_session_secret


def _serializer(request: Request) -> Any:
    from itsdangerous import URLSafeTimedSerializer

    return URLSafeTimedSerializer(_secret(request), salt="planwatch-session")


def _session_user(request: Request) -> User | None:
    session_id = _session_id(request)
    if session_id is None:
        return None
    from planwatch.services.users import user_for_session

    return user_for_session(get_db(request), session_id)


def _session_id(request: Request) -> str | None:
    from itsdangerous import BadSignature

    raw = request.cookies.get(SESSION_COOKIE)
    if not raw:
        return None
    try:
        data = _serializer(request).loads(raw, max_age=SESSION_MAX_AGE)
    except BadSignature:
        return None
    return data.get("sid") if isinstance(data, dict) and isinstance(data.get("sid"), str) else None


def is_local_mode(request: Request) -> bool:
    """Local mode needs the setting, a loopback bind address, a loopback client and no proxy headers."""
    settings = get_settings(request)
    if not settings.local_mode:
        return False
    bind = getattr(request.app.state, "bind_host", None) or settings.host
    client = request.client.host if request.client else ""
    proxied = any(h in request.headers for h in ("x-forwarded-for", "forwarded", "x-real-ip"))
    return bind in LOOPBACK and client in LOOPBACK and not proxied


def bearer_token(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


def optional_user(request: Request) -> User | None:
    """Who is making the request: a Bearer token, a session cookie, the local admin, or nobody."""
    cached = getattr(request.state, "planwatch_user", "unset")
    if cached is None or isinstance(cached, User):
        return cached
    user: User | None
    token = bearer_token(request)
    if token is not None:
        from planwatch.services.users import user_for_token

        user = user_for_token(get_db(request), token)
        if user is None:
            raise NotAuthenticated("API 令牌无效或已作废")
    else:
        user = _session_user(request)
        if user is None and is_local_mode(request):
            user = LOCAL_ADMIN
    request.state.planwatch_user = user
    return user


def current_user(request: Request) -> User:
    user = optional_user(request)
    if user is None:
        raise NotAuthenticated("请先登录（或在 Authorization 头中提供 Bearer 令牌）")
    return user


def page_user(request: Request) -> User:
    """For HTML pages: the user, or a redirect to the login page that comes back here."""
    user = optional_user(request)
    if user is None:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        raise StarletteHTTPException(303, "请先登录", headers={"Location": f"/login?next={quote(target)}"})
    return user


def _anonymous_may_read(request: Request) -> bool:
    return bool(get_settings(request).anonymous_read) and request.method in ("GET", "HEAD")


def api_reader(request: Request) -> User | None:
    """For the read API: the user, or None for an anonymous GET when ``anonymous_read`` is on; else 401."""
    user = optional_user(request)
    if user is None and not _anonymous_may_read(request):
        raise NotAuthenticated("请先登录（或在 Authorization 头中提供 Bearer 令牌）")
    return user


def page_reader(request: Request) -> User | None:
    """For the dashboard pages: the user, or None when ``anonymous_read`` is on; else to the login page."""
    if _anonymous_may_read(request):
        return optional_user(request)
    return page_user(request)


CurrentUser = Annotated[User, Depends(current_user)]
OptionalUser = Annotated[User | None, Depends(optional_user)]
PageUser = Annotated[User, Depends(page_user)]


# ---------------------------------------------------------------------------- CSRF
def csrf_token(request: Request) -> str:
    """The CSRF token for forms on this response (set as a cookie by :func:`render`)."""
    token = getattr(request.state, "planwatch_csrf", None) or request.cookies.get(CSRF_COOKIE)
    if not token:
        token = secrets.token_urlsafe(24)
    request.state.planwatch_csrf = token
    return token


def check_csrf(request: Request, submitted: str | None) -> None:
    if bearer_token(request) is not None:
        return
    cookie = request.cookies.get(CSRF_COOKIE) or ""
    submitted = submitted or request.headers.get(CSRF_HEADER) or ""
    if not cookie or not submitted or not secrets.compare_digest(cookie, submitted):
        raise PermissionDenied("表单已过期或来源不明（CSRF 校验失败），请刷新页面后重试")


def _cookie_flags(request: Request) -> dict[str, Any]:
    return {"httponly": True, "samesite": "lax", "secure": request.url.scheme == "https", "path": "/"}


def attach_csrf_cookie(request: Request, response: Response) -> Response:
    token = getattr(request.state, "planwatch_csrf", None)
    if token and request.cookies.get(CSRF_COOKIE) != token:
        response.set_cookie(CSRF_COOKIE, token, **_cookie_flags(request))
    return response


def render(request: Request, template: str, context: dict[str, Any], status_code: int = 200) -> Response:
    """A page from the shared templates, with the user and a CSRF token in its context."""
    from planwatch.web.templating import templates

    try:
        user = optional_user(request)
    except NotAuthenticated:
        user = None
    context = {"page": "collect", "user": user, "csrf_token": csrf_token(request),
               "local_mode": is_local_mode(request), **context}
    response = templates.TemplateResponse(request, template, context, status_code=status_code)
    return attach_csrf_cookie(request, response)


# ---------------------------------------------------------------------------- login / logout
def _safe_next(target: str | None) -> str:
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/"


@router.get("/login", include_in_schema=False)
def login_page(request: Request, next: str | None = None) -> Response:  # noqa: A002
    return render(request, "collect/login.html", {"title": "登录", "next": _safe_next(next), "error": None})


@router.post("/login", include_in_schema=False)
def login(request: Request, name: Annotated[str, Form(max_length=100)], password: Annotated[str, Form(max_length=1000)],
          csrf_token_field: Annotated[str, Form(alias=CSRF_FIELD)] = "",
          next: Annotated[str, Form()] = "/") -> Response:  # noqa: A002
    from planwatch.services.users import authenticate

    check_csrf(request, csrf_token_field)
    client = request.client.host if request.client else None
    try:
        user = authenticate(get_db(request), name.strip(), password, client=client)
    except TooManyAttempts as exc:
        return render(request, "collect/login.html", {"title": "登录", "next": _safe_next(next), "error": exc.message,
                                                     "name": name}, status_code=429)
    except PermissionDenied as exc:
        return render(request, "collect/login.html", {"title": "登录", "next": _safe_next(next), "error": exc.message,
                                                     "name": name}, status_code=401)
    from planwatch.services.users import start_session

    response = RedirectResponse(_safe_next(next), status_code=303)
    session_id = start_session(get_db(request), user)
    response.set_cookie(SESSION_COOKIE, _serializer(request).dumps({"sid": session_id}), max_age=SESSION_MAX_AGE,
                        **_cookie_flags(request))
    # a fresh CSRF token for the new session
    response.set_cookie(CSRF_COOKIE, secrets.token_urlsafe(24), **_cookie_flags(request))
    return response


@router.post("/logout", include_in_schema=False)
def logout(request: Request, csrf_token_field: Annotated[str, Form(alias=CSRF_FIELD)] = "") -> Response:
    from planwatch.services.users import end_session

    check_csrf(request, csrf_token_field)
    session_id = _session_id(request)
    if session_id is not None:
        end_session(get_db(request), session_id)      # the cookie is worthless from now on
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    response.delete_cookie(CSRF_COOKIE, path="/")
    return response


@router.get("/api/v1/me", tags=["用户"], summary="当前用户")
def me(user: CurrentUser) -> dict[str, Any]:
    return {"name": user.name, "role": user.role.value, "role_label": user.role.label,
            "department": user.department}
