"""Validation of submitted figures (forms, CSV rows, API calls) before anything is written.

Pure: the caller passes the entries, the plan's indicators, the figures already stored and the
submitting department; the result is a list of located :class:`~planwatch.errors.Problem`s.
Severity "error" blocks the write; "warning" may be accepted explicitly.

Rules (each problem's ``code``):

- ``unknown_indicator``: the indicator is not in the plan;
- ``forbidden``: the submitter's department does not own the indicator;
- ``wrong_department``: a form for one department carries another department's indicator;
- ``duplicate``: the same indicator, region and period twice in one submission;
- ``unit``: a unit other than the indicator's;
- ``range``: a negative amount or count, a growth below −100 %, a share outside 0–100 %;
- ``growth_outlier`` (warning): a growth above 300 %;
- ``growth_mismatch`` (warning): the growth disagrees with last year's same-period value beyond what
  the stated precision of the three numbers allows (only for current-price amounts and counts;
  statistical coverage changes make this a warning, not an error);
- ``cumulative``: a year-to-date amount smaller than an earlier year-to-date amount of the same year
  (1—7月 < 1—6月);
- ``part_exceeds_whole``: a 其中 part larger than its whole (the indicator's ``parent``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from planwatch.analyze.numbers import ulp
from planwatch.errors import Location, Problem
from planwatch.model import Indicator, Measure, Observation, Period, PriceBasis

SHARE_WORDS = ("比重", "占比", "比例")
AMOUNT_MEASURES = (Measure.FLOW, Measure.STOCK, Measure.COUNT)
CUMULATIVE_MEASURES = (Measure.FLOW, Measure.COUNT)
GROWTH_OUTLIER = Decimal(300)


@dataclass(frozen=True)
class Entry:
    """One submitted figure. ``where`` maps a field (indicator, value, unit, growth, status, note,
    row) to the place it was read from, so that problems name the cell."""

    indicator: str
    region: str
    period: Period
    value: Decimal | None = None
    unit: str | None = None
    growth: Decimal | None = None
    status: str | None = None
    note: str | None = None
    estimate: bool = False
    department: str | None = None      # the department the file declares (a form's)
    where: Mapping[str, Location] = field(default_factory=dict)

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.indicator, self.region, self.period.code)

    def at(self, *fields: str) -> Location | None:
        for name in (*fields, "row"):
            if name in self.where:
                return self.where[name]
        return None


@dataclass(frozen=True)
class Figure:
    """A value as known to the checks: from this submission (``entry``) or already stored."""

    value: Decimal
    unit: str | None
    period: Period
    entry: Entry | None = None


def half_unit(number: Decimal) -> Decimal:
    """Half a unit in the last stated digit: 6.1 → 0.05, 1578 → 0.5, 2836.10 → 0.005."""
    return ulp(number) / 2


def is_share(indicator: Indicator) -> bool:
    return indicator.unit == "%" and any(word in indicator.name for word in SHARE_WORDS)


def implied_growth_range(value: Decimal, last_year: Decimal) -> tuple[Decimal, Decimal] | None:
    """The growth rates (%) that ``value`` against ``last_year`` can mean, given their precision."""
    ev, ep = half_unit(value), half_unit(last_year)
    if last_year - ep <= 0:
        return None
    low = ((value - ev) / (last_year + ep) - 1) * 100
    high = ((value + ev) / (last_year - ep) - 1) * 100
    return low, high


def validate_entries(entries: Iterable[Entry], indicators: Mapping[str, Indicator],
                     stored: Iterable[Observation] = (), *, department: str | None = None) -> list[Problem]:
    """All problems of a submission. ``department``: the submitter may write only this department's
    indicators (None: any). ``stored``: the observations already in the database (for last year's
    values, earlier year-to-date figures and 其中 wholes)."""
    entries = list(entries)
    problems: list[Problem] = []

    def add(entry: Entry, message: str, code: str, *fields: str, severity: str = "error") -> None:
        problems.append(Problem(message, entry.at(*fields), severity, code))

    # figures known after this submission: stored ones overridden by the submitted ones
    known: dict[tuple[str, str, str], Figure] = {}
    for obs in stored:
        if obs.value is not None:
            known[obs.key] = Figure(obs.value, obs.unit, obs.period)
    seen: dict[tuple[str, str, str], Entry] = {}
    valid: list[tuple[Entry, Indicator]] = []
    for entry in entries:
        indicator = indicators.get(entry.indicator)
        if indicator is None:
            add(entry, f"计划中没有指标代码“{entry.indicator}”", "unknown_indicator", "indicator")
            continue
        name = indicator.name
        if department is not None and indicator.department != department:
            owner = indicator.department or "未指定部门"
            add(entry, f"“{name}”由{owner}填报，{department}无权修改", "forbidden", "indicator")
            continue
        if entry.department is not None and indicator.department != entry.department:
            add(entry, f"“{name}”不属于本表的填报部门{entry.department}", "wrong_department", "indicator")
            continue
        if entry.key in seen:
            first = seen[entry.key].at("value", "indicator")
            add(entry, f"“{name}”{entry.period.label}重复填报（首次见{first or '前文'}）", "duplicate", "indicator")
            continue
        seen[entry.key] = entry
        valid.append((entry, indicator))
        if entry.value is not None:
            known[entry.key] = Figure(entry.value, entry.unit or indicator.unit, entry.period, entry)

    for entry, indicator in valid:
        problems.extend(_field_checks(entry, indicator, known))
    problems.extend(_cumulative_checks(valid, known))
    problems.extend(_part_checks(valid, indicators, known))
    return problems


def _field_checks(entry: Entry, indicator: Indicator, known: Mapping[tuple[str, str, str], Figure]) -> list[Problem]:
    out: list[Problem] = []
    name = indicator.name

    def add(message: str, code: str, field_name: str, severity: str = "error") -> None:
        out.append(Problem(message, entry.at(field_name), severity, code))

    if entry.unit and entry.unit != indicator.unit:
        add(f"“{name}”的单位应为“{indicator.unit}”，填写的是“{entry.unit}”", "unit", "unit")
    value = entry.value
    if value is not None:
        if is_share(indicator) and not Decimal(0) <= value <= Decimal(100):
            add(f"“{name}”是比重，应在 0—100% 之间，填写的是 {value}", "range", "value")
        elif indicator.measure in AMOUNT_MEASURES and value < 0:
            add(f"“{name}”不能为负数（填写的是 {value}）", "range", "value")
    growth = entry.growth
    if growth is not None:
        if growth < -100:
            add(f"“{name}”的增长率 {growth}% 低于 -100%，不可能", "range", "growth")
        elif growth > GROWTH_OUTLIER:
            add(f"“{name}”的增长率 {growth}% 异常偏高，请核实", "growth_outlier", "growth", "warning")
        elif value is not None and indicator.measure in AMOUNT_MEASURES and \
                indicator.price_basis in (None, PriceBasis.CURRENT):
            last = known.get((entry.indicator, entry.region, entry.period.previous_year().code))
            unit = entry.unit or indicator.unit
            if last is not None and (last.unit or indicator.unit) == unit:
                bounds = implied_growth_range(value, last.value)
                eg = half_unit(growth)
                if bounds is not None and (growth + eg < bounds[0] or growth - eg > bounds[1]):
                    implied = ((value / last.value - 1) * 100).quantize(Decimal("0.1"))
                    add(f"“{name}”增长 {growth}% 与上年同期 {last.value}{unit} 不符：按本期 {value}{unit} "
                        f"计算应为 {implied}% 左右（口径调整时可确认接受）", "growth_mismatch", "growth", "warning")
    return out


def _cumulative_checks(valid: list[tuple[Entry, Indicator]],
                       known: Mapping[tuple[str, str, str], Figure]) -> list[Problem]:
    out: list[Problem] = []
    for entry, indicator in valid:
        if entry.value is None or indicator.measure not in CUMULATIVE_MEASURES or not entry.period.is_year_to_date:
            continue
        unit = entry.unit or indicator.unit
        for (code, region, _), other in known.items():
            if code != entry.indicator or region != entry.region or other.period.year != entry.period.year:
                continue
            if not other.period.is_year_to_date or (other.unit or indicator.unit) != unit:
                continue
            earlier = other.period.last_month < entry.period.last_month
            later = other.period.last_month > entry.period.last_month
            if earlier and other.value > entry.value:
                out.append(Problem(
                    f"“{indicator.name}”是累计数，{entry.period.label} {entry.value}{unit} 小于 "
                    f"{other.period.label} {other.value}{unit}", entry.at("value"), "error", "cumulative"))
            elif later and other.value < entry.value and other.entry is None:
                out.append(Problem(
                    f"“{indicator.name}”是累计数，{entry.period.label} {entry.value}{unit} 大于已有的 "
                    f"{other.period.label} {other.value}{unit}", entry.at("value"), "error", "cumulative"))
    return out


def _part_checks(valid: list[tuple[Entry, Indicator]], indicators: Mapping[str, Indicator],
                 known: Mapping[tuple[str, str, str], Figure]) -> list[Problem]:
    out: list[Problem] = []
    children: dict[str, list[Indicator]] = {}
    for ind in indicators.values():
        if ind.parent:
            children.setdefault(ind.parent, []).append(ind)
    for entry, indicator in valid:
        if entry.value is None:
            continue
        unit = entry.unit or indicator.unit
        whole_ind = indicators.get(indicator.parent) if indicator.parent else None
        if whole_ind is not None:
            whole = known.get((whole_ind.code, entry.region, entry.period.code))
            if whole is not None and (whole.unit or whole_ind.unit) == unit and entry.value > whole.value:
                out.append(Problem(
                    f"其中项“{indicator.name}” {entry.value}{unit} 大于总量“{whole_ind.name}” {whole.value}{unit}",
                    entry.at("value"), "error", "part_exceeds_whole"))
        for part_ind in children.get(indicator.code, []):
            part = known.get((part_ind.code, entry.region, entry.period.code))
            if part is None or part.entry is not None or (part.unit or part_ind.unit) != unit:
                continue  # parts in this submission are checked from their own side
            if part.value > entry.value:
                out.append(Problem(
                    f"总量“{indicator.name}” {entry.value}{unit} 小于其中项“{part_ind.name}” {part.value}{unit}",
                    entry.at("value"), "error", "part_exceeds_whole"))
    return out
