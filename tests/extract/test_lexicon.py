"""The one-character tests before the extractor's searches are computed from their patterns.

Each ``*_LAST`` / ``*_FIRST`` set of ``planwatch.extract._lexicon`` is an ``EdgeChars`` of a pattern:
every match the pattern can make starts or ends with a character of the set (checked on strings
generated from the pattern itself), and a new phrase added to a pattern is in the set without a
second edit.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planwatch.extract import _lexicon as L
from planwatch.extract import extract_facts

EDGES = [
    ("STATUS_LAST", L.STATUS_RE, True),
    ("PREQUAL_LAST", L.PREQUAL_RE, True),
    ("TRAIL_LAST", L.TRAIL_RE, True),
    ("TO_LEVEL_LAST", L.TO_LEVEL_RE, True),
    ("CUE_LAST", L.CUE_RE, True),
    ("COMPARE_GAP_LAST", L.COMPARE_GAP_RE, True),
    ("CAPACITY_LAST", L.CAPACITY_LEFT_RE, True),
    ("RIGHT_STOP_FIRST", L.RIGHT_STOP_RE, False),
    ("PREP_FIRST", L.PREP_RE, False),
    ("TARGET_AFTER_FIRST", L.TARGET_AFTER_RE, False),
    ("PURPOSE_FIRST", L.PURPOSE_RE, False),
]


@pytest.mark.parametrize(("name", "pattern", "last"), EDGES, ids=[e[0] for e in EDGES])
def test_every_match_of_the_pattern_has_its_edge_in_the_set(name: str, pattern: re.Pattern[str], last: bool) -> None:
    edge = getattr(L, name)

    @settings(max_examples=150, suppress_health_check=list(HealthCheck), deadline=None)
    @given(st.from_regex(pattern, fullmatch=True))
    def check(text: str) -> None:
        m = pattern.search(text) if last else pattern.match(text)
        assert m is not None and m.group()
        ch = m.group()[-1] if last else m.group()[0]
        assert ch in edge, (text, ch)

    check()


def test_a_new_phrase_is_in_the_set_without_a_second_edit() -> None:
    grown = re.compile(L.STATUS_RE.pattern[:-2] + "|前所未见地变好了)$")
    assert "了" not in L.STATUS_LAST
    assert "了" in L.EdgeChars(grown, last=True)
    assert "零" in L.EdgeChars(grown, last=True)          # the old phrases stay (零发生 … 动态清零)


def test_an_edge_that_can_be_any_character_is_refused() -> None:
    with pytest.raises(ValueError):
        L.EdgeChars(re.compile(r"完成[^，]$"), last=True)
    with pytest.raises(ValueError):
        L.EdgeChars(re.compile(r"(?:达到)?$"), last=True)   # can match the empty string


def test_white_space_at_the_edge_is_any_white_space() -> None:
    edge = L.EdgeChars(re.compile(r"(?:为|\s)$"), last=True)
    assert "为" in edge and "\u3000" in edge and "\t" in edge and "是" not in edge


def test_a_target_noun_after_the_number_is_seen_with_every_word_it_can_start_with() -> None:
    # 调控目标 starts with 调, which the old hand-kept set left out
    facts = extract_facts("居民消费价格上涨1.8%，低于3%调控目标。")
    targets = [f for f in facts if f.growth is not None and f.growth.target]
    assert [(f.indicator, str(f.growth.number)) for f in targets if f.growth] == [("居民消费价格", "3")]


_UNIT_WORDS = sorted(set(L._BASES), key=len, reverse=True)
_LONGEST_FIRST = re.compile("(?P<w>" + "|".join(map(re.escape, _UNIT_WORDS)) + ")(?P<rest>个|/|米|时|x)")
_TRIE = re.compile("(?P<w>" + L.literal_trie(_UNIT_WORDS, "%元个") + ")(?P<rest>个|/|米|时|x)")


@given(st.text(alphabet=st.sampled_from(sorted({ch for w in _UNIT_WORDS for ch in w} | set("x个/"))), max_size=12))
@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
def test_a_literal_trie_matches_as_the_longest_first_alternation_does(text: str) -> None:
    # (a group after the words makes the engine backtrack into them: the order of preference shows)
    for pos in range(len(text) + 1):
        a, b = _LONGEST_FIRST.match(text, pos), _TRIE.match(text, pos)
        assert (a and (a.span(), a.groupdict())) == (b and (b.span(), b.groupdict()))


def test_the_unit_pattern_is_a_trie_of_the_base_units() -> None:
    assert len(L.BASE_ALT) < len("|".join(_UNIT_WORDS)) and L.UNIT_RE.match("万平方米").group("base") == "平方米"
