"""POM411 bottleneck: A role of few people that receives handoffs from many other teams, or
that every chain of one stage's handoffs passes.
"""

from collections import defaultdict
from collections.abc import Iterator

from pydantic import Field

from pomkit.domain.flow import flow_unsure, stage_chokepoints
from pomkit.domain.text import names
from pomkit.findings import Severity
from pomkit.rules.core import Context, Options, Problem, rule


class BottleneckOptions(Options):
    min_teams: int = Field(
        4,
        ge=2,
        le=1_000_000,
        description="Report a role that receives handoffs from at least this many other teams.",
    )
    max_people: int = Field(
        1,
        ge=1,
        le=1_000_000,
        description="Only roles filled by at most this many people are reported.",
    )
    min_stage_roles: int = Field(
        5,
        ge=3,
        le=1_000_000,
        description="Report a role every chain of one stage's handoffs passes only when at "
        "least this many roles take part in that stage's handoffs.",
    )
    min_stage_senders: int = Field(
        3,
        ge=2,
        le=1_000_000,
        description="Report a role every chain of one stage's handoffs passes only when at "
        "least this many roles of that stage hand it work.",
    )


@rule(
    "POM411",
    "bottleneck",
    Severity.INFO,
    "A role of few people that receives handoffs from many other teams, or that every chain "
    "of one stage's handoffs passes.",
    options=BottleneckOptions,
    bad="""
    teams:
      - {id: core, name: Core team, type: stream-aligned}
      - {id: billing, name: Billing team, type: stream-aligned}
      - {id: search, name: Search team, type: stream-aligned}
      - {id: mobile, name: Mobile team, type: stream-aligned}
      - {id: quality, name: Quality, type: enabling}
    roles:
      - {id: pm, title: Product manager, kind: product-manager, team: core}
      - {id: po, title: Product owner, kind: product-owner, team: core}
      - {id: lead, title: Tech lead, kind: technical-architect, team: core}
      - {id: devs, title: Developers, kind: development-team, team: core, people: 5}
      - {id: sm, title: Scrum master, kind: scrum-master, team: core}
      - {id: support-lead, title: Support lead, kind: custom, team: core}
      - {id: billing-devs, title: Billing devs, kind: development-team, team: billing, people: 4}
      - {id: search-devs, title: Search devs, kind: development-team, team: search, people: 4}
      - {id: mobile-devs, title: Mobile devs, kind: development-team, team: mobile, people: 3}
      - {id: qa-lead, title: QA lead, kind: custom, team: quality}
    handoffs:
      - {from: pm, to: po, artifact: Opportunity brief, stage: ideation}
      - {from: po, to: devs, artifact: Ready backlog, stage: development, via: planning}
      - {from: devs, to: qa-lead, artifact: Build to test, stage: development}
      - {from: billing-devs, to: qa-lead, artifact: Build to test, stage: development}
      - {from: search-devs, to: qa-lead, artifact: Build to test, stage: development}
      - {from: mobile-devs, to: qa-lead, artifact: Build to test, stage: development}
      - {from: qa-lead, to: lead, artifact: Release candidate, stage: delivery}
      - {from: lead, to: support-lead, artifact: Release notes, stage: support}
      - {from: support-lead, to: pm, artifact: Retirement request, stage: retirement}
    """,
    good="""
    teams:
      - {id: core, name: Core team, type: stream-aligned}
      - {id: billing, name: Billing team, type: stream-aligned}
      - {id: search, name: Search team, type: stream-aligned}
      - {id: mobile, name: Mobile team, type: stream-aligned}
      - {id: quality, name: Quality, type: enabling}
    roles:
      - {id: pm, title: Product manager, kind: product-manager, team: core}
      - {id: po, title: Product owner, kind: product-owner, team: core}
      - {id: lead, title: Tech lead, kind: technical-architect, team: core}
      - {id: devs, title: Developers, kind: development-team, team: core, people: 5}
      - {id: sm, title: Scrum master, kind: scrum-master, team: core}
      - {id: support-lead, title: Support lead, kind: custom, team: core}
      - {id: billing-devs, title: Billing devs, kind: development-team, team: billing, people: 4}
      - {id: search-devs, title: Search devs, kind: development-team, team: search, people: 4}
      - {id: mobile-devs, title: Mobile devs, kind: development-team, team: mobile, people: 3}
      - {id: qa-lead, title: QA engineers, kind: custom, team: quality, people: 3}
    handoffs:
      - {from: pm, to: po, artifact: Opportunity brief, stage: ideation}
      - {from: po, to: devs, artifact: Ready backlog, stage: development, via: planning}
      - {from: devs, to: qa-lead, artifact: Build to test, stage: development}
      - {from: billing-devs, to: qa-lead, artifact: Build to test, stage: development}
      - {from: search-devs, to: qa-lead, artifact: Build to test, stage: development}
      - {from: mobile-devs, to: qa-lead, artifact: Build to test, stage: development}
      - {from: qa-lead, to: lead, artifact: Release candidate, stage: delivery}
      - {from: lead, to: support-lead, artifact: Release notes, stage: support}
      - {from: support-lead, to: pm, artifact: Retirement request, stage: retirement}
    """,
)
def bottleneck(ctx: Context) -> Iterator[Problem]:
    """Advice: when the work of many teams converges on a role filled by one person, that
    person's queue sets the pace of every one of those teams — the shared QA lead or
    architect every team waits for. POM407 asks whether the flow *can* go around a role;
    this asks whether the role can *keep up*, so it counts teams and people, not paths.

    Exactly: a role is reported when it is the ``to`` of handoffs from roles of at least
    ``min_teams`` (default 4) different teams other than its own, and it is filled by at
    most ``max_people`` (default 1) people. Self-handoffs, senders without a team and
    senders whose team is not defined (POM202) are not counted. A specialist shared by
    two or three teams is common and workable; at four, queues form. The roles that
    start or finish the lifecycle (POM402's start and finish roles) are not reported:
    taking in work from every team at the start, or signing it off at the end, is their
    part by design. Nor is a role whose ``people`` or ``team`` cannot be read, nor any
    role while a handoff or a lifecycle stage cannot be read because of a structure error
    (POM1xx). Linear in the number of handoffs.

    Within one stage, too: take that stage's handoffs (``stage:`` naming it, self-handoffs
    ignored). Work enters the stage at the roles that receive nothing within it and leaves
    it at those that hand nothing on; a role in the middle that every chain from an entry
    to an exit passes, filled by at most ``max_people`` people, and on which the work of
    at least ``min_stage_senders`` roles of the stage converges (default 3), is that
    stage's bottleneck. A chain of roles each handing to the next is a sequence, not a
    queue: a role that one or two others hand work to is its next step. Reported when at
    least ``min_stage_roles`` roles (default 5) take part in the stage's handoffs, unless
    the role owns the stage (the stage is its by design) or was reported for the teams
    it serves. POM407 asks the same of the whole lifecycle.

    Reported at the role's definition, naming the teams or the stage. Add people to the
    role (and say so with ``people:``), give each team its own, or let the teams hand
    work to each other without the detour — or accept it knowingly with a waiver on
    ``role:<id>``."""
    options = ctx.settings(BottleneckOptions)
    model = ctx.model
    org = ctx.org
    holes = ctx.holes
    flow = ctx.flow
    if not model.handoffs or flow_unsure(holes, model):
        return
    teams_in: dict[str, dict[str, None]] = defaultdict(dict)
    for handoff in model.handoffs:
        if handoff.from_ == handoff.to:
            continue
        team = org.team_of.get(handoff.from_)
        if team is not None and team in org.team_types and team != org.team_of.get(handoff.to):
            teams_in[handoff.to][team] = None
    reported: set[str] = set()
    for role in sorted(teams_in, key=lambda r: org.role_index.get(r, -1)):
        teams = list(teams_in[role])
        found = org.roles.get(role)
        if found is None or len(teams) < options.min_teams or found.people > options.max_people:
            continue
        if role in flow.start or role in flow.end:
            continue
        index = org.role_index[role]
        if holes.lost(("roles", index, "people")) or holes.lost(("roles", index, "team")):
            continue
        sorted_teams = sorted(teams, key=lambda t: org.team_index[t])
        reported.add(role)
        yield Problem(
            ("roles", index),
            f"role '{role}' ({_count(found.people)}) is a bottleneck: the handoffs of "
            f"{len(teams)} other teams ({names(sorted_teams)}) converge on it",
            f"add people to '{role}' (and say so with `people:`), give each team its own, or "
            "let the teams hand work on without the detour through it",
        )
    yield from _stage_bottlenecks(ctx, options, reported)


