"""Use case: ingest a report text — extract its facts, map them to the plan's indicators, and
store the observations with their source spans (all or nothing)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from planwatch.ingest.matching import MatchResult, match_facts
from planwatch.model import Document
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


def ingest_text(db: Database, path: Path, *, region: str, period: str, dry_run: bool = False,
                document_code: str | None = None, user: str | None = None) -> IngestResult:
    from planwatch.extract import extract_facts, read_text

    selection = select(db, region=region, period=period)
    text = read_text(path)
    document = document_for(Path(path), text, document_code)
    facts = extract_facts(text)
    matches = match_facts(facts, selection.plan.indicators, region=selection.region.code,
                          period=selection.period, document=document.code)
    if dry_run:
        return IngestResult(selection, document, matches, None)
    from planwatch.services.locks import ensure_unlocked
    from planwatch.services.plans import current_os_user
    from planwatch.store.collect import audit_observation_changes

    with db.transaction() as conn:
        ensure_unlocked(conn, selection.plan_id, selection.region.code, selection.period)
        changes = ChangeSet()
        save_documents(conn, [document], changes)
        changes.merge(save_observations(conn, selection.plan_id, matches.observations))
        audit_observation_changes(conn, changes.changes, user=user or current_os_user(),
                                  reason=f"从报告文本导入 {Path(path).name}")
    return IngestResult(selection, document, matches, changes)
