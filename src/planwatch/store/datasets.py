"""Reads and writes of department data-set states (``dataset_states``). Runs in the caller's
connection or transaction; nothing here commits."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, insert, select, update

from planwatch.store import tables
from planwatch.store.collect import now


@dataclass(frozen=True)
class DatasetStateRow:
    plan_id: int
    region: str
    period: str
    department: str
    state: str
    updated_by: str | None
    updated_at: datetime | None
    comment: str | None
    returned: dict[str, str]


def read_dataset_states(conn: Connection, plan_id: int, *, region: str | None = None,
                        department: str | None = None) -> list[DatasetStateRow]:
    t = tables.dataset_states
    query = select(t).where(t.c.plan_id == plan_id)
    if region is not None:
        query = query.where(t.c.region == region)
    if department is not None:
        query = query.where(t.c.department == department)
    return [DatasetStateRow(r.plan_id, r.region, r.period, r.department, r.state, r.updated_by, r.updated_at,
                            r.comment, dict(r.returned or {}))
            for r in conn.execute(query.order_by(t.c.region, t.c.period, t.c.department))]


def write_dataset_state(conn: Connection, *, plan_id: int, region: str, period: str, department: str, state: str,
                        user: str | None, comment: str | None, returned: dict[str, str] | None) -> None:
    t = tables.dataset_states
    values: dict[str, Any] = {"state": state, "updated_by": user, "updated_at": now(), "comment": comment,
                              "returned": returned or None}
    where = (t.c.plan_id == plan_id, t.c.region == region, t.c.period == period, t.c.department == department)
    if conn.execute(select(t.c.state).where(*where)).first() is None:
        conn.execute(insert(t).values(plan_id=plan_id, region=region, period=period, department=department, **values))
    else:
        conn.execute(update(t).where(*where).values(**values))
