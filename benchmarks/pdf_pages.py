"""Benchmark: People's Daily pages laid out as born-digital PDFs, read back with newsarchive's PDF reader.

For every real page of ``../shared/data/peoples-daily`` (the reading-order
benchmark's data, loaded with ``reorder/scramble.py``) this builds a PDF:

* six columns; each article gets a rectangle spanning 2–4 columns placed where
  the columns are least filled (a skyline packing), so later articles sit under
  earlier ones and headlines span the columns of their article;
* the header (kicker, headline in large type, subheadline, byline) stacked
  and centred over the article's columns; the body flowing column by column
  with balanced column heights, so paragraphs are cut at column ends; lines broken
  by Chinese line-breaking rules (a comma or stop hung in the margin, a dash taking a
  character down with it, an opening quote carried over: ``wrap``) and every line of a
  paragraph but its last justified to the column; a blank
  line between paragraphs; a section heading is kept with its text, as
  typesetters keep it (never a column's last line, never split over two
  columns: the column ends before it, and the last column takes the rest); photos as a caption and a credit block in small type
  under the last column; page furniture (本版责编 …) at the foot; a running head over the
  top of the page, as every printed page has one (the paper, the date and weekday at the left, the
  page label and name at the right: ``人民日报  2025年1月5日  星期日`` … ``第1版  要闻``), kept in the
  truth as furniture and as the page's facts, which the scorer checks (``--no-running-head``
  leaves it out); with ``--vertical SHARE``, that share of the short headlines (no kicker or
  deck) set vertically down a strip at the right of their article, one character under another
  (a two-part headline in two columns, read right to left),
  as feature pages set them, and with ``--vertical-bylines`` a byline of bare names set vertically
  under such a headline;
* every block drawn as its own text object, **in a shuffled content-stream
  order** (seeded), so the file's order says nothing about reading order.

Chinese text uses reportlab's built-in ``STSong-Light`` CID font (no font
file needed).  The ground truth is the data in the scrambler's truth format,
with ``pieces`` = how many column pieces a unit was cut into, and it is scored
with ``reorder/score.py`` exactly like the plain-text benchmark.

Columns compared (same PDF, same reader):

* ``naive``: the do-nothing baseline of ``score.py`` (first block headline,
  the rest as paragraphs) over the blocks in pdfminer.six's extraction order;
* ``text only``: newsarchive's default pipeline on the blocks in that order;
* ``layout``: newsarchive with the layout transforms (layout-order,
  layout-roles, layout-joins, layout-assign);
* ``pdftotext``: when poppler's ``pdftotext`` is installed (Debian ``poppler-utils`` and, for the
  Chinese CID font, ``poppler-data``), newsarchive's plain-text pipeline on its output: the page
  as a common extractor gives it (hard-wrapped lines, no boxes), and on its ``-layout`` output
  (the columns printed side by side).

Needs ``reportlab`` (BSD) and ``pdfminer.six`` (MIT):
``pip install reportlab 'newsarchive[pdf]'``.

With ``--indent`` paragraphs are set as newspapers set them, first line indented by two
characters and no blank line between paragraphs (only around section headings), so pdfminer
gives a column's paragraphs as one text box, or in pieces where its alignment test breaks.

With ``--renderer chromium`` the same layout is written as HTML (every line absolutely placed, the
blocks in the shuffled order) and printed by headless Chromium (Debian ``chromium`` and
``fonts-noto-cjk``): another producer's PDF, glyphs placed run by run from an embedded subset of
Noto Serif CJK SC, whose text layer gives some ideographs as radical code points (⺠ for 民), as
real Chinese PDFs often do.  About a second and a half a page.

Usage: ``python benchmarks/pdf_pages.py [--split dev|heldout|all] [--limit N] [--seeds 1] [--out DIR] [--indent]
[--columns 6] [--column-width 150] [--body-size 9] [--gutter 24] [--renderer reportlab|chromium]``

The grid and body type options lay the same pages out differently (say 8 columns of 120 points in
10.5-point type), a check that the layout transforms do not depend on the default grid.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import random
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "reorder"))

import scramble  # noqa: E402
import score  # noqa: E402

import newsarchive  # noqa: E402
from newsarchive.model import Page, PageMeta  # noqa: E402
from newsarchive.profiles.zh_peoples_daily import PeoplesDailyProfile  # noqa: E402
from newsarchive.readers.pdf import PdfReader  # noqa: E402
from newsarchive.reorder import Draft, Pipeline  # noqa: E402
from newsarchive.reorder.assemble import assemble  # noqa: E402
from newsarchive.reorder.layout_assign import LayoutAssign  # noqa: E402
from newsarchive.reorder.layout_joins import LayoutJoins  # noqa: E402
from newsarchive.reorder.layout_line_ends import LayoutLineEnds  # noqa: E402
from newsarchive.reorder.layout_order import LayoutOrder  # noqa: E402
from newsarchive.reorder.layout_roles import LayoutRoles  # noqa: E402
from newsarchive.serialize import page_to_dict  # noqa: E402

FONT = "STSong-Light"
COLUMNS = 6
COLUMN_WIDTH = 150.0
GUTTER = 24.0  # points between columns (--gutter; newspapers set about one character and a half)
MARGIN = 36.0
BODY_SIZE, BODY_LEADING = 9.0, 12.0
SMALL_SIZE, SMALL_LEADING = 7.5, 10.0
PARAGRAPH_INDENT = 2  # characters a paragraph's first line is indented by (--indent)
ARTICLE_GAP = 18.0
HEADER = {  # role → (font size, leading)
    "kicker": (11.0, 14.0),
    "headline": (20.0, 25.0),
    "subheadline": (12.0, 15.0),
    "byline": (10.0, 13.0),
}
LAYOUT_STEPS = (LayoutOrder, LayoutRoles, LayoutLineEnds, LayoutJoins, LayoutAssign)


@dataclass
class DrawBlock:
    """One text block to draw: its lines with positions (top-left origin) and font size."""

    size: float
    lines: list[tuple[float, float, str]] = field(default_factory=list)  # (x, top y of the line, text)
    # Line index -> the measure a paragraph's line is justified to (its characters spaced out), as
    # typesetters set every line but a paragraph's last: short ones are short by what line-breaking
    # rules took down to the next line.  A line wider than its measure (a mark hung) is left as it is.
    justified: dict[int, float] = field(default_factory=dict)

    def char_space(self, index: int, text: str) -> float:
        """The space to add after each character of line ``index`` to justify it (0 if it is not justified)."""
        measure = self.justified.get(index)
        if measure is None or len(text) < 2:
            return 0.0
        return max(0.0, (measure - _width(text, self.size)) / (len(text) - 1))


# STSong-Light's CMap (UniGB-UCS2-H) has no code for U+00B7 MIDDLE DOT, so reportlab draws nothing for
# it and every "A·B" title would lose a character the truth keeps.  The same glyph is reached through
# U+30FB KATAKANA MIDDLE DOT, which extractors (pdfminer.six, poppler) map back to U+00B7.
DRAW_AS = str.maketrans({"\u00b7": "\u30fb"})


def _register_font() -> None:
    """Register the built-in CID font once (it needs no font file)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))


