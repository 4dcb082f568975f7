"""Page geometry shared by the layout transforms: boxes, type sizes, columns, noise.

Readers of layout formats (ALTO, hOCR, PDF) give every fragment a box.  Five
transforms read them, each in its own module, and each returns the draft
unchanged when no fragment has a box, so plain text behaves exactly as before:

* ``layout-order`` (priority 50, :mod:`.layout_order`): the layout's reading order;
* ``layout-roles`` (150, :mod:`.layout_roles`): headlines and captions by type size and centring;
* ``layout-line-ends`` (250, :mod:`.layout_line_ends`): paragraphs that end on a short line;
* ``layout-joins`` (350, :mod:`.layout_joins`): the joins the layout confirms or proves;
* ``layout-assign`` (450, :mod:`.layout_assign`): body text to the header before it.

This module is no step: it holds what more than one of them measures.  Boxes
are shrunk by a small share of their width before overlap tests, since OCR
boxes of neighbouring columns often overlap by a few pixels.  OCR noise —
specks, rules and torn edges read as a "block" of a character or two in a
margin or a gutter (:func:`noise_blocks`) — takes no part in the order and is
read last; ``layout-roles`` tags it as furniture (unplaced, its characters kept).
"""

from __future__ import annotations

import math
from typing import Iterable, Sequence

from ..model import BBox, Fragment
from ..profiles import Profile
from ..profiles.textutil import display_width

SHRINK = 0.05  # share of a box's width ignored on each side in overlap tests (ragged OCR gutters)
MAX_SHRINK = 60.0  # … but never more than this many units
MAX_BLOCKS = 400  # above this many blocks on a page (~4 s) the cubic rule-2 test gives way to a column sort
WIDE_GAP = 4  # gap_before for a jump (new column, upwards, or a large vertical skip): > assign's WIDE_GAP
LARGE_TYPE = 1.3  # line height ratio to the page's running text that marks display type
HUGE_TYPE = 4.0  # … and above which the "line" is an ornament, a picture or OCR noise, not type
CENTRE_TOLERANCE = 0.12  # |left margin − right margin| as a share of the column width
MAX_HEADLINE_LINES = 3
RUNNING_TEXT_LINES = 3  # a block of this many lines or more is running text: its width is its column's
STACK_GAP = 3.0  # body lines: header blocks further apart than this are not one stack
ROW_ALIGN = 0.5  # body lines: tops of one row's blocks differ by no more than this
NOISE_LINES = 2  # OCR noise (a speck, a rule, a torn edge) is read as a line or two, never as a paragraph
NOISE_CHARS = 4  # … with fewer letters and digits than this: a stray mark, not a word
BODY_TYPE = 1.1  # glyph size ratio to the running text up to which a block is in the running text's type
VERTICAL_MIN_LINES = 2  # a title set vertically: at least this many one-character lines stacked ...
VERTICAL_ASPECT = 1.5  # ... in a box at least this many times taller than wide
VERTICAL_TYPE = 1.3  # ... whose width (its type size) is this many times the running text's: display type


def shrunk(box: BBox) -> tuple[float, float]:
    """The box's horizontal extent less SHRINK of its width on each side (at most MAX_SHRINK)."""
    margin = min(SHRINK * (box.x1 - box.x0), MAX_SHRINK)
    return box.x0 + margin, box.x1 - margin


def x_overlap(a: tuple[float, float], b: tuple[float, float]) -> bool:
    """Whether two horizontal extents overlap."""
    return min(a[1], b[1]) - max(a[0], b[0]) > 0


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
    spans = {k: shrunk(boxes[k]) for k in text}

    def across(k: int) -> bool:
        """``k`` lies across two side-by-side blocks of text (a masthead, an ornament, a spread): no column."""
        under = [spans[i] for i in text if i != k and x_overlap(spans[k], spans[i])]
        return len(under) >= 2 and min(x1 for _, x1 in under) <= max(x0 for x0, _ in under)

    body = [k for k in text if not across(k)]
    if not body:
        return set()
    columns = [spans[k] for k in body]
    unit = median_of((boxes[k].y1 - boxes[k].y0) / lines[k] for k in body)
    left, right = min(c[0] for c in columns), max(c[1] for c in columns)
    noise = set()
    for k, b in enumerate(boxes):
        if lines[k] > NOISE_LINES or sum(c.isalnum() for c in texts[k]) >= NOISE_CHARS:
            continue
        x = shrunk(b)
        if any(x_overlap(x, c) for c in columns):
            continue
        margin = x[1] <= left or x[0] >= right
        if margin or (b.y1 - b.y0) / max(1, lines[k]) > HUGE_TYPE * unit:
            noise.add(k)
    return noise


def justified(box: BBox, columns: Sequence[BBox], tolerance: float) -> bool:
    """The block runs from the left edge to the right edge of some block of running text (``columns``)."""
    return any(abs(box.x0 - c.x0) <= tolerance and abs(box.x1 - c.x1) <= tolerance for c in columns)


def median_of(values: Iterable[float]) -> float:
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


def glyph_size(fragment: Fragment) -> float | None:
    """The type size of a block set in square CJK glyphs: its width over the characters of its longest line.

    Each CJK character advances by the type size; digits and Latin letters by
    about half of it.  None for a block without a box or mostly in other scripts.
    """
    if fragment.bbox is None or not fragment.lines:
        return None
    line = max(fragment.lines, key=len).strip()
    if not line or square_share(line) < 0.5:
        return None
    return (fragment.bbox.x1 - fragment.bbox.x0) / em_width(line)


def is_vertical(fragment: Fragment) -> bool:
    """A block set vertically: one square glyph per line (春 / 耕 / 正 / 当 / 时), in a tall narrow box."""
    box = fragment.bbox
    if box is None or len(fragment.lines) < VERTICAL_MIN_LINES:
        return False
    if any(len(line.strip()) != 1 for line in fragment.lines):
        return False
    if square_share("".join(line.strip() for line in fragment.lines)) < 0.75:
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

    ``body``: the running text's type size when the caller has measured it (:func:`running_glyph_size`).
    """
    body = body if body is not None else running_glyph_size(page)
    if body is None:
        return []
    return [
        k
        for k, f in enumerate(page)
        if is_vertical(f) and f.bbox is not None and vertical_glyph(f.bbox, len(f.lines)) >= VERTICAL_TYPE * body
    ]


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


def running_glyph_size(page: Sequence[Fragment]) -> float | None:
    """The median :func:`glyph_size` of the page's running text (None on pages not set in square glyphs)."""
    sizes = [glyph_size(f) for f in page if len(f.lines) >= RUNNING_TEXT_LINES and not is_vertical(f)]
    known = [size for size in sizes if size is not None]
    return median_of(known) if known else None


def square_share(text: str) -> float:
    """The share of ``text``'s characters that are square (CJK) glyphs."""
    return sum(1 for ch in text if ch >= "\u2e80") / len(text) if text else 0.0


def em_width(text: str) -> float:
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
    return median_of(heights) if heights else None


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


def pages_of(fragments: Sequence[Fragment]) -> list[list[Fragment]]:
    """Fragments grouped by page, pages in order of first appearance."""
    groups: dict[int | None, list[Fragment]] = {}
    for f in fragments:
        groups.setdefault(f.page, []).append(f)
    return list(groups.values())
