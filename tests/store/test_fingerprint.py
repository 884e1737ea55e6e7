"""The cache fingerprint changes with every committed planwatch write to this database, and with
nothing else: not a rolled-back write, and on PostgreSQL not a write to another database of the
same server (which moved the WAL position the fingerprint used to be)."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from planwatch.services.plans import load_plan
from planwatch.store import open_database
from tests.conftest import EXAMPLE


def test_committed_writes_change_it_and_rolled_back_ones_do_not(db_url: str) -> None:
    db = open_database(db_url)
    load_plan(db, EXAMPLE)
    before = db.data_fingerprint()
    assert before is not None and db.data_fingerprint() == before      # reads change nothing
    with pytest.raises(RuntimeError), db.transaction() as conn:
        conn.execute(text("UPDATE observations SET note = 'x'"))
        raise RuntimeError("abandon the write")
    if db.dialect == "postgresql":              # SQLite's file stamp may move on a rollback: a harmless miss
        assert db.data_fingerprint() == before
    with db.transaction() as conn:
        conn.execute(text("UPDATE observations SET note = 'y' WHERE indicator = 'gdp'"))
    assert db.data_fingerprint() != before
    db.dispose()


@pytest.mark.postgres
def test_a_write_elsewhere_on_the_server_leaves_it_alone(postgres_url: str, request: pytest.FixtureRequest) -> None:
    ours = open_database(postgres_url)
    load_plan(ours, EXAMPLE)
    before = ours.data_fingerprint()
    # another planwatch database on the same PostgreSQL server (a second schema), written to
    other_url = request.getfixturevalue("postgres_url_other")
    other = open_database(other_url)
    load_plan(other, EXAMPLE)
    assert ours.data_fingerprint() == before
    ours.dispose()
    other.dispose()
