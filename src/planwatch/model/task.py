"""Tasks (重点工作, 改革事项, 民生实事) and the numbered lists they belong to."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from planwatch.model.source import Source


class TaskStatus(str, Enum):
    """Status words used across regions (see docs/glossary.md)."""

    NOT_STARTED = "未启动"
    IN_PROGRESS = "正常推进"
    AHEAD = "超序时"
    ON_SCHEDULE = "按序时"
    BEHIND = "滞后"
    DONE = "已完成"
    UNKNOWN = "未报告"


@dataclass(frozen=True, slots=True)
class TaskGroup:
    """任务清单: e.g. 23项年度重点改革. ``count`` is the number the plan states."""

    code: str
    name: str
    year: int
    region: str
    count: int | None = None
    kind: str = "重点工作"
    order: int = 0
    note: str | None = None
    source: Source | None = None
    category: str | None = None   # where the report mentions the list (章节/小节)
    phrase: str | None = None     # the report's words, "{}" for the count: 全力推进{}年度重点改革工作


@dataclass(frozen=True, slots=True)
class Task:
    """一项任务."""

    code: str
    group: str
    title: str
    department: str | None = None
    status: TaskStatus = TaskStatus.UNKNOWN
    progress_note: str | None = None
    source: Source | None = None
