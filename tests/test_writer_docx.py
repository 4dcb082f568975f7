"""Tests for the DOCX writer: styles, Chinese font/language set-up, metadata, conservation, reproducibility."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import shutil
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree

from newsarchive.model import Article, Block, BlockType, Credit, Page, PageMeta, Photo, Unplaced, replace
from newsarchive.writers import iso_timestamp, timestamp
from newsarchive.writers.docx import STYLE_NAMES, DocxWriter

GOLDEN = Path(__file__).resolve().parent / "golden" / "sample.docx.d"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}


def w(name: str) -> str:
    """Clark notation for a WordprocessingML name."""
    return f"{{{W}}}{name}"


@pytest.fixture(autouse=True)
def _no_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run every test with the page-date timestamp unless a test sets SOURCE_DATE_EPOCH itself."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


def write(page: Page) -> bytes:
    """The DOCX bytes for a page."""
    return DocxWriter().write(page).data


def members(data: bytes) -> dict[str, bytes]:
    """The zip members by name, in archive order."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def xml(data: bytes, name: str) -> etree._Element:
    """A zip member parsed with lxml."""
    return etree.fromstring(members(data)[name])


def paragraph_texts(data: bytes) -> list[str]:
    """The text of each paragraph of document.xml, with tabs and breaks as ``\\t`` and ``\\n``."""
    texts = []
    for p in xml(data, "word/document.xml").iter(w("p")):
        pieces = []
        for el in p.iter(w("t"), w("tab"), w("br"), w("cr")):
            pieces.append(el.text or "" if el.tag == w("t") else "\t" if el.tag == w("tab") else "\n")
        texts.append("".join(pieces))
    return texts


def style_element(styles: etree._Element, name: str) -> etree._Element:
    """The ``w:style`` whose name is ``name`` (case-insensitive, as Word compares built-in names)."""
    for style in styles.iterfind("w:style", NS):
        if style.find("w:name", NS).get(w("val")).lower() == name.lower():
            return style
    raise KeyError(name)


SAMPLE_STRUCTURE = [
    ("Kicker", "大力推进区域“一卡通”，逐步实现全国“一卡通”——"),
    ("Title", "社保卡，解锁更多应用新场景"),
    ("Byline", "本报记者 李 婕"),
    ("Body Text", "本报北京3月14日电  一张社会保障卡，能帮助居民完成哪些事项？"),
    ("Heading 2", "应用清单不断扩展"),
    ("Body Text", "到医院看病、去药店买药——在不少人印象中，这是社保卡最常见的用途。"),
    ("Caption", "四川省宜宾市近期举办“社会保障卡惠民服务季”系列宣传活动。"),
    ("Photo Credit", "兰 锋摄 (人民视觉)"),
    ("Kicker", "部分银行加大了小克重黄金产品及饰品的推销力度——"),
    ("Title", "去银行买金饰，有啥不一样？"),
    ("Subtitle", "——银行代售金饰品引发关注"),
    ("Byline", "周 倩 王俊岭"),
    ("Body Text", "在江苏苏州一处银行网点内，齐腰高的黄金模型展示架里陈列着大小不一的金条。"),
    ("Heading 1", "春暖花开采茶忙"),
    ("Caption", "贵州省遵义市凤冈县大力推广茶产业。"),
    ("Photo Credit", "范 晖摄 (人民视觉)"),
    ("Heading 1", "Unplaced text"),
    ("Normal", "本版责编：某某"),
]


def test_writer_attributes_and_result(sample_page: Page) -> None:
    result = DocxWriter().write(sample_page)
    assert (DocxWriter.name, DocxWriter.file_extension) == ("docx", ".docx")
    assert DocxWriter.media_type == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert zipfile.is_zipfile(io.BytesIO(result.data))
    assert result.warnings == ()


def test_paragraph_styles_and_texts_in_order(sample_page: Page) -> None:
    document = docx.Document(io.BytesIO(write(sample_page)))
    assert [(p.style.name, p.text) for p in document.paragraphs] == SAMPLE_STRUCTURE


