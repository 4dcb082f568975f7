"""The PDF reader (pdfminer.six): text boxes with top-left boxes, page choice, clear errors, layout pipeline."""

from __future__ import annotations

import random
import sys
from dataclasses import replace
from pathlib import Path

import pytest

import newsarchive

from newsarchive.conservation import conservation_errors
from newsarchive.errors import ReadError
from newsarchive.model import PageMeta
from newsarchive.profiles.zh_peoples_daily import PeoplesDailyProfile
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
    assert page.meta.language == "en" and page.meta.page_number is None  # a one-page file does not know it
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


def test_a_pdf_of_several_pages_converts_page_by_page(tmp_path):
    from click.testing import CliRunner

    from newsarchive.cli import cli

    assert PdfReader.pages((DATA / "three_pages.pdf").read_bytes()) == (1, 2, 3)
    assert newsarchive.api.pages(DATA / "two_columns.pdf") == (1,)
    result = CliRunner().invoke(cli, ["convert", str(DATA / "three_pages.pdf"), "--to", "json", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"three_pages-p{k}.json" for k in (1, 2, 3)]
    assert "Page two text." in (tmp_path / "three_pages-p2.json").read_text(encoding="utf-8")
    assert "warning" not in result.stderr  # no page-choice warning: every page was read


def test_a_pdf_of_several_pages_is_opened_once_for_all_its_pages(tmp_path, monkeypatch):
    """Opening a PDF lists its pages (parsing much of it): `convert` opens it to count them and once to read them all."""
    from click.testing import CliRunner

    from newsarchive.cli import cli
    from newsarchive.readers import pdf

    data = (DATA / "three_pages.pdf").read_bytes()
    alone = [PdfReader().read(data, meta=PageMeta(source="s", page_number=k)) for k in (1, 2, 3)]
    opened = []
    monkeypatch.setattr(pdf, "PdfPages", lambda data, _open=pdf.PdfPages: opened.append(1) or _open(data))
    assert list(PdfReader().read_pages(data, meta=PageMeta(source="s"), numbers=(1, 2, 3))) == alone
    assert len(opened) == 1
    result = CliRunner().invoke(cli, ["convert", str(DATA / "three_pages.pdf"), "--to", "json", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert len(opened) == 3 and len(list(tmp_path.iterdir())) == 3


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


def test_a_running_head_gives_the_page_facts_and_heads_no_article():
    """The running head over the page (人民日报 2025年3月9日 星期日 … 5 要闻, the page number set large
    and apart) is furniture, read for the page's paper, date, page number and name; a one-page PDF
    gives no page number of its own."""
    assert read("indented_columns.pdf").meta.page_number is None
    page = newsarchive.load(DATA / "running_head.pdf")
    meta = page.meta
    assert (meta.publication, meta.date, meta.page_number, meta.page_name) == ("人民日报", "2025-03-09", 5, "要闻")
    (article,) = page.items
    assert article.kicker is None and article.headline == "全县春耕生产有序推进" and len(article.blocks) == 3
    assert [u.text for u in page.unplaced] == ["人民日报 2025年3月9日 星期日", "5", "要闻"]
    given = newsarchive.load(DATA / "running_head.pdf", page_number=6)
    assert given.meta.page_number == 6 and [w.code for w in given.warnings] == ["running-head-mismatch"]


def test_indented_paragraphs_of_a_column_become_fragments_of_their_own():
    """Newspapers set paragraphs with a first-line indent and no blank line between them; pdfminer gives a
    column's paragraphs in one box (or in pieces where its alignment test breaks it): one fragment each."""
    page = read("indented_columns.pdf", language="zh-CN")
    texts = ["".join(f.lines) for f in page.fragments]
    assert texts[1:] == [
        "春天来了，田野里一片生机勃勃，农民们忙着播种。",
        "今年全县粮食种植面积稳定在一百万亩以上，新品种推广面积超过六成，科技对农业增长的贡献率持续提",
        "高，农民收入稳步增加。",  # the top of column 2 continues the cut paragraph: not indented
        "下一步，县里将继续加大投入，建设高标准农田。",
    ]
    from newsarchive.profiles.zh_peoples_daily import PeoplesDailyProfile

    (article,) = reconstruct(page, profile=PeoplesDailyProfile()).articles
    assert article.headline == "全县春耕生产有序推进"
    assert [b.text for b in article.blocks] == [
        texts[1],
        texts[2] + texts[3],
        texts[4],
    ]


def _line(text: str, x0: float, top: float, width_chars: float, size: float = 10.0):
    from newsarchive.model import BBox
    from newsarchive.readers.pdf import _Line

    return _Line(text, BBox(x0=x0, y0=top, x1=x0 + width_chars * size, y1=top + size))


def test_paragraphs_cut_a_flush_left_box_before_indented_lines_and_leave_centred_boxes_whole():
    from newsarchive.readers.pdf import paragraphs

    column = [
        _line("a1", 20, 0, 14), _line("a2", 0, 12, 16), _line("a3", 0, 24, 9),  # a paragraph: indent, full, short
        _line("b1", 20, 36, 14), _line("b2", 0, 48, 7),
        _line("c1", 20, 60, 5),  # a one-line paragraph: indented and short, after a short line
    ]
    assert [[x.text for x in piece] for piece in paragraphs(column, 10.0)] == [["a1", "a2", "a3"], ["b1", "b2"], ["c1"]]
    centred = [_line("headline", 0, 0, 16), _line("second", 30, 12, 10), _line("third", 40, 24, 8)]
    assert len(paragraphs(centred, 10.0)) == 1
    two_centred = [_line("headline", 0, 0, 16), _line("second", 30, 12, 10)]
    assert len(paragraphs(two_centred, 10.0)) == 1  # flush-left by half, but the short line is no paragraph start
    with_heading = [  # a section heading centred between two paragraphs of one box (LibreOffice sets them so)
        _line("p1", 0, 0, 16), _line("p2", 0, 12, 16), _line("p3", 0, 24, 5),
        _line("heading", 40, 36, 8),
        _line("q1", 0, 48, 16), _line("q2", 0, 60, 16),
    ]
    assert [[x.text for x in piece] for piece in paragraphs(with_heading, 10.0)] == [
        ["p1", "p2", "p3"], ["heading"], ["q1", "q2"]
    ]


def test_a_box_whose_lines_are_mostly_paragraphs_first_lines_is_running_text_cut_before_each():
    """问：…？ / 答：…: two of the box's three lines are paragraphs' first lines, set in and full; it is no header."""
    from newsarchive.readers.pdf import paragraphs

    qa = [_line("问：如何平衡", 20, 0, 14), _line("的关系？", 0, 12, 4), _line("答：坚持鼓励", 20, 24, 14)]
    assert [[x.text for x in piece] for piece in paragraphs(qa, 10.0)] == [["问：如何平衡", "的关系？"], ["答：坚持鼓励"]]
    # Set in by the indent but short of the right edge, the lines are a header's, centred.
    centred = [_line("kicker", 20, 0, 10), _line("headline", 0, 12, 16), _line("deck", 20, 24, 10)]
    assert len(paragraphs(centred, 10.0)) == 1


def test_column_flows_merge_boxes_that_continue_each_other_down_a_column():
    from newsarchive.readers.pdf import _column_flows

    upper = [_line("x1", 0, 0, 16), _line("x2", 0, 12, 16)]
    lower = [_line("y1", 20, 24, 14), _line("y2", 0, 36, 9)]  # the next line spacing down, indented
    after_blank = [_line("z1", 0, 60, 16)]  # a blank line above it
    other_size = [_line("c1", 0, 48, 16, size=7.5)]  # a caption in small type right under
    beside = [_line("w1", 200, 24, 16)]  # the next column
    flows = _column_flows([(upper, 10.0), (lower, 10.0), (after_blank, 10.0), (other_size, 7.5), (beside, 10.0)])
    assert sorted([x.text for x in lines] for lines, _ in flows) == [["c1"], ["w1"], ["x1", "x2", "y1", "y2"], ["z1"]]


def test_a_word_processors_two_columns_with_indents_and_centred_headings():
    """LibreOffice's PDF of the example page's first article: justified columns, first-line indents, no space
    between paragraphs, centred section headings, embedded CJK fonts (page 1 of 2)."""
    from newsarchive.profiles.zh_peoples_daily import PeoplesDailyProfile

    page = read("libreoffice_columns.pdf", language="zh-CN")
    (article,) = reconstruct(page, profile=PeoplesDailyProfile()).articles
    blocks = [(b.type.value, b.text) for b in article.blocks]
    assert article.headline == "社保卡，解锁更多应用新场景"
    # The justified lines' stretched character spacing and the gaps LibreOffice sets between Chinese
    # and digits are drawn as no spaces, so none are read in (以 工 代 赈, 今年 1 月 before).
    assert not any(" " in text for _, text in blocks)
    body = "".join(text for _, text in blocks)
    assert "以工代赈劳务报酬" in body and "截至今年1月底" in body and "买药——在不少人印象中" in body
    assert len(blocks) == 12
    assert [k for k, (kind, _) in enumerate(blocks) if kind == "heading"] == [2, 9]
    assert blocks[2][1] == "应用清单不断扩展" and blocks[9][1] == "区域“一卡通”成效初显"
    assert blocks[6][1].startswith("实际上，社保卡的应用场景正日益丰富起来。")  # cut at column 1's foot, rejoined
    assert blocks[6][1].endswith("宋京燕说。")


def test_a_justified_english_line_cut_apart_by_pdfminer_is_one_line_again():
    """In narrow justified columns pdfminer ends a line at a wide word gap ("Government   had   already
    taken" in three boxes); the pieces lie on one baseline within one column and are joined."""
    import sys as _sys

    _sys.path.insert(0, str(DATA))
    from make_fixtures import ENGLISH

    page = read("libreoffice_english.pdf", language="en")
    lines = [line for f in page.fragments for line in f.lines]
    assert "Government had already taken" in lines
    article_text = {" ".join(b.text.split()) for a in reconstruct(page).articles for b in a.blocks}
    body = [t for t in ENGLISH if not t.isupper()]
    assert all(t in article_text for t in body)  # every paragraph whole, the one cut at column 1's foot rejoined


def test_box_order_is_the_same_on_every_run_even_where_distances_tie():
    # pdfminer's own grouping breaks ties between equal distances by id() (a memory address): on
    # this grid of equal boxes, 30 copies gave 22 different orders.  The reader's must not vary.
    from types import SimpleNamespace

    from pdfminer.layout import LTTextBoxHorizontal

    from newsarchive.readers.pdf import _flow_order

    def grid() -> list[LTTextBoxHorizontal]:
        boxes = []
        for row in range(4):
            for column in range(3):
                box = LTTextBoxHorizontal()
                box.set_bbox((column * 110, 700 - row * 110, column * 110 + 100, 800 - row * 110))
                boxes.append(box)
        return boxes

    page = SimpleNamespace(bbox=(0, 0, 400, 900))
    orders = set()
    for _ in range(20):
        boxes = grid()
        order = _flow_order(page, boxes)
        assert sorted(map(id, order)) == sorted(map(id, boxes))  # every box once
        orders.add(tuple(boxes.index(b) for b in order))
    assert len(orders) == 1


def test_a_box_holding_a_headline_and_its_byline_is_cut_where_the_type_changes():
    # A browser's PDF: pdfminer gives the 17 pt headline lines and the 10 pt byline under them as one box.
    page = read("chromium_english.pdf", language="en")
    texts = [f.text.replace("\n", " ") for f in page.fragments]
    assert "City Library Extends Hours as Demand for Study Space Grows" in texts and "By Thomas Reyes" in texts
    articles = reconstruct(page).articles
    assert [(a.headline, a.byline.text if a.byline else None) for a in articles] == [
        ("River Authority Approves New Flood Barrier for Lower Valley", "By Margaret Ellison"),
        ("City Library Extends Hours as Demand for Study Space Grows", "By Thomas Reyes"),
        ("Harbour Festival Returns After Three-Year Pause", "By Daniel Okonkwo"),
    ]


def test_ideographs_a_browsers_text_layer_gives_as_radicals_read_as_the_ideographs_they_show():
    # Chromium (Skia) maps each Noto CJK glyph back to the first code point the font gives it: 民 as
    # ⺠ (CJK Radicals Supplement), 水 as ⽔ (Kangxi Radicals), 「——」 (one ligature glyph) as ⸺.
    page = read("chromium_chinese.pdf", language="zh-CN")
    text = "".join(f.text for f in page.fragments)
    assert not [c for c in text if 0x2E80 <= ord(c) <= 0x2FDF or c in "\u2e3a\u2e3b"]
    assert "长江沿线城市推进生态保护——" in text and "门前水清" in text and "民有所呼" in text
    (warning,) = [w for w in page.warnings if w.code == "pdf-radical-glyphs"]
    assert "(⺠ for 民" in warning.message
    (article,) = reconstruct(page, profile=PeoplesDailyProfile()).articles
    assert (article.kicker, article.headline, article.byline.names) == ("长江沿线城市推进生态保护——", "门前水清 风光入画", ("马丽",))


def test_a_kicker_filling_its_column_over_a_headline_in_larger_type_stays_a_kicker():
    # A flowing page (an EPUB's article printed by a browser): the kicker, in about body type, wraps to
    # fill the column like running text, but the line under it is a headline half as large again.
    page = read("chromium_column_kicker.pdf", language="zh-CN")
    (article,) = reconstruct(page, profile=PeoplesDailyProfile()).articles
    assert article.kicker == "长江沿线城市拆除违建修复岸线，推进沿江生态廊道建设——"
    assert article.headline == "门前水清 风光入画" and article.byline.names == ("马丽",)
    assert [b.text[:4] for b in article.blocks] == ["清晨，江", "近年来，", "“民有所", "截至今年"]


@pytest.mark.parametrize(
    ("line", "read"),
    [
        ("的称号――“技术急救", "的称号——“技术急救"),  # the Chinese dash given as horizontal bars
        ("的称号―", "的称号—"),  # the pair cut by a line end: each half beside Chinese or a quote
        ("―“技术", "—“技术"),
        ("（2024―2028年）", "（2024—2028年）"),  # a range
        ("―Yes, he said.", "―Yes, he said."),  # an English quotation dash stays
    ],
)
def test_a_horizontal_bar_in_chinese_text_reads_as_the_dash_it_shows(line, read):
    from newsarchive.readers.pdf import _CHINESE_BAR

    assert _CHINESE_BAR.sub("\u2014", line) == read


def test_the_radical_table_maps_radicals_to_ideographs():
    from newsarchive.readers.compat_glyphs import DASHES, RADICAL_TO_IDEOGRAPH

    assert all(0x2E80 <= ord(k) <= 0x2FDF for k in RADICAL_TO_IDEOGRAPH)
    assert all(0x3400 <= ord(v) <= 0x9FFF or ord(v) >= 0x20000 for v in RADICAL_TO_IDEOGRAPH.values())
    assert RADICAL_TO_IDEOGRAPH["\u2ea0"] == "民" and RADICAL_TO_IDEOGRAPH["\u2f54"] == "水"
    assert RADICAL_TO_IDEOGRAPH["\u2f3e"] == "户"  # the simplified glyph, not NFKC's 戶
    assert DASHES["\u2e3a"] == "——"


def _pdf_with_unmapped_font(mapped_lines: tuple[str, ...] = ()) -> bytes:
    """A one-page PDF: a line in a CID font with no ToUnicode map (Identity-H, as typesetters embed
    subsets), then ``mapped_lines`` in Helvetica, whose standard encoding maps every glyph."""
    content = b"BT /F1 24 Tf 72 760 Td <0026004F00480044> Tj ET"
    for k, text in enumerate(mapped_lines):
        content += b" BT /F2 12 Tf 72 %d Td (%s) Tj ET" % (700 - 16 * k, text.encode("ascii"))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R /F2 8 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        b"<< /Type /Font /Subtype /Type0 /BaseFont /ABCDEF+Typeset /Encoding /Identity-H /DescendantFonts [6 0 R] >>",
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /ABCDEF+Typeset"
        b" /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 7 0 R /DW 600 >>",
        b"<< /Type /FontDescriptor /FontName /ABCDEF+Typeset /Flags 4 /FontBBox [0 -200 1000 900]"
        b" /ItalicAngle 0 /Ascent 900 /Descent -200 /CapHeight 700 /StemV 80 >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    return out + b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)


def test_glyphs_without_a_unicode_mapping_are_kept_as_replacement_characters_with_a_warning():
    page = PdfReader().read(
        _pdf_with_unmapped_font(("The council met on Monday.", "It approved the new bridge.")),
        meta=PageMeta(source="mixed.pdf"),
    )
    texts = [f.text for f in page.fragments]
    assert "\ufffd" * 4 in texts[0] and "(cid:" not in "".join(texts)
    assert any("approved the new bridge" in t for t in texts)
    (warning,) = [w for w in page.warnings if w.code == "pdf-unmapped-glyphs"]
    assert "4 of " in warning.message and "ABCDEF+Typeset (4)" in warning.message and warning.source == "mixed.pdf"


def test_a_page_mostly_of_unmapped_glyphs_is_a_read_error_that_says_to_ocr_it(tmp_path):
    from click.testing import CliRunner

    from newsarchive.cli import cli

    with pytest.raises(ReadError, match="4 of 4 characters on page 1 have no Unicode mapping.*OCR") as info:
        PdfReader().read(_pdf_with_unmapped_font(), meta=PageMeta(source="typeset.pdf"))
    assert "typeset.pdf" in str(info.value)
    source = tmp_path / "typeset.pdf"
    source.write_bytes(_pdf_with_unmapped_font())
    result = CliRunner().invoke(cli, ["convert", str(source), "--to", "json", "-o", str(tmp_path / "out.json")])
    assert result.exit_code != 0 and "typeset.pdf" in result.output and "OCR" in result.output
    assert not (tmp_path / "out.json").exists()


def test_a_pdf_that_forbids_extraction_is_read_with_a_warning_as_data_not_a_log_line(capfd):
    page = read("restricted.pdf")
    assert [f.text for f in page.fragments] == ["Encrypted but readable page text."]
    (warning,) = page.warnings
    assert warning.code == "pdf-extraction-restricted" and warning.source == "restricted.pdf"
    assert "0x" not in warning.message  # pdfminer's message holds a memory address; ours is the same on every run
    assert capfd.readouterr().err == ""  # nothing left to logging's last-resort handler on stderr


def test_a_password_protected_pdf_is_a_read_error_that_says_so():
    with pytest.raises(ReadError, match="password.pdf: cannot read PDF: it is encrypted with a password"):
        read("password.pdf")


def test_a_three_line_headline_over_two_columns_neither_joins_their_lines_nor_loses_its_last_line():
    """A headline wrapped to three lines spans the gutter of the columns under it (8 columns of 120 points)."""
    from newsarchive.readers.pdf import _paragraph_pieces, _rejoin_split_lines

    headline = [_line("三产融合，蔬菜产业助增", 40, 68, 11, 23.3), _line("收（发展各具特色的县域", 40, 94, 11, 23.3)]
    headline.append(_line("经济）", 133, 127, 3, 23.3))  # the short last line, centred
    left = [_line(t, 36, 201 + 14 * k, 11, 10.5) for k, t in enumerate(("隆冬时节，湖北省嘉鱼县", "新街镇，不少蔬菜“住”", "进了温室大棚。"))]
    right = [_line(t, 180, 201 + 14 * k, 11, 10.5) for k, t in enumerate(("能分析干湿情况、营养参", "数等，目前已筛选、培育", "出20多个具备高产优质、"))]
    found = [(headline, 23.3), (left, 10.5), (right, 10.5)]
    rejoined = _rejoin_split_lines(found)
    assert [[x.text for x in lines] for lines, _ in rejoined] == [[x.text for x in lines] for lines, _ in found]
    pieces = _paragraph_pieces(rejoined)
    assert [x.text for x in pieces[0][0]] == ["三产融合，蔬菜产业助增", "收（发展各具特色的县域", "经济）"]
    # In body type the same shape is a column whose centred line is a section heading: cut there.
    column = [_line("正文第一行写满了整整十一字", 36, 300, 11), _line("小标题", 36 + 4 * 10, 314, 3)]
    column.append(_line("正文又一行写满了整整十一字", 36, 328, 11))
    body = [(column, 10.0)] + [(left, 10.0)] * 3
    assert [len(piece) for piece, _ in _paragraph_pieces(body)[:3]] == [1, 1, 1]
    # An editorial set larger than the page's running text is running text still: cut where paragraphs begin.
    editorial = [_line("社论第一段写满了整整十一字", 36, 400, 11, 13.0), _line("结束。", 36, 417, 3, 13.0)]
    editorial += [_line("第二段首行缩进两字写满了", 36 + 26, 434, 10, 13.0), _line("整整一行又一行的正文内容", 36, 451, 11, 13.0)]
    assert [len(piece) for piece, _ in _paragraph_pieces([(editorial, 13.0)] + [(left, 10.0)] * 3)[:2]] == [2, 2]


def test_a_damaged_file_that_trips_an_assertion_inside_pdfminer_is_a_read_error():
    """A damaged keyword ('trailerb') makes pdfminer's parser fail an assert of its own; that is a damaged
    file, reported as one, while an error raised in newsarchive's own code still surfaces as a bug."""
    data = (DATA / "two_columns.pdf").read_bytes().replace(b"trailer", b"trailerb").replace(b"startxref", b"startxreX")
    with pytest.raises(ReadError, match="damaged.pdf: cannot read PDF: AssertionError"):
        PdfReader().read(data, meta=PageMeta(source="damaged.pdf"))


def test_a_headline_set_vertically_heads_the_columns_beside_it():
    """A title down the right edge of its article (a glyph per line, in display type) is its headline, read
    before its byline and columns; the article to the left, whose text starts lower, keeps its own text."""
    page = newsarchive.load(DATA / "vertical_title.pdf")
    left, right = page.items
    assert left.headline == "城市更新稳步推进" and [len(b.fragments) for b in left.blocks] == [1]
    assert right.headline == "春耕正当时" and right.kicker is None
    assert right.byline is not None and right.byline.names == ("王丹",)
    assert [b.text for b in right.blocks] == [
        "春天来了，田野里一片生机勃勃，农民们忙着播种。",
        "今年全县粮食种植面积稳定在一百万亩以上，新品种推广面积超过六成，科技对农业增长的贡献率持续提高，农民收入稳步增加。",
        "下一步，县里将继续加大投入，建设高标准农田。",
    ]
    vertical = next(f for f in page.fragments if f.text.replace("\n", "") == "春耕正当时")
    assert vertical.bbox is not None and vertical.bbox.x0 > 500  # kept where it stands; only the order moved it


def test_a_two_part_title_set_vertically_in_two_columns_is_one_headline_read_right_to_left():
    page = newsarchive.load(DATA / "vertical_two_part.pdf")
    left, right = page.items
    assert left.headline == "城市更新稳步推进"
    assert right.headline == "春耕正当时田野绘新图" and right.byline.names == ("王丹",)
    assert [b.text[:7] for b in right.blocks] == ["春天来了，田野", "今年全县粮食种", "下一步，县里将"]
    # Apart, the columns are titles of two articles (田野绘新图 read first, as the left one).
    assert [f.text.replace("\n", "") for f in read("vertical_two_part.pdf").fragments].count("春耕正当时田野绘新图") == 1


def test_an_authors_name_set_vertically_under_a_vertical_title_is_its_byline():
    page = newsarchive.load(DATA / "vertical_name.pdf")
    _, article = page.items
    assert article.headline == "春耕正当时"
    assert article.byline is not None and (article.byline.text, article.byline.names) == ("李龙伊", ("李龙伊",))
    assert len(article.blocks) == 3 and not page.unplaced


def test_a_narrow_undrawn_gap_beside_chinese_is_spacing_and_a_wide_or_latin_one_a_space():
    """pdfminer reads a space into any gap over a tenth of the type size; beside Chinese text a gap
    under half an em is justification or autospace (工 代 赈, 今年 1 月), an em is a padded name."""
    from newsarchive.readers.pdf import _chinese_spacing

    class Glyph:
        def __init__(self, text: str, x0: float, x1: float, y0: float = 100.0, size: float = 10.0) -> None:
            self.text, self.x0, self.x1, self.y0, self.size = text, x0, x1, y0, size

        def get_text(self) -> str:
            return self.text

    class Gap:
        def get_text(self) -> str:
            return " "

    def spacing(left: str, right: str, gap: float, right_width: float = 10.0, **right_at: float) -> bool:
        items = [Glyph(left, 0.0, 10.0), Gap(), Glyph(right, 10.0 + gap, 10.0 + gap + right_width, **right_at)]
        return _chinese_spacing(items, 1, Glyph)

    assert spacing("工", "代", 1.5)  # a justified line's stretched spacing
    assert spacing("年", "1", 2.5, right_width=5.0) and spacing("1", "月", 2.5)  # autospace around a digit
    assert spacing("——", "在", 1.0) and spacing("药", "“", 2.0)  # a glyph of two characters, a full-width quote
    assert not spacing("李", "婕", 10.0)  # an em: a name padded by position
    assert not spacing("a", "b", 2.0) and not spacing("—", "b", 2.0)  # Latin text keeps its word spaces
    assert not spacing("工", "代", 1.5, y0=120.0)  # not on one baseline (a vertical strip)
