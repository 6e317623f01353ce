"""Helpers shared by the tests: repository paths and ways to run the CLI."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from pomkit.cli import app

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


def planted(path: Path, prefix: str = "") -> set[tuple[str, int]]:
    """(code, line) pairs an invalid example's sidecar expects, codes starting ``prefix``."""
    import json

    rows = json.loads(path.with_suffix(".expected.json").read_text(encoding="utf-8"))
    return {(row["code"], row["line"]) for row in rows if row["code"].startswith(prefix)}
