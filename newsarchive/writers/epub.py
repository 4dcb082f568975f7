"""The EPUB 3 writer: one book per page, one XHTML document per article or standalone photo.

ebooklib assembles the package (OPF, nav, NCX); this module builds every
document body as a tree of :class:`~newsarchive.writers.xmltext.Element`, so text is
always escaped by a serializer (lxml's escapes, byte for byte), adds what ebooklib
cannot do (``xml:lang`` on the package element) and zips ebooklib's entries itself,
for byte-identical output (fixed entry dates, stable order).
"""

from __future__ import annotations

import datetime as _dt
import functools
import hashlib
import json
import re
import uuid
from dataclasses import dataclass
from typing import Callable, ClassVar

from ebooklib import epub
from ebooklib.utils import parse_string
from lxml import etree

from ..languages import conventional_case, repaired_tag
from ..model import Article, BlockType, Page, Photo, Warning
from . import WriteResult, timestamp, xml_safe
from .xmltext import Element, escape_text
from .zipfiles import zip_entries

__all__ = ["EpubWriter"]

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_FOLDER = "EPUB"  # ebooklib's default package folder; the OPF lives at EPUB/content.opf
_ID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://newsarchive/epub/page")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_TITLE_LENGTH = 40  # fallback titles cut from body text stay short enough for a reader's TOC

_STYLESHEET = """\
body { margin: 0 5%; line-height: 1.6; }
header { margin: 0 0 1em; }
h1 { font-size: 1.5em; line-height: 1.3; margin: 0.2em 0; }
h2 { font-size: 1.15em; margin: 1.2em 0 0.4em; }
p { margin: 0 0 0.6em; text-indent: 2em; }
header p, p.byline, figcaption p, p.label { text-indent: 0; }
p.kicker { font-size: 0.95em; margin: 0; }
p.subtitle { font-size: 1.05em; margin: 0.2em 0 0; }
p.byline { font-size: 0.9em; }
figure { margin: 1em 0; padding: 0 0 0 0.8em; border-left: 3px solid #999; }
p.photo-title { font-weight: bold; }
p.credit { font-size: 0.85em; }
nav ol { list-style: none; padding: 0; }
"""


@dataclass(frozen=True, slots=True)
class _Labels:
    """Words the writer adds itself (titles of made-up documents, metadata), in one language."""

    lang: str
    contents: str
    article: str
    photo: str
    unplaced: str
    empty: str
    untitled: str
    page: str  # format string with {n}
    summary: str


_LABELS = {
    "zh": _Labels(
        lang="zh-CN",
        contents="目录",
        article="文章",
        photo="图片",
        unplaced="未归位文字",
        empty="本版没有内容。",
        untitled="报纸版面",
        page="第{n}版",
        summary="本书为一个报纸版面的文字重建：每篇文章、每张独立图片各为一章，按阅读顺序排列，"
        "并附目录；原版照片未收录，仅保留图片标题、说明和署名。",
    ),
    "en": _Labels(
        lang="en",
        contents="Contents",
        article="Article",
        photo="Photo",
        unplaced="Unplaced text",
        empty="This page has no content.",
        untitled="Newspaper page",
        page="page {n}",
        summary="A text reconstruction of one newspaper page: each article and each standalone photo "
        "is a chapter, in reading order, with a table of contents; the photographs themselves are not "
        "included, only their titles, captions and credits.",
    ),
}

_Clean = Callable[[str, str], str]


