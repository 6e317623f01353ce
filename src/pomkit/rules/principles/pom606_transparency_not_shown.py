"""POM606 transparency-not-shown: Transparency and accountability is declared, but the RACI or KPI
ownership is incomplete.
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
    "POM606",
    "transparency-not-shown",
    Severity.WARNING,
    "Transparency and accountability is declared, but the RACI or KPI ownership is incomplete.",
    bad="""
    principles:
      - {id: transparency-and-accountability, evidence: [responsibility:set-strategy]}
    kpis:
      - {id: weekly-active-teams, name: Weekly active teams, element: kpis,
         target: {op: ">=", value: 500}, frequency: weekly, goal: grow-usage}
    """,
    good="""
    principles:
      - {id: transparency-and-accountability, evidence: [responsibility:set-strategy]}
    kpis:
      - {id: weekly-active-teams, name: Weekly active teams, element: kpis,
         target: {op: ">=", value: 500}, owner: pm, frequency: weekly, goal: grow-usage}
    """,
)
def transparency_not_shown(ctx: Context) -> Iterator[Problem]:
    """A model that declares **transparency-and-accountability** must say who does and
    who answers for everything it lists.

    Criteria (all must hold):

    - at least one responsibility under ``responsibilities``;
    - every responsibility has at least one ``responsible`` role (the ``accountable``
      role is required by the schema);
    - every KPI has an ``owner``.

    Reported at the principle, naming the responsibilities and KPIs that lack roles.

    A criterion that reads an item left out of the model for a structure error (POM1xx)
    is not judged; the others still are."""
    principle = PrincipleId.TRANSPARENCY_AND_ACCOUNTABILITY
    missing: list[str] | None = None
    for path in declared(ctx.model, principle):
        if missing is None:
            missing = unmet(criteria(ctx.facts, principle, Limits()))
        if missing:
            yield Problem(
                path,
                not_shown(principle, missing),
                "name a responsible role on every responsibility and an owner on every KPI",
            )
