"""Read-only views the web dashboard and the HTTP API need: indicator histories with their
source sentences, project and task lists with filters, town comparisons.

Each function takes a :class:`~planwatch.services.plans.Selection` (resolved once per request by
the caller) and, where documents are needed, the database. Numbers stay ``Decimal`` as stated;
nothing is invented: a figure the data does not give is ``None``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from planwatch.analyze.projects import ProgressStatus, ProjectSummary, project_status
from planwatch.analyze.status import IndicatorStatus, Rules, indicator_over_periods
from planwatch.errors import NotFound
from planwatch.model import (
    Document,
    Indicator,
    Observation,
    Period,
    Plan,
    Project,
    ProjectGroup,
    ProjectProgress,
    Region,
    RegionLevel,
    SourceKind,
    Target,
    Task,
    TaskGroup,
    chinese,
)
from planwatch.services.plans import Selection, parse_period_or_error
from planwatch.services.status import rules_of
from planwatch.store import Database, PlanRef, list_plans, read_document, read_regions

# ----------------------------------------------------------------------------- catalogue


def regions(db: Database) -> list[Region]:
    with db.connect() as conn:
        return read_regions(conn)


def plans(db: Database) -> list[PlanRef]:
    with db.connect() as conn:
        return list_plans(conn)


def periods_with_figures(plan: Plan, region: str | None = None) -> list[Period]:
    """The periods that have observations (for ``region`` when given), oldest first."""
    return sorted({obs.period for obs in plan.observations if region is None or obs.region == region})


def filter_observations(plan: Plan, *, region: str | None = None, period: str | None = None,
                        indicator: str | None = None) -> list[Observation]:
    """Observations of ``plan`` filtered by region code, period (any written form, matched by the
    months it covers) and indicator code."""
    wanted = parse_period_or_error(period) if period else None
    if indicator and plan.indicator(indicator) is None:
        raise NotFound(f"计划中没有指标“{indicator}”")
    out = [o for o in plan.observations
           if (region is None or o.region == region)
           and (wanted is None or o.period == wanted)
           and (indicator is None or o.indicator == indicator)]
    return sorted(out, key=lambda o: (o.indicator, o.region, o.period.sort_key))


def find_indicator(plan: Plan, code: str) -> Indicator:
    indicator = plan.indicator(code)
    if indicator is None:
        for candidate in plan.indicators:
            if code in candidate.names:
                return candidate
        raise NotFound(f"计划中没有指标“{code}”")
    return indicator


def target_for(plan: Plan, indicator: str, region: str) -> Target | None:
    for target in plan.targets:
        if target.indicator == indicator and target.region == region:
            return target
    return None


# ----------------------------------------------------------------------------- sources



@dataclass(frozen=True)
class Segment:
    """A piece of a sentence; ``slot`` names the observation slot when the piece is a cited number."""

    text: str
    slot: str | None = None


@dataclass(frozen=True)
class Excerpt:
    """The sentence of a document that an observation's numbers came from, cut into segments so
    that each cited number can be highlighted."""

    document: str
    title: str
    start: int
    end: int
    segments: tuple[Segment, ...]

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.segments)


def excerpt(document: Document, spans: dict[str, tuple[int, int]]) -> Excerpt | None:
    """The sentence(s) around ``spans`` in ``document``, with the spans marked. None when the spans
    do not fit the text (a stale source)."""
    text = document.text
    valid = {slot: (a, b) for slot, (a, b) in spans.items() if 0 <= a < b <= len(text)}
    if not valid:
        return None
    start, end = _sentence_around(text, min(a for a, _ in valid.values()), max(b for _, b in valid.values()))
    segments = _marked_segments(text, start, end, valid)
    leading = len(segments[0].text) - len(segments[0].text.lstrip()) if segments and segments[0].slot is None else 0
    if leading:
        segments[0] = Segment(segments[0].text[leading:])
    return Excerpt(document.code, document.title, start + leading, end, tuple(segments))


def _sentence_around(text: str, first: int, last: int, reach: int = 200) -> tuple[int, int]:
    """From the sentence end before ``first`` to the one after ``last`` (its punctuation kept),
    at most ``reach`` characters either way so a text without punctuation stays readable."""
    start = first
    while start > 0 and text[start - 1] not in chinese.SENTENCE_BREAKS and first - start < reach:
        start -= 1
    end = last
    while end < len(text) and text[end] not in chinese.SENTENCE_BREAKS and end - last < reach:
        end += 1
    if end < len(text) and text[end] != "\n":
        end += 1  # keep the sentence's own punctuation
    return start, end


def _marked_segments(text: str, start: int, end: int, spans: dict[str, tuple[int, int]]) -> list[Segment]:
    """``text[start:end]`` cut at the spans, each span a segment naming its slot."""
    segments: list[Segment] = []
    cursor = start
    for slot, (a, b) in sorted(spans.items(), key=lambda item: item[1][0]):
        if a < cursor:  # overlapping spans: keep the first
            continue
        if a > cursor:
            segments.append(Segment(text[cursor:a]))
        segments.append(Segment(text[a:b], slot))
        cursor = b
    if cursor < end:
        segments.append(Segment(text[cursor:end]))
    return segments


class DocumentCache:
    """Documents read once per request."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self._docs: dict[str, Document | None] = {}

    def get(self, code: str) -> Document | None:
        if code not in self._docs:
            with self._db.connect() as conn:
                self._docs[code] = read_document(conn, code)
        return self._docs[code]


