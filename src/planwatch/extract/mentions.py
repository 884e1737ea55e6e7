"""Mentions: each number token of a sentence with its role and name (the stage that runs roles and names
over the tokens, with 分别 groups, ranges and targets)."""

from __future__ import annotations

from bisect import bisect_right

from planwatch.extract import _lexicon as L
from planwatch.extract.context import _Ctx, _Mention, _State
from planwatch.extract.names import (
    _clean,
    _count_name,
    _each,
    _finish_name,
    _member_name,
    _name_start,
    _period_pair,
    _scope_of,
    _split_group,
    _subject_name,
)
from planwatch.extract.numbers import _Tok
from planwatch.extract.roles import _basis, _pledged, _range_end, _role, _strip_prequal, _target


class _Split:
    """A 分别 group: the clause it is in, the parts its numbers take in turn, and the role and sign of
    its first number (分别下降12.4%和9.8%: both fell)."""

    __slots__ = ("cstart", "parts", "periods", "role", "negative", "idx")

    def __init__(self) -> None:
        self.cstart = -1
        self.parts: list[str] = []
        self.periods: tuple[str, ...] = ()   # 前三季度和全年…分别: the period of each number
        self.role: str | None = None
        self.negative = False
        self.idx = 0

    def role_of(self, role: str, negative: bool) -> tuple[str, bool]:
        if self.role is None:
            self.role, self.negative = role, negative
        elif role == "value":
            role, negative = self.role, self.negative
        return role, negative

    def period(self) -> str | None:
        """The period of the number whose name was just given (前三季度和全年…分别), or None."""
        return self.periods[self.idx - 1] if 0 < self.idx <= len(self.periods) else None

    def next_name(self) -> str:
        if not self.parts:
            return ""
        name = self.parts[min(self.idx, len(self.parts) - 1)]
        self.idx += 1
        return name


class _At:
    """Where a number stands: its clause start, the start of its list item or name, and the words
    left of it since the previous number (``left_raw`` in the item, ``clause_left`` in the clause)."""

    __slots__ = ("cstart", "sstart", "lo", "left_raw", "clause_left")

    def __init__(self, cstart: int, sstart: int, lo: int, left_raw: str, clause_left: str) -> None:
        self.cstart = cstart
        self.sstart = sstart
        self.lo = lo
        self.left_raw = left_raw
        self.clause_left = clause_left


def _numbers(norm: str, s: int, e: int, clauses: list[int], lists: list[int], toks: list[_Tok], state: _State,
             mentions: list[_Mention], target_from: int) -> None:
    bounds = [s - 1] + clauses          # comma-level clause starts (boundary index)
    sub_bounds = sorted(bounds + lists) if lists else bounds     # (clause and list marks never coincide)
    ctx = _Ctx(norm, s, e, bounds, toks, state, mentions, len(mentions))
    pledge = norm.find("确保", s, e) >= 0 or norm.find("力争", s, e) >= 0
    split = _Split()
    prev_end = s
    for t in toks:
        cstart = bounds[bisect_right(bounds, t.start - 1) - 1] + 1
        sstart = _name_start(norm, cstart, sub_bounds[bisect_right(sub_bounds, t.start - 1) - 1] + 1, t.start)
        lo = prev_end if prev_end > cstart else cstart
        at = _At(cstart, sstart, lo, norm[(prev_end if prev_end > sstart else sstart):t.start], norm[lo:t.start])
        _number(ctx, t, at, prev_end, split, t.start >= target_from or (pledge and _pledged(norm, cstart, t.start)))
        prev_end = t.unit_end


