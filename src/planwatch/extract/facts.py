"""Indicator facts out of Chinese report text (../shared/extraction/GUIDELINE.md).

``extract_facts(text)`` returns :class:`planwatch.model.fact.Fact` objects in text order; every
slot carries the ``[start, end)`` span of its number in ``text``. The engine is rule based and
linear: sentences → one regex pass over number tokens → each number classified by the words
around it (role cue, unit, qualifier, basis) and named from the clause's subject. The rules are
documented in docs/extract.md.

``python -m planwatch.extract.facts FILE`` prints one ``Fact.to_json()`` per line (JSONL).
"""

from __future__ import annotations

import gc
import json
import sys
from bisect import bisect_right
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from planwatch.extract import _lexicon as L
from planwatch.model.fact import Fact, Slot, StatusSlot
from planwatch.model.numerals import chinese_to_decimal

__all__ = ["extract_facts", "main"]


@dataclass(slots=True)
class _Tok:
    start: int
    end: int                 # end of the digits
    number: Decimal
    unit: str
    base: str
    unit_end: int            # end of unit and trailing qualifier
    qualifier: str | None
    chinese: bool


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


# ------------------------------------------------------------------------------------------------
# public API


def extract_facts(text: str) -> list[Fact]:
    """Facts stated in ``text`` (any string; never raises), in text order."""
    if not text:
        return []
    # The extractor builds many small acyclic objects; the cyclic collector only slows it down
    # (about 20 % on megabytes of text), so it is paused for the call and restored after.
    paused = gc.isenabled()
    if paused:
        gc.disable()
    try:
        return _extract(text)
    finally:
        if paused:
            gc.enable()


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
        try:
            _sentence(norm, s, e, state, line, mentions, statuses)
        except (ValueError, IndexError, InvalidOperation, ArithmeticError):  # pragma: no cover - safety net
            continue
    return _assemble(text, mentions, statuses)


# ------------------------------------------------------------------------------------------------
# tokens


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


def _in_quote(quotes: list[tuple[int, int]], pos: int) -> tuple[int, int] | None:
    for a, b in quotes:
        if a <= pos < b:
            return a, b
    return None


def _tokens(norm: str, s: int, e: int, quotes: list[tuple[int, int]], ls: int) -> list[_Tok]:
    out: list[_Tok] = []
    consumed = s
    n = len(norm)
    digits = L.ASCII_DIGITS
    for m in L.NUMBER_RE.finditer(norm, s, e):
        a, b = m.span()
        if a < consumed:
            continue
        raw = m.group()
        chinese = raw[0] not in digits
        mag_split = ""
        if chinese:
            # (NUMBER_RE matches a Chinese numeral only before a possible unit or ending in 万/亿)
            # a trailing 万/亿 is the unit's magnitude (三百万人 → 三百 + 万人); alone it is no number
            while raw and raw[-1] in "万亿" and len(raw) > 1:
                mag_split = raw[-1] + mag_split
                raw = raw[:-1]
                b -= 1
            if all(ch in "百千万亿" for ch in raw):
                # a bare magnitude is a round number only after a qualifier (超千亿元, 近百个, 近万人);
                # otherwise it is a class or a word (千亿级, 百强县, 千方百计)
                if not (len(raw) == 1 and raw in "百千万" and L.ROUND_QUAL_RE.search(norm, max(s, a - 2), a)):
                    continue
        tok = _make_token(norm, s, e, a, b, raw, chinese, mag_split, quotes, n, ls)
        if tok is None:
            continue
        out.append(tok)
        consumed = tok.unit_end
    return out


def _read_unit(norm: str, s: int, e: int, a: int, b: int, n: int, raw: str, chinese: bool,
               mag_split: str) -> tuple[str, str, str | None, int, str | None] | None:
    """(unit, base unit, qualifier, end of unit, trailing qualifier) after a number, or None."""
    um = L.UNIT_RE.match(norm, b + len(mag_split), e)
    if um is None:  # pragma: no cover - the pattern always matches (all parts optional)
        return None
    pp, q1, umag, q2, base_u, post = um.groups()
    end = um.end()
    qualifier = None
    if pp:
        unit = "个百分点"
        base = unit
    else:
        mag = mag_split + (umag or "")
        base_u = base_u or ""
        if mag_split and umag:
            return None
        if chinese and base_u == "" and not mag:
            return None
        if chinese and base_u == "次" and "\u4e00" <= (norm[end] if end < n else "") <= "\u9fff":
            return None  # 三次产业, 两次会议: a name, not a count
        if q1 or q2:
            qualifier = q1 or q2
        unit = mag + base_u
        base = base_u
        if not unit and not chinese and end < e and norm[end] in "和、" and norm[end - 1] not in " ":
            # 分别提高0.8和1.5个百分点: the first number of a pair shares the unit of the second
            nm = L.NUMBER_RE.match(norm, end + 1, e)
            if nm and nm.group()[0] in L.ASCII_DIGITS:
                pm = L.UNIT_RE.match(norm, nm.end(), e)
                if pm and pm.group(1):
                    return "个百分点", "个百分点", None, end, None
                if pm and pm.group(5) in L.PERCENT_LIKE and not pm.group(3):
                    return pm.group(5), pm.group(5), None, end, None
        if not unit:
            # bare numbers count only after 指数/系数 (居民消费价格指数为102.1)
            if chinese or not L.BARE_OK_RE.search(norm, max(s, a - 12), a):
                return None
            if len(raw) == 4 and raw[:2] in ("19", "20"):
                return None
    if post:
        qualifier = qualifier or post
    return unit, base, qualifier, end, post


def _excluded(norm: str, a: int, b: int, n: int, chinese: bool, mag_split: str,
              q: tuple[int, int] | None, ls: int) -> bool:
    """A number that is part of a name, code, class, range, ratio or list marker."""
    prev = norm[a - 1] if a > 0 else "\n"
    nxt = norm[b] if b < n else "\n"
    if q is None and prev not in L.EXCL_PREV and nxt not in L.EXCL_NEXT and not prev.isspace():
        return False           # (every rule below needs one of these characters around the number)
    prev2 = norm[a - 2] if a > 1 else "\n"
    # names, codes and classes: PM2.5, 5G, “4+2+1”, 第11, 每万人口, 0-3岁
    if prev in L.ASCII_LETTER or prev in "+＋/×*" or prev in "第每":
        return True
    if prev == "." or (prev in L.RANGE_CHARS and prev2.isdigit()) or (prev in ":：" and prev2.isdigit()):
        return True
    if prev == "”" and chinese:
        return True  # “一体化”和“高质量”两个关键词: a rhetorical count of slogans
    if not mag_split and (nxt in "+＋" or (nxt in ":：" and b + 1 < n and norm[b + 1].isdigit())):
        return True
    if not mag_split and nxt in L.RANGE_CHARS and b + 1 < n and (norm[b + 1].isdigit() or norm[b + 1] in L.CN_NUMERAL_CHARS):
        return True
    if q is not None and (q[1] - q[0] <= 15 or "+" in norm[q[0]:q[1]]):
        return True
    # list markers: 一、 · （二） · 3. at the start of a line
    if prev in "（(" and nxt in "）)":
        return True
    head = norm[ls:a].strip() if (a == ls or prev in "（(" or prev.isspace()) else "x"
    if (head in ("", "（", "(")) and nxt in "、.．)）" and not mag_split:
        if not (nxt == "." and b + 1 < n and norm[b + 1].isdigit()):
            return True
    return False


