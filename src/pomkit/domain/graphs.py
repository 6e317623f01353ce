"""Graph algorithms on plain adjacency maps, for the checks every run makes.

``pomkit validate`` runs on one typical model many times a day (pre-commit, CI),
and there start-up dominates: importing networkx costs more than the checks
themselves. The two algorithms every run needs — reachability and immediate
dominators — are small, so they live here over ``dict[str, set[str]]``, the same
iterative algorithms networkx uses (breadth-first search; Cooper, Harvey and
Kennedy's "A Simple, Fast Dominance Algorithm", 2001). The graphs themselves are
also offered as networkx graphs (:attr:`Organisation.handoff_graph`) for analyses
that want the library.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Collection, Iterable, Mapping

Adjacency = Mapping[str, Collection[str]]


def reachable(successors: Adjacency, start: Iterable[str]) -> set[str]:
    """Nodes reachable from ``start`` through at least one edge (one BFS)."""
    reached: set[str] = set()
    queue: deque[str] = deque(start)
    while queue:
        for nxt in successors.get(queue.popleft(), ()):
            if nxt not in reached:
                reached.add(nxt)
                queue.append(nxt)
    return reached


def _postorder(successors: Adjacency, start: str) -> list[str]:
    """Nodes reachable from ``start`` in depth-first postorder, without recursion."""
    order: list[str] = []
    seen = {start}
    stack: list[tuple[str, Iterable[str]]] = [(start, iter(successors.get(start, ())))]
    while stack:
        node, children = stack[-1]
        for child in children:
            if child not in seen:
                seen.add(child)
                stack.append((child, iter(successors.get(child, ()))))
                break
        else:
            stack.pop()
            order.append(node)
    return order


def immediate_dominators(successors: Adjacency, start: str) -> dict[str, str]:
    """The immediate dominator of every node reachable from ``start`` (``start`` maps to
    itself): the last node that every path from ``start`` to it passes through."""
    order = _postorder(successors, start)
    rank = {node: i for i, node in enumerate(order)}
    predecessors: dict[str, list[str]] = {node: [] for node in order}
    for node in order:
        for nxt in successors.get(node, ()):
            if nxt in predecessors:
                predecessors[nxt].append(node)
    idom: dict[str, str] = {start: start}
    changed = True
    while changed:
        changed = False
        for node in reversed(order):  # reverse postorder
            if node == start:
                continue
            new: str | None = None
            for pred in predecessors[node]:
                if pred not in idom:
                    continue
                if new is None:
                    new = pred
                    continue
                a, b = pred, new
                while a != b:
                    while rank[a] < rank[b]:
                        a = idom[a]
                    while rank[b] < rank[a]:
                        b = idom[b]
                new = a
            if new is not None and idom.get(node) != new:
                idom[node] = new
                changed = True
    return idom
