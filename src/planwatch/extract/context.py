"""What the stages of one sentence share: the mentions found so far, the running topic and the sentence's
clause bounds."""

from __future__ import annotations

from bisect import bisect_right

from planwatch.extract.numbers import _Tok

# (Plain classes with __slots__, not dataclasses: their ``__init__`` is compiled with the module by mypyc,
# and they are made for every number or sentence.)

class _Mention:
    """A number with its role and indicator name."""

    __slots__ = ("role", "tok", "indicator", "of", "target", "basis", "negative", "scope", "estimate", "qualifier",
                 "period")

    def __init__(self, role: str, tok: _Tok, indicator: str, of: str | None = None, target: bool = False,
                 basis: str | None = None, negative: bool = False, scope: str | None = None, estimate: bool = False,
                 qualifier: str | None = None, period: str | None = None) -> None:
        self.role = role
        self.tok = tok
        self.indicator = indicator
        self.of = of
        self.target = target
        self.basis = basis
        self.negative = negative
        self.scope = scope
        self.estimate = estimate
        self.qualifier = qualifier
        self.period = period            # a period named for this number only (前三季度和全年…分别)


class _State:
    """What carries from sentence to sentence on a line."""

    __slots__ = ("topic", "topic_base", "last_role", "split_parts", "part", "part_parent", "entity", "agent")

    def __init__(self) -> None:
        self.topic = ""                 # the name a bare number (增长6.1%) belongs to
        self.topic_base = ""            # the last stand-alone subject (for attributes: 总投资 → 内资总投资)
        self.last_role: str | None = None
        self.split_parts: list[str] = []
        self.part = ""                  # the 其中 part of this sentence (内资签约项目): attributes attach to it
        self.part_parent = ""           # what the last 其中 part was a part of (签约项目), for a sibling sentence
        self.entity = ""                # the first full subject of this sentence (its rates and states attach to it)
        self.agent = ""                 # the subject of the last 'subject + 实现/完成 + measure' (规模以上工业企业)


class _Ctx:
    """What the numbers of one sentence share."""

    __slots__ = ("norm", "s", "e", "bounds", "toks", "state", "mentions", "first", "last_in_clause", "addend",
                 "ref_gap")

    def __init__(self, norm: str, s: int, e: int, bounds: list[int], toks: list[_Tok], state: _State,
                 mentions: list[_Mention], first: int) -> None:
        self.norm = norm
        self.s = s
        self.e = e
        self.bounds = bounds
        self.toks = toks
        self.state = state
        self.mentions = mentions        # all mentions so far; this sentence's from ``first``
        self.first = first
        self.last_in_clause: dict[int, _Mention] = {}
        self.addend = False             # the sentence opened with an addend (加上…): its total is the topic's
        self.ref_gap = ""               # the gap word before a bracketed reference figure (高于全省平均增幅(11%))

    def clause_end(self, pos: int) -> int:
        """Where the comma-level clause holding ``pos`` ends (its mark, or the sentence end)."""
        k = bisect_right(self.bounds, pos)
        return self.bounds[k] if k < len(self.bounds) else self.e

    def numbers_after(self, pos: int) -> int:
        """How many numbers follow ``pos`` in its clause (分别增长1.4%和6.0% → 2)."""
        cend = self.clause_end(pos)
        return sum(1 for t in self.toks if pos < t.start < cend)