def _names_a_class(norm: str, s: int, e: int, a: int, unit: str, base: str, unit_end: int, chinese: bool) -> bool:
    """A number with its unit that is part of a name or a period, not a measurement."""
    # a size class: 千亿级产业集群 · 10万吨级泊位
    if unit and unit_end < e and norm[unit_end] == "级":
        return True
    # a money threshold that names a class: 超10亿元项目5个 · 5000万元企业
    if base in ("元", "美元") and norm.startswith(("项目", "企业"), unit_end):
        return True
    # a length of time is a period, not a measured count (最后两个月, 前三个季度)
    if base == "个" and norm.startswith(("月", "季度", "年头"), unit_end):
        return True
    # a streak is a period (连续两个月回落, 连续3个季度)
    if a > 1 and norm[a - 2:a] == "连续":
        return True
    # a capacity in a project's name (年产20万吨锂电正极材料项目)
    if a > 0 and norm[a - 1] in L.CAPACITY_LAST and L.CAPACITY_LEFT_RE.search(norm, max(s, a - 6), a) \
            and L.NAMED_PROJECT_RE.match(norm, unit_end, e):
        return True
    # a programme named by its count (十件民生实事, 五项行动)
    return chinese and base in ("件", "项", "大") and L.PROGRAMME_RE.match(norm, unit_end, e) is not None


def _make_token(norm: str, s: int, e: int, a: int, b: int, raw: str, chinese: bool, mag_split: str,
                quotes: list[tuple[int, int]], n: int, ls: int) -> _Tok | None:
    q = _in_quote(quotes, a) if quotes else None
    if _excluded(norm, a, b, n, chinese, mag_split, q, ls):
        return None
    prev = norm[a - 1] if a > 0 else "\n"
    prev2 = norm[a - 2] if a > 1 else "\n"
    unit_info = _read_unit(norm, s, e, a, b, n, raw, chinese, mag_split)
    if unit_info is None:
        return None
    unit, base, qualifier, unit_end, post = unit_info
    # ages are class names (0-3岁婴幼儿, 60岁以上老人) unless a life expectancy or age is measured
    if base == "岁" and not L.AGE_OK_RE.search(norm, max(s, a - 6), a):
        return None
    # a threshold inside a class name: 亿元以上项目 · 60岁以上老年人
    if post in ("以上", "以下", "及以上") and unit_end < e:
        after = norm[unit_end]
        if "\u4e00" <= after <= "\u9fff" and after not in "的，。；、和及":
            return None
    if _names_a_class(norm, s, e, a, unit, base, unit_end, chinese):
        return None
    if chinese:
        # 一 alone is a word far more often than a count (一批, 一体化, 一次); 三年行动, 十大 have no unit
        if raw == "一" and base not in ("倍", "成"):
            return None
        if q is not None:
            return None
        if base in ("度", "分", "秒", "米", "克", "瓦", "对", "部", "单", "起", "场", "位", "床", "例", "篇", "种",
                    "间", "块", "头", "只", "列", "架", "斤", "期"):
            return None  # 一分为二, 三部曲, 两位数 …: too ambiguous after a Chinese numeral
    try:
        if chinese:
            number = chinese_to_decimal(raw)
        else:
            number = Decimal(raw.replace(",", "") if "," in raw else raw)
    except (ValueError, InvalidOperation, KeyError):
        return None
    if not chinese and prev in "-−" and not prev2.isdigit() and prev2 not in L.ASCII_LETTER:
        number = -number
    return _Tok(a, b, number, unit, base, unit_end, qualifier, chinese)


# ------------------------------------------------------------------------------------------------
# subjects


def _clean(sub: str) -> str:
    """Strip scope/time words, leading 完成/实现/累计 …, trailing connectors."""
    sub = sub.strip()
    if not sub:
        return sub
    if sub[:1] in L.ASCII_DIGITS:
        mm = L.LIST_MARK_RE.match(sub)
        if mm:                              # 1.地区生产总值增长5%: the item number is no part of the name
            sub = sub[mm.end():]
    while True:
        # LEAD_RE and TRAIL_RE remove maximal runs, so a second pass changes something only when
        # a closing bracket or an unmatched opening one went at the start
        lm = L.LEAD_RE.match(sub)
        if lm:
            rest = sub[lm.end():]
            am = L.ACTION_END_RE.search(sub, 0, lm.end()) if 0 < len(rest) <= 2 else None
            sub = sub[am.start():] if am else rest
        if sub and (sub[-1] in L.TRAIL_LAST or sub[-1].isspace()):
            sub = L.T_TRAIL.cut(sub)
        stripped = sub.lstrip("）)」”》")
        if stripped.startswith(("（", "(")) and not any(c in stripped for c in "）)"):
            stripped = stripped[1:]
        if stripped == sub:
            break
        sub = stripped
    if "完成" in sub or "实现" in sub:
        sub = L.MID_VERB_RE.sub("", sub)
    if "受" in sub or "因" in sub:
        sub = L.CAUSE_RE.sub("", sub)
    k = sub.find("的", 2, 9)
    if k > 0:
        am = L.AUTH_LEAD_RE.match(sub, 0, k + 1)
        if am and am.end() == k + 1:
            sub = sub[k + 1:]               # 控制在省核定的债务限额 → 债务限额
    return sub.strip()


def _strip_time_scope(sub: str) -> str:
    sub = sub.strip()
    m = L.TIME_SCOPE_RE.match(sub)
    return sub[m.end():] if m else sub


def _split_parts(sub: str, conj: bool = True) -> list[str]:
    """规上、规下工业增加值 → [规上工业增加值, 规下工业增加值]; 进出口总额和出口额 → as written.
    With conj False only 、 separates parts (家用电器和音像器材类、通讯器材类商品零售额: 和 is inside a name)."""
    parts: list[str] = []
    cur = []
    depth = 0
    i = 0
    while i < len(sub):
        ch = sub[i]
        if ch in L.OPEN_QUOTES or ch in L.OPEN_PARENS:
            depth += 1
        elif ch in L.OPEN_QUOTES.values() or ch in L.CLOSE_PARENS:
            depth = max(0, depth - 1)
        if depth == 0 and (ch == "、" or (conj and ch in "和及与" and i > 0)):
            if ch == "及" and sub[i:i + 2] == "及以":
                cur.append(ch)
                i += 1
                continue
            parts.append("".join(cur))
            cur = []
            if sub[i:i + 2] == "以及":
                i += 1
        else:
            cur.append(ch)
        i += 1
    parts.append("".join(cur))
    parts = [p.strip() for p in parts if p.strip()]
    if len(parts) < 2:
        return parts
    cm = L.CLASS_WORD_RE.search(parts[-1]) if "、" in sub else None
    if cm and cm.start() >= 2:
        # A、B、C三大主导产业: the class word counts the parts; its head noun belongs to each
        head = cm.group("head") or ""
        parts[-1] = parts[-1][:cm.start()]
        parts = [p if p.endswith(head) else p + head for p in parts]
    last = parts[-1]
    out = []
    for p in parts[:-1]:
        if len(p) <= 4 and len(p) < len(last) - 1:
            cut = len(p)
            k = last.find(p[-1], 0, len(p) + 1)
            if 0 <= k < len(last) - 1:
                cut = k + 1
            out.append(p + last[cut:])
        elif not conj and p[-1] in last[:-1] and len(last) - last.index(p[-1]) > 2:
            out.append(p + last[last.index(p[-1]) + 1:])   # 音像器材类 + 商品零售额 from 通讯器材类商品零售额
        else:
            out.append(p)
    out.append(last)
    # 规上工业企业营业收入和利润总额 · 生产安全事故起数和死亡人数: a later part that is only a measure
    # takes the subject of the first part
    hm = L.MEASURE_TAIL_RE.search(out[0])
    if hm and hm.start() >= 2:
        subj = out[0][:hm.start()]
        out[1:] = [subj + p if L.BARE_MEASURE_RE.fullmatch(p) else p for p in out[1:]]
    return out


