"""Reading and writing plans. Writes are upserts keyed on natural keys, so loading the same
files twice changes nothing; every write function runs inside the caller's transaction."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Table, select

from planwatch.model import Document, Observation, Period, Plan, ProjectProgress, Region
from planwatch.store import bulk, rows, tables
from planwatch.store import materials as material_rows
from planwatch.store.queries import touch_changes


@dataclass
class Change:
    """One row written: ``old`` is None for an insert."""

    table: str
    key: tuple[Any, ...]
    old: dict[str, Any] | None
    new: dict[str, Any]


@dataclass
class ChangeSet:
    """What a write did, per table: inserted, updated, unchanged counts and the changes themselves.

    ``keep`` bounds how many changes are kept (None: all — a single write hands all of its changes
    to the audit writer). A streaming load keeps its counts and only the first ``keep`` changes
    (for display); each chunk's own changes go to the audit trail and are dropped."""

    inserted: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    unchanged: dict[str, int] = field(default_factory=dict)
    changes: list[Change] = field(default_factory=list)
    keep: int | None = None

    def count(self, kind: str) -> int:
        return sum(getattr(self, kind).values())

    def count_one(self, kind: str, table: str, change: Change | None = None) -> None:
        """One row of ``table`` inserted, updated or unchanged (with its change, when it is one)."""
        counts = getattr(self, kind)
        counts[table] = counts.get(table, 0) + 1
        if change is not None and (self.keep is None or len(self.changes) < self.keep):
            self.changes.append(change)

    @property
    def is_empty(self) -> bool:
        return not self.inserted and not self.updated

    def merge(self, other: ChangeSet) -> None:
        for kind in ("inserted", "updated", "unchanged"):
            mine = getattr(self, kind)
            for table, n in getattr(other, kind).items():
                mine[table] = mine.get(table, 0) + n
        room = len(other.changes) if self.keep is None else max(0, self.keep - len(self.changes))
        self.changes.extend(other.changes[:room])


def _upsert(conn: Connection, table: Table, key_columns: Sequence[str], new_rows: Iterable[dict[str, Any]],
            changes: ChangeSet, *, scope: dict[str, Any] | None = None, stamp: str | None = None,
            existing: dict[tuple[Any, ...], dict[str, Any]] | None = None) -> None:
    """Insert new keys, update changed rows, leave identical rows alone. The stored rows to compare
    with are ``existing`` when given (by key), else the scope's rows read in one query; inserts go
    through store.bulk (COPY / raw executemany), updates in batches (executemany)."""
    new_rows = list(new_rows)
    if not new_rows:
        return
    compare = [c for c in new_rows[0] if c not in key_columns]
    if existing is None:
        existing = _existing(conn, table, key_columns, scope)
    stamped = {stamp: datetime.now(UTC)} if stamp else {}
    inserts: list[dict[str, Any]] = []
    updates: list[dict[str, Any]] = []
    for row in new_rows:
        key = tuple(row[c] for c in key_columns)
        old = existing.get(key)
        if old is None:
            inserts.append(row | stamped)
            changes.count_one("inserted", table.name, Change(table.name, key, None, row))
        elif any(old.get(c) != row[c] for c in compare):
            updates.append({c: row[c] for c in compare} | stamped | {f"key_{c}": row[c] for c in key_columns})
            changes.count_one("updated", table.name, Change(table.name, key, {c: old.get(c) for c in compare}, row))
        else:
            changes.count_one("unchanged", table.name)
    bulk.insert_rows(conn, table, inserts)
    bulk.update_rows(conn, table, key_columns, updates)


def _existing(conn: Connection, table: Table, key_columns: Sequence[str],
              scope: dict[str, Any] | None) -> dict[tuple[Any, ...], dict[str, Any]]:
    """The scope's stored rows by key, read in one query."""
    query = select(table)
    for column, value in (scope or {}).items():
        query = query.where(table.c[column] == value)
    return {tuple(r._mapping[c] for c in key_columns): dict(r._mapping) for r in conn.execute(query)}


