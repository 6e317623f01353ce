"""Start-up: a validate run imports and builds only what it uses (issue 6: the everyday
case is small).

pre-commit and CI run ``pomkit validate`` on one typical model many times a day, and
there importing libraries costs more than checking. Speed itself is measured by
``bench/run.py`` (never timed here); these tests keep the costs it found out of the path.
"""

from __future__ import annotations

import ast
import gc
import json
import os
import subprocess
import sys

import pytest
from pydantic import BaseModel

import pomkit.config
import pomkit.model
import pomkit.playbook.view
from helpers import EXAMPLES, ROOT
from pomkit.config import FileConfig, no_configuration

SRC = ROOT / "src" / "pomkit"

#: Imported by other commands (report, diff) or only when needed (did-you-mean,
#: colour), never by validating a clean model with plain output.
NOT_FOR_VALIDATE = ("networkx", "rich", "jinja2", "rapidfuzz", "pomkit.changes", "pomkit.playbook")


def test_validating_a_clean_model_imports_and_builds_nothing_it_does_not_use() -> None:
    # The console script's own entry point, as `pomkit` and `python -m pomkit` run it.
    code = (
        "import gc, sys\n"
        "import importlib.metadata as metadata\n"
        "from pomkit.__main__ import main\n"
        "collecting_at_start = gc.isenabled()\n"
        # Looking for Pydantic plugins lists the installed distributions.
        "listed = []\n"
        "every = metadata.distributions\n"
        "metadata.distributions = lambda *a, **k: listed.append(1) or every(*a, **k)\n"
        f"sys.argv = ['pomkit', 'validate', '-q', {str(EXAMPLES / 'agile.yaml')!r}]\n"
        "try:\n"
        "    main()\n"
        "except SystemExit as exit:\n"
        "    assert exit.code == 0, exit.code\n"
        "from pomkit.config import FileConfig\n"
        "from pomkit.model import OperatingModel, Role\n"
        "import json\n"
        "print(json.dumps({\n"
        f"    'loaded': sorted(m for m in sys.modules if m.startswith({NOT_FOR_VALIDATE!r})),\n"
        "    'collecting_at_start': collecting_at_start,\n"
        "    'collecting': gc.isenabled(),\n"
        "    'frozen': gc.get_freeze_count(),\n"
        "    'config_validator_built': FileConfig.__pydantic_complete__,\n"
        "    'model_built': OperatingModel.__pydantic_complete__,\n"
        "    'role_built_apart': Role.__pydantic_complete__,\n"
        "    'plugins_looked_for': bool(listed),\n"
        "}))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["loaded"] == []
    # No collection while the imports build what lives as long as the process; all of
    # it frozen, and the collector on again for the check itself.
    assert seen["collecting_at_start"] is False
    assert seen["collecting"] is True
    assert seen["frozen"] > 10_000
    # Without a configuration file, the configuration's validator is never built.
    assert seen["config_validator_built"] is False
    # The model's validator is built once, for the whole tree, not once per class.
    assert seen["model_built"] is True
    assert seen["role_built_apart"] is False
    # No look for Pydantic plugins (pomkit uses none; the command line says so).
    assert seen["plugins_looked_for"] is False


def test_the_configuration_of_no_file_is_every_default() -> None:
    assert no_configuration() == FileConfig()


@pytest.mark.parametrize("module", [pomkit.model, pomkit.config, pomkit.playbook.view])
def test_no_pydantic_field_takes_a_builtin_as_default_factory(module: object) -> None:
    # Pydantic reads a default factory's signature; a builtin's only from its text,
    # tokenized at every field (pomkit/modelkit.py).
    models = [
        value
        for value in vars(module).values()
        if isinstance(value, type) and issubclass(value, BaseModel) and value is not BaseModel
    ]
    assert models
    slow = [
        f"{model.__name__}.{name}"
        for model in models
        for name, info in model.model_fields.items()
        if info.default_factory in (list, dict, set, tuple)
    ]
    assert slow == [], "use pomkit.modelkit.empty_list / empty_dict"


def _declares_models_or_commands(tree: ast.Module) -> bool:
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef):
            bases = {ast.unparse(base) for base in node.bases}
            if bases & {"BaseModel", "Section", "Options"}:
                return True
        if isinstance(node, ast.FunctionDef) and any(
            ast.unparse(d).startswith(("app.command", "app.callback")) for d in node.decorator_list
        ):
            return True
    return False


def test_modules_read_by_pydantic_or_typer_keep_their_annotations_evaluated() -> None:
    # With postponed annotations, Pydantic (model fields) and Typer (command parameters)
    # compile every annotation string again at each run.
    postponed = []
    for path in sorted(SRC.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        if _declares_models_or_commands(ast.parse(text)) and (
            "from __future__ import annotations" in text
        ):
            postponed.append(str(path.relative_to(SRC)))
    assert postponed == []


def test_the_library_leaves_the_collector_alone() -> None:
    # Only the command line's own process turns collection off (pomkit/__main__.py).
    import pomkit.api  # noqa: F401

    assert gc.isenabled()


def test_the_import_bench_sums_self_times_by_package() -> None:
    # bench/imports.py shows `python -X importtime` before and after (issue 6).
    bench = ROOT / "bench" / "imports.py"
    done = subprocess.run(
        [sys.executable, str(bench), "--repeat", "1"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    header, row = done.stdout.splitlines()[:2]
    columns = header.split()
    assert columns[:3] == ["all", "modules", "pomkit"]
    cells = dict(zip(columns, row.split()[1:], strict=True))
    assert row.split()[0] == "checkout"
    assert int(cells["modules"]) > 100
    assert cells["networkx"] == "0.0ms"
