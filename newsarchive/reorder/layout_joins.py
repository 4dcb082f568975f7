"""Priority 350: the paragraph joins the layout confirms, and those it proves (fragments with boxes only).

The text evidence confirms or overrides the layout where it is strong: a
paragraph join found by ``join-cuts`` stands if its tail follows the head
closely in layout order (never jumping over text of their own column) or tops
the next column (see :class:`LayoutJoins`).
"""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from ..model import Decision, Fragment, Role
from . import BODY_ROLES, HEADER_ROLES, Draft, Join
from .geometry import WIDE_GAP, em_width, median_of, pages_of, shrunk, square_share, x_overlap

__all__ = ["LayoutJoins"]

JOIN_WINDOW = 2  # a cut paragraph continues within this many body blocks in layout order
INDENT_EMS = 2  # characters a paragraph's first line is set in by, where paragraphs open indented
FEW_LINES = 3  # inner lines fewer than this measure a full line poorly: the page's measure it


def _line_ems(fragment: Fragment) -> list[float] | None:
    """The widths of a boxed paragraph's lines in square glyphs (:func:`em_width`); None for other blocks or scripts."""
    if fragment.bbox is None or fragment.role is not Role.PARAGRAPH or square_share("".join(fragment.lines)) < 0.5:
        return None
    return [em_width(line.strip()) for line in fragment.lines]


