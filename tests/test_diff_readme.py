"""The README's diff parts tell the truth: the change catalog, the Python example, the CI recipe.

Refresh the change catalog between its markers on purpose with
``POMKIT_REGENERATE=1 python -m pytest -q tests/test_diff_readme.py``.
"""

from __future__ import annotations

import os
import re

import pytest
import yaml

from helpers import ROOT
from pomkit.catalog import render_change_catalog
from pomkit.changes.core import registry

README = ROOT / "README.md"
START, END = "<!-- changes:start -->", "<!-- changes:end -->"
_FENCE = re.compile(r"^```(?P<lang>\S*)\n(?P<body>.*?)^```$", re.MULTILINE | re.DOTALL)


def text() -> str:
    return README.read_text(encoding="utf-8")


def blocks(lang: str) -> list[str]:
    return [m["body"] for m in _FENCE.finditer(text()) if m["lang"] == lang]


def test_change_catalog_matches_the_registry() -> None:
    current = text()
    assert current.count(START) == 1
    assert current.count(END) == 1
    before, rest = current.split(START)
    pasted, after = rest.split(END)
    expected = render_change_catalog("markdown")
    if os.environ.get("POMKIT_REGENERATE") and pasted.strip("\n") != expected.strip("\n"):
        README.write_text(f"{before}{START}\n{expected}{END}{after}", encoding="utf-8")
        pytest.skip("README change catalog regenerated")
    assert pasted.strip("\n") == expected.strip("\n"), (
        "the README change catalog is stale: run "
        "POMKIT_REGENERATE=1 python -m pytest -q tests/test_diff_readme.py"
    )
    for code in registry():
        assert f"`{code}`" in pasted


def test_python_diff_example_runs(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code = next(b for b in blocks("python") if "pomkit.diff(" in b)
    monkeypatch.chdir(ROOT)
    exec(compile(code, "README.md", "exec"), {})
    lines = capsys.readouterr().out.splitlines()
    assert lines
    assert all(line.split()[0] in ("breaking", "notable", "info") for line in lines)


def test_the_ci_recipe_posts_the_markdown_and_fails_on_breaking_changes() -> None:
    recipe = next(b for b in blocks("yaml") if "operating-model-diff.yml" in b)
    workflow = yaml.safe_load(recipe)
    job = workflow["jobs"]["pomkit-diff"]
    assert job["permissions"]["pull-requests"] == "write"
    steps = job["steps"]
    assert steps[0]["with"]["fetch-depth"] == 0
    script = "\n".join(str(step.get("run", "")) for step in steps)
    assert "pomkit diff --format md --output pomkit-diff.md --fail-on breaking" in script
    assert "pomkit diff --format github" in script
    assert "gh pr comment" in script
    assert steps[-1]["if"] == "steps.diff.outputs.exit != '0'"


def test_the_text_example_matches_the_output_s_shape() -> None:
    example = next(b for b in blocks("text") if b.startswith("pomkit diff: old.yaml"))
    lines = example.splitlines()
    assert re.fullmatch(r"\d+ changes: \d+ breaking, \d+ notable, \d+ info", lines[-1])
    golden = (ROOT / "tests" / "golden" / "diff" / "agile.txt").read_text(encoding="utf-8")
    for line in lines:
        if line.startswith("  ") and "DIFF" in line:
            assert line in golden, line
