"""Traditional-character texts (a report copied from a Big5 page): read in Simplified, named in the text's own
characters. The rules of the extractor are written in Simplified characters; OpenCC's one-to-one character table
(shipped by opencc-purepy) maps a Traditional text onto them without moving any offset."""

from __future__ import annotations

import functools
import re
from collections import Counter
from importlib import resources

#: a text is read as Traditional when at least this share of its Han characters are Traditional-only
#: (a Simplified text holds a few characters OpenCC also converts, such as the 著 of 显著)
TRADITIONAL_SHARE = 0.05
#: how many characters that share is counted on
TRADITIONAL_SAMPLE = 4000
_HAN_RE = re.compile("[\u4e00-\u9fff]")


@functools.cache
def _traditional_table() -> tuple[dict[int, str], re.Pattern[str]]:
    """Traditional → Simplified, one character to one (OpenCC's ``TSCharacters`` table, shipped by
    opencc-purepy); characters whose Simplified forms include themselves (乾, 於 …) stay."""
    data = resources.files("opencc_purepy").joinpath("dicts/TSCharacters.txt").read_text(encoding="utf-8")
    table: dict[int, str] = {}
    for line in data.splitlines():
        trad, _, forms = line.partition("\t")
        candidates = forms.split()
        if len(trad) == 1 and candidates and trad not in candidates and len(candidates[0]) == 1:
            table[ord(trad)] = candidates[0]
    # (characters above U+FFFF in a class make the regex engine test every member in turn, about 350 ns a
    # character of text; kept apart behind a one-range lookahead, the class of the others is one bitmap test)
    bmp = "".join(chr(c) for c in table if c <= 0xFFFF)
    astral = "".join(chr(c) for c in table if c > 0xFFFF)
    alternation = f"[{re.escape(bmp)}]" + (f"|(?=[\U00010000-\U0010FFFF])[{re.escape(astral)}]" if astral else "")
    return table, re.compile(alternation)


def to_simplified(text: str) -> tuple[str, dict[int, str]]:
    """``text`` with Traditional characters replaced one to one by Simplified ones (offsets kept), and
    the map back to the text's own characters (empty, and ``text`` itself, when it is not Traditional).

    The rules of the extractor are written in Simplified characters; a report copied from a Big5 page
    (重慶市級重大項目…佔年度計劃投資的55.9%) is read through this, and its names and units are given back
    in the text's own characters with the returned map."""
    table, pattern = _traditional_table()
    first = pattern.search(text)
    if first is None:
        return text, {}
    # the script is decided on a sample from the first Traditional-looking character on (a copy is one script
    # throughout; counting a whole long text would cost more than reading it)
    sample = text[first.start():first.start() + TRADITIONAL_SAMPLE]
    traditional = len(pattern.findall(sample))
    if traditional < 3 or traditional < TRADITIONAL_SHARE * len(_HAN_RE.findall(sample)):
        return text, {}
    found = pattern.findall(text)
    # a Simplified character two Traditional ones map to (发 ← 發, 髮) goes back to the more frequent one
    back = {ord(table[ord(ch)]): ch for ch, _ in reversed(Counter(found).most_common())}
    return text.translate(table), back