class LayoutJoins:
    """Drop paragraph joins that the layout contradicts, and add those it proves (only when fragments have boxes).

    ``join-cuts`` (priority 300) may link a head to a tail far away in
    extraction order, because a scrambled extraction can emit a frame's
    continuation anywhere.  Once the order comes from the layout, a cut
    paragraph continues in the next block of the reading order (further down
    the column, or at the top of the next one), so a join is kept only when
    its tail is among the next :data:`JOIN_WINDOW` body blocks after its
    head and no block it skips stands between them in their column (a
    folio line "No. 6906" joined to the text under the next advertisement
    reordered the column); the text evidence still chooses among those.  Far
    joins on such pages came from chance evidence (OCR noise opening a block
    in lower case) and dragged blocks across articles.

    On a page whose paragraphs open indented, a column that opens flush (its first
    line full) after a column that ends on a full line goes on with that column's
    paragraph, even where the text before the break ends a sentence (……显示多项数据。
    | 液压系统嗡鸣声起……): such a join is added (:meth:`_flush_continuations`).  A
    column ending on a paragraph's first line alone ends full when that line, set in,
    fills the rest of the column's width.
    """

    name: ClassVar[str] = "layout-joins"
    priority: ClassVar[int] = 350

    def apply(self, draft: Draft) -> Draft:
        """Keep the joins whose tail follows the head closely in layout order; add the continuations the layout proves."""
        if not draft.laid_out:
            return draft
        added = self._flush_continuations(draft)
        draft = draft.with_joins(self.name, added)
        if not draft.joins:
            return draft
        body = [f.id for f in draft.fragments if f.role in BODY_ROLES]
        position = {fid: k for k, fid in enumerate(body)}
        headers = [draft.index[f.id] for f in draft.fragments if f.role in HEADER_ROLES]
        kept = []
        decisions = []
        for join in draft.joins:
            h, t = position.get(join.head), position.get(join.tail)
            if h is not None and t is not None and t > h and self._column_jump(draft, join.head, join.tail):
                kept.append(join)  # the rest of a column belongs to another article: text goes on atop a later column
                continue
            if h is None or t is None or not 0 < t - h <= JOIN_WINDOW:
                why = f"the tail is not among the {JOIN_WINDOW} blocks after the head in layout order"
            elif any(draft.index[join.head] < k < draft.index[join.tail] for k in headers):
                why = "a headline stands between head and tail in layout order"
            elif any(self._between(draft, join.head, fid, join.tail) for fid in body[h + 1 : t]):
                why = "running text stands between head and tail in their column"
            else:
                kept.append(join)
                continue
            decisions.append(
                Decision(
                    step=self.name, kind="join", subjects=(join.head, join.tail), confidence=0.7, reason=f"join dropped: {why}"
                )
            )
        if len(kept) == len(draft.joins):
            return draft
        return replace(draft, joins=tuple(kept)).decide(*decisions)

    @staticmethod
    def _flush_continuations(draft: Draft) -> list[Join]:
        """Joins of a column ending on a full line to the next column opening flush, on pages of indented paragraphs.

        Measured in square glyphs (:func:`em_width`): a paragraph's first line is
        indented when it is :data:`INDENT_EMS` characters shorter than the block's
        full lines, and a page sets its paragraphs indented when most blocks of
        three lines or more open so.
        """
        heads = {j.head for j in draft.joins}
        tails = {j.tail for j in draft.joins}
        added: list[Join] = []
        for page in pages_of(draft.fragments):
            measured = {f.id: w for f in page if (w := _line_ems(f)) is not None}
            blocks = [w for w in measured.values() if len(w) >= 3]
            indented = [w[0] <= max(w[1:]) - INDENT_EMS + 0.5 for w in blocks]
            if not blocks or 2 * sum(indented) <= len(blocks):
                continue  # paragraphs set flush (or too few to tell): a flush column top says nothing
            page_inner = [x for w in blocks for x in w[1:-1]]
            page_full = median_of(page_inner) if page_inner else None
            seq = [f for f in page if f.role not in (Role.FURNITURE, Role.CAPTION, Role.CREDIT, Role.PHOTO_TITLE)]
            for a, b in zip(seq, seq[1:]):
                wa, wb = measured.get(a.id), measured.get(b.id)
                if wa is None or wb is None or len(wb) < 2 or a.id in heads or b.id in tails:
                    continue
                if a.id in draft.paragraph_ends or b.gap_before < WIDE_GAP:
                    continue  # a short last line ends the paragraph; the order does not jump to another column
                # A full line is as wide as the blocks' inner lines: the widest line may be wider, by a
                # stop and a closing quote hung in the margin (…文明平等对话。”).  Of a line or two, the page's
                # inner lines tell better: a line of quotes and commas set narrow counts more glyphs
                # (‘原料型’，资源利用效率得到提高， is 17 in a column of 16).
                inner = wa[1:-1] + wb[1:-1]
                local = median_of(inner) if inner else max(wa + wb)
                full = (local if len(inner) >= FEW_LINES or page_full is None else min(local, page_full)) - 0.5
                new_column = b.bbox.x0 >= a.bbox.x1 - 1.0 or b.bbox.y0 < a.bbox.y0  # type: ignore[union-attr]
                # A block of one line at the column's foot is a paragraph's first line, set in: full when
                # it fills the rest of the line (人无精神不立，国无精神不强。| 精神是一个民族…).
                ends_full = wa[-1] >= full if len(wa) > 1 else wa[0] >= full - INDENT_EMS
                if new_column and ends_full and wb[0] >= full:
                    why = "the column ends on a full line and the next opens flush, on a page of indented paragraphs"
                    added.append(Join(head=a.id, tail=b.id, confidence=0.7, reason=why))
                    heads.add(a.id)
                    tails.add(b.id)
        return added

    @staticmethod
    def _between(draft: Draft, head: str, middle: str, tail: str) -> bool:
        """``middle`` lies in the column of ``head`` and ``tail``, below the one and above the other.

        Text cannot skip a block of its own column: a tail two blocks on is
        allowed for a block beside the flow (a box, a side column), not for
        one the paragraph would have to jump over.
        """
        a, m, b = (draft.fragment(f).bbox for f in (head, middle, tail))
        if a is None or m is None or b is None:
            return False
        xm = shrunk(m)
        return (
            x_overlap(shrunk(a), xm)
            and x_overlap(xm, shrunk(b))
            and a.y1 <= (m.y0 + m.y1) / 2 <= b.y0 + (b.y1 - b.y0) / 2
        )

    @staticmethod
    def _column_jump(draft: Draft, head: str, tail: str) -> bool:
        """The head ends its column's text (a header or a jump follows it) and the tail opens a column."""

        def neighbour(fid: str, step: int) -> Fragment | None:
            k = draft.index[fid] + step
            while 0 <= k < len(draft.fragments):
                f = draft.fragments[k]
                if f.role not in (Role.FURNITURE, Role.CAPTION, Role.CREDIT, Role.PHOTO_TITLE):
                    return f
                k += step
            return None

        after_head = neighbour(head, 1)
        before_tail = neighbour(tail, -1)
        head_ends = after_head is None or after_head.role in HEADER_ROLES or after_head.gap_before >= WIDE_GAP
        # The tail tops a column, and not under a headline of its own (that text opens the headline's article).
        tail_opens = draft.fragment(tail).gap_before >= WIDE_GAP and (before_tail is None or before_tail.role not in HEADER_ROLES)
        return head_ends and tail_opens
