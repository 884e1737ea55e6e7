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
from sqlalchemy.exc import IntegrityError, OperationalError, SQLAlchemyError

from planwatch.errors import PlanwatchError
from planwatch.store import queries

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).parent / "migrations"


class DatabaseError(PlanwatchError):
    status = 503
    code = "database_unavailable"


class WriteConflict(PlanwatchError):
    """Another write changed the same rows at the same moment (should not happen with the writer
    lock below; said plainly if a database outside planwatch's control does it)."""

    status = 409
    code = "write_conflict"


# Any constant: with the schema, the key of the PostgreSQL advisory lock that serialises planwatch's
# writers. Advisory locks are per database; the schema part keeps two planwatch databases kept as
# schemas of one database (as the tests do) from waiting on each other.
WRITER_LOCK_KEY = 0x706C6177   # "plaw"


class Database:
    """A planwatch database. ``transaction()`` is all-or-nothing; ``connect()`` is for reads.

    Writers are serialised, so that what a write reads inside its transaction (the old value an
    audit row records, whether a row exists yet) is still true when it commits: on SQLite the
    transaction starts with ``BEGIN IMMEDIATE`` (the write lock is taken before the first read), on
    PostgreSQL it first takes a transaction-level advisory lock for its schema (each statement of READ COMMITTED then
    sees every write committed before it). Reads never wait for writers."""

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
        try:
            with self.engine.connect() as connection:
                connection.execution_options(planwatch_writer=True)
                with connection.begin():
                    if self.dialect == "postgresql":
                        connection.exec_driver_sql(
                            f"SELECT pg_advisory_xact_lock({WRITER_LOCK_KEY}, hashtext(current_schema()))")
                        # the cache fingerprint of this database (rolled back with the transaction)
                        connection.exec_driver_sql("INSERT INTO data_version (id, n) VALUES (1, 1) ON CONFLICT (id) "
                                                   "DO UPDATE SET n = data_version.n + 1")
                    queries.begin_writes(connection)
                    yield connection
                    queries.settle(connection)   # what the transaction wrote, in region_versions
        except IntegrityError as exc:
            raise WriteConflict("其他操作同时写入了相同的数据，本次未写入任何内容；请稍后重试",
                                problems=[]) from exc
        except OperationalError as exc:
            if "locked" in str(exc.orig).lower() or "busy" in str(exc.orig).lower():
                raise DatabaseError("数据库正被另一项写入占用，等待超时；本次未写入任何内容，请稍后重试") from exc
            raise

    @contextmanager
    def connect(self) -> Iterator[Connection]:
        with self.engine.connect() as connection:
            yield connection

    def data_fingerprint(self) -> tuple[object, ...] | None:
        """A cheap value that changes whenever the database's data may have changed (any committed
        write, from this process or another), so that computed views can be reused until then.
        SQLite: size and modification time of the database file and its write-ahead log;
        PostgreSQL: the data version every planwatch write transaction raises (not the server's WAL
        position, which any database of the cluster moves). None when unknown (then nothing should
        be reused)."""
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
                    version = conn.exec_driver_sql("SELECT n FROM data_version WHERE id = 1").scalar()
                    return None if version is None else (version,)
            except Exception:  # no such table yet or no permission: do not reuse anything
                return None
        return None

    def dispose(self) -> None:
        self.engine.dispose()


def _sqlite_pragmas(dbapi_connection: DBAPIConnection, _record: object) -> None:
    # planwatch emits BEGIN itself (below): pysqlite's own BEGIN comes only before the first
    # INSERT/UPDATE, after the reads, which is too late to serialise writers.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=30000")   # a writer waits up to 30 s for another to finish
    cursor.close()
    # exact sums of the numbers stored as text (the roll-ups' GROUP BY; PostgreSQL uses NUMERIC)
    dbapi_connection.create_aggregate("dsum", 1, queries.DecimalSum)


def _note_write(connection: Connection, _cursor: object, statement: str, *_args: object) -> None:
    queries.note_write(connection, statement)


def _sqlite_begin(connection: Connection) -> None:
    writer = connection.get_execution_options().get("planwatch_writer", False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if writer else "BEGIN")


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
        event.listen(engine, "begin", _sqlite_begin)
    event.listen(engine, "before_cursor_execute", _note_write)
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
