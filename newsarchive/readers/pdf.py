"""The PDF reader: one page of a born-digital PDF → text blocks with boxes (pdfminer.six, MIT licence).

pdfminer.six is an optional dependency (``pip install 'newsarchive[pdf]'``),
imported only when a PDF is read; without it reading a PDF is a
:class:`ReadError` that says how to install it.  (PyMuPDF is not used: it is
AGPL.)

One page at a time: a one-page PDF is read whatever ``page_number`` says
(that is the newspaper's page number); in a PDF of several pages
``page_number`` (1-based) picks the page, page 1 by default with a warning.

Blocks are pdfminer's text boxes (its default layout analysis: characters →
lines → boxes, a box ends where the line spacing grows, so a paragraph
piece in one column is one box); their order is pdfminer's own reading
order, which the layout transforms replace.  Boxes are converted to the
model's top-left origin.  Each box's dominant font size is measured (the
model has no field for it yet, so the layout transforms use line height);
boxes without text (a rule, an empty frame) are dropped.

**Input characters** for PDF are the characters pdfminer extracts from the
page's text objects, whitespace aside.
"""

from __future__ import annotations

import io
import statistics
from dataclasses import dataclass, replace
from typing import Any, ClassVar

from ..errors import ReadError
from ..model import BBox, Page, PageMeta, Warning
from . import sniff
from .layout import LayoutBlock, page_from_blocks

__all__ = ["PdfBox", "PdfReader", "extract_boxes"]

INSTALL_HINT = "reading PDF needs pdfminer.six: pip install 'newsarchive[pdf]'"


@dataclass(frozen=True, slots=True)
class PdfBox:
    """A text box of a PDF page: its lines, its box (top-left origin, points) and dominant font size."""

    lines: tuple[str, ...]
    bbox: BBox
    font_size: float | None


def _pdfminer() -> Any:
    try:
        from pdfminer import high_level, layout
    except ImportError:
        raise ReadError(INSTALL_HINT) from None
    return high_level, layout


def extract_boxes(data: bytes, page_index: int) -> tuple[list[PdfBox], int]:
    """Text boxes of page ``page_index`` (0-based) in pdfminer's order, and the PDF's page count."""
    high_level, layout = _pdfminer()
    from pdfminer.pdfpage import PDFPage

    count = sum(1 for _ in PDFPage.get_pages(io.BytesIO(data)))
    if not 0 <= page_index < count:
        raise ReadError(f"the PDF has {count} page(s), no page {page_index + 1}")
    boxes: list[PdfBox] = []
    for page in high_level.extract_pages(io.BytesIO(data), page_numbers=[page_index], laparams=layout.LAParams()):
        height = page.height
        for element in page:
            if not isinstance(element, layout.LTTextBox):
                continue
            lines: list[str] = []
            sizes: list[float] = []
            for line in element:
                if not isinstance(line, layout.LTTextLine):
                    continue
                text = " ".join(line.get_text().split())
                if text:
                    lines.append(text)
                sizes.extend(round(ch.size, 1) for ch in line if isinstance(ch, layout.LTChar) and ch.get_text().strip())
            if not lines:
                continue
            bbox = BBox(x0=element.x0, y0=height - element.y1, x1=element.x1, y1=height - element.y0)
            size = statistics.mode(sizes) if sizes else None
            boxes.append(PdfBox(tuple(lines), bbox, size))
    return boxes, count


class PdfReader:
    """Read one page of a born-digital PDF as text blocks with boxes."""

    name: ClassVar[str] = "pdf"

    @classmethod
    def sniff(cls, data: bytes) -> bool:
        """The PDF header ``%PDF-`` near the start (the specification allows 1 KiB of junk before it)."""
        return sniff.pdf(data)

    def read(self, data: bytes, *, meta: PageMeta, encoding: str | None = None) -> Page:
        """Extract the page's text boxes; ``encoding`` is ignored (PDF text is decoded by its fonts)."""
        _pdfminer()  # fail early, and clearly, without pdfminer.six
        from pdfminer.pdfparser import PDFSyntaxError
        from pdfminer.psparser import PSException

        warnings: list[Warning] = []
        try:
            from pdfminer.pdfpage import PDFPage

            count = sum(1 for _ in PDFPage.get_pages(io.BytesIO(data)))
            if count == 0:
                raise ReadError("cannot read PDF: it has no readable page (damaged, or an empty page tree)")
            if count == 1:
                index = 0
            elif meta.page_number is not None:
                index = meta.page_number - 1
            else:
                index = 0
                if count > 1:
                    warnings.append(
                        Warning(
                            code="pdf-page",
                            message=f"the PDF has {count} pages; page 1 was read (choose one with --page)",
                            source=meta.source,
                        )
                    )
            boxes, _ = extract_boxes(data, index)
        except ReadError as exc:
            raise ReadError(exc.message, source=meta.source) from None
        except (PDFSyntaxError, PSException, ValueError, TypeError, KeyError) as exc:
            raise ReadError(f"cannot read PDF: {exc or type(exc).__name__}", source=meta.source) from None
        except Exception as exc:  # pdfminer raises assorted errors on encrypted or broken files
            if type(exc).__module__.startswith("pdfminer"):
                raise ReadError(f"cannot read PDF: {type(exc).__name__}: {exc}", source=meta.source) from None
            raise
        number = meta.page_number if meta.page_number is not None else index + 1
        blocks = [LayoutBlock(id=f"p{index + 1}b{k + 1}", lines=b.lines, bbox=b.bbox, page=number) for k, b in enumerate(boxes)]
        page = page_from_blocks(blocks, meta=replace(meta, page_number=number), encoding=None, warnings=warnings)
        if not page.fragments:
            raise ReadError(f"no text on page {index + 1} of the PDF (a scanned page needs OCR first)", source=meta.source)
        return page
