"""Target (目标): a year's numeric goal for an indicator's level or growth, or a qualitative one."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import Enum

from planwatch.model.source import Source


class Comparison(str, Enum):
    """How a numeric goal is to be met; the value is the wording plans use."""

    AT_LEAST = "以上"        # 增长5%以上, 不低于, 超
    ABOUT = "左右"           # 增长5.5%左右: within a band around the figure
    AT_MOST = "以内"         # 控制在3%以内, 不高于, 低于
    RANGE = "区间"           # 5%—6%
    EXACT = "达到"           # 达到70% (a level to reach; treated as at least for higher-is-better)
    POSITIVE = "正增长"       # 保持正增长

    @classmethod
    def from_words(cls, text: str) -> Comparison:
        words = {
            "以上": cls.AT_LEAST, "不低于": cls.AT_LEAST, "超": cls.AT_LEAST, "超过": cls.AT_LEAST,
            "高于": cls.AT_LEAST, "≥": cls.AT_LEAST, "不少于": cls.AT_LEAST, "突破": cls.AT_LEAST,
            "至少": cls.AT_LEAST, "大于": cls.AT_LEAST, "上下": cls.ABOUT, "以下": cls.AT_MOST, "小于": cls.AT_MOST, "左右": cls.ABOUT, "约": cls.ABOUT,
            "以内": cls.AT_MOST, "控制在": cls.AT_MOST, "不高于": cls.AT_MOST, "不超过": cls.AT_MOST,
            "低于": cls.AT_MOST, "≤": cls.AT_MOST, "区间": cls.RANGE, "达到": cls.EXACT,
            "稳定在": cls.EXACT, "保持在": cls.EXACT, "维持在": cls.EXACT, "之内": cls.AT_MOST,
            "正增长": cls.POSITIVE,
        }
        if text in words:
            return words[text]
        for member in cls:
            if member.value == text or member.name.lower() == text.lower():
                return member
        raise ValueError(f"未知的目标比较方式“{text}”（可用：以上、左右、以内、区间、达到、正增长）")


TIERS = ("确保", "力争", "争取")      # two-tier targets: 确保 X (the floor) / 争取 Y (the aim)


@dataclass(frozen=True, slots=True)
class NumericGoal:
    """A number to meet: ``value`` (lower bound for a range), ``upper`` for ranges.

    ``tier`` is 确保 / 力争 / 争取 for two-tier targets (None: a plain target); ``issuer`` names a
    superior who set this goal for the region (市, 省, 上级; None: the region's own plan);
    ``slot`` says whether it bounds the level or the growth rate."""

    value: Decimal | None
    unit: str
    comparison: Comparison
    upper: Decimal | None = None
    tier: str | None = None
    issuer: str | None = None
    slot: str = "level"          # "level" | "growth"

    def describe(self) -> str:
        if self.comparison is Comparison.POSITIVE:
            text = "保持正增长"
        elif self.comparison is Comparison.RANGE and self.upper is not None:
            text = f"{self.value}—{self.upper}{self.unit}"
        elif self.comparison is Comparison.EXACT:
            text = f"{self.value}{self.unit}"
        else:
            text = f"{self.value}{self.unit}{self.comparison.value}"
        if self.slot == "growth" and self.comparison is not Comparison.POSITIVE:
            text = "增长" + text
        return text

    @property
    def label(self) -> str:
        """Which target this is, in words: 目标, 确保目标, 争取目标, 市下达目标, 市确保目标."""
        issuer = f"{self.issuer}下达" if self.issuer and not self.tier else (self.issuer or "")
        return f"{issuer}{self.tier or ''}目标"

    @property
    def is_primary_kind(self) -> bool:
        """The region's own plain or 确保 goal: the one the headline verdict is about."""
        return self.issuer is None and self.tier in (None, "确保")


@dataclass(frozen=True, slots=True)
class Target:
    """目标 for one indicator, region and year. A target may set the level (``level``), the growth
    rate (``growth``), both, or only words (``qualitative``: 完成上级下达任务, 保持稳定 …).
    ``level`` and ``growth`` are the primary goals (the region's own, or its 确保 tier);
    ``alternatives`` holds the other tiers and the superiors' goals (争取 6%, 市下达 400亿元).
    ``in_step_with`` names the indicator whose growth a 同步 target follows (居民收入与经济增长
    基本同步 → the GDP indicator). ``text`` keeps the target as stated; ``source`` says where it
    came from."""

    indicator: str
    region: str
    year: int
    level: NumericGoal | None = None
    growth: NumericGoal | None = None
    qualitative: str | None = None
    text: str | None = None
    source: Source | None = None
    alternatives: tuple[NumericGoal, ...] = ()
    in_step_with: str | None = None

    @property
    def is_qualitative(self) -> bool:
        return self.level is None and self.growth is None and self.qualitative is not None

    @property
    def goals(self) -> tuple[NumericGoal, ...]:
        """Every numeric goal: the primary level and growth first, then the alternatives."""
        return tuple(g for g in (self.level, self.growth) if g is not None) + self.alternatives

    def describe(self) -> str:
        if self.text:
            return self.text
        parts = [g.describe() if g.is_primary_kind and g.tier is None else f"{g.label}{g.describe()}"
                 for g in self.goals]
        if self.qualitative:
            parts.append(self.qualitative)
        return "，".join(parts)
