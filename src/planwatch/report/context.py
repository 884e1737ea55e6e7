"""The report's content: facts from the plan and the status engine, worded by Jinja2 templates.

:func:`report_context` collects what the report may say — every number exactly as stored
(Decimal strings, never re-rounded) — and :func:`build_document` renders the wording templates
(``templates/report.j2`` and its includes) into report markup and then into a
:class:`~planwatch.report.document.Document`. Nothing is said that the data does not give.

An office can copy ``templates/`` to a folder, edit the wording or the order of the parts, and
pass the folder (``--templates DIR``); files there override the built-in ones of the same name.
A template that does not parse or fails while rendering gives an :class:`InputError` naming the
template and its line.
"""

from __future__ import annotations

import contextvars
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

from planwatch.analyze.projects import ProjectSummary
from planwatch.analyze.status import IndicatorStatus, StatusTable, Verdict
from planwatch.errors import InputError, Location, Problem
from planwatch.model import (
    Comparison,
    MaterialKind,
    Observation,
    Period,
    PeriodKind,
    Plan,
    ProjectGroup,
    ProjectProgress,
    Region,
    formatting,
)
from planwatch.report import document as doc
from planwatch.report import provenance, wording

TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"
MAIN_TEMPLATE = "report.j2"

# The appendix table (主要指标完成情况表): column headings and widths (mm, 156 in all).
TABLE_COLUMNS = ("指标", "单位", "年度目标", "实际", "增长%", "完成%", "判断")
TABLE_WIDTHS = (44.0, 14.0, 22.0, 24.0, 14.0, 14.0, 24.0)
TABLE_ALIGN = ("left", "center", "center", "right", "right", "right", "center")


def num(value: Decimal | int | None) -> str | None:
    """A stored number as written: Decimal("2836.10") → "2836.10" (never re-rounded)."""
    return formatting.stated(value)


def computed(value: Decimal | None) -> str | None:
    """A number the engine computed (not stated): two decimals at most, 49.4388 → "49.44"."""
    return None if value is None else formatting.computed(value)


def _whole(region: Region) -> str:
    """全区 / 全市 / 全县 / 全省 / 全镇 from the region's name; 全国 stays 全国."""
    name = region.name
    if name.startswith("全"):
        return name
    for suffix in ("街道", "区", "市", "县", "省", "镇", "乡"):
        if name.endswith(suffix):
            return "全" + ("街道" if suffix == "街道" else suffix)
    return "全" + name


# --------------------------------------------------------------------------- facts


@dataclass(frozen=True)
class IndicatorFact:
    """One indicator's figures for the report; all numbers are strings exactly as stored."""

    code: str
    name: str
    unit: str
    category: str
    measure: str
    headline: bool
    nature: str
    value: str | None = None          # the number alone
    amount: str | None = None         # number, qualifier and unit: 1285.41亿元, 超31万人, 5.31万余处
    value_unit: str = ""
    growth: str | None = None         # absolute value of the growth rate
    growth_word: str = "增长"         # 增长 / 下降
    growth_basis: str | None = None   # 不变价 / 现价 / 可比价
    share: str | None = None
    share_of: str | None = None
    plan_completion: str | None = None
    status: str | None = None
    estimate: bool = False
    verdict: str = ""
    word: str = ""                    # what the reader sees: the verdict or the target's phrase (status engine)
    tone: str = "neutral"
    lagging: bool = False             # the status engine's verdict is behind or at risk
    target: str | None = None
    target_growth: str | None = None  # the target's growth rate, % (for the growth chart)
    completion: str | None = None     # actual ÷ annual target, % (status engine)
    gap_points: str | None = None     # completion − 序时进度, points (status engine)
    growth_gap: str | None = None     # growth − target growth, points (status engine)
    behind_points: str | None = None  # 序时进度 − completion, when behind (points)
    growth_behind_points: str | None = None   # target growth − growth, when behind (points)
    explanation: str = ""
    parent: str | None = None         # the whole of which this is a 其中 part
    phrase: str | None = None         # the plan file's words (see report/wording.py)
    words: str = ""                   # the words before the figure: the phrase's, or by measure type
    after: str = ""                   # the phrase's words after the figure ("{}")
    change: str | None = None         # absolute change since the end of last year, as stated
    change_word: str = "提升"         # 提升 / 下降
    change_unit: str = ""

    @property
    def has_numbers(self) -> bool:
        return any(x is not None for x in (self.value, self.growth, self.share, self.plan_completion, self.change))


