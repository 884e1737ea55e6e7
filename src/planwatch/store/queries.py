"""Indexed reads for one region's status, the roll-ups of a region's children computed in SQL, and
the per-region data versions the web's cache keys on.

**Versions.** Every write raises, in its own transaction, the counter of each scope it wrote
(:func:`touch`; table ``region_versions``, migration 0010): ``(plan, region, period)`` for
observations, ``(plan, region, '')`` for a region's targets and materials, ``(plan, '', '')`` for
the plan's own content (header, indicators, projects, tasks …), ``(0, '', '')`` for everything
(regions, documents). Every touch also raises ``(0, '*', '')``, the version of "any data", for the
views that read every region. A transaction that writes a data table without naming its scope
raises ``(0, '', '')`` when it commits (:func:`settle`, called by ``Database.transaction``), so a
writer that does not touch (materials, a restore) makes every cached view stale — never wrong.

**Roll-ups.** :func:`children_sums` and :func:`children_pair_sums` sum the values of a region's
direct children in one GROUP BY each; numbers are stored as text, so PostgreSQL sums them as
NUMERIC and SQLite with ``dsum`` (an exact decimal aggregate registered on every SQLite
connection): both answer the same, to the digit.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, Numeric, and_, cast, func, literal_column, select
from sqlalchemy.dialects import postgresql, sqlite

from planwatch.model import Observation, Plan, Target
from planwatch.store import rows, tables

EVERYTHING = (0, "", "")            # (plan, region, period): every view is stale
ANY_DATA = (0, "*", "")             # raised by every touch: the views that read every region
#: the tables whose rows a view can show; a write to any other (users, sessions, audit, workflow
#: states) leaves every cached view valid
DATA_TABLES = frozenset({
    "observations", "targets", "indicators", "plans", "regions", "documents", "projects", "project_groups",
    "project_progress", "tasks", "task_groups", "materials",
})
_PLAN_WIDE = {"plans", "indicators", "projects", "project_groups", "project_progress", "tasks", "task_groups"}
_WRITE = re.compile(r"\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+\"?(\w+)", re.IGNORECASE)
_WRITTEN, _TOUCHED = "planwatch_written", "planwatch_touched"

Scope = tuple[str | None, str | None]   # (region, period); None = every region / every period


# ----------------------------------------------------------------------------- versions
def touch(conn: Connection, plan_id: int | None, scopes: Iterable[Scope], written: Iterable[str] = ()) -> None:
    """Raise the version of each (region, period) of ``plan_id`` (None: everything) that this
    transaction wrote to the tables ``written``; call it from the writer, inside its transaction."""
    keys = {(plan_id or 0, region or "", period or "") for region, period in scopes}
    covered: set[str] = conn.info.setdefault(_TOUCHED, set())
    covered.update(DATA_TABLES if plan_id is None else written)
    if plan_id is None:
        keys = {EVERYTHING}
    if not keys:
        return
    keys.add(ANY_DATA)
    t = tables.region_versions
    dialect = sqlite if conn.dialect.name == "sqlite" else postgresql
    statement = dialect.insert(t)
    statement = statement.on_conflict_do_update(index_elements=[t.c.region, t.c.period, t.c.plan_id],
                                                set_={"n": t.c.n + 1})
    conn.execute(statement, [{"plan_id": p, "region": r, "period": q, "n": 1} for p, r, q in sorted(keys)])


def touch_changes(conn: Connection, plan_id: int, changes: Any) -> None:
    """:func:`touch` for what a :class:`~planwatch.store.ChangeSet` wrote: observations by region
    and period, targets and materials by region, regions and documents everywhere, the rest plan-wide."""
    scopes: set[Scope] = set()
    everything = False
    for change in changes.changes:
        if change.table == "observations":
            scopes.add((change.key[2], change.key[3]))
        elif change.table == "targets":
            scopes.add((change.key[2], None))
        elif change.table == "materials":
            scopes.add((change.new.get("region"), None))
        elif change.table in _PLAN_WIDE:
            scopes.add((None, None))
        else:
            everything = True
    if everything:
        touch(conn, None, [(None, None)])
    if scopes:
        touch(conn, plan_id, scopes, {change.table for change in changes.changes})


def note_write(conn: Connection, statement: str) -> None:
    """Remember which tables this connection's transaction writes (an engine event calls it)."""
    found = _WRITE.match(statement)
    if found and found.group(1).lower() in DATA_TABLES:
        conn.info.setdefault(_WRITTEN, set()).add(found.group(1).lower())


