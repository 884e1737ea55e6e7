"""The ``planwatch`` command line: parse options, call a service, print the result."""

from planwatch.cli._app import app, run

# Each module registers its commands on ``app``.
from planwatch.cli import data, status  # noqa: E402,F401  load, demo; status

main = run

__all__ = ["app", "main"]
