"""Shared fixtures: real SQLite files, PostgreSQL in a fresh schema when reachable, the example
database built once per session, and an in-process CLI runner that goes through the same error
boundary as the ``planwatch`` command."""

from __future__ import annotations

import io
import os
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
REFERENCE_NAME = "000_3e05b6c6320dee02.txt"


def _find_shared() -> tuple[Path, bool]:
    """The shared read-only material (scorer, dev set, reference report, GB/T 9704 checker):
    ``$PLANWATCH_SHARED`` when set, else the first ``shared/`` holding the reference report beside
    the checkout or beside one of its parent folders (a git worktree may sit a level deeper).
    Returns (path, found); when nothing is found, the path is the expected ``../shared``."""
    env = os.environ.get("PLANWATCH_SHARED")
    if env:
        path = Path(env).resolve()
        return path, (path / "seeds" / REFERENCE_NAME).is_file()
    for parent in ROOT.parents:
        candidate = parent / "shared"
        if (candidate / "seeds" / REFERENCE_NAME).is_file():
            return candidate, True
    return ROOT.parent / "shared", False


SHARED, SHARED_FOUND = _find_shared()
EXAMPLE = ROOT / "examples" / "wujiang-2025"
REFERENCE_REPORT = SHARED / "seeds" / REFERENCE_NAME


def require_shared(path: Path) -> Path:
    """``path`` (inside SHARED) or a test failure saying where shared/ was looked for. Never a skip:
    a run without the shared material must not pass silently."""
    if not path.exists():
        pytest.fail(f"shared material missing: {path} (put shared/ beside the checkout, or set "
                    f"PLANWATCH_SHARED to its folder)", pytrace=False)
    return path
POSTGRES_URL = os.environ.get("PLANWATCH_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def _postgres_reason() -> str | None:
    try:
        import psycopg

        with psycopg.connect(POSTGRES_URL.replace("postgresql+psycopg://", "postgresql://"), connect_timeout=3):
            return None
    except Exception as exc:  # any failure means: skip, and say why
        return f"PostgreSQL not reachable at {POSTGRES_URL}: {type(exc).__name__}: {str(exc).strip()[:120]}"


_PG_SKIP = _postgres_reason()


def pytest_report_header(config: pytest.Config) -> list[str]:
    import sqlite3

    shared = f"shared: {SHARED}" if SHARED_FOUND else f"shared: NOT FOUND (expected {SHARED}; tests that need it fail)"
    return [f"sqlite {sqlite3.sqlite_version}; postgres: {'available' if _PG_SKIP is None else _PG_SKIP}", shared]


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'planwatch.sqlite'}"


@contextmanager
def fresh_postgres_schema() -> Iterator[str]:
    """A PostgreSQL URL whose connections use a new schema, dropped afterwards (skips without PostgreSQL)."""
    if _PG_SKIP is not None:
        pytest.skip(_PG_SKIP)
    import psycopg

    schema = f"pw_test_{uuid.uuid4().hex[:10]}"
    plain = POSTGRES_URL.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(plain, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    sep = "&" if "?" in POSTGRES_URL else "?"
    try:
        yield f"{POSTGRES_URL}{sep}options=-csearch_path%3D{schema}"
    finally:
        with psycopg.connect(plain, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A PostgreSQL URL whose connections use a fresh schema, dropped afterwards."""
    with fresh_postgres_schema() as url:
        yield url


@pytest.fixture
def postgres_url_other() -> Iterator[str]:
    """A second fresh schema on the same server (another planwatch database beside the first)."""
    with fresh_postgres_schema() as url:
        yield url


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest) -> str:
    """A fresh, empty database URL on each backend."""
    if request.param == "sqlite":
        return request.getfixturevalue("sqlite_url")
    return request.getfixturevalue("postgres_url")


@pytest.fixture(scope="session")
def example_db_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file with the 吴江区 example loaded, built once; copy it before writing."""
    from planwatch.services.plans import load_plan
    from planwatch.store import open_database

    path = tmp_path_factory.mktemp("example") / "example.sqlite"
    db = open_database(f"sqlite:///{path}")
    load_plan(db, EXAMPLE)
    db.dispose()
    return path


@pytest.fixture
def example_db_url(example_db_file: Path, tmp_path: Path) -> str:
    """A private copy of the example database (safe to write)."""
    copy = tmp_path / "example.sqlite"
    shutil.copyfile(example_db_file, copy)
    return f"sqlite:///{copy}"


@pytest.fixture
def example_db(example_db_url: str):  # type: ignore[no-untyped-def]
    from planwatch.store import open_database

    db = open_database(example_db_url)
    yield db
    db.dispose()


@dataclass
class CliResult:
    exit_code: int
    stdout: str
    stderr: str


def run_cli(*args: str) -> CliResult:
    """Run ``planwatch ARGS`` in-process through the same entry point and error boundary."""
    from planwatch.cli import main

    out, err = io.StringIO(), io.StringIO()
    code = 0
    with redirect_stdout(out), redirect_stderr(err):
        try:
            main(list(args))
        except SystemExit as exc:
            code = int(exc.code or 0)
    return CliResult(code, out.getvalue(), err.getvalue())


@pytest.fixture
def cli():  # type: ignore[no-untyped-def]
    return run_cli
