"""Indicator names: the subject of a number from the words before it, with the topic carried over clauses
and sentences, 其中 parts, 分别 and 均 lists, counted nouns (docs/extract.md, pipeline step 8)."""

from __future__ import annotations

from bisect import bisect_right

from planwatch.extract import _lexicon as L
from planwatch.extract.context import _Ctx, _State
from planwatch.extract.numbers import _Tok
from planwatch.model.verdict import find_verdicts


def _clean(sub: str) -> str:
    """Strip scope/time words, leading 完成/实现/累计 …, trailing connectors."""
    sub = sub.strip()
    if not sub:
        return sub
    if sub[:1] in L.ASCII_DIGITS:
        mm = L.LIST_MARK_RE.match(sub)
        if mm:                              # 1.地区生产总值增长5%: the item number is no part of the name
            sub = sub[mm.end():]
    sub = _strip_ends(sub)
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


def _strip_ends(sub: str) -> str:
    """Leading time, scope and verb words and trailing connectors, and the brackets left over."""
    while True:
        # LEAD_RE and TRAIL_RE remove maximal runs, so a second pass changes something only when
        # a closing bracket or an unmatched opening one went at the start
        if "以来" in sub:
            lm = L.LEAD_RE.match(sub)
        else:
            lm = L.LEAD_FAST_RE.match(sub) if sub[:1] in L.LEAD_FIRST else None
        if lm:
            rest = sub[lm.end():]
            am = L.ACTION_END_RE.search(sub, 0, lm.end()) if 0 < len(rest) <= 2 else None
            sub = sub[am.start():] if am else rest
        if sub and sub[-1] in L.TRAIL_LAST:
            sub = L.T_TRAIL.cut(sub)
        stripped = sub.lstrip("）)」”》")
        if stripped.startswith(("（", "(")) and not any(c in stripped for c in "）)"):
            stripped = stripped[1:]
        if stripped == sub:
            return sub
        sub = stripped


def _attr(sub: str) -> bool:
    """``ATTR_RE`` matches at the start of ``sub`` (an attribute word: 完成投资, 已开工 …)."""
    return sub[:1] in L.ATTR_FIRST and L.ATTR_RE.match(sub) is not None


def _strip_time_scope(sub: str) -> str:
    sub = sub.strip()
    m = L.TIME_SCOPE_RE.match(sub) if sub[:1] in L.TIME_SCOPE_FIRST else None
    return sub[m.end():] if m else sub


def _split_parts(sub: str, conj: bool = True) -> list[str]:
    """规上、规下工业增加值 → [规上工业增加值, 规下工业增加值]; 进出口总额和出口额 → as written.
    With conj False only 、 separates parts (家用电器和音像器材类、通讯器材类商品零售额: 和 is inside a name)."""
    parts = _cut_parts(sub, conj)
    if len(parts) < 2:
        return parts
    counted = _counted_parts(parts, "、" in sub)
    if counted is not None:
        return counted
    cm = L.CLASS_WORD_RE.search(parts[-1]) if "、" in sub else None
    if cm and cm.start() >= 2:
        # A、B、C三大主导产业: the class word counts the parts; its head noun belongs to each
        head = cm.group("head") or ""
        parts[-1] = parts[-1][:cm.start()]
        parts = [p if p.endswith(head) else p + head for p in parts]
    last = parts[-1]
    out = [_share_head(p, last, conj) for p in parts[:-1]] + [last]
    out = _sector_list(out)
    # 规上工业企业营业收入和利润总额 · 生产安全事故起数和死亡人数: a later part that is only a measure
    # takes the subject of the first part
    hm = L.MEASURE_TAIL_RE.search(out[0])
    if hm and hm.start() >= 2:
        subj = out[0][:hm.start()]
        out[1:] = [subj + p if L.BARE_MEASURE_RE.fullmatch(p) else p for p in out[1:]]
    return out


