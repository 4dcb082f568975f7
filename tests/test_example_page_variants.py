"""The example page reconstructs the same whatever its extractor did to its layout of text.

Each variant is something PDF extractors and text pipelines do to a page (line endings,
indents, other spaces, Unicode normalization, a credit run on at the end of its caption,
a page number or running head printed as a line of its own, a byline set beside its headline); the reconstruction, compared
with all whitespace and the compatibility forms NFKC folds ignored, must not change.
"""

from __future__ import annotations

import re
import unicodedata

import pytest

import newsarchive
from newsarchive.model import Article, Photo

from conftest import EXAMPLE

SOURCE = EXAMPLE.read_text(encoding="utf-8")


def _plain(text: str | None) -> str | None:
    return None if text is None else "".join(unicodedata.normalize("NFKC", text).split())


def _photo(photo: Photo) -> tuple[object, ...]:
    return (_plain(photo.caption), _plain(photo.credit.text) if photo.credit else None)


def _projection(page: newsarchive.Page) -> list[tuple[object, ...]]:
    """What a reader sees of each item, whitespace and compatibility forms aside."""
    out: list[tuple[object, ...]] = []
    for item in page.items:
        if isinstance(item, Article):
            out.append((
                "article",
                _plain(item.kicker),
                _plain(item.headline),
                item.byline.names if item.byline else None,
                [(b.type.value, _plain(b.text)) for b in item.blocks],
                [_photo(p) for p in item.photos],
            ))
        else:
            out.append(("photo", _photo(item)))
    return out


def _credits_run_on(text: str) -> str:
    """Every credit joined to the end of its caption's last line by two spaces, its agency kept on its own line."""
    return re.sub(r"(图为[^\n]*。)\n\n([^\n]{1,12}摄)", r"\1  \2", text)


VARIANTS = {
    "Windows line endings": lambda t: t.replace("\n", "\r\n"),
    "paragraphs set in by two ideographic spaces": lambda t: re.sub(r"(?m)^(?=[^\n])", "\u3000\u3000", t),
    "no-break spaces in names": lambda t: t.replace("李 婕", "李\u00a0婕").replace("兰 锋摄", "兰\u00a0锋摄"),
    "NFKC-normalized": lambda t: unicodedata.normalize("NFKC", t),
    "credits run on at the end of their captions": _credits_run_on,
    "page number on top": lambda t: "5\n\n" + t,
    "page number at the foot": lambda t: t.rstrip() + "\n\n- 5 -\n",
    "running head on top": lambda t: "人民日报海外版  2024年3月8日  星期五  第5版\n\n" + t,
    "byline beside its headline": lambda t: t.replace("社保卡，解锁更多应用新场景\n\n本报记者 李 婕", "社保卡，解锁更多应用新场景    本报记者 李 婕"),
}


@pytest.fixture(scope="module")
def expected() -> list[tuple[object, ...]]:
    return _projection(newsarchive.load(EXAMPLE))


@pytest.mark.parametrize("variant", VARIANTS, ids=list(VARIANTS))
def test_the_example_page_reads_the_same_whatever_its_extractor_did(variant, expected):
    text = VARIANTS[variant](SOURCE)
    assert text != SOURCE  # the variant changed something
    assert _projection(newsarchive.load(text.encode("utf-8"))) == expected
