"""model.limits: whatever the input, a number is either refused with a reason or accepted within
the documented range and precision (so the store's 40-character text and every computation hold);
texts with control characters or beyond their length are refused."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from planwatch.model import limits

inputs = st.one_of(
    st.decimals(allow_nan=True, allow_infinity=True),
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(min_value=-(10**60), max_value=10**60),
    st.integers(min_value=0, max_value=6000).map(lambda n: 10**n),     # beyond Python's 4300-digit str()
    st.text(alphabet="0123456789.eE+-,%—", max_size=60),
    st.text(max_size=20),
)


@settings(max_examples=500, deadline=None)
@given(inputs)
def test_a_number_is_refused_with_a_reason_or_accepted_within_the_limits(raw: object) -> None:
    number, problem = limits.parse_number(raw)
    if problem is not None:
        assert number is None and problem
        return
    if number is None:
        return                      # blank, "—": no figure
    assert number.is_finite() and abs(number) < limits.MAX_ABS
    exponent = number.as_tuple().exponent
    assert isinstance(exponent, int) and -limits.MAX_PLACES <= exponent <= 0
    text = format(number, "f")
    assert len(text) <= 23 and Decimal(text) == number       # the store's text holds it exactly
    assert limits.number_problem(number) is None


def test_the_documented_bounds() -> None:
    assert limits.parse_number("999999999999999.999999") == (Decimal("999999999999999.999999"), None)
    assert limits.parse_number("1000000000000000")[1] is not None
    assert limits.parse_number("-0.000001") == (Decimal("-0.000001"), None)
    assert limits.parse_number("0.0000001")[1] is not None
    assert limits.parse_number("1E+3") == (Decimal("1000"), None)
    for huge in ("1e999999999999", "-9E+999999999999999999", "1e-999999999999"):
        assert limits.parse_number(huge)[1] is not None
    assert limits.parse_number(675.36) == (Decimal("675.36"), None)      # not 675.3599999999999
    assert limits.parse_number("2836.10") == (Decimal("2836.10"), None)  # stated precision kept


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40), st.integers(min_value=1, max_value=40))
def test_text_problems(text: str, max_length: int) -> None:
    problem = limits.text_problem(text, max_length)
    bad_char = any(ord(c) < 32 and c not in "\t\n\r" or c == "\x7f" for c in text)
    assert (problem is not None) == (bad_char or len(text) > max_length)
