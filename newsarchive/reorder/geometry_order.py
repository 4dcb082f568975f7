"""Priorities 50, 150, 250, 350 and 450: reading order and articles from the page layout, when fragments have boxes.

Readers of layout formats (ALTO, hOCR, PDF) give every fragment a box.  Five
transforms use them; each returns the draft unchanged when no fragment has a
box, so plain text behaves exactly as before.

``layout-order`` (priority 50, before role tagging, because every later step
reads "extraction order" as evidence) proposes a reading order and makes it
the draft's order.  The order is the one of Breuel (2003), a refinement of
the recursive X-Y cut (Nagy & Seth 1984) that needs no global whitespace
cut, so it survives the ragged gutters and column-spanning headlines of
newspapers: block *a* comes before block *b* when

1. their horizontal extents overlap and *a* is above *b*, or
2. *a* is entirely left of *b* and no block *c* that lies vertically between
   them overlaps both horizontally (a headline spanning both columns
   separates the column parts above it from those below it);

and the blocks are sorted topologically (ties and the rare cycles of noisy
boxes: topmost, then leftmost first).  Two refinements for newspapers: a
headline in display type counts as wide as the article it heads
(:func:`header_extents`: its header stack and the first row of columns
under it), since a centred headline is often narrower than its article; and
an L-shaped article (a *dogleg*, :func:`_dogleg`) is finished in its last
column before the article tucked under it; and short blocks side by side on
one line over one column, one of them in display type (the header cells of
a table, :func:`_side_by_side`), read left to right even when the right one
starts a hair higher, as OCR boxes of cells do.  Boxes are shrunk by a small
share of their width before overlap tests, since OCR boxes of neighbouring
columns often overlap by a few pixels.  OCR noise — specks, rules and torn
edges read as a "block" of a character or two in a margin or a gutter
(:func:`noise_blocks`) — takes no part in the rules and is read last, so it
neither interrupts a column's flow nor opens an article before the first
headline; ``layout-roles`` then tags it as furniture (unplaced, its
characters kept).  ``gap_before`` is then recomputed
from the geometry — a wide gap where the order jumps to another column,
moves up the page or skips vertical space — which the text steps read as a
frame boundary.

``layout-roles`` (priority 150, after role tagging) promotes a title-like
block to a headline when the layout says it heads something: it is set in
larger type than the page's running text (line height, the only font size
every format gives), or it is centred over the column of text below it.  A
line in display type may end in a full stop, as headlines of older papers do
("The Statesman."), when it stands alone on its line over the column below
(:func:`_alone_on_line`; a table cell has neighbours).
Text decides first (a byline or dateline pattern stays what it is); layout
only upgrades headings and short title-like paragraphs.  Two headlines
stacked with nothing between them are one header (a strap line over the
headline is its kicker, a smaller line under it its deck), not two articles
of which the first is empty.

``layout-line-ends`` (250) marks the blocks whose last line stops short of
the column's edge: justified text fills every line of a paragraph but its
last, so no such block is the head of a cut (see :class:`LayoutLineEnds`).

``layout-joins`` (350) and ``layout-assign`` (450) let the text evidence
confirm or override the layout where it is strong: a paragraph join found by
``join-cuts`` stands if its tail follows the head closely in layout order
(never jumping over text of their own column) or tops the next column; body text goes to the header before it in layout
order, joined fragments together (see each class).

References: T. M. Breuel, "High performance document layout analysis",
Symposium on Document Image Understanding Technology, 2003; G. Nagy and
S. Seth, "Hierarchical representation of optically scanned documents",
Proc. 7th ICPR, 1984, pp. 347–349.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass, replace
from functools import partial
from typing import ClassVar, Collection, Iterable, Sequence

from ..model import BBox, Decision, Fragment, Role
from ..profiles import Profile
from ..profiles.cjk import is_han
from ..profiles.textutil import display_width
from . import BODY_ROLES, HEADER_ROLES, ArticleDraft, Draft, Join
from .ordering import strongly_connected, topological_order
from .runs import body_runs, linked_groups

__all__ = [
    "HeaderExtent",
    "LayoutAssign",
    "LayoutJoins",
    "LayoutLineEnds",
    "LayoutOrder",
    "LayoutRoles",
    "header_extents",
    "reading_order",
]

SHRINK = 0.05  # share of a box's width ignored on each side in overlap tests (ragged OCR gutters)
MAX_SHRINK = 60.0  # … but never more than this many units
MAX_BLOCKS = 400  # above this many blocks on a page (~4 s) the cubic rule-2 test gives way to a column sort
WIDE_GAP = 4  # gap_before for a jump (new column, upwards, or a large vertical skip): > assign's WIDE_GAP
NORMAL_GAP = 2
SKIP_LINES = 2.5  # a vertical skip of this many body line heights is a jump
LARGE_TYPE = 1.3  # line height ratio to the page's running text that marks display type
HUGE_TYPE = 4.0  # … and above which the "line" is an ornament, a picture or OCR noise, not type
CENTRE_TOLERANCE = 0.12  # |left margin − right margin| as a share of the column width
NARROW = 0.85  # a centred heading is at most this share of its column's width
MAX_HEADLINE_LINES = 3
RUNNING_TEXT_LINES = 3  # a block of this many lines or more is running text: its width is its column's
STACK_GAP = 3.0  # body lines: header blocks further apart than this are not one stack
COLUMN_LIKE = (0.9, 1.15)  # width range, in body column widths, of a block that is running text
MULTI_COLUMN = 1.5  # column widths: a dogleg is about articles over several columns
ROW_ALIGN = 0.5  # body lines: tops of one row's blocks differ by no more than this
ROW_GAP = 3.0  # body lines: the widest gutter between side-by-side blocks of one article's first row
INDENT_SPAN = 2.5  # body lines: a paragraph's first line starts at most this far right of its column's edge
DECK_RATIO = 1.15  # line height ratio above which the upper of two stacked headlines is the headline, the lower its deck
DECK_MAX = 1.6  # body type sizes: a header line set no larger is a deck (or kicker), not a headline
JOIN_WINDOW = 2  # a cut paragraph continues within this many body blocks in layout order
NOISE_LINES = 2  # OCR noise (a speck, a rule, a torn edge) is read as a line or two, never as a paragraph
SPECK_CHARS = 4  # marks of OCR specks inside a column (see _speck) ...
SPECK_SIZE = 0.5  # ... none a square glyph at this share of the running text's size
_SPECK_ROLES = (Role.HEADING, Role.PARAGRAPH, Role.UNKNOWN, Role.HEADLINE, Role.KICKER, Role.SUBHEADLINE)
NOISE_CHARS = 4  # … with fewer letters and digits than this: a stray mark, not a word
SMALL_TYPE = 0.9  # glyph size ratio to the running text below which a block is in small type (a caption)
BODY_TYPE = 1.1  # … and up to which a block is in the running text's type
CAPTION_LINES = 3  # a caption in small type is a short block: at most this many lines ...
CAPTION_CHARS = 200  # ... and characters
# ... and no shorter than this: a shorter sentence is more likely the last line of a paragraph
# cut off at a block's end ("人次。"), and a few glyphs measure the type poorly (an OCR box ends
# at the ink of the last mark: 人次。 measured 0.77 of the running text in Tesseract output).
# Captions without a credit in the People's Daily data are 12 characters or longer.
CAPTION_MIN_CHARS = 6
VERTICAL_MIN_LINES = 2  # a title set vertically: at least this many one-character lines stacked ...
VERTICAL_ASPECT = 1.5  # ... in a box at least this many times taller than wide
BAND_SPAN = 1.5  # column widths: a block this much wider than the first column beside a vertical title is no column of its text
VERTICAL_TYPE = 1.3  # ... whose width (its type size) is this many times the running text's: display type
VERTICAL_REACH = 6.0  # body lines below a vertical title's top within which the text beside it starts
INDENT_EMS = 2  # characters a paragraph's first line is set in by, where paragraphs open indented
SHORT_LINE = 0.75  # a last line shorter than this share of the block's median line (or of a column) ends a paragraph


def _shrunk(box: BBox) -> tuple[float, float]:
    margin = min(SHRINK * (box.x1 - box.x0), MAX_SHRINK)
    return box.x0 + margin, box.x1 - margin


def _x_overlap(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return min(a[1], b[1]) - max(a[0], b[0]) > 0


@dataclass(frozen=True, slots=True)
class HeaderExtent:
    """The horizontal extent of the article a header block heads, and whether running text starts under it."""

    x0: float
    x1: float
    heads_text: bool


def header_extents(
    boxes: Sequence[BBox],
    lines: Sequence[int],
    unit: float,
    column: float | None = None,
    sizes: Sequence[float | None] | None = None,
    titles: Collection[int] = (),
) -> dict[int, HeaderExtent]:
    """Header blocks → the horizontal extent of the article they head.

    A headline is often narrower than its article (centred over three columns,
    it covers only the middle one), so on its own it would not separate the
    column parts above it from those below it.  Starting from each block in
    display type, the *header stack* is the short blocks chained above it
    (a kicker: centred on the headline or flush with it) and below it
    (subheadline, byline: at most :data:`MAX_HEADLINE_LINES`
    lines, within :data:`STACK_GAP` body lines of each other, centred on the
    stack so far or flush with it, not several lines exactly a column wide, and alone on their line — a
    short block with a neighbour starting beside it, across a gutter, is the
    top of a column).  The extent then grows to the row of blocks that starts
    right under the stack (within :data:`STACK_GAP` + 1 body lines), its
    tops aligned (:data:`ROW_ALIGN`), side by side with gutters no wider than
    :data:`ROW_GAP` body lines (measured from a column's edge, not from a first
    line indented by up to :data:`INDENT_SPAN`), up to a column that stands right under a
    header line of another stack: the columns the article's text begins in.  Every block of the stack gets that extent.

    ``sizes`` (a type size per block where it can be measured: :func:`glyph_size`) tells
    a kicker from the foot of a column when both fill a column's width: a line height
    cannot, since leading adds to the running text's and not to a one-line kicker's.
    ``titles`` are blocks whose words make them header lines (a byline 本报记者 …, a
    kicker ending ——): set in body type and as wide as a column, they are still no
    column's first or last line.
    """
    page = _HeaderStacks(boxes, lines, unit, column, sizes, titles)
    out: dict[int, HeaderExtent] = {}
    for h in range(len(boxes)):
        if h in out or not page.display_line(h):
            continue
        stack, (x0, x1, top, bottom) = page.stack(h)
        x0, x1, heads_text = page.first_row(h, stack, x0, x1, bottom)
        for k in stack:
            out[k] = HeaderExtent(x0, x1, heads_text)
    return out


class _HeaderStacks:
    """A page's blocks as :func:`header_extents` reads them: boxes, line counts, the body's type and columns."""

    def __init__(
        self,
        boxes: Sequence[BBox],
        lines: Sequence[int],
        unit: float,
        column: float | None,
        sizes: Sequence[float | None] | None,
        titles: Collection[int],
    ) -> None:
        self.boxes, self.lines, self.unit, self.column, self.sizes, self.titles = boxes, lines, unit, column, sizes, titles
        self.n = len(boxes)
        self.columns = [b for b, k in zip(boxes, lines) if k >= RUNNING_TEXT_LINES]  # running text, whose lines fill its column
        measured = [z for z, k in zip(sizes or (), lines) if z and k >= RUNNING_TEXT_LINES]
        self.body_size = _median(measured) if measured else None

    def display_line(self, k: int) -> bool:
        """A short block in display type (larger than the running text's, not a poster's): a headline that may start a stack."""
        height = (self.boxes[k].y1 - self.boxes[k].y0) / max(1, self.lines[k])
        return self.lines[k] <= MAX_HEADLINE_LINES and LARGE_TYPE * self.unit <= height <= HUGE_TYPE * self.unit

    def body_type(self, k: int) -> bool:
        """Set in the running text's type: measured where a size is known, else by line height."""
        size = self.sizes[k] if self.sizes else None
        if size and self.body_size:
            return size <= BODY_TYPE * self.body_size
        return (self.boxes[k].y1 - self.boxes[k].y0) / max(1, self.lines[k]) < LARGE_TYPE * self.unit

    def overlaps(self, k: int, x0: float, x1: float) -> bool:
        """Whether block ``k`` overlaps the horizontal extent x0..x1."""
        return min(self.boxes[k].x1, x1) - max(self.boxes[k].x0, x0) > 0

    def aligned(self, b: BBox, head: BBox) -> bool:
        """A kicker is centred on its headline or flush with it; the last line of a column above is not."""
        centre = abs((b.x0 + b.x1) / 2 - (head.x0 + head.x1) / 2) <= CENTRE_TOLERANCE * (head.x1 - head.x0)
        return centre or abs(b.x0 - head.x0) <= ROW_ALIGN * self.unit

    def headed_elsewhere(self, k: int, stack: set[int]) -> bool:
        """A block right above ``k`` that is not in this stack: ``k`` is no column top of this article.

        A short block there is another article's header line; running text there is a column
        that began higher up (indented paragraphs come as a box each, so a paragraph of another
        article's column may start on this article's first line).
        """
        b, boxes = self.boxes[k], self.boxes
        return any(
            j not in stack
            and self.overlaps(j, b.x0, b.x1)
            and 0 <= b.y0 - boxes[j].y1 <= (STACK_GAP + 1) * self.unit
            for j in range(self.n)
        )

    def reach(self, b: BBox) -> float:
        """Where the block's column ends: a short line does not reach its column's right edge."""
        return max(b.x1, b.x0 + self.column) if self.column else b.x1

    def column_start(self, x: float) -> float:
        """Where the column of a block starting at ``x`` begins: an indented first line starts right of it."""
        starts = [c.x0 for c in self.columns if 0 <= x - c.x0 <= INDENT_SPAN * self.unit]
        return min(starts) if starts else x

    def stack(self, h: int) -> tuple[set[int], tuple[float, float, float, float]]:
        """The header stack grown from the display line ``h``, and its bounds (x0, x1, top, bottom)."""
        boxes, lines, unit, column, n = self.boxes, self.lines, self.unit, self.column, self.n
        stack = {h}
        x0, x1, top, bottom = boxes[h].x0, boxes[h].x1, boxes[h].y0, boxes[h].y1
        grew = True
        while grew:
            grew = False
            for k in range(n):
                if k in stack or lines[k] > MAX_HEADLINE_LINES or not self.overlaps(k, x0, x1):
                    continue
                b = boxes[k]
                column_wide = column and COLUMN_LIKE[0] * column <= b.x1 - b.x0 <= COLUMN_LIKE[1] * column
                if k not in self.titles and lines[k] >= 2 and column_wide:
                    continue  # lines exactly a column wide: a short paragraph, not a byline or a deck
                if k not in self.titles and _justified(b, self.columns, ROW_ALIGN * unit) and self.body_type(k):
                    continue  # body type from edge to edge of a column: the foot of that column's text
                # From below as from above, a header line is centred on the stack or flush with it.
                below = (
                    bottom - unit <= b.y0 <= bottom + STACK_GAP * unit
                    and b.y1 > bottom
                    and self.aligned(b, BBox(x0=x0, y0=top, x1=x1, y1=bottom))
                )
                above = top - STACK_GAP * unit <= b.y1 <= top + unit and b.y0 < top and self.aligned(b, boxes[h])
                if below and any(
                    j != k
                    and j not in stack
                    and abs(boxes[j].y0 - b.y0) <= ROW_ALIGN * unit
                    and 0 < max(boxes[j].x0 - self.reach(b), b.x0 - self.reach(boxes[j])) <= ROW_GAP * unit
                    for j in range(n)
                ):
                    continue  # a block with neighbours starting on its line opens a row of columns: body text
                if below and any(
                    j != k and j not in stack and self.overlaps(j, b.x0, b.x1) and bottom - unit <= boxes[j].y0 and boxes[j].y1 <= b.y0
                    for j in range(n)
                ):
                    continue  # another block stands between the stack and this one: the stack ended above it
                if below or above:
                    stack.add(k)
                    x0, x1 = min(x0, b.x0), max(x1, b.x1)
                    top, bottom = min(top, b.y0), max(bottom, b.y1)
                    grew = True
        return stack, (x0, x1, top, bottom)

    def first_row(self, h: int, stack: set[int], x0: float, x1: float, bottom: float) -> tuple[float, float, bool]:
        """The stack's extent grown to the row of columns right under it, and whether running text starts there."""
        boxes, lines, unit, n = self.boxes, self.lines, self.unit, self.n
        row = sorted(
            (k for k in range(n) if k not in stack and bottom - unit <= boxes[k].y0 <= bottom + (STACK_GAP + 1) * unit),
            key=lambda k: boxes[k].x0,
        )
        members = [k for k in row if self.overlaps(k, x0, x1)]
        # Headlines beside this one on its line (typeset pages align them): a column whose centre is
        # nearer to one of theirs than to this one's is that headline's, though nothing stands right
        # above it (headlines are centred over their articles; their edges say little).
        rivals = [
            j
            for j in range(n)
            if j not in stack and boxes[j].y0 < boxes[h].y1 and boxes[j].y1 > boxes[h].y0 and self.display_line(j)
        ]

        def nearer_rival(k: int) -> bool:
            centre = (boxes[k].x0 + boxes[k].x1) / 2
            mine = abs(centre - (boxes[h].x0 + boxes[h].x1) / 2)
            return any(abs(centre - (boxes[j].x0 + boxes[j].x1) / 2) < mine for j in rivals)

        if members:
            # Side-by-side neighbours across gutters: the article's first row of text.  Its columns
            # start on one line (typeset pages align them); a block starting lower or higher is the
            # text of another article whose header has another height.
            first_line = min(boxes[k].y0 for k in members)
            row = [k for k in row if abs(boxes[k].y0 - first_line) <= ROW_ALIGN * unit]
            members = [k for k in members if k in row]
        heads_text = any(lines[k] >= RUNNING_TEXT_LINES for k in members)  # a row of running text, not a row of notices
        if members:
            # A short line (a heading, the end of a paragraph) does not reach its column's right edge:
            # the row's widest block measures a column.
            width = max(boxes[k].x1 - boxes[k].x0 for k in members)
            lo = self.column_start(min(boxes[k].x0 for k in members))
            hi = max(boxes[k].x1 for k in members)
            for k in reversed(row):
                if boxes[k].x0 >= lo:
                    continue
                if (
                    lo - max(boxes[k].x1, boxes[k].x0 + width) > ROW_GAP * unit
                    or self.headed_elsewhere(k, stack)
                    or nearer_rival(k)
                ):
                    break  # a wide gap, or columns under another article's header: the article ends here
                lo = boxes[k].x0
            edge = max(boxes[k].x0 + width for k in members)  # where the rightmost member's column ends
            for k in row:
                if boxes[k].x0 < hi:
                    continue
                if boxes[k].x0 - edge > ROW_GAP * unit or self.headed_elsewhere(k, stack) or nearer_rival(k):
                    break
                hi = boxes[k].x1
                edge = max(hi, boxes[k].x0 + width)
            x0, x1 = min(x0, lo), max(x1, hi)
            # Paragraphs set with an indent and no blank line come as a box each, so the blocks right
            # under a centred headline may be one or two lines long: running text anywhere in the row counts.
            heads_text = heads_text or any(lines[k] >= RUNNING_TEXT_LINES for k in row if lo <= boxes[k].x0 <= hi)
        return x0, x1, heads_text


