"""The one writer of many rows: every load, import and audit trail inserts and updates through here.

New rows go the fastest way each database offers, inside the caller's transaction (the raw DBAPI
connection of the SQLAlchemy ``Connection`` is the same connection, so the same transaction):

- PostgreSQL (psycopg 3): ``COPY table (columns) FROM STDIN``;
- SQLite: the sqlite3 cursor's ``executemany`` of one prepared ``INSERT``;
- anything else: SQLAlchemy Core executemany.

Values are converted by the columns' own SQLAlchemy bind processors (JSON to text, datetimes to
SQLite's text form, …), so a row written here reads back exactly as one written by SQLAlchemy.
Updates stay SQLAlchemy executemany in batches. ``BULK`` False (tests) forces the Core path, so
both paths stay covered. The raw paths bypass SQLAlchemy's cursor events, so they tell
store.queries themselves which table they wrote (the web cache's safety net, queries.settle).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from operator import itemgetter
from typing import Any

from sqlalchemy import JSON, Connection, Table, and_, bindparam, insert, update

from planwatch.store import queries

#: Rows per executemany / per COPY flush: large enough that round trips vanish, small enough to bound memory.
BATCH_ROWS = 2000


class _Switch:
    """Whether inserts use COPY / raw executemany (True) or SQLAlchemy Core (False)."""

    enabled = True


BULK = _Switch()


def insert_rows(conn: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert ``rows`` (dicts with the same keys) into ``table`` in the caller's transaction."""
    if not rows:
        return
    columns = list(rows[0])
    dialect = conn.dialect.name
    if BULK.enabled and dialect == "postgresql" and conn.dialect.driver == "psycopg":
        _copy(conn, table, columns, rows)
    elif BULK.enabled and dialect == "sqlite":
        _sqlite_executemany(conn, table, columns, rows)
    else:
        for start in range(0, len(rows), BATCH_ROWS):
            conn.execute(insert(table), list(rows[start:start + BATCH_ROWS]))
        return
    # (no before_cursor_execute event on the raw DBAPI cursor: noted here, as the engine notes Core's)
    queries.note_write(conn, f"INSERT INTO {table.name}")


def update_rows(conn: Connection, table: Table, key_columns: Sequence[str], rows: Sequence[dict[str, Any]]) -> None:
    """Update rows found by ``key_columns``: each dict holds the new values and ``key_<column>`` for the key."""
    if not rows:
        return
    statement = (update(table).where(and_(*(table.c[c] == bindparam(f"key_{c}") for c in key_columns)))
                 .values({c: bindparam(c) for c in rows[0] if not c.startswith("key_")}))
    for start in range(0, len(rows), BATCH_ROWS):
        conn.execute(statement, list(rows[start:start + BATCH_ROWS]))


def _processors(conn: Connection, table: Table, columns: Sequence[str]) -> list[Callable[[Any], Any] | None]:
    """The columns' bind processors. JSON is serialised here on both databases (psycopg would
    adapt a list as an array); a None stays SQL NULL (read back as None, like SQLAlchemy's JSON null)."""
    out: list[Callable[[Any], Any] | None] = []
    for c in columns:
        column_type = table.c[c].type
        if isinstance(column_type, JSON):
            out.append(_json_text)
        else:   # the dialect's own type: SQLite keeps datetimes as SQLAlchemy's text, not sqlite3's
            out.append(column_type.dialect_impl(conn.dialect).bind_processor(conn.dialect))
    return out


def _json_text(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False)


def _tuples(conn: Connection, table: Table, columns: Sequence[str],
            rows: Sequence[dict[str, Any]]) -> Iterator[tuple[Any, ...]]:
    """Each row's values in column order, converted by the columns' processors (most have none)."""
    convert = [(i, p) for i, p in enumerate(_processors(conn, table, columns)) if p is not None]
    values_of = itemgetter(*columns)
    if len(columns) == 1:
        for row in rows:
            value = row[columns[0]]
            yield (convert[0][1](value),) if convert else (value,)
        return
    for row in rows:
        values = list(values_of(row))
        for i, process in convert:
            values[i] = process(values[i])
        yield tuple(values)


def _quoted(conn: Connection, table: Table, columns: Sequence[str]) -> tuple[str, str]:
    quote = conn.dialect.identifier_preparer.quote
    return quote(table.name), ", ".join(quote(c) for c in columns)


def _copy(conn: Connection, table: Table, columns: Sequence[str], rows: Sequence[dict[str, Any]]) -> None:
    name, names = _quoted(conn, table, columns)
    raw: Any = conn.connection.dbapi_connection
    with raw.cursor() as cursor, cursor.copy(f"COPY {name} ({names}) FROM STDIN") as copy:
        for values in _tuples(conn, table, columns, rows):
            copy.write_row(values)


def _sqlite_executemany(conn: Connection, table: Table, columns: Sequence[str], rows: Sequence[dict[str, Any]]) -> None:
    name, names = _quoted(conn, table, columns)
    raw: Any = conn.connection.dbapi_connection
    cursor = raw.cursor()
    try:
        cursor.executemany(f"INSERT INTO {name} ({names}) VALUES ({', '.join('?' * len(columns))})",
                           _tuples(conn, table, columns, rows))
    finally:
        cursor.close()
