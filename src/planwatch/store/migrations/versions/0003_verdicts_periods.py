"""verdicts and periods: one canonical code per period; goal tiers, 同步 targets, stated target gaps, bands

- Period codes become canonical: every stored spelling of the same months (2025M01-06, 2025H1)
  is rewritten to the one code of ``planwatch.model.Period`` (2025H1). Where two observations of
  the same indicator, region and plan differ only by spelling, the canonical row is kept and the
  other is recorded in the audit log before it is removed.
- indicators.about_band, indicators.precision; targets.goals (every goal with tier and issuer),
  targets.in_step_with; observations.target_gap.

Revision ID: 0003
Revises: 0002
"""
import json
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

_PERIOD_TABLES = (
    ("observations", ("plan_id", "indicator", "region")),
    ("project_progress", ("plan_id", "subject")),
    ("period_states", ("plan_id", "region")),
    ("audit_log", None),
)


def _canonical(code: str) -> str | None:
    from planwatch.model import Period, PeriodError

    try:
        return Period.parse(code).code
    except PeriodError:
        return None


def _canonicalise_periods(conn: sa.Connection) -> None:
    meta = sa.MetaData()
    for name, key in _PERIOD_TABLES:
        table = sa.Table(name, meta, autoload_with=conn)
        codes = [r[0] for r in conn.execute(sa.select(table.c.period).distinct()) if r[0] is not None]
        for code in codes:
            canonical = _canonical(code)
            if canonical is None or canonical == code:
                continue
            if key is not None:
                _drop_duplicates(conn, meta, table, key, code, canonical)
            conn.execute(sa.update(table).where(table.c.period == code).values(period=canonical))


def _drop_duplicates(conn: sa.Connection, meta: sa.MetaData, table: sa.Table, key: tuple[str, ...],
                     old: str, new: str) -> None:
    """Rows that would collide with an already canonical row: audited, then removed."""
    audit = sa.Table("audit_log", meta, autoload_with=conn) if "audit_log" not in meta.tables else meta.tables["audit_log"]
    stale = [dict(r._mapping) for r in conn.execute(sa.select(table).where(table.c.period == old))]
    for row in stale:
        match = sa.and_(*(table.c[k] == row[k] for k in key), table.c.period == new)
        if conn.execute(sa.select(sa.func.count()).select_from(table).where(match)).scalar():
            conn.execute(sa.insert(audit).values(
                at=datetime.now(UTC), user="migration", action="delete", subject=table.name,
                plan_id=row.get("plan_id"), indicator=row.get("indicator"), region=row.get("region"), period=old,
                old=json.loads(json.dumps(row, default=str)), new=None,
                reason=f"统计期代码统一：{old} 与 {new} 为同一统计期，保留 {new} 的记录"))
            conn.execute(sa.delete(table).where(sa.and_(*(table.c[k] == row[k] for k in key), table.c.period == old)))


def upgrade() -> None:
    with op.batch_alter_table('indicators') as batch:
        batch.add_column(sa.Column('about_band', sa.String(length=40), nullable=True))
        batch.add_column(sa.Column('precision', sa.Integer(), nullable=True))
    with op.batch_alter_table('targets') as batch:
        batch.add_column(sa.Column('goals', sa.JSON(), nullable=True))
        batch.add_column(sa.Column('in_step_with', sa.String(length=64), nullable=True))
    with op.batch_alter_table('observations') as batch:
        batch.add_column(sa.Column('target_gap', sa.String(length=40), nullable=True))
    _canonicalise_periods(op.get_bind())


def downgrade() -> None:
    with op.batch_alter_table('observations') as batch:
        batch.drop_column('target_gap')
    with op.batch_alter_table('targets') as batch:
        batch.drop_column('in_step_with')
        batch.drop_column('goals')
    with op.batch_alter_table('indicators') as batch:
        batch.drop_column('precision')
        batch.drop_column('about_band')
