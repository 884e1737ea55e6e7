"""The ``planwatch`` command line: parse options, call a service, print the result."""
# ruff: noqa: I001, E402, F401 — the import order below is the order commands appear in --help.

from planwatch.cli._app import app, run

# Each module registers its commands on ``app``: one import line per command module.
from planwatch.cli import data  # load, demo
from planwatch.cli import status  # status
from planwatch.cli import report  # report
from planwatch.cli import check  # check
from planwatch.cli import extract  # extract, plan draft
from planwatch.cli import ingest  # ingest
from planwatch.cli import serve  # serve
from planwatch.cli import collect  # form, import, export-csv, history, export, restore, period, user, token

main = run

__all__ = ["app", "main"]
