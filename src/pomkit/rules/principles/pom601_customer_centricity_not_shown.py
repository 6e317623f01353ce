"""POM601 customer-centricity-not-shown: Customer-centricity is declared, but no customer loop
reaches the backlog or no customer KPI is measured.
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
    "POM601",
    "customer-centricity-not-shown",
    Severity.WARNING,
    "Customer-centricity is declared, but no customer loop reaches the backlog or no "
    "customer KPI is measured.",
    bad="""
    principles:
      - {id: customer-centricity, evidence: [feedback:interviews]}
    feedback:
      loops:
        - {id: interviews, source: customers, owner: po, feeds: [discovery]}
    """,
    good="""
    principles:
      - {id: customer-centricity, evidence: [feedback:interviews, kpi:weekly-active-teams]}
    feedback:
      loops:
        - {id: interviews, source: customers, owner: po, feeds: [discovery, backlog]}
    kpis:
      - {id: weekly-active-teams, name: Weekly active teams, element: kpis,
         category: engagement, target: {op: ">=", value: 500}, owner: pm,
         frequency: weekly, goal: grow-usage}
    """,
)
def customer_centricity_not_shown(ctx: Context) -> Iterator[Problem]:
    """A model that declares **customer-centricity** must show that what customers say
    changes what gets built, and that how customers fare is measured.

    Criteria (both must hold):

    - a **customer loop to backlog or roadmap**: a feedback loop with
      ``source: customers`` whose ``feeds`` include ``backlog`` or ``roadmap``;
    - a **customer KPI**: a KPI with ``category`` ``customer-satisfaction``,
      ``activation``, ``retention``, ``engagement`` or ``adoption``, or with
      ``principle: customer-centricity``. A KPI without ``category`` gets the one its
      id or name gives (``nps``, ``Net Promoter Score`` → customer-satisfaction; see
      the README's "Types and categories read from names").

    Reported at the principle. Add what is missing: route a customer loop into the
    backlog or roadmap, give a customer-facing KPI its ``category``.

    A criterion that reads an item left out of the model for a structure error (POM1xx)
    is not judged; the others still are."""
    principle = PrincipleId.CUSTOMER_CENTRICITY
    missing: list[str] | None = None
    for path in declared(ctx.model, principle):
        if missing is None:
            missing = unmet(criteria(ctx.facts, principle, Limits()))
        if missing:
            yield Problem(
                path,
                not_shown(principle, missing),
                "add backlog or roadmap to the feeds of a loop from customers, and give a KPI "
                "about customers its category (e.g. category: customer-satisfaction)",
            )
