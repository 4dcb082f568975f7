"""Priority 150: headlines, decks and captions from type size and centring (fragments with boxes only).

``layout-roles`` runs after role tagging and promotes a title-like block to a
headline when the layout says it heads something: it is set in larger type
than the page's running text (line height, the only font size every format
gives), or it is centred over the column of text below it.  A line in display
type may end in a full stop, as headlines of older papers do ("The
Statesman."), when it stands alone on its line over the column below
(:func:`_alone_on_line`; a table cell has neighbours).  Text decides first (a
byline or dateline pattern stays what it is); layout only upgrades headings
and short title-like paragraphs.  Two headlines stacked with nothing between
them are one header (a strap line over the headline is its kicker, a smaller
line under it its deck), not two articles of which the first is empty.  OCR
noise is tagged as furniture (unplaced, its characters kept).
"""

from __future__ import annotations

import unicodedata
from functools import partial
from typing import ClassVar, Sequence

from ..model import BBox, Decision, Fragment, Role
from ..profiles import Profile
from ..profiles.cjk import is_han
from . import ABOVE_A_CREDIT, STACKED_KICKER, Draft
from .geometry import (
    BODY_TYPE,
    CENTRE_TOLERANCE,
    HUGE_TYPE,
    LARGE_TYPE,
    MAX_HEADLINE_LINES,
    ROW_ALIGN,
    STACK_GAP,
    body_line_height,
    glyph_size,
    justified,
    line_height,
    page_noise,
    pages_of,
    running_glyph_size,
    running_text_boxes,
    shrunk,
    under_vertical_title,
    vertical_titles,
    x_overlap,
)

__all__ = ["LayoutRoles"]

NARROW = 0.85  # a centred heading is at most this share of its column's width
DECK_RATIO = 1.15  # line height ratio above which the upper of two stacked headlines is the headline, the lower its deck
DECK_MAX = 1.6  # body type sizes: a header line set no larger is a deck (or kicker), not a headline
SPECK_CHARS = 4  # marks of OCR specks inside a column (see _speck) ...
SPECK_SIZE = 0.5  # ... none a square glyph at this share of the running text's size
_SPECK_ROLES = (Role.HEADING, Role.PARAGRAPH, Role.UNKNOWN, Role.HEADLINE, Role.KICKER, Role.SUBHEADLINE)
SMALL_TYPE = 0.9  # glyph size ratio to the running text below which a block is in small type (a caption)
CAPTION_LINES = 3  # a caption in small type is a short block: at most this many lines ...
CAPTION_CHARS = 200  # ... and characters
# ... and no shorter than this: a shorter sentence is more likely the last line of a paragraph
# cut off at a block's end ("人次。"), and a few glyphs measure the type poorly (an OCR box ends
# at the ink of the last mark: 人次。 measured 0.77 of the running text in Tesseract output).
# Captions without a credit in the People's Daily data are 12 characters or longer.
CAPTION_MIN_CHARS = 6
# A paragraph's first-line indent, in glyphs of its type (two square glyphs in Chinese, one or more in
# Latin type): a one-line block set in this far from its column's edge is a paragraph, not a heading.
PARAGRAPH_INDENT = (1.5, 2.5)


def _stacked(upper: BBox, lower: BBox, unit: float) -> bool:
    """``lower`` stands right under ``upper`` (within :data:`STACK_GAP` body lines), centred on it or flush with it."""
    if not -unit <= lower.y0 - upper.y1 <= STACK_GAP * unit or not x_overlap((upper.x0, upper.x1), (lower.x0, lower.x1)):
        return False
    width = max(upper.x1 - upper.x0, lower.x1 - lower.x0)
    centred = abs((upper.x0 + upper.x1) / 2 - (lower.x0 + lower.x1) / 2) <= CENTRE_TOLERANCE * width
    return centred or abs(upper.x0 - lower.x0) <= ROW_ALIGN * unit


