"""The number reader: every number of a sentence with its unit and qualifier, numbers that are part of
names, codes, classes, ranges and list markers left out (docs/extract.md, pipeline steps 4–5 and "What is
not a fact"). The fact extractor and the target reader both read numbers here."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from planwatch.extract import _lexicon as L
from planwatch.model.numerals import chinese_to_decimal


class _Tok:
    """A number with its unit. (A plain class, not a dataclass: its ``__init__`` is compiled with the
    module by mypyc, and it is made for every number.)"""

    __slots__ = ("start", "end", "number", "unit", "base", "unit_end", "qualifier", "chinese", "implied")

    def __init__(self, start: int, end: int, number: Decimal, unit: str, base: str, unit_end: int,
                 qualifier: str | None, chinese: bool, implied: bool = False) -> None:
        self.start = start
        self.end = end                  # end of the digits
        self.number = number
        self.unit = unit
        self.base = base
        self.unit_end = unit_end        # end of unit and trailing qualifier
        self.qualifier = qualifier
        self.chinese = chinese
        self.implied = implied          # a bare 万/亿 whose base unit comes from the noun (85万 → 万人)


def _in_quote(quotes: list[tuple[int, int]], pos: int) -> tuple[int, int] | None:
    for a, b in quotes:
        if a <= pos < b:
            return a, b
    return None


def _tokens(norm: str, s: int, e: int, quotes: list[tuple[int, int]], ls: int) -> list[_Tok]:
    """The number tokens of the sentence ``norm[s:e]`` on a line starting at ``ls``, in order."""
    out: list[_Tok] = []
    consumed = s
    for m in L.NUMBER_RE.finditer(norm, s, e):
        if m.start() < consumed:
            continue
        tok = _token(norm, s, e, m, quotes, ls)
        if tok is not None:
            out.append(tok)
            consumed = tok.unit_end
    return out


def token_at(text: str, pos: int, end: int | None = None) -> _Tok | None:
    """The number token starting at ``pos`` (read as the fact extractor reads it, in the sentence
    ``text[:end]``), or None when none starts there: the number reader of the target reader."""
    e = len(text) if end is None else end
    m = L.NUMBER_RE.match(text, pos, e)
    return _token(text, 0, e, m, [], text.rfind("\n", 0, pos) + 1) if m else None


def _token(norm: str, s: int, e: int, m: re.Match[str], quotes: list[tuple[int, int]], ls: int) -> _Tok | None:
    a, b = m.span()
    raw = m.group()
    chinese = raw[0] not in L.ASCII_DIGITS
    mag_split = ""
    if not chinese and norm[b:b + 1] in ("万", "千", "百"):
        im = L.INNER_MAGNITUDE_RE.match(norm, a, e)   # 1万2千公里 · 5千多亿元
        if im is not None and im.end() > b:
            raw, b = im.group(), im.end()
    if chinese:
        # (NUMBER_RE matches a Chinese numeral only before a possible unit or ending in 万/亿)
        # a trailing 万/亿 is the unit's magnitude (三百万人 → 三百 + 万人); alone it is no number
        while raw[-1] in "万亿" and len(raw) > 1:
            mag_split = raw[-1] + mag_split
            raw = raw[:-1]
            b -= 1
        # a bare magnitude is a round number only after a qualifier (超千亿元, 近百个, 近万人);
        # otherwise it is a class or a word (千亿级, 百强县, 千方百计)
        if all(ch in "百千万亿" for ch in raw) and not (
                len(raw) == 1 and raw in "百千万" and L.ROUND_QUAL_RE.search(norm, max(s, a - 2), a)):
            return None
    return _make_token(norm, s, e, a, b, raw, chinese, mag_split, quotes, len(norm), ls)


def _read_unit(norm: str, s: int, e: int, a: int, b: int, n: int, raw: str, chinese: bool,
               mag_split: str) -> tuple[str, str, str | None, int, str | None] | None:
    """(unit, base unit, qualifier, end of unit, trailing qualifier) after a number, or None."""
    um = _unit_match(norm, b, e, mag_split)
    if um is None:  # pragma: no cover - the pattern always matches (all parts optional)
        return None
    pp, q1, umag, q2, base_u, post = um.groups()
    end = um.end()
    if pp:
        return "个百分点", "个百分点", post, end, post
    base_u = base_u or ""
    mag = mag_split + (umag or "")
    if (mag_split and umag) or (chinese and _chinese_no_unit(norm, end, n, base_u, mag)):
        return None
    unit = mag + base_u
    if not unit and not chinese and _years_of_time(norm, s, a, end, raw):
        return "年", "年", None, end + 1, None     # 受教育年限提高到11.7年: a length of time, not a year
    shared = _shared_unit(norm, end, e, unit) if not chinese and unit in ("", "个") else None
    if shared is not None:
        return shared, shared, None, end, None
    if not unit and not _bare_number_ok(norm, s, a, raw, chinese):
        return None
    return unit, base_u, q1 or q2 or post, end, post


def _years_of_time(norm: str, s: int, a: int, end: int, raw: str) -> bool:
    """N年 after the number is a length of time (11.7年, 提高到3年) rather than a year (2025年)."""
    return norm.startswith("年", end) and (
        "." in raw or (len(raw) < 4 and L.DURATION_LEFT_RE.search(norm, max(s, a - 8), a) is not None))


def _unit_match(norm: str, b: int, e: int, mag_split: str) -> re.Match[str] | None:
    """UNIT_RE right after the number, or after one space when a unit follows it (41260 元 · 86.4 万亩)."""
    um = L.UNIT_RE.match(norm, b + len(mag_split), e)
    if um is not None and um.end() == b and not mag_split and norm[b:b + 1] in (" ", "\u3000"):
        spaced = L.UNIT_RE.match(norm, b + 1, e)
        if spaced is not None and (spaced.group("base") or spaced.group("pp")):
            return spaced
    return um


def _chinese_no_unit(norm: str, end: int, n: int, base: str, mag: str) -> bool:
    """A Chinese numeral without a unit, or before 次 starting a name (三次产业, 两次会议): no count."""
    if not (base or mag):
        return True
    return base == "次" and "\u4e00" <= (norm[end] if end < n else "") <= "\u9fff"


def _shared_unit(norm: str, end: int, e: int, unit: str) -> str | None:
    """分别提高0.8和1.5个百分点: the first number of a pair shares the unit of the second; 拉动0.9个、2.4个、
    3.1个百分点: each number's 个 is short for the last one's 个百分点."""
    if unit == "个":
        return "个百分点" if L.POINTS_LIST_RE.match(norm, end, e) else None
    if not (end < e and norm[end] in "和、" and norm[end - 1] != " "):
        return None
    lm = L.LIST_TAIL_RE.match(norm, end, e)     # 0.8和1.5个百分点 · 0.21、-3.4、2.05个百分点
    if lm is None:
        return None
    pm = L.UNIT_RE.match(norm, lm.end(), e)
    if pm and pm.group("pp"):
        return "个百分点"
    if pm and pm.group("base") in L.PERCENT_LIKE and not pm.group("mag"):
        return str(pm.group("base"))
    return None


def _bare_number_ok(norm: str, s: int, a: int, raw: str, chinese: bool) -> bool:
    """A number without a unit counts only after 指数/系数 … (居民消费价格指数为102.1), and never a year."""
    if chinese or not L.BARE_OK_RE.search(norm, max(s, a - 12), a):
        return False
    return not (len(raw) == 4 and raw[:2] in ("19", "20"))


def _excluded(norm: str, a: int, b: int, n: int, chinese: bool, mag_split: str,
              q: tuple[int, int] | None, ls: int) -> bool:
    """A number that is part of a name, code, class, range, ratio or list marker."""
    prev = norm[a - 1] if a > 0 else "\n"
    nxt = norm[b] if b < n else "\n"
    if q is None and prev not in L.EXCL_PREV and nxt not in L.EXCL_NEXT and not prev.isspace():
        return False           # (every rule below needs one of these characters around the number)
    if _in_code_before(norm, a, b, prev, chinese) or (not mag_split and _in_code_after(norm, b, n, nxt)):
        return True
    if q is not None and (q[1] - q[0] <= 15 or "+" in norm[q[0]:q[1]]):
        return True
    return _list_marker(norm, a, b, n, prev, nxt, mag_split, ls)


def _in_code_before(norm: str, a: int, b: int, prev: str, chinese: bool) -> bool:
    """Names, codes, classes and ranges by the character before: PM2.5, 第11, 每万人口, 0-3岁, 3:1,
    “一体化”和“高质量”两个关键词 (a rhetorical count of slogans)."""
    prev2 = norm[a - 2] if a > 1 else "\n"
    if prev in L.ASCII_LETTER:
        return not _abbreviation_before(norm, a, b)
    if prev in "+＋/×*" or prev in "第每" or prev == ".":
        return True
    if (prev in L.RANGE_CHARS or prev in ":：") and prev2.isdigit():
        return True
    return prev == "”" and chinese


def _abbreviation_before(norm: str, a: int, b: int) -> bool:
    """GDP612.3亿元: capitals glued before a number with a unit name what it measures; PM2.5, NO2 and the
    like are codes (CODE_LETTERS), and so is a number without a unit (PM10浓度)."""
    j = a
    while j > 0 and norm[j - 1] in L.ASCII_LETTER:
        j -= 1
    letters = norm[j:a]
    if len(letters) < 2 or not letters.isupper() or letters in L.CODE_LETTERS:
        return False
    um = L.UNIT_RE.match(norm, b)
    return um is not None and bool(um.group("base") or um.group("pp"))


def _in_code_after(norm: str, b: int, n: int, nxt: str) -> bool:
    """Codes, ratios and ranges by the characters after: 4+2+1, 0.98:46.66, 0-3岁, 1—6月."""
    after = norm[b + 1] if b + 1 < n else ""
    if nxt in "+＋" or (nxt in ":：" and after.isdigit()):
        return True
    return nxt in L.RANGE_CHARS and after != "" and (after.isdigit() or after in L.CN_NUMERAL_CHARS)


def _list_marker(norm: str, a: int, b: int, n: int, prev: str, nxt: str, mag_split: str, ls: int) -> bool:
    """（N） anywhere; 一、 · （二） · 3. at the start of a line."""
    if prev in "（(" and nxt in "）)":
        return True
    head = norm[ls:a].strip() if (a == ls or prev in "（(" or prev.isspace()) else "x"
    if head in ("", "（", "(") and nxt in "、.．)）" and not mag_split:
        return not (nxt == "." and b + 1 < n and norm[b + 1].isdigit())
    return False


def _names_a_class(norm: str, s: int, e: int, a: int, unit: str, base: str, unit_end: int, chinese: bool) -> bool:
    """A number with its unit that is part of a name or a period, not a measurement."""
    # a size class: 千亿级产业集群 · 10万吨级泊位
    if unit and unit_end < e and norm[unit_end] == "级":
        return True
    # a money threshold that names a class: 超10亿元项目5个 · 5000万元企业
    if base in ("元", "美元") and norm.startswith(("项目", "企业"), unit_end):
        return True
    # a voltage class of a line or station (220千伏输变电工程, ±800千伏特高压直流)
    if base in ("千伏", "伏", "kV") and L.VOLTAGE_CLASS_RE.match(norm, unit_end, e):
        return True
    # a team size names a kind of court or game (3人制篮球场)
    if base == "人" and norm.startswith("制", unit_end):
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
    return chinese and _counted_name(norm, a, e, base, unit_end)


def _counted_name(norm: str, a: int, e: int, base: str, unit_end: int) -> bool:
    """A Chinese numeral counting the parts of a name: a programme (十件民生实事, 五项行动), a slogan
    (守住两条底线, 落实八项规定精神) or a meeting's ordinals (十二届七次、八次、九次全会)."""
    if base in ("件", "项", "大") and L.PROGRAMME_RE.match(norm, unit_end, e):
        return True
    if base in ("条", "项", "个") and L.SLOGAN_RE.match(norm, unit_end, e):
        return True
    return base == "次" and (norm[a - 1:a] == "届" or L.MEETING_RE.match(norm, unit_end, e) is not None)


