"""Period states and the lock check every write path makes.

A region × period moves 填报中 → 已提交 → 已审核 → 已锁定 (:mod:`planwatch.services.workflow`
moves it); every write of figures calls :func:`ensure_unlocked` inside its own transaction.
Periods are compared by the months they cover (one canonical code), so no spelling of a
period walks around its lock.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from planwatch.errors import Locked
from planwatch.model import Period
from planwatch.store import collect as q


class State(StrEnum):
    DRAFT = "填报中"
    SUBMITTED = "已提交"
    REVIEWED = "已审核"
    LOCKED = "已锁定"


def state_row(conn: Any, plan_id: int, region: str, period: Period) -> q.PeriodStateRow | None:
    for row in q.read_period_states(conn, plan_id, region):
        if row.period == period.code:
            return row
    return None


def state_of(conn: Any, plan_id: int, region: str, period: Period) -> State:
    row = state_row(conn, plan_id, region, period)
    return State(row.state) if row is not None else State.DRAFT


def ensure_unlocked(conn: Any, plan_id: int, region: str, period: Period) -> None:
    """Raise Locked when ``period`` is locked for ``region`` (any spelling: 上半年 = 1—6月 = 2025H1)."""
    if state_of(conn, plan_id, region, period) is State.LOCKED:
        raise Locked(f"{period.label}的数据已锁定，不能修改；如需修改请管理员先重新开放（planwatch period reopen）")