def _width(text: str, size: float) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    _register_font()
    return stringWidth(text.translate(DRAW_AS), FONT, size)


def wrap(text: str, width: float, size: float, first_indent: float = 0.0) -> list[str]:
    """Greedy line breaking by measured width, by Chinese line-breaking rules (``scramble.break_lines``).

    A comma, stop or closing quote hangs in the margin (into the gutter), as some
    newspapers set them; a dash or ellipsis takes a character down with it; an opening
    quote or bracket goes down to the next line.  ``first_indent``: the first line is
    that much narrower (it starts indented).
    """
    # Spaces are kept inside lines: bylines pad names with them.
    return scramble.break_lines(
        " ".join(text.split()), lambda line, n: _width(line, size) > width - (first_indent if n == 0 else 0.0)
    )


@dataclass
class LaidOutPage:
    """The blocks of one page in reading order, the page size and the truth."""

    blocks: list[DrawBlock]
    width: float
    height: float
    truth: dict[str, Any]


def _column_ends(
    flow: Sequence[tuple[int, str, float, bool] | None], span: int, per_column: int, headings: set[int]
) -> list[int]:
    """Where each column's share of the flow ends: balanced, but a heading is kept with its text.

    A column that would end on a heading's line, or on the blank line after one, ends
    before the heading instead (the next column opens with it); the last column takes the rest.
    """
    ends: list[int] = []
    start = 0
    for c in range(span):
        end = len(flow) if c == span - 1 else min(len(flow), start + per_column)
        if c < span - 1:
            cut = end
            while cut > start + 1 and (flow[cut - 1] is None or flow[cut - 1][0] in headings):
                cut -= 1
            if cut < end and any(e is not None and e[0] in headings for e in flow[cut:end]):
                end = cut
        ends.append(end)
        start = end
    return ends


