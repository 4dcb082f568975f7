"""Text helpers shared by the profiles: quote bookkeeping and character bigrams."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from newsarchive.profiles.textutil import bigrams, collapse, leading_unmatched_close, quote_balance


def _reference_leading_unmatched_close(text: str, opens: str, closes: str) -> bool:
    depth = 0
    for ch in text:
        if ch in opens:
            depth += 1
        elif ch in closes:
            if depth == 0:
                return True
            depth -= 1
    return False


@given(st.text(st.sampled_from("ab “”「」.]^-\\")))
def test_leading_unmatched_close_matches_a_walk_over_every_character(text):
    for opens, closes in (("“", "”"), ("“「", "”」"), ("[^", "]-\\")):  # regex-special marks too
        assert leading_unmatched_close(text, opens, closes) == _reference_leading_unmatched_close(text, opens, closes)


def test_quote_helpers_on_cut_paragraphs():
    assert leading_unmatched_close("正在进行。”他说")  # the quote was opened in the head
    assert not leading_unmatched_close("他说：“好。”")
    assert quote_balance("他说：“我们") == 1
    assert collapse(" a \n b ") == "a b"
    assert bigrams("新 闻\n网") == {"新闻": 1, "闻网": 1}
