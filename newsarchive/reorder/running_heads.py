"""Priority 110: read the page's facts (paper, date, page number and name) from its running heads.

Every page of a newspaper carries a running head (人民日报海外版 2024年3月15日
星期五 第11版 民生), which ``tag-roles`` has typed as furniture.  What it says
fills the page's metadata where the caller gave none; metadata the caller gave
is kept, and a running head that contradicts it is reported as a warning (a
file filed under the wrong date or page is a common archive error).  Running
heads that disagree with each other set nothing and are reported too.
"""

from __future__ import annotations

from dataclasses import fields, replace
from typing import ClassVar

from ..model import Decision, Role, Warning
from . import Draft

CONFIDENCE = 0.9  # the paper's own label of the page; a misread running head is rare
FACTS = ("publication", "date", "page_number", "page_name")


class RunningHeads:
    """Fill the page's publication, date, page number and page name from its running heads."""

    name: ClassVar[str] = "running-heads"
    priority: ClassVar[int] = 110

    def apply(self, draft: Draft) -> Draft:
        """Metadata from the running heads; warnings where they contradict the caller or each other."""
        reader = getattr(draft.profile, "running_head", None)  # a third-party profile may not read them
        if reader is None:
            return draft
        said: dict[str, dict[object, list[str]]] = {fact: {} for fact in FACTS}
        for frag in draft.fragments:
            if frag.role is not Role.FURNITURE:
                continue
            head = reader(draft.text(frag.id))
            if head is None:
                continue
            for f in fields(head):
                value = getattr(head, f.name)
                if value is not None:
                    said[f.name].setdefault(value, []).append(frag.id)
        if not any(said.values()):
            return draft
        updates: dict[str, object] = {}
        warnings: list[Warning] = []
        decisions: list[Decision] = []
        source = draft.meta.source
        for fact in FACTS:
            values = said[fact]
            if not values:
                continue
            if len(values) > 1:
                listed = ", ".join(str(v) for v in values)
                warnings.append(
                    Warning(code="running-heads-disagree", message=f"the running heads give more than one {fact}: {listed}", source=source)
                )
                continue
            ((value, subjects),) = values.items()
            given = getattr(draft.meta, fact)
            if given is None:
                updates[fact] = value
                reason = f"{fact} {value} from the running head"
                decisions.append(Decision(step=self.name, kind="meta", subjects=tuple(subjects), confidence=CONFIDENCE, reason=reason))
            elif given != value:
                warnings.append(
                    Warning(
                        code="running-head-mismatch",
                        message=f"the running head gives {fact} {value}, but {given} was given for the page",
                        source=source,
                    )
                )
        meta = replace(draft.meta, **updates) if updates else draft.meta
        return replace(draft, meta=meta, warnings=draft.warnings + tuple(warnings)).decide(*decisions)