VERTICAL_MAX = 14  # characters: a longer headline (or part of a two-part one) is never set vertically
VERTICAL_COLUMN_GAP = 0.3  # type sizes between the columns of a two-part vertical headline


def _vertical(page: scramble.RealPage, article: scramble.ArticleTruth, share: float) -> bool:
    """Whether this article's headline is set vertically (seeded by the page and headline, so stable).

    A two-part headline (护越冬候鸟  保一方平安) is set in two columns, its first part on the right.
    """
    parts = (article.headline or "").split()
    if share <= 0 or article.kicker or article.subheadline or not 1 <= len(parts) <= 2 or max(map(len, parts)) > VERTICAL_MAX:
        return False
    digest = hashlib.sha256(f"vertical|{page.name}|{article.headline}".encode("utf-8")).digest()
    return int.from_bytes(digest[:4], "big") / 2**32 < share


def _bare_names(byline: str) -> bool:
    """A byline that is only names (李龙伊, 王  珂), no role such as 本报记者."""
    return all("\u4e00" <= ch <= "\u9fff" for ch in byline if not ch.isspace()) and len(byline.replace(" ", "")) <= 8 and "记者" not in byline


def lay_out(
    page: scramble.RealPage,
    indent: bool = False,
    with_running_head: bool = True,
    vertical_share: float = 0.0,
    vertical_bylines: bool = False,
) -> LaidOutPage:
    """Place the page's articles on a six-column grid (see the module docstring).

    With ``indent`` paragraphs are set as newspapers set them: the first line
    indented by two characters and no blank line between paragraphs (only
    around section headings), so an extractor's text box holds a column's
    paragraphs together.
    """
    blocks: list[DrawBlock] = []
    items: list[dict[str, Any]] = []
    width = 2 * MARGIN + COLUMNS * COLUMN_WIDTH + (COLUMNS - 1) * GUTTER
    furniture: list[str] = []
    facts: dict[str, Any] | None = None
    top_of_text = MARGIN
    if with_running_head:
        (left, right), facts = scramble.running_head(page)  # the same head as the text benchmark's
        blocks.append(DrawBlock(SMALL_SIZE, [(MARGIN, MARGIN, left)]))
        blocks.append(DrawBlock(SMALL_SIZE, [(width - MARGIN - _width(right, SMALL_SIZE), MARGIN, right)]))
        furniture += [left, right]
        top_of_text = MARGIN + SMALL_LEADING + ARTICLE_GAP
    skyline = [top_of_text] * COLUMNS
    for item in page.items:
        if not isinstance(item, scramble.ArticleTruth):
            continue  # standalone photos: none in the data (see reorder/README.md)
        body_chars = sum(len(u.text) for u in item.units)
        span = 2 if body_chars < 1200 else 3 if body_chars < 3500 else 4
        start = min(range(COLUMNS - span + 1), key=lambda c: (max(skyline[c : c + span]), c))
        top = max(skyline[start : start + span]) + (ARTICLE_GAP if max(skyline) > top_of_text else 0)
        x0 = MARGIN + start * (COLUMN_WIDTH + GUTTER)
        span_width = span * COLUMN_WIDTH + (span - 1) * GUTTER
        column_width = COLUMN_WIDTH
        y = top
        vertical = _vertical(page, item, vertical_share)
        if vertical:
            # The headline down a strip at the right of the article, one character under another; the
            # body's columns narrow to leave room for it.
            size = HEADER["headline"][0]
            parts = (item.headline or "").split()
            strip = len(parts) * size + (len(parts) - 1) * VERTICAL_COLUMN_GAP * size + GUTTER
            column_width = (span_width - strip - (span - 1) * GUTTER) / span
            for c, part in enumerate(parts):  # right to left, each part a column of its own
                title = DrawBlock(size)
                for n, ch in enumerate(part):
                    title.lines.append((x0 + span_width - size - c * (1 + VERTICAL_COLUMN_GAP) * size, top + n * size * 1.05, ch))
                blocks.append(title)
            title_bottom = top + max(map(len, parts)) * size * 1.05
            if vertical_bylines and item.byline and _bare_names(item.byline):
                # An author's name under the title, down the same strip in the byline's type (feature pages).
                byline_size = HEADER["byline"][0]
                name = DrawBlock(byline_size)
                for n, ch in enumerate(ch for ch in item.byline if not ch.isspace()):
                    name.lines.append((x0 + span_width - (size + byline_size) / 2, title_bottom + byline_size + n * byline_size * 1.05, ch))
                blocks.append(name)
                title_bottom = name.lines[-1][1] + byline_size
            span_width -= strip
        vertical_byline = vertical and vertical_bylines and bool(item.byline) and _bare_names(item.byline or "")
        for role in ("kicker", "headline", "subheadline", "byline"):
            text = getattr(item, role)
            if not text or (vertical and role == "headline") or (vertical_byline and role == "byline"):
                continue
            size, leading = HEADER[role]
            block = DrawBlock(size)
            for line in wrap(text, span_width, size):
                block.lines.append((x0 + (span_width - _width(line, size)) / 2, y, line))
                y += leading
            blocks.append(block)
            y += leading * 0.6
        y += BODY_LEADING * 0.5
        # Body: the lines of every unit, a blank line between units, balanced over the span.
        flow: list[tuple[int, str, float, bool] | None] = []  # (unit, line, indent, not its unit's last); None: a blank line
        for k, unit in enumerate(item.units):
            heading = unit.type == "heading"
            if flow and (not indent or heading or item.units[k - 1].type == "heading"):
                flow.append(None)
            first = PARAGRAPH_INDENT * BODY_SIZE if indent and not heading else 0.0
            lines = wrap(unit.text, column_width, BODY_SIZE, first)
            flow.extend((k, line, first if n == 0 else 0.0, n < len(lines) - 1) for n, line in enumerate(lines))
        per_column = -(-len(flow) // span) if flow else 0
        pieces = [0] * len(item.units)
        bottoms = []
        ends = _column_ends(flow, span, per_column, {k for k, u in enumerate(item.units) if u.type == "heading"})
        for c in range(span):
            segment = flow[(ends[c - 1] if c else 0) : ends[c]]
            while segment and segment[0] is None:  # a column never opens with the blank line
                segment = segment[1:]
            cy = y
            current: DrawBlock | None = None
            current_unit = None
            for entry in segment:
                if entry is None:
                    current = None
                    cy += BODY_LEADING
                    continue
                unit_index, text, shift, goes_on = entry
                if current is None or current_unit != unit_index:
                    current = DrawBlock(BODY_SIZE)
                    current_unit = unit_index
                    blocks.append(current)
                    pieces[unit_index] += 1
                if goes_on:
                    current.justified[len(current.lines)] = column_width - shift
                current.lines.append((x0 + c * (column_width + GUTTER) + shift, cy, text))
                cy += BODY_LEADING
            bottoms.append(cy)
        bottom = max(bottoms) if bottoms else y
        if vertical:
            bottom = max(bottom, title_bottom)
        # Photos: caption and credit blocks under the last column.
        px = x0 + (span - 1) * (column_width + GUTTER)
        for photo in item.photos:
            for text in (photo.caption, photo.credit):
                if not text:
                    continue
                bottom += SMALL_LEADING
                block = DrawBlock(SMALL_SIZE)
                for line in wrap(text, column_width, SMALL_SIZE):
                    block.lines.append((px, bottom, line))
                    bottom += SMALL_LEADING
                blocks.append(block)
        for c in range(start, start + span):
            skyline[c] = bottom
        items.append(
            {
                "type": "article",
                "kicker": item.kicker,
                "headline": item.headline,
                "subheadline": item.subheadline,
                "byline": item.byline,
                "units": [{"type": u.type, "text": u.text, "pieces": max(1, pieces[k])} for k, u in enumerate(item.units)],
                "photos": [{"title": p.title, "caption": p.caption, "credit": p.credit} for p in item.photos],
                "headings_marked": item.headings_marked,  # see scramble.py: heading types scored only where marked
            }
        )
    y = max(skyline) + ARTICLE_GAP
    for text in page.furniture:
        block = DrawBlock(SMALL_SIZE, [(MARGIN, y, text)])
        blocks.append(block)
        y += SMALL_LEADING * 2
    truth: dict[str, Any] = {"name": page.name, "items": items, "furniture": furniture + list(page.furniture)}
    if facts is not None:
        truth["meta"] = facts
    return LaidOutPage(blocks, width, y + MARGIN, truth)


def drawing_order(laid: LaidOutPage, seed: int) -> list[int]:
    """The blocks' indices in the shuffled order they are drawn in (the same for every renderer)."""
    order = list(range(len(laid.blocks)))
    random.Random(seed).shuffle(order)
    return order


def render(laid: LaidOutPage, seed: int) -> bytes:
    """The PDF, each block its own text object, blocks in a shuffled content-stream order."""
    return render_pages([laid], seed)


def render_pages(pages: Sequence[LaidOutPage], seed: int) -> bytes:
    """One PDF of these pages in order, each drawn as :func:`render` draws a page (a document of several pages)."""
    from reportlab.pdfgen import canvas

    _register_font()
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=(pages[0].width, pages[0].height), invariant=1)
    for laid in pages:
        pdf.setPageSize((laid.width, laid.height))
        for k in drawing_order(laid, seed):
            block = laid.blocks[k]
            text = pdf.beginText()
            text.setFont(FONT, block.size)
            for n, (x, top, line) in enumerate(block.lines):
                text.setTextOrigin(x, laid.height - top - block.size)  # baseline of a line whose top is at `top`
                text.setCharSpace(block.char_space(n, line))
                text.textOut(line.translate(DRAW_AS))
            pdf.drawText(text)
        pdf.showPage()
    pdf.save()
    return out.getvalue()


