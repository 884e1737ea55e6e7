"""The Jinja2 environment every page shares (templates/ next to this file), with the filters that
format numbers as stated and name status tones. Collection pages extend ``base.html`` too."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from fastapi.templating import Jinja2Templates

from planwatch.model import formatting

TEMPLATES_DIR = Path(__file__).parent / "templates"
STATIC_DIR = Path(__file__).parent / "static"

TONE_WORDS = {"good": "良好", "warn": "关注", "bad": "滞后", "neutral": "—"}

NAV = [
    ("overview", "总览", "/"),
    ("indicators", "指标详情", "/indicators"),
    ("projects", "重点项目", "/projects"),
    ("tasks", "重点工作", "/tasks"),
    ("compare", "区域比较", "/compare"),
    ("reports", "报告", "/reports"),
]


def number(value: Any, unit: str | None = None) -> str:
    """A number exactly as stated (Decimal keeps its digits); '—' for unknown."""
    if value is None or value == "":
        return "—"
    text = formatting.stated(value) if isinstance(value, Decimal | int) else str(value)
    return f"{text}{unit}" if unit else str(text)


def percent(value: Any) -> str:
    if value is None or value == "":
        return "—"
    return f"{number(value)}%"


def signed(value: Any, unit: str = "") -> str:
    if value is None or value == "":
        return "—"
    return formatting.signed(Decimal(str(value)), unit)


def bar_width(value: Any) -> str:
    """A CSS width for a completion bar, clamped to 0–100%."""
    if value is None or value == "":
        return "0%"
    decimal = max(Decimal(0), min(Decimal(100), Decimal(str(value))))
    return f"{decimal}%"


def _query(params: dict[str, Any], **changes: Any) -> str:
    from urllib.parse import urlencode

    merged = {k: v for k, v in {**params, **changes}.items() if v not in (None, "")}
    return ("?" + urlencode(merged, doseq=True)) if merged else ""


def make_templates() -> Jinja2Templates:
    templates = Jinja2Templates(directory=str(TEMPLATES_DIR))
    env = templates.env
    env.filters.update(number=number, percent=percent, signed=signed, bar_width=bar_width)
    env.globals.update(nav=NAV, tone_words=TONE_WORDS, query=_query)
    env.trim_blocks = True
    env.lstrip_blocks = True
    return templates


templates = make_templates()