def test_each_item_and_the_unplaced_text_start_a_new_page(sample_page: Page) -> None:
    document = docx.Document(io.BytesIO(write(sample_page)))
    breaks = [i for i, p in enumerate(document.paragraphs) if p.paragraph_format.page_break_before]
    assert breaks == [8, 13, 16]  # second article's kicker, the standalone photo's title, "Unplaced text"


def test_custom_and_adjusted_styles(sample_page: Page) -> None:
    styles = docx.Document(io.BytesIO(write(sample_page))).styles
    for name in ("Kicker", "Byline", "Photo Credit"):
        assert styles[name].type == docx.enum.style.WD_STYLE_TYPE.PARAGRAPH
        assert not styles[name].builtin
    for name in ("Title", "Subtitle", "Heading 1", "Heading 2", "Caption", "Body Text"):
        assert styles[name].builtin
    # Chinese has no italics: neither Subtitle nor its linked character style slants.
    assert styles["Subtitle"].font.italic is False
    assert styles["Subtitle Char"].font.italic is not True
    caption = styles["Caption"]
    assert (caption.hidden, caption.unhide_when_used, caption.priority) == (False, False, 35)
    assert caption.element.find(w("semiHidden")) is None and caption.element.find(w("unhideWhenUsed")) is None
    latent = styles.latent_styles["caption"]
    assert (latent.hidden, latent.unhide_when_used) == (False, False)


def test_east_asian_fonts_in_doc_defaults_and_every_used_style(sample_page: Page) -> None:
    styles = xml(write(sample_page), "word/styles.xml")
    defaults = styles.find("w:docDefaults/w:rPrDefault/w:rPr", NS)
    fonts = defaults.find("w:rFonts", NS)
    assert fonts.get(w("eastAsia")) == "SimSun"
    assert fonts.get(w("ascii")) == fonts.get(w("hAnsi")) == "Times New Roman"
    for name in STYLE_NAMES:
        style_fonts = style_element(styles, name).find("w:rPr/w:rFonts", NS)
        assert style_fonts is not None, name
        assert style_fonts.get(w("eastAsia")) in ("SimSun", "SimHei"), name
        assert style_fonts.get(w("ascii")) and style_fonts.get(w("hAnsi")), name
    theme_attributes = [a for f in styles.iter(w("rFonts")) for a in f.attrib if a.lower().endswith("theme")]
    assert theme_attributes == []
    lang = defaults.find("w:lang", NS)
    assert (lang.get(w("val")), lang.get(w("eastAsia"))) == ("zh-CN", "zh-CN")


def test_settings_declare_chinese_theme_font_language(sample_page: Page) -> None:
    theme_lang = xml(write(sample_page), "word/settings.xml").find("w:themeFontLang", NS)
    assert theme_lang.get(w("eastAsia")) == "zh-CN"
    assert theme_lang.get(w("val")) == "zh-CN"


def test_runs_of_a_chinese_page_prefer_the_east_asian_font_for_shared_punctuation(sample_page: Page) -> None:
    runs = list(xml(write(sample_page), "word/document.xml").iter(w("r")))
    assert runs and all(r.find("w:rPr/w:rFonts", NS).get(w("hint")) == "eastAsia" for r in runs)


def test_language_follows_the_page(sample_page: Page) -> None:
    page = replace(sample_page, meta=replace(sample_page.meta, language="en-GB"))
    data = write(page)
    lang = xml(data, "word/styles.xml").find("w:docDefaults/w:rPrDefault/w:rPr/w:lang", NS)
    assert (lang.get(w("val")), lang.get(w("eastAsia"))) == ("en-GB", "zh-CN")
    assert xml(data, "word/settings.xml").find("w:themeFontLang", NS).get(w("val")) == "en-GB"
    assert docx.Document(io.BytesIO(data)).core_properties.language == "en-GB"
    assert not list(xml(data, "word/document.xml").iter(w("rFonts")))  # no East Asian hint on a Latin page
    # The cached template of one language does not leak into another.
    assert write(sample_page) == write(sample_page)
    assert xml(write(sample_page), "word/settings.xml").find("w:themeFontLang", NS).get(w("val")) == "zh-CN"


