"""Priority 450: body text goes to the header before it in layout order, joined fragments together (fragments with boxes only).

See :class:`LayoutAssign`.
"""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from ..model import Decision
from . import ArticleDraft, Draft
from .runs import body_runs, linked_groups

__all__ = ["LayoutAssign"]


class LayoutAssign:
    """Give body text to the article whose header precedes it in layout order (only when fragments have boxes).

    Runs after ``assign-fragments`` (priority 450) and replaces its choice on
    pages with boxes.  That step weighs character-bigram overlap against
    emission position, which is right for scrambled extraction order; once the
    order comes from the layout, position is the stronger evidence — on the
    1824 ALTO benchmark bigram topic moved most groups into the longest
    article.  Join links still override position: fragments linked by a cut
    stay together, with the article of the group's first fragment.  Body text
    above the first header (a continuation from an earlier page) becomes an
    article of its own without a headline instead of joining the first
    article below it.
    """

    name: ClassVar[str] = "layout-assign"
    priority: ClassVar[int] = 450

    def apply(self, draft: Draft) -> Draft:
        """Recompute every article's body from layout position and join groups."""
        if not draft.laid_out or not draft.articles:
            return draft
        runs = body_runs(draft)
        if not runs:
            return draft
        groups = linked_groups(draft, runs)  # runs linked by cuts, as assign-fragments builds them
        headers = draft.header_positions()
        articles = list(draft.articles)
        all_headed = bool(headers) and len(headers) == len(articles)  # else a headline-less article exists already
        decisions: list[Decision] = []
        leading: int | None = None
        bodies: dict[int, list[str]] = {}
        for group in groups:
            first = min(draft.index[f] for f in group)
            before = [k for pos, k in headers if pos < first]
            if before:
                owner = before[-1]
            elif all_headed:
                if leading is None:  # text above every header: an article continued from elsewhere
                    leading = len(articles)
                    articles.append(ArticleDraft(confidence=0.5))
                    decisions.append(
                        Decision(
                            step=self.name,
                            kind="segment",
                            subjects=tuple(group[:1]),
                            confidence=0.5,
                            reason="body text above the page's first headline: an article without headline",
                        )
                    )
                owner = leading
            else:
                owner = headers[0][1] if headers else 0
            bodies.setdefault(owner, []).extend(group)
        changed = 0
        result = []
        for k, article in enumerate(articles):
            body = tuple(sorted(bodies.get(k, ()), key=lambda f: draft.index[f]))
            changed += k < len(draft.articles) and set(body) != set(draft.articles[k].body)
            result.append(replace(article, body=body))
        if changed:
            decisions.append(
                Decision(
                    step=self.name,
                    kind="assign",
                    subjects=(),
                    confidence=0.7,
                    reason=f"{changed} article bodies reassigned by layout position (the preceding header in reading order)",
                )
            )
        return replace(draft, articles=tuple(result)).decide(*decisions)
