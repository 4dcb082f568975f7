"""The PDF reader: one page of a born-digital PDF → text blocks with boxes (pdfminer.six, MIT licence).

pdfminer.six is an optional dependency (``pip install 'newsarchive[pdf]'``),
imported only when a PDF is read; without it reading a PDF is a
:class:`ReadError` that says how to install it.  (PyMuPDF is not used: it is
AGPL.)

One page at a time: a one-page PDF is read whatever ``page_number`` says
(that is the newspaper's page number, left unset when not given: the file
does not know it); in a PDF of several pages ``page_number`` (1-based) picks
the page, page 1 by default with a warning.

Blocks are pdfminer's text boxes (its default layout analysis: characters →
lines → boxes, a box ends where the line spacing grows), cut before every
indented line: newspapers set paragraphs without a blank line between them,
so a box holds a column's paragraphs, each opening with an indent
(:func:`paragraphs`); boxes in display type (:data:`TYPE_STEP` over the
page's commonest size) are headers and stay whole.  Their order is
pdfminer's default reading order (its hierarchical grouping of boxes, redone
with ties broken by position so that a PDF reads the same on every run:
:func:`_flow_order`), which the layout transforms replace.  Boxes are converted to the
model's top-left origin.  Each box's dominant font size is measured (the
model has no field for it yet, so the layout transforms use line height);
boxes without text (a rule, an empty frame) are dropped.

A glyph whose font has no Unicode mapping (no ``ToUnicode`` map and a
private encoding, common in typesetters' CID fonts) comes out of pdfminer as
``(cid:N)``; it is kept as U+FFFD and the page carries a warning naming the
fonts.  A page where most characters are unmapped has no usable text layer:
that is a :class:`ReadError` that says to OCR the page instead.

**Input characters** for PDF are the characters pdfminer extracts from the
page's text objects, whitespace aside.
"""

from __future__ import annotations

import heapq
import io
import logging
import os
import re
import threading
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Any, ClassVar, Iterable, Iterator

from ..errors import ReadError
from ..model import BBox, Page, PageMeta, Warning
from . import sniff
from .compat_glyphs import DASHES, RADICAL_TO_IDEOGRAPH
from ..profiles.cjk import FULL_WIDTH_MARKS, SOLID_CLASS, is_solid
from .layout import LayoutBlock, PagedReader, page_from_blocks

__all__ = ["PdfBox", "PdfExtraction", "PdfPages", "PdfReader"]

INSTALL_HINT = "reading PDF needs pdfminer.six: pip install 'newsarchive[pdf]'"
INDENT_MIN = 0.8  # type sizes: a line starting this far right of its box's left edge opens a paragraph ...
INDENT_MAX = 3.0  # ... up to this far (two characters in Chinese, an em or two in English)
FULL_SLACK = 1.0  # type sizes: a line ending within a character of its box's right edge is full (justified)
BOXES_FLOW = 0.5  # pdfminer's default weight of the vertical position against the horizontal in reading order
TYPE_STEP = 1.2  # font sizes: lines of one pdfminer box this far apart are in different types (a headline, its byline)
FLOW_GAP = 0.8  # type sizes: boxes of one column this close are one flow of text (a blank line is wider)
HEADER_LINES = 3  # a headline in display type runs to at most this many lines (longer flows are running text)
VERTICAL_GAP = 1.0  # glyphs: columns of a title set vertically this close side by side are one title
UNMAPPED_MAX = 0.5  # share of a page's characters without a Unicode mapping above which its text layer is unusable
REPLACEMENT = "\ufffd"  # stands for a glyph whose font maps it to no character
_UNMAPPED = re.compile(r"\(cid:\d+\)")  # pdfminer's text for such a glyph
_AS_SHOWN = {**RADICAL_TO_IDEOGRAPH, **DASHES}  # code points a text layer gives for what the glyph shows
# ― beside Chinese text, a dash, a curly quote or a digit (a range, 2024―2028), where it is the Chinese
# dash (a lone ― before a letter is an English quotation dash, and stays).
_CJK_OR_DASH = "0-9\u2014\u2015\u2018-\u201d" + SOLID_CLASS
_CHINESE_BAR = re.compile(f"\u2015(?=[{_CJK_OR_DASH}])|(?<=[{_CJK_OR_DASH}])\u2015")
# Word processors and layout programs space Chinese text without drawing spaces: a justified line's
# characters are set apart (工 代 赈, 0.15 em in LibreOffice's columns) and Latin letters or digits are
# set off from Chinese ("autospace": 今年 1 月, a quarter em).  pdfminer reads a space into any gap
# over a tenth of the type size; such narrow gaps beside Chinese are spacing, not text.
SPACING_MAX = 0.5  # type sizes: a gap beside Chinese text narrower than this is spacing (a padded name's is an em)


