"""Period (统计期): the set of months of one year that a figure covers.

Chinese statistics report most flows as year-to-date cumulative figures: "1—7月" means
January to the end of July ("截至7月底"), and "上半年" is the same span as "1—6月". A period
*is* its months: every spelling of the same months (2025H1, 2025年上半年, 2025年1—6月,
2025M01-06) parses to one value with one canonical code, and periods sort chronologically.
Locks, workflow states, exports and filters compare periods only through this value.

The elapsed share of the year at a period's end is the 序时进度 against which cumulative
completion is judged (上半年 50%, 1—7月 7/12).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from fractions import Fraction

from planwatch.model.numerals import chinese_to_int


class PeriodKind(str, Enum):
    """The shape of a period's months, derived from them; used for display only."""

    YEAR = "Y"
    HALF = "H"
    QUARTER = "Q"
    MONTH = "M"
    YEAR_TO_DATE = "YTD"
    RANGE = "R"          # any other run of months inside a year (4—7月)

    @property
    def label(self) -> str:
        return {"Y": "年", "H": "半年", "Q": "季度", "M": "月", "YTD": "1—N月累计", "R": "月份区间"}[self.value]


class PeriodError(ValueError):
    """A period text that cannot be read; the message is in Chinese for end users."""


@dataclass(frozen=True, slots=True, eq=True, order=False)
class Period:
    """统计期: ``year`` and the months ``first_month``–``last_month`` (1–12) it covers.

    Equality and hashing are by the months, so 上半年 == 1—6月; ordering is chronological by the
    last month, and of two periods ending in the same month the shorter one comes first (so the
    year-to-date figure of a month is "later" than the month's own)."""

    year: int
    first_month: int
    last_month: int

    def __post_init__(self) -> None:
        if not 1900 <= self.year <= 2200:
            raise PeriodError(f"年份 {self.year} 不合理")
        if not 1 <= self.first_month <= self.last_month <= 12:
            raise PeriodError(f"统计期月份 {self.first_month}—{self.last_month} 超出范围（应为 1–12 月，且起月不晚于止月）")

    # ------------------------------------------------------------------ constructors
    @classmethod
    def parse(cls, text: str, *, default_year: int | None = None) -> Period:
        """Read the forms people write: 2025年上半年, 2025年1—7月, 2025年1-7月, 截至7月底
        (with a year), 2025H1, 2025Q2, 2025-07, 2025M07, 2025M01-07, 2025年, 2025年二季度, 2025年前三季度."""
        return parse_period(text, default_year=default_year)

    @classmethod
    def whole_year(cls, year: int) -> Period:
        return cls(year, 1, 12)

    @classmethod
    def half(cls, year: int, index: int) -> Period:
        if index not in (1, 2):
            raise PeriodError(f"统计期序号 {index} 超出范围（半年应为 1–2）")
        return cls(year, 6 * index - 5, 6 * index)

    @classmethod
    def quarter(cls, year: int, index: int) -> Period:
        if not 1 <= index <= 4:
            raise PeriodError(f"统计期序号 {index} 超出范围（季度应为 1–4）")
        return cls(year, 3 * index - 2, 3 * index)

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        if not 1 <= month <= 12:
            raise PeriodError(f"统计期序号 {month} 超出范围（月应为 1–12）")
        return cls(year, month, month)

    @classmethod
    def year_to_date(cls, year: int, end_month: int) -> Period:
        if not 1 <= end_month <= 12:
            raise PeriodError(f"统计期序号 {end_month} 超出范围（1—N月累计应为 1–12）")
        return cls(year, 1, end_month)

    # ------------------------------------------------------------------ order
    @property
    def sort_key(self) -> tuple[int, int, int]:
        """Chronological: by year and last month; of two ending together, the shorter span first."""
        return (self.year, self.last_month, -self.first_month)

    def __lt__(self, other: Period) -> bool:
        return self.sort_key < other.sort_key

    def __le__(self, other: Period) -> bool:
        return self.sort_key <= other.sort_key

    def __gt__(self, other: Period) -> bool:
        return self.sort_key > other.sort_key

    def __ge__(self, other: Period) -> bool:
        return self.sort_key >= other.sort_key

    # ------------------------------------------------------------------ properties
    @property
    def kind(self) -> PeriodKind:
        first, last = self.first_month, self.last_month
        if (first, last) == (1, 12):
            return PeriodKind.YEAR
        if (first, last) in ((1, 6), (7, 12)):
            return PeriodKind.HALF
        if first % 3 == 1 and last == first + 2:
            return PeriodKind.QUARTER
        if first == last:
            return PeriodKind.MONTH
        if first == 1:
            return PeriodKind.YEAR_TO_DATE
        return PeriodKind.RANGE

    @property
    def months(self) -> range:
        return range(self.first_month, self.last_month + 1)

    @property
    def is_year_to_date(self) -> bool:
        """True when the period runs from January: its cumulative figures compare with annual targets."""
        return self.first_month == 1

    @property
    def is_full_year(self) -> bool:
        return self.first_month == 1 and self.last_month == 12

    @property
    def is_first_half(self) -> bool:
        """1—6月 (上半年): the period of 双过半."""
        return self.first_month == 1 and self.last_month == 6

    @property
    def elapsed_share(self) -> Fraction:
        """序时进度: the share of the year elapsed at the end of this period (上半年 1/2, 1—7月 7/12)."""
        return Fraction(self.last_month, 12)

    def contains(self, other: Period) -> bool:
        return self.year == other.year and self.first_month <= other.first_month and other.last_month <= self.last_month

    @property
    def code(self) -> str:
        """The one canonical machine form: 2025, 2025H1, 2025Q2, 2025M07, 2025M01-07."""
        kind = self.kind
        if kind is PeriodKind.YEAR:
            return f"{self.year}"
        if kind is PeriodKind.HALF:
            return f"{self.year}H{self.last_month // 6}"
        if kind is PeriodKind.QUARTER:
            return f"{self.year}Q{self.last_month // 3}"
        if kind is PeriodKind.MONTH:
            return f"{self.year}M{self.first_month:02d}"
        return f"{self.year}M{self.first_month:02d}-{self.last_month:02d}"

    @property
    def label(self) -> str:
        """The form a Chinese report uses: 2025年上半年, 2025年1—7月, 2025年二季度."""
        kind = self.kind
        if kind is PeriodKind.YEAR:
            return f"{self.year}年"
        if kind is PeriodKind.HALF:
            return f"{self.year}年{'上' if self.first_month == 1 else '下'}半年"
        if kind is PeriodKind.QUARTER:
            return f"{self.year}年{'一二三四'[self.last_month // 3 - 1]}季度"
        if kind is PeriodKind.MONTH:
            return f"{self.year}年{self.first_month}月"
        return f"{self.year}年{self.first_month}—{self.last_month}月"

    @property
    def short_label(self) -> str:
        """The label without the year: 上半年, 1—7月 (全年 for the whole year)."""
        return self.label.removeprefix(f"{self.year}年") or "全年"

    def previous_year(self) -> Period:
        """The same months a year earlier (同期)."""
        return Period(self.year - 1, self.first_month, self.last_month)

    def __str__(self) -> str:
        return self.code

    def __repr__(self) -> str:
        return f"Period({self.code})"


