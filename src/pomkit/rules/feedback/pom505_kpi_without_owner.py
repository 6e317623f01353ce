"""POM505 kpi-without-owner: A KPI has no owner."""

from __future__ import annotations

from collections.abc import Iterator

from pomkit.findings import Severity
from pomkit.rules.core import Context, Problem, rule


@rule(
    "POM505",
    "kpi-without-owner",
    Severity.WARNING,
    "A KPI has no owner.",
    bad="""
    kpis:
      - {id: weekly-active-teams, name: Weekly active teams, element: kpis,
         target: {op: ">=", value: 500, unit: teams}, frequency: weekly, goal: grow-usage}
    """,
    good="""
    kpis:
      - {id: weekly-active-teams, name: Weekly active teams, element: kpis,
         target: {op: ">=", value: 500, unit: teams}, owner: pm, frequency: weekly,
         goal: grow-usage}
    """,
)
def kpi_without_owner(ctx: Context) -> Iterator[Problem]:
    """A KPI that nobody owns is watched by nobody: when it turns red, no role is
    expected to explain why or to act.

    Reported for each KPI under ``kpis`` with no ``owner`` (a value written but invalid is
    reported by the structure rules, POM1xx, not here)."""
    for view in ctx.facts.unwritten("kpi", "owner"):
        yield Problem(
            (*view.where, "owner"),
            f"{view.label} has no owner: nobody answers for it when it misses its target",
            "set `owner:` to the role that reviews the KPI and acts on it",
            in_source=not view.kept,
        )
