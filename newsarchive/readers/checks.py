"""Checks every reader applies to the page metadata it returns.

The metadata comes from command-line options or from a JSON document, and the
writers put it into typed places (``dc:date``, ``xml:lang``, the JSON Schema's
patterns): a value that cannot go there is refused here, with one clear line,
rather than producing an output that does not validate.
"""

from __future__ import annotations

import datetime as _dt
import re

from ..errors import ReadError
from ..languages import LANGUAGE_TAG
from ..model import PageMeta

ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def check_meta(meta: PageMeta) -> None:
    """Raise :class:`ReadError` (naming the input) for a language or date the outputs cannot carry."""
    if not LANGUAGE_TAG.fullmatch(meta.language):
        raise ReadError(f"language {meta.language[:40]!r} is not a BCP 47 language tag (e.g. zh-CN)", source=meta.source)
    if meta.date is not None:
        try:
            valid = bool(ISO_DATE.fullmatch(meta.date)) and bool(_dt.date.fromisoformat(meta.date))
        except ValueError:
            valid = False
        if not valid:
            raise ReadError(f"date {meta.date[:40]!r} is not a calendar date YYYY-MM-DD", source=meta.source)
