"""Open a database (SQLite file or PostgreSQL), bring its schema to the newest migration,
and hand out connections and transactions. Callers own transactions; store functions never commit."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.exc import OperationalError, SQLAlchemyError

from planwatch.errors import PlanwatchError

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).parent / "migrations"


class DatabaseError(PlanwatchError):
    status = 503
    code = "database_unavailable"


class Database:
    """A planwatch database. ``transaction()`` is all-or-nothing; ``connect()`` is for reads."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        with self.engine.begin() as connection:
            yield connection

    @contextmanager
    def connect(self) -> Iterator[Connection]:
        with self.engine.connect() as connection:
            yield connection

    def data_fingerprint(self) -> tuple[object, ...] | None:
        """A cheap value that changes whenever the database's data may have changed (any committed
        write, from this process or another), so that computed views can be reused until then.
        SQLite: size and modification time of the database file and its write-ahead log;
        PostgreSQL: the current WAL position. None when unknown (then nothing should be reused)."""
        import os

        url = self.engine.url
        if self.dialect == "sqlite":
            path = url.database
            if not path or path == ":memory:":
                return None
            out: list[object] = []
            for name in (path, path + "-wal"):
                try:
                    st = os.stat(name)
                except FileNotFoundError:
                    out.append(None)
                    continue
                out.append((st.st_mtime_ns, st.st_size, st.st_ino))
            return tuple(out)
        if self.dialect == "postgresql":
            try:
                with self.connect() as conn:
                    return (str(conn.exec_driver_sql("SELECT pg_current_wal_lsn()").scalar()),)
            except Exception:  # no permission or not a primary: do not reuse anything
                return None
        return None

    def dispose(self) -> None:
        self.engine.dispose()


def _sqlite_pragmas(dbapi_connection: DBAPIConnection, _record: object) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def open_database(url: str, *, migrate: bool = True) -> Database:
    """Open the database at ``url`` (creating the SQLite file and its folder on first use) and
    upgrade its schema to the newest Alembic revision."""
    parsed = make_url(url)
    kwargs: dict[str, object] = {"future": True}
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    else:
        kwargs["pool_pre_ping"] = True
    engine = create_engine(url, **kwargs)
    if parsed.get_backend_name() == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    database = Database(engine)
    if migrate:
        try:
            upgrade(database)
        except OperationalError as exc:
            raise DatabaseError(f"无法连接数据库 {database.url}：{exc.orig}") from None
        except SQLAlchemyError as exc:
            raise DatabaseError(f"数据库 {database.url} 出错：{exc}") from None
    return database


def _alembic_config(connection: Connection) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def upgrade(database: Database) -> None:
    """Run pending migrations (a no-op when the schema is current)."""
    from alembic import command
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    with database.engine.begin() as connection:
        current = MigrationContext.configure(connection).get_current_heads()
        config = _alembic_config(connection)
        heads = ScriptDirectory.from_config(config).get_heads()
        if set(current) == set(heads):
            return
        command.upgrade(config, "head")


def table_names(database: Database) -> list[str]:
    return sorted(inspect(database.engine).get_table_names())
