"""The input layer: discovery, de-duplication, configuration files, stdin and ``REV:path``."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from helpers import ROOT, invoke
from pomkit import config, sources
from pomkit.catalog import base_model
from pomkit.cli import app
from pomkit.loader import Limits, LoadError
from pomkit.sources import Input, declares_model, is_model_file, resolve

HEADER = "apiVersion: pomkit/v1\nkind: OperatingModel\nmetadata: {name: x, title: X}\ntype: agile\n"


def _write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def names(inputs: list[Input]) -> list[str]:
    return [item.name for item in inputs]


def stdin_run(args: list[str], data: bytes) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, args, input=data, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def json_files(out: str) -> list[dict[str, Any]]:
    files: list[dict[str, Any]] = json.loads(out)["files"]
    return files


# --------------------------------------------------------------------------- the head check


@pytest.mark.parametrize(
    "text",
    [
        HEADER,
        'apiVersion: "pomkit/v1"\n',
        "apiVersion: 'pomkit/v1'\n",
        '"apiVersion": "pomkit/v1"\nkind: OperatingModel\n',
        "'apiVersion': pomkit/v1\n",
        "# a comment first\n\n%YAML 1.2\n---\napiVersion: pomkit/v1\n",
        "kind: OperatingModel\napiVersion: pomkit/v1\n",
        "{apiVersion: pomkit/v1, kind: OperatingModel}\n",
        "{kind: OperatingModel, apiVersion: pomkit/v1}\n",
        '{"apiVersion": "pomkit/v1", "kind": "OperatingModel"}',
        '{"apiVersion":"pomkit/v1"}',
        "{\n  kind: OperatingModel,  # a comment\n  apiVersion: 'pomkit/v1',\n}\n",
        "--- {apiVersion: pomkit/v1}\n",
        "{metadata: {name: x, tags: [a, b]}, apiVersion: pomkit/v1}\n",
        "{title: it's fine, apiVersion: pomkit/v1}\n",
        "{title: 'it''s fine', note: \"a \\\" quote\", apiVersion: pomkit/v1}\n",
        "{url: http://x.org/a, apiVersion: pomkit/v1}\n",
        "  apiVersion: pomkit/v1\n  kind: OperatingModel\n",
        "\ufeffapiVersion: pomkit/v1\n",
        HEADER.replace("\n", "\r\n"),
    ],
)
def test_the_head_check_finds_models(text: str) -> None:
    assert declares_model(text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "# apiVersion: pomkit/v1\n",
        "spec:\n  apiVersion: pomkit/v1\n",
        "apiVersion: apps/v1\nkind: Deployment\n",
        "title: no apiVersion here\n",
        "- apiVersion: pomkit/v1\n",
        "[{apiVersion: pomkit/v1}]\n",
        "{metadata: {apiVersion: pomkit/v1}}\n",
        "{spec: [apiVersion: pomkit/v1]}\n",
        "{# apiVersion: pomkit/v1\n kind: x}\n",
        "{apiVersion: apps/v1, spec: {apiVersion: pomkit/v1}}\n",
        "{title: 'apiVersion: pomkit/v1'}\n",
        "{kind: x}\napiVersion: pomkit/v1\n",
        "{title: 'never closed, apiVersion: pomkit/v1}\n",
        "  kind: x\napiVersion: pomkit/v1\n",
    ],
)
def test_the_head_check_ignores_other_yaml(text: str) -> None:
    assert not declares_model(text)


def test_the_head_check_agrees_with_the_parser_on_its_cases() -> None:
    """Whatever the head check accepts, YAML reads as a top-level apiVersion: pomkit/…."""
    accepted = [
        "{apiVersion: pomkit/v1, kind: OperatingModel}\n",
        '{"apiVersion":"pomkit/v1"}',
        "{title: it's fine, apiVersion: pomkit/v1}\n",
        "--- {apiVersion: pomkit/v1}\n",
        "  apiVersion: pomkit/v1\n  kind: OperatingModel\n",
    ]
    for text in accepted:
        assert declares_model(text)
        assert str(yaml.safe_load(text)["apiVersion"]).startswith("pomkit/"), text


# --------------------------------------------------------------------------- discovery


def test_discovery_finds_only_model_files_in_sorted_order(tmp_path: Path) -> None:
    _write(tmp_path / "z.yaml", HEADER)
    _write(tmp_path / "a.yaml", HEADER)
    _write(tmp_path / "b.yml", 'apiVersion: "pomkit/v1"\n')
    _write(tmp_path / "sub" / "c.yaml", HEADER.replace("\n", "\r\n"))
    _write(tmp_path / "sub" / "deeper" / "d.yaml", HEADER)
    _write(tmp_path / "notes.yaml", "title: no apiVersion here\n")
    _write(tmp_path / "other.yaml", "apiVersion: apps/v1\nkind: Deployment\n")
    _write(tmp_path / "nested.yaml", "spec:\n  apiVersion: pomkit/v1\n")
    _write(tmp_path / "commented.yaml", "# apiVersion: pomkit/v1\n")
    _write(tmp_path / "model.txt", HEADER)
    _write(tmp_path / "model.json", HEADER)
    _write(tmp_path / ".hidden" / "e.yaml", HEADER)
    _write(tmp_path / ".git" / "f.yaml", HEADER)
    _write(tmp_path / "node_modules" / "g.yaml", HEADER)
    _write(tmp_path / "sub" / ".cache" / "h.yaml", HEADER)
    base = str(tmp_path)
    found = resolve([base])
    assert names(found) == [
        os.path.join(base, "a.yaml"),
        os.path.join(base, "b.yml"),
        os.path.join(base, "sub", "c.yaml"),
        os.path.join(base, "sub", "deeper", "d.yaml"),
        os.path.join(base, "z.yaml"),
    ]
    assert {item.kind for item in found} == {"file"}
    assert all(item.path == item.name for item in found)


def test_discovery_finds_flow_style_quoted_keys_and_any_suffix_case(tmp_path: Path) -> None:
    _write(tmp_path / "flow.yaml", "{apiVersion: pomkit/v1, kind: OperatingModel}\n")
    _write(tmp_path / "json.yaml", '{"apiVersion": "pomkit/v1", "kind": "OperatingModel"}\n')
    _write(tmp_path / "double.yaml", '"apiVersion": "pomkit/v1"\nkind: OperatingModel\n')
    _write(tmp_path / "single.yaml", "'apiVersion': pomkit/v1\nkind: OperatingModel\n")
    _write(tmp_path / "UPPER.YAML", HEADER)
    _write(tmp_path / "Mixed.Yaml", HEADER)
    _write(tmp_path / "short.YML", HEADER)
    _write(tmp_path / "nested-flow.yaml", "{metadata: {apiVersion: pomkit/v1}}\n")
    _write(tmp_path / "commented-flow.yaml", "{# apiVersion: pomkit/v1\n kind: x}\n")
    _write(tmp_path / "data.YAMLX", HEADER)
    assert sorted(Path(name).name for name in names(resolve([str(tmp_path)]))) == [
        "Mixed.Yaml",
        "UPPER.YAML",
        "double.yaml",
        "flow.yaml",
        "json.yaml",
        "short.YML",
        "single.yaml",
    ]


def test_discovery_finds_a_model_with_a_utf8_bom(tmp_path: Path) -> None:
    # A UTF-8 byte-order mark is fine for `pomkit validate FILE` (see the hostile
    # corpus), so the same file must also be found in a directory.
    _write(tmp_path / "bom.yaml", b"\xef\xbb\xbf" + HEADER.encode())
    assert names(resolve([str(tmp_path)])) == [str(tmp_path / "bom.yaml")]


def test_files_named_explicitly_are_kept_whatever_they_hold(tmp_path: Path) -> None:
    _write(tmp_path / "a.yaml", HEADER)
    _write(tmp_path / "notes.yaml", "title: no apiVersion here\n")
    a, notes = str(tmp_path / "a.yaml"), str(tmp_path / "notes.yaml")
    assert names(resolve([notes, str(tmp_path), a])) == [notes, a]


def test_errors_for_missing_paths_and_empty_directories(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match="no such file or directory") as missing:
        resolve([str(tmp_path / "missing.yaml")])
    assert missing.value.file == str(tmp_path / "missing.yaml")
    _write(tmp_path / "empty" / "notes.yaml", "title: no apiVersion here\n")
    with pytest.raises(LoadError, match="no model files found") as empty:
        resolve([str(tmp_path / "empty")])
    assert empty.value.hint is not None


def test_a_model_is_never_searched_in_a_fifo(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.yaml")
    assert not is_model_file(tmp_path / "pipe.yaml")


# --------------------------------------------------------------------------- the same file twice


def test_the_same_file_named_twice_is_kept_once_with_its_first_spelling(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    _write(tmp_path / "models" / "a.yaml", HEADER)
    _write(tmp_path / "models" / "b.yaml", HEADER)
    (tmp_path / "link.yaml").symlink_to(tmp_path / "models" / "a.yaml")
    found = resolve(
        ["models/a.yaml", "./models/a.yaml", "link.yaml", "models", str(tmp_path / "models")]
    )
    assert names(found) == ["models/a.yaml", os.path.join("models", "b.yaml")]


def test_a_directory_first_then_its_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    _write(tmp_path / "models" / "a.yaml", HEADER)
    assert names(resolve(["models", "models/a.yaml"])) == [os.path.join("models", "a.yaml")]


def test_the_same_file_twice_is_validated_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    _write(tmp_path / "a.yaml", base_model())
    code, out, _ = invoke("validate", "a.yaml", "./a.yaml", ".", "--format", "json")
    assert code == 0
    assert [f["file"] for f in json_files(out)] == ["a.yaml"]


# --------------------------------------------------------------------------- configuration files


def test_configuration_files_are_never_models(tmp_path: Path) -> None:
    # Even one that (wrongly) holds a model header is skipped by name.
    _write(tmp_path / "operating-model" / ".pomkit.yaml", HEADER)
    _write(tmp_path / "operating-model" / "a.yaml", HEADER)
    found = resolve([str(tmp_path / "operating-model")])
    assert names(found) == [str(tmp_path / "operating-model" / "a.yaml")]
    assert not is_model_file(tmp_path / "operating-model" / ".pomkit.yaml")


def test_configuration_files_named_explicitly_are_recognised(tmp_path: Path) -> None:
    pomkit_yaml = _write(tmp_path / ".pomkit.yaml", "fail_on: warning\n")
    pyproject = _write(tmp_path / "pyproject.toml", "[tool.pomkit]\nfail_on = 'warning'\n")
    found = resolve([str(pomkit_yaml), str(pyproject)])
    assert [(item.kind, item.path) for item in found] == [
        ("config", str(pomkit_yaml)),
        ("config", str(pyproject)),
    ]


def test_the_configuration_names_are_those_pomkit_reads() -> None:
    assert config.CONFIG_FILE in sources.CONFIG_NAMES
    assert "pyproject.toml" in sources.CONFIG_NAMES


def test_a_named_configuration_is_checked_not_validated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    _write(tmp_path / ".pomkit.yaml", "fail_on: error\n")
    _write(tmp_path / "a.yaml", base_model())
    code, out, err = invoke("validate", ".pomkit.yaml", "a.yaml", "--format", "json")
    assert code == 0
    assert [f["file"] for f in json_files(out)] == ["a.yaml"]
    assert err == (
        "pomkit: note: .pomkit.yaml is pomkit's configuration, not a model; "
        "checked as configuration\n"
    )


def test_a_named_configuration_alone_gives_an_empty_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    _write(
        tmp_path / "pyproject.toml", "[project]\nname = 'x'\n\n[tool.pomkit]\nignore = ['POM5']\n"
    )
    code, out, err = invoke("validate", "pyproject.toml", "--format", "json")
    assert code == 0
    assert json_files(out) == []
    assert "pomkit: note: pyproject.toml is pomkit's configuration" in err


@pytest.mark.parametrize(
    ("name", "text", "shown"),
    [
        (".pomkit.yaml", "fail_on: sometimes\n", ".pomkit.yaml:1:10: fail_on"),
        ("pyproject.toml", "[tool.pomkit]\nignore = [\n", "pyproject.toml"),
    ],
)
def test_a_broken_named_configuration_exits_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, text: str, shown: str
) -> None:
    monkeypatch.chdir(tmp_path)
    _write(tmp_path / name, text)
    code, out, err = invoke("validate", name)
    assert code == 2
    assert out == ""
    assert shown in err
    assert "pomkit: error:" in err
    assert "Traceback" not in err


def test_output_never_overwrites_a_named_configuration(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    _write(tmp_path / ".pomkit.yaml", "fail_on: error\n")
    _write(tmp_path / "a.yaml", base_model())
    code, _, err = invoke("validate", ".pomkit.yaml", "a.yaml", "--output", ".pomkit.yaml")
    assert code == 2
    assert "is one of the input files" in err
    assert (tmp_path / ".pomkit.yaml").read_text(encoding="utf-8") == "fail_on: error\n"


def test_the_pre_commit_hook_never_passes_configuration_files() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    (hook,) = [h for h in hooks if h["id"] == "pomkit-validate"]

    def passed(path: str) -> bool:
        return bool(re.search(hook["files"], path)) and not re.search(hook["exclude"], path)

    assert not passed("operating-model/.pomkit.yaml")
    assert not passed("products/operating-models/.pomkit.yaml")
    assert passed("operating-model/checkout.yaml")
    assert passed("operating-model/pomkit.yaml")
    assert passed("operating-model/x.pomkit.yaml")
    assert passed("pom.yaml")


# --------------------------------------------------------------------------- stdin


def test_dash_is_stdin_and_may_appear_once() -> None:
    assert resolve(["-"]) == [Input("<stdin>", "stdin")]
    with pytest.raises(LoadError, match="more than once"):
        resolve(["-", "-"])


def test_stdin_through_the_cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = stdin_run(["validate", "-", "--format", "json"], base_model().encode())
    assert (code, err) == (0, "")
    assert [f["file"] for f in json_files(out)] == ["<stdin>"]


def test_stdin_findings_are_located_in_stdin(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    broken = base_model().replace("accountable: pm,", "accountable: pmm,", 1)
    line = next(i for i, x in enumerate(broken.splitlines(), 1) if "accountable: pmm" in x)
    code, out, _ = stdin_run(["validate", "-", "--no-color"], broken.encode())
    assert code == 1
    assert f"<stdin>:{line}:" in out
    assert "POM201 error" in out
    assert f" {line} | …stage: ideation, accountable: pmm," in out, "stdin's text is quoted"


def test_stdin_has_the_file_checks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, _ = stdin_run(["validate", "-", "--format", "json"], HEADER.encode("utf-16"))
    assert code == 1
    assert [f["code"] for f in json_files(out)[0]["findings"]] == ["POM007"]


def test_stdin_uses_the_configuration_of_the_current_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    # The size limit of the configuration holds for stdin as for a file.
    _write(tmp_path / ".pomkit.yaml", "max_file_size: 100\n")
    code, out, _ = stdin_run(["validate", "-", "--format", "json"], base_model().encode())
    assert code == 1
    (finding,) = json_files(out)[0]["findings"]
    assert finding["code"] == "POM006"
    assert "over the limit of 100 bytes" in finding["message"]


def test_stdin_with_a_utf8_bom_and_files_together(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    _write(tmp_path / "a.yaml", base_model())
    data = b"\xef\xbb\xbf" + base_model().encode()
    code, out, _ = stdin_run(["validate", "a.yaml", "-", "--format", "json"], data)
    assert code == 0
    assert [f["file"] for f in json_files(out)] == ["a.yaml", "<stdin>"]


def test_dash_twice_exits_2() -> None:
    code, out, err = stdin_run(["validate", "-", "-"], b"")
    assert (code, out) == (2, "")
    assert "more than once" in err


def test_a_terminal_on_stdin_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    class Terminal(io.TextIOWrapper):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stdin", Terminal(io.BytesIO(b"")))
    with pytest.raises(LoadError, match="terminal") as caught:
        sources.read(Input("<stdin>", "stdin"))
    assert caught.value.hint is not None
    assert "pomkit validate -" in caught.value.hint


def test_stdin_in_a_real_process() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "pomkit", "validate", "-", "--format", "json"],
        input=(ROOT / "examples" / "agile.yaml").read_bytes(),
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert [f["file"] for f in json_files(done.stdout.decode())] == ["<stdin>"]


# --------------------------------------------------------------------------- git


def _git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        cwd=repo,
        check=True,
        capture_output=True,
        timeout=30,
    )


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository whose model.yaml has two commits: clean, then with a broken reference."""
    root = tmp_path / "repo"
    root.mkdir()
    # Never let a repository above the test's directory answer.
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    _git(root, "init", "-q", "-b", "main")
    _write(root / "model.yaml", base_model())
    _write(root / "sub" / "inner.yaml", HEADER)
    _git(root, "add", ".")
    _git(root, "commit", "-q", "-m", "clean")
    _write(root / "model.yaml", base_model().replace("accountable: pm,", "accountable: pmm,", 1))
    _git(root, "commit", "-q", "-am", "broken")
    monkeypatch.chdir(root)
    return root


