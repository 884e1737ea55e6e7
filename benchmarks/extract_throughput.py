"""Extraction throughput: in-process ``extract_facts`` (and ``extract_targets``) against a plain
regex scan of the same text's numbers, on the reference report and on a ~10 MB concatenation; and
the start-up time of ``planwatch extract --help`` and ``planwatch extract FILE``.

Run: ``.venv/bin/python benchmarks/extract_throughput.py [--size-mb 10] [--repeat 20]``; it says whether the
compiled stages (``scripts/build-native``) or the pure-Python ones ran — ``PLANWATCH_PURE=1`` for the latter.
Times are CPU seconds of this process (``time.process_time``: one core, and steady on a machine shared
with other work). Goal (issue 11): ``extract_facts`` at least 5 MB/s and within 20× of the regex scan
of the same text — both printed, with whether the goal is met; CLI start-up to first output under
0.5 s. Prints figures, never fails.
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT.parent / "shared" / "seeds" / "000_3e05b6c6320dee02.txt"
NUMBER = re.compile(r"\d+(?:\.\d+)?")
GOAL_MB_S, GOAL_RATIO = 5.0, 20.0


def regex_scan(text: str) -> int:
    return sum(1 for _ in NUMBER.finditer(text))


def best_of(function: Callable[[str], object], text: str, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.process_time()
        function(text)
        times.append(time.process_time() - started)
    return min(times)


def report(label: str, text: str, repeat: int) -> None:
    from planwatch.extract import extract_facts, extract_targets

    chars, mbytes = len(text), len(text.encode("utf-8")) / 1e6
    rows = [("regex \\d+(\\.\\d+)?", regex_scan), ("extract_facts", extract_facts),
            ("extract_targets", lambda t: extract_targets(t, region="R", year=2026))]
    print(f"\n{label}: {chars:,} characters, {mbytes:.2f} MB (UTF-8), best of {repeat}")
    base = None
    for name, function in rows:
        seconds = max(best_of(function, text, repeat), 1e-9)
        base = base or seconds
        print(f"  {name:<20} {seconds * 1000:10.2f} ms  {chars / seconds:14,.0f} chars/s  "
              f"{mbytes / seconds:8.2f} MB/s  {seconds / base:8.1f}× regex")
        if name == "extract_facts":
            speed, ratio = mbytes / seconds, seconds / base
            print(f"  goal (≥ {GOAL_MB_S} MB/s, ≤ {GOAL_RATIO}× regex): {speed:.2f} MB/s, {ratio:.1f}× — "
                  f"{'met' if speed >= GOAL_MB_S and ratio <= GOAL_RATIO else 'not met'}")


def startup(args: list[str], repeat: int = 5) -> float:
    exe = Path(sys.executable).parent / "planwatch"
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        subprocess.run([str(exe), *args], capture_output=True, check=False)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=float, default=10.0)
    parser.add_argument("--repeat", type=int, default=20)
    options = parser.parse_args()
    from planwatch.extract import _native

    print("extractor: " + ("compiled stages (mypyc, scripts/build-native)" if _native.ACTIVE else
                           "pure Python (no compiled build of these sources, or PLANWATCH_PURE=1)"))
    text = REFERENCE.read_text(encoding="utf-8")
    report("reference report", text, options.repeat)
    copies = int(options.size_mb * 1e6 // len((text + "\n").encode("utf-8"))) + 1
    big = (text + "\n") * copies
    report(f"{copies} copies", big, 1)
    print("\nCLI start-up (median of 5, wall clock, new process):")
    for args in (["extract", "--help"], ["extract", str(REFERENCE)], ["extract", "--format", "table", str(REFERENCE)]):
        print(f"  planwatch {' '.join(args):<60} {startup(args) * 1000:8.0f} ms")


if __name__ == "__main__":
    main()
