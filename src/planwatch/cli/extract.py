"""``planwatch extract`` (facts or targets out of report files) and ``planwatch plan draft`` (a plan
file from a text's 主要预期目标, for review). Nothing heavy is imported at module level: these
commands must start fast."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from planwatch.cli._app import app, console


class OutputFormat(StrEnum):
    jsonl = "jsonl"
    table = "table"
    csv = "csv"


@app.command()
def extract(
    files: Annotated[list[Path], typer.Argument(help="报告文件（.txt、.docx、.pdf、.html），可多个；文件夹表示其中（含子文件夹）所有报告文件。", show_default=False)],
    format: Annotated[OutputFormat, typer.Option("--format", "-f", help="输出格式：jsonl（每行一条事实）、table、csv（每个数值一行）。")] = OutputFormat.jsonl,
    dump_text: Annotated[bool, typer.Option("--dump-text", help="只输出抽取出的正文（字符位置即以此文本计）。")] = False,
    targets: Annotated[bool, typer.Option("--targets", help="抽取目标表述（主要预期目标）而不是事实。")] = False,
    region: Annotated[str, typer.Option("--region", "-r", help="与 --targets 同用：目标所属地区。")] = "",
    year: Annotated[int | None, typer.Option("--year", help="与 --targets 同用：目标年度（默认从文中推断）。", show_default=False)] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=0, help="并行进程数（0 表示每个 CPU 核一个）。")] = 0,
) -> None:
    """从报告文本中抽取指标事实（数值、增长、占计划、比重、变化、状态），每个数字带原文字符位置。

    多个文件时，jsonl 每行另加 "file" 键，多于 3 个文件时在标准错误输出上显示进度。非 .txt 文件的位置以抽取出的正文为准（见 --dump-text）。

    示例：planwatch extract 报告.txt --format table；planwatch extract 报告文件夹/ --jobs 4；planwatch extract --targets 政府工作报告.docx
    """
    from planwatch.services.extraction import report_files

    files = report_files(files)
    if dump_text:
        from planwatch.services.extraction import read_text

        for path in files:
            text = read_text(path)
            sys.stdout.write(text if text.endswith("\n") or not text else text + "\n")
        return
    if targets:
        _print_targets(files, format, region, year)
        return
    results = _facts_of(files, jobs)     # streamed: each file's facts are written as soon as they are read
    several = len(files) > 1
    if format is OutputFormat.jsonl:
        _facts_jsonl(results, several)
    elif format is OutputFormat.csv:
        _facts_csv(results, several)
    else:
        _facts_table(results)


#: more files than this show a progress bar on stderr
_PROGRESS_FROM = 3


def _facts_of(files: list[Path], jobs: int) -> Iterator[Any]:
    from planwatch.services.extraction import facts_in_files

    if len(files) <= _PROGRESS_FROM:
        yield from facts_in_files(files, jobs=jobs)
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    # Output to a file or pipe is written as it comes, not through the bar's console (which is stderr's).
    tty = sys.stdout.isatty()
    with Progress(TextColumn("抽取"), MofNCompleteColumn(), BarColumn(), TextColumn("{task.description}"),
                  console=Console(stderr=True), transient=False, redirect_stdout=tty, redirect_stderr=tty) as bar:
        task = bar.add_task("", total=len(files))
        for result in facts_in_files(files, jobs=jobs):
            bar.update(task, advance=1, description=result.path.name)
            yield result


def _facts_jsonl(results: Iterable[Any], several: bool) -> None:
    import json

    for result in results:
        lines = []
        for fact in result.facts:
            row = fact.to_json()
            if several:
                row = {"file": str(result.path), **row}
            lines.append(json.dumps(row, ensure_ascii=False) + "\n")
        sys.stdout.write("".join(lines))
        sys.stdout.flush()


_CSV_FIELDS = ("file", "indicator", "slot", "number", "unit", "start", "end", "text", "qualifier", "basis", "of",
               "target", "scope", "period", "estimate")


def _facts_csv(results: Iterable[Any], several: bool) -> None:
    import csv

    writer = csv.DictWriter(sys.stdout, fieldnames=_CSV_FIELDS if several else _CSV_FIELDS[1:],
                            extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for result in results:
        for fact in result.facts:
            common = {"file": str(result.path), "indicator": fact.indicator, "scope": fact.scope or "",
                      "period": fact.period or "", "estimate": "true" if fact.estimate else ""}
            for name, slot in fact.slots():
                start, end = slot.span
                writer.writerow({**common, "slot": name, "number": str(slot.number), "unit": slot.unit,
                                 "start": start, "end": end, "text": result.text[start:end],
                                 "qualifier": slot.qualifier or "", "basis": slot.basis or "", "of": slot.of or "",
                                 "target": "true" if slot.target else ""})
            if fact.status is not None:
                start, end = fact.status.span
                writer.writerow({**common, "slot": "status", "number": "", "unit": "", "start": start, "end": end,
                                 "text": fact.status.text, "target": "true" if fact.status.target else ""})
        sys.stdout.flush()


def _slot_text(slot: Any) -> str:
    if slot is None:
        return ""
    text = f"{slot.qualifier or ''}{slot.number}{slot.unit}"
    return text + ("（目标）" if slot.target else "")


def _facts_table(results: Iterable[Any]) -> None:
    from rich.table import Table

    out = console()
    for result in results:
        grid = Table(title=f"{result.path}：{len(result.facts)} 条事实")
        for column in ("位置", "指标", "数值", "增长", "占计划", "比重", "变化", "状态"):
            grid.add_column(column)
        for fact in result.facts:
            grid.add_row(str(fact.start), fact.indicator, _slot_text(fact.value), _slot_text(fact.growth),
                         _slot_text(fact.plan_completion), _slot_text(fact.share), _slot_text(fact.change),
                         fact.status.text if fact.status else "")
        out.print(grid)


def _goal_text(goal: Any) -> str:
    return goal.describe() if goal is not None else ""


def _print_targets(files: list[Path], format: OutputFormat, region: str, year: int | None) -> None:
    from planwatch.services.extraction import targets_in_file

    rows: list[tuple[Path, int, Any]] = []
    for path in files:
        _, found_year, findings = targets_in_file(path, region=region, year=year)
        rows.extend((path, found_year, finding) for finding in findings)
    if format is OutputFormat.jsonl:
        _targets_jsonl(rows, region, len(files) > 1)
    elif format is OutputFormat.csv:
        _targets_csv(rows, len(files) > 1)
    else:
        _targets_table(rows)


def _targets_jsonl(rows: list[tuple[Path, int, Any]], region: str, several: bool) -> None:
    import json

    lines = []
    for path, found_year, finding in rows:
        row = {**({"file": str(path)} if several else {}), "region": region, "year": found_year, **finding.to_json()}
        lines.append(json.dumps(row, ensure_ascii=False))
    sys.stdout.write("".join(line + "\n" for line in lines))


def _targets_csv(rows: list[tuple[Path, int, Any]], several: bool) -> None:
    import csv

    fields = ["file", "indicator", "goal", "number", "upper", "unit", "comparison", "start", "end", "text"]
    writer = csv.DictWriter(sys.stdout, fieldnames=fields if several else fields[1:], extrasaction="ignore",
                            lineterminator="\n")
    writer.writeheader()
    for path, _, finding in rows:
        target = finding.target
        for name in ("level", "growth"):
            goal = getattr(target, name)
            if goal is None:
                continue
            span = finding.spans.get(name, ("", ""))
            writer.writerow({"file": str(path), "indicator": finding.indicator, "goal": name,
                             "number": "" if goal.value is None else str(goal.value),
                             "upper": "" if goal.upper is None else str(goal.upper), "unit": goal.unit,
                             "comparison": goal.comparison.value, "start": span[0], "end": span[1],
                             "text": finding.text})
        if target.qualitative:
            span = finding.spans.get("qualitative", ("", ""))
            writer.writerow({"file": str(path), "indicator": finding.indicator, "goal": "qualitative",
                             "start": span[0], "end": span[1], "text": target.qualitative})


def _targets_table(rows: list[tuple[Path, int, Any]]) -> None:
    from rich.table import Table

    grid = Table(title=f"目标表述：{len(rows)} 条")
    for column in ("位置", "指标", "总量目标", "增长目标", "定性目标", "原文"):
        grid.add_column(column)
    for _, _, finding in rows:
        target = finding.target
        start = finding.sentence[0] if finding.sentence else ""
        grid.add_row(str(start), finding.indicator, _goal_text(target.level),
                     ("增长" + _goal_text(target.growth)) if target.growth and target.growth.value is not None
                     else _goal_text(target.growth), target.qualitative or "", finding.text)
    console().print(grid)


# --------------------------------------------------------------------------------------------- plan

plan_app = typer.Typer(name="plan", help="计划文件的辅助命令（从目标表述生成计划草稿）。", no_args_is_help=True,
                       add_completion=False, rich_markup_mode=None, pretty_exceptions_enable=False)
app.add_typer(plan_app, name="plan")


@plan_app.command("draft")
def plan_draft(
    file: Annotated[Path, typer.Argument(help="含主要预期目标的文本（.txt、.docx、.pdf、.html）。", show_default=False)],
    region: Annotated[str, typer.Option("--region", "-r", help="计划所属地区名称，如 吴江区。", show_default=False)],
    year: Annotated[int, typer.Option("--year", help="计划年度，如 2026。", show_default=False)],
    output: Annotated[Path | None, typer.Option("--output", "-o", help="写入的计划文件（.yaml）；不给则输出到屏幕。", show_default=False)] = None,
    region_code: Annotated[str | None, typer.Option("--region-code", help="地区代码（默认用地区名称）。", show_default=False)] = None,
    title: Annotated[str | None, typer.Option("--title", help="计划名称。", show_default=False)] = None,
    force: Annotated[bool, typer.Option("--force", help="输出文件已存在时覆盖。")] = False,
) -> None:
    """从文本的目标表述生成计划文件草稿（指标 + 目标，每个数字带原文位置），供人工核对后用 planwatch load 载入。

    示例：planwatch plan draft 政府工作报告.txt --region 吴江区 --year 2026 -o plan.yaml
    """
    from planwatch.services.extraction import draft_plan, write_draft

    draft = draft_plan(file, region=region, year=year, region_code=region_code, title=title)
    if output is None:
        sys.stdout.write(draft.yaml)
        return
    write_draft(draft, output, force=force)
    out = console()
    out.print(f"已写入计划草稿 {output}：{len(draft.targets)} 个指标及目标。请核对后用 planwatch load {output} 载入。",
              markup=False)
    if not draft.targets:
        out.print("未在文中找到目标表述（如“主要预期目标：地区生产总值增长5%左右；……”）。", markup=False)
    if draft.guessed_units:
        out.print("以下指标的单位由名称推断，请核对：" + "、".join(draft.guessed_units), markup=False)
    for finding, reason in draft.left_out:
        out.print(f"未写入：“{finding.text}”（{reason}）", markup=False)