def test_rev_path_reads_the_blob_of_each_revision(repo: Path) -> None:
    (old,) = resolve(["HEAD~1:model.yaml"])
    assert old == Input("HEAD~1:model.yaml", "git", "model.yaml", "HEAD~1")
    before = sources.read(old)
    after = sources.read(Input("main:model.yaml", "git", "model.yaml", "main"))
    assert before.file == "HEAD~1:model.yaml"
    assert before.text == base_model()
    assert "accountable: pmm," in after.text
    assert before.data is not None
    assert not before.issues


def test_rev_path_through_the_cli(repo: Path) -> None:
    code, out, _ = invoke("validate", "HEAD~1:model.yaml", "--format", "json")
    assert code == 0
    assert [f["file"] for f in json_files(out)] == ["HEAD~1:model.yaml"]
    code, out, _ = invoke("validate", "HEAD:model.yaml", "--no-color")
    assert code == 1
    assert re.search(r"^HEAD:model\.yaml:\d+:\d+ POM201 error", out, re.MULTILINE)


def test_rev_dot_path_is_relative_to_the_current_directory(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo / "sub")
    assert sources.read(resolve(["HEAD:./inner.yaml"])[0]).text == HEADER
    assert sources.read(resolve(["HEAD:sub/inner.yaml"])[0]).text == HEADER


