"""The ALTO reader: OCR layout XML (ALTO 1.x–4.x) → fragments with boxes, one per TextBlock.

Elements are matched by local name, so every ALTO version and namespace (none
in ALTO 1.x, ``http://www.loc.gov/standards/alto/ns-v2#`` … ``-v4#``) reads
the same way.  Each ``TextBlock`` (also inside ``ComposedBlock``) becomes a
:class:`Fragment` whose id is the block's ``ID``, whose box is
``HPOS/VPOS/WIDTH/HEIGHT`` (ALTO's measurement unit, origin top-left) and
whose lines are its ``TextLine`` s (for a file made by Tesseract, which
segments by whitespace, regrouped as set: :func:`~newsarchive.readers.layout.regroup_lines`;
a piece cut off a TextBlock is named by its first TextLine's ``ID``), words joined by one space — except
where Chinese or Japanese text meets, which joins directly unless the words'
boxes stand a type size apart (:func:`~newsarchive.readers.layout.join_words`;
``SP`` elements are not evidence there: Tesseract writes one after nearly
every Chinese character).  Several ``Page`` s in one file are a document of
several pages (:meth:`AltoReader.pages`), numbered by ``PRINTED_IMG_NR`` or
``PHYSICAL_IMG_NR`` where given, else by place; the caller reads them one at a time.

**Input characters.**  For ALTO, the text of the page is the ``CONTENT`` of
its ``String`` elements.  ``SP`` (space) and ``HYP`` (the hyphen printed at a
line end) are layout markup, not text: they say where words and hyphenations
are.  So the fragments hold exactly the String CONTENTs' characters, no more
and no fewer, and conservation downstream is measured against them.

**Hyphenation.**  A word broken across two lines of a block (``HypPart1``
then ``HypPart2``, or a line ending in ``HYP``) is written once, whole, at
the end of its first line; the second line then starts with the following
word.  The whole word is ``SUBS_CONTENT`` when that equals the two parts
(the normal case); when the publisher's ``SUBS_CONTENT`` differs from what
was printed (an OCR correction, an old spelling), the printed parts are kept
so no character is lost or invented, and a warning says how often.  A word
broken across two *blocks* (a column or frame break) stays in two pieces:
the blocks may belong to different articles until reconstruction says
otherwise; the English profile treats a block ending in the middle of a
word as strong evidence of a cut.

**Word confidence.**  ``WC`` (0–1) is averaged per block; a block whose mean
is below :data:`LOW_CONFIDENCE` gets a ``low-ocr-confidence`` warning naming
it (the model has no per-fragment confidence field; warnings survive
reconstruction, decisions made by a reader would not).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import ClassVar, Iterator

from lxml import etree

from ..errors import ReadError
from ..model import BBox, Page, PageMeta, Warning
from . import sniff
from .layout import LayoutBlock, PagedReader, document_pages, filled_pages, join_words, page_from_blocks, regroup_lines, solid_type_size, unique_id
from ..safexml import local_name, parse_xml

__all__ = ["LOW_CONFIDENCE", "AltoReader", "element_index"]

LOW_CONFIDENCE = 0.5  # mean word confidence below which a block is reported


def _number(value: str | None) -> float | None:
    if value is None:
        return None
    try:
        return float(value)
    except ValueError:
        return None


def _bbox(element: etree._Element) -> BBox | None:
    x, y, w, h = (_number(element.get(k)) for k in ("HPOS", "VPOS", "WIDTH", "HEIGHT"))
    if x is None or y is None or w is None or h is None:
        return None
    return BBox(x0=x, y0=y, x1=x + w, y1=y + h)


def _text_blocks(page: etree._Element) -> Iterator[etree._Element]:
    """TextBlocks of a Page in document order (inside PrintSpace, margins and ComposedBlocks)."""
    for element in page.iter():
        if local_name(element) == "TextBlock":
            yield element


def _pages(root: etree._Element) -> list[etree._Element]:
    return [e for e in root.iter() if local_name(e) == "Page"]


def _has_text(page: etree._Element) -> bool:
    return any((e.get("CONTENT") or "").strip() for e in page.iter() if local_name(e) == "String")


@dataclass
class _Word:
    """A word being placed: its text, its left and right edges, and for a first hyphenation part the whole word."""

    text: str
    subs: str | None = None
    left: float | None = None
    right: float | None = None


@dataclass
class _BlockText:
    """Lines of one block under construction (lists of words) and each line's height."""

    lines: list[list[_Word]] = field(default_factory=list)
    heights: list[float | None] = field(default_factory=list)
    boxes: list[BBox | None] = field(default_factory=list)
    ids: list[str | None] = field(default_factory=list)
    confidences: list[float] = field(default_factory=list)

    def line_texts(self) -> tuple[str, ...]:
        """The lines' text, words joined as printed (:func:`~newsarchive.readers.layout.join_words`)."""
        out = []
        for words, height in zip(self.lines, self.heights):
            placed = [(w.text, w.left, w.right) for w in words]
            out.append(join_words(placed, solid_type_size(placed, height)))
        return tuple(out)


