"""Structure-aware fuzzing: mutated shipped models never crash pomkit, API or CLI.

Each example is a seed: its data tree is mutated by Hypothesis (keys dropped, list
items deleted or repeated, scalars replaced by other types, huge numbers and
durations, unicode and control characters, deep nesting, empty lists, ids swapped,
renamed or repeated, references left dangling, sections of the wrong type), dumped
back to YAML and validated. The checks: no exception out of :func:`pomkit.validate`;
``pomkit validate`` exits 0, 1 or 2 and writes JSON and SARIF that parse; never an
"internal error".

CI runs a fixed, small budget (derandomized, so a run is repeatable); set
``POMKIT_FUZZ_EXAMPLES=5000`` for a long run.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import os
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, Phase, find, given, note, settings
from hypothesis import strategies as st

import pomkit
from helpers import EXAMPLES, example_files, invoke, run_pomkit
from pomkit.config import FileConfig
from pomkit.findings import Finding
from pomkit.loader import parse
from pomkit.model import ID_KINDS
from pomkit.scalars import Plain

BUDGET = int(os.environ.get("POMKIT_FUZZ_EXAMPLES", "60"))
Path_ = tuple[str | int, ...]


def _plain(data: Any) -> Any:
    """Loaded data as plain Python that PyYAML dumps: a number or boolean as its value,
    anything the loader refused as null."""
    if isinstance(data, dict):
        return {str(k): _plain(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_plain(v) for v in data]
    if isinstance(data, Plain):
        return data.value
    return data if data is None or isinstance(data, str) else None


def _seeds() -> dict[str, Any]:
    """Data trees of every shipped model, as pomkit reads them (YAML 1.2)."""
    out = {}
    for path in [*example_files(), *sorted((EXAMPLES / "invalid").glob("*.yaml"))]:
        data = parse(path.read_text(encoding="utf-8"), str(path)).data
        if isinstance(data, dict):
            out[path.stem] = _plain(data)
    return out


SEEDS = _seeds()

# --------------------------------------------------------------------------- values

#: Text no YAML model should choke on.
HOSTILE_TEXT = (
    "1" + "0" * 300 + "w",
    "P" + "9" * 400 + "D",
    "9" * 400,
    "-1h",
    "0w",
    "2026-02-30",
    "2026-Q3",
    "yes",
    "no",
    "0755",
    "~",
    "null",
    ".nan",
    "kpi:",
    "kpi:Bad Ref",
    ":",
    "- x",
    "{a: b}",
    "*alias",
    "&anchor x",
    "!!python/object:os.system",
    "\x00",
    "\x1b[31mred\x1b[0m",
    "\u202eevil",
    "\ufeffbom",
    "\u200b",
    "e\u0301",
    "🚀" * 10,
    "x" * 5000,
    "line\nbreak",
    "tab\there",
    "  padded  ",
    "",
)
TEXT = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=40)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.sampled_from([10**300, -(10**300), 2**63, -(2**63) - 1]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates(min_value=dt.date(1, 1, 1)),
    TEXT,
    st.sampled_from(HOSTILE_TEXT),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(TEXT, inner, max_size=4)),
    max_leaves=12,
)


def _deep(levels: int, mapping: bool) -> Any:
    value: Any = "bottom"
    for _ in range(levels):
        value = {"k": value} if mapping else [value]
    return value


DEEP = st.builds(_deep, st.integers(10, 90), st.booleans())
EMPTY = st.sampled_from([[], {}, "", None])
REPLACEMENTS = st.one_of(VALUES, DEEP, EMPTY)

# --------------------------------------------------------------------------- mutations

Draw = Callable[[st.SearchStrategy[Any]], Any]


def nodes(tree: Any, path: Path_ = ()) -> Iterator[Path_]:
    """Every path in ``tree``, the root's included."""
    yield path
    if isinstance(tree, dict):
        for key, value in tree.items():
            yield from nodes(value, (*path, key))
    elif isinstance(tree, list):
        for i, value in enumerate(tree):
            yield from nodes(value, (*path, i))


def at(tree: Any, path: Path_) -> Any:
    for part in path:
        tree = tree[part]
    return tree


def put(tree: Any, path: Path_, value: Any) -> Any:
    """``tree`` with ``value`` at ``path`` (the new root when ``path`` is empty)."""
    if not path:
        return value
    at(tree, path[:-1])[path[-1]] = value
    return tree


