"""Province scale: how planwatch behaves as a synthetic province grows, each figure next to the
SQL floor for the same question measured in the same run.

The synthetic province (seeded, so every run builds the same data): one province, cities, counties
and towns in the ratio 1 : 12 : 100 : rest, 60 indicators with a level and a growth target per
region, and year-to-date figures for every region and indicator over 24 months (2024M01 … 2025M12).
A size is the number of observations; the number of regions follows from it (size ÷ 1440).

For each size and backend (SQLite file; PostgreSQL at $PLANWATCH_BENCH_POSTGRES_URL or
127.0.0.1:5432/test when reachable, in a throw-away schema) it prints:

- load: observations/s of ``services.plans.load_plan`` end to end (``planwatch load``: the province
  written as plan folders — YAML for the small sections, ``observations.csv`` for the figures —
  parsed, validated, written and audited), its seconds and the peak RSS of the load's own process,
  and the floor: a bare executemany INSERT of the same rows into an empty copy of the table;
- status of a town, a county, a city and the province, cold (first call for that region, on a new
  connection pool; the first call of the process, which also reads the plan frame, separately)
  and warm (repeated), through ``services.status.region_status``; the floor: one indexed SELECT of
  that region's rows for the period; the 下级合计 of a county and of the province;
- API: GET /api/v1/status from 8 concurrent clients against `planwatch serve --workers 2` run as its own process for
  ``--duration`` seconds on 8 towns (repeated), then as long on every town in turn (each request
  for a town not asked recently): p50/p95/p99, the floor (the same SELECT's p95), and RSS before
  and after the second run;
- report: the province's docx drafted by ``services.report.build_report``;
- peak RSS of the process that ran the size (each size runs in its own process).

Run: ``.venv/bin/python benchmarks/province_scale.py [--sizes 10000,100000] [--duration 10]``
(issue 16 asks for ``--sizes 10000,100000,1000000,2000000 --duration 30``). Goals (issue 16): load
≥ 20,000 observations/s; status cold ≤ 5× the floor and < 300 ms, warm < 50 ms; API p95 < 100 ms;
province report < 3 s. The script prints figures and ratios and never fails on a goal.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

INDICATORS, MONTHS = 60, 24
POSTGRES_URL = os.environ.get("PLANWATCH_BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


# ----------------------------------------------------------------------------- the synthetic province
def regions_for(size: int):  # type: ignore[no-untyped-def]
    from planwatch.model import Region, RegionLevel

    count = max(4, size // (INDICATORS * MONTHS))
    cities = max(1, count * 12 // 1000)
    counties = max(1, count * 100 // 1000)
    towns = count - 1 - cities - counties
    out = [Region("990000", "样本省", RegionLevel.PROVINCE)]
    out += [Region(f"99{c + 1:02d}00", f"样本{c + 1}市", RegionLevel.CITY, "990000") for c in range(cities)]
    out += [Region(f"9{k + 1:05d}", f"样本{k + 1}县", RegionLevel.COUNTY, out[1 + k % cities].code)
            for k in range(counties)]
    county_codes = [r.code for r in out if r.level is RegionLevel.COUNTY]
    out += [Region(f"t{t + 1:06d}", f"样本{t + 1}镇", RegionLevel.TOWN, county_codes[t % counties])
            for t in range(max(0, towns))]
    return out


def synthetic_plan(size: int):  # type: ignore[no-untyped-def]
    """The plan without observations (they are streamed by :func:`observations`)."""
    from planwatch.model import Comparison, Indicator, NumericGoal, Plan, Target

    regions = regions_for(size)
    indicators = [Indicator(f"ind{i:02d}", f"样本指标{i}", "亿元", f"类别{i % 5 + 1}", headline=i < 12, order=i)
                  for i in range(INDICATORS)]
    targets = [Target(ind.code, region.code, 2025,
                      level=NumericGoal(Decimal(1000 + i), "亿元", Comparison.AT_LEAST),
                      growth=NumericGoal(Decimal("5.0"), "%", Comparison.AT_LEAST))
               for i, ind in enumerate(indicators) for region in regions]
    return Plan(region="990000", year=2025, title="样本省2025年国民经济和社会发展计划", regions=tuple(regions),
                categories=tuple(sorted({i.category for i in indicators})), indicators=tuple(indicators),
                targets=tuple(targets))


def observations(plan, seed: int = 16) -> Iterator:  # type: ignore[no-untyped-def]
    from planwatch.model import Observation, Period

    rng = random.Random(seed)
    months = [Period.year_to_date(2024 + m // 12, m % 12 + 1) for m in range(MONTHS)]
    for region in plan.regions:
        for i, indicator in enumerate(plan.indicators):
            for period in months:
                value = Decimal(1000 + i) * period.last_month / 12 * Decimal(rng.randint(90, 110)) / 100
                yield Observation(indicator.code, region.code, period, value=value.quantize(Decimal("0.01")),
                                  unit="亿元", growth=Decimal(rng.randint(-20, 120)) / 10)


# ----------------------------------------------------------------------------- measurements
def _ms(seconds: float) -> float:
    return round(seconds * 1000, 1)


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, int(round(share * len(ordered))) - 1))]


def _yaml_text(value: object) -> str:
    """A YAML scalar: quoted, so that codes like 990000 stay text."""
    return json.dumps(str(value), ensure_ascii=False)


def write_plan_folders(plan, root: Path, targets_per_file: int = 5000) -> list[Path]:  # type: ignore[no-untyped-def]
    """The synthetic province as plan folders, the way a 发改委 would keep it: YAML for the small
    sections (plan, regions, indicators; the targets split over files of ``targets_per_file``) and
    the observations as ``observations.csv`` (the exchange format). A plan holds the figures of its
    own year, so the 2024 months go to a 2024 plan folder (same regions and indicators, no targets)."""
    import csv

    folders = {year: root / f"province-{year}" for year in (2025, 2024)}
    regions = "regions:\n" + "".join(
        f"  - {{code: {_yaml_text(r.code)}, name: {_yaml_text(r.name)}, level: {_yaml_text(r.level.value)}"
        + (f", parent: {_yaml_text(r.parent)}" if r.parent else "") + "}\n" for r in plan.regions)
    indicators = "indicators:\n" + "".join(
        f"  - {{code: {i.code}, name: {_yaml_text(i.name)}, unit: {_yaml_text(i.unit)}, "
        f"category: {_yaml_text(i.category)}, headline: {'true' if i.headline else 'false'}}}\n" for i in plan.indicators)
    categories = "categories: [" + ", ".join(_yaml_text(c) for c in plan.categories) + "]\n"
    for year, folder in folders.items():
        folder.mkdir(parents=True)
        title = plan.title.replace("2025", str(year))
        (folder / "plan.yaml").write_text(
            f"plan: {{region: {_yaml_text(plan.region)}, year: {year}, title: {_yaml_text(title)}}}\n"
            + categories + regions + indicators, encoding="utf-8")
    targets = list(plan.targets)
    for n, start in enumerate(range(0, len(targets), targets_per_file)):
        lines = ["targets:"]
        for t in targets[start:start + targets_per_file]:
            assert t.level is not None and t.growth is not None
            lines.append(f"  - {{indicator: {t.indicator}, region: {_yaml_text(t.region)}, "
                         f"level: {{value: {t.level.value}, unit: 亿元, comparison: 不低于}}, "
                         f"growth: {{value: {t.growth.value}, unit: \"%\", comparison: 不低于}}}}")
        (folders[2025] / f"targets-{n:03d}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    files = {year: (folder / "observations.csv").open("w", encoding="utf-8", newline="")
             for year, folder in folders.items()}
    try:
        writers = {year: csv.writer(f, lineterminator="\n") for year, f in files.items()}
        for w in writers.values():
            w.writerow(["indicator", "region", "period", "value", "unit", "growth", "note", "source"])
        for obs in observations(plan):
            writers[obs.period.year].writerow([obs.indicator, obs.region, obs.period.code, obs.value, obs.unit,
                                               obs.growth, "", ""])
    finally:
        for f in files.values():
            f.close()
    return [folders[2025], folders[2024]]


# Runs in a fresh interpreter, so that its peak RSS is the load's own (argv: database URL, folders).
_LOAD_CHILD = """
import json, resource, sys, time
from pathlib import Path
from planwatch.services.plans import load_plan
from planwatch.store import open_database
db = open_database(sys.argv[1])
started, cpu = time.perf_counter(), time.process_time()
rows = 0
for folder in sys.argv[2:]:
    result = load_plan(db, Path(folder), user="benchmark")
    rows += sum(getattr(result.changes, kind).get("observations", 0) for kind in ("inserted", "updated", "unchanged"))
elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
db.dispose()
print(json.dumps({"seconds": elapsed, "cpu_seconds": cpu, "rows": rows,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def measure_load(url: str, size: int) -> dict[str, float]:
    """``planwatch load`` end to end (services.plans.load_plan: files → database, audit included)
    of the province written as plan folders, in a child process (its peak RSS is the load's), next
    to the floor: a bare executemany INSERT of the same rows into an empty copy of the table."""
    from sqlalchemy import MetaData, Table, insert

    from planwatch.store import open_database, tables
    from planwatch.store import rows as store_rows

    plan = synthetic_plan(size)
    with tempfile.TemporaryDirectory(prefix="planwatch-folders-") as root:
        folders = write_plan_folders(plan, Path(root))
        open_database(url).dispose()        # the schema is migrated before the clock starts
        child = subprocess.run([sys.executable, "-c", _LOAD_CHILD, url, *map(str, folders)],
                               capture_output=True, text=True, check=False)
        if child.returncode != 0:
            raise RuntimeError(child.stderr.strip().splitlines()[-1:])
        loaded = json.loads(child.stdout.strip().splitlines()[-1])
    load_s = loaded["seconds"]
    db = open_database(url)
    # The floor: the same rows, a bare executemany into an empty copy of the table.
    copy = Table("bench_observations_floor", MetaData(),
                 *[c._copy() for c in tables.observations.columns if not c.primary_key or c.name != "id"])
    with db.transaction() as conn:
        copy.drop(conn, checkfirst=True)
        copy.create(conn)
    started = time.perf_counter()
    with db.transaction() as conn:
        batch: list[dict] = []
        for obs in observations(plan):
            row = store_rows.observation_row(1, obs)
            row.pop("id", None)
            batch.append(row)
            if len(batch) == 5000:
                conn.execute(insert(copy), batch)
                batch = []
        if batch:
            conn.execute(insert(copy), batch)
    floor_s = time.perf_counter() - started
    with db.transaction() as conn:
        copy.drop(conn)
    db.dispose()
    rows = loaded["rows"]       # the observations loaded (regions × indicators × months, about ``size``)
    # CPU seconds of the loading process: on a busy machine steadier than the wall clock (on SQLite
    # the database's work is in that process too; PostgreSQL's server work is not in it)
    return {"load_rows_per_s": round(rows / load_s), "load_floor_rows_per_s": round(rows / floor_s),
            "load_s": round(load_s, 2), "load_ratio": round(load_s / floor_s, 1),
            "load_cpu_s": round(loaded["cpu_seconds"], 2), "load_cpu_rows_per_s": round(rows / loaded["cpu_seconds"]),
            "load_rows": rows, "load_peak_rss_mb": round(loaded["rss_mb"])}


def _floor_select(db, region: str, period: str) -> float:  # type: ignore[no-untyped-def]
    """One indexed SELECT of the region's rows for the period (the plan is the only one stored),
    by the stored (canonical) period code: 2025M01-06 is stored as 2025H1."""
    from sqlalchemy import select

    from planwatch.model import Period
    from planwatch.store import tables

    o = tables.observations
    code = Period.parse(period).code
    started = time.perf_counter()
    with db.connect() as conn:
        conn.execute(select(o).where(o.c.plan_id == 1, o.c.region == region, o.c.period == code)).all()
    return time.perf_counter() - started


def measure_status(url: str, plan) -> dict[str, float]:  # type: ignore[no-untyped-def]
    """Status through ``services.status.region_status``. ``start``: the first request of the process
    (it also reads the plan frame and the region tree, cached per data version); then, for a town, a
    county, a city and the province, ``cold``: the first request for that region (on a new Database
    and connection pool), ``warm``: the best of 3 repeats; and the 下级合计 of the province and of a
    county (``services.rollup.region_rollup``, SQL GROUP BY)."""
    from planwatch.model import RegionLevel
    from planwatch.services.rollup import region_rollup
    from planwatch.services.status import region_status
    from planwatch.store import open_database

    picks = {"town": RegionLevel.TOWN, "county": RegionLevel.COUNTY, "city": RegionLevel.CITY,
             "province": RegionLevel.PROVINCE}
    towns = [r for r in plan.regions if r.level is RegionLevel.TOWN]
    out: dict[str, float] = {}
    db = open_database(url)
    out["status_start_ms"] = _ms(_timed(region_status, db, region=(towns or plan.regions)[-1].code, period="2025M01-06"))
    db.dispose()
    for label, level in picks.items():
        region = next((r for r in plan.regions if r.level is level), None)
        if region is None:
            continue
        db = open_database(url)
        cold = _timed(region_status, db, region=region.code, period="2025M01-06")
        warm = min(_timed(region_status, db, region=region.code, period="2025M01-06") for _ in range(3))
        floor = min(_floor_select(db, region.code, "2025M01-06") for _ in range(3))
        if level in (RegionLevel.COUNTY, RegionLevel.PROVINCE):
            out[f"rollup_{label}_ms"] = _ms(_timed(region_rollup, db, region=region.code, period="2025M01-06"))
        db.dispose()
        out |= {f"status_{label}_cold_ms": _ms(cold), f"status_{label}_warm_ms": _ms(warm),
                f"status_{label}_floor_ms": _ms(floor), f"status_{label}_cold_ratio": round(cold / floor, 1)}
    return out


def _timed(function, *args, **kwargs) -> float:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    function(*args, **kwargs)
    return time.perf_counter() - started


def _rss_mb(pid: int | str = "self") -> float:
    """The current (not peak) resident set of a process, MB."""
    with open(f"/proc/{pid}/statm") as statm:
        return round(int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20, 1)


def _process_tree_rss_mb(pid: int) -> float:
    """The resident set of ``pid`` and its descendants (a server and its workers), MB."""
    total, todo = 0.0, [pid]
    while todo:
        current = todo.pop()
        try:
            total += _rss_mb(current)
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as children:
                    todo.extend(int(c) for c in children.read().split())
        except OSError:
            continue    # (a worker that exited meanwhile)
    return round(total, 1)


def _load(port: int, towns: list[list[str]], duration: float) -> tuple[list[float], list[int]]:
    """8 clients for ``duration`` s, client i cycling over ``towns[i]``: (timings s, error statuses)."""
    import httpx

    timings: list[float] = []
    errors: list[int] = []
    lock = threading.Lock()
    deadline = time.perf_counter() + duration

    def client(mine: list[str]) -> None:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as http:
            n = 0
            while time.perf_counter() < deadline:
                started = time.perf_counter()
                response = http.get("/api/v1/status", params={"region": mine[n % len(mine)], "period": "2025M01-06"})
                elapsed = time.perf_counter() - started
                n += 1
                with lock:
                    if response.status_code == 200:
                        timings.append(elapsed)
                    else:
                        errors.append(response.status_code)

    workers = [threading.Thread(target=client, args=(towns[i % len(towns)],)) for i in range(8)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return timings, errors


API_WORKERS = 2     # uvicorn workers of the measured server (this machine has 2 cores)


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _start_server(url: str, workers: int) -> tuple[subprocess.Popen[bytes], int]:
    """``planwatch serve --workers N`` on ``url`` as its own process (so that the server does not
    share an interpreter with the clients), once it answers."""
    import httpx

    port = _free_port()
    script = Path(sys.executable).with_name("planwatch")
    env = {**os.environ, "PLANWATCH_LOCAL_MODE": "true", "PLANWATCH_SECRET_KEY": "bench"}
    server = subprocess.Popen([str(script), "serve", "--db", url, "--host", "127.0.0.1", "--port", str(port),
                               "--workers", str(workers)], env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE)
    deadline = time.perf_counter() + 60
    while time.perf_counter() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"planwatch serve exited: {server.stderr.read().decode()[-500:] if server.stderr else ''}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/v1/plans", timeout=5).status_code < 500:
                return server, port
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    _stop_server(server)
    raise RuntimeError("planwatch serve did not answer within 60 s")


def _stop_server(server: subprocess.Popen[bytes]) -> None:
    """SIGINT, as Ctrl+C: uvicorn stops its workers and exits."""
    import signal

    server.send_signal(signal.SIGINT)
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def measure_api(url: str, plan, duration: float, workers: int = API_WORKERS) -> dict[str, float]:  # type: ignore[no-untyped-def]
    """GET /api/v1/status from 8 concurrent clients against ``planwatch serve --workers N`` run as
    its own process on the same database (each worker has its own cache), twice for ``duration``
    s each: ``api``: each client on its own town, repeated (the cache answers after the first
    request in each worker); ``api_distinct``: client i cycling over every 8th town of the
    province, so that each request is for a town not asked recently (more towns than the cache
    holds: mostly cold). The server's RSS (all its processes) is sampled before and after the
    distinct run (its growth is bounded by the cache size)."""
    from planwatch.model import RegionLevel
    from planwatch.settings import Settings
    from planwatch.store import open_database

    all_towns = [r.code for r in plan.regions if r.level is RegionLevel.TOWN] or [plan.regions[0].code]
    towns = all_towns[:8]
    server, port = _start_server(url, workers)
    try:
        timings, errors = _load(port, [[t] for t in towns], duration)
        rss_before = _process_tree_rss_mb(server.pid)
        distinct, distinct_errors = _load(port, [all_towns[i::8] for i in range(8)], duration)
        rss_after = _process_tree_rss_mb(server.pid)
    finally:
        _stop_server(server)
    db = open_database(url)
    floors = [_floor_select(db, towns[i % len(towns)], "2025M01-06") for i in range(50)]
    db.dispose()
    if not timings:
        return {"api_errors": len(errors)}
    out = {"api_requests": len(timings), "api_errors": len(errors) + len(distinct_errors),
           "api_p50_ms": _ms(statistics.median(timings)), "api_p95_ms": _ms(_percentile(timings, 0.95)),
           "api_p99_ms": _ms(_percentile(timings, 0.99)), "api_floor_p95_ms": _ms(_percentile(floors, 0.95)),
           "api_p95_ratio": round(_percentile(timings, 0.95) / _percentile(floors, 0.95), 1),
           "api_workers": workers, "api_cache_entries": Settings().cache_entries,
           "api_rss_before_mb": rss_before, "api_rss_after_mb": rss_after}
    if distinct:
        out |= {"api_distinct_requests": len(distinct), "api_distinct_p50_ms": _ms(statistics.median(distinct)),
                "api_distinct_p95_ms": _ms(_percentile(distinct, 0.95))}
    return out


def measure_report(url: str) -> dict[str, float]:
    from planwatch.services.report import build_report
    from planwatch.store import open_database

    db = open_database(url)
    with tempfile.TemporaryDirectory() as folder:
        started, cpu = time.perf_counter(), time.process_time()
        build_report(db, "990000", "2025M01-06", "docx", Path(folder))
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    db.dispose()
    # CPU seconds too: on a shared machine the wall time mostly measures the other jobs
    return {"report_docx_s": round(elapsed, 2), "report_docx_cpu_s": round(cpu, 2)}


def run_one(size: int, backend: str, duration: float) -> dict[str, object]:
    """One size on one backend, in this process (so that its peak RSS is its own)."""
    with tempfile.TemporaryDirectory(prefix="planwatch-scale-") as folder:
        if backend == "sqlite":
            url, cleanup = f"sqlite:///{Path(folder) / 'province.sqlite'}", None
        else:
            url, cleanup = _postgres_schema()
        try:
            result: dict[str, object] = {"size": size, "backend": backend}
            result |= measure_load(url, size)
            plan = synthetic_plan(size)
            result |= measure_status(url, plan)
            result |= measure_api(url, plan, duration)
            result |= measure_report(url)
        finally:
            if cleanup:
                cleanup()
    result["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    return result


def _postgres_schema():  # type: ignore[no-untyped-def]
    import psycopg

    plain = POSTGRES_URL.replace("postgresql+psycopg://", "postgresql://")
    schema = f"pw_bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(plain, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')

    def drop() -> None:
        with psycopg.connect(plain, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')

    sep = "&" if "?" in POSTGRES_URL else "?"
    return f"{POSTGRES_URL}{sep}options=-csearch_path%3D{schema}", drop


def postgres_reachable() -> bool:
    try:
        import psycopg

        with psycopg.connect(POSTGRES_URL.replace("postgresql+psycopg://", "postgresql://"), connect_timeout=3):
            return True
    except Exception:  # noqa: BLE001 - any failure means: not measured, and the table says so
        return False


COLUMNS = [("size", "size"), ("backend", "db"), ("load_rows_per_s", "load/s"), ("load_floor_rows_per_s", "floor/s"),
           ("load_ratio", "×"), ("load_s", "load s"), ("load_peak_rss_mb", "load RSS MB"),
           ("status_town_cold_ms", "town cold"), ("status_town_warm_ms", "warm"),
           ("status_town_floor_ms", "floor"), ("status_province_cold_ms", "prov cold"),
           ("status_province_warm_ms", "warm"), ("status_province_floor_ms", "floor"),
           ("status_province_cold_ratio", "×"), ("api_p50_ms", "api p50"), ("api_p95_ms", "p95"),
           ("api_p99_ms", "p99"), ("api_p95_ratio", "× floor"), ("api_distinct_p50_ms", "distinct p50"),
           ("api_distinct_p95_ms", "p95"), ("report_docx_s", "report s"), ("report_docx_cpu_s", "report cpu s"),
           ("peak_rss_mb", "RSS MB")]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--duration", type=float, default=10.0, help="seconds of API load per size")
    parser.add_argument("--backends", default="sqlite,postgres")
    parser.add_argument("--json", action="store_true", help="also print every figure of each run as JSON")
    parser.add_argument("--one", help=argparse.SUPPRESS)  # size:backend, run in a child process
    args = parser.parse_args()
    if args.one:
        size, backend = args.one.split(":")
        print(json.dumps(run_one(int(size), backend, args.duration)))
        return
    backends = [b for b in args.backends.split(",") if b != "postgres" or postgres_reachable()]
    print(f"machine: {os.cpu_count()} cores; python {sys.version.split()[0]}; backends: {', '.join(backends)}")
    print("  ".join(label for _, label in COLUMNS))
    for size in (int(s) for s in args.sizes.split(",")):
        for backend in backends:
            child = subprocess.run([sys.executable, __file__, "--one", f"{size}:{backend}",
                                    "--duration", str(args.duration)], capture_output=True, text=True)
            if child.returncode != 0:
                print(f"{size} {backend}: failed: {child.stderr.strip().splitlines()[-1:]}")
                continue
            result = json.loads(child.stdout.strip().splitlines()[-1])
            print("  ".join(str(result.get(key, "—")) for key, _ in COLUMNS))
            if args.json:
                print(json.dumps(result, ensure_ascii=False))
    print("× = planwatch time ÷ the SQL floor for the same question in the same run (lower is better).")


if __name__ == "__main__":
    main()
