"""The optional compiled build of the extractor (``scripts/build-native``, ``planwatch.extract._native``):
used only when built from exactly the sources on disk, and then giving the pure-Python output."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from planwatch.extract import _native
from tests.conftest import REFERENCE_REPORT, ROOT

_FACTS = ("import json, sys\nfrom pathlib import Path\nfrom planwatch.extract import extract_facts\n"
          "for p in sys.argv[1:]:\n"
          "    for f in extract_facts(Path(p).read_text(encoding='utf-8')):\n"
          "        print(json.dumps(f.to_json(), ensure_ascii=False))\n")


def test_a_build_is_used_only_when_its_stamp_is_of_the_sources_on_disk(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PLANWATCH_PURE", raising=False)
    assert not _native.usable(tmp_path)                                  # nothing built
    (tmp_path / "STAMP").write_text("0" * 64 + "\n", encoding="utf-8")
    assert not _native.usable(tmp_path)                                  # built from other sources
    (tmp_path / "STAMP").write_text(_native.source_stamp() + "\n", encoding="utf-8")
    assert _native.usable(tmp_path)
    monkeypatch.setenv("PLANWATCH_PURE", "1")
    assert not _native.usable(tmp_path)                                  # refused on request


def test_the_stamp_changes_with_any_source_the_build_is_checked_against() -> None:
    stamp = _native.source_stamp()
    assert len(stamp) == 64 and stamp == _native.source_stamp()
    sources = sorted((ROOT / "src" / "planwatch" / "extract").glob("*.py"))
    assert {p.stem for p in sources} >= set(_native.MODULES)


@pytest.mark.skipif(not _native.ACTIVE, reason="no compiled build of these sources (scripts/build-native)")
def test_the_compiled_stages_give_the_pure_python_facts() -> None:
    data = ROOT / "tests" / "data"
    texts = [*sorted(data.glob("texts/*.txt")), *sorted(data.glob("heldout*/*.txt")), REFERENCE_REPORT]
    run = [sys.executable, "-c", _FACTS, *map(str, texts)]
    pure = subprocess.run(run, capture_output=True, text=True, timeout=300, cwd=ROOT,
                          env={**os.environ, "PLANWATCH_PURE": "1"}, check=True)
    compiled = subprocess.run(run, capture_output=True, text=True, timeout=300, cwd=ROOT,
                              env={k: v for k, v in os.environ.items() if k != "PLANWATCH_PURE"}, check=True)
    assert len(pure.stdout.splitlines()) > 1500
    assert [json.loads(x) for x in compiled.stdout.splitlines()] == [json.loads(x) for x in pure.stdout.splitlines()]
