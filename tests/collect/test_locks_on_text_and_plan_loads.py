"""A locked period refuses figures from every write path, including plan files and report texts;
what those paths write is audited like an import."""

from __future__ import annotations

import json
import shutil

from tests.conftest import REFERENCE_REPORT, ROOT

REFERENCE = REFERENCE_REPORT
PERIOD = ["--region", "吴江区", "--period", "2025H1"]


def _lock(cli, db_url: str) -> None:  # type: ignore[no-untyped-def]
    for step in ("submit", "review", "lock"):
        assert cli("period", step, *PERIOD, "--db", db_url).exit_code == 0, step


def test_ingest_of_a_report_text_is_refused_in_a_locked_period(cli, example_db_url, tmp_path) -> None:  # type: ignore[no-untyped-def]
    changed = tmp_path / "report.txt"
    changed.write_text(REFERENCE.read_text(encoding="utf-8").replace("1285.41", "1290.00"), encoding="utf-8")
    _lock(cli, example_db_url)
    refused = cli("ingest", str(changed), *PERIOD, "--db", example_db_url)
    assert refused.exit_code == 2 and "已锁定" in refused.stderr
    status = json.loads(cli("status", *PERIOD, "--format", "json", "--db", example_db_url).stdout)
    assert next(r for r in status["rows"] if r["code"] == "gdp")["value"] == "1285.41"


def test_reloading_a_changed_plan_file_is_refused_in_a_locked_period(cli, example_db_url, tmp_path) -> None:  # type: ignore[no-untyped-def]
    plan = tmp_path / "plan"
    shutil.copytree(ROOT / "examples" / "wujiang-2025", plan)
    observations = plan / "observations-2025h1.yaml"
    text = observations.read_text(encoding="utf-8")
    assert "1285.41" in text
    observations.write_text(text.replace("1285.41", "1290.00", 1), encoding="utf-8")
    source = plan / "sources" / "wujiang-2025h1-report.txt"          # the same length: spans stay valid
    source.write_text(source.read_text(encoding="utf-8").replace("1285.41", "1290.00", 1), encoding="utf-8")
    _lock(cli, example_db_url)
    refused = cli("load", str(plan), "--db", example_db_url)
    assert refused.exit_code == 2 and "已锁定" in refused.stderr


def test_an_ingest_writes_audit_rows_with_the_text_as_source(cli, example_db_url, tmp_path) -> None:  # type: ignore[no-untyped-def]
    changed = tmp_path / "report.txt"
    changed.write_text(REFERENCE.read_text(encoding="utf-8").replace("1285.41", "1290.00"), encoding="utf-8")
    assert cli("ingest", str(changed), *PERIOD, "--db", example_db_url).exit_code == 0
    history = json.loads(cli("history", "gdp", *PERIOD, "--format", "json", "--db", example_db_url).stdout)
    last = history[-1]
    assert last["action"] == "update" and last["old"]["value"] == "1285.41" and last["new"]["value"] == "1290.00"
    assert last["user"].startswith("os:")
