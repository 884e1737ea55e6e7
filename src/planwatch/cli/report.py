"""``planwatch report``: draft the 计划执行情况的报告 (docx, md, html or pdf)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from planwatch.cli._app import DbOption, PeriodOption, RegionOption, app, console, open_db


@app.command()
def report(
    region: RegionOption = None,
    period: PeriodOption = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="输出格式：docx、md、html、pdf。")] = "docx",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="输出文件或文件夹；默认当前文件夹，文件名如“吴江区2025年上半年计划执行情况报告.docx”。",
                                                show_default=False)] = None,
    part_two: Annotated[Path | None, typer.Option("--part-two", help="第二部分（下半年工作安排）的文本文件（.txt/.md/.docx）；不给则留出〔待编辑〕的位置。",
                                                  show_default=False)] = None,
    challenges: Annotated[Path | None, typer.Option("--challenges", help="第一部分末尾“成绩与困难挑战”一段的文本文件（.txt/.md/.docx）；不给则留出〔待编辑〕的位置。",
                                                    show_default=False)] = None,
    review: Annotated[bool, typer.Option("--review", help="生成审阅稿：同一份 .docx，每个数字带 Word 批注，写明来源（文档与原句，或填报部门、单元格与填报人）及判断所依据的规则。")] = False,
    templates: Annotated[Path | None, typer.Option("--templates", help="措辞模板文件夹，其中的 .j2 文件替换同名的内置模板。",
                                                   show_default=False)] = None,
    db: DbOption = None,
) -> None:
    """根据已载入的数据起草计划执行情况的报告（公文格式 .docx、Markdown、HTML 或 PDF）。

    示例：planwatch report --region 吴江区 --period 2025H1 -o 报告.docx
    审阅稿：planwatch report --period 2025H1 --review
    """
    from planwatch.services.report import build_report

    steps = console(stderr=True)     # progress on stderr, so that stdout stays the result alone
    path = build_report(open_db(db), region, period, fmt, output, part_two_file=part_two, template_dir=templates,
                        challenges_file=challenges, review=review, progress=lambda step: steps.print(step))
    console().print(f"已生成报告：{path}")
