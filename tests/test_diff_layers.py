"""The diff package keeps to its layer: it reads the model and the domain, never rules."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import ROOT

PACKAGE = ROOT / "src" / "pomkit" / "changes"
#: What pomkit.changes (the diff's package) may not import, not even lazily inside a function.
FORBIDDEN = (
    "pomkit.rules",
    "pomkit.engine",
    "pomkit.api",
    "pomkit.cli",
    "pomkit.config",
    "pomkit.catalog",
    "pomkit.reporters",
    "pomkit.playbook",
    "typer",
    "jinja2",
    "rich",
)
MODULES = sorted(PACKAGE.rglob("*.py"))
assert MODULES, f"no modules under {PACKAGE}"


def imports(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.append(node.module)
    return found


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_import_from_a_higher_layer(path: Path) -> None:
    bad = [name for name in imports(path) if name.startswith(FORBIDDEN)]
    assert bad == [], f"{path.name} imports {bad}"


def test_no_check_module_imports_another() -> None:
    for path in (PACKAGE / "checks").glob("*.py"):
        others = [
            name
            for name in imports(path)
            if name.startswith("pomkit.changes.checks.") and not name.endswith("._base")
        ]
        assert others == [], f"{path.name} imports {others}"


def test_importing_pomkit_stays_cheap() -> None:
    code = (
        "import sys, pomkit; import pomkit.config; "
        "print(sorted(m for m in sys.modules if m.startswith('pomkit.changes')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    # The configuration validates the diff table's shape itself: no diff module loads.
    assert result.stdout.strip() == "[]"
