"""The layer contract (pyproject.toml [tool.importlinter]): data flows one way."""

import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT


def test_imports_follow_the_layers() -> None:
    lint = Path(sys.executable).parent / "lint-imports"
    command = [str(lint)] if lint.exists() else [shutil.which("lint-imports") or "lint-imports"]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]


def test_model_package_does_no_io() -> None:
    forbidden = ("sqlalchemy", "fastapi", "typer", "rich", "open(", "read_text(", "requests", "httpx")
    for path in (ROOT / "src" / "planwatch" / "model").glob("*.py"):
        source = path.read_text(encoding="utf-8")
        for word in forbidden:
            assert word not in source, f"{path.name} uses {word}"
