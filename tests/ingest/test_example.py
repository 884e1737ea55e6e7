"""The 吴江区 example: every number equals the reference report's text at its recorded span."""

from __future__ import annotations

from decimal import Decimal

import pytest

from planwatch.ingest.plan_file import read_plan
from tests.conftest import EXAMPLE, REFERENCE_REPORT, require_shared


@pytest.fixture(scope="module")
def plan():  # type: ignore[no-untyped-def]
    return read_plan(EXAMPLE)


@pytest.fixture(scope="module")
def report_text() -> str:
    return require_shared(REFERENCE_REPORT).read_text(encoding="utf-8")


def test_embedded_source_is_the_reference_report(plan, report_text: str) -> None:  # type: ignore[no-untyped-def]
    (document,) = plan.documents
    assert document.text == report_text


def _number_at(text: str, span: tuple[int, int]) -> Decimal:
    from planwatch.model.numerals import chinese_to_int

    written = text[span[0]:span[1]]
    return Decimal(written) if written[0].isdigit() else Decimal(chinese_to_int(written))


def test_every_observation_number_is_the_text_at_its_span(plan, report_text: str) -> None:  # type: ignore[no-untyped-def]
    checked = 0
    for obs in plan.observations:
        assert obs.source is not None and obs.source.spans, obs.indicator
        for slot, span in obs.source.spans.items():
            if slot == "status":
                assert report_text[span[0]:span[1]] == obs.status
            else:
                stated = getattr(obs, slot)
                assert _number_at(report_text, span) == abs(stated), (obs.indicator, slot)
                assert report_text[span[0]:span[1]] == str(abs(stated)), "precision as written"
            checked += 1
    assert checked > 150


def test_project_and_task_figures_are_the_text_at_their_spans(plan, report_text: str) -> None:  # type: ignore[no-untyped-def]
    for group in plan.project_groups:
        for slot, span in group.source.spans.items():
            assert _number_at(report_text, span) == getattr(group, slot)
    for progress in plan.project_progress:
        for slot, span in progress.source.spans.items():
            assert _number_at(report_text, span) == getattr(progress, slot)
    for task_group in plan.task_groups:
        assert _number_at(report_text, task_group.source.spans["count"]) == task_group.count


def test_example_holds_the_headline_list_and_the_nine_annual_only_indicators(plan) -> None:  # type: ignore[no-untyped-def]
    headline = [i for i in plan.indicators if i.headline]
    assert 40 <= len(headline) <= 50
    assert sum(i.is_annual_only for i in headline) == 9
    assert plan.targets == ()  # the report states no annual targets; none are invented


def test_derived_annual_plans_are_marked_and_consistent_with_the_stated_share(plan) -> None:  # type: ignore[no-untyped-def]
    progress = {p.subject: p for p in plan.project_progress}
    for group in plan.project_groups:
        assert group.annual_plan_derived and group.annual_plan_note
        p = progress[group.code]
        recomputed = p.completed_investment / group.annual_plan * 100
        assert abs(recomputed - p.stated_completion) < Decimal("0.05")