def _unquoted(text: str) -> str:
    """The text without its quotation marks.

    OCR drops or misreads quotation marks (吴桥：“杂技+”走出 read as 吴桥:杂技+”走出), and
    a title's quotes that do not pair make it read as a cut sentence; in display type
    the size vouches for the title, so its quotes are not held against it.
    """
    return "".join(ch for ch in text if ch not in "\"'" and unicodedata.category(ch) not in ("Pi", "Pf"))


def _display_type(fragment: Fragment, unit: float | None) -> bool:
    """The block is set in display type: :data:`LARGE_TYPE` to :data:`HUGE_TYPE` times the running text."""
    height = line_height(fragment)
    return bool(unit and height and LARGE_TYPE * unit <= height <= HUGE_TYPE * unit)


def _alone_on_line(fragment: Fragment, below: Fragment, page: Sequence[Fragment]) -> bool:
    """No other block stands beside ``fragment`` on its line within the column of ``below`` (a table row has cells)."""
    box, col = fragment.bbox, below.bbox
    assert box is not None and col is not None
    span = shrunk(BBox(x0=min(box.x0, col.x0), y0=box.y0, x1=max(box.x1, col.x1), y1=box.y1))  # the column's width
    for other in page:
        b = other.bbox
        if other is fragment or b is None or min(b.y1, box.y1) - max(b.y0, box.y0) <= 0:
            continue
        if x_overlap(shrunk(b), span) and not x_overlap(shrunk(b), shrunk(box)):
            return False
    return True


def character_cells(page: Sequence[Fragment]) -> bool:
    """The boxes are character cells (text an extractor laid out in columns), which measure no type.

    Such a reader makes every line one unit high, so each one-line block is exactly
    1.0 high; no block is then set larger or smaller than another, and the rules
    that weigh type sizes stand aside.  Boxes measured on print (points, pixels) never all are.
    """
    heights = [f.bbox.y1 - f.bbox.y0 for f in page if f.bbox is not None and len(f.lines) == 1]
    return len(heights) >= 3 and all(h == 1.0 for h in heights)


def _speck(fragment: Fragment, running: float | None, profile: Profile) -> bool:
    """OCR specks on a page set in square glyphs: a one-line block of at most :data:`SPECK_CHARS` marks,
    either Latin letters or digits without an ideograph (、VL7 between a headline and its byline, /367)
    or ideographs under half the running text's size (吕 at 8 px beside 25).

    OCR reads a picture's edge or a rule's end as a few characters; inside a header they break it in two.
    Marks alone are text (…………, the end of a quotation), and so is a short line with an ideograph of the
    page's size or set among other marks (——编 者).
    """
    if running is None or len(fragment.lines) != 1:
        return False
    text = "".join(fragment.lines[0].split())
    if not text or len(text) > SPECK_CHARS or profile.parse_credit(text) is not None:
        return False
    if not any(is_han(ch) for ch in text):
        return any(ch.isascii() and ch.isalnum() for ch in text)
    size = glyph_size(fragment)
    return size is not None and size < SPECK_SIZE * running


def _current_role(roles: dict[str, tuple[Role, float, str]], fragment: Fragment) -> Role:
    """The block's role as retyped so far in ``roles``, else as the draft has it."""
    return roles[fragment.id][0] if fragment.id in roles else fragment.role


def _retype(
    roles: dict[str, tuple[Role, float, str]], fragment_id: str, role: Role, confidence: float, why: str, reason: str
) -> Decision:
    """Record a new role in ``roles`` (with ``why`` as the fragment's role reason) and return its decision."""
    roles[fragment_id] = (role, confidence, why)
    return Decision(step=LayoutRoles.name, kind="role", subjects=(fragment_id,), confidence=confidence, reason=reason)


