"""Time bounds of reconstruction on large hostile pages.

The readers refuse pages over :data:`newsarchive.limits.MAX_FRAGMENTS` blocks
because of the case below; these tests call reconstruction directly, past the
readers, so they measure the pipeline itself.
"""

from __future__ import annotations

import random
import signal
from contextlib import contextmanager
from typing import Iterator


import newsarchive

from helpers import page_from_blocks

CJK = "社保卡一张能帮助居民完成哪些事项基础性载体线上下场景融合发展"


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise TimeoutError in the main thread after ``seconds`` (so a slow case fails fast instead of running on)."""

    def expire(signum: int, frame: object) -> None:
        raise TimeoutError(f"took longer than {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def test_many_ordinary_blocks_reconstruct_quickly():
    """The control case: 3,000 blocks that end their sentences are quick (about 1 s)."""
    blocks = [f"第{i}段文字到此为止。" for i in range(3000)]
    with time_limit(10):
        page = newsarchive.reconstruct(page_from_blocks(*blocks))
    assert len(page.fragments) == 3000


def test_many_cut_candidates_reconstruct_in_bounded_time():
    """Regression: 3,000 one-character blocks (all cut candidates, one component) took ~20 s with a dense
    Hungarian solve; nearest-candidate caps and a greedy fallback for huge components bound it."""
    rng = random.Random(1)
    blocks = [rng.choice(CJK) for _ in range(3000)]  # one character each: none ends a sentence
    with time_limit(5):
        page = newsarchive.reconstruct(page_from_blocks(*blocks))
    assert len(page.fragments) == 3000


def test_many_cuts_in_text_of_few_characters_reconstruct_in_bounded_time():
    """Regression: 2,000 blocks of 50 characters drawn from a few dozen, none ending a sentence, took ~21 s:
    every three-character seed across a cut recurs, and each search for a page term read the page from its
    start; a scan budget per page character (join_cuts.MAX_SCAN_PER_CHAR) makes it ~2 s."""
    rng = random.Random(1)
    blocks = ["".join(rng.choice(CJK) for _ in range(50)) for _ in range(2000)]
    with time_limit(10):
        page = newsarchive.reconstruct(page_from_blocks(*blocks))
    assert len(page.fragments) == 2000
