"""The plain-text reader: decode the bytes, split into blank-line-separated fragments.

Line breaks inside a block and the size of each gap between blocks are kept as
layout evidence.  Decoding: a BOM decides (UTF-8, UTF-16 LE/BE, UTF-32); else
strict UTF-8; else GB18030 (a superset of GBK and GB2312) when the bytes decode
cleanly and look like Chinese text.  Anything else is a :class:`ReadError`
naming the byte offset of the first undecodable byte.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import replace
from typing import ClassVar

from ..errors import ReadError
from ..model import Fragment, Page, PageMeta, Warning

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Control characters other than whitespace: a strong sign of binary input.
_BINARY_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
_BLOCK_SEPARATOR = re.compile(r"\n(?:[ \t\u3000\f\v]*\n)+")


def _decode_error(exc: UnicodeDecodeError, encoding: str, offset_base: int = 0) -> str:
    bad = exc.object[exc.start : exc.start + 4]
    return f"cannot decode as {encoding}: byte 0x{bad[0]:02x} at offset {exc.start + offset_base} ({exc.reason})"


def decode(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """Decode input bytes; returns (text, encoding used). Raises ReadError (without a source)."""
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise ReadError(f"unknown encoding {encoding!r}") from None
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError as exc:
            raise ReadError(_decode_error(exc, encoding)) from None
    for bom, name in _BOMS:
        if data.startswith(bom):
            body = data[len(bom) :]
            try:
                return body.decode(name), name
            except UnicodeDecodeError as exc:
                raise ReadError(_decode_error(exc, name, len(bom))) from None
    if b"\x00" in data or (data and len(_BINARY_BYTES.findall(data[:4096])) > 8):
        offset = data.find(b"\x00")
        where = f" (NUL byte at offset {offset})" if offset >= 0 else ""
        raise ReadError(f"binary data, not text{where}")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as utf8_error:
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError:
            raise ReadError(_decode_error(utf8_error, "utf-8")) from None
        # GB18030 maps almost any byte sequence; accept it only if the result is mostly CJK text.
        cjk = sum(1 for c in text if "\u3000" <= c <= "\u9fff" or "\uff00" <= c <= "\uffef")
        non_ascii = sum(1 for c in text if ord(c) > 127)
        if non_ascii and cjk / non_ascii >= 0.9:
            return text, "gb18030"
        raise ReadError(_decode_error(utf8_error, "utf-8")) from None


def split_fragments(text: str, *, page: int | None = None) -> tuple[Fragment, ...]:
    """Split decoded text into fragments at blank lines, keeping offsets, lines and gap sizes."""
    fragments: list[Fragment] = []
    pos = 0
    line_no = 1
    gap = 0
    # Leading blank lines count as the first fragment's gap.
    for match in list(_BLOCK_SEPARATOR.finditer(text)) + [None]:
        end = match.start() if match is not None else len(text)
        chunk = text[pos:end]
        stripped = chunk.strip(" \t\n\u3000\f\v")
        if stripped:
            lead = chunk[: len(chunk) - len(chunk.lstrip(" \t\n\u3000\f\v"))]
            start = pos + len(lead)
            lines = tuple(line.strip(" \t\u3000\f\v") for line in stripped.split("\n"))
            lines = tuple(line for line in lines if line)
            fragments.append(
                Fragment(
                    id=f"f{len(fragments) + 1}",
                    text="\n".join(lines),
                    lines=lines,
                    start=start,
                    end=start + len(stripped),
                    line=line_no + lead.count("\n"),
                    gap_before=gap + lead.count("\n"),
                    page=page,
                )
            )
            gap = 0
        else:
            gap += chunk.count("\n")
        if match is None:
            break
        line_no += text.count("\n", pos, match.end())
        gap += match.group().count("\n")
        pos = match.end()
    return tuple(fragments)


def normalize_newlines(text: str) -> str:
    """Windows and old-Mac line endings become ``\\n``; other Unicode line separators too."""
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")


class TextReader:
    """Read a plain-text page (UTF-8/16/32 with BOM, UTF-8, GB18030/GBK)."""

    name: ClassVar[str] = "text"

    @classmethod
    def sniff(cls, data: bytes) -> bool:
        """Plain text is the fallback: anything that is not recognised as another format."""
        return True

    def read(self, data: bytes, *, meta: PageMeta, encoding: str | None = None) -> Page:
        """Decode and split into fragments; an empty page is a ReadError."""
        try:
            text, used = decode(data, encoding)
        except ReadError as exc:
            raise ReadError(exc.message, source=meta.source) from None
        text = normalize_newlines(text)
        warnings: list[Warning] = []
        if "\ufffd" in text:
            warnings.append(
                Warning(code="replacement-character", message="input contains U+FFFD replacement characters", source=meta.source)
            )
        fragments = split_fragments(text, page=meta.page_number)
        if not fragments:
            raise ReadError("empty input: no text to convert", source=meta.source)
        return Page(meta=replace(meta, encoding=used), fragments=fragments, warnings=tuple(warnings))
