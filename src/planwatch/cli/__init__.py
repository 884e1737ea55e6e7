"""The ``planwatch`` command line: parse options, call a service, print the result."""

from planwatch.cli._app import app, run

# Each module registers its commands on ``app``: one import line per command module.
from planwatch.cli import data  # noqa: E402,F401  load, demo
from planwatch.cli import status  # noqa: E402,F401  status
from planwatch.cli import ingest  # noqa: E402,F401  ingest

main = run

__all__ = ["app", "main"]
