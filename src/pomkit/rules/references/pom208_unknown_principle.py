"""POM208 unknown-principle: A reference to a principle the model does not declare."""

from __future__ import annotations

from collections.abc import Iterator

from pomkit.findings import Severity
from pomkit.rules.core import Context, Problem, rule


@rule(
    "POM208",
    "unknown-principle",
    Severity.ERROR,
    "A reference to a principle the model does not declare.",
    bad="""
    kpis:
      - {id: weekly-active-teams, name: Weekly active teams, element: kpis,
         target: {op: ">=", value: 500}, owner: pm, frequency: weekly,
         principle: data-driven}
    """,
    good="""
    kpis:
      - {id: weekly-active-teams, name: Weekly active teams, element: kpis,
         target: {op: ">=", value: 500}, owner: pm, frequency: weekly,
         principle: continuous-improvement}
    """,
)
def unknown_principle(ctx: Context) -> Iterator[Problem]:
    """A KPI's ``principle`` (or ``principle:<id>``) must be one the model declares under
    ``principles:`` — a measure of a principle the model does not claim is either a
    missing declaration or a stale link."""
    return ctx.dangling("principle")