def _counted_parts(parts: list[str], listed: bool) -> list[str] | None:
    """Parts whose last one counts them: ordinals sharing its head (第一、二、三产业), or places
    counted by a class word (甲、乙、丙、丁四市经济总量); None otherwise."""
    om = L.ORDINAL_LAST_RE.fullmatch(parts[-1])
    if om and all(L.ORDINAL_RE.fullmatch(p) for p in parts[:-1]):
        # 第一、二、三产业 → 第一产业, 第二产业, 第三产业: ordinals sharing the head of the last one
        lead = "第" if parts[0].startswith("第") else ""
        return [lead + p.lstrip("第") + om.group("head") for p in [*parts[:-1], om.group("n")]]
    pm = L.PLACE_CLASS_RE.fullmatch(parts[-1]) if listed else None
    if pm:
        # 甲、乙、丙、丁四市经济总量: the class word counts the places; the rest is each one's measure
        return [p + pm.group("rest") for p in [*parts[:-1], pm.group("item")]]
    return None


def _cut_parts(sub: str, conj: bool) -> list[str]:
    """The pieces between 、 (and 和/及/与/以及 with ``conj``) outside quotes and brackets."""
    parts: list[str] = []
    cur: list[str] = []
    depth = 0
    i = 0
    while i < len(sub):
        ch = sub[i]
        depth = _depth_after(ch, depth)
        if depth == 0 and (ch == "、" or (conj and ch in "和及与" and i > 0)) and sub[i:i + 2] != "及以":
            parts.append("".join(cur))
            cur = []
            if sub[i:i + 2] == "以及":
                i += 1
        else:
            cur.append(ch)
        i += 1
    parts.append("".join(cur))
    return [p.strip() for p in parts if p.strip()]


def _depth_after(ch: str, depth: int) -> int:
    """The quote and bracket depth after ``ch``."""
    if ch in L.OPEN_QUOTES or ch in L.OPEN_PARENS:
        return depth + 1
    if ch in L.CLOSE_QUOTES or ch in L.CLOSE_PARENS:
        return max(0, depth - 1)
    return depth


def _sector_list(parts: list[str]) -> list[str]:
    """规模以上工业战略性新兴产业、高新技术产业、高技术产业增加值: sectors listed under one scope share the first
    one's scope and the last one's measure (规模以上工业高新技术产业增加值)."""
    hm = L.MEASURE_TAIL_RE.search(parts[-1])
    sm = L.SECTOR_SCOPE_RE.match(parts[0])
    if hm is None or hm.start() < 2 or not all(L.SECTOR_END_RE.search(p) for p in parts[:-1]):
        return parts
    measure, scope = hm.group(), sm.group() if sm else ""
    return [(p if p.startswith(scope) else scope + p) + measure for p in parts[:-1]] + \
        [parts[-1] if parts[-1].startswith(scope) else scope + parts[-1]]


def _share_head(p: str, last: str, conj: bool) -> str:
    """A short modifier shares the last part's head (规上 + 工业增加值 from 规下工业增加值); a part without
    the generic head the last one ends in takes it (火电 + 项目 from 煤炭油气项目)."""
    gm = L.GENERIC_HEAD_RE.search(last)
    if gm and len(last) - len(gm.group()) >= 2 and not p.endswith(gm.group()) and not L.GENERIC_HEAD_RE.search(p):
        return p + gm.group()
    if len(p) <= 4 and len(p) < len(last) - 1:
        cut = len(p)
        k = last.find(p[-1], 0, len(p) + 1)
        if 0 <= k < len(last) - 1:
            cut = k + 1
        return p + last[cut:]
    if not conj and p[-1] in last[:-1] and len(last) - last.index(p[-1]) > 2:
        return p + last[last.index(p[-1]) + 1:]   # 音像器材类 + 商品零售额 from 通讯器材类商品零售额
    return p


def _split_list(sub: str) -> list[str]:
    """Split on 、 outside quotes and brackets only."""
    parts: list[str] = []
    cur: list[str] = []
    depth = 0
    for ch in sub:
        depth = _depth_after(ch, depth)
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
    seg = 0                                 # characters since the last 、 (短 names listed: 县、市)
    while i < limit:
        step = _noun_step(norm, i, limit, e, out, seg)
        if step is None:
            break
        piece, i, seg = step
        out.append(piece)
    return "".join(out).rstrip("的、")


