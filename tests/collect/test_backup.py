"""Whole-database export and restore: exact round trip on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import zipfile

from tests.collect.conftest import add_user, fill_form, make_form
from tests.conftest import EXAMPLE


def _all_rows(url):  # type: ignore[no-untyped-def]
    """Every row of every table, read directly, in a backend-neutral form."""
    from sqlalchemy import select

    from planwatch.store import open_database
    from planwatch.store.tables import metadata

    db = open_database(url)
    out = {}
    with db.connect() as conn:
        for table in metadata.sorted_tables:
            rows = []
            for row in conn.execute(select(table).order_by(*table.primary_key.columns)):
                rows.append({k: (v.replace(tzinfo=None).isoformat() if hasattr(v, "isoformat") else v)
                             for k, v in row._mapping.items()})
            out[table.name] = rows
    db.dispose()
    return out


def _populate(url, tmp_path, cli):  # type: ignore[no-untyped-def]
    assert cli("load", str(EXAMPLE), "--db", url).exit_code == 0
    add_user(url, "统计小李", "reporter", "统计局")
    path = make_form(url, tmp_path, "统计局", period="2025H1")
    fill_form(path, {"gdp": {"本期数值": 1290.5, "同比增长（%）": 6.2}})
    assert cli("import", str(path), "--as", "统计小李", "--db", url).exit_code == 0
    assert cli("period", "submit", "--period", "2025H1", "--as", "统计小李", "--db", url).exit_code == 0
    assert cli("token", "create", "统计小李", "--db", url).exit_code == 0


def test_export_then_restore_into_an_empty_database_gives_identical_data(db_url, tmp_path, cli):
    _populate(db_url, tmp_path, cli)
    backup = tmp_path / "backup.zip"
    result = cli("export", str(backup), "--db", db_url)
    assert result.exit_code == 0, result.stderr
    with zipfile.ZipFile(backup) as zf:
        manifest = json.loads(zf.read("manifest.json"))
    assert manifest["format"] == "planwatch-backup" and manifest["schema_revision"]
    assert manifest["tables"]["observations"] > 100 and manifest["tables"]["audit_log"] >= 2

    target = f"sqlite:///{tmp_path / 'restored.sqlite'}"
    restored = cli("restore", str(backup), "--db", target)
    assert restored.exit_code == 0, restored.stderr
    original, copy = _all_rows(db_url), _all_rows(target)
    assert original == copy
    assert len(copy["users"]) == 1 and copy["period_states"][0]["state"] == "已提交"

    # restoring into the same backend as well (PostgreSQL sequences must continue after the restored ids)
    again = tmp_path / "again.zip"
    assert cli("export", str(again), "--db", target).exit_code == 0
    assert cli("restore", str(again), "--db", db_url).exit_code == 2          # not empty
    assert cli("restore", str(again), "--force", "--db", db_url).exit_code == 0
    assert _all_rows(db_url) == original
    add_user(db_url, "新用户", "viewer")                                       # ids continue
    assert len(_all_rows(db_url)["users"]) == 2


def test_restore_refuses_a_non_empty_database_and_writes_nothing(example_db_url, tmp_path, cli, sqlite_url):
    backup = tmp_path / "b.zip"
    assert cli("export", str(backup), "--db", example_db_url).exit_code == 0
    add_user(sqlite_url, "只读", "viewer")
    before = _all_rows(sqlite_url)
    result = cli("restore", str(backup), "--db", sqlite_url)
    assert result.exit_code == 2 and "--force" in result.stderr and "users 1 行" in result.stderr
    assert _all_rows(sqlite_url) == before


def test_restore_rejects_a_damaged_or_foreign_file(tmp_path, cli, sqlite_url):
    bad = tmp_path / "bad.zip"
    bad.write_bytes(b"not a zip")
    result = cli("restore", str(bad), "--db", sqlite_url)
    assert result.exit_code == 2 and "备份文件" in result.stderr
    other = tmp_path / "other.zip"
    with zipfile.ZipFile(other, "w") as zf:
        zf.writestr("manifest.json", json.dumps({"format": "planwatch-backup", "schema_revision": "9999",
                                                 "tables": {}}))
    result = cli("restore", str(other), "--db", sqlite_url)
    assert result.exit_code == 2 and "9999" in result.stderr
