"""A priority topological order, shared by the steps that order passages or layout blocks, and its cycle test."""

from __future__ import annotations

import heapq
from typing import Callable, Collection, Protocol, Sequence

SPLIT_BUDGET = 20  # searches of components, in multiples of the graph's size, before they are kept as found


class CycleBreaker(Protocol):
    """Picks the node to release when every node left waits for another, told of every node ordered."""

    def release(self) -> int:
        """The node to order next although it still waits."""
        ...

    def removed(self, node: int) -> None:
        """``node`` has been ordered."""
        ...


def topological_order(
    successors: Sequence[Collection[int]],
    priority: Callable[[int], tuple],
    *,
    breaker: Callable[[Sequence[Collection[int]], list[bool], Callable[[int], tuple]], CycleBreaker] | None = None,
) -> list[int]:
    """Nodes ``0..n-1`` in an order that respects ``successors[a]`` (a before each b) where it can.

    Kahn's algorithm, always taking the ready node with the smallest ``priority``
    (which must be unique per node, e.g. end with the node itself).  Evidence can
    contradict itself: when no node is ready, a cycle blocks the rest, and the
    node with the smallest priority *on a cycle that nothing else left leads
    into* is released, so every node comes out exactly once.  (Releasing the
    smallest of all the remaining nodes instead would put a node before the
    predecessors it still waits for, though it is on no cycle: a headline at the
    top right read before the column on the left that a cycle further down held up.)
    The cycles are found once and kept up to date (:class:`_Cycles`), so a page
    that stalls often costs about linear time, not a new search per stall.
    ``breaker`` makes another :class:`CycleBreaker` from the successors, the
    flags of the nodes not yet ordered, and the priority (for tests and benchmarks).
    """
    indegree = [0] * len(successors)
    for targets in successors:
        for b in targets:
            indegree[b] += 1
    ready = [(priority(n), n) for n in range(len(successors)) if indegree[n] == 0]
    heapq.heapify(ready)
    remaining = [True] * len(successors)
    left = len(successors)
    cycles: CycleBreaker | None = None
    done: list[int] = []
    while left:
        if not ready:
            if cycles is None:
                cycles = (breaker or _Cycles)(successors, remaining, priority)
            n = cycles.release()
            ready = [(priority(n), n)]
        _, n = heapq.heappop(ready)
        if not remaining[n]:
            continue
        remaining[n] = False
        left -= 1
        done.append(n)
        if cycles is not None:
            cycles.removed(n)
        for b in successors[n]:
            if remaining[b]:
                indegree[b] -= 1
                if indegree[b] == 0:
                    heapq.heappush(ready, (priority(b), b))
    return done


class _Cycles:
    """The strongly connected components of the nodes not yet ordered, kept up to date as nodes leave.

    A component stays whole until one of its nodes is released (a node on a
    cycle waits for another node of it), so only the released node's component
    is searched again, without that node.  Each component counts the edges that
    enter it from other components still waiting; one with none is a *source*,
    and its nodes are candidates for release, kept in a heap by priority.
    Past a budget of searching (a page built to stall at every node), a
    component is no longer split when a node leaves it, and a release takes the
    smallest node of a source component as last found: the order stays
    complete, at worst less exact.
    """

    def __init__(self, successors: Sequence[Collection[int]], remaining: list[bool], priority: Callable[[int], tuple]) -> None:
        self.successors = successors
        self.remaining = remaining
        self.priority = priority
        self.predecessors: list[list[int]] = [[] for _ in successors]
        for a, targets in enumerate(successors):
            for b in targets:
                self.predecessors[b].append(a)
        self.component = [-1] * len(successors)
        self.members: list[list[int]] = []
        self.entering: list[int] = []
        self.candidates: list[tuple[tuple, int, int]] = []  # (priority, node, component) of source components
        edges = sum(len(t) for t in successors)
        self.budget = SPLIT_BUDGET * (len(successors) + edges)
        self._split([n for n in range(len(successors)) if remaining[n]], excluded=None)

    def _split(self, nodes: list[int], excluded: int | None) -> None:
        """New components for ``nodes`` (their strongly connected components), with their entering edges."""
        local = {node: k for k, node in enumerate(nodes)}
        edges = [[local[b] for b in self.successors[node] if b in local] for node in nodes]
        self.budget -= len(nodes) + sum(map(len, edges))
        found = strongly_connected(edges)
        ids: dict[int, int] = {}
        for k, node in enumerate(nodes):
            if found[k] not in ids:
                ids[found[k]] = len(self.members)
                self.members.append([])
                self.entering.append(0)
            self.component[node] = ids[found[k]]
            self.members[ids[found[k]]].append(node)
        # Edges from the released node count too (it still holds its old component): they enter the
        # new components until it is ordered, and ordering it takes them off (removed).
        for node in nodes:
            for a in self.predecessors[node]:
                if self.remaining[a] and self.component[a] != self.component[node]:
                    self.entering[self.component[node]] += 1
        if excluded is not None:  # the released node leaves as a component of its own
            self.component[excluded] = len(self.members)
            self.members.append([excluded])
            self.entering.append(0)
        for c in set(ids.values()):
            if self.entering[c] == 0:
                self._candidates(c)

    def _candidates(self, c: int) -> None:
        for node in self.members[c]:
            if self.remaining[node]:
                heapq.heappush(self.candidates, (self.priority(node), node, c))

    def removed(self, node: int) -> None:
        """``node`` is ordered: the components it entered lose an entering edge."""
        c = self.component[node]
        for b in self.successors[node]:
            d = self.component[b]
            if self.remaining[b] and d != c:
                self.entering[d] -= 1
                if self.entering[d] == 0:
                    self._candidates(d)

    def release(self) -> int:
        """The smallest-priority node of a source component (every remaining node is waiting)."""
        while True:
            _, node, c = heapq.heappop(self.candidates)
            if self.remaining[node] and self.component[node] == c and self.entering[c] == 0:
                break
        if self.budget > 0:
            rest = [m for m in self.members[c] if self.remaining[m] and m != node]
            if rest:
                self._split(rest, excluded=node)
        return node


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