def _noun_step(norm: str, i: int, limit: int, e: int, out: list[str], seg: int) -> tuple[str, int, int] | None:
    """The next piece of the noun at ``i`` (a quote, a bracket, an age, a character), where the scan goes
    on and the new ``seg``; None where the noun ends."""
    ch = norm[i]
    if ch in "“「‘":
        j = norm.find(L.OPEN_QUOTES[ch], i + 1, limit)
        end = j + 1 if j >= 0 else limit
        return norm[i:end], end, seg
    if ch in "（(" and out:                 # 4个县（市）入选…: a bracket that completes the noun
        j = norm.find("）" if ch == "（" else ")", i + 1, min(limit, i + 8))
        if j > i + 1 and all("\u4e00" <= c <= "\u9fff" or c in "、" for c in norm[i + 1:j]):
            return norm[i:j + 1], j + 1, seg
    if ch == "、" and 0 < seg <= 2:
        return ch, i + 1, 0
    if ch in L.ASCII_DIGITS and not out:
        age_end = _age_end(norm, i, limit)
        if age_end is not None:
            return norm[i:age_end], age_end, seg
    if _noun_ends(norm, i, limit, e, out):
        return None
    return ch, i + 1, seg + 1


def _age_end(norm: str, i: int, limit: int) -> int | None:
    """Where an age class at ``i`` ends (2860名|65岁以上老年人 · 7万名|35-64岁妇女: it names them), or None."""
    j = i
    while j < limit and (norm[j] in L.ASCII_DIGITS or (norm[j] in "-—–~至" and j + 1 < limit
                                                       and norm[j + 1] in L.ASCII_DIGITS and j > i)):
        j += 1
    return j if norm.startswith(("岁", "周岁"), j) else None


def _noun_ends(norm: str, i: int, limit: int, e: int, out: list[str]) -> bool:
    """The noun after a count ends before ``norm[i]``: not a letter, a count of its own (三个), a coded
    name starting the predicate (5个设区市|PM2.5浓度达到…) or a verb (RIGHT_STOP_RE)."""
    ch = norm[i]
    if not ("\u4e00" <= ch <= "\u9fff" or ch in L.ASCII_LETTER):
        return True
    if ch in L.CN_DIGITS and i + 1 < e and norm[i + 1] in "个项家":
        return True
    if ch in L.ASCII_LETTER and out and "\u4e00" <= out[-1][-1:] <= "\u9fff" and L.CODED_NAME_RE.match(norm, i, limit):
        return True
    return bool(out) and ch in L.RIGHT_STOP_FIRST and L.RIGHT_STOP_RE.match(norm, i) is not None


def _prev_clause_topic(norm: str, start: int, end: int) -> str:
    """A previous clause used as a topic: 推进“拿地即开工”常态化 → “拿地即开工”常态化."""
    pm = L.PREP_RE.match(norm, start, end)
    t = _clean(norm[pm.end() if pm else start:end])
    t = L.TOPIC_LEAD_RE.sub("", t)
    t = L.T_TOPIC_TRAIL.cut(t)
    t = L.SUPERLATIVE_RE.sub("", t) if len(t) > 4 else t    # 水口片区贡献最大 → 水口片区
    return t[-14:]


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


