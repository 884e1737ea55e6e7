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


def _parse_number(raw: str, chinese: bool) -> Decimal:
    if chinese:
        return chinese_to_decimal(raw)
    return Decimal(raw.replace(",", ""))


def _tokens(norm: str, s: int, e: int, quotes: list[tuple[int, int]], ls: int) -> list[_Tok]:
    out: list[_Tok] = []
    consumed = s
    n = len(norm)
    for m in L.NUMBER_RE.finditer(norm, s, e):
        a, b = m.start(), m.end()
        if a < consumed:
            continue
        raw = m.group()
        chinese = raw[0] not in L.ASCII_DIGITS
        mag_split = ""
        if chinese:
            if raw[-1] not in "万亿" and (b >= e or norm[b] not in L.UNIT_FIRST):
                continue  # a Chinese numeral without a unit is never a number (一体化, 三年行动)
            # a trailing 万/亿 is the unit's magnitude (三百万人 → 三百 + 万人); alone it is no number
            while raw and raw[-1] in "万亿" and len(raw) > 1:
                mag_split = raw[-1] + mag_split
                raw = raw[:-1]
                b -= 1
            if not raw or raw[0] in "十百千万亿" and len(raw) == 1 and raw in "百千万亿":
                continue
            if all(ch in "百千万亿" for ch in raw):
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
        if not unit:
            # bare numbers count only after 指数/系数 (居民消费价格指数为102.1)
            if chinese or not L.BARE_OK_RE.search(norm, max(s, a - 8), a):
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
    prev2 = norm[a - 2] if a > 1 else "\n"
    nxt = norm[b] if b < n else "\n"
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
    if chinese:
        # 一 alone is a word far more often than a count (一批, 一体化, 一次); 三年行动, 十大 have no unit
        if raw == "一" and base not in ("倍", "成"):
            return None
        if q is not None:
            return None
        if base in ("度", "分", "秒", "米", "克", "瓦", "对", "部", "单", "起", "场", "位", "床", "例", "篇", "种",
                    "间", "块", "头", "只"):
            return None  # 一分为二, 三部曲, 两位数 …: too ambiguous after a Chinese numeral
    try:
        number = _parse_number(raw, chinese)
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
    while True:
        # LEAD_RE and TRAIL_RE remove maximal runs, so a second pass changes something only when
        # a closing bracket or an unmatched opening one went at the start
        lm = L.LEAD_RE.match(sub)
        if lm:
            sub = sub[lm.end():]
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
    return sub.strip()


def _strip_time_scope(sub: str) -> str:
    sub = sub.strip()
    m = L.TIME_SCOPE_RE.match(sub)
    return sub[m.end():] if m else sub


def _split_parts(sub: str) -> list[str]:
    """规上、规下工业增加值 → [规上工业增加值, 规下工业增加值]; 进出口总额和出口额 → as written."""
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
        if depth == 0 and (ch == "、" or (ch in "和及与" and i > 0)):
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
    last = parts[-1]
    out = []
    for p in parts[:-1]:
        if len(p) <= 4 and len(p) < len(last) - 1:
            cut = len(p)
            k = last.find(p[-1], 0, len(p) + 1)
            if 0 <= k < len(last) - 1:
                cut = k + 1
            out.append(p + last[cut:])
        else:
            out.append(p)
    out.append(last)
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
        if ch == "、" and 0 < seg <= 2:
            out.append(ch)
            seg = 0
            i += 1
            continue
        if not ("\u4e00" <= ch <= "\u9fff" or ch in L.ASCII_LETTER) or ch in L.CN_DIGITS and i + 1 < e and norm[i + 1] in "个项家":
            break
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
    am = L.ANNUAL_RE.search(norm, s, e) if (norm.find("数", s, e) >= 0 or norm.find("指标", s, e) >= 0) else None
    if am is None:
        # cheap filters: most sentences have neither a number nor a status clause
        has_num = L.NUM_HINT_RE.search(norm, s, e) is not None
        if not has_num and L.STATUS_HINT_RE.search(norm, s, e) is None:
            return
    quotes, clauses, lists = _quote_spans(norm, s, e)
    text = norm[s:e]
    if am is not None:
        am = L.ANNUAL_RE.search(text)
    if am and not any(ch.isdigit() for ch in text[:am.start()]):
        subj = _strip_time_scope(text[:am.start()])
        st_start = s + am.start("st")
        for part in _split_list(subj):
            name = _clean(part)
            if name:
                statuses.append((name, st_start, e, False))
        return
    toks = _tokens(norm, s, e, quotes, line.start) if am is not None or has_num else []
    target_ctx = line.target_context(norm, s)
    first = len(mentions)
    if toks:
        _numbers(norm, s, e, clauses, lists, toks, state, mentions, target_ctx)
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
    last_in_clause: dict[int, _Mention] = field(default_factory=dict)


