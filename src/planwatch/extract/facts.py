"""Indicator facts out of Chinese report text (../shared/extraction/GUIDELINE.md).

``extract_facts(text)`` returns :class:`planwatch.model.fact.Fact` objects in text order; every
slot carries the ``[start, end)`` span of its number in ``text``. The engine is rule based and
linear: sentences → one regex pass over number tokens → each number classified by the words
around it (role cue, unit, qualifier, basis) and named from the clause's subject. The rules are
documented in docs/extract.md.

``python -m planwatch.extract.facts FILE`` prints one ``Fact.to_json()`` per line (JSONL).
"""

from __future__ import annotations

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


# ------------------------------------------------------------------------------------------------
# public API


def extract_facts(text: str) -> list[Fact]:
    """Facts stated in ``text`` (any string; never raises), in text order."""
    if not text:
        return []
    norm = text.translate(L.FULLWIDTH) if L.FULLWIDTH_RE.search(text) else text
    mentions: list[_Mention] = []
    statuses: list[tuple[str, int, int, bool]] = []   # (indicator, start, end, target)
    state = _State()
    prev_end = -1
    for m in L.SENTENCE_RE.finditer(norm):
        s, e = m.start(), m.end()
        # a new line starts a new topic; a ；/。 keeps it only for a sentence that starts bare
        if "\n" in norm[prev_end + 1:s] if prev_end >= 0 else False:
            state = _State()
        state.topic_base = ""
        prev_end = e
        try:
            _sentence(norm, s, e, state, mentions, statuses)
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


def _tokens(norm: str, s: int, e: int, quotes: list[tuple[int, int]]) -> list[_Tok]:
    out: list[_Tok] = []
    consumed = s
    n = len(norm)
    for m in L.NUMBER_RE.finditer(norm, s, e):
        a, b = m.start(), m.end()
        if a < consumed:
            continue
        raw = m.group()
        chinese = not raw[0].isdigit() or not raw[0].isascii()
        mag_split = ""
        if chinese:
            # a trailing 万/亿 is the unit's magnitude (三百万人 → 三百 + 万人); alone it is no number
            while raw and raw[-1] in "万亿" and len(raw) > 1:
                mag_split = raw[-1] + mag_split
                raw = raw[:-1]
                b -= 1
            if not raw or raw[0] in "十百千万亿" and len(raw) == 1 and raw in "百千万亿":
                continue
            if all(ch in "百千万亿" for ch in raw):
                continue
        tok = _make_token(norm, s, e, a, b, raw, chinese, mag_split, quotes, n)
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
    qualifier = None
    if um.group("pp"):
        unit = "个百分点"
        base = unit
    else:
        mag = mag_split + (um.group("mag") or "")
        base_u = um.group("base") or ""
        if mag_split and um.group("mag"):
            return None
        if chinese and base_u == "" and not mag:
            return None
        if chinese and base_u == "次" and "\u4e00" <= (norm[um.end()] if um.end() < n else "") <= "\u9fff":
            return None  # 三次产业, 两次会议: a name, not a count
        if um.group("q1") or um.group("q2"):
            qualifier = um.group("q1") or um.group("q2")
        unit = mag + base_u
        base = base_u
        if not unit:
            # bare numbers count only after 指数/系数 (居民消费价格指数为102.1)
            if chinese or not L.BARE_OK_RE.search(norm, max(s, a - 8), a):
                return None
            if len(raw) == 4 and raw[:2] in ("19", "20"):
                return None
    if um.group("post"):
        qualifier = qualifier or um.group("post")
    return unit, base, qualifier, um.end(), um.group("post")


def _excluded(norm: str, a: int, b: int, n: int, chinese: bool, mag_split: str,
              q: tuple[int, int] | None) -> bool:
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
    ls = _line_start(norm, a)
    head = norm[ls:a].strip()
    if (head in ("", "（", "(")) and nxt in "、.．)）" and not mag_split:
        if not (nxt == "." and b + 1 < n and norm[b + 1].isdigit()):
            return True
    return False


def _make_token(norm: str, s: int, e: int, a: int, b: int, raw: str, chinese: bool, mag_split: str,
                quotes: list[tuple[int, int]], n: int) -> _Tok | None:
    q = _in_quote(quotes, a)
    if _excluded(norm, a, b, n, chinese, mag_split, q):
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
    prev = None
    while prev != sub:
        prev = sub
        sub = L.LEAD_RE.sub("", sub)
        sub = L.TRAIL_RE.sub("", sub)
        sub = sub.lstrip("）)」”》")
        if sub.startswith(("（", "(")) and not any(c in sub for c in "）)"):
            sub = sub[1:]
    return sub.strip()


