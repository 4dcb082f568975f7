"""Priority 50: the layout's reading order becomes the draft's order (fragments with boxes only).

``layout-order`` runs before role tagging, because every later step reads
"extraction order" as evidence.  The order is the one of Breuel (2003), a
refinement of the recursive X-Y cut (Nagy & Seth 1984) that needs no global
whitespace cut, so it survives the ragged gutters and column-spanning
headlines of newspapers: block *a* comes before block *b* when

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
starts a hair higher, as OCR boxes of cells do.  OCR noise
(:func:`.geometry.noise_blocks`) takes no part in the rules and is read last,
so it neither interrupts a column's flow nor opens an article before the
first headline.  ``gap_before`` is then recomputed from the geometry — a wide
gap where the order jumps to another column, moves up the page or skips
vertical space — which the text steps read as a frame boundary.

References: T. M. Breuel, "High performance document layout analysis",
Symposium on Document Image Understanding Technology, 2003; G. Nagy and
S. Seth, "Hierarchical representation of optically scanned documents",
Proc. 7th ICPR, 1984, pp. 347–349.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import ClassVar, Collection, Sequence

from ..model import BBox, Decision, Fragment
from . import Draft
from .geometry import (
    BODY_TYPE,
    CENTRE_TOLERANCE,
    HUGE_TYPE,
    LARGE_TYPE,
    MAX_BLOCKS,
    MAX_HEADLINE_LINES,
    ROW_ALIGN,
    RUNNING_TEXT_LINES,
    STACK_GAP,
    WIDE_GAP,
    body_line_height,
    glyph_size,
    justified,
    median_of,
    page_noise,
    pages_of,
    shrunk,
    under_vertical_title,
    vertical_glyph,
    vertical_titles,
    x_overlap,
)
from .ordering import strongly_connected, topological_order

__all__ = ["HeaderExtent", "LayoutOrder", "header_extents", "reading_order"]

NORMAL_GAP = 2
SKIP_LINES = 2.5  # a vertical skip of this many body line heights is a jump
COLUMN_LIKE = (0.9, 1.15)  # width range, in body column widths, of a block that is running text
MULTI_COLUMN = 1.5  # column widths: a dogleg is about articles over several columns
ROW_GAP = 3.0  # body lines: the widest gutter between side-by-side blocks of one article's first row
INDENT_SPAN = 2.5  # body lines: a paragraph's first line starts at most this far right of its column's edge
BAND_SPAN = 1.5  # column widths: a block this much wider than the first column beside a vertical title is no column of its text
VERTICAL_REACH = 6.0  # body lines below a vertical title's top within which the text beside it starts


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
        self.body_size = median_of(measured) if measured else None

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

    def column_line(self, b: BBox) -> bool:
        """A line of a column's running text: to the column's right edge, from its left edge or a paragraph's indent in.

        A paragraph's first line at a column's foot (国家发展改革委有关负责同志表) may stand centred over the
        next article's headline by chance; a kicker is centred, not set to a column's edges.
        """
        tolerance = ROW_ALIGN * self.unit
        return justified(b, self.columns, tolerance) or any(
            abs(b.x1 - c.x1) <= tolerance and 0 <= b.x0 - c.x0 <= INDENT_SPAN * self.unit for c in self.columns
        )

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
                if k not in self.titles and self.column_line(b) and self.body_type(k):
                    continue  # body type to a column's right edge from its left or a paragraph's indent: that column's text
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
                    lo - max(boxes[k].x1, boxes[k].x0 + width, self.reach(boxes[k])) > ROW_GAP * unit
                    or self.headed_elsewhere(k, stack)
                    or nearer_rival(k)
                ):
                    break  # a wide gap, or columns under another article's header: the article ends here
                lo = boxes[k].x0
            # Where the rightmost member's column ends (the page's column width where every member is a short line).
            edge = max(max(boxes[k].x0 + width, self.reach(boxes[k])) for k in members)
            for k in row:
                if boxes[k].x0 < hi:
                    continue
                if boxes[k].x0 - edge > ROW_GAP * unit or self.headed_elsewhere(k, stack) or nearer_rival(k):
                    break
                hi = boxes[k].x1
                edge = max(hi, boxes[k].x0 + width, self.reach(boxes[k]))
            x0, x1 = min(x0, lo), max(x1, hi)
            # Paragraphs set with an indent and no blank line come as a box each, so the blocks right
            # under a centred headline may be one or two lines long: running text anywhere in the row counts.
            heads_text = heads_text or any(lines[k] >= RUNNING_TEXT_LINES for k in row if lo <= boxes[k].x0 <= hi)
        return x0, x1, heads_text


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


def _column_width(boxes: Sequence[BBox], lines: Sequence[int]) -> float:
    """The median width of the page's blocks of running text (:data:`RUNNING_TEXT_LINES` lines or more); 0.0 without any."""
    widths = [b.x1 - b.x0 for b, k in zip(boxes, lines) if k >= RUNNING_TEXT_LINES]
    return median_of(widths) if widths else 0.0


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
        width = median_of(b.x1 - b.x0 for b in boxes) or 1.0
        return sorted(range(n), key=lambda i: (round(boxes[i].x0 / width), boxes[i].y0, boxes[i].x0))
    xs = [shrunk(b) for b in boxes]
    headers: list[int] = []
    header_lines: set[int] = set()  # every line of a header stack over running text (kicker, headline, deck, byline)
    tolerance = column = 0.0
    if lines is not None:
        heights = [(b.y1 - b.y0) / max(1, k) for b, k in zip(boxes, lines) if k >= RUNNING_TEXT_LINES]
        unit = median_of(heights) if heights else None
        if unit:
            column = _column_width(boxes, lines)
            for h, extent in header_extents(boxes, lines, unit, column, sizes, set(titles)).items():
                xs[h] = shrunk(BBox(x0=extent.x0, y0=boxes[h].y0, x1=extent.x1, y1=boxes[h].y1))
                if extent.heads_text:
                    header_lines.add(h)
                large = LARGE_TYPE * unit <= (boxes[h].y1 - boxes[h].y0) / max(1, lines[h]) <= HUGE_TYPE * unit
                if large and extent.heads_text:
                    headers.append(h)  # headlines over running text, for the dogleg rule
            tolerance = unit
    yc = [(b.y0 + b.y1) / 2 for b in boxes]
    after: list[set[int]] = [set() for _ in range(n)]
    upward: list[tuple[int, int]] = []  # rule-2 pairs whose left block lies wholly below the right one
    overlap = [[x_overlap(xs[i], xs[j]) for j in range(n)] for i in range(n)]
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
            and x_overlap(xs[h], xs[left])
            and not x_overlap(xs[h], xs[right])
            for h in headers
            if h != left
        ):
            after[left].discard(right)


