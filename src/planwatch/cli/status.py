"""``planwatch status``: where each indicator stands, as a table, JSON or CSV."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Annotated, Any

import typer

from planwatch.cli._app import DbOption, PeriodOption, RegionOption, app, console, open_db

if TYPE_CHECKING:
    from rich.console import JustifyMethod

TONE_STYLE = {"good": "green", "warn": "yellow", "bad": "bold red", "neutral": "dim"}


@app.command()
def status(
    region: RegionOption = None,
    period: PeriodOption = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="输出格式：table、json、csv。")] = "table",
    lagging: Annotated[bool, typer.Option("--lagging", help="只列出滞后或未达标的指标和项目组。")] = False,
    explain: Annotated[bool, typer.Option("--explain", help="每项显示判断依据（规则和输入数字）。")] = False,
    db: DbOption = None,
) -> None:
    """显示各指标的完成情况与判断（按类别分组），以及重点项目组与序时进度的比较。

    示例：planwatch status --region 吴江区 --period 2025H1 --lagging
    """
    from planwatch.errors import InputError
    from planwatch.services.status import region_status

    if fmt not in ("table", "json", "csv"):
        raise InputError(f"不支持的格式“{fmt}”（可用：table、json、csv）")
    table = region_status(open_db(db), region=region, period=period)
    if lagging:
        from planwatch.services.status import lagging_only

        table = lagging_only(table)
    if fmt == "json":
        from planwatch.services.status import table_as_dict

        typer.echo(json.dumps(table_as_dict(table), ensure_ascii=False, indent=2))
    elif fmt == "csv":
        _print_csv(table)
    else:
        print_status(table, explain=explain, lagging=lagging)


def _value_text(row: Any) -> str:
    obs = row.observation
    if obs is None:
        if row.derived_value is not None:
            return f"{row.derived_value:f}（公式）"
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


def _progress_text(row: Any) -> str:
    if row.completion is None:
        return ""
    gap = row.gap_points
    sign = "+" if gap is not None and gap > 0 else ""
    places = row.completion_places
    return f"{row.completion_text}%" + (f"（{sign}{_num(gap, places)}）" if gap is not None else "")


def _num(value: Any, places: int = 2) -> str:
    from planwatch.services.status import fmt

    return fmt(value, places)


def _verdict(verdict: Any, word: str | None = None) -> str:
    """The engine's word (the verdict, or the target's own phrase), marked by the verdict's tone."""
    from rich.markup import escape

    style = TONE_STYLE[verdict.tone]
    mark = {"good": "✓", "warn": "~", "bad": "✗", "neutral": "·"}[verdict.tone]
    return f"[{style}]{mark} {escape(word or verdict.value)}[/]"


def print_status(table: Any, *, explain: bool = False, lagging: bool = False) -> None:
    from rich.markup import escape

    out = console()
    out.print(f"[bold]{escape(table.plan_title)}[/] · {escape(table.region.name)} · {table.period.label} · "
              f"序时进度 {_num(table.time_progress, 1)}%" + ("（只列滞后项）" if lagging else ""))
    if table.rows:
        out.print(_rows_table(table, explain))
    elif lagging:
        out.print("没有滞后或未达标的指标。")
    _print_counts(out, table)
    if table.projects is not None and (table.projects.groups or table.projects.towns or table.projects.departments):
        _print_projects(out, table.projects, explain)
    elif lagging:
        out.print("没有低于序时进度的项目组。")
    _print_outlook(out, table, explain)


def _rows_table(table: Any, explain: bool) -> Any:
    from rich.markup import escape
    from rich.table import Table

    grid = Table(show_lines=False, header_style="bold")
    columns: list[tuple[str, JustifyMethod]] = [("指标", "left"), ("实际", "right"), ("单位", "left"),
                                                ("增长", "right"), ("目标", "left"), ("完成率（较序时）", "right"),
                                                ("判断", "left")]
    if explain:
        columns.append(("依据", "left"))
    for name, justify in columns:
        grid.add_column(name, justify=justify, overflow="fold")
    for category, rows in table.by_category().items():
        grid.add_row(f"[bold cyan]{escape(category)}[/]", *[""] * (len(columns) - 1))
        for row in rows:
            obs_unit = (row.observation.unit if row.observation and row.observation.value is not None else "")
            cells = ["  " + escape(row.indicator.name), escape(_value_text(row)), escape(obs_unit or ""),
                     _growth_text(row), escape(row.target.describe()) if row.target else "—",
                     _progress_text(row), _verdict(row.verdict, row.word)]
            if explain:
                inputs = "；".join(f"{k}={v}" for k, v in row.inputs.items())
                cells.append(escape(f"[{row.rule}] {row.explanation}" + (f"\n输入：{inputs}" if inputs else "")))
            grid.add_row(*cells)
    return grid


