"""Errors of the report renderers that are about the machine, not the data."""

from __future__ import annotations

from planwatch.errors import PlanwatchError


class MissingTool(PlanwatchError):
    """A program or font the requested output needs is not installed; the message says how to get it."""

    status = 503
    code = "missing_tool"