def _split_list(sub: str) -> list[str]:
    """Split on 、 outside quotes and brackets only."""
    parts: list[str] = []
    cur: list[str] = []
    depth = 0
    for ch in sub:
        if ch in L.OPEN_QUOTES or ch in L.OPEN_PARENS:
            depth += 1
        elif ch in L.OPEN_QUOTES.values() or ch in L.CLOSE_PARENS:
            depth = max(0, depth - 1)
        if ch == "、" and depth == 0:
            parts.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    parts.append("".join(cur))
    return [p.strip() for p in parts if p.strip()]


def _right_noun(norm: str, pos: int, e: int) -> str:
    """The noun right after a count (5个|省重大项目完成投资 → 省重大项目)."""
    out: list[str] = []
    i = pos
    limit = min(e, pos + 24)
    close: str | None = None
    seg = 0
    while i < limit:
        ch = norm[i]
        if close is not None:
            out.append(ch)
            if ch == close:
                close = None
            i += 1
            continue
        if ch in "“「‘":
            close = L.OPEN_QUOTES[ch]
            out.append(ch)
            i += 1
            continue
        if ch in "（(" and out:             # 4个县（市）入选…: a bracket that completes the noun
            j = norm.find("）" if ch == "（" else ")", i + 1, min(limit, i + 8))
            if j > i + 1 and all("\u4e00" <= c <= "\u9fff" or c in "、" for c in norm[i + 1:j]):
                out.append(norm[i:j + 1])
                i = j + 1
                continue
        if ch == "、" and 0 < seg <= 2:
            out.append(ch)
            seg = 0
            i += 1
            continue
        if ch in L.ASCII_DIGITS and not out:
            j = i
            while j < limit and norm[j] in L.ASCII_DIGITS:
                j += 1
            if norm.startswith(("岁", "周岁"), j):    # 2860名|65岁以上老年人: an age class names them
                out.append(norm[i:j])
                i = j
                continue
        if not ("\u4e00" <= ch <= "\u9fff" or ch in L.ASCII_LETTER) or ch in L.CN_DIGITS and i + 1 < e and norm[i + 1] in "个项家":
            break
        if ch in L.ASCII_LETTER and out and "\u4e00" <= out[-1] <= "\u9fff" and L.CODED_NAME_RE.match(norm, i, limit):
            break                           # 5个设区市|PM2.5浓度达到…: a coded name starts the predicate
        if out and ch in L.RIGHT_STOP_FIRST and L.RIGHT_STOP_RE.match(norm, i):
            break
        out.append(ch)
        seg += 1
        i += 1
    return "".join(out).rstrip("的、")


def _prev_clause_topic(norm: str, start: int, end: int) -> str:
    """A previous clause used as a topic: 推进“拿地即开工”常态化 → “拿地即开工”常态化."""
    pm = L.PREP_RE.match(norm, start, end)
    t = _clean(norm[pm.end() if pm else start:end])
    t = L.TOPIC_LEAD_RE.sub("", t)
    t = L.T_TOPIC_TRAIL.cut(t)
    return t[-14:]


# ------------------------------------------------------------------------------------------------
# one sentence


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
    first = len(mentions)
    if toks:
        _numbers(norm, s, e, clauses, lists, toks, state, mentions, _target_from(norm, s, e, line))
    _statuses(norm, s, e, line.start, clauses, toks, state, statuses, mentions, first)


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


def _name_start(norm: str, cstart: int, sstart: int, end: int) -> int:
    """Where the name of a number at ``end`` starts: the list item (``sstart``), or after a partner
    phrase's verb, or at the class count that sums up an enumeration."""
    pm = L.PREP_RE.match(norm, cstart, end) if cstart < end and norm[cstart] in L.PREP_FIRST else None
    if pm:
        return max(sstart, pm.end())        # 携手青浦、嘉善累计推出制度创新成果: the name starts after the verb
    if sstart > cstart:
        km = L.CLASS_SUM_RE.search(norm, sstart, end)
        if km:
            return km.start()               # A、B、小餐饮三类场所合规化改造 → 三类场所合规化改造
        if norm.find("等", sstart, end) >= 0 and L.ETC_RE.search(norm, sstart, end):
            return cstart                   # 协调解决用地、资金、审批等问题230个: the whole enumeration
    return sstart


def _strip_prequal(left: str, qualifier: str | None) -> tuple[str, str | None]:
    """Drop 超/近/约/达/为 … written just before a number; keep the qualifiers."""
    for _ in range(4):
        if not left or (left[-1] not in L.PREQUAL_LAST and not left[-1].isspace()):
            break
        pm = L.T_PREQUAL.search(left)
        if not pm:
            break
        q = pm.group("q")
        if q in L.PREQUAL_KEEP and qualifier is None:
            qualifier = L.PREQUAL_KEEP[q]
        left = left[:pm.start()]
    return left, qualifier


def _role(left: str, t: _Tok) -> tuple[str, str, bool, str | None]:
    """(role, subject left of the cue, negative, of) from the words just before the number."""
    pct = t.base in L.PERCENT_LIKE
    if t.unit == "个百分点":
        return _points_role(left)
    if pct:
        got = _percent_role(left, t)
        if got is not None:
            return got
    # a level reached (value), a relative change (growth) or an absolute one (change), else a value
    last = left[-1:]
    lm = L.T_TO_LEVEL.search(left) if last in L.TO_LEVEL_LAST else None
    if lm:
        subject = left[:lm.start()]
        cm = L.T_CUE.search(subject)
        if pct and cm and cm.group("cue") in ("降幅", "增幅", "涨幅"):
            # 出口降幅收窄至5%以内: the rate of change reached is a growth (of −5% for a fall)
            return "growth", subject[:cm.start()], cm.group("cue") == "降幅", None
        return "value", subject[:cm.start()] if cm else subject, False, None
    cm = L.T_CUE.search(left) if last in L.CUE_LAST else None
    if cm and t.unit == "‰" and cm.group("cue").startswith("增长率"):
        cm = None                   # 人口自然增长率为0.9‰: a rate named by its own name, in per mille
    if cm and not left.endswith(("增加值", "新增")):
        cue = cm.group("cue")
        # 单产412.3公斤/亩，提高3.8公斤: a bare cue opening its clause moves the level just stated
        compared = (bool(L.T_COMPARE.search(left[:cm.start()])) or left[:cm.start()].endswith("再")
                    or (cm.start() == 0 and cue in L.LEVEL_MOVE_CUES))
        if (pct or cue in L.CHANGE_CUES or compared) and not (pct and cue in ("多", "少") and not compared):
            return ("growth" if pct else "change"), L.T_COMPARE.cut(left[:cm.start()]), cue in L.DECREASE, None
    if not pct and last in L.COMPARE_GAP_LAST:
        gm = L.T_COMPARE_GAP.search(left)
        if gm and gm.group("ref"):  # 比预期目标低1.6微克/立方米: the gap to a reference level
            return "change", left[:gm.start()], gm.group("dir") in L.GAP_NEG, None
    return "value", left, False, None


