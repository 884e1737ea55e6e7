"""The verdict vocabulary: the words a reader sees for where a target stands, and the phrases
reports use to say it.

Two halves, one list of words:

- :class:`Verdict` — every judgement the status engine can give (超序时, 达序时, 滞后序时, 超额完成,
  提前完成全年任务, 超过预期, 达标, 进展顺利, 基本达标, 经努力可完成, 存在差距, 未达标, 待评估, 缺数,
  年度数据, 目标未设定, 按报告), each with its tone, whether it counts as lagging, and what it means.
- :func:`find_verdicts` / :func:`read_verdict` — the same judgements read back from report
  language (达到或超过计划目标序时进度, 低于预期目标0.5个百分点, 没有完成“双过半”, 经过努力能够完成 …).
  The status engine classifies reported status text with it and the extractor finds status
  phrases with it, so the two never disagree. A phrase it does not know gives nothing: the caller
  says 待评估, never an invented verdict.

Pure data and regular expressions; no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import Enum


class Tone(str, Enum):
    """How a verdict reads at a glance; drives colour, never the meaning."""

    GOOD = "good"
    WARN = "warn"
    BAD = "bad"
    NEUTRAL = "neutral"

    @property
    def severity(self) -> int:
        """Bad first when verdicts are combined: bad 3, warn 2, neutral 1, good 0."""
        return {"bad": 3, "warn": 2, "neutral": 1, "good": 0}[self.value]


class Verdict(str, Enum):
    """The word a reader sees for one target. The value is the Chinese word shown and stored."""

    AHEAD = "超序时"                     # cumulative completion above 序时进度
    ON_SCHEDULE = "达序时"               # within the band of 序时进度
    BEHIND = "滞后序时"                  # below 序时进度
    COMPLETED_EARLY = "提前完成全年任务"  # before December, completion ≥ 100 %
    OVERACHIEVED = "超额完成"            # at year end, above the annual target
    EXCEEDED = "超过预期"                # a growth or level above the target (beyond its band)
    MET = "达标"                         # meets the target (符合预期 / 完成)
    ON_TRACK = "进展顺利"                # reported as on track (mid-year or outlook words)
    NEAR = "基本达标"                    # 基本完成 / 基本符合预期
    ATTAINABLE = "经努力可完成"           # 经过努力能够完成: achievable only with more effort
    GAP = "存在差距"                     # reported gap (存在差距, 仍需付出更大努力, 完成难度较大)
    NOT_MET = "未达标"                   # below the target (低于预期目标, 未完成)
    REPORTED = "按报告"                  # a reported status without target or known verdict words
    TO_ASSESS = "待评估"                 # the figures or words do not allow a judgement
    ANNUAL_ONLY = "年度数据"             # no in-year figure exists
    MISSING = "缺数"                     # no figure stored
    NO_TARGET = "目标未设定"              # figures, but the plan sets no target

    @property
    def tone(self) -> str:
        """good / warn / bad / neutral (a plain string for templates and JSON)."""
        return _TONES.get(self, Tone.NEUTRAL).value

    @property
    def is_lagging(self) -> bool:
        """Behind or at risk: listed by ``status --lagging`` and in the report's 差距 paragraph."""
        return _TONES.get(self) in (Tone.BAD, Tone.WARN)

    @property
    def is_judgement(self) -> bool:
        """A verdict about the target (good, warn or bad), as opposed to 缺数, 待评估, 年度数据 …"""
        return _TONES.get(self, Tone.NEUTRAL) is not Tone.NEUTRAL

    @property
    def meaning(self) -> str:
        """One line a reader can hover over (and docs/status.md lists)."""
        return _MEANINGS[self]


_TONES: dict[Verdict, Tone] = {
    Verdict.AHEAD: Tone.GOOD, Verdict.ON_SCHEDULE: Tone.GOOD, Verdict.COMPLETED_EARLY: Tone.GOOD,
    Verdict.OVERACHIEVED: Tone.GOOD, Verdict.EXCEEDED: Tone.GOOD, Verdict.MET: Tone.GOOD,
    Verdict.ON_TRACK: Tone.GOOD,
    Verdict.NEAR: Tone.WARN, Verdict.ATTAINABLE: Tone.WARN,
    Verdict.BEHIND: Tone.BAD, Verdict.GAP: Tone.BAD, Verdict.NOT_MET: Tone.BAD,
}

