"""The whole audit trail, filtered: who changed what, when, from where — figures, plan content
(indicators, targets, projects, tasks, …), period transitions, users and tokens.

``audit_trail(db, target=…, user=…, region=…, period=…, kind=…)``: ``target`` is an indicator (code
or name: its figures, its definition and its targets), or any other object's key (a project or task
code, a user name, ``indicator@region`` for one target).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from planwatch.errors import InputError, NotFound
from planwatch.services.plans import parse_period_or_error, select
from planwatch.store import Database
from planwatch.store import collect as q
from planwatch.store.rows import source_from_json

# what each audited table is called for people
KINDS = {
    "observations": "数据", "indicators": "指标", "targets": "目标", "projects": "重点项目",
    "project_groups": "项目组", "project_progress": "项目进度", "tasks": "重点工作", "task_groups": "任务清单",
    "plans": "计划", "regions": "地区", "documents": "文件", "period_states": "统计期流程", "dataset_states": "部门数据流程",
    "users": "用户", "api_tokens": "API 令牌", "materials": "部门材料",
}
ACTIONS = {"insert": "新增", "update": "修改", "workflow": "流程", "delete": "删除", "review": "审核"}
_QUIET = {"source", "goals", "sort_order"}      # fields not worth a line in the summary


@dataclass(frozen=True)
class AuditEntry:
    at: datetime
    user: str | None
    action: str
    kind: str
    object: str
    indicator: str | None
    region: str | None
    period: str | None
    old: dict[str, Any] | None
    new: dict[str, Any] | None
    source: str | None
    reason: str | None

    @property
    def kind_label(self) -> str:
        return KINDS.get(self.kind, self.kind)

    @property
    def action_label(self) -> str:
        return ACTIONS.get(self.action, self.action)

    def changed_fields(self) -> list[tuple[str, Any, Any]]:
        old, new = self.old or {}, self.new or {}
        keys = [k for k in new if k not in _QUIET] + [k for k in old if k not in new and k not in _QUIET]
        return [(k, old.get(k), new.get(k)) for k in keys if old.get(k) != new.get(k)]

    def as_dict(self) -> dict[str, Any]:
        return {"at": self.at.isoformat(), "user": self.user, "action": self.action, "kind": self.kind,
                "object": self.object, "indicator": self.indicator, "region": self.region,
                "period": self.period, "old": self.old, "new": self.new, "source": self.source,
                "reason": self.reason}


def _object_of(row: q.AuditRow) -> str:
    if row.object_key:
        return row.object_key
    if row.subject == "observations":
        return f"{row.indicator}@{row.region}/{row.period}"
    if row.subject == "period_states":
        return f"{row.region}/{row.period}"
    name = (row.new or row.old or {}).get("name") or (row.new or row.old or {}).get("user")
    return str(name) if name else ""


def audit_entry(row: q.AuditRow) -> AuditEntry:
    """One stored audit row as people read it (its object named, its source described)."""
    source = source_from_json(row.source) if row.subject in ("observations",) else None
    return AuditEntry(row.at, row.user, row.action, row.subject, _object_of(row), row.indicator, row.region,
                      row.period, row.old, row.new, source.describe() if source else None, row.reason)


def _resolve(db: Database, target: str | None, region: str | None) -> tuple[str | None, str | None]:
    """(indicator code, region code) for the filters, from the plans stored (if any). The trail spans
    plans: an indicator code names the same thing across years."""
    try:
        sel = select(db, region=region, with_observations=False)
    except NotFound:
        if region:
            raise
        return None, None
    indicator = None
    if target:
        found = sel.plan.indicator(target) or next((i for i in sel.plan.indicators if target in i.names), None)
        indicator = found.code if found else None
    return indicator, sel.region.code if region else None


def audit_trail(db: Database, *, target: str | None = None, user: str | None = None, region: str | None = None,
                period: str | None = None, kind: str | None = None, limit: int | None = None) -> list[AuditEntry]:
    """Audit entries, oldest first (the newest ``limit`` when given), matching every filter given."""
    if kind is not None and kind not in KINDS:
        raise InputError(f"未知的对象类型“{kind}”（可用：{'、'.join(KINDS)}）")
    period_code = parse_period_or_error(period).code if period else None
    indicator, region_code = _resolve(db, target, region)
    filters: dict[str, Any] = {"user": user, "region": region_code, "period": period_code, "subject": kind}
    with db.connect() as conn:
        if target and indicator:
            rows = q.read_audit(conn, indicator=indicator, **filters, limit=limit, newest_first=True)
        elif target:
            rows = q.read_audit(conn, object_key=target, **filters, limit=limit, newest_first=True)
        else:
            rows = q.read_audit(conn, **filters, limit=limit, newest_first=True)
    if target and indicator is None and not rows:
        raise NotFound(f"没有“{target}”的修改记录（可以是指标代码或名称、项目或任务代码、用户名）")
    return [audit_entry(r) for r in reversed(rows)]