def read_number(raw: str) -> Decimal | None:
    """The number a token's digits or Chinese numerals write (1,234.5 · 两 · 十二 · 三点五), or None."""
    try:
        if raw[:1] in L.ASCII_DIGITS:
            if raw[-1] in "千百":                     # 1万2千 · 5千 (INNER_MAGNITUDE_RE)
                head, _, thousands = raw[:-1].partition("万")
                if thousands:
                    return Decimal(head) * 10_000 + Decimal(thousands) * 1_000
                return Decimal(head) * (1_000 if raw[-1] == "千" else 100)
            return Decimal(raw.replace(",", "") if "," in raw else raw)
        return chinese_to_decimal(raw)
    except (ValueError, InvalidOperation, KeyError):
        return None


#: base units too ambiguous after a Chinese numeral (一分为二, 三部曲, 两位数, 二期工程 …)
_CHINESE_AMBIGUOUS = frozenset("口 段 担 眼 孔 度 分 秒 米 克 瓦 对 部 单 起 场 位 床 例 篇 种 间 块 头 只 列 架 斤 期".split())


def _make_token(norm: str, s: int, e: int, a: int, b: int, raw: str, chinese: bool, mag_split: str,
                quotes: list[tuple[int, int]], n: int, ls: int) -> _Tok | None:
    q = _in_quote(quotes, a) if quotes else None
    if _excluded(norm, a, b, n, chinese, mag_split, q, ls):
        return None
    unit_info = _read_unit(norm, s, e, a, b, n, raw, chinese, mag_split)
    if unit_info is None:
        return None
    unit, base, qualifier, unit_end, post = unit_info
    implied = ""
    if not base and unit in ("万", "亿", "万亿"):
        implied = _implied_base(norm, s, a, unit_end, e)
        unit, base = unit + implied, implied
    if _not_a_measure(norm, s, e, a, unit, base, unit_end, post, chinese):
        return None
    if chinese and _chinese_word_not_count(raw, base, q):
        return None
    number = read_number(raw)
    if number is None:
        return None
    if not chinese and _minus_before(norm, a):
        number = -number
    return _Tok(a, b, number, unit, base, unit_end, qualifier, chinese, bool(implied))