def noise_blocks(boxes: Sequence[BBox], lines: Sequence[int], texts: Sequence[str]) -> set[int]:
    """Indices of blocks that are OCR noise in the page's margins or gutters, not text.

    Scanned pages carry specks, rules, torn edges and show-through from the
    facing page, which OCR reads as a "block" of a character or two ("i",
    "11 1", ". I").  Such a block is at most :data:`NOISE_LINES` lines, has
    fewer than :data:`NOISE_CHARS` letters and digits, and overlaps no column
    of running text (a block of three lines or more that does not lie across
    two side-by-side others; boxes shrunk as everywhere): it stands in a
    margin, left or right of all of them, or in a
    gutter between them, where it must also be taller per line than any type
    (:data:`HUGE_TYPE`: a rule, not a short name centred over two columns).
    A short block inside a column (a drop initial, a table cell) is text.
    """
    if len(boxes) > MAX_BLOCKS:
        return set()  # the tests below are quadratic; on pages this crowded noise stays in the column sort
    text = [k for k in range(len(boxes)) if lines[k] >= RUNNING_TEXT_LINES]
    spans = {k: _shrunk(boxes[k]) for k in text}

    def across(k: int) -> bool:
        """``k`` lies across two side-by-side blocks of text (a masthead, an ornament, a spread): no column."""
        under = [spans[i] for i in text if i != k and _x_overlap(spans[k], spans[i])]
        return len(under) >= 2 and min(x1 for _, x1 in under) <= max(x0 for x0, _ in under)

    body = [k for k in text if not across(k)]
    if not body:
        return set()
    columns = [spans[k] for k in body]
    unit = _median((boxes[k].y1 - boxes[k].y0) / lines[k] for k in body)
    left, right = min(c[0] for c in columns), max(c[1] for c in columns)
    noise = set()
    for k, b in enumerate(boxes):
        if lines[k] > NOISE_LINES or sum(c.isalnum() for c in texts[k]) >= NOISE_CHARS:
            continue
        x = _shrunk(b)
        if any(_x_overlap(x, c) for c in columns):
            continue
        margin = x[1] <= left or x[0] >= right
        if margin or (b.y1 - b.y0) / max(1, lines[k]) > HUGE_TYPE * unit:
            noise.add(k)
    return noise


