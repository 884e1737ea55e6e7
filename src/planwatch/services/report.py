"""The report use case: draft the 计划执行情况的报告 for a region and period from stored data.

``build_report`` writes a file (CLI, ``planwatch demo``); ``render_report_bytes`` (or, for a
selection already resolved, ``render_selection_bytes``) returns the bytes, media type and file
name (web download); ``report_document`` returns the typed document
(previews). All read one Selection, take the status from the status engine and never write
to the database.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from planwatch.analyze.status import StatusTable
from planwatch.errors import InputError, Location, Problem
from planwatch.model import Plan
from planwatch.report import document as doc
from planwatch.report.render import (
    FORMATS,
    MEDIA_TYPES,
    check_format,
    document_bytes,
    make_document,
    write_document,
)
from planwatch.services.plans import Selection, select
from planwatch.services.status import status_for
from planwatch.store import Database, read_document


@dataclass(frozen=True)
class RenderedReport:
    content: bytes
    media_type: str
    filename: str


def read_part_two(path: Path, what: str = "第二部分文件") -> str:
    """Text written by the office (section 二, or the 困难挑战 paragraph with ``what`` =
    "困难挑战文件"): a .txt/.md file (UTF-8) or a .docx (its paragraphs)."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"找不到{what}：{path}")
    if path.suffix.lower() == ".docx":
        try:
            import docx

            text = "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
        except Exception as exc:  # not a readable .docx
            raise InputError(f"无法读取{what} {path}：不是有效的 .docx（{type(exc).__name__}）") from None
    else:
        raw = path.read_bytes()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = raw[:exc.start].count(b"\n") + 1
            raise InputError(f"{what} {path} 不是 UTF-8 编码（第 {line} 行），请另存为 UTF-8 文本",
                             problems=[Problem("不是 UTF-8 编码", Location(file=str(path), line=line))]) from None
    if not text.strip():
        raise InputError(f"{what} {path} 是空的")
    return text


def with_source_documents(db: Database, plan: Plan) -> Plan:
    """The plan with the texts of the documents its figures cite (the review copy quotes the
    sentence of each figure; a stored plan is read without its documents)."""
    sources = [*(o.source for o in plan.observations), *(g.source for g in plan.project_groups),
               *(p.source for p in plan.project_progress), *(t.source for t in plan.task_groups),
               *(m.source for m in plan.materials)]
    codes = sorted({s.document for s in sources if s is not None and s.document})
    with db.connect() as conn:
        documents = [d for d in (read_document(conn, code) for code in codes) if d is not None]
    return replace(plan, documents=(*plan.documents, *documents))


def default_filename(selection: Selection, fmt: str, review: bool = False) -> str:
    """吴江区2025年上半年计划执行情况报告.docx (审阅稿: …报告（审阅稿）.docx)"""
    fmt = check_format(fmt)
    copy = "（审阅稿）" if review else ""
    return f"{selection.region.name}{selection.period.label}计划执行情况报告{copy}{FORMATS[fmt]}"


def report_document(db: Database, *, region: str | None = None, period: str | None = None,
                    part_two_text: str | None = None, template_dir: Path | None = None,
                    charts: bool = True, challenges_text: str | None = None,
                    review: bool = False) -> tuple[doc.Document, Selection]:
    selection = select(db, region=region, period=period, own_region_only=True)
    table = status_for(selection, db=db)
    plan = with_source_documents(db, selection.plan) if review else selection.plan
    document = make_document(plan, selection.region, selection.period, table,
                             part_two_text=part_two_text, template_dir=template_dir, charts=charts,
                             challenges_text=challenges_text, review=review)
    return document, selection


def build_report(db: Database, region: str | None, period: str | None, fmt: str = "docx",
                 output_path: Path | None = None, part_two_file: Path | None = None,
                 template_dir: Path | None = None, challenges_file: Path | None = None,
                 review: bool = False, progress: Callable[[str], None] | None = None) -> Path:
    """Draft the report and write it to ``output_path`` (a file, a folder, or None for the
    current folder with the default name). Returns the path written. ``part_two_file``: section
    二; ``challenges_file``: the paragraph on results and 困难挑战 that closes part 一; ``review``:
    the review copy, a .docx whose every number carries a Word comment naming its source.
    ``progress`` is told each step as it starts (drafting, converting to PDF), for people waiting."""
    fmt = check_format(fmt)
    if review and fmt != "docx":
        raise InputError(f"审阅稿（--review）只生成 .docx（Word 批注），不支持格式 {fmt}")
    if fmt == "pdf":
        from planwatch.report.pdf import require_soffice

        require_soffice()         # say so before drafting anything
    part_two = read_part_two(part_two_file) if part_two_file else None
    challenges = read_part_two(challenges_file, "困难挑战文件") if challenges_file else None
    if progress is not None:
        progress("正在起草报告（读取数据、判断、写出段落与图表）…")
    document, selection = report_document(db, region=region, period=period, part_two_text=part_two,
                                          template_dir=template_dir, challenges_text=challenges, review=review)
    target = Path(output_path) if output_path else Path.cwd()
    if target.is_dir() or (output_path is not None and str(output_path).endswith(("/", "\\"))):
        target = target / default_filename(selection, fmt, review)
    elif target.suffix.lower() != FORMATS[fmt]:
        if target.suffix:
            raise InputError(f"输出文件 {target} 的扩展名与格式 {fmt} 不符（应为 {FORMATS[fmt]}）")
        target = target.with_suffix(FORMATS[fmt])
    if progress is not None:
        progress("正在用 LibreOffice 转换为 PDF（通常需要数秒）…" if fmt == "pdf" else f"正在写出 {target.name} …")
    return write_document(document, fmt, target)


def render_report_bytes(db: Database, region: str | None, period: str | None, fmt: str = "docx", *,
                        part_two_text: str | None = None, template_dir: Path | None = None) -> RenderedReport:
    """The report as bytes for a download (Markdown without chart images)."""
    if check_format(fmt) == "pdf":
        from planwatch.report.pdf import require_soffice

        require_soffice()         # say so before reading anything
    selection = select(db, region=region, period=period, own_region_only=True)
    return render_selection_bytes(selection, status_for(selection, db=db), fmt, part_two_text=part_two_text,
                                  template_dir=template_dir)


def render_selection_bytes(selection: Selection, table: StatusTable, fmt: str = "docx", *,
                           part_two_text: str | None = None, template_dir: Path | None = None) -> RenderedReport:
    """The report of a selection already resolved, with its status table (the web view has both)."""
    fmt = check_format(fmt)
    if fmt == "pdf":
        from planwatch.report.pdf import require_soffice

        require_soffice()
    document = make_document(selection.plan, selection.region, selection.period, table,
                             part_two_text=part_two_text, template_dir=template_dir, charts=fmt != "md")
    return RenderedReport(document_bytes(document, fmt), MEDIA_TYPES[fmt], default_filename(selection, fmt))
