"""An issue's pages from its METS file: the pages in order, each with the publisher's articles as a hint.

A digitised issue often comes as ALTO pages plus one METS file that lists the
pages (physical structMap, ``ORDER``) and the publisher's article segmentation
(see :mod:`newsarchive.readers.mets`).  :func:`issue_pages` resolves both
against the ALTO files the METS names (paths relative to the METS file), and
:func:`load_page` reads and reconstructs one page with the publisher's articles
on it as a strong hint (:class:`~newsarchive.reorder.publisher_hint.PublisherSegmentation`):
where newsarchive's own segmentation disagrees, the hint wins and the page's
decisions say so, so ``inspect`` shows both.  ``newsarchive convert ISSUE_mets.xml``
converts every page this way.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence
from urllib.parse import unquote, urlparse

from . import api
from .errors import ReadError
from .model import Page


@dataclass(frozen=True, slots=True)
class IssuePage:
    """One page a METS file lists: its number (``ORDER``), its ALTO file, and the publisher's articles on it."""

    number: int
    path: Path
    articles: tuple[tuple[str, ...], ...]  # each article's TextBlock ids on this page, in the publisher's order
    date: str | None = None  # the issue's date and publication, as the METS file's MODS record gives them
    publication: str | None = None


def is_mets(data: bytes) -> bool:
    """An XML document whose root element is METS's ``mets`` (any prefix)."""
    from .readers import sniff

    return sniff.mets(data)


def is_mets_file(path: str | Path) -> bool:
    """A file that is a METS document (its first 4 KiB read; an unreadable file is not, and is left to its reader).

    Only a regular file is looked into: a pipe (/dev/stdin, <(cmd)) can be read once, by its reader.
    """
    from .readers import sniff

    return sniff.mets_file(path)


def _local_path(href: str, base: Path, source: str) -> Path:
    """The file a METS ``FLocat`` href names, relative to the METS file's folder (``file:`` URLs and %-escapes read)."""
    parsed = urlparse(href)
    if parsed.scheme not in ("", "file"):
        raise ReadError(f"page file {href!r} is not a local file", source=source)
    return base / unquote(parsed.path)


def issue_pages(mets: str | Path) -> list[IssuePage]:
    """The pages a METS file lists, in page order, each with the publisher's articles resolved to TextBlock ids.

    Every ALTO file is checked (it exists and is ALTO) before the list is returned, so a
    conversion of the issue does not stop half-way on a missing page.
    """
    from .readers.alto import element_index
    from .readers.mets import read_mets
    from .safexml import local_name, parse_xml

    source = str(mets)
    issue = read_mets(api.read_capped(mets), source=source)
    if not issue.pages:
        raise ReadError("the METS file lists no ALTO page files", source=source)
    base = Path(mets).parent
    paths: dict[int, Path] = {}
    indexes: dict[int, dict[str, str]] = {}
    orders: dict[int, list[str]] = {}
    for number, href in issue.pages:
        path = _local_path(href, base, source)
        root = parse_xml(api.read_capped(path), kind="ALTO", source=str(path))
        if local_name(root) != "alto":
            raise ReadError(f"page {number} is not ALTO (root element {local_name(root)!r})", source=str(path))
        paths[number] = path
        indexes[number] = element_index(root)
        orders[number] = [e.get("ID", "") for e in root.iter() if isinstance(e.tag, str) and local_name(e) == "TextBlock"]
        del root  # an issue's pages are parsed one at a time; only their ids are kept
    resolved = issue.resolve(indexes, orders)
    pages = []
    for number, _ in issue.pages:
        on_page = (tuple(block for page, block in seq if page == number) for seq in resolved.values())
        pages.append(IssuePage(number, paths[number], tuple(a for a in on_page if a), issue.date, issue.title))
    return pages


def load_page(page: IssuePage, **kwargs: Any) -> Page:
    """Read and reconstruct one page of an issue with the publisher's articles as a hint (``kwargs`` as for :func:`api.read`)."""
    # What the METS file says of the page, unless the caller says otherwise.
    for key, value in (("page_number", page.number), ("date", page.date), ("publication", page.publication)):
        if kwargs.get(key) is None:
            kwargs[key] = value
    raw = api.read(page.path, **{**kwargs, "reader": kwargs.get("reader") or "alto"})
    return reconstruct(raw, page.articles)


def reconstruct(page: Page, articles: Sequence[Sequence[str]]) -> Page:
    """:func:`api.reconstruct` with the publisher's articles (each its fragment ids in order) as a strong hint."""
    from .reorder.publisher_hint import PublisherSegmentation

    return api.reconstruct(page, steps=[*api.transforms(), PublisherSegmentation([list(a) for a in articles])])
