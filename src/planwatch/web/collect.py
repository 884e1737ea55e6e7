"""Collection in the web app: the upload page for department forms (problems listed with their
cells), a one-figure entry form, the history of an indicator, the workflow buttons of a period,
form downloads, and the JSON API to write figures (``/api/v1/observations``), read history and move
periods along the workflow. Every route needs a user (see :mod:`planwatch.web.auth`)."""

from __future__ import annotations

import io
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import Response

from planwatch.errors import InputError, PlanwatchError, Problem
from planwatch.services.users import User
from planwatch.web.auth import CSRF_FIELD, CurrentUser, PageUser, check_csrf, render
from planwatch.web.deps import get_db
from planwatch.web.schemas import AUTH_ERRORS
from planwatch.web.uploads import in_worker, read_upload

router = APIRouter(responses=AUTH_ERRORS)

ACTION_LABELS = {"submit": "提交", "review": "审核通过", "lock": "锁定", "reopen": "重新开放"}


def _problem_dict(p: Problem) -> dict[str, Any]:
    loc = p.location
    return {"message": p.message, "severity": p.severity, "code": p.code, "text": str(p),
            "file": loc.file if loc else None, "sheet": loc.sheet if loc else None,
            "cell": loc.cell if loc else None, "line": loc.line if loc else None,
            "field": loc.field if loc else None}


def _result_dict(result: Any) -> dict[str, Any]:
    return {"inserted": result.inserted, "updated": result.updated, "unchanged": result.unchanged,
            "written": result.written, "warnings": [_problem_dict(w) for w in result.warnings]}


# ---------------------------------------------------------------------------- pages
@router.get("/collect", include_in_schema=False)
def collect_home(request: Request, user: PageUser, region: str | None = None, period: str | None = None) -> Response:
    from planwatch.services.plans import select

    sel = select(get_db(request), region=region, period=period, with_observations=False)
    departments = sorted({i.department for i in sel.plan.indicators if i.department})
    if user.write_department:
        departments = [user.write_department]
    return render(request, "collect/home.html", {
        "title": "数据填报", "selection_info": sel, "departments": departments, "region": sel.region.name,
        "period": sel.period.code})


@router.get("/collect/form", include_in_schema=False)
def download_form(request: Request, user: PageUser, department: str, region: str | None = None,
                  period: str = "") -> Response:
    from planwatch.services.collect import make_form

    if not period:
        raise InputError("请指定统计期")
    buffer = io.BytesIO()
    spec = make_form(get_db(request), buffer, region=region, period=period, department=department)
    filename = f"{spec.region_name}{spec.period}{spec.department}填报表.xlsx"
    from urllib.parse import quote

    return Response(buffer.getvalue(), media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote(filename)}"})


@router.get("/collect/upload", include_in_schema=False)
def upload_page(request: Request, user: PageUser) -> Response:
    return render(request, "collect/upload.html", {"title": "上传填报表", "result": None, "problems": [],
                                                    "error": None})


@router.post("/collect/upload", include_in_schema=False)
async def upload(request: Request, user: PageUser, files: Annotated[list[UploadFile], File()],
                 accept_warnings: Annotated[bool, Form()] = False,
                 csrf_token_field: Annotated[str, Form(alias=CSRF_FIELD)] = "") -> Response:
    from planwatch.services.collect import Upload, import_files

    check_csrf(request, csrf_token_field)
    uploads = [Upload(f.filename or "upload.xlsx", await read_upload(f)) for f in files]
    context: dict[str, Any] = {"title": "上传填报表", "result": None, "problems": [], "error": None}
    try:
        context["result"] = await in_worker(import_files, get_db(request), uploads, actor=user,
                                            accept_warnings=accept_warnings)
        return render(request, "collect/upload.html", context)
    except PlanwatchError as exc:
        context.update(error=exc.message, problems=exc.problems,
                       can_accept=bool(exc.problems) and all(p.severity != "error" for p in exc.problems))
        return render(request, "collect/upload.html", context, status_code=exc.status)