def _points_role(left: str) -> tuple[str, str, bool, str | None]:
    """个百分点: a change, its sign from the cue or the gap word."""
    cm, gm = L.T_CUE.search(left), L.T_GAP.search(left)
    if cm and gm and gm.start() < cm.start():
        cm = None                   # 快于GDP增速0.3个百分点: the cue word names the reference
    if cm:
        negative = cm.group("cue") in L.DECREASE
        if L.FALL_RATE_RE.search(left, 0, cm.start()):
            negative = not negative
        return "change", L.T_COMPARE.cut(left[:cm.start()]), negative, None
    if gm:
        return "change", L.T_COMPARE.cut(left[:gm.start()]), gm.group("dir") in L.GAP_NEG, None
    gm = L.T_COMPARE_GAP.search(left)
    if gm:                          # 比年度预期目标（7%）高0.2个百分点
        return "change", left[:gm.start()], gm.group("dir") in L.GAP_NEG, None
    return "change", L.T_COMPARE.cut(left), False, None


def _percent_role(left: str, t: _Tok) -> tuple[str, str, bool, str | None] | None:
    """A percentage (or 倍/成) as a plan completion or a share, or None (a value or growth)."""
    pm = L.T_PLAN_RATE.search(left) if "完成率" in left else None
    if pm:                          # 完成率112.4%: progress of the topic against its plan
        return "plan_completion", left[:pm.start()], False, None
    pm = L.T_PLAN.search(left)
    if pm:
        return "plan_completion", left[:pm.start()], False, pm.group("ref")
    if L.T_SHARE_PP.search(left):
        return "share", left[:-2], False, None
    um = L.T_SHARE_USE.search(left) if "比" in left else None
    if um:                          # 用于产业发展的比重达到62.5%: the topic's share put to a use
        return "share", um.group("use"), False, None
    shm = L.T_SHARE.search(left)
    if shm and "占" in left:
        of = L.T_TRAIL.cut(shm.group("of").strip()) or None
        return "share", left[:shm.start()], False, of
    if t.base == "成" and not L.T_CUE.search(left):
        lm = L.T_TO_LEVEL.search(left)  # 连续五年保持在八成以上: the level of the topic's share
        if lm:
            left = L.STREAK_RE.sub("", left[:lm.start()])
        return "share", left, False, None
    return None


def _count_name(ctx: _Ctx, t: _Tok, left_raw: str, clause_left: str) -> str:
    """The name of a count written before its noun (5个省重大项目 → 省重大项目), or ''."""
    norm, e, state = ctx.norm, ctx.e, ctx.state
    right = _right_noun(norm, t.unit_end, e)
    if len(right) < 2:
        return ""
    pred = _count_predicate(ctx, t, t.unit_end + len(right))
    right += pred                           # 260个泊位|尚未投入使用 → 泊位尚未投入使用
    if not pred and "的" in right and left_raw.rstrip().endswith(("实现", "完成")):
        # 实现468个高频事项的跨域通办 → 跨域通办高频事项 (the action realised on the counted things)
        thing, _, action = right.partition("的")
        if len(thing) >= 2 and 2 <= len(action) <= 6:
            right = action + thing
    left_end = left_raw.rstrip()[-2:]
    if left_end.endswith("在") and right.endswith(("中", "里")):
        right = right[:-1]                  # 在41个工业大类行业中: the frame's postposition goes
    if left_end.endswith("为"):
        bm = L.BENEFIT_VERB_RE.search(right, 2)
        if bm:                              # 为2860名65岁以上老年人开展免费健康体检
            right = right[:bm.start()] + right[bm.end():]
    spec = L.T_SPECIFIC.search(L.TIME_SCOPE_RE.sub("", left_raw))
    name = (spec.group() if spec else "") + right
    vm = L.SUPPORT_END_RE.search(left_raw.rstrip()) if left_end in L.SUPPORT_VERBS else None
    if vm and len(ctx.mentions) > ctx.first and not _clean(left_raw[:vm.start()]):
        # 新增专项债券7.50亿元，支持12个重点项目建设: the amount's subject supports the counted things
        name = ctx.mentions[-1].indicator + vm.group() + name
    after = norm[t.unit_end + len(right):t.unit_end + len(right) + 1]
    if len(right) <= 4 and after and after in "和及与、":
        # 106项A和48项B重点工作: a short first noun shares the head of the second
        nxt = L.NUMBER_RE.match(norm, t.unit_end + len(right) + 1)
        if nxt:
            um = L.UNIT_RE.match(norm, nxt.end(), e)
            if um and um.end() > nxt.end():
                name = name + _right_noun(norm, um.end(), e)
    if _clean(left_raw) == "" and "其中" in clause_left and state.topic:
        name = name + state.topic_base
    state.topic = state.topic_base = name
    state.part_parent = ""
    state.entity = name                 # a counted noun is the entity of what follows (N个断面…，达标率…)
    return name


def _member_name(ctx: _Ctx, t: _Tok) -> str:
    """A count of the members of a set named earlier in the sentence that meet a condition:
    22项主要指标中，18项达到预期目标 · 12个区县中有9个实现正增长 → 达到预期目标的主要指标 (or '')."""
    norm, toks = ctx.norm, ctx.toks
    if norm.find("中", ctx.s, t.start) < 0:
        return ""
    frame = None
    for o in toks:
        if o.start >= t.start:
            break
        if o.start >= ctx.s and o.unit == t.unit:
            fm = L.SET_FRAME_RE.match(norm, o.unit_end, t.start)
            if fm:
                frame = fm
    if frame is None:
        return ""
    k = bisect_right(ctx.bounds, t.start)
    cend = ctx.bounds[k] if k < len(ctx.bounds) else ctx.e
    nxt = next((o.start for o in toks if t.unit_end <= o.start < cend), cend)
    pred = norm[t.unit_end:nxt].rstrip("的 ")
    thing = _clean(frame.group("x"))
    if not 2 <= len(pred) <= 24 or not thing or "、" in pred or pred.startswith(thing[-2:]):
        return ""                           # 30个行业中，有21个行业增加值…: the count names its own noun
    name = pred + "的" + thing
    state = ctx.state
    state.topic = state.topic_base = state.entity = name
    state.part_parent = ""
    return name


def _count_predicate(ctx: _Ctx, t: _Tok, pos: int) -> str:
    """What the counted things did, when it picks them out of a larger set: 4个县（市）|入选全国百强县 ·
    22个行业增加值|实现增长 · 18个项目|未开工 · 9个项目|完成投资不足年度计划 (not 5个项目|完成投资11亿元,
    where the number after it measures the things)."""
    norm = ctx.norm
    if pos >= ctx.e or norm[pos] in "，,。；、":
        return ""
    k = bisect_right(ctx.bounds, t.start)
    cend = ctx.bounds[k] if k < len(ctx.bounds) else ctx.e
    nxt = next((o.start for o in ctx.toks if pos <= o.start < cend), -1)
    pred = norm[pos:nxt if nxt >= 0 else cend]
    if len(pred) > 30 or "、" in pred:
        return ""
    if len(pred) <= 14 and (L.SHORT_OF_RE.search(pred) or (nxt < 0 and L.SELECT_PRED_RE.match(pred))):
        return pred.rstrip("的 ")
    if nxt < 0 and L.MEMBER_PRED_RE.match(pred):
        return pred.rstrip("的 ")
    return ""


