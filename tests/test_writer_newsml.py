"""Tests of the NewsML-G2 writer: schema validity (official IPTC 2.35 Power XSD and the bundled profile),
structure, references, XHTML body, determinism, text cleaning, interoperability and a golden file."""

from __future__ import annotations

import os
import re
from importlib import resources
from pathlib import Path

import pytest
from lxml import etree

from newsarchive.model import Article, Block, BlockType, Credit, Page, PageMeta, Photo
from newsarchive.validation import check_newsml_references
from newsarchive.writers.newsml import NewsMLWriter

IPTC_XSD = Path(__file__).parents[2] / "shared/newsml-g2/NewsML-G2_2.35-spec-All-Power.xsd"
GOLDEN = Path(__file__).parent / "golden" / "sample.newsml.xml"
NAR = "http://iptc.org/std/nar/2006-10-01/"
XHTML = "http://www.w3.org/1999/xhtml"
NS = {"n": NAR, "h": XHTML}
GUID = re.compile(r"urn:newsarchive:[a-z0-9-]+:(\d{4}-\d{2}-\d{2}|nodate):p(-?\d+|none):([0-9a-f]{16}(:\d+)?|page(-[0-9a-f]{16})?)")


@pytest.fixture(autouse=True)
def _no_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests run with the page date as timestamp unless they set SOURCE_DATE_EPOCH themselves."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


@pytest.fixture(scope="module")
def official_schema() -> etree.XMLSchema:
    """The official IPTC NewsML-G2 2.35 Power XSD (it imports xml.xsd from its folder)."""
    if not IPTC_XSD.exists():
        pytest.skip(f"official IPTC XSD not found at {IPTC_XSD}")
    return etree.XMLSchema(etree.parse(str(IPTC_XSD)))


@pytest.fixture(scope="module")
def profile_schema() -> etree.XMLSchema:
    """The bundled newsarchive profile XSD."""
    data = resources.files("newsarchive.schemas").joinpath("newsml-profile.xsd").read_bytes()
    return etree.XMLSchema(etree.fromstring(data))


def write(page: Page) -> tuple[bytes, etree._Element]:
    """Write the page and parse the result."""
    data = NewsMLWriter().write(page).data
    return data, etree.fromstring(data)


def assert_valid(schema: etree.XMLSchema, root: etree._Element) -> None:
    """Fail with libxml2's messages if the document is invalid."""
    assert schema.validate(root), "\n".join(str(e) for e in schema.error_log)


def items(root: etree._Element, item_class: str) -> list[etree._Element]:
    """The newsItems of an item class, in message order."""
    return root.xpath("n:itemSet/n:newsItem[n:itemMeta/n:itemClass/@qcode=$c]", namespaces=NS, c=item_class)


def reading_order(root: etree._Element) -> list[str]:
    """The residrefs of the page package, walking the groups from the root group (pgrmod:seq)."""
    group_set = root.find("n:itemSet/n:packageItem/n:groupSet", NS)
    groups = {g.get("id"): g for g in group_set.findall("n:group", NS)}
    order: list[str] = []

    def walk(group: etree._Element) -> None:
        for child in group:
            if child.tag == f"{{{NAR}}}groupRef":
                walk(groups[child.get("idref")])
            elif child.tag == f"{{{NAR}}}itemRef":
                order.append(child.get("residref"))

    walk(groups[group_set.get("root")])
    return order


# --- validity -------------------------------------------------------------------------


def test_writer_attributes_and_declaration(sample_page: Page) -> None:
    data, root = write(sample_page)
    assert (NewsMLWriter.name, NewsMLWriter.media_type, NewsMLWriter.file_extension) == (
        "newsml",
        "application/vnd.iptc.g2.newsmessage+xml",
        ".xml",
    )
    assert data.startswith(b"<?xml version='1.0' encoding='UTF-8'?>")
    assert root.tag == f"{{{NAR}}}newsMessage"


def test_valid_against_official_iptc_power_xsd(sample_page: Page, official_schema: etree.XMLSchema) -> None:
    _, root = write(sample_page)
    assert_valid(official_schema, root)


