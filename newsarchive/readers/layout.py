"""Shared by the readers with geometry (ALTO, hOCR, PDF): text blocks with boxes → a page of fragments.

A geometric reader finds *layout blocks* (an ALTO TextBlock, an hOCR
``ocr_carea``/``ocr_par``, a PDF text box), each with an id, its lines and a
box.  :func:`page_from_blocks` turns them into :class:`Fragment` s the same
way for every format, so the reorder pipeline sees one kind of input:

* ``text`` is the block's lines joined with ``\\n`` (exactly the characters
  the reader took from the input, see each reader for what "input
  characters" means for its format);
* ``start``/``end``/``line`` are offsets into the page's text *as the reader
  lays it out*: the blocks in input order, one blank line between blocks —
  what the plain-text reader would report for the same page dumped to text,
  so provenance means the same thing for every reader;
* ``gap_before`` is 2 (one blank line) between blocks, 0 before the first:
  layout evidence in the plain-text sense; the geometry transform replaces it
  with evidence from the boxes.

Language: readers of layout formats rarely know the language (ALTO and hOCR
seldom say, a PDF never reliably).  When the caller left
:class:`PageMeta`'s default language and the page has (almost) no CJK text,
the page is declared ``en`` so the English profile is used; an explicit
``--language`` always wins.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Iterable, Sequence

from ..model import BBox, Fragment, Page, PageMeta, Warning

__all__ = ["LayoutBlock", "guess_language", "join_words", "page_from_blocks", "solid_type_size", "unique_id"]

# Share of letters that must be CJK for a page to keep the Chinese default.
CJK_SHARE = 0.2
# OCR engines mark word boundaries in text set solid too (Tesseract after almost every Chinese
# character), where the print has no space.  Where such text meets, a space is kept only across a
# gap this many type sizes wide; justified Chinese lines of Tesseract output on generated pages
# have gaps of up to 0.9 between the characters' ink.
SOLID_SPACE_MIN = 1.0


@dataclass(frozen=True, slots=True)
class LayoutBlock:
    """One text block found by a geometric reader: id, lines (already joined within), box, page."""

    id: str
    lines: tuple[str, ...]
    bbox: BBox | None
    page: int | None = None


def _is_cjk(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" or "\u3040" <= ch <= "\u30ff" or "\uac00" <= ch <= "\ud7af"


def _set_solid(ch: str) -> bool:
    """Han ideographs, kana, CJK punctuation and full-width forms: text printed without spaces."""
    return "\u3000" <= ch <= "\u30ff" or "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" or "\uff00" <= ch <= "\uffef"


def join_words(words: Sequence[tuple[str, float | None, float | None]], size: float | None) -> str:
    """A line's words (text, left, right) as printed: a space between words, none inside text set solid.

    Where a word ends or the next begins with a character set solid (Chinese,
    Japanese), the two join without a space unless the gap between their boxes
    is at least :data:`SOLID_SPACE_MIN` type sizes (``size``): a name padded
    with a full-width space, two names set apart.  Without boxes or a size they
    join directly.
    """
    out: list[str] = []
    right: float | None = None
    for text, x0, x1 in words:
        if not text:
            continue
        if out:
            if not (_set_solid(out[-1][-1]) or _set_solid(text[0])):
                out.append(" ")
            elif size and right is not None and x0 is not None and x0 - right >= SOLID_SPACE_MIN * size:
                out.append(" ")
        out.append(text)
        right = x1
    return "".join(out)


def solid_type_size(words: Sequence[tuple[str, float | None, float | None]], fallback: float | None) -> float | None:
    """A line's type size from its words: the median width of its one-character words set solid, else ``fallback``.

    A Han character fills a square of the type size nearly to its edges, so its box
    measures the type; a line's height measures only the ink, smaller than the type.
    """
    widths = sorted(
        x1 - x0
        for text, x0, x1 in words
        if len(text) == 1 and _set_solid(text) and x0 is not None and x1 is not None and x1 > x0
    )
    return widths[len(widths) // 2] if len(widths) >= 3 else fallback


def guess_language(meta: PageMeta, texts: Iterable[str]) -> str:
    """The page's language: the caller's, unless it is the default and the text is not CJK (then ``en``)."""
    if meta.language != PageMeta().language:
        return meta.language
    letters = cjk = 0
    for text in texts:
        for ch in text:
            if ch.isalpha():
                letters += 1
                cjk += _is_cjk(ch)
    if letters and cjk / letters < CJK_SHARE:
        return "en"
    return meta.language


def unique_id(candidate: str | None, seen: set[str], fallback: str) -> str:
    """A unique id: ``candidate`` (``candidate_2`` … if already used), or ``fallback`` when there is none."""
    base = candidate or fallback
    value = base
    n = 2
    while value in seen:
        value = f"{base}_{n}"
        n += 1
    seen.add(value)
    return value


def page_from_blocks(
    blocks: Sequence[LayoutBlock],
    *,
    meta: PageMeta,
    encoding: str | None,
    warnings: Sequence[Warning] = (),
) -> Page:
    """Fragments in input order with text offsets as if the page were dumped to text (see module doc)."""
    fragments: list[Fragment] = []
    offset = 0
    line_no = 1
    for block in blocks:
        lines = tuple(line for line in (" ".join(raw.split()) for raw in block.lines) if line)
        if not lines:
            continue  # an empty block (an image area, a rule) carries no text
        text = "\n".join(lines)
        if fragments:
            offset += 2  # the blank line between blocks
            line_no += 2
        fragments.append(
            Fragment(
                id=block.id,
                text=text,
                lines=lines,
                start=offset,
                end=offset + len(text),
                line=line_no,
                gap_before=2 if fragments else 0,
                page=block.page,
                bbox=block.bbox,
            )
        )
        offset += len(text)
        line_no += len(lines) - 1
    language = guess_language(meta, (f.text for f in fragments))
    return Page(
        meta=replace(meta, encoding=encoding, language=language),
        fragments=tuple(fragments),
        warnings=tuple(warnings),
    )