def _existing_observations(conn: Connection, plan_id: int, new_rows: Sequence[dict[str, Any]]
                           ) -> dict[tuple[Any, ...], dict[str, Any]]:
    """The stored observations that share a (region, period) with ``new_rows``, by key: one
    indexed query per region (``region = … AND period IN …`` on ix_observations_plan_region_period),
    never the whole plan. (A row-value ``(region, period) IN (…)``, or ``region IN (…)``, lets
    PostgreSQL's planner filter all of the plan's rows while a first load's statistics still say
    the table is empty: per chunk, that is a scan of everything loaded so far.)"""
    t = tables.observations
    periods_of: dict[str, set[str]] = {}
    for new in new_rows:
        periods_of.setdefault(new["region"], set()).add(new["period"])
    out: dict[tuple[Any, ...], dict[str, Any]] = {}
    for region, periods in periods_of.items():
        query = select(t).where(t.c.plan_id == plan_id, t.c.region == region, t.c.period.in_(sorted(periods)))
        for r in conn.execute(query):
            m = r._mapping
            out[(m["plan_id"], m["indicator"], m["region"], m["period"])] = dict(m)
    return out


def save_regions(conn: Connection, regions: Iterable[Region], changes: ChangeSet) -> None:
    _upsert(conn, tables.regions, ["code"], (rows.region_row(r) for r in regions), changes)


def save_documents(conn: Connection, documents: Iterable[Document], changes: ChangeSet) -> None:
    _upsert(conn, tables.documents, ["code"], (rows.document_row(d) for d in documents), changes)


def plan_id_for(conn: Connection, region: str, year: int) -> int | None:
    row = conn.execute(select(tables.plans.c.id).where(
        tables.plans.c.region == region, tables.plans.c.year == year)).first()
    return None if row is None else int(row.id)


def save_plan(conn: Connection, plan: Plan) -> tuple[int, ChangeSet]:
    """Upsert a whole plan (header, regions, documents, indicators, targets, projects, tasks,
    materials, observations). Returns the plan id and what changed."""
    changes = ChangeSet()
    save_regions(conn, plan.regions, changes)
    save_documents(conn, plan.documents, changes)
    header = {"region": plan.region, "year": plan.year, "title": plan.title,
              "categories": list(plan.categories), "departments": list(plan.departments)}
    _upsert(conn, tables.plans, ["region", "year"], [header], changes)
    plan_id = plan_id_for(conn, plan.region, plan.year)
    assert plan_id is not None  # just written in this transaction
    scope = {"plan_id": plan_id}
    writers: list[tuple[Table, list[str], Iterable[Any], Callable[[int, Any], dict[str, Any]]]] = [
        (tables.indicators, ["plan_id", "code"], plan.indicators, rows.indicator_row),
        (tables.targets, ["plan_id", "indicator", "region"], plan.targets, rows.target_row),
        (tables.project_groups, ["plan_id", "code"], plan.project_groups, rows.project_group_row),
        (tables.projects, ["plan_id", "code"], plan.projects, rows.project_row),
        (tables.project_progress, ["plan_id", "subject", "period"], plan.project_progress, rows.progress_row),
        (tables.task_groups, ["plan_id", "code"], plan.task_groups, rows.task_group_row),
        (tables.tasks, ["plan_id", "code"], plan.tasks, rows.task_row),
        (tables.materials, ["plan_id", "code"], plan.materials, material_rows.declared_row),
    ]
    for table, keys, items, to_row in writers:
        _upsert(conn, table, keys, (to_row(plan_id, item) for item in items), changes, scope=scope)
    touch_changes(conn, plan_id, changes)   # the cache versions of what changed (store/queries.py)
    changes.merge(save_observations(conn, plan_id, plan.observations))
    return plan_id, changes


def save_project_progress(conn: Connection, plan_id: int, progress: Iterable[ProjectProgress]) -> ChangeSet:
    """Upsert project and group progress keyed on (subject, period) (ingest of a report's 重点项目 figures)."""
    changes = ChangeSet()
    _upsert(conn, tables.project_progress, ["plan_id", "subject", "period"],
            (rows.progress_row(plan_id, item) for item in progress), changes, scope={"plan_id": plan_id})
    touch_changes(conn, plan_id, changes)
    return changes


