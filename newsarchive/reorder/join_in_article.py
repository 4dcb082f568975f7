"""Priority 465: rejoin a cut paragraph to the piece of its own article that the words across the cut favour.

``join-cuts`` runs before the page is divided into articles, so a tail emitted
far from its head must carry strong evidence there (``FAR_LEXICAL_MIN``): on a
whole page, a word that happens to form across two pieces is a chance match
as often as not.  Once ``assign-fragments`` has given both pieces to one
article, far fewer pieces compete, and moderate evidence is enough: a paragraph
still open (it stops mid-sentence and no continuation was found) joins the free
piece of its article whose continuation score (the profile's lexical evidence:
a word across the cut, a tail that cannot open a paragraph, quotes and brackets
that pair up) is at least ``MIN_SCORE`` and leads every other free piece's by
``MIN_LEAD``.  Measured on fresh scrambles of the development days, at the
heads this step sees: such a best piece was the continuation 58 times in 79;
joins made only by position (``join-frames``, which runs next) took many of
these heads to the wrong piece.  Units: fresh scrambles +22, development pages
+8, held-out pages +14; nearby settings (score 2.0 or 2.5, lead 0.5 to 1.5) did
about as well on the fresh scrambles.

The work is bounded: at most ``MAX_PAIRS`` pairs are scored on a page (a
hostile page of thousands of open pieces in one article would otherwise cost
their square).  On a laid-out page ``layout-joins`` judged each piece from its
lines' geometry: nothing is done there.
"""

from __future__ import annotations

from typing import ClassVar

from ..model import Role
from . import Draft, Join
from .cut_rules import leads_to, may_continue

MIN_SCORE = 2.5  # continuation_score: a word across the cut, or a tail that cannot open a paragraph, and no evidence against
MIN_LEAD = 1.0  # over the next best free piece of the article
CONFIDENCE = 0.7  # 58 right in 79 on fresh scrambles of the dev days (0.73)
MAX_PAIRS = 20_000  # pairs scored per page


class JoinInArticle:
    """Join a paragraph still open to the free piece of its article with clearly the best lexical evidence."""

    name: ClassVar[str] = "join-in-article"
    priority: ClassVar[int] = 465

    def apply(self, draft: Draft) -> Draft:
        """Add the joins (the article's body already holds both pieces; ``order-sections`` reads them in order)."""
        if draft.laid_out:
            return draft
        tail_of = draft.tail_of()
        tails = set(tail_of.values())
        score = draft.profile.continuation_score
        budget = MAX_PAIRS
        added: list[Join] = []
        for article in draft.articles:
            pieces = [f for f in article.body if draft.fragment(f).role is Role.PARAGRAPH]
            heads = [f for f in pieces if f not in tail_of and draft.unfinished(f)]
            if not heads:
                continue
            openings = [f for f in pieces if may_continue(draft, f)]
            for head in heads:
                free = [f for f in openings if f != head and f not in tails and not leads_to(tail_of, f, head)]  # no cycle
                budget -= len(free)
                if budget < 0:
                    return draft.with_joins(self.name, added)
                if not free:
                    continue
                head_text = draft.text(head)
                scored = sorted(((score(head_text, draft.text(f))[0], -draft.index[f], f) for f in free), reverse=True)
                best, _, tail = scored[0]
                second = scored[1][0] if len(scored) > 1 else None
                if best >= MIN_SCORE and (second is None or best - second >= MIN_LEAD):
                    against = "no other piece" if second is None else f"the next best {second:.1f}"
                    reason = f"stops mid-sentence; the words across the cut favour this piece of its article ({best:.1f}, {against})"
                    added.append(Join(head=head, tail=tail, confidence=CONFIDENCE, reason=reason))
                    tail_of[head] = tail
                    tails.add(tail)
        return draft.with_joins(self.name, added)
