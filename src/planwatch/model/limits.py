"""What a stated number and a text may be, for every door (plan files, forms, CSV, the API, the
web entry form), checked before the database sees them so that SQLite and PostgreSQL answer alike.

- **Numbers**: finite decimals with an absolute value below 10^15 (:data:`MAX_ABS`) and at most six
  digits after the point (:data:`MAX_PLACES`). ``1E+3`` is read as 1000. Their stored text then
  never exceeds 23 characters (the store keeps numbers as text of at most 40).
- **Counts** (project and task counts): whole numbers from 0 to 10^9 (:data:`MAX_COUNT`).
- **Texts**: no control characters except tab and line breaks (PostgreSQL refuses NUL), and at
  most the length of the database column they go to (:data:`CODE` … :data:`NOTE`).

:func:`number_problem`, :func:`parse_number` and :func:`text_problem` answer in Chinese.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

MAX_DIGITS = 15                  # digits before the point
MAX_ABS = Decimal(10) ** MAX_DIGITS
MAX_PLACES = 6
MAX_COUNT = 10**9
# the longest number text read at all (a sign, 15 digits, the point, 6 decimals and some zeros)
MAX_NUMBER_TEXT = 40

# text lengths, in characters (the store's column sizes: store/tables.py)
REGION_CODE = 32   # region codes
CODE = 64          # indicator, document, project, group and task codes
SHORT = 32         # units, kinds, dates written as text
QUALIFIER = 16     # 超, 近, 余, 左右
NAME = 100         # region names, categories, departments, towns
LONG_NAME = 200    # indicator and group names, qualitative targets, 占…比重 totals
TITLE = 300        # plan, document, project and task titles; a qualitative status
FORMULA = 500
NOTE = 10_000      # notes and free text
DOCUMENT = 5_000_000   # a document's full text

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def number_problem(value: Decimal) -> str | None:
    """Why ``value`` cannot be stored, or None: not finite, too large, too many decimals."""
    if not value.is_finite():
        return "不是有限的数"
    if value and value.adjusted() >= MAX_DIGITS:     # |value| ≥ 10^15 (no arithmetic: 1e999999999999 overflows abs())
        return "超出允许范围（绝对值应小于 10 的 15 次方）"
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -MAX_PLACES:
        return f"小数位数过多（最多 {MAX_PLACES} 位）"
    return None


def plain(value: Decimal) -> Decimal:
    """``1E+3`` → ``1000`` (a number within :data:`MAX_ABS` written with an exponent)."""
    exponent = value.as_tuple().exponent
    return value.quantize(Decimal(1)) if isinstance(exponent, int) and exponent > 0 else value


def parse_number(raw: object) -> tuple[Decimal | None, str | None]:
    """A number from a cell, a CSV field or a JSON value, or why it is not one (in Chinese).
    Blank, "—" and "-" mean no figure; thousands separators and a trailing % are allowed."""
    if raw is None:
        return None, None
    if isinstance(raw, bool):
        return None, "应填写数字"
    if isinstance(raw, int):
        number = Decimal(raw)
    elif isinstance(raw, float):
        # a spreadsheet's binary float, read at Excel's own 15 significant digits (675.36, not 675.3599999999999)
        number = Decimal(format(raw, ".15g"))
    elif isinstance(raw, Decimal):
        number = raw
    else:
        text = str(raw).strip().replace(",", "").replace("，", "")
        if text in ("", "—", "-", "－", "/", "——"):
            return None, None
        if len(text) > MAX_NUMBER_TEXT:
            return None, f"“{_shown(text)}”位数过多，超出允许范围"
        text = text.removesuffix("%").strip()
        try:
            number = Decimal(text)
        except InvalidOperation:
            return None, f"“{raw}”不是数字"
    problem = number_problem(number)
    if problem:
        return None, f"“{_shown(raw)}”{problem}"
    return plain(number), None


def _shown(raw: object) -> str:
    # (str() of an integer of more than 4300 digits raises; such a number is shown in exponent form)
    text = format(Decimal(raw), ".6E") if isinstance(raw, int) and abs(raw) >= 10**40 else str(raw)
    return text if len(text) <= 30 else f"{text[:20]}…（{len(text)} 个字符）"


def text_problem(text: str, max_length: int | None) -> str | None:
    """Why ``text`` cannot be stored, or None: a control character (NUL …), or too long."""
    bad = _CONTROL.search(text)
    if bad:
        return f"含有不允许的控制字符（U+{ord(bad.group()):04X}，第 {bad.start() + 1} 个字符）"
    if max_length is not None and len(text) > max_length:
        return f"过长（{len(text)} 个字符，最多 {max_length} 个）"
    return None
