"""Where each number of the report comes from, for the review copy (``--review``).

The templates pass every number through the ``src`` filter (``{{ f.amount | src(f.code, "value") }}``).
In a normal draft the filter returns the text unchanged. In a review copy it puts an invisible
marker before the text; :func:`split_runs` later cuts the paragraph's runs at the markers, so the
number becomes a run of its own carrying a comment: the document and sentence the figure was
extracted from, or the department, form cell and person who entered it, and for a judgment the
status engine's rule and explanation. The .docx writer turns those into Word comments.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from planwatch.analyze.projects import ProgressStatus
from planwatch.analyze.status import IndicatorStatus, StatusTable
from planwatch.model import Material, Plan, Source, SourceKind, chinese
from planwatch.report import document as doc

_OPEN, _CLOSE, _WORDS, _END = "\ue000", "\ue001", "\ue002", "\ue003"
_MARK = re.compile(f"{_OPEN}(\\d+){_CLOSE}")
_MARKED_WORDS = re.compile(f"{_WORDS}(\\d+){_CLOSE}(.*?){_END}")
#: the number a marker points at: optional leading words (超, 预计), then digits
_NUMBER = re.compile("([^\\d\ue000]{0,6}?)(\\d+(?:\\.\\d+)?)")
SLOT_WORDS = {"value": "数值", "growth": "增速", "share": "比重", "change": "变化", "plan_completion": "占年度计划",
              "count": "个数", "completed_investment": "完成投资", "stated_completion": "占年度计划",
              "new_starts_started": "已开工", "stated_start_rate": "开工率", "project_count": "项目个数",
              "new_start_count": "新开工项目数"}


def sentence_at(text: str, start: int, end: int) -> str:
    """The sentence (up to 。；) around ``text[start:end]``."""
    left, _ = chinese.sentence_bounds(text, start)
    _, right = chinese.sentence_bounds(text, end)
    return text[left:right].strip()


def describe_source(plan: Plan, source: Source | None, slot: str, department: str | None = None) -> str:
    """One note for people: 来源：《…报告》第274—281字：“全区完成地区生产总值1285.41亿元，增长6.1%（不变价）；”."""
    if source is None:
        return "来源：计划文件中的数据（未注明来源）"
    if source.kind is SourceKind.DOCUMENT and source.document:
        document = next((d for d in plan.documents if d.code == source.document), None)
        span = source.spans.get(slot) or next(iter(source.spans.values()), None)
        if document is None:
            return f"来源：文档 {source.document}"
        if span is None:
            return f"来源：《{document.title}》"
        a, b = span
        return f"来源：《{document.title}》第{a}—{b}字：“{sentence_at(document.text, a, b)}”"
    who = f"，填报人 {source.user}" if source.user else ""
    dept = f"{department} " if department else ""
    if source.kind is SourceKind.IMPORT:
        return f"来源：{dept}填报表 {source.locator or ''}{who}".rstrip()
    if source.kind is SourceKind.USER:
        return f"来源：{dept}网页填报{who}"
    if source.kind is SourceKind.PLAN_FILE:
        return f"来源：计划文件 {source.locator or ''}".rstrip()
    return f"来源：{source.note or '推算'}"


def _verdict_note(row: IndicatorStatus) -> str:
    return f"判断“{row.word}”：规则 {row.rule}；{row.explanation}".rstrip("；")


def _progress_note(group: ProgressStatus) -> str:
    return f"判断“{group.verdict.value}”：规则 {group.rule}；{group.explanation}".rstrip("；")


@dataclass
class Notes:
    """The notes of one report: by (subject code, slot), and the markers handed out while rendering."""

    by_key: dict[tuple[str, str], str] = field(default_factory=dict)
    active: bool = False
    given: list[str] = field(default_factory=list)

    def mark(self, text: object, code: str, slot: str = "value") -> str:
        """The ``src`` filter: ``text`` with a marker before it when the copy is for review."""
        shown = "" if text is None else str(text)
        if not self.active or not shown:
            return shown
        note = self.by_key.get((code, slot)) or self.by_key.get((code, "*")) or f"来源：{code}（{slot}）"
        self.given.append(note)
        return f"{_OPEN}{len(self.given) - 1}{_CLOSE}{shown}"

    def mark_words(self, text: object, code: str, slot: str = "judgment") -> str:
        """The ``judged`` filter: words that state a judgment, with the engine's rule as note."""
        shown = "" if text is None else str(text)
        note = self.by_key.get((code, slot))
        if not self.active or not shown or note is None:
            return shown
        self.given.append(note)
        return f"{_WORDS}{len(self.given) - 1}{_CLOSE}{shown}{_END}"


    def mark_said(self, text: object, code: str) -> str:
        """The ``said`` filter: a department's material, with who wrote and approved it as note."""
        return self.mark_words(text, code, "material")


