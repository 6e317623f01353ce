"""The second version of a generated model (bench/mutate.py): a share of its items changed,
as ``bench/generate.py --changed`` writes it and ``bench/diff.py`` times it."""

from __future__ import annotations

import importlib.util
import sys
from functools import cache
from pathlib import Path
from types import ModuleType

import pytest

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
    new, counts = load("mutate").mutate(old, share=0.05, seed=1)
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
    assert load("mutate").mutate(old, seed=4) == load("mutate").mutate(old, seed=4)
    assert load("mutate").mutate(old, seed=4) != load("mutate").mutate(old, seed=5)


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
    assert load("mutate").items(lines) == [(1, 3, "pm"), (3, 4, "po"), (5, 7, "pm")]


def test_bench_diff_uses_the_shared_mutation() -> None:
    assert load("diff").mutate is load("mutate").mutate
    assert load("diff").items is load("mutate").items


@pytest.mark.parametrize(("text", "share"), [("1%", 0.01), ("0.05", 0.05), ("100%", 1.0)])
def test_a_share_is_read_as_a_percentage_or_a_fraction(text: str, share: float) -> None:
    assert load("mutate").parse_share(text) == pytest.approx(share)


@pytest.mark.parametrize("text", ["0", "0%", "150%", "2", "a lot"])
def test_a_share_outside_0_to_100_percent_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="share"):
        load("mutate").parse_share(text)


def test_generate_writes_the_second_version_with_changed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "model-3.yaml"
    assert load("generate").main(["--teams", "3", "--output", str(output), "--changed", "5%"]) == 0
    second = tmp_path / "model-3-changed.yaml"
    old, new = output.read_text(encoding="utf-8"), second.read_text(encoding="utf-8")
    assert old == load("generate").generate(3, seed=0)
    assert new == load("mutate").mutate(old, share=0.05, seed=0)[0]
    assert changes(old, new)
    assert f"{second}: " in capsys.readouterr().out


def test_generate_refuses_a_bad_share(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        load("generate").main(["--teams", "1", "--changed", "150%"])
    assert exit_.value.code == 2
    assert "not a share" in capsys.readouterr().err
