"""`pomkit init`: a complete, valid starting model from a shipped example, written safely."""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
import sys
from pathlib import Path

import pytest
import yaml

import pomkit
from helpers import EXAMPLES, ROOT, invoke, run_pomkit
from pomkit import scaffold
from pomkit.findings import Finding, Severity
from pomkit.model import Archetype
from pomkit.schema import SCHEMA_ID

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

TODAY = dt.date(2026, 11, 27)
METADATA_KEYS = ("name", "title", "version", "updated")


def metadata(path: Path) -> dict[str, object]:
    document = pomkit.load(path)
    assert document.model is not None
    return document.model.metadata.model_dump()


def worse_than_info(findings: list[Finding]) -> list[str]:
    return [f"{f.line}: {f.code} {f.message}" for f in findings if f.severity > Severity.INFO]


def info_codes(findings: list[Finding]) -> set[str]:
    return {f.code for f in findings if f.severity == Severity.INFO}


# --------------------------------------------------------------------------- the examples


def test_every_archetype_has_a_shipped_example() -> None:
    shipped = scaffold.examples()
    assert {a.value for a in Archetype} <= set(shipped)
    assert sorted(shipped) == sorted(p.stem for p in EXAMPLES.glob("*.yaml"))


@pytest.mark.parametrize("archetype", scaffold.ARCHETYPES)
def test_every_archetype_validates_clean(archetype: str, tmp_path: Path) -> None:
    target = tmp_path / "operating-model" / "checkout.yaml"
    code, out, err = invoke("init", "--archetype", archetype, str(target))
    assert (code, out) == (0, ""), err
    findings = pomkit.validate(target)
    assert worse_than_info(findings) == []
    assert info_codes(findings) <= info_codes(pomkit.validate(EXAMPLES / f"{archetype}.yaml"))
    assert yaml.safe_load(target.read_text(encoding="utf-8"))["archetypes"][0] == archetype


def test_from_starts_from_any_shipped_example(tmp_path: Path) -> None:
    target = tmp_path / "bank.yaml"
    code, _, err = invoke("init", "--from", "centralized-enterprise", str(target))
    assert code == 0, err
    assert worse_than_info(pomkit.validate(target)) == []
    assert yaml.safe_load(target.read_text(encoding="utf-8"))["type"] == "centralized"


# --------------------------------------------------------------------------- the text


@pytest.mark.parametrize("example", sorted(scaffold.examples()))
def test_only_the_metadata_and_the_header_change(example: str) -> None:
    original = (EXAMPLES / f"{example}.yaml").read_text(encoding="utf-8").splitlines()
    written = scaffold.render(example, name="checkout", title="Checkout", today=TODAY).splitlines()
    removed = [line for line in difflib.ndiff(original, written) if line.startswith("- ")]
    added = [line[2:] for line in difflib.ndiff(original, written) if line.startswith("+ ")]
    # The modeline and the four metadata lines are replaced, nothing else.
    assert len(removed) == 1 + len(METADATA_KEYS), removed
    assert removed[0].startswith("- # yaml-language-server: $schema=")
    assert added[0] == f"# yaml-language-server: $schema={SCHEMA_ID}"
    assert [line.strip() for line in added[-4:]] == [
        "name: checkout",
        "title: Checkout",
        "version: 0.1",
        "updated: 2026-11-27",
    ]
    # The rest of what was added is the note that says where the file came from.
    assert all(line.startswith("#") for line in added[1:-4])
    assert f'"{example}" example' in " ".join(added[1:-4])


SPARSE = """\
# A model with no modeline, a title over two lines and no version or date.
apiVersion: pomkit/v1
kind: OperatingModel
metadata:
    name: old   # the old name
    # the title, folded
    title: >-
      An old title
      over two lines   # still the title

    owner: pm
type: hybrid
roles: [{id: pm, title: PM, kind: product-manager}]
"""


def test_adapt_handles_values_over_lines_and_missing_keys(tmp_path: Path) -> None:
    text = scaffold.adapt(SPARSE, example="sparse", name="new", title="New", today=TODAY)
    lines = text.splitlines()
    assert lines[0] == f"# yaml-language-server: $schema={SCHEMA_ID}"
    start = lines.index(
        "# A model with no modeline, a title over two lines and no version or date."
    )
    assert lines[start:] == [
        "# A model with no modeline, a title over two lines and no version or date.",
        "apiVersion: pomkit/v1",
        "kind: OperatingModel",
        "metadata:",
        "    name: new",
        "    # the title, folded",
        "    title: New",
        "    version: 0.1",
        "    updated: 2026-11-27",
        "",
        "    owner: pm",
        "type: hybrid",
        "roles: [{id: pm, title: PM, kind: product-manager}]",
    ]
    path = tmp_path / "sparse.yaml"
    path.write_text(text, encoding="utf-8")
    assert metadata(path)["updated"] == TODAY


