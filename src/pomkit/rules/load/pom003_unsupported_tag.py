"""POM003 unsupported-tag: A YAML tag (`!include`, `!!python/...`) is used."""

from __future__ import annotations

from collections.abc import Iterator

from pomkit.findings import Severity
from pomkit.rules.core import Context, Problem, rule


@rule(
    "POM003",
    "unsupported-tag",
    Severity.ERROR,
    "A YAML tag (`!include`, `!!python/...`) is used.",
    needs_model=False,
    bad="""
    strategy: !include strategy.yaml
    """,
    good="""
    strategy:
      vision: Teams invoice in one click.
    """,
)
def unsupported_tag(ctx: Context) -> Iterator[Problem]:
    """A model is plain data. Tags that construct objects, include files or change a
    value's type are refused: they can run code in other YAML tools, and a reader of the
    file cannot see what they produce. The standard ``!!str``, ``!!int``, ``!!float``,
    ``!!bool`` and ``!!null`` are allowed when the value fits them."""
    return ctx.load_problems("POM003")
