"""Entry-point lookup for readers, transforms and writers (built-ins register the same way)."""

from __future__ import annotations

import functools
from importlib.metadata import EntryPoint, entry_points
from typing import Any

from .errors import PluginError, UnknownFormatError

READERS = "newsarchive.readers"
TRANSFORMS = "newsarchive.transforms"
WRITERS = "newsarchive.writers"

_KIND = {READERS: "reader", TRANSFORMS: "transform", WRITERS: "writer"}


@functools.cache
def _entry_points(group: str) -> dict[str, EntryPoint]:
    found: dict[str, EntryPoint] = {}
    for ep in entry_points(group=group):
        other = found.get(ep.name)
        if other is not None and other.value != ep.value:
            raise PluginError(
                f"two {_KIND[group]}s claim the name {ep.name!r}: {other.value} and {ep.value}"
            )
        found[ep.name] = ep
    return found


def names(group: str) -> list[str]:
    """The registered names in an entry-point group, sorted."""
    return sorted(_entry_points(group))


@functools.cache
def load(group: str, name: str) -> Any:
    """Load the object registered under ``name`` in ``group`` (imported on first use only)."""
    eps = _entry_points(group)
    if name not in eps:
        available = ", ".join(sorted(eps)) or "none"
        raise UnknownFormatError(f"unknown {_KIND[group]} {name!r} (available: {available})")
    try:
        return eps[name].load()
    except Exception as exc:  # a broken third-party plugin must not crash with a traceback
        raise PluginError(f"cannot load {_KIND[group]} {name!r} ({eps[name].value}): {exc}") from exc
