"""Helpers shared by the tests: repository paths and ways to run the CLI."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from typer.testing import CliRunner

from pomkit.cli import app
from pomkit.findings import Finding
from pomkit.rules.core import Rule

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SCHEMA = ROOT / "schemas" / "operating-model.schema.json"


def example_files() -> list[Path]:
    """The shipped, valid examples (``examples/*.yaml``)."""
    return sorted(EXAMPLES.glob("*.yaml"))


def invoke(*args: str) -> tuple[int, str, str]:
    """Run the CLI in-process; return (exit code, stdout, stderr)."""
    result = CliRunner().invoke(app, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def run_pomkit(
    *args: str, cwd: Path | None = None, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    """Run the real CLI in a subprocess, as CI and pre-commit do."""
    return subprocess.run(
        [sys.executable, "-m", "pomkit", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=timeout,
        check=False,
    )


def overlay(fragment: str) -> str:
    """The rules' small clean base model with the top-level sections of ``fragment`` replaced."""
    from pomkit.catalog import overlay as _overlay

    return _overlay(textwrap.dedent(fragment).strip("\n") + "\n")


def run(
    tmp_path: Path,
    text: str,
    *codes: str,
    options: dict[str, dict[str, object]] | None = None,
    name: str = "model.yaml",
) -> list[Finding]:
    """Findings of the rules ``codes`` (codes or prefixes such as ``POM6``) for ``text``."""
    import pomkit
    from pomkit.config import FileConfig

    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    config = FileConfig(select=list(codes) or None, rules=options or {})
    return pomkit.validate(path, config)


def line_of(text: str, needle: str, after: str | None = None) -> int:
    """1-based number of the first line containing ``needle`` (after the line with ``after``)."""
    lines = text.splitlines()
    start = 0 if after is None else next(i for i, s in enumerate(lines) if after in s) + 1
    return next(i for i, s in enumerate(lines) if i >= start and needle in s) + 1


def options_of(rule: Rule) -> dict[str, object]:
    """A rule's option defaults as a configuration file writes them."""
    return {} if rule.defaults is None else rule.defaults.model_dump(mode="json")


def planted(path: Path, prefix: str = "") -> set[tuple[str, int]]:
    """(code, line) pairs an invalid example's sidecar expects, codes starting ``prefix``."""
    import json

    rows = json.loads(path.with_suffix(".expected.json").read_text(encoding="utf-8"))
    return {(row["code"], row["line"]) for row in rows if row["code"].startswith(prefix)}
