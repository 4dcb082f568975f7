"""The PDF reader (pdfminer.six): text boxes with top-left boxes, page choice, clear errors, layout pipeline."""

from __future__ import annotations

import random
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from newsarchive.conservation import conservation_errors
from newsarchive.errors import ReadError
from newsarchive.model import PageMeta
from newsarchive.readers.pdf import INSTALL_HINT, PdfReader

from geometry_helpers import reconstruct

pytest.importorskip("pdfminer", reason="pdfminer.six (the 'pdf' extra) is not installed")

DATA = Path(__file__).parent / "data" / "pdf"


def read(name: str, **meta):
    return PdfReader().read((DATA / name).read_bytes(), meta=PageMeta(source=name, **meta))


def test_sniff():
    assert PdfReader.sniff((DATA / "two_columns.pdf").read_bytes())
    assert PdfReader.sniff(b"\n\n%PDF-1.7\n...")
    assert not PdfReader.sniff(b"<alto/>") and not PdfReader.sniff("标题".encode())


def test_text_boxes_with_top_left_boxes():
    page = read("two_columns.pdf")
    texts = {f.id: f.lines for f in page.fragments}
    assert ("STATE OF IRELAND.",) in texts.values()
    body = next(f for f in page.fragments if f.lines[0].startswith("The Marquess"))
    assert body.lines == (
        "The Marquess moved for papers relating",
        "to Ireland, and hoped the Parliament",
        "would be willing to give them, and to",
    )
    # Drawn with its first line's top at y=70 from the top of a 500pt page: top-left origin.
    assert body.bbox is not None and 68 <= body.bbox.y0 <= 76 and body.bbox.x0 == pytest.approx(40.0)
    assert body.bbox.y1 > body.bbox.y0 and body.bbox.x1 > body.bbox.x0
    folio = next(f for f in page.fragments if f.text == "No. 6906")
    assert folio.bbox is not None and folio.bbox.y0 > 450  # at the foot of the page
    assert page.meta.language == "en" and page.meta.page_number == 1
    assert all(f.page == 1 for f in page.fragments)


def test_one_page_pdf_is_read_whatever_the_newspaper_page_number():
    page = read("two_columns.pdf", page_number=5)
    assert page.meta.page_number == 5 and {f.page for f in page.fragments} == {5}


def test_page_choice_in_a_multi_page_pdf():
    assert read("three_pages.pdf", page_number=2).fragments[0].text == "Page two text."
    first = read("three_pages.pdf")
    assert first.fragments[0].text == "Page one text."
    assert [w.code for w in first.warnings] == ["pdf-page"]
    with pytest.raises(ReadError, match="3 page"):
        read("three_pages.pdf", page_number=4)


def test_errors_are_read_errors():
    with pytest.raises(ReadError, match="no text on page 1"):
        read("no_text.pdf")
    with pytest.raises(ReadError, match="cannot read PDF"):
        PdfReader().read(b"%PDF-1.4\n garbage without objects", meta=PageMeta(source="bad.pdf"))


def test_missing_pdfminer_says_how_to_install(monkeypatch):
    for name in [m for m in sys.modules if m == "pdfminer" or m.startswith("pdfminer.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "pdfminer", None)  # makes "import pdfminer" fail
    with pytest.raises(ReadError) as info:
        read("two_columns.pdf")
    assert INSTALL_HINT in str(info.value) and "newsarchive[pdf]" in INSTALL_HINT


def test_layout_pipeline_rebuilds_the_articles_from_any_block_order():
    page = read("two_columns.pdf")
    for seed in range(3):
        fragments = list(page.fragments)
        random.Random(seed).shuffle(fragments)
        rebuilt = reconstruct(replace(page, fragments=tuple(fragments)))
        assert [a.headline for a in rebuilt.articles] == ["STATE OF IRELAND.", "COAL DUTIES."]
        first = rebuilt.articles[0]
        assert len(first.blocks) == 1 and first.blocks[0].text.endswith(
            "give them, and to agree to the motion without delay. The motion was carried."
        )
        assert [u.text for u in rebuilt.unplaced] == ["No. 6906"]
        lost, invented = conservation_errors(rebuilt)
        assert not lost and not invented


def test_pdf_without_pages_is_a_read_error():
    data = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
    with pytest.raises(ReadError, match="no readable page"):
        PdfReader().read(data, meta=PageMeta(source="empty.pdf"))