def _target_growth(row: IndicatorStatus) -> str | None:
    goal = row.target.growth if row.target else None
    if goal is None or goal.value is None or goal.comparison is Comparison.POSITIVE:
        return None
    return num(goal.value)


def indicator_fact(row: IndicatorStatus) -> IndicatorFact:
    ind, obs = row.indicator, row.observation
    unit = (obs.unit if obs else None) or ind.unit
    base = _fact_base(row, unit)
    if obs is None or row.verdict == Verdict.ANNUAL_ONLY:
        return IndicatorFact(**base)
    return IndicatorFact(**base, **_observed(obs, unit))


def _fact_base(row: IndicatorStatus, unit: str) -> dict[str, Any]:
    """What the report says of an indicator whatever its figures: names, wording, the verdict and
    the gaps the status engine computed."""
    ind, obs = row.indicator, row.observation
    has_amount = obs is not None and obs.value is not None
    _, words, after = wording.parse_phrase(ind.phrase) if ind.phrase else (None, "", "")
    return {
        "parent": ind.parent, "phrase": ind.phrase, "after": after,
        "words": words if ind.phrase else wording.default_words(ind.name, ind.measure.value, unit, has_amount),
        "code": ind.code, "name": ind.name, "unit": ind.unit, "category": ind.category,
        "measure": ind.measure.value, "headline": ind.headline, "nature": ind.nature.value,
        "verdict": row.verdict.value, "word": row.word, "tone": row.verdict.tone, "lagging": row.verdict.is_lagging,
        "target": row.target.describe() if row.target else None,
        "target_growth": _target_growth(row),
        "completion": computed(row.completion), "gap_points": computed(row.gap_points),
        "growth_gap": computed(row.growth_gap), "explanation": row.explanation,
        "behind_points": _behind(row.gap_points), "growth_behind_points": _behind(row.growth_gap),
    }


def _behind(gap: Decimal | None) -> str | None:
    """A negative gap as the points behind (−3.2 → "3.2"); None when not behind."""
    return computed(-gap) if gap is not None and gap < 0 else None


def _observed(obs: Observation, unit: str) -> dict[str, Any]:
    """The figures of an observation as the report writes them (signs become 增长/下降, 提升/下降)."""
    growth, change = obs.growth, obs.change
    return {
        "value": num(obs.value),
        "amount": formatting.amount(obs.value, unit, obs.qualifier) if obs.value is not None else None,
        "value_unit": unit,
        "growth": num(abs(growth)) if growth is not None else None,
        "growth_word": "下降" if growth is not None and growth < 0 else "增长",
        "growth_basis": obs.growth_basis.value if obs.growth_basis else None,
        "share": num(obs.share), "share_of": obs.share_of,
        "plan_completion": num(obs.plan_completion),
        "status": obs.status, "estimate": obs.estimate,
        "change": num(abs(change)) if change is not None else None,
        "change_word": "下降" if change is not None and change < 0 else "提升",
        "change_unit": obs.change_unit or ("个百分点" if unit == "%" else unit),
    }


@dataclass(frozen=True)
class ProjectFact:
    """A project group's progress (5个省重大项目完成投资11.72亿元，占年度计划63.4%…)."""

    code: str
    name: str
    level: str
    category: str | None
    count: int | None
    new_start_count: int | None
    annual_plan: str | None
    annual_plan_derived: bool
    completed_investment: str | None
    stated_completion: str | None
    new_starts_started: int | None
    all_new_starts_started: bool
    start_rate: str | None
    behind_points: str | None        # 序时进度 − stated completion, when behind
    ahead: bool | None               # stated completion ≥ 序时进度
    ahead_points: str | None = None  # stated completion − 序时进度, when ahead (status engine)


@dataclass(frozen=True)
class TaskFact:
    """A task list the plan states a count for (23项年度重点改革), worded by its phrase."""

    code: str
    name: str
    count: int
    joiner: str | None
    words: str | None            # the phrase's words before the count; None: name + count
    after: str