def observation_excerpt(observation: Observation, documents: DocumentCache) -> Excerpt | None:
    source = observation.source
    if source is None or source.kind is not SourceKind.DOCUMENT or not source.document or not source.spans:
        return None
    document = documents.get(source.document)
    return None if document is None else excerpt(document, dict(source.spans))


# ----------------------------------------------------------------------------- indicator detail


@dataclass(frozen=True)
class HistoryPoint:
    """One period of an indicator's history: its figures, the status engine's verdict for that
    period, and the sentence the figures came from."""

    observation: Observation
    status: IndicatorStatus
    excerpt: Excerpt | None


@dataclass(frozen=True)
class IndicatorDetail:
    indicator: Indicator
    region: Region
    target: Target | None
    history: tuple[HistoryPoint, ...]

    @property
    def latest(self) -> HistoryPoint | None:
        return self.history[-1] if self.history else None


def indicator_detail(db: Database, selection: Selection, code: str,
                     documents: DocumentCache | None = None, *, settings: object | None = None) -> IndicatorDetail:
    """One indicator for the selection's region: its target and every period's figures with the
    verdict the status engine gives for that period and the sentence they came from."""
    plan, region = selection.plan, selection.region
    indicator = find_indicator(plan, code)
    target = target_for(plan, indicator.code, region.code)
    documents = documents or DocumentCache(db)
    observations = sorted((o for o in plan.observations if o.indicator == indicator.code and o.region == region.code),
                          key=lambda o: o.period)
    statuses = indicator_over_periods(plan, region, indicator, [o.period for o in observations],
                                      rules=rules_of(settings))
    points = tuple(HistoryPoint(obs, status, observation_excerpt(obs, documents))
                   for obs, status in zip(observations, statuses, strict=True))
    return IndicatorDetail(indicator, region, target, points)


# ----------------------------------------------------------------------------- projects


@dataclass(frozen=True)
class GroupView:
    """A project group with its status and its member projects (each with its own status)."""

    group: ProjectGroup
    progress: ProgressStatus
    source_progress: ProjectProgress | None
    projects: tuple[tuple[Project, ProgressStatus], ...]


@dataclass(frozen=True)
class ProjectsView:
    period: Period
    groups: tuple[GroupView, ...]
    ungrouped: tuple[tuple[Project, ProgressStatus], ...]
    options: dict[str, list[str]] = field(default_factory=dict)
    filters: dict[str, str | None] = field(default_factory=dict)
    summary: ProjectSummary | None = None

    @property
    def project_count(self) -> int:
        return sum(len(g.projects) for g in self.groups) + len(self.ungrouped)


_LEVELS = ["省", "市", "区", "其他"]


@dataclass(frozen=True)
class ProjectFilter:
    """The 重点项目 page's filters; an empty one keeps everything."""

    level: str | None = None
    category: str | None = None
    town: str | None = None
    department: str | None = None

    def keeps_project(self, p: Project) -> bool:
        return ((not self.level or p.level.value == self.level)
                and (not self.category or p.category == self.category)
                and (not self.town or p.town == self.town)
                and (not self.department or p.department == self.department))

    def keeps_group(self, group: ProjectGroup, kept_members: int) -> bool:
        """A group stays when it matches itself or still has members that match; town and
        department are project attributes, so under them only groups with matching members stay."""
        if kept_members:
            return True
        if self.town or self.department:
            return False
        return ((not self.level or group.level.value == self.level)
                and (not self.category or group.category == self.category))

    def as_dict(self) -> dict[str, str | None]:
        return {"level": self.level, "category": self.category, "town": self.town, "department": self.department}


def projects_view(selection: Selection, *, level: str | None = None, category: str | None = None,
                  town: str | None = None, department: str | None = None,
                  period: Period | None = None, rules: Rules | None = None) -> ProjectsView:
    """Project groups and projects with their status for the period (from the status engine's
    project summary), filtered."""
    plan = selection.plan
    period = period or selection.period
    wanted = ProjectFilter(level, category, town, department)
    summary = project_status(plan, selection.region, period, rules=rules)
    progress = {item.subject: item for item in plan.project_progress if item.period == period}
    by_project = {item.code: item for item in summary.projects}
    by_group = {item.code: item for item in summary.groups}

    def with_status(projects: Iterable[Project]) -> tuple[tuple[Project, ProgressStatus], ...]:
        return tuple((p, by_project[p.code]) for p in projects if wanted.keeps_project(p) and p.code in by_project)

    groups = []
    grouped: set[str] = set()
    for group in sorted(plan.project_groups, key=lambda g: (g.order, g.code)):
        members = [p for p in plan.projects if p.group == group.code]
        grouped.update(p.code for p in members)
        kept = with_status(members)
        status = by_group.get(group.code)
        if status is not None and wanted.keeps_group(group, len(kept)):
            groups.append(GroupView(group, status, progress.get(group.code), kept))
    ungrouped = with_status(p for p in plan.projects if p.code not in grouped)
    return ProjectsView(period, tuple(groups), ungrouped, _project_options(plan), wanted.as_dict(), summary)


