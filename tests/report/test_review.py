"""The review copy (--review): the same .docx, every number of the body carrying a Word comment
that names its source (document and sentence, or form cell and person) or the engine's rule."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from tests.conftest import SHARED, require_shared

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _runs_with_comments(paragraph) -> list[tuple[str, set[str]]]:  # type: ignore[no-untyped-def]
    """(text, ids of the comments whose range covers it) of each run, in order."""
    open_ids: set[str] = set()
    out = []
    for el in paragraph._p.iter():
        if el.tag == W + "commentRangeStart":
            open_ids.add(el.get(W + "id"))
        elif el.tag == W + "commentRangeEnd":
            open_ids.discard(el.get(W + "id"))
        elif el.tag == W + "r":
            text = "".join(t.text or "" for t in el.iter(W + "t"))
            if text:
                out.append((text, set(open_ids)))
    return out


def test_every_number_of_the_body_carries_a_comment_naming_its_source(cli, example_db, example_db_url,
                                                                        tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import docx

    from planwatch.services.plans import select

    result = cli("report", "--db", example_db_url, "-p", "2025H1", "--review", "-o", str(tmp_path))
    assert result.exit_code == 0, result.stderr
    out = tmp_path / "吴江区2025年上半年计划执行情况报告（审阅稿）.docx"
    assert out.exists()
    done = subprocess.run([sys.executable, str(require_shared(SHARED / "tools" / "check_gbt9704.py")), str(out)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and "FAIL=0" in done.stdout.splitlines()[-1], done.stdout[-2000:]

    d = docx.Document(str(out))
    comments = {str(c.comment_id): c.text for c in d.comments}
    plan = select(example_db, region="吴江区", period="2025H1").plan
    names = sorted({n for i in plan.indicators for n in (i.name, *i.aliases)}, key=len, reverse=True)
    numbers_checked = 0
    uncommented: list[str] = []
    for p in d.paragraphs:
        if p.text.startswith("二、"):
            break                                     # section 二 and the appendix are not figures
        if p.style is not None and p.style.name in ("PW Title", "PW Heading 1", "PW Heading 2"):
            continue
        for text, ids in _runs_with_comments(p):
            if ids:
                assert all("来源：" in comments[i] or "判断“" in comments[i] for i in ids), [comments[i] for i in ids]
                numbers_checked += len(re.findall(r"\d+(?:\.\d+)?", text))
                continue
            plain = re.sub(r"^\d+\.", "", text)        # the run-in heading's ordinal
            plain = re.sub(r"\d{4}年", "", plain)       # the plan's year
            for name in names:
                plain = plain.replace(name, "")
            uncommented += [f"{n} in “{p.text[:40]}…”" for n in re.findall(r"\d+(?:\.\d+)?", plain)]
    assert not uncommented, uncommented[:20]
    assert numbers_checked >= 180
    # a figure names its document and sentence; a project gap names the engine's rule
    texts = list(comments.values())
    assert any(t.startswith("地区生产总值数值。来源：《吴江区2025年国民经济和社会发展计划上半年执行情况的报告》第274—281字："
                            "“全区完成地区生产总值1285.41亿元，增长6.1%（不变价）；”") for t in texts)
    assert any("判断“超序时”：规则 stated_completion_vs_schedule" in t for t in texts)
    assert any(t.startswith("单位地区生产总值能源消耗降低。判断“完成上级下达任务”：规则") for t in texts)


def test_the_normal_draft_has_no_comments(cli, example_db_url, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import docx

    out = tmp_path / "r.docx"
    assert cli("report", "--db", example_db_url, "-p", "2025H1", "-o", str(out)).exit_code == 0
    assert len(list(docx.Document(str(out)).comments)) == 0
    wrong = cli("report", "--db", example_db_url, "-p", "2025H1", "--review", "-f", "md", "-o", str(tmp_path))
    assert wrong.exit_code == 2 and "审阅稿" in wrong.stderr


def test_a_figure_entered_through_a_form_names_department_cell_and_person() -> None:
    from planwatch.model import Plan, Source, SourceKind
    from planwatch.report.provenance import describe_source

    source = Source(kind=SourceKind.IMPORT, locator="统计局.xlsx/数据填报/D7", user="统计小李")
    assert describe_source(Plan.__new__(Plan), source, "value", "统计局") == "来源：统计局 填报表 统计局.xlsx/数据填报/D7，填报人 统计小李"
    web = Source(kind=SourceKind.USER, user="统计小李")
    assert describe_source(Plan.__new__(Plan), web, "value", "统计局") == "来源：统计局 网页填报，填报人 统计小李"
