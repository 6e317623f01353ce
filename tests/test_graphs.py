"""The plain-dict graph algorithms agree with networkx's (pomkit.domain.graphs)."""

from __future__ import annotations

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from pomkit.domain.graphs import immediate_dominators, reachable

NODES = [f"r{i}" for i in range(12)]
edges = st.lists(st.tuples(st.sampled_from(NODES), st.sampled_from(NODES)), max_size=40)


def adjacency(pairs: list[tuple[str, str]]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for a, b in pairs:
        out.setdefault(a, set()).add(b)
    return out


@settings(max_examples=300, deadline=None, derandomize=True)
@given(edges)
def test_immediate_dominators_match_networkx(pairs: list[tuple[str, str]]) -> None:
    graph: nx.DiGraph[str] = nx.DiGraph(pairs)
    graph.add_node("r0")
    mine = immediate_dominators(adjacency(pairs), "r0")
    assert mine.pop("r0") == "r0"  # the start is its own
    theirs = dict(nx.immediate_dominators(graph, "r0"))
    theirs.pop("r0", None)  # networkx versions differ on listing the start
    assert mine == theirs


@settings(max_examples=300, deadline=None, derandomize=True)
@given(edges, st.sets(st.sampled_from(NODES), max_size=3))
def test_reachable_matches_networkx(pairs: list[tuple[str, str]], start: set[str]) -> None:
    graph: nx.DiGraph[str] = nx.DiGraph(pairs)
    graph.add_nodes_from(start)
    expected: set[str] = set()
    for node in start:
        for nxt in graph.successors(node):
            expected |= {nxt} | nx.descendants(graph, nxt)
    assert reachable(adjacency(pairs), start) == expected


def test_a_long_chain_needs_no_recursion() -> None:
    chain = {f"n{i}": {f"n{i + 1}"} for i in range(20_000)}
    idom = immediate_dominators(chain, "n0")
    assert idom["n20000"] == "n19999"
    assert len(reachable(chain, ["n0"])) == 20_000
