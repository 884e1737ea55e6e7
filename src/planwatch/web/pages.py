"""The zh-CN pages: 总览, 指标详情, 重点项目, 重点工作, 区域比较, 报告. Server-rendered with Jinja2;
charts are ECharts (served from /static/vendor) fed by JSON embedded in the page, each with a
table that says the same for keyboards, screen readers and print."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, Response

from planwatch.web import integrations
from planwatch.web.deps import PeriodQuery, RegionQuery, View, ViewDep
from planwatch.web.templating import templates
from planwatch.web.uploads import in_worker, read_upload

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

Short = Annotated[str | None, Query(max_length=100)]
TONE_FILTERS = {"good": "达到或超过", "lagging": "滞后或未达标", "neutral": "不作判断"}


def _context(request: Request, view: View, page: str, **extra: Any) -> dict[str, Any]:
    from planwatch.services.datasets import plan_periods

    selection = view.selection
    # the plan's reporting periods (not only those with figures), and any period with figures
    periods = plan_periods(selection.plan, selection.plan.observations)
    if not any(p == selection.period for p in periods):
        periods.append(selection.period)
    ctx_params = {"region": view.region_arg, "period": view.period_arg}
    export_query = {"region": selection.region.name, "period": selection.period.code}
    return {"export_query": export_query, "request": request, "page": page, "selection": selection, "region_choices": view.region_choices,
            "period_options": periods, "ctx_params": ctx_params, "keep_params": {}, **extra}


def _render(request: Request, name: str, context: dict[str, Any], status_code: int = 200) -> Response:
    return templates.TemplateResponse(request, name, context, status_code=status_code)


def _chart_json(option: dict[str, Any]) -> str:
    """ECharts option as JSON safe to embed in a <script type="application/json">."""
    return json.dumps(option, ensure_ascii=False, default=str).replace("</", "<\\/")


def _float(value: Decimal | str | None) -> float | None:
    return None if value is None else float(value)


# ----------------------------------------------------------------------------- 总览


def _overview_cards(table: Any) -> list[tuple[str, int, str, str]]:
    count = table.count
    if not count:
        return []
    return [("达到或超过", len(count.good), "good", "good"), ("滞后或未达标", len(count.lagging), "bad", "lagging"),
            ("不作判断", len(count.not_assessed), "neutral", "neutral")]


def _headline_categories(table: Any) -> list[tuple[Any, list[Any], int]]:
    """Each category with its headline rows; a plan that marks none shows every category in full."""
    by_category = table.by_category()
    categories = []
    for category, rows in by_category.items():
        headline = [r for r in rows if r.indicator.headline]
        if headline:
            categories.append((category, headline, len(rows)))
    return categories or [(c, rows, len(rows)) for c, rows in by_category.items()]


def _has(row: Any, field: str) -> bool:
    return row.observation is not None and getattr(row.observation, field) is not None


def _overview_chart(table: Any) -> dict[str, Any] | None:
    """Completion against 序时进度 where rows have one; else the headline growth rates."""
    charted = [r for r in table.rows if r.completion is not None][:20]
    if charted:
        return {"kind": "completion", "names": [r.indicator.name for r in charted],
                "completion": [_float(r.completion) for r in charted],
                "time_progress": _float(table.time_progress),
                "lagging": [r.verdict.is_lagging for r in charted],
                "words": [r.word for r in charted]}
    grown = [r for r in table.rows if r.indicator.headline and _has(r, "growth")][:12]
    if not grown:
        return None
    return {"kind": "growth", "names": [r.indicator.name for r in grown],
            "growth": [_float(r.observation.growth) for r in grown]}


@router.get("/")
def overview(request: Request, view: ViewDep, region: RegionQuery = None, period: PeriodQuery = None) -> Response:
    table = view.status
    breakdown = sorted(table.counts().items(), key=lambda item: (-item[1], item[0].value))
    key_figures = [r for r in table.rows if r.indicator.headline and _has(r, "value")][:8]
    chart = _overview_chart(table)
    from planwatch.services.browse import last_year_figures

    last_year = view._memo("last_year", lambda: last_year_figures(view.db, view.selection))
    context = _context(request, view, "overview", table=table, last_year=last_year, cards=_overview_cards(table), breakdown=breakdown,
                       double_half=table.double_half, categories=_headline_categories(table),
                       key_figures=key_figures, lagging=[r for r in table.rows if r.verdict.is_lagging],
                       chart_json=_chart_json(chart) if chart else None, chart=chart)
    return _render(request, "overview.html", context)


# ----------------------------------------------------------------------------- 指标详情


@router.get("/indicators")
def indicator_list(request: Request, view: ViewDep, region: RegionQuery = None, period: PeriodQuery = None,
                   category: Short = None, verdict: Short = None, tone: Short = None) -> Response:
    table = view.status
    groups = []
    for name, rows in table.by_category().items():
        if category and name != category:
            continue
        kept = [r for r in rows if (not verdict or r.verdict.value == verdict) and _tone_matches(r, tone)]
        if kept:
            groups.append((name, kept))
    context = _context(request, view, "indicators", table=table, groups=groups,
                       categories=list(table.by_category()), verdicts=sorted({r.verdict.value for r in table.rows}),
                       tones=TONE_FILTERS, filters={"category": category, "verdict": verdict, "tone": tone},
                       keep_params={"category": category, "verdict": verdict, "tone": tone})
    return _render(request, "indicators.html", context)


def _tone_matches(row: Any, tone: str | None) -> bool:
    """The overview cards' groups, by the engine's verdict: good, lagging (bad or warn), neutral."""
    if not tone:
        return True
    if tone == "lagging":
        return bool(row.verdict.is_lagging)
    if tone == "good":
        return bool(row.verdict.tone == "good")
    return not row.verdict.is_judgement


@router.get("/indicators/{code}")
def indicator_page(code: str, request: Request, view: ViewDep, region: RegionQuery = None,
                   period: PeriodQuery = None) -> Response:
    from planwatch.services.browse import indicator_detail

    detail = indicator_detail(view.db, view.selection, code, view.documents, settings=view.settings)
    row = view.status.row(detail.indicator.code)
    chart = None
    points = [p for p in detail.history if p.observation.value is not None or p.observation.growth is not None]
    if points:
        chart = {"kind": "history", "periods": [p.observation.period.label for p in points],
                 "values": [_float(p.observation.value) for p in points],
                 "growth": [_float(p.observation.growth) for p in points],
                 "completion": [_float(p.status.completion) for p in points],
                 "time_progress": [_float(p.status.time_progress) for p in points],
                 "unit": detail.indicator.unit,
                 "target_growth": _float(detail.target.growth.value)
                 if detail.target and detail.target.growth and detail.target.growth.value is not None else None,
                 "target_level": _float(detail.target.level.value)
                 if detail.target and detail.target.level and detail.target.level.value is not None else None}
    same_period, same_chart = _same_period(view, detail.indicator)
    context = _context(request, view, "indicators", detail=detail, row=row, ind=detail.indicator,
                       chart_json=_chart_json(chart) if chart else None, chart=chart, title=detail.indicator.name,
                       same_period=same_period, same_chart_json=_chart_json(same_chart) if same_chart else None)
    return _render(request, "indicator.html", context)


def _same_period(view: View, indicator: Any) -> tuple[list[Any], dict[str, Any] | None]:
    """The same months of every stored year (同期), and their chart when two years or more have figures."""
    from planwatch.services.browse import same_period_history

    rows = same_period_history(view.db, view.selection, indicator.code)
    charted = [o for o in rows if o.value is not None or o.growth is not None]
    if len(charted) < 2:
        return rows, None
    return rows, {"kind": "same_period", "years": [o.period.label for o in charted], "unit": indicator.unit,
                  "values": [_float(o.value) for o in charted], "growth": [_float(o.growth) for o in charted]}


# ----------------------------------------------------------------------------- 重点项目


@router.get("/projects")
def projects(request: Request, view: ViewDep, region: RegionQuery = None, period: PeriodQuery = None,
             level: Short = None, category: Short = None, town: Short = None, department: Short = None) -> Response:
    from planwatch.services.browse import excerpt, projects_view
    from planwatch.services.status import rules_of

    result = projects_view(view.selection, level=level or None, category=category or None, town=town or None,
                           department=department or None, rules=rules_of(view.settings))
    sources = {}
    for group in result.groups:
        progress = group.source_progress
        for subject, source in ((f"group:{group.group.code}", group.group.source),
                                (f"progress:{group.group.code}", progress.source if progress else None)):
            if source and source.document and source.spans:
                doc = view.documents.get(source.document)
                if doc is not None:
                    sources[subject] = excerpt(doc, dict(source.spans))
    chart = None
    bars = [g for g in result.groups if g.progress.completion is not None]
    if bars:
        chart = {"kind": "projects", "names": [g.group.name for g in bars],
                 "completion": [_float(g.progress.completion) for g in bars],
                 "time_progress": _float(bars[0].progress.time_progress),
                 "lagging": [g.progress.verdict.is_lagging for g in bars],
                 "words": [g.progress.verdict.value for g in bars]}
    filters = {"level": level, "category": category, "town": town, "department": department}
    context = _context(request, view, "projects", result=result, sources=sources, filters=filters,
                       keep_params=filters, chart_json=_chart_json(chart) if chart else None, chart=chart)
    return _render(request, "projects.html", context)


# ----------------------------------------------------------------------------- 重点工作


@router.get("/tasks")
def tasks(request: Request, view: ViewDep, region: RegionQuery = None, period: PeriodQuery = None,
          status: Short = None) -> Response:
    from planwatch.model import TaskStatus
    from planwatch.services.browse import excerpt, tasks_view

    groups = tasks_view(view.selection, status=status or None)
    sources = {}
    for group in groups:
        source = group.group.source
        if source and source.document and source.spans:
            doc = view.documents.get(source.document)
            if doc is not None:
                sources[group.group.code] = excerpt(doc, dict(source.spans))
    totals: dict[str, int] = {}
    for group in groups:
        for word, n in group.status_counts.items():
            totals[word] = totals.get(word, 0) + n
    context = _context(request, view, "tasks", groups=groups, sources=sources, totals=totals,
                       statuses=[s.value for s in TaskStatus], filters={"status": status},
                       keep_params={"status": status})
    return _render(request, "tasks.html", context)


# ----------------------------------------------------------------------------- 区域比较


@router.get("/compare")
def compare(request: Request, view: ViewDep, region: RegionQuery = None, period: PeriodQuery = None,
            indicator: Annotated[list[str] | None, Query(max_length=60)] = None) -> Response:
    from planwatch.services.browse import compare_regions

    wanted = [code for code in (indicator or []) if code]
    result = compare_regions(view.full_selection, wanted)
    chart = None
    with_values = [i for i in result.indicators
                   if any((o := result.cell(r.code, i.code)) and o.value is not None for r in result.regions)]
    if with_values and result.regions:
        first = with_values[0]
        pairs = [(r.name, _float(o.value) if (o := result.cell(r.code, first.code)) else None) for r in result.regions]
        ranked = sorted(pairs, key=lambda pair: (pair[1] is None, -(pair[1] or 0)))     # a ranked bar chart
        chart = {"kind": "compare", "indicator": f"{first.name}（{first.unit}）",
                 "names": [name for name, _ in ranked], "values": [value for _, value in ranked]}
    rollup = view.rollup if result.parent.code == view.selection.region.code else None
    context = _context(request, view, "compare", result=result, chosen={i.code for i in result.indicators}, rollup=rollup,
                       message=integrations.compare_message(result), all_indicators=view.selection.plan.indicators,
                       chart_json=_chart_json(chart) if chart else None, chart=chart)
    return _render(request, "compare.html", context)


# ----------------------------------------------------------------------------- 报告


def _reports_context(request: Request, view: View, **extra: Any) -> dict[str, Any]:
    from urllib.parse import urlencode

    sel = view.selection
    query = urlencode({"region": sel.region.name, "period": sel.period.code})
    return _context(request, view, "reports", formats=list(integrations.REPORT_FORMATS.items()), report_query=query,
                    **extra)


@router.get("/reports")
def reports(request: Request, view: ViewDep, region: RegionQuery = None, period: PeriodQuery = None) -> Response:
    return _render(request, "reports.html", _reports_context(request, view))


@router.post("/reports/check")
async def reports_check(request: Request, view: ViewDep, region: RegionQuery = None, period: PeriodQuery = None,
                        text: Annotated[str | None, Form(max_length=2_000_000)] = None,
                        file: Annotated[UploadFile | None, File()] = None) -> Response:
    from planwatch.errors import InputError, PlanwatchError

    error = None
    result = None
    report_text = (text or "").strip()
    try:
        if file is not None and file.filename:
            data = await read_upload(file)
            if data:
                report_text = await in_worker(integrations.text_of_upload, file.filename, data)
        if not report_text:
            raise InputError("请粘贴报告文字或选择报告文件")
        sel = await in_worker(lambda: view.selection)
        result = await in_worker(integrations.check, view.db, report_text, region=sel.region.code,
                                 period=sel.period.code)
    except PlanwatchError as exc:
        error = exc
    from planwatch.web.checkview import annotate

    annotated = annotate(result.pop("text", report_text), result) if result is not None else None
    context = _reports_context(request, view, check=result, annotated=annotated, error=error,
                               submitted_text=text or "")
    return _render(request, "reports.html", context, status_code=error.status if error else 200)

