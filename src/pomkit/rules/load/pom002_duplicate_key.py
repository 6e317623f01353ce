"""POM002 duplicate-key: A key appears twice in the same mapping."""

from __future__ import annotations

from collections.abc import Iterator

from pomkit.findings import Severity
from pomkit.rules.core import Context, Problem, rule


@rule(
    "POM002",
    "duplicate-key",
    Severity.ERROR,
    "A key appears twice in the same mapping.",
    needs_model=False,
    bad="""
    metadata:
      name: example
      title: Example product
      title: Another title
    """,
    good="""
    metadata:
      name: example
      title: Example product
    """,
)
def duplicate_key(ctx: Context) -> Iterator[Problem]:
    """YAML forbids a key twice in one mapping, and parsers disagree on which value wins
    (many silently keep the last). pomkit keeps the first and reports the second, so
    that an edit that was meant to replace a value never disappears unnoticed."""
    return ctx.load_problems("POM002")
