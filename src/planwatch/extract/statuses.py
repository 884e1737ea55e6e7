"""Statuses: verdict clauses without numbers (保持稳定, 完成上级下达任务 …) and their indicators
(docs/extract.md, pipeline step 9)."""

from __future__ import annotations

from planwatch.extract import _lexicon as L
from planwatch.extract.context import _Mention, _State
from planwatch.extract.names import _clean, _join_attr, _split_list, _split_parts
from planwatch.extract.numbers import _Tok
from planwatch.model.verdict import Reference, find_verdicts


def _may_end_in_status(norm: str, s: int, e: int, clauses: list[int]) -> bool:
    """Cheap filter: some clause ends (before spaces) with a character a status phrase ends with."""
    last = L.STATUS_END
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
    if not _may_end_in_status(norm, s, e, clauses) or _heading(norm, s, e, ls, toks):
        return
    scan = _Scan(norm, ls, [s - 1] + clauses + [e], out, mentions, first)
    ti = 0
    for i in range(len(scan.edges) - 1):
        a, b = scan.edges[i] + 1, scan.edges[i + 1]
        num_end = -1
        while ti < len(toks) and toks[ti].start < b:
            if toks[ti].start >= a:
                num_end = toks[ti].unit_end
            ti += 1
        if num_end >= 0:
            scan.number_clause(i, a, num_end, b)
        else:
            scan.verdict_clause(i, a, b)


class _Phrase:
    """A status phrase ending a clause: where it starts in the clause, its text, and what it is: a trend
    (保持稳定, 持续改善: no reference to a plan), a task or target wording of STATUS_RE, or a verdict of
    the shared vocabulary with the reference it compares with. (Plain classes here, not dataclasses: their
    ``__init__`` is compiled with the module by mypyc.)"""

    __slots__ = ("start", "text", "trend", "reference")

    def __init__(self, start: int, text: str, trend: bool = False, reference: Reference | None = None) -> None:
        self.start = start
        self.text = text
        self.trend = trend
        self.reference = reference


def _phrase_at_end(tail: str) -> _Phrase | None:
    """The status phrase ending ``tail`` (a clause without its trailing spaces), or None: a trend or task
    phrase (STATUS_RE) first, else a verdict of the shared vocabulary (model.verdict: 达到序时进度,
    与目标尚有差距, 圆满完成, 有望顺利完成 …)."""
    if not tail:
        return None
    if tail[-1] in L.STATUS_LAST:
        m = L.T_STATUS.search(tail)
        if m:
            return _Phrase(m.start(), m.group(), trend=L.REFERENCE_RE.search(m.group()) is None)
    if tail[-1] in L.VERDICT_LAST and L.verdict_hint(tail[-1]).search(tail):
        found = find_verdicts(tail)
        if found and found[-1].end == len(tail):
            return _Phrase(found[-1].start, found[-1].text, reference=found[-1].reference)
    return None


def _listed(subj: str) -> list[str]:
    """工业用电量、税收收入、社零额等5项指标 · X、Y、Z等约束类指标: the indicators listed (or [])."""
    lm = L.LISTED_RE.fullmatch(subj) if "等" in subj and "、" in subj else None
    if lm is None:
        return []
    parts = [p for p in (_clean(x) for x in _split_list(lm.group("items"))) if p]
    return parts if len(parts) >= 2 else []


