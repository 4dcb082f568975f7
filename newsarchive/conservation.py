"""Conservation: every non-whitespace character of the input is in exactly one source-text field."""

from __future__ import annotations

from collections import Counter

from .model import Page


def nonspace(text: str) -> Counter[str]:
    """The multiset of the text's non-whitespace characters."""
    return Counter(ch for ch in text if not ch.isspace())


def conservation_errors(page: Page, original: str | None = None) -> tuple[Counter[str], Counter[str]]:
    """(lost, invented): characters of the input missing from the page's source texts, and extra ones.

    ``original`` defaults to the concatenated fragment texts (what the reader found).
    """
    expected = nonspace(original if original is not None else "".join(f.text for f in page.fragments))
    found = nonspace("".join(page.source_texts()))
    return expected - found, found - expected
