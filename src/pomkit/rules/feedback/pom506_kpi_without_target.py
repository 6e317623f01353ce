"""POM506 kpi-without-target: A KPI has no target."""

from __future__ import annotations

from collections.abc import Iterator

from pomkit.findings import Severity
from pomkit.rules.core import Context, Problem, rule


@rule(
    "POM506",
    "kpi-without-target",
    Severity.WARNING,
    "A KPI has no target.",
    bad="""
    kpis:
      - {id: weekly-active-teams, name: Weekly active teams, element: kpis, owner: pm,
         frequency: weekly, goal: grow-usage}
    """,
    good="""
    kpis:
      - {id: weekly-active-teams, name: Weekly active teams, element: kpis,
         target: {op: ">=", value: 500, unit: teams}, owner: pm, frequency: weekly,
         goal: grow-usage}
    """,
)
def kpi_without_target(ctx: Context) -> Iterator[Problem]:
    """A number without a target is a statistic, not a KPI: nobody can tell whether a
    value is good news or bad news.

    Reported for each KPI under ``kpis`` with no ``target`` (``{op, value, unit}``); a
    target written but invalid is reported by the structure rules (POM1xx), not here."""
    for view in ctx.facts.unwritten("kpi", "target"):
        yield Problem(
            (*view.where, "target"),
            f"{view.label} has no target: nobody can tell whether its value is good or bad",
            'add `target: {op: ">=", value: …, unit: …}`',
            in_source=not view.kept,
        )