def _name_start(norm: str, cstart: int, sstart: int, end: int) -> int:
    """Where the name of a number at ``end`` starts: the list item (``sstart``), or after a partner
    phrase's verb, or at the class count that sums up an enumeration."""
    pm = L.PREP_RE.match(norm, cstart, end)
    if pm:
        return max(sstart, pm.end())        # 携手青浦、嘉善累计推出制度创新成果: the name starts after the verb
    if sstart > cstart:
        km = L.CLASS_SUM_RE.search(norm, sstart, end)
        if km:
            return km.start()               # A、B、小餐饮三类场所合规化改造 → 三类场所合规化改造
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
        cm, gm = L.T_CUE.search(left), L.T_GAP.search(left)
        if cm:
            return "change", L.T_COMPARE.cut(left[:cm.start()]), cm.group("cue") in L.DECREASE, None
        if gm:
            return "change", L.T_COMPARE.cut(left[:gm.start()]), gm.group("dir") in L.GAP_NEG, None
        return "change", L.T_COMPARE.cut(left), False, None
    if pct:
        pm = L.T_PLAN.search(left)
        if pm:
            return "plan_completion", left[:pm.start()], False, None
        if L.T_SHARE_PP.search(left):
            return "share", left[:-2], False, None
        shm = L.T_SHARE.search(left)
        if shm and "占" in left:
            of = L.T_TRAIL.cut(shm.group("of").strip()) or None
            return "share", left[:shm.start()], False, of
        if t.base == "成" and not L.T_CUE.search(left):
            return "share", left, False, None
    last = left[-1:]
    lm = L.T_TO_LEVEL.search(left) if last in L.TO_LEVEL_LAST else None
    if lm:
        subject = left[:lm.start()]
        cm = L.T_CUE.search(subject)
        return "value", subject[:cm.start()] if cm else subject, False, None
    cm = L.T_CUE.search(left) if last in L.CUE_LAST else None
    if cm and not left.endswith(("增加值", "新增")):
        cue = cm.group("cue")
        compared = bool(L.T_COMPARE.search(left[:cm.start()]))
        if (pct or cue in L.CHANGE_CUES or compared) and not (pct and cue in ("多", "少") and not compared):
            return ("growth" if pct else "change"), L.T_COMPARE.cut(left[:cm.start()]), cue in L.DECREASE, None
    return "value", left, False, None


def _count_name(ctx: _Ctx, t: _Tok, left_raw: str, clause_left: str) -> str:
    """The name of a count written before its noun (5个省重大项目 → 省重大项目), or ''."""
    norm, e, state = ctx.norm, ctx.e, ctx.state
    right = _right_noun(norm, t.unit_end, e)
    if len(right) < 2:
        return ""
    if "的" in right and left_raw.rstrip().endswith(("实现", "完成")):
        # 实现468个高频事项的跨域通办 → 跨域通办高频事项 (the action realised on the counted things)
        thing, _, action = right.partition("的")
        if len(thing) >= 2 and 2 <= len(action) <= 6:
            right = action + thing
    spec = L.T_SPECIFIC.search(L.TIME_SCOPE_RE.sub("", left_raw))
    name = (spec.group() if spec else "") + right
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
    return name