class EpubWriter:
    """Write the page as an EPUB 3 book (with nav, NCX, CSS and accessibility metadata)."""

    name: ClassVar[str] = "epub"
    media_type: ClassVar[str] = "application/epub+zip"
    file_extension: ClassVar[str] = ".epub"

    def write(self, page: Page) -> WriteResult:
        """Render the page to EPUB bytes, deterministic for a given page and ``SOURCE_DATE_EPOCH``."""
        warnings: list[Warning] = []

        def clean(text: str, where: str) -> str:
            return xml_safe(text, where, warnings)

        lang = _language_tag(page.meta.language, warnings)
        labels = _LABELS["zh"] if lang.split("-")[0].lower() == "zh" else _LABELS["en"]
        label_lang = None if _same_language(labels.lang, lang) else labels.lang

        book = epub.EpubBook()
        book.FOLDER_NAME = _FOLDER
        book.set_identifier(_identifier(page))
        title, made_up = _book_title(page, labels, clean)
        book.title = title
        # set_title() takes no attributes; a made-up title may need its own xml:lang
        book.add_metadata("DC", "title", title, {_XML_LANG: label_lang} if made_up and label_lang else None)
        book.set_language(lang)
        if page.meta.date:
            if _valid_date(page.meta.date):
                book.add_metadata("DC", "date", page.meta.date)
            else:
                warnings.append(
                    Warning(code="epub-date-dropped", message=f"page date {page.meta.date!r} is not YYYY-MM-DD; dc:date omitted")
                )
        _add_accessibility(book, labels, label_lang)

        css = epub.EpubItem(uid="css", file_name="page.css", media_type="text/css", content=_STYLESHEET.encode("utf-8"))
        book.add_item(css)

        documents = _documents(page, labels, label_lang, clean)
        for doc in documents:
            doc.add_item(css)  # ebooklib drops <head> content of the body we pass; this adds the <link>
            book.add_item(doc)

        nav = epub.EpubNav(title=labels.contents)
        nav.add_item(css)
        book.add_item(nav)
        book.add_item(epub.EpubNcx())
        book.toc = list(documents)
        book.spine = [nav, *documents]

        stamp = timestamp(page)  # read once: SOURCE_DATE_EPOCH must date the OPF and the zip alike
        entries = _BookWriter(
            book,
            {
                # ebooklib writes the only dcterms:modified from this (as iso_timestamp() would) and drops any we add
                "mtime": _dt.datetime(*stamp, tzinfo=_dt.timezone.utc),
                "epub3_pages": False,  # no page breaks to list; skips a parse of every document
            },
            lang,
        ).entries()
        data = zip_entries(entries, stamp, stored=("mimetype",), repeated=_SAME_EVERY_BOOK)
        return WriteResult(data=data, warnings=tuple(warnings))


# Entries with the same bytes in every book: their compressed form is kept between pages.
_SAME_EVERY_BOOK = frozenset({"mimetype", "META-INF/container.xml", f"{_FOLDER}/page.css"})


class _Entries:
    """Stands in for the zipfile ebooklib writes to: keeps each entry's name and bytes, in order."""

    def __init__(self) -> None:
        self.entries: list[tuple[str, bytes]] = []

    def writestr(self, name: str, data: str | bytes, compress_type: int | None = None) -> None:
        """Keep an entry; text is UTF-8, as zipfile.writestr encodes it."""
        self.entries.append((name, data.encode("utf-8") if isinstance(data, str) else data))


class _BookWriter(epub.EpubWriter):
    """ebooklib's writer, giving its entries back instead of zipping them, with ``xml:lang`` on the package.

    Its own zip, written, read back and rewritten with fixed dates and order, was
    about a quarter of a page's EPUB time; zip_entries writes the one zip, with
    fixed dates.  The OPF gets ``xml:lang`` on its package element (ebooklib sets none; Ace flags that)
    before ebooklib serializes it, rather than being parsed and serialized again.
    """

    def __init__(self, book: epub.EpubBook, options: dict[str, object], lang: str) -> None:
        super().__init__("", book, options)
        self._lang = lang

    def entries(self) -> list[tuple[str, bytes]]:
        """The book's entries in ebooklib's order (mimetype first), as ``write_epub`` would zip them."""
        self.process()
        self.out = _Entries()
        # What EpubWriter.write does, minus the zipfile.
        self.out.writestr("mimetype", "application/epub+zip")
        self._write_container()
        self._write_opf()
        self._write_items()
        return self.out.entries

    def _write_opf_file(self, root: etree._Element) -> None:
        root.set(_XML_LANG, self._lang)
        super()._write_opf_file(root)