def _count_name(ctx: _Ctx, t: _Tok, left_raw: str, clause_left: str) -> str:
    """The name of a count written before its noun (5个省重大项目 → 省重大项目), or ''."""
    norm, e, state = ctx.norm, ctx.e, ctx.state
    right = _counted_noun(ctx, t, left_raw)
    if not right:
        return ""
    spec = L.T_SPECIFIC.search(L.TIME_SCOPE_RE.sub("", left_raw))
    if right in L.GENERIC_NOUNS and (k := state.topic.rfind(right)) > 0:
        # 省重点项目累计完成投资…；新开工建设114个项目: the generic noun is the topic's things
        lead = _clean(L.TIME_SCOPE_RE.sub("", left_raw))
        right = (lead if lead != state.topic[:k + len(right)] else "") + state.topic[:k + len(right)]
        spec = None
    name = (spec.group() if spec else "") + right
    left_end = left_raw.rstrip()[-2:]
    vm = L.SUPPORT_END_RE.search(left_raw.rstrip()) if left_end in L.SUPPORT_VERBS else None
    if vm and len(ctx.mentions) > ctx.first and not _clean(left_raw[:vm.start()]):
        # 新增专项债券7.50亿元，支持12个重点项目建设: the amount's subject supports the counted things
        name = ctx.mentions[-1].indicator + vm.group() + name
    name += _second_count_head(norm, t.unit_end + len(right), e) if len(right) <= 4 else ""
    if _clean(left_raw) == "" and "其中" in clause_left and state.topic:
        name = name + state.topic_base
    state.topic = state.topic_base = name
    state.part_parent = ""
    state.entity = name                 # a counted noun is the entity of what follows (N个断面…，达标率…)
    return name


def _counted_noun(ctx: _Ctx, t: _Tok, left_raw: str) -> str:
    """The noun after a count with the predicate that picks the counted things out, reordered or cut
    as the words before the count ask; '' when there is no noun of two characters or more."""
    right = _right_noun(ctx.norm, t.unit_end, ctx.e)
    if len(right) < 2:
        return ""
    k = right.find("指标")
    if k >= 0 and (judged := _judged_indicators(ctx, t.unit_end + k + 2)):
        return judged + "的" + right[:k + 2]
    pred = _count_predicate(ctx, t, t.unit_end + len(right))
    right += pred                           # 260个泊位|尚未投入使用 → 泊位尚未投入使用
    if not pred and "的" in right:
        right = _action_on_counted(right, left_raw.rstrip())
    left_end = left_raw.rstrip()[-2:]
    if left_end.endswith("在") and right.endswith(("中", "里")):
        right = right[:-1]                  # 在41个工业大类行业中: the frame's postposition goes
    if left_end.endswith("为"):
        bm = L.BENEFIT_VERB_RE.search(right, 2)
        if bm:                              # 为2860名65岁以上老年人开展免费健康体检
            right = right[:bm.start()] + right[bm.end():]
    return right


def _judged_indicators(ctx: _Ctx, pos: int) -> str:
    """等5项指标达到或超过预期(外): the verdict that picks the counted indicators out, or ''."""
    tail = ctx.norm[pos:ctx.clause_end(pos)].rstrip()
    if tail.endswith("外"):
        tail = tail[:-1]
    found = find_verdicts(tail) if tail and not any(c.isdigit() for c in tail) else []
    return found[-1].text if found and found[-1].end == len(tail) else ""


def _action_on_counted(right: str, left: str) -> str:
    """实现468个高频事项的跨域通办 → 跨域通办高频事项 (the action realised on the counted things);
    完成安置区3500套房屋的交付工作 → 安置区房屋交付 (the place named before the count, the action after)."""
    thing, _, action = right.partition("的")
    if len(thing) < 2 or not 2 <= len(action) <= 6:
        return right
    if left.endswith(("实现", "完成")):
        return action + thing
    mm = L.DONE_PLACE_RE.search(left)
    return mm.group("place") + thing + action.removesuffix("工作") if mm else right


def _second_count_head(norm: str, pos: int, e: int) -> str:
    """106项A和48项B重点工作: a short first noun (ending at ``pos``) shares the head of a second count's
    noun coordinated with it; '' when none follows."""
    after = norm[pos:pos + 1]
    if not after or after not in "和及与、":
        return ""
    nxt = L.NUMBER_RE.match(norm, pos + 1)
    if not nxt:
        return ""
    um = L.UNIT_RE.match(norm, nxt.end(), e)
    head = _right_noun(norm, um.end(), e) if um and um.end() > nxt.end() else ""
    # 31个生猪基地、22个禽蛋基地: two nouns with the same head are each complete
    return "" if head[-2:] == norm[pos - 2:pos] else head


