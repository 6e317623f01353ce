"""POM204 unknown-goal: A reference to a strategy goal that is not defined."""

from __future__ import annotations

from collections.abc import Iterator

from pomkit.findings import Severity
from pomkit.rules.core import Context, Problem, rule


@rule(
    "POM204",
    "unknown-goal",
    Severity.ERROR,
    "A reference to a strategy goal that is not defined.",
    bad="""
    kpis:
      - {id: weekly-active-teams, name: Weekly active teams, element: kpis,
         target: {op: ">=", value: 500}, owner: pm, frequency: weekly, goal: grow-revenue}
    """,
    good="""
    kpis:
      - {id: weekly-active-teams, name: Weekly active teams, element: kpis,
         target: {op: ">=", value: 500}, owner: pm, frequency: weekly, goal: grow-usage}
    """,
)
def unknown_goal(ctx: Context) -> Iterator[Problem]:
    """KPIs and roadmap items tie work to ``strategy.goals`` by id. A dangling goal means
    a measure or a roadmap item that supports nothing the strategy says."""
    return ctx.dangling("goal")
