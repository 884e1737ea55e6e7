"""Observation (观测值): an indicator's figures for one region and period, with their source, and
the one declaration of its fields (:data:`FIELDS`).

Every door derives from :data:`FIELDS`: the plan-file models and JSON Schema
(``ingest/plan_schema.py``), the JSON API models (``web/schemas.py``), the Excel form's input
columns (``ingest/forms.py``), the CSV columns (``ingest/exchange.py``), the store's columns and row
mapping (``store/tables.py``, ``store/rows.py``) and the value rules that every door applies
(:func:`field_problems`, used by ``ingest/plan_file.py`` and ``analyze/validation.py``). Adding a
field is one attribute of :class:`Observation` plus one :class:`ObservationField` line here (see
docs/architecture.md, "Adding an observation field").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from planwatch.model import limits
from planwatch.model.indicator import Indicator, Measure, PriceBasis
from planwatch.model.period import Period
from planwatch.model.source import Source


@dataclass(frozen=True, slots=True)
class Observation:
    """观测值. Every number keeps the precision it was stated with (Decimal("2836.10")).

    - ``value`` in ``unit``; ``growth`` in % against the same period a year earlier, on ``growth_basis``;
    - ``plan_completion``: the share of the annual plan as *stated* (占年度计划57.4%);
    - ``share``: the share of a named total as stated (占GDP比重49.4%), ``share_of`` names the total;
    - ``change``: an absolute change (较去年底提升3.9个百分点) in ``change_unit``;
    - ``status``: a qualitative result in words (保持稳定, 完成上级下达任务);
    - ``estimate``: the figure is a 预计 value; ``qualifier``: 超, 近, 余, 左右 as written;
    - ``target_gap``: the stated gap to the target in points or the level's unit
      (高于预期目标0.2个百分点 → 0.2, 低于… → −0.2): when the plan has no target, the status engine
      judges against the target it implies (growth − gap)."""

    indicator: str
    region: str
    period: Period
    value: Decimal | None = None
    unit: str | None = None
    growth: Decimal | None = None
    growth_basis: PriceBasis | None = None
    plan_completion: Decimal | None = None
    share: Decimal | None = None
    share_of: str | None = None
    change: Decimal | None = None
    change_unit: str | None = None
    status: str | None = None
    estimate: bool = False
    qualifier: str | None = None
    note: str | None = None
    source: Source | None = None
    target_gap: Decimal | None = None

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.indicator, self.region, self.period.code)

    @property
    def has_numbers(self) -> bool:
        return any(x is not None for x in (self.value, self.growth, self.plan_completion, self.share, self.change))


#: How a number field is checked: ``amount`` (the indicator's value: not negative for amounts,
#: counts and stocks, 0—100 for a share indicator), ``growth`` (not below −100 %), ``share``
#: (0—100 %), ``signed`` (any sign).
NumberRule = Literal["amount", "growth", "share", "signed"]
FieldType = type[Decimal] | type[str] | type[bool] | type[PriceBasis]


@dataclass(frozen=True, slots=True)
class ObservationField:
    """One field of :class:`Observation` as every door sees it.

    ``label`` is the Chinese name (messages, form headers, API descriptions); ``unit`` the unit of
    a number when it is not the indicator's; ``rule`` how a number is checked; ``max_length`` the
    longest text. ``csv``: a column of the CSV exchange format (``core`` columns come before
    ``source``, ``extra`` ones after); such fields are *collected*: departments write them through
    forms, CSV, the API and the web entry form. ``form``: the header of its input column in the
    Excel form (``form_width`` wide), if it has one."""

    name: str
    type: FieldType
    label: str
    description: str = ""
    unit: str | None = None
    rule: NumberRule | None = None
    max_length: int | None = None
    csv: Literal["core", "extra"] | None = None
    form: str | None = None
    form_width: int = 14

    @property
    def collected(self) -> bool:
        return self.csv is not None


FIELDS: tuple[ObservationField, ...] = (
    ObservationField("value", Decimal, "本期数值", "数值，按 unit（默认指标单位）", rule="amount", csv="core",
                     form="本期数值"),
    ObservationField("unit", str, "单位", "数值的单位（默认指标单位）", max_length=limits.SHORT, csv="core"),
    ObservationField("growth", Decimal, "同比增长", "同比增长（%）", unit="%", rule="growth", csv="core",
                     form="同比增长（%）"),
    ObservationField("growth_basis", PriceBasis, "增速价格口径", "现价 / 不变价 / 可比价"),
    ObservationField("plan_completion", Decimal, "占年度计划", "占年度计划（%），按原文", unit="%", rule="signed"),
    ObservationField("share", Decimal, "占比", "占 share_of 的比重（%），按原文", unit="%", rule="share"),
    ObservationField("share_of", str, "占比所指总量", "比重所指的总量，如 GDP", max_length=limits.LONG_NAME),
    ObservationField("change", Decimal, "变化量", "较上年（底）的变化，单位见 change_unit", rule="signed"),
    ObservationField("change_unit", str, "变化量单位", "变化量的单位，如 个百分点", max_length=limits.SHORT),
    ObservationField("estimate", bool, "数据性质", "是否预计数", csv="extra", form="数据性质", form_width=10),
    ObservationField("status", str, "定性情况", "定性表述，如 保持稳定", max_length=limits.TITLE, csv="extra",
                     form="定性情况", form_width=22),
    ObservationField("qualifier", str, "限定词", "超、近、余、左右（按原文）", max_length=limits.QUALIFIER),
    ObservationField("note", str, "备注", "备注", max_length=limits.NOTE, csv="core", form="备注", form_width=30),
    ObservationField("target_gap", Decimal, "与目标之差",
                     "报告所述与目标之差（高于预期目标0.2个百分点 → 0.2，低于 → -0.2）", rule="signed"),
)
FIELD = {f.name: f for f in FIELDS}
COLLECTED = tuple(f for f in FIELDS if f.collected)

SHARE_WORDS = ("比重", "占比", "比例")
# an amount whose name says it is a change may be negative (煤炭消费量变化 −12万吨)
SIGNED_WORDS = ("变化", "增减", "净增", "差额")
AMOUNT_MEASURES = (Measure.FLOW, Measure.STOCK, Measure.COUNT)


def is_share(indicator: Indicator) -> bool:
    """A share indicator (服务业增加值占GDP比重, in %): its values lie between 0 and 100."""
    return indicator.unit == "%" and any(word in indicator.name for word in SHARE_WORDS)


def may_be_negative(indicator: Indicator) -> bool:
    """Whether the indicator's value may be below zero: rates may; amounts, stocks and counts only
    when the name says they are a change."""
    return indicator.measure not in AMOUNT_MEASURES or any(word in indicator.name for word in SIGNED_WORDS)


@dataclass(frozen=True, slots=True)
class FieldProblem:
    """A value that breaks its field's rule: ``code`` is ``type`` (not a storable number),
    ``range`` (a sign or bound of the measure), or ``text`` (a character or the length)."""

    field: str
    code: str
    message: str


def field_problems(values: Mapping[str, object], indicator: Indicator | None = None) -> list[FieldProblem]:
    """Every value of ``values`` (field name → value; absent or None: not given) that breaks the
    rule of its field; the rules that depend on the measure need ``indicator``."""
    out: list[FieldProblem] = []
    for spec in FIELDS:
        value = values.get(spec.name)
        if isinstance(value, Decimal):
            out.extend(_number_problems(spec, value, indicator))
        elif isinstance(value, str) and spec.type is str:
            problem = limits.text_problem(value, spec.max_length)
            if problem:
                out.append(FieldProblem(spec.name, "text", f"{spec.label}{problem}"))
    return out


def _type_problem(spec: ObservationField, value: Decimal) -> FieldProblem | None:
    """A number no column can hold (model.limits), as the field's ``type`` problem."""
    problem = limits.number_problem(value)
    return FieldProblem(spec.name, "type", f"{spec.label}{problem}") if problem else None