def _member_name(ctx: _Ctx, t: _Tok) -> str:
    """A count of the members of a set named earlier in the sentence that meet a condition:
    22项主要指标中，18项达到预期目标 · 12个区县中有9个实现正增长 → 达到预期目标的主要指标 (or '')."""
    norm, toks = ctx.norm, ctx.toks
    if norm.find("中", ctx.s, t.start) < 0 and norm.find("有", ctx.s, t.start) < 0:
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
        return _set_member_name(ctx, t)
    cend = ctx.clause_end(t.start)
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


def _set_member_name(ctx: _Ctx, t: _Tok) -> str:
    """今年计划开工项目中，有158个已开工: the members of a set named in the clause before (no count of its
    own) that meet the predicate after the count → 今年计划开工项目已开工 (or '')."""
    norm = ctx.norm
    k = bisect_right(ctx.bounds, t.start - 1) - 1
    if k < 1:
        return ""
    cstart, prev_start = ctx.bounds[k] + 1, ctx.bounds[k - 1] + 1
    fm = L.SET_CLAUSE_RE.fullmatch(norm, prev_start, cstart - 1)
    if fm is None or norm[cstart:t.start].strip() not in ("", "有", "共有", "其中有"):
        return ""
    thing = _clean(_strip_time_scope(fm.group("x")))
    cend = ctx.clause_end(t.start)
    pred = norm[t.unit_end:next((o.start for o in ctx.toks if t.unit_end <= o.start < cend), cend)].rstrip("的 ")
    if len(thing) < 2 or not pred:
        return ""
    if pred.startswith(thing[-2:]):
        pred = pred[2:]                     # 42个项目已完工: the count repeats the set's head
    if not 2 <= len(pred) <= 12 or not L.SET_MEMBER_PRED_RE.match(pred):
        return ""
    ctx.state.topic = ctx.state.entity = thing
    return thing + pred


def _count_predicate(ctx: _Ctx, t: _Tok, pos: int) -> str:
    """What the counted things did, when it picks them out of a larger set: 4个县（市）|入选全国百强县 ·
    22个行业增加值|实现增长 · 18个项目|未开工 · 9个项目|完成投资不足年度计划 (not 5个项目|完成投资11亿元,
    where the number after it measures the things)."""
    norm = ctx.norm
    if pos >= ctx.e or norm[pos] in "，,。；、":
        return ""
    cend = ctx.clause_end(t.start)
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
        trend = _trend_clause_subject(ctx, cstart)
        if trend:                       # 民间投资稳步回升，增长8.4%: the clause before names the figure
            state.topic = trend
        return state.topic
    raw_sub = _strip_time_scope(subject).strip("，,、 ")
    if cleaned[:1] in L.THRESHOLD_FIRST and L.THRESHOLD_RE.fullmatch(cleaned) and len(ctx.mentions) > ctx.first:
        before = ctx.mentions[-1].indicator
        if (tm := L.THRESHOLD_RE.search(before)) is not None:
            # 超300万元的乡镇有8个，超500万元的有3个: the same class with another threshold
            return before[:tm.start()] + cleaned + before[tm.end():]
    is_attr = _attr(raw_sub) or _attr(cleaned)
    part = _part_name(ctx, t, cleaned, clause_left, cstart, is_attr)
    if part:
        return part
    if entity_name := _entity_attr_name(ctx, cleaned, cstart):
        return entity_name
    if is_attr or len(cleaned) <= 2:
        return _attribute_name(ctx, t, raw_sub, cleaned, cstart, is_attr)
    if cleaned[:1] in L.ADDEND_FIRST and (am := L.ADDEND_RE.match(cleaned)):
        # 加上调入资金…14772.77亿元，收入总量为…: an addend, not the subject the total belongs to
        ctx.addend = True
        return cleaned[am.end():]
    name = _class_after_list(ctx, cleaned, cstart) or _sibling_measure(ctx, cleaned, cstart) or cleaned
    state.part_parent = ""
    _set_agent(state, raw_sub)
    name = _list_verb(ctx, name, cstart, sstart)
    state.topic = state.topic_base = name
    if not state.entity:
        state.entity = name
    return name


