"""Turn the final draft into the :class:`~newsarchive.model.Page` (runs after every transform).

Joined fragments become one paragraph; headings stay blocks of their own;
every fragment the transforms did not place is kept as unplaced text, so the
page accounts for every character of the input.
"""

from __future__ import annotations

import math
from typing import Sequence

from ..model import (
    Article,
    Block,
    BlockType,
    Byline,
    Credit,
    Decision,
    Page,
    Photo,
    Role,
    Unplaced,
    Warning,
)
from . import ArticleDraft, Draft, Join, PhotoDraft


def _photo(draft: Draft, photo: PhotoDraft) -> Photo:
    profile = draft.profile
    credit = None
    if photo.credit:
        text = profile.join_lines(tuple(draft.text(f) for f in photo.credit))
        parsed = profile.parse_credit(text)
        credit = Credit(
            text=text,
            photographers=parsed.photographers if parsed else (),
            agency=parsed.agency if parsed else None,
            fragments=photo.credit,
        )
    caption = profile.join_lines(tuple(draft.text(f) for f in photo.caption)) if photo.caption else None
    return Photo(
        title=draft.text(photo.title) if photo.title else None,
        caption=caption,
        credit=credit,
        fragments=photo.fragment_ids,
        confidence=photo.confidence,
    )


def _placement(draft: Draft, ids: tuple[str, ...], laid_out: bool) -> tuple[float, ...]:
    """Where an item stands on the page: (page, top, bottom, left, reading position).

    On a laid-out page (fragments with boxes) the box of its header (or of its
    first fragments); elsewhere only the reading position of its first fragment.
    """
    start = float(min((draft.index[i] for i in ids), default=0))
    if not laid_out:
        return (0, start, start, 0, start)
    boxes = [(f.page or 0, f.bbox) for f in map(draft.fragment, ids) if f.bbox is not None]
    if not boxes:  # no box to place it by (a reader could not place these fragments): after the boxed items
        return (math.inf, math.inf, math.inf, math.inf, start)
    page = min(page for page, _ in boxes)
    top = [box for p, box in boxes if p == page]
    return (page, min(b.y0 for b in top), max(b.y1 for b in top), min(b.x0 for b in top), start)


def _in_page_order(places: list[tuple[float, ...]]) -> list[int]:
    """Indices of the items' places in the order publishers list a page's articles.

    Top first, page by page; headers side by side — the next one starts before
    the first one of its band ends — are read left to right, though a kicker
    sets one a line higher.  The reading order reads a tall article's columns to
    their foot before the article beside its headline, so the items are listed
    by their headers, not by their text.  (Without boxes: reading order.)
    """
    by_top = sorted(range(len(places)), key=lambda k: (places[k][0], places[k][1], places[k][3], places[k][4]))
    order: list[int] = []
    band: list[int] = []
    for k in by_top:
        page, top = places[k][0], places[k][1]
        if band and (page != places[band[0]][0] or top >= places[band[0]][2]):
            order.extend(sorted(band, key=lambda j: (places[j][3], places[j][1], places[j][4])))
            band = []
        band.append(k)
    order.extend(sorted(band, key=lambda j: (places[j][3], places[j][1], places[j][4])))
    return order


def assemble(draft: Draft) -> Page:
    """Build the page: items in order (see :func:`_placement`), unplaced leftovers, decisions and warnings."""
    tail_of = {j.head: j for j in draft.joins}
    # A block is no surer than the doubts recorded on its first piece (doubt-openings) ...
    doubt_of: dict[str, float] = {}
    for d in draft.decisions:
        if d.kind == "doubt":
            doubt_of[d.subjects[0]] = min(d.confidence, doubt_of.get(d.subjects[0], 1.0))
        elif d.kind == "assign":  # ... and no surer than the choice of its article (assign-fragments)
            for fid in d.subjects:
                doubt_of[fid] = min(d.confidence, doubt_of.get(fid, 1.0))
    used: list[str] = []
    laid_out = draft.laid_out
    positioned: list[tuple[tuple[float, ...], Article | Photo]] = []
    for number, art in enumerate(draft.articles):
        article = _article(draft, number, art, _blocks(draft, art.body, tail_of, doubt_of))
        used.extend(art.header_ids)
        used.extend(art.body)
        for p in draft.photos:
            if p.article == number:
                used.extend(p.fragment_ids)
        # On a laid-out page an article stands where its display lines do: a byline under a headline
        # reaches down beside the next article's headline, set a little lower, which is not beside it.
        display = tuple(i for i in (art.kicker, art.headline, art.subheadline) if i)
        where = (display or art.header_ids or art.body) if laid_out else art.header_ids + art.body
        positioned.append((_placement(draft, tuple(where), laid_out), article))
    for p in draft.photos:
        if p.article is None:
            used.extend(p.fragment_ids)
            positioned.append((_placement(draft, p.fragment_ids[:1], laid_out), _photo(draft, p)))
    positioned = [positioned[k] for k in _in_page_order([place for place, _ in positioned])]
    warnings, unplaced = _leftovers(draft, used)
    decisions = list(draft.decisions)
    decisions.extend(
        Decision(step="assemble", kind="unplaced", subjects=u.fragments, confidence=1.0, reason=u.reason) for u in unplaced
    )
    return Page(
        meta=draft.meta,
        fragments=draft.fragments,
        items=tuple(item for _, item in positioned),
        unplaced=tuple(unplaced),
        decisions=tuple(decisions),
        warnings=tuple(warnings),
    )


