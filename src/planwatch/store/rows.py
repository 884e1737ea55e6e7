"""Row ⇄ model mapping. No SQLAlchemy row object leaves the store package."""

from __future__ import annotations

import functools
from decimal import Decimal
from typing import Any

from planwatch.model import (
    Comparison,
    Direction,
    Document,
    Frequency,
    Indicator,
    Measure,
    Nature,
    NumericGoal,
    Observation,
    Period,
    PriceBasis,
    Project,
    ProjectGroup,
    ProjectLevel,
    ProjectProgress,
    Region,
    RegionLevel,
    Source,
    SourceKind,
    Target,
    Task,
    TaskGroup,
    TaskStatus,
)
from planwatch.model.observation import FIELDS, ObservationField


def num(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def dec(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


def source_to_json(source: Source | None) -> dict[str, Any] | None:
    if source is None:
        return None
    out: dict[str, Any] = {"kind": source.kind.value}
    if source.document:
        out["document"] = source.document
    if source.spans:
        out["spans"] = {k: list(v) for k, v in source.spans.items()}
    for key in ("locator", "user", "note"):
        if getattr(source, key):
            out[key] = getattr(source, key)
    return out


def source_from_json(data: dict[str, Any] | None) -> Source | None:
    if not data:
        return None
    return Source(
        kind=SourceKind(data["kind"]),
        document=data.get("document"),
        spans={k: (int(v[0]), int(v[1])) for k, v in (data.get("spans") or {}).items()},
        locator=data.get("locator"), user=data.get("user"), note=data.get("note"),
    )


def region_row(region: Region) -> dict[str, Any]:
    return {"code": region.code, "name": region.name, "level": region.level.value, "parent": region.parent}


def region_from(row: Any) -> Region:
    return Region(row.code, row.name, RegionLevel(row.level), row.parent)


def document_row(doc: Document) -> dict[str, Any]:
    return {"code": doc.code, "title": doc.title, "kind": doc.kind, "published": doc.published, "text": doc.text}


def document_from(row: Any) -> Document:
    return Document(row.code, row.title, row.text, row.kind, row.published)


def indicator_row(plan_id: int, ind: Indicator) -> dict[str, Any]:
    return {
        "plan_id": plan_id, "code": ind.code, "name": ind.name, "aliases": list(ind.aliases), "unit": ind.unit,
        "category": ind.category, "nature": ind.nature.value, "direction": ind.direction.value,
        "frequency": ind.frequency.value, "measure": ind.measure.value,
        "price_basis": ind.price_basis.value if ind.price_basis else None, "formula": ind.formula,
        "department": ind.department, "headline": ind.headline, "sort_order": ind.order, "note": ind.note,
        "parent": ind.parent, "tags": list(ind.tags), "about_band": num(ind.about_band), "precision": ind.precision,
        "phrase": ind.phrase,
    }


def indicator_from(row: Any) -> Indicator:
    return Indicator(
        code=row.code, name=row.name, unit=row.unit, category=row.category, aliases=tuple(row.aliases or ()),
        nature=Nature(row.nature), direction=Direction(row.direction), frequency=Frequency(row.frequency),
        measure=Measure(row.measure), price_basis=PriceBasis(row.price_basis) if row.price_basis else None,
        formula=row.formula, department=row.department, headline=bool(row.headline), order=row.sort_order,
        note=row.note, parent=row.parent, tags=tuple(row.tags or ()), about_band=dec(row.about_band),
        precision=row.precision, phrase=row.phrase,
    )


def _goal_cols(prefix: str, goal: NumericGoal | None) -> dict[str, Any]:
    if goal is None:
        return {f"{prefix}_value": None, f"{prefix}_unit": None, f"{prefix}_comparison": None, f"{prefix}_upper": None}
    return {f"{prefix}_value": num(goal.value), f"{prefix}_unit": goal.unit,
            f"{prefix}_comparison": goal.comparison.value, f"{prefix}_upper": num(goal.upper)}


def _goal_from(row: Any, prefix: str) -> NumericGoal | None:
    comparison = getattr(row, f"{prefix}_comparison")
    if comparison is None:
        return None
    return NumericGoal(dec(getattr(row, f"{prefix}_value")), getattr(row, f"{prefix}_unit") or "",
                       Comparison(comparison), dec(getattr(row, f"{prefix}_upper")), slot=prefix)


def goal_to_json(goal: NumericGoal) -> dict[str, Any]:
    return {"slot": goal.slot, "value": num(goal.value), "unit": goal.unit, "comparison": goal.comparison.value,
            "upper": num(goal.upper), "tier": goal.tier, "issuer": goal.issuer}


_COMPARISONS = {c.value: c for c in Comparison}


def goal_from_json(data: dict[str, Any]) -> NumericGoal:
    comparison = _COMPARISONS.get(data["comparison"]) or Comparison(data["comparison"])
    return NumericGoal(dec(data.get("value")), data.get("unit") or "", comparison,
                       dec(data.get("upper")), data.get("tier"), data.get("issuer"), data.get("slot") or "level")


def target_row(plan_id: int, target: Target) -> dict[str, Any]:
    return {"plan_id": plan_id, "indicator": target.indicator, "region": target.region,
            **_goal_cols("level", target.level), **_goal_cols("growth", target.growth),
            "qualitative": target.qualitative, "text": target.text, "source": source_to_json(target.source),
            "goals": [goal_to_json(g) for g in target.goals], "in_step_with": target.in_step_with}


def target_from(row: Any, year: int) -> Target:
    goals = [goal_from_json(g) for g in row.goals or ()]
    alternatives: tuple[NumericGoal, ...] = ()
    if goals:
        # stored in Target.goals order: the primary level and growth first, then the alternatives
        # (the goal columns then only say how many primary goals there are)
        count = (row.level_comparison is not None) + (row.growth_comparison is not None)
        level = next((g for g in goals[:count] if g.slot == "level"), None)
        growth = next((g for g in goals[:count] if g.slot == "growth"), None)
        alternatives = tuple(goals[count:])
    else:
        level, growth = _goal_from(row, "level"), _goal_from(row, "growth")
    return Target(indicator=row.indicator, region=row.region, year=year, level=level, growth=growth,
                  qualitative=row.qualitative, text=row.text, source=source_from_json(row.source),
                  alternatives=alternatives, in_step_with=row.in_step_with)


OBSERVATION_FIELDS = (*(f.name for f in FIELDS), "source")   # the columns beside the key (model.observation.FIELDS)


def _column_value(spec: ObservationField, value: Any) -> Any:
    if spec.type is Decimal:
        return num(value)
    return value.value if isinstance(value, PriceBasis) else value


def observation_row(plan_id: int, obs: Observation) -> dict[str, Any]:
    return {
        "plan_id": plan_id, "indicator": obs.indicator, "region": obs.region, "period": obs.period.code,
        **{spec.name: _column_value(spec, getattr(obs, spec.name)) for spec in FIELDS},
        "source": source_to_json(obs.source),
    }


@functools.lru_cache(maxsize=4096)
def period_from(code: str) -> Period:
    """The stored period code read back (a plan has few distinct periods, read many times)."""
    return Period.parse(code)


def _reader(spec: ObservationField) -> Any:
    if spec.type is Decimal:
        return dec
    if spec.type is PriceBasis:
        return lambda stored: PriceBasis(stored) if stored else None
    return bool if spec.type is bool else None


# (name, how its stored value is read: None for as stored), once for every row read
_READERS = tuple((spec.name, _reader(spec)) for spec in FIELDS)


def observation_from(row: Any) -> Observation:
    mapping = row._mapping
    values = {name: mapping[name] if read is None else read(mapping[name]) for name, read in _READERS}
    return Observation(indicator=mapping["indicator"], region=mapping["region"], period=period_from(mapping["period"]),
                       source=source_from_json(mapping["source"]), **values)


def project_group_row(plan_id: int, g: ProjectGroup) -> dict[str, Any]:
    return {"plan_id": plan_id, "code": g.code, "name": g.name, "level": g.level.value, "region": g.region,
            "project_count": g.project_count, "new_start_count": g.new_start_count, "annual_plan": num(g.annual_plan),
            "annual_plan_derived": g.annual_plan_derived, "annual_plan_note": g.annual_plan_note,
            "category": g.category, "sort_order": g.order, "source": source_to_json(g.source)}


def project_group_from(row: Any, year: int) -> ProjectGroup:
    return ProjectGroup(code=row.code, name=row.name, level=ProjectLevel(row.level), year=year, region=row.region,
                        project_count=row.project_count, new_start_count=row.new_start_count,
                        annual_plan=dec(row.annual_plan), annual_plan_derived=bool(row.annual_plan_derived),
                        annual_plan_note=row.annual_plan_note, category=row.category, order=row.sort_order,
                        source=source_from_json(row.source))


def project_row(plan_id: int, p: Project) -> dict[str, Any]:
    return {"plan_id": plan_id, "code": p.code, "name": p.name, "level": p.level.value, "region": p.region,
            "group_code": p.group, "category": p.category, "total_investment": num(p.total_investment),
            "annual_plan": num(p.annual_plan), "new_start": p.new_start, "started": p.started, "town": p.town,
            "department": p.department, "source": source_to_json(p.source)}


def project_from(row: Any, year: int) -> Project:
    return Project(code=row.code, name=row.name, level=ProjectLevel(row.level), year=year, region=row.region,
                   group=row.group_code, category=row.category, total_investment=dec(row.total_investment),
                   annual_plan=dec(row.annual_plan), new_start=bool(row.new_start), started=row.started,
                   town=row.town, department=row.department, source=source_from_json(row.source))


def progress_row(plan_id: int, p: ProjectProgress) -> dict[str, Any]:
    return {"plan_id": plan_id, "subject": p.subject, "period": p.period.code, "is_group": p.is_group,
            "completed_investment": num(p.completed_investment), "stated_completion": num(p.stated_completion),
            "new_starts_started": p.new_starts_started, "all_new_starts_started": p.all_new_starts_started,
            "stated_start_rate": num(p.stated_start_rate), "source": source_to_json(p.source)}


def progress_from(row: Any) -> ProjectProgress:
    return ProjectProgress(subject=row.subject, is_group=bool(row.is_group), period=Period.parse(row.period),
                           completed_investment=dec(row.completed_investment),
                           stated_completion=dec(row.stated_completion), new_starts_started=row.new_starts_started,
                           all_new_starts_started=bool(row.all_new_starts_started),
                           stated_start_rate=dec(row.stated_start_rate), source=source_from_json(row.source))


def task_group_row(plan_id: int, g: TaskGroup) -> dict[str, Any]:
    return {"plan_id": plan_id, "code": g.code, "name": g.name, "region": g.region, "count": g.count,
            "kind": g.kind, "sort_order": g.order, "note": g.note, "source": source_to_json(g.source),
            "category": g.category, "phrase": g.phrase}


def task_group_from(row: Any, year: int) -> TaskGroup:
    return TaskGroup(code=row.code, name=row.name, year=year, region=row.region, count=row.count, kind=row.kind,
                     order=row.sort_order, note=row.note, source=source_from_json(row.source),
                     category=row.category, phrase=row.phrase)


def task_row(plan_id: int, t: Task) -> dict[str, Any]:
    return {"plan_id": plan_id, "code": t.code, "group_code": t.group, "title": t.title,
            "department": t.department, "status": t.status.value, "progress_note": t.progress_note,
            "source": source_to_json(t.source)}


def task_from(row: Any) -> Task:
    return Task(code=row.code, group=row.group_code, title=row.title, department=row.department,
                status=TaskStatus(row.status), progress_note=row.progress_note, source=source_from_json(row.source))
