"""Safe parsing of untrusted XML and HTML (ALTO, METS, hOCR input, and files to validate).

One set of rules for every module that parses XML: no entity expansion, no DTD
loading, no network, libxml2's default size limits (``huge_tree=False``), and
a document that declares a DOCTYPE is refused before libxml2 reads its
internal subset — so XXE (external entities) and "billion laughs" (nested
entity expansion) payloads are never evaluated.  HTML (hOCR is often HTML)
gets lxml's HTML parser with the same switches; its DOCTYPE (``<!DOCTYPE
html>``) is harmless there because the HTML parser never expands entities
declared in a DTD, but a DOCTYPE with an internal subset (``[ … ]``) is
refused all the same, since it can only be an attempt to declare entities.
"""

from __future__ import annotations

import re

from lxml import etree
from lxml import html as lxml_html

from .errors import ReadError

__all__ = ["local_name", "parse_html", "parse_xml", "prolog_doctype_line", "safe_xml_parser"]

_REFUSAL = "DOCTYPE/DTD declarations are not allowed in {kind} input (refused; entities and DTDs are never read)"
# A DOCTYPE with an internal subset: "<!DOCTYPE name ... [".
_INTERNAL_SUBSET = re.compile(rb"<!DOCTYPE[^>\[]*\[", re.IGNORECASE)
_ENTITY_DECL = re.compile(rb"<!ENTITY", re.IGNORECASE)


def safe_xml_parser(*, drop_comments: bool = False) -> etree.XMLParser:
    """A hardened lxml parser: no entity expansion, no DTD loading, no network, no huge trees.

    A fresh parser per document, because lxml parsers are not thread-safe.
    """
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=drop_comments,
        remove_pis=drop_comments,
    )


def prolog_doctype_line(data: bytes) -> int | None:
    """The line of a DOCTYPE declaration in the prolog (after the XML declaration, comments, PIs), else None.

    Checked on the raw bytes so that a DTD is refused before libxml2 reads its internal
    subset at all; the parsed tree's docinfo is checked again afterwards.
    """
    if data[:2] in (b"\xff\xfe", b"<\x00"):
        text = data.decode("utf-16-le", errors="replace")
    elif data[:2] in (b"\xfe\xff", b"\x00<"):
        text = data.decode("utf-16-be", errors="replace")
    else:
        # Markup characters are ASCII in every ASCII-compatible encoding; latin-1 never fails.
        text = data.decode("latin-1").removeprefix("\xef\xbb\xbf")
    text = text.removeprefix("\ufeff")
    i, n = 0, len(text)
    while i < n:
        while i < n and text[i] in " \t\r\n":
            i += 1
        if text.startswith("<?", i):
            end = text.find("?>", i + 2)
        elif text.startswith("<!--", i):
            end = text.find("-->", i + 4)
        elif text.startswith("<!DOCTYPE", i):
            return text.count("\n", 0, i) + 1
        else:
            return None
        if end < 0:
            return None  # unterminated: the parser reports it
        i = end + (2 if text[end] == "?" else 3)
    return None



def parse_xml(data: bytes, *, kind: str, source: str | None) -> etree._Element:
    """Parse untrusted XML; a DOCTYPE or malformed XML is a :class:`ReadError` naming the line."""
    line = prolog_doctype_line(data)
    if line is not None:
        raise ReadError(f"line {line}: " + _REFUSAL.format(kind=kind), source=source)
    try:
        root = etree.fromstring(data, safe_xml_parser(drop_comments=True))
    except etree.XMLSyntaxError as exc:
        raise ReadError(f"line {exc.lineno or 0}: not well-formed {kind} XML: {exc.msg}", source=source) from None
    docinfo = root.getroottree().docinfo
    if docinfo.internalDTD is not None or docinfo.doctype:
        raise ReadError(_REFUSAL.format(kind=kind), source=source)
    return root


_HTML_OPEN = re.compile(rb"<html[\s>]", re.IGNORECASE)
_HTML_CLOSE = re.compile(rb"</html\s*>\s*(?:<!--.*?-->\s*)*\Z", re.IGNORECASE | re.DOTALL)


def parse_html(data: bytes, *, kind: str, source: str | None) -> etree._Element:
    """Parse untrusted (X)HTML; XHTML goes through :func:`parse_xml`, tag soup through lxml.html (no network).

    An XHTML document (one with an XML declaration) is parsed as XML so its
    structure is exact, falling back to HTML when it is not well-formed (an
    HTML entity such as ``&nbsp;``); anything else is parsed as HTML.  Entity
    declarations are refused in every case.
    """
    head = data[:4096]
    if _INTERNAL_SUBSET.search(head) or _ENTITY_DECL.search(data):
        raise ReadError(_REFUSAL.format(kind=kind), source=source)
    # The HTML parser reads what it can of a file cut short and says nothing: a page would lose
    # its end silently.  Every hOCR engine closes the document, so a missing </html> is a cut.
    if _HTML_OPEN.search(head) and not _HTML_CLOSE.search(data[-1024:]):
        raise ReadError(f"{kind} document ends before its closing </html>: the file is truncated", source=source)
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"<?xml"):
        # An XHTML document may carry the harmless "<!DOCTYPE html ...>" of XHTML 1.0: drop
        # it textually (it has no internal subset, checked above) and parse strictly as XML.
        cleaned = re.sub(rb"<!DOCTYPE[^>]*>", b"", data, count=1, flags=re.IGNORECASE)
        try:
            return parse_xml(cleaned, kind=kind, source=source)
        except ReadError:
            pass  # "XHTML" that is not well-formed XML (an HTML entity such as &nbsp;): read it as HTML
    parser = lxml_html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True, huge_tree=False)
    try:
        root = lxml_html.fromstring(data, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise ReadError(f"cannot parse {kind} HTML: {exc}", source=source) from None
    return root


def local_name(element: etree._Element) -> str:
    """The element's name without its namespace ('' for comments and processing instructions)."""
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]
