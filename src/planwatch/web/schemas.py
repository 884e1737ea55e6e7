"""Response and request models of the JSON API (they make the OpenAPI document), and the
conversions from domain objects. Numbers are strings exactly as stated ("1285.41"); unknown is null."""

from __future__ import annotations

from decimal import Decimal
from enum import Enum
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, create_model

from planwatch.model import (
    Indicator,
    Observation,
    Period,
    Project,
    ProjectGroup,
    Region,
    Source,
    Target,
    Task,
    TaskGroup,
)
from planwatch.model.formatting import stated
from planwatch.model.observation import FIELDS, ObservationField


def dec(value: Decimal | None) -> str | None:
    return stated(value)


class ProblemOut(BaseModel):
    message: str
    severity: str = "error"
    code: str = "invalid"
    text: str = Field(description="带位置的完整说明")
    location: dict[str, Any] | None = None


class ErrorBody(BaseModel):
    message: str = Field(description="错误说明（中文）")
    code: str
    problems: list[ProblemOut] = []


class ErrorOut(BaseModel):
    error: ErrorBody


ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorOut, "description": "找不到（地区、计划、指标等）"},
    422: {"model": ErrorOut, "description": "输入有误"},
}

# Routes that write or show who changed what also answer these.
AUTH_ERRORS: dict[int | str, dict[str, Any]] = {
    **ERRORS,
    401: {"model": ErrorOut, "description": "未登录（需要会话或 API 令牌）"},
    403: {"model": ErrorOut, "description": "无权操作（如填报员修改其他部门的指标）"},
    409: {"model": ErrorOut, "description": "统计期已锁定"},
    429: {"model": ErrorOut, "description": "登录失败次数过多，请稍后再试"},
}


class PeriodOut(BaseModel):
    code: str = Field(examples=["2025H1"])
    label: str = Field(examples=["2025年上半年"])
    time_progress: str = Field(description="序时进度（%）", examples=["50.0"])

    @classmethod
    def of(cls, period: Period) -> PeriodOut:
        from planwatch.services.status import time_progress

        return cls(code=period.code, label=period.label, time_progress=dec(time_progress(period)) or "0")


class RegionOut(BaseModel):
    code: str
    name: str
    level: str
    parent: str | None = None

    @classmethod
    def of(cls, region: Region) -> RegionOut:
        return cls(code=region.code, name=region.name, level=region.level.value, parent=region.parent)


class PlanOut(BaseModel):
    id: int
    region: str
    region_name: str
    year: int
    title: str


class TargetOut(BaseModel):
    region: str
    text: str = Field(description="目标表述")
    level: str | None = Field(None, description="水平目标数值")
    level_unit: str | None = None
    growth: str | None = Field(None, description="增长目标（%）")
    comparison: str | None = Field(None, description="以上 / 左右 / 以内 / 区间 / 达到 / 正增长")
    qualitative: str | None = None

    @classmethod
    def of(cls, target: Target) -> TargetOut:
        goal = target.level or target.growth
        return cls(region=target.region, text=target.describe(),
                   level=dec(target.level.value) if target.level else None,
                   level_unit=target.level.unit if target.level else None,
                   growth=dec(target.growth.value) if target.growth else None,
                   comparison=goal.comparison.value if goal else None, qualitative=target.qualitative)


class IndicatorOut(BaseModel):
    code: str
    name: str
    unit: str
    category: str
    aliases: list[str] = []
    nature: str = Field(description="预期性 / 约束性")
    direction: str
    frequency: str = Field(description="月度 / 季度 / 半年度 / 年度")
    measure: str
    headline: bool
    department: str | None = None
    formula: str | None = None
    note: str | None = None
    parent: str | None = None
    target: TargetOut | None = None

    @classmethod
    def of(cls, indicator: Indicator, target: Target | None = None) -> IndicatorOut:
        return cls(code=indicator.code, name=indicator.name, unit=indicator.unit, category=indicator.category,
                   aliases=list(indicator.aliases), nature=indicator.nature.value,
                   direction=indicator.direction.value, frequency=indicator.frequency.value,
                   measure=indicator.measure.value, headline=indicator.headline, department=indicator.department,
                   formula=indicator.formula, note=indicator.note, parent=indicator.parent,
                   target=TargetOut.of(target) if target else None)


class SourceOut(BaseModel):
    kind: str = Field(description="document / import / plan_file / user / derived")
    document: str | None = None
    spans: dict[str, list[int]] = Field(default_factory=dict, description="各数值在文档中的字符区间 [start, end)")
    locator: str | None = None
    user: str | None = None
    note: str | None = None
    description: str

    @classmethod
    def of(cls, source: Source) -> SourceOut:
        return cls(kind=source.kind.value, document=source.document,
                   spans={k: [a, b] for k, (a, b) in source.spans.items()}, locator=source.locator,
                   user=source.user, note=source.note, description=source.describe())


class _ObservationKeyOut(BaseModel):
    indicator: str
    region: str
    period: PeriodOut


