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


@given(st.lists(st.text(st.sampled_from("新闻 网\n\tab”"), max_size=6), min_size=1, max_size=5), st.data())
def test_draft_bigrams_of_pieces_equal_the_bigrams_of_their_joined_text(blocks, data):
    from dataclasses import replace

    from newsarchive.model import Page, PageMeta
    from newsarchive.profiles import get_profile
    from newsarchive.profiles.textutil import bigram_list
    from newsarchive.readers.text import split_fragments
    from newsarchive.reorder import Draft

    page = Page(meta=PageMeta(source="test"), fragments=split_fragments("\n\n".join(blocks)))
    draft = Draft.from_page(page, get_profile("zh-CN"))
    ids = [f.id for f in draft.fragments]
    if not ids:
        return
    chosen = data.draw(st.lists(st.sampled_from(ids), max_size=6))
    for _ in range(2):  # the second time from the memo
        assert draft.bigrams(chosen) == bigram_list("".join(map(draft.text, chosen)))
    # Read on from the piece before (with a character to read on from), the rest's bigrams are the whole's rest.
    k = data.draw(st.integers(0, len(chosen)))
    if 0 < k and "".join(draft.text(chosen[k - 1]).split()):
        assert draft.bigrams(chosen[k:], after=chosen[k - 1]) == draft.bigrams(chosen)[len(draft.bigrams(chosen[:k])) :]
    # A copy whose fragment has new lines is read anew, not from the memo its copies share.
    first = draft.fragments[0]
    changed = replace(draft, fragments=(replace(first, lines=("改了",)), *draft.fragments[1:]))
    assert changed.memo is draft.memo
    assert changed.text(first.id) == "改了"
    assert changed.bigrams([first.id]) == ["改了"]
