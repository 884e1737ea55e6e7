"""Use cases around plans: load plan files, find the plan and period a request means."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from itertools import chain
from pathlib import Path

from planwatch.analyze.status import periods_read
from planwatch.errors import InputError, NotFound
from planwatch.model import Observation, Period, PeriodError, Plan, Region, RegionTree
from planwatch.services.locks import ensure_unlocked
from planwatch.store import (
    ChangeSet,
    Connection,
    Database,
    PlanRef,
    list_plans,
    observation_periods,
    queries,
    read_regions,
    save_observations,
    save_plan,
)
from planwatch.store import read_plan as read_stored_plan
from planwatch.store.materials import read_materials


@dataclass(frozen=True)
class LoadResult:
    plan_id: int
    region: str
    year: int
    title: str
    changes: ChangeSet      # counts of every row; the first SHOWN_CHANGES changes themselves


#: Observations validated, written and audited per chunk of a load (memory is bounded by this).
CHUNK_ROWS = 10_000
#: Changes a load result keeps for display (all are counted and audited).
SHOWN_CHANGES = 200
#: Progress callback: (observations done, observations in all, or None when unknown).
Progress = Callable[[int, int | None], None]


def load_plan(db: Database, path: Path, *, user: str | None = None, chunk_rows: int = CHUNK_ROWS,
              progress: Progress | None = None) -> LoadResult:
    """Validate the plan files at ``path`` and write them in one transaction (nothing on error).

    The YAML sections are read and validated first; then the observations (YAML, then the
    ``observations*.csv`` files) are streamed in chunks of ``chunk_rows``: each chunk validated,
    upserted (stored rows looked up by the chunk's regions and periods) and audited in the same
    transaction. Any problem anywhere stops the writing, the rest is still validated, and the
    whole load is refused listing the problems (capped). Observations or materials for a locked
    period refuse the whole load; every row written (indicators, targets, projects, tasks,
    observations, …) is audited, old → new. ``progress`` hears (done, total) after every chunk."""
    from planwatch.ingest.plan_file import open_plan
    from planwatch.store.collect import audit_observation_changes, audit_plan_changes

    source = open_plan(Path(path))
    plan = source.plan
    total = source.count() if progress is not None else None
    who, why = user or current_os_user(), f"载入计划文件 {Path(path).name}"
    shown = ChangeSet(keep=SHOWN_CHANGES)
    with db.transaction() as conn:
        plan_id, changes = save_plan(conn, replace(plan, observations=()))
        locks = _LockCheck(conn, plan_id)
        for material in plan.materials:
            locks.check(material.region, material.period)
        audit_plan_changes(conn, changes.changes, user=who, reason=why)
        shown.merge(changes)
        done = 0
        for chunk in _chunks(chain(plan.observations, source.observations()), chunk_rows):
            done += len(chunk)
            if not source.problems:      # after the first problem: validate the rest, write nothing
                for obs in chunk:
                    locks.check(obs.region, obs.period)
                written = save_observations(conn, plan_id, chunk)
                audit_observation_changes(conn, written.changes, user=who, reason=why)
                shown.merge(written)
            if progress is not None:
                progress(done, total)
        if source.problems:
            raise source.problems.refusal()     # rolls the transaction back
    return LoadResult(plan_id, plan.region, plan.year, plan.title, shown)


def _chunks(items: Iterable[Observation], size: int) -> Iterator[list[Observation]]:
    chunk: list[Observation] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


class _LockCheck:
    """The lock rule (services.locks.ensure_unlocked) for every (region, period) a load writes,
    each pair checked once; when nothing of the plan is locked (the usual case) no pair needs a query."""

    def __init__(self, conn: Connection, plan_id: int) -> None:
        from planwatch.services.locks import State
        from planwatch.store.collect import read_period_states

        self.conn, self.plan_id = conn, plan_id
        self.any_locked = any(row.state == State.LOCKED.value for row in read_period_states(conn, plan_id))
        self.checked: set[tuple[str, str]] = set()

    def check(self, region: str, period: Period) -> None:
        if not self.any_locked or (region, period.code) in self.checked:
            return
        ensure_unlocked(self.conn, self.plan_id, region, period)
        self.checked.add((region, period.code))


def current_os_user() -> str:
    """Who runs a command-line load: the operating-system account (recorded in the audit log)."""
    import getpass

    try:
        return f"os:{getpass.getuser()}"
    except (KeyError, OSError):
        return "os:unknown"


@dataclass(frozen=True)
class Selection:
    """A plan, the region inside it and the period a command or page is about."""

    plan: Plan
    plan_id: int
    region: Region
    period: Period
    regions: RegionTree


@dataclass
class Catalog:
    """What every request shares and few writes change: the plans, the region tree and each plan's
    frame (header, indicators, projects, tasks — no targets, figures or materials). Kept per
    Database while the plans' own versions (store.queries, ``(plan, '', '')``) are unchanged, so
    that a request for a new town reads only that town's rows."""

    version: tuple[tuple[int, str, str, int], ...]
    plans: list[PlanRef]
    tree: RegionTree
    frames: dict[int, Plan] = field(default_factory=dict)

    def frame(self, conn: Connection, plan_id: int) -> Plan:
        found = self.frames.get(plan_id)
        if found is None:
            found = self.frames[plan_id] = queries.read_plan_frame(conn, plan_id)
        return found


_catalogs: dict[str, Catalog] = {}     # by database URL: a few databases per process
_CATALOGS = 8
_catalog_lock = threading.Lock()


def catalog(db: Database, conn: Connection) -> Catalog:
    """The current :class:`Catalog` of ``db`` (one small query when nothing changed), shared by
    every Database opened on the same URL. The version (which includes the database's random
    identity, migration 0010) is read before the data, so a write committed in between only makes
    the next call rebuild."""
    version = queries.versions(conn, ())
    found = _catalogs.get(db.url)
    if found is None or found.version != version:
        found = Catalog(version, list_plans(conn), RegionTree(read_regions(conn)))
        with _catalog_lock:
            _catalogs.pop(db.url, None)
            while len(_catalogs) >= _CATALOGS:
                del _catalogs[next(iter(_catalogs))]
            _catalogs[db.url] = found
    return found


def select(db: Database, *, region: str | None = None, period: str | None = None,
           with_observations: bool = True, own_region_only: bool = False, for_status: bool = False) -> Selection:
    """Resolve ``region`` (name or code; default: the plan's own region) and ``period`` (any
    written form; default: the latest period with figures for the region, else for the plan)
    to a stored plan. ``own_region_only`` reads only the region's own targets, observations (every
    period of its plan) and materials by indexed queries, on the cached plan frame, instead of the
    whole plan; ``for_status`` reads, of those observations, only the periods the status rules
    read (``analyze.status.periods_read``), and no materials (the rules read none)."""
    with db.connect() as conn:
        found = catalog(db, conn)
        if not found.plans:
            raise NotFound("数据库中还没有计划。先运行 planwatch load PATH（或 planwatch demo 载入示例）。")
        wanted_period = parse_period_or_error(period) if period else None
        candidates = [p for p in found.plans if wanted_period is None or p.year == wanted_period.year]
        plan_ref, region_obj = _match_region(found.tree, candidates or found.plans, region, wanted_period)
        if wanted_period is None:
            # the latest period the region has figures for; a town without any follows its plan
            periods = sorted(observation_periods(conn, plan_ref.id, region=region_obj.code)
                             or observation_periods(conn, plan_ref.id))
            wanted_period = periods[-1] if periods else Period.whole_year(plan_ref.year)
        if own_region_only and with_observations:
            frame = found.frame(conn, plan_ref.id)
            wanted = [p.code for p in periods_read(frame.indicators, wanted_period)] if for_status else None
            plan = replace(frame, targets=queries.read_region_targets(conn, plan_ref.id, frame.year, region_obj.code),
                           observations=queries.read_region_observations(conn, plan_ref.id, region_obj.code, wanted),
                           materials=() if for_status else tuple(read_materials(conn, plan_ref.id, region=region_obj.code)))
        else:
            plan = read_stored_plan(conn, plan_ref.id, with_observations=with_observations,
                                    region=region_obj.code if own_region_only else None)
    return Selection(plan, plan_ref.id, region_obj, wanted_period, found.tree)


def parse_period_or_error(text: str) -> Period:
    """A period as people write it, or an InputError in plain words."""
    try:
        return Period.parse(text)
    except PeriodError as exc:
        raise InputError(str(exc)) from None


def _match_region(tree: RegionTree, plans: list[PlanRef], region: str | None,
                  period: Period | None) -> tuple[PlanRef, Region]:
    if region is None:
        ref = plans[0]
        found = tree.get(ref.region)
        assert found is not None
        return ref, found
    found = tree.find(region)
    if found is None:
        names = "、".join(sorted({p.region_name for p in plans}))
        raise NotFound(f"找不到地区“{region}”（已有计划的地区：{names}）")
    lineage = {found.code, *(a.code for a in tree.ancestors(found.code))}
    for ref in plans:
        if ref.region in lineage:
            return ref, found
    year = f"{period.year}年" if period else ""
    raise NotFound(f"没有包含“{found.name}”的{year}计划")


def data_key(db: Database, region: str | None, *, children: bool = False) -> tuple[object, ...] | None:
    """The versions of what a view of ``region`` (name or code; None: the first plan's region)
    reads — the plans' own content and the region's rows in every plan and period (its children's
    too with ``children``) — in one indexed query (store.queries.versions) while the catalog is
    current. A cached view stays valid while this key is unchanged; a write elsewhere leaves it so.
    None when the region is unknown (nothing is cached; the view itself says what is wrong).
    While the database's fingerprint (SQLite: its files' size and time) is the one the key was read
    at, no write can have committed, and the key is reused without a query."""
    fingerprint = db.data_fingerprint() if db.dialect == "sqlite" else None
    memo = (db.url, region, children)
    if fingerprint is not None:
        known = _keys.get(memo)
        if known is not None and known[0] == fingerprint:
            return known[1]
    key = _read_key(db, region, children)
    if fingerprint is not None and key is not None:
        if len(_keys) >= 4096:
            _keys.clear()
        _keys[memo] = (fingerprint, key)
    return key


_keys: dict[tuple[str, str | None, bool], tuple[object, tuple[object, ...]]] = {}


def _read_key(db: Database, region: str | None, children: bool) -> tuple[object, ...] | None:
    with db.connect() as conn:
        found = _catalogs.get(db.url)
        for _attempt in range(2):
            if found is None:
                found = catalog(db, conn)
            codes = _codes(found, region, children)
            if codes is None:
                return None
            rows = queries.versions(conn, codes)
            if tuple(r for r in rows if r[1] == "") == found.version:
                return ("regions", *codes, rows)
            found = None        # the plans changed since the catalog was read: read it again
        return None


def _codes(found: Catalog, region: str | None, children: bool) -> list[str] | None:
    if not found.plans:
        return None
    place = found.tree.get(found.plans[0].region) if region is None else found.tree.find(region)
    if place is None:
        return None
    return [place.code, *(c.code for c in found.tree.children(place.code))] if children else [place.code]


def any_data_key(db: Database) -> tuple[object, ...]:
    """A key that changes with every write (the views that read every region: comparisons, listings):
    the "any data" version (``(0, '*', '')``, raised by every touch) beside the plans' own ones and
    the database's identity, in one query."""
    with db.connect() as conn:
        return ("any", queries.versions(conn, ["*"]))
