"""The NewsML-G2 writer: one ``newsMessage`` per page (IPTC NewsML-G2 2.35, Power conformance).

Shape of the output (every item carries ``standard="NewsML-G2" standardversion="2.35"
conformance="power"`` and ``version="1"``)::

    newsMessage
      header/sent                         the output timestamp (iso_timestamp), never the wall clock
      itemSet
        packageItem   ninat:composite     the page
          itemMeta/edNote                 unplaced text (role naprop:unplacedText)
          contentMeta                     date, language, page name (headline), publication
                                          (creditline), naprop:printPageNumber/printPageName
          groupSet root="page"
            group id="page" nagrp:page pgrmod:seq
              groupRef -> group "article-N"    one per article, in reading order
              itemRef  -> picture item         one per standalone photo, in reading order
            group id="article-N" nagrp:article pgrmod:seq
              itemRef -> text item, then itemRef -> picture item per article photo
        newsItem      ninat:text          one per article (headlines, byline, XHTML body)
        newsItem      ninat:picture       one per photo (standalone and article photos)

Article photos are referenced from the package (their article's group), not from the
text item, so the package alone describes the page's structure.

Headline roles use the private scheme ``nahl`` (IPTC has no headline-role codes):
``nahl:main``, ``nahl:kicker``, ``nahl:subheadline``; a photo title is its picture
item's ``nahl:main`` headline.  ``itemMeta/title`` repeats the main headline with
``role="nahl:main"``, which lets the bundled profile XSD check, with XSD 1.0 identity
constraints, that the main headline exists.

Item guids: ``urn:newsarchive:<publication>:<date>:p<page>:<sha1(item text)[:16]>``
(``:2``, ``:3`` … appended to repeats); the package is ``…:page`` (plus a content
digest when the publication, date or page number is unknown, so that unrelated
pages do not share a guid).  ``<publication>`` is an ASCII slug of the name when it
is ASCII, else ``h`` + the first 10 hex digits of its SHA-1.

The message is built as a tree of :class:`~newsarchive.writers.xmltext.Element` and
written as text, byte for byte what lxml's ``tostring(pretty_print=True)`` writes for
the same tree (tested): building it with lxml was most of the writer's time.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import re
from typing import ClassVar, Union

from ..languages import repaired_tag
from ..model import Article, Page, Photo, Warning
from . import WriteResult, iso_timestamp, xml_safe
from .xmltext import Element as _Element

NAR_NS = "http://iptc.org/std/nar/2006-10-01/"
XHTML_NS = "http://www.w3.org/1999/xhtml"
XS_NS = "http://www.w3.org/2001/XMLSchema"
IPTC_CATALOG = "http://www.iptc.org/std/catalog/catalog.IPTC-G2-Standards_41.xml"
NEWSITEM_TYPE = "application/vnd.iptc.g2.newsitem+xml"

# Private controlled vocabularies, declared in each item's inline <catalog>.
HEADLINE_SCHEME = ("nahl", "http://newsarchive.example/cv/headline-role/")
GROUP_SCHEME = ("nagrp", "http://newsarchive.example/cv/group-role/")
PROPERTY_SCHEME = ("naprop", "http://newsarchive.example/cv/property/")

PROVIDER = "newsarchive"  # the party managing these items: the archive, not the newspaper
_UNTITLED = "[untitled]"

# An itemRef to write: (guid, item class, title).  The page group's entries are an
# article (a list: its text item, then its photos) or a standalone photo (one ref).
_Ref = tuple[str, str, Union[str, None]]
_Entry = Union[list[_Ref], _Ref]


def _sub(parent: _Element, tag: str, text: str | None = None, /, **attrs: str) -> _Element:
    """Append a child; attributes keep the given order, so the output bytes are stable."""
    return parent.sub(tag, text, attrs)


def _one_line(text: str) -> str:
    # Attribute values such as @literal are g2normalizedString: no tab, CR or LF.
    return re.sub(r"[\t\r\n]+", " ", text).strip()


def _digest(text: str) -> str:
    # surrogatepass: lone surrogates (removed from the XML) must not crash the guid.
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()


class _Cleaner:
    """Runs every text through ``xml_safe`` once and collects the warnings."""

    def __init__(self) -> None:
        self.warnings: list[Warning] = []

    def __call__(self, text: str | None, where: str) -> str | None:
        if text is None:
            return None
        return xml_safe(text, where, self.warnings)


class NewsMLWriter:
    """Write the page as a NewsML-G2 2.35 (Power) newsMessage: a page package plus text and picture items."""

    name: ClassVar[str] = "newsml"
    media_type: ClassVar[str] = "application/vnd.iptc.g2.newsmessage+xml"
    file_extension: ClassVar[str] = ".xml"

    def write(self, page: Page) -> WriteResult:
        """Render the page as UTF-8 XML bytes (with declaration); pure, deterministic."""
        return _Build(page).result()


class _Build:
    """One write: holds the cleaned texts, guids and warnings of a page."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.clean = _Cleaner()
        self.stamp = iso_timestamp(page)
        meta = page.meta
        self.publication = self._text(meta.publication, "page metadata publication")
        self.page_name = self._text(meta.page_name, "page metadata page name")
        self.page_number = meta.page_number
        self.date = _valid_date(meta.date)
        self.language = self._language(meta.language)
        self.base = ":".join(
            (
                "urn:newsarchive",
                _publication_slug(meta.publication),
                self.date or "nodate",
                f"p{meta.page_number}" if meta.page_number is not None else "pnone",
            )
        )
        self.guids_seen: dict[str, int] = {}

    # --- helpers -------------------------------------------------------------------------

    def _text(self, text: str | None, where: str) -> str | None:
        """Cleaned text, or None when the field is missing or blank."""
        cleaned = self.clean(text, where)
        return cleaned if cleaned and cleaned.strip() else None

    def _language(self, tag: str) -> str:
        # xs:language rejects "zh_CN"; repair the common underscore form, else say "und".
        cleaned = repaired_tag(self.clean(tag, "page metadata language"))
        if cleaned is not None:
            return cleaned
        self.clean.warnings.append(
            Warning(code="newsml-bad-language", message=f"language tag {tag!r} is not BCP 47; wrote 'und'")
        )
        return "und"

    def _guid(self, content: str) -> str:
        guid = f"{self.base}:{_digest(content)[:16]}"
        count = self.guids_seen.get(guid, 0) + 1
        self.guids_seen[guid] = count
        return guid if count == 1 else f"{guid}:{count}"

    def _item(self, tag: str, guid: str, schemes: tuple[tuple[str, str], ...]) -> _Element:
        item = _Element(tag)
        for key, value in (
            ("guid", guid),
            ("version", "1"),
            ("standard", "NewsML-G2"),
            ("standardversion", "2.35"),
            ("conformance", "power"),
        ):
            item.set(key, value)
        _sub(item, "catalogRef", href=IPTC_CATALOG)
        if schemes:
            catalog = _sub(item, "catalog")
            for alias, uri in schemes:
                _sub(catalog, "scheme", alias=alias, uri=uri)
        return item

    def _item_meta(self, item: _Element, item_class: str, title: str | None, *, headline: bool = True) -> _Element:
        """The item's itemMeta: class, provider, version time, status and title."""
        meta = _sub(item, "itemMeta")
        _sub(meta, "itemClass", qcode=item_class)
        _sub(meta, "provider", literal=PROVIDER)
        _sub(meta, "versionCreated", self.stamp)
        _sub(meta, "pubStatus", qcode="stat:usable")
        if title is not None and headline:
            # The title repeats the main headline; the role says so (and the profile XSD checks it).
            _sub(meta, "title", title, role="nahl:main")
        elif title is not None:
            _sub(meta, "title", title)
        return meta

    def _page_number_property(self, content_meta: _Element) -> None:
        if self.page_number is not None:
            _sub(
                content_meta,
                "contentMetaExtProperty",
                rel="naprop:printPageNumber",
                value=str(self.page_number),
                valuedatatype="xs:integer",
            )

    # --- items ---------------------------------------------------------------------------

    def _picture(self, photo: Photo, where: str) -> tuple[_Element, str, str | None]:
        """A picture newsItem, its guid and its title."""
        title = self._text(photo.title, f"{where} title")
        caption = self._text(photo.caption, f"{where} caption")
        credit = photo.credit
        credit_text = self._text(credit.text, f"{where} credit") if credit else None
        photographers = [
            name
            for i, raw in enumerate(credit.photographers if credit else ())
            if (name := self._text(raw, f"{where} photographer {i + 1}"))
        ]
        agency = self._text(credit.agency, f"{where} agency") if credit else None
        guid = self._guid("\n".join(t for t in (photo.title, photo.caption, credit and credit.text) if t))

        item = self._item("newsItem", guid, (HEADLINE_SCHEME, PROPERTY_SCHEME))
        self._item_meta(item, "ninat:picture", title)
        cm = _sub(item, "contentMeta")
        # Administrative properties first (contentCreated, infoSource, creator), then descriptive ones.
        if self.date:
            _sub(cm, "contentCreated", self.date)
        if agency:
            source = _sub(cm, "infoSource", role="cpprole:imgSupplier", literal=_one_line(agency))
            _sub(source, "name", agency)
        for name in photographers:
            _sub(_sub(cm, "creator", role="cpprole:author"), "name", name)
        _sub(cm, "language", tag=self.language)
        if title:
            _sub(cm, "headline", title, role="nahl:main")
        if credit_text:
            _sub(cm, "creditline", credit_text)
        if caption:
            _sub(cm, "description", caption, role="drol:caption")
        self._page_number_property(cm)
        return item, guid, title

    def _text_item(self, article: Article, where: str) -> tuple[_Element, str, str]:
        """A text newsItem, its guid and its main headline."""
        kicker = self._text(article.kicker, f"{where} kicker")
        headline = self._text(article.headline, f"{where} headline")
        subheadline = self._text(article.subheadline, f"{where} subheadline")
        blocks = [(b.type.value, self.clean(b.text, f"{where} block {i + 1}") or "") for i, b in enumerate(article.blocks)]
        if headline is None:
            headline, kicker, subheadline = self._fallback_headline(kicker, subheadline, blocks, where)
        byline = article.byline
        by = self._text(byline.text, f"{where} byline") if byline else None
        names = [
            name
            for i, raw in enumerate(byline.names if byline else ())
            if (name := self._text(raw, f"{where} byline name {i + 1}"))
        ]
        dateline = self._text(article.dateline, f"{where} dateline")
        source_texts = [article.kicker, article.headline, article.subheadline, byline and byline.text]
        guid = self._guid("\n".join([t for t in source_texts if t] + [b.text for b in article.blocks]))

        item = self._item("newsItem", guid, (HEADLINE_SCHEME, PROPERTY_SCHEME))
        self._item_meta(item, "ninat:text", headline)
        cm = _sub(item, "contentMeta")
        if self.date:
            _sub(cm, "contentCreated", self.date)
        for name in names:
            _sub(_sub(cm, "creator", role="cpprole:author"), "name", name)
        _sub(cm, "language", tag=self.language)
        # Printed order on the page: kicker above the main headline, subheadline below it.
        if kicker:
            _sub(cm, "headline", kicker, role="nahl:kicker")
        _sub(cm, "headline", headline, role="nahl:main")
        if subheadline:
            _sub(cm, "headline", subheadline, role="nahl:subheadline")
        if dateline:
            _sub(cm, "dateline", dateline)
        if by:
            _sub(cm, "by", by)
        if self.publication:
            _sub(cm, "creditline", self.publication)
        self._page_number_property(cm)

        inline = _sub(_sub(item, "contentSet"), "inlineXML", contenttype="application/xhtml+xml")
        html = _Element("html", namespaces=f' xmlns="{XHTML_NS}"')
        inline.children.append(html)
        html.set("lang", self.language)
        html.set("xml:lang", self.language)  # XHTML 1.0 appendix C.7
        _sub(_sub(html, "head"), "title", headline)
        body = _sub(html, "body")
        for kind, text in blocks:
            _sub(body, "h2" if kind == "heading" else "p", text)
        return item, guid, headline

    def _fallback_headline(
        self, kicker: str | None, subheadline: str | None, blocks: list[tuple[str, str]], where: str
    ) -> tuple[str, str | None, str | None]:
        """A main headline for an article without one (NewsML consumers expect one); reported."""
        if subheadline:
            main, subheadline, used = subheadline, None, "the subheadline"
        elif kicker:
            main, kicker, used = kicker, None, "the kicker"
        elif any(text.strip() for _, text in blocks):
            first = next(text for _, text in blocks if text.strip()).strip()
            main, used = (first[:30] + "…" if len(first) > 30 else first), "the start of the body"
        else:
            main, used = _UNTITLED, repr(_UNTITLED)
        self.clean.warnings.append(
            Warning(code="newsml-no-headline", message=f"{where} has no headline; used {used} as the main headline")
        )
        return main, kicker, subheadline

    def _package(self, entries: list[_Entry]) -> _Element:
        """The page packageItem; ``entries`` are the page's items in reading order."""
        guid = f"{self.base}:page"
        if self.publication is None or self.date is None or self.page_number is None:
            refs = [r for e in entries for r in (e if isinstance(e, list) else [e])]
            guid += "-" + _digest("\n".join(g for g, _, _ in refs))[:16]
        item = self._item("packageItem", guid, (GROUP_SCHEME, PROPERTY_SCHEME))
        title = _page_title(self.publication, self.date, self.page_number, self.page_name, self.language)
        # The package title is a page label, not a headline, so it carries no nahl role.
        item_meta = self._item_meta(item, "ninat:composite", title, headline=False)
        # Text no item took (page furniture, mostly) is kept as editorial notes, so nothing is lost.
        for n, unplaced in enumerate(self.page.unplaced, start=1):
            text = self._text(unplaced.text, f"unplaced text {n}")
            if text:
                _sub(item_meta, "edNote", text, role="naprop:unplacedText")
        cm = _sub(item, "contentMeta")
        if self.date:
            _sub(cm, "contentCreated", self.date)
        _sub(cm, "language", tag=self.language)
        if self.page_name:
            _sub(cm, "headline", self.page_name)
        if self.publication:
            _sub(cm, "creditline", self.publication)
        self._page_number_property(cm)
        if self.page_name:
            _sub(
                cm,
                "contentMetaExtProperty",
                rel="naprop:printPageName",
                value=_one_line(self.page_name),
                valuedatatype="xs:string",
            )
        group_set = _sub(item, "groupSet", root="page")
        page_group = _sub(group_set, "group", id="page", role="nagrp:page", mode="pgrmod:seq")
        article_groups: list[_Element] = []
        for entry in entries:
            if not isinstance(entry, list):  # a standalone photo sits in the page group itself
                self._item_ref(page_group, *entry)
                continue
            group_id = f"article-{len(article_groups) + 1}"
            _sub(page_group, "groupRef", idref=group_id)
            group = _element("group", None, id=group_id, role="nagrp:article", mode="pgrmod:seq")
            for ref in entry:
                self._item_ref(group, *ref)
            article_groups.append(group)
        group_set.children.extend(article_groups)
        return item

    def _item_ref(self, group: _Element, guid: str, item_class: str, title: str | None) -> None:
        ref = _sub(group, "itemRef", residref=guid, version="1", contenttype=NEWSITEM_TYPE)
        _sub(ref, "itemClass", qcode=item_class)
        if title is not None:
            _sub(ref, "title", title)

    def result(self) -> WriteResult:
        """Build the message and serialize it."""
        out = ["<?xml version='1.0' encoding='UTF-8'?>\n"]
        self.message().write("", out)
        return WriteResult(data="".join(out).encode("utf-8"), warnings=tuple(self.clean.warnings))

    def message(self) -> _Element:
        """The newsMessage element: the page package, then its text and picture items."""
        items: list[_Element] = []
        entries: list[_Entry] = []
        for n, page_item in enumerate(self.page.items, start=1):
            if isinstance(page_item, Photo):
                item, guid, title = self._picture(page_item, f"item {n} (photo)")
                items.append(item)
                entries.append((guid, "ninat:picture", title))
                continue
            item, guid, headline = self._text_item(page_item, f"item {n} (article)")
            items.append(item)
            group: list[_Ref] = [(guid, "ninat:text", headline)]
            for k, photo in enumerate(page_item.photos, start=1):
                p_item, p_guid, p_title = self._picture(photo, f"item {n} (article) photo {k}")
                items.append(p_item)
                group.append((p_guid, "ninat:picture", p_title))
            entries.append(group)

        root = _Element("newsMessage", namespaces=f' xmlns="{NAR_NS}" xmlns:xs="{XS_NS}"')
        _sub(_sub(root, "header"), "sent", self.stamp)
        item_set = _sub(root, "itemSet")
        item_set.children.append(self._package(entries))
        item_set.children.extend(items)
        return root


def _element(tag: str, text: str | None, /, **attrs: str) -> _Element:
    """A detached element (appended later, to keep article groups after the page group)."""
    return _Element(tag, text, attrs)


def _valid_date(value: str | None) -> str | None:
    """The page date if it is a real ISO calendar date (contentCreated is typed), else None."""
    if not value or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return None
    try:
        _dt.date.fromisoformat(value)
    except ValueError:
        return None
    return value


def _publication_slug(publication: str | None) -> str:
    """An ASCII token for the publication, safe inside a URN."""
    if not publication or not publication.strip():
        return "unknown"
    slug = re.sub(r"[^a-z0-9]+", "-", publication.lower()).strip("-")
    if publication.isascii() and slug:
        return slug
    return "h" + _digest(publication)[:10]


def _page_title(
    publication: str | None, date: str | None, number: int | None, name: str | None, language: str
) -> str | None:
    """A human-readable page label: publication, date, page number and name."""
    label = None
    if number is not None:
        label = f"第{number}版" if language.lower().startswith("zh") else f"page {number}"
    parts = [p for p in (publication, date, label, name) if p]
    return " ".join(parts) if parts else None