def test_the_same_blob_named_twice_is_read_once(repo: Path) -> None:
    assert names(resolve(["HEAD:model.yaml", "HEAD:model.yaml", "model.yaml"])) == [
        "HEAD:model.yaml",
        "model.yaml",
    ]


def test_an_existing_file_wins_over_rev_path(repo: Path) -> None:
    _write(repo / "HEAD:model.yaml", HEADER)
    (item,) = resolve(["HEAD:model.yaml"])
    assert item == Input("HEAD:model.yaml", "file", "HEAD:model.yaml")
    assert sources.read(item).text == HEADER


@pytest.mark.parametrize(
    ("spec", "reason"),
    [
        ("nope:model.yaml", "invalid object name 'nope'"),
        ("HEAD~5:model.yaml", "invalid object name 'HEAD~5'"),
        ("HEAD:missing.yaml", "path 'missing.yaml' does not exist in 'HEAD'"),
        ("HEAD~1:sub/missing.yaml", "does not exist in 'HEAD~1'"),
    ],
)
def test_rev_path_errors_give_gits_reason(repo: Path, spec: str, reason: str) -> None:
    (item,) = resolve([spec])
    with pytest.raises(LoadError) as caught:
        sources.read(item)
    assert caught.value.file == spec
    assert reason in caught.value.message
    assert "\n" not in caught.value.message
    assert caught.value.hint is not None
    assert "REV:path" in caught.value.hint
    code, out, err = invoke("validate", spec)
    assert (code, out) == (2, "")
    assert f"pomkit: error: {spec}: " in err
    assert reason in err


