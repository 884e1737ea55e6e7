"""The plan-file format: pydantic models that define it and generate its JSON Schema
(``schemas/plan.schema.json``). Enum fields take the Chinese word (预期性) or the English name
(expected). The observation entries are built from the one field declaration
(:data:`planwatch.model.observation.FIELDS`); every number is a :data:`StatedNumber` and every
text within the limits of :mod:`planwatch.model.limits` (length, no control characters).

Regenerate the JSON Schema after a change::

    .venv/bin/python -m planwatch.ingest.plan_schema > schemas/plan.schema.json
"""

from __future__ import annotations

from decimal import Decimal
from enum import Enum
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    WithJsonSchema,
    create_model,
)
from pydantic_core import PydanticCustomError

from planwatch.model import (
    Direction,
    Frequency,
    Measure,
    Nature,
    PriceBasis,
    ProjectLevel,
    RegionLevel,
    TaskStatus,
    limits,
)
from planwatch.model.observation import FIELDS, ObservationField


def _enum_by_name_or_value(enum: type[Enum]) -> BeforeValidator:
    def convert(value: Any) -> Any:
        if isinstance(value, str):
            for member in enum:
                if value == member.value or value.lower() == member.name.lower():
                    return member
        return value

    return BeforeValidator(convert)


def _stated_number(raw: Any) -> Any:
    if isinstance(raw, str | int | float | Decimal) and not isinstance(raw, bool):
        number, problem = limits.parse_number(raw)
        if problem:
            raise PydanticCustomError("number", problem)
        if number is None:
            raise PydanticCustomError("number", "应为数字")
        return number
    return raw


def _no_controls(text: str) -> str:
    problem = limits.text_problem(text, None)
    if problem:
        raise PydanticCustomError("text", problem)
    return text


#: A number as stated: finite, |x| < 10^15, at most 6 decimals (model/limits.py).
StatedNumber = Annotated[Decimal, BeforeValidator(_stated_number), WithJsonSchema({
    "anyOf": [{"type": "number", "exclusiveMinimum": -1e15, "exclusiveMaximum": 1e15},
              {"type": "string", "pattern": r"^[+-]?[0-9]{1,15}(\.[0-9]{1,6})?$"}],
    "description": "数字（绝对值小于 10^15，最多 6 位小数）"})]
#: A count (项目数, 项数): a whole number from 0 to 10^9.
Count = Annotated[int, Field(ge=0, le=limits.MAX_COUNT)]


_CLEAN = AfterValidator(_no_controls)
# Texts of at most so many characters (the store's column sizes) without control characters (NUL …).
Code = Annotated[str, StringConstraints(max_length=limits.CODE), _CLEAN]
RegionCode = Annotated[str, StringConstraints(max_length=limits.REGION_CODE), _CLEAN]
RegionRef = Annotated[str, StringConstraints(max_length=limits.NAME), _CLEAN]     # a region's code or name
Short = Annotated[str, StringConstraints(max_length=limits.SHORT), _CLEAN]
Qualifier = Annotated[str, StringConstraints(max_length=limits.QUALIFIER), _CLEAN]
Name = Annotated[str, StringConstraints(max_length=limits.NAME), _CLEAN]
LongName = Annotated[str, StringConstraints(max_length=limits.LONG_NAME), _CLEAN]
Title = Annotated[str, StringConstraints(max_length=limits.TITLE), _CLEAN]
Formula = Annotated[str, StringConstraints(max_length=limits.FORMULA), _CLEAN]
Note = Annotated[str, StringConstraints(max_length=limits.NOTE), _CLEAN]
# Not stripped: observation spans count characters from the text's very first one.
DocumentText = Annotated[str, StringConstraints(max_length=limits.DOCUMENT, strip_whitespace=False), _CLEAN]
_TEXT_BY_LENGTH: dict[int, Any] = {limits.SHORT: Short, limits.QUALIFIER: Qualifier, limits.NAME: Name,
                                   limits.LONG_NAME: LongName, limits.TITLE: Title, limits.NOTE: Note}


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

    document: Code | None = Field(None, description="documents 中的文档代码")
    spans: dict[Short, tuple[int, int]] = Field(default_factory=dict,
                                                description="槽位（value、growth、share、plan_completion、change、status、count …）→ [起, 止) 字符位置")
    note: Note | None = Field(None, description="说明，例如推算方法")


