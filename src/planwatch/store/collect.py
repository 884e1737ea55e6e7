"""Reads and writes for collection: users, API tokens, workflow states, the audit trail, login
attempts, and a whole-database dump/load for backups. Every function runs in the caller's
connection or transaction; nothing here commits."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, CursorResult, DateTime, Integer, delete, func, insert, select, text, update

from planwatch.store import bulk, tables
from planwatch.store.plans import Change


def now() -> datetime:
    return datetime.now(UTC)


# ---------------------------------------------------------------------------- users
@dataclass(frozen=True)
class UserRow:
    id: int
    name: str
    role: str
    department: str | None
    password_hash: str
    active: bool
    created_at: datetime


def _inserted_id(result: CursorResult[Any]) -> int:
    """The id of the one row an INSERT just wrote."""
    key = result.inserted_primary_key
    assert key is not None                  # (always set after a single-row insert)
    return int(key[0])


def _user(row: Any) -> UserRow:
    return UserRow(row.id, row.name, row.role, row.department, row.password_hash, bool(row.active), row.created_at)


def insert_user(conn: Connection, *, name: str, role: str, department: str | None, password_hash: str) -> int:
    result = conn.execute(insert(tables.users).values(
        name=name, role=role, department=department, password_hash=password_hash, active=True, created_at=now()))
    return _inserted_id(result)


def find_user(conn: Connection, name: str) -> UserRow | None:
    row = conn.execute(select(tables.users).where(tables.users.c.name == name)).first()
    return None if row is None else _user(row)


def user_by_id(conn: Connection, user_id: int) -> UserRow | None:
    row = conn.execute(select(tables.users).where(tables.users.c.id == user_id)).first()
    return None if row is None else _user(row)


def list_users(conn: Connection) -> list[UserRow]:
    return [_user(r) for r in conn.execute(select(tables.users).order_by(tables.users.c.name))]


def update_user(conn: Connection, user_id: int, **values: Any) -> None:
    conn.execute(update(tables.users).where(tables.users.c.id == user_id).values(**values))


def count_users(conn: Connection) -> int:
    return int(conn.execute(select(func.count()).select_from(tables.users)).scalar_one())


# ---------------------------------------------------------------------------- tokens
def insert_token(conn: Connection, *, user_id: int, token_hash: str, label: str | None) -> int:
    result = conn.execute(insert(tables.api_tokens).values(
        user_id=user_id, token_hash=token_hash, label=label, created_at=now(), revoked=False))
    return _inserted_id(result)


def user_for_token_hash(conn: Connection, token_hash: str) -> UserRow | None:
    t, u = tables.api_tokens, tables.users
    row = conn.execute(select(u).join(t, t.c.user_id == u.c.id).where(
        t.c.token_hash == token_hash, t.c.revoked.is_(False))).first()
    return None if row is None else _user(row)


def revoke_tokens(conn: Connection, user_id: int) -> int:
    result = conn.execute(update(tables.api_tokens).where(tables.api_tokens.c.user_id == user_id)
                          .values(revoked=True))
    return int(result.rowcount or 0)


def active_token_counts(conn: Connection) -> dict[int, int]:
    """user id → number of tokens not revoked."""
    t = tables.api_tokens
    rows = conn.execute(select(t.c.user_id, func.count()).where(t.c.revoked.is_(False)).group_by(t.c.user_id))
    return {int(user_id): int(n) for user_id, n in rows}


# ---------------------------------------------------------------------------- web sessions
def insert_session(conn: Connection, *, id_hash: str, user_id: int, lifetime: timedelta) -> None:
    at = now()
    conn.execute(insert(tables.web_sessions).values(id_hash=id_hash, user_id=user_id, created_at=at,
                                                    expires_at=at + lifetime))


def user_for_session_hash(conn: Connection, id_hash: str) -> UserRow | None:
    """The user of a live (not expired) session."""
    s, u = tables.web_sessions, tables.users
    row = conn.execute(select(u).join(s, s.c.user_id == u.c.id).where(
        s.c.id_hash == id_hash, s.c.expires_at > now())).first()
    return None if row is None else _user(row)


def delete_session(conn: Connection, id_hash: str) -> None:
    conn.execute(delete(tables.web_sessions).where(tables.web_sessions.c.id_hash == id_hash))


def delete_user_sessions(conn: Connection, user_id: int) -> int:
    """End every session of a user; also drops expired sessions of anyone (housekeeping)."""
    s = tables.web_sessions
    conn.execute(delete(s).where(s.c.expires_at <= now()))
    return int(conn.execute(delete(s).where(s.c.user_id == user_id)).rowcount or 0)


# ---------------------------------------------------------------------------- login attempts
def record_login_attempt(conn: Connection, key: str, success: bool) -> None:
    conn.execute(insert(tables.login_attempts).values(key=key, at=now(), success=success))


def recent_failures(conn: Connection, key: str, window: timedelta) -> int:
    """Failed attempts for ``key`` within ``window`` since its last success."""
    t = tables.login_attempts
    since = now() - window
    last_ok = conn.execute(select(func.max(t.c.id)).where(t.c.key == key, t.c.success.is_(True))).scalar()
    query = select(func.count()).select_from(t).where(t.c.key == key, t.c.success.is_(False), t.c.at >= since)
    if last_ok is not None:
        query = query.where(t.c.id > last_ok)
    return int(conn.execute(query).scalar_one())


# ---------------------------------------------------------------------------- workflow states
@dataclass(frozen=True)
class PeriodStateRow:
    plan_id: int
    region: str
    period: str
    state: str
    updated_by: str | None
    updated_at: datetime | None
    reason: str | None


def read_period_states(conn: Connection, plan_id: int, region: str | None = None) -> list[PeriodStateRow]:
    t = tables.period_states
    query = select(t).where(t.c.plan_id == plan_id)
    if region:
        query = query.where(t.c.region == region)
    return [PeriodStateRow(r.plan_id, r.region, r.period, r.state, r.updated_by, r.updated_at, r.reason)
            for r in conn.execute(query.order_by(t.c.region, t.c.period))]


def write_period_state(conn: Connection, *, plan_id: int, region: str, period: str, state: str,
                       user: str | None, reason: str | None) -> None:
    t = tables.period_states
    values = {"state": state, "updated_by": user, "updated_at": now(), "reason": reason}
    exists = conn.execute(select(t.c.state).where(t.c.plan_id == plan_id, t.c.region == region,
                                                  t.c.period == period)).first()
    if exists is None:
        conn.execute(insert(t).values(plan_id=plan_id, region=region, period=period, **values))
    else:
        conn.execute(update(t).where(t.c.plan_id == plan_id, t.c.region == region, t.c.period == period)
                     .values(**values))


# ---------------------------------------------------------------------------- audit
@dataclass(frozen=True)
class AuditRow:
    id: int
    at: datetime
    user: str | None
    action: str
    subject: str
    plan_id: int | None
    indicator: str | None
    region: str | None
    period: str | None
    old: dict[str, Any] | None
    new: dict[str, Any] | None
    source: dict[str, Any] | None
    reason: str | None
    object_key: str | None = None


def _audit_row(*, user: str | None, action: str, subject: str, plan_id: int | None = None,
               indicator: str | None = None, region: str | None = None, period: str | None = None,
               old: dict[str, Any] | None = None, new: dict[str, Any] | None = None,
               source: dict[str, Any] | None = None, reason: str | None = None,
               object_key: str | None = None, at: datetime | None = None) -> dict[str, Any]:
    """Every column of an audit row (the same keys for each row, as executemany needs)."""
    return {"at": at or now(), "user": user, "action": action, "subject": subject, "plan_id": plan_id,
            "indicator": indicator, "region": region, "period": period, "old": old, "new": new,
            "source": source, "reason": reason, "object_key": object_key}


def write_audit(conn: Connection, *, user: str | None, action: str, subject: str, plan_id: int | None = None,
                indicator: str | None = None, region: str | None = None, period: str | None = None,
                old: dict[str, Any] | None = None, new: dict[str, Any] | None = None,
                source: dict[str, Any] | None = None, reason: str | None = None,
                object_key: str | None = None) -> None:
    conn.execute(insert(tables.audit_log).values(_audit_row(
        user=user, action=action, subject=subject, plan_id=plan_id, indicator=indicator, region=region,
        period=period, old=old, new=new, source=source, reason=reason, object_key=object_key)))


def audit_observation_changes(conn: Connection, changes: Iterable[Change], *, user: str | None,
                              reason: str | None = None) -> int:
    """One audit row per observation written (insert or update), old → new, with the new source;
    written through store.bulk (COPY / raw executemany) in the caller's transaction."""
    at = now()
    audit_rows = []
    for change in changes:
        if change.table != "observations":
            continue
        plan_id, indicator, region, period = change.key
        new = {k: v for k, v in change.new.items() if k not in ("plan_id", "indicator", "region", "period")}
        audit_rows.append(_audit_row(at=at, user=user, action="insert" if change.old is None else "update",
                                     subject="observations", plan_id=plan_id, indicator=indicator, region=region,
                                     period=period, old=change.old, new=new, source=change.new.get("source"),
                                     reason=reason))
    bulk.insert_rows(conn, tables.audit_log, audit_rows)
    return len(audit_rows)