@dataclass(frozen=True)
class MaterialFact:
    """An approved text of a department (工作进展与亮点, 存在问题, 下一步打算), as it submitted it."""

    code: str
    department: str
    kind: str
    text: str
    category: str | None = None

    @property
    def sentence(self) -> str:
        """The text as one sentence of a paragraph: on one line, ending in 。"""
        text = "".join(line.strip() for line in self.text.splitlines())
        if text.endswith(("。", "！", "？", "。”", "！”", "？”")):
            return text
        return text.rstrip("，；、,;：: ") + "。"

    @property
    def clause(self) -> str:
        """The text as a clause of a list (主要是：…，…): on one line, without its final punctuation."""
        return "".join(line.strip() for line in self.text.splitlines()).rstrip("。；，、,;！？ ")


@dataclass(frozen=True)
class Subsection:
    name: str                     # the category text after "/", with the plan's judgment: 农业经济积极向好
    facts: tuple[IndicatorFact, ...]
    units: tuple[wording.Unit, ...] = ()
    tasks: tuple[TaskFact, ...] = ()
    projects: tuple[ProjectFact, ...] = ()
    category: str = ""
    materials: tuple[MaterialFact, ...] = ()   # approved 工作进展与亮点 of the category, after the figures


@dataclass(frozen=True)
class Section:
    name: str
    subsections: tuple[Subsection, ...]


@dataclass(frozen=True)
class PeriodView:
    code: str
    label: str            # 2025年上半年
    short_label: str      # 上半年
    year: int
    is_full_year: bool
    kind_word: str        # 半年度 / 季度 / 1—7月 (…无半年度预计数)
    next_word: str        # 下半年 / 下阶段 / 明年


@dataclass(frozen=True)
class ChartInfo:
    """A chart the data supports: ``key`` for ``@figure``, its caption title and its number
    (图N; the parts of a long chart, ``key-2`` …, keep the number of the first)."""

    key: str
    title: str
    number: int = 1


@dataclass
class ReportContext:
    """Everything the templates may use (see docs/report.md for the list)."""

    plan_title: str
    region: dict[str, str]
    year: int
    period: PeriodView
    time_progress: str
    headline: list[IndicatorFact]
    annual_only: list[str]
    missing: list[str]
    sections: list[Section]
    projects: list[ProjectFact]
    project_subsection: str | None
    unplaced_projects: list[ProjectFact]
    facts: list[IndicatorFact]
    with_target: list[IndicatorFact]
    behind_schedule: list[IndicatorFact]
    behind_target: list[IndicatorFact]
    counts: dict[str, int]
    table_rows: list[tuple[str, ...]]
    double_half: str | None = None    # 双过半 sentence from the status engine, when it judged any
    plan_count: dict[str, Any] | None = None   # the status engine's plan-wide count (PlanCount), when it judged any
    challenges: bool = False          # the 困难挑战 paragraph is given (@challenges)
    charts: list[ChartInfo] = field(default_factory=list)
    part_two: bool = False
    unplaced_materials: list[MaterialFact] = field(default_factory=list)   # 工作进展与亮点 without a subsection
    problems: list[MaterialFact] = field(default_factory=list)     # approved 存在问题 (the 困难挑战 paragraph)
    next_steps: list[MaterialFact] = field(default_factory=list)   # approved 下一步打算 (section 二)

    def as_template_vars(self) -> dict[str, Any]:
        return dict(self.__dict__)


def _period_view(period: Period) -> PeriodView:
    full = period.is_full_year
    if period.kind is PeriodKind.HALF:
        kind_word = "半年度"
    elif period.kind is PeriodKind.QUARTER:
        kind_word = "季度"
    else:
        kind_word = period.short_label
    if full:
        next_word = "明年"
    elif period.is_first_half:
        next_word = "下半年"
    else:
        next_word = "下阶段"
    return PeriodView(period.code, period.label, period.short_label, period.year, full, kind_word, next_word)