def test_metadata_is_replaced_as_specified(tmp_path: Path) -> None:
    target = tmp_path / "checkout.yaml"
    before = dt.date.today()
    code, _, err = invoke(
        "init", "--archetype", "platform", "--name", "payments-api", "--title", "Payments API",
        str(target),
    )  # fmt: skip
    assert code == 0, err
    meta = metadata(target)
    assert meta["name"] == "payments-api"
    assert meta["title"] == "Payments API"
    assert meta["version"] == "0.1"
    assert meta["updated"] in {before, dt.date.today()}
    # Owner and description are the example's, and still valid references.
    assert meta["owner"] == metadata(EXAMPLES / "platform.yaml")["owner"]
    first = target.read_text(encoding="utf-8").splitlines()[0]
    assert first == f"# yaml-language-server: $schema={SCHEMA_ID}"


@pytest.mark.parametrize(
    ("filename", "name", "title"),
    [
        ("checkout.yaml", "checkout", "Checkout"),
        ("My Checkout_Service.yml", "my-checkout-service", "My Checkout Service"),
        ("paymentsHub.pom.yaml", "payments-hub", "Payments Hub"),
        ("Zahlungsverkehr-Ärzte.yaml", "zahlungsverkehr-arzte", "Zahlungsverkehr Arzte"),
    ],
)
def test_name_and_title_come_from_the_file_name(
    filename: str, name: str, title: str, tmp_path: Path
) -> None:
    target = tmp_path / filename
    code, _, err = invoke("init", str(target))
    assert code == 0, err
    meta = metadata(target)
    assert (meta["name"], meta["title"]) == (name, title)


@pytest.mark.parametrize(
    "title",
    [
        "Checkout: Payments #1",
        "yes",
        'The "quoted" \\ back',
        "- dash",
        "* star & [brackets] {braces}",
        "Ärzte-Portal (DACH) — 100%",
        "123",
        "Payments 🚀",
        "  spaced  ",
    ],
)
def test_any_title_is_written_as_the_text_given(title: str, tmp_path: Path) -> None:
    target = tmp_path / "checkout.yaml"
    code, _, err = invoke("init", "--title", title, str(target))
    assert code == 0, err
    assert metadata(target)["title"] == title
    assert worse_than_info(pomkit.validate(target)) == []


@pytest.mark.parametrize("name", ["yes", "null", "2026"])
def test_names_other_tools_would_misread_are_quoted(name: str, tmp_path: Path) -> None:
    target = tmp_path / "m.yaml"
    assert invoke("init", "--name", name, str(target))[0] == 0
    assert metadata(target)["name"] == name
    # YAML 1.1 tools (PyYAML, many editors) read the same text too.
    assert yaml.safe_load(target.read_text(encoding="utf-8"))["metadata"]["name"] == name


# --------------------------------------------------------------------------- where it goes


def test_default_path_is_what_the_pre_commit_hook_checks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = invoke("init", "--name", "checkout")
    assert code == 0, err
    written = Path("operating-model", "checkout.yaml")
    assert metadata(written)["name"] == "checkout"
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert re.search(hooks[0]["files"], written.as_posix())
    assert f"wrote {written}" in err
    assert f"pomkit validate {written}" in err


