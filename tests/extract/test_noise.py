"""Noise real texts carry (issue 11 item 6): spaces before units, signs, abbreviations glued to digits,
signed lists, stray punctuation; and numbers that are no facts (meeting ordinals, class thresholds,
slogans). Reworded sentences with invented numbers."""

from __future__ import annotations

from decimal import Decimal

from planwatch.extract import extract_facts
from tests.extract.slots_helper import slots as _slots


def test_a_space_before_the_unit_keeps_the_number_and_the_next_facts_subject() -> None:
    text = "全年农村居民人均可支配收入41260 元，增长6.2%；粮食播种面积86.4 万亩，比上年增加1.2万亩。"
    assert _slots(text) == [
        ("农村居民人均可支配收入", "value", Decimal("41260"), "元"),
        ("农村居民人均可支配收入", "growth", Decimal("6.2"), "%"),
        ("粮食播种面积", "value", Decimal("86.4"), "万亩"),
        ("粮食播种面积", "change", Decimal("1.2"), "万亩")]
    start, end = extract_facts(text)[0].value.span  # type: ignore[union-attr]
    assert text[start:end] == "41260"


def test_a_negative_growth_written_with_a_sign() -> None:
    assert _slots("规上工业增加值增长-12%。") == [("规上工业增加值", "growth", Decimal("-12"), "%")]


def test_an_abbreviation_glued_to_digits_is_a_name_but_a_code_is_not() -> None:
    assert _slots("全年GDP612.3亿元，增长5.1%。") == [
        ("GDP", "value", Decimal("612.3"), "亿元"), ("GDP", "growth", Decimal("5.1"), "%")]
    assert _slots("PM10浓度下降3%。") == [("PM10浓度", "growth", Decimal("-3"), "%")]


def test_a_signed_list_is_a_list_not_a_range() -> None:
    found = _slots("城镇、农村、全体居民收入增速分别提高0.21、-3.4、2.05个百分点。")
    assert [(role, number, unit) for _, role, number, unit in found] == [
        ("change", Decimal("0.21"), "个百分点"), ("change", Decimal("-3.4"), "个百分点"),
        ("change", Decimal("2.05"), "个百分点")]


def test_stray_punctuation_ends_a_sentence() -> None:
    assert _slots("社会消费品零售总额增长4.5%,。固定资产投资增长3.2%。") == [
        ("社会消费品零售总额", "growth", Decimal("4.5"), "%"), ("固定资产投资", "growth", Decimal("3.2"), "%")]


def test_meeting_ordinals_and_slogans_are_no_facts() -> None:
    assert _slots("深入学习党的十二届七次、八次、九次全会精神。") == []
    assert _slots("守住两条底线，落实八项规定精神。") == []


def test_a_class_threshold_names_the_count_after_it() -> None:
    assert _slots("新增规上企业36家，其中年营收5亿元以上的9家。") == [
        ("新增规上企业", "value", Decimal("36"), "家"), ("年营收5亿元以上的新增规上企业", "value", Decimal("9"), "家")]


def test_a_traditional_text_is_read_and_named_in_its_own_characters() -> None:
    text = "上半年市級重點項目完成投資812億元，同比增長6%，佔年度計劃投資的48.3%；新開工項目37個。"
    assert _slots(text) == [
        ("市級重點項目完成投資", "value", Decimal("812"), "億元"),
        ("市級重點項目完成投資", "growth", Decimal("6"), "%"),
        ("市級重點項目完成投資", "plan_completion", Decimal("48.3"), "%"),
        ("新開工項目", "value", Decimal("37"), "個")]
    start, end = extract_facts(text)[0].value.span  # type: ignore[union-attr]
    assert text[start:end] == "812"


def test_a_simplified_text_with_a_few_convertible_characters_is_left_as_it_is() -> None:
    assert _slots("营商环境显著改善，全年新增市场主体1.2万户。") == [("新增市场主体", "value", Decimal("1.2"), "万户")]


def test_a_voltage_class_of_a_facility_is_no_fact_but_a_capacity_in_kilovolt_amperes_is() -> None:
    assert _slots("110千伏输变电工程建成投运，川渝1000千伏特高压交流工程开工，新增变电容量86万千伏安。") == [
        ("新增变电容量", "value", Decimal("86"), "万千伏安")]


def test_a_threshold_before_a_counted_class_is_no_fact_and_a_sibling_threshold_swaps_into_the_class() -> None:
    assert _slots("其中，税收收入超200万元的乡镇有6个，超400万元的有2个。") == [
        ("税收收入超200万元的乡镇", "value", Decimal("6"), "个"), ("税收收入超400万元的乡镇", "value", Decimal("2"), "个")]


def test_a_dash_after_a_percentage_is_a_range_and_side_by_side_digits_and_team_sizes_are_no_numbers() -> None:
    assert _slots("贷款利率比去年提高5%-15%。") == [("贷款利率", "growth", Decimal("5"), "%"),
                                             ("贷款利率", "growth", Decimal("15"), "%")]
    assert _slots("其增速是全市唯一一个高于全省的。") == []
    assert _slots("建成5人制足球场12个。") == [("建成5人制足球场", "value", Decimal("12"), "个")]
