"""Priority 410: a header that heads no text, standing inside one article's text, is that article's section titles.

An article's text may be divided by titles set like a header: a lead-in ending
with —— over a question (推广应用，培育人工智能创新场景—— / 算力应用，带来了什么？).
``tag-roles`` reads such a pair as a kicker over a headline, and ``segment-articles``
opens an article for it; but no text is the new article's, and ``assign-fragments``
gives it none.  A header with no byline over no text of its own, with the text
right before it and right after it (in extraction order, photo parts and furniture
aside) both one other article's, is that article's: its lines become section
headings of that article, where they stand.  A header with a byline heads an
article even without text (its text lost elsewhere); so does one at the page's
edge of another article's text, which may start its own article's text.
"""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from ..model import Decision, Role
from . import BETWEEN_FRAMES, Draft

CONFIDENCE = 0.6


class HeadersWithoutText:
    """Turn the header lines of an article left without text, inside another article's text, into that article's headings."""

    name: ClassVar[str] = "headers-without-text"
    priority: ClassVar[int] = 410

    def apply(self, draft: Draft) -> Draft:
        """Move such headers into the article around them as headings (the empty article goes)."""
        owner = {fid: k for k, a in enumerate(draft.articles) for fid in a.body}
        content = [f.id for f in draft.fragments if f.role not in BETWEEN_FRAMES]
        at = {fid: i for i, fid in enumerate(content)}
        taken: dict[int, int] = {}  # empty article → the article whose text is around it
        for k, article in enumerate(draft.articles):
            if article.body or article.byline is not None or not article.header_ids:
                continue
            ids = article.header_ids
            first, last = min(at[i] for i in ids), max(at[i] for i in ids)
            if last - first + 1 != len(ids):
                continue  # its lines are not one run
            before = owner.get(content[first - 1]) if first > 0 else None
            after = owner.get(content[last + 1]) if last + 1 < len(content) else None
            if before is not None and before == after and before != k:
                taken[k] = before
        if not taken:
            return draft
        roles = {}
        decisions = []
        bodies = {k: list(a.body) for k, a in enumerate(draft.articles)}
        for k, into in taken.items():
            ids = draft.articles[k].header_ids
            reason = f"a header over no text of its own, inside article {into + 1}'s text: its section titles"
            roles.update({fid: (Role.HEADING, CONFIDENCE, reason) for fid in ids})
            bodies[into] = sorted(bodies[into] + list(ids), key=lambda fid: draft.index[fid])
            decisions.append(Decision(step=self.name, kind="segment", subjects=ids, confidence=CONFIDENCE, reason=reason))
        articles = tuple(replace(a, body=tuple(bodies[k])) for k, a in enumerate(draft.articles) if k not in taken)
        return replace(draft.with_roles(roles), articles=articles).decide(*decisions)
