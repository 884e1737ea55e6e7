"""Indicator facts out of Chinese report text (../shared/extraction/GUIDELINE.md).

``extract_facts(text)`` returns :class:`planwatch.model.fact.Fact` objects in text order; every
slot carries the ``[start, end)`` span of its number in ``text``. The engine is rule based and
linear, one module per stage: ``sentences`` (sentences, clauses, quotes) → ``numbers`` (one regex
pass over number tokens with their units) → ``mentions`` (each number with its ``roles`` — role
cue, sign, target — and its ``names`` — the clause's subject, the topic carried) and ``statuses``
(verdict clauses) → facts (slots of one indicator grouped; the engine over a document is ``document``). Word lists and patterns are in
``_lexicon``; the rules are documented in docs/extract.md.

``python -m planwatch.extract.facts FILE`` prints one ``Fact.to_json()`` per line (JSONL).
"""

from __future__ import annotations

import json
import sys

from planwatch.extract.document import _facts, _own_characters
from planwatch.extract.traditional import to_simplified
from planwatch.model.fact import Fact

__all__ = ["extract_facts", "main"]


def extract_facts(text: str) -> list[Fact]:
    """Facts stated in ``text`` (any string; never raises), in text order."""
    if not text:
        return []
    simple, back = to_simplified(text)
    if back:       # a Traditional text: read in Simplified, named in its own characters
        return [_own_characters(fact, back) for fact in _facts(simple)]
    return _facts(text)


def main(argv: list[str] | None = None) -> int:
    from pathlib import Path

    args = sys.argv[1:] if argv is None else argv
    if not args:
        print("用法：python -m planwatch.extract.facts 文件…", file=sys.stderr)
        return 2
    out = sys.stdout
    for arg in args:
        try:
            text = Path(arg).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            print(f"无法读取文件“{arg}”：{exc}", file=sys.stderr)
            return 2
        for fact in extract_facts(text):
            out.write(json.dumps(fact.to_json(), ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
