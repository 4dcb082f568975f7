"""Priority 250: the blocks whose last line stops short of the column's edge end a paragraph (fragments with boxes only).

Justified text fills every line of a paragraph but its last, so no such block
is the head of a cut (see :class:`LayoutLineEnds`).
"""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from . import Draft
from .geometry import em_width, median_of, pages_of, running_text_boxes, square_share

__all__ = ["LayoutLineEnds"]

SHORT_LINE = 0.75  # a last line shorter than this share of the block's median line (or of a column) ends a paragraph


class LayoutLineEnds:
    """Mark the fragments whose last line stops short of the column's edge: their paragraph ends there.

    Running text is justified, so every line of a paragraph but its last
    fills the column; a paragraph cut at a column's foot ends in a full line.
    A short last line — for a one-line block its width against the page's
    columns, else (in square CJK glyphs only, whose count measures a line) its
    characters against the block's median line — is
    the layout's proof that nothing continues the text, whatever the text
    (a heading without a full stop, a sentence cut at a clause) suggests.
    ``join-cuts`` takes no such fragment for a cut's head.
    """

    name: ClassVar[str] = "layout-line-ends"
    priority: ClassVar[int] = 250

    def apply(self, draft: Draft) -> Draft:
        """Record ``Draft.paragraph_ends`` (only when fragments have boxes)."""
        if not draft.laid_out:
            return draft
        ends: set[str] = set()
        for page in pages_of(draft.fragments):
            widths = [b.x1 - b.x0 for b in running_text_boxes(page)]
            column = median_of(widths) if widths else None
            for f in page:
                if f.bbox is None or not f.lines:
                    continue
                if len(f.lines) >= 2:
                    # Line widths are known only from their characters, which measure them only in square
                    # glyphs (CJK): Latin letters vary in width, and OCR lines of one column differ widely.
                    widths = [em_width(line.strip()) for line in f.lines]
                    square = square_share(f.lines[-1].strip() + max(f.lines, key=len)) >= 0.5
                    short = square and widths[-1] < SHORT_LINE * median_of(widths[:-1])
                else:
                    short = column is not None and f.bbox.x1 - f.bbox.x0 < SHORT_LINE * column
                if short:
                    ends.add(f.id)
        return replace(draft, paragraph_ends=frozenset(ends)) if ends else draft
