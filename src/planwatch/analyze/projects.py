"""Key projects against 序时进度: per group (省重大 / 市重点 / 区重点 / 民生实事), per town and per
department: completed investment ÷ annual plan, 新开工项目开工率 (started ÷ the *annual* number
of new starts), and a ranking by completion.

A group's figures come from its own progress row when the report gives one; otherwise they are
summed over its projects. When the plan's annual amount was itself derived from the stated
completion (``annual_plan_derived``), the stated completion is used and recomputing it would be
circular: the row says so.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from decimal import Decimal

from planwatch.analyze.numbers import fmt, pct, stated_interval
from planwatch.analyze.verdicts import Rules, completion_places, judge_schedule, quantize, time_progress
from planwatch.model import Period, Plan, Project, ProjectGroup, ProjectProgress, Region
from planwatch.model.formatting import fixed
from planwatch.model.verdict import Verdict


@dataclass(frozen=True)
class ProgressStatus:
    """Completion of one project group, town or department against 序时进度."""

    kind: str                       # 项目组 / 乡镇 / 部门 / 项目
    code: str
    name: str
    verdict: Verdict
    rule: str
    explanation: str
    time_progress: Decimal
    completion: Decimal | None = None           # %, computed where possible, else as stated
    stated_completion: Decimal | None = None
    gap_points: Decimal | None = None
    completed_investment: Decimal | None = None  # 亿元
    annual_plan: Decimal | None = None           # 亿元
    annual_plan_derived: bool = False
    project_count: int | None = None
    new_start_count: int | None = None
    new_starts_started: int | None = None
    start_rate: Decimal | None = None            # %
    stated_start_rate: Decimal | None = None
    rank: int | None = None
    cross_check: str | None = None
    inputs: dict[str, str] = field(default_factory=dict)
    group: ProjectGroup | None = None
    completion_places: int = 1

    @property
    def completion_text(self) -> str | None:
        """Completion as printed: one decimal, or the stated figure's precision."""
        return None if self.completion is None else fixed(self.completion, self.completion_places)

    @property
    def gap_text(self) -> str | None:
        return None if self.gap_points is None else fixed(self.gap_points, self.completion_places)


@dataclass(frozen=True)
class ProjectSummary:
    """All project groups, towns and departments of a plan for one period, and each project
    (``projects``, by project code) that has an annual plan or progress."""

    period: Period
    time_progress: Decimal
    groups: tuple[ProgressStatus, ...]
    towns: tuple[ProgressStatus, ...] = ()
    departments: tuple[ProgressStatus, ...] = ()
    projects: tuple[ProgressStatus, ...] = ()

    def project(self, code: str) -> ProgressStatus | None:
        for item in self.projects:
            if item.code == code:
                return item
        return None

    def group(self, code: str) -> ProgressStatus | None:
        for item in self.groups:
            if item.code == code:
                return item
        return None

    @property
    def headline(self) -> str:
        """One sentence: 各板块完成情况均超序时进度 / 市重点项目滞后序时进度3.2个百分点."""
        judged = [g for g in self.groups if g.completion is not None]
        if not judged:
            return "项目组缺少完成投资或年度计划，无法与序时进度比较"
        behind = [g for g in judged if g.verdict.is_lagging]
        if not behind:
            return f"{len(judged)}个项目组完成情况均达到或超过序时进度（{fmt(self.time_progress)}%）"
        names = "、".join(f"{g.name}（{fmt(g.completion)}%）" for g in behind)
        return f"{len(judged)}个项目组中{len(behind)}个低于序时进度（{fmt(self.time_progress)}%）：{names}"


def _progress_index(plan: Plan, period: Period) -> dict[str, ProjectProgress]:
    """The first progress row of each subject (project or group code) for ``period``."""
    index: dict[str, ProjectProgress] = {}
    for progress in plan.project_progress:
        if progress.period == period:
            index.setdefault(progress.subject, progress)
    return index


def _completion_of(completed: Decimal | None, annual: Decimal | None, stated: Decimal | None, derived_plan: bool,
                   places: int) -> tuple[Decimal | None, str, str, str | None]:
    """(completion %, rule, the sentence that explains it, a cross-check note) of one subject."""
    computed = pct(completed, annual) if completed is not None and annual is not None else None
    if derived_plan and stated is not None:
        return stated, "stated_completion_vs_schedule", \
            f"完成率取报告所述{stated}%（年度计划投资由该比例推算，不能独立核对）", None
    if computed is not None:
        note = f"完成率 = {completed}亿元 ÷ {annual}亿元 = {fmt(computed, places)}%"
        if stated is None:
            return computed, "completion_vs_schedule", note, None
        low, high = stated_interval(stated)
        if low <= computed <= high:
            return computed, "completion_vs_schedule", note + f"（与报告所述{stated}%一致）", None
        return computed, "completion_vs_schedule", note + f"（报告所述{stated}%，不一致）", \
            f"报告所述{stated}%，计算为{fmt(computed, places)}%"
    if stated is not None:
        return stated, "stated_completion_vs_schedule", f"完成率取报告所述{stated}%", None
    return None, "missing", "", None


