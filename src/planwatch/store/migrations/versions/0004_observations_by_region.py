"""observations and targets by region: indexes for the status engine's queries of one region

The status of a region reads only that region's observations (all periods of its plan); the
unique key (plan, indicator, region, period) cannot serve that query, so it scanned the plan;
likewise the targets' key (plan, indicator, region).

Revision ID: 0004
Revises: 0003
"""
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_observations_plan_region_period", "observations", ["plan_id", "region", "period"])
    op.create_index("ix_targets_plan_region", "targets", ["plan_id", "region"])


def downgrade() -> None:
    op.drop_index("ix_targets_plan_region", table_name="targets")
    op.drop_index("ix_observations_plan_region_period", table_name="observations")