@router.get("/collect/entry", include_in_schema=False)
def entry_page(request: Request, user: PageUser, region: str | None = None, period: str | None = None) -> Response:
    return render(request, "collect/entry.html", {"title": "录入数据", "region": region or "", "period": period or "",
                                                   "values": {}, "problems": [], "error": None, "result": None})


@router.post("/collect/entry", include_in_schema=False)
def entry(request: Request, user: PageUser, indicator: Annotated[str, Form(max_length=200)],
          period: Annotated[str, Form(max_length=40)], region: Annotated[str, Form(max_length=100)] = "",
          value: Annotated[str, Form(max_length=40)] = "", growth: Annotated[str, Form(max_length=40)] = "",
          unit: Annotated[str, Form(max_length=32)] = "", status: Annotated[str, Form(max_length=300)] = "",
          note: Annotated[str, Form(max_length=2000)] = "", accept_warnings: Annotated[bool, Form()] = False,
          csrf_token_field: Annotated[str, Form(alias=CSRF_FIELD)] = "") -> Response:
    from planwatch.services.collect import write_observations

    check_csrf(request, csrf_token_field)
    values = {"indicator": indicator, "region": region, "period": period, "value": value or None,
              "growth": growth or None, "unit": unit or None, "status": status or None, "note": note or None}
    context: dict[str, Any] = {"title": "录入数据", "region": region, "period": period, "values": values,
                               "problems": [], "error": None, "result": None}
    try:
        context["result"] = write_observations(get_db(request), [values], actor=user, accept_warnings=accept_warnings)
        return render(request, "collect/entry.html", context)
    except PlanwatchError as exc:
        context.update(error=exc.message, problems=exc.problems)
        return render(request, "collect/entry.html", context, status_code=exc.status)


@router.get("/collect/history", include_in_schema=False)
def history_page(request: Request, user: PageUser, indicator: str = "", region: str | None = None,
                 period: str | None = None) -> Response:
    from planwatch.services.collect import history

    result = history(get_db(request), indicator, region=region or None, period=period or None) if indicator else None
    return render(request, "collect/history.html", {"title": "修改记录", "history": result, "indicator": indicator,
                                                     "region": region or "", "period": period or ""})


@router.get("/collect/period", include_in_schema=False)
def period_page(request: Request, user: PageUser, period: str = "", region: str | None = None) -> Response:
    from planwatch.services.workflow import get_state

    state = get_state(get_db(request), region=region or None, period=period) if period else None
    return render(request, "collect/period.html", {"title": "统计期流程", "state": state, "period": period,
                                                    "region": region or "", "labels": ACTION_LABELS, "error": None,
                                                    "allowed": _allowed(user, state)})


def _allowed(user: User, state: Any) -> list[str]:
    if state is None:
        return []
    out = []
    for action in state.actions:
        if action == "submit" and user.can_write:
            out.append(action)
        elif action in ("review", "lock") and user.can_review:
            out.append(action)
        elif action == "reopen" and (user.is_admin or (user.can_review and state.state.value != "已锁定")):
            out.append(action)
    return out


@router.post("/collect/period", include_in_schema=False)
def period_action(request: Request, user: PageUser, action: Annotated[str, Form()], period: Annotated[str, Form()],
                  region: Annotated[str, Form()] = "", reason: Annotated[str, Form(max_length=1000)] = "",
                  csrf_token_field: Annotated[str, Form(alias=CSRF_FIELD)] = "") -> Response:
    from planwatch.services.workflow import get_state, transition

    check_csrf(request, csrf_token_field)
    db = get_db(request)
    error, status = None, 200
    try:
        state = transition(db, action, region=region or None, period=period, actor=user, reason=reason or None)
    except PlanwatchError as exc:
        error, status = exc.message, exc.status
        state = get_state(db, region=region or None, period=period)
    return render(request, "collect/period.html", {"title": "统计期流程", "state": state, "period": period,
                                                    "region": region, "labels": ACTION_LABELS, "error": error,
                                                    "allowed": _allowed(user, state)}, status_code=status)


