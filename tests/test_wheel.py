"""What the wheel carries: built once from a copy of the tree, installed into a fresh venv.

The shipped examples (for ``pomkit init``) and templates (for ``pomkit report``) live in
top-level folders mapped into the package; these tests catch packaging that drifts.

The venv sees the host's packages and pomkit is installed ``--no-deps`` (no network in
the tests), so the dependencies come from the host, not from the wheel's metadata;
tests/test_dependencies.py checks instead that every third-party module pomkit imports
is declared in pyproject.toml.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from helpers import EXAMPLES, ROOT

TEMPLATES = ROOT / "templates"


@dataclass(frozen=True)
class Installed:
    wheel_names: list[str]
    venv: Path
    python: Path
    run: Callable[..., subprocess.CompletedProcess[str]]
    workdir: Path


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    tmp_path = tmp_path_factory.mktemp("wheel")
    tree = tmp_path / "tree"
    junk = ("*.egg-info", "__pycache__", ".*", "build", "dist", "tests", "bench", "node_modules")
    shutil.copytree(ROOT, tree, ignore=shutil.ignore_patterns(*junk))
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}

    def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(
            [str(a) for a in args],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            env=env,
            timeout=300,
            check=False,
        )
        assert done.returncode == 0, done.stdout + done.stderr
        return done

    run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", tmp_path / "dist", tree)
    (wheel,) = (tmp_path / "dist").glob("pomkit-*.whl")
    venv = tmp_path / "venv"
    run(sys.executable, "-m", "venv", "--system-site-packages", venv)
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    run(python, "-m", "pip", "install", "--no-deps", "--no-index", "-q", wheel)
    return Installed(zipfile.ZipFile(wheel).namelist(), venv, python, run, tmp_path)


def test_wheel_ships_the_examples_and_init_runs_from_it(installed: Installed) -> None:
    shipped = sorted(n for n in installed.wheel_names if n.startswith("pomkit/_examples/"))
    assert shipped == sorted(f"pomkit/_examples/{p.name}" for p in EXAMPLES.glob("*.yaml"))
    code = "from pomkit import scaffold; print(scaffold.shipped('examples'))"
    where = installed.run(installed.python, "-c", code)
    assert Path(where.stdout.strip()).is_relative_to(installed.venv)
    done = installed.run(
        installed.python, "-m", "pomkit", "init", "--archetype", "platform", "--name", "pay", "-"
    )
    assert yaml.safe_load(done.stdout)["metadata"]["name"] == "pay"


def test_wheel_ships_the_templates_and_report_runs_from_it(installed: Installed) -> None:
    names = installed.wheel_names
    shipped = sorted(n for n in names if n.startswith("pomkit/_templates/"))
    assert shipped == sorted(f"pomkit/_templates/{p.name}" for p in TEMPLATES.iterdir())
    assert "pomkit/playbook/build.py" in names
    code = "from pomkit.playbook.render import shipped_templates; print(shipped_templates())"
    where = installed.run(installed.python, "-c", code)
    assert Path(where.stdout.strip()).is_relative_to(installed.venv)
    model = EXAMPLES / "platform.yaml"
    page = installed.workdir / "playbook.html"
    installed.run(installed.python, "-m", "pomkit", "report", model, "--output", page)
    assert page.read_text(encoding="utf-8").startswith("<!doctype html>")
    markdown = installed.run(installed.python, "-m", "pomkit", "report", model)
    assert "## Lifecycle and flow" in markdown.stdout
