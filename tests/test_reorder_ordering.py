"""The shared priority topological order."""

import functools
import importlib.util
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from newsarchive.reorder.ordering import topological_order

ROOT = Path(__file__).resolve().parent.parent


def test_constraints_respected_and_priority_breaks_ties():
    # 2 must precede 0; otherwise the smallest priority (node number) first.
    assert topological_order([set(), set(), {0}], lambda n: (n,)) == [1, 2, 0]


def test_cycle_releases_the_smallest_priority_and_keeps_every_node():
    # 2 is ready at once; then only the cycle 0 <-> 1 is left, and 0 (smaller priority) is released.
    assert topological_order([{1}, {0}, set()], lambda n: (n,)) == [2, 0, 1]


def test_a_node_on_no_cycle_waits_for_its_predecessor_on_a_cycle():
    # 0 waits for 1; 1 and 2 wait for each other.  Every node waits, so a cycle must be broken: it is broken
    # inside the cycle (1, the smaller of 1 and 2), not by releasing 0, the smallest overall, before 1.
    assert topological_order([set(), {0, 2}, {1}], lambda n: (n,)) == [1, 0, 2]


def test_a_cycle_downstream_of_another_is_broken_only_when_reached():
    # 0 <-> 1 is a cycle that leads into the cycle 2 <-> 3; the upstream one is broken first.
    order = topological_order([{1}, {0, 2}, {3}, {2}], lambda n: (-n,))  # priority prefers larger numbers
    assert order.index(1) < order.index(2) and order.index(0) < order.index(2) and sorted(order) == [0, 1, 2, 3]


@functools.cache
def _bench():
    """benchmarks/ordering.py: the specification of the order and the graphs that stall."""
    spec = importlib.util.spec_from_file_location("newsarchive_bench_ordering", ROOT / "benchmarks" / "ordering.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _reference_order(successors, priority):
    """The specification: at every stall, search the cycles of all the nodes left."""
    return _bench().reference_order(successors, priority)


@settings(max_examples=400, deadline=None)
@given(st.data())
def test_order_equals_a_search_of_the_cycles_at_every_stall(data):
    n = data.draw(st.integers(0, 14))
    successors = [set(data.draw(st.lists(st.integers(0, max(n - 1, 0)), max_size=4))) if n else set() for _ in range(n)]
    keys = data.draw(st.lists(st.integers(0, 5), min_size=n, max_size=n))
    priority = lambda k: (keys[k], k)  # noqa: E731
    assert topological_order(successors, priority) == _reference_order(successors, priority)


def test_a_page_that_stalls_at_every_node_is_ordered_whole():
    # The cost of such graphs (43 s and 22 s with a search at every stall) is measured by benchmarks/bounds.py.
    pairs = _bench().pairs(8000)  # 4,000 two-node cycles: a stall for each
    chain = _bench().chain(4000)  # neighbours each waiting for the other: one cycle, peeled node by node
    assert topological_order(pairs, lambda k: (k,)) == list(range(8000))
    assert topological_order(chain, lambda k: (k,)) == list(range(4000))