# ---------------------------------------------------------------------------- JSON API
@router.post("/api/v1/observations", tags=["填报"], summary="写入观测值（按角色和部门授权，先校验后写入）")
async def api_write_observations(request: Request, user: CurrentUser) -> dict[str, Any]:
    """Body: ``{"observations": [{"indicator", "region", "period", "value", "unit", "growth", "status",
    "note", "estimate"}], "accept_warnings": false}`` (or one observation object, or a list).
    403 when the user may not write an indicator, 409 when the period is locked, 422 on problems."""
    from planwatch.services.collect import write_observations

    check_csrf(request, None)
    try:
        body = await request.json()
    except ValueError:
        raise InputError("请求体不是有效的 JSON") from None
    accept = False
    if isinstance(body, dict) and "observations" in body:
        items, accept = body["observations"], bool(body.get("accept_warnings"))
    elif isinstance(body, dict):
        items = [body]
    else:
        items = body
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        raise InputError("observations 应为对象列表")
    result = await in_worker(write_observations, get_db(request), items, actor=user, accept_warnings=accept)
    return _result_dict(result)


@router.post("/api/v1/imports", tags=["填报"], summary="上传填报表或 CSV 导入（全部校验通过才写入）")
async def api_import(request: Request, user: CurrentUser, files: Annotated[list[UploadFile], File()],
                     accept_warnings: Annotated[bool, Form()] = False) -> dict[str, Any]:
    from planwatch.services.collect import Upload, import_files

    check_csrf(request, None)
    uploads = [Upload(f.filename or "upload", await read_upload(f)) for f in files]
    result = await in_worker(import_files, get_db(request), uploads, actor=user, accept_warnings=accept_warnings)
    return _result_dict(result)


@router.get("/api/v1/history/{indicator}", tags=["填报"], summary="指标的修改记录（谁、何时、旧值 → 新值、来源）")
def api_history(request: Request, user: CurrentUser, indicator: str, region: str | None = None,
                period: str | None = None) -> dict[str, Any]:
    from planwatch.services.collect import history

    result = history(get_db(request), indicator, region=region, period=period)
    return {"indicator": result.indicator.code, "name": result.indicator.name, "entries": [{
        "at": e.at.isoformat(), "user": e.user, "action": e.action, "region": e.region, "period": e.period,
        "old": e.old, "new": e.new, "source": e.source, "reason": e.reason} for e in result.entries]}


def _state_dict(state: Any) -> dict[str, Any]:
    return {"region": state.region, "region_name": state.region_name, "period": state.period.code,
            "period_label": state.period.label, "state": state.state.value, "updated_by": state.updated_by,
            "updated_at": state.updated_at.isoformat() if state.updated_at else None, "reason": state.reason,
            "actions": state.actions}


@router.get("/api/v1/periods/state", tags=["填报"], summary="统计期流程状态")
def api_period_state(request: Request, user: CurrentUser, period: str, region: str | None = None) -> dict[str, Any]:
    from planwatch.services.workflow import get_state

    return _state_dict(get_state(get_db(request), region=region, period=period))


@router.post("/api/v1/periods/{action}", tags=["填报"], summary="统计期流程：submit、review、lock、reopen")
async def api_period_action(request: Request, user: CurrentUser, action: str) -> dict[str, Any]:
    from planwatch.services.workflow import transition

    check_csrf(request, None)
    try:
        body = await request.json()
    except ValueError:
        raise InputError("请求体不是有效的 JSON") from None
    if not isinstance(body, dict) or not body.get("period"):
        raise InputError("请求体应包含 period（以及可选的 region、reason）")
    if action not in ACTION_LABELS:
        raise InputError(f"未知操作“{action}”")
    state = await in_worker(transition, get_db(request), action, region=body.get("region"),
                            period=str(body["period"]), actor=user, reason=body.get("reason"))
    return _state_dict(state)