def _trend_clause_subject(ctx: _Ctx, cstart: int) -> str:
    """The subject of a number-less clause of the same sentence just before ``cstart`` that states a trend
    (民间投资稳步回升 · 工业投资较快增长), or ''."""
    k = bisect_right(ctx.bounds, cstart - 2) - 1
    if k < 0 or ctx.bounds[k] + 1 >= cstart - 1 or ctx.bounds[k] < ctx.s - 1:
        return ""
    a, b = ctx.bounds[k] + 1, cstart - 1
    if any(a <= o.start < b for o in ctx.toks):
        return ""
    tm = L.TREND_CLAUSE_RE.fullmatch(ctx.norm, a, b)
    return _clean(_strip_time_scope(tm.group("subj"))) if tm else ""


def _part_name(ctx: _Ctx, t: _Tok, cleaned: str, clause_left: str, cstart: int, is_attr: bool) -> str:
    """A 其中 part (其中国家级3家), or a sibling part of the same whole in the next sentence
    (其中内资129个，…；外资16个): the part's name, which attributes after it attach to; else ''."""
    state = ctx.state
    if "其中" in clause_left and state.topic_base:
        named = _qizhong_part(ctx, cleaned)
        if named:
            return named
    if (state.part and state.part_parent and cstart > ctx.s and len(cleaned) <= 4 and not is_attr
            and len(ctx.mentions) > ctx.first and ctx.mentions[-1].tok.unit == t.unit
            and ctx.mentions[-1].indicator == state.part):
        # 其中新店溪3.79公里，新西河2.7公里: a sibling part in the next clause
        state.topic = state.part = _part_of(cleaned, state.part_parent)
        return state.topic
    if (state.part_parent and cstart == ctx.s and not state.topic_base and len(cleaned) <= 4 and not is_attr
            and t.base in L.COUNT_UNITS):
        state.topic = state.part = cleaned + state.part_parent
        return state.topic
    return ""


def _qizhong_part(ctx: _Ctx, cleaned: str) -> str:
    """After 其中, with a whole named: the part's name (its class, or a short qualifier of the whole)."""
    state = ctx.state
    if cleaned.endswith(("以上", "以下")):
        # 新增规上企业36家，其中年营收5亿元以上的9家: the class of the part, then the whole's name
        state.topic = state.part = cleaned + "的" + state.topic_base
        state.part_parent = state.topic_base
        return state.topic
    if len(cleaned) <= 4 and not _attr(cleaned):
        # 其中国家级3家 → 国家级 + 智能工厂; after the whole's specific verb: 新增 + 企业 + 市场主体
        state.topic = _part_of(cleaned, state.topic_base)
        state.part, state.part_parent = state.topic, state.topic_base
        return state.topic
    return ""


def _part_of(part: str, whole: str) -> str:
    """国家级 + 智能工厂; after the whole's specific verb: 新增 + 企业 + 市场主体."""
    sp = L.SPECIFIC_START_RE.match(whole)
    return (sp.group() + part + whole[sp.end():]) if sp else part + whole


def _attribute_name(ctx: _Ctx, t: _Tok, raw_sub: str, cleaned: str, cstart: int, is_attr: bool) -> str:
    """An attribute (总投资, 面积, 覆盖 …) or a subject of two characters or fewer: joined to the part,
    the sentence's stand-alone subject, the previous clause, the agent or the topic."""
    state = ctx.state
    base_name = ((state.part if is_attr else "") or state.topic_base
                 or _prev_clause(ctx.norm, ctx.bounds, cstart, ctx.s, ctx.toks, t)
                 or (state.agent if is_attr and L.VERB_FIRST_RE.match(raw_sub) else "")
                 or (state.topic if is_attr and (cstart == ctx.s or ctx.addend) else ""))
    done = raw_sub.removeprefix("累计").removeprefix("共")
    attr = done if done.startswith("完成投资") else cleaned
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