def id_items(tree: Any) -> list[dict[str, Any]]:
    """The id-bearing mappings of ``tree``'s lists of items."""
    out = []
    for where in ID_KINDS.values():
        node = tree
        for key in where:
            node = node.get(key) if isinstance(node, dict) else None
        if isinstance(node, list):
            out.extend(i for i in node if isinstance(i, dict) and isinstance(i.get("id"), str))
    return out


def replace(draw: Draw, tree: Any) -> Any:
    path = draw(st.sampled_from(list(nodes(tree))))
    return put(tree, path, draw(REPLACEMENTS))


def drop(draw: Draw, tree: Any) -> Any:
    found = [p for p in nodes(tree) if p]
    if not found:
        return tree
    path = draw(st.sampled_from(found))
    del at(tree, path[:-1])[path[-1]]
    return tree


def repeat(draw: Draw, tree: Any) -> Any:
    found = [p for p in nodes(tree) if p and isinstance(p[-1], int)]
    if not found:
        return tree
    path = draw(st.sampled_from(found))
    parent = at(tree, path[:-1])
    parent.insert(int(path[-1]), copy.deepcopy(parent[path[-1]]))
    return tree


def add_key(draw: Draw, tree: Any) -> Any:
    found = [p for p in nodes(tree) if isinstance(at(tree, p), dict)]
    if not found:
        return tree
    mapping = at(tree, draw(st.sampled_from(found)))
    mapping[draw(st.one_of(TEXT, st.sampled_from(["id", "owner", "type", "<<"])))] = draw(VALUES)
    return tree


def swap_ids(draw: Draw, tree: Any) -> Any:
    items = id_items(tree)
    if len(items) < 2:
        return tree
    a, b = draw(st.lists(st.sampled_from(items), min_size=2, max_size=2))
    a["id"], b["id"] = b["id"], a["id"]
    return tree


def rename_id(draw: Draw, tree: Any) -> Any:
    items = id_items(tree)
    if not items:
        return tree
    item = draw(st.sampled_from(items))
    others = [i["id"] for i in items]
    item["id"] = draw(st.one_of(st.sampled_from(others), TEXT, st.just(item["id"] + "-renamed")))
    return tree


def dangle(draw: Draw, tree: Any) -> Any:
    """A reference (any text that is an id of the model, other than the id itself) that
    names nothing any more."""
    ids = {i["id"] for i in id_items(tree)}
    found = [
        p
        for p in nodes(tree)
        if p
        and p[-1] != "id"
        and isinstance(at(tree, p), str)
        and at(tree, p).split(":")[-1] in ids
    ]
    if not found:
        return tree
    path = draw(st.sampled_from(found))
    return put(tree, path, draw(st.sampled_from(["no-such-thing", "kpi:no-such-kpi", "Bad Ref"])))


#: Fields whose values pomkit parses or follows: durations, numbers, flags, enums, references.
TYPED_KEYS = frozenset(
    {
        "cadence", "frequency", "iteration", "response_time", "resolution_time", "duration",
        "value", "op", "people", "wip_limit", "automated", "self_service", "phase", "type",
        "kind", "element", "category", "source", "framework", "strategy", "status", "feeds",
        "participants", "evidence", "id", "owner", "escalates_to", "parent", "reports_to",
        "team", "goal", "goals", "kpis", "via", "stage", "from", "to", "accountable",
        "responsible", "facilitator", "updated", "expires", "rule", "target",
    }
)  # fmt: skip


def retype(draw: Draw, tree: Any) -> Any:
    """A value pomkit parses or follows replaced (a huge duration, a date that is none …)."""
    found = [p for p in nodes(tree) if p and p[-1] in TYPED_KEYS]
    if not found:
        return tree
    path = draw(st.sampled_from(found))
    return put(tree, path, draw(st.one_of(st.sampled_from(HOSTILE_TEXT), SCALARS, EMPTY)))


def link(draw: Draw, tree: Any) -> Any:
    """A reference pointed at any id of the model (its own item's included): cycles in
    escalation, team and reporting trees, references to ids of the wrong kind."""
    items = id_items(tree)
    if not items:
        return tree
    item = draw(st.sampled_from(items))
    key = draw(st.sampled_from(["parent", "escalates_to", "reports_to", "team", "owner", "via"]))
    item[key] = draw(st.sampled_from([i["id"] for i in items]))
    return tree


def section(draw: Draw, tree: Any) -> Any:
    if not isinstance(tree, dict) or not tree:
        return tree
    tree[draw(st.sampled_from(sorted(tree)))] = draw(REPLACEMENTS)
    return tree