@dataclass(frozen=True, slots=True)
class PdfBox:
    """A text box of a PDF page: its lines, its box (top-left origin, points) and dominant font size."""

    lines: tuple[str, ...]
    bbox: BBox
    font_size: float | None


@dataclass(frozen=True, slots=True)
class PdfExtraction:
    """The text boxes of one PDF page, the PDF's page count, and the glyphs no font maps to Unicode."""

    boxes: list[PdfBox]
    page_count: int
    characters: int  # non-space characters on the page, unmapped glyphs included
    unmapped: dict[str, int]  # font name -> glyphs without a Unicode mapping
    radicals: int = 0  # glyphs the text layer gave as radicals (⺠ for 民), read as the ideographs they show


def _pdfminer() -> Any:
    """pdfminer's ``layout`` module (a ReadError naming the extra to install without pdfminer.six)."""
    try:
        from pdfminer import layout
    except ImportError:
        raise ReadError(INSTALL_HINT) from None
    return layout


class PdfPages:
    """A PDF opened once: its pages listed, each extracted on request (reading page after page parses the file once)."""

    def __init__(self, data: bytes) -> None:
        layout = _pdfminer()
        from pdfminer.converter import PDFPageAggregator
        from pdfminer.pdfdocument import PDFDocument
        from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
        from pdfminer.pdfpage import PDFPage
        from pdfminer.pdfparser import PDFParser

        # What pdfminer's high_level.extract_pages does for each call, done once for all the pages.
        self._document = PDFDocument(PDFParser(io.BytesIO(data)))
        self.pages = list(PDFPage.create_pages(self._document))
        self.restricted = not self._document.is_extractable  # its permissions ask that its text not be extracted
        resources = PDFResourceManager(caching=True)
        # pdfminer's own grouping of boxes into a reading order breaks ties by memory address, so it is
        # switched off (boxes_flow=None) and redone by _flow_order with ties broken by position.
        self._device = PDFPageAggregator(resources, laparams=layout.LAParams(boxes_flow=None))
        self._interpreter = PDFPageInterpreter(resources, self._device)

    @property
    def count(self) -> int:
        """The PDF's number of pages."""
        return len(self.pages)

    def extract(self, page_index: int) -> PdfExtraction:
        """Text boxes of page ``page_index`` (0-based) in pdfminer's order, with the PDF's page count."""
        if not 0 <= page_index < self.count:
            raise ReadError(f"the PDF has {self.count} page(s), no page {page_index + 1}")
        self._interpreter.process_page(self.pages[page_index])
        return _extraction(self._device.get_result(), self.count)


def _extraction(page: Any, count: int) -> PdfExtraction:
    """A pdfminer page's text boxes in reading flow, as a :class:`PdfExtraction`."""
    layout = _pdfminer()
    found: list[tuple[list[_Line], float | None]] = []
    unmapped: Counter[str] = Counter()  # font name → glyphs without a mapping
    shown: Counter[str] = Counter()  # code point given → glyphs read as what they show (⺠ read as 民)
    characters = 0
    height = page.height
    for element in _flow_order(page, [e for e in page if isinstance(e, layout.LTTextBox)]):
        # The box's lines, cut where the type changes; each run's character sizes counted as it grows
        # (Counter.most_common(1) is statistics.mode: the first-seen size on ties).
        runs: list[tuple[list[_Line], Counter[float]]] = []
        for line in element:
            if not isinstance(line, layout.LTTextLine):
                continue
            text, sizes, glyphs = _line_text(line, layout.LTChar, unmapped, shown)
            characters += glyphs
            if not text:
                if runs:
                    runs[-1][1].update(sizes)
                continue
            size = _mode(sizes)
            previous = _mode(runs[-1][1]) if runs else None
            if not runs or (size and previous and max(size, previous) >= TYPE_STEP * min(size, previous)):
                runs.append(([], Counter()))
            runs[-1][0].append(_Line(text, BBox(x0=line.x0, y0=height - line.y1, x1=line.x1, y1=height - line.y0)))
            runs[-1][1].update(sizes)
        for lines, sizes in runs:
            found.append((lines, _mode(sizes)))
    boxes = [
        PdfBox(tuple(x.text for x in piece), _union(piece), size)
        for piece, size in _join_vertical_columns(_paragraph_pieces(_column_flows(_rejoin_split_lines(found))))
    ]
    return PdfExtraction(boxes, count, characters, dict(sorted(unmapped.items())), sum(shown.values()))


