"""Plan files → a validated :class:`planwatch.model.Plan`, or every problem with file, line and field.

A plan is a folder of YAML files (or one file). Together they hold one ``plan`` header and any
of the sections of :class:`planwatch.ingest.plan_schema.PlanFile`; a folder may also keep its
observations in ``observations*.csv`` files (the exchange format of ``ingest/exchange.py``).
:func:`read_plan` returns nothing unless everything is valid. :func:`open_plan` validates the YAML
and leaves the CSV observations to be streamed (:class:`PlanSource`), each checked by the same
:class:`ObservationRules` as a YAML entry; a load writes them chunk by chunk inside its transaction
and rolls back on any problem, so it stays all-or-nothing.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from planwatch.errors import InputError, Location, Problem
from planwatch.ingest import plan_schema as schema
from planwatch.ingest.exchange import csv_rows
from planwatch.ingest.forms import Row
from planwatch.ingest.yaml_source import PathKey, YamlDocument, format_path, read_yaml
from planwatch.model import (
    Comparison,
    Document,
    Indicator,
    Material,
    MaterialKind,
    NumericGoal,
    Observation,
    Period,
    PeriodError,
    Plan,
    Project,
    ProjectGroup,
    ProjectProgress,
    Region,
    RegionTree,
    ReviewState,
    Source,
    SourceKind,
    Target,
    Task,
    TaskGroup,
    parse_unit,
)
from planwatch.model.limits import NOTE, text_problem
from planwatch.model.material import text_problems
from planwatch.model.observation import FIELDS, field_problems, period_problem
from planwatch.model.units import UnitError

SECTIONS = ("regions", "documents", "indicators", "targets", "project_groups", "projects",
            "project_progress", "task_groups", "tasks", "observations", "materials")

_PYDANTIC_MESSAGES = {
    "missing": "缺少必填字段",
    "extra_forbidden": "未知字段（拼写错误？）",
    "decimal_parsing": "应为数字",
    "int_parsing": "应为整数",
    "int_from_float": "应为整数",
    "bool_parsing": "应为 true 或 false",
    "string_type": "应为文本",
    "list_type": "应为列表",
    "dict_type": "应为键值表",
    "model_type": "应为键值表",
    "enum": "取值无效",
    "string_pattern_mismatch": "格式不对（代码只能用英文字母、数字和下划线，且不以数字开头）",
    "greater_than_equal": "数值太小",
    "less_than_equal": "数值太大",
    "tuple_type": "应为 [起, 止] 两个数",
    "too_short": "元素不足",
    "too_long": "元素过多",
    "string_too_long": "文字过长",
}
# our own validators' messages are complete and already name the input
_OWN_MESSAGES = ("number", "text")


@dataclass
class _Item:
    """A validated entry and where it was written."""

    model: Any
    doc: YamlDocument
    path: PathKey

    def loc(self, *field: str | int) -> Location:
        return self.doc.location((*self.path, *field))


#: Observations kept as CSV inside a plan folder: files named like this (exchange format).
OBSERVATION_CSV = "observations*.csv"
#: Problems listed in full; beyond this a load counts them (every one still refuses the load).
MAX_LISTED_PROBLEMS = 200


class ProblemList(list[Problem]):
    """Problems as found: the first ``cap`` kept, all counted (``total``), so a file with a
    million bad rows is refused without holding a million messages."""

    def __init__(self, cap: int = MAX_LISTED_PROBLEMS) -> None:
        super().__init__()
        self.cap = cap
        self.total = 0

    def append(self, problem: Problem) -> None:
        self.total += 1
        if len(self) < self.cap:
            super().append(problem)

    def extend(self, problems: Iterable[Problem]) -> None:
        for problem in problems:
            self.append(problem)

    def refusal(self) -> InputError:
        shown = f"（列出前 {len(self)} 处）" if self.total > len(self) else ""
        return InputError(f"计划文件有 {self.total} 处错误，未写入任何数据{shown}", problems=list(self))


def plan_files(path: Path) -> list[Path]:
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
        if not files:
            raise InputError(f"文件夹 {path} 中没有 .yaml 计划文件")
        return files
    if not path.exists():
        raise InputError(f"找不到计划文件或文件夹：{path}")
    return [path]


def observation_files(path: Path) -> list[Path]:
    """The plan folder's observation CSV files (``observations*.csv``), in name order."""
    return sorted(p for p in path.glob(OBSERVATION_CSV) if p.is_file()) if path.is_dir() else []


