"""POM707 customer-centric-not-shown: The model says it is customer-centric, but lacks a customer
loop to the backlog, a customer KPI or a discovery stage with work in it.
"""

from __future__ import annotations

from collections.abc import Iterator

from pomkit.domain.archetypes import (
    Limits,
    claimed,
    criteria,
    not_shown,
)
from pomkit.domain.principles import unmet
from pomkit.findings import Severity
from pomkit.model import ModelType
from pomkit.rules.core import Context, Problem, rule


@rule(
    "POM707",
    "customer-centric-not-shown",
    Severity.WARNING,
    "The model says it is customer-centric, but lacks a customer loop to the backlog, a "
    "customer KPI or a discovery stage with work in it.",
    bad="""
    type: customer-centric
    feedback:
      loops:
        - {id: interviews, source: customers, channel: calls, cadence: monthly, owner: po,
           feeds: [kpi:weekly-active-teams]}
    """,
    good="""
    type: customer-centric
    feedback:
      loops:
        - {id: interviews, source: customers, channel: calls, cadence: monthly, owner: po,
           feeds: [backlog, kpi:weekly-active-teams]}
    kpis:
      - {id: weekly-active-teams, name: Weekly active teams, element: kpis,
         category: engagement, target: {op: ">=", value: 500, unit: teams}, owner: pm,
         frequency: weekly, goal: grow-usage}
    """,
)
def customer_centric_not_shown(ctx: Context) -> Iterator[Problem]:
    """A **customer-centric** model lets customer understanding drive decisions.

    Criteria (all must hold):

    - a customer loop to backlog or roadmap: a feedback loop with ``source: customers``
      whose ``feeds`` include ``backlog`` or ``roadmap``;
    - a customer KPI: ``category`` ``customer-satisfaction``, ``activation``,
      ``retention``, ``engagement`` or ``adoption``, or ``principle:
      customer-centricity``;
    - a lifecycle stage in phase ``discovery`` or ``ideation`` (its ``phase``, or its
      id when that is a phase name) with at least one responsibility placed in it.

    Applies when ``type: customer-centric``.

    A criterion that reads an item left out of the model for a structure error (POM1xx)
    is not judged; the others still are."""
    path = claimed(ctx.facts, ModelType.CUSTOMER_CENTRIC)
    if path is None:
        return
    missing = unmet(criteria(ctx.facts, ModelType.CUSTOMER_CENTRIC, Limits()))
    if missing:
        yield Problem(
            path,
            not_shown(path, "customer-centric", missing),
            "route a customer loop into the backlog or roadmap, measure customers with a "
            "categorised KPI, and place research work in a discovery or ideation stage",
        )