def test_core_properties(sample_page: Page) -> None:
    data = write(sample_page)
    props = docx.Document(io.BytesIO(data)).core_properties
    assert props.title == "人民日报海外版 2024-03-15 第11版 民生"
    assert props.author == "人民日报海外版"
    assert props.created == props.modified == dt.datetime(2024, 3, 15, tzinfo=dt.timezone.utc)
    assert props.language == "zh-CN"
    assert props.identifier == "newsarchive:人民日报海外版:2024-03-15:11"
    assert props.comments == ""
    for name in ("docProps/core.xml", "docProps/app.xml"):
        text = members(data)[name].decode()
        assert "python-docx" not in text and "2013" not in text and "Microsoft" not in text, name


def test_core_properties_without_metadata() -> None:
    props = docx.Document(io.BytesIO(write(Page()))).core_properties
    assert props.author == "newsarchive"
    assert props.title == "newsarchive page"
    assert props.created == dt.datetime(1980, 1, 1, tzinfo=dt.timezone.utc)


def test_core_xml_holds_only_the_page_timestamp(sample_page: Page) -> None:
    core = members(write(sample_page))["docProps/core.xml"].decode()
    stamps = re.findall(r"\d{4}-\d\d-\d\dT[\d:.]+Z?", core)
    assert stamps == [iso_timestamp(sample_page)] * 2  # created and modified, nothing else
    assert "lastPrinted" not in core


def test_every_source_text_is_in_document_xml(sample_page: Page) -> None:
    paragraphs = paragraph_texts(write(sample_page))
    for text in sample_page.source_texts():
        assert any(text in p for p in paragraphs), text


def test_breaks_and_tabs_are_kept_and_nothing_is_lost() -> None:
    credit = Credit(text="新华社记者 某某 摄")
    photo = Photo(title="组图标题", caption="第一行\r\n第二行\t第三段", credit=credit)
    article = Article(
        headline="标题",
        blocks=(Block(type=BlockType.PARAGRAPH, text=" 首尾空格 ", fragments=()),),
        photos=(photo,),
    )
    page = Page(items=(article,), unplaced=(Unplaced(text="甲\r乙"),))
    data = write(page)
    paragraphs = paragraph_texts(data)
    for text in page.source_texts():
        normalised = text.replace("\r\n", "\n").replace("\r", "\n")
        assert normalised in paragraphs, text
    styles = [p.style.name for p in docx.Document(io.BytesIO(data)).paragraphs]
    assert styles == ["Title", "Body Text", "Heading 3", "Caption", "Photo Credit", "Heading 1", "Normal"]


def test_output_is_deterministic_and_zip_entries_carry_the_page_timestamp(sample_page: Page) -> None:
    first, second = write(sample_page), write(sample_page)
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as zf:
        assert zf.namelist()[0] == "[Content_Types].xml"
        assert {info.date_time for info in zf.infolist()} == {(2024, 3, 15, 0, 0, 0)}


def test_source_date_epoch_sets_every_timestamp(sample_page: Page, monkeypatch: pytest.MonkeyPatch) -> None:
    default = write(sample_page)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14T22:13:20Z
    data = write(sample_page)
    assert data != default and data == write(sample_page)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert {info.date_time for info in zf.infolist()} == {(2023, 11, 14, 22, 13, 20)}
    core = members(data)["docProps/core.xml"].decode()
    assert re.findall(r"\d{4}-\d\d-\d\dT[\d:.]+Z?", core) == ["2023-11-14T22:13:20Z"] * 2
    assert timestamp(sample_page) == (2023, 11, 14, 22, 13, 20)


def test_xml_illegal_characters_are_removed_and_reported(sample_page: Page) -> None:
    article = Article(
        headline="标题\x0b一",
        blocks=(Block(type=BlockType.PARAGRAPH, text="正文\x00二\ufffe", fragments=()),),
    )
    page = replace(
        sample_page,
        meta=replace(sample_page.meta, publication="人民日报\x1f海外版"),
        items=(article, Photo(caption="图片说明", credit=Credit(text="摄\x08影"))),
        unplaced=(),
    )
    result = DocxWriter().write(page)
    texts = paragraph_texts(result.data)
    assert texts == ["标题一", "正文二", "图片说明", "摄影"]
    assert docx.Document(io.BytesIO(result.data)).core_properties.author == "人民日报海外版"
    assert all(warning.code == "xml-illegal-removed" for warning in result.warnings)
    messages = [warning.message for warning in result.warnings]
    assert len(messages) == 4
    assert any("item 1 headline" in m and "U+000B" in m for m in messages)
    assert any("item 1 block 1" in m and "2 XML-illegal" in m for m in messages)
    assert any("item 2 credit" in m for m in messages)
    assert any("metadata publication" in m for m in messages)


