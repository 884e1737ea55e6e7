"""Source (数据来源): where a number came from — a document span, an import cell, or a user."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class SourceKind(str, Enum):
    DOCUMENT = "document"   # a span of a stored document's text
    IMPORT = "import"       # a cell of an imported form or a row of a CSV file
    PLAN_FILE = "plan_file"  # written in a plan file by a person
    USER = "user"           # entered through the web or the CLI by a named user
    DERIVED = "derived"     # computed from other figures; ``note`` says how


@dataclass(frozen=True, slots=True)
class Source:
    """Where an observation's numbers came from. ``spans`` maps a slot (value, growth, share,
    plan_completion, change, status) to its ``[start, end)`` character span in ``document``."""

    kind: SourceKind
    document: str | None = None
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)
    locator: str | None = None   # file/sheet/cell or file/line
    user: str | None = None
    note: str | None = None

    def describe(self) -> str:
        """One line for people: 《吴江区2025年上半年报告》第274—281字; 表1 D7; 用户 张三."""
        if self.kind is SourceKind.DOCUMENT and self.document:
            spans = ", ".join(f"{slot} {a}–{b}" for slot, (a, b) in self.spans.items())
            return f"文档 {self.document}（{spans}）" if spans else f"文档 {self.document}"
        if self.locator:
            return f"{'导入' if self.kind is SourceKind.IMPORT else '计划文件'} {self.locator}"
        if self.user:
            return f"用户 {self.user}"
        return self.note or self.kind.value