def _start_rate(new_starts: int | None, started: int | None, stated_rate: Decimal | None, all_started: bool,
                inputs: dict[str, str]) -> tuple[Decimal | None, int | None, str, str | None]:
    """开工率 = started new starts ÷ the annual number of new starts: (rate as printed, started, the
    clause that says it, a cross-check note)."""
    if all_started and new_starts is not None and started is None:
        started = new_starts
    exact = pct(Decimal(started), Decimal(new_starts)) if started is not None and new_starts else None
    if exact is None:
        return None, started, "", None
    # as printed: one decimal, or the stated rate's precision (84 ÷ 148 → 56.8)
    rate = quantize(exact, completion_places(stated_rate))
    inputs["新开工项目"] = f"{new_starts}个"
    inputs["已开工"] = f"{started}个"
    text = f"；新开工项目{new_starts}个已开工{started}个，开工率 = {started} ÷ {new_starts} = {rate}%"
    if stated_rate is None:
        return rate, started, text, None
    low, high = stated_interval(stated_rate)
    if low <= exact <= high:
        return rate, started, text + "（与报告所述一致）", None
    return rate, started, text + f"（报告所述{stated_rate}%，不一致）", f"开工率报告所述{stated_rate}%，计算为{fmt(rate, 1)}%"


def _judge(kind: str, code: str, name: str, completed: Decimal | None, annual: Decimal | None,
           stated: Decimal | None, derived_plan: bool, period: Period, rules: Rules,
           new_starts: int | None, started: int | None, stated_rate: Decimal | None,
           project_count: int | None, group: ProjectGroup | None = None, all_started: bool = False) -> ProgressStatus:
    tp = quantize(time_progress(period), 1)
    inputs: dict[str, str] = {"序时进度": f"{fmt(tp, 1)}%"}
    if completed is not None:
        inputs["完成投资"] = f"{completed}亿元"
    if annual is not None:
        inputs["年度计划投资"] = f"{annual}亿元" + ("（推算）" if derived_plan else "")
    if stated is not None:
        inputs["报告所述占年度计划"] = f"{stated}%"
    places = completion_places(stated)
    completion, rule, note, completion_check = _completion_of(completed, annual, stated, derived_plan, places)
    rate, started, rate_text, rate_check = _start_rate(new_starts, started, stated_rate, all_started, inputs)
    cross_check = "；".join(c for c in (completion_check, rate_check) if c) or None
    if completion is None:
        what = "完成投资" if completed is None else "年度计划投资"
        verdict, shown, gap = Verdict.MISSING, None, None
        explanation = f"{name}缺少{what}，无法与序时进度比较" + rate_text
    else:
        judgement = judge_schedule(completion, period, rules, places=places)
        if judgement.rule != "completion_vs_schedule":
            rule = judgement.rule
        verdict, shown, gap = judgement.verdict, quantize(completion, places), judgement.gap
        explanation = f"{name}：{note}，{judgement.text}{rate_text}"
    return ProgressStatus(kind, code, name, verdict, rule, explanation, tp, completion=shown,
                          stated_completion=stated, gap_points=gap, completed_investment=completed,
                          annual_plan=annual, annual_plan_derived=derived_plan, project_count=project_count,
                          new_start_count=new_starts, new_starts_started=started, start_rate=rate,
                          stated_start_rate=stated_rate, cross_check=cross_check, inputs=inputs, group=group,
                          completion_places=places)


def _sum(values: Iterable[Decimal | None]) -> Decimal | None:
    items = [v for v in values if v is not None]
    return sum(items, Decimal(0)) if items else None


def _aggregate(kind: str, key: str, projects: list[Project], progress_of: dict[str, ProjectProgress],
               period: Period, rules: Rules) -> ProgressStatus:
    progress = {p.code: progress_of.get(p.code) for p in projects}
    completed = _sum(pr.completed_investment for pr in progress.values() if pr is not None)
    annual = _sum(p.annual_plan for p in projects)
    new_starts = [p for p in projects if p.new_start]
    started = [p for p in new_starts if p.started or ((pr := progress[p.code]) is not None
                                                       and (pr.new_starts_started or 0) > 0)]
    status = _judge(kind, key, key, completed, annual, None, False, period, rules,
                    len(new_starts) or None, len(started) if new_starts else None, None, len(projects))
    missing = [p.name for p in projects if (pr := progress[p.code]) is None or pr.completed_investment is None]
    if missing and status.completion is not None:
        status = replace(status, explanation=status.explanation + f"（{len(missing)}个项目无进度数据，按0计）")
    return status


def _rank(items: list[ProgressStatus]) -> tuple[ProgressStatus, ...]:
    ranked = sorted(items, key=lambda s: (s.completion is None, -(s.completion or Decimal(0)), s.name))
    out = []
    position = 0
    for s in ranked:
        if s.completion is None:
            out.append(s)
            continue
        position += 1
        out.append(replace(s, rank=position))
    return tuple(out)


