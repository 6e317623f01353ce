"""The committed JSON Schema: generated from the models, and agreeing with a real peer."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import ROOT, SCHEMA, example_files
from pomkit.catalog import base_model
from pomkit.schema import render

MODELINE = "# yaml-language-server: $schema=../schemas/operating-model.schema.json"

#: Structurally broken variants of the base model: check-jsonschema must refuse each.
BROKEN = {
    "unknown-key": ("  owner: pm\n", "  owner: pm\n  ownr: pm\n"),
    "bad-enum": ("type: agile", "type: platform-based"),
    "wrong-type": ("people: 5", 'people: "5"'),
    "missing-field": (
        "{id: core, name: Core team, type: stream-aligned}",
        "{id: core, name: Core team}",
    ),
    "bad-duration": ("iteration: 2w", "iteration: two weeks"),
    "bad-id": ("name: example", "name: Example Model"),
    "bad-typed-ref": ("evidence: [ceremony:retro]", "evidence: [retro]"),
}


def check_jsonschema(*files: Path) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("check-jsonschema")
    command = [exe] if exe else [sys.executable, "-m", "check_jsonschema"]
    return subprocess.run(
        [*command, "--schemafile", str(SCHEMA), *map(str, files)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_committed_schema_matches_the_models() -> None:
    committed = SCHEMA.read_text(encoding="utf-8")
    assert committed == render(), (
        "schemas/operating-model.schema.json is stale: run "
        "`pomkit schema --output schemas/operating-model.schema.json`"
    )


def test_every_example_has_the_editor_modeline() -> None:
    for path in example_files():
        assert path.read_text(encoding="utf-8").splitlines()[0] == MODELINE, path.name


def test_check_jsonschema_accepts_every_example() -> None:
    files = example_files()
    assert len(files) >= 6
    result = check_jsonschema(*files)
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_jsonschema_accepts_the_base_model(tmp_path: Path) -> None:
    path = tmp_path / "base.yaml"
    path.write_text(base_model(), encoding="utf-8")
    result = check_jsonschema(path)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_check_jsonschema_refuses_broken_models(tmp_path: Path, name: str) -> None:
    old, new = BROKEN[name]
    text = base_model()
    assert old in text
    path = tmp_path / f"{name}.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    result = check_jsonschema(path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Schema validation errors" in result.stdout + result.stderr


def test_schema_is_valid_draft_2020_12() -> None:
    import json

    import jsonschema

    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["required"] == ["apiVersion", "kind", "metadata", "type"]
    assert (ROOT / "schemas").is_dir()