def begin_writes(conn: Connection) -> None:
    conn.info.pop(_WRITTEN, None)
    conn.info.pop(_TOUCHED, None)


def settle(conn: Connection) -> None:
    """Before commit: a data table written and not covered by a :func:`touch` makes everything stale."""
    if conn.info.get(_WRITTEN, set()) - conn.info.get(_TOUCHED, set()):
        touch(conn, None, [(None, None)])
    begin_writes(conn)


def versions(conn: Connection, regions: Sequence[str]) -> tuple[tuple[int, str, str, int], ...]:
    """The version rows of the plans' own content and of ``regions`` (every plan, every period), in
    one indexed query: a view that read those regions is valid while this tuple is unchanged."""
    t = tables.region_versions
    query = select(t.c.plan_id, t.c.region, t.c.period, t.c.n).where(t.c.region.in_(["", *regions]))
    return tuple(sorted((int(r.plan_id), r.region, r.period, int(r.n)) for r in conn.execute(query)))


def any_version(conn: Connection) -> tuple[int, int]:
    """(everything, any data): changes with every write (for views that read every region)."""
    t = tables.region_versions
    query = select(t.c.region, t.c.n).where(t.c.plan_id == 0, t.c.period == "", t.c.region.in_(["", "*"]))
    found = {r.region: int(r.n) for r in conn.execute(query)}
    return found.get("", 0), found.get("*", 0)


# ----------------------------------------------------------------------------- one region's reads
def read_plan_frame(conn: Connection, plan_id: int) -> Plan:
    """The plan without targets, observations and materials: the small, slowly-changing part every
    region's view shares (header, regions, indicators, projects, tasks and their progress)."""
    header = conn.execute(select(tables.plans).where(tables.plans.c.id == plan_id)).one()
    year = header.year

    def fetch(table: Any, *order: str) -> list[Any]:
        return list(conn.execute(select(table).where(table.c.plan_id == plan_id)
                                 .order_by(*(table.c[o] for o in order))))

    return Plan(
        region=header.region, year=year, title=header.title, regions=tuple(rows.region_from(r) for r in conn.execute(
            select(tables.regions).order_by(tables.regions.c.code))),
        categories=tuple(header.categories or ()), departments=tuple(header.departments or ()),
        indicators=tuple(rows.indicator_from(r) for r in fetch(tables.indicators, "sort_order", "code")),
        project_groups=tuple(rows.project_group_from(r, year) for r in fetch(tables.project_groups, "sort_order", "code")),
        projects=tuple(rows.project_from(r, year) for r in fetch(tables.projects, "code")),
        project_progress=tuple(rows.progress_from(r) for r in fetch(tables.project_progress, "subject", "period")),
        task_groups=tuple(rows.task_group_from(r, year) for r in fetch(tables.task_groups, "sort_order", "code")),
        tasks=tuple(rows.task_from(r) for r in fetch(tables.tasks, "code")),
    )


def read_region_targets(conn: Connection, plan_id: int, year: int, region: str) -> tuple[Target, ...]:
    t = tables.targets
    # ordered by an expression, not the column: SQLite (no ANALYZE statistics) would otherwise walk
    # the primary key (plan_id, indicator, region) through every region of the plan to avoid a
    # sort, instead of taking the region's ~60 rows by ix_targets_plan_region and sorting them
    query = (select(t).where(t.c.plan_id == plan_id, t.c.region == region)
             .order_by(t.c.indicator.op("||")(literal_column("''"))))
    return tuple(rows.target_from(r, year) for r in conn.execute(query))


def read_region_observations(conn: Connection, plan_id: int, region: str,
                             periods: Iterable[str] | None = None) -> tuple[Observation, ...]:
    """The region's observations in ``plan_id`` (only ``periods`` when given), by the index
    (plan, region, period)."""
    t = tables.observations
    query = select(t).where(t.c.plan_id == plan_id, t.c.region == region)
    if periods is not None:
        wanted = sorted(set(periods))
        if not wanted:
            return ()
        query = query.where(t.c.period.in_(wanted))
    return tuple(rows.observation_from(r) for r in conn.execute(query.order_by(t.c.id)))


