"""Readers: turn input bytes into a :class:`~newsarchive.model.Page` of fragments.

A reader has a ``name``, a ``sniff(data) -> bool`` class method used to pick a
reader by content, and ``read(data, *, meta, encoding) -> Page``.  Readers are
registered under the ``newsarchive.readers`` entry-point group.

A reader of documents that may hold several pages (PDF; text whose pages form
feeds divide) also has a ``pages(data, *, encoding) -> tuple[int, ...]`` class
method, the numbers of the pages with text, and reads the page that
``meta.page_number`` names (:class:`MultiPageReader`).  It may also have
``read_pages(data, *, meta, numbers, encoding)``, the pages at several places
from one parse (ALTO, hOCR and PDF have it: a document is parsed, or a PDF's pages listed, once);
:class:`newsarchive.api.DocumentReader` uses it where it is there.
"""

from __future__ import annotations

from typing import ClassVar, Protocol

from ..model import Page, PageMeta


class Reader(Protocol):
    """What every reader provides."""

    name: ClassVar[str]

    @classmethod
    def sniff(cls, data: bytes) -> bool:
        """True if ``data`` looks like this reader's format."""
        ...

    def read(self, data: bytes, *, meta: PageMeta, encoding: str | None = None) -> Page:
        """Parse ``data`` into a page of fragments (no reconstruction yet)."""
        ...


class MultiPageReader(Reader, Protocol):
    """A reader of documents that may hold several pages."""

    @classmethod
    def pages(cls, data: bytes, *, encoding: str | None = None) -> tuple[int, ...]:
        """The numbers (1-based) of the document's pages with text (``(1,)`` for a page)."""
        ...