CHROMIUM_FONT = "Noto Serif CJK SC"  # Debian fonts-noto-cjk (OFL): embedded in the PDF as a subset


def render_html(laid: LaidOutPage, seed: int) -> str:
    """The page as HTML: every line absolutely placed where :func:`render` draws it, blocks in a shuffled order.

    Printed by a browser, the PDF is another producer's: glyph runs positioned one by one and
    a subset of an OpenType CJK font embedded, whose text layer names some ideographs by radical
    code points (⺠ for 民) as Chromium's does.
    """
    import html

    out = [
        '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><style>'
        f"@page {{ size: {laid.width}pt {laid.height}pt; margin: 0 }}"
        f"body {{ margin: 0; font-family: '{CHROMIUM_FONT}', serif }}"
        "span { position: absolute; white-space: pre; line-height: 1 }"
        "</style></head><body>"
    ]
    for k in drawing_order(laid, seed):
        block = laid.blocks[k]
        for n, (x, top, line) in enumerate(block.lines):
            spacing = block.char_space(n, line)
            extra = f";letter-spacing:{spacing:.3f}pt" if spacing else ""
            out.append(f'<span style="left:{x:.2f}pt;top:{top:.2f}pt;font-size:{block.size}pt{extra}">{html.escape(line)}</span>')
    out.append("</body></html>")
    return "".join(out)


