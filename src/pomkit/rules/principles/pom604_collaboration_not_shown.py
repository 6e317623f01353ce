"""POM604 collaboration-not-shown: Cross-functional collaboration is declared, but no ritual or
ceremony joins different kinds of role or different teams.
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
    "POM604",
    "collaboration-not-shown",
    Severity.WARNING,
    "Cross-functional collaboration is declared, but no ritual or ceremony joins different "
    "kinds of role or different teams.",
    bad="""
    principles:
      - {id: cross-functional-collaboration, evidence: [ritual:dev-sync]}
    methodology:
      framework: scrum
      iteration: 2w
      ceremonies:
        - {id: planning, name: Sprint planning, type: planning, cadence: 2w, facilitator: devs,
           participants: [devs]}
    collaboration:
      rituals:
        - {id: dev-sync, name: Developer sync, cadence: weekly, participants: [devs]}
    """,
    good="""
    principles:
      - {id: cross-functional-collaboration, evidence: [ritual:sync]}
    collaboration:
      rituals:
        - {id: sync, name: Product sync, cadence: weekly, participants: [pm, lead, support-lead]}
    """,
)
def collaboration_not_shown(ctx: Context) -> Iterator[Problem]:
    """A model that declares **cross-functional-collaboration** must bring different
    disciplines or teams together somewhere.

    Criterion: at least one ritual (``collaboration.rituals``) or ceremony
    (``methodology.ceremonies``) whose attendees — participants and facilitator, a
    team in a ritual standing for all its roles — are roles of at least **two
    different kinds** (``product-manager``, ``ux-ui-designer`` …; all ``custom`` roles
    are one kind) or of at least **two different teams**.

    Reported at the principle.

    A criterion that reads an item left out of the model for a structure error (POM1xx)
    is not judged; the others still are."""
    principle = PrincipleId.CROSS_FUNCTIONAL_COLLABORATION
    missing: list[str] | None = None
    for path in declared(ctx.model, principle):
        if missing is None:
            missing = unmet(criteria(ctx.facts, principle, Limits()))
        if missing:
            yield Problem(
                path,
                not_shown(principle, missing),
                "add a ritual under collaboration.rituals where, e.g., product, design and "
                "engineering roles (or several teams) meet",
            )