def reading_order(
    boxes: Sequence[BBox],
    lines: Sequence[int] | None = None,
    noise: Collection[int] = (),
    sizes: Sequence[float | None] | None = None,
    titles: Collection[int] = (),
) -> list[int]:
    """Indices of ``boxes`` in reading order (Breuel 2003; see the module docstring).

    With ``lines`` (each block's line count) headlines in display type count
    as wide as the article they head (:func:`header_extents`).  Blocks in
    ``noise`` (OCR noise, :func:`noise_blocks`) are read last, top to bottom,
    so that they neither interrupt a column's flow nor widen or block
    anything in the rules.  ``sizes`` (each block's type size where measured) and ``titles``
    (blocks whose words make them header lines) go on to :func:`header_extents`.
    """
    if not noise:
        return _breuel_order(boxes, lines, sizes, titles)
    keep = [k for k in range(len(boxes)) if k not in noise]
    title_set = set(titles)
    order = _breuel_order(
        [boxes[k] for k in keep],
        [lines[k] for k in keep] if lines is not None else None,
        [sizes[k] for k in keep] if sizes is not None else None,
        [i for i, k in enumerate(keep) if k in title_set],
    )
    tail = sorted(set(noise), key=lambda k: (boxes[k].y0, boxes[k].x0, boxes[k].y1, boxes[k].x1, k))
    return [keep[i] for i in order] + tail


def _breuel_order(
    boxes: Sequence[BBox],
    lines: Sequence[int] | None,
    sizes: Sequence[float | None] | None = None,
    titles: Collection[int] = (),
) -> list[int]:
    """:func:`reading_order` of blocks that are all text."""
    n = len(boxes)
    if n <= 1:
        return list(range(n))
    if n > MAX_BLOCKS:
        # Rule 2 costs O(n³): on pages this crowded, read column by column (columns a median block wide).
        width = _median(b.x1 - b.x0 for b in boxes) or 1.0
        return sorted(range(n), key=lambda i: (round(boxes[i].x0 / width), boxes[i].y0, boxes[i].x0))
    xs = [_shrunk(b) for b in boxes]
    headers: list[int] = []
    header_lines: set[int] = set()  # every line of a header stack over running text (kicker, headline, deck, byline)
    tolerance = column = 0.0
    if lines is not None:
        heights = [(b.y1 - b.y0) / max(1, k) for b, k in zip(boxes, lines) if k >= RUNNING_TEXT_LINES]
        unit = _median(heights) if heights else None
        if unit:
            column = _median(b.x1 - b.x0 for b, k in zip(boxes, lines) if k >= RUNNING_TEXT_LINES)
            for h, extent in header_extents(boxes, lines, unit, column, sizes, set(titles)).items():
                xs[h] = _shrunk(BBox(x0=extent.x0, y0=boxes[h].y0, x1=extent.x1, y1=boxes[h].y1))
                if extent.heads_text:
                    header_lines.add(h)
                large = LARGE_TYPE * unit <= (boxes[h].y1 - boxes[h].y0) / max(1, lines[h]) <= HUGE_TYPE * unit
                if large and extent.heads_text:
                    headers.append(h)  # headlines over running text, for the dogleg rule
            tolerance = unit
    yc = [(b.y0 + b.y1) / 2 for b in boxes]
    after: list[set[int]] = [set() for _ in range(n)]
    upward: list[tuple[int, int]] = []  # rule-2 pairs whose left block lies wholly below the right one
    overlap = [[_x_overlap(xs[i], xs[j]) for j in range(n)] for i in range(n)]
    for i in range(n):
        for j in range(i + 1, n):
            if overlap[i][j]:
                # Rule 1: the upper one first (by top edge, then centre); but short blocks side by side
                # on one line over one column, overlapping only through a header's widened extent (the
                # header cells of a table over its rows), read left to right whichever starts a hair higher.
                side = lines is not None and tolerance and _side_by_side(boxes[i], boxes[j], lines[i], lines[j], tolerance)
                if side and any(
                    k != i and k != j and _over_one_column(boxes[i], boxes[j], boxes[k], tolerance) for k in range(n)
                ):
                    first, second = (i, j) if boxes[i].x0 <= boxes[j].x0 else (j, i)
                else:
                    first, second = (i, j) if (boxes[i].y0, yc[i]) <= (boxes[j].y0, yc[j]) else (j, i)
                after[first].add(second)
            else:
                left, right = (i, j) if xs[i][1] <= xs[j][0] else (j, i)
                low, high = sorted((yc[i], yc[j]))
                blocked = any(
                    low < yc[k] < high and overlap[k][i] and overlap[k][j] for k in range(n) if k != i and k != j
                )
                if blocked:
                    continue
                if headers and _dogleg(left, right, headers, header_lines, boxes, xs, tolerance, column):
                    after[right].add(left)  # the right column's top finishes the article above first
                else:
                    after[left].add(right)  # Rule 2: left column first
                    if boxes[left].y0 > boxes[right].y1:
                        upward.append((left, right))
    if headers and upward:
        _cut_cycles_under_headlines(after, upward, headers, boxes, xs, tolerance)
    # Upper-left first among blocks the rules leave unordered; a cycle among noisy boxes
    # releases the topmost, leftmost remaining block.
    return topological_order(after, lambda i: (boxes[i].y0, boxes[i].x0, i))


def _cut_cycles_under_headlines(
    after: list[set[int]],
    upward: list[tuple[int, int]],
    headers: Sequence[int],
    boxes: Sequence[BBox],
    xs: Sequence[tuple[float, float]],
    tolerance: float,
) -> None:
    """Drop the rule-2 pairs that close a cycle from under a headline lower down (updates ``after``).

    Rule 2 reads a column to its foot before the next column's top.  But a
    block low on the left may stand under its own headline, which starts below
    the foot of the right block and does not reach it: an article that begins
    where the right block's text has already ended.  When rule 1 orders the
    right column's text before that headline (through the headlines in
    between), the pair closes a cycle, which the topological order would
    resolve by reading two columns interleaved.  Such pairs are dropped.
    """
    component = strongly_connected(after)
    for left, right in upward:
        if component[left] != component[right]:
            continue
        a, b = boxes[left], boxes[right]
        if any(
            boxes[h].y0 >= b.y1 - tolerance
            and boxes[h].y1 <= a.y0 + tolerance
            and _x_overlap(xs[h], xs[left])
            and not _x_overlap(xs[h], xs[right])
            for h in headers
            if h != left
        ):
            after[left].discard(right)


def _justified(box: BBox, columns: Sequence[BBox], tolerance: float) -> bool:
    """The block runs from the left edge to the right edge of some block of running text (``columns``)."""
    return any(abs(box.x0 - c.x0) <= tolerance and abs(box.x1 - c.x1) <= tolerance for c in columns)


