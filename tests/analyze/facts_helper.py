"""Build Facts on a real text by locating each number through the words around it (tests only)."""

from __future__ import annotations

from decimal import Decimal

from planwatch.model.fact import Fact, Slot


def span(text: str, context: str, number: str, nth: int = 0) -> tuple[int, int]:
    at = -1
    for _ in range(nth + 1):
        at = text.index(context, at + 1)
    inner = context.index(number)
    return at + inner, at + inner + len(number)


def slot(text: str, context: str, number: str, unit: str, nth: int = 0, **kw: object) -> Slot:
    return Slot(Decimal(number), unit, span(text, context, number, nth), **kw)  # type: ignore[arg-type]


def fact(name: str, **slots: Slot) -> Fact:
    return Fact(indicator=name, **slots)  # type: ignore[arg-type]
