"""POM603 data-driven-not-shown: Data-driven is declared, but a goal has no KPI with a target and a
frequency.
"""

from __future__ import annotations

from collections.abc import Iterator

from pomkit.domain.principles import (
    Limits,
    criteria,
    declared,
    not_shown,
    unmet,
)
from pomkit.findings import Severity
from pomkit.model import PrincipleId
from pomkit.rules.core import Context, Problem, rule


@rule(
    "POM603",
    "data-driven-not-shown",
    Severity.WARNING,
    "Data-driven is declared, but a goal has no KPI with a target and a frequency.",
    bad="""
    principles:
      - {id: data-driven, evidence: [kpi:weekly-active-teams]}
    kpis:
      - {id: weekly-active-teams, name: Weekly active teams, element: kpis, owner: pm,
         goal: grow-usage}
    """,
    good="""
    principles:
      - {id: data-driven, evidence: [kpi:weekly-active-teams]}
    kpis:
      - {id: weekly-active-teams, name: Weekly active teams, element: kpis, owner: pm,
         target: {op: ">=", value: 500, unit: teams}, frequency: weekly, goal: grow-usage}
    """,
)
def data_driven_not_shown(ctx: Context) -> Iterator[Problem]:
    """A model that declares **data-driven** decision-making must measure what it aims
    for.

    Criteria: there is at least one goal under ``strategy.goals``, and **every** goal
    is measured by a KPI with a numeric ``target`` and a ``frequency``. A KPI measures
    a goal when the goal lists it in ``kpis`` or the KPI names the goal in ``goal``
    (either direction counts).

    Reported at the principle, naming the goals that lack such a KPI.

    A criterion that reads an item left out of the model for a structure error (POM1xx)
    is not judged; the others still are."""
    principle = PrincipleId.DATA_DRIVEN
    missing: list[str] | None = None
    for path in declared(ctx.model, principle):
        if missing is None:
            missing = unmet(criteria(ctx.facts, principle, Limits()))
        if missing:
            yield Problem(
                path,
                not_shown(principle, missing),
                "give every goal a KPI (goal.kpis or kpi.goal) with target: {op, value} and "
                "a frequency",
            )
