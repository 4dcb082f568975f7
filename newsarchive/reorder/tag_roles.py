"""Priority 100: tag each fragment with its role (kicker, headline, byline, caption, credit …).

Two passes.  The first looks at each fragment alone and asks the profile
(furniture, credit, kicker, subheadline, explicit captions, title-like text).
The second uses the neighbours in extraction order, because a headline, a
section heading and a photo title look alike and differ only by what surrounds
them: a headline sits under a kicker or above a byline/subheadline or opens the
page; a photo title sits above a caption + credit pair that ends an item; a
caption sits directly above a credit.  Remaining title-like fragments become
section headings with a modest confidence (the join step may still decide that
one is the start of a paragraph cut at a frame break).
"""

from __future__ import annotations

from typing import ClassVar

from ..model import Decision, Role
from . import Draft

# Roles that belong to an article header.
HEADER_ROLES = (Role.KICKER, Role.HEADLINE, Role.SUBHEADLINE, Role.BYLINE)
_TITLE = "title"  # provisional: headline, heading or photo title, decided in pass two


class TagRoles:
    """Assign a role with a confidence and a reason to every fragment."""

    name: ClassVar[str] = "tag-roles"
    priority: ClassVar[int] = 100

    def apply(self, draft: Draft) -> Draft:
        """Tag roles in two passes (alone, then in context)."""
        profile = draft.profile
        texts = [profile.join_lines(f.lines) for f in draft.fragments]
        n = len(texts)
        roles: list[tuple[object, float, str]] = []
        for i, text in enumerate(texts):
            if profile.is_furniture(text):
                roles.append((Role.FURNITURE, 0.95, "page furniture line"))
            elif profile.parse_credit(text) is not None:
                roles.append((Role.CREDIT, 0.95, "photo credit pattern"))
            elif profile.is_credit_tail(text) and i > 0 and roles[i - 1][0] is Role.CREDIT:
                roles.append((Role.CREDIT, 0.85, "agency line ending the credit above"))
            elif profile.is_kicker(text) and len(text.rstrip("—")) >= 6:
                roles.append((Role.KICKER, 0.85, "line ends with ——"))
            elif profile.is_subheadline(text):
                roles.append((Role.SUBHEADLINE, 0.85, "line starts with ——"))
            elif profile.parse_byline(text, after_headline=False) is not None:
                roles.append((Role.BYLINE, 0.9, "reporter role and names"))
            elif profile.is_caption(text):
                roles.append((Role.CAPTION, 0.9, "caption marker (图为, 图①)"))
            elif profile.is_title_like(text):
                roles.append((_TITLE, 0.5, "short line without sentence punctuation"))
            else:
                roles.append((Role.PARAGRAPH, 0.8, "running text"))

        def role(i: int) -> object:
            return roles[i][0] if 0 <= i < n else None

        # Captions: the running text directly above a credit.
        for i in range(n - 1):
            if role(i + 1) is Role.CREDIT and role(i) in (Role.PARAGRAPH, _TITLE) and not (
                role(i) is _TITLE and role(i - 1) is Role.KICKER
            ):
                roles[i] = (Role.CAPTION, 0.8, "directly above a photo credit")

        first_content = next((i for i in range(n) if role(i) is not Role.FURNITURE), 0)
        for i in range(n):
            if role(i) is not _TITLE:
                continue
            nxt = role(i + 1)
            after_kicker = role(i - 1) is Role.KICKER
            byline_below = i + 1 < n and (
                nxt in (Role.BYLINE, Role.SUBHEADLINE)
                or profile.parse_byline(texts[i + 1], after_headline=True) is not None
            )
            dateline_below = i + 1 < n and profile.dateline(texts[i + 1]) is not None
            if nxt is Role.CAPTION and role(i + 2) is Role.CREDIT and (
                i + 3 >= n or role(i + 3) in (Role.KICKER, _TITLE, Role.FURNITURE)
            ):
                roles[i] = (Role.PHOTO_TITLE, 0.75, "title above a caption and credit that end an item")
            elif after_kicker:
                roles[i] = (Role.HEADLINE, 0.95, "directly under a kicker")
            elif byline_below:
                roles[i] = (Role.HEADLINE, 0.9, "directly above a byline or subheadline")
            elif dateline_below:
                roles[i] = (Role.HEADLINE, 0.85, "directly above a paragraph opening with a dateline")
            elif i == first_content:
                roles[i] = (Role.HEADLINE, 0.7, "first text of the page")
            else:
                roles[i] = (Role.HEADING, 0.6, "short line inside running text")

        # A byline made only of names counts right under a headline or subheadline.
        for i in range(1, n):
            if role(i) in (Role.PARAGRAPH, Role.HEADING) and role(i - 1) in (Role.HEADLINE, Role.SUBHEADLINE):
                if profile.parse_byline(texts[i], after_headline=True) is not None:
                    roles[i] = (Role.BYLINE, 0.8, "list of names under a headline")
        # A kicker must lead into a headline; a subheadline must follow one.  Otherwise they are body text.
        for i in range(n):
            if role(i) is Role.KICKER and role(i + 1) is not Role.HEADLINE:
                roles[i] = (Role.HEADING, 0.5, "ends with —— but no headline follows")
            if role(i) is Role.SUBHEADLINE and role(i - 1) is not Role.HEADLINE:
                roles[i] = (Role.PARAGRAPH, 0.5, "starts with —— but follows no headline")
            if role(i) is Role.BYLINE and role(i - 1) not in (Role.HEADLINE, Role.SUBHEADLINE, Role.KICKER):
                # A byline line inside the body (e.g. a reporter's name at the end): keep it as text.
                roles[i] = (Role.PARAGRAPH, 0.5, "byline pattern away from any headline")

        assigned = {f.id: roles[i] for i, f in enumerate(draft.fragments)}  # type: ignore[misc]
        draft = draft.with_roles(assigned)  # type: ignore[arg-type]
        low = [
            Decision(step=self.name, kind="role", subjects=(f.id,), confidence=f.role_confidence, reason=f"{f.role.value}: {f.role_reason}")
            for f in draft.fragments
        ]
        return draft.decide(*low)
