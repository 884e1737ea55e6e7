"""Extracted facts → observations of a plan's indicators, by a documented matching rule.

The rule (docs/ingest.md), applied in order, first hit wins:

1. **Normalise** both names (``planwatch.model.chinese.name_key``): drop punctuation, quotes and
   spaces, make full-width characters half-width, and drop leading scope words (``SCOPE_WORDS``:
   全区, 全市, 全县, 全省, 全国, 全镇, 我市 …) and verbs (完成, 实现, 达到, 累计, 共).
2. **Share of a named total**: a fact that states only a share of a total *X* names the share
   indicator "⟨name⟩占⟨X⟩比重" when the plan has it (制造业增加值 + 占GDP比重 → 制造业增加值占GDP比重).
3. **Exact**: the fact's name equals an indicator's name or one of its aliases.
4. **Rate name**: a fact whose name ends in 率/比例 and equals an indicator name without its
   scope (整改率 ↔ 火灾隐患整改率) when exactly one indicator ends so.

Nothing else is guessed: a fact that matches no indicator, or more than one, is reported.
Two facts that land on the same indicator are merged when they do not contradict each other
(a headline status and a later figure); a contradiction is reported and neither is written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from planwatch.model import (
    Indicator,
    Observation,
    Period,
    PriceBasis,
    Project,
    ProjectGroup,
    ProjectProgress,
    Source,
    SourceKind,
)
from planwatch.model.chinese import PERIOD_WORD_RE, name_key, sentence_bounds
from planwatch.model.fact import Fact, Slot
from planwatch.model.period import PeriodError


def normalise_name(name: str) -> str:
    """The key two names are compared by (``planwatch.model.chinese.name_key``: rule 1 above)."""
    return name_key(name)


@dataclass
class Unmatched:
    fact: Fact
    reason: str


@dataclass
class Conflict:
    indicator: Indicator
    facts: list[Fact]
    reason: str


@dataclass
class PeriodConflict:
    """A fact whose sentence names another period (一季度, 1—5月, 去年6月) than the one ingested."""

    fact: Fact
    stated: str                      # the period words as written
    period: Period | None            # what they mean (None when the words cannot be read as a period)


@dataclass
class MatchResult:
    observations: list[Observation] = field(default_factory=list)
    unmatched: list[Unmatched] = field(default_factory=list)
    duplicates: list[tuple[Indicator, Fact]] = field(default_factory=list)   # same figures stated again
    conflicts: list[Conflict] = field(default_factory=list)
    targets: list[Fact] = field(default_factory=list)          # target statements: not results, not stored
    period_conflicts: list[PeriodConflict] = field(default_factory=list)
    progress: list[ProjectProgress] = field(default_factory=list)   # 重点项目 completion placed on a project or group
    unplaced: list[Unmatched] = field(default_factory=list)         # project completion with no project or group


class IndicatorIndex:
    """Indicator look-up by normalised names and aliases."""

    def __init__(self, indicators: list[Indicator] | tuple[Indicator, ...]) -> None:
        self.indicators = list(indicators)
        self.by_name: dict[str, list[Indicator]] = {}
        for indicator in self.indicators:
            for name in indicator.names:
                key = normalise_name(name)
                if indicator not in self.by_name.setdefault(key, []):
                    self.by_name[key].append(indicator)

    def match(self, fact: Fact) -> tuple[Indicator | None, str]:
        """The indicator a fact measures, or None with the reason."""
        name = normalise_name(fact.indicator)
        share_only = fact.share is not None and fact.value is None and fact.growth is None
        if share_only and fact.share is not None and fact.share.of:
            found = self.by_name.get(normalise_name(f"{fact.indicator}占{fact.share.of}比重"), [])
            if len(found) == 1:
                return found[0], "share_of_total"
        found = self.by_name.get(name, [])
        if len(found) == 1:
            return found[0], "exact"
        if len(found) > 1:
            return None, "多个指标同名：" + "、".join(i.name for i in found)
        if name.endswith(("率", "比例")):
            found = [i for i in self.indicators if normalise_name(i.name).endswith(name)]
            if len(found) == 1:
                return found[0], "rate_name"
        return None, "计划中没有这个指标"


_SLOTS = ("value", "growth", "plan_completion", "share", "change")


def _signed(slot: Slot) -> Decimal:
    return Decimal(slot.number)


def fact_observation(fact: Fact, indicator: Indicator, *, region: str, period: Period,
                     document: str) -> Observation:
    """The observation a fact states about ``indicator`` (spans kept per slot)."""
    spans: dict[str, tuple[int, int]] = {name: slot.span for name, slot in fact.slots()}
    if fact.status is not None:
        spans["status"] = fact.status.span
    value = growth = share = completion = change = None
    unit = change_unit = share_of = qualifier = None
    basis: PriceBasis | None = None
    if fact.value is not None:
        value, unit = _signed(fact.value), fact.value.unit
        qualifier = fact.value.qualifier
        if indicator.unit == "%" and unit in ("%", "％"):
            unit = "%"
    if fact.share is not None:
        if indicator.unit == "%" and fact.value is None and normalise_name(fact.indicator) != normalise_name(
                indicator.name):
            value, unit = _signed(fact.share), "%"       # the share *is* the indicator (制造业增加值占GDP比重)
            spans["value"] = spans.pop("share")
        else:
            share, share_of = _signed(fact.share), fact.share.of
    if fact.growth is not None:
        growth = _signed(fact.growth)
        if fact.growth.basis:
            basis = PriceBasis(fact.growth.basis)
    if fact.plan_completion is not None:
        completion = _signed(fact.plan_completion)
    target_gap = None
    if fact.change is not None and fact.change.of == "目标":
        target_gap = _signed(fact.change)                # 高于预期目标0.2个百分点: the gap, not a change
        spans["target_gap"] = spans.pop("change")
    elif fact.change is not None:
        change, change_unit = _signed(fact.change), fact.change.unit
    return Observation(
        indicator=indicator.code, region=region, period=period, value=value, unit=unit, growth=growth,
        growth_basis=basis, plan_completion=completion, share=share, share_of=share_of, change=change,
        change_unit=change_unit, status=fact.status.text if fact.status else None, estimate=fact.estimate,
        qualifier=qualifier, source=Source(SourceKind.DOCUMENT, document=document, spans=spans), target_gap=target_gap,
    )


_FIELDS = ("value", "unit", "growth", "growth_basis", "plan_completion", "share", "share_of", "change",
           "change_unit", "status", "qualifier", "target_gap")


def _merge(first: Observation, second: Observation) -> tuple[Observation | None, bool]:
    """Merge two observations of one indicator: (merged, is_pure_duplicate) or (None, False) on conflict."""
    merged = {}
    added = False
    for name in _FIELDS:
        a, b = getattr(first, name), getattr(second, name)
        if a is not None and b is not None and a != b:
            if name in ("share_of", "unit", "growth_basis", "qualifier", "change_unit"):
                merged[name] = a
                continue
            return None, False
        merged[name] = a if a is not None else b
        added = added or (a is None and b is not None)
    if not added:
        return first, True
    spans = dict(second.source.spans if second.source else {})
    spans.update(first.source.spans if first.source else {})
    source = Source(SourceKind.DOCUMENT, document=first.source.document if first.source else None, spans=spans)
    return Observation(indicator=first.indicator, region=first.region, period=first.period,
                       estimate=first.estimate or second.estimate, source=source, **merged), False


@dataclass(frozen=True)
class ReportContext:
    """What ingest knows besides the facts: the text they were read from (its target paragraphs and the
    period words of each sentence) and the plan's projects and groups (for 重点项目 completion)."""

    text: str = ""
    target_zones: tuple[tuple[int, int], ...] = ()
    groups: tuple[ProjectGroup, ...] = ()
    projects: tuple[Project, ...] = ()


