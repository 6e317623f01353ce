"""bench/diff.py makes the second version of a generated model: a share of its items changed."""

from __future__ import annotations

import importlib.util
import sys
from functools import cache
from types import ModuleType

from helpers import ROOT
from test_diff_versions import changes


@cache
def load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"bench_{name}", ROOT / "bench" / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being built
    spec.loader.exec_module(module)
    return module


def test_mutate_changes_the_share_of_items_asked_for() -> None:
    old = load("generate").generate(3, seed=0)
    new, counts = load("diff").mutate(old, share=0.05, seed=1)
    assert new != old
    chosen = round(counts["items"] * 0.05)
    assert counts["edited"] + counts["removed"] + counts["added"] == chosen
    assert min(counts["removed"], counts["added"], counts["edited"]) > 0
    found = changes(old, new)
    # Every removal and addition is one change; an edit is one or more (a removed role
    # also leaves its holder without accountability, say).
    assert len(found) >= chosen
    assert sum(c.kind == "added" for c in found) >= counts["added"]


def test_mutate_is_deterministic() -> None:
    old = load("generate").generate(2, seed=0)
    assert load("diff").mutate(old, seed=4) == load("diff").mutate(old, seed=4)
    assert load("diff").mutate(old, seed=4) != load("diff").mutate(old, seed=5)


def test_items_finds_block_and_flow_items() -> None:
    lines = [
        "roles:",
        "  - id: pm",
        "    title: PM",
        "  - {id: po, title: PO}",
        "handoffs:",
        "  - from: pm",
        "    to: po",
    ]
    assert load("diff").items(lines) == [(1, 3, "pm"), (3, 4, "po"), (5, 7, "pm")]
