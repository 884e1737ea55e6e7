"""Users and tokens for admins (``/admin/users``): create, disable/enable, role and department,
reset password, issue a token (shown once) and revoke tokens. Each change goes through
``services.users``, which checks the role and writes the audit row."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from planwatch.errors import PermissionDenied, PlanwatchError
from planwatch.services.users import Role, User
from planwatch.web.auth import CSRF_FIELD, PageUser, check_csrf, render
from planwatch.web.deps import get_db
from planwatch.web.uploads import in_worker

router = APIRouter(include_in_schema=False)


def _context(request: Request, **extra: Any) -> dict[str, Any]:
    from planwatch.services.datasets import departments_of
    from planwatch.services.plans import select
    from planwatch.services.users import list_users, token_counts

    db = get_db(request)
    try:
        departments = departments_of(select(db, with_observations=False).plan)
    except PlanwatchError:
        departments = []
    return {"title": "用户与令牌", "page": "users", "users": list_users(db), "tokens": token_counts(db),
            "roles": list(Role), "departments": departments, "error": None, "done": None, "new_token": None, **extra}


def _admin(user: User) -> None:
    if not user.is_admin:
        raise PermissionDenied("只有管理员可以管理用户与令牌")


@router.get("/admin/users")
def users_page(request: Request, user: PageUser) -> Response:
    _admin(user)
    return render(request, "collect/users.html", _context(request))


def _apply(db: Any, action: str, form: Any, actor: User) -> tuple[str, str | None]:
    """Run one change; what to say and, for a new token, the token (shown once)."""
    from planwatch.services import users as u

    name = str(form.get("name") or "").strip()
    if action == "add":
        u.add_user(db, name, str(form.get("role") or ""), str(form.get("password") or ""),
                   department=str(form.get("department") or "").strip() or None, actor=actor)
        return f"已添加用户“{name}”", None
    if action in ("disable", "enable"):
        u.set_active(db, name, action == "enable", actor=actor)
        return f"已{'启用' if action == 'enable' else '停用'}“{name}”（停用即作废其令牌并退出其登录）", None
    if action == "role":
        changed = u.set_role(db, name, str(form.get("role") or ""), department=str(form.get("department") or ""),
                             actor=actor)
        return f"“{name}”现为{changed.role.label}{('（' + changed.department + '）') if changed.department else ''}", None
    if action == "password":
        u.set_password(db, name, str(form.get("password") or ""), actor=actor)
        return f"已重设“{name}”的密码（其登录已退出）", None
    if action == "token":
        token = u.create_token(db, name, label=str(form.get("label") or "").strip() or None, actor=actor)
        return f"已为“{name}”创建令牌（只显示这一次，请立即复制）", token
    if action == "revoke":
        return f"已作废“{name}”的 {u.revoke_tokens(db, name, actor=actor)} 个令牌", None
    raise PermissionDenied(f"未知操作“{action}”")


@router.post("/admin/users")
async def users_action(request: Request, user: PageUser) -> Response:
    _admin(user)
    form = await request.form()
    check_csrf(request, str(form.get(CSRF_FIELD) or ""))
    try:
        done, token = await in_worker(_apply, get_db(request), str(form.get("action") or ""), form, user)
    except PlanwatchError as exc:
        context = await in_worker(_context, request, error=exc.message)
        return render(request, "collect/users.html", context, status_code=exc.status)
    context = await in_worker(_context, request, done=done, new_token=token)
    return render(request, "collect/users.html", context)
