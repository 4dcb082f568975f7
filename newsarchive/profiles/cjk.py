"""Character classes of Chinese (and Japanese) text: one definition for every reader and profile.

Readers need to know which characters are *set solid* (printed without spaces
between them, so a gap an extractor or OCR engine reads beside one is usually no
space) and which are *marks* (Chinese punctuation, whose ink sits in a corner or
at one side of its square: no space is ever set beside one).  Profiles need the
*Han* ideographs (names, dictionary words).

Predicates compare code points: a regex class over the CJK blocks costs
milliseconds to compile, a share of a one-page conversion's start-up.  The same
sets are given as regex class bodies (``*_CLASS``) for the few patterns that need
them, compiled lazily by their users; the tests check that each class and its
predicate agree on every character.
"""

from __future__ import annotations

# Han ideographs: extension A, the unified block, compatibility ideographs, and the
# supplementary planes (extensions B–H), which OCR and PDF text layers do produce.
HAN_RANGES = (("\u3400", "\u4dbf"), ("\u4e00", "\u9fff"), ("\uf900", "\ufaff"), ("\U00020000", "\U0003ffff"))

# Set solid: the Han ideographs, CJK radicals (PDF text layers map some ideographs to
# them), CJK punctuation, kana, and the full-width and half-width forms.
SOLID_RANGES = (("\u2e80", "\u30ff"), ("\u3400", "\u9fff"), ("\uf900", "\ufaff"), ("\uff00", "\uffef"), ("\U00020000", "\U0003ffff"))

# Marks shared with Latin scripts that a Chinese font sets full width: quotes, the
# dashes of 「——」 (as text layers give them), the ellipsis and the middle dot of names.
FULL_WIDTH_MARKS = "“”‘’—…·\u2015\u2e3a\u2e3b"

# Marks of their own: CJK punctuation, and the full-width and half-width forms that are
# punctuation or signs (not letters or digits).
MARK_RANGES = (
    ("\u3000", "\u303f"),
    ("\uff01", "\uff0f"),
    ("\uff1a", "\uff20"),
    ("\uff3b", "\uff40"),
    ("\uff5b", "\uff65"),
    ("\uffe0", "\uffee"),
)

# Line-breaking rules (GB/T 15834, as typesetters apply them): marks that close something or stop a
# sentence never open a line, and opening quotes and brackets never end one.  A reader that meets
# a line breaking these rules has found a break the extractor made, not the typesetter.
CLOSING_MARKS = "，。、；：？！）」』》〉】”’"
OPENING_MARKS = "“‘（《「『〈【"
# A line ending in one of these may end a paragraph (Chinese and Latin stops, closing quotes).
SENTENCE_END_MARKS = "。！？；…”’」』）.!?\"')"
# A sentence's own stops, the marks that end one for certain (not a clause's ；, nor a quote or bracket
# that may close a title: …不卷“价格”).
FULL_STOPS = ("。", "！", "？")

HAN_CLASS = "".join(f"{first}-{last}" for first, last in HAN_RANGES)
SOLID_CLASS = "".join(f"{first}-{last}" for first, last in SOLID_RANGES)
MARK_CLASS = "".join(f"{first}-{last}" for first, last in MARK_RANGES) + FULL_WIDTH_MARKS


# The predicates spell their ranges out, commonest first: they run per character in the loops of word
# segmentation and name tests (some 250 calls a page), where a generator over the range tuples took
# 1.3 µs a call against 0.2 (the tests check each predicate against its ranges' class on every character).


def is_han(ch: str) -> bool:
    """``ch`` is one Han ideograph."""
    return len(ch) == 1 and (
        "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" or "\uf900" <= ch <= "\ufaff" or "\U00020000" <= ch <= "\U0003ffff"
    )


def is_solid(ch: str) -> bool:
    """``ch`` is one character set solid: Han, kana, CJK punctuation, radicals, full-width forms."""
    return len(ch) == 1 and (
        "\u3400" <= ch <= "\u9fff"
        or "\u2e80" <= ch <= "\u30ff"
        or "\uff00" <= ch <= "\uffef"
        or "\uf900" <= ch <= "\ufaff"
        or "\U00020000" <= ch <= "\U0003ffff"
    )


def is_mark(ch: str) -> bool:
    """``ch`` is one Chinese punctuation mark (CJK punctuation, full-width signs, marks set full width)."""
    return len(ch) == 1 and (
        "\u3000" <= ch <= "\u303f"
        or ch in FULL_WIDTH_MARKS
        or "\uff01" <= ch <= "\uff0f"
        or "\uff1a" <= ch <= "\uff20"
        or "\uff3b" <= ch <= "\uff40"
        or "\uff5b" <= ch <= "\uff65"
        or "\uffe0" <= ch <= "\uffee"
    )