def _strip_time_scope(sub: str) -> str:
    return L.TIME_SCOPE_RE.sub("", sub.strip())


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
        if out and L.RIGHT_STOP_RE.match(norm, i):
            break
        out.append(ch)
        seg += 1
        i += 1
    return "".join(out).rstrip("的、")


def _prev_clause_topic(norm: str, start: int, end: int) -> str:
    """A previous clause used as a topic: 推进“拿地即开工”常态化 → “拿地即开工”常态化."""
    t = _clean(norm[start:end])
    t = L.TOPIC_LEAD_RE.sub("", t)
    t = L.TOPIC_TRAIL_RE.sub("", t)
    return t[-14:]


# ------------------------------------------------------------------------------------------------
# one sentence


def _sentence(norm: str, s: int, e: int, state: _State, mentions: list[_Mention],
              statuses: list[tuple[str, int, int, bool]]) -> None:
    quotes, clauses, lists = _quote_spans(norm, s, e)
    text = norm[s:e]
    # the annual-only sentence: A、B、C为年度数据，无半年度预计数
    am = L.ANNUAL_RE.search(text)
    if am and not any(ch.isdigit() for ch in text[:am.start()]):
        subj = _strip_time_scope(text[:am.start()])
        st_start = s + am.start("st")
        for part in _split_list(subj):
            name = _clean(part)
            if name:
                statuses.append((name, st_start, e, False))
        return
    toks = _tokens(norm, s, e, quotes)
    line_text = norm[_line_start(norm, s):s]
    target_ctx = bool(L.TARGET_RE.search(line_text)) and ("：" in line_text or ":" in line_text)
    first = len(mentions)
    if toks:
        _numbers(norm, s, e, clauses, lists, toks, state, mentions, target_ctx)
    _statuses(norm, s, e, clauses, toks, state, statuses, mentions[first:])


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


def _strip_prequal(left: str, qualifier: str | None) -> tuple[str, str | None]:
    """Drop 超/近/约/达/为 … written just before a number; keep the qualifiers."""
    for _ in range(4):
        pm = L.PREQUAL_RE.search(left)
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
        cm, gm = L.CUE_RE.search(left), L.GAP_RE.search(left)
        if cm:
            return "change", L.COMPARE_RE.sub("", left[:cm.start()]), cm.group("cue") in L.DECREASE, None
        if gm:
            return "change", L.COMPARE_RE.sub("", left[:gm.start()]), gm.group("dir") in L.GAP_NEG, None
        return "change", L.COMPARE_RE.sub("", left), False, None
    if pct:
        pm = L.PLAN_RE.search(left)
        if pm:
            return "plan_completion", left[:pm.start()], False, None
        if L.SHARE_PP_RE.search(left):
            return "share", left[:-2], False, None
        shm = L.SHARE_RE.search(left)
        if shm and "占" in left:
            of = L.TRAIL_RE.sub("", shm.group("of").strip()) or None
            return "share", left[:shm.start()], False, of
        if t.base == "成" and not L.CUE_RE.search(left):
            return "share", left, False, None
    lm = L.TO_LEVEL_RE.search(left)
    if lm:
        subject = left[:lm.start()]
        cm = L.CUE_RE.search(subject)
        return "value", subject[:cm.start()] if cm else subject, False, None
    cm = L.CUE_RE.search(left)
    if cm and not left.endswith(("增加值", "新增")):
        cue = cm.group("cue")
        compared = bool(L.COMPARE_RE.search(left[:cm.start()]))
        if (pct or cue in L.CHANGE_CUES or compared) and not (pct and cue in ("多", "少") and not compared):
            return ("growth" if pct else "change"), L.COMPARE_RE.sub("", left[:cm.start()]), cue in L.DECREASE, None
    return "value", left, False, None


def _count_name(ctx: _Ctx, t: _Tok, left_raw: str, clause_left: str) -> str:
    """The name of a count written before its noun (5个省重大项目 → 省重大项目), or ''."""
    norm, e, state = ctx.norm, ctx.e, ctx.state
    right = _right_noun(norm, t.unit_end, e)
    if len(right) < 2:
        return ""
    spec = L.SPECIFIC_RE.search(L.TIME_SCOPE_RE.sub("", left_raw))
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
    return name


