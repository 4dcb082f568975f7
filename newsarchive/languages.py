"""Language tags: the one BCP 47 syntax check and repair used by readers and writers."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Iterable

from .model import PageMeta

# The syntax xs:language and the JSON Schema's meta.language accept (not registry membership).
LANGUAGE_TAG = re.compile(r"[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*")


def repaired_tag(tag: str | None) -> str | None:
    """``tag`` stripped, with the common underscore form repaired (``zh_CN`` → ``zh-CN``); None if not a tag."""
    candidate = (tag or "").strip().replace("_", "-")
    return candidate if LANGUAGE_TAG.fullmatch(candidate) else None


def conventional_case(tag: str) -> str:
    """BCP 47's conventional case: ``zh-cn`` → ``zh-CN``, ``zh-hans`` → ``zh-Hans``."""
    first, *rest = tag.split("-")
    subtags = [first.lower()]
    for sub in rest:
        if len(sub) == 2 and sub.isalpha():
            subtags.append(sub.upper())  # region
        elif len(sub) == 4 and sub.isalpha():
            subtags.append(sub.title())  # script
        else:
            subtags.append(sub.lower())
    return "-".join(subtags)


CJK_SHARE = 0.2  # below this share of CJK letters among its letters a page is not Chinese
_CJK_LETTERS_FROM = "\u3040"
GUESS_SAMPLE = 2_000  # characters looked at: enough to tell (a page's are 95% CJK or none), at 0.1 ms


def guess_language(meta: PageMeta, texts: Iterable[str]) -> str:
    """The page's language: the caller's, unless it is the default and the text is not CJK (then ``en``)."""
    if meta.language != PageMeta().language:
        return meta.language
    letters = cjk = seen = 0
    for text in texts:
        sample = text[: GUESS_SAMPLE - seen]
        seen += len(sample)
        # Counted at C speed: letters from U+3040 on are kana, ideographs, Hangul (and the full-width forms).
        alphabetic = list(filter(str.isalpha, sample))
        letters += len(alphabetic)
        cjk += sum(map(_CJK_LETTERS_FROM.__le__, alphabetic))
        if seen >= GUESS_SAMPLE:
            break
    if letters and cjk / letters < CJK_SHARE:
        return "en"
    return meta.language


def with_guessed_language(meta: PageMeta, texts: Iterable[str]) -> PageMeta:
    """``meta`` with :func:`guess_language`'s answer."""
    return replace(meta, language=guess_language(meta, texts))
