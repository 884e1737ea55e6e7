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
- ``type``, ``range``, ``text``: the rules every door applies, declared once with the fields
  (:func:`planwatch.model.observation.field_problems`): a number that is not finite, not below
  10^15 or has more than 6 decimals; a negative amount, count or stock (unless its name says it
  is a change), a growth below −100 %, a share outside 0–100 %; a text too long or with a control
  character;
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
from typing import Any

from planwatch.analyze.numbers import ulp
from planwatch.errors import Location, Problem
from planwatch.model import Indicator, Measure, Observation, Period, PriceBasis
from planwatch.model.limits import number_problem
from planwatch.model.observation import AMOUNT_MEASURES, field_problems, is_share

__all__ = ["Entry", "Figure", "half_unit", "implied_growth_range", "is_share", "validate_entries"]

CUMULATIVE_MEASURES = (Measure.FLOW, Measure.COUNT)
GROWTH_OUTLIER = Decimal(300)


@dataclass(frozen=True)
class Entry:
    """One submitted figure: ``values`` holds the collected fields given (model.observation.COLLECTED:
    value, unit, growth, estimate, status, note; a field not given is absent). ``where`` maps a
    field (or indicator, row) to the place it was read from, so that problems name the cell."""

    indicator: str
    region: str
    period: Period
    values: Mapping[str, Any] = field(default_factory=dict)
    department: str | None = None      # the department the file declares (a form's)
    where: Mapping[str, Location] = field(default_factory=dict)
    kept: frozenset[str] = frozenset()  # fields of ``values`` taken from the stored figure, not submitted

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.indicator, self.region, self.period.code)

    @property
    def value(self) -> Decimal | None:
        return self.values.get("value")

    @property
    def unit(self) -> str | None:
        return self.values.get("unit")

    @property
    def growth(self) -> Decimal | None:
        return self.values.get("growth")

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
    for obs in stored:      # (a value an older version let in is no figure to compare with)
        if obs.value is not None and number_problem(obs.value) is None:
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
        if entry.value is not None and number_problem(entry.value) is None:
            known[entry.key] = Figure(entry.value, entry.unit or indicator.unit, entry.period, entry)

    for entry, indicator in valid:
        problems.extend(_field_checks(entry, indicator, known))
    problems.extend(_cumulative_checks(valid, known))
    problems.extend(_part_checks(valid, indicators, known))
    return problems


def _field_checks(entry: Entry, indicator: Indicator, known: Mapping[tuple[str, str, str], Figure]) -> list[Problem]:
    out = [Problem(p.message, entry.at(p.field), "error", p.code) for p in field_problems(entry.values, indicator)]
    if any(p.code == "type" for p in out):
        return out      # not a storable number: nothing to compare it with
    name = indicator.name
    if entry.unit and entry.unit != indicator.unit and "unit" not in entry.kept:
        out.append(Problem(f"“{name}”的单位应为“{indicator.unit}”，填写的是“{entry.unit}”", entry.at("unit"),
                           "error", "unit"))
    growth = entry.growth
    if growth is None or growth < -100:
        return out
    if growth > GROWTH_OUTLIER:
        out.append(Problem(f"“{name}”的增长率 {growth}% 异常偏高，请核实", entry.at("growth"), "warning",
                           "growth_outlier"))
    else:
        out.extend(_growth_consistency(entry, indicator, growth, known))
    return out


def _growth_consistency(entry: Entry, indicator: Indicator, growth: Decimal,
                        known: Mapping[tuple[str, str, str], Figure]) -> list[Problem]:
    """The growth against last year's same-period value, within what their precision allows."""
    value = entry.value
    if value is None or indicator.measure not in AMOUNT_MEASURES or \
            indicator.price_basis not in (None, PriceBasis.CURRENT):
        return []
    last = known.get((entry.indicator, entry.region, entry.period.previous_year().code))
    unit = entry.unit or indicator.unit
    if last is None or (last.unit or indicator.unit) != unit:
        return []
    bounds = implied_growth_range(value, last.value)
    eg = half_unit(growth)
    if bounds is None or bounds[0] <= growth + eg and growth - eg <= bounds[1]:
        return []
    implied = ((value / last.value - 1) * 100).quantize(Decimal("0.1"))
    return [Problem(f"“{indicator.name}”增长 {growth}% 与上年同期 {last.value}{unit} 不符：按本期 {value}{unit} "
                    f"计算应为 {implied}% 左右（口径调整时可确认接受）", entry.at("growth"), "warning",
                    "growth_mismatch")]


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
