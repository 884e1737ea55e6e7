"""Storage: SQLAlchemy 2 tables, Alembic migrations, and the reads and writes of the domain model.
The only package that imports SQLAlchemy (its ``Connection`` type is re-exported for the services)."""

from sqlalchemy import Connection

from planwatch.store.database import Database, DatabaseError, open_database, table_names
from planwatch.store.plans import (
    Change,
    ChangeSet,
    PlanRef,
    list_plans,
    observation_periods,
    plan_id_for,
    read_document,
    read_observations,
    read_plan,
    read_regions,
    save_observations,
    save_plan,
)

__all__ = [
    "Change", "ChangeSet", "Connection", "Database", "DatabaseError", "PlanRef", "list_plans", "open_database", "plan_id_for",
    "observation_periods", "read_document", "read_observations", "read_plan", "read_regions", "save_observations", "save_plan",
    "table_names",
]
