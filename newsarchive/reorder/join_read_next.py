"""Priority 510: join a cut paragraph still open after ordering to the frame opening read right after it.

A cut whose pieces share no word across it (…勉励 / 当地干部群众…) gives
``join-cuts`` nothing to go on, and ``join-frames`` only joins pieces emitted
one after the other.  When the tail's frame was emitted elsewhere on the page,
both pieces still reach the same article and ``order-sections`` often reads
the tail right after the head (its frame was emitted after the head's).  Two
facts together make such a pair likely one paragraph:

* the head stops mid-sentence, no continuation was found for it, and it is
  not a paragraph that may stop so (a list item, a lead-in, a title-like line);
* the piece opens a text frame: what the extractor emitted before it is not
  a finished paragraph of the same frame, but a header or a photo's parts, a
  paragraph cut at a frame's end, or a wide gap (or a word spans the cut).

A piece emitted after a finished paragraph, inside its frame, opens a paragraph
of its own (on the benchmark's development pages such pairs were one
paragraph 1 time in 21).  With both facts, the pairs were one paragraph 57
times in 79 on the development pages (0.72); the joins get that confidence, as
``join-frames``' joins across a wide gap (0.73 right) get 0.75, and ``inspect
--all-decisions`` lists them.  On a laid-out page ``layout-joins`` judged every
piece from its lines: nothing is done there.
"""

from __future__ import annotations

from typing import ClassVar

from ..model import Fragment, Role
from . import Draft, Join
from .cut_rules import HEADER_AND_PHOTO_ROLES, contradicted, leads_to, may_continue, may_end_unpunctuated, opens_as_a_sentence_inside_a_clause

CONFIDENCE = 0.7  # 57 right in 79 on dev pages (0.72)


class JoinReadNext:
    """Join an unfinished paragraph no cut continues to the frame opening its article reads next."""

    name: ClassVar[str] = "join-read-next"
    priority: ClassVar[int] = 510

    def apply(self, draft: Draft) -> Draft:
        """Add the joins (the articles' bodies already read both pieces one after the other)."""
        if draft.laid_out:
            return draft
        tail_of = draft.tail_of()
        tails = set(tail_of.values())
        emitted_before = {f.id: previous for f, previous in draft.with_previous()}
        added: list[Join] = []
        for article in draft.articles:
            for head, tail in zip(article.body, article.body[1:]):
                if (
                    head not in tail_of
                    and tail not in tails
                    and draft.fragment(head).role is Role.PARAGRAPH
                    and draft.fragment(tail).role is Role.PARAGRAPH
                    and draft.unfinished(head)
                    and not may_end_unpunctuated(draft, draft.text(head), draft.text(tail))
                    and not leads_to(tail_of, tail, head)
                    and may_continue(draft, tail)
                    and not opens_as_a_sentence_inside_a_clause(draft, head, tail)
                    and not contradicted(draft, head, tail)
                    and self._opens_a_frame(draft, tail, emitted_before.get(tail), head)
                ):
                    added.append(Join(head=head, tail=tail, confidence=CONFIDENCE, reason="stops mid-sentence; its article reads a frame opening next"))
                    tail_of[head] = tail
                    tails.add(tail)
        return draft.with_joins(self.name, added)

    @staticmethod
    def _opens_a_frame(draft: Draft, tail: str, before: Fragment | None, head: str) -> bool:
        """Whether ``tail`` opens a text frame (what was emitted before it is no finished paragraph of its frame), or a word spans the cut."""
        if before is not None and before.id == head:
            return False  # emitted one after the other: join-frames judged the pair
        if (
            before is None
            or draft.fragment(tail).gap_before >= draft.wide_gap
            or before.role in HEADER_AND_PHOTO_ROLES
            or (before.role is Role.PARAGRAPH and draft.unfinished(before.id))
        ):
            return True
        return draft.profile.continuation_score(draft.text(head), draft.text(tail))[0] > 0
