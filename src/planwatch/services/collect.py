"""Collecting figures from departments: data-entry forms, validated imports (forms and CSV), writes
through the API, CSV export and the history of an indicator.

Every write goes the same way: read → resolve against the plan → validate everything
(analyze.validation) → refuse on any error (or on warnings not accepted) → one transaction that
checks locks, upserts the observations and writes one audit row per change.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

from planwatch.analyze.validation import Entry, validate_entries
from planwatch.errors import InputError, Location, NotFound, PermissionDenied, PlanwatchError, Problem
from planwatch.ingest.exchange import ExportRow, read_csv, write_csv
from planwatch.ingest.forms import (
    FormMaterial,
    FormRow,
    FormSpec,
    MaterialRow,
    ReadResult,
    Row,
    parse_number,
    read_form,
    write_form,
)
from planwatch.model import (
    Indicator,
    Observation,
    Period,
    PeriodError,
    Plan,
    PriceBasis,
    Source,
    SourceKind,
    Target,
)
from planwatch.model.limits import NOTE, text_problem
from planwatch.model.observation import COLLECTED, FIELDS, period_problem
from planwatch.services.history import AuditEntry, audit_entry
from planwatch.services.locks import ensure_dataset_writable, ensure_unlocked
from planwatch.services.materials import MaterialEntry, Prepared, SubmitResult, prepare_submission
from planwatch.services.plans import CHUNK_ROWS, SHOWN_CHANGES, Progress, Selection, select
from planwatch.services.users import LOCAL_ADMIN, User
from planwatch.store import ChangeSet, Connection, Database, list_plans, read_observations, save_observations
from planwatch.store import collect as q

COLLECTED_NAMES = tuple(f.name for f in COLLECTED)


# ---------------------------------------------------------------------------- forms
def form_spec(db: Database, *, region: str | None, period: str, department: str) -> FormSpec:
    sel = select(db, region=region, period=period)
    plan = sel.plan
    mine = [i for i in plan.indicators if i.department == department]
    if not mine:
        known = sorted({i.department for i in plan.indicators if i.department})
        raise NotFound(f"计划中没有由“{department}”负责的指标（有指标的部门：{'、'.join(known)}）")
    obs = {o.key: o for o in _observations_with_last_year(db, sel)}
    targets = {t.indicator: t for t in plan.targets if t.region == sel.region.code}
    rows = [_form_row(ind, sel, obs, targets.get(ind.code)) for ind in mine]
    materials = [FormMaterial(m.code, m.kind.value, m.text, m.category, m.state.value, m.review_note)
                 for m in plan.materials
                 if m.department == department and m.region == sel.region.code and m.period == sel.period]
    return FormSpec(region=sel.region.code, region_name=sel.region.name, period=sel.period.code,
                    period_label=sel.period.label, department=department, year=plan.year,
                    title=f"{sel.region.name}{sel.period.label}计划指标填报表（{department}）", rows=rows,
                    materials=materials, categories=list(plan.categories))


def _form_row(ind: Indicator, sel: Selection, obs: dict[tuple[str, str, str], Observation],
              target: Target | None) -> FormRow:
    """One indicator's row of the form: its target, last period's and last year's figures, and
    what is stored for the period."""
    current = obs.get((ind.code, sel.region.code, sel.period.code))
    last_year = _same_span(obs, ind.code, sel.region.code, sel.period.previous_year())
    previous = _last_period(obs.values(), ind.code, sel.region.code, sel.period)
    return FormRow(
        code=ind.code, name=ind.name, unit=ind.unit, target=target.describe() if target else None,
        last_period=f"{previous.value}（{previous.period.label}）" if previous and previous.value is not None
        else None,
        last_year=last_year.value if last_year else None,
        value=current.value if current else None, growth=current.growth if current else None,
        status=current.status if current else None, note=current.note if current else None,
        estimate=current.estimate if current else False,
    )


def make_form(db: Database, target: Path | IO[bytes], *, region: str | None, period: str,
              department: str) -> FormSpec:
    spec = form_spec(db, region=region, period=period, department=department)
    write_form(spec, target)
    return spec


def _same_span(obs: dict[tuple[str, str, str], Observation], code: str, region: str,
               period: Period) -> Observation | None:
    found = obs.get((code, region, period.code))
    if found is not None:
        return found
    for (c, r, _), o in obs.items():
        if c == code and r == region and o.period == period:
            return o
    return None


def _last_period(observations: Iterable[Observation], code: str, region: str, period: Period) -> Observation | None:
    """The latest earlier figure of the same year and kind (1—5月 before 1—6月, 一季度 before 上半年)."""
    candidates = [o for o in observations if o.indicator == code and o.region == region
                  and o.period.year == period.year and o.period.last_month < period.last_month
                  and o.period.is_year_to_date == period.is_year_to_date]
    return max(candidates, key=lambda o: o.period.last_month, default=None)


def _observations_with_last_year(db: Database, sel: Selection) -> list[Observation]:
    """This plan's observations plus those stored with last year's plan of the same region."""
    out = list(sel.plan.observations)
    with db.connect() as conn:
        for ref in list_plans(conn):
            if ref.region == sel.plan.region and ref.year == sel.plan.year - 1:
                out.extend(read_observations(conn, ref.id))
    return out


# ---------------------------------------------------------------------------- imports
@dataclass
class ImportResult:
    files: list[str]
    observations: list[Observation] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    changes: ChangeSet = field(default_factory=lambda: ChangeSet(keep=SHOWN_CHANGES))   # counts; first changes
    written: bool = False
    materials: list[SubmitResult] = field(default_factory=list)   # the texts of the forms' 部门材料 sheets

    @property
    def inserted(self) -> int:
        return self.changes.count("inserted")

    @property
    def updated(self) -> int:
        return self.changes.count("updated")

    @property
    def unchanged(self) -> int:
        return self.changes.count("unchanged")


@dataclass(frozen=True)
class Upload:
    """A file to import given by content (the web upload) rather than by path."""

    name: str
    data: bytes


def read_any(item: Path | Upload) -> ReadResult:
    if isinstance(item, Upload):
        name, data, path = item.name, item.data, Path(item.name)
    else:
        name, data, path = Path(item).name, None, Path(item)
        if not path.is_file():
            return ReadResult([], [Problem("文件不存在", Location(file=str(item)))])
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return read_form(path, name=name, data=data)
    if suffix in (".csv", ".txt"):
        return read_csv(path, name=name, data=data)
    return ReadResult([], [Problem("不支持的文件类型（可导入 planwatch 填报表 .xlsx 或 CSV）", Location(file=name))])


def import_files(db: Database, files: Sequence[Path | Upload], *, actor: User = LOCAL_ADMIN,
                 accept_warnings: bool = False, dry_run: bool = False,
                 progress: Progress | None = None) -> ImportResult:
    """Import filled forms and CSV files, all or nothing: figures and the forms' written materials.
    ``progress`` hears (figures written, figures in all) as the write goes on."""
    names = [f.name if isinstance(f, Upload) else str(f) for f in files]
    rows: list[Row] = []
    problems: list[Problem] = []
    texts: list[MaterialRow] = []
    for item in files:
        result = read_any(item)
        rows.extend(result.rows)
        problems.extend(result.problems)
        texts.extend(result.materials)
    reason = f"导入 {', '.join(Path(f).name for f in names)}"
    materials = _prepare_materials(db, texts, actor, problems, reason)
    return _apply(db, rows, problems, actor=actor, accept_warnings=accept_warnings, dry_run=dry_run,
                  files=names, kind=SourceKind.IMPORT, materials=materials, progress=progress)


def _prepare_materials(db: Database, texts: list[MaterialRow], actor: User, problems: list[Problem],
                       reason: str) -> list[Prepared]:
    """The forms' texts checked per department, region and period (problems join the figures')."""
    groups: dict[tuple[str, str, str], list[MaterialRow]] = {}
    for t in texts:
        groups.setdefault((t.department or "", t.region, t.period), []).append(t)
    out = []
    for (department, region, period), group in groups.items():
        entries = [MaterialEntry(t.kind or "", t.text, t.category, t.code, t.where, t.locator) for t in group]
        try:
            out.append(prepare_submission(db, entries, department=department, region=region or None, period=period,
                                          actor=actor, source_kind=SourceKind.IMPORT, reason=reason,
                                          problems=problems))
        except (InputError, NotFound) as exc:     # no such region or period: a problem of the file
            problems.append(Problem(exc.message, group[0].where.get("text")))
    return out


def write_observations(db: Database, items: Sequence[dict[str, Any]], *, actor: User,
                       accept_warnings: bool = False, dry_run: bool = False,
                       then: Callable[[Connection], None] | None = None) -> ImportResult:
    """Write figures given as dicts (the JSON API, the web edit form): keys indicator, region, period
    and the collected fields (model.observation.COLLECTED: value, unit, growth, estimate, status,
    note). A key left out keeps what is stored (PATCH: ``{"value": "1300"}`` keeps the growth);
    a key given as null or "" clears the field. ``dry_run``: validate only. ``then`` runs inside the
    write's transaction after the figures (the entry grid moves its data set's state there)."""
    rows: list[Row] = []
    problems: list[Problem] = []
    for n, item in enumerate(items):
        row = _api_row(n, item, problems)
        if row is not None:
            rows.append(row)
    return _apply(db, rows, problems, actor=actor, accept_warnings=accept_warnings, dry_run=dry_run,
                  files=[], kind=SourceKind.USER, then=then)


def _api_row(n: int, item: dict[str, Any], problems: list[Problem]) -> Row | None:
    where = {k: Location(field=f"[{n}].{k}") for k in ("indicator", "region", "period", *COLLECTED_NAMES)}
    where["row"] = Location(field=f"[{n}]")
    missing = [k for k in ("indicator", "period") if not item.get(k)]
    if missing:
        problems.append(Problem(f"缺少 {', '.join(missing)}", where["row"]))
        return None
    values: dict[str, Any] = {}
    for spec in COLLECTED:
        if spec.name not in item:
            continue            # not given: the stored field stays
        raw = item[spec.name]
        if spec.type is Decimal:
            values[spec.name], error = parse_number(raw)
            if error:
                problems.append(Problem(f"{spec.label}{error}", where[spec.name], code="type"))
        elif spec.type is bool:
            values[spec.name] = bool(raw)
        else:
            values[spec.name] = str(raw) if raw not in (None, "") else None
    return Row(indicator=str(item["indicator"]), region=str(item.get("region") or ""), period=str(item["period"]),
               values=values, locator=f"api[{n}]", where=where, explicit=True)


def _resolve_indicator(plan: Plan, text: str) -> Indicator | None:
    return plan.indicator(text) or next((ind for ind in plan.indicators if text in ind.names), None)


def _resolve_rows(db: Database, rows: list[Row], problems: list[Problem]
                  ) -> tuple[dict[int, Selection], dict[int, list[tuple[Entry, Row]]]]:
    """Each non-blank row against its plan (found by region and period); unresolvable rows become
    problems. A field a row does not give is taken from the stored figure, so that validation sees
    what would be written."""
    selections: dict[tuple[str, str], Selection | PlanwatchError] = {}
    entries_by_plan: dict[int, list[tuple[Entry, Row]]] = {}
    plans: dict[int, Selection] = {}
    stored_by_plan: dict[int, dict[tuple[str, str, str], Observation]] = {}
    for row in rows:
        if row.is_blank:
            continue
        sel = _selection_of(db, row, selections)
        if isinstance(sel, PlanwatchError):
            where = row.where.get("period") if isinstance(sel, InputError) else row.where.get("region")
            problems.append(Problem(sel.message, where or row.where.get("row")))
            continue
        if row.source_note and (problem := text_problem(row.source_note, NOTE)):
            problems.append(Problem(f"source {problem}", row.where.get("source") or row.where.get("row")))
        plans[sel.plan_id] = sel
        indicator = _resolve_indicator(sel.plan, row.indicator)
        code = indicator.code if indicator else row.indicator
        if sel.plan_id not in stored_by_plan:
            stored_by_plan[sel.plan_id] = {o.key: o for o in sel.plan.observations}
        stored = stored_by_plan[sel.plan_id].get((code, sel.region.code, sel.period.code))
        kept = _kept_fields(row, stored)
        entry = Entry(indicator=code, region=sel.region.code, period=sel.period,
                      values={**{k: getattr(stored, k) for k in kept}, **row.values},
                      department=row.department, where=row.where, kept=kept)
        entries_by_plan.setdefault(sel.plan_id, []).append((entry, row))
    return plans, entries_by_plan


def _kept_fields(row: Row, stored: Observation | None) -> frozenset[str]:
    """The collected fields a row leaves as stored: those it does not give (the unit only with the
    value: a new value without a unit is in the indicator's unit)."""
    if stored is None:
        return frozenset()
    kept = {f.name for f in COLLECTED if f.name not in row.values}
    return frozenset(kept - {"unit"} if "value" in row.values else kept)


def _selection_of(db: Database, row: Row, cache: dict[tuple[str, str], Selection | PlanwatchError]
                  ) -> Selection | PlanwatchError:
    """The plan, region and period a row means, or why there is none (a period outside every plan's year)."""
    key = (row.region, row.period)
    if key not in cache:
        try:
            Period.parse(row.period)
            sel = select(db, region=row.region or None, period=row.period)
            problem = period_problem(sel.period, sel.plan.year)
            cache[key] = InputError(problem) if problem else sel
        except PeriodError as exc:
            cache[key] = InputError(str(exc))
        except PlanwatchError as exc:
            cache[key] = exc
    return cache[key]


def _apply(db: Database, rows: list[Row], problems: list[Problem], *, actor: User, accept_warnings: bool,
           dry_run: bool, files: list[str], kind: SourceKind, materials: Sequence[Prepared] = (),
           then: Callable[[Connection], None] | None = None, progress: Progress | None = None) -> ImportResult:
    if not actor.can_write:
        raise PermissionDenied(f"用户“{actor.name}”是只读用户，不能写入数据")
    plans, entries_by_plan = _resolve_rows(db, rows, problems)
    indicators_by_plan = {plan_id: {i.code: i for i in sel.plan.indicators} for plan_id, sel in plans.items()}
    for plan_id, pairs in entries_by_plan.items():
        problems.extend(validate_entries([e for e, _ in pairs], indicators_by_plan[plan_id],
                                         _observations_with_last_year(db, plans[plan_id]),
                                         department=actor.write_department))
    warnings = _refuse_on_problems(problems, actor, accept_warnings)
    result = ImportResult(files=files, warnings=warnings)
    new_by_plan: dict[int, list[Observation]] = {}
    for plan_id, pairs in entries_by_plan.items():
        existing = {o.key: o for o in plans[plan_id].plan.observations}
        for entry, row in pairs:
            source = Source(kind=kind, locator=row.locator if kind is SourceKind.IMPORT else None,
                            user=actor.name, note=row.source_note)
            obs = _merge(existing.get(entry.key), entry, indicators_by_plan[plan_id][entry.indicator], source)
            new_by_plan.setdefault(plan_id, []).append(obs)
            result.observations.append(obs)
    if not dry_run:
        departments = {plan_id: {code: ind.department for code, ind in by_code.items()}
                       for plan_id, by_code in indicators_by_plan.items()}
        _write(db, new_by_plan, result, actor=actor, files=files, departments=departments, then=then,
               materials=materials, progress=progress)
    return result


def _refuse_on_problems(problems: list[Problem], actor: User, accept_warnings: bool) -> list[Problem]:
    """Raise on any error (or on warnings not accepted); the warnings accepted otherwise."""
    errors = [p for p in problems if p.severity == "error"]
    warnings = [p for p in problems if p.severity != "error"]
    if any(p.code == "forbidden" for p in errors):
        raise PermissionDenied(f"{actor.name}（{actor.department or actor.role.label}）无权修改其他部门的指标，"
                               "未写入任何数据", problems=errors)
    if errors:
        raise InputError(f"发现 {len(errors)} 处错误，未写入任何数据", problems=errors + warnings)
    if warnings and not accept_warnings:
        raise InputError(f"有 {len(warnings)} 条警告需要确认，未写入任何数据；核实无误后可加 --accept-warnings 确认导入",
                         problems=warnings)
    return warnings


def _write(db: Database, new_by_plan: dict[int, list[Observation]], result: ImportResult, *, actor: User,
           files: list[str], departments: dict[int, dict[str, str | None]],
           then: Callable[[Connection], None] | None = None, materials: Sequence[Prepared] = (),
           progress: Progress | None = None) -> None:
    """One transaction: refuse a locked period (or a locked or submitted department data set),
    upsert and write one audit row per change (the written materials' too), in chunks of
    CHUNK_ROWS through the same writer as a load (store.save_observations → store.bulk)."""
    total, done = sum(len(o) for o in new_by_plan.values()), 0
    reason = f"导入 {', '.join(Path(f).name for f in files)}" if files else None
    with db.transaction() as conn:
        result.materials = [prepared.write(conn) for prepared in materials]
        for plan_id, observations in new_by_plan.items():
            for region, period in dict.fromkeys((obs.region, obs.period) for obs in observations):
                ensure_unlocked(conn, plan_id, region, period)
            for region, period, department in dict.fromkeys(
                    (obs.region, obs.period, departments[plan_id].get(obs.indicator)) for obs in observations):
                if department:
                    ensure_dataset_writable(conn, plan_id, region, period, department, may_review=actor.can_review)
            for start in range(0, len(observations), CHUNK_ROWS):
                changes = save_observations(conn, plan_id, observations[start:start + CHUNK_ROWS])
                q.audit_observation_changes(conn, changes.changes, user=actor.name, reason=reason)
                result.changes.merge(changes)
                done += min(CHUNK_ROWS, len(observations) - start)
                if progress is not None:
                    progress(done, total)
        if then is not None:
            then(conn)
    result.written = True


def _keep_precision(old: Any, new: Any) -> Any:
    """Excel turns 2836.10 into 2836.1: keep the stored text when the number is the same."""
    if isinstance(old, Decimal) and isinstance(new, Decimal) and old == new:
        return old
    return new


def _merge(old: Observation | None, entry: Entry, indicator: Indicator, source: Source) -> Observation:
    """The observation to store: the entry's collected fields (the stored ones where it gives none);
    the stated extras (plan completion, share, change, qualifier, gap) survive only an unchanged value."""
    values: dict[str, Any] = {f.name: _keep_precision(getattr(old, f.name, None), entry.values.get(f.name))
                              for f in COLLECTED}
    values["estimate"] = bool(values["estimate"])
    values["unit"] = (values["unit"] or indicator.unit) if values["value"] is not None else None
    if old is not None and _same_figures(old, values, indicator):
        return old  # the same figures: keep the stored observation and its source
    base = old if old is not None and old.value == values["value"] else None
    extras: dict[str, Any] = {f.name: getattr(base, f.name) if base else None for f in FIELDS if not f.collected}
    extras["growth_basis"] = _growth_basis(old, values["growth"], indicator)
    return Observation(indicator=entry.indicator, region=entry.region, period=entry.period, source=source,
                       **values, **extras)


def _same_figures(old: Observation, values: dict[str, Any], indicator: Indicator) -> bool:
    same = all(values[f.name] == getattr(old, f.name) for f in COLLECTED if f.name != "unit")
    return same and (values["unit"] or indicator.unit) == (old.unit or indicator.unit)


def _growth_basis(old: Observation | None, growth: Decimal | None, indicator: Indicator) -> PriceBasis | None:
    """The stored growth's price basis, else the indicator's; none without a growth."""
    if growth is None:
        return None
    return old.growth_basis if old is not None and old.growth_basis is not None else indicator.price_basis


# ---------------------------------------------------------------------------- CSV export
def export_csv(db: Database, *, region: str | None = None, period: str | None = None, headers: str = "en") -> str:
    """The figures of a region and period in the CSV long format (``headers="zh"``: Chinese headers)."""
    sel = select(db, region=region, period=period)
    observations = [o for o in sel.plan.observations
                    if (region is None or o.region == sel.region.code) and (period is None or o.period == sel.period)]
    return write_csv((ExportRow(o.indicator, o.region, o.period.code, {f.name: getattr(o, f.name) for f in COLLECTED},
                                o.source.describe() if o.source else None)
                      for o in observations), headers=headers)


# ---------------------------------------------------------------------------- history
@dataclass(frozen=True)
class History:
    indicator: Indicator
    region: str | None
    period: Period | None
    entries: list[AuditEntry]
    current: list[Observation]


def history(db: Database, indicator: str, *, region: str | None = None, period: str | None = None) -> History:
    sel = select(db, region=region, period=period)
    found = _resolve_indicator(sel.plan, indicator)
    if found is None:
        raise NotFound(f"计划中没有指标“{indicator}”")
    region_code = sel.region.code if region else None
    period_code = sel.period.code if period else None
    with db.connect() as conn:
        rows = q.read_audit(conn, plan_id=sel.plan_id, indicator=found.code, region=region_code, period=period_code)
    entries = [audit_entry(r) for r in rows]      # the same entries as `planwatch history`
    current = [o for o in sel.plan.observations if o.indicator == found.code
               and (region_code is None or o.region == region_code)
               and (period_code is None or o.period.code == period_code)]
    return History(found, region_code, sel.period if period else None, entries, current)