def read_plan(path: Path) -> Plan:
    """Read and validate a plan folder or file, observations included (CSV ones too). Raises
    InputError listing every problem. A load streams instead (:func:`open_plan`)."""
    source = open_plan(path)
    observations = list(source.observations())
    if source.problems:
        raise source.problems.refusal()
    return replace(source.plan, observations=(*source.plan.observations, *observations))


def open_plan(path: Path) -> PlanSource:
    """Read and validate the plan's YAML (header, regions, indicators, targets, …, YAML
    observations); raises InputError listing every problem. The CSV observations are not read
    yet: :meth:`PlanSource.observations` streams and validates them."""
    path = Path(path)
    base = path if path.is_dir() else path.parent
    docs = [read_yaml(p, display=str(p)) for p in plan_files(path)]
    problems = ProblemList()
    parsed: list[tuple[YamlDocument, schema.PlanFile]] = []
    for doc in docs:
        if not isinstance(doc.data, dict):
            problems.append(Problem("计划文件的顶层应为键值表（plan、indicators、observations …）",
                                    Location(doc.file, 1)))
            continue
        try:
            parsed.append((doc, schema.PlanFile.model_validate(doc.data)))
        except ValidationError as exc:
            problems.extend(_pydantic_problems(exc, doc))
    if problems:
        raise problems.refusal()
    builder = _Builder(parsed, base)
    plan = builder.build()
    assert builder.rules is not None     # set by build()
    return PlanSource(plan, observation_files(path), builder.rules)


def _pydantic_problems(exc: ValidationError, doc: YamlDocument) -> list[Problem]:
    out = []
    for error in exc.errors():
        path = tuple(p for p in error["loc"] if isinstance(p, str | int))
        message = _PYDANTIC_MESSAGES.get(error["type"], error["msg"])
        shown = _shown(error.get("input"))
        if error["type"] == "enum":
            expected = error.get("ctx", {}).get("expected", "")
            message = f"取值“{shown}”无效，可选：{expected}"
        elif error["type"] == "string_too_long":
            length = len(error["input"]) if isinstance(error.get("input"), str) else "?"
            message = f"文字过长（{length} 个字符，最多 {error.get('ctx', {}).get('max_length')} 个）"
        elif error["type"] not in ("missing", "extra_forbidden", *_OWN_MESSAGES):
            message = f"{message}（实际为“{shown}”）"
        out.append(Problem(message, doc.location(path)))
    return out


def _shown(value: Any) -> str:
    """An input as a message quotes it: long ones cut (a 400-digit number, a 10 000-character title)."""
    text = str(value)
    return text if len(text) <= 40 else f"{text[:30]}…（共 {len(text)} 个字符）"


