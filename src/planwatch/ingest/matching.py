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

from dataclasses import dataclass, field
from decimal import Decimal

from planwatch.model import Indicator, Observation, Period, PriceBasis, Source, SourceKind
from planwatch.model.chinese import name_key
from planwatch.model.fact import Fact, Slot


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
class MatchResult:
    observations: list[Observation] = field(default_factory=list)
    unmatched: list[Unmatched] = field(default_factory=list)
    duplicates: list[tuple[Indicator, Fact]] = field(default_factory=list)   # same figures stated again
    conflicts: list[Conflict] = field(default_factory=list)


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
    if fact.change is not None:
        change, change_unit = _signed(fact.change), fact.change.unit
    return Observation(
        indicator=indicator.code, region=region, period=period, value=value, unit=unit, growth=growth,
        growth_basis=basis, plan_completion=completion, share=share, share_of=share_of, change=change,
        change_unit=change_unit, status=fact.status.text if fact.status else None, estimate=fact.estimate,
        qualifier=qualifier, source=Source(SourceKind.DOCUMENT, document=document, spans=spans),
    )


_FIELDS = ("value", "unit", "growth", "growth_basis", "plan_completion", "share", "share_of", "change",
           "change_unit", "status", "qualifier")


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


def match_facts(facts: list[Fact], indicators: list[Indicator] | tuple[Indicator, ...], *, region: str,
                period: Period, document: str) -> MatchResult:
    """Map facts to observations of ``indicators`` for one region and period (see the module rule).
    Target facts (``target: true`` slots) are not observations and are left to the target reader."""
    index = IndicatorIndex(indicators)
    result = MatchResult()
    by_indicator: dict[str, tuple[Observation, list[Fact]]] = {}
    conflicted: set[str] = set()
    for fact in facts:
        if any(slot.target for _, slot in fact.slots()) or (fact.status is not None and fact.status.target):
            continue
        indicator, reason = index.match(fact)
        if indicator is None:
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
