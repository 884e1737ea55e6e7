"""Chinese numerals (中文数字): 两 → 2, 十二 → 12, 一百零五 → 105, 二〇二五 → 2025, 三点五 → 3.5."""

from __future__ import annotations

from decimal import Decimal

DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "两": 2, "三": 3, "叁": 3,
          "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7, "八": 8, "捌": 8,
          "九": 9, "玖": 9}
SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
LARGE_UNITS = {"万": 10_000, "亿": 100_000_000}
NUMERAL_CHARS = frozenset(DIGITS) | frozenset(SMALL_UNITS) | frozenset(LARGE_UNITS) | {"点"}


def chinese_to_int(text: str) -> int:
    """Parse an integer written in Chinese numerals; raise ValueError if it is not one."""
    if not text:
        raise ValueError("空的中文数字")
    if all(ch in DIGITS for ch in text) and len(text) > 1:
        # digit-by-digit form used for years and codes: 二〇二五
        return int("".join(str(DIGITS[ch]) for ch in text))
    total = 0          # completed 亿/万 sections
    section = 0        # value below the current large unit
    digit: int | None = None
    last_unit = 0      # the unit just passed, for the shortened form 一万二 = 12000, 三千五 = 3500
    for ch in text:
        if ch in DIGITS:
            digit = DIGITS[ch]
            if digit == 0:
                last_unit = 0          # 一百零五: the 5 is ones, not tens
        elif ch in SMALL_UNITS:
            section += (1 if digit is None else digit) * SMALL_UNITS[ch]
            digit = None
            last_unit = SMALL_UNITS[ch]
        elif ch in LARGE_UNITS:
            unit = LARGE_UNITS[ch]
            section += digit or 0
            if section == 0 and total == 0:
                section = 1            # 万 or 亿 alone (超万人, 近亿元) means one of them
            digit = None
            if unit > 10_000 or total == 0:
                total = (total + section) * unit
            else:
                total += section * unit
            section = 0
            last_unit = unit
        else:
            raise ValueError(f"“{text}”不是中文数字")
    if digit is not None and last_unit >= 100:
        return total + section + digit * last_unit // 10
    return total + section + (digit or 0)


def chinese_to_decimal(text: str) -> Decimal:
    """Parse a Chinese numeral that may carry a decimal part (三点五 → 3.5)."""
    if "点" in text:
        whole, _, frac = text.partition("点")
        digits = "".join(str(DIGITS[ch]) for ch in frac)
        return Decimal(f"{chinese_to_int(whole) if whole else 0}.{digits}")
    return Decimal(chinese_to_int(text))
