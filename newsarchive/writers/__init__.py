"""Writers: turn a reconstructed :class:`~newsarchive.model.Page` into bytes.

A writer is a class with the attributes below and a pure ``write`` method; it
does no I/O of its own (the CLI owns the destination and writes atomically).
Register one under the ``newsarchive.writers`` entry-point group.
"""

from __future__ import annotations

import functools
import os
import re
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, Iterable, Protocol

from ..model import Page, Warning

if TYPE_CHECKING:
    from .zipfiles import normalize_zip, zip_entries  # noqa: F401  (loaded by __getattr__ below)


class Writer(Protocol):
    """What every writer provides."""

    name: ClassVar[str]
    media_type: ClassVar[str]
    file_extension: ClassVar[str]  # with the dot, e.g. ".xml"

    def write(self, page: Page) -> "WriteResult":
        """Render the page; never touches the file system."""
        ...


@dataclass(frozen=True, slots=True)
class WriteResult:
    """A writer's output bytes plus the warnings it produced (as data)."""

    data: bytes
    warnings: tuple[Warning, ...] = ()


XML_ILLEGAL_REMOVED = "xml-illegal-removed"


@functools.cache
def _xml_illegal() -> re.Pattern[str]:
    """Characters XML 1.0 forbids (and python-docx rejects); U+FFFE/U+FFFF are non-characters.

    Compiled on first use: the class with the surrogate range takes about 1 ms to
    compile, which a ``--to json`` start-up would pay for nothing.
    """
    return re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_safe(text: str, where: str, warnings: list[Warning]) -> str:
    """Remove XML-illegal characters from ``text``, recording what was removed in ``warnings``.

    The warning carries the removed characters with their counts as data
    (``Warning.removed``, read by :func:`removed_characters`) and lists them in
    its message for people: nothing leaves the text unaccounted for.
    """
    illegal = _xml_illegal()
    found = illegal.findall(text)
    if not found:
        return text
    counts = Counter(found)
    codes = ", ".join(
        f"U+{ord(c):04X}" + (f" ×{counts[c]}" if counts[c] > 1 else "") for c in sorted(counts)
    )
    warnings.append(
        Warning(
            code=XML_ILLEGAL_REMOVED,
            message=f"removed {len(found)} XML-illegal character(s) ({codes}) from {where}",
            removed=tuple(sorted(counts.items())),
        )
    )
    return illegal.sub("", text)


def removed_characters(warnings: Iterable[Warning]) -> Counter[str]:
    """The characters that warnings report as removed from an output (with multiplicity)."""
    removed: Counter[str] = Counter()
    for warning in warnings:
        for char, count in warning.removed:
            removed[char] += count
    return removed


def timestamp(page: Page) -> tuple[int, int, int, int, int, int]:
    """The output timestamp: ``SOURCE_DATE_EPOCH`` if set, else the page date at 00:00 UTC, else 1980-01-01."""
    import datetime as _dt

    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        moment = _dt.datetime.fromtimestamp(int(epoch), tz=_dt.timezone.utc)
    elif page.meta.date and re.fullmatch(r"\d{4}-\d{2}-\d{2}", page.meta.date):
        try:
            moment = _dt.datetime.fromisoformat(page.meta.date).replace(tzinfo=_dt.timezone.utc)
        except ValueError:
            moment = _dt.datetime(1980, 1, 1, tzinfo=_dt.timezone.utc)
    else:
        moment = _dt.datetime(1980, 1, 1, tzinfo=_dt.timezone.utc)
    if moment.year < 1980:  # the zip format cannot store earlier dates
        moment = _dt.datetime(1980, 1, 1, tzinfo=_dt.timezone.utc)
    return (moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second)


def iso_timestamp(page: Page) -> str:
    """The output timestamp as an ISO 8601 UTC dateTime (``2024-03-15T00:00:00Z``)."""
    y, mo, d, h, mi, s = timestamp(page)
    return f"{y:04d}-{mo:02d}-{d:02d}T{h:02d}:{mi:02d}:{s:02d}Z"


def __getattr__(name: str) -> Any:
    """``normalize_zip`` and ``zip_entries``, still importable from here, loaded from :mod:`.zipfiles` on first use."""
    if name in ("normalize_zip", "zip_entries"):
        from . import zipfiles

        return getattr(zipfiles, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
