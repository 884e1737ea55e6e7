"""The slots a text's facts hold, in text order, as tuples a test can compare."""

from __future__ import annotations

from decimal import Decimal

from planwatch.extract import extract_facts


def slots(text: str) -> list[tuple[str, str, Decimal, str]]:
    """(indicator, role, number, unit) of every slot of ``extract_facts(text)``, by the number's position."""
    return [row[:4] for row in slots_with_target(text)]


def slots_with_target(text: str) -> list[tuple[str, str, Decimal, str, bool]]:
    """(indicator, role, number, unit, target) of every slot, by the number's position."""
    found = []
    for fact in extract_facts(text):
        for role, slot in fact.slots():
            found.append((slot.span, (fact.indicator, role, slot.number, slot.unit, slot.target)))
    return [row for _, row in sorted(found, key=lambda item: item[0])]
