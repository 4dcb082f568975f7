"""Plain text laid out in columns side by side (``pdftotext -layout``): text blocks with boxes in character cells.

A text extractor asked to keep the layout prints a page's columns side by
side, each line of the page a line of text, the columns apart by runs of
spaces placed so that every column starts at the same character position
on every line; where two columns' baselines differ, their lines alternate.
Read as plain text, every line runs across all the columns.

Such text is recognised (:func:`laid_out`) by its many lines with a run of
:data:`COLUMN_GAP` spaces or more between words.  Each line is cut into
*segments* at those runs; a segment's box is its first and last character
position and its line, so one character cell wide and one line high.  A
column's segments, one under the other (a line apart, or two where another
column's line comes between) and starting at the same position (give or take
a paragraph's indent), form a run (:func:`_columns`), cut before each indented
line that follows a sentence's end and where a short line ends a paragraph
(the caller's ``pieces``: the plain-text reader's cut of hard-wrapped text).
The blocks then go through :func:`~newsarchive.readers.layout.page_from_blocks`
like any reader's with geometry, and the layout transforms read the page in columns.

Input characters are the text's characters, whitespace aside, as for any
plain text.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from typing import TYPE_CHECKING, Callable, Iterator, NamedTuple, Sequence

from ..model import BBox
from ..profiles.cjk import CLOSING_MARKS, FULL_STOPS, MARK_CLASS, SENTENCE_END_MARKS, SOLID_CLASS
from ..profiles.textutil import display_width

if TYPE_CHECKING:
    from .layout import LayoutBlock

__all__ = ["byline_like", "laid_out", "layout_blocks", "opens_with_role"]

COLUMN_GAP = 3  # spaces: a run this long between two words separates columns
LAID_OUT_LINES = 4  # lines with a column gap a text needs to be read as laid out ...
LAID_OUT_SHARE = 0.4  # ... and this share of its non-blank lines
MAX_SEGMENTS = 40  # segments on one line: more is no newspaper page's columns
BRACKET_STEP = 4  # lines: ... and a title that leaves a bracket open this far (its display type spans body lines)
LINE_STEP = 2  # lines: a column's next line may come this far down (another column's line between)
ALIGN = 3  # character cells: a column's lines start this close (an indent is two; extractors round positions)
INDENT = 2  # characters: a paragraph's first line is this much shorter than the column ...
FULL_SLACK = 1.5  # ... and any full line within this many characters of the column's width
CENTRED = 3  # half cells (x0 + x1 sums): a line's centre this close to the line above's is centred under it
HEADER_SPREAD = 1.5  # a centred header's width in print, in multiples of its width in cells

_SEGMENT = re.compile(r"\S+(?: {1,%d}\S+)*" % (COLUMN_GAP - 1))
SENTENCE_ENDS = tuple(SENTENCE_END_MARKS)  # a line ending so may end a paragraph
# A line under another that opens with a mark no line may open goes on with the line above, broken
# where it should not have been (（人民时评 / ）).
LINE_END_MARKS = tuple(CLOSING_MARKS)
# A sentence's own stop, quoted or not (。, 。”), not a quote or bracket closing a title (…不卷“价格”).
_QUOTED_OR_NOT_STOPS = FULL_STOPS + tuple(stop + "”" for stop in FULL_STOPS)
_CLAUSE_MARKS = "，、；"  # marks between the clauses of running text's sentences
_PAIRS = (("（", "）"), ("(", ")"), ("《", "》"), ("“", "”"))  # brackets and quotes a wrapped title may leave open
_GAP = re.compile(r"\S {%d,}\S" % COLUMN_GAP)
_SPACED = re.compile(r"\S\s+\S")  # spaces inside a line: names or parts set apart, not a title's run-on


# A byline of a reporter's role alone (本报评论员, 新华社记者).
@functools.cache
def _role_line() -> re.Pattern[str]:
    # Compiled on first use (~0.7 ms): tried only on a line without spaces inside (none of 114 sampled benchmark pages).
    return re.compile(r"(?:本报|新华社|人民日报)(?:特约)?(?:记者|评论员|通讯员)")


_SPACED_LINE = re.compile(r"^[^\n]*?\S {%d,}\S" % COLUMN_GAP, re.MULTILINE)  # a line with a column gap (one match a line)


@functools.cache
def _spacing() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """The patterns of :func:`unspaced`, compiled on first use: a class over the CJK range costs ~4 ms to
    compile, which plain text (the common case, read by the same reader) should not pay at import."""
    return (
        re.compile(f"(?<=[{SOLID_CLASS}]) (?=[0-9A-Za-z])|(?<=[0-9A-Za-z%]) (?=[{SOLID_CLASS}])"),  # Chinese | Latin
        re.compile(f"(?<=[{MARK_CLASS}]) (?=[{SOLID_CLASS}“‘—…])|(?<=[{SOLID_CLASS}”’—…]) (?=[{MARK_CLASS}])"),  # beside a mark
        re.compile(f"(?=([{SOLID_CLASS}] ?[{SOLID_CLASS}]))"),  # overlapping: every two neighbouring Chinese characters
        re.compile(f"(?<=[{SOLID_CLASS}]) (?=[{SOLID_CLASS}])"),  # between two Chinese characters
    )


class _Segment(NamedTuple):  # not a dataclass: creating one costs ~1 ms of every text read's start-up
    """A run of a line's text between column gaps, in character cells."""

    line: int  # 0-based line of the text
    x0: int  # first character cell
    x1: int  # one past the last
    text: str


