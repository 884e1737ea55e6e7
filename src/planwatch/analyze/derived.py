"""Derived indicators: formulas declared in the plan (``services_va / gdp * 100``), evaluated per
region and period from the observed values of the indicators they name, with units checked.

The formula language is small on purpose: indicator codes, decimal numbers, ``+ - * /`` and
parentheses. Each input is converted to its base unit first (亿元 → 元), so 亿元 ÷ 万元 is right;
the dimension of the result must match the indicator's unit. Dimensionless units (%, ‰, 倍) take
their factor from the formula itself: a percentage indicator writes ``… * 100``.
A unit mismatch (亿元 + 万人, 元 ÷ 人 for a % indicator, 亿元 + 亿美元) is reported in plain Chinese,
never computed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, DivisionByZero, InvalidOperation

from planwatch.analyze.numbers import fmt
from planwatch.model import Indicator, Observation, Period, Plan, Region
from planwatch.model.units import UnitError, parse_unit

Dimension = tuple[tuple[str, int], ...]     # sorted (base, exponent) pairs; () = dimensionless

_DIMENSIONLESS = {"%": Decimal("0.01"), "‰": Decimal("0.001"), "倍": Decimal(1), "成": Decimal("0.1"),
                  "个百分点": Decimal("0.01")}


class FormulaError(ValueError):
    """A formula that cannot be read or whose units do not agree; the message is Chinese."""


def dimension_of(unit_text: str) -> tuple[Dimension, Decimal]:
    """The dimension and the factor to base units of a unit such as 亿元, 元/人, %, 万人次."""
    unit = parse_unit(unit_text)
    if unit.base in _DIMENSIONLESS:
        # numbers in %, ‰, 倍 are used as stated: the formula carries its own factor (× 100)
        return (), Decimal(unit.factor)
    parts = unit.base.split("/")
    dims: dict[str, int] = {parts[0]: 1}
    for denominator in parts[1:]:
        dims[denominator] = dims.get(denominator, 0) - 1
    return _norm(dims), Decimal(unit.factor)


def _norm(dims: Mapping[str, int]) -> Dimension:
    return tuple(sorted((k, v) for k, v in dims.items() if v))


def describe_dimension(dim: Dimension) -> str:
    if not dim:
        return "无量纲（比值）"
    num = [k if v == 1 else f"{k}^{v}" for k, v in dim if v > 0]
    den = [k if v == -1 else f"{k}^{-v}" for k, v in dim if v < 0]
    text = "·".join(num) or "1"
    return text + ("/" + "/".join(den) if den else "")


@dataclass(frozen=True)
class _Q:
    """A quantity during evaluation: a number in base units and its dimension."""

    value: Decimal | None
    dim: Dimension
    literal: bool = False


# --------------------------------------------------------------------------- parsing
_TOKEN = re.compile(r"\s*(?:(?P<num>\d+(?:\.\d+)?)|(?P<name>[A-Za-z_][A-Za-z0-9_]*)|(?P<op>[-+*/×÷()]))")


def tokens(formula: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    pos = 0
    text = formula.strip()
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if not match or match.end() == pos:
            raise FormulaError(f"公式“{formula}”第 {pos + 1} 个字符“{text[pos]}”无法识别（只能用指标代码、数字、+ - * / 和括号）")
        pos = match.end()
        kind = match.lastgroup
        assert kind is not None
        value = match.group(kind)
        out.append((kind, {"×": "*", "÷": "/"}.get(value, value)))
    return out


def names_in(formula: str) -> list[str]:
    return [value for kind, value in tokens(formula) if kind == "name"]


class _Parser:
    def __init__(self, formula: str, lookup: Callable[[str], _Q]) -> None:
        self.formula = formula
        self.items = tokens(formula)
        self.pos = 0
        self.lookup = lookup

    def parse(self) -> _Q:
        if not self.items:
            raise FormulaError("公式为空")
        result = self.expr()
        if self.pos != len(self.items):
            raise FormulaError(f"公式“{self.formula}”在“{self.items[self.pos][1]}”处多余")
        return result

    def peek(self) -> str | None:
        return self.items[self.pos][1] if self.pos < len(self.items) else None

    def expr(self) -> _Q:
        left = self.term()
        while self.peek() in ("+", "-"):
            op = self.items[self.pos][1]
            self.pos += 1
            right = self.term()
            left = _add(left, right, op, self.formula)
        return left

    def term(self) -> _Q:
        left = self.factor()
        while self.peek() in ("*", "/"):
            op = self.items[self.pos][1]
            self.pos += 1
            right = self.factor()
            left = _mul(left, right, op)
        return left

    def factor(self) -> _Q:
        if self.pos >= len(self.items):
            raise FormulaError(f"公式“{self.formula}”不完整")
        kind, value = self.items[self.pos]
        self.pos += 1
        if value == "(":
            inner = self.expr()
            if self.peek() != ")":
                raise FormulaError(f"公式“{self.formula}”缺少右括号")
            self.pos += 1
            return inner
        if value == "-":
            inner = self.factor()
            return _Q(None if inner.value is None else -inner.value, inner.dim, inner.literal)
        if kind == "num":
            return _Q(Decimal(value), (), literal=True)
        if kind == "name":
            return self.lookup(value)
        raise FormulaError(f"公式“{self.formula}”在“{value}”处无法理解")


def _add(a: _Q, b: _Q, op: str, formula: str) -> _Q:
    if a.dim != b.dim:
        raise FormulaError(f"公式“{formula}”中 {describe_dimension(a.dim)} 与 {describe_dimension(b.dim)} "
                           f"不能{'相加' if op == '+' else '相减'}（单位不一致）")
    if a.value is None or b.value is None:
        return _Q(None, a.dim)
    return _Q(a.value + b.value if op == "+" else a.value - b.value, a.dim)


def _mul(a: _Q, b: _Q, op: str) -> _Q:
    dims: dict[str, int] = dict(a.dim)
    for base, exp in b.dim:
        dims[base] = dims.get(base, 0) + (exp if op == "*" else -exp)
    dim = _norm(dims)
    if a.value is None or b.value is None:
        return _Q(None, dim)
    if op == "*":
        return _Q(a.value * b.value, dim, a.literal and b.literal)
    try:
        return _Q(a.value / b.value, dim)
    except (DivisionByZero, InvalidOperation):
        return _Q(None, dim)


# --------------------------------------------------------------------------- evaluation
@dataclass(frozen=True)
class DerivedValue:
    """The value of a formula indicator for one region and period, or why there is none.

    ``inputs`` maps each code to its stated value and unit (as text); ``error`` is a Chinese
    message (unit mismatch, unreadable formula); ``missing`` lists codes without a figure."""

    indicator: Indicator
    region: str
    period: Period
    value: Decimal | None
    unit: str
    formula: str
    readable: str
    inputs: dict[str, str] = field(default_factory=dict)
    missing: tuple[str, ...] = ()
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.value is not None and self.error is None

    def explain(self) -> str:
        if self.error:
            return f"派生指标公式“{self.readable}”无法计算：{self.error}"
        if self.value is None:
            what = "、".join(self.missing) if self.missing else "输入"
            reason = f"缺少{what}的数据" if self.missing else "分母为零"
            return f"派生指标公式“{self.readable}”无法计算：{reason}"
        values = "，".join(f"{k}={v}" for k, v in self.inputs.items())
        return f"按公式“{self.readable}”计算（{values}）得 {fmt(self.value)}{self.unit}"


def check_formula_units(indicator: Indicator, indicators: Mapping[str, Indicator]) -> str | None:
    """None when the formula's units agree with the indicator's unit, else a Chinese message."""
    assert indicator.formula is not None

    def lookup(code: str) -> _Q:
        ind = indicators.get(code)
        if ind is None:
            raise FormulaError(f"公式引用了未定义的指标“{code}”")
        try:
            dim, _ = dimension_of(ind.unit)
        except UnitError as exc:
            raise FormulaError(str(exc)) from None
        return _Q(Decimal(1), dim)

    try:
        result = _Parser(indicator.formula, lookup).parse()
        target_dim, _ = dimension_of(indicator.unit)
    except (FormulaError, UnitError) as exc:
        return str(exc)
    if result.dim != target_dim:
        return (f"公式“{readable_formula(indicator.formula, indicators)}”的结果单位为{describe_dimension(result.dim)}，"
                f"与指标“{indicator.name}”的单位“{indicator.unit}”（{describe_dimension(target_dim)}）不一致")
    return None


def readable_formula(formula: str, indicators: Mapping[str, Indicator]) -> str:
    try:
        items = tokens(formula)
    except FormulaError:
        return formula
    out = []
    for kind, value in items:
        if kind == "name" and value in indicators:
            out.append(indicators[value].name)
        else:
            out.append({"*": "×", "/": "÷"}.get(value, value))
    return " ".join(out)


def evaluate(indicator: Indicator, indicators: Mapping[str, Indicator],
             values: Mapping[str, Observation], region: str, period: Period) -> DerivedValue:
    """Evaluate ``indicator.formula`` from the observations in ``values`` (code → observation)."""
    assert indicator.formula is not None
    readable = readable_formula(indicator.formula, indicators)
    unit_error = check_formula_units(indicator, indicators)
    if unit_error:
        return DerivedValue(indicator, region, period, None, indicator.unit, indicator.formula, readable,
                            error=unit_error)
    inputs: dict[str, str] = {}
    missing: list[str] = []

    def lookup(code: str) -> _Q:
        ind = indicators[code]
        dim, factor = dimension_of(ind.unit)
        obs = values.get(code)
        if obs is None or obs.value is None:
            if ind.name not in missing:
                missing.append(ind.name)
            return _Q(None, dim)
        unit_text = obs.unit or ind.unit
        try:
            obs_dim, obs_factor = dimension_of(unit_text)
        except UnitError as exc:
            raise FormulaError(str(exc)) from None
        if obs_dim != dim:
            raise FormulaError(f"{ind.name}的数据单位“{unit_text}”与指标单位“{ind.unit}”不可换算")
        inputs[ind.name] = f"{obs.value}{unit_text}"
        return _Q(obs.value * obs_factor, dim)

    try:
        result = _Parser(indicator.formula, lookup).parse()
    except FormulaError as exc:
        return DerivedValue(indicator, region, period, None, indicator.unit, indicator.formula, readable,
                            inputs, tuple(missing), str(exc))
    value = None
    if result.value is not None:
        dim, factor = dimension_of(indicator.unit)
        value = result.value if not dim else result.value / factor
    return DerivedValue(indicator, region, period, value, indicator.unit, indicator.formula, readable,
                        inputs, tuple(missing))


def derived_values(plan: Plan, region: Region | str, period: Period) -> dict[str, DerivedValue]:
    """Every formula indicator of ``plan`` evaluated for ``region`` and ``period``."""
    code = region if isinstance(region, str) else region.code
    indicators = {i.code: i for i in plan.indicators}
    values = {o.indicator: o for o in plan.observations if o.region == code and o.period == period}
    return {ind.code: evaluate(ind, indicators, values, code, period)
            for ind in plan.indicators if ind.formula}
