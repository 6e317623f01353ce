"""POM407 single-point-of-failure: A role that every chain of handoffs from the start of the
lifecycle to its end passes through.
"""

from collections.abc import Iterator

from pydantic import Field

from pomkit.domain.flow import chokepoints, flow_unsure, role_path
from pomkit.domain.text import names
from pomkit.findings import Severity
from pomkit.rules.core import Context, Options, Problem, rule


class SinglePointOptions(Options):
    min_roles: int = Field(
        6,
        ge=2,
        le=1_000_000,
        description="Judge only flows in which at least this many roles take part in handoffs.",
    )
    max_people: int = Field(
        1,
        ge=1,
        le=1_000_000,
        description="Only roles filled by at most this many people are reported.",
    )


@rule(
    "POM407",
    "single-point-of-failure",
    Severity.INFO,
    "A role that every chain of handoffs from the start of the lifecycle to its end "
    "passes through.",
    options=SinglePointOptions,
    bad="""
    lifecycle:
      stages:
        - {id: ideation, name: Ideation, owner: pm}
        - {id: development, name: Development, owner: po}
        - {id: delivery, name: Delivery, owner: lead}
        - {id: support, name: Support, owner: support-lead}
        - {id: retirement, name: Retirement, owner: support-lead}
    handoffs:
      - {from: pm, to: po, artifact: Opportunity brief, stage: ideation}
      - {from: pm, to: sm, artifact: Team goals, stage: ideation}
      - {from: po, to: devs, artifact: Ready backlog, stage: development, via: planning}
      - {from: sm, to: devs, artifact: Team capacity, stage: development}
      - {from: devs, to: lead, artifact: Release candidate, stage: delivery}
      - {from: lead, to: po, artifact: Technical debt to plan, stage: delivery}
      - {from: lead, to: support-lead, artifact: Release notes, stage: support}
      - {from: lead, to: support-lead, artifact: Decommission plan, stage: retirement}
    """,
    good="""
    lifecycle:
      stages:
        - {id: ideation, name: Ideation, owner: pm}
        - {id: development, name: Development, owner: po}
        - {id: delivery, name: Delivery, owner: lead}
        - {id: support, name: Support, owner: support-lead}
        - {id: retirement, name: Retirement, owner: support-lead}
    handoffs:
      - {from: pm, to: po, artifact: Opportunity brief, stage: ideation}
      - {from: pm, to: sm, artifact: Team goals, stage: ideation}
      - {from: po, to: devs, artifact: Ready backlog, stage: development, via: planning}
      - {from: sm, to: devs, artifact: Team capacity, stage: development}
      - {from: devs, to: lead, artifact: Release candidate, stage: delivery}
      - {from: devs, to: support-lead, artifact: Known issues and workarounds, stage: delivery}
      - {from: lead, to: po, artifact: Technical debt to plan, stage: delivery}
      - {from: lead, to: support-lead, artifact: Release notes, stage: support}
      - {from: po, to: support-lead, artifact: Release scope and known issues, stage: support}
      - {from: lead, to: support-lead, artifact: Decommission plan, stage: retirement}
    """,
)
def single_point_of_failure(ctx: Context) -> Iterator[Problem]:
    """Advice, not a defect: a role is a single point of failure when the flow of work
    from the start of the lifecycle to its end cannot avoid it — if it is absent or
    overloaded, nothing gets through.

    Exactly: take the handoffs as arrows from ``from`` to ``to`` (self-handoffs ignored),
    and the start and finish roles of POM402 (owner and senders of the first stage;
    owner and receivers of the last). A role is reported when every chain of handoffs
    from a start role to a finish role passes through it — in the direction the work
    goes: a handoff back (a tech lead returning debt to the product owner) is no second
    path forward. A chain takes at least one handoff, so when one role both starts and
    finishes the lifecycle the work must come back to it, and the roles it has to pass
    on the way are reported. The start and finish roles themselves are not reported (the
    flow depends on them by definition), nor are roles whose loss only cuts off a side
    branch — a specialist who feeds a single product manager does not make that manager
    a single point of failure of the whole flow. Computed as the dominators of the
    finish in the graph from the start (one near-linear pass).

    Only checked when at least ``min_roles`` roles (default 6) take part in handoffs: a
    flow of five roles or fewer is one small team's chain, in which every role in the
    middle is expected to be one. Not checked when no chain leads from the start to the
    end (POM402), nor while a handoff or a lifecycle stage cannot be read because of a
    structure error (POM1xx): the missing handoff could be the second path.

    A role is a single point of failure in the human sense only when one absence stops
    it: a role filled by more than ``max_people`` people (default 1, as for POM411)
    — developers, a pool of compliance officers — has its own deputies and is not
    reported, nor is a role whose ``people`` cannot be read. Reported at the role's
    definition (undefined roles are left to POM201), saying how many people fill it.
    Give the work a second path — a deputy (and say so with ``people:``), a handoff
    that bypasses the role — or accept it knowingly (for instance with a waiver on
    ``role:<id>``)."""
    flow = ctx.flow
    if not flow.start or not flow.end:
        return
    org = ctx.org
    taking_part = {
        role
        for handoff in ctx.model.handoffs
        if handoff.from_ != handoff.to
        for role in (handoff.from_, handoff.to)
    }
    if len(taking_part) < ctx.settings(SinglePointOptions).min_roles:
        return
    if flow_unsure(ctx.holes, ctx.model):
        return
    found = chokepoints(org, flow)
    if not found:
        return
    max_people = ctx.settings(SinglePointOptions).max_people
    cuts = [
        r
        for r in found
        if r not in flow.start
        and r not in flow.end
        and r in org.roles
        and org.roles[r].people <= max_people
        and not ctx.holes.lost(("roles", org.role_index[r], "people"))
    ]
    start, end = names(sorted(flow.start), 4), names(sorted(flow.end), 4)
    for role in sorted(cuts, key=lambda r: org.role_index[r]):
        people = org.roles[role].people
        count = "one person" if people == 1 else f"{people} people"
        yield Problem(
            role_path(org, role),
            f"role '{role}' ({count}) is a single point of failure: every chain of handoffs "
            f"from the roles that start the lifecycle ({start}) to those that finish it "
            f"({end}) passes through it",
            f"give the work a second path that does not depend on '{role}' (a deputy, a "
            "handoff that bypasses it), or waive this knowingly",
        )