def _chinese_word_not_count(raw: str, base: str, quote: object) -> bool:
    """一 alone is a word far more often than a count (一批, 一体化, 一次); 三年行动, 十大 have no unit;
    digits side by side without a place word are no numeral (唯一一个, 三四个)."""
    return ((raw == "一" and base not in ("倍", "成")) or quote is not None or base in _CHINESE_AMBIGUOUS
            or (len(raw) > 1 and all(ch in "一二两三四五六七八九" for ch in raw)))


def _minus_before(norm: str, a: int) -> bool:
    """A minus sign right before the digits that is not part of a range or code (增长-12%, not 3-5 or A-1)."""
    prev = norm[a - 1] if a > 0 else "\n"
    prev2 = norm[a - 2] if a > 1 else "\n"
    return prev in "-−" and not prev2.isdigit() and prev2 not in L.ASCII_LETTER and prev2 not in "%‰"


def _implied_base(norm: str, s: int, a: int, unit_end: int, e: int) -> str:
    """The base unit a bare 万/亿 takes from the noun after it or just before it: 人 or 户, else ''."""
    m = L.IMPLIED_AFTER_RE.match(norm, unit_end, e) or L.IMPLIED_BEFORE_RE.search(norm, max(s, a - 10), a)
    if m is None:
        return ""
    return "人" if m.group("people") else "户"


