"""Priority 110: read the page's facts (paper, date, page number and name) from its running heads.

Every page of a newspaper carries a running head (人民日报海外版 2024年3月15日
星期五 第11版 民生), which ``tag-roles`` has typed as furniture.  A page number or
page name set apart from it (a large "2" and "要闻" in boxes of their own) is part
of it too when it stands beside it: in the same band across the page where boxes
are known, next to it in extraction order where they are not.  What it says
fills the page's metadata where the caller gave none; metadata the caller gave
is kept, and a running head that contradicts it is reported as a warning (a
file filed under the wrong date or page is a common archive error).  Running
heads that disagree with each other set nothing and are reported too.  In a
document of several pages only the paper and the date are the document's.
"""

from __future__ import annotations

from dataclasses import fields, replace
from typing import Any, Callable, ClassVar

from ..model import BBox, Decision, Fragment, Role, Warning
from ..profiles import RunningHead
from . import Draft

CONFIDENCE = 0.9  # the paper's own label of the page; a misread running head is rare
EDGE_CONFIDENCE = 0.8  # a lone number at the page's top or foot: its page number, short of a running head's word
PAGE_NUMBER_MARKS = "-–—―·•* "  # what sets a printed page number off (- 5 -, —5—)
MAX_EDGE_CHARS = 12  # a page number, with its page name at most
FACTS = ("publication", "date", "page_number", "page_name")
PER_PAGE = ("page_number", "page_name")  # facts of one page, not of a document of several
# What tag-roles may have made of a lone page number or page name ("要闻" reads as a short headline).
LONE_PART_ROLES = (Role.HEADLINE, Role.HEADING, Role.PARAGRAPH, Role.UNKNOWN, Role.KICKER, Role.PHOTO_TITLE)


def _same_band(box: BBox, head: BBox) -> bool:
    """The box lies across the running head's band of the page (their heights overlap)."""
    return box.y0 < head.y1 and box.y1 > head.y0


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
        heads: dict[str, RunningHead] = {}
        for frag in draft.fragments:
            if frag.role is Role.FURNITURE:
                head = reader(draft.text(frag.id))
                if head is not None:
                    heads[frag.id] = head
        beside = self._beside(draft, heads, reader) if heads else {}
        edges = self._page_edges(draft, reader, set(heads) | set(beside))
        if not heads and not edges:
            return draft
        retyped = {fid: (Role.FURNITURE, CONFIDENCE, "page number or name beside the running head") for fid in beside}
        retyped.update({fid: (Role.FURNITURE, EDGE_CONFIDENCE, "page number at the top or foot of the page") for fid in edges})
        decisions: list[Decision] = [
            Decision(step=self.name, kind="role", subjects=(fid,), confidence=confidence, reason="furniture: " + why)
            for fid, (_, confidence, why) in retyped.items()
        ]
        for fid, head in (*heads.items(), *beside.items(), *edges.items()):
            for f in fields(head):
                value = getattr(head, f.name)
                if value is not None:
                    said[f.name].setdefault(value, []).append(fid)
        updates: dict[str, Any] = {}  # PageMeta fields: publication, date, page number and name
        warnings: list[Warning] = []
        source = draft.meta.source
        # A document of several pages (an ALTO issue) has a page number and name per page, not one.
        several_pages = len({f.page for f in draft.fragments if f.page is not None}) > 1
        for fact in FACTS:
            values = said[fact]
            if not values or (several_pages and fact in PER_PAGE):
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
                        message=f"the running head gives {fact} {value}, but the page's metadata says {given} (kept)",
                        source=source,
                    )
                )
        meta = replace(draft.meta, **updates) if updates else draft.meta
        draft = draft.with_roles(retyped) if retyped else draft
        return replace(draft, meta=meta, warnings=draft.warnings + tuple(warnings)).decide(*decisions)

    @staticmethod
    def _page_edges(draft: Draft, reader: Callable[..., RunningHead | None], known: set[str]) -> dict[str, RunningHead]:
        """A page number standing alone as a page's first or last text (5, - 5 -, 5 要闻), with what it says.

        Extractors print a page's number as a line of its own at its top or foot, with or
        without a running head; left as text, it opened the first article's body or closed
        the last one's.  Only a number (a page name with it, at most) counts: a short title
        alone may open a page.
        """
        pages: dict[object, list[Fragment]] = {}
        for frag in draft.fragments:
            if frag.role is not Role.FURNITURE and frag.id not in known:
                pages.setdefault(frag.page, []).append(frag)
        found: dict[str, RunningHead] = {}
        for frags in pages.values():
            for frag in {frags[0].id: frags[0], frags[-1].id: frags[-1]}.values():
                if frag.role not in LONE_PART_ROLES or len(frags) < 2:
                    continue
                text = draft.text(frag.id).strip().strip(PAGE_NUMBER_MARKS).strip()
                part = reader(text, beside_head=True) if text and len(text) <= MAX_EDGE_CHARS else None
                if part is not None and part.page_number is not None and not part.publication and not part.date:
                    found[frag.id] = part
        return found

    @staticmethod
    def _beside(draft: Draft, heads: dict[str, RunningHead], reader: Callable[..., RunningHead | None]) -> dict[str, RunningHead]:
        """Fragments that are a lone page number or name beside a running head, with what they say.

        Only a fact the running heads leave out is looked for (a short headline under 第7版 文化遗产
        is no second page name).  Without boxes a lone name counts only next to a lone number
        (2 / 要闻): a short headline may follow a running head directly.
        """
        stated = {f.name for head in heads.values() for f in fields(head) if getattr(head, f.name) is not None}
        found: dict[str, RunningHead] = {}

        def lone_part(g: Fragment) -> RunningHead | None:
            if g.id in heads or g.id in found or g.role not in LONE_PART_ROLES:
                return None
            part = reader(draft.text(g.id), beside_head=True)
            if part is None or part.publication or part.date:
                return None
            if (part.page_number is not None and "page_number" in stated) or (part.page_name and "page_name" in stated):
                return None
            return part

        frags = draft.fragments
        for k, frag in enumerate(frags):
            if frag.id not in heads:
                continue
            if frag.bbox is not None:  # the same band across the page, wherever extraction put it
                for g in frags:
                    if g.bbox is not None and g.page == frag.page and _same_band(g.bbox, frag.bbox):
                        part = lone_part(g)
                        if part is not None:
                            found[g.id] = part
                continue
            for step in (-1, 1):  # next to it in extraction order, up to the first fragment that is not one
                run: dict[str, RunningHead] = {}
                j = k + step
                while 0 <= j < len(frags) and frags[j].bbox is None and len(run) < 2:
                    part = lone_part(frags[j])
                    if part is None:
                        break
                    run[frags[j].id] = part
                    j += step
                if any(part.page_number is not None for part in run.values()):
                    found.update(run)
        return found