def _subject_name(ctx: _Ctx, t: _Tok, subject: str, cleaned: str, clause_left: str,
                  cstart: int, sstart: int) -> str:
    """The name from the clause's subject, with the topic carried where the subject is partial."""
    state = ctx.state
    if cleaned == "":
        return state.topic
    raw_sub = _strip_time_scope(subject).strip("，,、 ")
    is_attr = bool(L.ATTR_RE.match(raw_sub) or L.ATTR_RE.match(cleaned))
    if "其中" in clause_left and len(cleaned) <= 4 and state.topic_base and not L.ATTR_RE.match(cleaned):
        state.topic = cleaned + state.topic_base          # 其中国家级3家 → 国家级 + 智能工厂
        state.part, state.part_parent = state.topic, state.topic_base
        return state.topic
    if (state.part_parent and cstart == ctx.s and not state.topic_base and len(cleaned) <= 4 and not is_attr
            and t.base in L.COUNT_UNITS):
        # 其中内资129个，总投资513.2亿元；外资16个，…: a sibling part of the same whole
        state.topic = state.part = cleaned + state.part_parent
        return state.topic
    if is_attr or len(cleaned) <= 2:
        base_name = ((state.part if is_attr else "") or state.topic_base
                     or _prev_clause(ctx.norm, ctx.bounds, cstart, ctx.s, ctx.toks, t))
        attr = raw_sub if raw_sub.startswith("完成投资") else cleaned
        if is_attr and attr.startswith(("覆盖", "惠及", "受益")) and len(attr) == 2 and t.base == "人":
            attr += "人数"                               # 覆盖20.74万人 → 覆盖人数
        name = _join_attr(base_name, attr) if base_name else cleaned
        state.topic = name
        if not state.topic_base:
            state.topic_base = name
        return name
    name = cleaned
    state.part_parent = ""
    # a 、 list continues the specific verb of its first item (新增A 1家、B 17家)
    if sstart > cstart and not L.SPECIFIC_START_RE.match(name):
        prevm = ctx.last_in_clause.get(cstart)
        sp = L.SPECIFIC_START_RE.match(prevm.indicator) if prevm is not None else None
        if sp:
            name = sp.group() + name
    state.topic = state.topic_base = name
    return name


def _join_attr(base: str, attr: str) -> str:
    """The topic's name with an attribute: 签约项目 + 总投资; the attribute replaces the topic's own
    measure where they share a word (长期护理保险待遇享受人数 + 待遇支出 → 长期护理保险待遇支出) and the
    topic's own action and campaign words go (排查消防安全专项火灾隐患 + 整改 → 火灾隐患整改)."""
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
        state.split_parts = parts
        return parts
    return list(state.split_parts) or ([state.topic] if state.topic else [])


def _scope_of(left: str) -> str | None:
    if "全" not in left:
        return None
    sm = L.TIME_SCOPE_RE.match(left)
    if sm:
        for w in ("全区", "全市", "全省", "全县", "全国", "全镇", "全州"):
            if w in sm.group():
                return w
    return None


def _target(ctx: _Ctx, t: _Tok, lo: int, role: str, subject: str, target_ctx: bool) -> tuple[bool, str, str]:
    """A target written beside an actual (（预期目标为8.5%以上）) takes the actual's role."""
    tm = L.TARGET_RE.search(ctx.norm, max(lo, t.start - 12), t.start)
    if not tm or role == "plan_completion":
        return target_ctx, role, subject
    if tm.group() in subject:
        subject = subject[:subject.find(tm.group())]
    if role == "value" and ctx.state.last_role and not _clean(subject):
        role = ctx.state.last_role
    return True, role, subject


def _each(name: str, left_raw: str, subject: str, cleaned: str) -> list[str]:
    """进出口总额和出口额均增长8%: one fact per named indicator, with the same span."""
    if left_raw.rstrip().endswith("均") or subject.rstrip().endswith("均"):
        parts = [p for p in (_clean(x) for x in _split_parts(_clean(L.T_CUE.cut(cleaned)))) if p]
        if len(parts) >= 2:
            return parts
    return [name]