def _subject_name(ctx: _Ctx, t: _Tok, subject: str, cleaned: str, clause_left: str,
                  cstart: int, sstart: int) -> str:
    """The name from the clause's subject, with the topic carried where the subject is partial."""
    state = ctx.state
    if cleaned == "":
        return state.topic
    raw_sub = _strip_time_scope(subject).strip("，,、 ")
    is_attr = bool(L.ATTR_RE.match(raw_sub) or L.ATTR_RE.match(cleaned))
    if "其中" in clause_left and len(cleaned) <= 4 and state.topic_base and not L.ATTR_RE.match(cleaned):
        # 其中国家级3家 → 国家级 + 智能工厂; after the whole's specific verb: 新增 + 企业 + 市场主体
        sp = L.SPECIFIC_START_RE.match(state.topic_base)
        state.topic = (sp.group() + cleaned + state.topic_base[sp.end():]) if sp else cleaned + state.topic_base
        state.part, state.part_parent = state.topic, state.topic_base
        return state.topic
    if (state.part_parent and cstart == ctx.s and not state.topic_base and len(cleaned) <= 4 and not is_attr
            and t.base in L.COUNT_UNITS):
        # 其中内资129个，总投资513.2亿元；外资16个，…: a sibling part of the same whole
        state.topic = state.part = cleaned + state.part_parent
        return state.topic
    if entity_name := _entity_attr_name(ctx, cleaned, cstart):
        return entity_name
    if is_attr or len(cleaned) <= 2:
        base_name = ((state.part if is_attr else "") or state.topic_base
                     or _prev_clause(ctx.norm, ctx.bounds, cstart, ctx.s, ctx.toks, t)
                     or (state.agent if is_attr and L.VERB_FIRST_RE.match(raw_sub) else "")
                     or (state.topic if is_attr and cstart == ctx.s else ""))
        attr = raw_sub if raw_sub.startswith("完成投资") else cleaned
        if is_attr and attr.startswith(("覆盖", "惠及", "受益")) and len(attr) == 2 and t.base == "人":
            attr += "人数"                               # 覆盖20.74万人 → 覆盖人数
        if base_name:
            name = _join_attr(base_name, attr)
        else:
            name = cleaned
            _set_agent(state, raw_sub)
        state.topic = name
        if not state.topic_base:
            state.topic_base = name
        return name
    name = cleaned
    if cstart > ctx.s and cleaned[-1] in "类业" and len(ctx.mentions) > ctx.first:
        # …通讯器材类商品零售额分别增长…，石油及制品类下降4.8%: a bare class after a list of its
        # siblings takes their measure (and the scope the first of them gave)
        prev = ctx.mentions[-1].indicator
        k = prev.rfind(cleaned[-1])
        if 0 < k < len(prev) - 2 and cleaned not in prev:
            sm = L.LIMIT_SCOPE_RE.match(prev)
            name = (sm.group() if sm and not cleaned.startswith(sm.group()) else "") + cleaned + prev[k + 1:]
    elif (3 <= len(cleaned) <= 5 and ctx.mentions and (sib := L.SIBLING_MEASURE_RE.search(cleaned))
          and sib.start() <= 2):
        # 金融机构本外币存款余额…；贷款余额1.64万亿元: a sibling measure (a two-character word swapped,
        # 存款 → 贷款) just after a fuller name carries that name's subject; a name of its own
        # (进出口总额 after 社会消费品零售总额) does not
        prev_m = ctx.mentions[-1]
        pi = prev_m.indicator
        if (len(pi) > len(cleaned) + 1 and pi[-2:] == cleaned[-2:] and not pi.endswith(cleaned)
                and 0 <= cstart - prev_m.tok.end <= 24 and "。" not in ctx.norm[prev_m.tok.end:cstart]):
            name = pi[:-len(cleaned)] + cleaned
    state.part_parent = ""
    _set_agent(state, raw_sub)
    name = _list_verb(ctx, name, cstart, sstart)
    state.topic = state.topic_base = name
    if not state.entity:
        state.entity = name
    return name


def _entity_attr_name(ctx: _Ctx, cleaned: str, cstart: int) -> str:
    """A later clause that gives only a rate, progress or state: a name of the sentence's entity
    (and the new topic), or "" when the clause is not such a one."""
    state = ctx.state
    if cstart > ctx.s and state.entity and len(cleaned) <= 6 and L.CLAUSE_ATTR_RE.fullmatch(cleaned):
        base = state.entity
        if cleaned[-2:] == base[-2:] and len(base) > len(cleaned):
            base = base[:-len(cleaned)]     # 功能区声环境质量昼间达标率 + 夜间达标率
            state.topic = name = base + cleaned
            return name
        if cleaned[-1] != "率" or ctx.norm.find(cleaned[-3:-1], ctx.s, cstart) < 0:
            # (健康体检…，体检率 · 完成整改…，整改率: a rate of an action just named is a name of its own)
            base = L.ENTITY_MEASURE_RE.sub("", base) or base
            state.topic = name = base + cleaned
            return name
    return ""


def _list_verb(ctx: _Ctx, name: str, cstart: int, sstart: int) -> str:
    """A 、 list continues the specific verb of its first item (新增A 1家、B 17家)."""
    if sstart > cstart and not L.SPECIFIC_START_RE.match(name):
        prevm = ctx.last_in_clause.get(cstart)
        sp = L.SPECIFIC_START_RE.match(prevm.indicator) if prevm is not None else None
        if sp:
            name = sp.group() + name
    return name


def _set_agent(state: _State, raw_sub: str) -> None:
    """规模以上工业企业实现营业收入…；实现利润总额…: the agent of a verb carries to the next sentence
    that opens with a verb."""
    mv = L.MID_VERB_RE.search(raw_sub) if ("实现" in raw_sub or "完成" in raw_sub) else None
    state.agent = _clean(raw_sub[:mv.start()]) if mv else ""


def _plan_name(topic: str, ref: str) -> str:
    """The completed share of a named task or amount: 完成年度化债任务的 → 化债任务; 完成总工程量的 →
    the topic's own measure replaced by 工程量 (…高速公路完成投资 → …高速公路工程量)."""
    ref = _strip_time_scope(ref).removeprefix("总")
    if L.GENERIC_TASK_RE.fullmatch(ref):
        return topic                        # 完成省下达年度任务的: the topic's own plan
    if ref.endswith("任务"):
        return ref if len(ref) > 3 else topic
    return L.TOPIC_MEASURE_RE.sub("", topic) + ref


def _join_attr(base: str, attr: str) -> str:
    """The topic's name with an attribute: 签约项目 + 总投资; the attribute replaces the topic's own
    measure where they share a word (长期护理保险待遇享受人数 + 待遇支出 → 长期护理保险待遇支出) and the
    topic's own action and campaign words go (排查消防安全专项火灾隐患 + 整改 → 火灾隐患整改)."""
    if L.BALANCE_ATTR_RE.fullmatch(attr):
        fm = L.FUND_MEASURE_RE.search(base)
        if fm and fm.start() >= 2:
            return base[:fm.start()] + attr     # 社会保险基金预算支出 + 收支结余 → 社会保险基金收支结余
    if attr in ("收入", "支出") and base.endswith(("收入", "支出")):
        return base[:-2] + attr             # 社会保险基金预算收入 + 支出 → 社会保险基金预算支出
    if base.endswith(attr):
        return base                         # 开展技能培训32期、培训1500人次 → 技能培训
    if len(attr) >= 3:
        k = base.find(attr[:2], 1)
        if k > 0:
            return base[:k] + attr
    core = L.CORE_LEAD_RE.sub("", base)
    core = L.CAMPAIGN_RE.sub("", core) if core != base else core
    return (core or base) + attr


