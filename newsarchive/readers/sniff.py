"""Cheap content tests for the built-in readers, registered as ``newsarchive.sniffers``.

Picking a reader tests the input against every format; these tests live apart
from the readers so that doing so imports only this module, not lxml, the XML
readers or pdfminer.  Each function answers exactly as its reader's ``sniff``.
"""

from __future__ import annotations

import os
import re

_WHITESPACE = b"\xef\xbb\xbf \t\r\n"  # a UTF-8 BOM and whitespace may precede the first tag or brace
_ALTO_ROOT = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?alto[\s>/]")
_HOCR_PAGE = re.compile(rb"""class\s*=\s*["'][^"']*\bocr_page\b""")
_JSON_FORMAT = b"newsarchive-page"  # serialize.FORMAT, as bytes
_METS_ROOT = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?mets[\s>/]")


def alto(data: bytes) -> bool:
    """An XML document whose root element is ``alto`` (any prefix)."""
    head = data[:4096].lstrip(_WHITESPACE)
    return head.startswith(b"<") and bool(_ALTO_ROOT.search(head))


def mets(data: bytes) -> bool:
    """An XML document whose root element is ``mets`` (any prefix): an issue's page list, not a page."""
    head = data[:4096].lstrip(_WHITESPACE)
    if not head.startswith(b"<"):
        return False
    # The root element is the first tag that is not a declaration, comment or processing instruction.
    for match in re.finditer(rb"<([!?]?)", head):
        if not match.group(1):
            return bool(_METS_ROOT.match(head, match.start()))
    return False


def mets_file(path: str | os.PathLike[str]) -> bool:
    """A file that is a METS document (its first 4 KiB read; an unreadable file is not, and is left to its reader).

    Only a regular file is looked into: a pipe (/dev/stdin, <(cmd)) can be read once, by its reader.
    """
    if not os.path.isfile(path):
        return False
    try:
        with open(path, "rb") as handle:
            return mets(handle.read(4096))
    except OSError:
        return False


def hocr(data: bytes) -> bool:
    """Markup with an element of class ``ocr_page``."""
    head = data[:65536].lstrip(_WHITESPACE)
    return head.startswith(b"<") and bool(_HOCR_PAGE.search(head))


def json(data: bytes) -> bool:
    """A JSON object that names the newsarchive-page format near its start."""
    head = data[:512].lstrip(_WHITESPACE)
    return head.startswith(b"{") and _JSON_FORMAT in data[:4096]


def pdf(data: bytes) -> bool:
    """The PDF header ``%PDF-`` near the start (the specification allows 1 KiB of junk before it)."""
    return b"%PDF-" in data[:1024]


def plain_text(data: bytes) -> bool:
    """Never: the plain-text reader that reads no columns is chosen by name (``--from plain-text``)."""
    return False