def _project_facts(plan: Plan, region: Region, period: Period,
                   summary: ProjectSummary | None = None) -> list[ProjectFact]:
    """Project groups with progress in the period; behind/ahead of 序时进度 and by how much come
    from the status engine's project summary."""
    judged = {g.code: g for g in summary.groups} if summary is not None else {}
    progress: dict[str, ProjectProgress] = {p.subject: p for p in plan.project_progress
                                            if p.is_group and p.period == period}
    level_order = {"省": 0, "市": 1, "区": 2, "其他": 3}
    groups: list[ProjectGroup] = [g for g in plan.project_groups if g.region == region.code]
    groups.sort(key=lambda g: (g.category is not None, level_order.get(g.level.value, 9), g.order))
    out = []
    for g in groups:
        pr = progress.get(g.code)
        if pr is None:
            continue
        stated = pr.stated_completion
        behind = ahead = None
        status = judged.get(g.code)
        ahead_points = None
        if status is not None and status.completion is not None:   # the engine's verdict, never re-derived
            ahead = not status.verdict.is_lagging
            if not ahead and status.gap_points is not None:
                behind = status.gap_text.removeprefix("-") if status.gap_text else None
            if ahead and status.gap_points is not None and status.gap_points > 0:
                ahead_points = status.gap_text
        out.append(ProjectFact(
            code=g.code, name=g.name, level=g.level.value, category=g.category,
            count=g.project_count, new_start_count=g.new_start_count,
            annual_plan=num(g.annual_plan), annual_plan_derived=g.annual_plan_derived,
            completed_investment=num(pr.completed_investment), stated_completion=num(stated),
            new_starts_started=pr.new_starts_started, all_new_starts_started=pr.all_new_starts_started,
            start_rate=num(pr.stated_start_rate), behind_points=behind, ahead=ahead, ahead_points=ahead_points,
        ))
    return out


def _split_category(category: str) -> tuple[str, str | None]:
    section, sep, sub = category.partition("/")
    return (section.strip(), sub.strip() or None) if sep else (category.strip(), None)


def _task_facts(plan: Plan, region: Region) -> dict[str, list[TaskFact]]:
    """Task lists with a count and a category, by category, in plan order."""
    out: dict[str, list[TaskFact]] = {}
    for g in sorted(plan.task_groups, key=lambda g: g.order):
        if g.region != region.code or g.count is None or not g.category:
            continue
        joiner, words, after = wording.parse_phrase(g.phrase) if g.phrase else (None, None, "")
        out.setdefault(g.category, []).append(TaskFact(g.code, g.name, g.count, joiner, words, after))
    return out


def _projects_by_category(plan: Plan, projects: Sequence[ProjectFact]) -> tuple[dict[str, list[ProjectFact]],
                                                                                list[ProjectFact]]:
    """Project groups whose category is one of the plan's (章节/小节), and the others."""
    placed: dict[str, list[ProjectFact]] = {}
    rest = []
    for p in projects:
        if p.category and p.category in plan.categories:
            placed.setdefault(p.category, []).append(p)
        else:
            rest.append(p)
    return placed, rest


def _sections(plan: Plan, facts: Sequence[IndicatorFact], tasks: dict[str, list[TaskFact]],
              projects: dict[str, list[ProjectFact]],
              materials: dict[str, list[MaterialFact]] | None = None) -> list[Section]:
    """Thematic sections （一）…: the plan's categories of non-headline indicators with figures,
    task lists, project groups and approved materials (工作进展与亮点)."""
    by_category: dict[str, list[IndicatorFact]] = {}
    for f in facts:
        if f.headline or not (f.has_numbers or f.status):
            continue
        by_category.setdefault(f.category, []).append(f)
    parts: tuple[dict[str, Any], ...] = (by_category, tasks, projects, materials or {})
    extra = [c for part in parts for c in part if c not in plan.categories]
    order = list(dict.fromkeys([*plan.categories, *extra]))
    sections: dict[str, dict[str, Subsection]] = {}
    for category in order:
        if not any(part.get(category) for part in parts):
            continue
        section, sub = _split_category(category)
        subs = sections.setdefault(section, {})
        key = sub or ""
        subs[key] = _merged(subs.get(key), key, category, *(part.get(category, ()) for part in parts))
    return [Section(name, tuple(subs.values())) for name, subs in sections.items()]


def _merged(before: Subsection | None, key: str, category: str, facts: Sequence[IndicatorFact],
            tasks: Sequence[TaskFact], projects: Sequence[ProjectFact],
            materials: Sequence[MaterialFact]) -> Subsection:
    """A subsection with what one more category brings to it (after what it had)."""
    merged = [*(before.facts if before else ()), *facts]
    return Subsection(
        key, tuple(merged), wording.group(merged, {f.code: f.words for f in merged}),
        (*(before.tasks if before else ()), *tasks), (*(before.projects if before else ()), *projects), category,
        (*(before.materials if before else ()), *materials))