def _number(ctx: _Ctx, t: _Tok, at: _At, prev_end: int, split: _Split, target_ctx: bool) -> None:
    """The mention(s) of one number."""
    norm, mentions = ctx.norm, ctx.mentions
    at.left_raw = _without_sign_or_basis(at.left_raw, t)
    left, qualifier = _strip_prequal(at.left_raw, t.qualifier)
    if len(mentions) > ctx.first and prev_end > ctx.s and _range_end(norm, mentions, ctx.first, ctx.s, prev_end, t,
                                                                     qualifier):
        return
    cstart = at.cstart
    if _reference_figure(ctx, t, left, qualifier):
        return
    scope = _scope_of(left) if "全" in left else None
    in_split, left = _enter_split(ctx, t, split, cstart, left)
    role, subject, negative, of = _role(left, t)
    role, subject, negative = _adjusted_role(ctx, t, left, cstart, role, subject, negative)
    if in_split:
        subject = ""
        role, negative = _split_role(ctx, t, split, cstart, role, negative)
    # targets written beside an actual: （预期目标为8.5%以上）
    target, role, subject = _target(ctx, t, at.lo, role, subject, target_ctx)
    if role == "change" and L.TARGET_GAP_RE.search(norm, cstart, t.start):
        # 高于预期目标0.2个百分点: the gap to the target is a change against it (of 目标), not a target
        target, of = target_ctx, "目标"
    names = _names(ctx, t, at, split if in_split else None, role, subject, of)
    estimate = norm.find("预计", cstart, t.start) >= 0 and L.ESTIMATE_RE.match(norm, cstart, t.start) is not None
    basis = _basis(norm, t.unit_end, ctx.e, cstart, t.start) if role == "growth" else None
    period = split.period() if in_split else None
    for nm in names:
        mention = _Mention(role, t, nm, of, target, basis, negative, scope, estimate, qualifier, period)
        mentions.append(mention)
        ctx.last_in_clause[cstart] = mention
    ctx.state.last_role = role if role != "value" or not target else ctx.state.last_role


def _adjusted_role(ctx: _Ctx, t: _Tok, left: str, cstart: int, role: str, subject: str,
                   negative: bool) -> tuple[str, str, bool]:
    """The role the words left of the number give, corrected by what follows or came before it."""
    norm = ctx.norm
    if role == "value" and t.unit == "%" and left.endswith(("保持", "实现")) and L.GROWTH_AFTER_RE.match(norm, t.unit_end):
        role, subject = "growth", left[:-2]          # 汽车产量继续保持40%以上增长
    if role == "change" and t.unit == "个百分点" and L.CONTRIBUTION_RE.search(norm, cstart, t.start):
        role = "value"              # 拉动GDP增长分别为0.3、4.5个百分点: the size of a contribution, not a change
    if role == "change" and left.strip() in (")", "）") and ctx.ref_gap:
        negative = ctx.ref_gap in ("低于", "慢于", "低出")   # 低于全省平均(11%)2.1个百分点
    ctx.ref_gap = ""
    return role, subject, negative


def _split_role(ctx: _Ctx, t: _Tok, split: _Split, cstart: int, role: str, negative: bool) -> tuple[str, bool]:
    """Inside 分别: a rate named before 分别 decides the role, then the split's own rule."""
    fb = ctx.norm.rfind("分别", cstart, t.start)
    if role == "value" and t.unit == "%" and fb > cstart:
        role, negative = _rate_before_split(ctx.norm[cstart:fb], role, negative)
    return split.role_of(role, negative)


def _reference_figure(ctx: _Ctx, t: _Tok, left: str, qualifier: str | None) -> bool:
    """高于全省平均增幅(11%)8.9个百分点: the bracketed 11% is the growth of 全省 + the topic, the gap after it
    stays the topic's (ctx.ref_gap keeps the gap word for its sign)."""
    rm = L.REF_BRACKET_RE.search(left) if t.unit == "%" and left[-1:] in "(（" else None
    if rm is None or not ctx.state.topic or L.TARGET_WORD_RE.search(rm.group("ref")):
        return False
    ctx.mentions.append(_Mention("growth", t, rm.group("ref") + ctx.state.topic, qualifier=qualifier))
    ctx.ref_gap = rm.group("gap")
    return True


def _without_sign_or_basis(left_raw: str, t: _Tok) -> str:
    """The words left of a number without its sign (增长-12%) or a basis bracket (比上年增长(可比价)9.8%,
    read apart by ``_basis``)."""
    if t.number < 0 and left_raw.endswith(("-", "−")):
        return left_raw[:-1]
    if "下同" in left_raw:                  # 比2017年同口径(下同)增长6.2%: an editor's note
        left_raw = L.EDITOR_NOTE_RE.sub("", left_raw)
    if left_raw.endswith(("）", ")")) and L.BASIS_BRACKET_RE.search(left_raw):
        return L.BASIS_BRACKET_RE.sub("", left_raw)
    return left_raw