def _split_group(ctx: _Ctx, cstart: int, fb: int) -> list[str]:
    """The parts named before 分别 (or those of the previous 分别, or the topic)."""
    state = ctx.state
    subj = _clean(_strip_time_scope(ctx.norm[cstart:fb]))
    parts = [_clean(p) for p in _split_parts(subj)] if subj else []
    parts = [p for p in parts if p]
    if parts:
        k = bisect_right(ctx.bounds, fb)
        cend = ctx.bounds[k] if k < len(ctx.bounds) else ctx.e
        n_nums = sum(1 for t in ctx.toks if fb < t.start < cend)
        if n_nums >= 2 and len(parts) != n_nums and "、" in subj:
            alt = [q for q in (_clean(p) for p in _split_parts(subj, conj=False)) if q]
            # only when each piece before the last is a full name itself (not 电力、热力、燃气及…业)
            if len(alt) == n_nums and all(len(q) >= 4 for q in _split_list(subj)[:-1]):
                sm = L.LIMIT_SCOPE_RE.match(alt[0])     # 限额以上单位A类、B类…: the scope is each part's
                parts = [p if not sm or L.LIMIT_SCOPE_RE.match(p) else sm.group() + p for p in alt]
        if n_nums >= 2 and len(parts) != n_nums:
            parts = _comma_parts(ctx, cstart, subj, n_nums) or parts
        state.split_parts = parts
        return parts
    # 原油产量2.16亿吨、天然气产量2580亿立方米，分别增长1.4%和6.0%: the amounts just listed
    k = bisect_right(ctx.bounds, fb)
    cend = ctx.bounds[k] if k < len(ctx.bounds) else ctx.e
    n_nums = sum(1 for t in ctx.toks if fb < t.start < cend)
    if n_nums >= 2:
        names: list[str] = []
        for m in ctx.mentions[ctx.first:]:
            if m.role == "value" and m.indicator not in names:
                names.append(m.indicator)
        if len(names) >= n_nums:
            return names[-n_nums:]
    return list(state.split_parts) or ([state.topic] if state.topic else [])


def _comma_parts(ctx: _Ctx, cstart: int, subj: str, n: int) -> list[str]:
    """分门类看，采矿业，制造业，电力、热力、燃气及水生产和供应业增加值分别增长…: names that hold 、 are
    listed with commas; the n - 1 short clauses before the subject are the other parts, and share its
    measure (采矿业增加值)."""
    k = ctx.bounds.index(cstart - 1) if (cstart - 1) in ctx.bounds else -1
    if k < n - 1:
        return []
    items: list[str] = []
    for j in range(k - 1, k - n, -1):
        a, b = ctx.bounds[j] + 1, ctx.bounds[j + 1]
        item = _clean(_strip_time_scope(ctx.norm[a:b]))
        if not item or len(item) > 20 or any(a <= t.start < b for t in ctx.toks) or item.endswith("看"):
            return []
        items.append(item)
    items.reverse()
    hm = L.MEASURE_TAIL_RE.search(subj)
    head = hm.group() if hm else ""
    return [p if p.endswith(head) else p + head for p in items] + [subj]


def _scope_of(left: str) -> str | None:
    if "全" not in left:
        return None
    sm = L.TIME_SCOPE_RE.match(left)
    if sm:
        for w in ("全区", "全市", "全省", "全县", "全国", "全镇", "全州"):
            if w in sm.group():
                return w
    return None


def _target_from(norm: str, s: int, e: int, line: _Line) -> int:
    """Where the numbers of this sentence start being targets because the line announces them
    (主要预期目标是：A增长6%左右；…): the sentence start, the colon after the target word, or never."""
    if line.target and line.colon:      # (both found earlier on this line: nothing left to scan)
        return s
    if line.target_context(norm, s):
        return s
    if not line.target_context(norm, e):
        return e + 1
    tm = L.TARGET_RE.search(norm, line.start, e)
    k = [i for i in (norm.find("：", line.start, e), norm.find(":", line.start, e)) if i >= 0]
    return max(tm.end() if tm else s, min(k) + 1 if k else s)


def _pledged(norm: str, cstart: int, start: int) -> bool:
    """确保/力争 earlier in the clause covers its whole 、 list (确保A增长5.5%以上、B增长5%以上)."""
    return norm.find("确保", cstart, start) >= 0 or norm.find("力争", cstart, start) >= 0


def _target(ctx: _Ctx, t: _Tok, lo: int, role: str, subject: str, target_ctx: bool) -> tuple[bool, str, str]:
    """A target written beside an actual (（预期目标为8.5%以上）) takes the actual's role."""
    if (t.unit_end < ctx.e and ctx.norm[t.unit_end] in L.TARGET_AFTER_FIRST and len(ctx.mentions) > ctx.first
            and _target_after(ctx.norm, t, ctx.e, subject)):
        # 增长10%的目标 keeps its own cue's role; 高于5.5%的预期目标 takes the actual's
        return True, role if role in ("growth", "change") else ctx.mentions[-1].role, ""
    tm = L.TARGET_RE.search(ctx.norm, max(lo, t.start - 12), t.start)
    if not tm or role == "plan_completion":
        return target_ctx, role, subject
    word = tm.group()
    k = subject.find(word)
    if k >= 0:
        before = subject[:k]
        if word in L.TARGET_VERBS and not _clean(_strip_time_scope(before)):
            subject = subject[k + len(word):]      # 确保全年城镇新增就业5500人: the subject follows the verb
        else:
            subject = L.T_GAP_WORD.cut(before)     # 高于年度目标（5.5%）: the gap word is no subject
    if role == "value" and t.base in L.PERCENT_LIKE:
        cm = L.T_GROWTH_NAME.search(_clean(subject))
        if cm:                                     # 经济增长预期目标定为5.5%: a growth rate
            role = "growth"
    if role == "value" and ctx.state.last_role and not _clean(subject):
        role = ctx.state.last_role
    return True, role, subject


def _each(name: str, left_raw: str, subject: str, cleaned: str) -> list[str]:
    """进出口总额和出口额均增长8%: one fact per named indicator, with the same span."""
    em = L.EACH_END_RE.search(left_raw) or L.EACH_END_RE.search(subject)
    if em:
        # A和B水质达标率均保持100%: the verb after 均 is no part of the names
        cleaned = L.EACH_END_RE.sub("", cleaned)
        parts = [p for p in (_clean(x) for x in _split_parts(_clean(L.T_CUE.cut(cleaned)))) if p]
        if len(parts) >= 2:
            return parts
    return [name]


