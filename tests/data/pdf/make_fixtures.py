"""Regenerate the PDF fixtures of tests/test_reader_pdf.py (needs reportlab, BSD: pip install reportlab).

reportlab is imported inside the functions: the tests import this module for its texts only.

Run from the repository root: ``python tests/data/pdf/make_fixtures.py``.  The PDFs are committed,
so the tests need only pdfminer.six.  Every fixture uses the standard Helvetica font (not
embedded), keeping the files a few KiB.

* ``two_columns.pdf``: one page, two articles in two columns, a paragraph cut at the end of
  column 1 and continued at the top of column 2, a headline in large type; the text blocks are
  drawn in a deliberately wrong content-stream order.
* ``three_pages.pdf``: three pages, one line each ("Page one text." …).
* ``no_text.pdf``: one page with a drawn rule and no text.
* ``restricted.pdf``: one line, encrypted (RC4 128) with an empty user password and permissions
  that forbid copying text, as publishers often ship pages: readable, with a warning.
* ``password.pdf``: one line, encrypted with a user password: unreadable without it.
* ``indented_columns.pdf``: Chinese set as newspapers set it, in reportlab's built-in
  STSong-Light (not embedded): two justified columns of 16 characters, paragraphs opening with a
  two-character indent and no blank line between them, a paragraph cut at the foot of column 1
  and continued at the top of column 2; each column is one text object, so pdfminer.six gives a
  column's paragraphs together (or in pieces where its alignment test breaks them).
* ``running_head.pdf``: the same page under a running head (the paper, date and weekday at the
  left in small type, the page number set large and the page's name at the right, each drawn
  apart: :data:`RUNNING_HEAD`).
* ``vertical_title.pdf``: two articles side by side, the right one's headline set vertically down
  its right edge (one glyph per line, in display type), its byline centred over its two columns;
  the left one under a headline set across, its text starting lower.  ``vertical_name.pdf``: the
  same with the author's name set vertically under the title instead of a byline over the columns;
  ``vertical_two_part.pdf`` with a two-part title in two columns (春耕正当时 on the right, 田野绘新图).
* ``libreoffice_columns.pdf``: a word processor's PDF: the example page's first article (its DOCX
  made with python-docx from ``examples/``' JSON output) in two justified columns, first-line
  indents, section headings centred, no space between paragraphs, converted by LibreOffice
  (``soffice --headless --convert-to pdf``) with Noto Serif CJK SC embedded (OFL).  Made by
  :func:`libreoffice_columns` when LibreOffice is installed.
* ``libreoffice_english.pdf``: the same kind of page in English (:data:`ENGLISH`, twice over), in
  narrow justified columns where pdfminer.six cuts widely spaced lines into separate boxes.
* ``chromium_english.pdf``: a browser's PDF of ``chromium_english.html`` (three English articles
  under a masthead, h1/h2 headlines with bylines right under them, CSS columns, a caption and a
  credit, a running foot), printed by headless Chromium (``chromium --headless --no-sandbox
  --print-to-pdf=chromium_english.pdf chromium_english.html``) with DejaVu fonts embedded; pdfminer.six
  puts a headline and its byline in one box.  Not made by this script.
* ``chromium_chinese.pdf``: a browser's PDF of ``chromium_chinese.html`` (a kicker ending in 「——」,
  a headline, a byline and two columns of indented paragraphs), printed the same way with Noto
  Serif CJK SC embedded (OFL).  Skia writes the text layer with radical code points for common
  ideographs (⺠ for 民, ⽔ for 水) and one code point for the 「——」 ligature.  Not made by this script.
* ``chromium_column_kicker.pdf``: ``chromium_column_kicker.html`` printed the same way: the whole
  article flows in two justified CSS columns, so its kicker (in type a little smaller than the body)
  fills the first column's width over two lines, under a headline half as large again as the body
  (an EPUB reading system's page).  Not made by this script.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
WIDTH, HEIGHT = 600, 500

# (font size, [(x, top y, text)]) per block, in reading order; drawn in DRAW_ORDER.
BLOCKS = [
    (18, [(120, 30, "STATE OF IRELAND.")]),
    (10, [(40, 70, "The Marquess moved for papers relating"), (40, 84, "to Ireland, and hoped the Parliament"), (40, 98, "would be willing to give them, and to")]),
    (10, [(320, 70, "agree to the motion without delay."), (320, 84, "The motion was carried.")]),
    (12, [(380, 120, "COAL DUTIES.")]),
    (10, [(320, 150, "Sir WILLIAM LEMON presented a petition"), (320, 164, "against the duty on coals carried"), (320, 178, "coastwise. It was laid on the table.")]),
    (8, [(40, 460, "No. 6906")]),
]
DRAW_ORDER = [4, 2, 5, 0, 3, 1]


def _draw_block(pdf: Any, size: float, lines: list[tuple[float, float, str]]) -> None:
    text = pdf.beginText()
    text.setFont("Helvetica", size)
    for x, top, line in lines:
        text.setTextOrigin(x, HEIGHT - top - size)
        text.textOut(line)
    pdf.drawText(text)


def two_columns(path: Path) -> None:
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), pagesize=(WIDTH, HEIGHT), invariant=1)
    for k in DRAW_ORDER:
        _draw_block(pdf, *BLOCKS[k])
    pdf.showPage()
    pdf.save()


INDENTED = [
    "春天来了，田野里一片生机勃勃，农民们忙着播种。",
    "今年全县粮食种植面积稳定在一百万亩以上，新品种推广面积超过六成，科技对农业增长的贡献率持续提高，农民收入稳步增加。",
    "下一步，县里将继续加大投入，建设高标准农田。",
]
CJK_SIZE, CJK_LEADING, COLUMN_CHARS, INDENT_CHARS, COLUMN_LINES = 9, 12, 16, 2, 5


def _wrapped(paragraphs: list[str]) -> list[tuple[int, str]]:
    """Paragraphs broken into lines of :data:`COLUMN_CHARS`, each opening indented: (indent in characters, text)."""
    lines: list[tuple[int, str]] = []
    for paragraph in paragraphs:
        rest, indent = paragraph, INDENT_CHARS
        while rest:
            width = COLUMN_CHARS - indent
            lines.append((indent, rest[:width]))
            rest, indent = rest[width:], 0
    return lines


RUNNING_HEAD = ("人民日报  2025年3月9日  星期日", "5", "要闻")  # the page number set large, apart


def indented_columns(path: Path, running_head: tuple[str, str, str] | None = None) -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    lines = _wrapped(INDENTED)
    top = 24 if running_head else 0  # the running head's band over the page
    height = 200 + top
    pdf = canvas.Canvas(str(path), pagesize=(400, height), invariant=1)
    if running_head:
        left, number, name = running_head
        pdf.setFont("STSong-Light", 7)
        pdf.drawString(20, height - 12 - 7, left)
        pdf.drawRightString(380, height - 12 - 7, name)
        pdf.setFont("STSong-Light", 14)
        pdf.drawRightString(340, height - 6 - 14, number)
    title = pdf.beginText()
    title.setFont("STSong-Light", 18)
    title.setTextOrigin(110, height - top - 20 - 18)
    title.textOut("全县春耕生产有序推进")
    pdf.drawText(title)
    for column in range(2):
        text = pdf.beginText()
        text.setFont("STSong-Light", CJK_SIZE)
        x = 20 + column * (COLUMN_CHARS * CJK_SIZE + 26)
        for row, (indent, line) in enumerate(lines[column * COLUMN_LINES : (column + 1) * COLUMN_LINES]):
            text.setTextOrigin(x + indent * CJK_SIZE, height - top - 60 - row * CJK_LEADING - CJK_SIZE)
            text.textOut(line)
        pdf.drawText(text)
    pdf.showPage()
    pdf.save()


def _libreoffice_pdf(path: Path, title: str, paragraphs: list[tuple[str, bool]], size: float, font: str | None) -> None:
    """A title over two justified columns of ``paragraphs`` ((text, is a heading)), converted with LibreOffice.

    Paragraphs have a first-line indent and no space between them; headings are centred.
    """
    import subprocess
    import tempfile

    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.size = Pt(size)
    if font:
        normal.font.name = font
        normal.element.rPr.rFonts.set(qn("w:eastAsia"), font)
    heading = doc.add_paragraph(title)
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    heading.runs[0].font.size = Pt(20)
    columns = OxmlElement("w:cols")
    columns.set(qn("w:num"), "2")
    columns.set(qn("w:space"), "420")
    doc.add_section(0)._sectPr.append(columns)  # a continuous section in two columns
    for text, is_heading in paragraphs:
        paragraph = doc.add_paragraph(text)
        paragraph.paragraph_format.space_after = paragraph.paragraph_format.space_before = Pt(0)
        if is_heading:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        else:
            paragraph.paragraph_format.first_line_indent = Pt(2 * size if font else 12)
            paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / f"{path.stem}.docx"
        doc.save(str(source))
        subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", folder, str(source)], check=True)
        path.write_bytes((Path(folder) / f"{path.stem}.pdf").read_bytes())


def libreoffice_columns(path: Path, article_json: Path) -> None:
    """The first article of ``article_json`` (a newsarchive JSON output) in Noto Serif CJK SC, 10.5 points."""
    import json

    article = next(it for it in json.loads(article_json.read_text(encoding="utf-8"))["items"] if it.get("type") == "article")
    blocks = [(b["text"], b["type"] == "heading") for b in article["blocks"]]
    _libreoffice_pdf(path, article["headline"], blocks, 10.5, "Noto Serif CJK SC")


ENGLISH = [
    "The Marquess of Lansdowne moved for papers relating to the state of Ireland, and hoped the House would be "
    "willing to give them, and to agree to the motion without any delay whatever, since the subject was of the "
    "first importance to the empire.",
    "Lord Liverpool said he had no objection to the production of the papers, but he wished the noble Marquess "
    "to understand that the Government had already taken measures of its own.",
    "COAL DUTIES.",
    "Sir William Lemon presented a petition from the parish of St. Austell against the duty on coals carried "
    "coastwise. It was laid on the table.",
    "Mr. Hume said he could not let this opportunity pass without observing that the duty pressed most heavily "
    "upon the poorer classes of the western counties, who had no other fuel.",
    "The Chancellor of the Exchequer replied that the whole subject of the duties would come before the House "
    "in the course of the session.",
    "WOOL DUTIES.",
    "Mr. Baring presented a petition from the woollen manufacturers of Yorkshire praying for the repeal of the "
    "duty on foreign wool.",
]


def libreoffice_english(path: Path) -> None:
    """ENGLISH twice over in 10-point text."""
    _libreoffice_pdf(path, "IMPERIAL PARLIAMENT.", [(t, t.isupper()) for t in ENGLISH * 2], 10, None)


def three_pages(path: Path) -> None:
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), pagesize=(300, 200), invariant=1)
    for word in ("one", "two", "three"):
        _draw_block(pdf, 12, [(20, 20, f"Page {word} text.")])
        pdf.showPage()
    pdf.save()


def no_text(path: Path) -> None:
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), pagesize=(300, 200), invariant=1)
    pdf.line(20, 100, 280, 100)
    pdf.showPage()
    pdf.save()


VERTICAL_TITLE = "春耕正当时"
VERTICAL_TWO_PART = "春耕正当时 田野绘新图"
VERTICAL_BYLINE = "本报记者 王 丹"
NEIGHBOUR_HEADLINE = "城市更新稳步推进"
NEIGHBOUR_TEXT = "今年以来，各地扎实推进城市更新行动，一批老旧小区完成改造，居民生活更加便利。社区服务设施不断完善，群众获得感持续增强。"


VERTICAL_NAME = "李龙伊"


def vertical_title(path: Path, name_down_the_strip: bool = False, title_text: str = VERTICAL_TITLE) -> None:
    """Two articles side by side: on the left one under a headline set across; on the right one whose
    headline stands vertically at its right edge, its byline centred over its two columns (or, with
    ``name_down_the_strip``, an author's name set vertically under the title).  A two-part
    ``title_text`` stands in two columns, its first part on the right."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    height = 260
    parts = title_text.split()
    pdf = canvas.Canvas(str(path), pagesize=(560 + 26 * (len(parts) - 1), height), invariant=1)

    def column(x: float, top: float, lines: list[tuple[int, str]]) -> None:
        text = pdf.beginText()
        text.setFont("STSong-Light", CJK_SIZE)
        for row, (indent, line) in enumerate(lines):
            text.setTextOrigin(x + indent * CJK_SIZE, height - top - row * CJK_LEADING - CJK_SIZE)
            text.textOut(line)
        pdf.drawText(text)

    # Left: an article under a headline set across its column, its text starting lower than the right one's.
    pdf.setFont("STSong-Light", 18)
    pdf.drawString(20, height - 20 - 18, NEIGHBOUR_HEADLINE)
    column(20, 70, _wrapped([NEIGHBOUR_TEXT]))
    # Right: two columns, the byline centred over them, the title down a strip at their right.
    body = _wrapped(INDENTED)
    left_x, right_x = 190, 190 + COLUMN_CHARS * CJK_SIZE + 20
    if not name_down_the_strip:
        pdf.setFont("STSong-Light", 10)
        pdf.drawCentredString((left_x + right_x + COLUMN_CHARS * CJK_SIZE) / 2, height - 20 - 10, VERTICAL_BYLINE)
    column(left_x, 48, body[:COLUMN_LINES])
    column(right_x, 48, body[COLUMN_LINES:])
    for c, part in enumerate(parts):  # right to left, 6 points between the columns
        title = pdf.beginText()
        title.setFont("STSong-Light", 20)
        for n, ch in enumerate(part):
            title.setTextOrigin(right_x + COLUMN_CHARS * CJK_SIZE + 16 + 26 * (len(parts) - 1 - c), height - 20 - n * 21 - 20)
            title.textOut(ch)
        pdf.drawText(title)
    if name_down_the_strip:
        name = pdf.beginText()
        name.setFont("STSong-Light", 10)
        below = 20 + len(VERTICAL_TITLE) * 21 + 12
        for n, ch in enumerate(VERTICAL_NAME):
            name.setTextOrigin(right_x + COLUMN_CHARS * CJK_SIZE + 21, height - below - n * 11 - 10)
            name.textOut(ch)
        pdf.drawText(name)
    pdf.showPage()
    pdf.save()


def encrypted(path: Path, user_password: str) -> None:
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    protection = pdfencrypt.StandardEncryption(user_password, ownerPassword="owner", canCopy=0, canModify=0, strength=128)
    pdf = canvas.Canvas(str(path), pagesize=(300, 200), invariant=1, encrypt=protection)
    pdf.setFont("Helvetica", 12)
    pdf.drawString(20, 150, "Encrypted but readable page text.")
    pdf.save()


if __name__ == "__main__":
    two_columns(HERE / "two_columns.pdf")
    three_pages(HERE / "three_pages.pdf")
    no_text(HERE / "no_text.pdf")
    encrypted(HERE / "restricted.pdf", "")
    encrypted(HERE / "password.pdf", "secret")
    indented_columns(HERE / "indented_columns.pdf")
    indented_columns(HERE / "running_head.pdf", RUNNING_HEAD)
    vertical_title(HERE / "vertical_title.pdf")
    vertical_title(HERE / "vertical_name.pdf", name_down_the_strip=True)
    vertical_title(HERE / "vertical_two_part.pdf", title_text=VERTICAL_TWO_PART)
    import shutil
    import sys

    if shutil.which("soffice"):
        libreoffice_english(HERE / "libreoffice_english.pdf")
        if len(sys.argv) > 1:  # the example page's JSON output, e.g. out/….json
            libreoffice_columns(HERE / "libreoffice_columns.pdf", Path(sys.argv[1]))
