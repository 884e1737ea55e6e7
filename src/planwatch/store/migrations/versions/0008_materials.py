"""materials: departments' written materials (工作进展与亮点, 存在问题, 下一步打算) with review state

One row per text of a department for a region and period, keyed by plan and code, with its
author, submission time, review state (待审核, 已通过, 已退回), reviewer and review note.

Revision ID: 0008
Revises: 0006
"""
import sqlalchemy as sa
from alembic import op

revision = '0008'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'materials',
        sa.Column('plan_id', sa.Integer(), nullable=False),
        sa.Column('code', sa.String(length=64), nullable=False),
        sa.Column('department', sa.String(length=100), nullable=False),
        sa.Column('region', sa.String(length=32), nullable=False),
        sa.Column('period', sa.String(length=16), nullable=False),
        sa.Column('kind', sa.String(length=16), nullable=False),
        sa.Column('category', sa.String(length=100), nullable=True),
        sa.Column('text', sa.Text(), nullable=False),
        sa.Column('sort_order', sa.Integer(), nullable=False),
        sa.Column('state', sa.String(length=16), nullable=False),
        sa.Column('author', sa.String(length=100), nullable=True),
        sa.Column('submitted_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('reviewer', sa.String(length=100), nullable=True),
        sa.Column('reviewed_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('review_note', sa.Text(), nullable=True),
        sa.Column('source', sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(['plan_id'], ['plans.id'], name='fk_materials_plan_id_plans', ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('plan_id', 'code', name='pk_materials'),
    )
    op.create_index('ix_materials_plan_region_period', 'materials', ['plan_id', 'region', 'period'])


def downgrade() -> None:
    op.drop_index('ix_materials_plan_region_period', table_name='materials')
    op.drop_table('materials')