def test_valid_against_bundled_profile(sample_page: Page, profile_schema: etree.XMLSchema) -> None:
    _, root = write(sample_page)
    assert_valid(profile_schema, root)


@pytest.mark.parametrize(
    "page",
    [
        Page(),  # no metadata, no items
        Page(meta=PageMeta(language="zh_CN"), items=(Photo(),)),  # bare photo, repaired language tag
        Page(items=(Article(blocks=(Block(type=BlockType.PARAGRAPH, text="只有正文，没有标题。", fragments=()),)),)),
        Page(items=(Article(),)),  # an article with nothing at all
        Page(meta=PageMeta(publication="Daily News", date="2024-02-30", page_number=0)),  # impossible date
    ],
    ids=["empty", "bare-photo", "no-headline", "empty-article", "odd-meta"],
)
def test_edge_pages_stay_valid(page: Page, official_schema: etree.XMLSchema, profile_schema: etree.XMLSchema) -> None:
    _, root = write(page)
    assert_valid(official_schema, root)
    assert_valid(profile_schema, root)
    assert check_newsml_references(root) == ()


# --- structure ------------------------------------------------------------------------


def test_every_item_declares_power_conformance(sample_page: Page) -> None:
    _, root = write(sample_page)
    all_items = root.findall("n:itemSet/*", NS)
    assert [etree.QName(i).localname for i in all_items] == ["packageItem"] + ["newsItem"] * 4
    for item in all_items:
        assert (item.get("standard"), item.get("standardversion"), item.get("conformance"), item.get("version")) == (
            "NewsML-G2",
            "2.35",
            "power",
            "1",
        )
    package = all_items[0]
    assert package.find("n:itemMeta/n:itemClass", NS).get("qcode") == "ninat:composite"


def test_package_lists_items_in_reading_order(sample_page: Page) -> None:
    _, root = write(sample_page)
    texts, pictures = items(root, "ninat:text"), items(root, "ninat:picture")
    assert len(texts) == 2 and len(pictures) == 2  # one article photo + one standalone photo
    guid_of = {i.get("guid"): i for i in texts + pictures}
    order = reading_order(root)
    described = []
    for guid in order:
        item = guid_of[guid]
        described.append(
            item.findtext("n:contentMeta/n:headline[@role='nahl:main']", namespaces=NS)
            or item.findtext("n:contentMeta/n:description", namespaces=NS)
        )
    assert described == [
        "社保卡，解锁更多应用新场景",
        "四川省宜宾市近期举办“社会保障卡惠民服务季”系列宣传活动。",  # the article's photo follows it
        "去银行买金饰，有啥不一样？",
        "春暖花开采茶忙",  # the standalone photo
    ]
    group_set = root.find("n:itemSet/n:packageItem/n:groupSet", NS)
    page_group = group_set.find(f"n:group[@id='{group_set.get('root')}']", NS)
    assert page_group.get("mode") == "pgrmod:seq"
    assert page_group.get("role") == "nagrp:page"


def test_page_number_and_name_in_package(sample_page: Page) -> None:
    _, root = write(sample_page)
    meta = root.find("n:itemSet/n:packageItem/n:contentMeta", NS)
    props = {p.get("rel"): (p.get("value"), p.get("valuedatatype")) for p in meta.findall("n:contentMetaExtProperty", NS)}
    assert props == {"naprop:printPageNumber": ("11", "xs:integer"), "naprop:printPageName": ("民生", "xs:string")}
    assert meta.findtext("n:headline", namespaces=NS) == "民生"
    assert meta.findtext("n:creditline", namespaces=NS) == "人民日报海外版"
    assert meta.findtext("n:contentCreated", namespaces=NS) == "2024-03-15"
    aliases = root.xpath("n:itemSet/n:packageItem/n:catalog/n:scheme/@alias", namespaces=NS)
    assert {"nagrp", "naprop"} <= set(aliases)


