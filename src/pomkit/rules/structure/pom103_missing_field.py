"""POM103 missing-field: A required key is missing."""

from __future__ import annotations

from collections.abc import Iterator

from pomkit.findings import Severity
from pomkit.rules.core import Context, Problem, rule


@rule(
    "POM103",
    "missing-field",
    Severity.ERROR,
    "A required key is missing.",
    needs_model=False,
    bad="""
    roles:
      - {id: pm, title: Product manager}
    """,
    good="""
    roles:
      - {id: pm, title: Product manager, kind: product-manager}
    """,
)
def missing_field(ctx: Context) -> Iterator[Problem]:
    """Some keys are what makes an item usable: a role's ``kind``, a responsibility's
    ``accountable``, a team's ``type``. The finding points at the mapping that lacks the
    key. The item is left out of later checks, but its id still counts as defined."""
    return ctx.schema_problems("missing")
