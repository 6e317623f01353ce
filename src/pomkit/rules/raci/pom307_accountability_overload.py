"""POM307 accountability-overload: A role is accountable for many responsibilities and more than a
configurable share of all of them.
"""

from collections.abc import Iterator

from pydantic import Field

from pomkit.domain.text import names
from pomkit.findings import Severity
from pomkit.rules.core import Context, Options, Problem, rule


class OverloadOptions(Options):
    max_share: float = Field(
        0.25,
        gt=0,
        le=1,
        description="The largest share of all responsibilities one role may answer for (0–1).",
    )
    min_responsibilities: int = Field(
        10,
        ge=1,
        le=1_000_000,
        description="Judge only models with at least this many responsibilities.",
    )
    min_accountable: int = Field(
        6,
        ge=1,
        le=1_000_000,
        description="Report only roles accountable for at least this many responsibilities.",
    )


@rule(
    "POM307",
    "accountability-overload",
    Severity.WARNING,
    "A role is accountable for many responsibilities and more than a configurable share of "
    "all of them.",
    bad="""
    responsibilities:
      - {id: set-strategy, activity: Set the strategy, element: strategy, stage: ideation,
         accountable: pm, responsible: [pm], consulted: [po]}
      - {id: plan-roadmap, activity: Plan the roadmap, element: strategy, stage: ideation,
         accountable: pm, responsible: [po], consulted: [lead]}
      - {id: refine-backlog, activity: Refine the backlog, element: methodology,
         stage: development, accountable: po, responsible: [po, devs]}
      - {id: run-sprints, activity: Run sprints, element: methodology, stage: development,
         accountable: sm, responsible: [devs, sm]}
      - {id: run-retros, activity: Run retrospectives, element: methodology,
         stage: development, accountable: sm, responsible: [sm]}
      - {id: design-architecture, activity: Design the architecture, element: methodology,
         stage: development, accountable: lead, responsible: [devs]}
      - {id: ship, activity: Ship releases, element: release, stage: delivery,
         accountable: pm, responsible: [devs]}
      - {id: answer-tickets, activity: Answer tickets, element: support, stage: support,
         accountable: support-lead, responsible: [support-lead]}
      - {id: gather-feedback, activity: Gather feedback, element: feedback, stage: support,
         accountable: pm, responsible: [po]}
      - {id: track-kpis, activity: Track KPIs, element: kpis, stage: delivery,
         accountable: pm, responsible: [pm]}
      - {id: align-teams, activity: Align teams, element: collaboration, stage: development,
         accountable: sm, responsible: [sm]}
      - {id: sunset, activity: Sunset the product, element: strategy, stage: retirement,
         accountable: pm, responsible: [lead]}
    """,
    good="""
    responsibilities:
      - {id: set-strategy, activity: Set the strategy, element: strategy, stage: ideation,
         accountable: pm, responsible: [pm], consulted: [po]}
      - {id: plan-roadmap, activity: Plan the roadmap, element: strategy, stage: ideation,
         accountable: po, responsible: [po], consulted: [lead]}
      - {id: refine-backlog, activity: Refine the backlog, element: methodology,
         stage: development, accountable: po, responsible: [po, devs]}
      - {id: run-sprints, activity: Run sprints, element: methodology, stage: development,
         accountable: sm, responsible: [devs, sm]}
      - {id: run-retros, activity: Run retrospectives, element: methodology,
         stage: development, accountable: sm, responsible: [sm]}
      - {id: design-architecture, activity: Design the architecture, element: methodology,
         stage: development, accountable: lead, responsible: [devs]}
      - {id: ship, activity: Ship releases, element: release, stage: delivery,
         accountable: lead, responsible: [devs]}
      - {id: answer-tickets, activity: Answer tickets, element: support, stage: support,
         accountable: support-lead, responsible: [support-lead]}
      - {id: gather-feedback, activity: Gather feedback, element: feedback, stage: support,
         accountable: po, responsible: [po]}
      - {id: track-kpis, activity: Track KPIs, element: kpis, stage: delivery,
         accountable: pm, responsible: [pm]}
      - {id: align-teams, activity: Align teams, element: collaboration, stage: development,
         accountable: sm, responsible: [sm]}
      - {id: sunset, activity: Sunset the product, element: strategy, stage: retirement,
         accountable: pm, responsible: [lead]}
    """,
    options=OverloadOptions,
)
def accountability_overload(ctx: Context) -> Iterator[Problem]:
    """When one role answers for a large part of everything, decisions queue up behind
    it and the model only scales as far as that role's calendar.

    Reported at the role's definition when it is the ``accountable`` role of at least
    ``min_accountable`` (default 6) responsibilities **and** of more than ``max_share``
    (default 0.25, i.e. 25 %) of all responsibilities, counted over the whole file, in a
    model with at least ``min_responsibilities`` (default 10) responsibilities.

    Both counts are needed because a share alone means little in a small RACI: with
    fifteen lines, a VP accountable for strategy, roadmap, KPI review and sunsetting
    holds 27 %, and adding two unrelated lines elsewhere brings it under 25 % without
    anything changing for the VP. Five accountabilities are what POM308 lets even a
    one-person role carry, so overload starts at six; from 24 responsibilities on, the
    share is the stricter test. For one person carrying many activities whatever the
    share, see POM308. Responsibilities that cannot be read because of a structure
    error (POM1xx) count in the total, so a role is reported only when it is over the
    share whatever they say.

    Fix it by handing accountability for some activities to the roles doing the work
    (a product owner for the backlog, a tech lead for releases), or raise the options
    under ``rules: {POM307: {max_share: 0.3}}`` if the concentration is deliberate."""
    options = ctx.settings(OverloadOptions)
    model = ctx.model
    total = len(model.responsibilities)
    unread = len(ctx.holes.dropped("responsibility"))
    max_share = options.max_share
    if total < options.min_responsibilities:
        return
    org = ctx.org
    for role, i in org.role_index.items():
        owned = org.accountable_for.get(role, [])
        if len(owned) >= options.min_accountable and len(owned) > max_share * (total + unread):
            yield Problem(
                ("roles", i),
                f"role '{role}' is accountable for {len(owned)} of {total} responsibilities "
                f"({len(owned) / total:.1%}), more than the {max_share:.0%} one role should "
                f"carry: {names([model.responsibilities[j].id for j in owned])}",
                "make the roles doing the work accountable for some of these activities, "
                "or raise `max_share` for POM307 if the concentration is deliberate",
            )