# ---------------------------------------------------------------------- parsing
_DASH = r"[-—–~～至到]"
_NUM = r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})"
_YEAR = r"(?P<year>\d{4})\s*年?"

# (pattern, shape): shape names how the groups make months; ``a`` is a first month, ``n`` a last one.
_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^(?P<year>\d{4})\s*[Hh](?P<n>[12])$"), "half"),
    (re.compile(r"^(?P<year>\d{4})\s*[Qq](?P<n>[1-4])$"), "quarter"),
    (re.compile(r"^(?P<year>\d{4})\s*[Mm](?P<n>\d{1,2})$"), "month"),
    (re.compile(r"^(?P<year>\d{4})\s*[Mm](?P<a>\d{1,2})\s*-\s*[Mm]?(?P<n>\d{1,2})$"), "range"),
    (re.compile(r"^(?P<year>\d{4})\s*(?:[Yy]|FY)?$"), "year"),
    (re.compile(r"^(?P<year>\d{4})-(?P<n>\d{1,2})$"), "month"),
    (re.compile(r"^(?P<year>\d{4})-(?P<a>\d{1,2})\s*(?:-|—|至|~)\s*(?P<year2>\d{4})?-?(?P<n>\d{1,2})$"), "range"),
    (re.compile(rf"^{_YEAR}\s*(?:全年|度)?$"), "year"),
    (re.compile(rf"^{_YEAR}\s*(?P<n>[上下])半年$"), "half_cn"),
    (re.compile(rf"^{_YEAR}\s*(?:第)?(?P<n>[一二三四1-4])季度?$"), "quarter"),
    (re.compile(rf"^{_YEAR}\s*前(?P<n>[一二三1-3])季度?$"), "ytd_quarters"),
    (re.compile(rf"^{_YEAR}\s*(?P<a>{_NUM})\s*{_DASH}\s*(?P<n>{_NUM})\s*月(?:份)?(?:累计)?$"), "range"),
    (re.compile(rf"^{_YEAR}\s*(?:截至|截止|截止到|截至到)\s*(?P<n>{_NUM})\s*月(?:底|末)$"), "ytd"),
    (re.compile(rf"^(?:截至|截止|截止到)\s*{_YEAR}\s*(?P<n>{_NUM})\s*月(?:底|末)$"), "ytd"),
    (re.compile(rf"^{_YEAR}\s*(?P<n>{_NUM})\s*月(?:份)?$"), "month"),
    (re.compile(rf"^{_YEAR}\s*(?P<n>{_NUM})\s*月(?:份)?累计$"), "ytd"),
]


