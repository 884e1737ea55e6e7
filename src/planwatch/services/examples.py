"""The embedded example plans, found in the installed package or the source tree.

- ``wujiang-2025``: 吴江区 2025, the first-half execution report (the reference report) in full —
  indicators, key projects, tasks; the report publishes no annual targets, so none are set.
- ``china-2025``: 全国 2025, the annual targets of the 2025 政府工作报告 with the first-half,
  1—9月 and full-year results published by 国家统计局 and 人力资源社会保障部 — real targets,
  so its status shows real verdicts (超序时, 达标, 超额完成, 双过半).

Every number in both traces to a source text kept in the example's ``sources/`` folder.
"""

from __future__ import annotations

from pathlib import Path

from planwatch.errors import NotFound

DEFAULT_EXAMPLE = "wujiang-2025"
#: What ``planwatch demo`` loads, in this order.
DEMO_EXAMPLES = ("wujiang-2025", "china-2025")
#: Where the demo's dashboard opens: the example with real targets, at mid-year (序时进度 50%).
DEMO_REGION, DEMO_PERIOD = "CN", "2025H1"


def example_path(name: str = DEFAULT_EXAMPLE) -> Path:
    package_copy = Path(__file__).resolve().parent.parent / "_examples" / name
    source_tree = Path(__file__).resolve().parents[3] / "examples" / name
    for candidate in (package_copy, source_tree):
        if candidate.is_dir():
            return candidate
    raise NotFound(f"找不到示例“{name}”（应在 {source_tree}）")