def _line_text(
    line: Iterable[Any], char_type: type[Any], unmapped: Counter[str], shown: Counter[str]
) -> tuple[str, Counter[float], int]:
    """A pdfminer line's text (runs of whitespace as one space), its characters' sizes and their number.

    A glyph pdfminer could not map reads ``(cid:N)``: it becomes U+FFFD and is
    counted under its font's name in ``unmapped``.  A glyph the text layer maps
    to a radical code point (⺠, ⽔) that shares its glyph with an ideograph
    (民, 水) reads as the ideograph, a two-em dash (one glyph for 「——」) as
    two em dashes, and a horizontal bar (―) in Chinese text as the em dash whose
    glyph it shares there (GB 18030's 「——」); they are counted in ``shown`` by the code point given.
    """
    parts = []
    sizes: Counter[float] = Counter()
    items = list(line)
    for k, item in enumerate(items):
        text = item.get_text()
        if text == " " and not isinstance(item, char_type) and _chinese_spacing(items, k, char_type):
            continue
        if isinstance(item, char_type):
            if _UNMAPPED.fullmatch(text):
                unmapped[item.fontname] += 1
                text = REPLACEMENT
            elif text in _AS_SHOWN:
                shown[text] += 1
                text = _AS_SHOWN[text]
            if text.strip():
                sizes[round(item.size, 1)] += 1
        parts.append(text)
    joined = "".join(parts)
    if "\u2015" in joined:
        joined, bars = _CHINESE_BAR.subn("\u2014", joined)
        shown["\u2015"] += bars
    return " ".join(joined.split()), sizes, sum(sizes.values())


def _chinese_spacing(items: list[Any], k: int, char_type: type[Any]) -> bool:
    """The space pdfminer put in at ``items[k]`` is a narrow undrawn gap beside Chinese text (工 代 赈, 今年 1 月).

    Only between two glyphs on one baseline less than :data:`SPACING_MAX` type sizes apart,
    one of them Chinese (ideograph, CJK or full-width punctuation) and the other Chinese too,
    a mark set full width beside it (“, —) or a Latin letter or digit.  A space the PDF draws
    is a glyph of its own and stays (本报记者 李 婕), and so does a wider gap (a name padded by position).
    """
    if not 0 < k < len(items) - 1:
        return False
    before, after = items[k - 1], items[k + 1]
    if not (isinstance(before, char_type) and isinstance(after, char_type)):
        return False
    # A glyph may map to several characters (one glyph for 「——」): the characters facing the gap count.
    left, right = before.get_text()[-1:], after.get_text()[:1]

    def partner(c: str) -> bool:
        return is_solid(c) or c in FULL_WIDTH_MARKS or (c.isascii() and c.isalnum())

    if not ((is_solid(left) and partner(right)) or (is_solid(right) and partner(left))):
        return False
    size = max(before.size, after.size)
    return abs(after.y0 - before.y0) < 0.5 * size and 0 <= after.x0 - before.x1 < SPACING_MAX * size


def _paragraph_pieces(flows: list[tuple[list[_Line], float | None]]) -> list[tuple[list[_Line], float | None]]:
    """Each flow cut into paragraphs (:func:`paragraphs`), except headers: a few lines in display type.

    Display type is :data:`TYPE_STEP` times the page's commonest size (by lines) or more: a
    headline of three lines with its last one centred is not a column with a section heading.
    A longer flow in large type (an editorial set larger than the rest of the page) is still
    running text, cut as such.
    """
    body = _mode(Counter(size for lines, size in flows if size for _ in lines))

    def header(lines: list[_Line], size: float | None) -> bool:
        return bool(size and body and size >= TYPE_STEP * body and len(lines) <= HEADER_LINES)

    return [(piece, size) for lines, size in flows for piece in ([lines] if header(lines, size) else paragraphs(lines, size))]


