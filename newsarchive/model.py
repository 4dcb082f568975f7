"""The page model: immutable dataclasses shared by readers, reorder steps and writers.

This module imports nothing from the package.  A :class:`Page` holds the
page's metadata, the *fragments* the reader found (with provenance), the
*items* reconstructed in reading order (articles and standalone photos) and
the fragments that could not be placed.  Every text field named "source text"
below holds characters taken from the input; normalised forms live in extra
fields (``Byline.names``, ``Credit.agency``, ``Article.dateline``).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field, replace
from typing import Union

__all__ = [
    "Article",
    "BBox",
    "Block",
    "BlockType",
    "Byline",
    "Credit",
    "Decision",
    "Fragment",
    "Item",
    "Page",
    "PageMeta",
    "Photo",
    "Role",
    "Unplaced",
    "Warning",
    "replace",
]


class Role(str, enum.Enum):
    """What a fragment is on the page, as decided by role tagging."""

    KICKER = "kicker"
    HEADLINE = "headline"
    SUBHEADLINE = "subheadline"
    BYLINE = "byline"
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    CAPTION = "caption"
    CREDIT = "credit"
    PHOTO_TITLE = "photo_title"
    FURNITURE = "furniture"
    UNKNOWN = "unknown"


class BlockType(str, enum.Enum):
    """Kind of a body block of an article."""

    HEADING = "heading"
    PARAGRAPH = "paragraph"


@dataclass(frozen=True, slots=True, kw_only=True)
class BBox:
    """An axis-aligned box on a page, in the reader's units (x0, y0 top-left)."""

    x0: float
    y0: float
    x1: float
    y1: float


@dataclass(frozen=True, slots=True, kw_only=True)
class PageMeta:
    """Metadata of one printed page."""

    publication: str | None = None
    date: str | None = None  # ISO 8601 date, YYYY-MM-DD
    page_number: int | None = None
    page_name: str | None = None
    language: str = "zh-CN"  # BCP 47
    source: str | None = None  # the input file's name, "-" for stdin
    encoding: str | None = None  # the encoding the reader decoded with


@dataclass(frozen=True, slots=True, kw_only=True)
class Fragment:
    """One block of the input as the reader found it (source text and provenance).

    ``start``/``end`` are character offsets into the decoded input, ``line`` the
    1-based line it starts on, ``gap_before`` the number of line breaks that
    separated it from the previous fragment (layout evidence), ``lines`` the
    block's lines as found (line breaks inside a block are kept).
    """

    id: str
    text: str
    lines: tuple[str, ...]
    start: int
    end: int
    line: int
    gap_before: int = 0
    page: int | None = None
    bbox: BBox | None = None
    role: Role = Role.UNKNOWN
    role_confidence: float = 0.0
    role_reason: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Byline:
    """A byline: source text, the role (本报记者, 新华社记者 …) and the names without padding."""

    text: str
    role: str | None = None
    names: tuple[str, ...] = ()
    fragments: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Credit:
    """A photo credit: source text, photographers without padding, and the agency."""

    text: str
    photographers: tuple[str, ...] = ()
    agency: str | None = None
    fragments: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Photo:
    """A photo: optional title, caption and credit (standalone or inside an article)."""

    title: str | None = None
    caption: str | None = None
    credit: Credit | None = None
    fragments: tuple[str, ...] = ()
    confidence: float = 1.0


@dataclass(frozen=True, slots=True, kw_only=True)
class Block:
    """A body block of an article: a section heading or a paragraph, built from fragments."""

    type: BlockType
    text: str
    fragments: tuple[str, ...]
    confidence: float = 1.0


@dataclass(frozen=True, slots=True, kw_only=True)
class Article:
    """An article: header fields, dateline, ordered body blocks and photos."""

    headline: str | None = None
    kicker: str | None = None
    subheadline: str | None = None
    byline: Byline | None = None
    dateline: str | None = None  # normalised copy; the source text stays in the first paragraph
    blocks: tuple[Block, ...] = ()
    photos: tuple[Photo, ...] = ()
    header_fragments: tuple[str, ...] = ()  # kicker, headline, subheadline fragments
    confidence: float = 1.0


Item = Union[Article, Photo]


@dataclass(frozen=True, slots=True, kw_only=True)
class Unplaced:
    """Text that could not be placed in any item, kept so nothing is lost."""

    text: str
    fragments: tuple[str, ...] = ()
    reason: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Decision:
    """One reconstruction decision, with its confidence and reason, for ``inspect``."""

    step: str  # the transform's name
    kind: str  # e.g. "join", "assign", "order", "attach", "role"
    subjects: tuple[str, ...]  # fragment ids the decision is about
    confidence: float
    reason: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Warning:  # noqa: A001 - a model name, not the builtin
    """A non-fatal problem, returned as data."""

    code: str
    message: str
    source: str | None = None
    removed: tuple[tuple[str, int], ...] = ()  # characters taken out of the output, with counts


@dataclass(frozen=True, slots=True, kw_only=True)
class Page:
    """One newspaper page: metadata, fragments, items in reading order, unplaced text."""

    meta: PageMeta = field(default_factory=PageMeta)
    fragments: tuple[Fragment, ...] = ()
    items: tuple[Item, ...] = ()
    unplaced: tuple[Unplaced, ...] = ()
    decisions: tuple[Decision, ...] = ()
    warnings: tuple[Warning, ...] = ()

    @property
    def articles(self) -> tuple[Article, ...]:
        """The articles among the items, in reading order."""
        return tuple(i for i in self.items if isinstance(i, Article))

    def fragment(self, fragment_id: str) -> Fragment:
        """The fragment with this id (KeyError if there is none)."""
        for frag in self.fragments:
            if frag.id == fragment_id:
                return frag
        raise KeyError(fragment_id)

    def source_texts(self) -> list[str]:
        """Every source-text field of the page, in item order (for conservation checks)."""
        texts: list[str] = []

        def photo_texts(photo: Photo) -> None:
            for value in (photo.title, photo.caption):
                if value:
                    texts.append(value)
            if photo.credit is not None:
                texts.append(photo.credit.text)

        for item in self.items:
            if isinstance(item, Article):
                for value in (item.kicker, item.headline, item.subheadline):
                    if value:
                        texts.append(value)
                if item.byline is not None:
                    texts.append(item.byline.text)
                texts.extend(block.text for block in item.blocks)
                for photo in item.photos:
                    photo_texts(photo)
            else:
                photo_texts(item)
        texts.extend(u.text for u in self.unplaced)
        return texts
