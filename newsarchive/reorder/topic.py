"""Topic and position evidence for giving text and photos to articles.

A text's topic is its character bigrams, each weighted by its rarity on the
page (a bigram met in many of the page's texts says little about which article
a text belongs to); two texts are compared by the cosine of their weighted
vectors.  A header's distance back from where a text was emitted gives the
log-prior that the text is that article's.  ``assign-fragments`` and
``attach-photos`` weigh both the same way.
"""

from __future__ import annotations

import math
from collections import Counter
from itertools import chain, repeat
from operator import mul

TOPIC_WEIGHT = 32.0  # cosine similarity 0..1; measured on dev pages: 4 → 443 misassigned units, 32 → 364
# Log-prior of a group belonging to the k-th header back from where it was emitted.
POSITION_PRIOR = (0.0, -1.2, -1.8, -2.2)
FAR_PRIOR = -3.0
MAX_BACK = 8  # headers looked back over: bounds the work on pages with very many articles


def weighted(grams: Counter[str], idf: dict[str, float]) -> dict[str, float]:
    """Bigram counts weighted by page rarity."""
    # The reference form: assign-fragments and attach-photos inline it (with norm) where they see every
    # bigram of the page, and the tests hold their figures to it.  map() over C functions throughout.
    return dict(zip(grams, map(mul, grams.values(), map(idf.get, grams, repeat(0.1)))))


def page_frequencies(texts: list[Counter[str]]) -> tuple[Counter[str], dict[int, float]]:
    """Each bigram's document frequency over the texts, and each frequency's weight: rarer on the page weighs more."""
    df: Counter[str] = Counter(chain.from_iterable(texts))  # each text's distinct bigrams, counted in one call
    # The weight depends only on the count: one log per distinct count, not per bigram.
    return df, {c: math.log((1 + len(texts)) / (1 + c)) + 0.1 for c in set(df.values())}


def norm(vector: dict[str, float]) -> float:
    """Euclidean length of a weighted vector."""
    return math.hypot(*vector.values())


def dot(vector: dict[str, float], profile: dict[str, float]) -> float:
    """Dot product of a (short) vector with a (long) profile."""
    return sum(map(mul, vector.values(), map(profile.get, vector, repeat(0.0))))


def cosine_to(
    vector: dict[str, float], mine: float, profile: dict[str, float], norm: float, own: bool = False, left_out: float = 0.0
) -> float:
    """Cosine of a weighted vector (length ``mine``) with a profile (length ``norm``).

    With ``own`` the vector is part of the profile and is taken out of it first:
    (p - v)·v = p·v - |v|² and |p - v|² = |p|² - 2 p·v + |v|².  ``left_out`` is the
    dot product of entries left out of both ``vector`` and ``profile`` (but counted
    in the lengths).  Norms are passed in because profiles are long and compared many times.
    """
    return cosine_of(dot(vector, profile) + left_out, mine, norm, own)


def cosine_of(product: float, mine: float, norm: float, own: bool = False) -> float:
    """:func:`cosine_to` given the dot product (``left_out`` included)."""
    if own:
        mine_sq = mine * mine
        norm = math.sqrt(max(norm * norm - 2 * product + mine_sq, 0.0))
        product -= mine_sq
    return product / (mine * norm) if product > 0 and mine and norm else 0.0