def _numbers(norm: str, s: int, e: int, clauses: list[int], lists: list[int], toks: list[_Tok], state: _State,
             mentions: list[_Mention], target_ctx: bool) -> None:
    bounds = [s - 1] + clauses          # comma-level clause starts (boundary index)
    sub_bounds = sorted(set(bounds + lists))
    ctx = _Ctx(norm, s, e, bounds, toks, state)
    prev_end = s
    split: tuple[int, list[str]] | None = None     # (clause start, parts) of a 分别 group
    split_role: str | None = None
    split_idx = 0
    for t in toks:
        cstart = bounds[bisect_right(bounds, t.start - 1) - 1] + 1
        sstart = sub_bounds[bisect_right(sub_bounds, t.start - 1) - 1] + 1
        sstart = _name_start(norm, cstart, sstart, t.start)
        left_raw = norm[max(sstart, prev_end):t.start]
        clause_left = norm[max(cstart, prev_end):t.start]
        left, qualifier = _strip_prequal(left_raw, t.qualifier)
        estimate = bool(L.ESTIMATE_RE.match(norm, cstart, t.start))
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
            if split_role is None:
                split_role = role
            elif role == "value":
                role = split_role
        # targets written beside an actual: （预期目标为8.5%以上）
        target, role, subject = _target(ctx, t, max(cstart, prev_end), role, subject, target_ctx)
        # --- indicator name
        cleaned = _clean(subject)
        if L.TARGET_RE.fullmatch(cleaned or "-"):
            cleaned = ""
        name = ""
        if in_split and split is not None and split[1]:
            name = split[1][min(split_idx, len(split[1]) - 1)]
            split_idx += 1
        elif (t.base in L.COUNT_UNITS and role == "value" and t.unit_end < e
              and ("\u4e00" <= norm[t.unit_end] <= "\u9fff" or norm[t.unit_end] in "“「")):
            name = _count_name(ctx, t, left_raw, clause_left)
        if not name:
            name = _subject_name(ctx, t, subject, cleaned, clause_left, cstart, sstart)
        if not name:
            name = _prev_clause(norm, bounds, cstart, s, toks, t) or "*"
        basis = _basis(norm, t.unit_end, e, cstart, t.start) if role == "growth" else None
        names = [name] if in_split or "均" not in left_raw and "均" not in subject else _each(
            name, left_raw, subject, cleaned)
        for nm in names:
            mention = _Mention(role, t, nm, of, target, basis, negative, scope, estimate, qualifier)
            mentions.append(mention)
            ctx.last_in_clause[cstart] = mention
        if role != "value" or not target:
            state.last_role = role
        prev_end = t.unit_end


def _prev_clause(norm: str, bounds: list[int], cstart: int, s: int, toks: list[_Tok], t: _Tok) -> str:
    k = bounds.index(cstart - 1) if (cstart - 1) in bounds else -1
    if k <= 0:
        return ""
    pstart = bounds[k - 1] + 1
    pend = cstart - 1
    if any(pstart <= o.start < pend for o in toks):
        return ""
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


def _statuses(norm: str, s: int, e: int, ls: int, clauses: list[int], toks: list[_Tok], state: _State,
              out: list[tuple[str, int, int, bool]], mentions: list[_Mention], first: int) -> None:
    last = L.STATUS_LAST
    if not _may_end_in_status(norm, s, e, clauses) or L.HEADING_RE.match(norm, ls):
        return
    edges = [s - 1] + clauses + [e]
    topic = ""
    ti = 0
    ntoks = len(toks)
    last_status = -2           # index of the clause that gave the last status of this sentence
    for i in range(len(edges) - 1):
        a, b = edges[i] + 1, edges[i + 1]
        has_num = False
        while ti < ntoks and toks[ti].start < b:
            if toks[ti].start >= a:
                has_num = True
            ti += 1
        if has_num:
            topic = ""
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
        head = clause[:m.start()]
        st_start = a + m.start()
        cm = L.T_CAPACITY.search(head)
        if cm:                 # 粮食综合生产能力产量保持稳定 → 粮食综合生产能力: 产量保持稳定
            head, st_start = head[:cm.start()], a + cm.start()
        subj = _clean(head)
        if L.STATUS_SKIP_RE.match(subj) or L.STATUS_SKIP_RE.match(clause.strip()) or len(subj) > 30:
            continue
        if not subj:
            for j in range(len(mentions) - 1, first - 1, -1):
                if mentions[j].tok.start < a:
                    topic = mentions[j].indicator
                    break
        name = subj or topic
        if not name:
            continue
        target = "保持" in m.group() and L.TARGET_RE.search(norm, ls, a) is not None
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
            append((first, Fact(indicator=name, scope=scope, estimate=estimate, **slots)))
        name, scope, estimate, slots, first, last = m.indicator, m.scope, m.estimate, {m.role: slot}, tok.start, tok.end
    if name is not None:
        append((first, Fact(indicator=name, scope=scope, estimate=estimate, **slots)))
    for st_name, a, b, target in statuses:
        append((a, Fact(indicator=st_name, status=StatusSlot(text=text[a:b], span=(a, b), target=target))))
    facts.sort(key=_first)
    return [f for _, f in facts]


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
