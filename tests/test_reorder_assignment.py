"""The matching behind join-cuts: exact on ordinary components, bounded on huge ones."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from newsarchive.reorder import assignment
from newsarchive.reorder.assignment import max_weight_matching


def _best_by_brute_force(edges):
    lefts = sorted({l for l, _ in edges})
    rights = sorted({r for _, r in edges})
    best = 0.0
    for choice in itertools.product([None, *rights], repeat=len(lefts)):
        used = [r for r in choice if r is not None]
        if len(used) != len(set(used)):
            continue
        total = sum(edges.get((l, r), 0.0) for l, r in zip(lefts, choice) if r is not None)
        if all(r is None or edges.get((l, r), 0) > 0 for l, r in zip(lefts, choice)):
            best = max(best, total)
    return best


@settings(max_examples=60, deadline=None)
@given(st.dictionaries(st.tuples(st.sampled_from("abcd"), st.sampled_from("wxyz")), st.floats(0.1, 10.0), max_size=10))
def test_small_components_are_matched_optimally(edges):
    matching = max_weight_matching(edges)
    assert len(set(matching.values())) == len(matching)  # one to one
    total = sum(edges[(l, r)] for l, r in matching.items())
    assert abs(total - _best_by_brute_force(edges)) < 1e-9


def test_few_heads_with_thousands_of_tails_are_matched_greedily(monkeypatch):
    def no_exact(cost):
        raise AssertionError("the exact solver must not run on a component this large")

    monkeypatch.setattr(assignment, "_hungarian", no_exact)
    # 150 heads (under the 200 of a square component) chained over 3,040 candidate tails
    edges = {(f"h{i}", f"t{i * 20 + k}"): 1.0 + ((i * 7 + k) % 13) / 13 for i in range(150) for k in range(40)}
    matching = max_weight_matching(edges)
    assert len(matching) == 150 and len(set(matching.values())) == 150
