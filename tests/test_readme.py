"""The README tells the truth: its commands run, its tables match the model and the catalog.

Refresh the rule catalog between the markers on purpose with
``POMKIT_REGENERATE=1 python -m pytest -q tests/test_readme.py``.
"""

from __future__ import annotations

import enum
import os
import re
import shlex
from pathlib import Path

import pytest
import yaml

from helpers import ROOT, run_pomkit
from pomkit import api, engine, model
from pomkit.catalog import example_file, render_catalog
from pomkit.config import FileConfig
from pomkit.durations import WORDS

README = ROOT / "README.md"
HOOKS = ROOT / ".pre-commit-hooks.yaml"
TEXT = README.read_text(encoding="utf-8")

FIRST_COMMANDS = [
    "pip install . && pomkit validate examples/agile.yaml",
    "pip install -e '.[test]' && python -m pytest -q",
]
START, END = "<!-- rules:start -->", "<!-- rules:end -->"
#: Words that stand for something the reader fills in; a command holding one is not run.
PLACEHOLDERS = {"FILE", "PATH", "PATH...", "CODE", "DIR", "OLD", "NEW"}
_FENCE = re.compile(r"^```(?P<lang>\S*)\n(?P<body>.*?)^```$", re.MULTILINE | re.DOTALL)
_ENV = re.compile(r"^[A-Z_][A-Z0-9_]*=")


def sections() -> list[type[model.Section]]:
    found: list[type[model.Section]] = []
    pending = [model.Section]
    while pending:
        for sub in pending.pop().__subclasses__():
            if sub.__module__ == model.__name__ and sub not in found:
                found.append(sub)
                pending.append(sub)
    return found


def blocks(lang: str | None = None) -> list[str]:
    """The bodies of the README's fenced code blocks (of one language)."""
    return [m["body"] for m in _FENCE.finditer(TEXT) if lang is None or m["lang"] == lang]


def tables() -> list[list[list[str]]]:
    """Every Markdown table as rows of stripped cells (header included, rule line not)."""
    found: list[list[list[str]]] = []
    current: list[list[str]] = []
    for line in [*TEXT.splitlines(), ""]:
        if line.startswith("|"):
            cells = [c.strip() for c in re.split(r"(?<!\\)\|", line.strip())[1:-1]]
            if not all(set(c) <= {"-", ":"} for c in cells):
                current.append(cells)
        elif current:
            found.append(current)
            current = []
    return found


def field_tables() -> dict[frozenset[str], list[list[str]]]:
    """Tables with a ``key | type | required | meaning`` header, by their set of keys."""
    out = {}
    for table in tables():
        if table[0] == ["key", "type", "required", "meaning"]:
            keys = frozenset(row[0].strip("`") for row in table[1:])
            out[keys] = table[1:]
    return out


def readme_commands() -> list[str]:
    """``pomkit …`` command lines in sh blocks (the pomkit parts of ``a && b`` lines too)."""
    commands = []
    for body in blocks("sh"):
        for line in body.splitlines():
            for part in line.split("&&"):
                words = shlex.split(part, comments=True)
                env = [w for w in words if _ENV.match(w)]
                words = words[len(env) :] if words[: len(env)] == env else words
                program = words[:3] == ["python", "-m", "pomkit"] or words[:1] == ["pomkit"]
                if program and not any(w in PLACEHOLDERS or "<" in w for w in words):
                    commands.append(part.strip())
    return list(dict.fromkeys(commands))


# --------------------------------------------------------------------------- the top


def test_readme_starts_with_the_two_commands() -> None:
    lines = [line for line in TEXT.splitlines() if line.strip()]
    assert lines[0].startswith("# "), "the title comes first"
    assert not lines[1].startswith(("#", "```", "|", "-")), "then a one-line intro"
    commands, rest = [], lines[2:]
    while rest and rest[0] == "```sh":
        close = rest.index("```")
        commands += rest[1:close]
        rest = rest[close + 1 :]
    assert commands == FIRST_COMMANDS


# --------------------------------------------------------------------------- generated parts


def test_rule_catalog_matches_the_registry() -> None:
    assert TEXT.count(START) == 1
    assert TEXT.count(END) == 1
    before, rest = TEXT.split(START)
    pasted, after = rest.split(END)
    expected = render_catalog("markdown")
    if os.environ.get("POMKIT_REGENERATE") and pasted.strip("\n") != expected.strip("\n"):
        README.write_text(f"{before}{START}\n{expected}{END}{after}", encoding="utf-8")
        pytest.skip("README rule catalog regenerated")
    assert pasted.strip("\n") == expected.strip("\n"), (
        "the README rule catalog is stale: run "
        "POMKIT_REGENERATE=1 python -m pytest -q tests/test_readme.py"
    )