def _numbers(norm: str, s: int, e: int, clauses: list[int], lists: list[int], toks: list[_Tok], state: _State,
             mentions: list[_Mention], target_from: int) -> None:
    bounds = [s - 1] + clauses          # comma-level clause starts (boundary index)
    sub_bounds = sorted(bounds + lists) if lists else bounds     # (clause and list marks never coincide)
    first = len(mentions)
    ctx = _Ctx(norm, s, e, bounds, toks, state, mentions, first)
    prev_end = s
    split: tuple[int, list[str]] | None = None     # (clause start, parts) of a 分别 group
    split_role: str | None = None
    split_negative = False
    split_idx = 0
    pledge = norm.find("确保", s, e) >= 0 or norm.find("力争", s, e) >= 0
    for t in toks:
        cstart = bounds[bisect_right(bounds, t.start - 1) - 1] + 1
        sstart = sub_bounds[bisect_right(sub_bounds, t.start - 1) - 1] + 1
        sstart = _name_start(norm, cstart, sstart, t.start)
        lo = prev_end if prev_end > cstart else cstart
        left_raw = norm[(prev_end if prev_end > sstart else sstart):t.start]
        clause_left = norm[lo:t.start]
        left, qualifier = _strip_prequal(left_raw, t.qualifier)
        if len(mentions) > first and prev_end > s and _range_end(norm, mentions, first, s, prev_end, t, qualifier):
            prev_end = t.unit_end
            continue
        estimate = norm.find("预计", cstart, t.start) >= 0 and L.ESTIMATE_RE.match(norm, cstart, t.start) is not None
        scope = _scope_of(left) if "全" in left else None
        # --- 分别 groups: each number takes the next part
        in_split = split is not None and split[0] == cstart
        fb = norm.rfind("分别", cstart, t.start)
        if fb >= 0 and not in_split:
            split = (cstart, _split_group(ctx, cstart, fb))
            split_role, split_idx, in_split = None, 0, True
            left = _strip_prequal(norm[fb + 2:t.start], None)[0]
        role, subject, negative, of = _role(left, t)
        if in_split:
            subject = ""
            # A、B、C…任务完成率分别为48.5%、52.1%: the rate named before 分别 is a plan completion
            if role == "value" and t.unit == "%" and fb > cstart and L.T_PLAN_RATE.search(norm[cstart:fb]):
                role = "plan_completion"
            if split_role is None:
                split_role, split_negative = role, negative
            elif role == "value":           # 分别下降12.4%和9.8%: both fell
                role, negative = split_role, split_negative
        # targets written beside an actual: （预期目标为8.5%以上）
        target, role, subject = _target(ctx, t, lo, role, subject,
                                        t.start >= target_from or (pledge and _pledged(norm, cstart, t.start)))
        # --- indicator name
        cleaned = _clean(subject)
        if L.TARGET_RE.fullmatch(cleaned or "-"):
            cleaned = ""
        name = ""
        if in_split and split is not None and split[1]:
            name = split[1][min(split_idx, len(split[1]) - 1)]
            split_idx += 1
        elif t.base in L.COUNT_UNITS and role == "value" and t.unit_end < e and (
                "\u4e00" <= norm[t.unit_end] <= "\u9fff" or norm[t.unit_end] in "“「0123456789"
                or norm[t.unit_end] in L.ASCII_LETTER):
            name = _member_name(ctx, t) or _count_name(ctx, t, left_raw, clause_left)
        if not name:
            name = _subject_name(ctx, t, subject, cleaned, clause_left, cstart, sstart)
        name = _finish_name(ctx, t, name, role, of, cleaned, cstart)
        basis = _basis(norm, t.unit_end, e, cstart, t.start) if role == "growth" else None
        names = [name] if in_split or "均" not in left_raw and "均" not in subject else _each(
            name, left_raw, subject, cleaned)
        for nm in names:
            mention = _Mention(role, t, nm, of, target, basis, negative, scope, estimate, qualifier)
            mentions.append(mention)
            ctx.last_in_clause[cstart] = mention
        state.last_role = role if role != "value" or not target else state.last_role
        prev_end = t.unit_end


def _finish_name(ctx: _Ctx, t: _Tok, name: str, role: str, of: str | None, cleaned: str, cstart: int) -> str:
    """The name of a mention once found: the previous clause's where none was, the plan a completion
    rate is of, the purpose a sum is for."""
    norm, bounds, s, e = ctx.norm, ctx.bounds, ctx.s, ctx.e
    if not name:
        name = _prev_clause(norm, bounds, cstart, s, ctx.toks, t) or "*"
    if role == "plan_completion" and of and not cleaned:
        name = _plan_name(name, of)
    elif role == "value" and t.unit_end < e and norm[t.unit_end] in L.PURPOSE_FIRST:
        name += _purpose(norm, bounds, e, t)
    return name


def _range_end(norm: str, mentions: list[_Mention], first: int, s: int, prev_end: int, t: _Tok,
               qualifier: str | None) -> bool:
    """增长5%—5.5%: the upper end of a range plays the lower end's role, for the same indicator."""
    if len(mentions) <= first or prev_end <= s:
        return False
    p = mentions[-1]
    if prev_end != p.tok.unit_end or norm[prev_end:t.start] not in L.RANGE_JOINS or p.tok.base != t.base:
        return False
    mentions.append(_Mention(p.role, t, p.indicator, p.of, p.target, p.basis, p.negative, p.scope,
                             p.estimate, qualifier))
    return True


def _target_after(norm: str, t: _Tok, e: int, subject: str) -> bool:
    """高于5%左右的预期目标 · 控制在3.5%的目标以内: a number that a target noun follows, with nothing but
    a comparison word before it, is the target of the actual just stated (in its role and name)."""
    return L.TARGET_AFTER_RE.match(norm, t.unit_end, e) is not None and not _clean(L.T_GAP_WORD.cut(subject))


def _purpose(norm: str, bounds: list[int], e: int, t: _Tok) -> str:
    """统筹资金2.85亿元支持乡村振兴: the use an amount is put to, written right after it (to the clause end)."""
    if t.base not in ("元", "美元"):
        return ""
    k = bisect_right(bounds, t.unit_end)
    pm = L.PURPOSE_RE.match(norm, t.unit_end, bounds[k] if k < len(bounds) else e)
    return pm.group() if pm else ""


def _prev_clause(norm: str, bounds: list[int], cstart: int, s: int, toks: list[_Tok], t: _Tok) -> str:
    k = bounds.index(cstart - 1) if (cstart - 1) in bounds else -1
    if k <= 0:
        return ""
    pstart = bounds[k - 1] + 1
    pend = cstart - 1
    if any(pstart <= o.start < pend for o in toks):
        return ""
    if L.MEASURE_CLAUSE_RE.fullmatch(norm, pstart, pend):
        return ""                       # 加大…帮扶力度，力争出口… · 以旧换新政策持续显效，…: a measure names nothing
    return _prev_clause_topic(norm, pstart, pend)


def _basis(norm: str, pos: int, e: int, cstart: int, start: int) -> str | None:
    window = norm[pos:min(e, pos + 12)] + norm[cstart:start]
    for b, words in (("不变价", ("不变价",)), ("可比价", ("可比价",)), ("现价", ("现价",))):
        if any(w in window for w in words):
            return b
    return None


def _may_end_in_status(norm: str, s: int, e: int, clauses: list[int]) -> bool:
    """Cheap filter: some clause ends (before spaces) with a character a status phrase ends with."""
    last = L.STATUS_LAST
    for b in clauses:
        if norm[b - 1] in last or norm[b - 1].isspace():
            return True
    return e > s and (norm[e - 1] in last or norm[e - 1].isspace())


def _add_status(out: list[tuple[str, int, int, bool]], status: tuple[str, int, int, bool], follows: bool) -> None:
    """Append a status, or extend the previous one when this clause only continues it
    (产量保持稳定，完成市下达粮食播种面积任务: one status of the same indicator, both clauses)."""
    if follows and out and out[-1][0] == status[0] and out[-1][3] == status[3]:
        out[-1] = (status[0], out[-1][1], status[2], status[3])
    else:
        out.append(status)


def _heading(norm: str, s: int, e: int, ls: int, toks: list[_Tok]) -> bool:
    """A heading (（一）工业生产稳中有升, ——发展质量稳步提升) states no result; its paragraph may. A numbered
    item closed by ； is a list entry (8.居民人均可支配收入增长与经济增长同步；), and so is one with numbers."""
    return s - ls < 2 and not toks and norm[e:e + 1] not in "；;" and L.HEADING_RE.match(norm, ls) is not None


