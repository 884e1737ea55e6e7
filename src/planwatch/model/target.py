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


@dataclass(frozen=True, slots=True)
class NumericGoal:
    """A number to meet: ``value`` (lower bound for a range), ``upper`` for ranges."""

    value: Decimal | None
    unit: str
    comparison: Comparison
    upper: Decimal | None = None

    def describe(self) -> str:
        if self.comparison is Comparison.POSITIVE:
            return "保持正增长"
        if self.comparison is Comparison.RANGE and self.upper is not None:
            return f"{self.value}—{self.upper}{self.unit}"
        if self.comparison is Comparison.EXACT:
            return f"{self.value}{self.unit}"
        return f"{self.value}{self.unit}{self.comparison.value}"


@dataclass(frozen=True, slots=True)
class Target:
    """目标 for one indicator, region and year. A target may set the level (``level``), the growth
    rate (``growth``), both, or only words (``qualitative``: 完成上级下达任务, 保持稳定 …).
    ``text`` keeps the target as stated; ``source`` says where it came from."""

    indicator: str
    region: str
    year: int
    level: NumericGoal | None = None
    growth: NumericGoal | None = None
    qualitative: str | None = None
    text: str | None = None
    source: Source | None = None

    @property
    def is_qualitative(self) -> bool:
        return self.level is None and self.growth is None and self.qualitative is not None

    def describe(self) -> str:
        if self.text:
            return self.text
        parts = []
        if self.level is not None:
            parts.append(self.level.describe())
        if self.growth is not None:
            parts.append("增长" + self.growth.describe() if self.growth.comparison is not Comparison.POSITIVE
                         else self.growth.describe())
        if self.qualitative:
            parts.append(self.qualitative)
        return "，".join(parts)
