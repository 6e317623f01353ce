"""POM107 id-format: An id that is not lowercase kebab-case."""

from __future__ import annotations

from collections.abc import Iterator

from pomkit.findings import Severity
from pomkit.rules.core import Context, Problem, rule


@rule(
    "POM107",
    "id-format",
    Severity.ERROR,
    "An id that is not lowercase kebab-case.",
    needs_model=False,
    bad="""
    teams:
      - {id: Core_Team, name: Core team, type: stream-aligned}
    """,
    good="""
    teams:
      - {id: core-team, name: Core team, type: stream-aligned}
    """,
)
def id_format(ctx: Context) -> Iterator[Problem]:
    """Ids are lowercase letters and digits joined by single hyphens (``product-lead``),
    so that they read the same in YAML, URLs, Mermaid diagrams and typed references
    like ``kpi:nps``. The hint suggests the kebab-case form."""
    return ctx.schema_problems("id-format")
