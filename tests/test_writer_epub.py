"""Tests for the EPUB 3 writer (ebooklib), on the hand-built sample page and sparse pages."""

from __future__ import annotations

import io
import os
import re
import shutil
import zipfile
from importlib.metadata import entry_points
from pathlib import Path

import ebooklib
import pytest

from helpers import run_epubcheck, xmltext_as_lxml
from ebooklib import epub
from lxml import etree

from newsarchive.model import Article, Block, BlockType, Page, PageMeta, Photo, Unplaced, replace
from newsarchive.writers import WriteResult, iso_timestamp
from newsarchive.writers.epub import EpubWriter

NS = {
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
    "x": "http://www.w3.org/1999/xhtml",
    "ncx": "http://www.daisy.org/z3986/2005/ncx/",
}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
OPF = "EPUB/content.opf"
GOLDEN = Path(__file__).parent / "golden" / "sample.epub.d"
UPDATE_GOLDEN = os.environ.get("NEWSARCHIVE_UPDATE_GOLDEN") == "1"


@pytest.fixture(autouse=True)
def _no_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    """Dates come from the page unless a test sets SOURCE_DATE_EPOCH itself."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


def sparse_page() -> Page:
    """A page with an article without blocks, an empty article, an empty photo and unplaced text."""
    return Page(
        meta=PageMeta(publication="人民日报海外版", date="2024-03-15", language="zh-CN"),
        items=(Article(headline="只有标题的文章"), Article(), Photo(), Photo(caption="只有说明的图片")),
        unplaced=(Unplaced(text="本版责编：某某"),),
    )


def entries(result: WriteResult) -> dict[str, bytes]:
    """The zip entries of a written EPUB, by name."""
    with zipfile.ZipFile(io.BytesIO(result.data)) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def opf(result: WriteResult) -> etree._Element:
    """The parsed package document."""
    return etree.fromstring(entries(result)[OPF])


def content_documents(result: WriteResult) -> dict[str, etree._Element]:
    """The parsed XHTML documents other than the nav, by entry name."""
    return {
        name: etree.fromstring(data)
        for name, data in entries(result).items()
        if name.endswith(".xhtml") and not name.endswith("nav.xhtml")
    }


def squeeze(text: str) -> str:
    """The text without any whitespace."""
    return re.sub(r"\s+", "", text)


def test_registered_under_writers_entry_point() -> None:
    """The CLI finds the writer through the entry point and its attributes describe EPUB."""
    (ep,) = [e for e in entry_points(group="newsarchive.writers") if e.name == "epub"]
    cls = ep.load()
    assert cls is EpubWriter
    assert (cls.name, cls.media_type, cls.file_extension) == ("epub", "application/epub+zip", ".epub")


@pytest.mark.slow
@pytest.mark.parametrize("which", ["sample", "sparse"])
def test_epubcheck_reports_no_errors_or_warnings(which: str, sample_page: Page, tmp_path: Path) -> None:
    """EPUBCheck 5.3.0 finds 0 fatals, 0 errors and 0 warnings on a full page and on a sparse one."""
    page = sample_page if which == "sample" else sparse_page()
    book = tmp_path / "book.epub"
    book.write_bytes(EpubWriter().write(page).data)
    checker, problems = run_epubcheck(book)
    assert checker["checkerVersion"] == "5.3.0"
    assert (checker["nFatal"], checker["nError"], checker["nWarning"]) == (0, 0, 0), problems
    assert problems == []


def test_read_back_gives_the_titles_and_headlines(sample_page: Page, tmp_path: Path) -> None:
    """ebooklib reads the book back with one TOC entry per item plus the unplaced text, in order."""
    path = tmp_path / "book.epub"
    path.write_bytes(EpubWriter().write(sample_page).data)
    book = epub.read_epub(str(path))

    assert [link.title for link in book.toc] == [
        "社保卡，解锁更多应用新场景",
        "去银行买金饰，有啥不一样？",
        "春暖花开采茶忙",
        "未归位文字",
    ]
    assert book.get_metadata("DC", "title")[0][0] == "人民日报海外版 2024-03-15 第11版 民生"
    headlines = []
    for item in book.get_items_of_type(ebooklib.ITEM_DOCUMENT):
        if isinstance(item, epub.EpubNav):
            continue
        root = etree.fromstring(item.content)  # as stored; get_content() re-renders it
        assert root.findtext("x:head/x:title", namespaces=NS).strip(), f"{item.file_name} has no title"
        headlines += root.xpath("//x:article/x:header/x:h1/text()", namespaces=NS)
    assert headlines == [a.headline for a in sample_page.articles]


def test_document_structure(sample_page: Page) -> None:
    """Header, byline, section headings, paragraphs and figures use the promised elements and classes."""
    doc = content_documents(EpubWriter().write(sample_page))["EPUB/article-001.xhtml"]
    article = sample_page.articles[0]
    body = doc.find("x:body/x:article", NS)
    assert body.findtext("x:header/x:p[@class='kicker']", namespaces=NS) == article.kicker
    assert body.findtext("x:header/x:h1", namespaces=NS) == article.headline
    assert body.findtext("x:p[@class='byline']", namespaces=NS) == article.byline.text
    assert body.xpath("x:h2/text()", namespaces=NS) == ["应用清单不断扩展"]
    assert len(body.findall("x:p", NS)) == 3  # byline + two paragraphs
    caption = body.find("x:figure/x:figcaption", NS)
    assert caption.findtext("x:p[@class='caption']", namespaces=NS) == article.photos[0].caption
    assert caption.findtext("x:p[@class='credit']", namespaces=NS) == article.photos[0].credit.text

    second = content_documents(EpubWriter().write(sample_page))["EPUB/article-002.xhtml"]
    assert second.findtext(".//x:header/x:p[@class='subtitle']", namespaces=NS) == "——银行代售金饰品引发关注"


def test_a_paragraph_longer_than_an_html_parser_reads_is_kept_whole() -> None:
    """libxml2's HTML parser, which ebooklib runs over every document, stops after about 10 MB and drops the
    rest: a paragraph of 11.9 million characters came out as ``<p/>``.  Documents are written without it."""
    text = "字" * 11_900_000 + "尾"
    page = Page(meta=PageMeta(language="zh-CN"), items=(Article(headline="大", blocks=(Block(type=BlockType.PARAGRAPH, text=text, fragments=()),)),))
    with zipfile.ZipFile(io.BytesIO(EpubWriter().write(page).data)) as zf:
        document = zf.read("EPUB/article-001.xhtml").decode("utf-8")
    assert document.count("字") == 11_900_000 and "字尾</p>" in document


def test_every_source_text_appears_in_the_document_bodies(sample_page: Page) -> None:
    """Nothing is lost: each source text is in some document body (not just a title or the nav)."""
    result = EpubWriter().write(sample_page)
    bodies = "".join(
        squeeze("".join(doc.find("x:body", NS).itertext())) for doc in content_documents(result).values()
    )
    missing = [text for text in sample_page.source_texts() if squeeze(text) not in bodies]
    assert sample_page.source_texts() and missing == []


def test_deterministic_bytes_and_zip_layout(sample_page: Page) -> None:
    """Two writes give identical bytes; mimetype comes first and stored; entries carry the page date."""
    first, second = EpubWriter().write(sample_page), EpubWriter().write(sample_page)
    assert first.data == second.data
    with zipfile.ZipFile(io.BytesIO(first.data)) as zf:
        infos = zf.infolist()
        assert infos[0].filename == "mimetype" and infos[0].compress_type == zipfile.ZIP_STORED
        assert zf.read("mimetype") == b"application/epub+zip"
        assert {info.date_time for info in infos} == {(2024, 3, 15, 0, 0, 0)}
        assert all(name.isascii() for name in zf.namelist())
    modified = opf(first).xpath("//opf:meta[@property='dcterms:modified']/text()", namespaces=NS)
    assert modified == ["2024-03-15T00:00:00Z"]


def test_source_date_epoch_sets_entry_dates_and_modified(sample_page: Page, monkeypatch: pytest.MonkeyPatch) -> None:
    """SOURCE_DATE_EPOCH replaces the page date in the zip entries and in the one dcterms:modified."""
    plain = EpubWriter().write(sample_page)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14T22:13:20Z
    stamped = EpubWriter().write(sample_page)
    assert stamped.data != plain.data
    with zipfile.ZipFile(io.BytesIO(stamped.data)) as zf:
        assert {info.date_time for info in zf.infolist()} == {(2023, 11, 14, 22, 13, 20)}
    modified = opf(stamped).xpath("//opf:meta[@property='dcterms:modified']/text()", namespaces=NS)
    assert modified == ["2023-11-14T22:13:20Z"] == [iso_timestamp(sample_page)]
    assert stamped.data == EpubWriter().write(sample_page).data


def test_metadata_title_date_and_identifier(sample_page: Page) -> None:
    """Title, dc:date and a content-derived identifier (shared with the NCX) are set."""
    package = opf(EpubWriter().write(sample_page))
    assert package.xpath("//dc:title/text()", namespaces=NS) == ["人民日报海外版 2024-03-15 第11版 民生"]
    assert package.xpath("//dc:date/text()", namespaces=NS) == ["2024-03-15"]
    (identifier,) = package.xpath("//dc:identifier/text()", namespaces=NS)
    assert re.fullmatch(r"urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}", identifier)
    ncx = etree.fromstring(entries(EpubWriter().write(sample_page))["EPUB/toc.ncx"])
    assert ncx.xpath("//ncx:meta[@name='dtb:uid']/@content", namespaces=NS) == [identifier]

    edited = replace(sample_page, items=(replace(sample_page.articles[0], headline="另一个标题"), *sample_page.items[1:]))
    assert opf(EpubWriter().write(edited)).xpath("//dc:identifier/text()", namespaces=NS) != [identifier]


def test_invalid_date_is_dropped_with_a_warning(sample_page: Page) -> None:
    """A date that is not YYYY-MM-DD never reaches dc:date (EPUBCheck would reject it) and is reported."""
    page = replace(sample_page, meta=replace(sample_page.meta, date="2024年3月15日"))
    result = EpubWriter().write(page)
    assert opf(result).xpath("//dc:date", namespaces=NS) == []
    assert [w.code for w in result.warnings] == ["epub-date-dropped"]


@pytest.mark.parametrize("given", ["zh-CN", "zh_CN", "ZH_cn"])
def test_language_is_bcp47_everywhere(given: str, sample_page: Page) -> None:
    """dc:language, the package's xml:lang and every document's lang/xml:lang are zh-CN."""
    page = replace(sample_page, meta=replace(sample_page.meta, language=given))
    result = EpubWriter().write(page)
    package = opf(result)
    assert package.xpath("//dc:language/text()", namespaces=NS) == ["zh-CN"]
    assert package.get(XML_LANG) == "zh-CN"
    for name, data in entries(result).items():
        if name.endswith(".xhtml"):
            root = etree.fromstring(data)
            assert (root.get("lang"), root.get(XML_LANG)) == ("zh-CN", "zh-CN"), name


def test_unusable_language_falls_back_to_und(sample_page: Page) -> None:
    """A language that is not a BCP 47 tag becomes 'und' with a warning rather than invalid metadata."""
    page = replace(sample_page, meta=replace(sample_page.meta, language="Chinese (simplified)"))
    result = EpubWriter().write(page)
    assert opf(result).xpath("//dc:language/text()", namespaces=NS) == ["und"]
    assert [w.code for w in result.warnings] == ["epub-language-unknown"]


def test_accessibility_metadata(sample_page: Page) -> None:
    """schema.org accessibility properties describe a textual, navigable, hazard-free book."""
    package = opf(EpubWriter().write(sample_page))

    def values(prop: str) -> list[str]:
        return package.xpath(f"//opf:meta[@property='{prop}']/text()", namespaces=NS)

    assert values("schema:accessMode") == ["textual"]
    assert values("schema:accessModeSufficient") == ["textual"]
    assert {"structuralNavigation", "tableOfContents", "readingOrder"} <= set(values("schema:accessibilityFeature"))
    assert values("schema:accessibilityHazard") == ["none"]
    (summary,) = values("schema:accessibilitySummary")
    assert summary.strip()


def test_stylesheet_linked_from_every_document(sample_page: Page) -> None:
    """The one stylesheet is in the book and every XHTML document (nav included) links it."""
    files = entries(EpubWriter().write(sample_page))
    assert "EPUB/page.css" in files
    for name, data in files.items():
        if name.endswith(".xhtml"):
            links = etree.fromstring(data).xpath("x:head/x:link[@rel='stylesheet']/@href", namespaces=NS)
            assert links == ["page.css"], name


def test_xml_illegal_characters_removed_and_reported(sample_page: Page) -> None:
    """Control characters and lone surrogates are stripped (not turned into U+FFFD) and reported per field."""
    article = replace(
        sample_page.articles[0],
        headline="社保卡\x0b新场景",
        blocks=(Block(type=BlockType.PARAGRAPH, text="段落\x01\x1f文字", fragments=("f4",)),),
    )
    page = replace(
        sample_page,
        items=(article, *sample_page.items[1:]),
        unplaced=(Unplaced(text="责编\ud800某某"),),
    )
    result = EpubWriter().write(page)
    text = "".join(data.decode("utf-8") for name, data in entries(result).items() if name.endswith((".xhtml", ".ncx")))
    assert "社保卡新场景" in text and "段落文字" in text and "责编某某" in text
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffd]", text)
    messages = [w.message for w in result.warnings if w.code == "xml-illegal-removed"]
    assert len(messages) == 3
    assert "U+000B" in messages[0] and "article 1 headline" in messages[0]
    assert "U+0001, U+001F" in messages[1] and "article 1 block 1" in messages[1]
    assert "U+D800" in messages[2] and "unplaced text 1" in messages[2]


def test_markup_in_text_is_escaped(sample_page: Page) -> None:
    """Text that looks like markup stays text."""
    headline = 'A & B <i>x</i> "]]>'
    page = replace(sample_page, items=(replace(sample_page.articles[0], headline=headline), *sample_page.items[1:]))
    doc = content_documents(EpubWriter().write(page))["EPUB/article-001.xhtml"]
    assert doc.findtext(".//x:h1", namespaces=NS) == headline
    assert doc.findtext("x:head/x:title", namespaces=NS) == headline
    assert doc.find(".//x:i", NS) is None


def test_sparse_page_gives_titled_documents_and_keeps_all_text() -> None:
    """Articles without blocks or text and photos without text still give titled, non-empty documents."""
    page = sparse_page()
    result = EpubWriter().write(page)
    docs = content_documents(result)
    assert sorted(docs) == [
        "EPUB/article-001.xhtml",
        "EPUB/article-002.xhtml",
        "EPUB/photo-003.xhtml",
        "EPUB/photo-004.xhtml",
        "EPUB/unplaced.xhtml",
    ]
    titles = [doc.findtext("x:head/x:title", namespaces=NS) for doc in docs.values()]
    assert titles == ["只有标题的文章", "文章 2", "图片 3", "只有说明的图片", "未归位文字"]
    assert all(len(doc.find("x:body", NS)) == 1 for doc in docs.values())
    bodies = "".join("".join(doc.find("x:body", NS).itertext()) for doc in docs.values())
    assert all(text in bodies for text in page.source_texts())
    assert result.warnings == ()


def test_unplaced_only_and_empty_pages() -> None:
    """A page with only unplaced text gives one document; an empty page still gets one to list in the nav."""
    only = Page(meta=PageMeta(language="en"), unplaced=(Unplaced(text="Stray line"),))
    docs = content_documents(EpubWriter().write(only))
    assert list(docs) == ["EPUB/unplaced.xhtml"]
    assert docs["EPUB/unplaced.xhtml"].findtext("x:head/x:title", namespaces=NS) == "Unplaced text"

    empty = EpubWriter().write(Page(meta=PageMeta(language="en")))
    assert list(content_documents(empty)) == ["EPUB/page.xhtml"]
    nav = etree.fromstring(entries(empty)["EPUB/nav.xhtml"])
    assert nav.xpath("//x:nav//x:a/@href", namespaces=NS) == ["page.xhtml"]
    assert opf(empty).xpath("//dc:title/text()", namespaces=NS) == ["Newspaper page"]


def _canonical(name: str, data: bytes) -> bytes:
    """An entry in comparable form: XML canonicalised without layout whitespace or the generator stamp."""
    if not name.endswith((".opf", ".xhtml", ".ncx", ".xml")):
        return data
    root = etree.fromstring(data)
    for meta in root.xpath("//opf:meta[@name='generator']", namespaces=NS):
        meta.getparent().remove(meta)  # names the ebooklib version, which is not ours to pin
    return etree.canonicalize(etree.tostring(root, encoding="unicode"), strip_text=True).encode("utf-8")


def test_matches_golden_files(sample_page: Page) -> None:
    """The sample page's entries match tests/golden/sample.epub.d (NEWSARCHIVE_UPDATE_GOLDEN=1 rewrites it)."""
    files = entries(EpubWriter().write(sample_page))
    if UPDATE_GOLDEN:
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for name, data in files.items():
            (GOLDEN / name).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / name).write_bytes(data)
    assert GOLDEN.is_dir(), f"{GOLDEN} is missing; run with NEWSARCHIVE_UPDATE_GOLDEN=1 to create it"
    golden = {p.relative_to(GOLDEN).as_posix(): p.read_bytes() for p in GOLDEN.rglob("*") if p.is_file()}
    assert sorted(files) == sorted(golden)
    for name, data in files.items():
        assert _canonical(name, data) == _canonical(name, golden[name]), name


