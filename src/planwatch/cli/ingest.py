"""``planwatch ingest``: a report's figures into the store, each with its source span."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from planwatch.cli._app import DbOption, app, console, open_db

if TYPE_CHECKING:
    from planwatch.services.observations import IngestResult


@app.command()
def ingest(
    file: Annotated[Path, typer.Argument(help="报告文件（.txt、.docx、.pdf、.html）。", show_default=False)],
    region: Annotated[str, typer.Option("--region", "-r", help="报告所述地区，如 吴江区。")],
    period: Annotated[str, typer.Option("--period", "-p", help="报告所述统计期，如 2025H1。")],
    dry_run: Annotated[bool, typer.Option("--dry-run", help="只显示将写入的内容，不写入。")] = False,
    document: Annotated[str | None, typer.Option("--document", help="文档代码（默认取文件名）。")] = None,
    db: DbOption = None,
) -> None:
    """从报告文本中抽取指标数据，对应到计划指标后写入数据库（保留每个数字的原文位置）。

    对应不上的、同一指标出现两个不同数的，都列出来而不猜测。

    示例：planwatch ingest 报告.txt --region 吴江区 --period 2025H1 --dry-run
    """
    from planwatch.services.observations import ingest_text

    result = ingest_text(open_db(db), file, region=region, period=period, dry_run=dry_run, document_code=document)
    out = console()
    out.print(_observations_table(result, dry_run))
    _print_leftovers(out, result.matches)
    if result.changes is not None:
        c = result.changes
        out.print(f"写入完成：新增 {c.count('inserted')} 条，更新 {c.count('updated')} 条，未变 {c.count('unchanged')} 条。")
    else:
        out.print("（--dry-run：未写入）")


def _text(value: object) -> str:
    return "" if value is None else str(value)


def _observations_table(result: IngestResult, dry_run: bool) -> Any:
    from rich.table import Table

    names = {i.code: i.name for i in result.selection.plan.indicators}
    grid = Table(title=f"{'将写入' if dry_run else '已写入'}的观测值（{result.selection.region.name} {result.selection.period.label}）")
    for column in ("指标", "数值", "增长%", "比重%", "占计划%", "状态", "原文位置"):
        grid.add_column(column)
    for obs in result.matches.observations:
        spans = " ".join(f"{k}[{a},{b})" for k, (a, b) in (obs.source.spans.items() if obs.source else []))
        value = f"{obs.value}{obs.unit or ''}" if obs.value is not None else ""
        grid.add_row(names.get(obs.indicator, obs.indicator), value, _text(obs.growth), _text(obs.share),
                     _text(obs.plan_completion), obs.status or "", spans)
    return grid


def _print_leftovers(out: Any, matches: Any) -> None:
    """What was not written: conflicting figures, repeats, facts without a plan indicator."""
    if matches.conflicts:
        out.print("[bold red]同一指标出现不同数值（未写入）：[/]")
        for conflict in matches.conflicts:
            places = "；".join(f"第{f.start}字“{f.indicator}”" for f in conflict.facts)
            out.print(f"  {conflict.indicator.name}：{places}")
    if matches.duplicates:
        out.print(f"重复出现且数值一致 {len(matches.duplicates)} 处（只写一次）："
                  + "、".join(sorted({i.name for i, _ in matches.duplicates})))
    if matches.period_conflicts:
        out.print(f"[bold red]句中统计期与 --period 不同的 {len(matches.period_conflicts)} 条事实（未写入）：[/]")
        for item in matches.period_conflicts:
            meant = f"（{item.period.label}）" if item.period else "（无法识别）"
            out.print(f"  第{item.fact.start}字 {item.fact.indicator}：原文“{item.stated}”{meant}", markup=False)
    if matches.targets:
        out.print(f"目标表述 {len(matches.targets)} 条（不作为实绩写入）："
                  + "、".join(dict.fromkeys(f.indicator for f in matches.targets)), markup=False)
    if matches.progress:
        out.print(f"写入项目进度 {len(matches.progress)} 条：" + "、".join(p.subject for p in matches.progress), markup=False)
    if matches.unplaced:
        out.print(f"[yellow]未能归入项目或项目组的项目完成情况 {len(matches.unplaced)} 条：[/]")
        for item in matches.unplaced:
            out.print(f"  第{item.fact.start}字 {item.fact.indicator}：{item.reason}", markup=False)
    if matches.unmatched:
        out.print(f"[yellow]未能对应到计划指标的 {len(matches.unmatched)} 条事实：[/]")
        for item in matches.unmatched:
            out.print(f"  第{item.fact.start}字 {item.fact.indicator}：{item.reason}", markup=False)