def _out_field(spec: ObservationField) -> tuple[Any, Any]:
    """An observation field as the API shows it: numbers as stated text ("1285.41"), enums by their word."""
    if spec.type is bool:
        return bool, Field(False, description=spec.description or spec.label)
    unit = f"（{spec.unit}）" if spec.unit and spec.unit not in spec.description else ""
    return str | None, Field(None, description=f"{spec.description or spec.label}{unit}")


def _out_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return dec(value)
    return value.value if isinstance(value, Enum) else value


if TYPE_CHECKING:
    _ObservationFieldsOut = _ObservationKeyOut
else:   # one field per model.observation.FIELDS
    _ObservationFieldsOut = create_model("_ObservationFieldsOut", __base__=_ObservationKeyOut,
                                         **{spec.name: _out_field(spec) for spec in FIELDS})


class ObservationOut(_ObservationFieldsOut):
    """An observation: its key, every field of model.observation.FIELDS, and its source."""

    source: SourceOut | None = None

    @classmethod
    def of(cls, obs: Observation) -> ObservationOut:
        return cls.model_validate({
            "indicator": obs.indicator, "region": obs.region, "period": PeriodOut.of(obs.period),
            **{spec.name: _out_value(getattr(obs, spec.name)) for spec in FIELDS},
            "source": SourceOut.of(obs.source) if obs.source else None})


class SegmentOut(BaseModel):
    text: str
    slot: str | None = Field(None, description="该片段是哪个数值（value、growth …）；null 为普通文字")


class ExcerptOut(BaseModel):
    document: str
    title: str
    start: int
    end: int
    text: str
    segments: list[SegmentOut]


class HistoryPointOut(BaseModel):
    observation: ObservationOut
    completion: str | None = Field(None, description="实际 ÷ 年度目标（%），状态引擎按该期计算")
    time_progress: str
    growth_gap: str | None = Field(None, description="实际增长 − 目标增长（百分点）")
    verdict: str = Field(description="该期的判断（与 /status 同一规则）")
    word: str = Field(description="显示的判断用语（如 完成上级下达任务、进展顺利（待核数））")
    tone: str = Field(description="good / warn / bad / neutral")
    excerpt: ExcerptOut | None = Field(None, description="数据出处原句")


class IndicatorDetailOut(BaseModel):
    indicator: IndicatorOut
    region: RegionOut
    history: list[HistoryPointOut]
    status: dict[str, Any] | None = Field(None, description="所选统计期的状态（同 /status 的一行）")


class StatusRowOut(BaseModel):
    """One row of the status table (the analytics engine may add fields; they pass through)."""

    model_config = ConfigDict(extra="allow")

    code: str
    name: str
    category: str
    unit: str
    headline: bool
    value: str | None = None
    growth: str | None = None
    target: str | None = None
    verdict: str = Field(description="判断：超序时、达序时、滞后序时、提前完成全年任务、超额完成、超过预期、达标、进展顺利、"
                                     "基本达标、经努力可完成、存在差距、未达标、按报告、待评估、年度数据、缺数、目标未设定")
    word: str = Field(description="显示的用语：判断，或目标原话（完成上级下达任务），无数字时加“（待核数）”")
    tone: str = Field(description="good / warn / bad / neutral")
    explanation: str
    completion: str | None = None
    time_progress: str | None = None
    gap_points: str | None = None
    growth_gap: str | None = None
    double_half: bool | None = None


class StatusOut(BaseModel):
    model_config = ConfigDict(extra="allow")

    plan: str
    region: dict[str, str]
    period: dict[str, str]
    time_progress: str
    counts: dict[str, int]
    rows: list[StatusRowOut]


class RollupRowOut(BaseModel):
    code: str
    name: str
    unit: str
    measure: str = Field(description="计量类型：累计流量、存量、比率、计数、定性")
    rule: str = Field(description="sum（累计值相加）、stock_sum（存量期末值相加）、not_aggregable（不可加总）")
    aggregable: bool
    note: str = Field(description="加总规则的说明")
    own_value: str | None = Field(None, description="本级公布数（以指标单位计）；始终以本级公布数为准")
    own_growth: str | None = None
    children: int = Field(description="直属下级个数")
    reporting: int = Field(description="有本期数据的下级个数")
    total: str | None = Field(None, description="下级合计（以指标单位计）")
    growth: str | None = Field(None, description="下级合计增速（%，现价：合计 ÷ 上年同期合计 − 1）；并非所有已报下级都有上年同期数时为空")
    growth_note: str
    difference: str | None = Field(None, description="本级公布数 − 下级合计（所有下级都已报时）")


class RollupOut(BaseModel):
    plan: str
    region: dict[str, str]
    period: dict[str, str]
    children: list[dict[str, str]]
    rows: list[RollupRowOut]


