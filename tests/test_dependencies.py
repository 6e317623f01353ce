"""Every third-party module pomkit imports is a dependency its wheel declares.

The wheel test installs pomkit with ``--no-deps`` into a virtual environment that sees
the host's packages, so it cannot notice a dependency missing from pyproject.toml; a
user's fresh install would fail on the first import. This test reads every import in
``src/pomkit`` (top-level and lazy ones alike, by walking the syntax tree), leaves out
the standard library and pomkit itself, and maps each to its distribution with
``importlib.metadata.packages_distributions()``. No network, no build.
"""

from __future__ import annotations

import ast
import re
import sys
from collections import defaultdict
from importlib import metadata

from helpers import ROOT

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

SRC = ROOT / "src" / "pomkit"

#: Modules pomkit imports only inside ``try: … except ImportError``, working without
#: them, and so not declared: import name → why. Each must really be guarded.
OPTIONAL: dict[str, str] = {}

_GUARDS = ("ImportError", "ModuleNotFoundError")


def _normal(name: str) -> str:
    """A distribution name as PEP 503 compares them (``ruamel.yaml`` → ``ruamel-yaml``)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def declared() -> set[str]:
    """The distributions in pyproject's [project] dependencies (markers ignored)."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = set()
    for requirement in project["dependencies"]:
        found = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", requirement)
        assert found, requirement
        names.add(_normal(found.group(1)))
    return names


def _catches_import_error(handler: ast.ExceptHandler) -> bool:
    caught = handler.type
    names = caught.elts if isinstance(caught, ast.Tuple) else [caught]
    return any(isinstance(n, ast.Name) and n.id in _GUARDS for n in names)


def imports(source: str) -> list[tuple[str, int, bool]]:
    """(top-level module, line, guarded by ``except ImportError``) of each absolute import."""
    tree = ast.parse(source)
    guarded: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Try) and any(_catches_import_error(h) for h in node.handlers):
            guarded.update(id(n) for stmt in node.body for n in ast.walk(stmt))
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        out += [(name.split(".")[0], node.lineno, id(node) in guarded) for name in names]
    return out


def third_party() -> dict[str, list[tuple[str, bool]]]:
    """Import name → every ``file:line`` importing it, with whether it is guarded."""
    found: dict[str, list[tuple[str, bool]]] = defaultdict(list)
    for path in sorted(SRC.rglob("*.py")):
        for name, line, guarded in imports(path.read_text(encoding="utf-8")):
            if name in sys.stdlib_module_names or name == "pomkit" or name == "__future__":
                continue
            found[name].append((f"{path.relative_to(ROOT)}:{line}", guarded))
    return dict(found)


def test_the_import_walk_sees_lazy_and_guarded_imports() -> None:
    source = (
        "import os, yaml.cyaml\n"
        "from . import sibling\n"
        "def later():\n"
        "    from jinja2 import Environment\n"
        "try:\n"
        "    import optional_thing\n"
        "except (ImportError, OSError):\n"
        "    optional_thing = None\n"
    )
    assert sorted(imports(source)) == [
        ("jinja2", 4, False),
        ("optional_thing", 6, True),
        ("os", 1, False),
        ("yaml", 1, False),
    ]


def test_every_third_party_import_is_a_declared_dependency() -> None:
    found = third_party()
    assert {"typer", "pydantic", "jinja2", "grandalf", "yaml"} <= set(found), "the walk works"
    dependencies = declared()
    distributions = metadata.packages_distributions()
    missing = {}
    for name, sites in sorted(found.items()):
        if name in OPTIONAL:
            continue
        # A module that is not installed here (tomli below Python 3.11) is looked up
        # under its own name.
        candidates = distributions.get(name, [name])
        if not any(_normal(d) in dependencies for d in candidates):
            missing[name] = (candidates, [site for site, _ in sites])
    assert missing == {}, (
        "imported but not declared in pyproject's [project] dependencies "
        "(import name: (distributions, where)): " + repr(missing)
    )


def test_optional_imports_are_guarded_and_still_used() -> None:
    found = third_party()
    for name, why in OPTIONAL.items():
        assert why, name
        assert name in found, f"{name} is allowed as optional but no longer imported"
        unguarded = [site for site, guarded in found[name] if not guarded]
        assert unguarded == [], f"{name} is optional but imported unguarded at {unguarded}"


def test_every_declared_dependency_is_imported() -> None:
    distributions = metadata.packages_distributions()
    used = {_normal(d) for name in third_party() for d in distributions.get(name, [name])}
    assert declared() - used == set(), "declared but never imported by src/pomkit"
