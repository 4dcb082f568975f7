"""What a cut paragraph's two pieces may look like: rules the steps that join by position share.

``join-frames`` (a piece and the next one emitted) and ``join-read-next`` (a
piece and the next one read) have no lexical evidence to go on, only where
the pieces stand; these rules say which pairs can still not be one paragraph.
"""

from __future__ import annotations

import functools
import re

from ..model import Role
from . import Draft

# Marks that end a list item or a lead-in: a paragraph may stop at one without a full stop.
CLAUSE_ENDS = "；;：:"
# Marks after which a clause opens: a clause after them may open as a sentence does (…介绍，| 近年来，…).
CLAUSE_BREAKS = "，," + CLAUSE_ENDS
# A header's or a photo's parts: the text emitted right after them opens a text frame of its own.
HEADER_AND_PHOTO_ROLES = frozenset({Role.KICKER, Role.HEADLINE, Role.SUBHEADLINE, Role.BYLINE, Role.CAPTION, Role.CREDIT})


# A list item's marker opening a piece (- , • , 1. , 2) , （3）, ④, 一、, （二）): an item may end without a
# full stop, and the next item opens a paragraph of its own.
@functools.cache
def list_item() -> re.Pattern[str]:
    """The pattern of a list item's marker at a piece's start."""
    # Compiled on first use (~1.5 ms, its classes of CJK characters): half the benchmark's pages never ask.
    return re.compile(
        r"\s*(?:[-–•·*●■◆▲►▪]\s|\d{1,2}[.)、]\s?(?!\d)|[（(]\d{1,2}[）)]|[①-⑳]|[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)])"
    )


def may_continue(draft: Draft, tail: str) -> bool:
    """Whether ``tail`` may continue a paragraph cut on this page: it opens no lead (a dateline, 本报北京6月1日电) and
    continues no text of another page (（上接第一版）…)."""
    return draft.profile.dateline(draft.text(tail)) is None and not draft.jump(tail, "from")


def opens_as_a_sentence_inside_a_clause(draft: Draft, head: str, tail: str) -> bool:
    """Whether ``tail`` opens as a sentence does (近日，…) after a head cut inside a clause (not after ，：；).

    A cut inside a clause rarely leaves such a piece, nor one inside a list (…、|
    3月8日，…); after a clause's comma a clause may open so (张和平介绍，| 近年来，…).
    """
    return draft.text(head).rstrip()[-1:] not in CLAUSE_BREAKS and draft.profile.opens_sentence(draft.text(tail))


def may_end_unpunctuated(draft: Draft, text: str, following: str | None = None) -> bool:
    """Whether a paragraph may end this way: an item of a list (…；, or marked: - …) or a lead-in (…：), or a title-like line.

    A title-like line may not when the piece ``following`` it cannot open a paragraph
    (以往杂交靠经验，1万份材料挨个测 | 配，耗时费力…): it is the head of a cut, however short.
    """
    if text.rstrip()[-1:] in CLAUSE_ENDS or list_item().match(text) is not None:
        return True
    return draft.profile.is_title_like(text) and not (following is not None and draft.profile.opens_mid_sentence(following))


# Lexical evidence against a join (continuation_score at or below this): a bracket or quote open on one
# side of the cut only, a number that cannot run across it, a dateline.  Joins by position alone made
# against it were wrong 21 times in 22 on fresh scrambles of the dev days (join-frames 16 in 17,
# join-read-next 5 in 5); the pieces are other cuts' ends.
CONTRADICTED = -1.5


def contradicted(draft: Draft, head: str, tail: str) -> bool:
    """Whether the words on either side of the cut speak against ``tail`` continuing ``head`` (a 《 never closed, a ” never opened).

    A straight quote (") may open or close: the profile guesses which, so quotes read from one
    are no evidence against a join (…"过去在银行购买… | …自提了。" read as a quote never opened).
    """
    head_text, tail_text = draft.text(head), draft.text(tail)
    score, _ = draft.profile.continuation_score(head_text, tail_text)
    if score > CONTRADICTED:
        return False
    if '"' in head_text or '"' in tail_text:
        return score - draft.profile.quote_evidence(head_text, tail_text) <= CONTRADICTED  # the rest of the evidence alone
    return True


def heading_wraps_on(draft: Draft, head: str, tail: str) -> bool:
    """Whether ``tail`` is the rest of heading ``head`` wrapped onto a line of its own: the two read as one title.

    A section heading set large fills its column before its last characters (强化检察监督，
    维护执法司法公 / 正): joined, the pieces are still a title, where a cut paragraph's head
    and its tail are running text (a sentence's stop, a clause's comma, more than a title holds).
    """
    profile = draft.profile
    return profile.is_title_like(profile.join(draft.text(head), draft.text(tail)))


def leads_to(tail_of: dict[str, str], start: str, target: str) -> bool:
    """Whether the chain of joins from ``start`` (``tail_of``: each head's tail) reaches ``target``: a join from
    ``target`` to ``start`` would close a cycle (a paragraph cut twice is a chain, not a cycle)."""
    seen = set()
    while start in tail_of and start not in seen:
        seen.add(start)
        start = tail_of[start]
        if start == target:
            return True
    return False
