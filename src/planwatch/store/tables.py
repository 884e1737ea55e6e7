"""SQLAlchemy 2 table definitions: the only place the database schema is written down.

Numbers are stored as text (``"2836.10"``) so the precision a figure was stated with survives
the round trip on SQLite and PostgreSQL alike; the model reads them back as Decimal.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from planwatch.model import limits
from planwatch.model.observation import FIELDS as OBSERVATION_FIELDS
from planwatch.model.observation import ObservationField

metadata = MetaData(naming_convention={
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
})

NUM = String(40)  # a decimal number as written (model.limits keeps them to 23 characters)


def _observation_column(spec: ObservationField) -> Column[Any]:
    """The column of one observation field (model.observation.FIELDS): numbers as text, texts as
    long as the field allows (notes unbounded), enums by their word, flags not null."""
    if spec.type is Decimal:
        return Column(spec.name, NUM)
    if spec.type is bool:
        return Column(spec.name, Boolean, nullable=False)
    if spec.type is str and (spec.max_length is None or spec.max_length >= limits.NOTE):
        return Column(spec.name, Text)
    return Column(spec.name, String(spec.max_length or 16))

regions = Table(
    "regions", metadata,
    Column("code", String(32), primary_key=True),
    Column("name", String(100), nullable=False),
    Column("level", String(16), nullable=False),
    Column("parent", String(32), nullable=True),
)

documents = Table(
    "documents", metadata,
    Column("code", String(64), primary_key=True),
    Column("title", String(300), nullable=False),
    Column("kind", String(32), nullable=False),
    Column("published", String(32), nullable=True),
    Column("text", Text, nullable=False),
)

plans = Table(
    "plans", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("region", String(32), ForeignKey("regions.code"), nullable=False),
    Column("year", Integer, nullable=False),
    Column("title", String(300), nullable=False),
    Column("categories", JSON, nullable=False),
    Column("departments", JSON, nullable=False),
    UniqueConstraint("region", "year", name="uq_plans_region_year"),
)

indicators = Table(
    "indicators", metadata,
    Column("plan_id", Integer, ForeignKey("plans.id", ondelete="CASCADE"), primary_key=True),
    Column("code", String(64), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("aliases", JSON, nullable=False),
    Column("unit", String(32), nullable=False),
    Column("category", String(100), nullable=False),
    Column("nature", String(16), nullable=False),
    Column("direction", String(16), nullable=False),
    Column("frequency", String(16), nullable=False),
    Column("measure", String(16), nullable=False),
    Column("price_basis", String(16), nullable=True),
    Column("formula", String(500), nullable=True),
    Column("department", String(100), nullable=True),
    Column("headline", Boolean, nullable=False),
    Column("sort_order", Integer, nullable=False),
    Column("note", Text, nullable=True),
    Column("parent", String(64), nullable=True),
    Column("tags", JSON, nullable=False),
    Column("about_band", NUM, nullable=True),
    Column("precision", Integer, nullable=True),
    Column("phrase", Text, nullable=True),
)

targets = Table(
    "targets", metadata,
    Column("plan_id", Integer, ForeignKey("plans.id", ondelete="CASCADE"), primary_key=True),
    Column("indicator", String(64), primary_key=True),
    Column("region", String(32), primary_key=True),
    Column("level_value", NUM), Column("level_unit", String(32)), Column("level_comparison", String(16)),
    Column("level_upper", NUM),
    Column("growth_value", NUM), Column("growth_unit", String(32)), Column("growth_comparison", String(16)),
    Column("growth_upper", NUM),
    Column("qualitative", String(200)),
    Column("text", Text),
    Column("source", JSON),
    # every goal with its tier and issuer (the level_*/growth_* columns repeat the primary two for SQL readers)
    Column("goals", JSON),
    Column("in_step_with", String(64)),
    Index("ix_targets_plan_region", "plan_id", "region"),  # one region's targets: migration 0004
)

observations = Table(
    "observations", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("plan_id", Integer, ForeignKey("plans.id", ondelete="CASCADE"), nullable=False),
    Column("indicator", String(64), nullable=False),
    Column("region", String(32), nullable=False),
    Column("period", String(16), nullable=False),
    *(_observation_column(spec) for spec in OBSERVATION_FIELDS),
    Column("source", JSON),
    Column("updated_at", DateTime(timezone=True)),
    UniqueConstraint("plan_id", "indicator", "region", "period", name="uq_observations_key"),
    # one region's rows (the status engine's query): migration 0004
    Index("ix_observations_plan_region_period", "plan_id", "region", "period"),
)

project_groups = Table(
    "project_groups", metadata,
    Column("plan_id", Integer, ForeignKey("plans.id", ondelete="CASCADE"), primary_key=True),
    Column("code", String(64), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("level", String(16), nullable=False),
    Column("region", String(32), nullable=False),
    Column("project_count", Integer), Column("new_start_count", Integer),
    Column("annual_plan", NUM), Column("annual_plan_derived", Boolean, nullable=False),
    Column("annual_plan_note", Text),
    Column("category", String(100)),
    Column("sort_order", Integer, nullable=False),
    Column("source", JSON),
)

projects = Table(
    "projects", metadata,
    Column("plan_id", Integer, ForeignKey("plans.id", ondelete="CASCADE"), primary_key=True),
    Column("code", String(64), primary_key=True),
    Column("name", String(300), nullable=False),
    Column("level", String(16), nullable=False),
    Column("region", String(32), nullable=False),
    Column("group_code", String(64)),
    Column("category", String(100)),
    Column("total_investment", NUM), Column("annual_plan", NUM),
    Column("new_start", Boolean, nullable=False), Column("started", Boolean),
    Column("town", String(100)), Column("department", String(100)),
    Column("source", JSON),
)

project_progress = Table(
    "project_progress", metadata,
    Column("plan_id", Integer, ForeignKey("plans.id", ondelete="CASCADE"), primary_key=True),
    Column("subject", String(64), primary_key=True),
    Column("period", String(16), primary_key=True),
    Column("is_group", Boolean, nullable=False),
    Column("completed_investment", NUM), Column("stated_completion", NUM),
    Column("new_starts_started", Integer), Column("all_new_starts_started", Boolean, nullable=False),
    Column("stated_start_rate", NUM),
    Column("source", JSON),
)

task_groups = Table(
    "task_groups", metadata,
    Column("plan_id", Integer, ForeignKey("plans.id", ondelete="CASCADE"), primary_key=True),
    Column("code", String(64), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("region", String(32), nullable=False),
    Column("count", Integer), Column("kind", String(32), nullable=False),
    Column("sort_order", Integer, nullable=False), Column("note", Text),
    Column("source", JSON),
    Column("category", String(100)), Column("phrase", Text),
)

tasks = Table(
    "tasks", metadata,
    Column("plan_id", Integer, ForeignKey("plans.id", ondelete="CASCADE"), primary_key=True),
    Column("code", String(64), primary_key=True),
    Column("group_code", String(64), nullable=False),
    Column("title", String(300), nullable=False),
    Column("department", String(100)),
    Column("status", String(16), nullable=False),
    Column("progress_note", Text),
    Column("source", JSON),
)

# Departments' written materials (工作进展与亮点, 存在问题, 下一步打算) with their review state: migration 0008.
materials = Table(
    "materials", metadata,
    Column("plan_id", Integer, ForeignKey("plans.id", ondelete="CASCADE"), primary_key=True),
    Column("code", String(64), primary_key=True),
    Column("department", String(100), nullable=False),
    Column("region", String(32), nullable=False),
    Column("period", String(16), nullable=False),
    Column("kind", String(16), nullable=False),             # 工作进展与亮点, 存在问题, 下一步打算
    Column("category", String(100), nullable=True),         # the plan category (章节/小节) it belongs to
    Column("text", Text, nullable=False),
    Column("sort_order", Integer, nullable=False),
    Column("state", String(16), nullable=False),            # 待审核, 已通过, 已退回
    Column("author", String(100), nullable=True),
    Column("submitted_at", DateTime(timezone=True), nullable=True),
    Column("reviewer", String(100), nullable=True),
    Column("reviewed_at", DateTime(timezone=True), nullable=True),
    Column("review_note", Text, nullable=True),
    Column("source", JSON),
    Index("ix_materials_plan_region_period", "plan_id", "region", "period"),
)

# ---------------------------------------------------------------------------- collection (issue 7)
# Users, API tokens, the workflow state of each region × period, the audit trail and login attempts.

users = Table(
    "users", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(100), nullable=False, unique=True),
    Column("role", String(16), nullable=False),            # admin, reviewer, reporter, viewer
    Column("department", String(100), nullable=True),      # a reporter's department
    Column("password_hash", String(255), nullable=False),  # argon2; never the password itself
    Column("active", Boolean, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

api_tokens = Table(
    "api_tokens", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("token_hash", String(64), nullable=False, unique=True),  # sha256 hex of the token
    Column("label", String(100), nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("revoked", Boolean, nullable=False),
)

period_states = Table(
    "period_states", metadata,
    Column("plan_id", Integer, ForeignKey("plans.id", ondelete="CASCADE"), primary_key=True),
    Column("region", String(32), primary_key=True),
    Column("period", String(16), primary_key=True),
    Column("state", String(16), nullable=False),            # 填报中, 已提交, 已审核, 已锁定
    Column("updated_by", String(100), nullable=True),
    Column("updated_at", DateTime(timezone=True), nullable=True),
    Column("reason", Text, nullable=True),
)

audit_log = Table(
    "audit_log", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("user", String(100), nullable=True),
    Column("action", String(32), nullable=False),           # insert, update, workflow, user, token, restore
    Column("subject", String(32), nullable=False),          # observations, period_states, users, …
    Column("plan_id", Integer, nullable=True),
    Column("indicator", String(64), nullable=True),
    Column("region", String(32), nullable=True),
    Column("period", String(16), nullable=True),
    Column("old", JSON, nullable=True),
    Column("new", JSON, nullable=True),
    Column("source", JSON, nullable=True),
    Column("reason", Text, nullable=True),
    # the natural key of the row the entry is about: indicator code, "indicator@region", project,
    # task or user name (observations are keyed by the indicator/region/period columns instead)
    Column("object_key", String(200), nullable=True, index=True),
)

# A signed-in browser: the cookie holds a random id, only its SHA-256 is kept. Logout deletes the row,
# disabling a user (or a new password) deletes all of theirs: the session ends on the server.
web_sessions = Table(
    "web_sessions", metadata,
    Column("id_hash", String(64), primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
)

login_attempts = Table(
    "login_attempts", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("key", String(200), nullable=False),             # "user:<name>" or "ip:<address>"
    Column("at", DateTime(timezone=True), nullable=False),
    Column("success", Boolean, nullable=False),
)

# A department's data set (the indicators it reports, its form) for one region × period:
# 填报中 → 已提交 → 已审核 (or 退回 with comments) → 已锁定 (migration 0007_web). No row: 未填报,
# or 填报中 once figures are stored. ``returned`` maps indicator code → the reviewer's comment.
dataset_states = Table(
    "dataset_states", metadata,
    Column("plan_id", Integer, ForeignKey("plans.id", ondelete="CASCADE"), primary_key=True),
    Column("region", String(32), primary_key=True),
    Column("period", String(16), primary_key=True),
    Column("department", String(100), primary_key=True),
    Column("state", String(16), nullable=False),
    Column("updated_by", String(100), nullable=True),
    Column("updated_at", DateTime(timezone=True), nullable=True),
    Column("comment", Text, nullable=True),
    Column("returned", JSON, nullable=True),
)

# Bookkeeping, not data (like alembic_version): not in backups, counts or restores.
bookkeeping = MetaData()

# One row: raised by every planwatch write transaction on PostgreSQL (Database.data_fingerprint).
data_version = Table(
    "data_version", bookkeeping,
    Column("id", Integer, primary_key=True),
    Column("n", BigInteger, nullable=False),
)

# Per (region, period, plan) counters every write raises for what it wrote (store.queries.touch),
# the keys of the web's cached views (migration 0010). '' = every region / period; plan 0 = all plans.
region_versions = Table(
    "region_versions", bookkeeping,
    Column("region", String(32), primary_key=True),
    Column("period", String(16), primary_key=True),
    Column("plan_id", Integer, primary_key=True),
    Column("n", BigInteger, nullable=False),
)