def _print_counts(out: Any, table: Any) -> None:
    from rich.markup import escape

    counts = "，".join(f"{v.value} {n}" for v, n in table.counts().items())
    out.print(f"共 {len(table.rows)} 项指标：{counts}" if table.rows else "")
    if table.count is not None and table.count.headline:
        out.print(escape(table.count.headline))
        if table.count.lagging:
            out.print("  滞后：" + escape("、".join(table.count.lagging)))
    if table.double_half is not None:
        out.print(f"双过半：{escape(table.double_half.headline)}")
        if table.double_half.missed:
            out.print("  未实现双过半：" + escape("、".join(table.double_half.missed)))


def _print_outlook(out: Any, table: Any, explain: bool) -> None:
    from rich.markup import escape

    risky = [o for o in table.outlook if o.at_risk]
    if not table.outlook:
        return
    out.print(f"[bold]全年预计[/]（{len(table.outlook)} 项有数值目标，{len(risky)} 项有完不成的风险）")
    for item in table.outlook:
        if explain or item.at_risk:
            mark = "[bold red]✗ 有风险[/]" if item.at_risk else ("[green]✓ 可完成[/]" if item.at_risk is False else "· 无法判断")
            out.print(f"  {mark} {escape(item.explanation)}")


def _print_projects(out: Any, summary: Any, explain: bool) -> None:
    from rich.markup import escape
    from rich.table import Table

    for title, items in (("重点项目组", summary.groups), ("乡镇（街道）项目", summary.towns),
                         ("部门项目", summary.departments)):
        if not items:
            continue
        grid = Table(title=f"{title} · 序时进度 {_num(summary.time_progress, 1)}%", header_style="bold",
                     title_justify="left")
        columns: list[tuple[str, JustifyMethod]] = [("名称", "left"), ("项目数", "right"), ("完成投资（亿元）", "right"), ("年度计划（亿元）", "right"),
                   ("完成率", "right"), ("较序时（百分点）", "right"), ("开工率", "right"), ("排名", "right"),
                   ("判断", "left")]
        if explain:
            columns.append(("依据", "left"))
        for name, justify in columns:
            grid.add_column(name, justify=justify, overflow="fold")
        for s in items:
            plan = "" if s.annual_plan is None else (_num(s.annual_plan) + ("（推算）" if s.annual_plan_derived else ""))
            gap = "" if s.gap_text is None else (("+" if s.gap_points > 0 else "") + s.gap_text)
            rate = "" if s.start_rate is None else f"{_num(s.start_rate, 1)}%" \
                f"（{s.new_starts_started}/{s.new_start_count}）"
            cells = [escape(s.name), "" if s.project_count is None else str(s.project_count),
                     "" if s.completed_investment is None else _num(s.completed_investment), plan,
                     "" if s.completion is None else f"{s.completion_text}%", gap, rate,
                     "" if s.rank is None else str(s.rank), _verdict(s.verdict)]
            if explain:
                cells.append(escape(f"[{s.rule}] {s.explanation}"))
            grid.add_row(*cells)
        out.print(grid)
    out.print(escape(summary.headline))


def _print_csv(table: Any) -> None:
    import csv
    import sys

    from planwatch.services.status import progress_as_dict, row_as_dict

    rows = [{"kind": "指标", **row_as_dict(r)} for r in table.rows]
    fields = ["kind", *[k for k in (rows[0] if rows else row_as_dict_keys()) if k not in ("kind", "inputs")]]
    if table.projects is not None:
        for s in (*table.projects.groups, *table.projects.towns, *table.projects.departments):
            d = progress_as_dict(s)
            rows.append({"kind": s.kind, **{k: v for k, v in d.items() if k in fields and k != "kind"}})
    writer = csv.DictWriter(sys.stdout, fieldnames=fields, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)


def row_as_dict_keys() -> list[str]:
    return ["code", "name", "category", "verdict", "tone", "rule", "explanation", "completion", "time_progress",
            "gap_points"]
