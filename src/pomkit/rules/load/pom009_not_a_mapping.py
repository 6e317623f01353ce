"""POM009 not-a-mapping: The top level is a list or a single value, not a mapping."""

from __future__ import annotations

from collections.abc import Iterator

from pomkit.findings import Severity
from pomkit.rules.core import Context, Problem, rule


@rule(
    "POM009",
    "not-a-mapping",
    Severity.ERROR,
    "The top level is a list or a single value, not a mapping.",
    needs_model=False,
    whole_file=True,
    bad="""
    - apiVersion: pomkit/v1
      kind: OperatingModel
    """,
    good="""
    apiVersion: pomkit/v1
    kind: OperatingModel
    metadata: {name: example, title: Example}
    type: agile
    """,
)
def not_a_mapping(ctx: Context) -> Iterator[Problem]:
    """A model file is one mapping whose keys are the sections (``apiVersion``, ``kind``,
    ``metadata``, ``roles`` …). A list or a bare value at the top cannot be a model."""
    return ctx.load_problems("POM009")
