"""Test helpers: build pages and drafts from text blocks, run chosen transforms."""

from __future__ import annotations

from newsarchive.model import PageMeta
from newsarchive.profiles import get_profile
from newsarchive.readers.text import split_fragments
from newsarchive.reorder import Draft, Pipeline
from newsarchive.model import Page


def page_from_blocks(*blocks: str, gap: str = "\n\n") -> Page:
    """A page whose fragments are the given blocks, in this order."""
    text = gap.join(blocks)
    return Page(meta=PageMeta(source="test"), fragments=split_fragments(text))


def run(blocks: list[str] | tuple[str, ...], *transforms: object) -> Draft:
    """Run only the given transforms (sorted by priority) over a page of blocks."""
    page = page_from_blocks(*blocks)
    return Pipeline(transforms).run(Draft.from_page(page, get_profile("zh-CN")))  # type: ignore[arg-type]


def roles(draft: Draft) -> list[str]:
    """The role value of every fragment, in order."""
    return [f.role.value for f in draft.fragments]