class PlanHeader(_Strict):
    region: RegionCode = Field(..., description="计划所属地区代码（regions 中的 code）")
    year: int = Field(..., ge=1949, le=2200, description="计划年度")
    title: Title | None = Field(None, description="计划名称")


class RegionIn(_Strict):
    code: RegionCode = Field(..., description="行政区划代码（6位）或自定代码")
    name: Name
    level: _RegionLevel = Field(..., description="国家/省/市/县区/乡镇街道")
    parent: RegionCode | None = None


class DocumentIn(_Strict):
    code: Code
    title: Title
    file: Note | None = Field(None, description="文本文件路径（相对于计划文件夹）")
    text: DocumentText | None = Field(None, description="或直接给出全文")
    kind: Short = "报告"
    published: Short | None = None


class IndicatorIn(_Strict):
    code: Code = Field(..., pattern=r"^[A-Za-z_][A-Za-z0-9_]*$", description="英文代码，公式中引用")
    name: LongName
    aliases: list[LongName] = Field(default_factory=list)
    unit: Short
    category: Name
    nature: _Nature = Nature.EXPECTED
    direction: _Direction = Direction.HIGHER
    frequency: _Frequency = Frequency.MONTHLY
    measure: _Measure = Measure.FLOW
    price_basis: _PriceBasis | None = None
    formula: Formula | None = Field(None, description="派生指标公式，如 services_va / gdp * 100")
    department: Name | None = Field(None, description="责任部门")
    headline: bool = Field(False, description="是否列入主要指标（报告第一部分）")
    note: Note | None = None
    parent: Code | None = Field(None, description="“其中”项所属的总量指标代码")
    tags: list[Name] = Field(default_factory=list)
    about_band: StatedNumber | None = Field(None, ge=0, description="本指标“左右”目标的容差（目标单位；百分比为百分点），不填用系统设置")
    precision: int | None = Field(None, ge=0, le=6, description="计算值（公式、推算）显示的小数位数")
    phrase: Note | None = Field(None, min_length=1, description=(
        "报告中写在数字前的措辞（动词与名称），如 实现农林牧渔业总产值、村均经营性收入达；“{}”标出数字的位置"
        "（{}面向全国复制推广）；以“、”开头则与上一项用顿号相连，以“+”开头则紧接上一项；"
        "不填则按指标类型：以元计的累计量前加“完成”，其余照写名称"))


class GoalIn(_Strict):
    value: StatedNumber | None = None
    unit: Short = "%"
    comparison: Short = Field(..., description="以上、左右、以内、区间、达到、正增长（或 不低于、控制在、超）")
    upper: StatedNumber | None = None
    tier: Literal["确保", "力争", "争取"] | None = Field(None, description="两档目标的档次：确保（底线）、争取/力争（更高要求）")
    issuer: Name | None = Field(None, description="下达该目标的上级（市、省、上级）；本级目标不填")


class AlternativeGoalIn(GoalIn):
    slot: Literal["level", "growth"] = Field(..., description="约束总量（level）还是增速（growth）")


class TargetIn(_Strict):
    indicator: Code
    region: RegionRef | None = None
    level: GoalIn | None = None
    growth: GoalIn | None = None
    qualitative: LongName | None = Field(None, description="定性目标，如 完成上级下达任务、保持稳定")
    alternatives: list[AlternativeGoalIn] = Field(
        default_factory=list, description="其他档次或上级下达的目标（争取6%、市下达400亿元）；来源位置写作 alternatives.0 …")
    in_step_with: Code | None = Field(None, description="“同步”目标对照的指标代码（居民收入与经济增长同步 → gdp）")
    text: Note | None = Field(None, description="目标原文")
    source: SourceIn | None = None


def _observation_field(spec: ObservationField) -> tuple[Any, Any]:
    """The plan-file type and default of one observation field."""
    described = Field(None, description=spec.description or spec.label)
    if spec.type is Decimal:
        return StatedNumber | None, described
    if spec.type is bool:
        return bool, Field(False, description=spec.description or spec.label)
    if spec.type is PriceBasis:
        return _PriceBasis | None, described
    return _TEXT_BY_LENGTH[spec.max_length or limits.NOTE] | None, described


class _ObservationKey(_Strict):
    indicator: Code
    region: RegionRef | None = None
    period: Short


#: One entry of ``observations``: the key, every field of model.observation.FIELDS, the source.
ObservationIn: type[_ObservationKey] = create_model(  # type: ignore[call-overload]  # fields built from FIELDS
    "ObservationIn", __base__=_ObservationKey,
    **{spec.name: _observation_field(spec) for spec in FIELDS},
    source=(SourceIn | None, None),
)