class ProgressOut(BaseModel):
    annual_plan: str | None = Field(None, description="年度计划投资（亿元）")
    completed: str | None = Field(None, description="完成投资（亿元）")
    completion: str | None = Field(None, description="占年度计划（%）")
    completion_stated: bool = Field(description="占比为原文所述（否则为计算值）")
    time_progress: str
    verdict: str = Field(description="判断（状态引擎）：超序时、达序时、滞后序时、提前完成全年任务、缺数 …")
    tone: str = Field(description="good / warn / bad / neutral")
    gap_points: str | None = Field(None, description="完成率 − 序时进度（百分点）")
    explanation: str
    new_starts_started: int | None = None

    @classmethod
    def of(cls, status: Any) -> ProgressOut:
        return cls(annual_plan=dec(status.annual_plan), completed=dec(status.completed_investment),
                   completion=status.completion_text, completion_stated=status.rule != "completion_vs_schedule",
                   time_progress=dec(status.time_progress) or "0", verdict=status.verdict.value,
                   tone=status.verdict.tone, gap_points=status.gap_text, explanation=status.explanation,
                   new_starts_started=status.new_starts_started)


class ProjectOut(BaseModel):
    code: str
    name: str
    level: str
    group: str | None = None
    category: str | None = None
    town: str | None = None
    department: str | None = None
    total_investment: str | None = None
    new_start: bool = False
    started: bool | None = None
    progress: ProgressOut

    @classmethod
    def of(cls, project: Project, progress: Any) -> ProjectOut:
        return cls(code=project.code, name=project.name, level=project.level.value, group=project.group,
                   category=project.category, town=project.town, department=project.department,
                   total_investment=dec(project.total_investment), new_start=project.new_start,
                   started=project.started, progress=ProgressOut.of(progress))


class ProjectGroupOut(BaseModel):
    code: str
    name: str
    level: str
    category: str | None = None
    project_count: int | None = None
    new_start_count: int | None = None
    annual_plan_derived: bool = False
    annual_plan_note: str | None = None
    progress: ProgressOut
    projects: list[ProjectOut]

    @classmethod
    def of(cls, group: ProjectGroup, progress: Any, projects: list[ProjectOut]) -> ProjectGroupOut:
        return cls(code=group.code, name=group.name, level=group.level.value, category=group.category,
                   project_count=group.project_count, new_start_count=group.new_start_count,
                   annual_plan_derived=group.annual_plan_derived, annual_plan_note=group.annual_plan_note,
                   progress=ProgressOut.of(progress), projects=projects)


class ProjectsOut(BaseModel):
    period: PeriodOut
    groups: list[ProjectGroupOut]
    ungrouped: list[ProjectOut]
    options: dict[str, list[str]] = Field(description="可用的筛选值（层级、类别、镇街、部门）")


class TaskOut(BaseModel):
    code: str
    group: str
    title: str
    department: str | None = None
    status: str
    progress_note: str | None = None

    @classmethod
    def of(cls, task: Task) -> TaskOut:
        return cls(code=task.code, group=task.group, title=task.title, department=task.department,
                   status=task.status.value, progress_note=task.progress_note)


class TaskGroupOut(BaseModel):
    code: str
    name: str
    kind: str
    count: int | None = Field(None, description="计划所述项数")
    note: str | None = None
    status_counts: dict[str, int]
    tasks: list[TaskOut]

    @classmethod
    def of(cls, group: TaskGroup, tasks: list[TaskOut], counts: dict[str, int]) -> TaskGroupOut:
        return cls(code=group.code, name=group.name, kind=group.kind, count=group.count, note=group.note,
                   status_counts=counts, tasks=tasks)


class CompareOut(BaseModel):
    parent: RegionOut
    period: PeriodOut
    regions: list[RegionOut]
    indicators: list[IndicatorOut]
    values: dict[str, dict[str, ObservationOut | None]] = Field(description="地区代码 → 指标代码 → 观测值")
    regions_without_figures: list[str]
    message: str | None = None


class TextIn(BaseModel):
    text: str = Field(min_length=1, max_length=2_000_000, description="报告全文")


class CheckIn(TextIn):
    region: str | None = Field(None, max_length=100)
    period: str | None = Field(None, max_length=40)


class FactsOut(BaseModel):
    count: int
    facts: list[dict[str, Any]] = Field(description="每条事实：指标名、数值槽（number、unit、span）等，见 extract 说明")


class PlaceOut(BaseModel):
    line: int
    column: int
    start: int = Field(description="所核对数字在文本中的字符位置 [start, end)")
    end: int
    sentence: str


class CheckItemOut(BaseModel):
    kind: str = Field(description="占比 / 比率 / 计划完成 / 其中 / 个数比例 / 与数据库比对 / 序时进度")
    outcome: str = Field(description="PASS（一致）/ MISMATCH（不一致）/ 无法核对")
    claim: str
    stated: str | None = None
    computed: str | None = None
    formula: str = ""
    tolerance: str = ""
    note: str = ""
    place: PlaceOut
    numbers: dict[str, str] = {}


class CheckOut(BaseModel):
    ok: bool = Field(description="没有不一致之处")
    summary: str
    facts: int = Field(description="读取的数据事实条数")
    passed: int
    mismatches: int
    unverifiable: int
    checks: list[CheckItemOut]


class ReportFormatOut(BaseModel):
    format: Literal["docx", "md", "html"]
    label: str
    url: str


class ReportsOut(BaseModel):
    available: bool = Field(description="报告生成功能是否可用")
    region: str
    period: PeriodOut
    formats: list[ReportFormatOut]
