"""A table of verdict cases in the language of real reports: each case is a sentence an office
could write (own figures), the plan's target, the figures, and the verdict a 发改委 expert would
sign, with the words the explanation must contain. Every rule of docs/status.md appears in both
directions."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import pytest

from planwatch.analyze.status import Rules, status_table
from planwatch.model import (
    Comparison,
    Direction,
    Frequency,
    Indicator,
    Measure,
    NumericGoal,
    Observation,
    Period,
    Plan,
    Region,
    RegionLevel,
    Target,
)
from planwatch.model.verdict import Verdict

D = Decimal
REGION = Region("990001", "测试区", RegionLevel.COUNTY)


def goal(value: str | None, comparison: str, unit: str = "%", *, slot: str = "level", upper: str | None = None,
         tier: str | None = None, issuer: str | None = None) -> NumericGoal:
    return NumericGoal(D(value) if value is not None else None, unit, Comparison.from_words(comparison),
                       D(upper) if upper else None, tier, issuer, slot)


def growth(value: str | None, comparison: str, **kw: Any) -> NumericGoal:
    return goal(value, comparison, slot="growth", **kw)


@dataclass
class Case:
    """``sentence``: how a report would say it. ``indicator``: name, unit and Indicator options.
    ``target``: Target options. ``figures``: Observation fields for ``period`` (or a dict of
    period → fields). ``verdict`` and ``says``: what the engine must answer."""

    sentence: str
    indicator: dict[str, Any]
    target: dict[str, Any] | None
    figures: dict[str, Any] | dict[str, dict[str, Any]]
    period: str
    verdict: Verdict
    says: tuple[str, ...] = ()
    word: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)     # more attributes of the row to check
    others: list[tuple[dict[str, Any], dict[str, Any]]] = field(default_factory=list)   # other indicators
    rules: Rules | None = None


def _indicator(spec: dict[str, Any]) -> Indicator:
    spec = dict(spec)
    code = spec.pop("code", "x")
    name = spec.pop("name")
    unit = spec.pop("unit")
    return Indicator(code=code, name=name, unit=unit, category="测试", **spec)


def _observations(code: str, figures: dict[str, Any], period: str, unit: str) -> list[Observation]:
    by_period = figures if all(isinstance(v, dict) for v in figures.values()) and figures else {period: figures}
    out = []
    for text, values in by_period.items():
        values = {k: (D(v) if isinstance(v, str) and k not in ("status", "unit") else v) for k, v in values.items()}
        values.setdefault("unit", unit if values.get("value") is not None else None)
        out.append(Observation(code, REGION.code, Period.parse(text), **values))
    return out


def judge(case: Case):  # type: ignore[no-untyped-def]
    main = _indicator(case.indicator)
    indicators = [main]
    observations = _observations(main.code, case.figures, case.period, main.unit)
    for spec, figures in case.others:
        other = _indicator(spec)
        indicators.append(other)
        observations += _observations(other.code, figures, case.period, other.unit)
    targets = []
    if case.target is not None:
        targets.append(Target(main.code, REGION.code, 2025, **case.target))
    plan = Plan(region=REGION.code, year=2025, title="测试区2025年计划", regions=(REGION,),
                indicators=tuple(indicators), targets=tuple(targets), observations=tuple(observations))
    table = status_table(plan, REGION, Period.parse(case.period), rules=case.rules or Rules())
    row = table.row(main.code)
    assert row is not None
    return row


GDP = {"code": "gdp", "name": "地区生产总值", "unit": "亿元", "frequency": Frequency.QUARTERLY}
FAI = {"code": "fai", "name": "全社会固定资产投资", "unit": "亿元"}
REVENUE = {"code": "revenue", "name": "一般公共预算收入", "unit": "亿元"}
JOBS = {"code": "jobs", "name": "城镇新增就业", "unit": "万人", "measure": Measure.COUNT}
CPI = {"code": "cpi", "name": "居民消费价格涨幅", "unit": "%", "measure": Measure.RATE, "direction": Direction.LOWER}
JOBLESS = {"code": "jobless", "name": "城镇调查失业率", "unit": "%", "measure": Measure.RATE, "direction": Direction.LOWER}
PM25 = {"code": "pm25", "name": "PM2.5平均浓度", "unit": "微克/立方米", "measure": Measure.RATE, "direction": Direction.LOWER}
URBAN = {"code": "urban", "name": "常住人口城镇化率", "unit": "%", "measure": Measure.RATE}
COAL = {"code": "coal", "name": "煤炭消费总量", "unit": "万吨", "direction": Direction.LOWER}
INCOME = {"code": "income", "name": "居民人均可支配收入", "unit": "元"}
ENERGY = {"code": "energy", "name": "单位地区生产总值能耗降低", "unit": "%", "measure": Measure.RATE,
          "nature": "约束性"}
RD = {"code": "rd", "name": "研究与试验发展经费支出占GDP比重", "unit": "%", "measure": Measure.RATE,
      "frequency": Frequency.ANNUAL}
KEY = {"code": "key", "name": "区重点项目完成投资", "unit": "亿元"}


def _energy() -> dict[str, Any]:
    spec = dict(ENERGY)
    from planwatch.model import Nature

    spec["nature"] = Nature.BINDING
    return spec


CASES = [
    # ---- cumulative completion against 序时进度 (level targets on flows and counts)
    Case("全社会固定资产投资完成230亿元，占年度目标的57.5%，超序时进度7.5个百分点", FAI,
         {"level": goal("400", "以上", "亿元")}, {"value": "230"}, "2025H1", Verdict.AHEAD,
         ("230亿元 ÷ 400亿元 = 57.5%", "超序时进度7.5个百分点"), extra={"double_half": True}),
    Case("一般公共预算收入完成120亿元，仅完成年度目标的40%，低于序时进度10个百分点", REVENUE,
         {"level": goal("300", "达到", "亿元")}, {"value": "120"}, "2025H1", Verdict.BEHIND,
         ("低于序时进度10个百分点", "未实现“双过半”"), extra={"double_half": False}),
    Case("全社会固定资产投资完成200亿元，恰好完成年度目标的一半", FAI,
         {"level": goal("400", "以上", "亿元")}, {"value": "200"}, "2025H1", Verdict.ON_SCHEDULE,
         ("达到序时进度",), extra={"double_half": True}),
    Case("1—7月完成投资233.24亿元，占年度目标58.31%，与序时进度（58.3%）持平", FAI,
         {"level": goal("400", "以上", "亿元")}, {"value": "233.24"}, "2025M01-07", Verdict.ON_SCHEDULE,
         ("58.3%", "达到序时进度")),
    Case("1—7月完成投资231.6亿元，占年度目标57.9%，低于序时进度0.4个百分点", FAI,
         {"level": goal("400", "以上", "亿元")}, {"value": "231.6"}, "2025M01-07", Verdict.BEHIND,
         ("低于序时进度0.4个百分点",)),
    Case("完成年度目标的51%，在序时进度±2个百分点之内", FAI,
         {"level": goal("400", "以上", "亿元")}, {"value": "204"}, "2025H1", Verdict.ON_SCHEDULE,
         ("在±2之内",), rules=Rules(schedule_band=D(2))),
    Case("上半年城镇新增就业1.0193万人，完成全年目标的101.93%，提前完成全年任务", JOBS,
         {"level": goal("1", "以上", "万人")}, {"value": "1.0193"}, "2025H1", Verdict.COMPLETED_EARLY,
         ("提前完成全年任务",)),
    Case("全年城镇新增就业1267万人，完成全年目标的105.6%，超额完成", JOBS,
         {"level": goal("1200", "以上", "万人")}, {"value": "1267"}, "2025", Verdict.OVERACHIEVED,
         ("超额完成年度目标", "105.6%")),
    Case("全年城镇新增就业1200万人，完成年度目标", JOBS,
         {"level": goal("1200", "以上", "万人")}, {"value": "1200"}, "2025", Verdict.MET, ("完成年度目标",)),
    Case("全年完成固定资产投资380亿元，完成年度目标的95%，未完成年度目标", FAI,
         {"level": goal("400", "以上", "亿元")}, {"value": "380"}, "2025", Verdict.NOT_MET,
         ("未完成年度目标，差5个百分点",)),
    Case("煤炭消费总量控制在1000万吨以内；上半年消费450万吨，未超过序时用量", COAL,
         {"level": goal("1000", "以内", "万吨")}, {"value": "450"}, "2025H1", Verdict.MET,
         ("总量控制", "未超过序时用量")),
    Case("上半年煤炭消费560万吨，已用去年度总量控制目标的56%，超过序时用量", COAL,
         {"level": goal("1000", "以内", "万吨")}, {"value": "560"}, "2025H1", Verdict.NOT_MET, ("超过序时用量6个百分点",)),
    Case("完成固定资产投资209.2亿元，占年计划41.8%（计划未录入年度目标）", FAI,
         None, {"value": "209.2", "plan_completion": "41.8"}, "2025H1", Verdict.BEHIND,
         ("报告所述占年度计划41.8%", "低于序时进度8.2个百分点", "推算年度目标约500.5亿元"),
         extra={"double_half": False}),
    Case("5个省重大项目完成投资11.72亿元，占年度计划63.4%（计划未录入年度目标）", KEY,
         None, {"value": "11.72", "plan_completion": "63.4"}, "2025H1", Verdict.AHEAD,
         ("超序时进度13.4个百分点",), extra={"double_half": True}),
    Case("重点项目完成年度计划的48%（只有比例，没有累计数）", KEY,
         {"level": goal("120", "达到", "亿元")}, {"plan_completion": "48"}, "2025H1", Verdict.BEHIND,
         ("无累计数，取报告所述",), extra={"rule": "stated_completion_vs_schedule"}),
    Case("社会消费品零售总额210亿元，报告称占年度计划55.0%，按年度目标400亿元计算为52.5%", REVENUE,
         {"level": goal("400", "以上", "亿元")}, {"value": "210", "plan_completion": "55.0"}, "2025H1",
         Verdict.AHEAD, ("不一致",), extra={"cross_check": "报告所述占年度计划55.0%，按210亿元÷400亿元计算为52.5%"}),
    # ---- growth rates against growth targets (左右 one-sided by direction)
    Case("地区生产总值增长6.1%，高于5.5%左右的预期目标0.6个百分点", GDP,
         {"growth": growth("5.5", "左右")}, {"value": "1285.41", "growth": "6.1"}, "2025H1", Verdict.EXCEEDED,
         ("高于目标0.6个百分点",), extra={"growth_gap": D("0.6")}),
    Case("地区生产总值增长5.4%，与5.5%左右的预期目标基本一致", GDP,
         {"growth": growth("5.5", "左右")}, {"growth": "5.4"}, "2025H1", Verdict.MET, ("“左右”容差±0.2",)),
    Case("地区生产总值增长5.0%，低于预期目标0.5个百分点", GDP,
         {"growth": growth("5.5", "左右")}, {"growth": "5.0"}, "2025H1", Verdict.NOT_MET,
         ("低于目标0.5个百分点",)),
    Case("地区生产总值增长5.0%，实现5%以上的预期目标", GDP,
         {"growth": growth("5", "以上")}, {"growth": "5.0"}, "2025H1", Verdict.MET, ("≥ 5",)),
    Case("地区生产总值增长4.9%，未达到5%以上的预期目标", GDP,
         {"growth": growth("5", "以上")}, {"growth": "4.9"}, "2025H1", Verdict.NOT_MET, ("低于目标0.1个百分点",)),
    Case("居民消费价格上涨1.6%，控制在3%左右的预期目标以内", CPI,
         {"growth": growth("3", "左右")}, {"growth": "1.6"}, "2025H1", Verdict.MET, ("≤ 3.2", "低于目标1.4个百分点")),
    Case("居民消费价格上涨3.4%，高于3%左右的调控目标", CPI,
         {"growth": growth("3", "左右")}, {"growth": "3.4"}, "2025H1", Verdict.NOT_MET, ("高于目标0.4个百分点",)),
    Case("一般公共预算收入增长0.3%，实现正增长", REVENUE,
         {"growth": growth(None, "正增长")}, {"value": "149.74", "growth": "0.3"}, "2025H1", Verdict.MET,
         ("实现正增长",)),
    Case("一般公共预算收入下降1.2%，未实现保持正增长的目标", REVENUE,
         {"growth": growth(None, "正增长")}, {"growth": "-1.2"}, "2025H1", Verdict.NOT_MET, ("未实现正增长",)),
    Case("全年地区生产总值增长5.0%，实现5%左右的预期目标", GDP,
         {"growth": growth("5", "左右")}, {"growth": "5.0"}, "2025", Verdict.MET, ("与目标持平",)),
    # ---- rates, stocks and bands against a level
    Case("城镇调查失业率平均为4.8%，低于5.5%左右的控制目标", JOBLESS,
         {"level": goal("5.5", "左右")}, {"value": "4.8"}, "2025H1", Verdict.MET, ("≤ 6",)),
    Case("城镇调查失业率6.1%，超过5.5%左右的控制目标", JOBLESS,
         {"level": goal("5.5", "左右")}, {"value": "6.1"}, "2025H1", Verdict.NOT_MET, ("高于目标0.6个百分点",)),
    Case("PM2.5平均浓度33.3微克/立方米，控制在35微克/立方米以内", PM25,
         {"level": goal("35", "以内", "微克/立方米")}, {"value": "33.3"}, "2025H1", Verdict.MET, ("≤ 35",)),
    Case("PM2.5平均浓度36.2微克/立方米，超过35微克/立方米的目标", PM25,
         {"level": goal("35", "控制在", "微克/立方米")}, {"value": "36.2"}, "2025H1", Verdict.NOT_MET,
         ("高于目标1.2微克/立方米",)),
    Case("常住人口城镇化率达到70.4%，达到70%的目标", URBAN,
         {"level": goal("70", "达到")}, {"value": "70.4"}, "2025", Verdict.MET, ("≥ 70",)),
    Case("常住人口城镇化率71.2%，高于70%的目标1.2个百分点", URBAN,
         {"level": goal("70", "达到")}, {"value": "71.2"}, "2025", Verdict.EXCEEDED, ("高于目标1.2个百分点",)),
    Case("城镇调查失业率（区间指标）4.8%，在4.5%左右的目标范围内", {**JOBLESS, "direction": Direction.BAND},
         {"level": goal("4.5", "达到")}, {"value": "4.8"}, "2025H1", Verdict.MET, ("4—5",)),
    Case("城镇登记失业率5.2%，超出4%—5%的控制区间", JOBLESS,
         {"level": goal("4", "区间", upper="5")}, {"value": "5.2"}, "2025H1", Verdict.NOT_MET, ("不在4—5%之内",)),
    # ---- qualitative targets
    Case("单位地区生产总值能耗降低完成上级下达任务", _energy(),
         {"qualitative": "完成上级下达任务"}, {"status": "完成上级下达任务"}, "2025H1", Verdict.MET,
         ("与目标一致",), word="完成上级下达任务"),
    Case("单位地区生产总值能耗降低与序时进度存在一定差距", _energy(),
         {"qualitative": "完成上级下达任务"}, {"status": "与序时进度存在一定差距"}, "2025H1", Verdict.BEHIND,
         ("与序时进度存在一定差距",)),
    Case("居民人均可支配收入增长5.8%，与经济增长（6.1%）基本同步", INCOME,
         {"qualitative": "与经济增长基本同步", "in_step_with": "gdp"}, {"growth": "5.8"}, "2025H1", Verdict.MET,
         ("基本同步",), word="与经济增长基本同步", others=[(GDP, {"growth": "6.1"})]),
    Case("居民人均可支配收入增长5.2%，慢于经济增长0.9个百分点", INCOME,
         {"qualitative": "与经济增长基本同步"}, {"growth": "5.2"}, "2025H1", Verdict.NOT_MET,
         ("慢于地区生产总值0.9个百分点",), others=[(GDP, {"growth": "6.1"})]),
    Case("居民人均可支配收入增长7.0%，快于经济增长", INCOME,
         {"qualitative": "居民收入增长和经济增长同步", "in_step_with": "gdp"}, {"growth": "7.0"}, "2025H1",
         Verdict.EXCEEDED, ("快于地区生产总值0.9个百分点",), others=[(GDP, {"growth": "6.1"})]),
    # ---- reported verdicts: never 缺数, never invented
    Case("固定资产投资进展顺利（报告未给数字）", FAI,
         {"level": goal("400", "以上", "亿元")}, {"status": "进展顺利"}, "2025H1", Verdict.ON_TRACK,
         ("待核数",), word="进展顺利（待核数）"),
    Case("一般公共预算收入经过努力能够完成全年目标", REVENUE,
         {"level": goal("300", "以上", "亿元")}, {"status": "经过努力能够完成"}, "2025H1", Verdict.ATTAINABLE,
         ("经过努力能够完成",)),
    Case("一般公共预算收入完成全年目标难度较大，仍需付出更大努力", REVENUE,
         {"level": goal("300", "以上", "亿元")}, {"status": "完成全年目标难度较大，仍需付出更大努力"}, "2025H1",
         Verdict.GAP, ("难度较大",)),
    Case("重点改革任务基本完成", REVENUE,
         {"level": goal("300", "以上", "亿元")}, {"status": "基本完成"}, "2025", Verdict.NEAR, ("基本完成",)),
    Case("工业投资没有完成“双过半”", FAI,
         {"level": goal("400", "以上", "亿元")}, {"status": "没有完成“双过半”"}, "2025H1", Verdict.BEHIND,
         ("没有完成“双过半”",), extra={"double_half": False}),
    Case("外贸进出口超额完成年度目标任务（计划未录入目标）", REVENUE,
         None, {"status": "超额完成年度目标任务"}, "2025", Verdict.OVERACHIEVED, ("超额完成年度目标任务",)),
    Case("工业增加值率保持稳定（无目标，无判断用语）", URBAN,
         None, {"status": "保持稳定"}, "2025H1", Verdict.REPORTED, ("保持稳定",)),
    Case("规上工业增加值增长10.2%，高于预期目标0.2个百分点（计划未录入目标）", GDP,
         None, {"growth": "10.2", "target_gap": "0.2"}, "2025H1", Verdict.EXCEEDED,
         ("高于预期目标0.2个百分点", "推算目标为增长10%"), extra={"implied_target": "增长10%（由报告所述与目标之差推算）"}),
    Case("社会消费品零售总额增长5.0%，低于预期目标0.5个百分点（计划未录入目标）", REVENUE,
         None, {"growth": "5.0", "target_gap": "-0.5"}, "2025H1", Verdict.NOT_MET, ("低于预期目标0.5个百分点",)),
    # ---- periods
    Case("1—7月报告中的地区生产总值为上半年数（季度指标，按序时进度50%判断）", GDP,
         {"level": goal("2600", "达到", "亿元")}, {"2025H1": {"value": "1300"}}, "2025M01-07", Verdict.ON_SCHEDULE,
         ("取上半年数",), extra={"time_progress": D("50.0")}),
    Case("研究与试验发展经费支出占GDP比重为年度数据，无半年度预计数", RD,
         {"level": goal("3.5", "达到")}, {"value": "3.1"}, "2025H1", Verdict.ANNUAL_ONLY, ("年度数据",)),
    Case("上半年没有报送固定资产投资数据", FAI,
         {"level": goal("400", "以上", "亿元")}, {}, "2025H1", Verdict.MISSING, ("没有全社会固定资产投资的数据",)),
    # ---- two tiers and a superior's goal
    Case("地区生产总值增长5.4%，达到确保5%的目标，距争取6%的目标尚有差距", GDP,
         {"growth": growth("5", "以上", tier="确保"), "alternatives": (growth("6", "以上", tier="争取"),)},
         {"growth": "5.4"}, "2025H1", Verdict.EXCEEDED, ("确保目标", "对照争取目标增长6%以上", "未达到")),
    Case("固定资产投资完成200亿元，超本级目标380亿元的序时进度，达到市下达400亿元目标的序时进度", FAI,
         {"level": goal("380", "以上", "亿元"), "alternatives": (goal("400", "以上", "亿元", issuer="市"),)},
         {"value": "200"}, "2025H1", Verdict.AHEAD, ("超序时进度2.6个百分点", "对照市下达目标400亿元以上", "达到序时进度")),
]


@pytest.mark.parametrize("case", CASES, ids=[c.sentence[:24] for c in CASES])
def test_verdict_case(case: Case) -> None:
    row = judge(case)
    assert row.verdict is case.verdict, f"{case.sentence}: {row.verdict.value}（{row.rule}）{row.explanation}"
    for words in case.says:
        assert words in row.explanation, f"{case.sentence}: “{words}” not in {row.explanation}"
    if case.word is not None:
        assert row.word == case.word
    for name, expected in case.extra.items():
        assert getattr(row, name) == expected, f"{case.sentence}: {name} = {getattr(row, name)!r}"


def test_the_table_covers_every_verdict_and_both_directions() -> None:
    seen = {c.verdict for c in CASES}
    judged = {v for v in Verdict if v.is_judgement} | {Verdict.REPORTED, Verdict.ANNUAL_ONLY, Verdict.MISSING}
    assert judged <= seen, judged - seen
    assert len(CASES) >= 40
