"""The arithmetic audit on facts built by hand over the reference report's own text."""

from __future__ import annotations

from decimal import Decimal

import pytest

from planwatch.analyze.audit import Outcome, audit_facts
from tests.analyze.facts_helper import fact, slot
from tests.conftest import REFERENCE_REPORT


@pytest.fixture(scope="module")
def text() -> str:
    return REFERENCE_REPORT.read_text(encoding="utf-8")


def _facts(t: str, share: str = "49.4", rate: str = "56.8", sections: str = "90.9",  # type: ignore[no-untyped-def]
           foreign: str = "16"):
    return [
        fact("地区生产总值", value=slot(t, "地区生产总值1285.41", "1285.41", "亿元")),
        fact("服务业增加值", value=slot(t, "服务业增加值635.01", "635.01", "亿元"),
             share=slot(t, f"占GDP比重{share}%", share, "%")),
        fact("新开工项目", value=slot(t, "148个新开工", "148", "个")),
        fact("新开工项目已开工", value=slot(t, "已开工84个", "84", "个")),
        fact("开工率", value=slot(t, f"开工率{rate}%", rate, "%")),
        fact("排查消防安全专项火灾隐患", value=slot(t, "火灾隐患5.31万余处", "5.31", "万处", qualifier="余")),
        fact("火灾隐患整改", value=slot(t, "整改5.27万余处", "5.27", "万处", qualifier="余")),
        fact("整改率", value=slot(t, "整改率达99.2%", "99.2", "%")),
        fact("国省考断面", value=slot(t, "11个国省考", "11", "个")),
        fact("水质优Ⅲ比例", value=slot(t, f"比例为{sections}%", sections, "%")),
        fact("签约项目", value=slot(t, "签约项目145个", "145", "个")),
        fact("内资", value=slot(t, "内资129个", "129", "个")),
        fact("外资", value=slot(t, f"外资{foreign}个", foreign, "个")),
        fact("服务业税收", value=slot(t, "全口径）68亿元", "68", "亿元"), share=slot(t, "全部税收比重31.8%", "31.8", "%")),
        fact("区重点项目完成投资", value=slot(t, "投资361.13", "361.13", "亿元"),
             plan_completion=slot(t, "年度计划57.4%", "57.4", "%")),
    ]


def by_claim(result, words: str):  # type: ignore[no-untyped-def]
    found = [c for c in result.checks if words in c.claim]
    assert found, f"no check for {words}: {[c.claim for c in result.checks]}"
    return found[0]


def test_recomputes_share_rate_counts_and_parts(text: str) -> None:
    result = audit_facts(text, _facts(text))
    share = by_claim(result, "服务业增加值占GDP比重49.4%")
    assert share.outcome is Outcome.PASS and share.formula.startswith("635.01亿元 ÷ 1285.41亿元")
    assert share.computed is not None and share.computed.quantize(Decimal("0.01")) == Decimal("49.40")
    assert "49.35" in share.tolerance and share.place.line == 45
    assert by_claim(result, "开工率56.8%").formula.startswith("84个 ÷ 148个")
    assert by_claim(result, "整改率99.2%").outcome is Outcome.PASS
    sections = by_claim(result, "水质优Ⅲ比例90.9%")
    assert sections.outcome is Outcome.PASS and sections.formula.startswith("10 ÷ 11")
    parts = by_claim(result, "签约项目145个，其中")
    assert parts.outcome is Outcome.PASS and "129个 + 外资16个 = 145个" in parts.formula
    assert by_claim(result, "服务业税收占全部税收比重31.8%").outcome is Outcome.UNVERIFIABLE
    assert by_claim(result, "占年度计划57.4%").outcome is Outcome.UNVERIFIABLE
    assert result.exit_code == 0 and not result.mismatches


def test_a_changed_number_is_a_mismatch(text: str) -> None:
    altered = text.replace("占GDP比重49.4%", "占GDP比重47.4%").replace("开工率56.8%", "开工率58.6%")
    result = audit_facts(altered, _facts(altered, share="47.4", rate="58.6"))
    assert {c.claim for c in result.mismatches} == {"服务业增加值占GDP比重47.4%", "开工率58.6%"}
    assert result.exit_code == 1


def test_an_impossible_count_share_is_a_mismatch(text: str) -> None:
    altered = text.replace("比例为90.9%", "比例为91.9%")
    result = audit_facts(altered, _facts(altered, sections="91.9"))
    assert by_claim(result, "水质优Ⅲ比例91.9%").outcome is Outcome.MISMATCH


def test_parts_larger_than_the_whole(text: str) -> None:
    altered = text.replace("外资16个", "外资26个")
    result = audit_facts(altered, _facts(altered, foreign="26"))
    assert by_claim(result, "签约项目145个，其中").outcome is Outcome.MISMATCH


def test_truncated_figures_pass_but_one_digit_off_does_not() -> None:
    t = "新开工项目270个，已开工129个，开工率47%。"
    facts = [fact("新开工项目", value=slot(t, "项目270", "270", "个")), fact("已开工", value=slot(t, "开工129", "129", "个")),
             fact("开工率", value=slot(t, "开工率47", "47", "%"))]
    assert audit_facts(t, facts).checks[0].outcome is Outcome.PASS      # 47.78 truncated to 47
    t2 = t.replace("47%", "46%")
    facts2 = [*facts[:2], fact("开工率", value=slot(t2, "开工率46", "46", "%"))]
    assert audit_facts(t2, facts2).checks[0].outcome is Outcome.MISMATCH
