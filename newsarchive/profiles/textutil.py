"""Text helpers shared by the profiles and transforms: whitespace, quote bookkeeping, character bigrams."""

from __future__ import annotations

import operator
from collections import Counter


def collapse(text: str) -> str:
    """Whitespace runs (line breaks included) become one space."""
    return " ".join(text.split())


def quote_balance(text: str, opens: str = "“", closes: str = "”") -> int:
    """Open minus closed quotes; > 0 means a quote is still open at the end of ``text``."""
    return sum(text.count(c) for c in opens) - sum(text.count(c) for c in closes)


def leading_unmatched_close(text: str, opens: str = "“", closes: str = "”") -> bool:
    """True if a closing quote appears before any opening one (the quote was opened earlier)."""
    depth = 0
    for ch in text:
        if ch in opens:
            depth += 1
        elif ch in closes:
            if depth == 0:
                return True
            depth -= 1
    return False


def bigrams(text: str) -> Counter[str]:
    """Character bigrams of the text's non-space characters (topic evidence in any script)."""
    flat = "".join(text.split())
    return Counter(map(operator.add, flat, flat[1:]))
