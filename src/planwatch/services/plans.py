"""Use cases around plans: load plan files, find the plan and period a request means."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING

from planwatch.errors import InputError, NotFound
from planwatch.model import Observation, Period, PeriodError, Plan, Region, RegionTree
from planwatch.services.locks import ensure_unlocked
from planwatch.store import (
    ChangeSet,
    Database,
    PlanRef,
    list_plans,
    observation_periods,
    save_observations,
    save_plan,
)
from planwatch.store import read_plan as read_stored_plan

if TYPE_CHECKING:
    from planwatch.store import Connection


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


def select(db: Database, *, region: str | None = None, period: str | None = None,
           with_observations: bool = True, own_region_only: bool = False) -> Selection:
    """Resolve ``region`` (name or code; default: the plan's own region) and ``period`` (any
    written form; default: the latest period with figures for the region, else for the plan)
    to a stored plan. ``own_region_only`` reads only the region's own targets and observations
    (every period of its plan) — all the status engine needs — by indexed queries instead of the
    whole plan's."""
    with db.connect() as conn:
        plans = list_plans(conn)
        if not plans:
            raise NotFound("数据库中还没有计划。先运行 planwatch load PATH（或 planwatch demo 载入示例）。")
        wanted_period = parse_period_or_error(period) if period else None
        candidates = [p for p in plans if wanted_period is None or p.year == wanted_period.year]
        plan_ref, region_obj, tree = _match_region(conn, candidates or plans, region, wanted_period)
        plan = read_stored_plan(conn, plan_ref.id, with_observations=with_observations,
                                region=region_obj.code if own_region_only else None)
        if wanted_period is None:
            # the latest period the region has figures for; a town without any follows its plan
            periods = sorted(observation_periods(conn, plan_ref.id, region=region_obj.code)
                             or observation_periods(conn, plan_ref.id))
            wanted_period = periods[-1] if periods else Period.whole_year(plan.year)
    return Selection(plan, plan_ref.id, region_obj, wanted_period, tree)


def parse_period_or_error(text: str) -> Period:
    """A period as people write it, or an InputError in plain words."""
    try:
        return Period.parse(text)
    except PeriodError as exc:
        raise InputError(str(exc)) from None


def _match_region(conn: Connection, plans: list[PlanRef], region: str | None,
                  period: Period | None) -> tuple[PlanRef, Region, RegionTree]:
    from planwatch.store import read_regions

    tree = RegionTree(read_regions(conn))
    if region is None:
        ref = plans[0]
        found = tree.get(ref.region)
        assert found is not None
        return ref, found, tree
    found = tree.find(region)
    if found is None:
        names = "、".join(sorted({p.region_name for p in plans}))
        raise NotFound(f"找不到地区“{region}”（已有计划的地区：{names}）")
    for ref in plans:
        lineage = {found.code, *(a.code for a in tree.ancestors(found.code))}
        if ref.region in lineage:
            return ref, found, tree
    year = f"{period.year}年" if period else ""
    raise NotFound(f"没有包含“{found.name}”的{year}计划")