def _side_by_side(a: BBox, b: BBox, lines_a: int, lines_b: int, unit: float) -> bool:
    """Two short blocks on one line, one in display type: apart horizontally, sharing half the shorter one's height."""
    if lines_a > MAX_HEADLINE_LINES or lines_b > MAX_HEADLINE_LINES or _x_overlap(_shrunk(a), _shrunk(b)):
        return False
    if not any(LARGE_TYPE * unit <= (x.y1 - x.y0) / max(1, k) <= HUGE_TYPE * unit for x, k in ((a, lines_a), (b, lines_b))):
        return False  # two lines in body type side by side are the ends of two columns, not a header's cells
    shared = min(a.y1, b.y1) - max(a.y0, b.y0)
    return shared >= 0.5 * min(a.y1 - a.y0, b.y1 - b.y0)


def _over_one_column(a: BBox, b: BBox, below: BBox, unit: float) -> bool:
    """``below`` starts right under ``a`` and ``b`` (within :data:`STACK_GAP` body lines) and lies under both."""
    column = _shrunk(below)
    return (
        min(a.y0, b.y0) < below.y0 <= max(a.y1, b.y1) + STACK_GAP * unit
        and _x_overlap(_shrunk(a), column)
        and _x_overlap(_shrunk(b), column)
    )


def _dogleg(
    left: int,
    right: int,
    headers: Sequence[int],
    header_lines: Collection[int],
    boxes: Sequence[BBox],
    xs: Sequence[tuple[float, float]],
    tolerance: float,
    column: float,
) -> bool:
    """True when ``right`` must precede ``left`` although it stands to its right: an L-shaped article.

    An article spanning three columns may end higher in its third column,
    where a second article starts under the first two columns (a *dogleg*).
    Rule 2 alone would read the second article's text in column 1 before the
    first article's text in column 3.  So: when ``left`` is or lies under a
    header *c* that does not reach ``right``, ``right`` lies wholly above *c*, and a
    header *d* above both spans both (they share the article *d* heads,
    unless another header stands between *d* and ``right``: a banner over
    several headed articles heads none of them), ``right`` comes first.  Both headers must head several columns
    (:data:`MULTI_COLUMN`): a one-column heading makes no dogleg, and on
    noisy OCR pages many blocks look like one.
    """
    if right in header_lines:
        return False  # a header's line (a kicker set a hair higher than the headline beside it) opens its own article
    a, b = boxes[left], boxes[right]
    wide = [h for h in headers if xs[h][1] - xs[h][0] >= MULTI_COLUMN * column]
    for c in wide:
        hc = boxes[c]
        # ``left`` is the header itself, a line stacked on it (its kicker: the header's extent and right
        # above it), or a block under it.
        stacked = xs[left] == xs[c] and 0 <= hc.y0 - a.y1 <= STACK_GAP * tolerance + tolerance
        under = c == left or stacked or (_x_overlap(xs[c], xs[left]) and a.y0 >= hc.y1 - tolerance)
        if not (under and b.y1 <= hc.y0 + tolerance):
            continue
        if _x_overlap(xs[c], xs[right]):
            continue
        for d in wide:
            hd = boxes[d]
            if d == c:
                continue
            if (
                hd.y1 <= min(b.y0, hc.y0) + tolerance
                and _x_overlap(xs[d], xs[left])
                and _x_overlap(xs[d], xs[right])
                and not any(_heads_between(e, d, right, boxes, xs, tolerance) for e in headers)
            ):
                return True
    return False


def _heads_between(
    e: int, d: int, right: int, boxes: Sequence[BBox], xs: Sequence[tuple[float, float]], tolerance: float
) -> bool:
    """Header ``e`` stands between header ``d`` and block ``right``, over it: ``right`` is ``e``'s article, not ``d``'s.

    A line in display type over several articles (a page's banner, a motto)
    heads none of them when each has its own headline under it.
    """
    if e in (d, right):
        return False
    he = boxes[e]
    return he.y0 >= boxes[d].y1 - tolerance and he.y1 <= boxes[right].y0 + tolerance and _x_overlap(xs[e], xs[right])


def _stacked(upper: BBox, lower: BBox, unit: float) -> bool:
    """``lower`` stands right under ``upper`` (within :data:`STACK_GAP` body lines), centred on it or flush with it."""
    if not -unit <= lower.y0 - upper.y1 <= STACK_GAP * unit or not _x_overlap((upper.x0, upper.x1), (lower.x0, lower.x1)):
        return False
    width = max(upper.x1 - upper.x0, lower.x1 - lower.x0)
    centred = abs((upper.x0 + upper.x1) / 2 - (lower.x0 + lower.x1) / 2) <= CENTRE_TOLERANCE * width
    return centred or abs(upper.x0 - lower.x0) <= ROW_ALIGN * unit


def _line_ems(fragment: Fragment) -> list[float] | None:
    """The widths of a boxed paragraph's lines in square glyphs (:func:`_em_width`); None for other blocks or scripts."""
    if fragment.bbox is None or fragment.role is not Role.PARAGRAPH or _square_share("".join(fragment.lines)) < 0.5:
        return None
    return [_em_width(line.strip()) for line in fragment.lines]


def _unquoted(text: str) -> str:
    """The text without its quotation marks.

    OCR drops or misreads quotation marks (吴桥：“杂技+”走出 read as 吴桥:杂技+”走出), and
    a title's quotes that do not pair make it read as a cut sentence; in display type
    the size vouches for the title, so its quotes are not held against it.
    """
    return "".join(ch for ch in text if ch not in "\"'" and unicodedata.category(ch) not in ("Pi", "Pf"))


def _display_type(fragment: Fragment, unit: float | None) -> bool:
    """The block is set in display type: :data:`LARGE_TYPE` to :data:`HUGE_TYPE` times the running text."""
    height = line_height(fragment)
    return bool(unit and height and LARGE_TYPE * unit <= height <= HUGE_TYPE * unit)


def _alone_on_line(fragment: Fragment, below: Fragment, page: Sequence[Fragment]) -> bool:
    """No other block stands beside ``fragment`` on its line within the column of ``below`` (a table row has cells)."""
    box, col = fragment.bbox, below.bbox
    assert box is not None and col is not None
    span = _shrunk(BBox(x0=min(box.x0, col.x0), y0=box.y0, x1=max(box.x1, col.x1), y1=box.y1))  # the column's width
    for other in page:
        b = other.bbox
        if other is fragment or b is None or min(b.y1, box.y1) - max(b.y0, box.y0) <= 0:
            continue
        if _x_overlap(_shrunk(b), span) and not _x_overlap(_shrunk(b), _shrunk(box)):
            return False
    return True


def _median(values: Iterable[float]) -> float:
    """The median, as :func:`statistics.median` computes it (that module costs ~8 ms to import on every page)."""
    ordered = sorted(values)
    if not ordered:
        raise ValueError("median of no values")
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def line_height(fragment: Fragment) -> float | None:
    """The block's height per line: the font size proxy every layout format gives."""
    if fragment.bbox is None or not fragment.lines:
        return None
    return (fragment.bbox.y1 - fragment.bbox.y0) / len(fragment.lines)


def character_cells(page: Sequence[Fragment]) -> bool:
    """The boxes are character cells (text an extractor laid out in columns), which measure no type.

    Such a reader makes every line one unit high, so each one-line block is exactly
    1.0 high; no block is then set larger or smaller than another, and the rules
    that weigh type sizes stand aside.  Boxes measured on print (points, pixels) never all are.
    """
    heights = [f.bbox.y1 - f.bbox.y0 for f in page if f.bbox is not None and len(f.lines) == 1]
    return len(heights) >= 3 and all(h == 1.0 for h in heights)


def glyph_size(fragment: Fragment) -> float | None:
    """The type size of a block set in square CJK glyphs: its width over the characters of its longest line.

    Each CJK character advances by the type size; digits and Latin letters by
    about half of it.  None for a block without a box or mostly in other scripts.
    """
    if fragment.bbox is None or not fragment.lines:
        return None
    line = max(fragment.lines, key=len).strip()
    if not line or _square_share(line) < 0.5:
        return None
    return (fragment.bbox.x1 - fragment.bbox.x0) / _em_width(line)


def is_vertical(fragment: Fragment) -> bool:
    """A block set vertically: one square glyph per line (春 / 耕 / 正 / 当 / 时), in a tall narrow box."""
    box = fragment.bbox
    if box is None or len(fragment.lines) < VERTICAL_MIN_LINES:
        return False
    if any(len(line.strip()) != 1 for line in fragment.lines):
        return False
    if _square_share("".join(line.strip() for line in fragment.lines)) < 0.75:
        return False
    return box.y1 - box.y0 >= VERTICAL_ASPECT * (box.x1 - box.x0)


def vertical_glyph(box: BBox, lines: int) -> float:
    """The type size of a block set vertically: the side of the square each glyph takes.

    Not its width: a two-part title is set in two columns (read as one block), as
    wide as two glyphs and a gap, as tall as its longer part.
    """
    width, height = max(box.x1 - box.x0, 0.0), max(box.y1 - box.y0, 0.0)
    return math.sqrt(width * height / lines) if lines else width


def vertical_titles(page: Sequence[Fragment], body: float | None = None) -> list[int]:
    """Indices of the blocks in ``page`` set vertically in display type: titles down the side of an article.

    ``body``: the running text's type size when the caller has measured it (:func:`_running_glyph_size`).
    """
    body = body if body is not None else _running_glyph_size(page)
    if body is None:
        return []
    return [
        k
        for k, f in enumerate(page)
        if is_vertical(f) and f.bbox is not None and vertical_glyph(f.bbox, len(f.lines)) >= VERTICAL_TYPE * body
    ]