MUTATIONS = (replace, drop, repeat, add_key, swap_ids, rename_id, dangle, retype, link, section)


@dataclass(frozen=True)
class Mutant:
    """One example after a few mutations, as YAML (shown short: the text is long)."""

    seed: str
    mutations: tuple[str, ...]
    text: str

    def __repr__(self) -> str:
        return f"Mutant({self.seed!r}, {self.mutations}, {len(self.text)} characters)"


@st.composite
def mutants(draw: Draw) -> Mutant:
    name = draw(st.sampled_from(sorted(SEEDS)))
    tree = copy.deepcopy(SEEDS[name])
    applied = draw(st.lists(st.sampled_from(MUTATIONS), min_size=1, max_size=6))
    for mutation in applied:
        tree = mutation(draw, tree)
    text = yaml.safe_dump(tree, allow_unicode=True, sort_keys=False)
    return Mutant(name, tuple(m.__name__ for m in applied), text)


# --------------------------------------------------------------------------- the checks


def check_file(path: Path) -> None:
    """What must hold for any file: no exception, a known exit code, output that parses."""
    found = pomkit.validate(path, FileConfig())
    assert all(isinstance(f, Finding) and f.line >= 1 and f.column >= 1 for f in found)
    for form, key in (("json", "files"), ("sarif", "runs")):
        code, out, err = invoke("validate", "--format", form, str(path))
        assert code in (0, 1, 2), (code, err)
        assert "internal error" not in err
        if code != 2 or out.strip():
            assert key in json.loads(out)


def test_every_seed_is_a_model() -> None:
    assert len(SEEDS) == len(example_files()) + len(list((EXAMPLES / "invalid").glob("*.yaml")))
    with tempfile.TemporaryDirectory() as where:
        for name, tree in SEEDS.items():
            path = Path(where) / f"{name}.yaml"
            path.write_text(yaml.safe_dump(tree, allow_unicode=True), encoding="utf-8")
            assert pomkit.load(path, strict=False).model is not None, name


@settings(
    max_examples=BUDGET,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(mutants())
def test_a_mutated_model_never_crashes_pomkit(mutant: Mutant) -> None:
    note(mutant.text[:20_000])
    with tempfile.TemporaryDirectory() as where:
        (Path(where) / ".pomkit.yaml").write_text("fail_on: error\n", encoding="utf-8")
        path = Path(where) / "model.yaml"
        path.write_text(mutant.text, encoding="utf-8")
        check_file(path)


def test_a_mutated_model_through_the_real_cli(tmp_path: Path) -> None:
    """One case end to end in a subprocess: a model with most of its sections of the
    wrong type, deep nesting and hostile text."""
    tree = copy.deepcopy(SEEDS["agile"])
    tree["roles"] = "none"
    tree["kpis"][0]["frequency"] = "1" + "0" * 300 + "w"
    tree["strategy"] = _deep(80, mapping=True)
    tree["teams"][0]["name"] = "\u202e\x1b[31m\x00"
    tree["handoffs"].append(copy.deepcopy(tree["handoffs"][0]))
    (tmp_path / ".pomkit.yaml").write_text("fail_on: error\n", encoding="utf-8")
    path = tmp_path / "model.yaml"
    path.write_text(yaml.safe_dump(tree, allow_unicode=True), encoding="utf-8")
    done = run_pomkit("validate", "--format", "json", str(path), cwd=tmp_path)
    assert done.returncode in (1, 2), done.stderr
    assert "internal error" not in done.stderr
    assert "Traceback" not in done.stderr
    report = json.loads(done.stdout)
    codes = {f["code"] for f in report["files"][0]["findings"]}
    assert "POM102" in codes or "POM005" in codes


@pytest.mark.parametrize("mutation", MUTATIONS, ids=lambda m: m.__name__)
def test_every_mutation_changes_a_model(mutation: Callable[[Draw, Any], Any]) -> None:
    """No mutation is a no-op (or the fuzzing would test less than it says); shown on the
    rules' small base model, where finding the smallest change is quick."""
    from pomkit.catalog import base_model

    seed = _plain(parse(base_model()).data)

    @st.composite
    def applied(draw: Draw) -> Any:
        return mutation(draw, copy.deepcopy(seed))

    found = find(
        applied(),
        lambda tree: tree != seed,
        settings=settings(
            max_examples=100, derandomize=True, database=None, phases=[Phase.generate]
        ),
    )
    assert found != seed
