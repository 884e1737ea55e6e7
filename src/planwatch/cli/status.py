"""``planwatch status``: where each indicator stands, as a table, JSON or CSV."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer

from planwatch.cli._app import DbOption, PeriodOption, RegionOption, app, console, open_db

TONE_STYLE = {"good": "green", "warn": "yellow", "bad": "bold red", "neutral": "dim"}


@app.command()
def status(
    region: RegionOption = None,
    period: PeriodOption = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="输出格式：table、json、csv。")] = "table",
    db: DbOption = None,
) -> None:
    """显示各指标的完成情况与判断（按类别分组）。

    示例：planwatch status --region 吴江区 --period 2025H1
    """
    from planwatch.errors import InputError
    from planwatch.services.status import region_status

    if fmt not in ("table", "json", "csv"):
        raise InputError(f"不支持的格式“{fmt}”（可用：table、json、csv）")
    table = region_status(open_db(db), region=region, period=period)
    if fmt == "json":
        from planwatch.analyze.status import table_as_dict

        typer.echo(json.dumps(table_as_dict(table), ensure_ascii=False, indent=2))
    elif fmt == "csv":
        _print_csv(table)
    else:
        print_status(table)


def _value_text(row: Any) -> str:
    obs = row.observation
    if obs is None:
        return ""
    if obs.value is not None:
        prefix = "预计" if obs.estimate else ""
        return f"{prefix}{obs.qualifier if obs.qualifier in ('超', '近', '约') else ''}{obs.value}" + \
            ("余" if obs.qualifier in ("余", "多") else "")
    if obs.share is not None:
        return f"占比 {obs.share}%"
    return obs.status or ""


def _growth_text(row: Any) -> str:
    obs = row.observation
    if obs is None or obs.growth is None:
        return ""
    basis = f"（{obs.growth_basis.value}）" if obs.growth_basis else ""
    return f"{obs.growth}%{basis}"


def print_status(table: Any) -> None:
    from rich.table import Table

    out = console()
    out.print(f"[bold]{table.plan_title}[/] · {table.region.name} · {table.period.label} · "
              f"序时进度 {format(table.time_progress.normalize(), 'f')}%")
    grid = Table(show_lines=False, header_style="bold")
    for name, justify in (("指标", "left"), ("实际", "right"), ("单位", "left"), ("增长", "right"),
                          ("目标", "left"), ("判断", "left")):
        grid.add_column(name, justify=justify)  # type: ignore[arg-type]
    for category, rows in table.by_category().items():
        grid.add_row(f"[bold cyan]{category}[/]", "", "", "", "", "")
        for row in rows:
            obs_unit = (row.observation.unit if row.observation and row.observation.value is not None else "")
            style = TONE_STYLE[row.verdict.tone]
            grid.add_row("  " + row.indicator.name, _value_text(row), obs_unit or "", _growth_text(row),
                         row.target.describe() if row.target else "—", f"[{style}]{row.verdict.value}[/]")
    out.print(grid)
    counts = "，".join(f"{v.value} {n}" for v, n in table.counts().items())
    out.print(f"共 {len(table.rows)} 项指标：{counts}")


def _print_csv(table: Any) -> None:
    import csv
    import sys

    from planwatch.analyze.status import row_as_dict

    rows = [row_as_dict(r) for r in table.rows]
    fields = [k for k in rows[0] if k != "inputs"] if rows else []
    writer = csv.DictWriter(sys.stdout, fieldnames=fields, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
