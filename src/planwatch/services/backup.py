"""Backups: a whole database to one portable file and back.

The file is a zip holding ``manifest.json`` (format, schema revision, creation time, row counts)
and ``tables/<name>.json`` (every row, in primary-key order; datetimes as ``{"$datetime": iso}``).
It moves between SQLite and PostgreSQL. Restore refuses a database that already holds data unless
``force`` is given, refuses a file of another schema revision, and runs in one transaction.
"""

from __future__ import annotations

import json
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from planwatch.errors import InputError
from planwatch.services.users import LOCAL_ADMIN, User
from planwatch.store import Database
from planwatch.store import collect as q

FORMAT = "planwatch-backup"
VERSION = 1


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    revision: str | None
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def export_database(db: Database, path: Path) -> BackupInfo:
    path = Path(path)
    with db.connect() as conn:
        revision = q.schema_revision(conn)
        data = q.dump_tables(conn)
    counts = {name: len(rows) for name, rows in data.items()}
    manifest = {"format": FORMAT, "version": VERSION, "schema_revision": revision,
                "created_at": datetime.now(UTC).isoformat(timespec="seconds"), "dialect": db.dialect,
                "tables": counts}
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2))
        for name, rows in data.items():
            zf.writestr(f"tables/{name}.json", json.dumps(rows, ensure_ascii=False, separators=(",", ":")))
    tmp.replace(path)
    return BackupInfo(path, revision, counts)


def restore_database(db: Database, path: Path, *, force: bool = False, actor: User = LOCAL_ADMIN) -> BackupInfo:
    from planwatch.errors import PermissionDenied

    if not actor.is_admin:
        raise PermissionDenied("只有管理员可以恢复数据库")
    path = Path(path)
    name = path.name
    try:
        with zipfile.ZipFile(path) as zf:
            manifest = json.loads(zf.read("manifest.json"))
            if manifest.get("format") != FORMAT:
                raise InputError(f"{name} 不是 planwatch 备份文件")
            data = {table: json.loads(zf.read(f"tables/{table}.json")) for table in manifest.get("tables", {})}
    except FileNotFoundError:
        raise InputError(f"找不到备份文件 {path}") from None
    except (zipfile.BadZipFile, KeyError, json.JSONDecodeError) as exc:
        raise InputError(f"{name} 不是有效的 planwatch 备份文件：{exc}") from None
    for table, rows in data.items():
        expected = manifest["tables"][table]
        if len(rows) != expected:
            raise InputError(f"{name} 已损坏：表 {table} 应有 {expected} 行，实有 {len(rows)} 行")
    with db.transaction() as conn:
        revision = q.schema_revision(conn)
        if manifest.get("schema_revision") != revision:
            raise InputError(f"{name} 的数据库结构版本为 {manifest.get('schema_revision')}，当前数据库为 {revision}；"
                             "请用相同版本的 planwatch 恢复")
        existing = {t: n for t, n in q.row_counts(conn).items() if n}
        if existing and not force:
            summary = "、".join(f"{t} {n} 行" for t, n in existing.items())
            raise InputError(f"目标数据库不是空的（{summary}）；确认覆盖请加 --force")
        q.clear_tables(conn)
        try:
            counts = q.load_tables(conn, data)
        except KeyError as exc:
            raise InputError(f"{name} 含有当前版本没有的表或列：{exc.args[0]}") from None
    return BackupInfo(path, revision, counts)