class _Builder:
    """Cross-entry checks and conversion to model objects."""

    def __init__(self, parsed: list[tuple[YamlDocument, schema.PlanFile]], base: Path) -> None:
        self.base = base
        self.problems = ProblemList()
        self.rules: ObservationRules | None = None
        self.items: dict[str, list[_Item]] = {s: [] for s in SECTIONS}
        self.header: _Item | None = None
        self.categories: list[str] = []
        self.departments: list[str] = []
        for doc, plan_file in parsed:
            if plan_file.plan is not None:
                if self.header is not None:
                    self.error(f"计划头（plan）重复：已在 {self.header.doc.file} 中给出", doc.location(("plan",)))
                else:
                    self.header = _Item(plan_file.plan, doc, ("plan",))
            for section in SECTIONS:
                for i, model in enumerate(getattr(plan_file, section)):
                    self.items[section].append(_Item(model, doc, (section, i)))
            self.categories += [c for c in plan_file.categories if c not in self.categories]
            self.departments += [d for d in plan_file.departments if d not in self.departments]

    def error(self, message: str, location: Location | None) -> None:
        self.problems.append(Problem(message, location))

    # ------------------------------------------------------------------ build
    def build(self) -> Plan:
        if self.header is None:
            raise InputError("计划文件中缺少计划头（plan: region、year）", problems=[])
        header: schema.PlanHeader = self.header.model
        year = header.year
        regions = self._regions(header)
        documents = self._documents()
        indicators = self._indicators()
        self.rules = ObservationRules(header.region, year, regions, indicators, self.problems)
        groups = self._project_groups(header, regions, documents)
        projects = self._projects(header, regions, groups)
        plan = Plan(
            region=header.region, year=year, title=header.title or f"{year}年国民经济和社会发展计划",
            regions=tuple(regions), categories=tuple(self.categories), departments=tuple(self.departments),
            indicators=tuple(indicators.values()),
            targets=tuple(self._targets(header, regions, indicators, documents)),
            project_groups=tuple(groups.values()), projects=tuple(projects.values()),
            project_progress=tuple(self._progress(year, groups, projects, documents)),
            task_groups=tuple(self._task_groups(header, regions, documents).values()),
            tasks=tuple(self._tasks()),
            observations=tuple(self._observations(documents)),
            documents=tuple(documents.values()),
            materials=tuple(self._materials(header, regions, documents)),
        )
        if self.problems:
            raise self.problems.refusal()
        return plan

    def _unique(self, section: str, key: str = "code") -> dict[str, _Item]:
        seen: dict[str, _Item] = {}
        for item in self.items[section]:
            value = getattr(item.model, key)
            if value in seen:
                first = seen[value]
                self.error(f"代码“{value}”重复（第一次出现在 {first.doc.file} 第 {first.doc.line(first.path)} 行）",
                           item.loc(key))
            else:
                seen[value] = item
        return seen

    def _regions(self, header: schema.PlanHeader) -> RegionTree:
        items = self._unique("regions")
        tree = RegionTree(Region(i.model.code, i.model.name, i.model.level, i.model.parent) for i in items.values())
        for item in items.values():
            if item.model.parent is not None and item.model.parent not in tree:
                self.error(f"上级地区“{item.model.parent}”不在地区列表中", item.loc("parent"))
        if header.region not in tree:
            assert self.header is not None
            self.error(f"计划地区“{header.region}”不在地区列表（regions）中", self.header.loc("region"))
        return tree

    def _region(self, code: str | None, header: schema.PlanHeader, regions: RegionTree, item: _Item) -> str:
        region, problem = resolve_region(code, header.region, regions)
        if problem:
            self.error(problem, item.loc("region"))
        return region

    def _documents(self) -> dict[str, Document]:
        out = {}
        for code, item in self._unique("documents").items():
            model: schema.DocumentIn = item.model
            text = model.text
            if model.file:
                file = (self.base / model.file).resolve()
                try:
                    text = file.read_text(encoding="utf-8")
                except (OSError, UnicodeDecodeError) as exc:
                    self.error(f"无法读取文档文件 {model.file}：{getattr(exc, 'strerror', None) or exc}", item.loc("file"))
                    continue
            if text is None:
                self.error("文档需要 file（文件路径）或 text（全文）", item.loc())
                continue
            out[code] = Document(code, model.title, text, model.kind, model.published)
        return out

    def _check_unit(self, unit: str | None, item: _Item, field: str) -> None:
        if unit is not None and (problem := _unit_problem(unit)):
            self.error(problem, item.loc(field))

    def _indicators(self) -> dict[str, Indicator]:
        out: dict[str, Indicator] = {}
        items = self._unique("indicators")
        for order, (code, item) in enumerate(items.items(), start=1):
            m: schema.IndicatorIn = item.model
            self._check_unit(m.unit, item, "unit")
            if self.categories and m.category not in self.categories:
                self.error(f"类别“{m.category}”不在 categories 列表中", item.loc("category"))
            if self.departments and m.department and m.department not in self.departments:
                self.error(f"责任部门“{m.department}”不在 departments 列表中", item.loc("department"))
            out[code] = Indicator(
                code=code, name=m.name, unit=m.unit, category=m.category, aliases=tuple(m.aliases),
                nature=m.nature, direction=m.direction, frequency=m.frequency, measure=m.measure,
                price_basis=m.price_basis, formula=m.formula, department=m.department, headline=m.headline,
                order=order, note=m.note, parent=m.parent, tags=tuple(m.tags), about_band=m.about_band,
                precision=m.precision, phrase=m.phrase,
            )
        for code, item in items.items():
            m = item.model
            if m.parent and m.parent not in out:
                self.error(f"“其中”所属指标“{m.parent}”未定义", item.loc("parent"))
            if m.formula:
                for name in re.findall(r"[A-Za-z_][A-Za-z0-9_]*", m.formula):
                    if name not in out:
                        self.error(f"公式引用了未定义的指标“{name}”", item.loc("formula"))
                    elif name == code:
                        self.error("公式不能引用指标自身", item.loc("formula"))
        return out

    def _source(self, source: schema.SourceIn | None, item: _Item, documents: dict[str, Document],
                numbers: dict[str, Any]) -> Source:
        if source is None:
            return Source(SourceKind.PLAN_FILE, locator=f"{item.doc.file}:{item.doc.line(item.path)}")
        if source.document is None:
            return Source(SourceKind.PLAN_FILE, locator=f"{item.doc.file}:{item.doc.line(item.path)}",
                          note=source.note)
        document = documents.get(source.document)
        if document is None:
            self.error(f"来源文档“{source.document}”未在 documents 中定义", item.loc("source", "document"))
            return Source(SourceKind.DOCUMENT, document=source.document)
        for slot, (start, end) in source.spans.items():
            if not 0 <= start < end <= len(document.text):
                self.error(f"{slot} 的位置 [{start}, {end}) 超出文档长度 {len(document.text)}",
                           item.loc("source", "spans", slot))
                continue
            written = document.text[start:end]
            expected = numbers.get(slot)
            if expected is not None and not _same_number(written, expected):
                self.error(f"{slot} 为 {expected}，但文档“{source.document}”第 {start}—{end} 字是“{written}”",
                           item.loc("source", "spans", slot))
        return Source(SourceKind.DOCUMENT, document=source.document, spans=dict(source.spans), note=source.note)

    def _goal(self, goal: schema.GoalIn | None, item: _Item, field: str, slot: str | None = None) -> NumericGoal | None:
        if goal is None:
            return None
        try:
            comparison = Comparison.from_words(goal.comparison)
        except ValueError as exc:
            self.error(str(exc), item.loc(field, "comparison"))
            return None
        self._check_unit(goal.unit, item, f"{field}")
        if comparison is Comparison.RANGE and (goal.value is None or goal.upper is None):
            self.error("区间目标需要 value（下限）和 upper（上限）", item.loc(field))
        elif comparison is not Comparison.POSITIVE and goal.value is None:
            self.error("数值目标需要 value", item.loc(field))
        return NumericGoal(goal.value, goal.unit, comparison, goal.upper, goal.tier, goal.issuer, slot or field)

    def _targets(self, header: schema.PlanHeader, regions: RegionTree, indicators: dict[str, Indicator],
                 documents: dict[str, Document]) -> list[Target]:
        out: list[Target] = []
        seen: set[tuple[str, str]] = set()
        for item in self.items["targets"]:
            m: schema.TargetIn = item.model
            if m.indicator not in indicators:
                self.error(f"目标所指指标“{m.indicator}”未定义", item.loc("indicator"))
                continue
            region = self._region(m.region, header, regions, item)
            if (m.indicator, region) in seen:
                self.error(f"指标“{m.indicator}”在地区“{region}”的目标重复", item.loc("indicator"))
                continue
            seen.add((m.indicator, region))
            if m.level is None and m.growth is None and not m.qualitative:
                self.error("目标需要 level、growth 或 qualitative 之一", item.loc())
            if m.in_step_with is not None and m.in_step_with not in indicators:
                self.error(f"同步目标对照的指标“{m.in_step_with}”未定义", item.loc("in_step_with"))
            numbers: dict[str, Any] = {"level": m.level.value if m.level else None,
                                       "growth": m.growth.value if m.growth else None}
            alternatives = []
            for index, alternative in enumerate(m.alternatives):
                numbers[f"alternatives.{index}"] = alternative.value
                goal = self._goal(alternative, item, f"alternatives[{index}]", alternative.slot)
                if goal is not None:
                    alternatives.append(goal)
            out.append(Target(indicator=m.indicator, region=region, year=header.year,
                              level=self._goal(m.level, item, "level"), growth=self._goal(m.growth, item, "growth"),
                              qualitative=m.qualitative, text=m.text,
                              source=self._source(m.source, item, documents, numbers),
                              alternatives=tuple(alternatives), in_step_with=m.in_step_with))
        return out

    def _period(self, text: str, year: int, item: _Item) -> Period | None:
        period, problem = resolve_period(text, year)
        if problem:
            self.error(problem, item.loc("period"))
        return period

    def _observations(self, documents: dict[str, Document]) -> list[Observation]:
        assert self.rules is not None
        out: list[Observation] = []
        for item in self.items["observations"]:
            m = item.model

            def source(numbers: dict[str, Any], m: Any = m, item: _Item = item) -> Source:
                return self._source(m.source, item, documents, numbers)

            values = {spec.name: getattr(m, spec.name) for spec in FIELDS}
            obs = self.rules.observation(m.indicator, m.region, m.period, values, item.loc, source)
            if obs is not None:
                out.append(obs)
        return out

    def _project_groups(self, header: schema.PlanHeader, regions: RegionTree,
                        documents: dict[str, Document]) -> dict[str, ProjectGroup]:
        out = {}
        for order, (code, item) in enumerate(self._unique("project_groups").items(), start=1):
            m: schema.ProjectGroupIn = item.model
            out[code] = ProjectGroup(
                code=code, name=m.name, level=m.level, year=header.year,
                region=self._region(m.region, header, regions, item), project_count=m.project_count,
                new_start_count=m.new_start_count, annual_plan=m.annual_plan,
                annual_plan_derived=m.annual_plan_derived, annual_plan_note=m.annual_plan_note,
                category=m.category, order=order,
                source=self._source(m.source, item, documents, {"project_count": m.project_count,
                                                                "new_start_count": m.new_start_count}),
            )
        return out

    def _projects(self, header: schema.PlanHeader, regions: RegionTree,
                  groups: dict[str, ProjectGroup]) -> dict[str, Project]:
        out = {}
        for code, item in self._unique("projects").items():
            m: schema.ProjectIn = item.model
            if m.group is not None and m.group not in groups:
                self.error(f"项目组“{m.group}”未定义", item.loc("group"))
            out[code] = Project(
                code=code, name=m.name, level=m.level, year=header.year,
                region=self._region(m.region, header, regions, item), group=m.group, category=m.category,
                total_investment=m.total_investment, annual_plan=m.annual_plan, new_start=m.new_start,
                started=m.started, town=m.town, department=m.department,
            )
        return out

    def _progress(self, year: int, groups: dict[str, ProjectGroup], projects: dict[str, Project],
                  documents: dict[str, Document]) -> list[ProjectProgress]:
        out = []
        seen: set[tuple[str, str]] = set()
        for item in self.items["project_progress"]:
            m: schema.ProgressIn = item.model
            if m.subject not in groups and m.subject not in projects:
                self.error(f"项目进度所指的项目或项目组“{m.subject}”未定义", item.loc("subject"))
                continue
            period = self._period(m.period, year, item)
            if period is None:
                continue
            if (m.subject, period.code) in seen:
                self.error(f"“{m.subject}”在 {period.label} 的进度重复", item.loc("subject"))
                continue
            seen.add((m.subject, period.code))
            numbers = {"completed_investment": m.completed_investment, "stated_completion": m.stated_completion,
                       "new_starts_started": m.new_starts_started, "stated_start_rate": m.stated_start_rate}
            out.append(ProjectProgress(
                subject=m.subject, is_group=m.subject in groups, period=period,
                completed_investment=m.completed_investment, stated_completion=m.stated_completion,
                new_starts_started=m.new_starts_started, all_new_starts_started=m.all_new_starts_started,
                stated_start_rate=m.stated_start_rate, source=self._source(m.source, item, documents, numbers),
            ))
        return out

    def _task_groups(self, header: schema.PlanHeader, regions: RegionTree,
                     documents: dict[str, Document]) -> dict[str, TaskGroup]:
        out = {}
        for order, (code, item) in enumerate(self._unique("task_groups").items(), start=1):
            m: schema.TaskGroupIn = item.model
            out[code] = TaskGroup(code=code, name=m.name, year=header.year,
                                  region=self._region(m.region, header, regions, item), count=m.count,
                                  kind=m.kind, order=order, note=m.note, category=m.category, phrase=m.phrase,
                                  source=self._source(m.source, item, documents, {"count": m.count}))
        return out

    def _tasks(self) -> list[Task]:
        groups = {i.model.code for i in self.items["task_groups"]}
        out = []
        for code, item in self._unique("tasks").items():
            m: schema.TaskIn = item.model
            if m.group not in groups:
                self.error(f"任务清单“{m.group}”未定义", item.loc("group"))
            out.append(Task(code=code, group=m.group, title=m.title, department=m.department, status=m.status,
                            progress_note=m.progress_note))
        return out

    def _materials(self, header: schema.PlanHeader, regions: RegionTree,
                   documents: dict[str, Document]) -> list[Material]:
        out = []
        for order, (code, item) in enumerate(self._unique("materials").items(), start=1):
            m: schema.MaterialIn = item.model
            kind, state = self._enum(MaterialKind, m.kind, item, "kind"), self._enum(ReviewState, m.state, item, "state")
            period = self._period(m.period, header.year, item)
            if self.departments and m.department not in self.departments:
                self.error(f"部门“{m.department}”不在 departments 列表中", item.loc("department"))
            text = self._material_text(m, item, documents)
            for problem in text_problems(text, m.category, self.categories):
                self.error(problem, item.loc("category" if "类别" in problem else "text"))
            if kind is None or state is None or period is None or text is None:
                continue
            source = self._source(m.source, item, documents, {}) if m.source else None
            out.append(Material(code=code, department=m.department, region=self._region(m.region, header, regions, item),
                                period=period, kind=kind, text=text, category=m.category, order=order, state=state,
                                author=m.author or m.department, source=source))
        return out

    def _enum(self, enum: Any, word: str, item: _Item, field: str) -> Any:
        try:
            return enum.parse(word)
        except ValueError as exc:
            self.error(str(exc), item.loc(field))
            return None

    def _material_text(self, m: schema.MaterialIn, item: _Item, documents: dict[str, Document]) -> str | None:
        """The material's text: as written, else the document's text at ``spans.text``; both given,
        they must agree (a span off by a character is an error naming both)."""
        span = m.source.spans.get("text") if m.source else None
        document = documents.get(m.source.document) if m.source and m.source.document else None
        quoted = None
        if span is not None and document is not None and 0 <= span[0] < span[1] <= len(document.text):
            quoted = document.text[span[0]:span[1]]
        if m.text is None and quoted is None:
            self.error("材料需要 text（原文），或来源文档中的位置 source.spans.text", item.loc())
            return None
        if m.text is not None and quoted is not None and m.text != quoted.strip():
            self.error(f"材料原文与文档“{document.code if document else ''}”第 {span[0] if span else 0}—"
                       f"{span[1] if span else 0} 字（“{_shown(quoted)}”）不一致", item.loc("source", "spans", "text"))
        return m.text if m.text is not None else (quoted or "").strip()


