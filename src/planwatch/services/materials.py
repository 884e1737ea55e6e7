"""Departments' written materials: submit (web entry page, the text sheet of the Excel form), review
(approve or return), list.

A department writes short texts for a region and period — 工作进展与亮点, 存在问题, 下一步打算 —
each with a plan category where it belongs. A submitted or changed text waits for review
(待审核); a reviewer approves it (已通过) or returns it with a note (已退回); only approved texts
reach the report. Every write checks the role (a reporter writes only for its own department,
only reviewers review), refuses a locked period (services/locks.py) and writes one audit row per
change, all in one transaction: everything valid is written, or nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime

from planwatch.errors import InputError, Location, NotFound, PermissionDenied, Problem
from planwatch.model import Material, MaterialKind, Plan, ReviewState, Source, SourceKind
from planwatch.model.material import text_problems
from planwatch.model.observation import period_problem
from planwatch.services.locks import ensure_unlocked
from planwatch.services.plans import Selection, select
from planwatch.services.users import LOCAL_ADMIN, User
from planwatch.store import Connection, Database
from planwatch.store import collect as audit
from planwatch.store import materials as q

__all__ = ["KINDS", "MaterialEntry", "MaterialList", "SubmitResult", "departments_of", "list_materials",
           "prepare_submission", "review_materials", "submit_materials"]

KINDS = tuple(k.value for k in MaterialKind)
REVIEW_ACTIONS = {"approve": (ReviewState.APPROVED, "审核通过"), "return": (ReviewState.RETURNED, "退回")}


@dataclass(frozen=True)
class MaterialEntry:
    """One text as a department gives it. ``code`` names a stored material to change; with a
    ``code`` and no text, the material is withdrawn; an unchanged text stays as it is (its review
    state too) unless ``resubmit``. ``where`` locates the entry's fields for
    problems (form cells, web fields); ``locator``: the form cell it came from."""

    kind: str
    text: str | None
    category: str | None = None
    code: str | None = None
    where: dict[str, Location] = field(default_factory=dict)
    locator: str | None = None
    resubmit: bool = False      # a returned text sent again unchanged goes back to review (the web's 保存)


@dataclass
class SubmitResult:
    inserted: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    withdrawn: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    written: bool = False


@dataclass(frozen=True)
class MaterialList:
    selection: Selection
    materials: list[Material]
    departments: list[str]
    categories: list[str]


def departments_of(plan: Plan) -> list[str]:
    """The departments that may submit: the plan's list, else those named by its indicators."""
    return list(plan.departments) or sorted({i.department for i in plan.indicators if i.department})


def _now() -> datetime:
    return datetime.now(UTC)


