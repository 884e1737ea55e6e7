"""web: the workflow state of each department's data set (region × period × department)

``dataset_states``: 填报中, 已提交, 已审核, 退回 (with the reviewer's comment and, in ``returned``,
the indicators sent back with a comment each) and 已锁定. A missing row means 未填报 (or 填报中
once the department has figures stored).

Revision ID: 0007_web
Revises: 0009
"""
import sqlalchemy as sa
from alembic import op

revision = '0007_web'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('dataset_states',
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('region', sa.String(length=32), nullable=False),
    sa.Column('period', sa.String(length=16), nullable=False),
    sa.Column('department', sa.String(length=100), nullable=False),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('updated_by', sa.String(length=100), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('comment', sa.Text(), nullable=True),
    sa.Column('returned', sa.JSON(), nullable=True),
    sa.ForeignKeyConstraint(['plan_id'], ['plans.id'], name=op.f('fk_dataset_states_plan_id_plans'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('plan_id', 'region', 'period', 'department', name=op.f('pk_dataset_states'))
    )


def downgrade() -> None:
    op.drop_table('dataset_states')
