"""Priority 460: the publisher's article segmentation (e.g. from METS) as a strong hint.

Not registered as an entry point, because it needs the hint: build it with
the publisher's articles — each an ordered list of fragment ids, for ALTO the
TextBlock ids that :meth:`~newsarchive.readers.mets.MetsIssue.resolve` gives
— and add it to the steps::

    hint = PublisherSegmentation([["TB_H1", "TB_1", "TB_2"], ["TB_H2", "TB_3"]])
    page = newsarchive.reconstruct(raw, steps=newsarchive.api.transforms() + [hint])

It runs after newsarchive has made its own choice (assign at 400/450) and
before sections are ordered (500), and overrides the choice where the hint
speaks: every fragment of one publisher article goes to one article — the
one whose header opens it (any other header inside the same publisher
article becomes a section heading), or a new article without headline when
the publisher's article opens with body text — in the publisher's order,
even a fragment newsarchive took for furniture or noise.  Fragments the hint does not mention keep
newsarchive's placement.  Each override is a decision, so ``inspect`` shows
where the publisher and newsarchive disagreed.
"""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar, Sequence

from ..model import Decision, Role
from . import ArticleDraft, Draft


class PublisherSegmentation:
    """Override article membership and order with the publisher's segmentation."""

    name: ClassVar[str] = "publisher-segmentation"
    priority: ClassVar[int] = 460

    def __init__(self, articles: Sequence[Sequence[str]]) -> None:
        self.articles = [list(a) for a in articles]

    def apply(self, draft: Draft) -> Draft:
        """Regroup the draft's articles along the hint (fragments it mentions only)."""
        seen: set[str] = set()
        groups = []
        for art in self.articles:  # a block the publisher lists twice belongs to its first article
            group = [fid for fid in dict.fromkeys(art) if fid in draft.index and fid not in seen]
            seen.update(group)
            if group:
                groups.append(group)
        if not groups:
            return draft
        hinted = {fid for g in groups for fid in g}
        articles = [replace(a, body=tuple(f for f in a.body if f not in hinted)) for a in draft.articles]
        roles: dict[str, tuple[Role, float, str]] = {}
        decisions: list[Decision] = []
        owner_of_header = {fid: k for k, a in enumerate(draft.articles) for fid in a.header_ids}
        emptied: set[int] = set()
        for group in groups:
            owners = sorted({owner_of_header[f] for f in group if f in owner_of_header})
            # An article is read header first: the header of ``owners[0]`` can head the publisher's
            # article only if the article opens with it; a header further in is a section heading.
            heads = bool(owners) and tuple(group[: len(articles[owners[0]].header_ids)]) == articles[owners[0]].header_ids
            if heads:
                target, folded = owners[0], owners[1:]
            else:
                target, folded = len(articles), owners
                articles.append(ArticleDraft(confidence=0.6))
            for other in folded:  # a header inside one publisher article: a section heading
                headline = articles[other].headline or articles[other].kicker
                for fid in articles[other].header_ids:
                    roles[fid] = (Role.HEADING if fid == headline else Role.PARAGRAPH, 0.7, "inside a publisher's article")
                emptied.add(other)
            for fid in group:  # the publisher placed it: not furniture or noise after all
                if draft.fragment(fid).role is Role.FURNITURE:
                    roles[fid] = (Role.PARAGRAPH, 0.7, "inside a publisher's article")
            header = set(articles[target].header_ids)
            leftover = tuple(f for other in folded for f in articles[other].body)  # text the hint did not mention
            body = tuple(f for f in group if f not in header) + leftover
            before = set(draft.articles[target].body) if target < len(draft.articles) else set()
            articles[target] = replace(articles[target], body=body)
            if set(body) != before:
                decisions.append(
                    Decision(
                        step=self.name,
                        kind="assign",
                        subjects=tuple(group),
                        confidence=0.9,
                        reason=f"publisher's segmentation: {len(group)} blocks read as one article, in its order",
                    )
                )
        # Headers folded into another article: their article disappears, their lines become body; so does
        # an article without headline whose every fragment the hint moved elsewhere.  (Photos are attached
        # later, at priority 600, so no photo refers to an article index yet.)
        kept = [a for k, a in enumerate(articles) if k not in emptied and (a.header_ids or a.body)]
        draft = draft.with_roles(roles) if roles else draft
        return replace(self._in_publisher_order(draft, groups), articles=tuple(kept)).decide(*decisions)

    @staticmethod
    def _in_publisher_order(draft: Draft, groups: list[list[str]]) -> Draft:
        """Each publisher article's fragments permuted within the positions they occupy, into its order."""
        fragments = list(draft.fragments)
        for group in groups:
            slots = sorted(draft.index[f] for f in group)
            by_id = {f: draft.fragment(f) for f in group}
            for slot, fid in zip(slots, group):
                fragments[slot] = by_id[fid]
        index = {f.id: i for i, f in enumerate(fragments)}
        return replace(draft, fragments=tuple(fragments), index=index)
