"""Latency of the status API (GET /api/v1/status): p50/p95 for the 吴江区 example and for a
synthetic district of 30 towns × 60 indicators × 24 periods, generated into a temporary SQLite
file through the public store API. Requests go through the whole ASGI app in-process
(FastAPI TestClient), so the figures include routing, the database reads, the status engine
and JSON encoding, but not the network.

    .venv/bin/python benchmarks/status_latency.py [--requests N]

Goal (issue 6): p95 under 50 ms for the example on a 2-core machine.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from decimal import Decimal
from pathlib import Path


def synthetic_plan(towns: int = 30, indicators: int = 60, periods: int = 24):  # type: ignore[no-untyped-def]
    """A district plan for 2025 with ``towns`` towns, ``indicators`` indicators with targets, and
    year-to-date figures for the district and every town over ``periods`` months (2024-01 onward)."""
    from planwatch.model import (
        Comparison,
        Indicator,
        NumericGoal,
        Observation,
        Period,
        Plan,
        Region,
        RegionLevel,
        Target,
    )

    district = Region("990001", "样本区", RegionLevel.COUNTY)
    town_regions = [Region(f"990001{i:03d}", f"样本{i}镇", RegionLevel.TOWN, district.code) for i in range(1, towns + 1)]
    regions = [district, *town_regions]
    inds = [Indicator(f"ind{i:02d}", f"样本指标{i}", "亿元", f"类别{i % 5 + 1}", headline=i < 12, order=i)
            for i in range(indicators)]
    targets = [Target(ind.code, region.code, 2025, level=NumericGoal(Decimal(1000 + i), "亿元", Comparison.AT_LEAST),
                      growth=NumericGoal(Decimal("5.0"), "%", Comparison.AT_LEAST))
               for i, ind in enumerate(inds) for region in regions]
    months = [Period.year_to_date(2024 + (m // 12), m % 12 + 1) for m in range(periods)]
    observations = [
        Observation(ind.code, region.code, period,
                    value=Decimal(1000 + i) * period.last_month / 12 * Decimal("1.01") + r,
                    unit="亿元", growth=Decimal("5.3"))
        for r, region in enumerate(regions) for i, ind in enumerate(inds) for period in months]
    return Plan(region=district.code, year=2025, title="样本区2025年国民经济和社会发展计划", regions=tuple(regions),
                categories=tuple(sorted({i.category for i in inds})), indicators=tuple(inds), targets=tuple(targets),
                observations=tuple(observations))


def build_synthetic(path: Path) -> tuple[str, int]:
    from planwatch.store import open_database, save_plan

    db = open_database(f"sqlite:///{path}")
    plan = synthetic_plan()
    with db.transaction() as conn:
        save_plan(conn, plan)
    db.dispose()
    return f"sqlite:///{path}", len(plan.observations)


def build_example(path: Path) -> str:
    from planwatch.services.examples import example_path
    from planwatch.services.plans import load_plan
    from planwatch.store import open_database

    db = open_database(f"sqlite:///{path}")
    load_plan(db, example_path())
    db.dispose()
    return f"sqlite:///{path}"


def measure(url: str, query: dict[str, str], requests: int) -> tuple[float, float, float, float, int]:
    from fastapi.testclient import TestClient

    from planwatch.settings import Settings
    from planwatch.web.app import create_app

    app = create_app(Settings(database_url=url))
    timings = []
    with TestClient(app) as client:
        start = time.perf_counter()  # the first request computes everything (nothing cached yet)
        assert client.get("/api/v1/status", params=query).status_code == 200
        first = (time.perf_counter() - start) * 1000
        for _ in range(3):  # warm up: imports, connection pool, first queries
            assert client.get("/api/v1/status", params=query).status_code == 200
        size = 0
        for _ in range(requests):
            start = time.perf_counter()
            response = client.get("/api/v1/status", params=query)
            timings.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, response.text
            size = len(response.content)
    timings.sort()
    p50 = statistics.median(timings)
    p95 = timings[min(len(timings) - 1, int(round(0.95 * len(timings))) - 1)]
    return first, p50, p95, max(timings), size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="planwatch-bench-") as folder:
        example = build_example(Path(folder) / "example.sqlite")
        start = time.perf_counter()
        synthetic, n_obs = build_synthetic(Path(folder) / "synthetic.sqlite")
        built = time.perf_counter() - start
        print(f"synthetic district: 30 towns × 60 indicators × 24 periods = {n_obs} observations "
              f"(built in {built:.1f} s)")
        rows = [
            ("example 吴江区 2025H1", example, {}),
            ("synthetic district, district row", synthetic, {"region": "样本区", "period": "2025M01-06"}),
            ("synthetic district, one town", synthetic, {"region": "样本7镇", "period": "2025M01-06"}),
        ]
        print(f"{'case':36} {'first ms':>9} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'bytes':>8}   (n={args.requests})")
        for name, url, query in rows:
            first, p50, p95, worst, size = measure(url, query, args.requests)
            print(f"{name:36} {first:9.1f} {p50:8.1f} {p95:8.1f} {worst:8.1f} {size:8d}")
        print("first = the first request after start-up or after any write (computes the plan's status);")
        print("later requests reuse it until the data changes. Goal: p95 < 50 ms for the example.")


if __name__ == "__main__":
    main()