# The plan's own tables, their key columns (after plan_id), and which key column names the indicator.
PLAN_CONTENT = {
    "plans": ("region", "year"), "regions": ("code",), "documents": ("code",),
    "indicators": ("plan_id", "code"), "targets": ("plan_id", "indicator", "region"),
    "project_groups": ("plan_id", "code"), "projects": ("plan_id", "code"),
    "project_progress": ("plan_id", "subject", "period"), "task_groups": ("plan_id", "code"),
    "tasks": ("plan_id", "code"), "materials": ("plan_id", "code"),
}


def _audit_values(table: str, values: dict[str, Any] | None, keys: tuple[str, ...]) -> dict[str, Any] | None:
    """The row's values for the audit trail; a document's full text is noted, not copied."""
    if values is None:
        return None
    return {k: (_digest(v) if table == "documents" and k == "text" else v) for k, v in values.items() if k not in keys}


def _digest(text: Any) -> str:
    import hashlib

    data = str(text or "").encode("utf-8")
    return f"（全文 {len(str(text or ''))} 字，SHA-256 {hashlib.sha256(data).hexdigest()[:12]}）"


def _audit_place(table: str, key: tuple[Any, ...], values: dict[str, Any]) -> dict[str, Any]:
    """The audit columns that locate a plan row: plan, indicator, region, period, object key."""
    named = dict(zip(PLAN_CONTENT[table], key, strict=True))
    place: dict[str, Any] = {"plan_id": named.get("plan_id")}
    if table == "indicators":
        place.update(indicator=named["code"], object_key=named["code"])
    elif table == "targets":
        place.update(indicator=named["indicator"], region=named["region"],
                     object_key=f"{named['indicator']}@{named['region']}")
    elif table == "project_progress":
        place.update(period=named["period"], object_key=named["subject"])
    elif table == "plans":
        place.update(region=named["region"], object_key=f"{named['region']}/{named['year']}")
    elif table == "regions":
        place.update(region=named["code"], object_key=named["code"])
    elif table == "materials":
        place.update(object_key=named["code"], region=values.get("region"), period=values.get("period"))
    else:
        place.update(object_key=named["code"])
    return place


