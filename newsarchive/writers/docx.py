"""The DOCX writer: one Word document per page, built with python-docx.

The document is set up for Chinese text: explicit Latin and East Asian fonts
instead of theme fonts, ``w:lang`` with an East Asian language, and
``settings.xml``'s ``themeFontLang`` set to Chinese (python-docx's template
says Japanese, which picks Japanese glyph forms).  Output is byte-for-byte
reproducible: every date comes from :func:`~newsarchive.writers.timestamp`.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import io
import re
import zipfile
from dataclasses import dataclass
from typing import ClassVar

import docx
from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.coreprops import CoreProperties
from docx.opc.oxml import serialize_part_xml
from docx.oxml.ns import qn
from docx.oxml.parser import parse_xml
from docx.shared import Mm, Pt, RGBColor
from docx.styles.style import ParagraphStyle
from lxml import etree

from ..model import Article, BlockType, Page, Photo, Warning
from . import WriteResult, timestamp, xml_safe
from .zipfiles import zip_entries

__all__ = ["DocxWriter", "STYLE_NAMES"]

# One well-known font per script: OOXML has no font fallback lists.  SimSun/SimHei
# ship with Chinese Windows and Office; elsewhere they are substituted by name
# (fontconfig maps them to Noto Serif/Sans CJK SC for zh) and via fontTable hints.
BODY_FONTS = ("Times New Roman", "SimSun")  # (ascii/hAnsi/cs, eastAsia)
HEADING_FONTS = ("Arial", "SimHei")

# fontTable.xml entries so Word can substitute sensibly when a font is missing:
# Chinese charset (86 = GB2312), the localized name and the PANOSE class.
_FONT_TABLE_ENTRIES = {
    "SimSun": ("宋体", "02010600030101010101", "auto", "variable"),
    "SimHei": ("黑体", "02010609060101010101", "modern", "fixed"),
}

KICKER, TITLE, SUBTITLE, BYLINE = "Kicker", "Title", "Subtitle", "Byline"
HEADING_1, HEADING_2, HEADING_3 = "Heading 1", "Heading 2", "Heading 3"
BODY, CAPTION, CREDIT, NORMAL = "Body Text", "Caption", "Photo Credit", "Normal"
STYLE_NAMES = (NORMAL, BODY, KICKER, TITLE, SUBTITLE, BYLINE, HEADING_1, HEADING_2, HEADING_3, CAPTION, CREDIT)

UNPLACED_HEADING = "Unplaced text"

_GREY = RGBColor(0x40, 0x40, 0x40)


@dataclass(frozen=True, slots=True)
class _StyleSpec:
    """How one paragraph style used by the writer is set up."""

    name: str
    fonts: tuple[str, str]
    size: float | None = None  # points
    custom: bool = False
    color: RGBColor | None = None
    align: WD_ALIGN_PARAGRAPH | None = None
    keep_with_next: bool = False
    space_after: float | None = None  # points
    priority: int | None = None


_STYLE_SPECS = (
    _StyleSpec(NORMAL, BODY_FONTS),
    # Chinese body text: justified, first line indented by two characters.
    _StyleSpec(BODY, BODY_FONTS, align=WD_ALIGN_PARAGRAPH.JUSTIFY, space_after=6),
    _StyleSpec(KICKER, HEADING_FONTS, 12, custom=True, color=_GREY, keep_with_next=True, space_after=3, priority=9),
    _StyleSpec(TITLE, HEADING_FONTS, 22, keep_with_next=True, space_after=6),
    _StyleSpec(SUBTITLE, HEADING_FONTS, 14, keep_with_next=True, space_after=6),
    _StyleSpec(BYLINE, BODY_FONTS, 10.5, custom=True, color=_GREY, space_after=12, priority=12),
    _StyleSpec(HEADING_1, HEADING_FONTS, keep_with_next=True),
    _StyleSpec(HEADING_2, HEADING_FONTS, keep_with_next=True),
    _StyleSpec(HEADING_3, HEADING_FONTS, keep_with_next=True),
    _StyleSpec(CAPTION, BODY_FONTS, 10, color=_GREY, keep_with_next=True, space_after=0, priority=35),
    _StyleSpec(
        CREDIT, BODY_FONTS, 9, custom=True, color=_GREY, align=WD_ALIGN_PARAGRAPH.RIGHT, space_after=10, priority=36
    ),
)

_APP_XML = (
    b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    b"<Application>newsarchive</Application><DocSecurity>0</DocSecurity></Properties>"
)

_CJK_LANGUAGES = frozenset({"zh", "ja", "ko"})
_NEWLINES = re.compile(r"\r\n?")
_RUN_PIECES = re.compile(r"([\t\n])")


class DocxWriter:
    """Write the page as a Word document (one article after another, page breaks between items)."""

    name: ClassVar[str] = "docx"
    media_type: ClassVar[str] = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    file_extension: ClassVar[str] = ".docx"

    def write(self, page: Page) -> WriteResult:
        """Render the page to DOCX bytes; XML-illegal characters are removed and reported."""
        warnings: list[Warning] = []
        language = xml_safe(page.meta.language or "zh-CN", "page language", warnings).strip() or "zh-CN"
        template = _prepared(language)
        # Only the body and the core properties differ between pages: every other part is
        # the template's, byte for byte what python-docx would save after loading it.
        builder = _Builder(template.style_ids, warnings, cjk=_is_cjk(language))
        builder.page(page)
        document = template.document_head + "".join(builder.paragraphs).encode("utf-8") + template.document_tail
        core = _core_xml(template.core, _core_properties(page, language, warnings))
        changed = {_DOCUMENT_PART: document, _CORE_PART: core}
        # Entries in python-docx's save order, dated with the page's timestamp rather than the wall clock.
        data = zip_entries(
            ((name, changed.get(name, blob)) for name, blob in template.parts.items()),
            timestamp(page),
            repeated=template.parts.keys() - changed.keys(),
        )
        return WriteResult(data=data, warnings=tuple(warnings))


_DOCUMENT_PART = "word/document.xml"
_CORE_PART = "docProps/core.xml"


@dataclass(frozen=True, slots=True)
class _Prepared:
    """A page language's template: its parts in save order (``[Content_Types].xml`` first) and its style ids."""

    parts: dict[str, bytes]
    style_ids: dict[str, str]
    document_head: bytes  # document.xml up to where the paragraphs go (before the body's w:sectPr)
    document_tail: bytes
    core: str  # core.xml as python-docx writes it for a page, with {title}, {created} … for the page's values