def _number_problems(spec: ObservationField, value: Decimal, indicator: Indicator | None) -> list[FieldProblem]:
    if (wrong := _type_problem(spec, value)) is not None:
        return [wrong]
    name = f"“{indicator.name}”" if indicator is not None else ""
    shown = format(value, "f")
    if spec.rule == "growth" and value < -100:
        return [FieldProblem(spec.name, "range", f"{name}的增长率 {shown}% 低于 -100%，不可能")]
    if spec.rule == "share" and not 0 <= value <= 100:
        return [FieldProblem(spec.name, "range", f"{name}{spec.label}应在 0—100% 之间，填写的是 {shown}%")]
    if spec.rule == "amount" and indicator is not None:
        if is_share(indicator) and not 0 <= value <= 100:
            return [FieldProblem(spec.name, "range", f"{name}是比重，应在 0—100% 之间，填写的是 {shown}")]
        if value < 0 and not may_be_negative(indicator):
            return [FieldProblem(spec.name, "range", f"{name}不能为负数（填写的是 {shown}）")]
    return []


_DECIMAL_FIELDS = tuple(f for f in FIELDS if f.type is Decimal)


def stored_number_problems(obs: Observation) -> list[FieldProblem]:
    """Numbers of a stored observation that no door accepts today (an older version let them in):
    the status engine reports such a row as an error instead of computing with it. (The ``type``
    problems of :func:`field_problems`, checked directly: this runs on every row the engine reads.)"""
    out: list[FieldProblem] = []
    for spec in _DECIMAL_FIELDS:
        value = getattr(obs, spec.name)
        if isinstance(value, Decimal) and (wrong := _type_problem(spec, value)) is not None:
            out.append(wrong)
    return out


def period_problem(period: Period, year: int) -> str | None:
    """A period outside the plan year (an observation of a 2025 plan is of 2025)."""
    return None if period.year == year else f"统计期“{period.label}”不在计划年度 {year} 内"