def beside_band(
    k: int, boxes: Sequence[BBox], lines: Sequence[int], unit: float, others: Collection[int] = ()
) -> BBox | None:
    """Where the vertical title ``boxes[k]`` would stand if set across the top of the text it heads, for reading order.

    The text beside it starts near its top (within :data:`VERTICAL_REACH` body lines)
    in columns side by side, on its left (the common case) or else on its right.  The
    blocks there are grouped into columns (by their left edges) and taken column by
    column away from the title while the gutters stay narrow, every column starts on the
    line the first one did, and none continues text begun higher up (a block right above
    its top that starts outside the reach): another article's columns beyond start
    elsewhere, and so does another vertical title (``others``).  A lone line between
    columns (a byline centred over them) is taken as it comes.  The band spans what was taken, one line of the title's type just over its
    top, so the order reads the title before it, as a headline over it.  None when no
    text stands beside the title.
    """
    title = boxes[k]
    for side in (-1, 1):
        near = [
            j
            for j, b in enumerate(boxes)
            if j != k
            and title.y0 - 2 * unit <= b.y0 <= title.y0 + VERTICAL_REACH * unit
            and (b.x1 <= title.x0 + unit if side < 0 else b.x0 >= title.x1 - unit)
        ]
        columns: list[list[int]] = []
        for j in sorted(near, key=lambda j: (-boxes[j].x0 if side < 0 else boxes[j].x0, boxes[j].y0)):
            if columns and abs(boxes[columns[-1][0]].x0 - boxes[j].x0) <= unit:
                columns[-1].append(j)
            else:
                columns.append([j])
        edge = title.x0 if side < 0 else title.x1
        taken: list[int] = []
        row_tops: list[float] = []  # where the first column of text starts (its first two blocks)
        column_width: float | None = None  # the first column's
        for column in columns:
            if any(j in others for j in column):
                break  # another title set vertically heads what lies beyond
            x0, x1 = min(boxes[j].x0 for j in column), max(boxes[j].x1 for j in column)
            lone_line = len(column) == 1 and lines[column[0]] < 2
            if (edge - x1 if side < 0 else x0 - edge) > ROW_GAP * unit:
                if lone_line:
                    continue  # a byline centred over the columns: the next column decides
                break  # a wide gutter
            if not lone_line:
                if column_width is None:
                    column_width = x1 - x0
                elif x1 - x0 > BAND_SPAN * column_width:
                    break  # a block across several columns: another article's header over its own text
                # Where the column starts: its first block, or the next (under a header line of its own, or
                # after the one-line end of a paragraph begun in the column before).
                starts = sorted(boxes[j].y0 for j in column)[:2]
                first = boxes[min(column, key=lambda j: boxes[j].y0)]
                if not row_tops:
                    row_tops = starts
                elif not any(abs(y - r) <= ROW_ALIGN * unit for y in starts for r in row_tops):
                    break  # a column starting on another line: another article's
                if any(
                    i != k and i not in near and min(first.x1, a.x1) - max(first.x0, a.x0) > 0 and 0 <= first.y0 - a.y1 <= 2 * unit
                    for i, a in enumerate(boxes)
                ):
                    break  # it continues a column begun higher up
            edge = min(edge, x0) if side < 0 else max(edge, x1)
            taken.extend(column)
        if taken:  # over the text only, so that a byline centred over it stays centred under the band
            top = min(title.y0, *(boxes[j].y0 for j in taken))
            size = vertical_glyph(title, lines[k])  # one line in the title's type, as a headline set across would be
            x0, x1 = min(boxes[j].x0 for j in taken), max(boxes[j].x1 for j in taken)
            return BBox(x0=x0, y0=top - 1.0 - size, x1=x1, y1=top - 1.0)
    return None


def under_vertical_title(k: int, page: Sequence[Fragment]) -> int | None:
    """The block set vertically right under the vertical title ``page[k]`` in its strip (an author's name), if any."""
    title = page[k].bbox
    if title is None:
        return None
    width = title.x1 - title.x0
    glyph = vertical_glyph(title, len(page[k].lines))
    for j, f in enumerate(page):
        box = f.bbox
        if j == k or box is None or not is_vertical(f):
            continue
        overlap = min(box.x1, title.x1) - max(box.x0, title.x0)
        if overlap >= 0.5 * min(width, box.x1 - box.x0) and 0 <= box.y0 - title.y1 <= 2 * glyph:
            return j
    return None


def _speck(fragment: Fragment, running: float | None, profile: Profile) -> bool:
    """OCR specks on a page set in square glyphs: a one-line block of at most :data:`SPECK_CHARS` marks,
    either Latin letters or digits without an ideograph (、VL7 between a headline and its byline, /367)
    or ideographs under half the running text's size (吕 at 8 px beside 25).

    OCR reads a picture's edge or a rule's end as a few characters; inside a header they break it in two.
    Marks alone are text (…………, the end of a quotation), and so is a short line with an ideograph of the
    page's size or set among other marks (——编 者).
    """
    if running is None or len(fragment.lines) != 1:
        return False
    text = "".join(fragment.lines[0].split())
    if not text or len(text) > SPECK_CHARS or profile.parse_credit(text) is not None:
        return False
    if not any(is_han(ch) for ch in text):
        return any(ch.isascii() and ch.isalnum() for ch in text)
    size = glyph_size(fragment)
    return size is not None and size < SPECK_SIZE * running


def _running_glyph_size(page: Sequence[Fragment]) -> float | None:
    """The median :func:`glyph_size` of the page's running text (None on pages not set in square glyphs)."""
    sizes = [glyph_size(f) for f in page if len(f.lines) >= RUNNING_TEXT_LINES and not is_vertical(f)]
    known = [size for size in sizes if size is not None]
    return _median(known) if known else None


def _square_share(text: str) -> float:
    """The share of ``text``'s characters that are square (CJK) glyphs."""
    return sum(1 for ch in text if ch >= "\u2e80") / len(text) if text else 0.0


def _em_width(text: str) -> float:
    """The width of ``text`` in type sizes: a CJK glyph is one, a digit, Latin letter or space about half.

    In Chinese text the quotes, dashes and ellipsis are one too (``display_width``): a Chinese
    font sets them full width, and a justified line holding some (“煤炭使用由‘燃料型’转向‘原料)
    measured at half would read as a size larger than the running text's.
    """
    return display_width(text) + 0.5 * sum(1 for ch in text if ch.isspace())


def running_text_boxes(fragments: Sequence[Fragment]) -> list[BBox]:
    """The boxes of the blocks of running text (:data:`RUNNING_TEXT_LINES` lines or more): the page's columns."""
    return [f.bbox for f in fragments if f.bbox is not None and len(f.lines) >= RUNNING_TEXT_LINES and not is_vertical(f)]


def body_line_height(fragments: Sequence[Fragment]) -> float | None:
    """The median line height of the page's multi-line blocks (running text), weighted by lines."""
    heights: list[float] = []
    for f in fragments:
        h = line_height(f)
        if h is not None and len(f.lines) >= RUNNING_TEXT_LINES and not is_vertical(f):  # a vertical title's lines are glyphs
            heights.extend([h] * len(f.lines))
    if not heights:
        heights = [h for h in (line_height(f) for f in fragments) if h is not None]
    return _median(heights) if heights else None


def page_noise(fragments: Sequence[Fragment], profile: Profile) -> set[int]:
    """Indices of a page's boxed fragments that are OCR noise (:func:`noise_blocks`).

    Text decides first: a short block the profile reads as a photo credit
    ("AP" set vertically beside a picture) belongs with its photo and is no
    noise.  (A stray digit the profile takes for a folio is noise all the
    same: read last, and furniture either way.)
    """
    texts = ["".join(f.lines) for f in fragments]
    noise = noise_blocks([f.bbox for f in fragments], [len(f.lines) for f in fragments], texts)  # type: ignore[misc]
    return {k for k in noise if profile.parse_credit(texts[k]) is None}


def _pages(fragments: Sequence[Fragment]) -> list[list[Fragment]]:
    """Fragments grouped by page, pages in order of first appearance."""
    groups: dict[int | None, list[Fragment]] = {}
    for f in fragments:
        groups.setdefault(f.page, []).append(f)
    return list(groups.values())


