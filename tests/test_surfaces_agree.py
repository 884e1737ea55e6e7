"""Every surface says what the status engine says. Random plans (flows against annual amounts at
any period, growth and level targets in both directions, qualitative targets with reported
words, stated 占年计划 shares without targets) are loaded through the CLI; for every indicator the
word on the CLI's JSON, the JSON API, the web page and the report's annex table must be the
status engine's, and the web page's and report's colour (lagging or not) must be its too."""

from __future__ import annotations

import json
import tempfile
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import run_cli

PERIODS = ("2025Q1", "2025H1", "2025M01-07", "2025M01-10", "2025")
WORDS = ("完成上级下达任务", "进展顺利", "与序时进度存在一定差距", "经过努力能够完成", "基本完成", "保持稳定",
         "未完成年度目标", "超额完成年度目标任务")

positive = st.decimals(min_value=Decimal("1"), max_value=Decimal("900"), places=1, allow_nan=False,
                       allow_infinity=False)
rates = st.decimals(min_value=Decimal("-3"), max_value=Decimal("12"), places=1, allow_nan=False,
                    allow_infinity=False)


@st.composite
def indicator_case(draw: st.DrawFn, n: int) -> tuple[str, str | None, str]:
    """(indicator yaml, target yaml or None, observation yaml without the period) for indicator ``n``."""
    code = f"i{n}"
    kind = draw(st.sampled_from(["flow", "growth", "rate", "qualitative", "stated", "cap"]))
    direction = draw(st.sampled_from(["越大越好", "越小越好"]))
    if kind == "flow":
        ind = f"{{code: {code}, name: 指标{n}, unit: 亿元, category: 经济, headline: true}}"
        comparison = draw(st.sampled_from(["以上", "达到", "左右"]))
        target = f"{{indicator: {code}, level: {{value: {draw(positive)}, unit: 亿元, comparison: {comparison}}}}}"
        obs = f"value: {draw(positive)}"
    elif kind == "cap":
        ind = f"{{code: {code}, name: 指标{n}, unit: 万吨, category: 经济, direction: 越小越好, headline: true}}"
        target = f"{{indicator: {code}, level: {{value: {draw(positive)}, unit: 万吨, comparison: 以内}}}}"
        obs = f"value: {draw(positive)}"
    elif kind == "growth":
        ind = f"{{code: {code}, name: 指标{n}, unit: 亿元, category: 经济, direction: {direction}, headline: true}}"
        comparison = draw(st.sampled_from(["以上", "左右", "以内", "正增长"]))
        value = "" if comparison == "正增长" else f"value: {draw(rates)}, "
        target = f"{{indicator: {code}, growth: {{{value}comparison: {comparison}}}}}"
        obs = f"growth: {draw(rates)}"
    elif kind == "rate":
        ind = (f"{{code: {code}, name: 指标{n}, unit: \"%\", category: 民生, measure: 比率, direction: {direction}, "
               "headline: true}")
        comparison = draw(st.sampled_from(["以上", "左右", "以内", "达到"]))
        target = f"{{indicator: {code}, level: {{value: {draw(rates)}, unit: \"%\", comparison: {comparison}}}}}"
        obs = f"value: {draw(rates)}"
    elif kind == "qualitative":
        ind = f"{{code: {code}, name: 指标{n}, unit: \"%\", category: 生态, measure: 定性, headline: true}}"
        target = f"{{indicator: {code}, qualitative: 完成上级下达任务}}"
        obs = f"status: {draw(st.sampled_from(WORDS))}"
    else:
        ind = f"{{code: {code}, name: 指标{n}, unit: 亿元, category: 经济, headline: true}}"
        target = None
        obs = f"value: {draw(positive)}, plan_completion: {draw(st.decimals(Decimal('1'), Decimal('120'), places=1))}"
    return ind, target, obs


@st.composite
def plans(draw: st.DrawFn) -> tuple[str, str]:
    period = draw(st.sampled_from(PERIODS))
    cases = [draw(indicator_case(n)) for n in range(draw(st.integers(3, 8)))]
    lines = ["plan: {region: \"990001\", year: 2025, title: 测试区2025年计划}",
             "regions: [{code: \"990001\", name: 测试区, level: 县区}]",
             "indicators:"]
    lines += [f"  - {ind}" for ind, _, _ in cases]
    lines.append("targets:")
    lines += [f"  - {target}" for _, target, _ in cases if target]
    lines.append("observations:")
    lines += [f"  - {{indicator: i{n}, period: {period}, {obs}}}" for n, (_, _, obs) in enumerate(cases)]
    if not any(target for _, target, _ in cases):
        lines[lines.index("targets:")] = "targets: []"
    return "\n".join(lines) + "\n", period


def _web_words(html: str) -> dict[str, tuple[str, bool]]:
    from bs4 import BeautifulSoup

    out = {}
    for row in BeautifulSoup(html, "html.parser").select("table.status-table tbody tr"):
        link = row.select_one("th a")
        badge = row.select_one("span.badge")
        if link is None or badge is None:
            continue
        code = link["href"].split("?")[0].rsplit("/", 1)[-1]
        out[str(code)] = (badge.get_text(strip=True), "tone-bad" in badge["class"] or "tone-warn" in badge["class"])
    return out


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(plans())
def test_cli_api_web_and_report_say_what_the_engine_says(generated: tuple[str, str]) -> None:
    from fastapi.testclient import TestClient

    from planwatch.model.verdict import Verdict
    from planwatch.report.document import Table
    from planwatch.services.report import report_document
    from planwatch.services.status import region_status
    from planwatch.services.users import add_user, create_token
    from planwatch.settings import Settings
    from planwatch.store import open_database
    from planwatch.web.app import create_app

    text, period = generated
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "plan"
        folder.mkdir()
        (folder / "plan.yaml").write_text(text, encoding="utf-8")
        url = f"sqlite:///{Path(tmp) / 'db.sqlite'}"
        loaded = run_cli("load", str(folder), "--db", url)
        assert loaded.exit_code == 0, loaded.stderr + text
        db = open_database(url)
        add_user(db, "checker", "admin", "a-long-enough-password-1")
        token = create_token(db, "checker")
        engine = {r.code: r for r in region_status(db, period=period).rows}

        cli = json.loads(run_cli("status", "--db", url, "--period", period, "--format", "json").stdout)
        assert {r["code"]: r["word"] for r in cli["rows"]} == {c: r.word for c, r in engine.items()}

        app = create_app(Settings(database_url=url, secret_key="test-secret"))
        with TestClient(app) as client:
            headers = {"Authorization": f"Bearer {token}"}
            api = client.get("/api/v1/status", params={"period": period}, headers=headers).json()
            assert {r["code"]: (r["verdict"], r["word"], r["tone"]) for r in api["rows"]} == {
                c: (r.verdict.value, r.word, r.verdict.tone) for c, r in engine.items()}
            page = client.get("/indicators", params={"period": period}, headers=headers)
            assert page.status_code == 200
            assert _web_words(page.text) == {c: (r.word, r.verdict.is_lagging) for c, r in engine.items()}

        document, _ = report_document(db, period=period, charts=False)
        annex = next(b for b in document.blocks if isinstance(b, Table) and b.key == "indicators")
        by_name = {r.indicator.name: r for r in engine.values()}
        # the report's table shows a dash, not words about the system, where the engine judged nothing
        silent = {Verdict.NO_TARGET, Verdict.TO_ASSESS, Verdict.MISSING}
        assert {row[0]: row[-1] for row in annex.rows} == {
            name: "—" if r.verdict in silent else r.word for name, r in by_name.items()}
        db.dispose()
