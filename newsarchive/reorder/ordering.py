"""A priority topological order, shared by the steps that order passages or layout blocks, and its cycle test."""

from __future__ import annotations

import heapq
from typing import Callable, Collection, Sequence


def topological_order(successors: Sequence[Collection[int]], priority: Callable[[int], tuple]) -> list[int]:
    """Nodes ``0..n-1`` in an order that respects ``successors[a]`` (a before each b) where it can.

    Kahn's algorithm, always taking the ready node with the smallest ``priority``
    (which must be unique per node, e.g. end with the node itself).  Evidence can
    contradict itself: when no node is ready, a cycle blocks the rest, and the
    node with the smallest priority *on a cycle that nothing else left leads
    into* is released, so every node comes out exactly once.  (Releasing the
    smallest of all the remaining nodes instead would put a node before the
    predecessors it still waits for, though it is on no cycle: a headline at the
    top right read before the column on the left that a cycle further down held up.)
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
            n = _cycle_to_break(successors, remaining, priority)
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


def _cycle_to_break(successors: Sequence[Collection[int]], remaining: set[int], priority: Callable[[int], tuple]) -> int:
    """The node to release when every remaining one waits: the smallest-priority node of a source cycle.

    Among the remaining nodes, the strongly connected components that no other
    remaining component leads into are cycles (a lone node there would be ready);
    releasing one of their nodes is the least that unblocks the order.
    """
    nodes = sorted(remaining)
    local = {node: k for k, node in enumerate(nodes)}
    edges = [[local[b] for b in successors[node] if b in local] for node in nodes]
    component = strongly_connected(edges)
    entered = {component[b] for a, targets in enumerate(edges) for b in targets if component[a] != component[b]}
    return min((nodes[k] for k in range(len(nodes)) if component[k] not in entered), key=priority)


def strongly_connected(successors: Sequence[Collection[int]]) -> list[int]:
    """An id of the strongly connected component of every node (Tarjan's algorithm, iterative)."""
    n = len(successors)
    index = [-1] * n
    low = [0] * n
    component = [-1] * n
    on_stack = [False] * n
    stack: list[int] = []
    counter = 0
    for root in range(n):
        if index[root] >= 0:
            continue
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack[root] = True
        work = [(root, iter(successors[root]))]
        while work:
            node, children = work[-1]
            for child in children:
                if index[child] < 0:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack[child] = True
                    work.append((child, iter(successors[child])))
                    break
                if on_stack[child]:
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    while True:
                        member = stack.pop()
                        on_stack[member] = False
                        component[member] = node
                        if member == node:
                            break
    return component