def _subject_name(ctx: _Ctx, t: _Tok, subject: str, cleaned: str, clause_left: str,
                  cstart: int, sstart: int) -> str:
    """The name from the clause's subject, with the topic carried where the subject is partial."""
    state = ctx.state
    raw_sub = _strip_time_scope(subject).strip("，,、 ")
    if cleaned == "":
        return state.topic
    if "其中" in clause_left and len(cleaned) <= 4 and state.topic_base and not L.ATTR_RE.match(cleaned):
        state.topic = cleaned + state.topic_base          # 其中国家级3家 → 国家级 + 智能工厂
        return state.topic
    if L.ATTR_RE.match(raw_sub) or L.ATTR_RE.match(cleaned) or len(cleaned) <= 2:
        base_name = state.topic_base or _prev_clause(ctx.norm, ctx.bounds, cstart, ctx.s, ctx.toks, t)
        attr = raw_sub if raw_sub.startswith("完成投资") else cleaned
        name = base_name + attr if base_name else cleaned
        state.topic = name
        if not state.topic_base:
            state.topic_base = name
        return name
    name = cleaned
    # a 、 list continues the specific verb of its first item (新增A 1家、B 17家)
    if sstart > cstart and not L.SPECIFIC_START_RE.match(name):
        prevm = ctx.last_in_clause.get(cstart)
        sp = L.SPECIFIC_START_RE.match(prevm.indicator) if prevm is not None else None
        if sp:
            name = sp.group() + name
    state.topic = state.topic_base = name
    return name


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
        parts = [p for p in (_clean(x) for x in _split_parts(_clean(L.CUE_RE.sub("", cleaned)))) if p]
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
        left_raw = norm[max(sstart, prev_end):t.start]
        clause_left = norm[max(cstart, prev_end):t.start]
        left, qualifier = _strip_prequal(left_raw, t.qualifier)
        estimate = bool(L.ESTIMATE_RE.search(norm, cstart, t.start))
        scope = _scope_of(left)
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
        names = [name] if in_split else _each(name, left_raw, subject, cleaned)
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


def _statuses(norm: str, s: int, e: int, clauses: list[int], toks: list[_Tok], state: _State,
              out: list[tuple[str, int, int, bool]], sentence_mentions: list[_Mention]) -> None:
    if L.HEADING_RE.match(norm, _line_start(norm, s)):
        return
    edges = [s - 1] + clauses + [e]
    topic = ""
    ti = 0
    for i in range(len(edges) - 1):
        a, b = edges[i] + 1, edges[i + 1]
        has_num = False
        while ti < len(toks) and toks[ti].start < b:
            if toks[ti].start >= a:
                has_num = True
            ti += 1
        clause = norm[a:b]
        if has_num:
            topic = ""
            continue
        m = L.STATUS_RE.search(clause.rstrip())
        if not m:
            continue
        head = clause[:m.start()]
        subj = _clean(head)
        if L.STATUS_SKIP_RE.match(subj) or L.STATUS_SKIP_RE.match(clause.strip()) or len(subj) > 30:
            continue
        if not subj:
            before = [x for x in sentence_mentions if x.tok.start < a]
            topic = before[-1].indicator if before else topic
        name = subj or topic
        if not name:
            continue
        target = bool(L.TARGET_RE.search(norm, _line_start(norm, s), a)) and "保持" in m.group()
        out.append((name, a + m.start(), a + m.end(), target))
        topic = name


# ------------------------------------------------------------------------------------------------
# assembling facts


def _assemble(text: str, mentions: list[_Mention], statuses: list[tuple[str, int, int, bool]]) -> list[Fact]:
    facts: list[tuple[int, Fact]] = []
    cur: dict | None = None

    def flush() -> None:
        nonlocal cur
        if cur is not None:
            slots = cur["slots"]
            fact = Fact(indicator=cur["indicator"], scope=cur["scope"], estimate=cur["estimate"], **slots)
            facts.append((fact.start, fact))
        cur = None

    for m in mentions:
        slot = Slot(
            number=-m.tok.number if m.negative and m.tok.number > 0 else m.tok.number,
            unit=m.tok.unit, span=(m.tok.start, m.tok.end), qualifier=m.qualifier,
            basis=m.basis, of=m.of if m.role == "share" else None, target=m.target,
        )
        if (cur is not None and cur["indicator"] == m.indicator and m.role not in cur["slots"]
                and m.tok.start - cur["last"] < 60):
            cur["slots"][m.role] = slot
            cur["last"] = m.tok.end
            continue
        flush()
        cur = {"indicator": m.indicator, "scope": m.scope, "estimate": m.estimate, "slots": {m.role: slot},
               "last": m.tok.end}
    flush()
    for name, a, b, target in statuses:
        fact = Fact(indicator=name, status=StatusSlot(text=text[a:b], span=(a, b), target=target))
        facts.append((a, fact))
    facts.sort(key=lambda x: x[0])
    return [f for _, f in facts]


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
