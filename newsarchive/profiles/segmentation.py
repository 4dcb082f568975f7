"""How much better Chinese text segments with a word across a cut than without (unigram model).

A cut paragraph rejoins where the two pieces read as one text.  A dictionary
word that merely *fits* across the boundary (的地|步, 是|从) is weak evidence:
common single characters on either side explain the text as well.  So the
evidence here is the gain in log-probability of the best segmentation (the
maximum-probability route through the word lattice, as jieba segments) when
words may cross the cut, over the best one with a word boundary at the cut.
Measured on the reorder benchmark's development pages (true head with each
other body fragment of its page): a gain above 1 nat occurs for 50% of true
continuations but 0.7% of other fragments, above 4 nats 46% vs 0.27%; the
bare "some word spans the cut" test it replaces fired for 42% vs ~2%.

Word and character frequencies are jieba's dictionary (MIT licence), shipped in
``newsarchive/data`` (see ``tools/build_wordlist.py``).
"""

from __future__ import annotations

import functools
import math

from .cjk import is_han
from .lexicon import CharTable, _package_data, words, words_from

WINDOW = 6  # CJK characters looked at on each side of the cut
MAX_WORD = 4  # the dictionary's longest words


@functools.cache
def _model() -> tuple[CharTable[int], float, float]:
    """One-character frequencies, log of the total, and the log-probability of an unknown character."""
    # "#total<TAB>N", then "char<TAB>frequency" lines of CJK ideographs.
    header, _, lines = _package_data("zh-char-freqs.txt").decode("utf-8").partition("\n")
    log_total = math.log(int(header.split("\t")[1]))
    return CharTable(lines, int), log_total, math.log(0.5) - log_total


# Character → log-probability, for the characters of the table met so far (at most its 11,580).
_char_log_probs: dict[str, float] = {}


def _char_log_prob(ch: str) -> float:
    """Unigram log-probability of one character (a floor for an unknown one)."""
    lp = _char_log_probs.get(ch)
    if lp is None:
        chars, log_total, unknown = _model()
        freq = chars.get(ch)
        if not freq:
            return unknown  # not remembered: unknown characters are unbounded
        lp = _char_log_probs[ch] = math.log(freq) - log_total
    return lp


def log_prob(word: str) -> float | None:
    """Unigram log-probability of a word or character (None for an unknown word; a floor for a character)."""
    if len(word) == 1:
        return _char_log_prob(word)
    freq = words().get(word)
    return math.log(freq) - _model()[1] if freq else None


def _log_probs(text: str) -> list[list[float | None]]:
    """lp[end][size - 1]: log-probability of ``text[end - size:end]`` (None: not a word), sizes 1–MAX_WORD."""
    log_total = _model()[1]
    table = words()
    known = _char_log_probs.get
    out: list[list[float | None]] = [[] for _ in range(len(text) + 1)]
    for end in range(1, len(text) + 1):
        row = out[end]
        ch_lp = known(text[end - 1])
        row.append(ch_lp if ch_lp is not None else _char_log_prob(text[end - 1]))
        for size in range(2, min(MAX_WORD, end) + 1):
            freq = table.get(text[end - size : end])
            row.append(math.log(freq) - log_total if freq else None)
    return out


@functools.lru_cache(maxsize=2048)
def _prefix_best(text: str) -> tuple[float, ...]:
    """best[i]: log-probability of the best segmentation of ``text[:i]``."""
    lp = _log_probs(text)
    best = [0.0] + [-math.inf] * len(text)
    for end in range(1, len(text) + 1):
        for size, p in enumerate(lp[end], start=1):
            if p is not None and best[end - size] + p > best[end]:
                best[end] = best[end - size] + p
    return tuple(best)


@functools.lru_cache(maxsize=2048)
def _suffix_best(text: str) -> tuple[float, ...]:
    """best[i]: log-probability of the best segmentation of ``text[i:]``."""
    lp = _log_probs(text)
    n = len(text)
    best = [-math.inf] * n + [0.0]
    for start in range(n - 1, -1, -1):
        for size in range(1, min(MAX_WORD, n - start) + 1):
            p = lp[start + size][size - 1]
            if p is not None and best[start + size] + p > best[start]:
                best[start] = best[start + size] + p
    return tuple(best)


@functools.lru_cache(maxsize=1024)  # keyed by whole fragment texts: a page's worth
def _end_run(text: str) -> str:
    """The Han characters ending ``text`` (at most WINDOW)."""
    k = 0
    while k < min(WINDOW, len(text)) and is_han(text[-1 - k]):
        k += 1
    return text[len(text) - k :]


@functools.lru_cache(maxsize=1024)
def _start_run(text: str) -> str:
    """The Han characters opening ``text`` (at most WINDOW)."""
    k = 0
    while k < min(WINDOW, len(text)) and is_han(text[k]):
        k += 1
    return text[:k]


def last_word(text: str) -> str:
    """The last word of the best segmentation of the CJK characters ending ``text`` ('' if none).

    转化为 → 为 (a dangling function word), 大有作为 → a word ending in 为.
    """
    run = _end_run(text.rstrip())
    best = _prefix_best(run)
    n = len(run)
    for size in range(1, min(MAX_WORD, n) + 1):
        p = log_prob(run[n - size :])
        if p is not None and math.isclose(best[n - size] + p, best[n], rel_tol=0.0, abs_tol=1e-9):
            return run[n - size :]
    return ""


def cut_gain(head: str, tail: str) -> tuple[str, float] | None:
    """The word across the cut in the best segmentation of head+tail and its gain in nats, or None.

    None when the best segmentation has a word boundary at the cut anyway.
    """
    return runs_gain(head_run(head), tail_run(tail))


def head_run(head: str) -> str:
    """The Han characters ending ``head`` before trailing whitespace (at most WINDOW): its side of a cut."""
    return _end_run(head.rstrip())


def tail_run(tail: str) -> str:
    """The Han characters opening ``tail`` after leading whitespace (at most WINDOW): its side of a cut."""
    return _start_run(tail.lstrip())


def runs_gain(left: str, right: str) -> tuple[str, float] | None:
    """:func:`cut_gain` given :func:`head_run` and :func:`tail_run` (a caller pairing many texts reads each side once)."""
    if not left or not right:
        return None
    return _gain(left, right)


@functools.lru_cache(maxsize=4096)
def _gain(left: str, right: str) -> tuple[str, float] | None:
    """:func:`cut_gain` of the CJK runs at the cut (cached: a page pairs the same openings many times)."""
    crossing = []
    for i in range(1, min(MAX_WORD - 1, len(left)) + 1):
        # The candidate words taking i characters from the left are prefixes of one string: one
        # concatenation, then a slice per candidate (most pairs end here, so this loop is the cost).
        span = left[-i:] + right[: MAX_WORD - i]
        get = words_from(span[0]).get  # the words this candidate's first character begins
        for j in range(1, len(span) - i + 1):
            freq = get(span[: i + j])
            if freq:
                crossing.append((i, j, freq))
    if not crossing:  # most pairs: no word fits across the cut, no segmentation needed
        return None
    before = _prefix_best(left)
    after = _suffix_best(right)
    apart = before[-1] + after[0]
    log_total = _model()[1]
    best: tuple[str, float] | None = None
    for i, j, freq in crossing:
        gain = before[len(left) - i] + math.log(freq) - log_total + after[j] - apart
        if gain > 1e-9 and (best is None or gain > best[1]):
            best = (left[-i:] + right[:j], gain)
    return best
