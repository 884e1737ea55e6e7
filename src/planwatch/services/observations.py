"""Use case: ingest a report text — extract its facts, map them to the plan's indicators, and
store the observations with their source spans (all or nothing)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from planwatch.errors import InputError, Location, Problem
from planwatch.ingest.matching import MatchResult, ReportContext, match_facts
from planwatch.model import Document
from planwatch.model.limits import DOCUMENT, text_problem
from planwatch.model.observation import FIELDS, field_problems, period_problem
from planwatch.services.plans import Selection, select
from planwatch.store import ChangeSet, Database, save_observations
from planwatch.store.plans import save_documents


@dataclass
class IngestResult:
    selection: Selection
    document: Document
    matches: MatchResult
    changes: ChangeSet | None      # None on a dry run


def document_for(path: Path, text: str, code: str | None = None) -> Document:
    """A stored document for ``text``: its code from the file name, its title from the first line."""
    first_line = next((line.strip() for line in text.splitlines() if line.strip()), path.stem)
    return Document(code or path.stem, first_line[:300], text, kind="报告")


def _refuse_invalid(name: str, selection: Selection, document: Document, matches: MatchResult) -> None:
    """The rules every door applies (model.limits, model.observation.field_problems), before the
    database sees anything: a number too large or too precise read from the text, a control
    character, a period outside the plan year."""
    problems = []
    if problem := text_problem(document.text, DOCUMENT):
        problems.append(Problem(f"文本{problem}", Location(file=name)))
    if problem := period_problem(selection.period, selection.plan.year):
        problems.append(Problem(problem, Location(file=name)))
    indicators = {i.code: i for i in selection.plan.indicators}
    for obs in matches.observations:
        values = {f.name: getattr(obs, f.name) for f in FIELDS}
        for found in field_problems(values, indicators.get(obs.indicator)):
            span = obs.source.spans.get(found.field) if obs.source else None
            line = document.text.count("\n", 0, span[0]) + 1 if span else None
            problems.append(Problem(found.message, Location(file=name, line=line, field=obs.indicator), code=found.code))
    if problems:
        raise InputError(f"报告中有 {len(problems)} 处数据不能写入，未写入任何数据", problems=problems)


def ingest_text(db: Database, path: Path, *, region: str, period: str, dry_run: bool = False,
                document_code: str | None = None, user: str | None = None) -> IngestResult:
    from planwatch.extract import extract_facts, read_text
    from planwatch.extract.targets import target_zones

    selection = select(db, region=region, period=period)
    text = read_text(path)
    document = document_for(Path(path), text, document_code)
    facts = extract_facts(text)
    plan = selection.plan
    context = ReportContext(text, tuple(target_zones(text)),
                            tuple(g for g in plan.project_groups if g.region == selection.region.code),
                            tuple(p for p in plan.projects if p.region == selection.region.code))
    matches = match_facts(facts, plan.indicators, region=selection.region.code,
                          period=selection.period, document=document.code, context=context)
    _refuse_invalid(Path(path).name, selection, document, matches)
    if dry_run:
        return IngestResult(selection, document, matches, None)
    from planwatch.services.locks import ensure_unlocked
    from planwatch.services.plans import current_os_user
    from planwatch.store.collect import audit_observation_changes, audit_plan_changes
    from planwatch.store.plans import save_project_progress

    with db.transaction() as conn:
        ensure_unlocked(conn, selection.plan_id, selection.region.code, selection.period)
        changes = ChangeSet()
        save_documents(conn, [document], changes)
        changes.merge(save_observations(conn, selection.plan_id, matches.observations))
        progress = save_project_progress(conn, selection.plan_id, matches.progress)
        changes.merge(progress)
        reason = f"从报告文本导入 {Path(path).name}"
        audit_observation_changes(conn, changes.changes, user=user or current_os_user(), reason=reason)
        audit_plan_changes(conn, progress.changes, user=user or current_os_user(), reason=reason)
    return IngestResult(selection, document, matches, changes)
