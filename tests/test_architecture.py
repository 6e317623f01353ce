"""The architecture as a contract: imports flow one way, rules stay independent (import-linter).

The contracts live in pyproject.toml under [tool.importlinter]: the layer order
(loader → model → structure → domain → rules/report/diff → engine → api → cli, with
nothing importing upward), no rule module importing another, and only the command
line importing Typer.
"""

from __future__ import annotations

import contextlib
import io
import os

from helpers import ROOT


def test_import_contracts_are_kept() -> None:
    from importlinter.cli import lint_imports

    out = io.StringIO()
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        with contextlib.redirect_stdout(out):
            code = lint_imports(no_cache=True, no_logo=True)
    finally:
        os.chdir(cwd)
    assert code == 0, out.getvalue()
    assert "BROKEN" not in out.getvalue()
    assert out.getvalue().count("KEPT") >= 4


def test_no_module_imports_itself_through_others() -> None:
    """No import cycle anywhere in the package, lazy imports inside functions included.

    The layers contract cannot see a cycle inside one layer (a package's ``__init__``
    and its own modules); this can. Shared pieces go to a leaf module instead
    (``rules/core.py``, ``reporters/base.py``).
    """
    import grimp
    import networkx as nx

    graph = grimp.build_graph("pomkit", cache_dir=None)
    edges = nx.DiGraph()
    for module in graph.modules:
        for imported in graph.find_modules_directly_imported_by(module):
            edges.add_edge(module, imported)
    cycles = [sorted(c) for c in nx.strongly_connected_components(edges) if len(c) > 1]
    assert cycles == [], cycles
