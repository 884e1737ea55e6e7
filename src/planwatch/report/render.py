"""From the plan and its status to a finished file: build the document, then write it in the
requested format (docx, md, html, pdf)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from planwatch.analyze.status import StatusTable
from planwatch.errors import InputError
from planwatch.model import Period, Plan, Region
from planwatch.report import document as doc
from planwatch.report.context import ChartInfo, build_document, indicator_table, report_context

FORMATS = {"docx": ".docx", "md": ".md", "html": ".html", "pdf": ".pdf"}
MEDIA_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "md": "text/markdown; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
}


def check_format(fmt: str) -> str:
    fmt = (fmt or "").lower().lstrip(".")
    if fmt == "markdown":
        fmt = "md"
    if fmt not in FORMATS:
        raise InputError(f"不支持的报告格式“{fmt}”（可用：docx、md、html、pdf）")
    return fmt


def make_document(plan: Plan, region: Region, period: Period, table: StatusTable, *,
                  part_two_text: str | None = None, template_dir: Path | None = None,
                  charts: bool = True, challenges_text: str | None = None,
                  review: bool = False) -> doc.Document:
    """The report as a typed document. ``part_two_text``: section 二 written by the office (else the
    departments' approved 下一步打算 materials, else a placeholder);
    ``challenges_text``: its paragraph on the results and the 困难挑战 (end of section 一);
    ``review``: every number carries its source as a comment (the review copy)."""
    context = report_context(plan, region, period, table, part_two=part_two_text is not None,
                             challenges=challenges_text is not None)
    if part_two_text is None and context.next_steps:
        # section 二 from the departments' approved 下一步打算, read as a --part-two file is
        part_two_text = "\n".join(m.text for m in context.next_steps)
        context.part_two = True
    if charts:
        from planwatch.report import charts as ch

        number = 0
        for key, title in ch.available(context):
            number += "-" not in key   # a part (key-2 …) is the same figure, continued
            context.charts.append(ChartInfo(key, title, number))
    titles = {info.key: info.title for info in context.charts}

    def figure(key: str) -> doc.Figure | None:
        if key not in titles:
            return None
        from planwatch.report import charts as ch

        return doc.Figure(key, titles[key], ch.render(context, key), alt=titles[key])

    part_two = doc.plain_text_blocks(part_two_text) if part_two_text else []
    challenges = doc.plain_text_blocks(challenges_text) if challenges_text else []
    notes = None
    if review:
        from planwatch.report.provenance import collect_notes

        notes = collect_notes(plan, table)
        notes.active = True
    return build_document(context, template_dir=template_dir, part_two=part_two, challenges=challenges, notes=notes,
                          tables={"indicators": indicator_table(context)}, figures=figure)


def document_bytes(document: doc.Document, fmt: str) -> bytes:
    """The document in ``fmt`` as bytes (Markdown without chart files)."""
    fmt = check_format(fmt)
    if fmt == "docx":
        from planwatch.report.docx import docx_bytes

        return docx_bytes(document)
    if fmt == "md":
        from planwatch.report.markdown import render_markdown

        return render_markdown(document).encode("utf-8")
    if fmt == "html":
        from planwatch.report.html import render_html

        return render_html(document).encode("utf-8")
    with tempfile.TemporaryDirectory(prefix="planwatch-report-") as tmp:
        path = write_document(document, "pdf", Path(tmp) / "report.pdf")
        return path.read_bytes()


def write_document(document: doc.Document, fmt: str, path: Path) -> Path:
    """Write the document to ``path`` (whole file or nothing: written beside it, then renamed)."""
    fmt = check_format(fmt)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=".planwatch-", suffix=FORMATS[fmt], dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        if fmt == "docx":
            from planwatch.report.docx import render_docx

            render_docx(document, tmp)
        elif fmt == "md":
            from planwatch.report.markdown import render_markdown

            assets = path.parent / f"{path.stem}_files"
            tmp.write_text(render_markdown(document, assets, f"{assets.name}/"), encoding="utf-8")
        elif fmt == "html":
            from planwatch.report.html import render_html

            tmp.write_text(render_html(document), encoding="utf-8")
        else:
            from planwatch.report.docx import render_docx
            from planwatch.report.pdf import docx_to_pdf

            with tempfile.TemporaryDirectory(prefix="planwatch-report-") as work:
                source = Path(work) / "report.docx"
                render_docx(document, source)
                docx_to_pdf(source, tmp)
        mask = os.umask(0)
        os.umask(mask)
        tmp.chmod(0o666 & ~mask)
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)
    return path
