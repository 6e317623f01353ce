"""POM005 nesting-limit: Mappings and lists are nested too deeply."""

from __future__ import annotations

from collections.abc import Iterator

from pomkit.findings import Severity
from pomkit.rules.core import Context, Problem, rule


@rule(
    "POM005",
    "nesting-limit",
    Severity.ERROR,
    "Mappings and lists are nested too deeply.",
    needs_model=False,
    whole_file=True,
    bad="a: " + "[" * 80 + "]" * 80 + "\n",
    good="a: [[1, 2], [3, 4]]\n",
)
def nesting_limit(ctx: Context) -> Iterator[Problem]:
    """A model needs a handful of levels. Very deep nesting is a sign of a generated or
    hostile file and can crash YAML parsers written in C, so pomkit bounds it before
    parsing and reports where the limit (64 levels) was passed."""
    return ctx.load_problems("POM005")
