"""POM710 continuous-delivery-not-shown: The model says it does continuous delivery, but releases
are not automated, not daily, or lead time is not measured.
"""

from collections.abc import Iterator

from pydantic import Field

from pomkit.domain.archetypes import (
    CADENCE_LIMIT,
    Limits,
    claimed,
    criteria,
    not_shown,
)
from pomkit.domain.principles import unmet
from pomkit.durations import Duration
from pomkit.findings import Severity
from pomkit.model import Archetype
from pomkit.rules.core import Context, Options, Problem, rule


class DeliveryOptions(Options):
    max_cadence: Duration = Field(
        CADENCE_LIMIT,
        description="The slowest release cadence that counts as continuous delivery (a duration).",
    )


@rule(
    "POM710",
    "continuous-delivery-not-shown",
    Severity.WARNING,
    "The model says it does continuous delivery, but releases are not automated, not daily, "
    "or lead time is not measured.",
    bad="""
    archetypes: [continuous-delivery]
    release:
      strategy: release-train
      cadence: 2w
      stages:
        - {id: build, name: Build, owner: lead, automated: true}
        - {id: approve, name: Change approval, owner: lead, automated: false}
    """,
    good="""
    archetypes: [continuous-delivery]
    release:
      strategy: continuous-delivery
      cadence: daily
      stages:
        - {id: build, name: Build, owner: lead, automated: true}
        - {id: deploy, name: Deploy, owner: lead, automated: true}
    kpis:
      - {id: weekly-active-teams, name: Weekly active teams, element: kpis,
         target: {op: ">=", value: 500, unit: teams}, owner: pm, frequency: weekly,
         goal: grow-usage}
      - {id: lead-time, name: Lead time for changes, element: release, category: lead-time,
         target: {op: "<=", value: 1, unit: days}, owner: lead, frequency: weekly}
    """,
    options=DeliveryOptions,
)
def continuous_delivery_not_shown(ctx: Context) -> Iterator[Problem]:
    """A **continuous-delivery** model keeps every change releasable and ships through an
    automated pipeline, often. It is not continuous *deployment*: a manual business
    go/no-go — a compliance switch-on of a feature behind a toggle, say — may stay.

    Criteria (all must hold):

    - ``release.strategy: continuous-delivery``;
    - at least one release stage with ``automated: true``;
    - every release stage that builds, tests or deploys — its id or name holds one of
      the words build, compile, ci, test(s/ing), qa, integration, integrate, deploy(s/
      ment), pipeline, package(ing) — is ``automated: true``; other manual stages
      (approvals, sign-offs, launches) are allowed;
    - a ``release.cadence`` of at most ``max_cadence`` (default ``1d``; ``continuous``
      and ``on-demand`` count as shorter than any period). A missing cadence counts as
      missing;
    - a KPI of category ``lead-time`` (its ``category``, or the one its id or name gives:
      "Lead time for changes", ``cycle-time``).

    Applies when ``archetypes`` include ``continuous-delivery``.

    A criterion that reads an item left out of the model for a structure error (POM1xx)
    is not judged; the others still are."""
    path = claimed(ctx.facts, archetype=Archetype.CONTINUOUS_DELIVERY)
    if path is None:
        return
    slowest = ctx.settings(DeliveryOptions).max_cadence
    missing = unmet(
        criteria(
            ctx.facts,
            Archetype.CONTINUOUS_DELIVERY,
            Limits(max_cadence=slowest),
        )
    )
    if missing:
        yield Problem(
            path,
            not_shown(path, "continuous-delivery", missing),
            "use release strategy continuous-delivery, automate the stages that build, test "
            f"and deploy (a manual go/no-go may stay), release every {slowest} or faster, and "
            "measure lead time with a KPI of category lead-time",
        )
