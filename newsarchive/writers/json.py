"""The JSON writer: the model's lossless serialization (see :mod:`newsarchive.serialize`)."""

from __future__ import annotations

import functools
import re
from typing import Any, Callable, ClassVar

from ..model import Page, Warning
from ..serialize import page_to_dict
from . import WriteResult

try:
    # json's C accelerator itself: the json package would also import its decoder and
    # compile its regexes (about 3 ms of a --to json start-up) for two functions.
    from _json import encode_basestring as _STRING  # what json.dumps(ensure_ascii=False) escapes strings with
    from _json import make_encoder as c_make_encoder
except ImportError:  # a Python without the accelerator: json.dumps does everything
    _STRING = c_make_encoder = None  # type: ignore[assignment,misc]

_SURROGATE = "[\ud800-\udfff]"  # compiled (and cached by re) only for a page that has one
_INDENT = "  "
# Exact types only: subclasses (an IntEnum, say) take the general path, as json.dumps would treat them.
_SCALARS = frozenset({str, int, float, bool, type(None)})
_SCALARS_AND_LISTS = _SCALARS | {list, tuple}
_KEYS = frozenset({str})
_KEYS_DICT = frozenset({dict})
# json escapes every control character, so a raw NUL never appears in its output: a safe separator.
_CUT = "\x00"


def _dumps(value: object) -> str:
    """json.dumps itself, imported only for what this module's encoder does not handle."""
    import json

    return json.dumps(value, ensure_ascii=False, indent=2)


def _float(value: float) -> str:
    """A float as json.dumps writes it (NaN and infinities as JavaScript names)."""
    if value != value:
        return "NaN"
    if value in (float("inf"), float("-inf")):
        return "Infinity" if value > 0 else "-Infinity"
    return float.__repr__(value)


def _not_json(value: object) -> object:
    raise TypeError(f"cannot encode {type(value).__name__}")


@functools.lru_cache(maxsize=64)
def _flat(separator: str) -> Callable[[object, int], list[str]]:
    """json's C encoder with ``separator`` between items: exact for a list or dict of scalars.

    json.dumps only uses the C encoder without ``indent``; for a container of scalars
    indenting is just a separator of a newline and the items' indentation, so the C
    encoder writes it when told that separator.
    """
    return c_make_encoder(None, _not_json, _STRING, None, ": ", separator, False, False, True)


def _scalar(value: object) -> str:
    if isinstance(value, str):
        return _STRING(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        return _float(value)
    raise TypeError(f"cannot encode {type(value).__name__}")


def _scalars(values: list[Any]) -> list[str]:
    """Each of a list of scalars (exact types) as json writes it, in one call of the C encoder."""
    return "".join(_flat(_CUT)(values, 0))[1:-1].split(_CUT)


def _encode(value: Any, indent: str) -> str:  # Any: exact-type tests (type(value) is list) do not narrow
    """``value`` as ``json.dumps(value, ensure_ascii=False, indent=2)`` writes it at ``indent``.

    json's indenting encoder is pure Python and visits every value; this one hands
    containers of scalars to json's C encoder whole and writes a list of dicts with
    the same keys (fragments, blocks, decisions) a column at a time.  It handles only
    plain trees of JSON values and raises TypeError on anything else, so the caller
    can fall back to json.dumps.
    """
    kind = type(value)
    if kind in _SCALARS:
        return _scalar(value)
    inner = indent + _INDENT
    if kind is list or kind is tuple:
        if not value:
            return "[]"
        if _SCALARS.issuperset(map(type, value)):
            body = "".join(_flat(",\n" + inner)(value, 0))[1:-1]
        elif _same_keys(value):
            body = _records(value, inner)
        else:
            body = (",\n" + inner).join([_encode(item, inner) for item in value])
        return "[\n" + inner + body + "\n" + indent + "]"
    if kind is dict:
        if not value:
            return "{}"
        if not _KEYS.issuperset(map(type, value)):  # json.dumps converts or refuses other keys
            raise TypeError("a key is not a string")
        if _SCALARS.issuperset(map(type, value.values())):
            body = "".join(_flat(",\n" + inner)(value, 0))[1:-1]
        else:
            body = (",\n" + inner).join([_STRING(key) + ": " + _encode(item, inner) for key, item in value.items()])
        return "{\n" + inner + body + "\n" + indent + "}"
    if isinstance(value, (str, int, float)):
        return _scalar(value)
    raise TypeError(f"cannot encode {kind.__name__}")


def _same_keys(values: list[Any] | tuple[Any, ...]) -> bool:
    """Whether every item is a non-empty dict with string keys, the first one's keys in the same order."""
    if not _KEYS_DICT.issuperset(map(type, values)) or not values[0] or not _KEYS.issuperset(map(type, values[0])):
        return False
    keys = list(values[0])
    return all(map(keys.__eq__, map(list, values)))


def _records(records: list[dict[str, Any]], indent: str) -> str:
    """The items of a list of dicts with the same keys, each dict at ``indent``, joined by json's separator."""
    inner = indent + _INDENT
    columns = [_column([record[key] for record in records], inner) for key in records[0]]
    # One format string for every dict: the keys are written once, the values filled in.
    template = (
        "{\n"
        + inner
        + (",\n" + inner).join(_STRING(key).replace("%", "%%") + ": %s" for key in records[0])
        + "\n"
        + indent
        + "}"
    )
    return (",\n" + indent).join([template % row for row in zip(*columns)])


def _column(values: list[Any], indent: str) -> list[str]:
    """Each of the values of one key of a list of dicts, as json writes it at ``indent``.

    Scalars, and lists of scalars (fragment ids, a fragment's lines, a bounding box),
    take one call of the C encoder for the whole column.
    """
    types = set(map(type, values))
    if _SCALARS.issuperset(types):
        return _scalars(values)
    if not _SCALARS_AND_LISTS.issuperset(types):
        return [_encode(value, indent) for value in values]
    flat: list[Any] = []
    for value in values:
        if type(value) is list or type(value) is tuple:
            flat.extend(value)
        else:
            flat.append(value)
    if not _SCALARS.issuperset(map(type, flat)):
        return [_encode(value, indent) for value in values]
    texts = _scalars(flat) if flat else []
    inner = indent + _INDENT
    separator = ",\n" + inner
    out = []
    at = 0
    for value in values:
        if type(value) is list or type(value) is tuple:
            if value:
                end = at + len(value)
                out.append("[\n" + inner + separator.join(texts[at:end]) + "\n" + indent + "]")
                at = end
            else:
                out.append("[]")
        else:
            out.append(texts[at])
            at += 1
    return out


def dumps(value: object) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=2)``, several times faster on page dicts."""
    if c_make_encoder is None:
        return _dumps(value)
    try:
        return _encode(value, "")
    except (TypeError, RecursionError):  # not a plain tree of JSON values: json's encoder decides
        return _dumps(value)


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
        text = dumps(page_to_dict(page)) + "\n"
        try:
            # Strict UTF-8 fails only on surrogates: the common case needs no search for them.
            return WriteResult(data=text.encode("utf-8"))
        except UnicodeEncodeError:
            pass
        found = re.findall(_SURROGATE, text)
        codes = ", ".join(sorted({f"U+{ord(c):04X}" for c in found}))
        warning = Warning(
            code="lone-surrogate-escaped",
            message=f"wrote {len(found)} lone surrogate(s) ({codes}) as JSON \\u escapes (they have no UTF-8 form)",
        )
        return WriteResult(data=re.sub(_SURROGATE, _escape, text).encode("utf-8"), warnings=(warning,))