def test_unplaced_text_kept_as_package_notes(sample_page: Page) -> None:
    _, root = write(sample_page)
    notes = root.findall("n:itemSet/n:packageItem/n:itemMeta/n:edNote", NS)
    assert [(n.get("role"), n.text) for n in notes] == [("naprop:unplacedText", "本版责编：某某")]


def test_text_items_headlines_by_role(sample_page: Page) -> None:
    _, root = write(sample_page)
    first, second = items(root, "ninat:text")

    def headlines(item: etree._Element) -> list[tuple[str, str]]:
        return [(h.get("role"), h.text) for h in item.findall("n:contentMeta/n:headline", NS)]

    assert headlines(first) == [
        ("nahl:kicker", "大力推进区域“一卡通”，逐步实现全国“一卡通”——"),
        ("nahl:main", "社保卡，解锁更多应用新场景"),
    ]
    assert headlines(second) == [
        ("nahl:kicker", "部分银行加大了小克重黄金产品及饰品的推销力度——"),
        ("nahl:main", "去银行买金饰，有啥不一样？"),
        ("nahl:subheadline", "——银行代售金饰品引发关注"),
    ]
    scheme = first.find("n:catalog/n:scheme[@alias='nahl']", NS)
    assert scheme is not None and scheme.get("uri") == "http://newsarchive.example/cv/headline-role/"
    assert first.findtext("n:itemMeta/n:title", namespaces=NS) == "社保卡，解锁更多应用新场景"


def test_text_item_metadata(sample_page: Page) -> None:
    _, root = write(sample_page)
    first, second = items(root, "ninat:text")
    cm1, cm2 = first.find("n:contentMeta", NS), second.find("n:contentMeta", NS)
    assert cm1.find("n:language", NS).get("tag") == "zh-CN"
    assert cm1.findtext("n:by", namespaces=NS) == "本报记者 李 婕"
    assert cm1.findtext("n:dateline", namespaces=NS) == "本报北京3月14日电"
    assert cm2.find("n:dateline", NS) is None  # the second article has none
    assert [c.findtext("n:name", namespaces=NS) for c in cm2.findall("n:creator", NS)] == ["周倩", "王俊岭"]
    assert {c.get("role") for c in cm2.findall("n:creator", NS)} == {"cpprole:author"}
    assert cm1.findtext("n:creditline", namespaces=NS) == "人民日报海外版"
    # Administrative properties come before descriptive ones (the official XSD requires it).
    names = [etree.QName(c).localname for c in cm1]
    assert names.index("creator") < names.index("language") < names.index("headline")


def test_picture_items(sample_page: Page) -> None:
    _, root = write(sample_page)
    article_photo, standalone = items(root, "ninat:picture")
    cm = standalone.find("n:contentMeta", NS)
    assert cm.find("n:description", NS).get("role") == "drol:caption"
    assert cm.findtext("n:description", namespaces=NS) == "贵州省遵义市凤冈县大力推广茶产业。"
    assert cm.findtext("n:creditline", namespaces=NS) == "范 晖摄 (人民视觉)"
    assert cm.findtext("n:creator/n:name", namespaces=NS) == "范晖"
    assert cm.find("n:infoSource", NS).get("role") == "cpprole:imgSupplier"
    assert cm.findtext("n:infoSource/n:name", namespaces=NS) == "人民视觉"
    assert [(h.get("role"), h.text) for h in cm.findall("n:headline", NS)] == [("nahl:main", "春暖花开采茶忙")]
    assert article_photo.find("n:contentMeta/n:headline", NS) is None  # no title, no headline
    assert article_photo.find("n:contentSet", NS) is None


