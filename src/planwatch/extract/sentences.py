"""Sentences and clauses: the line a sentence is on (and whether it announces targets), quoted spans and the
clause and list marks outside quotes and brackets (docs/extract.md, pipeline steps 2–3)."""

from __future__ import annotations

from planwatch.extract import _lexicon as L


class _Line:
    """Where the current line starts, and whether its text so far announces targets (…目标…：)."""

    __slots__ = ("start", "scanned", "target", "colon")

    def __init__(self, start: int = 0) -> None:
        self.start = self.scanned = start
        self.target = self.colon = False

    def target_context(self, norm: str, s: int) -> bool:
        """``TARGET_RE`` and a colon somewhere in ``norm[start:s]`` (scanned once per line)."""
        if not self.target:
            self.target = L.TARGET_RE.search(norm, max(self.start, self.scanned - L.TARGET_MAX), s) is not None
        if not self.colon:
            self.colon = norm.find("：", self.scanned, s) >= 0 or norm.find(":", self.scanned, s) >= 0
        self.scanned = s
        return self.target and self.colon


def _line_start(norm: str, pos: int) -> int:
    return norm.rfind("\n", 0, pos) + 1


def _quote_spans(norm: str, s: int, e: int) -> tuple[list[tuple[int, int]], list[int], list[int]]:
    """Quoted spans (content start, end), clause boundaries and list (、) boundaries outside quotes/parens."""
    if L.NESTING_RE.search(norm, s, e) is None:      # no quote or bracket: every mark counts
        return [], [m.start() for m in L.CLAUSE_RE.finditer(norm, s, e)], [
            m.start() for m in L.LIST_RE.finditer(norm, s, e)] if norm.find("、", s, e) >= 0 else []
    quotes: list[tuple[int, int]] = []
    clauses: list[int] = []
    lists: list[int] = []
    close: str | None = None
    qstart = 0
    depth = 0
    for m in L.SPECIAL_RE.finditer(norm, s, e):
        i = m.start()
        ch = m.group()
        if close is not None:
            if ch == close:
                quotes.append((qstart, i))
                close = None
            continue
        if ch in L.OPEN_QUOTES:
            close = L.OPEN_QUOTES[ch]
            qstart = i + 1
        elif ch in L.OPEN_PARENS:
            depth += 1
        elif ch in L.CLOSE_PARENS:
            depth = max(0, depth - 1)
        elif depth == 0:
            if ch in L.CLAUSE_CHARS:
                clauses.append(i)
            elif ch in L.LIST_CHARS:
                lists.append(i)
    return quotes, clauses, lists
