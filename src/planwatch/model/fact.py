"""Fact (事实): what a report text states about one indicator at one place, with character spans.

This is the output contract of ``planwatch extract`` (see ../shared/extraction/GUIDELINE.md):
an indicator name and up to five numeric slots plus a qualitative status, each slot tied to
the ``[start, end)`` characters of its number (or status phrase) in the text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

SLOTS = ("value", "growth", "plan_completion", "share", "change")


@dataclass(frozen=True, slots=True)
class Slot:
    """One number of a fact: ``number`` as written before magnitude (1.46 for 1.46万份), ``unit``
    with its magnitude (万份), the span of the digits, and optional qualifiers."""

    number: Decimal
    unit: str
    span: tuple[int, int]
    qualifier: str | None = None
    basis: str | None = None        # growth: 不变价 / 可比价 / 现价
    of: str | None = None           # share: the named total
    target: bool = False            # the number is a target, not an actual

    def to_json(self) -> dict[str, Any]:
        # "exact" keeps the stated precision (2836.10), which a JSON number loses.
        out: dict[str, Any] = {"number": _json_number(self.number), "exact": str(self.number), "unit": self.unit,
                               "span": list(self.span)}
        for key in ("qualifier", "basis", "of"):
            value = getattr(self, key)
            if value:
                out[key] = value
        if self.target:
            out["target"] = True
        return out


@dataclass(frozen=True, slots=True)
class StatusSlot:
    """A qualitative result with no number (保持稳定), with the span of the phrase."""

    text: str
    span: tuple[int, int]
    target: bool = False

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"text": self.text, "span": list(self.span)}
        if self.target:
            out["target"] = True
        return out


@dataclass(frozen=True, slots=True)
class Fact:
    """事实: one measured indicator at one place in a text."""

    indicator: str
    value: Slot | None = None
    growth: Slot | None = None
    plan_completion: Slot | None = None
    share: Slot | None = None
    change: Slot | None = None
    status: StatusSlot | None = None
    scope: str | None = None
    period: str | None = None
    sentence: tuple[int, int] | None = None
    estimate: bool = False
    extra: dict[str, Any] = field(default_factory=dict)

    def slots(self) -> list[tuple[str, Slot]]:
        return [(name, getattr(self, name)) for name in SLOTS if getattr(self, name) is not None]

    @property
    def start(self) -> int:
        spans = [slot.span[0] for _, slot in self.slots()]
        if self.status is not None:
            spans.append(self.status.span[0])
        return min(spans) if spans else (self.sentence[0] if self.sentence else 0)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"indicator": self.indicator}
        if self.scope:
            out["scope"] = self.scope
        for name, slot in self.slots():
            out[name] = slot.to_json()
        if self.status is not None:
            out["status"] = self.status.to_json()
        if self.period:
            out["period"] = self.period
        if self.estimate:
            out["estimate"] = True
        if self.sentence:
            out["sentence"] = list(self.sentence)
        out.update(self.extra)
        return out


def _json_number(number: Decimal) -> int | float:
    return int(number) if number == number.to_integral_value() and "." not in str(number) else float(number)
