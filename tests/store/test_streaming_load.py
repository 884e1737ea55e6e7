"""Streaming loads on SQLite and PostgreSQL: observations as CSV in a plan folder, written in chunks
through store.bulk (COPY / raw executemany, and the SQLAlchemy path), all-or-nothing, idempotent."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from planwatch.errors import InputError, Locked
from planwatch.model import Period
from planwatch.services.plans import load_plan
from planwatch.store import Database, list_plans, open_database
from planwatch.store import read_plan as read_stored
from planwatch.store.bulk import BULK
from planwatch.store.collect import read_audit, row_counts

COLUMNS = ["indicator", "region", "period", "value", "unit", "growth", "note", "source", "estimate", "status"]


@pytest.fixture(params=["bulk", "core"])
def writer(request: pytest.FixtureRequest) -> Iterator[str]:
    """Both insert paths of store.bulk: COPY / raw executemany, and SQLAlchemy Core executemany."""
    BULK.enabled = request.param == "bulk"
    try:
        yield request.param
    finally:
        BULK.enabled = True


def _header(folder: Path, towns: int, indicators: int) -> None:
    regions = ["  - {code: \"990000\", name: 样本省, level: 省}"]
    regions += [f"  - {{code: t{n:04d}, name: 样本{n}镇, level: 乡镇街道, parent: \"990000\"}}" for n in range(towns)]
    inds = [f"  - {{code: ind{i:02d}, name: 样本指标{i}, unit: 亿元, category: 经济发展}}" for i in range(indicators)]
    (folder / "plan.yaml").write_text(
        "plan: {region: \"990000\", year: 2025, title: 样本省2025年计划}\ncategories: [经济发展]\n"
        "regions:\n" + "\n".join(regions) + "\nindicators:\n" + "\n".join(inds) + "\n", encoding="utf-8")


def _rows(towns: int, indicators: int, months: int = 12) -> list[dict[str, Any]]:
    out = []
    for n in range(towns):
        for i in range(indicators):
            for m in range(1, months + 1):
                out.append({"indicator": f"ind{i:02d}", "region": f"t{n:04d}", "period": f"2025M01-{m:02d}",
                            "value": f"{100 + i + n + m}.{m % 10}0", "unit": "亿元", "growth": f"{m - 3}.5",
                            "note": "快报" if m == 6 else "", "source": "统计局月报" if i == 0 else "",
                            "estimate": "1" if m == 12 else "0", "status": "保持稳定" if i == 1 else ""})
    return out


def csv_folder(folder: Path, towns: int = 4, indicators: int = 5, rows: list[dict[str, Any]] | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    _header(folder, towns, indicators)
    with (folder / "observations.csv").open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, COLUMNS)
        writer.writeheader()
        writer.writerows(rows if rows is not None else _rows(towns, indicators))
    return folder


def yaml_folder(folder: Path, towns: int = 4, indicators: int = 5) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    _header(folder, towns, indicators)
    lines = ["observations:"]
    for r in _rows(towns, indicators):
        fields = [f"indicator: {r['indicator']}", f"region: {r['region']}", f"period: \"{r['period']}\"",
                  f"value: {r['value']}", f"unit: {r['unit']}", f"growth: {r['growth']}",
                  f"estimate: {'true' if r['estimate'] == '1' else 'false'}"]
        fields += [f"{k}: {r[k]}" for k in ("note", "status") if r[k]]
        if r["source"]:
            fields.append(f"source: {{note: {r['source']}}}")
        lines.append("  - {" + ", ".join(fields) + "}")
    (folder / "observations.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def _stored(db: Database) -> list[tuple[Any, ...]]:
    """Every stored observation without its source locator (file and line differ between formats)."""
    with db.connect() as conn:
        plan_id = list_plans(conn)[0].id
        plan = read_stored(conn, plan_id)
    return sorted((o.key, o.value, o.unit, o.growth, o.growth_basis, o.note, o.status, o.estimate,
                   o.source.kind if o.source else None, o.source.note if o.source else None)
                  for o in plan.observations)


def _audit(db: Database) -> list[tuple[Any, ...]]:
    with db.connect() as conn:
        return sorted((a.action, a.subject, a.indicator, a.region, a.period, str(a.old), str(a.new), str(a.source))
                      for a in read_audit(conn))


def test_csv_observations_load_like_yaml_ones(db_url: str, tmp_path: Path, writer: str) -> None:
    db = open_database(db_url)
    result = load_plan(db, csv_folder(tmp_path / "csv"))
    assert result.changes.inserted["observations"] == 4 * 5 * 12
    from_csv = _stored(db)
    db.dispose()
    other = open_database(f"sqlite:///{tmp_path / 'yaml.sqlite'}")
    load_plan(other, yaml_folder(tmp_path / "yaml"))
    assert _stored(other) == from_csv
    other.dispose()
    by_key = {row[0]: row for row in from_csv}
    assert str(by_key[("ind00", "t0000", Period.parse("2025M01").code)][1]) == "101.10"   # precision as written


def test_loading_the_same_csv_twice_writes_and_audits_nothing(db_url: str, tmp_path: Path, writer: str) -> None:
    db = open_database(db_url)
    folder = csv_folder(tmp_path / "plan")
    first = load_plan(db, folder, chunk_rows=50)
    audit_rows = row_counts_of(db, "audit_log")
    second = load_plan(db, folder, chunk_rows=50)
    assert first.changes.count("inserted") > 240
    assert second.changes.is_empty and second.changes.count("unchanged") == first.changes.count("inserted")
    assert row_counts_of(db, "audit_log") == audit_rows
    db.dispose()


def row_counts_of(db: Database, table: str) -> int:
    with db.connect() as conn:
        return row_counts(conn)[table]


def test_small_chunks_write_and_audit_what_one_chunk_does(db_url: str, tmp_path: Path, writer: str) -> None:
    changed = _rows(6, 5)
    for row in changed[::7]:
        row["value"] = "9.99"
    folder = tmp_path / "plan"

    def run(url: str, chunk: int) -> tuple[list[Any], list[Any], int]:
        db = open_database(url)
        load_plan(db, csv_folder(folder, towns=6), chunk_rows=chunk)
        result = load_plan(db, csv_folder(folder, towns=6, rows=changed), chunk_rows=chunk)
        out = _stored(db), _audit(db), result.changes.count("updated")
        db.dispose()
        return out

    small = run(db_url, 100)
    whole = run(f"sqlite:///{tmp_path / 'whole.sqlite'}", 1_000_000)
    assert small[2] == whole[2] == len(changed[::7])
    assert small[0] == whole[0]
    assert small[1] == whole[1]
    assert len(small[1]) == 6 * 5 * 12 + len(changed[::7]) + (1 + 7 + 5)   # observations, updates, plan rows


def test_an_error_in_row_40000_writes_nothing_and_says_where(db_url: str, tmp_path: Path, writer: str) -> None:
    rows = _rows(towns=340, indicators=10)          # 40,800 rows
    rows[39_999]["value"] = "12.3.4"                # row 40,000: line 40,001 of the file
    folder = csv_folder(tmp_path / "plan", towns=340, indicators=10, rows=rows)
    db = open_database(db_url)
    with pytest.raises(InputError) as caught:
        load_plan(db, folder, chunk_rows=5_000)
    problems = caught.value.problems
    assert len(problems) == 1
    where = problems[0].location
    assert where is not None and where.file == str(folder / "observations.csv")
    assert (where.line, where.field) == (40_001, "value")
    with db.connect() as conn:
        assert list_plans(conn) == []
        assert row_counts(conn)["observations"] == 0 and row_counts(conn)["audit_log"] == 0
    db.dispose()


def test_problems_are_listed_up_to_a_cap_and_all_counted(tmp_path: Path) -> None:
    rows = _rows(towns=10, indicators=5)
    for row in rows[:450]:
        row["growth"] = "-150"
    rows[500]["indicator"] = "nope"
    rows.append(dict(rows[550]))                    # the same key twice
    db = open_database(f"sqlite:///{tmp_path / 'db.sqlite'}")
    with pytest.raises(InputError) as caught:
        load_plan(db, csv_folder(tmp_path / "plan", towns=10, indicators=5, rows=rows))
    assert "452 处错误" in caught.value.message and "列出前 200 处" in caught.value.message
    assert len(caught.value.problems) == 200
    assert all(p.location is not None and p.location.field == "growth" for p in caught.value.problems)
    db.dispose()


def test_a_duplicate_between_yaml_and_csv_is_refused(tmp_path: Path) -> None:
    folder = csv_folder(tmp_path / "plan", towns=1, indicators=1)
    (folder / "more.yaml").write_text('observations:\n  - {indicator: ind00, region: t0000, period: "2025M01-03", '
                                      "value: 1}\n", encoding="utf-8")
    db = open_database(f"sqlite:///{tmp_path / 'db.sqlite'}")
    with pytest.raises(InputError) as caught:
        load_plan(db, folder)
    [problem] = caught.value.problems
    assert "重复" in problem.message and problem.location is not None
    assert (problem.location.file, problem.location.line) == (str(folder / "observations.csv"), 4)
    db.dispose()


def test_a_locked_period_refuses_the_whole_load(db_url: str, tmp_path: Path) -> None:
    from planwatch.services.users import LOCAL_ADMIN
    from planwatch.services.workflow import transition

    db = open_database(db_url)
    load_plan(db, csv_folder(tmp_path / "plan"))
    for action in ("submit", "review", "lock"):
        transition(db, action, region="t0003", period="2025M01-12", actor=LOCAL_ADMIN)
    before, audit = _stored(db), row_counts_of(db, "audit_log")
    changed = _rows(4, 5)
    for row in changed:
        row["value"] = "7.00"           # every row changes, the last town's 1—12月 among them
    with pytest.raises(Locked):
        load_plan(db, csv_folder(tmp_path / "changed", rows=changed), chunk_rows=30)
    assert _stored(db) == before and row_counts_of(db, "audit_log") == audit
    db.dispose()


def test_cli_load_shows_progress_on_stderr_only(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = csv_folder(tmp_path / "plan")
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    shown = cli("load", str(folder), "--db", url, "--progress")
    assert shown.exit_code == 0, shown.stderr
    assert "载入观测值" in shown.stderr and "240/240" in shown.stderr
    assert "新增" in shown.stdout and "载入观测值" not in shown.stdout
    quiet = cli("load", str(folder), "--db", url, "--no-progress")
    assert quiet.exit_code == 0 and quiet.stderr == "" and "未变" in quiet.stdout


def test_cli_load_of_a_bad_csv_exits_2_naming_file_line_and_field(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    rows = _rows(4, 5)
    rows[10]["value"] = "abc"
    folder = csv_folder(tmp_path / "plan", rows=rows)
    result = cli("load", str(folder), "--db", f"sqlite:///{tmp_path / 'db.sqlite'}")
    assert result.exit_code == 2
    output = result.stdout + result.stderr
    assert "observations.csv" in output and "12" in output and "value" in output
    assert "Traceback" not in output


def test_cli_import_shows_progress_on_stderr_only(cli, example_db_url: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "figures.csv"
    path.write_text("indicator,region,period,value\ngdp,吴江区,2025H1,1290\nfai,吴江区,2025H1,700\n", encoding="utf-8")
    result = cli("import", str(path), "--db", example_db_url, "--progress")
    assert result.exit_code == 0, result.stderr
    assert "写入数据" in result.stderr and "2/2" in result.stderr
    assert "导入完成" in result.stdout and "写入数据" not in result.stdout


def test_read_plan_includes_the_csv_observations(tmp_path: Path) -> None:
    from planwatch.ingest.plan_file import read_plan
    from planwatch.model import SourceKind

    plan = read_plan(csv_folder(tmp_path / "plan", towns=2, indicators=3))
    assert len(plan.observations) == 2 * 3 * 12
    first = plan.observations[0]
    assert first.source is not None and first.source.kind is SourceKind.PLAN_FILE
    assert first.source.locator == f"{tmp_path / 'plan' / 'observations.csv'}:2"
    assert first.source.note == "统计局月报" and first.unit == "亿元" and str(first.value) == "101.10"


def test_bulk_written_audit_rows_read_back_like_single_ones(db_url: str, tmp_path: Path, writer: str) -> None:
    """Timestamps written by COPY / raw executemany read back as SQLAlchemy's own (comparable, same zone)."""
    from planwatch.store.collect import write_audit

    db = open_database(db_url)
    load_plan(db, csv_folder(tmp_path / "plan", towns=1, indicators=1))
    with db.transaction() as conn:
        write_audit(conn, user="t", action="workflow", subject="period_states")
    with db.connect() as conn:
        rows = read_audit(conn)
    assert len({a.at.tzinfo is None for a in rows}) == 1
    assert max(a.at for a in rows) == rows[-1].at       # comparable with each other
    db.dispose()


