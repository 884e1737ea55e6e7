"""`planwatch demo`: both examples load, the national one (real 2025 targets) gives real verdicts,
two reports are written, and the dashboard opens on 全国 2025年上半年 with non-zero counts."""

from __future__ import annotations

import re
from pathlib import Path

from docx import Document
from starlette.testclient import TestClient

from planwatch.services.examples import DEMO_EXAMPLES, DEMO_PERIOD, DEMO_REGION, example_path
from planwatch.settings import Settings
from planwatch.web.app import create_app


def test_demo_loads_both_examples_and_writes_both_reports(cli, tmp_path: Path) -> None:
    db = tmp_path / "demo.sqlite"
    result = cli("demo", "--no-serve", "--db", str(db), "--output", str(tmp_path / "out"))
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "吴江区 · 2025年上半年" in out
    assert "全国 · 2025年上半年 · 序时进度 50%" in out
    # the national plan's mid-year verdicts, from the 2025 政府工作报告 targets
    assert "4项主要指标中4项达到或超过序时进度" in out
    assert "双过半：2项主要指标全部实现“双过半”" in out
    reports = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert reports == ["全国2025年上半年计划执行情况报告.docx", "吴江区2025年上半年计划执行情况报告.docx"]
    body = "\n".join(p.text for p in Document(str(tmp_path / "out" / reports[0])).paragraphs)
    assert "660536亿元" in body
    # Loading again changes nothing (the demo can be rerun on the same database).
    again = cli("demo", "--no-serve", "--db", str(db), "--output", str(tmp_path / "out"))
    assert again.exit_code == 0 and "新增 0 条" in again.stdout


def test_demo_dashboard_opens_on_real_verdict_counts(cli, tmp_path: Path) -> None:
    db = tmp_path / "demo.sqlite"
    assert cli("demo", "--no-serve", "--db", str(db), "--output", str(tmp_path)).exit_code == 0
    settings = Settings(database_url=f"sqlite:///{db}", secret_key="test", local_mode=True,
                        default_region=DEMO_REGION, default_period=DEMO_PERIOD)
    with TestClient(create_app(settings), client=("127.0.0.1", 50000)) as client:
        page = client.get("/").text
    assert "全国2025年上半年计划执行总览" in page
    cards = dict((word, int(n)) for n, word in re.findall(
        r'<span class="count-n">(\d+)</span><span class="count-w">([^<]+)</span>', page))
    # GDP 超过预期, 失业率 and 收入同步 达标, 城镇新增就业 超序时; CPI and 国际收支 缺数, grain and energy annual
    assert cards == {"达到或超过": 4, "滞后或未达标": 0, "不作判断": 4}
    assert re.search(r'<span class="count-n">2/2</span>\s*<span class="count-w">双过半', page)
    # another region asked for by name opens on its own latest period, not the demo's default
    with TestClient(create_app(settings), client=("127.0.0.1", 50000)) as client:
        assert "吴江区2025年上半年计划执行总览" in client.get("/?region=吴江区").text


def test_every_source_text_of_the_national_example_has_its_address() -> None:
    """The loader checks that every number is at its span; here: each source file is named in the sources
    README with the address it was taken from."""
    assert "china-2025" in DEMO_EXAMPLES
    folder = example_path("china-2025")
    readme = (folder / "sources" / "README.md").read_text(encoding="utf-8")
    for text_file in (folder / "sources").glob("*.txt"):
        line = next((ln for ln in readme.splitlines() if f"`{text_file.name}`" in ln), "")
        assert re.search(r"https?://\S+", line), f"{text_file.name} has no source address in sources/README.md"
