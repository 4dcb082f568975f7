"""The JSON writer: the model's lossless serialization (see :mod:`newsarchive.serialize`)."""

from __future__ import annotations

import json
import re
from typing import ClassVar

from ..model import Page, Warning
from ..serialize import page_to_dict
from . import WriteResult

_SURROGATE = re.compile("[\ud800-\udfff]")


def _escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


class JsonWriter:
    """Write the page as ``newsarchive-page`` JSON (UTF-8, sorted nothing, stable indentation)."""

    name: ClassVar[str] = "json"
    media_type: ClassVar[str] = "application/json"
    file_extension: ClassVar[str] = ".json"

    def write(self, page: Page) -> WriteResult:
        """Serialize the page as strict UTF-8; lone surrogates are written as ``\\udXXX`` escapes.

        A lone surrogate (from ``"\\ud800"`` in JSON input) has no UTF-8 encoding:
        ``surrogatepass`` would write the bytes ED A0 80, which no UTF-8 decoder
        accepts.  A JSON escape keeps the document valid UTF-8 and loses nothing
        (``json.loads`` gives the same string back), so it is reported but not
        removed.  Escapes only ever appear inside JSON strings, where the raw
        character stood.  (A high and a low lone surrogate that end up next to each
        other read back as the one character they encode, as in any JSON parser.)
        """
        text = json.dumps(page_to_dict(page), ensure_ascii=False, indent=2) + "\n"
        found = _SURROGATE.findall(text)
        warnings: tuple[Warning, ...] = ()
        if found:
            codes = ", ".join(sorted({f"U+{ord(c):04X}" for c in found}))
            warnings = (
                Warning(
                    code="lone-surrogate-escaped",
                    message=f"wrote {len(found)} lone surrogate(s) ({codes}) as JSON \\u escapes (they have no UTF-8 form)",
                ),
            )
            text = _SURROGATE.sub(_escape, text)
        return WriteResult(data=text.encode("utf-8"), warnings=warnings)
