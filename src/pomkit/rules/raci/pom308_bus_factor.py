"""POM308 bus-factor: A role filled by one person is accountable for many responsibilities."""

from collections.abc import Iterator

from pydantic import Field

from pomkit.domain.text import names
from pomkit.findings import Severity
from pomkit.rules.core import Context, Options, Problem, rule


class BusFactorOptions(Options):
    max_accountable: int = Field(
        5,
        ge=0,
        le=1_000_000,
        description="The most responsibilities a one-person role may be accountable for.",
    )


@rule(
    "POM308",
    "bus-factor",
    Severity.WARNING,
    "A role filled by one person is accountable for many responsibilities.",
    bad="""
    responsibilities:
      - {id: set-strategy, activity: Set the strategy, element: strategy, stage: ideation,
         accountable: pm, responsible: [pm], consulted: [po]}
      - {id: plan-roadmap, activity: Plan the roadmap, element: strategy, stage: ideation,
         accountable: pm, responsible: [po]}
      - {id: run-sprints, activity: Run sprints, element: methodology, stage: development,
         accountable: po, responsible: [devs, sm]}
      - {id: ship, activity: Ship releases, element: release, stage: delivery,
         accountable: lead, responsible: [devs]}
      - {id: answer-tickets, activity: Answer tickets, element: support, stage: support,
         accountable: support-lead, responsible: [support-lead]}
      - {id: gather-feedback, activity: Gather feedback, element: feedback, stage: support,
         accountable: pm, responsible: [po]}
      - {id: track-kpis, activity: Track KPIs, element: kpis, stage: delivery,
         accountable: pm, responsible: [pm]}
      - {id: align-teams, activity: Align teams, element: collaboration, stage: development,
         accountable: pm, responsible: [sm]}
      - {id: sunset, activity: Sunset the product, element: strategy, stage: retirement,
         accountable: pm, responsible: [lead]}
    """,
    good="""
    responsibilities:
      - {id: set-strategy, activity: Set the strategy, element: strategy, stage: ideation,
         accountable: pm, responsible: [pm], consulted: [po]}
      - {id: plan-roadmap, activity: Plan the roadmap, element: strategy, stage: ideation,
         accountable: pm, responsible: [po]}
      - {id: run-sprints, activity: Run sprints, element: methodology, stage: development,
         accountable: po, responsible: [devs, sm]}
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
    options=BusFactorOptions,
)
def bus_factor(ctx: Context) -> Iterator[Problem]:
    """A role filled by a single person that answers for many activities is a bus-factor
    risk: holidays, illness or departure stop all of them at once, and nobody else has
    the mandate to decide.

    Reported for each role with ``people: 1`` (the default when ``people`` is not
    written) that is the ``accountable`` role of more than ``max_accountable``
    (default 5) responsibilities. Unlike POM307 this counts activities, not a share, so
    it applies to models of any size.

    Fix it by delegating accountability for some activities, or — if more than one
    person really fills the role — by saying so with ``people:``."""
    limit = ctx.settings(BusFactorOptions).max_accountable
    org = ctx.org
    model = ctx.model
    for role, i in org.role_index.items():
        owned = org.accountable_for.get(role, [])
        if len(owned) <= limit or org.roles[role].people != 1:
            continue
        if ctx.holes.lost(("roles", i, "people")):
            continue  # `people` is written but invalid (POM1xx): it may not be one person
        yield Problem(
            ("roles", i),
            f"role '{role}' is one person (people: 1) and accountable for {len(owned)} "
            f"responsibilities, more than {limit}: "
            f"{names([model.responsibilities[j].id for j in owned])}",
            "delegate accountability for some of these activities to other roles, or "
            "set `people:` if more than one person fills the role",
        )