def _mode(counts: Counter[float]) -> float | None:
    """The commonest size counted (the first seen on ties), or None."""
    return counts.most_common(1)[0][0] if counts else None


def _flow_order(page: Any, boxes: list[Any]) -> list[Any]:
    """The text boxes in pdfminer's default reading order (``boxes_flow`` 0.5), made deterministic.

    This is pdfminer.six's ``LTLayoutContainer.group_textboxes`` (MIT licence):
    the two nearest boxes or groups (by the area their union adds) are grouped,
    again and again, skipping a pair with another box between them until no
    other pair is left; each group then reads its members top-left to
    bottom-right.  pdfminer breaks ties between equal distances by ``id()`` —
    a memory address — so the same PDF could come out in two orders on two
    runs (on the generated benchmark pages, 1 page in 25 did).  Here each box
    and group is numbered as it is made (boxes in pdfminer's top-down order),
    and the numbers break the ties.
    """
    from pdfminer.layout import LTTextGroupLRTB
    from pdfminer.utils import Plane

    if len(boxes) < 2:
        return boxes

    def dist(a: Any, b: Any) -> float:
        """The area of the two boxes' envelope less their own areas (may be negative)."""
        width = max(a.x1, b.x1) - min(a.x0, b.x0)
        height = max(a.y1, b.y1) - min(a.y0, b.y0)
        return width * height - a.width * a.height - b.width * b.height

    plane: Any = Plane(page.bbox)

    def between(a: Any, b: Any) -> bool:
        """Another box or group stands inside the two's envelope."""
        envelope = (min(a.x0, b.x0), min(a.y0, b.y0), max(a.x1, b.x1), max(a.y1, b.y1))
        return any(o is not a and o is not b for o in plane.find(envelope))

    heap = [(False, dist(a, b), i, j, a, b) for i, a in enumerate(boxes) for j, b in enumerate(boxes) if i < j]
    heapq.heapify(heap)
    plane.extend(boxes)
    number = {id(box): k for k, box in enumerate(boxes)}  # id() only to find an object's number, never to order
    made = len(boxes)
    done: set[int] = set()
    while heap:
        skip_check, d, i, j, a, b = heapq.heappop(heap)
        if i in done or j in done:
            continue
        if not skip_check and between(a, b):
            heapq.heappush(heap, (True, d, i, j, a, b))
            continue
        group = LTTextGroupLRTB([a, b])
        plane.remove(a)
        plane.remove(b)
        done.update((i, j))
        number[id(group)] = made
        for other in plane:
            heapq.heappush(heap, (False, dist(group, other), made, number[id(other)], group, other))
        made += 1
        plane.add(group)
    order: list[Any] = []

    def walk(item: Any) -> None:
        """The boxes of a group, each group's two members read top-left to bottom-right."""
        if not isinstance(item, LTTextGroupLRTB):
            order.append(item)
            return
        # LTTextGroupLRTB.analyze's sort, without re-analysing the boxes (which adds line ends again).
        for child in sorted(item, key=lambda o: (1 - BOXES_FLOW) * o.x0 - (1 + BOXES_FLOW) * (o.y0 + o.y1)):
            walk(child)

    for group in plane:
        walk(group)
    return order


