"""The JSON interchange format: the model's lossless serialization, to and from plain dicts.

Shape (``format`` = ``newsarchive-page``, ``version`` = ``1.0``)::

    {"format", "version", "meta": {...}, "items": [...], "unplaced": [...],
     "fragments": [...], "decisions": [...], "warnings": [...]}

A reader of this format refuses another major version.
"""

from __future__ import annotations

from typing import Any

from .model import (
    Article,
    BBox,
    Block,
    BlockType,
    Byline,
    Credit,
    Decision,
    Fragment,
    Page,
    PageMeta,
    Photo,
    Role,
    Unplaced,
    Warning,
)

FORMAT = "newsarchive-page"
VERSION = "1.0"


def _credit(credit: Credit | None) -> dict[str, Any] | None:
    if credit is None:
        return None
    return {
        "text": credit.text,
        "photographers": list(credit.photographers),
        "agency": credit.agency,
        "fragments": list(credit.fragments),
    }


def _photo(photo: Photo, *, standalone: bool) -> dict[str, Any]:
    out: dict[str, Any] = {"type": "photo"} if standalone else {}
    out.update(
        title=photo.title,
        caption=photo.caption,
        credit=_credit(photo.credit),
        fragments=list(photo.fragments),
        confidence=photo.confidence,
    )
    return out


def _bbox(bbox: BBox | None) -> list[float] | None:
    return None if bbox is None else [bbox.x0, bbox.y0, bbox.x1, bbox.y1]


def _warning(warning: Warning) -> dict[str, Any]:
    out: dict[str, Any] = {"code": warning.code, "message": warning.message, "source": warning.source}
    if warning.removed:
        out["removed"] = [[char, count] for char, count in warning.removed]
    return out


def page_to_dict(page: Page) -> dict[str, Any]:
    """The page as JSON-ready dicts and lists."""
    meta = page.meta
    items: list[dict[str, Any]] = []
    for item in page.items:
        if isinstance(item, Photo):
            items.append(_photo(item, standalone=True))
            continue
        byline = item.byline
        items.append(
            {
                "type": "article",
                "kicker": item.kicker,
                "headline": item.headline,
                "subheadline": item.subheadline,
                "byline": None
                if byline is None
                else {
                    "text": byline.text,
                    "role": byline.role,
                    "names": list(byline.names),
                    "fragments": list(byline.fragments),
                },
                "dateline": item.dateline,
                "blocks": [
                    {
                        "type": block.type.value,
                        "text": block.text,
                        "fragments": list(block.fragments),
                        "confidence": block.confidence,
                    }
                    for block in item.blocks
                ],
                "photos": [_photo(p, standalone=False) for p in item.photos],
                "header_fragments": list(item.header_fragments),
                "confidence": item.confidence,
            }
        )
    return {
        "format": FORMAT,
        "version": VERSION,
        "meta": {
            "publication": meta.publication,
            "date": meta.date,
            "page_number": meta.page_number,
            "page_name": meta.page_name,
            "language": meta.language,
            "source": meta.source,
            "encoding": meta.encoding,
        },
        "items": items,
        "unplaced": [
            {"text": u.text, "fragments": list(u.fragments), "reason": u.reason} for u in page.unplaced
        ],
        "fragments": [
            {
                "id": f.id,
                "text": f.text,
                "lines": list(f.lines),
                "start": f.start,
                "end": f.end,
                "line": f.line,
                "gap_before": f.gap_before,
                "page": f.page,
                "bbox": _bbox(f.bbox),
                "role": f.role.value,
                "role_confidence": f.role_confidence,
                "role_reason": f.role_reason,
            }
            for f in page.fragments
        ],
        "decisions": [
            {
                "step": d.step,
                "kind": d.kind,
                "subjects": list(d.subjects),
                "confidence": d.confidence,
                "reason": d.reason,
            }
            for d in page.decisions
        ],
        "warnings": [_warning(w) for w in page.warnings],
    }


def _credit_from(data: dict[str, Any] | None) -> Credit | None:
    if data is None:
        return None
    return Credit(
        text=data["text"],
        photographers=tuple(data.get("photographers", ())),
        agency=data.get("agency"),
        fragments=tuple(data.get("fragments", ())),
    )