def test_inline_body_is_xhtml(sample_page: Page) -> None:
    _, root = write(sample_page)
    allowed = {"html", "head", "title", "body", "h2", "p"}
    bodies = []
    for item in items(root, "ninat:text"):
        inline = item.find("n:contentSet/n:inlineXML", NS)
        assert inline.get("contenttype") == "application/xhtml+xml"
        assert len(inline) == 1
        # Re-parse on its own: a standalone, well-formed XHTML document.
        html = etree.fromstring(etree.tostring(inline[0]))
        assert html.tag == f"{{{XHTML}}}html"
        assert html.get("lang") == "zh-CN"
        for el in html.iter():
            assert etree.QName(el).namespace == XHTML
            assert etree.QName(el).localname in allowed, etree.QName(el).localname
        assert [etree.QName(c).localname for c in html] == ["head", "body"]
        assert html.findtext("h:head/h:title", namespaces=NS) == item.findtext(
            "n:contentMeta/n:headline[@role='nahl:main']", namespaces=NS
        )
        bodies.append([(etree.QName(c).localname, c.text) for c in html.find("h:body", NS)])
    assert bodies[0] == [
        ("p", "本报北京3月14日电  一张社会保障卡，能帮助居民完成哪些事项？"),
        ("h2", "应用清单不断扩展"),
        ("p", "到医院看病、去药店买药——在不少人印象中，这是社保卡最常见的用途。"),
    ]


# --- identifiers and references -------------------------------------------------------


def test_references_resolve(sample_page: Page) -> None:
    _, root = write(sample_page)
    assert check_newsml_references(root) == ()
    group_ids = root.xpath("//n:group/@id", namespaces=NS)
    assert set(root.xpath("//n:groupRef/@idref", namespaces=NS)) <= set(group_ids)
    assert root.find(".//n:groupSet", NS).get("root") in group_ids
    guids = root.xpath("n:itemSet/n:newsItem/@guid", namespaces=NS)
    residrefs = root.xpath("//n:itemRef/@residref", namespaces=NS)
    assert sorted(residrefs) == sorted(guids)  # every item referenced exactly once


def test_ids_and_guids_unique_and_stable(sample_page: Page) -> None:
    _, root = write(sample_page)
    guids = root.xpath("n:itemSet/*/@guid", namespaces=NS)
    assert len(set(guids)) == len(guids) == 5
    assert all(GUID.fullmatch(g) for g in guids), guids
    ids = root.xpath("//@id")
    assert len(set(ids)) == len(ids) > 0
    # The guid follows the content: editing one article changes its guid only.
    edited = Page(meta=sample_page.meta, items=(sample_page.items[0], Article(headline="另一篇"), sample_page.items[2]))
    _, other = write(edited)
    other_guids = other.xpath("n:itemSet/n:newsItem/@guid", namespaces=NS)
    assert other_guids[0] == guids[1] and other_guids[-1] == guids[-1] and other_guids[2] != guids[3]


def test_repeated_items_get_distinct_guids() -> None:
    photo = Photo(caption="同一张图")
    _, root = write(Page(meta=PageMeta(date="2024-03-15", page_number=3), items=(photo, photo)))
    first, second = root.xpath("n:itemSet/n:newsItem/@guid", namespaces=NS)
    assert second == first + ":2"


# --- determinism ----------------------------------------------------------------------


def test_same_input_same_bytes(sample_page: Page) -> None:
    assert NewsMLWriter().write(sample_page).data == NewsMLWriter().write(sample_page).data


def test_timestamps_come_from_page_date(sample_page: Page) -> None:
    _, root = write(sample_page)
    stamps = [root.findtext("n:header/n:sent", namespaces=NS)] + root.xpath("//n:versionCreated/text()", namespaces=NS)
    assert set(stamps) == {"2024-03-15T00:00:00Z"}


