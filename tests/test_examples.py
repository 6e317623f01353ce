"""The shipped examples, through the real CLI: clean, complete, and covering the vocabulary."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers import EXAMPLES, example_files, planted, run_pomkit
from pomkit import api
from pomkit.model import Archetype, ModelType, OperatingModel

SECTIONS = (
    "metadata",
    "principles",
    "lifecycle",
    "teams",
    "roles",
    "responsibilities",
    "handoffs",
    "strategy",
    "methodology",
    "release",
    "support",
    "feedback",
    "kpis",
    "collaboration",
    "transformation",
)
EXPECTED_INVALID = sorted((EXAMPLES / "invalid").glob("*.yaml"))


def load(path: Path) -> OperatingModel:
    model = api.load(path).model
    assert model is not None
    return model


@pytest.mark.parametrize("path", example_files(), ids=lambda p: p.name)
def test_example_validates_clean_through_the_cli(path: Path) -> None:
    result = run_pomkit("validate", str(path), "--format", "json", "--fail-on", "info")
    report = json.loads(result.stdout)
    assert report["files"][0]["findings"] == []
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("path", example_files(), ids=lambda p: p.name)
def test_example_is_complete(path: Path) -> None:
    model = load(path)
    assert model.metadata.name == path.stem
    assert 20 <= len(model.roles) <= 40
    for section in SECTIONS:
        value = getattr(model, section)
        assert value, f"{path.name}: section {section} is empty"
    assert model.strategy.goals
    assert model.strategy.roadmap
    assert model.strategy.vision
    assert model.methodology is not None
    assert model.methodology.ceremonies
    assert model.release is not None
    assert model.release.stages
    assert model.support.tiers
    assert model.support.channels
    assert model.feedback.loops
    assert model.collaboration.rituals
    assert len(model.lifecycle.stages) >= 4


@pytest.mark.parametrize("path", example_files(), ids=lambda p: p.name)
def test_example_reads_the_same_with_the_pure_parser(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fast = api.load(path)
    monkeypatch.setenv("POMKIT_PURE_YAML", "1")
    pure = api.load(path)
    assert (fast.source.parser, pure.source.parser) == ("libyaml", "ruamel-pure")
    assert fast.model == pure.model


def test_examples_use_every_type_and_archetype() -> None:
    models = [load(path) for path in example_files()]
    assert {m.type for m in models} == set(ModelType)
    assert {a for m in models for a in m.archetypes} == set(Archetype)
    assert len(models) >= 6


def test_all_examples_validate_together() -> None:
    result = run_pomkit("validate", *map(str, example_files()), "--quiet")
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


@pytest.mark.parametrize("path", EXPECTED_INVALID, ids=lambda p: p.name)
def test_invalid_example_finds_exactly_the_planted_problems(path: Path) -> None:
    # --fail-on info: some files plant only warnings (a type that is not realised).
    result = run_pomkit("validate", str(path), "--format", "json", "--fail-on", "info")
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    found = {(f["code"], f["line"]) for f in report["files"][0]["findings"]}
    assert found == planted(path)


def test_there_are_invalid_examples() -> None:
    assert len(EXPECTED_INVALID) >= 3