def test_a_chunked_load_raises_the_cache_versions_of_the_towns_it_changed_only(db_url: str, tmp_path: Path,
                                                                                 writer: str) -> None:
    """COPY and raw executemany bypass SQLAlchemy's statement events, so the load must name what it
    touched itself: the web's cached views of the towns a reload changed go stale, the others stay."""
    from planwatch.store import queries

    db = open_database(db_url)
    load_plan(db, csv_folder(tmp_path / "plan"), chunk_rows=50)
    changed = _rows(4, 5)
    for row in changed:
        if row["region"] == "t0002" and row["period"] == "2025M01-06":
            row["value"] = "7.77"                                               # an update

    def town_versions() -> dict[str, tuple[Any, ...]]:
        with db.connect() as conn:
            return {town: queries.versions(conn, [town]) for town in ("t0000", "t0001", "t0002", "t0003")}

    before = town_versions()
    load_plan(db, csv_folder(tmp_path / "plan", rows=changed), chunk_rows=50)
    after = town_versions()
    untouched = [t for t in before if after[t] == before[t]]
    assert untouched == ["t0000", "t0001", "t0003"], (before, after)
    db.dispose()


def test_a_table_written_only_through_bulk_still_makes_the_cache_stale(db_url: str, writer: str) -> None:
    """A write that no touch() names (a new document) is caught by queries.settle on both insert paths."""
    from planwatch.model import Document
    from planwatch.store import ChangeSet, queries
    from planwatch.store.plans import save_documents

    db = open_database(db_url)
    with db.connect() as conn:
        before = queries.any_version(conn)
    with db.transaction() as conn:
        save_documents(conn, [Document(code="d1", title="报告", text="正文")], ChangeSet())
    with db.connect() as conn:
        after = queries.any_version(conn)
    assert after[0] > before[0] and after[1] > before[1]
    db.dispose()
