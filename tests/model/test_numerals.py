import pytest

from planwatch.model.numerals import chinese_to_decimal, chinese_to_int


@pytest.mark.parametrize(("text", "value"), [
    ("两", 2), ("十", 10), ("十二", 12), ("二十三", 23), ("一百零五", 105), ("三千", 3000), ("一万二千", 12000),
    ("二〇二五", 2025), ("三亿五千万", 350_000_000), ("十四", 14),
    # a large unit alone (超万人) is one of it; a digit right after a unit is its next place (一万二, 三千五)
    ("万", 10_000), ("亿", 100_000_000), ("一万二", 12_000), ("三千五", 3500), ("五万零三百", 50_300),
])
def test_chinese_integers(text: str, value: int) -> None:
    assert chinese_to_int(text) == value


def test_chinese_decimal() -> None:
    assert str(chinese_to_decimal("三点五")) == "3.5"


def test_not_a_numeral() -> None:
    with pytest.raises(ValueError):
        chinese_to_int("三a")