def save_observations(conn: Connection, plan_id: int, observations: Iterable[Observation]) -> ChangeSet:
    """Upsert observations keyed on (indicator, region, period); returns the changes (old → new)
    so that callers can write them to the audit trail in the same transaction. The stored rows
    compared with are those of the same (region, period) pairs only (indexed), so a caller that
    writes a large load in chunks reads per chunk, never the whole plan."""
    changes = ChangeSet()
    new_rows = [rows.observation_row(plan_id, o) for o in observations]
    if new_rows:
        _upsert(conn, tables.observations, ["plan_id", "indicator", "region", "period"], new_rows, changes,
                stamp="updated_at", existing=_existing_observations(conn, plan_id, new_rows))
    touch_changes(conn, plan_id, changes)   # per call: a chunked load touches per chunk
    return changes


# ---------------------------------------------------------------------------- reads
@dataclass(frozen=True)
class PlanRef:
    id: int
    region: str
    region_name: str
    year: int
    title: str


def list_plans(conn: Connection) -> list[PlanRef]:
    p, r = tables.plans, tables.regions
    query = select(p.c.id, p.c.region, r.c.name, p.c.year, p.c.title).join(r, r.c.code == p.c.region)
    return [PlanRef(row.id, row.region, row.name, row.year, row.title)
            for row in conn.execute(query.order_by(p.c.year.desc(), p.c.region))]


def read_regions(conn: Connection) -> list[Region]:
    return [rows.region_from(r) for r in conn.execute(select(tables.regions).order_by(tables.regions.c.code))]


def read_document(conn: Connection, code: str) -> Document | None:
    row = conn.execute(select(tables.documents).where(tables.documents.c.code == code)).first()
    return None if row is None else rows.document_from(row)


def read_plan(conn: Connection, plan_id: int, *, with_observations: bool = True, region: str | None = None) -> Plan:
    """The whole plan as model objects (documents are not included: read them by code). With
    ``region``, only that region's targets, observations and materials (what its status and report
    need; indexed). ``with_observations`` False leaves out the observations and the materials."""
    header = conn.execute(select(tables.plans).where(tables.plans.c.id == plan_id)).one()
    year = header.year

    def fetch(table: Table, *order: str) -> list[Any]:
        query = select(table).where(table.c.plan_id == plan_id)
        if region is not None and table in (tables.targets, tables.observations, tables.materials):
            query = query.where(table.c.region == region)
        return list(conn.execute(query.order_by(*(table.c[o] for o in order))))

    return Plan(
        region=header.region, year=year, title=header.title,
        regions=tuple(read_regions(conn)),
        categories=tuple(header.categories or ()), departments=tuple(header.departments or ()),
        indicators=tuple(rows.indicator_from(r) for r in fetch(tables.indicators, "sort_order", "code")),
        targets=tuple(rows.target_from(r, year) for r in fetch(tables.targets, "indicator", "region")),
        project_groups=tuple(rows.project_group_from(r, year) for r in fetch(tables.project_groups, "sort_order", "code")),
        projects=tuple(rows.project_from(r, year) for r in fetch(tables.projects, "code")),
        project_progress=tuple(rows.progress_from(r) for r in fetch(tables.project_progress, "subject", "period")),
        task_groups=tuple(rows.task_group_from(r, year) for r in fetch(tables.task_groups, "sort_order", "code")),
        tasks=tuple(rows.task_from(r) for r in fetch(tables.tasks, "code")),
        observations=tuple(rows.observation_from(r) for r in fetch(tables.observations, "id"))
        if with_observations else (),
        materials=tuple(material_rows.material_from(r) for r in fetch(tables.materials, "sort_order", "code"))
        if with_observations else (),
    )


def observation_periods(conn: Connection, plan_id: int, *, region: str | None = None) -> set[Period]:
    """The periods the plan (or one region of it) has observations for, without reading them."""
    t = tables.observations
    query = select(t.c.period).where(t.c.plan_id == plan_id).distinct()
    if region:
        query = query.where(t.c.region == region)
    return {rows.period_from(code) for (code,) in conn.execute(query)}


def read_observations(conn: Connection, plan_id: int, *, region: str | None = None,
                      period: str | None = None, indicator: str | None = None) -> list[Observation]:
    t = tables.observations
    query = select(t).where(t.c.plan_id == plan_id)
    if region:
        query = query.where(t.c.region == region)
    if period:
        query = query.where(t.c.period == period)
    if indicator:
        query = query.where(t.c.indicator == indicator)
    return [rows.observation_from(r) for r in conn.execute(query.order_by(t.c.id))]
