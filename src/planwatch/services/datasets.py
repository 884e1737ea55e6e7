"""Department data sets: the indicators one department reports (its form) for one region × period,
and their workflow 未填报 → 填报中 → 已提交 → 已审核 (or 退回 with comments) → 已锁定.

- the entry grid (:func:`grid`, :func:`check_grid`, :func:`save_grid`): the department's form as
  the Excel form defines it (``services.collect.form_spec``), validated by the one validator
  (``write_observations`` with ``dry_run``), saved and moved to 填报中/已提交 in one transaction;
- transitions (:func:`transition`): submit (reporter of the department, reviewer, admin), approve,
  return (with a comment and, per indicator, the comment the reporter sees next to the cell),
  lock (reviewer, admin), reopen (admin for a locked one); every one audited;
- :func:`completeness` (rows departments or towns × columns the plan's periods: state and share of
  cells filled) and :func:`review_queue` (submitted data sets, each value against last period).

A lock covers the regions below (a district's lock locks its towns): see :mod:`services.locks`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from planwatch.errors import InputError, NotFound, PermissionDenied, PlanwatchError, Problem
from planwatch.model import Indicator, Observation, Period, Plan, Region
from planwatch.model.observation import COLLECTED
from planwatch.services.locks import (
    DatasetState,
    State,
    dataset_locked_by,
    dataset_row,
    locking_region,
)
from planwatch.services.plans import Selection, select
from planwatch.services.users import User
from planwatch.store import Connection, Database
from planwatch.store import collect as q
from planwatch.store.datasets import DatasetStateRow, read_dataset_states, write_dataset_state

__all__ = ["ACTIONS", "Dataset", "DatasetState", "GridCell", "GridRow", "GridView", "QueueItem", "check_grid",
           "completeness", "expected", "grid", "plan_periods", "review_queue", "save_grid", "transition"]

#: action → (states it starts from, state it leads to, verb)
ACTIONS: dict[str, tuple[tuple[DatasetState, ...], DatasetState, str]] = {
    "submit": ((DatasetState.EMPTY, DatasetState.DRAFT, DatasetState.RETURNED), DatasetState.SUBMITTED, "提交"),
    "approve": ((DatasetState.SUBMITTED,), DatasetState.REVIEWED, "审核通过"),
    "return": ((DatasetState.SUBMITTED, DatasetState.REVIEWED), DatasetState.RETURNED, "退回"),
    "lock": ((DatasetState.REVIEWED,), DatasetState.LOCKED, "锁定"),
    "reopen": ((DatasetState.REVIEWED, DatasetState.LOCKED), DatasetState.DRAFT, "重新开放"),
}
ACTION_LABELS = {name: verb for name, (_, _, verb) in ACTIONS.items()}
STEP = {"月度": 1, "季度": 3, "半年度": 6, "年度": 12}
#: the fields of a figure that make its cell "filled" (the unit and the estimate flag alone do not)
FILLING = tuple(f.name for f in COLLECTED if f.name not in ("unit", "estimate"))
#: the grid's input columns: the collected fields with an Excel form header, in the form's order
GRID_FIELDS = tuple(f for f in COLLECTED if f.form)


# ---------------------------------------------------------------------------- periods and cells
def plan_periods(plan: Plan, observations: Iterable[Observation] = ()) -> list[Period]:
    """The reporting periods of the plan year: every year-to-date period some indicator reports in
    (1—N月 for monthly ones, quarters' ends for quarterly ones, …), plus any period with figures."""
    months = {m for ind in plan.indicators for m in range(STEP.get(ind.frequency.value, 1), 13,
                                                           STEP.get(ind.frequency.value, 1))}
    periods = {Period.year_to_date(plan.year, m) for m in months}
    periods.update(o.period for o in observations if o.period.year == plan.year)
    return sorted(periods)


def expected(indicator: Indicator, period: Period) -> bool:
    """Whether the indicator has a figure for the period (a quarterly one at quarters' ends)."""
    if indicator.is_derived:
        return False        # computed from others, never entered
    return indicator.last_reported(period.last_month) == period.last_month


def is_filled(obs: Observation | None) -> bool:
    return obs is not None and any(getattr(obs, name) not in (None, "") for name in FILLING)


def departments_of(plan: Plan) -> list[str]:
    """The departments with indicators, in the plan's order of departments."""
    have = {i.department for i in plan.indicators if i.department}
    ordered = [d for d in plan.departments if d in have]
    return ordered + sorted(have - set(ordered))


@dataclass(frozen=True)
class Dataset:
    """One department's data set for a region × period, as the workflow and the completeness page see it."""

    region: Region
    period: Period
    department: str
    state: DatasetState
    expected: int
    filled: int
    updated_by: str | None = None
    updated_at: datetime | None = None
    comment: str | None = None
    returned: Mapping[str, str] = field(default_factory=dict)
    locked_by: str | None = None

    @property
    def share(self) -> int | None:
        """Cells filled, in % of the cells expected (None when nothing is expected)."""
        return round(100 * self.filled / self.expected) if self.expected else None

    @property
    def actions(self) -> list[str]:
        """The transitions possible from this state, regardless of who asks."""
        return [name for name, (starts, _, _) in ACTIONS.items() if self.state in starts]


class _States:
    """Every stored state of one plan, read once: period locks and data-set rows."""

    def __init__(self, conn: Connection, sel: Selection) -> None:
        self.sel = sel
        self.period_locks = {(r.region, r.period) for r in q.read_period_states(conn, sel.plan_id)
                             if r.state == State.LOCKED.value}
        self.rows: dict[tuple[str, str, str], DatasetStateRow] = {
            (r.region, r.period, r.department): r for r in read_dataset_states(conn, sel.plan_id)}

    def locked_by(self, region: str, period: Period, department: str) -> str | None:
        for code in [region, *(r.code for r in self.sel.regions.ancestors(region))]:
            row = self.rows.get((code, period.code, department))
            if (code, period.code) in self.period_locks or (row and row.state == DatasetState.LOCKED.value):
                return code
        return None

    def dataset(self, region: Region, period: Period, department: str,
                observations: Mapping[tuple[str, str, str], Observation]) -> Dataset:
        indicators = [i for i in self.sel.plan.indicators if i.department == department and expected(i, period)]
        filled = sum(is_filled(observations.get((i.code, region.code, period.code))) for i in indicators)
        row = self.rows.get((region.code, period.code, department))
        locked_by = self.locked_by(region.code, period, department)
        if locked_by is not None:
            state = DatasetState.LOCKED
        elif row is not None:
            state = DatasetState(row.state)
        else:
            state = DatasetState.DRAFT if filled else DatasetState.EMPTY
        if row is None:
            return Dataset(region, period, department, state, len(indicators), filled, locked_by=locked_by)
        return Dataset(region, period, department, state, len(indicators), filled, row.updated_by, row.updated_at,
                       row.comment, row.returned, locked_by)


def _observations(sel: Selection) -> dict[tuple[str, str, str], Observation]:
    return {o.key: o for o in sel.plan.observations}


def dataset(db: Database, *, region: str | None, period: str, department: str) -> Dataset:
    sel = select(db, region=region, period=period)
    _check_department(sel.plan, department)
    with db.connect() as conn:
        states = _States(conn, sel)
    return states.dataset(sel.region, sel.period, department, _observations(sel))


def _check_department(plan: Plan, department: str) -> None:
    if department not in departments_of(plan):
        raise NotFound(f"计划中没有由“{department}”负责的指标（有指标的部门：{'、'.join(departments_of(plan))}）")


# ---------------------------------------------------------------------------- completeness
@dataclass(frozen=True)
class CompletenessRow:
    label: str              # a department or a town
    key: str                # department name or region code
    cells: list[Dataset | None]


@dataclass(frozen=True)
class Completeness:
    selection: Selection
    by: str                 # "departments" or "towns"
    department: str | None
    periods: list[Period]
    rows: list[CompletenessRow]

    def submitted_share(self, column: int) -> int | None:
        """The reporting rate of a period: data sets submitted or further, in % of those with cells."""
        cells = [c for r in self.rows if (c := r.cells[column]) is not None and c.expected]
        done = [c for c in cells if c.state in (DatasetState.SUBMITTED, DatasetState.REVIEWED,
                                                                   DatasetState.LOCKED)]
        return round(100 * len(done) / len(cells)) if cells else None


def completeness(db: Database, *, region: str | None = None, period: str | None = None, by: str = "departments",
                 department: str | None = None) -> Completeness:
    """Departments (of the region) or the region's towns (one department, or all together) × the plan's
    periods: each cell a data set's state and the share of its cells filled."""
    if by not in ("departments", "towns"):
        raise InputError(f"未知的行类别“{by}”（可用：departments、towns）")
    sel = select(db, region=region, period=period)
    if department:
        _check_department(sel.plan, department)
    observations = _observations(sel)
    periods = plan_periods(sel.plan, sel.plan.observations)
    with db.connect() as conn:
        states = _States(conn, sel)
    rows: list[CompletenessRow] = []
    if by == "departments":
        for dept in [department] if department else departments_of(sel.plan):
            rows.append(CompletenessRow(dept, dept, [states.dataset(sel.region, p, dept, observations)
                                                     for p in periods]))
    else:
        departments = [department] if department else departments_of(sel.plan)
        for town in [sel.region, *sel.regions.children(sel.region.code)]:
            rows.append(CompletenessRow(town.name, town.code, [
                _combined([states.dataset(town, p, d, observations) for d in departments]) for p in periods]))
    return Completeness(sel, by, department, periods, rows)


ORDER = [DatasetState.EMPTY, DatasetState.DRAFT, DatasetState.RETURNED, DatasetState.SUBMITTED,
         DatasetState.REVIEWED, DatasetState.LOCKED]


def _combined(datasets: list[Dataset]) -> Dataset | None:
    """Several departments' data sets of one town and period as one cell: the least advanced state
    of those with cells, and the cells filled of all."""
    with_cells = [d for d in datasets if d.expected]
    if not with_cells:
        return None
    first = with_cells[0]
    state = min((d.state for d in with_cells), key=ORDER.index)
    return Dataset(first.region, first.period, "全部部门", state, sum(d.expected for d in with_cells),
                   sum(d.filled for d in with_cells))


# ---------------------------------------------------------------------------- the entry grid
@dataclass(frozen=True)
class GridCell:
    field: str
    label: str
    kind: str               # "number", "text", "flag"
    value: str              # as shown in the input ("" for none)


@dataclass(frozen=True)
class GridRow:
    code: str
    name: str
    unit: str
    target: str | None
    last_period: str | None
    last_year: Decimal | None
    cells: list[GridCell]
    returned: str | None    # the reviewer's comment on this value, if returned


@dataclass(frozen=True)
class GridView:
    selection: Selection
    department: str
    dataset: Dataset
    columns: list[tuple[str, str, str]]     # field, label, kind
    rows: list[GridRow]
    title: str


def _kind(spec: Any) -> str:
    return "number" if spec.type is Decimal else "flag" if spec.type is bool else "text"


def _shown(value: Any) -> str:
    if value is None or value is False:
        return ""
    if value is True:
        return "预计数"
    return format(value, "f") if isinstance(value, Decimal) else str(value)


def grid(db: Database, *, region: str | None, period: str, department: str) -> GridView:
    """The department's form (the same rows as its Excel form) with the stored figures, the data
    set's state and the comments of returned values."""
    from planwatch.services.collect import form_spec

    spec = form_spec(db, region=region, period=period, department=department)
    sel = select(db, region=spec.region, period=spec.period)
    ds = dataset(db, region=spec.region, period=spec.period, department=department)
    rows = []
    for r in spec.rows:
        stored = {"value": r.value, "growth": r.growth, "estimate": r.estimate, "status": r.status, "note": r.note}
        cells = [GridCell(f.name, f.form or f.label, _kind(f), _shown(stored.get(f.name))) for f in GRID_FIELDS]
        rows.append(GridRow(r.code, r.name, r.unit, r.target, r.last_period, r.last_year, cells,
                            ds.returned.get(r.code)))
    columns = [(f.name, f.form or f.label, _kind(f)) for f in GRID_FIELDS]
    return GridView(sel, department, ds, columns, rows, spec.title)


def _items(sel_region: str, period: str, rows: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The grid's rows as figures to write: every grid field given (an empty box clears it); the
    estimate flag from its list word."""
    items = []
    for row in rows:
        item: dict[str, Any] = {"indicator": str(row.get("indicator") or ""), "region": sel_region, "period": period}
        for spec in GRID_FIELDS:
            raw = row.get(spec.name)
            text = "" if raw is None else str(raw).strip()
            item[spec.name] = text in ("预计数", "预计", "1", "true") if spec.type is bool else text
        items.append(item)
    return items


def _worth_writing(item: Mapping[str, Any], stored: Mapping[tuple[str, str, str], Observation],
                   key: tuple[str, str, str]) -> bool:
    """A row with nothing in it and nothing stored is not written (no empty figure is created)."""
    return key in stored or any(item.get(f.name) not in (None, "", False) for f in GRID_FIELDS)


def _prepare(db: Database, region: str | None, period: str, department: str,
             rows: Sequence[Mapping[str, Any]]) -> tuple[Selection, list[dict[str, Any]]]:
    """The grid's rows worth writing; a row of an indicator outside the department's form is refused
    (the grid writes its own department's figures only, whoever saves it)."""
    sel = select(db, region=region, period=period)
    _check_department(sel.plan, department)
    mine = {i.code for i in sel.plan.indicators if i.department == department}
    items = _items(sel.region.code, sel.period.code, rows)
    if foreign := [item["indicator"] for item in items if item["indicator"] not in mine]:
        raise InputError(f"以下指标不在{department}的填报表中：{'、'.join(foreign[:10])}",
                         problems=[Problem(f"“{code}”不在{department}的填报表中", code="wrong_department")
                                   for code in foreign[:50]])
    stored = _observations(sel)
    return sel, [item for item in items
                 if _worth_writing(item, stored, (item["indicator"], sel.region.code, sel.period.code))]


def _cell_problems(problems: Iterable[Problem], items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Problems located at a grid cell: ``[n].field`` of the n-th item → its indicator and field."""
    out = []
    for p in problems:
        where = p.location.field if p.location and p.location.field else ""
        index, _, name = where.partition("].")
        indicator = None
        if index.startswith("[") and index[1:].isdigit() and int(index[1:]) < len(items):
            indicator = items[int(index[1:])]["indicator"]
        elif where.startswith("[") and where.endswith("]") and where[1:-1].isdigit() and int(where[1:-1]) < len(items):
            indicator = items[int(where[1:-1])]["indicator"]
        out.append({"indicator": indicator, "field": name or None, "severity": p.severity, "code": p.code,
                    "message": p.message})
    return out


def check_grid(db: Database, *, region: str | None, period: str, department: str, rows: Sequence[Mapping[str, Any]],
               actor: User) -> list[dict[str, Any]]:
    """Validate the grid as it would be written (the one validator; nothing is written): the
    problems, each with its indicator and field."""
    from planwatch.services.collect import write_observations

    try:
        _sel, items = _prepare(db, region, period, department, rows)
    except InputError as exc:
        return [{"indicator": None, "field": None, "severity": p.severity, "code": p.code, "message": p.message}
                for p in exc.problems]
    if not items:
        return []
    try:
        result = write_observations(db, items, actor=actor, accept_warnings=True, dry_run=True)
    except PlanwatchError as exc:
        return _cell_problems(exc.problems or [Problem(exc.message)], items)
    return _cell_problems(result.warnings, items)


def save_grid(db: Database, *, region: str | None, period: str, department: str, rows: Sequence[Mapping[str, Any]],
              actor: User, submit: bool = False, accept_warnings: bool = False) -> Dataset:
    """Write the grid (all or nothing, validated, audited) and, in the same transaction, mark the
    data set 填报中 — or 已提交 with ``submit``."""
    from planwatch.services.collect import write_observations

    _may_report(actor, department)
    sel, items = _prepare(db, region, period, department, rows)

    def move(conn: Connection) -> None:
        _move(conn, sel, department, "submit" if submit else "save", actor)

    if items:
        write_observations(db, items, actor=actor, accept_warnings=accept_warnings, then=move)
    else:
        with db.transaction() as conn:
            move(conn)
    return dataset(db, region=sel.region.code, period=sel.period.code, department=department)


# ---------------------------------------------------------------------------- transitions
def _may_report(actor: User, department: str) -> None:
    if not actor.can_write:
        raise PermissionDenied(f"用户“{actor.name}”是只读用户，不能填报")
    if actor.write_department is not None and actor.write_department != department:
        raise PermissionDenied(f"{actor.name}（{actor.write_department}）不能填报或提交{department}的数据")


def _current(conn: Connection, sel: Selection, department: str) -> tuple[DatasetState, DatasetStateRow | None]:
    row = dataset_row(conn, sel.plan_id, sel.region.code, sel.period, department)
    if dataset_locked_by(conn, sel.plan_id, sel.region.code, sel.period, department) is not None:
        return DatasetState.LOCKED, row
    if row is not None:
        return DatasetState(row.state), row
    mine = [i for i in sel.plan.indicators if i.department == department]
    stored = _observations(sel)
    filled = any(is_filled(stored.get((i.code, sel.region.code, sel.period.code))) for i in mine)
    return (DatasetState.DRAFT if filled else DatasetState.EMPTY), None


def _move(conn: Connection, sel: Selection, department: str, action: str, actor: User, *,
          comment: str | None = None, returned: Mapping[str, str] | None = None) -> DatasetState:
    current, row = _current(conn, sel, department)
    label = f"{department}{sel.region.name}{sel.period.label}"
    if action == "save":
        if current is DatasetState.LOCKED:
            raise InputError(f"{label}已锁定，不能保存")
        if current in (DatasetState.EMPTY, DatasetState.DRAFT):
            new = DatasetState.DRAFT
        else:
            return current      # a returned (or, for a reviewer, submitted) data set keeps its state
        kept: dict[str, str] = {}
    else:
        starts, new, verb = ACTIONS[action]
        if current not in starts:
            raise InputError(f"{label}当前为“{current.value}”，不能{verb}")
        kept = dict(returned or {}) if action == "return" else {}
        if action == "reopen" and current is DatasetState.LOCKED:
            holder = locking_region(conn, sel.plan_id, sel.region.code, sel.period)
            if holder is not None:
                raise InputError(f"{label}所在统计期整体已锁定，请先在统计期流程中重新开放")
    if row is not None and row.state == new.value and action == "save":
        return new
    write_dataset_state(conn, plan_id=sel.plan_id, region=sel.region.code, period=sel.period.code,
                        department=department, state=new.value, user=actor.name, comment=comment, returned=kept)
    q.write_audit(conn, user=actor.name, action="workflow", subject="dataset_states", plan_id=sel.plan_id,
                  region=sel.region.code, period=sel.period.code, old={"state": current.value},
                  new={"state": new.value, **({"returned": kept} if kept else {})}, reason=comment,
                  object_key=department)
    return new


def _check_role(action: str, actor: User, department: str, current: DatasetState) -> None:
    if action == "submit":
        _may_report(actor, department)
    elif action == "reopen" and current is DatasetState.LOCKED and not actor.is_admin:
        raise PermissionDenied("已锁定的数据只有管理员可以重新开放")
    elif action != "submit" and not actor.can_review:
        raise PermissionDenied(f"只有审核员或管理员可以{ACTION_LABELS[action]}")


def transition(db: Database, action: str, *, region: str | None, period: str, department: str, actor: User,
               comment: str | None = None, returned: Mapping[str, str] | None = None) -> Dataset:
    """Move a department's data set along the workflow. ``return`` needs a comment or at least one
    returned value (indicator → comment); the reporter sees them next to the cells."""
    if action not in ACTIONS:
        raise InputError(f"未知操作“{action}”（可用：{'、'.join(ACTIONS)}）")
    sel = select(db, region=region, period=period)
    _check_department(sel.plan, department)
    comment = (comment or "").strip() or None
    returned = {code: text.strip() for code, text in (returned or {}).items() if text and text.strip()}
    mine = {i.code for i in sel.plan.indicators if i.department == department}
    if unknown := [code for code in returned if code not in mine]:
        raise InputError(f"退回的指标不属于{department}：{'、'.join(unknown)}")
    if action == "return" and not (comment or returned):
        raise InputError("退回必须说明理由（整体意见或至少一项指标的意见）")
    if action == "reopen" and not comment:
        raise InputError("重新开放必须说明理由")
    with db.transaction() as conn:
        current, _ = _current(conn, sel, department)
        _check_role(action, actor, department, current)
        _move(conn, sel, department, action, actor, comment=comment, returned=returned)
    return dataset(db, region=sel.region.code, period=sel.period.code, department=department)


# ---------------------------------------------------------------------------- review queue
@dataclass(frozen=True)
class QueueLine:
    code: str
    name: str
    unit: str
    value: Decimal | None
    growth: Decimal | None
    last_value: Decimal | None
    last_label: str | None
    change: Decimal | None          # value − last period's value (same unit)
    changed_since_return: bool      # written after the data set was last returned


@dataclass(frozen=True)
class QueueItem:
    dataset: Dataset
    lines: list[QueueLine]


def review_queue(db: Database, *, region: str | None = None, period: str | None = None) -> list[QueueItem]:
    """The submitted data sets of the plan (every region and period), oldest submission first, each
    value with last period's (the latest earlier figure of the same year) and the change."""
    sel = select(db, region=region, period=period)
    observations = _observations(sel)
    with db.connect() as conn:
        states = _States(conn, sel)
        audit = q.read_audit(conn, plan_id=sel.plan_id)
    submitted = sorted((r for r in states.rows.values() if r.state == DatasetState.SUBMITTED.value),
                       key=lambda r: (r.updated_at is None, r.updated_at))
    items = []
    for row in submitted:
        town = sel.regions.get(row.region)
        if town is None:
            continue
        when = Period.parse(row.period)
        ds = states.dataset(town, when, row.department, observations)
        returned_at = _last_return(audit, row)
        lines = [_queue_line(ind, town.code, when, observations, audit, returned_at)
                 for ind in sel.plan.indicators if ind.department == row.department]
        items.append(QueueItem(ds, lines))
    return items


def _queue_line(ind: Indicator, region: str, when: Period, observations: dict[tuple[str, str, str], Observation],
                audit: list[q.AuditRow], returned_at: datetime | None) -> QueueLine:
    """One value of a submitted data set: against last period's, and whether it changed since it
    was returned."""
    from planwatch.services.collect import _last_period

    obs = observations.get((ind.code, region, when.code))
    last = _last_period(observations.values(), ind.code, region, when)
    value = obs.value if obs else None
    same_unit = last is not None and (last.unit or ind.unit) == (obs.unit if obs and obs.unit else ind.unit)
    change = value - last.value if value is not None and last and last.value is not None and same_unit else None
    changed = returned_at is not None and any(
        a.indicator == ind.code and a.region == region and a.period == when.code and a.at > returned_at
        for a in audit if a.subject == "observations")
    return QueueLine(ind.code, ind.name, ind.unit, value, obs.growth if obs else None,
                     last.value if last else None, last.period.label if last else None, change, changed)


def _last_return(audit: Iterable[q.AuditRow], row: DatasetStateRow) -> datetime | None:
    times = [a.at for a in audit if a.subject == "dataset_states" and a.object_key == row.department
             and a.region == row.region and a.period == row.period and (a.new or {}).get("state") == "退回"]
    return max(times, default=None)