@pytest.mark.parametrize("cls", sections(), ids=lambda c: c.__name__)
def test_every_yaml_key_is_documented(cls: type[model.Section]) -> None:
    for key in model.yaml_keys(cls):
        assert f"`{key}`" in TEXT, f"{cls.__name__}.{key} is not in the README"


@pytest.mark.parametrize("cls", sections(), ids=lambda c: c.__name__)
def test_each_section_has_its_own_field_table(cls: type[model.Section]) -> None:
    keys = model.yaml_keys(cls)
    table = field_tables().get(frozenset(keys))
    assert table is not None, f"no `key | type | required | meaning` table lists {keys}"
    required = {(info.alias or name): info.is_required() for name, info in cls.model_fields.items()}
    for key, _type, says, meaning in table:
        key = key.strip("`")
        assert says.startswith("yes") == required[key], f"{cls.__name__}.{key}: required?"
        assert meaning, f"{cls.__name__}.{key} has no meaning"


def vocabularies() -> list[type[enum.Enum]]:
    return [
        obj
        for obj in vars(model).values()
        if isinstance(obj, type) and issubclass(obj, enum.Enum) and obj.__module__ == model.__name__
    ]


@pytest.mark.parametrize("vocabulary", vocabularies(), ids=lambda v: v.__name__)
def test_every_vocabulary_value_is_listed(vocabulary: type[enum.Enum]) -> None:
    missing = [m.value for m in vocabulary if f"`{m.value}`" not in TEXT]
    assert not missing, f"{vocabulary.__name__}: {missing}"


def test_typed_reference_kinds_and_duration_words_are_listed() -> None:
    assert [k for k in model.TYPED_REF_KINDS if f"`{k}:<id>`" not in TEXT] == []
    assert [w for w in WORDS if f"`{w}`" not in TEXT] == []


# --------------------------------------------------------------------------- commands


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    """A scratch directory that sees the repository's examples, so outputs land here."""
    for name in ("examples", "schemas"):
        (tmp_path / name).symlink_to(ROOT / name, target_is_directory=True)
    return tmp_path


def test_readme_shows_commands() -> None:
    commands = readme_commands()
    assert "pomkit validate examples/agile.yaml" in commands
    assert len(commands) >= 10, commands