class LayoutOrder:
    """Make the layout's reading order the draft's order (only when fragments have boxes)."""

    name: ClassVar[str] = "layout-order"
    priority: ClassVar[int] = 50

    def apply(self, draft: Draft) -> Draft:
        """Reorder each page's fragments by layout and recompute ``gap_before`` from the geometry."""
        if not draft.laid_out:
            return draft
        ordered: list[Fragment] = []
        decisions: list[Decision] = []
        for page in _pages(draft.fragments):
            boxed = [f for f in page if f.bbox is not None]
            unboxed = [f for f in page if f.bbox is None]
            noise = page_noise(boxed, draft.profile)
            sizes = [glyph_size(f) for f in boxed]
            titles = [k for k, f in enumerate(boxed) if _header_words(draft, f)]
            boxes: list[BBox] = [f.bbox for f in boxed]  # type: ignore[misc]
            line_counts = [len(f.lines) for f in boxed]
            unit = body_line_height(boxed) or 1.0
            # A title down the side of its article is read first: placed, for the order only, as a band
            # over the text beside it (every band found among the blocks as they stand).
            verticals = vertical_titles(boxed)
            bands = {k: beside_band(k, boxes, line_counts, unit, verticals) for k in verticals}
            for k, band in bands.items():
                if band is None:
                    continue
                name = under_vertical_title(k, boxed)
                if name is not None:
                    # An author's name down the strip under the title: the title's band again, a hair lower, so
                    # that nothing comes between the two and the name is read right after the title.
                    boxes[name] = BBox(x0=band.x0, y0=band.y0 + 0.5, x1=band.x1, y1=band.y1 + 0.5)
                    line_counts[name] = 1
                    titles.append(name)
                boxes[k], line_counts[k] = band, 1
                titles.append(k)
            order = reading_order(boxes, line_counts, noise, sizes, sorted(titles))
            sequence = [boxed[i] for i in order]
            previous: Fragment | None = None
            for k, f in zip(order, sequence):
                gap = NORMAL_GAP if previous is not None else 0
                if previous is not None and (k in noise or self._jump(previous, f, unit)):
                    gap = WIDE_GAP
                ordered.append(replace(f, gap_before=gap))
                previous = f
            # Blocks without a box (rare: a reader could not place them) keep their place after the page.
            ordered.extend(unboxed)
            moved = sum(1 for k, f in enumerate(sequence) if f is not boxed[k])
            if moved:
                decisions.append(
                    Decision(
                        step=self.name,
                        kind="order",
                        subjects=tuple(f.id for f in sequence),
                        confidence=0.7,
                        reason=f"layout reading order (Breuel 2003): {moved} of {len(sequence)} blocks moved from input order",
                    )
                )
        index = {f.id: i for i, f in enumerate(ordered)}
        return replace(draft, fragments=tuple(ordered), index=index).decide(*decisions)

    @staticmethod
    def _jump(previous: Fragment, current: Fragment, unit: float) -> bool:
        """True when the reading order leaves the column, goes up, or skips vertical space."""
        a, b = previous.bbox, current.bbox
        if a is None or b is None:
            return True
        if not _x_overlap(_shrunk(a), _shrunk(b)):
            return True
        if b.y0 < a.y0:
            return True
        return b.y0 - a.y1 > SKIP_LINES * unit


def _header_words(draft: Draft, fragment: Fragment) -> bool:
    """The block's words make it a header line: a byline with its role (本报记者 …), a kicker, a deck."""
    if len(fragment.lines) > MAX_HEADLINE_LINES:
        return False
    profile, text = draft.profile, draft.text(fragment.id)
    return (
        profile.is_kicker(text)
        or profile.is_subheadline(text)
        or profile.parse_byline(text, after_headline=False) is not None
    )


def _current_role(roles: dict[str, tuple[Role, float, str]], fragment: Fragment) -> Role:
    """The block's role as retyped so far in ``roles``, else as the draft has it."""
    return roles[fragment.id][0] if fragment.id in roles else fragment.role


def _retype(
    roles: dict[str, tuple[Role, float, str]], fragment_id: str, role: Role, confidence: float, why: str, reason: str
) -> Decision:
    """Record a new role in ``roles`` (with ``why`` as the fragment's role reason) and return its decision."""
    roles[fragment_id] = (role, confidence, why)
    return Decision(step=LayoutRoles.name, kind="role", subjects=(fragment_id,), confidence=confidence, reason=reason)


