"""Fixtures of the report tests: the example report's document, built once per module."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import REFERENCE_REPORT


def _norm(line: str) -> str:
    """Reference lines mix half- and full-width punctuation (", " ";"): compare in full width."""
    line = re.sub(r"\s+", "", line)
    return line.replace(",", "，").replace(";", "；").replace(":", "：")


def reference_headlines() -> tuple[list[str], str]:
    """The headline lines of section 一 of the reference report and its annual-only sentence:
    the lines after the lead-in paragraph under "一、" up to the sentence "…为年度数据…"."""
    lines = [line.strip() for line in Path(REFERENCE_REPORT).read_text(encoding="utf-8").splitlines()]
    start = next(i for i, line in enumerate(lines) if line.startswith("一、"))
    out: list[str] = []
    for line in lines[start + 2:]:          # skip the heading and the prose lead-in
        if "为年度数据" in line:
            return [_norm(x) for x in out], _norm(line)
        if line:
            out.append(line)
    raise AssertionError("reference report has no annual-only sentence")


def normalise(line: str) -> str:
    return _norm(line)


@pytest.fixture
def example_document(example_db):  # type: ignore[no-untyped-def]
    from planwatch.services.report import report_document

    document, _ = report_document(example_db, region="吴江区", period="2025H1", charts=False)
    return document