def _class_after_list(ctx: _Ctx, cleaned: str, cstart: int) -> str:
    """…通讯器材类商品零售额分别增长…，石油及制品类下降4.8%: a bare class after a list of its siblings
    takes their measure (and the scope the first of them gave); else ''."""
    if not (cstart > ctx.s and cleaned[-1] in "类业" and len(ctx.mentions) > ctx.first):
        return ""
    prev = ctx.mentions[-1].indicator
    k = prev.rfind(cleaned[-1])
    if not (0 < k < len(prev) - 2 and cleaned not in prev):
        return ""
    sm = L.LIMIT_SCOPE_RE.match(prev)
    return (sm.group() if sm and not cleaned.startswith(sm.group()) else "") + cleaned + prev[k + 1:]


def _sibling_measure(ctx: _Ctx, cleaned: str, cstart: int) -> str:
    """金融机构本外币存款余额…；贷款余额1.64万亿元: a sibling measure (a two-character word swapped,
    存款 → 贷款) just after a fuller name carries that name's subject; a name of its own (进出口总额
    after 社会消费品零售总额) does not; else ''."""
    if not (3 <= len(cleaned) <= 5 and ctx.mentions and not (cstart > ctx.s and cleaned[-1] in "类业"
                                                              and len(ctx.mentions) > ctx.first)):
        return ""
    sib = L.SIBLING_MEASURE_RE.search(cleaned)
    if not sib or sib.start() > 2:
        return ""
    prev_m = ctx.mentions[-1]
    pi = prev_m.indicator
    if (len(pi) > len(cleaned) + 1 and pi[-2:] == cleaned[-2:] and not pi.endswith(cleaned)
            and 0 <= cstart - prev_m.tok.end <= 24 and "。" not in ctx.norm[prev_m.tok.end:cstart]):
        return pi[:-len(cleaned)] + cleaned
    return ""


def _entity_attr_name(ctx: _Ctx, cleaned: str, cstart: int) -> str:
    """A later clause that gives only a rate, progress or state: a name of the sentence's entity
    (and the new topic), or "" when the clause is not such a one."""
    state = ctx.state
    if cstart > ctx.s and state.entity and len(cleaned) <= 6 and L.CLAUSE_ATTR_RE.fullmatch(cleaned):
        base = state.entity
        if cleaned[-2:] == base[-2:] and len(base) <= len(cleaned):
            return ""                       # 新签约项目4个，已签约项目3个: a noun of its own, not a state
        if cleaned[-2:] == base[-2:]:
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
    n_nums = ctx.numbers_after(fb)
    pair = _period_pair(ctx.norm[cstart:fb])
    if pair is not None and n_nums == 2:
        state.split_parts = [pair[2], pair[2]]       # 前三季度和全年工业产值分别增长5.1%、5.3%
        return state.split_parts
    subj = _without_rate_noun(_clean(_strip_time_scope(ctx.norm[cstart:fb])))
    parts = _named_parts(ctx, cstart, subj, n_nums) if subj else []
    if parts:
        state.split_parts = parts
        return parts
    # 原油产量2.16亿吨、天然气产量2580亿立方米，分别增长1.4%和6.0%: the amounts just listed
    if n_nums >= 2:
        names: list[str] = []
        for m in ctx.mentions[ctx.first:]:
            if m.role == "value" and m.indicator not in names:
                names.append(m.indicator)
        if len(names) >= n_nums:
            return names[-n_nums:]
    return list(state.split_parts) or ([state.topic] if state.topic else [])


def _named_parts(ctx: _Ctx, cstart: int, subj: str, n_nums: int) -> list[str]:
    """The names a 分别 subject lists, fitted to the count of numbers after it where the text allows."""
    parts = [p for p in (_clean(p) for p in _split_parts(subj)) if p]
    if len(parts) == 1 and n_nums == 2:
        parts = _compound_parts(parts[0]) or parts       # 存贷余额 → 存款余额, 贷款余额
    if parts and n_nums >= 2 and len(parts) != n_nums and "、" in subj:
        parts = _list_only_parts(subj, n_nums) or parts
    if parts and n_nums >= 2 and len(parts) != n_nums:
        parts = _comma_parts(ctx, cstart, subj, n_nums) or parts
    return parts


