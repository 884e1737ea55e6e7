"""data version: a counter every planwatch write transaction raises (PostgreSQL's cache fingerprint)

The web reuses computed views until the data changes. On PostgreSQL that was the server's WAL
position, which moves with a write to any database of the cluster (another application, another
planwatch), so on a shared server nothing stayed cached. The counter belongs to this database only.

Revision ID: 0009
Revises: 0008
"""
import sqlalchemy as sa
from alembic import op

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    table = op.create_table(
        "data_version",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("n", sa.BigInteger, nullable=False),
    )
    op.bulk_insert(table, [{"id": 1, "n": 0}])


def downgrade() -> None:
    op.drop_table("data_version")