def _rejoin_split_lines(found: list[tuple[list[_Line], float | None]]) -> list[tuple[list[_Line], float | None]]:
    """Pieces of one line that pdfminer cut apart, joined again (boxes left empty are dropped).

    pdfminer ends a line where the gap between two characters exceeds twice
    a character's width, so a justified line of few words in a narrow column
    ("Government   had   already   taken") comes out in several boxes.  Pieces
    on one baseline, in one type size, that all lie within one column of
    running text in that type (the width of a box of three lines or more: a
    gutter never lies inside one) are one line, read left to right.  The
    column must be in the pieces' type: a headline of three lines spans the
    columns under it, gutter and all.
    """
    columns = [(_union(lines), size) for lines, size in found if len(lines) >= 3 and size]
    if not columns:
        return found
    entries = sorted(
        ((line.bbox.y0, line.bbox.x0, k, i) for k, (lines, size) in enumerate(found) if size for i, line in enumerate(lines)),
    )
    merged: dict[tuple[int, int], _Line] = {}  # (box, line) → the line with the pieces after it joined on
    dropped: set[tuple[int, int]] = set()
    group: list[tuple[int, int]] = []

    def flush() -> None:
        pieces = sorted(group, key=lambda ki: found[ki[0]][0][ki[1]].bbox.x0)
        anchor = pieces[0]
        for ki in pieces[1:]:
            first, line = merged.get(anchor, found[anchor[0]][0][anchor[1]]), found[ki[0]][0][ki[1]]
            size = found[ki[0]][1] or 0.0
            same = found[ki[0]][1] == found[anchor[0]][1]
            inside = any(
                c.x0 - size <= first.bbox.x0 and line.bbox.x1 <= c.x1 + size for c, in_type in columns if in_type == size
            )
            if ki[0] != anchor[0] and same and inside and line.bbox.x0 >= first.bbox.x1 - size:
                merged[anchor] = _Line(f"{first.text} {line.text}", _union([first, line]))
                dropped.add(ki)
            else:
                anchor = ki
        group.clear()

    for y0, _, k, i in entries:
        type_size = found[k][1] or 0.0
        if group and abs(found[group[0][0]][0][group[0][1]].bbox.y0 - y0) > 0.3 * type_size:
            flush()
        group.append((k, i))
    if group:
        flush()
    out = []
    for k, (lines, size) in enumerate(found):
        kept = [merged.get((k, i), line) for i, line in enumerate(lines) if (k, i) not in dropped]
        if kept:
            out.append((kept, size))
    return out


def _column_flows(found: list[tuple[list[_Line], float | None]]) -> list[tuple[list[_Line], float | None]]:
    """pdfminer's boxes, with those that continue each other down a column merged (in pdfminer's order).

    pdfminer keeps two lines in one box only when they are aligned left, right
    or centre; a paragraph's indented first line and a short last line break
    that, so a column set without blank lines comes out in pieces that cut
    paragraphs anywhere.  Boxes in the same type size, overlapping over most of
    the narrower one's width, with no more than :data:`FLOW_GAP` type sizes
    between the one's last line and the other's first (the leading of running
    text, less than a blank line), are one flow of text again; :func:`paragraphs`
    then cuts it where paragraphs begin.
    """
    envelopes = [_union(lines) for lines, _ in found]
    order = sorted(range(len(found)), key=lambda k: envelopes[k].y0)
    merged_into: dict[int, int] = {}
    extent: dict[int, BBox] = {}  # open flow (its first box) → the flow's box so far
    for k in order:
        size = found[k][1]
        box = envelopes[k]
        # Boxes come top to bottom: a flow ending far above this box can take no later box either.
        for head in [h for h, flow in extent.items() if box.y0 - flow.y1 > FLOW_GAP * (found[h][1] or 0)]:
            del extent[head]
        best = None
        for head, flow in extent.items() if size else ():
            if size is None or found[head][1] != size:  # (never None here: a type checker's narrowing)
                continue
            # Against the flow's whole width: an indented line or a lone "。" overlaps its column, not its neighbour.
            overlap = min(flow.x1, box.x1) - max(flow.x0, box.x0)
            gap = box.y0 - flow.y1
            if overlap >= 0.5 * min(flow.x1 - flow.x0, box.x1 - box.x0) and -0.2 * size <= gap <= FLOW_GAP * size:
                if best is None or gap < best[0]:
                    best = (gap, head)
        if best is None:
            extent[k] = box
        else:
            merged_into[k] = best[1]
            extent[best[1]] = _envelope((extent[best[1]], box))
    flows: dict[int, list[_Line]] = {}
    for k in range(len(found)):
        flows.setdefault(merged_into.get(k, k), []).extend(found[k][0])
    return [(sorted(lines, key=lambda x: x.bbox.y0), found[k][1]) for k, lines in flows.items()]