# ---------------------------------------------------------------------------- submit
@dataclass
class Prepared:
    """A validated submission, written by :meth:`write` inside the caller's transaction."""

    selection: Selection
    department: str
    actor: User
    entries: list[tuple[MaterialEntry, MaterialKind | None]]
    source_kind: SourceKind
    reason: str | None
    result: SubmitResult = field(default_factory=SubmitResult)

    def write(self, conn: Connection) -> SubmitResult:
        sel = self.selection
        ensure_unlocked(conn, sel.plan_id, sel.region.code, sel.period)
        stored = {m.code: m for m in q.read_materials(conn, sel.plan_id)}
        codes = set(stored)
        mine = [m for m in stored.values() if m.department == self.department and m.region == sel.region.code
                and m.period == sel.period]
        order = max((m.order for m in mine), default=0)
        for entry, kind in self.entries:
            old = stored.get(entry.code) if entry.code else None
            if old is not None and not entry.text:
                q.delete_material(conn, sel.plan_id, old.code)
                self._audit(conn, "delete", old, None)
                self.result.withdrawn.append(old.code)
                continue
            assert kind is not None and entry.text      # (prepare_submission refused the rest)
            new = self._material(entry, kind, old, codes, order + 1)
            if old is not None and _same_text(old, new) and not (entry.resubmit and old.state is ReviewState.RETURNED):
                self.result.unchanged.append(old.code)
                continue
            if old is None:
                order += 1
                codes.add(new.code)
                q.insert_material(conn, sel.plan_id, new)
                self.result.inserted.append(new.code)
            else:
                q.update_material(conn, sel.plan_id, new)
                self.result.updated.append(new.code)
            self._audit(conn, "insert" if old is None else "update", old, new)
        self.result.written = True
        return self.result

    def _material(self, entry: MaterialEntry, kind: MaterialKind, old: Material | None, codes: set[str],
                  order: int) -> Material:
        """The material to store: a changed text goes back to review, by its new author."""
        sel = self.selection
        source = Source(self.source_kind, locator=entry.locator, user=self.actor.name)
        text = (entry.text or "").strip()
        if old is not None:
            return replace(old, kind=kind, text=text, category=entry.category, state=ReviewState.PENDING,
                           author=self.actor.name, submitted_at=_now(), reviewer=None, reviewed_at=None,
                           review_note=None, source=source)
        return Material(code=_new_code(self.department, sel, codes), department=self.department,
                        region=sel.region.code, period=sel.period, kind=kind, text=text, category=entry.category,
                        order=order, state=ReviewState.PENDING, author=self.actor.name, submitted_at=_now(),
                        source=source)

    def _audit(self, conn: Connection, action: str, old: Material | None, new: Material | None) -> None:
        m = new or old
        assert m is not None
        audit.write_audit(conn, user=self.actor.name, action=action, subject="materials",
                          plan_id=self.selection.plan_id, region=m.region, period=m.period.code,
                          old=q.audit_values(old), new=q.audit_values(new),
                          source={"kind": self.source_kind.value, "user": self.actor.name,
                                  **({"locator": new.source.locator} if new and new.source and new.source.locator
                                     else {})},
                          reason=self.reason, object_key=m.code)


def _same_text(old: Material, new: Material) -> bool:
    return (old.kind, old.text, old.category) == (new.kind, new.text, new.category)


def _new_code(department: str, sel: Selection, taken: set[str]) -> str:
    """A code not yet used in the plan: 农业农村局-2025H1-3."""
    n = 1
    while f"{department}-{sel.period.code}-{n}" in taken:
        n += 1
    return f"{department}-{sel.period.code}-{n}"


def _check_actor(actor: User, department: str) -> None:
    if not actor.can_write:
        raise PermissionDenied(f"用户“{actor.name}”是只读用户，不能提交材料")
    if actor.write_department is not None and actor.write_department != department:
        raise PermissionDenied(f"{actor.name}（{actor.write_department}）不能替“{department}”提交材料")


def prepare_submission(db: Database, entries: Sequence[MaterialEntry], *, department: str, period: str,
                       region: str | None = None, actor: User = LOCAL_ADMIN,
                       source_kind: SourceKind = SourceKind.USER, reason: str | None = None,
                       problems: list[Problem] | None = None) -> Prepared:
    """Check a submission against the plan and the stored materials (nothing is written). Problems
    are appended to ``problems`` when given (a form import lists them with the figures' problems),
    else raised as one InputError."""
    sel = select(db, region=region, period=period, with_observations=False)
    _check_actor(actor, department)
    found: list[Problem] = []
    if department not in departments_of(sel.plan):
        found.append(Problem(f"计划中没有部门“{department}”（可选：{'、'.join(departments_of(sel.plan))}）"))
    if (problem := period_problem(sel.period, sel.plan.year)) is not None:
        found.append(Problem(problem))
    with db.connect() as conn:
        stored = {m.code: m for m in q.read_materials(conn, sel.plan_id)}
    checked = [(entry, _check_entry(entry, stored, department, sel, found)) for entry in entries]
    if problems is not None:
        problems.extend(found)
    elif found:
        raise InputError(f"材料有 {len(found)} 处错误，未写入任何内容", problems=found)
    return Prepared(sel, department, actor, checked, source_kind, reason)


