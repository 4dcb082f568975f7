"""The hOCR reader: blocks with boxes from title properties, confidences, HTML and XHTML, safety, layout pipeline."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from newsarchive.conservation import conservation_errors, nonspace
from newsarchive.errors import ReadError
from newsarchive.model import BBox, PageMeta
from newsarchive.readers.alto import AltoReader
from newsarchive.readers.hocr import HocrReader, properties

from geometry_helpers import reconstruct

FIXTURE = Path(__file__).parent / "data" / "hocr" / "two_columns.hocr"


def read(data: bytes, **meta):
    return HocrReader().read(data, meta=PageMeta(source="page.hocr", **meta))


@pytest.fixture(scope="module")
def xhtml() -> bytes:
    return FIXTURE.read_bytes()


def as_html(data: bytes) -> bytes:
    """The fixture as tag-soup HTML: no XML declaration, no namespace, an HTML5 doctype, unclosed <p>."""
    text = data.decode()
    text = text[text.index("<html") :].replace(' xmlns="http://www.w3.org/1999/xhtml"', "")
    return ("<!DOCTYPE html>\n" + text.replace("</p>", "")).encode()


def test_properties():
    assert properties("bbox 1 2 3 4; baseline 0 -5; x_wconf 93") == {"bbox": "1 2 3 4", "baseline": "0 -5", "x_wconf": "93"}
    assert properties(None) == {}


def test_sniff(xhtml):
    assert HocrReader.sniff(xhtml) and HocrReader.sniff(as_html(xhtml))
    assert not HocrReader.sniff(b"<html><body><p>ocr_page is a word here</p></body></html>")
    assert not AltoReader.sniff(xhtml)


def test_paragraphs_become_fragments_with_boxes_lines_and_page(xhtml):
    page = read(xhtml)
    assert [f.id for f in page.fragments] == ["par_1_3", "par_1_1", "par_1_2", "par_1_4", "par_1_5"]
    body = page.fragment("par_1_2")
    assert body.bbox == BBox(x0=50.0, y0=150.0, x1=450.0, y1=300.0)
    assert body.lines == ("The Marquess moved for papers", "relating to Ireland, and the Par-", "liament would be asked to")
    assert page.meta.page_number == 2 and {f.page for f in page.fragments} == {2}  # ppageno 1 is the second page
    assert page.meta.language == "en"


def test_conservation_against_word_texts(xhtml):
    page = read(xhtml)
    root = etree.fromstring(xhtml.split(b"\n", 3)[3])  # skip the declaration and the XHTML doctype
    words = "".join(
        "".join(e.itertext()) for e in root.iter() if "ocrx_word" in (e.get("class") or "")
    )
    assert nonspace("".join(f.text for f in page.fragments)) == nonspace(words)


def test_low_confidence_warning(xhtml):
    low = [w for w in read(xhtml).warnings if w.code == "low-ocr-confidence"]
    assert len(low) == 1 and "par_1_3" in low[0].message


def test_html_and_xhtml_read_the_same(xhtml):
    expected = [(f.id, f.lines, f.bbox) for f in read(xhtml).fragments]
    assert [(f.id, f.lines, f.bbox) for f in read(as_html(xhtml)).fragments] == expected


def test_xhtml_with_html_entities_falls_back_to_the_html_parser(xhtml):
    data = xhtml.replace(b">Sir<", b">Sir&nbsp;<")
    page = read(data)
    assert page.fragment("par_1_3").lines[0] == "Sir WILLIAM presented a"  # the no-break space is whitespace


def test_areas_without_paragraphs_and_lines_without_words():
    data = b"""<html><body><div class='ocr_page' title='bbox 0 0 100 100'>
      <div class='ocr_carea' id='a1' title='bbox 0 0 50 50'><span class='ocr_line' title='bbox 0 0 50 10'>Whole line text</span></div>
      <span class='ocr_line' id='l9' title='bbox 60 0 100 10'><span class='ocrx_word'>Orphan</span></span>
      </div></body></html>"""
    page = read(data)
    assert [(f.id, f.text) for f in page.fragments] == [("a1", "Whole line text"), ("l9", "Orphan")]


XXE = b"""<?xml version="1.0"?>
<!DOCTYPE html [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<html><body><div class="ocr_page"><p class="ocr_par"><span class="ocr_line">&secret;</span></p></div></body></html>"""
LAUGHS = b"""<!DOCTYPE html [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]>
<html><body><div class="ocr_page"><p class="ocr_par"><span class="ocr_line">&c;</span></p></div></body></html>"""
SMUGGLED = b"""<html><body><!ENTITY x SYSTEM "file:///etc/passwd"><div class="ocr_page"><p class="ocr_par">
<span class="ocr_line">&x;</span></p></div></body></html>"""


@pytest.mark.parametrize("payload", [XXE, LAUGHS, SMUGGLED], ids=["xxe", "billion-laughs", "entity-in-body"])
def test_entity_payloads_are_refused(payload):
    with pytest.raises(ReadError, match="DOCTYPE|entit"):
        read(payload)


def test_not_hocr_and_empty_are_read_errors():
    with pytest.raises(ReadError, match="no element of class ocr_page"):
        read(b"<html><body><p>hello</p></body></html>")
    with pytest.raises(ReadError, match="no recognised text"):
        read(b"<html><body><div class='ocr_page'></div></body></html>")


def test_layout_pipeline_rebuilds_the_articles(xhtml):
    page = reconstruct(read(xhtml))
    assert [a.headline for a in page.articles] == ["STATE OF IRELAND.", "COAL DUTIES."]
    first, second = page.articles
    assert [b.fragments for b in first.blocks] == [("par_1_2", "par_1_5")]
    assert first.blocks[0].text.endswith("would be asked to agree to the motion.")
    assert [b.fragments for b in second.blocks] == [("par_1_3",)]
    lost, invented = conservation_errors(page)
    assert not lost and not invented


def _tesseract_line(words: list[tuple[str, int, int]], x_size: int = 40) -> str:
    spans = "".join(f"<span class='ocrx_word' title='bbox {x0} 0 {x1} 36; x_wconf 90'>{w}</span> " for w, x0, x1 in words)
    return f"<span class='ocr_line' title='bbox 0 0 900 36; x_size {x_size}'>{spans}</span>"


def test_chinese_words_join_without_the_spaces_ocr_puts_between_them():
    # Tesseract marks a word after almost every Chinese character; the print has no space there.
    # A gap of a type size or more is a real one (a padded name); Latin words keep their spaces.
    lines = [
        [("版", 0, 38), ("式", 45, 83), ("设计", 95, 175), ("：", 180, 200), ("张", 205, 243), ("芳", 250, 288), ("曼", 292, 330)],
        [("本", 0, 38), ("报", 42, 80), ("记者", 85, 165), ("王", 215, 253), ("浩", 300, 338)],
        [("2025", 0, 60), ("年", 66, 104), ("GDP", 110, 180), ("达", 186, 224)],
        [("Mr.", 0, 50), ("Smith", 60, 150)],
    ]
    body = "".join(f"<p class='ocr_par' id='p{k}' title='bbox 0 0 900 36'>{_tesseract_line(ws)}</p>" for k, ws in enumerate(lines))
    page = read(f"<html><head><meta charset='utf-8'/></head><body><div class='ocr_page' title='bbox 0 0 1000 1000'>{body}</div></body></html>".encode())
    assert [f.text for f in page.fragments] == ["版式设计：张芳曼", "本报记者 王 浩", "2025年GDP达", "Mr. Smith"]


def test_a_file_cut_short_is_a_read_error_not_a_shorter_page(xhtml):
    # lxml's HTML parser would read what it can of the rest and say nothing.
    cut = xhtml[: len(xhtml) // 2]
    with pytest.raises(ReadError, match="truncated"):
        read(cut)
    assert read(xhtml + b"\n<!-- written by an OCR engine -->\n").fragments  # a trailing comment is not a cut


def test_tesseract_blocks_are_regrouped_as_set():
    # One ocr_par holding a headline line and the byline under it becomes two fragments.
    body = (
        "<p class='ocr_par' id='par_1' title='bbox 860 359 1462 558'>"
        "<span class='ocr_line' id='line_1' title='bbox 860 359 1462 438; x_size 97'>"
        "<span class='ocrx_word' title='bbox 860 359 1462 438'>字经济深度融合）</span></span>"
        "<span class='ocr_line' id='line_2' title='bbox 1055 520 1319 558; x_size 50'>"
        "<span class='ocrx_word' title='bbox 1055 520 1319 558'>本报记者王浩</span></span></p>"
    )
    page = read(f"<html><head><meta charset='utf-8'/></head><body><div class='ocr_page' title='bbox 0 0 3000 6000'>{body}</div></body></html>".encode())
    assert [(f.id, f.text) for f in page.fragments] == [("par_1", "字经济深度融合）"), ("line_2", "本报记者王浩")]


def test_tesseract_chinese_hocr_reads_as_printed_with_no_space_beside_punctuation():
    """Tesseract 5.3.0 (chi_sim) on a 200 dpi rendering of tests/data/pdf/chromium_column_kicker.pdf:
    each character its own ocrx_word with an ink box; no space stands beside Chinese punctuation."""
    import re

    from newsarchive.profiles.zh_peoples_daily import PeoplesDailyProfile

    page = read((FIXTURE.parent / "tesseract_chinese.hocr").read_bytes(), language="zh-CN")
    text = "\n".join(f.text for f in page.fragments)
    assert not re.search(r" [，。、；：？！”）]|[，。、；：？！“（] ", text)
    assert "“民有所呼，我有所应。”市生态环境局负责人" in text.replace("\n", "")
    rebuilt = reconstruct(page, profile=PeoplesDailyProfile())
    lost, invented = conservation_errors(rebuilt)
    assert not lost and not invented
    (article,) = rebuilt.articles
    assert article.headline == "门前水清风光入画" and article.byline.names == ("马丽",)
    assert [b.text[:4] for b in article.blocks] == ["清晨，江", "近年来，", "“民有所", "截至今年"]