def _join_vertical_columns(found: list[tuple[list[_Line], float | None]]) -> list[tuple[list[_Line], float | None]]:
    """The columns of a title set vertically in several columns, one block read right to left.

    A two-part title down the side of a feature (护越冬候鸟 / 保一方平安) is set in
    two columns of one glyph a line; pdfminer gives each column as a box.  Boxes
    of single Chinese glyphs stacked, in one type size and width, side by side
    with a gap of at most :data:`VERTICAL_GAP` glyphs and tops within a glyph,
    are one block, the right column first, at the right column's place.
    """
    stacks = [k for k, (lines, _) in enumerate(found) if len(lines) >= 2 and all(_one_glyph(x.text) for x in lines)]
    if len(stacks) < 2:
        return found
    boxes = {k: _union(found[k][0]) for k in stacks}
    next_left: dict[int, int] = {}  # a column → the column read after it (the nearest on its left)
    for k in stacks:
        right = boxes[k]
        best = None
        for j in stacks:
            left = boxes[j]
            widths = sorted((left.x1 - left.x0, right.x1 - right.x0))
            size_j, size_k = found[j][1], found[k][1]
            if (
                j != k
                and size_j
                and size_k
                and abs(size_j - size_k) <= 0.05 * size_k
                and widths[1] <= 1.25 * widths[0]
                and 0 <= right.x0 - left.x1 <= VERTICAL_GAP * widths[0]
                and abs(left.y0 - right.y0) <= widths[0]
                and (best is None or left.x1 > boxes[best].x1)
            ):
                best = j
        if best is not None:
            next_left[k] = best
    claimed = set(next_left.values())
    joined: dict[int, list[_Line]] = {}
    absorbed: set[int] = set()
    for start in [k for k in next_left if k not in claimed]:  # rightmost columns
        chain = [start]
        while chain[-1] in next_left and next_left[chain[-1]] not in chain:
            chain.append(next_left[chain[-1]])
        joined[start] = [line for k in chain for line in found[k][0]]
        absorbed.update(chain[1:])
    return [(joined.get(k, lines), size) for k, (lines, size) in enumerate(found) if k not in absorbed]


def _one_glyph(text: str) -> bool:
    """A line of one glyph set solid (a Chinese character or full-width mark), as a column set vertically has."""
    return len(text) == 1 and is_solid(text)


@dataclass(frozen=True, slots=True)
class _Line:
    text: str
    bbox: BBox


def _envelope(boxes: Iterable[BBox]) -> BBox:
    """The smallest box holding all of ``boxes``."""
    boxes = list(boxes)
    return BBox(
        x0=min(b.x0 for b in boxes), y0=min(b.y0 for b in boxes), x1=max(b.x1 for b in boxes), y1=max(b.y1 for b in boxes)
    )


def _union(lines: list[_Line]) -> BBox:
    """The box of some lines."""
    return _envelope(x.bbox for x in lines)


def paragraphs(lines: list[_Line], size: float | None) -> list[list[_Line]]:
    """A text box's lines cut before each line indented from the box's left edge (a paragraph's first line).

    Newspapers set paragraphs without a blank line between them, so pdfminer
    gives a column's paragraphs as one box; the first line of each is
    indented (two characters in Chinese, about one in English).  In a box of
    flush-left lines (at least half start at its left edge), a line that
    starts :data:`INDENT_MIN` to :data:`INDENT_MAX` type sizes right of that
    edge opens a new piece when it is full (runs to the right edge, as
    justified lines do), the line before it ends short, or the box has three
    lines or more; in a box of three lines or more a centred line (a section
    heading) is a piece of its own.  So each paragraph is its own fragment.
    Centred boxes (a header) are left whole.
    """
    if len(lines) < 2 or not size:
        return [lines]
    left = min(x.bbox.x0 for x in lines)
    right = max(x.bbox.x1 for x in lines)

    def full(line: _Line) -> bool:  # runs to the right edge, as justified lines do
        return right - line.bbox.x1 <= FULL_SLACK * size

    def set_in(line: _Line) -> bool:  # a paragraph's first line: set in by the indent, and full
        return INDENT_MIN * size <= line.bbox.x0 - left <= INDENT_MAX * size and full(line)

    # Running text is flush left but for its paragraphs' first lines (a question and its answer: two of three).
    if sum(1 for x in lines if x.bbox.x0 - left <= FULL_SLACK * size or set_in(x)) * 2 < len(lines):
        return [lines]  # not flush-left running text: the centred lines of a header
    def centred(line: _Line) -> bool:  # a heading set between paragraphs of the column
        margin = line.bbox.x0 - left
        return not full(line) and margin >= INDENT_MIN * size and abs(margin - (right - line.bbox.x1)) <= size

    pieces: list[list[_Line]] = [[lines[0]]]
    for previous, line in zip(lines, lines[1:]):
        indented = INDENT_MIN * size <= line.bbox.x0 - left <= INDENT_MAX * size
        # A paragraph's first line is full unless the paragraph is one line.  A short indented line right
        # after a full one is also the second line of a centred two-line title: in a column of three
        # lines or more it opens a one-line paragraph.  In such a column a centred line is a heading.
        heading = len(lines) >= 3 and (centred(line) or centred(previous))
        if heading or (indented and (full(line) or not full(previous) or len(lines) >= 3)):
            pieces.append([line])
        else:
            pieces[-1].append(line)
    return pieces


