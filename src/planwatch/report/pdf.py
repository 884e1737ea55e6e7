"""PDF through LibreOffice: the .docx converted by ``soffice --headless --convert-to pdf``.

Each conversion uses its own LibreOffice profile in a temporary folder, so several conversions
(or a running LibreOffice) do not block each other. LibreOffice runs with ``FONTCONFIG_FILE`` set
to planwatch's alias file (``fonts/fonts.conf``), which maps the docx's font names (仿宋_GB2312,
方正小标宋简体, 黑体, 楷体_GB2312, 宋体) to free faces, so that a machine without the official
fonts still sets the body in a serif and each heading level in its own face. Without LibreOffice a
:class:`~planwatch.report.errors.MissingTool` error says how to install it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from planwatch.report.errors import MissingTool
from planwatch.report.fonts import FONTCONFIG

CANDIDATES = ("soffice", "libreoffice", "/usr/bin/soffice", "/usr/lib/libreoffice/program/soffice",
              "/opt/libreoffice/program/soffice", "/Applications/LibreOffice.app/Contents/MacOS/soffice")
TIMEOUT_SECONDS = 180


def find_soffice() -> str | None:
    """The LibreOffice program, or None. ``PLANWATCH_SOFFICE`` names it explicitly."""
    explicit = os.environ.get("PLANWATCH_SOFFICE")
    if explicit:
        return explicit if Path(explicit).exists() or shutil.which(explicit) else None
    for name in CANDIDATES:
        found = shutil.which(name) if "/" not in name else (name if Path(name).exists() else None)
        if found:
            return found
    return None


def require_soffice() -> str:
    """The LibreOffice program, or a MissingTool error saying how to install it."""
    soffice = find_soffice()
    if soffice is None:
        raise MissingTool("生成 PDF 需要 LibreOffice，但本机没有找到 soffice 程序。请安装 LibreOffice："
                          "sudo apt-get install libreoffice-writer（或运行 scripts/setup）；"
                          "也可以先生成 .docx（--format docx），用 WPS 或 Word 另存为 PDF。")
    return soffice


def docx_to_pdf(docx_path: Path, pdf_path: Path) -> Path:
    """Convert ``docx_path`` to ``pdf_path`` with LibreOffice."""
    soffice = require_soffice()
    with tempfile.TemporaryDirectory(prefix="planwatch-pdf-") as tmp:
        work = Path(tmp)
        source = work / "report.docx"
        shutil.copyfile(docx_path, source)
        profile = (work / "profile").as_uri()
        cmd = [soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore", "--nolockcheck",
               "--convert-to", "pdf", "--outdir", str(work), str(source)]
        try:
            done = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT_SECONDS,
                                  env={**os.environ, "HOME": tmp, "FONTCONFIG_FILE": str(FONTCONFIG)})
        except subprocess.TimeoutExpired:
            raise MissingTool(f"LibreOffice 转换 PDF 超时（{TIMEOUT_SECONDS} 秒）。请稍后重试，或先生成 .docx。") from None
        produced = work / "report.pdf"
        if done.returncode != 0 or not produced.exists():
            detail = (done.stderr or done.stdout or "").strip().splitlines()[-1:] or ["无输出"]
            raise MissingTool(f"LibreOffice 未能把报告转换为 PDF（退出码 {done.returncode}）：{detail[0]}")
        pdf_path.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(produced), pdf_path)
    return pdf_path
