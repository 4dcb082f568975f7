"""A Chinese word list (from jieba's dictionary, shipped offline) used as join evidence."""

from __future__ import annotations

import array
import functools
import gzip
import math
import sys
from importlib.resources import files


@functools.cache
def words() -> dict[str, int]:
    """Word → frequency for Chinese words of 2–4 characters (loaded once, ~120k entries)."""
    data = files("newsarchive").joinpath("data")
    keys = gzip.decompress(data.joinpath("zh-words.txt.gz").read_bytes()).decode("utf-8").split("\n")
    freqs = array.array("I")
    freqs.frombytes(gzip.decompress(data.joinpath("zh-word-freqs.u32le.gz").read_bytes()))
    if sys.byteorder == "big":  # stored little-endian
        freqs.byteswap()
    return dict(zip(keys, freqs))


def spanning_word(head: str, tail: str) -> tuple[str, float] | None:
    """The best dictionary word that spans the boundary between ``head`` and ``tail``.

    Returns the word and a strength in [0, 1] growing with its length and
    frequency, or None when no 2–4 character word crosses the cut.
    """
    table = words()
    best: tuple[str, float] | None = None
    for i in range(1, 4):
        if i > len(head):
            break
        for j in range(1, 4):
            if j > len(tail) or i + j > 4:
                break
            word = head[-i:] + tail[:j]
            freq = table.get(word)
            if freq is None:
                continue
            strength = min(1.0, (math.log10(freq + 1) / 5.0) + 0.15 * (len(word) - 2))
            if best is None or strength > best[1]:
                best = (word, strength)
    return best


@functools.cache
def _start_ratios() -> dict[str, float]:
    text = files("newsarchive").joinpath("data/zh-start-ratios.txt").read_text(encoding="utf-8")
    return {ch: float(r) for ch, _, r in (line.partition("\t") for line in text.splitlines())}


def start_ratio(ch: str) -> float | None:
    """How often the character opens the dictionary words it occurs in (None if too rare to say).

    A paragraph rarely opens with a character that mostly ends words (性, 们,
    化): a low ratio is evidence that text starting with it continues a cut.
    """
    return _start_ratios().get(ch)
