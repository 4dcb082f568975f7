"""Minimum-cost assignment (Hungarian algorithm) on sparse bipartite graphs, split into components."""

from __future__ import annotations

from collections import defaultdict
from typing import Hashable, Mapping, TypeVar, cast

L = TypeVar("L", bound=Hashable)  # a left node (a head)
R = TypeVar("R", bound=Hashable)  # a right node (a tail)

INF = float("inf")
# A component is solved exactly while the Hungarian algorithm's O(n² (n + m)) steps (n left,
# m right nodes) stay within those of 200 left and 200 right nodes; larger ones are matched
# greedily.  Counting the right nodes too keeps a component of few heads but thousands of
# candidate tails bounded.
EXACT_LIMIT = 200
EXACT_WORK = EXACT_LIMIT**2 * (2 * EXACT_LIMIT)


def _greedy(edges: Mapping[tuple[L, R], float], lefts: list[L]) -> dict[L, R]:
    """Heaviest edge first, each node used once (deterministic: ties by node names)."""
    wanted = set(lefts)
    ranked = sorted(
        ((w, str(l), str(r), l, r) for (l, r), w in edges.items() if w > 0 and l in wanted),
        key=lambda e: (-e[0], e[1], e[2]),
    )
    used_left: set[L] = set()
    used_right: set[R] = set()
    out: dict[L, R] = {}
    for _, _, _, left, right in ranked:
        if left not in used_left and right not in used_right:
            out[left] = right
            used_left.add(left)
            used_right.add(right)
    return out


def _hungarian(cost: list[list[float]]) -> list[int]:
    """Rows → columns minimising total cost; needs len(rows) <= len(cols). O(n² m)."""
    n, m = len(cost), len(cost[0])
    u = [0.0] * (n + 1)
    v = [0.0] * (m + 1)
    p = [0] * (m + 1)
    way = [0] * (m + 1)
    for i in range(1, n + 1):
        p[0] = i
        j0 = 0
        minv = [INF] * (m + 1)
        used = [False] * (m + 1)
        while True:
            used[j0] = True
            i0 = p[j0]
            delta = INF
            j1 = 0
            row = cost[i0 - 1]
            ui0 = u[i0]
            for j in range(1, m + 1):
                if not used[j]:
                    cur = row[j - 1] - ui0 - v[j]
                    if cur < minv[j]:
                        minv[j] = cur
                        way[j] = j0
                    if minv[j] < delta:
                        delta = minv[j]
                        j1 = j
            for j in range(m + 1):
                if used[j]:
                    u[p[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if p[j0] == 0:
                break
        while True:
            j1 = way[j0]
            p[j0] = p[j1]
            j0 = j1
            if j0 == 0:
                break
    result = [-1] * n
    for j in range(1, m + 1):
        if p[j]:
            result[p[j] - 1] = j - 1
    return result


def max_weight_matching(edges: Mapping[tuple[L, R], float]) -> dict[L, R]:
    """A maximum-weight one-to-one matching of left to right nodes over positive-weight edges.

    Every left node may also stay unmatched (weight 0), so only edges that add
    weight are used.  The graph is split into connected components first, so
    the cost grows with the size of the largest component, not of the page.
    """
    adjacency: dict[tuple[str, Hashable], set[tuple[str, Hashable]]] = defaultdict(set)
    # Nodes are visited in sorted order so ties resolve the same way in every process
    # (set iteration order depends on string hashing, which Python randomizes).
    for (left, right), weight in sorted(edges.items(), key=lambda e: (str(e[0][0]), str(e[0][1]))):
        if weight > 0:
            adjacency[("L", left)].add(("R", right))
            adjacency[("R", right)].add(("L", left))
    seen: set[tuple[str, Hashable]] = set()
    matching: dict[L, R] = {}
    for start in sorted(adjacency, key=lambda n: (n[0], str(n[1]))):
        if start in seen:
            continue
        component = []
        stack = [start]
        seen.add(start)
        while stack:
            node = stack.pop()
            component.append(node)
            for other in sorted(adjacency[node], key=lambda n: (n[0], str(n[1]))):
                if other not in seen:
                    seen.add(other)
                    stack.append(other)
        # The graph keeps both sides' nodes in one set, tagged "L" or "R".
        lefts = cast("list[L]", sorted((key for side, key in component if side == "L"), key=str))
        rights = cast("list[R]", sorted((key for side, key in component if side == "R"), key=str))
        if len(lefts) ** 2 * (len(lefts) + len(rights)) > EXACT_WORK:
            # A pathological page (thousands of cut candidates in one component): the exact
            # O(n² m) solution would take minutes, so take the heaviest free edges first
            # (a 1/2-approximation of the optimum) and keep the time near-linear.
            matching.update(_greedy(edges, lefts))
            continue
        if len(lefts) == 1:
            left = lefts[0]
            best = max(rights, key=lambda r: (edges[(left, r)], -rights.index(r)))
            matching[left] = best
            continue
        # Columns: the real right nodes, then one "stay unmatched" column per left node.
        big = 1e9
        cost = []
        for li, left in enumerate(lefts):
            row = [-edges[(left, r)] if edges.get((left, r), 0) > 0 else big for r in rights]
            row += [0.0 if k == li else big for k in range(len(lefts))]
            cost.append(row)
        for li, col in enumerate(_hungarian(cost)):
            if col < len(rights) and cost[li][col] < 0:
                matching[lefts[li]] = rights[col]
    return matching