def _side_by_side(a: BBox, b: BBox, lines_a: int, lines_b: int, unit: float) -> bool:
    """Two short blocks on one line, one in display type: apart horizontally, sharing half the shorter one's height."""
    if lines_a > MAX_HEADLINE_LINES or lines_b > MAX_HEADLINE_LINES or x_overlap(shrunk(a), shrunk(b)):
        return False
    if not any(LARGE_TYPE * unit <= (x.y1 - x.y0) / max(1, k) <= HUGE_TYPE * unit for x, k in ((a, lines_a), (b, lines_b))):
        return False  # two lines in body type side by side are the ends of two columns, not a header's cells
    shared = min(a.y1, b.y1) - max(a.y0, b.y0)
    return shared >= 0.5 * min(a.y1 - a.y0, b.y1 - b.y0)


def _over_one_column(a: BBox, b: BBox, below: BBox, unit: float) -> bool:
    """``below`` starts right under ``a`` and ``b`` (within :data:`STACK_GAP` body lines) and lies under both."""
    column = shrunk(below)
    return (
        min(a.y0, b.y0) < below.y0 <= max(a.y1, b.y1) + STACK_GAP * unit
        and x_overlap(shrunk(a), column)
        and x_overlap(shrunk(b), column)
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
        under = c == left or stacked or (x_overlap(xs[c], xs[left]) and a.y0 >= hc.y1 - tolerance)
        if not (under and b.y1 <= hc.y0 + tolerance):
            continue
        if x_overlap(xs[c], xs[right]):
            continue
        for d in wide:
            hd = boxes[d]
            if d == c:
                continue
            if (
                hd.y1 <= min(b.y0, hc.y0) + tolerance
                and x_overlap(xs[d], xs[left])
                and x_overlap(xs[d], xs[right])
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
    return he.y0 >= boxes[d].y1 - tolerance and he.y1 <= boxes[right].y0 + tolerance and x_overlap(xs[e], xs[right])


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
    # A column of short lines (a paragraph's last, a heading) does not reach its right edge: the page's running
    # text measures how wide a column is.
    page_column = _column_width(boxes, lines)
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
            if not lone_line:
                x1 = max(x1, x0 + page_column)
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
        for page in pages_of(draft.fragments):
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
        if not x_overlap(shrunk(a), shrunk(b)):
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
