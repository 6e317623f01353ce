"""Properties of the diff over every example and generated models, under random edits.

- ``diff(a, a)`` is empty, for the models as shipped or generated and for every edited one;
- ``diff(a, b)`` reverses ``diff(b, a)``: each change has exactly one counterpart with the
  same entity and field, OLD's and NEW's ids swapped, added ↔ removed and before ↔ after.
"""

from __future__ import annotations

import copy
import importlib.util
import json
from collections import Counter
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import ROOT, example_files
from pomkit.changes.records import Change
from pomkit.model import ID_KINDS
from test_diff_versions import changes, data_of, emit

REVERSED_KIND = {"added": "removed", "removed": "added", "changed": "changed", "renamed": "renamed"}


@cache
def generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_generate", ROOT / "bench" / "generate.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@cache
def model_text(name: str) -> str:
    if name.startswith("generated-"):
        teams = int(name.removeprefix("generated-"))
        text: str = generator().generate(teams, seed=teams)
        return text
    return (ROOT / "examples" / f"{name}.yaml").read_text(encoding="utf-8")


MODELS = [p.stem for p in example_files()] + [
    "generated-1",
    "generated-3",
    "invalid/structure-errors",
    "invalid/org-defects",
]


def key(change: Change) -> tuple[Any, ...]:
    return (
        change.entity,
        change.old_ident or change.ident,
        change.ident,
        change.path,
        change.kind,
        json.dumps(change.before, sort_keys=True),
        json.dumps(change.after, sort_keys=True),
    )


def reversed_key(change: Change) -> tuple[Any, ...]:
    return (
        change.entity,
        change.ident,
        change.old_ident or change.ident,
        change.path,
        REVERSED_KIND[change.kind],
        json.dumps(change.after, sort_keys=True),
        json.dumps(change.before, sort_keys=True),
    )


def assert_reverses(a: str, b: str) -> list[Change]:
    forward, backward = changes(a, b), changes(b, a)
    assert Counter(map(reversed_key, forward)) == Counter(map(key, backward))
    return forward


# --------------------------------------------------------------------------- edits


def _lists(data: dict[str, Any]) -> list[tuple[str, list[Any]]]:
    out = []
    for kind, where in ID_KINDS.items():
        node: Any = data
        for part in where:
            node = node.get(part) if isinstance(node, dict) else None
        if isinstance(node, list) and node:
            out.append((kind, node))
    return out


def _text(value: Any) -> Any:
    return getattr(value, "text", value)


def edit(data: dict[str, Any], op: str, seed: int) -> None:
    """Apply one edit, chosen by ``op``, to an item chosen by ``seed``."""
    lists = _lists(data)
    kind, items = lists[seed % len(lists)]
    item = items[(seed // 7) % len(items)]
    roles = [_text(r.get("id")) for r in data.get("roles", []) if isinstance(r, dict)]
    other = roles[(seed // 13) % len(roles)] if roles else "pm"
    if not isinstance(item, dict):
        return
    ident = _text(item.get("id"))
    if op == "remove":
        items.remove(item)
    elif op == "add" and isinstance(ident, str):
        items.append({**copy.deepcopy(item), "id": f"{ident}-new"})
    elif op == "rename" and isinstance(ident, str) and kind != "principle":
        item["id"], item["renamed_from"] = f"{ident}-renamed", ident
    elif op == "rename-undeclared" and isinstance(ident, str) and kind != "principle":
        item["id"] = f"{ident}-other"
    elif op == "owner":
        for field in ("owner", "accountable", "facilitator", "from", "to"):
            if field in item:
                item[field] = other
                break
    elif op == "lists":
        for field in ("responsible", "consulted", "participants", "informed", "feeds"):
            if isinstance(item.get(field), list) and item[field]:
                item[field] = item[field][1:] + ([other] if field != "feeds" else [])
                break
    elif op == "durations":
        for field in ("cadence", "frequency", "response_time", "resolution_time"):
            if field in item:
                item[field] = ["1h", "2d", "P1W", "monthly", "3w"][seed % 5]
                break
    elif op == "numbers":
        roles, kpis = data.get("roles") or [], data.get("kpis") or []
        if seed % 2 and roles:
            roles[seed % len(roles)]["people"] = 10 + seed % 9
        elif kpis and isinstance(kpis[seed % len(kpis)].get("target"), dict):
            kpis[seed % len(kpis)]["target"]["value"] = 1000 + seed % 200
    elif op == "text":
        for field in ("name", "title", "activity", "statement", "artifact"):
            if field in item:
                item[field] = f"{_text(item[field])} (revised)"
                break
    elif op == "model":
        data["type"] = ["hybrid", "platform", "agile"][seed % 3]
        data["archetypes"] = [["agile"], [], ["lean-startup", "agile"]][seed % 3]


OPS = [
    "remove",
    "add",
    "rename",
    "rename-undeclared",
    "owner",
    "lists",
    "durations",
    "numbers",
    "text",
    "model",
]


# --------------------------------------------------------------------------- properties


@pytest.mark.parametrize("name", MODELS)
def test_a_model_against_itself_is_no_change(name: str) -> None:
    text = model_text(name)
    assert changes(text, text) == []
    again = emit(data_of(text))
    assert changes(text, again) == []


@pytest.mark.parametrize("name", MODELS)
@settings(
    max_examples=8,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    edits=st.lists(st.tuples(st.sampled_from(OPS), st.integers(0, 10**6)), min_size=1, max_size=5)
)
def test_an_edited_model_against_itself_is_no_change_and_a_diff_reverses(
    name: str, edits: list[tuple[str, int]]
) -> None:
    text = model_text(name)
    data = data_of(text)
    for op, seed in edits:
        edit(data, op, seed)
    other = emit(data)
    assert changes(other, other) == []
    assert_reverses(text, other)


def test_every_edit_is_seen(tmp_path: Path) -> None:
    text = model_text("agile")
    for op in OPS:
        data = data_of(text)
        edit(data, op, 12345)
        found = assert_reverses(text, emit(data))
        assert found, f"{op}: no change found"


@pytest.mark.parametrize("kind", ["role", "kpi", "stage", "tier", "ceremony", "team"])
def test_a_declared_rename_with_its_references_is_one_change_both_ways(kind: str) -> None:
    text = model_text("platform")
    data = data_of(text)
    old_id = _text(dict(_lists(data))[kind][1]["id"])
    flow = emit(data, style="flow")
    flow = flow.replace(f'"{old_id}"', f'"{old_id}-x"').replace(f':{old_id}"', f':{old_id}-x"')
    flow = flow.replace(f'"id": "{old_id}-x"', f'"id": "{old_id}-x", "renamed_from": "{old_id}"', 1)
    found = assert_reverses(text, flow)
    assert [(c.kind, c.before, c.after) for c in found] == [("renamed", old_id, f"{old_id}-x")]
