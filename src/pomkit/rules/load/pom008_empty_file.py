"""POM008 empty-file: The file holds no model."""

from __future__ import annotations

from collections.abc import Iterator

from pomkit.findings import Severity
from pomkit.rules.core import Context, Problem, rule


@rule(
    "POM008",
    "empty-file",
    Severity.ERROR,
    "The file holds no model.",
    needs_model=False,
    whole_file=True,
    bad="# nothing here yet\n",
    good="""
    apiVersion: pomkit/v1
    kind: OperatingModel
    metadata: {name: example, title: Example}
    type: agile
    """,
)
def empty_file(ctx: Context) -> Iterator[Problem]:
    """An empty file, or one with only comments or ``---``, would otherwise load as
    "nothing" and pass silently. Start from ``pomkit init`` or an example."""
    return ctx.load_problems("POM008")
