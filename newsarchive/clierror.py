"""The one-line error of every ``newsarchive`` command (shared by the CLI group and ``batch``)."""

from __future__ import annotations

import functools
import re
from typing import Any

import click


@functools.cache
def _unprintable() -> re.Pattern[str]:
    """What is shown escaped, compiled on first use (~0.5 ms: the surrogates make it a big character set).

    C0/C1 controls (terminal escape sequences in a file name or a page), lone
    surrogates (undecodable bytes in a file name; a strict stdout cannot encode
    them) and bidi overrides/isolates (which make a name read differently from what it is).
    """
    return re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069]")


def visible(text: str) -> str:
    """``text`` safe to print: unprintable characters become ``\\xNN`` / ``\\uNNNN`` escapes."""
    if text.isprintable():  # every character escaped is a control, surrogate or format character, none printable
        return text
    return _unprintable().sub(lambda m: repr(m.group())[1:-1], text)


class Failure(click.ClickException):
    """A library error shown as one line on stderr, with the error's own exit code."""

    def __init__(self, message: str, exit_code: int) -> None:
        super().__init__(message)
        self.exit_code = exit_code  # type: ignore[misc]  # click declares it on the class; each failure has its own

    def show(self, file: Any = None) -> None:
        """Print ``newsarchive: error: …`` (no traceback)."""
        message = " ".join(self.format_message().splitlines())  # one line, whatever the error says
        click.echo(visible(f"newsarchive: error: {message}"), err=True)
