"""POM504 goal-without-kpi: A strategy goal is measured by no KPI."""

from __future__ import annotations

from collections.abc import Iterator

from pomkit.domain.holes import UNKNOWN
from pomkit.findings import Severity
from pomkit.model import label
from pomkit.rules.core import Context, Problem, rule


@rule(
    "POM504",
    "goal-without-kpi",
    Severity.WARNING,
    "A strategy goal is measured by no KPI.",
    bad="""
    strategy:
      vision: Teams invoice in one click.
      goals:
        - {id: grow-usage, statement: Grow weekly active teams, owner: pm,
           kpis: [weekly-active-teams]}
        - {id: cut-churn, statement: Halve churn, owner: pm}
    """,
    good="""
    strategy:
      vision: Teams invoice in one click.
      goals:
        - {id: grow-usage, statement: Grow weekly active teams, owner: pm,
           kpis: [weekly-active-teams]}
        - {id: cut-churn, statement: Halve churn, owner: pm}
    kpis:
      - {id: weekly-active-teams, name: Weekly active teams, element: kpis,
         target: {op: ">=", value: 500}, owner: pm, frequency: weekly, goal: grow-usage}
      - {id: monthly-churn, name: Monthly churn, element: kpis,
         target: {op: "<=", value: 2, unit: percent}, owner: pm, frequency: monthly,
         goal: cut-churn}
    """,
)
def goal_without_kpi(ctx: Context) -> Iterator[Problem]:
    """A goal that no number measures cannot be reviewed: nobody can say whether it is
    on track, and it quietly stops steering decisions.

    Reported for each goal under ``strategy.goals`` whose ``kpis`` list is empty and
    that no KPI names in its ``goal``. Either link direction counts. A goal is not
    reported while a KPI that could name it, or the goal's own ``kpis``, cannot be read
    because of a structure error (POM1xx)."""
    model = ctx.model
    named: set[str] = set()
    unsure = False
    for view in ctx.facts.views("kpi"):
        goal = view.get("goal")
        if goal is UNKNOWN:
            unsure = True
        elif isinstance(goal, str):
            named.add(goal)
    for i, goal in enumerate(model.strategy.goals):
        if goal.kpis or goal.id in named or unsure:
            continue
        if ctx.holes.written(("strategy", "goals", i, "kpis")):
            continue
        yield Problem(
            ("strategy", "goals", i),
            f"{label(goal)} is measured by no KPI",
            f"list its KPIs under the goal's `kpis:`, or set `goal: {goal.id}` on the "
            "KPIs that measure it",
        )
