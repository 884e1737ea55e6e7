"""The check use case: the arithmetic audit of a report file (``planwatch check``).

Reads the file, extracts its facts (planwatch.extract), and recomputes every claim it can
(:mod:`planwatch.analyze.audit`). With a region or period the stated figures are also compared
with the store: each fact is matched to a plan indicator by the ingest rule
(:mod:`planwatch.ingest.matching`) and 占年度计划 claims find their annual amount in the plan's
project groups or level targets.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from planwatch.analyze.audit import AuditResult, PlanAmount, Reference, StoredFigure, audit_facts
from planwatch.analyze.audit import audit_as_dict as audit_as_dict  # (for the shells)
from planwatch.extract import extract_facts, read_text
from planwatch.model.fact import Fact
from planwatch.store import Database


@dataclass(frozen=True)
class CheckReport:
    path: Path
    text: str
    facts: tuple[Fact, ...]
    result: AuditResult
    region: str | None = None
    period: str | None = None


def reference_for(db: Database, facts: list[Fact], *, region: str | None, period: str | None) -> Reference:
    """Store data for the facts: matched indicators with their observation and target, and the
    annual plan amounts that 占年度计划 claims refer to."""
    from planwatch.ingest.matching import IndicatorIndex, normalise_name
    from planwatch.services.plans import select

    selection = select(db, region=region, period=period)
    plan = selection.plan
    index = IndicatorIndex(plan.indicators)
    observations = {o.indicator: o for o in plan.observations
                    if o.region == selection.region.code and o.period == selection.period}
    targets = {t.indicator: t for t in plan.targets if t.region == selection.region.code}
    figures: dict[int, StoredFigure] = {}
    amounts: dict[int, PlanAmount] = {}
    groups = [g for g in plan.project_groups if g.region == selection.region.code]
    for i, fact in enumerate(facts):
        indicator, _ = index.match(fact)
        if indicator is not None:
            figures[i] = StoredFigure(indicator, observations.get(indicator.code), targets.get(indicator.code))
        if fact.plan_completion is None:
            continue
        name = normalise_name(fact.indicator)
        group = next((g for g in groups if normalise_name(g.name) in name and g.annual_plan is not None), None)
        if group is not None and group.annual_plan is not None:
            amounts[i] = PlanAmount(group.name, group.annual_plan, "亿元", group.annual_plan_derived,
                                    group.annual_plan_note)
        elif indicator is not None:
            target = targets.get(indicator.code)
            if target is not None and target.level is not None and target.level.value:
                amounts[i] = PlanAmount(indicator.name, target.level.value, target.level.unit)
    return Reference(selection.period, figures, amounts)


def check_report(path: Path, *, db: Database | None = None, region: str | None = None,
                 period: str | None = None) -> CheckReport:
    """Audit the arithmetic of the report at ``path`` (.txt/.docx/.pdf/.html); with
    ``region``/``period`` (and ``db``) also compare its figures with the store."""
    path = Path(path)
    return check_text(read_text(path), db=db, region=region, period=period, path=path)


def check_text(text: str, *, db: Database | None = None, region: str | None = None,
               period: str | None = None, path: Path | None = None) -> CheckReport:
    """Audit a report text already in hand (pasted or uploaded); see :func:`check_report`."""
    facts = extract_facts(text)
    reference = None
    if db is not None and (region or period):
        reference = reference_for(db, facts, region=region, period=period)
    result = audit_facts(text, facts, reference=reference)
    return CheckReport(path or Path("（粘贴的文本）"), text, tuple(facts), result, region, period)