def _project_options(plan: Plan) -> dict[str, list[str]]:
    """The values each filter of the 重点项目 page can take, from the plan."""
    return {
        "level": sorted({g.level.value for g in plan.project_groups} | {p.level.value for p in plan.projects},
                        key=lambda v: _LEVELS.index(v) if v in _LEVELS else 9),
        "category": sorted({c for c in [*(g.category for g in plan.project_groups),
                                        *(p.category for p in plan.projects)] if c}),
        "town": sorted({p.town for p in plan.projects if p.town}),
        "department": sorted({p.department for p in plan.projects if p.department}),
    }


# ----------------------------------------------------------------------------- tasks


@dataclass(frozen=True)
class TaskGroupView:
    group: TaskGroup
    tasks: tuple[Task, ...]
    status_counts: dict[str, int]

    @property
    def listed(self) -> int:
        return len(self.tasks)


def tasks_view(selection: Selection, *, status: str | None = None, group: str | None = None) -> list[TaskGroupView]:
    plan = selection.plan
    if group and not any(g.code == group for g in plan.task_groups):
        raise NotFound(f"计划中没有任务清单“{group}”")
    out = []
    for task_group in sorted(plan.task_groups, key=lambda g: (g.order, g.code)):
        if group and task_group.code != group:
            continue
        members = [t for t in plan.tasks if t.group == task_group.code]
        counts: dict[str, int] = {}
        for task in members:
            counts[task.status.value] = counts.get(task.status.value, 0) + 1
        kept = tuple(t for t in members if not status or t.status.value == status)
        out.append(TaskGroupView(task_group, kept, counts))
    return out


# ----------------------------------------------------------------------------- comparison


@dataclass(frozen=True)
class ComparisonView:
    """Towns (or other sub-regions) side by side on chosen indicators for one period."""

    parent: Region
    period: Period
    regions: tuple[Region, ...]
    indicators: tuple[Indicator, ...]
    cells: dict[tuple[str, str], Observation]     # (region code, indicator code) → observation
    available: tuple[Indicator, ...]              # indicators with figures for any sub-region

    def cell(self, region: str, indicator: str) -> Observation | None:
        return self.cells.get((region, indicator))

    @property
    def regions_without_figures(self) -> tuple[Region, ...]:
        have = {r for r, _ in self.cells}
        return tuple(r for r in self.regions if r.code not in have)


def compare_regions(selection: Selection, indicators: Iterable[str] = (), *,
                    period: Period | None = None) -> ComparisonView:
    """The sub-regions of the selection's region (its towns) on ``indicators`` (codes; default: the
    headline indicators that have figures for any sub-region, else the headline indicators)."""
    plan, parent = selection.plan, selection.region
    period = period or selection.period
    children = [r for r in selection.regions.children(parent.code)]
    towns = tuple(sorted(children, key=lambda r: (r.level != RegionLevel.TOWN, r.code)))
    codes = {r.code for r in towns}
    cells: dict[tuple[str, str], Observation] = {}
    for obs in plan.observations:
        if obs.region in codes and obs.period == period:
            cells[(obs.region, obs.indicator)] = obs
    with_figures = {ind for _, ind in cells}
    available = tuple(i for i in plan.indicators if i.code in with_figures)
    wanted = [code for code in indicators if code]
    if wanted:
        chosen = tuple(find_indicator(plan, code) for code in wanted)
    else:
        chosen = tuple(i for i in available if i.headline)[:6] or available[:6] \
            or tuple(i for i in plan.indicators if i.headline)[:6]
    return ComparisonView(parent, period, towns, chosen, cells, available)


# ----------------------------------------------------------------------------- change detection




def same_period_history(db: Database, selection: Selection, code: str) -> list[Observation]:
    """The indicator's figures for the same months in every year stored (earlier years' plans of the
    region, then this one), oldest first: 2023年上半年, 2024年上半年, 2025年上半年."""
    from planwatch.services.status import history_for

    indicator = find_indicator(selection.plan, code)
    months = (selection.period.first_month, selection.period.last_month)
    region = selection.region.code
    found = [o for o in [*history_for(db, selection), *selection.plan.observations]
             if o.indicator == indicator.code and o.region == region
             and (o.period.first_month, o.period.last_month) == months and o.period.year <= selection.period.year]
    return sorted({o.period.year: o for o in found}.values(), key=lambda o: o.period.year)


def last_year_figures(db: Database, selection: Selection) -> dict[str, Observation]:
    """Indicator code → the region's figure for the same months of last year (上年同期), from last
    year's plan of the region; empty when last year is not stored."""
    from planwatch.services.status import history_for

    wanted = selection.period.previous_year()
    return {o.indicator: o for o in history_for(db, selection)
            if o.region == selection.region.code and o.period == wanted}
