"""The benchmark generator (bench/generate.py) writes deterministic, clean models."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import re
import subprocess
import sys
from collections import Counter, defaultdict, deque
from pathlib import Path
from types import ModuleType
from typing import Any

import jsonschema
import pytest
from ruamel.yaml import YAML

from pomkit.model import (
    ID_KINDS,
    TYPED_REF_KINDS,
    Element,
    FeedTarget,
    OperatingModel,
    iter_refs,
    split_typed,
)
from pomkit.scalars import Plain

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = ROOT / "schemas" / "operating-model.schema.json"


def _load_generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_generate", ROOT / "bench" / "generate.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


gen = _load_generator()


def _plain(data: Any) -> Any:
    """Wrap YAML numbers and booleans as the loader will, so text fields keep text."""
    if isinstance(data, dict):
        return {key: _plain(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_plain(item) for item in data]
    if isinstance(data, (bool, int, float)):
        return Plain(str(data), data)
    return data


def _jsonable(data: Any) -> Any:
    """Dates as ISO text, as check-jsonschema hands them to the schema."""
    if isinstance(data, dict):
        return {key: _jsonable(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_jsonable(item) for item in data]
    if isinstance(data, dt.date):
        return data.isoformat()
    return data


@pytest.fixture(scope="module")
def text() -> str:
    result: str = gen.generate(10)
    return result


@pytest.fixture(scope="module")
def raw(text: str) -> Any:
    return YAML(typ="safe", pure=True).load(text)


@pytest.fixture(scope="module")
def model(raw: Any) -> OperatingModel:
    return OperatingModel.model_validate(_plain(raw))


def test_generate_is_deterministic(text: str) -> None:
    assert gen.generate(10) == text
    assert gen.generate(10, seed=1) != text


def test_number_looking_text_and_typed_refs_in_flow_lists(text: str) -> None:
    assert "\n  version: 1.10\n" in text
    assert re.search(r"\n      horizon: 20\d\d\n", text)
    assert re.search(r"\n    evidence: \[kpi:[a-z-]+, feedback:[a-z-]+\]\n", text)
    assert re.search(r"\n      feeds: \[backlog, kpi:[a-z-]+\]\n", text)


def test_lines_fit_yamllint_default_length(text: str) -> None:
    assert max(len(line) for line in text.splitlines()) <= 80


def test_validates_against_committed_schema(raw: Any) -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    errors = [
        f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(_jsonable(raw))
    ]
    assert errors == []


def _ids(model: OperatingModel) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for kind, path in ID_KINDS.items():
        node: Any = model
        for key in path:
            node = getattr(node, key, None) if node is not None else None
        items = node or []
        found[kind] = [getattr(item.id, "value", item.id) for item in items if item.id]
    return found


def test_ids_unique_and_every_reference_resolves(model: OperatingModel) -> None:
    ids = _ids(model)
    for kind, values in ids.items():
        assert [i for i, n in Counter(values).items() if n > 1] == [], kind
    known = {kind: set(values) for kind, values in ids.items()}
    known["member"] = known["role"] | known["team"]
    feed_words = {t.value for t in FeedTarget}
    dangling = []
    count = 0
    for site in iter_refs(model):
        count += 1
        kind, target = site.kind, site.target
        if kind == "feed" and target in feed_words:
            continue
        if kind in ("typed", "feed"):
            prefix, target = split_typed(target)
            kind = TYPED_REF_KINDS[prefix]
        if target not in known[kind]:
            dangling.append((site.path, site.kind, site.target))
    assert dangling == []
    assert count > 1000


def test_raci_is_complete_and_balanced(model: OperatingModel) -> None:
    duties = model.responsibilities
    accountable = Counter(d.accountable for d in duties)
    carrying = set(accountable)
    for duty in duties:
        assert duty.responsible, duty.id
        assert duty.accountable not in {*duty.responsible, *duty.consulted, *duty.informed}
        carrying.update(duty.responsible)
    roles = {role.id: role for role in model.roles}
    assert set(roles) <= carrying
    assert {d.element for d in duties} == set(Element)
    assert {d.stage for d in duties} == {stage.id for stage in model.lifecycle.stages}
    assert all(stage.owner for stage in model.lifecycle.stages)
    assert max(accountable.values()) <= 0.25 * len(duties)
    assert all(accountable[r] <= 5 for r, role in roles.items() if role.people == 1)


def test_handoffs_flow_from_first_to_last_stage(model: OperatingModel) -> None:
    stages = [stage.id for stage in model.lifecycle.stages]
    order = {stage: i for i, stage in enumerate(stages)}
    final_owner = model.lifecycle.stages[-1].owner
    assert model.methodology is not None
    attendees = {
        c.id: {*c.participants, *([c.facilitator] if c.facilitator else [])}
        for c in model.methodology.ceremonies
    }
    edges = {(h.from_, h.to, h.stage) for h in model.handoffs}
    senders = {h.from_ for h in model.handoffs}
    for h in model.handoffs:
        assert h.stage is not None
        assert (h.to, h.from_, h.stage) not in edges, "ping-pong"
        assert h.to in senders or h.to == final_owner, f"dead end at {h.to}"
        if h.via:
            assert {h.from_, h.to} <= attendees[h.via], h
    assert {h.stage for h in model.handoffs} == set(stages)
    # Every handoff out of the first stage reaches the last stage's owner, stages never going back.
    nxt: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for h in model.handoffs:
        assert h.stage is not None
        nxt[h.from_].append((h.to, order[h.stage]))
    starts = [(h.to, order[h.stage]) for h in model.handoffs if h.stage == stages[0]]
    assert starts
    for start in starts:
        seen, todo, reached = {start}, deque([start]), False
        while todo:
            role, at = todo.popleft()
            reached |= role == final_owner
            for follow in nxt[role]:
                if follow[1] >= at and follow not in seen:
                    seen.add(follow)
                    todo.append(follow)
        assert reached, start


def test_goals_kpis_loops_tiers_and_teams(model: OperatingModel) -> None:
    measured = {k.goal for k in model.kpis} | {g.id for g in model.strategy.goals if g.kpis}
    assert all(goal.id in measured for goal in model.strategy.goals)
    carries: dict[str, set[Element]] = defaultdict(set)
    for duty in model.responsibilities:
        for role in (duty.accountable, *duty.responsible):
            carries[role].add(duty.element)
    for kpi in model.kpis:
        assert kpi.owner, kpi.id
        assert kpi.target, kpi.id
        assert kpi.frequency, kpi.id
        assert kpi.element in carries[kpi.owner], kpi.id
    loops = model.feedback.loops
    assert all(loop.owner and loop.feeds for loop in loops)
    assert any(loop.source.value == "customers" and "backlog" in loop.feeds for loop in loops)
    tiers = {tier.id: tier for tier in model.support.tiers}
    for tier in tiers.values():
        seen = {tier.id}
        while tier.escalates_to:
            up = tiers[tier.escalates_to]
            assert up.id not in seen, "escalation cycle"
            seen.add(up.id)
            assert tier.response_time is not None
            assert up.response_time is not None
            assert up.response_time >= tier.response_time
            assert tier.resolution_time is not None
            assert up.resolution_time is not None
            assert up.resolution_time >= tier.resolution_time
            tier = up
    product_roles = {
        role.team for role in model.roles if role.kind.value in ("product-owner", "product-manager")
    }
    for team in model.teams:
        if team.type.value == "stream-aligned":
            assert team.id in product_roles, team.id
    assert all(principle.evidence for principle in model.principles)


def test_size_scales_linearly_and_lands_near_15kb_per_team(text: str) -> None:
    small, large = len(text), len(gen.generate(20))
    assert 1.6 <= large / small <= 2.4
    per_team = (large - small) / 10
    assert 12_000 <= per_team <= 20_000
    assert 400 <= (gen.generate(20).count("\n") - text.count("\n")) / 10 <= 600


def test_team_ids_are_stable_and_unique() -> None:
    ids = gen.team_ids(1200, 0)
    assert len(set(ids)) == 1200
    assert gen.team_ids(10, 0) == ids[:10]
    assert gen.generate(1).count("\n") > 400


@pytest.mark.skipif(
    importlib.util.find_spec("pomkit.cli") is None, reason="pomkit's CLI is not installed"
)
def test_pomkit_validate_finds_nothing(text: str, tmp_path: Path) -> None:
    path = tmp_path / "model-10.yaml"
    path.write_text(text, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "pomkit", "validate", str(path), "-f", "json", "--fail-on", "info"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    report = json.loads(done.stdout)
    assert [f["findings"] for f in report["files"]] == [[]]
    assert report["summary"]["failed"] is False
