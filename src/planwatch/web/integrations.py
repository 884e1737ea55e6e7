"""Adapters between the web and the extract, check and report services: turn uploads into
text and results into JSON-ready dicts, so that routes stay one call each."""

from __future__ import annotations

from typing import Any, Literal

from planwatch.errors import InputError, PlanwatchError

ReportFormat = Literal["docx", "md", "html"]
REPORT_FORMATS: dict[ReportFormat, str] = {"docx": "Word 文档（公文格式）", "md": "Markdown", "html": "网页（HTML）"}


def compare_message(result: Any) -> str | None:
    """A plain sentence when the comparison has nothing or little to show."""
    if not result.regions:
        return f"{result.parent.name}没有下辖地区（镇、街道）的资料，无法比较。"
    missing = result.regions_without_figures
    if len(missing) == len(result.regions):
        return f"{result.period.label}各镇（街道）均无指标数据：现有数据只有{result.parent.name}全区的数字。"
    if missing:
        return f"以下地区在{result.period.label}没有数据：" + "、".join(r.name for r in missing) + "。"
    return None


# ----------------------------------------------------------------------------- text in


def text_of_upload(filename: str, data: bytes) -> str:
    """The text of an uploaded report (.txt/.md/.docx/.pdf/.html), read like ``planwatch extract``."""
    from planwatch.services.extraction import text_of_bytes

    try:
        return text_of_bytes(data, filename or "upload.txt")
    except PlanwatchError:
        raise
    except Exception as exc:  # a damaged file: say so, never a 500
        raise InputError(f"无法读取文件“{filename}”：{exc}") from None


# ----------------------------------------------------------------------------- extract


def extract(text: str) -> list[dict[str, Any]]:
    from planwatch.services.extraction import extract_facts

    return [fact.to_json() for fact in extract_facts(text)]


# ----------------------------------------------------------------------------- check


def check(db: Any, text: str, *, region: str | None, period: str | None) -> dict[str, Any]:
    """Audit a report text (its arithmetic, and its figures against the store for the region and
    period): JSON-ready results with the character place of every claim."""
    from planwatch.services.check import audit_as_dict, check_text

    report = check_text(text, db=db, region=region, period=period)
    data = audit_as_dict(report.result)
    mismatches = len(report.result.mismatches)
    data["ok"] = mismatches == 0
    data["text"] = report.text     # the text the places refer to (not part of the API answer)
    data["summary"] = (f"读取 {data['facts']} 条数据事实，核对 {len(report.result.checks)} 处："
                       f"一致 {data['passed']} 处，不一致 {mismatches} 处，无法核对 {data['unverifiable']} 处。")
    return data


# ----------------------------------------------------------------------------- report


def render_report(view: Any, fmt: str) -> tuple[bytes, str, str]:
    """The report for the view's region and period as (content, media type, file name)."""
    from planwatch.services import report as service

    rendered = service.render_selection_bytes(view.selection, view.status, fmt)
    return rendered.content, rendered.media_type, rendered.filename