@functools.lru_cache(maxsize=16)
def _prepared(language: str) -> _Prepared:
    """The template for a language, unpacked once (loading it with python-docx for every page was most of the cost)."""
    data, style_ids = _template(language)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        names = package.namelist()
        names.sort(key=lambda name: name != "[Content_Types].xml")  # stable: only moves it first
        parts = {name: package.read(name) for name in names}
    # The paragraphs go before the body's closing section properties, which end the document.
    document = serialize_part_xml(parse_xml(parts[_DOCUMENT_PART]))
    at = document.rfind(b"<w:sectPr")
    if at < 0 or document.count(b"<w:sectPr") != 1:
        raise RuntimeError("DOCX template: expected one w:sectPr at the end of the body")
    return _Prepared(
        parts=parts,
        style_ids=style_ids,
        document_head=document[:at],
        document_tail=document[at:],
        core=_core_template(parts[_CORE_PART], _core_properties(Page(), language, [])),
    )


class _Builder:
    """Renders a page's items as ``w:p`` elements, one style per source-text field."""

    def __init__(self, style_ids: dict[str, str], warnings: list[Warning], *, cjk: bool) -> None:
        self._warnings = warnings
        # Word's own marking of CJK input: quotes and dashes, which Unicode shares
        # between scripts, then take the East Asian (full-width) font.
        self._run_properties = '<w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr>' if cjk else ""
        # Each style's paragraph start, escaped once rather than per paragraph.
        self._starts = {name: f'<w:p><w:pPr><w:pStyle w:val="{_escape_attribute(sid)}"/>' for name, sid in style_ids.items()}
        self._break_before_next = False
        self.paragraphs: list[str] = []

    def page(self, page: Page) -> None:
        """Add every item, then the unplaced text, each item starting on a new page."""
        for number, item in enumerate(page.items, 1):
            where = f"item {number}"
            if isinstance(item, Article):
                self._article(item, where)
            else:
                self._photo(item, where, title_style=HEADING_1)
            self._break_before_next = True
        if page.unplaced:
            self._paragraph(UNPLACED_HEADING, HEADING_1, "unplaced heading")
            for number, unplaced in enumerate(page.unplaced, 1):
                self._paragraph(unplaced.text, NORMAL, f"unplaced {number}")

    def _article(self, article: Article, where: str) -> None:
        self._paragraph(article.kicker, KICKER, f"{where} kicker")
        self._paragraph(article.headline, TITLE, f"{where} headline")
        self._paragraph(article.subheadline, SUBTITLE, f"{where} subheadline")
        if article.byline is not None:
            self._paragraph(article.byline.text, BYLINE, f"{where} byline")
        # The dateline is a normalised copy; its source text is already in the first paragraph.
        for number, block in enumerate(article.blocks, 1):
            style = HEADING_2 if block.type is BlockType.HEADING else BODY
            self._paragraph(block.text, style, f"{where} block {number}")
        for number, photo in enumerate(article.photos, 1):
            self._photo(photo, f"{where} photo {number}", title_style=HEADING_3)

    def _photo(self, photo: Photo, where: str, *, title_style: str) -> None:
        self._paragraph(photo.title, title_style, f"{where} title")
        self._paragraph(photo.caption, CAPTION, f"{where} caption")
        if photo.credit is not None:
            self._paragraph(photo.credit.text, CREDIT, f"{where} credit")

    def _paragraph(self, text: str | None, style: str, where: str) -> None:
        """Append a one-run paragraph in ``style`` (nothing for empty text).

        Written as text rather than with ``Document.add_paragraph`` (which looks the
        style up and walks the text character by character, about 1 ms a paragraph)
        or lxml elements: the bytes are what python-docx and lxml write (tested), a
        tab becomes ``w:tab`` and a line break ``w:br``.
        """
        if not text:
            return
        clean = xml_safe(text, where, self._warnings)
        if "\t" in clean or "\n" in clean or "\r" in clean:
            # python-docx's convention is one break per "\r" and "\n", so "\r\n" would become two.
            pieces = _RUN_PIECES.split(_NEWLINES.sub("\n", clean))
        else:
            pieces = [clean]  # most paragraphs: one w:t
        content = [self._run_properties]
        for piece in pieces:
            if piece == "\t":
                content.append("<w:tab/>")
            elif piece == "\n":
                content.append("<w:br/>")
            elif piece:
                space = ' xml:space="preserve"' if piece != piece.strip() else ""
                content.append(f"<w:t{space}>{_escape_text(piece)}</w:t>")
        run = "".join(content)
        start = self._starts[style]
        if self._break_before_next:
            start += "<w:pageBreakBefore/>"  # schema order: after pStyle
            self._break_before_next = False
        self.paragraphs.append(start + (f"</w:pPr><w:r>{run}</w:r></w:p>" if run else "</w:pPr><w:r/></w:p>"))


