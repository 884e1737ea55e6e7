"""Editable wording (templates), errors a user can act on, and the Markdown/HTML outputs."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from planwatch.report.context import TEMPLATE_DIR, headline_lines


def _copy_templates(tmp_path: Path) -> Path:
    target = tmp_path / "templates"
    shutil.copytree(TEMPLATE_DIR, target)
    return target


def test_broken_template_names_the_template_and_line(cli, example_db_url, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    templates = _copy_templates(tmp_path)
    path = templates / "section_one.j2"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.insert(3, "{% if headline %}{{ region.name }{% endif %}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = cli("report", "--db", example_db_url, "--templates", str(templates), "-o", str(tmp_path / "r.md"),
                 "--format", "md")
    assert result.exit_code == 2
    assert "section_one.j2" in result.stderr and "第 4 行" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "r.md").exists()


def test_undefined_name_in_a_template_names_the_template_and_line(cli, example_db_url, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    templates = _copy_templates(tmp_path)
    (templates / "opening.j2").write_text("第一行\n现将{{ no_such_name }}报告如下。\n", encoding="utf-8")
    result = cli("report", "--db", example_db_url, "--templates", str(templates), "-o", str(tmp_path / "r.html"),
                 "--format", "html")
    assert result.exit_code == 2
    assert "opening.j2" in result.stderr and "第 2 行" in result.stderr and "no_such_name" in result.stderr


def test_an_office_can_change_the_wording_without_code(example_db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from planwatch.services.report import report_document

    templates = tmp_path / "mine"
    templates.mkdir()
    (templates / "opening.j2").write_text("按照区政府要求，现报告{{ region.name }}{{ period.label }}计划执行情况。\n",
                                          encoding="utf-8")
    document, _ = report_document(example_db, region="吴江区", period="2025H1", template_dir=templates, charts=False)
    assert "按照区政府要求，现报告吴江区2025年上半年计划执行情况。" in document.paragraphs()


def test_markdown_and_html_carry_the_same_headline_lines(example_db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from bs4 import BeautifulSoup

    from planwatch.services.report import build_report, render_report_bytes, report_document

    document, _ = report_document(example_db, region="吴江区", period="2025H1", charts=False)
    lines = headline_lines(document)
    assert len(lines) == 35
    md = render_report_bytes(example_db, "吴江区", "2025H1", "md").content.decode("utf-8")
    md_lines = [line.strip() for line in md.splitlines()]
    html_path = build_report(example_db, "吴江区", "2025H1", "html", tmp_path)
    assert html_path.name == "吴江区2025年上半年计划执行情况报告.html"
    soup = BeautifulSoup(html_path.read_text(encoding="utf-8"), "html.parser")
    html_paragraphs = [p.get_text() for p in soup.find_all("p")]
    assert [line for line in lines if line not in md_lines] == []
    assert [line for line in lines if line not in html_paragraphs] == []
    # self-contained: charts inline, nothing fetched from elsewhere
    images = soup.find_all("img")
    assert images and all(img["src"].startswith("data:image/png;base64,") for img in images)
    assert not soup.find_all("link") and not soup.find_all("script", src=True)


def test_markdown_file_writes_its_chart_images_beside_it(cli, example_db_url, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "report.md"
    result = cli("report", "--db", example_db_url, "--format", "md", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    pngs = sorted((tmp_path / "report_files").glob("*.png"))
    assert pngs and all(f"report_files/{p.name}" in text for p in pngs)


def test_pdf_without_libreoffice_says_how_to_install_it(cli, example_db_url, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANWATCH_SOFFICE", str(tmp_path / "no-soffice-here"))
    result = cli("report", "--db", example_db_url, "--format", "pdf", "-o", str(tmp_path / "r.pdf"))
    assert result.exit_code == 2
    assert "libreoffice-writer" in result.stderr and "LibreOffice" in result.stderr
    assert not (tmp_path / "r.pdf").exists()


def test_unknown_format_and_missing_part_two_file_are_input_errors(cli, example_db_url, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = cli("report", "--db", example_db_url, "--format", "odt")
    assert result.exit_code == 2 and "odt" in result.stderr
    result = cli("report", "--db", example_db_url, "--part-two", str(tmp_path / "none.txt"), "-o", str(tmp_path))
    assert result.exit_code == 2 and "none.txt" in result.stderr
