"""What every layer knows about how Chinese reports are written: marks, scope words, names.

This is the base of the Chinese text toolkit (docs/extract.md, "The Chinese text toolkit"): the
sentence and clause boundaries, the quotes and brackets, the one-to-one full-width map, the scope
words (全区, 全市 …) and the normalised key of an indicator name. The fact extractor and the target
reader (``planwatch.extract``), the fact → indicator matching (``planwatch.ingest.matching``) and
the arithmetic audit (``planwatch.analyze.audit``) all read these from here; it lives in ``model``
because ``analyze`` and ``extract`` are independent layers (docs/architecture.md) and both need it.
Numbers are read by ``planwatch.model.numerals`` (Chinese numerals) and
``planwatch.extract.numbers`` (numbers with their units in running text).
"""

from __future__ import annotations

import re
import unicodedata

# ---- marks ---------------------------------------------------------------------------------------

#: marks that end a sentence (a full stop, question or exclamation mark, full-width or ASCII)
FULL_STOPS = "。！？!?"
#: marks that end an item of a list of results or targets (…增长5%；…下降3%): a sentence for the extractor
ITEM_STOPS = "；;"
#: every boundary of a sentence as the extractor, the target reader and the audit cut text: the stops,
#: the semicolons and a line end
SENTENCE_BREAKS = FULL_STOPS + ITEM_STOPS + "\n"
#: marks between the clauses of a sentence
CLAUSE_MARKS = "，,：:"
#: the enumeration comma between the items of a list (A、B、C)
LIST_MARK = "、"
#: opening quote → its closing quote
QUOTE_PAIRS = {"“": "”", "「": "」", "‘": "’", "《": "》", "『": "』", '"': '"'}
OPEN_BRACKETS = "（(【["
CLOSE_BRACKETS = "）)】]"
#: characters that close a sentence when they end a line (…完成。 · …”）): a line ending in another one
#: continues on the next (a PDF line wrapped at the page width)
LINE_CLOSERS = tuple(c for c in FULL_STOPS + ITEM_STOPS if not c.isascii()) + ("：", "…") + tuple("”）」』》")
#: punctuation, quotes, brackets and spaces, which no indicator name depends on
NAME_PUNCTUATION_RE = re.compile(r"[\s\"'“”‘’《》「」【】（）()、，,。.;；:：·\-—_]")

#: full-width characters mapped one to one (offsets never move: every mapping is 1 char → 1 char)
FULLWIDTH = str.maketrans(
    {**{chr(0xFF10 + i): str(i) for i in range(10)},
     "．": ".", "％": "%", "＋": "+", "－": "-", "﹪": "%", "\u3000": " ", "\xa0": " "}
)

# ---- words ---------------------------------------------------------------------------------------

#: the scope of a figure written before its name (全区地区生产总值 is 地区生产总值, scope 全区)
SCOPE_WORDS = ("全区", "全市", "全省", "全县", "全国", "全镇", "全州", "全旗", "全盟", "全乡", "全域",
               "我区", "我市", "我省", "我县", "我镇", "我乡", "我州", "本区", "本市", "本县", "本镇", "区内", "市内")
#: verbs that may open a name as a report writes it (完成地区生产总值 …) and name nothing
NAME_LEAD_VERBS = ("完成", "实现", "达到", "累计", "共")


def alternation(words: tuple[str, ...] | list[str]) -> str:
    """A regex alternation of ``words``, longest first (so a longer word wins over its prefix)."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


# ---- periods -------------------------------------------------------------------------------------

#: the words a sentence names its period with (一季度, 1—5月, 上半年, 去年6月 …): ``year`` is a year written
#: with it, ``shift`` 去年/上年/明年; not the 全年 of 全年计划/目标/任务 (the plan's year, not the figure's period)
PERIOD_WORD_RE = re.compile(
    r"(?:(?P<year>\d{4})年|(?P<shift>去年|上年|明年|今年))?"
    r"(?P<words>上半年|下半年|前三季度|第?[一二三四]季度|全年(?!计划|目标|任务|预算|预期|的)"
    r"|(?:\d{1,2}|[一二三四五六七八九十]{1,3})[—\-–~～至到](?:\d{1,2}|[一二三四五六七八九十]{1,3})月(?:份)?"
    r"|(?:截至|截止)?(?:\d{1,2}|[一二三四五六七八九十]{1,3})月(?:份)?(?:底|末)?(?!\d|日|[一二三四五六七八九十]))"
)

# ---- boundaries ----------------------------------------------------------------------------------

def sentence_bounds(text: str, pos: int, breaks: str = SENTENCE_BREAKS) -> tuple[int, int]:
    """``[start, end)`` of the sentence around ``pos``: after the previous break, through the next
    one (the break itself included)."""
    start = max(text.rfind(ch, 0, pos) for ch in breaks) + 1
    stops = [i for i in (text.find(ch, pos) for ch in breaks) if i != -1]
    return start, (min(stops) + 1 if stops else len(text))


# ---- names ---------------------------------------------------------------------------------------

def name_key(name: str, prefixes: tuple[str, ...] = SCOPE_WORDS + NAME_LEAD_VERBS) -> str:
    """An indicator name as a key for comparing names: NFKC (full-width → half-width), without
    punctuation, quotes and spaces, and without leading ``prefixes`` (scope words and name-lead verbs
    by default) as long as more than one character is left."""
    text = NAME_PUNCTUATION_RE.sub("", unicodedata.normalize("NFKC", name or ""))
    changed = True
    while changed:
        changed = False
        for prefix in prefixes:
            if text.startswith(prefix) and len(text) > len(prefix) + 1:
                text, changed = text[len(prefix):], True
    return text