def _documents(page: Page, labels: _Labels, label_lang: str | None, clean: _Clean) -> list[epub.EpubHtml]:
    """One document per item in reading order, then the unplaced text (or one placeholder if all is empty)."""
    documents: list[epub.EpubHtml] = []
    for index, item in enumerate(page.items, start=1):
        if isinstance(item, Article):
            title, body = _article_document(item, index, labels, label_lang, clean)
            stem = f"article-{index:03d}"
        else:
            title, body = _photo_document(item, index, labels, label_lang, clean)
            stem = f"photo-{index:03d}"
        documents.append(_document(stem, title, body))

    if page.unplaced:
        body = Element("section", attrs={"class": "unplaced"})
        _label(body, "h1", labels.unplaced, label_lang)
        for number, unplaced in enumerate(page.unplaced, start=1):
            _text(body, "p", clean(unplaced.text, f"unplaced text {number}"), "unplaced")
        documents.append(_document("unplaced", labels.unplaced, body))

    if not documents:
        # The nav's list may not be empty (EPUBCheck), so an empty page still gets one document.
        body = Element("section")
        _label(body, "p", labels.empty, label_lang, "label")
        documents.append(_document("page", labels.untitled, body))
    return documents


def _document(stem: str, title: str, body: Element) -> epub.EpubHtml:
    """An ebooklib document whose body is ``body`` (ASCII file name, id from the stem).

    Always rendered from the body itself, never through ebooklib's HTML parser: libxml2's
    parser reads only about the first 10 MB of a document and drops the rest of its text
    (an 11.9-million-character paragraph came out as an empty ``<p/>``).
    """
    return _Document(stem, title, body)


class _Document(epub.EpubHtml):
    """An ebooklib document rendered from its body element itself.

    ebooklib's ``get_content`` serializes the content, parses it back with lxml's HTML
    parser and moves the parsed body's children into its XHTML template.  For the
    elements this module builds (text-only ``p``, ``h1`` and ``h2`` in ``article``,
    ``header``, ``figure`` and ``section``) that round trip changes nothing (tested against
    ebooklib) up to the parser's reach, and loses the text past about 10 MB beyond it; so
    the body is written as text into the template's frame (see :func:`_frame`): the same
    bytes, without an HTML parse and lxml trees per document, and every character.
    """

    def __init__(self, stem: str, title: str, body: Element) -> None:
        super().__init__(uid=stem, file_name=f"{stem}.xhtml", media_type="application/xhtml+xml", title=title)
        self.body = body

    def get_content(self, default: bytes | None = None) -> bytes:
        """The XHTML document, as ebooklib's ``EpubHtml.get_content`` writes it."""
        start, middle, end = _frame(
            self.book.get_template(self._template_name),
            self.lang or self.book.language,
            tuple(tuple(meta.items()) for meta in self.metas),
            self.title != "",
            tuple(tuple(link.items()) for link in self.links),  # the stylesheet's (this module adds no scripts)
        )
        out = [start, escape_text(self.title), middle]
        self.body.write("    ", out)  # in html/body
        out.append(end)
        return "".join(out).encode("utf-8")


_BODY_MARK = "newsarchive-body"


@functools.lru_cache(maxsize=16)
def _frame(
    template: bytes,
    lang: str,
    metas: tuple[tuple[tuple[str, str], ...], ...],
    titled: bool,
    links: tuple[tuple[tuple[str, str], ...], ...],
) -> tuple[str, str, str]:
    """A document as ebooklib's ``get_content`` builds it with lxml, cut where the title and the body go.

    Built once per template, language, metas and links, with marks for the title
    text and the body, which every document then fills in.
    """
    tree = parse_string(template)
    root = tree.getroot()
    root.set("lang", lang)
    root.set(_XML_LANG, lang)
    head = etree.SubElement(root, "head")
    for meta in metas:
        etree.SubElement(head, "meta", dict(meta))
    if titled:
        etree.SubElement(head, "title").text = "\ue000"  # a private-use character: in no template
    for link in links:
        etree.SubElement(head, "link", dict(link))
    etree.SubElement(etree.SubElement(root, "body"), _BODY_MARK)
    text = etree.tostring(tree, pretty_print=True, encoding="utf-8", xml_declaration=True).decode("utf-8")
    before_body, body_mark, end = text.partition(f"    <{_BODY_MARK}/>\n")
    start, title_mark, middle = before_body.partition("\ue000")
    if not body_mark or titled != bool(title_mark):
        raise RuntimeError("EPUB: ebooklib's document template is not laid out as expected")
    return start, middle, end


