"""Priority 200: open one article per header cluster (kicker? headline subheadline? byline?).

PDF extractors emit an article's header blocks together and before its body,
so each run of header fragments in extraction order starts an article.  A page
with body text but no headline at all still gets one article (headline None),
so no running text is left without an item.
"""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from ..model import Decision, Role
from . import HEADER_ROLES, LEAD_APART, ArticleDraft, Draft


class SegmentArticles:
    """Create the articles from the header clusters, in extraction order."""

    name: ClassVar[str] = "segment-articles"
    priority: ClassVar[int] = 200

    def apply(self, draft: Draft) -> Draft:
        """One ArticleDraft per header cluster."""
        articles: list[dict[str, str | None]] = []
        current: dict[str, str | None] | None = None
        # The articles whose header lines came one after the other (headers set side by side, read
        # line by line): their bylines follow all of them, in the same order, except that a byline
        # on the line right under a headline (no blank line between: one box) is that headline's.
        # A header typed for a dateline lead emitted apart from it stands alone: it opens no stack.
        stacked: list[dict[str, str | None]] = []
        first_open = 0  # the first of them still without a byline
        bylined = False  # some of them have one: a headline after that opens a new stack
        previous_role: Role | None = None
        for frag in draft.fragments:
            role = frag.role
            if role is Role.KICKER or (role is Role.HEADLINE and previous_role is not Role.KICKER):
                current = {"kicker": None, "headline": None, "subheadline": None, "byline": None}
                articles.append(current)
                if previous_role not in HEADER_ROLES or bylined:
                    stacked, first_open, bylined = [], 0, False
                if frag.role_reason.startswith(LEAD_APART):
                    # A header found for a dateline lead emitted elsewhere takes no byline of a stack:
                    # the lines under it head another article.
                    stacked, first_open, bylined = [], 0, False
                else:
                    stacked.append(current)
            if role is Role.BYLINE and current is not None:
                under = frag.gap_before == 1 and previous_role in (Role.HEADLINE, Role.SUBHEADLINE) and current["byline"] is None
                while first_open < len(stacked) and stacked[first_open]["byline"] is not None:
                    first_open += 1
                owner = current if under or first_open == len(stacked) else stacked[first_open]
                if owner["byline"] is None:
                    owner["byline"] = frag.id
                    bylined = True
            elif role in HEADER_ROLES and current is not None:
                key = role.value
                if current[key] is None:
                    current[key] = frag.id
            if role is not Role.FURNITURE:
                previous_role = role
        drafts = [ArticleDraft(**a) for a in articles]  # type: ignore[arg-type]
        has_body = any(f.role in (Role.PARAGRAPH, Role.HEADING) for f in draft.fragments)
        decisions = [
            Decision(
                step=self.name,
                kind="segment",
                subjects=d.header_ids,
                confidence=min(draft.fragment(i).role_confidence for i in d.header_ids),
                reason="header cluster opens an article",
            )
            for d in drafts
        ]
        if not drafts and has_body:
            drafts.append(ArticleDraft(confidence=0.3))
            decisions.append(
                Decision(step=self.name, kind="segment", subjects=(), confidence=0.3, reason="no headline found: one article without headline")
            )
        return replace(draft, articles=tuple(drafts)).decide(*decisions)
