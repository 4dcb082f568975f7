"""The hOCR reader: OCR output as (X)HTML (Tesseract, OCRopus, Kraken …) → fragments with boxes.

hOCR marks layout with classes and puts geometry in ``title`` properties
(``title="bbox 105 66 823 113; x_wconf 91"``).  A *block* — one fragment — is
an ``ocr_par`` (a paragraph), or an ``ocr_carea`` (a column area) that has no
paragraphs inside, or a line outside any of these.  Its lines are the
``ocr_line`` elements inside it (and Tesseract's other line classes:
``ocr_header``, ``ocr_caption``, ``ocr_textfloat``), its words the
``ocrx_word`` elements, joined by one space — except where Chinese or
Japanese text meets, which joins directly unless the words' boxes stand a
type size apart (:func:`~newsarchive.readers.layout.join_words`); a line
without word elements contributes its text.  Several ``ocr_page`` s in one file are a
document of several pages (:meth:`HocrReader.pages`), numbered 1, 2, … by place
(``ppageno`` + 1 when given); the caller reads them one at a time.

**Input characters** for hOCR are the text of the word elements (or of a
line without any), whitespace aside: hOCR has no hyphenation markup, so a
hyphen printed at a line end is a character like any other and the English
profile keeps it when it joins the lines.

**Safety**: XHTML (an XML declaration) is parsed as XML with
:mod:`~newsarchive.safexml`'s settings; anything else with lxml's
HTML parser, no network; a DOCTYPE with an internal subset or any entity
declaration is refused (XXE, billion laughs).  Word confidences
(``x_wconf`` 0–100) below :data:`LOW_CONFIDENCE` on average give a
``low-ocr-confidence`` warning per block, as for ALTO.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import ClassVar

from lxml import etree

from ..errors import ReadError
from ..model import BBox, Page, PageMeta, Warning
from . import sniff
from .layout import LayoutBlock, PagedReader, document_pages, filled_pages, join_words, page_from_blocks, regroup_lines, solid_type_size, unique_id
from ..safexml import parse_html

__all__ = ["LOW_CONFIDENCE", "HocrReader", "properties"]

LOW_CONFIDENCE = 50.0  # mean x_wconf below which a block is reported
_LINE_CLASSES = {"ocr_line", "ocrx_line", "ocr_header", "ocr_caption", "ocr_textfloat"}
_BLOCK_CLASSES = {"ocr_par", "ocr_carea"}


def properties(title: str | None) -> dict[str, str]:
    """hOCR ``title`` properties: ``"bbox 1 2 3 4; x_wconf 90"`` → ``{"bbox": "1 2 3 4", "x_wconf": "90"}``."""
    out: dict[str, str] = {}
    for part in (title or "").split(";"):
        key, _, value = part.strip().partition(" ")
        if key:
            out[key] = value.strip()
    return out


def _bbox(props: dict[str, str]) -> BBox | None:
    values = props.get("bbox", "").split()
    if len(values) != 4:
        return None
    try:
        x0, y0, x1, y1 = (float(v) for v in values)
    except ValueError:
        return None
    return BBox(x0=x0, y0=y0, x1=x1, y1=y1)


def _x_size(props: dict[str, str]) -> float | None:
    """The engine's measure of the line's type size (Tesseract's ``x_size``), if it gives one."""
    try:
        size = float(props.get("x_size", ""))
    except ValueError:
        return None
    return size if size > 0 else None


def _type_size(props: dict[str, str], words: list[tuple[str, float | None, float | None]]) -> float | None:
    """A line's type size from its title properties: its ``x_size`` (Tesseract's), else measured on its words, else its height."""
    size = _x_size(props)
    if size:
        return size
    box = _bbox(props)
    return solid_type_size(words, box.y1 - box.y0 if box and box.y1 > box.y0 else None)


def _classes(element: etree._Element) -> set[str]:
    return set((element.get("class") or "").split()) if isinstance(element.tag, str) else set()


def _text(element: etree._Element) -> str:
    return " ".join("".join(element.itertext()).split())


def _ocr_pages(root: etree._Element) -> list[etree._Element]:
    return [e for e in root.iter() if "ocr_page" in _classes(e)]


def _has_text(page: etree._Element) -> bool:
    return any(text.strip() for text in page.itertext(etree.Element))  # elements' text: no comment counts


class HocrReader(PagedReader[list[etree._Element]]):
    """Read an hOCR page (HTML or XHTML); one fragment per paragraph (or column area), with its box.

    A document of several pages with text is read at the page ``meta.page_number`` names
    by its place, or whole with a ``several-pages`` warning; ``encoding`` overrides what the
    document declares.
    """

    name: ClassVar[str] = "hocr"

    @classmethod
    def sniff(cls, data: bytes) -> bool:
        """Markup with an element of class ``ocr_page``."""
        return sniff.hocr(data)

    @classmethod
    def pages(cls, data: bytes, *, encoding: str | None = None) -> tuple[int, ...]:
        """The places (1-based) of the document's ``ocr_page`` s with text (Tesseract writes one per image of a TIFF or PDF)."""
        return filled_pages(_ocr_pages(cls._parse(data, PageMeta(), encoding)), _has_text)

    def _open(self, data: bytes, meta: PageMeta, encoding: str | None) -> list[etree._Element]:
        """The document parsed safely (``encoding`` overrides what it declares): its ``ocr_page`` elements."""
        pages = _ocr_pages(self._parse(data, meta, encoding))
        if not pages:
            raise ReadError("not an hOCR document (no element of class ocr_page)", source=meta.source)
        return pages

    def _read_page(self, pages: list[etree._Element], meta: PageMeta, encoding: str | None) -> Page:
        """The page ``meta.page_number`` names by its place; without one, a document of several pages with text is read whole, with a ``several-pages`` warning."""
        chosen, warnings = document_pages(pages, _has_text, meta, kind="hOCR")
        blocks: list[LayoutBlock] = []
        seen: set[str] = set()
        numbers: list[int | None] = []
        for k, page in chosen:
            number = self._page_number(page, meta, k, len(pages))
            numbers.append(number)
            for block in self._blocks(page):
                lines, confidences, line_boxes, line_ids, line_sizes = self._lines(block)
                if not any(lines):
                    continue
                fid = unique_id(block.get("id"), seen, f"b{len(blocks) + 1}")
                blocks.append(
                    LayoutBlock(
                        id=fid,
                        lines=tuple(lines),
                        bbox=_bbox(properties(block.get("title"))),
                        page=number,
                        line_boxes=tuple(line_boxes),
                        line_ids=tuple(i if i is None else unique_id(i, seen, i) for i in line_ids),
                        line_sizes=tuple(line_sizes),
                    )
                )
                if confidences:
                    mean = sum(confidences) / len(confidences)
                    if mean < LOW_CONFIDENCE:
                        warnings.append(
                            Warning(
                                code="low-ocr-confidence",
                                message=f"block {fid}: mean word confidence {mean:.0f}/100 over {len(confidences)} words",
                                source=meta.source,
                            )
                        )
        page_meta = meta
        if len(chosen) == 1 and numbers[0] is not None:  # one page read: the document's number for it, or its place
            page_meta = replace(meta, page_number=numbers[0])
        result = page_from_blocks(regroup_lines(blocks), meta=page_meta, encoding=encoding or "utf-8", warnings=warnings)
        if not result.fragments:
            raise ReadError("empty hOCR page: no recognised text", source=meta.source)
        return result

    @staticmethod
    def _parse(data: bytes, meta: PageMeta, encoding: str | None) -> etree._Element:
        """The document's root, parsed safely; ``encoding`` overrides what the document declares."""
        if encoding:
            try:
                text = data.decode(encoding)
            except (LookupError, UnicodeDecodeError) as exc:
                raise ReadError(f"cannot decode as {encoding}: {exc}", source=meta.source) from None
            text = re.sub(r"^(\s*<\?xml[^>]*?)encoding=[\"'][^\"']*[\"']", r"\1", text, count=1)
            text = re.sub(r"<meta[^>]+charset[^>]*>", "", text, flags=re.IGNORECASE)
            data = text.encode("utf-8")
        return parse_html(data, kind="hOCR", source=meta.source)

    @staticmethod
    def _page_number(page: etree._Element, meta: PageMeta, k: int, count: int) -> int | None:
        if count == 1 and meta.page_number is not None:
            return meta.page_number
        ppageno = properties(page.get("title")).get("ppageno")
        if ppageno and ppageno.isdigit():
            return int(ppageno) + 1
        return k if count > 1 else meta.page_number

    @staticmethod
    def _blocks(page: etree._Element) -> list[etree._Element]:
        """The innermost paragraph-or-area elements holding lines, in document order; orphan lines alone."""
        out: list[etree._Element] = []
        claimed: set[etree._Element] = set()
        for element in page.iter():
            classes = _classes(element)
            if classes & {"ocr_par"} or (
                classes & {"ocr_carea"} and not any("ocr_par" in _classes(e) for e in element.iter() if e is not element)
            ):
                out.append(element)
                claimed.update(element.iter())
        for element in page.iter():
            if _classes(element) & _LINE_CLASSES and element not in claimed:
                out.append(element)  # a line outside any block (some engines emit these)
                claimed.update(element.iter())
        order = {e: i for i, e in enumerate(page.iter())}
        return sorted(out, key=lambda e: order[e])

    @staticmethod
    def _lines(
        block: etree._Element,
    ) -> tuple[list[str], list[float], list[BBox | None], list[str | None], list[float | None]]:
        """The block's lines (words joined as printed), its words' confidences, and each line's box, id and x_size."""
        lines: list[str] = []
        confidences: list[float] = []
        boxes: list[BBox | None] = []
        ids: list[str | None] = []
        sizes: list[float | None] = []
        line_elements = [e for e in block.iter() if _classes(e) & _LINE_CLASSES] or [block]
        for line in line_elements:
            words = [e for e in line.iter() if "ocrx_word" in _classes(e)]
            line_props = properties(line.get("title"))
            boxes.append(_bbox(line_props))
            ids.append(line.get("id") if line is not block else None)
            sizes.append(_x_size(line_props))
            if not words:
                lines.append(_text(line))
                continue
            placed: list[tuple[str, float | None, float | None]] = []
            for word in words:
                props = properties(word.get("title"))
                box = _bbox(props)
                placed.append((_text(word), box.x0 if box else None, box.x1 if box else None))
                conf = props.get("x_wconf")
                try:
                    if conf is not None:
                        confidences.append(float(conf))
                except ValueError:
                    pass
            lines.append(join_words(placed, _type_size(line_props, placed)))
        return lines, confidences, boxes, ids, sizes