_MEANINGS: dict[Verdict, str] = {
    Verdict.AHEAD: "累计完成占年度目标的比例高于序时进度",
    Verdict.ON_SCHEDULE: "累计完成占年度目标的比例与序时进度相当（在容差之内）",
    Verdict.BEHIND: "累计完成占年度目标的比例低于序时进度",
    Verdict.COMPLETED_EARLY: "年底之前累计完成已达到或超过全年目标",
    Verdict.OVERACHIEVED: "全年累计完成超过年度目标",
    Verdict.EXCEEDED: "实际增速或水平高于目标（超出“左右”等容差）",
    Verdict.MET: "实际增速或水平达到目标，或报告称已完成、符合预期",
    Verdict.ON_TRACK: "报告称进展顺利、有望完成（尚无可核对的数字）",
    Verdict.NEAR: "报告称基本完成、基本符合预期",
    Verdict.ATTAINABLE: "报告称经过努力能够完成，存在一定压力",
    Verdict.GAP: "报告称与目标或序时进度存在差距、仍需付出更大努力",
    Verdict.NOT_MET: "实际增速或水平低于目标，或报告称未完成",
    Verdict.REPORTED: "报告给出了定性表述，计划未设定可对照的目标",
    Verdict.TO_ASSESS: "现有数字或措辞不足以判断，需人工评估",
    Verdict.ANNUAL_ONLY: "年度统计指标，年中无统计数，不作判断",
    Verdict.MISSING: "本期没有该指标的数据",
    Verdict.NO_TARGET: "有数据，但计划未设定年度目标",
}


def worst(verdicts: list[Verdict]) -> Verdict:
    """The verdict that leads when several apply: the most severe judgement (bad before warn
    before good); a judgement before 缺数/待评估 when there is one."""
    judged = [v for v in verdicts if v.is_judgement]
    pool = judged or verdicts
    return max(pool, key=lambda v: _TONES.get(v, Tone.NEUTRAL).severity)


# --------------------------------------------------------------------------- report language
class Reference(str, Enum):
    """What a verdict phrase compares with."""

    SCHEDULE = "序时进度"     # 序时进度 / 时间进度 / 时序进度 / 均衡进度, 双过半
    TARGET = "目标"           # 预期目标, 年度目标, 计划目标, 上级下达任务
    OUTLOOK = "预计"          # 有望完成, 经过努力能够完成
    PROGRESS = "进展"         # 进展顺利, 完成良好


@dataclass(frozen=True, slots=True)
class VerdictPhrase:
    """A verdict phrase found in text: ``verdict``, what it compares with (``reference``), the
    characters ``[start, end)``, and the points it states (超序时进度7.3个百分点 → 7.3,
    低于预期目标0.5个百分点 → −0.5), or None. ``double_half`` is True/False for phrases about
    双过半 (实现/未实现双过半), else None."""

    verdict: Verdict
    reference: Reference
    start: int
    end: int
    text: str
    points: Decimal | None = None
    double_half: bool | None = None


# Building blocks. The words between a verb and its object name the target ("计划目标", "市确保目标",
# "年初制定的增长目标") and may be anything short without punctuation.
_SCHEDULE = r"(?:序时|时间|时序|均衡)进度"
_GAP_NOUN = r"差距"
_QUOTE = r"[“”\"'‘’「」]?"
_DOUBLE_HALF = rf"{_QUOTE}(?:双过半|时间过半、?任务过半){_QUOTE}"
_FILL = r"[^，。；;,！!？?\n、]{0,12}?"           # 计划目标 / 市确保目标 / 全年预期目标 (short, no punctuation)
_POINTS = r"(?P<points>\d+(?:\.\d+)?)\s*个?百分点"
_TARGET = r"(?:预期|目标|计划|任务|预计)"
_NEG = r"(?:未|没有|没能|未能|尚未)"
_END = r"(?=[，。；;,、！!？?\s）)”\"]|$)"          # the phrase ends a clause (已完成。 but not 已完成投资)