def _stage_bottlenecks(
    ctx: Context, options: BottleneckOptions, reported: set[str]
) -> Iterator[Problem]:
    """The second half of the rule: a role every chain of one stage's handoffs passes."""
    org = ctx.org
    by_stage: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for handoff in ctx.model.handoffs:
        if handoff.stage is not None and handoff.stage in org.stages:
            by_stage[handoff.stage].append((handoff.from_, handoff.to))
    for stage_id in sorted(by_stage, key=lambda s: org.stage_order[s]):
        taking_part, middle = stage_chokepoints(by_stage[stage_id])
        if len(taking_part) < options.min_stage_roles:
            continue
        owner = org.stages[stage_id].owner
        for role in middle:
            found = org.roles.get(role)
            if found is None or role in reported or role == owner:
                continue
            senders = {start for start, end in by_stage[stage_id] if end == role != start}
            if len(senders) < options.min_stage_senders:
                continue
            index = org.role_index[role]
            if found.people > options.max_people or ctx.holes.lost(("roles", index, "people")):
                continue
            reported.add(role)
            yield Problem(
                ("roles", index),
                f"role '{role}' ({_count(found.people)}) is a bottleneck of stage "
                f"'{stage_id}': the work of {len(senders)} roles converges on it, and every "
                f"chain of the stage's handoffs ({len(taking_part)} roles) passes through it",
                f"add people to '{role}' (and say so with `people:`), or give the stage's work "
                "a second path that does not wait for it",
            )


def _count(people: int) -> str:
    return "one person" if people == 1 else f"{people} people"
