"""Numbers as people read them, in one place: the CLI, the web pages, the JSON API text and the
report all format decimals, amounts with their qualifiers, percentages and signed gaps here.

Two meanings, kept apart on purpose:

- a **stated** number is printed exactly as it was written (``Decimal("2836.10")`` → "2836.10"; never
  re-rounded, never in exponent form);
- a **computed** number (a ratio, a gap, a projection) is printed at a chosen precision:
  :func:`computed` drops trailing zeros (49.4388 → "49.44", 70 → "70"), :func:`fixed` keeps them
  (completion rates: 45 → "45.0").

(Storage has its own text form in ``store.rows``; it is not for reading.)
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

DASH = "—"

#: Qualifiers that come before the number (超31万人, 近3成, 约5亿元) and after its magnitude (5.31万余处).
LEADING_QUALIFIERS = ("超", "近", "约", "逾")
TRAILING_QUALIFIERS = ("余", "多")


def stated(value: Decimal | int | None) -> str | None:
    """A number exactly as stated: "2836.10", "1.2E+3" → "1200"; None stays None."""
    if value is None:
        return None
    if isinstance(value, Decimal) and not _printable(value):
        return str(value)       # (a number an older version stored, 1E+999999999: its digits would not fit in memory)
    return format(value, "f") if isinstance(value, Decimal) else str(value)


def _printable(value: Decimal) -> bool:
    exponent = value.as_tuple().exponent
    return value.is_finite() and isinstance(exponent, int) and -100 <= exponent and value.adjusted() <= 100


_QUANTA = {places: Decimal(1).scaleb(-places) for places in range(-2, 11)}


def fixed(value: Decimal, places: int) -> str:
    """Rounded half-up to ``places`` decimals, zeros kept: 45 → "45.0", 56.7567 → "56.8"."""
    quantum = _QUANTA.get(places) or Decimal(1).scaleb(-places)
    return format(value.quantize(quantum, rounding=ROUND_HALF_UP), "f")


def computed(value: Decimal | None, places: int = 2) -> str:
    """A computed number, rounded to ``places`` and without trailing zeros: 57.40 → "57.4", −0 → "0"."""
    if value is None:
        return DASH
    text = fixed(value, places) if places >= 0 else format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def amount(value: Decimal, unit: str, qualifier: str | None = None) -> str:
    """The number with its unit and qualifier as reports write them: 超31万人, 5.31万余处, 10亿元左右."""
    text = stated(value) or ""
    if qualifier in LEADING_QUALIFIERS:
        return f"{qualifier}{text}{unit}"
    if qualifier in TRAILING_QUALIFIERS:
        if len(unit) > 1 and unit[0] in "万亿千百":
            return f"{text}{unit[0]}{qualifier}{unit[1:]}"
        return f"{text}{qualifier}{unit}"
    if qualifier == "左右":
        return f"{text}{unit}左右"
    return f"{text}{unit}"


def signed(value: Decimal | None, unit: str = "", places: int | None = None) -> str:
    """A gap with its sign: +7.4个百分点, −0.6 ("—" when unknown); stated digits unless ``places``."""
    if value is None:
        return DASH
    text = stated(value) if places is None else computed(value, places)
    positive = value.is_finite() and value > 0     # (NaN stored by an older version has no sign to show)
    return f"{'+' if positive else ''}{text}{unit}"


def percent(value: Decimal | None) -> str:
    """A stated percentage with its sign: "57.4%" ("—" when unknown)."""
    return DASH if value is None else f"{stated(value)}%"
