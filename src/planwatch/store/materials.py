"""Reads and writes of departments' written materials (the ``materials`` table, migration 0008).
Every function runs in the caller's connection or transaction; nothing here commits."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, delete, insert, select, update

from planwatch.model import Material, MaterialKind, Period, ReviewState
from planwatch.store import tables
from planwatch.store.rows import source_from_json, source_to_json

#: the columns a plan file declares (a load leaves the submission and review times alone)
DECLARED = ("department", "region", "period", "kind", "category", "text", "sort_order", "state", "author",
            "reviewer", "review_note", "source")


def material_row(plan_id: int, m: Material) -> dict[str, Any]:
    return {"plan_id": plan_id, "code": m.code, "department": m.department, "region": m.region,
            "period": m.period.code, "kind": m.kind.value, "category": m.category, "text": m.text,
            "sort_order": m.order, "state": m.state.value, "author": m.author, "submitted_at": m.submitted_at,
            "reviewer": m.reviewer, "reviewed_at": m.reviewed_at, "review_note": m.review_note,
            "source": source_to_json(m.source)}


def declared_row(plan_id: int, m: Material) -> dict[str, Any]:
    """The row of a material a plan file declares: its key and :data:`DECLARED` columns."""
    row = material_row(plan_id, m)
    return {k: row[k] for k in ("plan_id", "code", *DECLARED)}


def material_from(row: Any) -> Material:
    return Material(code=row.code, department=row.department, region=row.region, period=Period.parse(row.period),
                    kind=MaterialKind(row.kind), text=row.text, category=row.category, order=row.sort_order,
                    state=ReviewState(row.state), author=row.author, submitted_at=row.submitted_at,
                    reviewer=row.reviewer, reviewed_at=row.reviewed_at, review_note=row.review_note,
                    source=source_from_json(row.source))


def read_materials(conn: Connection, plan_id: int, *, region: str | None = None, period: str | None = None,
                   department: str | None = None) -> list[Material]:
    """A plan's materials (of one region, period, department), in their order."""
    t = tables.materials
    query = select(t).where(t.c.plan_id == plan_id)
    for column, value in (("region", region), ("period", period), ("department", department)):
        if value is not None:
            query = query.where(t.c[column] == value)
    return [material_from(r) for r in conn.execute(query.order_by(t.c.sort_order, t.c.code))]


def material_codes(conn: Connection, plan_id: int) -> set[str]:
    t = tables.materials
    return {code for (code,) in conn.execute(select(t.c.code).where(t.c.plan_id == plan_id))}


def insert_material(conn: Connection, plan_id: int, m: Material) -> None:
    conn.execute(insert(tables.materials).values(**material_row(plan_id, m)))


def update_material(conn: Connection, plan_id: int, m: Material) -> None:
    t = tables.materials
    values = {k: v for k, v in material_row(plan_id, m).items() if k not in ("plan_id", "code")}
    conn.execute(update(t).where(t.c.plan_id == plan_id, t.c.code == m.code).values(**values))


def delete_material(conn: Connection, plan_id: int, code: str) -> None:
    t = tables.materials
    conn.execute(delete(t).where(t.c.plan_id == plan_id, t.c.code == code))


def audit_values(m: Material | None) -> dict[str, Any] | None:
    """A material as the audit trail records it (JSON: times as ISO text)."""
    if m is None:
        return None
    row = material_row(0, m)
    return {k: (v.isoformat() if isinstance(v, datetime) else v) for k, v in row.items()
            if k not in ("plan_id", "code")}