def _not_a_measure(norm: str, s: int, e: int, a: int, unit: str, base: str, unit_end: int, post: str | None,
                   chinese: bool) -> bool:
    """An age, a threshold inside a class name or another class or period (``_names_a_class``)."""
    # ages are class names (0-3岁婴幼儿, 60岁以上老人) unless a life expectancy or age is measured
    if base == "岁" and not L.AGE_OK_RE.search(norm, max(s, a - 6), a):
        return True
    # a threshold inside a class name: 亿元以上项目 · 60岁以上老年人
    if post in ("以上", "以下", "及以上") and unit_end < e:
        after = norm[unit_end]
        if "\u4e00" <= after <= "\u9fff" and after not in "的，。；、和及" and not norm.startswith(("增长", "增速"), unit_end):
            return True               # (保持40%以上增长 is a growth, not a class)
        if after == "的" and L.NUMBER_RE.match(norm, unit_end + 1, e):
            return True               # 其中年营收5亿元以上的9家: the class of the count that follows
    if unit_end < e and norm[unit_end] == "的" and L.CLASS_BEFORE_COUNT_RE.match(norm, unit_end, e):
        return True                   # 财政收入超300万元的乡镇有8个: the class of the count that follows
    return _names_a_class(norm, s, e, a, unit, base, unit_end, chinese)