def _escape_text(text: str) -> str:
    """Character data as libxml2 writes it: &, < and > escaped (the text is XML-safe already)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _escape_attribute(value: str) -> str:
    """An attribute value as libxml2 writes it between double quotes."""
    return _escape_text(value).replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;").replace("\r", "&#13;")


def _is_cjk(language: str) -> bool:
    return language.split("-")[0].lower() in _CJK_LANGUAGES


def _east_asian_language(language: str) -> str:
    """The ``w:eastAsia`` language: the page's own if Chinese, else zh-CN (a Chinese-first profile)."""
    return language if language.split("-")[0].lower() == "zh" else "zh-CN"


def _template(language: str) -> tuple[bytes, dict[str, str]]:
    """The prepared template for a page language, as DOCX bytes, and the ids of the writer's styles."""
    doc = docx.Document()
    _drop_unused_parts(doc)
    _prune_styles(doc)
    _set_fonts_and_language(doc, language)
    _set_up_styles(doc)
    _set_up_font_table(doc)
    section = doc.sections[0]
    # A4 with Word's Chinese default margins, not the template's US Letter.
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(25.4)
    section.left_margin = section.right_margin = Mm(31.8)
    out = io.BytesIO()
    doc.save(out)
    # Style lookup by name scans styles.xml; resolve each style id once.
    return out.getvalue(), {name: doc.styles[name].style_id for name in STYLE_NAMES}


