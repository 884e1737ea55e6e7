"""Key projects (重点项目) and project groups (项目组, e.g. 5个省重大项目)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import Enum

from planwatch.model.period import Period
from planwatch.model.source import Source


class ProjectLevel(str, Enum):
    """项目层级. An upper-level project may also sit in a lower-level list: levels overlap."""

    PROVINCE = "省"
    CITY = "市"
    DISTRICT = "区"
    OTHER = "其他"


@dataclass(frozen=True, slots=True)
class ProjectGroup:
    """项目组: a list reported as a whole (5个省重大项目, 十大民生实事项目).

    ``annual_plan`` is the year's planned investment (亿元); when the plan does not state it but
    a report states completion ÷ plan, it may be derived and ``annual_plan_derived`` says so."""

    code: str
    name: str
    level: ProjectLevel
    year: int
    region: str
    project_count: int | None = None
    new_start_count: int | None = None
    annual_plan: Decimal | None = None
    annual_plan_derived: bool = False
    annual_plan_note: str | None = None
    category: str | None = None
    order: int = 0
    source: Source | None = None


@dataclass(frozen=True, slots=True)
class Project:
    """重点项目. Investments in 亿元."""

    code: str
    name: str
    level: ProjectLevel
    year: int
    region: str
    group: str | None = None
    category: str | None = None
    total_investment: Decimal | None = None
    annual_plan: Decimal | None = None
    new_start: bool = False
    started: bool | None = None
    town: str | None = None
    department: str | None = None
    source: Source | None = None


@dataclass(frozen=True, slots=True)
class ProjectProgress:
    """Year-to-date progress of a project or of a group: completed investment (亿元) to a period,
    the completion share as stated, and how many new-start projects have started."""

    subject: str          # a project code or a group code
    is_group: bool
    period: Period
    completed_investment: Decimal | None = None
    stated_completion: Decimal | None = None   # % of the annual plan, as the text states it
    new_starts_started: int | None = None
    all_new_starts_started: bool = False
    stated_start_rate: Decimal | None = None
    source: Source | None = None