def project_status(plan: Plan, region: Region, period: Period, *, rules: Rules | None = None) -> ProjectSummary:
    """Project groups, towns, departments and projects of ``plan`` in ``region`` for ``period``."""
    rules = rules or Rules()
    progress_of = _progress_index(plan, period)
    groups = []
    for group in sorted(plan.project_groups, key=lambda g: g.order):
        if group.region != region.code:
            continue
        groups.append(_group_status(plan, group, progress_of, period, rules))
    mine = list(plan.projects) if region.code == plan.region else [p for p in plan.projects if p.region == region.code]
    towns: dict[str, list[Project]] = {}
    departments: dict[str, list[Project]] = {}
    for project in mine:
        if project.town:
            towns.setdefault(project.town, []).append(project)
        if project.department:
            departments.setdefault(project.department, []).append(project)
    ranked = {s.code: s.rank for s in _rank(groups)}
    groups = [replace(s, rank=ranked.get(s.code)) for s in groups]     # plan order kept, rank added
    items = tuple(_project_item(p, progress_of.get(p.code), period, rules) for p in mine)
    return ProjectSummary(
        period, quantize(time_progress(period), 1), tuple(groups),
        _rank([_aggregate("乡镇", k, v, progress_of, period, rules) for k, v in towns.items()]),
        _rank([_aggregate("部门", k, v, progress_of, period, rules) for k, v in departments.items()]),
        items,
    )


def _group_status(plan: Plan, group: ProjectGroup, progress_of: dict[str, ProjectProgress], period: Period,
                  rules: Rules) -> ProgressStatus:
    members = [p for p in plan.projects if p.group == group.code]
    progress = progress_of.get(group.code)
    if progress is not None:
        return _judge("项目组", group.code, group.name, progress.completed_investment, group.annual_plan,
                      progress.stated_completion, group.annual_plan_derived, period, rules, group.new_start_count,
                      progress.new_starts_started, progress.stated_start_rate, group.project_count, group,
                      all_started=progress.all_new_starts_started)
    if members:
        agg = _aggregate("项目组", group.name, members, progress_of, period, rules)
        annual = group.annual_plan if group.annual_plan is not None else agg.annual_plan
        return _judge("项目组", group.code, group.name, agg.completed_investment, annual, None,
                      group.annual_plan_derived, period, rules, agg.new_start_count, agg.new_starts_started, None,
                      group.project_count or len(members), group)
    return _judge("项目组", group.code, group.name, None, group.annual_plan, None,
                  group.annual_plan_derived, period, rules, group.new_start_count, None, None,
                  group.project_count, group)


def _project_item(project: Project, progress: ProjectProgress | None, period: Period, rules: Rules) -> ProgressStatus:
    """One project's completion against 序时进度 (for the project list)."""
    started = None
    if project.new_start:
        started = 1 if project.started or (progress is not None and (progress.new_starts_started or 0) > 0) else 0
    return _judge("项目", project.code, project.name,
                  progress.completed_investment if progress else None, project.annual_plan,
                  progress.stated_completion if progress else None, False, period, rules,
                  1 if project.new_start else None, started, None, None)


def lagging_projects(summary: ProjectSummary) -> ProjectSummary:
    def keep(items: tuple[ProgressStatus, ...]) -> tuple[ProgressStatus, ...]:
        return tuple(s for s in items if s.verdict.is_lagging)

    return replace(summary, groups=keep(summary.groups), towns=keep(summary.towns),
                   departments=keep(summary.departments))


def progress_as_dict(s: ProgressStatus) -> dict[str, object]:
    def t(v: object) -> str | None:
        return None if v is None else str(v)

    return {
        "kind": s.kind, "code": s.code, "name": s.name, "verdict": s.verdict.value, "tone": s.verdict.tone,
        "rule": s.rule, "explanation": s.explanation, "completion": s.completion_text,
        "stated_completion": t(s.stated_completion), "time_progress": t(s.time_progress),
        "gap_points": t(s.gap_points), "completed_investment": t(s.completed_investment),
        "annual_plan": t(s.annual_plan), "annual_plan_derived": s.annual_plan_derived,
        "project_count": s.project_count, "new_start_count": s.new_start_count,
        "new_starts_started": s.new_starts_started, "start_rate": t(s.start_rate),
        "stated_start_rate": t(s.stated_start_rate), "rank": s.rank, "cross_check": s.cross_check,
        "lagging": s.verdict.is_lagging, "inputs": dict(s.inputs),
    }


def projects_as_dict(summary: ProjectSummary) -> dict[str, object]:
    return {
        "time_progress": str(summary.time_progress), "headline": summary.headline,
        "groups": [progress_as_dict(s) for s in summary.groups],
        "towns": [progress_as_dict(s) for s in summary.towns],
        "departments": [progress_as_dict(s) for s in summary.departments],
        "projects": [progress_as_dict(s) for s in summary.projects],
    }
