"""The .docx passes the GB/T 9704 checker; LibreOffice turns it into a PDF whose first page
shows the title (one conversion: LibreOffice is slow)."""

from __future__ import annotations

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


@pytest.mark.skipif(not Path("/usr/bin/soffice").exists(), reason="LibreOffice (/usr/bin/soffice) not installed")
def test_pdf_through_libreoffice_shows_the_title_on_page_one(cli, example_db_url, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "report.pdf"
    result = cli("report", "--db", example_db_url, "--period", "2025H1", "--format", "pdf", "-o", str(out))
    assert result.exit_code == 0, result.stderr
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
