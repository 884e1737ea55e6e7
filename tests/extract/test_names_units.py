"""Names (issue 11 item 3) and units and numerals (item 5): the thing named after a number, subjects
carried across clauses, compounds and places split, periods of a 分别 pair; units implied by the noun,
measure words, numbers with a magnitude inside. Reworded sentences with invented numbers."""

from __future__ import annotations

from decimal import Decimal

import pytest

from planwatch.extract import extract_facts
from tests.extract.slots_helper import slots as _slots


@pytest.mark.parametrize(("text", "expected"), [
    ("全市新开工38个城乡共建重点项目。", [("新开工城乡共建重点项目", "value", Decimal(38), "个")]),
    ("中央财政安排420亿元专项资金。", [("中央财政专项资金", "value", Decimal(420), "亿元")]),
    ("完成安置区2800套房屋的交付工作。", [("安置区房屋交付", "value", Decimal(2800), "套")]),
    ("又有18万农民工落户城镇。", [("农民工落户城镇", "value", Decimal(18), "万人")]),
])
def test_the_measured_thing_named_after_the_number(text: str, expected: list[tuple[str, str, Decimal, str]]) -> None:
    assert _slots(text) == expected


def test_subjects_carried_across_clauses() -> None:
    assert _slots("全区个体户3.1万户，注册资本87亿元。") == [
        ("个体户", "value", Decimal("3.1"), "万户"), ("个体户注册资本", "value", Decimal(87), "亿元")]
    assert _slots("金融机构存贷款余额分别为960亿元、720亿元，比年初增长6.3%、5.8%。") == [
        ("金融机构存款余额", "value", Decimal(960), "亿元"), ("金融机构贷款余额", "value", Decimal(720), "亿元"),
        ("金融机构存款余额", "growth", Decimal("6.3"), "%"), ("金融机构贷款余额", "growth", Decimal("5.8"), "%")]


def test_a_superlative_predicate_is_no_part_of_the_name() -> None:
    assert _slots("水口片区贡献最大，累计完成产值6.4亿元。") == [("水口片区产值", "value", Decimal("6.4"), "亿元")]


def test_a_compound_is_split_by_its_numbers() -> None:
    assert _slots("本外币存贷余额分别达820亿元、760亿元。") == [
        ("本外币存款余额", "value", Decimal(820), "亿元"), ("本外币贷款余额", "value", Decimal(760), "亿元")]


def test_one_number_for_several_places() -> None:
    found = _slots("甲、乙、丙、丁四市经济总量均突破1000亿元。")
    assert found == [(f"{p}经济总量", "value", Decimal(1000), "亿元") for p in "甲乙丙丁"]
    spans = {f.value.span for f in extract_facts("甲、乙、丙、丁四市经济总量均突破1000亿元。") if f.value}
    assert len(spans) == 1


def test_two_periods_of_a_pair_each_give_their_number() -> None:
    facts = extract_facts("前三季度和全年工业产值分别增长5.1%、5.3%。")
    assert [(f.indicator, f.period, f.growth.number) for f in facts if f.growth] == [
        ("工业产值", "前三季度", Decimal("5.1")), ("工业产值", "全年", Decimal("5.3"))]


def test_a_bare_magnitude_takes_the_unit_of_its_noun() -> None:
    assert _slots("农村低收入人口减少85万。") == [("农村低收入人口", "change", Decimal(-85), "万人")]
    assert _slots("新增5G用户1.2亿。") == [("新增5G用户", "value", Decimal("1.2"), "亿户")]


def test_measure_words_are_units() -> None:
    found = _slots("新打机井320口，修复渠道46段，收购粮食3200担，举办活动58场次。")
    assert [(number, unit) for _, _, number, unit in found] == [
        (Decimal(320), "口"), (Decimal(46), "段"), (Decimal(3200), "担"), (Decimal(58), "场次")]
    assert _slots("出生率下降0.8个千分点。")[0][2:] == (Decimal("-0.8"), "个千分点")


def test_numbers_with_a_magnitude_inside() -> None:
    assert _slots("新建公路1万2千公里。") == [("新建公路", "value", Decimal(12000), "公里")]
    fact = extract_facts("全年财政收入5千多亿元。")[0]
    assert fact.value is not None and (fact.value.number, fact.value.unit, fact.value.qualifier) == (
        Decimal(5000), "亿元", "多")


def test_a_length_after_a_building_verb_is_named_by_the_noun_after_it() -> None:
    text = "我市今年计划建成180公里农村公路,现已完成路面铺设196公里。"
    assert _slots(text) == [("农村公路", "value", Decimal(180), "公里"), ("路面铺设", "value", Decimal(196), "公里")]
    # a subject before the number keeps the name (由86平方公里拓展到112平方公里)
    assert {n for n, *_ in _slots("城区面积由72平方公里拓展到95平方公里。")} == {"城区面积"}


def test_a_state_word_opening_a_clause_leaves_the_topic() -> None:
    found = _slots("计划升级改造20个城乡农贸市场，现已建成12个。")
    assert found[0] == ("城乡农贸市场", "value", Decimal(20), "个")
    assert found[1][1:] == ("value", Decimal(12), "个") and found[1][0].startswith("城乡农贸市场")


def test_a_life_expectancy_raised_to_a_level_is_measured() -> None:
    assert _slots("人均预期寿命提高到79.5岁。") == [("人均预期寿命", "value", Decimal("79.5"), "岁")]


def test_state_and_manner_words_before_a_bare_count_leave_the_topic() -> None:
    found = _slots("计划新建或改造70个社区便利店，现已超额完成81个；另有6个正在改造。")
    assert [name for name, *_ in found[:2]] == ["社区便利店", "社区便利店"]


