"""Shared by the readers with geometry (ALTO, hOCR, PDF): text blocks with boxes → a page of fragments.

A geometric reader finds *layout blocks* (an ALTO TextBlock, an hOCR
``ocr_carea``/``ocr_par``, a PDF text box), each with an id, its lines and a
box.  :func:`page_from_blocks` turns them into :class:`Fragment` s the same
way for every format, so the reorder pipeline sees one kind of input:

* ``text`` is the block's lines joined with ``\\n`` (exactly the characters
  the reader took from the input, see each reader for what "input
  characters" means for its format);
* ``start``/``end``/``line`` are offsets into the page's text *as the reader
  lays it out*: the blocks in input order, one blank line between blocks —
  what the plain-text reader would report for the same page dumped to text,
  so provenance means the same thing for every reader;
* ``gap_before`` is 2 (one blank line) between blocks, 0 before the first:
  layout evidence in the plain-text sense; the geometry transform replaces it
  with evidence from the boxes.

Language: readers of layout formats rarely know the language (ALTO and hOCR
seldom say, a PDF never reliably).  When the caller left
:class:`PageMeta`'s default language and the page has (almost) no CJK text,
the page is declared ``en`` so the English profile is used; an explicit
``--language`` always wins.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, replace
from typing import Callable, Generic, Iterable, Iterator, Sequence, TypeVar

from ..errors import ReadError
from ..languages import guess_language
from ..model import BBox, Fragment, Page, PageMeta, Warning
from ..profiles.cjk import is_mark, is_solid

__all__ = [
    "LayoutBlock",
    "PagedReader",
    "document_pages",
    "filled_pages",
    "join_words",
    "page_from_blocks",
    "regroup_lines",
    "solid_type_size",
    "unique_id",
]

_PageT = TypeVar("_PageT")
_OpenedT = TypeVar("_OpenedT")


class PagedReader(Generic[_OpenedT]):
    """A reader of documents that hold several pages: the document is opened once, then read page by page.

    A subclass says how to open a document (``_open``: parse it, find its pages) and
    how to read one page of the opened document (``_read_page``); ``read`` and
    ``read_pages`` are the same two steps for every such format.
    """

    def _open(self, data: bytes, meta: PageMeta, encoding: str | None) -> _OpenedT:
        """The document parsed, with what reading its pages needs (raises ReadError if it cannot be)."""
        raise NotImplementedError

    def _read_page(self, opened: _OpenedT, meta: PageMeta, encoding: str | None) -> Page:
        """The page ``meta.page_number`` picks of the opened document (without one, as the format's reader says)."""
        raise NotImplementedError

    def read(self, data: bytes, *, meta: PageMeta, encoding: str | None = None) -> Page:
        """The page ``meta.page_number`` names by its place (1-based); see the reader's class for a document read without one."""
        return self._read_page(self._open(data, meta, encoding), meta, encoding)

    def read_pages(self, data: bytes, *, meta: PageMeta, numbers: Iterable[int], encoding: str | None = None) -> Iterator[Page]:
        """The pages at these places (1-based), each as ``read`` with that page number gives it, from one opening of the document."""
        opened = self._open(data, meta, encoding)
        for number in numbers:
            yield self._read_page(opened, replace(meta, page_number=number), encoding)


def filled_pages(pages: Sequence[_PageT], has_text: Callable[[_PageT], bool]) -> tuple[int, ...]:
    """The places (1-based) of a document's pages with text, ``(1,)`` unless there are several (a reader's ``pages()``)."""
    filled = tuple(k for k, page in enumerate(pages, start=1) if has_text(page))
    return filled if len(filled) > 1 else (1,)


def document_pages(
    pages: Sequence[_PageT], has_text: Callable[[_PageT], bool], meta: PageMeta, *, kind: str
) -> tuple[list[tuple[int, _PageT]], list[Warning]]:
    """The pages of a document to read as one page, each with its place (1-based), and a warning if that is several.

    A document of one page with text is read whole.  Of several, the page that
    ``meta.page_number`` names by its place is read alone (a blank one is a
    ReadError); without a page number all are read as one page, so no character is
    left out, with a ``several-pages`` warning (``newsarchive convert`` reads each on its own).
    """
    placed = list(enumerate(pages, start=1))
    filled = filled_pages(pages, has_text)
    if len(filled) == 1:
        return placed, []
    number = meta.page_number
    if number is None:
        message = (
            f"the {kind} document has {len(filled)} pages with text, read as one page: articles may be joined across "
            "them (`newsarchive convert FILE` converts each page on its own; --page picks one)"
        )
        return placed, [Warning(code="several-pages", message=message, source=meta.source)]
    if not 1 <= number <= len(pages):
        raise ReadError(f"the {kind} document has {len(pages)} pages; there is no page {number}", source=meta.source)
    if number not in filled:
        raise ReadError(f"page {number} of the {kind} document is blank", source=meta.source)
    return [placed[number - 1]], []


# OCR engines mark word boundaries in text set solid too (Tesseract after almost every Chinese
# character), where the print has no space.  Where such text meets, a space is kept only across a
# gap this many type sizes wide; justified Chinese lines of Tesseract output on generated pages
# have gaps of up to 0.9 between the characters' ink.
SOLID_SPACE_MIN = 1.0
# OCR engines segment by whitespace, not by type: Tesseract puts a headline's last line and the
# byline under it in one block, and cuts one headline line into pieces side by side where its
# words stand apart.  :func:`regroup_lines` undoes both, measured in line heights:
TYPE_STEP = 1.4  # consecutive lines of a block this much taller or shorter are set in another type ...
SIZED_HEIGHT_STEP = 1.2  # ... or this much, where the engine's type sizes are TYPE_STEP apart as well
BLANK_LINE = 1.0  # line heights of space between two lines of one block: a blank line, a block boundary
SIDE_GAP = 1.5  # one-line blocks side by side this close, ...
SIDE_OVERLAP = 0.6  # ... overlapping this much of the lower one's height ...
SIDE_HEIGHTS = 1.3  # ... with heights this close, are one line cut apart
MARK_WIDTH = 1.5  # a "line" narrower than this many heights is a mark (a stray ?), not type to measure
STACK_GAP = 0.6  # display lines (TYPE_STEP x the page's common line height) this close one above the other ...
STACK_LINES = 4  # ... in blocks of at most this many lines (a headline's) are one headline


@dataclass(frozen=True, slots=True)
class LayoutBlock:
    """One text block found by a geometric reader: id, lines (already joined within), box, page.

    OCR readers also give each line's box, id and type size where the engine
    measures one (``line_boxes``, ``line_ids``, ``line_sizes``: empty or one per
    line) for :func:`regroup_lines`.
    """

    id: str
    lines: tuple[str, ...]
    bbox: BBox | None
    page: int | None = None
    line_boxes: tuple[BBox | None, ...] = ()
    line_ids: tuple[str | None, ...] = ()
    line_sizes: tuple[float | None, ...] = ()


def _mostly_solid(text: str) -> bool:
    """Most of the text's non-space characters are set solid (Chinese, Japanese)."""
    flat = "".join(text.split())
    return bool(flat) and 2 * sum(map(is_solid, flat)) > len(flat)


def join_words(words: Sequence[tuple[str, float | None, float | None]], size: float | None) -> str:
    """A line's words (text, left, right) as printed: a space between words, none inside text set solid.

    Where a word ends or the next begins with a character set solid (Chinese,
    Japanese), the two join without a space unless the gap between their boxes
    is at least :data:`SOLID_SPACE_MIN` type sizes (``size``): a name padded
    with a full-width space, two names set apart; never beside Chinese
    punctuation, whose ink sits in a corner of its square (，。) or at one side (“」), so the gap an
    OCR engine measures beside it is no space (清晨 ， reads 清晨，).  Without boxes or a size they join directly.
    """
    out: list[str] = []
    right: float | None = None
    for text, x0, x1 in words:
        if not text:
            continue
        if out:
            if not (is_solid(out[-1][-1]) or is_solid(text[0])):
                out.append(" ")
            elif (
                size
                and right is not None
                and x0 is not None
                and x0 - right >= SOLID_SPACE_MIN * size
                and not (is_mark(out[-1][-1]) or is_mark(text[0]))
            ):
                out.append(" ")
        out.append(text)
        right = x1
    return "".join(out)


def solid_type_size(words: Sequence[tuple[str, float | None, float | None]], fallback: float | None) -> float | None:
    """A line's type size from its words: the median width of its one-character words set solid, else ``fallback``.

    A Han character fills a square of the type size nearly to its edges, so its box
    measures the type; a line's height measures only the ink, smaller than the type.
    """
    widths = sorted(
        x1 - x0
        for text, x0, x1 in words
        if len(text) == 1 and is_solid(text) and x0 is not None and x1 is not None and x1 > x0
    )
    return widths[len(widths) // 2] if len(widths) >= 3 else fallback


def _height(box: BBox) -> float:
    return box.y1 - box.y0


def _envelope(boxes: Iterable[BBox]) -> BBox:
    boxes = list(boxes)
    return BBox(
        x0=min(b.x0 for b in boxes), y0=min(b.y0 for b in boxes), x1=max(b.x1 for b in boxes), y1=max(b.y1 for b in boxes)
    )


def _type_changes(a: BBox | None, b: BBox | None, size_a: float | None, size_b: float | None) -> bool:
    """Two consecutive lines are set in different types: sizes TYPE_STEP apart, both real lines.

    By the lines' heights; where the engine gives type sizes (Tesseract's
    ``x_size``, used for Latin lines) they must differ too, and then a smaller
    difference in height will do: the ink's height varies with ascenders and
    descenders in Latin text (Year Pause over By Daniel Okonkwo: heights 1.29
    apart, sizes 1.68).
    """
    if a is None or b is None or min(_height(a), _height(b)) <= 0:
        return False
    if any(box.x1 - box.x0 < MARK_WIDTH * _height(box) for box in (a, b)):
        return False
    heights = max(_height(a), _height(b)) / min(_height(a), _height(b))
    if size_a and size_b:
        return max(size_a, size_b) >= TYPE_STEP * min(size_a, size_b) and heights >= SIZED_HEIGHT_STEP
    return heights >= TYPE_STEP


def _blank_between(a: BBox | None, b: BBox | None) -> bool:
    """A blank line's height (:data:`BLANK_LINE` times the taller line's) or more stands between two consecutive lines.

    Lines of one paragraph or header stand closer; an engine grouping by whitespace still puts a
    byline and a heading of the column under it in one block (本报记者 林丽鹂 / 消费者如何维权?).
    """
    if a is None or b is None or min(_height(a), _height(b)) <= 0:
        return False
    # The taller line: a stray mark under a paragraph (7? for a small ？) is low, not a blank line away.
    return b.y0 - a.y1 >= BLANK_LINE * max(_height(a), _height(b))


def _split_by_type(block: LayoutBlock) -> list[LayoutBlock]:
    """The block cut where its lines change type (a headline's last line, then the byline) or a blank line parts them."""
    boxes = block.line_boxes
    if len(block.lines) < 2 or len(boxes) != len(block.lines):
        return [block]
    sizes = block.line_sizes if len(block.line_sizes) == len(boxes) else (None,) * len(boxes)
    # Square glyphs fill their lines whatever the characters, so the height of a line of Chinese
    # measures its type; the engine's size of such a line varies with its punctuation and digits.
    sizes = tuple(None if _mostly_solid(line) else size for line, size in zip(block.lines, sizes))
    cuts = [
        k
        for k in range(1, len(boxes))
        if _type_changes(boxes[k - 1], boxes[k], sizes[k - 1], sizes[k]) or _blank_between(boxes[k - 1], boxes[k])
    ]
    if not cuts:
        return [block]
    ids = block.line_ids if len(block.line_ids) == len(block.lines) else (None,) * len(block.lines)
    pieces = []
    for n, (start, end) in enumerate(zip([0, *cuts], [*cuts, len(boxes)])):
        known = [b for b in boxes[start:end] if b is not None]
        pieces.append(
            LayoutBlock(
                # The first piece keeps the block's id; the others are named by their first line.
                id=block.id if n == 0 else (ids[start] or f"{block.id}-{n + 1}"),
                lines=block.lines[start:end],
                bbox=_envelope(known) if known else block.bbox,
                page=block.page,
                line_boxes=boxes[start:end],
                line_ids=ids[start:end],
                line_sizes=sizes[start:end],
            )
        )
    return pieces


def _side_by_side(left: LayoutBlock, right: LayoutBlock) -> bool:
    """``right`` continues ``left``'s one line: same height, same place in the page's height, a small gap."""
    a, b = left.bbox, right.bbox
    if a is None or b is None or left.page != right.page or min(_height(a), _height(b)) <= 0:
        return False
    low, high = sorted((_height(a), _height(b)))
    overlap = min(a.y1, b.y1) - max(a.y0, b.y0)
    return high <= SIDE_HEIGHTS * low and overlap >= SIDE_OVERLAP * low and 0 <= b.x0 - a.x1 <= SIDE_GAP * high


def regroup_lines(blocks: Sequence[LayoutBlock]) -> list[LayoutBlock]:
    """OCR blocks as set: cut where the type changes between lines, one line's pieces joined, display lines stacked.

    A block whose lines change type is cut there (:func:`_split_by_type`); the
    pieces of one line side by side become one line (:func:`_join_side_by_side`);
    the lines of a headline in display type, each a block of its own, become
    one block (:func:`_stack_display_lines`).  A regrouped block takes the place
    and id of its part that came first in the input; a piece cut off a block
    is named by its first line's id.  For OCR engines that segment by
    whitespace (hOCR); not for ALTO, whose TextBlocks are the units a
    publisher's METS refers to (on the 1824 issue, cutting them at type changes
    lowered successors from 0.86 to 0.81).
    """
    pieces = [piece for block in blocks for piece in _split_by_type(block)]
    return _stack_display_lines(_join_side_by_side(pieces))


def _chains(links: dict[int, int], pieces: Sequence[LayoutBlock], nearer: Callable[[int, int], bool]) -> list[list[int]]:
    """Chains of pieces along ``links`` (piece → next piece), a piece claimed twice going to the ``nearer`` claimant."""
    claimant: dict[int, int] = {}
    for k, j in links.items():
        if j not in claimant or nearer(k, claimant[j]):
            claimant[j] = k
    links = {k: j for j, k in claimant.items()}
    chains = []
    for start in sorted(k for k in links if k not in claimant):
        chain = [start]
        while chain[-1] in links and links[chain[-1]] not in chain:
            chain.append(links[chain[-1]])
        chains.append(chain)
    return chains


def _merged(pieces: Sequence[LayoutBlock], chains: list[list[int]], lines_of: Callable[[list[LayoutBlock]], tuple[str, ...]]) -> list[LayoutBlock]:
    """The pieces with each chain made one block, at the place and with the id of its first piece in input order."""
    joined: dict[int, LayoutBlock] = {}
    absorbed: set[int] = set()
    for chain in chains:
        parts = [pieces[k] for k in chain]
        box = _envelope(p.bbox for p in parts if p.bbox is not None)
        lines = lines_of(parts)
        first = min(chain)
        line_boxes = tuple(b for p in parts for b in p.line_boxes) if len(lines) > 1 else (box,)
        line_ids = tuple(i for p in parts for i in p.line_ids) if len(lines) > 1 else pieces[first].line_ids[:1]
        line_sizes = tuple(z for p in parts for z in p.line_sizes) if len(lines) > 1 else pieces[first].line_sizes[:1]
        joined[first] = replace(
            pieces[first], lines=lines, bbox=box, line_boxes=line_boxes, line_ids=line_ids, line_sizes=line_sizes
        )
        absorbed.update(k for k in chain if k != first)
    return [joined.get(k, p) for k, p in enumerate(pieces) if k not in absorbed]


def _partners(
    pieces: Sequence[LayoutBlock],
    keys: Iterable[int],
    tops_within: Callable[[BBox], tuple[float, float]],
    fits: Callable[[int, int], bool],
    nearest: Callable[[int], float],
) -> dict[int, int]:
    """Each piece's partner: of the pieces whose top lies in ``tops_within(its box)`` and that ``fit``, the ``nearest``.

    A sweep over the pieces sorted by their tops (bisect), so a page of many
    one-line blocks (a table) costs n log n, not n² comparisons.
    """
    ordered = sorted(keys, key=lambda k: pieces[k].bbox.y0)  # type: ignore[union-attr]
    tops = [pieces[k].bbox.y0 for k in ordered]  # type: ignore[union-attr]
    found: dict[int, int] = {}
    for k in ordered:
        low, high = tops_within(pieces[k].bbox)  # type: ignore[arg-type]
        candidates = [j for j in ordered[bisect.bisect_left(tops, low) : bisect.bisect_right(tops, high)] if j != k and fits(k, j)]
        if candidates:
            found[k] = min(candidates, key=nearest)
    return found


def _join_side_by_side(pieces: list[LayoutBlock]) -> list[LayoutBlock]:
    """One-line pieces side by side that continue one line (:func:`_side_by_side`) joined as words of one line."""
    right_of = _partners(
        pieces,
        (k for k, p in enumerate(pieces) if len(p.lines) == 1 and p.bbox is not None),
        lambda a: (a.y0 - SIDE_HEIGHTS * _height(a), a.y1),  # a piece level with this one starts within a line's height
        lambda k, j: _side_by_side(pieces[k], pieces[j]),
        lambda j: pieces[j].bbox.x0,  # type: ignore[union-attr]
    )
    if not right_of:
        return pieces

    def one_line(parts: list[LayoutBlock]) -> tuple[str, ...]:
        height = max(_height(p.bbox) for p in parts if p.bbox is not None)
        return (join_words([(p.lines[0], p.bbox.x0, p.bbox.x1) for p in parts if p.bbox is not None], height),)

    def ends_further_right(k: int, other: int) -> bool:
        return pieces[k].bbox.x1 > pieces[other].bbox.x1  # type: ignore[union-attr]

    return _merged(pieces, _chains(right_of, pieces, ends_further_right), one_line)


def _latin_sizes(piece: LayoutBlock) -> tuple[float | None, ...]:
    """The engine's type size of each line of Latin text (None for Chinese lines and where it gives none)."""
    sizes = piece.line_sizes if len(piece.line_sizes) == len(piece.lines) else (None,) * len(piece.lines)
    return tuple(None if _mostly_solid(line) else size for line, size in zip(piece.lines, sizes))


def _stacked(upper: LayoutBlock, lower: LayoutBlock) -> bool:
    """``lower`` goes on with ``upper``'s headline: the same type, close below its last line, one over the other."""
    a, b = upper.bbox, lower.bbox
    if a is None or b is None or upper.page != lower.page or not upper.line_boxes or not lower.line_boxes:
        return False
    last, first = upper.line_boxes[-1], lower.line_boxes[0]
    if last is None or first is None or min(_height(last), _height(first)) <= 0:
        return False
    size_last, size_first = _latin_sizes(upper)[-1], _latin_sizes(lower)[0]
    low, high = sorted((size_last, size_first) if size_last and size_first else (_height(last), _height(first)))
    gap = first.y0 - last.y1
    return high <= SIDE_HEIGHTS * low and 0 <= gap <= STACK_GAP * max(_height(last), _height(first)) and min(a.x1, b.x1) > max(a.x0, b.x0)


def _stack_display_lines(pieces: list[LayoutBlock]) -> list[LayoutBlock]:
    """Blocks of a few lines in display type stacked close, one under the other: the lines of one headline."""
    heights = sorted(_height(b) for p in pieces for b in p.line_boxes if b is not None and _height(b) > 0)
    if not heights:
        return pieces
    common_height = heights[len(heights) // 2]
    sizes = sorted(z for p in pieces for z in _latin_sizes(p) if z)
    common_size = sizes[len(sizes) // 2] if sizes else None

    def display(piece: LayoutBlock) -> bool:
        """Every line in display type: TYPE_STEP times the page's common size (Latin lines) or height."""
        if piece.bbox is None or not 1 <= len(piece.lines) <= STACK_LINES or len(piece.line_boxes) != len(piece.lines):
            return False
        for box, size in zip(piece.line_boxes, _latin_sizes(piece)):
            if size and common_size:
                if size < TYPE_STEP * common_size:
                    return False
            elif box is None or _height(box) < TYPE_STEP * common_height:
                return False
        return True

    below = _partners(
        pieces,
        (k for k, p in enumerate(pieces) if display(p)),
        lambda a: (a.y1 - STACK_GAP * _height(a), a.y1 + STACK_GAP * SIDE_HEIGHTS * _height(a)),  # about its foot
        lambda k, j: _stacked(pieces[k], pieces[j]),
        lambda j: pieces[j].bbox.y0,  # type: ignore[union-attr]
    )
    if not below:
        return pieces

    def ends_lower(k: int, other: int) -> bool:
        return pieces[k].bbox.y1 > pieces[other].bbox.y1  # type: ignore[union-attr]

    return _merged(pieces, _chains(below, pieces, ends_lower), lambda parts: tuple(line for p in parts for line in p.lines))


def unique_id(candidate: str | None, seen: set[str], fallback: str) -> str:
    """A unique id: ``candidate`` (``candidate_2`` … if already used), or ``fallback`` when there is none."""
    base = candidate or fallback
    value = base
    n = 2
    while value in seen:
        value = f"{base}_{n}"
        n += 1
    seen.add(value)
    return value


def page_from_blocks(
    blocks: Sequence[LayoutBlock],
    *,
    meta: PageMeta,
    encoding: str | None,
    warnings: Sequence[Warning] = (),
) -> Page:
    """Fragments in input order with text offsets as if the page were dumped to text (see module doc)."""
    fragments: list[Fragment] = []
    offset = 0
    line_no = 1
    for block in blocks:
        lines = tuple(line for line in (" ".join(raw.split()) for raw in block.lines) if line)
        if not lines:
            continue  # an empty block (an image area, a rule) carries no text
        text = "\n".join(lines)
        if fragments:
            offset += 2  # the blank line between blocks
            line_no += 2
        fragments.append(
            Fragment(
                id=block.id,
                text=text,
                lines=lines,
                start=offset,
                end=offset + len(text),
                line=line_no,
                gap_before=2 if fragments else 0,
                page=block.page,
                bbox=block.bbox,
            )
        )
        offset += len(text)
        line_no += len(lines) - 1
    language = guess_language(meta, (f.text for f in fragments))
    return Page(
        meta=replace(meta, encoding=encoding, language=language),
        fragments=tuple(fragments),
        warnings=tuple(warnings),
    )
