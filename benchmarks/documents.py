"""Reading documents of several pages: one parse for all the pages against one parse per page; prints one table.

Usage (from the repository root, in the environment where newsarchive is installed)::

    python benchmarks/documents.py [--pages 12] [--runs 3] [--pdf FILE ...]

Archives hold issues as one file: an ALTO file with a ``Page`` per page, an hOCR file
with an ``ocr_page`` per image of a TIFF, a PDF of the issue.  ``newsarchive convert``
and every ``batch`` worker read such a document through ``api.DocumentReader``, which
parses it once for all its pages; reading page after page with
``api.read_document_page`` parses the whole file again for each.  Both are timed
here, in this process, on the same bytes (the pages listed first, as ``convert``
does), median of ``--runs``; the pages read are checked equal.

Documents (built in memory, nothing written):

* ALTO: the real 1824 issue of ``../shared/data/alto`` (four ALTO pages), its pages
  repeated up to ``--pages``, in one ALTO file;
* hOCR: the same words, each ALTO String an ``ocrx_word``, in one hOCR file;
* PDF: ``--pages`` real People's Daily pages laid out as ``pdf_pages.py`` lays them
  out, in one PDF (needs reportlab; skipped with a note without it), and any PDF given
  with ``--pdf``.  What one opening saves depends on the file: listing a PDF's pages
  parses its page tree and, where the file keeps its objects in object streams (PDF 1.5
  on, as most producers write), those streams; reportlab writes neither, so its PDFs
  gain little (1.1x on 12 pages), a 36-page manual made by LaTeX (libtasn1's, in Debian's
  libtasn1-doc) 2.2x.

Reading only: reconstruction costs the same either way (``throughput.py`` measures it).
"""

from __future__ import annotations

import argparse
import copy
import statistics
import sys
import time
from pathlib import Path
from typing import Callable, Sequence

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared"
ALTO_ISSUE = SHARED / "data" / "alto" / "bl-statesman-1824"
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE / "reorder"))


def alto_document(pages: int) -> bytes:
    """One ALTO file of ``pages`` Pages: the issue's pages in turn, element ids made unique."""
    from lxml import etree

    files = sorted(ALTO_ISSUE.glob("*_[0-9][0-9][0-9][0-9].xml"))
    trees = [etree.parse(str(f)) for f in files]
    root = copy.deepcopy(trees[0].getroot())
    layout = root.find("Layout")
    for page in list(layout):
        layout.remove(page)
    sources = [t.getroot().find("Layout/Page") for t in trees]
    for k in range(1, pages + 1):
        page = copy.deepcopy(sources[(k - 1) % len(sources)])
        for element in page.iter():
            if element.get("ID"):
                element.set("ID", f"p{k}_{element.get('ID')}")
        page.set("PHYSICAL_IMG_NR", str(k))
        layout.append(page)
    return etree.tostring(root, xml_declaration=True, encoding="utf-8")


def hocr_document(alto: bytes) -> bytes:
    """The ALTO document's words as hOCR: an ocr_page per Page, an ocr_par per TextBlock, an ocr_line per TextLine."""
    from html import escape

    from lxml import etree

    def box(e: etree._Element) -> str:
        x, y = int(float(e.get("HPOS", 0))), int(float(e.get("VPOS", 0)))
        return f"bbox {x} {y} {x + int(float(e.get('WIDTH', 0)))} {y + int(float(e.get('HEIGHT', 0)))}"

    out = ["<html><head><meta name='ocr-capabilities' content='ocr_page ocr_par ocr_line ocrx_word'/></head><body>"]
    for k, page in enumerate(etree.fromstring(alto).iter("Page"), start=1):
        out.append(f"<div class='ocr_page' id='page_{k}' title='bbox 0 0 {page.get('WIDTH')} {page.get('HEIGHT')}'>")
        for block in page.iter("TextBlock"):
            out.append(f"<p class='ocr_par' title='{box(block)}'>")
            for line in block.iter("TextLine"):
                words = "".join(
                    f"<span class='ocrx_word' title='{box(s)}'>{escape(s.get('CONTENT', ''))}</span> " for s in line.iter("String")
                )
                out.append(f"<span class='ocr_line' title='{box(line)}'>{words}</span>")
            out.append("</p>")
        out.append("</div>")
    out.append("</body></html>")
    return "".join(out).encode()


def pdf_document(pages: int) -> bytes | None:
    """One PDF of ``pages`` real People's Daily pages (pdf_pages.py's layout), or None without reportlab."""
    try:
        import reportlab  # noqa: F401
    except ImportError:
        return None
    import pdf_pages
    import scramble

    real = scramble.load_pages(scramble.DEFAULT_DATA)[:pages]
    return pdf_pages.render_pages([pdf_pages.lay_out(page) for page in real], seed=0)


def _median_seconds(work: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def measure(name: str, data: bytes, runs: int) -> str:
    """One row: the document read page by page and through one DocumentReader, and the ratio."""
    from newsarchive import api

    numbers = api.pages(data)
    by_page = [api.read_document_page(data, k) for k in numbers]
    document = api.DocumentReader(data)
    if [document.page(k) for k in numbers] != by_page:
        raise SystemExit(f"{name}: the pages read through one DocumentReader differ from those read one by one")

    def page_by_page() -> None:
        for k in api.pages(data):
            api.read_document_page(data, k)

    def one_parse() -> None:
        reader = api.DocumentReader(data)
        for k in api.pages(data):
            reader.page(k)

    alone = _median_seconds(page_by_page, runs)
    shared = _median_seconds(one_parse, runs)
    return f"{name:6} {len(numbers):6} {len(data) / 2**20:9.1f} {alone:13.2f} {shared:12.2f} {alone / shared:7.1f}x"


def main(argv: Sequence[str] | None = None) -> int:
    """Build the documents, time both ways of reading them, print one table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=12, help="pages per document (default 12)")
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement (median; default 3)")
    parser.add_argument("--pdf", type=Path, nargs="*", default=[], help="PDF files of several pages to time as well")
    args = parser.parse_args(argv)
    if not ALTO_ISSUE.is_dir():
        print(f"no ALTO issue at {ALTO_ISSUE}", file=sys.stderr)
        return 2
    print(f"# reading a document of {args.pages} pages, median of {args.runs} runs, in one process")
    print("format  pages  size MiB  page by page  one parse s  speed-up")
    alto = alto_document(args.pages)
    print(measure("ALTO", alto, args.runs))
    print(measure("hOCR", hocr_document(alto), args.runs))
    pdf = pdf_document(args.pages)
    if pdf is None:
        print("PDF    skipped: reportlab is not installed (pip install reportlab)")
    else:
        print(measure("PDF", pdf, args.runs))
    for path in args.pdf:
        print(measure("PDF", path.read_bytes(), args.runs) + f"  {path.name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
