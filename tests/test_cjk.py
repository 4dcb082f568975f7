"""The character classes of CJK text: predicates and regex classes agree, and sort the characters readers meet."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsarchive.profiles import cjk

# Every BMP character from just below the first CJK range, and the supplementary planes' edges.
CODE_POINTS = [*range(0x2E00, 0x10000), 0x1FFFF, 0x20000, 0x2A6DF, 0x3FFFF, 0x40000]


@pytest.mark.parametrize(
    ("predicate", "body"),
    [(cjk.is_han, cjk.HAN_CLASS), (cjk.is_solid, cjk.SOLID_CLASS), (cjk.is_mark, cjk.MARK_CLASS)],
    ids=["han", "solid", "mark"],
)
def test_each_predicate_matches_its_regex_class_on_every_character(predicate, body):
    pattern = re.compile(f"[{body}]")
    for code in CODE_POINTS:
        ch = chr(code)
        assert predicate(ch) == bool(pattern.fullmatch(ch)), hex(code)
    for ch in "aZ09 .,“”—…":  # and the Latin characters beside them
        assert predicate(ch) == bool(pattern.fullmatch(ch)), ch


def test_predicates_take_one_character_only():
    for predicate in (cjk.is_han, cjk.is_solid, cjk.is_mark):
        assert not predicate("")
        assert not predicate("。。")


def test_characters_are_sorted_as_chinese_text_needs():
    assert all(map(cjk.is_han, "中国人民日报㐀龥豈\U00020000"))
    assert not any(map(cjk.is_han, "，。“”〇ａ１アa1"))
    # Set solid: everything printed without spaces, punctuation and kana included.
    assert all(map(cjk.is_solid, "中，。、《》〇ア⺮⼈ａ１！\U0002A6D6"))
    assert not any(map(cjk.is_solid, "a1 .“”—…·한"))
    # Marks: Chinese punctuation and the marks a Chinese font sets full width; never a letter or digit.
    assert all(map(cjk.is_mark, "，。、；：？！“”‘’《》「」（）——……·￥"))
    assert not any(map(cjk.is_mark, "中アａ１a1 ."))


def test_the_line_breaking_classes_are_chinese_marks_on_one_side_each():
    assert all(map(cjk.is_mark, cjk.CLOSING_MARKS + cjk.OPENING_MARKS))
    assert not set(cjk.CLOSING_MARKS) & set(cjk.OPENING_MARKS)
    # Every opening quote or bracket has its closing one among the marks no line may open.
    pairs = dict(zip("“‘（《「『〈【", "”’）》」』〉】"))
    assert set(pairs) == set(cjk.OPENING_MARKS)
    assert all(pairs[mark] in cjk.CLOSING_MARKS for mark in cjk.OPENING_MARKS)


# Texts of ideographs (inside and just outside U+4E00–U+9FFF), digits of both widths, spaces and newlines.
_TEXTS = st.text(alphabet=st.sampled_from(list("中国人民日报鿿一㐀豈0１2９ 。\n年a")), max_size=12)


@given(_TEXTS)
@settings(max_examples=400, deadline=None)
def test_the_predicates_that_replace_regex_classes_of_ideographs_read_as_the_regexes_did(text):
    """Code-point tests stand in for three regexes whose class of ideographs cost milliseconds to compile."""
    from newsarchive.profiles.zh_peoples_daily import _bare_quantity_end, _without_letter_spaces
    from newsarchive.readers.text import _name_line

    assert _bare_quantity_end(text) == bool(re.search(r"[\u4e00-\u9fff][0-9０-９]{1,3}$", text))
    assert _without_letter_spaces(text) == re.sub(r"(?<=[\u4e00-\u9fff]) (?=[\u4e00-\u9fff])", "", text)
    assert _name_line(text) == bool(re.fullmatch(r"[\u4e00-\u9fff]{2,4}", text))