# (regex, verdict, reference, sign of the stated points, double-half flag). Order matters only for
# overlapping matches of equal length; the scanner keeps the longest match at each position.
_RAW_PHRASES: list[tuple[str, Verdict, Reference, int, bool | None]] = [
    # --- 双过半
    (rf"{_NEG}(?:完成|实现|达到){_DOUBLE_HALF}(?:目标)?", Verdict.BEHIND, Reference.SCHEDULE, 0, False),
    (rf"(?:实现|完成|达到)(?:了)?{_DOUBLE_HALF}(?:目标)?", Verdict.ON_SCHEDULE, Reference.SCHEDULE, 0, True),
    # --- against 序时进度
    (rf"(?:超过|超出|快于|高于|超){_FILL}{_SCHEDULE}(?:{_POINTS})?", Verdict.AHEAD, Reference.SCHEDULE, 1, None),
    (rf"(?:低于|落后于?|慢于|滞后于?|欠){_FILL}{_SCHEDULE}(?:{_POINTS})?", Verdict.BEHIND, Reference.SCHEDULE, -1, None),
    (rf"(?:与|和|同){_FILL}{_SCHEDULE}(?:相比)?(?:存在|尚有|仍有|还有|有)(?:一定|较大|明显)?(?:的)?{_GAP_NOUN}",
     Verdict.BEHIND, Reference.SCHEDULE, 0, None),
    (rf"(?:{_NEG}|不能|没)(?:达到|完成|实现){_FILL}{_SCHEDULE}", Verdict.BEHIND, Reference.SCHEDULE, 0, None),
    (rf"达到(?:或超过|或高于)?{_FILL}{_SCHEDULE}(?:要求)?", Verdict.ON_SCHEDULE, Reference.SCHEDULE, 0, None),
    (rf"(?:符合|满足){_FILL}{_SCHEDULE}(?:要求)?", Verdict.ON_SCHEDULE, Reference.SCHEDULE, 0, None),
    (r"(?:按|按照)序时(?:进度)?推进|序时推进|按时序推进", Verdict.ON_SCHEDULE, Reference.SCHEDULE, 0, None),
    (r"(?:超|快)序时|超时序", Verdict.AHEAD, Reference.SCHEDULE, 0, None),
    (r"(?:慢|滞后|落后)序时|欠进度|严重滞后|进度滞后|推进(?:较|比较)?缓慢|进展(?:较|比较)?缓慢",
     Verdict.BEHIND, Reference.SCHEDULE, 0, None),
    # --- against the target, final words
    (r"(?:全面)?超额完成(?:了)?(?:[^，。；;,\n]{0,10}?(?:目标|任务)(?:任务)?)?", Verdict.OVERACHIEVED,
     Reference.TARGET, 0, None),
    (r"提前(?:完成|实现)(?:了)?(?:全年|年度|全年度)(?:的)?(?:目标)?(?:任务)?", Verdict.COMPLETED_EARLY,
     Reference.TARGET, 0, None),
    (rf"(?:高于|超过|超出|快于){_FILL}预期(?:目标)?(?:{_POINTS})?", Verdict.EXCEEDED, Reference.TARGET, 1, None),
    (rf"(?:高于|超过|超出){_FILL}(?:年度|全年|计划|增长)目标(?:{_POINTS})?", Verdict.EXCEEDED,
     Reference.TARGET, 1, None),
    (r"好于(?:年初|全年|此前)?(?:的)?预期|优于(?:年初)?预期", Verdict.EXCEEDED, Reference.TARGET, 0, None),
    (rf"(?:低于|慢于|落后于?|不及){_FILL}预期(?:目标)?(?:{_POINTS})?", Verdict.NOT_MET, Reference.TARGET, -1, None),
    (rf"(?:低于){_FILL}(?:年度|全年|计划|增长)目标(?:{_POINTS})?", Verdict.NOT_MET, Reference.TARGET, -1, None),
    (rf"{_NEG}(?:完成|达到|实现){_FILL}(?:{_TARGET}|任务)", Verdict.NOT_MET, Reference.TARGET, 0, None),
    (rf"{_NEG}(?:完成|达标|达到)", Verdict.NOT_MET, Reference.TARGET, 0, None),
    (rf"(?:与|和|同){_FILL}(?:{_TARGET})(?:相比)?(?:(?:存在|尚有|仍有|还有|有)(?:一定|较大|明显)?(?:的)?{_GAP_NOUN}"
     rf"|{_GAP_NOUN}(?:较大|明显|仍然较大))",
     Verdict.GAP, Reference.TARGET, 0, None),
    (r"(?:存在|尚有|仍有|还有)(?:一定|较大|明显)?(?:的)?差距|差距(?:较大|明显|仍然较大)", Verdict.GAP,
     Reference.TARGET, 0, None),
    (r"完成(?:全年)?(?:目标|任务)?难度(?:较大|很大|大)|难以完成", Verdict.GAP, Reference.OUTLOOK, 0, None),
    (r"(?:仍|还|尚)?需(?:要)?付出更大(?:的)?努力", Verdict.GAP, Reference.OUTLOOK, 0, None),
    (rf"(?:与|和){_FILL}预期(?:目标)?(?:基本)?持平", Verdict.MET, Reference.TARGET, 0, None),
    (rf"(?:符合|达到|实现){_FILL}预期(?:目标)?", Verdict.MET, Reference.TARGET, 0, None),
    (r"(?:完成|达到)(?:了)?(?:省|市|区|县|上级)(?:下达|确定)?(?:的)?[^，。；;,\n]{0,8}?(?:任务|目标)",
     Verdict.MET, Reference.TARGET, 0, None),
    (rf"(?:圆满|全面|顺利|如期|均已|已经|已|全部)完成(?:了)?(?:[^，。；;,\n]{{0,10}}?(?:任务|目标))?{_END}",
     Verdict.MET, Reference.TARGET, 0, None),
    (r"完成(?:了)?(?:全年|年度|计划)(?:的)?(?:目标)?任务|完成(?:全年|年度)目标", Verdict.MET,
     Reference.TARGET, 0, None),
    (r"达标(?![率天数线])", Verdict.MET, Reference.TARGET, 0, None),
    (rf"基本(?:完成|达到|实现|符合)(?:[^，。；;,\n]{{0,8}}?(?:预期|目标|任务))?{_END}", Verdict.NEAR,
     Reference.TARGET, 0, None),
    # --- progress and outlook
    (r"(?:经过|通过|经)(?:一定|进一步|更大|加倍)?(?:的)?努力(?:后)?(?:能够|可以|能|可|有望)(?:完成|实现)",
     Verdict.ATTAINABLE, Reference.OUTLOOK, 0, None),
    (r"努力(?:后)?(?:可以|能够|可|能)(?:完成|实现)", Verdict.ATTAINABLE, Reference.OUTLOOK, 0, None),
    (r"有望(?:顺利|全面|如期|超额)?(?:完成|实现)|预计(?:能够|可以|能|可)(?:顺利)?(?:完成|实现)|"
     r"(?:能够|可以)(?:顺利)?完成(?:全年|年度)?(?:目标|任务)?",
     Verdict.ON_TRACK, Reference.OUTLOOK, 0, None),
    (r"进展(?:总体)?(?:顺利|良好)|推进(?:总体)?顺利|完成(?:情况)?(?:良好|较好)|运行良好|执行(?:情况)?(?:良好|较好)|"
     r"得到(?:较好|有效|良好)(?:的)?执行",
     Verdict.ON_TRACK, Reference.PROGRESS, 0, None),
]

