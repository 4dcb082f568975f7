"""The unigram segmentation gain across a cut (profiles/segmentation.py), used as join evidence."""

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from newsarchive.profiles.segmentation import cut_gain, log_prob


def test_a_word_the_text_needs_gains_more_than_a_word_that_merely_fits():
    true_cut = cut_gain("南水北调中线一期初", "步建成，10个省")
    chance_fit = cut_gain("支持有条件的地", "步建成，10个省")
    assert true_cut is not None and true_cut[0] == "初步"
    assert chance_fit is not None and chance_fit[0] == "地步"
    # 初 and 步 rarely stand alone; 的地 segments well without 地步.
    assert true_cut[1] > chance_fit[1] + 2


def test_no_gain_without_a_word_across_the_cut():
    assert cut_gain("研学的娃娃", "。不少写生") is None  # punctuation opens the tail
    assert cut_gain("English text", "continues here") is None
    assert cut_gain("", "步建成") is None


def _brute_best(text: str) -> float:
    """Best segmentation log-probability by trying every split (exponential; small texts only)."""
    if not text:
        return 0.0
    best = -math.inf
    for size in range(1, min(4, len(text)) + 1):
        p = log_prob(text[:size])
        if p is not None:
            best = max(best, p + _brute_best(text[size:]))
    return best


CJK = st.sampled_from("的地步初建成基础性载体线上下国家民生服务发展社会保障卡是从中心")


@settings(max_examples=60, deadline=None)
@given(st.text(CJK, min_size=1, max_size=5), st.text(CJK, min_size=1, max_size=5))
def test_gain_is_the_dynamic_programme_of_every_segmentation(head, tail):
    found = cut_gain(head, tail)
    gain = _brute_best(head + tail) - _brute_best(head) - _brute_best(tail)
    if found is None:
        assert gain < 1e-6
    else:
        assert math.isclose(found[1], gain, rel_tol=1e-9, abs_tol=1e-9)
        assert found[0] in head[-3:] + tail[:3]


def test_last_word_tells_a_dangling_function_character_from_a_word_ending_in_it():
    from newsarchive.profiles.segmentation import last_word

    assert last_word("把资源优势转化为") == "为"
    assert last_word("科技工作者大有作为") == "大有作为"
    assert last_word("我们的") == "的"
    assert last_word("English") == ""


def test_words_from_a_character_are_the_lexicons_words_with_it_first():
    from newsarchive.profiles.lexicon import words, words_from

    table = words_from("中")
    assert table.get("中国") == words().get("中国") and table.get("中国")
    assert all(word.startswith("中") for word in table) or table is words()