def _drop_unused_parts(doc: Document) -> None:
    """Drop the template's thumbnail (a picture of an empty page) and stylesWithEffects (stale fonts).

    Also replace the extended properties, which claim "Microsoft Macintosh Word"
    and word counts of the empty template.
    """
    package_rels = doc.part.package.rels
    for rId, rel in list(package_rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del package_rels[rId]
        elif rel.reltype == RT.EXTENDED_PROPERTIES:
            rel.target_part._blob = _APP_XML
    for rId in [rId for rId, rel in doc.part.rels.items() if rel.reltype.endswith("/stylesWithEffects")]:
        doc.part.drop_rel(rId)


def _prune_styles(doc: Document) -> None:
    """Keep only the styles the writer uses (with what they are based on or linked to) and the defaults.

    The template defines 164 styles (100 of them table styles); parsing them is a
    large share of the cost of every page, and Word's latent styles bring back
    any built-in style a user applies later.
    """
    root = doc.styles.element
    by_id = {s.get(qn("w:styleId")): s for s in root.iterfind(qn("w:style"))}
    names = {s.find(qn("w:name")).get(qn("w:val")).lower(): sid for sid, s in by_id.items()}
    wanted = [names[n.lower()] for n in STYLE_NAMES if n.lower() in names]
    wanted += [sid for sid, s in by_id.items() if s.get(qn("w:default")) == "1"]
    keep: set[str] = set()
    while wanted:
        sid = wanted.pop()
        if sid in keep or sid not in by_id:
            continue
        keep.add(sid)
        for ref in ("w:basedOn", "w:link", "w:next"):
            el = by_id[sid].find(qn(ref))
            if el is not None:
                wanted.append(el.get(qn("w:val")))
    for sid, style in by_id.items():
        if sid not in keep:
            root.remove(style)


def _set_fonts_and_language(doc: Document, language: str) -> None:
    """Replace theme fonts with explicit ones everywhere and declare the languages.

    Theme attributes win over explicit names in Word, and the template's theme
    maps East Asian text to Japanese fonts, so every ``*Theme`` attribute goes:
    major (heading) theme fonts become :data:`HEADING_FONTS`, minor ones :data:`BODY_FONTS`.
    """
    styles = doc.styles.element
    east_asian = _east_asian_language(language)
    for rfonts in styles.iter(qn("w:rFonts")):
        theme = rfonts.get(qn("w:asciiTheme")) or rfonts.get(qn("w:eastAsiaTheme"))
        if theme:
            _set_rfonts(rfonts, HEADING_FONTS if theme.startswith("major") else BODY_FONTS)
    rpr = styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    rfonts = rpr.get_or_add_rFonts()
    _set_rfonts(rfonts, BODY_FONTS)
    if _is_cjk(language):
        rfonts.set(qn("w:hint"), "eastAsia")
    lang = rpr.find(qn("w:lang"))
    if lang is None:  # the template has one; it is the last child python-docx's rPr needs here
        lang = rpr.makeelement(qn("w:lang"), {})
        rpr.append(lang)
    lang.set(qn("w:val"), language)
    lang.set(qn("w:eastAsia"), east_asian)
    theme_lang = doc.settings.element.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:val"), language)
        theme_lang.set(qn("w:eastAsia"), east_asian)


def _set_rfonts(rfonts: etree._Element, fonts: tuple[str, str]) -> None:
    """Set explicit fonts on a ``w:rFonts`` and remove every ``*Theme`` attribute (themes would win)."""
    for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        rfonts.attrib.pop(qn(f"w:{attr}"), None)
    latin, east_asian = fonts
    for attr in ("ascii", "hAnsi", "cs"):
        rfonts.set(qn(f"w:{attr}"), latin)
    rfonts.set(qn("w:eastAsia"), east_asian)


def _set_up_styles(doc: Document) -> None:
    """Create the custom styles and give every used style its fonts, size and spacing."""
    styles = doc.styles
    for spec in _STYLE_SPECS:
        if spec.custom:
            style = styles.add_style(spec.name, WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = styles[NORMAL]
            style.quick_style = True
        else:
            style = styles[spec.name]
        assert isinstance(style, ParagraphStyle)
        _set_rfonts(style.element.get_or_add_rPr().get_or_add_rFonts(), spec.fonts)
        font, fmt = style.font, style.paragraph_format
        if spec.size is not None:
            font.size = Pt(spec.size)
            _set_complex_script_size(style.element.rPr, spec.size)
        if spec.color is not None:
            font.color.rgb = spec.color
        if spec.align is not None:
            fmt.alignment = spec.align
        if spec.keep_with_next:
            fmt.keep_with_next = True
        if spec.space_after is not None:
            fmt.space_after = Pt(spec.space_after)
        if spec.priority is not None:
            style.priority = spec.priority
    body = styles[BODY].paragraph_format
    body.first_line_indent = Pt(22)  # two 11 pt characters, for readers that ignore firstLineChars
    styles[BODY].element.pPr.get_or_add_ind().set(qn("w:firstLineChars"), "200")
    for name in (KICKER, BYLINE):
        styles[name].next_paragraph_style = styles[TITLE] if name == KICKER else styles[BODY]
    styles[TITLE].next_paragraph_style = styles[BODY]
    # Chinese has no true italics: renderers slant the glyphs, which looks wrong.
    subtitle = styles[SUBTITLE]
    subtitle.font.italic = False
    _remove(subtitle.element.rPr, "w:iCs")
    # Nor letter-spacing: the template's 0.75 pt tracking leaves gaps between CJK characters.
    _remove(subtitle.element.rPr, "w:spacing")
    # The template's Subtitle carries a numbering level without a list: drop it.
    _remove(subtitle.element.pPr, "w:numPr")
    # The caption is bold in the template; faux-bold SimSun is hard to read.
    caption = styles[CAPTION]
    caption.font.bold = None
    _remove(caption.element.rPr, "w:bCs")
    # Caption is hidden from the style gallery in the template; make it visible.
    caption.hidden = False
    caption.unhide_when_used = False
    latent = styles.latent_styles["caption"]
    latent.hidden = False
    latent.unhide_when_used = False
    _sync_linked_character_styles(doc)


def _sync_linked_character_styles(doc: Document) -> None:
    """Give each linked character style ("Title Char" …) its paragraph style's run properties.

    Word applies the linked style when a user styles part of a paragraph; left
    alone it would still be italic, 26 pt, and so on.
    """
    root = doc.styles.element
    by_id = {s.get(qn("w:styleId")): s for s in root.iterfind(qn("w:style"))}
    for spec in _STYLE_SPECS:
        paragraph_style = doc.styles[spec.name].element
        link = paragraph_style.find(qn("w:link"))
        linked = by_id.get(link.get(qn("w:val"))) if link is not None else None
        if linked is None or paragraph_style.rPr is None:
            continue
        _remove(linked, "w:rPr")
        linked.append(copy.deepcopy(paragraph_style.rPr))  # rPr is the last child of a character style


def _set_up_font_table(doc: Document) -> None:
    """List the fonts the styles use (with Chinese substitution hints) and drop the unused Japanese ones."""
    font_table = doc.part.part_related_by(RT.FONT_TABLE)
    root = etree.fromstring(font_table.blob)
    for font in list(root):
        if any(ord(c) > 0x7F for c in font.get(qn("w:name"), "")):  # ＭＳ 明朝 / ＭＳ ゴシック
            root.remove(font)
    present = {font.get(qn("w:name")) for font in root}
    for name, (alt_name, panose, family, pitch) in _FONT_TABLE_ENTRIES.items():
        if name in present:
            continue
        font = etree.SubElement(root, qn("w:font"), {qn("w:name"): name})
        etree.SubElement(font, qn("w:altName"), {qn("w:val"): alt_name})
        etree.SubElement(font, qn("w:panose1"), {qn("w:val"): panose})
        etree.SubElement(font, qn("w:charset"), {qn("w:val"): "86"})
        etree.SubElement(font, qn("w:family"), {qn("w:val"): family})
        etree.SubElement(font, qn("w:pitch"), {qn("w:val"): pitch})
    font_table._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _set_complex_script_size(rpr: etree._Element, points: float) -> None:
    """Keep ``w:szCs`` equal to ``w:sz`` (python-docx sets only the latter)."""
    sz = rpr.find(qn("w:sz"))
    sz_cs = rpr.find(qn("w:szCs"))
    if sz_cs is None:
        sz_cs = rpr.makeelement(qn("w:szCs"), {})
        sz.addnext(sz_cs)  # schema order: szCs follows sz
    sz_cs.set(qn("w:val"), str(round(points * 2)))


def _remove(parent: etree._Element | None, tag: str) -> None:
    if parent is not None:
        for child in parent.findall(qn(tag)):
            parent.remove(child)


_CORE_PROPERTY_MAX = 255


def _core_properties(page: Page, language: str, warnings: list[Warning]) -> dict[str, str | int | dt.datetime]:
    """The page's core properties, by python-docx property name, in the order they are set.

    None of python-docx's defaults survive.
    """
    meta = page.meta

    def safe(value: str | None, where: str) -> str:
        return xml_safe(value, f"metadata {where}", warnings) if value else ""

    publication = safe(meta.publication, "publication")
    date = safe(meta.date, "date")
    page_name = safe(meta.page_name, "page name")
    if meta.page_number is None:
        page_label = ""
    elif language.split("-")[0].lower() == "zh":
        page_label = f"第{meta.page_number}版"
    else:
        page_label = f"page {meta.page_number}"
    title = " ".join(p for p in (publication, date, page_label, page_name) if p)
    moment = dt.datetime(*timestamp(page), tzinfo=dt.timezone.utc)

    def fit(value: str, where: str) -> str:
        # python-docx refuses core properties over 255 characters (a long file path or publication name).
        if len(value) <= _CORE_PROPERTY_MAX:
            return value
        warnings.append(
            Warning(code="docx-property-shortened", message=f"metadata {where} cut to {_CORE_PROPERTY_MAX} characters (DOCX limit)")
        )
        return value[: _CORE_PROPERTY_MAX - 1] + "…"

    return {
        "title": fit(title or safe(meta.source, "source") or "newsarchive page", "title"),
        "author": fit(publication or "newsarchive", "author"),
        "last_modified_by": "newsarchive",
        "comments": "",  # the template says "generated by python-docx"
        "subject": fit(page_name, "subject"),
        "created": moment,
        "modified": moment,
        "revision": 1,
        "language": fit(language, "language"),
        "identifier": fit(_identifier(publication, date, meta.page_number), "identifier"),
    }


def _core_template(core: bytes, example: dict[str, str | int | dt.datetime]) -> str:
    """The template's core.xml with python-docx's properties set to placeholders: ``{title}``, ``{created}`` ….

    python-docx still decides the XML (which elements, in which order); a page only
    fills in its values (parsing and setting them with python-docx took 0.2 ms a page).
    Each property is set to a value of its type that marks its place in the output.
    """
    root = parse_xml(core)
    props = CoreProperties(root)
    marks: dict[str, str] = {}
    for number, (name, value) in enumerate(example.items()):
        mark: dt.datetime | int | str
        if isinstance(value, dt.datetime):
            mark = dt.datetime(2001 + number, 1, 1, tzinfo=dt.timezone.utc)
            marks[name] = mark.strftime("%Y-%m-%dT%H:%M:%SZ")
        elif isinstance(value, int):
            mark = 987_654_321 + number
            marks[name] = str(mark)
        else:
            mark = marks[name] = f"\ue000{name}\ue001"  # private-use characters: in no template
        setattr(props, name, mark)
    text = serialize_part_xml(root).decode("utf-8").replace("{", "{{").replace("}", "}}")
    for name, written in marks.items():
        if text.count(written) != 1:
            raise RuntimeError(f"DOCX template: core property {name} not found once in core.xml")
        text = text.replace(written, "{" + name + "}")
    return text


def _core_xml(template: str, values: dict[str, str | int | dt.datetime]) -> bytes:
    """core.xml for a page: the template with the page's values as python-docx and lxml write them."""
    filled: dict[str, str] = {}
    for name, value in values.items():
        if isinstance(value, dt.datetime):
            filled[name] = value.strftime("%Y-%m-%dT%H:%M:%SZ")
        elif isinstance(value, int):
            filled[name] = str(value)
        else:
            filled[name] = _escape_text(value).replace("\r", "&#13;")  # the text is XML-safe already
    return template.format(**filled).encode("utf-8")


def _identifier(publication: str, date: str, page_number: int | None) -> str:
    """A stable identifier for the page: ``newsarchive:<publication>:<date>:<page>``."""
    parts = [publication or "unknown", date or "undated", str(page_number) if page_number is not None else "unnumbered"]
    return "newsarchive:" + ":".join(p.replace(":", "_") for p in parts)
