"""The office's workbench: the department entry grid (``/collect/grid``), the completeness page
(``/collect/completeness``), the review queue (``/collect/review``), table downloads
(``/export/…``) and their JSON routes. Pages work without JavaScript (plain forms); ``grid.js``
adds validation as you type (``/api/v1/grid/check``, the one validator), Enter/Tab navigation and
pasting a block from Excel. Every verdict and every state comes from the services."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Query, Request
from fastapi.responses import RedirectResponse, Response

from planwatch.errors import InputError, PlanwatchError
from planwatch.services.users import User
from planwatch.web.auth import CSRF_FIELD, CurrentUser, PageUser, check_csrf, render
from planwatch.web.deps import get_db, get_settings
from planwatch.web.schemas import AUTH_ERRORS
from planwatch.web.uploads import in_worker

router = APIRouter(responses=AUTH_ERRORS)

Short = Annotated[str | None, Query(max_length=100)]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# ---------------------------------------------------------------------------- pickers
def _pickers(request: Request, region: str | None, period: str | None, user: User) -> dict[str, Any]:
    """Region (the plan's region and those below), period (the plan's reporting periods) and
    department (a reporter's own only) for the workbench pages."""
    from planwatch.services.datasets import departments_of, plan_periods
    from planwatch.services.plans import select

    sel = select(get_db(request), region=region, period=period)
    plan_region = sel.regions.get(sel.plan.region)
    regions = [plan_region, *sel.regions.descendants(sel.plan.region)] if plan_region else [sel.region]
    departments = departments_of(sel.plan)
    if user.write_department:
        departments = [d for d in departments if d == user.write_department]
    return {"selection_info": sel, "pick_regions": regions, "pick_periods": plan_periods(sel.plan, sel.plan.observations),
            "pick_departments": departments}


# ---------------------------------------------------------------------------- the entry grid
def _grid_context(request: Request, user: User, region: str | None, period: str | None,
                  department: str | None) -> dict[str, Any]:
    from planwatch.services.datasets import grid

    context = _pickers(request, region, period, user)
    sel = context["selection_info"]
    chosen = department or (context["pick_departments"][0] if context["pick_departments"] else "")
    view = grid(get_db(request), region=sel.region.code, period=sel.period.code, department=chosen) if chosen else None
    context.update(title=f"数据填报 · {chosen}" if chosen else "数据填报", grid=view, department=chosen,
                   problems={}, error=None, saved=None, page="grid")
    return context


@router.get("/collect/grid", include_in_schema=False)
def grid_page(request: Request, user: PageUser, region: Short = None, period: Short = None,
              department: Short = None) -> Response:
    return render(request, "collect/grid.html", _grid_context(request, user, region, period, department))


def _rows_from_form(form: Any, codes: list[str], fields: list[str]) -> list[dict[str, Any]]:
    return [{"indicator": code, **{f: form.get(f"{f}:{code}", "") for f in fields}} for code in codes]


@router.post("/collect/grid", include_in_schema=False)
async def grid_save(request: Request, user: PageUser) -> Response:
    """The grid without JavaScript: save as draft or submit (``action``); problems shown at their cells."""
    from planwatch.services.datasets import GRID_FIELDS, check_grid, save_grid

    form = await request.form()
    check_csrf(request, str(form.get(CSRF_FIELD) or ""))
    region, period, department = (str(form.get(k) or "") for k in ("region", "period", "department"))
    context = await in_worker(_grid_context, request, user, region, period, department)
    view = context["grid"]
    if view is None:
        raise InputError("请选择部门")
    rows = _rows_from_form(form, [r.code for r in view.rows], [f.name for f in GRID_FIELDS])
    submit = form.get("action") == "submit"
    try:
        saved = await in_worker(save_grid, get_db(request), region=region, period=period, department=department,
                                rows=rows, actor=user, submit=submit, accept_warnings=form.get("accept_warnings") == "true")
    except PlanwatchError as exc:
        found = await in_worker(check_grid, get_db(request), region=region, period=period, department=department,
                                rows=rows, actor=user)
        context.update(error=exc.message, problems=_by_cell(found), typed={(r["indicator"], f): r[f]
                                                                           for r in rows for f in r if f != "indicator"})
        return render(request, "collect/grid.html", context, status_code=exc.status)
    target = f"/collect/grid?region={quote(region)}&period={quote(period)}&department={quote(department)}" \
             f"&saved={'submitted' if submit else 'draft'}"
    del saved
    return RedirectResponse(target, status_code=303)


def _by_cell(problems: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Problems keyed ``field:indicator`` (a row's own problems under ``row:indicator``)."""
    out: dict[str, list[dict[str, Any]]] = {}
    for p in problems:
        key = f"{p['field'] or 'row'}:{p['indicator'] or ''}"
        out.setdefault(key, []).append(p)
    return out


async def _json(request: Request) -> dict[str, Any]:
    try:
        body = await request.json()
    except ValueError:
        raise InputError("请求体不是有效的 JSON") from None
    if not isinstance(body, dict):
        raise InputError("请求体应为对象")
    return body


def _grid_args(body: dict[str, Any]) -> dict[str, Any]:
    rows = body.get("rows")
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        raise InputError("rows 应为对象列表（每行 indicator 与各栏的值）")
    if not body.get("period") or not body.get("department"):
        raise InputError("请求体应包含 period、department（以及可选的 region）")
    return {"region": body.get("region") or None, "period": str(body["period"]), "department": str(body["department"]),
            "rows": rows}


@router.post("/api/v1/grid/check", tags=["填报"], summary="校验填报表格（不写入）：每个问题所在的指标与栏目")
async def api_grid_check(request: Request, user: CurrentUser) -> dict[str, Any]:
    """Body ``{"region", "period", "department", "rows": [{"indicator", "value", "growth", "estimate",
    "status", "note"}]}``; answers ``{"problems": [{"indicator", "field", "severity", "message"}]}``."""
    from planwatch.services.datasets import check_grid

    check_csrf(request, None)
    args = _grid_args(await _json(request))
    return {"problems": await in_worker(check_grid, get_db(request), actor=user, **args)}


def _dataset_dict(ds: Any) -> dict[str, Any]:
    return {"region": ds.region.code, "region_name": ds.region.name, "period": ds.period.code,
            "period_label": ds.period.label, "department": ds.department, "state": ds.state.value,
            "filled": ds.filled, "expected": ds.expected, "share": ds.share, "comment": ds.comment,
            "returned": dict(ds.returned), "updated_by": ds.updated_by,
            "updated_at": ds.updated_at.isoformat() if ds.updated_at else None, "actions": ds.actions}


@router.post("/api/v1/grid/save", tags=["填报"], summary="保存填报表格（草稿，或 submit=true 提交）")
async def api_grid_save(request: Request, user: CurrentUser) -> dict[str, Any]:
    from planwatch.services.datasets import save_grid

    check_csrf(request, None)
    body = await _json(request)
    ds = await in_worker(save_grid, get_db(request), actor=user, submit=bool(body.get("submit")),
                         accept_warnings=bool(body.get("accept_warnings")), **_grid_args(body))
    return _dataset_dict(ds)


@router.post("/api/v1/datasets/{action}", tags=["填报"],
             summary="部门数据流程：submit、approve、return（附意见）、lock、reopen")
async def api_dataset_action(request: Request, user: CurrentUser, action: str) -> dict[str, Any]:
    """Body ``{"region", "period", "department", "comment", "returned": {"indicator": "意见"}}``."""
    from planwatch.services.datasets import transition

    check_csrf(request, None)
    body = await _json(request)
    if not body.get("period") or not body.get("department"):
        raise InputError("请求体应包含 period、department（以及可选的 region、comment、returned）")
    returned = body.get("returned") or {}
    if not isinstance(returned, dict):
        raise InputError("returned 应为对象（指标代码 → 意见）")
    ds = await in_worker(transition, get_db(request), action, region=body.get("region"), period=str(body["period"]),
                         department=str(body["department"]), actor=user, comment=str(body.get("comment") or ""),
                         returned={str(k): str(v) for k, v in returned.items()})
    return _dataset_dict(ds)


# ---------------------------------------------------------------------------- completeness
@router.get("/collect/completeness", include_in_schema=False)
def completeness_page(request: Request, user: PageUser, region: Short = None, period: Short = None,
                      by: Short = None, department: Short = None) -> Response:
    from planwatch.services.datasets import completeness

    result = completeness(get_db(request), region=region, period=period, by=by or "departments",
                          department=department or None)
    context = _pickers(request, region, period, user)
    context.update(title="填报完成情况", result=result, by=result.by, department=department or "", page="completeness",
                   query_args={"region": result.selection.region.name, "by": result.by,
                               "department": department or ""})
    return render(request, "collect/completeness.html", context)


# ---------------------------------------------------------------------------- review queue
@router.get("/collect/review", include_in_schema=False)
def review_page(request: Request, user: PageUser, region: Short = None, period: Short = None) -> Response:
    return render(request, "collect/review.html", _review_context(request, user, region, period))


def _review_context(request: Request, user: User, region: str | None, period: str | None) -> dict[str, Any]:
    from planwatch.services.datasets import DatasetState, completeness, review_queue

    db = get_db(request)
    queue = review_queue(db, region=region, period=period)
    overview = completeness(db, region=region, period=period)
    reviewed = [c for row in overview.rows for c in row.cells if c is not None and c.state is DatasetState.REVIEWED]
    return {"title": "审核", "queue": queue, "reviewed": reviewed, "page": "review", "error": None,
            "can_review": user.can_review, "region": overview.selection.region.name}


@router.post("/collect/review", include_in_schema=False)
async def review_action(request: Request, user: PageUser) -> Response:
    """One click per data set: approve, return (with the comments typed at its values), lock."""
    from planwatch.services.datasets import transition

    form = await request.form()
    check_csrf(request, str(form.get(CSRF_FIELD) or ""))
    action, region, period, department = (str(form.get(k) or "") for k in ("action", "region", "period", "department"))
    returned = {key.removeprefix("returned:"): str(value) for key, value in form.items()
                if key.startswith("returned:") and str(value).strip()}
    try:
        await in_worker(transition, get_db(request), action, region=region, period=period, department=department,
                        actor=user, comment=str(form.get("comment") or ""), returned=returned)
    except PlanwatchError as exc:
        context = await in_worker(_review_context, request, user, None, None)
        context["error"] = exc.message
        return render(request, "collect/review.html", context, status_code=exc.status)
    return RedirectResponse(f"/collect/review?done={quote(action)}", status_code=303)


# ---------------------------------------------------------------------------- downloads
def _download(sheet: Any, fmt: str, encoding: str = "utf-8-sig") -> Response:
    from planwatch.services.exports import CSV_ENCODINGS, to_csv, to_xlsx

    if fmt == "xlsx":
        data, media, suffix = to_xlsx(sheet), XLSX, "xlsx"
    elif fmt == "csv":
        if encoding not in CSV_ENCODINGS:
            raise InputError(f"不支持的编码“{encoding}”（可用：{'、'.join(CSV_ENCODINGS)}）")
        data, media, suffix = to_csv(sheet, encoding=encoding), f"text/csv; charset={encoding}", "csv"
    else:
        raise InputError(f"不支持的下载格式“{fmt}”（可用：xlsx、csv）")
    name = quote(f"{sheet.title}.{suffix}")
    return Response(data, media_type=media, headers={"Content-Disposition": f"attachment; filename*=UTF-8''{name}"})


@router.get("/export/status.{fmt}", tags=["下载"], summary="指标状态表下载（.xlsx 或带 BOM 的 CSV）")
def export_status(request: Request, user: CurrentUser, fmt: str, region: Short = None, period: Short = None) -> Response:
    from planwatch.services.exports import status_sheet
    from planwatch.services.status import region_status

    table = region_status(get_db(request), region=region, period=period, settings=get_settings(request))
    return _download(status_sheet(table), fmt)


@router.get("/export/completeness.{fmt}", tags=["下载"], summary="填报完成情况下载")
def export_completeness(request: Request, user: CurrentUser, fmt: str, region: Short = None,
                        by: Short = None, department: Short = None) -> Response:
    from planwatch.services.datasets import completeness
    from planwatch.services.exports import completeness_sheet

    result = completeness(get_db(request), region=region, by=by or "departments", department=department or None)
    return _download(completeness_sheet(result), fmt)


@router.get("/export/review.{fmt}", tags=["下载"], summary="待审核数据下载")
def export_review(request: Request, user: CurrentUser, fmt: str, region: Short = None) -> Response:
    from planwatch.services.datasets import review_queue
    from planwatch.services.exports import review_sheet

    return _download(review_sheet(review_queue(get_db(request), region=region)), fmt)