def _number(text: str) -> int:
    return int(text) if text.isdigit() else chinese_to_int(text)


def _from_shape(shape: str, year: int, groups: dict[str, str | None], raw: str) -> Period:
    n_text = groups.get("n")
    if shape == "year":
        return Period.whole_year(year)
    assert n_text is not None
    if shape == "half_cn":
        return Period.half(year, 1 if n_text == "上" else 2)
    n = _number(n_text)
    if shape == "half":
        return Period.half(year, n)
    if shape == "quarter":
        return Period.quarter(year, n)
    if shape == "month":
        return Period.month(year, n)
    if shape == "ytd_quarters":
        return Period.year_to_date(year, 3 * n)
    if shape == "ytd":
        return Period.year_to_date(year, n)
    year2 = groups.get("year2")
    if year2 and int(year2) != year:
        raise PeriodError(f"“{raw}”跨越两个年度，累计期应在同一年内")
    first = _number(groups["a"] or "1")
    if first > n:
        raise PeriodError(f"起始月 {first} 晚于截止月 {n}")
    return Period(year, first, n)


def parse_period(text: str, *, default_year: int | None = None) -> Period:
    """Parse a period text; raise :class:`PeriodError` with a plain Chinese message if unreadable.

    ``default_year`` is used for forms that carry no year (上半年, 1—7月, 截至7月底)."""
    raw = text
    cleaned = re.sub(r"\s+", "", str(text)).replace("－", "-").replace("（", "(").replace("）", ")")
    cleaned = cleaned.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    if default_year is not None and not re.match(r"^(?:截至|截止|截止到)?\d{4}", cleaned):
        cleaned = f"{default_year}年{cleaned}"
    for pattern, shape in _PATTERNS:
        match = pattern.match(cleaned)
        if not match:
            continue
        try:
            return _from_shape(shape, int(match.group("year")), match.groupdict(), raw)
        except ValueError as exc:
            if isinstance(exc, PeriodError):
                raise PeriodError(f"无法识别统计期“{raw}”：{exc}") from None
            break
    hint = "可写作 2025年上半年、2025年1—7月、2025H1、2025Q2、2025-07 或 2025M07"
    if re.search(r"截[至止]", cleaned) and not re.search(r"\d{4}", cleaned):
        hint = "“截至X月底”需要写明年份，例如 2025年截至7月底"
    raise PeriodError(f"无法识别统计期“{raw}”；{hint}")