def render_chromium(laid: LaidOutPage, seed: int, chromium: str, work: Path) -> bytes:
    """The PDF headless Chromium prints of :func:`render_html`."""
    page = work / "page.html"
    pdf = work / "page.pdf"
    page.write_text(render_html(laid, seed), encoding="utf-8")
    subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri()],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return pdf.read_bytes()


def input_text(truth: dict[str, Any]) -> str:
    """Every character drawn, for the conservation metrics."""
    return "\n\n".join(scramble.truth_texts(truth))


def _reconstruct(page: Page, layout: bool) -> dict[str, Any]:
    names = {cls.name for cls in LAYOUT_STEPS}
    steps = [t for t in newsarchive.api.transforms() if t.name not in names]
    if layout:
        steps += [cls() for cls in LAYOUT_STEPS]
    return page_to_dict(assemble(Pipeline(steps).run(Draft.from_page(page, PeoplesDailyProfile()))))


def set_geometry(columns: int, column_width: float, body_size: float, gutter: float = GUTTER) -> None:
    """Another page grid and body type, to check that nothing depends on the default one.

    Every type size and leading scales with the body type, so the type hierarchy stays as set.
    """
    global COLUMNS, COLUMN_WIDTH, BODY_SIZE, BODY_LEADING, SMALL_SIZE, SMALL_LEADING, GUTTER
    if columns < 4:
        raise SystemExit("--columns: at least 4 (an article spans up to 4 columns)")
    scale = body_size / BODY_SIZE
    COLUMNS, COLUMN_WIDTH, GUTTER = columns, column_width, gutter
    BODY_SIZE, BODY_LEADING = body_size, BODY_LEADING * scale
    SMALL_SIZE, SMALL_LEADING = SMALL_SIZE * scale, SMALL_LEADING * scale
    for role, (size, leading) in HEADER.items():
        HEADER[role] = (size * scale, leading * scale)