def _names(ctx: _Ctx, t: _Tok, at: _At, split: _Split | None, role: str, subject: str, of: str | None) -> list[str]:
    """The indicator name(s) of a number: the next part of its 分别 group, the noun it counts, or its
    clause's subject (one name per part of an ``A和B均…`` list)."""
    cleaned = _clean(subject)
    if cleaned in L.TARGET_WORD_SET:          # TARGET_RE.fullmatch(cleaned): one of its words
        cleaned = ""
    name = split.next_name() if split is not None else ""
    if name and split is not None and len(set(split.parts)) == 1:
        ctx.state.topic = name          # 支出分别达到258.8亿元和307.5亿元，年均增长20%: one name, the topic
    if not name and _counted(ctx, t, role):
        name = _member_name(ctx, t) or _count_name(ctx, t, at.left_raw, at.clause_left)
    if not name:
        name = _subject_name(ctx, t, subject, cleaned, at.clause_left, at.cstart, at.sstart)
    name = _finish_name(ctx, t, name, role, of, cleaned, at.cstart)
    if split is not None or ("均" not in at.left_raw and "均" not in subject):
        return [name]
    return _each(name, at.left_raw, subject, cleaned, at.clause_left)


def _rate_before_split(subject: str, role: str, negative: bool) -> tuple[str, bool]:
    """The rate named before 分别 gives the role of the percentages after it: 任务完成率分别为48.5%、52.1%
    (plan completions) · 增幅3—6月份分别为9.1%、8.6% (growths; 降幅: negative ones)."""
    if L.T_PLAN_RATE.search(subject):
        return "plan_completion", negative
    rm = L.RATE_NOUN_RE.search(subject)
    if rm and (not rm.group("period") or L.TIME_SCOPE_RE.fullmatch(rm.group("period"))):
        return "growth", rm.group("rate") == "降幅"
    return role, negative


def _enter_split(ctx: _Ctx, t: _Tok, split: _Split, cstart: int, left: str) -> tuple[bool, str]:
    """Whether the number is in a 分别 group (starting one at the first 分别 of its clause), and the
    words left of it that its role is read from (after 分别 for the group's first number)."""
    if split.cstart == cstart:
        return True, left
    fb = ctx.norm.rfind("分别", cstart, t.start)
    if fb < 0:
        return _continues_split(ctx, t, split, cstart, left), left
    split.cstart, split.parts, split.role, split.idx = cstart, _split_group(ctx, cstart, fb), None, 0
    pair = _period_pair(ctx.norm[cstart:fb])
    split.periods = pair[:2] if pair is not None else ()
    return True, _strip_prequal(ctx.norm[fb + 2:t.start], None)[0]


def _continues_split(ctx: _Ctx, t: _Tok, split: _Split, cstart: int, left: str) -> bool:
    """存贷款余额分别为960亿元、720亿元，比年初增长6.3%、5.8%: a clause right after a 分别 group, with no
    subject of its own and as many numbers as the group has parts, gives them to the parts in turn."""
    if split.cstart < 0 or len(split.parts) < 2 or split.cstart >= cstart or ctx.numbers_after(cstart - 1) != len(split.parts):
        return False
    if _clean(_role(left, t)[1]):
        return False
    split.cstart, split.role, split.idx = cstart, None, 0
    return True


def _measured_after(ctx: _Ctx, t: _Tok) -> bool:
    """建成200公里农村公路 · 新建30万亩高标准农田: a length or area after a verb of building, followed by what
    it measures (not 由86平方公里拓展到…, where the subject is before the number)."""
    if t.base not in L.MEASURED_AFTER_UNITS:
        return False
    if L.BUILD_VERB_END_RE.search(ctx.norm, max(ctx.s, t.start - 4), t.start) is not None:
        return True
    # 300公里农村公路安保工程，现已完成344公里: a length opening its clause measures the noun after it
    k = bisect_right(ctx.bounds, t.start - 1) - 1
    return not ctx.norm[ctx.bounds[k] + 1:t.start].strip()


def _counted(ctx: _Ctx, t: _Tok, role: str) -> bool:
    """A count written before its noun (5个|省重大项目, 建成1382个|电动自行车充电位)."""
    if (t.base not in L.COUNT_UNITS and not t.implied and not _measured_after(ctx, t)) or role != "value" \
            or t.unit_end >= ctx.e:
        return False
    ch = ctx.norm[t.unit_end]
    return "\u4e00" <= ch <= "\u9fff" or ch in "“「0123456789" or ch in L.ASCII_LETTER
