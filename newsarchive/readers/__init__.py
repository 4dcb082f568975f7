"""Readers: turn input bytes into a :class:`~newsarchive.model.Page` of fragments.

A reader has a ``name``, a ``sniff(data) -> bool`` class method used to pick a
reader by content, and ``read(data, *, meta, encoding) -> Page``.  Readers are
registered under the ``newsarchive.readers`` entry-point group.
"""

from __future__ import annotations

from typing import ClassVar, Protocol

from ..model import Page, PageMeta


class Reader(Protocol):
    """What every reader provides."""

    name: ClassVar[str]

    @classmethod
    def sniff(cls, data: bytes) -> bool:
        """True if ``data`` looks like this reader's format."""
        ...

    def read(self, data: bytes, *, meta: PageMeta, encoding: str | None = None) -> Page:
        """Parse ``data`` into a page of fragments (no reconstruction yet)."""
        ...
