"""Errors that reach users: each says what is wrong and where, in plain Chinese.

The CLI prints them and exits 2; the web answers with one JSON shape and the status below.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Location:
    """Where a problem is: a file and a line, a sheet and a cell, or a field path."""

    file: str | None = None
    line: int | None = None
    sheet: str | None = None
    cell: str | None = None
    field: str | None = None

    def __str__(self) -> str:
        parts = []
        if self.file:
            parts.append(self.file)
        if self.sheet:
            parts.append(f"工作表“{self.sheet}”")
        if self.cell:
            parts.append(f"单元格 {self.cell}")
        if self.line is not None:
            parts.append(f"第 {self.line} 行")
        if self.field:
            parts.append(f"字段 {self.field}")
        return "，".join(parts)


@dataclass(frozen=True, slots=True)
class Problem:
    """One finding of a validation: ``severity`` is "error" (blocks) or "warning" (may be accepted)."""

    message: str
    location: Location | None = None
    severity: str = "error"
    code: str = "invalid"

    def __str__(self) -> str:
        where = str(self.location) if self.location else ""
        return f"{where}：{self.message}" if where else self.message


class PlanwatchError(Exception):
    """Base of all errors meant for users. ``status`` is the HTTP status the web answers with."""

    status = 400
    code = "error"

    def __init__(self, message: str, *, problems: list[Problem] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.problems = list(problems or [])

    def lines(self) -> list[str]:
        return [self.message, *(f"  - {p}" for p in self.problems)]


class InputError(PlanwatchError):
    """Bad input: a file, a value, an option. Nothing was written."""

    status = 422
    code = "invalid_input"


class NotFound(PlanwatchError):
    status = 404
    code = "not_found"


class PermissionDenied(PlanwatchError):
    status = 403
    code = "forbidden"


class Locked(PlanwatchError):
    """The period is locked (已锁定) and refuses changes until an admin reopens it."""

    status = 409
    code = "locked"


class MissingTool(PlanwatchError):
    """An optional outside tool (LibreOffice for PDF) is not installed."""

    status = 501
    code = "missing_tool"
