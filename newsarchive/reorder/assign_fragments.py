"""Priority 400: assign every body fragment to an article.

A fragment belongs by default to the article whose header precedes it in
extraction order (extractors emit an article's header before its frames).  A
paragraph joined across a cut belongs to one article as a whole: when its
pieces lie in different articles' regions, the article whose text shares the
most character bigrams with the joined paragraph wins.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import ClassVar

from ..model import Decision, Role
from . import Draft
from .join_cuts import BODY_ROLES


def bigrams(text: str) -> Counter[str]:
    """Character bigrams of the text's non-space characters."""
    flat = "".join(text.split())
    return Counter(flat[i : i + 2] for i in range(len(flat) - 1))


def similarity(a: Counter[str], b: Counter[str]) -> float:
    """Share of ``a``'s bigrams also found in ``b``."""
    total = sum(a.values())
    if not total:
        return 0.0
    return sum(min(c, b[g]) for g, c in a.items()) / total


def chains(draft: Draft) -> list[list[str]]:
    """The joined paragraphs: lists of fragment ids linked head → tail, in order of their first piece."""
    tail_of = {j.head: j.tail for j in draft.joins}
    heads = set(tail_of) - set(tail_of.values())
    out = []
    for head in sorted(heads, key=lambda h: draft.index[h]):
        chain = [head]
        while chain[-1] in tail_of:
            chain.append(tail_of[chain[-1]])
        out.append(chain)
    return out


def regions(draft: Draft) -> dict[str, int]:
    """Fragment id → index of the article whose header precedes it (the first article before any header)."""
    header_at = sorted(
        (min(draft.index[i] for i in a.header_ids), k) for k, a in enumerate(draft.articles) if a.header_ids
    )
    out: dict[str, int] = {}
    current = header_at[0][1] if header_at else 0
    pointer = 0
    for frag in draft.fragments:
        pos = draft.index[frag.id]
        while pointer < len(header_at) and header_at[pointer][0] <= pos:
            current = header_at[pointer][1]
            pointer += 1
        out[frag.id] = current
    return out


class AssignFragments:
    """Give each body fragment an article, keeping joined paragraphs whole."""

    name: ClassVar[str] = "assign-fragments"
    priority: ClassVar[int] = 400

    def apply(self, draft: Draft) -> Draft:
        """Fill ArticleDraft.body (in extraction order; ordering comes next)."""
        if not draft.articles:
            return draft
        region = regions(draft)
        owner = {f.id: region[f.id] for f in draft.fragments if f.role in BODY_ROLES}
        decisions = []
        profiles = None
        for chain in chains(draft):
            candidates = {region[fid] for fid in chain}
            if len(candidates) == 1:
                continue
            if profiles is None:
                profiles = self._article_profiles(draft, owner)
            grams = bigrams("".join(draft.text(fid) for fid in chain))
            scored = sorted(((similarity(grams, profiles[a]), a) for a in candidates), reverse=True)
            best = scored[0][1]
            confidence = round(0.5 + 0.5 * min(1.0, (scored[0][0] - scored[1][0]) * 5), 3)
            for fid in chain:
                owner[fid] = best
            decisions.append(
                Decision(
                    step=self.name,
                    kind="assign",
                    subjects=tuple(chain),
                    confidence=confidence,
                    reason=f"joined paragraph spans articles; most shared bigrams with article {best + 1}",
                )
            )
        bodies: list[list[str]] = [[] for _ in draft.articles]
        for frag in draft.fragments:
            if frag.id in owner:
                bodies[owner[frag.id]].append(frag.id)
        articles = tuple(replace(a, body=tuple(b)) for a, b in zip(draft.articles, bodies))
        return replace(draft, articles=articles).decide(*decisions)

    @staticmethod
    def _article_profiles(draft: Draft, owner: dict[str, int]) -> list[Counter[str]]:
        texts: list[list[str]] = [[draft.text(i) for i in a.header_ids] for a in draft.articles]
        for fid, art in owner.items():
            texts[art].append(draft.text(fid))
        return [bigrams("".join(t)) for t in texts]