def _period_pair(subject: str) -> tuple[str, str, str] | None:
    """前三季度和全年工业产值 → (前三季度, 全年, 工业产值): two periods, each of one number after 分别."""
    pm = L.PERIOD_PAIR_RE.match(subject.strip())
    if pm is None:
        return None
    rest = _clean(pm.group("rest"))
    return (pm.group("p1"), pm.group("p2"), rest) if rest else None


def _compound_parts(name: str) -> list[str]:
    """本外币存贷余额 → 本外币存款余额, 本外币贷款余额: a compound of two measures that 分别 splits."""
    for word, (first, second) in L.COMPOUNDS:
        k = name.find(word)
        if k >= 0:
            return [name[:k] + first + name[k + len(word):], name[:k] + second + name[k + len(word):]]
    return []


def _without_rate_noun(subj: str) -> str:
    """规上工业增加值增幅3—6月份 → 规上工业增加值: the numbers after 分别 are growths of the subject in turn."""
    rm = L.RATE_NOUN_RE.search(subj)
    if rm and rm.start() >= 2 and (not rm.group("period") or L.TIME_SCOPE_RE.fullmatch(rm.group("period"))):
        return subj[:rm.start()]
    return subj


def _list_only_parts(subj: str, n_nums: int) -> list[str]:
    """家用电器和音像器材类、通讯器材类商品零售额: the parts between 、 only, when that gives one per number
    and each piece before the last is a full name itself (not 电力、热力、燃气及…业); else []."""
    alt = [q for q in (_clean(p) for p in _split_parts(subj, conj=False)) if q]
    if len(alt) != n_nums or not all(len(q) >= 4 for q in _split_list(subj)[:-1]):
        return []
    sm = L.LIMIT_SCOPE_RE.match(alt[0])     # 限额以上单位A类、B类…: the scope is each part's
    return [p if not sm or L.LIMIT_SCOPE_RE.match(p) else sm.group() + p for p in alt]


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
        if not item or len(item) > 20 or any(a <= t.start < b for t in ctx.toks) or item.endswith("看") \
                or L.SPAN_OF_TIME_RE.search(item):
            return []                       # (“十一五”前两年，…分别达到: a span of time is no part)
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
        for w in L.WHOLE_SCOPES:
            if w in sm.group():
                return w
    return None


def _each(name: str, left_raw: str, subject: str, cleaned: str, clause_left: str = "") -> list[str]:
    """进出口总额和出口额均增长8%: one fact per named indicator, with the same span; a 、 list of places
    before 均 is read from the clause start (甲、乙、丙、丁四市经济总量均突破1000亿元)."""
    em = L.EACH_END_RE.search(left_raw) or L.EACH_END_RE.search(subject)
    if em and "、" in clause_left and "、" not in left_raw and L.EACH_END_RE.search(clause_left):
        listed = _clean(L.T_CUE.cut(L.EACH_END_RE.sub("", _strip_time_scope(clause_left))))
        parts = [p for p in (_clean(x) for x in _split_parts(listed)) if p]
        if len(parts) >= 2:
            return parts
    if em:
        # A和B水质达标率均保持100%: the verb after 均 is no part of the names
        cleaned = L.EACH_END_RE.sub("", cleaned)
        parts = [p for p in (_clean(x) for x in _split_parts(_clean(L.T_CUE.cut(cleaned)))) if p]
        if len(parts) >= 2:
            return parts
    return [name]


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
    elif role == "value" and t.base in ("元", "美元") and t.unit_end < e:
        name = _fund_name(ctx, t, name, cleaned)
    return name


def _fund_name(ctx: _Ctx, t: _Tok, name: str, cleaned: str) -> str:
    """中央财政安排500亿元专项资金: an amount followed by the fund it is (to the clause end) is named by the
    fund, after whoever put it up (the verb goes)."""
    fm = L.FUND_AFTER_RE.match(ctx.norm, t.unit_end, ctx.clause_end(t.start))
    if fm is None or not fm.group():
        return name
    agent = L.FUND_VERB_RE.sub("", cleaned) if L.FUND_VERB_RE.search(cleaned) else ""
    ctx.state.topic = ctx.state.topic_base = agent + fm.group()
    return ctx.state.topic


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
