from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planwatch.model import Period, PeriodError, PeriodKind

FORMS = [
    ("2025年上半年", "2025H1", Fraction(1, 2)),
    ("2025年下半年", "2025H2", Fraction(1)),
    ("2025年1—7月", "2025M01-07", Fraction(7, 12)),
    ("2025年1-7月", "2025M01-07", Fraction(7, 12)),
    ("2025年1～7月", "2025M01-07", Fraction(7, 12)),
    ("2025年1至7月", "2025M01-07", Fraction(7, 12)),
    ("2025年截至7月底", "2025M01-07", Fraction(7, 12)),
    ("截至2025年7月底", "2025M01-07", Fraction(7, 12)),
    ("2025H1", "2025H1", Fraction(1, 2)),
    ("2025h2", "2025H2", Fraction(1)),
    ("2025Q2", "2025Q2", Fraction(1, 2)),
    ("2025年二季度", "2025Q2", Fraction(1, 2)),
    ("2025年第一季度", "2025Q1", Fraction(1, 4)),
    ("2025年前三季度", "2025M01-09", Fraction(3, 4)),
    ("2025-07", "2025M07", Fraction(7, 12)),
    ("2025M07", "2025M07", Fraction(7, 12)),
    ("2025M7", "2025M07", Fraction(7, 12)),
    ("2025年7月", "2025M07", Fraction(7, 12)),
    ("2025年十二月", "2025M12", Fraction(1)),
    ("2025年1—十一月", "2025M01-11", Fraction(11, 12)),
    ("2025年", "2025", Fraction(1)),
    ("2025", "2025", Fraction(1)),
    ("２０２５年上半年", "2025H1", Fraction(1, 2)),
]


@pytest.mark.parametrize(("text", "code", "share"), FORMS)
def test_period_forms_parse_to_code_and_elapsed_share(text: str, code: str, share: Fraction) -> None:
    period = Period.parse(text)
    assert period.code == code
    assert period.elapsed_share == share


def test_first_half_and_january_to_june_are_one_period() -> None:
    assert Period.parse("2025年上半年") == Period.parse("2025年1—6月")
    assert Period.parse("2025Q2") != Period.parse("2025H1")
    assert Period.parse("2025Q2").is_year_to_date is False
    assert Period.parse("2025年1—7月").is_year_to_date is True


def test_forms_without_year_take_the_default_year() -> None:
    assert Period.parse("截至7月底", default_year=2025).code == "2025M01-07"
    assert Period.parse("上半年", default_year=2024).code == "2024H1"


@pytest.mark.parametrize("bad", ["", "2025H3", "2025Q5", "2025年13月", "2025M00", "截至7月底", "上半年", "abc",
                                 "2025年1—13月", "25年上半年", "2025-13", "2024-01—2025-07"])
def test_bad_period_texts_are_rejected_with_a_chinese_message(bad: str) -> None:
    with pytest.raises(PeriodError) as info:
        Period.parse(bad)
    assert "统计期" in str(info.value) or "年份" in str(info.value)


def test_labels_are_the_forms_reports_use() -> None:
    assert Period.parse("2025H1").label == "2025年上半年"
    assert Period.parse("2025M01-07").label == "2025年1—7月"
    assert Period.parse("2025Q2").label == "2025年二季度"
    assert Period.parse("2025H1").short_label == "上半年"


years = st.integers(1990, 2100)
periods = st.one_of(
    st.builds(Period.whole_year, years),
    st.builds(Period.half, years, st.integers(1, 2)),
    st.builds(Period.quarter, years, st.integers(1, 4)),
    st.builds(Period.month, years, st.integers(1, 12)),
    st.builds(Period.year_to_date, years, st.integers(1, 12)),
    st.builds(lambda y, a, b: Period(y, min(a, b), max(a, b)), years, st.integers(1, 12), st.integers(1, 12)),
)


@given(periods)
def test_code_and_label_round_trip(period: Period) -> None:
    assert Period.parse(period.code) == period
    assert Period.parse(period.label) == period
    assert Period.parse(period.code).code == period.code


SPELLINGS_OF_H1 = ["2025H1", "2025h1", "2025年上半年", "2025年1—6月", "2025年1-6月", "2025M01-06", "2025-01至2025-06",
                   "2025年截至6月底", "截至2025年6月底", "2025年1—6月份累计"]


@pytest.mark.parametrize("text", SPELLINGS_OF_H1)
def test_every_spelling_of_the_first_half_is_one_value_with_one_code(text: str) -> None:
    period = Period.parse(text)
    assert period == Period.half(2025, 1) and hash(period) == hash(Period.half(2025, 1))
    assert period.code == "2025H1" and period.kind is PeriodKind.HALF and period.is_first_half


def test_shapes_get_their_canonical_codes() -> None:
    assert Period.parse("2025年1—3月").code == "2025Q1"          # Q1 and 1—3月 are the same months
    assert Period.parse("2025年1—12月").code == "2025"
    assert Period.parse("2025M01-01").code == "2025M01"
    assert Period.parse("2025年4—7月").code == "2025M04-07"
    assert Period.parse("2025年4—7月").kind is PeriodKind.RANGE


def test_periods_sort_chronologically() -> None:
    texts = ["2025", "2025M03", "2025Q1", "2025H1", "2025M01-07", "2024", "2025M06"]
    assert [p.code for p in sorted(Period.parse(t) for t in texts)] == [
        "2024", "2025M03", "2025Q1", "2025M06", "2025H1", "2025M01-07", "2025"]
    assert max(Period.parse(t) for t in ("2025M06", "2025年1—6月")).code == "2025H1"   # the cumulative one is latest


@given(periods, periods)
def test_order_and_equality_agree(a: Period, b: Period) -> None:
    assert (a == b) == (a.code == b.code) == (not a < b and not b < a)
