"""A progress bar on stderr for long loads and imports (never on stdout, never in JSON output).

The services report progress through a plain callback ``(done, total)``; this module turns it
into a rich bar. It shows when stderr is a terminal and the work is more than
:data:`AUTO_ROWS` rows, or always with ``--progress``; ``--no-progress`` hides it."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Annotated, Any

import typer

#: below this many rows a load is over before a bar would help
AUTO_ROWS = 5000

ProgressOption = Annotated[
    bool | None,
    typer.Option("--progress/--no-progress", help="在标准错误输出上显示进度条（默认：终端中且超过 5000 行时显示）。",
                 show_default=False),
]


@contextmanager
def progress_bar(label: str, wanted: bool | None) -> Iterator[Callable[[int, int | None], None] | None]:
    """A callback drawing a bar on stderr, or None when no bar is wanted (``wanted`` None: decide
    by the terminal and the size)."""
    if wanted is False or (wanted is None and not sys.stderr.isatty()):
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    console = Console(file=sys.stderr, force_terminal=wanted is True or None)
    bar: dict[str, Any] = {}

    def report(done: int, total: int | None) -> None:
        if "progress" not in bar:
            if wanted is None and total is not None and total <= AUTO_ROWS:
                return
            bar["progress"] = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                       TimeElapsedColumn(), console=console, transient=False)
            bar["progress"].start()
            bar["task"] = bar["progress"].add_task(label, total=total)
        bar["progress"].update(bar["task"], completed=done, total=total)

    try:
        yield report
    finally:
        if "progress" in bar:
            bar["progress"].stop()
