"""Zip archives for the EPUB and DOCX writers: byte-stable entries, built without :mod:`zipfile` where possible.

A module of its own so that writers which make no zip (JSON, NewsML) do not import
struct and zlib at start-up.
"""

from __future__ import annotations

import functools
import struct
import zlib
from typing import Container, Iterable

__all__ = ["normalize_zip", "zip_entries"]


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