class LayoutRoles:
    """Promote title-like blocks to headlines when their type size or centring says they head an article."""

    name: ClassVar[str] = "layout-roles"
    priority: ClassVar[int] = 150

    def apply(self, draft: Draft) -> Draft:
        """Upgrade headings and short title-like paragraphs set large or centred over their column."""
        if not draft.laid_out:
            return draft
        profile = draft.profile
        roles: dict[str, tuple[Role, float, str]] = {}
        decisions: list[Decision] = []
        for page in _pages(draft.fragments):
            unit = body_line_height(page)
            glyph = _running_glyph_size(page)  # the running text's type size, measured once for the rules below
            boxed = [f for f in page if f.bbox is not None]
            for k in sorted(page_noise(boxed, profile)):
                f = boxed[k]
                if f.role in (Role.HEADING, Role.PARAGRAPH, Role.UNKNOWN):
                    why = "OCR noise in a margin or gutter"
                    reason = "furniture: a stray mark outside every column of running text (OCR noise)"
                    decisions.append(_retype(roles, f.id, Role.FURNITURE, 0.8, why, reason))
            for f in boxed:
                # Whatever the text took it for: a title of such marks is no title either.
                if f.id not in roles and f.role in _SPECK_ROLES and _speck(f, glyph, profile):
                    why = "OCR specks: a few marks without a glyph of the page's type"
                    decisions.append(_retype(roles, f.id, Role.FURNITURE, 0.7, why, f"furniture: {why}"))
            for k in vertical_titles(page, glyph):
                f = page[k]
                # Recorded even when the text already took it for a headline, so that no later rule here
                # reads its lines, a glyph each, as a column of running text.
                if f.id not in roles and f.role in (Role.HEADING, Role.PARAGRAPH, Role.UNKNOWN, Role.KICKER, Role.HEADLINE):
                    why = "a title set vertically in display type, down the side of its article"
                    decisions.append(_retype(roles, f.id, Role.HEADLINE, 0.75, f"header line ({why})", f"headline: {why}"))
                name = under_vertical_title(k, page)
                if name is not None and page[name].id not in roles and profile.parse_byline(draft.text(page[name].id), after_headline=True):
                    why = "an author's name set vertically under a vertical title"
                    decisions.append(_retype(roles, page[name].id, Role.BYLINE, 0.75, why, f"byline: {why}"))
                following = next((g for j, g in enumerate(page[k + 1 :], k + 1) if g.role is not Role.FURNITURE and j != name), None)
                if (
                    following is not None
                    and following.id not in roles
                    and following.role is Role.KICKER
                    and not profile.is_kicker(draft.text(following.id))
                ):
                    # The text took the first title line beside it for a kicker (the vertical title was no
                    # title to it), but what a vertical title heads reads after it: a section's heading.
                    why = "a title line read after a vertical title heads a section"
                    decisions.append(_retype(roles, following.id, Role.HEADING, 0.6, why, f"heading: {why}"))
            for k, f in enumerate(page):
                if f.bbox is None or f.id in roles or f.role not in (Role.HEADING, Role.PARAGRAPH, Role.UNKNOWN):
                    continue
                if len(f.lines) > MAX_HEADLINE_LINES:
                    continue
                text = draft.text(f.id)
                if profile.dateline(text) is not None:
                    continue
                # A headline in display type may end in a full stop (the style of older papers: "The
                # Statesman."), which the profile reads as a sentence; type size and standing alone on its
                # line over the column (not a table cell with neighbours) vouch for it instead.
                stopped = not profile.is_title_like(text)
                if stopped and not (
                    _display_type(f, unit) and (profile.is_title_like(text.rstrip(".")) or profile.is_title_like(_unquoted(text)))
                ):
                    continue
                below = self._text_below(page, k, roles)
                if below is None:
                    continue  # a heading heads something: nothing below, nothing to head
                if stopped and not _alone_on_line(f, below, page):
                    continue
                if below.role is Role.KICKER and (not _display_type(f, unit) or profile.is_kicker(draft.text(below.id))):
                    continue  # a kicker stands above its headline: this block ends what precedes it
                evidence = self._evidence(f, below, unit)
                if evidence is None:
                    continue
                why = evidence
                if below.role is Role.KICKER:
                    # The text took the first title line of the page for a kicker, but a kicker stands over its
                    # headline, not under one in display type: under the headline, it heads a section.
                    heading_why = "a title line under a headline in display type heads a section"
                    decisions.append(_retype(roles, below.id, Role.HEADING, 0.6, heading_why, f"heading: {heading_why}"))
                decisions.append(_retype(roles, f.id, Role.HEADLINE, 0.75, f"header line ({why})", f"headline: {why}"))
                # A byline right under a promoted headline was demoted by role tagging; restore it.
                if k + 1 < len(page):
                    nxt = page[k + 1]
                    if nxt.role is Role.PARAGRAPH and profile.parse_byline(draft.text(nxt.id), after_headline=True):
                        roles[nxt.id] = (Role.BYLINE, 0.8, "byline under a headline")
            sized = not character_cells(page)
            if unit:
                decisions.extend(self._stacks(page, roles, unit))
            if unit and sized:
                decisions.extend(self._running_text_headers(page, roles, unit))
            if unit and glyph is not None and sized:
                decisions.extend(self._body_type_headlines(page, roles, unit, glyph))
            if glyph is not None and sized:
                decisions.extend(self._small_type_captions(draft, page, roles, glyph))
            if unit:
                decisions.extend(self._kicker_over_no_headline(draft, page, roles, unit))
            if sized:
                decisions.extend(self._headline_in_largest_type(draft, page, roles, glyph))
        return draft.with_roles(roles).decide(*decisions) if roles else draft

    @staticmethod
    def _kicker_over_no_headline(
        draft: Draft, page: Sequence[Fragment], roles: dict[str, tuple[Role, float, str]], unit: float
    ) -> list[Decision]:
        """A "kicker" in display type over no headline is the headline; a title line right over it, smaller, its kicker.

        The text calls the first title line of a header a kicker when what follows is
        no headline it knows (a section heading, 回  信, then the text); set in display
        type, it is the article's headline (updates ``roles``).  A kicker by its words
        (closing ——) stays one.
        """
        profile = draft.profile
        role = partial(_current_role, roles)
        decisions: list[Decision] = []
        seq = [f for f in page if role(f) is not Role.FURNITURE and f.bbox is not None]
        for i, f in enumerate(seq):
            if role(f) is not Role.KICKER or not _display_type(f, unit) or profile.is_kicker(draft.text(f.id)):
                continue
            if i + 1 < len(seq) and role(seq[i + 1]) is Role.HEADLINE:
                continue  # a kicker over its headline
            why = "a header line in display type over no headline: the headline"
            decisions.append(_retype(roles, f.id, Role.HEADLINE, 0.7, why, f"headline, not a kicker: {why}"))
            above = seq[i - 1] if i else None
            if (
                above is not None
                and role(above) in (Role.HEADING, Role.PARAGRAPH)
                and len(above.lines) == 1
                and profile.is_title_like(draft.text(above.id))
                and (line_height(above) or 0.0) < (line_height(f) or 0.0)
                and above.bbox.y1 <= f.bbox.y0 <= above.bbox.y1 + 2 * unit  # type: ignore[union-attr]
                and min(above.bbox.x1, f.bbox.x1) > max(above.bbox.x0, f.bbox.x0)  # type: ignore[union-attr]
            ):
                why = "a title line in smaller type right over a headline: its kicker"
                decisions.append(_retype(roles, above.id, Role.KICKER, 0.7, why, f"kicker: {why}"))
        return decisions

    @staticmethod
    def _headline_in_largest_type(
        draft: Draft, page: Sequence[Fragment], roles: dict[str, tuple[Role, float, str]], body: float | None = None
    ) -> list[Decision]:
        """In a header, the line set clearly larger than the headline is the headline (updates ``roles``).

        The text types header lines by their order (kicker, headline, deck); when it
        counts one line too many — a column's last line ending in a run-in ——, read
        as a kicker and retyped as running text above — every line under it is one
        role off: the kicker taken for the headline, the headline for its deck.
        Type settles it: a deck under the headline in :data:`DECK_RATIO` times its
        type is the headline (the former one its kicker), unless its words mark it a
        deck (it starts with ——).  The other way round — a "kicker" over the headline
        in larger type — a line over a headline may be the paper's name, a masthead;
        so only where the "headline" is set barely larger than the running text
        (:data:`DECK_MAX` times the body type ``body``, as decks are and headlines
        under a masthead are not), and the upper line is no kicker by its words (it
        ends with ——), is the upper line the headline and the lower its deck (a
        headline and deck without the deck's dashes: 广西发展绿色建筑 / 绿色建筑面积…).
        Square glyphs are measured by :func:`glyph_size`, other type by line height.
        """
        profile = draft.profile

        role = partial(_current_role, roles)

        decisions: list[Decision] = []
        seq = [f for f in page if role(f) is not Role.FURNITURE]
        for a, b in zip(seq, seq[1:]):
            if role(a) is not Role.HEADLINE or role(b) is not Role.SUBHEADLINE:
                continue
            # One measure for both lines: glyph sizes where both are square glyphs, else line heights.
            upper, lower = glyph_size(a), glyph_size(b)
            if not upper or not lower:
                upper, lower = line_height(a), line_height(b)
            if not upper or not lower or lower < DECK_RATIO * upper or profile.is_subheadline(draft.text(b.id)):
                continue
            why = f"the line under the headline is set {lower / upper:.2f}x larger: it is the headline"
            for f, value in ((a, Role.KICKER), (b, Role.HEADLINE)):
                decisions.append(_retype(roles, f.id, value, 0.7, why, f"{value.value}, not a {role(f).value}: {why}"))
        for a, b in zip(seq, seq[1:]) if body else ():
            if role(a) is not Role.KICKER or role(b) is not Role.HEADLINE or profile.is_kicker(draft.text(a.id)):
                continue
            upper, lower = glyph_size(a), glyph_size(b)
            if not upper or not lower or upper < DECK_RATIO * lower or lower > DECK_MAX * body:  # type: ignore[operator]
                continue
            why = f"the line over the headline is set {upper / lower:.2f}x larger, the headline barely larger than the text: a headline and its deck"
            for f, value in ((a, Role.HEADLINE), (b, Role.SUBHEADLINE)):
                decisions.append(_retype(roles, f.id, value, 0.7, why, f"{value.value}, not a {role(f).value}: {why}"))
        return decisions

    @staticmethod
    def _small_type_captions(
        draft: Draft, page: Sequence[Fragment], roles: dict[str, tuple[Role, float, str]], body: float
    ) -> list[Decision]:
        """Short complete sentences in smaller type than the running text are photo captions (updates ``roles``).

        A caption without a credit line ("上海博物馆人民广场馆外景。") reads like a
        one-sentence paragraph; its type gives it away.  Only for text set in
        square glyphs (CJK), whose size is measured directly: a line's width over
        its characters (:func:`glyph_size`), whatever the line count and leading.
        """
        decisions = []
        for f in page:
            size = glyph_size(f)
            if size is None or f.id in roles or f.role is not Role.PARAGRAPH or len(f.lines) > CAPTION_LINES:
                continue
            text = draft.text(f.id)
            if (
                size < SMALL_TYPE * body
                and CAPTION_MIN_CHARS <= len("".join(text.split())) <= CAPTION_CHARS
                and draft.profile.ends_paragraph(text)
            ):
                why = f"a short sentence in type {size / body:.2f}x the running text"
                decisions.append(_retype(roles, f.id, Role.CAPTION, 0.7, why, f"caption: {why}"))
        return decisions

    @staticmethod
    def _running_text_headers(
        page: Sequence[Fragment], roles: dict[str, tuple[Role, float, str]], unit: float
    ) -> list[Decision]:
        """Kicker or headline lines set like running text are running text (updates ``roles``).

        The text alone takes a line ending in —— for a kicker and the short
        line after it for a headline; but a block in body type whose lines run
        from a column's left edge to its right edge is that column's text — a
        run-in lead ("算电协同……——") and the first line of the paragraph cut at
        the column's foot — since headers are set in display type or centred,
        not justified to a column in body type.  A kicker stays one when a
        headline in display type follows it.  (The line the text took for the
        headline under such a kicker, when not justified itself, is a section
        heading: see :meth:`_body_type_headlines`.)
        """
        columns = running_text_boxes(page)

        def body_type(f: Fragment) -> bool:
            height = line_height(f)
            return height is not None and height < LARGE_TYPE * unit

        def larger(f: Fragment, than: Fragment) -> bool:
            """``f`` is set in display type, or in square glyphs :data:`LARGE_TYPE` times ``than``'s (tight leading)."""
            size, own = glyph_size(f), glyph_size(than)
            return not body_type(f) or bool(size and own and size >= LARGE_TYPE * own)

        decisions = []
        for k, f in enumerate(page):
            if f.bbox is None or f.id in roles or f.role not in (Role.KICKER, Role.HEADLINE) or not body_type(f):
                continue
            if not _justified(f.bbox, columns, ROW_ALIGN * unit):
                continue
            # A long kicker fills its column, but a headline in larger type follows it.
            following = next((g for g in page[k + 1 :] if g.role is not Role.FURNITURE), None)
            if f.role is Role.KICKER and following is not None and larger(following, f):
                continue
            why = "set in body type from edge to edge of a column, like the running text"
            decisions.append(_retype(roles, f.id, Role.PARAGRAPH, 0.7, why, f"paragraph, not a {f.role.value}: {why}"))
        return decisions

    @staticmethod
    def _body_type_headlines(
        page: Sequence[Fragment], roles: dict[str, tuple[Role, float, str]], unit: float, body: float
    ) -> list[Decision]:
        """In Chinese text, a headline set in the running text's type heads a section, not an article (updates ``roles``).

        Chinese papers set headlines in display type.  A title line in the type of
        the running text, with a short line above it and a byline under it (the
        place and title of one report of a composite page: 重庆开州 / 一张戏票聚人气
        / 本报记者 沈靖然, under the page's headline), was taken for a new article by
        its words alone; it is a part of the article it stands in.  Its kicker-like
        line above heads the section with it, and the byline under it is running text.
        Only square glyphs are measured (:func:`glyph_size`), so Latin pages keep
        their headlines in body type.
        """
        
        role = partial(_current_role, roles)

        def body_type(f: Fragment) -> bool:
            size, height = glyph_size(f), line_height(f)
            return size is not None and size <= BODY_TYPE * body and height is not None and height < LARGE_TYPE * unit

        decisions: list[Decision] = []
        seq = [f for f in page if role(f) is not Role.FURNITURE]
        for k, f in enumerate(seq):
            if role(f) is not Role.HEADLINE or f.bbox is None or not body_type(f):
                continue
            why = "a headline in the running text's type: the title of a section of the article it stands in"
            changed = [(f, Role.HEADING)]
            if k > 0 and role(seq[k - 1]) is Role.KICKER and body_type(seq[k - 1]):
                changed.append((seq[k - 1], Role.HEADING))
            if k + 1 < len(seq) and role(seq[k + 1]) is Role.BYLINE:
                changed.append((seq[k + 1], Role.PARAGRAPH))
            for g, new_role in changed:
                decisions.append(_retype(roles, g.id, new_role, 0.6, why, f"{new_role.value}, not a {g.role.value}: {why}"))
        return decisions

    @staticmethod
    def _stacks(page: Sequence[Fragment], roles: dict[str, tuple[Role, float, str]], unit: float) -> list[Decision]:
        """Two headlines stacked with nothing between them are one header: kicker + headline, or headline + deck.

        A strap line over a headline ("WEST INDIES." over "TRIAL OF THE
        REBELS.") or a deck under it looks like a headline of its own, and
        each would open an article with nothing in the first.  When the next
        block in reading order after a headline is another headline right
        under it (within :data:`STACK_GAP` body lines, centred on it or flush
        with it), the two are one header: the lower one is the headline unless
        the upper is set in clearly larger type (:data:`DECK_RATIO`), which
        makes the lower one its deck (subheadline).  A third line under a
        finished pair is a deck too.
        """

        role = partial(_current_role, roles)

        decisions: list[Decision] = []
        paired: set[str] = set()  # headlines that already have their kicker: a line under them is a deck
        seq = [f for f in page if f.bbox is not None and role(f) is not Role.FURNITURE]
        for a, b in zip(seq, seq[1:]):
            if role(a) is not Role.HEADLINE or role(b) is not Role.HEADLINE or not _stacked(a.bbox, b.bbox, unit):  # type: ignore[arg-type]
                continue
            ha, hb = line_height(a) or 0.0, line_height(b) or 0.0
            if a.id in paired or ha >= DECK_RATIO * hb:
                # The upper block is already a pair's headline, or set larger: the lower one is its deck.
                roles[b.id] = (Role.SUBHEADLINE, 0.7, "deck: stacked under a headline in smaller type")
                why = "deck stacked under its headline"
            else:
                roles[a.id] = (Role.KICKER, 0.7, "kicker: stacked over a headline")
                roles[b.id] = (Role.HEADLINE, 0.7, "header line (under its kicker)")
                paired.add(b.id)
                why = "kicker stacked over its headline"
            decisions.append(Decision(step="layout-roles", kind="role", subjects=(a.id, b.id), confidence=0.7, reason=why))
        return decisions

    @staticmethod
    def _text_below(page: Sequence[Fragment], k: int, roles: dict[str, tuple[Role, float, str]]) -> Fragment | None:
        """The next block in reading order if it is text under this one, or a line the text took for a kicker (noise tagged in ``roles`` skipped)."""
        for f in page[k + 1 :]:
            if f.role is Role.FURNITURE or (f.id in roles and roles[f.id][0] is Role.FURNITURE):
                continue
            return f if f.bbox is not None and f.role in (Role.PARAGRAPH, Role.HEADING, Role.BYLINE, Role.KICKER) else None
        return None

    @staticmethod
    def _evidence(f: Fragment, below: Fragment, unit: float | None) -> str | None:
        """Why the layout says ``f`` is a headline (None if it does not)."""
        box, col = f.bbox, below.bbox
        assert box is not None and col is not None
        height = line_height(f)
        if unit and height and LARGE_TYPE * unit <= height <= HUGE_TYPE * unit:
            return f"type {height / unit:.1f}× the running text"
        width = col.x1 - col.x0
        if width <= 0 or box.y0 > col.y0:
            return None
        left, right = box.x0 - col.x0, col.x1 - box.x1
        if glyph_size(f) and not _display_type(below, unit):
            # Chinese papers set headlines in display type: a line in body type centred over running text
            # is a section heading (小标题), or a one-line paragraph indented like the others.  (Centred
            # over a headline in display type, it is that headline's kicker.)
            return None
        if (box.x1 - box.x0) <= NARROW * width and left > 0 and right > 0 and abs(left - right) <= CENTRE_TOLERANCE * width:
            return "centred over the text below"
        return None


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
        for page in _pages(draft.fragments):
            widths = [b.x1 - b.x0 for b in running_text_boxes(page)]
            column = _median(widths) if widths else None
            for f in page:
                if f.bbox is None or not f.lines:
                    continue
                if len(f.lines) >= 2:
                    # Line widths are known only from their characters, which measure them only in square
                    # glyphs (CJK): Latin letters vary in width, and OCR lines of one column differ widely.
                    widths = [_em_width(line.strip()) for line in f.lines]
                    square = _square_share(f.lines[-1].strip() + max(f.lines, key=len)) >= 0.5
                    short = square and widths[-1] < SHORT_LINE * _median(widths[:-1])
                else:
                    short = column is not None and f.bbox.x1 - f.bbox.x0 < SHORT_LINE * column
                if short:
                    ends.add(f.id)
        return replace(draft, paragraph_ends=frozenset(ends)) if ends else draft


