"""Writers: turn a reconstructed :class:`~newsarchive.model.Page` into bytes.

A writer is a class with the attributes below and a pure ``write`` method; it
does no I/O of its own (the CLI owns the destination and writes atomically).
Register one under the ``newsarchive.writers`` entry-point group.
"""

from __future__ import annotations

import functools
import os
import re
import struct
import zlib
from collections import Counter
from dataclasses import dataclass
from typing import ClassVar, Container, Iterable, Protocol

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
    repeated: Container[str] = (),
) -> bytes:
    """A zip of (name, content) entries in the given order, all dated ``date_time``, deflated unless ``stored``.

    The bytes are exactly what :mod:`zipfile` writes for the same entries (tested).
    Entries named in ``repeated`` have the same content in every call (a template's
    parts): their compressed form is kept for the next call instead of deflating them
    again, which was most of a DOCX page's zip time.
    """
    entries = list(entries)
    if any(len(content) > _FAST_ZIP_LIMIT for _, content in entries):
        return _zipfile_entries(entries, date_time, stored=stored)
    dt = date_time
    dos_date = (dt[0] - 1980) << 9 | dt[1] << 5 | dt[2]
    dos_time = dt[3] << 11 | dt[4] << 5 | (dt[5] // 2)
    out: list[bytes] = []
    central: list[bytes] = []
    offset = 0
    for name, content in entries:
        method = 0 if name in stored else 8  # ZIP_STORED / ZIP_DEFLATED
        packed = _packed(content, method) if name in repeated else _pack(content, method)
        crc, data = packed
        try:
            raw_name, flags = name.encode("ascii"), 0
        except UnicodeEncodeError:
            raw_name, flags = name.encode("utf-8"), 0x800  # the name is UTF-8
        fields = (flags, method, dos_time, dos_date, crc, len(data), len(content), len(raw_name))
        local = _LOCAL_HEADER.pack(b"PK\x03\x04", 20, 0, *fields, 0)
        central.append(
            _CENTRAL_HEADER.pack(b"PK\x01\x02", 20, 3, 20, 0, *fields, 0, 0, 0, 0, 0o644 << 16, offset) + raw_name
        )
        out += (local, raw_name, data)
        offset += len(local) + len(raw_name) + len(data)
    directory = b"".join(central)
    end = _END_RECORD.pack(b"PK\x05\x06", 0, 0, len(central), len(central), len(directory), offset, 0)
    return b"".join(out) + directory + end


# Header layouts as zipfile packs them (version 2.0, made on Unix, no extra fields).
_LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")
_CENTRAL_HEADER = struct.Struct("<4s4B4HL2L5H2L")
_END_RECORD = struct.Struct("<4s4H2LH")
# Larger entries (far beyond the size limits) go through zipfile, which switches to ZIP64.
_FAST_ZIP_LIMIT = 1 << 30


def _pack(content: bytes, method: int) -> tuple[int, bytes]:
    """CRC-32 and stored or raw-deflated data, as zipfile makes them (default level, one call)."""
    if method == 0:
        return zlib.crc32(content), content
    compressor = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
    return zlib.crc32(content), compressor.compress(content) + compressor.flush()


@functools.lru_cache(maxsize=64)
def _packed(content: bytes, method: int) -> tuple[int, bytes]:
    """:func:`_pack` for content that repeats between calls (bounded: a few templates' parts)."""
    return _pack(content, method)


def _zipfile_entries(
    entries: Iterable[tuple[str, bytes]],
    date_time: tuple[int, int, int, int, int, int],
    *,
    stored: tuple[str, ...] = (),
) -> bytes:
    """:func:`zip_entries` through :mod:`zipfile` (the reference, and the path for huge entries)."""
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
