"""Extraction never crashes: random Unicode, control characters, mixed full-/half-width digits,
empty and very large inputs; spans always lie inside the text."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planwatch.extract import extract_facts, extract_targets

REPORT_WORDS = ["地区生产总值", "增长", "下降", "亿元", "万人", "%", "％", "个百分点", "以上", "左右", "其中", "分别",
                "占", "比重", "主要预期目标：", "；", "，", "。", "\n", "约", "超", "近", "余", "两", "十二", "三成",
                "“4+2+1”", "PM2.5", "0-3岁", "2025年", "1—6月", "（一）", "保持正增长", "完成上级下达任务"]
DIGITS = st.sampled_from(list("0123456789０１２３４５６７８９.．"))
report_like = st.lists(st.one_of(st.sampled_from(REPORT_WORDS), st.text(DIGITS, min_size=1, max_size=6),
                                 st.text(st.characters(codec="utf-8"), max_size=4)), max_size=60).map("".join)
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _check(text: str) -> None:
    for fact in extract_facts(text):
        for _, slot in fact.slots():
            assert 0 <= slot.span[0] < slot.span[1] <= len(text)
        if fact.status is not None:
            assert 0 <= fact.status.span[0] < fact.status.span[1] <= len(text)
    for finding in extract_targets(text, region="R", year=2026):
        for start, end in finding.spans.values():
            assert 0 <= start < end <= len(text)


@FAST
@given(st.text())
def test_random_unicode_never_crashes(text: str) -> None:
    _check(text)


@FAST
@given(report_like)
def test_report_like_noise_never_crashes(text: str) -> None:
    _check(text)


@FAST
@given(st.text(st.characters(categories=("Cc", "Cf", "Zs", "Zl", "Zp", "Nd")), max_size=200))
def test_control_and_format_characters(text: str) -> None:
    _check(text)


def test_empty_and_whitespace_inputs() -> None:
    for text in ("", " ", "\n\n", "\x00", "\ufeff", "。；，"):
        assert extract_facts(text) == [] or all(f.slots() or f.status for f in extract_facts(text))
        assert extract_targets(text, region="R", year=2026) == []


def test_full_width_digits_keep_offsets() -> None:
    text = "全区实现地区生产总值１２８５．４１亿元，同比增长６.1%。"
    facts = [f for f in extract_facts(text) if f.value is not None]
    assert facts, "a full-width number is still a number"
    start, end = facts[0].value.span
    assert text[start:end] == "１２８５．４１"


@pytest.mark.slow
def test_ten_megabytes_run_in_linear_time() -> None:
    from tests.conftest import REFERENCE_REPORT

    report = REFERENCE_REPORT.read_text(encoding="utf-8")
    big = (report + "\n") * (10_000_000 // (len(report) + 1) + 1)
    started = time.perf_counter()
    facts = extract_facts(big)
    elapsed = time.perf_counter() - started
    per_copy = len(extract_facts(report))
    copies = big.count(report)
    assert len(facts) >= per_copy * copies * 0.99
    assert elapsed < 120, f"10 MB took {elapsed:.1f}s"
    targets = extract_targets(big, region="R", year=2026)
    assert targets == []


def test_cli_never_crashes_on_odd_files(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    odd = tmp_path / "odd.txt"
    odd.write_text("\x00\x01\x02增长５%\u200b\u202e地区生产总值１２８５.41亿元\x7f\n" * 50, encoding="utf-8")
    result = cli("extract", str(odd))
    assert result.exit_code == 0, result.stderr
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert cli("extract", str(empty)).exit_code == 0
    assert cli("extract", "--targets", str(empty)).exit_code == 0
