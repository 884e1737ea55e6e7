"""The embedded example plans (吴江区 2025), found in the installed package or the source tree."""

from __future__ import annotations

from pathlib import Path

from planwatch.errors import NotFound

DEFAULT_EXAMPLE = "wujiang-2025"


def example_path(name: str = DEFAULT_EXAMPLE) -> Path:
    package_copy = Path(__file__).resolve().parent.parent / "_examples" / name
    source_tree = Path(__file__).resolve().parents[3] / "examples" / name
    for candidate in (package_copy, source_tree):
        if candidate.is_dir():
            return candidate
    raise NotFound(f"找不到示例“{name}”（应在 {source_tree}）")
