"""POM408 cross-team-handoff-without-ritual: A handoff between teams whose two roles never meet in
a ceremony or ritual.
"""

from __future__ import annotations

from collections.abc import Iterator

from pomkit.findings import Severity
from pomkit.model import label
from pomkit.rules.core import Context, Problem, rule


@rule(
    "POM408",
    "cross-team-handoff-without-ritual",
    Severity.INFO,
    "A handoff between teams whose two roles never meet in a ceremony or ritual.",
    bad="""
    teams:
      - {id: core, name: Core team, type: stream-aligned}
      - {id: platform, name: Platform team, type: platform}
    roles:
      - {id: pm, title: Product manager, kind: product-manager, team: core}
      - {id: po, title: Product owner, kind: product-owner, team: core}
      - {id: lead, title: Platform lead, kind: technical-architect, team: platform}
      - {id: devs, title: Developers, kind: development-team, team: core, people: 5}
      - {id: sm, title: Scrum master, kind: scrum-master, team: core}
      - {id: support-lead, title: Support lead, kind: custom, team: core}
    """,
    good="""
    teams:
      - {id: core, name: Core team, type: stream-aligned}
      - {id: platform, name: Platform team, type: platform}
    roles:
      - {id: pm, title: Product manager, kind: product-manager, team: core}
      - {id: po, title: Product owner, kind: product-owner, team: core}
      - {id: lead, title: Platform lead, kind: technical-architect, team: platform}
      - {id: devs, title: Developers, kind: development-team, team: core, people: 5}
      - {id: sm, title: Scrum master, kind: scrum-master, team: core}
      - {id: support-lead, title: Support lead, kind: custom, team: core}
    collaboration:
      rituals:
        - {id: sync, name: Product sync, cadence: weekly, participants: [pm, lead, support-lead]}
        - {id: release-sync, name: Release sync, cadence: 2w, participants: [core, platform]}
    """,
)
def cross_team_handoff_without_ritual(ctx: Context) -> Iterator[Problem]:
    """Advice: work that crosses a team boundary needs a place where both sides talk. A
    handoff is reported when its two roles belong to different teams and no ceremony
    (facilitator or participant) or ritual has both of them. A ritual may list whole
    teams: a team stands for every role of the team and of the teams that belong to it
    (``parent:``), so an all-hands of a parent team counts for its sub-teams.

    Roles without a team, or whose team is not defined (POM202), are not compared.
    Reported once per pair of roles, at their first handoff. Add both roles (or their
    teams) to a ritual under ``collaboration.rituals``, or hand over in a ceremony both
    attend (``via``). A pair is not reported while a ceremony or ritual that could bring
    the two together cannot be read because of a structure error (POM1xx)."""
    model = ctx.model
    org = ctx.org
    unsure = ctx.org.unsure_attendees
    seen: set[frozenset[str]] = set()
    for i, handoff in enumerate(model.handoffs):
        a, b = handoff.from_, handoff.to
        team_a, team_b = org.team_of.get(a), org.team_of.get(b)
        if team_a == team_b or team_a not in org.team_types or team_b not in org.team_types:
            continue
        pair = frozenset((a, b))
        if pair in seen:
            continue
        seen.add(pair)
        # Organisation.attendees already expands teams to sub-team members.
        if a in unsure or b in unsure or org.share_ritual(a, b) or ctx.facts.could_meet(a, b):
            continue
        yield Problem(
            ("handoffs", i),
            f"{label(handoff)} crosses from team '{team_a}' to team '{team_b}', but no "
            f"ceremony or ritual brings '{a}' and '{b}' together",
            f"add '{a}' and '{b}' (or teams '{team_a}' and '{team_b}') to a ritual under "
            "collaboration.rituals, or hand over via a ceremony both attend",
        )