def match_facts(facts: list[Fact], indicators: list[Indicator] | tuple[Indicator, ...], *, region: str,
                period: Period, document: str, context: ReportContext | None = None) -> MatchResult:
    """Map facts to observations of ``indicators`` for one region and period (see the module rule).

    Target slots (``target: true``) and facts inside a targets paragraph are listed in ``targets``, never
    stored; the actual figures of the same fact are kept (增长10.2%，高于预期目标0.2个百分点 → growth 10.2 and
    the target gap). With a ``context``: a fact whose sentence names another period than ``period`` is a
    period conflict, and the completion of a town, group or department's 重点项目 goes to project progress
    when a project or group has that name, else to ``unplaced``."""
    context = context or ReportContext()
    index = IndicatorIndex(indicators)
    result = MatchResult()
    by_indicator: dict[str, tuple[Observation, list[Fact]]] = {}
    conflicted: set[str] = set()
    for stated in facts:
        fact = _actual(stated, context, result)
        if fact is None or _other_period(fact, context, period, result):
            continue
        indicator, reason = index.match(fact)
        if indicator is None:
            if not _project_progress(fact, context, period, document, result):
                result.unmatched.append(Unmatched(fact, reason))
            continue
        if indicator.code in conflicted:
            continue
        observation = fact_observation(fact, indicator, region=region, period=period, document=document)
        if indicator.code not in by_indicator:
            by_indicator[indicator.code] = (observation, [fact])
            continue
        previous, seen = by_indicator[indicator.code]
        merged, duplicate = _merge(previous, observation)
        if merged is None:
            conflicted.add(indicator.code)
            del by_indicator[indicator.code]
            result.conflicts.append(Conflict(indicator, [*seen, fact], "同一指标在文中出现两个不同的数"))
            continue
        if duplicate:
            result.duplicates.append((indicator, fact))
        by_indicator[indicator.code] = (merged, [*seen, fact])
    result.observations = [obs for obs, _ in by_indicator.values()]
    return result


