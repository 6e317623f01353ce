"""POM705 service-oriented-not-shown: The model says it is service-oriented, but support tiers lack
SLAs or no service KPI is measured.
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
    "POM705",
    "service-oriented-not-shown",
    Severity.WARNING,
    "The model says it is service-oriented, but support tiers lack SLAs or no service KPI "
    "is measured.",
    bad="""
    type: service-oriented
    support:
      channels:
        - {id: email, name: Email, hours: business hours}
      tiers:
        - {id: tier-1, name: Tier 1, owner: support-lead, channels: [email]}
    """,
    good="""
    type: service-oriented
    support:
      channels:
        - {id: email, name: Email, hours: business hours}
      tiers:
        - {id: tier-1, name: Tier 1, owner: support-lead, channels: [email],
           response_time: 4h, resolution_time: 2d}
    kpis:
      - {id: weekly-active-teams, name: Weekly active teams, element: kpis,
         target: {op: ">=", value: 500, unit: teams}, owner: pm, frequency: weekly,
         goal: grow-usage}
      - {id: sla-met, name: Tickets resolved within SLA, element: support,
         category: service-level, target: {op: ">=", value: 95, unit: percent},
         owner: support-lead, frequency: monthly}
    """,
)
def service_oriented_not_shown(ctx: Context) -> Iterator[Problem]:
    """A **service-oriented** model delivers services alongside the product and
    promises service levels.

    Criteria (both must hold):

    - at least one support tier, and every tier has a ``response_time`` and a
      ``resolution_time`` (its SLA);
    - a service KPI: a KPI with ``category: service-level``, or a KPI with
      ``element: support`` and a ``target``.

    Applies when ``type: service-oriented``.

    A criterion that reads an item left out of the model for a structure error (POM1xx)
    is not judged; the others still are."""
    path = claimed(ctx.facts, ModelType.SERVICE_ORIENTED)
    if path is None:
        return
    missing = unmet(criteria(ctx.facts, ModelType.SERVICE_ORIENTED, Limits()))
    if missing:
        yield Problem(
            path,
            not_shown(path, "service-oriented", missing),
            "give every support tier a response_time and a resolution_time, and measure them "
            "with a KPI of category service-level",
        )
