"""newsarchive: reconstruct scrambled newspaper pages and write them as NewsML-G2, EPUB 3, DOCX or JSON.

The Python API in brief::

    import newsarchive
    page = newsarchive.load("page.txt", date="2024-03-15")   # read + reconstruct
    data = newsarchive.write(page, "newsml").data             # bytes
    report = newsarchive.validate("page.xml")                  # schema validation
"""

from __future__ import annotations

from .api import convert, formats, load, pages, read, reconstruct, validate, write
from .errors import NewsarchiveError, ReadError, UnknownFormatError, ValidationFailed, WriteError
from .model import Article, Block, Byline, Credit, Fragment, Page, PageMeta, Photo, Unplaced

__version__ = "0.1.0"

__all__ = [
    "Article",
    "Block",
    "Byline",
    "Credit",
    "Fragment",
    "NewsarchiveError",
    "Page",
    "PageMeta",
    "Photo",
    "ReadError",
    "UnknownFormatError",
    "Unplaced",
    "ValidationFailed",
    "WriteError",
    "convert",
    "formats",
    "load",
    "pages",
    "read",
    "reconstruct",
    "validate",
    "write",
]