def _actual(fact: Fact, context: ReportContext, result: MatchResult) -> Fact | None:
    """The fact without its target slots (None when nothing actual is left); targets are listed."""
    if any(a <= fact.start < b for a, b in context.target_zones):
        result.targets.append(fact)
        return None
    targets = [name for name, slot in fact.slots() if slot.target]
    status_target = fact.status is not None and fact.status.target
    if not targets and not status_target:
        return fact
    result.targets.append(fact)
    cleared: dict[str, Any] = {name: None for name in targets}
    if status_target:
        cleared["status"] = None
    actual = replace(fact, **cleared)
    return actual if actual.slots() or actual.status is not None else None


def _other_period(fact: Fact, context: ReportContext, period: Period, result: MatchResult) -> bool:
    """True (and listed) when the fact's sentence names another period than ``period`` before it."""
    if not context.text:
        return False
    start, _ = sentence_bounds(context.text, fact.start)
    if fact.period:                     # 前三季度和全年…分别: the extractor read the period of each number
        words = PERIOD_WORD_RE.fullmatch(fact.period)
        found = [words] if words else []
    else:
        found = list(PERIOD_WORD_RE.finditer(context.text, start, fact.start))
    if not found or found[-1] is None:
        return False
    stated = _period_of(found[-1], period.year)
    if stated == period:
        return False
    result.period_conflicts.append(PeriodConflict(fact, found[-1].group(), stated))
    return True


def _period_of(found: re.Match[str], year: int) -> Period | None:
    shift = {"去年": -1, "上年": -1, "明年": 1}.get(found.group("shift") or "", 0)
    words = found.group("words")
    if words.startswith(("截至", "截止")) and not words.endswith(("底", "末")):
        words += "底"
    try:
        return Period.parse(f"{found.group('year') or year + shift}年{words}")
    except PeriodError:
        return None


def _project_progress(fact: Fact, context: ReportContext, period: Period, document: str,
                      result: MatchResult) -> bool:
    """重点项目 completion of a town, group or department (甲镇、乙镇分别完成年度计划的81.25%、77.40%): placed
    on the one project or group of that name, else listed as not placed. False for other facts."""
    if fact.plan_completion is None or not _about_projects(fact, context.text):
        return False
    key = _MEASURE_RE.sub("", normalise_name(fact.indicator))     # 区重点项目完成投资 → 区重点项目
    subjects = [(g.code, True) for g in context.groups
                if key in (normalise_name(g.name), normalise_name(g.name).removesuffix("重点项目"),
                           normalise_name(g.name).removesuffix("项目"))]
    subjects += [(p.code, False) for p in context.projects if normalise_name(p.name) == key]
    if len(subjects) != 1:
        reason = "没有这个名称的项目或项目组" if not subjects else "有多个同名的项目或项目组"
        result.unplaced.append(Unmatched(fact, reason))
        return True
    code, is_group = subjects[0]
    spans = {name: slot.span for name, slot in fact.slots()}
    completed = _in_yi(fact.value) if fact.value is not None else None
    result.progress.append(ProjectProgress(
        code, is_group, period, completed_investment=completed, stated_completion=_signed(fact.plan_completion),
        source=Source(SourceKind.DOCUMENT, document=document, spans=spans)))
    return True


#: the measure after a project or group's name (区重点项目完成投资)
_MEASURE_RE = re.compile(r"(?:累计)?(?:完成)?(?:投资|年度计划|计划投资)$")
#: the names of whoever 重点项目 completion is reported by: towns, blocks, groups, departments
_PROJECT_HOLDER = ("镇", "乡", "街道", "板块", "园区", "片区", "开发区", "局", "委", "办", "中心", "组", "部门", "单位", "项目")


def _about_projects(fact: Fact, text: str) -> bool:
    if normalise_name(fact.indicator).endswith(_PROJECT_HOLDER):
        return True
    if not text:
        return False
    start, end = sentence_bounds(text, fact.start)
    return "项目" in text[start:end]


def _in_yi(slot: Slot) -> Decimal | None:
    """A completed investment in 亿元 (the unit of project figures), or None for another unit."""
    if slot.unit == "亿元":
        return _signed(slot)
    if slot.unit == "万元":
        return _signed(slot) / 10000
    return None