@pytest.mark.parametrize("command", readme_commands())
def test_readme_command_runs(command: str, workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    words = shlex.split(command)
    while _ENV.match(words[0]):
        name, _, value = words.pop(0).partition("=")
        monkeypatch.setenv(name, value)
    args = words[3:] if words[0] == "python" else words[1:]
    result = run_pomkit(*args, cwd=workdir)
    assert result.returncode in (0, 1), f"{command}\n{result.stdout}\n{result.stderr}"
    assert "internal error" not in result.stderr


def test_the_minimal_model_is_valid(tmp_path: Path) -> None:
    smallest = next(b for b in blocks("yaml") if b.count("\n") < 8 and "apiVersion" in b)
    path = tmp_path / "smallest.yaml"
    path.write_text(smallest, encoding="utf-8")
    result = run_pomkit("validate", str(path))
    assert result.returncode == 0, result.stdout + result.stderr


def test_python_example_runs(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code = next(b for b in blocks("python") if b.startswith("import pomkit"))
    monkeypatch.chdir(ROOT)
    exec(compile(code, "README.md", "exec"), {})
    assert capsys.readouterr().out.startswith("1.10\n")


def test_rule_sketch_works(tmp_path: Path) -> None:
    code = next(b for b in blocks("python") if "@rule(" in b)
    identity = re.search(r'@rule\(\s*"(POM\d{3})",\s*"([a-z0-9-]+)"', code)
    assert identity is not None
    sketch, name = identity.groups()
    taken = {r.name for r in engine.registry().values()}
    assert sketch not in engine.registry(), f"the README's sketch must not shadow {sketch}"
    assert name not in taken, f"the README's sketch must not shadow the rule {name}"
    exec(compile(code, "README.md", "exec"), {})
    try:
        rule = engine.registry()[sketch]
        for which, fails in (("bad", True), ("good", False)):
            path = tmp_path / f"{which}.yaml"
            path.write_text(example_file(rule, which), encoding="utf-8")
            settings = api.settings_for(path, FileConfig(), select=[sketch])
            codes = {f.code for f in api.check(path, settings).findings}
            assert (sketch in codes) == fails, which
    finally:
        engine.RULES.pop(sketch, None)


@pytest.mark.parametrize("marker", ["# pyproject.toml", "# .pomkit.yaml"])
def test_configuration_examples_are_accepted(marker: str, tmp_path: Path) -> None:
    body = next(b for b in blocks() if b.startswith(marker))
    path = tmp_path / marker[2:]
    path.write_text(body, encoding="utf-8")
    result = run_pomkit("validate", "--config", str(path), str(ROOT / "examples" / "agile.yaml"))
    assert result.returncode in (0, 1), result.stderr


# --------------------------------------------------------------------------- pre-commit


def hook() -> dict[str, object]:
    hooks = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    found = [h for h in hooks if h["id"] == "pomkit-validate"]
    assert len(found) == 1
    return found[0]  # type: ignore[no-any-return]


def test_pre_commit_hook_runs_pomkit_validate() -> None:
    current = hook()
    assert str(current["entry"]).startswith("pomkit validate")
    assert current["language"] == "python"
    assert current["pass_filenames"] is True
    for key in ("name", "description"):
        assert current[key]


@pytest.mark.parametrize(
    ("path", "matched"),
    [
        ("operating-model/checkout.yaml", True),
        ("docs/operating-models/payments.yml", True),
        ("pom.yaml", True),
        ("products/checkout.pom.yml", True),
        (".github/workflows/ci.yml", False),
        (".pre-commit-config.yaml", False),
        ("docker-compose.yaml", False),
        ("operating-model/README.md", False),
    ],
)
def test_pre_commit_hook_only_sees_model_files(path: str, matched: bool) -> None:
    pattern = str(hook()["files"])
    assert bool(re.search(pattern, path)) == matched
    assert f"\n{pattern}\n" in TEXT, "the README documents the default `files` pattern"


# --------------------------------------------------------------------------- field reference

FIELDS_START, FIELDS_END = "<!-- fields:start -->", "<!-- fields:end -->"


def test_field_reference_matches_the_models() -> None:
    from pomkit.schema import field_reference

    assert TEXT.count(FIELDS_START) == 1
    assert TEXT.count(FIELDS_END) == 1
    before, rest = TEXT.split(FIELDS_START)
    pasted, after = rest.split(FIELDS_END)
    expected = field_reference()
    if os.environ.get("POMKIT_REGENERATE") and pasted.strip("\n") != expected.strip("\n"):
        fresh = f"{before}{FIELDS_START}\n{expected}{FIELDS_END}{after}"
        README.write_text(fresh, encoding="utf-8")
        pytest.skip("README field reference regenerated")
    assert pasted.strip("\n") == expected.strip("\n"), (
        "the README field reference is stale: run "
        "POMKIT_REGENERATE=1 python -m pytest -q tests/test_readme.py"
    )
    # Every link in the tables lands on a heading of the README.
    anchors = {
        re.sub(r"[^a-z0-9 -]", "", line.lstrip("#").strip().lower()).replace(" ", "-")
        for line in TEXT.splitlines()
        if line.startswith("#")
    }
    links = set(re.findall(r"\]\(#([a-z0-9-]+)\)", pasted))
    assert links, "the field tables link to their sections and vocabularies"
    assert links <= anchors, links - anchors


INFERENCE_START, INFERENCE_END = "<!-- inference:start -->", "<!-- inference:end -->"


def test_inference_tables_match_the_synonyms() -> None:
    from pomkit.domain.inference import reference

    assert TEXT.count(INFERENCE_START) == 1
    assert TEXT.count(INFERENCE_END) == 1
    before, rest = TEXT.split(INFERENCE_START)
    pasted, after = rest.split(INFERENCE_END)
    expected = reference()
    if os.environ.get("POMKIT_REGENERATE") and pasted.strip("\n") != expected.strip("\n"):
        README.write_text(
            f"{before}{INFERENCE_START}\n{expected}{INFERENCE_END}{after}", encoding="utf-8"
        )
        pytest.skip("README inference tables regenerated")
    assert pasted.strip("\n") == expected.strip("\n"), (
        "the README inference tables are stale: run "
        "POMKIT_REGENERATE=1 python -m pytest -q tests/test_readme.py"
    )