class LayoutAssign:
    """Give body text to the article whose header precedes it in layout order (only when fragments have boxes).

    Runs after ``assign-fragments`` (priority 450) and replaces its choice on
    pages with boxes.  That step weighs character-bigram overlap against
    emission position, which is right for scrambled extraction order; once the
    order comes from the layout, position is the stronger evidence — on the
    1824 ALTO benchmark bigram topic moved most groups into the longest
    article.  Join links still override position: fragments linked by a cut
    stay together, with the article of the group's first fragment.  Body text
    above the first header (a continuation from an earlier page) becomes an
    article of its own without a headline instead of joining the first
    article below it.
    """

    name: ClassVar[str] = "layout-assign"
    priority: ClassVar[int] = 450

    def apply(self, draft: Draft) -> Draft:
        """Recompute every article's body from layout position and join groups."""
        if not draft.laid_out or not draft.articles:
            return draft
        runs = body_runs(draft)
        if not runs:
            return draft
        groups = linked_groups(draft, runs)  # runs linked by cuts, as assign-fragments builds them
        headers = draft.header_positions()
        articles = list(draft.articles)
        all_headed = bool(headers) and len(headers) == len(articles)  # else a headline-less article exists already
        decisions: list[Decision] = []
        leading: int | None = None
        bodies: dict[int, list[str]] = {}
        for group in groups:
            first = min(draft.index[f] for f in group)
            before = [k for pos, k in headers if pos < first]
            if before:
                owner = before[-1]
            elif all_headed:
                if leading is None:  # text above every header: an article continued from elsewhere
                    leading = len(articles)
                    articles.append(ArticleDraft(confidence=0.5))
                    decisions.append(
                        Decision(
                            step=self.name,
                            kind="segment",
                            subjects=tuple(group[:1]),
                            confidence=0.5,
                            reason="body text above the page's first headline: an article without headline",
                        )
                    )
                owner = leading
            else:
                owner = headers[0][1] if headers else 0
            bodies.setdefault(owner, []).extend(group)
        changed = 0
        result = []
        for k, article in enumerate(articles):
            body = tuple(sorted(bodies.get(k, ()), key=lambda f: draft.index[f]))
            changed += k < len(draft.articles) and set(body) != set(draft.articles[k].body)
            result.append(replace(article, body=body))
        if changed:
            decisions.append(
                Decision(
                    step=self.name,
                    kind="assign",
                    subjects=(),
                    confidence=0.7,
                    reason=f"{changed} article bodies reassigned by layout position (the preceding header in reading order)",
                )
            )
        return replace(draft, articles=tuple(result)).decide(*decisions)


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
    | 液压系统嗡鸣声起……): such a join is added (:meth:`_flush_continuations`).
    """

    name: ClassVar[str] = "layout-joins"
    priority: ClassVar[int] = 350

    def apply(self, draft: Draft) -> Draft:
        """Keep the joins whose tail follows the head closely in layout order; add the continuations the layout proves."""
        if not draft.laid_out:
            return draft
        added = self._flush_continuations(draft)
        if added:
            decisions = [
                Decision(step=self.name, kind="join", subjects=(j.head, j.tail), confidence=j.confidence, reason=j.reason) for j in added
            ]
            draft = replace(draft, joins=draft.joins + tuple(added)).decide(*decisions)
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

        Measured in square glyphs (:func:`_em_width`): a paragraph's first line is
        indented when it is :data:`INDENT_EMS` characters shorter than the block's
        full lines, and a page sets its paragraphs indented when most blocks of
        three lines or more open so.
        """
        heads = {j.head for j in draft.joins}
        tails = {j.tail for j in draft.joins}
        added: list[Join] = []
        for page in _pages(draft.fragments):
            measured = {f.id: w for f in page if (w := _line_ems(f)) is not None}
            blocks = [w for w in measured.values() if len(w) >= 3]
            indented = [w[0] <= max(w[1:]) - INDENT_EMS + 0.5 for w in blocks]
            if not blocks or 2 * sum(indented) <= len(blocks):
                continue  # paragraphs set flush (or too few to tell): a flush column top says nothing
            seq = [f for f in page if f.role not in (Role.FURNITURE, Role.CAPTION, Role.CREDIT, Role.PHOTO_TITLE)]
            for a, b in zip(seq, seq[1:]):
                wa, wb = measured.get(a.id), measured.get(b.id)
                if wa is None or wb is None or len(wa) < 2 or len(wb) < 2 or a.id in heads or b.id in tails:
                    continue
                if a.id in draft.paragraph_ends or b.gap_before < WIDE_GAP:
                    continue  # a short last line ends the paragraph; the order does not jump to another column
                # A full line is as wide as the blocks' inner lines: the widest line may be wider, by a
                # stop and a closing quote hung in the margin (…文明平等对话。”).
                inner = wa[1:-1] + wb[1:-1]
                full = (_median(inner) if inner else max(wa + wb)) - 0.5
                new_column = b.bbox.x0 >= a.bbox.x1 - 1.0 or b.bbox.y0 < a.bbox.y0  # type: ignore[union-attr]
                if new_column and wa[-1] >= full and wb[0] >= full:
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
        xm = _shrunk(m)
        return (
            _x_overlap(_shrunk(a), xm)
            and _x_overlap(xm, _shrunk(b))
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
