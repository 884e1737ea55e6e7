"""First and last characters of a pattern's matches (``EdgeChars``), read from its parse tree, for the
one-character tests before a search in ``_lexicon`` (see docs/extract.md). A module of its own because
``EdgeChars`` subclasses ``frozenset``, which mypyc cannot compile: ``_lexicon`` is compiled with the hot
stages (``_native.MODULES``), this module never is."""

from __future__ import annotations

import re
from typing import Any

try:  # the parse tree of a pattern: its first and last characters
    # (typeshed has no stub for the private re._parser and re._constants modules)
    from re import _constants as _sre_c  # type: ignore[attr-defined]
    from re import _parser as _sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - other Python versions
    _sre_parse = _sre_c = None


#: every white-space character (str.isspace; none lies above U+3000)
_WHITE_SPACE = frozenset(c for c in map(chr, range(0x3001)) if c.isspace())


class EdgeChars(frozenset[str]):
    """The characters a match of a pattern can start (``last=False``) or end (``last=True``) with,
    computed from the pattern itself, for a cheap one-character test before a search: ``ch in edge``
    (a frozenset, so the test runs at C speed).

    ``\\s`` at the edge adds every white-space character (``space`` is then True); an edge that can be
    any character (a negated class, ``.``, a wide range) or a pattern that can match the empty string
    is refused with ``ValueError`` at import time, so a pattern change can never make the test silently
    skip a match."""

    space: bool

    def __new__(cls, pattern: re.Pattern[str], *, last: bool) -> EdgeChars:
        if _sre_parse is None:  # pragma: no cover - other Python versions
            raise ValueError("re._parser is not available")
        chars, space, nullable = _edge_seq(list(_sre_parse.parse(pattern.pattern, pattern.flags)), last)
        if nullable:
            raise ValueError(f"pattern {pattern.pattern!r} can match the empty string")
        return cls._of(chars, space)

    @classmethod
    def _of(cls, chars: set[str] | frozenset[str], space: bool) -> EdgeChars:
        out = frozenset.__new__(cls, set(chars) | (_WHITE_SPACE if space else set()))
        out.space = space
        return out

    @classmethod
    def of_any(cls, *edges: EdgeChars) -> EdgeChars:
        """The characters any of ``edges`` holds."""
        return cls._of(frozenset().union(*edges), any(e.space for e in edges))

    @property
    def chars(self) -> frozenset[str]:
        """The characters besides white space."""
        return frozenset(self - _WHITE_SPACE) if self.space else frozenset(self)

    def char_class(self) -> str:
        """A regex character class of the same characters."""
        return "[" + re.escape("".join(sorted(self.chars))) + (r"\s" if self.space else "") + "]"


def _edge_seq(items: list[tuple[Any, Any]], last: bool) -> tuple[set[str], bool, bool]:
    """(characters, white space, can be empty) at the start or end of a sequence of parse items."""
    chars: set[str] = set()
    space = False
    for op, av in (reversed(items) if last else items):
        c, sp, nullable = _edge_item(op, av, last)
        chars |= c
        space = space or sp
        if not nullable:
            return chars, space, False
    return chars, space, True


def _edge_item(op: Any, av: Any, last: bool) -> tuple[set[str], bool, bool]:
    c = _sre_c
    if op is c.LITERAL:
        return {chr(av)}, False, False
    if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
        return set(), False, True       # zero width
    if op is c.IN:
        chars, space = _edge_class(av)
        return chars, space, False
    if op is c.BRANCH:
        found = [_edge_seq(list(sub), last) for sub in av[1]]
        return (set().union(*(f[0] for f in found)), any(f[1] for f in found), any(f[2] for f in found))
    if op is c.SUBPATTERN:
        return _edge_seq(list(av[-1]), last)
    if op is c.ATOMIC_GROUP:
        return _edge_seq(list(av), last)
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
        lo, _, sub = av
        chars, space, nullable = _edge_seq(list(sub), last)
        return chars, space, nullable or lo == 0
    raise ValueError(f"a match can start or end with any character ({op})")


def _edge_class(items: list[tuple[Any, Any]]) -> tuple[set[str], bool]:
    c = _sre_c
    chars: set[str] = set()
    space = False
    for op, av in items:
        if op is c.LITERAL:
            chars.add(chr(av))
        elif op is c.RANGE and av[1] - av[0] <= 64:
            chars.update(chr(i) for i in range(av[0], av[1] + 1))
        elif op is c.CATEGORY and av is c.CATEGORY_SPACE:
            space = True
        else:
            raise ValueError(f"a match can start or end with any character ({op})")
    return chars, space
