"""The verdict vocabulary reads report language as a 发改委 office means it: each phrase below is
worded as real reports word it (own sentences), with the verdict it states. Phrases it does not
know give nothing (the caller says 待评估), and aims (力争、确保) are not results."""

from __future__ import annotations

from decimal import Decimal

import pytest

from planwatch.model.verdict import Reference, Verdict, find_verdicts, read_verdict

V = Verdict

PHRASES = [
    ("超过预期目标", V.EXCEEDED, None),
    ("主要指标好于预期", V.EXCEEDED, None),
    ("好于年初预期", V.EXCEEDED, None),
    ("超额完成年度目标任务", V.OVERACHIEVED, None),
    ("各项指标全面超额完成", V.OVERACHIEVED, None),
    ("与预期目标持平", V.MET, None),
    ("增长6.1%，高于预期目标0.6个百分点", V.EXCEEDED, Decimal("0.6")),
    ("增长5.0%，低于预期目标0.5个百分点", V.NOT_MET, Decimal("-0.5")),
    ("M2增长9.6%，低于10%左右的预期目标", V.NOT_MET, None),
    ("14项指标达到或超过计划目标序时进度", V.ON_SCHEDULE, None),
    ("工业投资达到市确保目标序时进度", V.ON_SCHEDULE, None),
    ("与计划目标序时进度存在一定差距", V.BEHIND, None),
    ('没有完成"双过半"', V.BEHIND, None),
    ("未实现“双过半”", V.BEHIND, None),
    ("顺利实现“双过半”", V.ON_SCHEDULE, None),
    ("实现时间过半、任务过半", V.ON_SCHEDULE, None),
    ("重点改革任务基本完成", V.NEAR, None),
    ("经过努力能够完成", V.ATTAINABLE, None),
    ("A、B等预期性指标努力后可以完成", V.ATTAINABLE, None),
    ("完成全年目标仍需付出更大努力", V.GAP, None),
    ("超过时间进度5.9个百分点", V.AHEAD, Decimal("5.9")),
    ("占年度计划63.4%，超序时进度13.4个百分点", V.AHEAD, Decimal("13.4")),
    ("低于序时进度2.7个百分点", V.BEHIND, Decimal("-2.7")),
    ("落后时间进度3个百分点", V.BEHIND, Decimal("-3")),
    ("主要指标进展顺利", V.ON_TRACK, None),
    ("约束类指标进展良好", V.ON_TRACK, None),
    ("14项指标有12项完成良好", V.ON_TRACK, None),
    ("全年目标有望顺利完成", V.ON_TRACK, None),
    ("计划得到较好执行", V.ON_TRACK, None),
    ("各项任务圆满完成", V.MET, None),
    ("完成上级下达任务", V.MET, None),
    ("完成市下达粮食播种面积任务", V.MET, None),
    ("差距较大", V.GAP, None),
    ("与年度目标相比仍有较大差距", V.GAP, None),
    ("推进缓慢", V.BEHIND, None),
    ("未完成年度目标", V.NOT_MET, None),
    ("提前完成全年任务", V.COMPLETED_EARLY, None),
]


@pytest.mark.parametrize(("text", "verdict", "points"), PHRASES, ids=[p[0] for p in PHRASES])
def test_report_phrases_are_read_as_offices_mean_them(text: str, verdict: Verdict, points: Decimal | None) -> None:
    found = read_verdict(text)
    assert found is not None, text
    assert found.verdict is verdict, f"{text}: {found.verdict.value} from “{found.text}”"
    assert found.points == points
    assert text[found.start:found.end] == found.text


NOT_VERDICTS = [
    "完成年度目标的57.3%",            # a completion figure, not a verdict
    "已完成投资150亿元",
    "要确保完成全年目标任务",          # an aim
    "力争实现“双过半”",
    "空气质量达标率95%",               # a rate's name
    "营商生态持续改善",                # a descriptive trend
    "治安形势保持稳定",
    "居民收入稳步增长",
]


@pytest.mark.parametrize("text", NOT_VERDICTS)
def test_figures_aims_and_trends_are_not_verdicts(text: str) -> None:
    assert read_verdict(text) is None, find_verdicts(text)


def test_several_phrases_in_one_sentence_are_found_in_order_and_the_worst_leads() -> None:
    text = "工业用电量、税收收入等5项指标达到序时进度；项目投资与序时进度尚有差距。"
    found = find_verdicts(text)
    assert [p.verdict for p in found] == [V.ON_SCHEDULE, V.BEHIND]
    assert all(p.reference is Reference.SCHEDULE for p in found)
    lead = read_verdict(text)
    assert lead is not None and lead.verdict is V.BEHIND


def test_double_half_phrases_say_which_way() -> None:
    assert read_verdict("实现“双过半”").double_half is True          # type: ignore[union-attr]
    assert read_verdict("未能实现双过半").double_half is False        # type: ignore[union-attr]


def test_every_verdict_has_a_tone_a_meaning_and_a_lagging_flag() -> None:
    for verdict in Verdict:
        assert verdict.tone in ("good", "warn", "bad", "neutral")
        assert verdict.meaning
        assert verdict.is_lagging == (verdict.tone in ("bad", "warn"))
