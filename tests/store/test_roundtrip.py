"""Storage on SQLite and PostgreSQL: round trip, idempotent reload, all-or-nothing loads."""

from __future__ import annotations

import pytest

from planwatch.ingest.plan_file import read_plan
from planwatch.services.plans import load_plan
from planwatch.store import list_plans, open_database, table_names
from planwatch.store import read_plan as read_stored
from tests.conftest import EXAMPLE


def test_round_trip_returns_the_same_plan(db_url: str) -> None:
    original = read_plan(EXAMPLE)
    db = open_database(db_url)
    result = load_plan(db, EXAMPLE)
    with db.connect() as conn:
        stored = read_stored(conn, result.plan_id)
    assert stored.indicators == original.indicators
    assert list(stored.observations) == list(original.observations)
    assert stored.project_groups == original.project_groups
    key = lambda p: (p.subject, p.period.code)  # noqa: E731
    assert sorted(stored.project_progress, key=key) == sorted(original.project_progress, key=key)
    assert stored.task_groups == original.task_groups
    gdp = next(o for o in stored.observations if o.indicator == "industrial_output")
    assert str(gdp.value) == "2836.10"  # precision as stated survives the database
    db.dispose()


def test_loading_twice_changes_nothing(db_url: str) -> None:
    db = open_database(db_url)
    first = load_plan(db, EXAMPLE)
    second = load_plan(db, EXAMPLE)
    assert first.changes.count("inserted") > 300
    assert second.changes.count("inserted") == 0
    assert second.changes.count("updated") == 0
    assert second.changes.is_empty
    db.dispose()


def test_a_reload_with_changes_updates_exactly_those_rows(db_url: str) -> None:
    """Batched writes: changed rows are updated (with their old values recorded), new rows
    inserted, the rest untouched — on both backends."""
    from dataclasses import replace
    from decimal import Decimal

    from planwatch.store import save_plan

    plan = read_plan(EXAMPLE)
    db = open_database(db_url)
    with db.transaction() as conn:
        plan_id, _ = save_plan(conn, plan)
    changed = [replace(o, value=o.value + 1) if o.indicator in ("gdp", "fai") and o.value is not None else o
               for o in plan.observations]
    renamed = [replace(i, name=i.name + "（改）") if i.code == "trade" else i for i in plan.indicators]
    with db.transaction() as conn:
        _, changes = save_plan(conn, replace(plan, observations=tuple(changed), indicators=tuple(renamed)))
    assert changes.updated == {"observations": 2, "indicators": 1}
    assert changes.count("inserted") == 0
    gdp_change = next(c for c in changes.changes if c.table == "observations" and c.key[1] == "gdp")
    assert gdp_change.old is not None and gdp_change.old["value"] == "1285.41"
    with db.connect() as conn:
        stored = read_stored(conn, plan_id)
    assert next(o for o in stored.observations if o.indicator == "gdp").value == Decimal("1286.41")
    assert next(i for i in stored.indicators if i.code == "trade").name.endswith("（改）")
    assert list(stored.observations) == changed
    db.dispose()


def test_a_failing_write_leaves_nothing_behind(db_url: str) -> None:
    from planwatch.store import save_plan

    plan = read_plan(EXAMPLE)
    db = open_database(db_url)
    with pytest.raises(RuntimeError), db.transaction() as conn:
        save_plan(conn, plan)
        raise RuntimeError("simulated failure after the writes")
    with db.connect() as conn:
        assert list_plans(conn) == []
    db.dispose()


def test_migrations_create_the_schema_once(db_url: str) -> None:
    db = open_database(db_url)
    assert {"plans", "indicators", "observations", "alembic_version"} <= set(table_names(db))
    db.dispose()
    open_database(db_url).dispose()  # second open: no error, no-op


def test_default_database_is_created_on_first_use(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from planwatch.settings import Settings

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("PLANWATCH_DATABASE_URL", raising=False)
    settings = Settings.from_env()
    assert settings.database_url.endswith("xdg/planwatch/planwatch.sqlite")
    open_database(settings.database_url).dispose()
    assert (tmp_path / "xdg" / "planwatch" / "planwatch.sqlite").exists()
