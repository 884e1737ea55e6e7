"""How the figures of one thematic subsection are grouped into clauses.

The templates word each figure; this module decides which figures go into one clause and with
what between them, the way these reports write them:

- a plan-file ``phrase`` gives the words before the figure (实现农林牧渔业总产值), ``{}`` marks where
  the figure goes ({}面向全国复制推广), and a leading ``、`` / ``，`` / ``+`` joins the figure to the
  one before it with a 顿号, a comma, or nothing (新增省级先进级智能工厂34家、省级绿色工厂22家);
- without a phrase, a flow in 元 gets “完成” unless its name starts with a verb (:func:`default_words`);
- a figure whose name continues the one before it is its amount, in the same clause after a comma,
  worded by the rest of its name (农业农村重点项目23个，完成投资7.57亿元);
- a part (``parent``) follows its whole with “其中” (技能人才总量超31万人，其中高技能人才超14万人), and
  its share of that whole is “占比” (其中民生领域支出占比82.4%);
- growth-only figures whose names differ only in front go together with 分别
  (规上、规下工业增加值分别增长9.1%、6.0%（不变价）).

Nothing here judges a figure; the verdicts stay with the status engine.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

#: Names that start with a verb get no “完成” in front.
VERB_STARTS = ("实际", "完成", "新增", "实现", "引留", "发放", "建设", "接待", "招引", "为", "签发", "排查",
               "开展", "推出", "累计", "作出", "建成", "统筹", "新改建", "新设立", "招引", "举办")
JOINERS = {"、": "、", "，": "，", "+": ""}


class Figure(Protocol):
    """What the grouping needs of an indicator fact (``context.IndicatorFact``)."""

    @property
    def code(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def parent(self) -> str | None: ...
    @property
    def phrase(self) -> str | None: ...
    @property
    def amount(self) -> str | None: ...
    @property
    def growth(self) -> str | None: ...
    @property
    def growth_word(self) -> str: ...
    @property
    def growth_basis(self) -> str | None: ...
    @property
    def share(self) -> str | None: ...
    @property
    def share_of(self) -> str | None: ...
    @property
    def status(self) -> str | None: ...
    @property
    def change(self) -> str | None: ...


def default_words(name: str, measure: str, unit: str, has_amount: bool) -> str:
    """The words before a figure when the plan gives none: 完成 + name for flows in 元."""
    if measure == "累计流量" and "元" in unit and has_amount and not name.startswith(VERB_STARTS):
        return "完成" + name
    return name


def parse_phrase(phrase: str) -> tuple[str | None, str, str]:
    """(joiner or None, words before the figure, words after it) of a plan-file phrase."""
    joiner = None
    if phrase[:1] in JOINERS:
        joiner, phrase = JOINERS[phrase[:1]], phrase[1:]
    words, _, after = phrase.partition("{}")
    return joiner, words, after


@dataclass(frozen=True)
class Part:
    """One figure in a clause: what comes before it (``joiner``), its words, the words after it."""

    fact: Figure
    joiner: str
    words: str
    after: str = ""
    share_of_whole: bool = False     # its share is of the whole just written: 占比


@dataclass(frozen=True)
class Together:
    """Growth rates said together: 规上、规下工业增加值分别增长9.1%、6.0%（不变价）."""

    facts: tuple[Figure, ...]
    fronts: tuple[str, ...]
    common: str
    growth_word: str
    growths: tuple[str, ...]
    growth_basis: str | None


@dataclass(frozen=True)
class Unit:
    """A run of figures written as one clause group; ``lead`` is what separates it from the unit before."""

    parts: tuple[Part, ...] = ()
    together: Together | None = None
    lead: str = ""

    @property
    def facts(self) -> tuple[Figure, ...]:
        return self.together.facts if self.together else tuple(p.fact for p in self.parts)

    @property
    def simple(self) -> bool:
        """One figure with only an amount: runs of these are joined by commas."""
        if self.together or len(self.parts) != 1:
            return False
        f = self.parts[0].fact
        return f.growth is None and f.share is None and f.change is None and not f.status


def _growth_only(f: Figure) -> bool:
    return (f.growth is not None and f.amount is None and f.share is None and f.change is None
            and not f.status and not f.phrase)


def _together(facts: Sequence[Figure], start: int) -> Together | None:
    """The 分别 group starting at ``start``: two or more growth-only figures in a row with the same
    growth word and basis whose names share an ending of at least two characters."""
    run = [facts[start]]
    if not _growth_only(run[0]):
        return None
    for f in facts[start + 1:]:
        if not (_growth_only(f) and f.growth_word == run[0].growth_word and f.growth_basis == run[0].growth_basis):
            break
        common = os.path.commonprefix([x.name[::-1] for x in [*run, f]])[::-1]
        if len(common) < 2 or any(len(x.name) == len(common) for x in [*run, f]):
            break
        run.append(f)
    if len(run) < 2:
        return None
    common = os.path.commonprefix([x.name[::-1] for x in run])[::-1]
    return Together(tuple(run), tuple(x.name[: len(x.name) - len(common)] for x in run), common,
                    run[0].growth_word, tuple(x.growth or "" for x in run), run[0].growth_basis)


def _part(f: Figure, previous: Figure | None, unit: list[Part], words_of: dict[str, str]) -> Part | None:
    """``f`` as a part of the current unit, or None when it starts a new one."""
    joiner, words, after = parse_phrase(f.phrase) if f.phrase else (None, words_of[f.code], "")
    in_unit = {p.fact.code: p.fact for p in unit}
    whole = in_unit.get(f.parent) if f.parent else None
    share_of_whole = whole is not None and f.share_of == whole.name
    if joiner is not None:
        return Part(f, joiner, words, after, share_of_whole) if unit else Part(f, "", words, after)
    if (previous is not None and unit and unit[-1].fact is previous and f.name.startswith(previous.name)
            and len(f.name) > len(previous.name)):
        return Part(f, "，", words if f.phrase else f.name[len(previous.name):], after)
    if whole is not None:
        first_child = not any(p.fact.parent == f.parent for p in unit)
        # a part shares the verb of its whole: 完成研发支出12.00亿元，其中企业研发支出9.00亿元
        return Part(f, "，其中" if first_child else "；", words if f.phrase else f.name, after, share_of_whole)
    return None


def group(facts: Sequence[Figure], words_of: dict[str, str]) -> tuple[Unit, ...]:
    """The figures of a subsection (in plan order) as units of clauses.
    ``words_of``: each figure's default words (by code)."""
    units: list[Unit] = []
    current: list[Part] = []
    previous: Figure | None = None

    def close() -> None:
        if current:
            units.append(Unit(tuple(current)))
            current.clear()

    i = 0
    while i < len(facts):
        together = _together(facts, i)
        if together is not None:
            close()
            units.append(Unit(together=together))
            i += len(together.facts)
            previous = None
            continue
        f = facts[i]
        part = _part(f, previous, current, words_of)
        if part is None:
            close()
            joiner, words, after = parse_phrase(f.phrase) if f.phrase else (None, words_of[f.code], "")
            part = Part(f, "", words, after)
        current.append(part)
        previous = f
        i += 1
    close()
    return tuple(_with_leads(units))


def _with_leads(units: list[Unit]) -> list[Unit]:
    """Commas between runs of simple units, semicolons elsewhere."""
    out: list[Unit] = []
    for i, u in enumerate(units):
        lead = "" if i == 0 else ("，" if u.simple and units[i - 1].simple else "；")
        out.append(Unit(u.parts, u.together, lead))
    return out