def test_default_name_is_the_example(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert invoke("init", "--archetype", "lean-startup")[0] == 0
    assert metadata(Path("operating-model", "lean-startup.yaml"))["name"] == "lean-startup"


def test_dash_writes_to_stdout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = invoke("init", "--archetype", "platform", "--name", "payments", "-")
    assert code == 0, err
    assert out == scaffold.render(
        "platform", name="payments", title="Payments", today=dt.date.today()
    )
    assert err == ""
    assert list(tmp_path.iterdir()) == []


def test_missing_directories_are_created(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b" / "checkout.yaml"
    code, _, err = invoke("init", str(target))
    assert code == 0, err
    assert metadata(target)["name"] == "checkout"
    assert f"created directory {target.parent}" in err


def test_a_directory_path_gets_the_file_inside(tmp_path: Path) -> None:
    code, _, err = invoke("init", "--name", "checkout", str(tmp_path))
    assert code == 0, err
    assert metadata(tmp_path / "checkout.yaml")["name"] == "checkout"
    code, _, err = invoke("init", "--archetype", "platform", f"{tmp_path}/new/")
    assert code == 0, err
    assert metadata(tmp_path / "new" / "platform.yaml")["name"] == "platform"


def test_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    target = tmp_path / "checkout.yaml"
    target.write_text("mine\n", encoding="utf-8")
    code, out, err = invoke("init", str(target))
    assert (code, out) == (2, "")
    assert f"{target} already exists" in err
    assert "--force" in err
    assert target.read_text(encoding="utf-8") == "mine\n"


def test_force_overwrites(tmp_path: Path) -> None:
    target = tmp_path / "checkout.yaml"
    target.write_text("mine\n", encoding="utf-8")
    target.chmod(0o640)
    code, _, err = invoke("init", "--force", str(target))
    assert code == 0, err
    assert metadata(target)["name"] == "checkout"
    assert target.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["checkout.yaml"], "no temp file left"


# --------------------------------------------------------------------------- bad input


def refused(*args: str) -> str:
    """Run init expecting exit 2 with a message and nothing on stdout; return stderr."""
    code, out, err = invoke("init", *args)
    assert (code, out) == (2, ""), err
    assert err.startswith("pomkit: error: ")
    assert "Traceback" not in err
    return err


def test_unknown_archetype_lists_the_allowed_ones() -> None:
    err = refused("--archetype", "platfrom", "-")
    assert "did you mean 'platform'?" in err
    for archetype in scaffold.ARCHETYPES:
        assert archetype in err
    # An example that is not an archetype is offered through --from.
    assert "--from centralized-enterprise" in refused("--archetype", "centralized-enterprise")


def test_unknown_example_lists_the_shipped_ones() -> None:
    err = refused("--from", "nope", "-")
    for example in scaffold.examples():
        assert example in err


def test_archetype_and_from_exclude_each_other() -> None:
    assert "not both" in refused("--archetype", "agile", "--from", "platform", "-")


@pytest.mark.parametrize(
    ("name", "suggestion"),
    [
        ("Check Out", "check-out"),
        ("check--out", "check-out"),
        # `$` in the id pattern matches before a final newline: the whole name must fit.
        ("cto\n", "cto"),
        ("cto\r\n", "cto"),
    ],
)
def test_bad_name_suggests_a_kebab_case_id(name: str, suggestion: str) -> None:
    err = refused("--name", name, "-")
    assert "not a valid id" in err
    assert f"--name {suggestion}" in err


def test_a_name_ending_in_a_newline_writes_nothing(tmp_path: Path) -> None:
    target = tmp_path / "nl.yaml"
    err = refused("--name", "cto\n", "--title", "CTO", str(target))
    assert "--name 'cto\\n' is not a valid id" in err
    assert not target.exists()


def test_file_name_without_a_usable_id_asks_for_name(tmp_path: Path) -> None:
    err = refused(str(tmp_path / "产品.yaml"))
    assert "--name" in err
    assert not (tmp_path / "产品.yaml").exists()


@pytest.mark.parametrize(
    "title", ["", "   ", "two\nlines", "tab\there", "evil\u202eelif", "two\u2028lines"]
)
def test_unusable_title_is_refused(title: str) -> None:
    assert "--title" in refused("--title", title, "-")


def test_path_must_be_yaml(tmp_path: Path) -> None:
    err = refused(str(tmp_path / "checkout.txt"))
    assert ".yaml" in err
    assert list(tmp_path.iterdir()) == []


def test_parent_that_is_a_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "notes").write_text("", encoding="utf-8")
    err = refused(str(tmp_path / "notes" / "checkout.yaml"))
    assert "not a directory" in err


def test_special_file_is_never_replaced(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    assert "not a regular file" in refused("--force", str(fifo))
    assert fifo.is_fifo()


def test_existing_directory_at_the_target_is_refused(tmp_path: Path) -> None:
    (tmp_path / "checkout.yaml").mkdir()
    assert "is a directory" in refused("--force", "--name", "checkout", str(tmp_path))


def test_help_lists_every_archetype() -> None:
    code, out, _ = invoke("init", "--help")
    assert code == 0
    flat = re.sub(r"-\s+", "-", " ".join(out.split()))  # undo the wrapping at hyphens
    for archetype in scaffold.ARCHETYPES:
        assert archetype in flat


# --------------------------------------------------------------------------- for real


def test_real_cli_writes_a_model_that_validates(tmp_path: Path) -> None:
    result = run_pomkit("init", "--archetype", "design-thinking", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    written = "operating-model/design-thinking.yaml"
    assert f"pomkit validate {written}" in result.stderr
    check = run_pomkit("validate", "--fail-on", "warning", written, cwd=tmp_path)
    assert check.returncode == 0, check.stdout + check.stderr


def configured_packages() -> tuple[list[str], dict[str, str]]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    setuptools = config["tool"]["setuptools"]
    return setuptools["packages"], setuptools["package-dir"]


def test_every_package_and_shipped_folder_is_configured() -> None:
    packages, folders = configured_packages()
    found = {
        ".".join(init.parent.relative_to(ROOT / "src").parts)
        for init in (ROOT / "src").rglob("__init__.py")
    }
    shipped = {name for name in folders if name}
    assert found | shipped == set(packages), "list new packages in [tool.setuptools] packages"
    assert all((ROOT / folder).is_dir() for folder in folders.values())
