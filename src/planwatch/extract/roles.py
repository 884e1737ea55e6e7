"""Roles: what a number is (value, growth, plan_completion, share, change) from the words just before it,
its sign, and whether it is a target (docs/extract.md, pipeline steps 6–7)."""

from __future__ import annotations

from planwatch.extract import _lexicon as L
from planwatch.extract.context import _Ctx, _Mention
from planwatch.extract.names import _clean, _strip_time_scope
from planwatch.extract.numbers import _Tok
from planwatch.extract.sentences import _Line


def _strip_prequal(left: str, qualifier: str | None) -> tuple[str, str | None]:
    """Drop 超/近/约/达/为 … written just before a number; keep the qualifiers."""
    for _ in range(4):
        if not left or left[-1] not in L.PREQUAL_LAST:
            break
        pm = L.T_PREQUAL.search(left)
        if not pm:
            break
        q = pm.group("q")
        if q in L.PREQUAL_KEEP and qualifier is None:
            qualifier = L.PREQUAL_KEEP[q]
        left = left[:pm.start()]
    return left, qualifier


_Role = tuple[str, str, bool, str | None]


def _role(left: str, t: _Tok) -> _Role:
    """(role, subject left of the cue, negative, of) from the words just before the number."""
    pct = t.base in L.PERCENT_LIKE
    if t.unit == "个百分点":
        return _points_role(left)
    if pct and left.endswith(("增长率", "增长率平均")) and not left.endswith(("自然增长率", "自然增长率平均")) \
            and len(left) > 4:
        # 上海经济增长率平均达到13.1%: a growth rate reached is a growth, named by the rate
        return "growth", left.removesuffix("平均"), False, None
    if not pct and left.endswith("占"):
        left = left[:-1]            # 余杭占4席: a count of places held is a value of the holder
    got = _percent_role(left, t) if pct else None
    # else a level reached (value), a relative change (growth) or an absolute one (change), else a value
    if not pct and left.endswith("超额完成") and not left.endswith("已超额完成"):
        return "change", left[:-4], False, None     # 申报23人，超额完成8人: the gap to the target
    return got or _level_role(left, pct) or _cue_role(left, t, pct) or _compare_gap_role(left, pct) or (
        "value", left, False, None)


def _level_role(left: str, pct: bool) -> _Role | None:
    """提升至705元 · 稳定在 · 控制在: a level reached is a value; 降幅收窄至5%以内 is a growth."""
    lm = L.T_TO_LEVEL.search(left) if left[-1:] in L.TO_LEVEL_LAST else None
    if not lm:
        return None
    subject = left[:lm.start()]
    cm = L.T_CUE.search(subject)
    if pct and cm and cm.group("cue") in ("降幅", "增幅", "涨幅"):
        # 出口降幅收窄至5%以内: the rate of change reached is a growth (of −5% for a fall)
        return "growth", subject[:cm.start()], cm.group("cue") == "降幅", None
    return "value", subject[:cm.start()] if cm else subject, False, None


def _cue_role(left: str, t: _Tok, pct: bool) -> _Role | None:
    """增长6.1% (growth) · 比上年增产2.1万吨 (change) · 减少1.2万人 (a negative change)."""
    cm = L.T_CUE.search(left) if left[-1:] in L.CUE_LAST else None
    if cm and t.unit == "‰" and cm.group("cue").startswith("增长率"):
        return None                 # 人口自然增长率为0.9‰: a rate named by its own name, in per mille
    if not cm or left.endswith(("增加值", "新增")):
        return None
    cue = cm.group("cue")
    # 单产412.3公斤/亩，提高3.8公斤: a bare cue opening its clause moves the level just stated
    compared = (bool(L.T_COMPARE.search(left[:cm.start()])) or left[:cm.start()].endswith("再")
                or (cm.start() == 0 and cue in L.LEVEL_MOVE_CUES))
    if (pct or cue in L.CHANGE_CUES or compared) and not (pct and cue in ("多", "少") and not compared):
        return ("growth" if pct else "change"), L.T_COMPARE.cut(left[:cm.start()]), cue in L.DECREASE, None
    return None


