"""Turn a check result (JSON-ready dict from the check service) into text segments so that the
report page shows the submitted text with each checked number marked in place: mismatches in
red, unverifiable claims in amber, agreeing ones in green."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

TONES = {"PASS": "good", "MISMATCH": "bad", "无法核对": "warn"}
WORDS = {"PASS": "一致", "MISMATCH": "不一致", "无法核对": "无法核对"}


@dataclass(frozen=True)
class Mark:
    text: str
    check: dict[str, Any] | None = None
    index: int | None = None
    tone: str = "neutral"


def decorate(result: dict[str, Any]) -> dict[str, Any]:
    """Add the tone and word of each check (for the template); numbered from 1."""
    for index, check in enumerate(result.get("checks", []), start=1):
        check["tone"] = TONES.get(check.get("outcome", ""), "neutral")
        check["word"] = WORDS.get(check.get("outcome", ""), str(check.get("outcome", "")))
        check["index"] = index
    return result


def annotate(text: str, result: dict[str, Any]) -> list[Mark]:
    """Segments of ``text``; where checks overlap, a mismatch wins over the others."""
    decorate(result)
    rank = {"bad": 0, "warn": 1, "good": 2, "neutral": 3}
    marks = []
    for check in result.get("checks", []):
        place = check.get("place") or {}
        a, b = place.get("start"), place.get("end")
        if isinstance(a, int) and isinstance(b, int) and 0 <= a < b <= len(text):
            marks.append((a, b, check))
    marks.sort(key=lambda m: (m[0], rank[m[2]["tone"]]))
    out: list[Mark] = []
    cursor = 0
    for a, b, check in marks:
        if a < cursor:
            continue
        if a > cursor:
            out.append(Mark(text[cursor:a]))
        out.append(Mark(text[a:b], check, check["index"], check["tone"]))
        cursor = b
    if cursor < len(text):
        out.append(Mark(text[cursor:]))
    return out
