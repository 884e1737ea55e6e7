"""Observation (观测值): an indicator's figures for one region and period, with their source."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from planwatch.model.indicator import PriceBasis
from planwatch.model.period import Period
from planwatch.model.source import Source


@dataclass(frozen=True, slots=True)
class Observation:
    """观测值. Every number keeps the precision it was stated with (Decimal("2836.10")).

    - ``value`` in ``unit``; ``growth`` in % against the same period a year earlier, on ``growth_basis``;
    - ``plan_completion``: the share of the annual plan as *stated* (占年度计划57.4%);
    - ``share``: the share of a named total as stated (占GDP比重49.4%), ``share_of`` names the total;
    - ``change``: an absolute change (较去年底提升3.9个百分点) in ``change_unit``;
    - ``status``: a qualitative result in words (保持稳定, 完成上级下达任务);
    - ``estimate``: the figure is a 预计 value; ``qualifier``: 超, 近, 余, 左右 as written;
    - ``target_gap``: the stated gap to the target in points or the level's unit
      (高于预期目标0.2个百分点 → 0.2, 低于… → −0.2): when the plan has no target, the status engine
      judges against the target it implies (growth − gap)."""

    indicator: str
    region: str
    period: Period
    value: Decimal | None = None
    unit: str | None = None
    growth: Decimal | None = None
    growth_basis: PriceBasis | None = None
    plan_completion: Decimal | None = None
    share: Decimal | None = None
    share_of: str | None = None
    change: Decimal | None = None
    change_unit: str | None = None
    status: str | None = None
    estimate: bool = False
    qualifier: str | None = None
    note: str | None = None
    source: Source | None = None
    target_gap: Decimal | None = None

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.indicator, self.region, self.period.code)

    @property
    def has_numbers(self) -> bool:
        return any(x is not None for x in (self.value, self.growth, self.plan_completion, self.share, self.change))