def laid_out(text: str) -> bool:
    """The text prints columns side by side: many of its lines have a wide run of spaces between words.

    A line of more than :data:`MAX_SEGMENTS` segments is no page's (a table dump, or hostile
    input that would make the column search quadratic): such text is read as plain text.
    """
    if "\t" in text:
        text = "\n".join(line.expandtabs(8) for line in text.split("\n"))
    spaced = len(_SPACED_LINE.findall(text))  # one scan of the page: plain text has (almost) none
    if spaced < LAID_OUT_LINES:
        return False
    lines = [line for line in text.split("\n") if line.strip()]
    if spaced < LAID_OUT_SHARE * len(lines):
        return False
    return all(len(_GAP.findall(line)) < MAX_SEGMENTS for line in lines)


def _segments(text: str) -> Iterator[_Segment]:
    for k, line in enumerate(text.split("\n")):
        for m in _SEGMENT.finditer(line.expandtabs(8)):
            yield _Segment(k, m.start(), m.end(), unspaced(m.group()))


def unspaced(segment: str) -> str:
    """A segment without the spaces the extractor wrote for spacing in Chinese text.

    Laid out, a gap in print becomes a space: the quarter em set between Chinese and
    a digit or Latin letter (今年 1 月), beside Chinese punctuation (买药—— 在), and in
    a line justified by spacing its characters out, the gap after every one (京 津 冀 三 地).
    Spaces between Chinese and Latin letters or digits, or beside Chinese punctuation,
    go; between two Chinese characters they go only where most of the segment's
    Chinese characters stand apart (a padded name, 本报记者 马 丽, keeps them).
    """
    if " " not in segment:
        return segment
    latin, mark, pair, between = _spacing()
    out = mark.sub("", latin.sub("", segment))
    pairs = pair.findall(out)
    if pairs and 2 * sum(1 for p in pairs if " " in p) > len(pairs):
        out = between.sub("", out)
    return out


def _column_width(segments: Sequence[_Segment]) -> int:
    """The commonest width of the segments in characters (:func:`display_width`): the page's column."""
    widths = Counter(round(display_width(s.text)) for s in segments)
    return max(widths, key=lambda w: (widths[w], w)) if widths else 0


def _columns(segments: Sequence[_Segment]) -> list[list[_Segment]]:
    """Runs of a column's lines: each a line or two under the last, starting where it starts (± ALIGN).

    A line joins the run above it only if that run's last line is full (the column's
    width, less an indent) or a paragraph's first line that goes on (:func:`_goes_on_under`):
    a short line ends a paragraph or is a header's, and a
    header's centred lines, a cell or two apart, stay apart.  A line wider than the
    column (a headline over several) goes on in a line right under it and within
    its width.  A run ends where another block's line comes under it (a heading
    set across the column).
    """
    column = _column_width(segments)
    runs: list[list[_Segment]] = []
    open_runs: list[list[_Segment]] = []
    for seg in segments:  # in reading order of the text: by line, then left to right
        open_runs = [
            r for r in open_runs if seg.line - r[-1].line <= (BRACKET_STEP if _open_bracket(r[-1].text) else LINE_STEP)
        ]
        found = None
        for run in open_runs:
            last = run[-1]
            if not (1 <= seg.line - last.line and min(seg.x1, last.x1) > max(seg.x0, last.x0)):
                continue
            width = display_width(last.text)
            # Full, or a paragraph's first line, set in and going on mid-sentence.
            opening = width >= column - INDENT - FULL_SLACK and not last.text.endswith(SENTENCE_ENDS)
            # ... or one ending as a sentence or clause may, over a full line at the margin (_goes_on_under):
            # asked last, of the lines neither test took.
            full = (
                width >= column - FULL_SLACK
                or opening
                or (last.x0 >= seg.x0 + INDENT - 1 and _goes_on_under(last, seg, seg.x0, column))
            )
            wraps = seg.line - last.line == 1 and last.x0 <= seg.x0 and seg.x1 <= last.x1 and (
                width > column + FULL_SLACK or seg.text.startswith(LINE_END_MARKS)
            )
            # A line that leaves a bracket open (a headline's column tag wrapped: …（编 / 辑手记）) goes on
            # in the line under it within its width, even with another column's line between.
            bracketed = _open_bracket(last.text) and last.x0 - ALIGN <= seg.x0 and seg.x1 <= last.x1 + ALIGN
            # A title's second line comes centred right under its first (大力弘扬时代楷模精神 积极投身交 /
            # 通强国建设); a paragraph's last line starts where its column does, and a byline centred
            # under a deck (本报记者 杨 昊) is no line of the deck.
            centred = (
                seg.line - last.line == 1
                and seg.x0 > last.x0 + 1
                and seg.x1 < last.x1 - 1
                and abs((seg.x0 + seg.x1) - (last.x0 + last.x1)) <= CENTRED
                and not byline_like(seg.text)
            )
            if (full and abs(seg.x0 - run[0].x0) <= ALIGN) or wraps or bracketed or centred:
                found = run
                break
        # A line under an open run that does not go on with it closes it.
        open_runs = [
            r for r in open_runs if r is found or not (seg.line > r[-1].line and min(seg.x1, r[-1].x1) > max(seg.x0, r[-1].x0))
        ]
        if found is None:
            found = []
            runs.append(found)
            open_runs.append(found)
        found.append(seg)
    return runs


