"""POM408 cross-team-handoff-without-ritual: A handoff between teams whose two roles never meet in
a ceremony or ritual, and which travels through no modelled mechanism.
"""

from __future__ import annotations

from collections.abc import Iterator

from pomkit.domain.facts import Facts
from pomkit.domain.holes import UNKNOWN, View, tri_any
from pomkit.domain.vocabulary import Tri, mentions, tri_all
from pomkit.findings import Severity
from pomkit.model import Phase, label
from pomkit.rules.core import Context, Problem, rule

#: Phases of the stages where a change waits for approval before it is released.
RELEASE_PHASES = frozenset({Phase.DEVELOPMENT, Phase.DELIVERY})


def _escalates(facts: Facts, sender: str, receiver: str) -> Tri:
    """Whether ``sender`` owns a support tier whose ``escalates_to`` is a tier that
    ``receiver`` owns (a tier that names an undefined tier, POM206's, could be any)."""

    def link(view: View) -> Tri:
        target = view.get("escalates_to")
        if target is UNKNOWN:
            return None
        if target is None:
            return False
        found = facts.view_of("tier", target)
        owned: Tri = None if found is None else mentions(found, "owner", receiver)
        return tri_all(mentions(view, "owner", sender), owned)

    return facts.exists("tier", link)


def _release_phase(facts: Facts, stage: object) -> Tri:
    """Whether the lifecycle stage ``stage`` (a handoff's ``stage``) is in the development
    or delivery phase (``None``: unreadable, or a stage that is not defined, POM203's)."""
    if stage is UNKNOWN:
        return None
    if not isinstance(stage, str):
        return False
    view = facts.view_of("stage", stage)
    if view is None:
        return None
    phase = view.get("phase")
    if phase is UNKNOWN:
        return None
    if phase is None:
        phase = next((p for p in Phase if p.value == stage), None)
    return phase in RELEASE_PHASES


def _gate(view: View, role: str) -> Tri:
    """Whether ``role`` approves a release stage, or owns one that people run (not
    ``automated``): a gate the role operates."""
    automated = view.get("automated")
    manual: Tri = None if automated is UNKNOWN else not automated
    return tri_any(
        [mentions(view, "approvers", role), tri_all(mentions(view, "owner", role), manual)]
    )


def _approval(facts: Facts, handoff: View, receiver: str) -> Tri:
    """Whether a handoff in a development or delivery stage goes to a role that operates
    a release gate: a request for approval, asynchronous by design."""
    approves = facts.exists("release-stage", lambda view: _gate(view, receiver))
    return tri_all(_release_phase(facts, handoff.get("stage")), approves)


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

    Work that travels through a mechanism the model describes needs no meeting, and such
    a handoff is not reported:

    - **along a support escalation**: the sender owns a support tier whose
      ``escalates_to`` is a tier the receiver owns (L1 pages L2; the escalation path is
      the agreement);
    - **an approval request**: the handoff happens in a stage of the development or
      delivery phase and goes to a role that is one of a release stage's ``approvers``,
      or owns a release stage that is not ``automated`` — a change ticket waiting for a
      compliance go/no-go is asynchronous by design (segregation of duties), and so are
      changes handed to the release manager who runs the code freeze. Owning an
      automated stage (a build pipeline) is no gate: a release candidate handed to its
      owner is ordinary cross-team work.

    Roles without a team, or whose team is not defined (POM202), are not compared.
    Reported once per pair of roles, at their first handoff that travels through no such
    mechanism. Add both roles (or their teams) to a ritual under
    ``collaboration.rituals``, or hand over in a ceremony both attend (``via``). A pair
    is not reported while a ceremony, ritual, support tier, release stage or lifecycle
    stage that could bring the two together or carry the handoff cannot be read because
    of a structure error (POM1xx), nor when the tier or stage it names is not defined
    (POM206, POM203)."""
    model = ctx.model
    org = ctx.org
    facts = ctx.facts
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
        view = facts.kept_view("handoff", i)
        if tri_any([_escalates(facts, a, b), _approval(facts, view, b)]) is not False:
            continue  # carried by the support escalation or the release approval
        seen.add(pair)
        # Organisation.attendees already expands teams to sub-team members.
        if a in unsure or b in unsure or org.share_ritual(a, b) or facts.could_meet(a, b):
            continue
        yield Problem(
            ("handoffs", i),
            f"{label(handoff)} crosses from team '{team_a}' to team '{team_b}', but no "
            f"ceremony or ritual brings '{a}' and '{b}' together",
            f"add '{a}' and '{b}' (or teams '{team_a}' and '{team_b}') to a ritual under "
            "collaboration.rituals, or hand over via a ceremony both attend",
        )
