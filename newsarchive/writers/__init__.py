"""Writers: turn a reconstructed :class:`~newsarchive.model.Page` into bytes.

A writer is a class with the attributes below and a pure ``write`` method; it
does no I/O of its own (the CLI owns the destination and writes atomically).
Register one under the ``newsarchive.writers`` entry-point group.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from dataclasses import dataclass
from typing import ClassVar, Iterable, Protocol

from ..model import Page, Warning


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


# Characters XML 1.0 forbids (and python-docx rejects); U+FFFE/U+FFFF are non-characters.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
XML_ILLEGAL_REMOVED = "xml-illegal-removed"


def xml_safe(text: str, where: str, warnings: list[Warning]) -> str:
    """Remove XML-illegal characters from ``text``, recording what was removed in ``warnings``.

    The warning carries the removed characters with their counts as data
    (``Warning.removed``, read by :func:`removed_characters`) and lists them in
    its message for people: nothing leaves the text unaccounted for.
    """
    found = _XML_ILLEGAL.findall(text)
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
    return _XML_ILLEGAL.sub("", text)


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


def normalize_zip(
    data: bytes,
    date_time: tuple[int, int, int, int, int, int],
    *,
    first: str | None = None,
    stored: tuple[str, ...] = (),
    replace: dict[str, bytes] | None = None,
) -> bytes:
    """Rewrite a zip with the given entry date and a stable order (``first`` first, e.g. EPUB's mimetype).

    ``replace`` gives new contents for some entries (by name), so a writer that
    must change one entry pays for one rewrite, not two.
    """
    import io
    import zipfile

    src = zipfile.ZipFile(io.BytesIO(data))
    names = src.namelist()
    if first is not None and first in names:
        names.remove(first)
        names.insert(0, first)
    replace = replace or {}
    return zip_entries(
        [(name, replace[name] if name in replace else src.read(name)) for name in names], date_time, stored=stored
    )


def zip_entries(
    entries: Iterable[tuple[str, bytes]],
    date_time: tuple[int, int, int, int, int, int],
    *,
    stored: tuple[str, ...] = (),
) -> bytes:
    """A zip of (name, content) entries in the given order, all dated ``date_time``, deflated unless ``stored``."""
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for name, content in entries:
            info = zipfile.ZipInfo(name, date_time=date_time)
            info.compress_type = zipfile.ZIP_STORED if name in stored else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            dst.writestr(info, content)
    return out.getvalue()
