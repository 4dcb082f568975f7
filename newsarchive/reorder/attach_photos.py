"""Priority 600: group captions and credits into photos and attach them to articles.

A credit closes a photo; the caption directly above it (and a photo title
above that) belong to the same photo; a credit broken over two blocks is one
credit.  A photo with a title stands alone (a picture with no article body);
otherwise it belongs to the article in whose region it was emitted, since
extractors drop captions between the frames of their own article.
"""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from ..model import Decision, Role
from . import Draft, PhotoDraft
from .assign_fragments import regions


class AttachPhotos:
    """Build photos from caption/credit/title fragments and place them."""

    name: ClassVar[str] = "attach-photos"
    priority: ClassVar[int] = 600

    def apply(self, draft: Draft) -> Draft:
        """Group photo fragments, then attach each photo to an article or leave it standalone."""
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
                if current is None or (current["credit"] and previous is not Role.CREDIT) or previous not in (
                    Role.CAPTION,
                    Role.PHOTO_TITLE,
                    Role.CREDIT,
                ):
                    current = {"title": [], "caption": [], "credit": []}
                    groups.append(current)
                current["credit"].append(frag.id)
            else:
                current = None if role is not Role.FURNITURE else current
            if role is not Role.FURNITURE:
                previous = role
        region = regions(draft)
        photos = []
        decisions = []
        for group in groups:
            ids = group["title"] + group["caption"] + group["credit"]
            if group["title"] or not draft.articles:
                article = None
                confidence = 0.75 if group["title"] else 0.6
                reason = "titled photo with no article body: standalone" if group["title"] else "no article on the page"
            else:
                article = region[ids[0]]
                confidence = 0.8 if group["caption"] and group["credit"] else 0.6
                reason = f"emitted inside article {article + 1}'s region"
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
