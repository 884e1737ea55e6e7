"""Period and data-set states and the lock checks every write path makes.

A region × period moves 填报中 → 已提交 → 已审核 → 已锁定 (:mod:`planwatch.services.workflow`
moves it); so does each department's data set of a region × period (its form's indicators:
:mod:`planwatch.services.datasets`), which may also be 退回 (returned with comments). Every write
of figures calls :func:`ensure_unlocked` (and, for collected figures, :func:`ensure_dataset_writable`)
inside its own transaction. A lock on a region covers its sub-regions (a district's lock locks its
towns). Periods are compared by the months they cover (one canonical code), so no spelling of a
period walks around its lock.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from planwatch.errors import Locked
from planwatch.model import Period, RegionTree
from planwatch.store import collect as q
from planwatch.store import read_regions
from planwatch.store.datasets import DatasetStateRow, read_dataset_states


class State(StrEnum):
    DRAFT = "填报中"
    SUBMITTED = "已提交"
    REVIEWED = "已审核"
    LOCKED = "已锁定"


class DatasetState(StrEnum):
    """The state of a department's data set; 未填报 and 填报中 are not stored before a first save."""

    EMPTY = "未填报"
    DRAFT = "填报中"
    SUBMITTED = "已提交"
    REVIEWED = "已审核"
    RETURNED = "退回"
    LOCKED = "已锁定"


#: data-set states a reporter may not change figures in (reviewers and admins still may, audited)
AWAITING_REVIEW = (DatasetState.SUBMITTED, DatasetState.REVIEWED)


def state_row(conn: Any, plan_id: int, region: str, period: Period) -> q.PeriodStateRow | None:
    for row in q.read_period_states(conn, plan_id, region):
        if row.period == period.code:
            return row
    return None


def state_of(conn: Any, plan_id: int, region: str, period: Period) -> State:
    row = state_row(conn, plan_id, region, period)
    return State(row.state) if row is not None else State.DRAFT


def region_chain(conn: Any, region: str) -> list[str]:
    """The region and its ancestors (a lock on any of them covers the region)."""
    tree = RegionTree(read_regions(conn))
    return [region, *(r.code for r in tree.ancestors(region))]


def locking_region(conn: Any, plan_id: int, region: str, period: Period) -> str | None:
    """The region (``region`` itself or an ancestor) whose lock of ``period`` covers ``region``."""
    for code in region_chain(conn, region):
        if state_of(conn, plan_id, code, period) is State.LOCKED:
            return code
    return None


def ensure_unlocked(conn: Any, plan_id: int, region: str, period: Period) -> None:
    """Raise Locked when ``period`` is locked for ``region`` or a region above it (any spelling:
    上半年 = 1—6月 = 2025H1)."""
    holder = locking_region(conn, plan_id, region, period)
    if holder is not None:
        above = "" if holder == region else "（上级地区已锁定）"
        raise Locked(f"{period.label}的数据已锁定{above}，不能修改；如需修改请管理员先重新开放（planwatch period reopen）")


def dataset_row(conn: Any, plan_id: int, region: str, period: Period, department: str) -> DatasetStateRow | None:
    for row in read_dataset_states(conn, plan_id, region=region, department=department):
        if row.period == period.code:
            return row
    return None


def dataset_locked_by(conn: Any, plan_id: int, region: str, period: Period, department: str) -> str | None:
    """The region whose lock covers this data set: a period lock of the region or one above it, or
    a lock of the same department's data set of the region or one above it."""
    for code in region_chain(conn, region):
        if state_of(conn, plan_id, code, period) is State.LOCKED:
            return code
        row = dataset_row(conn, plan_id, code, period, department)
        if row is not None and row.state == DatasetState.LOCKED.value:
            return code
    return None


def ensure_dataset_writable(conn: Any, plan_id: int, region: str, period: Period, department: str, *,
                            may_review: bool) -> None:
    """Raise Locked when the department's data set is locked (here or above), or — for a reporter —
    submitted or reviewed (the reviewer returns it first)."""
    if dataset_locked_by(conn, plan_id, region, period, department) is not None:
        raise Locked(f"{department}{period.label}的数据已锁定，不能修改；如需修改请管理员先重新开放")
    row = dataset_row(conn, plan_id, region, period, department)
    if not may_review and row is not None and DatasetState(row.state) in AWAITING_REVIEW:
        raise Locked(f"{department}{period.label}的数据{row.state}，等待审核，不能再修改；如需修改请审核员退回")