def region_periods(conn: Connection, plan_ids: Sequence[int], region: str) -> dict[int, set[str]]:
    """The period codes ``region`` has observations for, per plan (an index-only DISTINCT)."""
    if not plan_ids:
        return {}
    t = tables.observations
    query = (select(t.c.plan_id, t.c.period).where(t.c.plan_id.in_(list(plan_ids)), t.c.region == region)
             .distinct())
    out: dict[int, set[str]] = {p: set() for p in plan_ids}
    for row in conn.execute(query):
        out[int(row.plan_id)].add(row.period)
    return out


# ----------------------------------------------------------------------------- roll-ups in SQL
@dataclass(frozen=True)
class GroupSum:
    """The children's values of one indicator in one unit: how many report, and their sum."""

    indicator: str
    unit: str | None
    reporting: int
    total: Decimal


@dataclass(frozen=True)
class PairSum:
    """Children reporting both the period and the same period a year earlier (their sums, in the units given)."""

    indicator: str
    unit: str | None
    previous_unit: str | None
    reporting: int
    total: Decimal
    previous_total: Decimal


def _sum(conn: Connection, column: Any) -> Any:
    if conn.dialect.name == "sqlite":
        return func.dsum(column)        # exact decimal sum, registered on every SQLite connection
    return func.sum(cast(column, Numeric))


def _decimal(value: Any) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value))


def _children(parent: str) -> Any:
    """The codes of ``parent``'s direct children, as a subquery: the observations are then found
    by their index (plan, region, period), one child at a time, not by scanning the plan. (Grouped
    by indicator first, SQLite — without statistics — would rather walk the unique key (plan,
    indicator, …) of the whole plan for its order; so the roll-ups group by unit first.)"""
    return select(tables.regions.c.code).where(tables.regions.c.parent == parent)


def children_sums(conn: Connection, plan_id: int, parent: str, period: str,
                  indicators: Sequence[str] | None = None) -> list[GroupSum]:
    """Per indicator and unit: the number of ``parent``'s direct children with a value for
    ``period`` and the sum of those values — one GROUP BY over the children's rows."""
    o = tables.observations
    query = (select(o.c.indicator, o.c.unit, func.count().label("n"), _sum(conn, o.c.value).label("total"))
             .where(o.c.plan_id == plan_id, o.c.region.in_(_children(parent)), o.c.period == period,
                    o.c.value.is_not(None))
             .group_by(o.c.unit, o.c.indicator))           # unit first: see _children
    if indicators is not None:
        query = query.where(o.c.indicator.in_(list(indicators)))
    return [GroupSum(row.indicator, row.unit, int(row.n), _decimal(row.total)) for row in conn.execute(query)]


def children_pair_sums(conn: Connection, plan_id: int, previous_plan_id: int, parent: str, period: str,
                       previous_period: str, indicators: Sequence[str] | None = None) -> list[PairSum]:
    """Per indicator (and the two units): the children with a value both for ``period`` (in
    ``plan_id``) and for ``previous_period`` (in ``previous_plan_id``), and the two sums — one GROUP BY."""
    o = tables.observations
    p = o.alias("previous")
    query = (select(o.c.indicator, o.c.unit, p.c.unit.label("previous_unit"), func.count().label("n"),
                    _sum(conn, o.c.value).label("total"), _sum(conn, p.c.value).label("previous_total"))
             .join(p, and_(p.c.plan_id == previous_plan_id, p.c.indicator == o.c.indicator,
                           p.c.region == o.c.region, p.c.period == previous_period))
             .where(o.c.plan_id == plan_id, o.c.region.in_(_children(parent)), o.c.period == period,
                    o.c.value.is_not(None), p.c.value.is_not(None))
             .group_by(o.c.unit, p.c.unit, o.c.indicator))
    if indicators is not None:
        query = query.where(o.c.indicator.in_(list(indicators)))
    return [PairSum(row.indicator, row.unit, row.previous_unit, int(row.n), _decimal(row.total),
                    _decimal(row.previous_total)) for row in conn.execute(query)]


class DecimalSum:
    """SQLite aggregate ``dsum(text)``: the exact sum of decimal numbers stored as text (None when
    no row has one), returned as text so that no binary float ever holds it."""

    def __init__(self) -> None:
        self.total: Decimal | None = None

    def step(self, value: Any) -> None:
        if value is None:
            return
        number = Decimal(str(value))
        self.total = number if self.total is None else self.total + number

    def finalize(self) -> str | None:
        return None if self.total is None else str(self.total)