def audit_plan_changes(conn: Connection, changes: Iterable[Change], *, user: str | None,
                       reason: str | None = None) -> int:
    """One audit row per plan row written by a load (indicators, targets, projects, tasks, …): old → new;
    written in batches in the caller's transaction."""
    at = now()
    audit_rows = []
    for change in changes:
        if change.table not in PLAN_CONTENT:
            continue
        keys = PLAN_CONTENT[change.table]
        audit_rows.append(_audit_row(
            at=at, user=user, action="insert" if change.old is None else "update", subject=change.table,
            old=_audit_values(change.table, change.old, keys), new=_audit_values(change.table, change.new, keys),
            source=change.new.get("source") if isinstance(change.new.get("source"), dict) else None,
            reason=reason, **_audit_place(change.table, change.key, change.new)))
    bulk.insert_rows(conn, tables.audit_log, audit_rows)
    return len(audit_rows)


def read_audit(conn: Connection, *, plan_id: int | None = None, indicator: str | None = None,
               region: str | None = None, period: str | None = None, subject: str | None = None,
               user: str | None = None, object_key: str | None = None, limit: int | None = None,
               newest_first: bool = False) -> list[AuditRow]:
    t = tables.audit_log
    query = select(t)
    for column, value in (("plan_id", plan_id), ("indicator", indicator), ("region", region),
                          ("period", period), ("subject", subject), ("user", user), ("object_key", object_key)):
        if value is not None:
            query = query.where(t.c[column] == value)
    query = query.order_by(t.c.id.desc() if newest_first else t.c.id)
    if limit:
        query = query.limit(limit)
    return [AuditRow(r.id, r.at, r.user, r.action, r.subject, r.plan_id, r.indicator, r.region, r.period,
                     r.old, r.new, r.source, r.reason, r.object_key) for r in conn.execute(query)]