@dataclass
class _Stats:
    """What is reported as warnings once the page is read."""

    subs_mismatch: list[str] = field(default_factory=list)


def _read_block(block: etree._Element, stats: _Stats) -> _BlockText:
    """Words per line with in-block hyphenations joined (see the module docstring)."""
    out = _BlockText()
    pending: _Word | None = None  # the first part of a hyphenated word, waiting for its second part
    for line in block.iter():
        if local_name(line) != "TextLine":
            continue
        words: list[_Word] = []
        out.lines.append(words)
        out.heights.append(_number(line.get("HEIGHT")))
        out.boxes.append(_bbox(line))
        out.ids.append(line.get("ID"))
        for element in line:
            name = local_name(element)
            if name == "HYP":
                if words and pending is None:
                    pending = words[-1]  # a line-end hyphen: the next line's first word completes this one
                continue
            if name != "String":
                continue
            content = (element.get("CONTENT") or "").strip()
            wc = _number(element.get("WC"))
            if wc is not None and 0.0 <= wc <= 1.0:
                out.confidences.append(wc)
            if not content:
                continue
            subs_type = element.get("SUBS_TYPE")
            if pending is not None and not words and (subs_type in (None, "HypPart2")):
                # Second part of a hyphenation: complete the word where it started.
                joined = pending.text + content
                whole = pending.subs
                if whole and "".join(whole.split()) == joined:
                    pending.text = whole
                else:
                    if whole:
                        stats.subs_mismatch.append(f"{pending.text}+{content}≠{whole}")
                    pending.text = joined
                pending = None
                continue
            if pending is not None and subs_type != "HypPart2":
                pending = None  # the line did not continue the hyphenated word after all
            left, width = _number(element.get("HPOS")), _number(element.get("WIDTH"))
            word = _Word(
                content,
                element.get("SUBS_CONTENT") if subs_type == "HypPart1" else None,
                left,
                left + width if left is not None and width is not None else None,
            )
            words.append(word)
            if subs_type == "HypPart1":
                pending = word
    return out


def element_index(root: etree._Element) -> dict[str, str]:
    """Every element ``ID`` inside a TextBlock (the block itself, its lines and Strings) → the TextBlock's ``ID``.

    METS page areas point into ALTO with ``BEGIN``/``END`` IDREFs to any of
    these; this resolves them to the fragment ids the reader produces.
    """
    index: dict[str, str] = {}
    for block in (e for e in root.iter() if local_name(e) == "TextBlock"):
        block_id = block.get("ID")
        if not block_id:
            continue
        for element in block.iter():
            element_id = element.get("ID") if isinstance(element.tag, str) else None
            if element_id:
                index.setdefault(element_id, block_id)
    return index


