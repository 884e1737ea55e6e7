"""A period has one identity: every spelling of the first half (2025H1, 2025年上半年, 2025年1—6月,
2025M01-06) names the same lock, the same workflow state, the same figures and the same export."""

from __future__ import annotations

import csv
import io

import pytest

from tests.collect.conftest import fill_form, make_form, observations

VALUE = "本期数值"

SPELLINGS = ["2025H1", "2025年上半年", "2025年1—6月", "2025M01-06", "2025年1-6月"]


def _lock(cli, url: str, period: str) -> None:  # type: ignore[no-untyped-def]
    for action in ("submit", "review", "lock"):
        result = cli("period", action, "--period", period, "--db", url)
        assert result.exit_code == 0, result.stderr


@pytest.mark.parametrize("locked_as", ["2025年1—6月", "2025M01-06"])
def test_a_lock_under_one_spelling_holds_under_every_other(cli, example_db_url, tmp_path, locked_as):  # type: ignore[no-untyped-def]
    _lock(cli, example_db_url, locked_as)
    for spelling in SPELLINGS:
        shown = cli("period", "show", "--period", spelling, "--db", example_db_url)
        assert shown.exit_code == 0 and "已锁定" in shown.stdout, (spelling, shown.stdout)
        again = cli("period", "submit", "--period", spelling, "--db", example_db_url)
        assert again.exit_code == 2 and "已锁定" in again.stderr, (spelling, again.stderr)
    # a figure for the same months refuses to go in, whatever the form says the period is
    for spelling in ("2025H1", "2025年1—6月"):
        path = make_form(example_db_url, tmp_path, "统计局", period=spelling)
        fill_form(path, {"gdp": {VALUE: 1300.0}})
        refused = cli("import", str(path), "--db", example_db_url)
        assert refused.exit_code == 2 and "已锁定" in refused.stderr, refused.stderr
    csv_file = tmp_path / "gdp.csv"
    csv_file.write_text("indicator,region,period,value,unit,growth,note,source\n"
                        "gdp,吴江区,2025M01-06,1300,亿元,,,\n", encoding="utf-8")
    refused = cli("import", str(csv_file), "--db", example_db_url)
    assert refused.exit_code == 2 and "已锁定" in refused.stderr
    assert str(observations(example_db_url, "2025H1")["gdp"].value) == "1285.41"


def test_exports_and_filters_agree_for_every_spelling(cli, example_db_url):  # type: ignore[no-untyped-def]
    counts = {}
    for spelling in SPELLINGS:
        result = cli("export-csv", "--period", spelling, "--db", example_db_url)
        assert result.exit_code == 0, result.stderr
        rows = list(csv.DictReader(io.StringIO(result.stdout.lstrip("\ufeff"))))
        counts[spelling] = len(rows)
        assert {r["统计期"] for r in rows} == {"2025H1"}       # one canonical code in the output
    assert len(set(counts.values())) == 1 and counts["2025H1"] > 100, counts


def test_status_is_the_same_for_every_spelling(cli, example_db_url):  # type: ignore[no-untyped-def]
    import json

    outputs = {s: json.loads(cli("status", "--period", s, "--format", "json", "--db", example_db_url).stdout)
               for s in SPELLINGS}
    first = outputs["2025H1"]
    assert first["period"]["code"] == "2025H1"
    for spelling, data in outputs.items():
        assert data == first, spelling


def test_stored_codes_are_canonical_after_loading_a_plan_that_spells_them_otherwise(cli, sqlite_url, tmp_path):  # type: ignore[no-untyped-def]
    plan = tmp_path / "plan"
    plan.mkdir()
    (plan / "plan.yaml").write_text(
        "plan: {region: \"990001\", year: 2025, title: 测试区2025年计划}\n"
        "regions: [{code: \"990001\", name: 测试区, level: 县区}]\n"
        "indicators: [{code: fai, name: 全社会固定资产投资, unit: 亿元, category: 经济}]\n"
        "observations:\n"
        "  - {indicator: fai, period: 2025年1—6月, value: 230}\n", encoding="utf-8")
    assert cli("load", str(plan), "--db", sqlite_url).exit_code == 0
    stored = observations(sqlite_url, "2025年上半年")
    assert stored["fai"].period.code == "2025H1"
    # the same months spelt the other way in a second file are the same observation, not a second one
    (plan / "plan.yaml").write_text((plan / "plan.yaml").read_text(encoding="utf-8").replace("2025年1—6月", "2025H1"),
                                    encoding="utf-8")
    again = cli("load", str(plan), "--db", sqlite_url)
    assert again.exit_code == 0 and "新增 0 条" in again.stdout, again.stdout
