"""The font alias file: each official typeface the docx names resolves, through fontconfig, to
its installed stand-in, and that face has every character the example's report uses."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from planwatch.report.fonts import FONTCONFIG, stand_ins

OFFICIAL = ("仿宋_GB2312", "方正小标宋简体", "黑体", "楷体_GB2312", "宋体")


def _match(name: str) -> tuple[str, str, int]:
    """(family, file, index) fontconfig chooses for ``name`` with planwatch's alias file."""
    if shutil.which("fc-match") is None:
        pytest.fail("fc-match (fontconfig) not installed: run scripts/setup")
    out = subprocess.run(["fc-match", "-f", "%{family[0]}|%{file}|%{index}", name], capture_output=True, text=True,
                         check=True, timeout=30, env={**os.environ, "FONTCONFIG_FILE": str(FONTCONFIG)}).stdout
    family, file, index = out.split("|")
    return family, file, int(index)


def test_every_official_name_resolves_to_its_first_stand_in() -> None:
    declared = stand_ins()
    assert set(OFFICIAL) <= set(declared)
    chosen = {name: _match(name)[0] for name in OFFICIAL}
    assert chosen == {name: declared[name][0] for name in OFFICIAL}
    # the body, title, 一、 and （一） faces differ from one another
    assert len({_match(n)[1:] for n in OFFICIAL[:4]}) == 4


def test_the_stand_ins_cover_every_character_of_the_example_report(example_document) -> None:  # type: ignore[no-untyped-def]
    from fontTools.ttLib import TTFont

    from planwatch.report import document as doc

    text = "".join(b.text for b in example_document.blocks if isinstance(b, doc.Paragraph | doc.Heading))
    chars = {c for c in text if not c.isspace()}
    assert len(chars) > 300
    for name in ("仿宋_GB2312", "黑体", "楷体_GB2312"):
        _, file, index = _match(name)
        cmap = TTFont(file, fontNumber=index, lazy=True).getBestCmap()
        missing = sorted(c for c in chars if ord(c) not in cmap)
        assert not missing, f"{name} → {file} lacks {''.join(missing[:40])}"
