"""POM012 complex-key: A mapping key is a list or mapping."""

from __future__ import annotations

from collections.abc import Iterator

from pomkit.findings import Severity
from pomkit.rules.core import Context, Problem, rule


@rule(
    "POM012",
    "complex-key",
    Severity.ERROR,
    "A mapping key is a list or mapping.",
    needs_model=False,
    bad="""
    metadata:
      ? [name, title]
      : example
    """,
    good="""
    metadata:
      name: example
      title: Example
    """,
)
def complex_key(ctx: Context) -> Iterator[Problem]:
    """YAML allows lists and mappings as keys (``? [a, b]``); a model's keys are names.
    Such a key is reported and skipped, and the rest of the mapping is still read."""
    return ctx.load_problems("POM012")
