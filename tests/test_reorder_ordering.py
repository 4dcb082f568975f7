"""The shared priority topological order."""

from newsarchive.reorder.ordering import topological_order


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
