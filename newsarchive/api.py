"""The Python API: read, reconstruct, write, convert and validate pages."""

from __future__ import annotations

import functools
import re
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator, Sequence

from . import limits, plugins
from .errors import ReadError
from .model import Page, PageMeta

if TYPE_CHECKING:
    from .writers import WriteResult

Source = str | Path | bytes


def read_capped(path: str | Path) -> bytes:
    """A file's bytes, read only up to the largest input limit (so /dev/zero or a huge file cannot exhaust memory).

    Errors are one-line ReadErrors naming the file.
    """
    cap = max(limits.MAX_INPUT_BYTES, limits.MAX_JSON_BYTES)
    name = str(path)
    try:
        with open(path, "rb") as handle:
            data = handle.read(cap + 1)
    except IsADirectoryError:
        raise ReadError("is a directory, not a file", source=name) from None
    except FileNotFoundError:
        raise ReadError("no such file", source=name) from None
    except PermissionError:
        raise ReadError("permission denied", source=name) from None
    except OSError as exc:
        raise ReadError(exc.strerror or str(exc), source=name) from None
    limits.check_input_size(len(data), limit=cap, source=name)
    return data


def _read_bytes(source: Source) -> tuple[bytes, str]:
    if isinstance(source, bytes):
        return source, "-"
    return read_capped(source), str(source)


@functools.cache
def _markup() -> re.Pattern[bytes]:
    """XML or HTML's opening, compiled on first use: only an input with a ``<`` near its start is asked."""
    return re.compile(rb"\A(?:\xef\xbb\xbf)?\s*<(?:\?xml|!doctype|html)[\s>]", re.IGNORECASE)


def _pick_reader(data: bytes, name: str | None, source: str | None = None) -> Any:
    if name:
        return plugins.load(plugins.READERS, name)()
    # Specific formats first; the plain-text reader accepts anything and comes last.
    # A reader module is imported only once its (cheap, separately registered) sniffer says yes.
    for candidate in plugins.names(plugins.READERS):
        if candidate == "text":
            continue
        if plugins.sniffer(candidate)(data):
            return plugins.load(plugins.READERS, candidate)()
    head = data[:1024]
    if b"<" in head and _markup().match(head):
        # XML or HTML that no reader knows would come out as a page of its markup read as text.
        from .readers import sniff

        if sniff.mets(data):
            raise ReadError(
                "a METS file (an issue's page list), not a page: `newsarchive convert` converts its ALTO pages "
                "(newsarchive.issues from Python)",
                source=source,
            )
        raise ReadError("XML or HTML that no page reader knows (ALTO, hOCR); `--from text` reads it as plain text", source=source)
    return plugins.load(plugins.READERS, "text")()


def read(
    source: Source,
    *,
    reader: str | None = None,
    encoding: str | None = None,
    meta: PageMeta | None = None,
    **meta_fields: Any,
) -> Page:
    """Read a page's fragments from a path or bytes (no reconstruction yet).

    ``meta_fields`` are :class:`PageMeta` fields (``publication``, ``date``,
    ``page_number``, ``page_name``, ``language``) that override ``meta``.
    """
    data, meta, chosen = _opened(source, reader, meta, meta_fields)
    return chosen.read(data, meta=meta, encoding=encoding)


def _opened(source: Source, reader: str | None, meta: PageMeta | None, meta_fields: dict[str, Any]) -> tuple[bytes, PageMeta, Any]:
    """The source's bytes, its meta (``meta_fields`` over ``meta``, the source named), and the reader picked for it."""
    data, name = _read_bytes(source)
    meta = meta or PageMeta()
    meta = replace(meta, source=meta.source or name, **{k: v for k, v in meta_fields.items() if v is not None})
    return data, meta, _pick_reader(data, reader, meta.source)


def pages(source: Source, *, reader: str | None = None, encoding: str | None = None) -> tuple[int, ...]:
    """The numbers (1-based places) of a document's pages with text: ``(1,)`` for a page, more for a document of several.

    A PDF, an hOCR file (Tesseract's of a multi-page TIFF) and an ALTO file may hold
    several pages; a text's pages are what form feeds divide (pdftotext ends each page of
    a PDF with one).  Read page k with ``read(source, page_number=k)``; without a page
    number a PDF's first page is read, the others whole, each with a warning that says so.
    """
    data, name = _read_bytes(source)
    chosen = _pick_reader(data, reader, name)
    numbers = getattr(chosen, "pages", None)
    if numbers is None:  # a reader of one-page formats (JSON, or a third party's)
        return (1,)
    try:
        return tuple(numbers(data, encoding=encoding))
    except ReadError as exc:
        raise ReadError(exc.message, source=name) from None


def transforms() -> list[Any]:
    """Instances of every registered reorder transform, in pipeline order."""
    from .reorder import Pipeline

    loaded = [plugins.load(plugins.TRANSFORMS, name)() for name in plugins.names(plugins.TRANSFORMS)]
    return list(Pipeline(loaded).transforms)