def test_empty_page_is_a_valid_document() -> None:
    document = docx.Document(io.BytesIO(write(Page(meta=PageMeta()))))
    assert document.paragraphs == []


def canonical(name: str, data: bytes) -> bytes:
    """XML members in canonical form (C14N); other members as they are."""
    if name.endswith((".xml", ".rels")):
        return etree.tostring(etree.fromstring(data), method="c14n")
    return data


def test_golden_sample(sample_page: Page) -> None:
    """Compare with tests/golden/sample.docx.d/; NEWSARCHIVE_UPDATE_GOLDEN=1 rewrites it."""
    actual = members(write(sample_page))
    if os.environ.get("NEWSARCHIVE_UPDATE_GOLDEN") == "1":
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for name, data in actual.items():
            target = GOLDEN / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
    expected_names = sorted(p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*") if p.is_file())
    assert sorted(actual) == expected_names
    for name, data in actual.items():
        assert canonical(name, data) == canonical(name, (GOLDEN / name).read_bytes()), name


# The body is written as text (speed); python-docx must read back exactly what was written.
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_texts = st.text(st.sampled_from("ab 中文“”&<>\"'\t\n\r]]>"), min_size=1, max_size=30)


@settings(max_examples=60, deadline=None)
@given(st.lists(_texts, min_size=1, max_size=4), st.sampled_from(["zh-CN", "en"]))
def test_paragraph_text_and_styles_read_back_as_written(texts, language) -> None:
    article = Article(headline=texts[0], blocks=tuple(Block(type=BlockType.PARAGRAPH, text=t, fragments=()) for t in texts[1:]))
    page = Page(meta=PageMeta(language=language), items=(article,))
    data = DocxWriter().write(page).data
    paragraphs = docx.Document(io.BytesIO(data)).paragraphs
    expected = [t.replace("\r\n", "\n").replace("\r", "\n") for t in texts]
    assert [p.text for p in paragraphs] == expected
    assert [p.style.name for p in paragraphs] == ["Title"] + ["Body Text"] * (len(texts) - 1)
    runs = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")).iter(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t"
    )
    for t in runs:  # leading or trailing spaces survive only with xml:space="preserve"
        if t.text != t.text.strip():
            assert t.get("{http://www.w3.org/XML/1998/namespace}space") == "preserve"


# core.xml is a template filled in per page; python-docx must write the same bytes for the same values.
from docx.opc.coreprops import CoreProperties  # noqa: E402
from docx.opc.oxml import serialize_part_xml  # noqa: E402
from docx.oxml.parser import parse_xml  # noqa: E402

from newsarchive.writers import docx as docx_writer  # noqa: E402

_property_texts = st.text(st.sampled_from("ab 中文“”&<>\"'\t\n\r]]>{}%\U0001f600"), max_size=20)


@settings(max_examples=100, deadline=None)
@given(
    st.fixed_dictionaries(
        {"publication": st.none() | _property_texts, "date": st.none() | _property_texts, "page_name": st.none() | _property_texts,
         "source": st.none() | _property_texts, "page_number": st.none() | st.integers(0, 10**6)}
    ),
    st.sampled_from(["zh-CN", "en", "a&b<c>"]),
    st.integers(0, 2**31),
)
def test_core_xml_is_what_python_docx_writes_for_the_same_values(meta, language, epoch) -> None:
    page = Page(meta=PageMeta(**meta))
    values = docx_writer._core_properties(page, language, [])
    values["created"] = values["modified"] = dt.datetime.fromtimestamp(epoch, tz=dt.timezone.utc).replace(year=2000)
    root = parse_xml(docx_writer._prepared("zh-CN").parts["docProps/core.xml"])
    props = CoreProperties(root)
    for name, value in values.items():
        setattr(props, name, value)
    assert docx_writer._core_xml(docx_writer._prepared("zh-CN").core, values) == serialize_part_xml(root)