def test_a_run_in_heading_names_the_figures_of_its_line_and_a_set_target_names_nothing() -> None:
    text = ("固定资产投资。今年1-6月市级下达目标5.2亿元，1-6月累计已完成5.6亿元。预计7月完成总投资900万元。\n"
            "招商引资。县定任务新签约项目4个，已签约项目3个。")
    found = extract_facts(text)
    assert [(f.indicator, role, slot.number, slot.unit, slot.target) for f in found for role, slot in f.slots()] == [
        ("固定资产投资", "value", Decimal("5.2"), "亿元", True),
        ("固定资产投资", "value", Decimal("5.6"), "亿元", False),
        ("固定资产投资总投资", "value", Decimal("900"), "万元", False),
        ("新签约项目", "value", Decimal("4"), "个", True),
        ("已签约项目", "value", Decimal("3"), "个", False)]


def test_a_heading_is_only_a_noun_phrase_and_a_count_after_you_have_is_its_noun() -> None:
    assert _slots("经济稳步增长。我镇目前有规模以上工业企业12家。") == [("规模以上工业企业", "value", Decimal("12"), "家")]


def test_a_length_opening_its_clause_names_the_noun_after_it_and_siblings_of_a_part_share_the_whole() -> None:
    assert _slots("12公里滨河步道已完成5.4公里，其中东岸2.1公里，西岸3.3公里。") == [
        ("滨河步道", "value", Decimal("12"), "公里"), ("滨河步道", "value", Decimal("5.4"), "公里"),
        ("东岸滨河步道", "value", Decimal("2.1"), "公里"), ("西岸滨河步道", "value", Decimal("3.3"), "公里")]
    assert _slots("全年新增智能工厂34家，其中国家级3家，省级12家。") == [
        ("新增智能工厂", "value", Decimal("34"), "家"), ("新增国家级智能工厂", "value", Decimal("3"), "家"),
        ("新增省级智能工厂", "value", Decimal("12"), "家")]
    assert _slots("180公里农村公路安保工程，现已完成192公里。") == [
        ("农村公路安保工程", "value", Decimal("180"), "公里"), ("农村公路安保工程", "value", Decimal("192"), "公里")]


def test_an_addend_is_no_subject_of_the_total_and_an_editors_note_hides_no_comparison() -> None:
    assert _slots("全省一般公共预算收入5120.3亿元，比2023年同口径（下同）增长4.1%。加上调入资金610.2亿元，收入总量为5730.5亿元。") == [
        ("一般公共预算收入", "value", Decimal("5120.3"), "亿元"), ("一般公共预算收入", "growth", Decimal("4.1"), "%"),
        ("调入资金", "value", Decimal("610.2"), "亿元"), ("一般公共预算收入总量", "value", Decimal("5730.5"), "亿元")]


def test_members_of_a_set_named_in_the_clause_before_are_named_by_the_set_and_their_state() -> None:
    assert _slots("今年计划开工项目中，有96个已开工，开工率52.4%；今年计划完工项目中，31个项目已完工。") == [
        ("计划开工项目已开工", "value", Decimal("96"), "个"), ("开工率", "value", Decimal("52.4"), "%"),
        ("计划完工项目已完工", "value", Decimal("31"), "个")]


def test_a_trend_clause_names_the_bare_figure_after_it_and_listed_sectors_share_scope_and_measure() -> None:
    assert _slots("制造业投资增长4.6%。民间投资稳步回升，增长7.9%。") == [
        ("制造业投资", "growth", Decimal("4.6"), "%"), ("民间投资", "growth", Decimal("7.9"), "%")]
    assert _slots("规模以上工业装备制造业、高新技术产业、高技术产业增加值分别增长6.1%、9.2%、15.4%。") == [
        ("规模以上工业装备制造业增加值", "growth", Decimal("6.1"), "%"),
        ("规模以上工业高新技术产业增加值", "growth", Decimal("9.2"), "%"),
        ("规模以上工业高技术产业增加值", "growth", Decimal("15.4"), "%")]
    assert _slots("水电、城市轨道交通项目分别完成年计划进度88%和71.5%。") == [
        ("水电项目", "plan_completion", Decimal("88"), "%"), ("城市轨道交通项目", "plan_completion", Decimal("71.5"), "%")]


def test_a_sentence_without_figures_names_the_agent_of_the_verb_first_clauses_after_it() -> None:
    text = "记者获悉，上半年市级重点项目实现了完成投资、开工率“双增长”。其中，累计完成投资812亿元，同比增长6%。"
    assert _slots(text) == [("市级重点项目完成投资", "value", Decimal("812"), "亿元"),
                            ("市级重点项目完成投资", "growth", Decimal("6"), "%")]


def test_a_length_of_years_is_a_unit_but_a_year_is_a_date() -> None:
    assert _slots("劳动年龄人口平均受教育年限提高到11.2年，2027年实现翻番。") == [
        ("劳动年龄人口平均受教育年限", "value", Decimal("11.2"), "年")]


def test_a_count_of_a_generic_noun_counts_the_topics_things() -> None:
    assert _slots("今年1至6月，市重点项目累计完成投资620亿元。新开工建设58个项目，占计划新开工项目的79%。") == [
        ("市重点项目完成投资", "value", Decimal("620"), "亿元"), ("新开工建设市重点项目", "value", Decimal("58"), "个"),
        ("新开工建设市重点项目", "plan_completion", Decimal("79"), "%")]
