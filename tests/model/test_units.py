from decimal import Decimal

import pytest

from planwatch.model import UnitError, parse_unit


@pytest.mark.parametrize(("text", "base", "factor"), [
    ("亿元", "元", 10**8), ("万人次", "人次", 10**4), ("微克/立方米", "微克/立方米", 1), ("%", "%", 1),
    ("％", "%", 1), ("千米", "千米", 1), ("万美元", "美元", 10**4), ("元/月", "元/月", 1), ("兆瓦", "兆瓦", 1),
])
def test_units_split_into_magnitude_and_base(text: str, base: str, factor: int) -> None:
    unit = parse_unit(text)
    assert (unit.base, unit.factor) == (base, factor)


def test_conversion_between_magnitudes() -> None:
    assert parse_unit("万份").convert(Decimal("1.46"), parse_unit("份")) == Decimal("14600")


@pytest.mark.parametrize("bad", ["亿圆", "", "万", "kg"])
def test_unknown_units_are_errors(bad: str) -> None:
    with pytest.raises(UnitError):
        parse_unit(bad)