def _plan_count(table: StatusTable) -> dict[str, Any] | None:
    """The plan-wide count as the status engine made it (names of the indicators on or ahead and
    behind); None when it judged none."""
    count = table.count
    if count is None or not count.assessed:
        return None
    return {"set_label": count.set_label, "assessed": count.assessed, "good": list(count.good),
            "lagging": list(count.lagging)}


def _double_half(table: StatusTable) -> str | None:
    summary = table.double_half
    if summary is None or not summary.assessed:
        return None
    return str(summary.headline)


def report_context(plan: Plan, region: Region, period: Period, table: StatusTable, *,
                   part_two: bool = False, challenges: bool = False) -> ReportContext:
    """Collect the report's facts for ``region`` and ``period`` from the plan and the status table."""
    facts = [indicator_fact(row) for row in table.rows]
    by_code = {f.code: f for f in facts}
    rows = {row.indicator.code: row for row in table.rows}
    headline, annual_only, missing = _headline_split(facts, rows)
    projects = _project_facts(plan, region, period, table.projects)
    placed, unplaced, investing = _place_projects(plan, projects)
    materials = _material_facts(plan, region, period)
    placed_materials, unplaced_materials = _place_materials(plan, materials.get(MaterialKind.PROGRESS, []))
    sections = _sections(plan, facts, _task_facts(plan, region), placed, placed_materials)
    # what is behind comes from the status engine's verdicts; the gaps are only the numbers said with it
    behind_schedule = [f for f in facts if f.lagging and rows[f.code].gap_points is not None]
    return ReportContext(
        plan_title=plan.title,
        region={"code": region.code, "name": region.name, "whole": _whole(region)},
        year=period.year,
        period=_period_view(period),
        time_progress=computed(table.time_progress) or "",
        headline=headline, annual_only=annual_only, missing=missing,
        sections=sections,
        projects=projects, unplaced_projects=unplaced,
        double_half=_double_half(table),
        plan_count=_plan_count(table),
        project_subsection=_split_category(investing)[1] if investing else None,
        facts=facts, with_target=[f for f in facts if rows[f.code].target is not None],
        behind_schedule=behind_schedule,
        behind_target=[f for f in facts if f.lagging and f not in behind_schedule],
        counts={v.value: n for v, n in table.counts().items()},
        table_rows=[_table_row(by_code[row.indicator.code], row) for row in table.rows if row.indicator.headline],
        part_two=part_two, challenges=challenges, unplaced_materials=unplaced_materials,
        problems=materials.get(MaterialKind.PROBLEMS, []), next_steps=materials.get(MaterialKind.NEXT_STEPS, []),
    )


def _material_facts(plan: Plan, region: Region, period: Period) -> dict[MaterialKind, list[MaterialFact]]:
    """The approved materials of the region and period by kind, in the plan's category order (those
    without a category last), then in their own order."""
    rank = {c: i for i, c in enumerate(plan.categories)}
    approved = [m for m in plan.materials if m.approved and m.region == region.code and m.period == period]
    approved.sort(key=lambda m: (rank.get(m.category or "", len(rank)), m.order, m.code))
    out: dict[MaterialKind, list[MaterialFact]] = {}
    for m in approved:
        out.setdefault(m.kind, []).append(MaterialFact(m.code, m.department, m.kind.value, m.text, m.category))
    return out


def _place_materials(plan: Plan, materials: list[MaterialFact]) -> tuple[dict[str, list[MaterialFact]],
                                                                         list[MaterialFact]]:
    """工作进展与亮点 by the category they name; without one, the first thematic category of their
    department's indicators; the rest stay unplaced (a paragraph of their own)."""
    own: dict[str, str] = {}
    for ind in plan.indicators:
        if ind.department and not ind.headline and "/" in ind.category:
            own.setdefault(ind.department, ind.category)
    placed: dict[str, list[MaterialFact]] = {}
    rest = []
    for m in materials:
        category = m.category or own.get(m.department)
        if category:
            placed.setdefault(category, []).append(m)
        else:
            rest.append(m)
    return placed, rest


