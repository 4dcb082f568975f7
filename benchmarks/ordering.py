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
import heapq
import sys
import time
from pathlib import Path
from typing import Callable, Collection, Sequence

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from newsarchive.reorder.ordering import strongly_connected, topological_order  # noqa: E402


def reference_order(successors: Sequence[Collection[int]], priority: Callable[[int], tuple]) -> list[int]:
    """The order with a search of the cycles of all the nodes left at every stall."""
    indegree = [0] * len(successors)
    for targets in successors:
        for b in targets:
            indegree[b] += 1
    ready = [(priority(n), n) for n in range(len(successors)) if indegree[n] == 0]
    heapq.heapify(ready)
    remaining = set(range(len(successors)))
    done: list[int] = []
    while remaining:
        if not ready:
            nodes = sorted(remaining)
            local = {node: k for k, node in enumerate(nodes)}
            edges = [[local[b] for b in successors[node] if b in local] for node in nodes]
            component = strongly_connected(edges)
            entered = {component[b] for a, t in enumerate(edges) for b in t if component[a] != component[b]}
            n = min((nodes[k] for k in range(len(nodes)) if component[k] not in entered), key=priority)
            ready = [(priority(n), n)]
        _, n = heapq.heappop(ready)
        if n not in remaining:
            continue
        remaining.discard(n)
        done.append(n)
        for b in successors[n]:
            if b in remaining:
                indegree[b] -= 1
                if indegree[b] == 0:
                    heapq.heappush(ready, (priority(b), b))
    return done


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
    print(f"| graph | nodes | newsarchive s | search at every stall s | ratio |")
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