class PdfReader(PagedReader[tuple[PdfPages, list[Warning]]]):
    """Read one page of a born-digital PDF as text blocks with boxes."""

    name: ClassVar[str] = "pdf"

    @classmethod
    def sniff(cls, data: bytes) -> bool:
        """The PDF header ``%PDF-`` near the start (the specification allows 1 KiB of junk before it)."""
        return sniff.pdf(data)

    @classmethod
    def pages(cls, data: bytes, *, encoding: str | None = None) -> tuple[int, ...]:
        """The numbers (1-based) of the PDF's pages; ``encoding`` is ignored."""
        _pdfminer()
        try:
            with _pdfminer_messages(None):  # what pdfminer says is said again when a page is read, as a warning
                count = PdfPages(data).count
        except Exception as exc:  # pdfminer raises assorted errors on encrypted or broken files: read() names them
            if type(exc).__module__.startswith("pdfminer") or _raised_in_pdfminer(exc) or isinstance(exc, (ValueError, TypeError, KeyError)):
                return (1,)
            raise
        return tuple(range(1, count + 1)) if count > 1 else (1,)

    def _open(self, data: bytes, meta: PageMeta, encoding: str | None) -> tuple[PdfPages, list[Warning]]:
        """The PDF opened, and what pdfminer said while opening it (a permissions notice); ``encoding`` is ignored (PDF text is decoded by its fonts).

        Opening a PDF lists its pages, which parses much of the file: read page by page
        through ``read``, a document of N pages would be opened N times.
        """
        _pdfminer()  # fail early, and clearly, without pdfminer.six
        with _pdf_errors(meta.source), _pdfminer_messages(meta.source) as reported:
            document = PdfPages(data)
        if document.restricted:
            reported.append(Warning(code="pdf-extraction-restricted", message=_RESTRICTED_NOTE, source=meta.source))
        if document.count == 0:
            raise ReadError("cannot read PDF: it has no readable page (damaged, or an empty page tree)", source=meta.source)
        return document, reported

    def _read_page(self, opened: tuple[PdfPages, list[Warning]], meta: PageMeta, encoding: str | None) -> Page:
        """The page ``meta.page_number`` names (the first without one) of an opened PDF: its text boxes."""
        document, opening = opened
        warnings: list[Warning] = []
        index = self._page_index(document.count, meta, warnings)
        with _pdf_errors(meta.source), _pdfminer_messages(meta.source) as reported:
            extraction = document.extract(index)
        # Each message once per page read, as where the page is read alone (opening the file, then the page).
        warnings.extend(opening)
        warnings.extend(w for w in reported if w not in opening)
        warnings.extend(_unmapped_check(extraction, index, meta.source))
        if extraction.radicals:
            warnings.append(
                Warning(
                    code="pdf-radical-glyphs",
                    message=f"{extraction.radicals} characters on page {index + 1} were mapped by the PDF's text layer to "
                    "radical or dash code points (⺠ for 民, ⸺ or ―― for ——); read as the characters their glyphs show",
                    source=meta.source,
                )
            )
        number = meta.page_number if meta.page_number is not None else index + 1
        blocks = [
            LayoutBlock(id=f"p{index + 1}b{k + 1}", lines=b.lines, bbox=b.bbox, page=number)
            for k, b in enumerate(extraction.boxes)
        ]
        # A one-page PDF says nothing of the newspaper's page number (its running head may: see the
        # running-heads transform); in a PDF of several pages the position read is the best guess.
        page_number = number if meta.page_number is not None or extraction.page_count > 1 else None
        page = page_from_blocks(blocks, meta=replace(meta, page_number=page_number), encoding=None, warnings=warnings)
        if not page.fragments:
            raise ReadError(f"no text on page {index + 1} of the PDF (a scanned page needs OCR first)", source=meta.source)
        return page

    @staticmethod
    def _page_index(count: int, meta: PageMeta, warnings: list[Warning]) -> int:
        """The 0-based index of the page to read (a page-choice warning added)."""
        if count == 1:
            return 0
        if meta.page_number is not None:
            return meta.page_number - 1
        warnings.append(
            Warning(
                code="pdf-page",
                message=f"the PDF has {count} pages; page 1 was read (choose one with --page)",
                source=meta.source,
            )
        )
        return 0


