from __future__ import annotations

from decimal import Decimal

import pytest

from planwatch.analyze.derived import FormulaError, check_formula_units, evaluate, tokens
from planwatch.model import Indicator, Observation, Period

H1 = Period.parse("2025H1")


def ind(code: str, unit: str, formula: str | None = None) -> Indicator:
    return Indicator(code=code, name=code.upper(), unit=unit, category="x", formula=formula)


def test_magnitudes_are_converted_before_dividing() -> None:
    inds = {i.code: i for i in (ind("a", "万元"), ind("b", "亿元"), ind("r", "%", "a / b * 100"))}
    values = {"a": Observation("a", "R", H1, value=Decimal("5000")), "b": Observation("b", "R", H1, value=Decimal("2"))}
    result = evaluate(inds["r"], inds, values, "R", H1)
    assert result.value == Decimal("25")          # 0.5亿 ÷ 2亿 = 25 %


def test_unit_mismatches_are_reported_in_chinese() -> None:
    inds = {i.code: i for i in (ind("a", "亿元"), ind("p", "万人"), ind("r", "%", "a / p * 100"),
                                ind("s", "亿元", "a - p"))}
    assert "不一致" in (check_formula_units(inds["r"], inds) or "")
    assert "不能相减" in (check_formula_units(inds["s"], inds) or "")


def test_missing_input_and_zero_denominator() -> None:
    inds = {i.code: i for i in (ind("a", "亿元"), ind("b", "亿元"), ind("r", "%", "a / b * 100"))}
    missing = evaluate(inds["r"], inds, {"a": Observation("a", "R", H1, value=Decimal(1))}, "R", H1)
    assert missing.value is None and missing.missing == ("B",) and "缺少B" in missing.explain()
    zero = evaluate(inds["r"], inds, {"a": Observation("a", "R", H1, value=Decimal(1)),
                                      "b": Observation("b", "R", H1, value=Decimal(0))}, "R", H1)
    assert zero.value is None


def test_bad_formula_text() -> None:
    with pytest.raises(FormulaError):
        tokens("a / b % 3")
