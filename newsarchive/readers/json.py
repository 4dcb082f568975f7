"""Read newsarchive's own JSON back: its fragments (with provenance) and metadata.

Reconstruction then runs again on the fragments, so converting a page's JSON
gives the same result as converting the original page (idempotence).  Only the
parts reconstruction needs (``meta``, ``fragments``, ``warnings``) are read, and
they are checked field by field: the document may come from anywhere, and a
wrong type must be a :class:`ReadError` here rather than a crash deep inside a
transform.  Size, structure and nesting are bounded (:mod:`newsarchive.limits`);
numbers that JSON cannot represent (``NaN``, ``Infinity``, ``1e999``) are refused.
"""

from __future__ import annotations

import json
import math
from typing import Any, ClassVar

from .. import limits
from ..errors import ReadError
from ..model import BBox, Fragment, Page, PageMeta, Role, Warning
from ..serialize import FORMAT, VERSION
from . import sniff
from .checks import check_meta

_ROLES = {role.value for role in Role}


class _Invalid(ValueError):
    """A document that is JSON but not a usable newsarchive-page (message names the field)."""


def _reject_constant(name: str) -> Any:
    raise _Invalid(f"{name} is not a JSON number")


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _Invalid(f"number {text[:20]}{'…' if len(text) > 20 else ''} is out of range")
    return value


def _str(value: Any, where: str, *, optional: bool = False) -> str | None:
    if value is None and optional:
        return None
    if not isinstance(value, str):
        raise _Invalid(f"{where} must be a string{' or null' if optional else ''}")
    return value


def _int(value: Any, where: str, *, optional: bool = False, default: int = 0, minimum: int = -(2**63)) -> int | None:
    if value is None:
        if optional:
            return None
        return default
    # bool is an int subclass; true/false are not numbers here.
    if not isinstance(value, int) or isinstance(value, bool):
        raise _Invalid(f"{where} must be an integer")
    if value < minimum:
        raise _Invalid(f"{where} must be at least {minimum}")
    return value


def _number(value: Any, where: str, default: float) -> float:
    if value is None:
        return default
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        raise _Invalid(f"{where} must be a number")
    return float(value)


