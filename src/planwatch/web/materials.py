"""Departments' written materials in the web app (``/materials``): a department enters its texts for
a period (工作进展与亮点, 存在问题, 下一步打算), changes or withdraws them; a reviewer approves or
returns them with a note. Every route needs a user; the rules (who may write or review, locks,
audit) are the service's (:mod:`planwatch.services.materials`)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response

from planwatch.errors import PlanwatchError
from planwatch.services.users import User
from planwatch.web.auth import CSRF_FIELD, PageUser, check_csrf, render
from planwatch.web.deps import get_db

router = APIRouter()

STATE_CLASSES = {"待审核": "pending", "已通过": "ok", "已退回": "returned"}


def _page(request: Request, user: User, *, region: str, period: str, department: str,
          message: str | None = None, error: str | None = None, problems: list[Any] | None = None,
          draft: dict[str, str] | None = None, status_code: int = 200) -> Response:
    from planwatch.services.materials import KINDS, list_materials

    department = user.write_department or department
    listing = list_materials(get_db(request), region=region or None, period=period or None,
                             department=department or None)
    sel = listing.selection
    return render(request, "materials.html", {
        "title": "部门材料", "listing": listing, "region": region or sel.region.name, "period": period or sel.period.code,
        "department": department, "kinds": KINDS, "states": STATE_CLASSES, "message": message, "error": error,
        "problems": problems or [], "draft": draft or {}, "may_review": user.can_review,
    }, status_code=status_code)


@router.get("/materials", include_in_schema=False)
def materials_page(request: Request, user: PageUser, region: str = "", period: str = "",
                   department: str = "") -> Response:
    return _page(request, user, region=region, period=period, department=department)


@router.post("/materials/submit", include_in_schema=False)
def submit(request: Request, user: PageUser, period: Annotated[str, Form(max_length=40)],
           department: Annotated[str, Form(max_length=100)], kind: Annotated[str, Form(max_length=32)] = "",
           text: Annotated[str, Form(max_length=20_000)] = "", category: Annotated[str, Form(max_length=200)] = "",
           code: Annotated[str, Form(max_length=200)] = "", region: Annotated[str, Form(max_length=100)] = "",
           withdraw: Annotated[bool, Form()] = False,
           csrf_token_field: Annotated[str, Form(alias=CSRF_FIELD)] = "") -> Response:
    """A new text (no ``code``), a changed (or returned and sent again) one, or one withdrawn (``withdraw``)."""
    from planwatch.services.materials import MaterialEntry, submit_materials

    check_csrf(request, csrf_token_field)
    entry = MaterialEntry(kind=kind, text=None if withdraw else text, category=category or None, code=code or None,
                          resubmit=True)
    try:
        result = submit_materials(get_db(request), [entry], department=department, period=period,
                                  region=region or None, actor=user)
    except PlanwatchError as exc:
        return _page(request, user, region=region, period=period, department=department, error=exc.message,
                     problems=exc.problems, status_code=exc.status,
                     draft={"kind": kind, "text": text, "category": category} if not code else None)
    message = ("已撤回。" if result.withdrawn else "已提交，等待审核。" if result.inserted or result.updated
               else "内容未变。")
    return _page(request, user, region=region, period=period, department=department, message=message)


@router.post("/materials/review", include_in_schema=False)
def review(request: Request, user: PageUser, period: Annotated[str, Form(max_length=40)],
           code: Annotated[str, Form(max_length=200)], action: Annotated[str, Form(max_length=16)],
           note: Annotated[str, Form(max_length=2000)] = "", region: Annotated[str, Form(max_length=100)] = "",
           department: Annotated[str, Form(max_length=100)] = "",
           csrf_token_field: Annotated[str, Form(alias=CSRF_FIELD)] = "") -> Response:
    """Approve (``approve``) or return (``return``, with a note) one material."""
    from planwatch.services.materials import review_materials

    check_csrf(request, csrf_token_field)
    try:
        review_materials(get_db(request), [code], action=action, period=period, region=region or None, actor=user,
                         note=note or None)
    except PlanwatchError as exc:
        return _page(request, user, region=region, period=period, department=department, error=exc.message,
                     problems=exc.problems, status_code=exc.status)
    return _page(request, user, region=region, period=period, department=department,
                 message="已审核通过。" if action == "approve" else "已退回。")