def _article_document(
    article: Article, index: int, labels: _Labels, label_lang: str | None, clean: _Clean
) -> tuple[str, Element]:
    """The title and body element of an article's document."""
    where = f"article {index}"
    kicker = clean(article.kicker, f"{where} kicker") if article.kicker else None
    headline = clean(article.headline, f"{where} headline") if article.headline else None
    subheadline = clean(article.subheadline, f"{where} subheadline") if article.subheadline else None

    body = Element("article")
    if kicker or headline or subheadline:
        header = body.sub("header")
        if kicker:
            _text(header, "p", kicker, "kicker")
        if headline:
            _text(header, "h1", headline)
        if subheadline:
            _text(header, "p", subheadline, "subtitle")
    if article.byline is not None:
        _text(body, "p", clean(article.byline.text, f"{where} byline"), "byline")
    block_texts: list[str] = []
    for number, block in enumerate(article.blocks, start=1):
        text = clean(block.text, f"{where} block {number}")
        block_texts.append(text)
        _text(body, "h2" if block.type is BlockType.HEADING else "p", text)
    for number, photo in enumerate(article.photos, start=1):
        _figure(body, photo, f"{where} photo {number}", clean)

    title = _first_nonblank(headline, subheadline, kicker, *block_texts) or f"{labels.article} {index}"
    return _short(title), body


def _photo_document(
    photo: Photo, index: int, labels: _Labels, label_lang: str | None, clean: _Clean
) -> tuple[str, Element]:
    """The title and body element of a standalone photo's document."""
    where = f"photo {index}"
    title = clean(photo.title, f"{where} title") if photo.title else None
    body = Element("article", attrs={"class": "photo"})
    if title is not None and _first_nonblank(title):
        _text(body, "h1", title)
    else:
        _label(body, "h1", f"{labels.photo} {index}", label_lang)
    caption = _figure(body, photo, where, clean, with_title=False)  # the title is the h1 above
    return _short(_first_nonblank(title, caption) or f"{labels.photo} {index}"), body


def _figure(parent: Element, photo: Photo, where: str, clean: _Clean, *, with_title: bool = True) -> str | None:
    """Append a figure with the photo's title, caption and credit (nothing if it has no text); return the caption."""
    parts: list[tuple[str, str]] = []
    if with_title and photo.title:
        parts.append(("photo-title", clean(photo.title, f"{where} title")))
    caption = clean(photo.caption, f"{where} caption") if photo.caption else None
    if caption:
        parts.append(("caption", caption))
    if photo.credit is not None:
        parts.append(("credit", clean(photo.credit.text, f"{where} credit")))
    if parts:
        figcaption = parent.sub("figure").sub("figcaption")
        for css_class, text in parts:
            _text(figcaption, "p", text, css_class)
    return caption


def _text(parent: Element, tag: str, text: str, css_class: str | None = None) -> Element:
    """Append ``<tag class=…>text</tag>``; the text is escaped when serialized."""
    # No text node for empty text: ebooklib's HTML parse of <p></p> gives <p/>.
    return parent.sub(tag, text or None, {"class": css_class} if css_class else None)


def _label(parent: Element, tag: str, text: str, lang: str | None, css_class: str | None = None) -> None:
    """Append text the writer made up, marked with its language when it differs from the book's."""
    element = _text(parent, tag, text, css_class)
    if lang:
        element.set("lang", lang)