def byline_like(line: str) -> bool:
    """A line spaced out as a list of names is (本报记者 王 浩), or a reporter's role alone (本报评论员): a byline's."""
    line = line.strip()
    return _SPACED.search(line) is not None or _role_line().fullmatch(line) is not None


def opens_with_role(line: str) -> bool:
    """A line that opens with a reporter's role (本报记者 …): a byline's first line."""
    return _role_line().match(line.strip()) is not None


def _open_bracket(text: str) -> bool:
    """Whether a bracket or quote opened in ``text`` is left open at its end."""
    return any(text.count(opens) > text.count(closes) for opens, closes in _PAIRS)


def _paragraphs(run: list[_Segment]) -> Iterator[list[_Segment]]:
    """A column run cut before each line set in by an indent after a line that ends a sentence."""
    base = min(seg.x0 for seg in run)
    start = 0
    for k in range(1, len(run)):
        if run[k].x0 >= base + INDENT - 1 and run[k - 1].text.endswith(SENTENCE_ENDS):
            yield run[start:k]
            start = k
    yield run[start:]


def _goes_on_under(opener: _Segment, line: _Segment, base: int, column: float) -> bool:
    """A paragraph's first line, set in, that ends as a sentence or clause may (。, ”, ；) goes on in ``line``, a full line at the margin.

    A paragraph's first line would be set in, so a full line at the margin under one goes
    on with it, where the first line is running text: filled by a whole sentence
    (发展现代农业离不开科技进步。 / 新品种来自…), or ending on a closing mark or semicolon after
    clauses (近期，国内锂研究“最先一公里” / 取得多项进展…).  Not a centred title closed by its
    quote (汽车产业比“价值”不卷“价格”): it holds no clause mark and ends with no stop.
    Read so when a column's run is built (:func:`_columns`) and when it is cut into
    paragraphs (:func:`layout_blocks`).  Indented pages' pdftotext -layout (pdf_pages.py):
    units dev 61.2 → 64.1%, held-out 53.2 → 53.6%, successors 52.6 → 56.8% and 42.8 →
    44.5%; flush pages unchanged.
    """
    if not (line.x0 < base + INDENT - 1 and display_width(line.text) >= column - FULL_SLACK):
        return False
    if opener.text.endswith(_QUOTED_OR_NOT_STOPS):
        return display_width(opener.text) >= column - INDENT - FULL_SLACK
    return any(mark in opener.text[:-1] for mark in _CLAUSE_MARKS)


