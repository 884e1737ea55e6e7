"""The reporting workflow of a region × period: 填报中 → 已提交 → 已审核 → 已锁定.

- ``submit`` (填报中 → 已提交): any user who may write figures;
- ``review`` (已提交 → 已审核) and ``lock`` (已审核 → 已锁定): reviewers and admins;
- ``reopen`` (back to 填报中, a reason is required): reviewers and admins return a submitted or
  reviewed period; only an admin reopens a locked one.

A locked period refuses every change to its figures (:class:`planwatch.errors.Locked`, HTTP 409).
Each transition is written to the audit trail.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from planwatch.errors import InputError, PermissionDenied
from planwatch.model import Period
from planwatch.services.locks import State, ensure_unlocked, state_of, state_row
from planwatch.services.plans import Selection, select
from planwatch.services.users import User
from planwatch.store import Database
from planwatch.store import collect as q

__all__ = ["ACTIONS", "PeriodState", "State", "ensure_unlocked", "get_state", "state_of", "transition"]

ACTIONS = {
    "submit": (State.DRAFT, State.SUBMITTED, "提交"),
    "review": (State.SUBMITTED, State.REVIEWED, "审核"),
    "lock": (State.REVIEWED, State.LOCKED, "锁定"),
}


@dataclass(frozen=True)
class PeriodState:
    plan_id: int
    region: str
    region_name: str
    period: Period
    state: State
    updated_by: str | None = None
    updated_at: datetime | None = None
    reason: str | None = None

    @property
    def actions(self) -> list[str]:
        """The transitions possible from here (for buttons), regardless of who asks."""
        out = [name for name, (start, _, _) in ACTIONS.items() if start is self.state]
        if self.state is not State.DRAFT:
            out.append("reopen")
        return out


def get_state(db: Database, *, region: str | None, period: str) -> PeriodState:
    return _period_state(db, select(db, region=region, period=period, with_observations=False))


def _period_state(db: Database, sel: Selection) -> PeriodState:
    with db.connect() as conn:
        row = state_row(conn, sel.plan_id, sel.region.code, sel.period)
    if row is None:
        return PeriodState(sel.plan_id, sel.region.code, sel.region.name, sel.period, State.DRAFT)
    return PeriodState(sel.plan_id, sel.region.code, sel.region.name, sel.period, State(row.state),
                       row.updated_by, row.updated_at, row.reason)


def transition(db: Database, action: str, *, region: str | None, period: str, actor: User,
               reason: str | None = None) -> PeriodState:
    """Move a region × period along the workflow; refuses a transition the state or role does not allow."""
    if action not in (*ACTIONS, "reopen"):
        raise InputError(f"未知操作“{action}”（可用：submit、review、lock、reopen）")
    sel = select(db, region=region, period=period, with_observations=False)
    label = f"{sel.region.name}{sel.period.label}"
    with db.transaction() as conn:
        current = state_of(conn, sel.plan_id, sel.region.code, sel.period)
        if action == "reopen":
            if not (reason and reason.strip()):
                raise InputError("重新开放必须说明理由（--reason）")
            if current is State.DRAFT:
                raise InputError(f"{label}正在填报中，无需重新开放")
            if current is State.LOCKED and not actor.is_admin:
                raise PermissionDenied("已锁定的统计期只有管理员可以重新开放")
            if not actor.can_review:
                raise PermissionDenied("只有审核员或管理员可以退回统计期")
            new = State.DRAFT
        else:
            start, new, verb = ACTIONS[action]
            if action == "submit" and not actor.can_write:
                raise PermissionDenied("只读用户不能提交")
            if action in ("review", "lock") and not actor.can_review:
                raise PermissionDenied(f"只有审核员或管理员可以{verb}")
            if current is not start:
                raise InputError(f"{label}当前为“{current.value}”，不能{verb}（应先处于“{start.value}”）")
        q.write_period_state(conn, plan_id=sel.plan_id, region=sel.region.code, period=sel.period.code,
                             state=new.value, user=actor.name, reason=reason)
        q.write_audit(conn, user=actor.name, action="workflow", subject="period_states", plan_id=sel.plan_id,
                      region=sel.region.code, period=sel.period.code, old={"state": current.value},
                      new={"state": new.value}, reason=reason)
    return _period_state(db, sel)
