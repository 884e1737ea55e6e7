"""Commands that load data and run the example: ``load`` and ``demo``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from planwatch.cli._app import DbOption, app, console, open_db, settings_for
from planwatch.cli._progress import ProgressOption, progress_bar


@app.command()
def load(
    path: Annotated[Path, typer.Argument(help="计划文件夹或 .yaml 文件。", show_default=False)],
    db: DbOption = None,
    progress: ProgressOption = None,
) -> None:
    """载入计划文件（指标、目标、项目、任务、观测值）。全部校验通过才写入；重复载入不产生变化。

    观测值可写在 YAML 的 observations 中，也可放在计划文件夹内的 observations*.csv（与 export-csv 相同的长表格式）。

    示例：planwatch load examples/wujiang-2025
    """
    from planwatch.services.plans import load_plan

    database = open_db(db)
    with progress_bar("载入观测值", progress) as report:
        result = load_plan(database, path, progress=report)
    changes = result.changes
    console().print(
        f"已载入 {result.title}（{result.year}年）：新增 {changes.count('inserted')} 条，"
        f"更新 {changes.count('updated')} 条，未变 {changes.count('unchanged')} 条。数据库：{database.url}"
    )


@app.command()
def demo(
    db: DbOption = None,
    output: Annotated[Path, typer.Option("--output", "-o", help="报告输出文件夹。")] = Path("."),
    serve: Annotated[bool, typer.Option("--serve/--no-serve", help="最后启动仪表盘。")] = True,
    port: Annotated[int, typer.Option(help="仪表盘端口。")] = 8000,
) -> None:
    """示例：创建默认数据库，载入两个示例（吴江区2025年上半年执行情况，无年度目标；全国2025年主要预期目标及上半年、1—9月、全年执行情况），显示两者的指标状态表，在输出文件夹写出两份执行情况报告（.docx），最后启动仪表盘（打开全国2025年上半年；--no-serve 不启动）。"""
    from planwatch.cli.status import print_status
    from planwatch.services.examples import DEMO_EXAMPLES, DEMO_PERIOD, DEMO_REGION, example_path
    from planwatch.services.plans import load_plan
    from planwatch.services.report import build_report
    from planwatch.services.status import region_status

    settings = settings_for(db)
    database = open_db(db)
    out = console()
    regions: list[str | None] = []
    for name in DEMO_EXAMPLES:
        result = load_plan(database, example_path(name))
        out.print(f"示例“{result.title}”已载入数据库 {database.url}（新增 {result.changes.count('inserted')} 条，"
                  f"未变 {result.changes.count('unchanged')} 条）。")
        regions.append(result.region)
    output.mkdir(parents=True, exist_ok=True)
    for region in regions:
        # The region the dashboard opens on is shown at the period it opens on; the others at their latest.
        period = DEMO_PERIOD if region == DEMO_REGION else None
        print_status(region_status(database, region=region, period=period))
        written = build_report(database, region, period, "docx", output)
        out.print(f"执行情况报告（草稿）已写入：{written.resolve()}")
    if not serve:
        return
    from planwatch.web.app import serve as serve_dashboard

    def announce(url: str) -> None:
        out.print(f"仪表盘已启动：{url}  （按 Ctrl+C 停止）")

    # The demo is one person on this machine: a local admin without login, on loopback only.
    settings.local_mode = True
    settings.default_region, settings.default_period = DEMO_REGION, DEMO_PERIOD
    serve_dashboard(settings, "127.0.0.1", port, database=database, on_ready=announce)