def test_rev_directory_is_a_clear_error(repo: Path) -> None:
    for spec in ("HEAD:sub", "HEAD:sub/"):
        with pytest.raises(LoadError, match="is a directory in HEAD") as caught:
            sources.read(resolve([spec])[0])
        assert caught.value.hint is not None
        assert "HEAD:sub/model.yaml" in caught.value.hint


def test_rev_path_outside_a_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    monkeypatch.chdir(tmp_path)
    with pytest.raises(LoadError, match="not a git repository"):
        sources.read(resolve(["HEAD:model.yaml"])[0])


def test_rev_path_without_git(repo: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    empty = tmp_path / "no-git-here"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    with pytest.raises(LoadError, match="git is not installed") as caught:
        sources.read(resolve(["HEAD:model.yaml"])[0])
    assert caught.value.hint is not None


def test_rev_path_size_is_checked_before_the_blob_is_read(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    commands: list[list[str]] = []
    real_run = subprocess.run

    def spy(args: list[str], **kwargs: Any) -> Any:
        commands.append(args)
        return real_run(args, **kwargs)

    monkeypatch.setattr(subprocess, "run", spy)
    source = sources.read(resolve(["HEAD:model.yaml"])[0], Limits(max_bytes=100))
    assert [i.code for i in source.issues] == ["POM006"]
    assert source.file == "HEAD:model.yaml"
    assert [c[1:3] for c in commands] == [["cat-file", "-t"], ["cat-file", "-s"]]
    assert all(c[0] == "git" for c in commands), "git runs without a shell"


def test_rev_path_has_the_file_checks(repo: Path) -> None:
    _write(repo / "utf16.yaml", HEADER.encode("utf-16"))
    _git(repo, "add", "utf16.yaml")
    _git(repo, "commit", "-q", "-m", "utf-16")
    source = sources.read(resolve(["HEAD:utf16.yaml"])[0])
    assert [i.code for i in source.issues] == ["POM007"]


@pytest.mark.parametrize("arg", ["-x:model.yaml", "C:\\models\\x.yaml", ":model.yaml", "HEAD:"])
def test_arguments_that_are_not_rev_path(repo: Path, arg: str) -> None:
    with pytest.raises(LoadError, match="no such file or directory"):
        resolve([arg])


# --------------------------------------------------------------------------- layering


@pytest.mark.parametrize(
    ("module", "allowed"),
    [
        ("loader", {"pomkit.scalars", "pomkit.findings", "pomkit.lines"}),
        ("sources", {"pomkit.loader", "pomkit.scalars", "pomkit.findings", "pomkit.lines"}),
    ],
)
def test_the_input_layer_imports_nothing_above_it(module: str, allowed: set[str]) -> None:
    import ast

    tree = ast.parse((ROOT / "src" / "pomkit" / f"{module}.py").read_text(encoding="utf-8"))
    imported = {
        node.module or ""
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("pomkit")
    } | {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
        if alias.name.startswith("pomkit")
    }
    assert imported <= allowed, imported - allowed
