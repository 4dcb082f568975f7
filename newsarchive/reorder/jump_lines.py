"""Priority 290: jump lines — text continued on another page, or from one.

A newspaper continues an article on a later page: its text here ends with a
jump line (…推动经济持续（下转第二版）, "Continued on Page 5") and the rest opens
there with another ((上接第一版), "Continued from Page 1").  The profile
recognises them (``Profile.jump_line``); this step records each one as a
``jump`` decision, so a reader of the JSON can link the parts of an article
across pages, and keeps a jump line that an extractor gave a block of its own
with the text it belongs to: a "continued on" line with the body text emitted
right before it, a "continued from" line with the body text right after it.

The other steps then leave the text alone across the page boundary: a text
continued on another page ends its paragraph here (the profile's
``ends_paragraph``), and a text continued from another page continues nothing
on this one (``join-cuts`` and ``join-frames`` never take it for a tail).
"""

from __future__ import annotations

from typing import ClassVar

from ..model import Decision
from . import BETWEEN_FRAMES, BODY_ROLES, Draft, Join

RECOGNISED = 0.95  # the profile's pattern names the page: a false match needs brackets, 转/接 and 版 together
CONFIDENCE = 0.9  # the line names what it continues; only which text it stood under is inferred


class JumpLines:
    """Record jump lines, and join one standing alone to the text it continues or ends."""

    name: ClassVar[str] = "jump-lines"
    priority: ClassVar[int] = 290

    def apply(self, draft: Draft) -> Draft:
        """Add a ``jump`` decision per jump line and a join per jump line standing alone."""
        profile = draft.profile
        found = [(f, jump) for f in draft.fragments if f.role in BODY_ROLES and (jump := profile.jump_line(draft.text(f.id)))]
        if not found:
            return draft
        decisions = [
            Decision(step=self.name, kind="jump", subjects=(f.id,), confidence=RECOGNISED, reason=f"continued {jump.continued} {jump.page}")
            for f, jump in found
        ]
        content = [f for f in draft.fragments if f.role not in BETWEEN_FRAMES]
        position = {f.id: k for k, f in enumerate(content)}
        joins: list[Join] = []
        for frag, jump in found:
            k = position.get(frag.id)
            if not jump.alone or k is None:
                continue
            # "Continued on" stands under the last line of the text it ends: the body text emitted
            # right before it; "continued from" over the first line of the text right after it.
            if jump.continued == "on":
                other = content[k - 1] if k > 0 else None
            else:
                other = content[k + 1] if k + 1 < len(content) else None
            if other is None or other.role not in BODY_ROLES or profile.jump_line(draft.text(other.id)) is not None:
                continue
            head, tail = (other.id, frag.id) if jump.continued == "on" else (frag.id, other.id)
            if any(j.head == head or j.tail == tail for j in joins):
                continue
            where = "ends the text above it" if jump.continued == "on" else "opens the text below it"
            why = f"a jump line (continued {jump.continued} {jump.page}) {where}"
            joins.append(Join(head=head, tail=tail, confidence=CONFIDENCE, reason=why))
        return draft.decide(*decisions).with_joins(self.name, joins)