def _photo_from(data: dict[str, Any]) -> Photo:
    return Photo(
        title=data.get("title"),
        caption=data.get("caption"),
        credit=_credit_from(data.get("credit")),
        fragments=tuple(data.get("fragments", ())),
        confidence=float(data.get("confidence", 1.0)),
    )


def page_from_dict(data: dict[str, Any]) -> Page:
    """Rebuild a page from :func:`page_to_dict` output (KeyError/ValueError on a malformed dict)."""
    if data.get("format") != FORMAT:
        raise ValueError(f"not a {FORMAT} document (format={data.get('format')!r})")
    major = str(data.get("version", "")).split(".")[0]
    if major != VERSION.split(".")[0]:
        raise ValueError(f"unsupported {FORMAT} version {data.get('version')!r} (this is {VERSION})")
    m = data.get("meta") or {}
    meta = PageMeta(
        publication=m.get("publication"),
        date=m.get("date"),
        page_number=m.get("page_number"),
        page_name=m.get("page_name"),
        language=m.get("language") or "zh-CN",
        source=m.get("source"),
        encoding=m.get("encoding"),
    )
    items = tuple(_item_from(it) for it in data.get("items", []))
    return Page(
        meta=meta,
        fragments=tuple(_fragment_from(f) for f in data.get("fragments", [])),
        items=items,
        unplaced=tuple(
            Unplaced(text=u["text"], fragments=tuple(u.get("fragments", ())), reason=u.get("reason", ""))
            for u in data.get("unplaced", [])
        ),
        decisions=tuple(
            Decision(
                step=d["step"],
                kind=d["kind"],
                subjects=tuple(d.get("subjects", ())),
                confidence=float(d["confidence"]),
                reason=d.get("reason", ""),
            )
            for d in data.get("decisions", [])
        ),
        warnings=tuple(
            Warning(
                code=w["code"],
                message=w["message"],
                source=w.get("source"),
                removed=tuple((str(char), int(count)) for char, count in w.get("removed", ())),
            )
            for w in data.get("warnings", [])
        ),
    )


def _item_from(it: dict[str, Any]) -> Article | Photo:
    """An item of the page (an article, or a standalone photo) from its dict."""
    if it.get("type") == "photo":
        return _photo_from(it)
    if it.get("type") != "article":
        raise ValueError(f"unknown item type {it.get('type')!r}")
    by = it.get("byline")
    return Article(
        kicker=it.get("kicker"),
        headline=it.get("headline"),
        subheadline=it.get("subheadline"),
        byline=None
        if by is None
        else Byline(
            text=by["text"],
            role=by.get("role"),
            names=tuple(by.get("names", ())),
            fragments=tuple(by.get("fragments", ())),
        ),
        dateline=it.get("dateline"),
        blocks=tuple(
            Block(
                type=BlockType(b["type"]),
                text=b["text"],
                fragments=tuple(b.get("fragments", ())),
                confidence=float(b.get("confidence", 1.0)),
            )
            for b in it.get("blocks", [])
        ),
        photos=tuple(_photo_from(p) for p in it.get("photos", [])),
        header_fragments=tuple(it.get("header_fragments", ())),
        confidence=float(it.get("confidence", 1.0)),
    )


def _fragment_from(f: dict[str, Any]) -> Fragment:
    """A fragment, with its provenance and role, from its dict."""
    return Fragment(
        id=f["id"],
        text=f["text"],
        lines=tuple(f.get("lines") or f["text"].split("\n")),
        start=int(f.get("start", 0)),
        end=int(f.get("end", 0)),
        line=int(f.get("line", 0)),
        gap_before=int(f.get("gap_before", 0)),
        page=f.get("page"),
        bbox=None if f.get("bbox") is None else BBox(x0=f["bbox"][0], y0=f["bbox"][1], x1=f["bbox"][2], y1=f["bbox"][3]),
        role=Role(f.get("role", "unknown")),
        role_confidence=float(f.get("role_confidence", 0.0)),
        role_reason=f.get("role_reason", ""),
    )
