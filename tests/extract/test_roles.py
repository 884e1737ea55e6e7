"""Roles (issue 11 item 4): growth through a rate noun, targets inside a verdict or a bracket, the unit
of 个…百分点 lists, a percentage cut, 净增 and 占N席. Reworded sentences with invented numbers."""

from __future__ import annotations

from decimal import Decimal

from planwatch.extract import extract_facts
from tests.extract.slots_helper import slots as _plain_slots
from tests.extract.slots_helper import slots_with_target as _slots


def test_growth_through_a_rate_noun_before_period_parts() -> None:
    text = "全市规上工业增加值增幅3—6月份分别为7.2%、6.8%、6.5%、6.1%。"
    assert _slots(text) == [("规上工业增加值", "growth", Decimal(n), "%", False) for n in ("7.2", "6.8", "6.5", "6.1")]
    assert _slots("出口降幅1—2月分别为3.1%、2.4%。") == [
        ("出口", "growth", Decimal("-3.1"), "%", False), ("出口", "growth", Decimal("-2.4"), "%", False)]
    assert _slots("社会消费品零售总额增速为5.3%。") == [("社会消费品零售总额", "growth", Decimal("5.3"), "%", False)]


def test_a_target_in_a_bracket_after_a_rank_is_the_actuals_target() -> None:
    text = "地区生产总值增长6.2%，排名全市第3位(年度目标为7%以上)。"
    assert _slots(text) == [("地区生产总值", "growth", Decimal("6.2"), "%", False),
                            ("地区生产总值", "growth", Decimal("7"), "%", True)]


def test_a_target_inside_a_verdict_is_a_target_of_the_actual() -> None:
    text = "居民消费价格上涨1.6%，符合3%左右的预期目标。"
    assert _slots(text) == [("居民消费价格", "growth", Decimal("1.6"), "%", False),
                            ("居民消费价格", "growth", Decimal("3"), "%", True)]


def test_the_elided_unit_of_a_points_list_is_carried() -> None:
    text = "消费、投资、出口分别拉动增长1.2个、2.6个、0.8个百分点。"
    assert _slots(text) == [("消费", "change", Decimal("1.2"), "个百分点", False),
                            ("投资", "change", Decimal("2.6"), "个百分点", False),
                            ("出口", "change", Decimal("0.8"), "个百分点", False)]


def test_a_percentage_cut_is_a_negative_growth() -> None:
    assert _slots("压减非刚性支出12%。") == [("非刚性支出", "growth", Decimal("-12"), "%", False)]
    # an amount cut stays the value of the action (GUIDELINE §1)
    assert _slots("压减非刚性支出1.2亿元。") == [("压减非刚性支出", "value", Decimal("1.2"), "亿元", False)]


def test_a_net_increase_is_a_change_and_seats_are_a_value() -> None:
    assert _slots("全年常住人口净增1.3万人。") == [("常住人口", "change", Decimal("1.3"), "万人", False)]
    found = _slots("10家省实验室吴江占3席。")
    assert ("省实验室吴江", "value", Decimal("3"), "席", False) in found


def test_a_share_of_the_plans_own_items_is_a_plan_completion() -> None:
    text = "新开工建设96个项目，占计划新开工项目的83%。"
    assert [r[1:] for r in _slots(text)] == [("value", Decimal(96), "个", False), ("plan_completion", Decimal(83), "%", False)]


def test_a_price_basis_in_brackets_before_the_number() -> None:
    facts = extract_facts("全县地区生产总值比上年增长(可比价)7.4%。")
    assert [(f.indicator, f.growth.number, f.growth.basis) for f in facts if f.growth] == [
        ("地区生产总值", Decimal("7.4"), "可比价")]


def test_a_bracketed_reference_figure_is_the_references_growth_and_the_gap_the_topics_change() -> None:
    assert _plain_slots("全市一般公共预算收入增长9.9%，高于全省平均增幅(7%)2.9个百分点，低于州市平均增速(10.5%)0.6个百分点。") == [
        ("一般公共预算收入", "growth", Decimal("9.9"), "%"),
        ("全省一般公共预算收入", "growth", Decimal("7"), "%"),
        ("一般公共预算收入", "change", Decimal("2.9"), "个百分点"),
        ("州市一般公共预算收入", "growth", Decimal("10.5"), "%"),
        ("一般公共预算收入", "change", Decimal("-0.6"), "个百分点")]
    # a target in brackets is no reference figure
    found = _plain_slots("地区生产总值增长6.1%，高于年度目标（5.5%）0.6个百分点。")
    assert ("全省地区生产总值", "growth", Decimal("5.5"), "%") not in found and len(found) == 3


def test_work_done_gaps_exceeded_and_a_growth_named_after_its_rate() -> None:
    assert _plain_slots("汽车产量继续保持30%以上增长、达280万辆；排摸申报领军人才23人，超额完成6人；改造公交站90个，完成任务数112%；"
                        "铁路改线工程铺架完成85%。") == [
        ("汽车产量", "growth", Decimal("30"), "%"), ("汽车产量", "value", Decimal("280"), "万辆"),
        ("排摸申报领军人才", "value", Decimal("23"), "人"), ("排摸申报领军人才", "change", Decimal("6"), "人"),
        ("改造公交站", "value", Decimal("90"), "个"), ("改造公交站", "plan_completion", Decimal("112"), "%"),
        ("铁路改线工程铺架", "plan_completion", Decimal("85"), "%")]


def test_a_contribution_named_with_wei_is_a_value_and_ordinals_share_their_head() -> None:
    assert _plain_slots("第一、二、三产业拉动GDP增长分别为0.4、3.1、2.6个百分点。") == [
        ("第一产业拉动GDP增长", "value", Decimal("0.4"), "个百分点"),
        ("第二产业拉动GDP增长", "value", Decimal("3.1"), "个百分点"),
        ("第三产业拉动GDP增长", "value", Decimal("2.6"), "个百分点")]


def test_a_growth_rate_reached_an_equivalent_share_and_amounts_over_a_span_of_years() -> None:
    assert _plain_slots("2021年和2022年，全市经济增长率平均达到8.4%。") == [("经济增长率", "growth", Decimal("8.4"), "%")]
    assert _plain_slots("“十四五”前两年，全社会研发经费支出分别达到96.2亿元和108.7亿元，年均增长12%以上，"
                        "相当于全市生产总值的比例达到3.1%。") == [
        ("全社会研发经费支出", "value", Decimal("96.2"), "亿元"), ("全社会研发经费支出", "value", Decimal("108.7"), "亿元"),
        ("全社会研发经费支出", "growth", Decimal("12"), "%"), ("全社会研发经费支出", "share", Decimal("3.1"), "%")]
    # a natural growth rate stays the value of a named rate
    assert _plain_slots("人口自然增长率为2.1‰。") == [("人口自然增长率", "value", Decimal("2.1"), "‰")]


def test_exceeding_a_plan_already_is_the_achieved_value_and_a_length_after_reinforcing_names_the_noun() -> None:
    assert _plain_slots("计划新建60个社区便利店，现已超额完成71个。") == [
        ("新建社区便利店", "value", Decimal("60"), "个"), ("新建社区便利店", "value", Decimal("71"), "个")]
    assert _plain_slots("加固达标420公里江海堤围。") == [("江海堤围", "value", Decimal("420"), "公里")]
