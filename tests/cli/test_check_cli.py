"""``planwatch check`` end to end on the reference report (needs planwatch.extract)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import REFERENCE_REPORT

# Claims of the reference report that can be recomputed from its own numbers (claim → formula start).
RECOMPUTABLE = {
    "服务业增加值占GDP比重49.4%": "635.01亿元 ÷ 1285.41亿元",
    "服务业投资占全社会固定资产投资比重58.1%": "230.23亿元 ÷ 396.40亿元",
    "民间投资占全社会固定资产投资比重59.7%": "236.50亿元 ÷ 396.40亿元",
    "民营经济增加值占GDP比重70%": "899.79亿元 ÷ 1285.41亿元",
    "规上新兴产业产值占规上工业总产值比重51.5%": "1462亿元 ÷ 2836.10亿元",
    "高新技术产业产值占规上工业总产值比重63.4%": "1797.07亿元 ÷ 2836.10亿元",
    "高新技术产业产值占规模以上工业产值比重63.4%": "1797.07亿元 ÷ 2836.10亿元",
    "开工率56.8%": "84个 ÷ 148个",
    "整改率99.2%": "5.27万余处 ÷ 5.31万余处",
    "比例90.9%": "10 ÷ 11",
    "水源地水质达标率100%": "2 ÷ 2",
    "签约项目145个，其中": "",           # 129 + 16 = 145
    "技能人才总量超31万人，其中": "",     # 14 ≤ 31
}


def _checks(result) -> list[dict]:  # type: ignore[no-untyped-def]
    return json.loads(result.stdout)["checks"]


def _find(checks: list[dict], words: str) -> dict:
    found = [c for c in checks if words in c["claim"]]
    assert found, f"no check whose claim contains {words}"
    return found[0]


def test_reference_report_verifies_recomputable_claims_without_false_mismatch(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("check", str(REFERENCE_REPORT), "--format", "json")
    assert result.exit_code == 0, result.stdout[-2000:] + result.stderr
    checks = _checks(result)
    assert not [c for c in checks if c["outcome"] == "MISMATCH"]
    for claim, formula in RECOMPUTABLE.items():
        check = _find(checks, claim)
        assert check["outcome"] == "PASS", check
        assert check["formula"].startswith(formula), check
        assert check["place"]["line"] > 0 and check["place"]["sentence"]
    assert sum(c["outcome"] == "PASS" for c in checks) >= 12
    # claims that cannot be recomputed from the text are listed, not passed
    assert _find(checks, "全部税收比重31.8%")["outcome"] == "无法核对"
    assert _find(checks, "占年度计划57.4%")["outcome"] == "无法核对"


def test_an_altered_share_is_reported_and_exits_1(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    text = REFERENCE_REPORT.read_text(encoding="utf-8")
    assert text.count("占GDP比重49.4%") == 1
    altered = tmp_path / "altered.txt"
    altered.write_text(text.replace("占GDP比重49.4%", "占GDP比重47.4%"), encoding="utf-8")
    result = cli("check", str(altered))
    assert result.exit_code == 1
    assert "MISMATCH" in result.stdout and "47.4%" in result.stdout and "635.01亿元 ÷ 1285.41亿元" in result.stdout
    assert "45:" in result.stdout     # line 45 of the report
    mismatches = [c for c in _checks(cli("check", str(altered), "--format", "json")) if c["outcome"] == "MISMATCH"]
    assert [c["claim"] for c in mismatches] == ["服务业增加值占GDP比重47.4%"]


def test_compared_with_the_store(cli, example_db_url: str) -> None:  # type: ignore[no-untyped-def]
    result = cli("check", str(REFERENCE_REPORT), "--db", example_db_url, "--region", "吴江区", "--period", "2025H1",
                 "--format", "json")
    assert result.exit_code == 0, result.stdout[-2000:]
    checks = _checks(result)
    stored = [c for c in checks if c["kind"] == "与数据库比对"]
    assert len(stored) > 50 and all(c["outcome"] in ("PASS", "无法核对") for c in stored)
    # the plan's annual amount of 省重大项目 was derived from 63.4% itself: not an independent check
    assert "推算" in _find(checks, "省重大项目完成投资占年度计划63.4%")["note"]


def test_missing_file_exits_2(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = cli("check", str(tmp_path / "none.txt"))
    assert result.exit_code == 2 and "文件不存在" in result.stderr


@pytest.mark.parametrize("fmt", ["xml"])
def test_bad_format_exits_2(cli, fmt: str) -> None:  # type: ignore[no-untyped-def]
    assert cli("check", str(REFERENCE_REPORT), "--format", fmt).exit_code == 2