def _book_title(page: Page, labels: _Labels, clean: _Clean) -> tuple[str, bool]:
    """The title from publication, date, page number and name, and whether it is only a made-up label."""
    meta = page.meta
    parts = []
    if meta.publication:
        parts.append(clean(meta.publication, "publication"))
    if meta.date and _valid_date(meta.date):
        parts.append(meta.date)
    if meta.page_number is not None:
        parts.append(labels.page.format(n=meta.page_number))
    if meta.page_name:
        parts.append(clean(meta.page_name, "page name"))
    title = " ".join(p.strip() for p in parts if p.strip())
    return (title, False) if title else (labels.untitled, True)


def _add_accessibility(book: epub.EpubBook, labels: _Labels, label_lang: str | None) -> None:
    """Add schema.org accessibility metadata (text only, navigable, no hazards)."""
    properties = [
        ("schema:accessMode", "textual"),
        ("schema:accessModeSufficient", "textual"),
        ("schema:accessibilityFeature", "structuralNavigation"),
        ("schema:accessibilityFeature", "tableOfContents"),
        ("schema:accessibilityFeature", "readingOrder"),
        ("schema:accessibilityFeature", "displayTransformability"),
        ("schema:accessibilityHazard", "none"),
    ]
    for prop, value in properties:
        book.add_metadata(None, "meta", value, {"property": prop})
    summary_attrs = {"property": "schema:accessibilitySummary"}
    if label_lang:
        summary_attrs[_XML_LANG] = label_lang
    book.add_metadata(None, "meta", labels.summary, summary_attrs)


def _language_tag(tag: str | None, warnings: list[Warning]) -> str:
    """The page language as a BCP 47 tag with conventional case (``zh_cn`` → ``zh-CN``); ``und`` if unusable."""
    candidate = repaired_tag(tag)
    if candidate is None or len(candidate.split("-")[0]) < 2:  # EPUB readers want a real primary subtag
        warnings.append(Warning(code="epub-language-unknown", message=f"page language {tag!r} is not a BCP 47 tag; using 'und'"))
        return "und"
    return conventional_case(candidate)


def _same_language(a: str, b: str) -> bool:
    """Whether two tags share their primary language subtag."""
    return a.split("-")[0].lower() == b.split("-")[0].lower()


def _valid_date(value: str) -> bool:
    """Whether ``value`` is a real calendar date written YYYY-MM-DD."""
    if not _ISO_DATE.fullmatch(value):
        return False
    try:
        _dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _identifier(page: Page) -> str:
    """A ``urn:uuid:`` derived from the page metadata and everything the book shows, so equal pages share it."""
    meta = page.meta
    content: list[object] = []
    for item in page.items:
        if isinstance(item, Article):
            content.append(
                [
                    "article",
                    item.kicker,
                    item.headline,
                    item.subheadline,
                    item.byline.text if item.byline else None,
                    [[b.type.value, b.text] for b in item.blocks],
                    [_photo_key(p) for p in item.photos],
                ]
            )
        else:
            content.append(["photo", *_photo_key(item)])
    payload = {
        "meta": [meta.publication, meta.date, meta.page_number, meta.page_name, meta.language],
        "items": content,
        "unplaced": [u.text for u in page.unplaced],
    }
    # surrogatepass: source text may hold lone surrogates, which plain UTF-8 refuses
    raw = json.dumps(payload, ensure_ascii=False, sort_keys=True).encode("utf-8", "surrogatepass")
    return f"urn:uuid:{uuid.uuid5(_ID_NAMESPACE, hashlib.sha256(raw).hexdigest())}"


def _photo_key(photo: Photo) -> list[str | None]:
    """The shown fields of a photo, for the identifier."""
    return [photo.title, photo.caption, photo.credit.text if photo.credit else None]


def _first_nonblank(*texts: str | None) -> str | None:
    """The first text with a non-whitespace character, stripped."""
    for text in texts:
        if text and text.strip():
            return text.strip()
    return None


def _short(text: str) -> str:
    """Whitespace collapsed and cut to a TOC-friendly length."""
    text = " ".join(text.split())
    return text if len(text) <= _TITLE_LENGTH else text[: _TITLE_LENGTH - 1] + "…"
