"""The .docx passes the GB/T 9704 checker; LibreOffice turns it into a PDF whose first page
shows the title (one conversion: LibreOffice is slow)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SHARED, require_shared

CHECKER = SHARED / "tools" / "check_gbt9704.py"
TITLE = "吴江区2025年国民经济和社会发展计划上半年执行情况的报告"


def test_docx_passes_the_gbt9704_checker(cli, example_db_url, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "报告.docx"
    result = cli("report", "--db", example_db_url, "--region", "吴江区", "--period", "2025H1", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert str(out) in result.stdout
    done = subprocess.run([sys.executable, str(require_shared(CHECKER)), str(out)], capture_output=True, text=True, timeout=120)
    failures = [line for line in done.stdout.splitlines() if line.startswith("[FAIL]")]
    assert done.returncode == 0 and not failures, "\n".join(failures) or done.stderr
    summary = done.stdout.strip().splitlines()[-1]
    assert "FAIL=0" in summary

    import docx
    from docx.oxml.ns import qn

    d = docx.Document(str(out))
    runs = [r for p in d.paragraphs for r in p.runs if r.text.strip()]
    assert runs and all(r._r.rPr is not None and r._r.rPr.rFonts is not None
                        and r._r.rPr.rFonts.get(qn("w:eastAsia")) for r in runs), "w:eastAsia missing on a run"
    assert any(shape for shape in d.inline_shapes), "charts are embedded"


needs_soffice = pytest.mark.skipif(not Path("/usr/bin/soffice").exists(),
                                   reason="LibreOffice (/usr/bin/soffice) not installed")


@pytest.fixture(scope="module")
def example_pdf(example_db_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example's report as PDF (one LibreOffice conversion for the module)."""
    work = tmp_path_factory.mktemp("pdf")
    db = work / "example.sqlite"
    shutil.copyfile(example_db_file, db)
    out = work / "report.pdf"
    from tests.conftest import run_cli

    result = run_cli("report", "--db", f"sqlite:///{db}", "--period", "2025H1", "--format", "pdf", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    return out


@needs_soffice
def test_pdf_through_libreoffice_shows_the_title_on_page_one(example_pdf: Path, tmp_path: Path) -> None:
    out = example_pdf
    assert out.read_bytes()[:5] == b"%PDF-"

    from pypdf import PdfReader

    reader = PdfReader(str(out))
    assert len(reader.pages) >= 2
    first = "".join(reader.pages[0].extract_text().split())
    assert TITLE in first
    assert "一、2025年国民经济和社会发展计划上半年执行情况" in first

    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) not installed: page image not checked")
    subprocess.run(["pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "1", str(out), str(tmp_path / "page")],
                   check=True, timeout=60)
    png = next(tmp_path.glob("page*.png"))
    from PIL import Image

    image = Image.open(png).convert("L")
    dark = sum(image.histogram()[:128])
    assert dark > image.width * image.height * 0.01, "page 1 is (nearly) blank"


SANS = re.compile(r"sans|hei|gothic|dejavu", re.I)
SERIF = re.compile(r"serif|song|sung|ming|fangsong|fs\b|kai", re.I)


def _face(base_font: str) -> str:
    """/CAAAAA+BousungEG-Light-GB → BousungEG-Light-GB (subset prefix dropped)."""
    return base_font.lstrip("/").split("+", 1)[-1]


def _faces_by_text(path: Path) -> list[tuple[str, str]]:
    """(face, text) of every text piece on every page, in order."""
    from pypdf import PdfReader

    pieces: list[tuple[str, str]] = []

    def visit(text: str, cm: object, tm: object, font: dict | None, size: object) -> None:
        if text.strip() and font is not None:
            pieces.append((_face(str(font.get("/BaseFont", ""))), text.strip()))

    for page in PdfReader(str(path)).pages:
        page.extract_text(visitor_text=visit)
    return pieces


def _face_of(pieces: list[tuple[str, str]], start: str) -> str:
    face = next((f for f, t in pieces if t.startswith(start)), None)
    assert face is not None, f"no text starting {start!r} in the PDF"
    return face


@needs_soffice
def test_pdf_sets_the_body_in_a_serif_and_each_heading_level_in_its_own_face(example_pdf: Path) -> None:
    """Through the alias file, the docx's 仿宋_GB2312 / 方正小标宋简体 / 黑体 / 楷体_GB2312 become
    distinct installed faces (not LibreOffice's fallback Noto Sans CJK JP for everything)."""
    if shutil.which("pdffonts") is None:
        pytest.fail("pdffonts (poppler-utils) not installed: run scripts/setup")
    listed = subprocess.run(["pdffonts", str(example_pdf)], capture_output=True, text=True, check=True,
                            timeout=60).stdout.splitlines()[2:]
    faces = {_face(line.split()[0]) for line in listed if line.strip()}
    pieces = _faces_by_text(example_pdf)
    body = _face_of(pieces, "全区")                  # the first headline line
    title = _face_of(pieces, "吴江区")               # title line 1
    h1 = _face_of(pieces, "一、")
    h2 = _face_of(pieces, "（一）")
    assert {body, title, h1, h2} <= faces
    assert len({body, title, h1, h2}) == 4, (body, title, h1, h2)
    assert SERIF.search(body) and not SANS.search(body), body
    assert SERIF.search(title) and SERIF.search(h2), (title, h2)
    headings = {title, h1, h2}
    body_faces = {f for f, t in pieces if f not in headings}
    sans_in_body = {f for f in body_faces if SANS.search(f)}
    assert not sans_in_body, f"sans-serif faces in the body: {sans_in_body}"