@contextmanager
def _pdf_errors(source: str | None) -> Iterator[None]:
    """pdfminer's assorted errors on encrypted or broken files as one-line ReadErrors naming the file."""
    from pdfminer.pdfdocument import PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psparser import PSException

    try:
        yield
    except PDFPasswordIncorrect:
        raise ReadError("cannot read PDF: it is encrypted with a password", source=source) from None
    except ReadError as exc:
        raise ReadError(exc.message, source=source) from None
    except (PDFSyntaxError, PSException, ValueError, TypeError, KeyError) as exc:
        raise ReadError(f"cannot read PDF: {str(exc) or type(exc).__name__}", source=source) from None
    except Exception as exc:  # pdfminer raises assorted errors on encrypted or broken files
        if type(exc).__module__.startswith("pdfminer") or _raised_in_pdfminer(exc):
            raise ReadError(f"cannot read PDF: {type(exc).__name__}: {exc}", source=source) from None
        raise


def _raised_in_pdfminer(exc: BaseException) -> bool:
    """The exception was raised by pdfminer's own code (its parser asserts on some damaged files), not by ours."""
    import pdfminer

    folder = os.path.dirname(os.path.abspath(pdfminer.__file__)) + os.sep
    tb = exc.__traceback__
    last = None
    while tb is not None:
        last = tb
        tb = tb.tb_next
    return last is not None and os.path.abspath(last.tb_frame.f_code.co_filename).startswith(folder)


def _unmapped_check(extraction: PdfExtraction, index: int, source: str | None) -> list[Warning]:
    """A warning for glyphs kept as U+FFFD; a ReadError when they are most of the page's text."""
    missing = sum(extraction.unmapped.values())
    if not missing:
        return []
    fonts = ", ".join(f"{name} ({n})" for name, n in extraction.unmapped.items())
    where = f"{missing} of {extraction.characters} characters on page {index + 1}"
    if missing > UNMAPPED_MAX * extraction.characters:
        raise ReadError(
            f"{where} have no Unicode mapping in their fonts ({fonts}): the text layer cannot be read; "
            "OCR the page image instead",
            source=source,
        )
    return [
        Warning(
            code="pdf-unmapped-glyphs",
            message=f"{where} have no Unicode mapping in their fonts ({fonts}); they are kept as U+FFFD",
            source=source,
        )
    ]


_RESTRICTED_NOTE = "the PDF's permissions ask that its text not be extracted; it was extracted"
_OBJECT_AT = re.compile(r"<[\w.]+ object at 0x[0-9a-f]+>")  # a repr with a memory address: not the same on two runs


@contextmanager
def _pdfminer_messages(source: str | None) -> Iterator[list[Warning]]:
    """Collect what pdfminer logs (WARNING and up, this thread) while reading, as warnings, once each.

    Without a handler of its own a library's warnings go to stderr through
    logging's last-resort handler, outside the page's warnings; here they
    become data, with the file's repr (a memory address) replaced so the
    output is the same on every run.
    """
    found: list[Warning] = []
    seen: set[str] = set()
    thread = threading.get_ident()

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if record.thread != thread:
                return
            text = "pdfminer: " + _OBJECT_AT.sub("the PDF", record.getMessage())
            if text not in seen:
                seen.add(text)
                found.append(Warning(code="pdf-extractor", message=text, source=source))

    handler = Collect(logging.WARNING)
    logger = logging.getLogger("pdfminer")
    logger.addHandler(handler)
    try:
        yield found
    finally:
        logger.removeHandler(handler)
