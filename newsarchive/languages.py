"""Language tags: the one BCP 47 syntax check and repair used by readers and writers."""

from __future__ import annotations

import re

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
