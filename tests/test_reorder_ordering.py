"""The shared priority topological order."""

from newsarchive.reorder.ordering import topological_order


def test_constraints_respected_and_priority_breaks_ties():
    # 2 must precede 0; otherwise the smallest priority (node number) first.
    assert topological_order([set(), set(), {0}], lambda n: (n,)) == [1, 2, 0]


def test_cycle_releases_the_smallest_priority_and_keeps_every_node():
    # 2 is ready at once; then only the cycle 0 <-> 1 is left, and 0 (smaller priority) is released.
    assert topological_order([{1}, {0}, set()], lambda n: (n,)) == [2, 0, 1]
