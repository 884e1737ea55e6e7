"""Small number helpers shared by the engine and the audit: stated precision, rounding intervals,
display without trailing zeros."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from planwatch.model.formatting import computed

HUNDRED = Decimal(100)

# Computed numbers are printed by the one formatting module (57.40 → "57.4").
fmt = computed


def ulp(value: Decimal) -> Decimal:
    """The unit of the last stated digit: 49.4 → 0.1, 1285.41 → 0.01, 70 → 1."""
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)
    return Decimal(1).scaleb(min(exponent, 0))


def places_of(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)
    return max(0, -exponent)


def stated_interval(value: Decimal) -> tuple[Decimal, Decimal]:
    """What a stated result may stand for: rounded half-up or truncated to its last digit.
    49.4 → [49.35, 49.5); −3.2 → (−3.3, −3.15]. Returned as a closed (low, high) pair."""
    step = ulp(value)
    if value >= 0:
        return value - step / 2, value + step
    return value - step, value + step / 2


def input_interval(value: Decimal, qualifier: str | None = None) -> tuple[Decimal, Decimal]:
    """What a stated input may stand for: ±half its last digit; 余/多/超 mean "a little more"
    ([x, x + 1 digit]); 近/约/左右 mean "about" (± 1 digit)."""
    step = ulp(value)
    if qualifier in ("余", "多", "超", "逾"):
        return value, value + step
    if qualifier in ("近", "约", "左右"):
        return value - step, value + step
    return value - step / 2, value + step / 2


def ratio_interval(num: tuple[Decimal, Decimal], den: tuple[Decimal, Decimal],
                   scale: Decimal = HUNDRED) -> tuple[Decimal, Decimal] | None:
    """The range of num ÷ den × scale over both input ranges (positive inputs)."""
    if den[0] <= 0 or num[0] < 0:
        return None
    return num[0] / den[1] * scale, num[1] / den[0] * scale


def overlaps(a: tuple[Decimal, Decimal], b: tuple[Decimal, Decimal]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def percent(fraction: Fraction) -> Decimal:
    return (Decimal(fraction.numerator) / Decimal(fraction.denominator) * HUNDRED).quantize(Decimal("0.01"))


def pct(numerator: Decimal, denominator: Decimal) -> Decimal | None:
    """numerator ÷ denominator in %, 4 decimals kept; None when the denominator is not positive."""
    if denominator <= 0:
        return None
    return (numerator / denominator * HUNDRED).quantize(Decimal("0.0001"))
