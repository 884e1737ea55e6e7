"""Statuses (issue 11 item 1): verdicts of the shared vocabulary (model.verdict), one status per indicator
a verdict names, and trends that are a status only among indicators' results. Sentences reworded from the
issue's examples, with invented names and numbers."""

from __future__ import annotations

import pytest

from planwatch.extract import extract_facts
from planwatch.model.verdict import Verdict, read_verdict


def _statuses(text: str) -> list[tuple[str, str, tuple[int, int]]]:
    return [(f.indicator, f.status.text, f.status.span) for f in extract_facts(text) if f.status is not None]


def test_one_verdict_for_listed_indicators_gives_one_status_each_on_the_same_span() -> None:
    text = "全区用电量、税收收入、社零额等6项指标达到序时进度；项目投资与序时进度尚有差距。"
    found = _statuses(text)
    span = (text.index("达到序时进度"), text.index("达到序时进度") + 6)
    gap = (text.index("与序时进度尚有差距"), text.index("与序时进度尚有差距") + 9)
    assert found == [("用电量", "达到序时进度", span), ("税收收入", "达到序时进度", span),
                     ("社零额", "达到序时进度", span), ("项目投资", "与序时进度尚有差距", gap)]
    counts = [(f.indicator, f.value.number) for f in extract_facts(text) if f.value is not None]
    assert [n for _, n in counts] == [6]            # the count of the list stays a fact of its own


@pytest.mark.parametrize(("text", "names", "phrase"), [
    ("能耗强度、水质达标率、森林覆盖率等约束类指标进展良好。", ["能耗强度", "水质达标率", "森林覆盖率"], "进展良好"),
    ("外贸进出口、实际使用外资等预期性指标努力后可以完成。", ["外贸进出口", "实际使用外资"], "努力后可以完成"),
])
def test_a_class_of_listed_indicators_shares_its_verdict(text: str, names: list[str], phrase: str) -> None:
    assert [(n, p) for n, p, _ in _statuses(text)] == [(n, phrase) for n in names]


@pytest.mark.parametrize(("text", "name", "phrase"), [
    ("今年以来各项任务圆满完成。", "各项任务", "圆满完成"),
    ("全年规上工业增加值增速低于预期目标。", "规上工业增加值增速", "低于预期目标"),
    ("社会消费品零售总额增速超过预期目标。", "社会消费品零售总额增速", "超过预期目标"),
    ("全年经济发展目标有望顺利完成。", "经济发展目标", "有望顺利完成"),
    ("全县经济运行好于年初预期。", "经济运行", "好于年初预期"),
    ("年度计划得到较好执行。", "年度计划", "得到较好执行"),
    ("工业投资与目标差距较大。", "工业投资", "与目标差距较大"),
    ("上半年全县经济未实现双过半。", "经济", "未实现双过半"),
])
def test_verdict_phrases_of_the_shared_vocabulary_are_statuses(text: str, name: str, phrase: str) -> None:
    found = _statuses(text)
    assert [(n, p) for n, p, _ in found] == [(name, phrase)]
    start, end = found[0][2]
    assert text[start:end] == phrase
    # the status engine reads the same words as a verdict (one vocabulary: they never disagree)
    verdict = read_verdict(phrase)
    assert verdict is not None and verdict.verdict not in (Verdict.TO_ASSESS, Verdict.REPORTED)


def test_a_verdict_with_its_target_number_keeps_the_number_as_the_target() -> None:
    facts = extract_facts("M2增长8.7%，低于9%左右的预期目标。")
    got = [(f.indicator, f.growth.number, f.growth.target) for f in facts if f.growth is not None]
    assert [(n, str(v), t) for n, v, t in got] == [("M2", "8.7", False), ("M2", "9", True)]


def test_a_set_of_indicators_with_a_count_that_meets_a_verdict() -> None:
    facts = extract_facts("16项指标有11项完成良好。")
    assert [(f.indicator, int(f.value.number)) for f in facts if f.value is not None] == [
        ("指标", 16), ("完成良好的指标", 11)]


def test_a_trend_without_reference_is_no_status_in_a_description() -> None:
    assert _statuses("营商生态持续改善，治安形势保持稳定。") == []


def test_a_trend_is_a_status_among_indicators_results() -> None:
    text = "新增规上企业42家；\n工业增加值率保持稳定；\n城乡居民收入倍差稳步降低。"
    assert [(n, p) for n, p, _ in _statuses(text)] == [("工业增加值率", "保持稳定"), ("城乡居民收入倍差", "稳步降低")]


def test_a_schedule_verdict_right_after_its_figure_restates_it() -> None:
    text = "县重点项目完成投资48.2亿元，占年度计划56.1%，实现时间过半、任务过半。"
    assert _statuses(text) == []


def test_a_target_verdict_right_after_a_figure_is_that_figures_status() -> None:
    text = "固定资产投资下降3.1%，未完成年度目标。"
    assert [(n, p) for n, p, _ in _statuses(text)] == [("固定资产投资", "未完成年度目标")]


def test_a_verdict_after_a_list_of_figures_is_each_listed_things() -> None:
    text = "巩固提升28个生猪基地、19个禽蛋基地,已完成既定目标。"
    assert [(n, p) for n, p, _ in _statuses(text)] == [("生猪基地", "已完成既定目标"), ("禽蛋基地", "已完成既定目标")]
    counts = [(f.indicator, int(f.value.number)) for f in extract_facts(text) if f.value is not None]
    assert counts == [("生猪基地", 28), ("禽蛋基地", 19)]      # two nouns with one head are each complete


def test_listed_indicators_excepted_or_still_behind_each_get_the_verdict_and_the_count_is_named_by_it() -> None:
    found = extract_facts("对照年初计划，除出口、物价等2项指标达到或超过预期外，投资、消费、税收等3项指标仍低于年初预期。")
    assert [(f.indicator, f.status.text if f.status else None) for f in found] == [
        ("达到或超过预期的指标", None), ("出口", "达到或超过预期"), ("物价", "达到或超过预期"),
        ("低于年初预期的指标", None), ("投资", "低于年初预期"), ("消费", "低于年初预期"), ("税收", "低于年初预期")]


def test_flat_against_the_budget_is_the_status_of_the_figure_just_stated() -> None:
    found = extract_facts("全年收支相抵，赤字1200亿元，与预算持平。")
    assert [(f.indicator, f.status.text) for f in found if f.status] == [("收支相抵赤字", "与预算持平")]


def test_a_trend_heading_a_paragraph_of_figures_is_no_status_but_one_after_them_is() -> None:
    text = "工业生产持续向好。前三季度规上工业增加值增长5.2%，增速与上半年持平；居民消费价格保持稳定。"
    found = extract_facts(text)
    assert [(f.indicator, f.status.text) for f in found if f.status] == [
        ("规上工业增加值增速", "与上半年持平"), ("居民消费价格", "保持稳定")]


def test_a_summary_of_the_economy_judged_against_expectations_is_no_indicators_status() -> None:
    assert extract_facts("国民经济运行总体平稳、稳中有进、好于预期。") == []
    found = extract_facts("一般公共预算收入增长3.2%，好于年初预期。")
    assert [(f.indicator, f.status.text) for f in found if f.status] == [("一般公共预算收入", "好于年初预期")]