def _status_subject(clause: str, a: int, k: int, line_head: bool) -> tuple[str, int, str]:
    """(head, status start, cleaned subject) of a status phrase starting at ``clause[k:]``."""
    head = clause[:k]
    st_start = a + k
    cm = L.T_CAPACITY.search(head)
    if cm:                     # 粮食综合生产能力产量保持稳定 → 粮食综合生产能力: 产量保持稳定
        head, st_start = head[:cm.start()], a + cm.start()
    if line_head:              # 3.外贸进出口保持稳定: the list marker is no part of the name
        mm = L.LIST_MARK_RE.match(head)
        if mm:
            head = head[mm.end():]
    return head, st_start, _clean(head)


def _status_after_count(norm: str, a: int, num_end: int, b: int, out: list[tuple[str, int, int, bool]]) -> bool:
    """全省9条主要江河干流水质总体为优: a verdict right after a count early in the clause ``[a, b)``, on the
    thing counted (added to ``out``)."""
    if num_end - a > 12:
        return False
    tail = norm[num_end:b].rstrip()
    if not tail or tail[-1] not in L.STATUS_LAST or not L.STATUS_NUMBERED_RE.search(tail):
        return False
    m = L.T_STATUS.search(tail)
    if not m or m.start() < 2 or not L.STATUS_NUMBERED_RE.match(m.group()):
        return False
    subj = _clean(tail[:m.start()])
    if not subj or L.STATUS_SKIP_RE.match(subj) or len(subj) > 20:
        return False
    _add_status(out, (subj, num_end + m.start(), num_end + m.end(), False), False)
    return True


def _each_status(head: str, subj: str) -> list[str]:
    """耕地保护和秸秆禁烧工作均完成上级下达任务: the parts named before 均 (or [])."""
    if not subj or not head.rstrip().endswith("均"):
        return []
    parts = [p for p in (_clean(x) for x in _split_parts(subj)) if p]
    return parts if len(parts) >= 2 else []


def _not_a_status_subject(clause: str, subj: str) -> bool:
    """Clauses whose verdict words are not a result: skipped openers, list items, adverbs or
    summaries as subjects, pledges (奋力完成全年目标任务), and over-long subjects."""
    stripped = clause.strip()
    return bool(L.STATUS_SKIP_RE.match(subj) or L.STATUS_SKIP_RE.match(stripped) or len(subj) > 30
                or L.ENUM_RE.match(stripped) or L.STATUS_ADVERB_RE.fullmatch(subj)
                or L.PLEDGE_END_RE.search(subj))


def _status_topic(norm: str, edges: list[int], i: int, a: int, mentions: list[_Mention], first: int,
                  topic: str) -> str:
    """The subject of a verdict clause that names none: the sentence's last number before it, else
    the running topic, else the previous clause's subject before 为."""
    for j in range(len(mentions) - 1, first - 1, -1):
        if mentions[j].tok.start < a:
            return mentions[j].indicator
    if not topic and i > 0:
        # 生态质量类别为“二类”，与上年相比基本稳定: the verdict is on the previous clause's subject
        prev = norm[edges[i - 1] + 1:edges[i]]
        k = prev.find("为")
        return _clean(prev[:k]) if k > 0 else ""
    return topic


def _statuses(norm: str, s: int, e: int, ls: int, clauses: list[int], toks: list[_Tok], state: _State,
              out: list[tuple[str, int, int, bool]], mentions: list[_Mention], first: int) -> None:
    last = L.STATUS_LAST
    if not _may_end_in_status(norm, s, e, clauses) or _heading(norm, s, e, ls, toks):
        return
    edges = [s - 1] + clauses + [e]
    topic = ""
    ti = 0
    ntoks = len(toks)
    last_status = -2           # index of the clause that gave the last status of this sentence
    num_clause = -2            # index of the last clause holding a number
    for i in range(len(edges) - 1):
        a, b = edges[i] + 1, edges[i + 1]
        has_num = False
        num_end = a
        while ti < ntoks and toks[ti].start < b:
            if toks[ti].start >= a:
                has_num = True
                num_end = toks[ti].unit_end
            ti += 1
        if has_num:
            topic = ""
            last_status = i if _status_after_count(norm, a, num_end, b, out) else last_status
            num_clause = i
            continue
        if b <= a or (norm[b - 1] not in last and not norm[b - 1].isspace()):
            continue
        clause = norm[a:b]
        tail = clause.rstrip()
        if not tail or tail[-1] not in last:
            continue
        m = L.T_STATUS.search(tail)
        if not m:
            continue
        head, st_start, subj = _status_subject(clause, a, m.start(), a == ls or not norm[ls:a].strip())
        if _not_a_status_subject(clause, subj):
            continue
        if not subj:
            # 失业率为5.0%，与上月持平: a bare "level unchanged" right after the number restates that
            # number's comparison; it is no verdict of its own
            if num_clause == i - 1 and L.FLAT_AFTER_NUMBER_RE.fullmatch(m.group()):
                continue
            topic = _status_topic(norm, edges, i, a, mentions, first, topic)
        name = subj or topic
        if not name:
            continue
        target = "保持" in m.group() and L.TARGET_RE.search(norm, ls, a) is not None
        parts = _each_status(head, subj)
        if parts:                     # A和B工作均完成上级下达任务: one status per named indicator
            out.extend((p, st_start, a + m.end(), target) for p in parts)
        else:
            _add_status(out, (name, st_start, a + m.end(), target), not subj and last_status == i - 1)
        last_status = i
        topic = name


# ------------------------------------------------------------------------------------------------
# assembling facts


def _assemble(text: str, mentions: list[_Mention], statuses: list[tuple[str, int, int, bool]]) -> list[Fact]:
    facts: list[tuple[int, Fact]] = []
    append = facts.append
    # the fact being grown: indicator, scope, estimate, slots, start, end of its last number
    name: str | None = None
    scope: str | None = None
    estimate = False
    slots: dict[str, Slot] = {}
    first = last = 0
    for m in mentions:
        tok = m.tok
        slot = Slot(-tok.number if m.negative and tok.number > 0 else tok.number, tok.unit, (tok.start, tok.end),
                    m.qualifier, m.basis, m.of if m.role == "share" else None, m.target)
        if name is not None and name == m.indicator and m.role not in slots and tok.start - last < 60:
            slots[m.role] = slot
            last = tok.end
            continue
        if name is not None:
            append((first, _fact(name, scope, estimate, slots)))
        name, scope, estimate, slots, first, last = m.indicator, m.scope, m.estimate, {m.role: slot}, tok.start, tok.end
    if name is not None:
        append((first, _fact(name, scope, estimate, slots)))
    for st_name, a, b, target in statuses:
        append((a, Fact(indicator=st_name, status=StatusSlot(text=text[a:b], span=(a, b), target=target))))
    facts.sort(key=_first)
    return [f for _, f in facts]


def _fact(name: str, scope: str | None, estimate: bool, slots: dict[str, Slot]) -> Fact:
    """The Fact of the slots grown, keyed by role (each role is one of model.fact.SLOTS)."""
    return Fact(indicator=name, scope=scope, estimate=estimate, value=slots.get("value"),
                growth=slots.get("growth"), plan_completion=slots.get("plan_completion"),
                share=slots.get("share"), change=slots.get("change"))


def _first(item: tuple[int, Fact]) -> int:
    return item[0]


# ------------------------------------------------------------------------------------------------
# command line (for the scorer): python -m planwatch.extract.facts FILE …


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
