"""Read-only views the web dashboard and the HTTP API need: indicator histories with their
source sentences, project and task lists with filters, town comparisons.

Each function takes a :class:`~planwatch.services.plans.Selection` (resolved once per request by
the caller) and, where documents are needed, the database. Numbers stay ``Decimal`` as stated;
nothing is invented: a figure the data does not give is ``None``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

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
)
from planwatch.services.plans import Selection, parse_period_or_error, period_sort_key
from planwatch.store import Database, PlanRef, list_plans, read_document, read_regions

# ----------------------------------------------------------------------------- helpers


def _percent(numerator: Decimal, denominator: Decimal) -> Decimal | None:
    if not denominator:
        return None
    return (numerator / denominator * 100).quantize(Decimal("0.1"))


def time_progress(period: Period) -> Decimal:
    """序时进度 of ``period`` in % (上半年 50.0)."""
    share = period.elapsed_share
    return (Decimal(share.numerator) / Decimal(share.denominator) * 100).quantize(Decimal("0.1"))


# ----------------------------------------------------------------------------- catalogue


def regions(db: Database) -> list[Region]:
    with db.connect() as conn:
        return read_regions(conn)


def plans(db: Database) -> list[PlanRef]:
    with db.connect() as conn:
        return list_plans(conn)


def periods_with_figures(plan: Plan, region: str | None = None) -> list[Period]:
    """The periods that have observations (for ``region`` when given), oldest first, one per span."""
    seen: dict[tuple[int, int, int], Period] = {}
    for obs in plan.observations:
        if region is None or obs.region == region:
            seen.setdefault(obs.period.cumulative_key, obs.period)
    return sorted(seen.values(), key=period_sort_key)


def filter_observations(plan: Plan, *, region: str | None = None, period: str | None = None,
                        indicator: str | None = None) -> list[Observation]:
    """Observations of ``plan`` filtered by region code, period (any written form, matched by the
    months it covers) and indicator code."""
    wanted = parse_period_or_error(period) if period else None
    if indicator and plan.indicator(indicator) is None:
        raise NotFound(f"计划中没有指标“{indicator}”")
    out = [o for o in plan.observations
           if (region is None or o.region == region)
           and (wanted is None or o.period.same_span(wanted))
           and (indicator is None or o.indicator == indicator)]
    return sorted(out, key=lambda o: (o.indicator, o.region, period_sort_key(o.period)))


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

_SENTENCE_END = "。；;！？!?\n"


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
    first = min(a for a, _ in valid.values())
    last = max(b for _, b in valid.values())
    start = first
    while start > 0 and text[start - 1] not in _SENTENCE_END and first - start < 200:
        start -= 1
    end = last
    while end < len(text) and text[end] not in _SENTENCE_END and end - last < 200:
        end += 1
    if end < len(text) and text[end] != "\n":
        end += 1  # keep the sentence's own punctuation
    ordered = sorted(valid.items(), key=lambda item: item[1][0])
    segments: list[Segment] = []
    cursor = start
    for slot, (a, b) in ordered:
        if a < cursor:  # overlapping spans: keep the first
            continue
        if a > cursor:
            segments.append(Segment(text[cursor:a]))
        segments.append(Segment(text[a:b], slot))
        cursor = b
    if cursor < end:
        segments.append(Segment(text[cursor:end]))
    leading = len(segments[0].text) - len(segments[0].text.lstrip()) if segments and segments[0].slot is None else 0
    if leading:
        segments[0] = Segment(segments[0].text[leading:])
    return Excerpt(document.code, document.title, start + leading, end, tuple(segments))


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
    observation: Observation
    time_progress: Decimal
    completion: Decimal | None        # value ÷ annual target level, % (when both are numbers in the same unit)
    growth_gap: Decimal | None        # growth − target growth, points
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
                     documents: DocumentCache | None = None) -> IndicatorDetail:
    """One indicator for the selection's region: its target and every period's figures with the
    sentence they came from."""
    plan, region = selection.plan, selection.region
    indicator = find_indicator(plan, code)
    target = target_for(plan, indicator.code, region.code)
    documents = documents or DocumentCache(db)
    points = []
    for obs in sorted((o for o in plan.observations if o.indicator == indicator.code and o.region == region.code),
                      key=lambda o: period_sort_key(o.period)):
        completion = None
        if target and target.level and target.level.value is not None and obs.value is not None \
                and (obs.unit or indicator.unit) == target.level.unit:
            completion = _percent(obs.value, target.level.value)
        growth_gap = None
        if target and target.growth and target.growth.value is not None and obs.growth is not None:
            growth_gap = obs.growth - target.growth.value
        points.append(HistoryPoint(obs, time_progress(obs.period), completion, growth_gap,
                                   observation_excerpt(obs, documents)))
    return IndicatorDetail(indicator, region, target, tuple(points))


# ----------------------------------------------------------------------------- projects


@dataclass(frozen=True)
class ProgressView:
    """Where a project or group stands: completed investment vs the annual plan and 序时进度."""

    annual_plan: Decimal | None
    completed: Decimal | None
    completion: Decimal | None          # %, as stated when the text states it, else computed
    completion_stated: bool
    time_progress: Decimal
    progress: ProjectProgress | None

    @property
    def gap(self) -> Decimal | None:
        return None if self.completion is None else self.completion - self.time_progress

    @property
    def tone(self) -> str:
        gap = self.gap
        if gap is None:
            return "neutral"
        return "good" if gap >= 0 else "bad"

    @property
    def word(self) -> str:
        gap = self.gap
        if gap is None:
            return "无进度数据"
        if gap > 0:
            return "超序时"
        return "达序时" if gap == 0 else "滞后序时"


@dataclass(frozen=True)
class GroupView:
    group: ProjectGroup
    progress: ProgressView
    projects: tuple[tuple[Project, ProgressView], ...]


@dataclass(frozen=True)
class ProjectsView:
    period: Period
    groups: tuple[GroupView, ...]
    ungrouped: tuple[tuple[Project, ProgressView], ...]
    options: dict[str, list[str]] = field(default_factory=dict)
    filters: dict[str, str | None] = field(default_factory=dict)

    @property
    def project_count(self) -> int:
        return sum(len(g.projects) for g in self.groups) + len(self.ungrouped)


def _progress(annual_plan: Decimal | None, progress: ProjectProgress | None, period: Period) -> ProgressView:
    completed = progress.completed_investment if progress else None
    stated = progress.stated_completion if progress else None
    completion = stated
    if completion is None and completed is not None and annual_plan:
        completion = _percent(completed, annual_plan)
    return ProgressView(annual_plan, completed, completion, stated is not None, time_progress(period), progress)


def projects_view(selection: Selection, *, level: str | None = None, category: str | None = None,
                  town: str | None = None, department: str | None = None,
                  period: Period | None = None) -> ProjectsView:
    """Project groups and projects with their progress for the period, filtered."""
    plan = selection.plan
    period = period or selection.period
    progress: dict[str, ProjectProgress] = {}
    for item in plan.project_progress:
        if item.period.same_span(period):
            progress[item.subject] = item

    def keep_project(p: Project) -> bool:
        return ((not level or p.level.value == level) and (not category or p.category == category)
                and (not town or p.town == town) and (not department or p.department == department))

    project_filters = bool(town or department)
    groups = []
    grouped: set[str] = set()
    for group in sorted(plan.project_groups, key=lambda g: (g.order, g.code)):
        members = [p for p in plan.projects if p.group == group.code]
        grouped.update(p.code for p in members)
        kept = tuple((p, _progress(p.annual_plan, progress.get(p.code), period)) for p in members if keep_project(p))
        if level and group.level.value != level and not kept:
            continue
        if category and group.category != category and not kept:
            continue
        if project_filters and not kept:
            continue
        groups.append(GroupView(group, _progress(group.annual_plan, progress.get(group.code), period), kept))
    ungrouped = tuple((p, _progress(p.annual_plan, progress.get(p.code), period))
                      for p in plan.projects if p.code not in grouped and keep_project(p))
    options = {
        "level": sorted({g.level.value for g in plan.project_groups} | {p.level.value for p in plan.projects},
                        key=lambda v: ["省", "市", "区", "其他"].index(v) if v in ["省", "市", "区", "其他"] else 9),
        "category": sorted({c for c in [*(g.category for g in plan.project_groups),
                                        *(p.category for p in plan.projects)] if c}),
        "town": sorted({p.town for p in plan.projects if p.town}),
        "department": sorted({p.department for p in plan.projects if p.department}),
    }
    filters = {"level": level, "category": category, "town": town, "department": department}
    return ProjectsView(period, tuple(groups), ungrouped, options, filters)


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
        if obs.region in codes and obs.period.same_span(period):
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