class LayoutRoles:
    """Promote title-like blocks to headlines when their type size or centring says they head an article."""

    name: ClassVar[str] = "layout-roles"
    priority: ClassVar[int] = 150

    def apply(self, draft: Draft) -> Draft:
        """Upgrade headings and short title-like paragraphs set large or centred over their column."""
        if not draft.laid_out:
            return draft
        profile = draft.profile
        roles: dict[str, tuple[Role, float, str]] = {}
        decisions: list[Decision] = []
        for page in pages_of(draft.fragments):
            unit = body_line_height(page)
            glyph = running_glyph_size(page)  # the running text's type size, measured once for the rules below
            boxed = [f for f in page if f.bbox is not None]
            for k in sorted(page_noise(boxed, profile)):
                f = boxed[k]
                if f.role in (Role.HEADING, Role.PARAGRAPH, Role.UNKNOWN):
                    why = "OCR noise in a margin or gutter"
                    reason = "furniture: a stray mark outside every column of running text (OCR noise)"
                    decisions.append(_retype(roles, f.id, Role.FURNITURE, 0.8, why, reason))
            for f in boxed:
                # Whatever the text took it for: a title of such marks is no title either.
                if f.id not in roles and f.role in _SPECK_ROLES and _speck(f, glyph, profile):
                    why = "OCR specks: a few marks without a glyph of the page's type"
                    decisions.append(_retype(roles, f.id, Role.FURNITURE, 0.7, why, f"furniture: {why}"))
            for k in vertical_titles(page, glyph):
                f = page[k]
                # Recorded even when the text already took it for a headline, so that no later rule here
                # reads its lines, a glyph each, as a column of running text.
                if f.id not in roles and f.role in (Role.HEADING, Role.PARAGRAPH, Role.UNKNOWN, Role.KICKER, Role.HEADLINE):
                    why = "a title set vertically in display type, down the side of its article"
                    decisions.append(_retype(roles, f.id, Role.HEADLINE, 0.75, f"header line ({why})", f"headline: {why}"))
                name = under_vertical_title(k, page)
                if name is not None and page[name].id not in roles and profile.parse_byline(draft.text(page[name].id), after_headline=True):
                    why = "an author's name set vertically under a vertical title"
                    decisions.append(_retype(roles, page[name].id, Role.BYLINE, 0.75, why, f"byline: {why}"))
                following = next((g for j, g in enumerate(page[k + 1 :], k + 1) if g.role is not Role.FURNITURE and j != name), None)
                if (
                    following is not None
                    and following.id not in roles
                    and following.role is Role.KICKER
                    and not profile.is_kicker(draft.text(following.id))
                ):
                    # The text took the first title line beside it for a kicker (the vertical title was no
                    # title to it), but what a vertical title heads reads after it: a section's heading.
                    why = "a title line read after a vertical title heads a section"
                    decisions.append(_retype(roles, following.id, Role.HEADING, 0.6, why, f"heading: {why}"))
            for k, f in enumerate(page):
                if f.bbox is None or f.id in roles or f.role not in (Role.HEADING, Role.PARAGRAPH, Role.UNKNOWN):
                    continue
                if len(f.lines) > MAX_HEADLINE_LINES:
                    continue
                text = draft.text(f.id)
                if profile.dateline(text) is not None:
                    continue
                # A headline in display type may end in a full stop (the style of older papers: "The
                # Statesman."), which the profile reads as a sentence; type size and standing alone on its
                # line over the column (not a table cell with neighbours) vouch for it instead.
                stopped = not profile.is_title_like(text)
                if stopped and not (
                    _display_type(f, unit) and (profile.is_title_like(text.rstrip(".")) or profile.is_title_like(_unquoted(text)))
                ):
                    continue
                below = self._text_below(page, k, roles)
                if below is None:
                    continue  # a heading heads something: nothing below, nothing to head
                if stopped and not _alone_on_line(f, below, page):
                    continue
                if below.role is Role.KICKER and (not _display_type(f, unit) or profile.is_kicker(draft.text(below.id))):
                    continue  # a kicker stands above its headline: this block ends what precedes it
                evidence = self._evidence(f, below, unit)
                if evidence is None:
                    continue
                why = evidence
                if below.role is Role.KICKER:
                    # The text took the first title line of the page for a kicker, but a kicker stands over its
                    # headline, not under one in display type: under the headline, it heads a section.
                    heading_why = "a title line under a headline in display type heads a section"
                    decisions.append(_retype(roles, below.id, Role.HEADING, 0.6, heading_why, f"heading: {heading_why}"))
                decisions.append(_retype(roles, f.id, Role.HEADLINE, 0.75, f"header line ({why})", f"headline: {why}"))
                # A byline right under a promoted headline was demoted by role tagging; restore it.
                if k + 1 < len(page):
                    nxt = page[k + 1]
                    if nxt.role is Role.PARAGRAPH and profile.parse_byline(draft.text(nxt.id), after_headline=True):
                        roles[nxt.id] = (Role.BYLINE, 0.8, "byline under a headline")
            sized = not character_cells(page)
            if unit:
                decisions.extend(self._stacks(page, roles, unit, glyph))
            if unit and sized:
                decisions.extend(self._running_text_headers(page, roles, unit))
            if unit and glyph is not None and sized:
                decisions.extend(self._body_type_headlines(page, roles, unit, glyph))
            if glyph is not None and sized:
                decisions.extend(self._small_type_captions(draft, page, roles, glyph))
                decisions.extend(self._body_type_captions(page, roles, glyph))
                decisions.extend(self._indented_one_liners(page, roles, glyph))
            if unit:
                decisions.extend(self._kicker_over_no_headline(draft, page, roles, unit))
            if sized:
                decisions.extend(self._headline_in_largest_type(draft, page, roles, glyph))
        return draft.with_roles(roles).decide(*decisions) if roles else draft

    @staticmethod
    def _kicker_over_no_headline(
        draft: Draft, page: Sequence[Fragment], roles: dict[str, tuple[Role, float, str]], unit: float
    ) -> list[Decision]:
        """A "kicker" in display type over no headline is the headline; a title line right over it, smaller, its kicker.

        The text calls the first title line of a header a kicker when what follows is
        no headline it knows (a section heading, 回  信, then the text); set in display
        type, it is the article's headline (updates ``roles``).  A kicker by its words
        (closing ——) stays one.
        """
        profile = draft.profile
        role = partial(_current_role, roles)
        decisions: list[Decision] = []
        seq = [f for f in page if role(f) is not Role.FURNITURE and f.bbox is not None]
        for i, f in enumerate(seq):
            if role(f) is not Role.KICKER or not _display_type(f, unit) or profile.is_kicker(draft.text(f.id)):
                continue
            if i + 1 < len(seq) and role(seq[i + 1]) is Role.HEADLINE:
                continue  # a kicker over its headline
            why = "a header line in display type over no headline: the headline"
            decisions.append(_retype(roles, f.id, Role.HEADLINE, 0.7, why, f"headline, not a kicker: {why}"))
            above = seq[i - 1] if i else None
            if (
                above is not None
                and role(above) in (Role.HEADING, Role.PARAGRAPH)
                and len(above.lines) == 1
                and profile.is_title_like(draft.text(above.id))
                and (line_height(above) or 0.0) < (line_height(f) or 0.0)
                and above.bbox.y1 <= f.bbox.y0 <= above.bbox.y1 + 2 * unit  # type: ignore[union-attr]
                and min(above.bbox.x1, f.bbox.x1) > max(above.bbox.x0, f.bbox.x0)  # type: ignore[union-attr]
            ):
                why = "a title line in smaller type right over a headline: its kicker"
                decisions.append(_retype(roles, above.id, Role.KICKER, 0.7, why, f"kicker: {why}"))
        return decisions

    @staticmethod
    def _headline_in_largest_type(
        draft: Draft, page: Sequence[Fragment], roles: dict[str, tuple[Role, float, str]], body: float | None = None
    ) -> list[Decision]:
        """In a header, the line set clearly larger than the headline is the headline (updates ``roles``).

        The text types header lines by their order (kicker, headline, deck); when it
        counts one line too many — a column's last line ending in a run-in ——, read
        as a kicker and retyped as running text above — every line under it is one
        role off: the kicker taken for the headline, the headline for its deck.
        Type settles it: a deck under the headline in :data:`DECK_RATIO` times its
        type is the headline (the former one its kicker), unless its words mark it a
        deck (it starts with ——).  The other way round — a "kicker" over the headline
        in larger type — a line over a headline may be the paper's name, a masthead;
        so only where the "headline" is set barely larger than the running text
        (:data:`DECK_MAX` times the body type ``body``, as decks are and headlines
        under a masthead are not), and the upper line is no kicker by its words (it
        ends with ——), is the upper line the headline and the lower its deck (a
        headline and deck without the deck's dashes: 广西发展绿色建筑 / 绿色建筑面积…).
        Square glyphs are measured by :func:`glyph_size`, other type by line height.
        """
        profile = draft.profile

        role = partial(_current_role, roles)

        decisions: list[Decision] = []
        seq = [f for f in page if role(f) is not Role.FURNITURE]
        for a, b in zip(seq, seq[1:]):
            if role(a) is not Role.HEADLINE or role(b) is not Role.SUBHEADLINE:
                continue
            # One measure for both lines: glyph sizes where both are square glyphs, else line heights.
            upper, lower = glyph_size(a), glyph_size(b)
            if not upper or not lower:
                upper, lower = line_height(a), line_height(b)
            if not upper or not lower or lower < DECK_RATIO * upper or profile.is_subheadline(draft.text(b.id)):
                continue
            why = f"the line under the headline is set {lower / upper:.2f}x larger: it is the headline"
            for f, value in ((a, Role.KICKER), (b, Role.HEADLINE)):
                decisions.append(_retype(roles, f.id, value, 0.7, why, f"{value.value}, not a {role(f).value}: {why}"))
        for a, b in zip(seq, seq[1:]) if body else ():
            if role(a) is not Role.KICKER or role(b) is not Role.HEADLINE or profile.is_kicker(draft.text(a.id)):
                continue
            upper, lower = glyph_size(a), glyph_size(b)
            if not upper or not lower or upper < DECK_RATIO * lower or lower > DECK_MAX * body:  # type: ignore[operator]
                continue
            why = f"the line over the headline is set {upper / lower:.2f}x larger, the headline barely larger than the text: a headline and its deck"
            for f, value in ((a, Role.HEADLINE), (b, Role.SUBHEADLINE)):
                decisions.append(_retype(roles, f.id, value, 0.7, why, f"{value.value}, not a {role(f).value}: {why}"))
        return decisions

    @staticmethod
    def _small_type_captions(
        draft: Draft, page: Sequence[Fragment], roles: dict[str, tuple[Role, float, str]], body: float
    ) -> list[Decision]:
        """Short complete sentences in smaller type than the running text are photo captions (updates ``roles``).

        A caption without a credit line ("上海博物馆人民广场馆外景。") reads like a
        one-sentence paragraph; its type gives it away.  Only for text set in
        square glyphs (CJK), whose size is measured directly: a line's width over
        its characters (:func:`glyph_size`), whatever the line count and leading.
        """
        decisions = []
        for f in page:
            size = glyph_size(f)
            if size is None or f.id in roles or f.role is not Role.PARAGRAPH or len(f.lines) > CAPTION_LINES:
                continue
            text = draft.text(f.id)
            if (
                size < SMALL_TYPE * body
                and CAPTION_MIN_CHARS <= len("".join(text.split())) <= CAPTION_CHARS
                and draft.profile.ends_paragraph(text)
            ):
                why = f"a short sentence in type {size / body:.2f}x the running text"
                decisions.append(_retype(roles, f.id, Role.CAPTION, 0.7, why, f"caption: {why}"))
        return decisions

    @staticmethod
    def _body_type_captions(page: Sequence[Fragment], roles: dict[str, tuple[Role, float, str]], body: float) -> list[Decision]:
        """A paragraph the text took for a caption, only for standing over a credit, is running text when it is set
        in the running text's type and longer than captions are (updates ``roles``).

        Over a drawing's credit alone (洪 琥绘（人民视觉）) the column's last paragraph stands as a caption
        would; a caption is set smaller, in a few lines.
        """
        decisions = []
        for f in page:
            size = glyph_size(f)
            if (
                size is None
                or f.id in roles
                or f.role is not Role.CAPTION
                or f.role_reason != ABOVE_A_CREDIT
                or len(f.lines) <= CAPTION_LINES
                or size < SMALL_TYPE * body
            ):
                continue
            why = f"{len(f.lines)} lines in the running text's type ({size / body:.2f}x): a paragraph, not a caption"
            decisions.append(_retype(roles, f.id, Role.PARAGRAPH, 0.7, why, f"paragraph, not a caption: {why}"))
        return decisions

    @staticmethod
    def _indented_one_liners(page: Sequence[Fragment], roles: dict[str, tuple[Role, float, str]], body: float) -> list[Decision]:
        """A line the text took for a section heading is a one-line paragraph when it is set in the running text's
        type and indented from its column's edge as a paragraph's first line is (updates ``roles``).

        A short question standing alone in running text (这种精度是如何实现的？) reads as a heading
        (小标题) to the text; but a heading is set flush or centred, and this one starts a paragraph's
        indent in, its right side ragged.  The column's edge is where the running text's blocks of
        several lines around it start (their lines after the first are flush).
        """
        columns = running_text_boxes(page)
        decisions = []
        for f in page:
            box, size = f.bbox, glyph_size(f)
            if box is None or size is None or f.id in roles or f.role is not Role.HEADING or len(f.lines) != 1:
                continue
            if abs(size - body) > (1 - SMALL_TYPE) * body:
                continue  # not the running text's type
            # Columns under it or above it: running text starting at most an indent and a glyph left of it.
            edges = [c.x0 for c in columns if 0 <= box.x0 - c.x0 <= (PARAGRAPH_INDENT[1] + 1) * size and c.x1 > box.x1]
            if not edges:
                continue
            edge = max(edges)
            right = min(c.x1 for c in columns if c.x0 == edge)
            indent = (box.x0 - edge) / size
            centred = abs((box.x0 - edge) - (right - box.x1)) <= size
            if not PARAGRAPH_INDENT[0] <= indent <= PARAGRAPH_INDENT[1] or centred:
                continue
            why = f"a line of running text's type set {indent:.1f} glyphs in from its column's edge, as a paragraph opens"
            decisions.append(_retype(roles, f.id, Role.PARAGRAPH, 0.7, why, f"paragraph, not a heading: {why}"))
        return decisions

    @staticmethod
    def _running_text_headers(
        page: Sequence[Fragment], roles: dict[str, tuple[Role, float, str]], unit: float
    ) -> list[Decision]:
        """Kicker or headline lines set like running text are running text (updates ``roles``).

        The text alone takes a line ending in —— for a kicker and the short
        line after it for a headline; but a block in body type whose lines run
        from a column's left edge to its right edge is that column's text — a
        run-in lead ("算电协同……——") and the first line of the paragraph cut at
        the column's foot — since headers are set in display type or centred,
        not justified to a column in body type.  A kicker stays one when a
        headline in display type follows it.  (The line the text took for the
        headline under such a kicker, when not justified itself, is a section
        heading: see :meth:`_body_type_headlines`.)
        """
        columns = running_text_boxes(page)

        def body_type(f: Fragment) -> bool:
            height = line_height(f)
            return height is not None and height < LARGE_TYPE * unit

        def larger(f: Fragment, than: Fragment) -> bool:
            """``f`` is set in display type, or in square glyphs :data:`LARGE_TYPE` times ``than``'s (tight leading)."""
            size, own = glyph_size(f), glyph_size(than)
            return not body_type(f) or bool(size and own and size >= LARGE_TYPE * own)

        decisions = []
        for k, f in enumerate(page):
            if f.bbox is None or f.id in roles or f.role not in (Role.KICKER, Role.HEADLINE) or not body_type(f):
                continue
            if not justified(f.bbox, columns, ROW_ALIGN * unit):
                continue
            # A long kicker fills its column, but a headline in larger type follows it.
            following = next((g for g in page[k + 1 :] if g.role is not Role.FURNITURE), None)
            if f.role is Role.KICKER and following is not None and larger(following, f):
                continue
            why = "set in body type from edge to edge of a column, like the running text"
            decisions.append(_retype(roles, f.id, Role.PARAGRAPH, 0.7, why, f"paragraph, not a {f.role.value}: {why}"))
        return decisions

    @staticmethod
    def _body_type_headlines(
        page: Sequence[Fragment], roles: dict[str, tuple[Role, float, str]], unit: float, body: float
    ) -> list[Decision]:
        """In Chinese text, a headline set in the running text's type heads a section, not an article (updates ``roles``).

        Chinese papers set headlines in display type.  A title line in the type of
        the running text, with a short line above it and a byline under it (the
        place and title of one report of a composite page: 重庆开州 / 一张戏票聚人气
        / 本报记者 沈靖然, under the page's headline), was taken for a new article by
        its words alone; it is a part of the article it stands in.  Its kicker-like
        line above heads the section with it, and the byline under it is running text.
        Only square glyphs are measured (:func:`glyph_size`), so Latin pages keep
        their headlines in body type.
        """
        
        role = partial(_current_role, roles)

        def body_type(f: Fragment) -> bool:
            size, height = glyph_size(f), line_height(f)
            return size is not None and size <= BODY_TYPE * body and height is not None and height < LARGE_TYPE * unit

        decisions: list[Decision] = []
        seq = [f for f in page if role(f) is not Role.FURNITURE]
        for k, f in enumerate(seq):
            if role(f) is not Role.HEADLINE or f.bbox is None or not body_type(f):
                continue
            why = "a headline in the running text's type: the title of a section of the article it stands in"
            changed = [(f, Role.HEADING)]
            if k > 0 and role(seq[k - 1]) is Role.KICKER and body_type(seq[k - 1]):
                changed.append((seq[k - 1], Role.HEADING))
            if k + 1 < len(seq) and role(seq[k + 1]) is Role.BYLINE:
                changed.append((seq[k + 1], Role.PARAGRAPH))
            for g, new_role in changed:
                decisions.append(_retype(roles, g.id, new_role, 0.6, why, f"{new_role.value}, not a {g.role.value}: {why}"))
        return decisions

    @staticmethod
    def _stacks(
        page: Sequence[Fragment], roles: dict[str, tuple[Role, float, str]], unit: float, glyph: float | None = None
    ) -> list[Decision]:
        """Two headlines stacked with nothing between them are one header: kicker + headline, or headline + deck.

        A kicker the text knew only by its place over the headline, set in type larger than the running
        text's (``glyph``) right over a headline in display type, is confirmed (:data:`STACKED_KICKER`).
        A strap line over a headline ("WEST INDIES." over "TRIAL OF THE
        REBELS.") or a deck under it looks like a headline of its own, and
        each would open an article with nothing in the first.  When the next
        block in reading order after a headline is another headline right
        under it (within :data:`STACK_GAP` body lines, centred on it or flush
        with it), the two are one header: the lower one is the headline unless
        the upper is set in clearly larger type (:data:`DECK_RATIO`), which
        makes the lower one its deck (subheadline).  A third line under a
        finished pair is a deck too.
        """

        role = partial(_current_role, roles)

        decisions: list[Decision] = []
        paired: set[str] = set()  # headlines that already have their kicker: a line under them is a deck
        seq = [f for f in page if f.bbox is not None and role(f) is not Role.FURNITURE]
        for a, b in zip(seq, seq[1:]):
            if role(b) is not Role.HEADLINE or not _stacked(a.bbox, b.bbox, unit):  # type: ignore[arg-type]
                continue
            if role(a) is Role.KICKER:
                size = glyph_size(a)
                if not _display_type(b, unit) or glyph is None or size is None or size <= BODY_TYPE * glyph:
                    # A title over a line in the running text's type is a section's, not a header; and a line in
                    # the running text's type over a headline may be a column's last (国家发展改革委有关负责同志表).
                    continue
                # The text's kicker (a line without dashes, known by its place over the headline): the layout
                # confirms it, so no later step reads it as a frame's last line emitted before a header.
                roles[a.id] = (Role.KICKER, max(a.role_confidence, 0.8), STACKED_KICKER)
                paired.add(b.id)
                why, confidence = "kicker stacked over its headline", 0.8
            elif role(a) is not Role.HEADLINE:
                continue
            elif a.id in paired or (line_height(a) or 0.0) >= DECK_RATIO * (line_height(b) or 0.0):
                # The upper block is already a pair's headline, or set larger: the lower one is its deck.
                roles[b.id] = (Role.SUBHEADLINE, 0.7, "deck: stacked under a headline in smaller type")
                why, confidence = "deck stacked under its headline", 0.7
            else:
                roles[a.id] = (Role.KICKER, 0.7, STACKED_KICKER)
                roles[b.id] = (Role.HEADLINE, 0.7, "header line (under its kicker)")
                paired.add(b.id)
                why, confidence = "kicker stacked over its headline", 0.7
            decisions.append(Decision(step=LayoutRoles.name, kind="role", subjects=(a.id, b.id), confidence=confidence, reason=why))
        return decisions

    @staticmethod
    def _text_below(page: Sequence[Fragment], k: int, roles: dict[str, tuple[Role, float, str]]) -> Fragment | None:
        """The next block in reading order if it is text under this one, or a line the text took for a kicker (noise tagged in ``roles`` skipped)."""
        for f in page[k + 1 :]:
            if f.role is Role.FURNITURE or (f.id in roles and roles[f.id][0] is Role.FURNITURE):
                continue
            return f if f.bbox is not None and f.role in (Role.PARAGRAPH, Role.HEADING, Role.BYLINE, Role.KICKER) else None
        return None

    @staticmethod
    def _evidence(f: Fragment, below: Fragment, unit: float | None) -> str | None:
        """Why the layout says ``f`` is a headline (None if it does not)."""
        box, col = f.bbox, below.bbox
        assert box is not None and col is not None
        height = line_height(f)
        if unit and height and LARGE_TYPE * unit <= height <= HUGE_TYPE * unit:
            return f"type {height / unit:.1f}× the running text"
        width = col.x1 - col.x0
        if width <= 0 or box.y0 > col.y0:
            return None
        left, right = box.x0 - col.x0, col.x1 - box.x1
        if glyph_size(f) and not _display_type(below, unit):
            # Chinese papers set headlines in display type: a line in body type centred over running text
            # is a section heading (小标题), or a one-line paragraph indented like the others.  (Centred
            # over a headline in display type, it is that headline's kicker.)
            return None
        if (box.x1 - box.x0) <= NARROW * width and left > 0 and right > 0 and abs(left - right) <= CENTRE_TOLERANCE * width:
            return "centred over the text below"
        return None
