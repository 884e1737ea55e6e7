"""The font alias file shipped with planwatch (``fonts/fonts.conf``), read back for the charts.

The .docx names the official typefaces (仿宋_GB2312, 方正小标宋简体, 黑体, 楷体_GB2312, 宋体).
``fonts.conf`` is a fontconfig file mapping each name to free faces from Debian's packages
(installed by ``scripts/setup``); the PDF export gives it to LibreOffice as ``FONTCONFIG_FILE``.
matplotlib does not use fontconfig, so :func:`stand_ins` reads the same file and the charts take
the first stand-in of the body font that is installed.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from functools import lru_cache
from pathlib import Path

FONTCONFIG = Path(__file__).resolve().parent / "fonts" / "fonts.conf"


@lru_cache(maxsize=1)
def stand_ins() -> dict[str, tuple[str, ...]]:
    """{docx font name: stand-in families, preferred first} as ``fonts.conf`` declares them."""
    out: dict[str, tuple[str, ...]] = {}
    root = ET.parse(FONTCONFIG).getroot()
    for match in root.iter("match"):
        test = match.find("test[@name='family']/string")
        edit = match.find("edit[@name='family']")
        if test is None or test.text is None or edit is None:
            continue
        out[test.text] = tuple(s.text for s in edit.iter("string") if s.text)
    return out
