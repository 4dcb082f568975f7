"""Check that a written output still holds the page's text (conservation, per writer).

:mod:`newsarchive.conservation` checks the model: every non-whitespace input
character is in exactly one source-text field.  This module checks the bytes a
writer produced: every non-whitespace character of those fields appears in the
output's text (JSON: its source-text fields; NewsML-G2: the XML text; EPUB: the
XHTML documents; DOCX: ``word/document.xml``), except the XML-illegal characters
the writer reported as removed (:func:`newsarchive.writers.removed_characters`).
Outputs also hold labels and metadata, so the check is "at least as many of each
character", never "exactly".

Used by the test suite and by ``benchmarks/fuzz.py``; parsing is as defensive as
the validator's (no DTDs, no entities, no network).
"""

from __future__ import annotations

import io
import json
import zipfile
from collections import Counter

from lxml import etree

from .conservation import nonspace
from .model import Page
from .serialize import page_from_dict
from .writers import WriteResult, removed_characters

__all__ = ["missing_text", "output_text"]


def _xml_text(data: bytes) -> str:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True)
    root = etree.fromstring(data, parser)
    return "".join(root.itertext())


def output_text(writer: str, data: bytes) -> str:
    """The text content of a built-in writer's output (raises if the output does not parse)."""
    if writer == "json":
        return "".join(page_from_dict(json.loads(data.decode("utf-8"))).source_texts())
    if writer == "newsml":
        return _xml_text(data)
    if writer in ("epub", "docx"):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if writer == "docx":
                return _xml_text(archive.read("word/document.xml"))
            names = sorted(n for n in archive.namelist() if n.endswith(".xhtml"))
            return "".join(_xml_text(archive.read(n)) for n in names)
    raise ValueError(f"no text extraction for writer {writer!r}")


def missing_text(page: Page, writer: str, result: WriteResult) -> Counter[str]:
    """Non-whitespace characters of the page's source texts missing from the output, unreported."""
    expected = nonspace("".join(page.source_texts())) - removed_characters(result.warnings)
    return expected - nonspace(output_text(writer, result.data))