def _compare_gap_role(left: str, pct: bool) -> _Role | None:
    """比预期目标低1.6微克/立方米: the gap to a reference level is a change."""
    if pct or left[-1:] not in L.COMPARE_GAP_LAST:
        return None
    gm = L.T_COMPARE_GAP.search(left)
    if gm and gm.group("ref"):
        return "change", left[:gm.start()], gm.group("dir") in L.GAP_NEG, None
    return None


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
    """A percentage (or 倍/成) as a plan completion, a share or a cut, or None (a value or growth)."""
    cut = L.CUT_LEAD_RE.search(left) if t.base == "%" else None
    if cut:                         # 压减非刚性支出15%: a percentage cut is a negative growth of what is cut
        return "growth", cut.group("rest"), True, None
    pm = L.T_PLAN_RATE.search(left) if "完成率" in left else None
    if pm:                          # 完成率112.4%: progress of the topic against its plan
        return "plan_completion", left[:pm.start()], False, None
    pm = L.T_PLAN.search(left)
    if pm:
        return "plan_completion", left[:pm.start()], False, pm.group("ref")
    dm = L.DONE_SHARE_RE.search(left) if t.base == "%" and "完成" in left else None
    if dm:                          # 铺架完成90% · 完成任务数120%: the share of the planned work done
        return "plan_completion", left[:dm.start()], False, None
    if L.T_SHARE_PP.search(left):
        return "share", left[:-2], False, None
    um = L.T_SHARE_USE.search(left) if "比" in left else None
    if um:                          # 用于产业发展的比重达到62.5%: the topic's share put to a use
        return "share", um.group("use"), False, None
    em = L.EQUIVALENT_SHARE_RE.search(left) if "相当于" in left else None
    if em:                          # 相当于全市生产总值的比例达到2.52%: the topic's share of that total
        return "share", left[:em.start()], False, em.group("of")
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
        return True, _actual_role(ctx, role), ""
    if role != "plan_completion":
        stripped = _strip_time_scope(subject)
        first = stripped[:1]
        if (first in L.SET_TARGET_FIRST or first.isdecimal()) and (lead := L.SET_TARGET_RE.match(stripped)):
            return True, role, stripped[lead.end():]
    tm = L.TARGET_RE.search(ctx.norm, max(lo, t.start - 12), t.start)
    if not tm or role == "plan_completion":
        return target_ctx, role, subject
    word = tm.group()
    k = subject.find(word)
    if k > 0 and subject[k - 1] in "（(" and len(ctx.mentions) > ctx.first:
        # 增长5.8%，排名全市第2位（年度目标为7%以上）: a bracketed target is the actual's, in its role
        return True, _actual_role(ctx, role), ""
    if k >= 0:
        subject = _subject_around_target_word(subject, word, k)
    return True, _target_role(ctx, t, role, subject), subject


def _subject_around_target_word(subject: str, word: str, k: int) -> str:
    """The subject of a target whose word stands at ``k``: after a target verb, else before the word."""
    before = subject[:k]
    if word in L.TARGET_VERBS and not _clean(_strip_time_scope(before)):
        return subject[k + len(word):]      # 确保全年城镇新增就业5500人: the subject follows the verb
    return L.T_GAP_WORD.cut(before)         # 高于年度目标（5.5%）: the gap word is no subject


def _target_role(ctx: _Ctx, t: _Tok, role: str, subject: str) -> str:
    """A target's role: a percentage named as a growth is one; a bare target takes the last role."""
    if role == "value" and t.base in L.PERCENT_LIKE and L.T_GROWTH_NAME.search(_clean(subject)):
        role = "growth"                     # 经济增长预期目标定为5.5%: a growth rate
    if role == "value" and ctx.state.last_role and not _clean(subject):
        role = ctx.state.last_role
    return role


def _actual_role(ctx: _Ctx, role: str) -> str:
    """The role of a target written beside its actual: its own cue's (增长10%的目标), else the actual's."""
    return role if role in ("growth", "change") else ctx.mentions[-1].role


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


def _basis(norm: str, pos: int, e: int, cstart: int, start: int) -> str | None:
    window = norm[pos:min(e, pos + 12)] + norm[cstart:start]
    for b, words in (("不变价", ("不变价",)), ("可比价", ("可比价",)), ("现价", ("现价",))):
        if any(w in window for w in words):
            return b
    return None