def reconstruct(page: Page, *, steps: Sequence[Any] | None = None) -> Page:
    """Reconstruct reading order: run the reorder pipeline over the page's fragments."""
    from .profiles import get_profile
    from .reorder import Draft, Pipeline
    from .reorder.assemble import assemble

    pipeline = Pipeline(steps if steps is not None else transforms())
    fresh = replace(page, items=(), unplaced=(), decisions=())
    return assemble(pipeline.run(Draft.from_page(fresh, get_profile(page.meta.language))))


def load(source: Source, **kwargs: Any) -> Page:
    """Read and reconstruct a page (keyword arguments as for :func:`read`)."""
    return reconstruct(read(source, **kwargs))


def read_document_page(source: Source, number: int, **kwargs: Any) -> Page:
    """Read page ``number`` (1-based) of a document of several pages, its printed number left to its running head.

    Reconstruct it, then :func:`numbered_by_place` (or :func:`load_document_page` does both).
    """
    given = kwargs.pop("page_number", None)
    return _printed_number(read(source, page_number=number, **kwargs), number, given)


class _Asked:
    """The page numbers a reader's ``read_pages`` is asked for, one at a time, as its pages are wanted."""

    def __init__(self) -> None:
        self.number: int | None = None

    def __iter__(self) -> "_Asked":
        return self

    def __next__(self) -> int:
        if self.number is None:
            raise StopIteration
        number, self.number = self.number, None
        return number


class DocumentReader:
    """A document of several pages open for reading page by page, in any order (keyword arguments as for :func:`read`).

    Its bytes are read once, and a reader with ``read_pages`` (ALTO, hOCR, PDF) parses
    the document once for all the pages asked for: reading page by page with
    :func:`read_document_page` parses it again for each.  Others (text) read each page
    from the bytes held.
    """

    def __init__(self, source: Source, **kwargs: Any) -> None:
        self._given = kwargs.pop("page_number", None)
        reader, self._encoding, meta = kwargs.pop("reader", None), kwargs.pop("encoding", None), kwargs.pop("meta", None)
        self._data, self._meta, self._reader = _opened(source, reader, meta, kwargs)
        self._asked = _Asked()
        self._pages: Iterator[Page] | None = None

    def page(self, number: int) -> Page:
        """Page ``number`` (1-based place) read, as :func:`read_document_page` gives it."""
        read_pages = getattr(self._reader, "read_pages", None)
        if read_pages is None:
            raw = self._reader.read(self._data, meta=replace(self._meta, page_number=number), encoding=self._encoding)
            return _printed_number(raw, number, self._given)
        if self._pages is None:
            self._pages = read_pages(self._data, meta=self._meta, numbers=self._asked, encoding=self._encoding)
        self._asked.number = number
        try:
            raw = next(self._pages)
        except BaseException:
            self._pages = None  # a page's error ends the reader's generator: the next page parses anew
            raise
        return _printed_number(raw, number, self._given)


def _printed_number(raw: Page, number: int, given: int | None) -> Page:
    """Page ``number`` of a document as read, numbered as the caller says, else as the document does, else not yet."""
    # The place handed back is no printed number; a number the document gives the page (ALTO's PRINTED_IMG_NR) is.
    found = raw.meta.page_number if raw.meta.page_number != number else None
    return replace(raw, meta=replace(raw.meta, page_number=given if given is not None else found))


def numbered_by_place(page: Page, number: int) -> Page:
    """The page numbered by its place in its document, where neither the caller nor its running head numbered it."""
    return page if page.meta.page_number is not None else replace(page, meta=replace(page.meta, page_number=number))


def load_document_page(source: Source, number: int, **kwargs: Any) -> Page:
    """Read and reconstruct page ``number`` (1-based) of a document of several pages (keyword arguments as for :func:`read`).

    Its place picks the page; its printed number is what its running head says, or its
    place where it prints none (pages 5-8 of an issue exported as one PDF are 5-8).
    """
    return numbered_by_place(reconstruct(read_document_page(source, number, **kwargs)), number)


def formats() -> list[str]:
    """The registered writer names."""
    return plugins.names(plugins.WRITERS)


def write(page: Page, to: str) -> "WriteResult":
    """Render a page with the writer registered as ``to``; returns bytes plus warnings."""
    return plugins.load(plugins.WRITERS, to)().write(page)


def convert(source: Source, to: str = "json", **kwargs: Any) -> "WriteResult":
    """Read, reconstruct and write in one call."""
    return write(load(source, **kwargs), to)


def validate(path: str | Path, *, schema: str | Path | None = None) -> Any:
    """Validate a NewsML-G2 or JSON file; returns a report with ``ok`` and ``lines()``."""
    from .validation import validate as _validate

    return _validate(path, schema=schema)
