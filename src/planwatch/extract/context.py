"""What the stages of one sentence share: the mentions found so far, the running topic and the sentence's
clause bounds."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from planwatch.extract.numbers import _Tok


@dataclass(slots=True)
class _Mention:
    role: str
    tok: _Tok
    indicator: str
    of: str | None = None
    target: bool = False
    basis: str | None = None
    negative: bool = False
    scope: str | None = None
    estimate: bool = False
    qualifier: str | None = None
    period: str | None = None       # a period named for this number only (前三季度和全年…分别)


@dataclass(slots=True)
class _State:
    topic: str = ""                 # the name a bare number (增长6.1%) belongs to
    topic_base: str = ""            # the last stand-alone subject (for attributes: 总投资 → 内资总投资)
    last_role: str | None = None
    split_parts: list[str] = field(default_factory=list)
    part: str = ""                  # the 其中 part of this sentence (内资签约项目): attributes attach to it
    part_parent: str = ""           # what the last 其中 part was a part of (签约项目), for a sibling sentence
    entity: str = ""                # the first full subject of this sentence (its rates and states attach to it)
    agent: str = ""                 # the subject of the last 'subject + 实现/完成 + measure' (规模以上工业企业)


@dataclass(slots=True)
class _Ctx:
    """What the numbers of one sentence share."""

    norm: str
    s: int
    e: int
    bounds: list[int]
    toks: list[_Tok]
    state: _State
    mentions: list[_Mention]        # all mentions so far; this sentence's from ``first``
    first: int
    last_in_clause: dict[int, _Mention] = field(default_factory=dict)
    addend: bool = False            # the sentence opened with an addend (加上…): its total is the topic's
    ref_gap: str = ""               # the gap word before a bracketed reference figure (高于全省平均增幅(11%))

    def clause_end(self, pos: int) -> int:
        """Where the comma-level clause holding ``pos`` ends (its mark, or the sentence end)."""
        k = bisect_right(self.bounds, pos)
        return self.bounds[k] if k < len(self.bounds) else self.e

    def numbers_after(self, pos: int) -> int:
        """How many numbers follow ``pos`` in its clause (分别增长1.4%和6.0% → 2)."""
        cend = self.clause_end(pos)
        return sum(1 for t in self.toks if pos < t.start < cend)
