"""The example's draft reproduces the reference report's numeric clauses of sections （一）–（五）
(measured by tests/report/clause_coverage.py) — from the plan's phrases, stored figures and the
departments' approved materials (the example's carry the reference's sentences without a figure)."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import REFERENCE_REPORT
from tests.report.clause_coverage import coverage, numeric_clauses

GOAL = 0.85
ACHIEVED = 137     # of 148: the rest are parts of sentences whose figures are stored (“54321”工作模式 …) and a typo


def test_the_measure_finds_the_reference_clauses() -> None:
    clauses = numeric_clauses(Path(REFERENCE_REPORT).read_text(encoding="utf-8"))
    assert len(clauses) == 148
    assert clauses[0] == "全区实现农林牧渔业总产值25.60亿元"
    assert "全区规上、规下工业增加值分别增长9.1%、6.0%（不变价）" in clauses
    assert coverage(Path(REFERENCE_REPORT).read_text(encoding="utf-8"), "").share == 0


def test_draft_reproduces_at_least_85_percent_of_the_numeric_clauses(example_document) -> None:  # type: ignore[no-untyped-def]
    reference = Path(REFERENCE_REPORT).read_text(encoding="utf-8")
    result = coverage(reference, "\n".join(example_document.paragraphs()))
    assert result.share >= GOAL, "missing:\n" + "\n".join(result.missing)
    assert len(result.clauses) - len(result.missing) >= ACHIEVED, "missing:\n" + "\n".join(result.missing)


def test_every_number_of_the_thematic_part_is_a_stored_figure(example_db, example_document) -> None:  # type: ignore[no-untyped-def]
    """No number is invented: each number in sections （一）–（五） of the draft is a stored value,
    growth, share, change or count of the example (or a point gap the status engine computed), or
    stands in a department's approved material as submitted."""
    import re

    from planwatch.report import document as doc
    from planwatch.services.plans import select
    from planwatch.services.status import status_for

    selection = select(example_db, region="吴江区", period="2025H1")
    plan, table = selection.plan, status_for(selection, db=example_db)
    assert table.projects is not None and table.count is not None
    engine = {g.gap_text for g in table.projects.groups} | {str(len(table.count.good))}
    stored: set[str] = set(engine)
    for o in plan.observations:
        stored |= {format(abs(x), "f") for x in (o.value, o.growth, o.share, o.change, o.plan_completion) if x is not None}
    for g in plan.project_groups:
        stored |= {str(x) for x in (g.project_count, g.new_start_count) if x is not None}
    for p in plan.project_progress:
        stored |= {format(x, "f") if not isinstance(x, int) else str(x)
                   for x in (p.completed_investment, p.stated_completion, p.new_starts_started, p.stated_start_rate)
                   if x is not None}
    stored |= {str(t.count) for t in plan.task_groups if t.count is not None}
    stored |= {n for m in plan.materials if m.approved for n in re.findall(r"\d+(?:\.\d+)?", m.text)}
    blocks = example_document.blocks
    start = next(i for i, b in enumerate(blocks) if isinstance(b, doc.Heading) and b.text.startswith("（一）"))
    end = next(i for i, b in enumerate(blocks) if isinstance(b, doc.Heading) and b.text.startswith("二、"))
    numbers = [n for b in blocks[start:end] if isinstance(b, doc.Paragraph) and b.kind == "body"
               for n in re.findall(r"\d+(?:\.\d+)?", re.sub(r"^\d+\.", "", b.text))]
    assert len(numbers) > 150
    unknown = sorted({n for n in numbers if n not in stored and n not in ("2025", "50", "0")})
    assert not unknown, unknown
