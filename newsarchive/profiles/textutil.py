"""Text helpers shared by the profiles and transforms: whitespace, quote bookkeeping, character bigrams."""

from __future__ import annotations

import functools
import operator
import re
from collections import Counter
from typing import Iterable

from .cjk import FULL_WIDTH_MARKS


def collapse(text: str) -> str:
    """Whitespace runs (line breaks included) become one space."""
    return " ".join(text.split())


def quote_balance(text: str, opens: str = "“", closes: str = "”") -> int:
    """Open minus closed quotes; > 0 means a quote is still open at the end of ``text``."""
    return sum(map(text.count, opens)) - sum(map(text.count, closes))  # map(): called for most fragments, often twice


def leading_unmatched_close(text: str, opens: str = "“", closes: str = "”") -> bool:
    """True if a closing quote appears before any opening one (the quote was opened earlier)."""
    if not any(map(text.__contains__, closes)):
        return False  # no closing mark at all (most texts): no marks to read
    depth = 0
    for ch in _quote_marks(opens + closes).findall(text):  # only the marks: a paragraph has few
        if ch in opens:
            depth += 1
        elif ch in closes:
            if depth == 0:
                return True
            depth -= 1
    return False


@functools.lru_cache(maxsize=16)
def _quote_marks(marks: str) -> re.Pattern[str]:
    return re.compile("[" + re.escape(marks) + "]")


def bigram_list(text: str) -> list[str]:
    """The character bigrams of the text's non-space characters, in order."""
    flat = "".join(text.split())
    return list(map(operator.add, flat, flat[1:]))


def bigrams(text: str) -> Counter[str]:
    """Character bigrams of the text's non-space characters, counted (topic evidence in any script)."""
    return Counter(bigram_list(text))


def _wide_count(flat: str) -> int:
    return sum(1 for ch in flat if ch >= "\u2e80")


def display_width(text: str) -> float:
    """The text's width in full-width characters: CJK and full-width forms one, everything else half.

    In Chinese text (at least half its other characters full width) the quotes, dashes,
    ellipsis and middle dot it shares with Latin text are one too: a Chinese font sets them
    full width, so a column's line with quotes in it is as wide as one without.
    """
    flat = "".join(text.split())
    wide = _wide_count(flat)
    marks = sum(map(flat.count, FULL_WIDTH_MARKS))
    if marks and 2 * wide >= len(flat) - marks:
        wide += marks
    return wide + 0.5 * (len(flat) - wide)


def wide_share(text: str) -> float:
    """The share of the text's non-space characters that are full-width (CJK and full-width forms)."""
    flat = "".join(text.split())
    return _wide_count(flat) / len(flat) if flat else 0.0


def commonest_width(lines: Iterable[str]) -> tuple[int, int] | None:
    """The commonest :func:`display_width` of the lines, rounded, and how many lines have it (the wider on ties)."""
    counts = Counter(round(display_width(line)) for line in lines)
    if not counts:
        return None
    return max(counts.items(), key=lambda item: (item[1], item[0]))
