"""Plan (年度计划): one region's plan for one year, with everything declared for it."""

from __future__ import annotations

from dataclasses import dataclass, field

from planwatch.model.indicator import Indicator
from planwatch.model.material import Material
from planwatch.model.observation import Observation
from planwatch.model.project import Project, ProjectGroup, ProjectProgress
from planwatch.model.region import Region
from planwatch.model.target import Target
from planwatch.model.task import Task, TaskGroup


@dataclass(frozen=True, slots=True)
class Document:
    """A source document whose text spans observations point into."""

    code: str
    title: str
    text: str
    kind: str = "报告"
    published: str | None = None


@dataclass(frozen=True, slots=True)
class Plan:
    """年度计划 of ``region`` for ``year``: its indicator system and targets, its key-project
    groups and projects, its task lists, and the figures and written materials reported against it."""

    region: str
    year: int
    title: str
    regions: tuple[Region, ...] = ()
    categories: tuple[str, ...] = ()
    indicators: tuple[Indicator, ...] = ()
    targets: tuple[Target, ...] = ()
    project_groups: tuple[ProjectGroup, ...] = ()
    projects: tuple[Project, ...] = ()
    project_progress: tuple[ProjectProgress, ...] = ()
    task_groups: tuple[TaskGroup, ...] = ()
    tasks: tuple[Task, ...] = ()
    observations: tuple[Observation, ...] = ()
    documents: tuple[Document, ...] = ()
    departments: tuple[str, ...] = field(default=())
    materials: tuple[Material, ...] = ()      # departments' written materials (model/material.py)

    def indicator(self, code: str) -> Indicator | None:
        for indicator in self.indicators:
            if indicator.code == code:
                return indicator
        return None
