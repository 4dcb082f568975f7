"""Priority 470: rejoin a paragraph cut where a wide gap marks the frame break, within one article.

``join-cuts`` joins on lexical evidence only, because position alone is a
coin flip: a paragraph that stops mid-sentence is followed by the next
frame, which is its continuation only if that frame was not moved.  Two
things together make it likely, and both are only known after
``assign-fragments``: a wide gap between the two (extractors leave one where
a text frame ends, so the head really ends its frame, rather than being a
paragraph that merely lacks its full stop), and both pieces assigned to the
same article (the next frame was not another article's).  Measured on the
benchmark's development pages, such pairs are a continuation 61 times in 78
(without the same-article test 62 in 93; with an ordinary blank line
between them 92 in 247, so those are left alone); with the sharper join-cuts
evidence of later versions, 68 in 86.
"""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from ..model import Decision, Role
from . import WIDE_GAP, Draft, Join

CONFIDENCE = 0.75  # 68 right in 86 on dev pages (0.79), a little less for pages unlike them


class JoinFrames:
    """Join an unfinished paragraph to the next frame of its article across a wide gap."""

    name: ClassVar[str] = "join-frames"
    priority: ClassVar[int] = 470

    def apply(self, draft: Draft) -> Draft:
        """Add the joins (the articles' bodies already hold both pieces)."""
        article_of = {fid: k for k, a in enumerate(draft.articles) for fid in a.body}
        heads = {j.head for j in draft.joins}
        tails = {j.tail for j in draft.joins}
        content = [f for f in draft.fragments if f.role is not Role.FURNITURE]
        added: list[Join] = []
        for head, tail in zip(content, content[1:]):
            if (
                head.role is Role.PARAGRAPH
                and tail.role is Role.PARAGRAPH
                and tail.gap_before >= WIDE_GAP
                and head.id not in heads
                and head.id not in draft.paragraph_ends  # its short last line: the layout says it ends
                and tail.id not in tails
                and tail.id not in heads  # no cycle: the tail does not already lead on elsewhere
                and head.id in article_of
                and article_of.get(tail.id) == article_of[head.id]
                and not draft.profile.ends_paragraph(draft.text(head.id))
                and draft.profile.dateline(draft.text(tail.id)) is None
            ):
                reason = "stops mid-sentence at a wide gap; the next frame is in the same article"
                added.append(Join(head=head.id, tail=tail.id, confidence=CONFIDENCE, reason=reason))
                heads.add(head.id)
                tails.add(tail.id)
        if not added:
            return draft
        decisions = [
            Decision(step=self.name, kind="join", subjects=(j.head, j.tail), confidence=j.confidence, reason=j.reason)
            for j in added
        ]
        return replace(draft, joins=draft.joins + tuple(added)).decide(*decisions)
