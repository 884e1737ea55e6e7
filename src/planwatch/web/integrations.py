"""Adapters between the web and the services built by other parts (extract, check, report):
each call is imported lazily, so that the dashboard starts even when an optional part is absent,
and the web sees one small, stable interface."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from planwatch.errors import InputError, PlanwatchError


class Unavailable(PlanwatchError):
    """A feature whose service is not installed in this build."""

    status = 503
    code = "unavailable"


MEDIA_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "md": "text/markdown; charset=utf-8",
    "html": "text/html; charset=utf-8",
}


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
    suffix = Path(filename).suffix.lower() or ".txt"
    if suffix in (".txt", ".md", ".text", ""):
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                continue
        raise InputError(f"无法识别文件“{filename}”的文字编码（应为 UTF-8 或 GB18030）")
    try:
        from planwatch.extract import read_text
    except ImportError:
        raise Unavailable("读取 .docx/.pdf/.html 文件的功能尚未安装，请粘贴文本或上传 .txt 文件") from None
    with tempfile.TemporaryDirectory(prefix="planwatch-upload-") as folder:
        path = Path(folder) / f"upload{suffix}"
        path.write_bytes(data)
        try:
            return read_text(path)
        except PlanwatchError:
            raise
        except Exception as exc:  # a damaged file: say so, never a 500
            raise InputError(f"无法读取文件“{filename}”：{exc}") from None


# ----------------------------------------------------------------------------- extract


def extract(text: str) -> list[dict[str, Any]]:
    try:
        from planwatch.extract import extract_facts
    except ImportError:
        raise Unavailable("文本抽取功能尚未安装") from None
    return [fact.to_json() for fact in extract_facts(text)]


# ----------------------------------------------------------------------------- check


def check(db: Any, text: str, *, region: str | None, period: str | None) -> dict[str, Any]:
    """Audit a report text (its arithmetic, and its figures against the store for the region and
    period): JSON-ready results with the character place of every claim."""
    try:
        from planwatch.services import check as service
    except ImportError:
        raise Unavailable("报告核对功能尚未安装") from None
    from planwatch.analyze.audit import audit_as_dict

    check_text = getattr(service, "check_text", None)
    if callable(check_text):
        report = check_text(text, db=db, region=region, period=period)
    else:  # the use case reads a file: hand it the text as a UTF-8 .txt file
        with tempfile.TemporaryDirectory(prefix="planwatch-check-") as folder:
            path = Path(folder) / "report.txt"
            path.write_text(text, encoding="utf-8")
            report = service.check_report(path, db=db, region=region, period=period)
    data = audit_as_dict(report.result)
    mismatches = int(data["mismatches"])  # type: ignore[arg-type]
    data["ok"] = mismatches == 0
    data["text"] = report.text     # the text the places refer to (not part of the API answer)
    data["summary"] = (f"读取 {data['facts']} 条数据事实，核对 {len(data['checks'])} 处："  # type: ignore[arg-type]
                       f"一致 {data['passed']} 处，不一致 {mismatches} 处，无法核对 {data['unverifiable']} 处。")
    return data


# ----------------------------------------------------------------------------- report


_MODULES = {"extract": "planwatch.extract", "check": "planwatch.services.check", "report": "planwatch.services.report"}


def available(feature: str) -> bool:
    """Whether the service behind ``feature`` (extract, check, report) is installed and imports."""
    import importlib

    try:
        importlib.import_module(_MODULES[feature])
    except ImportError:
        return False
    return True


def report_available() -> bool:
    return available("report")


def render_report(view: Any, fmt: str) -> tuple[bytes, str, str]:
    """The report for the view's region and period as (content, media type, file name)."""
    try:
        from planwatch.services import report as service
    except ImportError:
        raise Unavailable("报告生成功能尚未安装") from None
    sel = view.selection
    rendered = service.render_report_bytes(view.db, sel.region.code, sel.period.code, fmt)
    return rendered.content, rendered.media_type, rendered.filename
