"""Priority 480: doubt a paragraph opening that may be a continuation no join found.

A cut whose two pieces share no word, no quote and no bracket across the cut
(…推动通用大 / 模型落地训练…, 经过10余年 / 实践，我国…) leaves a tail that reads
as a paragraph of its own: the joins miss it, and the block it makes looks
right.  Where it stands tells how likely that is.  A piece that follows the
end of a frame (a paragraph stopping mid-sentence, which goes on elsewhere)
opens a frame, and a frame opens mid-paragraph unless the frame before it in
reading order happened to end with one; so does a piece right under a header
or a photo, whose own frame was emitted elsewhere.

Such openings get a decision of kind ``doubt`` whose confidence is the share
of them that were right as they stand, measured on the reorder benchmark's
development pages; ``assemble`` gives the block no more, so ``inspect``
lists the likely ones.  On a laid-out page the reading order comes from the
page's geometry, not from frames emitted one after another: no doubts there.
"""

from __future__ import annotations

from typing import ClassVar

from ..model import Decision, Fragment, Role
from . import Draft
from .cut_rules import HEADER_AND_PHOTO_ROLES

# Share right as they stand (dev pages), by what precedes the opening in extraction order:
# the end of a frame whose paragraph goes on elsewhere, while some other paragraph on the page
# stops mid-sentence with no continuation found: 36 right in 135.
AFTER_CONTINUED_CUT = 0.3
# ... the same with no unfinished paragraph left on the page (its head was joined wrongly): 15 in 21.
AFTER_CONTINUED_CUT_NONE_OPEN = 0.7
# A paragraph stopping mid-sentence that nothing continues, and another like it on the page: 43 in 59.
AFTER_OPEN_CUT = 0.7
# A header or a photo's caption or credit, with an unfinished paragraph on the page: 278 in 372.
AFTER_HEADER = 0.75


class DoubtOpenings:
    """Lower the confidence of paragraph openings that may continue a cut paragraph."""

    name: ClassVar[str] = "doubt-openings"
    priority: ClassVar[int] = 480

    def apply(self, draft: Draft) -> Draft:
        """Record a ``doubt`` decision for each such opening."""
        if draft.laid_out:
            return draft
        placed = {fid for a in draft.articles for fid in a.body}
        continued = draft.tail_of()
        tails = set(continued.values())
        cut = {f.id for f in draft.fragments if f.role is Role.PARAGRAPH and f.id in placed and draft.unfinished(f.id)}
        open_heads = cut - continued.keys()
        decisions = []
        for frag, previous in draft.with_previous():
            if previous is not None and frag.role is Role.PARAGRAPH and frag.id in placed and frag.id not in tails:
                doubt = self._doubt(previous, open_heads - {previous.id}, cut, continued)
                if doubt is not None:
                    decisions.append(Decision(step=self.name, kind="doubt", subjects=(frag.id,), confidence=doubt[0], reason=doubt[1]))
        return draft.decide(*decisions) if decisions else draft

    @staticmethod
    def _doubt(previous: Fragment, others_open: set[str], cut: set[str], continued: dict[str, str]) -> tuple[float, str] | None:
        """The confidence and reason for an opening after ``previous``, or None when there is no doubt."""
        if previous.id in cut and previous.id in continued:
            if others_open:
                return AFTER_CONTINUED_CUT, "opens a frame after a paragraph that goes on elsewhere, and a cut paragraph on the page found no continuation"
            return AFTER_CONTINUED_CUT_NONE_OPEN, "opens a frame after a paragraph that goes on elsewhere"
        if previous.id in cut and others_open:
            return AFTER_OPEN_CUT, "follows an unfinished paragraph it does not continue, and another cut paragraph found no continuation"
        if previous.role in HEADER_AND_PHOTO_ROLES and others_open:
            return AFTER_HEADER, f"first text after a {previous.role.value}, and a cut paragraph on the page found no continuation"
        return None
