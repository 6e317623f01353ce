"""The committed JSON Schema: generated from the models, and agreeing with a real peer."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from helpers import ROOT, SCHEMA, example_files, invoke
from pomkit import api
from pomkit.catalog import base_model
from pomkit.schema import json_schema, render

MODELINE = "# yaml-language-server: $schema=../schemas/operating-model.schema.json"

#: Variants of the base model that both pomkit and check-jsonschema must refuse:
#: name -> (text in the base model, its replacement, the JSON path check-jsonschema blames,
#: the POM code pomkit reports).
BROKEN: dict[str, tuple[str, str, str, str]] = {
    "unknown-key": ("  owner: pm\n", "  owner: pm\n  ownr: pm\n", "$.metadata", "POM101"),
    "bad-enum": ("type: agile", "type: platform-based", "$.type", "POM104"),
    "wrong-type": ("people: 5", 'people: "5"', "$.roles[3].people", "POM102"),
    "missing-field": (
        "{id: core, name: Core team, type: stream-aligned}",
        "{id: core, name: Core team}",
        "$.teams[0]",
        "POM103",
    ),
    "bad-duration": (
        "iteration: 2w",
        "iteration: two weeks",
        "$.methodology.iteration",
        "POM105",
    ),
    "bad-id": ("name: example", "name: Example Model", "$.metadata.name", "POM107"),
    "bad-typed-ref": (
        "evidence: [ceremony:retro]",
        "evidence: [retro]",
        "$.principles[0].evidence[0]",
        "POM109",
    ),
    "negative-people": ("people: 5", "people: -5", "$.roles[3].people", "POM108"),
    "negative-wip-limit": (
        "  iteration: 2w\n",
        "  iteration: 2w\n  wip_limit: -1\n",
        "$.methodology.wip_limit",
        "POM108",
    ),
    "id-with-final-newline": (
        "{id: pm, title: Product manager",
        '{id: "pm\\n", title: Product manager',
        "$.roles[0].id",
        "POM107",
    ),
    "id-as-block-scalar": (
        "  name: example\n",
        "  name: |\n    example\n",
        "$.metadata.name",
        "POM107",
    ),
    "typed-ref-with-final-newline": (
        "evidence: [ceremony:retro]",
        'evidence: ["ceremony:retro\\n"]',
        "$.principles[0].evidence[0]",
        "POM109",
    ),
    "feed-target-with-final-newline": (
        "feeds: [backlog,",
        'feeds: ["backlog\\n",',
        "$.feedback.loops[0].feeds[0]",
        "POM109",
    ),
    "duration-with-space": (
        "iteration: 2w",
        'iteration: "2w "',
        "$.methodology.iteration",
        "POM105",
    ),
    "flag-as-text": (
        "automated: true",
        "automated: yes",
        "$.release.stages[0].automated",
        "POM102",
    ),
}

#: Keywords of JSON Schema draft 2020-12 (core, applicator, unevaluated, validation,
#: format, content, meta-data vocabularies). Anything else is noise to a validator.
DRAFT_2020_12_KEYWORDS = {
    *("$schema", "$id", "$ref", "$anchor", "$dynamicRef", "$dynamicAnchor", "$defs"),
    *("$vocabulary", "$comment"),
    *("allOf", "anyOf", "oneOf", "not", "if", "then", "else", "dependentSchemas"),
    *("prefixItems", "items", "contains", "properties", "patternProperties"),
    *("additionalProperties", "propertyNames", "unevaluatedItems", "unevaluatedProperties"),
    *("type", "enum", "const", "multipleOf", "maximum", "exclusiveMaximum", "minimum"),
    *("exclusiveMinimum", "maxLength", "minLength", "pattern", "maxItems", "minItems"),
    *("uniqueItems", "maxContains", "minContains", "maxProperties", "minProperties"),
    *("required", "dependentRequired", "format"),
    *("contentEncoding", "contentMediaType", "contentSchema"),
    *("title", "description", "default", "deprecated", "readOnly", "writeOnly", "examples"),
}
#: Keywords whose value is a schema, a list of schemas, or a map of names to schemas.
_ONE = {"not", "if", "then", "else", "items", "contains", "additionalProperties"}
_ONE |= {"propertyNames", "unevaluatedItems", "unevaluatedProperties", "contentSchema"}
_LIST = {"allOf", "anyOf", "oneOf", "prefixItems"}
_MAP = {"$defs", "properties", "patternProperties", "dependentSchemas"}


def subschemas(schema: dict[str, Any], where: str = "#") -> list[tuple[str, dict[str, Any]]]:
    """Every schema object in ``schema`` with its JSON pointer (data values are skipped)."""
    found = [(where, schema)]
    for key, value in schema.items():
        if key in _ONE and isinstance(value, dict):
            found += subschemas(value, f"{where}/{key}")
        elif key in _LIST:
            for i, item in enumerate(value):
                found += subschemas(item, f"{where}/{key}/{i}")
        elif key in _MAP:
            for name, item in value.items():
                found += subschemas(item, f"{where}/{key}/{name}")
    return found


# --------------------------------------------------------------------------- the schema itself


def test_committed_schema_matches_the_models() -> None:
    committed = SCHEMA.read_text(encoding="utf-8")
    assert committed == render(), (
        "schemas/operating-model.schema.json is stale: run "
        "`pomkit schema --output schemas/operating-model.schema.json`"
    )


def test_schema_command_prints_the_committed_schema() -> None:
    code, out, _err = invoke("schema")
    assert code == 0
    assert out == SCHEMA.read_text(encoding="utf-8")


def test_schema_is_valid_draft_2020_12() -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["required"] == ["apiVersion", "kind", "metadata", "type"]
    assert (ROOT / "schemas").is_dir()


def test_schema_uses_only_json_schema_keywords() -> None:
    """Pydantic-only keys (``ge``, ``strict`` …) mean nothing to editors and validators."""
    leaks = {
        f"{where}: {key}"
        for where, schema in subschemas(json_schema())
        for key in schema
        if key not in DRAFT_2020_12_KEYWORDS
    }
    assert not leaks


def test_counts_have_a_json_schema_minimum() -> None:
    defs = json_schema()["$defs"]
    assert defs["Role"]["properties"]["people"]["minimum"] == 0
    wip = defs["Methodology"]["properties"]["wip_limit"]["anyOf"][0]
    assert wip == {"minimum": 0, "type": "integer"}


def test_every_property_has_a_description() -> None:
    missing = [
        f"{where}/properties/{name}"
        for where, schema in subschemas(json_schema())
        for name, prop in schema.get("properties", {}).items()
        if not prop.get("description")
    ]
    assert not missing


def test_descriptions_come_from_the_models() -> None:
    role = json_schema()["$defs"]["Role"]["properties"]
    assert role["people"]["description"] == "How many people fill the role."
    assert role["kind"]["description"] == "Which of the eight roles, or `custom`."
    assert role["kind"]["$ref"] == "#/$defs/RoleKind"


# --------------------------------------------------------------------------- a real peer


def test_every_example_has_the_editor_modeline() -> None:
    for path in example_files():
        assert path.read_text(encoding="utf-8").splitlines()[0] == MODELINE, path.name


def broken(name: str) -> str:
    old, new, _where, _code = BROKEN[name]
    text = base_model()
    assert text.count(old) >= 1, name
    return text.replace(old, new, 1)


@pytest.fixture(scope="module")
def peer(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    """check-jsonschema run once over the examples, the base model and every broken variant.

    Returns, for each file name, the JSON paths it blamed (deepest match included).
    """
    folder = tmp_path_factory.mktemp("peer")
    files = list(example_files())
    (folder / "base.yaml").write_text(base_model(), encoding="utf-8")
    files.append(folder / "base.yaml")
    for name in BROKEN:
        (folder / f"{name}.yaml").write_text(broken(name), encoding="utf-8")
        files.append(folder / f"{name}.yaml")
    exe = shutil.which("check-jsonschema")
    command = [exe] if exe else [sys.executable, "-m", "check_jsonschema"]
    result = subprocess.run(
        [*command, "--output-format", "json", "--schemafile", str(SCHEMA), *map(str, files)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    report = json.loads(result.stdout)
    assert report["parse_errors"] == []
    blamed: dict[str, list[str]] = {Path(f).name: [] for f in files}
    for error in report["errors"]:
        paths = blamed[Path(error["filename"]).name]
        paths.append(error["path"])
        if "best_deep_match" in error:
            paths.append(error["best_deep_match"]["path"])
    return blamed


def test_check_jsonschema_accepts_every_example_and_the_base_model(
    peer: dict[str, list[str]],
) -> None:
    examples = [p.name for p in example_files()]
    assert len(examples) >= 6
    assert {name: peer[name] for name in [*examples, "base.yaml"] if peer[name]} == {}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_check_jsonschema_refuses_broken_models(peer: dict[str, list[str]], name: str) -> None:
    where = BROKEN[name][2]
    assert where in peer[f"{name}.yaml"], peer[f"{name}.yaml"]


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_pomkit_refuses_what_check_jsonschema_refuses(tmp_path: Path, name: str) -> None:
    path = tmp_path / f"{name}.yaml"
    path.write_text(broken(name), encoding="utf-8")
    codes = {f.code for f in api.validate(path)}
    assert BROKEN[name][3] in codes, codes
