"""The plan-file format: pydantic models that define it and generate its JSON Schema
(``schemas/plan.schema.json``). Enum fields take the Chinese word (预期性) or the English name
(expected)."""

from __future__ import annotations

from decimal import Decimal
from enum import Enum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints

from planwatch.model import (
    Direction,
    Frequency,
    Measure,
    Nature,
    PriceBasis,
    ProjectLevel,
    RegionLevel,
    TaskStatus,
)


def _enum_by_name_or_value(enum: type[Enum]) -> BeforeValidator:
    def convert(value: Any) -> Any:
        if isinstance(value, str):
            for member in enum:
                if value == member.value or value.lower() == member.name.lower():
                    return member
        return value

    return BeforeValidator(convert)


# Enum fields that take the Chinese word or the English name.
_RegionLevel = Annotated[RegionLevel, _enum_by_name_or_value(RegionLevel)]
_Nature = Annotated[Nature, _enum_by_name_or_value(Nature)]
_Direction = Annotated[Direction, _enum_by_name_or_value(Direction)]
_Frequency = Annotated[Frequency, _enum_by_name_or_value(Frequency)]
_Measure = Annotated[Measure, _enum_by_name_or_value(Measure)]
_PriceBasis = Annotated[PriceBasis, _enum_by_name_or_value(PriceBasis)]
_ProjectLevel = Annotated[ProjectLevel, _enum_by_name_or_value(ProjectLevel)]
_TaskStatus = Annotated[TaskStatus, _enum_by_name_or_value(TaskStatus)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class SourceIn(_Strict):
    """Where the numbers of an entry come from: a document and the character span of each slot."""

    document: str | None = Field(None, description="documents 中的文档代码")
    spans: dict[str, tuple[int, int]] = Field(default_factory=dict,
                                              description="槽位（value、growth、share、plan_completion、change、status、count …）→ [起, 止) 字符位置")
    note: str | None = Field(None, description="说明，例如推算方法")


class PlanHeader(_Strict):
    region: str = Field(..., description="计划所属地区代码（regions 中的 code）")
    year: int = Field(..., ge=1949, le=2200, description="计划年度")
    title: str | None = Field(None, description="计划名称")


class RegionIn(_Strict):
    code: str = Field(..., description="行政区划代码（6位）或自定代码")
    name: str
    level: _RegionLevel = Field(..., description="国家/省/市/县区/乡镇街道")
    parent: str | None = None


class DocumentIn(_Strict):
    code: str
    title: str
    file: str | None = Field(None, description="文本文件路径（相对于计划文件夹）")
    # Not stripped: observation spans count characters from the text's very first one.
    text: Annotated[str | None, StringConstraints(strip_whitespace=False)] = Field(None, description="或直接给出全文")
    kind: str = "报告"
    published: str | None = None


class IndicatorIn(_Strict):
    code: str = Field(..., pattern=r"^[A-Za-z_][A-Za-z0-9_]*$", description="英文代码，公式中引用")
    name: str
    aliases: list[str] = Field(default_factory=list)
    unit: str
    category: str
    nature: _Nature = Nature.EXPECTED
    direction: _Direction = Direction.HIGHER
    frequency: _Frequency = Frequency.MONTHLY
    measure: _Measure = Measure.FLOW
    price_basis: _PriceBasis | None = None
    formula: str | None = Field(None, description="派生指标公式，如 services_va / gdp * 100")
    department: str | None = Field(None, description="责任部门")
    headline: bool = Field(False, description="是否列入主要指标（报告第一部分）")
    note: str | None = None
    parent: str | None = Field(None, description="“其中”项所属的总量指标代码")
    tags: list[str] = Field(default_factory=list)
    about_band: Decimal | None = Field(None, ge=0, description="本指标“左右”目标的容差（目标单位；百分比为百分点），不填用系统设置")
    precision: int | None = Field(None, ge=0, le=6, description="计算值（公式、推算）显示的小数位数")
    phrase: str | None = Field(None, min_length=1, description=(
        "报告中写在数字前的措辞（动词与名称），如 实现农林牧渔业总产值、村均经营性收入达；“{}”标出数字的位置"
        "（{}面向全国复制推广）；以“、”开头则与上一项用顿号相连，以“+”开头则紧接上一项；"
        "不填则按指标类型：以元计的累计量前加“完成”，其余照写名称"))


class GoalIn(_Strict):
    value: Decimal | None = None
    unit: str = "%"
    comparison: str = Field(..., description="以上、左右、以内、区间、达到、正增长（或 不低于、控制在、超）")
    upper: Decimal | None = None
    tier: Literal["确保", "力争", "争取"] | None = Field(None, description="两档目标的档次：确保（底线）、争取/力争（更高要求）")
    issuer: str | None = Field(None, description="下达该目标的上级（市、省、上级）；本级目标不填")


class AlternativeGoalIn(GoalIn):
    slot: Literal["level", "growth"] = Field(..., description="约束总量（level）还是增速（growth）")


class TargetIn(_Strict):
    indicator: str
    region: str | None = None
    level: GoalIn | None = None
    growth: GoalIn | None = None
    qualitative: str | None = Field(None, description="定性目标，如 完成上级下达任务、保持稳定")
    alternatives: list[AlternativeGoalIn] = Field(
        default_factory=list, description="其他档次或上级下达的目标（争取6%、市下达400亿元）；来源位置写作 alternatives.0 …")
    in_step_with: str | None = Field(None, description="“同步”目标对照的指标代码（居民收入与经济增长同步 → gdp）")
    text: str | None = Field(None, description="目标原文")
    source: SourceIn | None = None


class ObservationIn(_Strict):
    indicator: str
    region: str | None = None
    period: str
    value: Decimal | None = None
    unit: str | None = None
    growth: Decimal | None = None
    growth_basis: _PriceBasis | None = None
    plan_completion: Decimal | None = None
    share: Decimal | None = None
    share_of: str | None = None
    change: Decimal | None = None
    change_unit: str | None = None
    status: str | None = None
    estimate: bool = False
    qualifier: str | None = None
    note: str | None = None
    target_gap: Decimal | None = Field(None, description="报告所述与目标之差（高于预期目标0.2个百分点 → 0.2，低于 → -0.2）")
    source: SourceIn | None = None


class ProjectGroupIn(_Strict):
    code: str
    name: str
    level: _ProjectLevel
    region: str | None = None
    project_count: int | None = None
    new_start_count: int | None = None
    annual_plan: Decimal | None = Field(None, description="年度计划投资（亿元）")
    annual_plan_derived: bool = Field(False, description="年度计划投资是由完成投资和完成比例推算的")
    annual_plan_note: str | None = None
    category: str | None = None
    source: SourceIn | None = None


class ProjectIn(_Strict):
    code: str
    name: str
    level: _ProjectLevel
    region: str | None = None
    group: str | None = None
    category: str | None = None
    total_investment: Decimal | None = None
    annual_plan: Decimal | None = None
    new_start: bool = False
    started: bool | None = None
    town: str | None = None
    department: str | None = None
    source: SourceIn | None = None


class ProgressIn(_Strict):
    subject: str = Field(..., description="项目组或项目代码")
    period: str
    completed_investment: Decimal | None = None
    stated_completion: Decimal | None = Field(None, description="报告所述占年度计划 %")
    new_starts_started: int | None = None
    all_new_starts_started: bool = False
    stated_start_rate: Decimal | None = None
    source: SourceIn | None = None


class TaskGroupIn(_Strict):
    code: str
    name: str
    region: str | None = None
    count: int | None = None
    kind: str = "重点工作"
    note: str | None = None
    category: str | None = Field(None, description="报告中写入的类别（章节/小节）；不填则不写入报告正文")
    phrase: str | None = Field(None, min_length=1, description="报告措辞，“{}”为事项数，如 全力推进{}年度重点改革工作")
    source: SourceIn | None = None


class TaskIn(_Strict):
    code: str
    group: str
    title: str
    department: str | None = None
    status: _TaskStatus = TaskStatus.UNKNOWN
    progress_note: str | None = None
    source: SourceIn | None = None


class PlanFile(_Strict):
    """One plan file. A plan folder may split these sections over several files; together they
    must contain exactly one ``plan`` header."""

    model_config = ConfigDict(extra="forbid", title="planwatch 计划文件")

    plan: PlanHeader | None = None
    regions: list[RegionIn] = Field(default_factory=list)
    documents: list[DocumentIn] = Field(default_factory=list)
    categories: list[str] = Field(default_factory=list)
    departments: list[str] = Field(default_factory=list)
    indicators: list[IndicatorIn] = Field(default_factory=list)
    targets: list[TargetIn] = Field(default_factory=list)
    project_groups: list[ProjectGroupIn] = Field(default_factory=list)
    projects: list[ProjectIn] = Field(default_factory=list)
    project_progress: list[ProgressIn] = Field(default_factory=list)
    task_groups: list[TaskGroupIn] = Field(default_factory=list)
    tasks: list[TaskIn] = Field(default_factory=list)
    observations: list[ObservationIn] = Field(default_factory=list)


def json_schema() -> dict[str, Any]:
    schema = PlanFile.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://planwatch.example/schemas/plan.schema.json"
    return schema