class AltoReader(PagedReader[tuple[etree._Element, list[etree._Element]]]):
    """Read an ALTO XML page (any version); one fragment per TextBlock, with its box.

    A document of several Pages with text is read at the Page ``meta.page_number`` names
    by its place, or whole with a ``several-pages`` warning; ``encoding`` overrides the XML
    declaration.
    """

    name: ClassVar[str] = "alto"

    @classmethod
    def sniff(cls, data: bytes) -> bool:
        """An XML document whose root element is ``alto`` (any prefix)."""
        return sniff.alto(data)

    @classmethod
    def pages(cls, data: bytes, *, encoding: str | None = None) -> tuple[int, ...]:
        """The places (1-based) of the document's Pages with text (ALTO allows several in one file)."""
        return filled_pages(_pages(cls._parse(data, PageMeta(), encoding)), _has_text)

    def _open(self, data: bytes, meta: PageMeta, encoding: str | None) -> tuple[etree._Element, list[etree._Element]]:
        """The document parsed safely (``encoding`` overrides the XML declaration), and its Layout's Pages."""
        root = self._parse(data, meta, encoding)
        pages = _pages(root)
        if not pages:
            raise ReadError("ALTO document has no Layout/Page", source=meta.source)
        return root, pages

    def _read_page(self, opened: tuple[etree._Element, list[etree._Element]], meta: PageMeta, encoding: str | None) -> Page:
        """The Page ``meta.page_number`` names by its place; without one, a document of several Pages with text is read whole, with a ``several-pages`` warning."""
        root, pages = opened
        chosen, warnings = document_pages(pages, _has_text, meta, kind="ALTO")
        zero_based = any((p.get("PHYSICAL_IMG_NR") or "").strip() == "0" for p in pages)
        stats = _Stats()
        blocks: list[LayoutBlock] = []
        seen: set[str] = set()
        page_numbers: list[int | None] = []
        for k, page in chosen:
            number = self._page_number(page, meta, k, len(pages), zero_based)
            page_numbers.append(number)
            for block in _text_blocks(page):
                text = _read_block(block, stats)
                lines = text.line_texts()
                fid = unique_id(block.get("ID"), seen, f"b{len(blocks) + 1}")
                blocks.append(
                    LayoutBlock(
                        id=fid,
                        lines=lines,
                        bbox=_bbox(block),
                        page=number,
                        line_boxes=tuple(text.boxes),
                        line_ids=tuple(text.ids),
                    )
                )
                if text.confidences and any(lines):
                    mean = sum(text.confidences) / len(text.confidences)
                    if mean < LOW_CONFIDENCE:
                        warnings.append(
                            Warning(
                                code="low-ocr-confidence",
                                message=f"TextBlock {fid}: mean word confidence {mean:.2f} over {len(text.confidences)} words",
                                source=meta.source,
                            )
                        )
        if stats.subs_mismatch:
            examples = ", ".join(stats.subs_mismatch[:3])
            warnings.append(
                Warning(
                    code="alto-hyphenation-mismatch",
                    message=f"{len(stats.subs_mismatch)} hyphenated word(s) whose SUBS_CONTENT differs from the printed "
                    f"parts; the printed parts were kept ({examples})",
                    source=meta.source,
                )
            )
        page_meta = meta
        if len(chosen) == 1 and page_numbers[0] is not None:  # one Page read: the document's number for it, or its place
            page_meta = replace(meta, page_number=page_numbers[0])
        if _segments_by_whitespace(root):
            blocks = regroup_lines(blocks)
        result = page_from_blocks(blocks, meta=page_meta, encoding=encoding or _declared_encoding(root), warnings=warnings)
        if not result.fragments:
            raise ReadError("empty ALTO page: no String content", source=meta.source)
        return result

    @staticmethod
    def _parse(data: bytes, meta: PageMeta, encoding: str | None) -> etree._Element:
        """The document's root element ``alto``, parsed safely; ``encoding`` overrides the XML declaration."""
        if encoding:
            try:
                data = data.decode(encoding).encode("utf-8")
                data = re.sub(rb"^(\s*<\?xml[^>]*?)encoding=[\"'][^\"']*[\"']", rb"\1", data, count=1)
            except (LookupError, UnicodeDecodeError) as exc:
                raise ReadError(f"cannot decode as {encoding}: {exc}", source=meta.source) from None
        root = parse_xml(data, kind="ALTO", source=meta.source)
        if local_name(root) != "alto":
            raise ReadError(f"not an ALTO document (root element {local_name(root)!r})", source=meta.source)
        return root

    @staticmethod
    def _page_number(page: etree._Element, meta: PageMeta, k: int, count: int, zero_based: bool = False) -> int | None:
        """The caller's page number for a single page, else PRINTED_IMG_NR, PHYSICAL_IMG_NR, or the position.

        Pages count from 1, but Tesseract writes PHYSICAL_IMG_NR as its 0-based image index
        (``zero_based``: some Page of the file has 0): of several pages, that index + 1 is the
        page's place; of one page, it says nothing.
        """
        if count == 1 and meta.page_number is not None:
            return meta.page_number
        printed = (page.get("PRINTED_IMG_NR") or "").strip()
        if printed.isdigit() and int(printed) > 0:
            return int(printed)
        physical = (page.get("PHYSICAL_IMG_NR") or "").strip()
        if physical.isdigit():
            if zero_based:
                return int(physical) + 1 if count > 1 else meta.page_number
            if int(physical) > 0:
                return int(physical)
        return k if count > 1 else meta.page_number


# OCR engines whose TextBlocks follow whitespace, not type (a headline's last line and its byline in
# one block, a headline line in pieces): their blocks are regrouped as set.  Others' TextBlocks are
# kept as they are: a publisher's METS refers to them, and on the 1824 issue (docWorks, OmniPage)
# cutting them at type changes lowered successors from 0.86 to 0.81.
_WHITESPACE_SEGMENTERS = ("tesseract",)


def _segments_by_whitespace(root: etree._Element) -> bool:
    """The file was made by an engine that segments by whitespace (its processingSoftware's softwareName)."""
    for element in root.iter():
        if local_name(element) == "softwareName" and (element.text or "").strip().lower().startswith(_WHITESPACE_SEGMENTERS):
            return True
    return False


def _declared_encoding(root: etree._Element) -> str:
    return (root.getroottree().docinfo.encoding or "utf-8").lower()