# --------------------------------------------------------------------------------------
# Documents rendered directly against ebooklib's own path (an HTML parse of the body)
# --------------------------------------------------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from newsarchive.model import Byline, Credit  # noqa: E402
from newsarchive.writers import epub as epub_writer  # noqa: E402
from newsarchive.writers.xmltext import Element  # noqa: E402

_awkward = st.sampled_from([" ", "\t", "\n", "\r", "\r\n", "&", "<", ">", '"', "]]>", "&amp;", "<p>", "<!--", "字", "\x85",
                            "\x7f", "\ufdd0", "\ufeff", "\u2028", "\xa0", "\U0001f600", "\U0001fffe", "\x01", "\ud800"])
_text = st.lists(st.characters() | _awkward, max_size=6).map("".join)
_maybe = st.none() | _text
_photo = st.builds(Photo, title=_maybe, caption=_maybe, credit=st.none() | st.builds(Credit, text=_text))
_block = st.builds(Block, type=st.sampled_from(BlockType), text=_text, fragments=st.just(()))
_article = st.builds(
    Article,
    kicker=_maybe,
    headline=_maybe,
    subheadline=_maybe,
    byline=st.none() | st.builds(Byline, text=_text),
    blocks=st.lists(_block, max_size=3).map(tuple),
    photos=st.lists(_photo, max_size=2).map(tuple),
)
_page = st.builds(
    Page,
    meta=st.builds(PageMeta, language=st.sampled_from(["zh-CN", "en", "ar"])),
    items=st.lists(_article | _photo, max_size=3).map(tuple),
    unplaced=st.lists(st.builds(Unplaced, text=_text), max_size=2).map(tuple),
)


@settings(max_examples=150, deadline=None)
@given(_page)
def test_documents_are_the_bytes_ebooklib_makes_of_them(page: Page) -> None:
    """Rendering a body element into the template gives what ebooklib's serialize-and-parse-as-HTML gives."""
    direct = EpubWriter().write(page)

    def through_ebooklib(stem: str, title: str, body: Element) -> epub.EpubHtml:
        doc = epub.EpubHtml(uid=stem, file_name=f"{stem}.xhtml", media_type="application/xhtml+xml", title=title)
        doc.content = etree.tostring(xmltext_as_lxml(body), encoding="utf-8")  # re-parsed as HTML by get_content
        return doc

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(epub_writer, "_document", through_ebooklib)
        assert direct == EpubWriter().write(page)

