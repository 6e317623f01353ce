"""The library API: load and validate without a subprocess."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import pomkit
from pomkit.api import InvalidModelError
from pomkit.catalog import base_model
from pomkit.config import FileConfig
from pomkit.loader import LoadError


@pytest.fixture
def base(tmp_path: Path) -> Path:
    path = tmp_path / "m.yaml"
    path.write_text(base_model(), encoding="utf-8")
    return path


def test_load_gives_model_and_positions(base: Path) -> None:
    document = pomkit.load(base)
    assert document.model is not None
    assert document.model.roles[1].id == "po"
    line, column = document.locate(("roles", 1, "kind"))
    assert "kind: product-owner" in base_model().splitlines()[line - 1]
    assert base_model().splitlines()[line - 1][column - 1 :].startswith("product-owner")


def test_load_strict_raises_with_the_first_problem(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(base_model().replace("type: agile", "type: nope"), encoding="utf-8")
    with pytest.raises(InvalidModelError, match=r"bad.yaml:\d+:7: 'nope' is not a valid type"):
        pomkit.load(path)
    lenient = pomkit.load(path, strict=False)
    assert lenient.model is not None  # the rest of the file is still usable


def test_load_missing_path_raises_load_error(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match="no such file"):
        pomkit.load(tmp_path / "missing.yaml")


def test_validate_path_document_and_model(base: Path) -> None:
    assert pomkit.validate(base) == []
    document = pomkit.load(base)
    assert pomkit.validate(document) == []
    assert document.model is not None
    broken = document.model.model_copy(update={"roles": document.model.roles[1:]})
    found = pomkit.validate(broken)
    assert {f.code for f in found} == {"POM201"}
    assert all(f.file == "<model>" for f in found)


def test_validate_with_config_object(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(base_model().replace("accountable: pm,", "accountable: x,", 1))
    assert [f.code for f in pomkit.validate(path)] == ["POM201"]
    assert pomkit.validate(path, FileConfig(ignore=["POM201"])) == []


def test_import_is_light() -> None:
    code = (
        "import sys, pomkit; "
        "heavy = [m for m in ('pydantic', 'rich', 'jinja2', 'networkx', 'typer') "
        "if m in sys.modules]; print(heavy)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


def test_validate_command_does_not_import_report_libraries(base: Path) -> None:
    code = (
        "import sys\n"
        "from pomkit.cli import app\n"
        "try:\n"
        f"    app(['validate', {str(base)!r}, '-q'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print([m for m in ('jinja2',) if m in sys.modules])\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip().splitlines()[-1] == "[]"