class _Scan:
    """The clauses of one sentence read for statuses, with what the earlier clauses left."""

    __slots__ = ("norm", "ls", "edges", "out", "mentions", "first", "topic", "last_status", "num_clause")

    def __init__(self, norm: str, ls: int, edges: list[int], out: list[tuple[str, int, int, bool]],
                 mentions: list[_Mention], first: int) -> None:
        self.norm = norm
        self.ls = ls                    # start of the line
        self.edges = edges              # clause marks, with s - 1 first and e last
        self.out = out
        self.mentions = mentions
        self.first = first              # this sentence's first mention
        self.topic = ""
        self.last_status = -2           # index of the clause that gave the last status of this sentence
        self.num_clause = -2            # index of the last clause holding a number

    def number_clause(self, i: int, a: int, num_end: int, b: int) -> None:
        self.topic = ""
        if _status_after_count(self.norm, a, num_end, b, self.out) or self.listed_count(a, b):
            self.last_status = i
        self.num_clause = i

    def listed_count(self, a: int, b: int) -> bool:
        """工业用电量、税收收入、社零额等5项指标达到序时进度: the verdict of each listed indicator (the count
        stays a fact of its own)."""
        clause = self.norm[a:b].rstrip()
        if "等" not in clause or "、" not in clause:
            return False                    # (no list to name: _listed needs both, and cleaning adds neither)
        if clause.endswith("外") and "除" in clause:
            clause = clause[:-1]            # 除A、B等5项指标达到预期外: the excepted ones met it
        found = _phrase_at_end(clause)
        parts = _listed(L.EXCEPT_LEAD_RE.sub("", _clean(clause[:found.start]))) if found else []
        if not found or not parts:
            return False
        self.out.extend((p, a + found.start, a + found.start + len(found.text), False) for p in parts)
        return True

    def lists_results(self, s: int, e: int, at: int) -> bool:
        """Whether the sentence ``[s, e)`` stands among indicators' results: its line states figures before
        ``at`` (the clause), or it
        is an item of a ；-separated list (工业增加值率保持稳定；新增智能工厂34家；). A trend phrase is a status
        there, not in a description (营商生态持续改善，治安形势保持稳定。)."""
        norm = self.norm
        if norm[e:e + 1] in ("；", ";") or norm[max(s - 1, 0):s] in ("；", ";"):
            return True
        j = self.ls - 1
        while j >= 0 and norm[j].isspace():
            j -= 1
        if j >= 0 and norm[j] in "；;":          # the previous line is an item of the same list
            return True
        # figures stated before it on its line; a trend before them is the paragraph's headline
        # (工业生产持续向好。前三季度…增长3.2%), not a result
        return L.NUM_HINT_RE.search(norm, self.ls, at) is not None

    def listed_before(self, i: int) -> list[str]:
        """The indicators of a 、 list of figures filling the clause just before clause ``i`` (each gets
        the verdict that follows it), or []."""
        if i == 0:
            return []
        a, b = self.edges[i - 1] + 1, self.edges[i]
        names: list[str] = []
        for m in self.mentions[self.first:]:
            if a <= m.tok.start < b and m.indicator not in names:
                names.append(m.indicator)
        return names if len(names) >= 2 and self.norm.count("、", a, b) == len(names) - 1 else []

    def carry_topic(self, i: int, a: int, found: _Phrase) -> bool:
        """A status phrase without a subject takes the topic (the figure before it …); False when it only
        restates that figure's comparison (失业率为5.0%，与上月持平: no verdict of its own)."""
        if self.num_clause == i - 1 and L.FLAT_AFTER_NUMBER_RE.fullmatch(found.text):
            return False
        self.topic = _status_topic(self.norm, self.edges, i, a, self.mentions, self.first, self.topic)
        return True

    def status_subject(self, i: int, a: int, clause: str, found: _Phrase) -> tuple[str, list[str], int] | None:
        """Who a status phrase at the clause's end is said of: its subject, the indicators it names
        one by one, and where the status starts; None when it is not an indicator's status."""
        head, st_start, subj = _status_subject(clause, a, found.start,
                                               a == self.ls or not self.norm[self.ls:a].strip())
        if _not_a_status_subject(clause, subj):
            return None
        parts = _each_status(head, subj) or _listed(subj)
        if found.reference is not None and not _verdict_subject(subj, parts, found.reference):
            return None
        if not subj:
            if not self.carry_topic(i, a, found):
                return None
            if not parts and found.reference is not None:
                parts = self.listed_before(i)   # 巩固提升31个生猪基地、22个禽蛋基地,已完成既定目标
        if subj and len(subj) <= 3 and subj[:1] in L.ATTR_FIRST and L.ATTR_RE.match(subj) \
                and len(self.mentions) > self.first:
            subj = _join_attr(self.mentions[-1].indicator, subj)   # …增长6.0%，增速与上半年持平
        return subj, parts, st_start

    def verdict_clause(self, i: int, a: int, b: int) -> None:
        """A clause without numbers that ends in a status phrase: its status (or none)."""
        norm = self.norm
        clause = norm[a:b]
        found = _phrase_at_end(clause.rstrip())
        if not found:
            return
        said = self.status_subject(i, a, clause, found)
        if said is None:
            return
        subj, parts, st_start = said
        name = subj or self.topic
        if not name:
            return
        if found.trend and not (L.MEASURED_RE.search(name) or self.lists_results(self.edges[0] + 1, self.edges[-1], a)):
            return                    # 营商生态持续改善: a description, not an indicator's result
        target = "保持" in found.text and L.TARGET_RE.search(norm, self.ls, a) is not None
        end = a + found.start + len(found.text)
        if parts:                     # A和B工作均完成上级下达任务: one status per named indicator
            self.out.extend((p, st_start, end, target) for p in parts)
        else:
            _add_status(self.out, (name, st_start, end, target), not subj and self.last_status == i - 1)
        self.last_status = i
        self.topic = name


def _verdict_subject(subj: str, parts: list[str], reference: Reference) -> bool:
    """Whether a verdict of the shared vocabulary is an indicator's status here. Without a subject of its
    own it is the verdict on the figure just stated (增长2.1%，未完成年度目标), except a verdict against the
    schedule, which restates the completion figure before it (占年度计划53.7%，实现时间过半、任务过半);
    a verdict on progress (进展良好, 得到较好执行) is a status only when said of indicators, targets or the plan
    (X、Y等约束类指标进展良好 · 计划得到较好执行), not of a field of work (重点项目建设进展顺利)."""
    if not subj:
        return reference not in (Reference.SCHEDULE, Reference.PROGRESS)
    return reference is not Reference.PROGRESS or bool(parts) or subj.endswith(("指标", "目标", "任务", "计划"))
