"""Entry-point lookup for readers, sniffers, transforms and writers (built-ins register the same way).

Entry points are found by reading the ``entry_points.txt`` of every installed
distribution directly, as :mod:`importlib.metadata` does, but without
importing it: that import (email parsing, zip support, …) costs more than a
whole single-page conversion's other start-up.  Where the fast scan cannot be
sure to see what importlib.metadata sees (a zip archive on ``sys.path``, a
custom finder that provides distributions), it defers to importlib.metadata.
"""

from __future__ import annotations

import functools
import importlib
import os
import re
import sys
from typing import Any, Callable, Iterator, NamedTuple

from .errors import PluginError, UnknownFormatError

READERS = "newsarchive.readers"
SNIFFERS = "newsarchive.sniffers"
TRANSFORMS = "newsarchive.transforms"
WRITERS = "newsarchive.writers"

_KIND = {READERS: "reader", SNIFFERS: "sniffer", TRANSFORMS: "transform", WRITERS: "writer"}

# importlib.metadata's grammar for an entry point's value: module[:attr.attr] [extras]
_VALUE = re.compile(r"(?P<module>[\w.]+)\s*(:\s*(?P<attr>[\w.]+)\s*)?((?P<extras>\[.*\])\s*)?$")


class Entry(NamedTuple):
    """One registered entry point: its name and ``module:attribute`` value."""

    name: str
    value: str
    group: str

    def load(self) -> Any:
        """Import the module and return the named attribute (as ``EntryPoint.load`` does)."""
        match = _VALUE.match(self.value)
        if match is None:
            raise ValueError(f"malformed entry point value {self.value!r}")
        obj = importlib.import_module(match.group("module"))
        for attribute in filter(None, (match.group("attr") or "").split(".")):
            obj = getattr(obj, attribute)
        return obj


def _normalized(dist_folder: str) -> str:
    """A distribution's normalized name from its metadata folder (``Foo.Bar-1.0.dist-info`` → ``foo_bar``)."""
    stem = dist_folder.lower().rpartition(".")[0]
    return re.sub(r"[-_.]+", "_", stem.partition("-")[0])


def _sections(text: str) -> Iterator[tuple[str, str, str]]:
    """(group, name, value) of an ``entry_points.txt``, parsed like importlib.metadata's ``Sectioned``."""
    group = None
    for line in map(str.strip, text.splitlines()):
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            group = line.strip("[]")
            continue
        if group is not None:
            name, _, value = line.partition("=")
            yield group, name.strip(), value.strip()


def _needs_importlib() -> bool:
    """True when the fast scan might miss distributions importlib.metadata would find."""
    from importlib.machinery import PathFinder

    for finder in sys.meta_path:
        if finder is not PathFinder and getattr(finder, "find_distributions", None) is not None:
            return True
    return any(entry.endswith(".egg") or os.path.isfile(entry) for entry in sys.path if entry)


def _scan() -> list[tuple[str, str, str]]:
    """Every (group, name, value) of the installed distributions, first distribution of a name only.

    Groups other than newsarchive's are kept too; :func:`_entry_points` filters.
    """
    found: list[tuple[str, str, str]] = []
    seen: set[str] = set()
    for entry in sys.path:
        folder = entry or "."
        try:
            children = os.listdir(folder)
        except OSError:
            continue
        for child in children:
            if not child.lower().endswith((".dist-info", ".egg-info")):
                continue
            name = _normalized(child)
            if name in seen:
                continue
            path = os.path.join(folder, child)
            seen.add(name)
            if not os.path.isdir(path):  # a bare PKG-INFO file: metadata without entry points
                continue
            try:
                with open(os.path.join(path, "entry_points.txt"), encoding="utf-8") as handle:
                    text = handle.read()
            except OSError:
                continue
            found.extend(_sections(text))
    return found


def _scan_importlib() -> list[tuple[str, str, str]]:
    """The same triples through importlib.metadata (the slow but general path)."""
    from importlib.metadata import entry_points

    return [(group, ep.name, ep.value) for group in _KIND for ep in entry_points(group=group)]


@functools.cache
def _all_entries() -> tuple[tuple[str, str, str], ...]:
    return tuple(_scan_importlib() if _needs_importlib() else _scan())


@functools.cache
def _entry_points(group: str) -> dict[str, Entry]:
    found: dict[str, Entry] = {}
    for ep_group, name, value in _all_entries():
        if ep_group != group:
            continue
        other = found.get(name)
        if other is not None and other.value != value:
            raise PluginError(f"two {_KIND[group]}s claim the name {name!r}: {other.value} and {value}")
        found[name] = Entry(name, value, group)
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


def sniffer(reader: str) -> Callable[[bytes], bool]:
    """The cheapest content test for a reader: its registered sniffer, else the reader class's own ``sniff``.

    A sniffer (group ``newsarchive.sniffers``, same name as the reader) lives in
    a small module, so recognising plain text does not import the XML or PDF
    readers (and lxml or pdfminer with them).
    """
    if reader in _entry_points(SNIFFERS):
        return load(SNIFFERS, reader)  # type: ignore[no-any-return]
    return load(READERS, reader).sniff  # type: ignore[no-any-return]