def _headline_split(facts: list[IndicatorFact], rows: dict[str, IndicatorStatus]
                    ) -> tuple[list[IndicatorFact], list[str], list[str]]:
    """The headline indicators with something to say, and the names of those that are annual data
    or have no figure this period."""
    headline: list[IndicatorFact] = []
    annual_only: list[str] = []
    missing: list[str] = []
    for f in facts:
        if not f.headline:
            continue
        verdict = rows[f.code].verdict
        if verdict == Verdict.ANNUAL_ONLY:
            annual_only.append(f.name)
        elif verdict == Verdict.MISSING or not (f.has_numbers or f.status):
            missing.append(f.name)
        else:
            headline.append(f)
    return headline, annual_only, missing


def _place_projects(plan: Plan, projects: list[ProjectFact]
                    ) -> tuple[dict[str, list[ProjectFact]], list[ProjectFact], str | None]:
    """Project groups by the plan category they belong to; groups without one go to the first
    subsection about investment (returned too), and stay unplaced only when there is none."""
    placed, unplaced = _projects_by_category(plan, projects)
    investing = next((c for c in plan.categories if "投资" in (_split_category(c)[1] or "")), None)
    if investing is not None and unplaced:
        placed.setdefault(investing, [])[:0] = unplaced
        unplaced = []
    return placed, unplaced, investing


def _table_row(f: IndicatorFact, row: IndicatorStatus) -> tuple[str, ...]:
    actual = f.amount.removesuffix(f.value_unit) if f.amount and f.amount.endswith(f.value_unit) else f.amount
    if actual is None and f.share is not None:
        actual = f"{f.share}%"
    if actual is None:
        actual = f.status or "—"
    elif f.estimate:
        actual = f"预计{actual}"
    growth = None
    if f.growth is not None:
        growth = ("-" if f.growth_word == "下降" else "") + f.growth
    completion = f.completion or f.plan_completion
    # verdicts that judge nothing (no target, no figure, not assessable) are a dash, not words about the system
    judged = row.verdict not in (Verdict.NO_TARGET, Verdict.TO_ASSESS, Verdict.MISSING)
    return (f.name, f.value_unit or f.unit if f.amount else f.unit, f.target or "—", actual,
            growth or "—", completion or "—", (f.word or f.verdict) if judged else "—")


# --------------------------------------------------------------------------- templates


# The notes the ``src``/``judged``/``said`` filters mark with, for the render running in this
# thread (or task): the environments are shared between renders, their filters look the notes up.
_NOTES: contextvars.ContextVar[provenance.Notes] = contextvars.ContextVar("planwatch_report_notes")


def _src(text: object, code: str, slot: str = "value") -> str:
    return _NOTES.get().mark(text, code, slot)


def _judged(text: object, code: str, slot: str = "judgment") -> str:
    return _NOTES.get().mark_words(text, code, slot)


def _said(text: object, code: str) -> str:
    return _NOTES.get().mark_said(text, code)


@lru_cache(maxsize=16)
def _environment(template_dir: Path | None) -> Any:
    """One Jinja environment per template folder, kept: its templates are compiled once (the
    loader still checks each file's modification time, so an edited template is read again)."""
    import jinja2

    paths = [str(template_dir)] if template_dir else []
    paths.append(str(TEMPLATE_DIR))
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(paths, encoding="utf-8"),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
        autoescape=False,
    )
    env.filters.update(src=_src, judged=_judged, said=_said)
    return env


def _template_error(exc: BaseException, template_dir: Path | None) -> InputError:
    """An InputError naming the template file and line where ``exc`` happened."""
    import jinja2

    name, line = None, None
    if isinstance(exc, jinja2.TemplateSyntaxError):
        name, line = exc.filename or exc.name, exc.lineno
        message = exc.message or str(exc)
    else:
        tb = exc.__traceback__
        while tb is not None:
            filename = tb.tb_frame.f_code.co_filename
            if filename.endswith(".j2"):
                name, line = filename, tb.tb_lineno
            tb = tb.tb_next
        message = str(exc) if not isinstance(exc, jinja2.TemplateNotFound) else f"找不到模板 {exc.name}"
        if isinstance(exc, jinja2.UndefinedError):
            message = f"未定义的名称：{exc.message}"
    where = Location(file=str(name) if name else None, line=line)
    shown = Path(name).name if name else "报告模板"
    at = f"第 {line} 行" if line else ""
    return InputError(f"报告模板 {shown} {at}有错误：{message}",
                      problems=[Problem(message, where)])


