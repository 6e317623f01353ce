"""POM010 multiple-documents: The file holds more than one YAML document."""

from __future__ import annotations

from collections.abc import Iterator

from pomkit.findings import Severity
from pomkit.rules.core import Context, Problem, rule


@rule(
    "POM010",
    "multiple-documents",
    Severity.ERROR,
    "The file holds more than one YAML document.",
    needs_model=False,
    whole_file=True,
    bad="""
    apiVersion: pomkit/v1
    kind: OperatingModel
    ---
    apiVersion: pomkit/v1
    kind: OperatingModel
    """,
    good="""
    apiVersion: pomkit/v1
    kind: OperatingModel
    metadata: {name: example, title: Example}
    type: agile
    """,
)
def multiple_documents(ctx: Context) -> Iterator[Problem]:
    """One file holds one model. A second document after ``---`` would be ignored by
    most tools; pomkit reports it instead. Keep one file per product line."""
    return ctx.load_problems("POM010")
