"""Material (部门书面材料): a short text a department submits for a period beside its figures.

Departments write three kinds — 工作进展与亮点 (achievements that are not numbers: 获评国家级美丽休闲乡村,
开工建设), 存在问题 and 下一步打算. Each text has an author, a time and a review state: it is
submitted (待审核), then approved (已通过) or returned (已退回) by a reviewer; only approved texts
reach the report. A 工作进展与亮点 text names the plan category (章节/小节) it belongs to, so that
the report places it in that subsection after the figures.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from planwatch.model import limits
from planwatch.model.period import Period
from planwatch.model.source import Source


class MaterialKind(StrEnum):
    PROGRESS = "工作进展与亮点"
    PROBLEMS = "存在问题"
    NEXT_STEPS = "下一步打算"

    @classmethod
    def parse(cls, text: str) -> MaterialKind:
        """The kind a person or a file means: the Chinese word, a short form (亮点, 问题, 打算) or the
        English name (progress, problems, next_steps). ValueError names the choices."""
        word = (text or "").strip()
        for kind in cls:
            if word in (kind.value, kind.name.lower()) or word.lower() == kind.name.lower():
                return kind
        if word in _SHORT_FORMS:
            return _SHORT_FORMS[word]
        raise ValueError(f"材料类型“{word}”无效，可选：{'、'.join(k.value for k in cls)}")


_SHORT_FORMS = {"亮点": MaterialKind.PROGRESS, "工作进展": MaterialKind.PROGRESS, "进展": MaterialKind.PROGRESS,
                "问题": MaterialKind.PROBLEMS, "打算": MaterialKind.NEXT_STEPS, "下一步": MaterialKind.NEXT_STEPS}


class ReviewState(StrEnum):
    PENDING = "待审核"
    APPROVED = "已通过"
    RETURNED = "已退回"

    @classmethod
    def parse(cls, text: str) -> ReviewState:
        word = (text or "").strip()
        for state in cls:
            if word == state.value or word.lower() == state.name.lower():
                return state
        raise ValueError(f"审核状态“{word}”无效，可选：{'、'.join(s.value for s in cls)}")


@dataclass(frozen=True, slots=True)
class Material:
    """One text of a department for a region and period. ``code`` is unique within the plan;
    ``source`` is the document span of a text taken from a published report (plan files), or the
    form cell / web entry it was submitted through."""

    code: str
    department: str
    region: str
    period: Period
    kind: MaterialKind
    text: str
    category: str | None = None
    order: int = 0
    state: ReviewState = ReviewState.PENDING
    author: str | None = None
    submitted_at: datetime | None = None
    reviewer: str | None = None
    reviewed_at: datetime | None = None
    review_note: str | None = None
    source: Source | None = None

    @property
    def approved(self) -> bool:
        return self.state is ReviewState.APPROVED


def text_problems(text: str | None, category: str | None, categories: Sequence[str]) -> list[str]:
    """Why a material's text or category cannot be stored (in Chinese), or nothing: a text is
    required, without control characters and at most :data:`limits.NOTE` characters; a category,
    when given, is one of the plan's."""
    problems = []
    if text is None or not text.strip():
        problems.append("材料内容不能为空")
    elif (problem := limits.text_problem(text, limits.NOTE)) is not None:
        problems.append(f"材料内容{problem}")
    if category is not None and categories and category not in categories:
        problems.append(f"类别“{category}”不在计划的类别（categories）中")
    return problems
