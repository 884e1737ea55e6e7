from __future__ import annotations

from pathlib import Path

import pytest

PLANS = Path(__file__).resolve().parent.parent / "data" / "plans"


@pytest.fixture
def rules_db(sqlite_url: str):  # type: ignore[no-untyped-def]
    """The rule fixture plan (2025) loaded alone: no history."""
    from planwatch.services.plans import load_plan
    from planwatch.store import open_database

    db = open_database(sqlite_url)
    load_plan(db, PLANS / "rules-2025")
    yield db
    db.dispose()


@pytest.fixture
def rules_db_with_history(rules_db):  # type: ignore[no-untyped-def]
    from planwatch.services.plans import load_plan

    load_plan(rules_db, PLANS / "rules-2024")
    return rules_db
