"""A Chinese word list (from jieba's dictionary, shipped offline) used as join evidence."""

from __future__ import annotations

import functools
import gzip
import math
from importlib.resources import files


@functools.cache
def words() -> dict[str, int]:
    """Word → frequency for Chinese words of 2–4 characters (loaded once, ~120k entries)."""
    raw = files("newsarchive").joinpath("data/zh-words.txt.gz").read_bytes()
    table: dict[str, int] = {}
    for line in gzip.decompress(raw).decode("utf-8").split("\n"):
        word, _, freq = line.partition(" ")
        table[word] = int(freq)
    return table


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
    starts: dict[str, int] = {}
    totals: dict[str, int] = {}
    for word, freq in words().items():
        weight = int(math.log2(freq + 1)) + 1
        starts[word[0]] = starts.get(word[0], 0) + weight
        for ch in set(word):
            totals[ch] = totals.get(ch, 0) + weight
    return {ch: starts.get(ch, 0) / total for ch, total in totals.items() if total >= 20}


def start_ratio(ch: str) -> float | None:
    """How often the character opens the dictionary words it occurs in (None if too rare to say).

    A paragraph rarely opens with a character that mostly ends words (性, 们,
    化): a low ratio is evidence that text starting with it continues a cut.
    """
    return _start_ratios().get(ch)
