"""Units (计量单位) as reports write them: a magnitude prefix (万, 亿 …) and a base unit (元, 人, 吨 …).

A plan must use units this module knows, so that 1.46万份 and 14600份 compare and a typo such
as “亿圆” is caught when the plan is loaded rather than when the report is printed.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

MAGNITUDES: tuple[tuple[str, int], ...] = (
    ("万亿", 10**12), ("千万", 10**7), ("百万", 10**6), ("十万", 10**5),
    ("亿", 10**8), ("万", 10**4), ("千", 10**3), ("百", 10**2),
)

#: Base units that stand on their own. A unit is a magnitude prefix plus one of these.
BASE_UNITS: frozenset[str] = frozenset({
    # money
    "元", "美元", "欧元", "元/月", "元/人", "元/年", "元/吨",
    # people and organisations
    "人", "人次", "户", "家", "个", "件", "项", "张", "份", "次", "处", "批", "名", "所", "座",
    "套", "台", "辆", "条", "只", "头", "株", "宗", "起", "场", "位", "床", "单", "例", "篇",
    # physical
    "吨", "千克", "公斤", "斤", "亩", "公顷", "平方米", "平方公里", "立方米", "公里", "千米", "米",
    "千瓦", "兆瓦", "千瓦时", "吨标准煤", "微克/立方米", "毫克/立方米", "天", "小时", "年", "月",
    # relative
    "%", "‰", "个百分点", "倍", "成",
})

#: Units whose leading 千/百 is part of the base unit, not a magnitude.
_NO_MAGNITUDE = ("千米", "千克", "千瓦", "千瓦时", "百分点")


class UnitError(ValueError):
    """An unknown unit; the message names it and lists what is known."""


@dataclass(frozen=True, slots=True)
class Unit:
    """计量单位: ``text`` as written (亿元), its ``base`` (元) and ``factor`` (10^8)."""

    text: str
    base: str
    factor: int

    @property
    def is_percent(self) -> bool:
        return self.base == "%"

    def to_base(self, value: Decimal) -> Decimal:
        return value * self.factor

    def convert(self, value: Decimal, to: Unit) -> Decimal:
        """Express ``value`` (in this unit) in unit ``to``; both must share a base."""
        if self.base != to.base:
            raise UnitError(f"单位“{self.text}”与“{to.text}”不可换算")
        return value * Decimal(self.factor) / Decimal(to.factor)


def parse_unit(text: str) -> Unit:
    """Read a unit such as 亿元, 万人次, 微克/立方米, %; raise :class:`UnitError` if unknown."""
    cleaned = (text or "").strip().replace("％", "%").replace("百分点", "个百分点").replace("个个", "个")
    if cleaned in BASE_UNITS:
        return Unit(cleaned, cleaned, 1)
    if not cleaned.startswith(_NO_MAGNITUDE):
        for prefix, factor in MAGNITUDES:
            rest = cleaned[len(prefix):]
            if cleaned.startswith(prefix) and rest in BASE_UNITS:
                return Unit(cleaned, rest, factor)
    raise UnitError(f"未知的计量单位“{text}”（可用：亿元、万元、万人、%、个百分点、微克/立方米 等）")


def convert_or_none(value: Decimal, unit: str | None, to: str) -> Decimal | None:
    """``value`` stated in ``unit`` expressed in ``to`` (亿元 → 万元); the value itself when the unit
    is unstated or the same; None when the two units do not share a base (亿元 vs 万人)."""
    if not unit or unit == to:
        return value
    try:
        return parse_unit(unit).convert(value, parse_unit(to))
    except UnitError:
        return None


def is_known_unit(text: str) -> bool:
    try:
        parse_unit(text)
    except UnitError:
        return False
    return True