def _object(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _Invalid(f"{where} must be an object")
    return value


def _list(value: Any, where: str) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise _Invalid(f"{where} must be an array")
    return value


def _meta(doc: dict[str, Any]) -> PageMeta:
    m = _object(doc.get("meta") or {}, "meta")
    return PageMeta(
        publication=_str(m.get("publication"), "meta.publication", optional=True),
        date=_str(m.get("date"), "meta.date", optional=True),
        page_number=_int(m.get("page_number"), "meta.page_number", optional=True),
        page_name=_str(m.get("page_name"), "meta.page_name", optional=True),
        language=_str(m.get("language"), "meta.language", optional=True) or PageMeta().language,
        source=_str(m.get("source"), "meta.source", optional=True),
        encoding=_str(m.get("encoding"), "meta.encoding", optional=True),
    )


def _fragment(value: Any, n: int) -> Fragment:
    where = f"fragments[{n}]"
    f = _object(value, where)
    fid = _str(f.get("id"), f"{where}.id")
    assert fid is not None
    if not fid.strip():
        raise _Invalid(f"{where}.id must not be empty")
    text = _str(f.get("text"), f"{where}.text")
    assert text is not None
    lines = tuple(_str(line, f"{where}.lines[{k}]") or "" for k, line in enumerate(_list(f.get("lines"), f"{where}.lines")))
    # Reconstruction reads the lines, conservation counts the text: they must be the same characters
    # (every reader writes text = "\n".join(lines)), or text could be lost or invented.
    if lines and "\n".join(lines) != text:
        raise _Invalid(f"{where}.lines do not match {where}.text")
    bbox = None
    if f.get("bbox") is not None:
        box = _list(f["bbox"], f"{where}.bbox")
        if len(box) != 4:
            raise _Invalid(f"{where}.bbox must have 4 numbers")
        x0, y0, x1, y1 = (_number(v, f"{where}.bbox", 0.0) for v in box)
        bbox = BBox(x0=x0, y0=y0, x1=x1, y1=y1)
    role = f.get("role", "unknown")
    if not isinstance(role, str) or role not in _ROLES:
        raise _Invalid(f"{where}.role {str(role)[:40]!r} is not a role")
    _number(f.get("role_confidence"), f"{where}.role_confidence", 0.0)
    _str(f.get("role_reason", ""), f"{where}.role_reason")
    return Fragment(
        id=fid,
        text=text,
        lines=lines or tuple(text.split("\n")),
        start=_int(f.get("start"), f"{where}.start", minimum=0) or 0,
        end=_int(f.get("end"), f"{where}.end", minimum=0) or 0,
        line=_int(f.get("line"), f"{where}.line", minimum=0) or 0,
        gap_before=_int(f.get("gap_before"), f"{where}.gap_before", minimum=0) or 0,
        page=_int(f.get("page"), f"{where}.page", optional=True),
        bbox=bbox,
        # Roles are recomputed by reconstruction; the stored ones are only checked.
        role=Role.UNKNOWN,
    )


def _warning(value: Any, n: int) -> Warning:
    w = _object(value, f"warnings[{n}]")
    removed = []
    for k, pair in enumerate(_list(w.get("removed", []), f"warnings[{n}].removed")):
        where = f"warnings[{n}].removed[{k}]"
        items = _list(pair, where)
        if len(items) != 2:
            raise ReadError(f"{where} must be a [character, count] pair")
        removed.append((_str(items[0], where) or "", _int(items[1], where, minimum=1) or 1))
    return Warning(
        code=_str(w.get("code"), f"warnings[{n}].code") or "",
        message=_str(w.get("message"), f"warnings[{n}].message") or "",
        source=_str(w.get("source"), f"warnings[{n}].source", optional=True),
        removed=tuple(removed),
    )


def _parse(data: bytes, encoding: str | None, source: str | None) -> dict[str, Any]:
    """Decode and parse with bounded size, structure and nesting."""
    limits.check_input_size(len(data), limit=limits.MAX_JSON_BYTES, source=source)
    # Structural tokens bound the number of Python objects json.loads builds (and so its memory).
    tokens = data.count(b"{") + data.count(b"[") + data.count(b",")
    if tokens > limits.MAX_JSON_TOKENS:
        raise ReadError(
            f"JSON structure too large ({tokens:,} values; the limit is {limits.MAX_JSON_TOKENS:,})", source=source
        )
    try:
        text = data.decode(encoding or "utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ReadError(f"cannot decode JSON as {encoding or 'UTF-8'} at byte offset {exc.start}", source=source) from None
    except (LookupError, UnicodeError) as exc:
        raise ReadError(f"cannot decode JSON with encoding {encoding!r}: {exc}", source=source) from None
    if limits.json_nesting(text) > limits.MAX_JSON_DEPTH:
        raise ReadError(f"invalid JSON: nested too deeply (more than {limits.MAX_JSON_DEPTH} levels)", source=source)
    try:
        doc = json.loads(text, parse_constant=_reject_constant, parse_float=_finite_float)
    except json.JSONDecodeError as exc:
        raise ReadError(f"invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}", source=source) from None
    except RecursionError:
        raise ReadError("invalid JSON: nested too deeply", source=source) from None
    except ValueError as exc:  # _Invalid, or an integer with more digits than Python converts
        raise ReadError(f"invalid JSON: {exc}", source=source) from None
    if not isinstance(doc, dict):
        raise ReadError("not a newsarchive-page document: the JSON is not an object", source=source)
    return doc


class JsonReader:
    """Read a ``newsarchive-page`` JSON document."""

    name: ClassVar[str] = "json"

    @classmethod
    def sniff(cls, data: bytes) -> bool:
        """A JSON object that names the newsarchive-page format near its start."""
        return sniff.json(data)

    def read(self, data: bytes, *, meta: PageMeta, encoding: str | None = None) -> Page:
        """Parse the JSON; fragments keep their ids, roles are recomputed by reconstruction."""
        doc = _parse(data, encoding, meta.source)
        try:
            if doc.get("format") != FORMAT:
                raise _Invalid(f"not a {FORMAT} document (format={str(doc.get('format'))[:40]!r})")
            major = str(doc.get("version", "")).split(".")[0]
            if major != VERSION.split(".")[0]:
                raise _Invalid(f"unsupported {FORMAT} version {str(doc.get('version'))[:20]!r} (this is {VERSION})")
            stored = _meta(doc)
            raw_fragments = _list(doc.get("fragments"), "fragments")
            limits.check_fragment_count(len(raw_fragments), source=meta.source)
            fragments = tuple(_fragment(f, n) for n, f in enumerate(raw_fragments))
            warnings = tuple(_warning(w, n) for n, w in enumerate(_list(doc.get("warnings"), "warnings")))
        except _Invalid as exc:
            raise ReadError(f"not a valid newsarchive-page document: {exc}", source=meta.source) from None
        if not fragments:
            raise ReadError("the JSON document has no fragments to reconstruct from", source=meta.source)
        seen: set[str] = set()
        for fragment in fragments:
            # Transforms look fragments up by id: a repeated id would make one text stand for two.
            if fragment.id in seen:
                raise ReadError(f"fragment id {fragment.id[:40]!r} is used more than once", source=meta.source)
            seen.add(fragment.id)
        merged = PageMeta(
            publication=meta.publication or stored.publication,
            date=meta.date or stored.date,
            page_number=meta.page_number if meta.page_number is not None else stored.page_number,
            page_name=meta.page_name or stored.page_name,
            language=stored.language if meta.language == PageMeta().language else meta.language,
            source=stored.source or meta.source,
            encoding=stored.encoding,
        )
        check_meta(merged)
        return Page(meta=merged, fragments=fragments, warnings=warnings)
