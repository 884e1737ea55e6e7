"""The Typer application, the options every command shares, and the one error boundary.

Command modules (``planwatch.cli.<group>``) register on :data:`app`. Heavy libraries are
imported inside command functions so that ``planwatch --help`` and ``extract`` start fast.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

app = typer.Typer(
    name="planwatch",
    help="planwatch：国民经济和社会发展计划执行监测（计划、数据、序时进度、执行情况报告）。",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)

DbOption = Annotated[
    str | None,
    typer.Option("--db", help="数据库 URL 或 SQLite 文件路径；默认读取 PLANWATCH_DATABASE_URL，否则用户目录下的默认 SQLite 文件。",
                 show_default=False),
]
RegionOption = Annotated[str | None, typer.Option("--region", "-r", help="地区名称或代码，如 吴江区 或 320509。")]
PeriodOption = Annotated[str | None, typer.Option("--period", "-p", help="统计期，如 2025H1、2025年上半年、2025年1—7月。")]


def settings_for(db: str | None) -> Any:
    """Settings from the environment, with ``--db`` taking precedence."""
    from planwatch.settings import Settings

    return Settings.from_env(database=db)


def open_db(db: str | None) -> Any:
    from planwatch.services.database import open_database

    return open_database(settings_for(db).database_url)


def console(stderr: bool = False) -> Any:
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=False,
                   width=None if sys.stdout.isatty() else 200)


def fail(message: str, lines: list[str] | None = None, code: int = 2) -> None:
    err = console(stderr=True)
    err.print(f"[bold red]错误：[/]{message}", markup=True)
    for line in lines or []:
        err.print(line, markup=False)
    raise typer.Exit(code)


def run(argv: list[str] | None = None) -> None:
    """Entry point: run the app with one boundary that turns domain errors into messages and exit 2.
    Always ends with SystemExit carrying the exit code."""
    from planwatch.errors import PlanwatchError

    try:
        result = app(args=argv, prog_name="planwatch", standalone_mode=False)
        sys.exit(result if isinstance(result, int) else 0)
    except PlanwatchError as exc:
        _print_error(exc.message, [f"  - {p}" for p in exc.problems])
        sys.exit(2)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        _print_error("已取消", [])
        sys.exit(130)
    except Exception as exc:  # click usage errors and unexpected OS errors: a message, never a traceback
        from planwatch.cli._usage import click_exception_kind, show_click_exception

        kind = click_exception_kind(exc)
        if kind is not None:
            sys.exit(show_click_exception(exc, usage=kind == "usage"))
        if isinstance(exc, OSError):
            _print_error(f"无法读写文件：{exc.filename or ''} {exc.strerror or exc}", [])
            sys.exit(2)
        if os.environ.get("PLANWATCH_DEBUG"):
            raise
        _print_error(f"内部错误（请报告此问题）：{type(exc).__name__}: {exc}", ["设置 PLANWATCH_DEBUG=1 可查看详细信息。"])
        sys.exit(1)


def _print_error(message: str, lines: list[str]) -> None:
    print(f"错误：{message}", file=sys.stderr)
    for line in lines:
        print(line, file=sys.stderr)


def path_argument(help_text: str) -> Any:
    return typer.Argument(..., help=help_text, show_default=False)


__all__ = ["DbOption", "PeriodOption", "Path", "RegionOption", "app", "console", "fail", "open_db", "run",
           "settings_for"]
