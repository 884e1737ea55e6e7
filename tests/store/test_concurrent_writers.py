"""Two writers at once (issue 13, finding 5), on SQLite and PostgreSQL: the audit trail records the
true old value, and two first loads of the same plan both succeed.

To make the two overlap for certain, the first writer is held inside its transaction (after its
reads and writes, before its commit) until the second has written or a second has passed: without a
writer lock the second reads the old committed state meanwhile and records a stale old value (or
collides on a unique key); with the lock it waits and then sees the first's commit."""

from __future__ import annotations

import threading
from typing import Any

import pytest

from tests.conftest import EXAMPLE

HOLD_SECONDS = 1.0


def _hold_first_call(monkeypatch: pytest.MonkeyPatch, module: Any, name: str) -> threading.Event:
    """Wrap ``module.name``: the first call, once done, waits (inside the caller's transaction) for
    the second call to finish or for HOLD_SECONDS. Returns the event set once the first call is done."""
    real = getattr(module, name)
    lock = threading.Lock()
    calls = [0]
    first_done, second_done = threading.Event(), threading.Event()

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with lock:
            calls[0] += 1
            number = calls[0]
        result = real(*args, **kwargs)
        if number == 1:
            first_done.set()
            second_done.wait(timeout=HOLD_SECONDS)
        else:
            second_done.set()
        return result

    monkeypatch.setattr(module, name, wrapper)
    return first_done


def _run_two(first: Any, second: Any, first_done: threading.Event) -> list[BaseException]:
    errors: list[BaseException] = []

    def guarded(job: Any) -> None:
        try:
            job()
        except BaseException as exc:  # noqa: BLE001 - reported by the test
            errors.append(exc)

    a = threading.Thread(target=guarded, args=(first,))
    a.start()
    assert first_done.wait(timeout=60), "the first writer did not get to its write"
    b = threading.Thread(target=guarded, args=(second,))
    b.start()
    a.join(timeout=120)
    b.join(timeout=120)
    return errors


def test_two_writes_of_the_same_figure_audit_the_true_old_value(db_url: str,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    import planwatch.services.collect as collect
    from planwatch.services.plans import load_plan
    from planwatch.services.users import LOCAL_ADMIN
    from planwatch.store import collect as q
    from planwatch.store import open_database

    db = open_database(db_url)
    try:
        load_plan(db, EXAMPLE)
        first_done = _hold_first_call(monkeypatch, collect, "save_observations")

        def write(value: str) -> Any:
            return lambda: collect.write_observations(db, [{"indicator": "gdp", "region": "吴江区", "period": "2025H1",
                                                            "value": value}], actor=LOCAL_ADMIN,
                                                      accept_warnings=True)

        errors = _run_two(write("1300.00"), write("1310.00"), first_done)
        assert not errors, errors
        with db.connect() as conn:
            rows = [r for r in q.read_audit(conn, indicator="gdp", subject="observations") if r.period == "2025H1"]
        updates = [(r.old or {}).get("value") for r in rows[-2:]], [(r.new or {}).get("value") for r in rows[-2:]]
        olds, news = updates
        assert news == ["1300.00", "1310.00"]
        assert olds == ["1285.41", "1300.00"]       # the second saw the first's commit
    finally:
        db.dispose()


def test_two_first_loads_of_the_same_plan_both_succeed(db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import planwatch.services.plans as plans
    from planwatch.store import list_plans, open_database

    first_done = _hold_first_call(monkeypatch, plans, "save_plan")
    dbs = [open_database(db_url), open_database(db_url)]
    try:
        results: list[Any] = []
        errors = _run_two(lambda: results.append(plans.load_plan(dbs[0], EXAMPLE)),
                          lambda: results.append(plans.load_plan(dbs[1], EXAMPLE)), first_done)
        assert not errors, errors
        assert len(results) == 2
        assert results[0].changes.count("inserted") > 0
        assert results[1].changes.count("inserted") == 0      # the second found everything written
        with dbs[0].connect() as conn:
            assert len(list_plans(conn)) == 1
    finally:
        for db in dbs:
            db.dispose()