def test_source_date_epoch_sets_timestamps(sample_page: Page, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    data, root = write(sample_page)
    stamps = [root.findtext("n:header/n:sent", namespaces=NS)] + root.xpath("//n:versionCreated/text()", namespaces=NS)
    assert set(stamps) == {"2023-11-14T22:13:20Z"}
    assert NewsMLWriter().write(sample_page).data == data


# --- text cleaning --------------------------------------------------------------------


def test_xml_illegal_characters_removed_and_reported(profile_schema: etree.XMLSchema) -> None:
    page = Page(
        meta=PageMeta(publication="日报\x0b", date="2024-03-15", page_number=1, page_name="要闻"),
        items=(
            Article(
                headline="标题\x0b含控制符",
                blocks=(Block(type=BlockType.PARAGRAPH, text="正文\ufffe非字符\ud800", fragments=()),),
            ),
            Photo(caption="图\x01说", credit=Credit(text="某某摄\x1f", photographers=("某某",))),
        ),
    )
    result = NewsMLWriter().write(page)
    root = etree.fromstring(result.data)  # parses: nothing illegal left
    text = result.data.decode("utf-8")
    for bad in ("\x0b", "\ufffe", "\x01", "\x1f"):
        assert bad not in text
    assert "标题含控制符" in text and "正文非字符" in text
    assert all(w.code == "xml-illegal-removed" for w in result.warnings)
    messages = " | ".join(w.message for w in result.warnings)
    for where in ("publication", "item 1 (article) headline", "item 1 (article) block 1", "item 2 (photo) caption"):
        assert where in messages
    assert "U+000B" in messages and "U+FFFE" in messages and "U+D800" in messages
    assert len(result.warnings) == 5  # one per source field, even where the text is written twice
    assert_valid(profile_schema, root)


def test_missing_headline_is_reported() -> None:
    page = Page(items=(Article(kicker="引题", blocks=(Block(type=BlockType.PARAGRAPH, text="正文", fragments=()),)),))
    result = NewsMLWriter().write(page)
    root = etree.fromstring(result.data)
    assert [w.code for w in result.warnings] == ["newsml-no-headline"]
    heads = [(h.get("role"), h.text) for h in root.iterfind(".//n:newsItem/n:contentMeta/n:headline", NS)]
    assert heads == [("nahl:main", "引题")]  # promoted, not duplicated


# --- interoperability -----------------------------------------------------------------


def test_iptc_newsmlg2_package_reads_it_back(sample_page: Page) -> None:
    newsmlg2 = pytest.importorskip("NewsMLG2", reason="IPTC's newsmlg2 package is not installed")
    data, root = write(sample_page)
    message = newsmlg2.NewsMLG2Document(data).get_item()
    assert isinstance(message, newsmlg2.NewsMessage)
    assert str(message.header.sent) == "2024-03-15T00:00:00Z"
    # newsmlg2 keeps itemSet's children as raw elements (xs:any); its item classes read them.
    elements = message.itemset._xs_any_content
    package = newsmlg2.PackageItem(xmlelement=elements[0])
    news = [newsmlg2.NewsItem(xmlelement=e) for e in elements[1:]]
    headlines = {n.guid: [(h.role, str(h)) for h in n.contentmeta.headline] for n in news}
    assert headlines == {
        item.get("guid"): [(h.get("role"), h.text) for h in item.findall("n:contentMeta/n:headline", NS)]
        for item in root.iterfind("n:itemSet/n:newsItem", NS)
    }
    refs = [r.residref for g in package.groupset.group for r in g.itemref]
    assert sorted(refs) == sorted(n.guid for n in news)
    assert package.groupset.root == "page"
    group_refs = [r.idref for g in package.groupset.group for r in g.groupref]
    assert group_refs == ["article-1", "article-2"]
    props = {p.rel: p.value for p in package.contentmeta.contentMetaExtProperty}
    assert props["naprop:printPageNumber"] == "11"


# --- golden file ----------------------------------------------------------------------


def test_golden_file(sample_page: Page) -> None:
    """Compare canonically (C14N) with tests/golden/sample.newsml.xml; NEWSARCHIVE_UPDATE_GOLDEN=1 rewrites it."""
    data = NewsMLWriter().write(sample_page).data
    if os.environ.get("NEWSARCHIVE_UPDATE_GOLDEN") == "1":
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_bytes(data)
    assert GOLDEN.exists(), f"{GOLDEN} is missing; run with NEWSARCHIVE_UPDATE_GOLDEN=1 to create it"
    expected = etree.tostring(etree.parse(str(GOLDEN)), method="c14n")
    actual = etree.tostring(etree.fromstring(data).getroottree(), method="c14n")
    assert actual == expected, "output differs from the golden file; NEWSARCHIVE_UPDATE_GOLDEN=1 accepts it"


# --------------------------------------------------------------------------------------
# The message is written as text: the bytes must be what lxml writes for the same tree
# --------------------------------------------------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from newsarchive.model import Byline, Unplaced  # noqa: E402
from newsarchive.writers import newsml as newsml_writer  # noqa: E402

_awkward = st.sampled_from([" ", "\t", "\n", "\r", "&", "<", ">", '"', "'", "]]>", "&amp;", "字", "\x85", "\x7f", "\ufdd0",
                            "\u2028", "\xa0", "\U0001f600", "\x01", "\ud800", "{", "%"])
_text = st.lists(st.characters() | _awkward, max_size=6).map("".join)
_maybe = st.none() | _text
_photo = st.builds(
    Photo, title=_maybe, caption=_maybe,
    credit=st.none() | st.builds(Credit, text=_text, photographers=st.lists(_text, max_size=2).map(tuple), agency=_maybe),
)
_article = st.builds(
    Article, kicker=_maybe, headline=_maybe, subheadline=_maybe, dateline=_maybe,
    byline=st.none() | st.builds(Byline, text=_text, names=st.lists(_text, max_size=2).map(tuple)),
    blocks=st.lists(st.builds(Block, type=st.sampled_from(BlockType), text=_text, fragments=st.just(())), max_size=3).map(tuple),
    photos=st.lists(_photo, max_size=2).map(tuple),
)
_page = st.builds(
    Page,
    meta=st.builds(PageMeta, publication=_maybe, date=st.sampled_from([None, "2024-03-15", "2024-02-30"]),
                   page_number=st.none() | st.integers(0, 99), page_name=_maybe, language=st.sampled_from(["zh-CN", "en", "x y"])),
    items=st.lists(_article | _photo, max_size=3).map(tuple),
    unplaced=st.lists(st.builds(Unplaced, text=_text), max_size=2).map(tuple),
)
XHTML = "http://www.w3.org/1999/xhtml"


def _as_lxml(element, parent=None, namespace=newsml_writer.NAR_NS):
    """The same tree as lxml elements (tags in their namespaces, xml:lang as lxml names it)."""
    namespace = XHTML if element.tag == "html" else namespace
    nsmap = {None: newsml_writer.NAR_NS, "xs": newsml_writer.XS_NS} if parent is None else {None: XHTML} if element.tag == "html" else None
    tag = f"{{{namespace}}}{element.tag}"
    node = etree.Element(tag, nsmap=nsmap) if parent is None else etree.SubElement(parent, tag, nsmap=nsmap)
    for key, value in element.attrs.items():
        node.set("{http://www.w3.org/XML/1998/namespace}lang" if key == "xml:lang" else key, value)
    if element.text is not None:
        node.text = element.text
    for child in element.children:
        _as_lxml(child, node, namespace)
    return node


@settings(max_examples=150, deadline=None)
@given(_page)
def test_the_message_is_what_lxml_writes_for_the_same_tree(page: Page) -> None:
    written = NewsMLWriter().write(page).data
    tree = _as_lxml(newsml_writer._Build(page).message())
    assert written == etree.tostring(tree, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def test_attribute_and_text_escapes_are_libxml2s() -> None:
    root = newsml_writer._Element("newsMessage", namespaces=f' xmlns="{newsml_writer.NAR_NS}" xmlns:xs="{newsml_writer.XS_NS}"')
    newsml_writer._sub(root, "a", "x\r&<>\"'\t\n y", value="x\r&<>\"'\t\n y")
    newsml_writer._sub(root, "b", "")
    out = ["<?xml version='1.0' encoding='UTF-8'?>\n"]
    root.write("", out)
    assert "".join(out).encode() == etree.tostring(_as_lxml(root), xml_declaration=True, encoding="UTF-8", pretty_print=True)
