"""region versions: which plan × region × period each write touched (the web cache's keys)

The web reused computed views until *any* write (one data version for the whole database), so a
figure entered for one town recomputed every cached page. Every planwatch write now raises, in its
own transaction, the counter of each (plan, region, period) it wrote (store.queries.touch): a view
keys on the counters of what it read, and a write to town A leaves town B's views valid.
Conventions: ``(plan, region, period)`` observations; ``(plan, region, '')`` the region's targets
and materials; ``(plan, '', '')`` the plan's own content (indicators, projects, tasks …);
``(0, '', '')`` everything (regions, documents, or a write that named no scope); ``(0, '*', '')``
any write at all (for the views that read every region); ``(0, '', '#')`` this database's identity
(random, written once here), so that a cache shared by URL never mistakes a recreated database for
the one it knew.

Revision ID: 0010_versions
Revises: 0007_web
"""
import secrets

import sqlalchemy as sa
from alembic import op

revision = '0010_versions'
down_revision = '0007_web'
branch_labels = None
depends_on = None


def upgrade() -> None:
    table = op.create_table(
        "region_versions",
        sa.Column("region", sa.String(32), primary_key=True),
        sa.Column("period", sa.String(16), primary_key=True),
        sa.Column("plan_id", sa.Integer, primary_key=True),
        sa.Column("n", sa.BigInteger, nullable=False),
    )
    op.bulk_insert(table, [{"region": "", "period": "#", "plan_id": 0, "n": secrets.randbits(62)}])


def downgrade() -> None:
    op.drop_table("region_versions")
