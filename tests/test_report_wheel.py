"""The templates ship in the wheel: build it, install it in a fresh venv, render a report there."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from helpers import EXAMPLES, ROOT

TEMPLATES = ROOT / "templates"


def test_wheel_ships_the_templates_and_report_runs_from_it(tmp_path: Path) -> None:
    tree = tmp_path / "tree"
    junk = ("*.egg-info", "__pycache__", ".*", "build", "dist", "tests", "bench", "node_modules")
    shutil.copytree(ROOT, tree, ignore=shutil.ignore_patterns(*junk))
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}

    def run(*args: str | Path, cwd: Path = tmp_path) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(
            [str(a) for a in args],
            capture_output=True,
            text=True,
            cwd=cwd,
            env=env,
            timeout=300,
            check=False,
        )
        assert done.returncode == 0, done.stdout + done.stderr
        return done

    run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", tmp_path / "dist", tree)
    (wheel,) = (tmp_path / "dist").glob("pomkit-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    shipped = sorted(n for n in names if n.startswith("pomkit/_templates/"))
    assert shipped == sorted(f"pomkit/_templates/{p.name}" for p in TEMPLATES.iterdir())
    assert "pomkit/playbook/build.py" in names

    venv = tmp_path / "venv"
    run(sys.executable, "-m", "venv", "--system-site-packages", venv)
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    run(python, "-m", "pip", "install", "--no-deps", "--no-index", "-q", wheel)
    code = "from pomkit.playbook.render import shipped_templates; print(shipped_templates())"
    where = run(python, "-c", code)
    assert Path(where.stdout.strip()).is_relative_to(venv)
    model = EXAMPLES / "platform.yaml"
    page = tmp_path / "playbook.html"
    run(python, "-m", "pomkit", "report", model, "--output", page)
    assert page.read_text(encoding="utf-8").startswith("<!doctype html>")
    markdown = run(python, "-m", "pomkit", "report", model)
    assert "## Lifecycle and flow" in markdown.stdout