def _blocks(draft: Draft, body: Sequence[str], tail_of: dict[str, Join], doubt_of: dict[str, float]) -> list[Block]:
    """An article's body as blocks: each paragraph's joined pieces in one, section headings alone."""
    profile = draft.profile
    blocks: list[Block] = []
    k = 0
    while k < len(body):
        fid = body[k]
        frag = draft.fragment(fid)
        ids = [fid]
        text = draft.text(fid)
        confidence = frag.role_confidence if frag.role is Role.HEADING else doubt_of.get(fid, 1.0)
        while ids[-1] in tail_of and k + 1 < len(body) and body[k + 1] == tail_of[ids[-1]].tail:
            join = tail_of[ids[-1]]
            k += 1
            ids.append(join.tail)
            text = profile.join(text, draft.text(join.tail))
            confidence = min(confidence, join.confidence)
        if frag.role is Role.HEADING and all(draft.fragment(t).role is Role.HEADING for t in ids[1:]):
            kind = BlockType.HEADING  # one piece, or a heading with its rest wrapped onto a line of its own (join-cuts)
        else:
            kind = BlockType.PARAGRAPH
            # A paragraph that stops mid-sentence, or opens so, is a piece whose other part was not found.
            if not profile.ends_paragraph(text) or profile.opens_mid_sentence(text):
                confidence = min(confidence, 0.4)
        blocks.append(Block(type=kind, text=text, fragments=tuple(ids), confidence=round(confidence, 3)))
        k += 1
    return blocks


def _byline(draft: Draft, fragment_id: str) -> Byline:
    """The byline fragment as a Byline, its names parsed."""
    # A line break in a byline separates names (方 / 敏 朱佩娴), never a word: keep it as a space;
    # but a name set vertically, a character a line (李 / 龙 / 伊), is one name.
    lines = [line.strip() for line in draft.fragment(fragment_id).lines if line.strip()]
    text = "".join(lines) if len(lines) > 1 and all(len(line) == 1 for line in lines) else " ".join(lines)
    parsed = draft.profile.parse_byline(text, after_headline=True)
    return Byline(
        text=text,
        role=parsed.role if parsed else None,
        names=parsed.names if parsed else (),
        fragments=(fragment_id,),
    )


def _article(draft: Draft, number: int, art: ArticleDraft, blocks: list[Block]) -> Article:
    """The article ``number`` of the draft, with its blocks, header fields and photos."""
    first_paragraph = next((b for b in blocks if b.type is BlockType.PARAGRAPH), None)
    return Article(
        kicker=draft.text(art.kicker) if art.kicker else None,
        headline=draft.text(art.headline) if art.headline else None,
        subheadline=draft.text(art.subheadline) if art.subheadline else None,
        byline=_byline(draft, art.byline) if art.byline else None,
        dateline=draft.profile.dateline(first_paragraph.text) if first_paragraph else None,
        blocks=tuple(blocks),
        photos=tuple(_photo(draft, p) for p in draft.photos if p.article == number),
        header_fragments=tuple(i for i in (art.kicker, art.headline, art.subheadline) if i),
        confidence=round(min([art.confidence] + [b.confidence for b in blocks]), 3),
    )


def _leftovers(draft: Draft, used: list[str]) -> tuple[list[Warning], list[Unplaced]]:
    """The draft's warnings, with one for each fragment placed twice, and the fragments placed nowhere."""
    warnings = list(draft.warnings)
    seen: set[str] = set()
    for fid in used:
        if fid in seen:  # a transform bug; keep going, but say so
            warnings.append(Warning(code="fragment-reused", message=f"fragment {fid} placed twice", source=draft.meta.source))
        seen.add(fid)
    unplaced = []
    for frag in draft.fragments:
        if frag.id not in seen:
            reason = "page furniture" if frag.role is Role.FURNITURE else f"not placed ({frag.role.value})"
            unplaced.append(Unplaced(text=draft.text(frag.id), fragments=(frag.id,), reason=reason))
    return warnings, unplaced