def resolve_region(code: str | None, plan_region: str, regions: RegionTree) -> tuple[str, str | None]:
    """A region written in a plan file (code or name; none: the plan's own) as its code, and the
    problem with it (not listed, or not inside the plan's region), if any."""
    if code is None:
        return plan_region, None
    region = regions.find(code)
    if region is None:
        return code, f"地区“{code}”不在地区列表（regions）中"
    if region.code != plan_region and plan_region not in {a.code for a in regions.ancestors(region.code)}:
        return region.code, f"地区“{region.name}”不属于计划地区“{plan_region}”"
    return region.code, None


def resolve_period(text: str, year: int) -> tuple[Period | None, str | None]:
    """A period as written in a plan file, or the problem with it (unreadable, or outside the plan year)."""
    try:
        period = Period.parse(text)
    except PeriodError as exc:
        return None, str(exc)
    problem = period_problem(period, year)
    return (None, problem) if problem else (period, None)


#: distinct written regions / periods remembered per load (a file of garbage cannot grow it further)
_MEMO_LIMIT = 10_000
Locate = Callable[..., Location]


class ObservationRules:
    """Every check of one observation against its plan, for the YAML and the CSV observations
    alike: the indicator is defined, the region inside the plan's, the period readable and in the
    plan year, the key not given twice (a bitmap per period: memory does not grow with the rows),
    the values within model.observation's rules (model.limits), the units convertible."""

    def __init__(self, plan_region: str, year: int, regions: RegionTree, indicators: dict[str, Indicator],
                 problems: list[Problem]) -> None:
        self.plan_region, self.year, self.regions, self.indicators = plan_region, year, regions, indicators
        self.problems = problems
        self._by_name = {i.name: i for i in indicators.values()}
        self._indicator_index = {code: n for n, code in enumerate(indicators)}
        self._region_index = {r.code: n for n, r in enumerate(regions)}
        self._seen: dict[str, bytearray] = {}
        self._region_memo: dict[str | None, tuple[str, str | None]] = {}
        self._period_memo: dict[str, tuple[Period | None, str | None]] = {}

    def indicator(self, text: str) -> Indicator | None:
        return self.indicators.get(text) or self._by_name.get(text)

    def _region(self, text: str | None) -> tuple[str, str | None]:
        found = self._region_memo.get(text)
        if found is None:
            found = resolve_region(text, self.plan_region, self.regions)
            if len(self._region_memo) < _MEMO_LIMIT:
                self._region_memo[text] = found
        return found

    def _period(self, text: str) -> tuple[Period | None, str | None]:
        found = self._period_memo.get(text)
        if found is None:
            found = resolve_period(text, self.year)
            if len(self._period_memo) < _MEMO_LIMIT:
                self._period_memo[text] = found
        return found

    def _first_time(self, indicator: str, region: str, period: str) -> bool:
        """Whether this key is new to the load (and remember it)."""
        bits = self._seen.get(period)
        if bits is None:
            bits = self._seen[period] = bytearray((len(self._indicator_index) * len(self._region_index) + 7) // 8)
        n = self._indicator_index[indicator] * len(self._region_index) + self._region_index[region]
        if bits[n >> 3] & (1 << (n & 7)):
            return False
        bits[n >> 3] |= 1 << (n & 7)
        return True

    def error(self, message: str, location: Location | None) -> None:
        self.problems.append(Problem(message, location))

    def observation(self, indicator_text: str, region_text: str | None, period_text: str, values: dict[str, Any],
                    loc: Locate, source: Callable[[dict[str, Any]], Source]) -> Observation | None:
        """The observation, or None with its problems recorded (``loc(field)`` locates a field)."""
        indicator = self.indicator(indicator_text)
        if indicator is None:
            self.error(f"观测值所指指标“{indicator_text}”未定义", loc("indicator"))
            return None
        region, problem = self._region(region_text)
        if problem:
            self.error(problem, loc("region"))
        period, problem = self._period(period_text)
        if period is None:
            self.error(problem or "", loc("period"))
            return None
        # the canonical code: 上半年 and 1—6月 are one key
        if region in self._region_index and not self._first_time(indicator.code, region, period.code):
            self.error(f"指标“{indicator.code}”在 {period.label} 的观测值重复", loc("indicator"))
            return None
        self._check_values(values, indicator, loc)
        values["unit"] = values.get("unit") or (indicator.unit if values.get("value") is not None else None)
        values["growth_basis"] = values.get("growth_basis") or (
            indicator.price_basis if values.get("growth") is not None else None)
        numbers = {spec.name: values.get(spec.name) for spec in FIELDS if spec.type is Decimal}
        return Observation(indicator=indicator.code, region=region, period=period, source=source(numbers), **values)

    def _check_values(self, values: dict[str, Any], indicator: Indicator, loc: Locate) -> None:
        """The value rules every door applies (model.observation.field_problems), and the units."""
        for problem in field_problems(values, indicator):
            self.error(problem.message, loc(problem.field))
        for name in ("unit", "change_unit"):
            if values.get(name) is not None and (wrong := _unit_problem(values[name])):
                self.error(wrong, loc(name))
        unit = values.get("unit")
        if unit and values.get("value") is not None and _unit_base(unit) != _unit_base(indicator.unit):
            self.error(f"单位“{unit}”与指标单位“{indicator.unit}”不可换算", loc("unit"))

    def csv_observation(self, row: Row, file_name: str) -> Observation | None:
        """One row of an observation CSV (the exchange format) as an observation of the plan."""
        values: dict[str, Any] = {spec.name: row.values.get(spec.name) for spec in FIELDS}
        values["estimate"] = bool(values["estimate"])
        line = row.where["row"].line
        if row.source_note and (problem := text_problem(row.source_note, NOTE)):
            self.error(f"source {problem}", row.where.get("source"))

        def where(field: str | int = "row", *_: str | int) -> Location:
            return row.where.get(str(field)) or Location(file=file_name, line=line, field=str(field))

        def source(_numbers: dict[str, Any]) -> Source:
            return Source(SourceKind.PLAN_FILE, locator=f"{file_name}:{line}", note=row.source_note)

        return self.observation(row.indicator, row.region or None, row.period, values, where, source)


@dataclass
class PlanSource:
    """A validated plan whose CSV observations are still to be read: :meth:`observations` yields
    them one by one (validated; problems go to ``problems``, capped), so that a load holds one chunk
    at a time. ``plan.observations`` are the YAML ones (already validated)."""

    plan: Plan
    csv_files: list[Path]
    rules: ObservationRules
    problems: ProblemList = field(default_factory=ProblemList)

    def __post_init__(self) -> None:
        self.rules.problems = self.problems

    def count(self) -> int:
        """How many observations there are (the CSV lines counted without parsing them)."""
        total = len(self.plan.observations)
        for path in self.csv_files:
            with path.open("rb") as stream:
                lines = sum(block.count(b"\n") for block in iter(lambda: stream.read(1 << 20), b""))
            total += max(0, lines - 1)
        return total

    def observations(self) -> Iterator[Observation]:
        """The CSV observations, validated row by row (the YAML ones are in ``plan.observations``)."""
        for path in self.csv_files:
            name = str(path)
            try:
                with path.open(encoding="utf-8-sig", newline="") as stream:
                    for row in csv_rows(stream, name, self.problems):
                        obs = self.rules.csv_observation(row, name)
                        if obs is not None:
                            yield obs
            except UnicodeDecodeError:
                self.problems.append(Problem("不是 UTF-8 编码的 CSV 文件（请另存为 UTF-8）", Location(file=name)))
            except OSError as exc:
                self.problems.append(Problem(f"无法读取：{exc.strerror or exc}", Location(file=name)))


@functools.lru_cache(maxsize=1024)
def _unit_base(unit: str) -> str | None:
    try:
        return parse_unit(unit).base
    except UnitError:
        return None


@functools.lru_cache(maxsize=1024)
def _unit_problem(unit: str) -> str | None:
    """Why a written unit is not one (a plan writes a handful of units, a large file many times)."""
    try:
        parse_unit(unit)
    except UnitError as exc:
        return str(exc)
    return None


_CN_NUMERAL = re.compile(r"^[零〇一二两三四五六七八九十百千万亿]+$")


def _same_number(written: str, expected: Any) -> bool:
    """Does the text at a span say the recorded number? (exact digits, or Chinese numerals)."""
    written = written.strip().translate(str.maketrans("０１２３４５６７８９．", "0123456789."))
    try:
        return Decimal(written) == abs(Decimal(str(expected)))
    except ArithmeticError:
        pass
    if _CN_NUMERAL.match(written):
        from planwatch.model.numerals import chinese_to_int

        return Decimal(chinese_to_int(written)) == abs(Decimal(str(expected)))
    return False


__all__ = ["OBSERVATION_CSV", "PlanSource", "format_path", "open_plan", "plan_files", "read_plan"]
