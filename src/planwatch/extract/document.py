"""The fact reader over one document (the engine behind ``facts.extract_facts``): tables found and masked,
sentences read one by one through the stages (numbers → mentions, statuses), then slots of one indicator
grouped into facts. A module apart from ``facts`` so that it can be compiled (``_native.MODULES``) while
``python -m planwatch.extract.facts`` keeps running the pure-Python entry point."""

from __future__ import annotations

import gc
from dataclasses import fields, replace
from decimal import Decimal, InvalidOperation
from typing import Any, Final

from planwatch.extract import _lexicon as L
from planwatch.extract.context import _Mention, _State
from planwatch.extract.mentions import _numbers
from planwatch.extract.names import _clean, _split_list, _strip_time_scope
from planwatch.extract.numbers import _tokens
from planwatch.extract.roles import _target_from
from planwatch.extract.sentences import _Line, _quote_spans
from planwatch.extract.statuses import _statuses
from planwatch.extract.tables import extract_table_facts
from planwatch.model.fact import Fact, Slot, StatusSlot

# Fact and Slot are frozen dataclasses of planwatch.model: their generated __init__ stays interpreted Python
# even when this module is compiled (12 object.__setattr__ statements for a Fact, 1-2 µs a call, 8-10 % of the
# compiled run). The engine builds them here with the same calls made from compiled code: the same objects
# (same fields, equal, still frozen), about half the cost. The field lists are checked once at import, so a
# field added to the model without adding it here fails loudly instead of leaving an attribute unset.
_new: Final = object.__new__
_set: Final = object.__setattr__
_SLOT_FIELDS = ("number", "unit", "span", "qualifier", "basis", "of", "target")
_FACT_FIELDS = ("indicator", "value", "growth", "plan_completion", "share", "change", "status", "scope", "period",
                "sentence", "estimate", "extra")
if tuple(f.name for f in fields(Slot)) != _SLOT_FIELDS or tuple(f.name for f in fields(Fact)) != _FACT_FIELDS:
    raise RuntimeError("planwatch.extract.document: the fields of Slot/Fact changed; update _slot/_fact")


def _frozen(cls: type[Any], names: tuple[str, ...], values: tuple[Any, ...]) -> Any:
    """An instance of the frozen dataclass ``cls`` with ``names`` set to ``values``, built from compiled code."""
    obj = _new(cls)
    for i in range(len(names)):
        _set(obj, names[i], values[i])
    return obj


def _slot(number: Decimal, unit: str, span: tuple[int, int], qualifier: str | None, basis: str | None,
          of: str | None, target: bool) -> Slot:
    """``Slot(number, unit, span, qualifier, basis, of, target)``, built from compiled code."""
    slot: Slot = _frozen(Slot, _SLOT_FIELDS, (number, unit, span, qualifier, basis, of, target))
    return slot


def _fact(indicator: str, value: Slot | None, growth: Slot | None, plan_completion: Slot | None,
          share: Slot | None, change: Slot | None, status: StatusSlot | None, scope: str | None,
          period: str | None, estimate: bool) -> Fact:
    """``Fact(indicator, value, growth, plan_completion, share, change, status, scope, period, None, estimate)``
    (no sentence span, a new empty ``extra``), built from compiled code."""
    fact: Fact = _frozen(Fact, _FACT_FIELDS, (indicator, value, growth, plan_completion, share, change, status, scope,
                                              period, None, estimate, {}))
    return fact


def _facts(text: str) -> list[Fact]:
    # The extractor builds many small acyclic objects; the cyclic collector only slows it down
    # (about 20 % on megabytes of text), so it is paused for the call and restored after.
    paused = gc.isenabled()
    if paused:
        gc.disable()
    try:
        table_facts, covered = extract_table_facts(text)
        if not covered:
            return _extract(text)
        # The prose reader skips the tables: their characters become spaces (offsets kept).
        masked = list(text)
        for start, end in covered:
            masked[start:end] = [c if c == "\n" else " " for c in text[start:end]]
        return sorted(_extract("".join(masked)) + table_facts, key=lambda fact: fact.start)
    finally:
        if paused:
            gc.enable()


def _own_characters(fact: Fact, back: dict[int, str]) -> Fact:
    def own(word: str | None) -> str | None:
        return word.translate(back) if word else word

    slots: dict[str, Any] = {name: replace(slot, unit=slot.unit.translate(back), of=own(slot.of), qualifier=own(slot.qualifier),
                           basis=own(slot.basis)) for name, slot in fact.slots()}
    status = fact.status and replace(fact.status, text=fact.status.text.translate(back))
    extra = {k: own(v) if isinstance(v, str) else v for k, v in fact.extra.items()}
    return replace(fact, indicator=fact.indicator.translate(back), scope=own(fact.scope), period=own(fact.period),
                   status=status, extra=extra, **slots)