def layout_blocks(
    text: str, pieces: Callable[[str, bool, str], list[tuple[int, str]]], page: int | None = None
) -> list[LayoutBlock]:
    """The laid-out text's blocks (a column's paragraph, a header line), in reading order of the text.

    Each column run is cut before its indented lines (:func:`_paragraphs`), then by
    ``pieces`` (text, running, page lines) → (offset, text) as hard-wrapped text is, where
    a paragraph's last line is short; ``running`` says the run is a column's text, not a
    wide header's lines, and the page lines (every segment's text, a line each) are
    what to measure the page's column width on.
    """
    from .layout import LayoutBlock  # here: the text reader asks every plain page laid_out(), which needs no layout

    segments = list(_segments(text))
    page_lines = "\n".join(s.text for s in segments)
    column = _column_width(segments)
    found: list[tuple[tuple[int, int], tuple[str, ...], BBox, bool]] = []
    for run in _columns(segments):
        running = display_width(run[0].text) <= column + FULL_SLACK
        base = min(s.x0 for s in run)
        for indented in _paragraphs(run):
            joined = "\n".join(s.text for s in indented)
            parts = []
            for offset, piece in pieces(joined, running, page_lines):
                first = joined.count("\n", 0, offset)
                parts.append(indented[first : first + piece.count("\n") + 1])
            # A first line set in by the indent that stops mid-sentence opens the paragraph under it,
            # however its width measures (a dash or quote set full width reads narrower); so does one
            # ending as a sentence or clause may over a full line at the margin (_goes_on_under).
            opener = parts[0][0] if parts and len(parts[0]) == 1 else None
            set_in = opener is not None and opener.x0 >= base + INDENT - 1 and (
                not opener.text.endswith(SENTENCE_ENDS) or (len(parts) > 1 and _goes_on_under(opener, parts[1][0], base, column))
            )
            if running and len(parts) > 1 and set_in:
                parts[:2] = [parts[0] + parts[1]]
            for part in parts:
                box = BBox(
                    x0=float(min(s.x0 for s in part)),
                    y0=float(part[0].line),
                    x1=float(max(s.x1 for s in part)),
                    y1=float(part[-1].line + 1),
                )
                lines = tuple(s.text for s in part)
                header = not running or (len(lines) == 1 and display_width(lines[0]) < column - FULL_SLACK)
                found.append(((part[0].line, part[0].x0), lines, box, header))
    found.sort(key=lambda item: item[0])
    boxes = _header_stacks([(box, header) for _, _, box, header in found])
    return [
        LayoutBlock(id=f"c{k}", lines=lines, bbox=box, page=page)
        for k, ((_, lines, _, _), box) in enumerate(zip(found, boxes), start=1)
    ]


def _spread(x0: float, x1: float) -> tuple[float, float]:
    """A line's extent in print, set in display type: HEADER_SPREAD times its cells' width about their centre."""
    centre, half = (x0 + x1) / 2, (x1 - x0) / 2 * HEADER_SPREAD
    return max(0.0, centre - half), centre + half


def _header_stacks(blocks: list[tuple[BBox, bool]]) -> list[BBox]:
    """The blocks' boxes, those of a header's lines (flagged) stacked one under the other given the stack's width.

    A line in display type is wider than its characters count: the extractor places it
    where it starts but writes it a cell a character, so a centred kicker, headline and
    byline seem to stand over different columns.  Header blocks (a line too short for the
    column, or the lines of one wider than it) a line or two apart that overlap, as wide as
    they are in print (:func:`_spread`), are one header; each gets the width of all of them
    together, and a header that does not start flush with a column (a centred one) its width in print.
    """
    boxes = [box for box, _ in blocks]
    stacks: list[list[int]] = []  # each a header's blocks, top down
    extent: list[list[float]] = []  # each stack's left, right and foot
    growing: list[int] = []  # the stacks a block further down may still join
    for k, (box, header) in enumerate(blocks):  # blocks come by line
        if not header:
            continue
        growing = [n for n in growing if box.y0 - extent[n][2] < LINE_STEP]
        left, right = _spread(box.x0, box.x1)
        for n in growing:
            x0, x1, foot = extent[n]
            stack_left, stack_right = _spread(x0, x1)
            if box.y0 >= foot and min(right, stack_right) > max(left, stack_left):
                stacks[n].append(k)
                extent[n] = [min(x0, box.x0), max(x1, box.x1), box.y1]
                break
        else:
            growing.append(len(stacks))
            stacks.append([k])
            extent.append([box.x0, box.x1, box.y1])
    # The columns: left edges of running text blocks (two blocks or more), and where their text ends.
    starts = Counter(round(box.x0) for box, header in blocks if not header)
    column_ends: dict[int, float] = {}
    for box, header in blocks:
        if not header and starts[round(box.x0)] >= 2:
            column_ends[round(box.x0)] = max(column_ends.get(round(box.x0), 0.0), box.x1)
    for members, (x0, x1, _) in zip(stacks, extent):
        # Flush: set in one column, from its left edge (a section heading); else centred over its article.
        flush = any(abs(x0 - start) <= ALIGN and x1 <= end + ALIGN for start, end in column_ends.items())
        if not flush:  # a centred header: as wide as it is in print
            x0, x1 = _spread(x0, x1)
        if len(members) > 1 or not flush:
            for k in members:
                boxes[k] = BBox(x0=x0, y0=boxes[k].y0, x1=x1, y1=boxes[k].y1)
    return boxes
