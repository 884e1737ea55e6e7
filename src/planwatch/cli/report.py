"""Commands of the `report` group (registered on the shared Typer app). Under construction."""

from __future__ import annotations

from planwatch.cli._app import app  # noqa: F401