_PHRASES: list[tuple[re.Pattern[str], Verdict, Reference, int, bool | None]] = [
    (re.compile(pattern), verdict, reference, sign, double_half)
    for pattern, verdict, reference, sign, double_half in _RAW_PHRASES
]
#: the patterns of every verdict phrase (for a cheap test of the characters a phrase can end with)
PHRASE_PATTERNS: tuple[re.Pattern[str], ...] = tuple(p for p, *_ in _PHRASES)

# Words that make a following phrase conditional or a demand rather than a finding
# (要确保完成, 力争实现, 努力实现 …): the phrase is not a verdict there.
_DEMANDS = re.compile(r"(?:确保|力争|争取|努力|全力|奋力|坚决|必须|务必|要|需|推动|推进|促进|保证)$")


_STATES_A_SHARE = re.compile(r"\s*(?:的|之)?\s*(?:\d|百分之|[一二三四五六七八九]成)")


def find_verdicts(text: str) -> list[VerdictPhrase]:
    """Every verdict phrase in ``text``, left to right, not overlapping (the longest match at
    each position wins). Phrases preceded by a demand word (确保完成, 力争实现) are skipped: they
    state an aim, not a result."""
    candidates: list[tuple[int, int, int, re.Match[str], Verdict, Reference, int, bool | None]] = []
    for order, (pattern, verdict, reference, sign, double_half) in enumerate(_PHRASES):
        for match in pattern.finditer(text):
            if match.end() > match.start():
                candidates.append((match.start(), -(match.end() - match.start()), order, match, verdict,
                                   reference, sign, double_half))
    candidates.sort(key=lambda c: (c[0], c[1], c[2]))
    out: list[VerdictPhrase] = []
    covered_to = -1
    for start, _, _, match, verdict, reference, sign, double_half in candidates:
        if start < covered_to:
            continue
        if _DEMANDS.search(text[max(0, start - 2):start]):
            continue
        if verdict in (Verdict.MET, Verdict.NEAR) and _STATES_A_SHARE.match(text, match.end()):
            continue   # 完成年度目标的57.3%: a completion figure, not a verdict
        points = None
        if "points" in match.re.groupindex and match.group("points"):
            try:
                points = Decimal(match.group("points")) * (1 if sign >= 0 else -1)
            except InvalidOperation:
                points = None
        out.append(VerdictPhrase(verdict, reference, start, match.end(), match.group(0), points, double_half))
        covered_to = match.end()
    return out


def read_verdict(text: str) -> VerdictPhrase | None:
    """The verdict a reported status text states, or None when no phrase of the vocabulary is
    in it (the caller says 待评估). Of several phrases the most severe leads (与序时进度存在一定
    差距 outweighs 总体平稳), so a named gap is never hidden by a positive word."""
    found = find_verdicts(text)
    if not found:
        return None
    return max(found, key=lambda p: (_TONES.get(p.verdict, Tone.NEUTRAL).severity, p.end - p.start))