def _extract(text: str) -> list[Fact]:
    norm = text
    if L.FULLWIDTH_RE.search(text):     # one-to-one replacements (faster than str.translate on long text)
        for wide, narrow in L.FULLWIDTH_PAIRS:
            if wide in norm:
                norm = norm.replace(wide, narrow)
    mentions: list[_Mention] = []
    statuses: list[tuple[str, int, int, bool]] = []   # (indicator, start, end, target)
    state = _State()
    line = _Line()
    prev_end = -1
    for m in L.SENTENCE_RE.finditer(norm):
        s, e = m.start(), m.end()
        # a new line starts a new topic; a ；/。 keeps it only for a sentence that starts bare
        if prev_end >= 0 and norm.find("\n", prev_end + 1, s) >= 0:
            state = _State()
        k = norm.rfind("\n", max(prev_end, 0), s)
        if k >= 0 or prev_end < 0:
            line = _Line(k + 1)
        state.topic_base = ""
        state.part = ""
        state.entity = ""
        prev_end = e
        if s == line.start and _heading_topic(norm, s, e, state):
            continue
        try:
            _sentence(norm, s, e, state, line, mentions, statuses)
        except (ValueError, IndexError, InvalidOperation, ArithmeticError):  # pragma: no cover - safety net
            continue
    return _assemble(text, mentions, statuses)


def _heading_topic(norm: str, s: int, e: int, state: _State) -> bool:
    """A run-in heading (规模以上工业。 at a line start, the line's figures after it) becomes the topic."""
    if e + 1 >= len(norm) or norm[e] != "。" or norm[e + 1] == "\n" or L.HEADING_TOPIC_RE.fullmatch(norm, s, e) is None \
            or L.HEADING_VERB_RE.search(norm, s, e) is not None:
        return False
    state.topic = norm[s:e]
    return True


def _sentence(norm: str, s: int, e: int, state: _State, line: _Line, mentions: list[_Mention],
              statuses: list[tuple[str, int, int, bool]]) -> None:
    # the annual-only sentence: A、B、C为年度数据，无半年度预计数
    # (its phrase holds 数据, 指标, 预计数 or 统计数: a cheap test before the pattern)
    am = L.ANNUAL_RE.search(norm, s, e) if L.ANNUAL_HINT_RE.search(norm, s, e) else None
    if am is None:
        # cheap filters: most sentences have neither a number nor a status clause
        has_num = L.NUM_HINT_RE.search(norm, s, e) is not None
        if not has_num and L.STATUS_HINT_RE.search(norm, s, e) is None:
            return
    quotes, clauses, lists = _quote_spans(norm, s, e)
    if am is not None and not any(ch.isdigit() for ch in norm[s:am.start()]):
        subj = _strip_time_scope(norm[s:am.start()])
        st_start = am.start("st")
        for part in _split_list(subj):
            name = _clean(part)
            if name:
                statuses.append((name, st_start, e, False))
        return
    toks = _tokens(norm, s, e, quotes, line.start) if am is not None or has_num else []
    if not toks and (norm.find("实现", s, e) >= 0 or norm.find("完成", s, e) >= 0):
        _agent_without_figures(norm, s, e, clauses, state)
    first = len(mentions)
    if toks:
        _numbers(norm, s, e, clauses, lists, toks, state, mentions, _target_from(norm, s, e, line))
    _statuses(norm, s, e, line.start, clauses, toks, state, statuses, mentions, first)


def _agent_without_figures(norm: str, s: int, e: int, clauses: list[int], state: _State) -> None:
    """上半年市级重大项目实现了完成投资、开工率和完工率“3个增长”。其中，累计完成投资…: a sentence without
    figures whose subject achieves something is the agent of the verb-first clauses after it."""
    for a, b in zip([s - 1, *clauses], [*clauses, e], strict=False):
        am = L.AGENT_CLAUSE_RE.match(norm, a + 1, b)
        if am:
            agent = _clean(_strip_time_scope(am.group("agent")))
            if len(agent) >= 2:
                state.agent = state.topic = agent
            return


def _assemble(text: str, mentions: list[_Mention], statuses: list[tuple[str, int, int, bool]]) -> list[Fact]:
    facts: list[tuple[int, Fact]] = []
    grown: _Grown | None = None          # the fact being grown from mentions of one indicator
    for m in mentions:
        tok = m.tok
        slot = _slot(-tok.number if m.negative and tok.number > 0 else tok.number, tok.unit, (tok.start, tok.end),
                     m.qualifier, m.basis, m.of if m.role in ("share", "change") else None, m.target)
        if grown is not None and grown.takes(m):
            grown.slots[m.role] = slot
            grown.last = tok.end
            continue
        if grown is not None:
            facts.append((grown.first, grown.fact()))
        grown = _Grown(m, {m.role: slot})
    if grown is not None:
        facts.append((grown.first, grown.fact()))
    for st_name, a, b, target in statuses:
        facts.append((a, _fact(st_name, None, None, None, None, None, StatusSlot(text[a:b], (a, b), target), None,
                               None, False)))
    facts.sort(key=_first)
    return [f for _, f in facts]


class _Grown:
    """Slots of one indicator that follow each other (within 60 characters), grown into one Fact."""

    __slots__ = ("mention", "slots", "first", "last")

    def __init__(self, mention: _Mention, slots: dict[str, Slot]) -> None:
        self.mention, self.slots = mention, slots
        self.first, self.last = mention.tok.start, mention.tok.end

    def takes(self, m: _Mention) -> bool:
        return (m.indicator == self.mention.indicator and m.role not in self.slots and m.period == self.mention.period
                and m.tok.start - self.last < 60)

    def fact(self) -> Fact:
        m, slots = self.mention, self.slots
        return _fact(m.indicator, slots.get("value"), slots.get("growth"), slots.get("plan_completion"),
                     slots.get("share"), slots.get("change"), None, m.scope, m.period, m.estimate)


def _first(item: tuple[int, Fact]) -> int:
    return item[0]
