"""The JSON writer: the model's lossless serialization (see :mod:`newsarchive.serialize`)."""

from __future__ import annotations

import json
from typing import ClassVar

from ..model import Page
from ..serialize import page_to_dict
from . import WriteResult


class JsonWriter:
    """Write the page as ``newsarchive-page`` JSON (UTF-8, sorted nothing, stable indentation)."""

    name: ClassVar[str] = "json"
    media_type: ClassVar[str] = "application/json"
    file_extension: ClassVar[str] = ".json"

    def write(self, page: Page) -> WriteResult:
        """Serialize the page; lone surrogates are escaped by ``ensure_ascii=False`` safely via surrogatepass."""
        text = json.dumps(page_to_dict(page), ensure_ascii=False, indent=2) + "\n"
        return WriteResult(data=text.encode("utf-8", "surrogatepass"))
