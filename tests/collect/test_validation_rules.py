"""The growth-consistency rule never flags a growth correctly rounded from the two values, and
flags one clearly off."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from planwatch.analyze.validation import Entry, half_unit, validate_entries
from planwatch.model import Indicator, Observation, Period

RETAIL = Indicator(code="retail_sales", name="社会消费品零售总额", unit="亿元", category="经济发展", department="商务局")
NOW, LAST = Period.parse("2025H1"), Period.parse("2024H1")
amounts = st.decimals(min_value=Decimal("1.00"), max_value=Decimal("99999.99"), places=2)


def _problems(value: Decimal, last: Decimal, growth: Decimal) -> list[str]:
    entry = Entry("retail_sales", "320509", NOW, values={"value": value, "growth": growth})
    stored = [Observation("retail_sales", "320509", LAST, value=last, unit="亿元")]
    return [p.code for p in validate_entries([entry], {"retail_sales": RETAIL}, stored)]


@settings(max_examples=200, deadline=None)
@given(amounts, amounts)
def test_correctly_rounded_growth_is_never_flagged(value, last):
    growth = ((value / last - 1) * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    if growth < -100 or growth > 300:
        return
    assert "growth_mismatch" not in _problems(value, last, growth)


def test_growth_off_by_more_than_precision_is_flagged():
    assert _problems(Decimal("470.52"), Decimal("450.00"), Decimal("4.6")) == []
    assert _problems(Decimal("470.52"), Decimal("450.00"), Decimal("4.8")) == ["growth_mismatch"]
    # coarse figures allow more: 470 against 450 is 4.3–4.6 %
    assert _problems(Decimal("470"), Decimal("450"), Decimal("4.3")) == []


def test_half_unit():
    assert half_unit(Decimal("6.1")) == Decimal("0.05")
    assert half_unit(Decimal("1578")) == Decimal("0.5")
    assert half_unit(Decimal("2836.10")) == Decimal("0.005")
