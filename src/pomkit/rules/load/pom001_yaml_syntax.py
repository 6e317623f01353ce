"""POM001 yaml-syntax: The file is not valid YAML."""

from __future__ import annotations

from collections.abc import Iterator

from pomkit.findings import Severity
from pomkit.rules.core import Context, Problem, rule


@rule(
    "POM001",
    "yaml-syntax",
    Severity.ERROR,
    "The file is not valid YAML.",
    needs_model=False,
    bad="""
    metadata:
      name: example
      title: Q3: launch
    """,
    good="""
    metadata:
      name: example
      title: "Q3: launch"
    """,
)
def yaml_syntax(ctx: Context) -> Iterator[Problem]:
    """The YAML parser could not read the file. Nothing else can be checked until it can,
    so this is reported at the exact line and column the parser stopped at, with the
    most likely fix (quote a value holding ``: ``, indent with spaces, …)."""
    return ctx.load_problems("POM001")
