"""The ``planwatch`` command line: parse options, call a service, print the result."""

from planwatch.cli._app import app, run

# Each module registers its commands on ``app``: one import line per command module.
from planwatch.cli import data  # noqa: E402,F401  load, demo
from planwatch.cli import status  # noqa: E402,F401  status
from planwatch.cli import ingest  # noqa: E402,F401  ingest
from planwatch.cli import extract  # noqa: E402,F401  extract, plan draft
from planwatch.cli import check  # noqa: E402,F401  check
from planwatch.cli import report  # noqa: E402,F401  report
from planwatch.cli import serve  # noqa: E402,F401  serve
from planwatch.cli import collect  # noqa: E402,F401  form, import, history, user, export, restore, workflow

main = run

__all__ = ["app", "main"]