def _check_entry(entry: MaterialEntry, stored: dict[str, Material], department: str, sel: Selection,
                 found: list[Problem]) -> MaterialKind | None:
    """The entry's kind, after its problems (appended to ``found``)."""
    where = entry.where
    if entry.code:
        old = stored.get(entry.code)
        if old is None or old.department != department or old.region != sel.region.code or old.period != sel.period:
            found.append(Problem(f"没有本部门本期的材料“{entry.code}”", where.get("code")))
            return None
        if not entry.text:
            return old.kind                     # withdrawn
    try:
        kind = MaterialKind.parse(entry.kind)
    except ValueError as exc:
        found.append(Problem(str(exc), where.get("kind")))
        kind = None
    for problem in text_problems(entry.text, entry.category, sel.plan.categories):
        found.append(Problem(problem, where.get("category" if "类别" in problem else "text")))
    return kind


def submit_materials(db: Database, entries: Sequence[MaterialEntry], *, department: str, period: str,
                     region: str | None = None, actor: User = LOCAL_ADMIN) -> SubmitResult:
    """Submit (or change, or withdraw) a department's texts through the web: all or nothing."""
    prepared = prepare_submission(db, entries, department=department, period=period, region=region, actor=actor,
                                  reason="网页提交材料")
    with db.transaction() as conn:
        return prepared.write(conn)


# ---------------------------------------------------------------------------- review
def review_materials(db: Database, codes: Sequence[str], *, action: str, period: str, region: str | None = None,
                     actor: User = LOCAL_ADMIN, note: str | None = None) -> list[Material]:
    """Approve (``approve``) or return (``return``, a note is required) submitted materials."""
    if action not in REVIEW_ACTIONS:
        raise InputError(f"未知审核操作“{action}”（可用：approve、return）")
    if not actor.can_review:
        raise PermissionDenied("只有审核员或管理员可以审核材料")
    state, verb = REVIEW_ACTIONS[action]
    note = (note or "").strip() or None
    if state is ReviewState.RETURNED and note is None:
        raise InputError("退回材料必须写明审核意见")
    sel = select(db, region=region, period=period, with_observations=False)
    out = []
    with db.transaction() as conn:
        ensure_unlocked(conn, sel.plan_id, sel.region.code, sel.period)
        stored = {m.code: m for m in q.read_materials(conn, sel.plan_id, region=sel.region.code,
                                                          period=sel.period.code)}
        for code in codes:
            old = stored.get(code)
            if old is None:
                raise NotFound(f"{sel.region.name}{sel.period.label}没有材料“{code}”")
            if old.state is state or (state is ReviewState.APPROVED and old.state is ReviewState.RETURNED):
                raise InputError(f"材料“{code}”当前为“{old.state.value}”，不能{verb}")
            new = replace(old, state=state, reviewer=actor.name, reviewed_at=_now(), review_note=note)
            q.update_material(conn, sel.plan_id, new)
            audit.write_audit(conn, user=actor.name, action="review", subject="materials", plan_id=sel.plan_id,
                              region=new.region, period=new.period.code, old={"state": old.state.value},
                              new={"state": state.value, "review_note": note}, reason=note, object_key=code)
            out.append(new)
    return out


# ---------------------------------------------------------------------------- list
def list_materials(db: Database, *, period: str | None, region: str | None = None, department: str | None = None,
                   state: str | None = None) -> MaterialList:
    """The materials of a region and period (of one department, in one review state), in order."""
    sel = select(db, region=region, period=period, with_observations=False)
    try:
        wanted = ReviewState.parse(state) if state else None
    except ValueError as exc:
        raise InputError(str(exc)) from None
    with db.connect() as conn:
        found = q.read_materials(conn, sel.plan_id, region=sel.region.code, period=sel.period.code,
                                 department=department)
    materials = [m for m in found if wanted is None or m.state is wanted]
    return MaterialList(sel, materials, departments_of(sel.plan), list(sel.plan.categories))
