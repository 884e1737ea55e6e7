"""One formatting module: stated numbers keep their digits, computed ones take a precision."""

from decimal import Decimal as D

from planwatch.model import formatting as f


def test_stated_numbers_keep_their_digits_and_never_use_exponents() -> None:
    assert f.stated(D("2836.10")) == "2836.10"
    assert f.stated(D("1.2E+3")) == "1200"
    assert f.stated(None) is None


def test_computed_numbers_round_and_drop_zeros_fixed_ones_keep_them() -> None:
    assert f.computed(D("49.4388")) == "49.44"
    assert f.computed(D("57.40"), 1) == "57.4"
    assert f.computed(D("-0.001")) == "0"
    assert f.fixed(D("45"), 1) == "45.0" and f.fixed(D("56.75675"), 1) == "56.8"


def test_amounts_carry_their_qualifiers_where_reports_put_them() -> None:
    assert f.amount(D("31"), "万人", "超") == "超31万人"
    assert f.amount(D("5.31"), "万处", "余") == "5.31万余处"
    assert f.amount(D("10"), "亿元", "左右") == "10亿元左右"
    assert f.amount(D("1285.41"), "亿元") == "1285.41亿元"


def test_signed_gaps() -> None:
    assert f.signed(D("7.4"), "个百分点") == "+7.4个百分点"
    assert f.signed(D("-0.6")) == "-0.6"
    assert f.signed(None) == "—"


def test_a_stored_number_too_large_to_print_in_full_is_shown_as_stored() -> None:
    """A value an older version let in (1E+999999999) is shown in its stored form, not expanded."""
    assert f.stated(D("1E+999999999")) == "1E+999999999"
    assert f.stated(D("NaN")) == "NaN"
    assert f.stated(D("1.2E+3")) == "1200"
