"""Read newsarchive's own JSON back: its fragments (with provenance) and metadata.

Reconstruction then runs again on the fragments, so converting a page's JSON
gives the same result as converting the original page (idempotence).
"""

from __future__ import annotations

import json
from dataclasses import replace
from typing import ClassVar

from ..errors import ReadError
from ..model import Fragment, Page, PageMeta, Role
from ..serialize import FORMAT, page_from_dict


class JsonReader:
    """Read a ``newsarchive-page`` JSON document."""

    name: ClassVar[str] = "json"

    @classmethod
    def sniff(cls, data: bytes) -> bool:
        """A JSON object that names the newsarchive-page format near its start."""
        head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n")
        return head.startswith(b"{") and FORMAT.encode() in data[:4096]

    def read(self, data: bytes, *, meta: PageMeta, encoding: str | None = None) -> Page:
        """Parse the JSON; fragments keep their ids, roles are recomputed by reconstruction."""
        try:
            doc = json.loads(data.decode(encoding or "utf-8-sig"))
            page = page_from_dict(doc)
        except UnicodeDecodeError as exc:
            raise ReadError(f"cannot decode JSON as UTF-8 at byte offset {exc.start}", source=meta.source) from None
        except json.JSONDecodeError as exc:
            raise ReadError(f"invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}", source=meta.source) from None
        except (KeyError, TypeError, ValueError, IndexError) as exc:
            raise ReadError(f"not a valid newsarchive-page document: {exc}", source=meta.source) from None
        if not page.fragments:
            raise ReadError("the JSON document has no fragments to reconstruct from", source=meta.source)
        stored = page.meta
        merged = PageMeta(
            publication=meta.publication or stored.publication,
            date=meta.date or stored.date,
            page_number=meta.page_number if meta.page_number is not None else stored.page_number,
            page_name=meta.page_name or stored.page_name,
            language=stored.language if meta.language == PageMeta().language else meta.language,
            source=stored.source or meta.source,
            encoding=stored.encoding,
        )
        fragments: tuple[Fragment, ...] = tuple(
            replace(f, role=Role.UNKNOWN, role_confidence=0.0, role_reason="") for f in page.fragments
        )
        return Page(meta=merged, fragments=fragments, warnings=page.warnings)