def material_note(plan: Plan, m: Material) -> str:
    """部门材料的来源：《…报告》第1334—1352字 (a published text), or the department, the form cell or
    web entry, its author and time, and who approved it."""
    head = f"{m.department}材料（{m.kind.value}）。"
    if m.source is not None and m.source.kind is SourceKind.DOCUMENT:
        document = next((d for d in plan.documents if d.code == m.source.document), None)
        span = m.source.spans.get("text")
        if document is None or span is None:
            return head + describe_source(plan, m.source, "text")
        quoted = document.text[span[0]:span[1]].strip()      # the material is the span itself
        shown = quoted if len(quoted) <= 200 else quoted[:200] + "……"
        return head + f"来源：《{document.title}》第{span[0]}—{span[1]}字：“{shown}”"
    via = "填报表 " + (m.source.locator or "") if m.source and m.source.kind is SourceKind.IMPORT else "网页提交"
    when = f"，{m.submitted_at:%Y-%m-%d %H:%M}" if m.submitted_at else ""
    approved = f"；审核 {m.reviewer}" if m.reviewer else ""
    return f"{head}来源：{m.department} {via}，撰写人 {m.author or '未注明'}{when}{approved}"


def collect_notes(plan: Plan, table: StatusTable) -> Notes:
    """Every note the report may need: each stored figure's source, each project group's and task
    list's, and the status engine's rule behind each judgment."""
    notes = Notes()
    for row in table.rows:
        obs, ind = row.observation, row.indicator
        if obs is not None:
            for slot in ("value", "growth", "share", "change", "plan_completion"):
                text = f"{ind.name}{SLOT_WORDS[slot]}。" + describe_source(plan, obs.source, slot, ind.department)
                notes.by_key[(ind.code, slot)] = text + (f"\n{_verdict_note(row)}" if row.verdict.is_judgement else "")
        notes.by_key[(ind.code, "verdict")] = f"{ind.name}。{_verdict_note(row)}"
        if row.verdict.is_judgement:
            notes.by_key[(ind.code, "judgment")] = f"{ind.name}。{_verdict_note(row)}"
    for g in plan.project_groups:
        for slot in ("project_count", "new_start_count"):
            notes.by_key[(g.code, slot)] = f"{g.name}{SLOT_WORDS[slot]}。" + describe_source(plan, g.source, slot)
    for p in plan.project_progress:
        if p.period != table.period:
            continue
        for slot in ("completed_investment", "stated_completion", "new_starts_started", "stated_start_rate"):
            notes.by_key[(p.subject, slot)] = f"{SLOT_WORDS[slot]}。" + describe_source(plan, p.source, slot)
    if table.projects is not None:
        for group in table.projects.groups:
            notes.by_key[(group.code, "verdict")] = f"{group.name}。{_progress_note(group)}"
    for m in plan.materials:
        notes.by_key[(m.code, "material")] = material_note(plan, m)
    for t in plan.task_groups:
        notes.by_key[(t.code, "count")] = f"{t.name}{SLOT_WORDS['count']}。" + describe_source(plan, t.source, "count")
    if table.count is not None:
        rows = {r.indicator.name: r for r in table.rows}
        listed = "；".join(f"{name}（{rows[name].rule}）" for name in table.count.good if name in rows)
        notes.by_key[("plan_count", "good")] = (f"判断“达到或超过序时进度（预期目标）”：状态引擎的全计划统计（PlanCount），"
                                                f"{table.count.set_label}中为：{listed}")
        notes.by_key[("plan_count", "lagging")] = ("判断“滞后”：状态引擎的全计划统计（PlanCount），"
                                                   + "、".join(table.count.lagging))
    return notes


def split_runs(runs: Iterable[doc.Run], notes: Notes) -> tuple[doc.Run, ...]:
    """Cut runs at the markers: each marked number becomes a run with its note as comment."""
    out: list[doc.Run] = []
    for run in _split_words(runs, notes):
        if run.comment:
            out.append(run)
            continue
        pos = 0
        text = run.text
        for m in _MARK.finditer(text):
            if m.start() > pos:
                out.append(replace(run, text=text[pos:m.start()]))
            number = _NUMBER.match(text, m.end())
            pos = m.end()
            if number is None:
                continue
            if number.group(1):
                out.append(replace(run, text=number.group(1)))
            out.append(replace(run, text=number.group(2), comment=notes.given[int(m.group(1))]))
            pos = number.end()
        if pos < len(text):
            out.append(replace(run, text=_MARK.sub("", text[pos:])))
    return tuple(r for r in out if r.text)


def _split_words(runs: Iterable[doc.Run], notes: Notes) -> list[doc.Run]:
    out: list[doc.Run] = []
    for run in runs:
        pos = 0
        for m in _MARKED_WORDS.finditer(run.text):
            if m.start() > pos:
                out.append(replace(run, text=run.text[pos:m.start()]))
            out.append(replace(run, text=m.group(2), comment=notes.given[int(m.group(1))]))
            pos = m.end()
        if pos < len(run.text):
            out.append(replace(run, text=run.text[pos:]))
    return out


def strip_marks(text: str) -> str:
    return _MARK.sub("", text)
