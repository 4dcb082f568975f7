"""Time the priority topological order on graphs that stall at (almost) every node.

Usage (from the repository root): ``python benchmarks/ordering.py [--sizes 1000,2000,4000,8000]``

``topological_order`` (newsarchive/reorder/ordering.py) releases a node of a cycle
whenever every node left waits for another.  Two shapes of contradictory evidence
make that happen at nearly every node:

``pairs``  n/2 two-node cycles (a before b and b before a, again and again): the
           cycles are independent, so a stall costs a heap pop;
``chain``  every node waiting for both neighbours: one cycle that stays one as
           nodes leave it, so each release searches it again until the search
           budget (``SPLIT_BUDGET``) is spent.

Printed side by side with the specification (search the cycles of all the nodes
left at every stall, as the order did before), which is quadratic: it runs only up
to ``--reference-max`` nodes.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Callable, Collection, Sequence

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from newsarchive.reorder.ordering import strongly_connected, topological_order  # noqa: E402


class SearchEveryStall:
    """The specification of a release: search the cycles of all the nodes left, at every stall."""

    def __init__(self, successors: Sequence[Collection[int]], remaining: list[bool], priority: Callable[[int], tuple]) -> None:
        self.successors, self.remaining, self.priority = successors, remaining, priority

    def release(self) -> int:
        """The smallest-priority node of a cycle that nothing else left leads into."""
        nodes = [n for n in range(len(self.successors)) if self.remaining[n]]
        local = {node: k for k, node in enumerate(nodes)}
        edges = [[local[b] for b in self.successors[node] if b in local] for node in nodes]
        component = strongly_connected(edges)
        entered = {component[b] for a, t in enumerate(edges) for b in t if component[a] != component[b]}
        return min((nodes[k] for k in range(len(nodes)) if component[k] not in entered), key=self.priority)

    def removed(self, node: int) -> None:
        """Nothing to keep up to date."""


def reference_order(successors: Sequence[Collection[int]], priority: Callable[[int], tuple]) -> list[int]:
    """The order with a search of the cycles of all the nodes left at every stall."""
    return topological_order(successors, priority, breaker=SearchEveryStall)


def pairs(n: int) -> list[set[int]]:
    """n/2 two-node cycles."""
    graph: list[set[int]] = [set() for _ in range(n)]
    for k in range(0, n - 1, 2):
        graph[k].add(k + 1)
        graph[k + 1].add(k)
    return graph


def chain(n: int) -> list[set[int]]:
    """Every node before and after its neighbours."""
    graph: list[set[int]] = [set() for _ in range(n)]
    for k in range(n - 1):
        graph[k].add(k + 1)
        graph[k + 1].add(k)
    return graph


def _seconds(order: Callable[..., list[int]], graph: list[set[int]]) -> float:
    start = time.perf_counter()
    order(graph, lambda k: (k,))
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,2000,4000,8000,16000")
    parser.add_argument("--reference-max", type=int, default=4000, help="largest graph the quadratic reference runs on")
    args = parser.parse_args(argv)
    print("| graph | nodes | newsarchive s | search at every stall s | ratio |")
    print("|---|---:|---:|---:|---:|")
    for shape in (pairs, chain):
        for n in (int(s) for s in args.sizes.split(",")):
            graph = shape(n)
            ours = _seconds(topological_order, graph)
            if n <= args.reference_max:
                ref = _seconds(reference_order, graph)
                print(f"| {shape.__name__} | {n} | {ours:.3f} | {ref:.3f} | {ref / ours:.0f}x |")
            else:
                print(f"| {shape.__name__} | {n} | {ours:.3f} | (not run) | |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