# ---------------------------------------------------------------------------- whole-database dump/load
def schema_revision(conn: Connection) -> str | None:
    try:
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except Exception:  # noqa: BLE001 - no alembic table: not a planwatch database
        return None


def _encode(value: Any) -> Any:
    if isinstance(value, datetime):
        return {"$datetime": value.isoformat()}
    return value


def _decode(value: Any, is_datetime: bool) -> Any:
    if is_datetime and isinstance(value, dict) and "$datetime" in value:
        return datetime.fromisoformat(value["$datetime"])
    return value


def dump_tables(conn: Connection) -> dict[str, list[dict[str, Any]]]:
    """Every row of every planwatch table, in primary-key order, as JSON-ready dicts."""
    out: dict[str, list[dict[str, Any]]] = {}
    for table in tables.metadata.sorted_tables:
        order = list(table.primary_key.columns) or list(table.columns)
        rows = conn.execute(select(table).order_by(*order))
        out[table.name] = [{k: _encode(v) for k, v in r._mapping.items()} for r in rows]
    return out


def row_counts(conn: Connection) -> dict[str, int]:
    return {t.name: int(conn.execute(select(func.count()).select_from(t)).scalar_one())
            for t in tables.metadata.sorted_tables}


def clear_tables(conn: Connection) -> None:
    for table in reversed(tables.metadata.sorted_tables):
        conn.execute(delete(table))


def load_tables(conn: Connection, data: dict[str, list[dict[str, Any]]]) -> dict[str, int]:
    """Insert dumped rows (tables in dependency order); unknown tables or columns raise KeyError.
    On PostgreSQL the id sequences are moved past the restored ids."""
    counts: dict[str, int] = {}
    known = {t.name: t for t in tables.metadata.sorted_tables}
    for name in data:
        if name not in known:
            raise KeyError(name)
    for table in tables.metadata.sorted_tables:
        rows = data.get(table.name) or []
        datetime_columns = {c.name for c in table.columns if isinstance(c.type, DateTime)}
        decoded = []
        for row in rows:
            for key in row:
                if key not in table.c:
                    raise KeyError(f"{table.name}.{key}")
            decoded.append({k: _decode(v, k in datetime_columns) for k, v in row.items()})
        if decoded:
            conn.execute(insert(table), decoded)
        counts[table.name] = len(decoded)
        if conn.dialect.name == "postgresql":
            for column in table.primary_key.columns:
                if isinstance(column.type, Integer) and column.autoincrement is True and decoded:
                    conn.execute(text(
                        f"SELECT setval(pg_get_serial_sequence('{table.name}', '{column.name}'), "
                        f"(SELECT MAX({column.name}) FROM {table.name}))"))
    return counts
