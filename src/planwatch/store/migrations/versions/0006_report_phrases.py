"""report phrases: indicators.phrase; task_groups.category and task_groups.phrase

The plan file may give, per indicator, the words the execution report writes before the figure
(实现农林牧渔业总产值), and per task list the category the report mentions it in and its words
(全力推进{}年度重点改革工作). All nullable: a plan without them is worded by the defaults.

Revision ID: 0006
Revises: 0005_server
"""
import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005_server'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('indicators') as batch:
        batch.add_column(sa.Column('phrase', sa.Text(), nullable=True))
    with op.batch_alter_table('task_groups') as batch:
        batch.add_column(sa.Column('category', sa.String(length=100), nullable=True))
        batch.add_column(sa.Column('phrase', sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('task_groups') as batch:
        batch.drop_column('phrase')
        batch.drop_column('category')
    with op.batch_alter_table('indicators') as batch:
        batch.drop_column('phrase')
