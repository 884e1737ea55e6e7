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
    _scope_of,
    _split_group,
    _subject_name,
)
from planwatch.extract.numbers import _Tok
from planwatch.extract.roles import _basis, _pledged, _range_end, _role, _strip_prequal, _target


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