def main(argv: Sequence[str] | None = None) -> int:
    """Build, read back, reconstruct and score; print one table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=scramble.DEFAULT_DATA)
    parser.add_argument("--split", choices=("dev", "heldout", "all"), default="all")
    parser.add_argument("--limit", type=int, default=0, help="at most this many pages (0: all)")
    parser.add_argument("--seeds", type=int, default=1, help="shuffled content streams per page")
    parser.add_argument("--out", type=Path, help="keep the PDFs and truth files here")
    parser.add_argument(
        "--indent", action="store_true", help="paragraphs indented, no blank line between them (as newspapers set them)"
    )
    parser.add_argument(
        "--no-running-head", action="store_true", help="leave out the running head over the top of the page"
    )
    parser.add_argument(
        "--vertical",
        type=float,
        default=0.0,
        metavar="SHARE",
        help=f"set this share of the headlines vertically (one or two parts of at most {VERTICAL_MAX} characters, without kicker or deck)",
    )
    parser.add_argument(
        "--vertical-bylines", action="store_true", help="under a vertical headline, set a byline of bare names vertically too"
    )
    parser.add_argument("--columns", type=int, default=COLUMNS, help="columns of the page grid")
    parser.add_argument("--column-width", type=float, default=COLUMN_WIDTH, help="points")
    parser.add_argument("--body-size", type=float, default=BODY_SIZE, help="body type in points (all types scale with it)")
    parser.add_argument("--gutter", type=float, default=GUTTER, help="points between columns")
    parser.add_argument(
        "--renderer",
        choices=("reportlab", "chromium"),
        default="reportlab",
        help="reportlab: each block a text object in a built-in CID font; chromium: the page as HTML printed "
        "by headless Chromium with Noto Serif CJK SC embedded (another producer's PDF)",
    )
    args = parser.parse_args(argv)
    chromium = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if args.renderer == "chromium" and not chromium:
        print("--renderer chromium: no chromium on PATH (Debian: apt-get install chromium fonts-noto-cjk)", file=sys.stderr)
        return 2
    set_geometry(args.columns, args.column_width, args.body_size, args.gutter)
    if not args.data.is_dir():
        print(f"no data at {args.data}", file=sys.stderr)
        return 2
    pages = [p for p in scramble.load_pages(args.data) if args.split == "all" or scramble.split_of(p.date) == args.split]
    if args.limit:
        pages = pages[: args.limit]
    out_dir = args.out or Path(tempfile.mkdtemp(prefix="newsarchive-pdf-"))
    out_dir.mkdir(parents=True, exist_ok=True)
    results: dict[str, list[score.PageResult]] = {"naive": [], "text only": [], "layout": []}
    pdftotext = shutil.which("pdftotext")
    if pdftotext:
        results["pdftotext"] = []
        results["pdftotext -layout"] = []
    reader = PdfReader()
    work = Path(tempfile.mkdtemp(prefix="newsarchive-html-"))  # the browser's input and output, one page at a time
    for real in pages:
        laid = lay_out(
            real,
            indent=args.indent,
            with_running_head=not args.no_running_head,
            vertical_share=args.vertical,
            vertical_bylines=args.vertical_bylines,
        )
        for seed in range(args.seeds):
            name = f"{real.name}_s{seed}"
            data = render(laid, seed) if args.renderer == "reportlab" else render_chromium(laid, seed, chromium, work)
            (out_dir / f"{name}.pdf").write_bytes(data)
            (out_dir / f"{name}.truth.json").write_text(json.dumps(laid.truth, ensure_ascii=False), encoding="utf-8")
            text = input_text(laid.truth)
            page = reader.read(data, meta=PageMeta(source=name, language="zh-CN"))
            extracted = "\n\n".join(f.text for f in page.fragments)
            results["naive"].append(score.score_page(laid.truth, score.baseline_output(extracted), text, path=name))
            for column, layout in (("text only", False), ("layout", True)):
                try:
                    output = _reconstruct(page, layout)
                    results[column].append(score.score_page(laid.truth, output, text, path=name))
                except Exception as exc:  # a crash is scored as empty output, as in run.py
                    results[column].append(score.score_page(laid.truth, None, text, path=name, error=repr(exc)))
            if pdftotext:
                for column, options in (("pdftotext", ()), ("pdftotext -layout", ("-layout",))):
                    results[column].append(_pdftotext_result(pdftotext, out_dir / f"{name}.pdf", laid.truth, name, options))
    shutil.rmtree(work, ignore_errors=True)
    totals = {column: score.aggregate(rs) for column, rs in results.items()}
    print(f"{len(pages)} pages × {args.seeds} shuffled content stream(s), split {args.split}, drawn by {args.renderer}; PDFs in {out_dir}\n")
    extra = " | pdftotext, then newsarchive on its text | pdftotext -layout, then newsarchive" if pdftotext else ""
    print(f"| metric | naive (pdfminer order) | newsarchive text only | newsarchive layout{extra} | of |")
    print("|---|---:|---:|---:|" + ("---:|---:|" if pdftotext else "") + "---:|")
    for key, label, _ in score.METRICS:
        cells = [score.format_share(*totals[c][key]) for c in results]
        print(f"| {label.strip()} | {' | '.join(cells)} | {totals['layout'][key][1]} |")
    if not pdftotext:
        print("\n(pdftotext not found: the column of newsarchive on a text extractor's output is left out;"
              " apt-get install poppler-utils poppler-data)")
    return 0


def _pdftotext_result(
    pdftotext: str, pdf: Path, truth: dict[str, Any], name: str, options: Sequence[str] = ()
) -> score.PageResult:
    """newsarchive's plain-text pipeline on what poppler's pdftotext makes of the page, scored against the truth.

    The most common way a PDF page reaches a text tool: hard-wrapped lines in
    poppler's reading order, or with ``-layout`` the columns printed side by side.
    Characters are accounted for against pdftotext's own output (what newsarchive
    was given).  Without poppler-data, pdftotext drops the CID-font Chinese text:
    the page then scores as lost.
    """
    txt = pdf.with_suffix(".layout.txt" if "-layout" in options else ".pdftotext.txt")
    subprocess.run([pdftotext, *options, str(pdf), str(txt)], check=False, stderr=subprocess.DEVNULL)
    given = txt.read_text(encoding="utf-8") if txt.exists() else ""
    try:
        output = page_to_dict(newsarchive.load(str(txt)))
        return score.score_page(truth, output, given, path=name)
    except Exception as exc:  # an empty or unreadable extraction scores as empty output
        return score.score_page(truth, None, given, path=name, error=repr(exc))


if __name__ == "__main__":
    sys.exit(main())
