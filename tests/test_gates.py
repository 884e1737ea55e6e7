"""The gates of scripts/check really fail: on a copy of the source tree (never the checkout itself),
each gate passes as is and fails once one violation of its kind is put in."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.slow

VIOLATIONS = {
    # gate: (file under src/planwatch, text appended, words expected in the gate's output)
    "ruff": ("model/units.py", "\nimport os\n", "F401"),
    "mypy": ("analyze/numbers.py", '\n\ndef _not_an_int() -> int:\n    return "1"\n', "return-value"),
    "lint-imports": ("analyze/numbers.py", "\nimport sqlalchemy  # noqa: E402, F401\n",
                     "model and analyze are pure"),
}


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """src/, pyproject.toml and scripts/check copied, with the checkout's .venv (and mypy cache)."""
    venv = ROOT / ".venv"
    if not (venv / "bin" / "mypy").exists():
        pytest.fail(f"{venv} has no mypy: run scripts/setup", pytrace=False)
    root = tmp_path_factory.mktemp("gates")
    shutil.copytree(ROOT / "src", root / "src", ignore=shutil.ignore_patterns("__pycache__", "vendor"))
    shutil.copy2(ROOT / "pyproject.toml", root / "pyproject.toml")
    (root / "scripts").mkdir()
    shutil.copy2(ROOT / "scripts" / "check", root / "scripts" / "check")
    (root / ".venv").symlink_to(venv)
    if (ROOT / ".mypy_cache").is_dir():     # (only a speed-up: mypy checks every file it is given)
        shutil.copytree(ROOT / ".mypy_cache", root / ".mypy_cache")
    return root


def _gate(root: Path, name: str) -> subprocess.CompletedProcess[str]:
    # PYTHONPATH: the copy's planwatch, not the checkout's editable install, is the one analysed
    env = {**os.environ, "PLANWATCH_CHECK_ONLY": name, "PYTHONPATH": str(root / "src")}
    return subprocess.run(["bash", str(root / "scripts" / "check")], cwd=root, env=env, capture_output=True,
                          text=True, timeout=300)


@pytest.mark.parametrize("name", list(VIOLATIONS))
def test_each_gate_passes_the_tree_and_fails_one_violation(tree: Path, name: str) -> None:
    clean = _gate(tree, name)
    assert clean.returncode == 0, clean.stdout[-3000:] + clean.stderr[-2000:]
    relative, text, words = VIOLATIONS[name]
    target = tree / "src" / "planwatch" / relative
    original = target.read_text(encoding="utf-8")
    target.write_text(original + text, encoding="utf-8")
    try:
        broken = _gate(tree, name)
    finally:
        target.write_text(original, encoding="utf-8")
    assert broken.returncode != 0, broken.stdout[-3000:]
    assert f"gate '{name}' FAILED" in broken.stderr
    assert words in broken.stdout + broken.stderr
