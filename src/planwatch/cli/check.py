"""``planwatch check REPORT_FILE``: recompute the arithmetic a report states."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer

from planwatch.cli._app import DbOption, PeriodOption, RegionOption, app, console, open_db, path_argument

OUTCOME_STYLE = {"PASS": "green", "MISMATCH": "bold red", "无法核对": "dim"}
OUTCOME_WORD = {"PASS": "通过", "MISMATCH": "不一致", "无法核对": "无法核对"}


@app.command()
def check(
    report_file: Annotated[str, path_argument("报告文件（.txt/.docx/.pdf/.html）。")],
    region: RegionOption = None,
    period: PeriodOption = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="输出格式：table、json。")] = "table",
    db: DbOption = None,
) -> None:
    """核对报告中的占比、比率、完成计划比例和“其中”关系；有不一致时退出码为 1。

    给出 --region 或 --period 时，还把文中数字与数据库中的计划和数据比对。
    示例：planwatch check 报告.txt --region 吴江区 --period 2025H1
    """
    from pathlib import Path

    from planwatch.errors import InputError
    from planwatch.services.check import check_report

    if fmt not in ("table", "json"):
        raise InputError(f"不支持的格式“{fmt}”（可用：table、json）")
    database = open_db(db) if (region or period) else None
    report = check_report(Path(report_file), db=database, region=region, period=period)
    if fmt == "json":
        from planwatch.services.check import audit_as_dict

        data = {"file": str(report.path), **audit_as_dict(report.result)}
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        print_audit(report)
    if report.result.exit_code:
        raise typer.Exit(report.result.exit_code)


def print_audit(report: Any) -> None:
    from rich.text import Text

    out = console()
    result = report.result
    out.print(f"[bold]核对 {report.path.name}[/]：抽取 {result.facts_read} 个事实，可核对 "
              f"{len(result.passed) + len(result.mismatches)} 项")
    for c in result.checks:
        word = c.outcome.value
        style = OUTCOME_STYLE[word]
        label = f"[{word}]" if word == "无法核对" else f"[{word} {OUTCOME_WORD[word]}]"
        out.print(Text.assemble((label, style), f" {c.place.line}:{c.place.column} {c.kind}：{c.claim}"))
        if c.formula:
            out.print(f"    计算：{c.formula}", markup=False)
        if c.tolerance:
            out.print(f"    容差：{c.tolerance}", markup=False)
        if c.note:
            out.print(f"    说明：{c.note}", markup=False)
        out.print(f"    原文：{c.place.sentence}", markup=False)
    out.print(f"共核对 {len(result.passed) + len(result.mismatches)} 项：通过 {len(result.passed)}，"
              f"不一致 {len(result.mismatches)}；无法核对 {len(result.unverifiable)} 项")
