"""Period (统计期): a year, a half, a quarter, a month, or a year-to-date range (1—N月).

Chinese statistics report most flows as year-to-date cumulative figures: "1—7月" means
January to the end of July ("截至7月底"), and "上半年" is the same span as "1—6月". The
elapsed share of the year at a period's end is the 序时进度 against which cumulative
completion is judged (上半年 50%, 1—7月 7/12).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from fractions import Fraction

from planwatch.model.numerals import chinese_to_int


class PeriodKind(str, Enum):
    """The kind of a period; the value is the code used in canonical strings."""

    YEAR = "Y"
    HALF = "H"
    QUARTER = "Q"
    MONTH = "M"
    YEAR_TO_DATE = "YTD"

    @property
    def label(self) -> str:
        return {"Y": "年", "H": "半年", "Q": "季度", "M": "月", "YTD": "1—N月累计"}[self.value]


class PeriodError(ValueError):
    """A period text that cannot be read; the message is in Chinese for end users."""


@dataclass(frozen=True, slots=True, order=True)
class Period:
    """统计期. ``index`` is the half (1–2), quarter (1–4), month (1–12) or, for a
    year-to-date range, the last month included (1–12); it is 0 for a whole year."""

    year: int
    kind: PeriodKind
    index: int = 0

    def __post_init__(self) -> None:
        limits = {PeriodKind.YEAR: (0, 0), PeriodKind.HALF: (1, 2), PeriodKind.QUARTER: (1, 4),
                  PeriodKind.MONTH: (1, 12), PeriodKind.YEAR_TO_DATE: (1, 12)}
        low, high = limits[self.kind]
        if not low <= self.index <= high:
            raise PeriodError(f"统计期序号 {self.index} 超出范围（{self.kind.label}应为 {low}–{high}）")
        if not 1900 <= self.year <= 2200:
            raise PeriodError(f"年份 {self.year} 不合理")

    # ------------------------------------------------------------------ constructors
    @classmethod
    def parse(cls, text: str, *, default_year: int | None = None) -> Period:
        """Read the forms people write: 2025年上半年, 2025年1—7月, 2025年1-7月, 截至7月底
        (with a year), 2025H1, 2025Q2, 2025-07, 2025M07, 2025年, 2025年二季度, 2025年前三季度."""
        return parse_period(text, default_year=default_year)

    @classmethod
    def year_to_date(cls, year: int, end_month: int) -> Period:
        return cls(year, PeriodKind.YEAR_TO_DATE, end_month)

    # ------------------------------------------------------------------ properties
    @property
    def first_month(self) -> int:
        return {
            PeriodKind.YEAR: 1,
            PeriodKind.HALF: 6 * (self.index - 1) + 1,
            PeriodKind.QUARTER: 3 * (self.index - 1) + 1,
            PeriodKind.MONTH: self.index,
            PeriodKind.YEAR_TO_DATE: 1,
        }[self.kind]

    @property
    def last_month(self) -> int:
        return {
            PeriodKind.YEAR: 12,
            PeriodKind.HALF: 6 * self.index,
            PeriodKind.QUARTER: 3 * self.index,
            PeriodKind.MONTH: self.index,
            PeriodKind.YEAR_TO_DATE: self.index,
        }[self.kind]

    @property
    def is_year_to_date(self) -> bool:
        """True when the period runs from January: its cumulative figures compare with annual targets."""
        return self.first_month == 1

    @property
    def elapsed_share(self) -> Fraction:
        """序时进度: the share of the year elapsed at the end of this period (上半年 1/2, 1—7月 7/12)."""
        return Fraction(self.last_month, 12)

    @property
    def cumulative_key(self) -> tuple[int, int, int]:
        """Identity of the span covered: 上半年 and 1—6月 cover the same months and share a key."""
        return (self.year, self.first_month, self.last_month)

    def same_span(self, other: Period) -> bool:
        return self.cumulative_key == other.cumulative_key

    @property
    def code(self) -> str:
        """Canonical machine form: 2025, 2025H1, 2025Q2, 2025M07, 2025M01-07."""
        if self.kind is PeriodKind.YEAR:
            return f"{self.year}"
        if self.kind is PeriodKind.YEAR_TO_DATE:
            return f"{self.year}M01-{self.index:02d}"
        if self.kind is PeriodKind.MONTH:
            return f"{self.year}M{self.index:02d}"
        return f"{self.year}{self.kind.value}{self.index}"

    @property
    def label(self) -> str:
        """The form a Chinese report uses: 2025年上半年, 2025年1—7月, 2025年二季度."""
        if self.kind is PeriodKind.YEAR:
            return f"{self.year}年"
        if self.kind is PeriodKind.HALF:
            return f"{self.year}年{'上' if self.index == 1 else '下'}半年"
        if self.kind is PeriodKind.QUARTER:
            return f"{self.year}年{'一二三四'[self.index - 1]}季度"
        if self.kind is PeriodKind.MONTH:
            return f"{self.year}年{self.index}月"
        if self.index == 1:
            return f"{self.year}年1月"
        return f"{self.year}年1—{self.index}月"

    @property
    def short_label(self) -> str:
        """The label without the year: 上半年, 1—7月."""
        return self.label.removeprefix(f"{self.year}年") or "全年"

    def previous_year(self) -> Period:
        return Period(self.year - 1, self.kind, self.index)

    def __str__(self) -> str:
        return self.code


# ---------------------------------------------------------------------- parsing
_DASH = r"[-—–~～至到]"
_NUM = r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})"
_YEAR = r"(?P<year>\d{4})\s*年?"

_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^(?P<year>\d{4})\s*[Hh](?P<n>[12])$"), "half"),
    (re.compile(r"^(?P<year>\d{4})\s*[Qq](?P<n>[1-4])$"), "quarter"),
    (re.compile(r"^(?P<year>\d{4})\s*[Mm](?P<n>\d{1,2})$"), "month"),
    (re.compile(r"^(?P<year>\d{4})\s*[Mm]0?1\s*-\s*[Mm]?(?P<n>\d{1,2})$"), "ytd"),
    (re.compile(r"^(?P<year>\d{4})\s*(?:[Yy]|FY)?$"), "year"),
    (re.compile(r"^(?P<year>\d{4})-(?P<n>\d{1,2})$"), "month"),
    (re.compile(r"^(?P<year>\d{4})-0?1\s*(?:-|—|至|~)\s*(?P<year2>\d{4})?-?(?P<n>\d{1,2})$"), "ytd"),
    (re.compile(rf"^{_YEAR}\s*(?:全年|度)?$"), "year"),
    (re.compile(rf"^{_YEAR}\s*(?P<n>[上下])半年$"), "half_cn"),
    (re.compile(rf"^{_YEAR}\s*(?:第)?(?P<n>[一二三四1-4])季度?$"), "quarter"),
    (re.compile(rf"^{_YEAR}\s*前(?P<n>[一二三1-3])季度?$"), "ytd_quarters"),
    (re.compile(rf"^{_YEAR}\s*(?:1|一)\s*{_DASH}\s*(?P<n>{_NUM})\s*月(?:份)?(?:累计)?$"), "ytd"),
    (re.compile(rf"^{_YEAR}\s*(?:截至|截止|截止到|截至到)\s*(?P<n>{_NUM})\s*月(?:底|末)$"), "ytd"),
    (re.compile(rf"^(?:截至|截止|截止到)\s*{_YEAR}\s*(?P<n>{_NUM})\s*月(?:底|末)$"), "ytd"),
    (re.compile(rf"^{_YEAR}\s*(?P<n>{_NUM})\s*月(?:份)?$"), "month"),
    (re.compile(rf"^{_YEAR}\s*(?P<n>{_NUM})\s*月(?:份)?累计$"), "ytd"),
]


def _number(text: str) -> int:
    return int(text) if text.isdigit() else chinese_to_int(text)


def parse_period(text: str, *, default_year: int | None = None) -> Period:
    """Parse a period text; raise :class:`PeriodError` with a plain Chinese message if unreadable.

    ``default_year`` is used for forms that carry no year (上半年, 1—7月, 截至7月底)."""
    raw = text
    cleaned = re.sub(r"\s+", "", str(text)).replace("－", "-").replace("（", "(").replace("）", ")")
    cleaned = cleaned.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    if default_year is not None and not re.match(r"^(?:截至|截止|截止到)?\d{4}", cleaned):
        cleaned = f"{default_year}年{cleaned}"
    for pattern, kind in _PATTERNS:
        match = pattern.match(cleaned)
        if not match:
            continue
        year = int(match.group("year"))
        n_text = match.groupdict().get("n")
        try:
            if kind == "year":
                return Period(year, PeriodKind.YEAR)
            assert n_text is not None
            if kind == "half_cn":
                return Period(year, PeriodKind.HALF, 1 if n_text == "上" else 2)
            n = _number(n_text)
            if kind == "half":
                return Period(year, PeriodKind.HALF, n)
            if kind == "quarter":
                return Period(year, PeriodKind.QUARTER, n)
            if kind == "month":
                return Period(year, PeriodKind.MONTH, n)
            if kind == "ytd_quarters":
                return Period(year, PeriodKind.YEAR_TO_DATE, 3 * n)
            if kind == "ytd":
                year2 = match.groupdict().get("year2")
                if year2 and int(year2) != year:
                    raise PeriodError(f"“{raw}”跨越两个年度，累计期应在同一年内")
                return Period(year, PeriodKind.YEAR_TO_DATE, n)
        except ValueError as exc:
            if isinstance(exc, PeriodError):
                raise PeriodError(f"无法识别统计期“{raw}”：{exc}") from None
            break
    hint = "可写作 2025年上半年、2025年1—7月、2025H1、2025Q2、2025-07 或 2025M07"
    if re.search(r"截[至止]", cleaned) and not re.search(r"\d{4}", cleaned):
        hint = "“截至X月底”需要写明年份，例如 2025年截至7月底"
    raise PeriodError(f"无法识别统计期“{raw}”；{hint}")