def render_markup(context: ReportContext, template_dir: Path | None = None,
                  notes: provenance.Notes | None = None) -> str:
    """Render the wording templates to report markup. ``notes``: the sources the ``src`` filter
    marks numbers with (review copy); without, the filter changes nothing. The ``said`` filter
    marks a department's material the same way (its note names who submitted and approved it)."""
    import jinja2

    if template_dir is not None and not Path(template_dir).is_dir():
        raise InputError(f"模板文件夹不存在：{template_dir}")
    env = _environment(template_dir)
    token = _NOTES.set(notes or provenance.Notes())
    try:
        return env.get_template(MAIN_TEMPLATE).render(**context.as_template_vars())
    except (jinja2.TemplateError, TypeError, ValueError, AttributeError, KeyError, IndexError,
            ZeroDivisionError) as exc:
        raise _template_error(exc, template_dir) from None
    finally:
        _NOTES.reset(token)


def build_document(context: ReportContext, *, template_dir: Path | None = None,
                   part_two: Sequence[doc.Block] = (), challenges: Sequence[doc.Block] = (),
                   tables: dict[str, doc.Table] | None = None,
                   figures: Callable[[str], doc.Figure | None] | None = None,
                   notes: provenance.Notes | None = None) -> doc.Document:
    """Render the templates and resolve ``@table`` / ``@figure`` / ``@parttwo`` blocks.
    ``figures(key)`` draws a chart only when the templates ask for it; a figure with no data
    (None) is left out with its caption. With ``notes`` (active), every number the templates pass
    through ``src`` becomes a run of its own with its source as comment (the review copy)."""
    markup = render_markup(context, template_dir, notes)
    try:
        parsed = doc.parse_markup(markup)
    except doc.MarkupError as exc:
        raise InputError(f"报告模板 {MAIN_TEMPLATE} 生成的内容第 {exc.line} 行有错误：{exc.message}",
                         problems=[Problem(exc.message, Location(file=MAIN_TEMPLATE, line=exc.line))]) from None
    tables = tables or {}
    out = doc.Document()
    for block in parsed:
        if isinstance(block, doc.Directive):
            if block.name == "parttwo":
                out.blocks.extend(part_two)
            elif block.name == "challenges":
                out.blocks.extend(challenges)
            elif block.name == "table":
                if block.argument not in tables:
                    raise InputError(f"报告模板中 @table {block.argument} 不存在（可用：{'、'.join(tables) or '无'}）",
                                     problems=[Problem("未知的表格", Location(file=MAIN_TEMPLATE, line=block.line))])
                out.blocks.append(tables[block.argument])
            elif block.name == "figure":
                key, _, caption = block.argument.partition(" ")
                fig = figures(key) if figures is not None else None
                if fig is not None:
                    out.blocks.append(doc.Figure(fig.key, caption.strip() or fig.caption, fig.png, fig.alt,
                                                 fig.width_mm))
            continue
        if isinstance(block, doc.Title):
            lines: list[str] = []
            for line in block.lines:
                lines.extend(doc.wrap_title(line))
            block = doc.Title(tuple(lines))
        elif isinstance(block, doc.Paragraph) and notes is not None and notes.active:
            block = doc.Paragraph(provenance.split_runs(block.runs, notes), block.kind)
        out.blocks.append(block)
    return out


def indicator_table(context: ReportContext, caption: str | None = None) -> doc.Table:
    return doc.Table("indicators", TABLE_COLUMNS, tuple(context.table_rows), TABLE_WIDTHS, caption, TABLE_ALIGN)


def headline_lines(document: doc.Document) -> list[str]:
    """The headline list lines of a rendered document: body paragraphs between the
    "主要指标完成情况如下" lead-in (or the first level-1 heading) and the annual-only sentence
    or the first level-2 heading, in order. Used by tests and previews."""
    lines: list[str] = []
    started = False
    for block in document.blocks:
        if isinstance(block, doc.Heading):
            if started and block.level <= 2:
                break
            if block.level == 1 and not started:
                started = True
            continue
        if started and isinstance(block, doc.Paragraph) and block.kind == "body":
            text = block.text
            if text.endswith(("；", "。")) and not text.endswith("：") and "为年度数据" not in text:
                lines.append(text)
            if "为年度数据" in text:
                break
    return [line for line in lines if not line.endswith("如下：")]
