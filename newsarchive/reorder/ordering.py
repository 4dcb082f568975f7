"""A priority topological order, shared by the steps that order passages or layout blocks."""

from __future__ import annotations

import heapq
from typing import Callable, Collection, Sequence


def topological_order(successors: Sequence[Collection[int]], priority: Callable[[int], tuple]) -> list[int]:
    """Nodes ``0..n-1`` in an order that respects ``successors[a]`` (a before each b) where it can.

    Kahn's algorithm, always taking the ready node with the smallest ``priority``
    (which must be unique per node, e.g. end with the node itself).  Evidence can
    contradict itself; on a cycle the remaining node with the smallest priority
    is released, so every node comes out exactly once.
    """
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
            n = min(remaining, key=priority)
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
