"""Priority 600: group captions and credits into photos and attach them to articles.

A credit closes a photo; the caption directly above it (and a photo title
above that) belong to the same photo; a credit broken over two blocks is one
credit.  A photo with a title stands alone (a picture with no article body);
otherwise it belongs to an article whose header precedes it: extractors drop
captions between the frames of their own article, sometimes further down the
page, so the nearest header is most likely and the caption's words (shared
character bigrams, weighted by rarity) decide against it when they clearly
fit another article.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import replace
from itertools import repeat
from operator import mul
from typing import ClassVar

from ..model import Decision, Role
from . import Draft, PhotoDraft
from .topic import FAR_PRIOR, MAX_BACK, POSITION_PRIOR, TOPIC_WEIGHT, cosine_of, page_frequencies


class AttachPhotos:
    """Build photos from caption/credit/title fragments and place them."""

    name: ClassVar[str] = "attach-photos"
    priority: ClassVar[int] = 600

    def apply(self, draft: Draft) -> Draft:
        """Group photo fragments, then attach each photo to an article or leave it standalone."""
        draft = self._captions_without_credit(draft)
        groups: list[dict[str, list[str]]] = []
        current: dict[str, list[str]] | None = None
        previous: Role | None = None
        for frag in draft.fragments:
            role = frag.role
            if role is Role.PHOTO_TITLE:
                current = {"title": [frag.id], "caption": [], "credit": []}
                groups.append(current)
            elif role is Role.CAPTION:
                if current is None or current["caption"] or current["credit"] or previous is not Role.PHOTO_TITLE:
                    current = {"title": [], "caption": [], "credit": []}
                    groups.append(current)
                current["caption"].append(frag.id)
            elif role is Role.CREDIT:
                if (
                    current is None
                    or (current["credit"] and not (previous is Role.CREDIT and self._continues(draft, current["credit"], frag.id)))
                    or previous not in (Role.CAPTION, Role.PHOTO_TITLE, Role.CREDIT)
                ):
                    current = {"title": [], "caption": [], "credit": []}
                    groups.append(current)
                current["credit"].append(frag.id)
            else:
                current = None if role is not Role.FURNITURE else current
            if role is not Role.FURNITURE:
                previous = role
        place = self._placer(draft)
        photos = []
        decisions = []
        for group in groups:
            ids = group["title"] + group["caption"] + group["credit"]
            if group["title"] or not draft.articles:
                article = None
                confidence = 0.75 if group["title"] else 0.6
                reason = "titled photo with no article body: standalone" if group["title"] else "no article on the page"
            else:
                article, nearest = place(ids)
                confidence = 0.8 if group["caption"] and group["credit"] else 0.6
                if article == nearest:
                    reason = f"emitted after article {article + 1}'s header"
                else:
                    confidence = 0.6
                    reason = f"emitted after article {nearest + 1}'s header, but its caption fits article {article + 1}"
            photos.append(
                PhotoDraft(
                    title=group["title"][0] if group["title"] else None,
                    caption=tuple(group["caption"]),
                    credit=tuple(group["credit"]),
                    article=article,
                    confidence=confidence,
                )
            )
            decisions.append(Decision(step=self.name, kind="attach", subjects=tuple(ids), confidence=confidence, reason=reason))
        return replace(draft, photos=tuple(photos)).decide(*decisions)

    @classmethod
    def _captions_without_credit(cls, draft: Draft) -> Draft:
        """On a page whose credit covers several pictures, caption-shaped paragraphs standing alone are captions.

        A credit for a group of pictures (以上图片均为新华社记者 X摄) sits under the last
        caption; the others were dropped between frames without one, and read as
        one-sentence paragraphs (上海博物馆人民广场馆外景。).  Such a block is taken out of
        its article's text as a caption, unless a cut paragraph ends in it (join-cuts has
        run: 更重要的是，以展览为媒，形 / 成…。) or it follows a block cut mid-sentence
        whose continuation join-cuts did not find, whose end it may be: a caption left in
        the text costs less than a paragraph's end taken out of it (on dev pages, a block
        after a cut continued elsewhere is a caption: photos right 93.2 → 94.6%).
        """
        profile = draft.profile
        if not any(f.role is Role.CREDIT and profile.credits_several(draft.text(f.id)) for f in draft.fragments):
            return draft
        heads = {j.head for j in draft.joins}
        joined = heads | {j.tail for j in draft.joins}
        reason = "a caption's shape on a page whose credit covers several pictures"
        captions: dict[str, tuple[Role, float, str]] = {}
        after_cut = False  # the block above (furniture aside) is running text that stops mid-sentence
        for frag in draft.fragments:
            if frag.role is Role.FURNITURE:
                continue
            text = draft.text(frag.id)
            if (
                frag.role is Role.PARAGRAPH
                and not after_cut
                and frag.id not in joined
                and profile.is_caption_shaped(text)
                and not profile.opens_mid_sentence(text)
            ):
                captions[frag.id] = (Role.CAPTION, 0.6, reason)
            # A head whose continuation join-cuts found elsewhere needs no end here.
            after_cut = frag.role is Role.PARAGRAPH and frag.id not in heads and not profile.ends_paragraph(text)
        if not captions:
            return draft
        articles = tuple(replace(a, body=tuple(f for f in a.body if f not in captions)) for a in draft.articles)
        decisions = [Decision(step=cls.name, kind="role", subjects=(f,), confidence=0.6, reason=f"caption: {reason}") for f in captions]
        return replace(draft.with_roles(captions), articles=articles).decide(*decisions)

    @staticmethod
    def _continues(draft: Draft, credit: list[str], fragment_id: str) -> bool:
        """A credit right after a credit goes on with it: its agency ((人民视觉)), or the rest of a credit cut short.

        A complete credit followed by another complete one (新华社记者 金立旺摄 / 制图：王 威（新华社发）)
        credits two pictures.
        """
        profile = draft.profile
        if profile.is_credit_tail(draft.text(fragment_id)):
            return True
        return profile.parse_credit(profile.join_lines(tuple(draft.text(i) for i in credit))) is None

    @staticmethod
    def _placer(draft: Draft):  # type: ignore[no-untyped-def]
        """A function photo fragment ids → (chosen article, nearest preceding article).

        Photos are dropped between their article's frames, sometimes later on the
        page: the nearest preceding header is most likely, and the caption's
        words decide against it when they clearly belong to another article.
        """
        headers = draft.header_positions()
        texts: list[Counter[str]] = []  # each article's bigram counts
        rarity: list[tuple[Counter[str], dict[int, float]]] = []  # the page's (page_frequencies)
        norms: list[float] = []

        def profiles() -> None:
            """The articles' bigram counts and the lengths of their weighted vectors, for the first photo with several candidate articles."""
            texts.extend(Counter(draft.bigrams(a.header_ids + a.body)) for a in draft.articles)
            df, weight_of = page_frequencies(texts)
            rarity.append((df, weight_of))
            # weighted() and norm() without the dicts: a photo's dot product reads an article's weighted
            # count of its own few bigrams only (the same count times the same weight).
            norms.extend(math.hypot(*map(mul, grams.values(), map(weight_of.__getitem__, map(df.__getitem__, grams)))) for grams in texts)

        def place(ids: list[str]) -> tuple[int, int]:
            first = draft.index[ids[0]]
            before = [k for pos, k in headers if pos < first] or [headers[0][1] if headers else 0]
            nearest = before[-1]
            if len(before) == 1:
                return nearest, nearest  # the only candidate: no words to weigh
            if not texts and draft.articles:
                profiles()
            df, weight_of = rarity[0]
            photo = Counter(draft.bigrams(ids))
            # weighted(): a bigram met in none of the articles' texts weighs 0.1 (weight_of.get(None) is the 0.1).
            weights: list[float] = list(map(weight_of.get, map(df.get, photo), repeat(0.1)))  # type: ignore[arg-type]
            values = list(map(mul, photo.values(), weights))
            length = math.hypot(*values)

            def fit(k: int) -> float:
                """cosine_to() of the photo's weighted vector and article ``k``'s."""
                counts = texts[k]
                article = [counts[g] * w if g in counts else 0.0 for g, w in zip(photo, weights)]
                return cosine_of(sum(map(mul, values, article)), length, norms[k])

            best = max(
                (
                    (POSITION_PRIOR[back] if back < len(POSITION_PRIOR) else FAR_PRIOR) + TOPIC_WEIGHT * fit(k),
                    -back,
                    k,
                )
                for back, k in enumerate(list(reversed(before))[:MAX_BACK])
            )
            return best[2], nearest

        return place
