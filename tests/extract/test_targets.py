"""extract_targets: target statements → Target records with comparisons and spans."""

from __future__ import annotations

from decimal import Decimal

from planwatch.extract import extract_targets
from planwatch.model import Comparison

PARAGRAPH = (
    "今年经济社会发展的主要预期目标：地区生产总值增长5%以上；一般公共预算收入保持正增长；社会消费品零售总额超1000亿元；"
    "高新技术产业产值占比稳定在70%以上；居民人均可支配收入与经济增长基本同步；城镇调查失业率5.5%左右；"
    "单位GDP能耗降低完成省下达任务；粮食产量稳定在35万吨以上；全社会固定资产投资增长5%—6%；"
    "居民消费价格涨幅控制在3%以内；城镇新增就业不少于2.5万人；进出口总额、实际使用外资保持稳定。"
    "实现上述目标，需要付出艰苦努力。"
)


def _by_name(text: str) -> dict:  # type: ignore[type-arg]
    return {f.indicator: f for f in extract_targets(text, region="吴江区", year=2026)}


def _at(text: str, span: tuple[int, int]) -> str:
    return text[span[0]:span[1]]


def test_the_main_targets_paragraph() -> None:
    found = _by_name(PARAGRAPH)
    assert list(found) == ["地区生产总值", "一般公共预算收入", "社会消费品零售总额", "高新技术产业产值占比",
                           "居民人均可支配收入", "城镇调查失业率", "单位GDP能耗降低", "粮食产量", "全社会固定资产投资",
                           "居民消费价格涨幅", "城镇新增就业", "进出口总额", "实际使用外资"]
    gdp = found["地区生产总值"].target
    assert gdp.growth is not None and gdp.level is None
    assert (gdp.growth.value, gdp.growth.unit, gdp.growth.comparison) == (Decimal("5"), "%", Comparison.AT_LEAST)
    assert gdp.region == "吴江区" and gdp.year == 2026
    assert found["一般公共预算收入"].target.growth.comparison is Comparison.POSITIVE
    assert found["一般公共预算收入"].target.growth.value is None
    retail = found["社会消费品零售总额"].target.level
    assert (retail.value, retail.unit, retail.comparison) == (Decimal("1000"), "亿元", Comparison.AT_LEAST)
    share = found["高新技术产业产值占比"].target.level
    assert (share.value, share.unit, share.comparison) == (Decimal("70"), "%", Comparison.AT_LEAST)
    assert found["居民人均可支配收入"].target.qualitative == "与经济增长基本同步"
    assert found["城镇调查失业率"].target.level.comparison is Comparison.ABOUT
    assert found["单位GDP能耗降低"].target.qualitative == "完成省下达任务"
    assert found["粮食产量"].target.level.unit == "万吨"
    fai = found["全社会固定资产投资"].target.growth
    assert (fai.comparison, fai.value, fai.upper) == (Comparison.RANGE, Decimal("5"), Decimal("6"))
    assert found["居民消费价格涨幅"].target.level.comparison is Comparison.AT_MOST
    jobs = found["城镇新增就业"].target.level
    assert (jobs.value, jobs.unit, jobs.comparison) == (Decimal("2.5"), "万人", Comparison.AT_LEAST)
    assert found["进出口总额"].target.qualitative == found["实际使用外资"].target.qualitative == "保持稳定"


def test_spans_point_at_the_numbers_and_names() -> None:
    for finding in extract_targets(PARAGRAPH, region="R", year=2026):
        assert _at(PARAGRAPH, finding.spans["indicator"]) == finding.indicator
        for slot in ("level", "growth"):
            goal = getattr(finding.target, slot)
            if goal is not None and goal.value is not None:
                assert Decimal(_at(PARAGRAPH, finding.spans[slot])) == goal.value
        if finding.target.qualitative:
            assert _at(PARAGRAPH, finding.spans["qualitative"]) == finding.target.qualitative
        assert finding.text in PARAGRAPH
    fai = _by_name(PARAGRAPH)["全社会固定资产投资"]
    assert _at(PARAGRAPH, fai.spans["growth_upper"]) == "6"
    assert fai.text == "全社会固定资产投资增长5%—6%"


def test_a_heading_then_a_numbered_list_and_two_goals_for_one_indicator() -> None:
    text = ("二、2026年主要预期目标\n"
            "（一）经济发展\n"
            "1.规上工业总产值突破3000亿元、增长6%左右。\n"
            "2．一般公共预算收入达到１５０亿元，增长3%。\n"
            "3.新增高新技术企业100家以上。\n"
            "三、重点任务\n"
            "全力推进重点项目建设，地区生产总值增长6%。\n")
    found = _by_name(text)
    assert list(found) == ["规上工业总产值", "一般公共预算收入", "新增高新技术企业"]
    output = found["规上工业总产值"].target
    assert output.level.value == Decimal("3000") and output.level.comparison is Comparison.AT_LEAST
    assert output.growth.value == Decimal("6") and output.growth.comparison is Comparison.ABOUT
    revenue = found["一般公共预算收入"]
    assert revenue.target.level.value == Decimal("150")   # full-width digits, offsets kept
    assert _at(text, revenue.spans["level"]) == "１５０"
    assert revenue.target.growth.value == Decimal("3")


def test_decrease_targets_name_the_indicator_with_the_verb() -> None:
    found = _by_name("主要目标是：单位地区生产总值能耗下降3%左右，PM2.5平均浓度控制在30微克/立方米以内，"
                     "耕地保有量完成上级下达任务。")
    cut = found["单位地区生产总值能耗下降"].target.level
    assert (cut.value, cut.unit, cut.comparison) == (Decimal("3"), "%", Comparison.ABOUT)
    pm = found["PM2.5平均浓度"].target.level
    assert (pm.value, pm.unit, pm.comparison) == (Decimal("30"), "微克/立方米", Comparison.AT_MOST)
    assert found["耕地保有量"].target.qualitative == "完成上级下达任务"


def test_a_target_in_parentheses_after_an_actual() -> None:
    text = "去年全区地区生产总值增长9.3%（预期目标为8.5%以上），规上工业增加值增长8%。"
    findings = extract_targets(text, region="R", year=2025)
    assert len(findings) == 1
    goal = findings[0].target.growth
    assert findings[0].indicator == "地区生产总值"
    assert (goal.value, goal.comparison) == (Decimal("8.5"), Comparison.AT_LEAST)
    assert _at(text, findings[0].spans["growth"]) == "8.5"


def test_execution_reports_and_non_targets_give_nothing() -> None:
    from tests.conftest import REFERENCE_REPORT

    # an execution report states results, not the year's targets
    assert extract_targets(REFERENCE_REPORT.read_text(encoding="utf-8"), region="吴江区", year=2025) == []
    text = "主要预期目标：推进“4+2+1”产业体系建设，实施“55352”工程，0-3岁婴幼儿照护服务体系更加完善。"
    assert extract_targets(text, region="R", year=2026) == []
    assert extract_targets("", region="R", year=2026) == []


def test_shared_and_paired_predicates() -> None:
    text = "主要预期目标：进出口总额和实际使用外资分别增长5%和6%；城乡居民收入均增长6%以上。"
    found = _by_name(text)
    assert found["进出口总额"].target.growth.value == Decimal("5")
    assert found["实际使用外资"].target.growth.value == Decimal("6")
    assert _at(text, found["实际使用外资"].spans["growth"]) == "6"
    assert found["城乡居民收入"].target.growth.comparison is Comparison.AT_LEAST
