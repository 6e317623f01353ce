"""POM310 ceremony-facilitated-from-outside: A team's ceremony is facilitated by a role that
neither sits in the team nor takes part in the ceremony.
"""

from __future__ import annotations

from collections.abc import Iterator

from pomkit.findings import Severity
from pomkit.rules.core import Context, Problem, rule


@rule(
    "POM310",
    "ceremony-facilitated-from-outside",
    Severity.WARNING,
    "A team's ceremony is facilitated by a role that neither sits in the team nor takes part "
    "in the ceremony.",
    bad="""
    teams:
      - {id: core, name: Core team, type: stream-aligned}
      - {id: platform, name: Platform team, type: platform}
    roles:
      - {id: pm, title: Product manager, kind: product-manager, team: core}
      - {id: po, title: Product owner, kind: product-owner, team: core}
      - {id: lead, title: Tech lead, kind: technical-architect, team: core}
      - {id: devs, title: Developers, kind: development-team, team: core, people: 5}
      - {id: sm, title: Scrum master, kind: scrum-master, team: platform}
      - {id: support-lead, title: Support lead, kind: custom, team: core}
    methodology:
      framework: scrum
      iteration: 2w
      ceremonies:
        - {id: planning, name: Sprint planning, type: planning, cadence: 2w, team: core,
           facilitator: sm, participants: [po, devs]}
        - {id: review, name: Sprint review, type: review, cadence: 2w, facilitator: po,
           participants: [devs, pm]}
        - {id: retro, name: Retrospective, type: retrospective, cadence: 2w, team: core,
           facilitator: sm, participants: [po, devs, sm]}
    """,
    good="""
    teams:
      - {id: core, name: Core team, type: stream-aligned}
      - {id: platform, name: Platform team, type: platform}
    roles:
      - {id: pm, title: Product manager, kind: product-manager, team: core}
      - {id: po, title: Product owner, kind: product-owner, team: core}
      - {id: lead, title: Tech lead, kind: technical-architect, team: core}
      - {id: devs, title: Developers, kind: development-team, team: core, people: 5}
      - {id: sm, title: Scrum master, kind: scrum-master, team: platform}
      - {id: support-lead, title: Support lead, kind: custom, team: core}
    methodology:
      framework: scrum
      iteration: 2w
      ceremonies:
        - {id: planning, name: Sprint planning, type: planning, cadence: 2w, team: core,
           facilitator: po, participants: [devs]}
        - {id: review, name: Sprint review, type: review, cadence: 2w, facilitator: po,
           participants: [devs, pm]}
        - {id: retro, name: Retrospective, type: retrospective, cadence: 2w, team: core,
           facilitator: sm, participants: [po, devs, sm]}
    """,
)
def ceremony_facilitated_from_outside(ctx: Context) -> Iterator[Problem]:
    """A ceremony that belongs to one team (``team:``) is run by whoever facilitates it.
    When that role sits in another team and is not even listed among the ceremony's
    participants, the model most likely kept a facilitator who has moved on (a scrum
    master reassigned to another team), or names the wrong team for the ceremony. A
    reviewer would fix either; an outsider who facilitates on purpose — a neutral agile
    coach running a retrospective — says so by appearing among the participants.

    Exactly: reported for each ceremony with a ``team`` and a ``facilitator`` when the
    facilitator's own ``team`` is neither that team nor one below it through ``parent:``
    (a role without a team sits in none), and the facilitator is not among the
    ``participants``. Ceremonies naming an undefined team or role are left to POM201 and
    POM202, and a ceremony is not judged while a structure error (POM1xx) hides its
    team, facilitator or participants, the facilitator's team, or a team's ``parent``.
    Reported at the ``facilitator``. Name a facilitator from the team, list the
    facilitator among the participants, or correct the ceremony's ``team``."""
    model = ctx.model
    if model.methodology is None:
        return
    org = ctx.org
    holes = ctx.holes
    if holes.any and (
        holes.dropped("team")
        or holes.unreadable("team")
        or any(holes.lost(("teams", i, "parent")) for i in range(len(model.teams)))
    ):
        return  # the team tree itself is unsure
    for i, ceremony in enumerate(model.methodology.ceremonies):
        team, facilitator = ceremony.team, ceremony.facilitator
        if team is None or facilitator is None:
            continue
        if team not in org.team_types or facilitator not in org.roles:
            continue
        if facilitator in ceremony.participants or org.sits_in(facilitator, team):
            continue
        own = org.team_of.get(facilitator)
        if own is not None and own not in org.team_types:
            continue  # an undefined team (POM202) could be meant as this one
        where = ("methodology", "ceremonies", i)
        if holes.any and (
            any(holes.lost((*where, key)) for key in ("team", "facilitator", "participants"))
            or holes.lost(("roles", org.role_index[facilitator], "team"))
        ):
            continue
        sits = f"sits in team '{own}'" if own is not None else "sits in no team"
        yield Problem(
            (*where, "facilitator"),
            f"ceremony '{ceremony.id}' belongs to team '{team}', but its facilitator "
            f"'{facilitator}' {sits} and is not among its participants",
            f"name a facilitator from team '{team}', list '{facilitator}' among the "
            f"participants if an outsider facilitates on purpose, or correct `team: {team}`",
        )