class ProjectGroupIn(_Strict):
    code: Code
    name: LongName
    level: _ProjectLevel
    region: RegionRef | None = None
    project_count: Count | None = None
    new_start_count: Count | None = None
    annual_plan: StatedNumber | None = Field(None, description="年度计划投资（亿元）")
    annual_plan_derived: bool = Field(False, description="年度计划投资是由完成投资和完成比例推算的")
    annual_plan_note: Note | None = None
    category: Name | None = None
    source: SourceIn | None = None


class ProjectIn(_Strict):
    code: Code
    name: Title
    level: _ProjectLevel
    region: RegionRef | None = None
    group: Code | None = None
    category: Name | None = None
    total_investment: StatedNumber | None = None
    annual_plan: StatedNumber | None = None
    new_start: bool = False
    started: bool | None = None
    town: Name | None = None
    department: Name | None = None
    source: SourceIn | None = None


class ProgressIn(_Strict):
    subject: Code = Field(..., description="项目组或项目代码")
    period: Short
    completed_investment: StatedNumber | None = None
    stated_completion: StatedNumber | None = Field(None, description="报告所述占年度计划 %")
    new_starts_started: Count | None = None
    all_new_starts_started: bool = False
    stated_start_rate: StatedNumber | None = None
    source: SourceIn | None = None


class TaskGroupIn(_Strict):
    code: Code
    name: LongName
    region: RegionRef | None = None
    count: Count | None = None
    kind: Short = "重点工作"
    note: Note | None = None
    category: Name | None = Field(None, description="报告中写入的类别（章节/小节）；不填则不写入报告正文")
    phrase: Note | None = Field(None, min_length=1, description="报告措辞，“{}”为事项数，如 全力推进{}年度重点改革工作")
    source: SourceIn | None = None


class TaskIn(_Strict):
    code: Code
    group: Code
    title: Title
    department: Name | None = None
    status: _TaskStatus = TaskStatus.UNKNOWN
    progress_note: Note | None = None
    source: SourceIn | None = None


class MaterialIn(_Strict):
    """A department's written material for a period (工作进展与亮点, 存在问题, 下一步打算)."""

    code: Code = Field(..., description="材料代码（计划内唯一）")
    department: Name = Field(..., description="提交材料的部门")
    region: RegionRef | None = None
    period: Short
    kind: Short = Field(..., description="材料类型：工作进展与亮点、存在问题、下一步打算（或 亮点、问题、打算）")
    category: Name | None = Field(None, description="材料所属类别（章节/小节）：报告把工作进展与亮点写在该小节的数字之后")
    text: Note | None = Field(None, description="材料原文；不填则取来源文档 spans.text 位置的文字")
    author: Name | None = Field(None, description="撰写人（不填为部门）")
    state: Short = Field("已通过", description="审核状态：已通过（计划文件所载，默认）、待审核、已退回")
    source: SourceIn | None = Field(None, description="来源：文档与材料原文的位置 spans.text")


class PlanFile(_Strict):
    """One plan file. A plan folder may split these sections over several files; together they
    must contain exactly one ``plan`` header."""

    model_config = ConfigDict(extra="forbid", title="planwatch 计划文件")

    plan: PlanHeader | None = None
    regions: list[RegionIn] = Field(default_factory=list)
    documents: list[DocumentIn] = Field(default_factory=list)
    categories: list[Name] = Field(default_factory=list)
    departments: list[Name] = Field(default_factory=list)
    indicators: list[IndicatorIn] = Field(default_factory=list)
    targets: list[TargetIn] = Field(default_factory=list)
    project_groups: list[ProjectGroupIn] = Field(default_factory=list)
    projects: list[ProjectIn] = Field(default_factory=list)
    project_progress: list[ProgressIn] = Field(default_factory=list)
    task_groups: list[TaskGroupIn] = Field(default_factory=list)
    tasks: list[TaskIn] = Field(default_factory=list)
    observations: list[ObservationIn] = Field(default_factory=list)
    materials: list[MaterialIn] = Field(default_factory=list)


def json_schema() -> dict[str, Any]:
    schema = PlanFile.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://planwatch.example/schemas/plan.schema.json"
    return schema


if __name__ == "__main__":
    import json

    print(json.dumps(json_schema(), ensure_ascii=False, indent=2))
