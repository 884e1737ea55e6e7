"""Indicator (指标): what is measured, in which unit, how it is judged and how often it is known."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum


class Nature(str, Enum):
    """指标属性: 预期性 targets are expected and graded; 约束性 ones must be met."""

    EXPECTED = "预期性"
    BINDING = "约束性"


class Direction(str, Enum):
    """Which way is better."""

    HIGHER = "越大越好"
    LOWER = "越小越好"
    BAND = "区间"


class Frequency(str, Enum):
    """How often a figure exists. Annual-only indicators have no in-year figure (年度数据)."""

    MONTHLY = "月度"
    QUARTERLY = "季度"
    HALF_YEARLY = "半年度"
    ANNUAL = "年度"


class Measure(str, Enum):
    """What kind of quantity: it decides whether completion = actual ÷ annual target applies."""

    FLOW = "累计流量"      # GDP, investment, revenue: year-to-date sums against an annual amount
    STOCK = "存量"         # 参保人数, 人才总量: a level at a date
    RATE = "比率"          # %, shares, per-capita ratios
    COUNT = "计数"         # 新增智能工厂 N家: a year-to-date count against an annual count
    QUALITATIVE = "定性"   # judged by words only (安全生产, 耕地保有量完成上级下达任务)


class PriceBasis(str, Enum):
    """Price basis of a growth rate."""

    CURRENT = "现价"
    CONSTANT = "不变价"
    COMPARABLE = "可比价"


@dataclass(frozen=True, slots=True)
class Indicator:
    """指标. ``formula`` makes it derived (e.g. ``服务业增加值 / 地区生产总值 * 100``).

    ``about_band`` is the tolerance of this indicator's 左右 targets in the target's unit
    (points for %), overriding the settings; ``precision`` is the number of decimals its
    computed (derived) values are shown with (default by unit: 1 for %, ‰ and 倍, else 2)."""

    code: str
    name: str
    unit: str
    category: str
    aliases: tuple[str, ...] = ()
    nature: Nature = Nature.EXPECTED
    direction: Direction = Direction.HIGHER
    frequency: Frequency = Frequency.MONTHLY
    measure: Measure = Measure.FLOW
    price_basis: PriceBasis | None = None
    formula: str | None = None
    department: str | None = None
    headline: bool = False
    order: int = 0
    note: str | None = None
    parent: str | None = None   # the whole of which this is a 其中 part
    tags: tuple[str, ...] = field(default=())
    about_band: Decimal | None = None
    precision: int | None = None
    phrase: str | None = None   # the report's words before the figure (plan file; see docs/report.md)

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    @property
    def is_annual_only(self) -> bool:
        return self.frequency is Frequency.ANNUAL

    @property
    def is_derived(self) -> bool:
        return self.formula is not None

    @property
    def display_places(self) -> int:
        """Decimals for values computed for this indicator (derived values, implied targets)."""
        if self.precision is not None:
            return self.precision
        return 1 if self.unit in ("%", "‰", "倍", "个百分点") else 2

    @property
    def is_reported_sub_annually(self) -> bool:
        """Quarterly or half-yearly statistics: a monthly period shows the last quarter's (half's) figure."""
        return self.frequency in (Frequency.QUARTERLY, Frequency.HALF_YEARLY)

    def last_reported(self, last_month: int) -> int:
        """The last month, up to ``last_month``, for which this indicator has a figure (1—7月 → 6 for
        a quarterly one); ``last_month`` itself for monthly ones."""
        step = {Frequency.QUARTERLY: 3, Frequency.HALF_YEARLY: 6, Frequency.ANNUAL: 12}.get(self.frequency, 1)
        return last_month - last_month % step
