"""POM711 product-led-growth-not-shown: The model says it is product-led, but lacks activation or
retention KPIs or self-service support.
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
from pomkit.model import Archetype
from pomkit.rules.core import Context, Problem, rule


@rule(
    "POM711",
    "product-led-growth-not-shown",
    Severity.WARNING,
    "The model says it is product-led, but lacks activation or retention KPIs or "
    "self-service support.",
    bad="""
    archetypes: [product-led-growth]
    """,
    good="""
    archetypes: [product-led-growth]
    support:
      channels:
        - {id: email, name: Email, hours: business hours}
        - {id: help-center, name: Help center, hours: 24/7, self_service: true}
      tiers:
        - {id: tier-1, name: Tier 1, owner: support-lead, channels: [email],
           response_time: 4h, resolution_time: 2d}
    kpis:
      - {id: weekly-active-teams, name: Weekly active teams, element: kpis,
         category: activation, target: {op: ">=", value: 500, unit: teams}, owner: pm,
         frequency: weekly, goal: grow-usage}
      - {id: week-4-retention, name: Teams active in week 4, element: kpis,
         category: retention, target: {op: ">=", value: 40, unit: percent}, owner: pm,
         frequency: monthly, goal: grow-usage}
    """,
)
def product_led_growth_not_shown(ctx: Context) -> Iterator[Problem]:
    """A **product-led-growth** model lets the product itself acquire, activate and
    keep users.

    Criteria (all must hold):

    - a KPI with ``category: activation``;
    - a KPI with ``category: retention``;
    - a support channel with ``self_service: true`` (help center, in-app guides,
      community).

    Applies when ``archetypes`` include ``product-led-growth``.

    A criterion that reads an item left out of the model for a structure error (POM1xx)
    is not judged; the others still are."""
    path = claimed(ctx.facts, archetype=Archetype.PRODUCT_LED_GROWTH)
    if path is None:
        return
    missing = unmet(criteria(ctx.facts, Archetype.PRODUCT_LED_GROWTH, Limits()))
    if missing:
        yield Problem(
            path,
            not_shown(path, "product-led-growth", missing),
            "measure activation and retention with KPIs of those categories, and offer a "
            "self-service support channel",
        )
