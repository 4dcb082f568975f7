"""The error hierarchy: every failure the library raises on purpose, each with its exit code."""

from __future__ import annotations

from typing import ClassVar


class NewsarchiveError(Exception):
    """Base of all newsarchive errors; ``str(err)`` is a one-line message for users."""

    exit_code: ClassVar[int] = 1

    def __init__(self, message: str, *, source: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.source = source

    def __str__(self) -> str:
        return f"{self.source}: {self.message}" if self.source else self.message


class ReadError(NewsarchiveError):
    """The input could not be read or decoded."""


class UnknownFormatError(NewsarchiveError):
    """A reader, writer or transform name that is not registered."""

    exit_code: ClassVar[int] = 2


class PluginError(NewsarchiveError):
    """A plugin could not be loaded, or two plugins claim the same name."""


class TransformError(NewsarchiveError):
    """A reorder step failed."""


class WriteError(NewsarchiveError):
    """A writer could not produce output, or the output could not be stored."""


class ValidationFailed(NewsarchiveError):
    """A file did not validate against its schema."""
