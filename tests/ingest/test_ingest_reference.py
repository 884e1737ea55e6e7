"""`planwatch ingest` of the reference report reproduces the example's observations, one by one.

This is the end-to-end check of extraction (facts.py) + matching (ingest/matching.py): every
observation of examples/wujiang-2025/observations-2025h1.yaml must come out of the report text with
the same numbers, status and source spans, and nothing else may be written for a plan indicator.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from tests.conftest import EXAMPLE, REFERENCE_REPORT

_FIELDS = ("value", "growth", "growth_basis", "plan_completion", "share", "change", "status", "estimate",
           "qualifier")


def _norm(name: str, value: Any) -> Any:
    if isinstance(value, Decimal):
        return value.normalize()
    if name == "growth_basis" and value is not None:
        return getattr(value, "value", value)
    return value


def _differences(expected: list[Any], got: list[Any], names: dict[str, str]) -> list[str]:
    problems: list[str] = []
    by_code = {o.indicator: o for o in got}
    for want in expected:
        label = f"{want.indicator}（{names.get(want.indicator, '?')}）"
        have = by_code.pop(want.indicator, None)
        if have is None:
            problems.append(f"{label}: missing")
            continue
        for name in _FIELDS:
            a, b = _norm(name, getattr(want, name)), _norm(name, getattr(have, name))
            if a != b:
                problems.append(f"{label}: {name} expected {a!r}, got {b!r}")
        want_spans = dict(want.source.spans) if want.source else {}
        have_spans = dict(have.source.spans) if have.source else {}
        for slot, span in want_spans.items():
            if tuple(have_spans.get(slot, ())) != tuple(span):
                problems.append(f"{label}: span of {slot} expected {list(span)}, got {have_spans.get(slot)}")
    for code, extra in by_code.items():
        problems.append(f"{code}（{names.get(code, '?')}）: not in the example, got value={extra.value} "
                        f"growth={extra.growth} status={extra.status}")
    return problems


def test_ingest_reproduces_the_example_observations(example_db) -> None:  # type: ignore[no-untyped-def]
    from planwatch.ingest.plan_file import read_plan
    from planwatch.services.observations import ingest_text

    plan = read_plan(EXAMPLE)
    expected = [o for o in plan.observations if o.period.code == "2025H1" and o.region == plan.region]
    names = {i.code: i.name for i in plan.indicators}
    result = ingest_text(example_db, REFERENCE_REPORT, region="吴江区", period="2025H1", dry_run=True,
                         document_code="wj-2025h1")
    problems = _differences(expected, result.matches.observations, names)
    conflicts = [f"{c.indicator.code}（{c.indicator.name}）: {c.reason}" for c in result.matches.conflicts]
    assert not problems and not conflicts, (
        f"{len(problems)} differences, {len(conflicts)} conflicts out of {len(expected)} observations:\n"
        + "\n".join(problems + conflicts))


def test_cli_ingest_of_the_reference_report_changes_no_observation(cli, example_db_url: str) -> None:  # type: ignore[no-untyped-def]
    result = cli("ingest", str(REFERENCE_REPORT), "--region", "吴江区", "--period", "2025H1",
                 "--document", "wj-2025h1", "--db", example_db_url)
    assert result.exit_code == 0, result.stderr
    assert "写入完成" in result.stdout
    again = cli("ingest", str(REFERENCE_REPORT), "--region", "吴江区", "--period", "2025H1",
                "--document", "wj-2025h1", "--db", example_db_url)
    assert "新增 0 条，更新 0 条" in again.stdout, again.stdout[-2000:]
