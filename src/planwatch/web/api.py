"""The JSON API under /api/v1: thin routes over the services, with pydantic response models so
that /openapi.json documents every answer. Errors go through the app's one handler."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, File, Form, Query, UploadFile
from fastapi.responses import Response

from planwatch.errors import InputError, NotFound
from planwatch.web import integrations
from planwatch.web.auth import CurrentUser
from planwatch.web.deps import DbDep, PeriodQuery, RegionQuery, ViewDep
from planwatch.web.schemas import (
    ERRORS,
    CheckIn,
    CheckOut,
    CompareOut,
    ExcerptOut,
    FactsOut,
    HistoryPointOut,
    IndicatorDetailOut,
    IndicatorOut,
    ObservationOut,
    PeriodOut,
    PlanOut,
    ProjectGroupOut,
    ProjectOut,
    ProjectsOut,
    RegionOut,
    ReportFormatOut,
    ReportsOut,
    RollupOut,
    SegmentOut,
    StatusOut,
    TaskGroupOut,
    TaskOut,
    TextIn,
    dec,
)
from planwatch.web.uploads import in_worker, read_upload

router = APIRouter(responses=ERRORS)

Short = Annotated[str | None, Query(max_length=100)]


@router.get("/regions", response_model=list[RegionOut], tags=["目录"], summary="地区（行政区划）")
def regions(db: DbDep) -> list[RegionOut]:
    from planwatch.services.browse import regions as read

    return [RegionOut.of(r) for r in read(db)]


@router.get("/plans", response_model=list[PlanOut], tags=["目录"], summary="已载入的年度计划")
def plans(db: DbDep) -> list[PlanOut]:
    from planwatch.services.browse import plans as read

    return [PlanOut(id=p.id, region=p.region, region_name=p.region_name, year=p.year, title=p.title) for p in read(db)]


@router.get("/indicators", response_model=list[IndicatorOut], tags=["指标"], summary="计划的指标体系（含所选地区的目标）")
def indicators(view: ViewDep, region: RegionQuery = None, period: PeriodQuery = None) -> list[IndicatorOut]:
    from planwatch.services.browse import target_for

    sel = view.selection
    return [IndicatorOut.of(i, target_for(sel.plan, i.code, sel.region.code)) for i in sel.plan.indicators]


@router.get("/indicators/{code}", response_model=IndicatorDetailOut, tags=["指标"],
            summary="一个指标：各期数值、目标、序时进度与数据出处原句")
def indicator(code: str, view: ViewDep, region: RegionQuery = None, period: PeriodQuery = None) -> IndicatorDetailOut:
    from planwatch.services.browse import indicator_detail
    from planwatch.services.status import row_as_dict

    detail = indicator_detail(view.db, view.selection, code, view.documents, settings=view.settings)
    row = view.status.row(detail.indicator.code)
    history = [HistoryPointOut(
        observation=ObservationOut.of(p.observation), completion=p.status.completion_text,
        time_progress=dec(p.status.time_progress) or "0", growth_gap=dec(p.status.growth_gap),
        verdict=p.status.verdict.value, word=p.status.word, tone=p.status.verdict.tone,
        excerpt=ExcerptOut(document=p.excerpt.document, title=p.excerpt.title, start=p.excerpt.start,
                           end=p.excerpt.end, text=p.excerpt.text,
                           segments=[SegmentOut(text=s.text, slot=s.slot) for s in p.excerpt.segments])
        if p.excerpt else None) for p in detail.history]
    from planwatch.web.schemas import RegionOut as R

    return IndicatorDetailOut(indicator=IndicatorOut.of(detail.indicator, detail.target), region=R.of(detail.region),
                              history=history, status=row_as_dict(row) if row else None)


@router.get("/observations", response_model=list[ObservationOut], tags=["指标"],
            summary="观测值（可按地区、统计期、指标筛选）")
def observations(view: ViewDep, region: RegionQuery = None, period: PeriodQuery = None,
                 indicator: Short = None) -> list[ObservationOut]:
    from planwatch.services.browse import filter_observations

    sel = view.full_selection
    region_code = sel.region.code if region else None
    found = filter_observations(sel.plan, region=region_code, period=period, indicator=indicator)
    return [ObservationOut.of(o) for o in found]


@router.get("/status", response_model=StatusOut, tags=["指标"], summary="指标状态表：完成率、序时进度、判断")
def status(view: ViewDep, region: RegionQuery = None, period: PeriodQuery = None) -> Any:
    return view.status_dict


@router.get("/rollup", response_model=RollupOut, tags=["指标"],
            summary="下级合计：直属下级的累计值、存量之和（比率不加总），与本级公布数并列核对")
def rollup(view: ViewDep, region: RegionQuery = None, period: PeriodQuery = None) -> Any:
    return view.rollup_dict


@router.get("/projects", response_model=ProjectsOut, tags=["重点项目"],
            summary="项目组与重点项目的投资完成情况（可按层级、类别、镇街、部门筛选）")
def projects(view: ViewDep, region: RegionQuery = None, period: PeriodQuery = None,
             level: Annotated[Literal["省", "市", "区", "其他"] | None, Query(description="项目层级")] = None,
             category: Short = None, town: Short = None, department: Short = None) -> ProjectsOut:
    from planwatch.services.browse import projects_view
    from planwatch.services.status import rules_of

    result = projects_view(view.selection, level=level, category=category, town=town, department=department,
                           rules=rules_of(view.settings))
    return ProjectsOut(
        period=PeriodOut.of(result.period),
        groups=[ProjectGroupOut.of(g.group, g.progress, [ProjectOut.of(p, v) for p, v in g.projects])
                for g in result.groups],
        ungrouped=[ProjectOut.of(p, v) for p, v in result.ungrouped], options=result.options)


@router.get("/tasks", response_model=list[TaskGroupOut], tags=["重点工作"], summary="任务清单与各项任务状态")
def tasks(view: ViewDep, region: RegionQuery = None, period: PeriodQuery = None,
          status: Annotated[str | None, Query(max_length=20, description="任务状态，如 已完成、滞后")] = None,
          group: Short = None) -> list[TaskGroupOut]:
    from planwatch.services.browse import tasks_view

    return [TaskGroupOut.of(g.group, [TaskOut.of(t) for t in g.tasks], g.status_counts)
            for g in tasks_view(view.selection, status=status, group=group)]


@router.get("/compare", response_model=CompareOut, tags=["区域比较"], summary="下辖镇街在所选指标上的比较")
def compare(view: ViewDep, region: RegionQuery = None, period: PeriodQuery = None,
            indicator: Annotated[list[str] | None, Query(description="指标代码，可重复")] = None) -> CompareOut:
    from planwatch.services.browse import compare_regions

    result = compare_regions(view.full_selection, indicator or ())
    values = {r.code: {i.code: (ObservationOut.of(o) if (o := result.cell(r.code, i.code)) else None)
                       for i in result.indicators} for r in result.regions}
    return CompareOut(parent=RegionOut.of(result.parent), period=PeriodOut.of(result.period),
                      regions=[RegionOut.of(r) for r in result.regions],
                      indicators=[IndicatorOut.of(i) for i in result.indicators], values=values,
                      regions_without_figures=[r.code for r in result.regions_without_figures],
                      message=integrations.compare_message(result))


# ----------------------------------------------------------------------------- reports

@router.get("/reports", response_model=ReportsOut, tags=["报告"], summary="可生成的报告格式及下载地址")
def reports(view: ViewDep, region: RegionQuery = None, period: PeriodQuery = None) -> ReportsOut:
    from urllib.parse import urlencode

    sel = view.selection
    query = urlencode({"region": sel.region.name, "period": sel.period.code})
    return ReportsOut(available=True, region=sel.region.name,
                      period=PeriodOut.of(sel.period),
                      formats=[ReportFormatOut(format=f, label=label, url=f"/api/v1/reports/{f}?{query}")
                               for f, label in integrations.REPORT_FORMATS.items()])


@router.get("/reports/{fmt}", tags=["报告"], summary="生成并下载执行情况报告（docx / md / html）",
            response_class=Response,
            responses={200: {"description": "报告文件", "content": {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document": {},
                "text/markdown": {}, "text/html": {}}},
                501: {"description": "报告功能不可用"}})
def report_file(fmt: Literal["docx", "md", "html"], view: ViewDep, region: RegionQuery = None,
                period: PeriodQuery = None) -> Response:
    content, media_type, filename = integrations.render_report(view, fmt)
    from urllib.parse import quote

    disposition = f"attachment; filename=\"report.{fmt}\"; filename*=UTF-8''{quote(filename)}"
    return Response(content, media_type=media_type, headers={"Content-Disposition": disposition})


# ----------------------------------------------------------------------------- extract and check


async def _upload_text(file: UploadFile) -> str:
    data = await read_upload(file)
    if not data:
        raise InputError(f"文件“{file.filename}”是空的")
    return await in_worker(integrations.text_of_upload, file.filename or "upload.txt", data)


@router.post("/extract", response_model=FactsOut, tags=["抽取与核对"], summary="从报告文本中抽取指标事实（含字符位置）")
def extract(body: TextIn, user: CurrentUser) -> FactsOut:
    facts = integrations.extract(body.text)
    return FactsOut(count=len(facts), facts=facts)


@router.post("/extract/file", response_model=FactsOut, tags=["抽取与核对"],
             summary="上传报告文件（.txt/.docx/.pdf/.html）抽取指标事实")
async def extract_file(file: Annotated[UploadFile, File(description="报告文件")], user: CurrentUser) -> FactsOut:
    text = await _upload_text(file)
    facts = await in_worker(integrations.extract, text)
    return FactsOut(count=len(facts), facts=facts)


@router.post("/check", response_model=CheckOut, tags=["抽取与核对"], summary="核对报告文本中的数字与数据库、算术关系")
def check(body: CheckIn, db: DbDep, user: CurrentUser) -> Any:
    return integrations.check(db, body.text, region=body.region, period=body.period)


@router.post("/check/file", response_model=CheckOut, tags=["抽取与核对"], summary="上传报告文件进行核对")
async def check_file(db: DbDep, user: CurrentUser, file: Annotated[UploadFile, File(description="报告文件")],
                     region: Annotated[str | None, Form(max_length=100)] = None,
                     period: Annotated[str | None, Form(max_length=40)] = None) -> Any:
    text = await _upload_text(file)
    return await in_worker(integrations.check, db, text, region=region, period=period)


__all__ = ["NotFound", "router"]
